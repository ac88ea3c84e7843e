package linter

import (
	"sort"
	"strings"
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
	for _, name := range append(append([]string{}, s.Enable...), s.Disable...) {
		if err := r.Resolve(name); err != nil {
			return nil, err
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
	opts := &Options{MaxSentenceWords: warn, MaxSentenceWordsError: errN, allow: map[string]bool{}}
	for _, w := range s.Allow {
		opts.allow[normalize(strings.TrimSpace(w))] = true
	}
	var all []Finding
	for _, rule := range r.rules {
		m := rule.Meta()
		if !enabled(m, s) {
			continue
		}
		c := &Context{Doc: doc, Profile: p, Options: opts, meta: m, severity: m.SeverityFor(p)}
		if sev, ok := s.Severity[m.ID]; ok {
			c.severity, c.override = sev, true
		} else if sev, ok := s.Severity[string(m.Category)]; ok {
			c.severity, c.override = sev, true
		}
		if c.severity == Off {
			continue
		}
		rule.Check(c)
		all = append(all, c.out...)
	}
	all = finish(doc, all)
	st := Stats{Sentences: len(doc.Sentences)}
	for _, sn := range doc.Sentences {
		st.Words += sn.Words
		st.LongestSentence = max(st.LongestSentence, sn.Words)
	}
	if all == nil {
		all = []Finding{}
	}
	return &Result{Profile: p, Findings: all, Stats: st}, nil
}

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

// finish sorts, drops duplicates and fills in texts and positions.
func finish(doc *Document, fs []Finding) []Finding {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		if a.End.Offset != b.End.Offset {
			return a.End.Offset < b.End.Offset
		}
		return a.Rule < b.Rule
	})
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f.Rule == fs[i-1].Rule && f.Start.Offset == fs[i-1].Start.Offset && f.End.Offset == fs[i-1].End.Offset {
			continue
		}
		out = append(out, f)
	}
	// Lines, columns and UTF-16 offsets in one pass over the text, in the
	// order of the offsets: counting runes from each line start instead
	// costs a pass over the line for every finding.
	refs := make([]offRef, 0, 2*len(out))
	for i := range out {
		f := &out[i]
		// Offsets are clamped to the text; a reversed span from a faulty
		// rule becomes empty rather than a panic.
		start := max(0, min(f.Start.Offset, len(doc.Text)))
		end := max(start, min(f.End.Offset, len(doc.Text)))
		refs = append(refs, offRef{start, 2 * i}, offRef{end, 2*i + 1})
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].off < refs[j].off })
	walkPositions(doc.Text, refs, func(slot int, p Position, units int) {
		f := &out[slot/2]
		if slot%2 == 0 {
			f.Start, f.StartChar = p, units
		} else {
			f.End, f.EndChar = p, units
		}
	})
	for i := range out {
		f := &out[i]
		f.Text = doc.Text[f.Start.Offset:f.End.Offset]
		if b := doc.BlockAt(f.Start.Offset); b >= 0 && doc.Blocks[b].Part != "" {
			blk := doc.Blocks[b]
			f.Paragraph = &ParagraphRef{Part: blk.Part, Index: blk.Index,
				Column: utf8.RuneCountInString(doc.Text[blk.Start:f.Start.Offset]) + 1}
		}
	}
	return out
}

// offRef is an offset wanted by a finding: slot is 2i for the start of
// finding i and 2i+1 for its end.
type offRef struct{ off, slot int }

// walkPositions walks text once and calls set for each offset of refs
// (sorted) with its Position, as Document.Pos gives it, and its offset in
// UTF-16 code units.
func walkPositions(text string, refs []offRef, set func(slot int, p Position, units int)) {
	pos, line, col, units := 0, 1, 1, 0
	for _, r := range refs {
		for pos < r.off {
			c, n := decodeRune(text, pos)
			switch {
			case c == '\n' || c == '\r' && (pos+1 == len(text) || text[pos+1] != '\n'):
				line, col = line+1, 1
			default:
				col++
			}
			units++
			if c >= 0x10000 {
				units++ // a surrogate pair
			}
			pos += n
		}
		set(r.slot, Position{Offset: r.off, Line: line, Column: col}, units)
	}
}

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
