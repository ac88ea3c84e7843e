package dict

import (
	"errors"
	"io/fs"
	"sync"

	"github.com/yasno/yasno/dictionaries"
)

// Lists of a rule's Dict: proper names, whose words are never flagged, and
// the rule's own words.
const (
	ListNames = 0
	ListWords = 1
)

// Built-in file names in dictionaries.FS.
const (
	JargonFile  = "jargon.tsv"
	ForeignFile = "foreign.tsv"
	AbbrFile    = "abbreviations.tsv"
	NamesFile   = "names.tsv"
)

// Builtin is the parsed built-in data, shared read-only by every rule.
type Builtin struct {
	Names, Jargon, Foreign []*Entry
	Abbrs                  []Abbr
}

var (
	builtinOnce sync.Once
	builtin     *Builtin
	builtinErr  error
)

// LoadBuiltin parses the embedded dictionaries once per process, on first
// use: a command that checks nothing does not pay for them.
func LoadBuiltin() (*Builtin, error) {
	builtinOnce.Do(func() { builtin, builtinErr = parseBuiltin(dictionaries.FS) })
	return builtin, builtinErr
}

func parseBuiltin(fsys fs.FS) (*Builtin, error) {
	b := &Builtin{}
	var errs []error
	read := func(name string) []byte {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
		}
		return data
	}
	var err error
	if b.Names, err = ParseNames(NamesFile, read(NamesFile), ListNames); err != nil {
		errs = append(errs, err)
	}
	if b.Jargon, err = ParsePhrases(JargonFile, read(JargonFile), ListWords); err != nil {
		errs = append(errs, err)
	}
	if b.Foreign, err = ParsePhrases(ForeignFile, read(ForeignFile), ListWords); err != nil {
		errs = append(errs, err)
	}
	if b.Abbrs, err = ParseAbbreviations(AbbrFile, read(AbbrFile)); err != nil {
		errs = append(errs, err)
	}
	return b, errors.Join(errs...)
}

// Rule compiles names, a rule's built-in words and an organisation's extra
// files (same format, list ListWords) into one Dict.
func Rule(names, words []*Entry, extra ...[]*Entry) (*Dict, error) {
	all := make([]*Entry, 0, len(names)+len(words))
	all = append(all, names...)
	all = append(all, words...)
	for _, x := range extra {
		all = append(all, x...)
	}
	return Compile(all)
}
