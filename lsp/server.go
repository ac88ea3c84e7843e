// Package lsp is yasno's Language Server Protocol front (`yasno lsp`): an
// editor that speaks LSP — Neovim, Emacs, Helix, VS Code with a generic
// client — gets yasno's findings as diagnostics, quick fixes from the
// suggestions and the rule's explanation on hover, over stdio.
//
// The JSON-RPC layer is small and hand-written: Content-Length framing,
// requests and notifications, the standard error codes. All protocol work
// happens on one goroutine, so documents need no locks; a debounce timer
// only posts the document's URI back to that goroutine.
package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/linter"
)

// DefaultRulesURL is where rule links point when nothing else is set: the
// rules page of a local `yasno serve`.
const DefaultRulesURL = "http://127.0.0.1:8080/rules"

// DefaultDebounce is how long the server waits after a change before it
// checks: typing does not start a check per key.
const DefaultDebounce = 300 * time.Millisecond

// Options configure a server.
type Options struct {
	Registry *linter.Registry
	// Settings are the organisation's (yasno.yaml); the client's settings
	// are laid over them.
	Settings linter.Settings
	// RulesURL is the rules page; a diagnostic links to RulesURL#<rule>.
	RulesURL string
	// Debounce is the pause after a change (0: DefaultDebounce).
	Debounce time.Duration
	Version  string
	// Log gets method names and counts, never the text (nil: nothing).
	Log *slog.Logger
	// afterFunc replaces time.AfterFunc in tests.
	afterFunc func(time.Duration, func()) func() bool
}

// ErrNoShutdown is returned when the client exits, or the input ends,
// without asking to shut down first: the process should exit with 1.
var ErrNoShutdown = errors.New("lsp: exit without shutdown")

// document is an open text and the findings of its last check.
type document struct {
	uri, lang string
	version   int
	text      string
	// What was last checked: the version, its text and findings. Findings'
	// byte offsets point into checkedText.
	checked     int
	checkedText string
	lines       lineIndex
	findings    []linter.Finding
	dirty       bool
}

type server struct {
	o        Options
	out      *bufio.Writer
	log      *slog.Logger
	docs     map[string]*document
	user     userSettings
	settings linter.Settings
	rulesURL string
	fire     chan string
	done     chan struct{}
	timers   map[string]func() bool

	initialized, shutdown bool
}

// Serve runs the server on in and out until the client says exit or the
// input ends. nil means a clean exit after shutdown.
func Serve(ctx context.Context, in io.Reader, out io.Writer, o Options) error {
	if o.Debounce <= 0 {
		o.Debounce = DefaultDebounce
	}
	if o.RulesURL == "" {
		o.RulesURL = DefaultRulesURL
	}
	if o.afterFunc == nil {
		o.afterFunc = func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &server{o: o, out: bufio.NewWriter(out), log: log, docs: map[string]*document{},
		rulesURL: o.RulesURL, settings: o.Settings, fire: make(chan string, 16), done: make(chan struct{}),
		timers: map[string]func() bool{}}
	defer close(s.done)

	msgs := make(chan []byte)
	errs := make(chan error, 1)
	go func() {
		br := bufio.NewReaderSize(in, 64<<10)
		for {
			b, err := readMessage(br)
			if err != nil {
				errs <- err
				return
			}
			select {
			case msgs <- b:
			case <-s.done:
				return
			}
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-errs:
			if errors.Is(err, io.EOF) {
				if s.shutdown {
					return nil
				}
				return ErrNoShutdown
			}
			log.Error("lsp: чтение сообщения", "error", err.Error())
			return err
		case uri := <-s.fire:
			delete(s.timers, uri)
			s.check(uri)
		case b := <-msgs:
			if exit, err := s.handle(b); exit {
				return err
			}
		}
	}
}

// handle dispatches one message; exit is true after the exit notification.
func (s *server) handle(b []byte) (exit bool, err error) {
	var m message
	if err := json.Unmarshal(b, &m); err != nil {
		s.replyError(json.RawMessage("null"), codeParseError, "Parse error: "+err.Error())
		return false, nil
	}
	if m.Method == "" {
		if !m.isRequest() {
			s.replyError(json.RawMessage("null"), codeInvalidRequest, "Invalid request: no method")
		}
		return false, nil // a response to a request of ours: we send none
	}
	s.log.Debug("lsp", "method", m.Method)
	if m.Method == "exit" {
		if s.shutdown {
			return true, nil
		}
		return true, ErrNoShutdown
	}
	if !m.isRequest() {
		if s.initialized && !s.shutdown || m.Method == "initialized" {
			s.notify(m.Method, m.Params)
		}
		return false, nil
	}
	switch {
	case s.shutdown:
		s.replyError(m.ID, codeInvalidRequest, "Server is shutting down")
		return false, nil
	case !s.initialized && m.Method != "initialize":
		s.replyError(m.ID, codeNotInitialized, "Server not initialized")
		return false, nil
	}
	result, rerr := s.request(m.Method, m.Params)
	if rerr != nil {
		s.replyError(m.ID, rerr.Code, rerr.Message)
		return false, nil
	}
	s.write(response{JSONRPC: "2.0", ID: m.ID, Result: result})
	return false, nil
}

func invalidParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "Invalid params: " + err.Error()}
}

// request answers a request.
func (s *server) request(method string, params json.RawMessage) (any, *rpcError) {
	switch method {
	case "initialize":
		if s.initialized {
			return nil, &rpcError{Code: codeInvalidRequest, Message: "Already initialized"}
		}
		var p initializeParams
		if err := decode(params, &p); err != nil {
			return nil, invalidParams(err)
		}
		s.initialized = true
		s.configure(p.InitializationOptions)
		return map[string]any{
			"capabilities": map[string]any{
				"textDocumentSync": map[string]any{
					"openClose": true,
					"change":    2, // incremental
					"save":      map[string]any{"includeText": true},
				},
				"hoverProvider":      true,
				"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			},
			"serverInfo": map[string]any{"name": "yasno", "version": s.o.Version},
		}, nil
	case "shutdown":
		s.shutdown = true
		for uri, stop := range s.timers {
			stop()
			delete(s.timers, uri)
		}
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := decode(params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeActions(p), nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := decode(params, &p); err != nil {
			return nil, invalidParams(err)
		}
		if h := s.hover(p); h != nil {
			return h, nil
		}
		return nil, nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "Method not found: " + clip(method, 80)}
}

// notify handles a notification; unknown ones, $/cancelRequest and
// $/setTrace included, are ignored as the protocol allows.
func (s *server) notify(method string, params json.RawMessage) {
	switch method {
	case "textDocument/didOpen":
		var p didOpenParams
		if decode(params, &p) != nil {
			return
		}
		td := p.TextDocument
		s.docs[td.URI] = &document{uri: td.URI, lang: td.LanguageID, version: td.Version, text: td.Text,
			checked: -1, dirty: true}
		s.check(td.URI)
	case "textDocument/didChange":
		var p didChangeParams
		if decode(params, &p) != nil {
			return
		}
		d := s.docs[p.TextDocument.URI]
		if d == nil {
			return
		}
		for _, c := range p.ContentChanges {
			if c.Range == nil {
				d.text = c.Text
				continue
			}
			li := newLineIndex(d.text)
			start, end := li.offset(d.text, c.Range.Start), li.offset(d.text, c.Range.End)
			if end < start {
				start, end = end, start
			}
			d.text = d.text[:start] + c.Text + d.text[end:]
		}
		d.version = p.TextDocument.Version
		d.dirty = true
		s.schedule(d.uri)
	case "textDocument/didSave":
		var p didSaveParams
		if decode(params, &p) != nil {
			return
		}
		d := s.docs[p.TextDocument.URI]
		if d == nil {
			return
		}
		if p.Text != nil && *p.Text != d.text {
			d.text = *p.Text
			d.dirty = true
		}
		s.check(d.uri)
	case "textDocument/didClose":
		var p didCloseParams
		if decode(params, &p) != nil {
			return
		}
		if stop, ok := s.timers[p.TextDocument.URI]; ok {
			stop()
			delete(s.timers, p.TextDocument.URI)
		}
		if d := s.docs[p.TextDocument.URI]; d != nil {
			delete(s.docs, d.uri)
			if checkable(d.lang) {
				s.write(notification{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics",
					Params: publishDiagnosticsParams{URI: d.uri, Diagnostics: []diagnostic{}}})
			}
		}
	case "workspace/didChangeConfiguration":
		var p didChangeConfigurationParams
		if decode(params, &p) != nil {
			return
		}
		s.configure(p.Settings)
		uris := make([]string, 0, len(s.docs))
		for uri, d := range s.docs {
			d.dirty = true
			uris = append(uris, uri)
		}
		sort.Strings(uris)
		for _, uri := range uris {
			s.check(uri)
		}
	}
}

// schedule checks a document after the debounce pause; a new change
// restarts the pause.
func (s *server) schedule(uri string) {
	if stop, ok := s.timers[uri]; ok {
		stop()
	}
	s.timers[uri] = s.o.afterFunc(s.o.Debounce, func() {
		select {
		case s.fire <- uri:
		case <-s.done:
		}
	})
}

// checkable tells the languages yasno reads: plain text and Markdown.
// Neovim names plain text «text», VS Code «plaintext».
func checkable(lang string) bool {
	_, ok := formatOf(lang)
	return ok
}

func formatOf(lang string) (linter.Format, bool) {
	switch strings.ToLower(lang) {
	case "plaintext", "text", "txt", "plain":
		return linter.Text, true
	case "markdown", "md":
		return linter.Markdown, true
	}
	return "", false
}

// check checks a document if it changed since its last check and
// publishes the diagnostics.
func (s *server) check(uri string) {
	d := s.docs[uri]
	if d == nil || !d.dirty {
		return
	}
	f, ok := formatOf(d.lang)
	if !ok {
		d.dirty = false
		return
	}
	var doc *linter.Document
	if f == linter.Markdown {
		doc = linter.FromMarkdown(uri, d.text)
	} else {
		doc = linter.FromText(uri, d.text)
	}
	var findings []linter.Finding
	if strings.TrimSpace(d.text) != "" {
		res, err := s.o.Registry.Check(doc, s.settings)
		if err != nil {
			// Names are validated in configure: only the organisation's
			// file can be wrong here, and it was loaded before.
			s.showMessage(messageError, "yasno: не удалось проверить документ: "+err.Error())
			return
		}
		findings = res.Findings
	}
	d.findings, d.checkedText, d.checked, d.dirty = findings, d.text, d.version, false
	d.lines = newLineIndex(d.text)
	s.log.Debug("lsp: проверено", "findings", len(findings))
	v := d.version
	s.write(notification{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics",
		Params: publishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: s.diagnostics(d)}})
}

// fresh returns the document checked at its current text, checking it
// now if a change is still waiting: a quick fix must fit the text the
// editor holds.
func (s *server) fresh(uri string) *document {
	d := s.docs[uri]
	if d == nil || !checkable(d.lang) {
		return nil
	}
	if d.dirty {
		if stop, ok := s.timers[uri]; ok {
			stop()
			delete(s.timers, uri)
		}
		s.check(uri)
	}
	return d
}

func (s *server) diagnostics(d *document) []diagnostic {
	out := make([]diagnostic, 0, len(d.findings))
	for i := range d.findings {
		out = append(out, s.diagnostic(d, &d.findings[i]))
	}
	return out
}

func (s *server) diagnostic(d *document, f *linter.Finding) diagnostic {
	msg := f.Message
	if f.Clause != "" {
		msg += " (" + f.Clause + ")"
	}
	return diagnostic{Range: d.rangeOf(f), Severity: severity(f.Severity), Code: f.Rule,
		CodeDescription: &codeDescription{Href: s.rulesURL + "#" + f.Rule}, Source: "yasno", Message: msg}
}

func (d *document) rangeOf(f *linter.Finding) Range {
	return Range{Start: d.lines.position(d.checkedText, f.Start.Offset), End: d.lines.position(d.checkedText, f.End.Offset)}
}

func severity(s linter.Severity) int {
	switch s {
	case linter.Error:
		return severityError
	case linter.Warning:
		return severityWarning
	}
	return severityInformation
}

// codeActions offers the suggestions of the findings the range touches as
// quick fixes: each replaces the finding's text.
func (s *server) codeActions(p codeActionParams) []codeAction {
	out := []codeAction{}
	if len(p.Context.Only) > 0 {
		ok := false
		for _, k := range p.Context.Only {
			if k == "quickfix" || k == "" {
				ok = true
			}
		}
		if !ok {
			return out
		}
	}
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return out
	}
	from, to := d.lines.offset(d.checkedText, p.Range.Start), d.lines.offset(d.checkedText, p.Range.End)
	if to < from {
		from, to = to, from
	}
	for i := range d.findings {
		f := &d.findings[i]
		if f.Start.Offset > to || f.End.Offset < from || len(f.Suggestions) == 0 {
			continue
		}
		diag := s.diagnostic(d, f)
		for k, sug := range f.Suggestions {
			out = append(out, codeAction{
				Title:       fmt.Sprintf("Заменить «%s» на «%s»", clipRunes(f.Text, 40), sug),
				Kind:        "quickfix",
				Diagnostics: []diagnostic{diag},
				IsPreferred: k == 0,
				Edit: workspaceEdit{Changes: map[string][]textEdit{
					d.uri: {{Range: diag.Range, NewText: sug}},
				}},
			})
		}
	}
	return out
}

// hover explains the findings under the cursor: the rule, the message,
// why and how to fix, and the clause of the regulation.
func (s *server) hover(p textDocumentPositionParams) *hover {
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return nil
	}
	off := d.lines.offset(d.checkedText, p.Position)
	var parts []string
	var rng *Range
	for i := range d.findings {
		f := &d.findings[i]
		inside := f.Start.Offset <= off && off < f.End.Offset
		empty := f.Start.Offset == f.End.Offset && off == f.Start.Offset
		if !inside && !empty {
			continue
		}
		r := d.rangeOf(f)
		if rng == nil {
			rng = &r
		}
		var b strings.Builder
		title := f.Rule
		expl := ""
		if rl, ok := s.o.Registry.Rule(f.Rule); ok {
			title, expl = rl.Meta().Description, rl.Meta().Explanation
		}
		fmt.Fprintf(&b, "**%s** · `%s`", escapeMarkdown(title), f.Rule)
		if f.Clause != "" {
			fmt.Fprintf(&b, " · %s", f.Clause)
		}
		fmt.Fprintf(&b, "\n\n%s", escapeMarkdown(f.Message))
		if expl != "" {
			fmt.Fprintf(&b, "\n\n%s", escapeMarkdown(expl))
		}
		if f.Clause != "" {
			fmt.Fprintf(&b, "\n\nОснование: %s регламента.", f.Clause)
		}
		fmt.Fprintf(&b, " [Подробнее о правиле](%s#%s)", s.rulesURL, f.Rule)
		parts = append(parts, b.String())
	}
	if len(parts) == 0 {
		return nil
	}
	return &hover{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: rng}
}

// escapeMarkdown keeps a clerk's text from turning into formatting.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// configure lays the client's settings over the organisation's. Names
// yasno does not know are dropped with a message, so one typo does not
// stop every check.
func (s *server) configure(raw json.RawMessage) {
	var u userSettings
	if len(bytes.TrimSpace(raw)) > 0 && string(bytes.TrimSpace(raw)) != "null" {
		var wrap struct {
			Yasno *userSettings `json:"yasno"`
		}
		if err := json.Unmarshal(raw, &wrap); err != nil {
			s.showMessage(messageWarning, "yasno: настройки не прочитаны: ожидается {\"yasno\": {\"profile\": …, \"enable\": […], \"disable\": […]}}.")
			return
		}
		if wrap.Yasno != nil {
			u = *wrap.Yasno
		} else {
			_ = json.Unmarshal(raw, &u) // settings given without the "yasno" key
		}
	}
	var bad []string
	keep := func(names []string) []string {
		var out []string
		for _, n := range names {
			if err := s.o.Registry.Resolve(n); err != nil {
				bad = append(bad, n)
				continue
			}
			out = append(out, n)
		}
		return out
	}
	over := linter.Settings{Enable: keep(u.Enable), Disable: keep(u.Disable)}
	if len(bad) > 0 {
		s.showMessage(messageWarning, "yasno: в настройках неизвестные правила или категории: "+strings.Join(bad, ", ")+
			". Они пропущены; список правил — `yasno rules`.")
	}
	p, err := linter.ParseProfile(u.Profile)
	if err != nil {
		s.showMessage(messageWarning, "yasno: "+err.Error()+". Профиль определяется по тексту.")
		p = linter.Auto
	}
	over.Profile = p
	s.user = u
	s.settings = config.Merge(s.o.Settings, over)
	s.rulesURL = s.o.RulesURL
	if u.RulesURL != "" {
		s.rulesURL = strings.TrimRight(u.RulesURL, "/")
	}
}

func (s *server) showMessage(typ int, msg string) {
	s.write(notification{JSONRPC: "2.0", Method: "window/showMessage", Params: showMessageParams{Type: typ, Message: msg}})
}

func (s *server) replyError(id json.RawMessage, code int, msg string) {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	s.write(errorResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: msg}})
}

func (s *server) write(v any) {
	if err := writeMessage(s.out, v); err != nil {
		s.log.Error("lsp: запись ответа", "error", err.Error())
	}
}

// decode reads params; absent params decode as empty.
func decode(params json.RawMessage, v any) error {
	if len(bytes.TrimSpace(params)) == 0 || string(params) == "null" {
		return nil
	}
	return json.Unmarshal(params, v)
}
