package linter

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

// Token kinds. Every byte of a checked block belongs to exactly one token.
const (
	Space   Kind = iota // spaces and tabs (also no-break spaces)
	Newline             // one line break: \n, \r\n or \r
	Word                // letters, maybe with digits and inner hyphens: «из-за», «59-ФЗ», «e-mail»
	Number              // digits with inner . , or -: «15.12.2026», «2,5», «44-18-20»
	Punct               // anything else; a run of dots is one token («...»)
)

func (k Kind) String() string {
	return [...]string{"space", "newline", "word", "number", "punct"}[k]
}

// Flags describe the letters of a word token.
type Flags uint8

// Token flags.
const (
	Cyrillic Flags = 1 << iota // has a Cyrillic letter
	Latin                      // has a Latin letter
	Digit                      // has a digit
	Upper                      // every letter is upper case
	Title                      // the first letter is upper case
	Hyphen                     // has an inner hyphen
	// Normal tells that the word is written as its normal form: its text
	// is Document.Norm. Most words of a letter are; a rule that tests
	// the text against the normal form needs no string comparison then.
	Normal
)

// Token is one piece of the text. Start and End are byte offsets into
// Document.Text; positions come from here and are never searched for again.
//
// A megabyte of prose has some 175,000 tokens, and every rule walks them,
// so a token is kept to 16 bytes and holds no pointer: offsets are 32-bit
// (a Document holds at most MaxText bytes), and a word's normal form and
// stem are found by its NormID (Document.Norm, Document.Stem), so the
// collector need not scan the tokens.
type Token struct {
	Start int32
	End   int32
	// NormID numbers the word's normal form: tokens with the same
	// normal form share it, in every document of the process, so a rule
	// can keep facts about words in a slice indexed by it instead of
	// testing the word again. Zero for tokens that are not words and for
	// words past the stem cache's bound: test Document.Norm then.
	NormID uint32
	Kind   Kind
	Flags  Flags
}

// Norm is the lower-case word with ё→е and soft hyphens removed; it is
// what dictionaries match. Empty for tokens that are not words. t is a
// token of d.
func (d *Document) Norm(t *Token) string {
	if t.NormID != 0 {
		return stems.normOf(t.NormID).norm
	}
	return d.uncached(t).norm
}

// Stem is the snowball stem of Norm (for Cyrillic words) or Norm
// itself. Empty for tokens that are not words. t is a token of d.
func (d *Document) Stem(t *Token) string {
	if t.NormID != 0 {
		return stems.normOf(t.NormID).stem
	}
	return d.uncached(t).stem
}

// uncached returns the normal form and stem of a token without a NormID:
// a word past the stem cache's bound, kept by the document, or no word.
func (d *Document) uncached(t *Token) normInfo {
	if t.Kind != Word || d.over == nil {
		return normInfo{}
	}
	return d.over[int(t.Start)]
}

// Is reports whether all flags in f are set.
func (t *Token) Is(f Flags) bool { return t.Flags&f == f }

// IsWordLike reports whether the token is a word or a number.
func (t *Token) IsWordLike() bool { return t.Kind == Word || t.Kind == Number }

const softHyphen = '\u00AD'

func isWordRune(r rune) bool {
	c, _ := classify(r)
	return c != cOther
}

// runeClass is what the tokenizer needs to know about a character.
type runeClass uint8

const (
	cOther runeClass = iota
	cDigit
	cLower // a letter in lower case, or a letter with no case
	cUpper
	cMark // a combining mark or a soft hyphen: inside a word, not a letter
)

// classify tells the class of a character and its script. ASCII and the
// Russian alphabet, nearly all of a letter, skip the Unicode tables.
func classify(r rune) (runeClass, Flags) {
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z':
			return cLower, Latin
		case 'A' <= r && r <= 'Z':
			return cUpper, Latin
		case '0' <= r && r <= '9':
			return cDigit, 0
		}
		return cOther, 0
	case 'а' <= r && r <= 'я' || r == 'ё':
		return cLower, Cyrillic
	case 'А' <= r && r <= 'Я' || r == 'Ё':
		return cUpper, Cyrillic
	case r == softHyphen:
		return cMark, 0
	case unicode.IsDigit(r):
		return cDigit, 0
	case unicode.IsLetter(r):
		var f Flags
		if unicode.Is(unicode.Cyrillic, r) {
			f = Cyrillic
		} else if unicode.Is(unicode.Latin, r) {
			f = Latin
		}
		if unicode.IsUpper(r) {
			return cUpper, f
		}
		return cLower, f
	case unicode.Is(unicode.Mn, r):
		return cMark, 0
	}
	return cOther, 0
}

func isDigit(r rune) bool {
	c, _ := classify(r)
	return c == cDigit
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

func isSpace(r rune) bool {
	// Letters and punctuation, far more often asked of than spaces, are
	// told from them in one or two tests.
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\f' || r == '\v'
	}
	switch r {
	case '\u00A0', '\u202F', '\u2009', '\u2007', '\u200B', '\uFEFF':
		return true
	}
	return false
}

// tokenize appends the tokens of d.Text[start:end] to d.Tokens. The
// spare capacity of d.Tokens must be zeroed memory, as make and append
// leave it: tokens are filled in place there. Copying whole tokens into
// the slice costs more than writing the few fields that are not zero.
//
// It sets d.badRunes when a byte is not UTF-8, and keeps the normal
// forms of words past the stem cache's bound in d.over.
func (d *Document) tokenize(start, end int, wc *wordCache) {
	text, toks := d.Text, d.Tokens
	i := start
	for i < end {
		// ASCII needs no decoding and no Unicode tables: with the
		// Russian letters (see scanWord) it is nearly all of a letter.
		c := text[i]
		r, n := rune(c), 1
		var word bool
		switch {
		case c < utf8.RuneSelf:
			word = asciiClass[c] != cOther
		case c&^1 == 0xD0 && i+1 < end && russianLetter[c&1][text[i+1]] != 0:
			word = true // r is not needed
		default:
			r, n = decodeRune(text[:end], i)
			if r == utf8.RuneError && n == 1 {
				d.badRunes = true
			}
			word = isWordRune(r)
		}
		switch {
		case word:
			j, flags, letters := scanWord(text, i, end)
			kind := Word
			switch {
			case letters:
			case flags&Digit != 0:
				kind = Number
			default:
				// Only soft hyphens or combining marks: not a word.
				kind = Punct
			}
			toks = addToken(toks, kind, i, j)
			t := &toks[len(toks)-1]
			if letters {
				id, f, over := wc.lookup(text[i:j])
				if t.NormID = id; id == 0 {
					d.keep(i, over)
				}
				flags |= f
			}
			t.Flags = flags
			i = j
			// The usual single space before the next Russian word.
			if j+1 < end && text[j] == ' ' && text[j+1]&^1 == 0xD0 {
				toks = addToken(toks, Space, j, j+1)
				i = j + 1
			}
		case r == '\n' || r == '\r':
			j := i + 1
			if r == '\r' && j < end && text[j] == '\n' {
				j++
			}
			toks = addToken(toks, Newline, i, j)
			i = j
		case isSpace(r):
			j := i + n
			for j < end && text[j] == ' ' {
				j++ // the usual single space between words
			}
			for j < end && text[j]&^1 != 0xD0 { // a Cyrillic letter
				r2, n2 := decodeRune(text[:end], j)
				if !isSpace(r2) {
					break // a bad byte is no space: the main loop sees it
				}
				j += n2
			}
			toks = addToken(toks, Space, i, j)
			i = j
		case r == '.':
			j := i + 1
			for j < end && text[j] == '.' {
				j++
			}
			toks = addToken(toks, Punct, i, j)
			i = j
		default:
			toks = addToken(toks, Punct, i, i+n)
			i += n
		}
	}
	d.Tokens = toks
}

// WithoutNormIDs returns a copy of d whose words have no NormID, as if
// each came past the stem cache's bound. Rules keep facts by NormID and
// test the words without one afresh; tests use it to check that path.
func WithoutNormIDs(d *Document) *Document {
	c := *d
	c.memo = &docMemo{owner: &c}
	c.Tokens = slices.Clone(d.Tokens)
	c.over = maps.Clone(d.over)
	for i := range c.Tokens {
		if t := &c.Tokens[i]; t.NormID != 0 {
			c.keep(int(t.Start), &wordInfo{norm: d.Norm(t), stem: d.Stem(t)})
			t.NormID = 0
		}
	}
	return &c
}

// keep keeps the normal form and stem of the word at start, one past the
// stem cache's bound.
func (d *Document) keep(start int, wi *wordInfo) {
	if d.over == nil {
		d.over = map[int]normInfo{}
	}
	d.over[start] = normInfo{norm: wi.norm, stem: wi.stem}
}

// addToken appends a token of kind k over [start, end) to toks, whose
// spare capacity is zeroed (see tokenize).
func addToken(toks []Token, k Kind, start, end int) []Token {
	n := len(toks)
	if n == cap(toks) {
		toks = append(toks, Token{})[:n] // grows into zeroed memory
	}
	toks = toks[:n+1]
	t := &toks[n]
	t.Kind, t.Start, t.End = k, int32(start), int32(end)
	return toks
}

// decodeRune decodes the character at s[i]. Russian letters take two
// bytes; decoding them here saves the general decoder's slow path.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c < 0xE0 && i+1 < len(s) {
		if c1 := s[i+1]; c1&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// russianLetter classifies the two bytes of a character that begins
// with 0xD0 or 0xD1 (by its low bit): a lower-case Russian letter
// (а-я, ё), an upper-case one (А-Я, Ё) or 0 for anything else.
var russianLetter = func() (t [2][256]uint8) {
	for r := 'а'; r <= 'я'; r++ {
		setRussian(&t, r, lowerCase)
	}
	setRussian(&t, 'ё', lowerCase)
	for r := 'А'; r <= 'Я'; r++ {
		setRussian(&t, r, upperCase)
	}
	setRussian(&t, 'Ё', upperCase)
	return t
}()

// The cases of letters, as russianLetter gives them and scanWord
// gathers them.
const (
	lowerCase = 1
	upperCase = 2
)

func setRussian(t *[2][256]uint8, r rune, k uint8) {
	b := utf8.AppendRune(nil, r)
	t[b[0]&1][b[1]] = k
}

// asciiClass is classify for ASCII, as a table: the tokenizer and
// scanWord ask it of every space, digit and Latin letter.
var asciiClass = func() (t [utf8.RuneSelf]runeClass) {
	for c := range t {
		t[c], _ = classify(rune(c))
	}
	return t
}()

// scanWord reads a word or number starting at i. Hyphens join letters and
// digits on both sides; . and , join digits only («15.12.2026», «2,5»).
// letters tells whether it holds a letter of any script: «α» is a word,
// not a number.
func scanWord(text string, i, end int) (int, Flags, bool) {
	text = text[:end]
	var f Flags
	var cases uint8 // lowerCase and upperCase, as the letters have them
	letters := false
	first := true
	j := i
	for j < end {
		// Russian letters first: almost every character of a word. A run
		// of them takes a tight loop: one table look-up a letter.
		if c0 := text[j]; c0&^1 == 0xD0 && j+1 < end {
			if k := russianLetter[c0&1][text[j+1]]; k != 0 {
				if first && k == upperCase {
					f |= Title
				}
				first, letters = false, true
				f |= Cyrillic
				cases |= k
				// Most of the run is taken four letters at once, as a
				// word of four 16-bit lanes, each a letter's two bytes.
				// Every lane must be 0xD0 or 0xD1 and a second byte
				// 0x80-0xBF. The letters are 0xD0 0x90-0xBF (А-Я, а-п)
				// and 0xD1 0x80-0x8F (р-я): adding 0x30 to the second
				// byte after 0xD1 brings both to 0x90-0xBF, with а-я at
				// 0xB0-0xBF. Ё and ё are left to the loop below.
				const lanes = 0x0001000100010001
				for j += 2; j+8 <= end; j += 8 {
					s := text[j : j+8]
					x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
						uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
					v := x + (x&lanes)*0x3000
					if x&(0xC0FE*lanes) != 0x80D0*lanes || v&(0xC000*lanes) != 0x8000*lanes || (v|v>>1)&(0x1000*lanes) != 0x1000*lanes {
						break
					}
					switch v & (v >> 1) & (0x1000 * lanes) { // the lower-case letters
					case 0:
						cases |= upperCase
					case 0x1000 * lanes:
						cases |= lowerCase
					default:
						cases |= lowerCase | upperCase
					}
				}
				for ; j+1 < end; j += 2 {
					c0 := text[j]
					if c0&^1 != 0xD0 {
						break
					}
					k := russianLetter[c0&1][text[j+1]]
					if k == 0 {
						break
					}
					cases |= k
				}
				if j < end && text[j] == ' ' {
					break // the usual end of a word
				}
				continue
			}
		}
		// Then ASCII, which holds the space or the punctuation that ends
		// most words; other characters are decoded.
		c0 := text[j]
		r, n := rune(c0), 1
		var c runeClass
		var script Flags
		if c0 < utf8.RuneSelf {
			c = asciiClass[c0]
			if c >= cLower {
				script = Latin
			}
		} else {
			r, n = decodeRune(text, j)
			c, script = classify(r)
		}
		if c != cOther {
			switch c {
			case cDigit:
				f |= Digit
			case cUpper, cLower:
				letters = true
				f |= script
				if c == cUpper {
					cases |= upperCase
					if first {
						f |= Title
					}
				} else {
					cases |= lowerCase
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
		// A dot or a comma after a word ends it: look no further.
		hyphen := isHyphen(r)
		if !hyphen && letters {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+n:])
		if hyphen && isWordRune(next) && next != softHyphen {
			f |= Hyphen
			j += n
			continue
		}
		if prev, _ := utf8.DecodeLastRuneInString(text[i:j]); !hyphen && isDigit(prev) && isDigit(next) {
			j += n
			continue
		}
		break
	}
	if cases == upperCase {
		f |= Upper
	}
	return j, f, letters
}

// normalize lower-cases a word, maps ё to е and drops soft hyphens.
func normalize(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf || ('A' <= w[i] && w[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case 'ё', 'Ё':
			r = 'е'
		case softHyphen:
			continue
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Normalize is the form dictionaries use for a word: lower case, ё→е.
func Normalize(w string) string { return normalize(w) }
