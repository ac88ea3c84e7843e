package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/output"
)

// lockedBuffer collects the server's log from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeGracefulShutdown starts `yasno serve` in-process, begins a slow
// request, sends SIGTERM while it is in flight, and checks that the request
// still gets its full answer and the server exits cleanly.
func TestServeGracefulShutdown(t *testing.T) {
	const token = "test-token-0123456789"
	tokenFile := filepath.Join(t.TempDir(), "token")
	require.NoError(t, os.WriteFile(tokenFile, []byte(token+"\n"), 0o600))

	addrs := make(chan net.Addr, 1)
	active := make(chan struct{}, 16)
	hooks := &serveHooks{
		listening: func(a net.Addr) { addrs <- a },
		connState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateActive {
				active <- struct{}{}
			}
		},
	}
	logs := &lockedBuffer{}
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: logs}
	exit := make(chan int, 1)
	go func() {
		exit <- serve(context.Background(), env, []string{"--addr", "127.0.0.1:0", "--token-file", tokenFile}, hooks)
	}()
	var addr net.Addr
	select {
	case addr = <-addrs:
	case code := <-exit:
		t.Fatalf("serve exited with %d: %s", code, logs.String())
	}
	base := "http://" + addr.String()

	// The token is needed; the health check is open.
	resp, err := http.Get(base + "/api/v1/rules")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	resp, err = http.Get(base + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	for len(active) > 0 {
		<-active
	}

	// A slow request: the body arrives in two parts.
	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/check", pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer "+token)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	type result struct {
		resp *http.Response
		err  error
	}
	got := make(chan result, 1)
	go func() {
		r, err := client.Do(req)
		got <- result{r, err}
	}()
	_, err = pw.Write([]byte("Уважаемый Иван Иванович!\n\nВаше обращение рассмотрено. "))
	require.NoError(t, err)
	<-active // the server is reading the request

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	// Wait until the server stops accepting new connections.
	for {
		c, err := net.Dial("tcp", addr.String())
		if err != nil {
			break
		}
		c.Close()
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-exit:
		t.Fatal("the server exited with a request in flight")
	default:
	}

	_, err = pw.Write([]byte("Работы выполнят до 15 декабря.\n\nИсп. Орлова Елена Николаевна, тел. 8 (8512) 44-18-20\n"))
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	r := <-got
	require.NoError(t, r.err)
	defer r.resp.Body.Close()
	require.Equal(t, http.StatusOK, r.resp.StatusCode)
	var rep output.Report
	require.NoError(t, json.NewDecoder(r.resp.Body).Decode(&rep))
	require.Len(t, rep.Files, 1)
	assert.Positive(t, rep.Files[0].Stats.Words)

	assert.Equal(t, 0, <-exit, logs.String())
	log := logs.String()
	assert.Contains(t, log, "останавливаюсь")
	assert.Contains(t, log, "остановлен")
	assert.Contains(t, log, `"path":"/api/v1/check","status":200`)
	assert.NotContains(t, log, "Иван")
	assert.NotContains(t, log, token)
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int // 0 with f != nil: parsed
		want func(t *testing.T, f *serveFlags)
	}{
		{name: "defaults", want: func(t *testing.T, f *serveFlags) {
			assert.Equal(t, "127.0.0.1:8080", f.addr)
			assert.EqualValues(t, 1<<20, f.maxBody)
			assert.Equal(t, 5*time.Second, f.readHeader)
			assert.Equal(t, 30*time.Second, f.read)
			assert.Equal(t, 30*time.Second, f.write)
			assert.Equal(t, 120*time.Second, f.idle)
			assert.Empty(t, f.cors)
			assert.Empty(t, f.tokenFile)
		}},
		{name: "environment", env: map[string]string{"YASNO_ADDR": "0.0.0.0:9000", "YASNO_MAX_BODY": "512KiB",
			"YASNO_CORS_ORIGIN": "https://a.example.ru, https://b.example.ru", "YASNO_TOKEN_FILE": "/run/token",
			"YASNO_CONFIG": "/etc/yasno.yaml", "YASNO_READ_TIMEOUT": "10s", "YASNO_WRITE_TIMEOUT": "11s",
			"YASNO_IDLE_TIMEOUT": "1m", "YASNO_READ_HEADER_TIMEOUT": "2s"},
			want: func(t *testing.T, f *serveFlags) {
				assert.Equal(t, "0.0.0.0:9000", f.addr)
				assert.EqualValues(t, 512<<10, f.maxBody)
				assert.Equal(t, []string{"https://a.example.ru", "https://b.example.ru"}, []string(f.cors))
				assert.Equal(t, "/run/token", f.tokenFile)
				assert.Equal(t, "/etc/yasno.yaml", f.configPath)
				assert.Equal(t, 10*time.Second, f.read)
				assert.Equal(t, 11*time.Second, f.write)
				assert.Equal(t, time.Minute, f.idle)
				assert.Equal(t, 2*time.Second, f.readHeader)
			}},
		{name: "flags win over the environment", env: map[string]string{"YASNO_ADDR": "0.0.0.0:9000", "YASNO_MAX_BODY": "2M"},
			args: []string{"--addr", "127.0.0.1:7000", "--max-body", "1000", "--cors-origin", "https://c.example.ru",
				"--cors-origin", "http://localhost:3000"},
			want: func(t *testing.T, f *serveFlags) {
				assert.Equal(t, "127.0.0.1:7000", f.addr)
				assert.EqualValues(t, 1000, f.maxBody)
				assert.Equal(t, []string{"https://c.example.ru", "http://localhost:3000"}, []string(f.cors))
			}},
		{name: "bad size in the environment", env: map[string]string{"YASNO_MAX_BODY": "много"}, code: 2},
		{name: "bad duration", args: []string{"--read-timeout", "скоро"}, code: 2},
		{name: "zero duration", args: []string{"--write-timeout", "0s"}, code: 2},
		{name: "size over the engine's limit", args: []string{"--max-body", "64MiB"}, code: 2},
		{name: "negative size", args: []string{"--max-body", "-1"}, code: 2},
		{name: "origin without scheme", args: []string{"--cors-origin", "addin.example.ru"}, code: 2},
		{name: "stray argument", args: []string{"letter.txt"}, code: 2},
		{name: "help", args: []string{"--help"}, code: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"YASNO_ADDR", "YASNO_MAX_BODY", "YASNO_CONFIG", "YASNO_TOKEN_FILE",
				"YASNO_CORS_ORIGIN", "YASNO_READ_TIMEOUT", "YASNO_WRITE_TIMEOUT", "YASNO_IDLE_TIMEOUT",
				"YASNO_READ_HEADER_TIMEOUT", "YASNO_SHUTDOWN_TIMEOUT"} {
				t.Setenv(k, tt.env[k])
			}
			var stderr bytes.Buffer
			f, code := parseServeFlags(&cmdEnv{stdout: io.Discard, stderr: &stderr}, tt.args)
			assert.Equal(t, tt.code, code, stderr.String())
			if tt.want == nil {
				assert.Nil(t, f)
				return
			}
			require.NotNil(t, f, stderr.String())
			tt.want(t, f)
		})
	}
}

func TestServeStartupErrors(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	require.NoError(t, os.WriteFile(short, []byte("abc\n"), 0o600))
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	badCfg := filepath.Join(dir, "yasno.yaml")
	require.NoError(t, os.WriteFile(badCfg, []byte("profile: boss\n"), 0o600))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing token file", []string{"--token-file", filepath.Join(dir, "nope")}, "ключ"},
		{"short token", []string{"--token-file", short}, "короче 16"},
		{"address in use", []string{"--addr", busy.Addr().String()}, "не удалось занять адрес"},
		{"bad config", []string{"--config", badCfg}, "строка 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := serve(context.Background(), &cmdEnv{stdout: io.Discard, stderr: &stderr}, tt.args, nil)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr.String(), tt.want)
		})
	}
}

func TestSizeFlag(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1048576", 1 << 20, true}, {"1MiB", 1 << 20, true}, {"1M", 1 << 20, true}, {"2mb", 2 << 20, true},
		{"512KiB", 512 << 10, true}, {"64k", 64 << 10, true}, {" 3 MiB ", 3 << 20, true},
		{"", 0, false}, {"0", 0, false}, {"-5", 0, false}, {"1.5M", 0, false}, {"MiB", 0, false}, {"1GiB", 0, false},
	}
	for _, tt := range tests {
		var s sizeFlag
		err := s.Set(tt.in)
		if !tt.ok {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.EqualValues(t, tt.want, s, tt.in)
	}
}

func TestTuneGCLeavesAnOperatorsGOGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	set := func(string) (string, bool) { return "50", true }
	assert.False(t, tuneGC(set))
	assert.Equal(t, 100, debug.SetGCPercent(100), "GOGC from the environment was overridden")

	unset := func(string) (string, bool) { return "", false }
	assert.True(t, tuneGC(unset))
	assert.Equal(t, serveGCPercent, debug.SetGCPercent(100))
}

func TestTuneProcsKeepsChecksToTheCores(t *testing.T) {
	before := runtime.GOMAXPROCS(3)
	defer runtime.GOMAXPROCS(before)

	set := func(string) (string, bool) { return "3", true }
	cores, changed := tuneProcs(set)
	assert.Equal(t, 3, cores)
	assert.False(t, changed)
	assert.Equal(t, 3, runtime.GOMAXPROCS(0), "GOMAXPROCS from the environment was overridden")

	unset := func(string) (string, bool) { return "", false }
	cores, changed = tuneProcs(unset)
	assert.Equal(t, 3, cores, "checks at once are the processors Go had, not the raised number")
	assert.True(t, changed)
	assert.Equal(t, 3*serveProcsPerCore, runtime.GOMAXPROCS(0))
}

// TestServeRaisesProcsOnce: serve may run more than once in a process
// (as in these tests); GOMAXPROCS is raised once, not doubled each time.
func TestServeRaisesProcsOnce(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(before)
	args := []string{"--token-file", filepath.Join(t.TempDir(), "nope")}
	env := &cmdEnv{stdout: io.Discard, stderr: io.Discard}
	require.Equal(t, 2, serve(context.Background(), env, args, nil))
	after := runtime.GOMAXPROCS(0)
	require.Equal(t, 2, serve(context.Background(), env, args, nil))
	assert.Equal(t, after, runtime.GOMAXPROCS(0), "a second serve raised GOMAXPROCS again")
}
