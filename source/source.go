// Package source turns the bytes of a file into a linter document: it
// decides the format, rejects binaries and extracts office documents.
package source

import (
	"errors"
	"fmt"

	"github.com/go-enry/go-enry/v2"

	"github.com/yasno/yasno/linter"
)

// MaxSize is the largest input yasno reads (bytes).
const MaxSize = 32 << 20

// Load builds a document from raw bytes. format may be empty: then it comes
// from the name's extension, or for a nameless input (stdin) from the
// content, falling back to plain text.
func Load(name string, raw []byte, format linter.Format) (*linter.Document, error) {
	if len(raw) > MaxSize {
		return nil, &linter.InputError{Name: name, Err: fmt.Errorf("файл слишком большой: больше %d МБ", MaxSize>>20)}
	}
	if err := unsupported(raw); err != nil {
		return nil, &linter.InputError{Name: name, Err: err}
	}
	if format == "" {
		format = Detect(name, raw)
	}
	switch format {
	case linter.Text, linter.Markdown:
		d, err := linter.Parse(name, raw, format)
		if err != nil {
			return nil, refineText(name, format, raw, err)
		}
		return d, nil
	case linter.DOCX, linter.ODT, linter.HTML:
		return loadOffice(name, raw, format)
	}
	return nil, &linter.InputError{Name: name, Err: fmt.Errorf("неизвестный формат %q", format)}
}

// Detect picks a format for an input: by extension when the name has a
// known one (yasno's own, then go-enry's table of extensions: .mkd,
// .mdown, .xhtml …), otherwise by content, defaulting to text.
func Detect(name string, raw []byte) linter.Format {
	if name != "" && name != "-" {
		if f, ok := linter.FormatFromName(name); ok {
			if f == linter.Text && hasNoExt(name) {
				return sniff(raw)
			}
			return f
		}
		// Only an extension that names one language for certain.
		switch lang, sure := enry.GetLanguageByExtension(name); {
		case sure && lang == "Markdown":
			return linter.Markdown
		case sure && lang == "HTML":
			return linter.HTML
		}
	}
	return sniff(raw)
}

func hasNoExt(name string) bool {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return false
		}
	}
	return true
}

func sniff(raw []byte) linter.Format {
	if f := sniffOffice(raw); f != "" {
		return f
	}
	if looksMarkdown(raw) {
		return linter.Markdown
	}
	return linter.Text
}

// looksMarkdown spots the Markdown a clerk's editor produces: headings,
// emphasis, links, fenced code.
func looksMarkdown(raw []byte) bool {
	s := string(raw[:min(len(raw), 4096)])
	marks := 0
	for _, m := range []string{"\n# ", "\n## ", "**", "](", "\n```", "\n- [", "\n> "} {
		if len(s) > 0 && (containsAt(s, m)) {
			marks++
		}
	}
	return marks >= 2 || (len(s) > 2 && (s[:2] == "# " || (len(s) > 3 && s[:3] == "## ")))
}

func containsAt(s, m string) bool {
	for i := 0; i+len(m) <= len(s); i++ {
		if s[i:i+len(m)] == m {
			return true
		}
	}
	return false
}

// ErrUnsupported is matched (errors.Is) by the errors for formats yasno
// does not read: PDF, RTF.
var ErrUnsupported = errors.New("этот формат пока не поддерживается")
