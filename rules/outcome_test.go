package rules

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// outLetter builds a reply whose body is the given paragraphs.
func outLetter(body ...string) string {
	return "Служба жилищного надзора\n\nКузнецовой Т.В.\n\nУважаемая Татьяна Викторовна!\n\n" +
		strings.Join(body, "\n\n") + "\n\nРуководитель службы\nА.В. Морозов\n\nИсполнитель: Петрова Анна Сергеевна, тел. 8 (8512) 51-23-47"
}

const outIntro = "Служба рассмотрела Ваше обращение о протечке крыши."

func TestOutcome(t *testing.T) {
	var cases []ruleCase
	// Each body states an outcome: the rule stays silent.
	for _, s := range []string{
		// done
		"Нарушение устранено.",
		"Управляющая компания отремонтировала крышу 10.11.2026.",
		"Светильники на 3–5 этажах заменены.",
		"Подача воды восстановлена.",
		"Перерасчёт выполнен в квитанции за ноябрь.",
		"Мы провели перерасчёт платы за отопление.",
		"Компании произведён перерасчёт.",
		"Лифт запущен.",
		"Ваше требование удовлетворено.",
		"Нарушений не выявлено.",
		"Нарушений требований жилищного законодательства при проверке не выявлено.",
		"Доводы обращения не подтвердились.",
		"Последняя проверка прошла 12.08.2026, нарушений нет.",
		"Температура горячей воды в квартире соответствует нормативу.",
		"Работы по ремонту кровли проведены.",
		// scheduled
		"Компания отремонтирует крышу до 15 декабря 2026 года.",
		"Мы выдали предписание: устранить протечку до 15.12.2026.",
		"Перерасчёт будет выполнен в течение 10 рабочих дней.",
		"Мы проверим дом 16.12.2026 и сообщим Вам результат.",
		"Ремонт кровли запланирован на май 2027 года.",
		"Протечку устранят не позднее 15.12.2026.",
		"Ремонт подъезда включён в план текущего ремонта на 2027 год.",
		// refused with a reason
		"В перерасчёте отказано, так как показания переданы после 25 числа.",
		"Провести проверку не представляется возможным, поскольку дом управляет ТСЖ, а не управляющая компания.",
		"Оснований для перерасчёта нет: согласно пункту 42 Правил плата начисляется по нормативу.",
		"Признание решения собрания недействительным не относится к полномочиям службы.",
		"Служба не наделена правом отменять решения общих собраний.",
		// forwarded by competence
		"Ваше обращение направлено по компетенции в администрацию города.",
		"Мы перенаправили Ваше обращение в прокуратуру района.",
	} {
		cases = append(cases, ruleCase{name: "silent: " + s, text: outLetter(outIntro, s)})
	}
	cases = append(cases, ruleCase{name: "silent: an answer to a question",
		text: outLetter("Вы спросили, законно ли требование заключить договор на обслуживание газовой плиты.",
			"Такой договор обязателен. Этого требуют правила пользования газом.")})

	// No outcome: the finding points at the last sentence of the body.
	for _, s := range []string{
		"В отношении управляющей организации будут приняты меры.",
		"Вопрос находится на контроле службы.",
		"Замена светильников будет выполнена в ближайшее время.",
		"Нарушение до сих пор не устранено.",
		"Протечка будет устранена.",
		"Протечка должна быть устранена.",
		"Ваше обращение направлено в управляющую организацию для принятия мер.",
		"Заявки о неисправном освещении должны выполняться в течение 7 суток.",
		"Если нарушение подтвердится, компания устранит его до 15.12.2026.",
		"Служба рассмотрит вопрос о проведении проверки.",
		"Замена светильников запланирована.",
		"Телефон диспетчерской размещён на стенде в подъезде.",
		"Вы вправе обратиться в суд до 15.12.2026.",
		"Газовая служба не может отключить газ без предупреждения.",
		"Температура в квартире не соответствует нормативу.",
	} {
		cases = append(cases, ruleCase{name: "fires: " + s, text: outLetter(outIntro, s), want: []string{s}})
	}
	cases = append(cases,
		ruleCase{name: "fires before the signature, not at the end", text: outLetter(outIntro, "Меры будут приняты."),
			want: []string{"Меры будут приняты."}},
		ruleCase{name: "public profile fires too", profile: linter.Public,
			text: outLetter(outIntro, "Вопрос находится на контроле."), want: []string{"Вопрос находится на контроле."}},
		ruleCase{name: "official: no outcome is not required", profile: linter.Official,
			text: outLetter("Сообщаем, что в отношении ООО «УК Партнер» проведено 12 проверок.", "Контроль будет осуществлён.")},
		ruleCase{name: "empty text", text: ""},
		ruleCase{name: "a signature line without a title is not the last sentence",
			text: "Здравствуйте, Сергей!\n\nМы передали информацию в управляющую компанию. Вопрос на контроле.\n\nСлужба жилищного надзора",
			want: []string{"Вопрос на контроле."}},
	)

	// A refusal without a reason is flagged at its sentence (and is an
	// outcome, so the document-level finding stays silent).
	for _, s := range []string{
		"В перерасчёте Вам отказано.",
		"Провести проверку не представляется возможным.",
		"Оснований для перерасчёта не имеется.",
		"Служба не может отменить решение собрания.",
	} {
		cases = append(cases, ruleCase{name: "refusal without reason: " + s, text: outLetter(outIntro, s), want: []string{s}})
		cases = append(cases, ruleCase{name: "official, refusal without reason: " + s, profile: linter.Official,
			text: outLetter(outIntro, s), want: []string{s}})
	}
	cases = append(cases,
		ruleCase{name: "reason in the previous sentence",
			text: outLetter(outIntro, "Дом управляет ТСЖ, поэтому служба не проверяет его по этому вопросу. Провести проверку не представляется возможным.")},
		ruleCase{name: "reason in the next sentence",
			text: outLetter(outIntro, "В перерасчёте отказано. Показания переданы позже срока, установленного пунктом 31 Правил.")},
		ruleCase{name: "a conditional refusal by a company is not the service's refusal",
			text: outLetter(outIntro, "Нарушение устранено.", "Если компания откажется платить, обратитесь в суд.")},
	)
	runCases(t, "outcome", cases)
}

// TestOutcomeVagueCandidates: a sentence that only looks like an outcome
// is not one when it is a vague promise itself, a plan with no real date,
// a completion in a side clause, or a general verb whose work stands in
// another clause.
func TestOutcomeVagueCandidates(t *testing.T) {
	var cases []ruleCase
	last := func(body ...string) string { return body[len(body)-1] }
	for _, body := range [][]string{
		// a vague promise with a year: no schedule
		{"Вопрос о замене лифта будет рассмотрен в 2028 году."},
		// a coarse schedule that the reply itself takes back
		{"Ремонт фасада будет выполнен в 2028 году.", "Сроки начала работ зависят от результатов торгов."},
		{"Замена труб запланирована на 2028 год.", "Сроки работ будут согласованы с подрядчиком."},
		// «плановый» is no plan for the future
		{"12.02.2027 при плановом осмотре инспектор обнаружил трещину в стене."},
		// a completion in a relative clause is background
		{"Мы направили запрос в компанию, которая в прошлом году заменила трубы в подвале."},
		// the general verb and the work are in different clauses
		{"Перерасчёт выполняет ресурсоснабжающая организация, а акт осмотра составлен 05.03.2027."},
	} {
		cases = append(cases, ruleCase{name: "fires: " + strings.Join(body, " "), text: outLetter(append([]string{outIntro}, body...)...),
			want: []string{last(body...)}})
	}
	for _, body := range [][]string{
		{"Ремонт фасада будет выполнен в 2028 году."},
		{"Замена труб запланирована на 2028 год."},
		{"Ремонт фасада будет выполнен до 20.05.2028.", "Сроки покраски будут согласованы с жильцами."},
		{"Сообщаем, что трубы в подвале заменили 14.03.2027."},
		{"Работы по замене стояков холодной воды в подвале проведены."},
		{"Протокол об административном правонарушении составлен 02.03.2027."},
		{"Компания, которая обслуживает дом, заменила трубы в подвале."},
	} {
		cases = append(cases, ruleCase{name: "silent: " + strings.Join(body, " "), text: outLetter(append([]string{outIntro}, body...)...)})
	}
	runCases(t, "outcome", cases)
}

func TestOutcomeMessage(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	fs := findings(t, reg, "outcome", outLetter(outIntro, "Вопрос на контроле."), linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Error, fs[0].Severity)
	assert.Equal(t, "п. 2.3, 1.7", fs[0].Clause)
	assert.Contains(t, fs[0].Message, "до такой-то даты")
}

func BenchmarkOutcome(b *testing.B) {
	reg, err := Default()
	require.NoError(b, err)
	body := strings.Repeat("Служба провела проверку дома по ул. Кирова, д. 5, и нашла нарушения. Меры будут приняты.\n\n", 200)
	doc := linter.FromText("bench.txt", outLetter(body))
	s := dsOnlyRules(reg, "outcome")
	b.ResetTimer()
	for range b.N {
		_, _ = reg.Check(doc, s)
	}
}

// TestReadOutcomeSkip checks that skipping the words of a sentence with
// no number and no word that passes wtOutcome changes nothing: the same
// sentence read with every word looked at gives the same outcome.
func TestReadOutcomeSkip(t *testing.T) {
	var s dsSent
	var side []bool
	for _, d := range dsIndexDocs(t) {
		x := dsSentsOf(d)
		for si := range d.Sentences {
			x.sent(si, &s)
			side = dsSideClauses(d, &s, side[:0])
			got := readOutcome(d, &s, side, true)
			s.any, s.num = wtBits{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}, true
			assert.Equal(t, readOutcome(d, &s, side, true), got, d.TokenText(d.Sentences[si].First))
		}
	}
}

// TestReadOutcomeRefusals checks that a sentence read for a refusal
// alone gives the refusal, competence and reason of the full reading,
// and nothing else.
func TestReadOutcomeRefusals(t *testing.T) {
	var s dsSent
	var side []bool
	docs := append(dsIndexDocs(t), linter.FromText("t", "Вынуждены отказать. Отказ в перерасчёте. Мы не можем "+
		"провести проверку. Служба не может отменить решение. Заявление не может быть удовлетворено. Оснований "+
		"для перерасчёта нет. Вопрос не относится к компетенции службы. Мы не наделены полномочиями. Это вне "+
		"компетенции службы. Не имеем возможности. Так как дом признан аварийным, согласно статье 15 закона."))
	n := 0
	for _, d := range docs {
		x := dsSentsOf(d)
		for si := range d.Sentences {
			x.sent(si, &s)
			side = dsSideClauses(d, &s, side[:0])
			all := readOutcome(d, &s, side, true)
			want := outSent{refusal: all.refusal, competence: all.competence, reason: all.reason}
			assert.Equal(t, want, readOutcome(d, &s, side, false), d.SentenceText(si))
			if want != (outSent{}) {
				n++
			}
		}
	}
	assert.Positive(t, n)
}
