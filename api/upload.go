package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/source"
)

// Content types of documents sent as the raw body.
const (
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeODT  = "application/vnd.oasis.opendocument.text"
	TypeHTML = "text/html"
)

// documentTypes maps the raw document content types to formats.
var documentTypes = map[string]linter.Format{TypeDOCX: linter.DOCX, TypeODT: linter.ODT, TypeHTML: linter.HTML}

// formFields are the settings a multipart form may carry beside the file;
// they are the query parameters of a raw body, under the same names.
var formFields = map[string]bool{"profile": true, "enable": true, "disable": true, "maxSentenceWords": true}

// maxFieldSize caps one settings field of a form: names of rules, a number.
const maxFieldSize = 4 << 10

// capped reads at most n bytes and remembers when the body had more, so
// that an error deep inside the multipart reader is still told apart as
// «too large».
type capped struct {
	r    io.Reader
	n    int64
	over bool
}

func (c *capped) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// One byte more tells a body of exactly n bytes from a longer one.
		var b [1]byte
		if k, _ := c.r.Read(b[:]); k > 0 {
			c.over = true
			return 0, errors.New("body over the limit")
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// readUpload reads a multipart/form-data body: one «file» part and
// optional settings fields, laid over the query parameters. The file is
// kept in memory only, never written to disk (Request.ParseMultipartForm
// would spill large parts to temporary files).
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, params map[string]string) (in *checkInput, over linter.Settings, profile string, aerr *Error) {
	tooLarge := s.tooLarge(true)
	if r.ContentLength > s.opts.MaxBody {
		return nil, over, "", tooLarge
	}
	boundary := params["boundary"]
	if boundary == "" {
		return nil, over, "", errorf(http.StatusBadRequest, CodeBadInput,
			"В заголовке Content-Type нет параметра boundary: отправьте файл как обычная форма с полем file.")
	}
	// MaxBytesReader on top makes the server close the connection after
	// an oversized body instead of draining it.
	body := &capped{r: http.MaxBytesReader(w, r.Body, s.opts.MaxBody+1), n: s.opts.MaxBody}
	mr := multipart.NewReader(body, boundary)
	vals := url.Values{}
	for k, v := range r.URL.Query() {
		vals[k] = append([]string(nil), v...)
	}
	broken := func() *Error {
		if body.over {
			return tooLarge
		}
		return errorf(http.StatusBadRequest, CodeBadInput, "Не удалось прочитать форму: тело запроса multipart/form-data обрывается или испорчено.")
	}
	in = &checkInput{name: RequestPath, upload: true}
	seen := false
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, over, "", broken()
		}
		field := p.FormName()
		switch {
		case field == "file":
			if seen {
				return nil, over, "", errorf(http.StatusBadRequest, CodeBadInput, "В форме больше одного файла: отправляйте по одному.")
			}
			seen = true
			if name := fileName(p.FileName()); name != "" {
				in.name = name
			}
			if in.text, err = io.ReadAll(p); err != nil {
				return nil, over, "", broken()
			}
		case formFields[field]:
			v, err := io.ReadAll(io.LimitReader(p, maxFieldSize+1))
			if err != nil {
				return nil, over, "", broken()
			}
			if len(v) > maxFieldSize || !utf8.Valid(v) {
				return nil, over, "", errorf(http.StatusBadRequest, CodeBadOption,
					fmt.Sprintf("Поле формы %s слишком длинное или не в UTF-8.", field))
			}
			vals.Add(field, string(v))
		default:
			return nil, over, "", errorf(http.StatusBadRequest, CodeUnknownParameter,
				fmt.Sprintf("Неизвестное поле формы %q. Возможны: file, profile, enable, disable, maxSentenceWords.", clip(field, 40)))
		}
	}
	if !seen {
		return nil, over, "", errorf(http.StatusBadRequest, CodeNoFile, "В форме нет файла: выберите файл с черновиком (поле file).")
	}
	if over, profile, aerr = queryOptions(vals); aerr != nil {
		return nil, over, "", aerr
	}
	return in, over, profile, nil
}

// readDocument reads a raw DOCX, ODT or HTML body with settings in the
// query. An HTML body in a declared charset is handed on as UTF-8 with a
// BOM, which the extractor honours over a <meta charset> in the page, as a
// browser lets the header win.
func (s *Server) readDocument(w http.ResponseWriter, r *http.Request, mt string, params map[string]string) (in *checkInput, over linter.Settings, profile string, aerr *Error) {
	in = &checkInput{name: RequestPath, format: documentTypes[mt], upload: true}
	var dec func([]byte) ([]byte, error)
	if cs, ok := params["charset"]; ok && mt == TypeHTML {
		enc, name := charset.Lookup(cs)
		if enc == nil {
			return nil, over, "", errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType,
				"Неизвестная кодировка страницы (charset). Отправьте страницу в UTF-8 или windows-1251.")
		}
		dec = func(b []byte) ([]byte, error) {
			if name != "utf-8" {
				var err error
				if b, err = enc.NewDecoder().Bytes(b); err != nil {
					return nil, err
				}
			}
			if bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
				return b, nil
			}
			return append([]byte("\xEF\xBB\xBF"), b...), nil
		}
	}
	body, aerr := s.readBody(w, r, true)
	if aerr != nil {
		return nil, over, "", aerr
	}
	if len(body) == 0 {
		return nil, over, "", errorf(http.StatusBadRequest, CodeEmptyText, "Тело запроса пустое: отправьте файл с черновиком.")
	}
	if dec != nil {
		var err error
		if body, err = dec(body); err != nil {
			return nil, over, "", errorf(http.StatusBadRequest, CodeBadInput, "Страница не читается в указанной кодировке (charset).")
		}
	}
	in.text = body
	if over, profile, aerr = queryOptions(r.URL.Query()); aerr != nil {
		return nil, over, "", aerr
	}
	return in, over, profile, nil
}

// fileName makes an uploaded file's name safe to echo: the base name
// (browsers on Windows may send a whole path), no control characters,
// valid UTF-8, at most 120 characters. "" when nothing is left.
func fileName(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\u202E' || r == '\u202D' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if s == "." || s == ".." {
		return ""
	}
	if utf8.RuneCountInString(s) > 120 {
		// Keep the extension: it tells the format.
		ext := ""
		if i := strings.LastIndexByte(s, '.'); i >= 0 && len(s)-i <= 10 {
			ext = s[i:]
		}
		s = string([]rune(strings.TrimSuffix(s, ext))[:120-utf8.RuneCountInString(ext)]) + ext
	}
	return s
}

// documentError maps a failure to read a file or document to an answer:
// 415 for a kind yasno does not read, 422 with the extractor's code for a
// document it refuses (encrypted, corrupt, not what its name says, over a
// cap), 400 for the rest. Messages are the engine's own, never the text.
func documentError(err error) *Error {
	var ie *linter.InputError
	msg := err.Error()
	if errors.As(err, &ie) {
		msg = ie.Err.Error()
	}
	switch code := extract.CodeOf(err); {
	case errors.Is(err, source.ErrUnsupported):
		return errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType, sentence(msg))
	case code != "":
		return errorf(http.StatusUnprocessableEntity, code, sentence(msg))
	case errors.Is(err, source.ErrNoText):
		return errorf(http.StatusBadRequest, CodeEmptyText, sentence(msg))
	case errors.Is(err, linter.ErrBinary):
		if ie != nil && ie.Err == linter.ErrBinary { // the bare «not text»: say what is read
			msg += ". Проверяются файлы .docx, .odt, .html, .txt и .md"
		}
		return errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType, sentence(msg))
	}
	return errorf(http.StatusBadRequest, CodeBadInput, sentence(msg))
}

// mediaType parses Content-Type; "" when it is missing or malformed.
func mediaType(r *http.Request) (string, map[string]string) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return "", nil
	}
	return mt, params
}
