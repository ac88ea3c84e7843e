package lt

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseForm(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string]string
		wantErr bool
	}{
		{"plus is space", "text=%D0%B2+%D1%86%D0%B5%D0%BB%D1%8F%D1%85&language=ru", map[string]string{"text": "в целях", "language": "ru"}, false},
		{"literal semicolon kept", "text=a;b&x=1", map[string]string{"text": "a;b", "x": "1"}, false},
		{"later key wins", "a=1&a=2", map[string]string{"a": "2"}, false},
		{"empty pairs skipped", "&&a=1&", map[string]string{"a": "1"}, false},
		{"key without value", "enabledOnly", map[string]string{"enabledOnly": ""}, false},
		{"invalid utf-8 replaced", "text=%FF", map[string]string{"text": "\uFFFD"}, false},
		{"bad escape", "text=%zz", map[string]string{}, true},
		{"empty", "", map[string]string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]string{}
			err := parseForm(tt.in, m)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, m)
		})
	}
}

func TestParseData(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		plain     string
		orig      string
		wantError string
	}{
		{"text", `{"text":"Привет 😀"}`, "Привет 😀", "Привет 😀", ""},
		{"text with metaData", `{"text":"а","metaData":{"EmailToAddress":"x"}}`, "а", "а", ""},
		{"annotation", `{"annotation":[{"text":"А "},{"markup":"<b>"},{"text":"б"},{"markup":"</b>"},{"markup":"<p>","interpretAs":"\n\n"},{"text":"в"}]}`,
			"А б\n\nв", "А <b>б</b><p>в", ""},
		{"null interpretAs", `{"annotation":[{"markup":"**","interpretAs":null},{"text":"а"}]}`, "а", "**а", ""},
		{"extra keys ignored", `{"annotation":[{"text":"а","offset":{"start":0,"end":1}}]}`, "а", "а", ""},
		{"empty annotation", `{"annotation":[]}`, "", "", ""},
		{"not json", `{"text":`, "", "", "Could not parse JSON from 'data' parameter"},
		{"array", `[]`, "", "", "Could not parse JSON from 'data' parameter"},
		{"both", `{"text":"а","annotation":[]}`, "", "", "'data' key in JSON requires either 'text' or 'annotation' key, not both"},
		{"neither", `{"foo":1}`, "", "", "'data' key in JSON requires 'text' or 'annotation' key"},
		{"text and markup", `{"annotation":[{"text":"а","markup":"b"}]}`, "", "", "Only either 'text' or 'markup'"},
		{"text and interpretAs", `{"annotation":[{"text":"а","interpretAs":"b"}]}`, "", "", "'text' cannot be used with 'interpretAs'"},
		{"empty item", `{"annotation":[{}]}`, "", "", "Only 'text' and 'markup' are supported"},
		{"number text", `{"annotation":[{"text":5}]}`, "", "", "must be strings"},
		{"annotation not list", `{"annotation":{"text":"а"}}`, "", "", "must be a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := parseData(tt.data)
			if tt.wantError != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantError)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.plain, in.plain)
			assert.Equal(t, tt.orig, string(utf16.Decode(in.orig)))
		})
	}
}

func TestToOrig(t *testing.T) {
	// Plain «А б\n\nв», original «А <b>б</b><p>в».
	in, err := parseData(`{"annotation":[{"text":"А "},{"markup":"<b>"},{"text":"б"},{"markup":"</b>"},{"markup":"<p>","interpretAs":"\n\n"},{"text":"в"}]}`)
	require.NoError(t, err)
	tests := []struct {
		name  string
		plain int
		end   bool
		want  int
	}{
		{"start of text", 0, false, 0},
		{"start after markup goes past it", 2, false, 5},
		{"end before markup stays before it", 2, true, 2},
		{"end of bold word stays inside", 3, true, 6},
		{"start in interpretAs goes before markup", 4, false, 10},
		{"end in interpretAs goes after markup", 4, true, 13},
		{"start after interpretAs", 5, false, 13},
		{"end of text", 6, true, 14},
		{"past the end", 99, true, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, in.toOrig(tt.plain, tt.end))
		})
	}
	plain := plainInput("abc")
	assert.Equal(t, 2, plain.toOrig(2, true), "plain text maps to itself")
}

func TestContext(t *testing.T) {
	long := strings.Repeat("д", 50)
	tests := []struct {
		name     string
		text     string
		from, to int
		want     matchContext
	}{
		{"short text, no cut", "в целях", 0, 7, matchContext{"в целях", 0, 7}},
		{"line breaks become spaces", "а\r\nб\nв", 3, 4, matchContext{"а  б в", 3, 1}},
		{"cut both sides", long + "X" + long, 50, 51,
			matchContext{"..." + strings.Repeat("д", 40) + "X" + strings.Repeat("д", 40) + "...", 43, 1}},
		// 39 letters, then an emoji whose second half is the 40th unit
		// before the finding: the context must not start inside the pair.
		{"no half surrogate at the start", "😀" + strings.Repeat("д", 39) + "X", 41, 42,
			matchContext{"..." + strings.Repeat("д", 39) + "X", 42, 1}},
		{"no half surrogate at the end", "X" + strings.Repeat("д", 39) + "😀д", 0, 1,
			matchContext{"X" + strings.Repeat("д", 39) + "😀...", 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := contextAround(utf16.Encode([]rune(tt.text)), tt.from, tt.to)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAPIKeyLeavesBodyIntact(t *testing.T) {
	body := "text=%D0%B0&username=clerk&apiKey=secret-key"
	r := httptest.NewRequest(http.MethodPost, "/v2/check?c=1", strings.NewReader(body))
	assert.Equal(t, "secret-key", APIKey(r, 1<<20))
	rest, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(rest), "the handler must read the same body")

	r = httptest.NewRequest(http.MethodGet, "/v2/check?apiKey=q&text=a", nil)
	assert.Equal(t, "q", APIKey(r, 1<<20), "GET carries it in the query")
	r = httptest.NewRequest(http.MethodPost, "/v2/check", strings.NewReader("text=a"))
	assert.Equal(t, "", APIKey(r, 1<<20), "no key")
	r = httptest.NewRequest(http.MethodPost, "/v2/check", strings.NewReader("apiKey=late"))
	assert.Equal(t, "", APIKey(r, 3), "beyond the limit it is not read")
}
