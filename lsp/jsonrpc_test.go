package lsp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadMessage(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string // bodies, in order
		wantErr error    // after the bodies
	}{
		{"one", "Content-Length: 2\r\n\r\n{}", []string{"{}"}, io.EOF},
		{"two back to back", "Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull", []string{"{}", "null"}, io.EOF},
		{"content type and any case", "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[]",
			[]string{"[]"}, io.EOF},
		{"bare LF headers", "Content-Length: 2\n\n{}", []string{"{}"}, io.EOF},
		{"blank lines between messages", "\r\n\r\nContent-Length: 2\r\n\r\n{}", []string{"{}"}, io.EOF},
		{"length counts bytes, not characters", "Content-Length: 10\r\n\r\n\"ясно\"", []string{`"ясно"`}, io.EOF},
		{"no length", "Content-Type: x\r\n\r\n{}", nil, errFraming},
		{"bad length", "Content-Length: x\r\n\r\n{}", nil, errFraming},
		{"negative length", "Content-Length: -1\r\n\r\n", nil, errFraming},
		{"huge length", "Content-Length: 999999999999\r\n\r\n", nil, errFraming},
		{"no colon", "garbage\r\n\r\n", nil, errFraming},
		{"short body", "Content-Length: 10\r\n\r\n{}", nil, errFraming},
		{"header cut", "Content-Length: 2", nil, errFraming},
		{"empty input", "", nil, io.EOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bufio.NewReader(strings.NewReader(tt.in))
			for _, want := range tt.want {
				b, err := readMessage(r)
				require.NoError(t, err)
				assert.Equal(t, want, string(b))
			}
			_, err := readMessage(r)
			assert.True(t, errors.Is(err, tt.wantErr), "got %v, want %v", err, tt.wantErr)
		})
	}
}

func TestWriteMessage(t *testing.T) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	require.NoError(t, writeMessage(w, map[string]string{"a": "ясно <b>"}))
	body := `{"a":"ясно <b>"}`
	assert.Equal(t, "Content-Length: "+itoa(len(body))+"\r\n\r\n"+body, b.String(), "length in bytes, no HTML escaping, no newline")
	got, err := readMessage(bufio.NewReader(&b))
	require.NoError(t, err)
	assert.Equal(t, body, string(got), "round trip")
}

func itoa(n int) string {
	var d []byte
	for {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
		if n == 0 {
			return string(d)
		}
	}
}
