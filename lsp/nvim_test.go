package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// nvimDiag is a diagnostic as Neovim holds it: col and end_col are bytes,
// Neovim's own conversion of our UTF-16 characters; character and
// end_character are those turned back into UTF-16 by Neovim.
type nvimDiag struct {
	Code         string `json:"code"`
	Severity     int    `json:"severity"`
	Source       string `json:"source"`
	Message      string `json:"message"`
	Lnum         int    `json:"lnum"`
	Col          int    `json:"col"`
	EndLnum      int    `json:"end_lnum"`
	EndCol       int    `json:"end_col"`
	Character    int    `json:"character"`
	EndCharacter int    `json:"end_character"`
	Href         string `json:"href"`
}

type nvimAction struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	Code  string `json:"code"`
}

type nvimResult struct {
	Initial   json.RawMessage `json:"initial"`
	Final     json.RawMessage `json:"final"`
	Actions   json.RawMessage `json:"actions"`
	Hover     string          `json:"hover"`
	Applied   string          `json:"applied"`
	FixedWith string          `json:"fixed_with"`
	Text      string          `json:"text"`
	Error     string          `json:"error"`
}

// list decodes a Lua list, which vim.json writes as {} when empty.
func list[T any](t *testing.T, raw json.RawMessage) []T {
	t.Helper()
	var out []T
	if s := strings.TrimSpace(string(raw)); s == "{}" || s == "" || s == "null" {
		return nil
	}
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

// key is what both sides must agree on: rule, place in LSP terms, severity.
type key struct {
	Code                       string
	Line, Char, EndLine, EndCh int
	Severity                   int
	ByteCol, EndByteCol        int
}

// expected runs the real rules on text as `yasno lsp` does and places the
// findings independently of the server: line by counting \n, character
// by counting UTF-16 units, byte column by bytes.
func expected(t *testing.T, reg *linter.Registry, text string) []key {
	t.Helper()
	res, err := reg.Check(linter.FromText("", text), linter.Settings{Profile: linter.Citizen})
	require.NoError(t, err)
	place := func(off int) (line, ch, col int) {
		start := strings.LastIndexByte(text[:off], '\n') + 1
		return strings.Count(text[:off], "\n"), utf16Count(text[start:off]), off - start
	}
	var out []key
	for _, f := range res.Findings {
		l, c, b := place(f.Start.Offset)
		el, ec, eb := place(f.End.Offset)
		out = append(out, key{f.Rule, l, c, el, ec, severity(f.Severity), b, eb})
	}
	sortKeys(out)
	return out
}

func observed(ds []nvimDiag) []key {
	var out []key
	for _, d := range ds {
		out = append(out, key{d.Code, d.Lnum, d.Character, d.EndLnum, d.EndCharacter, d.Severity, d.Col, d.EndCol})
	}
	sortKeys(out)
	return out
}

func sortKeys(ks []key) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Char != b.Char {
			return a.Char < b.Char
		}
		if a.EndLine != b.EndLine {
			return a.EndLine < b.EndLine
		}
		if a.EndCh != b.EndCh {
			return a.EndCh < b.EndCh
		}
		return a.Code < b.Code
	})
}

// TestNeovimRealClient attaches `yasno lsp` to a draft in headless Neovim
// (clients/nvim/init.lua) and checks what the editor shows: the rule ids
// and places of the diagnostics, the byte columns Neovim derived from our
// UTF-16 characters, a quick fix applied by Neovim itself, the hover, and
// the diagnostics after incremental edits. Without nvim it skips on a
// developer's machine and fails in CI (CI=true): apt-get install -y neovim.
func TestNeovimRealClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds yasno and runs Neovim")
	}
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nvim is not installed; CI must run: apt-get install -y neovim")
		}
		t.Skip("nvim not on PATH (apt-get install -y neovim)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "yasno")
	build := exec.Command("go", "build", "-o", bin, "./cmd/yasno")
	build.Dir = ".."
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	base, err := os.ReadFile("../examples/bad-reply.txt")
	require.NoError(t, err)
	// An emoji (2 UTF-16 units, 4 bytes) opens a paragraph full of
	// findings, so characters, runes and bytes all differ after it.
	draft := strings.Replace(string(base), "В настоящее время", "😀 В настоящее время", 1)
	require.Contains(t, draft, "😀")
	draftPath := filepath.Join(dir, "draft.txt")
	require.NoError(t, os.WriteFile(draftPath, []byte(draft), 0o600))
	outPath := filepath.Join(dir, "out.json")
	initLua, err := filepath.Abs("../clients/nvim/init.lua")
	require.NoError(t, err)

	// A bound, not a timing check: a hung editor must not hang the suite.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-u", initLua)
	cmd.Dir = dir // no yasno.yaml here: the built-in rules
	cmd.Env = append(os.Environ(), "YASNO_BIN="+bin, "YASNO_DRAFT="+draftPath, "YASNO_OUT="+outPath)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	require.NoError(t, cmd.Run(), "nvim: %s", log.String())

	raw, err := os.ReadFile(outPath)
	require.NoError(t, err, "nvim wrote no result: %s", log.String())
	var res nvimResult
	require.NoError(t, json.Unmarshal(raw, &res))
	require.Empty(t, res.Error)

	reg, err := rules.Default()
	require.NoError(t, err)

	initial := list[nvimDiag](t, res.Initial)
	require.NotEmpty(t, initial)
	assert.Equal(t, expected(t, reg, draft), observed(initial),
		"Neovim shows every finding at its place; byte columns are Neovim's reading of our UTF-16")
	for _, d := range initial {
		assert.Equal(t, "yasno", d.Source)
		assert.Equal(t, DefaultRulesURL+"#"+d.Code, d.Href)
		assert.NotEmpty(t, d.Message)
	}
	emojiLine := strings.Count(draft[:strings.Index(draft, "😀")], "\n")
	after := 0
	for _, d := range initial {
		if d.Lnum == emojiLine && d.Character > 0 {
			after++
			assert.NotEqual(t, d.Character, d.Col, "UTF-16 and bytes differ after the emoji")
		}
	}
	assert.Positive(t, after, "findings after the emoji")

	actions := list[nvimAction](t, res.Actions)
	if assert.NotEmpty(t, actions, "some finding offers a quick fix") {
		assert.Equal(t, "quickfix", actions[0].Kind)
		assert.True(t, strings.HasPrefix(actions[0].Title, "Заменить «"), actions[0].Title)
		assert.NotEmpty(t, res.FixedWith)
		assert.Contains(t, res.Applied, res.FixedWith, "Neovim applied the edit on the right line")
		assert.Contains(t, res.Hover, "`"+actions[0].Code+"`")
		assert.Contains(t, res.Hover, "Подробнее о правиле")
	}

	// After the fix and the typing, the server's text is the buffer's:
	// the diagnostics are those of the final text.
	require.Contains(t, res.Text, "Cлужба осуществляет мониторинг.")
	final := list[nvimDiag](t, res.Final)
	assert.Equal(t, expected(t, reg, res.Text), observed(final), "incremental changes kept the texts in step")
}
