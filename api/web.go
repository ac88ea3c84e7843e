package api

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/yasno/yasno/linter"
)

// The page is plain HTML, CSS and JS embedded in the binary: no build step,
// no CDN, it works on a machine without internet.
//
//go:embed web/index.html web/rules.html web/static
var webFS embed.FS

//go:embed openapi.yaml
var openAPISpec []byte

// pageCSP allows only the server's own scripts, styles and API.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// asset is an embedded file ready to serve with a strong ETag.
type asset struct {
	name, ctype, etag string
	data              []byte
}

func newAsset(name string, data []byte) *asset {
	sum := sha256.Sum256(data)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	return &asset{name: name, ctype: ct, data: data, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
}

func (a *asset) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.data))
}

// pages holds the page, the rules page (rendered once: rules do not change
// while serving) and the static files.
type pages struct {
	home, rulesPage, spec *asset
	files                 map[string]*asset
}

func newPages(ix rulesIndex) (*pages, error) {
	p := &pages{files: map[string]*asset{}}
	var buf bytes.Buffer
	if err := indexTmpl.Execute(&buf, pageMeta(ix)); err != nil {
		return nil, err
	}
	p.home = newAsset("index.html", bytes.Clone(buf.Bytes()))
	buf.Reset()
	if err := rulesTmpl.Execute(&buf, rulesView(ix)); err != nil {
		return nil, err
	}
	p.rulesPage = newAsset("rules.html", buf.Bytes())
	p.spec = newAsset("openapi.yaml", openAPISpec)
	p.spec.ctype = "application/yaml"
	err := fs.WalkDir(webFS, "web/static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := webFS.ReadFile(name)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(name, "web/static/")
		p.files[rel] = newAsset(rel, b)
		return nil
	})
	return p, err
}

func (p *pages) index(w http.ResponseWriter, r *http.Request) { p.page(w, r, p.home) }

func (p *pages) rules(w http.ResponseWriter, r *http.Request) { p.page(w, r, p.rulesPage) }

func (p *pages) page(w http.ResponseWriter, r *http.Request, a *asset) {
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("X-Frame-Options", "DENY")
	a.serve(w, r)
}

// static serves /static/NAME from the embedded files; no listings.
func (p *pages) static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := p.files[strings.TrimPrefix(r.URL.Path, "/static/")]
		if !ok {
			WriteError(w, errNotFound)
			return
		}
		a.serve(w, r)
	})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) { s.page.spec.serve(w, r) }

// Names of severities for people.
func severityName(s linter.Severity) string {
	switch s {
	case linter.Error:
		return "ошибка"
	case linter.Warning:
		return "предупреждение"
	case linter.Info:
		return "совет"
	case linter.Off:
		return "не проверяется"
	}
	return string(s)
}

// ruleGroup is one category on the rules page.
type ruleGroup struct {
	Category Named
	Rules    []RuleInfo
}

type rulesPageData struct {
	Groups   []ruleGroup
	Profiles []Named
	Count    int
}

func rulesView(ix rulesIndex) rulesPageData {
	d := rulesPageData{Profiles: ix.list.Profiles, Count: len(ix.list.Rules)}
	for _, c := range ix.list.Categories {
		g := ruleGroup{Category: c}
		for _, r := range ix.list.Rules {
			if string(r.Category) == c.ID {
				g.Rules = append(g.Rules, r)
			}
		}
		if len(g.Rules) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	return d
}

var rulesTmpl = template.Must(template.New("rules.html").Funcs(template.FuncMap{
	"severity": severityName,
	"sevOf": func(r RuleInfo, p string) linter.Severity {
		return r.Profiles[linter.Profile(p)]
	},
}).ParseFS(webFS, "web/rules.html"))

// metaRule is what the page needs to know about a rule.
type metaRule struct {
	Description string `json:"description"`
	URL         string `json:"url"`
}

// pageMeta is embedded into the page as JSON, so it knows the Russian
// names of categories without an API call (which may need the token).
func pageMeta(ix rulesIndex) any {
	rules := map[string]metaRule{}
	for _, r := range ix.list.Rules {
		rules[r.ID] = metaRule{r.Description, r.URL}
	}
	return struct {
		Categories []Named             `json:"categories"`
		Profiles   []Named             `json:"profiles"`
		Rules      map[string]metaRule `json:"rules"`
	}{ix.list.Categories, ix.list.Profiles, rules}
}

var indexTmpl = template.Must(template.ParseFS(webFS, "web/index.html"))
