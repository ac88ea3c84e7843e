// Package fix applies the replacements that findings carry, for
// `yasno fix` and `yasno check --fix`. Only replacements that need no
// person's judgement are applied: a typography finding with exactly one
// suggestion (straight quotes, a hyphen for a dash, a double space…).
// Everything works on the decoded text and the byte offsets of the
// findings; nothing is searched for again.
package fix

import (
	"errors"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// safeRules are the rules whose single suggestion is an exact, safe
// replacement. A rule that leaves a finding without a suggestion (an
// unbalanced bracket) is thereby never fixed.
var safeRules = map[string]bool{"typography": true}

// Safe reports whether a finding may be fixed without a person.
func Safe(f linter.Finding) bool {
	return safeRules[f.Rule] && len(f.Suggestions) == 1
}

// Change is one replacement made.
type Change struct {
	Rule string `json:"rule"`
	// Start and End are positions in the text the change was made to.
	Start linter.Position `json:"start"`
	End   linter.Position `json:"end"`
	Old   string          `json:"old"`
	New   string          `json:"new"`
}

// Apply makes the safe replacements of fs in text and returns the new
// text and the changes in text order. A finding whose span does not lie
// on the text as checked (stale, out of range, not on a character
// boundary) is skipped; of overlapping findings the first in the text
// wins and the rest wait for the next round (see Fix).
func Apply(text string, fs []linter.Finding) (string, []Change) {
	var cand []linter.Finding
	for _, f := range fs {
		if !Safe(f) || !fits(text, f) || f.Suggestions[0] == f.Text {
			continue
		}
		cand = append(cand, f)
	}
	sort.SliceStable(cand, func(i, j int) bool {
		a, b := cand[i], cand[j]
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		return a.End.Offset < b.End.Offset
	})
	var b strings.Builder
	var changes []Change
	pos := 0
	lastInsert := -1 // offset of the last empty-span insertion
	for _, f := range cand {
		s, e := f.Start.Offset, f.End.Offset
		if s < pos || s == e && s == lastInsert {
			continue // overlaps a change already made; next round
		}
		if s == e {
			lastInsert = s
		}
		b.WriteString(text[pos:s])
		b.WriteString(f.Suggestions[0])
		pos = e
		changes = append(changes, Change{Rule: f.Rule, Start: f.Start, End: f.End, Old: f.Text, New: f.Suggestions[0]})
	}
	if len(changes) == 0 {
		return text, nil
	}
	b.WriteString(text[pos:])
	return b.String(), changes
}

// fits checks that a finding's span is a valid piece of text that still
// reads as the finding says.
func fits(text string, f linter.Finding) bool {
	s, e := f.Start.Offset, f.End.Offset
	if s < 0 || e < s || e > len(text) {
		return false
	}
	if s < len(text) && !utf8.RuneStart(text[s]) || e < len(text) && !utf8.RuneStart(text[e]) {
		return false
	}
	return text[s:e] == f.Text
}

// CheckFunc checks a text and returns its findings.
type CheckFunc func(text string) ([]linter.Finding, error)

// Result is the outcome of Fix.
type Result struct {
	Text    string
	Changes []Change
	// Remaining are the findings of the final check: what is left for a
	// person.
	Remaining []linter.Finding
}

// MaxRounds bounds the check-and-fix rounds: overlapping findings are
// fixed one per round, and a rule that kept proposing changes must not
// loop for ever.
const MaxRounds = 5

// ErrNoCheck is returned when Fix is called without a checker.
var ErrNoCheck = errors.New("fix: нет функции проверки")

// Fix checks text, applies the safe replacements, and repeats until a
// check proposes nothing new or rounds (MaxRounds if ≤ 0) run out.
// Positions of a change refer to the text of its round; with no overlaps
// there is one round and they refer to the original text.
func Fix(text string, check CheckFunc, rounds int) (Result, error) {
	if check == nil {
		return Result{Text: text}, ErrNoCheck
	}
	if rounds <= 0 {
		rounds = MaxRounds
	}
	res := Result{Text: text}
	for r := 0; ; r++ {
		fs, err := check(res.Text)
		if err != nil {
			return res, err
		}
		res.Remaining = fs
		if r == rounds {
			return res, nil
		}
		next, ch := Apply(res.Text, fs)
		if len(ch) == 0 || next == res.Text {
			return res, nil
		}
		res.Text = next
		res.Changes = append(res.Changes, ch...)
	}
}
