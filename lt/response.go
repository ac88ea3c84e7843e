package lt

import (
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/yasno/yasno/linter"
)

// The answer of /v2/check, field for field as LanguageTool writes it
// (RuleMatchesAsJsonSerializer), so that every client finds what it reads.
type response struct {
	Software       software `json:"software"`
	Warnings       warnings `json:"warnings"`
	Language       language `json:"language"`
	Matches        []match  `json:"matches"`
	SentenceRanges [][2]int `json:"sentenceRanges"`
}

type software struct {
	Name       string `json:"name"`
	Version    string `json:"version"`
	BuildDate  string `json:"buildDate"`
	APIVersion int    `json:"apiVersion"`
	Premium    bool   `json:"premium"`
	Status     string `json:"status"`
}

type warnings struct {
	IncompleteResults bool `json:"incompleteResults"`
}

type language struct {
	Name             string   `json:"name"`
	Code             string   `json:"code"`
	DetectedLanguage detected `json:"detectedLanguage"`
}

type detected struct {
	Name       string  `json:"name"`
	Code       string  `json:"code"`
	Confidence float64 `json:"confidence"`
}

type match struct {
	Message                     string        `json:"message"`
	ShortMessage                string        `json:"shortMessage"`
	Replacements                []replacement `json:"replacements"`
	Offset                      int           `json:"offset"`
	Length                      int           `json:"length"`
	Context                     matchContext  `json:"context"`
	Sentence                    string        `json:"sentence"`
	Type                        matchType     `json:"type"`
	Rule                        rule          `json:"rule"`
	IgnoreForIncompleteSentence bool          `json:"ignoreForIncompleteSentence"`
	ContextForSureMatch         int           `json:"contextForSureMatch"`
}

type replacement struct {
	Value string `json:"value"`
}

type matchContext struct {
	Text   string `json:"text"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type matchType struct {
	TypeName string `json:"typeName"`
}

type rule struct {
	ID          string       `json:"id"`
	Description string       `json:"description"`
	IssueType   string       `json:"issueType"`
	URLs        []ruleURL    `json:"urls"`
	Category    ruleCategory `json:"category"`
}

type ruleURL struct {
	Value string `json:"value"`
}

type ruleCategory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// langEntry is one item of /v2/languages.
type langEntry struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	LongCode string `json:"longCode"`
}

// contextSize is LanguageTool's: this many characters each side.
const contextSize = 40

// issueType maps a category to LanguageTool's issue types (ITS 2.0
// localization quality issue types), which clients colour by.
func issueType(c linter.Category) string {
	switch c {
	case linter.CatSpelling, linter.CatMixedScript:
		return "misspelling"
	case linter.CatTypography:
		return "typographical"
	case linter.CatOutcome, linter.CatExecutorName, linter.CatExecutorPhone:
		return "omission"
	case linter.CatPersonalData:
		return "legal"
	}
	return "style"
}

// typeName is LanguageTool's match type: a spelling error is an unknown
// word, an info-level finding a hint, the rest other.
func typeName(f *linter.Finding) string {
	switch {
	case f.Category == linter.CatSpelling:
		return "UnknownWord"
	case f.Severity == linter.Info:
		return "Hint"
	}
	return "Other"
}

// contextAround cuts contextSize UTF-16 units each side of [from, to) of the
// original text, marks a cut with «...» and turns line breaks into spaces,
// as LanguageTool's ContextTools does. It never splits a surrogate pair.
func contextAround(orig []uint16, from, to int) matchContext {
	start, prefix := from-contextSize, "..."
	if start <= 0 {
		start, prefix = 0, ""
	}
	if start > 0 && utf16.IsSurrogate(rune(orig[start])) && orig[start] >= 0xDC00 {
		start++ // do not begin with the second half of a pair
	}
	end, postfix := to+contextSize, "..."
	if end >= len(orig) {
		end, postfix = len(orig), ""
	}
	if end < len(orig) && end > 0 && orig[end-1] >= 0xD800 && orig[end-1] < 0xDC00 {
		end++ // do not end with the first half of a pair
	}
	s := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, string(utf16.Decode(orig[start:end])))
	return matchContext{Text: prefix + s + postfix, Offset: len(prefix) + from - start, Length: to - from}
}

// sentenceOf returns the trimmed text of the sentence holding byte offset
// off, or of its block for a finding outside any sentence.
func sentenceOf(d *linter.Document, off int) string {
	ss := d.Sentences
	k := sort.Search(len(ss), func(i int) bool { return ss[i].End > off })
	if k < len(ss) && ss[k].Start <= off {
		return strings.TrimSpace(d.Text[ss[k].Start:ss[k].End])
	}
	if b := d.BlockAt(off); b >= 0 {
		return strings.TrimSpace(d.Text[d.Blocks[b].Start:d.Blocks[b].End])
	}
	return ""
}
