package rules

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

// TestDocScanNoPanic runs the document-level rules on every prefix and
// suffix of a reply (cut at each rune) and on odd inputs: nothing may
// panic, and every finding lies inside the text.
func TestDocScanNoPanic(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	text := execLetter("Руководитель службы\nА.В. Морозов\n\nИсп. Петрова А.С.\nтел. +7 (8512) 51-23-47") +
		"\nЕсли нарушение подтвердится, будут приняты меры. В перерасчёте отказано. Меры будут приняты до 15."
	var inputs []string
	for i := range text {
		if utf8.RuneStart(text[i]) {
			inputs = append(inputs, text[:i], text[i:])
		}
	}
	inputs = append(inputs, "Исп.", "Исполнитель:", "+", "(", "8 (", "до", "в течение", "Если", "И.о.",
		"Уважаемая!\n\nС уважением\n", strings.Repeat("1-", 100), "\xff\xfe", "А. Б. В. Г.")
	s := dsOnlyRules(reg, "executor-name", "executor-phone", "outcome", "vague")
	for _, in := range inputs {
		doc := linter.FromText("t.txt", in)
		res, err := reg.Check(doc, s)
		require.NoError(t, err)
		for _, f := range res.Findings {
			assert.True(t, f.Start.Offset <= f.End.Offset && f.End.Offset <= len(in), "%q: %+v", in, f)
		}
	}
}

func TestDsPhones(t *testing.T) {
	cases := []struct {
		text  string
		want  []string
		local bool
	}{
		{"тел. 8 (8512) 51-23-47", []string{"8 (8512) 51-23-47"}, false},
		{"+7 (927) 123-45-67, доб. 12", []string{"+7 (927) 123-45-67"}, false},
		{"(8512) 51-11-22", []string{"(8512) 51-11-22"}, false},
		{"8 8512 51 23 47", []string{"8 8512 51 23 47"}, false},
		{"т. 51-00-11", []string{"51-00-11"}, true},
		{"тел. 441820", []string{"441820"}, true},
		{"441820", nil, false},
		{"250 000 рублей", nil, false},
		{"от 15.12.2026", nil, false},
		{"№ 7-02-2026/1845", nil, false},
		{"по телефону 102 или 112", nil, false},
	}
	for _, c := range cases {
		d := linter.FromText("t", c.text)
		ps := dsPhones(d, 0, len(d.Tokens), nil)
		var got []string
		for _, p := range ps {
			got = append(got, c.text[p.Start:p.End])
			assert.Equal(t, c.local, p.Local, c.text)
		}
		assert.Equal(t, c.want, got, c.text)
	}
}

func TestDsTerms(t *testing.T) {
	cases := []struct {
		text string
		want dsTerm
	}{
		{"до 15.12.2026", dsDate | dsDeadline | dsDay},
		{"до 15 декабря", dsDate | dsDeadline | dsDay},
		{"в декабре 2026 года", dsDate},
		{"не позднее пятницы", dsDate | dsDeadline | dsDay},
		{"в течение 10 рабочих дней", dsPeriod},
		{"в течение пяти дней", dsPeriod},
		{"через неделю", dsPeriod},
		{"в среду", dsDate | dsDay},
		{"завтра", dsDate | dsDay},
		{"до конца месяца", dsDeadline},
		{"на следующей неделе", dsDate},
		// a year or a month alone is a date, but not a day
		{"на 2027 год", dsDate},
		{"в мае", dsDate},
		{"во втором квартале", dsDate},
		// a date named before
		{"после этого срока", dsDate},
		{"к указанной дате", dsDate},
		{"в тот же день", 0},
		// the next bill
		{"в следующей квитанции", dsDate},
		{"в ближайшем платёжном документе", dsDate},
		{"в ближайшее время", 0},
		{"в течение нескольких дней", 0},
		{"в установленный срок", 0},
		{"среда обитания", 0},
		{"на 3–5 этажах", 0},
	}
	for _, c := range cases {
		d := linter.FromText("t", c.text)
		var s dsSent
		s.read(d, 0, len(d.Tokens))
		assert.Equal(t, c.want, dsTermsOf(d, &s), c.text)
	}
}

// dsIsDateSlow is the plain statement of dsIsDate: the parts between the
// dots are a day, a month and perhaps a year.
func dsIsDateSlow(s string) bool {
	a := strings.IndexByte(s, '.')
	if a < 0 {
		return false
	}
	day, month, year := s[:a], s[a+1:], ""
	three := false
	if b := strings.IndexByte(month, '.'); b >= 0 {
		month, year, three = month[:b], month[b+1:], true
		if strings.IndexByte(year, '.') >= 0 {
			return false
		}
	}
	if len(day) > 2 || len(month) != 2 {
		return false
	}
	if !dsDayNumber(day) || month < "01" || month > "12" {
		return false
	}
	return !three || len(year) == 2 || len(year) == 4
}

// TestDsIsDate holds dsIsDate to its plain statement on every string of
// up to seven bytes over an alphabet of digits, dots and a letter.
func TestDsIsDate(t *testing.T) {
	const alpha = "01239.x"
	buf := make([]byte, 0, 7)
	var walk func()
	walk = func() {
		s := string(buf)
		if dsIsDate(s) != dsIsDateSlow(s) {
			t.Fatalf("dsIsDate(%q) = %v", s, dsIsDate(s))
		}
		if len(buf) == cap(buf) {
			return
		}
		for i := range len(alpha) {
			buf = append(buf, alpha[i])
			walk()
			buf = buf[:len(buf)-1]
		}
	}
	walk()
	for _, s := range []string{"15.12.2026", "15.12.26", "15.12", "7.22", "1.01.2027", "31.12.1999", "32.12.2026",
		"15.13.2026", "00.10.2026", "15.12.2026.", "15.12.202", "1..12", "1.1..26", "15,12",
		"1.0/", "1.0:", "1.1/", "1.1:", "1.0\xff", "1.1\xff"} {
		assert.Equal(t, dsIsDateSlow(s), dsIsDate(s), s)
	}
}

// BenchmarkDocRules times, on about 1 MB of replies, the reads the
// document rules share (lines and sentences, «index») and each rule's own work with
// those reads already kept in the document's memo, as in a full check
// (less the cost of a check without a rule, «none»).
func BenchmarkDocRules(b *testing.B) {
	text := benchMegabyte(b)
	reg, err := Default()
	require.NoError(b, err)
	run := func(b *testing.B, f func(*linter.Document)) {
		doc := linter.FromText("bench.txt", text)
		f(doc) // fill the memo and the tables by NormID
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		cpu0, n := spellCPU(), 0
		for b.Loop() {
			f(doc)
			n++
		}
		if cpu := spellCPU() - cpu0; cpu > 0 {
			b.ReportMetric(float64(n*len(text))/1e6/cpu, "MB/cpu-s")
		}
	}
	b.Run("index", func(b *testing.B) { run(b, func(d *linter.Document) { dsRead(d) }) })
	// «none» is the cost of a check itself, without a rule.
	for _, id := range []string{"none", "address", "outcome", "vague", "sentence-length", "executor-name"} {
		s := dsOnlyRules(reg, id)
		if id == "none" {
			s = dsOnlyRules(reg)
		}
		b.Run(id, func(b *testing.B) {
			run(b, func(d *linter.Document) {
				if _, err := reg.Check(d, s); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
