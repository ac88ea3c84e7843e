package extract

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// WordprocessingML namespaces: transitional (what every suite writes) and
// strict (ISO 29500 strict, rare but valid).
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

func isW(n xml.Name) bool  { return n.Space == nsW || n.Space == nsWStrict }
func isMC(n xml.Name) bool { return n.Space == nsMC }

// DOCX extracts the text of an Office Open XML word-processing document
// (.docx, also .docm/.dotx) with tracked changes taken as accepted.
func DOCX(data []byte, lim Limits) (*Document, error) {
	lim = lim.norm()
	a, err := openZip(data, lim, ErrNotDOCX)
	if err == ErrNotDOCX {
		return nil, fmt.Errorf("%w%s", ErrNotDOCX, hint(data))
	}
	if err != nil {
		return nil, err
	}
	d := &docx{a: a, lim: lim, budget: &budget{max: lim.MaxTotalSize}}
	return d.extract()
}

type docx struct {
	a      *archive
	lim    Limits
	budget *budget
	tokens int
}

// rel is one package relationship.
type rel struct {
	id, typ, target string // target resolved to a part name
}

// hfRef is a header or footer reference from a section.
type hfRef struct {
	footer bool
	id     string // relationship id
}

// noteRef is a footnote or endnote reference in the body, in order.
type noteRef struct {
	end bool // endnote
	id  string
}

func (d *docx) extract() (*Document, error) {
	main := "word/document.xml"
	pkg, err := d.rels("_rels/.rels", "")
	if err != nil {
		return nil, err
	}
	for _, r := range pkg {
		if strings.HasSuffix(r.typ, "/officeDocument") && d.a.has(r.target) {
			main = r.target
			break
		}
	}
	if !d.a.has(main) {
		if d.a.has("content.xml") {
			return nil, fmt.Errorf("%w (похоже на ODT)", ErrNotDOCX)
		}
		return nil, fmt.Errorf("%w: в архиве нет основного текста (word/document.xml)", ErrNotDOCX)
	}
	dir := path.Dir(main)
	rels, err := d.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil {
		return nil, err
	}
	byID := map[string]rel{}
	for _, r := range rels {
		byID[r.id] = r
	}

	body := &wpart{d: d, root: "document"}
	body.emit = func(s string, table bool) {
		part := PartBody
		if table {
			part = PartTable
		}
		body.out = appendPara(body.out, s, part)
	}
	if err := d.walk(main, body); err != nil {
		return nil, err
	}

	var headers, footers [][]para
	seen := map[string]bool{}
	for _, ref := range body.hf {
		r, ok := byID[ref.id]
		if !ok || seen[r.target] {
			continue
		}
		seen[r.target] = true
		part := PartHeader
		if ref.footer {
			part = PartFooter
		}
		g, err := d.simple(r.target, part)
		if err != nil {
			return nil, err
		}
		if ref.footer {
			footers = append(footers, g)
		} else {
			headers = append(headers, g)
		}
	}

	var notes []para
	for _, kind := range []string{"footnotes", "endnotes"} {
		name := ""
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/"+kind) {
				name = r.target
				break
			}
		}
		if name == "" {
			continue
		}
		g, err := d.notes(name, kind == "endnotes", body.notes)
		if err != nil {
			return nil, err
		}
		notes = append(notes, g...)
	}
	return assemble(dedupe(headers), body.out, notes, dedupe(footers)), nil
}

// simple extracts a header or footer part; all its paragraphs take part.
func (d *docx) simple(name, part string) ([]para, error) {
	w := &wpart{d: d}
	w.emit = func(s string, _ bool) { w.out = appendPara(w.out, s, part) }
	if err := d.walk(name, w); err != nil {
		return nil, err
	}
	return w.out, nil
}

// notes extracts footnotes or endnotes in the order the body cites them,
// then any not cited (kept rather than lost), skipping separators.
func (d *docx) notes(name string, end bool, refs []noteRef) ([]para, error) {
	w := &wpart{d: d, byNote: map[string][]para{}}
	w.emit = func(s string, _ bool) {
		w.byNote[w.note] = appendPara(w.byNote[w.note], s, PartFootnote)
	}
	if err := d.walk(name, w); err != nil {
		return nil, err
	}
	var out []para
	used := map[string]bool{}
	for _, r := range refs {
		if r.end == end && !used[r.id] {
			used[r.id] = true
			out = append(out, w.byNote[r.id]...)
		}
	}
	for _, id := range w.noteOrder {
		if !used[id] {
			used[id] = true
			out = append(out, w.byNote[id]...)
		}
	}
	return out, nil
}

// rels reads a relationships part; a missing one is no error.
func (d *docx) rels(name, dir string) ([]rel, error) {
	r, ok, err := d.a.open(name)
	if !ok || err != nil {
		return nil, err
	}
	defer r.Close()
	x := newXMLReader(r, name, &d.tokens, d.lim)
	var out []rel
	for {
		t, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if s, ok := t.(xml.StartElement); ok && s.Name.Local == "Relationship" {
			if strings.EqualFold(attr(s, "", "TargetMode"), "External") {
				continue
			}
			if p := resolve(dir, attr(s, "", "Target")); p != "" {
				out = append(out, rel{id: attr(s, "", "Id"), typ: attr(s, "", "Type"), target: p})
			}
		}
	}
}

// walk streams one part through w. A missing part is no error: a broken
// reference should not stop the check of the rest.
func (d *docx) walk(name string, w *wpart) error {
	r, ok, err := d.a.open(name)
	if !ok || err != nil {
		return err
	}
	defer r.Close()
	w.x = newXMLReader(r, name, &d.tokens, d.lim)
	return w.run()
}

// wpart walks one WordprocessingML part (document, header, footer, notes).
type wpart struct {
	d    *docx
	x    *xmlReader
	root string // required local name of the root element, "" for any
	emit func(text string, table bool)
	out  []para

	paras  []*wpara // open paragraphs; more than one inside text boxes
	carry  *wpara   // paragraphs whose mark was deleted: they join the next
	tables int      // open w:tbl
	runs   []bool   // open runs: hidden?
	fields []bool   // open complex fields: still in the field code?
	alt    []bool   // open mc:AlternateContent: a branch was taken?

	hf    []hfRef   // document: header and footer references
	notes []noteRef // document: note references in order

	note      string            // notes part: id of the open note
	noteOrder []string          // notes part: ids in file order
	byNote    map[string][]para // notes part: paragraphs per note
}

type wpara struct {
	b       strings.Builder
	table   bool
	delMark bool // the paragraph mark is a tracked deletion
}

func (w *wpart) run() error {
	skipTo := 0 // while > 0, ignore everything inside the element at this depth
	first := true
	for {
		t, err := w.x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if first {
				first = false
				if w.root != "" && (!isW(t.Name) || t.Name.Local != w.root) {
					return fmt.Errorf("%w: основной текст не в формате Word", ErrNotDOCX)
				}
			}
			if skipTo > 0 {
				continue
			}
			if s := w.start(t); s > 0 {
				skipTo = s
			}
		case xml.EndElement:
			if skipTo > 0 {
				if w.x.depth()+1 > skipTo {
					continue
				}
				skipTo = 0
			}
			w.end(t)
		case xml.CharData:
			if skipTo == 0 {
				if top := w.x.up(0); isW(top) && top.Local == "t" {
					w.addRun(string(t))
				}
			}
		}
		if w.d.budget.used > w.d.budget.max {
			return w.d.budget.take(0)
		}
	}
	if first {
		return fmt.Errorf("%w: пустая часть %s", ErrCorrupt, w.x.name)
	}
	w.flushCarry()
	return nil
}

// start handles an opening tag. It returns the depth to skip to (the
// element's own or an ancestor's) when the content is not visible text.
func (w *wpart) start(t xml.StartElement) int {
	x := w.x
	depth := x.depth()
	if isMC(t.Name) {
		switch t.Name.Local {
		case "AlternateContent":
			w.alt = append(w.alt, false)
		case "Choice", "Fallback":
			// Take the first branch only: Choice and Fallback repeat the
			// same text box, and reading both would double it.
			if n := len(w.alt); n > 0 {
				if w.alt[n-1] {
					return depth
				}
				w.alt[n-1] = true
			}
		}
		return 0
	}
	if !isW(t.Name) {
		return 0 // drawings, VML and the like: their text boxes hold w:p
	}
	parent := x.parent()
	inRun := isW(parent) && parent.Local == "r"
	switch t.Name.Local {
	case "p":
		p := &wpara{table: w.tables > 0}
		w.paras = append(w.paras, p)
	case "tbl":
		w.flushCarry()
		w.tables++
	case "tc":
		w.flushCarry()
	case "r":
		w.runs = append(w.runs, false)
	case "vanish":
		// Hidden run; a hidden paragraph mark (under w:pPr) hides nothing
		// of the text.
		if isW(parent) && parent.Local == "rPr" && isW(x.up(2)) && x.up(2).Local == "r" && len(w.runs) > 0 {
			w.runs[len(w.runs)-1] = !off(attr(t, "", "val"))
		}
	case "tab", "br", "cr", "ptab":
		if inRun {
			w.addRun(" ")
		}
	case "noBreakHyphen":
		if inRun {
			w.addRun("-")
		}
	case "softHyphen":
		if inRun {
			w.addRun("\u00AD")
		}
	case "del", "moveFrom":
		switch {
		case isW(parent) && parent.Local == "rPr":
			// Deleted paragraph mark: accepting joins this paragraph
			// with the next one.
			if isW(x.up(2)) && x.up(2).Local == "pPr" && len(w.paras) > 0 {
				w.paras[len(w.paras)-1].delMark = true
			}
		case isW(parent) && parent.Local == "trPr":
			return depth - 2 // deleted table row: skip the whole w:tr
		default:
			return depth
		}
	case "delText", "delInstrText", "instrText", "sdtPr", "rPrChange", "pPrChange",
		"sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange":
		return depth
	case "fldChar":
		switch attr(t, "", "fldCharType") {
		case "begin":
			w.fields = append(w.fields, true)
		case "separate":
			if n := len(w.fields); n > 0 {
				w.fields[n-1] = false
			}
		case "end":
			if n := len(w.fields); n > 0 {
				w.fields = w.fields[:n-1]
			}
		}
	case "footnoteReference", "endnoteReference":
		w.notes = append(w.notes, noteRef{end: t.Name.Local == "endnoteReference", id: attr(t, "", "id")})
	case "headerReference", "footerReference":
		w.hf = append(w.hf, hfRef{footer: t.Name.Local == "footerReference", id: relID(t)})
	case "footnote", "endnote":
		if w.byNote == nil {
			break
		}
		switch attr(t, "", "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return depth
		}
		w.note = attr(t, "", "id")
		w.noteOrder = append(w.noteOrder, w.note)
	}
	return 0
}

func (w *wpart) end(t xml.EndElement) {
	if isMC(t.Name) {
		if t.Name.Local == "AlternateContent" && len(w.alt) > 0 {
			w.alt = w.alt[:len(w.alt)-1]
		}
		return
	}
	if !isW(t.Name) {
		return
	}
	switch t.Name.Local {
	case "p":
		n := len(w.paras)
		if n == 0 {
			return
		}
		p := w.paras[n-1]
		w.paras = w.paras[:n-1]
		if w.carry != nil {
			w.carry.b.WriteString(p.b.String())
			w.carry.delMark = p.delMark
			p = w.carry
			w.carry = nil
		}
		if p.delMark {
			w.carry = p
			return
		}
		w.emit(p.b.String(), p.table)
	case "tbl":
		w.flushCarry()
		if w.tables > 0 {
			w.tables--
		}
	case "tc":
		w.flushCarry()
	case "r":
		if n := len(w.runs); n > 0 {
			w.runs = w.runs[:n-1]
		}
	case "footnote", "endnote":
		w.flushCarry()
		w.note = ""
	}
}

// flushCarry emits a paragraph with a deleted mark when nothing follows
// it in the same container.
func (w *wpart) flushCarry() {
	if w.carry != nil {
		w.emit(w.carry.b.String(), w.carry.table)
		w.carry = nil
	}
}

// addRun appends run text to the open paragraph unless the run is hidden
// or the text is field code. run checks the budget after every token.
func (w *wpart) addRun(s string) {
	if len(w.paras) == 0 {
		return
	}
	if n := len(w.runs); n > 0 && w.runs[n-1] {
		return
	}
	for _, code := range w.fields {
		if code {
			return
		}
	}
	w.d.budget.used += int64(len(s))
	w.paras[len(w.paras)-1].b.WriteString(s)
}

// relID returns the r:id attribute (transitional or strict namespace).
func relID(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "id" && !isW(a.Name) {
			return a.Value
		}
	}
	return ""
}

// off reports a false OOXML on/off value; an absent value means on.
func off(v string) bool {
	switch v {
	case "false", "0", "off":
		return true
	}
	return false
}

// hint names what the input looks like when it is not the wanted kind.
func hint(data []byte) string {
	switch Sniff(data) {
	case "docx":
		return " (похоже на DOCX)"
	case "odt":
		return " (похоже на ODT)"
	case "html":
		return " (похоже на страницу HTML)"
	case "zip":
		return " (это архив другого вида)"
	}
	switch {
	case strings.HasPrefix(string(data[:min(len(data), 8)]), "%PDF"):
		return " (похоже на PDF)"
	case strings.HasPrefix(string(data[:min(len(data), 8)]), "{\\rtf"):
		return " (похоже на RTF: сохраните как .docx)"
	}
	return ""
}
