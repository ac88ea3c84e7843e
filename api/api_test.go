package api_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// secret is a word sent in texts, queries and headers; it must never reach
// the log or an error message.
const secret = "Секретослово"

func letter(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "letter.txt"))
	require.NoError(t, err)
	return string(b)
}

func TestCheckGolden(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	text := letter(t)
	tests := []struct {
		name string
		c    call
	}{
		{"json_citizen", call{path: "/api/v1/check", ctype: "application/json",
			body: jsonBody(t, map[string]any{"text": text, "profile": "citizen"})}},
		{"json_official_options", call{path: "/api/v1/check", ctype: "application/json",
			body: jsonBody(t, map[string]any{"text": text, "profile": "official", "disable": []string{"test-phone"},
				"options": map[string]int{"maxSentenceWords": 15}})}},
		{"markdown_public_query", call{path: "/api/v1/check?profile=public&enable=vague&disable=test-phone,test-panic&maxSentenceWords=20",
			ctype: "text/markdown; charset=utf-8", body: text}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(s, tt.c.request())
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			var pretty bytes.Buffer
			require.NoError(t, json.Indent(&pretty, w.Body.Bytes(), "", "  "))
			golden := filepath.Join("testdata", tt.name+".golden.json")
			if *update {
				require.NoError(t, os.WriteFile(golden, pretty.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run: go test ./api -run TestCheckGolden -update")
			assert.Equal(t, string(want), pretty.String())
		})
	}
}

// TestCheckContract decodes the answer into the CLI's own types and checks
// that UTF-16 offsets cut out exactly the finding's text in a JS string.
func TestCheckContract(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	text := letter(t)
	w := do(s, call{path: "/api/v1/check", ctype: "text/plain", body: text}.request())
	require.Equal(t, http.StatusOK, w.Code)
	var rep output.Report
	dec := json.NewDecoder(w.Body)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&rep))
	require.Len(t, rep.Files, 1)
	f := rep.Files[0]
	assert.Equal(t, api.RequestPath, f.Path)
	assert.Equal(t, "text", string(f.Format))
	assert.Equal(t, "citizen", string(f.Profile))
	u := utf16.Encode([]rune(text))
	cats := map[string]int{}
	for _, fd := range f.Findings {
		cats[string(fd.Category)]++
		assert.Equal(t, fd.Text, string(utf16.Decode(u[fd.StartChar:fd.EndChar])), fd.Rule)
		assert.Equal(t, fd.Text, text[fd.Start.Offset:fd.End.Offset], fd.Rule)
		assert.NotEmpty(t, fd.Clause)
	}
	assert.Equal(t, map[string]int{"jargon": 4, "vague": 1, "sentence-length": 1, "executor-phone": 1}, cats)
	assert.Positive(t, f.Stats.Words)
	assert.Positive(t, f.Stats.LongestSentence)
}

func TestCheckSilent(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	clean := "Уважаемая Анна Сергеевна!\n\nМы проверили дом. Кровлю отремонтируют до 15 декабря.\n\nИсп. Орлова Елена Николаевна, тел. 8 (8512) 44-18-20\n"
	for _, c := range []call{
		{path: "/api/v1/check", ctype: "application/json", body: jsonBody(t, map[string]string{"text": clean})},
		{path: "/api/v1/check", ctype: "text/plain; charset=UTF-8", body: clean},
		{path: "/api/v1/check?disable=jargon", ctype: "text/plain", body: "Данный вопрос решён. Тел. 44-18-20-11"},
	} {
		w := do(s, c.request())
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		var rep output.Report
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &rep))
		assert.Empty(t, rep.Files[0].Findings, c.path)
		assert.Contains(t, w.Body.String(), `"findings":[]`)
	}
}

func TestCheckErrors(t *testing.T) {
	s, logs := newServer(t, api.Options{MaxBody: 4096})
	long := func(n int) string { return strings.Repeat("а", n/2) + strings.Repeat("!", n%2) }
	tests := []struct {
		name   string
		c      call
		status int
		code   string
	}{
		{"malformed json", call{ctype: "application/json", body: `{"text": "` + secret}, 400, api.CodeBadJSON},
		{"not json", call{ctype: "application/json", body: `текст ` + secret}, 400, api.CodeBadJSON},
		{"trailing data", call{ctype: "application/json", body: `{"text":"а"} {"text":"б"}`}, 400, api.CodeBadJSON},
		{"empty body", call{ctype: "application/json"}, 400, api.CodeBadJSON},
		{"unknown field", call{ctype: "application/json", body: `{"text":"` + secret + `","lang":"ru"}`}, 400, api.CodeUnknownField},
		{"unknown nested field", call{ctype: "application/json", body: `{"text":"а","options":{"maxWords":3}}`}, 400, api.CodeUnknownField},
		{"wrong type", call{ctype: "application/json", body: `{"text":5}`}, 400, api.CodeBadField},
		{"wrong option type", call{ctype: "application/json", body: `{"text":"а","options":{"maxSentenceWords":"много"}}`}, 400, api.CodeBadField},
		{"unknown rule", call{ctype: "application/json", body: `{"text":"` + secret + `","enable":["no-such-rule"]}`}, 400, api.CodeUnknownRule},
		{"unknown rule in query", call{path: "/api/v1/check?disable=nope", ctype: "text/plain", body: secret}, 400, api.CodeUnknownRule},
		{"unknown profile", call{ctype: "application/json", body: `{"text":"а","profile":"boss"}`}, 400, api.CodeUnknownProfile},
		{"unknown profile in query", call{path: "/api/v1/check?profile=boss", ctype: "text/plain", body: "а"}, 400, api.CodeUnknownProfile},
		{"bad format", call{ctype: "application/json", body: `{"text":"а","format":"docx"}`}, 400, api.CodeBadFormat},
		{"negative option", call{ctype: "application/json", body: `{"text":"а","options":{"maxSentenceWords":-1}}`}, 400, api.CodeBadOption},
		{"bad query number", call{path: "/api/v1/check?maxSentenceWords=x", ctype: "text/plain", body: "а"}, 400, api.CodeBadOption},
		{"invalid utf-8 in json", call{ctype: "application/json", body: "{\"text\":\"" + secret + "\xff\xfe\"}"}, 400, api.CodeInvalidUTF8},
		{"invalid utf-8 raw", call{ctype: "text/plain", body: secret + "\xc3\x28"}, 400, api.CodeInvalidUTF8},
		{"windows-1251 bytes raw", call{ctype: "text/plain", body: "\xcf\xf0\xe8\xe2\xe5\xf2"}, 400, api.CodeInvalidUTF8},
		{"empty text", call{ctype: "application/json", body: `{"text":""}`}, 400, api.CodeEmptyText},
		{"missing text", call{ctype: "application/json", body: `{"profile":"citizen"}`}, 400, api.CodeEmptyText},
		{"null body", call{ctype: "application/json", body: `null`}, 400, api.CodeEmptyText},
		{"blank text", call{ctype: "application/json", body: `{"text":" \n\t\u00a0 "}`}, 400, api.CodeEmptyText},
		{"blank raw", call{ctype: "text/markdown", body: "\n\n  \n"}, 400, api.CodeEmptyText},
		{"nul bytes", call{ctype: "application/json", body: `{"text":"` + secret + `\u0000\u0000"}`}, 400, api.CodeBadInput},
		{"query with json", call{path: "/api/v1/check?profile=public", ctype: "application/json", body: `{"text":"а"}`}, 400, api.CodeUnknownParameter},
		{"unknown query", call{path: "/api/v1/check?text=" + secret, ctype: "text/plain", body: "а"}, 400, api.CodeUnknownParameter},
		{"form content type", call{ctype: "application/x-www-form-urlencoded", body: "text=" + secret}, 415, api.CodeUnsupportedType},
		{"no content type", call{body: `{"text":"а"}`}, 415, api.CodeUnsupportedType},
		{"pdf", call{ctype: "application/pdf", body: "%PDF-1.7"}, 415, api.CodeUnsupportedType},
		{"old word", call{ctype: "application/msword", body: "\xD0\xCF\x11\xE0"}, 415, api.CodeUnsupportedType},
		{"bad content type", call{ctype: "text/plain; charset", body: "а"}, 415, api.CodeUnsupportedType},
		{"other charset", call{ctype: "text/plain; charset=windows-1251", body: "а"}, 415, api.CodeUnsupportedType},
		{"one byte over the limit", call{ctype: "text/plain", body: long(4097)}, 413, api.CodeTooLarge},
		{"far over the limit", call{ctype: "application/json", body: `{"text":"` + long(1<<20) + `"}`}, 413, api.CodeTooLarge},
		{"unknown path", call{method: "GET", path: "/api/v1/nope"}, 404, api.CodeNotFound},
		{"unknown page", call{method: "GET", path: "/" + secret}, 404, api.CodeNotFound},
		{"unknown static", call{method: "GET", path: "/static/nope.js"}, 404, api.CodeNotFound},
		{"static dir", call{method: "GET", path: "/static/"}, 404, api.CodeNotFound},
		{"unknown rule id", call{method: "GET", path: "/api/v1/rules/no-such-rule"}, 404, api.CodeNotFound},
		{"get check", call{method: "GET", path: "/api/v1/check"}, 405, api.CodeMethodNotAllowed},
		{"post rules", call{method: "POST", path: "/api/v1/rules", ctype: "application/json", body: "{}"}, 405, api.CodeMethodNotAllowed},
		{"delete page", call{method: "DELETE", path: "/"}, 405, api.CodeMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.c.path == "" {
				tt.c.path = "/api/v1/check"
			}
			w := do(s, tt.c.request())
			require.Equal(t, tt.status, w.Code, w.Body.String())
			e := decodeError(t, w)
			assert.Equal(t, tt.code, e.Error.Code)
			assert.NotContains(t, e.Error.Message, secret, "an error message quotes the text")
			assert.NotContains(t, e.Error.Message, "json:", "an engineer's message leaked")
			assert.Regexp(t, `[А-Яа-я]`, e.Error.Message, "messages are in Russian")
		})
	}
	assert.NotContains(t, logs.String(), secret)
	assert.NotContains(t, logs.String(), `"status":500`)
}

func TestMethodNotAllowedHeader(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	s.Router().HandleFunc("/v2/check", func(w http.ResponseWriter, _ *http.Request) {}).Methods(http.MethodPost)
	tests := []struct{ method, path, allow string }{
		{"GET", "/api/v1/check", "POST, OPTIONS"},
		{"PUT", "/api/v1/rules", "GET, HEAD, OPTIONS"},
		{"POST", "/api/v1/rules/sentence-length", "GET, HEAD, OPTIONS"},
		{"DELETE", "/healthz", "GET, HEAD, OPTIONS"},
		{"GET", "/v2/check", "POST, OPTIONS"},
	}
	for _, tt := range tests {
		w := do(s, call{method: tt.method, path: tt.path}.request())
		assert.Equal(t, http.StatusMethodNotAllowed, w.Code, tt.path)
		assert.Equal(t, tt.allow, w.Header().Get("Allow"), tt.path)
	}
	// A plain OPTIONS (not a CORS preflight) lists the methods.
	w := do(s, call{method: "OPTIONS", path: "/api/v1/check"}.request())
	assert.Equal(t, http.StatusNoContent, w.Code)
	assert.Equal(t, "POST, OPTIONS", w.Header().Get("Allow"))
}

// TestBodyLimit: a body exactly at the limit passes, one byte more is 413.
func TestBodyLimit(t *testing.T) {
	const limit = 2048
	s, _ := newServer(t, api.Options{MaxBody: limit})
	wrap := func(n int) string {
		pre, post := `{"text":"`, `"}`
		text := strings.Repeat("Дом. ", n) // 9 bytes each
		body := pre + text + post
		for len(body) < limit {
			body = pre + text + strings.Repeat("я", (limit-len(body))/2) + strings.Repeat(" ", (limit-len(body))%2) + post
		}
		return body
	}
	body := wrap(200)
	require.Len(t, body, limit)
	w := do(s, call{path: "/api/v1/check", ctype: "application/json", body: body}.request())
	assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
	w = do(s, call{path: "/api/v1/check", ctype: "application/json", body: body + " "}.request())
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Equal(t, api.CodeTooLarge, decodeError(t, w).Error.Code)
	assert.Contains(t, decodeError(t, w).Error.Message, "2 КБ")

	raw := strings.Repeat("ж", limit/2)
	w = do(s, call{path: "/api/v1/check", ctype: "text/plain", body: raw}.request())
	assert.Equal(t, http.StatusOK, w.Code)
	w = do(s, call{path: "/api/v1/check", ctype: "text/plain", body: raw + "!"}.request())
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)

	// A chunked body (length unknown) is cut while reading.
	for _, tt := range []struct {
		body string
		want int
	}{{raw, http.StatusOK}, {raw + "!", http.StatusRequestEntityTooLarge}} {
		r := call{path: "/api/v1/check", ctype: "text/plain"}.request()
		r.Body = io.NopCloser(strings.NewReader(tt.body))
		r.ContentLength = -1
		assert.Equal(t, tt.want, do(s, r).Code)
	}

	// A body shorter than its Content-Length is a bad request, not a
	// check of what arrived.
	r := call{path: "/api/v1/check", ctype: "text/plain"}.request()
	r.Body = io.NopCloser(strings.NewReader("Дом."))
	r.ContentLength = 100
	w = do(s, r)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Equal(t, api.CodeBadInput, decodeError(t, w).Error.Code)
}

func TestAuth(t *testing.T) {
	const token = "k3y-0123456789abcdef"
	s, logs := newServer(t, api.Options{Token: token})
	s.Router().HandleFunc("/v2/check", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	}).Methods(http.MethodPost)
	check := call{path: "/api/v1/check", ctype: "text/plain", body: "Проверка " + secret}
	tests := []struct {
		name   string
		c      call
		auth   string
		status int
		wwwErr bool
	}{
		{"missing token", check, "", 401, false},
		{"wrong scheme", check, "Basic " + token, 401, false},
		{"wrong token", check, "Bearer wrong-0123456789abcdef", 401, true},
		{"token prefix", check, "Bearer " + token[:len(token)-1], 401, true},
		{"right token", check, "Bearer " + token, 200, false},
		{"lower-case scheme", check, "bearer " + token, 200, false},
		{"rules need it", call{method: "GET", path: "/api/v1/rules"}, "", 401, false},
		{"spec needs it", call{method: "GET", path: "/api/v1/openapi.yaml"}, "", 401, false},
		{"unknown api path needs it", call{method: "GET", path: "/api/v1/nope"}, "", 401, false},
		{"mounted route needs it", call{path: "/v2/check"}, "", 401, false},
		{"mounted route with token", call{path: "/v2/check"}, "Bearer " + token, 200, false},
		{"page is open", call{method: "GET", path: "/"}, "", 200, false},
		{"rules page is open", call{method: "GET", path: "/rules"}, "", 200, false},
		{"static is open", call{method: "GET", path: "/static/style.css"}, "", 200, false},
		{"no way round through static", call{method: "GET", path: "/static/../api/v1/rules"}, "", 401, false},
		{"nor with an encoded dot", call{method: "GET", path: "/static/%2e%2e/api/v1/rules"}, "", 401, false},
		{"health is open", call{method: "GET", path: "/healthz"}, "", 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.c.request()
			if tt.auth != "" {
				r.Header.Set("Authorization", tt.auth)
			}
			w := do(s, r)
			require.Equal(t, tt.status, w.Code, w.Body.String())
			if tt.status != 401 {
				return
			}
			h := w.Header().Get("WWW-Authenticate")
			assert.True(t, strings.HasPrefix(h, "Bearer "), h)
			assert.Equal(t, tt.wwwErr, strings.Contains(h, "invalid_token"), h)
			assert.Equal(t, api.CodeUnauthorized, decodeError(t, w).Error.Code)
		})
	}
	assert.NotContains(t, logs.String(), token)
	assert.NotContains(t, logs.String(), secret)
}

func TestCORS(t *testing.T) {
	const good, bad = "https://addin.example.ru", "https://evil.example.com"
	s, _ := newServer(t, api.Options{CORSOrigins: []string{good, "http://localhost:3000/"}, Token: "k3y-0123456789abcdef"})
	preflight := func(origin string) *http.Request {
		r := call{method: "OPTIONS", path: "/api/v1/check"}.request()
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "POST")
		r.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		return r
	}
	t.Run("allowed preflight", func(t *testing.T) {
		w := do(s, preflight(good))
		require.Equal(t, http.StatusNoContent, w.Code)
		assert.Equal(t, good, w.Header().Get("Access-Control-Allow-Origin"))
		assert.Contains(t, w.Header().Get("Access-Control-Allow-Methods"), "POST")
		assert.Contains(t, w.Header().Get("Access-Control-Allow-Headers"), "Authorization")
		assert.Contains(t, w.Header().Get("Access-Control-Allow-Headers"), "Content-Type")
		assert.Contains(t, w.Header().Values("Vary"), "Origin")
		assert.Empty(t, w.Body.String())
	})
	t.Run("allowed origin with a trailing slash in the list", func(t *testing.T) {
		w := do(s, preflight("http://localhost:3000"))
		require.Equal(t, http.StatusNoContent, w.Code)
	})
	t.Run("refused preflight", func(t *testing.T) {
		w := do(s, preflight(bad))
		require.Equal(t, http.StatusForbidden, w.Code)
		assert.Equal(t, api.CodeForbiddenOrigin, decodeError(t, w).Error.Code)
		for k := range w.Header() {
			assert.False(t, strings.HasPrefix(k, "Access-Control-"), k)
		}
	})
	for _, tt := range []struct {
		origin, want string
	}{{good, good}, {bad, ""}} {
		t.Run("request from "+tt.origin, func(t *testing.T) {
			r := call{path: "/api/v1/check", ctype: "text/plain", body: "Проверка."}.request()
			r.Header.Set("Origin", tt.origin)
			r.Header.Set("Authorization", "Bearer k3y-0123456789abcdef")
			w := do(s, r)
			require.Equal(t, http.StatusOK, w.Code)
			assert.Equal(t, tt.want, w.Header().Get("Access-Control-Allow-Origin"))
			assert.Contains(t, w.Header().Values("Vary"), "Origin")
		})
	}
	t.Run("no origin, no CORS headers", func(t *testing.T) {
		w := do(s, call{method: "GET", path: "/healthz"}.request())
		assert.Empty(t, w.Header().Get("Access-Control-Allow-Origin"))
	})
}

func TestPanicIsA500(t *testing.T) {
	s, logs := newServer(t, api.Options{})
	s.Router().HandleFunc("/v2/boom", func(http.ResponseWriter, *http.Request) { panic("boom " + secret) })
	for _, c := range []call{
		{path: "/api/v1/check", ctype: "text/plain", body: "ПАНИКА " + secret},
		{path: "/api/v1/check", ctype: "application/json", body: jsonBody(t, map[string]string{"text": "ИНДЕКС " + secret})},
		{method: "GET", path: "/v2/boom"},
	} {
		w := do(s, c.request())
		require.Equal(t, http.StatusInternalServerError, w.Code)
		e := decodeError(t, w)
		assert.Equal(t, api.CodeInternal, e.Error.Code)
		assert.NotContains(t, e.Error.Message, secret)
	}
	log := logs.String()
	assert.Equal(t, 3, strings.Count(log, `"msg":"panic"`), log)
	assert.Contains(t, log, "index out of range", "a runtime error is logged as is")
	assert.Contains(t, log, `"panic":"string"`, "other panic values are logged by type only")
	assert.Equal(t, 3, strings.Count(log, `"status":500`))
	assert.NotContains(t, log, secret)
	assert.NotContains(t, log, "ПАНИКА")
}

// TestAccessLog: one structured line per request with method, path,
// status, bytes and duration, and never the text, the query or the token.
func TestAccessLog(t *testing.T) {
	s, logs := newServer(t, api.Options{Token: "k3y-0123456789abcdef"})
	auth := map[string]string{"Authorization": "Bearer k3y-0123456789abcdef", "X-Note": secret}
	for _, c := range []call{
		{path: "/api/v1/check", ctype: "application/json", header: auth,
			body: jsonBody(t, map[string]any{"text": "Данный вопрос " + secret + " решён в ближайшее время."})},
		{path: "/api/v1/check?profile=public&enable=" + secret, ctype: "text/plain", header: auth, body: secret},
		{path: "/api/v1/check?profile=public&maxSentenceWords=10", ctype: "text/plain", header: auth, body: "Текст " + secret + "."},
		{path: "/api/v1/check", ctype: "text/plain", header: auth, body: secret + "\xff"},
		{path: "/api/v1/check", ctype: "text/plain", body: secret},
		{method: "GET", path: "/?q=" + secret},
	} {
		do(s, c.request())
	}
	out := logs.String()
	assert.NotContains(t, out, secret)
	assert.NotContains(t, out, "profile=public")
	assert.NotContains(t, out, "k3y-0123456789abcdef")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 6)
	statuses := []int{200, 400, 200, 400, 401, 200}
	for i, l := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &rec), l)
		assert.Equal(t, "request", rec["msg"])
		assert.Contains(t, []string{"GET", "POST"}, rec["method"])
		assert.Contains(t, []string{"/", "/api/v1/check"}, rec["path"])
		assert.Equal(t, float64(statuses[i]), rec["status"], l)
		assert.Positive(t, rec["bytes"], l)
		assert.Contains(t, rec, "duration")
	}
}

func TestRulesEndpoints(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	w := do(s, call{method: "GET", path: "/api/v1/rules"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	var list api.RuleList
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &list))
	ids := []string{}
	for _, r := range list.Rules {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"sentence-length", "test-jargon", "test-panic", "test-phone", "test-vague"}, ids)
	assert.Len(t, list.Categories, 14)
	assert.Len(t, list.Profiles, 3)

	w = do(s, call{method: "GET", path: "/api/v1/rules/test-jargon"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	var r api.RuleInfo
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &r))
	assert.Equal(t, "jargon", string(r.Category))
	assert.Equal(t, "Канцелярит", r.CategoryName)
	assert.Equal(t, "п. 2.5", r.Clause)
	assert.Equal(t, "/rules#test-jargon", r.URL)
	assert.Equal(t, "Данный вопрос решён.", r.Examples[0].Bad)
	assert.Equal(t, "info", string(r.Profiles["official"]))
	assert.Equal(t, "warning", string(r.Profiles["citizen"]))
	assert.NotEmpty(t, r.Explanation)

	w = do(s, call{method: "HEAD", path: "/api/v1/rules/test-jargon"}.request())
	assert.Equal(t, http.StatusOK, w.Code)
}

func TestPages(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	w := do(s, call{method: "GET", path: "/"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	page := w.Body.String()
	assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"))
	assert.Contains(t, w.Header().Get("Content-Security-Policy"), "script-src 'self'")
	assert.Contains(t, page, `<html lang="ru">`)
	assert.Contains(t, page, `"name":"Канцелярит"`, "category names are embedded for the script")
	assert.NotContains(t, page, "http://", "no CDN")
	assert.NotContains(t, page, "https://", "no CDN")

	w = do(s, call{method: "GET", path: "/rules"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	rp := w.Body.String()
	for _, id := range []string{"sentence-length", "test-jargon", "test-vague", "test-phone"} {
		assert.Contains(t, rp, `id="`+id+`"`, "anchor /rules#"+id)
	}
	assert.Contains(t, rp, "Данный вопрос решён.")
	assert.Contains(t, rp, "п. 2.3")

	etag := ""
	for _, f := range []struct{ path, ctype string }{
		{"/static/app.js", "text/javascript; charset=utf-8"},
		{"/static/style.css", "text/css; charset=utf-8"},
		{"/static/favicon.svg", "image/svg+xml"},
	} {
		w = do(s, call{method: "GET", path: f.path}.request())
		require.Equal(t, http.StatusOK, w.Code, f.path)
		assert.Equal(t, f.ctype, w.Header().Get("Content-Type"), f.path)
		assert.NotEmpty(t, w.Header().Get("ETag"))
		etag = w.Header().Get("ETag")
	}
	w = do(s, call{method: "GET", path: "/static/favicon.svg", header: map[string]string{"If-None-Match": etag}}.request())
	assert.Equal(t, http.StatusNotModified, w.Code)
}

func TestHealth(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	w := do(s, call{method: "GET", path: "/healthz"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"status":"ok"}`, w.Body.String())
	assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
}

func TestRouterMount(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	s.Router().HandleFunc("/v2/languages", func(w http.ResponseWriter, _ *http.Request) {
		api.WriteError(w, &api.Error{Status: http.StatusTeapot, Code: "teapot", Message: "Я чайник."})
	}).Methods(http.MethodGet)
	w := do(s, call{method: "GET", path: "/v2/languages"}.request())
	assert.Equal(t, http.StatusTeapot, w.Code)
	assert.Equal(t, "teapot", decodeError(t, w).Error.Code)
	assert.NotNil(t, s.Registry())
	var _ *mux.Router = s.Router()
}

// TestConcurrentChecks shares one server between many requests; run with
// -race it proves handlers keep no shared mutable state.
func TestConcurrentChecks(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	text := letter(t)
	want := do(s, call{path: "/api/v1/check", ctype: "text/plain", body: text}.request()).Body.String()
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := call{path: "/api/v1/check", ctype: "text/plain", body: text}
			if i%2 == 1 {
				c = call{path: "/api/v1/check", ctype: "application/json", body: jsonBody(t, map[string]string{"text": text})}
			}
			if got := do(s, c.request()).Body.String(); got != want {
				errs <- fmt.Sprintf("request %d differs", i)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkCheck(b *testing.B) {
	s, _ := newServer(b, api.Options{})
	body := jsonBody(b, map[string]string{"text": letter(b)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := do(s, call{path: "/api/v1/check", ctype: "application/json", body: body}.request())
		if w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// TestDeclaredLengthIsOnlyAPromise: a client that declares a large body
// and sends a few bytes gets a 400, and the server did not set aside the
// declared size for it.
func TestDeclaredLengthIsOnlyAPromise(t *testing.T) {
	s, _ := newServer(t, api.Options{MaxBody: 64 << 20})
	r := call{path: "/api/v1/check", ctype: "text/plain"}.request()
	r.Body = io.NopCloser(strings.NewReader("Дом."))
	r.ContentLength = 64 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	w := do(s, r)
	runtime.ReadMemStats(&after)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<20), "the declared 64 MB were allocated")
}

// TestBodyReadInPieces: a body that arrives a few bytes at a time, longer
// than the first buffer, is read whole.
func TestBodyReadInPieces(t *testing.T) {
	s, _ := newServer(t, api.Options{MaxBody: 1 << 20})
	text := strings.Repeat("Управляющая компания проверила дом. ", 3000) // ~100 KB
	r := call{path: "/api/v1/check", ctype: "text/plain"}.request()
	r.Body = io.NopCloser(iotest.HalfReader(strings.NewReader(text)))
	r.ContentLength = int64(len(text))
	w := do(s, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"words":12000`)
}

// busyRule counts the checks running at once and keeps each busy a while.
type busyRule struct{ now, most *atomic.Int32 }

var busyMeta = &linter.Meta{ID: "test-busy", Category: linter.CatJargon, Severity: linter.Info,
	Description: "Занятое правило", Explanation: "Только для теста.", Clause: "п. 2.5",
	Examples: []linter.Example{{Bad: "Текст.", Good: "Текст."}}}

func (busyRule) Meta() *linter.Meta { return busyMeta }

func (r busyRule) Check(*linter.Context) {
	n := r.now.Add(1)
	defer r.now.Add(-1)
	for {
		m := r.most.Load()
		if n <= m || r.most.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(5 * time.Millisecond)
}

// TestChecksAtOnce: Options.Checks caps the checks that run at the same
// time, whatever the number of requests, and every request is answered.
func TestChecksAtOnce(t *testing.T) {
	for _, limit := range []int{1, 2, 3} {
		var now, most atomic.Int32
		reg, err := linter.NewRegistry(busyRule{&now, &most})
		require.NoError(t, err)
		s, err := api.New(reg, api.Options{Checks: limit})
		require.NoError(t, err)
		var wg sync.WaitGroup
		codes := make(chan int, 12)
		for range 12 {
			wg.Go(func() {
				codes <- do(s, call{path: "/api/v1/check", ctype: "text/plain", body: "Дом."}.request()).Code
			})
		}
		wg.Wait()
		close(codes)
		for c := range codes {
			assert.Equal(t, http.StatusOK, c)
		}
		assert.Equal(t, int32(limit), most.Load(), "checks at once with Checks: %d", limit)
	}
}
