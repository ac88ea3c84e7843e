package extract

import (
	"bytes"
	"testing"
)

// Fuzz targets: nothing may panic, every error must be one of ours (so the
// CLI and API can map it), and every Document must keep its invariants.
// Seeds live in testdata/fuzz/<Target> and are added from the fixtures.
// Input that is not a zip is also wrapped as the main XML part of a
// package, so the fuzzer can mutate markup rather than zip framing.

// fuzzLimits keeps each run cheap; the caps themselves are tested apart.
var fuzzLimits = Limits{MaxEntrySize: 4 << 20, MaxTotalSize: 8 << 20, MaxXMLTokens: 200_000}

func fuzzCheck(t *testing.T, d *Document, err error) {
	t.Helper()
	if err != nil {
		if d != nil {
			t.Fatal("document returned with an error")
		}
		if CodeOf(err) == "" {
			t.Fatalf("error without a code: %v", err)
		}
		return
	}
	checkDoc(t, d)
}

func FuzzDOCX(f *testing.F) {
	f.Add(fixture(f, "reply.docx"))
	f.Add(docxBytes(f, p(r("Текст")+`<w:ins><w:r><w:t>вставка</w:t></w:r></w:ins><w:del><w:r><w:delText>удалено</w:delText></w:r></w:del>`)))
	f.Add([]byte(`<w:document ` + wNS + `><w:body>` + p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("1")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`) + `</w:body></w:document>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DOCX(data, fuzzLimits)
		fuzzCheck(t, d, err)
		if !isZip(data) {
			fs := docxFiles("")
			fs[2] = file{name: "word/document.xml", body: string(data), store: true}
			fs = append(fs, file{name: "word/footnotes.xml", body: string(data), store: true})
			fs[3].body = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relT + `footnotes" Target="footnotes.xml"/></Relationships>`
			d, err = DOCX(makeZip(t, fs...), fuzzLimits)
			fuzzCheck(t, d, err)
		}
	})
}

func FuzzODT(f *testing.F) {
	f.Add(fixture(f, "reply.odt"))
	f.Add(odtBytes(f, "", tp(`a<text:s text:c="3"/>b<text:note><text:note-body>`+tp("сноска")+`</text:note-body></text:note>`), ""))
	f.Add([]byte(`<office:document-content ` + oNS + `><office:body><office:text>` + tp("Текст<text:tab/>табуляция") + `</office:text></office:body></office:document-content>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ODT(data, fuzzLimits)
		fuzzCheck(t, d, err)
		if !isZip(data) {
			fs := odtFiles("", "", "")
			fs[2] = file{name: "content.xml", body: string(data), store: true}
			fs[3] = file{name: "styles.xml", body: string(data), store: true}
			d, err = ODT(makeZip(t, fs...), fuzzLimits)
			fuzzCheck(t, d, err)
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(fixture(f, "reply.html"))
	f.Add([]byte("<p>a<br><br>b<table><tr><td>c<td>d</table><pre>\n e  f\ng</pre><div hidden>x</div>"))
	f.Add([]byte(`<meta charset="koi8-r"><p>` + "\xf0\xd2\xc9\xd7\xc5\xd4" + `</p>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := HTML(data, fuzzLimits)
		fuzzCheck(t, d, err)
		if err == nil && !bytes.Contains(data, []byte("<")) && len(d.Paragraphs) > 1 {
			t.Fatal("plain text without markup split into paragraphs")
		}
	})
}
