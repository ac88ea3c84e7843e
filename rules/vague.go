package rules

import (
	"strings"

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
		"(«будет выполнен», «проведём») без даты или срока правило тоже отмечает; обещание с датой или " +
		"условием («если…, то…») — нет.",
	Clause: "п. 2.3, 1.7",
	Examples: []linter.Example{{
		Bad:  "В отношении управляющей организации будут приняты меры. О результатах сообщим в ближайшее время.",
		Good: "Мы выдали управляющей организации предписание отремонтировать крышу до 15.12.2026. Результат проверки сообщим до 20.12.2026.",
	}},
}

func (vague) Meta() *linter.Meta { return vagueMeta }

// vgElem tests one word of a pattern by its normal form.
type vgElem func(n string) bool

func vgIs(ws ...string) vgElem {
	return func(n string) bool {
		for _, w := range ws {
			if n == w {
				return true
			}
		}
		return false
	}
}

func vgPre(ps ...string) vgElem {
	return func(n string) bool { return dsHasPrefix(n, ps) }
}

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

// vgPattern is a phrase: words in order with at most gap other words
// between neighbours. A promise is silent inside a condition («если …»);
// an inherently vague phrase («рассмотрит вопрос») is not.
type vgPattern struct {
	elems   []vgElem
	gap     int
	kind    vgKind
	promise bool
}

var (
	vgMeasureWord = vgIs("меры", "мер", "мерам", "мерами", "мерах")
	vgConsiderV   = vgIs("рассмотрит", "рассмотрим", "рассмотрят", "рассматривается", "рассматриваются",
		"рассматривает", "рассматриваем", "рассматривают")
	vgLaterV = vgIs("направим", "направлена", "направлен", "направлено", "направлены", "направят", "сообщим",
		"сообщено", "сообщат", "проинформируем", "проинформирован", "проинформирована", "проинформированы",
		"проинформировано", "уведомим", "уведомлен", "уведомлена", "уведомлены", "представим", "представлена",
		"представлен", "представлено", "представлены", "предоставим", "предоставлена", "предоставлен",
		"предоставлено", "предоставлены", "дадим", "дан", "дана", "даны", "доведем", "доведена", "доведено",
		"отправим", "отправлен", "отправлена", "отправлено", "отправлены", "вышлем", "выслан", "выслана",
		"высланы", "пришлем", "ответим", "известим")
	vgLaterW = vgIs("дополнительно", "позднее", "позже", "отдельно", "впоследствии", "дополнительным")
)

// vgPatterns are tried in order; a later match that overlaps an earlier
// one in the same sentence is dropped.
var vgPatterns = []vgPattern{
	{elems: []vgElem{vgIs("в", "во"), vgPre("ближайш"), vgIs("время", "времени", "дни", "сроки", "срок", "будущем", "недели")}, gap: 1, kind: vgSoon},
	{elems: []vgElem{vgIs("в"), vgPre("кратчайш", "короткие", "короткий", "сжатые", "сжатый", "оперативн", "максимально", "минимальн"), vgPre("срок")}, gap: 1, kind: vgSoon},
	{elems: []vgElem{vgIs("по"), vgIs("мере"), vgPre("возможност", "финансирован", "поступлени")}, kind: vgMaybe},
	{elems: []vgElem{vgIs("по", "при"), vgPre("возможност")}, kind: vgMaybe},
	{elems: []vgElem{vgAux, vgPre("принят"), vgMeasureWord}, gap: 2, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgMeasureWord, vgAux, vgPre("принят")}, gap: 3, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgIs("примем", "принимаются", "принимаем"), vgMeasureWord}, gap: 2, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgMeasureWord, vgIs("принимаются")}, gap: 2, kind: vgMeasures, promise: true},
	{elems: []vgElem{vgPre("наход", "оста", "стоит", "стоят", "держ", "будет", "будут"), vgIs("на"), vgIs("контроле")}, gap: 1, kind: vgControl},
	{elems: []vgElem{vgPre("взят", "взя", "постав", "возьмем"), vgIs("на"), vgIs("контроль")}, gap: 1, kind: vgControl},
	{elems: []vgElem{vgIs("на"), vgIs("контроле")}, kind: vgControl},
	{elems: []vgElem{vgIs("в"), vgPre("установленн", "положенн", "отведенн", "предусмотренн"), vgPre("срок")}, gap: 1, kind: vgTerms},
	{elems: []vgElem{vgIs("в"), vgPre("срок"), vgPre("установленн", "предусмотренн")}, kind: vgTerms},
	{elems: []vgElem{vgConsiderV, vgPre("вопрос", "возможност")}, gap: 2, kind: vgConsider},
	{elems: []vgElem{vgPre("вопрос", "возможност"), vgConsiderV}, gap: 3, kind: vgConsider},
	{elems: []vgElem{vgAux, vgPre("рассмотрен"), vgPre("вопрос", "возможност")}, gap: 1, kind: vgConsider},
	{elems: []vgElem{vgPre("вопрос", "возможност"), vgAux, vgPre("рассмотрен")}, gap: 4, kind: vgConsider},
	{elems: []vgElem{vgAux, vgPre("принят"), vgPre("решени")}, gap: 1, kind: vgDecision, promise: true},
	{elems: []vgElem{vgPre("решени"), vgAux, vgPre("принят")}, gap: 3, kind: vgDecision, promise: true},
	{elems: []vgElem{vgIs("примем"), vgPre("решени")}, gap: 2, kind: vgDecision, promise: true},
	{elems: []vgElem{vgAux, vgPre("согласован")}, gap: 1, kind: vgAgree, promise: true},
	{elems: []vgElem{vgIs("согласуем")}, kind: vgAgree, promise: true},
	{elems: []vgElem{vgLaterV, vgLaterW}, gap: 2, kind: vgLater, promise: true},
	{elems: []vgElem{vgLaterW, vgLaterV}, gap: 2, kind: vgLater, promise: true},
}

var vgProcedurePhrase = []vgElem{vgIs("в"), vgPre("установленн"), vgIs("порядке")}

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

// vgMatch tries pattern p at word k of w; it returns the index of the
// last matched word or -1.
func vgMatch(d *linter.Document, w []int, k int, p *vgPattern) int {
	if !p.elems[0](d.Tokens[w[k]].Norm) {
		return -1
	}
	at := k
	for _, e := range p.elems[1:] {
		found := -1
		for j := at + 1; j < len(w) && j <= at+1+p.gap; j++ {
			if e(d.Tokens[w[j]].Norm) {
				found = j
				break
			}
		}
		if found < 0 {
			return -1
		}
		at = found
	}
	return at
}

// vgNegated reports «не» just before word k or among words k..e.
func vgNegated(d *linter.Document, w []int, k, e int) bool {
	for j := max(k-1, 0); j <= e; j++ {
		if d.Tokens[w[j]].Norm == "не" {
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
	var w []int
	var prev vgSent
	prevBlock := -1
	type span struct{ a, b int } // word indices, inclusive
	var got []span
	overlaps := func(a, b int) bool {
		for _, s := range got {
			if a <= s.b && b >= s.a {
				return true
			}
		}
		return false
	}
	report := func(kind vgKind, a, b int) {
		start, end := d.Tokens[w[a]].Start, d.Tokens[w[b]].End
		c.Report(start, end, vgFormat(vgMessages[kind], d.Text[start:end]))
		got = append(got, span{a, b})
	}
	for _, sn := range d.Sentences {
		w = dsWords(d, sn.First, sn.Last, w)
		got = got[:0]
		if sn.Block != prevBlock {
			prev = vgSent{}
			prevBlock = sn.Block
		}
		cs, _ := dsCondAt(d, w)
		cur := vgSent{term: dsTermsOf(d, w) != 0, cond: cs >= 0}
		// A date or a term anywhere in the sentence makes its phrases
		// concrete enough.
		for k := 0; k < len(w) && !cur.term; k++ {
			for pi := range vgPatterns {
				p := &vgPatterns[pi]
				e := vgMatch(d, w, k, p)
				if e < 0 || overlaps(k, e) {
					continue
				}
				if p.promise && cur.cond {
					continue
				}
				// «не будут приняты меры», «меры не будут приняты» are not
				// promises.
				if vgNegated(d, w, k, e) {
					continue
				}
				report(p.kind, k, e)
			}
		}
		// Promises in the future tense with no date: only when no fixed
		// phrase fired, and when neither this sentence nor the previous
		// one gives a date or a condition («Если …, сообщите нам. Мы
		// проверим.»).
		if len(got) == 0 && !cur.term && !cur.cond && !prev.term && !prev.cond {
			vgFutureIn(d, w, report, overlaps)
		}
		prev = cur
	}
}

// vgFutureIn reports future promises among the words w of a sentence:
// «будет выполнен», «будут проведены», «будем информировать»,
// «проверим», «запланировано». When such a sentence says «в установленном
// порядке», that phrase is reported instead: it is what hides the term.
func vgFutureIn(d *linter.Document, w []int, report func(vgKind, int, int), overlaps func(int, int) bool) {
	type cand struct{ a, b int }
	var cs []cand
	for k, i := range w {
		n := d.Tokens[i].Norm
		if k > 0 && d.Tokens[w[k-1]].Norm == "не" {
			continue
		}
		switch {
		case dsPromiseVerbs[n] || strings.HasPrefix(n, "запланирован"):
			cs = append(cs, cand{k, k})
		case dsFutureAux[n]:
			for j := k + 1; j < len(w) && j <= k+2; j++ {
				m := d.Tokens[w[j]].Norm
				if outParticiple(m) || (n == "будем" && (strings.HasSuffix(m, "ть") || strings.HasSuffix(m, "ться"))) {
					cs = append(cs, cand{k, j})
					break
				}
			}
		}
	}
	if len(cs) == 0 {
		return
	}
	p := vgPattern{elems: vgProcedurePhrase, kind: vgProcedure}
	for k := range w {
		if e := vgMatch(d, w, k, &p); e >= 0 {
			report(vgProcedure, k, e)
			return
		}
	}
	for _, c := range cs {
		if !overlaps(c.a, c.b) {
			report(vgFuture, c.a, c.b)
		}
	}
}

// vgFormat puts the phrase into a message.
func vgFormat(msg, phrase string) string {
	return strings.Replace(msg, "%s", phrase, 1)
}
