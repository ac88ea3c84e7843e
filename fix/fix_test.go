package fix

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// at makes a typography finding over the first occurrence of span in
// text (n-th with a prefix) — tests only; the linter never searches.
func at(text, span string, sugg ...string) linter.Finding {
	s := strings.Index(text, span)
	if s < 0 {
		panic("no " + span)
	}
	return linter.Finding{Rule: "typography", Text: span, Start: linter.Position{Offset: s},
		End: linter.Position{Offset: s + len(span)}, Suggestions: sugg}
}

func TestApply(t *testing.T) {
	text := `ООО "Жилсервис" в порядке - с участием  собственника.`
	cases := []struct {
		name string
		fs   []linter.Finding
		want string
		n    int
	}{
		{name: "nothing", want: text},
		{name: "multibyte, any order", fs: []linter.Finding{
			at(text, "участием  собственника", "участием собственника"),
			at(text, `"Жилсервис"`, "«Жилсервис»"),
			at(text, "порядке - с", "порядке — с"),
		}, want: "ООО «Жилсервис» в порядке — с участием собственника.", n: 3},
		{name: "overlap: the first wins", fs: []linter.Finding{
			at(text, "в порядке", "В ПОРЯДКЕ"),
			at(text, "порядке - с", "порядке — с"),
		}, want: `ООО "Жилсервис" В ПОРЯДКЕ - с участием  собственника.`, n: 1},
		{name: "same span twice", fs: []linter.Finding{
			at(text, "порядке - с", "порядке — с"),
			at(text, "порядке - с", "порядке — с"),
		}, want: `ООО "Жилсервис" в порядке — с участием  собственника.`, n: 1},
		{name: "separate spans both apply", fs: []linter.Finding{
			at(text, "ООО ", "ООО "), // no-op: skipped
			at(text, `"Жилсервис"`, "«Жилсервис»"),
			at(text, "ООО", "АО"),
		}, want: `АО «Жилсервис» в порядке - с участием  собственника.`, n: 2},
		{name: "unsafe findings are left", fs: []linter.Finding{
			{Rule: "typography", Text: "(", Start: linter.Position{Offset: 0}, End: linter.Position{Offset: 1}},
			func() linter.Finding { f := at(text, "ООО", "АО"); f.Rule = "jargon"; return f }(),
			func() linter.Finding { f := at(text, "ООО", "АО", "ЗАО"); return f }(),
		}, want: text},
		{name: "stale or broken spans are skipped", fs: []linter.Finding{
			func() linter.Finding { f := at(text, "ООО", "АО"); f.Text = "ЗАО"; return f }(),
			{Rule: "typography", Text: "x", Start: linter.Position{Offset: -1}, End: linter.Position{Offset: 0}, Suggestions: []string{"y"}},
			{Rule: "typography", Text: "x", Start: linter.Position{Offset: 5}, End: linter.Position{Offset: 500}, Suggestions: []string{"y"}},
			{Rule: "typography", Text: "\x9e", Start: linter.Position{Offset: 1}, End: linter.Position{Offset: 2}, Suggestions: []string{"y"}},
		}, want: text},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ch := Apply(text, c.fs)
			assert.Equal(t, c.want, got)
			assert.Len(t, ch, c.n)
			for i := 1; i < len(ch); i++ {
				assert.Less(t, ch[i-1].Start.Offset, ch[i].Start.Offset, "changes come in text order")
			}
		})
	}
}

func TestApplyChange(t *testing.T) {
	text := "в порядке - с"
	f := at(text, "порядке - с", "порядке — с")
	f.Start.Line, f.Start.Column = 1, 3
	_, ch := Apply(text, []linter.Finding{f})
	require.Len(t, ch, 1)
	assert.Equal(t, Change{Rule: "typography", Start: f.Start, End: f.End, Old: "порядке - с", New: "порядке — с"}, ch[0])
}

func TestSafe(t *testing.T) {
	assert.True(t, Safe(linter.Finding{Rule: "typography", Suggestions: []string{"«»"}}))
	assert.False(t, Safe(linter.Finding{Rule: "typography", Suggestions: []string{}}))
	assert.False(t, Safe(linter.Finding{Rule: "typography", Suggestions: []string{"a", "b"}}))
	assert.False(t, Safe(linter.Finding{Rule: "jargon", Suggestions: []string{"a"}}))
}

// nestedChecker imitates the typography rule on one kind of nesting: it
// fixes the outer pair of `"a "b""` first and the inner one next round.
func nestedChecker(text string) ([]linter.Finding, error) {
	switch {
	case strings.Contains(text, `"a "b""`):
		return []linter.Finding{at(text, `"a "b""`, `«a "b"»`), at(text, `"b"`, "„b“")}, nil
	case strings.Contains(text, `"b"`):
		return []linter.Finding{at(text, `"b"`, "„b“")}, nil
	}
	return nil, nil
}

func TestFix(t *testing.T) {
	res, err := Fix(`x "a "b"" y`, nestedChecker, 0)
	require.NoError(t, err)
	assert.Equal(t, "x «a „b“» y", res.Text)
	assert.Len(t, res.Changes, 2)
	assert.Empty(t, res.Remaining)

	// One round is not enough: the inner pair is left.
	res, err = Fix(`x "a "b"" y`, nestedChecker, 1)
	require.NoError(t, err)
	assert.Equal(t, `x «a "b"» y`, res.Text)
	assert.Len(t, res.Remaining, 1)

	// A checker that never settles stops after the rounds.
	calls := 0
	flip := func(text string) ([]linter.Finding, error) {
		calls++
		if strings.Contains(text, "a") {
			return []linter.Finding{at(text, "a", "b")}, nil
		}
		return []linter.Finding{at(text, "b", "a")}, nil
	}
	_, err = Fix("a", flip, 3)
	require.NoError(t, err)
	assert.Equal(t, 4, calls)

	boom := errors.New("boom")
	_, err = Fix("a", func(string) ([]linter.Finding, error) { return nil, boom }, 0)
	assert.ErrorIs(t, err, boom)
	_, err = Fix("a", nil, 0)
	assert.ErrorIs(t, err, ErrNoCheck)
}
