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
		for w := range strings.FieldsSeq(low) {
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

// appendLower appends s in lower case to b, as strings.ToLower gives it
// (bad bytes become U+FFFD).
func appendLower(b []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

// isDativeTitle reports an addressee title in the dative case
// («прокурору», «главе», «директору»): the header names the recipient so.
func isDativeTitle(w string, strict bool) bool {
	w = strings.Trim(w, ".,;:«»\"")
	for _, st := range officialStems {
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
