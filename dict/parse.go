package dict

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// maxErrors is how many bad lines one file reports before giving up.
const maxErrors = 10

// Delete is how a list writes «just delete the phrase» as a replacement.
const Delete = "∅"

// line is one data line split into fields.
type line struct {
	n      int
	fields []string
}

// lines splits a TSV file: a UTF-8 BOM, \r\n endings, blank lines and
// lines starting with # are allowed; so is a header whose first field is
// one of header.
func lines(data []byte, header ...string) []line {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var out []line
	for n, s := range strings.Split(string(data), "\n") {
		s = strings.TrimRight(s, "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(strings.TrimSpace(s), "#") {
			continue
		}
		f := strings.Split(s, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if len(out) == 0 && isHeader(f[0], header) {
			continue
		}
		out = append(out, line{n + 1, f})
	}
	return out
}

func isHeader(f string, names []string) bool {
	for _, h := range names {
		if strings.EqualFold(f, h) {
			return true
		}
	}
	return false
}

// errList gathers bad lines of one file.
type errList struct {
	file string
	errs []error
}

func (l *errList) add(n int, format string, a ...any) bool {
	l.errs = append(l.errs, fmt.Errorf("%s:%d: %s", l.file, n, fmt.Sprintf(format, a...)))
	return len(l.errs) < maxErrors
}

func (l *errList) err() error { return errors.Join(l.errs...) }

// ParsePhrases reads a jargon or foreign-words file:
//
//	phrase<TAB>replacements<TAB>reason<TAB>source[<TAB>severity]
//
// Words of the phrase are separated by spaces; each word is a set of
// alternatives separated by «|»; an alternative is a form to stem, or
// «=form» for that exact form only; a word in brackets at the end is
// context: «(дом|адрес)». Replacements are separated by « | »; «∅» means
// «delete», «~word» a word to use in the right form. The optional fifth
// column «info» marks a soft entry. Errors name the file and the line.
func ParsePhrases(file string, data []byte, list int) ([]*Entry, error) {
	el := &errList{file: file}
	var out []*Entry
	for _, ln := range lines(data, "phrase", "фраза") {
		if len(ln.fields) < 2 {
			if !el.add(ln.n, "ожидалось не меньше двух полей через табуляцию (фраза и замена), найдено %d", len(ln.fields)) {
				break
			}
			continue
		}
		e := &Entry{List: list, Phrase: ln.fields[0], File: file, Line: ln.n}
		e.Replace, e.Inflect, e.Hints = replacements(ln.fields[1])
		if len(ln.fields) > 2 {
			e.Reason = ln.fields[2]
		}
		if len(ln.fields) > 3 {
			e.Source = ln.fields[3]
		}
		if len(ln.fields) > 4 {
			switch ln.fields[4] {
			case "", SevWarning:
			case SevInfo:
				e.Soft = true
			default:
				if !el.add(ln.n, "неизвестная важность «%s»: возможны %s и %s", ln.fields[4], SevInfo, SevWarning) {
					return out, el.err()
				}
				continue
			}
		}
		words, err := ParsePhrase(e.Phrase)
		if err != nil {
			if !el.add(ln.n, "%v", err) {
				break
			}
			continue
		}
		e.Words = words
		e.span = span(words)
		out = append(out, e)
	}
	return out, el.err()
}

// Severities of the optional fifth column of a phrase file.
const (
	SevInfo    = "info"    // a soft entry: a stylistic hint
	SevWarning = "warning" // the default
)

// span counts the words before the trailing context words.
func span(words []Word) int {
	n := len(words)
	for n > 0 && words[n-1].Context {
		n--
	}
	return n
}

// ParseNames reads a file of proper names: name<TAB>note<TAB>source. A
// name is a phrase in the same notation; a name written with a capital
// matches only capitalised text.
func ParseNames(file string, data []byte, list int) ([]*Entry, error) {
	el := &errList{file: file}
	var out []*Entry
	for _, ln := range lines(data, "name", "название") {
		e := &Entry{List: list, Phrase: ln.fields[0], File: file, Line: ln.n}
		if len(ln.fields) > 1 {
			e.Reason = ln.fields[1]
		}
		if len(ln.fields) > 2 {
			e.Source = ln.fields[2]
		}
		words, err := ParsePhrase(e.Phrase)
		if err != nil {
			if !el.add(ln.n, "%v", err) {
				break
			}
			continue
		}
		e.Words = words
		e.span = span(words)
		e.Cased = startsUpper(strings.TrimLeft(e.Phrase, "=«\"„"))
		out = append(out, e)
	}
	return out, el.err()
}

// Inflected marks a replacement that is a plain word to use in the right
// form, not a literal replacement: «~проверка».
const Inflected = "~"

// replacements splits the replacement field into literal replacements,
// words to inflect and hints: an alternative with a bracket is advice
// («(назовите орган)», «на (дата)»), and «∅ (advice)» is a deletion with
// advice.
func replacements(f string) (repl, inflect, hints []string) {
	for _, r := range strings.Split(f, " | ") {
		r = strings.TrimSpace(r)
		switch {
		case r == "":
			continue
		case r == Delete:
			repl = addString(repl, "")
		case strings.HasPrefix(r, Delete):
			repl = addString(repl, "")
			hints = append(hints, strings.TrimSpace(strings.TrimPrefix(r, Delete)))
		case strings.ContainsAny(r, "()"):
			hints = append(hints, r)
		case strings.HasPrefix(r, Inflected):
			if w := strings.TrimSpace(strings.TrimPrefix(r, Inflected)); w != "" {
				inflect = addString(inflect, w)
			}
		default:
			repl = addString(repl, r)
		}
	}
	return repl, inflect, hints
}

// ParsePhrase compiles the phrase notation into words. A word in
// brackets, «(дом|адрес)», is context; context words end the phrase.
func ParsePhrase(p string) ([]Word, error) {
	var out []Word
	for _, f := range strings.Fields(p) {
		if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") && len(f) > 2 {
			w, err := parseWord(f[1 : len(f)-1])
			if err != nil {
				return nil, err
			}
			w.Context = true
			out = append(out, w)
			continue
		}
		if len(out) > 0 && out[len(out)-1].Context {
			return nil, fmt.Errorf("во фразе «%s» после слова в скобках идёт обычное: слова в скобках ставятся в конце", p)
		}
		lead, core, trail := splitPunct(f)
		for _, r := range lead {
			out = append(out, Word{Punct: punctKey(string(r)), Head: string(r)})
		}
		if core != "" {
			w, err := parseWord(core)
			if err != nil {
				return nil, err
			}
			out = append(out, w)
		}
		for _, r := range trail {
			out = append(out, Word{Punct: punctKey(string(r)), Head: string(r)})
		}
	}
	if len(out) == 0 {
		return nil, errors.New("пустая фраза")
	}
	if out[0].Punct != "" {
		return nil, fmt.Errorf("фраза «%s» начинается со знака препинания", p)
	}
	if out[0].Context {
		return nil, fmt.Errorf("фраза «%s» состоит из одних слов в скобках", p)
	}
	return out, nil
}

// splitPunct peels punctuation off both ends of a phrase field: «случае,»
// is the word «случае» and a comma. «=» and «|» belong to the notation.
func splitPunct(f string) (lead, core, trail string) {
	isP := func(r rune) bool {
		return r != '=' && r != '|' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	i := 0
	for i < len(f) {
		r, n := utf8.DecodeRuneInString(f[i:])
		if !isP(r) {
			break
		}
		i += n
	}
	j := len(f)
	for j > i {
		r, n := utf8.DecodeLastRuneInString(f[:j])
		if !isP(r) {
			break
		}
		j -= n
	}
	return f[:i], f[i:j], f[j:]
}

func parseWord(core string) (Word, error) {
	var w Word
	for _, alt := range strings.Split(core, "|") {
		exact := strings.HasPrefix(alt, "=")
		alt = strings.TrimPrefix(alt, "=")
		if alt == "" {
			return w, fmt.Errorf("пустой вариант в слове «%s»", core)
		}
		if !isOneWord(alt) {
			return w, fmt.Errorf("«%s» — не одно слово: в варианте можно писать только буквы, цифры и дефис", alt)
		}
		norm := linter.Normalize(alt)
		if w.Head == "" {
			w.Head = norm
		}
		if exact || !hasLetter(norm) {
			w.Forms = addString(w.Forms, norm)
			continue
		}
		if fs := verbalNounForms(norm); fs != nil {
			for _, f := range fs {
				w.Forms = addString(w.Forms, f)
			}
			continue
		}
		for _, s := range Stems(norm) {
			w.Stems = addString(w.Stems, s)
		}
	}
	return w, nil
}

// isOneWord reports whether s would be a single token: letters and digits
// joined by hyphens.
func isOneWord(s string) bool {
	prevHyphen := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			prevHyphen = false
		case r == '-' && !prevHyphen:
			prevHyphen = true
		default:
			return false
		}
	}
	return !prevHyphen
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func addString(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// Abbr is a line of the abbreviations file.
type Abbr struct {
	Abbr      string // as written: «МКД»
	Expansion string // «многоквартирный дом»
	Kind      string // common, official or housing
	Source    string
	File      string
	Line      int
}

// Abbreviation kinds.
const (
	KindCommon   = "common"   // known to everybody: РФ, ООО
	KindOfficial = "official" // fine between officials: КоАП, ОМВД
	KindHousing  = "housing"  // housing jargon: МКД, ИПУ, УК
)

// ParseAbbreviations reads abbr<TAB>expansion<TAB>kind<TAB>source.
func ParseAbbreviations(file string, data []byte) ([]Abbr, error) {
	el := &errList{file: file}
	var out []Abbr
	for _, ln := range lines(data, "abbr", "сокращение") {
		if len(ln.fields) < 3 {
			if !el.add(ln.n, "ожидалось не меньше трёх полей через табуляцию (сокращение, расшифровка, вид), найдено %d", len(ln.fields)) {
				break
			}
			continue
		}
		a := Abbr{Abbr: ln.fields[0], Expansion: ln.fields[1], Kind: ln.fields[2], File: file, Line: ln.n}
		if len(ln.fields) > 3 {
			a.Source = ln.fields[3]
		}
		switch {
		case a.Abbr == "" || !isOneWord(a.Abbr):
			if !el.add(ln.n, "сокращение «%s» должно быть одним словом", a.Abbr) {
				return out, el.err()
			}
			continue
		case a.Kind != KindCommon && a.Kind != KindOfficial && a.Kind != KindHousing:
			if !el.add(ln.n, "неизвестный вид «%s»: возможны common, official, housing", a.Kind) {
				return out, el.err()
			}
			continue
		}
		out = append(out, a)
	}
	return out, el.err()
}
