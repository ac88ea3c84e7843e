package extract

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// file is one zip entry for a test archive.
type file struct {
	name  string
	body  string
	store bool // no compression
}

func makeZip(t testing.TB, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		m := zip.Deflate
		if f.store {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: m})
		require.NoError(t, err)
		_, err = w.Write([]byte(f.body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml"`

const relT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

// docxFiles builds a minimal package around a w:body content; extra parts
// (headers, notes) get relationships rId1, rId2… in order, typed by name:
// "word/header1.xml" is a header, "word/footnotes.xml" the footnotes.
func docxFiles(body string, extra ...file) []file {
	var rels strings.Builder
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, f := range extra {
		base := filepath.Base(f.name)
		typ := strings.TrimRight(strings.TrimSuffix(base, ".xml"), "0123456789")
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s%s" Target="%s"/>`, i+1, relT, typ, base)
	}
	rels.WriteString(`</Relationships>`)
	files := []file{
		{name: "[Content_Types].xml", body: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{name: "_rels/.rels", body: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relT + `officeDocument" Target="word/document.xml"/></Relationships>`},
		{name: "word/document.xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`},
		{name: "word/_rels/document.xml.rels", body: rels.String()},
	}
	return append(files, extra...)
}

func docxBytes(t testing.TB, body string, extra ...file) []byte {
	return makeZip(t, docxFiles(body, extra...)...)
}

const oNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
	`xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"`

// odtFiles builds a minimal ODT: the mimetype first and stored, as ODF asks.
func odtFiles(autoStyles, text, masterPages string) []file {
	return []file{
		{name: "mimetype", body: "application/vnd.oasis.opendocument.text", store: true},
		{name: "META-INF/manifest.xml", body: `<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>`},
		{name: "content.xml", body: `<?xml version="1.0" encoding="UTF-8"?><office:document-content ` + oNS + `><office:automatic-styles>` + autoStyles + `</office:automatic-styles><office:body><office:text>` + text + `</office:text></office:body></office:document-content>`},
		{name: "styles.xml", body: `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ` + oNS + `><office:master-styles>` + masterPages + `</office:master-styles></office:document-styles>`},
	}
}

func odtBytes(t testing.TB, autoStyles, text, masterPages string) []byte {
	return makeZip(t, odtFiles(autoStyles, text, masterPages)...)
}

// lines renders a document as "part index: text" lines for compact asserts.
func lines(d *Document) []string {
	out := make([]string, 0, len(d.Paragraphs))
	for _, p := range d.Paragraphs {
		out = append(out, fmt.Sprintf("%s %d: %s", p.Part, p.Index, d.Text[p.Start:p.End]))
	}
	return out
}

// checkDoc asserts the invariants every Document must keep; the fuzz
// targets use it too.
func checkDoc(t testing.TB, d *Document) {
	t.Helper()
	if d == nil {
		t.Fatal("nil document without error")
	}
	if !utf8.ValidString(d.Text) {
		t.Fatal("text is not valid UTF-8")
	}
	idx := map[string]int{}
	prev := -1
	for i, p := range d.Paragraphs {
		if p.Start < 0 || p.End < p.Start || p.End > len(d.Text) || p.Start <= prev {
			t.Fatalf("paragraph %d has bad bounds %d..%d (text %d bytes)", i, p.Start, p.End, len(d.Text))
		}
		if i > 0 && (p.Start != prev+1 || d.Text[prev] != '\n') {
			t.Fatalf("paragraph %d does not follow the separator", i)
		}
		s := d.Text[p.Start:p.End]
		if s == "" || strings.ContainsAny(s, "\n\r") || strings.TrimSpace(s) == "" {
			t.Fatalf("paragraph %d text %q is empty or has a line break", i, s)
		}
		switch p.Part {
		case PartBody, PartTable, PartHeader, PartFooter, PartFootnote:
		default:
			t.Fatalf("paragraph %d has unknown part %q", i, p.Part)
		}
		idx[p.Part]++
		if p.Index != idx[p.Part] {
			t.Fatalf("paragraph %d index %d, want %d", i, p.Index, idx[p.Part])
		}
		prev = p.End
	}
	if len(d.Paragraphs) == 0 && d.Text != "" {
		t.Fatal("text without paragraphs")
	}
	if n := len(d.Paragraphs); n > 0 && d.Paragraphs[n-1].End != len(d.Text) {
		t.Fatal("text goes on after the last paragraph")
	}
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "docs", name))
	require.NoError(t, err)
	return b
}
