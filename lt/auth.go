package lt

import (
	"bytes"
	"io"
	"net/http"
)

// APIKey returns the key a LanguageTool client sends as the apiKey
// parameter (LibreOffice and Obsidian send it with username when both are
// set), from the query or a POST body. LanguageTool clients cannot send an
// «Authorization: Bearer» header, so a token check in front of /v2 may take
// this instead. It reads at most limit bytes of the body and puts them
// back, so the handler still reads the whole body and still sees one that
// is too large.
func APIKey(r *http.Request, limit int64) string {
	p := map[string]string{}
	if r.Method == http.MethodPost && r.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(r.Body, limit))
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
		_ = parseForm(string(b), p)
	}
	_ = parseForm(r.URL.RawQuery, p)
	return p["apiKey"]
}
