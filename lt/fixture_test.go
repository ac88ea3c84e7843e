package lt

import (
	"strings"

	"github.com/yasno/yasno/linter"
)

// The contract tests run on fixed test rules, not on the real ones, which
// other engineers tune every day: the protocol is what is under test here.
// The real rules are exercised end to end by the gramma test.

// phraseRule flags a run of words (by their Norm, on tokens, so Markdown
// code is skipped as the real rules skip it).
type phraseRule struct {
	meta  *linter.Meta
	words []string
	msg   string
	sugg  []string
}

func (p phraseRule) Meta() *linter.Meta { return p.meta }

func (p phraseRule) Check(c *linter.Context) {
	toks := c.Doc.Tokens
	for i := range toks {
		j, k := i, 0
		for k < len(p.words) && j < len(toks) {
			t := &toks[j]
			if t.Kind == linter.Space && k > 0 {
				j++
				continue
			}
			if t.Norm != p.words[k] && c.Doc.TokenText(j) != p.words[k] {
				break
			}
			j, k = j+1, k+1
		}
		if k == len(p.words) {
			c.Report(toks[i].Start, toks[j-1].End, p.msg, p.sugg...)
		}
	}
}

// missingRule reports [the first sentence] when the text lacks a word: a
// stand-in for the whole-letter checks.
type missingRule struct {
	meta *linter.Meta
	word string
	msg  string
}

func (m missingRule) Meta() *linter.Meta { return m.meta }

func (m missingRule) Check(c *linter.Context) {
	for _, t := range c.Doc.Tokens {
		if t.Norm == m.word {
			return
		}
	}
	if n := len(c.Doc.Sentences); n > 0 {
		s := c.Doc.Sentences[n-1]
		c.Report(s.Start, s.End, m.msg)
	}
}

func meta(id string, cat linter.Category, sev linter.Severity) *linter.Meta {
	return &linter.Meta{ID: id, Category: cat, Severity: sev, Description: "Описание правила " + id,
		Explanation: "Объяснение правила " + id + ": почему и как исправить.", Clause: "п. 2.5"}
}

func fixtureRules() []linter.Rule {
	jargon := meta("jargon", linter.CatJargon, linter.Warning)
	jargon.Profiles = map[linter.Profile]linter.Severity{linter.Official: linter.Info}
	off := meta("readability", linter.CatReadability, linter.Warning)
	off.DefaultOff = true
	return []linter.Rule{
		phraseRule{jargon, []string{"в", "целях"}, "Канцелярит: «в целях» → «чтобы».", []string{"чтобы", "для"}},
		phraseRule{meta("vague", linter.CatVague, linter.Warning), []string{"в", "ближайшее", "время"},
			"«В ближайшее время» — не срок.", nil},
		phraseRule{meta("typography", linter.CatTypography, linter.Warning), []string{`"`}, "Прямая кавычка.", []string{"«"}},
		phraseRule{meta("spelling", linter.CatSpelling, linter.Warning), []string{"превед"}, "Опечатка.", []string{"привет"}},
		phraseRule{meta("address", linter.CatAddress, linter.Info), []string{"гусеву"}, "Нет обращения по имени.", nil},
		phraseRule{meta("executor-name", linter.CatExecutorName, linter.Warning), []string{"белова"}, "Инициалы вместо имени.", nil},
		phraseRule{off, []string{"запрос"}, "Выключено по умолчанию.", nil},
		missingRule{meta("outcome", linter.CatOutcome, linter.Error), "решен", "Непонятен итог."},
		missingRule{meta("executor-phone", linter.CatExecutorPhone, linter.Error), "тел", "Нет телефона."},
	}
}

// fixtureText is what tests compare against: the text with markup
// flattened the way the context shows it.
func flatten(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }
