// Package extract pulls the visible text out of the documents clerks send
// for checking: DOCX and ODT files from office suites and HTML from portals.
//
// The result is a Document: the text of every paragraph joined by "\n",
// and for each paragraph its place (part and index) so that a clerk can find
// a finding in her own file. Reading order is headers, body (tables inline),
// footnotes and endnotes, then footers, because the executor mark usually
// sits in the footer and rules look for it near the end.
//
// Input is untrusted. Archives are read with caps on entry count, sizes and
// compression ratio, XML with caps on nesting depth and token count, and no
// function panics on bad input. Errors are plain Russian for a clerk and
// wrap exported sentinels (see Error) so that callers can map them.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Part names where a paragraph lives in the document.
const (
	PartBody     = "body"
	PartTable    = "table"
	PartHeader   = "header"
	PartFooter   = "footer"
	PartFootnote = "footnote" // footnotes and endnotes
)

// Paragraph is one block of text the linter checks on its own: sentences
// never cross a paragraph.
type Paragraph struct {
	Start, End int // byte offsets of the paragraph's text in Document.Text (End exclusive, excludes the separator)
	Part       string
	Index      int // 1-based, counted within its Part, in reading order
}

// Document is the extracted text. Empty paragraphs are dropped and do not
// take an index; leading and trailing spaces and tabs of a paragraph are
// trimmed. A paragraph's text never contains "\n".
type Document struct {
	Text       string // paragraphs' text joined by "\n"
	Paragraphs []Paragraph
}

// Limits caps the work spent on one input. A zero field means its default.
type Limits struct {
	MaxEntries   int   // files in the archive (default 1000)
	MaxEntrySize int64 // uncompressed bytes of one part read (default 32 MiB)
	MaxTotalSize int64 // uncompressed bytes of all parts read, also caps HTML input and the extracted text (default 64 MiB)
	MaxRatio     int   // uncompressed:compressed for a part larger than 1 MiB (default 100)
	MaxXMLDepth  int   // element nesting (default 256)
	MaxXMLTokens int   // XML or HTML tokens over the whole document (default 2,000,000)
}

// ratioFloor is the size below which the compression ratio is not checked:
// small XML of repeated markup legitimately compresses very well.
const ratioFloor = 1 << 20

// DefaultLimits returns the caps used when a Limits field is zero.
func DefaultLimits() Limits {
	return Limits{
		MaxEntries:   1000,
		MaxEntrySize: 32 << 20,
		MaxTotalSize: 64 << 20,
		MaxRatio:     100,
		MaxXMLDepth:  256,
		MaxXMLTokens: 2_000_000,
	}
}

// norm fills zero (or negative) fields with defaults.
func (l Limits) norm() Limits {
	d := DefaultLimits()
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = d.MaxEntrySize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = d.MaxXMLDepth
	}
	if l.MaxXMLTokens <= 0 {
		l.MaxXMLTokens = d.MaxXMLTokens
	}
	return l
}

// Error is a failure a clerk can act on. Its message is plain Russian;
// Code is stable for programs (CLI exit codes, API JSON). Returned errors
// wrap one of the Err* sentinels, often with detail appended, so use
// errors.Is to test for a kind and errors.As (or CodeOf) to get the code.
type Error struct {
	Code string
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Sentinel errors. All are *Error.
var (
	ErrEncrypted      error = &Error{"encrypted", "документ зашифрован или сохранён в старом формате .doc: снимите пароль и сохраните как .docx, затем проверьте снова"}
	ErrTooManyEntries error = &Error{"too_many_entries", "слишком много файлов в архиве"}
	ErrTooLarge       error = &Error{"too_large", "архив слишком большой после распаковки"}
	ErrZipBomb        error = &Error{"zip_bomb", "подозрительно сильное сжатие (zip-бомба?)"}
	ErrTooDeep        error = &Error{"too_deep", "слишком глубокая вложенность разметки в документе"}
	ErrTooManyTokens  error = &Error{"too_many_tokens", "слишком много элементов разметки в документе"}
	ErrCorrupt        error = &Error{"corrupt", "повреждённый документ"}
	ErrNotDOCX        error = &Error{"not_docx", "это не документ DOCX"}
	ErrNotODT         error = &Error{"not_odt", "это не документ ODT"}
	ErrNotHTML        error = &Error{"not_html", "это не страница HTML"}
)

// reworded carries a sentinel under a message that fits the case better
// than the sentinel's own (an HTML page is no archive).
type reworded struct {
	msg string
	err error
}

func (r *reworded) Error() string { return r.msg }
func (r *reworded) Unwrap() error { return r.err }

func reword(sentinel error, msg string) error { return &reworded{msg, sentinel} }

// CodeOf returns the Code of the first *Error in err's chain, or "" if
// there is none (an error not made by this package).
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Sniff tells the real type from content: "docx", "odt", "html", "cfb"
// (encrypted OOXML or legacy OLE container such as .doc), "zip" (another
// archive) or "" when unknown. Callers use it to confirm the extension.
func Sniff(data []byte) string {
	switch {
	case isCFB(data):
		return "cfb"
	case isZip(data):
		return sniffZip(data)
	case looksHTML(data):
		return "html"
	}
	return ""
}

var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isCFB(data []byte) bool { return bytes.HasPrefix(data, cfbMagic) }

// looksHTML reports whether data starts (after a BOM and white space) with
// markup a browser would take for HTML.
func looksHTML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimLeft(data, " \t\r\n\f")
	if len(data) > 1024 {
		data = data[:1024]
	}
	low := bytes.ToLower(data)
	if bytes.HasPrefix(low, []byte("<?xml")) {
		return bytes.Contains(low, []byte("<html"))
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<p", "<div", "<table", "<h1", "<h2", "<h3", "<br", "<span", "<ul", "<ol", "<!--"} {
		if bytes.HasPrefix(low, []byte(p)) {
			rest := low[len(p):]
			if p == "<!--" || len(rest) == 0 || rest[0] == '>' || rest[0] == ' ' || rest[0] == '/' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' {
				return true
			}
		}
	}
	return false
}

// para is a paragraph before assembly.
type para struct {
	text string
	part string
}

// budget caps the bytes of text gathered for one document. Every append
// is counted, including text later dropped, so no input (a run of
// expanded spaces, say) can make extraction hold more than max.
type budget struct {
	used, max int64
}

func (b *budget) take(n int) error {
	b.used += int64(n)
	if b.used > b.max {
		return reword(ErrTooLarge, "в документе слишком много текста (больше "+sizeText(b.max)+")")
	}
	return nil
}

// appendPara cleans s and appends it unless nothing visible is left.
func appendPara(dst []para, s, part string) []para {
	if s = clean(s); s == "" {
		return dst
	}
	return append(dst, para{s, part})
}

// clean makes paragraph text safe for Document: valid UTF-8, no line
// breaks or other control characters inside, no spaces at the ends, and
// "" for text with nothing visible (only spaces, NBSP or soft hyphens).
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexFunc(s, isCtl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isCtl(r) {
				if r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' {
					return ' '
				}
				return -1
			}
			return r
		}, s)
	}
	s = strings.Trim(s, " ")
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && r != '\u00AD' }) < 0 {
		return ""
	}
	return s
}

// isCtl reports C0/C1 control characters and the Unicode line and paragraph
// separators, none of which may stay inside a paragraph's text.
func isCtl(r rune) bool {
	return r < 0x20 || (r >= 0x7F && r < 0xA0) || r == '\u2028' || r == '\u2029'
}

// assemble joins groups of paragraphs in order and numbers them per part.
func assemble(groups ...[]para) *Document {
	n, size := 0, 0
	for _, g := range groups {
		n += len(g)
		for _, p := range g {
			size += len(p.text) + 1
		}
	}
	var b strings.Builder
	b.Grow(size)
	d := &Document{Paragraphs: make([]Paragraph, 0, n)}
	idx := map[string]int{}
	for _, g := range groups {
		for _, p := range g {
			if len(d.Paragraphs) > 0 {
				b.WriteByte('\n')
			}
			start := b.Len()
			b.WriteString(p.text)
			idx[p.part]++
			d.Paragraphs = append(d.Paragraphs, Paragraph{Start: start, End: b.Len(), Part: p.part, Index: idx[p.part]})
		}
	}
	d.Text = b.String()
	return d
}

// dedupe drops groups whose text repeats an earlier group, so a first-page
// and a default header with the same words appear once.
func dedupe(groups [][]para) []para {
	seen := map[string]bool{}
	var out []para
	for _, g := range groups {
		if len(g) == 0 {
			continue
		}
		var k strings.Builder
		for _, p := range g {
			k.WriteString(p.text)
			k.WriteByte('\n')
		}
		if seen[k.String()] {
			continue
		}
		seen[k.String()] = true
		out = append(out, g...)
	}
	return out
}

// sizeText prints a byte count the way a clerk reads it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d МБ", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f МБ", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d КБ", n>>10)
	}
	return fmt.Sprintf("%d байт", n)
}
