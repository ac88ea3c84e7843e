package rules

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

// Word tests. The document-level rules ask dozens of questions about
// every word: is it a month, a completion verb, a modal, the first word
// of a vague phrase. Most are prefix lists, and asking them word by word
// made these rules the slowest part of a check. The answer depends on the
// normal form alone, so each test runs once per distinct word in the
// life of the process: the answers are kept as bits, and a word's class
// (which set of bits it has) in a table indexed by Token.NormID.

// wordTest is one test: a bit of wtBits.
type wordTest uint16

// wtBits holds the answers of every test for one word.
type wtBits [4]uint64

func (b *wtBits) has(t wordTest) bool { return b[t>>6]&(1<<(t&63)) != 0 }

// any reports whether the word passes one of the tests of mask.
func (b *wtBits) any(mask *wtBits) bool {
	return b[0]&mask[0]|b[1]&mask[1]|b[2]&mask[2]|b[3]&mask[3] != 0
}

// all reports whether the word passes every test of mask.
func (b *wtBits) all(mask *wtBits) bool {
	return b[0]&mask[0] == mask[0] && b[1]&mask[1] == mask[1] && b[2]&mask[2] == mask[2] && b[3]&mask[3] == mask[3]
}

// or adds the answers of c to b.
func (b *wtBits) or(c *wtBits) {
	b[0] |= c[0]
	b[1] |= c[1]
	b[2] |= c[2]
	b[3] |= c[3]
}

// wtTests are the test functions by bit. They are added only while the
// package initialises, before any word is tested.
var wtTests []func(n string) bool

// newTest registers a test of a word's normal form.
func newTest(f func(n string) bool) wordTest {
	if len(wtTests) >= len(wtBits{})*64 {
		panic("rules: too many word tests; enlarge wtBits")
	}
	wtTests = append(wtTests, f)
	return wordTest(len(wtTests) - 1)
}

// wtWord is a test that the word is one of ws.
func wtWord(ws ...string) wordTest {
	set := tpSet(ws...)
	return newTest(func(n string) bool { return set[n] })
}

// wtPrefix is a test that the word begins with one of ps.
func wtPrefix(ps ...string) wordTest {
	return newTest(func(n string) bool { return dsHasPrefix(n, ps) })
}

// wtMask makes a mask of tests for wtBits.any.
func wtMask(ts ...wordTest) *wtBits {
	var m wtBits
	for _, t := range ts {
		m[t>>6] |= 1 << (t & 63)
	}
	return &m
}

// The answers of a word are kept as its class: the index of its set of
// answers among the distinct sets seen so far. There are a few hundred
// such sets, and most words share the empty one, class 0, so the table by
// NormID holds no pointers and a document's words fit a []uint32.

var (
	// wtClasses holds class+1 by NormID; 0 is not computed yet.
	wtClasses dict.Facts
	// wtSets holds the sets by class. It only grows: a class, once given
	// out, stays valid in every later snapshot.
	wtSets   atomic.Pointer[[]wtBits]
	wtSetsMu sync.Mutex // taken only to add a set
	// wtSetIDs holds the classes by set. It is copied on each addition, so
	// a reader needs no lock: words past the stem cache's bound (NormID 0)
	// look their set up here on every check.
	wtSetIDs atomic.Pointer[map[wtBits]uint32]
)

// Two classes are fixed. Class 0 is the empty set: the words that pass
// no test, and the empty word, which tokens that are not words get, as
// do places before the first or after the last word of a sentence
// (TestWtNone holds that it passes no test). Numbers pass no test
// either, but have a class of their own, so that a rule tells them from
// words by the class alone (see dsSent).
const (
	wtPlainClass uint32 = iota
	wtNumClass
)

func init() {
	wtIntern(wtBits{})
	// Not interned: a word that passes no test is plain, not a number.
	sets := append(wtSnapshot(), wtBits{})
	wtSets.Store(&sets)
}

// wtCompute runs every test on a normal form.
func wtCompute(n string) wtBits {
	var b wtBits
	for i, f := range wtTests {
		if f(n) {
			b[i>>6] |= 1 << (i & 63)
		}
	}
	return b
}

// wtIntern returns the class of a set of answers, giving it a new one
// if the set is new.
func wtIntern(b wtBits) uint32 {
	if ids := wtSetIDs.Load(); ids != nil {
		if c, ok := (*ids)[b]; ok {
			return c
		}
	}
	wtSetsMu.Lock()
	defer wtSetsMu.Unlock()
	var ids map[wtBits]uint32
	if p := wtSetIDs.Load(); p != nil {
		ids = *p
	}
	if c, ok := ids[b]; ok {
		return c // added while this caller waited for the lock
	}
	var sets []wtBits
	if p := wtSets.Load(); p != nil {
		sets = *p
	}
	// Appending in place is safe: readers never look past the length of
	// the snapshot they hold.
	sets = append(sets, b)
	wtSets.Store(&sets)
	c := uint32(len(sets) - 1)
	next := maps.Clone(ids)
	if next == nil {
		next = map[wtBits]uint32{}
	}
	next[b] = c
	wtSetIDs.Store(&next)
	return c
}

// wtSnapshot returns the sets by class: every class given out before
// the call is inside it.
func wtSnapshot() []wtBits { return *wtSets.Load() }

// wtClassOf returns the class of a token's answers.
func wtClassOf(d *linter.Document, t *linter.Token) uint32 {
	if v := wtClasses.Get(t.NormID); v != 0 { // never set for NormID 0
		return uint32(v - 1)
	}
	return wtClassNew(d, t)
}

// wtClassNew computes the class of a word not seen before, or of one
// past the stem cache's bound (NormID 0).
func wtClassNew(d *linter.Document, t *linter.Token) uint32 {
	id := t.NormID
	if id == 0 {
		if d.Norm(t) == "" {
			return wtPlainClass
		}
		return wtIntern(wtCompute(d.Norm(t)))
	}
	c := wtIntern(wtCompute(d.Norm(t)))
	wtClasses.Set(id, uint64(c)+1)
	return c
}

// wtOf returns the answers for a token.
func wtOf(d *linter.Document, t *linter.Token) *wtBits {
	c := wtClassOf(d, t)
	return &wtSnapshot()[c]
}

// This file holds what the document-level rules (executor, outcome,
// vague) share: lines as token ranges, where the greeting and the closing
// part are, phone numbers, and dates and terms inside a sentence. Every
// helper walks the tokens once; nothing is searched for again in the text.

// dsLine is one non-empty line of a block as a token range without the
// line break and the spaces around it.
type dsLine struct {
	First, Last int // Tokens[First:Last]
	Words       int // word and number tokens
}

// dsLines cuts the blocks into lines. The rules of a check share the
// result: callers must not change it.
func dsLines(d *linter.Document) []dsLine { return dsLineIndexOf(d).lines }

// dsHasPrefix reports whether n begins with one of ps.
func dsHasPrefix(n string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// dsSpan returns the byte span of a line.
func dsSpan(d *linter.Document, l dsLine) (int, int) {
	return int(d.Tokens[l.First].Start), int(d.Tokens[l.Last-1].End)
}

// dsFirstWord returns the first word or number token of a line, or -1.
func dsFirstWord(d *linter.Document, l dsLine) int {
	for i := l.First; i < l.Last; i++ {
		if d.Tokens[i].IsWordLike() {
			return i
		}
	}
	return -1
}

// dsNextWord returns the first word or number token in (i, last), or -1.
func dsNextWord(d *linter.Document, i, last int) int {
	for j := i + 1; j < last; j++ {
		if d.Tokens[j].IsWordLike() {
			return j
		}
	}
	return -1
}

// dsGreetingLimit is how many lines from the top may hold the greeting.
const dsGreetingLimit = 15

// dsGreeting returns the index of the greeting line («Уважаемая Анна
// Сергеевна!», «Здравствуйте, Ирина!», «Добрый день!») or -1. The body of
// the reply begins after it.
func dsGreeting(d *linter.Document, lines []dsLine) int {
	for i := 0; i < len(lines) && i < dsGreetingLimit; i++ {
		w := dsFirstWord(d, lines[i])
		if w < 0 {
			continue
		}
		n := d.Norm(&d.Tokens[w])
		if strings.HasPrefix(n, "уважаем") || strings.HasPrefix(n, "здравств") || n == "приветствуем" {
			return i
		}
		if n == "добрый" || n == "доброе" {
			if nx := dsNextWord(d, w, lines[i].Last); nx >= 0 {
				switch d.Norm(&d.Tokens[nx]) {
				case "день", "вечер", "утро":
					return i
				}
			}
		}
	}
	return -1
}

// dsTitleStems begin a position title that opens a signature:
// «Руководитель службы», «Заместитель руководителя», «Начальник отдела»,
// «Главный специалист», «И.о. руководителя», «Врио начальника». Short
// abbreviations («зам.», «нач.») must match whole, so that surnames such
// as «Замятина» are not taken for titles.
var dsTitleStems = []string{"руководител", "заместител", "начальник", "директор", "председател",
	"специалист", "инспектор", "консультант", "уполномоченн", "исполняющ", "советник", "референт",
	"эксперт", "министр", "губернатор"}

var dsTitleWords = map[string]bool{"зам": true, "нач": true, "врио": true, "глава": true}

// dsIsTitleWord reports a word that names a position.
func dsIsTitleWord(norm string) bool {
	if dsTitleWords[norm] {
		return true
	}
	for _, s := range dsTitleStems {
		if strings.HasPrefix(norm, s) {
			return true
		}
	}
	return false
}

// dsShortLine is the longest line (in words) of a closing part: the
// executor line with a position, a name and a phone still fits.
const dsShortLine = 16

// dsSignatureLine reports a line that opens a signature: a position
// title at its start («Руководитель службы», «И.о. начальника отдела»)
// or «С уважением».
func dsSignatureLine(d *linter.Document, l dsLine) bool {
	if l.Words > 12 {
		return false
	}
	w := dsFirstWord(d, l)
	if w < 0 {
		return false
	}
	n := d.Norm(&d.Tokens[w])
	nx := dsNextWord(d, w, l.Last)
	next := ""
	if nx >= 0 {
		next = d.Norm(&d.Tokens[nx])
	}
	switch {
	case n == "с" && next == "уважением":
		return true
	case n == "и" && next == "о": // «И.о. руководителя»
		return true
	case dsEndsSentence(d, l):
		// «Начальник отдела проверит дом.» is prose, not a signature.
		return false
	case strings.HasPrefix(n, "главн") || strings.HasPrefix(n, "ведущ") || strings.HasPrefix(n, "старш"):
		// «Главный специалист», «Ведущий консультант»: an adjective
		// before the position itself.
		return nx >= 0 && dsIsTitleWord(next)
	}
	return dsIsTitleWord(n) && d.Tokens[w].Is(linter.Title)
}

// dsEndsSentence reports a line that ends with . ! or ? other than the dot
// of an initial («Соколова Е.Г.»).
func dsEndsSentence(d *linter.Document, l dsLine) bool {
	last := l.Last - 1
	p := d.TokenText(last)
	if d.Tokens[last].Kind != linter.Punct || (p != "." && p != "!" && p != "?") {
		return false
	}
	if p == "." && last > l.First {
		prev := &d.Tokens[last-1]
		if prev.Kind == linter.Word && utf8.RuneCountInString(d.Norm(prev)) == 1 {
			return false
		}
	}
	return true
}

// dsClosing finds the closing part of a reply, which follows the body:
// the signature and what comes after it (the executor, a footer). It
// returns the index of the first closing line (len(lines) when there is
// none) and the signature line (or -1). The signature is the first line
// after the greeting that opens a signature and is followed only by
// short lines. Without a signature the closing is the trailing run of
// contact lines (an executor mark, a name, a phone).
func dsClosing(d *linter.Document, lines []dsLine, from int) (start, sig int) {
	// shortFrom is the first index from which every line is short.
	shortFrom := len(lines)
	for shortFrom > from && lines[shortFrom-1].Words <= dsShortLine {
		shortFrom--
	}
	first := max(from, shortFrom)
	if from == 0 {
		// No greeting: the header may hold a title too («Заместителю
		// прокурора района»), so look only in the second half.
		first = max(first, len(lines)/2)
	}
	for i := first; i < len(lines); i++ {
		if dsSignatureLine(d, lines[i]) {
			return i, i
		}
	}
	start = len(lines)
	for start > from && dsContactLine(d, lines[start-1]) {
		start--
	}
	return start, -1
}

// dsContactLine reports a line that belongs to an executor mark: it opens
// with an executor label, holds a phone number, or is only a name.
func dsContactLine(d *linter.Document, l dsLine) bool {
	if l.Words > dsShortLine {
		return false
	}
	if dsLabelEnd(d, l) >= 0 {
		return true
	}
	if len(dsPhones(d, l.First, l.Last, nil)) > 0 {
		return true
	}
	r := dsBestName(d, l.First, l.Last)
	return r.kind != nameNone && r.onlyName
}

// dsLabelEnd returns the token index just past an executor label at the
// start of the line («Исполнитель:», «Исп.», «Исп.:», «Ответственный
// исполнитель», «Отв. исп.»), or -1 when the line has none.
func dsLabelEnd(d *linter.Document, l dsLine) int {
	w := dsFirstWord(d, l)
	if w < 0 || w != l.First {
		return -1
	}
	n := d.Norm(&d.Tokens[w])
	end := w + 1
	switch n {
	case "исполнитель", "исп", "исп-ль":
	case "ответственный", "отв":
		nx := dsNextWord(d, w, l.Last)
		if nx < 0 || !strings.HasPrefix(d.Norm(&d.Tokens[nx]), "исп") {
			return -1
		}
		end = nx + 1
	default:
		return -1
	}
	// Skip the dot, colon or dash after the label.
	for end < l.Last {
		t := &d.Tokens[end]
		if t.Kind == linter.Space {
			end++
			continue
		}
		if t.Kind == linter.Punct {
			switch d.TokenText(end) {
			case ".", ":", "-", "—", "–", ",":
				end++
				continue
			}
		}
		break
	}
	// «Исполнитель работ — ООО …» is prose, not a label: a label is
	// followed by a capital letter, a name, a phone or nothing.
	if end < l.Last {
		t := &d.Tokens[end]
		if t.Kind == linter.Word && !t.Is(linter.Title) && !dsIsTitleWord(d.Norm(t)) && !dsPhoneWords[d.Norm(t)] &&
			!dsHasPrefix(d.Norm(t), []string{"главн", "ведущ", "старш"}) {
			return -1
		}
	}
	return end
}

// dsPhone is a phone number found in the text: bytes [Start, End).
type dsPhone struct {
	Start, End int
	Local      bool // no city or mobile code: 51-27-33
}

// dsPhoneWords are words that announce a phone number.
var dsPhoneWords = map[string]bool{"тел": true, "т": true, "телефон": true, "телефона": true,
	"телефону": true, "телефоны": true, "факс": true, "моб": true, "сот": true, "тел/факс": true}

// dsPhones appends to out the phone numbers in tokens [first, last):
// «8 (8512) 51-23-47», «+7 8512 512347», «+7 (927) 123-45-67» (full) and
// «51-27-33», «тел. 44-18-20» (local). Dates and amounts are not phones.
func dsPhones(d *linter.Document, first, last int, out []dsPhone) []dsPhone {
	i := first
	for i < last {
		t := &d.Tokens[i]
		startsRun := t.Kind == linter.Number ||
			(t.Kind == linter.Punct && (d.TokenText(i) == "+" || d.TokenText(i) == "(") && i+1 < last && d.Tokens[i+1].Kind == linter.Number)
		if !startsRun {
			i++
			continue
		}
		j, lastNum := i, -1
		digits, numbers, bad, grouped := 0, 0, false, false
		for j < last {
			tj := &d.Tokens[j]
			switch tj.Kind {
			case linter.Number:
				s := d.TokenText(j)
				if strings.ContainsAny(s, ".,") {
					bad = true
				}
				if dsLocalGroups(s) {
					grouped = true
				}
				for k := 0; k < len(s); k++ {
					if s[k] >= '0' && s[k] <= '9' {
						digits++
					}
				}
				numbers++
				lastNum = j
				j++
				continue
			case linter.Space:
				j++
				continue
			case linter.Punct:
				if strings.Contains("()-–+", d.TokenText(j)) {
					j++
					continue
				}
			}
			break
		}
		if lastNum < 0 {
			i = j + 1
			continue
		}
		end := d.Tokens[lastNum].End
		if lastNum+1 < last && d.TokenText(lastNum+1) == ")" {
			end = d.Tokens[lastNum+1].End
		}
		if !bad {
			switch {
			case digits >= 10 && digits <= 12:
				out = append(out, dsPhone{Start: int(t.Start), End: int(end)})
			case digits >= 5 && digits <= 7 && (grouped || (numbers >= 3 && digits == 6) || dsAfterPhoneWord(d, i, first)):
				out = append(out, dsPhone{Start: int(t.Start), End: int(end), Local: true})
			}
		}
		i = lastNum + 1
	}
	return out
}

// dsLocalGroups reports a number written as a local phone: «51-27-33»,
// «5-12-34», «512-34-56»: the last two groups have two digits.
func dsLocalGroups(s string) bool {
	// The groups are the runs between hyphens or dashes, empty runs left
	// out; only the first and the last two matter.
	groups, first, prev, last := 0, 0, 0, 0
	start := -1
	field := func(end int) {
		if start < 0 {
			return
		}
		if groups == 0 {
			first = end - start
		}
		prev, last = last, end-start
		groups++
		start = -1
	}
	for i, r := range s {
		if r == '-' || r == '–' {
			field(i)
		} else if start < 0 {
			start = i
		}
	}
	field(len(s))
	return groups >= 3 && last == 2 && prev == 2 && first <= 3
}

// dsAfterPhoneWord reports «тел.», «т.», «телефон» just before token i.
func dsAfterPhoneWord(d *linter.Document, i, first int) bool {
	for j, seen := i-1, 0; j >= first && seen < 4; j-- {
		t := &d.Tokens[j]
		switch t.Kind {
		case linter.Space, linter.Punct:
			seen++
			continue
		case linter.Word:
			return dsPhoneWords[d.Norm(t)]
		}
		return false
	}
	return false
}

// dsTerm says which kinds of date or term a sentence holds.
type dsTerm uint8

const (
	dsDate     dsTerm = 1 << iota // a point in time: 15.12.2026, 15 декабря, в декабре, в среду, завтра
	dsDeadline                    // до 15.12.2026, не позднее …, к 1 декабря, до конца месяца
	dsPeriod                      // в течение 10 рабочих дней, через неделю
	dsDay                         // the point is a day: 15.12.2026, 15 декабря, в среду, завтра (not «в 2027 году», «в мае»)
)

// dsMonthStems are the month names as prefixes of their forms.
var dsMonthStems = []string{"январ", "феврал", "март", "апрел", "июн", "июл", "август", "сентябр",
	"октябр", "ноябр", "декабр"}

// Word tests of dates and terms (see wordTest).
var (
	wtMonth       = newTest(dsIsMonth)
	wtMonthChisla = newTest(func(n string) bool { return dsIsMonth(n) || n == "числа" })
	wtYearWord    = wtPrefix("год")
	// wtPointWord is a word that is a point in time by itself: a month, a
	// weekday other than «среда», «завтра».
	wtPointWord = newTest(func(n string) bool {
		return dsIsMonth(n) || dsWeekdayWord(n) || n == "завтра" || n == "послезавтра"
	})
	wtSreda        = wtWord("среду", "среда")
	wtVVo          = wtWord("в", "во")
	wtV            = wtWord("в")
	wtNe           = wtWord("не")
	wtAmount       = newTest(func(n string) bool { return dsNumerals[n] || dsUnits[n] })
	wtTodayQuarter = newTest(func(n string) bool { return n == "сегодня" || strings.HasPrefix(n, "квартал") })
	wtMonthQuarter = newTest(func(n string) bool { return dsIsMonth(n) || strings.HasPrefix(n, "квартал") })
	wtTo           = wtWord("до", "к", "ко")
	wtDo           = wtWord("до")
	wtEndBegin     = wtWord("конца", "окончания", "начала")
	wtLater        = wtWord("позднее", "позже")
	wtCourse       = wtWord("течение", "течении")
	wtThrough      = wtWord("через")
	wtThis         = newTest(func(n string) bool { return dsThis[n] })
	wtDateNoun     = wtPrefix("срок", "дат", "дня", "день", "числ")
	wtBill         = wtPrefix("квитанц", "платежн", "расчетн")
	wtNextAdj      = wtPrefix("следующ", "ближайш", "очередн")
	wtWeekMonth    = wtPrefix("недел", "месяц")
	wtThisNext     = wtWord("этой", "этом", "следующей", "следующем", "текущей", "текущем", "будущей", "будущем")
	// dsTermMask: a word that is none of these adds no term.
	dsTermMask = wtMask(wtPointWord, wtSreda, wtTodayQuarter, wtTo, wtLater, wtCourse, wtThrough, wtThis,
		wtBill, wtWeekMonth)
)

func dsIsMonth(n string) bool {
	if n == "май" || n == "мая" || n == "мае" {
		return true
	}
	for _, m := range dsMonthStems {
		if strings.HasPrefix(n, m) && utf8.RuneCountInString(n) <= utf8.RuneCountInString(m)+2 {
			return true
		}
	}
	return false
}

// dsWeekdayWord reports a day of the week other than «среда», which is a
// weekday only after «в»/«во» (otherwise it is «среда» the environment:
// see dsPointAt).
func dsWeekdayWord(n string) bool {
	return dsHasPrefix(n, dsWeekdays)
}

var dsWeekdays = []string{"понедельник", "вторник", "четверг", "пятниц", "суббот", "воскресень"}

// dsNumerals are number words that make «в течение пяти дней» a term.
var dsNumerals = map[string]bool{"одного": true, "одной": true, "один": true, "одну": true, "двух": true,
	"трех": true, "четырех": true, "пяти": true, "шести": true, "семи": true, "восьми": true,
	"девяти": true, "десяти": true, "пятнадцати": true, "двадцати": true, "тридцати": true,
	"сорока": true, "шестидесяти": true, "девяноста": true, "две": true, "три": true, "пять": true,
	"десять": true, "неделю": true, "месяц": true, "сутки": true, "полгода": true, "год": true}

// dsUnits are units of a period.
var dsUnits = map[string]bool{"дня": true, "дней": true, "день": true, "суток": true, "недели": true,
	"недель": true, "неделю": true, "месяца": true, "месяцев": true, "часа": true, "часов": true,
	"года": true, "лет": true, "рабочих": true, "календарных": true, "минут": true}

// dsIsDate reports 15.12.2026, 15.12.26 and 15.12, with a day of 1–31
// and a month of 1–12 («ст. 7.22 КоАП» is no date). Every number of a
// sentence is asked, so it reads the bytes in place.
func dsIsDate(s string) bool {
	// The day: one or two digits before the first dot.
	a := 1
	if len(s) > 1 && s[1] != '.' {
		a = 2
	}
	if len(s) < a+3 || s[a] != '.' || !dsDayNumber(s[:a]) {
		return false
	}
	// The month: the next two bytes, up to a dot or the end, from «01»
	// to «12» as strings compare (by bytes here: a string comparison is
	// a call).
	m0, m1 := s[a+1], s[a+2]
	if m0 == '.' || m1 == '.' || !(m0 == '0' && m1 >= '1' || m0 == '1' && m1 <= '2') {
		return false
	}
	rest := s[a+3:]
	if rest == "" {
		return true
	}
	if rest[0] != '.' {
		return false
	}
	year := rest[1:]
	return (len(year) == 2 || len(year) == 4) && strings.IndexByte(year, '.') < 0
}

// dsDayNumber reports a number that may be a day of a month: 1 to 31.
func dsDayNumber(s string) bool {
	if len(s) == 0 || len(s) > 2 {
		return false
	}
	n := 0
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
		n = n*10 + int(s[k]-'0')
	}
	return n >= 1 && n <= 31
}

// dsYear reports a four-digit year 19xx or 20xx.
func dsYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "20") || strings.HasPrefix(s, "19"))
}

// dsPointAt reports a point in time beginning at word k of s: a date, a
// day with a month or «числа», a month, a weekday, a year with «год».
func dsPointAt(d *linter.Document, s *dsSent, k int) bool {
	if k >= len(s.w) {
		return false
	}
	b := s.bits(k)
	if b.any(dsPointMask) {
		return b.has(wtPointWord) || b.has(wtSreda) && s.at(k-1).has(wtVVo)
	}
	if !s.number(k) {
		return false // a word that is no point in time
	}
	txt := d.TokenText(s.w[k])
	if dsIsDate(txt) {
		return true
	}
	next := s.at(k + 1)
	return (dsDayNumber(txt) && next.has(wtMonthChisla)) || (dsYear(txt) && next.has(wtYearWord))
}

// dsPointMask: the words that may be a point in time. No number passes
// a word test.
var dsPointMask = wtMask(wtPointWord, wtSreda)

// dsAmountAt reports an amount of time beginning at word k: «10 рабочих
// дней», «пяти дней», «месяца», «недели».
func dsAmountAt(d *linter.Document, s *dsSent, k int) bool {
	if k >= len(s.w) {
		return false
	}
	return s.bits(k).has(wtAmount) || s.number(k)
}

// dsTermsOf finds dates and terms among the words of a sentence.
func dsTermsOf(d *linter.Document, s *dsSent) dsTerm {
	if !s.num && !s.any.any(dsTermMask) {
		return 0 // most sentences: none of the cases below
	}
	var out dsTerm
	for k, i := range s.w {
		if s.plain(k) {
			continue // most words: none of the cases below
		}
		if s.number(k) {
			if dsPointAt(d, s, k) {
				out |= dsDate
				if txt := d.TokenText(i); dsIsDate(txt) || dsDayNumber(txt) {
					out |= dsDay
				}
			}
			continue
		}
		b := s.bits(k)
		if !b.any(dsTermMask) {
			continue
		}
		switch {
		case dsPointAt(d, s, k) || b.has(wtTodayQuarter):
			out |= dsDate
			if !b.has(wtMonthQuarter) {
				out |= dsDay // a weekday, «завтра», «сегодня»
			}
		case b.has(wtTo):
			if dsPointAt(d, s, k+1) {
				out |= dsDeadline | dsDate
			} else if b.has(wtDo) && s.at(k+1).has(wtEndBegin) {
				out |= dsDeadline
			}
		case b.has(wtLater):
			if s.at(k - 1).has(wtNe) {
				out |= dsDeadline
			}
		case b.has(wtCourse):
			if s.at(k-1).has(wtV) && dsAmountAt(d, s, k+1) {
				out |= dsPeriod
			}
		case b.has(wtThrough):
			if dsAmountAt(d, s, k+1) {
				out |= dsPeriod
			}
		case b.has(wtThis) && s.at(k+1).has(wtDateNoun):
			// «после этого срока», «к указанной дате»: a date given
			// earlier in the letter.
			out |= dsDate
		case b.has(wtBill) && s.at(k-1).has(wtNextAdj):
			// «в следующей квитанции», «в очередном платёжном документе»:
			// the next bill is a known date.
			out |= dsDate
		case b.has(wtWeekMonth):
			if s.at(k - 1).has(wtThisNext) {
				out |= dsDate
			}
		}
	}
	return out
}

// dsThis are the words that point back at a date named before.
var dsThis = dsForms("этого этой этот этому этим этом эту того той тот тому указанного указанной указанный " +
	"указанному указанную установленного установленной названного названной данного данной")

// dsCondAt finds the condition of a conditional sentence («Если …, …»,
// «В случае …», «При условии …», «После того как …», «Как только …»): it
// returns the indices in w of the condition's first word and of the first
// word after it (after the next comma), or -1, -1 when there is none.
func dsCondAt(d *linter.Document, s *dsSent) (start, end int) {
	if !s.any.has(wtCondWord) {
		return -1, -1
	}
	w := s.w
	for k, i := range w {
		if !s.bits(k).has(wtCondWord) {
			continue
		}
		n := d.Norm(&d.Tokens[i])
		next := ""
		if k+1 < len(w) {
			next = d.Norm(&d.Tokens[w[k+1]])
		}
		cond := n == "если" || (n == "случае" && k > 0 && d.Norm(&d.Tokens[w[k-1]]) == "в") ||
			(n == "при" && next == "условии") || (n == "после" && next == "того") ||
			(n == "как" && next == "только")
		if !cond {
			continue
		}
		// The condition runs to the next comma.
		for j := k + 1; j < len(w); j++ {
			for t := w[j-1] + 1; t < w[j]; t++ {
				if d.Tokens[t].Kind == linter.Punct && d.TokenText(t) == "," && !(n == "после" && d.Norm(&d.Tokens[w[j]]) == "как") {
					return k, j
				}
			}
		}
		return k, len(w)
	}
	return -1, -1
}

// wtCondWord: a condition opens only at one of these words.
var wtCondWord = wtWord("если", "случае", "при", "после", "как")

// dsFutureAux are the forms of «быть» that make a future tense.
var dsFutureAux = map[string]bool{"будет": true, "будут": true, "будем": true, "будете": true, "буду": true}

// dsPromiseVerbs are first-person plural future forms by which a service
// promises an action: «проверим», «сообщим», «проведем».
var dsPromiseVerbs = map[string]bool{"проверим": true, "сообщим": true, "направим": true, "проведем": true,
	"сделаем": true, "выполним": true, "рассмотрим": true, "устраним": true, "примем": true, "решим": true,
	"пришлем": true, "вышлем": true, "выясним": true, "запросим": true, "свяжемся": true,
	"проинформируем": true, "уведомим": true, "известим": true, "обеспечим": true, "вернемся": true,
	"подготовим": true, "дадим": true, "ответим": true, "отправим": true, "выдадим": true, "исправим": true,
	"заменим": true, "отремонтируем": true, "восстановим": true, "пересчитаем": true, "учтем": true,
	"передадим": true, "организуем": true, "проконтролируем": true, "изучим": true, "согласуем": true,
	"представим": true, "предоставим": true, "доведем": true, "назначим": true, "составим": true,
	"оштрафуем": true, "посетим": true, "осмотрим": true, "обследуем": true, "уточним": true,
	"разберемся": true, "поможем": true, "позвоним": true, "приедем": true, "проследим": true, "отследим": true,
	"добьемся": true}

// dsFutureForms are third-person forms of perfective verbs common in
// replies. The present form of a perfective verb is its future, so
// «устранит», «проверят», «отремонтирует» promise an action as surely as
// «будет устранено» — snowball cannot tell them from the present tense of
// imperfective verbs, hence the curated list. Verbs of both aspects
// («организует», «обследует») are left out: they may be present tense.
// «составит» is left out too: «штраф составит 5 000 рублей» is no promise.
var dsFutureForms = dsForms(
	"устранит устранят", "проверит проверят", "заменит заменят", "отремонтирует отремонтируют",
	"выполнит выполнят", "проведет проведут", "направит направят", "сообщит сообщат",
	"рассмотрит рассмотрят", "примет примут", "исправит исправят", "восстановит восстановят",
	"починит починят", "сделает сделают", "решит решат", "подключит подключат", "оштрафует оштрафуют",
	"выдаст выдадут", "вернет вернут", "пересчитает пересчитают", "очистит очистят", "уберет уберут",
	"вывезет вывезут", "установит установят", "осмотрит осмотрят", "подготовит подготовят",
	"ответит ответят", "уведомит уведомят", "известит известят", "проинформирует проинформируют",
	"отправит отправят", "возместит возместят", "закончит закончат", "завершит завершат",
	"начнет начнут", "приступит приступят", "продолжит продолжат", "проконтролирует проконтролируют",
	"обеспечит обеспечат", "покрасит покрасят", "утеплит утеплят", "заделает заделают",
	"смонтирует смонтируют", "прочистит прочистят", "промоет промоют", "отрегулирует отрегулируют",
	"загерметизирует загерметизируют", "выяснит выяснят", "уточнит уточнят", "изучит изучат",
	"приедет приедут", "придет придут", "предоставит предоставят", "представит представят",
	"пришлет пришлют", "вышлет вышлют", "передаст передадут", "уменьшит уменьшат", "снизит снизят",
	"выплатит выплатят", "огородит огородят", "посетит посетят", "даст дадут", "привезет привезут",
	"вычтет вычтут", "свяжется свяжутся", "разберется разберутся", "запустит запустят",
	"отключит отключат", "возобновит возобновят", "перенесет перенесут", "назначит назначат")

// dsForms builds a set from space-separated word lists.
func dsForms(lists ...string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range lists {
		for _, f := range strings.Fields(l) {
			m[f] = true
		}
	}
	return m
}

// dsClauseBreak reports a comma, a semicolon, a colon, a dash or a
// bracket between the word tokens a < b: the words are in different
// clauses (or one of them is in an inserted phrase).
func dsClauseBreak(d *linter.Document, a, b int) bool {
	for t := a + 1; t < b; t++ {
		if d.Tokens[t].Kind != linter.Punct {
			continue
		}
		switch d.TokenText(t) {
		case ",", ";", ":", "—", "–", "-", "(", ")":
			return true
		}
	}
	return false
}

// dsSideWords open a side clause: a relative clause («…, который
// устранил …»), a clause of time or concession, or an indirect question
// («узнать, когда починят …»). «…, в связи с чем …» is left out: it
// states the consequence, the main news. What such a clause
// says about an action is background, not the reply's own statement.
var dsSideWords = dsForms("который которая которое которые которого которой котором которым которых которую "+
	"которыми где куда откуда когда пока хотя чтобы ли кто", "зачем почему")

var (
	wtSide     = newTest(func(n string) bool { return dsSideWords[n] && n != "ли" })
	wtLi       = wtWord("ли")
	dsSideMask = wtMask(wtSide, wtLi)
)

// dsSideClauses marks, for each of the words w of a sentence, whether it
// lies in a side clause: from a side word to the next clause break.
func dsSideClauses(d *linter.Document, s *dsSent, buf []bool) []bool {
	w := s.w
	buf = slices.Grow(buf[:0], len(w))[:len(w)]
	clear(buf)
	if !s.any.any(dsSideMask) {
		return buf // most sentences: no side word, so no side clause
	}
	side := false
	for k, i := range w {
		// Only a side clause ends at a clause break: the tokens
		// between the words are looked at only then.
		if side && dsClauseBreak(d, w[k-1], i) {
			side = false
		}
		if s.bits(k).has(wtSide) {
			side = true
		}
		buf[k] = side
	}
	if !s.any.has(wtLi) {
		return buf
	}
	// «починят ли»: «ли» after the verb makes its whole clause a question.
	for k := range w {
		if !s.bits(k).has(wtLi) {
			continue
		}
		a, b := k, k
		for a > 0 && !dsClauseBreak(d, w[a-1], w[a]) {
			a--
		}
		for b+1 < len(w) && !dsClauseBreak(d, w[b], w[b+1]) {
			b++
		}
		for j := a; j <= b; j++ {
			buf[j] = true
		}
	}
	return buf
}

// dsQuestion reports a sentence that ends with a question mark.
func dsQuestion(d *linter.Document, si int) bool {
	sn := d.Sentences[si]
	for i := sn.Last - 1; i >= sn.First; i-- {
		t := &d.Tokens[i]
		if t.Kind == linter.Space || t.Kind == linter.Newline {
			continue
		}
		return t.Kind == linter.Punct && d.TokenText(i) == "?"
	}
	return false
}
