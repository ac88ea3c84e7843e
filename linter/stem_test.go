package linter

import (
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inside reports whether s points into big's memory.
func inside(s, big string) bool {
	if len(s) == 0 {
		return false
	}
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(big)))
	return p >= b && p < b+uintptr(len(big))
}

// TestStemCacheKeepsNoDocument checks that the process-wide cache holds
// copies: a cached word must not keep a whole document alive.
func TestStemCacheKeepsNoDocument(t *testing.T) {
	for _, word := range []string{"zqxjkvlatin", "ЗЫКВЖРУССКИЙ", "жзыкврусский"} {
		doc := strings.Repeat("x", 1<<16) + " " + word + " "
		w := doc[1<<16+1 : 1<<16+1+len(word)]
		var st stemmer
		norm, stem := st.lookup(w)
		assert.Equal(t, normalize(word), norm)
		wi, ok := st.get(w)
		assert.True(t, ok, "cached")
		assert.False(t, inside(wi.norm, doc), "%s: cached norm points into the document", word)
		assert.False(t, inside(wi.stem, doc), "%s: cached stem points into the document", word)
		assert.Equal(t, stem, wi.stem)
	}
}

func TestStemCacheBound(t *testing.T) {
	var st stemmer
	st.limit = 1000
	for i := 0; i < 3000; i++ {
		w := fmt.Sprintf("слово%d", i)
		norm, stem := st.lookup(w)
		assert.Equal(t, w, norm)
		assert.Equal(t, stemNorm(w), stem)
	}
	assert.Equal(t, 1000, st.size(), "the cache stops growing at its limit")
	norm, _ := st.lookup("Слово2999")
	assert.Equal(t, "слово2999", norm, "words past the limit are still normalised")
}

// TestUncachedWords checks that the document keeps the normal forms of
// words the full stem cache no longer numbers, and that a cached word
// gives its own through its NormID.
func TestUncachedWords(t *testing.T) {
	FromText("t.txt", "дом Дом")
	stems.mu.Lock()
	old := stems.limit
	stems.limit = stems.n // full: no new word is cached
	stems.mu.Unlock()
	defer func() {
		stems.mu.Lock()
		stems.limit = old
		stems.mu.Unlock()
	}()
	d := FromText("t.txt", "Дом, ЁЖИКОВИДНЫХ-щуковатостей xqzw-ёлками дом")
	var words []int
	for i := range d.Tokens {
		if d.Tokens[i].Kind == Word {
			words = append(words, i)
		}
	}
	require.Len(t, words, 4)
	for k, want := range []string{"дом", "ежиковидных-щуковатостей", "xqzw-елками", "дом"} {
		tk := &d.Tokens[words[k]]
		assert.Equal(t, want, d.Norm(tk), "word %d", k)
		assert.Equal(t, stemNorm(want), d.Stem(tk), "word %d", k)
	}
	assert.NotZero(t, d.Tokens[words[0]].NormID, "a cached word keeps its number")
	assert.Zero(t, d.Tokens[words[1]].NormID, "a word past the bound has none")
	assert.Len(t, d.over, 2, "the document keeps the uncached words")
	assert.Empty(t, d.Norm(&d.Tokens[words[0]+1]), "a comma has no normal form")
}

func TestStemCacheParallelFill(t *testing.T) {
	var st stemmer
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				w := fmt.Sprintf("Квартира%d", i%700)
				if norm, _ := st.lookup(w); norm != strings.ToLower(w) {
					t.Errorf("lookup(%q) = %q", w, norm)
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 700, st.size())
}

// TestWordCacheSets checks that a wordCache keeps two words whose
// hashes pick one set, and that a third pushes out the older one: every
// lookup still answers for its own word.
func TestWordCacheSets(t *testing.T) {
	st := &stemmer{}
	c := &wordCache{st: st}
	var same []string
	key := keyOf("дом")
	want := key.set()
	for i := 0; len(same) < 3; i++ {
		require.Less(t, i, 1<<22, "no three words share a set")
		// The number in front varies the first bytes too: the seed is
		// random, and with it words that differ only at the end may
		// never share a set (1 process in 60 looked forever).
		w := fmt.Sprintf("%dслово%d", i, i)
		if key := keyOf(w); key.set() == want {
			same = append(same, w)
		}
	}
	set := &c.sets[want]
	id := func(w string) uint32 { return st.lookupID(w).id }
	for range 3 {
		for _, w := range same[:2] {
			got, _, _ := c.lookup(w)
			assert.Equal(t, id(w), got)
		}
	}
	assert.Equal(t, keyOf(same[1]), set[0].key())
	assert.Equal(t, keyOf(same[0]), set[1].key())
	got, _, _ := c.lookup(same[2])
	assert.Equal(t, id(same[2]), got)
	assert.Equal(t, keyOf(same[2]), set[0].key())
	assert.Equal(t, keyOf(same[1]), set[1].key(), "the older word goes")
	for _, w := range same {
		got, _, _ := c.lookup(w)
		assert.Equal(t, id(w), got)
	}
}

// TestWordKeys checks that the keys of different words differ, at every
// length a key holds: its numbers cover every byte of the word.
func TestWordKeys(t *testing.T) {
	assert.EqualValues(t, 32, unsafe.Sizeof(cachedWord{}), "two words a cache line")
	seen := map[wordKey]string{}
	for n := 1; n <= maxKeyed; n++ {
		w := []byte(strings.Repeat("a", n))
		for i := range w {
			w[i] = 'b'
			k := keyOf(string(w))
			require.NotContains(t, seen, k, "%q and %q", seen[k], w)
			seen[k] = string(w)
			w[i] = 'a'
		}
	}
}

// TestWordCacheMatchesStemmer holds a wordCache to the stem cache behind
// it on words that share their length and their first bytes, long
// words (past maxKeyed) and words past the stem cache's bound, which it
// must not keep.
func TestWordCacheMatchesStemmer(t *testing.T) {
	st := &stemmer{limit: 300}
	c := &wordCache{st: st}
	long := strings.Repeat("ж", 200)
	var words []string
	for i := range 400 {
		words = append(words, fmt.Sprintf("Слово%d", i), fmt.Sprintf("обращения%d", i), fmt.Sprintf("обра%04dщения", i), // a key's every number
			fmt.Sprintf("%sа%d", long, i), fmt.Sprintf("%d%s", i, long), "д", "ДОМ", "z")
	}
	rng := rand.New(rand.NewSource(8))
	for range 20000 {
		w := words[rng.Intn(len(words))]
		id, f, over := c.lookup(w)
		want := st.lookupID(w)
		if !assert.Equal(t, want.id, id, w) || !assert.Equal(t, w == want.norm, f == Normal, w) {
			return
		}
		if id == 0 {
			require.NotNil(t, over, w)
			assert.Equal(t, want.norm, over.norm, w)
			assert.Equal(t, want.stem, over.stem, w)
		} else {
			assert.Nil(t, over, w)
		}
	}
	for _, set := range c.sets {
		for _, e := range set {
			assert.True(t, e.n == 0 || e.id != 0, "a word past the bound is kept")
		}
	}
}
