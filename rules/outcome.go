package rules

import (
	"strings"

	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return outcome{}, nil }) }

// outcome checks that the reply says how the appeal ended (п. 2.3, 1.7):
// the issue is resolved, will be resolved by a date, was sent to the body
// that deals with it, or cannot be resolved, and why. It also flags a
// refusal that gives no reason.
type outcome struct{}

var outcomeMeta = &linter.Meta{
	ID:          "outcome",
	Category:    linter.CatOutcome,
	Severity:    linter.Error,
	Description: "Непонятен итог рассмотрения",
	Explanation: "Порядок требует писать ответ так, чтобы человек понял: его вопрос уже решён, будет решён в " +
		"определённый срок или не может быть решён (п. 2.3), а принятые решения объяснены (п. 1.7). Правило " +
		"ищет в тексте хотя бы один ясный итог: сделано («нарушение устранено», «выполнили перерасчёт», " +
		"«нарушений не выявлено»); будет сделано к дате («до 15.12.2026», «в течение 10 рабочих дней»); " +
		"передано по компетенции в названный орган; отказано с объяснением причины («так как…», ссылка на " +
		"закон). Обещания без срока — «будут приняты меры», «находится на контроле», «рассмотрит вопрос» — " +
		"итогом не считаются, как и сказанное в придаточном («компания, которая заменила трубы, …») или " +
		"обещание со сроком «в 2027 году», если в ответе тут же сказано, что сроки ещё не определены («сроки " +
		"работ будут согласованы»). Отдельно правило отмечает отказ без причины. В ответе органу власти или " +
		"организации (профиль official) проверяется только отказ без причины.",
	Clause: "п. 2.3, 1.7",
	Examples: []linter.Example{{
		Bad: "Уважаемая Анна Сергеевна!\n\nСлужба рассмотрела Ваше обращение о протечке крыши. В отношении " +
			"управляющей организации будут приняты меры.\n\nРуководитель службы\nА.В. Морозов",
		Good: "Уважаемая Анна Сергеевна!\n\nСлужба рассмотрела Ваше обращение о протечке крыши. Мы выдали " +
			"управляющей организации предписание отремонтировать крышу до 15.12.2026.\n\nРуководитель службы\nА.В. Морозов",
	}},
}

func (outcome) Meta() *linter.Meta { return outcomeMeta }

// outSent is what one sentence of the body says about the outcome.
type outSent struct {
	start, end int
	si         int32 // the sentence; int32 keeps outSent at 32 bytes
	done       bool  // something was done or a check found no violation
	sched      bool  // something will be done by a date or within a term
	forward    bool  // the appeal was sent to another body by competence
	refusal    bool  // the service refuses or cannot act
	competence bool  // the refusal is «not within our powers», a reason in itself
	reason     bool  // a reason or a norm: «так как», «на основании», «статьи 46 …»
	question   bool  // «Вы спросили, …»: the reply answers a question
	coarse     bool  // the schedule names only a year, a month or a quarter, no day and no period
	openTerm   bool  // the reply says the term is not fixed: «сроки … будут согласованы»
}

func (outcome) Check(c *linter.Context) {
	d := c.Doc
	lines := dsLines(d)
	if len(lines) == 0 {
		return
	}
	g := dsGreeting(d, lines)
	cs, _ := dsClosing(d, lines, g+1)
	bodyFirst, bodyLast := 0, len(d.Tokens)
	if g >= 0 {
		bodyFirst = lines[g].Last
	}
	if cs < len(lines) {
		bodyLast = lines[cs].First
	}
	// One allocation: growing the slice sentence by sentence copied it
	// again and again in a long text.
	ss := make([]outSent, 0, len(d.Sentences))
	x := dsSentsOf(d)
	var s dsSent
	var sideBuf [64]bool // most sentences are shorter: no allocation
	side := sideBuf[:0]
	open := false
	// Once a sentence gives an outcome that nothing later takes back (all
	// but a coarse schedule: see open), the reply is clear, and the later
	// sentences matter only as refusals and their reasons, which
	// readOutcome reads alone unless full. In the official profile only
	// those matter at all.
	full := c.Profile != linter.Official
	for si, sn := range d.Sentences {
		if sn.First < bodyFirst || sn.First >= bodyLast {
			continue
		}
		x.sent(si, &s)
		side = side[:0]
		if full && s.any.has(wtOutcome) { // only these words ask for their clause
			side = dsSideClauses(d, &s, side)
		}
		o := readOutcome(d, &s, side, full)
		if o.question && len(ss) < 3 || o.done || o.sched && !o.coarse || o.forward || o.refusal {
			full = false
		}
		open = open || o.openTerm
		o.start, o.end, o.si = sn.Start, sn.End, int32(si)
		ss = append(ss, o)
	}
	if len(ss) == 0 {
		return
	}
	// A reply that says its term is not fixed yet («сроки работ будут
	// согласованы после торгов», «сроки зависят от …») takes back a
	// schedule that names only a year or a month: the reader still does
	// not know when.
	if open {
		for i := range ss {
			if ss[i].coarse {
				ss[i].sched = false
			}
		}
	}
	clear := false
	for i, o := range ss {
		if o.question && i < 3 {
			clear = true
		}
		if o.done || o.sched || o.forward || o.refusal {
			clear = true
		}
		if !o.refusal || o.competence || o.reason {
			continue
		}
		if (i > 0 && (ss[i-1].reason || ss[i-1].competence)) || (i+1 < len(ss) && (ss[i+1].reason || ss[i+1].competence)) {
			continue
		}
		c.Report(o.start, o.end, "Отказ без объяснения причины. Напишите, почему вопрос нельзя решить, и "+
			"сошлитесь на норму: «…, так как …» или «…: это запрещает статья … закона …».")
	}
	if clear || c.Profile == linter.Official {
		return
	}
	// Point at the last sentence of the body; a trailing line with no
	// sentence ending («Служба жилищного надзора») is a signature.
	last := ss[len(ss)-1]
	for i := len(ss) - 1; i >= 0; i-- {
		if outEnded(d, int(ss[i].si)) {
			last = ss[i]
			break
		}
	}
	c.Report(last.start, last.end, "Из ответа непонятно, чем закончилось рассмотрение обращения. Напишите прямо: "+
		"вопрос решён; или будет решён до такой-то даты; или не может быть решён — и почему.")
}

// outEnded reports a sentence that ends with a full stop, ! or ? (or a
// closing quote or bracket after one). Only the report of a reply with
// no outcome asks, so the text at the ends of the sentences is not read
// for every reply.
func outEnded(d *linter.Document, si int) bool {
	if p := d.Tokens[d.Sentences[si].Last-1]; p.Kind == linter.Punct {
		switch d.Text[p.Start:p.End] {
		case ".", "!", "?", "…", "»", ")":
			return true
		}
	}
	return false
}

// Stems and words for readOutcome.
var (
	// outDone are completion verbs: a past form or a short participle of
	// one says the work is done: «устранено», «заменили», «восстановлена».
	// Each root takes only the endings of its verb class, so that nouns
	// («замена», «отмена») do not match.
	outDone = []outForm{{"устран", outI}, {"замен", outI}, {"восстанов", outIL}, {"восстановл", outIP},
		{"выполн", outI}, {"исправ", outIL}, {"исправл", outIP}, {"почин", outI}, {"удовлетвор", outIP},
		{"возобнов", outIL}, {"возобновл", outIP}, {"подключ", outI}, {"пересчит", outA}, {"возмест", outIL},
		{"возмещ", outIP}, {"очист", outIL}, {"очищ", outIP}, {"прочист", outIL}, {"прочищ", outIP},
		{"убр", outA}, {"отремонтир", outOV}, {"отрегулир", outOV}, {"демонтир", outOV}, {"смонтир", outOV},
		{"загерметизир", outOV}, {"покрас", outIL}, {"покраш", outIP}, {"утепл", outI}, {"задела", outAL},
		{"верн", outUL}, {"возвращ", outIP}, {"отмен", outI}, {"списа", outAL}, {"реш", outIPNoNeuter},
		{"ликвидир", outOV}, {"заключ", outIP}, {"запущ", outIP}, {"запуст", outIL},
		{"скорректир", outOV}, {"исполн", outI}, {"привлеч", outIP}, {"оштрафов", outOV}}
	// outGeneral are general verbs that mean completion only with the
	// name of a repair or a recalculation: «провели перерасчёт».
	outGeneral = []outForm{{"провел", outBare}, {"проведен", outBareP}, {"произвел", outBare},
		{"произведен", outBareP}, {"сделал", outBare}, {"сделан", outBareP}, {"осуществлен", outBareP},
		{"осуществил", outBare}, {"составил", outBare}, {"составлен", outBareP}}
	// outWorkStems name a repair, a recalculation or a cleaning.
	outWorkStems = []string{"перерасчет", "ремонт", "замен", "промывк", "очистк", "уборк", "дезинсекц",
		"дератизац", "покраск", "герметизац", "утеплени", "восстановлени", "подключени", "корректировк", "протокол", "работ"}
	// outSubjects are what a check finds: violations, facts, the
	// citizen's arguments.
	outSubjects = []string{"нарушен", "довод", "факт", "превышен", "отклонен", "неисправност", "недостатк"}
	// outFound are verbs of finding, negated: «не выявлено».
	outFound = []string{"выявл", "установл", "обнаруж", "подтверд", "зафиксир", "усмотр", "усматр", "нашл", "нашел"}
	// outModal make a sentence a norm or advice rather than an outcome.
	outModal = []string{"должн", "обязан", "следует", "необходимо", "нужно", "рекоменд", "можно", "может",
		"могут", "вправе", "просим", "советуем"}
	// outPermit are the modals that make even a dated sentence advice:
	// «заявление может быть подано до …».
	outPermit = []string{"можно", "может", "могут", "вправе", "рекоменд", "просим", "советуем"}
)

// outParticiple reports a short passive participle: «удовлетворено»,
// «выполнен», «принята»; not «связано» or «вызвано», which explain.
func outParticiple(n string) bool {
	if strings.HasPrefix(n, "связан") || strings.HasPrefix(n, "вызван") || strings.HasPrefix(n, "обусловлен") {
		return false
	}
	for _, e := range []string{"ен", "ена", "ено", "ены", "ан", "ана", "ано", "аны", "ят", "ята", "ято", "яты"} {
		if strings.HasSuffix(n, e) {
			return true
		}
	}
	return false
}

// outForm is a verb root with the endings of its past forms and short
// participles.
type outForm struct {
	root  string
	rests []string
}

// Ending classes: «устранил, устранено», «восстановил» / «восстановлено»,
// «пересчитали, пересчитано», «отремонтировали, отремонтировано».
var (
	outI          = []string{"ил", "ила", "ило", "или", "ен", "ена", "ено", "ены"}
	outIL         = []string{"ил", "ила", "ило", "или"}
	outIP         = []string{"ен", "ена", "ено", "ены"}
	outIPNoNeuter = []string{"ен", "ена", "ены"} // «решено» also means «decided to»
	outA          = []string{"ал", "ала", "ало", "али", "ан", "ана", "ано", "аны"}
	outAL         = []string{"л", "ла", "ло", "ли", "н", "на", "но", "ны"}
	outOV         = []string{"овал", "овала", "овало", "овали", "ован", "ована", "овано", "ованы"}
	outUL         = []string{"ул", "ула", "ули"}
	outBare       = []string{"", "а", "о", "и"}
	outBareP      = []string{"", "а", "о", "ы"}
)

// outCompleted reports a past form or a short participle of one of the
// verbs.
func outCompleted(n string, forms []outForm) bool {
	for _, f := range forms {
		if !strings.HasPrefix(n, f.root) {
			continue
		}
		rest := n[len(f.root):]
		for _, r := range f.rests {
			if rest == r {
				return true
			}
		}
	}
	return false
}

// outNear is how many words apart a general verb and the name of the
// work may stand: «провели перерасчёт», «работы по замене стояков
// холодной воды в подвале проведены».
const outNear = 6

// outBlocked reports a word before a completion verb that undoes it: a
// negation, a future or a modal («не устранено», «будет устранено»,
// «должно быть устранено»).
func outBlocked(s *dsSent, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if s.bits(j).has(wtBlock) {
			return true
		}
	}
	return false
}

var wtBlock = newTest(func(n string) bool {
	return n == "не" || n == "быть" || dsFutureAux[n] || dsHasPrefix(n, outModal)
})

// readOutcome reads one sentence of the body, given its words and which
// of them stand in a side clause (dsSideClauses). A completion counts
// only in a main clause and, for a general verb («проведён», «составлен»),
// next to the name of the work in the same clause; a schedule counts only
// when the sentence is no vague promise itself. Unless full, it reads
// only what a refusal needs (refusal, competence, reason) and leaves the
// rest false: what the rule needs once it knows the reply gives an
// outcome.
func readOutcome(d *linter.Document, s *dsSent, side []bool, full bool) outSent {
	var o outSent
	w := s.w
	cs, ce := s.cs, s.ce
	inCond := func(k int) bool { return cs >= 0 && k >= cs && k < ce }
	terms := s.terms
	var (
		future, modal, permit, negHave                 bool
		forwardVerb, competenceWord, baseWord, negBase bool
		you, ask, cannot, service                      bool
		termSubject, termOpen, futureVerb              bool
		noViolation                                    bool
		subject, negFound                              = -100, -100
		generals, works                                []int
	)
	norm := func(k int) string {
		if k < 0 || k >= len(w) {
			return ""
		}
		return d.Norm(&d.Tokens[w[k]])
	}
	// Only numbers and the words of the mask (those that pass wtOutcome,
	// or for a refusal alone outRefusalMask) change anything below: most
	// sentences have neither.
	mask := outRefusalMask
	if full {
		mask = outAllMask
	}
	words := w
	if !s.num && !s.any.any(mask) {
		words = nil
	}
	for k, i := range words {
		wb := s.bits(k)
		if s.plain(k) || !wb.any(mask) {
			// None of the word tests below holds for this word, and no
			// number passes one.
			if s.number(k) {
				if k > 0 {
					switch norm(k - 1) {
					case "статьи", "статья", "статьей", "статье", "ст", "пункта", "пунктом", "пункту", "п", "части", "ч", "подпункта":
						o.reason = true
					}
				}
				if i > 0 && d.TokenText(i-1) == "№" || (i > 1 && d.TokenText(i-2) == "№") {
					o.reason = true
				}
			}
			continue
		}
		t := &d.Tokens[i]
		n := d.Norm(t)
		prev, next := norm(k-1), norm(k+1)
		if inCond(k) {
			continue
		}
		// What a refusal needs.
		absent := wb.has(wtAbsent)
		if absent || (prev == "не" && wb.has(wtHave)) {
			negHave = true
		}
		if wb.has(wtCompetence) {
			competenceWord = true
		}
		// Refusals.
		switch {
		case !wb.has(wtRefusalWord):
			// none of the cases below
		case n == "отказано" || n == "отказываем" || (n == "отказать" && strings.HasPrefix(prev, "вынужд")):
			o.refusal = true
		case n == "отказ" && next == "в":
			o.refusal = true
		case n == "можем" && prev == "не":
			o.refusal = true // «не можем провести проверку»
		case (n == "может" || n == "могут") && prev == "не" && next == "быть" && outParticiple(norm(k+2)):
			o.refusal = true // «не может быть удовлетворено»
		case (n == "может" || n == "могут") && prev == "не" && (strings.HasSuffix(next, "ть") || strings.HasSuffix(next, "ти")):
			cannot = true // «служба не может отменить …»: a refusal when the service is the subject
		case n == "представляется" && prev == "не" && strings.HasPrefix(next, "возможн"):
			o.refusal = true
		case strings.HasPrefix(n, "основани") && prev != "на":
			baseWord = true
		case prev == "не" && (strings.HasPrefix(n, "относ") || strings.HasPrefix(n, "вход")):
			// «не относится к полномочиям», «не входит в компетенцию»:
			// needs the word for powers in the sentence (checked below).
			negBase = true
		case prev == "не" && (strings.HasPrefix(n, "наделен") || strings.HasPrefix(n, "уполномочен") || n == "вправе"):
			o.refusal, o.competence = true, true
		case n == "является" && prev == "не" && (strings.HasPrefix(next, "орган") || strings.HasPrefix(next, "уполномоч")):
			o.refusal, o.competence = true, true
		case n == "вне" && strings.HasPrefix(next, "компетенц"):
			o.refusal, o.competence = true, true
		}
		if (n == "имеем" || n == "имеет") && prev == "не" && strings.HasPrefix(next, "возможност") {
			o.refusal = true
		}
		if n == "нет" && strings.HasPrefix(next, "возможност") {
			o.refusal = true
		}
		// Reasons and norms.
		switch {
		case !wb.has(wtReasonWord):
			// none of the cases below
		case n == "так" && next == "как", n == "поскольку", n == "потому", n == "поэтому", n == "ввиду", n == "вследствие",
			n == "из-за", n == "согласно", n == "причина", n == "причиной", n == "причине":
			o.reason = true
		case n == "связи" && prev == "в", n == "основании" && prev == "на", n == "соответствии" && prev == "в":
			o.reason = true
		case n == "фз" || strings.HasSuffix(n, "-фз") || strings.HasPrefix(n, "кодекс") || strings.HasPrefix(n, "постановлени") ||
			strings.HasPrefix(n, "законодательств") || n == "закон" || n == "закона" || n == "законом" || n == "законе" ||
			(strings.HasPrefix(n, "правил") && t.Is(linter.Title)):
			o.reason = true
		}
		// The service itself: «мы», «Служба …» opening the sentence,
		// «служба жилищного надзора» (not «газовая служба»).
		if wb.has(wtServiceWord) && (n == "мы" || (k == 0 && (strings.HasPrefix(n, "служб") || strings.HasPrefix(n, "инспекц"))) ||
			(strings.HasPrefix(n, "служб") && strings.HasPrefix(next, "жилищн"))) {
			service = true
		}
		if !full {
			continue
		}
		// The outcome itself: done, scheduled, forwarded, a question.
		switch {
		case side[k]:
			// «…, который устранил …», «узнать, когда починят»: background.
		case wb.has(wtDone) && !outBlocked(s, k):
			o.done = true
		case wb.has(wtGeneral) && !outBlocked(s, k):
			generals = append(generals, k)
		}
		if wb.has(wtWork) {
			works = append(works, k)
		}
		// «нарушений (требований …) не выявлено», «не выявлено нарушений»,
		// «нарушений нет»: the subject comes first, or just after a
		// negated verb of finding.
		found := prev == "не" && wb.has(wtFound)
		if wb.has(wtSubject) {
			subject = k
			if negFound >= k-3 {
				noViolation = true
			}
		}
		if (found || absent) && subject >= k-8 {
			noViolation = true
		}
		if found {
			negFound = k
		}
		// A future, a plan or a term. «план» only as the noun: «плановая
		// проверка» happened in the past.
		if wb.has(wtFuture) {
			future = true
		}
		if wb.has(wtFutureVerb) {
			futureVerb = true
		}
		// «Сроки работ будут согласованы», «сроки зависят от …»: the
		// subject is the term itself (not «в сроки», «до срока»).
		if wb.has(wtTerm) && !outAfterPreposition(d, s, k) {
			termSubject = true
		}
		if wb.has(wtDepends) || (prev == "не" && wb.has(wtFixed)) {
			termOpen = true
		}
		if wb.has(wtModal) {
			modal = true
		}
		if wb.has(wtPermit) {
			permit = true
		}
		// Forwarding by competence.
		if wb.has(wtRedirect) {
			o.forward = true
		}
		if wb.has(wtForwardVerb) {
			forwardVerb = true
		}
		// «Температура соответствует нормативу»: a check found no violation.
		if wb.has(wtConform) && prev != "не" &&
			dsHasPrefix(next, []string{"норм", "требовани", "установленн", "санитарн", "правил"}) {
			noViolation = true
		}
		// «Вы спросили …», «Вы интересуетесь …»: the reply answers a question.
		if n == "вы" {
			you = true
		}
		if wb.has(wtAskWord) && (strings.HasPrefix(n, "спросил") || strings.HasPrefix(n, "спрашива") || n == "интересуетесь" ||
			n == "интересовались" || ((n == "просите" || n == "просили") && dsHasPrefix(next, []string{"разъясн", "поясн", "объясн", "сообщ", "ответ"})) ||
			(n == "хотите" && next == "узнать")) {
			ask = true
		}
	}
	if cannot && service {
		o.refusal = true
	}
	if baseWord && negHave && cs < 0 {
		o.refusal = true // «оснований для перерасчёта нет»
	}
	if negBase && competenceWord {
		o.refusal, o.competence = true, true
	}
	if !full {
		return o
	}
	for _, g := range generals {
		for _, wk := range works {
			a, b := min(g, wk), max(g, wk)
			if b-a <= outNear && !dsClauseBreak(d, w[a], w[b]) {
				o.done = true
			}
		}
	}
	if noViolation && cs < 0 {
		o.done = true // «нарушений не выявлено», «доводы не подтвердились»
	}
	if forwardVerb && competenceWord && !o.refusal {
		o.forward = true
	}
	deadline := terms&dsDeadline != 0 && terms&dsDate != 0
	// A promise under a condition («если …, компания устранит … до …») is
	// not a schedule.
	o.sched = cs < 0 && ((deadline && !permit) || (terms != 0 && future && !modal))
	o.coarse = terms&(dsDay|dsPeriod) == 0
	// A sentence that is a vague promise itself («будет выполнен в
	// установленные сроки», «рассматривается вопрос о …») is no schedule
	// unless it also names a day or a period.
	vague := false
	// Only two things below depend on it: a coarse schedule, and an open
	// term with nothing else to tell it by. Finding phrases costs.
	if o.sched && o.coarse || termSubject && terms == 0 && !termOpen && !futureVerb {
		vgPhrases(d, s, cs >= 0, func(vgKind, int, int) { vague = true })
	}
	if vague && o.coarse {
		o.sched = false
	}
	o.openTerm = termSubject && terms == 0 && (vague || termOpen || futureVerb)
	o.question = you && ask
	return o
}

// Word tests for readOutcome. wtOutcome holds for a word that passes one
// of the tests readOutcome puts to the word itself (not to its
// neighbours): a word that fails it changes nothing, so the loop skips it.
// Keep it in step with readOutcome.
var (
	wtDone        = newTest(func(n string) bool { return outCompleted(n, outDone) })
	wtGeneral     = newTest(func(n string) bool { return outCompleted(n, outGeneral) })
	wtOutcome     = newTest(outMatters)
	wtWork        = newTest(func(n string) bool { return dsHasPrefix(n, outWorkStems) })
	wtAbsent      = wtWord("нет", "отсутствуют", "отсутствует")
	wtFound       = newTest(func(n string) bool { return dsHasPrefix(n, outFound) })
	wtSubject     = newTest(func(n string) bool { return dsHasPrefix(n, outSubjects) })
	wtHave        = wtPrefix("име", "усматр")
	wtFutureVerb  = newTest(func(n string) bool { return dsFutureAux[n] || dsPromiseVerbs[n] || dsFutureForms[n] })
	wtTerm        = wtPrefix("срок")
	wtDepends     = wtPrefix("завис", "уточня")
	wtFixed       = wtPrefix("определен", "установлен", "известн", "определя")
	wtModal       = newTest(func(n string) bool { return dsHasPrefix(n, outModal) })
	wtPermit      = newTest(func(n string) bool { return dsHasPrefix(n, outPermit) })
	wtRedirect    = wtPrefix("перенаправ", "переадресов")
	wtForwardVerb = wtPrefix("направлен", "направил", "передан", "передал", "переслан", "переслал")
	wtCompetence  = wtPrefix("компетенц", "подведомствен", "полномоч", "ведени")
	wtFuture      = newTest(func(n string) bool {
		return dsFutureAux[n] || dsPromiseVerbs[n] || dsFutureForms[n] || strings.HasPrefix(n, "предписан") ||
			strings.HasPrefix(n, "запланирован") || strings.HasPrefix(n, "планиру") || outPlan[n] ||
			strings.HasPrefix(n, "назначен") || strings.HasPrefix(n, "срок")
	})
	// The words the cases of a switch in readOutcome ask for.
	wtRefusalWord = newTest(func(n string) bool {
		switch n {
		case "отказано", "отказываем", "отказать", "отказ", "можем", "может", "могут", "представляется", "вправе",
			"является", "вне":
			return true
		}
		return dsHasPrefix(n, []string{"основани", "относ", "вход", "наделен", "уполномочен"})
	})
	wtReasonWord = newTest(func(n string) bool {
		switch n {
		case "так", "поскольку", "потому", "поэтому", "ввиду", "вследствие", "из-за", "согласно", "причина",
			"причиной", "причине", "связи", "основании", "соответствии", "фз", "закон", "закона", "законом", "законе":
			return true
		}
		return strings.HasSuffix(n, "-фз") ||
			dsHasPrefix(n, []string{"кодекс", "постановлени", "законодательств", "правил"})
	})
	wtServiceWord = newTest(func(n string) bool {
		return n == "мы" || strings.HasPrefix(n, "служб") || strings.HasPrefix(n, "инспекц")
	})
	wtConform = wtPrefix("соответству")
	// outAllMask: the words readOutcome reads; outRefusalMask: the words
	// it reads for a refusal alone (all of them pass wtOutcome).
	outAllMask     = wtMask(wtOutcome)
	outRefusalMask = wtMask(wtAbsent, wtHave, wtCompetence, wtRefusalWord, wtReasonWord, wtServiceWord)
	wtAskWord      = newTest(func(n string) bool {
		switch n {
		case "интересуетесь", "интересовались", "просите", "просили", "хотите":
			return true
		}
		return strings.HasPrefix(n, "спросил") || strings.HasPrefix(n, "спрашива")
	})
)

// outMatters reports whether a word passes one of the tests readOutcome
// puts to the word itself, in the order of readOutcome.
func outMatters(n string) bool {
	is := func(ws ...string) bool {
		for _, w := range ws {
			if n == w {
				return true
			}
		}
		return false
	}
	pre := func(ps ...string) bool { return dsHasPrefix(n, ps) }
	return outCompleted(n, outDone) || outCompleted(n, outGeneral) || dsHasPrefix(n, outWorkStems) ||
		// absent, found, subjects, negHave
		is("нет", "отсутствуют", "отсутствует") || dsHasPrefix(n, outFound) || dsHasPrefix(n, outSubjects) ||
		pre("име", "усматр") ||
		// future, futureVerb, termSubject, termOpen
		dsFutureAux[n] || dsPromiseVerbs[n] || dsFutureForms[n] || outPlan[n] ||
		pre("предписан", "запланирован", "планиру", "назначен", "срок") ||
		pre("завис", "определен", "установлен", "известн", "определя", "уточня") ||
		// modal, permit, forwarding, competence
		dsHasPrefix(n, outModal) || dsHasPrefix(n, outPermit) ||
		pre("перенаправ", "переадресов", "направлен", "направил", "передан", "передал", "переслан", "переслал") ||
		pre("компетенц", "подведомствен", "полномоч", "ведени") ||
		// refusals
		is("отказано", "отказываем", "отказать", "отказ", "можем", "может", "могут", "представляется", "является",
			"вне", "вправе", "имеем", "имеет") ||
		pre("основани", "относ", "вход", "наделен", "уполномочен") ||
		// reasons and norms
		is("так", "поскольку", "потому", "поэтому", "ввиду", "вследствие", "из-за", "согласно", "причина", "причиной",
			"причине", "связи", "основании", "соответствии", "фз", "закон", "закона", "законом", "законе") ||
		strings.HasSuffix(n, "-фз") || pre("кодекс", "постановлени", "законодательств", "правил") ||
		// the service, «соответствует нормативу», the reader's question
		is("мы", "вы") || pre("служб", "инспекц", "соответству", "спросил", "спрашива") ||
		is("интересуетесь", "интересовались", "просите", "просили", "хотите")
}

// outPlan are the forms of the noun «план».
var outPlan = dsForms("план плана плану планом плане планы планов планам планами планах")

// outAfterPreposition reports a preposition among the two words before
// word k in its clause: «в установленные сроки», «до срока».
func outAfterPreposition(d *linter.Document, s *dsSent, k int) bool {
	for j := k - 1; j >= 0 && j >= k-2; j-- {
		if dsClauseBreak(d, s.w[j], s.w[k]) {
			return false
		}
		if s.bits(j).has(wtPreposition) {
			return true
		}
	}
	return false
}
