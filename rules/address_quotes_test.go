package rules

import (
	"cmp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/yasno/yasno/linter"
)

// adQuotedAll is the plain statement of adQuotedSpans: the quoted spans
// of every block at once.
func adQuotedAll(d *linter.Document) adSpans {
	var out adSpans
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		pairs, _ := tpQuotes(d, b.First, b.Last, nil)
		for _, p := range pairs {
			out = append(out, linter.Span{Start: int(d.Tokens[p.open].Start), End: int(d.Tokens[p.close].End)})
		}
	}
	slices.SortFunc(out, func(a, b linter.Span) int { return cmp.Compare(a.Start, b.Start) })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, sp.End)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// TestAdQuotedBlock: a word is quoted by the spans of its own block as it
// is by those of the whole document, in whatever order blocks are asked.
func TestAdQuotedBlock(t *testing.T) {
	docs := dsIndexDocs(t)
	docs = append(docs, linter.FromText("t", "«Вы «ваш» \"вам\"\n\n» вас «\nвами» "+
		"„ваше“ 'ваши'\n\nвашего «вашей"))
	for _, d := range docs {
		all := adQuotedAll(d)
		q := adQuoted{block: -1}
		for i := range d.Tokens {
			assert.Equal(t, all.has(int(d.Tokens[i].Start)), q.has(d, i), "%s: token %d", d.Name, i)
		}
		for i := len(d.Tokens) - 1; i >= 0; i -= 3 {
			assert.Equal(t, all.has(int(d.Tokens[i].Start)), q.has(d, i), "%s: token %d", d.Name, i)
		}
	}
}
