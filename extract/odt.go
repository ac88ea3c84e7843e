package extract

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// OpenDocument namespaces.
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsStyle  = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
	nsSVG    = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
	nsLoext  = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
)

// maxSpaces caps one text:s expansion; real documents use a handful.
const maxSpaces = 1000

// ODT extracts the text of an OpenDocument text file (.odt, also .ott)
// with tracked changes taken as accepted.
func ODT(data []byte, lim Limits) (*Document, error) {
	lim = lim.norm()
	a, err := openZip(data, lim, ErrNotODT)
	if err == ErrNotODT {
		return nil, fmt.Errorf("%w%s", ErrNotODT, hint(data))
	}
	if err != nil {
		return nil, err
	}
	mt, ok, err := a.read("mimetype")
	if err != nil {
		return nil, err
	}
	if ok {
		m := string(bytes.TrimSpace(mt))
		if !strings.HasPrefix(m, "application/vnd.oasis.opendocument.text") {
			return nil, fmt.Errorf("%w (в архиве документ другого вида)", ErrNotODT)
		}
	}
	if !a.has("content.xml") {
		if a.has("word/document.xml") {
			return nil, fmt.Errorf("%w (похоже на DOCX)", ErrNotODT)
		}
		return nil, fmt.Errorf("%w: в архиве нет основного текста (content.xml)", ErrNotODT)
	}
	// An encrypted ODT is still a zip, but its parts are ciphertext and
	// the manifest says so.
	if m, ok, err := a.read("META-INF/manifest.xml"); err != nil {
		return nil, err
	} else if ok && bytes.Contains(m, []byte("encryption-data")) {
		return nil, ErrEncrypted
	}
	o := &odt{a: a, lim: lim, budget: &budget{max: lim.MaxTotalSize}, common: map[string]*ostyle{}}
	return o.extract()
}

type odt struct {
	a      *archive
	lim    Limits
	budget *budget
	tokens int
	common map[string]*ostyle // styles.xml office:styles, usable from both parts

	headers, footers [][]para
	body             []para
	notes            [2][]para // footnotes, endnotes
}

// ostyle is what matters of a style: does it hide its text?
type ostyle struct {
	parent string
	hidden int // 1 hidden, -1 shown, 0 inherited
}

func (o *odt) extract() (*Document, error) {
	if err := o.walk("styles.xml", false); err != nil {
		return nil, err
	}
	if err := o.walk("content.xml", true); err != nil {
		return nil, err
	}
	notes := append(o.notes[0], o.notes[1]...)
	return assemble(dedupe(o.headers), o.body, notes, dedupe(o.footers)), nil
}

func (o *odt) walk(name string, content bool) error {
	r, ok, err := o.a.open(name)
	if !ok || err != nil {
		return err
	}
	defer r.Close()
	p := &opart{o: o, x: newXMLReader(r, name, &o.tokens, o.lim), content: content, auto: map[string]*ostyle{}}
	return p.run()
}

// opart walks content.xml or styles.xml.
type opart struct {
	o       *odt
	x       *xmlReader
	content bool
	auto    map[string]*ostyle // this part's automatic styles
	style   *ostyle            // style:style being read
	inAuto  bool               // inside office:automatic-styles

	sinks  []sink   // where paragraphs go: body, a note, a header or footer
	paras  []*opara // open paragraphs; more than one inside frames and notes
	notes  []int    // open text:note: 0 footnote, 1 endnote
	tables int      // open table:table in the body sink
}

type sink struct {
	dst   *[]para
	part  string
	table bool // this sink counts tables (the body)
}

type opara struct {
	b      strings.Builder
	dst    *[]para // nil: not visible text (templates and the like)
	part   string
	hidden bool
	space  bool // last byte written is a collapsible space
}

func (p *opart) run() error {
	skipTo := 0
	for {
		t, err := p.x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if skipTo > 0 {
				continue
			}
			s, err := p.start(t)
			if err != nil {
				return err
			}
			if s > 0 {
				skipTo = s
			}
		case xml.EndElement:
			if skipTo > 0 {
				if p.x.depth()+1 > skipTo {
					continue
				}
				skipTo = 0
			}
			p.end(t)
		case xml.CharData:
			if skipTo == 0 && len(p.paras) > 0 && textHolder(p.x.up(0)) {
				p.paras[len(p.paras)-1].text(string(t))
				p.o.budget.used += int64(len(t))
			}
		}
		if p.o.budget.used > p.o.budget.max {
			return p.o.budget.take(0)
		}
	}
}

// textHolder reports whether character data directly inside n is text of
// the paragraph. Structural text elements (notes, lists, change regions)
// hold only white space between their children.
func textHolder(n xml.Name) bool {
	if n.Space != nsText {
		return false
	}
	switch n.Local {
	case "note", "note-body", "list", "list-item", "list-header", "numbered-paragraph",
		"section", "index-body", "index-title", "table-of-content", "illustration-index",
		"table-index", "object-index", "user-index", "alphabetical-index", "bibliography",
		"tracked-changes", "changed-region", "insertion", "deletion", "format-change",
		"sequence-decls", "variable-decls", "user-field-decls", "dde-connection-decls":
		return false
	}
	return true
}

func (p *opart) start(t xml.StartElement) (int, error) {
	depth := p.x.depth()
	n := t.Name
	switch n.Space {
	case nsOffice:
		switch n.Local {
		case "automatic-styles":
			p.inAuto = true
		case "text":
			if p.content && isName(p.x.parent(), nsOffice, "body") {
				p.sinks = append(p.sinks, sink{dst: &p.o.body, part: PartBody, table: true})
			}
		case "spreadsheet", "presentation", "drawing", "chart", "image":
			if p.content && isName(p.x.parent(), nsOffice, "body") {
				return 0, fmt.Errorf("%w (это не текстовый документ)", ErrNotODT)
			}
		case "annotation", "forms", "scripts", "event-listeners", "change-info":
			return depth, nil
		}
	case nsStyle, nsLoext:
		switch n.Local {
		case "style":
			if n.Space != nsStyle {
				break
			}
			st := &ostyle{parent: attr(t, nsStyle, "parent-style-name")}
			name := attr(t, nsStyle, "name")
			if p.inAuto {
				p.auto[name] = st
			} else if !p.content {
				p.o.common[name] = st
			}
			p.style = st
		case "text-properties":
			if p.style != nil {
				switch attr(t, nsText, "display") {
				case "none":
					p.style.hidden = 1
				case "true":
					p.style.hidden = -1
				}
			}
		case "header", "footer", "header-left", "footer-left", "header-first", "footer-first":
			if !isName(p.x.parent(), nsStyle, "master-page") {
				break
			}
			if attr(t, nsStyle, "display") == "false" {
				return depth, nil
			}
			part := PartHeader
			if strings.HasPrefix(n.Local, "footer") {
				part = PartFooter
			}
			p.sinks = append(p.sinks, sink{dst: new([]para), part: part})
		}
	case nsSVG:
		if n.Local == "title" || n.Local == "desc" {
			return depth, nil // alternative text, not shown on the page
		}
	case nsTable:
		if n.Local == "table" {
			p.tables++
		}
	case nsText:
		return p.startText(t, depth)
	}
	return 0, nil
}

func (p *opart) startText(t xml.StartElement, depth int) (int, error) {
	switch t.Name.Local {
	case "p", "h":
		q := &opara{}
		if n := len(p.sinks); n > 0 {
			s := p.sinks[n-1]
			q.dst, q.part = s.dst, s.part
			if s.table && p.tables > 0 {
				q.part = PartTable
			}
		}
		p.paras = append(p.paras, q)
		if p.hiddenStyle(attr(t, nsText, "style-name")) {
			q.hidden = true
			return depth, nil
		}
	case "span", "a":
		if p.hiddenStyle(attr(t, nsText, "style-name")) {
			return depth, nil
		}
	case "s":
		c, err := strconv.Atoi(attr(t, nsText, "c"))
		if err != nil || c < 1 {
			c = 1
		}
		p.addRaw(strings.Repeat(" ", min(c, maxSpaces)), false)
	case "tab", "line-break":
		p.addRaw(" ", true)
	case "hidden-paragraph":
		if attr(t, nsText, "is-hidden") == "true" && len(p.paras) > 0 {
			p.paras[len(p.paras)-1].hidden = true
		}
		return depth, nil
	case "section":
		if attr(t, nsText, "display") == "none" {
			return depth, nil
		}
	case "note":
		k := 0
		if attr(t, nsText, "note-class") == "endnote" {
			k = 1
		}
		p.notes = append(p.notes, k)
	case "note-body":
		k := 0
		if n := len(p.notes); n > 0 {
			k = p.notes[n-1]
		}
		p.sinks = append(p.sinks, sink{dst: &p.o.notes[k], part: PartFootnote})
	case "tracked-changes", "deletion", "note-citation", "hidden-text",
		"sequence-decls", "variable-decls", "user-field-decls", "dde-connection-decls":
		return depth, nil
	default:
		// Index templates (text:table-of-content-source and the like)
		// describe how an index is built, not what it shows.
		if strings.HasSuffix(t.Name.Local, "-source") {
			return depth, nil
		}
	}
	return 0, nil
}

func (p *opart) end(t xml.EndElement) {
	n := t.Name
	switch n.Space {
	case nsOffice:
		switch n.Local {
		case "automatic-styles":
			p.inAuto = false
		case "text":
			if p.content && isName(p.x.up(0), nsOffice, "body") {
				p.pop()
			}
		}
	case nsStyle, nsLoext:
		switch n.Local {
		case "style":
			p.style = nil
		case "header", "footer", "header-left", "footer-left", "header-first", "footer-first":
			if isName(p.x.up(0), nsStyle, "master-page") && len(p.sinks) > 0 {
				g := *p.sinks[len(p.sinks)-1].dst
				if strings.HasPrefix(n.Local, "footer") {
					p.o.footers = append(p.o.footers, g)
				} else {
					p.o.headers = append(p.o.headers, g)
				}
				p.pop()
			}
		}
	case nsTable:
		if n.Local == "table" && p.tables > 0 {
			p.tables--
		}
	case nsText:
		switch n.Local {
		case "p", "h":
			k := len(p.paras)
			if k == 0 {
				return
			}
			q := p.paras[k-1]
			p.paras = p.paras[:k-1]
			if q.dst != nil && !q.hidden {
				*q.dst = appendPara(*q.dst, q.b.String(), q.part)
			}
		case "note":
			if k := len(p.notes); k > 0 {
				p.notes = p.notes[:k-1]
			}
		case "note-body":
			p.pop()
		}
	}
}

func (p *opart) pop() {
	if n := len(p.sinks); n > 0 {
		p.sinks = p.sinks[:n-1]
	}
}

// addRaw appends spaces that survive collapsing (text:s) or a tab or line
// break (collapsible: white space after it is dropped).
func (p *opart) addRaw(s string, collapsible bool) {
	if n := len(p.paras); n > 0 {
		q := p.paras[n-1]
		q.b.WriteString(s)
		q.space = collapsible
		p.o.budget.used += int64(len(s))
	}
}

// text appends character data, collapsing white space the way ODF
// readers do: runs of space, tab, CR and LF become one space, and white
// space at the start of the paragraph is dropped.
func (q *opara) text(s string) {
	for len(s) > 0 {
		i := strings.IndexAny(s, " \t\r\n")
		if i < 0 {
			q.b.WriteString(s)
			q.space = false
			return
		}
		if i > 0 {
			q.b.WriteString(s[:i])
			q.space = false
		}
		if !q.space && q.b.Len() > 0 {
			q.b.WriteByte(' ')
			q.space = true
		}
		s = s[i+1:]
	}
}

// hiddenStyle reports whether the named style (or the one it inherits
// from) hides its text.
func (p *opart) hiddenStyle(name string) bool {
	for i := 0; name != "" && i < 16; i++ {
		st := p.auto[name]
		if st == nil {
			st = p.o.common[name]
		}
		if st == nil {
			return false
		}
		if st.hidden != 0 {
			return st.hidden > 0
		}
		name = st.parent
	}
	return false
}

func isName(n xml.Name, space, local string) bool {
	return n.Space == space && n.Local == local
}
