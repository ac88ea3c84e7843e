package rules

import (
	"strconv"
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
	var x *dsSents
	var ws dsSent
	for k := range d.Sentences {
		s := &d.Sentences[k]
		if s.Words <= warn {
			continue
		}
		if x == nil {
			x = dsSentsOf(d) // read once for the rules of the check
		}
		x.sent(k, &ws)
		sev := linter.Warning
		limit := warn
		if s.Words > errN {
			sev = linter.Error
		}
		sep, split := "", splitPoint(d, s, &ws)
		if split != "" {
			sep = " "
		}
		c.ReportAs(sev, s.Start, s.End, "В предложении "+strconv.Itoa(s.Words)+" "+
			plural(s.Words, "слово", "слова", "слов")+" — больше "+strconv.Itoa(limit)+
			". Разделите его на несколько коротких."+sep+split)
	}
}

// isSplitConj reports a word before which a long sentence splits
// naturally when a comma stands before it.
func isSplitConj(norm string) bool {
	switch norm {
	case "который", "которая", "которое", "которые", "которого", "которой", "которых", "котором", "которому",
		"которым", "что", "поскольку":
		return true
	}
	return false
}

// wtSplit: the words splitPoint looks at: «так», «а» and isSplitConj.
var wtSplit = newTest(func(n string) bool { return n == "так" || n == "а" || isSplitConj(n) })

// Places to cut a sentence, as splitPoint finds them.
const (
	cutSemicolon = iota // on a semicolon
	cutSoAs             // before «так как»
	cutAlso             // before «а также»
	cutConj             // before «который», «что», … after a comma
	cutComma            // after a comma
)

// splitPoint proposes where to cut: a semicolon, «так как», «а также»,
// «который», «что» after a comma, or else the comma nearest the middle.
// The place nearest the middle wins; its words are read only then.
// ws is the sentence's words as read for all rules (dsSents): a word
// that is none of wtSplit is passed over without reading its normal form.
func splitPoint(d *linter.Document, s *linter.Sentence, ws *dsSent) string {
	mid := (s.First + s.Last) / 2
	best, bestDist, cut := -1, 1<<30, 0
	consider := func(i, how int) {
		dist := abs(i - mid)
		if dist < bestDist && i > s.First+2 && i < s.Last-3 {
			best, bestDist, cut = i, dist, how
		}
	}
	split := ws.any.has(wtSplit)
	k := 0 // the index in ws of the next word or number
	for i := s.First; i < s.Last; i++ {
		t := &d.Tokens[i]
		switch t.Kind {
		case linter.Punct:
			if d.TokenText(i) == ";" {
				consider(i, cutSemicolon)
			}
		case linter.Number:
			k++
		case linter.Word:
			k++
			if !split || ws.plain(k-1) || !ws.bits(k-1).has(wtSplit) {
				continue
			}
			switch {
			case d.Norm(t) == "так" && nextNorm(d, i, s.Last) == "как":
				consider(i, cutSoAs)
			case d.Norm(t) == "а" && nextNorm(d, i, s.Last) == "также":
				consider(i, cutAlso)
			case isSplitConj(d.Norm(t)) && prevIsComma(d, i):
				consider(i, cutConj)
			}
		}
	}
	if best < 0 {
		for i := s.First; i < s.Last; i++ {
			if d.Tokens[i].Kind == linter.Punct && d.TokenText(i) == "," {
				// Only before a real word: not «д.» of an address, not a number.
				if j := nextWord(d, i, s.Last); j >= 0 && splittable(d, j) {
					consider(i, cutComma)
				}
			}
		}
	}
	switch {
	case best < 0:
		return ""
	case cut == cutSemicolon:
		return "Можно разрезать на точке с запятой."
	case cut == cutSoAs:
		return "Можно разрезать перед «так как»."
	case cut == cutAlso:
		return "Можно разрезать перед «а также»."
	case cut == cutConj:
		return "Можно разрезать перед «" + d.Norm(&d.Tokens[best]) + "»."
	}
	return "Можно разрезать после запятой перед «" + d.TokenText(nextWord(d, best, s.Last)) + "»."
}

// nextNorm returns the normal form of the next word token after i, or "".
func nextNorm(d *linter.Document, i, end int) string {
	if j := nextWord(d, i, end); j >= 0 {
		return d.Norm(&d.Tokens[j])
	}
	return ""
}

// splittable reports a word a new sentence can start with: a word of
// three letters or more that is not an abbreviation with a dot.
func splittable(d *linter.Document, j int) bool {
	t := &d.Tokens[j]
	if t.Kind != linter.Word || utf8.RuneCountInString(d.Norm(t)) < 3 || t.Is(linter.Upper) {
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
