package lt

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/linter"
)

// Mounted on the API server the routes get its logging, CORS and token
// check, and the answer keeps its exact Content-Type.
func TestMountedOnAPIServer(t *testing.T) {
	testRouter(t, Options{}) // loads the registry
	const token = "lt-test-token-0123456789"
	srv, err := api.New(reg, api.Options{Token: token})
	require.NoError(t, err)
	Mount(srv.Router(), srv.Registry(), srv.Settings(), Options{})

	send := func(auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/v2/check",
			strings.NewReader(form("language", "ru-RU", "text", letter)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Host = "yasno.test:8080"
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w
	}
	assert.Equal(t, http.StatusUnauthorized, send("").Code, "the token is required on /v2 too")
	w := send("Bearer " + token)
	byRule := checkAnswer(t, w, letter)
	firstAt(t, byRule, "jargon", letter, "в целях")

	// Without a token the server is open, as LanguageTool is.
	open, err := api.New(reg, api.Options{Settings: linter.Settings{Disable: []string{"vague"}}})
	require.NoError(t, err)
	Mount(open.Router(), open.Registry(), open.Settings(), Options{})
	req := httptest.NewRequest(http.MethodGet, "/v2/check?"+form("language", "ru", "text", letter), nil)
	req.Host = "yasno.test:8080"
	rec := httptest.NewRecorder()
	open.ServeHTTP(rec, req)
	byRule = checkAnswer(t, rec, letter)
	assert.Empty(t, byRule["vague"], "the organisation's settings apply")
	req = httptest.NewRequest(http.MethodGet, "/v2/nothing", nil)
	rec = httptest.NewRecorder()
	open.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.True(t, strings.HasPrefix(rec.Body.String(), "Error: Unsupported action"), "LanguageTool's 404, not the API's")
}
