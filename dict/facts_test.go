package dict

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestFacts(t *testing.T) {
	var f Facts
	require.Zero(t, f.Get(0))
	require.Zero(t, f.Get(1<<20))
	f.Set(7, 70)
	f.Set(100_000, 42) // grows
	require.EqualValues(t, 70, f.Get(7))
	require.EqualValues(t, 42, f.Get(100_000))
	require.Zero(t, f.Get(8))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := uint32(g); i < 50_000; i += 4 {
				f.Set(i, uint64(i)+1)
				f.Get(i / 2)
			}
		}()
	}
	wg.Wait()
}

// TestScanFactsAgree checks the facts kept by NormID against the words
// themselves: a document scanned with its NormIDs (the facts are learnt
// and then read back) and without them (every word looked at afresh)
// gives the same matches.
func TestScanFactsAgree(t *testing.T) {
	bi, err := LoadBuiltin()
	require.NoError(t, err)
	var texts []string
	for _, dir := range []string{"../examples", "../testdata/holdout", "../testdata/holdout2"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	// Every phrase of the lists, as written and with hyphenated parts.
	for _, es := range [][]*Entry{bi.Names, bi.Jargon, bi.Foreign} {
		for _, e := range es {
			w := strings.NewReplacer("|", " ", "=", "", "~", "").Replace(e.Phrase)
			texts = append(texts, w+". Онлайн-"+w+" и "+strings.ToUpper(w)+"-сервис.")
		}
	}
	require.NotEmpty(t, texts)
	doc := linter.FromText("t.txt", strings.Join(texts, "\n\n"))
	bare := linter.WithoutNormIDs(doc)
	d, err := bi.Compile()
	require.NoError(t, err)
	want := d.Scan(bare, nil)
	require.NotEmpty(t, want)
	for range 2 { // learning the facts, then reading them
		require.Equal(t, want, d.Scan(doc, nil))
	}
	sc := d.Scanner(doc, nil)
	for i := range doc.Tokens {
		if doc.Tokens[i].IsWordLike() {
			sc.Token(i)
		}
	}
	require.Equal(t, want, sc.Matches(), "token by token")
	fresh, err := bi.Compile()
	require.NoError(t, err)
	require.Equal(t, want, fresh.Scan(bare, nil))
}
