package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestVague(t *testing.T) {
	one := func(text, want string) ruleCase { return ruleCase{name: text, text: text, want: []string{want}} }
	none := func(text string) ruleCase { return ruleCase{name: "silent: " + text, text: text} }
	runCases(t, "vague", []ruleCase{
		// soon
		one("Ремонт будет выполнен в ближайшее время.", "в ближайшее время"),
		one("В самое ближайшее время мы направим ответ.", "В самое ближайшее время"),
		one("Ответ направим в течение ближайшего времени.", "в течение ближайшего времени"),
		one("Работы выполнят в кратчайшие сроки.", "в кратчайшие сроки"),
		one("Работы выполнят в максимально короткие сроки.", "в максимально короткие сроки"),
		one("Протечку устранят в кратчайший срок.", "в кратчайший срок"),
		// maybe
		one("Двор благоустроят по мере возможности.", "по мере возможности"),
		one("Двор благоустроят по мере поступления финансирования.", "по мере поступления"),
		// measures, any order, inflected
		one("В отношении компании будут приняты меры.", "будут приняты меры"),
		one("Меры будут приняты.", "Меры будут приняты"),
		one("Будут приняты все необходимые меры.", "Будут приняты все необходимые меры"),
		one("Меры реагирования будут приняты.", "Меры реагирования будут приняты"),
		one("Мы примем все необходимые меры.", "примем все необходимые меры"),
		one("По обращению принимаются меры.", "принимаются меры"),
		// control
		one("Вопрос находится на контроле службы.", "находится на контроле"),
		one("Вопрос остаётся на контроле.", "остаётся на контроле"),
		one("Вопрос на контроле.", "на контроле"),
		one("Исполнение предписания взято на контроль.", "взято на контроль"),
		one("Обращение поставлено на особый контроль.", "поставлено на особый контроль"),
		// established terms
		one("Нарушения устранят в установленные сроки.", "в установленные сроки"),
		one("Ответ дадут в установленный законом срок.", "в установленный законом срок"),
		one("Ответ дадут в сроки, установленные законом.", "в сроки, установленные"),
		// consider
		one("Служба рассмотрит вопрос о проведении проверки.", "рассмотрит вопрос"),
		one("Рассматривается вопрос о ремонте крыши.", "Рассматривается вопрос"),
		one("Вопрос о ремонте будет рассмотрен.", "Вопрос о ремонте будет рассмотрен"),
		one("Мы рассмотрим возможность замены лифта.", "рассмотрим возможность"),
		// decision, agreement
		one("По результатам обследования будет принято решение.", "будет принято решение"),
		one("Решение о ремонте будет принято.", "Решение о ремонте будет принято"),
		one("Сроки работ будут согласованы с Вами.", "будут согласованы"),
		// later
		one("Информация будет направлена Вам дополнительно.", "направлена Вам дополнительно"),
		one("О результатах сообщим дополнительно.", "сообщим дополнительно"),
		one("О результатах дополнительно сообщим.", "дополнительно сообщим"),
		one("Ответ по существу будет дан позднее.", "дан позднее"),
		// future promises without a date
		one("Перерасчёт будет выполнен.", "будет выполнен"),
		one("Мы проведём проверку.", "проведём"),
		one("Обследование квартиры запланировано.", "запланировано"),
		one("О результатах Вы будете проинформированы.", "будете проинформированы"),
		one("Контроль будет осуществлён в установленном порядке.", "в установленном порядке"),
		// an inherently vague phrase stays vague under a condition
		one("Если освещение не восстановят, служба рассмотрит вопрос о проверке.", "рассмотрит вопрос"),

		// with a date or a term
		none("Ремонт будет выполнен до 15.12.2026."),
		none("Меры будут приняты до 15 декабря."),
		none("Ответ направим дополнительно не позднее 20.12.2026."),
		none("Проверку проведём в течение 10 рабочих дней."),
		none("Проверку проведём в среду."),
		none("Мастер придёт завтра, перерасчёт будет выполнен в квитанции за декабрь 2026 года."),
		none("Ремонт запланирован на май 2027 года."),
		none("Срок исполнения истекает 30.11.2026. Контроль будет осуществлён в установленном порядке."),
		// conditions
		none("Если нарушение подтвердится, будут приняты меры."),
		none("Если ремонт не будет сделан, мы составим протокол."),
		none("Если компания откажет, сообщите нам. Мы проверим её действия."),
		none("Перерасчёт будет выполнен после того, как Вы передадите показания."),
		// not promises
		none("Служба рассмотрела вопрос о перерасчёте."),
		none("Служба рассмотрела Ваше обращение по вопросу отопления."),
		none("Меры приняты: компания оштрафована."),
		none("Меры не будут приняты, так как нарушений нет."),
		none("Перерасчёт производится в установленном порядке."),
		none("Дополнительно сообщаем, что плата начисляется по нормативу."),
		none(""),
	})
}

// TestVagueAnyOrder: the subject and the verb of a vague phrase stand in
// either order, with a long noun phrase between them, in one clause.
func TestVagueAnyOrder(t *testing.T) {
	one := func(text, want string) ruleCase { return ruleCase{name: text, text: text, want: []string{want}} }
	none := func(text string) ruleCase { return ruleCase{name: "silent: " + text, text: text} }
	runCases(t, "vague", []ruleCase{
		one("Вопрос о замене стояков в Вашем подъезде сейчас рассматривается управляющей компанией.",
			"Вопрос о замене стояков в Вашем подъезде сейчас рассматривается"),
		one("Возможность установки пандуса у второго подъезда рассматривает администрация района.",
			"Возможность установки пандуса у второго подъезда рассматривает"),
		one("Вопрос о компенсации ущерба будет повторно рассмотрен комиссией.",
			"Вопрос о компенсации ущерба будет повторно рассмотрен"),
		one("Рассматривают вопрос о переносе контейнерной площадки.", "Рассматривают вопрос"),
		one("Меры к подрядчику тоже будут приняты.", "Меры к подрядчику тоже будут приняты"),

		// who deals with such matters in general, not this appeal
		none("Вопросы начисления платы за газ рассматривает газоснабжающая организация."),
		// «по вопросу» is the topic, not the subject
		none("По вопросу ремонта лифта сообщаем, что заявка передана подрядчику 12.03.2027."),
		// the noun and the verb in different clauses
		none("Заявление Вашего соседа рассматривается судом, а вопрос о штрафе уже решён."),
		none("Ваш вопрос рассмотрен, нарушение устранено."),
	})
}

// TestVagueThirdPerson: a perfective verb in the present form is a
// future: «устранит», «заменят» promise an action; without a date or a
// term they are vague.
func TestVagueThirdPerson(t *testing.T) {
	one := func(text, want string) ruleCase { return ruleCase{name: text, text: text, want: []string{want}} }
	none := func(text string) ruleCase { return ruleCase{name: "silent: " + text, text: text} }
	runCases(t, "vague", []ruleCase{
		one("Управляющая компания устранит течь в подвале.", "устранит"),
		one("Подрядчик заменит окна на лестнице.", "заменит"),
		one("Трубы в подвале отремонтируют.", "отремонтируют"),
		one("Специалисты фонда проверят состояние чердака.", "проверят"),
		one("Сообщаем, что компания восстановит освещение во дворе и покрасит скамейки.", "восстановит"),
		one("Инспектор снова проверит дом.", "проверит"),

		// a date, a term, or a date named in the previous sentence
		none("Компания устранит течь до 20.03.2027."),
		none("Мастер придёт во вторник и заменит кран."),
		none("Стояк заменят в течение пяти рабочих дней."),
		none("Компания заменит стояк до 20.03.2027. Затем инспектор проверит работу."),
		none("Предписание нужно выполнить до 20.03.2027.\n\nПосле этой даты инспектор проверит дом."),
		// conditions
		none("Если нарушение подтвердится, компанию оштрафуют."),
		none("Компанию оштрафуют в случае повторного нарушения."),
		// side clauses and questions
		none("Вы можете узнать в диспетчерской, когда заменят счётчик."),
		none("Позвоните в компанию и уточните, починят ли лифт."),
		none("Кто отремонтирует крышу?"),
		// negation, past, instructions to the citizen, not a promise
		none("Компания не заменит счётчик бесплатно, так как он принадлежит Вам."),
		none("Компания заменила окна в подъезде."),
		none("Проверьте показания и сообщите их в компанию."),
		none("Штраф составит от 5 до 10 тысяч рублей."),
		none("Управляющая компания обслуживает дом с 2019 года."),
	})
}

func TestVagueMessage(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	fs := findings(t, reg, "vague", "Ремонт будет выполнен в ближайшее время.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Warning, fs[0].Severity)
	assert.Equal(t, "п. 2.3, 1.7", fs[0].Clause)
	assert.Contains(t, fs[0].Message, "«в ближайшее время»")
	assert.Contains(t, fs[0].Message, "до 15.12.2026")
	assert.Empty(t, fs[0].Suggestions)
}

func BenchmarkVague(b *testing.B) {
	reg, err := Default()
	require.NoError(b, err)
	text := strings.Repeat("Служба провела проверку дома по ул. Кирова, д. 5. Меры будут приняты в ближайшее время, "+
		"а вопрос о ремонте будет рассмотрен.\n\n", 200)
	doc := linter.FromText("bench.txt", text)
	s := dsOnlyRules(reg, "vague")
	b.ResetTimer()
	for range b.N {
		_, _ = reg.Check(doc, s)
	}
}

// TestVgStarts holds the patterns kept by class to the patterns whose
// first word each class passes, asked afresh, before and after the
// table has learnt them.
func TestVgStarts(t *testing.T) {
	for _, d := range dsIndexDocs(t) {
		dsSentsOf(d) // gives the classes of the documents' words
	}
	sets := wtSnapshot()
	for range 2 {
		for c := range sets {
			var want uint64
			for pi, p := range vgPatterns {
				if sets[c].has(p.elems[0]) {
					want |= 1 << pi
				}
			}
			assert.Equal(t, want, vgStartsOf(uint32(c), &sets[c]), c)
		}
	}
}

// vgPhrasesSlow is the plain statement of vgPhrases: every pattern tried
// at every word, without the patterns kept by class and by sentence.
func vgPhrasesSlow(d *linter.Document, s *dsSent, cond bool, hit func(kind vgKind, a, b int)) {
	type span struct{ a, b int }
	var got []span
	for k := range s.w {
	patterns:
		for pi := range vgPatterns {
			p := &vgPatterns[pi]
			a, e := vgMatch(d, s, k, p)
			if a < 0 {
				continue
			}
			for _, s := range got {
				if a <= s.b && e >= s.a {
					continue patterns
				}
			}
			if (p.promise && cond) || vgNegated(d, s.w, a, e) {
				continue
			}
			got = append(got, span{a, e})
			hit(p.kind, a, e)
		}
	}
}

// TestVgPhrasesAgree holds vgPhrases, which tries only the patterns
// whose words all occur in the sentence, to the plain statement on
// every sentence of the test documents, with and without a condition.
func TestVgPhrasesAgree(t *testing.T) {
	type hit struct {
		kind vgKind
		a, b int
	}
	docs := append(dsIndexDocs(t), linter.FromText("t", "Меры будут приняты в ближайшее время. Вопрос рассматривается, "+
		"решение будет принято позднее. Мы направим ответ дополнительно в установленные сроки, по мере возможности."))
	var s dsSent
	n := 0
	for _, d := range docs {
		x := dsSentsOf(d)
		for si := range d.Sentences {
			x.sent(si, &s)
			for _, cond := range []bool{false, true} {
				var got, want []hit
				vgPhrases(d, &s, cond, func(k vgKind, a, b int) { got = append(got, hit{k, a, b}) })
				vgPhrasesSlow(d, &s, cond, func(k vgKind, a, b int) { want = append(want, hit{k, a, b}) })
				require.Equal(t, want, got, "%s: %s", d.Name, d.SentenceText(si))
				n += len(want)
			}
		}
	}
	assert.Positive(t, n)
}
