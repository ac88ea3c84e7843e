package rules

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// agreeFindings checks every agreement text in each profile with fast and
// with ref, and requires the same findings of both. ref reads the document
// that bare makes of the text's (nil: the same document). It returns how
// many findings there were.
func agreeFindings(t *testing.T, fast, ref *linter.Registry, profiles []linter.Profile,
	bare func(*linter.Document) *linter.Document) int {
	t.Helper()
	n := 0
	for name, text := range agreeTexts(t) {
		for _, p := range profiles {
			doc := linter.FromText(name, text)
			rdoc := doc
			if bare != nil {
				rdoc = bare(doc)
			}
			s := linter.Settings{Profile: p}
			got, err := fast.Check(doc, s)
			require.NoError(t, err)
			want, err := ref.Check(rdoc, s)
			require.NoError(t, err)
			require.Equal(t, want.Findings, got.Findings, name)
			n += len(got.Findings)
		}
	}
	return n
}

// agreeTexts are texts for tests that compare a rule's fast path with
// its slow one: the sample replies of the repository, and a text of
// fragments full of marks, numbers and repeats, glued at random.
func agreeTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pat := range []string{"../testdata/holdout/*.txt", "../testdata/holdout2/*.txt", "../examples/*.txt"} {
		files, err := filepath.Glob(pat)
		require.NoError(t, err)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			out[f] = string(data)
		}
	}
	frags := []string{
		"в в", "что что", "Так так", "чуть чуть", "ООО \"Жилсервис\"", "«УК «Восток»", "„лапки“", "“англ”",
		"\"", "«", "»", "(", ")", ":)", "1)", "а)", "IV)", "2020-2026", "20 - 25", "порядке - с", " - ",
		"  ", "   ", "\t", "\u00a0", "\u00a0\u00a0", " ,", " .", " :", "дом,подвал", "дом.Нарушений", "т.е.",
		"А.В.Морозов", "кв.м", "...", "№354", "№ 59", "№59-ФЗ", "25м", "10кв.м", "2026г", "д. 5г", "тел. 12-34",
		"gjn@astrobl.ru", "https://госуслуги.рф/help?id=5,6", "www.dom.ru", "site.ru", "mailto:a@b.ru", "3/4\"",
		"паспорт 12 34 567890", "серия 1234 № 567890", "СНИЛС 112-233-445 95", "112-233-445 95",
		"4111 1111 1111 1111", "500100732259", "Иванова Ирина Петровна", "Ирина Петровна Иванова",
		"ул. Ленина, д. 8, кв. 4", "квартира № 12", "лицевой счет № 1234567", "л/с 123456", "лс 98765",
		"+7 912 345-67-89", "8 (912) 345 67 89", "89123456789", "ivan.petrov@mail.ru", "Сергеевич", "Ильинична",
		"слово", "Слово", "ответ", "12", "3,5", "15.12.2026", "!", "?", ";", ",", ".", "\n", "\n\n", "-", "—",
	}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20; n++ {
		var b strings.Builder
		for k := 0; k < 400; k++ {
			b.WriteString(frags[r.Intn(len(frags))])
			if r.Intn(3) > 0 {
				b.WriteByte(' ')
			}
		}
		out["random"+string(rune('a'+n))] = b.String()
	}
	return out
}
