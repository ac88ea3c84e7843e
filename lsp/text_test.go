package lsp

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLineIndex(t *testing.T) {
	// Line 1 has an emoji (2 UTF-16 units, 4 bytes) before «в целях».
	text := "Привет\r\n😀 в целях\rстрока\n"
	li := newLineIndex(text)
	assert.Equal(t, lineIndex{0, 14, 33, 46}, li)
	tests := []struct {
		name string
		off  int
		pos  Position
	}{
		{"start", 0, Position{0, 0}},
		{"cyrillic counts one unit", 12, Position{0, 6}},
		{"after CRLF", 14, Position{1, 0}},
		{"after the emoji", 18, Position{1, 2}},
		{"word after the emoji", 19, Position{1, 3}},
		{"after a lone CR", 33, Position{2, 0}},
		{"empty last line", 46, Position{3, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.pos, li.position(text, tt.off))
			assert.Equal(t, tt.off, li.offset(text, tt.pos), "round trip")
		})
	}
	clamps := []struct {
		name string
		pos  Position
		off  int
	}{
		{"character past the line end", Position{0, 99}, 12},
		{"line past the end", Position{9, 0}, len(text)},
		{"inside the surrogate pair", Position{1, 1}, 14},
		{"negative line", Position{-1, 3}, 0},
	}
	for _, tt := range clamps {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.off, li.offset(text, tt.pos))
		})
	}
	assert.Equal(t, Position{3, 0}, li.position(text, 999), "past the end")
}

func TestUTF16Count(t *testing.T) {
	for s, n := range map[string]int{"": 0, "abc": 3, "ясно": 4, "😀": 2, "a😀б": 4} {
		assert.Equal(t, n, utf16Count(s), s)
	}
}
