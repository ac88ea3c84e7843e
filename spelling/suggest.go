package spelling

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultKey is the ЙЦУКЕН layout, used for keyboard typos when the .aff
// file has no KEY line.
const defaultKey = "йцукенгшщзхъ|фывапролджэ|ячсмитьбю"

// Score weights: the edit distance dominates, the penalty orders
// candidates at the same distance.
const (
	distWeight = 10
	casePen    = 2 // the suggestion changes the capitalisation of a letter
	farPen     = 5 // two or more edits

	maxAbbr = 16 // bytes: longer lowercase candidates are not tried as abbreviations

	// maxSuggestLen is the longest word, in letters, that Suggest corrects.
	// Russian words rarely pass 30 letters; longer strings are not worth
	// the thousands of candidates they would take.
	maxSuggestLen = 40
)

// similar are letter pairs often confused in Russian: unstressed vowels,
// voiced and voiceless consonants, hushing consonants, ь/ъ.
var similar = func() map[[2]rune]bool {
	m := map[[2]rune]bool{}
	for _, p := range []string{"ао", "еи", "ея", "ия", "иы", "еэ", "ую", "ая", "ое", "ёо", "её",
		"бп", "вф", "гк", "дт", "жш", "зс", "шщ", "цс", "чщ", "ьъ", "ць", "тц"} {
		r := []rune(p)
		m[[2]rune{r[0], r[1]}] = true
		m[[2]rune{r[1], r[0]}] = true
	}
	return m
}()

const vowels = "аеёиоуыэюя"

// shortWords are the one- and two-letter words a run-together word is split
// off: prepositions, conjunctions and particles. Other short dictionary
// entries (interjections, note names) make poor suggestions.
var shortWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("а в и к о с у я во да до же за из ко ли на не ни но об от по со то бы") {
		m[w] = true
	}
	return m
}()

// Suggest returns at most n corrections of word, best first.
//
// Candidates are the words one edit away — a letter deleted, two
// neighbouring letters swapped, a letter replaced or inserted (letters from
// the TRY line), a REP table replacement, the word split in two — and the
// capitalised form of a lowercase proper name («москва» → «Москва»). When
// fewer than n are found, dictionary forms two edits away are added. They
// are ranked by Damerau–Levenshtein distance (ignoring case and ё/е); at
// the same distance typical Russian slips come first: a doubled or missing
// double letter, a missing ь, confused unstressed vowels, a neighbouring key.
// REP replacements count as one edit. The suggestions keep the
// capitalisation of word. Suggest does not check word itself; it returns
// nothing for strings without letters, with spaces or over 40 letters.
func (d *Dict) Suggest(word string, n int) []string {
	if d == nil || n <= 0 {
		return nil
	}
	w := strings.TrimSpace(d.stripMarks(word))
	if w == "" || !hasLetter(w) || utf8.RuneCountInString(w) > maxSuggestLen ||
		strings.ContainsFunc(w, unicode.IsSpace) {
		return nil
	}
	if isOrdinal(fold(w)) {
		return nil
	}
	s := &suggester{d: d, word: w, ct: capType(w), cands: map[string]*cand{}, tried: map[string]bool{},
		ok: d.check(w)}
	base := w
	if s.ct == initCap || s.ct == allCap {
		base = strings.ToLower(w)
	}
	s.base = []rune(base)
	s.target = []rune(strings.ToLower(fold(w)))
	s.caseForms()
	s.edits()
	s.reps()
	s.splits()
	if len(s.cands) < n && len(s.target) >= 4 {
		s.scan(2)
	}
	return s.best(n)
}

type cand struct {
	s     string
	score int
	order int
}

type suggester struct {
	d      *Dict
	word   string
	ct     int
	base   []rune // the word in lowercase unless its capitalisation is irregular
	target []rune // lowercase with ё folded: what distances are measured to
	cands  map[string]*cand
	tried  map[string]bool
	ok     bool // the word itself is correct: its case and ё variants are no news
}

// restore gives a candidate built from base the capitalisation of the word.
func (s *suggester) restore(c string) string {
	switch s.ct {
	case initCap:
		return title(c)
	case allCap:
		return strings.ToUpper(c)
	}
	return c
}

// caseForms offers the word itself with another capitalisation.
func (s *suggester) caseForms() {
	for _, c := range []string{strings.ToLower(s.word), title(s.word), strings.ToUpper(s.word)} {
		if c != s.word && s.d.check(c) {
			s.add(c, false)
			return
		}
	}
}

// try checks candidate c (in the capitalisation of base) and keeps it if it
// is a word. A lowercase word may turn out to be a proper name or an
// abbreviation.
func (s *suggester) try(c string, rep bool) {
	if s.tried[c] || !hasLetter(c) {
		return
	}
	s.tried[c] = true
	out := s.restore(c)
	if out == s.word {
		return
	}
	if s.d.check(out) {
		s.add(out, rep)
		return
	}
	if s.ct == noCap || s.ct == huhCap {
		if t := title(c); s.d.check(t) {
			s.add(t, rep)
		} else if len(c) <= maxAbbr {
			if u := strings.ToUpper(c); s.d.check(u) {
				s.add(u, rep)
			}
		}
	}
}

// add scores out and keeps the best score for it.
func (s *suggester) add(out string, rep bool) {
	if out == s.word || s.nosuggest(out) {
		return
	}
	t := []rune(strings.ToLower(fold(out)))
	dist := dl(s.target, t, 1<<30)
	if dist == 0 && s.ok {
		return
	}
	p := 0
	switch {
	case rep:
		dist = min(dist, 1)
	case strings.ContainsRune(out, ' '):
		p = splitPen(out)
	case dist == 1:
		p = editPenalty(s.target, t, s.d.keyRows)
	case dist > 1:
		p = farPen
	}
	if out != s.restore(strings.ToLower(out)) && out != s.restore(strings.ToLower(s.word)) {
		p += casePen
	}
	score := dist*distWeight + p
	if c, ok := s.cands[out]; ok {
		c.score = min(c.score, score)
		return
	}
	s.cands[out] = &cand{s: out, score: score, order: len(s.cands)}
}

// nosuggest reports whether out is a stem marked NOSUGGEST or FORBIDDENWORD.
func (s *suggester) nosuggest(out string) bool {
	id, ok := s.d.lookup(fold(out))
	return ok && s.d.attrs[id]&(attrNoSuggest|attrForbidden) != 0
}

// alphabet returns the lowercase letters to insert and replace with.
func (d *Dict) alphabet() []rune {
	d.alphaOnce.Do(func() {
		src := d.try
		if len(src) == 0 {
			src = d.lettersByFrequency()
		}
		seen := map[rune]bool{}
		for _, r := range src {
			r = unicode.ToLower(r)
			if unicode.IsLetter(r) && !seen[r] {
				seen[r] = true
				d.alpha = append(d.alpha, r)
			}
		}
	})
	return d.alpha
}

// lettersByFrequency stands in for a missing TRY line.
func (d *Dict) lettersByFrequency() []rune {
	count := map[rune]int{}
	for k := range d.nstems {
		w := d.stem(k)
		for _, r := range w {
			count[unicode.ToLower(r)]++
		}
	}
	var rs []rune
	for r := range count {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if count[rs[i]] != count[rs[j]] {
			return count[rs[i]] > count[rs[j]]
		}
		return rs[i] < rs[j]
	})
	return rs
}

// edits tries every word one edit away from base.
func (s *suggester) edits() {
	b := s.base
	buf := make([]rune, 0, len(b)+1)
	alpha := s.d.alphabet()
	// Replace a letter.
	for i := range b {
		for _, r := range alpha {
			if r == b[i] {
				continue
			}
			buf = append(append(append(buf[:0], b[:i]...), r), b[i+1:]...)
			s.try(string(buf), false)
		}
	}
	// Insert a letter.
	for i := 0; i <= len(b); i++ {
		for _, r := range alpha {
			buf = append(append(append(buf[:0], b[:i]...), r), b[i:]...)
			s.try(string(buf), false)
		}
	}
	// Delete a letter.
	for i := range b {
		buf = append(append(buf[:0], b[:i]...), b[i+1:]...)
		s.try(string(buf), false)
	}
	// Swap two neighbours.
	for i := 0; i+1 < len(b); i++ {
		if b[i] == b[i+1] {
			continue
		}
		buf = append(buf[:0], b...)
		buf[i], buf[i+1] = buf[i+1], buf[i]
		s.try(string(buf), false)
	}
}

// reps applies each REP replacement at each place it matches.
func (s *suggester) reps() {
	base := string(s.base)
	for _, r := range s.d.rep {
		for i := 0; i <= len(base)-len(r.from); {
			j := strings.Index(base[i:], r.from)
			if j < 0 {
				break
			}
			j += i
			if (!r.start || j == 0) && (!r.end || j+len(r.from) == len(base)) {
				c := base[:j] + r.to + base[j+len(r.from):]
				if strings.Contains(c, " ") {
					s.trySplit(strings.Fields(c), true)
				} else {
					s.try(c, true)
				}
			}
			_, n := utf8.DecodeRuneInString(base[j:])
			i = j + n
		}
	}
}

// splits tries the word as two words: «вцелях» → «в целях».
func (s *suggester) splits() {
	for i := 1; i < len(s.base); i++ {
		s.trySplit([]string{string(s.base[:i]), string(s.base[i:])}, false)
	}
}

func (s *suggester) trySplit(parts []string, rep bool) {
	if len(parts) < 2 {
		return
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		if !hasLetter(p) || (utf8.RuneCountInString(p) < 3 && !shortWords[strings.ToLower(fold(p))]) {
			return
		}
		switch {
		case s.ct == allCap:
			p = strings.ToUpper(p)
		case s.ct == initCap && i == 0:
			p = title(p)
		}
		if !s.d.check(p) {
			return
		}
		out[i] = p
	}
	s.add(strings.Join(out, " "), rep)
}

// best returns the n best candidates.
func (s *suggester) best(n int) []string {
	cs := make([]*cand, 0, len(s.cands))
	for _, c := range s.cands {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.score != b.score {
			return a.score < b.score
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.s < b.s
	})
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.s)
	}
	return out
}

// splitPen rates a word split in two: a preposition or a particle run into
// the next word («вцелях») is a common slip, two long words less so.
func splitPen(out string) int {
	for _, p := range strings.Fields(out) {
		if shortWords[strings.ToLower(fold(p))] {
			return 1
		}
	}
	return 4
}

// editPenalty orders candidates one edit away from a: 0 for the most
// typical Russian slips, up to 3 for an unrelated letter.
func editPenalty(a, b []rune, keyRows []string) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	ea, eb := len(a), len(b)
	for ea > p && eb > p && a[ea-1] == b[eb-1] {
		ea--
		eb--
	}
	switch {
	case ea-p == 1 && eb-p == 1: // replaced
		x, y := a[p], b[p]
		switch {
		case similar[[2]rune{x, y}]:
			return 0
		case adjacent(x, y, keyRows):
			return 1
		case strings.ContainsRune(vowels, x) && strings.ContainsRune(vowels, y):
			return 1
		}
		return 3
	case ea-p == 2 && eb-p == 2: // swapped
		return 1
	case ea == p && eb-p == 1: // inserted into a
		return insPenalty(b, p)
	case eb == p && ea-p == 1: // deleted from a
		return insPenalty(a, p)
	}
	return 3
}

// insPenalty rates the letter at w[i] being added or dropped: doubling a
// letter or a soft or hard sign is the commonest slip.
func insPenalty(w []rune, i int) int {
	x := w[i]
	if (i > 0 && w[i-1] == x) || (i+1 < len(w) && w[i+1] == x) || x == 'ь' || x == 'ъ' {
		return 0
	}
	return 2
}

// adjacent reports whether x and y are neighbouring keys.
func adjacent(x, y rune, rows []string) bool {
	for _, row := range rows {
		rs := []rune(row)
		for i := 0; i+1 < len(rs); i++ {
			if (rs[i] == x && rs[i+1] == y) || (rs[i] == y && rs[i+1] == x) {
				return true
			}
		}
	}
	return false
}

// dl is the Damerau–Levenshtein distance (optimal string alignment) between
// a and b; it returns limit+1 as soon as the distance must exceed limit.
func dl(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// scanIndex is built on the first scan: the stems sorted in lowercase, so
// stems that share a beginning share the rows of the distance table, and for
// each stem how many leading letters all its forms share.
type scanIndex struct {
	order   []int32        // stem indexes in sorted order
	lower   string         // the lowercase stems in that order, end to end (one object for the garbage collector)
	lowerAt []uint32       // stem k of the order is lower[lowerAt[k]:lowerAt[k+1]]
	keep    []uint8        // by stem index
	set     []uint32       // by stem index
	short   []uint8        // by stem index: the shortest form, letters
	long    []uint8        // by stem index: the longest form, letters
	lcpB    []uint8        // common beginning with the previous stem in order, bytes
	lcpR    []uint8        // the same in letters
	strips  [][]stripRules // by flag: suffix rules grouped by strip
}

// stem returns the lowercase stem at place k of the order.
func (x *scanIndex) stem(k int) string { return x.lower[x.lowerAt[k]:x.lowerAt[k+1]] }

// stripRules are the suffix rules of one flag that strip the same string.
type stripRules struct {
	strip string
	rules []*affix
}

func (d *Dict) scanIdx() *scanIndex {
	d.scanOnce.Do(func() {
		n := d.nstems
		x := &scanIndex{order: make([]int32, n), lowerAt: make([]uint32, n+1),
			keep: make([]uint8, n), set: make([]uint32, n), short: make([]uint8, n), long: make([]uint8, n)}
		lower := make([]string, n)
		for i := range n {
			st := d.stem(i)
			lower[i] = lowerString(st)
			x.order[i] = int32(i)
			id, _ := d.words.get(st)
			x.set[i] = id
			strip := 0
			sn := utf8.RuneCountInString(st)
			lo, hi := sn, sn
			d.sets[id].each(func(f uint16) {
				if int(f) >= len(d.sfxByFlag) {
					return
				}
				for _, r := range d.sfxByFlag[f] {
					if strings.HasSuffix(st, r.strip) {
						strip = max(strip, r.stripN)
						lo = min(lo, sn-r.stripN+r.addN)
						hi = max(hi, sn-r.stripN+r.addN)
					}
				}
			})
			x.keep[i] = uint8(min(max(sn-strip, 0), 255))
			x.short[i] = uint8(min(lo, 255))
			x.long[i] = uint8(min(hi, 255))
		}
		sort.Slice(x.order, func(i, j int) bool { return lower[x.order[i]] < lower[x.order[j]] })
		x.lcpB = make([]uint8, n)
		x.lcpR = make([]uint8, n)
		var all strings.Builder
		for _, si := range x.order {
			all.WriteString(lower[si])
		}
		x.lower = all.String()
		for i, si := range x.order {
			x.lowerAt[i+1] = x.lowerAt[i] + uint32(len(lower[si]))
			if i > 0 {
				b := min(commonPrefix(x.stem(i-1), x.stem(i)), 255)
				for b > 0 && b < len(x.stem(i)) && !utf8.RuneStart(x.stem(i)[b]) {
					b--
				}
				x.lcpB[i] = uint8(b)
				x.lcpR[i] = uint8(utf8.RuneCountInString(x.stem(i)[:b]))
			}
		}
		x.strips = make([][]stripRules, len(d.sfxByFlag))
		for f, rs := range d.sfxByFlag {
		rules:
			for _, r := range rs {
				for i := range x.strips[f] {
					if x.strips[f][i].strip == r.strip {
						x.strips[f][i].rules = append(x.strips[f][i].rules, r)
						continue rules
					}
				}
				x.strips[f] = append(x.strips[f], stripRules{strip: r.strip, rules: []*affix{r}})
			}
		}
		d.scanData = x
	})
	return d.scanData
}

// lowerString is strings.ToLower with a fast path for lowercase Russian.
func lowerString(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf && (c < 'A' || c > 'Z'):
		case (c == 0xD0 && i+1 < len(s) && s[i+1] >= 0xB0 && s[i+1] <= 0xBF) ||
			(c == 0xD1 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F):
			i++
		default:
			return strings.ToLower(s)
		}
	}
	return s
}

// scan walks the dictionary for forms at most limit edits away. A stem is
// looked at only when the part all its forms share is within limit edits of
// some beginning of the word. The stems are sorted, so a beginning that is
// already too far rules out every stem that starts with it.
func (s *suggester) scan(limit int) {
	x := s.d.scanIdx()
	t := s.target
	rows := [][]int{make([]int, len(t)+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	computed := 0         // rows valid for the previous stem up to this depth
	dead := math.MaxInt32 // its beginning of this many letters is too far
	lcpB, lcpR := 0, 0    // common beginning with the previous stem looked at
	for k, si := range x.order {
		ls := x.stem(k)
		// Sorted order: the common beginning with an earlier stem is the
		// smallest of the ones between.
		lcpB, lcpR = min(lcpB, int(x.lcpB[k])), min(lcpR, int(x.lcpR[k]))
		if int(x.short[si])-limit > len(t) || int(x.long[si])+limit < len(t) {
			continue
		}
		keep := int(x.keep[si])
		l := lcpR
		if l < dead {
			dead = math.MaxInt32
		}
		pos := lcpB
		lcpB, lcpR = math.MaxInt32, math.MaxInt32
		if dead <= keep {
			computed = min(computed, l)
			continue
		}
		depth := min(computed, l)
		if depth < l {
			pos = byteOffset(ls, depth)
		}
		var last rune
		if depth > 0 {
			last, _ = utf8.DecodeLastRuneInString(ls[:pos])
		}
		ok := true
		for depth < keep && pos < len(ls) {
			r, n := utf8.DecodeRuneInString(ls[pos:])
			pos += n
			depth++
			for len(rows) <= depth {
				rows = append(rows, make([]int, len(t)+1))
			}
			if distRow(rows, depth, r, last, t) > limit {
				dead = depth
				ok = false
				break
			}
			last = r
		}
		computed = depth
		if ok && dead > keep {
			st := s.d.stem(int(si))
			s.forms(st, x.set[si], s.d.spellings(st), limit)
		}
	}
	if ex := s.d.extra.Load(); ex != nil {
		keys := make([]string, 0, len(ex.m))
		for k := range ex.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			e := ex.m[k]
			s.forms(k, e.set, []string{e.orig}, limit)
		}
	}
}

// distRow fills row i of the distance table between a beginning of a stem
// (whose i-th letter is r and previous one last) and the target, and
// returns the row's minimum: the distance to the closest beginning of t.
func distRow(rows [][]int, i int, r, last rune, t []rune) int {
	prev, cur := rows[i-1], rows[i]
	cur[0] = i
	m := i
	for j := 1; j <= len(t); j++ {
		cost := 1
		if r == t[j-1] {
			cost = 0
		}
		v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if i > 1 && j > 1 && r == t[j-2] && last == t[j-1] {
			v = min(v, rows[i-2][j-2]+1)
		}
		cur[j] = v
		m = min(m, v)
	}
	return m
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(b) && !utf8.RuneStart(b[n]) {
		n--
	}
	return n
}

// byteOffset returns where the letter number n of s starts.
func byteOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// forms adds the stem and its suffixed forms that are within limit edits.
func (s *suggester) forms(stem string, id uint32, spellings []string, limit int) {
	d := s.d
	at := d.attrs[id]
	if at&(attrForbidden|attrNoSuggest|attrOnlyInCompound|attrOnlyUpcase) != 0 {
		return
	}
	n := utf8.RuneCountInString(stem)
	L := len(s.target)
	if at&attrNeedAffix == 0 && abs(n-L) <= limit {
		for _, sp := range spellings {
			s.scanned(sp, limit)
		}
	}
	strips := d.scanIdx().strips
	d.sets[id].each(func(f uint16) {
		if int(f) >= len(strips) {
			return
		}
		for _, g := range strips[f] {
			if len(g.strip) > len(stem) || !strings.HasSuffix(stem, g.strip) {
				continue
			}
			for _, r := range g.rules {
				if r.needsMore || abs(n-r.stripN+r.addN-L) > limit {
					continue
				}
				for _, sp := range spellings {
					if r.fits(sp, false) {
						s.scanned(sp[:len(sp)-len(r.stripOrig)]+r.addOrig, limit)
					}
				}
			}
		}
	})
}

// scanned adds a form found by the scan if it is close enough.
func (s *suggester) scanned(form string, limit int) {
	if dl(s.target, []rune(strings.ToLower(fold(form))), limit) > limit {
		return
	}
	out := form
	switch s.ct {
	case initCap:
		out = title(form)
	case allCap:
		out = strings.ToUpper(form)
	}
	if _, ok := s.cands[out]; !ok && s.d.check(out) {
		s.add(out, false)
	}
}
