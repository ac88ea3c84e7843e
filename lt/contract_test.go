package lt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/gorilla/mux"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// The contract suite replays the requests real LanguageTool clients send,
// shaped as their sources build them, and checks our answer field by field.

var (
	regOnce sync.Once
	reg     *linter.Registry
	regErr  error
)

// testRouter mounts the routes with the fixture rules.
func testRouter(t testing.TB, o Options) *mux.Router {
	t.Helper()
	regOnce.Do(func() { reg, regErr = linter.NewRegistry(fixtureRules()...) })
	require.NoError(t, regErr)
	r := mux.NewRouter()
	Mount(r, reg, linter.Settings{}, o)
	return r
}

// do sends one request; ctype "" sends no Content-Type at all.
func do(t testing.TB, h http.Handler, method, target, ctype, body string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	req.Host = "yasno.test:8080"
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// u16 returns the UTF-16 index of the first sub in s, as a Java or
// JavaScript client counts.
func u16(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len(utf16.Encode([]rune(s[:i])))
}

// u16slice cuts s by UTF-16 units.
func u16slice(s string, off, n int) string {
	e := utf16.Encode([]rune(s))
	if off < 0 || off+n > len(e) {
		return "<out of range>"
	}
	return string(utf16.Decode(e[off : off+n]))
}

// A letter with an emoji (two UTF-16 units, four UTF-8 bytes) before the
// first finding: byte, rune and UTF-16 offsets all differ there.
const letter = "Гусеву А.П.\n\nУважаемый Андрей Петрович!\n\n" +
	"😀 Сообщаем, что в целях проверки был направлен запрос. " +
	"Работы будут выполнены в ближайшее время.\n\n" +
	"Исп. Белова К.Д."

// checkAnswer asserts the shape of a /v2/check answer field by field and
// that every match's offsets, context and sentence agree with the text the
// client sent. It returns the matches by rule id.
func checkAnswer(t *testing.T, w *httptest.ResponseRecorder, sent string) map[string][]map[string]any {
	t.Helper()
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"), "exactly, no charset")
	dec := json.NewDecoder(bytes.NewReader(w.Body.Bytes()))
	dec.UseNumber()
	var top map[string]any
	require.NoError(t, dec.Decode(&top))
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		return ks
	}
	assert.ElementsMatch(t, []string{"software", "warnings", "language", "matches", "sentenceRanges"}, keys(top))

	sw := top["software"].(map[string]any)
	assert.ElementsMatch(t, []string{"name", "version", "buildDate", "apiVersion", "premium", "status"}, keys(sw))
	assert.Equal(t, "yasno", sw["name"])
	assert.IsType(t, "", sw["version"])
	assert.IsType(t, "", sw["buildDate"])
	assert.Equal(t, json.Number("1"), sw["apiVersion"], "a number, not a string")
	assert.Equal(t, false, sw["premium"])
	assert.Equal(t, "", sw["status"])
	assert.Equal(t, map[string]any{"incompleteResults": false}, top["warnings"])

	lang := top["language"].(map[string]any)
	assert.Equal(t, "Russian", lang["name"])
	assert.Equal(t, "ru-RU", lang["code"])
	det := lang["detectedLanguage"].(map[string]any)
	assert.ElementsMatch(t, []string{"name", "code", "confidence"}, keys(det))
	assert.Equal(t, "Russian", det["name"])
	assert.Equal(t, "ru-RU", det["code"])
	assert.IsType(t, json.Number(""), det["confidence"])

	for _, sr := range top["sentenceRanges"].([]any) {
		pair := sr.([]any)
		require.Len(t, pair, 2)
		from, _ := pair[0].(json.Number).Int64()
		to, _ := pair[1].(json.Number).Int64()
		assert.LessOrEqual(t, from, to)
	}

	byRule := map[string][]map[string]any{}
	for _, x := range top["matches"].([]any) {
		m := x.(map[string]any)
		assert.ElementsMatch(t, []string{"message", "shortMessage", "replacements", "offset", "length", "context",
			"sentence", "type", "rule", "ignoreForIncompleteSentence", "contextForSureMatch"}, keys(m))
		assert.NotEmpty(t, m["message"])
		assert.IsType(t, "", m["shortMessage"])
		assert.IsType(t, "", m["sentence"], "ltex-ls reads sentence as a string")
		for _, r := range m["replacements"].([]any) {
			rep := r.(map[string]any)
			assert.ElementsMatch(t, []string{"value"}, keys(rep))
			assert.IsType(t, "", rep["value"])
		}
		off64, err := m["offset"].(json.Number).Int64()
		require.NoError(t, err)
		n64, err := m["length"].(json.Number).Int64()
		require.NoError(t, err)
		off, n := int(off64), int(n64)
		ctx := m["context"].(map[string]any)
		assert.ElementsMatch(t, []string{"text", "offset", "length"}, keys(ctx))
		co, _ := ctx["offset"].(json.Number).Int64()
		cl, _ := ctx["length"].(json.Number).Int64()
		assert.Equal(t, int64(n), cl)
		// The context shows the same characters the offsets point at,
		// line breaks turned into spaces: gramma cuts the word out of it.
		flat := strings.NewReplacer("\r", " ", "\n", " ").Replace(u16slice(sent, off, n))
		assert.Equal(t, flat, u16slice(ctx["text"].(string), int(co), int(cl)), "context of %v", m["rule"])
		assert.LessOrEqual(t, len(utf16.Encode([]rune(ctx["text"].(string)))), 40+40+n+6)
		assert.Contains(t, []any{"Other", "UnknownWord", "Hint"}, m["type"].(map[string]any)["typeName"])
		rl := m["rule"].(map[string]any)
		assert.ElementsMatch(t, []string{"id", "description", "issueType", "urls", "category"}, keys(rl))
		id := rl["id"].(string)
		assert.NotEmpty(t, rl["description"])
		assert.Contains(t, []any{"style", "typographical", "misspelling", "omission", "legal"}, rl["issueType"])
		urls := rl["urls"].([]any)
		require.Len(t, urls, 1)
		assert.Equal(t, map[string]any{"value": "http://yasno.test:8080/rules#" + id}, urls[0])
		cat := rl["category"].(map[string]any)
		assert.ElementsMatch(t, []string{"id", "name"}, keys(cat))
		assert.NotEmpty(t, cat["id"])
		assert.NotEmpty(t, cat["name"])
		assert.Equal(t, false, m["ignoreForIncompleteSentence"])
		assert.Equal(t, json.Number("0"), m["contextForSureMatch"])
		byRule[id] = append(byRule[id], m)
	}
	return byRule
}

// offsetOf returns a match's offset and length.
func offsetOf(m map[string]any) (int, int) {
	o, _ := m["offset"].(json.Number).Int64()
	n, _ := m["length"].(json.Number).Int64()
	return int(o), int(n)
}

// firstAt finds the match of a rule that covers want in the sent text.
func firstAt(t *testing.T, byRule map[string][]map[string]any, id, sent, want string) map[string]any {
	t.Helper()
	for _, m := range byRule[id] {
		o, n := offsetOf(m)
		if u16slice(sent, o, n) == want {
			return m
		}
	}
	t.Fatalf("no %s match on %q; got %v", id, want, byRule[id])
	return nil
}

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

func annotated(parts ...[2]string) string {
	var items []map[string]string
	for _, p := range parts {
		switch p[0] {
		case "text":
			items = append(items, map[string]string{"text": p[1]})
		case "markup":
			items = append(items, map[string]string{"markup": p[1]})
		default: // markup with interpretAs: {"markup", "interpretAs"} given as p[0]="m:"+markup
			items = append(items, map[string]string{"markup": strings.TrimPrefix(p[0], "m:"), "interpretAs": p[1]})
		}
	}
	b, _ := json.Marshal(map[string]any{"annotation": items})
	return string(b)
}

// ltex-ls: POST with Content-Type application/json over a form body,
// data with markup and interpretAs, level=picky, LanguageTool rule ids it
// disables by default.
func TestClientLtexLs(t *testing.T) {
	r := testRouter(t, Options{})
	// Markdown as ltex-ls annotates it: «**» is markup with no
	// interpretation, a paragraph break is markup read as "\n\n".
	md := []([2]string){
		{"text", "Гусеву А.П."}, {"m:\n\n", "\n\n"},
		{"text", "На обращение от 28.10.2026 № ОГ-4188"}, {"m:\n\n", "\n\n"},
		{"text", "😀 Сообщаем, что "}, {"markup", "**"}, {"text", "в целях"}, {"markup", "**"},
		{"text", " проверки был направлен запрос."}, {"m:\n\n", "\n\n"},
		{"text", "Исп. Белова К.Д."},
	}
	sent := "Гусеву А.П.\n\nНа обращение от 28.10.2026 № ОГ-4188\n\n😀 Сообщаем, что **в целях** проверки был направлен запрос.\n\nИсп. Белова К.Д."
	body := form("language", "ru-RU", "data", annotated(md...), "level", "picky",
		"disabledRules", "MORFOLOGIK_RULE_RU_RU,WHITESPACE_RULE")
	w := do(t, r, http.MethodPost, "/v2/check", "application/json; charset=UTF-8", body)
	byRule := checkAnswer(t, w, sent)

	// The offset points into the Markdown the editor holds, past «**».
	m := firstAt(t, byRule, "jargon", sent, "в целях")
	o, n := offsetOf(m)
	assert.Equal(t, u16(sent, "в целях"), o)
	assert.Equal(t, 7, n)
	assert.Equal(t, "😀 Сообщаем, что в целях проверки был направлен запрос.", m["sentence"], "plain sentence, no markup")
	assert.Equal(t, []any{map[string]any{"value": "чтобы"}, map[string]any{"value": "для"}}, m["replacements"])

	// picky: the hint that the letter has no greeting (an info finding).
	require.NotEmpty(t, byRule["address"], "level=picky shows info-level findings")
	assert.Equal(t, "Hint", byRule["address"][0]["type"].(map[string]any)["typeName"])
	assert.NotEmpty(t, byRule["executor-phone"], "whole-letter checks run on a whole letter")
}

// The same request at the default level hides the info-level hint.
func TestLevelDefaultHidesHints(t *testing.T) {
	r := testRouter(t, Options{})
	text := "Гусеву А.П.\n\nНа обращение от 28.10.2026 № ОГ-4188\n\nСообщаем, что в целях проверки был направлен запрос."
	for _, tt := range []struct {
		level string
		want  bool
	}{{"", false}, {"default", false}, {"picky", true}, {"PICKY", true}} {
		t.Run("level="+tt.level, func(t *testing.T) {
			w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
				form("language", "ru-RU", "text", text, "level", tt.level))
			byRule := checkAnswer(t, w, text)
			assert.Equal(t, tt.want, len(byRule["address"]) > 0)
			assert.NotEmpty(t, byRule["jargon"], "warnings show at every level")
		})
	}
}

// VS Code «LanguageTool Linter»: a form POST with data (plain text as one
// annotation), language=auto by default, disabledCategories from its
// settings; it lists /v2/languages.
func TestClientVSCodeLinter(t *testing.T) {
	r := testRouter(t, Options{})
	data := annotated([2]string{"text", letter + "\n\nДом \"Теплосервис\" - проверен."})
	sent := letter + "\n\nДом \"Теплосервис\" - проверен."
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		form("language", "auto", "data", data, "disabledCategories", "typography"))
	byRule := checkAnswer(t, w, sent)
	assert.Empty(t, byRule["typography"], "disabledCategories=typography")
	m := firstAt(t, byRule, "jargon", sent, "в целях")
	o, _ := offsetOf(m)
	assert.Equal(t, u16(letter, "в целях"), o)
	assert.NotEmpty(t, byRule["vague"])

	// The same text without disabledCategories has the typography findings.
	w = do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		form("language", "auto", "data", data))
	assert.NotEmpty(t, checkAnswer(t, w, sent)["typography"])

	w = do(t, r, http.MethodGet, "/v2/languages", "", "")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	assert.JSONEq(t, `[{"name":"Russian","code":"ru","longCode":"ru-RU"}]`, w.Body.String())
}

// Obsidian LanguageTool plugins (Clemens-E's and its maintained fork by
// wrenger): data from remark with list markers read as «• »,
// language=auto with the preferred variants of its settings,
// enabledOnly=false, level=default, categories from its settings
// (LanguageTool's own ids, unknown to us, are ignored), username and apiKey.
func TestClientObsidian(t *testing.T) {
	r := testRouter(t, Options{})
	md := []([2]string){
		{"text", "Уважаемая Татьяна Викторовна!"}, {"m:\n\n", "\n\n"},
		{"m:- ", "• "}, {"text", "😀 в целях проверки направлен запрос;"}, {"m:\n", "\n"},
		{"m:- ", "• "}, {"text", "работы выполнят в ближайшее время."}, {"m:\n\n", "\n\n"},
		{"text", "Исп. Белова К.Д."},
	}
	sent := "Уважаемая Татьяна Викторовна!\n\n- 😀 в целях проверки направлен запрос;\n- работы выполнят в ближайшее время.\n\nИсп. Белова К.Д."
	body := form("data", annotated(md...), "language", "auto", "enabledOnly", "false", "level", "default",
		"enabledCategories", "TYPOS", "disabledCategories", "CASING,executor_name",
		"preferredVariants", "en-US,de-DE,pt-PT", "username", "clerk@example.ru", "apiKey", "k")
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", body)
	byRule := checkAnswer(t, w, sent)
	o, _ := offsetOf(firstAt(t, byRule, "jargon", sent, "в целях"))
	assert.Equal(t, u16(sent, "в целях"), o)
	o, _ = offsetOf(firstAt(t, byRule, "vague", sent, "в ближайшее время"))
	assert.Equal(t, u16(sent, "в ближайшее время"), o)
	assert.Empty(t, byRule["executor-name"], "«executor_name» disables the category executor-name")
	assert.NotEmpty(t, byRule["executor-phone"])
}

// The browser add-on: POST with no Content-Type, text, instance ids in the
// query and extra parameters we do not know.
func TestClientBrowserAddon(t *testing.T) {
	r := testRouter(t, Options{})
	body := form("text", letter, "language", "auto", "textSessionId", "17", "preferredLanguages", "ru,en",
		"preferredVariants", "en-US,de-DE", "motherTongue", "ru")
	w := do(t, r, http.MethodPost, "/v2/check?c=1&instanceId=abc", "", body)
	byRule := checkAnswer(t, w, letter)
	o, n := offsetOf(firstAt(t, byRule, "jargon", letter, "в целях"))
	assert.Equal(t, 58, o, "UTF-16: the emoji counts twice, Cyrillic once")
	assert.Equal(t, u16(letter, "в целях"), o)
	assert.Equal(t, 7, n)
}

// Emacs: langtool.el and flycheck-languagetool post a form with text,
// language, motherTongue and disabledRules.
func TestClientEmacs(t *testing.T) {
	r := testRouter(t, Options{})
	body := "language=ru-RU&motherTongue=en&text=" + url.QueryEscape(letter) + "&disabledRules=vague,HUNSPELL_RULE"
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", body)
	byRule := checkAnswer(t, w, letter)
	assert.Empty(t, byRule["vague"], "disabledRules=vague")
	firstAt(t, byRule, "jargon", letter, "в целях")
}

// LibreOffice sends one paragraph at a time, text and language, and
// username with apiKey when both are set. Whole-letter checks (outcome,
// executor) stay silent on a paragraph; the others run.
func TestClientLibreOfficeParagraph(t *testing.T) {
	r := testRouter(t, Options{})
	para := "😀 Сообщаем, что в целях проверки был направлен запрос."
	// LibreOffice percent-encodes everything outside RFC 3986's unreserved set.
	enc := strings.ReplaceAll(url.QueryEscape(para), "+", "%20")
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		"text="+enc+"&language=ru-RU&username=clerk&apiKey=k")
	byRule := checkAnswer(t, w, para)
	firstAt(t, byRule, "jargon", para, "в целях")
	for _, id := range []string{"outcome", "executor-name", "executor-phone"} {
		assert.Empty(t, byRule[id], id+" on one paragraph")
	}
	// A client that names them gets them even on a paragraph.
	w = do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		"text="+enc+"&language=ru-RU&enabledCategories=outcome")
	assert.NotEmpty(t, checkAnswer(t, w, para)["outcome"])
}

// gramma posts a form with api_key (its own spelling) and
// disabledCategories in LanguageTool's upper case.
func TestClientGramma(t *testing.T) {
	r := testRouter(t, Options{})
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
		form("api_key", "", "language", "ru-RU", "text", letter, "disabledCategories", "VAGUE"))
	byRule := checkAnswer(t, w, letter)
	assert.Empty(t, byRule["vague"], "categories in any case")
	firstAt(t, byRule, "jargon", letter, "в целях")
}

// GET with everything in the query; query parameters win over the body.
func TestCheckGetAndQueryOverBody(t *testing.T) {
	r := testRouter(t, Options{})
	w := do(t, r, http.MethodGet, "/v2/check?"+form("language", "ru", "text", letter), "", "")
	firstAt(t, checkAnswer(t, w, letter), "jargon", letter, "в целях")

	w = do(t, r, http.MethodPost, "/v2/check?language=ru-RU&disabledRules=jargon", "application/x-www-form-urlencoded",
		form("language", "en-US", "text", letter))
	byRule := checkAnswer(t, w, letter)
	assert.Empty(t, byRule["jargon"], "the query's disabledRules")
}

func TestRuleSelection(t *testing.T) {
	r := testRouter(t, Options{})
	tests := []struct {
		name       string
		params     []string
		want, none []string
	}{
		{"enabledOnly rules", []string{"enabledOnly", "true", "enabledRules", "jargon,vague"},
			[]string{"jargon", "vague"}, []string{"outcome", "executor-phone", "executor-name"}},
		{"enabledOnly category", []string{"enabledOnly", "yes", "enabledCategories", "Executor_Phone"},
			[]string{"executor-phone"}, []string{"jargon", "vague"}},
		{"enabledOnly with unknown ids only", []string{"enabledOnly", "true", "enabledRules", "UPPERCASE_SENTENCE_START"},
			nil, []string{"jargon", "vague", "outcome"}},
		{"rule beats its disabled category", []string{"disabledCategories", "jargon", "enabledRules", "jargon"},
			[]string{"jargon"}, nil},
		{"disabled rule", []string{"disabledRules", "JARGON"}, []string{"vague"}, []string{"jargon"}},
		{"textLevelOnly: whole-letter checks only", []string{"mode", "textLevelOnly"},
			[]string{"executor-phone"}, []string{"jargon", "vague"}},
		{"allButTextLevelOnly: the rest", []string{"mode", "allButTextLevelOnly"},
			[]string{"jargon", "vague"}, []string{"executor-phone", "outcome"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded",
				form(append([]string{"language", "ru-RU", "text", letter}, tt.params...)...))
			byRule := checkAnswer(t, w, letter)
			for _, id := range tt.want {
				assert.NotEmpty(t, byRule[id], id)
			}
			for _, id := range tt.none {
				assert.Empty(t, byRule[id], id)
			}
		})
	}
}

func TestProfileParameter(t *testing.T) {
	r := testRouter(t, Options{})
	// Jargon is a hint in a reply to an authority: gone at the default level.
	w := do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", letter, "profile", "official"))
	assert.Empty(t, checkAnswer(t, w, letter)["jargon"])
	w = do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", letter, "profile", "citizen"))
	assert.NotEmpty(t, checkAnswer(t, w, letter)["jargon"])
}

func TestEmptyAndBlankTexts(t *testing.T) {
	r := testRouter(t, Options{})
	for _, text := range []string{"", "   \n\n  ", "😀"} {
		w := do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru-RU", "text", text))
		byRule := checkAnswer(t, w, text)
		assert.Empty(t, byRule, "nothing to find in %q", text)
	}
	w := do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru-RU", "data", `{"annotation":[]}`))
	assert.Empty(t, checkAnswer(t, w, ""))
}

func TestPublicURLForRuleLinks(t *testing.T) {
	r := testRouter(t, Options{PublicURL: "https://yasno.example.ru/"})
	w := do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", "В целях проверки."))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), `"urls":[{"value":"https://yasno.example.ru/rules#jargon"}]`)

	r = testRouter(t, Options{})
	req := httptest.NewRequest(http.MethodPost, "/v2/check", strings.NewReader(form("language", "ru", "text", "В целях проверки.")))
	req.Host = "proxy.example.ru"
	req.Header.Set("X-Forwarded-Proto", "https")
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, req)
	assert.Contains(t, rec.Body.String(), `https://proxy.example.ru/rules#jargon`)
}

func TestSmallEndpoints(t *testing.T) {
	r := testRouter(t, Options{Version: "1.2.3", BuildDate: "2026-11-26 10:00:00 +0000", MaxTextLength: 5000})
	w := do(t, r, http.MethodGet, "/v2/healthcheck", "", "")
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "OK", w.Body.String())
	w = do(t, r, http.MethodGet, "/v2/maxtextlength", "", "")
	assert.Equal(t, "5000", w.Body.String())
	w = do(t, r, http.MethodGet, "/v2/info", "", "")
	assert.JSONEq(t, `{"software":{"name":"yasno","version":"1.2.3","buildDate":"2026-11-26 10:00:00 +0000","premium":false}}`, w.Body.String())
	w = do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", "В целях."))
	assert.Contains(t, w.Body.String(), `"version":"1.2.3","buildDate":"2026-11-26 10:00:00 +0000"`)
}

func TestDefaultOffRuleAndSpelling(t *testing.T) {
	r := testRouter(t, Options{})
	text := letter + " Превед."
	w := do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", text))
	byRule := checkAnswer(t, w, text)
	assert.Empty(t, byRule["readability"], "off by default")
	sp := firstAt(t, byRule, "spelling", text, "Превед")
	assert.Equal(t, "UnknownWord", sp["type"].(map[string]any)["typeName"])
	assert.Equal(t, "misspelling", sp["rule"].(map[string]any)["issueType"])
	assert.Equal(t, "Other", byRule["jargon"][0]["type"].(map[string]any)["typeName"])
	assert.Equal(t, "style", byRule["jargon"][0]["rule"].(map[string]any)["issueType"])
	assert.Equal(t, "omission", byRule["executor-phone"][0]["rule"].(map[string]any)["issueType"])
	assert.Equal(t, map[string]any{"id": "jargon", "name": "Канцелярит"}, byRule["jargon"][0]["rule"].(map[string]any)["category"])
	assert.Equal(t, "Описание правила jargon", byRule["jargon"][0]["shortMessage"])
	assert.Equal(t, "Канцелярит: «в целях» → «чтобы». (п. 2.5)", byRule["jargon"][0]["message"], "the clause follows")

	w = do(t, r, http.MethodPost, "/v2/check", "", form("language", "ru", "text", text, "enabledRules", "readability"))
	assert.NotEmpty(t, checkAnswer(t, w, text)["readability"], "enabledRules turns it on")
}

// The real rules through the same door: whatever they find comes back in
// LanguageTool's shape, warnings and errors at the default level.
func TestRealRules(t *testing.T) {
	real, err := rules.Default()
	require.NoError(t, err)
	r := mux.NewRouter()
	Mount(r, real, linter.Settings{}, Options{})
	b, err := os.ReadFile("../examples/bad-reply.txt")
	require.NoError(t, err)
	text := string(b)
	res, err := real.Check(linter.FromText("", text), linter.Settings{})
	require.NoError(t, err)
	want := map[string]int{}
	for _, f := range res.Findings {
		if f.Severity != linter.Info {
			want[f.Rule]++
		}
	}
	w := do(t, r, http.MethodPost, "/v2/check", "application/x-www-form-urlencoded", form("language", "ru-RU", "text", text))
	got := map[string]int{}
	for id, ms := range checkAnswer(t, w, text) {
		got[id] = len(ms)
	}
	assert.Equal(t, want, got)
	assert.NotEmpty(t, got, "the bad reply has findings")
}

// langtool.el speaks HTTP itself: one POST written by hand on a TCP
// stream, the write side closed, the answer read until the server closes;
// it accepts only «Content-Type: application/json», compared as a string.
func TestClientEmacsLangtoolOnTheWire(t *testing.T) {
	ts := httptest.NewServer(testRouter(t, Options{}))
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	// A bound against a hang, not a timing check.
	require.NoError(t, conn.SetDeadline(time.Now().Add(time.Minute)))
	data := "language=ru-RU&text=" + url.QueryEscape(letter) + "&motherTongue=en&disabledRules"
	_, err = fmt.Fprintf(conn, "POST /v2/check HTTP/1.1\r\nHost: %s\r\nContent-length: %d\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\n\r\n%s", addr, len(data), data)
	require.NoError(t, err)
	require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	raw, err := io.ReadAll(conn) // ends only when the server closes
	require.NoError(t, err)
	head, body, ok := strings.Cut(string(raw), "\r\n\r\n")
	require.True(t, ok)
	lines := strings.Split(head, "\r\n")
	assert.Equal(t, "HTTP/1.1 200 OK", lines[0])
	ct := ""
	for _, l := range lines[1:] {
		if k, v, _ := strings.Cut(l, ":"); strings.EqualFold(k, "content-type") {
			ct = strings.TrimSpace(v)
		}
	}
	assert.Equal(t, "application/json", ct)
	var top struct {
		Software struct{ Version string }
		Matches  []struct {
			Offset, Length int
			Rule           struct{ ID string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(body), &top))
	found := false
	for _, m := range top.Matches {
		if m.Rule.ID == "jargon" {
			found = true
			assert.Equal(t, "в целях", u16slice(letter, m.Offset, m.Length))
		}
	}
	assert.True(t, found)
}

func TestFragmentOrLetter(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		fragment bool
	}{
		{"one paragraph", "Сообщаем, что работы проведут.", true},
		{"a paragraph with a manual line break", "Исп. Белова К.Д.\nтел. 8 (8512) 44-18-20", true},
		{"blank lines only", "\n\n  \n", true},
		{"three lines, no blank ones", "Уважаемый Андрей Петрович!\nСообщаем, что работы проведут.\nИсп. Белова К.Д.", false},
		{"CR line ends", "а\rб\rв", false},
		{"a letter with paragraphs", letter, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.fragment, fragment(tt.text))
		})
	}
}

// TestChecksTakeTheServersSlot: with Options.Slot a /v2 check waits for
// a turn and ends it, once per checked text; blank text takes none.
func TestChecksTakeTheServersSlot(t *testing.T) {
	var taken, freed int
	slot := func() func() {
		taken++
		return func() { freed++ }
	}
	r := testRouter(t, Options{Slot: slot})
	form := "application/x-www-form-urlencoded"
	w := do(t, r, http.MethodPost, "/v2/check", form, "language=ru-RU&text="+url.QueryEscape("Данный вопрос решён."))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, 1, taken)
	assert.Equal(t, 1, freed)
	w = do(t, r, http.MethodPost, "/v2/check", form, "language=ru-RU&text="+url.QueryEscape("   "))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, 1, taken, "blank text took a turn")
}
