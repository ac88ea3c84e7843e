package lt

import (
	"encoding/json"
	"net/http"
	"testing"
	"unicode/utf16"
)

// FuzzCheck: whatever a client sends, the answer is a LanguageTool status,
// never a panic, and every match lies inside the text.
func FuzzCheck(f *testing.F) {
	f.Add("language=ru&text=%D0%92+%D1%86%D0%B5%D0%BB%D1%8F%D1%85+%F0%9F%98%80")
	f.Add(form("language", "ru", "data", `{"annotation":[{"text":"в "},{"markup":"**"},{"text":"целях"},{"markup":"<p>","interpretAs":"\n\n"}]}`))
	f.Add(form("language", "auto", "data", `{"annotation":[{"markup":"😀","interpretAs":"в целях"},{"text":"x"}]}`))
	f.Add("language=ru&text=%zz")
	f.Add(form("language", "ru", "text", "\r\n\r\nв целях\r", "enabledOnly", "true", "enabledRules", "jargon"))
	r := testRouter(f, Options{MaxTextLength: 5000, MaxBody: 1 << 16})
	f.Fuzz(func(t *testing.T, body string) {
		w := do(t, r, http.MethodPost, "/v2/check", "", body)
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			return
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		var resp response
		if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		p := map[string]string{}
		_ = parseForm(body, p)
		var n int
		if d, ok := p["data"]; ok {
			in, err := parseData(d)
			if err != nil {
				t.Fatal(err)
			}
			n = len(in.orig)
		} else {
			n = len(utf16.Encode([]rune(p["text"])))
		}
		for _, m := range resp.Matches {
			if m.Offset < 0 || m.Length < 0 || m.Offset+m.Length > n {
				t.Fatalf("match %s [%d,+%d) outside %d units", m.Rule.ID, m.Offset, m.Length, n)
			}
			if m.Context.Offset < 0 || m.Context.Offset+m.Context.Length > len(utf16.Encode([]rune(m.Context.Text))) {
				t.Fatalf("context of %s out of range", m.Rule.ID)
			}
		}
	})
}
