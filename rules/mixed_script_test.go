package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestMixedScript(t *testing.T) {
	runCases(t, "mixed-script", []ruleCase{
		{name: "latin O and C in capitals", text: "Ответ через ПOC.", want: []string{"ПOC"}},
		{name: "latin C", text: "Обращение в ГИC ЖКХ.", want: []string{"ГИC"}},
		{name: "latin o in a word", text: "Рекомендуем прoветривать помещение.", want: []string{"прoветривать"}},
		{name: "latin p after a number", text: "Распоряжение № 49-Пp.", want: []string{"49-Пp"}},
		{name: "cyrillic in a latin word", text: "Напишите в Tеlegram.", want: []string{"Tеlegram"}},
		{name: "two parts, one mixed", text: "Купите Wi-Fi-рoутер.", want: []string{"Wi-Fi-рoутер"}},

		{name: "parts in one script each", text: "Купите Wi-Fi-роутер и online-карту.", want: nil},
		{name: "law number", text: "Закон № 59-ФЗ и номер ОГ-3871.", want: nil},
		{name: "latin word", text: "Пишите на e-mail.", want: nil},
	})
}

func TestMixedFix(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ПOC", "ПОС"},
		{"ГИC", "ГИС"},
		{"прoветривать", "проветривать"},
		{"49-Пp", "49-Пр"},
		{"Tеlegram", "Telegram"},
		{"Wi-Fi-рoутер", "Wi-Fi-роутер"},
		{"сOOO", "cOOO"}, // all letters have twins: the majority, Latin, wins
	}
	for _, c := range cases {
		got, ok := mixedFix(c.in)
		assert.True(t, ok, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	_, ok := mixedFix("Пqр") // q has no Cyrillic twin and П no Latin one
	assert.False(t, ok)
}

func TestMixedScriptFinding(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	fs := findings(t, reg, "mixed-script", "Ответ через ПOC.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Equal(t, linter.Error, fs[0].Severity)
	assert.Equal(t, []string{"ПОС"}, fs[0].Suggestions)
	assert.Contains(t, fs[0].Message, "чтения с экрана")
	fs = findings(t, reg, "mixed-script", "Слово Пqр.", linter.Citizen)
	require.Len(t, fs, 1)
	assert.Empty(t, fs[0].Suggestions)
}
