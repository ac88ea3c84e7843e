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
	stems    stemmer
	wordSeed = maphash.Bytes(maphash.MakeSeed(), nil)
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
// and holds the words in place, as numbers: a hit on a word of up to
// maxKeyed bytes compares a few numbers in one cache line and follows
// no pointer.
type wordCache struct {
	sets [wordSets][2]cachedWord // first, so that a set is a cache line
	st   *stemmer
}

// wordSets is the number of sets of a wordCache. A set keeps the two
// words last added to it (on a miss) whose hashes pick it, the latest
// first; two a set keep two common words that share a set from pushing
// each other out at every turn.
const wordSets = 1 << 12

// cachedWord is a word of a wordCache, as its wordKey, its NormID and
// its flags (see wordFlags): the key's fields are spelled out so that
// the rest takes the room the key leaves after n, and a cachedWord is
// 32 bytes.
type cachedWord struct {
	a, b, c uint64
	n       uint8
	f       Flags
	id      uint32
}

func (e *cachedWord) key() wordKey { return wordKey{e.a, e.b, e.c, e.n} }

// maxKeyed is the length of the longest word a wordKey holds: twelve
// Cyrillic letters, nearly every word of a letter. Longer ones go to the
// stem cache.
const maxKeyed = 24

// wordKey is a word of up to maxKeyed bytes as numbers: its length and
// words of its bytes (little-endian) that together cover all of them,
// so that equal keys are equal words. A word of eight bytes or more has
// its first and last eight in a and b, and the eight after the first
// in c when they are not covered yet; a word of four to seven has its
// first and last four in a; a shorter one its first, middle and last
// byte. Bytes of no word are zero.
type wordKey struct {
	a, b, c uint64
	n       uint8
}

func keyOf(w string) wordKey {
	k := wordKey{n: uint8(len(w))}
	switch n := len(w); {
	case n >= 8:
		k.a, k.b = le64(w), le64(w[n-8:])
		if n > 16 {
			k.c = le64(w[8:])
		}
	case n >= 4:
		k.a = uint64(le32(w)) | uint64(le32(w[n-4:]))<<32
	case n > 0:
		k.a = uint64(w[0]) | uint64(w[n/2])<<8 | uint64(w[n-1])<<16
	}
	return k
}

// set picks the key's set of a wordCache. A seed keeps the sets of a
// process unguessable, so that no text can make every word miss.
func (k *wordKey) set() uint32 {
	h := (k.a^wordSeed)*0x9E3779B97F4A7C15 + (k.b^k.c^uint64(k.n))*0xC2B2AE3D27D4EB4F
	return uint32(h>>32) % wordSets
}

var wordCaches = sync.Pool{New: func() any { return &wordCache{st: &stems} }}

// lookup is stemmer.lookupID through the cache. It returns the word's
// NormID, its flags (see wordFlags), and for a word without a NormID
// (past the stem cache's bound) its normal form and stem in over.
func (c *wordCache) lookup(w string) (id uint32, f Flags, over *wordInfo) {
	if len(w) > maxKeyed {
		return c.miss(w)
	}
	k := keyOf(w)
	set := &c.sets[k.set()]
	if set[0].key() == k {
		return set[0].id, set[0].f, nil
	}
	if set[1].key() == k {
		return set[1].id, set[1].f, nil
	}
	if id, f, over = c.miss(w); id != 0 {
		set[1] = set[0]
		set[0] = cachedWord{k.a, k.b, k.c, k.n, f, id}
	}
	return id, f, over
}

// miss asks the stem cache, as lookup does for a word it does not hold.
func (c *wordCache) miss(w string) (uint32, Flags, *wordInfo) {
	wi := c.st.lookupID(w)
	f := wordFlags(w, wi.norm)
	if wi.id == 0 {
		return 0, f, wi
	}
	return wi.id, f, nil
}

// wordFlags are the flags of a word w with normal form norm that the
// word cache keeps, so that the tokenizer learns them at no cost: Normal
// or none.
func wordFlags(w, norm string) Flags {
	if w == norm {
		return Normal
	}
	return 0
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
