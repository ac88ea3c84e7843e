// Package dictionaries holds yasno's word lists as plain data files, embedded in the binary.
package dictionaries

import "embed"

// FS holds every list; see README.md for the line formats.
//
//go:embed *.tsv *.txt
var FS embed.FS
