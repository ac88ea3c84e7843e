package linter

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

const sample = "Уважаемая Анна Сергеевна!\r\nМы проверили дом № 5 — ёлки «зелёные».\n"

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var b []byte
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	for _, c := range u {
		if bigEndian {
			b = append(b, byte(c>>8), byte(c))
		} else {
			b = append(b, byte(c), byte(c>>8))
		}
	}
	return b
}

func cp1251(t *testing.T, s string) []byte {
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

func TestDecode(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-8", []byte(sample), sample, UTF8},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, sample...), sample, UTF8},
		{"empty", nil, "", UTF8},
		{"only a BOM", []byte{0xEF, 0xBB, 0xBF}, "", UTF8},
		{"utf-16le with BOM", utf16Bytes(sample, false, true), sample, UTF16LE},
		{"utf-16be with BOM", utf16Bytes(sample, true, true), sample, UTF16BE},
		{"utf-16le without BOM", utf16Bytes(sample, false, false), sample, UTF16LE},
		{"utf-16be without BOM", utf16Bytes(sample, true, false), sample, UTF16BE},
		{"latin utf-16le without BOM", utf16Bytes("Hello, world", false, false), "Hello, world", UTF16LE},
		{"utf-16 emoji", utf16Bytes("Дом 🙂", false, true), "Дом 🙂", UTF16LE},
		{"utf-16 lone surrogate becomes U+FFFD", append(utf16Bytes("Дом", false, true), 0x00, 0xD8), "Дом\uFFFD", UTF16LE},
		{"windows-1251", cp1251(t, sample), sample, CP1251},
		{"windows-1251 short", cp1251(t, "Дом"), "Дом", CP1251},
		{"windows-1251 typography", cp1251(t, "«Дом» — №\u00a05…"), "«Дом» — №\u00a05…", CP1251},
		{"tabs and form feed are text", []byte("а\tб\fв"), "а\tб\fв", UTF8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, enc, err := Decode(c.in)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.enc, enc)
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rnd.Read(random)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00")
	cases := []struct {
		name   string
		in     []byte
		binary bool
	}{
		{"png header", png, true},
		{"zip header", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"), true},
		{"NUL in utf-8", []byte("Дом\x00дом"), true},
		{"NUL in windows-1251", append(cp1251(t, "Дом"), 0, 0xC4), true},
		{"random bytes", random, true},
		{"control bytes", []byte(strings.Repeat("\x01\x02\x03\x1b", 50) + "дом"), true},
		{"utf-16 with NUL", utf16Bytes("Дом\x00", false, true), true},
		{"utf-16 BOM before binary", append([]byte{0xFF, 0xFE}, []byte(strings.Repeat("\x01\x00\x1b\x00A\x00", 20))...), true},
		{"truncated utf-16", append(utf16Bytes("Дом", false, true), 0x34), false},
		{"bad utf-8 after BOM", []byte{0xEF, 0xBB, 0xBF, 0xC4, 0xEE, 0xEC}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Decode(c.in)
			require.Error(t, err)
			assert.Equal(t, c.binary, errors.Is(err, ErrBinary), "%v", err)

			_, err = Parse("письмо.txt", c.in, Text)
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "письмо.txt", ie.Name)
			assert.True(t, strings.HasPrefix(err.Error(), "письмо.txt: "), err.Error())
			assert.Equal(t, c.binary, errors.Is(err, ErrBinary))
		})
	}
}

func TestParseKeepsEncoding(t *testing.T) {
	d, err := Parse("a.txt", cp1251(t, "Мы проверили дом."), Text)
	require.NoError(t, err)
	assert.Equal(t, CP1251, d.Encoding)
	assert.Equal(t, "Мы проверили дом.", d.Text)
	d, err = Parse("a.md", utf16Bytes("# Ответ", true, true), Markdown)
	require.NoError(t, err)
	assert.Equal(t, UTF16BE, d.Encoding)
	assert.Equal(t, "Ответ", d.TokenText(0))
}

func TestInputErrorWithoutName(t *testing.T) {
	e := &InputError{Err: ErrBinary}
	assert.Equal(t, ErrBinary.Error(), e.Error())
	assert.ErrorIs(t, e, ErrBinary)
}

// TestValidUTF8 holds the quick validator to utf8.Valid, and its count of
// control bytes to controls, on random mixes of Russian letters, ASCII,
// control bytes and every kind of bad or unusual sequence.
func TestValidUTF8(t *testing.T) {
	pieces := []string{"а", "Я", "ё", "обращения", "ЖИЛЬЦЫ", "abcdefgh", "a", " ", "\xd0", "\xd1", "\xd0\x41", "\xd1\xc0", "\xd0\x80",
		"\xc0\x80", "\xed\xa0\x80", "€", "𝔸", "\xf4\x90\x80\x80", "\xff", "\x80", "\xe2\x82", "\u00a0", "\x01", "\x7f", "\t", "\n", "\x00", "abc\x1bdefgh",
		"«", "»", "ß", "ѐ", "\xc1\xbf", "\xc0\xaf", "\xc2\x80", "\xdf\xbf", "\xd0\xd0\x80", "\xe0\x80", "\xbf", "жилец «дом»"}
	rng := rand.New(rand.NewSource(4))
	for n := 0; n < 50000; n++ {
		var b []byte
		for k := rng.Intn(20); k >= 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		ok, ctrl := scanUTF8(b)
		if ok != utf8.Valid(b) {
			t.Fatalf("%q: scanUTF8 %v, utf8.Valid %v", b, ok, utf8.Valid(b))
		}
		if ok && ctrl != controls(b) {
			t.Fatalf("%q: scanUTF8 counts %d control bytes, controls %d", b, ctrl, controls(b))
		}
	}
}

// TestTooLong checks that a text past MaxText is refused with a clear
// error, by Decode and by Registry.Check, instead of wrapping the 32-bit
// offsets of its tokens.
func TestTooLong(t *testing.T) {
	defer func(old int) { maxText = old }(maxText)
	maxText = 40
	text := strings.Repeat("слово ", 10) // 110 bytes
	_, _, err := Decode([]byte(text))
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = Parse("t.txt", []byte(text), Text)
	assert.ErrorIs(t, err, ErrTooLong)

	d := FromText("t.txt", text)
	assert.Empty(t, d.Tokens)
	reg, err := NewRegistry(fake("f", CatReadability, Warning, "слово"))
	require.NoError(t, err)
	_, err = reg.Check(d, Settings{})
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	assert.ErrorIs(t, err, ErrTooLong)
	assert.Equal(t, "t.txt: текст больше 2 ГБ: разделите его на части", err.Error())

	_, _, err = Decode([]byte(text[:33]))
	assert.NoError(t, err, "a text within the bound")
}
