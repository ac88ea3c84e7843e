package dict

import (
	"errors"
	"io/fs"
	"sync"

	"github.com/yasno/yasno/dictionaries"
)

// The lists of the built-in Dict. All of them are compiled into one trie,
// so that one pass over a document finds everything the word rules need:
// proper names (whose words are never flagged), канцелярит and foreign
// words.
const (
	ListNames   = 0
	ListJargon  = 1
	ListForeign = 2
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
// use: a command that checks nothing does not pay for them. A bad line is
// reported in the error and left out; the rest is still returned (the
// tests keep the error nil).
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
	if b.Jargon, err = ParsePhrases(JargonFile, read(JargonFile), ListJargon); err != nil {
		errs = append(errs, err)
	}
	if b.Foreign, err = ParsePhrases(ForeignFile, read(ForeignFile), ListForeign); err != nil {
		errs = append(errs, err)
	}
	if b.Abbrs, err = ParseAbbreviations(AbbrFile, read(AbbrFile)); err != nil {
		errs = append(errs, err)
	}
	return b, errors.Join(errs...)
}

// Compile builds the Dict of the built-in lists and an organisation's
// extra entries (parsed with ListJargon or ListForeign); extras come last,
// so they override built-in entries with the same phrase.
func (b *Builtin) Compile(extra ...[]*Entry) (*Dict, error) {
	all := make([]*Entry, 0, len(b.Names)+len(b.Jargon)+len(b.Foreign))
	all = append(all, b.Names...)
	all = append(all, b.Jargon...)
	all = append(all, b.Foreign...)
	for _, x := range extra {
		all = append(all, x...)
	}
	return Compile(all)
}
