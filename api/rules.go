package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/yasno/yasno/linter"
)

// RuleInfo is a rule as the API and the rules page show it.
type RuleInfo struct {
	ID           string           `json:"id"`
	Category     linter.Category  `json:"category"`
	CategoryName string           `json:"categoryName"`
	Severity     linter.Severity  `json:"severity"`
	Description  string           `json:"description"`
	Explanation  string           `json:"explanation"`
	Clause       string           `json:"clause"`
	Examples     []linter.Example `json:"examples"`
	// Profiles is the rule's severity in each profile ("off": silent there).
	Profiles   map[linter.Profile]linter.Severity `json:"profiles"`
	DefaultOff bool                               `json:"defaultOff"`
	// URL is the rule's place on the rules page, for links from findings.
	URL string `json:"url"`
}

// Named is an id with its plain Russian name.
type Named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// RuleList is the answer of GET /api/v1/rules.
type RuleList struct {
	Rules      []RuleInfo `json:"rules"`
	Categories []Named    `json:"categories"`
	Profiles   []Named    `json:"profiles"`
}

// rulesIndex is built once: the registry never changes while serving.
type rulesIndex struct {
	list RuleList
	byID map[string]*RuleInfo
	json []byte // the list answer, encoded once
}

func newRulesIndex(reg *linter.Registry) (rulesIndex, error) {
	ix := rulesIndex{byID: map[string]*RuleInfo{}}
	ix.list.Rules = []RuleInfo{}
	for _, r := range reg.Rules() {
		ix.list.Rules = append(ix.list.Rules, ruleInfo(r.Meta()))
	}
	for i := range ix.list.Rules {
		ix.byID[ix.list.Rules[i].ID] = &ix.list.Rules[i]
	}
	for _, c := range linter.Categories {
		ix.list.Categories = append(ix.list.Categories, Named{string(c), linter.CategoryName(c)})
	}
	for _, p := range linter.Profiles {
		ix.list.Profiles = append(ix.list.Profiles, Named{string(p), linter.ProfileName(p)})
	}
	var err error
	ix.json, err = json.Marshal(ix.list)
	return ix, err
}

func ruleInfo(m *linter.Meta) RuleInfo {
	ri := RuleInfo{ID: m.ID, Category: m.Category, CategoryName: linter.CategoryName(m.Category),
		Severity: m.Severity, Description: m.Description, Explanation: m.Explanation, Clause: m.Clause,
		Examples: m.Examples, Profiles: map[linter.Profile]linter.Severity{}, DefaultOff: m.DefaultOff,
		URL: "/rules#" + m.ID}
	if ri.Examples == nil {
		ri.Examples = []linter.Example{}
	}
	for _, p := range linter.Profiles {
		ri.Profiles[p] = m.SeverityFor(p)
	}
	return ri
}

func (s *Server) listRules(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	_, _ = w.Write(s.rules.json)
}

func (s *Server) getRule(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	ri, ok := s.rules.byID[id]
	if !ok {
		WriteError(w, errorf(http.StatusNotFound, CodeNotFound,
			fmt.Sprintf("Правила %q нет. Список правил: /api/v1/rules.", clip(id, 60))))
		return
	}
	writeJSON(w, http.StatusOK, ri)
}
