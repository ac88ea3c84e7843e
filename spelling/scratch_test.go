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
	rnd := rand.New(rand.NewSource(7))
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
	for k := 0; k < 3000; k++ {
		i := rnd.Intn(len(d.stems))
		st := d.stems[i]
		orig := st
		if o, ok := d.orig[st]; ok {
			orig = o
		}
		forms := []string{orig}
		d.sets[x.set[i]].each(func(f uint16) {
			for _, r := range d.sfxByFlag[f] {
				if strings.HasSuffix(st, r.strip) && r.cond.matchEndString(st) {
					forms = append(forms, orig[:len(orig)-len(r.strip)]+r.addOrig)
				}
			}
		})
		for _, f := range forms {
			emit(f)
			emit(strings.ToUpper(f))
			emit(strings.ToLower(f))
			rs := []rune(strings.ToLower(f))
			j := rnd.Intn(len(rs))
			rs[j] = alpha[rnd.Intn(len(alpha))]
			emit(string(rs))
		}
	}
	os.WriteFile("/tmp/sp/forms.tsv", []byte(out.String()), 0o644)
}
