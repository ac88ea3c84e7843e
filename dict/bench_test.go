package dict

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/dictionaries"
	"github.com/yasno/yasno/linter"
)

// TestBuiltin checks that the embedded data parses and compiles, and that
// every entry is reachable.
func TestBuiltin(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	require.NotEmpty(t, b.Jargon)
	require.NotEmpty(t, b.Foreign)
	require.NotEmpty(t, b.Names)
	require.NotEmpty(t, b.Abbrs)
	d, err := b.Compile()
	require.NoError(t, err)
	require.Len(t, d.Entries(), len(b.Names)+len(b.Jargon)+len(b.Foreign), "every entry is reachable")
}

// BenchmarkCompile parses and compiles the built-in names, jargon and
// foreign lists into one Dict, as the first check of a process does. Stems are memoised
// by the linter, so iterations after the first measure parsing and the
// trie; the first compile of a process also pays for snowball.
func BenchmarkCompile(b *testing.B) {
	read := func(name string) []byte {
		data, err := fs.ReadFile(dictionaries.FS, name)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	names, jargon, foreign := read(NamesFile), read(JargonFile), read(ForeignFile)
	b.ReportAllocs()
	cpu := startCPU(b)
	for b.Loop() {
		n, err := ParseNames(NamesFile, names, ListNames)
		if err != nil {
			b.Fatal(err)
		}
		j, err := ParsePhrases(JargonFile, jargon, ListJargon)
		if err != nil {
			b.Fatal(err)
		}
		f, err := ParsePhrases(ForeignFile, foreign, ListForeign)
		if err != nil {
			b.Fatal(err)
		}
		bi := &Builtin{Names: n, Jargon: j, Foreign: f}
		if _, err := bi.Compile(); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(0)
}

// corpusMB builds about 1 MB of text by repeating the dev corpus replies.
func corpusMB(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev", "*.txt"))
	var parts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil {
			parts = append(parts, string(data))
		}
	}
	if len(parts) == 0 {
		b.Skip("no dev corpus at ../../shared/corpus/dev")
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, p := range parts {
			sb.WriteString(p)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkMatch scans 1 MB of replies with the built-in Dict (names,
// jargon and foreign words in one trie): the one pass the word rules share.
func BenchmarkMatch(b *testing.B) {
	bi, err := LoadBuiltin()
	require.NoError(b, err)
	d, err := bi.Compile()
	require.NoError(b, err)
	text := corpusMB(b)
	doc := linter.FromText("bench.txt", text)
	var ms []Match
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	cpu := startCPU(b)
	for b.Loop() {
		ms = d.Scan(doc, ms[:0])
	}
	cpu.report(len(text))
	b.ReportMetric(float64(len(ms)), "matches")
}

// cpuMeter reports CPU time per operation (and CPU-bound MB/s): on a busy
// shared machine wall time says little.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) cpuMeter { return cpuMeter{b, cpuTime()} }

func (m cpuMeter) report(bytes int) {
	d := cpuTime() - m.start
	if d <= 0 || m.b.N == 0 {
		return
	}
	per := float64(d.Nanoseconds()) / float64(m.b.N)
	m.b.ReportMetric(per/1e6, "cpu-ms/op")
	if bytes > 0 {
		m.b.ReportMetric(float64(bytes)/1e6/(per/1e9), "cpu-MB/s")
	}
}
