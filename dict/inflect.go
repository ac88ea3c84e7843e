package dict

import (
	"strings"
	"unicode/utf8"
)

// Agree puts repl, an adjective or participle written in the dictionary
// form of head (masculine nominative singular), into the form that found,
// a form of head, has: head «некорректный», found «некорректном», repl
// «неправильный» give «неправильном»; «надлежащего» with «нужный» gives
// «нужного». Only the first word of repl changes («такой же» →
// «такого же»). The pronoun «этот» is declined too («данной» → «этой»).
//
// ok is false when found is not a regular form of head (a short form with
// a fleeting vowel, a comparative), when repl is not an adjective, or when
// the form is ambiguous and the two readings differ: then the caller names
// the word and leaves the form to the clerk. All arguments are normalised
// (lower case, е for ё in head and found).
func Agree(head, found, repl string) (string, bool) {
	rw, rest, _ := strings.Cut(repl, " ")
	if rest != "" {
		rest = " " + rest
	}
	// Reflexive participles decline before «-ся»: «имеющийся» →
	// «имеющиеся». Both words must be reflexive, or neither.
	hRefl, rRefl := strings.HasSuffix(head, "ся"), strings.HasSuffix(rw, "ся")
	if hRefl != rRefl {
		return "", false
	}
	if hRefl {
		head, rw = strings.TrimSuffix(head, "ся"), strings.TrimSuffix(rw, "ся")
		f, ok := strings.CutSuffix(found, "ся")
		if !ok {
			f, ok = strings.CutSuffix(found, "сь")
		}
		if !ok {
			return "", false
		}
		found = f
	}
	hStem, hType, ok := adjParadigm(head)
	if !ok || !strings.HasPrefix(found, hStem) {
		return "", false
	}
	end := found[len(hStem):]
	rStem, rType, ok := adjParadigm(rw)
	if !ok {
		return "", false
	}
	out := ""
	for slot, e := range adjForms[hType] {
		if e != end || e == "" {
			continue
		}
		re := adjForms[rType][slot]
		if re == "" {
			return "", false // no such form of repl (a short form of «этот»)
		}
		if out != "" && out != rStem+re {
			return "", false // «таковой»: masculine or feminine, and repl tells them apart
		}
		out = rStem + re
	}
	if out == "" {
		return "", false
	}
	if hRefl {
		out += "ся"
	}
	return out + rest, true
}

// Types of adjective declension.
const (
	adjHard       = iota // правильный
	adjSoft              // синий
	adjVelar             // строгий
	adjSibilant          // надлежащий
	adjStressed          // таковой, первоочередной
	adjStressedVS        // такой, большой: stressed after к, г, х, ж, ш, ч, щ
	adjThis              // этот
	adjTypes
)

// Slots of the adjective paradigm. A slot is a set of case forms that
// share an ending in every declension: the masculine genitive is also the
// animate accusative, the feminine «-ой» serves four cases.
const (
	slotMNom = iota
	slotMGen
	slotMDat
	slotMIns // also the plural dative
	slotMPrep
	slotFNom
	slotFObl // genitive, dative, instrumental, prepositional
	slotFAcc
	slotFIns // «-ою», the long instrumental
	slotNNom
	slotPNom
	slotPGen // also prepositional and animate accusative
	slotPIns
	slotShortF // short forms of hard adjectives: «правильна»
	slotShortN // «правильно», also the adverb
	slotShortP // «правильны»
	// Nouns in «-ость» of hard adjectives: «некорректность» →
	// «неправильность», «легитимности» → «законности».
	slotNess
	slotNessObl // genitive, dative, prepositional singular; plural nominative
	slotNessIns
	slotNessPGen
	slotNessPDat
	slotNessPIns
	slotNessPPrep
	slots
)

// adjForms are the endings per declension and slot; "" where the form
// does not exist or is not regular enough to build.
var adjForms = [adjTypes][slots]string{
	adjHard: {"ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ою", "ое", "ые", "ых", "ыми", "а", "о", "ы",
		"ость", "ости", "остью", "остей", "остям", "остями", "остях"},
	adjSoft:       {"ий", "его", "ему", "им", "ем", "яя", "ей", "юю", "ею", "ее", "ие", "их", "ими", "", "", ""},
	adjVelar:      {"ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ою", "ое", "ие", "их", "ими", "", "", ""},
	adjSibilant:   {"ий", "его", "ему", "им", "ем", "ая", "ей", "ую", "ею", "ее", "ие", "их", "ими", "", "", ""},
	adjStressed:   {"ой", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ою", "ое", "ые", "ых", "ыми", "", "", ""},
	adjStressedVS: {"ой", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ою", "ое", "ие", "их", "ими", "", "", ""},
	adjThis:       {"от", "ого", "ому", "им", "ом", "а", "ой", "у", "ою", "о", "и", "их", "ими", "", "", ""},
}

// adjParadigm splits an adjective in its dictionary form into the stem
// and the declension type; ok is false for a word that is not one.
func adjParadigm(w string) (stem string, typ int, ok bool) {
	if w == "этот" {
		return "эт", adjThis, true
	}
	if utf8.RuneCountInString(w) < 4 {
		return "", 0, false // «мой», «свой», «чей» decline otherwise
	}
	end := w[len(w)-len("ый"):] // every ending below is two Cyrillic letters
	stem = w[:len(w)-len(end)]
	last, _ := utf8.DecodeLastRuneInString(stem)
	velar := strings.ContainsRune("кгх", last)
	sibilant := strings.ContainsRune("жшчщ", last)
	switch end {
	case "ый":
		return stem, adjHard, !velar && !sibilant
	case "ой":
		if velar || sibilant {
			return stem, adjStressedVS, true
		}
		return stem, adjStressed, true
	case "ий":
		switch {
		case velar:
			return stem, adjVelar, true
		case sibilant:
			return stem, adjSibilant, true
		}
		return stem, adjSoft, true
	}
	return "", 0, false
}

// IsAdjective reports whether w looks like an adjective or participle in
// its dictionary form (or is «этот»), that is, whether Agree can decline it.
func IsAdjective(w string) bool {
	w, _, _ = strings.Cut(w, " ")
	w = strings.TrimSuffix(w, "ся")
	_, _, ok := adjParadigm(w)
	return ok
}
