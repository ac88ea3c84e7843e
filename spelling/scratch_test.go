package spelling

import (
	"math/rand"
	"os"
	"strings"
	"testing"
)

func TestScratchForms(t *testing.T) {
	d := ruRU(t)
	x := d.scanIdx()
	rnd := rand.New(rand.NewSource(11))
	alpha := []rune("абвгдежзийклмнопрстуфхцчшщъыьэюя")
	var out strings.Builder
	seen := map[string]bool{}
	emit := func(w string) {
		if seen[w] {
			return
		}
		seen[w] = true
		ok := "BAD"
		if d.Check(w) {
			ok = "OK"
		}
		out.WriteString(ok + "\t" + w + "\n")
	}
	for k := 0; k < 12000; k++ {
		i := rnd.Intn(len(d.stems))
		st := d.stems[i]
		var forms []string
		for _, sp := range d.spellings(st) {
			forms = append(forms, sp)
			d.sets[x.set[i]].each(func(f uint16) {
				for _, r := range d.sfxByFlag[f] {
					if r.fits(sp, false) {
						forms = append(forms, sp[:len(sp)-len(r.stripOrig)]+r.addOrig)
					}
				}
			})
		}
		for _, f := range forms {
			emit(f)
			emit(strings.ToUpper(f))
			emit(strings.ToLower(f))
			emit(title(f))
			rs := []rune(strings.ToLower(f))
			j := rnd.Intn(len(rs))
			rs[j] = alpha[rnd.Intn(len(alpha))]
			emit(string(rs))
		}
	}
	os.WriteFile("/tmp/sp/forms.tsv", []byte(out.String()), 0o644)
}
