package rules

import (
	"os"
	"path/filepath"
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
		"а\u200bб\n\u200b\n", "Исполнитель:\nОрлова Елена Николаевна"} {
		docs = append(docs, linter.FromText("t", s))
	}
	return docs
}

// TestDsIndex checks the lines cut in one pass against the plain
// statement, the label lines against dsLabelEnd, and the words read into
// a dsSent against dsWords and wtOf.
func TestDsIndex(t *testing.T) {
	var s dsSent
	for _, d := range dsIndexDocs(t) {
		x := dsCutLines(d)
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
		for _, sn := range d.Sentences {
			s.read(d, sn.First, sn.Last)
			assert.Equal(t, dsWords(d, sn.First, sn.Last, nil), s.w, d.Name)
			var any wtBits
			num := false
			for k, i := range s.w {
				assert.Equal(t, *wtOf(&d.Tokens[i]), *s.bits[k])
				any.or(s.bits[k])
				num = num || d.Tokens[i].Kind == linter.Number
			}
			assert.Equal(t, any, s.any)
			assert.Equal(t, num, s.num)
		}
	}
}

// TestWtNone: the empty word, which numbers get, passes no test. The
// rules skip a sentence by the tests of its words, numbers aside.
func TestWtNone(t *testing.T) {
	assert.Equal(t, wtBits{}, *wtEmpty())
}
