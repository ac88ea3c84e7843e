package linter

import (
	"math/rand"
	"strings"
)

// randomText joins up to most+1 pieces drawn by rng, each followed by a
// space half the time when spaces is set: the texts the agreement tests
// run their fast paths and plain versions on.
func randomText(rng *rand.Rand, pieces []string, most int, spaces bool) string {
	var sb strings.Builder
	for k := rng.Intn(most); k >= 0; k-- {
		sb.WriteString(pieces[rng.Intn(len(pieces))])
		if spaces && rng.Intn(2) == 0 {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}
