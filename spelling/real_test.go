package spelling

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	ruOnce sync.Once
	ruDict *Dict
	ruErr  error
)

// ruRU loads the system ru_RU dictionary once. Without it the test is
// skipped, except on CI, where it must be installed (hunspell-ru).
func ruRU(t *testing.T) *Dict {
	t.Helper()
	aff, dic, ok := Find()
	if !ok {
		if os.Getenv("CI") == "true" {
			t.Fatal("ru_RU Hunspell dictionary not found; install hunspell-ru")
		}
		t.Skip("ru_RU Hunspell dictionary not installed")
	}
	ruOnce.Do(func() { ruDict, ruErr = LoadFiles(aff, dic) })
	require.NoError(t, ruErr)
	return ruDict
}

// devCorpus returns the path of a dev corpus reply or skips the test.
func devCorpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("/work/shared/corpus/dev", name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("dev corpus not available")
	}
	return p
}

func TestRealCheck(t *testing.T) {
	d := ruRU(t)
	for _, w := range []string{
		"простыни", "Простыни", "ПРОСТЫНИ", "выявленного", "прилагаются", "результатам",
		"Москва", "МОСКВА", "Москвой", "ещё", "еще", "ёлка", "елка", "повреждённое", "поврежденное",
		"по-русски", "какой-нибудь", "северо-западный", "ул.", "ЭВМ", "Уважаемый",
	} {
		assert.True(t, d.Check(w), w)
	}
	for _, w := range []string{
		"клинтоцентричности", "выявленого", "прилогаются", "резултатам",
		"москва", "чувашия", "эвм", "Эвм", "оштрафуюут",
	} {
		assert.False(t, d.Check(w), w)
	}
}

func TestRealSuggest(t *testing.T) {
	d := ruRU(t)
	for _, tt := range []struct{ bad, good string }{
		{"выявленого", "выявленного"},
		{"прилогаются", "прилагаются"},
		{"резултатам", "результатам"},
		{"москва", "Москва"},
		{"вцелях", "в целях"},
		{"Уважаемаый", "Уважаемый"},
		{"оштрафуюут", "оштрафуют"},
	} {
		got := d.Suggest(tt.bad, 3)
		i := slices.Index(got, tt.good)
		assert.True(t, i >= 0, "%s: %v", tt.bad, got)
		if i > 0 {
			t.Logf("%s: %q is suggestion %d of %v", tt.bad, tt.good, i+1, got)
		}
	}
	// Forms two edits away fill the list.
	assert.Equal(t, []string{"результатам", "результатом", "результатами", "результатах", "результата"},
		d.Suggest("резултатам", 5))
}

// knownMissing are words of the clean dev replies that ru_RU lacks:
// surnames and the abbreviation «д.» (дом). They belong in the project's
// list of extra words.
var knownMissing = []string{"д", "Егоровой", "Белова", "Савельевой", "Лаптев"}

// TestRealCleanReplies checks every word of the replies without defects.
// Left out: numbers, words with Latin letters, abbreviations in capitals and
// single capital letters (initials).
func TestRealCleanReplies(t *testing.T) {
	d := ruRU(t)
	for _, name := range []string{"02.txt", "05.txt", "09.txt"} {
		data, err := os.ReadFile(devCorpus(t, name))
		require.NoError(t, err)
		var failed []string
		for _, w := range tokens(string(data)) {
			if skipWord(w) || d.Check(w) {
				continue
			}
			failed = append(failed, w)
			assert.Contains(t, knownMissing, w, "%s: %q is not accepted", name, w)
		}
		if len(failed) > 0 {
			t.Logf("%s: not in ru_RU: %v", name, failed)
		}
	}
	// With the extra words added, everything passes. A fresh dictionary:
	// Add must not leak into other tests.
	aff, dic, _ := Find()
	d2, err := LoadFiles(aff, dic)
	require.NoError(t, err)
	d2.Add(knownMissing...)
	for _, name := range []string{"02.txt", "05.txt", "09.txt"} {
		data, err := os.ReadFile(devCorpus(t, name))
		require.NoError(t, err)
		for _, w := range tokens(string(data)) {
			assert.True(t, skipWord(w) || d2.Check(w), w)
		}
	}
}

// skipWord reports the obvious exclusions of a spelling check.
func skipWord(w string) bool {
	caps, letters := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			return true
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			return true
		case unicode.IsUpper(r):
			caps++
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return caps == letters
}

// TestRealMisspellings: the typos labelled in the dev corpus are found.
func TestRealMisspellings(t *testing.T) {
	d := ruRU(t)
	for _, tt := range []struct{ file, word string }{
		{"01.txt", "выявленого"}, {"04.txt", "прилогаются"}, {"06.txt", "резултатам"},
	} {
		data, err := os.ReadFile(devCorpus(t, tt.file))
		require.NoError(t, err)
		var bad []string
		for _, w := range tokens(string(data)) {
			if !skipWord(w) && !d.Check(w) {
				bad = append(bad, w)
			}
		}
		assert.Contains(t, bad, tt.word, tt.file)
	}
}

func TestRealAdd(t *testing.T) {
	ruRU(t) // skips or fails without the dictionary
	aff, dic, _ := Find()
	d, err := LoadFiles(aff, dic)
	require.NoError(t, err)
	d.Add("клинтоцентричность", "теплосчётчик")
	for _, w := range []string{"клинтоцентричность", "клинтоцентричности", "теплосчётчик", "теплосчетчика", "Теплосчётчиками"} {
		assert.True(t, d.Check(w), w)
	}
	assert.False(t, d.Check("клинтоцентричностями"+"ы"))
}
