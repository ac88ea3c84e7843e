package linter

import (
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refFinish is the plain way to finish findings: a stable sort by start,
// end and rule, and positions counted character by character from the
// start of the text for every offset. finish must give the same.
func refFinish(doc *Document, fs []Finding) []Finding {
	fs = append([]Finding(nil), fs...)
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		if a.End.Offset != b.End.Offset {
			return a.End.Offset < b.End.Offset
		}
		return a.Rule < b.Rule
	})
	var out []Finding
	for i, f := range fs {
		if i > 0 && f.Rule == fs[i-1].Rule && f.Start.Offset == fs[i-1].Start.Offset && f.End.Offset == fs[i-1].End.Offset {
			continue
		}
		out = append(out, f)
	}
	pos := func(off int) (Position, int) {
		line, col, units := 1, 1, 0
		for p := 0; p < off; {
			c, n := decodeRune(doc.Text, p)
			if c == '\n' || c == '\r' && (p+1 == len(doc.Text) || doc.Text[p+1] != '\n') {
				line, col = line+1, 1
			} else {
				col++
			}
			units++
			if c >= 0x10000 {
				units++
			}
			p += n
		}
		return Position{Offset: off, Line: line, Column: col}, units
	}
	for i := range out {
		f := &out[i]
		start := max(0, min(f.Start.Offset, len(doc.Text)))
		end := max(start, min(f.End.Offset, len(doc.Text)))
		f.Start, f.StartChar = pos(start)
		f.End, f.EndChar = pos(end)
		f.Text = doc.Text[start:end]
	}
	return out
}

// TestFinishMatchesReference checks sorting, duplicates, lines, columns
// and UTF-16 offsets on random texts: Cyrillic, emoji, \r\n and lone \r,
// invalid bytes, findings out of order, nested, duplicated, reversed or
// out of the text.
func TestFinishMatchesReference(t *testing.T) {
	pieces := []string{"слово", " ", "\n", "\r\n", "\r", "word", "😀", "ё", "\xff", "\xd0", "—", "  ", "\n\n", "𝔸b"}
	rules := []string{"a-rule", "b-rule", "c-rule"}
	rng := rand.New(rand.NewSource(1))
	sc := new(checkScratch)
	for n := 0; n < 400; n++ {
		// A third of the texts are long enough for spans finish does not
		// count on from their starts.
		text := randomText(rng, pieces, 40+160*(n%3/2), false)
		// Half the valid texts are known to be valid, as FromText knows.
		doc := &Document{Text: text, utf8OK: rng.Intn(2) == 0 && utf8.ValidString(text)}
		var fs []Finding
		// Grouped by rule in id order, as Registry.Check hands them over.
		for _, r := range rules {
			for k := rng.Intn(8); k > 0; k-- {
				a, b := rng.Intn(len(text)+3)-1, rng.Intn(len(text)+3)-1
				if rng.Intn(4) > 0 && a > b {
					a, b = b, a
				}
				if rng.Intn(3) == 0 {
					// Mostly on character boundaries, as from tokens.
					for a > 0 && a < len(text) && !utf8.RuneStart(text[a]) {
						a--
					}
				}
				f := Finding{Rule: r, Start: Position{Offset: a}, End: Position{Offset: b}, Message: text}
				fs = append(fs, f)
				if rng.Intn(5) == 0 {
					fs = append(fs, f) // a duplicate
				}
			}
		}
		want := refFinish(doc, fs)
		got := sc.finish(doc, fs) // scratch from the cases before
		if len(want) == 0 {
			assert.Empty(t, got, "%q", text)
			continue
		}
		require.Equal(t, want, got, "%q", text)
	}
}

func TestUTF8Counts(t *testing.T) {
	cases := []string{"", "abc", "абвгдеёжзийклмн", "😀😀 a 𝔸", strings.Repeat("ж😀x", 30), "a\u00a0b\u202fc",
		strings.Repeat("ж", 4000), strings.Repeat("ёж😀 \uffff\U0010ffff", 700)} // past 255 steps of 8 bytes
	pieces := []string{"ж", "a", "😀", "\uffff", "\U0010ffff", "\u00a0", "—"}
	rng := rand.New(rand.NewSource(4))
	for n := 0; n < 200; n++ {
		cases = append(cases, randomText(rng, pieces, 1200, false))
	}
	for _, s := range cases {
		chars, astral := utf8Counts(s)
		assert.Equal(t, utf8.RuneCountInString(s), chars, s)
		assert.Equal(t, UTF16Len(s), chars+astral, s)
	}
}

// TestFromTextKnowsUTF8 checks that a text document knows its text is
// valid UTF-8 exactly when it is.
func TestFromTextKnowsUTF8(t *testing.T) {
	for _, s := range []string{"", "абв где", "a\xffb", "слово\n\n\xd0", "  \n\n  ", "«кавычки» — тире\r\n\r\nещё"} {
		assert.Equal(t, utf8.ValidString(s), FromText("t", s).utf8OK, "%q", s)
	}
}

func TestCountChars(t *testing.T) {
	for _, s := range []string{"", "abc", "абвгдеёжзийклмн", "😀😀 a 𝔸", strings.Repeat("ж😀x", 30), "a\u00a0b\u202fc",
		"abcdefgh\xffabcdefghж", "\xd0\xd0ж\xe2\x80"} {
		end, chars, units := countChars(s, 0, len(s))
		assert.Equal(t, len(s), end, s)
		assert.Equal(t, utf8.RuneCountInString(s), chars, s)
		if utf8.ValidString(s) {
			assert.Equal(t, UTF16Len(s), units, s)
		}
	}
}

// TestPermute checks that findings move to the places of their keys.
func TestPermute(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 1; n < 60; n++ {
		fs := make([]Finding, n)
		keys := make([]findKey, n)
		for i, p := range rng.Perm(n) {
			fs[i].Rule = string(rune('a' + i%26))
			fs[i].Start.Offset = i
			keys[i] = findKey{i: p}
		}
		want := make([]int, n)
		for j := range keys {
			want[j] = keys[j].i
		}
		permute(fs, keys)
		for j := range fs {
			assert.Equal(t, want[j], fs[j].Start.Offset)
		}
	}
}

// TestMergeRuns checks the run merge against a plain sort on keys with
// few runs (as rules report) and with many (no order at all).
func TestMergeRuns(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var (
		scratch []int
		buf     []findKey
	)
	for n := 0; n < 500; n++ {
		size := rng.Intn(200) + 1
		runs := rng.Intn(size) + 1
		if n%2 == 0 {
			runs = rng.Intn(6) + 1
		}
		var keys []findKey
		for r := 0; r < runs && len(keys) < size; r++ {
			at := rng.Intn(50)
			for k := rng.Intn(size/runs + 1); k >= 0 && len(keys) < size; k-- {
				at += rng.Intn(4)
				keys = append(keys, findKey{at, at + rng.Intn(3), len(keys)})
			}
		}
		want := slices.Clone(keys)
		slices.SortFunc(want, cmpFindKey)
		scratch, buf = mergeRuns(keys, scratch, buf) // scratch from the cases before
		require.Equal(t, want, keys)
	}
}

// TestFindKeyLess checks the inlined order of keys against cmpFindKey,
// on every pair of keys of small fields, negative ones too (a faulty
// rule's offsets are sorted before they are clamped).
func TestFindKeyLess(t *testing.T) {
	var keys []findKey
	for s := -1; s <= 1; s++ {
		for e := -1; e <= 1; e++ {
			for i := 0; i <= 1; i++ {
				keys = append(keys, findKey{s, e, i})
			}
		}
	}
	for _, a := range keys {
		for _, b := range keys {
			require.Equal(t, cmpFindKey(a, b) < 0, a.less(b), "%v %v", a, b)
		}
	}
}

// TestFinishAllocatesNothingOnceGrown holds finish to checkScratch's
// promise: with the scratch grown, sorting a check's findings allocates
// nothing.
func TestFinishAllocatesNothingOnceGrown(t *testing.T) {
	text := strings.Repeat("Слово за словом. ", 40)
	doc := &Document{Text: text, utf8OK: true}
	var fs []Finding
	for _, r := range []string{"a-rule", "b-rule", "c-rule"} { // three runs
		for k := 0; k < 20; k++ {
			fs = append(fs, Finding{Rule: r, Start: Position{Offset: 17 * k}, End: Position{Offset: 17*k + 5}})
		}
	}
	sc := new(checkScratch)
	in := slices.Clone(fs)
	sc.finish(doc, in) // grows the scratch
	allocs := testing.AllocsPerRun(20, func() {
		copy(in, fs)
		sc.finish(doc, in)
	})
	assert.Zero(t, allocs)
}
