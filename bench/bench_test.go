// Package bench measures the speed of a whole check: the document model
// and every default rule. Run it with bench/run.sh; the target is at least
// 50 MB/s on one core.
package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// letter is the realistic ~2 KB draft of the README.
const letter = "../examples/bad-reply.txt"

// corpusDirs are where the texts of the 1 MB sample come from: the dev
// corpus when it is beside the repository, otherwise the examples.
var corpusDirs = []string{"../../shared/corpus/dev", "../examples"}

func readLetter(b *testing.B) []byte {
	data, err := os.ReadFile(letter)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// megabyte builds a ~1 MB text by repeating the sample replies, separated
// by blank lines as letters in one file would be.
func megabyte(b *testing.B) []byte {
	var texts [][]byte
	for _, dir := range corpusDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, data)
		}
		if len(texts) > 0 {
			break
		}
	}
	if len(texts) == 0 {
		b.Fatal("no sample texts found")
	}
	var out []byte
	for len(out) < 1<<20 {
		for _, t := range texts {
			out = append(out, t...)
			out = append(out, "\n\n"...)
		}
	}
	return out
}

func benchCheck(b *testing.B, data []byte) {
	reg, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	benchCheckWith(b, reg, data)
}

// benchCheckWith times whole checks of data with reg.
func benchCheckWith(b *testing.B, reg *linter.Registry, data []byte) {
	// One warm-up run fills the stem cache, as in a long-running server.
	check(b, reg, data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		check(b, reg, data)
	}
	cpu.report(b, len(data))
}

// cpuClock measures the CPU time of this process, which stays steady on
// a shared machine where wall time does not. With -cpu 1 the process
// runs the benchmark on one core, so its CPU time is the benchmark's
// (the garbage collector included).
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{cpuTime()} }

// report adds cpu-ns/op and MB/cpu-s to the benchmark's figures.
func (c cpuClock) report(b *testing.B, bytes int) {
	b.StopTimer()
	used := cpuTime() - c.start
	if used <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func check(b *testing.B, reg *linter.Registry, data []byte) {
	doc, err := linter.Parse("bench.txt", data, linter.Text)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := reg.Check(doc, linter.Settings{}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCheckLetter is the whole check of one ~2 KB letter.
func BenchmarkCheckLetter(b *testing.B) { benchCheck(b, readLetter(b)) }

// BenchmarkCheck1MB is the whole check of a ~1 MB text.
func BenchmarkCheck1MB(b *testing.B) { benchCheck(b, megabyte(b)) }

// engineRules are the rules of the engine's own issue: the executor
// mark, the outcome and vague promises, and sentence length.
var engineRules = []string{"executor-name", "executor-phone", "outcome", "vague", "sentence-length"}

// BenchmarkCheck1MBEngineRules is the whole check of the ~1 MB text with
// only engineRules: the document model and those five rules.
func BenchmarkCheck1MBEngineRules(b *testing.B) {
	data := megabyte(b)
	all, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	var some []linter.Rule
	for _, r := range all.Rules() {
		if slices.Contains(engineRules, r.Meta().ID) {
			some = append(some, r)
		}
	}
	if len(some) != len(engineRules) {
		b.Fatalf("found %d of the rules %v", len(some), engineRules)
	}
	reg, err := linter.NewRegistry(some...)
	if err != nil {
		b.Fatal(err)
	}
	benchCheckWith(b, reg, data)
}

// BenchmarkParse1MB is the document alone: decoding, blocks, tokens,
// stems and sentences, without rules.
func BenchmarkParse1MB(b *testing.B) { benchParse(b, megabyte(b)) }

// BenchmarkParseLetter is the document alone for the ~2 KB letter: the
// part of BenchmarkCheckLetter that is not rules.
func BenchmarkParseLetter(b *testing.B) { benchParse(b, readLetter(b)) }

func benchParse(b *testing.B, data []byte) {
	if _, err := linter.Parse("bench.txt", data, linter.Text); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		if _, err := linter.Parse("bench.txt", data, linter.Text); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b, len(data))
}

// BenchmarkRules1MB times each rule alone on the ~1 MB text, to find the
// slow one. Each run gets a freshly parsed document (parsing not timed):
// rules share facts through the document's memo, and a reused document
// would hide their cost. A collection before each run keeps the garbage
// of parsing off the rule's account.
func BenchmarkRules1MB(b *testing.B) {
	data := megabyte(b)
	reg, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	check(b, reg, data) // fills the stem cache and loads the dictionaries
	for _, r := range reg.Rules() {
		id := r.Meta().ID
		one, err := linter.NewRegistry(r)
		if err != nil {
			b.Fatal(err)
		}
		s := linter.Settings{Profile: linter.Citizen, Enable: []string{id}}
		b.Run(id, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				doc, err := linter.Parse("bench.txt", data, linter.Text)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC() // the garbage of parsing is not the rule's
				b.StartTimer()
				if _, err := one.Check(doc, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
