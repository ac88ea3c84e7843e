package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gorilla/mux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
)

func init() {
	// Bodies the library has no decoder for are plain strings here.
	for _, ct := range []string{"text/markdown", "text/html", "text/css", "text/javascript", "image/svg+xml"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
}

// loadSpec loads the document the server serves and validates it.
func loadSpec(t *testing.T, s *api.Server) (*openapi3.T, routers.Router) {
	t.Helper()
	w := do(s, call{method: "GET", path: "/api/v1/openapi.yaml"}.request())
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "application/yaml", w.Header().Get("Content-Type"))
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(w.Body.Bytes())
	require.NoError(t, err)
	require.NoError(t, doc.Validate(loader.Context))
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	return doc, router
}

// TestOpenAPIMatchesResponses sends real requests and validates each
// request and the server's real answer against the document.
func TestOpenAPIMatchesResponses(t *testing.T) {
	const token = "k3y-0123456789abcdef"
	open, _ := newServer(t, api.Options{MaxBody: 4096})
	locked, _ := newServer(t, api.Options{Token: token})
	big, _ := newServer(t, api.Options{MaxBody: 64 << 10}) // room for the office fixtures
	docx, odt, html := doc(t, "reply.docx"), doc(t, "reply.odt"), doc(t, "reply.html")
	doc, router := loadSpec(t, open)
	text := letter(t)
	auth := map[string]string{"Authorization": "Bearer " + token}
	tests := []struct {
		name     string
		s        *api.Server
		c        call
		status   int
		validReq bool // the request itself follows the document
	}{
		{"check json", open, call{path: "/api/v1/check", ctype: "application/json",
			body: jsonBody(t, map[string]any{"text": text, "format": "text", "profile": "public",
				"enable": []string{"vague"}, "disable": []string{"test-phone"}, "options": map[string]int{"maxSentenceWords": 20}})}, 200, true},
		{"check json minimal", open, call{path: "/api/v1/check", ctype: "application/json", body: `{"text":"Добрый день."}`}, 200, true},
		{"check markdown", open, call{path: "/api/v1/check?profile=official&enable=jargon&enable=vague&disable=test-phone&maxSentenceWords=12",
			ctype: "text/markdown", body: "# Ответ\n\nДанный вопрос **решён** в ближайшее время.\n"}, 200, true},
		{"check text", open, call{path: "/api/v1/check", ctype: "text/plain; charset=utf-8", body: text}, 200, true},
		{"check with token", locked, call{path: "/api/v1/check", ctype: "text/plain", body: text, header: auth}, 200, true},
		{"upload docx", big, upload(t, "/api/v1/check?disable=test-phone", file("reply.docx", docx), field("profile", "official"),
			field("enable", "test-vague"), field("enable", "sentence-length"), field("disable", "test-panic"), field("maxSentenceWords", "12")), 200, true},
		{"upload odt", big, upload(t, "", file("reply.odt", odt)), 200, true},
		{"upload html", big, upload(t, "", file("reply.html", html)), 200, true},
		{"upload text", big, upload(t, "", file("ответ.txt", []byte(text))), 200, true},
		{"raw docx", big, call{path: "/api/v1/check?profile=citizen", ctype: api.TypeDOCX, body: string(docx)}, 200, true},
		{"raw odt", big, call{path: "/api/v1/check", ctype: api.TypeODT, body: string(odt)}, 200, true},
		{"raw html", big, call{path: "/api/v1/check?maxSentenceWords=10", ctype: "text/html; charset=utf-8", body: string(html)}, 200, true},
		{"upload encrypted", big, upload(t, "", file("ответ.docx", []byte(cfb))), 422, true},
		{"upload corrupt", big, upload(t, "", file("ответ.docx", docx[:1000])), 422, true},
		{"raw docx that is html", big, call{path: "/api/v1/check", ctype: api.TypeDOCX, body: string(html)}, 422, true},
		{"upload pdf", big, upload(t, "", file("ответ.pdf", []byte("%PDF-1.7\n"))), 415, true},
		{"upload empty document", big, upload(t, "", file("ответ.docx", miniDOCX(t, " "))), 400, true},
		{"upload without file", big, upload(t, "", field("profile", "citizen")), 400, false},
		{"upload unknown field", big, upload(t, "", file("ответ.docx", docx), field("text", "а")), 400, false},
		{"upload too large", open, upload(t, "", file("reply.docx", docx)), 413, true},
		{"bad json", open, call{path: "/api/v1/check", ctype: "application/json", body: `{"text":`}, 400, false},
		{"unknown field", open, call{path: "/api/v1/check", ctype: "application/json", body: `{"text":"а","x":1}`}, 400, false},
		{"unknown rule", open, call{path: "/api/v1/check", ctype: "application/json", body: `{"text":"а","enable":["nope"]}`}, 400, true},
		{"unknown profile", open, call{path: "/api/v1/check?profile=boss", ctype: "text/plain", body: "а"}, 400, false},
		{"invalid utf-8", open, call{path: "/api/v1/check", ctype: "text/plain", body: "\xff\xfe"}, 400, true},
		{"empty text", open, call{path: "/api/v1/check", ctype: "application/json", body: `{"text":"  "}`}, 400, true},
		{"too large", open, call{path: "/api/v1/check", ctype: "text/plain", body: strings.Repeat("ы", 2049)}, 413, true},
		{"wrong type", open, call{path: "/api/v1/check", ctype: "text/csv", body: "а,б"}, 415, false},
		{"missing token", locked, call{path: "/api/v1/check", ctype: "text/plain", body: "а"}, 401, true},
		{"wrong token", locked, call{method: "GET", path: "/api/v1/rules", header: map[string]string{"Authorization": "Bearer nope"}}, 401, true},
		{"panic", open, call{path: "/api/v1/check", ctype: "text/plain", body: "ПАНИКА"}, 500, true},
		{"rules", open, call{method: "GET", path: "/api/v1/rules"}, 200, true},
		{"rule", open, call{method: "GET", path: "/api/v1/rules/test-jargon"}, 200, true},
		{"rule of sentences", open, call{method: "GET", path: "/api/v1/rules/sentence-length"}, 200, true},
		{"unknown rule id", open, call{method: "GET", path: "/api/v1/rules/nope"}, 404, true},
		{"spec", open, call{method: "GET", path: "/api/v1/openapi.yaml"}, 200, true},
		{"health", locked, call{method: "GET", path: "/healthz"}, 200, true},
		{"page", locked, call{method: "GET", path: "/"}, 200, true},
		{"rules page", locked, call{method: "GET", path: "/rules"}, 200, true},
		{"script", locked, call{method: "GET", path: "/static/app.js"}, 200, true},
		{"style", open, call{method: "GET", path: "/static/style.css"}, 200, true},
		{"icon", open, call{method: "GET", path: "/static/favicon.svg"}, 200, true},
		{"no such file", open, call{method: "GET", path: "/static/nope.css"}, 404, true},
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			req := tt.c.request()
			route, params, err := router.FindRoute(req)
			require.NoError(t, err)
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
			if err := openapi3filter.ValidateRequest(ctx, in); tt.validReq {
				require.NoError(t, err)
			} else {
				require.Error(t, err, "the document must reject what the server rejects")
			}
			w := do(tt.s, tt.c.request())
			require.Equal(t, tt.status, w.Code, w.Body.String())
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code,
				Header: w.Header(), Body: io.NopCloser(w.Body), Options: opts}
			require.NoError(t, openapi3filter.ValidateResponse(ctx, out))
		})
	}

	// Paths and methods the document has no route for still answer its
	// error shape.
	errSchema := doc.Components.Schemas["ErrorBody"].Value
	for _, c := range []call{{method: "GET", path: "/api/v1/nope"}, {method: "DELETE", path: "/api/v1/check"}} {
		w := do(open, c.request())
		var v any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v))
		require.NoError(t, errSchema.VisitJSON(v), c.path)
	}
}

// TestOpenAPICoversRoutes: every route the server has is in the document
// and every operation in the document is served.
func TestOpenAPICoversRoutes(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	doc, _ := loadSpec(t, s)
	var served []string
	require.NoError(t, s.Router().Walk(func(r *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := r.GetPathTemplate()
		if err != nil {
			return err
		}
		if tpl == "/static/" {
			tpl = "/static/{file}"
		}
		ms, err := r.GetMethods()
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m != http.MethodHead {
				served = append(served, m+" "+tpl)
			}
		}
		return nil
	}))
	var documented []string
	for path, item := range doc.Paths.Map() {
		for m := range item.Operations() {
			documented = append(documented, m+" "+path)
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	assert.Equal(t, documented, served)
}
