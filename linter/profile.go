package linter

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// officialStems are stems of addressee titles that mark a reply to an
// authority or a company rather than to a person: «Заместителю прокурора
// района», «Главе администрации», «Директору ООО …».
var officialStems = []string{"прокурор", "прокуратур", "администрац", "министр", "министерств",
	"губернатор", "депутат", "директор", "председател", "начальник", "руководител", "управлен",
	"уполномочен", "генеральн", "глав", "суд", "инспекц", "департамент", "комитет"}

// officialByFirst holds officialStems by the two bytes of their first
// letter, in their order.
var officialByFirst = func() (t [128][]string) {
	for _, st := range officialStems {
		i := int(st[0]-0xD0)<<6 | int(st[1]-0x80)
		t[i] = append(t[i], st)
	}
	return t
}()

// DetectProfile guesses the profile from the header: the lines before the
// greeting (or the first lines when there is none). A reply to an authority
// or company is Official; anything else is Citizen. Public is never
// guessed: a social-network reply looks like a letter to a person.
func DetectProfile(d *Document) Profile {
	ls := d.lineStarts()
	limit := min(len(ls), 12)
	var buf [256]byte
	for i := 0; i < limit; i++ {
		// The line as Lines gives it, lower-cased into buf: the lines of
		// a long document are not copied, and the header takes no
		// allocation. low lives until buf is written again.
		start, end := ls[i], len(d.Text)
		if i+1 < len(ls) {
			end = ls[i+1] - 1
		}
		if end > start && d.Text[end-1] == '\r' {
			end--
		}
		lower := appendLower(buf[:0], strings.TrimSpace(d.Text[start:end]))
		low := unsafe.String(unsafe.SliceData(lower), len(lower))
		if strings.HasPrefix(low, "уважаем") || strings.HasPrefix(low, "здравствуй") || strings.HasPrefix(low, "добрый") {
			break
		}
		if strings.HasPrefix(low, "на №") || strings.HasPrefix(low, "на запрос") || strings.HasPrefix(low, "о предоставлении информации") {
			return Official
		}
		for w, rest := nextField(low); w != ""; w, rest = nextField(rest) {
			// The first line may be the sender's own name in the nominative
			// («Глава администрации района»), whose endings -а, -ии, -ей
			// are also those of a dative; a letter may as well begin with
			// the addressee («Главе администрации…»). There only the
			// endings that are dative alone count.
			if isDativeTitle(w, i == 0) {
				return Official
			}
		}
	}
	return Citizen
}

// nextField returns the first field of s, as strings.Fields splits, and
// what follows it.
func nextField(s string) (field, rest string) {
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case 0x400 <= r && r < 0x500, !unicode.IsSpace(r): // Cyrillic has no spaces
			if start < 0 {
				start = i
			}
		case start >= 0:
			return s[start:i], s[i:]
		}
		i += n
	}
	if start < 0 {
		return "", ""
	}
	return s[start:], ""
}

// appendLower appends s in lower case to b, as strings.ToLower gives it
// (bad bytes become U+FFFD).
func appendLower(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		case 'А' <= r && r <= 'Я':
			r += 'а' - 'А'
		case r == 'Ё':
			r = 'ё'
		case 'а' <= r && r <= 'я' || r == 'ё':
		default:
			r = unicode.ToLower(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// trimTitle trims what strings.Trim(w, ".,;:«»\"") trims.
func trimTitle(w string) string {
	for len(w) > 0 {
		switch {
		case strings.IndexByte(".,;:\"", w[0]) >= 0:
			w = w[1:]
		case len(w) > 1 && w[0] == 0xC2 && (w[1] == 0xAB || w[1] == 0xBB): // « »
			w = w[2:]
		default:
			goto end
		}
	}
end:
	for len(w) > 0 {
		switch n := len(w); {
		case strings.IndexByte(".,;:\"", w[n-1]) >= 0:
			w = w[:n-1]
		case n > 1 && w[n-2] == 0xC2 && (w[n-1] == 0xAB || w[n-1] == 0xBB):
			w = w[:n-2]
		default:
			return w
		}
	}
	return w
}

// isDativeTitle reports an addressee title in the dative case
// («прокурору», «главе», «директору»): the header names the recipient so.
func isDativeTitle(w string, strict bool) bool {
	w = trimTitle(w)
	// Every stem begins with a Russian letter: look only at the stems
	// that begin with the word's first letter.
	if len(w) < 2 || (w[0] != 0xD0 && w[0] != 0xD1) || w[1] < 0x80 || w[1] > 0xBF {
		return false
	}
	for _, st := range officialByFirst[int(w[0]-0xD0)<<6|int(w[1]-0x80)] {
		if !strings.HasPrefix(w, st) {
			continue
		}
		rest := strings.TrimPrefix(w, st)
		if strict && rest != "у" && rest != "ю" && rest != "е" && rest != "ам" && rest != "ям" && rest != "ому" {
			continue
		}
		switch rest {
		case "у", "ю", "е", "ам", "ям", "ии", "а", "ого", "ому", "ей":
			// «прокурору», «управлению», «главе», «прокуратуры района»…
			if rest == "ого" && st != "генеральн" {
				continue
			}
			return true
		}
	}
	return false
}
