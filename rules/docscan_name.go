package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/yasno/yasno/linter"
)

// nameKind says how complete a person's name is, from worst to best.
type nameKind int

const (
	nameNone         nameKind = iota
	nameSurname               // «Орлова»
	nameNoSurname             // «Анна Сергеевна»
	nameNoPatronymic          // «Анна Петрова», «Петрова Анна»
	nameInitials              // «Орлова Е.Н.», «Е.Н. Орлова»
	nameFull                  // «Петрова Анна Сергеевна», «Анна Сергеевна Петрова»
)

// nameRun is a person's name found in a token range.
type nameRun struct {
	kind       nameKind
	start, end int  // bytes
	onlyName   bool // the range holds no other words
}

// dsNameStop are capitalised words that start lines of a closing part but
// are not names: positions, labels, «Тел.», «Служба», «Приложение».
var dsNameStop = map[string]bool{"исполнитель": true, "исп": true, "отв": true, "ответственный": true,
	"тел": true, "телефон": true, "факс": true, "моб": true, "служба": true, "отдел": true,
	"управление": true, "инспекция": true, "приложение": true, "уважаемый": true, "уважаемая": true,
	"главный": true, "ведущий": true, "старший": true, "адрес": true, "почта": true, "контактный": true,
	"здравствуйте": true, "уважением": true, "исх": true, "вх": true, "копия": true, "ответ": true}

// dsPatronymicEnds are endings of Russian patronymics in any case:
// Сергеевич, Сергеевна, Ильинична, Кузьмич, Ильич.
var dsPatronymicEnds = []string{"вич", "вича", "вичу", "вичем", "виче", "вна", "вны", "вне", "вну", "вной",
	"ична", "ичны", "ичне", "ичну", "ичной", "ич", "ича", "ичу", "ичем"}

// dsPatronymic reports a word that looks like a patronymic.
func dsPatronymic(n string) bool {
	if n == "оглы" || n == "кызы" {
		return true
	}
	rc := utf8.RuneCountInString(n)
	for _, e := range dsPatronymicEnds {
		if strings.HasSuffix(n, e) && rc >= utf8.RuneCountInString(e)+3 {
			return true
		}
	}
	return false
}

// dsNameWord reports a capitalised Cyrillic word that may be part of a
// name (not an abbreviation, a position or a label).
func dsNameWord(d *linter.Document, t *linter.Token) bool {
	if t.Kind != linter.Word || !t.Is(linter.Cyrillic) || !t.Is(linter.Title) || t.Is(linter.Upper) || t.Is(linter.Digit) {
		return false
	}
	if utf8.RuneCountInString(d.Norm(t)) < 2 || dsNameStop[d.Norm(t)] || dsIsTitleWord(d.Norm(t)) {
		return false
	}
	return true
}

// dsInitial reports an initial at token i: one capital letter and a dot
// («Е.»), the dot glued to it.
func dsInitial(d *linter.Document, i, last int) bool {
	t := &d.Tokens[i]
	return t.Kind == linter.Word && t.Is(linter.Cyrillic) && t.Is(linter.Title) &&
		utf8.RuneCountInString(d.Norm(t)) == 1 && i+1 < last && d.Tokens[i+1].Kind == linter.Punct &&
		d.TokenText(i+1) == "."
}

// dsNameAt reads the name that begins at token i: capitalised words and
// initials separated by spaces. It returns the run and the index after it.
func dsNameAt(d *linter.Document, i, last int) (nameRun, int) {
	var r nameRun
	words, initials, patr := 0, 0, false
	var norms [3]string
	j, end, begin := i, i, -1
	for j < last {
		if begin < 0 && d.Tokens[j].Kind != linter.Space {
			begin = j
		}
		t := &d.Tokens[j]
		switch {
		case t.Kind == linter.Space:
			j++
			continue
		case dsInitial(d, j, last):
			initials++
			j += 2
			end = j
			continue
		case dsNameWord(d, t):
			if words < len(norms) {
				norms[words] = d.Norm(t)
			}
			words++
			j++
			end = j
			continue
		case words > 0 && (d.Norm(t) == "оглы" || d.Norm(t) == "кызы"):
			patr = true
			j++
			end = j
			continue
		}
		break
	}
	if end == i {
		return r, i + 1
	}
	r.start, r.end = int(d.Tokens[begin].Start), int(d.Tokens[end-1].End)
	switch {
	case words == 0:
		r.kind = nameNone
	case initials > 0:
		r.kind = nameInitials
	case words >= 3 || patr:
		r.kind = nameFull
	case words == 2 && (dsPatronymic(norms[1]) || dsPatronymic(norms[0])):
		r.kind = nameNoSurname
	case words == 2:
		r.kind = nameNoPatronymic
	default:
		r.kind = nameSurname
	}
	return r, end
}

// dsBestName finds the most complete name in tokens [first, last). A
// one-word or two-word «name» counts only when it is alone in the range.
func dsBestName(d *linter.Document, first, last int) nameRun {
	var best nameRun
	runs, others := 0, 0
	for i := first; i < last; {
		r, next := dsNameAt(d, i, last)
		if r.kind == nameNone {
			if d.Tokens[i].IsWordLike() {
				others++
			}
			i = next
			continue
		}
		runs++
		if r.kind > best.kind {
			best = r
		}
		i = next
	}
	best.onlyName = best.kind != nameNone && runs == 1 && others == 0
	return best
}
