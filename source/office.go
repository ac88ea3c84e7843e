package source

import (
	"errors"
	"fmt"

	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
)

// sniffOffice recognises office documents and HTML by content; "" if none.
func sniffOffice(raw []byte) linter.Format {
	switch extract.Sniff(raw) {
	case "docx":
		return linter.DOCX
	case "odt":
		return linter.ODT
	case "html":
		return linter.HTML
	case "cfb", "zip":
		// Let loadOffice give the precise error (encrypted, not a document).
		return linter.DOCX
	}
	return ""
}

// loadOffice extracts a DOCX, ODT or HTML file into a document whose blocks
// are its paragraphs, each with its part and index. The format claimed by
// the extension must agree with the content.
func loadOffice(name string, raw []byte, f linter.Format) (*linter.Document, error) {
	got := extract.Sniff(raw)
	if got == "cfb" {
		return nil, &linter.InputError{Name: name, Err: extract.ErrEncrypted}
	}
	if f != linter.HTML && got != string(f) {
		what := map[string]string{"docx": "документ DOCX", "odt": "документ ODT", "html": "страница HTML", "zip": "архив ZIP", "": "двоичный файл неизвестного вида"}[got]
		if what == "" {
			what = got
		}
		return nil, &linter.InputError{Name: name, Err: fmt.Errorf("расширение говорит «%s», а внутри %s", f, what)}
	}
	var (
		doc *extract.Document
		err error
	)
	switch f {
	case linter.DOCX:
		doc, err = extract.DOCX(raw, extract.Limits{})
	case linter.ODT:
		doc, err = extract.ODT(raw, extract.Limits{})
	case linter.HTML:
		if got != "html" && got != "" {
			return nil, &linter.InputError{Name: name, Err: fmt.Errorf("файл назван страницей HTML, но это %s", got)}
		}
		doc, err = extract.HTML(raw, extract.Limits{})
	}
	if err != nil {
		var xe *extract.Error
		if !errors.As(err, &xe) {
			err = fmt.Errorf("не удалось прочитать документ: %w", err)
		}
		return nil, &linter.InputError{Name: name, Err: err}
	}
	blocks := make([]linter.Block, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		blocks[i] = linter.Block{Start: p.Start, End: p.End, Part: p.Part, Index: p.Index}
	}
	return linter.FromParagraphs(name, f, doc.Text, blocks), nil
}
