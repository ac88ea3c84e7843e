package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestPersonalDataAlways(t *testing.T) {
	runCases(t, "personal-data", []ruleCase{
		// Passport.
		{name: "passport", text: "Вы приложили паспорт 12 34 567890 к заявлению.", want: []string{"12 34 567890"}},
		{name: "passport series and number", text: "Паспорт гражданина РФ серия 1234 № 567890 выдан ОВД.",
			want: []string{"1234 № 567890"}},
		{name: "series alone", text: "Документ серия 1234 № 567890.", want: []string{"1234 № 567890"}},
		{name: "passport without number", text: "Возьмите с собой паспорт и документ о праве собственности."},
		{name: "passport date is not a number", text: "Паспорт выдан 12.03.2010, код 300-001."},
		// СНИЛС.
		{name: "snils valid checksum", text: "Ваш номер 112-233-445 95 указан в заявлении.", want: []string{"112-233-445 95"}},
		{name: "snils wrong checksum", text: "Ваш номер 112-233-445 96 указан в заявлении."},
		{name: "snils word with a mistyped number", text: "СНИЛС 112-233-445 96 указан в заявлении.",
			want: []string{"112-233-445 96"}},
		// Cards.
		{name: "test card", text: "Оплата с карты 4111 1111 1111 1111 прошла.", want: []string{"4111 1111 1111 1111"}},
		{name: "card whole", text: "Карта 5500000000000004 заблокирована.", want: []string{"5500000000000004"}},
		{name: "card with hyphens", text: "Карта 4111-1111-1111-1111.", want: []string{"4111-1111-1111-1111"}},
		{name: "amex", text: "Карта 3782 822463 10005.", want: []string{"3782 822463 10005"}},
		{name: "luhn-invalid 16 digits is not a card", text: "Номер 1234 5678 1234 5678 в реестре и 1234567812345678."},
		// ИНН.
		{name: "person inn", text: "ИНН заявителя 500100732259.", want: []string{"500100732259"}},
		{name: "person inn without the word", text: "Указан номер 770708389324.", want: []string{"770708389324"}},
		{name: "company inn is not personal", text: "ИНН управляющей компании 7707083893."},
		{name: "twelve digits with a wrong check", text: "Номер 500100732258 в реестре."},
		// Things that look alike and stay silent.
		{name: "phones, dates, codes", text: "Тел. 8 (8512) 44-18-20, от 19.10.2026 № ОГ-3871, лицензия № 030-000112, " +
			"ГИС ЖКХ № 2026-1105-0147, штраф 250 000 рублей, на № 7-02-2026/1845."},
		{name: "in citizen profile the address stays", text: "Квартира по адресу: ул. Ленина, д. 88, кв. 4, телефон +7 912 345-67-89."},
	})
}

func TestPersonalDataPublic(t *testing.T) {
	runCases(t, "personal-data", []ruleCase{
		{name: "flat with address", profile: linter.Public, text: "Здравствуйте, Ирина!\n\nМы осмотрели квартиру по адресу: " +
			"ул. Ленина, д. 88, кв. 4.", want: []string{"кв. 4"}},
		{name: "flat with address in citizen profile", text: "Здравствуйте, Ирина!\n\nМы осмотрели квартиру по адресу: " +
			"ул. Ленина, д. 88, кв. 4."},
		{name: "flat without address", profile: linter.Public, text: "Шумят соседи из квартиры № 65."},
		{name: "house alone", profile: linter.Public, text: "Освещение в подъезде дома по ул. Гагарина, д. 14 починят."},
		{name: "full name", profile: linter.Public, text: "Заявитель Иванова Ирина Петровна сообщила о протечке.",
			want: []string{"Иванова Ирина Петровна"}},
		{name: "name patronymic surname", profile: linter.Public, text: "Обратилась Ирина Петровна Иванова.",
			want: []string{"Ирина Петровна Иванова"}},
		{name: "first name greeting is fine", profile: linter.Public, text: "Здравствуйте, Ирина!\n\nЛампы заменят до 15.12.2026."},
		{name: "mobile phone", profile: linter.Public, text: "Вы указали телефон +7 912 345-67-89 и 8 (912) 345 67 89.",
			want: []string{"+7 912 345-67-89", "8 (912) 345 67 89"}},
		{name: "landline and short numbers", profile: linter.Public,
			text: "Звоните в диспетчерскую 8 (8512) 44-18-20 или по номеру 112."},
		{name: "email", profile: linter.Public, text: "Ответ отправлен на ivanova.i@mail.ru.", want: []string{"ivanova.i@mail.ru"}},
		{name: "account", profile: linter.Public, text: "Перерасчет по лицевому счету № 1234567890 и л/с 123456 сделан.",
			want: []string{"1234567890", "123456"}},
		{name: "account without number", profile: linter.Public, text: "Перерасчет по Вашему лицевому счету сделан."},
		{name: "signature is the service's own", profile: linter.Public, text: "Здравствуйте, Ирина!\n\n" +
			"Лампы заменят до 15.12.2026.\n\nС уважением, служба жилищного надзора.\n" +
			"Исполнитель: Петрова Анна Сергеевна, тел. +7 912 345-67-89, gjn@astrobl.ru"},
		{name: "citizen profile", text: "Заявитель Иванова Ирина Петровна, телефон +7 912 345-67-89, почта a@b.ru, л/с 123456."},
	})
}

func TestPersonalDataSeverity(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	text := "Паспорт 1234 567890 и кв. 4 по ул. Ленина, д. 8, кв. 4."
	fs := findings(t, reg, "personal-data", text, linter.Public)
	require.Len(t, fs, 2)
	assert.Equal(t, linter.Warning, fs[0].Severity) // passport: in every profile
	assert.Equal(t, linter.Error, fs[1].Severity)   // a flat in a public reply
	assert.Equal(t, "п. 2.2; 152-ФЗ", fs[0].Clause)
	assert.Contains(t, fs[0].Message, "152-ФЗ")
	assert.Empty(t, fs[0].Suggestions)
}

func TestPersonalDataChecksums(t *testing.T) {
	assert.True(t, pdLuhn("4111111111111111"))
	assert.False(t, pdLuhn("4111111111111112"))
	assert.True(t, pdINN12("500100732259"))
	assert.False(t, pdINN12("500100732250"))
	assert.False(t, pdINN12("7707083893"))
	assert.True(t, pdSNILS("11223344595", []int{3, 3, 3, 2}, false))
	assert.False(t, pdSNILS("11223344596", []int{3, 3, 3, 2}, false))
	assert.False(t, pdSNILS("11223344595", []int{11}, false), "bare eleven digits need the word СНИЛС")
	assert.True(t, pdSNILS("11223344595", []int{11}, true))
	for _, p := range []string{"сергеевна", "алексеевичу", "ильиничной", "кузьмич", "михайловича"} {
		assert.True(t, pdPatronymic(p), p)
	}
	for _, p := range []string{"иванова", "ирина", "служба", "вна"} {
		assert.False(t, pdPatronymic(p), p)
	}
}

// mobileSlow is mobile as first written: it keeps every digit.
func (s *pdScan) mobileSlow(i int) int {
	var digits strings.Builder
	j := i
	if s.txt(j) == "+" {
		j++
		if j >= s.last || s.tok(j).Start != s.tok(i).End {
			return i
		}
	} else if s.tok(j).Kind != linter.Number {
		return i
	}
	end := i
	for ; j < s.last && j < i+16 && digits.Len() < 11; j++ {
		t := s.tok(j)
		switch {
		case t.Kind == linter.Number:
			d := strings.ReplaceAll(s.txt(j), "-", "")
			if !tpDigits(d) {
				return i
			}
			digits.WriteString(d)
			end = j + 1
		case t.Kind == linter.Space && s.txt(j) == " ", t.Kind == linter.Punct && strings.Contains("()-", s.txt(j)):
		default:
			j = s.last
		}
	}
	ds := digits.String()
	if len(ds) != 11 || !(strings.HasPrefix(ds, "79") || strings.HasPrefix(ds, "89")) {
		return i
	}
	if end < s.last && s.tok(end).Start == s.tok(end-1).End && s.tok(end).IsWordLike() {
		return i
	}
	return end
}

// TestPersonalDataMobileAgrees checks that mobile, which keeps only the
// count and the first two digits, reads what keeping them all reads.
func TestPersonalDataMobileAgrees(t *testing.T) {
	texts := agreeTexts(t)
	texts["phones"] = "+7 912 345-67-89, 8 (912) 345 67 89, 89123456789, 8-912-345-67-89, +79123456789, " +
		"7 912 345 67 8910, 8 912 345 67 8, 8.912, 89-, 8 912 345 6789а, +7 (8512) 44-18-20"
	for name, text := range texts {
		d := linter.FromText(name, text)
		for _, b := range d.Blocks {
			s := &pdScan{d: d, first: b.First, last: b.Last}
			for i := b.First; i < b.Last; i++ {
				require.Equal(t, s.mobileSlow(i), s.mobile(i), "%s: %q", name, d.Text[d.Tokens[i].Start:])
			}
		}
	}
}

// TestPdDigitGroups checks the byte loop of pdDigitGroups against the
// groups cut at each hyphen.
func TestPdDigitGroups(t *testing.T) {
	slow := func(text string) bool {
		for _, p := range strings.Split(text, "-") {
			if !tpDigits(p) {
				return false
			}
		}
		return true
	}
	for _, s := range []string{"", "-", "1", "123", "1-2", "123-456-789", "1-", "-1", "1--2", "1.5", "12,3",
		"1-2-", "1-a", "٣", "12-34-56-78", "15.12.2026", "--"} {
		assert.Equal(t, slow(s), pdDigitGroups(s), "%q", s)
	}
}

// TestPersonalDataWordFacts checks the answers kept by NormID against the
// tests themselves, before and after they are kept.
func TestPersonalDataWordFacts(t *testing.T) {
	words := 0
	for name, text := range agreeTexts(t) {
		doc := linter.FromText(name, text+" Паспорт паспортные серии Сергеевич Ильинична")
		bare := linter.WithoutNormIDs(doc) // words past the stem cache's bound
		for round := 0; round < 2; round++ {
			for i := range doc.Tokens {
				tk := &doc.Tokens[i]
				if tk.Kind != linter.Word {
					continue
				}
				words++
				n := doc.Norm(tk)
				require.Equal(t, pdPatronymic(n), pdIsPatronymic(doc, tk), n)
				require.Equal(t, pdPassportWord(n), pdIsPassportWord(doc, tk), n)
				require.Equal(t, pdPatronymic(n), pdIsPatronymic(bare, &bare.Tokens[i]), n)
				require.Equal(t, pdPassportWord(n), pdIsPassportWord(bare, &bare.Tokens[i]), n)
			}
		}
	}
	assert.Greater(t, words, 1000)
}

// TestPersonalDataBareAgree checks the rule, which reads the answers kept
// by NormID itself, against the same documents without NormIDs, where
// every answer is computed afresh.
func TestPersonalDataBareAgree(t *testing.T) {
	reg, err := linter.NewRegistry(personalData{})
	require.NoError(t, err)
	n := agreeFindings(t, reg, reg, []linter.Profile{linter.Citizen, linter.Public}, linter.WithoutNormIDs)
	assert.Greater(t, n, 10)
}

// personalDataAll walks every token in every profile, as the rule was
// first written.
type personalDataAll struct{ personalData }

func (personalDataAll) Check(c *linter.Context) { pdCheck(c, true) }

// TestPersonalDataWordsAgree checks that walking only the sentences with
// a number or a passport word, outside a public reply, loses nothing.
func TestPersonalDataWordsAgree(t *testing.T) {
	fast, err := linter.NewRegistry(personalData{})
	require.NoError(t, err)
	slow, err := linter.NewRegistry(personalDataAll{})
	require.NoError(t, err)
	n := agreeFindings(t, fast, slow, []linter.Profile{linter.Citizen, linter.Official}, nil)
	n += agreeFindings(t, fast, slow, []linter.Profile{linter.Citizen}, linter.WithoutNormIDs)
	assert.Greater(t, n, 10)
}
