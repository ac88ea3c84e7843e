package spelling

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// flagMode is the FLAG setting of an .aff file: how flag strings split into flags.
type flagMode int

const (
	flagChar flagMode = iota // one character per flag (the default)
	flagLong                 // two characters per flag
	flagNum                  // comma-separated decimal numbers
	flagUTF8                 // one Unicode character per flag
)

// class is one position of an affix condition: any character, or a
// (possibly negated) set of characters. Cyrillic letters (U+0400–U+047F)
// are kept in a bit mask, others in a list.
type class struct {
	any   bool
	neg   bool
	cyr   [2]uint64
	other []rune
}

const cyrBase = 0x400

func (c *class) add(r rune) {
	if r >= cyrBase && r < cyrBase+128 {
		i := r - cyrBase
		c.cyr[i>>6] |= 1 << (i & 63)
		return
	}
	c.other = append(c.other, r)
}

// has reports whether r is in the set, whatever neg says.
func (c *class) has(r rune) bool {
	if r >= cyrBase && r < cyrBase+128 {
		i := r - cyrBase
		return c.cyr[i>>6]&(1<<(i&63)) != 0
	}
	return slices.Contains(c.other, r)
}

func (c *class) remove(r rune) {
	if r >= cyrBase && r < cyrBase+128 {
		i := r - cyrBase
		c.cyr[i>>6] &^= 1 << (i & 63)
		return
	}
	c.other = slices.DeleteFunc(c.other, func(x rune) bool { return x == r })
}

func (c *class) empty() bool {
	return c.cyr == [2]uint64{} && len(c.other) == 0
}

func (c *class) match(r rune) bool {
	if c.any {
		return true
	}
	in := false
	if r >= cyrBase && r < cyrBase+128 {
		i := r - cyrBase
		in = c.cyr[i>>6]&(1<<(i&63)) != 0
	} else {
		for _, x := range c.other {
			if x == r {
				in = true
				break
			}
		}
	}
	return in != c.neg
}

// cond is an affix condition such as "[^ц]ый". For a suffix it is matched
// against the end of the root, for a prefix against its start.
type cond []class

func parseCond(s string) cond {
	if s == "" || s == "." {
		return nil
	}
	var c cond
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '.':
			c = append(c, class{any: true})
		case '[':
			var cl class
			i++
			if i < len(rs) && rs[i] == '^' {
				cl.neg = true
				i++
			}
			for ; i < len(rs) && rs[i] != ']'; i++ {
				cl.add(rs[i])
			}
			c = append(c, cl)
		default:
			var cl class
			cl.add(rs[i])
			c = append(c, cl)
		}
	}
	return c
}

// matchEnd reports whether the last len(c) characters of b match c.
func (c cond) matchEnd(b []byte) bool {
	for i := len(c) - 1; i >= 0; i-- {
		if len(b) == 0 {
			return false
		}
		r, n := utf8.DecodeLastRune(b)
		if !c[i].match(r) {
			return false
		}
		b = b[:len(b)-n]
	}
	return true
}

// matchEndString is matchEnd for a string.
func (c cond) matchEndString(s string) bool {
	for i := len(c) - 1; i >= 0; i-- {
		if len(s) == 0 {
			return false
		}
		r, n := utf8.DecodeLastRuneInString(s)
		if !c[i].match(r) {
			return false
		}
		s = s[:len(s)-n]
	}
	return true
}

// matchTail matches c against the end of a root made of rest and strip;
// back holds the last letters of rest, last one first.
func (c cond) matchTail(back, strip []rune) bool {
	for i := range c {
		var r rune
		if j := len(strip) - 1 - i; j >= 0 {
			r = strip[j]
		} else if j := i - len(strip); j < len(back) {
			r = back[j]
		} else {
			return false
		}
		if !c[len(c)-1-i].match(r) {
			return false
		}
	}
	return true
}

// matchStartString is matchStart for a string.
func (c cond) matchStartString(s string) bool {
	for i := range c {
		if len(s) == 0 {
			return false
		}
		r, n := utf8.DecodeRuneInString(s)
		if !c[i].match(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// matchStart reports whether the first len(c) characters of b match c.
func (c cond) matchStart(b []byte) bool {
	for i := range c {
		if len(b) == 0 {
			return false
		}
		r, n := utf8.DecodeRune(b)
		if !c[i].match(r) {
			return false
		}
		b = b[n:]
	}
	return true
}

// affix is one PFX or SFX rule.
//
// Stems are stored with ё folded to е, but a rule may hold for «питьё» and
// not for «кнутовище» (SFX J ё я ё). So each rule has three conditions:
// cond, tested on the folded root before the lookup, lets through every root
// the rule might fit; condE is exact for stems spelled without ё; condOrig
// and stripOrig are tested on the spelling of stems with ё.
type affix struct {
	flag      uint16
	cross     bool // may combine with an affix of the other kind
	strip     string
	add       string
	stripOrig string
	addOrig   string
	stripN    int // length of strip in characters
	addN      int // length of add in characters
	cond      cond
	condE     cond
	neverE    bool // never fits a stem spelled without ё
	condOrig  cond
	cont      flagSet // continuation classes (twofold suffixes)
	needsMore bool    // the continuation has NEEDAFFIX: the form alone is not a word
}

// fits reports whether the rule fits a stem as spelled in the dictionary.
func (r *affix) fits(stem string, prefix bool) bool {
	if prefix {
		return strings.HasPrefix(stem, r.stripOrig) && r.condOrig.matchStartString(stem)
	}
	return strings.HasSuffix(stem, r.stripOrig) && r.condOrig.matchEndString(stem)
}

const (
	yo, ye, yoCap, yeCap = 'ё', 'е', 'Ё', 'Е'
)

// conds derives cond and condE from the condition as written.
func (r *affix) conds() {
	r.neverE = strings.ContainsAny(r.stripOrig, "ёЁ")
	for _, c := range r.condOrig {
		e, loose := c, c // copies; the sets are changed below
		e.other, loose.other = slices.Clone(c.other), slices.Clone(c.other)
		if c.any {
			r.condE = append(r.condE, e)
			r.cond = append(r.cond, loose)
			continue
		}
		// Exact for stems without ё: ё in the set can never match.
		e.remove(yo)
		e.remove(yoCap)
		if !e.neg && e.empty() {
			r.neverE = true
		}
		// Loose for folded stems: е there may stand for ё.
		switch {
		case c.neg && (c.has(yo) || c.has(ye)):
			loose.remove(yo)
			loose.remove(ye)
		case !c.neg && c.has(yo):
			loose.add(ye)
		}
		switch {
		case c.neg && (c.has(yoCap) || c.has(yeCap)):
			loose.remove(yoCap)
			loose.remove(yeCap)
		case !c.neg && c.has(yoCap):
			loose.add(yeCap)
		}
		r.condE = append(r.condE, e)
		r.cond = append(r.cond, loose)
	}
}

// group holds the rules that share the added string and the stripped string,
// so the root is built and looked up once for all of them.
type group struct {
	strip  string
	stripR []rune
	rules  []*affix
	// The fast path, for dictionaries with at most 64 flags and groups
	// without continuation classes: rules with the same condition merged
	// into one flag mask, so each condition is tested once.
	fast   bool
	conds  []condMask // the loose conditions
	condsE []condMask // the exact ones for stems without ё
	same   bool       // the two lists are the same
	yo     bool       // some rule has ё in its strip or condition
}

type condMask struct {
	cond  cond
	mask  uint64 // flags of the rules with this condition
	cross uint64 // the same, cross-product rules only
}

// repRule is one line of the REP table.
type repRule struct {
	from, to   string
	start, end bool // anchored with ^ or $
}

// Special flags; each is -1 when the .aff file does not define it.
const (
	spForbidden = iota
	spNeedAffix
	spOnlyInCompound
	spKeepCase
	spNoSuggest
	nSpecial
)

// Entry attributes derived from the special flags.
const (
	attrForbidden uint8 = 1 << iota
	attrNeedAffix
	attrOnlyInCompound
	attrKeepCase
	attrNoSuggest
	attrYo         // the stem is spelled with ё: conditions are tested on its spelling
	attrOnlyUpcase // a hidden capitalised form, for text in capitals only
)

// affData is what parseAff collects before the dictionary is read.
type affData struct {
	mode    flagMode
	ids     map[uint32]uint16 // flag code -> dense id
	aliases [][]uint32        // AF table, 1-based in the files
	sfx     []*affix
	pfx     []*affix
	special [nSpecial]int32
	try     string
	key     string
	rep     []repRule
	breaks  []string
	ignore  string
	hasBrk  bool
}

// decoder returns the decoder for a SET value, or nil for UTF-8.
func decoder(set string) (*encoding.Decoder, error) {
	s := strings.ToUpper(strings.TrimSpace(set))
	s = strings.NewReplacer("_", "-", " ", "").Replace(s)
	switch s {
	case "", "UTF-8", "UTF8":
		return nil, nil
	case "KOI8-R":
		return charmap.KOI8R.NewDecoder(), nil
	case "KOI8-U":
		return charmap.KOI8U.NewDecoder(), nil
	case "CP1251", "WINDOWS-1251", "MICROSOFT-CP1251":
		return charmap.Windows1251.NewDecoder(), nil
	case "CP1252", "WINDOWS-1252", "MICROSOFT-CP1252":
		return charmap.Windows1252.NewDecoder(), nil
	}
	if n, ok := strings.CutPrefix(s, "ISO8859-"); ok {
		s = "ISO-8859-" + n
	}
	if n, ok := strings.CutPrefix(s, "ISO-8859-"); ok {
		tab := map[string]*charmap.Charmap{
			"1": charmap.ISO8859_1, "2": charmap.ISO8859_2, "3": charmap.ISO8859_3,
			"4": charmap.ISO8859_4, "5": charmap.ISO8859_5, "6": charmap.ISO8859_6,
			"7": charmap.ISO8859_7, "8": charmap.ISO8859_8, "9": charmap.ISO8859_9,
			"10": charmap.ISO8859_10, "13": charmap.ISO8859_13, "14": charmap.ISO8859_14,
			"15": charmap.ISO8859_15,
		}
		if cm, ok := tab[n]; ok {
			return cm.NewDecoder(), nil
		}
	}
	return nil, fmt.Errorf("spelling: unsupported encoding %q", set)
}

// findSet returns the value of the SET line; it is ASCII in every encoding.
func findSet(aff []byte) string {
	for len(aff) > 0 {
		line := aff
		if i := bytes.IndexByte(aff, '\n'); i >= 0 {
			line, aff = aff[:i], aff[i+1:]
		} else {
			aff = nil
		}
		f := bytes.Fields(line)
		if len(f) >= 2 && string(f[0]) == "SET" {
			return string(f[1])
		}
	}
	return ""
}

// toUTF8 converts data to UTF-8. Without SET, data that is not valid UTF-8
// is read as ISO-8859-1, which is what Hunspell assumes.
func toUTF8(data []byte, set string) ([]byte, error) {
	if set == "" && !utf8.Valid(data) {
		set = "ISO-8859-1"
	}
	dec, err := decoder(set)
	if err != nil || dec == nil {
		return bytes.TrimPrefix(data, []byte("\uFEFF")), err
	}
	out, err := dec.Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("spelling: decoding %s: %w", set, err)
	}
	return out, nil
}

// splitFlags splits a flag string into flag codes according to mode.
func splitFlags(s string, mode flagMode) []uint32 {
	var out []uint32
	switch mode {
	case flagLong:
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, uint32(rs[i])<<16|uint32(rs[i+1]))
		}
		if len(rs)%2 == 1 {
			out = append(out, uint32(rs[len(rs)-1]))
		}
	case flagNum:
		for _, p := range strings.Split(s, ",") {
			if n, err := strconv.ParseUint(strings.TrimSpace(p), 10, 32); err == nil {
				out = append(out, uint32(n))
			}
		}
	default:
		for _, r := range s {
			out = append(out, uint32(r))
		}
	}
	return out
}

// flags resolves a flag field of a rule or an entry: an AF alias number when
// the file has an AF table, else a flag string.
func (a *affData) flags(s string) []uint32 {
	if len(a.aliases) > 0 {
		if n, err := strconv.Atoi(s); err == nil {
			if n >= 1 && n <= len(a.aliases) {
				return a.aliases[n-1]
			}
			return nil
		}
	}
	return splitFlags(s, a.mode)
}

// id returns the dense id of a flag code, assigning one if needed.
func (a *affData) id(code uint32) uint16 {
	if id, ok := a.ids[code]; ok {
		return id
	}
	id := uint16(len(a.ids))
	a.ids[code] = id
	return id
}

// parseAff reads the options and affix rules. Unknown options are skipped:
// an .aff file carries many settings that do not change which words are
// correct (MAP, PHONE, COMPOUND*, WORDCHARS, ...).
func parseAff(text string) (*affData, error) {
	a := &affData{ids: map[uint32]uint16{}}
	for i := range a.special {
		a.special[i] = -1
	}
	type block struct {
		cross bool
		left  int
	}
	blocks := map[string]*block{} // "SFX A" -> rules still expected
	var aliasLeft, repLeft, breakLeft = -1, -1, -1
	lines := strings.Split(text, "\n")
	for ln, line := range lines {
		line = strings.TrimRight(line, "\r")
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		arg := ""
		if len(f) > 1 {
			arg = f[1]
		}
		switch f[0] {
		case "FLAG":
			switch strings.ToLower(arg) {
			case "long":
				a.mode = flagLong
			case "num":
				a.mode = flagNum
			case "utf-8", "utf8":
				a.mode = flagUTF8
			default:
				return nil, fmt.Errorf("spelling: .aff line %d: unknown FLAG %q", ln+1, arg)
			}
		case "TRY":
			a.try = arg
		case "KEY":
			a.key = arg
		case "IGNORE":
			a.ignore = arg
		case "FORBIDDENWORD", "NEEDAFFIX", "PSEUDOROOT", "ONLYINCOMPOUND", "KEEPCASE", "NOSUGGEST":
			fl := a.flags(arg)
			if len(fl) == 0 {
				continue
			}
			sp := map[string]int{"FORBIDDENWORD": spForbidden, "NEEDAFFIX": spNeedAffix,
				"PSEUDOROOT": spNeedAffix, "ONLYINCOMPOUND": spOnlyInCompound,
				"KEEPCASE": spKeepCase, "NOSUGGEST": spNoSuggest}[f[0]]
			a.special[sp] = int32(a.id(fl[0]))
		case "AF":
			if aliasLeft < 0 {
				aliasLeft, _ = strconv.Atoi(arg)
				continue
			}
			aliasLeft--
			// Aliases are plain flag strings even though rule fields are numbers.
			a.aliases = append(a.aliases, splitFlags(arg, a.mode))
		case "REP":
			if repLeft < 0 {
				repLeft, _ = strconv.Atoi(arg)
				continue
			}
			repLeft--
			if len(f) < 3 {
				continue
			}
			r := repRule{from: f[1], to: strings.ReplaceAll(f[2], "_", " ")}
			r.from, r.start = strings.CutPrefix(r.from, "^")
			r.from, r.end = strings.CutSuffix(r.from, "$")
			if r.from != "" {
				a.rep = append(a.rep, r)
			}
		case "BREAK":
			a.hasBrk = true
			if breakLeft < 0 {
				breakLeft, _ = strconv.Atoi(arg)
				continue
			}
			breakLeft--
			if arg != "" {
				a.breaks = append(a.breaks, arg)
			}
		case "SFX", "PFX":
			if len(f) < 4 {
				return nil, fmt.Errorf("spelling: .aff line %d: short %s line", ln+1, f[0])
			}
			key := f[0] + " " + f[1]
			b := blocks[key]
			if b == nil || b.left <= 0 {
				if n, err := strconv.Atoi(f[3]); err == nil && (f[2] == "Y" || f[2] == "N") {
					blocks[key] = &block{cross: f[2] == "Y", left: n}
					continue
				}
				if b == nil {
					b = &block{}
					blocks[key] = b
				}
			}
			b.left--
			fl := a.flags(f[1])
			if len(fl) == 0 {
				continue
			}
			r, err := a.rule(f, a.id(fl[0]), b.cross)
			if err != nil {
				return nil, fmt.Errorf("spelling: .aff line %d: %w", ln+1, err)
			}
			if f[0] == "SFX" {
				a.sfx = append(a.sfx, r)
			} else {
				a.pfx = append(a.pfx, r)
			}
		}
	}
	if len(a.ids) > 1<<16-1 {
		return nil, fmt.Errorf("spelling: too many affix flags (%d)", len(a.ids))
	}
	return a, nil
}

// rule builds one affix from the fields "SFX flag strip add[/cont] [cond]".
func (a *affData) rule(f []string, flag uint16, cross bool) (*affix, error) {
	strip, add := f[2], f[3]
	if strip == "0" {
		strip = ""
	}
	var cont []uint32
	if i := strings.IndexByte(add, '/'); i >= 0 {
		cont = a.flags(add[i+1:])
		add = add[:i]
	}
	if add == "0" {
		add = ""
	}
	c := "."
	if len(f) > 4 {
		c = f[4]
	}
	strip = removeRunes(strip, a.ignore)
	add = removeRunes(add, a.ignore)
	r := &affix{flag: flag, cross: cross, strip: fold(strip), add: fold(add), stripOrig: strip, addOrig: add,
		condOrig: parseCond(c), stripN: utf8.RuneCountInString(strip), addN: utf8.RuneCountInString(add)}
	r.conds()
	var ids []uint16
	for _, code := range cont {
		ids = append(ids, a.id(code))
	}
	r.cont = makeSet(ids)
	return r, nil
}

// removeRunes deletes from s every character of set.
func removeRunes(s, set string) string {
	if set == "" || !strings.ContainsAny(s, set) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(set, r) {
			return -1
		}
		return r
	}, s)
}
