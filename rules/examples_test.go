package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// TestExamples runs every rule's own examples, the ones `yasno explain`
// and the rules page show: Bad must fire the rule, Good must stay silent.
func TestExamples(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	for _, r := range reg.Rules() {
		m := r.Meta()
		t.Run(m.ID, func(t *testing.T) {
			require.NotEmpty(t, m.Examples, "every rule shows at least one example")
			require.NotEmpty(t, m.Explanation)
			require.NotEmpty(t, m.Description)
			for _, e := range m.Examples {
				assert.NotEmpty(t, findings(t, reg, m.ID, e.Bad, linter.Citizen), "must fire: %s", e.Bad)
				assert.Empty(t, findings(t, reg, m.ID, e.Good, linter.Citizen), "must stay silent: %s", e.Good)
			}
		})
	}
}

// findings checks text with one rule only and returns its findings.
func findings(t *testing.T, reg *linter.Registry, id, text string, p linter.Profile) []linter.Finding {
	t.Helper()
	doc := linter.FromText("test.txt", text)
	res, err := reg.Check(doc, linter.Settings{Profile: p, Enable: []string{id}})
	require.NoError(t, err)
	var out []linter.Finding
	for _, f := range res.Findings {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// ruleCase is a table row for a rule test: the text, and the exact
// texts of the findings expected (empty: must stay silent).
type ruleCase struct {
	name    string
	text    string
	want    []string
	profile linter.Profile
}

// runCases checks each case with one rule and compares the finding texts.
func runCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	reg, err := Default()
	require.NoError(t, err)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.profile
			if p == "" {
				p = linter.Citizen
			}
			var got []string
			for _, f := range findings(t, reg, id, c.text, p) {
				got = append(got, f.Text)
			}
			assert.Equal(t, c.want, got)
		})
	}
}
