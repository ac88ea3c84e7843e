package linter

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Seeds shared by the fuzz targets; more are in testdata/fuzz.
var fuzzSeeds = []string{
	"",
	"Служба жилищного надзора\n\nКузнецовой Т.В.\nул. Советская, д. 42, кв. 17\n\nУважаемая Татьяна Викторовна!\n\n" +
		"Мы проверили дом 15.12.2026. Ремонт — до 20.12.2026 г. Исп. Орлова Е.Н., тел. 8 (8512) 44-18-20\n",
	"# Ответ\n\n- пункт `код` [ссылка](http://x) &amp; \\*\n\n```\nкод\n```\n> цитата\n| a | b |\n|---|---|\n| в | г |\n",
	"---\ntitle: x\n---\nТекст\r\nстрока\rеще\u00a0слово\u00adслово 🙂 ё…",
	"\xEF\xBB\xBFДом",
	"\xFF\xFE\x14\x04\x3E\x04",
	"\xFE\xFF\x04\x14\x04\x3E",
	"\xc4\xee\xec \xe8 \xea\xe2.",
	"\x89PNG\r\n\x1a\n\x00",
	"1.\n2)\nа)\n- \n— т.е. т.д. 250 тыс. руб. 1960 г. И.И. 3.4.4. ...",
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, enc, err := Decode(b)
		if err != nil {
			if s != "" || enc != "" {
				t.Fatalf("an error with a result: %q %q", s, enc)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 out of %s", enc)
		}
		if strings.IndexByte(s, 0) >= 0 {
			t.Fatalf("NUL in text out of %s", enc)
		}
		switch enc {
		case UTF8, UTF16LE, UTF16BE, CP1251:
		default:
			t.Fatalf("unknown encoding %q", enc)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	reg, err := NewRegistry(everyWord{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Raw bytes straight in: no panic, tokens in bounds.
		checkDoc(t, FromText("f.txt", string(b)), false)
		for _, format := range []Format{Text, Markdown} {
			d, err := Parse("f", b, format)
			if err != nil {
				continue
			}
			checkDoc(t, d, true)
			res, err := reg.Check(d, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range res.Findings {
				if fd.StartChar > fd.EndChar || fd.Start.Offset > fd.End.Offset || fd.Text != d.Text[fd.Start.Offset:fd.End.Offset] {
					t.Fatalf("bad finding %+v", fd)
				}
				if fd.Start != d.Pos(fd.Start.Offset) || fd.End != d.Pos(fd.End.Offset) {
					t.Fatalf("finding at %+v–%+v, Pos says %+v–%+v", fd.Start, fd.End, d.Pos(fd.Start.Offset), d.Pos(fd.End.Offset))
				}
				if fd.StartChar != UTF16Len(d.Text[:fd.Start.Offset]) || fd.EndChar != UTF16Len(d.Text[:fd.End.Offset]) {
					t.Fatalf("finding %+v: UTF-16 offsets %d–%d", fd.Start, fd.StartChar, fd.EndChar)
				}
			}
		}
	})
}

// everyWord reports every word, to exercise the finishing of findings.
type everyWord struct{}

func (everyWord) Meta() *Meta {
	return &Meta{ID: "every-word", Category: CatReadability, Severity: Info}
}

func (everyWord) Check(c *Context) {
	for _, tk := range c.Doc.Tokens {
		if tk.Kind == Word {
			c.Report(int(tk.Start), int(tk.End), "слово")
		}
	}
}

// checkDoc verifies the invariants the rules rely on. valid says the text
// is valid UTF-8 (it came through Decode).
func checkDoc(t *testing.T, d *Document, valid bool) {
	t.Helper()
	text := d.Text
	onRune := func(off int) bool { return off == len(text) || utf8.RuneStart(text[off]) }
	prevEnd := 0
	for bi, b := range d.Blocks {
		if b.Start < prevEnd || b.Start > b.End || b.End > len(text) {
			t.Fatalf("block %d [%d,%d) out of order or bounds", bi, b.Start, b.End)
		}
		prevEnd = b.End
		if b.First > b.Last || b.Last > len(d.Tokens) || (bi > 0 && b.First != d.Blocks[bi-1].Last) {
			t.Fatalf("block %d tokens [%d,%d)", bi, b.First, b.Last)
		}
		segs := b.Segs
		if segs == nil {
			segs = []Span{{b.Start, b.End}}
		}
		// The tokens cover every segment exactly: no gaps, no overlaps.
		k := b.First
		for _, s := range segs {
			if s.Start < b.Start || s.End > b.End {
				t.Fatalf("segment %v outside block %d", s, bi)
			}
			at := s.Start
			for at < s.End {
				if k >= b.Last {
					t.Fatalf("block %d: no token at %d", bi, at)
				}
				tk := d.Tokens[k]
				if int(tk.Start) != at || tk.End <= tk.Start || int(tk.End) > s.End {
					t.Fatalf("block %d: token %d [%d,%d) at %d in %v", bi, k, tk.Start, tk.End, at, s)
				}
				at = int(tk.End)
				k++
			}
		}
		if k != b.Last {
			t.Fatalf("block %d: %d tokens outside its segments", bi, b.Last-k)
		}
	}
	for i, tk := range d.Tokens {
		if valid && (!onRune(int(tk.Start)) || !onRune(int(tk.End))) {
			t.Fatalf("token %d [%d,%d) cuts a character", i, tk.Start, tk.End)
		}
		if tk.Kind > Punct {
			t.Fatalf("token %d: kind %d", i, tk.Kind)
		}
		if (tk.Kind == Word) != (d.Norm(&tk) != "") {
			t.Fatalf("token %d %s %q: norm %q", i, tk.Kind, d.TokenText(i), d.Norm(&tk))
		}
	}
	prevLast := 0
	for si, s := range d.Sentences {
		if s.Block < 0 || s.Block >= len(d.Blocks) {
			t.Fatalf("sentence %d: block %d", si, s.Block)
		}
		b := d.Blocks[s.Block]
		if s.First < b.First || s.First >= s.Last || s.Last > b.Last || s.First < prevLast {
			t.Fatalf("sentence %d tokens [%d,%d) not in block [%d,%d) or overlapping", si, s.First, s.Last, b.First, b.Last)
		}
		prevLast = s.Last
		if s.Start != int(d.Tokens[s.First].Start) || s.End != int(d.Tokens[s.Last-1].End) {
			t.Fatalf("sentence %d span [%d,%d)", si, s.Start, s.End)
		}
		if want := countWords(d, s.First, s.Last); s.Words != want {
			t.Fatalf("sentence %d: %d words counted while splitting, %d counted apart", si, s.Words, want)
		}
		if d.SentenceAt(s.First) != si || d.SentenceAt(s.Last-1) != si {
			t.Fatalf("SentenceAt(%d) = %d, want %d", s.First, d.SentenceAt(s.First), si)
		}
	}
	// Pos counts lines and characters as an editor does; walk the text
	// once and compare at every token start.
	if !valid {
		return
	}
	line, col, k := 1, 1, 0
	for off := 0; off <= len(text); {
		for k < len(d.Tokens) && int(d.Tokens[k].Start) < off {
			k++
		}
		if k < len(d.Tokens) && int(d.Tokens[k].Start) == off {
			if p := d.Pos(off); p.Line != line || p.Column != col || p.Offset != off {
				t.Fatalf("Pos(%d) = %+v, want line %d column %d", off, p, line, col)
			}
		}
		if off == len(text) {
			break
		}
		r, n := utf8.DecodeRuneInString(text[off:])
		off += n
		switch {
		case r == '\n', r == '\r' && (off == len(text) || text[off] != '\n'):
			line, col = line+1, 1
		default:
			col++
		}
	}
	if ls := d.Lines(); len(ls) != line {
		t.Fatalf("%d lines, Pos counted %d", len(ls), line)
	}
}

// TestFuzzSeeds runs the invariants on the seeds in every plain test run.
func TestFuzzSeeds(t *testing.T) {
	for _, s := range fuzzSeeds {
		checkDoc(t, FromText("f.txt", s), false)
		for _, f := range []Format{Text, Markdown} {
			if d, err := Parse("f", []byte(s), f); err == nil {
				checkDoc(t, d, true)
			}
		}
	}
}
