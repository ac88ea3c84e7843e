package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tp(inner string) string { return "<text:p>" + inner + "</text:p>" }

func TestODT(t *testing.T) {
	cases := []struct {
		name   string
		styles string // content.xml automatic styles
		text   string
		master string
		want   []string
	}{
		{
			name: "spaces, tabs, breaks and white space collapsing",
			text: tp("Срок<text:tab/>до<text:line-break/>1<text:s/>апреля<text:s text:c=\"3\"/>2024") +
				"<text:p>\n   Перенос   строки\n   в  исходнике  </text:p>" +
				tp("a\u00a0б<text:soft-page-break/>в") +
				"<text:h text:outline-level=\"1\">Заголовок</text:h>",
			want: []string{"body 1: Срок до 1 апреля   2024", "body 2: Перенос строки в исходнике", "body 3: a\u00a0бв", "body 4: Заголовок"},
		},
		{
			name: "spans, links and fields keep their text",
			text: tp(`<text:span text:style-name="T1">Жирный</text:span> <text:a xlink:href="http://x" xmlns:xlink="http://www.w3.org/1999/xlink">ссылка</text:a>, стр. <text:page-number text:select-page="current">2</text:page-number>`),
			want: []string{"body 1: Жирный ссылка, стр. 2"},
		},
		{
			name: "lists and empty paragraphs",
			text: `<text:list><text:list-item>` + tp("Первый пункт") + `</text:list-item>
			       <text:list-item><text:list><text:list-item>` + tp("Вложенный") + `</text:list-item></text:list></text:list-item></text:list>` + tp("") + tp("<text:s text:c=\"5\"/>") + tp("После"),
			want: []string{"body 1: Первый пункт", "body 2: Вложенный", "body 3: После"},
		},
		{
			name: "tracked changes accepted",
			text: `<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>А</dc:creator></office:change-info>` + tp("удалённый текст") + `</text:deletion></text:changed-region></text:tracked-changes>` +
				tp(`Нарушение <text:change-start text:change-id="c2"/>устранено<text:change-end text:change-id="c2"/><text:change text:change-id="c1"/>.`),
			want: []string{"body 1: Нарушение устранено."},
		},
		{
			name: "notes go to the footnote part, citation skipped",
			text: tp(`Правила<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>`+tp("Постановление № 354.")+`</text:note-body></text:note> применяются<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body>`+tp("Концевая.")+`</text:note-body></text:note>.`) +
				tp(`Ещё<text:note text:note-class="footnote"><text:note-citation text:label="*">*</text:note-citation><text:note-body>`+tp("Вторая сноска.")+`</text:note-body></text:note>`),
			want: []string{"body 1: Правила применяются.", "body 2: Ещё", "footnote 1: Постановление № 354.", "footnote 2: Вторая сноска.", "footnote 3: Концевая."},
		},
		{
			name: "annotations skipped",
			text: tp(`Текст<office:annotation office:name="a1"><dc:creator>Рецензент</dc:creator>` + tp("Замечание") + `</office:annotation> дальше<office:annotation-end office:name="a1"/>`),
			want: []string{"body 1: Текст дальше"},
		},
		{
			name:   "hidden text, hidden paragraph, hidden style, hidden section",
			styles: `<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style><style:style style:name="P1" style:family="paragraph"><style:text-properties text:display="none"/></style:style><style:style style:name="P2" style:family="paragraph" style:parent-style-name="P1"/><style:style style:name="P3" style:family="paragraph" style:parent-style-name="P1"><style:text-properties text:display="true"/></style:style>`,
			text: tp(`Видно<text:hidden-text text:condition="ooow:1" text:string-value="скрыто" text:is-hidden="true">скрыто</text:hidden-text><text:span text:style-name="T1"> невидимо</text:span>.`) +
				tp(`<text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>Скрытый абзац`) +
				tp(`<text:hidden-paragraph text:condition="ooow:0" text:is-hidden="false"/>Показанный абзац`) +
				`<text:p text:style-name="P1">Скрыт стилем</text:p><text:p text:style-name="P2">Скрыт через родителя</text:p><text:p text:style-name="P3">Показан</text:p>` +
				`<text:section text:name="s1" text:display="none">` + tp("Скрытый раздел") + `</text:section><text:section text:name="s2">` + tp("Видимый раздел") + `</text:section>`,
			want: []string{"body 1: Видно.", "body 2: Показанный абзац", "body 3: Показан", "body 4: Видимый раздел"},
		},
		{
			name: "tables inline, nested tables, frames",
			text: tp("До") + `<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-header-rows><table:table-row><table:table-cell>` + tp("Шапка") + `</table:table-cell><table:covered-table-cell/></table:table-row></table:table-header-rows><table:table-row><table:table-cell>` + tp("А") + `<table:table><table:table-row><table:table-cell>` + tp("Вложенная") + `</table:table-cell></table:table-row></table:table></table:table-cell><table:table-cell>` + tp("Б") + `</table:table-cell></table:table-row></table:table>` +
				tp(`Подпись<draw:frame draw:name="f1"><svg:title>Описание картинки</svg:title><draw:text-box>`+tp("В рамке")+`</draw:text-box></draw:frame>`) + tp("После"),
			want: []string{"body 1: До", "table 1: Шапка", "table 2: А", "table 3: Вложенная", "table 4: Б", "body 2: В рамке", "body 3: Подпись", "body 4: После"},
		},
		{
			name: "index templates skipped, index body kept",
			text: `<text:table-of-content text:name="toc"><text:table-of-content-source text:outline-level="3"><text:index-title-template>Оглавление-шаблон</text:index-title-template></text:table-of-content-source><text:index-body><text:index-title>` + tp("Оглавление") + `</text:index-title>` + tp("Раздел 1<text:tab/>1") + `</text:index-body></text:table-of-content>`,
			want: []string{"body 1: Оглавление", "body 2: Раздел 1 1"},
		},
		{
			name:   "master pages: headers first, footers last, repeats once, hidden header out",
			text:   tp("Текст"),
			master: `<style:master-page style:name="Standard"><style:header>` + tp("Инспекция") + `</style:header><style:header-first>` + tp("Инспекция") + `</style:header-first><style:footer><style:region-left>` + tp("Исполнитель: Петрова") + `</style:region-left></style:footer><loext:footer-first>` + tp("Первая страница") + `</loext:footer-first></style:master-page><style:master-page style:name="Other"><style:header style:display="false">` + tp("Выключен") + `</style:header><style:footer-left>` + tp("Исполнитель: Петрова") + `</style:footer-left></style:master-page>`,
			want:   []string{"header 1: Инспекция", "body 1: Текст", "footer 1: Исполнитель: Петрова", "footer 2: Первая страница"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := ODT(odtBytes(t, c.styles, c.text, c.master), Limits{})
			require.NoError(t, err)
			checkDoc(t, d)
			assert.Equal(t, c.want, lines(d))
		})
	}
}

func TestODTWrongKind(t *testing.T) {
	ods := odtFiles("", "", "")
	ods[0].body = "application/vnd.oasis.opendocument.spreadsheet"
	spreadsheet := odtFiles("", "", "")
	spreadsheet = spreadsheet[1:] // no mimetype: the body must tell
	spreadsheet[1].body = `<office:document-content ` + oNS + `><office:body><office:spreadsheet/></office:body></office:document-content>`
	encrypted := odtFiles("", "", "")
	encrypted[1].body = `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>`
	encrypted[2].body = "\x8f\x13 ciphertext"

	cases := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"docx given as odt", fixture(t, "reply.docx"), ErrNotODT, "похоже на DOCX"},
		{"fodt given as odt", fixture(t, "reply.fodt"), ErrNotODT, "это не документ ODT"},
		{"ods", makeZip(t, ods...), ErrNotODT, "другого вида"},
		{"spreadsheet body", makeZip(t, spreadsheet...), ErrNotODT, "не текстовый"},
		{"no content.xml", makeZip(t, file{name: "mimetype", body: "application/vnd.oasis.opendocument.text", store: true}), ErrNotODT, "content.xml"},
		{"encrypted odt", makeZip(t, encrypted...), ErrEncrypted, "документ зашифрован"},
		{"cfb", append(append([]byte{}, cfbMagic...), make([]byte, 512)...), ErrEncrypted, "документ зашифрован"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := ODT(c.data, Limits{})
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
}
