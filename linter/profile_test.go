package linter

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDetectProfile(t *testing.T) {
	cases := []struct {
		name string
		text string
		want Profile
	}{
		{"prosecutor", "Служба жилищного надзора\n\nЗаместителю прокурора района\nюристу 1 класса\nСмирнову Д.А.\n\n" +
			"Уважаемый Дмитрий Александрович!\n\nСообщаем.", Official},
		{"reply to a request number", "Служба жилищного надзора\n\nООО «Дом»\n\nНа № 7-02-2026/1845 от 21.10.2026\n\nСообщаем.", Official},
		{"company director", "Служба жилищного надзора\n\nГенеральному директору\nООО «УК Восток»\nПетрову И.И.\n\nУважаемый Иван Иванович!", Official},
		{"head of administration", "Служба жилищного надзора\n\nГлаве администрации\nКировского района\n\nУважаемый Олег Петрович!", Official},
		{"addressee on the first line", "Главе администрации Кировского района\nИванову И.И.\n\nУважаемый Иван Иванович!\n\nСообщаем.", Official},
		{"to the prosecutor's office", "Служба жилищного надзора\n\nВ прокуратуру района\n\nСообщаем.", Official},
		{"citizen", "Служба жилищного надзора\n\nКузнецовой Т.В.\nул. Советская, д. 42, кв. 17\n\n" +
			"На обращение от 19.10.2026 № ОГ-3871\n\nУважаемая Татьяна Викторовна!\n\nМы проверили дом.", Citizen},
		{"sender in the nominative", "Глава администрации Кировского района\n\nКузнецовой Т.В.\n\nУважаемая Татьяна Викторовна!", Citizen},
		{"no header", "Уважаемая Татьяна Викторовна!\n\nМы проверили дом по просьбе директора управляющей компании.", Citizen},
		{"greeting ends the header", "Здравствуйте, Ирина!\n\nДиректору компании мы написали.", Citizen},
		{"plain text", "Мы проверили дом.", Citizen},
		{"empty", "", Citizen},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, DetectProfile(FromText("t.txt", c.text)))
		})
	}
}
