package spelling

import (
	"bufio"
	"bytes"
	"math/rand"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgainstHunspell compares Check with the hunspell program, when it is
// installed, on forms of random stems, their case variants and one-letter
// misspellings. The only allowed difference is ё typed for е, which Check
// accepts on purpose.
func TestAgainstHunspell(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	bin, err := exec.LookPath("hunspell")
	if err != nil {
		t.Skip("hunspell program not installed")
	}
	d := ruRU(t)
	aff, _, _ := Find()
	x := d.scanIdx()
	rnd := rand.New(rand.NewSource(1))
	alpha := []rune("абвгдежзийклмнопрстуфхцчшщъыьэюя")
	seen := map[string]bool{}
	var words []string
	emit := func(w string) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for range 800 {
		i := rnd.Intn(d.nstems)
		for _, sp := range d.spellings(d.stem(i)) {
			forms := []string{sp}
			d.sets[x.set[i]].each(func(f uint16) {
				for _, r := range d.sfxByFlag[f] {
					if r.fits(sp, false) {
						forms = append(forms, sp[:len(sp)-len(r.stripOrig)]+r.addOrig)
					}
				}
			})
			for _, f := range forms {
				emit(f)
				emit(strings.ToUpper(f))
				emit(strings.ToLower(f))
				emit(title(f))
				rs := []rune(strings.ToLower(f))
				rs[rnd.Intn(len(rs))] = alpha[rnd.Intn(len(alpha))]
				emit(string(rs))
			}
		}
	}
	cmd := exec.Command(bin, "-d", strings.TrimSuffix(aff, ".aff"), "-l")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n"))
	out, err := cmd.Output()
	require.NoError(t, err)
	bad := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		bad[sc.Text()] = true
	}
	diff := 0
	for _, w := range words {
		want := !bad[w]
		if got := d.Check(w); got != want && !(got && strings.ContainsAny(w, "ёЁ")) {
			diff++
			if diff <= 20 {
				assert.Equal(t, want, got, "%q", w)
			}
		}
	}
	assert.Zero(t, diff, "differences from hunspell out of %d words", len(words))
}
