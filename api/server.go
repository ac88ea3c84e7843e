// Package api is yasno's HTTP front: the JSON API for editor add-ins and
// other programs, and the web page clerks use in a browser. One registry
// serves every request; it is read-only after start, so requests run in
// parallel without locks.
package api

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"

	"github.com/gorilla/mux"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/source"
)

// DefaultMaxBody is the default limit of a request body: a long reply is
// 20–30 KB, so 1 MiB leaves room and still stops abuse.
const DefaultMaxBody = 1 << 20

// Options configure a Server. The zero value is a working open server.
type Options struct {
	// Settings are the organisation's settings (yasno.yaml); a request's
	// own choices are laid over them.
	Settings linter.Settings
	// MaxBody caps a request body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// Token, when set, is required as «Authorization: Bearer …» on every
	// call except the page, the rules page, static files and /healthz.
	Token string
	// TokenFrom, when set, finds the token in a request that carries no
	// Authorization header (LanguageTool clients send it as apiKey).
	TokenFrom func(*http.Request) string
	// CORSOrigins are the origins (scheme://host[:port]) allowed to call
	// the API from a browser: editor add-ins.
	CORSOrigins []string
	// Logger receives the access log and panics (nil: nothing is logged).
	Logger *slog.Logger
	// Checks is how many checks may run at once (0: GOMAXPROCS). A check
	// only computes, so more than the processor cores would not finish
	// sooner; `yasno serve` sets the cores here and gives Go more
	// processors than that for the network (see docs/api.md).
	Checks int
}

// Server answers the API and serves the page.
type Server struct {
	reg     *linter.Registry
	opts    Options
	log     *slog.Logger
	router  *mux.Router
	handler http.Handler
	origins map[string]bool
	rules   rulesIndex
	page    *pages
	// checks admits Options.Checks checks at a time. Waiting on a channel
	// is first come, first served, so under load every request waits
	// about as long instead of some very long.
	checks chan struct{}
}

// New builds a server around a registry.
func New(reg *linter.Registry, o Options) (*Server, error) {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Checks <= 0 {
		o.Checks = runtime.GOMAXPROCS(0)
	}
	s := &Server{reg: reg, opts: o, log: log, origins: map[string]bool{},
		checks: make(chan struct{}, o.Checks)}
	for _, or := range o.CORSOrigins {
		s.origins[strings.TrimRight(or, "/")] = true
	}
	var err error
	if s.rules, err = newRulesIndex(reg); err != nil {
		return nil, err
	}
	if s.page, err = newPages(s.rules); err != nil {
		return nil, err
	}
	s.router = mux.NewRouter()
	s.routes()
	// Outermost first: log every answer (a recovered panic too), then
	// recover, then CORS (preflights carry no token), then the token.
	s.handler = s.accessLog(s.recoverPanic(s.secure(s.cors(s.auth(s.router)))))
	return s, nil
}

func (s *Server) routes() {
	r := s.router
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { WriteError(w, errNotFound) })
	r.MethodNotAllowedHandler = http.HandlerFunc(s.methodNotAllowed)
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/healthz", s.health).Methods(get...)
	r.HandleFunc("/api/v1/check", s.check).Methods(http.MethodPost)
	r.HandleFunc("/api/v1/rules", s.listRules).Methods(get...)
	r.HandleFunc("/api/v1/rules/{id}", s.getRule).Methods(get...)
	r.HandleFunc("/api/v1/openapi.yaml", s.openAPI).Methods(get...)
	r.HandleFunc("/", s.page.index).Methods(get...)
	r.HandleFunc("/rules", s.page.rules).Methods(get...)
	r.PathPrefix("/static/").Handler(s.page.static()).Methods(get...)
}

// Router is the router the server dispatches on. Fronts added later (a
// LanguageTool-compatible /v2, an LSP bridge) mount their routes here and
// get logging, panic recovery, CORS and the token check for free; every
// path outside the page, the rules page, /static/ and /healthz needs the
// token when one is set.
func (s *Server) Router() *mux.Router { return s.router }

// Registry is the rule set the server checks with.
func (s *Server) Registry() *linter.Registry { return s.reg }

// Settings are the organisation's base settings.
func (s *Server) Settings() linter.Settings { return s.opts.Settings }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Slot waits for one of the check slots (Options.Checks) and returns the
// function that frees it. Fronts mounted on Router() take one around
// each check, so that every check of the process waits in one queue.
func (s *Server) Slot() (release func()) {
	s.checks <- struct{}{}
	return s.release
}

func (s *Server) release() { <-s.checks }

// Warm checks a short letter once so that dictionaries and caches are
// built before the first clerk waits for them.
func (s *Server) Warm() error {
	doc, err := source.Load("", []byte(warmText), linter.Text)
	if err != nil {
		return err
	}
	if _, err := s.reg.Check(doc, s.opts.Settings); err != nil {
		return fmt.Errorf("проверка при запуске: %w", err)
	}
	return nil
}

const warmText = "Служба жилищного надзора\n\nУважаемый Иван Иванович!\n\n" +
	"Сообщаем, что вышеуказанные работы будут выполнены в ближайшее время. " +
	"По результатам проверки управляющей организации выдано предписание до 15.12.2026.\n\n" +
	"Исп. Петрова Анна Сергеевна, тел. 8 (8512) 44-18-20\n"

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// methodNotAllowed answers 405 with the Allow header; a plain OPTIONS
// (not a CORS preflight) gets 204 and the same header.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allow := s.allowed(r)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	WriteError(w, errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
		fmt.Sprintf("Метод %s здесь не поддерживается; можно: %s.", r.Method, strings.Join(allow, ", "))))
}

// allowed lists the methods some route accepts for the request's path, so
// routes mounted later are counted too.
func (s *Server) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete} {
		rr := r.Clone(r.Context())
		rr.Method = m
		var match mux.RouteMatch
		if s.router.Match(rr, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return append(out, http.MethodOptions)
}
