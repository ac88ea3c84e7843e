package rules

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestTypography(t *testing.T) {
	runCases(t, "typography", []ruleCase{
		// Quotes.
		{name: "straight quotes", text: `Запрос направлен в УК ООО "Жилсервис".`, want: []string{`"Жилсервис"`}},
		{name: "guillemets are right", text: "Запрос направлен в ООО «Жилсервис»."},
		{name: "quote in a quote", text: `Закон "О защите "прав" граждан" принят.`,
			want: []string{`"О защите "прав" граждан"`, `"прав"`}},
		{name: "guillemets inside guillemets", text: "Закон «О порядке «особом» рассмотрения» принят.",
			want: []string{"«особом»"}},
		{name: "collapsed closing quotes", text: "Управляет ООО «УК «Восток» с 2020 года.", want: []string{"«Восток»"}},
		{name: "лапки inside ёлочки are right", text: "Закон «О порядке „особом“ рассмотрения» принят."},
		{name: "лапки outside", text: "Компания „Домовой“ ответила.", want: []string{"„Домовой“"}},
		{name: "english quotes", text: "Компания “Домовой” ответила.", want: []string{"“Домовой”"}},
		{name: "apostrophe is not a quote", text: "Компания O'Brien и кафе «Д'Артаньян» ответили."},
		{name: "inches", text: `Заменена труба 3/4" в подвале.`},
		{name: "glued to a word", text: `Компания ООО"Ромашка" ответила.`, want: []string{`"Ромашка"`}},
		{name: "unclosed guillemet", text: "Компания «Домовой ответила.", want: []string{"«Домовой"}},
		{name: "stray closing guillemet", text: "Компания Домовой» ответила.", want: []string{"Домовой»"}},
		// Dashes.
		{name: "hyphen for a dash", text: "Перерасчет делают в установленном порядке - с участием собственника.",
			want: []string{"порядке - с"}},
		{name: "en dash with spaces is accepted", text: "Из них 9 – по обращениям граждан."},
		{name: "em dash is right", text: "Перерасчет делают в порядке — с участием собственника."},
		{name: "list item hyphen", text: "Нужно:\n- написать заявление;\n - приложить акт."},
		{name: "range with hyphen", text: "Программа на 2020-2026 годы.", want: []string{"2020-2026"}},
		{name: "range with en dash", text: "Программа на 2020–2026 годы."},
		{name: "spaced range", text: "Показания передают с 20 - 25 число.", want: []string{"20 - 25"}},
		{name: "phones and codes stay", text: "Тел. 8 (8512) 44-18-20, 51-23-47. На № 7-02-2026/1845 от 21.10.2026, " +
			"лицензия № 030-000112, обращение ОГ-3871, закон № 59-ФЗ, тел. 12-34, дом 12-а."},
		{name: "falling pair is not a range", text: "Код 51-23 указан."},
		// Spaces.
		{name: "double space", text: "Плата более  трех месяцев.", want: []string{"более  трех"}},
		{name: "indent and alignment stay", text: "  Руководитель службы        А.В. Морозов\nстрока\tс\tтабуляцией"},
		{name: "space before comma", text: "Мы проверили дом , подвал и крышу .", want: []string{"дом ,", "крышу ."}},
		{name: "space before ellipsis stays", text: "Закон гласит: «… в срок».", want: nil},
		{name: "missing space after comma", text: "Мы проверили дом,подвал и крышу.", want: []string{"дом,подвал"}},
		{name: "missing space after dot", text: "Мы проверили дом.Нарушений нет.", want: []string{"дом.Нарушений"}},
		{name: "numbers, initials, abbreviations stay", text: "Доля 2,5 от 15.12.2026 в 10:30 по п. 3.4.4. " +
			"Подписал И.И. Иванов, т.е. А.В.Морозов, и т.д. и т.п."},
		{name: "links stay", text: "Пишите на gjn@astrobl.ru или на сайт https://госуслуги.рф/help?id=5,6 и www.dom.ru."},
		{name: "glued abbreviation", text: "Дом в г.Астрахань.", want: []string{"г.Астрахань"}},
		// Words.
		{name: "repeated word", text: "Мы проверили, что что дом в в порядке.", want: []string{"что что", "в в"}},
		{name: "repeated word kept apart by a comma", text: "Было, было и будет."},
		{name: "reduplication", text: "Осталось чуть чуть."},
		{name: "hyphenated repeat", text: "Так-так, посмотрим."},
		{name: "number sign", text: "Постановление №354, закон №59-ФЗ и № 59.", want: []string{"№354", "№59-ФЗ"}},
		{name: "glued unit", text: "Площадь 10кв.м, длина 25м, вес 5кг, в 2026г.", want: []string{"10кв", "25м", "5кг", "2026г"}},
		{name: "house letters and percent stay", text: "Дом д. 5г, кв. 12м, рост 20%, температура +17 градусов."},
		{name: "three dots", text: "Мы ждём...", want: []string{"..."}},
		// Brackets.
		{name: "unclosed bracket", text: "Дом (далее МКД осмотрен.", want: []string{"(далее"}},
		{name: "stray bracket", text: "Дом осмотрен) полностью.", want: []string{"осмотрен)"}},
		{name: "list brackets stay", text: "Нужно:\n1) написать;\nа) приложить :)\n1.1) и IV) тоже"},
	})
}

// TestTypographySuggestions checks that every replacement is exact: the
// finding's text becomes the suggestion and nothing else changes.
func TestTypographySuggestions(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	cases := []struct{ text, span, want string }{
		{`ООО "Жилсервис" ответило.`, `"Жилсервис"`, "«Жилсервис»"},
		{`Закон "О защите "прав" граждан".`, `"прав"`, "„прав“"},
		{`Закон "О защите "прав" граждан".`, `"О защите "прав" граждан"`, `«О защите "прав" граждан»`},
		{"Закон «О «правах»».", "«правах»", "„правах“"},
		{"Управляет ООО «УК «Восток» с 2020 года.", "«Восток»", "„Восток“»"},
		{"в порядке - с участием", "порядке - с", "порядке — с"},
		{"на 2020-2026 годы", "2020-2026", "2020–2026"},
		{"с 20 - 25 число", "20 - 25", "20–25"},
		{"более  трех", "более  трех", "более трех"},
		{"дом ,", "дом ,", "дом,"},
		{"дом,подвал", "дом,подвал", "дом, подвал"},
		{"в в доме", "в в", "в"},
		{"Постановление №354.", "№354", "№ 354"},
		{"длина 25м.", "25м", "25 м"},
		{"Ждём...", "...", "…"},
	}
	for _, c := range cases {
		got := map[string][]string{}
		for _, f := range findings(t, reg, "typography", c.text, linter.Citizen) {
			got[f.Text] = f.Suggestions
		}
		assert.Equal(t, []string{c.want}, got[c.span], "%q in %q", c.span, c.text)
	}
	// Unbalanced brackets have no safe fix.
	fs := findings(t, reg, "typography", "Дом (далее МКД осмотрен.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Empty(t, fs[0].Suggestions)
	assert.Equal(t, "п. 2.5", fs[0].Clause)
}

func TestTypographyMarkdown(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	doc := linter.FromMarkdown("a.md", "# Ответ\n\nКомпания **\"Домовой\"** и `a  b` в коде.\n")
	res, err := reg.Check(doc, linter.Settings{Profile: linter.Citizen, Enable: []string{"typography"}})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "typography" {
			got = append(got, f.Text)
		}
	}
	assert.Equal(t, []string{`"Домовой"`}, got)
}

func TestTypographyQuotesLong(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	text := `Сказано: "собственники помещений в многоквартирном доме обязаны нести бремя расходов на содержание ` +
		`общего имущества" в законе.`
	fs := findings(t, reg, "typography", text, linter.Citizen)
	require.Len(t, fs, 2)
	assert.Equal(t, `"собственники`, fs[0].Text)
	assert.Equal(t, []string{"«собственники"}, fs[0].Suggestions)
	assert.Equal(t, `имущества"`, fs[1].Text)
	assert.Equal(t, []string{"имущества»"}, fs[1].Suggestions)
}

func BenchmarkLetterRules(b *testing.B) {
	reg, err := linter.NewRegistry(typography{}, address{}, personalData{})
	require.NoError(b, err)
	text := "Кузнецовой Т.В.\n\nУважаемая Татьяна Викторовна!\n\n"
	for i := 0; i < 200; i++ {
		text += `В адрес ООО "Жилсервис" направлен ваш запрос - с участием собственника  дома , в 2020-2026 годах, ` +
			"карта 4111 1111 1111 1111, кв. 4 по ул. Ленина, д. 8.\n"
	}
	doc := linter.FromText("b.txt", text)
	s := linter.Settings{Profile: linter.Public}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := reg.Check(doc, s); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLetterRules checks that the letter rules never panic and report
// spans on character boundaries with valid replacements.
func FuzzLetterRules(f *testing.F) {
	for _, s := range []string{
		`ООО "Жилсервис" в порядке - с  участием ,дом.Далее в в 2020-2026 №5 25м ... (а «б „в“ “г” "д"`,
		"Кузнецовой Т.В.\n\nУважаемый Виктор!\n\nвы ваш паспорт 12 34 567890 4111 1111 1111 1111 +7 912 345-67-89 a@b.ru",
		"\"\"\"«««»»»„„““”” - - -- 1-2 №№ ...... , , ,",
		"Иванова Ирина Петровна, ул. Ленина, д. 8, кв. 4, л/с 123456, СНИЛС 112-233-445 95",
	} {
		f.Add(s)
	}
	all, err := Default()
	require.NoError(f, err)
	// Only these rules: with spelling among them every unknown word of a
	// random text costs a suggestion search and the fuzzer all but stops.
	ids := []string{"typography", "address", "personal-data"}
	var some []linter.Rule
	for _, r := range all.Rules() {
		if slices.Contains(ids, r.Meta().ID) {
			some = append(some, r)
		}
	}
	require.Len(f, some, len(ids))
	reg, err := linter.NewRegistry(some...)
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range []linter.Profile{linter.Citizen, linter.Public} {
			for _, md := range []bool{false, true} {
				doc := linter.FromText("f.txt", text)
				if md {
					doc = linter.FromMarkdown("f.md", text)
				}
				res, err := reg.Check(doc, linter.Settings{Profile: p})
				require.NoError(t, err)
				for _, fd := range res.Findings {
					s, e := fd.Start.Offset, fd.End.Offset
					require.True(t, 0 <= s && s <= e && e <= len(text), "span %d:%d", s, e)
					require.Equal(t, text[s:e], fd.Text)
					for _, sg := range fd.Suggestions {
						require.True(t, utf8.ValidString(sg) || !utf8.ValidString(fd.Text), "suggestion %q", sg)
					}
				}
			}
		}
	})
}

// typographyAll runs the checks on every token, as they were first
// written, with no picking of tokens.
type typographyAll struct{ typography }

func (typographyAll) Check(c *linter.Context) { typoCheck(c, true) }

// TestTypographyPicksAgree checks that picking the tokens that may start
// a finding loses none: every token checked gives the same findings.
func TestTypographyPicksAgree(t *testing.T) {
	fast, err := linter.NewRegistry(typography{})
	require.NoError(t, err)
	slow, err := linter.NewRegistry(typographyAll{})
	require.NoError(t, err)
	agreeFindings(t, fast, slow, []linter.Profile{linter.Citizen}, nil)
}

// collapsedAll is typoScan.collapsed as first written: every pair tried
// for every unclosed «.
func collapsedAll(s *typoScan, pairs []tpQuotePair, loose []int) map[int]bool {
	var out map[int]bool
	for _, l := range loose {
		if s.txt(l) != "«" {
			continue
		}
		next := s.nextQuote(l + 1)
		for k, p := range pairs {
			if p.open != next || p.depth == 0 || s.nextQuote(p.close+1) >= 0 {
				continue
			}
			if out == nil {
				out = map[int]bool{}
			}
			out[k], out[-1-l] = true, true
		}
	}
	return out
}

// TestTypographyCollapsedAgree checks the lookup of pairs by their
// opening quote against a search of all pairs, on the sample texts and
// on blocks of many unclosed and nested quotes.
func TestTypographyCollapsedAgree(t *testing.T) {
	texts := agreeTexts(t)
	texts["unclosed"] = strings.Repeat("«УК «Восток» и «ТСЖ «Заря» «а» ", 50) + "«ООО «Свет»"
	texts["nested end"] = "Ответ «ООО «Жилсервис»"
	n := 0
	for name, text := range texts {
		doc := linter.FromText(name, text)
		for _, b := range doc.Blocks {
			if b.First >= b.Last {
				continue
			}
			s := &typoScan{d: doc, first: b.First, last: b.Last}
			s.markLinks()
			s.q.reset()
			for i := b.First; i < b.Last; i++ {
				s.q.mark(doc, i, b.First, b.Last, s.link)
			}
			pairs, loose := s.q.done()
			want := collapsedAll(s, pairs, loose)
			n += len(want)
			require.Equal(t, want, s.collapsed(pairs, loose), name)
		}
	}
	assert.Greater(t, n, 10)
}
