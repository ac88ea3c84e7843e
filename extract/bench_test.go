package extract

import (
	"fmt"
	"strings"
	"testing"
)

// largeBody is a long reply in the shape Word writes: several runs per
// paragraph with properties, a tracked change now and then, a table every
// fifty paragraphs.
func largeBody(paras int) string {
	var b strings.Builder
	for i := 0; i < paras; i++ {
		fmt.Fprintf(&b, `<w:p w:rsidR="00A1B2C3"><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="both"/><w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:pPr>`)
		fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">Абзац %d. В настоящее время управляющая организация проводит </w:t></w:r>`, i)
		fmt.Fprintf(&b, `<w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr><w:t>мониторинг</w:t></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> температурного режима в Вашей квартире, о результатах Вы будете проинформированы.</w:t></w:r>`)
		if i%7 == 0 {
			b.WriteString(`<w:ins w:id="1" w:author="А"><w:r><w:t xml:space="preserve"> Нарушение устранено.</w:t></w:r></w:ins><w:del w:id="2" w:author="А"><w:r><w:delText>удалённый текст</w:delText></w:r></w:del>`)
		}
		b.WriteString(`</w:p>`)
		if i%50 == 49 {
			b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>` + p(r("Осмотр в целях проверки")) + `</w:tc><w:tc>` + p(r("до 05.04.2024")) + `</w:tc></w:tr></w:tbl>`)
		}
	}
	return b.String()
}

func BenchmarkDOCX(b *testing.B) {
	b.Run("fixture", func(b *testing.B) {
		data := fixture(b, "reply.docx")
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := DOCX(data, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	// MB/s here are of uncompressed document.xml, the work that matters.
	b.Run("large-xml", func(b *testing.B) {
		body := largeBody(5000)
		files := docxFiles(body)
		data := makeZip(b, files...)
		b.SetBytes(int64(len(files[2].body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := DOCX(data, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(files[2].body))/(1<<20), "xmlMB")
		b.ReportMetric(float64(len(data))/(1<<20), "zipMB")
	})
}

func BenchmarkODT(b *testing.B) {
	data := fixture(b, "reply.odt")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ODT(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	data := []byte(strings.Repeat(string(fixture(b, "reply.html")), 200))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := HTML(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
