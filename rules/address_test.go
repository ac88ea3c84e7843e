package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

const adHeader = "Служба жилищного надзора\n\nКузнецовой Т.В.\nул. Советская, д. 42, кв. 17\n\nНа обращение от 19.10.2026 № ОГ-3871\n\n"

func TestAddressPronouns(t *testing.T) {
	body := "Мы рассмотрели ваше обращение. Сообщаем, что вы вправе обратиться в суд, а Вам ответят."
	runCases(t, "address", []ruleCase{
		{name: "singular greeting", text: "Уважаемая Татьяна Викторовна!\n\n" + body, want: []string{"ваше", "вы"}},
		{name: "first name greeting", text: "Здравствуйте, Ирина!\n\n" + body, want: []string{"ваше", "вы"}},
		{name: "capitals are right", text: "Уважаемая Татьяна Викторовна!\n\nМы рассмотрели Ваше обращение. Вы вправе обратиться в суд."},
		{name: "collective greeting", text: "Уважаемые жители!\n\n" + body},
		{name: "collective hello", text: "Здравствуйте, жители дома № 5!\n\n" + body},
		{name: "two people", text: "Уважаемые Иван Петрович и Мария Ивановна!\n\n" + body},
		{name: "two people by hello", text: "Здравствуйте, Иван и Мария!\n\n" + body},
		{name: "nameless hello without header", text: "Здравствуйте!\n\n" + body},
		{name: "nameless hello with a person in the header",
			text: "Кузнецовой Т.В.\n\nЗдравствуйте!\n\n" + body, want: []string{"ваше", "вы"}},
		{name: "fragment without header stays silent", text: body},
		{name: "header without greeting", text: adHeader + body,
			want: []string{"Мы", "ваше", "вы"}}, // «Мы»: the note about the missing greeting
		{name: "quotations are not touched", text: "Уважаемая Татьяна Викторовна!\n\nВ обращении сказано: «вы обещали " +
			"починить крышу», а закон гласит: \"ваши права защищены\"."},
		{name: "header line", text: "Кузнецовой Т.В.\n\nНа ваше обращение от 19.10.2026\n\nУважаемая Татьяна Викторовна!\n\n" +
			"Мы рассмотрели Ваше обращение.", want: []string{"ваше"}},
	})
}

func TestAddressGreetingAgreement(t *testing.T) {
	body := "\n\nМы рассмотрели Ваше обращение."
	runCases(t, "address", []ruleCase{
		{name: "agrees", text: "Головановой С.М.\n\nУважаемая Светлана Михайловна!" + body},
		{name: "initials first in header", text: "С.М. Головановой\n\nУважаемая Светлана Михайловна!" + body},
		{name: "man agrees", text: "Никитину В.А.\nул. Кирова, д. 19\n\nУважаемый Виктор Алексеевич!" + body},
		{name: "initials mismatch", text: "Головановой В.А.\n\nУважаемая Светлана Михайловна!" + body,
			want: []string{"Уважаемая Светлана Михайловна!"}},
		{name: "gender mismatch with header", text: "Головановой С.М.\n\nУважаемый Сергей Михайлович!" + body,
			want: []string{"Уважаемый Сергей Михайлович!"}},
		{name: "man in header, woman greeted", text: "Смирнову Д.А.\n\nУважаемая Дарья Александровна!" + body,
			want: []string{"Уважаемая Дарья Александровна!"}},
		{name: "adjective against patronymic", text: "Уважаемый Светлана Михайловна!" + body,
			want: []string{"Уважаемый Светлана Михайловна!"}},
		{name: "first name against initial", text: "Кузнецовой Т.В.\n\nЗдравствуйте, Ирина!" + body,
			want: []string{"Здравствуйте, Ирина!"}},
		{name: "first name agrees", text: "Кузнецовой И.В.\n\nЗдравствуйте, Ирина!" + body},
		{name: "undeclined surname says nothing of gender", text: "Петренко С.М.\n\nУважаемый Сергей Михайлович!" + body},
		{name: "by surname", text: "Иванову П.С.\n\nУважаемый господин Иванов!" + body},
		{name: "official addressee", text: "Заместителю прокурора района\nюристу 1 класса\nСмирнову Д.А.\n\n" +
			"На № 7-02-2026/1845 от 21.10.2026\n\nУважаемый Дмитрий Александрович!" + body},
	})
}

func TestAddressMissingGreeting(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	fs := findings(t, reg, "address", adHeader+"Служба рассмотрела Ваше обращение.\n\nРуководитель службы\nА.В. Морозов",
		linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Info, fs[0].Severity)
	assert.Equal(t, "Служба", fs[0].Text)
	assert.Contains(t, fs[0].Message, "без обращения")

	// A reply line alone makes it a letter too.
	fs = findings(t, reg, "address", "Ответ на обращение № 12\n\nСлужба рассмотрела Ваше обращение.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Info, fs[0].Severity)

	fs = findings(t, reg, "address", "Служба жилищного надзора\n\nНа обращение от 19.10.2026\n\n"+
		"Служба рассмотрела Ваше обращение.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, "Служба", fs[0].Text)

	// A paragraph checked on its own is not a letter.
	assert.Empty(t, findings(t, reg, "address", "Служба рассмотрела Ваше обращение и сообщает следующее.", linter.Citizen))
}

func TestAddressSuggestion(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	fs := findings(t, reg, "address", "Уважаемая Татьяна Викторовна!\n\nСообщаем вашему соседу.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, []string{"Вашему"}, fs[0].Suggestions)
	assert.Equal(t, linter.Warning, fs[0].Severity)
	assert.Equal(t, "п. 2.5", fs[0].Clause)
}
