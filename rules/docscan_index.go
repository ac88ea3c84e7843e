package rules

import "github.com/yasno/yasno/linter"

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
					x.add(toks, dsLine{First: f, Last: l, Words: n})
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
			x.add(toks, dsLine{First: f, Last: l, Words: n})
		}
	}
	return x
}

func (x *dsLineIndex) add(toks []linter.Token, l dsLine) {
	if t := &toks[l.First]; t.Kind == linter.Word && wtOf(t).has(wtLabel) {
		x.labels = append(x.labels, len(x.lines))
	}
	x.lines = append(x.lines, l)
}

// dsSent is the words of a sentence (or of any token range) with their
// word tests, read from the tokens once. A rule keeps one and reads each
// sentence into it, so that reading allocates only for the longest.
type dsSent struct {
	w    []int     // the word and number tokens, in order
	bits []*wtBits // bits[k] is wtOf(&Tokens[w[k]])
	any  wtBits    // the union of bits: a sentence without a word is skipped at once
	num  bool      // a number among the words
}

// read fills s with the words of tokens [first, last).
func (s *dsSent) read(d *linter.Document, first, last int) {
	s.w, s.bits, s.any, s.num = s.w[:0], s.bits[:0], wtBits{}, false
	for i := first; i < last; i++ {
		t := &d.Tokens[i]
		if !t.IsWordLike() {
			continue
		}
		b := wtOf(t)
		s.w = append(s.w, i)
		s.bits = append(s.bits, b)
		s.any.or(b)
		if t.Kind == linter.Number {
			s.num = true
		}
	}
}

// at returns the tests of word k, or those of the empty word when k is
// outside the sentence.
func (s *dsSent) at(k int) *wtBits {
	if k < 0 || k >= len(s.w) {
		return wtEmpty()
	}
	return s.bits[k]
}
