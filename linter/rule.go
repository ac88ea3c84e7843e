package linter

import (
	"fmt"
	"sort"
	"strings"
)

// Severity tells how bad a finding is.
type Severity string

// Severities, most severe first. Off disables a rule in settings.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
	Off     Severity = "off"
)

// Rank orders severities: error 3, warning 2, info 1, others 0.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// ParseSeverity checks a user-given severity.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case Error, Warning, Info, Off:
		return Severity(s), nil
	}
	return "", fmt.Errorf("неизвестная важность %q: возможны error, warning, info, off", s)
}

// Category is the fixed vocabulary of finding kinds shared by every front.
type Category string

// Categories. Do not rename: editors, gates and reports key on them.
const (
	CatJargon         Category = "jargon"
	CatForeign        Category = "foreign"
	CatMixedScript    Category = "mixed-script"
	CatAbbreviation   Category = "abbreviation"
	CatVague          Category = "vague"
	CatOutcome        Category = "outcome"
	CatExecutorName   Category = "executor-name"
	CatExecutorPhone  Category = "executor-phone"
	CatSentenceLength Category = "sentence-length"
	CatTypography     Category = "typography"
	CatAddress        Category = "address"
	CatSpelling       Category = "spelling"
	CatPersonalData   Category = "personal-data"
	CatReadability    Category = "readability"
)

// Categories lists every category in a stable order.
var Categories = []Category{CatJargon, CatForeign, CatMixedScript, CatAbbreviation, CatVague, CatOutcome,
	CatExecutorName, CatExecutorPhone, CatSentenceLength, CatTypography, CatAddress, CatSpelling,
	CatPersonalData, CatReadability}

// CategoryName is the plain Russian name of a category, for people.
func CategoryName(c Category) string {
	switch c {
	case CatJargon:
		return "Канцелярит"
	case CatForeign:
		return "Иностранные слова"
	case CatMixedScript:
		return "Смесь алфавитов"
	case CatAbbreviation:
		return "Сокращения"
	case CatVague:
		return "Размытые обещания"
	case CatOutcome:
		return "Итог рассмотрения"
	case CatExecutorName:
		return "ФИО исполнителя"
	case CatExecutorPhone:
		return "Телефон исполнителя"
	case CatSentenceLength:
		return "Длинные предложения"
	case CatTypography:
		return "Типографика"
	case CatAddress:
		return "Обращение к адресату"
	case CatSpelling:
		return "Орфография"
	case CatPersonalData:
		return "Персональные данные"
	case CatReadability:
		return "Понятность"
	}
	return string(c)
}

// Profile is the kind of reply; it changes severities and thresholds.
type Profile string

// Profiles. Auto picks official for a reply to an authority or company
// (by the addressee in the header) and citizen otherwise.
const (
	Citizen  Profile = "citizen"  // reply to a person's appeal (default)
	Official Profile = "official" // reply to a request from an authority or company
	Public   Profile = "public"   // reply published in a social network
	Auto     Profile = "auto"
)

// Profiles lists the profiles a user may choose.
var Profiles = []Profile{Citizen, Official, Public}

// ParseProfile checks a user-given profile; "" means Auto.
func ParseProfile(s string) (Profile, error) {
	switch Profile(s) {
	case "", Auto:
		return Auto, nil
	case Citizen, Official, Public:
		return Profile(s), nil
	}
	return "", fmt.Errorf("неизвестный профиль %q: возможны citizen, official, public, auto", s)
}

// ProfileName is the plain Russian name of a profile.
func ProfileName(p Profile) string {
	switch p {
	case Citizen:
		return "ответ на обращение гражданина"
	case Official:
		return "ответ на запрос органа или организации"
	case Public:
		return "публичный ответ в социальной сети"
	}
	return "определить по тексту"
}

// Example is a pair used by `yasno explain`, the rules page and the rule's
// own tests: Bad must fire, Good must stay silent.
type Example struct {
	Bad  string `json:"bad"`
	Good string `json:"good"`
}

// Meta describes a rule.
type Meta struct {
	ID          string    `json:"id"`
	Category    Category  `json:"category"`
	Severity    Severity  `json:"severity"`
	Description string    `json:"description"` // one line
	Explanation string    `json:"explanation"` // plain Russian, why and how to fix
	Clause      string    `json:"clause"`      // clause of the regulation, «п. 2.5»
	Examples    []Example `json:"examples,omitempty"`
	// Profiles overrides Severity per profile; Off switches the rule off.
	Profiles map[Profile]Severity `json:"profiles,omitempty"`
	// DefaultOff rules run only when enabled (by flag or configuration).
	DefaultOff bool `json:"defaultOff,omitempty"`
}

// SeverityFor returns the rule's default severity in a profile.
func (m *Meta) SeverityFor(p Profile) Severity {
	if s, ok := m.Profiles[p]; ok {
		return s
	}
	return m.Severity
}

// Rule checks a document and reports findings through the context.
type Rule interface {
	Meta() *Meta
	Check(c *Context)
}

// Registry is an ordered set of rules.
type Registry struct {
	rules []Rule
	byID  map[string]Rule
}

// NewRegistry builds a registry; rule ids must be unique.
func NewRegistry(rules ...Rule) (*Registry, error) {
	r := &Registry{byID: map[string]Rule{}}
	for _, rule := range rules {
		id := rule.Meta().ID
		if _, dup := r.byID[id]; dup {
			return nil, fmt.Errorf("правило %s зарегистрировано дважды", id)
		}
		r.byID[id] = rule
		r.rules = append(r.rules, rule)
	}
	sort.SliceStable(r.rules, func(i, j int) bool { return r.rules[i].Meta().ID < r.rules[j].Meta().ID })
	return r, nil
}

// Rules returns the rules sorted by id.
func (r *Registry) Rules() []Rule { return r.rules }

// Rule finds a rule by id.
func (r *Registry) Rule(id string) (Rule, bool) {
	rule, ok := r.byID[id]
	return rule, ok
}

// Resolve checks a rule id or category name given by a user.
func (r *Registry) Resolve(name string) error {
	if _, ok := r.byID[name]; ok {
		return nil
	}
	for _, c := range Categories {
		if string(c) == name {
			return nil
		}
	}
	ids := make([]string, 0, len(r.rules))
	for _, rule := range r.rules {
		ids = append(ids, rule.Meta().ID)
	}
	return fmt.Errorf("неизвестное правило или категория %q; правила: %s", name, strings.Join(ids, ", "))
}
