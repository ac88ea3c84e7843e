package rules

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"
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

// wdMerge sorts spans and joins the overlapping ones into a guard.
func wdMerge(spans []wdSpan) wdGuard {
	slices.SortFunc(spans, func(a, b wdSpan) int { return cmp.Compare(a.first, b.first) })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.first < out[n-1].last {
			out[n-1].last = max(out[n-1].last, s.last)
			continue
		}
		out = append(out, s)
	}
	return wdGuard{spans: out}
}

// wdAnalyze fills sc with what one pass over the words finds and returns
// the quoted titles of the document. It gives every token to ds, when not
// nil, so that the dictionary is matched in the same pass; quiet then
// keeps the words wdSkip may pass over with ds's dictionary. The titles are
// the inside of «…», „…“, “…” and "…" pairs that close in the same block
// and whose first word is capitalised (a title, a company name) or that
// follow a legal form such as ООО. A quote that starts with a small letter
// is the clerk's own wording in quotes and is checked as usual.
func wdAnalyze(d *linter.Document, sc *wdScan, ds *dict.Scanner, quiet *dict.Facts) []wdSpan {
	abbrs, _ := abbrLoad()
	var out []wdSpan
	for bi := range d.Blocks {
		last := d.Blocks[bi].Last
		q := wdQuotes{open: -1}
		for i := d.Blocks[bi].First; ; i++ {
			var cyr int
			i, cyr = wdSkip(d, i, last, ds, quiet)
			sc.cyr += cyr
			if i >= last {
				break
			}
			switch d.Tokens[i].Kind {
			case linter.Word:
				sc.word(d, i, ds, quiet, abbrs)
			case linter.Number:
				ds.Token(i) // wdSkip stops at a number only for ds
			case linter.Punct:
				if s, ok := q.mark(d, i); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// wdSkip returns the first token from i on, before last, that wdAnalyze
// must look at, and how many words with Cyrillic letters it passed on
// the way. Most tokens are spaces and quiet words, which it passes: words
// that tell the scan nothing but whether they have Cyrillic letters, as
// they have no Latin letter, are not in capitals, are no listed
// abbreviation and not «далее» (by the facts kept for their normal form,
// see wdFacts) and start no phrase of ds (see dict.Scanner.Skips): with
// ds, the words quiet holds, where both are kept in one load. It stops at
// the other words, at numbers that ds wants and at punctuation that may
// be a quote. Its loop makes no call: the compiler keeps its variables in
// registers instead of spilling them around the calls the few other
// tokens need.
func wdSkip(d *linter.Document, i, last int, ds *dict.Scanner, quiet *dict.Facts) (next, cyr int) {
	toks, text := d.Tokens[:last], d.Text
	for ; i < len(toks); i++ {
		t := &toks[i]
		switch t.Kind {
		case linter.Word:
			if t.Flags&(linter.Latin|linter.Upper) != 0 || t.NormID == 0 {
				return i, cyr
			}
			if ds != nil {
				if quiet.Get(t.NormID) == 0 {
					return i, cyr
				}
			} else if v := wdWords.Get(t.NormID); v == 0 || v&(wdListed|wdDalee) != 0 {
				return i, cyr
			}
			if t.Flags&linter.Cyrillic != 0 {
				cyr++
			}
		case linter.Number:
			if ds != nil && !ds.Skips(t) {
				return i, cyr
			}
		case linter.Punct:
			if wdMayQuote(text[t.End-1]) {
				return i, cyr
			}
		}
	}
	return i, cyr
}

// wdMayQuote reports whether a punctuation token whose last byte is b may
// be a quotation mark wdQuotes follows: «"» or the last byte of «, », „,
// “ or ” in UTF-8. Commas, full stops and dashes end otherwise.
func wdMayQuote(b byte) bool {
	switch b {
	case '"', 0xAB, 0xBB, 0x9C, 0x9D, 0x9E:
		return true
	}
	return false
}

// wdQuotes follows the quotation marks of one block.
type wdQuotes struct {
	depth, open int  // how many quotes are open; the token of the outermost
	straight    bool // it is a straight quote «"», which closes with another
}

// mark takes the punctuation token i and returns the title that it
// closes, if any (see wdTitle).
func (q *wdQuotes) mark(d *linter.Document, i int) (wdSpan, bool) {
	t := &d.Tokens[i]
	var opens, closes bool
	switch d.Text[t.Start:t.End] {
	case "«", "„":
		opens = true
	case "»":
		closes = true
	case "“":
		// „…“ closes with it; English “…” opens with it.
		if q.depth > 0 && !q.straight {
			closes = true
		} else {
			opens = true
		}
	case "”":
		closes = true
	case "\"":
		if q.straight {
			closes = true
		} else if q.depth == 0 {
			opens = true
		}
	}
	switch {
	case opens:
		if q.depth == 0 {
			q.open = i
			q.straight = d.Text[t.Start:t.End] == "\""
		}
		q.depth++
	case closes && q.depth > 0:
		q.depth--
		if q.depth == 0 {
			q.straight = false
			if wdTitle(d, q.open, i) {
				return wdSpan{q.open + 1, i}, true
			}
		}
	}
	return wdSpan{}, false
}

// word learns what word token i tells the scan and gives it to ds, when
// not nil; it keeps in quiet a word that wdSkip may pass over.
func (sc *wdScan) word(d *linter.Document, i int, ds *dict.Scanner, quiet *dict.Facts, abbrs map[string]dict.Abbr) {
	t := &d.Tokens[i]
	v := wdFacts(d, t)
	if ds != nil {
		ds.Token(i)
		// The facts of the normal form, not of this token: wdSkip
		// tests the token's letters itself.
		if t.NormID != 0 && v&(wdListed|wdDalee) == 0 && ds.Skips(t) {
			quiet.Set(t.NormID, 1)
		}
	}
	f := t.Flags
	if f&linter.Cyrillic != 0 {
		sc.cyr++
	}
	if f&linter.Latin != 0 {
		sc.latin = append(sc.latin, int32(i))
	}
	switch {
	case f&(linter.Cyrillic|linter.Latin) == linter.Cyrillic|linter.Latin:
		sc.mixed = append(sc.mixed, int32(i))
	case f&(linter.Cyrillic|linter.Upper|linter.Latin|linter.Digit) == linter.Cyrillic|linter.Upper,
		f&(linter.Cyrillic|linter.Title|linter.Upper|linter.Latin|linter.Digit) == linter.Cyrillic|linter.Title &&
			v&wdListed != 0 && wdInnerCapital(d.Text[t.Start:t.End]): // «КоАП», «СанПиН»
		// Tested now, while the token is at hand: the rule reads the
		// few that pass long after this pass.
		if abbrCandidate(d, t, abbrs) {
			sc.caps = append(sc.caps, int32(i))
		}
	}
	if v&wdDalee != 0 {
		if w := d.Text[t.Start:t.End]; w == "далее" || w == "Далее" || w == "ДАЛЕЕ" {
			sc.dalee = append(sc.dalee, int32(i))
		}
	}
}

// wdWords keeps the facts of words the shared scan needs (see wdFacts)
// by Token.NormID.
var wdWords dict.Facts

// The facts in wdWords; zero is not computed yet.
const (
	wdKnown  = 1 << iota // the facts are computed
	wdListed             // the normal form is that of an abbreviation abbrCandidate takes from the list (abbrList.norms)
	wdDalee              // the normal form is «далее»
	wdVerbal             // the stem is that of a verbal noun (see wdVerbalNoun)
)

// wdFacts returns the facts of word t, computed on the first call for its
// normal form. A word without a NormID has them all: nowhere to keep the
// answer, the full tests decide. A word that is not wdListed is no
// abbreviation abbrCandidate takes from the list, however it is written:
// the scan need not test the letters of the first words of sentences and
// of names («Москва») for a capital inside.
func wdFacts(d *linter.Document, t *linter.Token) uint64 {
	if t.NormID == 0 {
		return wdListed | wdDalee | wdVerbal
	}
	v := wdWords.Get(t.NormID)
	if v == 0 {
		abbrLoad()
		norm := d.Norm(t)
		v = wdKnown
		if abbrList.norms[norm] {
			v |= wdListed
		}
		if norm == "далее" {
			v |= wdDalee
		}
		if wdVerbalNoun(d.Stem(t)) {
			v |= wdVerbal
		}
		wdWords.Set(t.NormID, v)
	}
	return v
}

// wdInnerCapital reports a Cyrillic capital letter after the first letter
// of a word: «КоАП», «СанПиН», but not «Москва». It reads bytes: in UTF-8
// the capitals А–Я and Ё are 0xD0 followed by 0x90–0xAF or 0x81, and the
// check runs on every capitalised word.
func wdInnerCapital(w string) bool {
	_, n := utf8.DecodeRuneInString(w)
	for i := n; i+1 < len(w); i++ {
		if w[i] == 0xD0 && (w[i+1] == 0x81 || w[i+1] >= 0x90 && w[i+1] <= 0xAF) {
			return true
		}
	}
	return false
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

// wdAllowed reports whether the organisation allows a match: one of its
// words as found, or the entry under one of the forms the list writes it
// in (allowing «осуществлять» allows «осуществлен выезд», allowing «в
// целях» allows the phrase). Words shorter than three letters («в», «с»)
// do not count: allowing them would switch off whole families of phrases.
func wdAllowed(c *linter.Context, m dict.Match, keys []string) bool {
	if !c.Options.AllowsAny() {
		return false // the usual case: no words to read
	}
	d := c.Doc
	t := &d.Tokens[m.First]
	if part := m.Last-m.First == 1 && (m.Start != int(t.Start) || m.End != int(t.End)); part {
		return c.Options.Allowed(linter.Normalize(d.Text[m.Start:m.End])) || wdAllowedKeys(c, keys)
	}
	for k := m.First; k < m.Last; k++ {
		if t := &d.Tokens[k]; t.Kind == linter.Word && len(c.Doc.Norm(t)) >= 5 && c.Options.Allowed(c.Doc.Norm(t)) {
			return true
		}
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

// wdAllowKeys are the forms under which an allow list may name an entry:
// the phrase with the first alternative of each word («в целях») and every
// alternative of three letters or more («осуществлять», «данный»).
func wdAllowKeys(e *dict.Entry) []string {
	fields := strings.Fields(e.Phrase)
	var out []string
	first := make([]string, len(fields))
	for i, f := range fields {
		for j, a := range strings.Split(f, "|") {
			a = linter.Normalize(strings.Trim(a, "=,.;:()"))
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

// wdShared is the compiled dictionary of a rule set — the built-in names,
// jargon and foreign lists plus an organisation's extra files — and the
// door to the per-document scans, kept with the documents. The jargon,
// foreign and abbreviation rules of one rule set share it, so a document
// is scanned once for all of them.
type wdShared struct {
	once  sync.Once
	extra [][]*dict.Entry
	d     *dict.Dict
	info  map[*dict.Entry]*wdInfo
	// quiet holds, by NormID, the words that tell the shared scan
	// nothing but their letters with this dictionary (see wdSkip).
	quiet dict.Facts
}

// wdBuiltin serves every rule set without extra files.
var wdBuiltin = &wdShared{}

// wdOrgs holds the rule sets with extra files, by their content, so that
// the rules built from one configuration share one dictionary.
var wdOrgs struct {
	mu sync.Mutex
	m  map[[32]byte]*wdShared
}

// wdSharedFor returns the dictionary of the environment's rule set. The
// organisation's files are parsed now, so their errors surface when the
// rules are built; compiling waits for the first check.
func wdSharedFor(env *Env) (*wdShared, error) {
	js, fs := env.extra(jargonMeta.ID), env.extra(foreignMeta.ID)
	if len(js) == 0 && len(fs) == 0 {
		return wdBuiltin, nil
	}
	h := sha256.New()
	for _, s := range append(append([]Source{}, js...), fs...) {
		fmt.Fprintf(h, "%d:%s%d:", len(s.Name), s.Name, len(s.Data))
		h.Write(s.Data)
	}
	fmt.Fprintf(h, "|%d", len(js))
	var key [32]byte
	copy(key[:], h.Sum(nil))
	wdOrgs.mu.Lock()
	defer wdOrgs.mu.Unlock()
	if w := wdOrgs.m[key]; w != nil {
		return w, nil
	}
	w := &wdShared{}
	for _, src := range []struct {
		list int
		srcs []Source
	}{{dict.ListJargon, js}, {dict.ListForeign, fs}} {
		for _, s := range src.srcs {
			es, err := dict.ParsePhrases(s.Name, s.Data, src.list)
			if err != nil {
				return nil, err
			}
			w.extra = append(w.extra, es)
		}
	}
	var all []*dict.Entry
	for _, es := range w.extra {
		all = append(all, es...)
	}
	if _, err := dict.Compile(all); err != nil {
		return nil, err // a phrase with too many variants
	}
	if wdOrgs.m == nil || len(wdOrgs.m) >= 32 {
		wdOrgs.m = map[[32]byte]*wdShared{} // a few configurations per process
	}
	wdOrgs.m[key] = w
	return w, nil
}

// get compiles the dictionary on first use.
func (w *wdShared) get() *dict.Dict {
	w.once.Do(func() {
		// A bad line of the built-in data is left out, not fatal: the
		// data is tested, and one line must not switch the rules off.
		b, _ := dict.LoadBuiltin()
		if b == nil {
			b = &dict.Builtin{}
		}
		w.d, _ = b.Compile(w.extra...)
		w.info = make(map[*dict.Entry]*wdInfo, len(w.d.Entries()))
		for _, e := range w.d.Entries() {
			v := jargonVoice
			if e.List == dict.ListForeign {
				v = foreignVoice
			}
			w.info[e] = wdNewInfo(v, e)
		}
	})
	return w.d
}

// wdScan is what the word rules learn from two passes over a document
// (the dictionary's and wdAnalyze): the dictionary matches of every list,
// the places not to touch, how many words have Latin and Cyrillic letters,
// and the few tokens the other word rules look at. Reading every token
// once for all rules matters: a pass over the tokens of 1 MB reads 10 MB.
type wdScan struct {
	ms    []dict.Match
	guard wdGuard
	latin []int32 // words with Latin letters
	cyr   int     // how many words have Cyrillic letters
	mixed []int32 // words with Cyrillic and Latin letters
	caps  []int32 // abbreviations (see abbrCandidate): Cyrillic words in capitals («МКД») or with a capital inside («КоАП»)
	dalee []int32 // the word «далее»
}

// wdScanKey keys a rule set's scan in Document.Memo: the rules of one
// check share it, and the scan goes with the document.
type wdScanKey struct{ w *wdShared }

// scan returns the document's scan, computing it on the first call.
func (w *wdShared) scan(doc *linter.Document) *wdScan {
	return doc.Memo(wdScanKey{w}, func() any { return w.compute(doc) }).(*wdScan)
}

// compute scans the document.
func (w *wdShared) compute(doc *linter.Document) *wdScan {
	d := w.get()
	// Replies hold a dictionary match every fifty tokens or so: room for
	// them at once spares the copies of a growing slice.
	ms := make([]dict.Match, 0, len(doc.Tokens)/48+8)
	sc := &wdScan{}
	var spans []wdSpan
	if wdBlocksCover(doc) {
		// One pass over the tokens for both: on a long document each
		// pass reads megabytes.
		ds := d.Scanner(doc, ms)
		spans = wdAnalyze(doc, sc, &ds, &w.quiet)
		sc.ms = ds.Matches()
	} else {
		sc.ms = d.Scan(doc, ms)
		spans = wdAnalyze(doc, sc, nil, nil)
	}
	for _, m := range sc.ms {
		if m.Entry.List == dict.ListNames {
			spans = append(spans, wdSpan{m.First, m.Last})
		}
	}
	sc.guard = wdMerge(spans)
	if !slices.IsSorted(sc.latin) {
		slices.Sort(sc.latin) // blocks out of order: foreignLatin walks in order
	}
	return sc
}

// wdBlocksCover reports whether the blocks hold every token in order, as
// in a parsed document: a pass over the blocks then sees every token once,
// which a dict.Scanner needs.
func wdBlocksCover(d *linter.Document) bool {
	n := 0
	for _, b := range d.Blocks {
		if b.First != n || b.Last < b.First {
			return false
		}
		n = b.Last
	}
	return n == len(d.Tokens)
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
