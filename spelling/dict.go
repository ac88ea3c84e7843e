package spelling

import (
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// maxWordLen is the longest word, in characters, that Check and Suggest
// look at; Hunspell has the same limit. Longer strings are not words.
const maxWordLen = 100

// flagSet is a bit set of dense flag ids.
type flagSet []uint64

func makeSet(ids []uint16) flagSet {
	var s flagSet
	for _, id := range ids {
		w := int(id >> 6)
		for len(s) <= w {
			s = append(s, 0)
		}
		s[w] |= 1 << (id & 63)
	}
	return s
}

func (s flagSet) has(id uint16) bool {
	w := int(id >> 6)
	return w < len(s) && s[w]&(1<<(id&63)) != 0
}

// each calls fn for every flag in s.
func (s flagSet) each(fn func(uint16)) {
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			fn(uint16(i*64 + b))
			w &= w - 1
		}
	}
}

func (s flagSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// key identifies a flag set for sharing. Trailing empty words are dropped
// so that equal sets of different lengths share a key; a word's own zero
// digits must stay («b8jk0» and «b8jk» are different sets).
func (s flagSet) key() string {
	n := len(s)
	for n > 0 && s[n-1] == 0 {
		n--
	}
	var b strings.Builder
	for _, w := range s[:n] {
		b.WriteString(strconv.FormatUint(w, 36))
		b.WriteByte(',')
	}
	return b.String()
}

// Dict is a loaded Hunspell dictionary; safe for concurrent use after Load.
//
// Words are kept as written in the .dic file (one entry per stem, with its
// flags); inflected forms are recognised at Check time by stripping affixes.
// The letters ё and е are folded together everywhere, so either spelling of a
// word is accepted whichever one the dictionary holds.
type Dict struct {
	words  *wordMap // folded stem -> index into sets/attrs
	sets   []flagSet
	attrs  []uint8
	lo     []uint64            // first word of each set, for the fast path
	bloom  *bloom              // over the keys of words
	nstems int                 // words.key(0…nstems-1) are the stems in file order, for suggestions
	orig   map[string][]string // folded stem -> its spellings, for stems with ё

	withCache map[[2]uint32]uint32 // withAttr results, while loading

	sfx, pfx       map[string][]group // keyed by the added string
	sfxTrie        *trieNode          // the keys of sfx, from the end
	maxSfx, maxPfx int                // longest added string, bytes
	maxCond        int                // longest suffix condition, letters
	small          bool               // at most 64 flags: masks fit a uint64
	sfxByFlag      [][]*affix         // for generating forms
	contUsed       flagSet            // flags that appear as continuation classes

	try     []rune
	rep     []repRule
	breaks  []string
	ignore  string
	keyRows []string

	alphaOnce sync.Once
	alpha     []rune // lowercase TRY letters
	scanOnce  sync.Once
	scanData  *scanIndex

	extra   atomic.Pointer[extraWords]
	memo    atomic.Pointer[memo]
	addMu   sync.Mutex
	rev     *revIndex // stems by reversed bytes, built on the first Add
	noCache bool      // benchmarks measure the bare algorithm with it
}

// extraWords are the words given to Add; replaced as a whole on each Add.
type extraWords struct {
	m map[string]extraWord
}

type extraWord struct {
	set  uint32
	orig string
}

// LoadFiles reads a dictionary from an .aff and a .dic file.
func LoadFiles(affPath, dicPath string) (*Dict, error) {
	aff, err := os.ReadFile(affPath)
	if err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	dic, err := os.ReadFile(dicPath)
	if err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	return load(aff, dic)
}

// Load parses a dictionary from the contents of an .aff and a .dic file.
func Load(aff, dic io.Reader) (*Dict, error) {
	if aff == nil || dic == nil {
		return nil, errors.New("spelling: nil reader")
	}
	a, err := io.ReadAll(aff)
	if err != nil {
		return nil, fmt.Errorf("spelling: reading .aff: %w", err)
	}
	d, err := io.ReadAll(dic)
	if err != nil {
		return nil, fmt.Errorf("spelling: reading .dic: %w", err)
	}
	return load(a, d)
}

func load(affRaw, dicRaw []byte) (*Dict, error) {
	set := findSet(affRaw)
	affText, err := toUTF8(affRaw, set)
	if err != nil {
		return nil, err
	}
	dicText, err := toUTF8(dicRaw, set)
	if err != nil {
		return nil, err
	}
	a, err := parseAff(string(affText))
	if err != nil {
		return nil, err
	}
	d := &Dict{
		sfx:    map[string][]group{},
		pfx:    map[string][]group{},
		try:    []rune(a.try),
		rep:    a.rep,
		ignore: a.ignore,
		breaks: []string{"-", "^-", "-$"},
	}
	if a.hasBrk {
		d.breaks = nil
		for _, b := range a.breaks {
			d.breaks = append(d.breaks, fold(b))
		}
	}
	if a.key != "" {
		d.keyRows = strings.Split(a.key, "|")
	} else {
		d.keyRows = strings.Split(defaultKey, "|")
	}
	if na := a.special[spNeedAffix]; na >= 0 {
		for _, r := range append(a.sfx, a.pfx...) {
			r.needsMore = r.cont.has(uint16(na))
		}
	}
	d.index(a)
	if err := d.parseDic(string(dicText), a); err != nil {
		return nil, err
	}
	d.lo = make([]uint64, len(d.sets))
	for i, s := range d.sets {
		if len(s) > 0 {
			d.lo[i] = s[0]
		}
	}
	d.memo.Store(newMemo(memoSize))
	return d, nil
}

// index groups the affix rules by their added string and by flag.
func (d *Dict) index(a *affData) {
	add := func(m map[string][]group, r *affix) {
		gs := m[r.add]
		for i := range gs {
			if gs[i].strip == r.strip {
				gs[i].rules = append(gs[i].rules, r)
				return
			}
		}
		m[r.add] = append(gs, group{strip: r.strip, rules: []*affix{r}})
	}
	d.sfxByFlag = make([][]*affix, len(a.ids))
	for _, r := range a.sfx {
		add(d.sfx, r)
		d.maxSfx = max(d.maxSfx, len(r.add))
		d.maxCond = max(d.maxCond, len(r.cond))
		d.sfxByFlag[r.flag] = append(d.sfxByFlag[r.flag], r)
		d.contUsed = union(d.contUsed, r.cont)
	}
	for _, r := range a.pfx {
		add(d.pfx, r)
		d.maxPfx = max(d.maxPfx, len(r.add))
	}
	d.small = len(a.ids) <= 64
	d.sfxTrie = &trieNode{}
	for add, gs := range d.sfx {
		for i := range gs {
			d.prepare(&gs[i])
		}
		d.sfxTrie.insert(add, gs)
	}
}

// trieNode is a node of the suffix trie: the added strings of the suffix
// rules, read from their last letter. Check walks it from the end of a word
// and stops where no suffix goes on.
type trieNode struct {
	groups []group // rules whose added string ends here
	kids   []trieKid
}

type trieKid struct {
	r rune
	n *trieNode
}

func (t *trieNode) insert(add string, gs []group) {
	n := t
	for s := add; s != ""; {
		r, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
		n = n.kid(r, true)
	}
	n.groups = gs
}

// kid returns the child for r, creating it if asked.
func (t *trieNode) kid(r rune, create bool) *trieNode {
	for _, k := range t.kids {
		if k.r == r {
			return k.n
		}
	}
	if !create {
		return nil
	}
	n := &trieNode{}
	t.kids = append(t.kids, trieKid{r, n})
	return n
}

// prepare fills in the fast path of a suffix group where it applies.
func (d *Dict) prepare(g *group) {
	g.stripR = []rune(g.strip)
	for _, r := range g.rules {
		if r.neverE || strings.ContainsAny(r.stripOrig, "ёЁ") || !sameCond(r.cond, r.condE) {
			g.yo = true
		}
	}
	if !d.small {
		return
	}
	for _, r := range g.rules {
		if !r.cont.empty() || r.needsMore || d.contUsed.has(r.flag) {
			return
		}
	}
	g.fast = true
	for _, r := range g.rules {
		g.conds = addMask(g.conds, r.cond, r)
		if !r.neverE {
			g.condsE = addMask(g.condsE, r.condE, r)
		}
	}
	g.same = !g.yo
}

// addMask adds the flag of rule r to the mask of condition c.
func addMask(ms []condMask, c cond, r *affix) []condMask {
	bit := uint64(1) << r.flag
	cross := uint64(0)
	if r.cross {
		cross = bit
	}
	for i := range ms {
		if sameCond(ms[i].cond, c) {
			ms[i].mask |= bit
			ms[i].cross |= cross
			return ms
		}
	}
	return append(ms, condMask{cond: c, mask: bit, cross: cross})
}

func sameCond(a, b cond) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := &a[i], &b[i]
		if x.any != y.any || x.neg != y.neg || x.cyr != y.cyr || string(x.other) != string(y.other) {
			return false
		}
	}
	return true
}

// parseDic reads the stems. Everything after a tab or after the flags is
// morphological data and is skipped.
func (d *Dict) parseDic(text string, a *affData) error {
	first, rest, _ := strings.Cut(text, "\n")
	n, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		// No count line: the first line is a word.
		rest, n = text, 0
	}
	n = min(max(n, 0), 1<<22)
	if n == 0 {
		n = len(text) / 16 // about the bytes per line of a Russian .dic
	}
	d.words = newWordMap(n)
	d.bloom = newBloom(n)
	var capped []string // stems in capitals or mixed case
	d.orig = map[string][]string{}

	bySet := map[string]uint32{}    // bit set key -> index
	byFlags := map[string]uint32{}  // flag field -> index
	d.intern(bySet, nil, a.special) // index 0: no flags
	for len(rest) > 0 {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if i := strings.IndexByte(line, '\t'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimRight(line, "\r ")
		if line == "" || line[0] == '#' {
			continue
		}
		word, flags := line, ""
		if i := slash(line); i > 0 {
			word, flags = line[:i], line[i+1:]
			if j := strings.IndexByte(flags, ' '); j >= 0 {
				flags = flags[:j]
			}
		} else if j := strings.IndexByte(line, ' '); j > 0 {
			word = line[:j]
		}
		if strings.IndexByte(word, '\\') >= 0 {
			word = strings.ReplaceAll(word, `\/`, "/")
		}
		word = removeRunes(word, d.ignore)
		if word == "" {
			continue
		}
		id, ok := byFlags[flags]
		if !ok {
			var ids []uint16
			for _, code := range a.flags(flags) {
				if x, ok := a.ids[code]; ok {
					ids = append(ids, x)
				}
			}
			id = d.intern(bySet, makeSet(ids), a.special)
			byFlags[flags] = id
		}
		key := fold(word)
		// Most stems are new: the Bloom filter spares the map lookup.
		var old uint32
		dup := false
		if d.bloom.mayHaveString(key) {
			old, dup = d.words.get(key)
		}
		if key != word || (dup && d.orig[key] != nil) {
			if dup && d.orig[key] == nil {
				d.orig[key] = []string{key}
			}
			if !slices.Contains(d.orig[key], word) {
				d.orig[key] = append(d.orig[key], word)
			}
			id = d.withAttr(bySet, id, attrYo)
		}
		if dup {
			// Homonyms: a root matches a rule if any of them has its flag.
			id = d.internAttr(bySet, union(d.sets[old], d.sets[id]), d.attrs[old]|d.attrs[id])
		} else {
			d.bloom.add(key)
			d.nstems++
			if ct := capType(key); ct == huhCap || ct == huhInitCap || ct == allCap {
				capped = append(capped, key)
			}
		}
		d.words.set(key, id)
	}
	d.hide(bySet, capped)
	d.words.freeze()
	d.withCache = nil
	return nil
}

// hide adds what Hunspell calls hidden capitalised words: a stem in mixed
// case («МэВ») or in capitals with affixes is also stored as «Мэв», usable
// only when the text is in capitals, so that «МЭВ» passes.
func (d *Dict) hide(bySet map[string]uint32, capped []string) {
	for _, st := range capped {
		id, _ := d.words.get(st)
		ct := capType(st)
		if (ct != huhCap && ct != huhInitCap && (ct != allCap || d.sets[id].empty())) ||
			d.attrs[id]&attrForbidden != 0 {
			continue
		}
		h := title(st)
		if _, ok := d.words.get(h); ok || h == st {
			continue
		}
		d.words.set(h, d.withAttr(bySet, id, attrOnlyUpcase))
		d.bloom.add(h)
		if sp, ok := d.orig[st]; ok {
			for _, w := range sp {
				d.orig[h] = append(d.orig[h], title(w))
			}
		}
	}
}

// spellings returns the ways a folded stem is written in the dictionary.
func (d *Dict) spellings(key string) []string {
	if sp, ok := d.orig[key]; ok {
		return sp
	}
	if ex := d.extra.Load(); ex != nil {
		if e, ok := ex.m[key]; ok {
			return []string{e.orig}
		}
	}
	return []string{key}
}

// slash returns the index of the unescaped '/' that starts the flags, or -1.
func slash(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] == '/' && s[i-1] != '\\' {
			return i
		}
	}
	return -1
}

func union(a, b flagSet) flagSet {
	out := make(flagSet, max(len(a), len(b)))
	copy(out, a)
	for i, w := range b {
		out[i] |= w
	}
	return out
}

// intern returns the index of set s with the attributes of its special
// flags, adding it when new.
func (d *Dict) intern(m map[string]uint32, s flagSet, sp [nSpecial]int32) uint32 {
	var at uint8
	for i, bit := range [nSpecial]uint8{attrForbidden, attrNeedAffix, attrOnlyInCompound, attrKeepCase, attrNoSuggest} {
		if sp[i] >= 0 && s.has(uint16(sp[i])) {
			at |= bit
		}
	}
	return d.internAttr(m, s, at)
}

// internAttr returns the index of set s with attributes at.
func (d *Dict) internAttr(m map[string]uint32, s flagSet, at uint8) uint32 {
	k := s.key() + "/" + string(rune('0'+at))
	if id, ok := m[k]; ok {
		return id
	}
	id := uint32(len(d.sets))
	d.sets = append(d.sets, s)
	d.attrs = append(d.attrs, at)
	m[k] = id
	return id
}

// withAttr returns the index of set id with attribute at added.
func (d *Dict) withAttr(m map[string]uint32, id uint32, at uint8) uint32 {
	if d.attrs[id]&at == at {
		return id
	}
	k := [2]uint32{id, uint32(at)}
	if x, ok := d.withCache[k]; ok {
		return x
	}
	x := d.internAttr(m, d.sets[id], d.attrs[id]|at)
	if d.withCache == nil {
		d.withCache = map[[2]uint32]uint32{}
	}
	d.withCache[k] = x
	return x
}

// fold replaces ё with е (and Ё with Е). Both are two bytes in UTF-8, so
// byte offsets stay valid between the folded and the original string.
func fold(s string) string {
	i := strings.IndexByte(s, 0xD1)
	j := strings.Index(s, "Ё")
	if (i < 0 || !strings.Contains(s[i:], "ё")) && j < 0 {
		return s
	}
	b := []byte(s)
	for k := 0; k+1 < len(b); k++ {
		switch {
		case b[k] == 0xD1 && b[k+1] == 0x91: // ё
			b[k], b[k+1] = 0xD0, 0xB5
		case b[k] == 0xD0 && b[k+1] == 0x81: // Ё
			b[k+1] = 0x95
		}
	}
	return string(b)
}
