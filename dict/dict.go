// Package dict compiles yasno's word lists (канцелярит, foreign words,
// proper names and an organisation's own additions) into a token trie and
// finds their phrases in a document in one pass over its tokens.
//
// A phrase is a sequence of words; each word is a set of alternatives, each
// either a snowball stem (so «осуществляется» and «осуществлялось» match the
// same entry) or an exact normalised form (so «данный» is listed by its forms
// and never catches «данные», data). Words are compiled with linter.Stem and
// linter.Normalize, the very functions the tokenizer uses, so data and
// tokens agree; for verbs the compiler adds the stems of their other forms
// (see Stems).
//
// All lists go into one trie whose outputs say which list matched, so the
// rules that use them (jargon, foreign, and the names that guard both)
// share one pass. Why a trie walked from every word and not Aho–Corasick:
// phrases are a handful of words, leftmost-longest matching per list falls
// out directly, and a walk is bounded by the longest phrase, so the cost is
// linear in the tokens. Bit filters of first words and first word pairs
// turn away almost every word before any map lookup: the pass costs about
// one hash per word.
package dict

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// MaxLists is how many lists one Dict can hold.
const MaxLists = 8

// maxPaths bounds the paths one entry may expand into (the product of its
// words' alternatives): a runaway entry is a data error, not a slow start.
const maxPaths = 1024

// maxActive bounds the trie nodes alive at once during a walk. A token can
// follow a stem edge and an exact edge at once, so a walk is a small set.
const maxActive = 16

// Entry is one line of a list.
type Entry struct {
	List   int    // the caller's list number, 0…MaxLists-1
	Phrase string // as written in the file
	// Replace are literal replacements written for the phrase's
	// dictionary form (see Word.Head); "" means: delete the phrase. A rule
	// offers one as a one-click fix only where it fits (see Entry.InHeadForm
	// and Agree).
	Replace []string
	// Inflect are plain words that need the right form where they stand
	// («~проверка» for «мониторинг»: «провели мониторинг» needs
	// «проверку»). Messages name them; they are never a one-click fix.
	Inflect []string
	// Hints are replacements that are advice, not text: «(назовите
	// действие глаголом)», «на (дата)». Messages show them; they are never
	// offered as a one-click fix.
	Hints  []string
	Reason string
	Source string
	File   string
	Line   int
	// Soft entries are stylistic hints rather than clear faults («в
	// отношении», «по вопросу»): the rules report them as info, so that a
	// clerk sees real канцелярит as warnings.
	Soft bool
	// Cased entries (proper names written with a capital) match only
	// where the text's first word is capitalised too.
	Cased bool
	Words []Word
	// span is how many words of Words a match covers; the rest are
	// context (see Word.Context).
	span int
}

// Pos names the entry's place for messages: «jargon.tsv:12».
func (e *Entry) Pos() string { return fmt.Sprintf("%s:%d", e.File, e.Line) }

// Word is one position of a phrase: any stem, any exact form, or a
// punctuation mark the phrase itself holds («в случае, если»).
type Word struct {
	Stems []string
	Forms []string
	Punct string
	// Head is the first alternative, normalised: the dictionary form the
	// entry's replacements are written for.
	Head string
	// Context words must follow the phrase but are not part of what is
	// found: «=указанный (дом|адрес)» finds «указанный» only before «дом»,
	// and its replacement «этот» replaces «указанный» alone.
	Context bool
}

// Span returns how many words of the phrase a match covers: all but the
// trailing context words.
func (e *Entry) Span() int {
	if e.span == 0 {
		return len(e.Words)
	}
	return e.span
}

// InHeadForm reports whether the match's words are exactly the entry's
// dictionary form, the first alternative of each word: only then does a
// replacement of a noun, a verb or a phrase that inflects fit as it is
// written («провести проверку» → «проверить», but not «провели проверку»).
// A fixed expression («в настоящее время») is always in its head form.
func (e *Entry) InHeadForm(doc *linter.Document, m Match) bool {
	k := 0
	for i := m.First; i < m.Last; i++ {
		t := &doc.Tokens[i]
		if t.Kind == linter.Space || t.Kind == linter.Newline {
			continue
		}
		if k >= len(e.Words) {
			return false
		}
		w := &e.Words[k]
		k++
		switch t.Kind {
		case linter.Word:
			if doc.Norm(t) != w.Head {
				return false
			}
		case linter.Number:
			if doc.Text[t.Start:t.End] != w.Head {
				return false
			}
		}
	}
	return k == e.Span()
}

// Match is an entry found in a document.
type Match struct {
	Entry       *Entry
	First, Last int // tokens [First, Last)
	Start, End  int // bytes; inside a token for a part of a hyphenated word
}

const (
	kindStem uint8 = iota
	kindForm
	kindPunct
)

// outputs are the entries ending at a node, one per list, as 1 + their
// place in Compile's input (0: none). Of two entries matching the same
// words, the later one wins. Indexes keep the arrays free of pointers, so
// the garbage collector never scans them.
type outputs [MaxLists]int32

type edge struct {
	from int32
	kind uint8
	key  string
}

// Dict is a compiled set of lists. It is read-only after Compile and safe
// for concurrent use.
type Dict struct {
	next    map[edge]int32
	all     []*Entry  // Compile's input
	outs    []outputs // the outputs of the nodes that have some
	lists   []uint8   // per outs: bit l set if list l has an output there
	leaf    []int32   // per node: index into outs, or -1
	kinds   []uint8   // per node: bit k set if an edge of kind k leaves it
	entries []*Entry
	filter  filter
	known   Facts       // the facts of words by NormID (see key)
	ascii   [128]uint64 // the facts of one-byte punctuation

	// Word edges again, keyed by numbers: a word's stem and normal form
	// are looked up in keys once per NormID (see wordKeys), and each step
	// of a walk is then a lookup of an integer. Every walk starts at the
	// root, whose edges are most of them: it has a slice per kind,
	// indexed by the number, and a step from it is one load.
	keys  map[string]int32 // the strings of word edges, numbered from 1
	wnext map[uint64]int32 // by wedge(node, kind, number of the key), from nodes other than the root
	root  [2][]int32       // the root's children by kind (kindStem, kindForm) and number; 0: none
	wkeys Facts            // a word's numbers by NormID (see wordKeys)

	// numbers tells that a phrase may start with a number token: the
	// root has an exact edge without letters. The built-in lists have
	// none, so a Scanner passes over numbers at once.
	numbers bool
}

// wedge packs a word edge into a map key.
func wedge(from int32, k uint8, key int32) uint64 {
	return uint64(from)<<34 | uint64(k)<<32 | uint64(uint32(key))
}

// filter is a set of bit filters that let the matcher skip almost every
// word without a map lookup. Most words start no phrase; the frequent
// ones that do («в», «по», «на») start a phrase only together with the
// next word, so pairs are filtered too. A false positive costs a lookup.
type filter struct {
	first [filterBits / 64]uint64 // a key that starts a phrase
	one   [filterBits / 64]uint64 // a key that is a whole one-word phrase
	pair  [filterBits / 64]uint64 // the first two keys of a longer phrase
}

// filterBits keeps each filter sparse (a few thousand keys and pairs in
// 256 Kbit): few false positives, and 96 KB in all.
const filterBits = 1 << 18

// filterHash hashes a key by its length and its first and last four
// bytes: cheap, and good enough for a filter.
func filterHash(k string) uint32 {
	n := len(k)
	var lo, hi uint32
	if n >= 4 {
		lo = uint32(k[0]) | uint32(k[1])<<8 | uint32(k[2])<<16 | uint32(k[3])<<24
		hi = uint32(k[n-4]) | uint32(k[n-3])<<8 | uint32(k[n-2])<<16 | uint32(k[n-1])<<24
	} else {
		for i := 0; i < n; i++ {
			lo = lo<<8 | uint32(k[i])
		}
	}
	h := lo*0x9E3779B1 ^ hi*0x85EBCA77 ^ uint32(n)*0xC2B2AE3D
	return h ^ h>>15
}

func pairHash(a, b uint32) uint32 { return (a*31 + b) * 2654435761 >> 7 }

func set(bits *[filterBits / 64]uint64, h uint32) {
	h %= filterBits
	bits[h/64] |= 1 << (h % 64)
}

func has(bits *[filterBits / 64]uint64, h uint32) bool {
	h %= filterBits
	return bits[h/64]&(1<<(h%64)) != 0
}

// The scan's facts about a token: its filter hash in the low 32 bits and
// what the first and one-word filters say of it.
const (
	factOne   = 1 << 32 // the key may be a whole one-word phrase
	factFirst = 1 << 33 // the key may start a longer phrase
	factParts = 1 << 34 // a part of the hyphenated word may be an entry (see scanParts)
	factKnown = 1 << 63 // set in every fact, so that 0 means unknown
)

// key returns the scan's facts of a token: the filter hash of the stem of
// a word, the text of a number, the folded mark of punctuation; 0 for
// spaces. The filter knows words by their stems only, exact forms too (by
// the stem of the form), so that a word costs one hash. A word's facts
// depend on its normal form alone and are kept by its NormID: a word seen
// before costs one array load, and its stem, a string elsewhere in
// memory, is not read at all.
func (d *Dict) key(doc *linter.Document, t *linter.Token) uint64 {
	text := doc.Text
	switch t.Kind {
	case linter.Word:
		if t.NormID == 0 {
			return d.facts(filterHash(doc.Stem(t))) | factParts
		}
		if v := d.known.Get(t.NormID); v != 0 {
			return v
		}
		v := d.facts(filterHash(doc.Stem(t)))
		if d.partsMayMatch(doc.Norm(t)) {
			v |= factParts
		}
		d.known.Set(t.NormID, v)
		return v
	case linter.Number:
		return d.facts(filterHash(text[t.Start:t.End]))
	case linter.Punct:
		if t.End-t.Start == 1 && text[t.Start] < utf8.RuneSelf {
			return d.ascii[text[t.Start]]
		}
		return d.facts(filterHash(punctKey(text[t.Start:t.End])))
	}
	return 0
}

// kept returns the facts key keeps for token t, or 0 (for a word not
// seen yet and for any other token, whose NormID is 0 and whose facts
// are not kept: the fact of NormID 0 is never set). It is inlined, and
// spares the call of key for the words seen before.
func (d *Dict) kept(t *linter.Token) uint64 { return d.known.Get(t.NormID) }

// facts returns the facts of a key with filter hash h.
func (d *Dict) facts(h uint32) uint64 {
	v := factKnown | uint64(h)
	if has(&d.filter.one, h) {
		v |= factOne
	}
	if has(&d.filter.first, h) {
		v |= factFirst
	}
	return v
}

// addFilter records an entry's first two words.
func (d *Dict) addFilter(e *Entry) {
	for _, a := range wordKeys(e.Words[0]) {
		set(&d.filter.first, a)
		if len(e.Words) == 1 {
			set(&d.filter.one, a)
			continue
		}
		for _, b := range wordKeys(e.Words[1]) {
			set(&d.filter.pair, pairHash(a, b))
		}
	}
}

// wordKeys are the filter hashes a phrase word may have in a text.
func wordKeys(w Word) []uint32 {
	var out []uint32
	if w.Punct != "" {
		out = append(out, filterHash(w.Punct))
	}
	for _, s := range w.Stems {
		out = append(out, filterHash(s))
	}
	for _, f := range w.Forms {
		out = append(out, filterHash(linter.Stem(f)))
	}
	return out
}

// Entries returns the compiled entries (later duplicates removed).
func (d *Dict) Entries() []*Entry { return d.entries }

// Compile builds a Dict from parsed entries. A later entry with the same
// phrase in the same list replaces an earlier one: an organisation's file,
// compiled after the built-in one, can change a suggestion.
//
// A bad entry (no words, a wrong list, too many variants) is left out and
// named in the error; the Dict of the other entries is still returned, so
// that one bad line does not switch a rule off.
func Compile(entries []*Entry) (*Dict, error) {
	d := &Dict{next: make(map[edge]int32, 4*len(entries)), all: entries, leaf: make([]int32, 1, 4*len(entries)+1)}
	d.leaf[0] = -1
	d.kinds = make([]uint8, 1, cap(d.leaf))
	var errs []error
	for i, e := range entries {
		if err := check(e); err != nil {
			errs = append(errs, err)
			continue
		}
		d.addFilter(e)
		nodes := []int32{0}
		for _, w := range e.Words {
			var next []int32
			add := func(k uint8, key string) {
				for _, n := range nodes {
					next = appendUnique(next, d.child(n, k, key))
				}
			}
			if w.Punct != "" {
				add(kindPunct, w.Punct)
			}
			for _, s := range w.Stems {
				add(kindStem, s)
			}
			for _, f := range w.Forms {
				add(kindForm, f)
			}
			nodes = next
		}
		for _, n := range nodes {
			if d.leaf[n] < 0 {
				d.leaf[n] = int32(len(d.outs))
				d.outs = append(d.outs, outputs{})
				d.lists = append(d.lists, 0)
			}
			d.outs[d.leaf[n]][e.List] = int32(i) + 1
			d.lists[d.leaf[n]] |= 1 << e.List
		}
	}
	d.keys = map[string]int32{}
	d.wnext = make(map[uint64]int32, len(d.next))
	for ed, c := range d.next {
		if ed.kind != kindStem && ed.kind != kindForm {
			continue
		}
		id, ok := d.keys[ed.key]
		if !ok {
			id = int32(len(d.keys)) + 1
			d.keys[ed.key] = id
		}
		if ed.from != 0 {
			d.wnext[wedge(ed.from, ed.kind, id)] = c
		}
	}
	for k := range d.root {
		d.root[k] = make([]int32, len(d.keys)+1)
	}
	for ed, c := range d.next {
		if ed.from == 0 && (ed.kind == kindStem || ed.kind == kindForm) {
			d.root[ed.kind][d.keys[ed.key]] = c
		}
		if ed.from == 0 && ed.kind == kindForm && !strings.ContainsFunc(ed.key, unicode.IsLetter) {
			d.numbers = true // a number token, which has no letters, may follow it
		}
	}
	for b := range d.ascii {
		d.ascii[b] = d.facts(filterHash(punctKey(string(rune(b)))))
	}
	// Keep the entries that are still reachable, in file order.
	seen := map[*Entry]bool{}
	for _, os := range d.outs {
		for _, o := range os {
			if o > 0 {
				seen[entries[o-1]] = true
			}
		}
	}
	for _, e := range entries {
		if seen[e] {
			d.entries = append(d.entries, e)
		}
	}
	return d, errors.Join(errs...)
}

// check finds the entries Compile leaves out. The paths of an entry are
// the product of its words' variants; a runaway product is a data error,
// not a slow start.
func check(e *Entry) error {
	if e.List < 0 || e.List >= MaxLists {
		return fmt.Errorf("%s: неверный номер списка %d", e.Pos(), e.List)
	}
	if len(e.Words) == 0 {
		return fmt.Errorf("%s: пустая фраза", e.Pos())
	}
	paths := 1
	for _, w := range e.Words {
		n := len(w.Stems) + len(w.Forms)
		if w.Punct != "" {
			n++
		}
		if n == 0 {
			return fmt.Errorf("%s: пустое слово в фразе «%s»", e.Pos(), e.Phrase)
		}
		if paths *= n; paths > maxPaths {
			return fmt.Errorf("%s: слишком много вариантов в фразе «%s» (больше %d)", e.Pos(), e.Phrase, maxPaths)
		}
	}
	return nil
}

func (d *Dict) child(n int32, k uint8, key string) int32 {
	ed := edge{n, k, key}
	if c, ok := d.next[ed]; ok {
		return c
	}
	c := int32(len(d.leaf))
	d.leaf = append(d.leaf, -1)
	d.kinds = append(d.kinds, 0)
	d.kinds[n] |= 1 << k
	d.next[ed] = c
	return c
}

func appendUnique(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// wordKeys returns the numbers of a word's stem and normal form among the
// keys of word edges, 0 for a string that is no key. They depend on the
// normal form alone and are kept by NormID.
func (d *Dict) wordKeys(doc *linter.Document, t *linter.Token) (stem, form int32) {
	if t.NormID != 0 {
		if v := d.wkeys.Get(t.NormID); v != 0 {
			return int32(v >> 32 & 0x7fffffff), int32(uint32(v))
		}
	}
	stem, form = d.keys[doc.Stem(t)], d.keys[doc.Norm(t)]
	if t.NormID != 0 {
		d.wkeys.Set(t.NormID, factKnown|uint64(stem)<<32|uint64(uint32(form)))
	}
	return stem, form
}

// wchild returns the child of node n by the word edge of kind k (kindStem
// or kindForm) with key number key, or 0: the root is nobody's child.
func (d *Dict) wchild(n int32, k uint8, key int32) int32 {
	if n == 0 {
		return d.root[k][key]
	}
	return d.wnext[wedge(n, k, key)]
}

// step moves the active set over one token into out and returns its size.
func (d *Dict) step(active []int32, doc *linter.Document, t *linter.Token, out *[maxActive]int32) int {
	text := doc.Text
	n := 0
	add := func(c int32) {
		if n < maxActive {
			out[n] = c
			n++
		}
	}
	var stem, form int32
	if t.Kind == linter.Word {
		if stem, form = d.wordKeys(doc, t); stem == 0 && form == 0 {
			return 0
		}
	}
	// Most nodes have edges of one kind only; the kind bits spare the
	// map lookups that cannot succeed.
	for _, a := range active {
		ks := d.kinds[a]
		switch t.Kind {
		case linter.Word:
			if ks&(1<<kindStem) != 0 && stem != 0 {
				if c := d.wchild(a, kindStem, stem); c != 0 {
					add(c)
				}
			}
			if ks&(1<<kindForm) != 0 && form != 0 {
				if c := d.wchild(a, kindForm, form); c != 0 {
					add(c)
				}
			}
		case linter.Number:
			if ks&(1<<kindForm) != 0 {
				if c, ok := d.next[edge{a, kindForm, text[t.Start:t.End]}]; ok {
					add(c)
				}
			}
		case linter.Punct:
			if ks&(1<<kindPunct) != 0 {
				if c, ok := d.next[edge{a, kindPunct, punctKey(text[t.Start:t.End])}]; ok {
					add(c)
				}
			}
		}
	}
	return n
}

// Scan appends to out every match in the document, ordered by start:
// phrases match consecutive words of one sentence (spaces and line breaks
// between them are fine, punctuation breaks a match unless the phrase holds
// it); at each word the longest match of each list wins and matches of one
// list never overlap. A hyphenated word that starts no match is also tried
// part by part against one-word entries («онлайн-опрос»).
func (d *Dict) Scan(doc *linter.Document, out []Match) []Match {
	return d.scan(doc, out, nil)
}

// scan is Scan; steps, when not nil, counts the tokens stepped over (the
// test of linear cost).
func (d *Dict) scan(doc *linter.Document, out []Match, steps *int) []Match {
	sc := d.Scanner(doc, out)
	sc.steps = steps
	for _, s := range doc.Sentences {
		for i := s.First; i < s.Last; i++ {
			sc.at(i, s.Last)
		}
	}
	return sc.out
}

// Scanner is Scan token by token, for a caller that reads every token
// anyway: one pass over the tokens of a long document instead of two. The
// caller gives it the document's words and numbers (other tokens may be
// given too), in order, with Token, and then takes the matches, those
// Scan finds, with Matches.
type Scanner struct {
	d       *Dict
	doc     *linter.Document
	out     []Match
	covered [MaxLists]int // per list: tokens before this are taken
	s       int           // the sentence of the last token given, or the next one
	first   int           // that sentence is the tokens [first, last)
	last    int           // (see seek)
	hi      int           // the last token hashed ahead
	ha      uint64        // its facts
	steps   *int          // see scan
}

// Scanner returns a Scanner that appends the matches in doc to out.
func (d *Dict) Scanner(doc *linter.Document, out []Match) Scanner {
	return Scanner{d: d, doc: doc, out: out, hi: -1}
}

// Token looks for matches starting at token i, which must come after the
// tokens given before. Most words start no match, and a word seen before
// is known to by its NormID: they are turned away here, with one load,
// before the sentence is looked up and the token read again.
func (sc *Scanner) Token(i int) {
	if sc.d != nil && sc.Skips(&sc.doc.Tokens[i]) {
		return
	}
	sc.token(i)
}

// Skips reports whether Token would turn token t away at once: a word
// seen before that starts no phrase, or a number where no phrase starts
// with one. It is small enough to be inlined: a caller that reads every
// token anyway calls Token only for the few it does not skip. The
// Scanner must come from Dict.Scanner.
func (sc *Scanner) Skips(t *linter.Token) bool {
	if t.NormID != 0 {
		v := sc.d.known.Get(t.NormID)
		return v != 0 && v&(factOne|factFirst|factParts) == 0
	}
	return t.Kind == linter.Number && !sc.d.numbers // see Dict.numbers
}

// token is Token for the tokens its first test does not turn away.
func (sc *Scanner) token(i int) {
	if i >= sc.last {
		sc.seek(i)
	}
	if i >= sc.first {
		sc.at(i, sc.last)
	}
}

// seek moves on to the sentence that holds token i or comes after it.
func (sc *Scanner) seek(i int) {
	ss := sc.doc.Sentences
	for sc.s < len(ss) && ss[sc.s].Last <= i {
		sc.s++
	}
	if sc.s == len(ss) {
		sc.first, sc.last = math.MaxInt, math.MaxInt // no more matches
		return
	}
	sc.first, sc.last = ss[sc.s].First, ss[sc.s].Last
}

// Matches returns the matches found, ordered by start.
func (sc *Scanner) Matches() []Match { return sc.out }

// at looks for matches starting at token i of the sentence that ends
// before token last. It is the filter every word passes through, kept
// small: the walk of the trie, with its larger frame, runs only for the
// few words the filters let through.
func (sc *Scanner) at(i, last int) {
	d := sc.d
	if d == nil || len(d.entries) == 0 {
		return
	}
	t := &sc.doc.Tokens[i]
	if t.Kind != linter.Word && t.Kind != linter.Number {
		return
	}
	var a uint64
	if i == sc.hi {
		a = sc.ha // hashed as the next token of the previous word
	} else if a = d.kept(t); a == 0 {
		a = d.key(sc.doc, t)
	}
	// Most words start no phrase; the frequent ones that start longer
	// phrases («в», «по») mostly do not start one with the next word.
	if a&factOne != 0 || a&factFirst != 0 && sc.pairMay(i, last, a) {
		if sc.walk(i, last) {
			return
		}
	}
	if t.Flags&linter.Hyphen != 0 && a&factParts != 0 {
		sc.out = d.scanParts(sc.doc, i, &sc.covered, sc.out)
	}
}

// pairMay reports whether the pair filter lets a phrase start at token i,
// whose facts are a, with the next token of the sentence (a token without
// facts, a symbol, starts no pair). The next token's facts are kept for
// its own turn.
func (sc *Scanner) pairMay(i, last int, a uint64) bool {
	toks := sc.doc.Tokens
	for j := i + 1; j < last; j++ {
		if k := toks[j].Kind; k != linter.Space && k != linter.Newline {
			sc.hi = j
			if sc.ha = sc.d.kept(&toks[j]); sc.ha == 0 {
				sc.ha = sc.d.key(sc.doc, &toks[j])
			}
			return sc.ha != 0 && has(&sc.d.filter.pair, pairHash(uint32(a), uint32(sc.ha)))
		}
	}
	return false
}

// walk follows the trie from token i, within the sentence that ends before
// token last, and appends the longest match of each list; it reports
// whether it found any.
func (sc *Scanner) walk(i, last int) bool {
	d, doc := sc.d, sc.doc
	toks := doc.Tokens
	t := &toks[i]
	var cur, nxt [maxActive]int32
	// The longest match of each list so far, where got has its bit: the
	// entry by its place in d.all, and the match's end.
	var best [MaxLists]struct{ o, last, end int32 }
	var got uint8
	cur[0] = 0
	na := 1
	for j := i; j < last && na > 0; j++ {
		tj := &toks[j]
		if tj.Kind == linter.Space || tj.Kind == linter.Newline {
			continue
		}
		if sc.steps != nil {
			*sc.steps++
		}
		nn := d.step(cur[:na], doc, tj, &nxt)
		cur, na = nxt, nn
		for _, n := range cur[:na] {
			leaf := d.leaf[n]
			if leaf < 0 {
				continue
			}
			for ls := d.lists[leaf]; ls != 0; ls &= ls - 1 {
				l := bits.TrailingZeros8(ls)
				o := d.outs[leaf][l]
				if i < sc.covered[l] || (d.all[o-1].Cased && t.Flags&(linter.Title|linter.Upper) == 0) {
					continue
				}
				if got&(1<<l) != 0 && int(best[l].last) == j+1 && best[l].o > o {
					continue // same length: the later entry wins
				}
				best[l].o, best[l].last, best[l].end = o, int32(j+1), tj.End
				got |= 1 << l
			}
		}
	}
	if got == 0 {
		return false
	}
	for ; got != 0; got &= got - 1 {
		l := bits.TrailingZeros8(got)
		b := &best[l]
		m := Match{Entry: d.all[b.o-1], First: i, Last: int(b.last), Start: int(t.Start), End: int(b.end)}
		if m.Entry.Span() != len(m.Entry.Words) {
			m = trimContext(toks, m) // context words to cut off
		}
		sc.out = append(sc.out, m)
		sc.covered[l] = m.Last
	}
	return true
}

// trimContext cuts the trailing context words off a match: they had to
// be there, but they are not what was found.
func trimContext(toks []linter.Token, m Match) Match {
	n := m.Entry.Span()
	if n == len(m.Entry.Words) {
		return m
	}
	for i := m.First; i < m.Last; i++ {
		if k := toks[i].Kind; k == linter.Space || k == linter.Newline {
			continue
		}
		if n--; n == 0 {
			m.Last, m.End = i+1, int(toks[i].End)
			break
		}
	}
	return m
}

// scanParts matches the parts of hyphenated word i against one-word entries.
func (d *Dict) scanParts(doc *linter.Document, i int, covered *[MaxLists]int, out []Match) []Match {
	t := &doc.Tokens[i]
	w := doc.Text[t.Start:t.End]
	start := 0
	for k := 0; k <= len(w); {
		r, n := utf8.DecodeRuneInString(w[k:])
		if k < len(w) && r != '-' && r != '\u2010' && r != '\u2011' {
			k += n
			continue
		}
		if part := w[start:k]; part != "" && k-start < len(w) {
			if c, ok := d.next[edge{0, kindStem, linter.Stem(part)}]; ok && d.leaf[c] >= 0 {
				for l, o := range d.outs[d.leaf[c]] {
					if o == 0 {
						continue
					}
					e := d.all[o-1]
					if i < covered[l] || (e.Cased && !startsUpper(part)) {
						continue
					}
					out = append(out, Match{Entry: e, First: i, Last: i + 1, Start: int(t.Start) + start, End: int(t.Start) + k})
				}
			}
		}
		if k == len(w) {
			break
		}
		k += n
		start = k
	}
	return out
}

// partsMayMatch reports whether scanParts may find a part of a word
// whose normal form is norm. The parts of the word as written normalise
// to the parts of norm, hyphen for hyphen, so their stems are the same;
// a part that normalises to nothing (soft hyphens) is tried as "".
func (d *Dict) partsMayMatch(norm string) bool {
	start, parts := 0, 0
	may := false
	for k, r := range norm {
		if r != '-' && r != '\u2010' && r != '\u2011' {
			continue
		}
		parts++
		may = may || d.rootLeaf(norm[start:k])
		start = k + utf8.RuneLen(r)
	}
	return parts > 0 && (may || d.rootLeaf(norm[start:]))
}

// rootLeaf reports whether a one-word entry ends at the stem of part.
func (d *Dict) rootLeaf(part string) bool {
	c, ok := d.next[edge{0, kindStem, linter.Stem(part)}]
	return ok && d.leaf[c] >= 0
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// punctKey folds the variants of a mark that a phrase may hold: every dash
// is «—», every quote is «"».
func punctKey(p string) string {
	switch p {
	case "-", "–", "—", "‒", "―":
		return "—"
	case "«", "»", "„", "“", "”", "\"":
		return "\""
	}
	return p
}

// Size returns the number of trie nodes, for statistics.
func (d *Dict) Size() int { return len(d.leaf) }
