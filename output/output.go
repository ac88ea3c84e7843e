// Package output writes check results for people and programs: the JSON
// contract and the compiler-style text report.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// File is the result for one checked file: the unit of the JSON contract.
type File struct {
	Path     string           `json:"path"`
	Format   linter.Format    `json:"format"`
	Profile  linter.Profile   `json:"profile"`
	Findings []linter.Finding `json:"findings"`
	Stats    linter.Stats     `json:"stats"`
	// Text is the checked text; kept for the text report, never marshalled.
	Text string `json:"-"`
}

// Report is the whole JSON answer.
type Report struct {
	Files []File `json:"files"`
}

// NewFile makes the result of one document.
func NewFile(path string, d *linter.Document, r *linter.Result) File {
	return File{Path: path, Format: d.Format, Profile: r.Profile, Findings: r.Findings, Stats: r.Stats, Text: d.Text}
}

// JSON writes the report as indented JSON.
func JSON(w io.Writer, files []File) error {
	if files == nil {
		files = []File{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Report{Files: files})
}

// ANSI colours for a terminal.
const (
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	blue   = "\x1b[36m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

// Text writes `path:line:col: severity: message [rule]`, the source line
// with the span underlined, and a summary line.
func Text(w io.Writer, files []File, color bool) error {
	var n [4]int
	for _, f := range files {
		for _, fd := range f.Findings {
			n[fd.Severity.Rank()]++
			loc := fmt.Sprintf("%s:%d:%d", f.Path, fd.Start.Line, fd.Start.Column)
			if p := fd.Paragraph; p != nil {
				part := ""
				if p.Part != "body" {
					part = partName(p.Part) + " "
				}
				loc = fmt.Sprintf("%s:%s¶%d:%d", f.Path, part, p.Index, p.Column)
			}
			sev := string(fd.Severity)
			if color {
				sev = sevColor(fd.Severity) + sev + reset
				loc = bold + loc + reset
			}
			msg := fd.Message
			if len(fd.Suggestions) > 0 && fd.Suggestions[0] != "" {
				msg += " Замена: «" + strings.Join(fd.Suggestions, "», «") + "»."
			}
			if fd.Clause != "" {
				msg += " (" + fd.Clause + ")"
			}
			if _, err := fmt.Fprintf(w, "%s: %s: %s [%s]\n", loc, sev, msg, fd.Rule); err != nil {
				return err
			}
			if err := underline(w, f.Text, fd, color); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintln(w, Summary(n[3], n[2], n[1], len(files)))
	return err
}

func partName(p string) string {
	switch p {
	case "table":
		return "таблица"
	case "header":
		return "верхний колонтитул"
	case "footer":
		return "нижний колонтитул"
	case "footnote":
		return "сноска"
	}
	return p
}

func sevColor(s linter.Severity) string {
	switch s {
	case linter.Error:
		return red
	case linter.Warning:
		return yellow
	}
	return blue
}

// context is how many characters of the line are shown on each side of a
// finding; a paragraph written as one long line stays readable.
const context = 40

// underline prints the line of the finding's start with ^~~~ under the
// span (to the end of that line if the span goes on). A long line is cut
// to a window around the span, with «…» where it was cut.
func underline(w io.Writer, text string, fd linter.Finding, color bool) error {
	off := fd.Start.Offset
	if off > len(text) {
		return nil
	}
	ls := strings.LastIndexByte(text[:off], '\n') + 1
	le := strings.IndexByte(text[off:], '\n')
	if le < 0 {
		le = len(text)
	} else {
		le += off
	}
	line := []rune(strings.TrimRight(strings.ReplaceAll(text[ls:le], "\t", " "), "\r"))
	end := min(fd.End.Offset, ls+len(text[ls:le]))
	from := utf8.RuneCountInString(text[ls:off])
	from = min(from, len(line))
	width := max(1, utf8.RuneCountInString(text[off:max(off, end)]))
	to := min(len(line), from+width)
	lo, hi := max(0, from-context), min(len(line), to+context)
	if to-from > 2*context { // a long span: show its start
		hi = min(len(line), from+2*context)
	}
	prefix, suffix := "", ""
	if lo > 0 {
		prefix = "…"
	}
	if hi < len(line) {
		suffix = "…"
	}
	shown := string(line[lo:hi])
	pad := utf8.RuneCountInString(prefix) + from - lo
	width = max(1, min(to, hi)-from)
	mark := "^" + strings.Repeat("~", width-1)
	if color {
		mark = sevColor(fd.Severity) + mark + reset
	}
	_, err := fmt.Fprintf(w, "    %s%s%s\n    %s%s\n", prefix, shown, suffix, strings.Repeat(" ", pad), mark)
	return err
}

// Summary is the closing line in plain Russian.
func Summary(errors, warnings, infos, files int) string {
	if errors+warnings+infos == 0 {
		return fmt.Sprintf("Замечаний нет (%s).", count(files, "файл", "файла", "файлов"))
	}
	return fmt.Sprintf("Найдено: %s, %s, %s (%s).",
		count(errors, "ошибка", "ошибки", "ошибок"),
		count(warnings, "предупреждение", "предупреждения", "предупреждений"),
		count(infos, "совет", "совета", "советов"),
		count(files, "файл", "файла", "файлов"))
}

func count(n int, one, few, many string) string {
	m := n % 100
	form := many
	if m < 11 || m > 14 {
		switch m % 10 {
		case 1:
			form = one
		case 2, 3, 4:
			form = few
		}
	}
	return fmt.Sprintf("%d %s", n, form)
}
