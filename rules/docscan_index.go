package rules

import (
	"slices"

	"github.com/yasno/yasno/linter"
)

// The tokens of a large text do not stay in the cache: every pass over
// them costs about as much as a rule's own work on a word. So the lines
// are cut in one pass shared by the rules of a check, and a rule reads
// the words of a sentence once into a dsSent, then looks only there.

// dsLineIndex is the lines of a document and the lines that may hold an
// executor label.
type dsLineIndex struct {
	lines []dsLine
	// labels are the lines, in order, whose first token is a word that
	// may open an executor label: dsLabelEnd is -1 for every other line.
	labels []int
}

type dsLinesKey struct{}

// dsLineIndexOf returns the lines of a document, shared by the rules of
// a check: callers must not change them.
func dsLineIndexOf(d *linter.Document) *dsLineIndex {
	return d.Memo(dsLinesKey{}, func() any { return dsCutLines(d) }).(*dsLineIndex)
}

// wtLabel: the words dsLabelEnd accepts as the first of a label.
var wtLabel = wtWord("исполнитель", "исп", "исп-ль", "ответственный", "отв")

func dsCutLines(d *linter.Document) *dsLineIndex {
	// About a line per block, and more in letters, whose header and
	// signature are blocks of short lines.
	x := &dsLineIndex{lines: make([]dsLine, 0, len(d.Blocks)+len(d.Blocks)/4+16)}
	toks := d.Tokens
	for bi := range d.Blocks {
		// The line so far: its first and past-last token that is not a
		// space (f < 0 before the first), and its words.
		f, l, n := -1, 0, 0
		for i := d.Blocks[bi].First; i < d.Blocks[bi].Last; i++ {
			switch toks[i].Kind {
			case linter.Space:
				continue
			case linter.Newline:
				if f >= 0 {
					x.add(d, dsLine{First: f, Last: l, Words: n})
				}
				f, n = -1, 0
				continue
			case linter.Word, linter.Number:
				n++
			}
			if f < 0 {
				f = i
			}
			l = i + 1
		}
		if f >= 0 {
			x.add(d, dsLine{First: f, Last: l, Words: n})
		}
	}
	return x
}

func (x *dsLineIndex) add(d *linter.Document, l dsLine) {
	if t := &d.Tokens[l.First]; t.Kind == linter.Word && wtOf(d, t).has(wtLabel) {
		x.labels = append(x.labels, len(x.lines))
	}
	x.lines = append(x.lines, l)
}

// dsSent is the words of a sentence (or of any token range) with their
// word tests, and what the document rules read from them first: dates
// and terms, and a condition.
type dsSent struct {
	w    []int    // the word and number tokens, in order
	cls  []uint32 // cls[k] is the class of word k (wtClassOf), or wtNumClass
	sets []wtBits // the answers by class (wtSnapshot), covering cls
	dsSentFacts
}

// dsSentFacts is what a sentence says as a whole.
type dsSentFacts struct {
	any    wtBits // the union of the answers: a sentence without a word is skipped at once
	num    bool   // a number among the words
	terms  dsTerm // dsTermsOf
	cs, ce int    // dsCondAt
}

// plain reports that word k passes no test and is no number, as most
// words: its answers need not be loaded.
func (s *dsSent) plain(k int) bool { return s.cls[k] == wtPlainClass }

// number reports that word k is a number.
func (s *dsSent) number(k int) bool { return s.cls[k] == wtNumClass }

// bits returns the answers of word k.
func (s *dsSent) bits(k int) *wtBits { return &s.sets[s.cls[k]] }

// at returns the answers of word k, or those of the empty word when k is
// outside the sentence.
func (s *dsSent) at(k int) *wtBits {
	if k < 0 || k >= len(s.w) {
		return &s.sets[wtPlainClass]
	}
	return s.bits(k)
}

// dsReadWords appends the word and number tokens of [first, last) to w
// and their classes to cls. It returns them with the union of the
// answers and whether a number is among the words.
//
// It runs for every token of a document, so it is written for the
// compiler: room for every token is made first, so that the loop
// stores without growing the slices, and the class table is read in
// place (wtClassOf, which is too big to be inlined, only for new words).
func dsReadWords(d *linter.Document, first, last int, w []int, cls []uint32) ([]int, []uint32, wtBits, bool) {
	var any wtBits
	num := false
	n := len(w)
	w, cls = slices.Grow(w, last-first), slices.Grow(cls, last-first)
	ws, cs := w[n:n+last-first], cls[n:n+last-first]
	k := 0
	for i := first; i < last; i++ {
		t := &d.Tokens[i]
		var c uint32
		switch t.Kind {
		case linter.Word:
			v := wtClasses.Get(t.NormID)
			c = uint32(v - 1)
			if v == 0 {
				c = wtClassNew(d, t)
			}
			if c != wtPlainClass { // most words pass no test
				any.or(&wtSnapshot()[c])
			}
		case linter.Number:
			c, num = wtNumClass, true
		default:
			continue
		}
		ws[k], cs[k] = i, c
		k++
	}
	return w[:n+k], cls[:n+k], any, num
}

// derive reads the terms and the condition off the words.
func (s *dsSent) derive(d *linter.Document) {
	s.terms = dsTermsOf(d, s)
	s.cs, s.ce = dsCondAt(d, s)
}

// dsSents is every sentence of a document read into a dsSent once, for
// all the rules of a check: the outcome and vague rules read the same
// words and ask the same first questions of them.
type dsSents struct {
	w     []int    // the words of every sentence, in order
	cls   []uint32 // their classes
	sets  []wtBits // the answers by class, covering cls
	first []int    // sentence si has words w[first[si]:first[si+1]]
	facts []dsSentFacts
}

type dsSentsKey struct{}

// dsSentsOf returns the sentences of a document read once and shared by
// the rules of a check: callers must not change them.
func dsSentsOf(d *linter.Document) *dsSents {
	return d.Memo(dsSentsKey{}, func() any { return dsReadSents(d) }).(*dsSents)
}

func dsReadSents(d *linter.Document) *dsSents {
	n := len(d.Sentences)
	// Words are about every other token.
	x := &dsSents{
		w:     make([]int, 0, len(d.Tokens)/2+1),
		cls:   make([]uint32, 0, len(d.Tokens)/2+1),
		first: make([]int, n+1),
		facts: make([]dsSentFacts, n),
	}
	var s dsSent
	for si, sn := range d.Sentences {
		k := len(x.w)
		x.first[si] = k
		x.w, x.cls, s.any, s.num = dsReadWords(d, sn.First, sn.Last, x.w, x.cls)
		s.w, s.cls, s.sets = x.w[k:], x.cls[k:], wtSnapshot()
		s.derive(d)
		x.facts[si] = s.dsSentFacts
	}
	x.first[n] = len(x.w)
	x.sets = wtSnapshot()
	return x
}

// sent points s at the words of sentence si.
func (x *dsSents) sent(si int, s *dsSent) {
	a, b := x.first[si], x.first[si+1]
	s.w, s.cls, s.sets, s.dsSentFacts = x.w[a:b], x.cls[a:b], x.sets, x.facts[si]
}
