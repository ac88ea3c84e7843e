package rules

import (
	"fmt"
	"os"
	"testing"

	"github.com/yasno/yasno/linter"
)

func TestZZOutDebug(t *testing.T) {
	for _, f := range []string{"h02", "h05", "h06", "h03", "h10", "h11", "h12", "h09"} {
		b, err := os.ReadFile("../testdata/holdout/" + f + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		d := linter.FromText(f, string(b))
		var w []int
		for _, sn := range d.Sentences {
			w = dsWords(d, sn.First, sn.Last, w)
			o := readOutcome(d, w)
			if o.done || o.sched || o.forward || o.refusal || o.question {
				fmt.Printf("%s: done=%v sched=%v fwd=%v ref=%v q=%v | %s\n", f, o.done, o.sched, o.forward, o.refusal, o.question, d.Text[sn.Start:sn.End])
			}
		}
	}
}
