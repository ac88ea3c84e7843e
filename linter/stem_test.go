package linter

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
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

// TestFrontCacheSets checks that the front cache keeps two words whose
// hashes pick one set, and that a third pushes out the older one: every
// lookup still answers for its own word.
func TestFrontCacheSets(t *testing.T) {
	var st stemmer
	var same []string
	want := frontHash("дом") % frontSets
	for i := 0; len(same) < 3; i++ {
		if w := fmt.Sprintf("слово%d", i); frontHash(w)%frontSets == want {
			same = append(same, w)
		}
	}
	set := &st.front[want]
	for range 3 {
		for _, w := range same[:2] {
			assert.Equal(t, w, st.lookupID(w).word)
		}
	}
	assert.Equal(t, same[1], set[0].Load().word)
	assert.Equal(t, same[0], set[1].Load().word)
	assert.Equal(t, same[2], st.lookupID(same[2]).word)
	assert.Equal(t, same[2], set[0].Load().word)
	assert.Equal(t, same[1], set[1].Load().word, "the older word goes")
	for _, w := range same {
		assert.Equal(t, w, st.lookupID(w).word)
	}
}
