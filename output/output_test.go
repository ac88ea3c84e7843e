package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func finding(text string, start, end int) linter.Finding {
	d := linter.FromText("t.txt", text)
	return linter.Finding{Rule: "jargon", Category: linter.CatJargon, Severity: linter.Warning,
		Message: "Канцелярит.", Start: d.Pos(start), End: d.Pos(end), Text: text[start:end],
		Suggestions: []string{"сейчас"}, Clause: "п. 2.5"}
}

func TestTextUnderlinesTheSpan(t *testing.T) {
	text := "Первая строка.\nВ настоящее время всё готово.\n"
	start := strings.Index(text, "В настоящее")
	f := finding(text, start, start+len("В настоящее время"))
	var b bytes.Buffer
	require.NoError(t, Text(&b, []File{{Path: "t.txt", Findings: []linter.Finding{f}, Text: text}}, false))
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "t.txt:2:1: warning: Канцелярит. Замена: «сейчас». (п. 2.5) [jargon]", lines[0])
	assert.Equal(t, "    В настоящее время всё готово.", lines[1])
	assert.Equal(t, "    ^"+strings.Repeat("~", 16), lines[2], "17 characters underlined, counted in runes")
	assert.Equal(t, "Найдено: 0 ошибок, 1 предупреждение, 0 советов (1 файл).", lines[3])
}

func TestTextClipsLongLines(t *testing.T) {
	text := strings.Repeat("слово ", 40) + "ввиду " + strings.Repeat("слово ", 40)
	start := strings.Index(text, "ввиду")
	f := finding(text, start, start+len("ввиду"))
	var b bytes.Buffer
	require.NoError(t, Text(&b, []File{{Path: "t.txt", Findings: []linter.Finding{f}, Text: text}}, false))
	lines := strings.Split(b.String(), "\n")
	assert.True(t, strings.HasPrefix(lines[1], "    …"), lines[1])
	assert.True(t, strings.HasSuffix(lines[1], "…"), lines[1])
	col := strings.Index(lines[2], "^")
	assert.Equal(t, "ввиду", string([]rune(lines[1])[len([]rune(lines[2][:col])):][:5]), "the mark stands under the word")
}

func TestTextOfficeParagraph(t *testing.T) {
	f := finding("в целях", 0, len("в целях"))
	f.Paragraph = &linter.ParagraphRef{Part: "table", Index: 3, Column: 27}
	var b bytes.Buffer
	require.NoError(t, Text(&b, []File{{Path: "r.docx", Findings: []linter.Finding{f}, Text: "в целях"}}, false))
	assert.True(t, strings.HasPrefix(b.String(), "r.docx:таблица ¶3:27: warning:"), b.String())
}

func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, JSON(&b, nil))
	assert.JSONEq(t, `{"files":[]}`, b.String())

	text := "В настоящее время"
	f := finding(text, 0, len(text))
	b.Reset()
	require.NoError(t, JSON(&b, []File{{Path: "t.txt", Format: linter.Text, Profile: linter.Citizen, Findings: []linter.Finding{f}}}))
	var got map[string][]map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	fd := got["files"][0]["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "category", "severity", "message", "text", "start", "end", "startChar", "endChar", "suggestions", "clause"} {
		assert.Contains(t, fd, k)
	}
	assert.Equal(t, map[string]any{"offset": 0.0, "line": 1.0, "column": 1.0}, fd["start"])
	assert.NotContains(t, b.String(), `"Text"`, "the checked text is never part of the report")
}

func TestSummaryPlurals(t *testing.T) {
	assert.Equal(t, "Замечаний нет (2 файла).", Summary(0, 0, 0, 2))
	assert.Equal(t, "Найдено: 21 ошибка, 12 предупреждений, 3 совета (5 файлов).", Summary(21, 12, 3, 5))
}
