package linter

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mdWords returns the word and number tokens of a Markdown document, each
// checked to sit in the source where its text is.
func mdWords(t *testing.T, src string) []string {
	t.Helper()
	d := FromMarkdown("t.md", src)
	assert.Equal(t, src, d.Text, "positions are offsets into the source")
	var out []string
	for i, tk := range d.Tokens {
		require.True(t, 0 <= tk.Start && tk.Start < tk.End && int(tk.End) <= len(src))
		if tk.IsWordLike() {
			out = append(out, d.TokenText(i))
		}
	}
	return out
}

func TestMarkdownChecked(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"paragraph", "Мы проверили дом.", []string{"Мы", "проверили", "дом"}},
		{"atx heading", "# Ответ службы\n\nТекст", []string{"Ответ", "службы", "Текст"}},
		{"setext heading", "Ответ службы\n===\n", []string{"Ответ", "службы"}},
		{"list items", "- первый пункт\n- второй\n\n1. третий\n2. четвертый", []string{"первый", "пункт", "второй", "третий", "четвертый"}},
		{"nested list", "- внешний\n  - внутренний", []string{"внешний", "внутренний"}},
		{"block quote", "> цитата\n> и еще", []string{"цитата", "и", "еще"}},
		{"table cells", "| Дом | Срок |\n|---|---|\n| Кирова 5 | 15.12.2026 |", []string{"Дом", "Срок", "Кирова", "5", "15.12.2026"}},
		{"emphasis", "очень **важный** и *нужный* ~~лишний~~ ответ", []string{"очень", "важный", "и", "нужный", "лишний", "ответ"}},
		{"link text is checked, its url is not", "см. [сайт службы](https://example.com/dom) тут", []string{"см", "сайт", "службы", "тут"}},
		{"reference link", "см. [сайт][1]\n\n[1]: https://example.com/dom", []string{"см", "сайт"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, mdWords(t, c.src))
		})
	}
}

func TestMarkdownSkipped(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"fenced code", "Текст\n\n```\nосуществлять мониторинг\n```\n\nконец", []string{"Текст", "конец"}},
		{"tilde fence", "~~~go\nмониторинг\n~~~", nil},
		{"indented code", "Текст\n\n    осуществлять мониторинг\n\nконец", []string{"Текст", "конец"}},
		{"inline code", "запустите `yasno check` сейчас", []string{"запустите", "сейчас"}},
		{"autolink", "пишите <mail@example.com> или <https://example.com>", []string{"пишите", "или"}},
		{"raw html inline", "очень <b>важно</b> <!-- мониторинг -->", []string{"очень", "важно"}},
		{"html block", "<div>\nмониторинг\n</div>\n\nТекст", []string{"Текст"}},
		{"image", "![мониторинг](a.png) Текст", []string{"Текст"}},
		{"front matter", "---\ntitle: мониторинг\n---\nТекст", []string{"Текст"}},
		{"front matter with CRLF", "---\r\ntitle: мониторинг\r\n---\r\nТекст", []string{"Текст"}},
		{"thematic break", "Раз\n\n---\n\nДва", []string{"Раз", "Два"}},
		{"entities", "ООО&nbsp;«Дом» &amp; &#171;Сад&#187;", []string{"ООО", "Дом", "Сад"}},
		{"escapes", "не \\*курсив\\* и \\_это\\_", []string{"не", "курсив", "и", "это"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, mdWords(t, c.src))
		})
	}
}

func TestMarkdownPositions(t *testing.T) {
	src := "---\nauthor: служба\n---\n# Ответ на обращение\n\n" +
		"Уважаемая Анна Сергеевна! Мы **проверили** дом по [адресу](https://example.com/ул-кирова) `ул. Кирова`.\n\n" +
		"- Срок — до 15.12.2026\n- Исполнитель: Петрова А.С.\n\n" +
		"> Крыша 🙂 протекает\n"
	d := FromMarkdown("t.md", src)
	seen := map[string]bool{}
	for i, tk := range d.Tokens {
		txt := d.TokenText(i)
		assert.Equal(t, src[tk.Start:tk.End], txt)
		if tk.Kind == Word {
			seen[txt] = true
		}
	}
	// Each of these words occurs once in the source, in prose.
	for _, w := range []string{"Ответ", "обращение", "проверили", "адресу", "Срок", "Петрова", "Крыша", "протекает"} {
		assert.True(t, seen[w], "word %q is checked", w)
		i := indexToken(d, w)
		require.GreaterOrEqual(t, i, 0, w)
		assert.Equal(t, strings.Index(src, w), int(d.Tokens[i].Start), "word %q", w)
	}
	for _, w := range []string{"author", "служба", "Кирова", "example", "com", "ул"} {
		assert.False(t, seen[w], "word %q is not checked", w)
	}
	// Positions of a token after an emoji and Cyrillic text.
	k := strings.Index(src, "протекает")
	pos := d.Pos(k)
	assert.Equal(t, 11, pos.Line)
	assert.Equal(t, 11, pos.Column, "«> », five letters, a space, an emoji and a space come first")
}

// indexToken returns the first token with text s, or -1.
func indexToken(d *Document, s string) int {
	for i := range d.Tokens {
		if d.TokenText(i) == s {
			return i
		}
	}
	return -1
}

func TestMarkdownSentences(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"soft breaks in wrapped prose keep one sentence",
			"Служба жилищного надзора рассмотрела ваше обращение о протечке\n" +
				"крыши над квартирой и сообщает, что управляющая компания обязана\n" +
				"отремонтировать кровлю до 15.12.2026. Мы проверим ремонт.",
			[]string{"Служба жилищного надзора рассмотрела ваше обращение о протечке\n" +
				"крыши над квартирой и сообщает, что управляющая компания обязана\n" +
				"отремонтировать кровлю до 15.12.2026.", "Мы проверим ремонт."}},
		{"short lines stay units", "Руководитель службы\nА.В. Морозов", []string{"Руководитель службы", "А.В. Морозов"}},
		{"hard break", "Руководитель службы  \nА.В. Морозов", []string{"Руководитель службы", "А.В. Морозов"}},
		{"wrapped list item",
			"- Напишите в управляющую компанию заявление о перерасчете платы за\n" +
				"  отопление и приложите акт.\n- Позвоните нам.",
			[]string{"Напишите в управляющую компанию заявление о перерасчете платы за\n" +
				"  отопление и приложите акт.", "Позвоните нам."}},
		{"heading and paragraph", "# Ответ\nТекст письма.", []string{"Ответ", "Текст письма."}},
		{"windows line breaks",
			"# Ответ\r\n\r\nСлужба жилищного надзора рассмотрела ваше обращение о протечке\r\n" +
				"крыши над квартирой. Мы проверим ремонт.\r\n\r\nРуководитель службы\r\nА.В. Морозов\r\n",
			[]string{"Ответ", "Служба жилищного надзора рассмотрела ваше обращение о протечке\r\n" +
				"крыши над квартирой.", "Мы проверим ремонт.", "Руководитель службы", "А.В. Морозов"}},
		{"backslash hard break", "Руководитель службы\\\nА.В. Морозов", []string{"Руководитель службы", "А.В. Морозов"}},
		{"sentence never crosses a block", "Начало\n\n- конец", []string{"Начало", "конец"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := FromMarkdown("t.md", c.src)
			got := []string{}
			for i := range d.Sentences {
				got = append(got, d.SentenceText(i))
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestParseFormats(t *testing.T) {
	d, err := Parse("a.md", []byte("# Заголовок\n\n`код`"), Markdown)
	require.NoError(t, err)
	assert.Equal(t, Markdown, d.Format)
	assert.Equal(t, []string{"Заголовок"}, []string{d.TokenText(0)})

	d, err = Parse("a.txt", []byte("# Заголовок"), "")
	require.NoError(t, err)
	assert.Equal(t, Text, d.Format)

	_, err = Parse("a.docx", []byte("x"), DOCX)
	var ie *InputError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "a.docx", ie.Name)

	for in, want := range map[string]Format{"md": Markdown, "TXT": Text, "html": HTML, "docx": DOCX, "odt": ODT} {
		f, err := ParseFormat(in)
		require.NoError(t, err)
		assert.Equal(t, want, f)
	}
	_, err = ParseFormat("pdf")
	assert.Error(t, err)
	for name, want := range map[string]Format{"a.md": Markdown, "a.TXT": Text, "README": Text, "a.markdown": Markdown, "a.htm": HTML} {
		f, ok := FormatFromName(name)
		assert.True(t, ok)
		assert.Equal(t, want, f, name)
	}
	_, ok := FormatFromName("a.pdf")
	assert.False(t, ok)
}
