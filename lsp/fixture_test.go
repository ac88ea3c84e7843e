package lsp

import (
	"github.com/yasno/yasno/internal/testrules"
	"github.com/yasno/yasno/linter"
)

// The contract tests run on fixed test rules (internal/testrules), not on
// the real ones: the protocol is what is under test here. The real rules
// are exercised end to end by the Neovim test.
func fixtureRules() []linter.Rule { return testrules.Fixture() }
