package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/lsp"
)

func init() {
	register(&command{name: "lsp",
		short: "языковой сервер (LSP) для редакторов: замечания прямо в тексте", run: runLSP})
}

// runLSP serves the Language Server Protocol on stdin and stdout. Only the
// protocol goes to stdout; notices go to stderr, which editors show in
// their log.
func runLSP(env *cmdEnv, args []string) int {
	fs := newFlags(env, commands["lsp"])
	configPath := fs.String("config", "", "файл настроек (по умолчанию yasno.yaml в текущей папке)")
	rulesURL := fs.String("rules-url", lspEnvOr("YASNO_RULES_URL", lsp.DefaultRulesURL),
		"страница правил для ссылок из замечаний, обычно адрес yasno serve + /rules (YASNO_RULES_URL)")
	fs.Bool("stdio", true, "общаться через stdin/stdout (так всегда; флаг для редакторов, которые его передают)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.stderr, "yasno: lsp не принимает файлов, лишнее: %s\n", strings.Join(pos, " "))
		return 2
	}
	path := *configPath
	if path == "" {
		if wd, err := os.Getwd(); err == nil {
			path = config.Find(wd)
		}
	}
	var cfg *config.Config
	if path != "" {
		if cfg, err = config.Load(path); err != nil {
			fmt.Fprintln(env.stderr, "yasno: "+err.Error())
			return 2
		}
	}
	reg, err := cfg.Rules(func(s string) { fmt.Fprintln(env.stderr, "yasno: "+s) })
	if err != nil {
		fmt.Fprintln(env.stderr, "yasno: "+err.Error())
		return 2
	}
	log := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	err = lsp.Serve(context.Background(), env.stdin, env.stdout, lsp.Options{Registry: reg, Settings: cfg.Settings(),
		RulesURL: strings.TrimRight(*rulesURL, "/"), Version: Version(), Log: log})
	switch {
	case err == nil:
		return 0
	case errors.Is(err, lsp.ErrNoShutdown):
		return 1
	}
	fmt.Fprintln(env.stderr, "yasno: "+err.Error())
	return 1
}

func lspEnvOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
