package dict

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// Stems returns the stems an alternative of a phrase matches: its own
// snowball stem and, for a verb in the infinitive or a long passive
// participle, the stems of its other forms.
//
// Snowball strips case and gender endings well, so nouns and adjectives
// need nothing more. Verbs do: «осуществлять» stems to «осуществля» but
// «осуществлен» to «осуществл» and «осуществил» to «осуществ». So the
// compiler generates the usual forms (present, past, gerund, participles,
// the short participle and the verbal noun in -ение/-ание) from the
// infinitive, with and without the consonant change of the second
// conjugation (в→вл, д→ж, т→ч …), and stems them. Forms that do not exist
// in Russian cost nothing: they never occur in a text. Stems shorter than
// four letters are dropped, since they would catch unrelated words.
func Stems(norm string) []string {
	if v, ok := stemsCache.Load(norm); ok {
		return v.([]string)
	}
	out := stems(norm)
	stemsCache.Store(norm, out)
	return out
}

// stemsCache memoises Stems: the lists repeat the same verbs in many
// entries («произвести|производить … ремонт», «… замену»).
var stemsCache sync.Map // string -> []string

func stems(norm string) []string {
	own := linter.Stem(norm)
	out := []string{own}
	fs := forms(norm)
	if fs == nil && utf8.RuneCountInString(norm)-utf8.RuneCountInString(own) >= 3 {
		fs = nounForms(norm)
	}
	for _, f := range fs {
		s := linter.Stem(f)
		if s == own || utf8.RuneCountInString(s) < 4 {
			continue
		}
		out = addString(out, s)
	}
	return out
}

// forms generates the inflected forms of a verb infinitive or a long
// passive participle whose stems differ from the infinitive's; other
// words give nil. The lists are the forms that give distinct snowball
// stems (TestStemsCoverForms checks real forms against them): listing
// every person and tense would only stem the same thing again, and each
// stem costs a few microseconds at start-up.
func forms(w string) []string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "ся"), "сь")
	var out []string
	add := func(base string, ends ...string) {
		for _, e := range ends {
			out = append(out, base+e)
		}
	}
	switch {
	case hasSuffix(w, "овать", "евать"):
		// актуализирует, актуализируем(ый), актуализируя, актуализирование.
		r := w[:len(w)-len("овать")]
		add(r, "ует", "уем", "уемый", "уя", "ование")
	case hasSuffix(w, "ить"):
		// осуществит, производящий, производимый; with the consonant
		// change: осуществлю/осуществлен, осуществление.
		s := w[:len(w)-len("ить")]
		part := "ящий"
		if strings.HasSuffix(s, "ж") || strings.HasSuffix(s, "ш") || strings.HasSuffix(s, "ч") || strings.HasSuffix(s, "щ") {
			part = "ащий"
		}
		add(s, "ит", part, "имый")
		for _, m := range mutations(s) {
			add(m, "ю", "ение")
		}
	case hasSuffix(w, "еть"):
		// рассмотрит, рассмотрел, рассмотрен, рассмотрение, рассмотрев;
		// имеет, имеющий.
		s := w[:len(w)-len("еть")]
		add(s, "ит", "ел", "ен", "ение", "ев", "еет", "еют", "еющий")
	case hasSuffix(w, "ать", "ять"):
		// осуществляя, указание.
		b := w[:len(w)-len("ть")]
		add(b, "я", "ние")
	case hasSuffix(w, "вести", "нести", "мести", "расти", "плести", "цвести", "брести", "грести", "трясти", "везти"):
		// Only these: most words in -сти are nouns («части», «области»).
		// произвел; произведет, произведение, произведший: вести → веду,
		// мести → мету, нести → несу, везти → везу.
		r := w[:len(w)-len("сти")]
		add(r, "л")
		cs := []string{"д", "т", "с"}
		if strings.HasSuffix(w, "зти") {
			cs = []string{"з"}
		}
		for _, c := range cs {
			add(r+c, "ет", "ут", "ение", "ший", "я")
		}
	case hasSuffix(w, "енный", "анный", "янный"):
		// осуществленный → осуществлен, осуществлена.
		s := w[:len(w)-len("ный")]
		add(s, "", "а")
	}
	return out
}

// nounForms gives a few oblique forms of a noun whose snowball stem lost
// three letters or more — a sign that snowball took its ending for a verb
// ending: «правила» stems to «прав», but «правилах» to «правил». Other
// nouns keep one stem in every case and cost nothing.
func nounForms(w string) []string {
	for _, e := range adjEndings {
		if strings.HasSuffix(w, e) {
			return nil // an adjective, or a noun already in an oblique case
		}
	}
	r, n := utf8.DecodeLastRuneInString(w)
	b := w[:len(w)-n]
	var ends []string
	switch r {
	case 'а':
		ends = []string{"ах", "ам", "ой", "у", "е"}
	case 'я':
		ends = []string{"ях", "ям", "ей", "ю", "е"}
	case 'о':
		ends = []string{"ах", "ам", "ом", "у", "е"}
	case 'е', 'й', 'ь', 'ы', 'и':
		return nil
	default:
		b = w
		ends = []string{"ах", "ам", "ом", "у", "а"}
	}
	out := make([]string, len(ends))
	for i, e := range ends {
		out[i] = b + e
	}
	return out
}

// verbalNounForms returns the case forms of a verbal noun in «-ение»,
// «-ание», «-ятие», «-итие», nil for other words. Such a noun is matched by
// its forms, not its stem: snowball gives «проведение» and the participle
// «проведённой» one stem, and «по результатам проведённой проверки» is not
// the chain «проведение проверки».
func verbalNounForms(w string) []string {
	if utf8.RuneCountInString(w) < 6 || !hasSuffix(w, "ение", "ание", "ятие", "итие") {
		return nil
	}
	b := strings.TrimSuffix(w, "е")
	out := make([]string, 0, 9)
	for _, e := range []string{"е", "я", "ю", "ем", "и", "й", "ям", "ями", "ях"} {
		out = append(out, b+e)
	}
	return out
}

// adjEndings are endings of adjectives and of oblique noun forms, which
// snowball strips consistently.
var adjEndings = []string{"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
	"ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ами", "ями", "ах", "ях", "ам", "ям"}

func hasSuffix(w string, sufs ...string) bool {
	for _, s := range sufs {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w) > utf8.RuneCountInString(s)+1 {
			return true
		}
	}
	return false
}

// mutations returns a second-conjugation stem with and without the
// consonant change before -ю/-ен: «осуществ» → «осуществл»,
// «освобод» → «освобожд», «запрет» → «запрещ».
func mutations(s string) []string {
	out := []string{s}
	for _, m := range [][2]string{{"ст", "щ"}, {"зд", "зж"}, {"б", "бл"}, {"п", "пл"}, {"в", "вл"}, {"м", "мл"}, {"ф", "фл"},
		{"д", "ж"}, {"д", "жд"}, {"т", "ч"}, {"т", "щ"}, {"с", "ш"}, {"з", "ж"}} {
		if strings.HasSuffix(s, m[0]) {
			out = append(out, s[:len(s)-len(m[0])]+m[1])
		}
	}
	return out
}
