package rules

import "testing"

// TestAddressNameFirstGreeting: «Ольга, здравствуйте!» greets one person
// just as «Здравствуйте, Ольга!» does.
func TestAddressNameFirstGreeting(t *testing.T) {
	head := "Управление ЖКХ\n\nПетровой О.И.\n\n"
	runCases(t, "address", []ruleCase{
		{name: "name first", text: head + "Ольга, здравствуйте!\n\nМы проверили ваш дом.\n",
			want: []string{"ваш"}},
		{name: "name and patronymic first", text: head + "Ольга Ивановна, добрый день!\n\nСообщаем вам итог.\n",
			want: []string{"вам"}},
		{name: "capitalised stays silent", text: head + "Ольга, здравствуйте!\n\nМы проверили Ваш дом.\n"},
		{name: "a sentence with a comma is no greeting", text: "Управление ЖКХ\n\nИрина, как и вы, просила проверить дом.\n"},
	})
}
