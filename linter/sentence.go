package linter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrevs are words that end with a dot and never end a sentence in a
// Russian letter: «ул. Кирова», «ст. 14.1.3», «тел. 51-23-47».
var abbrevs = setOf("г", "гг", "ул", "д", "кв", "корп", "к", "стр", "ст", "ч", "п", "пп", "пл",
	"им", "тел", "исп", "утв", "гр", "обл", "пер", "просп", "пр", "пос", "р", "р-н", "мкр", "наб", "ш",
	"л", "т", "см", "ср", "рис", "табл", "прил", "разд", "гл", "абз", "подп", "пд", "лит", "оф", "пом",
	"эт", "каб", "св", "вх", "исх", "рег", "напр", "т.е", "т.к", "т.н", "в.т.ч", "н", "о", "с", "ж",
	"ген", "зам", "нач", "пред", "доп", "сокр", "англ", "лат", "русск", "mr", "mrs", "dr", "st", "no")

// weakAbbrevs may end a sentence: «… 250 тыс. руб. Далее» breaks only
// before a capital letter.  «г.» and «гг.» after a number are years and
// weak too: «в 1960 г. Крыша…», but «в г. Астрахани».
var weakAbbrevs = setOf("руб", "коп", "тыс", "млн", "млрд", "др", "экз", "шт", "мин", "сек", "час", "мес", "etc")

// abbrevMax is the length in bytes of the longest word that may keep a
// dot after it from ending a sentence: an abbreviation, the д and п of
// «т.д.» and «т.п.», «г.» of a year or an initial (one letter, four bytes
// at most). sentenceEnd looks no further at longer words.
var abbrevMax = func() int {
	n := utf8.UTFMax
	for _, set := range []map[string]bool{abbrevs, weakAbbrevs} {
		for w := range set {
			n = max(n, len(w))
		}
	}
	return n
}()

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// wrapMin is the length in characters from which a line that does not end
// a sentence is taken for hard-wrapped prose and joined with the next.
const wrapMin = 50

// splitSentences cuts every block into sentences. Header lines, the
// greeting, list items and signature lines are units of their own; a
// hard-wrapped line of prose stays in its sentence.
//
// Only line breaks and punctuation may end a sentence: skipWords takes
// the words and spaces between them, nearly all of the tokens.
func splitSentences(d *Document) []Sentence {
	out := make([]Sentence, 0, len(d.Tokens)/16+1) // ~12 words a sentence, with room
	toks := d.Tokens
	for bi := range d.Blocks {
		first, last := d.Blocks[bi].First, d.Blocks[bi].Last
		start := -1 // the open sentence's first token, or -1
		lineStart := first
		// words counts the pieces between spaces that hold a letter or a
		// digit (see countWords) as the loop goes; counted tells that the
		// current piece is counted already.
		words, counted := 0, false
		for i := first; i < last; i++ {
			i, start, words, counted = skipWords(toks, i, last, start, words, counted)
			if i == last {
				break
			}
			if toks[i].Kind == Newline {
				counted = false
				if start >= 0 && !joinLines(d, lineStart, i, last) {
					out = appendSentence(out, d, bi, start, i, words)
					start, words = -1, 0
				}
				lineStart = i + 1
				continue
			}
			if start < 0 {
				start = i
			}
			if end, ok := sentenceEnd(d, i, lineStart, last); ok {
				out = appendSentence(out, d, bi, start, end, words)
				start, words, counted = -1, 0, false
				i = end - 1
			}
		}
		if start >= 0 {
			out = appendSentence(out, d, bi, start, last, words)
		}
	}
	return out
}

// skipWords moves from token i past the words, numbers and spaces before
// last, to a line break or punctuation, as splitSentences goes: start
// opens a sentence at the first word if none is open, and words counts
// the pieces between spaces with a word in them (counted tells that the
// current piece is counted).
//
// It is kept out of line on purpose: inlined into splitSentences, whose
// loop calls functions, the compiler keeps the slice and the counters
// in memory and reloads them at every token; alone, the loop runs in
// registers (Check1MB: 0.45M instructions fewer per op).
//
//go:noinline
func skipWords(toks []Token, i, last, start, words int, counted bool) (int, int, int, bool) {
	for ; i < last; i++ {
		switch toks[i].Kind {
		case Space:
			counted = false
		case Word, Number:
			if start < 0 {
				start = i
			}
			if !counted {
				words++
				counted = true
			}
		default:
			return i, start, words, counted
		}
	}
	return i, start, words, counted
}

// appendSentence appends to out the sentence of block bi that opened at
// token start and ends before token end, without its trailing spaces
// and line breaks, if anything is left.
func appendSentence(out []Sentence, d *Document, bi, start, end, words int) []Sentence {
	last := end
	for last > start && (d.Tokens[last-1].Kind == Space || d.Tokens[last-1].Kind == Newline) {
		last--
	}
	if last == start {
		return out
	}
	return append(out, Sentence{Start: int(d.Tokens[start].Start), End: int(d.Tokens[last-1].End),
		First: start, Last: last, Block: bi, Words: words})
}

// countWords counts whitespace-separated pieces that hold a letter or a
// digit: «№» and dashes do not count, «(8512)» and «59-ФЗ» count once.
// splitSentences counts as it goes; this is the plain definition the
// tests hold it to.
func countWords(d *Document, first, last int) int {
	n := 0
	inPiece, counted := false, false
	for i := first; i < last; i++ {
		k := d.Tokens[i].Kind
		if k == Space || k == Newline {
			inPiece, counted = false, false
			continue
		}
		if !inPiece {
			inPiece = true
		}
		if (k == Word || k == Number) && !counted {
			n++
			counted = true
		}
	}
	return n
}

// sentenceEnd decides whether punctuation token i ends a sentence and, if
// so, returns the index just past it (closing quotes and brackets included).
func sentenceEnd(d *Document, i, lineStart, blockEnd int) (int, bool) {
	t := &d.Tokens[i]
	p := d.Text[t.Start:t.End]
	switch {
	case p == "!" || p == "?":
		for i+1 < blockEnd && d.Tokens[i+1].Kind == Punct && strings.Contains("!?", d.TokenText(i+1)) {
			i++
		}
		return closeQuotes(d, i+1, blockEnd), true
	case p == "…" || strings.HasPrefix(p, ".."):
		if nextStartsLower(d, i+1, blockEnd) {
			return 0, false
		}
		return closeQuotes(d, i+1, blockEnd), true
	case p == ".":
	default:
		return 0, false
	}
	// A dot glued to a following word or digit is inside something
	// («т.е», «e.mail»): not an end.
	if i+1 < blockEnd && d.Tokens[i+1].IsWordLike() {
		return 0, false
	}
	if i > lineStart {
		prev := &d.Tokens[i-1]
		switch prev.Kind {
		case Word:
			w := d.Norm(prev)
			if len(w) > abbrevMax {
				break // the usual word at the end of a sentence
			}
			year := (w == "г" || w == "гг") && prevIsNumber(d, i-1, lineStart)
			if abbrevs[w] && !weakAfterDot(d, i-1) && !year {
				return 0, false
			}
			// Initials: a single capital letter («И.И. Иванов», «Иванов И.И.»).
			if isInitial(d, prev) {
				return 0, false
			}
			if weakAbbrevs[w] || weakAfterDot(d, i-1) || year {
				if !nextStartsUpper(d, i+1, blockEnd) {
					return 0, false
				}
			}
		case Number:
			num := d.TokenText(i - 1)
			// «1.1.» or «3.» opening a line is a clause or list number.
			if i-1 == firstNonSpace(d, lineStart, i) {
				return 0, false
			}
			// «пункта 3.4.4. Плана»: a clause number, not a date.
			if strings.Count(num, ".") >= 1 && !isDate(num) && !strings.Contains(num, ",") {
				return 0, false
			}
		}
	}
	if nextStartsLower(d, i+1, blockEnd) {
		return 0, false
	}
	return closeQuotes(d, i+1, blockEnd), true
}

// isInitial reports a single capital letter, the first of «И.И.».
func isInitial(d *Document, t *Token) bool {
	return t.Kind == Word && t.Is(Title) && utf8.RuneCountInString(d.Norm(t)) == 1
}

// isGreeting reports a line that opens a letter: «Уважаемая …», «Здравствуйте».
func isGreeting(d *Document, i, blockEnd int) bool {
	i = firstNonSpace(d, i, blockEnd)
	if i >= blockEnd || d.Tokens[i].Kind != Word {
		return false
	}
	n := d.Norm(&d.Tokens[i])
	return strings.HasPrefix(n, "уважаем") || strings.HasPrefix(n, "здравствуй") || n == "добрый"
}

// weakAfterDot reports «т.д.», «т.п.»: the word is д or п after «т.».
func weakAfterDot(d *Document, w int) bool {
	n := d.Norm(&d.Tokens[w])
	if (n != "д" && n != "п") || w < 2 {
		return false
	}
	return d.TokenText(w-1) == "." && d.Norm(&d.Tokens[w-2]) == "т"
}

// prevIsNumber reports whether the token before word w, past spaces and
// a dash, is a number: «1960 г.», «2024–2025 гг.».
func prevIsNumber(d *Document, w, lineStart int) bool {
	for k := w - 1; k >= lineStart; k-- {
		switch d.Tokens[k].Kind {
		case Space:
			continue
		case Number:
			return true
		}
		return false
	}
	return false
}

func firstNonSpace(d *Document, from, to int) int {
	for k := from; k < to; k++ {
		if d.Tokens[k].Kind != Space {
			return k
		}
	}
	return to
}

// isDate reports dd.mm.yyyy and similar: three numbers, the last of four
// digits.
func isDate(s string) bool {
	day, rest, _ := strings.Cut(s, ".")
	month, year, ok := strings.Cut(rest, ".")
	return ok && len(year) == 4 && strings.IndexByte(year, '.') < 0 && len(day) <= 2 && len(month) <= 2
}

// closeQuotes extends a sentence end over closing quotes and brackets.
func closeQuotes(d *Document, i, blockEnd int) int {
	for i < blockEnd && d.Tokens[i].Kind == Punct && strings.Contains("»\"”’)]", d.TokenText(i)) {
		i++
	}
	return i
}

// nextWord returns the first rune of the next token that is not a space,
// and whether a line break came first.
func nextRune(d *Document, i, blockEnd int) (rune, bool) {
	nl := false
	for ; i < blockEnd; i++ {
		switch d.Tokens[i].Kind {
		case Space:
			continue
		case Newline:
			nl = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(d.Text[d.Tokens[i].Start:])
		if d.Tokens[i].Kind == Punct && strings.ContainsRune("«\"„(", r) && i+1 < blockEnd && d.Tokens[i+1].Kind == Word {
			r, _ = utf8.DecodeRuneInString(d.Text[d.Tokens[i+1].Start:])
		}
		return r, nl
	}
	return 0, true
}

func nextStartsLower(d *Document, i, blockEnd int) bool {
	r, nl := nextRune(d, i, blockEnd)
	return !nl && unicode.IsLower(r)
}

// nextStartsUpper reports a capital letter or the end of the block next.
// A digit does not start a sentence here («250 руб. 40 коп.»), and a line
// break is left to joinLines.
func nextStartsUpper(d *Document, i, blockEnd int) bool {
	r, _ := nextRune(d, i, blockEnd)
	return r == 0 || unicode.IsUpper(r)
}

// joinLines decides whether the line break at token nl continues the
// sentence: only hard-wrapped prose does. A line that ends with a colon
// or semicolon, a short line (header, greeting, signature) and a line
// before a list item or a greeting end their unit. It is called only
// while a sentence is open, so a dot that ends the line was already
// judged not to end the sentence («ул.», «250 тыс.»): a long line goes
// on past it, unless the dot follows initials («Иванов И.И.»).
func joinLines(d *Document, lineStart, nl, blockEnd int) bool {
	last := nl - 1
	for last >= lineStart && d.Tokens[last].Kind == Space {
		last--
	}
	if last < lineStart {
		return false
	}
	lt := d.TokenText(last)
	if d.Tokens[last].Kind == Punct && strings.ContainsAny(lt, ":;!?…") {
		return false
	}
	if lt == "." && (last == lineStart || isInitial(d, &d.Tokens[last-1])) {
		return false
	}
	if isListItem(d, nl+1, blockEnd) || isGreeting(d, nl+1, blockEnd) {
		return false
	}
	lineLen := utf8.RuneCountInString(d.Text[d.Tokens[lineStart].Start:d.Tokens[last].End])
	if lineLen >= wrapMin {
		return true
	}
	if lt == "." {
		return false
	}
	if lt == "," || lt == "-" || lt == "—" || lt == "–" {
		return nextStartsLowerOrDigit(d, nl+1, blockEnd)
	}
	return false
}

func nextStartsLowerOrDigit(d *Document, i, blockEnd int) bool {
	r, _ := nextRune(d, i, blockEnd)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// isListItem reports whether the line starting at token i is a list item:
// «1.», «1)», «а)», «-», «—», «•», «*».
func isListItem(d *Document, i, blockEnd int) bool {
	i = firstNonSpace(d, i, blockEnd)
	if i >= blockEnd {
		return false
	}
	t := &d.Tokens[i]
	txt := d.TokenText(i)
	switch t.Kind {
	case Punct:
		return strings.Contains("-—–•*·▪", txt)
	case Number:
		return i+1 < blockEnd && (d.TokenText(i+1) == "." || d.TokenText(i+1) == ")")
	case Word:
		return utf8.RuneCountInString(txt) == 1 && i+1 < blockEnd && d.TokenText(i+1) == ")"
	}
	return false
}
