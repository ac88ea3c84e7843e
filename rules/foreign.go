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
		return &foreign{w: w}, nil
	})
}

// foreign flags foreign words that have a plain Russian equivalent
// («мониторинг», «инцидент», «актуализировать», from dictionaries/
// foreign.tsv) and words written in Latin letters in Russian prose
// («e-mail»): the regulation asks to avoid foreign words (п. 2.5).
type foreign struct{ w *wdShared }

var foreignMeta = &linter.Meta{
	ID:          "foreign",
	Category:    linter.CatForeign,
	Severity:    linter.Warning,
	Description: "Иностранное слово или слово латиницей",
	Explanation: "Порядок требует писать без иностранных слов: «мониторинг», «инцидент», «актуализировать», " +
		"«верификация» понятны не всем. У них есть обычные русские замены — «проверка», «случай», «обновить». " +
		"Слово латиницей («e-mail») тоже напишите по-русски: «электронная почта». Адреса сайтов и почты, коды " +
		"и номера, единицы измерения, римские цифры, названия в кавычках и имена собственные не отмечаются.",
	Clause: "п. 2.5",
	Examples: []linter.Example{
		{Bad: "Результаты мониторинга начислений направим Вам до 25.12.2026.", Good: "Результаты проверки начислений направим Вам до 25.12.2026."},
		{Bad: "Пришлите фотографии на наш e-mail.", Good: "Пришлите фотографии на нашу электронную почту: gzhn@example.ru."},
	},
}

func (r *foreign) Meta() *linter.Meta { return foreignMeta }

func (r *foreign) Check(c *linter.Context) {
	sc := r.w.scan(c.Doc)
	// taken are the dictionary findings: a Latin word the list knows
	// («online») is reported once, with the list's replacement. Only
	// foreignLatin reads them, and only when there are Latin words.
	latin := len(sc.latin) > 0 && len(sc.latin) <= sc.cyr
	var taken []dict.Match
	var out wdTexts
	n := wdCount(sc.ms, dict.ListForeign)
	out.expect(n)
	if latin {
		taken = make([]dict.Match, 0, n) // one allocation, not one per doubling
	}
	for _, m := range sc.ms {
		if m.Entry.List != dict.ListForeign || sc.guard.covers(m.First, m.Last) {
			continue
		}
		in := r.w.info[m.Entry]
		if wdAllowed(c, m, in.keys) {
			continue
		}
		wdReport(c, &out, m, in)
		if latin {
			taken = append(taken, m)
		}
	}
	// A document written mostly in Latin letters is not Russian prose.
	if latin {
		foreignLatin(c, &sc.guard, taken, sc.latin)
	}
}

// foreignLatin reports words in Latin letters; latin are the tokens of
// such words, in order. A sentence written mostly in Latin (a quotation
// in English) is skipped whole. Only the sentences with a Latin word are
// read: in a Russian reply they are few.
func foreignLatin(c *linter.Context, g *wdGuard, taken []dict.Match, latin []int32) {
	d := c.Doc
	k := 0 // next taken match
	l := 0 // next Latin word
	for _, s := range d.Sentences {
		for l < len(latin) && int(latin[l]) < s.First {
			l++
		}
		if l == len(latin) {
			break
		}
		if int(latin[l]) >= s.Last {
			continue // no Latin word here
		}
		lat, cyr := 0, 0
		for i := s.First; i < s.Last; i++ {
			t := &d.Tokens[i]
			if t.Kind != linter.Word {
				continue
			}
			if t.Flags&linter.Cyrillic != 0 {
				cyr++
			}
			if t.Flags&linter.Latin != 0 {
				lat++
			}
		}
		if lat == 0 || (lat >= 3 && lat >= cyr) {
			continue
		}
		first := true // the first word of the sentence
		for i := s.First; i < s.Last; {
			if t := &d.Tokens[i]; t.Kind == linter.Space || t.Kind == linter.Newline {
				i++
				continue
			}
			// A glued run of tokens: a URL, an e-mail, a file name or a
			// plain word with its punctuation.
			end := i
			for end < s.Last && d.Tokens[end].Kind != linter.Space && d.Tokens[end].Kind != linter.Newline {
				end++
			}
			if foreignAddress(d, i, end) {
				i, first = end, false
				continue
			}
			for j := i; j < end; j++ {
				t := &d.Tokens[j]
				if t.Kind != linter.Word {
					continue
				}
				atStart := first
				first = false
				if t.Flags&linter.Latin == 0 || !foreignLatinWord(d, t, atStart) {
					continue
				}
				for k < len(taken) && taken[k].Last <= j {
					k++
				}
				if k < len(taken) && taken[k].First <= j || g.covers(j, j+1) || c.Options.Allowed(c.Doc.Norm(t)) {
					continue
				}
				c.Report(int(t.Start), int(t.End), "Слово латиницей „"+d.Text[t.Start:t.End]+"“: не всякий читатель его поймёт. Напишите по-русски.")
			}
			i = end
		}
	}
}

// foreignAddress reports a run of glued tokens that is a web or e-mail
// address or a file name: it holds «@», «/» or a dot between two words
// («gzhn.ru», «отчет.pdf»), or starts with «www».
func foreignAddress(d *linter.Document, from, to int) bool {
	for j := from; j < to; j++ {
		t := &d.Tokens[j]
		if t.Kind != linter.Punct {
			if t.Kind == linter.Word && d.Norm(t) == "www" {
				return true
			}
			continue
		}
		switch d.Text[t.Start:t.End] {
		case "@", "/", "\\":
			return true
		case ".":
			if j > from && j+1 < to && d.Tokens[j-1].IsWordLike() && d.Tokens[j+1].IsWordLike() {
				return true
			}
		}
	}
	return false
}

// foreignUnits are units of measure written in Latin letters.
var foreignUnits = map[string]bool{
	"kg": true, "g": true, "mg": true, "km": true, "m": true, "cm": true, "mm": true, "l": true, "ml": true,
	"kw": true, "kwh": true, "w": true, "mw": true, "v": true, "kv": true, "kva": true, "a": true, "ma": true,
	"hz": true, "khz": true, "mhz": true, "ghz": true, "kb": true, "mb": true, "gb": true, "tb": true,
	"mbit": true, "mbps": true, "kbps": true, "gbps": true, "ph": true, "db": true, "dba": true, "lx": true,
	"lux": true, "ppm": true, "pa": true, "kpa": true, "mpa": true, "bar": true, "atm": true, "kcal": true,
	"gcal": true, "rpm": true,
}

// foreignLatinWord decides whether a Latin word in Russian prose is a
// foreign word to report. Not reported: codes and IDs with digits («A1»,
// «ID123»), single letters, Roman numerals, units, words in capitals
// (abbreviations such as SMS or PDF are left to people), names of brands
// and people (a capital inside the word or a capital in mid-sentence),
// and a word that mixes scripts inside one part (the mixed-script rule
// reports it).
func foreignLatinWord(d *linter.Document, t *linter.Token, atStart bool) bool {
	if t.Flags&linter.Digit != 0 || t.Flags&linter.Upper != 0 {
		return false
	}
	w := d.Text[t.Start:t.End]
	if t.Flags&linter.Cyrillic != 0 && mixedParts(w) {
		return false
	}
	letters, inner := 0, false
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if i > 0 && unicode.IsUpper(r) && unicode.Is(unicode.Latin, r) {
			prev, _ := utf8.DecodeLastRuneInString(w[:i])
			if unicode.IsLetter(prev) {
				inner = true // «WhatsApp», «iPhone»
			}
		}
	}
	if letters < 2 || inner || foreignUnits[d.Norm(t)] || isRoman(w) {
		return false
	}
	if t.Flags&linter.Title != 0 && !atStart {
		return false // a name in mid-sentence: «Viber», «Smith»
	}
	return true
}

// isRoman reports a Roman numeral in capitals: I, II, IV, XIV, MCMXC.
func isRoman(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !strings.ContainsRune("IVXLCDM", r) {
			return false
		}
	}
	// No letter four times in a row, no V, L, D twice in a row.
	return !strings.Contains(w, "IIII") && !strings.Contains(w, "XXXX") && !strings.Contains(w, "CCCC") &&
		!strings.Contains(w, "VV") && !strings.Contains(w, "LL") && !strings.Contains(w, "DD")
}
