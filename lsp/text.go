package lsp

import (
	"sort"
	"unicode/utf8"
)

// Position is an LSP position: a 0-based line and a character offset in
// UTF-16 code units within the line, the protocol's default encoding.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range, end exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// lineIndex holds the byte offsets where the lines of a text start. A line
// ends at \n, \r\n or a lone \r, as LSP and the linter both count.
type lineIndex []int

func newLineIndex(text string) lineIndex {
	li := lineIndex{0}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			li = append(li, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			li = append(li, i+1)
		}
	}
	return li
}

// lineEnd is the byte offset where line l's text ends, before its break.
func (li lineIndex) lineEnd(text string, l int) int {
	if l+1 >= len(li) {
		return len(text)
	}
	e := li[l+1] - 1
	if e > li[l] && text[e] == '\n' && text[e-1] == '\r' {
		e--
	}
	return e
}

// position converts a byte offset into an LSP position.
func (li lineIndex) position(text string, off int) Position {
	off = max(0, min(off, len(text)))
	l := sort.Search(len(li), func(i int) bool { return li[i] > off }) - 1
	return Position{Line: l, Character: utf16Count(text[li[l]:off])}
}

// offset converts an LSP position into a byte offset. A character past the
// end of the line means its end, a line past the end the end of the text,
// as the protocol says; inside a surrogate pair it means the rune's start.
func (li lineIndex) offset(text string, p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(li) {
		return len(text)
	}
	pos, end := li[p.Line], li.lineEnd(text, p.Line)
	for units := 0; pos < end; {
		r, n := utf8.DecodeRuneInString(text[pos:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > p.Character {
			break
		}
		units += w
		pos += n
	}
	return pos
}

// utf16Count is the length of s in UTF-16 code units.
func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
