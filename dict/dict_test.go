package dict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func compile(t *testing.T, lists ...string) *Dict {
	t.Helper()
	var all []*Entry
	for i, l := range lists {
		parse := ParsePhrases
		if strings.HasPrefix(l, "name\t") {
			parse = ParseNames
		}
		es, err := parse("test.tsv", []byte(l), i)
		require.NoError(t, err)
		all = append(all, es...)
	}
	d, err := Compile(all)
	require.NoError(t, err)
	return d
}

// texts returns the matched texts, «list:text».
func texts(d *Dict, text string) []string {
	doc := linter.FromText("t.txt", text)
	var out []string
	for _, m := range d.Scan(doc, nil) {
		out = append(out, string(rune('0'+m.Entry.List))+":"+doc.Text[m.Start:m.End])
	}
	return out
}

func TestParsePhrases(t *testing.T) {
	es, err := ParsePhrases("j.tsv", []byte("# comment\nphrase\treplacements\treason\tsource\n"+
		"осуществлять|осуществить\tделать | проводить\tканцелярит\tГлавред\n"+
		"\n"+
		"=данный|=данного дом\tэтот дом\tуказательное\t\n"+
		"в случае, если\tесли\t\t\n"+
		"настоящим письмом\t∅\tлишнее\tx\r\n"), 3)
	require.NoError(t, err)
	require.Len(t, es, 4)
	e := es[0]
	assert.Equal(t, 3, e.List)
	assert.Equal(t, 3, e.Line)
	assert.Equal(t, []string{"делать", "проводить"}, e.Replace)
	assert.Equal(t, "канцелярит", e.Reason)
	assert.Equal(t, "Главред", e.Source)
	require.Len(t, e.Words, 1)
	assert.Contains(t, e.Words[0].Stems, "осуществля")
	assert.Contains(t, e.Words[0].Stems, "осуществ")
	assert.Contains(t, e.Words[0].Stems, "осуществл", "short participle generated from the infinitive")
	assert.Contains(t, e.Words[0].Stems, "осуществлен", "verbal noun generated")

	assert.Equal(t, []string{"данный", "данного"}, es[1].Words[0].Forms)
	assert.Empty(t, es[1].Words[0].Stems)
	assert.Equal(t, 5, es[1].Line)

	require.Len(t, es[2].Words, 4)
	assert.Equal(t, ",", es[2].Words[2].Punct)

	assert.Equal(t, []string{""}, es[3].Replace, "∅ means delete")
	assert.Equal(t, "x", es[3].Source, "CRLF line ends are fine")
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"one field", "осуществлять\n", "org.tsv:1: ожидалось не меньше двух полей"},
		{"empty alternative", "ок\tа\nв||с\tх\n", "org.tsv:2: пустой вариант"},
		{"not a word", "в\tа\n\nс/без\tх\n", "org.tsv:3: «с/без» — не одно слово"},
		{"starts with punct", ", если\tх\n", "org.tsv:1: фраза «, если» начинается со знака препинания"},
		{"empty exact", "=\tх\n", "org.tsv:1: пустой вариант"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParsePhrases("org.tsv", []byte(c.data), 0)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	_, err := ParseAbbreviations("abbr.tsv", []byte("МКД\tмногоквартирный дом\thousing\tx\nИПУ\tприбор\tstrange\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "abbr.tsv:2: неизвестный вид «strange»")
	_, err = ParseAbbreviations("abbr.tsv", []byte("МКД\tмногоквартирный дом\n"))
	assert.Contains(t, err.Error(), "abbr.tsv:1:")
}

func TestParseManyErrorsStops(t *testing.T) {
	_, err := ParsePhrases("big.tsv", []byte(strings.Repeat("x\n", 100)), 0)
	require.Error(t, err)
	assert.Equal(t, maxErrors, strings.Count(err.Error(), "big.tsv:"))
}

func TestParseNames(t *testing.T) {
	es, err := ParseNames("names.tsv", []byte("name\tnote\tsource\nИнцидент менеджмент\tсистема\tПорядок\nгосуслуги\tпортал\t\n"), 1)
	require.NoError(t, err)
	require.Len(t, es, 2)
	assert.True(t, es[0].Cased)
	assert.False(t, es[1].Cased)
	assert.Equal(t, 1, es[0].List)
}

func TestScan(t *testing.T) {
	jargon := "осуществлять|осуществить\tделать\t\t\n" +
		"в целях\tчтобы\t\t\n" +
		"в соответствии с\tпо\t\t\n" +
		"в соответствии с действующим законодательством\tпо закону\t\t\n" +
		"=данный|=данного|=данному|=данном|=данная|=данной\tэтот\t\t\n" +
		"не представляться возможным\tне можем\t\t\n" +
		"производство работ\tработы\t\t\n" +
		"в случае, если\tесли\t\t\n" +
		"онлайн\tв интернете\t\t\n"
	names := "name\tnote\tsource\nИнцидент менеджмент\t\t\n"
	d := compile(t, jargon, names)
	cases := []struct {
		name, text string
		want       []string
	}{
		{"stem forms", "Осуществлен выезд. Работы осуществляются. Служба осуществила проверку.",
			[]string{"0:Осуществлен", "0:осуществляются", "0:осуществила"}},
		{"verbal noun", "Осуществление контроля возложено на службу.", []string{"0:Осуществление"}},
		{"exact forms only", "Данный дом. Данные о доме. В данном случае.", []string{"0:Данный", "0:данном"}},
		{"longest match wins", "Меры в соответствии с действующим законодательством.",
			[]string{"0:в соответствии с действующим законодательством"}},
		{"shorter when longer fails", "Сделано в соответствии с законом.", []string{"0:в соответствии с"}},
		{"inflected multiword", "Проверить не представлялось возможным. Это не представляется возможным.",
			[]string{"0:не представлялось возможным", "0:не представляется возможным"}},
		{"noun cases", "Приступить к производству работ.", []string{"0:производству работ"}},
		{"line break inside", "в целях\nпроверки", []string{"0:в целях"}},
		{"punctuation breaks", "В, целях. в соответствии, с", nil},
		{"phrase punctuation", "В случае, если дом старый. В случае если дом новый.", []string{"0:В случае, если"}},
		{"no sentence crossing", "Это в. Целях проверки.", nil},
		{"cased name", "В системе «Инцидент менеджмент» и в инцидент менеджмент.", []string{"1:Инцидент менеджмент"}},
		{"hyphen part", "Провели онлайн-опрос жителей.", []string{"0:онлайн"}},
		{"no overlap within a list", "в целях в целях", []string{"0:в целях", "0:в целях"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, texts(d, c.text))
		})
	}
}

func TestScanListsAndOverride(t *testing.T) {
	builtin := "в адрес\tв\tбыло\t\n"
	org := "в адрес\tна\tстало\t\n"
	var all []*Entry
	for _, l := range []string{builtin, org} {
		es, err := ParsePhrases("x.tsv", []byte(l), 0)
		require.NoError(t, err)
		all = append(all, es...)
	}
	d, err := Compile(all)
	require.NoError(t, err)
	ms := d.Scan(linter.FromText("t", "Направлено в адрес УК."), nil)
	require.Len(t, ms, 1)
	assert.Equal(t, []string{"на"}, ms[0].Entry.Replace, "the later file wins")
	assert.Len(t, d.Entries(), 1)

	// Two entries of one list match the same words by different paths:
	// the later one wins.
	es, err := ParsePhrases("x.tsv", []byte("провести проверку\tпроверить\t\t\nпроведение проверки\tпроверка\t\t\n"), 0)
	require.NoError(t, err)
	d, err = Compile(es)
	require.NoError(t, err)
	ms = d.Scan(linter.FromText("t", "Вопрос о проведении проверки решен."), nil)
	require.Len(t, ms, 1)
	assert.Equal(t, "проведение проверки", ms[0].Entry.Phrase)
	ms = d.Scan(linter.FromText("t", "Инспектор провел проверку."), nil)
	require.Len(t, ms, 1)
	assert.Equal(t, "провести проверку", ms[0].Entry.Phrase)

	// Two lists can match the same words.
	d = compile(t, "инцидент\tслучай\t\t\n", "name\tnote\nИнцидент менеджмент\t\t\n")
	assert.Equal(t, []string{"0:Инцидент", "1:Инцидент менеджмент"}, texts(d, "Система Инцидент менеджмент."))
}

func TestCompileErrors(t *testing.T) {
	good := &Entry{File: "f", Line: 1, Phrase: "x", Words: []Word{{Forms: []string{"x"}}}}
	d, err := Compile([]*Entry{good, {List: MaxLists, File: "f", Line: 2, Words: []Word{{Forms: []string{"x"}}}}})
	assert.ErrorContains(t, err, "f:2")
	assert.Equal(t, []*Entry{good}, d.Entries(), "the good entries still compile")
	_, err = Compile([]*Entry{{File: "f", Line: 3}})
	assert.ErrorContains(t, err, "f:3: пустая фраза")
	// Too many alternatives multiply into too many paths.
	alt := "а1|а2|а3|а4|а5|а6|а7|а8"
	es, err := ParsePhrases("g.tsv", []byte(alt+" "+alt+" "+alt+" "+alt+"\tx\n"), 0)
	require.NoError(t, err)
	_, err = Compile(es)
	assert.ErrorContains(t, err, "g.tsv:1: слишком много вариантов")
}

// TestScanLinear checks that a walk never goes deeper than the longest
// phrase: the matcher is linear in the tokens even on text built to make
// every word start a long partial match.
func TestScanLinear(t *testing.T) {
	d := compile(t, "в в в в в в в в конец\tx\t\t\n")
	text := strings.Repeat("в ", 20000) + "конец."
	doc := linter.FromText("t", text)
	steps := 0
	ms := d.scan(doc, nil, &steps)
	require.Len(t, ms, 1)
	assert.Equal(t, "в в в в в в в в конец", doc.Text[ms[0].Start:ms[0].End])
	words := 20001
	assert.LessOrEqual(t, steps, 9*words, "each word is stepped over at most once per phrase position")
}

// scanAll is Scan without its filters: a walk of the trie from every word
// and number, and every hyphenated word that starts no match split into
// its parts.
func scanAll(d *Dict, doc *linter.Document) []Match {
	sc := d.Scanner(doc, nil)
	for _, s := range doc.Sentences {
		for i := s.First; i < s.Last; i++ {
			t := &doc.Tokens[i]
			if t.Kind != linter.Word && t.Kind != linter.Number {
				continue
			}
			if !sc.walk(i, s.Last) && t.Kind == linter.Word && t.Flags&linter.Hyphen != 0 {
				sc.out = d.scanParts(doc, i, &sc.covered, sc.out)
			}
		}
	}
	return sc.out
}

// TestScanFiltersAgree checks that the filters, which turn away most
// words before the walk, lose no match: the built-in lists on the sample
// texts give what a walk from every word gives.
func TestScanFiltersAgree(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	d, err := b.Compile()
	require.NoError(t, err)
	var files []string
	for _, pat := range []string{"../../shared/corpus/dev/*.txt", "../testdata/holdout*/*.txt", "../examples/*.txt"} {
		fs, err := filepath.Glob(pat)
		require.NoError(t, err)
		files = append(files, fs...)
	}
	require.NotEmpty(t, files)
	texts := []string{"онлайн-опрос и интернет-приёмная, в целях, в рамках, во-первых, IT-специалист"}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		texts = append(texts, string(data))
	}
	n := 0
	for k, text := range texts {
		doc := linter.FromText("t.txt", text)
		want := scanAll(d, doc)
		n += len(want)
		require.Equal(t, want, d.Scan(doc, nil), "text %d", k)
	}
	assert.Greater(t, n, 100, "the texts hold matches")
}

func TestScanEmpty(t *testing.T) {
	var d *Dict
	assert.Empty(t, d.Scan(linter.FromText("t", "текст"), nil))
	d = compile(t, "")
	assert.Empty(t, d.Scan(linter.FromText("t", ""), nil))
}

func TestParseNotation(t *testing.T) {
	es, err := ParsePhrases("j.tsv", []byte(
		"=указанный|=указанного (дом|адрес)\tэтот\tотсылка\tx\tinfo\n"+
			"мониторинг\t~наблюдение | ~проверка\tчужое\tx\twarning\n"+
			"является\t(поставьте тире)\tсвязка\tx\n"+
			"провести|проводить проверку\tпроверить | ∅\t\tx\n"), 0)
	require.NoError(t, err)
	require.Len(t, es, 4)
	e := es[0]
	assert.True(t, e.Soft)
	assert.Equal(t, 1, e.Span(), "the bracketed word is context")
	require.Len(t, e.Words, 2)
	assert.True(t, e.Words[1].Context)
	assert.Equal(t, "указанный", e.Words[0].Head)
	assert.Equal(t, "дом", e.Words[1].Head)

	assert.False(t, es[1].Soft)
	assert.Empty(t, es[1].Replace)
	assert.Equal(t, []string{"наблюдение", "проверка"}, es[1].Inflect)
	assert.Equal(t, []string{"(поставьте тире)"}, es[2].Hints)
	assert.Empty(t, es[2].Replace)
	assert.Equal(t, []string{"проверить", ""}, es[3].Replace)
	assert.Equal(t, "провести", es[3].Words[0].Head, "the first alternative is the head")
	assert.Equal(t, 2, es[3].Span())

	for _, bad := range []struct{ data, want string }{
		{"в целях\tдля\t\tx\tсовет\n", "неизвестная важность «совет»"},
		{"(дом) указанный\tэтот\n", "после слова в скобках"},
		{"(дом)\tэтот\n", "из одних слов в скобках"},
	} {
		_, err := ParsePhrases("j.tsv", []byte(bad.data), 0)
		assert.ErrorContains(t, err, bad.want, bad.data)
	}
}

func TestScanContextAndHeadForm(t *testing.T) {
	d := compile(t, "=указанный|=указанного|=указанных (дом|адрес)\tэтот\t\t\n"+
		"=провести|проводить|провел проверку\tпроверить\t\t\n"+
		"в настоящее время\tсейчас\t\t\n"+
		"проведение проверки\t~проверка\t\t\n")
	cases := []struct {
		text string
		want []string // matched text, then «+» if in head form
	}{
		{"Жильцы указанных домов и указанный срок.", []string{"указанных"}},
		{"Решено провести проверку.", []string{"провести проверку+"}},
		{"Инспектор провел проверку.", []string{"провел проверку"}},
		{"В настоящее время дом проверен.", []string{"В настоящее время+"}},
		{"Вопрос о проведении проверки.", []string{"проведении проверки"}},
		// The verbal noun is matched by its forms, not its stem, which
		// the participle shares.
		{"По результатам проведенной проверки.", nil},
	}
	for _, c := range cases {
		doc := linter.FromText("t", c.text)
		var got []string
		for _, m := range d.Scan(doc, nil) {
			s := doc.Text[m.Start:m.End]
			if m.Entry.InHeadForm(doc, m) {
				s += "+"
			}
			got = append(got, s)
		}
		assert.Equal(t, c.want, got, c.text)
	}
}

func TestBuiltinLoads(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	_, err = b.Compile()
	require.NoError(t, err)
	soft := 0
	for _, e := range append(append([]*Entry{}, b.Jargon...), b.Foreign...) {
		if e.Soft {
			soft++
		}
	}
	assert.Positive(t, soft, "soft entries are marked in the data")
}

// TestBuiltinHeadsMatch checks the data against the rule that reads it:
// every entry's dictionary form (the first alternative of each word) is
// found by the entry itself, in its head form, so that its replacements
// can be offered; and no literal replacement is advice in disguise.
func TestBuiltinHeadsMatch(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	d, err := b.Compile()
	require.NoError(t, err)
	for _, e := range append(append([]*Entry{}, b.Jargon...), b.Foreign...) {
		var sb strings.Builder
		for i, w := range e.Words {
			if i > 0 && w.Punct == "" {
				sb.WriteString(" ")
			}
			sb.WriteString(w.Head)
		}
		head := sb.String()
		doc := linter.FromText("t", "Мы знаем, что "+head+" есть.")
		found := false
		for _, m := range d.Scan(doc, nil) {
			if m.Entry == e {
				found = true
				assert.True(t, e.InHeadForm(doc, m), "%s: «%s» is not in its head form", e.Pos(), head)
			}
		}
		assert.True(t, found, "%s: the entry does not find its own head form «%s»", e.Pos(), head)
		for _, r := range append(append([]string{}, e.Replace...), e.Inflect...) {
			assert.NotContains(t, r, "~", e.Pos())
			assert.False(t, strings.ContainsAny(r, "()"), "%s: advice among replacements: %s", e.Pos(), r)
		}
	}
}

// TestWordEdgesAgree checks the word edges by number (the root's slices
// and wnext) against the edges by string they are built from: every edge
// leads to its child, and a key without an edge at a node leads nowhere.
func TestWordEdgesAgree(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	d, err := b.Compile()
	require.NoError(t, err)
	kinds := []uint8{kindStem, kindForm}
	n, prev := 0, ""
	for ed, c := range d.next {
		if ed.kind != kindStem && ed.kind != kindForm {
			continue
		}
		require.Equal(t, c, d.wchild(ed.from, ed.kind, d.keys[ed.key]), "%v", ed)
		n++
		// The same node with the other kind, and with another edge's key.
		for _, k := range kinds {
			for _, key := range []string{ed.key, prev} {
				if id := d.keys[key]; id != 0 {
					require.Equal(t, d.next[edge{ed.from, k, key}], d.wchild(ed.from, k, id), "%d %d %q", ed.from, k, key)
				}
			}
		}
		prev = ed.key
	}
	assert.Greater(t, n, 1000)
	for key, id := range d.keys { // every key at the root
		for _, k := range kinds {
			require.Equal(t, d.next[edge{0, k, key}], d.wchild(0, k, id), "%d %q", k, key)
		}
	}
}

// TestLeafListsAgree checks the lists of each node with outputs, which
// the walk reads instead of all its outputs, against the outputs.
func TestLeafListsAgree(t *testing.T) {
	b, err := LoadBuiltin()
	require.NoError(t, err)
	d, err := b.Compile()
	require.NoError(t, err)
	require.Len(t, d.lists, len(d.outs))
	for k, os := range d.outs {
		for l, o := range os {
			assert.Equal(t, o != 0, d.lists[k]&(1<<l) != 0, "node outputs %d, list %d", k, l)
		}
	}
}

// TestScanNumbers checks the Scanner's pass over numbers against Scan,
// which reads every token, with lists where no phrase starts with a number
// and where one does.
func TestScanNumbers(t *testing.T) {
	text := "За 24 часа, 15.12.2026 и 2,5 часа; 24 часа. 44-18-20 часа и в течение 24 часов."
	for _, c := range []struct {
		list    string
		numbers bool
	}{
		{"в течение\tза\t\t\n", false},
		{"=24 час\tсутки\t\t\nв течение\tза\t\t\n", true},
	} {
		d := compile(t, c.list)
		assert.Equal(t, c.numbers, d.numbers, c.list)
		doc := linter.FromText("t.txt", text)
		for range 2 { // learning the facts, then reading them
			sc := d.Scanner(doc, nil)
			for i := range doc.Tokens {
				if doc.Tokens[i].IsWordLike() {
					sc.Token(i)
				}
			}
			require.Equal(t, d.Scan(doc, nil), sc.Matches(), c.list)
		}
	}
	assert.Len(t, compile(t, "=24 час\tсутки\t\t\n").Scan(linter.FromText("t.txt", text), nil), 3)
}
