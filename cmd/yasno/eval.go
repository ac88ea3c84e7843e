package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/source"
)

func init() {
	register(&command{name: "eval", args: "ПАПКА",
		short: "оценить точность на размеченных ответах (NN.txt + NN.labels.tsv)", run: runEval})
}

// label is one line of NN.labels.tsv.
type label struct {
	doc        bool // kind doc: a property of the whole reply
	category   linter.Category
	must       bool
	text       string
	start, end int // byte span in the document, for span labels
}

// docCategories are scored per document, not per span.
var docCategories = map[linter.Category]bool{linter.CatExecutorName: true, linter.CatExecutorPhone: true, linter.CatOutcome: true}

// score counts one category.
type score struct {
	found, correct int // findings, findings that overlap a label
	must, hit      int // must labels, must labels hit
	ran            bool
}

func (s score) precision() float64 { return ratio(s.correct, s.found) }
func (s score) recall() float64    { return ratio(s.hit, s.must) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func runEval(env *cmdEnv, args []string) int {
	c := commands["eval"]
	fs := newFlags(env, c)
	var f checkFlags
	addCheckFlags(fs, &f)
	verbose := fs.Bool("verbose", false, "перечислить каждое ложное и пропущенное замечание")
	minSev := fs.String("min-severity", "warning", "с какой важности замечание считается: error, warning или info (советы по умолчанию не считаются дефектами)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.stderr, "yasno: укажите одну папку с файлами NN.txt и NN.labels.tsv")
		return 2
	}
	minRank, ok := failThreshold(*minSev)
	if !ok || *minSev == "none" {
		fmt.Fprintf(env.stderr, "yasno: --min-severity: возможны error, warning, info, а не %q\n", *minSev)
		return 2
	}
	st, err := prepare(env, &f)
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	texts, err := filepath.Glob(filepath.Join(pos[0], "*.txt"))
	if err != nil || len(texts) == 0 {
		fmt.Fprintf(env.stderr, "yasno: %s: нет файлов .txt\n", pos[0])
		return 2
	}
	sort.Strings(texts)
	scores := map[linter.Category]*score{}
	get := func(c linter.Category) *score {
		if scores[c] == nil {
			scores[c] = &score{}
		}
		return scores[c]
	}
	for _, r := range st.reg.Rules() {
		m := r.Meta()
		if ruleRuns(m, st.settings) {
			get(m.Category).ran = true
		}
	}
	var clean []string
	var details bytes.Buffer
	used := 0
	for _, path := range texts {
		lpath := strings.TrimSuffix(path, ".txt") + ".labels.tsv"
		raw, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %s: %v\n", path, err)
			return 2
		}
		lraw, err := os.ReadFile(lpath)
		if err != nil {
			continue // not a labelled reply
		}
		labels, err := parseLabels(lraw, string(raw))
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %s: %v\n", lpath, err)
			return 2
		}
		doc, err := source.Load(path, raw, linter.Text)
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %v\n", err)
			return 2
		}
		res, err := st.reg.Check(doc, st.settings)
		if err != nil {
			fmt.Fprintf(env.stderr, "yasno: %v\n", err)
			return 2
		}
		used++
		kept := res.Findings[:0:0]
		for _, fd := range res.Findings {
			if fd.Severity.Rank() >= minRank {
				kept = append(kept, fd)
			}
		}
		res.Findings = kept
		name := filepath.Base(path)
		if len(labels) == 0 {
			clean = append(clean, fmt.Sprintf("%s — %d", name, len(res.Findings)))
			for _, fd := range res.Findings {
				fmt.Fprintf(&details, "ложное (чистый ответ) %s:%d:%d %s «%s»\n", name, fd.Start.Line, fd.Start.Column, fd.Category, short(fd.Text))
			}
		}
		scoreDoc(name, labels, res.Findings, get, &details)
	}
	if used == 0 {
		fmt.Fprintf(env.stderr, "yasno: %s: нет пар NN.txt + NN.labels.tsv\n", pos[0])
		return 2
	}
	cats := make([]linter.Category, 0, len(scores))
	for _, c := range linter.Categories {
		if s, ok := scores[c]; ok && (s.found > 0 || s.must > 0) {
			cats = append(cats, c)
		}
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "категория\tточность\tполнота\tF1\tнайдено\tверно\tmust\tпропущено")
	sum, n := 0.0, 0
	for _, c := range cats {
		s := scores[c]
		note := ""
		if !s.ran {
			note = " (нет правила)"
		} else {
			sum += s.f1()
			n++
		}
		fmt.Fprintf(tw, "%s%s\t%8.2f\t%7.2f\t%4.2f\t%7d\t%5d\t%4d\t%9d\n", c, note, s.precision(), s.recall(), s.f1(), s.found, s.correct, s.must, s.must-s.hit)
	}
	tw.Flush()
	if len(clean) > 0 {
		fmt.Fprintf(env.stdout, "\nЗамечания на чистых ответах: %s\n", strings.Join(clean, ", "))
	}
	if *verbose && details.Len() > 0 {
		fmt.Fprintf(env.stdout, "\n%s", details.String())
	}
	macro := 0.0
	if n > 0 {
		macro = sum / float64(n)
	}
	fmt.Fprintf(env.stdout, "\nmacro-F1: %.3f (%d категорий, %d ответов)\n", macro, n, used)
	return 0
}

func ruleRuns(m *linter.Meta, s linter.Settings) bool {
	for _, d := range s.Disable {
		if d == m.ID || d == string(m.Category) {
			return false
		}
	}
	if !m.DefaultOff {
		return true
	}
	for _, e := range s.Enable {
		if e == m.ID || e == string(m.Category) {
			return true
		}
	}
	return false
}

// scoreDoc adds one document's findings and labels to the scores, using
// the corpus rules: span overlap within a category for span labels; one
// decision per document for document categories, ignoring «may» ones.
func scoreDoc(name string, labels []label, fs []linter.Finding, get func(linter.Category) *score, out io.Writer) {
	byCat := map[linter.Category][]linter.Finding{}
	for _, f := range fs {
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	for c := range docCategories {
		var must, may bool
		for _, l := range labels {
			if l.doc && l.category == c {
				must = must || l.must
				may = may || !l.must
			}
		}
		found := len(byCat[c]) > 0
		s := get(c)
		switch {
		case must:
			s.must++
			if found {
				s.found++
				s.correct++
				s.hit++
			} else {
				fmt.Fprintf(out, "пропущено %s %s (весь документ)\n", name, c)
			}
		case may:
			// Ignored either way.
		case found:
			s.found++
			f := byCat[c][0]
			fmt.Fprintf(out, "ложное %s:%d:%d %s: %s\n", name, f.Start.Line, f.Start.Column, c, f.Message)
		}
	}
	for c, list := range byCat {
		if docCategories[c] {
			continue
		}
		s := get(c)
		for _, f := range list {
			s.found++
			ok := false
			for _, l := range labels {
				if !l.doc && l.category == c && f.Start.Offset < l.end && l.start < f.End.Offset {
					ok = true
					break
				}
			}
			if ok {
				s.correct++
			} else {
				fmt.Fprintf(out, "ложное %s:%d:%d %s «%s»: %s\n", name, f.Start.Line, f.Start.Column, c, short(f.Text), f.Message)
			}
		}
	}
	for _, l := range labels {
		if l.doc || !l.must {
			continue
		}
		s := get(l.category)
		s.must++
		hit := false
		for _, f := range byCat[l.category] {
			if f.Start.Offset < l.end && l.start < f.End.Offset {
				hit = true
				break
			}
		}
		if hit {
			s.hit++
		} else {
			fmt.Fprintf(out, "пропущено %s %s «%s»\n", name, l.category, l.text)
		}
	}
}

func short(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

// parseLabels reads the corpus TSV: kind, category, strength, text, nth.
// Span labels are placed at the nth occurrence of text in the raw file.
func parseLabels(b []byte, raw string) ([]label, error) {
	var out []label
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(t) == "" {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("строка %d: нужно 5 полей через табуляцию, а их %d", line, len(f))
		}
		l := label{doc: f[0] == "doc", category: linter.Category(f[1]), must: f[2] == "must", text: f[3]}
		if f[0] != "doc" && f[0] != "span" {
			return nil, fmt.Errorf("строка %d: вид %q — ожидается span или doc", line, f[0])
		}
		if !l.doc {
			nth, err := strconv.Atoi(f[4])
			if err != nil || nth < 1 {
				return nil, fmt.Errorf("строка %d: номер вхождения %q", line, f[4])
			}
			off := -1
			from := 0
			for k := 0; k < nth; k++ {
				i := strings.Index(raw[from:], l.text)
				if i < 0 {
					off = -1
					break
				}
				off = from + i
				from = off + 1
			}
			if off < 0 {
				return nil, fmt.Errorf("строка %d: текст %q (вхождение %d) не найден в документе", line, l.text, nth)
			}
			l.start, l.end = off, off+len(l.text)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}
