package output_test

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/output"
	"github.com/yasno/yasno/rules"
)

// marshal is the reference: encoding/json, compact, HTML escaping off.
func marshal(t *testing.T, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestAppendFileMatchesEncodingJSON holds the hand-written encoder to the
// bytes of encoding/json: on real checks of every example and on findings
// with every kind of character a string may hold.
func TestAppendFileMatchesEncodingJSON(t *testing.T) {
	reg, err := rules.Default()
	require.NoError(t, err)
	files, _ := filepath.Glob("../examples/*")
	more, _ := filepath.Glob("../testdata/holdout*/*.txt")
	for _, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		f, ok := linter.FormatFromName(name)
		if !ok {
			continue
		}
		d, err := linter.Parse(name, data, f)
		require.NoError(t, err)
		res, err := reg.Check(d, linter.Settings{})
		require.NoError(t, err)
		file := output.NewFile(name, d, res)
		require.Equal(t, string(marshal(t, file)), string(output.AppendFile(nil, &file)), name)
	}

	pieces := []string{"а", "Ё", "z", `"`, `\`, "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<", ">", "&",
		"\u2028", "\u2029", "\xff", "\xd0", "€", "𝔸", " ", "\u00a0", "/"}
	rng := rand.New(rand.NewSource(9))
	str := func() string {
		var b []byte
		for k := rng.Intn(8); k > 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		return string(b)
	}
	for n := 0; n < 2000; n++ {
		f := linter.Finding{Rule: str(), Category: linter.Category(str()), Severity: linter.Severity(str()),
			Message: str(), Text: str(), Clause: str(),
			Start:     linter.Position{Offset: rng.Intn(1e6), Line: rng.Intn(100), Column: rng.Intn(80)},
			End:       linter.Position{Offset: rng.Intn(1e6), Line: rng.Intn(100), Column: rng.Intn(80)},
			StartChar: rng.Intn(1e6), EndChar: rng.Intn(1e6)}
		switch n % 3 {
		case 1:
			f.Suggestions = []string{}
		case 2:
			f.Suggestions = []string{str(), str()}
			f.Paragraph = &linter.ParagraphRef{Part: str(), Index: rng.Intn(9), Column: rng.Intn(9)}
		}
		file := output.File{Path: str(), Format: linter.Format(str()), Profile: linter.Profile(str()),
			Findings: []linter.Finding{f}, Stats: linter.Stats{Words: n, Sentences: n / 2, LongestSentence: n % 7}}
		if n%5 == 0 {
			file.Findings = nil
		}
		require.Equal(t, string(marshal(t, file)), string(output.AppendFile(nil, &file)))
	}
}

// BenchmarkAppendFile is the server's answer to the example letter.
func BenchmarkAppendFile(b *testing.B) {
	reg, err := rules.Default()
	require.NoError(b, err)
	data, err := os.ReadFile("../examples/bad-reply.txt")
	require.NoError(b, err)
	d, err := linter.Parse("bad-reply.txt", data, linter.Text)
	require.NoError(b, err)
	res, err := reg.Check(d, linter.Settings{})
	require.NoError(b, err)
	file := output.NewFile("<request>", d, res)
	buf := output.AppendFile(nil, &file)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = output.AppendFile(buf[:0], &file)
	}
}
