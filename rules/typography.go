package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return typography{}, nil }) }

// typography finds punctuation slips that make a business letter look
// careless (п. 2.5: no punctuation errors, the form of business
// correspondence): straight quotes, a hyphen for a dash, double spaces,
// spaces around punctuation, a repeated word, unbalanced brackets.
// Every finding but an unbalanced bracket or quote carries one exact
// replacement, safe to apply without a person (see package fix).
type typography struct{}

var typographyMeta = &linter.Meta{
	ID:          "typography",
	Category:    linter.CatTypography,
	Severity:    linter.Warning,
	Description: "Типографика: кавычки, тире, пробелы, повторы слов, скобки",
	Explanation: "Небрежная типографика делает ответ похожим на черновик, а Порядок требует писать без " +
		"пунктуационных ошибок и в форме деловой переписки. В русском тексте кавычки — «ёлочки», а кавычки " +
		"внутри кавычек — „лапки“. Между словами ставят тире с пробелами («порядке — с»), в диапазоне чисел — " +
		"короткое тире без пробелов («2020–2026»). Между словами один пробел; перед запятой, точкой, двоеточием, " +
		"восклицательным и вопросительным знаком пробела нет, а после них — есть. Знак № отделяют от числа " +
		"пробелом, три точки заменяют многоточием «…», повтор слова («в в») убирают. Незакрытую скобку или кавычку " +
		"исправьте сами: где её закрыть, решает человек. " +
		"Почти все замены безопасны: их делает команда `yasno fix` (или `yasno check --fix`).",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "Запрос направлен в ООО \"Жилсервис\".", Good: "Запрос направлен в ООО «Жилсервис»."},
		{Bad: "Перерасчет делают в установленном порядке - с участием собственника.",
			Good: "Перерасчет делают с участием собственника — так требуют правила."},
		{Bad: "Показания передают с 20 по 25 число  каждого месяца , без задержек.",
			Good: "Показания передают с 20 по 25 число каждого месяца, без задержек."},
	},
}

func (typography) Meta() *linter.Meta { return typographyMeta }

func (typography) Check(c *linter.Context) { typoCheck(c, false) }

// typoCheck runs the rule. Most tokens (a word, one space between words)
// cannot start a finding, so one pass over a block picks the tokens that
// may, and the checks look at those alone; all makes every token a pick,
// as the checks were first written, so that a test can compare the two.
func typoCheck(c *linter.Context, all bool) {
	s := &typoScan{c: c, d: c.Doc, all: all}
	// The scratch slices are made once, for the largest block: grown
	// block by block, they would be copied again and again.
	n := 0
	for _, b := range c.Doc.Blocks {
		n = max(n, b.Last-b.First)
	}
	s.picks, s.link = make([]int, 0, n), make([]bool, 0, n)
	for bi := range c.Doc.Blocks {
		b := &c.Doc.Blocks[bi]
		if b.First >= b.Last {
			continue
		}
		s.first, s.last = b.First, b.Last
		s.pick()
		s.markLinks()
		s.marks()
		pairs, loose := s.q.done()
		s.quotes(pairs, loose)
		s.brackets()
		s.tokens()
	}
}

// typoScan walks the tokens of one block. Its slices are scratch, reused
// from block to block.
type typoScan struct {
	c           *linter.Context
	d           *linter.Document
	first, last int
	all         bool // pick every token (see typoCheck)
	// picks are the tokens that may start a finding, in order: every
	// mark (punctuation) and the few words, numbers and spaces that
	// tokens must look at.
	picks []int
	// link marks tokens inside a web address or an e-mail: punctuation
	// there follows other rules.
	link []bool
	q    tpQuoter
	// open are the brackets still open, stray the closing ones without
	// a pair (see marks).
	open, stray []int
}

func (s *typoScan) tok(i int) *linter.Token { return &s.d.Tokens[i] }
func (s *typoScan) txt(i int) string        { return s.d.TokenText(i) }
func (s *typoScan) in(i int) bool           { return i >= s.first && i < s.last }

// glued reports whether tokens i and j=i+1 are both visible (not spaces)
// and touch in the text, with no skipped markup between them.
func (s *typoScan) glued(i, j int) bool {
	return s.solid(i) && s.solid(j) && s.d.Tokens[i].End == s.d.Tokens[j].Start
}

func (s *typoScan) isLink(i int) bool { return s.in(i) && s.link[i-s.first] }

// solid reports a token that is neither a space nor a line break.
func (s *typoScan) solid(i int) bool {
	return s.in(i) && s.tok(i).Kind != linter.Space && s.tok(i).Kind != linter.Newline
}

// pick fills s.picks with the tokens of the block that a check may act
// on. It is the one pass over every token, so it tests only what is in
// the token itself and its next two neighbours:
//   - punctuation: quotes, brackets, links and the marks of tokens;
//   - a space unless it is one byte before anything but punctuation
//     (spaces reports nothing there);
//   - a number with a hyphen (numberRange);
//   - a word with digits and Cyrillic letters and no hyphen (gluedUnit)
//     or followed by a space and the same word (repeated).
func (s *typoScan) pick() {
	// Locals, not the fields: appending to s.picks would make the
	// compiler load s.all and the tokens again for every token.
	picks, all := s.picks[:0], s.all
	toks := s.d.Tokens[:s.last]
	for i := s.first; i < len(toks); i++ {
		t := &toks[i]
		keep := all
		switch t.Kind {
		case linter.Punct:
			keep = true
		case linter.Space:
			keep = keep || tpSpacePick(toks, i)
		case linter.Number:
			keep = keep || t.Flags&linter.Hyphen != 0
		case linter.Word:
			keep = keep || t.Flags&(linter.Digit|linter.Cyrillic|linter.Hyphen) == linter.Digit|linter.Cyrillic
			if i+1 == len(toks) || toks[i+1].Kind != linter.Space {
				break
			}
			// Most words are followed by a space: both are read here,
			// the space's neighbours at hand, in one turn of the loop.
			keep = keep || i+2 < len(toks) && toks[i+2].Kind == linter.Word && tpSameNorm(s.d, t, &toks[i+2])
			if keep {
				picks = append(picks, i)
			}
			if i++; all || tpSpacePick(toks, i) {
				picks = append(picks, i)
			}
			continue
		}
		if keep {
			picks = append(picks, i)
		}
	}
	s.picks = picks
}

// tpSpacePick reports whether pick takes space i: spaces reports
// nothing on one byte before anything but punctuation.
func tpSpacePick(toks []linter.Token, i int) bool {
	t := &toks[i]
	return t.End-t.Start > 1 || i+1 < len(toks) && toks[i+1].Kind == linter.Punct
}

// tpSameNorm reports whether two words have the same normal form,
// comparing their numbers when both have one.
func tpSameNorm(d *linter.Document, a, b *linter.Token) bool {
	if a.NormID != 0 && b.NormID != 0 {
		return a.NormID == b.NormID
	}
	return tpSameText(d, a, b)
}

// tpSameText is tpSameNorm for a word without a number: apart, so that
// tpSameNorm is inlined.
func tpSameText(d *linter.Document, a, b *linter.Token) bool { return d.Norm(a) == d.Norm(b) }

// wordLeft returns the start of token i extended over a word glued to its
// left (so that «обращение ,» shows the word); wordRight the same rightwards.
func (s *typoScan) wordLeft(i int) int {
	if s.glued(i-1, i) && s.tok(i-1).IsWordLike() {
		return int(s.tok(i - 1).Start)
	}
	return int(s.tok(i).Start)
}

func (s *typoScan) wordRight(i int) int {
	if s.glued(i, i+1) && s.tok(i+1).IsWordLike() {
		return int(s.tok(i + 1).End)
	}
	return int(s.tok(i).End)
}

var tpDomains = tpSet("ru", "рф", "com", "org", "net", "su", "info", "gov", "рус", "edu", "io", "biz", "pro",
	"online", "site", "москва", "онлайн")

// markLinks finds web addresses and e-mails: runs of glued tokens with
// «@», «://», «www.» or a dot before a top-level domain. Each of these
// has a mark that begins with «.», «:» or «@», so only the runs around
// such marks are read.
func (s *typoScan) markLinks() {
	if n := s.last - s.first; cap(s.link) >= n {
		s.link = s.link[:n]
		clear(s.link)
	} else {
		s.link = make([]bool, n)
	}
	done := s.first // the runs before done are read
	for _, k := range s.picks {
		if k < done || s.tok(k).Kind != linter.Punct {
			continue
		}
		if c := s.d.Text[s.tok(k).Start]; c != '.' && c != ':' && c != '@' && !s.all {
			continue
		}
		i, j := k, k+1
		for s.glued(i-1, i) {
			i--
		}
		for s.solid(j) && s.glued(j-1, j) {
			j++
		}
		done = j
		if s.looksLink(i, j) {
			for k := i; k < j; k++ {
				s.link[k-s.first] = true
			}
		}
	}
}

func (s *typoScan) looksLink(i, j int) bool {
	if j-i < 3 {
		return false // a word with a mark: «дом,», «(8512)»
	}
	text := s.d.Text[s.tok(i).Start:s.tok(j-1).End]
	hasPrefix := func(p string) bool { return len(text) >= len(p) && strings.EqualFold(text[:len(p)], p) }
	if strings.Contains(text, "@") || strings.Contains(text, "://") || hasPrefix("www.") || hasPrefix("mailto:") {
		return true
	}
	for k := i + 1; k+1 < j; k++ {
		if s.txt(k) == "." && s.tok(k-1).IsWordLike() && s.tok(k+1).Kind == linter.Word &&
			tpDomains[s.d.Norm(s.tok(k+1))] && (k+2 == j || s.tok(k+2).Kind != linter.Word) {
			return true
		}
	}
	return false
}

// tokens runs the checks that look at one token and its neighbours, on
// the tokens picked.
func (s *typoScan) tokens() {
	next := s.first // a repeat of a word moves the scan past it
	for _, i := range s.picks {
		if i < next || s.isLink(i) {
			continue
		}
		next = i + 1
		t := s.tok(i)
		switch t.Kind {
		case linter.Space:
			s.spaces(i)
		case linter.Punct:
			switch p := s.txt(i); p {
			case "-":
				s.hyphenDash(i)
			case "...":
				s.c.Report(int(t.Start), int(t.End), "Три точки замените знаком многоточия «…».", "…")
			case "№":
				if s.glued(i, i+1) && s.numberLike(i+1) {
					s.c.Report(int(t.Start), int(s.tok(i+1).End), "Отделите знак № от номера пробелом.", "№ "+s.txt(i+1))
				}
			case ",", ";", ":", "!", "?", ".":
				s.spaceAfter(i, p)
			}
		case linter.Number:
			s.numberRange(i)
		case linter.Word:
			j := s.repeated(i)
			s.gluedUnit(j)
			next = j + 1
		}
	}
}

// numberLike reports a number or a word that starts with a digit:
// «354», «59-ФЗ», «12а».
func (s *typoScan) numberLike(i int) bool {
	t := s.tok(i)
	return t.Kind == linter.Number || t.Kind == linter.Word && s.txt(i)[0] >= '0' && s.txt(i)[0] <= '9'
}

// hyphenDash flags a hyphen standing between spaces where a dash belongs:
// «порядке - с» → «порядке — с»; between two numbers it is a range:
// «20 - 25» → «20–25». A hyphen opening a line is a list marker.
func (s *typoScan) hyphenDash(i int) {
	if !s.in(i-2) || !s.in(i+2) || s.tok(i-1).Kind != linter.Space || s.tok(i+1).Kind != linter.Space {
		return
	}
	l, r := i-2, i+2
	if !s.solid(l) || !s.solid(r) || s.isLink(l) || s.isLink(r) {
		return
	}
	lt, rt := s.tok(l), s.tok(r)
	if lt.Kind == linter.Number && rt.Kind == linter.Number && tpDigits(s.txt(l)) && tpDigits(s.txt(r)) {
		s.c.Report(int(lt.Start), int(rt.End), "В диапазоне чисел ставьте короткое тире «–» без пробелов, а не дефис.",
			s.txt(l)+"–"+s.txt(r))
		return
	}
	if lt.Kind == linter.Punct && strings.Contains("-—–(«„\"", s.txt(l)) {
		return
	}
	d := s.d
	s.c.Report(int(lt.Start), int(rt.End), "Между словами нужно тире «—» с пробелами, а не дефис «-»: дефис пишут только внутри слова («из-за»).",
		d.Text[lt.Start:s.tok(i).Start]+"—"+d.Text[s.tok(i).End:rt.End])
}

// numberRange flags a hyphen in a range of numbers, «2020-2026», which
// takes an en dash. Phone numbers (two hyphens or falling parts), codes
// with leading zeros, numbers after «№» or «тел.» stay as they are.
func (s *typoScan) numberRange(i int) {
	t := s.tok(i)
	text := s.txt(i)
	a, b, ok := strings.Cut(text, "-")
	if !ok || !tpDigits(a) || !tpDigits(b) || len(a) > 4 || len(b) > 4 {
		return
	}
	if (len(a) > 1 && a[0] == '0') || (len(b) > 1 && b[0] == '0') || tpAtoi(a) >= tpAtoi(b) {
		return
	}
	// Glued to anything («7-02-2026/1845», «А12-15», «(8512)12-34»): a code.
	if s.glued(i-1, i) || (s.glued(i, i+1) && !strings.Contains(".,;:!?)»", s.txt(i+1))) {
		return
	}
	for k, n := i-1, 0; k >= s.first && n < 3; k-- {
		if !s.solid(k) {
			continue
		}
		n++
		p := s.tok(k)
		if p.Kind == linter.Punct && (s.txt(k) == "№" || s.txt(k) == ")") {
			return
		}
		if p.Kind == linter.Word {
			switch s.d.Norm(p) {
			case "n", "no", "тел", "телефон", "телефону", "телефона", "т", "факс", "моб", "код", "номер", "номеру", "номера":
				return
			}
			break
		}
	}
	s.c.Report(int(t.Start), int(t.End), "В диапазоне чисел ставьте короткое тире «–» без пробелов, а не дефис.",
		a+"–"+b)
}

// spaces flags double spaces between words and a space before
// punctuation. Indentation, line ends and wide alignment (four spaces or
// more, tabs) are left alone.
func (s *typoScan) spaces(i int) {
	if !s.solid(i-1) || !s.solid(i+1) {
		return
	}
	sp := s.txt(i)
	if len(sp) == 1 && s.tok(i+1).Kind != linter.Punct {
		return // one space between words: the usual case
	}
	next := s.txt(i + 1)
	if s.tok(i+1).Kind == linter.Punct && tpSpaceBeforePunct(next) {
		if s.isLink(i+1) || (next == "." && s.glued(i+1, i+2) && s.tok(i+2).IsWordLike()) {
			return
		}
		if s.glued(i+1, i+2) && (s.txt(i+2) == ")" || s.txt(i+2) == "(") {
			return // a smiley «:)»
		}
		if s.tok(i-1).End != s.tok(i).Start || s.tok(i).End != s.tok(i+1).Start {
			return // markup between (Markdown): the replacement would drop it
		}
		prev := s.tok(i - 1)
		if !prev.IsWordLike() && !strings.Contains("»\"”“)]", s.txt(i-1)) {
			return
		}
		start := s.wordLeft(i - 1)
		s.c.Report(start, int(s.tok(i+1).End), "Перед знаком «"+next+"» пробел не ставят.",
			s.d.Text[start:prev.End]+next)
		return
	}
	if strings.ContainsRune(sp, '\t') {
		return
	}
	n := utf8.RuneCountInString(sp)
	if n < 2 || n > 3 {
		return
	}
	one := " "
	if strings.ContainsRune(sp, '\u00A0') {
		one = "\u00A0"
	}
	start, end := s.wordLeft(i-1), s.wordRight(i+1)
	s.c.Report(start, end, "Между словами лишний пробел: оставьте один.",
		s.d.Text[start:s.tok(i).Start]+one+s.d.Text[s.tok(i).End:end])
}

func tpSpaceBeforePunct(p string) bool {
	switch p {
	case ",", ".", ";", ":", "!", "?":
		return true
	}
	return false
}

// spaceAfter flags punctuation glued to the next word: «Иванов.Далее»,
// «адрес,указанный». Numbers («2,5», «10:30»), initials («И.И.»),
// «т.е.», web addresses and e-mails are not touched.
func (s *typoScan) spaceAfter(i int, p string) {
	if !s.glued(i, i+1) || !s.glued(i-1, i) || s.isLink(i+1) || s.isLink(i-1) {
		return
	}
	next, prev := s.tok(i+1), s.tok(i-1)
	if next.Kind != linter.Word || !prev.IsWordLike() {
		return
	}
	if p == "." {
		if !next.Is(linter.Cyrillic) {
			return
		}
		pl := 0 // letters of the word before: «10кв» has two
		for _, r := range s.d.Norm(prev) {
			if unicode.IsLetter(r) {
				pl++
			}
		}
		if prev.Kind == linter.Word && pl == 1 && prev.Is(linter.Title) {
			return // initials: «А.В.Морозов» is a matter of taste
		}
		if prev.Kind == linter.Word && pl <= 2 && utf8.RuneCountInString(s.d.Norm(next)) <= 2 {
			return // «т.е.», «т.д.», «и.о.», «кв.м»
		}
	} else if next.Flags&(linter.Cyrillic|linter.Latin) == 0 {
		return
	}
	start := s.wordLeft(i)
	end := next.End
	s.c.Report(start, int(end), "После знака «"+p+"» нужен пробел.",
		s.d.Text[start:s.tok(i).End]+" "+s.d.Text[next.Start:end])
}

// repeated flags the same word twice in a row, «в в», and returns the
// index of the last repeat so the scan goes on after it.
func (s *typoScan) repeated(i int) int {
	t := s.tok(i)
	if s.d.Norm(t) == "" || t.Flags&(linter.Cyrillic|linter.Latin) == 0 || t.Is(linter.Digit) {
		return i
	}
	j := i
	for s.in(j+2) && s.tok(j+1).Kind == linter.Space && s.tok(j+2).Kind == linter.Word &&
		s.d.Norm(s.tok(j+2)) == s.d.Norm(t) && s.tok(j+1).End == s.tok(j+2).Start && s.tok(j).End == s.tok(j+1).Start {
		j += 2
	}
	if j == i || tpRedup[s.d.Norm(t)] {
		return i
	}
	s.c.Report(int(t.Start), int(s.tok(j).End), "Слово «"+s.txt(i)+"» повторяется подряд — уберите лишнее.", s.txt(i))
	return j
}

// tpRedup words are doubled on purpose («чуть чуть», «очень очень»);
// a missing hyphen there is not a stray repeat.
var tpRedup = tpSet("чуть", "еле", "едва", "точь", "давным", "много", "очень", "нет", "да", "так", "ну", "ой",
	"ах", "ха", "тук", "кое", "вот")

// tpUnits are written apart from the number: «25 м», «5 кг», «10 кв. м».
// Percent is left alone: both «20%» and «20 %» are in use.
var tpUnits = tpSet("м", "мм", "см", "дм", "км", "кв", "га", "кг", "мг", "г", "т", "л", "мл", "руб", "коп", "тыс",
	"млн", "млрд", "шт", "ч", "час", "часа", "часов", "мин", "сек", "сут", "суток", "мес", "гкал", "квт", "вт", "мвт",
	"куб", "год", "года", "году", "лет", "дня", "дней", "рублей", "рубля", "рубль", "градусов", "градуса")

// tpPlaceWords precede house and flat numbers, where a letter after the
// digits is part of the number: «д. 5г», «кв. 12м».
var tpPlaceWords = tpSet("д", "дом", "дома", "доме", "кв", "квартира", "квартиры", "квартире", "корп", "корпус",
	"стр", "строение", "лит", "литера", "пом", "помещение", "оф", "офис", "каб", "кабинет", "уч", "участок", "п", "пункт",
	"ст", "статья", "статьи", "ч", "часть")

// gluedUnit flags a unit glued to a number: «25м», «10кв.м», «2026г».
func (s *typoScan) gluedUnit(i int) {
	t := s.tok(i)
	if !t.Is(linter.Digit) || !t.Is(linter.Cyrillic) || t.Is(linter.Hyphen) {
		return
	}
	text := s.txt(i)
	k := strings.IndexFunc(text, unicode.IsLetter)
	if k <= 0 {
		return
	}
	num, unit := text[:k], text[k:]
	low := strings.ToLower(unit)
	if !tpDigitsSep(num) || !tpUnits[low] || (low != unit && utf8.RuneCountInString(unit) == 1) {
		return
	}
	if s.glued(i-1, i) {
		return
	}
	for k := i - 1; k >= s.first && k >= i-8; k-- {
		if !s.solid(k) || s.txt(k) == "." {
			continue
		}
		if s.txt(k) == "№" || (s.tok(k).Kind == linter.Word && tpPlaceWords[s.d.Norm(s.tok(k))]) {
			return
		}
		break
	}
	s.c.Report(int(t.Start), int(t.End), "Отделите единицу измерения от числа пробелом: «"+num+" "+unit+"».", num+" "+unit)
}

// quotes reports wrongly drawn quote pairs and quotes without a pair.
func (s *typoScan) quotes(pairs []tpQuotePair, loose []int) {
	d := s.d
	collapsed := s.collapsed(pairs, loose)
	for k, p := range pairs {
		wantO, wantC := "«", "»"
		if p.depth > 0 {
			wantO, wantC = "„", "“"
		}
		shared := collapsed[k]
		if shared {
			wantC += "»"
		}
		gotO, gotC := s.txt(p.open), s.txt(p.close)
		if gotO == wantO && gotC == wantC {
			continue
		}
		msg := "Прямые кавычки \"…\" замените на «ёлочки»: так принято в русском деловом письме."
		switch {
		case shared:
			msg = "Кавычки внутри кавычек пишут „лапками“, и внешние кавычки тоже закрывают: «УК „Восток“»."
		case p.depth > 0:
			msg = "Кавычки внутри кавычек пишут „лапками“: «закон „О защите прав“»."
		case gotO == "„" && gotC == "“":
			msg = "„Лапки“ ставят только внутри других кавычек; снаружи — «ёлочки»."
		case gotO == "“" || gotC == "”":
			msg = "Английские кавычки “…” замените на «ёлочки»."
		}
		o, c := s.tok(p.open), s.tok(p.close)
		inner := d.Text[o.End:c.Start]
		if !strings.ContainsAny(inner, "\r\n") && utf8.RuneCountInString(inner) <= 60 {
			s.c.Report(int(o.Start), int(c.End), msg, wantO+inner+wantC)
			continue
		}
		// A long quotation: fix each mark with the word next to it.
		if gotO != wantO {
			end := s.wordRight(p.open)
			s.c.Report(int(o.Start), end, msg, wantO+d.Text[o.End:end])
		}
		if gotC != wantC {
			start := s.wordLeft(p.close)
			s.c.Report(start, int(c.End), msg, d.Text[start:c.Start]+wantC)
		}
	}
	for _, i := range loose {
		if collapsed[-1-i] {
			continue
		}
		t := s.tok(i)
		q := s.txt(i)
		opens := tpIsOpenQuote(q) || q != "»" && q != "”" && s.glued(i, i+1) && !s.glued(i-1, i)
		if opens {
			s.c.Report(int(t.Start), s.wordRight(i), "Кавычка открыта, но не закрыта. Закройте её или уберите.")
		} else {
			s.c.Report(s.wordLeft(i), int(t.End), "Закрывающая кавычка без открывающей. Поставьте открывающую или уберите эту.")
		}
	}
}

// collapsed finds «УК «Восток»: an opening quote never closed whose
// inner quotes end the block, the closing marks run together. The inner
// pair (by index) then gets „…“» and the opening quote is not reported
// on its own (key -1-token). The pairs are found by their opening quote,
// so that a block of many unclosed quotes and many pairs costs no more
// than the two.
func (s *typoScan) collapsed(pairs []tpQuotePair, loose []int) map[int]bool {
	var out map[int]bool
	var byOpen map[int]int // pairs by their opening quote, made at the first loose «
	for _, l := range loose {
		if s.txt(l) != "«" {
			continue
		}
		if byOpen == nil {
			byOpen = make(map[int]int, len(pairs))
			for k, p := range pairs {
				byOpen[p.open] = k // a quote opens one pair at most
			}
		}
		k, ok := byOpen[s.nextQuote(l+1)]
		if !ok || pairs[k].depth == 0 || s.nextQuote(pairs[k].close+1) >= 0 {
			continue
		}
		if out == nil {
			out = map[int]bool{}
		}
		out[k], out[-1-l] = true, true
	}
	return out
}

// nextQuote returns the first quote mark from token i on, or -1.
func (s *typoScan) nextQuote(i int) int {
	for ; i < s.last; i++ {
		if s.tok(i).Kind == linter.Punct && !s.isLink(i) && strings.Contains("«»„“”\"", s.txt(i)) {
			return i
		}
	}
	return -1
}

func tpIsOpenQuote(q string) bool { return q == "«" || q == "„" }

// marks follows the quotes and the round brackets of the block in one
// pass over the marks picked: the quotes go to s.q, the brackets left
// without a pair to s.open and s.stray, for quotes and brackets to report.
// «1)» and «а)» opening a list item and smileys are not brackets.
func (s *typoScan) marks() {
	s.q.reset()
	s.open, s.stray = s.open[:0], s.stray[:0]
	for _, i := range s.picks {
		t := s.tok(i)
		if t.Kind != linter.Punct || s.isLink(i) {
			continue
		}
		switch c := s.d.Text[t.Start]; c {
		case '(', ')':
			s.bracket(i)
		case '"', 0xC2, 0xE2: // the first bytes of the quote marks (see tpQuoter.mark)
			s.q.mark(s.d, i, s.first, s.last, s.link)
		}
	}
}

// bracket takes the punctuation token i, which starts with a bracket.
func (s *typoScan) bracket(i int) {
	switch s.txt(i) {
	case "(":
		if s.glued(i-1, i) && (s.txt(i-1) == ":" || s.txt(i-1) == ";") {
			return
		}
		s.open = append(s.open, i)
	case ")":
		if n := len(s.open); n > 0 {
			s.open = s.open[:n-1]
			return
		}
		if s.glued(i-1, i) && (s.txt(i-1) == ":" || s.txt(i-1) == ";") {
			return
		}
		if s.glued(i-1, i) && s.isListMark(i-1) {
			return
		}
		s.stray = append(s.stray, i)
	}
}

// brackets reports the round brackets without a pair that marks found.
func (s *typoScan) brackets() {
	for _, i := range s.stray {
		s.c.Report(s.wordLeft(i), int(s.tok(i).End), "Закрывающая скобка без открывающей. Поставьте открывающую или уберите эту.")
	}
	for _, i := range s.open {
		s.c.Report(int(s.tok(i).Start), s.wordRight(i), "Скобка открыта, но не закрыта. Закройте её или уберите.")
	}
}

// isListMark reports «1» or «а» standing alone before «)»: «1) …», «а) …».
func (s *typoScan) isListMark(i int) bool {
	t := s.tok(i)
	if s.glued(i-1, i) {
		return false
	}
	if t.Kind == linter.Number {
		return true // «1)», «1.1)»
	}
	if t.Kind != linter.Word {
		return false
	}
	return utf8.RuneCountInString(s.d.Norm(t)) == 1 || strings.Trim(s.txt(i), "IVXLC") == "" // «а)», «IV)»
}

// tpQuotePair is a matched opening and closing quote, as token indices;
// depth is how many quotes enclose the pair.
type tpQuotePair struct {
	open, close int
	depth       int
}

// quote families: which closing mark ends which opening one.
const (
	tpqStraight = iota + 1
	tpqGuillemet
	tpqLow     // „ … “
	tpqEnglish // “ … ”
)

type tpOpenQuote struct{ tok, family int }

// tpQuotes pairs the quote marks of tokens [first, last): ёлочки, лапки,
// English and straight quotes, the latter told apart as opening or
// closing by their neighbours. It returns the pairs and the marks left
// without a pair. link marks tokens to skip (nil: none). Apostrophes are
// not quotes; a straight quote glued after a number with nothing open is
// an inch mark.
func tpQuotes(d *linter.Document, first, last int, link []bool) (pairs []tpQuotePair, loose []int) {
	var q tpQuoter
	for i := first; i < last; i++ {
		q.mark(d, i, first, last, link)
	}
	return q.done()
}

// tpQuoter pairs quote marks fed to it one by one, in order (see
// tpQuotes). Its slices are reused after reset.
type tpQuoter struct {
	stack    []tpOpenQuote
	straight int // straight quotes open on the stack
	pairs    []tpQuotePair
	loose    []int
}

func (q *tpQuoter) reset() {
	q.stack, q.straight, q.pairs, q.loose = q.stack[:0], 0, q.pairs[:0], q.loose[:0]
}

// mark takes token i of the block [first, last) if it is a quote mark.
func (q *tpQuoter) mark(d *linter.Document, i, first, last int, link []bool) {
	t := &d.Tokens[i]
	if t.Kind != linter.Punct || (link != nil && link[i-first]) {
		return
	}
	// Every quote mark begins with one of these bytes: " « » „ “ ”.
	if c := d.Text[t.Start]; c != '"' && c != 0xC2 && c != 0xE2 {
		return
	}
	switch d.TokenText(i) {
	case "«":
		q.stack = append(q.stack, tpOpenQuote{i, tpqGuillemet})
	case "„":
		q.stack = append(q.stack, tpOpenQuote{i, tpqLow})
	case "»":
		q.close(i, tpqGuillemet, 0)
	case "”":
		q.close(i, tpqEnglish, tpqLow)
	case "“":
		if len(q.stack) > 0 && q.stack[len(q.stack)-1].family == tpqLow {
			q.close(i, tpqLow, 0)
		} else {
			q.stack = append(q.stack, tpOpenQuote{i, tpqEnglish})
		}
	case "\"":
		role := tpStraightRole(d, i, first, last)
		if role == tpRoleClose && i > first && d.Tokens[i-1].Kind == linter.Number &&
			d.Tokens[i-1].End == d.Tokens[i].Start && q.straight == 0 {
			return // 3/4" — inches
		}
		if role == tpRoleEither {
			role = tpRoleOpen
			if q.straight > 0 {
				role = tpRoleClose
			}
		}
		if role == tpRoleOpen {
			q.straight++
			q.stack = append(q.stack, tpOpenQuote{i, tpqStraight})
		} else {
			q.close(i, tpqStraight, 0)
		}
	}
}

// close pairs the closing mark i with the nearest open quote of family
// f or g (0: none).
func (q *tpQuoter) close(i, f, g int) {
	stack := q.stack
	k := -1
	// Quotes nest a few levels deep; a longer search only feeds on junk.
	for j := len(stack) - 1; j >= 0 && j >= len(stack)-tpMaxNest; j-- {
		if fam := stack[j].family; fam == f || fam == g && g != 0 {
			k = j
			break
		}
	}
	if k < 0 {
		if len(stack) == 0 {
			q.loose = append(q.loose, i)
			return
		}
		k = len(stack) - 1 // a mismatched pair: «текст"
	}
	for _, o := range stack[k:] {
		if o.family == tpqStraight {
			q.straight--
		}
		if o.tok != stack[k].tok {
			q.loose = append(q.loose, o.tok)
		}
	}
	q.pairs = append(q.pairs, tpQuotePair{open: stack[k].tok, close: i, depth: k})
	q.stack = stack[:k]
}

// done ends the block: quotes still open are loose.
func (q *tpQuoter) done() (pairs []tpQuotePair, loose []int) {
	for _, o := range q.stack {
		q.loose = append(q.loose, o.tok)
	}
	q.stack = q.stack[:0]
	return q.pairs, q.loose
}

// tpMaxNest bounds how deep a closing quote looks for its opening one.
const tpMaxNest = 8

const (
	tpRoleEither = iota
	tpRoleOpen
	tpRoleClose
)

// tpStraightRole tells an opening straight quote from a closing one: an
// opening quote has a space (or an opening bracket, dash, line start)
// before it and a word after; a closing one the other way round.
func tpStraightRole(d *linter.Document, i, first, last int) int {
	before := tpSideOf(d, i, -1, first, last)
	after := tpSideOf(d, i, +1, first, last)
	switch {
	case before == tpSideOpen && after == tpSideWord:
		return tpRoleOpen
	case before == tpSideWord && after == tpSideOpen:
		return tpRoleClose
	}
	return tpRoleEither
}

const (
	tpSideOpen = iota // space, line edge, bracket, punctuation: a quote may open or close here
	tpSideWord        // a word, number or closing mark glued to the quote
)

// tpSideOf classifies what touches token i on one side, looking through
// other straight quotes («""Закон»).
func tpSideOf(d *linter.Document, i, dir, first, last int) int {
	for step := 0; step < 4; step++ {
		j := i + dir
		if j < first || j >= last {
			return tpSideOpen
		}
		a, b := &d.Tokens[i], &d.Tokens[j]
		if dir < 0 && b.End != a.Start || dir > 0 && a.End != b.Start {
			return tpSideOpen
		}
		switch b.Kind {
		case linter.Word, linter.Number:
			return tpSideWord
		case linter.Punct:
			t := d.TokenText(j)
			if t == "\"" {
				i = j
				continue
			}
			if dir < 0 && strings.Contains(".,;:!?)]»…", t) {
				return tpSideWord // «слово." — the quote closes
			}
			if dir > 0 && strings.Contains("(«„", t) {
				return tpSideWord // "«…" — the quote opens
			}
			return tpSideOpen
		}
		return tpSideOpen
	}
	return tpSideOpen
}

func tpDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tpDigitsSep reports digits with inner decimal separators: «2,5», «10».
func tpDigitsSep(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' || s[len(s)-1] < '0' || s[len(s)-1] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != ',' && s[i] != '.' {
			return false
		}
	}
	return true
}

// tpAtoi reads a short run of ASCII digits (callers check isDigits).
func tpAtoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// tpSet makes a lookup set of words.
func tpSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
