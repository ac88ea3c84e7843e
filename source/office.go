package source

import (
	"github.com/yasno/yasno/linter"
)

// sniffOffice recognises office documents and HTML by content; "" if none.
func sniffOffice(raw []byte) linter.Format { return "" }

func loadOffice(name string, raw []byte, f linter.Format) (*linter.Document, error) {
	return nil, &linter.InputError{Name: name, Err: ErrUnsupported}
}
