package rules

import (
	"slices"

	"github.com/yasno/yasno/linter"
)

// The tokens of a large text do not stay in the cache: every pass over
// them costs about as much as a rule's own work on a word. So the lines
// and the words of the sentences are read in one pass shared by the rules
// of a check (dsIndex), and a rule reads the words of a sentence there.

// dsIndex is what the document rules share about a text: its lines and
// its sentences' words, read in one walk over the tokens.
type dsIndex struct {
	dsLineIndex
	dsSents
}

// dsLineIndex is the lines of a document and the lines that may hold an
// executor label.
type dsLineIndex struct {
	lines []dsLine
	// labels are the lines, in order, whose first token is a word that
	// may open an executor label: dsLabelEnd is -1 for every other line.
	labels []int
}

type dsIndexKey struct{}

// dsIndexOf returns the index of a document, shared by the rules of a
// check: callers must not change it.
func dsIndexOf(d *linter.Document) *dsIndex {
	return d.Memo(dsIndexKey{}, func() any { return dsRead(d) }).(*dsIndex)
}

// dsLineIndexOf returns the lines of a document, shared by the rules of
// a check: callers must not change them.
func dsLineIndexOf(d *linter.Document) *dsLineIndex { return &dsIndexOf(d).dsLineIndex }

// wtLabel: the words dsLabelEnd accepts as the first of a label.
var wtLabel = wtWord("исполнитель", "исп", "исп-ль", "ответственный", "отв")

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

// dsReader reads a document into a dsIndex. The lines are cut as the
// words are read: every token but a space lies in a sentence, and a
// sentence in a block, so a line ends at a line break inside a sentence,
// at one between two sentences, or where a block ends. A line's words are
// the words read while it was open.
type dsReader struct {
	d *linter.Document
	x *dsIndex
	// line is the first token of the open line, or -1 when none is; lineW
	// is the number of words read before it.
	line, lineW int
}

func dsRead(d *linter.Document) *dsIndex {
	n := len(d.Sentences)
	// About a line per block, and more in letters, whose header and
	// signature are blocks of short lines. Words are about every other
	// token.
	x := &dsIndex{}
	x.lines = make([]dsLine, 0, len(d.Blocks)+len(d.Blocks)/4+16)
	x.w = make([]int, 0, len(d.Tokens)/2+1)
	x.cls = make([]uint32, 0, len(d.Tokens)/2+1)
	x.first = make([]int, n+1)
	x.facts = make([]dsSentFacts, n)
	r := dsReader{d: d, x: x, line: -1}
	var s dsSent
	last, block := 0, -1
	for si, sn := range d.Sentences {
		// Between two sentences of a block lie only spaces and line
		// breaks; the last token of a sentence is no space.
		if sn.Block != block || dsBreakIn(d, last, sn.First) {
			r.endLine(last, len(x.w))
			block = sn.Block
		}
		k := len(x.w)
		if r.line < 0 {
			r.line, r.lineW = sn.First, k
		}
		x.first[si] = k
		s.any, s.num = r.words(sn.First, sn.Last)
		s.w, s.cls, s.sets = x.w[k:], x.cls[k:], wtSnapshot()
		s.derive(d)
		x.facts[si] = s.dsSentFacts
		last = sn.Last
	}
	r.endLine(last, len(x.w))
	x.first[n] = len(x.w)
	x.sets = wtSnapshot()
	return x
}

// dsBreakIn reports a line break among the tokens [first, last).
func dsBreakIn(d *linter.Document, first, last int) bool {
	for _, t := range d.Tokens[first:last] {
		if t.Kind == linter.Newline {
			return true
		}
	}
	return false
}

// endLine ends the open line, if any, before token end, when nw words are
// read in all.
func (r *dsReader) endLine(end, nw int) {
	if r.line < 0 {
		return
	}
	for end > r.line && r.d.Tokens[end-1].Kind == linter.Space {
		end--
	}
	if end > r.line {
		r.x.add(r.d, dsLine{First: r.line, Last: end, Words: nw - r.lineW})
	}
	r.line = -1
}

// lineBreak ends the line at the line break i inside a sentence that
// ends before token last, and opens the next at the first token after
// it that is no space. It returns that token.
func (r *dsReader) lineBreak(i, last, nw int) int {
	r.endLine(i, nw)
	j := i + 1
	for j < last && (r.d.Tokens[j].Kind == linter.Space || r.d.Tokens[j].Kind == linter.Newline) {
		j++
	}
	if j < last {
		r.line, r.lineW = j, nw
	}
	return j
}

// words appends the word and number tokens of sentence [first, last) to
// the index's words and their classes to its classes, and cuts the lines
// at the line breaks among them. It returns the union of the answers and
// whether a number is among the words.
//
// It runs for every token of a document, so it is written for the
// compiler: room for every token is made first, so that the loop
// stores without growing the slices, and the class table is read in
// place (wtClassOf, which is too big to be inlined, only for new words).
func (r *dsReader) words(first, last int) (wtBits, bool) {
	var any wtBits
	num := false
	d, x := r.d, r.x
	n := len(x.w)
	x.w, x.cls = slices.Grow(x.w, last-first), slices.Grow(x.cls, last-first)
	ws, cs := x.w[n:n+last-first], x.cls[n:n+last-first]
	toks := d.Tokens[:last]
	k := 0
	for i := first; i < len(toks); i++ {
		t := &toks[i]
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
		case linter.Newline: // a hard-wrapped line of prose
			i = r.lineBreak(i, last, n+k) - 1
			continue
		default:
			continue
		}
		ws[k], cs[k] = i, c
		k++
	}
	x.w, x.cls = x.w[:n+k], x.cls[:n+k]
	return any, num
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

// dsSentsOf returns the sentences of a document read once and shared by
// the rules of a check: callers must not change them.
func dsSentsOf(d *linter.Document) *dsSents { return &dsIndexOf(d).dsSents }

// sent points s at the words of sentence si.
func (x *dsSents) sent(si int, s *dsSent) {
	a, b := x.first[si], x.first[si+1]
	s.w, s.cls, s.sets, s.dsSentFacts = x.w[a:b], x.cls[a:b], x.sets, x.facts[si]
}
