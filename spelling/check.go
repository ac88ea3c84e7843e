package spelling

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Check reports whether word, as written in the text, is spelled correctly.
//
// The rules follow Hunspell: a lowercase word must be in the dictionary as
// it is; a capitalised word is correct if it or its lowercase form is (so
// «Москва» and «Ваше» pass but «москва» does not); an all-caps word is
// correct as is, capitalised or in lowercase. Words joined by a hyphen pass
// when every part passes («по-русски»), trailing dots are allowed for
// abbreviations («ул.»). Strings without letters (numbers, dashes) and
// ordinal numerals such as «2-х» are accepted: there is nothing to spell.
// Stress marks and soft hyphens are ignored.
func (d *Dict) Check(word string) bool {
	if d == nil {
		return false
	}
	if d.noCache || len(word) > maxMemoKey {
		return d.check(word)
	}
	m := d.memo.Load()
	if v, ok := m.get(word); ok {
		return v
	}
	v := d.check(word)
	m.put(word, v)
	return v
}

func (d *Dict) check(word string) bool {
	w := d.normalize(word)
	if !hasLetter(w) || isOrdinal(w) {
		return true
	}
	if utf8.RuneCountInString(w) > maxWordLen {
		return false
	}
	return d.checkBreak(w)
}

// maxBreaks is the most break points (hyphens) a word may have; real words
// have up to three («Ростов-на-Дону»).
const maxBreaks = 6

// checkBreak checks w whole and, failing that, split at BREAK patterns (by
// default at hyphens): a pattern at the start or the end is dropped, and at
// the break points inside the word every part must be correct on its own.
func (d *Dict) checkBreak(w string) bool {
	if d.checkDots(w) {
		return true
	}
	t := w
	for _, p := range d.breaks {
		if len(p) > 1 && p[0] == '^' {
			t = strings.TrimPrefix(t, p[1:])
		} else if len(p) > 1 && p[len(p)-1] == '$' {
			t = strings.TrimSuffix(t, p[:len(p)-1])
		}
	}
	if t == "" {
		return false
	}
	if t != w && d.checkDots(t) {
		return true
	}
	// Break points inside t, in order and not overlapping.
	type cut struct{ at, end int }
	var cuts []cut
	for i := 1; i < len(t); i++ {
		for _, p := range d.breaks {
			if p == "" || p[0] == '^' || p[len(p)-1] == '$' || !strings.HasPrefix(t[i:], p) || i+len(p) >= len(t) {
				continue
			}
			if len(cuts) == maxBreaks {
				return false
			}
			cuts = append(cuts, cut{i, i + len(p)})
			i += len(p) - 1
			break
		}
	}
	// ok[k] caches whether t after cut k-1 splits into correct parts.
	var ok [maxBreaks + 1]int8
	var valid func(k int) bool
	valid = func(k int) bool {
		if ok[k] != 0 {
			return ok[k] > 0
		}
		start := 0
		if k > 0 {
			start = cuts[k-1].end
		}
		res := k > 0 && d.part(t[start:])
		for j := k; j < len(cuts) && !res; j++ {
			res = d.part(t[start:cuts[j].at]) && valid(j+1)
		}
		ok[k] = -1
		if res {
			ok[k] = 1
		}
		return res
	}
	return len(cuts) > 0 && valid(0)
}

// part checks one piece of a hyphenated word; a number is fine there.
func (d *Dict) part(s string) bool {
	return s != "" && (!hasLetter(s) || d.checkDots(s))
}

// checkDots strips trailing dots: «ул.» is correct if «ул» or «ул.» is.
func (d *Dict) checkDots(w string) bool {
	t := strings.TrimRight(w, ".")
	if t == "" {
		return true
	}
	if d.checkCase(t) {
		return true
	}
	return len(t) < len(w) && d.checkCase(t+".")
}

// Capitalisation types, as Hunspell defines them.
const (
	noCap      = iota // всё строчное
	initCap           // Первая заглавная
	allCap            // ВСЕ ЗАГЛАВНЫЕ
	huhCap            // смеШанные
	huhInitCap        // СмеШанные с заглавной
)

func capType(w string) int {
	if ct, ok := capTypeFast(w); ok {
		return ct
	}
	ncap, neutral, n := 0, 0, 0
	first := false
	for i, r := range w {
		n++
		if unicode.ToLower(r) != r {
			ncap++
			if i == 0 {
				first = true
			}
		} else if unicode.ToUpper(r) == r {
			neutral++
		}
	}
	switch {
	case ncap == 0:
		return noCap
	case ncap == 1 && first:
		return initCap
	case ncap == n || ncap+neutral == n:
		return allCap
	case first:
		return huhInitCap
	}
	return huhCap
}

// capTypeFast is capType for words of Russian letters, hyphens and dots,
// which is nearly every word; ok is false for anything else.
func capTypeFast(w string) (ct int, ok bool) {
	ncap, neutral, n := 0, 0, 0
	first := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		n++
		switch {
		case c == '-' || c == '.':
			neutral++
			continue
		case c == 0xD0 && i+1 < len(w):
			x := w[i+1]
			i++
			switch {
			case x == 0x81 || (x >= 0x90 && x <= 0xAF): // Ё, А–Я
				ncap++
				first = first || i == 1
			case x >= 0xB0 && x <= 0xBF: // а–п
			default:
				return 0, false
			}
		case c == 0xD1 && i+1 < len(w):
			x := w[i+1]
			i++
			if !(x >= 0x80 && x <= 0x8F) && x != 0x91 { // р–я, ё
				return 0, false
			}
		default:
			return 0, false
		}
	}
	switch {
	case ncap == 0:
		return noCap, true
	case ncap == 1 && first:
		return initCap, true
	case ncap == n || ncap+neutral == n:
		return allCap, true
	case first:
		return huhInitCap, true
	}
	return huhCap, true
}

// title returns w with its first letter upper case and the rest lower case.
func title(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError && n <= 1 {
		return strings.ToLower(w)
	}
	return string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
}

// Check modes: what the word being looked up stands for.
const (
	mVariant uint8 = 1 << iota // a case variant of the word: KEEPCASE stems do not count
	mUpcase                    // the word is in capitals: hidden capitalised stems count
)

func (d *Dict) checkCase(w string) bool {
	switch capType(w) {
	case initCap:
		return d.checkForm(w, 0) || d.checkForm(strings.ToLower(w), mVariant)
	case allCap:
		return d.checkForm(w, mUpcase) || d.checkForm(title(w), mVariant|mUpcase) ||
			d.checkForm(strings.ToLower(w), mVariant|mUpcase)
	}
	return d.checkForm(w, 0)
}

// checkForm looks w up as a stem and as a stem with affixes.
func (d *Dict) checkForm(w string, mode uint8) bool {
	if id, ok := d.lookup(w); ok {
		a := d.attrs[id]
		if a&attrForbidden != 0 && a&attrOnlyUpcase == 0 {
			return false
		}
		if a&(attrNeedAffix|attrOnlyInCompound) == 0 && d.modeOK(a, mode) {
			return true
		}
	}
	if d.suffixCheck(w, -1, -1, 0, mode) {
		return true
	}
	return len(d.pfx) > 0 && d.prefixCheck(w, mode)
}

// modeOK reports whether a stem with attributes a counts in mode.
func (d *Dict) modeOK(a, mode uint8) bool {
	return (mode&mVariant == 0 || a&attrKeepCase == 0) && (mode&mUpcase != 0 || a&attrOnlyUpcase == 0)
}

// lookup finds a stem in the dictionary or among the added words.
func (d *Dict) lookup(w string) (uint32, bool) {
	if d.bloom.mayHaveString(w) {
		if id, ok := d.words.get(w); ok {
			return id, true
		}
	}
	if ex := d.extra.Load(); ex != nil {
		if e, ok := ex.m[w]; ok {
			return e.set, true
		}
	}
	return 0, false
}

// lookupBytes is lookup without converting b to a string on the heap.
func (d *Dict) lookupBytes(b []byte) (uint32, bool) {
	if d.bloom.mayHave(b) {
		if id, ok := d.words.getBytes(b); ok {
			return id, true
		}
	}
	if ex := d.extra.Load(); ex != nil {
		if e, ok := ex.m[string(b)]; ok {
			return e.set, true
		}
	}
	return 0, false
}

// rootOK reports whether the stem root with index id takes rule r (and
// prefix flag pf when pf >= 0). root is folded; the rule's condition was
// tested loosely, so here it is tested exactly.
func (d *Dict) rootOK(id uint32, r *affix, root []byte, prefix bool, pf int, mode uint8) bool {
	s := d.sets[id]
	if !s.has(r.flag) || (pf >= 0 && !s.has(uint16(pf))) {
		return false
	}
	a := d.attrs[id]
	if a&(attrForbidden|attrOnlyInCompound) != 0 || !d.modeOK(a, mode) {
		return false
	}
	return d.exact(r, a, root, prefix)
}

// exact tests the condition of rule r on a root found in the dictionary.
func (d *Dict) exact(r *affix, a uint8, root []byte, prefix bool) bool {
	if a&attrYo == 0 {
		if r.neverE {
			return false
		}
		if prefix {
			return r.condE.matchStart(root)
		}
		return r.condE.matchEnd(root)
	}
	for _, sp := range d.spellings(string(root)) {
		if r.fits(sp, prefix) {
			return true
		}
	}
	return false
}

// suffixCheck reports whether w is a stem plus one suffix. For each suffix
// rule whose added string ends w, the added string is cut off, the stripped
// string put back, the condition tested on that root and the root looked up
// with the rule's flag. need >= 0 asks for a rule whose continuation has
// flag need (the inner suffix of a twofold suffix); pf >= 0 asks for a
// cross-product rule on a root that also has prefix flag pf.
func (d *Dict) suffixCheck(w string, need, pf, depth int, mode uint8) bool {
	var arr [192]byte
	var backArr [16]rune
	node := d.sfxTrie
	for k := 0; node != nil && k < len(w); {
		groups := node.groups
		rest := w[:len(w)-k]
		// Step to the trie node of the next letter from the end.
		r, n := decodeLast(rest)
		node = node.kid(r, false)
		k += n
		if len(groups) == 0 {
			continue
		}
		// The last letters of rest, last first, for testing conditions.
		back := backArr[:0]
		for s := rest; len(s) > 0 && len(back) < min(d.maxCond, len(backArr)); {
			r, n := decodeLast(s)
			back = append(back, r)
			s = s[:len(s)-n]
		}
		for gi := range groups {
			g := &groups[gi]
			if g.fast && need < 0 && d.maxCond <= len(backArr) {
				if d.fastGroup(g, rest, back, pf, mode, arr[:0]) {
					return true
				}
				continue
			}
			root := append(append(arr[:0], rest...), g.strip...)
			looked, found := false, false
			var id uint32
			for _, r := range g.rules {
				if need >= 0 && !r.cont.has(uint16(need)) {
					continue
				}
				if pf >= 0 && !r.cross {
					continue
				}
				if !r.cond.matchEnd(root) {
					continue
				}
				if !looked {
					id, found = d.lookupBytes(root)
					looked = true
				}
				if found && (depth > 0 || !r.needsMore) && d.rootOK(id, r, root, false, pf, mode) {
					return true
				}
				if depth == 0 && d.contUsed.has(r.flag) &&
					d.suffixCheck(string(root), int(r.flag), pf, 1, mode) {
					return true
				}
			}
		}
	}
	return false
}

// fastGroup is the suffix check of one group on the fast path: the
// conditions give a mask of the flags that fit, and the root is looked up
// only if some do.
func (d *Dict) fastGroup(g *group, rest string, back []rune, pf int, mode uint8, buf []byte) bool {
	maskE := g.mask(g.condsE, back, pf)
	mask := maskE
	if !g.same {
		mask = g.mask(g.conds, back, pf)
	}
	if mask == 0 {
		return false
	}
	root := append(append(buf, rest...), g.strip...)
	id, ok := d.lookupBytes(root)
	if !ok || d.lo[id]&mask == 0 {
		return false
	}
	if pf >= 0 && !d.sets[id].has(uint16(pf)) {
		return false
	}
	a := d.attrs[id]
	if a&(attrForbidden|attrOnlyInCompound) != 0 || !d.modeOK(a, mode) {
		return false
	}
	if a&attrYo == 0 {
		return d.lo[id]&maskE != 0
	}
	// The stem is spelled with ё: test the rules on its spelling.
	for _, r := range g.rules {
		if d.lo[id]&mask&(1<<r.flag) != 0 && (pf < 0 || r.cross) && d.exact(r, a, root, false) {
			return true
		}
	}
	return false
}

// mask returns the flags of the conditions in ms that the root matches.
func (g *group) mask(ms []condMask, back []rune, pf int) uint64 {
	var mask uint64
	for i := range ms {
		c := &ms[i]
		m := c.mask
		if pf >= 0 {
			m = c.cross
		}
		if m&^mask != 0 && c.cond.matchTail(back, g.stripR) {
			mask |= m
		}
	}
	return mask
}

// prefixCheck reports whether w is a prefix plus a stem, optionally with a
// suffix as well when both rules allow the cross product.
func (d *Dict) prefixCheck(w string, mode uint8) bool {
	var arr [192]byte
	for k := 0; k <= d.maxPfx && k < len(w); k++ {
		if !utf8.RuneStart(w[k]) {
			continue
		}
		groups := d.pfx[w[:k]]
		for gi := range groups {
			g := &groups[gi]
			root := append(append(arr[:0], g.strip...), w[k:]...)
			looked, found := false, false
			var id uint32
			for _, r := range g.rules {
				if !r.cond.matchStart(root) {
					continue
				}
				if !looked {
					id, found = d.lookupBytes(root)
					looked = true
				}
				if found && !r.needsMore && d.rootOK(id, r, root, true, -1, mode) {
					return true
				}
				if r.cross && d.suffixCheck(string(root), -1, int(r.flag), 0, mode) {
					return true
				}
			}
		}
	}
	return false
}

// normalize drops characters that are not part of spelling (stress marks,
// soft hyphens, zero-width characters and the IGNORE set) and folds ё to е.
// Most words need none of it and are returned as they are.
func (d *Dict) normalize(s string) string {
	if d.ignore == "" && plain(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'ё':
			return 'е'
		case 'Ё':
			return 'Е'
		case '\u0301', '\u0300', '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			return -1
		}
		if d.ignore != "" && strings.ContainsRune(d.ignore, r) {
			return -1
		}
		return r
	}, s)
}

// plain reports whether s is ASCII and Cyrillic without ё, so normalize has
// nothing to do.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			continue
		}
		if i+1 >= len(s) || (c != 0xD0 && c != 0xD1) {
			return false
		}
		n := s[i+1]
		if n < 0x80 || n > 0xBF || (c == 0xD1 && n == 0x91) || (c == 0xD0 && n == 0x81) {
			return false
		}
		i++
	}
	return true
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				return true
			}
			continue
		}
		if c == 0xD0 || c == 0xD1 {
			return true
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isOrdinal reports whether s is a number with a short Cyrillic ending
// joined by a hyphen, as in «2-х», «5-й», «10-го».
func isOrdinal(s string) bool {
	num, end, ok := strings.Cut(s, "-")
	if !ok || num == "" || end == "" || utf8.RuneCountInString(end) > 3 {
		return false
	}
	for i := 0; i < len(num); i++ {
		if num[i] < '0' || num[i] > '9' {
			return false
		}
	}
	for _, r := range end {
		if !unicode.Is(unicode.Cyrillic, r) || !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// decodeLast is utf8.DecodeLastRuneInString with a fast path for two-byte
// characters, which is all of Cyrillic.
func decodeLast(s string) (rune, int) {
	if n := len(s); n >= 2 {
		c0, c1 := s[n-2], s[n-1]
		if c0&0xE0 == 0xC0 && c1&0xC0 == 0x80 && c0 >= 0xC2 {
			return rune(c0&0x1F)<<6 | rune(c1&0x3F), 2
		}
	}
	return utf8.DecodeLastRuneInString(s)
}
