package spelling

import (
	"strings"
	"sync"
	"testing"
)

var (
	fuzzOnce sync.Once
	fuzzDict *Dict
)

// FuzzCheck feeds arbitrary strings to Check and Suggest: they must not
// panic, and Suggest must offer only words that Check accepts.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"", "новая", "Москва", "МОСКВА", "москва", "книгы", "ёлка", "2-х", "ул.",
		"книга-рыба", "-", "--", "...", "\xff", "кни\u0301га", "a\u0301", "домиками", "новаякнига",
		strings.Repeat("я", 100), strings.Repeat("-а", 60), "Ё", "ъ", " ", "\t\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzOnce.Do(func() { fuzzDict = testDict(t) })
		d := fuzzDict
		d.Check(s)
		for _, c := range d.Suggest(s, 4) {
			for _, w := range strings.Fields(c) {
				if !d.Check(w) {
					t.Errorf("Suggest(%q) offered %q, which Check rejects", s, c)
				}
			}
		}
	})
}

// FuzzLoad feeds arbitrary affix and dictionary files to Load.
func FuzzLoad(f *testing.F) {
	f.Add(testAff, testDic)
	f.Add("FLAG long\nSFX Aa Y 1\nSFX Aa 0 ы [^\n", "1\nстол/Aa\n")
	f.Add("FLAG num\nAF 1\nAF 1,2\nSFX 1 Y 1\nSFX 1 0 ы/2 .\n", "x\nстол/1\n")
	f.Add("SET KOI8-R\nPFX A Y 1\nPFX A а б .\nBREAK 1\nBREAK ^-\n", "1\n\xd3\xd4\xcf\xcc/A\n")
	f.Fuzz(func(t *testing.T, aff, dic string) {
		d, err := Load(strings.NewReader(aff), strings.NewReader(dic))
		if err != nil {
			return
		}
		for _, w := range []string{"стол", "столы", "Стол", "б-стол", "книга"} {
			d.Check(w)
		}
		d.Suggest("стлы", 3)
		d.Add("клинтоцентричность")
	})
}
