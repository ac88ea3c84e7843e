package linter

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tok is a token as a test sees it: its kind and its text.
type tok struct {
	Kind Kind
	Text string
}

func (t tok) String() string { return fmt.Sprintf("%s %q", t.Kind, t.Text) }

// toks returns the tokens of text without the spaces between them.
func toks(text string) []tok {
	d := FromText("t.txt", text)
	var out []tok
	for i, t := range d.Tokens {
		if t.Kind == Space {
			continue
		}
		out = append(out, tok{t.Kind, d.TokenText(i)})
	}
	return out
}

func w(s string) tok { return tok{Word, s} }
func n(s string) tok { return tok{Number, s} }
func p(s string) tok { return tok{Punct, s} }

func TestTokenKinds(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []tok
	}{
		{"cyrillic words", "Мы проверили дом", []tok{w("Мы"), w("проверили"), w("дом")}},
		{"latin word", "пишите на e-mail", []tok{w("пишите"), w("на"), w("e-mail")}},
		{"inner hyphen", "из-за кто-нибудь", []tok{w("из-за"), w("кто-нибудь")}},
		{"law number", "№ 59-ФЗ", []tok{p("№"), w("59-ФЗ")}},
		{"digits and letters", "15-й этаж, 2026г", []tok{w("15-й"), w("этаж"), p(","), w("2026г")}},
		{"date", "до 15.12.2026.", []tok{w("до"), n("15.12.2026"), p(".")}},
		{"decimal comma", "2,5 м", []tok{n("2,5"), w("м")}},
		{"phone", "44-18-20", []tok{n("44-18-20")}},
		{"thousands are two numbers", "250 000 рублей", []tok{n("250"), n("000"), w("рублей")}},
		{"thousands with no-break space", "250\u00a0000", []tok{n("250"), n("000")}},
		{"comma after number is punctuation", "5, 6", []tok{n("5"), p(","), n("6")}},
		{"dot between words is punctuation", "т.е. так", []tok{w("т"), p("."), w("е"), p("."), w("так")}},
		{"run of dots is one token", "итак... да", []tok{w("итак"), p("..."), w("да")}},
		{"ellipsis", "итак… да", []tok{w("итак"), p("…"), w("да")}},
		{"trailing hyphen is punctuation", "раз- и два", []tok{w("раз"), p("-"), w("и"), w("два")}},
		{"dash", "дом — это", []tok{w("дом"), p("—"), w("это")}},
		{"quotes and brackets", "«Дом» (1)", []tok{p("«"), w("Дом"), p("»"), p("("), n("1"), p(")")}},
		{"soft hyphen inside a word", "пере\u00adрасчет", []tok{w("пере\u00adрасчет")}},
		{"greek letters are a word", "угол α", []tok{w("угол"), w("α")}},
		{"lone soft hyphen is not a word", "а \u00ad б", []tok{w("а"), p("\u00ad"), w("б")}},
		{"newlines", "а\nб\r\nв\rг", []tok{w("а"), {Newline, "\n"}, w("б"), {Newline, "\r\n"}, w("в"), {Newline, "\r"}, w("г")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, toks(c.text))
		})
	}
}

func TestSpaces(t *testing.T) {
	for _, sp := range []string{" ", "\t", "\u00a0", "\u202f", "\u2009", "\u2007", "  \u00a0 "} {
		d := FromText("t.txt", "а"+sp+"б")
		require.Len(t, d.Tokens, 3, "%q", sp)
		assert.Equal(t, Space, d.Tokens[1].Kind, "%q", sp)
		assert.Equal(t, sp, d.TokenText(1))
	}
}

func TestTokenFlags(t *testing.T) {
	cases := []struct {
		word string
		kind Kind
		has  Flags
		not  Flags
	}{
		{"дом", Word, Cyrillic | Normal, Latin | Upper | Title | Digit | Hyphen},
		{"Дом", Word, Cyrillic | Title, Upper | Latin | Normal},
		{"МКД", Word, Cyrillic | Upper | Title, Latin | Normal},
		{"email", Word, Latin | Normal, Cyrillic},
		{"ещё", Word, Cyrillic, Normal},
		{"59-фз", Word, Cyrillic | Digit | Hyphen | Normal, Latin},
		{"ГИC", Word, Cyrillic | Latin | Upper, Digit},  // Latin C
		{"прoветривать", Word, Cyrillic | Latin, Upper}, // Latin o
		{"59-ФЗ", Word, Cyrillic | Digit | Hyphen | Upper, Latin},
		{"из-за", Word, Cyrillic | Hyphen, Upper | Title},
		{"2026", Number, Digit, Cyrillic | Latin | Hyphen | Normal},
		{"44-18-20", Number, Digit | Hyphen, Cyrillic | Normal},
	}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			d := FromText("t.txt", c.word)
			require.Len(t, d.Tokens, 1)
			tk := d.Tokens[0]
			assert.Equal(t, c.kind, tk.Kind)
			assert.True(t, tk.Is(c.has), "flags %07b lack %07b", tk.Flags, c.has)
			assert.Zero(t, tk.Flags&c.not, "flags %07b have some of %07b", tk.Flags, c.not)
		})
	}
}

func TestNormAndStem(t *testing.T) {
	cases := []struct{ word, norm, stem string }{
		{"Ёлка", "елка", "елк"},
		{"ПЕРЕРАСЧЁТ", "перерасчет", "перерасчет"},
		{"пере\u00adрасчета", "перерасчета", "перерасчет"},
		{"E-mail", "e-mail", "e-mail"},
		{"квартирами", "квартирами", "квартир"},
		{"dom", "dom", "dom"},
	}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			d := FromText("t.txt", c.word)
			require.Len(t, d.Tokens, 1)
			assert.Equal(t, c.norm, d.Norm(&d.Tokens[0]))
			assert.Equal(t, c.stem, d.Stem(&d.Tokens[0]))
			assert.Equal(t, c.norm, Normalize(c.word))
			assert.Equal(t, c.stem, Stem(c.word))
		})
	}
	d := FromText("t.txt", "15.12.2026 , …")
	for _, tk := range d.Tokens {
		assert.Empty(t, d.Norm(&tk), "only words have a normal form")
	}
}

func TestByteOffsets(t *testing.T) {
	text := "Ёж 🙂 «ёлка» 59-ФЗ"
	d := FromText("t.txt", text)
	want := []string{"Ёж", " ", "🙂", " ", "«", "ёлка", "»", " ", "59-ФЗ"}
	require.Len(t, d.Tokens, len(want))
	end := 0
	for i, tk := range d.Tokens {
		assert.Equal(t, end, int(tk.Start), "tokens follow each other")
		assert.Equal(t, want[i], text[tk.Start:tk.End])
		end = int(tk.End)
	}
	assert.Equal(t, len(text), end)
}

// TestStemParallel runs the memoised stemmer from many goroutines; run it
// with -race.
func TestStemParallel(t *testing.T) {
	words := strings.Fields("обращение обращения обращению управляющая управляющей компании компания " +
		"предписание предписания квартира квартиры перерасчет перерасчёта Ёлка ёлки")
	want := map[string]string{}
	for _, w := range words {
		want[w] = stemNorm(normalize(w))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				w := words[(i+g)%len(words)]
				if Stem(w) != want[w] {
					t.Errorf("Stem(%q) = %q, want %q", w, Stem(w), want[w])
				}
				FromText("t.txt", w+" "+fmt.Sprint(g, "слово", i))
			}
		}(g)
	}
	wg.Wait()
}

// TestNormalFlag holds the Normal flag to its definition, the text of a
// word equal to its normal form, also for words without a NormID.
func TestNormalFlag(t *testing.T) {
	d := FromText("t.txt", "Дом, дом и ДОМ; ещё е\u00adще, жёлтый Желтый e-mail Email 59-ФЗ 59-фз 2026 «Дом».")
	for _, d := range []*Document{d, WithoutNormIDs(d)} {
		for i := range d.Tokens {
			tk := &d.Tokens[i]
			want := tk.Kind == Word && d.TokenText(i) == d.Norm(tk)
			assert.Equal(t, want, tk.Is(Normal), "%q", d.TokenText(i))
		}
	}
}
