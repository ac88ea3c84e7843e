package spelling

import (
	"bytes"
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
		if _, ok := d.words.get(key); ok {
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
	rw := []byte(reverse(w))
	i := sort.Search(len(rev.order), func(k int) bool { return bytes.Compare(rev.key(k), rw) >= 0 })
	best, bestLen := "", 0
	try := func(k int) bool {
		s := d.stem(int(rev.order[k]))
		n := commonSuffix(s, w)
		if n <= bestLen {
			return false // further stems on this side share even less
		}
		if n == len(s) && n == len(w) {
			return true
		}
		id, _ := d.words.get(s)
		if d.attrs[id]&^attrYo != 0 || d.sets[id].empty() || capType(s) != ct {
			return true
		}
		best, bestLen = s, n
		return true
	}
	for k := i - 1; k >= 0 && try(k); k-- {
	}
	for k := i; k < len(rev.order) && try(k); k++ {
	}
	if best == "" || utf8.RuneCountInString(w[len(w)-bestLen:]) < minAnalog {
		return 0, false
	}
	id, _ := d.words.get(best)
	return id, true
}

// revIndex holds the stems sorted by their reversed bytes. It keeps the
// reversed stems in one block of bytes rather than a string each: the
// index lives as long as the dictionary, and the garbage collector would
// otherwise visit its 150,000 strings on every cycle.
type revIndex struct {
	blob  []byte  // every stem reversed, in the order of Dict.stem
	off   []int32 // stem k reversed is blob[off[k]:off[k+1]]
	order []int32 // stem indexes sorted by their reversed bytes
}

// key returns the reversed stem at place k of the order.
func (r *revIndex) key(k int) []byte {
	p := r.order[k]
	return r.blob[r.off[p]:r.off[p+1]]
}

// reversedStems builds, once, the stems sorted by their reversed bytes.
// Called with addMu held.
func (d *Dict) reversedStems() *revIndex {
	if d.rev == nil {
		r := &revIndex{off: make([]int32, d.nstems+1), order: make([]int32, d.nstems)}
		n := 0
		for k := range d.nstems {
			n += len(d.stem(k))
		}
		r.blob = make([]byte, 0, n)
		for k := range d.nstems {
			s := d.stem(k)
			for i := len(s) - 1; i >= 0; i-- {
				r.blob = append(r.blob, s[i])
			}
			r.off[k+1] = int32(len(r.blob))
			r.order[k] = int32(k)
		}
		sort.Slice(r.order, func(a, b int) bool {
			pa, pb := r.order[a], r.order[b]
			return bytes.Compare(r.blob[r.off[pa]:r.off[pa+1]], r.blob[r.off[pb]:r.off[pb+1]]) < 0
		})
		d.rev = r
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
