package spelling

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode"
)

// benchDict loads ru_RU or skips the benchmark.
func benchDict(b *testing.B) *Dict {
	b.Helper()
	aff, dic, ok := Find()
	if !ok {
		b.Skip("ru_RU dictionary is not installed")
	}
	d, err := LoadFiles(aff, dic)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// corpusText joins the dev corpus replies: realistic running text.
func corpusText(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob("/work/shared/corpus/dev/*.txt")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteByte('\n')
	}
	if sb.Len() == 0 {
		b.Skip("dev corpus not found")
	}
	return sb.String()
}

// tokens splits text into words: letters with inner hyphens.
func tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
}

func BenchmarkLoad(b *testing.B) {
	affPath, dicPath, ok := Find()
	if !ok {
		b.Skip("ru_RU dictionary is not installed")
	}
	aff, _ := os.ReadFile(affPath)
	dic, _ := os.ReadFile(dicPath)
	b.SetBytes(int64(len(aff) + len(dic)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		if _, err := Load(bytes.NewReader(aff), bytes.NewReader(dic)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time includes the garbage collector's work on other threads.
	b.ReportMetric((cpuTime()-cpu0)*1e3/float64(n), "cpu-ms/op")
}

// BenchmarkLoadMemory loads the dictionary once per iteration and reports
// the live heap it keeps and the peak resident set size of the process.
func BenchmarkLoadMemory(b *testing.B) {
	affPath, dicPath, ok := Find()
	if !ok {
		b.Skip("ru_RU dictionary is not installed")
	}
	var keep *Dict
	var ms runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		d, err := LoadFiles(affPath, dicPath)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapAlloc-before)/1e6, "heapMB")
		keep = d
	}
	runtime.KeepAlive(keep)
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(hwm, "peakRSS-MB")
	}
}

// peakRSS returns VmHWM of this process in MB, or 0 where /proc is missing.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}

func benchCheck(b *testing.B, noCache bool) {
	text := corpusText(b)
	d := benchDict(b)
	d.noCache = noCache
	words := tokens(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		for _, w := range words {
			d.Check(w)
		}
		n++
	}
	// The machine may be shared: MB per second of this process's CPU time
	// is steadier than MB/s of wall time.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*len(text))/1e6/cpu, "MB/cpu-s")
	}
}

// cpuTime returns the user+system CPU seconds used by the process.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkCheck is Check over the dev corpus with the memo of results, as
// in use: replies repeat most of their words.
func BenchmarkCheck(b *testing.B) { benchCheck(b, false) }

// BenchmarkCheckNoMemo is the same without the memo: every word is analysed.
func BenchmarkCheckNoMemo(b *testing.B) { benchCheck(b, true) }

func BenchmarkSuggest(b *testing.B) {
	d := benchDict(b)
	d.Suggest("прилогаются", 3) // builds the scan index
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range []string{"выявленого", "прилогаются", "резултатам"} {
			d.Suggest(w, 3)
		}
	}
}
