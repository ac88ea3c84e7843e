package lsp

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// FuzzServe: any byte stream on stdin ends the server with an error or a
// clean exit, never a panic, and whatever it writes is framed.
func FuzzServe(f *testing.F) {
	frame := func(s string) string { return "Content-Length: " + itoa(len(s)) + "\r\n\r\n" + s }
	f.Add(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`) +
		frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"u","languageId":"text","version":1,"text":"в целях 😀\r\nв ближайшее время"}}}`) +
		frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"u","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":9},"end":{"line":5,"character":1}},"text":"Ё"}]}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"u"},"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":1}},"context":{}}}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"u"},"position":{"line":0,"character":-4}}}`) +
		frame(`{"jsonrpc":"2.0","id":4,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`))
	f.Add(frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"initializationOptions":{"yasno":{"enable":[1]}}}}`))
	f.Add("Content-Length: 3\r\n\r\n{}}")
	f.Add(frame(`[1,2]`) + frame(`{"id":{"a":1},"method":"x"}`))
	reg := fixtureRegistry(f)
	never := func(time.Duration, func()) func() bool { return func() bool { return true } }
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		_ = Serve(context.Background(), strings.NewReader(in), &out, Options{Registry: reg, afterFunc: never})
		r := bufio.NewReader(&out)
		for {
			_, err := readMessage(r)
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("unframed output: %v", err)
			}
		}
	})
}
