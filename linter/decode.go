package linter

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-enry/go-enry/v2"
	"golang.org/x/text/encoding/charmap"
)

// Encoding names the character encoding a source was decoded from.
type Encoding string

// Encodings yasno reads. Drafts saved by old Windows editors come as
// Windows-1251; Notepad likes UTF-16 with a BOM.
const (
	UTF8    Encoding = "utf-8"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
	CP1251  Encoding = "windows-1251"
)

// ErrBinary is returned for input that is not text.
var ErrBinary = errors.New("это не текст: файл двоичный (картинка, архив или программа)")

// InputError is a problem with one input: the CLI prints it and exits 2,
// the API answers 4xx. Its message is plain Russian and never holds the text.
type InputError struct {
	Name string
	Err  error
}

func (e *InputError) Error() string {
	if e.Name == "" {
		return e.Err.Error()
	}
	return e.Name + ": " + e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }

// MaxText is the longest text a Document holds, in bytes. Offsets in
// tokens are 32-bit, which keeps a token at 16 bytes; source and the
// servers cap their input far below it.
const MaxText = math.MaxInt32

// maxText is MaxText; tests lower it.
var maxText = MaxText

// ErrTooLong is the error for a text longer than MaxText.
var ErrTooLong = errors.New("текст больше 2 ГБ: разделите его на части")

// Decode turns raw bytes into UTF-8 text. It honours a UTF-8 or UTF-16 BOM,
// recognises Russian UTF-16 without one, keeps valid UTF-8 as is, and takes
// anything else that is not binary for Windows-1251, the only other
// encoding Russian drafts arrive in. A text longer than MaxText once
// decoded is ErrTooLong.
func Decode(b []byte) (string, Encoding, error) {
	text, enc, err := decode(b)
	if err == nil && len(text) > maxText {
		return "", "", ErrTooLong
	}
	return text, enc, err
}

func decode(b []byte) (string, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		ok, ctrl := scanUTF8(b)
		if !ok {
			return "", "", errors.New("файл помечен как UTF-8, но содержит неверные байты")
		}
		if ctrl > len(b)/100 {
			return "", "", ErrBinary
		}
		return string(b), UTF8, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true)
	}
	if be, ok := looksUTF16(b); ok {
		return decodeUTF16(b, be)
	}
	if ok, ctrl := scanUTF8(b); ok {
		if bytes.IndexByte(b, 0) >= 0 || enry.IsBinary(b) || ctrl > len(b)/100 {
			return "", "", ErrBinary
		}
		return string(b), UTF8, nil
	}
	if enry.IsBinary(b) || bytes.IndexByte(b, 0) >= 0 || !mostlyText1251(b) {
		return "", "", ErrBinary
	}
	s, err := charmap.Windows1251.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", fmt.Errorf("не удалось прочитать кодировку windows-1251: %w", err)
	}
	return string(s), CP1251, nil
}

func decodeUTF16(b []byte, bigEndian bool) (string, Encoding, error) {
	if len(b)%2 != 0 {
		return "", "", errors.New("файл в UTF-16 обрезан: нечётное число байтов")
	}
	u := make([]uint16, len(b)/2)
	bad := 0
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
		if u[i] == 0 {
			return "", "", ErrBinary
		}
		if u[i] < 0x80 && isControl(byte(u[i])) {
			bad++
		}
	}
	if bad > len(u)/100 {
		return "", "", ErrBinary
	}
	enc := UTF16LE
	if bigEndian {
		enc = UTF16BE
	}
	return string(utf16.Decode(u)), enc, nil
}

// looksUTF16 spots Russian text in UTF-16 saved without a BOM: every other
// byte is the high byte of U+04xx (Cyrillic) or U+00xx (spaces, digits,
// punctuation), now and then U+20xx or U+21xx (dashes, quotes, «№»).
// Text in one-byte encodings never looks so, since letters fill both halves.
func looksUTF16(b []byte) (bigEndian, ok bool) {
	if len(b) < 4 || len(b)%2 != 0 {
		return false, false
	}
next:
	for _, hi := range []int{1, 0} { // LE: high bytes at odd offsets
		common, other := 0, 0
		for i := hi; i < len(b); i += 2 {
			switch b[i] {
			case 0x00, 0x04:
				common++
			case 0x20, 0x21:
				other++
			default:
				continue next
			}
		}
		if other*10 <= common {
			return hi == 0, true
		}
	}
	return false, false
}

// isControl reports control bytes that letters never hold: all below
// space except tab, line breaks and form feed, and DEL.
func isControl(c byte) bool { return controlByte[c] == 1 }

var controlByte = func() (t [256]uint8) {
	for c := 0; c < 0x20; c++ {
		if c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			t[c] = 1
		}
	}
	t[0x7F] = 1
	return t
}()

func controls(b []byte) int {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	n, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		x := uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
			uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
		// Most runs of eight bytes have no byte below a space and no DEL:
		// skip them whole (the tests are exact for «any byte …»).
		below := (x - 0x20*ones) &^ x & high
		del := (x ^ 0x7F*ones - ones) &^ (x ^ 0x7F*ones) & high
		if below|del == 0 {
			continue
		}
		for _, c := range b[i : i+8] {
			n += int(controlByte[c])
		}
	}
	for _, c := range b[i:] {
		n += int(controlByte[c])
	}
	return n
}

// mostlyText1251 tells text in Windows-1251 from other binary data: control
// bytes other than tab and line breaks are rare in letters, and 0x98 is
// unassigned in that code page.
func mostlyText1251(b []byte) bool {
	bad := controls(b)
	for _, c := range b {
		if c == 0x98 {
			bad++
		}
	}
	return bad*100 <= len(b)
}

// scanUTF8 is utf8.Valid made quick for Russian, and counts the control
// bytes (see controls) in the same pass: utf8Words takes the text eight
// bytes at a time while it holds only ASCII and two-byte characters
// (Russian letters, «», no-break spaces), and the rest goes to
// utf8.DecodeRune. The count is only complete when ok.
func scanUTF8(b []byte) (ok bool, ctrl int) {
	var lead uint64
	for i := 0; i < len(b); {
		n, l, c := utf8Words(b[i:], lead)
		i, ctrl = i+n, ctrl+c
		// Eight bytes the words cannot take (or the last few): decode
		// them, from the start of a character cut by the last word.
		if l != 0 {
			i--
		}
		lead = 0
		for stop := min(i+8, len(b)); i < stop; {
			if c := b[i]; c < utf8.RuneSelf {
				ctrl += int(controlByte[c])
				i++
				continue
			}
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return false, ctrl
			}
			i += n
		}
	}
	return true, ctrl
}

// utf8Words checks b eight bytes at a time, each word with a few
// operations, while they are ASCII and two-byte characters, and counts
// their control bytes. It returns how many bytes it took, 0x80 as lead
// when the last of them begins a character, and the count. lead is
// 0x80 when the byte before b does.
func utf8Words(b []byte, lead uint64) (n int, _ uint64, ctrl int) {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	for ; len(b) >= 8; b, n = b[8:], n+8 {
		x := binary.LittleEndian.Uint64(b)
		if h := x & high; h|lead != 0 {
			// A byte 110xxxxx begins a two-byte character, the byte
			// after it must be 10xxxxxx, and no other byte may have its
			// high bit: shifting the word left by one and two brings
			// every byte's bits 6 and 5 to its bit 7. A first byte 0xC0
			// or 0xC1 (no bit among 0x1E) would make the character
			// overlong.
			l := h & (x << 1) &^ (x << 2)
			next := l<<8 | lead
			overlong := l &^ (x&(0x1E*ones) + 0x7F*ones)
			if h != l|next || (x<<1)&next|overlong != 0 {
				break
			}
			lead = l >> 56
		}
		// A byte below a space, or DEL (the only ASCII byte that 1 takes
		// to the high bit): exact for «any byte» of the word, whose high
		// bytes are valid (no 0xFF) and so neither.
		if ((x-0x20*ones)|(x+ones))&^x&high != 0 {
			for _, c := range b[:8] {
				ctrl += int(controlByte[c])
			}
		}
	}
	return n, lead, ctrl
}
