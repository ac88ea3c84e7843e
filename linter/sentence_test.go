package linter

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sents returns the sentence texts of a plain-text document.
func sents(text string) []string {
	d := FromText("t.txt", text)
	out := []string{}
	for i := range d.Sentences {
		out = append(out, d.SentenceText(i))
	}
	return out
}

func TestSentenceAbbreviations(t *testing.T) {
	// Each text is one sentence: the dots inside belong to abbreviations,
	// initials, dates and clause numbers.
	one := []string{
		"Дом находится в г. Астрахани на ул. Кирова, д. 5, корп. 2, стр. 1, кв. 7.",
		"Согласно ст. 20 и ч. 3 ст. 8 Закона, п. 5 и пп. «а» п. 12 Правил служба проверила дом.",
		"Работы, т.е. ремонт кровли, т.д. и т.п. не закончены.",
		"Работы (т. е. ремонт кровли) не закончены.",
		"Школа им. Пушкина стоит на просп. Победы у пер. Тихого.",
		"Звоните по тел. 51-23-47, исп. Петрова.",
		"Плата составила 250 тыс. руб. 40 коп. в месяц.",
		"Бюджет 2 млн. руб. утвержден.",
		"Приказ утв. гр. Ивановым в обл. центре.",
		"Проверку провел И.И. Иванов.",
		"Проверку провел Иванов И.И. в присутствии жильцов.",
		"Проверку провели И. И. Иванов и Петров П. П. вместе.",
		"Проверка прошла 15.12.2026 в 10 часов.",
		"Согласно пункту 3.4.4. Правил крыша должна быть исправна.",
		"Температура составила 17,5 градуса, а по норме 20.",
		"Закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений» это требует.",
		"Приложение: на 46 л. в 1 экз.",
		"Ждем вас в пос. Лесном, мкр. Южный, наб. Реки.",
		"Вы писали... и мы проверили.",
	}
	for _, s := range one {
		t.Run(s, func(t *testing.T) {
			assert.Equal(t, []string{s}, sents(s))
		})
	}
}

func TestSentenceBreaks(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"dot", "Мы проверили дом. Нарушений нет.", []string{"Мы проверили дом.", "Нарушений нет."}},
		{"question and exclamation", "Как быть? Звоните! Мы поможем.", []string{"Как быть?", "Звоните!", "Мы поможем."}},
		{"repeated marks", "Как же так?! Звоните.", []string{"Как же так?!", "Звоните."}},
		{"ellipsis", "Мы ждали… Ответа нет.", []string{"Мы ждали…", "Ответа нет."}},
		{"three dots", "Мы ждали... Ответа нет.", []string{"Мы ждали...", "Ответа нет."}},
		{"closing quote", "Компания называется «Дом». Она отвечает.", []string{"Компания называется «Дом».", "Она отвечает."}},
		{"quote after end", "Он сказал: «Починим.» Не починили.", []string{"Он сказал: «Починим.»", "Не починили."}},
		{"bracket after end", "Дом старый (1960 г.). Его осмотрели.", []string{"Дом старый (1960 г.).", "Его осмотрели."}},
		{"date ends a sentence", "Ремонт закончат до 15.12.2026. Мы проверим.", []string{"Ремонт закончат до 15.12.2026.", "Мы проверим."}},
		{"number ends a sentence", "Квартира 17. Осмотр прошел.", []string{"Квартира 17.", "Осмотр прошел."}},
		{"law number ends a sentence", "Так велит Закон № 59-ФЗ. Мы его соблюдаем.", []string{"Так велит Закон № 59-ФЗ.", "Мы его соблюдаем."}},
		{"weak abbreviation before a capital", "Плата 250 руб. Оплатите до 10 числа.", []string{"Плата 250 руб.", "Оплатите до 10 числа."}},
		{"etc before a capital", "Трубы, краны и т.д. Все заменят.", []string{"Трубы, краны и т.д.", "Все заменят."}},
		{"year before a capital", "Дом построен в 1960 г. Крыша не ремонтировалась.", []string{"Дом построен в 1960 г.", "Крыша не ремонтировалась."}},
		{"years before a capital", "Так было в 2024–2025 гг. Сейчас иначе.", []string{"Так было в 2024–2025 гг.", "Сейчас иначе."}},
		{"city is not a year", "Служба находится в г. Астрахани.", []string{"Служба находится в г. Астрахани."}},
		{"common word дом ends a sentence", "Инспектор снова проверит дом. Если ремонт не сделают, компанию оштрафуют.",
			[]string{"Инспектор снова проверит дом.", "Если ремонт не сделают, компанию оштрафуют."}},
		{"lowercase after dot continues", "Сумма 5 тыс. руб. в месяц.", []string{"Сумма 5 тыс. руб. в месяц."}},
		{"semicolon does not break a line", "Мы проверили дом; нарушений нет.", []string{"Мы проверили дом; нарушений нет."}},
		{"paragraphs", "Первый абзац\n\nВторой абзац", []string{"Первый абзац", "Второй абзац"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, sents(c.text))
		})
	}
}

func TestSentenceLetterLayout(t *testing.T) {
	letter := "Служба жилищного надзора\n\n" +
		"Кузнецовой Т.В.\n" +
		"ул. Советская, д. 42, кв. 17\n\n" +
		"На обращение от 19.10.2026 № ОГ-3871\n\n" +
		"Уважаемая Татьяна Викторовна!\n\n" +
		"Мы проверили дом. Что нужно сделать:\n" +
		"1. Напишите заявление\n" +
		"2. Приложите фото;\n" +
		"- позвоните нам\n" +
		"а) сохраните квитанции\n\n" +
		"Руководитель службы\n" +
		"А.В. Морозов\n\n" +
		"Исп. Орлова Елена Николаевна\n" +
		"тел. 8 (8512) 44-18-20\n"
	want := []string{
		"Служба жилищного надзора",
		"Кузнецовой Т.В.",
		"ул. Советская, д. 42, кв. 17",
		"На обращение от 19.10.2026 № ОГ-3871",
		"Уважаемая Татьяна Викторовна!",
		"Мы проверили дом.",
		"Что нужно сделать:",
		"1. Напишите заявление",
		"2. Приложите фото;",
		"- позвоните нам",
		"а) сохраните квитанции",
		"Руководитель службы",
		"А.В. Морозов",
		"Исп. Орлова Елена Николаевна",
		"тел. 8 (8512) 44-18-20",
	}
	assert.Equal(t, want, sents(letter))
	assert.Equal(t, want, sents(strings.ReplaceAll(letter, "\n", "\r\n")), "Windows line breaks")
}

func TestSentenceHardWrap(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"wrapped prose is one sentence",
			"Служба жилищного надзора рассмотрела ваше обращение о протечке\n" +
				"крыши над квартирой и сообщает, что управляющая компания обязана\n" +
				"отремонтировать кровлю до 15.12.2026. Мы проверим ремонт.",
			[]string{"Служба жилищного надзора рассмотрела ваше обращение о протечке\n" +
				"крыши над квартирой и сообщает, что управляющая компания обязана\n" +
				"отремонтировать кровлю до 15.12.2026.", "Мы проверим ремонт."}},
		{"wrap after an abbreviation",
			"Инспектор осмотрел чердак и квартиру по адресу: город Астрахань, ул.\n" +
				"Кирова, д. 19, кв. 58, и нашел мокрые пятна.",
			[]string{"Инспектор осмотрел чердак и квартиру по адресу: город Астрахань, ул.\n" +
				"Кирова, д. 19, кв. 58, и нашел мокрые пятна."}},
		{"wrap after a weak abbreviation before a lowercase word",
			"Компания вернет переплату за отопление в размере примерно 250 тыс.\n" +
				"рублей до конца года.",
			[]string{"Компания вернет переплату за отопление в размере примерно 250 тыс.\n" +
				"рублей до конца года."}},
		{"wrapped line before a short last line with a capital",
			"Предписание выдано управляющей компании, срок его исполнения —\n" +
				"Декабрь.",
			[]string{"Предписание выдано управляющей компании, срок его исполнения —\nДекабрь."}},
		{"a line that ends a sentence is not joined",
			"Служба жилищного надзора рассмотрела ваше обращение о протечке.\n" +
				"Крыша будет отремонтирована до 15.12.2026.",
			[]string{"Служба жилищного надзора рассмотрела ваше обращение о протечке.",
				"Крыша будет отремонтирована до 15.12.2026."}},
		{"short comma line joins a lowercase line",
			"Если ремонт не сделают,\nмы оштрафуем компанию.",
			[]string{"Если ремонт не сделают,\nмы оштрафуем компанию."}},
		{"long line before a greeting is not joined",
			"Ответ на обращение, поступившее через платформу обратной связи\n" +
				"Уважаемая Светлана Михайловна!",
			[]string{"Ответ на обращение, поступившее через платформу обратной связи",
				"Уважаемая Светлана Михайловна!"}},
		{"long line before a list item is not joined",
			"Чтобы получить перерасчет платы за отопление, сделайте следующее\n" +
				"1. Напишите заявление.",
			[]string{"Чтобы получить перерасчет платы за отопление, сделайте следующее",
				"1. Напишите заявление."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, sents(c.text))
		})
	}
}

func TestSentenceWords(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"Мы проверили дом.", 3},
		{"Закон № 59-ФЗ — основной.", 3},
		{"Звоните: 8 (8512) 44-18-20.", 4},
		{"Плата 250 000 рублей.", 4},
		{"Плата 250\u00a0000 рублей.", 4},
		{"Дом из-за ремонта — закрыт…", 4},
		{"«Дом» - это т.е. здание.", 4},
		{"Проверку провел И. И. Иванов.", 5},
		{"- — – № ... !", 0},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			d := FromText("t.txt", c.text)
			n := 0
			for _, s := range d.Sentences {
				n += s.Words
			}
			assert.Equal(t, c.want, n)
			assert.Equal(t, c.want, d.Words())
		})
	}
}

func TestSentenceAt(t *testing.T) {
	d := FromText("t.txt", "Первое предложение.  Второе.\n\nТретье")
	assert.Len(t, d.Sentences, 3)
	for si, s := range d.Sentences {
		for i := s.First; i < s.Last; i++ {
			assert.Equal(t, si, d.SentenceAt(i))
		}
	}
	// The spaces between two sentences belong to none.
	gap := d.Sentences[0].Last
	assert.Equal(t, Space, d.Tokens[gap].Kind)
	assert.Equal(t, -1, d.SentenceAt(gap))
	assert.Equal(t, -1, d.SentenceAt(len(d.Tokens)))
}

// TestIsDate holds isDate to its plain definition: split at the dots,
// three parts, the last of four characters, the others of at most two.
func TestIsDate(t *testing.T) {
	for _, s := range []string{"15.12.2026", "1.1.2026", "15.12.26", "115.12.2026", "15.123.2026", "15.12.2026.",
		"15.12", "2026", "", ".", "..", "...", "..2026", "1.2.3.2026", "3.4.4", "15.12.20266", "15,12.2026"} {
		parts := strings.Split(s, ".")
		want := len(parts) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2
		assert.Equal(t, want, isDate(s), "%q", s)
	}
}

// TestSentenceEndSkipsLongWords checks that skipping the abbreviation
// checks after words longer than abbrevMax changes no sentence: random
// texts split the same with the skip and without it.
func TestSentenceEndSkipsLongWords(t *testing.T) {
	pieces := []string{"ул", "г", "гг", "т", "д", "п", "руб", "тыс", "просп", "русск", "И", "Ж", "слово", "Слово",
		"обращение", "Рассмотрено", "1960", "3.4.4", "15.12.2026", ".", ". ", " ", "\n", "…", "!", ",", "«", "»"}
	rng := rand.New(rand.NewSource(8))
	for n := 0; n < 3000; n++ {
		text := randomText(rng, pieces, 30, true)
		d := FromText("t.txt", text)
		skip := abbrevMax
		abbrevMax = math.MaxInt
		want := splitSentences(d)
		abbrevMax = skip
		require.Equal(t, want, splitSentences(d), "%q", text)
	}
}

// TestSplitSentencesMatchesReference holds splitSentences to the plain
// version on the sample texts and on random ones built from the pieces
// that decide where a sentence ends.
func TestSplitSentencesMatchesReference(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(devCorpus, "*.txt"))
	more, _ := filepath.Glob("../examples/*.txt")
	for _, f := range append(files, more...) {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		d := FromText(f, string(raw))
		require.Equal(t, refSplitSentences(d), splitSentences(d), f)
	}
	pieces := []string{"ул", "г", "т", "д", "руб", "И", "слово", "Слово", "1960", "3.4.4", "15.12.2026", "1)", "а)",
		".", ". ", "..", " ", "  ", "\n", "\r\n", "\n\n", "…", "!", "?", ",", ";", ":", "-", "—", "«", "»", "\"", ")", "(",
		"Уважаемый", "Здравствуйте", "№", "\u00ad", strings.Repeat("длинная строка ", 4)}
	rng := rand.New(rand.NewSource(9))
	for n := 0; n < 5000; n++ {
		text := randomText(rng, pieces, 40, true)
		d := FromText("t.txt", text)
		require.Equal(t, refSplitSentences(d), splitSentences(d), "%q", text)
	}
}

// refSplitSentences is splitSentences as it was first written, token by
// token with a closure that ends a sentence: the plain version the fast
// one is held to.
func refSplitSentences(d *Document) []Sentence {
	out := make([]Sentence, 0, len(d.Tokens)/16+1) // ~12 words a sentence, with room
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		start := -1
		lineStart := b.First
		// words counts the pieces between spaces that hold a letter or a
		// digit (see countWords) as the loop goes; counted tells that the
		// current piece is counted already.
		words, counted := 0, false
		flush := func(end int) {
			if start < 0 {
				return
			}
			last := end
			for last > start && (d.Tokens[last-1].Kind == Space || d.Tokens[last-1].Kind == Newline) {
				last--
			}
			if last > start {
				s := Sentence{Start: int(d.Tokens[start].Start), End: int(d.Tokens[last-1].End), First: start, Last: last, Block: bi}
				s.Words = words
				out = append(out, s)
			}
			start, words, counted = -1, 0, false
		}
		for i := b.First; i < b.Last; i++ {
			t := &d.Tokens[i]
			switch t.Kind {
			case Space:
				counted = false
				continue
			case Newline:
				counted = false
				if start >= 0 && !joinLines(d, lineStart, i, b.Last) {
					flush(i)
				}
				lineStart = i + 1
				continue
			}
			if start < 0 {
				start = i
			}
			if (t.Kind == Word || t.Kind == Number) && !counted {
				words++
				counted = true
			}
			if t.Kind == Punct {
				if end, ok := sentenceEnd(d, i, lineStart, b.Last); ok {
					flush(end)
					i = end - 1
				}
			}
		}
		flush(b.Last)
	}
	return out
}
