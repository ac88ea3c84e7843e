package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// execLetter builds a reply to a citizen: header with the addressee,
// greeting with her name and patronymic, a body, then the closing.
func execLetter(closing string) string {
	return "Служба жилищного надзора\n\nКузнецовой Т.В.\nул. Советская, д. 42, кв. 17\n\n" +
		"Уважаемая Анна Сергеевна!\n\nМы проверили дом. Нарушение устранено 12.11.2026.\n\n" + closing
}

const execSign = "Руководитель службы\nА.В. Морозов\n\n"

func TestExecutorName(t *testing.T) {
	const tel = ", тел. 8 (8512) 51-23-47"
	runCases(t, "executor-name", []ruleCase{
		{name: "full name, surname first", text: execLetter(execSign + "Исполнитель: Петрова Анна Сергеевна" + tel)},
		{name: "full name, first name first", text: execLetter(execSign + "Исполнитель: Анна Сергеевна Петрова" + tel)},
		{name: "full name, Ильич", text: execLetter(execSign + "Исп. Петров Илья Ильич" + tel)},
		{name: "full name, Ильинична", text: execLetter(execSign + "Отв. исп. Петрова Анна Ильинична" + tel)},
		{name: "full name on the line after the label", text: execLetter(execSign + "Исполнитель:\nПетрова Анна Сергеевна\nтел. 8 (8512) 51-23-47")},
		{name: "full name without a label", text: execLetter(execSign + "Петрова Анна Сергеевна\n8 (8512) 51-23-47")},
		{name: "position before the name", text: execLetter(execSign + "Исп.: главный специалист-эксперт Петрова Анна Сергеевна" + tel)},
		{name: "signer with the name on the title line", text: execLetter("Начальник отдела Е.Г. Соколова\n\nПетрова Анна Сергеевна" + tel)},
		{name: "acting head signs", text: execLetter("И.о. руководителя службы\nИ.И. Иванов\n\nОтветственный исполнитель: Петрова Анна Сергеевна" + tel)},

		{name: "initials after the surname", text: execLetter(execSign + "Исп. Петрова А.С.\nтел. 8 (8512) 51-23-47"),
			want: []string{"Петрова А.С."}},
		{name: "initials before the surname", text: execLetter(execSign + "Исп.: А. С. Петрова" + tel),
			want: []string{"А. С. Петрова"}},
		{name: "initials without a label", text: execLetter(execSign + "Петрова А.С.\n8 (8512) 51-23-47"),
			want: []string{"Петрова А.С."}},
		{name: "position and initials", text: execLetter(execSign + "Исп.: главный специалист Петрова А.С." + tel),
			want: []string{"Петрова А.С."}},
		{name: "no patronymic", text: execLetter(execSign + "Исполнитель: Анна Петрова" + tel),
			want: []string{"Анна Петрова"}},
		{name: "surname only", text: execLetter(execSign + "Исп. Петрова\nтел. 8 (8512) 51-23-47"),
			want: []string{"Петрова"}},
		{name: "label without a name", text: execLetter(execSign + "Исполнитель: тел. 8 (8512) 51-23-47"),
			want: []string{"Исполнитель: тел. 8 (8512) 51-23-47"}},
		{name: "phone line without a name and no signature", text: execLetter("Тел. для справок: 8 (8512) 51-40-02"),
			want: []string{"Тел. для справок: 8 (8512) 51-40-02"}},
		{name: "signed by the service, phone only", text: execLetter("С уважением, служба жилищного надзора.\nТел. 8 (8512) 51-00-11"),
			want: []string{"Тел. 8 (8512) 51-00-11"}},
		{name: "no executor: the signer is not the executor", text: execLetter("Руководитель службы\nА.В. Морозов"),
			want: []string{"А.В. Морозов"}},
		{name: "no executor: a signer with a full name is not the executor", text: execLetter("Руководитель службы\nМорозов Андрей Викторович"),
			want: []string{"Морозов Андрей Викторович"}},
		{name: "no executor: the greeting and addressee are not the executor",
			text: "Кузнецовой Татьяне Викторовне\n\nУважаемая Татьяна Викторовна!\n\nНарушение устранено.\n\nЗаместитель руководителя службы\nИ.И. Иванов",
			want: []string{"И.И. Иванов"}},
		{name: "signer without a title, then the executor",
			text: execLetter("А.В. Морозов\n\nПетрова Анна Сергеевна" + tel)},
		{name: "signer without a title, executor with initials",
			text: execLetter("А.В. Морозов\n\nПетрова А.С." + tel), want: []string{"Петрова А.С."}},
		{name: "prose «Исполнитель работ» is not a label",
			text: execLetter("Исполнитель работ — ООО «Ремстрой».\n\n" + execSign + "Петрова Анна Сергеевна" + tel)},
		{name: "public reply: still reported (as a hint)", profile: linter.Public,
			text: execLetter("С уважением, служба жилищного надзора.\nТел. 8 (8512) 51-00-11"),
			want: []string{"Тел. 8 (8512) 51-00-11"}},
		{name: "empty text", text: ""},
		{name: "only spaces", text: "  \n\n \t"},
	})
}

func TestExecutorPhone(t *testing.T) {
	const name = "Исполнитель: Петрова Анна Сергеевна"
	runCases(t, "executor-phone", []ruleCase{
		{name: "8 (code) number", text: execLetter(execSign + name + ", тел. 8 (8512) 51-23-47")},
		{name: "+7 code number", text: execLetter(execSign + name + ", тел. +7 8512 512347")},
		{name: "mobile", text: execLetter(execSign + name + ", +7 (927) 123-45-67")},
		{name: "digits only", text: execLetter(execSign + name + ", 88512512347")},
		{name: "dashes only", text: execLetter(execSign + name + ", тел. 8-8512-51-23-47")},
		{name: "phone on the next line", text: execLetter(execSign + name + "\n8 (8512) 51-23-47")},
		{name: "help line at the end counts", text: execLetter(execSign + "Тел. для справок: 8 (8512) 51-40-02")},
		{name: "phone on the signer's line counts", text: execLetter("Руководитель службы А.В. Морозов, тел. 8 (8512) 44-00-00\n\n" + name)},

		{name: "local number", text: execLetter(execSign + "Исп. Петрова Анна Сергеевна, тел. 51-27-33"),
			want: []string{"51-27-33"}},
		{name: "local number after т.", text: execLetter(execSign + name + "\nт. 51-00-11"),
			want: []string{"51-00-11"}},
		{name: "local number after тел., no dashes", text: execLetter(execSign + name + ", тел. 441820"),
			want: []string{"441820"}},
		{name: "no phone", text: execLetter(execSign + name),
			want: []string{name}},
		{name: "a date is not a phone", text: execLetter(execSign + name + "\n15.12.2026"),
			want: []string{name}},
		{name: "a number of a request is not a phone", text: execLetter(execSign + name + "\nНа № 7-02-2026/1845"),
			want: []string{name}},
		{name: "a phone for other needs in the body does not count",
			text: "Уважаемая Анна Сергеевна!\n\nПри аварии звоните по телефону 8 (8512) 51-00-00. Нарушение устранено.\n\n" + execSign + name,
			want: []string{name}},
		{name: "no executor at all", text: execLetter("Руководитель службы\nА.В. Морозов"),
			want: []string{"А.В. Морозов"}},
	})
}

// TestExecutorPhoneInBody: a phone in the text counts when the reader is
// told to call the authors on it; a phone of another body, a phone for
// other needs and the addressee's phone in the header do not.
func TestExecutorPhoneInBody(t *testing.T) {
	letter := func(header, body string) string {
		return header + "Здравствуйте, Олег!\n\nМы осмотрели двор 14.03.2027: яму засыпали.\n\n" + body +
			"\n\nЖилищная инспекция"
	}
	const noLine = "Жилищная инспекция"
	runCases(t, "executor-phone", []ruleCase{
		{name: "call us", text: letter("", "Если яма появится снова, сообщите нам по телефону 8 (4012) 30-11-22.")},
		{name: "our phone in the middle of the body",
			text: "Здравствуйте, Олег!\n\nНаш телефон 8 (4012) 30-11-22, звоните в рабочее время.\n\nМы осмотрели двор 14.03.2027: яму засыпали.\n\nЖилищная инспекция"},
		{name: "questions about the reply", text: letter("", "Если остались вопросы, звоните по телефону 8 (4012) 30-11-22 в будние дни.")},
		{name: "help line in the text", text: letter("", "Телефон для справок 8 (4012) 30-11-22.")},
		{name: "the executor's phone in the text", text: letter("", "Подробности можно узнать у исполнителя по тел. 8 (4012) 30-11-22.")},

		{name: "another body's phone", text: letter("", "По вопросам вывоза мусора обращайтесь к региональному оператору по тел. 8 (4012) 99-00-00."),
			want: []string{noLine}},
		{name: "another body's phone after a colon", text: letter("", "Телефон диспетчерской управляющей компании: 8 (4012) 99-00-00."),
			want: []string{noLine}},
		{name: "a phone for emergencies", text: letter("", "При запахе газа звоните по телефону 104."),
			want: []string{noLine}},
		{name: "a phone without a call", text: letter("", "Компания сообщила, что работы закончены, её телефон 8 (4012) 99-00-00."),
			want: []string{noLine}},
		{name: "the addressee's phone in the header", text: letter("Жилищная инспекция\n\nСоколову О.П.\nтел. 8 (921) 555-12-34\n\n", "Спасибо за обращение."),
			want: []string{noLine}},
	})
}

func TestExecutorSeverities(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	sev := func(id, text string, p linter.Profile) linter.Severity {
		fs := findings(t, reg, id, text, p)
		require.Len(t, fs, 1, text)
		assert.Equal(t, "п. 3.1", fs[0].Clause)
		return fs[0].Severity
	}
	initials := execLetter(execSign + "Исп. Петрова А.С., тел. 8 (8512) 51-23-47")
	surname := execLetter(execSign + "Исп. Петрова, тел. 8 (8512) 51-23-47")
	none := execLetter("С уважением, служба жилищного надзора.\nТел. 8 (8512) 51-00-11")
	assert.Equal(t, linter.Warning, sev("executor-name", initials, linter.Citizen))
	assert.Equal(t, linter.Warning, sev("executor-name", initials, linter.Official))
	assert.Equal(t, linter.Error, sev("executor-name", surname, linter.Citizen))
	assert.Equal(t, linter.Error, sev("executor-name", none, linter.Citizen))
	assert.Equal(t, linter.Info, sev("executor-name", none, linter.Public))
	assert.Equal(t, linter.Info, sev("executor-name", initials, linter.Public))

	local := execLetter(execSign + "Исп. Петрова Анна Сергеевна, тел. 51-27-33")
	noPhone := execLetter(execSign + "Исп. Петрова Анна Сергеевна")
	assert.Equal(t, linter.Info, sev("executor-phone", local, linter.Citizen))
	assert.Equal(t, linter.Error, sev("executor-phone", noPhone, linter.Citizen))
	assert.Equal(t, linter.Error, sev("executor-phone", noPhone, linter.Public))

	fs := findings(t, reg, "executor-phone", local, linter.Citizen)
	require.Len(t, fs, 1)
	assert.Contains(t, fs[0].Message, "кода города")
}

func BenchmarkExecutor(b *testing.B) {
	reg, err := Default()
	require.NoError(b, err)
	text := execLetter(execSign + "Исп. Петрова А.С., тел. 51-27-33")
	for range 200 {
		text = "Служба провела проверку и нашла нарушения в доме по ул. Кирова, д. 5.\n\n" + text
	}
	doc := linter.FromText("bench.txt", text)
	s := dsOnlyRules(reg, "executor-name", "executor-phone")
	b.ResetTimer()
	for range b.N {
		_, _ = reg.Check(doc, s)
	}
}

// dsOnlyRules returns settings that run just the named rules.
func dsOnlyRules(reg *linter.Registry, ids ...string) linter.Settings {
	s := linter.Settings{Profile: linter.Citizen, Enable: ids}
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	for _, r := range reg.Rules() {
		if !keep[r.Meta().ID] {
			s.Disable = append(s.Disable, r.Meta().ID)
		}
	}
	return s
}
