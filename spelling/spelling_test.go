package spelling

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

// testAff is a tiny affix file with the features the reader supports:
// conditions with negated sets, cross products, a twofold suffix, special
// flags, TRY and REP.
const testAff = `# тестовый словарь
SET UTF-8
TRY оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё
REP 2
REP щ сч
REP ^ъ ь
FORBIDDENWORD X
NEEDAFFIX Z
KEEPCASE C
NOSUGGEST W

# прилагательные
SFX A Y 4
SFX A ый ая ый
SFX A ый ого ый
SFX A ый ое [^ш]ый
SFX A ый ее шый

# существительные женского рода; без перекрёстного произведения
SFX N N 4
SFX N а ы [^кгх]а
SFX N а и [кгх]а
SFX N а у а
SFX N а ой а

# глаголы
SFX V Y 2
SFX V ть л ть
SFX V ть ла ть

# существительные мужского рода
SFX K Y 2
SFX K 0 а [^аеиоуы]
SFX K 0 у [^аеиоуы]

# уменьшительный суффикс, за которым может идти окончание Q
SFX S Y 1
SFX S 0 ик/Q .

SFX Q Y 1
SFX Q 0 ами .

# ё в условиях: правило для «питьё» не годится для «кнутовище»
SFX J Y 3
SFX J ё я ё
SFX J е я [^щ]е
SFX J 0 у [^ё]ж

PFX P Y 1
PFX P 0 пере .

PFX R N 1
PFX R 0 не .
`

const testDic = `24
новый/A
большый/A
книга/N
рыба/N
делать/VP
читать/VR
Москва/N
ёлка/N
еще
ЖКХ
ул
кот/ZK
дом/S
книгу/X
Уфа/C
счет
нехорошесть/W
зовут
питьё/J
кнутовище/J
поле/J
падеж/J
платёж/J
МэВ
`

func testDict(t testing.TB) *Dict {
	t.Helper()
	d, err := Load(strings.NewReader(testAff), strings.NewReader(testDic))
	require.NoError(t, err)
	return d
}

func TestCheck(t *testing.T) {
	d := testDict(t)
	tests := []struct {
		word string
		want bool
		why  string
	}{
		{"новый", true, "stem"},
		{"новая", true, "suffix"},
		{"нового", true, "suffix"},
		{"новое", true, "condition [^ш]ый holds"},
		{"новее", false, "condition шый fails"},
		{"большее", true, "condition шый holds"},
		{"большое", false, "condition [^ш]ый fails"},
		{"новыйая", false, "affix on the full stem"},
		{"новы", false, "stem cut short"},
		{"книги", true, "[кгх]а"},
		{"книгы", false, "[^кгх]а fails"},
		{"рыбы", true, "[^кгх]а"},
		{"рыби", false, "[кгх]а fails"},
		{"рыбой", true, "suffix"},
		{"делал", true, "verb suffix"},
		{"переделать", true, "prefix"},
		{"переделала", true, "prefix and suffix, both cross"},
		{"перечитать", false, "no prefix flag"},
		{"нечитать", true, "prefix R"},
		{"нечитал", false, "R allows no cross product"},
		{"кота", true, "NEEDAFFIX stem with suffix"},
		{"кот", false, "NEEDAFFIX stem alone"},
		{"домик", true, "inner suffix"},
		{"домиками", true, "twofold suffix"},
		{"домами", false, "outer suffix needs the inner one"},
		{"книгу", false, "FORBIDDENWORD beats the rule"},
		{"нехорошесть", true, "NOSUGGEST words are correct"},
		{"", true, "nothing to check"},
		{"123", true, "number"},
		{"12,5", true, "number"},
		{"2-х", true, "ordinal"},
		{"10-го", true, "ordinal"},
		{"2-хх", true, "ordinal ending up to three letters"},
		{"2-книги", true, "a number and a word"},
		{"2-кнжги", false, "a number and a bad word"},
		{"—", true, "dash"},
		{"кни́га", true, "stress mark"},
		{"кни\u00ADга", true, "soft hyphen"},
		{"книга-рыба", true, "hyphenated"},
		{"книга-рыба-новый", true, "two hyphens"},
		{"книга-ххх", false, "hyphenated with a bad part"},
		{"книга--рыба", false, "empty part"},
		{strings.Repeat("книга-", 6) + "рыба", true, "six hyphens"},
		{strings.Repeat("книга-", 7) + "рыба", false, "too many hyphens"},
		{strings.Repeat("-а", 60), false, "many hyphens"},
		{"-книга", true, "leading hyphen"},
		{"книга-", true, "trailing hyphen"},
		{"ул.", true, "abbreviation with a dot"},
		{"книга.", true, "trailing dot"},
		{"ххх.", false, "dot does not help"},
		{"book", false, "Latin"},
		{"книgа", false, "mixed script"},
		{"\xff\xfe", true, "invalid UTF-8 without letters"},
		{"книга\xff", false, "invalid UTF-8 in a word"},
		{strings.Repeat("а", 101), false, "too long"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, d.Check(tt.word), "%q: %s", tt.word, tt.why)
	}
}

func TestCheckCase(t *testing.T) {
	d := testDict(t)
	tests := []struct {
		word string
		want bool
	}{
		{"Новая", true},      // sentence start: lowercase form is in the dictionary
		{"НОВАЯ", true},      // all caps
		{"нОвая", false},     // irregular capitals are checked as written
		{"НоВАЯ", false},     // likewise
		{"Москва", true},     // proper name
		{"МОСКВА", true},     // proper name in caps
		{"Москвой", true},    // proper name with a suffix
		{"москва", false},    // a lowercase proper name is wrong
		{"москвой", false},   // with a suffix too
		{"ЖКХ", true},        // abbreviation
		{"жкх", false},       // must stay in caps
		{"Жкх", false},       // must stay in caps
		{"Уфа", true},        // KEEPCASE: as written
		{"УФА", false},       // KEEPCASE: no case variants
		{"Ул.", true},        // capitalised abbreviation
		{"Книга-Рыба", true}, // each part by itself
		{"МэВ", true},        // mixed case as written
		{"МЭВ", true},        // and in capitals (a hidden capitalised form)
		{"Мэв", false},       // but not capitalised
		{"мэв", false},       // nor in lowercase
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, d.Check(tt.word), tt.word)
	}
}

func TestCheckYo(t *testing.T) {
	d := testDict(t)
	// Conditions are tested on the stem as spelled, with ё.
	for w, want := range map[string]bool{
		"питья": true, "питье": true, "питьё": true, "кнутовищя": false, "поля": true,
		"падежу": true, "платежу": false, "платёжу": false, "платёж": true, "платеж": true,
	} {
		assert.Equal(t, want, d.Check(w), w)
	}
	for _, w := range []string{"ёлка", "елка", "ёлки", "елкой", "Ёлка", "ЕЛКА", "ЁЛКОЙ", "еще", "ещё", "ЕЩЁ", "Ещё"} {
		assert.True(t, d.Check(w), w)
	}
	for _, w := range []string{"ёлкa", "ещеё", "ёлк"} {
		assert.False(t, d.Check(w), w)
	}
}

func TestFlagTypes(t *testing.T) {
	tests := []struct {
		name, aff, dic string
	}{
		{"char", "SFX A Y 1\nSFX A 0 ы .\n", "1\nстол/A\n"},
		{"long", "FLAG long\nSFX Aa Y 1\nSFX Aa 0 ы .\nSFX Bb Y 1\nSFX Bb 0 ом .\n", "1\nстол/BbAa\n"},
		{"num", "FLAG num\nSFX 101 Y 1\nSFX 101 0 ы .\n", "1\nстол/7,101\n"},
		{"utf8", "FLAG UTF-8\nSFX Ж Y 1\nSFX Ж 0 ы .\n", "1\nстол/Ж\n"},
		{"alias", "AF 2\nAF B\nAF A\nSFX A Y 1\nSFX A 0 ы .\n", "1\nстол/2\n"},
		{"no count line", "SFX A Y 1\nSFX A 0 ы .\n", "стол/A\n"},
		{"morphology", "SFX A Y 1\nSFX A 0 ы . ts:pl\n", "1\nстол/A\tpo:noun\n"},
		{"crlf", "SFX A Y 1\r\nSFX A 0 ы .\r\n", "1\r\nстол/A\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Load(strings.NewReader(tt.aff), strings.NewReader(tt.dic))
			require.NoError(t, err)
			assert.True(t, d.Check("стол"))
			assert.True(t, d.Check("столы"))
			assert.False(t, d.Check("столу"))
		})
	}
}

func TestLoadKOI8(t *testing.T) {
	enc := charmap.KOI8R.NewEncoder()
	aff, err := enc.String("SET KOI8-R\nTRY оеа\nSFX A Y 1\nSFX A 0 ы .\n")
	require.NoError(t, err)
	dic, err := enc.String("1\nстол/A\n")
	require.NoError(t, err)
	d, err := Load(strings.NewReader(aff), strings.NewReader(dic))
	require.NoError(t, err)
	assert.True(t, d.Check("столы"))
	assert.False(t, d.Check("стулы"))
	assert.Equal(t, []string{"столы"}, d.Suggest("стелы", 1))
}

func TestLoadErrors(t *testing.T) {
	for name, aff := range map[string]string{
		"encoding": "SET EBCDIC\n",
		"flag":     "FLAG huge\n",
		"short":    "SFX A Y\n",
	} {
		_, err := Load(strings.NewReader(aff), strings.NewReader("1\nстол\n"))
		assert.Error(t, err, name)
	}
	_, err := Load(nil, nil)
	assert.Error(t, err)
	_, err = LoadFiles("/nonexistent.aff", "/nonexistent.dic")
	assert.Error(t, err)
}

func TestAdd(t *testing.T) {
	d := testDict(t)
	assert.False(t, d.Check("перекнига"))
	assert.False(t, d.Check("МКД"))
	d.Add("перекнига", "МКД", "Жилсервис", "ёжик", "  ", "123")

	for _, w := range []string{"перекнига", "Перекнига", "ПЕРЕКНИГА", "МКД", "Жилсервис", "ЖИЛСЕРВИС", "ёжик", "ежик", "Ёжик"} {
		assert.True(t, d.Check(w), w)
	}
	// Borrowed from «книга»: its endings and its conditions.
	assert.True(t, d.Check("перекниги"))
	assert.True(t, d.Check("перекнигой"))
	assert.False(t, d.Check("перекнигы"))
	for _, w := range []string{"мкд", "Мкд", "жилсервис"} {
		assert.False(t, d.Check(w), w)
	}
	// Too short an ending in common: the exact form only.
	d.Add("сдоба")
	assert.True(t, d.Check("сдоба"))
	assert.False(t, d.Check("сдобы"))
	// Adding again or adding a dictionary word changes nothing.
	d.Add("перекнига", "книга")
	assert.True(t, d.Check("перекниги"))
	assert.Equal(t, []string{"перекниги"}, d.Suggest("перекнигии", 1))
}

func TestSuggest(t *testing.T) {
	d := testDict(t)
	tests := []struct {
		word  string
		first string
		why   string
	}{
		{"книгы", "книги", "confused vowel after г beats other vowels"},
		{"деллать", "делать", "doubled letter"},
		{"новаяя", "новая", "extra letter"},
		{"новй", "новый", "missing letter"},
		{"длеать", "делать", "swapped letters"},
		{"москва", "Москва", "proper name capitalised"},
		{"жкх", "ЖКХ", "abbreviation in caps"},
		{"Книгы", "Книги", "keeps the capital"},
		{"КНИГЫ", "КНИГИ", "keeps all caps"},
		{"щет", "счет", "REP table"},
		{"новаякнига", "новая книга", "run-together words"},
		{"кингаа", "книга", "two edits, found by the dictionary scan"},
		{"ёлкы", "ёлки", "keeps ё"},
		{"пдежуу", "падежу", "two edits, a rule after others of its flag"},
	}
	for _, tt := range tests {
		got := d.Suggest(tt.word, 5)
		if assert.NotEmpty(t, got, tt.word) {
			assert.Equal(t, tt.first, got[0], "%s: %s (%v)", tt.word, tt.why, got)
		}
	}
}

func TestSuggestSilent(t *testing.T) {
	d := testDict(t)
	for _, w := range []string{"", "   ", "123", "2-х", "—", strings.Repeat("б", 41), "книгы книгы"} {
		assert.Empty(t, d.Suggest(w, 5), "%q", w)
	}
	assert.Empty(t, d.Suggest("книгы", 0))
	assert.Len(t, d.Suggest("книгы", 1), 1)
	// Never the word itself, its case or ё variants, NOSUGGEST or
	// FORBIDDENWORD stems.
	for _, s := range d.Suggest("новая", 10) {
		assert.NotEqual(t, "новая", strings.ToLower(s))
	}
	for _, s := range d.Suggest("ёлка", 10) {
		assert.NotEqual(t, "елка", strings.ToLower(fold(s)))
	}
	assert.NotContains(t, d.Suggest("нехорошестъ", 10), "нехорошесть")
	assert.NotContains(t, d.Suggest("кнниу", 10), "книгу")
	// A split needs real words on both sides.
	for _, s := range d.Suggest("кинига", 10) {
		assert.NotContains(t, s, " ")
	}
}

func TestSuggestRanking(t *testing.T) {
	a := []rune("результатам")
	for _, tt := range []struct {
		b    string
		want int
	}{
		{"результатом", 0},  // а/о
		{"резкльтатам", 1},  // neighbouring keys
		{"резольтатам", 1},  // vowel for vowel
		{"резшльтатам", 3},  // unrelated letter
		{"резульатам", 2},   // dropped letter
		{"результаттам", 0}, // doubled letter
		{"рзеультатам", 1},  // swapped
	} {
		assert.Equal(t, tt.want, editPenalty(a, []rune(tt.b), strings.Split(defaultKey, "|")), tt.b)
	}
	assert.Equal(t, 0, dl([]rune("кот"), []rune("кот"), 5))
	assert.Equal(t, 1, dl([]rune("кот"), []rune("окт"), 5))
	assert.Equal(t, 2, dl([]rune("кот"), []rune("окто"), 5))
	assert.Equal(t, 3, dl([]rune("кот"), []rune("собака"), 2))
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	aff, dic := dir+"/ru_RU.aff", dir+"/ru_RU.dic"
	require.NoError(t, writeFile(aff, testAff))
	require.NoError(t, writeFile(dic, testDic))

	a, b, ok := Find(dir)
	assert.True(t, ok)
	assert.Equal(t, aff, a)
	assert.Equal(t, dic, b)

	a, b, ok = Find(dic)
	assert.True(t, ok)
	assert.Equal(t, aff, a)
	assert.Equal(t, dic, b)

	t.Setenv("DICPATH", "/nonexistent:"+dir)
	a, _, ok = Find("/nonexistent")
	assert.True(t, ok)
	if a != aff {
		// A system dictionary is found only after $DICPATH.
		t.Errorf("Find() = %s, want %s", a, aff)
	}

	empty := t.TempDir()
	saved := defaultDirs
	defaultDirs = []string{empty}
	defer func() { defaultDirs = saved }()
	t.Setenv("DICPATH", "")
	_, _, ok = Find(empty, empty+"/ru_RU.aff")
	assert.False(t, ok)
}

func TestConcurrent(t *testing.T) {
	d := testDict(t)
	words := []string{"новая", "книгы", "Москва", "москва", "ёлка", "перекнига", "домиками"}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				w := words[(g+i)%len(words)]
				d.Check(w)
				if i%50 == 0 {
					d.Suggest(w, 3)
					d.Add("слово" + string(rune('а'+i%5)))
				}
			}
		}()
	}
	wg.Wait()
	assert.True(t, d.Check("словоа"))
}

func TestMemoBounded(t *testing.T) {
	m := newMemo(memoShards * 2 * 16)
	for i := range 10000 {
		m.put(strings.Repeat("я", i%50)+string(rune('а'+i%32))+string(rune(i)), true)
	}
	total := 0
	for i := range m.shards {
		total += len(m.shards[i].cur) + len(m.shards[i].old)
	}
	assert.LessOrEqual(t, total, memoShards*2*16)
	m.put("кот", false)
	v, ok := m.get("кот")
	assert.True(t, ok)
	assert.False(t, v)
}

func writeFile(name, text string) error {
	return os.WriteFile(name, []byte(text), 0o644)
}

func TestNilDict(t *testing.T) {
	var d *Dict
	assert.False(t, d.Check("кот"))
	assert.Nil(t, d.Suggest("кот", 3))
	d.Add("кот")
}

func TestDecodeLast(t *testing.T) {
	for _, s := range []string{"", "a", "я", "ая", "a\u0301", "€", "\xd0", "\xff\xbf", "\xc0\x80", "ё"} {
		r1, n1 := decodeLast(s)
		r2, n2 := utf8.DecodeLastRuneInString(s)
		assert.Equal(t, r2, r1, "%q", s)
		assert.Equal(t, n2, n1, "%q", s)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "еще": "еще", "ещё": "еще", "ЁЛКА": "ЕЛКА", "Ёё": "Ее", "ё\xd1": "е\xd1", "\xd0": "\xd0", "abc": "abc",
		"счёт-фактура": "счет-фактура", "р": "р",
	} {
		assert.Equal(t, want, fold(in), "%q", in)
	}
}

func TestLowerString(t *testing.T) {
	for _, s := range []string{"", "кот", "Кот", "КОТ", "ёЖ", "Ёж", "abc", "ABC", "кот-1", "\xd0", "ѐ", "Ѐ", "ĀБ"} {
		assert.Equal(t, strings.ToLower(s), lowerString(s), "%q", s)
	}
}

// TestFlagSetKey: sets that differ only by zero digits inside a word must
// not share a key (a bug once gave «главный» the endings of another flag).
func TestFlagSetKey(t *testing.T) {
	a := flagSet{36 * 36 * 36 * 36 * 11}  // formats with a trailing «0»
	b := flagSet{36 * 36 * 36 * 11}       // the same digits without it
	c := flagSet{36 * 36 * 36 * 11, 0, 0} // b with empty trailing words
	assert.NotEqual(t, a.key(), b.key())
	assert.Equal(t, b.key(), c.key())
}
