package linter

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/russian"
)

// maxCached bounds the stem cache so that a stream of unique junk words sent
// to a long-running server cannot grow memory without end.
const maxCached = 500_000

// wordInfo is what the cache knows of a word as written. Cached ones are
// never changed: readers share them without a lock.
type wordInfo struct {
	word       string // the word as written (a copy, not the document's)
	norm, stem string
	id         uint32 // numbers norm: see Token.NormID
}

// frontSets is the number of sets of the front cache, two words each.
const frontSets = 1 << 12

// stemmer memoises normal forms and snowball stems by the word as written.
// Stemming costs a few microseconds a word; the cache makes the linter fast.
//
// Almost every lookup is a hit, so hits take no lock: they read a map that
// is never written again (snap). New words go to a small map under a mutex
// (fresh) and are merged into a new snapshot once fresh has grown by an
// eighth, so each word is copied a few times in all.
//
// The map holds every word of the dictionaries and of the documents seen,
// too many to stay in the processor's caches. In front of it a small
// table keeps the words last looked up, two in each set chosen by a
// hash of the word: the common words of letters are found there.
type stemmer struct {
	snap  atomic.Pointer[map[string]*wordInfo]
	mu    sync.Mutex
	fresh map[string]*wordInfo
	n     int // words in snap and fresh
	limit int // maxCached when zero; tests lower it
	// ids numbers the normal forms of the cached words, from 1 up; a norm
	// keeps its number for the life of the process.
	ids   map[string]uint32
	front [frontSets]frontSet
}

var (
	stems     stemmer
	frontSeed = uint32(maphash.Bytes(maphash.MakeSeed(), nil))
)

func (s *stemmer) lookup(w string) (norm, stem string) {
	wi := s.lookupID(w)
	return wi.norm, wi.stem
}

// lookupID returns the normal form, the stem and the number of the normal
// form of a word as written (id 0 when the cache is full).
func (s *stemmer) lookupID(w string) *wordInfo {
	set := &s.front[frontHash(w)%frontSets]
	for k := range set {
		if wi := set[k].Load(); wi != nil && wi.word == w {
			return wi
		}
	}
	if m := s.snap.Load(); m != nil {
		if wi, ok := (*m)[w]; ok {
			set.put(wi)
			return wi
		}
	}
	s.mu.Lock()
	wi, ok := s.fresh[w]
	s.mu.Unlock()
	if !ok {
		norm := normalize(w)
		if wi = s.add(w, norm, stemNorm(norm)); wi.id == 0 {
			return wi // not cached: it may point into the document
		}
	}
	set.put(wi)
	return wi
}

// frontSet is a set of the front cache: the two words last added to it
// (on a miss) whose hashes pick it, the latest first. A hit moves nothing,
// so a hit costs no store; two a set keep two common words that share a
// set from pushing each other out at every turn.
type frontSet [2]atomic.Pointer[wordInfo]

// put makes wi the first word of the set; the first becomes the second.
// A reader between the two stores may miss a word, never find a wrong
// one: each word is checked against what it is looked up for.
func (set *frontSet) put(wi *wordInfo) {
	set[1].Store(set[0].Load())
	set[0].Store(wi)
}

// frontHash picks a word's set of the front cache from its length and
// its first and last bytes: cheaper than hashing it whole, and words of
// one length that share both ends are rare enough. A seed keeps the
// slots of a process unguessable, so no text can make every word miss.
func frontHash(w string) uint32 {
	var a, b uint32
	switch n := len(w); {
	case n >= 4:
		a = uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24
		b = uint32(w[n-4]) | uint32(w[n-3])<<8 | uint32(w[n-2])<<16 | uint32(w[n-1])<<24
	case n > 0:
		a = uint32(w[0]) | uint32(w[n-1])<<8 | uint32(w[n/2])<<16
	}
	h := (a^frontSeed)*0x9E3779B1 + (b^uint32(len(w)))*0x85EBCA77
	return h ^ h>>15
}

// add caches a word and returns what it cached. The cache outlives
// documents, so it keeps copies: w, and norm and stem when they are w
// itself, point into a document that must not stay in memory.
func (s *stemmer) add(w, norm, stem string) *wordInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := s.limit
	if limit == 0 {
		limit = maxCached
	}
	if s.n >= limit {
		return &wordInfo{norm: norm, stem: stem}
	}
	if wi, ok := s.fresh[w]; ok {
		return wi
	}
	var old map[string]*wordInfo
	if m := s.snap.Load(); m != nil {
		old = *m
		if wi, ok := old[w]; ok {
			return wi // merged in meanwhile
		}
	}
	key := strings.Clone(w)
	wi := &wordInfo{word: key, norm: norm, stem: stem}
	if norm == w {
		wi.norm = key
	}
	if id, ok := s.ids[norm]; ok {
		wi.id = id
	} else {
		// A norm unlike w was built by normalize: it is a copy already.
		if s.ids == nil {
			s.ids = map[string]uint32{}
		}
		wi.id = uint32(len(s.ids) + 1)
		s.ids[wi.norm] = wi.id
	}
	if stem == w {
		wi.stem = key
	} else if stem == norm {
		wi.stem = wi.norm
	}
	if s.fresh == nil {
		s.fresh = map[string]*wordInfo{}
	}
	s.fresh[key] = wi
	s.n++
	if len(s.fresh) < max(64, len(old)/8) && s.n < limit {
		return wi
	}
	m := make(map[string]*wordInfo, len(old)+len(s.fresh))
	for k, v := range old {
		m[k] = v
	}
	for k, v := range s.fresh {
		m[k] = v
	}
	s.snap.Store(&m)
	s.fresh = nil
	return wi
}

// get returns a cached word, for tests.
func (s *stemmer) get(w string) (wordInfo, bool) {
	if m := s.snap.Load(); m != nil {
		if wi, ok := (*m)[w]; ok {
			return *wi, true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if wi, ok := s.fresh[w]; ok {
		return *wi, true
	}
	return wordInfo{}, false
}

// size returns the number of cached words, for tests.
func (s *stemmer) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
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
