package extract

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"golang.org/x/net/html/charset"
)

// xmlReader streams tokens of one XML part under the depth and token caps.
// encoding/xml expands no external entities and reads no DTD, so only
// size, depth and token count need guarding.
type xmlReader struct {
	d      *xml.Decoder
	name   string     // part name, for error messages
	stack  []xml.Name // open elements, innermost last
	tokens *int       // shared by all parts of one document
	lim    Limits
}

func newXMLReader(r io.Reader, name string, tokens *int, lim Limits) *xmlReader {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel // the formats allow UTF-16
	return &xmlReader{d: d, name: name, tokens: tokens, lim: lim}
}

// next returns the next token; io.EOF at a clean end. CharData is only
// valid until the following call.
func (x *xmlReader) next() (xml.Token, error) {
	t, err := x.d.Token()
	if err != nil {
		return nil, x.wrap(err)
	}
	*x.tokens++
	if *x.tokens > x.lim.MaxXMLTokens {
		return nil, fmt.Errorf("%w (больше %d)", ErrTooManyTokens, x.lim.MaxXMLTokens)
	}
	switch t := t.(type) {
	case xml.StartElement:
		if len(x.stack) >= x.lim.MaxXMLDepth {
			return nil, fmt.Errorf("%w (больше %d уровней)", ErrTooDeep, x.lim.MaxXMLDepth)
		}
		x.stack = append(x.stack, t.Name)
	case xml.EndElement:
		if len(x.stack) > 0 {
			x.stack = x.stack[:len(x.stack)-1]
		}
	}
	return t, nil
}

func (x *xmlReader) wrap(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	var e *Error
	if errors.As(err, &e) {
		return err // a cap or a broken archive entry, already explained
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: ошибка разметки в %s, строка %d", ErrCorrupt, x.name, se.Line)
	}
	return fmt.Errorf("%w: не удалось прочитать %s", ErrCorrupt, x.name)
}

// depth is the number of open elements; right after a StartElement it
// counts that element.
func (x *xmlReader) depth() int { return len(x.stack) }

// parent returns the element enclosing the innermost open one (for a
// StartElement just read: its parent).
func (x *xmlReader) parent() xml.Name { return x.up(1) }

// up returns the open element n levels above the innermost one.
func (x *xmlReader) up(n int) xml.Name {
	if i := len(x.stack) - 1 - n; i >= 0 {
		return x.stack[i]
	}
	return xml.Name{}
}

// attr returns the value of the attribute with the given namespace and
// local name ("" namespace matches any).
func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (space == "" || a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}
