package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = "слово"
	}
	return strings.Join(w, " ")
}

func TestSentenceLength(t *testing.T) {
	long := "Мы " + words(28) + "."
	runCases(t, "sentence-length", []ruleCase{
		{name: "25 words is fine", text: "Мы " + words(24) + "."},
		{name: "26 words warns", text: "Мы " + words(25) + ".", want: []string{"Мы " + words(25) + "."}},
		{name: "dashes and № do not count", text: "Мы " + words(20) + " — — — № № №."},
		{name: "abbreviations do not split", text: "Дом по ул. Кирова, д. 5, кв. 7 осмотрел инспектор И.И. Иванов 15.12.2026. " + long,
			want: []string{long}},
		{name: "lines are units", text: "Служба жилищного надзора\n" + strings.Repeat("Строка письма\n", 30)},
		{name: "public profile is stricter", text: "Мы " + words(21) + ".", profile: linter.Public,
			want: []string{"Мы " + words(21) + "."}},
	})
}

func TestSentenceLengthSeverityAndAdvice(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	text := "Служба рассмотрела обращение, " + words(20) + ", которое " + words(25) + "."
	fs := findings(t, reg, "sentence-length", text, linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Error, fs[0].Severity)
	assert.Contains(t, fs[0].Message, "49 слов")
	assert.Contains(t, fs[0].Message, "«которое»")
	assert.Equal(t, "п. 2.5", fs[0].Clause)
}

func TestSentenceLengthNeverSplitsBeforeAbbreviation(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	text := "Мы осмотрели " + words(12) + " по адресу: ул. Заводская, д. 7, кв. 52, и " + words(12) + "."
	fs := findings(t, reg, "sentence-length", text, linter.Citizen)
	require.Len(t, fs, 1)
	assert.NotContains(t, fs[0].Message, "«д»")
	assert.NotContains(t, fs[0].Message, "«кв»")
}

// TestSentenceLengthAdvice checks the advice for each place to cut: it
// is written out only for the place chosen.
func TestSentenceLengthAdvice(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	for _, c := range []struct{ mid, words, advice string }{
		{"; ", "29 слов", " Можно разрезать на точке с запятой."},
		{" так как ", "31 слово", " Можно разрезать перед «так как»."},
		{" а также ", "31 слово", " Можно разрезать перед «а также»."},
		{", что ", "30 слов", " Можно разрезать перед «что»."},
		{", Ответ ", "30 слов", " Можно разрезать после запятой перед «Ответ»."},
		{" ", "29 слов", ""},
	} {
		text := "Мы " + words(14) + c.mid + words(14) + "."
		fs := findings(t, reg, "sentence-length", text, linter.Citizen)
		require.Len(t, fs, 1)
		assert.Equal(t, "В предложении "+c.words+" — больше 25. Разделите его на несколько коротких."+c.advice,
			fs[0].Message, c.mid)
	}
}

// splitPointSlow is the plain statement of splitPoint: every word's
// normal form is read and compared, as if each passed wtSplit.
func splitPointSlow(d *linter.Document, s *linter.Sentence) string {
	all := wtBits{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	ws := dsSent{sets: []wtBits{{}, {}, all}}
	ws.w = dsWords(d, s.First, s.Last, nil)
	ws.cls = make([]uint32, len(ws.w))
	for k := range ws.cls {
		ws.cls[k] = 2
	}
	ws.any = all
	return splitPoint(d, s, &ws)
}

// TestSplitPointAgree holds splitPoint, which reads only the words that
// pass wtSplit, to the plain statement on every sentence of the test
// documents.
func TestSplitPointAgree(t *testing.T) {
	docs := append(dsIndexDocs(t), linter.FromText("t", "Мы "+words(14)+"; "+words(3)+" так как "+words(5)+
		", которое "+words(4)+" а также "+words(3)+", что "+words(20)+"."))
	var ws dsSent
	n := 0
	for _, d := range docs {
		x := dsSentsOf(d)
		for si := range d.Sentences {
			s := &d.Sentences[si]
			x.sent(si, &ws)
			want := splitPointSlow(d, s)
			require.Equal(t, want, splitPoint(d, s, &ws), "%s: %s", d.Name, d.SentenceText(si))
			if want != "" {
				n++
			}
		}
	}
	assert.Positive(t, n)
}
