package linter

import (
	"math/rand"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestFastScans checks controls against the plain loop on
// random mixes of ASCII, control bytes, Russian and broken UTF-8.
func TestFastScans(t *testing.T) {
	pieces := [][]byte{[]byte("abc "), []byte("жильцы"), {'\n'}, {'\t'}, {0x01}, {0x7F}, {0x1F}, {0x20},
		[]byte("😀"), []byte("№"), {0xD0}, {0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xFF}, []byte("\u00a0"), {0x80}}
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 3000; n++ {
		var b []byte
		for k := rng.Intn(30); k >= 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		want := 0
		for _, c := range b {
			want += int(controlByte[c])
		}
		assert.Equal(t, want, controls(b), "%q", b)
	}
}

// TestParseGivesUTF8 checks what finish relies on: a parsed document is
// valid UTF-8 whatever the bytes were (Windows-1251, UTF-16, broken).
func TestParseGivesUTF8(t *testing.T) {
	inputs := [][]byte{[]byte("Привет, мир"), {0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0x98}, {0xff, 0xfe, 0x1f, 0x04, 0x00, 0xd8},
		{0xef, 0xbb, 0xbf, 'a', 'b'}, {0x1f, 0x04, 0x40, 0x04, 0x38, 0x04, 0x32, 0x04}}
	rng := rand.New(rand.NewSource(5))
	for n := 0; n < 500; n++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			b[i] = byte(0x20 + rng.Intn(0xE0))
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		for _, f := range []Format{Text, Markdown} {
			d, err := Parse("t", in, f)
			if err != nil {
				continue
			}
			assert.True(t, d.utf8OK, "%q", in)
			assert.True(t, utf8.ValidString(d.Text), "%q", in)
		}
	}
}
