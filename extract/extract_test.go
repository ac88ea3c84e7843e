package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The office fixtures are made by LibreOffice from testdata/docs/reply.fodt
// (see testdata/README); DOCX and ODT must read the same.
var replyOffice = []string{
	"header 1: Государственная жилищная инспекция Астраханской области",
	"body 1: Сидоровой А. С.",
	"body 2: ул. Набережная, д. 7, кв. 12, г. Астрахань, 414000",
	"body 3: Уважаемая Анна Сергеевна!",
	"body 4: Государственная жилищная инспекция Астраханской области рассмотрела Ваше обращение от 12.02.2024 № 45-ОГ о ненадлежащем отоплении квартиры.",
	"body 5: В настоящее время управляющая организация проводит мониторинг температурного режима в Вашей квартире.",
	"body 6: Перерасчёт платы за отопление производится в соответствии с Правилами предоставления коммунальных услуг.",
	"body 7: Нарушение, выявленное при осмотре 01.03.2024, устранено.",
	"body 8: Управляющей организации выдано предписание со сроком исполнения до 01.04.2024.",
	"table 1: Мероприятие",
	"table 2: Срок",
	"table 3: Повторный осмотр квартиры в целях проверки исполнения предписания",
	"table 4: до 05.04.2024",
	"body 9: О результатах проверки Вы будете проинформированы дополнительно.",
	"body 10: Заместитель руководителя инспекции С. В. Николаев",
	"footnote 1: Постановление Правительства РФ от 06.05.2011 № 354.",
	"footer 1: Исполнитель: Петрова Анна Сергеевна, тел. 8 (8512) 51-23-47",
}

var replyHTML = []string{
	"body 1: Государственная жилищная инспекция Астраханской области",
	"body 2: Сидоровой\u00a0А.\u00a0С. ул. Набережная, д. 7, кв. 12, г. Астрахань, 414000",
	"body 3: Уважаемая Анна Сергеевна!",
	"body 4: Государственная жилищная инспекция Астраханской области рассмотрела Ваше обращение от 12.02.2024 № 45-ОГ о\u00a0ненадлежащем отоплении квартиры.",
	"body 5: В настоящее время управляющая организация проводит мониторинг температурного режима в\u00a0Вашей квартире.",
	"table 1: Мероприятие",
	"table 2: Срок",
	"table 3: Повторный осмотр квартиры в целях проверки исполнения предписания",
	"table 4: до\u00a005.04.2024",
	"body 6: О результатах проверки Вы будете проинформированы дополнительно.",
	"body 7: Заместитель руководителя инспекции — С.\u00a0В.\u00a0Николаев",
	"body 8: Исполнитель: Петрова Анна Сергеевна, тел. 8\u00a0(8512)\u00a051-23-47",
}

func TestFixtures(t *testing.T) {
	cases := []struct {
		file string
		fn   func([]byte, Limits) (*Document, error)
		kind string
		want []string
	}{
		{"reply.docx", DOCX, "docx", replyOffice},
		{"reply.odt", ODT, "odt", replyOffice},
		{"reply.html", HTML, "html", replyHTML},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data := fixture(t, c.file)
			assert.Equal(t, c.kind, Sniff(data))
			d, err := c.fn(data, Limits{})
			require.NoError(t, err)
			checkDoc(t, d)
			assert.Equal(t, c.want, lines(d))
			assert.Equal(t, strings.Join(texts(c.want), "\n"), d.Text)
		})
	}
}

// texts strips the "part index: " prefix of lines.
func texts(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l[strings.Index(l, ": ")+2:]
	}
	return out
}

// TestPositions finds needles the way the linter reports them and checks
// the paragraph a clerk is sent to.
func TestPositions(t *testing.T) {
	type needle struct {
		s     string
		part  string
		index int
	}
	office := []needle{
		{"Государственная жилищная инспекция Астраханской области", PartHeader, 1},
		{"Уважаемая Анна Сергеевна!", PartBody, 3},
		{"настоящее время", PartBody, 5},
		{"мониторинг", PartBody, 5},
		{"устранено", PartBody, 7},
		{"в целях проверки", PartTable, 3},
		{"№ 354", PartFootnote, 1},
		{"Исполнитель: Петрова Анна Сергеевна", PartFooter, 1},
	}
	web := []needle{
		{"настоящее время", PartBody, 5},
		{"мониторинг", PartBody, 5},
		{"в целях проверки", PartTable, 3},
		{"Исполнитель: Петрова Анна Сергеевна", PartBody, 8},
	}
	cases := []struct {
		file    string
		fn      func([]byte, Limits) (*Document, error)
		needles []needle
	}{
		{"reply.docx", DOCX, office},
		{"reply.odt", ODT, office},
		{"reply.html", HTML, web},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d, err := c.fn(fixture(t, c.file), Limits{})
			require.NoError(t, err)
			for _, n := range c.needles {
				at := strings.Index(d.Text, n.s)
				require.GreaterOrEqual(t, at, 0, n.s)
				p := paraAt(d, at)
				require.NotNil(t, p, n.s)
				assert.Contains(t, d.Text[p.Start:p.End], n.s)
				assert.LessOrEqual(t, at+len(n.s), p.End, "needle crosses a paragraph: %s", n.s)
				assert.Equal(t, n.part, p.Part, n.s)
				assert.Equal(t, n.index, p.Index, n.s)
			}
			// Must stay silent: deleted text and what a browser hides.
			for _, gone := range []string{"удалённый текст", "черновик", "JavaScript", "Скрытый блок", "Шаблон ответа", "Ответ на обращение", "text-indent", "console"} {
				assert.NotContains(t, d.Text, gone)
			}
		})
	}
}

func paraAt(d *Document, off int) *Paragraph {
	for i := range d.Paragraphs {
		if p := &d.Paragraphs[i]; off >= p.Start && off < p.End {
			return p
		}
	}
	return nil
}

// TestOfficeOrder: footnotes come after the body and the footer is last,
// where the executor rule looks.
func TestOfficeOrder(t *testing.T) {
	for _, f := range []struct {
		file string
		fn   func([]byte, Limits) (*Document, error)
	}{{"reply.docx", DOCX}, {"reply.odt", ODT}} {
		d, err := f.fn(fixture(t, f.file), Limits{})
		require.NoError(t, err)
		n := len(d.Paragraphs)
		require.Greater(t, n, 3)
		assert.Equal(t, PartHeader, d.Paragraphs[0].Part, f.file)
		assert.Equal(t, PartFootnote, d.Paragraphs[n-2].Part, f.file)
		assert.Equal(t, PartFooter, d.Paragraphs[n-1].Part, f.file)
		assert.True(t, strings.HasSuffix(d.Text, "тел. 8 (8512) 51-23-47"), f.file)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"docx", fixture(t, "reply.docx"), "docx"},
		{"odt", fixture(t, "reply.odt"), "odt"},
		{"html", fixture(t, "reply.html"), "html"},
		{"html fragment", []byte("  <p>Текст</p>"), "html"},
		{"html with BOM", []byte("\xEF\xBB\xBF<!DOCTYPE HTML><html>"), "html"},
		{"xhtml", []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`), "html"},
		{"cfb", append(append([]byte{}, cfbMagic...), make([]byte, 100)...), "cfb"},
		{"other zip", makeZip(t, file{name: "a.txt", body: "x"}), "zip"},
		{"docx without document", makeZip(t, file{name: "[Content_Types].xml", body: "wordprocessingml.document.main"}), "docx"},
		{"ods is a zip", makeZip(t, file{name: "mimetype", body: "application/vnd.oasis.opendocument.spreadsheet", store: true}), "zip"},
		{"fodt is not html", fixture(t, "reply.fodt"), ""},
		{"plain text", []byte("Уважаемая Анна Сергеевна!"), ""},
		{"pdf", []byte("%PDF-1.7"), ""},
		{"tag-like text", []byte("<pre-approved>"), ""},
		{"empty", nil, ""},
		{"broken zip", []byte("PK\x03\x04garbage"), "zip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, Sniff(c.data))
		})
	}
}

func TestErrorCodes(t *testing.T) {
	err := errors.Join(errors.New("x"), ErrZipBomb)
	assert.Equal(t, "zip_bomb", CodeOf(err))
	assert.Equal(t, "", CodeOf(errors.New("x")))
	assert.Equal(t, "", CodeOf(nil))
	assert.True(t, strings.HasPrefix(ErrEncrypted.Error(), "документ зашифрован"))
	for _, e := range []error{ErrEncrypted, ErrTooManyEntries, ErrTooLarge, ErrZipBomb, ErrTooDeep, ErrTooManyTokens, ErrCorrupt, ErrNotDOCX, ErrNotODT, ErrNotHTML} {
		assert.NotEmpty(t, CodeOf(e))
		assert.Regexp(t, `^[а-яё]`, e.Error(), "messages are plain Russian")
	}
}

func TestLimitsDefaults(t *testing.T) {
	assert.Equal(t, DefaultLimits(), Limits{}.norm())
	l := Limits{MaxEntries: 5}.norm()
	assert.Equal(t, 5, l.MaxEntries)
	assert.Equal(t, int64(32<<20), l.MaxEntrySize)
	assert.Equal(t, int64(64<<20), l.MaxTotalSize)
	assert.Equal(t, 100, l.MaxRatio)
	assert.Equal(t, 256, l.MaxXMLDepth)
	assert.Equal(t, 2_000_000, l.MaxXMLTokens)
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  текст\t", "текст"},
		{"a\nb\rc", "a b c"},
		{"\u00a0", ""},
		{"\u00ad\u00ad", ""},
		{"a\u00a0b", "a\u00a0b"},
		{"пере\u00adнос", "пере\u00adнос"},
		{"\x00a\x07b", "ab"},
		{"a\u2028b", "a b"},
		{"\xff\xfeтекст", "\uFFFDтекст"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, clean(c.in), "%q", c.in)
	}
}

func TestResolve(t *testing.T) {
	cases := []struct{ dir, target, want string }{
		{"word", "header1.xml", "word/header1.xml"},
		{"word", "/word/footer1.xml", "word/footer1.xml"},
		{"word", "../customXml/item1.xml", "customXml/item1.xml"},
		{"word", "../../../etc/passwd", "etc/passwd"},
		{"", "word/document.xml", "word/document.xml"},
		{"word", "https://example.org/x", ""},
		{"word", "", ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, resolve(c.dir, c.target), c.target)
	}
}
