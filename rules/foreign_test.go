package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestForeign(t *testing.T) {
	runCases(t, "foreign", []ruleCase{
		{name: "dictionary noun case", text: "Информация о результатах мониторинга начислений.", want: []string{"мониторинга"}},
		{name: "dictionary adjective", text: "Жалоба о некорректном начислении.", want: []string{"некорректном"}},
		{name: "dictionary verb", text: "Рекомендуем актуализировать данные.", want: []string{"актуализировать"}},
		{name: "dictionary verb form", text: "Компания актуализирует списки.", want: []string{"актуализирует"}},
		{name: "dictionary participle", text: "О принятых мерах Вы будете проинформированы.", want: []string{"проинформированы"}},
		{name: "hyphen part", text: "Провели онлайн-опрос жителей.", want: []string{"онлайн"}},
		{name: "latin word", text: "Пришлите фото на наш e-mail.", want: []string{"e-mail"}},
		{name: "latin word not in the list", text: "Пришлите фото в наш chat.", want: []string{"chat"}},
		{name: "latin word at sentence start", text: "Email службы указан ниже.", want: []string{"Email"}},
		{name: "latin part of a hyphenated word", text: "Купите online-карту.", want: []string{"online-карту"}},

		// Silent.
		{name: "quoted title", text: "Ответ направлен в ООО «Клининг-Сервис».", want: nil},
		{name: "quoted latin title", text: "Письмо пришло через систему «Smart city».", want: nil},
		{name: "name unquoted", text: "Служба благодарит Вас за обращение в системе Инцидент менеджмент.", want: nil},
		{name: "name inflected", text: "В Инциденте менеджменте появилось сообщение.", want: nil},
		{name: "url", text: "Подробности на сайте https://gzhn.example.ru/help/faq.html и www.gosuslugi.ru.", want: nil},
		{name: "e-mail address", text: "Пишите на адрес gzhn@example.ru или ivanov.petr@mail.ru.", want: nil},
		{name: "codes", text: "Квартира A1, счетчик ID123, класс B2.", want: nil},
		{name: "roman numerals", text: "В I квартале и во II полугодии, глава XIV.", want: nil},
		{name: "units", text: "Мощность 5 kW, давление 2 bar.", want: nil},
		{name: "brand in mid-sentence", text: "Напишите нам в Telegram или WhatsApp.", want: nil},
		{name: "capitals", text: "Пришлите PDF или SMS.", want: nil},
		{name: "mixed script is another rule", text: "Рекомендуем прoветривать помещение.", want: nil},
		{name: "latin document", text: "The inspection found no violations in the building. The company must fix the roof.", want: nil},
		{name: "latin sentence", text: "Мы получили письмо. It says the roof is leaking again. Проверим крышу.", want: nil},
		// Established loanwords are ordinary Russian.
		{name: "established words", text: "Процедура перерасчета, статус заявки, формат файла, сервис доставки, менеджер компании, " +
			"логин и пароль, лимит и дефицит, конденсат на окнах, демонтаж конструкций, провайдер, волонтер, параметры воды.", want: nil},
		// A soft entry is still reported, as info.
		{name: "soft entry", text: "Произошла деформация стены.", want: []string{"деформация"}},
	})
}

// TestForeignSuggestionsFit checks that suggestions replace the found
// word as it stands.
func TestForeignSuggestionsFit(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	cases := []struct {
		name, text, found string
		sugg              []string
		msg               string
		sev               linter.Severity
	}{
		{"adjective case", "Жалоба о некорректном начислении.", "некорректном", []string{"неправильном", "неверном"},
			"„некорректном“ → „неправильном“ или „неверном“", linter.Warning},
		{"adjective head form", "Расчет некорректный.", "некорректный", []string{"неправильный", "неверный"}, "", linter.Warning},
		{"adverb", "Начислено корректно.", "корректно", []string{"правильно", "верно"}, "", linter.Warning},
		{"noun in -ость", "Сомнения в легитимности собрания.", "легитимности", []string{"законности"}, "", linter.Warning},
		{"noun inflected", "Результаты мониторинга готовы.", "мониторинга", nil,
			"пишите по-русски: „наблюдение“ или „проверка“ в нужной форме", linter.Warning},
		{"noun of another gender", "Провели мониторинг.", "мониторинг", nil, "„наблюдение“ или „проверка“ в нужной форме", linter.Warning},
		{"noun of the same gender", "Произошел инцидент.", "инцидент", []string{"случай"}, "→ „случай“; или „происшествие“ в нужной форме", linter.Warning},
		{"verb infinitive", "Просим актуализировать данные.", "актуализировать", []string{"обновить"}, "", linter.Warning},
		{"verb form", "Данные актуализированы.", "актуализированы", nil, "„обновить“ в нужной форме", linter.Warning},
		{"verb whose object changes case", "Просим информировать жильцов.", "информировать", nil, "„сообщить“ в нужной форме", linter.Warning},
		{"hyphen part", "Провели онлайн-опрос жителей.", "онлайн", nil, "пишите по-русски: „через интернет“ или „в интернете“.", linter.Warning},
		{"e-mail", "Пишите на e-mail службы.", "e-mail", nil, "„электронная почта“", linter.Warning},
		{"soft", "Трубы покрыты коррозией.", "коррозией", nil, "„ржавчина“ в нужной форме", linter.Info},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := findings(t, reg, "foreign", c.text, linter.Citizen)
			require.Len(t, fs, 1, "%v", fs)
			assert.Equal(t, c.found, fs[0].Text)
			if c.sugg == nil {
				assert.Empty(t, fs[0].Suggestions)
			} else {
				assert.Equal(t, c.sugg, fs[0].Suggestions)
			}
			assert.Contains(t, fs[0].Message, c.msg)
			assert.Equal(t, c.sev, fs[0].Severity)
		})
	}
}

func TestForeignAllowedAndMessage(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	doc := linter.FromText("t", "Результаты мониторинга. Наш e-mail.")
	res, err := reg.Check(doc, linter.Settings{Profile: linter.Citizen, Enable: []string{"foreign"}, Allow: []string{"мониторинг", "E-mail"}})
	require.NoError(t, err)
	for _, f := range res.Findings {
		assert.NotEqual(t, "foreign", f.Rule, "allowed: %s", f.Text)
	}
	fs := findings(t, reg, "foreign", "Проведена верификация показаний.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, []string{"проверка"}, fs[0].Suggestions)
	assert.True(t, strings.HasPrefix(fs[0].Message, "Иностранное слово: „верификация“ → „проверка“."), fs[0].Message)
	assert.Equal(t, 1, strings.Count(fs[0].Message, "Иностранное слово"), "the reason does not repeat the kind")
	fs = findings(t, reg, "foreign", "Наш e-mail указан ниже.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Contains(t, fs[0].Message, "латиницей")
}
