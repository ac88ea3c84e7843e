package linter

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Finding is one problem found in a document. Its JSON form is the stable
// contract shared by the CLI, the API and every other front.
type Finding struct {
	Rule     string   `json:"rule"`
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Text     string   `json:"text"`
	Start    Position `json:"start"`
	End      Position `json:"end"`
	// StartChar and EndChar are offsets in UTF-16 code units, the way
	// browsers, editors and LSP index strings.
	StartChar   int      `json:"startChar"`
	EndChar     int      `json:"endChar"`
	Suggestions []string `json:"suggestions"`
	Clause      string   `json:"clause"`
	// Paragraph locates the finding in an office document.
	Paragraph *ParagraphRef `json:"paragraph,omitempty"`
}

// ParagraphRef is a place in an office document: the part, the 1-based
// paragraph index within it and the 1-based column in characters.
type ParagraphRef struct {
	Part   string `json:"part"`
	Index  int    `json:"index"`
	Column int    `json:"column"`
}

// Stats summarise a document.
type Stats struct {
	Words           int `json:"words"`
	Sentences       int `json:"sentences"`
	LongestSentence int `json:"longestSentence"`
}

// Result is what a check returns for one document.
type Result struct {
	Profile  Profile   `json:"profile"`
	Findings []Finding `json:"findings"`
	Stats    Stats     `json:"stats"`
}

// Settings are the per-check choices of a user, a request or an
// organisation's configuration.
type Settings struct {
	Profile Profile
	// Enable and Disable name rule ids or categories. Enable also turns
	// on rules that are off by default.
	Enable, Disable []string
	// Severity overrides severities by rule id or category.
	Severity map[string]Severity
	// MaxSentenceWords is the warning threshold; MaxSentenceWordsError the
	// error threshold. Zero takes the profile's default.
	MaxSentenceWords, MaxSentenceWordsError int
	// Allow lists words the organisation accepts (any case, ё or е).
	Allow []string
}

// Options are the resolved settings a rule sees.
type Options struct {
	MaxSentenceWords      int
	MaxSentenceWordsError int
	allow                 map[string]bool
}

// Allowed reports whether the organisation allows a normalised word.
func (o *Options) Allowed(norm string) bool { return o.allow[norm] }

// AllowsAny reports whether the organisation allows any word at all, so
// that a rule can skip its allow-list questions when none does.
func (o *Options) AllowsAny() bool { return len(o.allow) > 0 }

// Context is what a rule gets: the document, the profile and options, and
// a way to report.
type Context struct {
	Doc     *Document
	Profile Profile
	Options *Options

	meta     *Meta
	severity Severity // the rule's severity for this check
	override bool     // severity set by the user: it wins over the rule
	out      []Finding
}

// Severity is the rule's severity for this check.
func (c *Context) Severity() Severity { return c.severity }

// Report adds a finding over bytes [start, end) with the rule's severity.
func (c *Context) Report(start, end int, msg string, suggestions ...string) {
	c.ReportAs(c.severity, start, end, msg, suggestions...)
}

// ReportAs adds a finding with an explicit severity (a graded rule such as
// sentence length). A severity set by the user still wins.
func (c *Context) ReportAs(sev Severity, start, end int, msg string, suggestions ...string) {
	if c.override || sev == "" {
		sev = c.severity
	}
	if sev == Off {
		return
	}
	if suggestions == nil {
		suggestions = []string{}
	}
	c.out = append(c.out, Finding{
		Rule: c.meta.ID, Category: c.meta.Category, Severity: sev, Message: msg,
		Start: Position{Offset: start}, End: Position{Offset: end},
		Suggestions: suggestions, Clause: c.meta.Clause,
	})
}

// DefaultThresholds returns the sentence-length thresholds of a profile.
func DefaultThresholds(p Profile) (warn, err int) {
	if p == Public {
		return 20, 30
	}
	return 25, 40
}

// Check runs the enabled rules on a document and returns findings sorted
// by position. It fails only on settings that name unknown rules.
func (r *Registry) Check(doc *Document, s Settings) (*Result, error) {
	if doc.tooLong {
		return nil, &InputError{Name: doc.Name, Err: ErrTooLong}
	}
	for _, list := range [2][]string{s.Enable, s.Disable} {
		for _, name := range list {
			if err := r.Resolve(name); err != nil {
				return nil, err
			}
		}
	}
	for name := range s.Severity {
		if err := r.Resolve(name); err != nil {
			return nil, err
		}
	}
	p := s.Profile
	if p == "" || p == Auto {
		p = DetectProfile(doc)
	}
	warn, errN := DefaultThresholds(p)
	if s.MaxSentenceWords > 0 {
		warn = s.MaxSentenceWords
	}
	if s.MaxSentenceWordsError > 0 {
		errN = s.MaxSentenceWordsError
	}
	if errN <= warn {
		errN = warn + 15
	}
	opts := &Options{MaxSentenceWords: warn, MaxSentenceWordsError: errN}
	if len(s.Allow) > 0 {
		opts.allow = make(map[string]bool, len(s.Allow))
		for _, w := range s.Allow {
			opts.allow[normalize(strings.TrimSpace(w))] = true
		}
	}
	// The rules report into one slice, in the order of their ids: finish
	// relies on it.
	sc := scratchPool.Get().(*checkScratch)
	all := sc.found[:0]
	c := &Context{}
	for _, rule := range r.rules {
		m := rule.Meta()
		if !enabled(m, s) {
			continue
		}
		*c = Context{Doc: doc, Profile: p, Options: opts, meta: m, severity: m.SeverityFor(p), out: all}
		if sev, ok := s.Severity[m.ID]; ok {
			c.severity, c.override = sev, true
		} else if sev, ok := s.Severity[string(m.Category)]; ok {
			c.severity, c.override = sev, true
		}
		if c.severity == Off {
			continue
		}
		rule.Check(c)
		all = c.out
	}
	done := sc.finish(doc, all)
	found := make([]Finding, len(done))
	copy(found, done)
	clear(all) // the scratch must not keep the texts of this document
	sc.found = all[:0]
	scratchPool.Put(sc)
	st := Stats{Sentences: len(doc.Sentences)}
	for _, sn := range doc.Sentences {
		st.Words += sn.Words
		st.LongestSentence = max(st.LongestSentence, sn.Words)
	}
	return &Result{Profile: p, Findings: found, Stats: st}, nil
}

// checkScratch is what Registry.Check keeps from check to check: the
// slice the rules report into and the sort keys of finish. A check then
// allocates its findings once, at their final size, instead of at every
// doubling, and finish allocates nothing once the scratch has grown.
type checkScratch struct {
	found []Finding
	keys  []findKey
	merge []findKey // mergeRuns' second buffer
	ends  []offRef
	runs  []int
}

var scratchPool = sync.Pool{New: func() any { return new(checkScratch) }}

func enabled(m *Meta, s Settings) bool {
	named := func(list []string) bool {
		for _, n := range list {
			if n == m.ID || n == string(m.Category) {
				return true
			}
		}
		return false
	}
	if named(s.Disable) {
		return false
	}
	return !m.DefaultOff || named(s.Enable)
}

// finish sorts, drops duplicates and fills in texts and positions. The
// findings come grouped by rule, rules in the order of their ids, each
// rule's in the order reported.
func (sc *checkScratch) finish(doc *Document, fs []Finding) []Finding {
	if len(fs) == 0 {
		return fs
	}
	// The order is by start, end and rule, stable. As fs is grouped by
	// rule in id order, that is the order by start, end and index in fs.
	// Rules report mostly left to right, so sorting small keys and then
	// moving each finding once is much cheaper than sorting the findings.
	keys := slices.Grow(sc.keys[:0], len(fs))[:len(fs)]
	sc.keys = keys
	sorted := true
	for i := range fs {
		keys[i] = findKey{fs[i].Start.Offset, fs[i].End.Offset, i}
		if i > 0 && keys[i].less(keys[i-1]) {
			sorted = false
		}
	}
	if !sorted {
		sc.runs, sc.merge = mergeRuns(keys, sc.runs, sc.merge)
		permute(fs, keys)
	}
	// Most findings stay where they are: a finding is copied only once
	// a duplicate has been dropped before it.
	n := 0
	for i := range fs {
		f, p := &fs[i], &fs[max(i-1, 0)]
		if i > 0 && f.Rule == p.Rule && f.Start.Offset == p.Start.Offset && f.End.Offset == p.End.Offset {
			continue
		}
		if n != i {
			fs[n] = *f
		}
		n++
	}
	out := fs[:n]
	// Lines, columns and UTF-16 offsets in one pass over the text, in the
	// order of the offsets: counting runes from each line start instead
	// costs a pass over the line for every finding. The starts are in
	// order already. A short span's end (a word, a phrase) is counted on
	// from its start by a copy of the walker; the ends of longer ones (a
	// long sentence) are sorted apart and merged with the starts.
	ends := sc.ends[:0]
	for i := range out {
		f := &out[i]
		// Offsets are clamped to the text; a reversed span from a faulty
		// rule becomes empty rather than a panic.
		f.Start.Offset = max(0, min(f.Start.Offset, len(doc.Text)))
		f.End.Offset = max(f.Start.Offset, min(f.End.Offset, len(doc.Text)))
		if !shortSpan(f.Start.Offset, f.End.Offset) {
			ends = append(ends, offRef{f.End.Offset, i})
		}
	}
	sc.ends = ends
	if !slices.IsSortedFunc(ends, cmpOffRef) {
		slices.SortFunc(ends, cmpOffRef)
	}
	w := newPosWalker(doc)
	for i, e := 0, 0; i < len(out) || e < len(ends); {
		if i < len(out) && (e == len(ends) || out[i].Start.Offset <= ends[e].off) {
			f := &out[i]
			f.Start, f.StartChar = w.at(f.Start.Offset)
			if shortSpan(f.Start.Offset, f.End.Offset) {
				ew := *w
				f.End, f.EndChar = ew.at(f.End.Offset)
			}
			i++
			continue
		}
		f := &out[ends[e].slot]
		f.End, f.EndChar = w.at(ends[e].off)
		e++
	}
	for i := range out {
		f := &out[i]
		f.Text = doc.Text[f.Start.Offset:f.End.Offset]
		if !doc.parts {
			continue
		}
		if b := doc.BlockAt(f.Start.Offset); b >= 0 && doc.Blocks[b].Part != "" {
			blk := doc.Blocks[b]
			f.Paragraph = &ParagraphRef{Part: blk.Part, Index: blk.Index,
				Column: utf8.RuneCountInString(doc.Text[blk.Start:f.Start.Offset]) + 1}
		}
	}
	return out
}

// mergeRuns sorts keys by merging their ascending runs, pairwise, until
// one is left. The findings of each rule come in order, so there are
// about as many runs as rules: n·log(runs) steps instead of n·log(n).
// It returns its scratch, runs and buf, grown as needed, to be given back
// to it the next time.
func mergeRuns(keys []findKey, runs []int, buf []findKey) ([]int, []findKey) {
	if len(keys) < 2 {
		return runs, buf
	}
	runs = append(runs[:0], 0)
	for i := 1; i < len(keys); i++ {
		if keys[i].less(keys[i-1]) {
			runs = append(runs, i)
		}
	}
	runs = append(runs, len(keys))
	if len(runs) > len(keys)/8 {
		slices.SortFunc(keys, cmpFindKey) // no order to use
		return runs, buf
	}
	if cap(buf) < len(keys) {
		buf = make([]findKey, len(keys))
	}
	src, dst := keys, buf[:len(keys)]
	for len(runs) > 2 {
		// The merged runs' bounds go back into runs, behind the pair
		// being read.
		n := 1
		for r := 0; r+1 < len(runs); r += 2 {
			lo, mid := runs[r], runs[r+1]
			hi := mid
			if r+2 < len(runs) {
				hi = runs[r+2]
			}
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if src[j].less(src[i]) {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
			runs[n] = hi
			n++
		}
		runs = runs[:n]
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
	return runs, buf
}

// findKey is what findings are sorted by; i is the index in the input.
type findKey struct{ start, end, i int }

// less reports whether a sorts before b: cmpFindKey(a, b) < 0, small
// enough to be inlined in the loops of finish and mergeRuns.
func (a findKey) less(b findKey) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	if a.end != b.end {
		return a.end < b.end
	}
	return a.i < b.i
}

func cmpFindKey(a, b findKey) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.end, b.end); c != 0 {
		return c
	}
	return cmp.Compare(a.i, b.i)
}

// permute reorders fs in place so that fs[j] becomes the finding that was
// at keys[j].i, moving each finding once (cycle by cycle). It clobbers
// the keys.
func permute(fs []Finding, keys []findKey) {
	for j := range keys {
		if keys[j].i < 0 || keys[j].i == j {
			continue
		}
		tmp := fs[j]
		k := j
		for {
			src := keys[k].i
			keys[k].i = -1
			if src == j {
				fs[k] = tmp
				break
			}
			fs[k] = fs[src]
			k = src
		}
	}
}

// maxShortSpan bounds the spans whose ends finish counts on from their
// starts: the bytes counted twice, once for the end and once on the way
// to the next start, stay few, and sorting the ends of the many short
// spans is saved.
const maxShortSpan = 128

// shortSpan reports whether finish counts the end of span [start, end)
// on from its start. The walker gives the same answer either way: it
// steps over the same characters from the same line starts whatever it
// was asked before.
func shortSpan(start, end int) bool { return end-start <= maxShortSpan }

// offRef is the end offset of finding slot.
type offRef struct{ off, slot int }

func cmpOffRef(a, b offRef) int { return cmp.Compare(a.off, b.off) }

// posWalker turns offsets, given in increasing order, into positions as
// Document.Pos gives them, and into offsets in UTF-16 code units, in one
// pass over the text. It steps over whole characters the way the
// tokenizer decodes them: a bad byte is one character, and an offset
// inside a character (only a faulty rule gives one) is taken past it.
type posWalker struct {
	text  string
	lines []int // line starts
	valid bool  // text is known to be valid UTF-8: count by bytes
	pos   int   // the offset reached
	line  int   // index in lines of the line of pos
	col   int   // 1-based column of pos
	units int   // UTF-16 code units before pos
}

func newPosWalker(doc *Document) *posWalker {
	return &posWalker{text: doc.Text, lines: doc.lineStarts(), valid: doc.utf8OK, col: 1}
}

// at returns the position of off (off >= every offset asked before) and
// its offset in UTF-16 code units.
func (w *posWalker) at(off int) (Position, int) {
	if w.valid && off < len(w.text) && w.text[off]&0xC0 == 0x80 {
		w.valid = false // inside a character: only a faulty rule asks so
	}
	if off > w.pos {
		l := w.line
		for l+1 < len(w.lines) && w.lines[l+1] <= off {
			l++
		}
		if l != w.line {
			// A new line: its column counts from its start. A line
			// starts after an ASCII line break, so the walk lands on it.
			ls := w.lines[l]
			_, _, u1 := w.count(w.pos, ls)
			end, chars, u2 := w.count(ls, off)
			w.units += u1 + u2
			w.col = chars + 1
			w.line, w.pos = l, end
		} else {
			end, chars, units := w.count(w.pos, off)
			w.units += units
			w.col += chars
			w.pos = end
		}
	}
	return Position{Offset: off, Line: w.line + 1, Column: w.col}, w.units
}

// count counts the characters of text from offset from to offset to
// (see countChars): by bytes in valid UTF-8 when to is no offset
// inside a character.
func (w *posWalker) count(from, to int) (end, chars, units int) {
	if !w.valid {
		return countChars(w.text, from, to)
	}
	chars, astral := utf8Counts(w.text[from:to])
	return to, chars, chars + astral
}

// utf8Counts returns the characters of valid UTF-8 s and how many of them
// lie outside the Basic Multilingual Plane (two UTF-16 units each). It
// reads sixteen bytes at a time: a character is a byte that does not
// continue one (10xxxxxx), and the four-byte ones start with 11110xxx.
// The continuation bytes are summed per byte lane and the lanes added up
// every 127 steps, before one can overflow: a few instructions per eight
// bytes, with no population count, which amd64 without POPCNT would call
// a function for.
func utf8Counts(s string) (chars, astral int) {
	n, cont := len(s), 0
	for len(s) >= 16 {
		m := min(len(s)&^15, 127*16)
		var lanes uint64 // continuation bytes per byte lane; two at most a step
		for i := 0; i < m; i += 16 {
			b := s[i : i+16]
			x, y := le64(b), le64(b[8:])
			lanes += contBytes(x) + contBytes(y)
			if fourBytes(x)|fourBytes(y) != 0 {
				astral += bits.OnesCount64(fourBytes(x)) + bits.OnesCount64(fourBytes(y))
			}
		}
		cont += laneSum(lanes)
		s = s[m:]
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c&0xC0 == 0x80:
			cont++
		case c >= 0xF0:
			astral++
		}
	}
	return n - cont, astral
}

const (
	lanes1   = 0x0101010101010101
	lanesTop = 0x8080808080808080
)

// contBytes has a 1 in each byte lane of x that holds a continuation
// byte, 10xxxxxx.
func contBytes(x uint64) uint64 { return (x &^ (x << 1) & lanesTop) >> 7 }

// fourBytes has the top bit set in each byte lane of x that holds a byte
// of 11110xxx or over: its low seven bits plus 0x10 reach 0x80, and no
// lane carries into the next.
func fourBytes(x uint64) uint64 { return ((x &^ lanesTop) + 0x10*lanes1) & x & lanesTop }

// laneSum adds up the eight bytes of x.
func laneSum(x uint64) int {
	const pairs = 0x00FF00FF00FF00FF
	x = x&pairs + x>>8&pairs // four 16-bit lanes
	return int(x * 0x0001000100010001 >> 48)
}

// countChars steps over the characters of s from offset from until it
// reaches to, and returns where it stopped (past to when to falls inside
// a character), the characters passed and their length in UTF-16 units.
func countChars(s string, from, to int) (end, chars, units int) {
	const hi = 0x8080808080808080
	i, astral := from, 0
	for i < to {
		switch c := s[i]; {
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2 // Cyrillic and the rest of two-byte UTF-8
		case c < utf8.RuneSelf:
			if i+8 <= to {
				x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
					uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
				if x&hi == 0 {
					i, chars = i+8, chars+8 // eight ASCII characters
					continue
				}
			}
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r >= 0x10000 {
				astral++ // a surrogate pair
			}
			i += n
		}
		chars++
	}
	return i, chars, chars + astral
}

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
