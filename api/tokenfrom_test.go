package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/yasno/yasno/api"
)

// TestTokenFrom: a client that cannot send the Authorization header (a
// LanguageTool editor sends apiKey) is let in only with the right key.
func TestTokenFrom(t *testing.T) {
	const token = "0123456789abcdef-secret"
	s, _ := newServer(t, api.Options{Token: token, TokenFrom: func(r *http.Request) string {
		return r.URL.Query().Get("apiKey")
	}})
	s.Router().HandleFunc("/v2/ping", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, c := range []struct {
		name, query string
		want        int
	}{
		{"no key", "", http.StatusUnauthorized},
		{"wrong key", "?apiKey=wrong", http.StatusUnauthorized},
		{"right key", "?apiKey=" + token, http.StatusNoContent},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v2/ping"+c.query, strings.NewReader("")))
			assert.Equal(t, c.want, rec.Code)
		})
	}
}
