package linter

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// devCorpus is the labelled development corpus shared by the team; the
// test is skipped where it is absent.
const devCorpus = "../../shared/corpus/dev"

type label struct {
	kind, category, strength, text string
	nth                            int
}

func readLabels(t *testing.T, path string) []label {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []label
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 || line == "" {
			continue // header
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, 5, "%s:%d", path, i+1)
		nth, err := strconv.Atoi(f[4])
		require.NoError(t, err)
		out = append(out, label{f[0], f[1], f[2], f[3], nth})
	}
	return out
}

// nthIndex finds the nth (1-based) occurrence of sub in s, overlapping
// ones included, as the corpus counts them.
func nthIndex(s, sub string, nth int) int {
	off := 0
	for {
		k := strings.Index(s[off:], sub)
		if k < 0 {
			return -1
		}
		nth--
		if nth == 0 {
			return off + k
		}
		off += k + 1
	}
}

// TestDevCorpusSentences checks the splitter against the corpus labels:
// every sentence-length label starts one of our sentences with as many
// words as its strength says (30+ must, 26–29 may; all may in the reply
// to an authority), and every sentence of 26 words or more is labelled.
func TestDevCorpusSentences(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(devCorpus, "*.txt"))
	if len(files) == 0 {
		t.Skip("dev corpus not found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			d, err := Parse(f, raw, Text)
			require.NoError(t, err)
			official := DetectProfile(d) == Official
			starts := map[int]int{} // byte offset → sentence
			for i, s := range d.Sentences {
				starts[s.Start] = i
			}
			labelled := map[int]bool{}
			for _, l := range readLabels(t, strings.TrimSuffix(f, ".txt")+".labels.tsv") {
				if l.category != string(CatSentenceLength) {
					continue
				}
				off := nthIndex(d.Text, l.text, l.nth)
				require.GreaterOrEqual(t, off, 0, "label %q not in text", l.text)
				si, ok := starts[off]
				if !assert.True(t, ok, "no sentence starts at label %q", l.text) {
					continue
				}
				labelled[si] = true
				words := d.Sentences[si].Words
				switch {
				case official:
					assert.Equal(t, "may", l.strength, l.text)
					assert.GreaterOrEqual(t, words, 26, l.text)
				case l.strength == "must":
					assert.GreaterOrEqual(t, words, 30, l.text)
				default:
					assert.True(t, words >= 26 && words < 30, "%q: %d words for a may label", l.text, words)
				}
			}
			for i, s := range d.Sentences {
				if s.Words >= 26 {
					assert.True(t, labelled[i], "sentence of %d words has no label: %q", s.Words, d.SentenceText(i))
				}
			}
		})
	}
}
