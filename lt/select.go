package lt

import "github.com/yasno/yasno/linter"

// selection is a request's choice of rules in LanguageTool's terms. Names
// are yasno's rule ids and categories, in any case, with «_» or «-»; names
// yasno does not know (LanguageTool's own rule ids) are ignored, as
// LanguageTool ignores unknown ids.
type selection struct {
	enabledRules, disabledRules []string
	enabledCats, disabledCats   []string
	enabledOnly                 bool
	// mode is LanguageTool's split of one check into two requests:
	// textLevelOnly runs only the whole-letter checks, allButTextLevelOnly
	// all the others, so a client that merges the two sees no duplicates.
	mode string
}

// letterCategories are checks of the whole letter: whether it says how the
// appeal ended and who prepared it. They make no sense on one paragraph,
// which is what LibreOffice sends, so they run only on texts of three
// non-empty lines or more, or when the client names them.
var letterCategories = map[linter.Category]bool{
	linter.CatOutcome: true, linter.CatExecutorName: true, linter.CatExecutorPhone: true,
}

// choose turns a selection into settings laid over the organisation's:
//   - enabledOnly: exactly the named rules and categories run;
//   - otherwise the default rules run, less the disabled rules and
//     categories, plus the enabled ones (rules that are off by default
//     too); a rule named in enabledRules runs even if its category is
//     disabled.
func (h *handler) choose(sel selection, fragment bool) linter.Settings {
	has := func(names []string, id string) bool {
		for _, n := range names {
			if normName(n) == normName(id) {
				return true
			}
		}
		return false
	}
	var s linter.Settings
	for _, rl := range h.reg.Rules() {
		m := rl.Meta()
		cat := string(m.Category)
		namedRule := has(sel.enabledRules, m.ID)
		namedOn := namedRule || has(sel.enabledCats, cat)
		namedOff := has(sel.disabledRules, m.ID) || has(sel.disabledCats, cat)
		on := false
		letter := letterCategories[m.Category]
		switch {
		case sel.mode == "textLevelOnly" && !letter, sel.mode == "allButTextLevelOnly" && letter:
			on = false
		case sel.enabledOnly:
			on = namedOn
		case namedRule:
			on = true
		case namedOff:
			on = false
		case namedOn:
			on = true
		case fragment && letter:
			on = false
		default:
			continue // as the organisation's settings say
		}
		if on {
			s.Enable = append(s.Enable, m.ID)
		} else {
			s.Disable = append(s.Disable, m.ID)
		}
	}
	return s
}
