package lt

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Errors are LanguageTool's: plain text «Error: <its English sentence>»
// with its status; a Russian sentence for the clerk follows.
func TestCheckErrors(t *testing.T) {
	r := testRouter(t, Options{MaxBody: 4096, MaxTextLength: 100})
	long := strings.Repeat("д", 101)
	tests := []struct {
		name   string
		method string
		target string
		body   string
		status int
		prefix string
	}{
		{"text and data", "POST", "/v2/check", form("language", "ru", "text", "а", "data", `{"text":"а"}`),
			400, "Error: Set only 'text' or 'data' parameter, not both."},
		{"neither", "POST", "/v2/check", form("language", "ru"), 400, "Error: Missing 'text' or 'data' parameter."},
		{"no language", "POST", "/v2/check", form("text", "а"), 400,
			"Error: Missing 'language' parameter, e.g. 'language=en-US' for American English or 'language=fr' for French."},
		{"blank language", "POST", "/v2/check", form("text", "а", "language", " "), 400, "Error: Missing 'language' parameter"},
		{"other language", "POST", "/v2/check", form("text", "a", "language", "en-US"), 400,
			"Error: 'en-US' is not a language code known to LanguageTool. Supported language codes are: ru, ru-RU."},
		{"old enabled", "POST", "/v2/check", form("text", "а", "language", "ru", "enabled", "x"), 400,
			"Error: You specified 'enabled' but the parameter is now called 'enabledRules' in v2 of the API."},
		{"old autodetect", "GET", "/v2/check?" + form("text", "а", "language", "ru", "autodetect", "1"), "", 400,
			"Error: You specified 'autodetect'"},
		{"preferredVariants without auto", "POST", "/v2/check", form("text", "а", "language", "ru", "preferredVariants", "ru-RU"), 400,
			"Error: You specified 'preferredVariants' but you didn't specify 'language=auto'."},
		{"preferredVariants without dash", "POST", "/v2/check", form("text", "а", "language", "auto", "preferredVariants", "ru"), 400,
			"Error: Invalid format for 'preferredVariants', expected a dash as in 'en-GB': 'ru'."},
		{"enabledOnly with disabled", "POST", "/v2/check", form("text", "а", "language", "ru", "enabledOnly", "true",
			"enabledRules", "jargon", "disabledRules", "vague"), 400,
			"Error: You cannot specify disabled rules or categories using enabledOnly=true."},
		{"enabledOnly alone", "POST", "/v2/check", form("text", "а", "language", "ru", "enabledOnly", "true"), 400,
			"Error: You must specify enabled rules or categories when using enabledOnly=true."},
		{"bad data", "POST", "/v2/check", form("language", "ru", "data", "{"), 400,
			"Error: Could not parse JSON from 'data' parameter."},
		{"bad level", "POST", "/v2/check", form("language", "ru", "text", "а", "level", "strict"), 400, "Error: Unknown 'level'"},
		{"bad profile", "POST", "/v2/check", form("language", "ru", "text", "а", "profile", "boss"), 400, "Error: Unknown 'profile'"},
		{"bad escape in body", "POST", "/v2/check", "language=ru&text=%zz", 400, "Error: Could not decode"},
		{"bad escape in query", "POST", "/v2/check?text=%zz", form("language", "ru"), 400, "Error: Could not decode"},
		{"text too long", "POST", "/v2/check", form("language", "ru", "text", long), 413,
			"Error: Your text exceeds the limit of 100 characters (it's 101 characters). Please submit a shorter text."},
		{"emoji counts twice", "POST", "/v2/check", form("language", "ru", "text", strings.Repeat("😀", 51)), 413,
			"Error: Your text exceeds the limit of 100 characters (it's 102 characters)."},
		{"body too large", "POST", "/v2/check", form("language", "ru", "text", strings.Repeat("д", 3000)), 413,
			"Error: Your request exceeds the limit of 4096 bytes."},
		{"unknown action", "GET", "/v2/words", "", 404, "Error: Unsupported action: 'words'."},
		{"bare /v2", "GET", "/v2", "", 404, "Error: Unsupported action: ''."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, r, tt.method, tt.target, "application/x-www-form-urlencoded", tt.body)
			assert.Equal(t, tt.status, w.Code)
			assert.Equal(t, "text/plain; charset=utf-8", w.Header().Get("Content-Type"))
			assert.True(t, strings.HasPrefix(w.Body.String(), tt.prefix), "got %q", w.Body.String())
			assert.NotContains(t, w.Body.String(), "дддд", "errors never quote the text")
		})
	}
}

// Requests a client may send that must still succeed.
func TestCheckAccepts(t *testing.T) {
	r := testRouter(t, Options{})
	tests := []struct {
		name string
		body string
	}{
		{"language ru", form("language", "ru", "text", "а")},
		{"language in lower case", form("language", "ru-ru", "text", "а")},
		{"language auto with variants", form("language", "auto", "text", "а", "preferredVariants", "en-GB, de-AT")},
		{"unknown parameters", form("language", "ru", "text", "а", "useragent", "x", "allowIncompleteResults", "true", "mode", "all")},
		{"motherTongue of any language", form("language", "ru", "text", "а", "motherTongue", "en-US")},
		{"enabledOnly false with disabled", form("language", "ru", "text", "а", "enabledOnly", "false", "disabledRules", "jargon")},
		{"data with text", form("language", "ru", "data", `{"text":"а"}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", tt.body)
			assert.Equal(t, http.StatusOK, w.Code, w.Body.String())
		})
	}
}
