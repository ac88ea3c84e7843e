package linter

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPos(t *testing.T) {
	text := "Служба\r\nЁлка 🙂 дом\nконец\rстарый Mac\n"
	d := FromText("t.txt", text)
	cases := []struct {
		at         string
		line, col  int
		wantOffset int
	}{
		{"Служба", 1, 1, 0},
		{"Ёлка", 2, 1, len("Служба\r\n")},
		{"🙂", 2, 6, len("Служба\r\nЁлка ")},
		{"дом", 2, 8, len("Служба\r\nЁлка 🙂 ")},
		{"конец", 3, 1, len("Служба\r\nЁлка 🙂 дом\n")},
		{"старый", 4, 1, len("Служба\r\nЁлка 🙂 дом\nконец\r")},
	}
	for _, c := range cases {
		t.Run(c.at, func(t *testing.T) {
			off := strings.Index(text, c.at)
			require.Equal(t, c.wantOffset, off)
			assert.Equal(t, Position{Offset: off, Line: c.line, Column: c.col}, d.Pos(off))
		})
	}
	// Out of range offsets are clamped, never a panic.
	assert.Equal(t, Position{Offset: 0, Line: 1, Column: 1}, d.Pos(-5))
	assert.Equal(t, Position{Offset: len(text), Line: 5, Column: 1}, d.Pos(len(text)+10))
	// The end of a line: the column after its last character.
	assert.Equal(t, Position{Offset: len("Служба"), Line: 1, Column: 7}, d.Pos(len("Служба")))
}

func TestLines(t *testing.T) {
	d := FromText("t.txt", "раз\r\nдва\n\nтри\rчетыре")
	var got []string
	for _, l := range d.Lines() {
		assert.Equal(t, l.Text, d.Text[l.Start:l.End])
		got = append(got, l.Text)
	}
	assert.Equal(t, []string{"раз", "два", "", "три", "четыре"}, got)
	assert.Equal(t, []string{""}, lineTexts(FromText("t.txt", "")))
	assert.Equal(t, []string{"а", ""}, lineTexts(FromText("t.txt", "а\n")))
}

func lineTexts(d *Document) []string {
	var out []string
	for _, l := range d.Lines() {
		out = append(out, l.Text)
	}
	return out
}

// TestDocumentConcurrentReads reads one document from many goroutines, as
// rules may; run it with -race.
func TestDocumentConcurrentReads(t *testing.T) {
	d := FromText("t.txt", strings.Repeat("Мы проверили дом.\nНарушений нет.\n\n", 50))
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range d.Tokens {
				d.Pos(int(d.Tokens[i].Start))
			}
			_ = d.Lines()
			_ = DetectProfile(d)
		}()
	}
	wg.Wait()
}

func TestBlocksAndHelpers(t *testing.T) {
	text := "Первый абзац.\n\n\r\nВторой абзац. Еще.\n \nТретий"
	d := FromText("t.txt", text)
	require.Len(t, d.Blocks, 3)
	var blocks []string
	for _, b := range d.Blocks {
		blocks = append(blocks, text[b.Start:b.End])
	}
	assert.Equal(t, []string{"Первый абзац.", "Второй абзац. Еще.", "Третий"}, blocks)
	for bi, b := range d.Blocks {
		for i := b.First; i < b.Last; i++ {
			assert.Equal(t, bi, d.BlockAt(int(d.Tokens[i].Start)))
		}
	}
	assert.Equal(t, -1, d.BlockAt(strings.Index(text, "\n\n")+1), "a blank line is in no block")
	assert.Equal(t, "Второй абзац", d.Slice(d.Blocks[1].First, d.Blocks[1].First+3))
	assert.Equal(t, "", d.Slice(3, 3))
	assert.Equal(t, 6, d.Words())
}

func TestFromParagraphs(t *testing.T) {
	first := "Мы проверили дом."
	text := first + "\nИсполнитель: Петрова"
	d := FromParagraphs("a.docx", DOCX, text, []Block{
		{Start: 0, End: len(first), Part: "body", Index: 1},
		{Start: len(first) + 1, End: len(text), Part: "table", Index: 1},
	})
	assert.Equal(t, DOCX, d.Format)
	require.Len(t, d.Sentences, 2)
	assert.Equal(t, 1, d.Sentences[1].Block)
}

// TestMemo checks that each key is built once, with more keys than the
// memo keeps in place, from many goroutines, with builds that ask for
// other keys; and that a copy of a document memoises nothing.
func TestMemo(t *testing.T) {
	type key struct{ n int }
	d := FromText("m.txt", "Текст.")
	var built [12]atomic.Int32
	var get func(n int) any
	get = func(n int) any {
		return d.Memo(key{n}, func() any {
			built[n].Add(1)
			if n > 0 {
				return get(n-1).(int) + 1 // a build may ask for another key
			}
			return 0
		})
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range built {
				k := (n + g) % len(built)
				assert.Equal(t, k, get(k))
			}
		}()
	}
	wg.Wait()
	for n := range built {
		assert.Equal(t, int32(1), built[n].Load(), "key %d built once", n)
	}
	cp := *d
	calls := 0
	for range 2 {
		cp.Memo(key{0}, func() any { calls++; return 0 })
	}
	assert.Equal(t, 2, calls, "a copy memoises nothing")
}

// TestLineStartsOnTheWay holds the line starts FromText keeps while it
// finds the blocks to the ones lineStarts finds by itself.
func TestLineStartsOnTheWay(t *testing.T) {
	for _, text := range []string{"", "\n", "\n\n", "а", "а\n", "а\nб", "а\n\nб\n", "а\r\nб", "а\rб\n", " \n\t\n  а  \n\n\nб", "\u00a0\n", "а\n \n"} {
		d := FromText("t.txt", text)
		plain := &Document{Text: text}
		assert.Equal(t, plain.lineStarts(), d.lines, "%q", text)
	}
}
