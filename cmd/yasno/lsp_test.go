package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// frames encodes messages as an editor sends them on stdin.
func frames(t *testing.T, msgs ...map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, m := range msgs {
		m["jsonrpc"] = "2.0"
		body, err := json.Marshal(m)
		require.NoError(t, err)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	return b.String()
}

// unframe splits the server's stdout into messages.
func unframe(t *testing.T, out string) []map[string]any {
	t.Helper()
	var msgs []map[string]any
	r := bufio.NewReader(strings.NewReader(out))
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return msgs
		}
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length:")))
		require.NoError(t, err, "header %q", line)
		_, _ = r.ReadString('\n')
		body := make([]byte, n)
		_, err = io.ReadFull(r, body)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(body, &m))
		msgs = append(msgs, m)
	}
}

func TestLSPCommand(t *testing.T) {
	draft := "Уважаемый Андрей Петрович!\n\n😀 Работы проведут в ближайшее время.\n"
	in := frames(t,
		map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}},
		map[string]any{"method": "initialized", "params": map[string]any{}},
		map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{
			"uri": "file:///tmp/d.txt", "languageId": "plaintext", "version": 1, "text": draft}}},
		map[string]any{"id": 2, "method": "shutdown"},
		map[string]any{"method": "exit"},
	)
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: strings.NewReader(in), stdout: &out, stderr: &errb}
	code := run(env, []string{"lsp", "--stdio", "--rules-url", "https://yasno.example.ru/rules/"})
	require.Equal(t, 0, code, errb.String())
	assert.NotContains(t, errb.String(), "ближайшее", "the draft never reaches the log")

	msgs := unframe(t, out.String())
	require.NotEmpty(t, msgs)
	assert.Equal(t, "yasno", msgs[0]["result"].(map[string]any)["serverInfo"].(map[string]any)["name"])
	var pub map[string]any
	for _, m := range msgs {
		if m["method"] == "textDocument/publishDiagnostics" {
			pub = m["params"].(map[string]any)
		}
	}
	require.NotNil(t, pub, "diagnostics published")
	assert.Equal(t, "file:///tmp/d.txt", pub["uri"])
	for _, x := range pub["diagnostics"].([]any) {
		d := x.(map[string]any)
		assert.Equal(t, "yasno", d["source"])
		assert.Equal(t, "https://yasno.example.ru/rules#"+d["code"].(string), d["codeDescription"].(map[string]any)["href"])
	}
}

func TestLSPCommandExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"input ends without shutdown", []string{"lsp"}, "", 1},
		{"exit without shutdown", []string{"lsp"}, frames(t, map[string]any{"method": "exit"}), 1},
		{"broken header", []string{"lsp"}, "nonsense\r\n\r\n", 1},
		{"a file is not an argument", []string{"lsp", "draft.txt"}, "", 2},
		{"unknown flag", []string{"lsp", "--port", "1"}, "", 2},
		{"missing config", []string{"lsp", "--config", "/nonexistent/yasno.yaml"}, "", 2},
		{"help", []string{"lsp", "--help"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &cmdEnv{stdin: strings.NewReader(tt.stdin), stdout: &out, stderr: &errb}
			assert.Equal(t, tt.code, run(env, tt.args), errb.String())
		})
	}
}
