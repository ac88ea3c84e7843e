package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// dsCutLinesSlow is the plain statement of dsLines: every line of a block
// trimmed of spaces, its words counted.
func dsCutLinesSlow(d *linter.Document) []dsLine {
	var out []dsLine
	for _, b := range d.Blocks {
		start := b.First
		for i := b.First; i <= b.Last; i++ {
			if i < b.Last && d.Tokens[i].Kind != linter.Newline {
				continue
			}
			f, l := start, i
			for f < l && d.Tokens[f].Kind == linter.Space {
				f++
			}
			for l > f && d.Tokens[l-1].Kind == linter.Space {
				l--
			}
			if l > f {
				n := 0
				for k := f; k < l; k++ {
					if d.Tokens[k].IsWordLike() {
						n++
					}
				}
				out = append(out, dsLine{First: f, Last: l, Words: n})
			}
			start = i + 1
		}
	}
	return out
}

// dsWords is the plain statement of dsSent.read: it appends to buf[:0]
// the indices of the word and number tokens of [first, last).
func dsWords(d *linter.Document, first, last int, buf []int) []int {
	buf = buf[:0]
	for i := first; i < last; i++ {
		if d.Tokens[i].IsWordLike() {
			buf = append(buf, i)
		}
	}
	return buf
}

// dsIndexDocs are the texts the index is checked on: the examples, the
// test letters and odd inputs.
func dsIndexDocs(t *testing.T) []*linter.Document {
	var docs []*linter.Document
	for _, pat := range []string{"../examples/*", "../testdata/holdout/*.txt", "../testdata/holdout2/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			d, err := linter.Parse(f, data, linter.Text)
			if err != nil {
				continue
			}
			docs = append(docs, d)
		}
	}
	for _, s := range []string{"", " ", "\n", " \n \n", "Исп. Петрова\r\n тел. 51-23-47 \n\n  Да.  ",
		"а\u200bб\n\u200b\n", "Исполнитель:\nОрлова Елена Николаевна",
		// Hard-wrapped prose: line breaks inside a sentence.
		"Служба рассмотрела обращение о протечке крыши дома номер пять по улице\r\n  Ленина и  \n" +
			"выдала предписание управляющей организации устранить нарушение до конца\n \t\nмесяца. Да"} {
		docs = append(docs, linter.FromText("t", s))
	}
	return docs
}

// read is the plain statement of a sentence of dsSents: the words of
// tokens [first, last) and their tests, read one by one.
func (s *dsSent) read(d *linter.Document, first, last int) {
	s.w = dsWords(d, first, last, s.w)
	s.cls = s.cls[:0]
	for _, i := range s.w {
		c := wtClassOf(d, &d.Tokens[i])
		if d.Tokens[i].Kind == linter.Number {
			c = wtNumClass
		}
		s.cls = append(s.cls, c)
	}
	s.sets = wtSnapshot()
	s.any, s.num = wtBits{}, false
	for k, i := range s.w {
		s.any.or(s.bits(k))
		s.num = s.num || d.Tokens[i].Kind == linter.Number
	}
	s.derive(d)
}

// TestDsIndex checks the lines, cut in the same pass as the sentences
// are read, against the plain statement, the label lines against dsLabelEnd, and the sentences read
// once for all rules against the plain reading and the word tests run
// afresh: the words, each word's answers and the sentence's summary (any,
// num). The terms and conditions come from the same derive on both sides;
// outcome's and vague's own cases test those.
func TestDsIndex(t *testing.T) {
	var s, v dsSent
	for _, d := range dsIndexDocs(t) {
		x := dsRead(d)
		want := dsCutLinesSlow(d)
		if len(want) == 0 {
			assert.Empty(t, x.lines, d.Name)
		} else {
			assert.Equal(t, want, x.lines, d.Name)
		}
		for k, l := range x.lines {
			if dsLabelEnd(d, l) >= 0 {
				assert.Contains(t, x.labels, k, d.Name)
			}
		}
		for si, sn := range d.Sentences {
			s.read(d, sn.First, sn.Last)
			x.sent(si, &v)
			assert.Equal(t, s.w, v.w, d.Name)
			for k, i := range v.w {
				assert.Equal(t, wtCompute(d.Norm(&d.Tokens[i])), *v.bits(k), d.Name)
			}
			assert.Equal(t, s.dsSentFacts, v.dsSentFacts, d.Name)
		}
	}
}

// TestWtClasses checks the answers kept by class against the tests run
// afresh, also when many goroutines ask about new words at once.
func TestWtClasses(t *testing.T) {
	var text strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&text, "будут%d срок%d %dустранено недел%d ", i, i, i, i)
	}
	d := linter.FromText("t", text.String())
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range d.Tokens {
				tok := &d.Tokens[i]
				assert.Equal(t, wtCompute(d.Norm(tok)), *wtOf(d, tok), d.Norm(tok))
			}
		})
	}
	wg.Wait()
	for _, d := range dsIndexDocs(t) {
		for i := range d.Tokens {
			tok := &d.Tokens[i]
			assert.Equal(t, wtCompute(d.Norm(tok)), *wtOf(d, tok), d.Norm(tok))
		}
	}
}

// TestWtNone: the empty word passes no test, nor do the fixed classes of
// plain words and numbers. The rules skip a sentence by the tests of its
// words, numbers aside.
func TestWtNone(t *testing.T) {
	assert.Equal(t, wtBits{}, wtCompute(""))
	assert.Equal(t, wtBits{}, wtSnapshot()[wtPlainClass])
	assert.Equal(t, wtBits{}, wtSnapshot()[wtNumClass])
}

// dsSideClausesSlow is the plain statement of dsSideClauses: every word
// is in a side clause from a side word to the next clause break, and a
// clause with «ли» is a side clause whole.
func dsSideClausesSlow(d *linter.Document, s *dsSent) []bool {
	w := s.w
	out := make([]bool, len(w))
	side := false
	for k, i := range w {
		if k > 0 && dsClauseBreak(d, w[k-1], i) {
			side = false
		}
		side = side || s.bits(k).has(wtSide)
		out[k] = side
	}
	for k := range w {
		if !s.bits(k).has(wtLi) {
			continue
		}
		for a := k; a >= 0 && (a == k || !dsClauseBreak(d, w[a], w[a+1])); a-- {
			out[a] = true
		}
		for b := k + 1; b < len(w) && !dsClauseBreak(d, w[b-1], w[b]); b++ {
			out[b] = true
		}
	}
	return out
}

// TestDsSideClauses holds dsSideClauses, which skips sentences without a
// side word and looks for clause breaks only inside a side clause, to
// its plain statement.
func TestDsSideClauses(t *testing.T) {
	docs := append(dsIndexDocs(t), linter.FromText("t", "Сообщим, когда починят лифт, и проверим. "+
		"Узнайте, устранят ли течь; мы проверим. Компания, которая заменила трубы (в подвале), отчиталась. "+
		"Ли проверят — не знаем, где и когда."))
	var s dsSent
	var buf []bool
	for _, d := range docs {
		x := dsSentsOf(d)
		for si := range d.Sentences {
			x.sent(si, &s)
			buf = dsSideClauses(d, &s, buf)
			assert.Equal(t, dsSideClausesSlow(d, &s), buf, d.TokenText(d.Sentences[si].First))
		}
	}
}
