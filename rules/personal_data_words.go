package rules

import (
	"sync"
	"sync/atomic"

	"github.com/yasno/yasno/linter"
)

// A public reply is searched for full names, and every capitalised word
// is asked whether it is a patronymic: a dozen suffix tests, the same for
// every use of a word. The answer depends on the normal form alone, so
// it is kept for the life of the process in a table indexed by
// Token.NormID.

// Answers in pdWords: zero is not computed yet.
const (
	pdKnown       = 1 << iota // the answer is computed
	pdPatronymBit             // pdPatronymic is true
)

// pdWordsMax bounds the table as the stem cache bounds NormID.
const pdWordsMax = 1 << 20

var (
	// pdWords holds the answers by NormID. It only grows, copied under
	// pdWordsMu; readers take no lock.
	pdWords   atomic.Pointer[[]atomic.Uint32]
	pdWordsMu sync.Mutex
)

// pdIsPatronymic reports pdPatronymic for a token's normal form.
func pdIsPatronymic(t *linter.Token) bool {
	id := t.NormID
	if id == 0 || id >= pdWordsMax {
		return pdPatronymic(t.Norm())
	}
	if tab := pdWords.Load(); tab != nil && int(id) < len(*tab) {
		if v := (*tab)[id].Load(); v != 0 {
			return v&pdPatronymBit != 0
		}
	}
	ok := pdPatronymic(t.Norm())
	v := uint32(pdKnown)
	if ok {
		v |= pdPatronymBit
	}
	pdStore(id, v)
	return ok
}

// pdStore keeps the answers v for word id.
func pdStore(id, v uint32) {
	pdWordsMu.Lock()
	defer pdWordsMu.Unlock()
	var tab []atomic.Uint32
	if p := pdWords.Load(); p != nil {
		tab = *p
	}
	if int(id) >= len(tab) {
		grown := make([]atomic.Uint32, max(2*len(tab), int(id)+1, 1024))
		for i := range tab {
			grown[i].Store(tab[i].Load())
		}
		tab = grown
		pdWords.Store(&tab)
	}
	tab[id].Store(v)
}
