package api

import (
	"encoding/json"
	"net/http"
)

// Error is a problem answered to a client: an HTTP status, a stable
// machine code and a plain Russian message for the clerk. Messages never
// quote the checked text.
type Error struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Message }

func errorf(status int, code, msg string) *Error {
	return &Error{Status: status, Code: code, Message: msg}
}

// Error codes. Clients and the web page key on them; do not rename.
const (
	CodeBadJSON          = "bad_json"
	CodeUnknownField     = "unknown_field"
	CodeBadField         = "bad_field"
	CodeUnknownParameter = "unknown_parameter"
	CodeUnknownRule      = "unknown_rule"
	CodeUnknownProfile   = "unknown_profile"
	CodeBadFormat        = "bad_format"
	CodeBadOption        = "bad_option"
	CodeInvalidUTF8      = "invalid_utf8"
	CodeEmptyText        = "empty_text"
	CodeBadInput         = "bad_input"
	CodeTooLarge         = "too_large"
	CodeUnsupportedType  = "unsupported_media_type"
	CodeUnauthorized     = "unauthorized"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeForbiddenOrigin  = "forbidden_origin"
	CodeInternal         = "internal"
	CodeNoFile           = "no_file"
)

// A document the server refuses to read is answered 422 with the code of
// package extract (extract.CodeOf): "encrypted", "corrupt", "not_docx",
// "not_odt", "not_html", "zip_bomb", "too_many_entries", "too_large" (too
// much once unpacked; a body over the cap is 413 with the same code),
// "too_deep", "too_many_tokens".

// WriteError answers with the JSON error shape {"error":{"code","message"}}.
// Extra routes mounted on the router use it to answer the same way.
func WriteError(w http.ResponseWriter, e *Error) {
	writeJSON(w, e.Status, struct {
		Error *Error `json:"error"`
	}{e})
}

// writeJSON writes v compactly; HTML characters stay as they are, because
// drafts are full of «» and quotes that the page shows as text anyway.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away: nothing left to tell it
}

var (
	errNotFound = errorf(http.StatusNotFound, CodeNotFound,
		"Такой страницы нет. Проверка текста — POST /api/v1/check, список правил — /api/v1/rules.")
	errInternal = errorf(http.StatusInternalServerError, CodeInternal,
		"Внутренняя ошибка сервера. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.")
)
