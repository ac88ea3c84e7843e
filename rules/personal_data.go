package rules

import (
	"strings"

	"github.com/yasno/yasno/linter"
)

func init() { register(func(*Env) (linter.Rule, error) { return personalData{}, nil }) }

// personalData finds personal data a reply must not carry (п. 2.2: the
// client's personal data is not disclosed; 152-ФЗ «О персональных
// данных»). Passport, СНИЛС, bank card and a person's ИНН are never
// needed in a reply. A reply published in a social network (profile
// public) must not name the applicant in full or show their flat, mobile
// phone, e-mail or personal account; a letter sent to the person may.
// Numbers are recognised by their shape and check digits, so that dates,
// phone numbers of the service and document numbers stay silent.
type personalData struct{}

var personalDataMeta = &linter.Meta{
	ID:          "personal-data",
	Category:    linter.CatPersonalData,
	Severity:    linter.Warning,
	Description: "Персональные данные в ответе: паспорт, СНИЛС, карта, ИНН; в публичном ответе — ФИО, квартира, телефон, почта",
	Explanation: "Порядок требует не разглашать личные данные заявителя, а закон 152-ФЗ «О персональных данных» " +
		"запрещает раскрывать их без согласия. Номер паспорта, СНИЛС, номер банковской карты и ИНН человека для " +
		"ответа не нужны — уберите их. В ответе, который публикуют в социальной сети, кроме того нельзя называть " +
		"заявителя по фамилии, имени и отчеству, указывать номер его квартиры, мобильный телефон, электронную почту " +
		"и номер лицевого счёта: обращайтесь по имени («Здравствуйте, Ирина!») и называйте только улицу и дом. " +
		"Телефон и почта службы и исполнителя в подписи — не персональные данные заявителя.",
	Clause: "п. 2.2; 152-ФЗ",
	Examples: []linter.Example{{
		Bad:  "Для перерасчета Вы указали паспорт 12 34 567890 и СНИЛС 112-233-445 95.",
		Good: "Для перерасчета паспорт и СНИЛС не нужны.",
	}},
}

func (personalData) Meta() *linter.Meta { return personalDataMeta }

const pdWhy = " — персональные данные (152-ФЗ «О персональных данных», п. 2.2 Порядка)."

func (personalData) Check(c *linter.Context) { pdCheck(c, false) }

// pdCheck runs the rule. Outside a public reply only a number or a
// passport word starts a finding, and those are among the words read
// once for the sentence rules: the walk visits only the sentences that
// hold one, unless every is set (the plain walk over every token, which
// a public reply needs for its cues and the tests compare with).
func pdCheck(c *linter.Context, every bool) {
	d := c.Doc
	s := &pdScan{c: c, d: d}
	if c.Profile == linter.Public || every {
		s.tokens(c.Profile == linter.Public)
		return
	}
	// Every word lies in a sentence (see address.Check), and a sentence
	// in a block.
	x := dsSentsOf(d)
	skip := 0 // the tokens before skip belong to a finding
	for si := range x.facts {
		if f := &x.facts[si]; !f.num && !f.any.has(wtPassport) {
			continue
		}
		b := &d.Blocks[d.Sentences[si].Block]
		s.first, s.last = b.First, b.Last
		for k := x.first[si]; k < x.first[si+1]; k++ {
			i := x.w[k]
			if i < skip {
				continue
			}
			switch cl := x.cls[k]; {
			case cl == wtNumClass:
				skip = s.number(i)
			case cl != wtPlainClass && x.sets[cl].has(wtPassport):
				skip = s.passportAt(i)
			}
		}
	}
}

// wtPassport is pdPassportWord as a word test.
var wtPassport = newTest(pdPassportWord)

// tokens walks every token of the blocks; public adds the data that must
// not be published.
func (s *pdScan) tokens(public bool) {
	d := s.d
	tail := len(d.Text)
	if public {
		tail = adSignatureStart(d)
	}
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		s.first, s.last = b.First, b.Last
		toks := d.Tokens[:b.Last]
		for i := b.First; i < len(toks); i++ {
			t := &toks[i]
			next := i
			switch t.Kind {
			case linter.Space, linter.Newline:
				continue // no data starts at a space
			case linter.Word:
				// The answers of a word seen before, read here with one
				// load: this runs for every word.
				v := pdWords.Get(t.NormID)
				if v == 0 {
					v = pdFacts(d, t)
				}
				if v&pdPassportBit != 0 {
					next = s.passportAt(i)
				}
			case linter.Number:
				next = s.number(i)
			}
			if public && next == i && int(t.Start) < tail && s.publicCue(i) {
				next = s.public(i)
			}
			if next > i {
				i = next - 1
			}
		}
	}
}

// pdScan walks the tokens of one block.
type pdScan struct {
	c           *linter.Context
	d           *linter.Document
	first, last int
	groups      []int // run's scratch: its result lives until the next call
}

func (s *pdScan) tok(i int) *linter.Token { return &s.d.Tokens[i] }
func (s *pdScan) txt(i int) string        { return s.d.TokenText(i) }

// pdPassportWord reports a word a passport number follows: «паспорт»,
// «серия».
func pdPassportWord(norm string) bool {
	return strings.HasPrefix(norm, "паспорт") || norm == "серия" || norm == "серии" || norm == "серию"
}

// passportAt reads a passport number after the word at token i; it
// returns the token after a finding, or i.
func (s *pdScan) passportAt(i int) int {
	a, b, ok := s.passport(i)
	if !ok {
		return i
	}
	s.c.Report(int(s.tok(a).Start), int(s.tok(b-1).End), "Номер паспорта"+pdWhy+" Уберите его: для ответа он не нужен.")
	return b
}

// number checks the number at token i for data never needed in a reply:
// СНИЛС, a bank card, a person's ИНН. It returns the token after a
// finding, or i.
func (s *pdScan) number(i int) int {
	t := s.tok(i)
	if i > s.first && s.tok(i-1).End == t.Start && (s.tok(i-1).IsWordLike() ||
		s.tok(i-1).Kind == linter.Punct && strings.Contains("-/.", s.txt(i-1))) {
		return i // glued to something before: a part of a code
	}
	digits, groups, end := s.run(i)
	switch {
	case digits == "":
		// Not 11 to 19 digits: none of the numbers below.
	case len(digits) == 11 && pdSNILS(digits, groups, s.keywordBefore(i, "снилс")):
		s.c.Report(int(t.Start), int(s.tok(end-1).End), "Номер СНИЛС"+pdWhy+" Уберите его: для ответа он не нужен.")
		return end
	case pdCard(digits, groups):
		s.c.Report(int(t.Start), int(s.tok(end-1).End), "Похоже на номер банковской карты"+pdWhy+
			" Уберите его: для ответа он не нужен.")
		return end
	case len(groups) == 1 && pdINN12(digits):
		s.c.Report(int(t.Start), int(s.tok(end-1).End), "Похоже на ИНН физического лица"+pdWhy+
			" Уберите его: для ответа он не нужен.")
		return end
	}
	return i
}

// publicCue reports a token public may find something at: a name word,
// a word in «к» or «л» (a flat, an account), a number or «+» (a mobile
// phone), «@» (an e-mail). Most words are none of these.
func (s *pdScan) publicCue(i int) bool {
	t := s.tok(i)
	switch t.Kind {
	case linter.Word:
		return s.nameWord(i) || strings.HasPrefix(s.d.Norm(t), "к") || strings.HasPrefix(s.d.Norm(t), "л")
	case linter.Number:
		return true
	case linter.Punct:
		p := s.txt(i)
		return p == "+" || p == "@"
	}
	return false
}

// public checks token i for data that must not be published: the
// applicant's full name, flat, mobile phone, e-mail, personal account.
func (s *pdScan) public(i int) int {
	t := s.tok(i)
	switch t.Kind {
	case linter.Word:
		if a, b := s.fullName(i); b > a {
			s.c.ReportAs(linter.Error, int(s.tok(a).Start), int(s.tok(b-1).End), "В публичном ответе не называйте человека по "+
				"фамилии, имени и отчеству: это персональные данные (152-ФЗ «О персональных данных», п. 2.2 Порядка). "+
				"Обращайтесь по имени: «Здравствуйте, Ирина!».")
			return b
		}
		// A flat follows «кв», «квартира»; an account «лицевой», «лс», «л/с».
		switch {
		case strings.HasPrefix(s.d.Norm(t), "к"):
			if a, b := s.flat(i); b > a {
				s.c.ReportAs(linter.Error, int(s.tok(a).Start), int(s.tok(b-1).End), "В публичном ответе не указывайте номер "+
					"квартиры: вместе с адресом он указывает на человека"+pdWhy+" Оставьте улицу и дом.")
				return b
			}
		case strings.HasPrefix(s.d.Norm(t), "л"):
			if a, b := s.account(i); b > a {
				s.c.ReportAs(linter.Error, int(s.tok(a).Start), int(s.tok(b-1).End), "В публичном ответе не указывайте номер "+
					"лицевого счёта"+pdWhy+" Уберите его.")
				return b
			}
		}
	case linter.Punct, linter.Number:
		if end := s.mobile(i); end > i {
			s.c.ReportAs(linter.Error, int(t.Start), int(s.tok(end-1).End), "В публичном ответе не публикуйте номер "+
				"мобильного телефона"+pdWhy+" Уберите его; телефон службы в подписи оставьте.")
			return end
		}
		if s.txt(i) == "@" {
			if a, b := s.email(i); b > a {
				s.c.ReportAs(linter.Error, int(s.tok(a).Start), int(s.tok(b-1).End), "В публичном ответе не публикуйте "+
					"адрес электронной почты"+pdWhy+" Уберите его.")
				return b
			}
		}
	}
	return i
}

// run collects the digit groups from token i: numbers of digits (with
// inner hyphens) joined by single spaces, «4111 1111 1111 1111»,
// «123-456-789 01». It returns the digits, the group lengths and the
// token after the run. Only 11 to 19 digits can be a number it looks
// for (pdSNILS, pdCard, pdINN12): other runs come back with the digits
// left empty, and a number costs no allocation unless it may be one.
func (s *pdScan) run(i int) (string, []int, int) {
	var dbuf [19]byte
	digits, nd := dbuf[:0], 0 // the first digits, and how many in all
	groups := s.groups[:0]
	defer func() { s.groups = groups[:0] }()
	end := i
	for j := i; j < s.last && len(groups) < 8; { // nothing read here has more groups
		t := s.tok(j)
		if t.Kind != linter.Number {
			break
		}
		text := s.txt(j)
		if !pdDigitGroups(text) {
			if j == i {
				return "", nil, i + 1
			}
			break
		}
		for rest := text; ; {
			p, after, more := strings.Cut(rest, "-")
			if nd += len(p); nd <= len(dbuf) {
				digits = append(digits, p...)
			}
			groups = append(groups, len(p))
			if !more {
				break
			}
			rest = after
		}
		end = j + 1
		if j+2 < s.last && s.tok(j+1).Kind == linter.Space && (s.txt(j+1) == " " || s.txt(j+1) == "\u00A0") &&
			s.tok(j+2).Kind == linter.Number {
			j += 2
			continue
		}
		break
	}
	// Glued to a word or another number after it: a code, not data.
	if end < s.last && s.tok(end).Start == s.tok(end-1).End && s.tok(end).IsWordLike() {
		return "", nil, end
	}
	if nd < 11 || nd > 19 {
		return "", groups, end
	}
	return string(digits), groups, end
}

// pdDigitGroups reports digits in groups joined by single hyphens:
// «123», «123-456-789»; not «12--3», «-1» or «1.5».
func pdDigitGroups(text string) bool {
	prev := byte('-') // a digit must come next
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '-' && prev == '-' || c != '-' && (c < '0' || c > '9') {
			return false
		}
		prev = c
	}
	return prev != '-'
}

// keywordBefore reports whether one of the three words before token i
// is kw («СНИЛС 112-233-445 95»).
func (s *pdScan) keywordBefore(i int, kw string) bool {
	for j, n := i-1, 0; j >= s.first && j >= i-12 && n < 3; j-- {
		if s.tok(j).Kind == linter.Word {
			if s.d.Norm(s.tok(j)) == kw {
				return true
			}
			n++
		}
	}
	return false
}

// passportFiller are the words between «паспорт» and its number.
var passportFiller = tpSet("паспорт", "паспорта", "серия", "серии", "серию", "номер", "номера", "н", "no",
	"гражданина", "гражданки", "рф", "россии", "российской", "федерации")

// passport reads a series and number after «паспорт» or «серия» at token
// i: «12 34 567890», «1234 № 567890», «1234567890». It returns the tokens
// [a, b) of the numbers.
func (s *pdScan) passport(i int) (int, int, bool) {
	var groups []int
	total := 0
	a, b := -1, -1
	for j := i + 1; j < s.last && j < i+16 && total < 10; j++ {
		t := s.tok(j)
		switch t.Kind {
		case linter.Space:
			continue
		case linter.Punct:
			if strings.Contains("№:,", s.txt(j)) {
				continue
			}
		case linter.Word:
			if passportFiller[s.d.Norm(t)] {
				continue
			}
		case linter.Number:
			if tpDigits(s.txt(j)) {
				if a < 0 {
					a = j
				}
				b = j + 1
				groups = append(groups, len(s.txt(j)))
				total += len(s.txt(j))
				continue
			}
		}
		break
	}
	if total != 10 || a < 0 {
		return 0, 0, false
	}
	switch {
	case len(groups) == 1, len(groups) == 2 && groups[0] == 4, len(groups) == 3 && groups[0] == 2 && groups[1] == 2:
		return a, b, true
	}
	return 0, 0, false
}

// pdSNILS checks the shape «123-456-789 01» (or eleven digits after the
// word СНИЛС) and the check number. After the word itself a wrong check
// number still marks a СНИЛС, mistyped.
func pdSNILS(digits string, groups []int, keyword bool) bool {
	if len(digits) != 11 {
		return false
	}
	shaped := len(groups) == 4 && groups[0] == 3 && groups[1] == 3 && groups[2] == 3 && groups[3] == 2
	if !shaped && !(keyword && len(groups) == 1) {
		return false
	}
	if keyword {
		return true
	}
	sum := 0
	for k := 0; k < 9; k++ {
		sum += int(digits[k]-'0') * (9 - k)
	}
	for sum > 101 {
		sum %= 101
	}
	if sum == 100 || sum == 101 {
		sum = 0
	}
	return sum == tpAtoi(digits[9:])
}

// pdCard checks a bank card number: 13–19 digits, written whole or in
// groups of four (Amex 4-6-5), with a valid Luhn check digit.
func pdCard(digits string, groups []int) bool {
	n := len(digits)
	if n < 13 || n > 19 {
		return false
	}
	shaped := len(groups) == 1
	if !shaped && len(groups) == 3 && groups[0] == 4 && groups[1] == 6 && (groups[2] == 5 || groups[2] == 4) {
		shaped = true
	}
	if !shaped {
		shaped = true
		for k, g := range groups {
			if g != 4 && !(k == len(groups)-1 && g >= 1 && g <= 4) {
				shaped = false
			}
		}
	}
	return shaped && pdLuhn(digits)
}

// pdLuhn is the Luhn check used by card numbers.
func pdLuhn(digits string) bool {
	sum := 0
	double := false
	for k := len(digits) - 1; k >= 0; k-- {
		v := int(digits[k] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// pdINN12 checks the two check digits of a person's twelve-digit ИНН. A
// ten-digit ИНН belongs to a company and is not personal data.
func pdINN12(digits string) bool {
	if len(digits) != 12 {
		return false
	}
	check := func(w []int, n int) bool {
		sum := 0
		for k, x := range w {
			sum += x * int(digits[k]-'0')
		}
		return sum%11%10 == int(digits[n]-'0')
	}
	return check([]int{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}, 10) && check([]int{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}, 11)
}

// pdPatronymic reports a patronymic in any case: «Сергеевна»,
// «Алексеевичу», «Ильиничной».
func pdPatronymic(norm string) bool {
	for _, e := range []string{"", "а", "у", "ем", "е"} {
		w, ok := strings.CutSuffix(norm, e)
		if ok && (strings.HasSuffix(w, "вич") || strings.HasSuffix(w, "ьич") || w == "кузьмич" || w == "фомич" ||
			w == "лукич") {
			return true
		}
	}
	for _, e := range []string{"а", "ы", "е", "у", "ой"} {
		w, ok := strings.CutSuffix(norm, e)
		if ok && (strings.HasSuffix(w, "вн") || strings.HasSuffix(w, "чн")) && len([]rune(w)) > 4 {
			return true
		}
	}
	return false
}

// fullName reads a full name around the patronymic at token i:
// «Иванова Ирина Петровна» or «Ирина Петровна Иванова». It returns the
// tokens [a, b), or a == b. «Ирина Петровна» alone (a greeting) is not
// a full name.
func (s *pdScan) fullName(i int) (int, int) {
	if !s.nameWord(i) || !pdIsPatronymic(s.d, s.tok(i)) {
		return i, i
	}
	first := s.nameNext(i, -1)
	if first < 0 || pdIsPatronymic(s.d, s.tok(first)) {
		return i, i
	}
	if sn := s.nameNext(i, +1); sn >= 0 && !pdIsPatronymic(s.d, s.tok(sn)) {
		return first, sn + 1
	}
	sn := s.nameNext(first, -1)
	if sn < 0 || pdIsPatronymic(s.d, s.tok(sn)) {
		return i, i
	}
	// A capital at the start of a sentence may be any word («Обратилась
	// Ирина Петровна»): there it must look like a surname.
	if s.sentenceStart(sn) && !pdSurnameLike(s.d.Norm(s.tok(sn))) {
		return i, i
	}
	return sn, i + 1
}

// nameWord reports a capitalised Cyrillic word, as names are written.
func (s *pdScan) nameWord(i int) bool {
	t := s.tok(i)
	return t.Kind == linter.Word && t.Is(linter.Title) && t.Is(linter.Cyrillic) && !t.Is(linter.Upper) &&
		!t.Is(linter.Digit)
}

// nameNext returns the name word one space away from token i in
// direction dir, or -1.
func (s *pdScan) nameNext(i, dir int) int {
	sp, w := i+dir, i+2*dir
	if w < s.first || w >= s.last || s.tok(sp).Kind != linter.Space || s.txt(sp) != " " || !s.nameWord(w) {
		return -1
	}
	return w
}

// sentenceStart reports a token that opens its sentence.
func (s *pdScan) sentenceStart(i int) bool {
	for j := i - 1; j >= s.first; j-- {
		switch s.tok(j).Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Punct:
			return strings.Contains(".!?:", s.txt(j))
		}
		return false
	}
	return true
}

// pdSurnameLike reports the common endings of Russian surnames in any
// case: -ов, -ев, -ин, -ский, -их, -енко, -ук, -ян, -дзе.
func pdSurnameLike(norm string) bool {
	r := []rune(norm)
	tail := string(r[max(0, len(r)-5):])
	for _, m := range []string{"ов", "ев", "ин", "ын", "ск", "цк", "их", "ых", "енко", "ук", "юк", "ян", "дзе", "швили"} {
		if strings.Contains(tail, m) {
			return true
		}
	}
	return false
}

// addressWords mark a street address before a flat number.
var addressWords = tpSet("ул", "улица", "улице", "улицы", "д", "дом", "дома", "доме", "пр", "просп", "проспект",
	"проспекте", "пер", "переулок", "переулке", "мкр", "микрорайон", "микрорайоне", "ш", "шоссе", "наб",
	"набережная", "набережной", "бульвар", "бульваре", "пл", "площадь", "проезд", "тупик")

// flat reads «кв. 4», «квартира № 4» after a street address in the same
// paragraph and returns the tokens [a, b), or a == b.
func (s *pdScan) flat(i int) (int, int) {
	t := s.tok(i)
	if s.d.Norm(t) != "кв" && !strings.HasPrefix(s.d.Norm(t), "квартир") {
		return i, i
	}
	j := i + 1
	for j < s.last && (s.tok(j).Kind == linter.Space || s.txt(j) == "." || s.txt(j) == "№") {
		j++
	}
	if j >= s.last || !(s.tok(j).Kind == linter.Number || s.tok(j).Kind == linter.Word && s.tok(j).Is(linter.Digit)) {
		return i, i
	}
	for k, n := i-1, 0; k >= s.first && k >= i-40 && n < 12; k-- {
		if s.tok(k).Kind == linter.Word {
			if addressWords[s.d.Norm(s.tok(k))] {
				return i, j + 1
			}
			n++
		}
	}
	return i, i
}

// account reads «лицевой счёт № 1234567», «л/с 123456» at token i and
// returns the number's tokens [a, b), or a == b.
func (s *pdScan) account(i int) (int, int) {
	t := s.tok(i)
	j := i + 1
	switch {
	case strings.HasPrefix(s.d.Norm(t), "лицев"):
		j = adSkipSpace(s.d, j, s.last)
		if j >= s.last || !strings.HasPrefix(s.d.Norm(s.tok(j)), "счет") {
			return i, i
		}
		j++
	case s.d.Norm(t) == "лс":
	case s.d.Norm(t) == "л" && j+1 < s.last && s.txt(j) == "/" && s.d.Norm(s.tok(j+1)) == "с":
		j += 2
	default:
		return i, i
	}
	for n := 0; j < s.last && n < 4 && (s.tok(j).Kind == linter.Space || strings.Contains("№:N", s.txt(j))); n++ {
		j++
	}
	if j >= s.last || s.tok(j).Kind != linter.Number {
		return i, i
	}
	digits := strings.ReplaceAll(s.txt(j), "-", "")
	if !tpDigits(digits) || len(digits) < 5 {
		return i, i
	}
	return j, j + 1
}

// mobile reads a Russian mobile number at token i: «+7 912 345-67-89»,
// «8 (912) 345 67 89», «89123456789». Landline numbers (the service's,
// a management company's) and short numbers («112») are not read.
func (s *pdScan) mobile(i int) int {
	// Only the count of digits and the first two matter: «79…», «89…».
	n, lead := 0, [2]byte{}
	j := i
	if s.txt(j) == "+" {
		j++
		if j >= s.last || s.tok(j).Start != s.tok(i).End {
			return i
		}
	} else if s.tok(j).Kind != linter.Number {
		return i
	}
	end := i
	for ; j < s.last && j < i+16 && n < 11; j++ {
		t := s.tok(j)
		switch {
		case t.Kind == linter.Number:
			text, got := s.txt(j), 0
			for k := 0; k < len(text); k++ {
				switch c := text[k]; {
				case c == '-':
				case c >= '0' && c <= '9':
					if n < len(lead) {
						lead[n] = c
					}
					n++
					got++
				default:
					return i
				}
			}
			if got == 0 {
				return i
			}
			end = j + 1
		case t.Kind == linter.Space && s.txt(j) == " ", t.Kind == linter.Punct && strings.Contains("()-", s.txt(j)):
		default:
			j = s.last
		}
	}
	if n != 11 || !(lead == [2]byte{'7', '9'} || lead == [2]byte{'8', '9'}) {
		return i
	}
	if end < s.last && s.tok(end).Start == s.tok(end-1).End && s.tok(end).IsWordLike() {
		return i
	}
	return end
}

// email reads the address around «@» at token i and returns its tokens
// [a, b), or a == b.
func (s *pdScan) email(i int) (int, int) {
	part := func(k int) bool {
		t := s.tok(k)
		return t.IsWordLike() || strings.Contains("._-+", s.txt(k))
	}
	a := i
	for a-1 >= s.first && a > i-64 && s.tok(a-1).End == s.tok(a).Start && part(a-1) {
		a--
	}
	b := i + 1
	dot := false
	for b < s.last && b < i+64 && s.tok(b).Start == s.tok(b-1).End && part(b) {
		if s.txt(b) == "." && b+1 < s.last && s.tok(b+1).IsWordLike() {
			dot = true
		}
		b++
	}
	for b-1 > i && s.tok(b-1).Kind == linter.Punct { // a sentence dot after the address
		b--
	}
	if a == i || !dot || b <= i+1 {
		return i, i
	}
	return a, b
}
