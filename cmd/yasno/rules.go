package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

func init() {
	register(&command{name: "rules", short: "список правил: id, категория, важность, описание", run: runRules})
	register(&command{name: "explain", args: "ПРАВИЛО",
		short: "объяснить правило: зачем оно, пункт Порядка, примеры «плохо → хорошо»", run: runExplain})
}

func runRules(env *cmdEnv, args []string) int {
	fs := newFlags(env, commands["rules"])
	fs.SetOutput(env.stdout)
	if _, err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	reg, err := rules.Default()
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ПРАВИЛО\tКАТЕГОРИЯ\tВАЖНОСТЬ\tОПИСАНИЕ")
	for _, r := range reg.Rules() {
		m := r.Meta()
		desc := m.Description
		if m.DefaultOff {
			desc += offNote
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.ID, m.Category, m.Severity, desc)
	}
	if err := tw.Flush(); err != nil {
		return 2
	}
	return 0
}

// offNote marks a rule that runs only when enabled (spelling without a
// dictionary); it ends the line so that the columns never shift.
const offNote = " (выключено; включается флагом --enable)"

func runExplain(env *cmdEnv, args []string) int {
	fs := newFlags(env, commands["explain"])
	fs.SetOutput(env.stdout)
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprintln(env.stderr, "yasno: укажите одно правило, например: yasno explain jargon (список: yasno rules)")
		return 2
	}
	reg, err := rules.Default()
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	r, ok := reg.Rule(pos[0])
	if !ok {
		fmt.Fprintf(env.stderr, "yasno: %s\n", reg.Resolve(pos[0]))
		return 2
	}
	fmt.Fprint(env.stdout, Explain(r.Meta()))
	return 0
}

// Explain renders a rule's help for a person.
func Explain(m *linter.Meta) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", m.ID, m.Description)
	fmt.Fprintf(&b, "Категория: %s (%s). Важность: %s.", m.Category, linter.CategoryName(m.Category), m.Severity)
	if m.Clause != "" {
		fmt.Fprintf(&b, " Основание: %s Порядка взаимодействия с клиентом.", m.Clause)
	}
	b.WriteString("\n")
	for _, p := range linter.Profiles {
		if s, ok := m.Profiles[p]; ok {
			fmt.Fprintf(&b, "В профиле %s (%s): %s.\n", p, linter.ProfileName(p), s)
		}
	}
	if m.DefaultOff {
		b.WriteString("По умолчанию выключено; включите флагом --enable " + m.ID + ".\n")
	}
	fmt.Fprintf(&b, "\n%s\n", m.Explanation)
	if len(m.Examples) > 0 {
		b.WriteString("\nПримеры:\n")
		for _, e := range m.Examples {
			fmt.Fprintf(&b, "  Плохо:   %s\n  Хорошо:  %s\n\n", e.Bad, e.Good)
		}
	}
	return b.String()
}
