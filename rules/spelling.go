package rules

import (
	"bufio"
	"bytes"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/dictionaries"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/spelling"
)

func init() {
	register(func(env *Env) (linter.Rule, error) {
		w, err := wdSharedFor(env)
		if err != nil {
			return nil, err
		}
		return newSpelling(env, w), nil
	})
}

// spellingRule flags words that are not in the Hunspell dictionary
// hunspell-ru (п. 2.5: «не допускаются орфографические … ошибки») and
// proposes the nearest correct words. It needs the dictionary, which is not
// part of yasno: without it the rule is off and reports nothing.
type spellingRule struct {
	meta   *linter.Meta
	e      *spellEntry // nil: no dictionary was found
	w      *wdShared   // quoted titles and names, shared with the word rules
	notice func(string)
}

var spellingMeta = &linter.Meta{
	ID:          "spelling",
	Category:    linter.CatSpelling,
	Severity:    linter.Warning,
	Description: "Опечатка: слова нет в словаре",
	Explanation: "Порядок не допускает в ответе орфографических ошибок. Правило сверяет слова со словарём " +
		"русского языка hunspell-ru и отмечает те, которых в нём нет, с вариантами исправления. Не проверяются " +
		"имена и фамилии, шапка письма, подпись и строка исполнителя, названия в кавычках, сокращения (МКД, ул., д.), " +
		"слова латиницей, слова с цифрами, адреса сайтов и почты. Если слово написано верно, но словарь его не знает " +
		"(термин, название), добавьте его в yasno.yaml в список spelling.words. Ошибку, после которой получилось " +
		"другое настоящее слово («простыни словами» вместо «простыми словами»), словарь не видит: перечитайте текст. " +
		"Для проверки нужен словарь hunspell-ru (в Debian и Ubuntu — пакет hunspell-ru); без него правило выключено.",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "Копии актов прилогаются.", Good: "Копии актов прилагаются."},
		{Bad: "Ввиду выявленого нарушения компания выполнит ремонт.", Good: "Инспектор Лаптев выявил нарушение, компания выполнит ремонт."},
	},
}

// spellingMetaOff is the same rule when no dictionary was found: it stays
// in `yasno rules` and `yasno explain`, but runs only when asked for.
var spellingMetaOff = func() *linter.Meta {
	m := *spellingMeta
	m.DefaultOff = true
	return &m
}()

// spellingFind finds the dictionary; a variable so that tests can add a
// fallback. spellingFallback, when set (only by tests), is a dictionary
// used when none is found: the rule then stays off by default.
var (
	spellingFind     = spelling.Find
	spellingFallback string
)

// spellNoDict makes the notice about a missing dictionary appear once per
// process, however many checks ask for the rule.
var spellNoDict sync.Once

// spellBadPath remembers the configured dictionary paths already reported
// as missing.
var spellBadPath sync.Map

func newSpelling(env *Env, w *wdShared) *spellingRule {
	r := &spellingRule{meta: spellingMeta, w: w, notice: func(string) {}}
	if env != nil && env.Notice != nil {
		r.notice = env.Notice
	}
	var want string
	var words []string
	if env != nil {
		want, words = env.SpellingDict, env.SpellingWords
	}
	aff, dic, ok := spellingFind(want)
	if want != "" && !(ok && spellSamePlace(want, dic)) {
		if _, seen := spellBadPath.LoadOrStore(want, true); !seen {
			msg := "словарь орфографии " + want + " не найден (нужны файлы .dic и .aff рядом)"
			if ok {
				msg += "; взят " + dic
			} else {
				msg += "; проверка орфографии выключена"
			}
			r.notice(msg)
		}
	}
	if !ok && spellingFallback != "" {
		if aff, dic, ok = spelling.Find(spellingFallback); ok {
			r.meta = spellingMetaOff
		}
	}
	if !ok {
		r.meta = spellingMetaOff
		return r
	}
	r.e = spellEntryFor(aff, dic, words)
	return r
}

// spellSamePlace reports whether the dictionary found is the one the user
// named: the .dic or .aff file itself or a file in the named directory.
func spellSamePlace(want, dic string) bool {
	want = filepath.Clean(want)
	base := strings.TrimSuffix(dic, ".dic")
	return want == dic || want == base+".aff" || filepath.Dir(dic) == want
}

func (r *spellingRule) Meta() *linter.Meta { return r.meta }

// spellMaxSuggest is how many new words a check may look up suggestions
// for (about 13 ms each); later findings of a strange text come without.
const spellMaxSuggest = 24

func (r *spellingRule) Check(c *linter.Context) {
	if r.e == nil {
		spellNoDict.Do(func() {
			r.notice("проверка орфографии пропущена: не найден словарь hunspell-ru (ru_RU.dic и ru_RU.aff). " +
				"Установите пакет hunspell-ru или укажите словарь флагом --dict или в yasno.yaml (spelling: dictionary)")
		})
		return
	}
	sd := r.e.get(r.notice)
	if sd == nil {
		return
	}
	doc := c.Doc
	st := spellDoc{r: r, c: c, dict: sd, budget: spellMaxSuggest}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		first := true
		toks := doc.Tokens[s.First:s.Last]
		for k := range toks {
			t := &toks[k]
			if t.Kind != linter.Word {
				continue
			}
			start := first
			first = false
			// Only Cyrillic words without digits; all-caps words are
			// abbreviations (МКД, ЖКХ), a capital inside a sentence starts
			// a name (Орлова, Лаптев, «Жилсервис»). One letter is an
			// abbreviation or a preposition.
			if t.Flags&(linter.Cyrillic|linter.Latin|linter.Digit|linter.Upper) != linter.Cyrillic ||
				(!start && t.Flags&linter.Title != 0) || t.End-t.Start <= 2 {
				continue
			}
			if r.e.check(sd, doc, t, doc.Text[t.Start:t.End]) {
				continue
			}
			st.unknown(s.First+k, start)
		}
	}
}

// spellDoc is what one check learns, lazily, about a document with
// unknown words: the lines, where the header and the closing are, and the
// quoted titles.
type spellDoc struct {
	r      *spellingRule
	c      *linter.Context
	dict   *spelling.Dict
	budget int // suggestion look-ups left

	linesDone bool
	lines     []dsLine
	header    int // lines[:header] are the header and the greeting
	closing   int // lines[closing:] are the signature and the executor
	guard     *wdGuard
}

// unknown decides about a word the dictionary does not know and reports it
// unless it is a name, an abbreviation, part of an address or a title.
func (s *spellDoc) unknown(i int, start bool) {
	d := s.c.Doc
	t := &d.Tokens[i]
	w := d.Text[t.Start:t.End]
	if s.c.Options.Allowed(d.Norm(t)) || spellAbbrev(d, i) || spellInAddress(d, i) {
		return
	}
	if t.Flags&linter.Hyphen != 0 {
		if !s.badParts(w) {
			return
		}
	} else if spellOddCase(w) {
		return // «КоАП», «ВКонтакте»: a name or an abbreviation
	}
	if s.guard == nil {
		g := s.r.w.scan(d).guard
		s.guard = &g
	}
	if s.guard.covers(i, i+1) {
		return
	}
	if start && t.Flags&linter.Title != 0 && s.nameAt(i) {
		return
	}
	msg := "Возможно, опечатка: „" + w + "“. Проверьте написание."
	s.c.Report(int(t.Start), int(t.End), msg, s.suggest(w)...)
}

// badParts reports whether a hyphenated word the dictionary rejects has a
// part worth flagging: parts in capitals («СМС-сообщение»), with a capital
// inside or of two letters and fewer are abbreviations and names.
func (s *spellDoc) badParts(w string) bool {
	for p := range strings.FieldsFuncSeq(w, spellHyphen) {
		if utf8.RuneCountInString(p) <= 2 || spellOddCase(p) || spellAllCaps(p) || s.dict.Check(p) {
			continue
		}
		return true
	}
	return false
}

func spellHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// spellAllCaps reports a word with no lowercase letter.
func spellAllCaps(w string) bool {
	return !strings.ContainsFunc(w, unicode.IsLower)
}

// spellOddCase reports a capital letter after the first letter of a word
// or of a hyphenated part: «КоАП», «ВКонтакте», «ЭкоЛайн».
func spellOddCase(w string) bool {
	first := true
	for _, r := range w {
		if spellHyphen(r) {
			first = true
			continue
		}
		if !first && unicode.IsUpper(r) {
			return true
		}
		first = false
	}
	return false
}

// spellAbbrevs are longer abbreviations written with a dot; words of up to
// three letters before a dot are taken for abbreviations anyway («ул.»,
// «утв.», «исп.»).
var spellAbbrevs = map[string]bool{"корп": true, "просп": true, "прил": true, "разд": true, "подп": true,
	"табл": true, "русск": true, "сокр": true, "напр": true, "мкрн": true, "влад": true, "комн": true,
	"спец": true, "техн": true, "юрид": true, "млрд": true}

// spellAbbrev reports an abbreviation: a word of up to three letters or a
// known abbreviation right before a dot.
func spellAbbrev(d *linter.Document, i int) bool {
	if i+1 >= len(d.Tokens) || d.TokenText(i+1) != "." {
		return false
	}
	n := d.Norm(&d.Tokens[i])
	return utf8.RuneCountInString(n) <= 3 || spellAbbrevs[n]
}

// spellInAddress reports a word glued to an e-mail or web address
// (priem@жкх.рф, госуслуги.рф/help): a neighbour without a space is @, /, \
// or _, or a dot joins it to another word.
func spellInAddress(d *linter.Document, i int) bool {
	glue := func(p string) bool { return p == "@" || p == "/" || p == "\\" || p == "_" || p == ":" || p == "#" }
	// joined reports tokens a and a+1 with nothing between them.
	joined := func(a int) bool { return a >= 0 && a+1 < len(d.Tokens) && d.Tokens[a].End == d.Tokens[a+1].Start }
	word := func(k int) bool { return d.Tokens[k].IsWordLike() }
	if joined(i-1) && d.Tokens[i-1].Kind == linter.Punct {
		p := d.TokenText(i - 1)
		if glue(p) || p == "." && joined(i-2) && word(i-2) {
			return true
		}
	}
	if joined(i) && d.Tokens[i+1].Kind == linter.Punct {
		p := d.TokenText(i + 1)
		if glue(p) && p != ":" || p == "." && joined(i+1) && word(i+2) {
			return true
		}
	}
	return false
}

// nameAt reports whether a capitalised word that opens a sentence is a
// name rather than a misspelling: it stands in the header, the greeting,
// the signature or the executor line, on a short line that is not a
// sentence («Орлова Елена Николаевна»), or next to initials or another
// part of a name («Лаптев С.М. провёл осмотр»).
func (s *spellDoc) nameAt(i int) bool {
	d := s.c.Doc
	if !s.linesDone {
		s.linesDone = true
		s.lines = dsLines(d)
		g := dsGreeting(d, s.lines)
		s.header = g + 1
		s.closing, _ = dsClosing(d, s.lines, g+1)
	}
	k := sort.Search(len(s.lines), func(k int) bool { return s.lines[k].Last > i })
	if k == len(s.lines) || s.lines[k].First > i {
		return false
	}
	l := s.lines[k]
	if k < s.header || k >= s.closing {
		return true
	}
	if l.Words <= 6 && !dsEndsSentence(d, l) {
		return true
	}
	r, _ := dsNameAt(d, i, l.Last)
	return r.kind >= nameNoSurname
}

// suggest returns up to three corrections with the word's capitalisation.
// A split in two is kept only in first place and when one part is a short
// function word («вцелях» → «в целях»), not «выявлен ого», «на числили».
func (s *spellDoc) suggest(w string) []string {
	if sug, ok := s.r.e.cached(w); ok {
		return slices.Clone(sug)
	}
	if s.budget <= 0 {
		return nil
	}
	s.budget--
	var out []string
	for k, c := range s.dict.Suggest(w, 3) {
		if a, b, split := strings.Cut(c, " "); split {
			// The reader ranks a split right after one-letter edits: first
			// means no such edit exists.
			if k > 0 || strings.Contains(b, " ") || min(utf8.RuneCountInString(a), utf8.RuneCountInString(b)) > 2 {
				continue
			}
		}
		if c != w {
			out = append(out, c)
		}
	}
	s.r.e.remember(w, out)
	return slices.Clone(out)
}

// spellEntry is a loaded dictionary with its extra words. A process loads
// each dictionary (with one set of organisation words) once.
type spellEntry struct {
	aff, dic string
	words    []string // the organisation's words

	once sync.Once
	d    *spelling.Dict

	mu       sync.Mutex
	cur, old map[string][]string // suggestions by word, two generations

	// known keeps the dictionary's verdicts on a word written as its
	// normal form and with the normal form's first letter in capitals,
	// by NormID: most words of a reply are written so (the capital opens
	// a sentence), and a word seen before then costs an array load
	// instead of a look-up in the dictionary's memo (a hash, a lock and a
	// map).
	known dict.Facts
}

// The forms of a word that spellEntry.known keeps verdicts on. Each
// spells one string given the normal form, so the verdict on the form
// depends on the NormID alone.
const (
	spellLower = iota // the normal form itself: «акт»
	spellTitle        // its first letter in capitals: «Акт»
	spellOther        // anything else («КоАП», «ещё»): not kept
)

// Verdicts in spellEntry.known: two bits per form, at bit 2*form.
const (
	spellSeen = 1 // the form has been checked: 0 means not yet
	spellOK   = 2 // the dictionary knows the form
)

// spellFormOf tells the form of w, the text of word token t of doc. The
// tokenizer tells the usual form, the normal one, by a flag: no string
// is compared then.
func spellFormOf(doc *linter.Document, t *linter.Token, w string) int {
	if t.Is(linter.Normal) {
		return spellLower // most words: inlined
	}
	return spellCapOf(w, doc.Norm(t))
}

// spellCapOf is spellFormOf for w, a word with normal form n other than
// w itself.
func spellCapOf(w, n string) int {
	r, size := utf8.DecodeRuneInString(n)
	u, usize := utf8.DecodeRuneInString(w)
	if u != r && u == unicode.ToUpper(r) && w[usize:] == n[size:] {
		return spellTitle
	}
	return spellOther
}

// check reports whether the dictionary d, the entry's, knows word w, the
// text of token t.
func (e *spellEntry) check(d *spelling.Dict, doc *linter.Document, t *linter.Token, w string) bool {
	if t.NormID == 0 {
		return d.Check(w) // no place to keep the verdict
	}
	form := spellFormOf(doc, t, w)
	if form == spellOther {
		return d.Check(w) // not kept
	}
	shift := 2 * form
	v := e.known.Get(t.NormID)
	if v>>shift&spellSeen != 0 {
		return v>>shift&spellOK != 0
	}
	ok := d.Check(w)
	f := uint64(spellSeen)
	if ok {
		f |= spellOK
	}
	// A verdict on the other form set meanwhile may be lost here: it is
	// checked again next time.
	e.known.Set(t.NormID, v|f<<shift)
	return ok
}

// spellSugLimit bounds a generation of the suggestion memo.
const spellSugLimit = 4096

var spellDicts struct {
	mu sync.Mutex
	m  map[string]*spellEntry
}

// spellEntryFor returns the shared entry of a dictionary and word list.
func spellEntryFor(aff, dic string, words []string) *spellEntry {
	ws := slices.Clone(words)
	sort.Strings(ws)
	key := aff + "\x00" + dic + "\x00" + strings.Join(ws, "\x00")
	spellDicts.mu.Lock()
	defer spellDicts.mu.Unlock()
	if e := spellDicts.m[key]; e != nil {
		return e
	}
	if spellDicts.m == nil || len(spellDicts.m) >= 8 {
		spellDicts.m = map[string]*spellEntry{} // a few configurations per process
	}
	e := &spellEntry{aff: aff, dic: dic, words: ws}
	spellDicts.m[key] = e
	return e
}

// get loads the dictionary on first use and adds the built-in and the
// organisation's words; nil (after one notice) when it cannot be read.
func (e *spellEntry) get(notice func(string)) *spelling.Dict {
	e.once.Do(func() {
		d, err := spelling.LoadFiles(e.aff, e.dic)
		if err != nil {
			notice("проверка орфографии пропущена: не удалось прочитать словарь " + e.dic + ": " + err.Error())
			return
		}
		d.Add(slices.Concat(spellExtra(), e.words)...)
		e.d = d
	})
	return e.d
}

func (e *spellEntry) cached(w string) ([]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := e.cur[w]; ok {
		return s, true
	}
	s, ok := e.old[w]
	return s, ok
}

func (e *spellEntry) remember(w string, s []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cur == nil || len(e.cur) >= spellSugLimit {
		e.old, e.cur = e.cur, make(map[string][]string)
	}
	e.cur[strings.Clone(w)] = s
}

// spellExtra returns the words of dictionaries/spelling-extra.txt: terms
// and names of the housing field that hunspell-ru does not know.
var spellExtra = sync.OnceValue(func() []string {
	data, err := dictionaries.FS.ReadFile("spelling-extra.txt")
	if err != nil {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, _, _ := strings.Cut(line, "\t")
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
})
