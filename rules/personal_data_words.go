package rules

import (
	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

// The personal-data rule asks of every word whether a passport number may
// follow it, and of every capitalised word of a public reply whether it
// is a patronymic (a dozen suffix tests). The answers depend on the normal
// form alone, so they are kept for the life of the process by
// Token.NormID: a word seen before costs one array load, and its normal
// form, a string elsewhere in memory, is not read at all.

// Answers in pdWords: zero is not computed yet.
const (
	pdKnown       = 1 << iota // the answers are computed
	pdPatronymBit             // pdPatronymic is true
	pdPassportBit             // pdPassportWord is true
)

var pdWords dict.Facts

// pdFacts returns the answers for a token's normal form. A word past the
// stem cache's bound (NormID 0) has nowhere to keep them: they are
// computed every time.
func pdFacts(d *linter.Document, t *linter.Token) uint64 {
	if t.NormID != 0 {
		if v := pdWords.Get(t.NormID); v != 0 {
			return v
		}
	}
	n := d.Norm(t)
	v := uint64(pdKnown)
	if pdPatronymic(n) {
		v |= pdPatronymBit
	}
	if pdPassportWord(n) {
		v |= pdPassportBit
	}
	if t.NormID != 0 {
		pdWords.Set(t.NormID, v)
	}
	return v
}

// pdIsPatronymic reports pdPatronymic for a token's normal form.
func pdIsPatronymic(d *linter.Document, t *linter.Token) bool {
	return pdFacts(d, t)&pdPatronymBit != 0
}

// pdIsPassportWord reports pdPassportWord for a token's normal form.
func pdIsPassportWord(d *linter.Document, t *linter.Token) bool {
	return pdFacts(d, t)&pdPassportBit != 0
}
