// Package config reads an organisation's settings, yasno.yaml: extra
// dictionaries, allowed words, rule toggles and severities, thresholds and
// the default profile.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
)

// FileName is the name looked for in the working directory.
const FileName = "yasno.yaml"

// Config is the parsed file.
type Config struct {
	Profile      string              `yaml:"profile"`
	Enable       []string            `yaml:"enable"`
	Disable      []string            `yaml:"disable"`
	Severity     map[string]severity `yaml:"severity"`
	Sentence     sentence            `yaml:"sentence"`
	Allow        []string            `yaml:"allow"`
	Dictionaries map[string][]string `yaml:"dictionaries"`
	Spelling     spelling            `yaml:"spelling"`

	path  string
	lines map[string]int // where each rule name was written, for errors
	extra map[string][]rules.Source
}

type sentence struct {
	Warn  int `yaml:"warn"`
	Error int `yaml:"error"`
}

type spelling struct {
	Dictionary string   `yaml:"dictionary"`
	Words      []string `yaml:"words"`
}

type severity struct {
	linter.Severity
	line int
}

// UnmarshalYAML checks the value and keeps its line for later errors.
func (s *severity) UnmarshalYAML(n *yaml.Node) error {
	v, err := linter.ParseSeverity(n.Value)
	if err != nil {
		return fmt.Errorf("строка %d: %w", n.Line, err)
	}
	s.Severity, s.line = v, n.Line
	return nil
}

// Find returns the path of yasno.yaml in dir, or "" when there is none.
func Find(dir string) string {
	p := filepath.Join(dir, FileName)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// Load reads and checks a configuration file. Relative dictionary paths
// are taken from the file's folder.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("настройки %s: %w", path, errors.Unwrap(err))
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("настройки %s: %w", path, err)
	}
	c.path = path
	c.extra = map[string][]rules.Source{}
	for id, files := range c.Dictionaries {
		for _, f := range files {
			if !filepath.IsAbs(f) {
				f = filepath.Join(filepath.Dir(path), f)
			}
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("настройки %s: словарь для %s: %w", path, id, err)
			}
			c.extra[id] = append(c.extra[id], rules.Source{Name: f, Data: b})
		}
	}
	if c.Spelling.Dictionary != "" && !filepath.IsAbs(c.Spelling.Dictionary) {
		c.Spelling.Dictionary = filepath.Join(filepath.Dir(path), c.Spelling.Dictionary)
	}
	return c, nil
}

// Parse reads a configuration from bytes; unknown keys and bad values are
// errors that name the line.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, translate(err)
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	c.lines = keyLines(&root)
	if _, err := linter.ParseProfile(c.Profile); err != nil {
		return nil, fmt.Errorf("строка %d: %w", c.lines["profile"], err)
	}
	if c.Sentence.Warn < 0 || c.Sentence.Error < 0 {
		return nil, fmt.Errorf("строка %d: порог длины предложения не может быть отрицательным", c.lines["sentence"])
	}
	return c, nil
}

func translate(err error) error {
	msg := err.Error()
	if msg == "EOF" {
		return nil
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	msg = strings.ReplaceAll(msg, "line ", "строка ")
	msg = strings.ReplaceAll(msg, "not found in type config.Config", "— неизвестный ключ")
	return errors.New(msg)
}

// keyLines records the line of every key at the top level and one below.
func keyLines(root *yaml.Node) map[string]int {
	m := map[string]int{}
	if len(root.Content) == 0 {
		return m
	}
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		m[k.Value] = k.Line
		for j := 0; j < len(v.Content); j++ {
			if v.Content[j].Kind == yaml.ScalarNode {
				if _, seen := m[k.Value+"."+v.Content[j].Value]; !seen {
					m[k.Value+"."+v.Content[j].Value] = v.Content[j].Line
				}
			}
		}
	}
	return m
}

// Validate checks every rule name against the registry.
func (c *Config) Validate(reg *linter.Registry) error {
	check := func(key, name string) error {
		if err := reg.Resolve(name); err != nil {
			return fmt.Errorf("настройки %s: строка %d: %w", c.path, c.lines[key+"."+name], err)
		}
		return nil
	}
	for _, n := range c.Enable {
		if err := check("enable", n); err != nil {
			return err
		}
	}
	for _, n := range c.Disable {
		if err := check("disable", n); err != nil {
			return err
		}
	}
	for n := range c.Severity {
		if err := check("severity", n); err != nil {
			return err
		}
	}
	for n := range c.Dictionaries {
		if err := check("dictionaries", n); err != nil {
			return err
		}
	}
	return nil
}

// Settings are the check settings the file asks for.
func (c *Config) Settings() linter.Settings {
	if c == nil {
		return linter.Settings{}
	}
	p, _ := linter.ParseProfile(c.Profile)
	s := linter.Settings{Profile: p, Enable: c.Enable, Disable: c.Disable, Allow: c.Allow,
		MaxSentenceWords: c.Sentence.Warn, MaxSentenceWordsError: c.Sentence.Error}
	if len(c.Severity) > 0 {
		s.Severity = map[string]linter.Severity{}
		for k, v := range c.Severity {
			s.Severity[k] = v.Severity
		}
	}
	return s
}

// Env is what the rule constructors need from the file.
func (c *Config) Env(notice func(string)) *rules.Env {
	if c == nil {
		return &rules.Env{Notice: notice}
	}
	return &rules.Env{Extra: c.extra, SpellingDict: c.Spelling.Dictionary, SpellingWords: c.Spelling.Words, Notice: notice}
}

// Rules builds the rule registry for this configuration (nil: built-in).
func (c *Config) Rules(notice func(string)) (*linter.Registry, error) {
	if c == nil {
		if notice == nil {
			return rules.Default()
		}
		return rules.New(&rules.Env{Notice: notice})
	}
	reg, err := rules.New(c.Env(notice))
	if err != nil {
		return nil, err
	}
	if err := c.Validate(reg); err != nil {
		return nil, err
	}
	return reg, nil
}

// Merge lays per-run settings (flags, request fields) over the file's.
func Merge(base, over linter.Settings) linter.Settings {
	out := base
	if over.Profile != "" && over.Profile != linter.Auto {
		out.Profile = over.Profile
	}
	out.Enable = append(append([]string{}, base.Enable...), over.Enable...)
	out.Disable = append(append([]string{}, base.Disable...), over.Disable...)
	// A rule enabled now must not stay disabled by the file.
	if len(over.Enable) > 0 {
		keep := out.Disable[:0:0]
		for _, d := range out.Disable {
			if !contains(over.Enable, d) {
				keep = append(keep, d)
			}
		}
		out.Disable = keep
	}
	if over.MaxSentenceWords > 0 {
		out.MaxSentenceWords = over.MaxSentenceWords
	}
	if over.MaxSentenceWordsError > 0 {
		out.MaxSentenceWordsError = over.MaxSentenceWordsError
	}
	out.Allow = append(append([]string{}, base.Allow...), over.Allow...)
	if len(over.Severity) > 0 {
		m := map[string]linter.Severity{}
		for k, v := range base.Severity {
			m[k] = v
		}
		for k, v := range over.Severity {
			m[k] = v
		}
		out.Severity = m
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
