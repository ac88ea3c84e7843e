package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// p and r build WordprocessingML paragraphs and runs for the tables below.
func p(inner string) string { return "<w:p>" + inner + "</w:p>" }
func r(text string) string  { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

func hdr(root, inner string) string {
	return `<?xml version="1.0"?><w:` + root + ` ` + wNS + `>` + inner + `</w:` + root + `>`
}

func TestDOCX(t *testing.T) {
	cases := []struct {
		name  string
		body  string
		extra []file
		want  []string
	}{
		{
			name: "run content",
			body: p(`<w:r><w:t>Срок</w:t><w:tab/><w:t>до</w:t><w:br/><w:t xml:space="preserve">1 </w:t><w:noBreakHyphen/><w:t>го</w:t><w:softHyphen/><w:t>числа</w:t><w:cr/><w:t>а` + "\u00a0" + `б</w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r>`),
			want: []string{"body 1: Срок до 1 -го\u00adчисла а\u00a0б"},
		},
		{
			name: "tab stops are not text",
			body: p(`<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` + r("Текст")),
			want: []string{"body 1: Текст"},
		},
		{
			name: "empty paragraphs take no index",
			body: p("") + p(r("  ")) + p(r("Первый")) + p(r("\u00a0")) + p(r("Второй")),
			want: []string{"body 1: Первый", "body 2: Второй"},
		},
		{
			name: "tracked changes accepted",
			body: p(r("Нарушение ") + `<w:ins w:id="1" w:author="А"><w:r><w:t>устранено</w:t></w:r></w:ins>` +
				`<w:del w:id="2" w:author="А"><w:r><w:delText>не устранено</w:delText></w:r></w:del>` +
				`<w:moveFrom w:id="3"><w:r><w:t>старое место</w:t></w:r></w:moveFrom>` +
				`<w:moveTo w:id="4"><w:r><w:t>, срок продлён</w:t></w:r></w:moveTo>` + r(".")),
			want: []string{"body 1: Нарушение устранено, срок продлён."},
		},
		{
			name: "deleted paragraph mark joins paragraphs",
			body: p(`<w:pPr><w:rPr><w:del w:id="1" w:author="А"/></w:rPr></w:pPr>`+r("Первая часть ")) + p(r("вторая часть.")) + p(r("Дальше.")),
			want: []string{"body 1: Первая часть вторая часть.", "body 2: Дальше."},
		},
		{
			name: "wholly deleted paragraph disappears",
			body: p(`<w:pPr><w:rPr><w:del w:id="1" w:author="А"/></w:rPr></w:pPr><w:del w:id="2" w:author="А"><w:r><w:delText>Удалённый абзац.</w:delText></w:r></w:del>`) + p(r("Следующий.")),
			want: []string{"body 1: Следующий."},
		},
		{
			name: "deleted mark before a table stays a paragraph",
			body: p(`<w:pPr><w:rPr><w:del w:id="1" w:author="А"/></w:rPr></w:pPr>`+r("Перед таблицей")) + `<w:tbl><w:tr><w:tc>` + p(r("Ячейка")) + `</w:tc></w:tr></w:tbl>`,
			want: []string{"body 1: Перед таблицей", "table 1: Ячейка"},
		},
		{
			name: "deleted table row",
			body: `<w:tbl><w:tblPr/><w:tr><w:tc>` + p(r("Оставить")) + `</w:tc></w:tr><w:tr><w:trPr><w:del w:id="1" w:author="А"/></w:trPr><w:tc>` + p(r("Удалённая строка")) + `</w:tc></w:tr><w:tr><w:tc>` + p(r("Последняя")) + `</w:tc></w:tr></w:tbl>` + p(r("После")),
			want: []string{"table 1: Оставить", "table 2: Последняя", "body 1: После"},
		},
		{
			name:  "comments are skipped",
			body:  p(`<w:commentRangeStart w:id="0"/>` + r("Текст") + `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`),
			extra: []file{{name: "word/comments.xml", body: hdr("comments", `<w:comment w:id="0" w:author="Рецензент">`+p(r("Замечание рецензента"))+`</w:comment>`)}},
			want:  []string{"body 1: Текст"},
		},
		{
			name: "field code out, result in",
			body: p(r("Страница ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("3") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + r(" из 4")),
			want: []string{"body 1: Страница 3 из 4"},
		},
		{
			name: "nested fields",
			body: p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("внутренний") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				r(` = "" "код"`) + `<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("Итог") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + r(" после")),
			want: []string{"body 1: Итог после"},
		},
		{
			name: "simple field keeps its text",
			body: p(r("Дата: ") + `<w:fldSimple w:instr=" DATE \@ &quot;dd.MM.yyyy&quot; "><w:r><w:t>01.04.2024</w:t></w:r></w:fldSimple>`),
			want: []string{"body 1: Дата: 01.04.2024"},
		},
		{
			name: "hidden runs",
			body: p(`<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>` + r("Видно") + `<w:r><w:rPr><w:b/><w:vanish/></w:rPr><w:t>скрыто</w:t><w:tab/></w:r>` + `<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t> тоже видно</w:t></w:r>` + `<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>!</w:t></w:r>`),
			want: []string{"body 1: Видно тоже видно!"},
		},
		{
			name: "alternate content read once, text box before its anchor",
			body: p(r("До рамки ") + `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p(r("Текст в рамке")) + `</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + p(r("Текст в рамке")) + `</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>` + r("и после.")),
			want: []string{"body 1: Текст в рамке", "body 2: До рамки и после."},
		},
		{
			name: "content controls, links and smart tags",
			body: p(`<w:sdt><w:sdtPr><w:alias w:val="Ф.И.О."/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>`+r("Иванову И. И.")+`</w:sdtContent></w:sdt>`) +
				p(`<w:hyperlink r:id="rId9"><w:r><w:t>сайт</w:t></w:r></w:hyperlink><w:smartTag w:element="date"><w:r><w:t> 01.04.2024</w:t></w:r></w:smartTag><w:customXml w:element="x"><w:r><w:t> ок</w:t></w:r></w:customXml>`),
			want: []string{"body 1: Иванову И. И.", "body 2: сайт 01.04.2024 ок"},
		},
		{
			name: "nested table cells are table part",
			body: `<w:tbl><w:tr><w:tc>` + p(r("Внешняя")) + `<w:tbl><w:tr><w:tc>` + p(r("Внутренняя")) + `</w:tc></w:tr></w:tbl>` + p(r("Снова внешняя")) + `</w:tc><w:tc>` + p(r("Вторая")) + `</w:tc></w:tr></w:tbl>`,
			want: []string{"table 1: Внешняя", "table 2: Внутренняя", "table 3: Снова внешняя", "table 4: Вторая"},
		},
		{
			name: "headers and footers: distinct ones once, footers last",
			body: p(r("Первый раздел")) +
				p(`<w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId1"/><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:titlePg/></w:sectPr></w:pPr>`) +
				p(r("Второй раздел")) +
				`<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="even" r:id="rId4"/><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="first" r:id="rId99"/></w:sectPr>`,
			extra: []file{
				{name: "word/header1.xml", body: hdr("hdr", p(r("Инспекция"))+`<w:tbl><w:tr><w:tc>`+p(r("Бланк"))+`</w:tc></w:tr></w:tbl>`)},
				{name: "word/header2.xml", body: hdr("hdr", p(r("Инспекция"))+`<w:tbl><w:tr><w:tc>`+p(r("Бланк"))+`</w:tc></w:tr></w:tbl>`)},
				{name: "word/footer1.xml", body: hdr("ftr", p(r("Исполнитель: Петрова")))},
				{name: "word/footer2.xml", body: hdr("ftr", p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("2")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`))},
			},
			want: []string{"header 1: Инспекция", "header 2: Бланк", "body 1: Первый раздел", "body 2: Второй раздел", "footer 1: Исполнитель: Петрова", "footer 2: 2"},
		},
		{
			name: "notes in citation order, separators skipped, endnotes after footnotes",
			body: p(r("Первое") + `<w:r><w:footnoteReference w:id="3"/></w:r>` + r(" второе") + `<w:r><w:endnoteReference w:id="1"/></w:r>` + r(" третье") + `<w:r><w:footnoteReference w:id="2"/></w:r>`),
			extra: []file{
				{name: "word/footnotes.xml", body: hdr("footnotes",
					`<w:footnote w:type="separator" w:id="-1">`+p(`<w:r><w:separator/></w:r>`)+`</w:footnote>`+
						`<w:footnote w:type="continuationSeparator" w:id="0">`+p(`<w:r><w:continuationSeparator/></w:r>`)+`</w:footnote>`+
						`<w:footnote w:id="2">`+p(`<w:r><w:footnoteRef/></w:r>`+r(" Сноска два."))+`</w:footnote>`+
						`<w:footnote w:id="3">`+p(`<w:r><w:footnoteRef/></w:r>`+r(" Сноска три."))+p(r("Её второй абзац."))+`</w:footnote>`+
						`<w:footnote w:id="7">`+p(r("Без ссылки."))+`</w:footnote>`)},
				{name: "word/endnotes.xml", body: hdr("endnotes",
					`<w:endnote w:type="separator" w:id="0">`+p(`<w:r><w:separator/></w:r>`)+`</w:endnote>`+
						`<w:endnote w:id="1">`+p(r("Концевая сноска."))+`</w:endnote>`)},
			},
			want: []string{"body 1: Первое второе третье", "footnote 1: Сноска три.", "footnote 2: Её второй абзац.", "footnote 3: Сноска два.", "footnote 4: Без ссылки.", "footnote 5: Концевая сноска."},
		},
		{
			name:  "missing header part is no error",
			body:  p(r("Текст")) + `<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>`,
			extra: nil,
			want:  []string{"body 1: Текст"},
		},
		{
			name: "line feeds inside w:t are spaces",
			body: p(r("раз\nдва\tтри")),
			want: []string{"body 1: раз два три"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DOCX(docxBytes(t, c.body, c.extra...), Limits{})
			require.NoError(t, err)
			checkDoc(t, d)
			assert.Equal(t, c.want, lines(d))
		})
	}
}

func TestDOCXStrict(t *testing.T) {
	const strict = `xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"`
	files := docxFiles("")
	files[2].body = `<?xml version="1.0"?><w:document ` + strict + `><w:body><w:p><w:r><w:t>Строгий формат</w:t></w:r></w:p></w:body></w:document>`
	files[1].body = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/document.xml"/></Relationships>`
	d, err := DOCX(makeZip(t, files...), Limits{})
	require.NoError(t, err)
	assert.Equal(t, []string{"body 1: Строгий формат"}, lines(d))
}

func TestDOCXMainPartFromRels(t *testing.T) {
	files := []file{
		{name: "_rels/.rels", body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relT + `officeDocument" Target="word/document2.xml"/></Relationships>`},
		{name: "word/document2.xml", body: `<w:document ` + wNS + `><w:body>` + p(r("Из document2")) + `<w:sectPr><w:footerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>`},
		{name: "Word/_rels/Document2.xml.rels", body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relT + `footer" Target="f.xml"/></Relationships>`},
		{name: "word/f.xml", body: hdr("ftr", p(r("Подвал")))},
	}
	d, err := DOCX(makeZip(t, files...), Limits{})
	require.NoError(t, err)
	assert.Equal(t, []string{"body 1: Из document2", "footer 1: Подвал"}, lines(d))
}

func TestDOCXWrongKind(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"odt given as docx", fixture(t, "reply.odt"), ErrNotDOCX, "похоже на ODT"},
		{"html given as docx", fixture(t, "reply.html"), ErrNotDOCX, "похоже на страницу HTML"},
		{"plain text", []byte("просто текст"), ErrNotDOCX, "это не документ DOCX"},
		{"empty", nil, ErrNotDOCX, "это не документ DOCX"},
		{"zip without document", makeZip(t, file{name: "a.txt", body: "x"}), ErrNotDOCX, "word/document.xml"},
		{"root is not w:document", makeZip(t, file{name: "word/document.xml", body: `<html><body>x</body></html>`}), ErrNotDOCX, "не в формате Word"},
		{"rtf", []byte(`{\rtf1\ansi Текст}`), ErrNotDOCX, "RTF"},
		{"cfb", append(append([]byte{}, cfbMagic...), make([]byte, 512)...), ErrEncrypted, "документ зашифрован"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := DOCX(c.data, Limits{})
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
}
