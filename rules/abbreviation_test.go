package rules

import (
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestAbbreviation(t *testing.T) {
	runCases(t, "abbreviation", []ruleCase{
		{name: "first use only", text: "Запрос направлен в УК. Ответ УК получен.", want: []string{"УК"}},
		{name: "each unexplained abbreviation", text: "Показания ИПУ в МКД не передавались.", want: []string{"ИПУ", "МКД"}},
		{name: "unknown abbreviation", text: "Обратитесь в ЖЭРП.", want: []string{"ЖЭРП"}},
		{name: "explained later is too late", text: "Ваш МКД старый. Многоквартирный дом (далее — МКД) построен в 1960 году.", want: []string{"МКД"}},

		{name: "далее with em dash", text: "Многоквартирный дом (далее — МКД) построен давно. МКД старый.", want: nil},
		{name: "далее with hyphen", text: "Многоквартирный дом (далее - МКД) построен давно. МКД старый.", want: nil},
		{name: "далее without dash", text: "Многоквартирный дом (далее МКД) построен давно. МКД старый.", want: nil},
		{name: "далее по тексту in quotes", text: "Многоквартирный дом (далее по тексту — «МКД») построен давно.", want: nil},
		{name: "expansion then brackets", text: "Показания индивидуального прибора учета (ИПУ) не передавались. ИПУ исправен.", want: nil},
		{name: "brackets after", text: "Показания ИПУ (индивидуального прибора учета) не передавались.", want: nil},
		{name: "common", text: "ООО и АО по законам РФ, ЖКХ, ИНН.", want: nil},
		{name: "registration numbers", text: "На обращение № ОГ-3871, закон № 59-ФЗ, лицензия № 030-000112.", want: nil},
		{name: "registration number with a slash", text: "Ваше обращение ЖН/1234 и № ГЖИ рассмотрены.", want: nil},
		{name: "letterhead", text: "ГЖИ Астраханской области\n\nДом проверен.", want: nil},
		{name: "letterhead, then the body", text: "ГЖИ Астраханской области\n\nДом проверила ГЖИ.", want: []string{"ГЖИ"}},
		{name: "first line with a number is not a letterhead", text: "Ответ ГЖИ на обращение № 15\n\nДом проверен.", want: []string{"ГЖИ"}},
		{name: "quoted name", text: "Ответ ООО «УК Восток» получен.", want: nil},
		{name: "system name", text: "Ответ на обращение в ГИС ЖКХ.", want: nil},
		{name: "shouted title", text: "ОТВЕТ НА ОБРАЩЕНИЕ\n\nДом проверен.", want: nil},
		{name: "shouted word", text: "ВНИМАНИЕ: дом проверен.", want: nil},
		{name: "initials", text: "И.И. Иванов, А.В. Морозов.", want: nil},
		{name: "cyrillic roman number", text: "В ХХ веке.", want: nil},
		{name: "mixed case known", text: "Протокол по КоАП.", want: []string{"КоАП"}},
		{name: "mixed case explained", text: "Кодекс об административных правонарушениях (далее — КоАП) строг. По КоАП штраф.", want: nil},
		{name: "mixed case unknown", text: "Ответ от ЖилСервис получен.", want: nil},
		{name: "code of law before a name", text: "Дом в ЖК «Солнечный» сдан. Застройщик — ГК \"Рассвет\".", want: nil},
		{name: "code of law", text: "По ЖК РФ собственники платят взносы.", want: []string{"ЖК"}},
		{name: "housing abbreviation before a name", text: "Жалоба на ТСЖ «Заря».", want: []string{"ТСЖ"}},
		{name: "common codes", text: "Реквизиты: ИНН, БИК, КБК, ОКТМО, ОКПО, ОКВЭД, УИН. Выписка из ЕГРН.", want: nil},
		{name: "name of a company", text: "Обратитесь в ДОМ.РФ или в Дом РФ.", want: nil},
	})
}

func TestAbbreviationSuggestionAndProfiles(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	// Inside a sentence the expansion needs the case of the place: the
	// message says so, and there is no one-click fix.
	fs := findings(t, reg, "abbreviation", "Запрос направлен в УК. Ответ УК получен.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Empty(t, fs[0].Suggestions)
	assert.Equal(t, "Сокращение „УК“ не расшифровано. При первом упоминании напишите полностью, в нужной форме: "+
		"„управляющая компания (далее — УК)“.", fs[0].Message)
	assert.Equal(t, linter.Warning, fs[0].Severity)
	assert.Equal(t, "п. 2.5, 1.7 (понятность)", fs[0].Clause)

	// At a sentence start it is the subject: the nominative fits.
	fs = findings(t, reg, "abbreviation", "УК провела осмотр. Акт УК подписан.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, []string{"Управляющая компания (далее — УК)"}, fs[0].Suggestions)

	fs = findings(t, reg, "abbreviation", "МКД проверен.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, []string{"Многоквартирный дом"}, fs[0].Suggestions, "one use: no need for the abbreviation")
	assert.Contains(t, fs[0].Message, "Оно встречается один раз — напишите полностью: „многоквартирный дом“.")

	fs = findings(t, reg, "abbreviation", "Обратитесь в ЖЭРП.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Empty(t, fs[0].Suggestions)

	// A reply to an authority: official abbreviations are fine, the rest are notes.
	fs = findings(t, reg, "abbreviation", "Обращение передано в ОМВД. В МКД 5 подъездов.", linter.Official)
	require.Len(t, fs, 1)
	assert.Equal(t, "МКД", fs[0].Text)
	assert.Equal(t, linter.Info, fs[0].Severity)
	fs = findings(t, reg, "abbreviation", "Обращение передано в ОМВД.", linter.Citizen)
	require.Len(t, fs, 1)

	// The organisation's allow list.
	doc := linter.FromText("t", "Ваш МКД проверен.")
	res, err := reg.Check(doc, linter.Settings{Profile: linter.Citizen, Enable: []string{"abbreviation"}, Allow: []string{"МКД"}})
	require.NoError(t, err)
	for _, f := range res.Findings {
		assert.NotEqual(t, "abbreviation", f.Rule)
	}
}

// TestAbbreviationCandidatesInScan checks that the shared scan, which
// tests abbrCandidate while it passes the words, keeps exactly the words
// of the document in capitals or with a capital inside that are
// candidates.
func TestAbbreviationCandidatesInScan(t *testing.T) {
	list, _ := abbrLoad()
	n := 0
	for name, text := range agreeTexts(t) {
		doc := linter.FromText(name, text+" КоАП СанПиН ХХ ОТВЕТ МКД-шный ЖК «Солнечный»")
		var want []int32
		for i := range doc.Tokens {
			tk := &doc.Tokens[i]
			if tk.Kind == linter.Word && (tk.Is(linter.Upper) || wdInnerCapital(doc.TokenText(i))) && abbrCandidate(doc, tk, list) {
				want = append(want, int32(i))
			}
		}
		n += len(want)
		assert.Equal(t, want, wdBuiltin.scan(doc).caps, name)
	}
	assert.Greater(t, n, 100)
}

// TestAbbreviationLetters checks the shortcut of abbrCandidate's letter
// test against unicode.IsLetter over the block the shortcut covers.
func TestAbbreviationLetters(t *testing.T) {
	for r := rune(0x400); r <= 0x45F; r++ {
		assert.True(t, unicode.IsLetter(r), "%U", r)
	}
}

// TestAbbreviationShoutedLines checks abbrLine.shouted, which stops at
// the first word in small letters and remembers what it saw of the last
// line, against counting the words of each word's line afresh, with the
// words asked in order and then in reverse.
func TestAbbreviationShoutedLines(t *testing.T) {
	texts := agreeTexts(t)
	texts["shouted"] = "ОТВЕТ НА ОБРАЩЕНИЕ\nМКД и УК\nПОРЯДОК УТВЕРЖДЕН МКД\n\nУК МКД\nКоАП РФ\nМКД\nТСЖ МКД ст. КоАП"
	shouts := 0
	for name, text := range texts {
		doc := linter.FromText(name, text)
		var words []int
		for i := range doc.Tokens {
			if doc.Tokens[i].Kind == linter.Word {
				words = append(words, i)
			}
		}
		var l abbrLine
		for k := range 2 * len(words) {
			i := words[k%len(words)]
			if k >= len(words) {
				i = words[2*len(words)-1-k]
			}
			b := doc.Blocks[doc.BlockAt(int(doc.Tokens[i].Start))]
			first, last := i, i+1
			for first > b.First && doc.Tokens[first-1].Kind != linter.Newline {
				first--
			}
			for last < b.Last && doc.Tokens[last].Kind != linter.Newline {
				last++
			}
			caps, small := 0, 0
			for k := first; k < last; k++ {
				if tk := &doc.Tokens[k]; tk.Kind == linter.Word && tk.Is(linter.Upper) {
					caps++
				} else if tk.Kind == linter.Word {
					small++
				}
			}
			want := caps >= 2 && small == 0
			if want {
				shouts++
			}
			require.Equal(t, want, l.shouted(doc, i), "%s: token %d", name, i)
		}
	}
	assert.Greater(t, shouts, 5)
}
