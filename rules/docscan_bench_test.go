package rules

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/yasno/yasno/linter"
)

// BenchmarkDocRules runs each document-level rule alone on a ~1 MB text.
// Each run gets a freshly parsed document, so that a rule pays for the
// facts it shares with others, and starts after a collection, so that
// the garbage of parsing is not charged to it.
func BenchmarkDocRules(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/dev/*.txt")
	if len(files) == 0 {
		files, _ = filepath.Glob("../examples/*.txt")
	}
	var data []byte
	for len(data) < 1<<20 && len(files) > 0 {
		for _, f := range files {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			data = append(append(data, t...), "\n\n"...)
		}
	}
	doc, err := linter.Parse("bench.txt", data, linter.Text)
	if err != nil {
		b.Fatal(err)
	}
	reg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := reg.Check(doc, linter.Settings{}); err != nil { // warm the caches
		b.Fatal(err)
	}
	for _, id := range []string{"outcome", "vague", "address", "executor-name", "executor-phone"} {
		r, ok := reg.Rule(id)
		if !ok {
			b.Fatal(id)
		}
		one, err := linter.NewRegistry(r)
		if err != nil {
			b.Fatal(err)
		}
		s := linter.Settings{Profile: linter.Citizen, Enable: []string{id}}
		b.Run(id, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			// The time of the thread is steadier than the wall clock on a
			// shared machine.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				doc, err := linter.Parse("bench.txt", data, linter.Text)
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				b.StartTimer()
				t0 := threadTime()
				if _, err := one.Check(doc, s); err != nil {
					b.Fatal(err)
				}
				cpu += threadTime() - t0
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// threadTime is the CPU time of the calling thread.
func threadTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
