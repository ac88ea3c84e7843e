package linter

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// refDetectProfile is DetectProfile written plainly, over Lines and
// strings.ToLower; the real one must agree with it.
func refDetectProfile(d *Document) Profile {
	lines := d.Lines()
	for i := 0; i < min(len(lines), 12); i++ {
		low := strings.ToLower(strings.TrimSpace(lines[i].Text))
		if strings.HasPrefix(low, "уважаем") || strings.HasPrefix(low, "здравствуй") || strings.HasPrefix(low, "добрый") {
			break
		}
		if strings.HasPrefix(low, "на №") || strings.HasPrefix(low, "на запрос") || strings.HasPrefix(low, "о предоставлении информации") {
			return Official
		}
		for _, w := range strings.Fields(low) {
			if isDativeTitle(w, i == 0) {
				return Official
			}
		}
	}
	return Citizen
}

func TestDetectProfileMatchesReference(t *testing.T) {
	pieces := []string{"Главе", "главе", "ГЛАВЕ", "администрации", "Прокурору", "прокурора", "Директору", "ООО «Дом»",
		"На №", "на запрос", "О предоставлении информации", "Уважаемый", "Здравствуйте", "Кузнецовой Т.В.", " ", "  ",
		"\n", "\r\n", "\r", "\t", "\u00a0", "\xff", "İ", "Ё", "«Главе»,", "«", "»", ".,", "\"", "«»", "\xc2", "Ѐ", "ǅ", "ΑΒΓ", "\u2028", "генеральному", "Суду", "иванову"}
	rng := rand.New(rand.NewSource(4))
	for n := 0; n < 3000; n++ {
		text := randomText(rng, pieces, 25, true)
		d := FromText("t", text)
		assert.Equal(t, refDetectProfile(d), DetectProfile(d), "%q", text)
		assert.Equal(t, strings.ToLower(text), string(appendLower(nil, text)))
		for _, w := range strings.Fields(text) {
			assert.Equal(t, strings.Trim(w, ".,;:«»\""), trimTitle(w), "%q", w)
		}
	}
}
