// Package rules holds yasno's checks, one file per rule. Each file
// registers a constructor in init; New builds the set for a configuration.
package rules

import (
	"fmt"
	"sync"

	"github.com/yasno/yasno/linter"
)

// Source is a named piece of dictionary data (an organisation's file).
type Source struct {
	Name string
	Data []byte
}

// Env is what rule constructors get from the organisation's settings.
// The zero value gives the built-in rules.
type Env struct {
	// Extra holds extra dictionary files per rule id, in that rule's
	// dictionary format (see dictionaries/README.md).
	Extra map[string][]Source
	// SpellingDict is the path of a Hunspell .dic file (its .aff beside
	// it); empty means: look in the standard places.
	SpellingDict string
	// SpellingWords are extra words the spelling rule accepts.
	SpellingWords []string
	// Notice receives one-line notices for the user (nil: dropped).
	Notice func(string)
}

func (e *Env) notice(s string) {
	if e != nil && e.Notice != nil {
		e.Notice(s)
	}
}

func (e *Env) extra(id string) []Source {
	if e == nil {
		return nil
	}
	return e.Extra[id]
}

type factory func(env *Env) (linter.Rule, error)

var factories []factory

// register adds a rule constructor; called from each rule file's init.
func register(f factory) { factories = append(factories, f) }

// New builds every rule for an environment.
func New(env *Env) (*linter.Registry, error) {
	if env == nil {
		env = &Env{}
	}
	var rs []linter.Rule
	for _, f := range factories {
		r, err := f(env)
		if err != nil {
			return nil, err
		}
		if r != nil {
			rs = append(rs, r)
		}
	}
	return linter.NewRegistry(rs...)
}

var (
	defOnce sync.Once
	defReg  *linter.Registry
	defErr  error
)

// Default returns the built-in rule set, built once per process.
func Default() (*linter.Registry, error) {
	defOnce.Do(func() { defReg, defErr = New(nil) })
	if defErr != nil {
		return nil, fmt.Errorf("встроенные правила: %w", defErr)
	}
	return defReg, nil
}
