package spelling

import (
	"maps"
	"sort"
	"strings"
	"unicode/utf8"
)

// minAnalog is the shortest common ending, in letters, that lets an added
// word borrow the affix flags of a dictionary word.
const minAnalog = 4

// Add accepts extra words, given in their dictionary form («клинтоцентричный»,
// «МКД», «Жилсервис»). Each word is accepted as written and in the case and
// ё/е variants that Check allows for dictionary words.
//
// A word of at least four letters also borrows the affix flags of the
// dictionary word with the longest common ending (at least minAnalog
// letters) and the same capitalisation, so «теплосчётчик» added after
// «счётчик» also accepts «теплосчётчика», «теплосчётчиками». When no such
// word exists, only the exact form is accepted; add the inflected forms
// explicitly then. Add clears the memo of Check results.
func (d *Dict) Add(words ...string) {
	if d == nil {
		return
	}
	d.addMu.Lock()
	defer d.addMu.Unlock()
	next := &extraWords{m: map[string]extraWord{}}
	if old := d.extra.Load(); old != nil {
		next.m = maps.Clone(old.m)
	}
	changed := false
	for _, w := range words {
		w = strings.TrimSpace(d.stripMarks(w))
		key := fold(w)
		if key == "" || !hasLetter(key) || utf8.RuneCountInString(key) > maxWordLen {
			continue
		}
		if _, ok := d.words[key]; ok {
			continue
		}
		if _, ok := next.m[key]; ok {
			continue
		}
		set, _ := d.analog(key)
		next.m[key] = extraWord{set: set, orig: w}
		changed = true
	}
	if !changed {
		return
	}
	d.extra.Store(next)
	d.memo.Store(newMemo(memoSize))
}

// analog returns the flag set of the dictionary stem that shares the longest
// ending with w, has the same capitalisation and takes affixes. Stems with
// special flags (forbidden, need-affix, ...) are not borrowed from.
//
// Stems sorted by their reversed bytes put the stems with the longest
// common ending next to where w would stand, so a binary search and a short
// walk on each side replace a scan of all 146,000 stems per added word.
func (d *Dict) analog(w string) (uint32, bool) {
	ct := capType(w)
	if (ct != noCap && ct != initCap) || utf8.RuneCountInString(w) < minAnalog+1 {
		return 0, false
	}
	rev := d.reversedStems()
	i := sort.Search(len(rev), func(k int) bool { return rev[k].key >= reverse(w) })
	best, bestLen := "", 0
	try := func(k int) bool {
		s := rev[k].stem
		n := commonSuffix(s, w)
		if n <= bestLen {
			return false // further stems on this side share even less
		}
		if n == len(s) && n == len(w) {
			return true
		}
		id := d.words[s]
		if d.attrs[id]&^attrYo != 0 || d.sets[id].empty() || capType(s) != ct {
			return true
		}
		best, bestLen = s, n
		return true
	}
	for k := i - 1; k >= 0 && try(k); k-- {
	}
	for k := i; k < len(rev) && try(k); k++ {
	}
	if best == "" || utf8.RuneCountInString(w[len(w)-bestLen:]) < minAnalog {
		return 0, false
	}
	return d.words[best], true
}

type revStem struct{ key, stem string }

// reversedStems builds, once, the stems sorted by their reversed bytes.
// Called with addMu held.
func (d *Dict) reversedStems() []revStem {
	if d.rev == nil {
		d.rev = make([]revStem, len(d.stems))
		for k, s := range d.stems {
			d.rev[k] = revStem{reverse(s), s}
		}
		sort.Slice(d.rev, func(a, b int) bool { return d.rev[a].key < d.rev[b].key })
	}
	return d.rev
}

func reverse(s string) string {
	b := make([]byte, len(s))
	for k := 0; k < len(s); k++ {
		b[len(s)-1-k] = s[k]
	}
	return string(b)
}

// commonSuffix returns the length in bytes of the longest common ending of
// a and b that starts at a character boundary.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	for n > 0 && !utf8.RuneStart(b[len(b)-n]) {
		n--
	}
	return n
}

// stripMarks removes stress marks, soft hyphens and the IGNORE set but keeps ё.
func (d *Dict) stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u0301', '\u0300', '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
			return -1
		}
		if d.ignore != "" && strings.ContainsRune(d.ignore, r) {
			return -1
		}
		return r
	}, s)
}
