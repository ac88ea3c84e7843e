package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/linter"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{name: "empty file", yaml: ""},
		{name: "full", yaml: "profile: official\nenable: [spelling]\ndisable: [address]\nseverity:\n  jargon: info\nsentence:\n  warn: 20\n  error: 30\nallow: [мониторинг]\n"},
		{name: "unknown key names its line", yaml: "profile: citizen\nprofil: official\n", wantErr: "строка 2"},
		{name: "bad severity names its line", yaml: "severity:\n  jargon: loud\n", wantErr: "строка 2"},
		{name: "bad profile", yaml: "\nprofile: people\n", wantErr: "строка 2"},
		{name: "negative threshold", yaml: "sentence:\n  warn: -1\n", wantErr: "отрицательным"},
		{name: "not yaml", yaml: "profile: [\n", wantErr: "строка"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml))
			if c.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.wantErr)
		})
	}
}

func TestSettingsAndMerge(t *testing.T) {
	c, err := Parse([]byte("profile: official\nenable: [spelling]\ndisable: [address, jargon]\nseverity:\n  foreign: info\nsentence:\n  warn: 20\nallow: [МКД]\n"))
	require.NoError(t, err)
	s := c.Settings()
	assert.Equal(t, linter.Official, s.Profile)
	assert.Equal(t, 20, s.MaxSentenceWords)
	assert.Equal(t, linter.Info, s.Severity["foreign"])

	m := Merge(s, linter.Settings{Profile: linter.Auto, Enable: []string{"jargon"}, MaxSentenceWords: 30})
	assert.Equal(t, linter.Official, m.Profile, "auto on the command line keeps the file's profile")
	assert.Equal(t, 30, m.MaxSentenceWords)
	assert.Equal(t, []string{"address"}, m.Disable, "enabling a rule now overrides the file's disable")
	assert.Contains(t, m.Enable, "spelling")
	assert.Equal(t, []string{"МКД"}, m.Allow)
}

func TestLoadValidatesRulesAndReadsDictionaries(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	write("org.tsv", "силами подрядчика\tподрядчик\tштамп отчётов\tсоставлено вручную\n")
	p := write("yasno.yaml", "dictionaries:\n  jargon: [org.tsv]\n")
	c, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, p, Find(dir))
	reg, err := c.Rules(nil)
	require.NoError(t, err)
	res, err := reg.Check(linter.FromText("t.txt", "Крышу отремонтируют силами подрядчика."), linter.Settings{Enable: []string{"jargon"}})
	require.NoError(t, err)
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "jargon" {
			got = append(got, f.Text)
		}
	}
	assert.Equal(t, []string{"силами подрядчика"}, got, "the organisation's own entry is used")

	bad := write("bad.yaml", "disable:\n  - no-such-rule\n")
	c, err = Load(bad)
	require.NoError(t, err)
	_, err = c.Rules(nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "строка 2")
	assert.Contains(t, err.Error(), "no-such-rule")

	_, err = Load(write("missing-dict.yaml", "dictionaries:\n  jargon: [nope.tsv]\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "словарь для jargon")

	_, err = Load(filepath.Join(dir, "absent.yaml"))
	require.Error(t, err)
	assert.Equal(t, "", Find(t.TempDir()))
}

func TestNilConfig(t *testing.T) {
	var c *Config
	assert.Equal(t, linter.Settings{}, c.Settings())
	reg, err := c.Rules(nil)
	require.NoError(t, err)
	assert.NotEmpty(t, reg.Rules())
}
