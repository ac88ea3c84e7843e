package rules

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestInnerCapital(t *testing.T) {
	for w, want := range map[string]bool{"КоАП": true, "СанПиН": true, "СНиП": true, "ЕЁ": true, "Москва": false, "Ёлка": false, "М": false, "": false} {
		assert.Equal(t, want, wdInnerCapital(w), w)
	}
}

// TestScanCapsAgree checks the abbreviations the shared scan picks, with
// the facts wdFacts keeps by NormID, against abbrCandidate asked
// of every word as the scan asked it before: every listed abbreviation as
// written, in small letters, in capitals and capitalised, twice (the
// second time the answers are known), and the sample texts.
func TestScanCapsAgree(t *testing.T) {
	list, _ := abbrLoad()
	var sb strings.Builder
	for w := range list {
		lo := strings.ToLower(w)
		r := []rune(lo)
		fmt.Fprintf(&sb, "%s %s %s %s%s Москва. ", w, lo, strings.ToUpper(w), strings.ToUpper(string(r[:1])), string(r[1:]))
	}
	texts := agreeTexts(t)
	texts["list"] = sb.String() + sb.String()
	texts["mixed"] = "КоАП Коап коАП КОАП СанПиН Санпин СНиП Снип ГосУслуги МосЖилИнспекция ЁЖ Ёж ХХ Ёлка ВНИМАНИЕ"
	for name, text := range texts {
		d := linter.FromText(name, text)
		var want []int32
		for i := range d.Tokens {
			tk := &d.Tokens[i]
			f := tk.Flags
			if tk.Kind == linter.Word && f&(linter.Cyrillic|linter.Latin) != linter.Cyrillic|linter.Latin &&
				(f&(linter.Cyrillic|linter.Upper|linter.Latin|linter.Digit) == linter.Cyrillic|linter.Upper ||
					f&(linter.Cyrillic|linter.Title|linter.Upper|linter.Latin|linter.Digit) == linter.Cyrillic|linter.Title &&
						wdInnerCapital(d.TokenText(i))) &&
				abbrCandidate(d, tk, list) {
				want = append(want, int32(i))
			}
		}
		require.Equal(t, want, wdBuiltin.compute(d).caps, name)
	}
}

func TestQuotedTitles(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string // the guarded texts
	}{
		{"guillemets", "Закон «О порядке рассмотрения обращений» действует.", []string{"О порядке рассмотрения обращений"}},
		{"nested", "Письмо ООО «Фирма „Восток“» получено.", []string{"Фирма „Восток“"}},
		{"low quotes", "Закон „О связи“ и закон “Об информации”.", []string{"О связи", "Об информации"}},
		{"straight quotes", `Ответ ООО "Жилсервис" и ТСЖ "Молодежное".`, []string{"Жилсервис", "Молодежное"}},
		{"after a legal form", "Ответ ООО «домовой» получен.", []string{"домовой"}},
		{"latin name", "Система «smart city» работает.", []string{"smart city"}},
		{"lowercase quote is not a title", "Вы пишете, что «в целях экономии» свет выключают.", nil},
		{"unclosed quote", "Закон «О порядке рассмотрения обращений действует.", nil},
		{"a quote does not cross paragraphs", "Закон «О порядке\n\nрассмотрения» действует.", nil},
		{"name without quotes", "Ответ в системе Инцидент менеджмент.", []string{"Инцидент менеджмент"}},
		{"name with a dot", "Программа ДОМ.РФ работает.", []string{"ДОМ.РФ"}},
		{"capitalised name", "Обратитесь в Дом РФ.", []string{"Дом РФ"}},
		{"an ordinary word before РФ", "Каждый дом РФ застрахован.", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := linter.FromText("t", c.text)
			sc := wdBuiltin.scan(doc)
			var got []string
			for _, s := range sc.guard.spans {
				got = append(got, doc.Slice(s.first, s.last))
			}
			assert.Equal(t, c.want, got)
		})
	}
}

func TestGuardCovers(t *testing.T) {
	g := wdGuard{spans: []wdSpan{{2, 5}, {10, 12}}}
	for _, c := range []struct {
		first, last int
		want        bool
	}{{0, 2, false}, {1, 3, true}, {4, 6, true}, {5, 10, false}, {11, 12, true}, {12, 20, false}} {
		assert.Equal(t, c.want, g.covers(c.first, c.last), "%d-%d", c.first, c.last)
	}
}

// TestScanCache checks that the word rules of one check share a scan, that
// a document never gets another document's scan, and that concurrent
// checks are safe.
func TestScanCache(t *testing.T) {
	a := linter.FromText("a", "Данный вопрос решен.")
	assert.Same(t, wdBuiltin.scan(a), wdBuiltin.scan(a), "one scan per document")
	copyA := *a
	assert.NotSame(t, wdBuiltin.scan(a), wdBuiltin.scan(&copyA), "another document, another scan")

	reg, err := Default()
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				text := fmt.Sprintf("Данный вопрос № %d решен. Результаты мониторинга направим.", k)
				doc := linter.FromText("t", text)
				res, err := reg.Check(doc, linter.Settings{Profile: linter.Citizen})
				if !assert.NoError(t, err) {
					return
				}
				var got []string
				for _, f := range res.Findings {
					if f.Rule == "jargon" || f.Rule == "foreign" {
						got = append(got, f.Text)
					}
				}
				assert.Equal(t, []string{"Данный", "мониторинга"}, got)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkWordScan times the shared word scan alone (the dictionary's
// pass and wdAnalyze) on 1 MB of replies: the part of every check that
// reads each token for the four word rules.
func BenchmarkWordScan(b *testing.B) {
	doc := linter.FromText("bench.txt", benchCorpus(b))
	wdBuiltin.compute(doc) // fills the facts of the words
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	cpu0 := spellCPU()
	for b.Loop() {
		wdBuiltin.compute(doc)
	}
	b.ReportMetric((spellCPU()-cpu0)*1e9/float64(b.N), "cpu-ns/op")
}

// TestScanAgree checks the shared scan, which passes over quiet words by
// the facts kept for their NormIDs (see wdSkip), against the same
// document without NormIDs, where every word is looked at: the sample
// texts, every listed abbreviation in every case, and every phrase of the
// lists, twice (the second time the facts are known).
func TestScanAgree(t *testing.T) {
	list, _ := abbrLoad()
	var sb strings.Builder
	for w := range list {
		lo := strings.ToLower(w)
		fmt.Fprintf(&sb, "%s %s %s (далее — %s) Далее ДАЛЕЕ далее даЛее. ", w, lo, strings.ToUpper(w), w)
	}
	for _, e := range wdBuiltin.get().Entries() {
		p := strings.NewReplacer("|", " ", "=", "", "~", "").Replace(e.Phrase)
		fmt.Fprintf(&sb, "%s «%s» „%s“ \"%s\" %s-%s.\n", p, p, strings.ToUpper(p), p, p, p)
	}
	texts := agreeTexts(t)
	texts["lists"] = sb.String() + sb.String()
	for name, text := range texts {
		d := linter.FromText(name, text)
		want := wdBuiltin.compute(linter.WithoutNormIDs(d))
		for range 2 {
			require.Equal(t, want, wdBuiltin.compute(d), name)
		}
	}
}

// TestMayQuote checks that wdSkip stops at every quotation mark wdQuotes
// follows, and passes over the common marks.
func TestMayQuote(t *testing.T) {
	for _, q := range []string{"«", "»", "„", "“", "”", "\""} {
		assert.True(t, wdMayQuote(q[len(q)-1]), q)
	}
	for _, p := range []string{",", ".", "—", "–", "-", "…", "(", ")", "№", ":", ";"} {
		assert.False(t, wdMayQuote(p[len(p)-1]), p)
	}
}

// TestWordRulesFactsAgree checks the word rules, which read facts kept
// by NormID (see wdFacts, dict.Facts), against the same documents without
// NormIDs, where every fact is found afresh.
func TestWordRulesFactsAgree(t *testing.T) {
	reg, err := linter.NewRegistry(&jargon{w: wdBuiltin}, &foreign{w: wdBuiltin}, abbreviation{w: wdBuiltin})
	require.NoError(t, err)
	n := agreeFindings(t, reg, reg, []linter.Profile{linter.Citizen, linter.Official}, linter.WithoutNormIDs)
	assert.Greater(t, n, 100)
}
