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
	for _, m := range sc.ms {
		if m.Entry.List != dict.ListJargon || sc.guard.covers(m.First, m.Last) {
			continue
		}
		in := r.w.info[m.Entry]
		if wdAllowed(c, m, in.keys) || !jargonFits(doc, m) {
			continue
		}
		text := doc.Text[m.Start:m.End]
		c.Report(m.Start, m.End, "Канцелярит: „"+text+"“"+in.tail, wdCase(text, m.Entry.Replace)...)
	}
}

// jargonFits applies the checks a list cannot express: «являться» is
// канцелярит only as a link verb, and a phrase that ends at or right before
// a legal citation («в части 3 статьи 8», «в соответствии с частью 3») is
// the wording of the law, not the clerk's.
func jargonFits(d *linter.Document, m dict.Match) bool {
	end := wdSentenceEnd(d, m.First)
	if wdLinkVerbEntry(m.Entry) && !wdInstrumentalAhead(d, m.Last, end) {
		return false
	}
	last := m.Last - 1
	for last > m.First && d.Tokens[last].Kind != linter.Word {
		last--
	}
	if wdLegalUnit(d.Tokens[last].Stem) {
		if n := wdNextWord(d, m.Last, end); n >= 0 && d.Tokens[n].Kind == linter.Number {
			return false
		}
	}
	if n := wdNextWord(d, m.Last, end); n >= 0 && wdLegalUnit(d.Tokens[n].Stem) {
		if k := wdNextWord(d, n+1, end); k >= 0 && d.Tokens[k].Kind == linter.Number {
			return false
		}
	}
	return true
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
		if j < 0 || d.Tokens[j].Kind != linter.Word {
			return false
		}
		if wdInstrumental(d.Tokens[j].Norm) {
			return true
		}
		n = j + 1
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

// wdTail is the end of an entry's message, after «Канцелярит: „found“»:
// the fix and the reason — « → „делать“ или „проводить“. <reason>».
// Hints from the list («(назовите орган)») are advice and go into the
// message only. A reason that starts with the kind («Иностранное слово:
// …») drops it.
func wdTail(kind string, e *dict.Entry) string {
	var b strings.Builder
	var alts, advice []string
	del := false
	for _, r := range e.Replace {
		if r == "" {
			del = true
			continue
		}
		alts = append(alts, "„"+r+"“")
	}
	for _, h := range e.Hints {
		if strings.HasPrefix(h, "(") && strings.HasSuffix(h, ")") {
			advice = append(advice, strings.TrimSuffix(strings.TrimPrefix(h, "("), ")"))
			continue
		}
		alts = append(alts, "„"+h+"“")
	}
	switch {
	case len(alts) > 0:
		b.WriteString(" → ")
		b.WriteString(strings.Join(alts, " или "))
		if del {
			b.WriteString(", или просто уберите")
		}
	case del:
		b.WriteString(" — уберите")
	case len(advice) == 0:
		b.WriteString(" — скажите проще")
	}
	for i, a := range advice {
		if i == 0 && len(alts) == 0 && !del {
			b.WriteString(" — ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(a)
	}
	b.WriteString(".")
	r := strings.TrimSpace(e.Reason)
	if k := strings.Index(r, ":"); k > 0 && strings.EqualFold(r[:k], kind) {
		r = wdUpperFirst(strings.TrimSpace(r[k+1:]))
	}
	if r != "" {
		b.WriteString(" ")
		b.WriteString(wdUpperFirst(r))
		if !strings.HasSuffix(r, ".") && !strings.HasSuffix(r, "!") && !strings.HasSuffix(r, "?") {
			b.WriteString(".")
		}
	}
	return b.String()
}

// wdCase capitalises the suggestions when the found text starts with a
// capital (a sentence start), so that a replacement fits in place.
func wdCase(text string, sugg []string) []string {
	r, _ := utf8.DecodeRuneInString(text)
	if !unicode.IsUpper(r) {
		return append([]string(nil), sugg...) // the finding's own copy
	}
	out := make([]string, len(sugg))
	for i, s := range sugg {
		out[i] = wdUpperFirst(s)
	}
	return out
}

func wdUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
