package rules

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return address{}, nil }) }

// address checks how the reply speaks to its reader (п. 2.5: the form of
// business correspondence). One person is addressed with a capital «Вы»,
// many people («Уважаемые жители!») with a small «вы»; a letter to a
// adPerson opens with a greeting, and the name in the greeting agrees with
// the addressee in the header — replies have gone out greeting the wrong
// adPerson.
type address struct{}

var addressMeta = &linter.Meta{
	ID:          "address",
	Category:    linter.CatAddress,
	Severity:    linter.Warning,
	Description: "Обращение к адресату: «Вы» с большой буквы, приветствие, имя как в шапке",
	Explanation: "В письме одному человеку из вежливости пишут «Вы», «Ваш», «Вам» с большой буквы. Если ответ " +
		"адресован многим («Уважаемые жители!»), пишут со строчной: «вы», «ваш». Письмо человеку начинают с " +
		"обращения по имени и отчеству: «Уважаемая Татьяна Викторовна!». Имя, отчество и род в обращении должны " +
		"совпадать с адресатом в шапке: «Кузнецовой Т.В.» — «Уважаемая Татьяна Викторовна», а не «Уважаемый Виктор " +
		"Алексеевич». Слова в кавычках (цитаты из закона или из обращения) не проверяются.",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "Уважаемая Татьяна Викторовна!\n\nМы рассмотрели ваше обращение.",
			Good: "Уважаемая Татьяна Викторовна!\n\nМы рассмотрели Ваше обращение."},
		{Bad: "Кузнецовой Т.В.\n\nУважаемый Виктор Алексеевич!\n\nМы рассмотрели Ваше обращение.",
			Good: "Уважаемые жители!\n\nМы рассмотрели ваше обращение."},
	},
}

func (address) Meta() *linter.Meta { return addressMeta }

// adPolite are the forms of «вы» and «ваш» written with a capital to
// one person.
var adPolite = tpSet("вы", "вас", "вам", "вами", "ваш", "ваша", "ваше", "ваши", "вашего", "вашей", "вашему",
	"вашим", "вашими", "вашем", "вашу", "ваших")

var wtPolite = newTest(func(n string) bool { return adPolite[n] })

func (address) Check(c *linter.Context) {
	d := c.Doc
	l := adReadLetter(d)
	single := l.greet.kind == adGreetOne ||
		(l.greet.kind == adGreetNone || l.greet.kind == adGreetNameless) && l.person != nil
	if single {
		q := adQuoted{block: -1}
		// Every word lies in a sentence: the words read for the sentence
		// rules are all the words. Most sentences hold no «вы» and are
		// skipped by the union of their words' answers.
		x := dsSentsOf(d)
		for si := range x.facts {
			if !x.facts[si].any.has(wtPolite) {
				continue
			}
			for k := x.first[si]; k < x.first[si+1]; k++ {
				if cl := x.cls[k]; cl == wtPlainClass || !x.sets[cl].has(wtPolite) {
					continue
				}
				i := x.w[k]
				t := &d.Tokens[i]
				r, n := utf8.DecodeRuneInString(d.Text[t.Start:])
				if !unicode.IsLower(r) || q.has(d, i) {
					continue
				}
				w := d.Text[t.Start:t.End]
				up := string(unicode.ToUpper(r)) + w[n:]
				c.Report(int(t.Start), int(t.End), "Ответ адресован одному человеку: из вежливости пишите «"+up+"» с большой буквы.", up)
			}
		}
	}
	if l.greet.kind == adGreetNone && l.body >= 0 && (l.person != nil || l.replyLine) {
		t := &d.Tokens[l.body]
		c.ReportAs(linter.Info, int(t.Start), int(t.End), "Ответ начинается без обращения к адресату. Начните с обращения "+
			"по имени и отчеству, например «Уважаемая Татьяна Викторовна!» — так принято в деловом письме.")
	}
	if l.greet.kind == adGreetOne {
		if msg := l.mismatch(d); msg != "" {
			c.Report(l.greet.start, l.greet.end, msg)
		}
	}
}

// adGreetKind tells whom the greeting addresses.
type adGreetKind int

const (
	adGreetNone     adGreetKind = iota // no greeting
	adGreetOne                         // «Уважаемая Татьяна Викторовна!», «Здравствуйте, Ирина!»
	adGreetMany                        // «Уважаемые жители!»
	adGreetNameless                    // «Здравствуйте!», «Добрый день!»
)

// adGreeting is the opening address of a letter.
type adGreeting struct {
	kind        adGreetKind
	start, end  int   // bytes of the greeting sentence
	first, last int   // its tokens
	gender      byte  // 'm' or 'f' from «Уважаемый»/«Уважаемая», 0 unknown
	names       []int // tokens of the name: «Татьяна», «Викторовна»
	surname     bool  // the name is a surname («господин Иванов»)
}

// adPerson is an addressee named in the header: «Кузнецовой Т.В.».
type adPerson struct {
	start, end int    // bytes of the name with initials
	initials   []rune // upper-case initials in order
	gender     byte   // from the dative ending of the surname, 0 unknown
}

// adLetter is the shape of a reply: header, greeting, body, signature.
type adLetter struct {
	greet     adGreeting
	person    *adPerson // the one addressee in the header, if any
	replyLine bool      // «На обращение от …» in the header
	body      int       // first token of the body, -1 when there is none
	tail      int       // byte offset where the signature starts (len(Text) if none)
}

// adGreetStarts open a greeting; the rest of the sentence says whom it
// addresses.
var adGreetStarts = tpSet("уважаемый", "уважаемая", "уважаемые", "дорогой", "дорогая", "дорогие", "здравствуйте",
	"добрый", "доброе", "доброго", "приветствуем")

// adMaxHeaderBlocks bounds the search for a header and greeting: letters
// put them in the first few paragraphs.
const adMaxHeaderBlocks = 8

// adReadLetter finds the header, the greeting and the signature. A text
// without header lines (a paragraph checked in the editor) has no
// addressee: nothing is guessed about it.
func adReadLetter(d *linter.Document) adLetter {
	l := adLetter{body: -1, tail: adSignatureStart(d)}
	hdrEnd := 0  // header tokens are [0, hdrEnd)
	bodyAt := -1 // the body starts at the first word from this token
	for bi := 0; bi < len(d.Blocks) && bi < adMaxHeaderBlocks; bi++ {
		b := &d.Blocks[bi]
		if g, ok := adFindGreeting(d, bi); ok {
			l.greet = g
			hdrEnd, bodyAt = g.first, g.last
			break
		}
		if !adHeaderBlock(d, bi) {
			hdrEnd, bodyAt = b.First, b.First
			break
		}
		hdrEnd = b.Last
	}
	var people []*adPerson
	lineStart := true
	for i := 0; i < hdrEnd; i++ {
		t := &d.Tokens[i]
		switch t.Kind {
		case linter.Newline:
			lineStart = true
			continue
		case linter.Space:
			continue
		}
		if i > 0 && strings.Contains(d.Text[d.Tokens[i-1].End:t.Start], "\n") {
			lineStart = true // the first line of the next block
		}
		if lineStart && adReplyLine(d, i, hdrEnd) {
			l.replyLine = true
		}
		lineStart = false
		if p, next := adPersonAt(d, i, hdrEnd); p != nil {
			people = append(people, p)
			i = next - 1
		}
	}
	if len(people) == 1 {
		l.person = people[0]
	}
	if bodyAt >= 0 {
		for i := bodyAt; i < len(d.Tokens); i++ {
			if d.Tokens[i].IsWordLike() {
				l.body = i
				break
			}
		}
	}
	// The signature follows the body: the short lines before the body
	// are the header and the greeting.
	if l.body < 0 {
		l.tail = len(d.Text)
	} else if bi := d.BlockAt(int(d.Tokens[l.body].Start)); bi >= 0 && l.tail < d.Blocks[bi].End {
		l.tail = len(d.Text)
		if bi+1 < len(d.Blocks) {
			l.tail = d.Blocks[bi+1].Start
		}
	}
	return l
}

// adHeaderBlock reports a block of short lines that are not sentences,
// the way a header is set: the sender, the addressee, «На обращение от …».
func adHeaderBlock(d *linter.Document, bi int) bool {
	words, lines, sentence := adBlockShape(d, &d.Blocks[bi])
	return words <= 10 && lines <= 6 && !sentence
}

// adBlockShape measures a block: the most words on a line, the lines, and
// whether a line ends a sentence («Мы проверили дом.»; «Орлова Е.Н.» and
// «ул. Кирова, д. 5» do not).
func adBlockShape(d *linter.Document, b *linter.Block) (maxWords, lines int, sentence bool) {
	words, last := 0, -1
	endLine := func() {
		lines++
		if last > b.First && strings.Contains(".!?", d.TokenText(last)) {
			if p := &d.Tokens[last-1]; d.TokenText(last) != "." || p.Kind == linter.Word && utf8.RuneCountInString(d.Norm(p)) > 1 {
				sentence = true
			}
		}
	}
	for i := b.First; i < b.Last; i++ {
		switch d.Tokens[i].Kind {
		case linter.Newline:
			endLine()
			words, last = 0, -1
			continue
		case linter.Space:
			continue
		case linter.Word, linter.Number:
			if i == b.First || d.Tokens[i-1].Kind == linter.Space || d.Tokens[i-1].Kind == linter.Newline {
				words++
				maxWords = max(maxWords, words)
			}
		}
		last = i
	}
	endLine()
	return maxWords, lines, sentence
}

// adReplyLine reports a line that opens «На обращение от …», «На Ваше
// обращение …», «Ответ на обращение …»: the header of a reply to an appeal.
func adReplyLine(d *linter.Document, i, last int) bool {
	var buf [3]string
	ws := buf[:0]
	for ; i < last && len(ws) < 3 && d.Tokens[i].Kind != linter.Newline; i++ {
		if d.Tokens[i].Kind == linter.Word {
			ws = append(ws, d.Norm(&d.Tokens[i]))
		}
	}
	if len(ws) < 2 {
		return false
	}
	if ws[0] == "ответ" && ws[1] == "на" {
		return true
	}
	if ws[0] != "на" {
		return false
	}
	w := ws[1]
	if (w == "ваше" || w == "ваш" || w == "вашу") && len(ws) > 2 {
		w = ws[2]
	}
	return strings.HasPrefix(w, "обращен") || strings.HasPrefix(w, "заявлен") || strings.HasPrefix(w, "жалоб")
}

// adFindGreeting looks for a line of block bi that opens with a greeting.
func adFindGreeting(d *linter.Document, bi int) (adGreeting, bool) {
	b := &d.Blocks[bi]
	lineStart := true
	for i := b.First; i < b.Last; i++ {
		t := &d.Tokens[i]
		switch t.Kind {
		case linter.Newline:
			lineStart = true
			continue
		case linter.Space:
			continue
		}
		if lineStart && t.Kind == linter.Word && (adGreetStarts[d.Norm(t)] || adNameFirst(d, i, b.Last)) {
			if g, ok := adReadGreeting(d, i); ok {
				return g, true
			}
		}
		lineStart = false
	}
	return adGreeting{}, false
}

// adNameFirst reports a greeting that puts the name first: «Ольга,
// здравствуйте!», «Иван Петрович, добрый день!» — a capitalised word, then
// within three words a comma and a greeting word, in a sentence ending «!».
func adNameFirst(d *linter.Document, i, last int) bool {
	if !d.Tokens[i].Is(linter.Title) {
		return false
	}
	comma, words := false, 0
	for j := i + 1; j < last && words < 4; j++ {
		t := &d.Tokens[j]
		switch t.Kind {
		case linter.Newline:
			return false
		case linter.Punct:
			if d.TokenText(j) == "," {
				comma = true
			}
		case linter.Word:
			words++
			if comma && adGreetStarts[d.Norm(t)] {
				si := d.SentenceAt(i)
				return si >= 0 && strings.HasSuffix(d.SentenceText(si), "!")
			}
		}
	}
	return false
}

// adReadGreeting reads the sentence opening at token first as a greeting:
// whom it addresses, the gender of «Уважаемый/Уважаемая», the name.
func adReadGreeting(d *linter.Document, first int) (adGreeting, bool) {
	si := d.SentenceAt(first)
	if si < 0 || d.Sentences[si].Words > 12 {
		return adGreeting{}, false
	}
	s := d.Sentences[si]
	g := adGreeting{start: s.Start, end: s.End, first: s.First, last: s.Last, kind: adGreetNameless}
	adj := ""
	for i := s.First; i < s.Last; i++ {
		switch d.Norm(&d.Tokens[i]) {
		case "уважаемый", "дорогой":
			g.gender, adj = 'm', d.Norm(&d.Tokens[i])
		case "уважаемая", "дорогая":
			g.gender, adj = 'f', d.Norm(&d.Tokens[i])
		case "уважаемые", "дорогие":
			g.kind = adGreetMany
			return g, true
		}
	}
	comma := false
	for i := s.First; i < s.Last; i++ {
		t := &d.Tokens[i]
		if t.Kind == linter.Punct && d.TokenText(i) == "," {
			comma = true
		}
		if t.Kind != linter.Word {
			continue
		}
		n := d.Norm(t)
		if adGreetStarts[n] || n == "день" || n == "утро" || n == "вечер" {
			continue // «добрый день» is part of the greeting, not whom it names
		}
		if n == "господин" || n == "госпожа" {
			g.surname = true // «Уважаемый господин Иванов»: a surname, not a first name
			continue
		}
		if n == "и" && len(g.names) > 0 {
			// «Иван Петрович и Мария Ивановна»: more than one person.
			g.kind = adGreetMany
			return g, true
		}
		if !t.Is(linter.Title) {
			// «Здравствуйте, жители!» names a group; «Добрый день» and
			// «Уважаемый собственник» say nothing more.
			if comma && adj == "" {
				g.kind = adGreetMany
				return g, true
			}
			continue
		}
		g.names = append(g.names, i)
	}
	if len(g.names) > 0 || adj != "" {
		g.kind = adGreetOne
	}
	return g, true
}

// adPersonAt reads a name with initials at token i: «Кузнецовой Т.В.»,
// «Т.В. Кузнецовой», «Смирнову Д. А.». It returns the person and the
// token after the name, or nil.
func adPersonAt(d *linter.Document, i, last int) (*adPerson, int) {
	t := &d.Tokens[i]
	if adIsSurname(d, t) {
		if ini, end, next := adReadInitials(d, adSkipSpace(d, i+1, last), last); len(ini) > 0 {
			return &adPerson{start: int(t.Start), end: end, initials: ini, gender: adSurnameGender(d.Norm(t))}, next
		}
		return nil, i + 1
	}
	ini, _, next := adReadInitials(d, i, last)
	if len(ini) == 0 {
		return nil, i + 1
	}
	if j := adSkipSpace(d, next, last); j < last && adIsSurname(d, &d.Tokens[j]) {
		sn := &d.Tokens[j]
		return &adPerson{start: int(t.Start), end: int(sn.End), initials: ini, gender: adSurnameGender(d.Norm(sn))}, j + 1
	}
	return nil, i + 1
}

func adIsSurname(d *linter.Document, t *linter.Token) bool {
	return t.Kind == linter.Word && t.Is(linter.Cyrillic) && t.Is(linter.Title) && !t.Is(linter.Hyphen) &&
		utf8.RuneCountInString(d.Norm(t)) >= 2
}

func adSkipSpace(d *linter.Document, i, last int) int {
	for i < last && d.Tokens[i].Kind == linter.Space {
		i++
	}
	return i
}

// adReadInitials reads «Т.В.», «Т. В.» or «Т.» at token i: the letters, the
// byte end and the token after them.
func adReadInitials(d *linter.Document, i, last int) ([]rune, int, int) {
	var ini []rune
	end, next := 0, i
	for len(ini) < 2 && i+1 < last {
		t := &d.Tokens[i]
		if t.Kind != linter.Word || !t.Is(linter.Title) || utf8.RuneCountInString(d.Norm(t)) != 1 ||
			!t.Is(linter.Cyrillic) || d.TokenText(i+1) != "." {
			break
		}
		r, _ := utf8.DecodeRuneInString(d.Text[t.Start:])
		ini = append(ini, r)
		end, next = int(d.Tokens[i+1].End), i+2
		i = adSkipSpace(d, i+2, last)
	}
	return ini, end, next
}

// adSurnameGender reads the gender off a surname in the dative, the case of
// a header: «Кузнецовой» is a woman, «Никитину», «Лебедеву» a man.
// Surnames that do not decline («Шевчук», «Петренко») say nothing.
func adSurnameGender(norm string) byte {
	if utf8.RuneCountInString(norm) < 4 {
		return 0
	}
	switch {
	case strings.HasSuffix(norm, "ой"):
		return 'f'
	case strings.HasSuffix(norm, "у"), strings.HasSuffix(norm, "ю"):
		return 'm'
	}
	return 0
}

// adPatronymicGender reads the gender off a patronymic: «Викторовна»,
// «Алексеевич», «Ильич», «Кузьминична».
func adPatronymicGender(norm string) byte {
	switch {
	case strings.HasSuffix(norm, "вна"), strings.HasSuffix(norm, "чна"):
		return 'f'
	case strings.HasSuffix(norm, "вич"), strings.HasSuffix(norm, "ьич"), strings.HasSuffix(norm, "мич"):
		return 'm'
	}
	return 0
}

// mismatch compares the greeting with the header addressee and with
// itself, and explains the first disagreement; "" when they agree.
func (l *adLetter) mismatch(d *linter.Document) string {
	g := &l.greet
	var patr byte
	if len(g.names) == 2 {
		patr = adPatronymicGender(d.Norm(&d.Tokens[g.names[1]]))
	}
	if g.gender != 0 && patr != 0 && g.gender != patr {
		return "В обращении «" + adAdj(g.gender) + "» не согласуется с отчеством «" + d.TokenText(g.names[1]) +
			"». Проверьте, к кому обращается письмо."
	}
	p := l.person
	if p == nil {
		return ""
	}
	who := "«" + d.Text[p.start:p.end] + "»"
	gg := g.gender
	if gg == 0 {
		gg = patr
	}
	if gg != 0 && p.gender != 0 && gg != p.gender {
		return "Обращение не совпадает с адресатом в шапке " + who + ": там " + adGenderWord(p.gender) +
			", а в обращении — " + adGenderWord(gg) + ". Проверьте, тому ли человеку ответ."
	}
	// Initials are compared only when the greeting is a first name, or a
	// first name and a patronymic.
	names := g.names
	if len(names) == 2 && patr == 0 || len(names) > 2 || len(names) == 0 || g.surname {
		return ""
	}
	for k, i := range names {
		if k >= len(p.initials) {
			break
		}
		r, _ := utf8.DecodeRuneInString(d.TokenText(i))
		if unicode.ToUpper(r) != p.initials[k] {
			return "Имя в обращении не совпадает с инициалами адресата в шапке " + who + ": «" +
				d.TokenText(i) + "» не начинается на «" + string(p.initials[k]) + "». Проверьте, тому ли человеку ответ."
		}
	}
	return ""
}

func adAdj(g byte) string {
	if g == 'f' {
		return "Уважаемая"
	}
	return "Уважаемый"
}

func adGenderWord(g byte) string {
	if g == 'f' {
		return "женщина"
	}
	return "мужчина"
}

// adSpans is a sorted list of disjoint byte ranges.
type adSpans []linter.Span

func (s adSpans) has(off int) bool {
	k := sort.Search(len(s), func(k int) bool { return s[k].End > off })
	return k < len(s) && s[k].Start <= off
}

// adQuoted tells the words inside paired quotes: citations of a law or
// of the appeal. Quotes pair within a block, so it pairs them only in the
// blocks it is asked about, one at a time: most blocks hold no «вы»
// written small.
type adQuoted struct {
	block int     // the block of spans, -1 for none
	spans adSpans // the quoted text of the block
}

// has reports whether token i lies inside quotes.
func (q *adQuoted) has(d *linter.Document, i int) bool {
	bi := sort.Search(len(d.Blocks), func(k int) bool { return d.Blocks[k].Last > i })
	if bi == len(d.Blocks) || d.Blocks[bi].First > i {
		return false // no block holds the token, so no quotes around it
	}
	if bi != q.block {
		q.block, q.spans = bi, adQuotedSpans(d, bi, q.spans[:0])
	}
	return q.spans.has(int(d.Tokens[i].Start))
}

// adQuotedSpans appends to out the text inside paired quotes of block
// bi, sorted, the nested pairs merged.
func adQuotedSpans(d *linter.Document, bi int, out adSpans) adSpans {
	b := &d.Blocks[bi]
	pairs, _ := tpQuotes(d, b.First, b.Last, nil)
	for _, p := range pairs {
		out = append(out, linter.Span{Start: int(d.Tokens[p.open].Start), End: int(d.Tokens[p.close].End)})
	}
	// Pairs come out inner first; sort them and merge the nested ones.
	slices.SortFunc(out, func(a, b linter.Span) int { return cmp.Compare(a.Start, b.Start) })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, sp.End)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// adSignMarks open the lines of a signature: the signer's post, the
// executor, the phone.
var adSignMarks = tpSet("с", "руководитель", "заместитель", "начальник", "директор", "глава", "председатель",
	"исп", "исполнитель", "тел", "телефон", "консультант", "специалист", "инспектор", "главный", "ведущий",
	"старший", "врио", "и", "уполномоченный", "секретарь", "эксперт")

// adSignatureStart returns the byte offset where the signature begins: the
// trailing blocks of short lines that open with a post, «Исп.», «Тел.»,
// «С уважением», or are names alone. len(Text) when there is none.
func adSignatureStart(d *linter.Document) int {
	start := len(d.Text)
	for bi := len(d.Blocks) - 1; bi >= 0; bi-- {
		b := &d.Blocks[bi]
		if !adSignatureBlock(d, b) {
			break
		}
		start = b.Start
	}
	return start
}

func adSignatureBlock(d *linter.Document, b *linter.Block) bool {
	if b.First >= b.Last {
		return false
	}
	marked := false
	lineFirst := true
	for i := b.First; i < b.Last; i++ {
		t := &d.Tokens[i]
		switch t.Kind {
		case linter.Newline:
			lineFirst = true
			continue
		case linter.Space:
			continue
		}
		if lineFirst && t.Kind == linter.Word && adSignMarks[d.Norm(t)] {
			// «С уважением», «И.о. руководителя»: «с» and «и» alone are not marks.
			if d.Norm(t) != "с" && d.Norm(t) != "и" || i+2 < b.Last && (d.Norm(&d.Tokens[i+2]) == "уважением" || d.TokenText(i+1) == ".") {
				marked = true
			}
		}
		lineFirst = false
	}
	words, _, sentence := adBlockShape(d, b)
	return words <= 12 && (marked || words <= 4 && !sentence)
}
