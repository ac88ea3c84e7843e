package spelling

import (
	"testing"
)

func TestScratchWhy(t *testing.T) {
	d := ruRU(t)
	w := "кнутовищя"
	for k := 0; k <= d.maxSfx && k < len(w); k++ {
		for _, g := range d.sfx[w[len(w)-k:]] {
			root := w[:len(w)-k] + g.strip
			id, ok := d.lookup(root)
			if !ok {
				continue
			}
			for _, r := range g.rules {
				if r.cond.matchEndString(root) && d.sets[id].has(r.flag) {
					t.Logf("root %q strip %q add %q flag %d cond %+v fast=%v", root, r.strip, r.add, r.flag, r.cond, g.fast)
				}
			}
		}
	}
}
