package linter

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Format is the kind of source a document came from.
type Format string

// Formats yasno reads. Office formats are extracted to text by package
// extract and handed in through FromParagraphs.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	DOCX     Format = "docx"
	ODT      Format = "odt"
	HTML     Format = "html"
)

// ParseFormat maps a user-given name to a Format.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "txt", "plain", "plaintext":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "docx":
		return DOCX, nil
	case "odt":
		return ODT, nil
	case "html", "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("неизвестный формат %q: возможны text, markdown, docx, odt, html", s)
}

// FormatFromName guesses the format from a file name; ok is false for an
// extension yasno does not read.
func FormatFromName(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text", "":
		return Text, true
	case ".md", ".markdown":
		return Markdown, true
	case ".docx":
		return DOCX, true
	case ".odt":
		return ODT, true
	case ".html", ".htm":
		return HTML, true
	}
	return "", false
}

// Span is a byte range [Start, End) of Document.Text.
type Span struct{ Start, End int }

// Block is a unit of prose: a paragraph, heading, list item, table cell.
// Sentences never cross blocks.
type Block struct {
	Start, End int
	// Segs, when not nil, are the parts of [Start, End) that are prose;
	// the rest (inline code, markup) is skipped. Nil means all of it.
	Segs []Span
	// Part and Index locate the block in an office document
	// («body», «table», «header», «footer», «footnote»; 1-based in its part).
	Part  string
	Index int
	// First and Last are the block's tokens: Tokens[First:Last].
	First, Last int
}

// Sentence is a run of tokens inside one block.
type Sentence struct {
	Start, End  int // byte offsets, from the first to the last non-space token
	First, Last int // Tokens[First:Last]
	Block       int
	Words       int // whitespace-separated pieces with a letter or digit
}

// Document is a source ready for the rules: text, blocks, tokens and
// sentences. It is built once and only read afterwards, so rules may run
// on it concurrently.
type Document struct {
	Name      string
	Format    Format
	Encoding  Encoding
	Text      string
	Blocks    []Block
	Tokens    []Token
	Sentences []Sentence

	lines []int    // byte offsets where lines start
	memo  *docMemo // see Memo
	// utf8OK tells that Text is known to be valid UTF-8, so that
	// characters can be counted by bytes.
	utf8OK bool
	// badRunes tells that the tokenizer met bytes that are not UTF-8.
	badRunes bool
	// parts tells that some block has a Part (an office document).
	parts bool
	// tooLong tells that Text is past maxText: it has no blocks, and
	// Registry.Check refuses it.
	tooLong bool
	// over holds the normal forms of words past the stem cache's bound
	// (NormID 0), by the token's Start. Nearly always nil.
	over map[int]normInfo
}

// docMemo holds what rules share about one document. Rules share a few
// facts, so the first of them are kept in place: a check allocates
// nothing for them.
type docMemo struct {
	owner *Document // a copy of a Document shares the pointer, not the memo
	mu    sync.Mutex
	n     int              // vals in use
	vals  [4]memoVal       // the first keys asked for
	more  map[any]*memoVal // the rest
}

type memoVal struct {
	key  any
	once sync.Once
	v    any
}

// Memo returns the value kept for the document under key, calling build
// to make it the first time. Several rules need the same facts about a
// document (its lines, where the signature begins); Memo lets the first
// rule that asks compute them for all. The value is shared: callers must
// not change it. build may call Memo with other keys. Memo is safe for
// rules running at the same time; a Document not made by this package
// (or a copy of one) memoises nothing and calls build every time.
func (d *Document) Memo(key any, build func() any) any {
	m := d.memo
	if m == nil || m.owner != d {
		return build()
	}
	m.mu.Lock()
	e := m.entry(key)
	m.mu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v
}

// entry finds or adds the entry of key; m.mu is held.
func (m *docMemo) entry(key any) *memoVal {
	for i := range m.vals[:m.n] {
		if m.vals[i].key == key {
			return &m.vals[i]
		}
	}
	if m.n < len(m.vals) {
		e := &m.vals[m.n]
		e.key = key
		m.n++
		return e
	}
	e := m.more[key]
	if e == nil {
		if m.more == nil {
			m.more = map[any]*memoVal{}
		}
		e = &memoVal{key: key}
		m.more[key] = e
	}
	return e
}

// Parse decodes raw bytes and builds a document of the given format
// (Text or Markdown). name is only used in messages.
func Parse(name string, raw []byte, f Format) (*Document, error) {
	text, enc, err := Decode(raw)
	if err != nil {
		return nil, &InputError{Name: name, Err: err}
	}
	var d *Document
	switch f {
	case Markdown:
		d = FromMarkdown(name, text)
	case Text, "":
		d = FromText(name, text)
	default:
		return nil, &InputError{Name: name, Err: fmt.Errorf("формат %s читается через пакет extract", f)}
	}
	d.Encoding = enc
	d.utf8OK = true // Decode gives valid UTF-8 whatever it read
	return d, nil
}

// FromText builds a document from plain text. Blocks are paragraphs
// separated by blank lines.
func FromText(name, text string) *Document {
	d := &Document{Name: name, Format: Text, Text: text, Encoding: UTF8}
	// A block ends at each blank line: counting them first sizes the
	// slice once (a megabyte of letters has thousands of paragraphs).
	// Blank lines of \r\n are looked for only in a text with a \r.
	cr := strings.IndexByte(text, '\r') >= 0
	blocks := strings.Count(text, "\n\n") + 1
	if cr {
		blocks += strings.Count(text, "\n\r\n")
	}
	d.Blocks = make([]Block, 0, blocks)
	// The loop finds every \n: without a \r in the text, these are all
	// the line breaks, and the starts of lines (see lineStarts) are kept
	// on the way.
	if len(text) <= maxText && !cr {
		d.lines = make([]int, 1, len(text)/64+1)
	}
	start := -1
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		next := len(text) + 1
		if nl >= 0 {
			lineEnd = lineStart + nl
			next = lineEnd + 1
			if d.lines != nil {
				d.lines = append(d.lines, next)
			}
		}
		if strings.TrimSpace(strings.TrimRight(text[lineStart:lineEnd], "\r")) == "" {
			if start >= 0 {
				d.Blocks = append(d.Blocks, Block{Start: start, End: trimEnd(text, lineStart)})
				start = -1
			}
		} else if start < 0 {
			start = lineStart
		}
		lineStart = next
	}
	if start >= 0 {
		d.Blocks = append(d.Blocks, Block{Start: start, End: trimEnd(text, len(text))})
	}
	d.analyze()
	// The blocks hold every line that is not blank, and the tokenizer
	// decodes every character of a block; blank lines are white space.
	d.utf8OK = !d.badRunes
	return d
}

// FromParagraphs builds a document from extracted paragraphs (office
// documents, HTML): each paragraph is one block.
func FromParagraphs(name string, f Format, text string, paras []Block) *Document {
	d := &Document{Name: name, Format: f, Text: text, Encoding: UTF8, Blocks: paras}
	d.analyze()
	return d
}

// trimEnd moves end back over trailing line breaks.
func trimEnd(text string, end int) int {
	for end > 0 && (text[end-1] == '\n' || text[end-1] == '\r') {
		end--
	}
	return end
}

func (d *Document) analyze() {
	d.memo = &docMemo{owner: d}
	if len(d.Text) > maxText {
		d.tooLong, d.Blocks = true, nil // Registry.Check refuses it
		d.lineStarts()                  // read-only from here on, as below
		return
	}
	for i := range d.Blocks {
		if d.Blocks[i].Part != "" {
			d.parts = true
			break
		}
	}
	// Russian prose has a token every six bytes or so.
	d.Tokens = make([]Token, 0, len(d.Text)/5+8)
	wc := wordCaches.Get().(*wordCache)
	for i := range d.Blocks {
		b := &d.Blocks[i]
		b.First = len(d.Tokens)
		if b.Segs == nil {
			d.tokenize(b.Start, b.End, wc)
		} else {
			for _, s := range b.Segs {
				d.tokenize(s.Start, s.End, wc)
			}
		}
		b.Last = len(d.Tokens)
	}
	wordCaches.Put(wc)
	d.Sentences = splitSentences(d)
	// Line starts are computed now, not on the first Pos: the document is
	// read-only afterwards and rules may share it between goroutines.
	d.lineStarts()
}

// Words counts word tokens in the whole document.
func (d *Document) Words() int {
	n := 0
	for _, s := range d.Sentences {
		n += s.Words
	}
	return n
}

// Slice returns the text of tokens [i, j).
func (d *Document) Slice(i, j int) string {
	if i >= j {
		return ""
	}
	return d.Text[d.Tokens[i].Start:d.Tokens[j-1].End]
}

// TokenText returns the text of token i.
func (d *Document) TokenText(i int) string {
	t := &d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SentenceText returns the text of sentence i.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// SentenceAt returns the index of the sentence holding token i, or -1.
func (d *Document) SentenceAt(tok int) int {
	k := sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Last > tok })
	if k < len(d.Sentences) && d.Sentences[k].First <= tok {
		return k
	}
	return -1
}

// Position is a place in the text: byte offset, 1-based line and 1-based
// column counted in characters (runes).
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

func (d *Document) lineStarts() []int {
	if d.lines == nil {
		// A line ends at \n, \r\n or a lone \r (old Mac files), as the
		// tokenizer sees it.
		ls := make([]int, 1, len(d.Text)/64+1)
		if strings.IndexByte(d.Text, '\r') < 0 {
			// The usual case: IndexByte is much faster than a byte loop.
			for i := 0; ; {
				k := strings.IndexByte(d.Text[i:], '\n')
				if k < 0 {
					break
				}
				i += k + 1
				ls = append(ls, i)
			}
		} else {
			for i := 0; i < len(d.Text); i++ {
				if c := d.Text[i]; c == '\n' || c == '\r' && (i+1 == len(d.Text) || d.Text[i+1] != '\n') {
					ls = append(ls, i+1)
				}
			}
		}
		d.lines = ls
	}
	return d.lines
}

// Pos converts a byte offset into a Position.
func (d *Document) Pos(off int) Position {
	off = max(0, min(off, len(d.Text)))
	ls := d.lineStarts()
	l := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	return Position{Offset: off, Line: l + 1, Column: utf8.RuneCountInString(d.Text[ls[l]:off]) + 1}
}

// Line is one line of the text, without its line break.
type Line struct {
	Start, End int
	Text       string
}

// Lines returns the lines of the text.
func (d *Document) Lines() []Line {
	ls := d.lineStarts()
	out := make([]Line, len(ls))
	for i, s := range ls {
		e := len(d.Text)
		if i+1 < len(ls) {
			e = ls[i+1] - 1
		}
		if e > s && d.Text[e-1] == '\r' {
			e--
		}
		out[i] = Line{Start: s, End: e, Text: d.Text[s:e]}
	}
	return out
}

// BlockAt returns the index of the block holding byte offset off, or -1.
func (d *Document) BlockAt(off int) int {
	k := sort.Search(len(d.Blocks), func(k int) bool { return d.Blocks[k].End > off })
	if k < len(d.Blocks) && d.Blocks[k].Start <= off {
		return k
	}
	return -1
}
