package linter

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/russian"
)

// maxCached bounds the stem cache so that a stream of unique junk words sent
// to a long-running server cannot grow memory without end.
const maxCached = 500_000

type wordInfo struct{ norm, stem string }

// stemmer memoises normal forms and snowball stems by the word as written.
// Stemming costs a few microseconds a word; the cache makes the linter fast.
type stemmer struct {
	cache sync.Map // string -> wordInfo
	n     atomic.Int64
}

var stems stemmer

func (s *stemmer) lookup(w string) (norm, stem string) {
	if v, ok := s.cache.Load(w); ok {
		wi := v.(wordInfo)
		return wi.norm, wi.stem
	}
	norm = normalize(w)
	stem = stemNorm(norm)
	if s.n.Load() < maxCached {
		// Clone the key: w points into a document we must not keep alive.
		key := strings.Clone(w)
		if _, loaded := s.cache.LoadOrStore(key, wordInfo{norm, stem}); !loaded {
			s.n.Add(1)
		}
	}
	return norm, stem
}

func stemNorm(norm string) string {
	for _, r := range norm {
		if r >= 'а' && r <= 'я' {
			return russian.Stem(norm, false)
		}
	}
	return norm
}

// Stem returns the snowball stem yasno uses for a word, after Normalize.
// Dictionaries are compiled with it so that they match the tokens.
func Stem(word string) string {
	_, st := stems.lookup(word)
	return st
}
