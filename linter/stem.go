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

// stemmer memoises normal forms and snowball stems by the word as written.
// Stemming costs a few microseconds a word; the cache makes the linter fast.
//
// Almost every lookup is a hit, so hits take no lock: they read a map that
// is never written again (snap). New words go to a small map under a mutex
// (fresh) and are merged into a new snapshot once fresh has grown by an
// eighth, so each word is copied a few times in all.
//
// The map holds every word of the dictionaries and of the documents seen,
// too many to stay in the processor's caches: the tokenizer asks a
// wordCache first.
type stemmer struct {
	snap  atomic.Pointer[map[string]*wordInfo]
	mu    sync.Mutex
	fresh map[string]*wordInfo
	n     int // words in snap and fresh
	limit int // maxCached when zero; tests lower it
	// ids numbers the normal forms of the cached words, from 1 up; a norm
	// keeps its number for the life of the process.
	ids map[string]uint32
	// norms keeps the normal form and stem of every NormID, so that a
	// token needs only its NormID to give them: a token holds no
	// pointer, and the collector never scans a document's tokens. A
	// chunk's entries are written under mu before their NormIDs are
	// handed out, and never change afterwards.
	norms [maxCached/normChunk + 1]atomic.Pointer[[normChunk]normInfo]
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
	if m := s.snap.Load(); m != nil {
		if wi, ok := (*m)[w]; ok {
			return wi
		}
	}
	s.mu.Lock()
	wi, ok := s.fresh[w]
	s.mu.Unlock()
	if ok {
		return wi
	}
	norm := normalize(w)
	return s.add(w, norm, stemNorm(norm))
}

// wordCache keeps the words a tokenizer looked up last, in front of
// the stem cache, whose map is too big to stay in the processor's
// caches. Each tokenizer owns one while it reads a document (they are
// pooled, so a server's checks find them warm), so it needs no atomics
// and holds the words' first bytes and ids in place: a hit on a word of
// up to 19 bytes reads one cache line and follows no pointer.
type wordCache struct {
	sets [wordSets][2]cachedWord // first, so that a set is a cache line
	st   *stemmer
}

// wordSets is the number of sets of a wordCache. A set keeps the two
// words last added to it (on a miss) whose hashes pick it, the latest
// first; two a set keep two common words that share a set from pushing
// each other out at every turn.
const wordSets = 1 << 12

// cachedWord is a word of a wordCache: its first bytes, its length and
// what the stem cache knows of it.
type cachedWord struct {
	wi   *wordInfo
	id   uint32 // wi.id
	n    uint8  // len(wi.word), or 255 for longer words; 0 for no word
	head [wordHead]byte
}

// wordHead is how many bytes of a word a cachedWord holds: nine
// Cyrillic letters, most words of a letter. It makes a cachedWord 32
// bytes.
const wordHead = 19

var wordCaches = sync.Pool{New: func() any { return &wordCache{st: &stems} }}

// lookup is stemmer.lookupID through the cache, with the id at hand.
func (c *wordCache) lookup(w string) (*wordInfo, uint32) {
	set := &c.sets[frontHash(w)%wordSets]
	n := uint8(min(len(w), 255))
	for k := range set {
		e := &set[k]
		if e.n != n {
			continue
		}
		if len(w) <= wordHead {
			if string(e.head[:len(w)]) == w {
				return e.wi, e.id
			}
		} else if string(e.head[:]) == w[:wordHead] && e.wi.word == w {
			return e.wi, e.id
		}
	}
	wi := c.st.lookupID(w)
	if wi.id != 0 { // not cached: it may point into the document
		set[1] = set[0]
		set[0] = cachedWord{wi: wi, id: wi.id, n: n}
		copy(set[0].head[:], w)
	}
	return wi, wi.id
}

// frontHash picks a word's set of a wordCache from its length and
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
	if limit == 0 || limit > maxCached { // norms numbers no more
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
	if stem == w {
		wi.stem = key
	} else if stem == norm {
		wi.stem = wi.norm
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
		s.setNorm(wi.id, wi.norm, wi.stem)
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

// normInfo is a normal form and its stem, as numbered by NormID.
type normInfo struct{ norm, stem string }

// normChunk is how many normal forms a chunk of norms holds.
const normChunk = 1 << 12

// normOf returns the normal form and stem of NormID id (not 0).
func (s *stemmer) normOf(id uint32) *normInfo {
	return &s.norms[id/normChunk].Load()[id%normChunk]
}

// setNorm records the normal form and stem of a new NormID. The caller
// holds s.mu.
func (s *stemmer) setNorm(id uint32, norm, stem string) {
	c := s.norms[id/normChunk].Load()
	if c == nil {
		c = new([normChunk]normInfo)
		s.norms[id/normChunk].Store(c)
	}
	c[id%normChunk] = normInfo{norm: norm, stem: stem}
}
