package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// The API tests run on a fixed registry: a few stub rules written here and
// the reference sentence-length rule. Rules written by others change often;
// the API's contract must not move with them.

// wordRule flags single words from a list and offers the replacement.
type wordRule struct {
	meta  *linter.Meta
	words map[string]string // norm -> replacement
	msg   string
}

func (r wordRule) Meta() *linter.Meta { return r.meta }

func (r wordRule) Check(c *linter.Context) {
	for i := range c.Doc.Tokens {
		t := &c.Doc.Tokens[i]
		if t.Kind != linter.Word {
			continue
		}
		if rep, ok := r.words[c.Doc.Norm(t)]; ok {
			if t.Is(linter.Title) {
				rep = strings.ToUpper(rep[:2]) + rep[2:] // Cyrillic letters are two bytes
			}
			c.Report(int(t.Start), int(t.End), r.msg, rep)
		}
	}
}

// phraseRule flags a run of words (by Norm) with no suggestion.
type phraseRule struct {
	meta   *linter.Meta
	phrase []string
	msg    string
}

func (r phraseRule) Meta() *linter.Meta { return r.meta }

func (r phraseRule) Check(c *linter.Context) {
	toks := c.Doc.Tokens
	var words []int
	for i := range toks {
		if toks[i].Kind == linter.Word {
			words = append(words, i)
		}
	}
	for i := 0; i+len(r.phrase) <= len(words); i++ {
		ok := true
		for k, w := range r.phrase {
			if c.Doc.Norm(&toks[words[i+k]]) != w {
				ok = false
				break
			}
		}
		if ok {
			c.Report(int(toks[words[i]].Start), int(toks[words[i+len(r.phrase)-1]].End), r.msg)
		}
	}
}

// phoneRule is a document finding: no «тел.» means no phone.
type phoneRule struct{}

var phoneMeta = &linter.Meta{ID: "test-phone", Category: linter.CatExecutorPhone, Severity: linter.Error,
	Description: "Нет телефона исполнителя", Explanation: "Укажите телефон исполнителя.", Clause: "п. 3.1",
	Examples: []linter.Example{{Bad: "Исп. Петрова А.С.", Good: "Исп. Петрова Анна Сергеевна, тел. 44-18-20"}}}

func (phoneRule) Meta() *linter.Meta { return phoneMeta }

func (phoneRule) Check(c *linter.Context) {
	for i := range c.Doc.Tokens {
		if c.Doc.Norm(&c.Doc.Tokens[i]) == "тел" {
			return
		}
	}
	c.Report(0, 0, "Нет телефона исполнителя. Укажите его в конце письма: «тел. 8 (8512) 44-18-20».")
}

// panicRule panics on a marker word, with the text in the panic value, to
// prove the log never gets it.
type panicRule struct{}

var panicMeta = &linter.Meta{ID: "test-panic", Category: linter.CatReadability, Severity: linter.Info,
	Description: "Паника для теста", Explanation: "Только для тестов.", Clause: "п. 2.5"}

func (panicRule) Meta() *linter.Meta { return panicMeta }

func (panicRule) Check(c *linter.Context) {
	if strings.Contains(c.Doc.Text, "ПАНИКА") {
		panic("сломалось на тексте: " + c.Doc.Text)
	}
	if strings.Contains(c.Doc.Text, "ИНДЕКС") {
		var a []int
		_ = a[len(c.Doc.Text)] // a runtime error
	}
}

var jargonMeta = &linter.Meta{ID: "test-jargon", Category: linter.CatJargon, Severity: linter.Warning,
	Description: "Канцелярское слово", Explanation: "Пишите просто: «этот» вместо «данный».", Clause: "п. 2.5",
	Examples: []linter.Example{{Bad: "Данный вопрос решён.", Good: "Этот вопрос решён."}},
	Profiles: map[linter.Profile]linter.Severity{linter.Official: linter.Info}}

var vagueMeta = &linter.Meta{ID: "test-vague", Category: linter.CatVague, Severity: linter.Warning,
	Description: "Обещание без срока", Explanation: "Назовите дату.", Clause: "п. 2.3",
	Examples: []linter.Example{{Bad: "Сделаем в ближайшее время.", Good: "Сделаем до 15 декабря."}}}

var (
	regOnce sync.Once
	testReg *linter.Registry
	regErr  error
)

// testRegistry is the fixed rule set of the API tests.
func testRegistry(t testing.TB) *linter.Registry {
	t.Helper()
	regOnce.Do(func() {
		def, err := rules.Default()
		if err != nil {
			regErr = err
			return
		}
		sl, ok := def.Rule("sentence-length")
		if !ok {
			regErr = io.ErrUnexpectedEOF
			return
		}
		testReg, regErr = linter.NewRegistry(sl,
			wordRule{meta: jargonMeta, msg: "Канцелярит: напишите проще.", words: map[string]string{
				"данный": "этот", "данного": "этого", "данном": "этом", "данная": "эта", "данной": "этой",
				"вышеуказанный": "этот", "вышеуказанные": "эти", "вышеуказанного": "этого", "осуществлен": "проведён",
				// In the office fixtures (testdata/docs/reply.*): the body and a table cell.
				"мониторинг": "наблюдение", "целях": "интересах"}},
			phraseRule{meta: vagueMeta, phrase: []string{"в", "ближайшее", "время"},
				msg: "Обещание без срока: назовите дату, к которой всё будет сделано."},
			phoneRule{}, panicRule{})
	})
	require.NoError(t, regErr)
	return testReg
}

// newServer builds a server on the test registry with a captured log.
func newServer(t testing.TB, o api.Options) (*api.Server, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	}
	s, err := api.New(testRegistry(t), o)
	require.NoError(t, err)
	require.NoError(t, s.Warm())
	return s, logs
}

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// call is one request in a table test.
type call struct {
	method, path, ctype string
	body                string
	header              map[string]string
}

func (c call) request() *http.Request {
	m := c.method
	if m == "" {
		m = http.MethodPost
	}
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	r := httptest.NewRequest(m, c.path, body)
	if c.ctype != "" {
		r.Header.Set("Content-Type", c.ctype)
	}
	for k, v := range c.header {
		r.Header.Set(k, v)
	}
	return r
}

func do(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// errorBody is the JSON error shape.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func decodeError(t *testing.T, w *httptest.ResponseRecorder) errorBody {
	t.Helper()
	var e errorBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &e), w.Body.String())
	require.NotEmpty(t, e.Error.Code)
	require.NotEmpty(t, e.Error.Message)
	return e
}

func jsonBody(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
