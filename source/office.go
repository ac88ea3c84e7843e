package source

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
)

// ErrNoText is returned for a document with no text at all: a scan saved
// as .docx, or an empty file.
var ErrNoText = errors.New("в документе нет текста: возможно, это скан или картинка. Проверке нужен текст ответа")

// refusal is an error with a message written for the case at hand that
// still matches a sentinel (extract.ErrNotDOCX, linter.ErrBinary, …) with
// errors.Is, so that fronts map it to a code and a status.
type refusal struct {
	msg string
	err error
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.err }

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
		// Let loadOffice give the precise error (encrypted, corrupt, not a
		// document).
		return linter.DOCX
	}
	return ""
}

// unsupported recognises formats clerks save replies in that yasno does
// not read, by their first bytes, so that they are not taken for text.
func unsupported(raw []byte) error {
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		return &refusal{"это файл PDF, его текст не читается: откройте исходный документ ответа (.docx или .odt) и проверьте его", ErrUnsupported}
	case bytes.HasPrefix(raw, []byte(`{\rtf`)):
		return &refusal{"это файл RTF, он не читается: откройте его в редакторе, сохраните как .docx и проверьте снова", ErrUnsupported}
	}
	return nil
}

// kinds name what Sniff found, for messages.
var kinds = map[string]string{
	"docx": "документ Word (DOCX)",
	"odt":  "документ OpenDocument (ODT)",
	"html": "страница HTML",
	"zip":  "архив ZIP",
	"":     "файл неизвестного вида",
}

// claimed says where the expected format came from: the name's extension
// or, for a nameless input, the chosen format.
func claimed(name string, f linter.Format) string {
	if ext := filepath.Ext(name); ext != "" && name != "-" {
		return "у файла расширение " + strings.ToLower(ext)
	}
	return "выбран формат " + strings.ToUpper(string(f))
}

// notKind is the extract sentinel for a file that is not the claimed format.
func notKind(f linter.Format) error {
	switch f {
	case linter.ODT:
		return extract.ErrNotODT
	case linter.HTML:
		return extract.ErrNotHTML
	}
	return extract.ErrNotDOCX
}

// mismatch is the error for content that is not what the extension says.
// When the content is a kind yasno reads, renaming the file is the fix.
func mismatch(name string, f linter.Format, got string, sentinel error) error {
	what := kinds[got]
	if what == "" {
		what = kinds[""]
	}
	if got == "docx" || got == "odt" || got == "html" {
		return &refusal{fmt.Sprintf("%s, а внутри %s: переименуйте файл в .%s и проверьте снова", claimed(name, f), what, got), sentinel}
	}
	save := map[linter.Format]string{linter.DOCX: "документ Word (.docx)", linter.ODT: "документ OpenDocument (.odt)", linter.HTML: "страницу HTML (.html)"}[f]
	return &refusal{fmt.Sprintf("%s, а внутри %s: проверьте, тот ли файл выбран, или сохраните ответ заново как %s", claimed(name, f), what, save), sentinel}
}

// refineText explains a binary input that was meant to be text when it is
// in fact an office document yasno reads or an encrypted one.
func refineText(name string, f linter.Format, raw []byte, err error) error {
	if !errors.Is(err, linter.ErrBinary) {
		return err
	}
	switch got := extract.Sniff(raw); got {
	case "cfb":
		return &linter.InputError{Name: name, Err: extract.ErrEncrypted}
	case "docx", "odt":
		return &linter.InputError{Name: name, Err: mismatch(name, f, got, linter.ErrBinary)}
	}
	return err
}

// loadOffice extracts a DOCX, ODT or HTML file into a document whose blocks
// are its paragraphs, each with its part and index. The format claimed by
// the extension must agree with the content: a mismatch is refused rather
// than guessed, because the clerk may have picked the wrong file.
func loadOffice(name string, raw []byte, f linter.Format) (*linter.Document, error) {
	got := extract.Sniff(raw)
	if got == "cfb" {
		return nil, &linter.InputError{Name: name, Err: extract.ErrEncrypted}
	}
	switch {
	case f == linter.HTML && got != "" && got != "html":
		return nil, &linter.InputError{Name: name, Err: mismatch(name, f, got, extract.ErrNotHTML)}
	case f == linter.HTML && got == "":
		// Markup that does not start like a page (a fragment) is read as
		// HTML, but a binary file is not.
		if _, _, err := linter.Decode(raw); errors.Is(err, linter.ErrBinary) {
			return nil, &linter.InputError{Name: name, Err: mismatch(name, f, got, extract.ErrNotHTML)}
		}
	case f != linter.HTML && got == "zip":
		// A zip that is not recognised: a truncated document or another
		// archive. The extractor tells which.
	case f != linter.HTML && got != string(f):
		return nil, &linter.InputError{Name: name, Err: mismatch(name, f, got, notKind(f))}
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
	default:
		doc, err = extract.HTML(raw, extract.Limits{})
	}
	if err != nil {
		var xe *extract.Error
		if !errors.As(err, &xe) {
			err = fmt.Errorf("не удалось прочитать документ: %w", err)
		}
		return nil, &linter.InputError{Name: name, Err: err}
	}
	if len(doc.Paragraphs) == 0 {
		return nil, &linter.InputError{Name: name, Err: ErrNoText}
	}
	blocks := make([]linter.Block, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		blocks[i] = linter.Block{Start: p.Start, End: p.End, Part: p.Part, Index: p.Index}
	}
	return linter.FromParagraphs(name, f, doc.Text, blocks), nil
}
