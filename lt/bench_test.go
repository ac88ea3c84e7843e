package lt

import (
	"net/http"
	"os"
	"testing"

	"github.com/gorilla/mux"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// BenchmarkCheckRealRules measures one /v2/check of the bad reply with the
// real rules, the protocol's cost included: parameters, offsets, context.
func BenchmarkCheckRealRules(b *testing.B) {
	real, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	r := mux.NewRouter()
	Mount(r, real, linter.Settings{}, Options{})
	text, err := os.ReadFile("../examples/bad-reply.txt")
	if err != nil {
		b.Fatal(err)
	}
	body := form("language", "ru-RU", "text", string(text))
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		if w := do(b, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", body); w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}
