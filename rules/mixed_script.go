package rules

import (
	"strings"
	"unicode"

	"github.com/yasno/yasno/linter"
)

func init() {
	register(func(env *Env) (linter.Rule, error) {
		w, err := wdSharedFor(env)
		if err != nil {
			return nil, err
		}
		return mixedScript{w: w}, nil
	})
}

// mixedScript flags words typed with a mix of Cyrillic and Latin letters
// that look alike («ПOC» with Latin O and C, «прoветривать»): the text
// looks right, but screen readers stumble on the word, search does not
// find it and spell checkers pass it by. The fix is mechanical, so the
// finding carries it.
type mixedScript struct{ w *wdShared }

var mixedScriptMeta = &linter.Meta{
	ID:          "mixed-script",
	Category:    linter.CatMixedScript,
	Severity:    linter.Error,
	Description: "Слово набрано вперемешку русскими и латинскими буквами",
	Explanation: "Некоторые латинские буквы выглядят как русские (a, c, e, o, p, x, y, A, B, C, E, H, K, M, O, P, T, X). " +
		"Если в русском слове оказалась латинская буква, на экране этого не видно, но программа чтения с экрана " +
		"произносит слово неправильно, поиск его не находит, а проверка орфографии пропускает. Такое бывает после " +
		"копирования из других документов или при наборе с переключением раскладки. Замените слово вариантом из " +
		"подсказки. Слова из двух частей через дефис («Wi-Fi-роутер») проверяются по частям.",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "Ответ на обращение в ГИ\u0421 ЖКХ, поступившее через ПOC.", Good: "Ответ на обращение в ГИС ЖКХ, поступившее через ПОС."},
		{Bad: "Рекомендуем регулярно пр\u006Fветривать помещение.", Good: "Рекомендуем регулярно проветривать помещение и купить Wi-Fi-роутер."},
	},
}

func (mixedScript) Meta() *linter.Meta { return mixedScriptMeta }

// mixedWhy is the middle of the message, after the word.
const mixedWhy = "“ смешаны русские и латинские буквы: программы чтения с экрана и поиск его не распознают. " +
	"Наберите его заново одной раскладкой"

func (r mixedScript) Check(c *linter.Context) {
	sc := r.w.scan(c.Doc)
	d := c.Doc
	for _, i := range sc.mixed {
		t := &d.Tokens[i]
		w := d.Text[t.Start:t.End]
		if !mixedParts(w) || c.Options.Allowed(c.Doc.Norm(t)) {
			continue
		}
		// Each message is written by one concatenation: one allocation.
		if fix, ok := mixedFix(w); ok {
			c.Report(int(t.Start), int(t.End), "В слове „"+w+mixedWhy+": „"+fix+"“.", fix)
			continue
		}
		c.Report(int(t.Start), int(t.End), "В слове „"+w+mixedWhy+".")
	}
}

// mixedParts reports whether a part of w between hyphens holds both
// Cyrillic and Latin letters. «Wi-Fi-роутер» is two scripts joined by a
// hyphen, not a mixed word.
func mixedParts(w string) bool {
	cyr, lat := false, false
	for _, r := range w {
		switch {
		case r == '-' || r == '\u2010' || r == '\u2011':
			cyr, lat = false, false
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Latin, r):
			lat = true
		}
		if cyr && lat {
			return true
		}
	}
	return false
}

// latToCyr and cyrToLat map letters that look the same.
var latToCyr = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к', 'u': 'и', 'n': 'п', 'r': 'г', 'b': 'ь', 'm': 'т',
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	'ë': 'ё', 'Ë': 'Ё',
}

var cyrToLat = map[rune]rune{
	'а': 'a', 'с': 'c', 'е': 'e', 'о': 'o', 'р': 'p', 'х': 'x', 'у': 'y', 'к': 'k', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Т': 'T', 'Х': 'X',
	'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
}

// mixedFix rewrites every mixed part of w in one script: Cyrillic when
// all its Latin letters have Cyrillic twins (the usual case in a Russian
// text, and the choice on a tie), Latin when only that works or when
// Latin letters are the majority and all Cyrillic ones have Latin twins.
// ok is false when some letter has no twin.
func mixedFix(w string) (string, bool) {
	var b strings.Builder
	b.Grow(len(w))
	ok := true
	start := 0
	flush := func(end int) {
		part := w[start:end]
		if !mixedParts(part) {
			b.WriteString(part)
			return
		}
		cyr, lat := 0, 0
		toCyr, toLat := true, true
		for _, r := range part {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
				if _, ok := cyrToLat[r]; !ok {
					toLat = false
				}
			case unicode.Is(unicode.Latin, r):
				lat++
				if _, ok := latToCyr[r]; !ok {
					toCyr = false
				}
			}
		}
		m := latToCyr
		switch {
		case toCyr && toLat:
			if lat > cyr {
				m = cyrToLat
			}
		case toLat:
			m = cyrToLat
		case !toCyr:
			ok = false
		}
		for _, r := range part {
			if x, found := m[r]; found {
				r = x
			}
			b.WriteRune(r)
		}
	}
	for i, r := range w {
		if r == '-' || r == '\u2010' || r == '\u2011' {
			flush(i)
			b.WriteRune(r)
			start = i + len(string(r))
		}
	}
	flush(len(w))
	return b.String(), ok
}
