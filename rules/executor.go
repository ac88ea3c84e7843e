package rules

import (
	"strings"

	"github.com/yasno/yasno/linter"
)

func init() {
	register(func(*Env) (linter.Rule, error) { return executorName{}, nil })
	register(func(*Env) (linter.Rule, error) { return executorPhone{}, nil })
}

// execScan is the executor mark of a reply («отметка об исполнителе»):
// the line that names the executor, the name found there and the phones
// of the closing part.
type execScan struct {
	ok                 bool // the document has text
	hasLine            bool // an executor line was found (label, name or phone)
	lineStart, lineEnd int
	name               nameRun
	phones             []dsPhone
	bodyPhones         []dsPhone // phones in the body the reader is told to call the authors on
	lastStart, lastEnd int       // the last line of the document
}

// scanExecutor finds the executor mark. A line opening with
// «Исполнитель», «Исп.», «Отв. исп.» is the mark wherever it stands (the
// last one wins). Without such a label the mark is the name found after
// the signer's name: the signature is the first position title («Руководитель
// службы») after the body followed only by short lines, and the signer's
// name is on that line or on one of the next three. The addressee in the
// header and the name in the greeting come before the body and are never
// looked at. A phone anywhere in the closing part counts as the executor's.
func scanExecutor(d *linter.Document) execScan {
	// Both executor rules need the scan: the first computes it for both.
	return d.Memo(execScanKey{}, func() any { return readExecutor(d) }).(execScan)
}

type execScanKey struct{}

func readExecutor(d *linter.Document) execScan {
	var s execScan
	lines := dsLines(d)
	if len(lines) == 0 {
		return s
	}
	s.ok = true
	s.lastStart, s.lastEnd = dsSpan(d, lines[len(lines)-1])
	from := dsGreeting(d, lines) + 1
	cs, sig := dsClosing(d, lines, from)

	// The executor's part begins after the signer's name.
	rs := cs
	if sig >= 0 {
		rs = sig + 1
		if dsBestName(d, lines[sig].First, lines[sig].Last).kind < nameNoPatronymic {
			for k := sig + 1; k < len(lines) && k <= sig+3; k++ {
				l := lines[k]
				if dsLabelEnd(d, l) >= 0 || len(dsPhones(d, l.First, l.Last, nil)) > 0 {
					break
				}
				if dsBestName(d, l.First, l.Last).kind >= nameNoPatronymic {
					rs = k + 1
					break
				}
			}
		}
	}

	// The last label wins; only the lines the index marks may hold one.
	lab := -1
	labels := dsLineIndexOf(d).labels
	for j := len(labels) - 1; j >= 0 && labels[j] >= from; j-- {
		if dsLabelEnd(d, lines[labels[j]]) >= 0 {
			lab = labels[j]
			break
		}
	}
	phoneFrom := cs
	if lab >= 0 {
		l := lines[lab]
		le := dsLabelEnd(d, l)
		s.hasLine = true
		s.lineStart, s.lineEnd = dsSpan(d, l)
		s.name = dsBestName(d, le, l.Last)
		if s.name.kind == nameNone && le == l.Last && lab+1 < len(lines) {
			// «Исполнитель:» alone, the name on the next line.
			nl := lines[lab+1]
			if r := dsBestName(d, nl.First, nl.Last); r.kind != nameNone {
				s.name = r
			}
		}
		phoneFrom = min(lab, cs)
	} else {
		// The last name wins: the executor comes after the signer, also
		// when the signature has no title and was not recognised.
		for k := rs; k < len(lines); k++ {
			l := lines[k]
			r := dsBestName(d, l.First, l.Last)
			if r.kind == nameNone || (r.kind < nameInitials && !r.onlyName) {
				continue
			}
			s.name = r
			s.hasLine = true
			s.lineStart, s.lineEnd = dsSpan(d, l)
		}
	}
	for k := phoneFrom; k < len(lines); k++ {
		n := len(s.phones)
		s.phones = dsPhones(d, lines[k].First, lines[k].Last, s.phones)
		if !s.hasLine && len(s.phones) > n {
			s.hasLine = true
			s.lineStart, s.lineEnd = dsSpan(d, lines[k])
		}
	}
	if len(s.phones) == 0 {
		bodyFirst, bodyLast := 0, len(d.Tokens)
		if g := from - 1; g >= 0 {
			bodyFirst = lines[g].Last
		}
		if cs < len(lines) {
			bodyLast = lines[cs].First
		}
		s.bodyPhones = execBodyPhones(d, bodyFirst, bodyLast)
	}
	return s
}

// execBodyPhones returns the phones in the body (tokens [first, last))
// that the letter offers as the authors' own contact. П. 3.1 serves the
// reader's purpose: knowing whom to call about the reply. A phone in the
// text serves it when its sentence points at the authors («позвоните нам
// по телефону …», «телефон для справок …», «звоните исполнителю …») or
// invites questions about the reply («Если остались вопросы, звоните …»).
// Where the sentence stands does not matter; whose phone it is does. A
// phone of another body does not count: «обратитесь в управляющую
// компанию по тел. …», «телефон администрации: …», and neither does a
// phone for other needs («при аварии звоните …»). The header above the
// greeting holds the addressee's data and is never read here.
func execBodyPhones(d *linter.Document, first, last int) []dsPhone {
	var out, ps []dsPhone
	for _, sn := range d.Sentences {
		if sn.First < first || sn.First >= last {
			continue
		}
		ps = dsPhones(d, sn.First, sn.Last, ps[:0])
		if len(ps) == 0 {
			continue
		}
		ours, questions := false, false
		for i := sn.First; i < sn.Last; i++ {
			if d.Tokens[i].Kind != linter.Word {
				continue
			}
			n := d.Norm(&d.Tokens[i])
			if execOurs[n] || strings.HasPrefix(n, "наш") || strings.HasPrefix(n, "исполнител") ||
				((n == "справок" || n == "связи") && i >= 2 && d.Norm(&d.Tokens[i-2]) == "для") {
				ours = true
			}
			if strings.HasPrefix(n, "вопрос") {
				questions = true
			}
		}
		for _, p := range ps {
			call, other := execCallClause(d, sn.First, p.Start)
			if !other && (ours || (call && questions)) {
				out = append(out, p)
			}
		}
	}
	return out
}

// execOurs are the pronouns by which the authors name themselves.
var execOurs = dsForms("мы нам нас нами")

// execCallClause reads the clause before a phone that begins at byte
// off: call tells that it asks the reader to call or write («позвоните»,
// «звоните», «обращайтесь»); other tells that it names someone else to
// call: «в диспетчерскую», «к мастеру», «телефон отдела …».
func execCallClause(d *linter.Document, first, off int) (call, other bool) {
	end := first
	for end < len(d.Tokens) && int(d.Tokens[end].Start) < off {
		end++
	}
	// The clause begins after the last comma, semicolon or dash; a colon
	// stays inside it («телефон отдела: …»).
	start := first
	for i := end - 1; i >= first; i-- {
		if d.Tokens[i].Kind != linter.Punct {
			continue
		}
		if p := d.TokenText(i); p == "," || p == ";" || p == "—" || p == "–" || p == "-" {
			start = i + 1
			break
		}
	}
	var prev string
	for i := start; i < end; i++ {
		t := &d.Tokens[i]
		if !t.IsWordLike() {
			continue
		}
		n := d.Norm(t)
		if dsHasPrefix(n, []string{"позвон", "звон", "обращайт", "обратит", "свяжит", "связывайт", "пишите", "напишите"}) {
			call = true
		}
		if (prev == "в" || prev == "во" || prev == "к") && t.Kind == linter.Word && !dsHasPrefix(n, execTimeWords) && !execOurs[n] {
			other = true
		}
		if (prev == "телефон" || prev == "телефона" || prev == "телефону" || prev == "тел") && t.Kind == linter.Word &&
			n != "для" && n != "по" && n != "справок" {
			other = true // «телефон диспетчерской», «телефону отдела»
		}
		prev = n
	}
	return call, other
}

// execTimeWords follow «в» in a time phrase, not in the name of a place:
// «в будние дни», «в рабочее время», «в любое время».
var execTimeWords = []string{"будн", "рабоч", "люб", "час", "дн", "врем", "выходн", "течени"}

// dsCapSeverity lowers want to the rule's severity in this check, so that
// a rule softened for a profile (info in public replies) stays soft.
func dsCapSeverity(c *linter.Context, want linter.Severity) linter.Severity {
	if c.Severity().Rank() < want.Rank() {
		return c.Severity()
	}
	return want
}

const execExplanation = "Порядок требует, чтобы в ответе были сведения об исполнителе: фамилия, имя, отчество и номер " +
	"телефона (п. 3.1). Это «отметка об исполнителе» по ГОСТ Р 7.0.97-2016: её ставят в конце письма, после " +
	"подписи, например «Исполнитель: Петрова Анна Сергеевна, тел. 8 (8512) 51-23-47». Если у читателя " +
	"останутся вопросы, он должен знать, кому звонить и как обратиться к этому человеку. Инициалы не " +
	"помогают: по «А.С.» не понять, как назвать собеседника. Подпись руководителя («И.И. Иванов») — не " +
	"отметка об исполнителе."

// executorName checks that the reply names its executor in full (п. 3.1).
type executorName struct{}

var executorNameMeta = &linter.Meta{
	ID:          "executor-name",
	Category:    linter.CatExecutorName,
	Severity:    linter.Error,
	Description: "Нет полного ФИО исполнителя",
	Explanation: execExplanation + " Полное имя — фамилия, имя и отчество в любом порядке. Если указаны " +
		"только инициалы, правило предупреждает; если нет имени совсем или только фамилия — это ошибка. " +
		"В публичном ответе в соцсети, подписанном от имени службы, имя исполнителя можно не указывать: " +
		"там это только подсказка.",
	Clause: "п. 3.1",
	Examples: []linter.Example{{
		Bad:  "Уважаемая Анна Сергеевна!\n\nПерерасчёт выполнен.\n\nРуководитель службы\nА.В. Морозов\n\nИсп. Орлова\nтел. 8 (8512) 44-18-20",
		Good: "Уважаемая Анна Сергеевна!\n\nПерерасчёт выполнен.\n\nРуководитель службы\nА.В. Морозов\n\nИсполнитель: Орлова Елена Николаевна, тел. 8 (8512) 44-18-20",
	}},
	Profiles: map[linter.Profile]linter.Severity{linter.Public: linter.Info},
}

func (executorName) Meta() *linter.Meta { return executorNameMeta }

func (executorName) Check(c *linter.Context) {
	s := scanExecutor(c.Doc)
	if !s.ok {
		return
	}
	n := s.name
	switch {
	case !s.hasLine:
		c.Report(s.lastStart, s.lastEnd, "В ответе нет сведений об исполнителе. После подписи добавьте строку: "+
			"«Исполнитель: Фамилия Имя Отчество, тел. 8 (код) номер».")
	case n.kind == nameFull:
	case n.kind == nameNone:
		c.Report(s.lineStart, s.lineEnd, "Не указано, кто исполнитель. Напишите его фамилию, имя и отчество "+
			"полностью: «Исполнитель: Петрова Анна Сергеевна».")
	case n.kind == nameSurname:
		c.Report(n.start, n.end, "Указана только фамилия исполнителя. Напишите фамилию, имя и отчество полностью, "+
			"чтобы читатель знал, к кому обращаться.")
	case n.kind == nameInitials:
		c.ReportAs(dsCapSeverity(c, linter.Warning), n.start, n.end, "Вместо инициалов напишите имя и отчество "+
			"исполнителя полностью: по инициалам читатель не поймёт, как к нему обратиться.")
	case n.kind == nameNoSurname:
		c.ReportAs(dsCapSeverity(c, linter.Warning), n.start, n.end, "Добавьте фамилию исполнителя: нужны фамилия, "+
			"имя и отчество.")
	case n.kind == nameNoPatronymic:
		c.ReportAs(dsCapSeverity(c, linter.Warning), n.start, n.end, "Добавьте отчество исполнителя: нужны фамилия, "+
			"имя и отчество.")
	}
}

// executorPhone checks that the reply gives the executor's phone (п. 3.1).
type executorPhone struct{}

var executorPhoneMeta = &linter.Meta{
	ID:          "executor-phone",
	Category:    linter.CatExecutorPhone,
	Severity:    linter.Error,
	Description: "Нет телефона исполнителя",
	Explanation: execExplanation + " Телефон пишите с кодом города или мобильного оператора: «8 (8512) 51-23-47», " +
		"«+7 (927) 123-45-67». Номер без кода («51-27-33») правило отмечает подсказкой: из другого города или с " +
		"мобильного по нему не дозвониться. Телефон в конце письма («Тел. для справок: …») тоже считается. " +
		"Считается и телефон в тексте письма, если по нему читателю предлагают позвонить самим авторам " +
		"(«позвоните нам по телефону …», «телефон для справок …», «звоните исполнителю …») или задать " +
		"вопросы по ответу («Если остались вопросы, звоните …»): читатель знает, куда звонить. Телефон " +
		"другой организации («обратитесь в управляющую компанию по тел. …»), телефон для других случаев " +
		"(«при аварии звоните …») и телефон в шапке письма (это данные заявителя) не считаются.",
	Clause: "п. 3.1",
	Examples: []linter.Example{{
		Bad:  "Уважаемая Анна Сергеевна!\n\nПерерасчёт выполнен.\n\nРуководитель службы\nА.В. Морозов\n\nИсполнитель: Орлова Елена Николаевна",
		Good: "Уважаемая Анна Сергеевна!\n\nПерерасчёт выполнен.\n\nРуководитель службы\nА.В. Морозов\n\nИсполнитель: Орлова Елена Николаевна, тел. 8 (8512) 44-18-20",
	}},
}

func (executorPhone) Meta() *linter.Meta { return executorPhoneMeta }

func (executorPhone) Check(c *linter.Context) {
	s := scanExecutor(c.Doc)
	if !s.ok {
		return
	}
	if len(s.phones) == 0 {
		// A phone in the text that the reader is told to call counts.
		s.phones = s.bodyPhones
	}
	switch {
	case !s.hasLine && len(s.phones) == 0:
		c.Report(s.lastStart, s.lastEnd, "В ответе нет сведений об исполнителе и его телефона. После подписи "+
			"добавьте строку: «Исполнитель: Фамилия Имя Отчество, тел. 8 (код) номер».")
	case len(s.phones) == 0:
		c.Report(s.lineStart, s.lineEnd, "Не указан телефон исполнителя. Добавьте номер с кодом города, например: "+
			"«тел. 8 (8512) 51-23-47».")
	default:
		for _, p := range s.phones {
			if !p.Local {
				return
			}
		}
		p := s.phones[0]
		c.ReportAs(dsCapSeverity(c, linter.Info), p.Start, p.End, "Номер указан без кода города: из другого "+
			"города или с мобильного по нему не дозвониться. Укажите код, например: «8 (8512) "+c.Doc.Text[p.Start:p.End]+"».")
	}
}
