package extract

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

func TestHTML(t *testing.T) {
	cp1251, err := charmap.Windows1251.NewEncoder().String("<p>Уважаемая Анна Сергеевна!</p>")
	require.NoError(t, err)
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "script, style and head are skipped",
			in:   `<html><head><title>Заголовок окна</title><style>p{color:red}</style><script>var x = "<p>не текст</p>";</script></head><body><p>Текст</p><script type="text/javascript">alert("нет")</script><style>.a{}</style></body></html>`,
			want: []string{"body 1: Текст"},
		},
		{
			name: "noscript, template, svg and hidden elements skipped, aria-hidden kept",
			in:   `<noscript>Включите скрипты</noscript><template><p>Шаблон</p></template><svg><text>Иконка</text></svg><p hidden>Скрыт</p><div style="DISPLAY : NONE">Скрыт стилем</div><span style="visibility:hidden">Невидим</span><p>Видно <span aria-hidden="true">★</span></p>`,
			want: []string{"body 1: Видно ★"},
		},
		{
			name: "white space collapsed, NBSP and entities kept",
			in:   "<p>  Много \n\t пробелов&nbsp;&nbsp;и&#160;сущностей: &laquo;кавычки&raquo; &amp; &lt;тег&gt;  </p>",
			want: []string{"body 1: Много пробелов\u00a0\u00a0и\u00a0сущностей: «кавычки» & <тег>"},
		},
		{
			name: "inline elements do not break, blocks do",
			in:   `<div>Начало <b>жирного</b><i> и курсива</i><div>Вложенный блок</div>хвост</div><h1>Заголовок</h1><ul><li>Пункт один<li>Пункт два</ul><blockquote>Цитата</blockquote>`,
			want: []string{"body 1: Начало жирного и курсива", "body 2: Вложенный блок", "body 3: хвост", "body 4: Заголовок", "body 5: Пункт один", "body 6: Пункт два", "body 7: Цитата"},
		},
		{
			name: "one br is a space, two end the paragraph",
			in:   `Уважаемая Анна Сергеевна!<br><br>Сообщаем, что<br>\n проверка проведена.<br/> <br />Исполнитель: Петрова`,
			want: []string{"body 1: Уважаемая Анна Сергеевна!", `body 2: Сообщаем, что \n проверка проведена.`, "body 3: Исполнитель: Петрова"},
		},
		{
			name: "unclosed p and li close as in a browser",
			in:   `<p>Первый<p>Второй<div>Блок</div><ol><li>А<li>Б</ol>`,
			want: []string{"body 1: Первый", "body 2: Второй", "body 3: Блок", "body 4: А", "body 5: Б"},
		},
		{
			name: "table cells are table part, unclosed cells too",
			in:   `<p>До</p><table><caption>Сроки</caption><tr><th>Мероприятие<th>Срок<tr><td>Осмотр в целях проверки<td>до 05.04</table><p>После</p>`,
			want: []string{"body 1: До", "body 2: Сроки", "table 1: Мероприятие", "table 2: Срок", "table 3: Осмотр в целях проверки", "table 4: до 05.04", "body 3: После"},
		},
		{
			name: "pre keeps spaces, lines are paragraphs",
			in:   "<pre>\nстрока  один\n\tстрока два\n</pre><p>обычный  текст</p>",
			want: []string{"body 1: строка  один", "body 2: строка два", "body 3: обычный текст"},
		},
		{
			name: "head without end tag",
			in:   `<html><head><meta charset="utf-8"><title>т</title><body><p>Тело</p>`,
			want: []string{"body 1: Тело"},
		},
		{
			name: "text straight after head",
			in:   `<head><title>т</title>Текст без body`,
			want: []string{"body 1: Текст без body"},
		},
		{
			name: "text after body end still shown",
			in:   `<body><p>Один</p></body>Два</html>`,
			want: []string{"body 1: Один", "body 2: Два"},
		},
		{
			name: "glued pages open no new html or body",
			in:   `<html><head><title>1</title></head><body><p>Один</p></body></html><html><head><title>2</title></head><body><p>Два</p></body></html>`,
			want: []string{"body 1: Один", "body 2: Два"},
		},
		{
			name: "comments and Word conditional comments",
			in:   `<p>Текст<!-- комментарий --><!--[if gte mso 9]><xml>мусор</xml><![endif]--> дальше<o:p></o:p></p>`,
			want: []string{"body 1: Текст дальше"},
		},
		{
			name: "windows-1251 without declaration",
			in:   cp1251,
			want: []string{"body 1: Уважаемая Анна Сергеевна!"},
		},
		{
			name: "windows-1251 declared in meta",
			in:   `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">` + cp1251,
			want: []string{"body 1: Уважаемая Анна Сергеевна!"},
		},
		{
			name: "control characters dropped",
			in:   "<p>a\x00b\x07c</p>",
			want: []string{"body 1: abc"},
		},
		{
			name: "plain text is one paragraph",
			in:   "просто текст\nбез разметки",
			want: []string{"body 1: просто текст без разметки"},
		},
		{
			name: "empty",
			in:   "",
			want: []string{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := HTML([]byte(c.in), Limits{})
			require.NoError(t, err)
			checkDoc(t, d)
			assert.Equal(t, c.want, lines(d))
		})
	}
}

func TestHTMLRefusals(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"docx", fixture(t, "reply.docx"), Limits{}, ErrNotHTML},
		{"cfb", append(append([]byte{}, cfbMagic...), make([]byte, 64)...), Limits{}, ErrNotHTML},
		{"pdf", []byte("%PDF-1.4\n..."), Limits{}, ErrNotHTML},
		{"too large", []byte(strings.Repeat("<p>текст</p>", 100)), Limits{MaxTotalSize: 1000}, ErrTooLarge},
		{"too deep", []byte(strings.Repeat("<div><span>", 200)), Limits{}, ErrTooDeep},
		{"too many tokens", []byte(strings.Repeat("<b>x</b>", 1000)), Limits{MaxXMLTokens: 2000}, ErrTooManyTokens},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := HTML(c.data, c.lim)
			assert.Nil(t, d)
			require.ErrorIs(t, err, c.want)
		})
	}
	// Stay silent: many unclosed paragraphs and list items are not depth.
	d, err := HTML([]byte(strings.Repeat("<p>абзац<li>пункт", 1000)), Limits{})
	require.NoError(t, err)
	assert.Len(t, d.Paragraphs, 2000)
	d, err = HTML([]byte(strings.Repeat("<html><body><div>страница</div></body></html>", 1000)), Limits{})
	require.NoError(t, err)
	assert.Len(t, d.Paragraphs, 1000)
}
