package linter

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))

// FromMarkdown builds a document from Markdown. Only prose is checked:
// paragraphs, headings, list items, block quotes and table cells. Code,
// inline code, link targets, raw HTML and front matter are skipped, and
// every position stays an offset into the Markdown source.
func FromMarkdown(name, src string) *Document {
	d := &Document{Name: name, Format: Markdown, Text: src, Encoding: UTF8}
	source := []byte(src)
	blankFrontMatter(source)
	root := md.Parser().Parse(text.NewReader(source))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading, extast.KindTableCell:
			var segs []Span
			collectProse(n, source, &segs)
			if len(segs) > 0 {
				d.Blocks = append(d.Blocks, blockOf(segs))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	d.analyze()
	return d
}

// blankFrontMatter replaces a leading YAML front matter block with spaces,
// keeping every byte offset.
func blankFrontMatter(b []byte) {
	s := string(b)
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "---\r\n") {
		return
	}
	end := strings.Index(s[3:], "\n---")
	if end < 0 {
		return
	}
	end += 3 + len("\n---")
	if nl := strings.IndexByte(s[end:], '\n'); nl >= 0 {
		end += nl
	} else {
		end = len(s)
	}
	for i := 0; i < end; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}

// collectProse gathers the source spans of the inline text under n.
func collectProse(n ast.Node, src []byte, segs *[]Span) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindCodeSpan, ast.KindRawHTML, ast.KindAutoLink, ast.KindImage:
			continue
		case ast.KindText:
			t := c.(*ast.Text)
			addText(segs, src, t.Segment.Start, t.Segment.Stop)
			if t.SoftLineBreak() || t.HardLineBreak() {
				// Keep the line break so that lines are seen as lines.
				if nl := indexByteFrom(src, '\n', t.Segment.Stop); nl >= 0 {
					addSpan(segs, nl, nl+1)
				}
			}
		case ast.KindString:
			// Produced by extensions for literal text; it has no segment.
			continue
		default:
			collectProse(c, src, segs)
		}
	}
}

func indexByteFrom(b []byte, c byte, from int) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
		if b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\\' {
			return -1
		}
	}
	return -1
}

// addText adds the span of a text node, leaving out what Markdown does not
// show as written: the backslash of an escape («\*») and character
// references («&amp;», «&#171;»), which would otherwise read as words.
func addText(segs *[]Span, src []byte, start, end int) {
	from := start
	for i := start; i < end; i++ {
		switch src[i] {
		case '\\':
			if i+1 < end && isASCIIPunct(src[i+1]) {
				addSpan(segs, from, i)
				from = i + 1
				i++
			}
		case '&':
			if k := entityEnd(src, i, end); k > 0 {
				addSpan(segs, from, i)
				from = k
				i = k - 1
			}
		}
	}
	addSpan(segs, from, end)
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && c > ' ' && !('0' <= c && c <= '9') && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && c != 0x7f
}

// entityEnd returns the end of a character reference starting at i
// («&name;», «&#123;», «&#x1F;»), or 0.
func entityEnd(src []byte, i, end int) int {
	j := i + 1
	if j < end && src[j] == '#' {
		j++
		if j < end && (src[j] == 'x' || src[j] == 'X') {
			j++
		}
	}
	k := j
	for k < end && k-j < 32 && ('0' <= src[k] && src[k] <= '9' || 'a' <= src[k] && src[k] <= 'z' || 'A' <= src[k] && src[k] <= 'Z') {
		k++
	}
	if k == j || k >= end || src[k] != ';' {
		return 0
	}
	return k + 1
}

func addSpan(segs *[]Span, start, end int) {
	if start >= end {
		return
	}
	if k := len(*segs); k > 0 && (*segs)[k-1].End == start {
		(*segs)[k-1].End = end
		return
	}
	*segs = append(*segs, Span{start, end})
}

func blockOf(segs []Span) Block {
	b := Block{Start: segs[0].Start, End: segs[len(segs)-1].End}
	if len(segs) > 1 {
		b.Segs = segs
	}
	return b
}
