package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/dict"
	"github.com/yasno/yasno/linter"
)

func TestJargon(t *testing.T) {
	runCases(t, "jargon", []ruleCase{
		// Verb forms, participles and verbal nouns of one entry.
		{name: "participle with noun", text: "Осуществлен выезд специалиста.", want: []string{"Осуществлен выезд"}},
		{name: "participle alone", text: "Осуществлен звонок жильцам.", want: []string{"Осуществлен"}},
		{name: "short participle fem", text: "Проверка осуществлена 5 ноября.", want: []string{"осуществлена"}},
		{name: "present reflexive", text: "Перерасчет осуществляется по акту.", want: []string{"осуществляется"}},
		{name: "past", text: "Инспектор осуществил осмотр.", want: []string{"осуществил"}},
		{name: "verbal noun chain", text: "Осуществление контроля возложено на службу.", want: []string{"Осуществление контроля"}},
		{name: "verbal noun", text: "Осуществление звонков возложено на службу.", want: []string{"Осуществление"}},
		{name: "verbal noun cases", text: "Для проведения обследования и о проведении проверки.", want: []string{"проведения обследования", "проведении проверки"}},
		{name: "perfective participle", text: "В ходе осмотра произведены замеры.", want: []string{"произведены замеры"}},
		{name: "perfective past", text: "Подрядчик произвел покраску стен.", want: []string{"произвел покраску"}},
		{name: "noun case", text: "Приступить к производству работ.", want: []string{"производству работ"}},
		{name: "negated impersonal", text: "Проверить дом не представлялось возможным.", want: []string{"не представлялось возможным"}},
		{name: "multiword", text: "Ответ направлен в адрес управляющей компании.", want: []string{"в адрес"}},
		{name: "longest phrase", text: "Меры примут в соответствии с действующим законодательством.",
			want: []string{"в соответствии с действующим законодательством"}},
		{name: "line break inside a phrase", text: "Сообщаем, что ремонт крыши над вашей квартирой в настоящее\nвремя выполняет подрядная организация.",
			want: []string{"в настоящее\nвремя"}},

		// данный / данные.
		{name: "данный fires", text: "Данный вопрос решен. По данному адресу.", want: []string{"Данный", "данному"}},
		{name: "данные is data", text: "Мы запросили данные о ходе ремонта. Данные о запуске записывают в журнал.", want: nil},

		// являться only as a link verb.
		{name: "link verb", text: "Служба не является органом, уполномоченным на это.", want: []string{"является"}},
		{name: "link verb adjective", text: "Эти сроки являются обязательными.", want: []string{"являются"}},
		{name: "not a link verb", text: "Инспектор является на осмотр вовремя.", want: nil},

		// Legal citations.
		{name: "в части of a law", text: "Это указано в части 3 статьи 8 закона.", want: nil},
		{name: "в соответствии с and a citation", text: "В соответствии с частью 3 статьи 8 закона ответ направлен в полицию.", want: nil},
		{name: "в части as jargon", text: "В части ремонта кровли сообщаем.", want: []string{"В части"}},

		// Titles and names.
		{name: "quoted act title", text: "Закон «О порядке осуществления контроля в целях защиты прав» действует.", want: nil},
		{name: "unquoted name of an act", text: "Так сказано в правилах осуществления деятельности по управлению многоквартирными домами.", want: nil},
		{name: "name of a system", text: "Ответ размещен в системе Инцидент менеджмент.", want: nil},
		{name: "low quotes", text: "Закон „О порядке осуществления контроля“ действует.", want: nil},
		{name: "straight-quoted company", text: "Ответ ООО \"Надлежащий сервис\" получен.", want: nil},
		{name: "lowercase quote is checked", text: "Вы пишете, что это «в целях экономии».", want: []string{"в целях"}},
		{name: "sentence boundary", text: "Обратитесь в. Целях нет.", want: nil},
	})
}

func TestJargonMessageAndProfile(t *testing.T) {
	// The organisation's file overrides the built-in entries, so the test
	// does not depend on the wording of the built-in data.
	org := "в =целях\tчтобы | для\tКанцелярский оборот: пишите «чтобы».\tорг\n" +
		"в плановом порядке\t∅\tЛишние слова.\tорг\n" +
		"по компетенции\t∅ (напишите, кому передали)\tНепонятно человеку.\tорг\n" +
		"на сегодняшний день\tсейчас | на (дата)\t\tорг\n" +
		"в отношении\t(«проверили компанию»)\tОборот.\tорг\tinfo\n"
	reg, err := New(&Env{Extra: map[string][]Source{"jargon": {{Name: "org.tsv", Data: []byte(org)}}}})
	require.NoError(t, err)
	fs := findings(t, reg, "jargon", "В целях проверки приехал инспектор.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Warning, fs[0].Severity)
	assert.Equal(t, "п. 2.5", fs[0].Clause)
	assert.Equal(t, "Канцелярит: „В целях“ → „чтобы“ или „для“. Канцелярский оборот.", fs[0].Message, "the reason does not repeat the replacement")
	assert.Equal(t, []string{"Чтобы", "Для"}, fs[0].Suggestions, "capitalised at a sentence start")

	// A deletion inside a sentence takes the space after it along.
	fs = findings(t, reg, "jargon", "Крышу починят в плановом порядке до июня.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, "в плановом порядке ", fs[0].Text)
	assert.Equal(t, []string{""}, fs[0].Suggestions, "delete")
	assert.Equal(t, "Канцелярит: „в плановом порядке“ — уберите. Лишние слова.", fs[0].Message)
	// Before a full stop the deletion would leave «починят .»: advice only.
	fs = findings(t, reg, "jargon", "Крышу починят в плановом порядке.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, "в плановом порядке", fs[0].Text)
	assert.Empty(t, fs[0].Suggestions)

	fs = findings(t, reg, "jargon", "Обращение передано по компетенции.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Empty(t, fs[0].Suggestions, "advice is not a suggestion")
	assert.Equal(t, "Канцелярит: „по компетенции“ — уберите; напишите, кому передали. Непонятно человеку.", fs[0].Message)

	fs = findings(t, reg, "jargon", "Долга на сегодняшний день нет.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, []string{"сейчас"}, fs[0].Suggestions)
	assert.Contains(t, fs[0].Message, "„сейчас“ или „на (дата)“")

	fs = findings(t, reg, "jargon", "В целях проверки приехал инспектор.", linter.Official)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Info, fs[0].Severity)

	// A soft entry is a hint whatever the profile.
	fs = findings(t, reg, "jargon", "Проверка в отношении компании закончена.", linter.Public)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Info, fs[0].Severity)
	assert.Equal(t, "Канцелярит: „в отношении“ — «проверили компанию». Оборот.", fs[0].Message)
}

// TestJargonSuggestionsFit checks that every suggestion can replace the
// finding's text as it stands, for each kind of entry of the built-in
// list, and that no suggestion is given where none would fit.
func TestJargonSuggestionsFit(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	cases := []struct {
		name, text, found string
		sugg              []string // nil: no suggestion
		msg               string   // a part of the message
	}{
		// Fixed expressions: as written, capitalised at a sentence start.
		{"fixed", "Долга в настоящее время нет.", "в настоящее время", []string{"сейчас"}, "→ „сейчас“"},
		{"fixed capitalised", "В настоящее время долга нет.", "В настоящее время", []string{"Сейчас"}, ""},
		{"fixed preposition", "Ввиду аварии воду отключили.", "Ввиду", []string{"Из-за"}, ""},
		{"fixed, case kept", "Работы идут в целях защиты дома.", "в целях", []string{"для"}, ""},
		{"fixed conjunction", "Работы перенесены в связи с тем, что идет дождь.", "в связи с тем, что", []string{"потому что", "так как"}, ""},
		// Adjectives and participles take the case of the found word.
		{"adjective genitive", "Нет надлежащего ухода.", "надлежащего", []string{"нужного", "правильного", "положенного"}, "→ „нужного“"},
		{"adjective feminine", "Уборка надлежащей не была.", "надлежащей", []string{"нужной", "правильной", "положенной"}, ""},
		{"adjective plural", "Замечания надлежащие.", "надлежащие", []string{"нужные", "правильные", "положенные"}, ""},
		{"pronoun этот", "О данной проблеме мы знаем.", "данной", []string{"этой"}, ""},
		{"pronoun этот capitalised", "Данное нарушение устранено.", "Данное", []string{"Это"}, ""},
		{"context word stays", "Жильцы вышеуказанного дома жалуются.", "вышеуказанного", []string{"этого", "названного"}, ""},
		{"указанный with context", "Жильцы указанных домов жалуются.", "указанных", []string{"этих"}, ""},
		// Words exactly in the entry's form take the replacement as written.
		{"verb in head form", "Решили произвести замену труб.", "произвести замену", []string{"заменить"}, ""},
		{"verb in another form", "Подрядчик произвел замену труб.", "произвел замену", nil, "„заменить“ в нужной форме"},
		{"verb alone", "Ремонт производится по плану.", "производится", nil, "„сделать“, „провести“ или „выполнить“ в нужной форме"},
		{"noun chain", "Сроки производства работ сорваны.", "производства работ", nil, "„работы“ в нужной форме"},
		{"template in head form", "Доводим до сведения, что ремонт закончен.", "Доводим до сведения", []string{"Сообщаем"}, ""},
		{"part of the phrase", "В квартире, расположенной по адресу: ул. Мира, 5.", "расположенной по адресу", []string{"по адресу"}, ""},
		// Advice, not a replacement.
		{"link verb", "Служба не является органом надзора.", "является", nil, "поставьте тире или «это»"},
		{"в адрес", "Ответ направлен в адрес компании.", "в адрес", nil, "уберите «адрес»"},
		{"verbal noun alone", "Проведение собрания жильцов назначено.", "Проведение собрания", []string{"Собрание"}, ""},
		// Deletion only where the sentence stays whole.
		{"deletion inside", "Компания в свою очередь обязана ответить.", "в свою очередь ", []string{""}, "уберите"},
		{"no deletion after a comma", "Компания, в свою очередь, обязана ответить.", "в свою очередь", nil, "уберите"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := findings(t, reg, "jargon", c.text, linter.Citizen)
			require.Len(t, fs, 1, "%v", fs)
			assert.Equal(t, c.found, fs[0].Text)
			if c.sugg == nil {
				assert.Empty(t, fs[0].Suggestions)
			} else {
				assert.Equal(t, c.sugg, fs[0].Suggestions)
			}
			assert.Contains(t, fs[0].Message, c.msg)
		})
	}
}

func TestJargonLinkVerbAndDocuments(t *testing.T) {
	runCases(t, "jargon", []ruleCase{
		// «является то, что» wherever it stands.
		{name: "является то, что", text: "Причиной роста платы является то, что жильцы не передали показания.",
			want: []string{"является то, что"}},
		{name: "являются то, что", text: "Основанием являются то, что акт не подписан.", want: []string{"являются то, что"}},
		{name: "тот факт, что", text: "Причиной является тот факт, что дом старый.", want: []string{"является тот факт, что"}},
		// The predicate before the verb.
		{name: "instrumental before", text: "Управляющей организацией дома является ООО «Уют».", want: []string{"является"}},
		// «является» meaning «comes» stays silent.
		{name: "comes", text: "Инспектор является на приём по вторникам.", want: nil},
		{name: "comes to", text: "Жилец не является на осмотр.", want: nil},
		// A verbal noun in the name of a document is the document's title.
		{name: "акт о выполнении", text: "Пришлите акт о выполнении ремонта кровли.", want: nil},
		{name: "договор на проведение", text: "Заключен договор на проведение капитального ремонта.", want: nil},
		{name: "график производства", text: "Утвержден график производства работ.", want: nil},
		{name: "not a document", text: "Сроки производства работ сорваны.", want: []string{"производства работ"}},
		// A participle is not the verbal noun.
		{name: "participle", text: "По результатам проведенной проверки нарушений нет.", want: []string{"проведенной "}},
	})
}

func TestJargonAllowAndExtra(t *testing.T) {
	reg, err := New(&Env{Extra: map[string][]Source{"jargon": {{Name: "org.tsv", Data: []byte("в разрезе\tпо\tканцелярит\tорг\n")}}}})
	require.NoError(t, err)
	doc := linter.FromText("t", "Отчет в разрезе домов. Осуществлен выезд.")
	res, err := reg.Check(doc, linter.Settings{Profile: linter.Citizen, Enable: []string{"jargon"}, Allow: []string{"Осуществлять"}})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "jargon" {
			got = append(got, f.Text)
		}
	}
	assert.Equal(t, []string{"в разрезе"}, got, "org entry fires; an allowed word does not")

	_, err = New(&Env{Extra: map[string][]Source{"jargon": {{Name: "bad.tsv", Data: []byte("только фраза\n")}}}})
	assert.ErrorContains(t, err, "bad.tsv:1")
}

// benchCorpus builds about 1 MB of text by repeating the dev corpus.
func benchCorpus(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "dev", "*.txt"))
	var sb strings.Builder
	for len(files) > 0 && sb.Len() < 1<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Skip(err)
			}
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	if sb.Len() == 0 {
		b.Skip("no dev corpus at ../../shared/corpus/dev")
	}
	return sb.String()
}

// BenchmarkWordRules runs each word rule, the four together, the other
// rules of single words, and the whole default set on 1 MB of replies.
// The document is tokenized once, outside the timing; each iteration
// checks a fresh copy of it, so that the word rules' shared scan is paid
// for every time, as in a real check.
func BenchmarkWordRules(b *testing.B) {
	reg, err := Default()
	require.NoError(b, err)
	text := benchCorpus(b)
	word := "jargon,foreign,mixed-script,abbreviation"
	for _, ids := range []string{"jargon", "foreign", "mixed-script", "abbreviation", word,
		"typography", "personal-data", "spelling", "all"} {
		b.Run(ids, func(b *testing.B) {
			s := linter.Settings{Profile: linter.Citizen}
			if ids != "all" {
				for _, r := range reg.Rules() {
					if !strings.Contains(","+ids+",", ","+r.Meta().ID+",") {
						s.Disable = append(s.Disable, r.Meta().ID)
					}
				}
			}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var cpu float64
			n := 0
			for b.Loop() {
				// A freshly parsed document, as in a real check: a copy
				// would share nothing the rules memoise on it, so shared
				// work would be paid by every rule that asks.
				b.StopTimer()
				fresh := linter.FromText("bench.txt", text)
				b.StartTimer()
				cpu0 := spellCPU()
				if _, err := reg.Check(fresh, s); err != nil {
					b.Fatal(err)
				}
				cpu += spellCPU() - cpu0
				n++
			}
			// Wall time says little on a shared machine.
			if cpu > 0 && n > 0 {
				b.ReportMetric(cpu*1e9/float64(n), "cpu-ns/op")
			}
		})
	}
}

// TestWordReportTailsAgree checks the message ends prepared per entry
// against those written for each finding: jargon and foreign with the
// entries' infos stripped of them report the same findings.
func TestWordReportTailsAgree(t *testing.T) {
	d := wdBuiltin.get()
	slow := &wdShared{d: d, info: map[*dict.Entry]*wdInfo{}}
	slow.once.Do(func() {})
	for e, in := range wdBuiltin.info {
		plain := *in
		plain.headTail, plain.partTail, plain.plainTail = "", "", ""
		slow.info[e] = &plain
	}
	fast, err := linter.NewRegistry(&jargon{w: wdBuiltin}, &foreign{w: wdBuiltin})
	require.NoError(t, err)
	ref, err := linter.NewRegistry(&jargon{w: slow}, &foreign{w: slow})
	require.NoError(t, err)
	n := agreeFindings(t, fast, ref, []linter.Profile{linter.Citizen, linter.Official}, nil)
	assert.Greater(t, n, 100)
}

func TestWordWriteUpperFirst(t *testing.T) {
	for _, s := range []string{"", " ", "для", "Для", "по адресу ", "ёлка", "éclair", "1 раз", "\xff"} {
		var b strings.Builder
		wdWriteUpperFirst(&b, s)
		assert.Equal(t, wdUpperFirst(s), b.String(), s)
	}
}

// TestWordTexts checks that the texts and lists cut from a check's
// chunks stay as written while later ones are written and appended to.
func TestWordTexts(t *testing.T) {
	var x wdTexts
	var texts []string
	var lists [][]string
	for k := range 3000 {
		want := strings.Repeat(string(rune('а'+k%32)), 1+k%300)
		b := x.grow(len(want))
		from := b.Len()
		b.WriteString(want)
		texts = append(texts, b.String()[from:])
		l := x.list(1 + k%3)
		for range cap(l) {
			l = append(l, want)
		}
		lists = append(lists, l)
	}
	for k, s := range texts {
		want := strings.Repeat(string(rune('а'+k%32)), 1+k%300)
		require.Equal(t, want, s, k)
		require.Len(t, lists[k], 1+k%3)
		for _, v := range lists[k] {
			require.Equal(t, want, v, k)
		}
	}
}

// TestWordReportKeptAgree checks the texts a check keeps for the next
// finding of the same words against those written anew: every finding of
// jargon and foreign on texts with many findings, repeated, has the
// message and suggestions wdWrite gives its match alone.
func TestWordReportKeptAgree(t *testing.T) {
	reg, err := linter.NewRegistry(&jargon{w: wdBuiltin}, &foreign{w: wdBuiltin})
	require.NoError(t, err)
	var sb strings.Builder
	for _, e := range wdBuiltin.get().Entries() {
		p := strings.NewReplacer("|", " ", "=", "", "~", "").Replace(e.Phrase)
		fmt.Fprintf(&sb, "%s %s, %s. Мы %s вам. Онлайн-%s и %s-%s.\n", wdUpperFirst(p), p, strings.ToUpper(p), p, p, p, p)
	}
	texts := agreeTexts(t)
	texts["lists"] = sb.String() + sb.String()
	kept := 0
	for name, text := range texts {
		for _, p := range []linter.Profile{linter.Citizen, linter.Official} {
			doc := linter.FromText(name, text)
			res, err := reg.Check(doc, linter.Settings{Profile: p})
			require.NoError(t, err)
			ms := map[[2]int]dict.Match{}
			for _, m := range wdBuiltin.scan(doc).ms {
				ms[[2]int{m.Start, m.Entry.List}] = m
			}
			seen := map[wdKey]bool{}
			for _, f := range res.Findings {
				list := dict.ListJargon
				if f.Rule == foreignMeta.ID {
					list = dict.ListForeign
				}
				m, ok := ms[[2]int{f.Start.Offset, list}]
				if !ok || !strings.HasPrefix(f.Message, wdBuiltin.info[m.Entry].voice.kind+": „"+doc.Text[m.Start:m.End]+"“") {
					continue // not a dictionary finding: a Latin word, «является то, что»
				}
				k, end := wdKeyOf(doc, m, wdBuiltin.info[m.Entry])
				want := wdWrite(doc, &wdTexts{}, m, k)
				if want.sugg == nil {
					want.sugg = []string{}
				}
				require.Equal(t, want.msg, f.Message, name)
				require.Equal(t, want.sugg, f.Suggestions, name)
				require.Equal(t, end, f.End.Offset, name)
				if seen[k] {
					kept++
				}
				seen[k] = true
			}
		}
	}
	assert.Greater(t, kept, 1000, "findings that took kept texts")
}
