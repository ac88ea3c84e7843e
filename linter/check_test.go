package linter

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeRule reports every word whose normal form is in words, and records
// the options it saw.
type fakeRule struct {
	meta  Meta
	words []string
	seen  *Options
	prof  *Profile
	// sev, when set, is passed to ReportAs.
	sev Severity
}

func (r *fakeRule) Meta() *Meta { return &r.meta }

func (r *fakeRule) Check(c *Context) {
	if r.seen != nil {
		*r.seen = *c.Options
	}
	if r.prof != nil {
		*r.prof = c.Profile
	}
	for _, tk := range c.Doc.Tokens {
		for _, w := range r.words {
			if n := c.Doc.Norm(&tk); n == w && !c.Options.Allowed(n) {
				c.ReportAs(r.sev, int(tk.Start), int(tk.End), "слово «"+w+"»", "замена")
			}
		}
	}
}

func fake(id string, cat Category, sev Severity, words ...string) *fakeRule {
	return &fakeRule{meta: Meta{ID: id, Category: cat, Severity: sev, Description: id, Clause: "п. 2.5"}, words: words}
}

func check(t *testing.T, reg *Registry, text string, s Settings) *Result {
	t.Helper()
	res, err := reg.Check(FromText("t.txt", text), s)
	require.NoError(t, err)
	return res
}

type got struct {
	Rule     string
	Severity Severity
	Text     string
}

func summary(res *Result) []got {
	out := []got{}
	for _, f := range res.Findings {
		out = append(out, got{f.Rule, f.Severity, f.Text})
	}
	return out
}

func TestCheckFindings(t *testing.T) {
	reg, err := NewRegistry(
		fake("b-jargon", CatJargon, Warning, "данный", "осуществлять"),
		fake("a-foreign", CatForeign, Info, "мониторинг", "данный"),
	)
	require.NoError(t, err)
	text := "Данный мониторинг 🙂 будет осуществлять служба."
	res := check(t, reg, text, Settings{Profile: Citizen})
	assert.Equal(t, []got{
		{"a-foreign", Info, "Данный"},
		{"b-jargon", Warning, "Данный"},
		{"a-foreign", Info, "мониторинг"},
		{"b-jargon", Warning, "осуществлять"},
	}, summary(res), "sorted by position, then by rule")
	f := res.Findings[3]
	assert.Equal(t, CatJargon, f.Category)
	assert.Equal(t, "п. 2.5", f.Clause)
	assert.Equal(t, []string{"замена"}, f.Suggestions)
	start := strings.Index(text, "осуществлять")
	assert.Equal(t, Position{Offset: start, Line: 1, Column: 27}, f.Start)
	assert.Equal(t, Position{Offset: start + len("осуществлять"), Line: 1, Column: 39}, f.End)
	// The emoji is two UTF-16 code units: the browser's offsets are one
	// more than the count of characters before.
	assert.Equal(t, 27, f.StartChar)
	assert.Equal(t, 39, f.EndChar)
	assert.Equal(t, Stats{Words: 5, Sentences: 1, LongestSentence: 5}, res.Stats)
}

func TestCheckUTF16Offsets(t *testing.T) {
	reg, err := NewRegistry(fake("x", CatJargon, Warning, "дом"))
	require.NoError(t, err)
	text := "🙂🙂 дом\n𝔸 ё дом"
	res := check(t, reg, text, Settings{})
	require.Len(t, res.Findings, 2)
	assert.Equal(t, 5, res.Findings[0].StartChar)
	assert.Equal(t, 8, res.Findings[0].EndChar)
	assert.Equal(t, 14, res.Findings[1].StartChar, "𝔸 is a surrogate pair too")
	assert.Equal(t, 17, res.Findings[1].EndChar)
	assert.Equal(t, 8, UTF16Len("🙂🙂 дом"))
}

// dupRule reports the same span twice.
type dupRule struct{ fakeRule }

func (r *dupRule) Check(c *Context) {
	r.fakeRule.Check(c)
	r.fakeRule.Check(c)
}

func TestCheckDropsDuplicates(t *testing.T) {
	reg, err := NewRegistry(&dupRule{*fake("dup", CatJargon, Warning, "дом")}, fake("other", CatForeign, Warning, "дом"))
	require.NoError(t, err)
	res := check(t, reg, "дом и дом", Settings{})
	assert.Equal(t, []got{{"dup", Warning, "дом"}, {"other", Warning, "дом"}, {"dup", Warning, "дом"}, {"other", Warning, "дом"}},
		summary(res), "the same span by another rule stays")
}

func TestCheckSettings(t *testing.T) {
	newReg := func() *Registry {
		off := fake("spell", CatSpelling, Info, "дом")
		off.meta.DefaultOff = true
		prof := fake("prof", CatReadability, Warning, "дом")
		prof.meta.Profiles = map[Profile]Severity{Official: Off, Public: Error}
		graded := fake("graded", CatSentenceLength, Warning, "дом")
		graded.sev = Error
		reg, err := NewRegistry(fake("jargon", CatJargon, Warning, "дом"), fake("foreign", CatForeign, Info, "дом"), off, prof, graded)
		require.NoError(t, err)
		return reg
	}
	cases := []struct {
		name string
		s    Settings
		want []got
	}{
		{"defaults", Settings{Profile: Citizen},
			[]got{{"foreign", Info, "дом"}, {"graded", Error, "дом"}, {"jargon", Warning, "дом"}, {"prof", Warning, "дом"}}},
		{"profile switches a rule off", Settings{Profile: Official},
			[]got{{"foreign", Info, "дом"}, {"graded", Error, "дом"}, {"jargon", Warning, "дом"}}},
		{"profile raises a rule", Settings{Profile: Public},
			[]got{{"foreign", Info, "дом"}, {"graded", Error, "дом"}, {"jargon", Warning, "дом"}, {"prof", Error, "дом"}}},
		{"disable by id", Settings{Profile: Citizen, Disable: []string{"jargon", "prof", "graded"}},
			[]got{{"foreign", Info, "дом"}}},
		{"disable by category", Settings{Profile: Citizen, Disable: []string{"foreign", "readability", "sentence-length"}},
			[]got{{"jargon", Warning, "дом"}}},
		{"enable a default-off rule", Settings{Profile: Citizen, Enable: []string{"spell"}, Disable: []string{"foreign", "prof", "graded"}},
			[]got{{"jargon", Warning, "дом"}, {"spell", Info, "дом"}}},
		{"enable a default-off rule by category", Settings{Profile: Citizen, Enable: []string{"spelling"}, Disable: []string{"jargon", "foreign", "prof", "graded"}},
			[]got{{"spell", Info, "дом"}}},
		{"disable wins over enable", Settings{Profile: Citizen, Enable: []string{"spell"}, Disable: []string{"spell", "jargon", "foreign", "prof", "graded"}},
			[]got{}},
		{"severity by rule", Settings{Profile: Citizen, Severity: map[string]Severity{"jargon": Error}, Disable: []string{"foreign", "prof", "graded"}},
			[]got{{"jargon", Error, "дом"}}},
		{"severity by category", Settings{Profile: Citizen, Severity: map[string]Severity{"foreign": Warning}, Disable: []string{"jargon", "prof", "graded"}},
			[]got{{"foreign", Warning, "дом"}}},
		{"rule severity wins over category", Settings{Profile: Citizen, Severity: map[string]Severity{"foreign": Error, "jargon": Info}, Disable: []string{"prof", "graded"}},
			[]got{{"foreign", Error, "дом"}, {"jargon", Info, "дом"}}},
		{"user severity wins over a graded report", Settings{Profile: Citizen, Severity: map[string]Severity{"graded": Info}, Disable: []string{"jargon", "foreign", "prof"}},
			[]got{{"graded", Info, "дом"}}},
		{"off by severity", Settings{Profile: Citizen, Severity: map[string]Severity{"jargon": Off, "foreign": Off, "readability": Off, "graded": Off}},
			[]got{}},
		{"user severity turns a profile-off rule on", Settings{Profile: Official, Severity: map[string]Severity{"prof": Info}, Disable: []string{"jargon", "foreign", "graded"}},
			[]got{{"prof", Info, "дом"}}},
		{"allowed words", Settings{Profile: Citizen, Allow: []string{" ДОМ "}}, []got{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, summary(check(t, newReg(), "дом", c.s)))
		})
	}
}

func TestCheckUnknownNames(t *testing.T) {
	reg, err := NewRegistry(fake("jargon-words", CatJargon, Warning))
	require.NoError(t, err)
	for _, s := range []Settings{
		{Enable: []string{"nope"}},
		{Disable: []string{"nope"}},
		{Severity: map[string]Severity{"nope": Error}},
	} {
		_, err := reg.Check(FromText("t.txt", "дом"), s)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "nope")
		assert.Contains(t, err.Error(), "jargon-words", "the message lists the rules")
	}
	assert.NoError(t, reg.Resolve("jargon-words"))
	assert.NoError(t, reg.Resolve("typography"), "a category with no rule is still a name")
	_, err = NewRegistry(fake("x", CatJargon, Warning), fake("x", CatForeign, Warning))
	assert.Error(t, err, "duplicate ids")
}

func TestCheckThresholds(t *testing.T) {
	var opts Options
	var prof Profile
	r := fake("x", CatSentenceLength, Warning)
	r.seen, r.prof = &opts, &prof
	reg, err := NewRegistry(r)
	require.NoError(t, err)
	cases := []struct {
		name        string
		s           Settings
		profile     Profile
		warn, errTh int
	}{
		{"citizen", Settings{Profile: Citizen}, Citizen, 25, 40},
		{"official", Settings{Profile: Official}, Official, 25, 40},
		{"public", Settings{Profile: Public}, Public, 20, 30},
		{"auto", Settings{Profile: Auto}, Citizen, 25, 40},
		{"empty is auto", Settings{}, Citizen, 25, 40},
		{"custom", Settings{Profile: Citizen, MaxSentenceWords: 15, MaxSentenceWordsError: 22}, Citizen, 15, 22},
		{"error below warning is raised", Settings{Profile: Public, MaxSentenceWords: 35}, Public, 35, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := check(t, reg, "Мы проверили дом.", c.s)
			assert.Equal(t, c.profile, res.Profile)
			assert.Equal(t, c.profile, prof)
			assert.Equal(t, c.warn, opts.MaxSentenceWords)
			assert.Equal(t, c.errTh, opts.MaxSentenceWordsError)
		})
	}
	w, e := DefaultThresholds(Public)
	assert.Equal(t, []int{20, 30}, []int{w, e})
}

func TestCheckEmpty(t *testing.T) {
	reg, err := NewRegistry()
	require.NoError(t, err)
	res := check(t, reg, "", Settings{})
	assert.NotNil(t, res.Findings, "an empty list, not null, in JSON")
	assert.Empty(t, res.Findings)
}

func TestSeverityAndNames(t *testing.T) {
	for _, s := range []string{"error", "warning", "info", "off"} {
		v, err := ParseSeverity(s)
		require.NoError(t, err)
		assert.Equal(t, Severity(s), v)
	}
	_, err := ParseSeverity("fatal")
	assert.Error(t, err)
	assert.True(t, Error.Rank() > Warning.Rank() && Warning.Rank() > Info.Rank() && Info.Rank() > Off.Rank())
	for _, c := range Categories {
		assert.NotEqual(t, string(c), CategoryName(c), "every category has a Russian name")
	}
	for _, p := range Profiles {
		got, err := ParseProfile(string(p))
		require.NoError(t, err)
		assert.Equal(t, p, got)
	}
	got, err := ParseProfile("")
	require.NoError(t, err)
	assert.Equal(t, Auto, got)
	_, err = ParseProfile("private")
	assert.Error(t, err)
}

// badSpans reports spans no rule should: reversed and out of the text.
type badSpans struct{}

func (badSpans) Meta() *Meta { return &Meta{ID: "bad-spans", Category: CatReadability, Severity: Info} }

func (badSpans) Check(c *Context) {
	c.Report(10, 5, "наоборот")
	c.Report(-3, 1000, "за краями")
	c.Report(1000, 2000, "после конца")
}

func TestCheckFaultySpans(t *testing.T) {
	reg, err := NewRegistry(badSpans{})
	require.NoError(t, err)
	text := "Мы проверили дом."
	res := check(t, reg, text, Settings{})
	require.Len(t, res.Findings, 3)
	for _, f := range res.Findings {
		assert.LessOrEqual(t, f.Start.Offset, f.End.Offset, f.Message)
		assert.LessOrEqual(t, f.End.Offset, len(text), f.Message)
		assert.GreaterOrEqual(t, f.Start.Offset, 0, f.Message)
		assert.Equal(t, text[f.Start.Offset:f.End.Offset], f.Text)
		assert.LessOrEqual(t, f.StartChar, f.EndChar)
	}
}
