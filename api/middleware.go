package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// recorder remembers the status and size of an answer for the log.
type recorder struct {
	http.ResponseWriter
	code  int
	bytes int64
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// accessLog writes one line per request: method, path, status, bytes and
// duration. Never the query string, the body or headers: they carry the
// draft and the token.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", clip(r.Method, 16)),
			slog.String("path", clip(r.URL.EscapedPath(), 200)),
			slog.Int("status", rec.code),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// recoverPanic turns a panic in a handler into a 500 JSON answer and a log
// line with the stack. The panic value is logged only when it is a runtime
// error: other values may hold pieces of the draft.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // net/http's way to drop a connection quietly
			}
			what := fmt.Sprintf("%T", v)
			if e, ok := v.(runtime.Error); ok {
				what = e.Error()
			}
			s.log.LogAttrs(r.Context(), slog.LevelError, "panic",
				slog.String("method", clip(r.Method, 16)),
				slog.String("path", clip(r.URL.EscapedPath(), 200)),
				slog.String("panic", what),
				slog.String("stack", string(debug.Stack())))
			if rec, ok := w.(*recorder); !ok || rec.code == 0 {
				WriteError(w, errInternal)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// secure sets headers every answer should carry.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// cors lets allow-listed origins (editor add-ins) call the API from a
// browser. Other origins get no CORS headers, so the browser keeps the
// answer from them; their preflights are refused with 403.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		ok := s.origins[origin]
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if !ok {
				WriteError(w, errorf(http.StatusForbidden, CodeForbiddenOrigin,
					"Этому сайту не разрешено обращаться к проверке. Администратор может добавить его параметром --cors-origin."))
				return
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if ok {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		next.ServeHTTP(w, r)
	})
}

// public reports paths open without the token: the page, the rules page,
// its files and the health check. Everything else, routes mounted later
// included, needs the token.
func public(p string) bool {
	switch p {
	case "/", "/rules", "/healthz":
		return true
	}
	// «/static/../api/…» is not a static file.
	return strings.HasPrefix(p, "/static/") && path.Clean(p) == p
}

// auth requires «Authorization: Bearer <token>» when a token is set. The
// token is compared by its hash in constant time, so neither its content
// nor its length leaks through timing.
func (s *Server) auth(next http.Handler) http.Handler {
	if s.opts.Token == "" {
		return next
	}
	want := sha256.Sum256([]byte(s.opts.Token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if public(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		scheme, tok, found := strings.Cut(r.Header.Get("Authorization"), " ")
		if !found && s.opts.TokenFrom != nil {
			// Clients that cannot send the header (LanguageTool's apiKey).
			if k := s.opts.TokenFrom(r); k != "" {
				scheme, tok, found = "Bearer", k, true
			}
		}
		if !found || !strings.EqualFold(scheme, "Bearer") {
			w.Header().Set("WWW-Authenticate", `Bearer realm="yasno"`)
			WriteError(w, errorf(http.StatusUnauthorized, CodeUnauthorized,
				"Нужен ключ доступа: передайте его в заголовке «Authorization: Bearer ключ»."))
			return
		}
		got := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="yasno", error="invalid_token"`)
			WriteError(w, errorf(http.StatusUnauthorized, CodeUnauthorized,
				"Ключ доступа неверный. Уточните ключ у администратора."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
