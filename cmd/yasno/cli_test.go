package main

// Golden tests of the command line. They run the CLI in-process on the
// files in examples/ and compare what it prints with testdata/golden.
//
// The golden files change whenever a rule is added or a message is
// reworded; that is expected. Look at the diff, and when it is right,
// refresh them with
//
//	go test ./cmd/yasno -run Golden -update
//
// and review the result with git diff before committing.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
	"github.com/yasno/yasno/rules"
)

var update = flag.Bool("update", false, "rewrite testdata/golden with the current output")

const examples = "../../examples/"

// cliRun runs yasno with args and stdin, and returns the exit code and
// what it printed.
func cliRun(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code = run(env, append([]string(nil), args...))
	return code, out.String(), errb.String()
}

// golden compares got with testdata/golden/name, or rewrites the file
// under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file; run: go test ./cmd/yasno -run Golden -update")
	if string(want) != got {
		t.Errorf("output differs from %s%s\nif the change is right, run: go test ./cmd/yasno -run Golden -update",
			path, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines that differ, short enough to read.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf(" at line %d:\n  want: %s\n  got:  %s", i+1, wl, gl)
		}
	}
	return ""
}

func TestGoldenCheck(t *testing.T) {
	for _, file := range []string{"good-reply.txt", "bad-reply.txt", "draft.md"} {
		for _, format := range []string{"text", "json"} {
			t.Run(file+"/"+format, func(t *testing.T) {
				code, out, errOut := cliRun(t, "", "check", "--disable", "spelling", "--format", format, examples+file)
				assert.Empty(t, errOut)
				assert.Contains(t, []int{0, 1}, code)
				golden(t, file+"."+format+".golden", out)
				if format == "json" {
					var rep output.Report
					require.NoError(t, json.Unmarshal([]byte(out), &rep), "valid JSON")
					require.Len(t, rep.Files, 1)
					assert.Equal(t, examples+file, rep.Files[0].Path, "paths stay as given")
					assert.Equal(t, code == 1, hasSeverity(rep, linter.Error), "exit 1 exactly when there is an error")
				}
			})
		}
	}
}

func TestGoldenCommands(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		golden string
	}{
		{"rules", []string{"rules"}, "rules.golden"},
		{"explain", []string{"explain", "sentence-length"}, "explain-sentence-length.golden"},
		{"help", []string{"--help"}, "help.golden"},
		{"check help", []string{"check", "--help"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", c.args...)
			assert.Equal(t, 0, code)
			if c.golden != "" {
				assert.Empty(t, errOut)
				// Spelling is off on a machine without a Hunspell
				// dictionary; the listing must not depend on that.
				golden(t, c.golden, strings.ReplaceAll(out, offNote, ""))
			} else {
				assert.Contains(t, out+errOut, "-fail-on")
			}
		})
	}
}

func TestGoldenExamplesAreRealistic(t *testing.T) {
	// The good reply is what a clean letter looks like: not a word to say.
	code, out, _ := cliRun(t, "", "check", "--fail-on", "info", examples+"good-reply.txt")
	assert.Equal(t, 0, code, out)
	// The bad draft shows the main kinds of trouble at once.
	_, out, _ = cliRun(t, "", "check", "--format", "json", examples+"bad-reply.txt")
	var rep output.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	got := map[linter.Category]bool{}
	for _, f := range rep.Files[0].Findings {
		got[f.Category] = true
	}
	reg, err := rules.Default()
	require.NoError(t, err)
	for _, r := range reg.Rules() {
		m := r.Meta()
		switch m.Category {
		case linter.CatJargon, linter.CatForeign, linter.CatAbbreviation, linter.CatTypography, linter.CatVague,
			linter.CatOutcome, linter.CatExecutorName, linter.CatExecutorPhone, linter.CatSentenceLength,
			linter.CatMixedScript, linter.CatAddress:
			assert.True(t, got[m.Category], "bad-reply.txt has no %s finding (rule %s)", m.Category, m.ID)
		}
	}
}

func hasSeverity(rep output.Report, s linter.Severity) bool {
	for _, f := range rep.Files {
		for _, fd := range f.Findings {
			if fd.Severity == s {
				return true
			}
		}
	}
	return false
}

// onlySentenceLength returns flags that leave only the sentence-length
// rule on, so that exit codes do not move when rules are added.
func onlySentenceLength(t *testing.T) []string {
	t.Helper()
	reg, err := rules.Default()
	require.NoError(t, err)
	var off []string
	for _, r := range reg.Rules() {
		if id := r.Meta().ID; id != "sentence-length" {
			off = append(off, id)
		}
	}
	if len(off) == 0 {
		return nil
	}
	return []string{"--disable", strings.Join(off, ",")}
}

func words(n int) string {
	return strings.TrimSpace(strings.Repeat("слово ", n))
}

func TestExitCodes(t *testing.T) {
	only := onlySentenceLength(t)
	clean := "Мы проверили дом."
	warn := "Мы " + words(27) + "."    // 28 words: a warning
	errText := "Мы " + words(45) + "." // 46 words: an error
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"clean", clean, nil, 0},
		{"warning does not fail by default", warn, nil, 0},
		{"error fails", errText, nil, 1},
		{"fail on warning", warn, []string{"--fail-on", "warning"}, 1},
		{"fail on info", warn, []string{"--fail-on", "info"}, 1},
		{"fail on error with a clean text", clean, []string{"--fail-on", "warning"}, 0},
		{"fail on none", errText, []string{"--fail-on", "none"}, 0},
		{"bad fail-on", clean, []string{"--fail-on", "nope"}, 2},
		{"bad format", clean, []string{"--format", "xml"}, 2},
		{"bad profile", clean, []string{"--profile", "nope"}, 2},
		{"unknown rule to enable", clean, []string{"--enable", "nope"}, 2},
		{"unknown rule to disable", clean, []string{"--disable", "nope"}, 2},
		{"unknown flag", clean, []string{"--nope"}, 2},
		{"threshold flag", warn, []string{"--max-sentence-words", "30", "--fail-on", "warning"}, 0},
		{"public profile is stricter", "Мы " + words(22) + ".", []string{"--profile", "public", "--fail-on", "warning"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{"check"}, only...), c.args...)
			args = append(args, "-")
			code, out, errOut := cliRun(t, c.stdin, args...)
			assert.Equal(t, c.code, code, "stdout: %s\nstderr: %s", out, errOut)
			if c.code == 2 {
				assert.NotEmpty(t, errOut, "a reason on stderr")
			}
		})
	}
}

func TestCheckStdin(t *testing.T) {
	code, out, errOut := cliRun(t, "Мы "+words(45)+".", append(append([]string{"check"}, onlySentenceLength(t)...), "--format", "json", "-")...)
	assert.Equal(t, 1, code)
	assert.Empty(t, errOut)
	var rep output.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Len(t, rep.Files, 1)
	assert.Equal(t, "<stdin>", rep.Files[0].Path)
	require.Len(t, rep.Files[0].Findings, 1)
	assert.Equal(t, "sentence-length", rep.Files[0].Findings[0].Rule)

	code, _, errOut = cliRun(t, "", "check")
	assert.Equal(t, 2, code, "no file named")
	assert.NotEmpty(t, errOut)
}

func TestCheckFilesAndFolders(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "scan.txt")
	require.NoError(t, os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), 0o644))

	t.Run("folder", func(t *testing.T) {
		code, out, errOut := cliRun(t, "", "check", "--format", "json", "--fail-on", "none", strings.TrimSuffix(examples, "/"))
		assert.Equal(t, 0, code, errOut)
		var rep output.Report
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		var paths []string
		for _, f := range rep.Files {
			paths = append(paths, filepath.ToSlash(f.Path))
		}
		assert.Subset(t, paths, []string{examples + "bad-reply.txt", examples + "draft.md", examples + "good-reply.txt"})
		assert.IsNonDecreasing(t, paths, "files of a folder come sorted")
	})
	t.Run("missing file", func(t *testing.T) {
		code, out, errOut := cliRun(t, "", "check", "--format", "json", "--fail-on", "none", examples+"nope.txt", examples+"good-reply.txt")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "nope.txt: файл не найден")
		assert.Contains(t, out, "good-reply.txt", "the other files are still checked")
	})
	t.Run("binary file", func(t *testing.T) {
		code, out, errOut := cliRun(t, "", "check", png, examples+"good-reply.txt")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "scan.txt: ")
		assert.Contains(t, errOut, linter.ErrBinary.Error())
		assert.Contains(t, out, "Замечаний нет (1 файл)", "the other file is still checked")
	})
	t.Run("empty folder", func(t *testing.T) {
		code, _, errOut := cliRun(t, "", "check", t.TempDir())
		assert.Equal(t, 0, code)
		assert.Contains(t, errOut, "в папке нет файлов")
	})
}

func TestOtherCommands(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string // a part of stdout
		err  string // a part of stderr
	}{
		{"version", []string{"version"}, 0, "yasno ", ""},
		{"--version", []string{"--version"}, 0, "yasno ", ""},
		{"explain", []string{"explain", "sentence-length"}, 0, "п. 2.5", ""},
		{"explain unknown", []string{"explain", "nope"}, 2, "", "nope"},
		{"explain nothing", []string{"explain"}, 2, "", "yasno rules"},
		{"no command", nil, 2, "", "Использование"},
		{"unknown command", []string{"nope"}, 2, "", "неизвестная команда"},
		{"help for a command", []string{"help", "explain"}, 0, "", ""},
		{"rules", []string{"rules"}, 0, "sentence-length", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", c.args...)
			assert.Equal(t, c.code, code)
			assert.Contains(t, out, c.out)
			assert.Contains(t, errOut, c.err)
		})
	}
}
