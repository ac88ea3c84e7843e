package lt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// parseForm decodes application/x-www-form-urlencoded pairs into m; a later
// key wins, as in LanguageTool's parameter map. Unlike url.ParseQuery it
// keeps a literal «;» (drafts are full of them and some clients send them
// unescaped).
func parseForm(s string, m map[string]string) error {
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return err
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return err
		}
		m[key] = strings.ToValidUTF8(val, "\uFFFD")
	}
	return nil
}

// input is the text to check. Rules see plain; offsets go back to the
// client in orig, the text with markup, which is what the client holds.
type input struct {
	plain  string
	orig   []uint16 // orig in UTF-16 code units, for context and offsets
	pieces []piece  // nil: orig is plain
}

// piece is one item of LanguageTool's annotated text, in UTF-16 units.
type piece struct {
	orig, origLen   int
	plain, plainLen int
	markup          bool
}

// plainInput is a request with the text parameter.
func plainInput(text string) *input {
	return &input{plain: text, orig: utf16.Encode([]rune(text))}
}

// dataError is a 400 about the data parameter.
type dataError struct{ en, ru string }

func (e *dataError) Error() string { return e.en }

// parseData reads the data parameter: {"text": …} or {"annotation": [
// {"text": …} | {"markup": …, "interpretAs": …} ]}. Markup is skipped; its
// interpretAs stands for it in the plain text. Messages never quote the
// draft.
func parseData(data string) (*input, error) {
	var top map[string]json.RawMessage
	dec := json.NewDecoder(strings.NewReader(data))
	if err := dec.Decode(&top); err != nil || top == nil {
		return nil, &dataError{"Could not parse JSON from 'data' parameter",
			"параметр data — не правильный JSON"}
	}
	text, hasText := top["text"]
	ann, hasAnn := top["annotation"]
	switch {
	case hasText && hasAnn:
		return nil, &dataError{"'data' key in JSON requires either 'text' or 'annotation' key, not both",
			"в data нужен либо text, либо annotation, но не оба"}
	case hasText:
		s, err := jsonString(text)
		if err != nil {
			return nil, &dataError{"'text' in 'data' must be a string", "text в data должен быть строкой"}
		}
		return plainInput(s), nil
	case !hasAnn:
		return nil, &dataError{"'data' key in JSON requires 'text' or 'annotation' key",
			"в data нет ни text, ни annotation"}
	}
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(ann, &items); err != nil {
		return nil, &dataError{"'annotation' in 'data' must be a list of objects",
			"annotation в data должен быть списком объектов"}
	}
	in := &input{}
	var plain, orig strings.Builder
	var p16, o16 int
	for i, it := range items {
		t, isText := it["text"]
		m, isMarkup := it["markup"]
		as, hasAs := it["interpretAs"]
		var err error
		var tv, mv, av string
		switch {
		case isText && isMarkup:
			return nil, &dataError{fmt.Sprintf("Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both (item %d)", i+1),
				"в одном элементе annotation и text, и markup"}
		case isText && hasAs:
			return nil, &dataError{fmt.Sprintf("'text' cannot be used with 'interpretAs' (only 'markup' can) (item %d)", i+1),
				"interpretAs можно указывать только вместе с markup"}
		case isText:
			if tv, err = jsonString(t); err != nil {
				break
			}
			n := utf16Len(tv)
			in.pieces = append(in.pieces, piece{orig: o16, origLen: n, plain: p16, plainLen: n})
			plain.WriteString(tv)
			orig.WriteString(tv)
			p16, o16 = p16+n, o16+n
		case isMarkup:
			if mv, err = jsonString(m); err != nil {
				break
			}
			if hasAs {
				if av, err = jsonString(as); err != nil {
					break
				}
			}
			on, pn := utf16Len(mv), utf16Len(av)
			in.pieces = append(in.pieces, piece{orig: o16, origLen: on, plain: p16, plainLen: pn, markup: true})
			plain.WriteString(av)
			orig.WriteString(mv)
			p16, o16 = p16+pn, o16+on
		default:
			return nil, &dataError{fmt.Sprintf("Only 'text' and 'markup' are supported in 'annotation' list (item %d)", i+1),
				"в элементе annotation нет ни text, ни markup"}
		}
		if err != nil {
			return nil, &dataError{fmt.Sprintf("'text', 'markup' and 'interpretAs' must be strings (item %d)", i+1),
				"text, markup и interpretAs должны быть строками"}
		}
	}
	in.plain = plain.String()
	in.orig = utf16.Encode([]rune(orig.String()))
	return in, nil
}

var errNotString = errors.New("not a string")

// jsonString decodes a JSON string; null counts as empty.
func jsonString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return "", nil
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", errNotString
	}
	return s, nil
}

// toOrig maps a UTF-16 position in the plain text to the original text. A
// position inside an interpretAs stands for the whole markup: a start goes
// before it, an end after it. An end at a piece boundary stays at the end
// of the text before, not after markup that follows.
func (in *input) toOrig(p int, end bool) int {
	if in.pieces == nil {
		return p
	}
	ps := in.pieces
	// The first piece that ends after p (start) or at or after p (end);
	// piece ends never decrease, so the search is sound.
	k := sort.Search(len(ps), func(i int) bool {
		e := ps[i].plain + ps[i].plainLen
		if end {
			return e >= p
		}
		return e > p
	})
	if k == len(ps) {
		return len(in.orig)
	}
	pc := ps[k]
	if p < pc.plain {
		p = pc.plain
	}
	if !pc.markup {
		return pc.orig + p - pc.plain
	}
	if end && p > pc.plain {
		return pc.orig + pc.origLen
	}
	return pc.orig
}

// utf16Len is the length of s in UTF-16 code units (a Java string's length).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}
