package rules

import (
	"math/bits"
	"strings"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return vague{}, nil }) }

// vague flags non-committal promises (п. 2.3, 1.7): «в ближайшее время»,
// «будут приняты меры», «находится на контроле», «рассмотрит вопрос»,
// and future promises with no date or term. The reader cannot tell when,
// or whether, anything will happen.
type vague struct{}

var vagueMeta = &linter.Meta{
	ID:          "vague",
	Category:    linter.CatVague,
	Severity:    linter.Warning,
	Description: "Размытое обещание без срока",
	Explanation: "Порядок требует, чтобы человек понял: вопрос решён, будет решён в определённый срок или не " +
		"может быть решён (п. 2.3), а решения объяснены (п. 1.7). Слова «в ближайшее время», «в кратчайшие " +
		"сроки», «по мере возможности», «будут приняты меры», «находится на контроле», «рассмотрит вопрос», " +
		"«будет принято решение», «направим дополнительно» ничего не обещают: непонятно, что и когда будет " +
		"сделано. Напишите, что именно вы сделаете и к какой дате: «проверим дом до 15.12.2026 и сообщим " +
		"результат», «выдадим предписание устранить протечку до 15.12.2026». Обещание в будущем времени " +
		"(«будет выполнен», «проведём», «компания устранит», «трубы заменят») без даты или срока правило " +
		"тоже отмечает; обещание с датой, с условием («если…, то…») или в придаточном («узнайте, когда " +
		"починят») — нет. Слова фразы могут стоять в любом порядке: «вопрос о … рассматривается» так же " +
		"размыт, как «рассматривается вопрос».",
	Clause: "п. 2.3, 1.7",
	Examples: []linter.Example{{
		Bad:  "В отношении управляющей организации будут приняты меры. О результатах сообщим в ближайшее время.",
		Good: "Мы выдали управляющей организации предписание отремонтировать крышу до 15.12.2026. Результат проверки сообщим до 20.12.2026.",
	}},
}

func (vague) Meta() *linter.Meta { return vagueMeta }

// vgElem tests one word of a pattern by its normal form: a word test,
// answered once per distinct word (see wordTest).
type vgElem = wordTest

// vgIs tests that the word is one of ws.
func vgIs(ws ...string) vgElem { return wtWord(ws...) }

// vgPre tests that the word begins with one of ps.
func vgPre(ps ...string) vgElem { return wtPrefix(ps...) }

var vgAux = vgIs("будет", "будут", "будем", "будете")

// vgKind groups patterns by the advice they get.
type vgKind int

const (
	vgSoon      vgKind = iota // в ближайшее время, в кратчайшие сроки
	vgMaybe                   // по мере возможности
	vgMeasures                // будут приняты меры
	vgControl                 // находится на контроле
	vgTerms                   // в установленные сроки
	vgConsider                // рассмотрит вопрос
	vgDecision                // будет принято решение
	vgAgree                   // будут согласованы
	vgLater                   // направим дополнительно
	vgProcedure               // в установленном порядке (as a promise)
	vgFuture                  // будет выполнен, проведём
)

// vgPattern is a phrase: the core words in order with at most gap other
// words between neighbours, and optionally a partner word on either side
// of the core, at most win words away and in the same clause. Russian
// puts the subject before or after its verb and lets a long noun phrase
// stand between them («вопрос о привлечении компании к ответственности
// рассматривается», «рассматривается вопрос»), so the partner is found in
// any order. A partner after a preposition is no subject or object
// («по вопросу отопления»): it does not count. A promise is silent inside
// a condition («если …»); an inherently vague phrase («рассмотрит
// вопрос») is not.
type vgPattern struct {
	elems   []vgElem
	gap     int
	with    vgElem
	win     int                             // 0: the pattern has no partner
	veto    func(core, partner string) bool // a pair that is no promise
	kind    vgKind
	promise bool
}

// vgGeneric vetoes «вопросы … рассматривает суд»: plural questions with
// a verb in the present active voice state who deals with such matters,
// not what will happen to this appeal.
func vgGeneric(core, partner string) bool {
	return partner == "вопросы" && (core == "рассматривает" || core == "рассматривают")
}

var (
	vgMeasureWord = vgIs("меры", "мер", "мерам", "мерами", "мерах")
	vgConsiderV   = vgIs("рассмотрит", "рассмотрим", "рассмотрят", "рассматривается", "рассматриваются",
		"рассматривает", "рассматриваем", "рассматривают", "рассматриваться")
	vgQuestion = vgIs("вопрос", "вопросы", "возможность", "возможности")
	vgLaterV   = vgIs("направим", "направлена", "направлен", "направлено", "направлены", "направят", "сообщим",
		"сообщено", "сообщат", "проинформируем", "проинформирован", "проинформирована", "проинформированы",
		"проинформировано", "уведомим", "уведомлен", "уведомлена", "уведомлены", "представим", "представлена",
		"представлен", "представлено", "представлены", "предоставим", "предоставлена", "предоставлен",
		"предоставлено", "предоставлены", "дадим", "дан", "дана", "даны", "доведем", "доведена", "доведено",
		"отправим", "отправлен", "отправлена", "отправлено", "отправлены", "вышлем", "выслан", "выслана",
		"высланы", "пришлем", "ответим", "известим")
	vgLaterW = vgIs("дополнительно", "позднее", "позже", "отдельно", "впоследствии", "дополнительным")
)

// vgPrepositions before a partner word make it part of a prepositional
// phrase rather than the subject or object of the core.
var vgPrepositions = dsForms("по к о об в во на с со за при для от из до")

var wtPreposition = newTest(func(n string) bool { return vgPrepositions[n] })

// vgPatterns are tried in order; a later match that overlaps an earlier
// one in the same sentence is dropped.
var vgPatterns = []vgPattern{
	{elems: []vgElem{vgIs("в", "во"), vgPre("ближайш"), vgIs("время", "времени", "дни", "сроки", "срок", "будущем", "недели")}, gap: 1, kind: vgSoon},
	{elems: []vgElem{vgIs("в"), vgPre("кратчайш", "короткие", "короткий", "сжатые", "сжатый", "оперативн", "максимально", "минимальн"), vgPre("срок")}, gap: 1, kind: vgSoon},
	{elems: []vgElem{vgIs("по"), vgIs("мере"), vgPre("возможност", "финансирован", "поступлени")}, kind: vgMaybe},
	{elems: []vgElem{vgIs("по", "при"), vgPre("возможност")}, kind: vgMaybe},
	{elems: []vgElem{vgAux, vgPre("принят")}, gap: 1, with: vgPre("решени"), win: 4, kind: vgDecision, promise: true},
	{elems: []vgElem{vgIs("примем")}, with: vgPre("решени"), win: 3, kind: vgDecision, promise: true},
	{elems: []vgElem{vgAux, vgPre("принят")}, gap: 1, with: vgMeasureWord, win: 4, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgIs("примем", "принимаются", "принимаем", "примут", "примет")}, with: vgMeasureWord, win: 3, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgPre("наход", "оста", "стоит", "стоят", "держ", "будет", "будут"), vgIs("на"), vgIs("контроле")}, gap: 1, kind: vgControl},
	{elems: []vgElem{vgPre("взят", "взя", "постав", "возьмем"), vgIs("на"), vgIs("контроль")}, gap: 1, kind: vgControl},
	{elems: []vgElem{vgIs("на"), vgIs("контроле")}, kind: vgControl},
	{elems: []vgElem{vgIs("в"), vgPre("установленн", "положенн", "отведенн", "предусмотренн"), vgPre("срок")}, gap: 1, kind: vgTerms},
	{elems: []vgElem{vgIs("в"), vgPre("срок"), vgPre("установленн", "предусмотренн")}, kind: vgTerms},
	{elems: []vgElem{vgConsiderV}, with: vgQuestion, win: 8, veto: vgGeneric, kind: vgConsider},
	{elems: []vgElem{vgAux, vgPre("рассмотрен")}, gap: 1, with: vgQuestion, win: 8, kind: vgConsider},
	{elems: []vgElem{vgAux, vgPre("согласован")}, gap: 1, kind: vgAgree, promise: true},
	{elems: []vgElem{vgIs("согласуем", "согласует", "согласуют")}, kind: vgAgree, promise: true},
	{elems: []vgElem{vgLaterV}, with: vgLaterW, win: 3, kind: vgLater, promise: true},
}

var (
	vgProcedurePhrase = []vgElem{vgIs("в"), vgPre("установленн"), vgIs("порядке")}
	vgProcedureNeeds  = wtMask(vgProcedurePhrase...)
)

// vgFirst are the words that may open a pattern: a sentence without one
// has no vague phrase.
var vgFirst = func() *wtBits {
	var ts []wordTest
	for _, p := range vgPatterns {
		ts = append(ts, p.elems[0])
	}
	return wtMask(ts...)
}()

// vgNeeds holds, by pattern, the word tests its words pass: the core
// words and the partner. A pattern can match only in a sentence whose
// words pass all of them (dsSent.any), so a sentence that has «в» but no
// «ближайш» tries none of the patterns of «в ближайшее время».
var vgNeeds = func() []wtBits {
	ns := make([]wtBits, len(vgPatterns))
	for pi, p := range vgPatterns {
		ts := p.elems
		if p.win > 0 {
			ts = append(ts[:len(ts):len(ts)], p.with)
		}
		ns[pi] = *wtMask(ts...)
	}
	return ns
}()

// vgPossible returns the patterns (bit pi for vgPatterns[pi]) whose words
// all occur among words with the answers any.
func vgPossible(any *wtBits) uint64 {
	var m uint64
	for pi := range vgNeeds {
		if any.all(&vgNeeds[pi]) {
			m |= 1 << pi
		}
	}
	return m
}

// vgStarts holds, by word class (see wtClassOf), the patterns whose
// first word a word of the class is: bit pi for vgPatterns[pi], and
// vgStartsKnown. A common word such as «в» then tries only the few
// patterns it opens instead of asking each pattern in turn.
var vgStarts dict.Facts

const vgStartsKnown = 1 << 63 // set in every entry: 0 means not computed yet

func init() {
	if len(vgPatterns) >= 63 {
		panic("rules: too many vague patterns for vgStarts")
	}
}

// vgStartsOf returns the patterns a word of class c with answers b may
// open.
func vgStartsOf(c uint32, b *wtBits) uint64 {
	if v := vgStarts.Get(c); v != 0 {
		return v &^ vgStartsKnown
	}
	var v uint64
	for pi := range vgPatterns {
		if b.has(vgPatterns[pi].elems[0]) {
			v |= 1 << pi
		}
	}
	vgStarts.Set(c, v|vgStartsKnown)
	return v
}

// vgMessages advise per kind; %s is the phrase found.
var vgMessages = map[vgKind]string{
	vgSoon: "«%s» — не срок: читатель не знает, когда ждать. Укажите дату («до 15.12.2026») или срок " +
		"(«в течение 10 рабочих дней»).",
	vgMaybe: "«%s» ничего не обещает. Напишите, что и когда будет сделано, или честно объясните, от чего это " +
		"зависит.",
	vgMeasures: "«%s» — непонятно, какие меры и когда. Напишите, что именно сделаете и к какому сроку: " +
		"«выдадим предписание устранить нарушение до 15.12.2026».",
	vgControl: "«%s» ничего не говорит читателю. Напишите, что и когда вы проверите: «проверим исполнение " +
		"16.12.2026 и сообщим Вам результат».",
	vgTerms: "«%s» — читатель не знает этих сроков. Назовите срок: «до 15.12.2026» или «в течение 30 дней».",
	vgConsider: "«%s» не говорит, будет ли что-то сделано. Напишите решение и срок: «проведём проверку до " +
		"15.12.2026».",
	vgDecision: "«%s» — непонятно, какое решение и когда. Напишите, когда решение будет принято и как " +
		"читатель о нём узнает: «решим до 15.12.2026 и сообщим Вам письмом».",
	vgAgree: "«%s» — непонятно, когда. Укажите срок согласования: «до 15.12.2026».",
	vgLater: "«%s» без срока: читатель не знает, когда ждать. Укажите дату: «направим Вам до 15.12.2026».",
	vgProcedure: "«%s» не говорит, что и когда будет сделано. Напишите конкретно, что вы сделаете и к " +
		"какой дате.",
	vgFuture: "Обещание без срока: «%s». Укажите дату или срок: «… до 15.12.2026» или «… в течение 10 " +
		"рабочих дней».",
}

// vgMatch tries pattern p with its first core word at word k of s; it
// returns the first and last matched word, or -1, -1.
func vgMatch(d *linter.Document, s *dsSent, k int, p *vgPattern) (int, int) {
	w := s.w
	if !s.bits(k).has(p.elems[0]) {
		return -1, -1
	}
	at := k
	for _, e := range p.elems[1:] {
		found := -1
		for j := at + 1; j < len(w) && j <= at+1+p.gap; j++ {
			if s.bits(j).has(e) {
				found = j
				break
			}
		}
		if found < 0 {
			return -1, -1
		}
		at = found
	}
	if p.win == 0 {
		return k, at
	}
	// The partner: the nearest on either side, in the same clause.
	for dist := 1; dist <= p.win; dist++ {
		for _, j := range [2]int{k - dist, at + dist} {
			if j < 0 || j >= len(w) || !s.bits(j).has(p.with) {
				continue
			}
			if j > 0 && s.bits(j-1).has(wtPreposition) {
				continue
			}
			if p.veto != nil && p.veto(d.Norm(&d.Tokens[w[k]]), d.Norm(&d.Tokens[w[j]])) {
				continue
			}
			a, b := min(j, k), max(j, at)
			if dsClauseBreak(d, w[a], w[b]) {
				continue
			}
			return a, b
		}
	}
	return -1, -1
}

// vgPhrases finds the fixed vague phrases among the words of one
// sentence and calls hit for each, left to right, skipping overlaps and
// negated phrases («меры не будут приняты»). cond tells that the sentence
// holds a condition, which excuses a promise. The vague rule reports the
// hits; the outcome rule uses them to tell a vague sentence from an
// outcome.
func vgPhrases(d *linter.Document, s *dsSent, cond bool, hit func(kind vgKind, a, b int)) {
	if !s.any.any(vgFirst) {
		return // no pattern begins in the sentence
	}
	possible := vgPossible(&s.any)
	if possible == 0 {
		return // no pattern has all its words in the sentence
	}
	type span struct{ a, b int }
	var buf [8]span
	got := buf[:0]
	for k, c := range s.cls {
		if c == wtPlainClass {
			continue // no pattern begins here
		}
	patterns:
		for m := vgStartsOf(c, &s.sets[c]) & possible; m != 0; m &= m - 1 {
			p := &vgPatterns[bits.TrailingZeros64(m)]
			a, e := vgMatch(d, s, k, p)
			if a < 0 {
				continue
			}
			for _, s := range got {
				if a <= s.b && e >= s.a {
					continue patterns // overlaps an earlier hit
				}
			}
			if (p.promise && cond) || vgNegated(d, s.w, a, e) {
				continue
			}
			got = append(got, span{a, e})
			hit(p.kind, a, e)
		}
	}
}

// vgNegated reports «не» just before word k or among words k..e.
func vgNegated(d *linter.Document, w []int, k, e int) bool {
	for j := max(k-1, 0); j <= e; j++ {
		if d.Norm(&d.Tokens[w[j]]) == "не" {
			return true
		}
	}
	return false
}

// vgSent is what the rule remembers of the previous sentence.
type vgSent struct {
	term, cond bool
}

func (vague) Check(c *linter.Context) {
	d := c.Doc
	x := dsSentsOf(d)
	var s dsSent
	var sideBuf [64]bool // most sentences are shorter: no allocation
	side := sideBuf[:0]
	var prev vgSent
	prevBlock := -1
	for si, sn := range d.Sentences {
		x.sent(si, &s)
		if sn.Block != prevBlock {
			prev = vgSent{}
			prevBlock = sn.Block
		}
		cur := vgSent{term: s.terms != 0, cond: s.cs >= 0}
		if cur.term {
			// A date or a term anywhere in the sentence makes its phrases
			// concrete enough.
			prev = cur
			continue
		}
		found := false
		vgPhrases(d, &s, cur.cond, func(kind vgKind, a, b int) {
			start, end := d.Tokens[s.w[a]].Start, d.Tokens[s.w[b]].End
			c.Report(int(start), int(end), vgFormat(vgMessages[kind], d.Text[start:end]))
			found = true
		})
		// Promises in the future tense with no date: only when no fixed
		// phrase fired, and when neither this sentence nor the previous
		// one gives a date or a condition («Если …, сообщите нам. Мы
		// проверим.»). A question is no promise, and a sentence without
		// a future word holds none.
		if !found && !cur.cond && !prev.term && !prev.cond && s.any.any(vgPromiseOrAux) && !dsQuestion(d, si) {
			side = dsSideClauses(d, &s, side)
			if a, b, kind := vgFutureIn(d, &s, side); a >= 0 {
				start, end := d.Tokens[s.w[a]].Start, d.Tokens[s.w[b]].End
				c.Report(int(start), int(end), vgFormat(vgMessages[kind], d.Text[start:end]))
			}
		}
		prev = cur
	}
}

// vgFutureIn finds the first future promise among the words of a
// sentence: «будет выполнен», «будут проведены», «будем информировать»,
// «проверим», «устранят», «отремонтирует», «запланировано». A future
// verb in a side clause («узнать, когда починят площадку», «проверим,
// устранят ли») or after «не» promises nothing. When such a sentence
// says «в установленном порядке», that phrase is returned instead: it is
// what hides the term. It returns -1 when there is no promise.
func vgFutureIn(d *linter.Document, s *dsSent, side []bool) (a, b int, kind vgKind) {
	a, b = -1, -1
	w := s.w
	for k, i := range w {
		wb := s.bits(k)
		if !wb.any(vgPromiseOrAux) || side[k] || (k > 0 && d.Norm(&d.Tokens[w[k-1]]) == "не") {
			continue
		}
		n := d.Norm(&d.Tokens[i])
		switch {
		case wb.has(wtPromise):
			a, b = k, k
		case wb.has(wtFutureAux):
			for j := k + 1; j < len(w) && j <= k+2; j++ {
				m := d.Norm(&d.Tokens[w[j]])
				if outParticiple(m) || (n == "будем" && (strings.HasSuffix(m, "ть") || strings.HasSuffix(m, "ться"))) {
					a, b = k, j
					break
				}
			}
		}
		if a >= 0 {
			break
		}
	}
	if a < 0 {
		return -1, -1, vgFuture
	}
	if !s.any.all(vgProcedureNeeds) {
		return a, b, vgFuture
	}
	p := vgPattern{elems: vgProcedurePhrase, kind: vgProcedure}
	for k := range w {
		if pa, pb := vgMatch(d, s, k, &p); pa >= 0 {
			return pa, pb, vgProcedure
		}
	}
	return a, b, vgFuture
}

var (
	wtPromise = newTest(func(n string) bool {
		return dsPromiseVerbs[n] || dsFutureForms[n] || strings.HasPrefix(n, "запланирован")
	})
	wtFutureAux    = newTest(func(n string) bool { return dsFutureAux[n] })
	vgPromiseOrAux = wtMask(wtPromise, wtFutureAux)
)

// vgFormat puts the phrase into a message.
func vgFormat(msg, phrase string) string {
	return strings.Replace(msg, "%s", phrase, 1)
}
