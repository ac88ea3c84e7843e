package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

var (
	regOnce sync.Once
	testReg *linter.Registry
	regErr  error
)

// fixtureRegistry is the registry of the fixture rules, built once.
func fixtureRegistry(t testing.TB) *linter.Registry {
	t.Helper()
	regOnce.Do(func() { testReg, regErr = linter.NewRegistry(fixtureRules()...) })
	require.NoError(t, regErr)
	return testReg
}

// fakeTimers stand in for time.AfterFunc: nothing fires until the test
// says so, so the debounce is tested without waiting.
type fakeTimers struct {
	mu      sync.Mutex
	pending []*fakeTimer
}

type fakeTimer struct {
	f       func()
	stopped bool
}

func (ft *fakeTimers) afterFunc(_ time.Duration, f func()) func() bool {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	t := &fakeTimer{f: f}
	ft.pending = append(ft.pending, t)
	return func() bool {
		ft.mu.Lock()
		defer ft.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// live counts timers neither stopped nor fired.
func (ft *fakeTimers) live() int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	n := 0
	for _, t := range ft.pending {
		if !t.stopped {
			n++
		}
	}
	return n
}

// fire runs the live timers, as if the pause had passed.
func (ft *fakeTimers) fire() {
	ft.mu.Lock()
	var due []func()
	for _, t := range ft.pending {
		if !t.stopped {
			t.stopped = true
			due = append(due, t.f)
		}
	}
	ft.mu.Unlock()
	for _, f := range due {
		f()
	}
}

// client drives a server over pipes, as an editor would.
type client struct {
	t      *testing.T
	in     *io.PipeWriter
	msgs   chan map[string]any
	done   chan error
	timers *fakeTimers
	nextID int
	// backlog keeps notifications a call read past, for next.
	backlog []map[string]any
}

func newClient(t *testing.T, o Options) *client {
	t.Helper()
	if o.Registry == nil {
		o.Registry = fixtureRegistry(t)
	}
	c := &client{t: t, msgs: make(chan map[string]any, 256), done: make(chan error, 1), timers: &fakeTimers{}}
	o.afterFunc = c.timers.afterFunc
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c.in = inW
	go func() {
		c.done <- Serve(context.Background(), inR, outW, o)
		_ = outW.Close()
	}()
	go func() {
		br := bufio.NewReader(outR)
		for {
			b, err := readMessage(br)
			if err != nil {
				close(c.msgs)
				return
			}
			var m map[string]any
			if json.Unmarshal(b, &m) == nil {
				c.msgs <- m
			}
		}
	}()
	t.Cleanup(func() { _ = inW.Close() })
	return c
}

func (c *client) sendRaw(body string) {
	c.t.Helper()
	_, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	require.NoError(c.t, err)
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	b, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
	require.NoError(c.t, err)
	c.sendRaw(string(b))
}

// call sends a request and returns its response and every message the
// server sent before it, in order.
func (c *client) call(method string, params any) (resp map[string]any, before []map[string]any) {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	b, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	require.NoError(c.t, err)
	c.sendRaw(string(b))
	for m := range c.msgs {
		if m["id"] == float64(id) && m["method"] == nil {
			return m, before
		}
		before = append(before, m)
		c.backlog = append(c.backlog, m)
	}
	c.t.Fatalf("server closed before answering %s", method)
	return nil, nil
}

// next returns the next message with the method, first among those a
// call passed over.
func (c *client) next(method string) map[string]any {
	c.t.Helper()
	for i, m := range c.backlog {
		if m["method"] == method {
			c.backlog = append(c.backlog[:i:i], c.backlog[i+1:]...)
			return m
		}
	}
	for m := range c.msgs {
		if m["method"] == method {
			return m
		}
	}
	c.t.Fatalf("server closed before %s", method)
	return nil
}

func (c *client) initialize(opts any) map[string]any {
	c.t.Helper()
	resp, _ := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{},
		"initializationOptions": opts})
	c.notify("initialized", map[string]any{})
	return resp
}

func (c *client) open(uri, lang, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": lang, "version": 1, "text": text}})
}

// diag is a published diagnostic, flattened for assertions.
type diag struct {
	Code                      string
	Severity                  int
	Line, Char, EndLine, EndC int
	Href, Source, Message     string
}

func diags(t *testing.T, pub map[string]any) []diag {
	t.Helper()
	params := pub["params"].(map[string]any)
	var out []diag
	for _, x := range params["diagnostics"].([]any) {
		m := x.(map[string]any)
		r := m["range"].(map[string]any)
		s, e := r["start"].(map[string]any), r["end"].(map[string]any)
		out = append(out, diag{Code: m["code"].(string), Severity: int(m["severity"].(float64)),
			Line: int(s["line"].(float64)), Char: int(s["character"].(float64)),
			EndLine: int(e["line"].(float64)), EndC: int(e["character"].(float64)),
			Href: m["codeDescription"].(map[string]any)["href"].(string), Source: m["source"].(string),
			Message: m["message"].(string)})
	}
	return out
}

func find(ds []diag, code string) []diag {
	var out []diag
	for _, d := range ds {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// The draft: line 2 has an emoji before «в целях», so the UTF-16
// character (2 for the emoji) differs from runes and bytes.
const draft = "Уважаемый Андрей Петрович!\n\n" +
	"😀 Сообщаем, что в целях проверки был направлен запрос. Работы выполнят в ближайшее время.\n\n" +
	"Исп. Белова К.Д.\n"

func TestLifecycleAndErrors(t *testing.T) {
	c := newClient(t, Options{Version: "9.9"})
	resp, _ := c.call("textDocument/hover", map[string]any{})
	assert.Equal(t, float64(codeNotInitialized), resp["error"].(map[string]any)["code"], "before initialize")

	resp = c.initialize(nil)
	res := resp["result"].(map[string]any)
	caps := res["capabilities"].(map[string]any)
	assert.Equal(t, map[string]any{"openClose": true, "change": float64(2), "save": map[string]any{"includeText": true}},
		caps["textDocumentSync"])
	assert.Equal(t, true, caps["hoverProvider"])
	assert.Equal(t, map[string]any{"codeActionKinds": []any{"quickfix"}}, caps["codeActionProvider"])
	assert.Equal(t, map[string]any{"name": "yasno", "version": "9.9"}, res["serverInfo"])

	resp, _ = c.call("initialize", map[string]any{})
	assert.Equal(t, float64(codeInvalidRequest), resp["error"].(map[string]any)["code"], "twice")

	resp, _ = c.call("textDocument/definition", map[string]any{})
	assert.Equal(t, float64(codeMethodNotFound), resp["error"].(map[string]any)["code"])
	resp, _ = c.call("$/someRequest", map[string]any{})
	assert.Equal(t, float64(codeMethodNotFound), resp["error"].(map[string]any)["code"], "$/ requests too")

	resp, _ = c.call("textDocument/hover", "not an object")
	assert.Equal(t, float64(codeInvalidParams), resp["error"].(map[string]any)["code"])

	// A parse error answers with id null and the server goes on.
	c.sendRaw(`{"jsonrpc":"2.0","id":`)
	m := <-c.msgs
	assert.Nil(t, m["id"])
	assert.Equal(t, float64(codeParseError), m["error"].(map[string]any)["code"])
	c.sendRaw(`{"jsonrpc":"2.0"}`)
	m = <-c.msgs
	assert.Equal(t, float64(codeInvalidRequest), m["error"].(map[string]any)["code"], "no method")

	// Cancellation and unknown notifications are ignored: no answer at all.
	c.notify("$/cancelRequest", map[string]any{"id": 1})
	c.notify("$/setTrace", map[string]any{"value": "off"})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{})
	resp, before := c.call("shutdown", nil)
	assert.Empty(t, before, "nothing answered the notifications")
	assert.Contains(t, resp, "result")
	assert.Nil(t, resp["result"])

	resp, _ = c.call("textDocument/hover", map[string]any{})
	assert.Equal(t, float64(codeInvalidRequest), resp["error"].(map[string]any)["code"], "after shutdown")
	c.notify("exit", nil)
	assert.NoError(t, <-c.done)
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	c.notify("exit", nil)
	assert.ErrorIs(t, <-c.done, ErrNoShutdown)

	c = newClient(t, Options{})
	c.initialize(nil)
	require.NoError(t, c.in.Close())
	assert.ErrorIs(t, <-c.done, ErrNoShutdown, "input ended")

	c = newClient(t, Options{})
	c.sendRaw("") // an empty frame is not JSON
	_, _ = fmt.Fprint(c.in, "garbage\r\n\r\n")
	err := <-c.done
	assert.ErrorIs(t, err, errFraming, "a broken header ends the session")
}

func TestPublishOnOpen(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	c.open("file:///tmp/draft.txt", "plaintext", draft)
	pub := c.next("textDocument/publishDiagnostics")
	assert.Equal(t, "file:///tmp/draft.txt", pub["params"].(map[string]any)["uri"])
	assert.Equal(t, float64(1), pub["params"].(map[string]any)["version"])
	ds := diags(t, pub)

	j := find(ds, "jargon")
	require.Len(t, j, 1)
	// «😀 Сообщаем, что » is 2+1+9+1+3+1 = 17 UTF-16 units.
	assert.Equal(t, diag{Code: "jargon", Severity: severityWarning, Line: 2, Char: 17, EndLine: 2, EndC: 24,
		Href: DefaultRulesURL + "#jargon", Source: "yasno", Message: j[0].Message}, j[0])
	assert.Equal(t, "Канцелярит: «в целях» → «чтобы». (п. 2.5)", j[0].Message, "with the clause")

	ph := find(ds, "executor-phone")
	require.Len(t, ph, 1)
	assert.Equal(t, severityError, ph[0].Severity)
	assert.Equal(t, 4, ph[0].Line)
	assert.NotEmpty(t, find(ds, "vague"))

	// Other languages are not checked.
	c.open("file:///tmp/main.go", "go", draft)
	resp, before := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/main.go"},
		"position": map[string]any{"line": 2, "character": 18}})
	assert.Empty(t, before, "no diagnostics for Go")
	assert.Nil(t, resp["result"])
}

func TestSeverityMapping(t *testing.T) {
	assert.Equal(t, 1, severity(linter.Error))
	assert.Equal(t, 2, severity(linter.Warning))
	assert.Equal(t, 3, severity(linter.Info))
}

func TestMarkdownAndTextLanguageIDs(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	md := "# Ответ\n\nСообщаем, что `в целях` и **в целях** проверки.\n"
	c.open("file:///tmp/a.md", "markdown", md)
	ds := diags(t, c.next("textDocument/publishDiagnostics"))
	j := find(ds, "jargon")
	require.Len(t, j, 1, "code spans are skipped")
	assert.Equal(t, Position{2, 28}, Position{j[0].Line, j[0].Char}, "after «**», in the Markdown source")

	c.open("file:///tmp/b.txt", "text", "Сообщаем, что в целях проверки.") // Neovim's name
	assert.NotEmpty(t, find(diags(t, c.next("textDocument/publishDiagnostics")), "jargon"))
}

func TestIncrementalChangeDebounced(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/draft.txt"
	c.open(uri, "plaintext", draft)
	c.next("textDocument/publishDiagnostics")

	// Type « в целях» after «запрос» on line 2, in two changes.
	change := func(version int, line, ch int, text string) {
		c.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": map[string]any{"line": line, "character": ch},
					"end": map[string]any{"line": line, "character": ch}},
				"text": text}}})
	}
	col := utf16Count("😀 Сообщаем, что в целях проверки был направлен запрос")
	change(2, 2, col, " в")
	change(3, 2, col+utf16Count(" в"), " целях")
	_, before := c.call("textDocument/definition", map[string]any{}) // a barrier
	assert.Empty(t, before, "nothing is published while the pause lasts")
	assert.Equal(t, 1, c.timers.live(), "the second change restarted the pause")

	c.timers.fire()
	pub := c.next("textDocument/publishDiagnostics")
	assert.Equal(t, float64(3), pub["params"].(map[string]any)["version"])
	j := find(diags(t, pub), "jargon")
	require.Len(t, j, 2, "the new «в целях»")
	assert.Equal(t, Position{2, col + 1}, Position{j[1].Line, j[1].Char})

	// A change replacing a range across lines, then a full replacement.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 4},
		"contentChanges": []any{
			map[string]any{"range": map[string]any{"start": map[string]any{"line": 0, "character": 0},
				"end": map[string]any{"line": 2, "character": 0}}, "text": ""},
			map[string]any{"text": "Сообщаем, что в целях проверки."},
		}})
	c.call("textDocument/definition", map[string]any{}) // the change is in
	c.timers.fire()
	pub = c.next("textDocument/publishDiagnostics")
	j = find(diags(t, pub), "jargon")
	require.Len(t, j, 1)
	assert.Equal(t, Position{0, 14}, Position{j[0].Line, j[0].Char})
}

func TestSaveChecksAtOnce(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/draft.txt"
	c.open(uri, "plaintext", "Всё ясно.")
	c.next("textDocument/publishDiagnostics")
	text := "Сообщаем, что в целях проверки."
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}, "text": text})
	assert.NotEmpty(t, find(diags(t, c.next("textDocument/publishDiagnostics")), "jargon"))

	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	pub := c.next("textDocument/publishDiagnostics")
	assert.Empty(t, diags(t, pub), "closing clears the diagnostics")
}

func TestCodeActionQuickFix(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/draft.txt"
	c.open(uri, "plaintext", draft)
	c.next("textDocument/publishDiagnostics")

	at := func(line, ch int) map[string]any { return map[string]any{"line": line, "character": ch} }
	resp, _ := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": at(2, 18), "end": at(2, 18)},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	actions := resp["result"].([]any)
	require.Len(t, actions, 2, "«чтобы» and «для»")
	a := actions[0].(map[string]any)
	assert.Equal(t, "Заменить «в целях» на «чтобы»", a["title"])
	assert.Equal(t, "quickfix", a["kind"])
	assert.Equal(t, true, a["isPreferred"])
	assert.Equal(t, "jargon", a["diagnostics"].([]any)[0].(map[string]any)["code"])
	edits := a["edit"].(map[string]any)["changes"].(map[string]any)[uri].([]any)
	require.Len(t, edits, 1)
	e := edits[0].(map[string]any)
	assert.Equal(t, "чтобы", e["newText"])
	r := e["range"].(map[string]any)
	assert.Equal(t, map[string]any{"line": float64(2), "character": float64(17)}, r["start"])
	assert.Equal(t, map[string]any{"line": float64(2), "character": float64(24)}, r["end"])

	// Applying the edit as an editor would gives the fixed text.
	li := newLineIndex(draft)
	s := li.offset(draft, Position{2, 17})
	en := li.offset(draft, Position{2, 24})
	assert.Contains(t, draft[:s]+"чтобы"+draft[en:], "😀 Сообщаем, что чтобы проверки")

	resp, _ = c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": at(2, 18), "end": at(2, 18)},
		"context":      map[string]any{"diagnostics": []any{}, "only": []any{"refactor"}},
	})
	assert.Empty(t, resp["result"], "only refactorings asked")

	resp, _ = c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": at(0, 0), "end": at(0, 3)},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	assert.Empty(t, resp["result"], "nothing to fix on the greeting")

	// After a change still in its pause, the fix fits the new text.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": at(2, 0), "end": at(2, 0)},
			"text": "Итак, "}}})
	resp, before := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": at(2, 25), "end": at(2, 25)},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	require.Len(t, before, 1, "checked and published first")
	actions = resp["result"].([]any)
	require.NotEmpty(t, actions)
	r = actions[0].(map[string]any)["edit"].(map[string]any)["changes"].(map[string]any)[uri].([]any)[0].(map[string]any)["range"].(map[string]any)
	assert.Equal(t, map[string]any{"line": float64(2), "character": float64(23)}, r["start"])
}

func TestHover(t *testing.T) {
	c := newClient(t, Options{RulesURL: "https://yasno.example.ru/rules"})
	c.initialize(nil)
	uri := "file:///tmp/draft.txt"
	c.open(uri, "plaintext", draft)
	c.next("textDocument/publishDiagnostics")
	resp, _ := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": 2, "character": 20}})
	h := resp["result"].(map[string]any)
	content := h["contents"].(map[string]any)
	assert.Equal(t, "markdown", content["kind"])
	v := content["value"].(string)
	assert.Contains(t, v, "**Описание правила jargon** · `jargon` · п. 2.5")
	assert.Contains(t, v, "Канцелярит: «в целях» → «чтобы».")
	assert.Contains(t, v, "Объяснение правила jargon")
	assert.Contains(t, v, "Основание: п. 2.5 регламента.")
	assert.Contains(t, v, "(https://yasno.example.ru/rules#jargon)")
	assert.Equal(t, map[string]any{"start": map[string]any{"line": float64(2), "character": float64(17)},
		"end": map[string]any{"line": float64(2), "character": float64(24)}}, h["range"])

	resp, _ = c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": 0, "character": 2}})
	assert.Nil(t, resp["result"], "no finding on the greeting")
	resp, _ = c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///nope"},
		"position": map[string]any{"line": 0, "character": 0}})
	assert.Nil(t, resp["result"], "unknown document")
}

func TestConfiguration(t *testing.T) {
	c := newClient(t, Options{})
	c.initialize(map[string]any{"yasno": map[string]any{"profile": "citizen", "disable": []string{"jargon", "no-such-rule"},
		"rulesUrl": "https://intra.example.ru/rules/"}})
	msg := c.next("window/showMessage")
	assert.Equal(t, float64(messageWarning), msg["params"].(map[string]any)["type"])
	assert.Contains(t, msg["params"].(map[string]any)["message"], "no-such-rule")

	uri := "file:///tmp/draft.txt"
	c.open(uri, "plaintext", draft)
	ds := diags(t, c.next("textDocument/publishDiagnostics"))
	assert.Empty(t, find(ds, "jargon"), "disabled in initializationOptions")
	require.NotEmpty(t, find(ds, "vague"))
	assert.Equal(t, "https://intra.example.ru/rules#vague", find(ds, "vague")[0].Href)

	// The official profile makes jargon a hint (information).
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{
		"yasno": map[string]any{"profile": "official"}}})
	ds = diags(t, c.next("textDocument/publishDiagnostics"))
	j := find(ds, "jargon")
	require.NotEmpty(t, j, "enabled again, all open documents rechecked")
	assert.Equal(t, severityInformation, j[0].Severity)
	assert.Equal(t, DefaultRulesURL+"#jargon", j[0].Href)

	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"profile": "boss"}})
	msg = c.next("window/showMessage")
	assert.Contains(t, msg["params"].(map[string]any)["message"], "boss")
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": "строка"})
	msg = c.next("window/showMessage")
	assert.Contains(t, msg["params"].(map[string]any)["message"], "настройки не прочитаны")
}

func TestOrganisationSettings(t *testing.T) {
	c := newClient(t, Options{Settings: linter.Settings{Disable: []string{"vague"}}})
	c.initialize(map[string]any{"yasno": map[string]any{"enable": []string{}}})
	c.open("file:///tmp/d.txt", "plaintext", draft)
	ds := diags(t, c.next("textDocument/publishDiagnostics"))
	assert.Empty(t, find(ds, "vague"), "yasno.yaml's disable holds")
	assert.NotEmpty(t, find(ds, "jargon"))
}
