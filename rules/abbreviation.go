package rules

import (
	"strings"
	"sync"
	"unicode"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

func init() {
	register(func(env *Env) (linter.Rule, error) {
		w, err := wdSharedFor(env)
		if err != nil {
			return nil, err
		}
		return abbreviation{w: w}, nil
	})
}

// abbreviation flags the first use of an abbreviation the reply does not
// explain («МКД», «ИПУ», «УК»): a citizen may not know it (п. 2.5 and the
// principle of понятность, п. 1.7). An abbreviation is explained by
// «многоквартирный дом (далее — МКД)», «многоквартирный дом (МКД)» or
// «МКД (многоквартирный дом)» at or before its first use.
type abbreviation struct{ w *wdShared }

var abbreviationMeta = &linter.Meta{
	ID:          "abbreviation",
	Category:    linter.CatAbbreviation,
	Severity:    linter.Warning,
	Description: "Сокращение без расшифровки",
	Explanation: "Гражданин может не знать, что такое МКД, ИПУ или УК. При первом упоминании напишите полностью, " +
		"а сокращение дайте в скобках: «многоквартирный дом (далее — МКД)». Дальше можно писать сокращение. Если " +
		"слово встречается один раз, сокращение не нужно вовсе. Общеизвестные сокращения (РФ, ООО, ЖКХ, ИНН), " +
		"названия в кавычках, имена систем («ГИС ЖКХ») и регистрационные номера («ОГ-3871») не отмечаются. " +
		"В ответе органу власти (профиль official) привычные ведомствам сокращения (КоАП, ОМВД) допустимы, " +
		"остальные отмечаются как замечание.",
	Clause: "п. 2.5, 1.7 (понятность)",
	Examples: []linter.Example{
		{Bad: "Ваш МКД обслуживает управляющая компания.", Good: "Ваш многоквартирный дом (далее — МКД) обслуживает управляющая компания. В МКД 5 подъездов."},
		{Bad: "Показания ИПУ не передавались.", Good: "Показания индивидуального прибора учета (ИПУ) не передавались."},
	},
}

func (abbreviation) Meta() *linter.Meta { return abbreviationMeta }

// abbrList is the abbreviation list by spelling, built once, the
// abbreviations of codes of law among them (see abbrOtherSense), and the
// normal forms of those abbrCandidate takes (see wdListed).
var abbrList struct {
	once  sync.Once
	m     map[string]dict.Abbr
	codes map[string]bool
	norms map[string]bool
}

// abbrLoad returns the list by spelling and the codes of law among it.
func abbrLoad() (map[string]dict.Abbr, map[string]bool) {
	abbrList.once.Do(func() {
		b, _ := dict.LoadBuiltin() // bad lines are left out; see wdShared.get
		if b == nil {
			b = &dict.Builtin{}
		}
		abbrList.m = make(map[string]dict.Abbr, len(b.Abbrs))
		abbrList.codes = map[string]bool{}
		for _, a := range b.Abbrs {
			if _, dup := abbrList.m[a.Abbr]; !dup {
				abbrList.m[a.Abbr] = a // the first, housing, meaning wins
				if strings.Contains(strings.ToLower(a.Expansion), "кодекс") {
					abbrList.codes[a.Abbr] = true
				}
			}
		}
		abbrList.norms = map[string]bool{}
		for w, a := range abbrList.m {
			if a.Kind != dict.KindCommon {
				abbrList.norms[linter.Normalize(w)] = true
			}
		}
	})
	return abbrList.m, abbrList.codes
}

// abbrUse is what the rule learns about one abbreviation in a document.
type abbrUse struct {
	first     int // token of the first use that counts, -1 before any
	count     int
	explained int // token where it is explained, -1 if nowhere
}

func (r abbreviation) Check(c *linter.Context) {
	list, codes := abbrLoad()
	sc := r.w.scan(c.Doc)
	d := c.Doc
	g := &sc.guard
	// Uses by value: the few abbreviations of a reply cost no allocation each.
	uses := map[string]abbrUse{}
	use := func(w string) abbrUse {
		if u, ok := uses[w]; ok {
			return u
		}
		return abbrUse{first: -1, explained: -1}
	}
	explain := func(i int) {
		w := d.TokenText(i)
		if u := use(w); u.explained < 0 || i < u.explained {
			u.explained = i
			uses[w] = u
		}
	}
	for _, i := range sc.dalee {
		if j := abbrAfterDalee(d, int(i)); j >= 0 {
			explain(j)
		}
	}
	var shout abbrLine
	head := abbrLetterhead(d)
	for _, k := range sc.caps { // abbrCandidate holds for them
		i := int(k)
		if i < head || abbrRegNumber(d, i) || shout.shouted(d, i) || g.covers(i, i+1) || abbrOtherSense(d, i, codes) {
			continue
		}
		if abbrExplainedHere(d, i) {
			explain(i)
		}
		w := d.TokenText(i)
		u := use(w)
		if u.first < 0 {
			u.first = i
		}
		u.count++
		uses[w] = u
	}
	for w, u := range uses {
		if u.first < 0 || (u.explained >= 0 && u.explained <= u.first) || c.Options.Allowed(d.Norm(&d.Tokens[u.first])) {
			continue
		}
		a, known := list[w]
		sev := c.Severity()
		if c.Profile == linter.Official {
			if known && a.Kind == dict.KindOfficial {
				continue
			}
			sev = linter.Info
		}
		t := &d.Tokens[u.first]
		if !known {
			c.ReportAs(sev, int(t.Start), int(t.End), "Сокращение „"+w+"“ не расшифровано. При первом упоминании напишите "+
				"полностью, а сокращение дайте в скобках: «… (далее — "+w+")».")
			continue
		}
		full := abbrPlain(a.Expansion)
		sugg := full
		if u.count > 1 {
			sugg = full + " (далее — " + w + ")"
		}
		// The expansion is written in the nominative. An abbreviation does
		// not decline, so its case shows only in the words around it: at a
		// sentence start it is the subject, and the expansion fits as it
		// is; elsewhere («в МКД», «показания ИПУ») the clerk declines it.
		subject := abbrSentenceStart(d, u.first)
		how := "напишите полностью"
		if !subject {
			how = "напишите полностью, в нужной форме"
		}
		msg := "Сокращение „" + w + "“ не расшифровано. "
		if u.count > 1 {
			msg += "При первом упоминании " + how + ": „" + sugg + "“."
		} else {
			msg += "Оно встречается один раз — " + how + ": „" + full + "“."
		}
		if !subject {
			c.ReportAs(sev, int(t.Start), int(t.End), msg)
			continue
		}
		c.ReportAs(sev, int(t.Start), int(t.End), msg, wdUpperFirst(sugg))
	}
}

// abbrSentenceStart reports whether token i is the first word of its
// sentence (after a list number or an opening quote, say).
func abbrSentenceStart(d *linter.Document, i int) bool {
	s := d.SentenceAt(i)
	if s < 0 {
		return false
	}
	for j := d.Sentences[s].First; j < i; j++ {
		if d.Tokens[j].Kind == linter.Word {
			return false
		}
	}
	return true
}

// abbrPlain drops a note in brackets from an expansion: «индивидуальный
// прибор учёта (счётчик в квартире)» → «индивидуальный прибор учёта».
func abbrPlain(s string) string {
	if k := strings.Index(s, " ("); k > 0 {
		return s[:k]
	}
	return s
}

// abbrOtherSense reports an abbreviation of a code of law («ЖК» —
// Жилищный кодекс, «ГК») right before a quoted name: there it is another
// word, «ЖК «Солнечный»» is a housing estate and «ГК «Рассвет»» a group of
// companies, part of a name that everybody reads.
func abbrOtherSense(d *linter.Document, i int, codes map[string]bool) bool {
	if !codes[d.TokenText(i)] {
		return false
	}
	j := abbrSkip(d, i+1, 1, "")
	if j < 0 || d.Tokens[j].Kind != linter.Punct {
		return false
	}
	switch d.TokenText(j) {
	case "«", "„", "\"", "“":
		return true
	}
	return false
}

// abbrCandidate reports an abbreviation: a word of 2–8 Cyrillic capitals,
// maybe hyphenated, without digits (those are codes: «ОГ-3871», «59-ФЗ»),
// or a known abbreviation with capitals inside («КоАП», «СанПиН»).
// Not candidates: common abbreviations, Roman numbers typed in Cyrillic
// («ХХ»), and capitalised ordinary words («ОТВЕТ», «ВНИМАНИЕ»): five or
// more letters that the list does not know, with vowels like a word.
func abbrCandidate(d *linter.Document, t *linter.Token, list map[string]dict.Abbr) bool {
	if t.Flags&(linter.Latin|linter.Digit) != 0 || !t.Is(linter.Cyrillic) {
		return false
	}
	w := d.Text[t.Start:t.End]
	if !t.Is(linter.Upper) {
		a, known := list[w]
		return known && a.Kind != dict.KindCommon
	}
	letters, vowels, roman := 0, 0, true
	for _, r := range w {
		// U+0400–U+045F are all letters: the test of the common case
		// is a comparison, not a search of the Unicode tables.
		if (r < 0x400 || r > 0x45F) && !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch r {
		case 'А', 'Е', 'Ё', 'И', 'О', 'У', 'Ы', 'Э', 'Ю', 'Я':
			vowels++
		}
		if r != 'Х' && r != 'І' {
			roman = false
		}
	}
	if letters < 2 || letters > 8 || roman {
		return false
	}
	a, known := list[w]
	if known {
		return a.Kind != dict.KindCommon
	}
	return letters < 5 || vowels*10 < letters*3
}

// abbrLetterhead returns the end of the letterhead, the sender's name on
// the first line («ГЖИ Астраханской области»): a short line without
// numbers that is neither a sentence nor the whole text. Its abbreviations
// are the sender's design, not the clerk's text; a use in the body still
// counts. 0 when the first line is prose or a heading with a number
// («Ответ на обращение № …»).
func abbrLetterhead(d *linter.Document) int {
	if len(d.Blocks) == 0 {
		return 0
	}
	words, end := 0, d.Blocks[0].Last
	for i := d.Blocks[0].First; i <= end; i++ {
		if i == end || d.Tokens[i].Kind == linter.Newline {
			last := abbrSkip(d, i-1, -1, "")
			if words == 0 || words > 6 || i == len(d.Tokens) || last < 0 ||
				strings.ContainsAny(d.TokenText(last), ".!?…:") {
				return 0 // a sentence, or the whole text, is not a letterhead
			}
			return i
		}
		switch d.Tokens[i].Kind {
		case linter.Number:
			return 0
		case linter.Word:
			words++
		}
	}
	return 0
}

// abbrRegNumber reports letters that are part of a registration number:
// «ЖН/1234», «вх. № ГЖИ-15» split by the tokenizer as «ЖН», «/», «1234»,
// or letters right after «№».
func abbrRegNumber(d *linter.Document, i int) bool {
	if i+2 < len(d.Tokens) && d.Tokens[i+1].Kind == linter.Punct && d.Tokens[i+2].Kind == linter.Number {
		switch d.TokenText(i + 1) {
		case "/", "-", "–", ".", "\\":
			return true
		}
	}
	if p := abbrSkip(d, i-1, -1, ""); p >= 0 && d.TokenText(p) == "№" {
		return true
	}
	return false
}

// abbrAfterDalee returns the abbreviation defined by «далее» at token i:
// «(далее — МКД)», «(далее - МКД)», «(далее МКД)», «(далее по тексту —
// «МКД»)», or -1.
func abbrAfterDalee(d *linter.Document, i int) int {
	words := 0
	for j := i + 1; j < len(d.Tokens) && j < i+12; j++ {
		t := &d.Tokens[j]
		switch t.Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Punct:
			switch d.Text[t.Start:t.End] {
			case "—", "–", "-", ":", "«", "\"", "„", "“":
				continue
			}
			return -1
		case linter.Word:
			if t.Flags&linter.Cyrillic != 0 && (t.Is(linter.Upper) || t.Is(linter.Title) && wdInnerCapital(d.TokenText(j))) {
				return j
			}
			if words++; words > 2 {
				return -1 // «далее по тексту» at most
			}
		default:
			return -1
		}
	}
	return -1
}

// abbrExplainedHere reports whether the abbreviation at token i comes
// with its expansion: «многоквартирный дом (МКД)» or «МКД (многоквартирный
// дом)».
func abbrExplainedHere(d *linter.Document, i int) bool {
	// «… дом (МКД)»: brackets around the abbreviation, maybe quotes too,
	// after a word in small letters.
	open := abbrSkip(d, i-1, -1, "«\"„")
	if open >= 0 && d.TokenText(open) == "(" {
		if cl := abbrSkip(d, i+1, 1, "»\"“”"); cl >= 0 && d.TokenText(cl) == ")" {
			if p := abbrSkip(d, open-1, -1, ""); p >= 0 && d.Tokens[p].Kind == linter.Word && !d.Tokens[p].Is(linter.Upper) {
				return true
			}
		}
	}
	// «МКД (многоквартирный дом)»: a bracket of two or more words in
	// small letters right after it.
	open = abbrSkip(d, i+1, 1, "")
	if open < 0 || d.TokenText(open) != "(" {
		return false
	}
	words := 0
	for j := open + 1; j < len(d.Tokens) && j < open+40; j++ {
		t := &d.Tokens[j]
		switch t.Kind {
		case linter.Word:
			if words == 0 && (t.Is(linter.Upper) || d.Norm(t) == "далее") {
				return false
			}
			words++
		case linter.Number:
			return false
		case linter.Punct:
			if d.TokenText(j) == ")" {
				return words >= 2
			}
		case linter.Newline:
			return false
		}
	}
	return false
}

// abbrSkip walks from token i in direction dir over spaces and the given
// punctuation and returns the first other token, or -1.
func abbrSkip(d *linter.Document, i, dir int, punct string) int {
	for ; i >= 0 && i < len(d.Tokens); i += dir {
		t := &d.Tokens[i]
		if t.Kind == linter.Space {
			continue
		}
		if t.Kind == linter.Punct && punct != "" && strings.Contains(punct, d.TokenText(i)) {
			continue
		}
		return i
	}
	return -1
}

// abbrLine remembers tokens [first, last) of one line and whether the
// line is typed in capitals: candidates come in order, and the next one
// is often on the same line.
type abbrLine struct {
	first, last int
	shout       bool
}

// shouted reports whether token i lies on a line typed in capitals: two
// or more words, all in capital letters («ОТВЕТ НА ОБРАЩЕНИЕ», «ПОРЯДОК
// УТВЕРЖДЕН»). Their words are ordinary words, not abbreviations. Most
// candidates stand in prose: the walk along the line stops at the first
// word in small letters, which is seldom far, instead of reading a whole
// paragraph.
func (l *abbrLine) shouted(d *linter.Document, i int) bool {
	if i >= l.first && i < l.last {
		return l.shout
	}
	small := func(k int) bool {
		t := &d.Tokens[k]
		return t.Kind == linter.Word && !t.Is(linter.Upper)
	}
	if small(i) {
		*l = abbrLine{i, i + 1, false}
		return false
	}
	b := d.BlockAt(int(d.Tokens[i].Start))
	lo, hi := 0, len(d.Tokens)
	if b >= 0 {
		lo, hi = d.Blocks[b].First, d.Blocks[b].Last
	}
	last := i + 1
	for ; last < hi && d.Tokens[last].Kind != linter.Newline; last++ {
		if small(last) {
			*l = abbrLine{i, last + 1, false} // all on the line of a small word
			return false
		}
	}
	first := i
	for ; first > lo && d.Tokens[first-1].Kind != linter.Newline; first-- {
		if small(first - 1) {
			*l = abbrLine{first - 1, last, false}
			return false
		}
	}
	// No word in small letters: the line is shouted if it has two words.
	caps := 0
	for k := first; k < last; k++ {
		if d.Tokens[k].Kind == linter.Word {
			caps++
		}
	}
	*l = abbrLine{first, last, caps >= 2}
	return l.shout
}
