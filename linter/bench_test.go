package linter

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// BenchmarkParse builds documents from ~1 MB of letters: the part of a
// check that is the engine's own (bench/ times whole checks with rules).
func BenchmarkParse(b *testing.B) {
	data := sample1MB(b)
	for _, f := range []Format{Text, Markdown} {
		b.Run(string(f), func(b *testing.B) {
			if _, err := Parse("b", data, f); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := Parse("b", data, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDetectProfile guesses the profile of a letter: done on every
// check that does not name a profile.
func BenchmarkDetectProfile(b *testing.B) {
	data, err := os.ReadFile("../examples/bad-reply.txt")
	if err != nil {
		b.Skip("no example letter")
	}
	d, err := Parse("b", data, Text)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		DetectProfile(d)
	}
}

// BenchmarkTokenize is the tokenizer alone (with stem look-ups) on the
// ~1 MB sample: the largest part of building a document.
func BenchmarkTokenize(b *testing.B) {
	d, err := Parse("b", sample1MB(b), Text)
	if err != nil {
		b.Fatal(err)
	}
	toks := make([]Token, 0, len(d.Text)/5+8)
	wc := &wordCache{st: &stems}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		clear(toks[:cap(toks)])
		d.Tokens = toks[:0]
		for _, bl := range d.Blocks {
			d.tokenize(bl.Start, bl.End, wc)
		}
	}
}

// sample1MB is ~1 MB of letters: the dev corpus and the examples, repeated.
func sample1MB(b *testing.B) []byte {
	var data []byte
	files, _ := filepath.Glob(filepath.Join(devCorpus, "*.txt"))
	more, _ := filepath.Glob("../examples/*.txt")
	if len(files)+len(more) == 0 {
		b.Skip("no sample texts")
	}
	for len(data) < 1<<20 {
		for _, f := range append(files, more...) {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			data = append(append(data, t...), "\n\n"...)
		}
	}
	return data
}

// BenchmarkValidUTF8 compares scanUTF8 (validation and the count of
// control bytes) with utf8.Valid alone on Russian text: the reason the
// package keeps its own.

func BenchmarkValidUTF8(b *testing.B) {
	data := sample1MB(b)
	b.Run("ours", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			scanUTF8(data)
		}
	})
	b.Run("std", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			utf8.Valid(data)
		}
	})
}
