package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/spelling"
)

// miniDict is a tiny synthetic dictionary (testdata/spelling) that makes
// the rule's tests hermetic. Where no real dictionary is installed it also
// backs the built-in rule set of this test binary, so that the examples
// test can run; the rule then stays off by default, as in production.
const miniDict = "testdata/spelling/mini.dic"

func init() { spellingFallback = miniDict }

// spellReg builds a rule set whose spelling rule uses the mini dictionary.
func spellReg(t testing.TB, words ...string) *linter.Registry {
	t.Helper()
	reg, err := New(&Env{SpellingDict: miniDict, SpellingWords: words})
	require.NoError(t, err)
	return reg
}

// spellTexts returns the texts of the spelling findings.
func spellTexts(fs []linter.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text)
	}
	return out
}

func TestSpellingMini(t *testing.T) {
	reg := spellReg(t)
	header := "Служба жилищного надзора\n\nГоловановой С.М.\nул. Советская, д. 42, кв. 17\n\n" +
		"Уважаемая Светлана Михайловна!\n\nКопии актов прилагаются.\n\n" +
		"Руководитель службы\nА.В. Морозов\n\nИсп. Орлова Е.Н.\nтел. 8 (8512) 44-18-20"
	cases := []struct {
		name, text string
		want       []string
		first      string // the first suggestion of the first finding
	}{
		{"typo", "Ввиду выявленого нарушения компания выполнит ремонт.", []string{"выявленого"}, "выявленного"},
		{"typo keeps the capital", "Выявленого нарушения нет.", []string{"Выявленого"}, "Выявленного"},
		{"verb", "Копии актов прилогаются.", []string{"прилогаются"}, "прилагаются"},
		{"several", "Ремонтт дома и осмотрр.", []string{"Ремонтт", "осмотрр"}, "Ремонт"},
		{"hyphenated", "Дом в северо-запдной части.", []string{"северо-запдной"}, "северо-западной"},
		{"lowercase quote is the clerk's own", "Это не «ремонтт», а осмотр.", []string{"ремонтт"}, "ремонт"},

		{"correct", "Копии актов прилагаются.", nil, ""},
		{"name inside a sentence", "Акт составил инспектор Лаптев.", nil, ""},
		{"name with initials opens a sentence", "Лаптев С.М. составил акт.", nil, ""},
		{"initials before the name", "С.М. Лаптев составил акт.", nil, ""},
		{"header, greeting, signature, executor", header, nil, ""},
		{"executor line without a label", "Копии актов прилагаются.\n\nСитникова Ольга Павловна\n8 (8512) 51-30-14", nil, ""},
		{"quoted title", "Ответ дан по закону «О порядке рассмотрения обращенй граждан».", nil, ""},
		{"quoted company opens a sentence", "\"Жилсервис\" выполнит ремонт.", nil, ""},
		{"capitals and abbreviations", "Ремонт МКД и ТСЖ выполнит компания. Дом по просп. Победы, корп. 2, кв. 7 и т. д.", nil, ""},
		{"odd capitals", "КоАП и ВКонтакте.", nil, ""},
		{"Latin and digits", "Ответ дан по e-mail и по закону 59-ФЗ, ремонт 2-х домов и 10-го дома.", nil, ""},
		{"addresses", "Пишите на priem@жкх.рф или на сайт жкх.рф/help.", nil, ""},
		{"hyphenated words", "Из-за ремонта дом закрыт. Дом в северо-западной части. СМС-сообщение отправлено.", nil, ""},
		{"hyphenated name", "Дом в Ростове-на-Дону закрыт.", nil, ""},
		{"all capitals", "ВЫЯВЛЕНОГО НАРУШЕНИЯ НЕТ.", nil, ""},
		{"ё and е", "Ещё раз проверим счётчик.", nil, ""},
		{"built-in words take endings", "Швы межпанельные заделаны, межпанельных швов нет.", nil, ""},
		{"real-word error is not seen", "Это не ремонт, а осмотр дома.", nil, ""},
		{"empty", "", nil, ""},
		{"punctuation only", "— … «» ()", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := findings(t, reg, "spelling", c.text, linter.Citizen)
			assert.Equal(t, c.want, spellTexts(fs))
			if c.first != "" && assert.NotEmpty(t, fs) && assert.NotEmpty(t, fs[0].Suggestions) {
				assert.Equal(t, c.first, fs[0].Suggestions[0])
			}
			for _, f := range fs {
				assert.Equal(t, "Возможно, опечатка: „"+f.Text+"“. Проверьте написание.", f.Message)
				assert.Equal(t, "п. 2.5", f.Clause)
				assert.Equal(t, linter.Warning, f.Severity)
				assert.LessOrEqual(t, len(f.Suggestions), 3)
			}
		})
	}
}

func TestSpellingOrgWords(t *testing.T) {
	const text = "Установлена теплоавтоматика."
	assert.Equal(t, []string{"теплоавтоматика"}, spellTexts(findings(t, spellReg(t), "spelling", text, linter.Citizen)))
	assert.Empty(t, findings(t, spellReg(t, "теплоавтоматика"), "spelling", text, linter.Citizen), "yasno.yaml spelling.words")
	// The per-check allow list works too.
	res, err := spellReg(t).Check(linter.FromText("t.txt", text),
		linter.Settings{Enable: []string{"spelling"}, Allow: []string{"Теплоавтоматика"}})
	require.NoError(t, err)
	for _, f := range res.Findings {
		assert.NotEqual(t, "spelling", f.Rule)
	}
}

func TestSpellingOnByDefaultWithDictionary(t *testing.T) {
	r, ok := spellReg(t).Rule("spelling")
	require.True(t, ok)
	assert.False(t, r.Meta().DefaultOff)
	res, err := spellReg(t).Check(linter.FromText("t.txt", "Копии актов прилогаются."), linter.Settings{})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "spelling" {
			got = append(got, f.Text)
		}
	}
	assert.Equal(t, []string{"прилогаются"}, got)
}

// TestSpellingNoDictionary: without a dictionary the rule is listed but
// off; asked for, it reports nothing and says why once per process. A
// configured path that does not exist is reported when the rules are built.
func TestSpellingNoDictionary(t *testing.T) {
	oldFind, oldFallback := spellingFind, spellingFallback
	t.Cleanup(func() { spellingFind, spellingFallback = oldFind, oldFallback })
	spellingFind = func(...string) (string, string, bool) { return "", "", false }
	spellingFallback = ""
	spellNoDict = sync.Once{}
	spellBadPath.Clear()

	var notes []string
	env := &Env{Notice: func(s string) { notes = append(notes, s) }}
	reg, err := New(env)
	require.NoError(t, err)
	r, ok := reg.Rule("spelling")
	require.True(t, ok, "the rule stays registered for `yasno rules` and `explain`")
	assert.True(t, r.Meta().DefaultOff)
	assert.NotEmpty(t, r.Meta().Examples)

	doc := linter.FromText("t.txt", "Копии актов прилогаются.")
	res, err := reg.Check(doc, linter.Settings{})
	require.NoError(t, err)
	assert.Empty(t, notes, "not asked for: no notice")
	for range 3 {
		res, err = reg.Check(doc, linter.Settings{Enable: []string{"spelling"}})
		require.NoError(t, err)
		for _, f := range res.Findings {
			assert.NotEqual(t, "spelling", f.Rule)
		}
	}
	require.Len(t, notes, 1, "one notice per process")
	assert.Contains(t, notes[0], "hunspell-ru")

	notes = nil
	env.SpellingDict = filepath.Join(t.TempDir(), "нет.dic")
	_, err = New(env)
	require.NoError(t, err)
	_, err = New(env)
	require.NoError(t, err)
	require.Len(t, notes, 1)
	assert.Contains(t, notes[0], "нет.dic")
}

func TestSpellingBadDictionary(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.aff"), []byte("SET KOI8-ZZ\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.dic"), []byte("1\nслово\n"), 0o644))
	var notes []string
	reg, err := New(&Env{SpellingDict: filepath.Join(dir, "bad.dic"), Notice: func(s string) { notes = append(notes, s) }})
	require.NoError(t, err)
	for range 2 {
		res, err := reg.Check(linter.FromText("t.txt", "Слво."), linter.Settings{Enable: []string{"spelling"}})
		require.NoError(t, err)
		for _, f := range res.Findings {
			assert.NotEqual(t, "spelling", f.Rule)
		}
	}
	assert.LessOrEqual(t, len(notes), 1)
}

// TestSpellingNoPanic cuts a letter at every character.
func TestSpellingNoPanic(t *testing.T) {
	reg := spellReg(t)
	text := "Головановой С.М.\n\nУважаемая Светлана!\n\nКопии актов прилогаются, см. жкх.рф/help и priem@жкх.рф. " +
		"Из-за ремонтт «О порядке» \"Жилсервис\" северо-запдной.\n\nИсп. Орлова Е.Н."
	for i := range text {
		for _, in := range []string{text[:i], text[i:]} {
			res, err := reg.Check(linter.FromText("t.txt", in), linter.Settings{Enable: []string{"spelling"}})
			require.NoError(t, err)
			for _, f := range res.Findings {
				assert.True(t, f.Start.Offset <= f.End.Offset && f.End.Offset <= len(in))
			}
		}
	}
}

// realDict returns the installed hunspell-ru dictionary. Without it the
// test is skipped, except in CI, where the dictionary is installed.
func realDict(t testing.TB) string {
	t.Helper()
	_, dic, ok := spelling.Find()
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatal("hunspell-ru is not installed (apt-get install hunspell-ru)")
		}
		t.Skip("hunspell-ru is not installed")
	}
	return dic
}

// sharedFile reads a file of the shared corpus; skipped when absent unless CI.
func sharedFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v", path, err)
		}
		t.Skipf("%s: %v", path, err)
	}
	return string(b)
}

func realReg(t *testing.T) *linter.Registry {
	t.Helper()
	reg, err := New(&Env{SpellingDict: realDict(t)})
	require.NoError(t, err)
	return reg
}

func TestSpellingReal(t *testing.T) {
	reg := realReg(t)
	cases := []struct {
		name, text string
		want       []string
		first      string
	}{
		{"regulation typo", "по внедрению Стандартов клинтоцентричности в службе", []string{"клинтоцентричности"}, ""},
		{"capital kept", "Колличество жалоб выросло.", []string{"Колличество"}, "Количество"},
		{"glued preposition", "Сообщаем вцелях информирования.", []string{"вцелях"}, "в целях"},
		{"double letter", "Перерасчет платы расчитан неверно.", []string{"расчитан"}, "рассчитан"},
		{"ё and е", "Ещё раз проверим счетчик и перерасчёт.", nil, ""},
		{"hyphenated", "Из-за протечки в северо-западной части дома кое-что намокло.", nil, ""},
		{"housing terms", "Заделаны межпанельные швы, опломбирован теплосчетчик, общедомовые расходы по ресурсоснабжающей организации.", nil, ""},
		{"names and places", "Инспектор Головановой И.П. выехала в Камызякский район, ул. Кирова, д. 5.", nil, ""},
		{"real-word error", "Пишите ответ четко, кратко, простыни словами.", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := findings(t, reg, "spelling", c.text, linter.Citizen)
			assert.Equal(t, c.want, spellTexts(fs))
			if c.first != "" && assert.NotEmpty(t, fs) && assert.NotEmpty(t, fs[0].Suggestions) {
				assert.Equal(t, c.first, fs[0].Suggestions[0])
			}
		})
	}
}

// TestSpellingRegulation: the regulation's own typo «клинтоцентричности»
// is found. «простыни словами» (for «простыми») is a real-word error:
// «простыни» is a correct word, so no dictionary check can see it.
func TestSpellingRegulation(t *testing.T) {
	reg := realReg(t)
	text := sharedFile(t, "../../shared/seed/000_eeae35d41d41de42.txt")
	fs := findings(t, reg, "spelling", text, linter.Citizen)
	assert.Equal(t, []string{"клинтоцентричности"}, spellTexts(fs))
	assert.Contains(t, text, "простыни словами")
}

func TestSpellingDevCorpus(t *testing.T) {
	reg := realReg(t)
	cases := []struct {
		file  string
		want  []string
		first string
	}{
		{"01.txt", []string{"выявленого"}, "выявленного"},
		{"04.txt", []string{"прилогаются"}, "прилагаются"},
		{"06.txt", []string{"резултатам"}, "результатам"},
		{"02.txt", nil, ""}, // clean replies
		{"05.txt", nil, ""},
		{"09.txt", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			text := sharedFile(t, "../../shared/corpus/dev/"+c.file)
			fs := findings(t, reg, "spelling", text, linter.Citizen)
			assert.Equal(t, c.want, spellTexts(fs))
			if c.first != "" && assert.NotEmpty(t, fs) && assert.NotEmpty(t, fs[0].Suggestions) {
				assert.Equal(t, c.first, fs[0].Suggestions[0])
			}
		})
	}
}

// TestSpellingHoldout: the held-out replies. Clean ones stay silent; on the
// others exactly the labelled typos are found, plus «гермитичности» in h05,
// a real typo the labels missed.
func TestSpellingHoldout(t *testing.T) {
	reg := realReg(t)
	unlabelled := map[string][]string{"h05": {"гермитичности"}}
	paths, err := filepath.Glob("../testdata/holdout/h*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(p)
			require.NoError(t, err)
			want := spellLabels(t, strings.TrimSuffix(p, ".txt")+".labels.tsv")
			want = append(want, unlabelled[name]...)
			got := spellTexts(findings(t, reg, "spelling", string(text), linter.Citizen))
			assert.ElementsMatch(t, want, got)
			switch name {
			case "h01", "h04", "h08", "h14":
				assert.Empty(t, got, "clean reply")
			}
		})
	}
}

// spellLabels reads the texts of the spelling labels of a labels file.
func spellLabels(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) >= 4 && fs[0] == "span" && fs[1] == "spelling" {
			out = append(out, fs[3])
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// BenchmarkSpelling checks about 1 MB of replies (the dev corpus repeated)
// with the spelling rule only. «warm» reuses the scan of quoted titles that
// the word rules share in a full check; «alone» builds it every time.
func BenchmarkSpelling(b *testing.B) {
	dic := realDict(b)
	doc := linter.FromText("bench.txt", benchMegabyte(b))
	reg, err := New(&Env{SpellingDict: dic})
	require.NoError(b, err)
	var off []string
	for _, r := range reg.Rules() {
		if id := r.Meta().ID; id != "spelling" {
			off = append(off, id)
		}
	}
	s := linter.Settings{Profile: linter.Citizen, Enable: []string{"spelling"}, Disable: off}
	_, err = reg.Check(doc, s) // load the dictionary
	require.NoError(b, err)
	run := func(b *testing.B, fresh bool) {
		b.SetBytes(int64(len(doc.Text)))
		b.ReportAllocs()
		cpu0, n := spellCPU(), 0
		for b.Loop() {
			d := doc
			if fresh {
				c := *doc
				d = &c
			}
			if _, err := reg.Check(d, s); err != nil {
				b.Fatal(err)
			}
			n++
		}
		// The machine may be shared: MB per second of this process's CPU
		// time is steadier than MB/s of wall time.
		if cpu := spellCPU() - cpu0; cpu > 0 {
			b.ReportMetric(float64(n*len(doc.Text))/1e6/cpu, "MB/cpu-s")
		}
	}
	b.Run("warm", func(b *testing.B) { run(b, false) })
	b.Run("alone", func(b *testing.B) { run(b, true) })
}

// benchMegabyte returns about 1 MB of replies: the dev corpus (or the
// holdout letters) repeated.
func benchMegabyte(b *testing.B) string {
	paths, _ := filepath.Glob("../../shared/corpus/dev/*.txt")
	if len(paths) == 0 {
		paths, _ = filepath.Glob("../testdata/holdout/h*.txt")
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			require.NoError(b, err)
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// TestSpellingConcurrent checks one rule set from several goroutines: the
// dictionary, its memo and the suggestion memo are shared.
func TestSpellingConcurrent(t *testing.T) {
	reg := spellReg(t)
	texts := []string{"Копии актов прилогаются.", "Ввиду выявленого нарушения компания выполнит ремонт.", "Ремонтт дома."}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 20 {
				text := texts[(g+k)%len(texts)]
				res, err := reg.Check(linter.FromText("t.txt", text), linter.Settings{Enable: []string{"spelling"}})
				assert.NoError(t, err)
				n := 0
				for _, f := range res.Findings {
					if f.Rule == "spelling" {
						n++
					}
				}
				assert.Equal(t, 1, n, text)
			}
		})
	}
	wg.Wait()
}

// spellCPU returns the user and system CPU seconds used by the process.
func spellCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// TestSpellingVerdictCache checks the verdicts kept by NormID against the
// dictionary itself, for words as their normal form and otherwise, before
// and after the cache has learnt them.
func TestSpellingVerdictCache(t *testing.T) {
	_, dic, ok := spelling.Find()
	if !ok {
		dic = miniDict
	}
	aff := strings.TrimSuffix(dic, ".dic") + ".aff"
	e := spellEntryFor(aff, dic, []string{"клиентоцентричный"})
	d := e.get(func(string) {})
	require.NotNil(t, d)
	doc := linter.FromText("t.txt", "Копии актов прилагаются. Копии актов прилогаются, КОПИИ и Ёлка, ёлка, елка. "+
		"Выявленого нарушения нет; выявленого, выявленного. Клиентоцентричный клиентоцентричный северо-запдной. "+
		"Москва москва, Россия россия, Акт акт, Ещё ещё, Еще, Прилогаются, Северо-запдной и Северо-Запдной.")
	for range 2 {
		for i := range doc.Tokens {
			tk := &doc.Tokens[i]
			if tk.Kind != linter.Word {
				continue
			}
			w := doc.Text[tk.Start:tk.End]
			require.Equal(t, d.Check(w), e.check(d, doc, tk, w), w)
		}
	}
}

// TestSpellFormOf checks the forms of words, the usual one told by the
// token's Normal flag and the others by the text.
func TestSpellFormOf(t *testing.T) {
	cases := []struct {
		w    string
		want int
	}{
		{"акт", spellLower},
		{"Акт", spellTitle},
		{"АКТ", spellOther},
		{"АКт", spellOther},
		{"аКт", spellOther},
		{"Ёлка", spellOther},
		{"Елка", spellTitle},
		{"ещё", spellOther},
		{"Ещё", spellOther},
		{"е\u00adще", spellOther},
		{"Северо-запад", spellTitle},
		{"Северо-Запад", spellOther},
		{"северо-запад", spellLower},
	}
	for _, c := range cases {
		doc := linter.FromText("t.txt", c.w)
		require.Len(t, doc.Tokens, 1, c.w)
		assert.Equal(t, c.want, spellFormOf(doc, &doc.Tokens[0], c.w), c.w)
	}
}
