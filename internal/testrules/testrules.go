// Package testrules holds fixed stand-in rules for the protocol tests of
// the editor fronts (lt, lsp): the protocol is under test there, not the
// real rules, which change often.
package testrules

import "github.com/yasno/yasno/linter"

// Phrase flags a run of words (by their Norm, on tokens, so Markdown
// code is skipped as the real rules skip it).
type Phrase struct {
	M     *linter.Meta
	Words []string
	Msg   string
	Sugg  []string
}

func (p Phrase) Meta() *linter.Meta { return p.M }

func (p Phrase) Check(c *linter.Context) {
	toks := c.Doc.Tokens
	for i := range toks {
		j, k := i, 0
		for k < len(p.Words) && j < len(toks) {
			t := &toks[j]
			if t.Kind == linter.Space && k > 0 {
				j++
				continue
			}
			if c.Doc.Norm(t) != p.Words[k] && c.Doc.TokenText(j) != p.Words[k] {
				break
			}
			j, k = j+1, k+1
		}
		if k == len(p.Words) {
			c.Report(int(toks[i].Start), int(toks[j-1].End), p.Msg, p.Sugg...)
		}
	}
}

// Missing reports [the first sentence] when the text lacks a word: a
// stand-in for the whole-letter checks.
type Missing struct {
	M    *linter.Meta
	Word string
	Msg  string
}

func (m Missing) Meta() *linter.Meta { return m.M }

func (m Missing) Check(c *linter.Context) {
	for i := range c.Doc.Tokens {
		if c.Doc.Norm(&c.Doc.Tokens[i]) == m.Word {
			return
		}
	}
	if n := len(c.Doc.Sentences); n > 0 {
		s := c.Doc.Sentences[n-1]
		c.Report(s.Start, s.End, m.Msg)
	}
}

// Meta makes a rule description for a test rule.
func Meta(id string, cat linter.Category, sev linter.Severity) *linter.Meta {
	return &linter.Meta{ID: id, Category: cat, Severity: sev, Description: "Описание правила " + id,
		Explanation: "Объяснение правила " + id + ": почему и как исправить.", Clause: "п. 2.5"}
}

// Fixture is the rule set the contract tests run on.
func Fixture() []linter.Rule {
	jargon := Meta("jargon", linter.CatJargon, linter.Warning)
	jargon.Profiles = map[linter.Profile]linter.Severity{linter.Official: linter.Info}
	off := Meta("readability", linter.CatReadability, linter.Warning)
	off.DefaultOff = true
	return []linter.Rule{
		Phrase{jargon, []string{"в", "целях"}, "Канцелярит: «в целях» → «чтобы».", []string{"чтобы", "для"}},
		Phrase{Meta("vague", linter.CatVague, linter.Warning), []string{"в", "ближайшее", "время"},
			"«В ближайшее время» — не срок.", nil},
		Phrase{Meta("typography", linter.CatTypography, linter.Warning), []string{`"`}, "Прямая кавычка.", []string{"«"}},
		Phrase{Meta("spelling", linter.CatSpelling, linter.Warning), []string{"превед"}, "Опечатка.", []string{"привет"}},
		Phrase{Meta("address", linter.CatAddress, linter.Info), []string{"гусеву"}, "Нет обращения по имени.", nil},
		Phrase{Meta("executor-name", linter.CatExecutorName, linter.Warning), []string{"белова"}, "Инициалы вместо имени.", nil},
		Phrase{off, []string{"запрос"}, "Выключено по умолчанию.", nil},
		Missing{Meta("outcome", linter.CatOutcome, linter.Error), "решен", "Непонятен итог."},
		Missing{Meta("executor-phone", linter.CatExecutorPhone, linter.Error), "тел", "Нет телефона."},
	}
}
