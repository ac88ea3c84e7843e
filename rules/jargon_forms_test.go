package rules

import "testing"

// TestJargonTenses: a cliché is caught in every tense of its verb, not
// only in the form written in the dictionary.
func TestJargonTenses(t *testing.T) {
	runCases(t, "jargon", []ruleCase{
		{name: "present", text: "Сделать это не представляется возможным.", want: []string{"не представляется возможным"}},
		{name: "past", text: "Сделать это не представлялось возможным.", want: []string{"не представлялось возможным"}},
		{name: "past perfective", text: "Сделать это не представилось возможным.", want: []string{"не представилось возможным"}},
		{name: "future", text: "Сделать это не представится возможным.", want: []string{"не представится возможным"}},
		{name: "plain refusal stays silent", text: "Сделать это мы не можем: дом не в нашем ведении."},
	})
}
