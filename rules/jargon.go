package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

func init() {
	register(func(env *Env) (linter.Rule, error) {
		w, err := wdSharedFor(env)
		if err != nil {
			return nil, err
		}
		return &jargon{w: w}, nil
	})
}

// jargon flags канцелярит — «осуществлять», «в целях», «данный»,
// «не представляется возможным» — and proposes the plain wording (п. 2.5:
// «простыми словами»). The phrases come from dictionaries/jargon.tsv and
// the organisation's extra file.
type jargon struct{ w *wdShared }

var jargonMeta = &linter.Meta{
	ID:          "jargon",
	Category:    linter.CatJargon,
	Severity:    linter.Warning,
	Description: "Канцелярит: казённые слова и обороты",
	Explanation: "Порядок требует писать простыми словами. Канцелярские обороты («осуществлять», «в целях», " +
		"«данный», «не представляется возможным», «в настоящее время») удлиняют текст и прячут смысл. " +
		"Замените оборот простым словом из подсказки или уберите его. Названия законов и организаций в " +
		"кавычках и имена собственные не проверяются. В ответе органу власти (профиль official) официальный " +
		"стиль привычен, поэтому там это только замечание.",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "В целях проверки доводов осуществлен выезд специалиста.", Good: "Чтобы проверить ваши доводы, специалист выехал на место."},
		{Bad: "Данный вопрос не представляется возможным решить.", Good: "Мы не можем решить этот вопрос: он не входит в наши полномочия."},
	},
	Profiles: map[linter.Profile]linter.Severity{linter.Official: linter.Info},
}

func (r *jargon) Meta() *linter.Meta { return jargonMeta }

func (r *jargon) Check(c *linter.Context) {
	sc := r.w.scan(c.Doc)
	doc := c.Doc
	var out wdTexts
	out.expect(wdCount(sc.ms, dict.ListJargon))
	for _, m := range sc.ms {
		if m.Entry.List != dict.ListJargon || sc.guard.covers(m.First, m.Last) {
			continue
		}
		in := r.w.info[m.Entry]
		if wdAllowed(c, m, in.keys) {
			continue
		}
		switch jargonFits(doc, m) {
		case fitNo:
			continue
		case fitLinkThat:
			jargonLinkThat(c, m)
			continue
		}
		wdReport(c, &out, m, in)
	}
}

// How a match fits the checks a list cannot express.
const (
	fitYes      = iota
	fitNo       // not канцелярит here
	fitLinkThat // «является то, что»: reported with its own advice
)

// jargonFits applies the checks a list cannot express: «являться» is
// канцелярит only as a link verb, a phrase that ends at or right before a
// legal citation («в части 3 статьи 8», «в соответствии с частью 3») is
// the wording of the law, not the clerk's, and a verbal noun that names a
// document's subject («акт о выполнении работ») is the document's name.
func jargonFits(d *linter.Document, m dict.Match) int {
	end := wdSentenceEnd(d, m.First)
	if wdLinkVerbEntry(m.Entry) {
		switch {
		case jargonThatAhead(d, m.Last, end) > 0:
			return fitLinkThat
		case wdInstrumentalAhead(d, m.Last, end), wdInstrumentalBehind(d, m.First):
		default:
			return fitNo
		}
	}
	last := m.Last - 1
	for last > m.First && d.Tokens[last].Kind != linter.Word {
		last--
	}
	if wdLegalUnit(d.Stem(&d.Tokens[last])) {
		if n := wdNextWord(d, m.Last, end); n >= 0 && d.Tokens[n].Kind == linter.Number {
			return fitNo
		}
	}
	if n := wdNextWord(d, m.Last, end); n >= 0 && wdLegalUnit(d.Stem(&d.Tokens[n])) {
		if k := wdNextWord(d, n+1, end); k >= 0 && d.Tokens[k].Kind == linter.Number {
			return fitNo
		}
	}
	if jargonDocName(d, m) {
		return fitNo
	}
	return fitYes
}

// jargonDocNouns are the stems of documents whose names hold a verbal
// noun: «акт о выполнении работ», «договор на проведение ремонта»,
// «график производства работ», «заявка на осуществление выезда».
var jargonDocNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"акт", "договор", "контракт", "соглашение", "заявка", "заявление", "план", "график",
		"смета", "протокол", "журнал", "программа", "наряд", "ордер", "разрешение", "уведомление", "извещение",
		"приказ", "распоряжение", "решение", "предписание", "задание", "справка", "отчет"} {
		m[linter.Stem(w)] = true
	}
	return m
}()

// jargonDocName reports a verbal noun right after a document's name, maybe
// with «о», «об», «на» or «по» between: the words are the document's title
// («акт о выполнении работ»), which the clerk cites and cannot change.
func jargonDocName(d *linter.Document, m dict.Match) bool {
	t := &d.Tokens[m.First]
	if t.Kind != linter.Word || wdFacts(d, t)&wdVerbal == 0 || !wdVerbalNoun(d.Stem(t)) {
		return false // the facts spare most matches the test of the stem's endings
	}
	p := wdPrevWord(d, m.First)
	if p >= 0 {
		switch d.Norm(&d.Tokens[p]) {
		case "о", "об", "на", "по":
			p = wdPrevWord(d, p)
		}
	}
	return p >= 0 && jargonDocNouns[d.Stem(&d.Tokens[p])]
}

// wdVerbalNoun reports the stem of a verbal noun: «выполнен» (выполнение),
// «оказан», «принят», «производств».
func wdVerbalNoun(stem string) bool {
	for _, s := range []string{"ен", "ан", "ят", "ств"} {
		if strings.HasSuffix(stem, s) && len(stem) > len(s)+4 {
			return true
		}
	}
	return false
}

// wdPrevWord returns the word or number before token i in its sentence,
// skipping spaces; -1 at punctuation or at the sentence start.
func wdPrevWord(d *linter.Document, i int) int {
	for j := i - 1; j >= 0; j-- {
		switch d.Tokens[j].Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Word, linter.Number:
			if d.SentenceAt(j) != d.SentenceAt(i) {
				return -1
			}
			return j
		default:
			return -1
		}
	}
	return -1
}

// jargonThatAhead returns the end token of «то, что» (or «тот факт, что»,
// «это, что») right after a link verb, or 0: «причиной является то, что»
// is канцелярит wherever it stands.
func jargonThatAhead(d *linter.Document, from, end int) int {
	j := wdNextWord(d, from, end)
	if j < 0 {
		return 0
	}
	switch d.Norm(&d.Tokens[j]) {
	case "то", "тот", "это":
	default:
		return 0
	}
	if k := wdNextWord(d, j+1, end); k >= 0 && (d.Norm(&d.Tokens[k]) == "факт" || d.Norm(&d.Tokens[k]) == "обстоятельство") {
		j = k
	}
	k := j + 1
	for k < end && d.Tokens[k].Kind == linter.Space {
		k++
	}
	if k < end && d.TokenText(k) == "," {
		k++
	}
	if n := wdNextWord(d, k, end); n >= 0 && (d.Norm(&d.Tokens[n]) == "что" || d.Norm(&d.Tokens[n]) == "чтобы") {
		return n + 1
	}
	return 0
}

// jargonLinkThat reports «является то, что» as a whole, with advice: there
// is no literal replacement, the sentence needs turning round.
func jargonLinkThat(c *linter.Context, m dict.Match) {
	d := c.Doc
	last := jargonThatAhead(d, m.Last, wdSentenceEnd(d, m.First))
	text := d.Text[m.Start:d.Tokens[last-1].End]
	c.ReportAs(wdSeverity(c, m.Entry), m.Start, int(d.Tokens[last-1].End), "Канцелярит: „"+text+"“ — тяжёлый оборот со связкой. "+
		"Скажите прямо: «Причина в том, что…» или «…, потому что…».")
}

// wdLegalUnit reports the stem of a unit of a legal act: часть, статья,
// пункт, подпункт, абзац, глава, раздел.
func wdLegalUnit(stem string) bool {
	switch stem {
	case "част", "стат", "пункт", "подпункт", "абзац", "глав", "раздел", "приложен":
		return true
	}
	return false
}

// wdLinkVerbEntry reports the entry of «являться».
func wdLinkVerbEntry(e *dict.Entry) bool {
	if len(e.Words) != 1 {
		return false
	}
	for _, s := range e.Words[0].Stems {
		if s == "явля" {
			return true
		}
	}
	return false
}

// wdInstrumentalAhead reports whether one of the next two words looks like
// a noun or adjective in the instrumental case: «является органом»,
// «являются обязательными», «является также основанием».
func wdInstrumentalAhead(d *linter.Document, from, end int) bool {
	for k, n := 0, from; k < 2; k++ {
		j := wdNextWord(d, n, end)
		if j < 0 || d.Tokens[j].Kind != linter.Word || wdPreposition(d.Norm(&d.Tokens[j])) {
			return false // «является на приём»: «comes»
		}
		if wdInstrumental(d.Norm(&d.Tokens[j])) {
			return true
		}
		n = j + 1
	}
	return false
}

// wdPreposition reports the prepositions a noun phrase may start with.
func wdPreposition(norm string) bool {
	switch norm {
	case "в", "во", "на", "к", "ко", "по", "с", "со", "из", "от", "до", "за", "под", "над", "при", "о", "об", "у",
		"для", "через", "без", "после", "перед":
		return true
	}
	return false
}

// wdInstrumentalBehind reports an instrumental among the three words
// before a link verb, in the same clause: «причиной протечки является
// износ», «управляющей организацией является ООО…».
func wdInstrumentalBehind(d *linter.Document, at int) bool {
	for k, j := 0, at; k < 3; k++ {
		if j = wdPrevWord(d, j); j < 0 || d.Tokens[j].Kind != linter.Word {
			return false
		}
		if wdInstrumental(d.Norm(&d.Tokens[j])) {
			return true
		}
	}
	return false
}

var wdInstrEndings = []string{"ом", "ем", "ой", "ей", "ью", "ами", "ями", "ым", "им", "ыми", "ими", "ою", "ею"}

func wdInstrumental(norm string) bool {
	if utf8.RuneCountInString(norm) < 4 {
		return false // «тем», «чем», «ним» are not the predicate
	}
	for _, e := range wdInstrEndings {
		if strings.HasSuffix(norm, e) {
			return true
		}
	}
	return false
}

// wdSeverity is the severity of an entry's finding: a soft entry is a
// hint (info) whatever the profile says, unless the profile is milder.
func wdSeverity(c *linter.Context, e *dict.Entry) linter.Severity {
	sev := c.Severity()
	if e.Soft && sev.Rank() > linter.Info.Rank() {
		return linter.Info
	}
	return sev
}

// wdVoice is how a rule's messages speak: the kind that starts them
// («Канцелярит»), the lead of the plain words («пишите проще») and the
// advice when the list gives none («скажите проще»).
type wdVoice struct{ kind, lead, none string }

var (
	jargonVoice  = wdVoice{"Канцелярит", "пишите проще", "скажите проще"}
	foreignVoice = wdVoice{"Иностранное слово", "пишите по-русски", "напишите по-русски"}
)

// wdInfo is what the word rules need about an entry, prepared once: the
// forms an allow list may name it by, and the parts of its message.
type wdInfo struct {
	voice  wdVoice
	keys   []string
	words  [][]string // the words of each replacement, normalised
	adj    bool       // one word found, an adjective: replacements agree with it
	alts   []string   // hints shown among the replacements: «на (дата)»
	advice []string   // advice from the list: «назовите орган»
	reason string     // the reason, without a leading kind
	del    bool       // a replacement is "": the phrase may be deleted

	// The ends of the messages that do not depend on the text found
	// (see wdReport), written once instead of for every finding: for a
	// match in the dictionary form, for a part of a hyphenated word, and
	// for a match whose replacements all need the right form. Empty:
	// wdReport writes them.
	headTail, partTail, plainTail string
}

func wdNewInfo(v wdVoice, e *dict.Entry) *wdInfo {
	in := &wdInfo{voice: v, keys: wdAllowKeys(e)}
	for _, r := range e.Replace {
		var ws []string
		for _, w := range strings.Fields(r) {
			ws = append(ws, linter.Normalize(w))
		}
		in.words = append(in.words, ws)
	}
	in.adj = e.Span() == 1 && e.Words[0].Punct == "" && dict.IsAdjective(e.Words[0].Head)
	for _, h := range e.Hints {
		if strings.HasPrefix(h, "(") && strings.HasSuffix(h, ")") {
			in.advice = append(in.advice, strings.TrimSuffix(strings.TrimPrefix(h, "("), ")"))
			continue
		}
		in.alts = append(in.alts, h)
	}
	r := strings.TrimSpace(e.Reason)
	if k := strings.Index(r, ":"); k > 0 && strings.EqualFold(r[:k], v.kind) {
		r = strings.TrimSpace(r[k+1:])
	}
	// «Пишите «проверка».» only repeats the replacement the message
	// already names: keep what comes before it, if anything.
	if k := strings.Index(r, ":"); k > 0 && wdRepeats(r[k+1:], e) {
		r = r[:k]
	} else if wdRepeats(r, e) {
		r = ""
	}
	if r != "" {
		r = wdUpperFirst(r)
		if !strings.HasSuffix(r, ".") && !strings.HasSuffix(r, "!") && !strings.HasSuffix(r, "?") {
			r += "."
		}
	}
	in.reason = r
	// The replacements as wdReport sorts them when none of them is
	// adapted to the text: literal in the dictionary form, to be put in
	// the right form otherwise.
	var lits, inflect, plain []string
	for _, r := range e.Replace {
		if r == "" {
			in.del = true
			continue
		}
		lits = wdAdd(lits, r)
		plain = wdAdd(plain, r)
	}
	for _, r := range e.Inflect {
		inflect = wdAdd(inflect, r)
		plain = wdAdd(plain, r)
	}
	in.headTail = in.tail(lits, inflect, false)
	in.partTail = in.tail(nil, plain, true)
	in.plainTail = in.tail(nil, plain, false)
	return in
}

// wdRepeats reports whether a reason only tells to write the entry's
// own replacements: «пишите «проверка» или «наблюдение».».
func wdRepeats(r string, e *dict.Entry) bool {
	rest := strings.ToLower(strings.TrimSpace(r))
	if !strings.HasPrefix(rest, "пишите «") {
		return false
	}
	rest = strings.TrimPrefix(rest, "пишите ")
	for rest != "" {
		if !strings.HasPrefix(rest, "«") {
			return false
		}
		q, tail, ok := strings.Cut(rest[len("«"):], "»")
		if !ok || !wdNamed(q, e) {
			return false
		}
		rest = strings.TrimSpace(tail)
		for _, sep := range []string{",", "или", "."} {
			rest = strings.TrimSpace(strings.TrimPrefix(rest, sep))
		}
	}
	return true
}

// wdNamed reports whether w is one of the entry's replacements.
func wdNamed(w string, e *dict.Entry) bool {
	w = linter.Normalize(w)
	for _, l := range [][]string{e.Replace, e.Inflect, e.Hints} {
		for _, r := range l {
			if linter.Normalize(r) == w {
				return true
			}
		}
	}
	return false
}

// wdReport reports a dictionary match with the suggestions that fit where
// it stands. A suggestion replaces the found words literally, so:
//   - a fixed expression, or words exactly in the entry's dictionary form
//     («в настоящее время», «провести проверку»), take the list's
//     replacements as written;
//   - an adjective or participle passes its case ending on to the
//     replacement («некорректном» → «неправильном», «данной» → «этой»);
//   - a replacement that is the phrase's own first or last words fits in
//     any form («расположенной по адресу» → «по адресу»);
//   - other forms («провели проверку», «мониторинга») get no suggestion:
//     the message names the plain word to use in the right form;
//   - a deletion is offered only where it leaves a sentence whole: inside
//     it, with a word after it; the finding then takes the space after
//     the phrase along, so that no double space is left;
//   - a part of a hyphenated word («онлайн-опрос») gets no suggestion.
//
// The message says what the voice of the entry's rule says (see wdVoice);
// the texts go to out, the check's (see wdTexts), which keeps them for
// the next finding of the same words.
func wdReport(c *linter.Context, out *wdTexts, m dict.Match, in *wdInfo) {
	k, end := wdKeyOf(c.Doc, m, in)
	f, ok := out.done[k]
	switch {
	case !ok:
		f = wdWrite(c.Doc, out, m, k)
		out.keep(k, f)
	case f.sugg != nil: // a list of its own, as a finding has
		f.sugg = append(out.list(len(f.sugg)), f.sugg...)
	}
	c.ReportAs(wdSeverity(c, m.Entry), m.Start, end, f.msg, f.sugg...)
}

// wdKeyOf returns the key of match m's texts and the end of its finding:
// a deletion takes the space after the words along.
func wdKeyOf(d *linter.Document, m dict.Match, in *wdInfo) (k wdKey, end int) {
	t := &d.Tokens[m.First]
	k = wdKey{in: in, text: d.Text[m.Start:m.End], toks: m.Last - m.First}
	k.part = k.toks == 1 && (m.Start != int(t.Start) || m.End != int(t.End))
	end = m.End
	if in.del && !k.part {
		if sp, ok := wdDeletable(d, m); ok {
			k.space = d.TokenText(sp)
			end = int(d.Tokens[sp].End)
		}
	}
	return k, end
}

// wdKey is what a finding's texts depend on (see wdWrite): the entry
// (with the rule's voice), the words found, which are tokens enough to
// read their forms from, whether they are a part of a word, and the
// space a deletion takes along ("": a deletion does not fit).
type wdKey struct {
	in    *wdInfo
	text  string
	toks  int // how many tokens the words are
	part  bool
	space string
}

// wdFinding is the message and suggestions of a finding.
type wdFinding struct {
	msg  string
	sugg []string // nil when there is nothing to offer
}

// wdWrite writes the message and suggestions of match m, whose words are
// key (see wdReport).
func wdWrite(d *linter.Document, out *wdTexts, m dict.Match, key wdKey) wdFinding {
	in, e, text, part, space := key.in, m.Entry, key.text, key.part, key.space
	t := &d.Tokens[m.First]
	head := !part && e.InHeadForm(d, m)
	// Entries have a few replacements: the lists live on the stack.
	var litsBuf, plainBuf [4]string
	lits, plain := litsBuf[:0], plainBuf[:0]
	for k, r := range e.Replace {
		var sub string
		switch {
		case r == "":
		case part:
			plain = wdAdd(plain, r)
		case head:
			lits = wdAdd(lits, r)
		case wdSubphrase(d, m, in.words[k], &sub):
			lits = wdAdd(lits, sub)
		case in.adj && dict.IsAdjective(r):
			if s, ok := dict.Agree(e.Words[0].Head, d.Norm(t), r); ok {
				lits = wdAdd(lits, s)
			} else {
				plain = wdAdd(plain, r)
			}
		default:
			plain = wdAdd(plain, r)
		}
	}
	for _, r := range e.Inflect {
		plain = wdAdd(plain, r)
	}
	var tail string
	switch {
	case part:
		tail = in.partTail
	case head:
		tail = in.headTail
	case len(lits) == 0:
		tail = in.plainTail // every replacement went to plain, in order
	}
	size := len(in.voice.kind) + len(text) + len(": „“") + len(tail)
	if tail == "" {
		size += len(in.reason) + 160
	}
	for _, l := range lits {
		size += len(l) + len(space)
	}
	b := out.grow(size)
	start := b.Len()
	b.WriteString(in.voice.kind)
	b.WriteString(": „")
	b.WriteString(text)
	b.WriteString("“")
	if tail != "" {
		b.WriteString(tail)
	} else { // replacements fitted to the text, or an info not prepared
		in.writeTail(b, lits, plain, part)
	}
	// The suggestions, in the list's order, with the deletion where it
	// fits; capitalised when the text found is (a sentence start).
	upper := wdStartsUpper(text)
	var ends [5]int // where each literal ends in b; entries have a few
	bounds := ends[:0]
	msgEnd := b.Len()
	for _, l := range lits {
		if upper {
			wdWriteUpperFirst(b, l)
		} else {
			b.WriteString(l)
		}
		b.WriteString(space)
		bounds = append(bounds, b.Len())
	}
	all := b.String()
	drop := space != "" // the deletion fits
	var sugg []string
	if n := len(lits); n > 0 || drop {
		sugg = out.list(n + 1)
	}
	if drop {
		sugg = append(sugg, "")
	}
	from := msgEnd
	for _, to := range bounds {
		sugg = append(sugg, all[from:to])
		from = to
	}
	return wdFinding{all[start:msgEnd], sugg}
}

// wdCount returns how many matches are of the list.
func wdCount(ms []dict.Match, list int) int {
	n := 0
	for _, m := range ms {
		if m.Entry.List == list {
			n++
		}
	}
	return n
}

// wdTexts holds the texts of one check's findings: their messages and
// suggestions are written into a few large strings and cut from them, and
// their suggestion lists cut from a few large slices, instead of an
// allocation or two for each finding. A string cut from a Builder stays
// valid as the Builder grows: its bytes are never written again. The
// first chunks are sized for the findings expected, the next ones
// double, so that a letter with a few findings takes little more memory
// than it would finding by finding.
//
// Documents repeat phrases («в целях», «данный»): the texts of a finding
// are kept by what they depend on, and the next finding of the same
// words takes them with a map lookup instead of writing them again.
type wdTexts struct {
	b     strings.Builder
	lists []string
	size  int // of the last chunk of text, in bytes
	lsize int // of the last chunk of lists, in strings
	done  map[wdKey]wdFinding
}

// wdKeepMin is how many findings a check expects before wdTexts keeps
// their texts: a letter has few and seldom repeats one.
const wdKeepMin = 32

// wdMaxChunk bounds the chunks of text; lists take a 64th of it.
const wdMaxChunk = 16 << 10

// expect sizes the first chunks for about n findings: a finding's texts
// take some 230 bytes, its list one or two strings.
func (x *wdTexts) expect(n int) {
	x.size = min(n*240, wdMaxChunk) / 2 // grow doubles it
	x.lsize = min(n*2, wdMaxChunk/64) / 2
	if n >= wdKeepMin {
		x.done = map[wdKey]wdFinding{}
	}
}

// keep keeps the texts of a finding, if the check keeps them.
func (x *wdTexts) keep(k wdKey, f wdFinding) {
	if x.done != nil {
		x.done[k] = f
	}
}

// grow returns the Builder to write the next n bytes in, with room for
// them: a new one when the current one is full, so that no bytes move.
func (x *wdTexts) grow(n int) *strings.Builder {
	if x.b.Cap()-x.b.Len() < n {
		x.size = min(max(2*x.size, 256), wdMaxChunk)
		x.b = strings.Builder{} // the strings cut from the old one keep it
		x.b.Grow(max(n, x.size))
	}
	return &x.b
}

// list returns an empty slice with room for n strings, cut from the
// current chunk: appending past n would not reach the next list.
func (x *wdTexts) list(n int) []string {
	if cap(x.lists)-len(x.lists) < n {
		x.lsize = min(max(2*x.lsize, 4), wdMaxChunk/64)
		x.lists = make([]string, 0, max(n, x.lsize))
	}
	k := len(x.lists)
	x.lists = x.lists[:k+n]
	return x.lists[k : k : k+n]
}

// tail returns the end of a message (see writeTail).
func (in *wdInfo) tail(lits, plain []string, part bool) string {
	var b strings.Builder
	in.writeTail(&b, lits, plain, part)
	return b.String()
}

// writeTail writes the end of a message after the text found: the
// literal replacements lits and the hints, the words plain to use in the
// right form (or as they are, for a part of a word), the advice and the
// reason.
func (in *wdInfo) writeTail(b *strings.Builder, lits, plain []string, part bool) {
	alts := append(lits[:len(lits):len(lits)], in.alts...)
	said := false
	switch {
	case len(alts) > 0:
		b.WriteString(" → ")
		wdQuoteList(b, alts)
		if in.del {
			b.WriteString(", или просто уберите")
		}
		said = true
	case in.del:
		b.WriteString(" — уберите")
		said = true
	}
	if len(plain) > 0 {
		if said {
			b.WriteString("; или ")
		} else {
			b.WriteString(" — " + in.voice.lead + ": ")
		}
		wdQuoteList(b, plain)
		if !part {
			b.WriteString(" в нужной форме")
		}
		said = true
	}
	for _, a := range in.advice {
		if said {
			b.WriteString("; ")
		} else {
			b.WriteString(" — ")
		}
		b.WriteString(a)
		said = true
	}
	if !said {
		b.WriteString(" — " + in.voice.none)
	}
	b.WriteString(".")
	if in.reason != "" {
		b.WriteString(" ")
		b.WriteString(in.reason)
	}
}

// wdSubphrase reports whether the replacement, given by its normalised
// words rw, is just the match's first or last words («расположенной по
// адресу» → «по адресу», «за счёт средств» → «за счёт»): dropping the rest
// fits in any form. The text of those words goes to sub.
func wdSubphrase(d *linter.Document, m dict.Match, rw []string, sub *string) bool {
	var toks [16]int // the match's words; phrases are short
	n := 0
	for i := m.First; i < m.Last && n < len(toks); i++ {
		switch d.Tokens[i].Kind {
		case linter.Word, linter.Number:
			toks[n] = i
			n++
		case linter.Punct:
			return false
		}
	}
	if len(rw) == 0 || len(rw) >= n {
		return false
	}
	same := func(from int) bool {
		for k, w := range rw {
			if t := &d.Tokens[toks[from+k]]; d.Norm(t) != w && d.Text[t.Start:t.End] != w {
				return false
			}
		}
		return true
	}
	switch {
	case same(0):
		*sub = d.Text[d.Tokens[toks[0]].Start:d.Tokens[toks[len(rw)-1]].End]
	case same(n - len(rw)):
		*sub = d.Text[d.Tokens[toks[n-len(rw)]].Start:d.Tokens[toks[n-1]].End]
	default:
		return false
	}
	return true
}

// wdDeletable reports whether deleting a match leaves the sentence whole:
// a word stands before it and a space and a word after it. sp is the
// space after the match, which the deletion takes along.
func wdDeletable(d *linter.Document, m dict.Match) (sp int, ok bool) {
	if wdPrevWord(d, m.First) < 0 {
		return 0, false // a sentence start or after punctuation
	}
	if m.Last+1 >= len(d.Tokens) || d.Tokens[m.Last].Kind != linter.Space || !d.Tokens[m.Last+1].IsWordLike() ||
		d.SentenceAt(m.Last+1) != d.SentenceAt(m.First) {
		return 0, false
	}
	return m.Last, true
}

// wdQuoteList writes „a“, „b“ или „c“.
func wdQuoteList(b *strings.Builder, ws []string) {
	for i, w := range ws {
		switch {
		case i == 0:
		case i == len(ws)-1:
			b.WriteString(" или ")
		default:
			b.WriteString(", ")
		}
		b.WriteString("„")
		b.WriteString(w)
		b.WriteString("“")
	}
}

func wdAdd(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// wdStartsUpper reports whether the found text starts with a capital (a
// sentence start): its suggestions are capitalised to fit in place.
func wdStartsUpper(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(r)
}

func wdUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// wdWriteUpperFirst writes wdUpperFirst(s) to b.
func wdWriteUpperFirst(b *strings.Builder, s string) {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		b.WriteString(s)
		return
	}
	b.WriteRune(unicode.ToUpper(r))
	b.WriteString(s[n:])
}
