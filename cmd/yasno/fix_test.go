package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// fixRun runs the CLI in dir (no yasno.yaml there) and returns the exit
// code, stdout and stderr.
func fixRun(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	var out, errb bytes.Buffer
	code := run(&cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

const fixDraft = "Уважаемая Татьяна Викторовна!\n\nВ адрес ООО \"Жилсервис\" направлен запрос.\r\n" +
	"Перерасчет делают в установленном порядке - с участием собственника  помещения.\n" +
	"Программа на 2020-2026 годы, тел. 44-18-20.\n\nСкобка (не закрыта.\n"

const fixWant = "Уважаемая Татьяна Викторовна!\n\nВ адрес ООО «Жилсервис» направлен запрос.\r\n" +
	"Перерасчет делают в установленном порядке — с участием собственника помещения.\n" +
	"Программа на 2020–2026 годы, тел. 44-18-20.\n\nСкобка (не закрыта.\n"

func TestFixCommand(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "draft.txt")
	require.NoError(t, os.WriteFile(p, []byte(fixDraft), 0o640))

	code, out, errs := fixRun(t, dir, "fix", "draft.txt")
	require.Equal(t, 0, code, errs)
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, fixWant, string(got))
	bak, err := os.ReadFile(p + ".bak")
	require.NoError(t, err)
	assert.Equal(t, fixDraft, string(bak), "the backup keeps the original")
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "permissions are kept")
	assert.Contains(t, out, "draft.txt:3:13: «\"Жилсервис\"» → ««Жилсервис»»")
	assert.Contains(t, out, "«порядке - с» → «порядке — с»")
	assert.Contains(t, out, "исправлено 4")
	assert.Contains(t, out, "вручную: 1") // the unclosed bracket
	assert.NotContains(t, errs, "Жилсервис", "no draft text in the log")

	// Idempotent: a second run changes nothing and writes nothing.
	require.NoError(t, os.Remove(p+".bak"))
	code, out, _ = fixRun(t, dir, "fix", "draft.txt")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Итого исправлено: 0")
	got2, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, fixWant, string(got2))
	assert.NoFileExists(t, p+".bak")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary files are left")
}

func TestFixCommandOptions(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(p, []byte("# Ответ\n\nКомпания \"Домовой\" и `код  \"x\"`.\n"), 0o644))

	// --dry-run touches nothing.
	code, out, _ := fixRun(t, dir, "fix", "--dry-run", "a.md")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "можно исправить: 1")
	got, _ := os.ReadFile(p)
	assert.Contains(t, string(got), "\"Домовой\"")

	// --no-backup: fixed, no copy; code spans untouched.
	code, _, _ = fixRun(t, dir, "fix", "--no-backup", "a.md")
	require.Equal(t, 0, code)
	got, _ = os.ReadFile(p)
	assert.Equal(t, "# Ответ\n\nКомпания «Домовой» и `код  \"x\"`.\n", string(got))
	assert.NoFileExists(t, p+".bak")

	// Other formats are refused with a clear message.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "r.docx"), []byte("PK"), 0o644))
	code, _, errs := fixRun(t, dir, "fix", "r.docx")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "исправление на месте доступно только для .txt и .md")
	code, _, errs = fixRun(t, dir, "fix", "missing.txt")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "файл не найден")
	code, _, _ = fixRun(t, dir, "fix")
	assert.Equal(t, 2, code)
}

func TestFixCommandEncodings(t *testing.T) {
	dir := t.TempDir()
	src := "Компания \"Домовой\" - ответила.\r\n"
	want := "Компания «Домовой» — ответила.\r\n"
	cp, err := charmap.Windows1251.NewEncoder().Bytes([]byte(src))
	require.NoError(t, err)
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(src))
	require.NoError(t, err)
	files := map[string][]byte{
		"cp.txt":  cp,
		"u16.txt": u16,
		"bom.txt": append([]byte{0xEF, 0xBB, 0xBF}, src...),
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	code, _, errs := fixRun(t, dir, "fix", "--no-backup", ".")
	require.Equal(t, 0, code, errs)

	got, _ := os.ReadFile(filepath.Join(dir, "cp.txt"))
	dec, err := charmap.Windows1251.NewDecoder().Bytes(got)
	require.NoError(t, err)
	assert.Equal(t, want, string(dec), "windows-1251 stays windows-1251")

	got, _ = os.ReadFile(filepath.Join(dir, "u16.txt"))
	assert.Equal(t, []byte{0xFF, 0xFE}, got[:2], "UTF-16 keeps its BOM")
	dec, err = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(got)
	require.NoError(t, err)
	assert.Equal(t, want, string(dec))

	got, _ = os.ReadFile(filepath.Join(dir, "bom.txt"))
	assert.Equal(t, append([]byte{0xEF, 0xBB, 0xBF}, want...), got, "the UTF-8 BOM is kept")
}

func TestCheckFix(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "d.txt")
	require.NoError(t, os.WriteFile(p, []byte(fixDraft), 0o644))
	code, out, errs := fixRun(t, dir, "check", "--fix", "--format", "json", "--fail-on", "none", "d.txt")
	assert.Equal(t, 0, code, errs)
	got, _ := os.ReadFile(p)
	assert.Equal(t, fixWant, string(got))
	assert.FileExists(t, p+".bak")
	assert.Contains(t, errs, "«порядке - с» → «порядке — с»", "changes go to stderr, JSON stays clean")
	assert.True(t, strings.HasPrefix(strings.TrimSpace(out), "{"))
	assert.NotContains(t, out, "Жилсервис\\\"")
}
