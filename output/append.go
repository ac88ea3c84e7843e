package output

import (
	"strconv"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// AppendFile appends the compact JSON of one file's result to buf: the
// same bytes encoding/json writes for File with HTML escaping off. The
// server answers every check with it; reflection cost as much as the
// checking of a short letter. TestAppendFileMatchesEncodingJSON holds the
// two together.
func AppendFile(buf []byte, f *File) []byte {
	buf = append(buf, `{"path":`...)
	buf = AppendString(buf, f.Path)
	buf = append(buf, `,"format":`...)
	buf = AppendString(buf, string(f.Format))
	buf = append(buf, `,"profile":`...)
	buf = AppendString(buf, string(f.Profile))
	buf = append(buf, `,"findings":`...)
	if f.Findings == nil {
		buf = append(buf, "null"...)
	} else {
		buf = append(buf, '[')
		for i := range f.Findings {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendFinding(buf, &f.Findings[i])
		}
		buf = append(buf, ']')
	}
	buf = append(buf, `,"stats":{"words":`...)
	buf = strconv.AppendInt(buf, int64(f.Stats.Words), 10)
	buf = append(buf, `,"sentences":`...)
	buf = strconv.AppendInt(buf, int64(f.Stats.Sentences), 10)
	buf = append(buf, `,"longestSentence":`...)
	buf = strconv.AppendInt(buf, int64(f.Stats.LongestSentence), 10)
	return append(buf, "}}"...)
}

// AppendFinding appends the compact JSON of a finding, as encoding/json
// writes it with HTML escaping off.
func AppendFinding(buf []byte, f *linter.Finding) []byte {
	buf = append(buf, `{"rule":`...)
	buf = AppendString(buf, f.Rule)
	buf = append(buf, `,"category":`...)
	buf = AppendString(buf, string(f.Category))
	buf = append(buf, `,"severity":`...)
	buf = AppendString(buf, string(f.Severity))
	buf = append(buf, `,"message":`...)
	buf = AppendString(buf, f.Message)
	buf = append(buf, `,"text":`...)
	buf = AppendString(buf, f.Text)
	buf = append(buf, `,"start":`...)
	buf = appendPos(buf, f.Start)
	buf = append(buf, `,"end":`...)
	buf = appendPos(buf, f.End)
	buf = append(buf, `,"startChar":`...)
	buf = strconv.AppendInt(buf, int64(f.StartChar), 10)
	buf = append(buf, `,"endChar":`...)
	buf = strconv.AppendInt(buf, int64(f.EndChar), 10)
	buf = append(buf, `,"suggestions":`...)
	if f.Suggestions == nil {
		buf = append(buf, "null"...)
	} else {
		buf = append(buf, '[')
		for i, s := range f.Suggestions {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendString(buf, s)
		}
		buf = append(buf, ']')
	}
	buf = append(buf, `,"clause":`...)
	buf = AppendString(buf, f.Clause)
	if p := f.Paragraph; p != nil {
		buf = append(buf, `,"paragraph":{"part":`...)
		buf = AppendString(buf, p.Part)
		buf = append(buf, `,"index":`...)
		buf = strconv.AppendInt(buf, int64(p.Index), 10)
		buf = append(buf, `,"column":`...)
		buf = strconv.AppendInt(buf, int64(p.Column), 10)
		buf = append(buf, '}')
	}
	return append(buf, '}')
}

func appendPos(buf []byte, p linter.Position) []byte {
	buf = append(buf, `{"offset":`...)
	buf = strconv.AppendInt(buf, int64(p.Offset), 10)
	buf = append(buf, `,"line":`...)
	buf = strconv.AppendInt(buf, int64(p.Line), 10)
	buf = append(buf, `,"column":`...)
	buf = strconv.AppendInt(buf, int64(p.Column), 10)
	return append(buf, '}')
}

const hex = "0123456789abcdef"

// AppendString quotes s as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped, bad UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped for JavaScript.
func AppendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		if b := s[i]; b&^1 == 0xD0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a Russian letter: valid, and never escaped
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += n
			start = i
			continue
		}
		i += n
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
