package lt

import (
	"strings"

	"github.com/yasno/yasno/internal/testrules"
	"github.com/yasno/yasno/linter"
)

// The contract tests run on fixed test rules (internal/testrules), not on
// the real ones: the protocol is what is under test here. The real rules
// are exercised end to end by the gramma test.
func fixtureRules() []linter.Rule { return testrules.Fixture() }

// fixtureText is what tests compare against: the text with markup
// flattened the way the context shows it.
func flatten(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }
