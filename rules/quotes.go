package rules

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

// This file holds what the word rules (jargon, foreign, abbreviation)
// share: their compiled dictionaries and the places they must not touch —
// quoted official titles («О порядке рассмотрения обращений граждан…»,
// ООО «Клининг-Сервис») and proper names from names.tsv («Инцидент
// менеджмент», «Госуслуги»), quoted or not. A title is the wording of its
// author; the clerk cannot change it.

// wdSpan is a token range [first, last).
type wdSpan struct{ first, last int }

// wdGuard answers whether tokens lie in a title or a name.
type wdGuard struct{ spans []wdSpan } // sorted, not overlapping

// covers reports whether [first, last) overlaps a guarded span.
func (g *wdGuard) covers(first, last int) bool {
	k := sort.Search(len(g.spans), func(k int) bool { return g.spans[k].last > first })
	return k < len(g.spans) && g.spans[k].first < last
}

// wdNewGuard builds the guard of a document from its quoted titles and the
// name matches among ms (list dict.ListNames).
func wdNewGuard(d *linter.Document, ms []dict.Match) *wdGuard {
	spans := wdQuoted(d, nil)
	for _, m := range ms {
		if m.Entry.List == dict.ListNames {
			spans = append(spans, wdSpan{m.First, m.Last})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].first < spans[j].first })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.first < out[n-1].last {
			out[n-1].last = max(out[n-1].last, s.last)
			continue
		}
		out = append(out, s)
	}
	return &wdGuard{spans: out}
}

// wdQuoted appends the quoted titles of a document: the inside of «…»,
// „…“, “…” and "…" pairs that close in the same block and whose first word
// is capitalised (a title, a company name) or that follow a legal form
// such as ООО. A quote that starts with a small letter is the clerk's own
// wording in quotes and is checked as usual.
func wdQuoted(d *linter.Document, out []wdSpan) []wdSpan {
	for bi := range d.Blocks {
		b := &d.Blocks[bi]
		depth, open := 0, -1
		straight := false
		for i := b.First; i < b.Last; i++ {
			t := &d.Tokens[i]
			if t.Kind != linter.Punct {
				continue
			}
			var opens, closes bool
			switch d.Text[t.Start:t.End] {
			case "«", "„":
				opens = true
			case "»":
				closes = true
			case "“":
				// „…“ closes with it; English “…” opens with it.
				if depth > 0 && !straight {
					closes = true
				} else {
					opens = true
				}
			case "”":
				closes = true
			case "\"":
				if straight {
					closes = true
				} else if depth == 0 {
					opens = true
				}
			}
			switch {
			case opens:
				if depth == 0 {
					open = i
					straight = d.Text[t.Start:t.End] == "\""
				}
				depth++
			case closes && depth > 0:
				depth--
				if depth == 0 {
					if wdTitle(d, open, i) {
						out = append(out, wdSpan{open + 1, i})
					}
					straight = false
				}
			}
		}
	}
	return out
}

// wdTitle reports whether the quote from token open to token close is a
// title: its first word is capitalised, Latin or a number, or a legal form
// («ООО», «ТСЖ») stands before it.
func wdTitle(d *linter.Document, open, close int) bool {
	first := -1
	for k := open + 1; k < close; k++ {
		if d.Tokens[k].IsWordLike() {
			first = k
			break
		}
	}
	if first < 0 {
		return false
	}
	t := &d.Tokens[first]
	if t.Kind == linter.Number || t.Flags&(linter.Title|linter.Upper|linter.Latin) != 0 {
		return true
	}
	for k := open - 1; k >= 0; k-- {
		p := &d.Tokens[k]
		switch p.Kind {
		case linter.Space:
			continue
		case linter.Word:
			return p.Is(linter.Upper) && p.Is(linter.Cyrillic)
		}
		return false
	}
	return false
}

// wdAllowed reports whether the organisation allows a match: the phrase
// as found or as the list writes it, one of its words as found, or one of
// the list's forms of its words (allowing «осуществлять» allows
// «осуществлен выезд»). Words shorter than three letters («в», «с») do
// not count: allowing them would switch off whole families of phrases.
func wdAllowed(c *linter.Context, m dict.Match, keys []string) bool {
	d := c.Doc
	t := &d.Tokens[m.First]
	if part := m.Last-m.First == 1 && (m.Start != t.Start || m.End != t.End); part {
		return c.Options.Allowed(linter.Normalize(d.Text[m.Start:m.End])) || wdAllowedKeys(c, keys)
	}
	for k := m.First; k < m.Last; k++ {
		if t := &d.Tokens[k]; t.Kind == linter.Word && utf8.RuneCountInString(t.Norm) >= 3 && c.Options.Allowed(t.Norm) {
			return true
		}
	}
	if m.Last-m.First > 1 && c.Options.Allowed(wdNormText(d, m.First, m.Last)) {
		return true
	}
	return wdAllowedKeys(c, keys)
}

func wdAllowedKeys(c *linter.Context, keys []string) bool {
	for _, k := range keys {
		if c.Options.Allowed(k) {
			return true
		}
	}
	return false
}

// wdNormText joins the normalised words of tokens [first, last) by single
// spaces, punctuation kept: the form an allow list writes a phrase in.
func wdNormText(d *linter.Document, first, last int) string {
	var b strings.Builder
	for k := first; k < last; k++ {
		t := &d.Tokens[k]
		switch t.Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Word:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Norm)
		default:
			if t.Kind == linter.Number && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(d.Text[t.Start:t.End])
		}
	}
	return b.String()
}

// wdAllowKeys are the forms under which an allow list may name an entry:
// the phrase with the first alternative of each word («в целях») and every
// alternative of three letters or more («осуществлять», «данный»).
func wdAllowKeys(e *dict.Entry) []string {
	fields := strings.Fields(e.Phrase)
	var out []string
	first := make([]string, len(fields))
	for i, f := range fields {
		for j, a := range strings.Split(f, "|") {
			a = linter.Normalize(strings.Trim(a, "=,.;:"))
			if j == 0 {
				first[i] = a
			}
			if utf8.RuneCountInString(a) >= 3 {
				out = append(out, a)
			}
		}
	}
	if len(fields) > 1 {
		out = append(out, strings.Join(first, " "))
	}
	return out
}

// wdDict is a word rule's compiled dictionary: built lazily, once, from the
// names, the built-in list and the organisation's extra files.
type wdDict struct {
	once  sync.Once
	words func(*dict.Builtin) []*dict.Entry
	extra []*dict.Entry
	d     *dict.Dict
	keys  map[*dict.Entry][]string
	err   error
}

// wdBuiltinDicts share the compiled built-in dictionaries between the
// registries of one process (an organisation's extras get their own).
var (
	wdJargonBuiltin  = &wdDict{words: func(b *dict.Builtin) []*dict.Entry { return b.Jargon }}
	wdForeignBuiltin = &wdDict{words: func(b *dict.Builtin) []*dict.Entry { return b.Foreign }}
)

// wdNewDict returns the built-in dictionary, or a new one with the
// organisation's files parsed now, so that their errors surface when the
// rules are built.
func wdNewDict(builtin *wdDict, id string, env *Env) (*wdDict, error) {
	srcs := env.extra(id)
	if len(srcs) == 0 {
		return builtin, nil
	}
	w := &wdDict{words: builtin.words}
	for _, s := range srcs {
		es, err := dict.ParsePhrases(s.Name, s.Data, dict.ListWords)
		if err != nil {
			return nil, err
		}
		w.extra = append(w.extra, es...)
	}
	return w, nil
}

// get compiles the dictionary on first use.
func (w *wdDict) get() (*dict.Dict, error) {
	w.once.Do(func() {
		b, err := dict.LoadBuiltin()
		if err != nil {
			w.err = err
			return
		}
		if w.d, w.err = dict.Rule(b.Names, w.words(b), w.extra); w.err != nil {
			return
		}
		w.keys = make(map[*dict.Entry][]string, len(w.d.Entries()))
		for _, e := range w.d.Entries() {
			w.keys[e] = wdAllowKeys(e)
		}
	})
	return w.d, w.err
}

// wdNextWord returns the next word or number token after i within the
// sentence ending before last, skipping spaces; -1 at punctuation or end.
func wdNextWord(d *linter.Document, i, last int) int {
	for j := i; j < last; j++ {
		switch d.Tokens[j].Kind {
		case linter.Space, linter.Newline:
			continue
		case linter.Word, linter.Number:
			return j
		default:
			return -1
		}
	}
	return -1
}

// wdSentenceEnd returns the end token of the sentence holding token i.
func wdSentenceEnd(d *linter.Document, i int) int {
	if s := d.SentenceAt(i); s >= 0 {
		return d.Sentences[s].Last
	}
	return len(d.Tokens)
}
