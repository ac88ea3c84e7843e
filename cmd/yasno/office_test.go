package main

// Office documents through the command line: the golden text and JSON
// reports of testdata/docs/reply.docx (refresh them like the others, with
// go test ./cmd/yasno -run Golden -update), the paragraph positions in
// both, and the refusals: exit code 2 and one plain line on stderr.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
)

const docs = "../../testdata/docs/"

func readDoc(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(docs + name)
	require.NoError(t, err)
	return b
}

func TestGoldenOffice(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", "check", "--disable", "spelling", "--format", format, docs+"reply.docx")
			assert.Empty(t, errOut)
			assert.Contains(t, []int{0, 1}, code)
			golden(t, "reply.docx."+format+".golden", out)
		})
	}
}

// TestOfficeTextReport: the text report sends the clerk to the paragraph
// of her document, naming the part when it is not the body.
func TestOfficeTextReport(t *testing.T) {
	_, out, _ := cliRun(t, "", "check", docs+"reply.docx")
	lines := strings.Split(out, "\n")
	has := func(prefix, rule string) bool {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) && strings.HasSuffix(l, "["+rule+"]") {
				return true
			}
		}
		return false
	}
	for _, c := range []struct{ prefix, rule string }{
		{docs + "reply.docx:таблица ¶3:27: warning: ", "jargon"}, // «в целях» in a table cell
		{docs + "reply.docx:¶5:52: warning: ", "foreign"},        // «мониторинг» in the body
	} {
		assert.True(t, has(c.prefix, c.rule), "no line %q … [%s] in\n%s", c.prefix, c.rule, out)
	}
	assert.NotContains(t, out, ":1:1: ", "office findings carry no line:column")
}

// TestOfficeJSON: every finding of an office document carries its place
// in the document beside the offsets into the extracted text; DOCX and ODT
// of the same letter report the same.
func TestOfficeJSON(t *testing.T) {
	reports := map[string]output.File{}
	for _, file := range []string{"reply.docx", "reply.odt", "reply.html"} {
		t.Run(file, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", "check", "--format", "json", docs+file)
			require.Empty(t, errOut)
			require.Contains(t, []int{0, 1}, code)
			var rep output.Report
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			require.Len(t, rep.Files, 1)
			f := rep.Files[0]
			assert.Equal(t, docs+file, f.Path)
			assert.Equal(t, linter.Format(strings.TrimPrefix(filepath.Ext(file), ".")), f.Format)
			require.NotEmpty(t, f.Findings)
			reports[file] = f

			// The raw JSON: "paragraph":{"part","index","column"} and nothing more.
			var raw struct {
				Files []struct {
					Findings []map[string]json.RawMessage `json:"findings"`
				} `json:"files"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &raw))
			for _, fd := range raw.Files[0].Findings {
				var p map[string]any
				require.NoError(t, json.Unmarshal(fd["paragraph"], &p))
				assert.ElementsMatch(t, []string{"part", "index", "column"}, keys(p))
				assert.Contains(t, []string{"body", "table", "header", "footer", "footnote"}, p["part"])
				assert.Contains(t, fd, "start")
				assert.Contains(t, fd, "startChar")
			}
			var jargon *linter.Finding
			for i := range f.Findings {
				if fd := &f.Findings[i]; fd.Category == linter.CatJargon && fd.Text == "в целях" {
					jargon = fd
				}
			}
			require.NotNil(t, jargon, "«в целях» in the table")
			assert.Equal(t, &linter.ParagraphRef{Part: "table", Index: 3, Column: 27}, jargon.Paragraph)
		})
	}
	if d, o := reports["reply.docx"], reports["reply.odt"]; len(d.Findings) > 0 && len(o.Findings) > 0 {
		assert.Equal(t, d.Findings, o.Findings, "the same letter as DOCX and as ODT")
		assert.Equal(t, d.Stats, o.Stats)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestOfficeRefusals: each input yasno will not check gives exit code 2
// and exactly one line on stderr, «yasno: NAME: reason», in Russian.
func TestOfficeRefusals(t *testing.T) {
	docx, odt, html := readDoc(t, "reply.docx"), readDoc(t, "reply.odt"), readDoc(t, "reply.html")
	cfb := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x00\x00\x00\x00\x3E\x00\x03\x00\xFE\xFF")
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	cases := []struct {
		name  string
		file  string // written to a temp dir; "-" reads stdin
		data  []byte
		flags []string
		msg   string // stderr after «yasno: NAME: »
	}{
		{"docx that is html", "ответ.docx", html, nil,
			"у файла расширение .docx, а внутри страница HTML: переименуйте файл в .html и проверьте снова"},
		{"odt that is docx", "ответ.odt", docx, nil,
			"у файла расширение .odt, а внутри документ Word (DOCX): переименуйте файл в .docx и проверьте снова"},
		{"html that is odt", "ответ.html", odt, nil,
			"у файла расширение .html, а внутри документ OpenDocument (ODT): переименуйте файл в .odt и проверьте снова"},
		{"txt that is a zip", "ответ.txt", docx, nil,
			"у файла расширение .txt, а внутри документ Word (DOCX): переименуйте файл в .docx и проверьте снова"},
		{"encrypted", "ответ.docx", cfb, nil, extract.ErrEncrypted.Error()},
		{"old doc", "ответ.doc", cfb, nil, extract.ErrEncrypted.Error()},
		{"unknown binary", "ответ.docx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), nil,
			"у файла расширение .docx, а внутри файл неизвестного вида: проверьте, тот ли файл выбран, или сохраните ответ заново как документ Word (.docx)"},
		{"truncated docx", "ответ.docx", docx[:len(docx)/2], nil, "повреждённый документ: архив обрезан или испорчен"},
		{"pdf", "ответ.pdf", []byte("%PDF-1.7\n1 0 obj\n"), nil,
			"это файл PDF, его текст не читается: откройте исходный документ ответа (.docx или .odt) и проверьте его"},
		{"encrypted on stdin", "-", cfb, nil, extract.ErrEncrypted.Error()},
		{"stdin with a chosen format", "-", html, []string{"--input-format", "docx"},
			"выбран формат DOCX, а внутри страница HTML: переименуйте файл в .html и проверьте снова"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			arg, name, stdin := c.file, "<stdin>", string(c.data)
			if c.file != "-" {
				arg, name, stdin = write(c.file, c.data), filepath.Join(dir, c.file), ""
			}
			args := append(append([]string{"check"}, c.flags...), arg)
			code, out, errOut := cliRun(t, stdin, args...)
			assert.Equal(t, 2, code)
			assert.Equal(t, "yasno: "+name+": "+c.msg+"\n", errOut)
			assert.NotContains(t, out+errOut, "Сергеевна", "no text of the document in messages")
		})
	}
	t.Run("the other files are still checked", func(t *testing.T) {
		bad := write("сломанный.docx", docx[:100])
		code, out, errOut := cliRun(t, "", "check", "--format", "json", bad, docs+"reply.odt")
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, "сломанный.docx: повреждённый документ")
		var rep output.Report
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		require.Len(t, rep.Files, 1)
		assert.Equal(t, linter.ODT, rep.Files[0].Format)
	})
}

// TestOfficeStdin: a document on stdin is recognised by its content.
func TestOfficeStdin(t *testing.T) {
	for _, file := range []string{"reply.docx", "reply.odt", "reply.html"} {
		t.Run(file, func(t *testing.T) {
			code, out, errOut := cliRun(t, string(readDoc(t, file)), "check", "--format", "json", "-")
			assert.Empty(t, errOut)
			assert.Contains(t, []int{0, 1}, code)
			var rep output.Report
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			require.Len(t, rep.Files, 1)
			assert.Equal(t, "<stdin>", rep.Files[0].Path)
			assert.Equal(t, linter.Format(strings.TrimPrefix(filepath.Ext(file), ".")), rep.Files[0].Format)
			require.NotEmpty(t, rep.Files[0].Findings)
			assert.NotNil(t, rep.Files[0].Findings[0].Paragraph)
		})
	}
}

// TestOfficeFolder: a folder's documents are checked; Word's lock files
// («~$ответ.docx», binary junk) are not.
func TestOfficeFolder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"reply.docx", "reply.odt", "reply.html"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), readDoc(t, f), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "~$reply.docx"), []byte("\x0bПетрова А.С.\x00\x00\x00"), 0o644))
	code, out, errOut := cliRun(t, "", "check", "--format", "json", "--fail-on", "none", dir)
	assert.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)
	var rep output.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	var got []string
	for _, f := range rep.Files {
		got = append(got, filepath.Base(f.Path)+":"+string(f.Format))
	}
	assert.Equal(t, []string{"reply.docx:docx", "reply.html:html", "reply.odt:odt"}, got)
}
