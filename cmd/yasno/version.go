package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

// Version returns the program version: the linker flag, the module
// version, or "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func init() {
	register(&command{name: "version", short: "показать версию", run: func(env *cmdEnv, args []string) int {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(env.stdout, "Использование: yasno version — показать версию программы.")
			return 0
		}
		fmt.Fprintf(env.stdout, "yasno %s\n", Version())
		return 0
	}})
}
