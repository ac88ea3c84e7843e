// Package lt speaks the LanguageTool HTTP API (v2) on top of yasno's rules,
// so that editors which already talk to a LanguageTool server — LibreOffice
// Writer, the VS Code and Obsidian plugins, ltex-ls, Emacs, gramma — show
// yasno's findings with no plugin of ours. Only the server's URL changes.
//
// The behaviour follows the LanguageTool server itself: parameters are
// URL-encoded in the body whatever the Content-Type says, query parameters
// win over body ones, offsets are UTF-16 code units into the text the
// client sent (markup included), errors are plain text «Error: …» with the
// same statuses.
package lt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/yasno/yasno/config"
	"github.com/yasno/yasno/linter"
)

// Defaults of Options.
const (
	DefaultMaxBody       = 1 << 20
	DefaultMaxTextLength = 100_000 // UTF-16 units: four long replies
)

// Options configure the /v2 routes. The zero value works.
type Options struct {
	// PublicURL is the server's address as clients see it
	// (https://yasno.example.ru); rule links are built on it. Empty: from
	// the request's Host.
	PublicURL string
	// MaxBody caps a request body in bytes (0: DefaultMaxBody).
	MaxBody int64
	// MaxTextLength caps the text in UTF-16 units, as LanguageTool counts
	// (0: DefaultMaxTextLength).
	MaxTextLength int
	// Version and BuildDate fill software in the answer.
	Version, BuildDate string
	// Slot, when set, waits for a turn to check and returns the function
	// that ends it (api.Server.Slot): /v2 checks then queue with the
	// server's own.
	Slot func() (release func())
}

// Russian is the one language yasno checks.
var russian = langEntry{Name: "Russian", Code: "ru", LongCode: "ru-RU"}

type handler struct {
	reg  *linter.Registry
	base linter.Settings
	o    Options
	// rules and categories by the names clients may send: any case, «_»
	// for «-».
	rules map[string]*linter.Meta
	cats  map[string]linter.Category
}

// Mount adds the LanguageTool routes under /v2/ to r: check, languages,
// healthcheck, info and maxtextlength; other /v2/ paths answer 404.
func Mount(r *mux.Router, reg *linter.Registry, base linter.Settings, o Options) {
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxTextLength <= 0 {
		o.MaxTextLength = DefaultMaxTextLength
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.BuildDate == "" {
		o.BuildDate = buildDate()
	}
	o.PublicURL = strings.TrimRight(o.PublicURL, "/")
	h := &handler{reg: reg, base: base, o: o, rules: map[string]*linter.Meta{}, cats: map[string]linter.Category{}}
	for _, rl := range reg.Rules() {
		m := rl.Meta()
		h.rules[normName(m.ID)] = m
	}
	for _, c := range linter.Categories {
		h.cats[normName(string(c))] = c
	}
	r.HandleFunc("/v2/check", h.check)
	r.HandleFunc("/v2/languages", h.languages)
	r.HandleFunc("/v2/healthcheck", h.health)
	r.HandleFunc("/v2/info", h.info)
	r.HandleFunc("/v2/maxtextlength", h.maxTextLength)
	r.PathPrefix("/v2/").HandlerFunc(h.notFound)
	r.Path("/v2").HandlerFunc(h.notFound)
}

// buildDate is the commit time of the binary, in LanguageTool's format.
func buildDate() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.time" {
				return strings.Replace(strings.Replace(s.Value, "T", " ", 1), "Z", " +0000", 1)
			}
		}
	}
	return ""
}

func normName(s string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
}

// fail answers LanguageTool's way: plain text «Error: …». The English
// sentence comes first, as LanguageTool writes it (clients match on it);
// the Russian one is for the clerk who sees it in the editor.
func fail(w http.ResponseWriter, status int, en, ru string) {
	if !strings.HasSuffix(en, ".") {
		en += "."
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, "Error: "+en+" "+ru+"\n")
}

// writeJSON answers with Content-Type exactly application/json: one
// client rejects a charset parameter.
func writeJSON(w http.ResponseWriter, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fail(w, http.StatusInternalServerError, "Internal Error", "Внутренняя ошибка сервера. Попробуйте ещё раз.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.Bytes())
}

func writeText(w http.ResponseWriter, s string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain")
	h.Set("Cache-Control", "no-store")
	_, _ = io.WriteString(w, s)
}

func (h *handler) languages(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, []langEntry{russian})
}

func (h *handler) health(w http.ResponseWriter, _ *http.Request) { writeText(w, "OK") }

func (h *handler) maxTextLength(w http.ResponseWriter, _ *http.Request) {
	writeText(w, strconv.Itoa(h.o.MaxTextLength))
}

func (h *handler) info(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]any{"software": map[string]any{"name": "yasno", "version": h.o.Version,
		"buildDate": h.o.BuildDate, "premium": false}})
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	action := clip(strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/v2"), "/"), 60)
	fail(w, http.StatusNotFound,
		fmt.Sprintf("Unsupported action: '%s'. Supported: check, languages, healthcheck, info, maxtextlength", action),
		"Такого адреса нет: для проверки текста используйте /v2/check.")
}

// params reads the request's parameters: the body of a POST as a form
// whatever its Content-Type (ltex-ls sends application/json over a form
// body, the browser add-on no type at all), then the query over it.
func (h *handler) params(w http.ResponseWriter, r *http.Request) (map[string]string, bool) {
	p := map[string]string{}
	if r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.o.MaxBody))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				fail(w, http.StatusRequestEntityTooLarge,
					fmt.Sprintf("Your request exceeds the limit of %d bytes. Please submit a shorter text", h.o.MaxBody),
					"Текст слишком большой: проверьте ответ по частям.")
			} else {
				fail(w, http.StatusBadRequest, "Could not read the request body", "Не удалось прочитать запрос.")
			}
			return nil, false
		}
		if err := parseForm(string(body), p); err != nil {
			fail(w, http.StatusBadRequest, "Could not decode the URL-encoded parameters in the request body",
				"Параметры запроса закодированы неправильно.")
			return nil, false
		}
	}
	if err := parseForm(r.URL.RawQuery, p); err != nil {
		fail(w, http.StatusBadRequest, "Could not decode the URL-encoded parameters of the request",
			"Параметры запроса закодированы неправильно.")
		return nil, false
	}
	return p, true
}

// check answers POST and GET /v2/check.
func (h *handler) check(w http.ResponseWriter, r *http.Request) {
	p, ok := h.params(w, r)
	if !ok {
		return
	}
	// The order of the checks is LanguageTool's: the text first, then the
	// language, the old parameter names, the length, the rule choice.
	text, hasText := p["text"]
	data, hasData := p["data"]
	var in *input
	switch {
	case hasText && hasData:
		fail(w, http.StatusBadRequest, "Set only 'text' or 'data' parameter, not both",
			"Передайте текст одним параметром: text или data.")
		return
	case hasText:
		in = plainInput(text)
	case hasData:
		var err error
		if in, err = parseData(data); err != nil {
			var de *dataError
			if !errors.As(err, &de) {
				de = &dataError{err.Error(), "ошибка разбора"}
			}
			fail(w, http.StatusBadRequest, de.en, "Неправильный параметр data: "+de.ru+".")
			return
		}
	default:
		fail(w, http.StatusBadRequest, "Missing 'text' or 'data' parameter",
			"Не передан текст для проверки: параметр text или data.")
		return
	}
	lang := strings.TrimSpace(p["language"])
	if lang == "" {
		fail(w, http.StatusBadRequest,
			"Missing 'language' parameter, e.g. 'language=en-US' for American English or 'language=fr' for French",
			"Укажите язык: language=ru-RU.")
		return
	}
	for _, old := range [][2]string{{"enabled", "You specified 'enabled' but the parameter is now called 'enabledRules' in v2 of the API"},
		{"disabled", "You specified 'disabled' but the parameter is now called 'disabledRules' in v2 of the API"},
		{"preferredvariants", "You specified 'preferredvariants' but the parameter is now called 'preferredVariants' (uppercase 'V') in v2 of the API"},
		{"autodetect", "You specified 'autodetect' but automatic language detection is now activated with 'language=auto' in v2 of the API"}} {
		if _, ok := p[old[0]]; ok {
			fail(w, http.StatusBadRequest, old[1], "Параметр "+old[0]+" устарел.")
			return
		}
	}
	if n := utf16Len(in.plain); n > h.o.MaxTextLength {
		fail(w, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Your text exceeds the limit of %d characters (it's %d characters). Please submit a shorter text", h.o.MaxTextLength, n),
			"Текст слишком большой: проверьте ответ по частям.")
		return
	}
	auto := strings.EqualFold(lang, "auto")
	if !auto && !strings.EqualFold(lang, "ru") && !strings.EqualFold(lang, "ru-RU") {
		fail(w, http.StatusBadRequest,
			fmt.Sprintf("'%s' is not a language code known to LanguageTool. Supported language codes are: ru, ru-RU", clip(lang, 40)),
			"yasno проверяет только русский язык: укажите language=ru-RU или auto.")
		return
	}
	if pv, ok := p["preferredVariants"]; ok {
		if !auto {
			fail(w, http.StatusBadRequest, "You specified 'preferredVariants' but you didn't specify 'language=auto'",
				"preferredVariants имеет смысл только вместе с language=auto.")
			return
		}
		for _, v := range strings.Split(pv, ",") {
			if v = strings.TrimSpace(v); v != "" && !strings.Contains(v, "-") {
				fail(w, http.StatusBadRequest,
					fmt.Sprintf("Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '%s'", clip(v, 40)),
					"Варианты языка пишутся через дефис: ru-RU.")
				return
			}
		}
	}
	sel := selection{
		enabledRules:  list(p["enabledRules"]),
		disabledRules: list(p["disabledRules"]),
		enabledCats:   list(p["enabledCategories"]),
		disabledCats:  list(p["disabledCategories"]),
		enabledOnly:   p["enabledOnly"] == "true" || p["enabledOnly"] == "yes",
		mode:          p["mode"],
	}
	if sel.enabledOnly && (len(sel.disabledRules) > 0 || len(sel.disabledCats) > 0) {
		fail(w, http.StatusBadRequest, "You cannot specify disabled rules or categories using enabledOnly=true",
			"С enabledOnly=true нельзя выключать правила.")
		return
	}
	if sel.enabledOnly && len(sel.enabledRules) == 0 && len(sel.enabledCats) == 0 {
		fail(w, http.StatusBadRequest, "You must specify enabled rules or categories when using enabledOnly=true",
			"С enabledOnly=true укажите, какие правила включить.")
		return
	}
	picky := false
	switch strings.ToLower(strings.TrimSpace(p["level"])) {
	case "", "default":
	case "picky":
		picky = true
	default:
		fail(w, http.StatusBadRequest, "Unknown 'level': use 'default' or 'picky'",
			"Уровень проверки (level) — default или picky.")
		return
	}
	profile, err := linter.ParseProfile(p["profile"])
	if err != nil {
		fail(w, http.StatusBadRequest, "Unknown 'profile': use citizen, official, public or auto",
			"Профиль (profile) — citizen, official, public или auto.")
		return
	}
	// language=auto answers Russian all the same: it is the only language.
	h.respond(w, r, in, sel, picky, profile)
}

// run reads and checks text, taking a turn in the server's queue when
// there is one (Options.Slot). Blank text is not checked.
func (h *handler) run(text string, s linter.Settings) (*linter.Document, *linter.Result, error) {
	if strings.TrimSpace(text) == "" {
		return linter.FromText("", text), &linter.Result{}, nil
	}
	if h.o.Slot != nil {
		defer h.o.Slot()()
	}
	doc := linter.FromText("", text)
	res, err := h.reg.Check(doc, s)
	return doc, res, err
}

func (h *handler) respond(w http.ResponseWriter, r *http.Request, in *input, sel selection, picky bool,
	profile linter.Profile) {
	over := h.choose(sel, fragment(in.plain))
	over.Profile = profile
	doc, res, err := h.run(in.plain, config.Merge(h.base, over))
	if err != nil {
		// Names are resolved before: only a broken configuration lands here.
		fail(w, http.StatusInternalServerError, "Internal Error: the server's rule settings are invalid",
			"Настройки проверки на сервере неправильные. Сообщите администратору.")
		return
	}
	base := h.o.PublicURL
	if base == "" {
		base = requestBase(r)
	}
	resp := response{
		Software: software{Name: "yasno", Version: h.o.Version, BuildDate: h.o.BuildDate, APIVersion: 1},
		Language: language{Name: russian.Name, Code: russian.LongCode,
			DetectedLanguage: detected{Name: russian.Name, Code: russian.LongCode, Confidence: confidence(in.plain)}},
		Matches:        []match{},
		SentenceRanges: [][2]int{},
	}
	offs := make([]int, 0, 2*len(doc.Sentences))
	for _, s := range doc.Sentences {
		offs = append(offs, s.Start, s.End)
	}
	u16 := u16Offsets(doc.Text, offs)
	for _, s := range doc.Sentences {
		resp.SentenceRanges = append(resp.SentenceRanges, [2]int{in.toOrig(u16[s.Start], false), in.toOrig(u16[s.End], true)})
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Severity == linter.Info && !picky {
			continue
		}
		resp.Matches = append(resp.Matches, h.match(in, doc, f, base))
	}
	writeJSON(w, resp)
}

// match turns a finding into a LanguageTool match.
func (h *handler) match(in *input, doc *linter.Document, f *linter.Finding, base string) match {
	from, to := in.toOrig(f.StartChar, false), in.toOrig(f.EndChar, true)
	if to < from {
		to = from
	}
	m := h.rules[normName(f.Rule)]
	desc := f.Rule
	if m != nil {
		desc = m.Description
	}
	msg := f.Message
	if f.Clause != "" {
		msg += " (" + f.Clause + ")"
	}
	reps := make([]replacement, 0, len(f.Suggestions))
	for _, s := range f.Suggestions {
		reps = append(reps, replacement{Value: s})
	}
	return match{
		Message:      msg,
		ShortMessage: desc,
		Replacements: reps,
		Offset:       from,
		Length:       to - from,
		Context:      contextAround(in.orig, from, to),
		Sentence:     sentenceOf(doc, f.Start.Offset),
		Type:         matchType{TypeName: typeName(f)},
		Rule: rule{ID: f.Rule, Description: desc, IssueType: issueType(f.Category),
			URLs:     []ruleURL{{Value: base + "/rules#" + f.Rule}},
			Category: ruleCategory{ID: string(f.Category), Name: linter.CategoryName(f.Category)}},
	}
}

// fragment tells a piece of a letter from a whole one: LibreOffice sends
// one paragraph at a time, editors the whole file. A letter has at least a
// greeting, a body and the executor's line; a paragraph rarely has three
// lines.
func fragment(text string) bool {
	lines := 0
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if strings.TrimSpace(l) != "" {
			if lines++; lines >= 3 {
				return false
			}
		}
	}
	return true
}

// requestBase is scheme://host of the request, for rule links.
func requestBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "127.0.0.1"
	}
	return scheme + "://" + host
}

// confidence is the share of Cyrillic among the letters of the first
// 40 KB: what a language detector would be sure of.
func confidence(s string) float64 {
	cyr, all := 0, 0
	for i, r := range s {
		if i > 40_000 {
			break
		}
		if unicode.IsLetter(r) {
			all++
			if unicode.Is(unicode.Cyrillic, r) {
				cyr++
			}
		}
	}
	if all == 0 {
		return 0
	}
	return math.Round(float64(cyr)/float64(all)*100) / 100
}

// list splits a comma list, dropping blanks.
func list(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// u16Offsets maps byte offsets of text to UTF-16 offsets in one pass.
func u16Offsets(text string, offs []int) map[int]int {
	sorted := append([]int(nil), offs...)
	sort.Ints(sorted)
	m := make(map[int]int, len(sorted))
	pos, units := 0, 0
	for _, off := range sorted {
		off = max(0, min(off, len(text)))
		for pos < off {
			r, n := utf8.DecodeRuneInString(text[pos:])
			if r >= 0x10000 {
				units += 2
			} else {
				units++
			}
			pos += n
		}
		m[off] = units
	}
	return m
}
