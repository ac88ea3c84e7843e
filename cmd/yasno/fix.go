package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/yasno/yasno/fix"
	"github.com/yasno/yasno/linter"
)

func init() {
	register(&command{name: "fix", args: "ФАЙЛ|ПАПКА …",
		short: "исправить типографику на месте в .txt и .md (кавычки, тире, пробелы); копия — ФАЙЛ.bak", run: runFix})
}

// fixOptions say how fixFiles behaves.
type fixOptions struct {
	backup bool // keep FILE.bak
	dryRun bool // only print what would change
	// lenient skips inputs that cannot be fixed in place (stdin, .docx)
	// with a notice instead of an error: `check --fix` checks them anyway.
	lenient bool
}

func runFix(env *cmdEnv, args []string) int {
	c := commands["fix"]
	fs := newFlags(env, c)
	var f checkFlags
	addCheckFlags(fs, &f)
	noBackup := fs.Bool("no-backup", false, "не сохранять копию исходного файла ФАЙЛ.bak")
	dryRun := fs.Bool("dry-run", false, "только показать замены, файлы не менять")
	files, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintln(env.stderr, "yasno: укажите файл или папку")
		fs.Usage()
		return 2
	}
	st, err := prepare(env, &f)
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	if !fixFiles(env, env.stdout, st, files, fixOptions{backup: !*noBackup, dryRun: *dryRun}) {
		return 2
	}
	return 0
}

// fixable are the extensions fixed in place: plain text and Markdown,
// where a replacement in the text is a replacement in the file.
var fixable = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true}

const notFixable = "исправление на месте доступно только для .txt и .md"

// fixFiles fixes every named file (folders: their .txt and .md files),
// writes the changes made to w and reports whether all went well.
func fixFiles(env *cmdEnv, w io.Writer, st *setup, args []string, o fixOptions) bool {
	reg, settings, err := fixRules(st)
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return false
	}
	ok := true
	total, nfiles := 0, 0
	for _, a := range args {
		var paths []string
		if fi, err := os.Stat(a); err == nil && fi.IsDir() {
			bad := false
			for _, p := range expand(env, []string{a}, &bad) {
				if fixable[strings.ToLower(filepath.Ext(p))] {
					paths = append(paths, p)
				}
			}
			ok = ok && !bad
		} else if a == "-" || !fixable[strings.ToLower(filepath.Ext(a))] {
			name := a
			if a == "-" {
				name = "<stdin>"
			}
			if o.lenient {
				fmt.Fprintf(env.stderr, "yasno: %s: %s, файл не исправлен\n", name, notFixable)
				continue
			}
			fmt.Fprintf(env.stderr, "yasno: %s: %s\n", name, notFixable)
			ok = false
			continue
		} else {
			paths = []string{a}
		}
		for _, p := range paths {
			n, err := fixFile(w, reg, settings, st.format, p, o)
			if err != nil {
				fmt.Fprintf(env.stderr, "yasno: %s: %s\n", p, err)
				ok = false
				continue
			}
			if n > 0 {
				total += n
				nfiles++
			}
		}
	}
	verb := "исправлено"
	if o.dryRun {
		verb = "можно исправить"
	}
	fmt.Fprintf(w, "Итого %s: %d, файлов: %d.\n", verb, total, nfiles)
	return ok
}

// fixRules narrows the rules to those whose replacements are safe, so a
// fix does not wait for slow checks it cannot use, and keeps the user's
// settings that concern them.
func fixRules(st *setup) (*linter.Registry, linter.Settings, error) {
	var rs []linter.Rule
	for _, r := range st.reg.Rules() {
		if r.Meta().ID == "typography" {
			rs = append(rs, r)
		}
	}
	reg, err := linter.NewRegistry(rs...)
	if err != nil {
		return nil, linter.Settings{}, err
	}
	s := st.settings
	keep := func(list []string) []string {
		var out []string
		for _, n := range list {
			if reg.Resolve(n) == nil {
				out = append(out, n)
			}
		}
		return out
	}
	s.Enable, s.Disable = keep(s.Enable), keep(s.Disable)
	if len(s.Severity) > 0 {
		sev := map[string]linter.Severity{}
		for n, v := range s.Severity {
			if reg.Resolve(n) == nil {
				sev[n] = v
			}
		}
		s.Severity = sev
	}
	return reg, s, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// fixFile fixes one file in place and returns the number of changes.
func fixFile(w io.Writer, reg *linter.Registry, s linter.Settings, format linter.Format, p string, o fixOptions) (int, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, errors.New("файл не найден")
		}
		return 0, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return 0, err
	}
	raw, err := readFile(real)
	if err != nil {
		return 0, err
	}
	text, enc, err := linter.Decode(raw)
	if err != nil {
		return 0, err
	}
	if format == "" {
		format, _ = linter.FormatFromName(p)
	}
	if format != linter.Text && format != linter.Markdown {
		return 0, errors.New(notFixable)
	}
	check := func(t string) ([]linter.Finding, error) {
		var doc *linter.Document
		if format == linter.Markdown {
			doc = linter.FromMarkdown(p, t)
		} else {
			doc = linter.FromText(p, t)
		}
		res, err := reg.Check(doc, s)
		if err != nil {
			return nil, err
		}
		return res.Findings, nil
	}
	res, err := fix.Fix(text, check, fix.MaxRounds)
	if err != nil {
		return 0, err
	}
	left := 0
	for _, f := range res.Remaining {
		if f.Category == linter.CatTypography {
			left++
		}
	}
	if len(res.Changes) == 0 {
		if left > 0 {
			fmt.Fprintf(w, "%s: исправлять автоматически нечего; вручную: %d (yasno check %s)\n", p, left, p)
		}
		return 0, nil
	}
	for _, c := range res.Changes {
		fmt.Fprintf(w, "%s:%d:%d: «%s» → «%s»\n", p, c.Start.Line, c.Start.Column, c.Old, c.New)
	}
	if o.dryRun {
		fmt.Fprintf(w, "%s: можно исправить %d; файл не изменён (--dry-run)\n", p, len(res.Changes))
		return len(res.Changes), nil
	}
	data, err := encodeText(res.Text, enc, bytes.HasPrefix(raw, utf8BOM))
	if err != nil {
		return 0, err
	}
	perm := fi.Mode().Perm()
	if o.backup {
		if err := writeAtomic(real+".bak", raw, perm); err != nil {
			return 0, fmt.Errorf("не удалось сохранить копию %s.bak: %w", filepath.Base(real), err)
		}
	}
	if err := writeAtomic(real, data, perm); err != nil {
		return 0, fmt.Errorf("не удалось записать файл: %w", err)
	}
	msg := fmt.Sprintf("%s: исправлено %d", p, len(res.Changes))
	if o.backup {
		msg += ", копия — " + p + ".bak"
	}
	if left > 0 {
		msg += fmt.Sprintf("; осталось поправить вручную: %d (yasno check %s)", left, p)
	}
	fmt.Fprintln(w, msg)
	return len(res.Changes), nil
}

// encodeText writes text back in the encoding it was read in, with the
// byte-order mark it had: a clerk's editor must open it as before.
func encodeText(text string, enc linter.Encoding, bom bool) ([]byte, error) {
	switch enc {
	case linter.CP1251:
		b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
		if err != nil {
			return nil, errors.New("в тексте есть знаки, которых нет в кодировке windows-1251; файл не изменён")
		}
		return b, nil
	case linter.UTF16LE, linter.UTF16BE:
		order := unicode.LittleEndian
		if enc == linter.UTF16BE {
			order = unicode.BigEndian
		}
		return unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	}
	if bom {
		return append(append([]byte{}, utf8BOM...), text...), nil
	}
	return []byte(text), nil
}

// writeAtomic replaces path with data through a temporary file in the
// same folder and a rename, so a crash never leaves half a file.
func writeAtomic(path string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".yasno-*")
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return errors.New("нет прав на запись в папку")
		}
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(name, path)
}
