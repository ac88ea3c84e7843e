package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/lt"
	"github.com/yasno/yasno/source"
)

func init() {
	register(&command{name: "serve",
		short: "запустить веб-страницу и HTTP API проверки", run: runServe})
}

// serveFlags are the options of `yasno serve`; each has an environment
// variable for containers and systemd units. A flag wins over the variable.
type serveFlags struct {
	addr, configPath, tokenFile                  string
	maxBody                                      sizeFlag
	cors                                         listFlag
	readHeader, read, write, idle, shutdownAfter time.Duration
}

// serveHooks let tests learn the address and watch connections.
type serveHooks struct {
	listening func(addr net.Addr)
	connState func(net.Conn, http.ConnState)
}

func runServe(env *cmdEnv, args []string) int {
	return serve(context.Background(), env, args, nil)
}

func serve(ctx context.Context, env *cmdEnv, args []string, hooks *serveHooks) int {
	f, code := parseServeFlags(env, args)
	if f == nil {
		return code
	}
	log := slog.New(slog.NewJSONHandler(env.stderr, nil))
	tuneGC(os.LookupEnv)
	srv, err := newAPIServer(f, log, serveCores())
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	// LanguageTool-compatible /v2 for editors that already speak it.
	lt.Mount(srv.Router(), srv.Registry(), srv.Settings(), lt.Options{Version: Version(),
		MaxBody: int64(f.maxBody), PublicURL: os.Getenv("YASNO_PUBLIC_URL"), Slot: srv.Slot})
	// Build dictionaries and caches before the first clerk waits for them.
	if err := srv.Warm(); err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	// Catch signals before listening, so a signal never kills a server
	// that already accepts requests.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		fmt.Fprintf(env.stderr, "yasno: не удалось занять адрес %s: %v\n", f.addr, err)
		return 2
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: f.readHeader,
		ReadTimeout:       f.read,
		WriteTimeout:      f.write,
		IdleTimeout:       f.idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if hooks != nil {
		hs.ConnState = hooks.connState
	}
	log.Info("yasno serve: слушаю", "url", "http://"+ln.Addr().String()+"/",
		"rules", len(srv.Registry().Rules()), "maxBody", int64(f.maxBody),
		"token", f.tokenFile != "", "corsOrigins", []string(f.cors))
	if hooks != nil && hooks.listening != nil {
		hooks.listening(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		log.Error("сервер остановился", "error", err.Error())
		return 1
	case <-ctx.Done():
	}
	stop() // a second Ctrl+C kills at once
	log.Info("yasno serve: останавливаюсь, дожидаюсь текущих запросов", "timeout", f.shutdownAfter.String())
	sctx, cancel := context.WithTimeout(context.Background(), f.shutdownAfter)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		log.Error("не все запросы завершились до остановки", "error", err.Error())
		return 1
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("сервер остановился с ошибкой", "error", err.Error())
		return 1
	}
	log.Info("yasno serve: остановлен")
	return 0
}

// parseServeFlags reads the environment, then the flags. A nil result
// means exit with the code.
func parseServeFlags(env *cmdEnv, args []string) (*serveFlags, int) {
	fs := newFlags(env, commands["serve"])
	f := &serveFlags{maxBody: api.DefaultMaxBody}
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "адрес и порт (YASNO_ADDR); 0.0.0.0:8080 — доступ из сети")
	fs.Var(&f.maxBody, "max-body", "наибольший размер запроса: 1MiB, 512KiB или число байтов (YASNO_MAX_BODY)")
	fs.StringVar(&f.configPath, "config", "", "файл настроек (YASNO_CONFIG; по умолчанию yasno.yaml в текущей папке)")
	fs.StringVar(&f.tokenFile, "token-file", "", "файл с ключом доступа; тогда API требует «Authorization: Bearer ключ» (YASNO_TOKEN_FILE)")
	fs.Var(&f.cors, "cors-origin", "сайт, которому можно обращаться к API из браузера, например https://addin.example.ru; можно повторять (YASNO_CORS_ORIGIN через запятую)")
	fs.DurationVar(&f.readHeader, "read-header-timeout", 5*time.Second, "время на заголовки запроса (YASNO_READ_HEADER_TIMEOUT)")
	fs.DurationVar(&f.read, "read-timeout", 30*time.Second, "время на чтение всего запроса (YASNO_READ_TIMEOUT)")
	fs.DurationVar(&f.write, "write-timeout", 30*time.Second, "время на ответ (YASNO_WRITE_TIMEOUT)")
	fs.DurationVar(&f.idle, "idle-timeout", 120*time.Second, "сколько держать простаивающее соединение (YASNO_IDLE_TIMEOUT)")
	fs.DurationVar(&f.shutdownAfter, "shutdown-timeout", 30*time.Second, "сколько ждать текущие запросы при остановке (YASNO_SHUTDOWN_TIMEOUT)")
	for name, key := range map[string]string{"addr": "YASNO_ADDR", "max-body": "YASNO_MAX_BODY",
		"config": "YASNO_CONFIG", "token-file": "YASNO_TOKEN_FILE", "cors-origin": "YASNO_CORS_ORIGIN",
		"read-header-timeout": "YASNO_READ_HEADER_TIMEOUT", "read-timeout": "YASNO_READ_TIMEOUT",
		"write-timeout": "YASNO_WRITE_TIMEOUT", "idle-timeout": "YASNO_IDLE_TIMEOUT",
		"shutdown-timeout": "YASNO_SHUTDOWN_TIMEOUT"} {
		if v, ok := os.LookupEnv(key); ok && v != "" {
			if err := fs.Set(name, v); err != nil {
				fmt.Fprintf(env.stderr, "yasno: %s=%q: %v\n", key, v, err)
				return nil, 2
			}
		}
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, 0
		}
		return nil, 2
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.stderr, "yasno: serve не принимает файлов, лишнее: %s\n", strings.Join(pos, " "))
		return nil, 2
	}
	for _, d := range []time.Duration{f.readHeader, f.read, f.write, f.idle, f.shutdownAfter} {
		if d <= 0 {
			fmt.Fprintln(env.stderr, "yasno: время ожидания должно быть больше нуля, например 30s")
			return nil, 2
		}
	}
	if int64(f.maxBody) > source.MaxSize {
		fmt.Fprintf(env.stderr, "yasno: --max-body: не больше %d МБ\n", source.MaxSize>>20)
		return nil, 2
	}
	for _, o := range f.cors {
		if !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			fmt.Fprintf(env.stderr, "yasno: --cors-origin %q: укажите сайт целиком, например https://addin.example.ru\n", o)
			return nil, 2
		}
	}
	return f, 0
}

// newAPIServer loads the configuration and the token and builds the server.
// checks is how many checks may run at once.
func newAPIServer(f *serveFlags, log *slog.Logger, checks int) (*api.Server, error) {
	path := f.configPath
	if path == "" {
		if wd, err := os.Getwd(); err == nil {
			path = config.Find(wd)
		}
	}
	var cfg *config.Config
	if path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return nil, err
		}
	}
	reg, err := cfg.Rules(func(s string) { log.Info(s) })
	if err != nil {
		return nil, err
	}
	token, err := readToken(f.tokenFile)
	if err != nil {
		return nil, err
	}
	return api.New(reg, api.Options{Settings: cfg.Settings(), MaxBody: int64(f.maxBody),
		Token: token, CORSOrigins: f.cors, Logger: log, Checks: checks,
		TokenFrom: func(r *http.Request) string {
			if strings.HasPrefix(r.URL.Path, "/v2/") {
				return lt.APIKey(r, int64(f.maxBody))
			}
			return ""
		}})
}

// readToken reads the access token: the file's first line, trimmed.
func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--token-file: не удалось прочитать файл с ключом: %w", errors.Unwrap(err))
	}
	tok, _, _ := strings.Cut(string(b), "\n")
	tok = strings.TrimSpace(tok)
	if len(tok) < 16 {
		return "", errors.New("--token-file: ключ короче 16 символов; создайте длинный, например: head -c 32 /dev/urandom | base64 > token")
	}
	return tok, nil
}

// sizeFlag is a byte count: 1048576, 512KiB, 1MiB, 1M.
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }

func (s *sizeFlag) Set(v string) error {
	v = strings.TrimSpace(v)
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"K", 1 << 10}, {"M", 1 << 20}} {
		if strings.HasSuffix(strings.ToUpper(v), strings.ToUpper(u.suf)) {
			v, mult = strings.TrimSpace(v[:len(v)-len(u.suf)]), u.m
			break
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return errors.New("нужен размер больше нуля: 1MiB, 512KiB или число байтов")
	}
	*s = sizeFlag(n * mult)
	return nil
}

// serveGCPercent is the server's GOGC unless the environment sets one.
// Its live heap is mostly the dictionaries, Hunspell and go-enry's tables
// (~37 MB of read-only data), and every collection marks them again. At
// Go's default of 100 a busy server collected about five times a second
// and spent a tenth of its CPU doing it; at 400 it collects about once a
// second. In interleaved runs of bench/load.sh it answered more requests
// per CPU-second in every pair (2–30 % on a shared machine), and its RSS
// stays flat at about 225 MB instead of 105 MB.
const serveGCPercent = 400

// tuneGC sets serveGCPercent unless GOGC is in the environment: an
// operator's own setting wins.
func tuneGC(lookup func(string) (string, bool)) bool {
	if _, ok := lookup("GOGC"); ok {
		return false
	}
	debug.SetGCPercent(serveGCPercent)
	return true
}

// serveProcsPerCore is how many Go processors the server runs per
// processor core it may use. Checks are held to one per core (api's
// check slots); with only as many processors as that, a busy server kept
// every processor on checks, and the goroutines that read requests and
// write answers waited behind them: a released slot hands the processor
// straight to the next check in line. With processors to spare, those
// goroutines always find one, and the kernel shares the cores fairly. In
// interleaved runs of bench/load.sh (64 connections, 2 cores) p99 fell
// from 41–54 ms to 17–21 ms at the same requests per second. Setting
// GOMAXPROCS stops Go from following a container's CPU limit as it
// changes: the slots and processors stay as they were at start.
const serveProcsPerCore = 2

// serveCores is tuneProcs with the environment, done once per process:
// serve may run more than once in one (the tests do), and each run would
// double GOMAXPROCS again and take the doubled number for the cores.
var serveCores = sync.OnceValue(func() int {
	cores, _ := tuneProcs(os.LookupEnv)
	return cores
})

// tuneProcs returns how many checks should run at once: the processors
// Go would use by default (the cores, or the container's CPU limit). It
// raises GOMAXPROCS to serveProcsPerCore times that, unless GOMAXPROCS
// is in the environment: an operator's own setting wins. It reports
// whether it changed GOMAXPROCS.
func tuneProcs(lookup func(string) (string, bool)) (cores int, changed bool) {
	cores = runtime.GOMAXPROCS(0)
	if _, ok := lookup("GOMAXPROCS"); ok {
		return cores, false
	}
	runtime.GOMAXPROCS(serveProcsPerCore * cores)
	return cores, true
}
