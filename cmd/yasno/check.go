package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
	"github.com/yasno/yasno/source"
)

func init() {
	register(&command{name: "check", args: "ФАЙЛ|ПАПКА|- …",
		short: "проверить черновики ответов (.txt, .md, .docx, .odt, .html)", run: runCheck})
}

// checkFlags are the flags shared by check, fix and eval.
type checkFlags struct {
	profile, inputFormat, configPath, dict string
	enable, disable                        listFlag
	maxWords                               int
}

func addCheckFlags(fs *flag.FlagSet, f *checkFlags) {
	fs.StringVar(&f.profile, "profile", "", "вид ответа: citizen (гражданину), official (органу или организации), public (в соцсети); по умолчанию определяется по шапке письма")
	fs.StringVar(&f.inputFormat, "input-format", "", "формат входа: text, markdown, docx, odt, html (по умолчанию по расширению файла)")
	fs.StringVar(&f.configPath, "config", "", "файл настроек (по умолчанию yasno.yaml в текущей папке)")
	fs.Var(&f.enable, "enable", "включить правило или категорию (можно повторять, через запятую)")
	fs.Var(&f.disable, "disable", "выключить правило или категорию (можно повторять, через запятую)")
	fs.StringVar(&f.dict, "dict", "", "словарь Hunspell для проверки орфографии (файл .dic, рядом .aff); по умолчанию ищется ru_RU в стандартных папках")
	fs.IntVar(&f.maxWords, "max-sentence-words", 0, "предупреждать о предложениях длиннее N слов (по умолчанию 25, в профиле public 20)")
}

// setup is what a run needs: the rules and the merged settings.
type setup struct {
	reg      *linter.Registry
	settings linter.Settings
	format   linter.Format
}

// prepare loads the configuration and checks the flags against the rules.
func prepare(env *cmdEnv, f *checkFlags) (*setup, error) {
	path := f.configPath
	if path == "" {
		if wd, err := os.Getwd(); err == nil {
			path = config.Find(wd)
		}
	}
	var cfg *config.Config
	if path != "" {
		var err error
		if cfg, err = config.Load(path); err != nil {
			return nil, err
		}
	}
	if f.dict != "" {
		if cfg == nil {
			cfg = &config.Config{}
		}
		cfg.Spelling.Dictionary = f.dict
	}
	notice := func(s string) { fmt.Fprintln(env.stderr, "yasno: "+s) }
	reg, err := cfg.Rules(notice)
	if err != nil {
		return nil, err
	}
	p, err := linter.ParseProfile(f.profile)
	if err != nil {
		return nil, err
	}
	if f.maxWords < 0 {
		return nil, errors.New("--max-sentence-words должно быть положительным числом")
	}
	over := linter.Settings{Profile: p, Enable: f.enable, Disable: f.disable, MaxSentenceWords: f.maxWords}
	s := config.Merge(cfg.Settings(), over)
	for _, n := range append(append([]string{}, s.Enable...), s.Disable...) {
		if err := reg.Resolve(n); err != nil {
			return nil, err
		}
	}
	var format linter.Format
	if f.inputFormat != "" {
		if format, err = linter.ParseFormat(f.inputFormat); err != nil {
			return nil, err
		}
	}
	return &setup{reg: reg, settings: s, format: format}, nil
}

func runCheck(env *cmdEnv, args []string) int {
	c := commands["check"]
	fs := newFlags(env, c)
	var f checkFlags
	addCheckFlags(fs, &f)
	format := fs.String("format", "text", "вывод: text (для человека) или json (для программ)")
	failOn := fs.String("fail-on", "error", "с какой важности код выхода 1: error, warning, info, none")
	fixFirst := fs.Bool("fix", false, "сначала исправить типографику в .txt и .md на месте (копия — ФАЙЛ.bak), потом проверить")
	files, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.stderr, "yasno: --format: возможны text или json, а не %q\n", *format)
		return 2
	}
	threshold, ok := failThreshold(*failOn)
	if !ok {
		fmt.Fprintf(env.stderr, "yasno: --fail-on: возможны error, warning, info, none, а не %q\n", *failOn)
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintln(env.stderr, "yasno: укажите файл, папку или - для стандартного ввода")
		fs.Usage()
		return 2
	}
	st, err := prepare(env, &f)
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	if *fixFirst {
		fixFiles(env, env.stderr, st, files, fixOptions{backup: true, lenient: true})
	}
	results, bad := checkInputs(env, st, files)
	if *format == "json" {
		err = output.JSON(env.stdout, results)
	} else {
		err = output.Text(env.stdout, results, env.tty)
	}
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	if bad {
		return 2
	}
	return exitFor(results, threshold)
}

// failThreshold maps --fail-on to a severity rank; none is above all.
func failThreshold(s string) (int, bool) {
	switch s {
	case "none":
		return 4, true
	case "error", "warning", "info":
		return linter.Severity(s).Rank(), true
	}
	return 0, false
}

func exitFor(results []output.File, threshold int) int {
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Severity.Rank() >= threshold {
				return 1
			}
		}
	}
	return 0
}

// checkInputs checks every named input; bad is true when one could not be
// read. Errors go to stderr, one line each, without the text.
func checkInputs(env *cmdEnv, st *setup, args []string) (results []output.File, bad bool) {
	for _, p := range expand(env, args, &bad) {
		var data []byte
		var err error
		name := p
		if p == "-" {
			name = "<stdin>"
			data, err = io.ReadAll(io.LimitReader(env.stdin, source.MaxSize+1))
		} else {
			data, err = readFile(p)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %s: %s\n", name, err)
			bad = true
			continue
		}
		fname := p
		if p == "-" {
			fname = ""
		}
		doc, err := source.Load(fname, data, st.format)
		if err != nil {
			var ie *linter.InputError
			if errors.As(err, &ie) {
				ie.Name = name
			}
			fmt.Fprintf(env.stderr, "yasno: %s\n", err)
			bad = true
			continue
		}
		doc.Name = name
		res, err := st.reg.Check(doc, st.settings)
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %s\n", err)
			bad = true
			continue
		}
		results = append(results, output.NewFile(name, doc, res))
	}
	return results, bad
}

func readFile(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errors.New("файл не найден")
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, errors.New("нет прав на чтение файла")
		}
		return nil, err
	}
	if fi.Size() > source.MaxSize {
		return nil, fmt.Errorf("файл слишком большой: больше %d МБ", source.MaxSize>>20)
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrPermission) {
		return nil, errors.New("нет прав на чтение файла")
	}
	return b, err
}

// checkedExt are the extensions taken from folders.
var checkedExt = map[string]bool{".txt": true, ".md": true, ".markdown": true, ".docx": true, ".odt": true, ".html": true, ".htm": true}

// expand replaces folders with the files in them (recursively, sorted).
func expand(env *cmdEnv, args []string, bad *bool) []string {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(env.stderr, "yasno: %s: не удалось прочитать папку\n", p)
				*bad = true
				return nil
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && checkedExt[strings.ToLower(filepath.Ext(p))] && !strings.HasPrefix(d.Name(), "~$") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			*bad = true
		}
		sort.Strings(found)
		if len(found) == 0 {
			fmt.Fprintf(env.stderr, "yasno: %s: в папке нет файлов .txt, .md, .docx, .odt, .html\n", a)
		}
		out = append(out, found...)
	}
	return out
}
