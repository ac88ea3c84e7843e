package extract

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

// HTML extracts the visible text of a page or fragment. It streams tokens
// (no DOM is built), skips what a browser does not show (head, script,
// style, noscript, template, svg, elements with the hidden attribute or
// display:none) and collapses white space as a browser does, keeping NBSP.
// Block elements start paragraphs; table cells are Part "table". One <br>
// is a space, two or more in a row end the paragraph, as portals and mail
// editors use them for paragraphs.
//
// aria-hidden content is kept: it is hidden from screen readers, not from
// the eye, and the clerk sees it.
func HTML(data []byte, lim Limits) (*Document, error) {
	lim = lim.norm()
	if int64(len(data)) > lim.MaxTotalSize {
		return nil, reword(ErrTooLarge, "страница слишком большая (больше "+sizeText(lim.MaxTotalSize)+")")
	}
	switch k := Sniff(data); {
	case k == "cfb", k == "docx", k == "odt", k == "zip", bytes.HasPrefix(data, []byte("%PDF")):
		return nil, fmt.Errorf("%w%s", ErrNotHTML, hint(data))
	}
	data = toUTF8(data)
	h := &hwalk{lim: lim, budget: &budget{max: lim.MaxTotalSize}}
	if err := h.run(html.NewTokenizer(bytes.NewReader(data))); err != nil {
		return nil, err
	}
	return assemble(h.out), nil
}

// toUTF8 decodes data by its BOM or meta charset; undeclared text that is
// not valid UTF-8 is taken for Windows-1251, the usual Russian legacy
// encoding (the generic guess would be Windows-1252 and garble Cyrillic).
func toUTF8(data []byte) []byte {
	enc, name, certain := charset.DetermineEncoding(data, "text/html")
	if !certain && !utf8.Valid(data) {
		enc, name = charmap.Windows1251, "windows-1251"
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// helem is an open element.
type helem struct {
	name   string
	hidden bool // not shown: skip its text
	cell   bool // td or th
}

type hwalk struct {
	lim    Limits
	budget *budget
	stack  []helem
	hidden int // open hidden elements
	cells  int // open table cells
	pre    int // open pre elements
	out    []para

	cur      strings.Builder // the paragraph being built
	curTable bool
	space    bool // white space seen since the last visible character
	brs      int  // <br> in a row with nothing visible between
	preLead  bool // drop one newline right after <pre>
	started  bool // the body has started: no more html, head or body elements
}

// open reports whether an element of that name is open.
func (h *hwalk) open(name string) bool {
	for _, e := range h.stack {
		if e.name == name {
			return true
		}
	}
	return false
}

// Elements whose start or end breaks a paragraph.
var blocks = set("address", "article", "aside", "blockquote", "body", "caption", "center",
	"dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
	"legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
	"tbody", "thead", "tfoot", "td", "th", "tr", "ul", "option", "optgroup", "select",
	"textarea", "listing", "xmp", "plaintext")

// Elements whose content is never shown.
var invisible = set("head", "script", "style", "noscript", "template", "title", "svg",
	"iframe", "noembed", "noframes", "datalist", "object", "applet", "frameset")

// Elements without content: never pushed on the stack.
var voids = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
	"param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame")

// Block starts that close an open <p>, as browsers do.
var closesP = set("address", "article", "aside", "blockquote", "center", "details", "dialog",
	"dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p",
	"pre", "section", "summary", "table", "ul", "li", "dd", "dt", "listing", "xmp", "plaintext")

// Elements allowed in head; anything else ends an unclosed head.
var inHead = set("base", "basefont", "bgsound", "link", "meta", "title", "style", "script", "noscript", "template")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func (h *hwalk) run(z *html.Tokenizer) error {
	tokens := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				h.flush()
				return nil
			}
			return fmt.Errorf("%w: страница не читается", ErrCorrupt)
		}
		tokens++
		if tokens > h.lim.MaxXMLTokens {
			return fmt.Errorf("%w (больше %d)", ErrTooManyTokens, h.lim.MaxXMLTokens)
		}
		switch tt {
		case html.TextToken:
			h.text(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if err := h.start(string(name), hasAttr, z); err != nil {
				return err
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			h.end(string(name))
		}
		if h.budget.used > h.budget.max {
			return h.budget.take(0)
		}
	}
}

func (h *hwalk) start(name string, hasAttr bool, z *html.Tokenizer) error {
	hidden := false
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		switch string(k) {
		case "hidden":
			hidden = true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(string(v)), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				hidden = true
			}
		}
	}
	if n := len(h.stack); n > 0 && h.stack[n-1].name == "head" && !inHead[name] {
		h.pop(n - 1) // <body> or content without </head>
	}
	switch name {
	case "html", "body", "head":
		// Browsers keep one of each: a repeated <html> or <body> (pages
		// glued together) opens nothing, and <head> after the body starts
		// is ignored.
		if h.started || h.open(name) {
			if name != "head" {
				h.flush()
			}
			return nil
		}
		if name == "body" {
			h.started = true
		}
	}
	switch {
	case name == "br":
		h.br()
		return nil
	case name == "li":
		h.close("li", "ul", "ol", "table", "td", "th")
	case name == "dd" || name == "dt":
		h.close2("dd", "dt", "dl", "table", "td", "th")
	case name == "td" || name == "th":
		h.close2("td", "th", "tr", "table")
	case name == "tr":
		h.close("tr", "table")
	case name == "thead" || name == "tbody" || name == "tfoot":
		h.close2("thead", "tbody", "table") // tfoot rarely nests; best effort
	case name == "option":
		h.close("option", "select", "datalist")
	}
	if closesP[name] {
		h.close("p", "table", "td", "th", "caption", "button", "html", "template", "object")
	}
	if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
		if n := len(h.stack); n > 0 && isHeading(h.stack[n-1].name) {
			h.pop(n - 1)
		}
	}
	if blocks[name] {
		h.flush()
	}
	if voids[name] {
		return nil
	}
	if len(h.stack) >= h.lim.MaxXMLDepth {
		return fmt.Errorf("%w (больше %d уровней)", ErrTooDeep, h.lim.MaxXMLDepth)
	}
	e := helem{name: name, hidden: hidden || invisible[name], cell: name == "td" || name == "th"}
	h.stack = append(h.stack, e)
	if e.hidden {
		h.hidden++
	}
	if e.cell {
		h.cells++
	}
	if name == "pre" || name == "listing" {
		h.pre++
		h.preLead = true
	}
	return nil
}

func isHeading(n string) bool {
	return len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'
}

func (h *hwalk) end(name string) {
	switch name {
	case "br":
		h.br() // </br> is taken for <br> by browsers
		return
	case "body", "html":
		h.flush() // text after </body> is still shown in the body
		return
	}
	for i := len(h.stack) - 1; i >= 0; i-- {
		if h.stack[i].name == name || (isHeading(name) && isHeading(h.stack[i].name)) {
			h.pop(i)
			break
		}
	}
	if blocks[name] {
		h.flush()
	}
}

// close pops up to and including the nearest open `name`, unless one of
// the boundary elements comes first.
func (h *hwalk) close(name string, bounds ...string) {
	h.close2(name, "", bounds...)
}

func (h *hwalk) close2(a, b string, bounds ...string) {
	for i := len(h.stack) - 1; i >= 0; i-- {
		n := h.stack[i].name
		if n == a || (b != "" && n == b) {
			h.pop(i)
			return
		}
		for _, s := range bounds {
			if n == s {
				return
			}
		}
	}
}

// pop closes the elements from index i up.
func (h *hwalk) pop(i int) {
	for j := len(h.stack) - 1; j >= i; j-- {
		e := h.stack[j]
		if e.hidden {
			h.hidden--
		}
		if e.cell {
			h.cells--
		}
		if e.name == "pre" || e.name == "listing" {
			h.pre--
		}
		if blocks[e.name] {
			h.flush()
		}
	}
	h.stack = h.stack[:i]
}

func (h *hwalk) br() {
	if h.hidden > 0 {
		return
	}
	h.brs++
	if h.brs >= 2 || h.pre > 0 {
		h.flush()
		return
	}
	h.space = true
}

// text adds a text token, collapsing white space outside <pre>.
func (h *hwalk) text(b []byte) {
	if h.hidden > 0 {
		if len(h.stack) > 0 && h.stack[len(h.stack)-1].name == "head" && len(bytes.TrimSpace(b)) > 0 {
			h.pop(len(h.stack) - 1) // text in head: browsers start the body
			h.text(b)
		}
		return
	}
	s := string(b)
	if h.pre > 0 {
		if h.preLead {
			s = strings.TrimPrefix(s, "\n")
		}
		h.preLead = false
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if i > 0 {
				h.flush()
			}
			if l != "" {
				h.visible(strings.ReplaceAll(l, "\t", " "))
			}
		}
		return
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\n\r\f")
		if i < 0 {
			h.visible(s)
			return
		}
		if i > 0 {
			h.visible(s[:i])
		}
		h.space = true
		s = s[i+1:]
	}
}

// visible appends characters that show on the page.
func (h *hwalk) visible(s string) {
	if h.cur.Len() == 0 {
		h.curTable = h.cells > 0
	} else if h.space {
		h.cur.WriteByte(' ')
	}
	h.space = false
	h.brs = 0
	h.cur.WriteString(s)
	h.budget.used += int64(len(s)) + 1
}

// flush ends the current paragraph.
func (h *hwalk) flush() {
	h.space = false
	h.brs = 0
	if h.cur.Len() == 0 {
		return
	}
	part := PartBody
	if h.curTable {
		part = PartTable
	}
	h.out = appendPara(h.out, h.cur.String(), part)
	h.cur.Reset()
}
