package rules

import (
	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

// A public reply is searched for full names, and every capitalised word
// is asked whether it is a patronymic: a dozen suffix tests, the same for
// every use of a word. The answer depends on the normal form alone, so
// it is kept for the life of the process by Token.NormID.

// Answers in pdWords: zero is not computed yet.
const (
	pdKnown       = 1 << iota // the answer is computed
	pdPatronymBit             // pdPatronymic is true
)

var pdWords dict.Facts

// pdIsPatronymic reports pdPatronymic for a token's normal form.
func pdIsPatronymic(t *linter.Token) bool {
	id := t.NormID
	if id == 0 {
		return pdPatronymic(t.Norm())
	}
	if v := pdWords.Get(id); v != 0 {
		return v&pdPatronymBit != 0
	}
	ok := pdPatronymic(t.Norm())
	v := uint64(pdKnown)
	if ok {
		v |= pdPatronymBit
	}
	pdWords.Set(id, v)
	return ok
}
