package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
	"github.com/yasno/yasno/source"
)

// RequestPath is the "path" of the one file in a check answer: the text
// came in a request, not from a file.
const RequestPath = "<request>"

// checkRequest is the JSON body of POST /api/v1/check.
type checkRequest struct {
	Text    *string  `json:"text"`
	Format  string   `json:"format"`
	Profile string   `json:"profile"`
	Enable  []string `json:"enable"`
	Disable []string `json:"disable"`
	Options struct {
		MaxSentenceWords int `json:"maxSentenceWords"`
	} `json:"options"`
}

// checkInput is a request after parsing, whatever its content type.
type checkInput struct {
	text     []byte
	format   linter.Format // "" detects it from the name and the content
	settings linter.Settings
	// name is the answer's path: RequestPath, or an uploaded file's name.
	name string
	// upload marks a document sent as a file: the answer then carries the
	// text that was checked, which the client does not have.
	upload bool
}

// fileAnswer is one file of a check answer: the CLI's contract, plus the
// checked text when the request sent a file.
type fileAnswer struct {
	output.File
	Source *checkedSource `json:"source,omitempty"`
}

// checkedSource is what was checked in an uploaded file: the extracted
// text, the one that findings' offsets point into.
type checkedSource struct {
	Text string `json:"text"`
}

// check answers the CLI's JSON contract {"files":[one file]}.
func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	in, aerr := s.readCheck(w, r)
	if aerr != nil {
		WriteError(w, aerr)
		return
	}
	name := ""
	if in.name != RequestPath {
		name = in.name
	}
	doc, res, aerr := s.runCheck(name, in)
	if aerr != nil {
		WriteError(w, aerr)
		return
	}
	f := fileAnswer{File: output.NewFile(in.name, doc, res)}
	if in.upload {
		f.Source = &checkedSource{Text: doc.Text}
	}
	writeAnswer(w, &f)
}

// runCheck reads the text into a document and checks it, taking one of
// the check slots for the while (see Server.checks).
func (s *Server) runCheck(name string, in *checkInput) (*linter.Document, *linter.Result, *Error) {
	defer s.Slot()()
	doc, err := source.Load(name, in.text, in.format)
	if err != nil {
		if in.upload {
			return nil, nil, documentError(err)
		}
		return nil, nil, inputError(err)
	}
	if in.upload && strings.TrimSpace(doc.Text) == "" {
		return nil, nil, errorf(http.StatusBadRequest, CodeEmptyText, "В файле нет текста: выберите файл с черновиком ответа.")
	}
	res, err := s.reg.Check(doc, in.settings)
	if err != nil {
		// Only settings fail a check: an unknown rule or category.
		return nil, nil, errorf(http.StatusBadRequest, CodeUnknownRule, sentence(err.Error()))
	}
	return doc, res, nil
}

// answerBufs keeps the buffers answers are built in, from request to
// request; one of a huge answer is let go.
var answerBufs = sync.Pool{New: func() any { return new([]byte) }}

// writeAnswer writes {"files":[f]} as writeJSON would, without
// reflection: for a short letter encoding/json cost as much as the check.
func writeAnswer(w http.ResponseWriter, f *fileAnswer) {
	bp := answerBufs.Get().(*[]byte)
	buf := append((*bp)[:0], `{"files":[`...)
	buf = output.AppendFile(buf, &f.File)
	if f.Source != nil {
		buf = append(buf[:len(buf)-1], `,"source":{"text":`...)
		buf = output.AppendString(buf, f.Source.Text)
		buf = append(buf, "}}"...)
	}
	buf = append(buf, "]}\n"...)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// With the length known the answer goes out whole, not in chunks.
	h.Set("Content-Length", strconv.Itoa(len(buf)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf) // the client went away: nothing left to tell it
	if cap(buf) <= 1<<20 {
		*bp = buf
		answerBufs.Put(bp)
	}
}

// readCheck reads the body in any of the accepted forms and merges the
// request's settings over the server's.
func (s *Server) readCheck(w http.ResponseWriter, r *http.Request) (*checkInput, *Error) {
	mt, params := mediaType(r)
	var (
		in      *checkInput
		over    linter.Settings
		profile string
		aerr    *Error
	)
	switch {
	case mt == "multipart/form-data":
		in, over, profile, aerr = s.readUpload(w, r, params)
	case documentTypes[mt] != "":
		in, over, profile, aerr = s.readDocument(w, r, mt, params)
	case mt == "application/json", mt == "text/plain", mt == "text/markdown":
		in, over, profile, aerr = s.readText(w, r, mt, params)
	default:
		aerr = errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType,
			"Отправьте текст как application/json, text/plain или text/markdown, а файл — как форму multipart/form-data "+
				"(поле file) или как документ DOCX, ODT или HTML (заголовок Content-Type).")
	}
	if aerr != nil {
		return nil, aerr
	}
	if over.MaxSentenceWords < 0 {
		return nil, errorf(http.StatusBadRequest, CodeBadOption,
			"Порог длины предложения (maxSentenceWords) должен быть положительным числом.")
	}
	p, err := linter.ParseProfile(profile)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, CodeUnknownProfile, sentence(err.Error()))
	}
	over.Profile = p
	for _, n := range append(append([]string{}, over.Enable...), over.Disable...) {
		if err := s.reg.Resolve(n); err != nil {
			return nil, errorf(http.StatusBadRequest, CodeUnknownRule, sentence(err.Error()))
		}
	}
	in.settings = config.Merge(s.opts.Settings, over)
	return in, nil
}

// readText reads a JSON body or a raw text/plain or text/markdown body
// with settings in the query.
func (s *Server) readText(w http.ResponseWriter, r *http.Request, mt string, params map[string]string) (in *checkInput, over linter.Settings, profile string, aerr *Error) {
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return nil, over, "", errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType,
			"Текст принимается только в кодировке UTF-8 (charset=utf-8).")
	}
	body, aerr := s.readBody(w, r, false)
	if aerr != nil {
		return nil, over, "", aerr
	}
	if !utf8.Valid(body) {
		if k := extract.Sniff(body); k == "docx" || k == "odt" || k == "cfb" {
			return nil, over, "", errorf(http.StatusUnsupportedMediaType, CodeUnsupportedType,
				"Это документ, а не текст: отправьте его как файл (форма multipart/form-data с полем file) или с Content-Type документа.")
		}
		return nil, over, "", errorf(http.StatusBadRequest, CodeInvalidUTF8,
			"Текст не в кодировке UTF-8. Сохраните черновик в UTF-8 и отправьте снова.")
	}
	in = &checkInput{format: linter.Text, name: RequestPath}
	if mt == "application/json" {
		if r.URL.RawQuery != "" {
			return nil, over, "", errorf(http.StatusBadRequest, CodeUnknownParameter,
				"С телом JSON все настройки передаются в нём, а не в адресе запроса.")
		}
		req, aerr := decodeCheck(body)
		if aerr != nil {
			return nil, over, "", aerr
		}
		switch req.Format {
		case "", "text":
		case "markdown":
			in.format = linter.Markdown
		default:
			return nil, over, "", errorf(http.StatusBadRequest, CodeBadFormat,
				"Поле format: возможны text или markdown. Документы DOCX, ODT и HTML отправляйте файлом.")
		}
		if req.Text != nil {
			in.text = []byte(*req.Text)
		}
		profile = req.Profile
		over = linter.Settings{Enable: req.Enable, Disable: req.Disable, MaxSentenceWords: req.Options.MaxSentenceWords}
	} else {
		if mt == "text/markdown" {
			in.format = linter.Markdown
		}
		in.text = body
		if over, profile, aerr = queryOptions(r.URL.Query()); aerr != nil {
			return nil, over, "", aerr
		}
	}
	if len(bytes.TrimFunc(in.text, unicode.IsSpace)) == 0 {
		return nil, over, "", errorf(http.StatusBadRequest, CodeEmptyText, "Текст пустой: вставьте черновик ответа.")
	}
	return in, over, profile, nil
}

// readBody reads the body under the size cap; one byte over is 413.
// A declared length over the cap is refused before reading a byte.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request, file bool) ([]byte, *Error) {
	tooLarge := s.tooLarge(file)
	if r.ContentLength > s.opts.MaxBody {
		return nil, tooLarge
	}
	var (
		body []byte
		err  error
	)
	if n := r.ContentLength; n >= 0 {
		body, err = readLength(r.Body, n)
	} else {
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge
		}
		return nil, errorf(http.StatusBadRequest, CodeBadInput, "Не удалось прочитать тело запроса.")
	}
	return body, nil
}

// readLength reads a body of declared length n (under the cap; net/http
// stops the body there). A short letter lands in a buffer of its size, not
// one grown by doubling; a large declared length is only a promise, so the
// buffer starts at bodyChunk and grows with what really arrives. A body
// cut short is an error.
func readLength(r io.Reader, n int64) ([]byte, error) {
	body := make([]byte, 0, min(n, bodyChunk))
	for int64(len(body)) < n {
		if len(body) == cap(body) {
			body = slices.Grow(body, int(min(n-int64(len(body)), int64(len(body)))))
		}
		m, err := r.Read(body[len(body):min(cap(body), int(n))])
		body = body[:len(body)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(body)) < n {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// bodyChunk is what readLength allocates before any byte arrives.
const bodyChunk = 64 << 10

// tooLarge is the answer to a body over the cap; a file is most often
// too large because of its pictures.
func (s *Server) tooLarge(file bool) *Error {
	if file {
		return errorf(http.StatusRequestEntityTooLarge, CodeTooLarge,
			fmt.Sprintf("Файл слишком большой: не больше %s. Удалите из документа картинки "+
				"(герб, подпись) или сохраните его как .txt и проверьте снова.", size(s.opts.MaxBody)))
	}
	return errorf(http.StatusRequestEntityTooLarge, CodeTooLarge,
		fmt.Sprintf("Текст слишком большой: не больше %s. Проверьте ответ по частям.", size(s.opts.MaxBody)))
}

// decodeCheck decodes the JSON body strictly: unknown fields and trailing
// data are errors. Messages name the field, never quote the text.
func decodeCheck(body []byte) (*checkRequest, *Error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var req checkRequest
	err := dec.Decode(&req)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		return nil, errorf(http.StatusBadRequest, CodeBadJSON, "После объекта JSON в теле запроса есть лишние данные.")
	}
	if err == nil {
		return &req, nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return nil, errorf(http.StatusBadRequest, CodeBadJSON,
			fmt.Sprintf("Тело запроса — не правильный JSON (ошибка около байта %d).", syn.Offset))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errorf(http.StatusBadRequest, CodeBadJSON, "Тело запроса пустое или обрывается на середине.")
	case errors.As(err, &typ):
		return nil, errorf(http.StatusBadRequest, CodeBadField,
			fmt.Sprintf("Поле %s: ожидается %s.", clip(typ.Field, 40), kindName(typ.Type)))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return nil, errorf(http.StatusBadRequest, CodeUnknownField,
			fmt.Sprintf("Неизвестное поле %q. Возможны: text, format, profile, enable, disable, options.maxSentenceWords.", clip(name, 40)))
	}
	return nil, errorf(http.StatusBadRequest, CodeBadJSON, "Тело запроса — не правильный JSON.")
}

func kindName(t reflect.Type) string {
	if t == nil {
		return "другой тип"
	}
	switch t.Kind() {
	case reflect.String:
		return "строка"
	case reflect.Int:
		return "целое число"
	case reflect.Slice:
		return "список строк"
	case reflect.Struct:
		return "объект"
	}
	return "другой тип"
}

// queryOptions reads the settings of a raw-text request from the query.
// enable and disable may repeat and hold comma-separated names.
func queryOptions(q url.Values) (over linter.Settings, profile string, aerr *Error) {
	for k, vs := range q {
		switch k {
		case "profile":
			profile = vs[len(vs)-1]
		case "enable", "disable":
			var names []string
			for _, v := range vs {
				for _, n := range strings.Split(v, ",") {
					if n = strings.TrimSpace(n); n != "" {
						names = append(names, n)
					}
				}
			}
			if k == "enable" {
				over.Enable = names
			} else {
				over.Disable = names
			}
		case "maxSentenceWords":
			n, err := strconv.Atoi(vs[len(vs)-1])
			if err != nil || n < 0 {
				return over, "", errorf(http.StatusBadRequest, CodeBadOption,
					"Параметр maxSentenceWords должен быть положительным целым числом.")
			}
			over.MaxSentenceWords = n
		default:
			return over, "", errorf(http.StatusBadRequest, CodeUnknownParameter,
				fmt.Sprintf("Неизвестный параметр %q. Возможны: profile, enable, disable, maxSentenceWords.", clip(k, 40)))
		}
	}
	return over, profile, nil
}

// inputError turns a source error (binary data, a bad encoding) into 400.
func inputError(err error) *Error {
	if errors.Is(err, linter.ErrBinary) {
		return errorf(http.StatusBadRequest, CodeBadInput,
			"Это не похоже на текст: в нём есть служебные (нулевые) символы. Вставьте текст черновика.")
	}
	var ie *linter.InputError
	if errors.As(err, &ie) {
		return errorf(http.StatusBadRequest, CodeBadInput, sentence(ie.Err.Error()))
	}
	return errorf(http.StatusBadRequest, CodeBadInput, "Не удалось прочитать текст.")
}

// sentence capitalises a message from the engine and ends it with a dot.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d МБ", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d КБ", n>>10)
	}
	return fmt.Sprintf("%d байт", n)
}
