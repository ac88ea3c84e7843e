package dictionaries

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spec says what one file's lines look like. The real compiler lives in
// package dict; this is a small independent check of the data itself.
type spec struct {
	cols    int  // tab-separated columns per line
	sev     bool // an optional last column after them: the severity of a phrase file
	phrase  bool // first column is a phrase: lower case, no ё, «|» and «=» notation
	cased   bool // a phrase may start with a capital (proper names)
	kinds   bool // third column is an abbreviation kind
	min     int  // fewest entries
	sources bool // last column must be a known source
}

var specs = map[string]spec{
	"jargon.tsv":         {cols: 4, sev: true, phrase: true, min: 220, sources: true},
	"foreign.tsv":        {cols: 4, sev: true, phrase: true, min: 160, sources: true},
	"abbreviations.tsv":  {cols: 4, kinds: true, min: 80, sources: true},
	"names.tsv":          {cols: 3, phrase: true, cased: true, min: 10, sources: true},
	"spelling-extra.txt": {cols: 2, min: 150, sources: true},
}

var knownSources = map[string]bool{
	"Нора Галь, Слово живое и мёртвое":                                     true,
	"К. Чуковский, Живой как жизнь":                                        true,
	"Федеральный закон от 01.06.2005 № 53-ФЗ „О государственном языке РФ“": true,
	"Толковый словарь иноязычных слов (Л. П. Крысин)":                      true,
	"Порядок взаимодействия с клиентом, п. 2.5":                            true,
	"составлено вручную":                                                   true,
}

var knownKinds = map[string]bool{"common": true, "official": true, "housing": true}

// entry is one data line: its number and fields.
type entry struct {
	n      int
	fields []string
}

// parse splits a file into data lines, skipping blank lines and # comments.
func parse(data string) []entry {
	var out []entry
	for i, s := range strings.Split(data, "\n") {
		s = strings.TrimSuffix(s, "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		out = append(out, entry{i + 1, strings.Split(s, "\t")})
	}
	return out
}

// check returns every problem of one file, each naming its line.
func check(name, data string, sp spec) []string {
	var errs []string
	bad := func(n int, format string, a ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", name, n, fmt.Sprintf(format, a...)))
	}
	seen := map[string]int{}
	entries := parse(data)
	for _, e := range entries {
		if sp.sev && len(e.fields) == sp.cols+1 {
			if sev := e.fields[sp.cols]; sev != "info" && sev != "warning" {
				bad(e.n, "unknown severity %q (info or warning)", sev)
			}
			e.fields = e.fields[:sp.cols]
		}
		if len(e.fields) != sp.cols {
			bad(e.n, "%d columns, want %d", len(e.fields), sp.cols)
			continue
		}
		for i, f := range e.fields {
			if strings.TrimSpace(f) == "" {
				bad(e.n, "column %d is empty", i+1)
			} else if f != strings.TrimSpace(f) {
				bad(e.n, "column %d has spaces at its ends", i+1)
			}
			if strings.ContainsAny(f, "\"") {
				bad(e.n, "column %d is quoted", i+1)
			}
		}
		key := e.fields[0]
		if prev, ok := seen[key]; ok {
			bad(e.n, "%q repeats line %d", key, prev)
		}
		seen[key] = e.n
		if sp.phrase {
			if sp.cased {
				key = lowerFirst(key)
			}
			for _, p := range phraseProblems(key) {
				bad(e.n, "%s", p)
			}
		} else if strings.ContainsAny(key, " |") {
			bad(e.n, "%q must be one word", key)
		}
		if sp.kinds && !knownKinds[e.fields[2]] {
			bad(e.n, "unknown kind %q", e.fields[2])
		}
		if sp.kinds && !hasUpper(key) {
			bad(e.n, "abbreviation %q has no capital letter", key)
		}
		if sp.sources && !knownSources[e.fields[len(e.fields)-1]] {
			bad(e.n, "unknown source %q", e.fields[len(e.fields)-1])
		}
		if sp.cols == 4 && sp.phrase {
			for _, r := range strings.Split(e.fields[1], " | ") {
				if strings.TrimSpace(r) == "" || r != strings.TrimSpace(r) {
					bad(e.n, "empty or padded replacement in %q", e.fields[1])
				}
			}
		}
	}
	if len(entries) < sp.min {
		errs = append(errs, fmt.Sprintf("%s: %d entries, want at least %d", name, len(entries), sp.min))
	}
	return errs
}

// phraseProblems checks the phrase notation: single spaces between words,
// «|» between alternatives, «=» only in front of an alternative, lower case, е for ё.
func phraseProblems(p string) []string {
	var out []string
	if p != strings.ToLower(p) {
		out = append(out, fmt.Sprintf("%q has capital letters", p))
	}
	if strings.Contains(p, "ё") {
		out = append(out, fmt.Sprintf("%q has ё (write е)", p))
	}
	for _, w := range strings.Split(p, " ") {
		if w == "" {
			out = append(out, fmt.Sprintf("%q has a double space", p))
			continue
		}
		for _, a := range strings.Split(w, "|") {
			a = strings.TrimPrefix(a, "=")
			a = strings.TrimRight(a, ",")
			if a == "" || strings.Contains(a, "=") {
				out = append(out, fmt.Sprintf("%q has an empty or broken alternative in %q", p, w))
			}
		}
	}
	return out
}

// lowerFirst lowers the first letter: a proper name may start with a
// capital, and then matches only capitalised text.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func TestEmbeddedFiles(t *testing.T) {
	names, err := fs.Glob(FS, "*")
	require.NoError(t, err)
	var got []string
	for _, n := range names {
		if strings.HasSuffix(n, ".tsv") || strings.HasSuffix(n, ".txt") {
			got = append(got, n)
		}
	}
	var want []string
	for n := range specs {
		want = append(want, n)
	}
	assert.ElementsMatch(t, want, got, "every embedded list needs a spec and every spec a file")
}

func TestListsAreWellFormed(t *testing.T) {
	for name, sp := range specs {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(FS, name)
			require.NoError(t, err)
			assert.Empty(t, check(name, string(data), sp))
		})
	}
}

func TestAbbreviationKinds(t *testing.T) {
	data, err := fs.ReadFile(FS, "abbreviations.tsv")
	require.NoError(t, err)
	n := 0
	for _, e := range parse(string(data)) {
		if len(e.fields) > 2 && e.fields[2] != "common" {
			n++
		}
	}
	assert.GreaterOrEqual(t, n, 60, "housing and official abbreviations")
}

func TestCheckCatchesBadLines(t *testing.T) {
	four := spec{cols: 4, phrase: true, sources: true}
	sev := spec{cols: 4, sev: true, phrase: true, sources: true}
	abbr := spec{cols: 4, kinds: true, sources: true}
	const src = "составлено вручную"
	tests := []struct {
		name string
		sp   spec
		data string
		want string // a substring of the first problem; "" means no problem
	}{
		{"good line", four, "в целях\tчтобы\tКанцелярит.\t" + src, ""},
		{"comment and blank lines", four, "# note\n\nв целях\tчтобы\tКанцелярит.\t" + src, ""},
		{"alternatives and exact forms", four, "=данный|=данная дом\tэтот\tКанцелярит.\t" + src, ""},
		{"comma held by the phrase", four, "в случае, если\tесли\tКанцелярит.\t" + src, ""},
		{"too few columns", four, "в целях\tчтобы\t" + src, "3 columns"},
		{"too many columns", four, "в целях\tчтобы\tа\tб\t" + src, "5 columns"},
		{"severity column", sev, "в целях\tчтобы\tа\t" + src + "\tinfo", ""},
		{"unknown severity", sev, "в целях\tчтобы\tа\t" + src + "\tсовет", "unknown severity"},
		{"capitalised name", spec{cols: 3, phrase: true, cased: true, sources: true}, "Дом рф\tкомпания\t" + src, ""},
		{"empty field", four, "в целях\t\tКанцелярит.\t" + src, "column 2 is empty"},
		{"quoted field", four, "\"в целях\"\tчтобы\tКанцелярит.\t" + src, "quoted"},
		{"duplicate phrase", four, "в целях\tчтобы\tа\t" + src + "\nв целях\tдля\tб\t" + src, "repeats line 1"},
		{"upper case phrase", four, "В целях\tчтобы\tа\t" + src, "capital letters"},
		{"ё in phrase", four, "объём\tразмер\tа\t" + src, "has ё"},
		{"double space", four, "в  целях\tчтобы\tа\t" + src, "double space"},
		{"empty alternative", four, "в целях|\tчтобы\tа\t" + src, "broken alternative"},
		{"empty replacement", four, "в целях\tчтобы |  | для\tа\t" + src, "replacement"},
		{"unknown source", four, "в целях\tчтобы\tа\tинтернет", "unknown source"},
		{"unknown kind", abbr, "МКД\tмногоквартирный дом\tжкх\t" + src, "unknown kind"},
		{"abbreviation in lower case", abbr, "мкд\tмногоквартирный дом\thousing\t" + src, "no capital"},
		{"abbreviation of two words", abbr, "ГИС ЖКХ\tсистема\thousing\t" + src, "one word"},
		{"too few entries", spec{cols: 4, phrase: true, min: 2, sources: true}, "в целях\tчтобы\tа\t" + src, "want at least 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := check("x.tsv", tt.data, tt.sp)
			if tt.want == "" {
				assert.Empty(t, errs)
				return
			}
			require.NotEmpty(t, errs)
			assert.Contains(t, errs[0], tt.want)
		})
	}
}
