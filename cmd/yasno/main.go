// Command yasno checks Russian official replies to citizens' appeals:
// plain language, a clear outcome, the executor's name and phone.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand. Each lives in its own file and registers
// itself in init, so fronts can be added without touching this file.
type command struct {
	name  string
	args  string // argument synopsis for help
	short string // one line in Russian
	run   func(env *cmdEnv, args []string) int
}

// cmdEnv is the process environment a command sees; tests replace it.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// tty tells whether stdout is a terminal (colours).
	tty bool
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func main() {
	tty := false
	if fi, err := os.Stdout.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == "" {
		tty = true
	}
	os.Exit(run(&cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, tty: tty}, os.Args[1:]))
}

func run(env *cmdEnv, args []string) int {
	if len(args) == 0 {
		usage(env.stderr)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(env, []string{"--help"})
			}
		}
		usage(env.stdout)
		return 0
	case "--version", "-version":
		args[0] = "version"
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "yasno: неизвестная команда %q\n\n", args[0])
		usage(env.stderr)
		return 2
	}
	return c.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "yasno — проверка ответов на обращения граждан: понятный язык, ясный итог, исполнитель.")
	fmt.Fprintln(w, "\nИспользование: yasno КОМАНДА [флаги] [аргументы]\n\nКоманды:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-9s %s\n", n, c.short)
	}
	fmt.Fprintln(w, "\nПодробнее: yasno КОМАНДА --help")
}

// newFlags makes a flag set whose help is in Russian.
func newFlags(env *cmdEnv, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("yasno "+c.name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "%s\n\nИспользование: yasno %s [флаги] %s\n\nФлаги:\n", c.short, c.name, c.args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags that may stand before, between or after the
// positional arguments («yasno check a.txt --format json»).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag collects repeatable, comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}
