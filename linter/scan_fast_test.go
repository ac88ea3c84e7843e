package linter

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScanWordMatchesReference checks the fast path for Russian letters
// against the plain character-by-character scan.
func TestScanWordMatchesReference(t *testing.T) {
	pieces := []string{"а", "я", "ё", "Ё", "А", "Я", "п", "р", "Ѐ", "ѐ", "ў", "Ї", "z", "Q", "7", "-", ".", ",", " ", "\u00ad",
		"\xd0", "\xd1", "\xd0\x80", "\xd1\xbf", "\xd0\xc0", "𝔸", "é", "\u0301", "‐", "–",
		// Runs of four letters and more, taken at once, and bytes that
		// look like them.
		"слово", "ЖИЛЬЦЫ", "домА", "пРиВеТсТвУю", "жёлтый", "\xd1\x61", "\xd1\x90", "\xd0\x8f", "\xd1\xc0"}
	rng := rand.New(rand.NewSource(6))
	for n := 0; n < 20000; n++ {
		text := randomText(rng, pieces, 12, false)
		for i := 0; i < len(text); i++ {
			if !utf8.RuneStart(text[i]) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				continue
			}
			end := len(text) - rng.Intn(2)*rng.Intn(len(text)-i+1)
			if end <= i {
				continue
			}
			j1, f1, l1 := scanWord(text, i, end)
			j2, f2, l2 := refScanWord(text, i, end)
			if j1 != j2 || f1 != f2 || l1 != l2 {
				t.Fatalf("%q from %d to %d: got %d %b %v, want %d %b %v", text, i, end, j1, f1, l1, j2, f2, l2)
			}
		}
	}
}

func refScanWord(text string, i, end int) (int, Flags, bool) {
	var f Flags
	upper, lower := 0, 0
	letters := false
	first := true
	j := i
	for j < end {
		r, n := decodeRune(text[:end], j)
		if c, script := classify(r); c != cOther {
			switch c {
			case cDigit:
				f |= Digit
			case cUpper, cLower:
				letters = true
				f |= script
				if c == cUpper {
					upper++
					if first {
						f |= Title
					}
				} else {
					lower++
				}
				first = false
			}
			j += n
			continue
		}
		// Only a hyphen, a dot or a comma may join; most words end at a
		// space, so look no further for those.
		if j+n >= end || !(r == '.' || r == ',' || isHyphen(r)) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+n : end])
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		if isHyphen(r) && isWordRune(next) && next != softHyphen {
			f |= Hyphen
			j += n
			continue
		}
		if (r == '.' || r == ',') && isDigit(prev) && isDigit(next) && !letters {
			j += n
			continue
		}
		break
	}
	if upper > 0 && lower == 0 {
		f |= Upper
	}
	return j, f, letters
}

// TestTokenizeMatchesReference checks the tokenizer's fast paths (ASCII
// by table, Russian letters by their two bytes) against the plain one
// that decodes and classifies every character.
func TestTokenizeMatchesReference(t *testing.T) {
	pieces := []string{"а", "я", "ё", "Ё", "А", "Я", "п", "р", "Ѐ", "ѐ", "ў", "z", "Q", "7", "-", ".", ",", " ", "  ", "\t",
		"\n", "\r\n", "\r", "\u00a0", "\u00ad", "\xd0", "\xd1", "\xd0\x80", "\xd1\xbf", "\xd0\xc0", "\xff", "𝔸", "é", "\u0301",
		"‐", "–", "«", "»", "…", "№", "(", "!",
		"слово", "ЖИЛЬЦЫ", "домА", "пРиВеТсТвУю", "жёлтый", "\xd1\x61", "\xd1\x90"}
	rng := rand.New(rand.NewSource(7))
	var texts []string
	examples, _ := filepath.Glob("../examples/*.txt")
	for _, f := range examples {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		texts = append(texts, string(b))
	}
	for n := 0; n < 20000; n++ {
		texts = append(texts, randomText(rng, pieces, 16, false))
	}
	for _, text := range texts {
		end := len(text) - rng.Intn(2)*rng.Intn(len(text)+1)
		var bad bool
		d := &Document{Text: text}
		d.tokenize(0, end, &wordCache{st: &stems})
		want := refTokenize(text, 0, end, &bad)
		if !assert.Equal(t, want, d.Tokens, "%q up to %d", text, end) || !assert.Equal(t, bad, d.badRunes, "bad bytes in %q", text) {
			return
		}
	}
}

// refTokenize is tokenize character by character.
func refTokenize(text string, start, end int, bad *bool) []Token {
	var toks []Token
	for i := start; i < end; {
		r, n := decodeRune(text[:end], i)
		if r == utf8.RuneError && n == 1 {
			*bad = true
		}
		t, e := Token{Start: int32(i), Kind: Punct}, i
		switch {
		case isWordRune(r):
			j, flags, letters := refScanWord(text, i, end)
			e, t.Flags = j, flags
			switch {
			case letters:
				t.Kind = Word
				wi := stems.lookupID(text[i:j])
				t.NormID = wi.id
				if wi.norm == text[i:j] {
					t.Flags |= Normal
				}
			case flags&Digit != 0:
				t.Kind = Number
			}
		case r == '\n' || r == '\r':
			t.Kind, e = Newline, i+1
			if r == '\r' && i+1 < end && text[i+1] == '\n' {
				e++
			}
		case isSpace(r):
			t.Kind, e = Space, i
			for e < end {
				r2, n2 := decodeRune(text[:end], e)
				if !isSpace(r2) {
					break
				}
				e += n2
			}
		case r == '.':
			e = i + 1
			for e < end && text[e] == '.' {
				e++
			}
		default:
			e = i + n
		}
		t.End = int32(e)
		toks = append(toks, t)
		i = e
	}
	return toks
}
