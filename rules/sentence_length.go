package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return sentenceLength{}, nil }) }

// sentenceLength flags sentences too long to read in one breath (п. 2.5
// «кратко»). A word is a whitespace-separated piece with a letter or digit.
type sentenceLength struct{}

var sentenceLengthMeta = &linter.Meta{
	ID:          "sentence-length",
	Category:    linter.CatSentenceLength,
	Severity:    linter.Warning,
	Description: "Слишком длинное предложение",
	Explanation: "Длинное предложение трудно понять с первого раза: читатель теряет нить и перечитывает. " +
		"Порядок требует писать кратко. Разделите предложение на два-три: мысль — предложение. " +
		"Удобные места для разреза — перед словами «который», «что», «так как», «а также», на точке с запятой " +
		"или там, где после запятой начинается новая мысль. Предупреждение — больше 25 слов, ошибка — больше 40 " +
		"(в публичном ответе в соцсети — 20 и 30).",
	Clause: "п. 2.5",
	Examples: []linter.Example{{
		Bad: "Служба жилищного надзора рассмотрела ваше обращение по вопросу ненадлежащего качества коммунальной " +
			"услуги по отоплению в жилом помещении, расположенном по адресу: ул. Советская, д. 42, кв. 17, и " +
			"доводит до сведения следующее.",
		Good: "Мы рассмотрели ваше обращение о плохом отоплении в квартире. Вот что мы выяснили.",
	}},
}

func (sentenceLength) Meta() *linter.Meta { return sentenceLengthMeta }

func (sentenceLength) Check(c *linter.Context) {
	d := c.Doc
	warn, errN := c.Options.MaxSentenceWords, c.Options.MaxSentenceWordsError
	for _, s := range d.Sentences {
		if s.Words <= warn {
			continue
		}
		sev := linter.Warning
		limit := warn
		if s.Words > errN {
			sev = linter.Error
		}
		msg := fmt.Sprintf("В предложении %d %s — больше %d. Разделите его на несколько коротких.",
			s.Words, plural(s.Words, "слово", "слова", "слов"), limit)
		if split := splitPoint(d, s); split != "" {
			msg += " " + split
		}
		c.ReportAs(sev, s.Start, s.End, msg)
	}
}

// splitConj are words before which a long sentence splits naturally.
var splitConj = map[string]string{
	"который": "«который»", "которая": "«которая»", "которое": "«которое»", "которые": "«которые»",
	"которого": "«которого»", "которой": "«которой»", "которых": "«которых»", "котором": "«котором»",
	"которому": "«которому»", "которым": "«которым»", "что": "«что»", "поскольку": "«поскольку»",
}

// splitPoint proposes where to cut: a semicolon, «так как», «а также»,
// «который», «что» after a comma, or else the comma nearest the middle.
func splitPoint(d *linter.Document, s linter.Sentence) string {
	mid := (s.First + s.Last) / 2
	best, bestDist := "", 1<<30
	consider := func(i int, label string) {
		dist := abs(i - mid)
		if dist < bestDist && i > s.First+2 && i < s.Last-3 {
			best, bestDist = label, dist
		}
	}
	for i := s.First; i < s.Last; i++ {
		t := &d.Tokens[i]
		switch t.Kind {
		case linter.Punct:
			if d.TokenText(i) == ";" {
				consider(i, "на точке с запятой")
			}
		case linter.Word:
			next := ""
			if j := nextWord(d, i, s.Last); j >= 0 {
				next = d.Tokens[j].Norm()
			}
			switch {
			case t.Norm() == "так" && next == "как":
				consider(i, "перед «так как»")
			case t.Norm() == "а" && next == "также":
				consider(i, "перед «а также»")
			case splitConj[t.Norm()] != "" && prevIsComma(d, i):
				consider(i, "перед "+splitConj[t.Norm()])
			}
		}
	}
	if best == "" {
		for i := s.First; i < s.Last; i++ {
			if d.Tokens[i].Kind == linter.Punct && d.TokenText(i) == "," {
				// Only before a real word: not «д.» of an address, not a number.
				if j := nextWord(d, i, s.Last); j >= 0 && splittable(d, j) {
					consider(i, "после запятой перед «"+d.TokenText(j)+"»")
				}
			}
		}
	}
	if best == "" {
		return ""
	}
	return "Можно разрезать " + best + "."
}

// splittable reports a word a new sentence can start with: a word of
// three letters or more that is not an abbreviation with a dot.
func splittable(d *linter.Document, j int) bool {
	t := &d.Tokens[j]
	if t.Kind != linter.Word || utf8.RuneCountInString(t.Norm()) < 3 || t.Is(linter.Upper) {
		return false
	}
	return j+1 >= len(d.Tokens) || d.TokenText(j+1) != "."
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// nextWord returns the index of the next word token after i, or -1.
func nextWord(d *linter.Document, i, end int) int {
	for j := i + 1; j < end; j++ {
		switch d.Tokens[j].Kind {
		case linter.Word, linter.Number:
			return j
		case linter.Space, linter.Newline:
			continue
		default:
			return -1
		}
	}
	return -1
}

func prevIsComma(d *linter.Document, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch d.Tokens[j].Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Punct:
			return d.TokenText(j) == ","
		default:
			return false
		}
	}
	return false
}

// plural picks the Russian plural form for n: 1 слово, 2 слова, 5 слов.
func plural(n int, one, few, many string) string {
	n %= 100
	if n >= 11 && n <= 14 {
		return many
	}
	switch n % 10 {
	case 1:
		return one
	case 2, 3, 4:
		return few
	}
	return many
}
