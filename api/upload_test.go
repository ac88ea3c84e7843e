package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
)

// Office fixtures: testdata/docs/reply.* at the repository's root (see
// testdata/README). The test registry's jargon stub flags «мониторинг»
// (body paragraph 5) and «целях» (table cell 3) in them.

func doc(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "docs", name))
	require.NoError(t, err)
	return b
}

// part is one field of a multipart form; a file when filename is set.
type part struct {
	name, filename, ctype string
	body                  []byte
}

// form builds a multipart/form-data body and its Content-Type.
func form(t testing.TB, parts ...part) (ctype, body string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := fmt.Sprintf(`form-data; name=%q`, p.name)
		switch {
		case strings.IndexFunc(p.filename, unicode.IsControl) >= 0:
			// Control characters cannot stand in a header, but the
			// RFC 2231 form percent-encodes them.
			cd += `; filename*=UTF-8''` + url.PathEscape(p.filename)
		case p.filename != "":
			// Written by hand: CreateFormFile would escape the backslashes
			// of a Windows path.
			cd += `; filename="` + strings.ReplaceAll(p.filename, `"`, `%22`) + `"`
		}
		h.Set("Content-Disposition", cd)
		if p.ctype != "" {
			h.Set("Content-Type", p.ctype)
		}
		w, err := mw.CreatePart(h)
		require.NoError(t, err)
		_, err = w.Write(p.body)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return mw.FormDataContentType(), buf.String()
}

func file(name string, body []byte) part {
	return part{name: "file", filename: name, ctype: "application/octet-stream", body: body}
}

func field(name, value string) part { return part{name: name, body: []byte(value)} }

func upload(t testing.TB, path string, parts ...part) call {
	ct, body := form(t, parts...)
	if path == "" {
		path = "/api/v1/check"
	}
	return call{path: path, ctype: ct, body: body}
}

// uploadAnswer is the answer with the field only uploads have.
type uploadAnswer struct {
	Files []struct {
		Path     string           `json:"path"`
		Format   linter.Format    `json:"format"`
		Profile  linter.Profile   `json:"profile"`
		Findings []linter.Finding `json:"findings"`
		Stats    linter.Stats     `json:"stats"`
		Source   *struct {
			Text string `json:"text"`
		} `json:"source"`
	} `json:"files"`
}

func decodeAnswer(t *testing.T, body []byte) uploadAnswer {
	t.Helper()
	var a uploadAnswer
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&a), string(body))
	require.Len(t, a.Files, 1)
	return a
}

// at is a finding's text and place in the document.
type at struct {
	text   string
	part   string
	index  int
	column int
}

func TestUpload(t *testing.T) {
	s, logs := newServer(t, api.Options{MaxBody: 64 << 10})
	docx, odt, html := doc(t, "reply.docx"), doc(t, "reply.odt"), doc(t, "reply.html")
	office := []at{{"мониторинг", "body", 5, 52}, {"целях", "table", 3, 29}}
	cp1251, err := charmap.Windows1251.NewEncoder().String("Уважаемая Анна Сергеевна!\n\nПроводим мониторинг.\n\nИсп. Орлова, тел. 44-18-20\n")
	require.NoError(t, err)
	page1251, err := charmap.Windows1251.NewEncoder().String(`<html><head><meta charset="windows-1251"></head><body><p>Проводим мониторинг.</p><p>Исп. Орлова, тел. 44-18-20</p></body></html>`)
	require.NoError(t, err)
	pageUTF8 := `<html><head><meta charset="windows-1251"></head><body><p>Проводим мониторинг.</p><p>Исп. Орлова, тел. 44-18-20</p></body></html>`
	tests := []struct {
		name   string
		c      call
		path   string
		format linter.Format
		text   string // the extracted text; "" takes it from extract
		want   []at   // jargon findings in order
	}{
		{"docx as a form", upload(t, "", file("reply.docx", docx)), "reply.docx", linter.DOCX, "", office},
		{"odt as a form", upload(t, "", file("reply.odt", odt)), "reply.odt", linter.ODT, "", office},
		{"html as a form", upload(t, "", file("reply.html", html)), "reply.html", linter.HTML, "",
			[]at{{"мониторинг", "body", 5, 52}, {"целях", "table", 3, 29}}},
		{"windows path of old browsers", upload(t, "", file(`C:\Users\Анна\Документы\ответ.docx`, docx)), "ответ.docx", linter.DOCX, "", office},
		{"path in the name", upload(t, "", file("../../etc/ответ.docx", docx)), "ответ.docx", linter.DOCX, "", office},
		{"no name: by content", upload(t, "", part{name: "file", body: odt}), api.RequestPath, linter.ODT, "", office},
		{"text file in windows-1251", upload(t, "", file("ответ.txt", []byte(cp1251))), "ответ.txt", linter.Text,
			"Уважаемая Анна Сергеевна!\n\nПроводим мониторинг.\n\nИсп. Орлова, тел. 44-18-20\n", []at{{"мониторинг", "", 0, 0}}},
		{"markdown file", upload(t, "", file("ответ.md", []byte("# Ответ\n\nПроводим **мониторинг**.\n\nИсп. Орлова, тел. 44-18-20\n"))), "ответ.md", linter.Markdown,
			"# Ответ\n\nПроводим **мониторинг**.\n\nИсп. Орлова, тел. 44-18-20\n", []at{{"мониторинг", "", 0, 0}}},
		{"raw docx", call{path: "/api/v1/check", ctype: api.TypeDOCX, body: string(docx)}, api.RequestPath, linter.DOCX, "", office},
		{"raw odt", call{path: "/api/v1/check", ctype: api.TypeODT, body: string(odt)}, api.RequestPath, linter.ODT, "", office},
		{"raw html", call{path: "/api/v1/check", ctype: "text/html; charset=utf-8", body: string(html)}, api.RequestPath, linter.HTML, "",
			[]at{{"мониторинг", "body", 5, 52}, {"целях", "table", 3, 29}}},
		{"raw html, meta charset", call{path: "/api/v1/check", ctype: "text/html", body: page1251}, api.RequestPath, linter.HTML,
			"Проводим мониторинг.\nИсп. Орлова, тел. 44-18-20", []at{{"мониторинг", "body", 1, 10}}},
		{"raw html, the header's charset wins", call{path: "/api/v1/check", ctype: "text/html; charset=UTF-8", body: pageUTF8}, api.RequestPath, linter.HTML,
			"Проводим мониторинг.\nИсп. Орлова, тел. 44-18-20", []at{{"мониторинг", "body", 1, 10}}},
		{"raw html in windows-1251 by the header", call{path: "/api/v1/check", ctype: "text/html; charset=windows-1251", body: page1251}, api.RequestPath, linter.HTML,
			"Проводим мониторинг.\nИсп. Орлова, тел. 44-18-20", []at{{"мониторинг", "body", 1, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(s, tt.c.request())
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			a := decodeAnswer(t, w.Body.Bytes())
			f := a.Files[0]
			assert.Equal(t, tt.path, f.Path)
			assert.Equal(t, tt.format, f.Format)
			require.NotNil(t, f.Source, "an upload carries the checked text")
			text := tt.text
			if text == "" {
				var x *extract.Document
				switch tt.format {
				case linter.DOCX:
					x, err = extract.DOCX(docx, extract.Limits{})
				case linter.ODT:
					x, err = extract.ODT(odt, extract.Limits{})
				default:
					x, err = extract.HTML(html, extract.Limits{})
				}
				require.NoError(t, err)
				text = x.Text
			}
			assert.Equal(t, text, f.Source.Text)
			// Offsets point into source.text, in bytes and in UTF-16 units.
			u := utf16.Encode([]rune(f.Source.Text))
			var got []at
			for _, fd := range f.Findings {
				assert.Equal(t, fd.Text, f.Source.Text[fd.Start.Offset:fd.End.Offset], fd.Rule)
				assert.Equal(t, fd.Text, string(utf16.Decode(u[fd.StartChar:fd.EndChar])), fd.Rule)
				if fd.Category != linter.CatJargon {
					continue
				}
				g := at{text: fd.Text}
				if fd.Paragraph != nil {
					g.part, g.index, g.column = fd.Paragraph.Part, fd.Paragraph.Index, fd.Paragraph.Column
				}
				got = append(got, g)
			}
			assert.Equal(t, tt.want, got)
			for _, fd := range f.Findings {
				assert.NotEqual(t, linter.CatExecutorPhone, fd.Category, "the phone in the footer counts")
			}
		})
	}
	assert.NotContains(t, logs.String(), "ответ", "file names stay out of the log")
	assert.NotContains(t, logs.String(), "мониторинг")
}

// TestUploadSettings: form fields carry the settings of the query
// parameters, under the same names; both may be used, the form last.
func TestUploadSettings(t *testing.T) {
	s, _ := newServer(t, api.Options{MaxBody: 64 << 10})
	docx := doc(t, "reply.docx")
	cats := func(c call) (linter.Profile, map[linter.Category]int) {
		t.Helper()
		w := do(s, c.request())
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		f := decodeAnswer(t, w.Body.Bytes()).Files[0]
		n := map[linter.Category]int{}
		for _, fd := range f.Findings {
			n[fd.Category]++
		}
		return f.Profile, n
	}
	p, n := cats(upload(t, "", file("reply.docx", docx)))
	assert.Equal(t, linter.Citizen, p)
	assert.Equal(t, map[linter.Category]int{linter.CatJargon: 2}, n)

	p, n = cats(upload(t, "", field("profile", "official"), field("disable", "test-jargon"), file("reply.docx", docx)))
	assert.Equal(t, linter.Official, p)
	assert.Empty(t, n)

	_, n = cats(upload(t, "", file("reply.docx", docx), field("maxSentenceWords", "5"), field("enable", "test-vague"), field("enable", "sentence-length")))
	assert.Positive(t, n[linter.CatSentenceLength], "a threshold from the form")

	p, n = cats(upload(t, "/api/v1/check?profile=public&disable=test-jargon", file("reply.docx", docx)))
	assert.Equal(t, linter.Public, p)
	assert.Zero(t, n[linter.CatJargon], "settings from the query")

	p, _ = cats(upload(t, "/api/v1/check?profile=public", file("reply.docx", docx), field("profile", "official")))
	assert.Equal(t, linter.Official, p, "the form is read after the query")

	p, n = cats(call{path: "/api/v1/check?profile=official&disable=jargon", ctype: api.TypeDOCX, body: string(docx)})
	assert.Equal(t, linter.Official, p)
	assert.Empty(t, n)
}

// TestNoSourceForText: the answer to pasted text has no "source": the
// client has the text.
func TestNoSourceForText(t *testing.T) {
	s, _ := newServer(t, api.Options{})
	for _, c := range []call{
		{path: "/api/v1/check", ctype: "application/json", body: `{"text":"Проводим мониторинг."}`},
		{path: "/api/v1/check", ctype: "text/plain", body: "Проводим мониторинг."},
		{path: "/api/v1/check", ctype: "text/markdown", body: "Проводим **мониторинг**."},
	} {
		w := do(s, c.request())
		require.Equal(t, http.StatusOK, w.Code)
		assert.NotContains(t, w.Body.String(), `"source"`, c.ctype)
		assert.NotContains(t, w.Body.String(), `"paragraph"`, c.ctype)
	}
}

func zipBytes(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		require.NoError(t, err)
		_, err = io.WriteString(w, f[1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// miniDOCX is a package around one paragraph of text.
func miniDOCX(t testing.TB, text string) []byte {
	return zipBytes(t,
		[2]string{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		[2]string{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		[2]string{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p></w:body></w:document>`})
}

var (
	cfb = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x00\x00\x00\x00\x3E\x00\x03\x00\xFE\xFF"
	png = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
)

func TestUploadErrors(t *testing.T) {
	s, logs := newServer(t, api.Options{MaxBody: 64 << 10})
	docx, odt, html := doc(t, "reply.docx"), doc(t, "reply.odt"), doc(t, "reply.html")
	name := secret + ".docx"
	ct, whole := form(t, file(name, docx))
	// A text part of 2 MiB of spaces compresses to a few KB: over the
	// ratio cap of a part larger than 1 MiB.
	bomb := miniDOCX(t, "Мы"+strings.Repeat(" ", 2<<20)+"проверили.")
	require.Less(t, len(bomb), 64<<10)
	tests := []struct {
		name   string
		c      call
		status int
		code   string
		msg    string // a part of the message
	}{
		{"encrypted", upload(t, "", file(name, []byte(cfb))), 422, "encrypted", "Документ зашифрован или сохранён в старом формате .doc"},
		{"old doc", upload(t, "", file(secret+".doc", []byte(cfb))), 422, "encrypted", "снимите пароль"},
		{"truncated docx", upload(t, "", file(name, docx[:len(docx)/2])), 422, "corrupt", "Повреждённый документ"},
		{"docx that is html", upload(t, "", file(name, html)), 422, "not_docx", "У файла расширение .docx, а внутри страница HTML"},
		{"docx that is odt", upload(t, "", file(name, odt)), 422, "not_docx", "переименуйте файл в .odt"},
		{"html that is docx", upload(t, "", file(secret+".html", docx)), 422, "not_html", "переименуйте файл в .docx"},
		{"docx that is a picture", upload(t, "", file(name, []byte(png))), 422, "not_docx", "файл неизвестного вида"},
		{"zip bomb", upload(t, "", file(name, bomb)), 422, "zip_bomb", "сжатие"},
		{"raw docx that is html", call{ctype: api.TypeDOCX, body: string(html)}, 422, "not_docx", "Выбран формат DOCX, а внутри страница HTML"},
		{"raw odt that is docx", call{ctype: api.TypeODT, body: string(docx)}, 422, "not_odt", "Выбран формат ODT"},
		{"raw encrypted", call{ctype: api.TypeDOCX, body: cfb}, 422, "encrypted", "зашифрован"},
		{"pdf", upload(t, "", file(secret+".pdf", []byte("%PDF-1.7\n1 0 obj\n"))), 415, api.CodeUnsupportedType, "Это файл PDF"},
		{"rtf", upload(t, "", file(secret+".rtf", []byte(`{\rtf1\ansi `+secret+`}`))), 415, api.CodeUnsupportedType, "Это файл RTF"},
		{"a picture", upload(t, "", file(secret+".png", []byte(png))), 415, api.CodeUnsupportedType, "Проверяются файлы .docx, .odt, .html, .txt и .md"},
		{"txt that is docx", upload(t, "", file(secret+".txt", docx)), 415, api.CodeUnsupportedType, "переименуйте файл в .docx"},
		{"docx sent as text", call{ctype: "text/plain", body: string(docx)}, 415, api.CodeUnsupportedType, "Это документ, а не текст"},
		{"html charset unknown", call{ctype: "text/html; charset=klingon", body: "<p>а</p>"}, 415, api.CodeUnsupportedType, "кодировка"},
		{"no text in the document", upload(t, "", file(name, miniDOCX(t, "   "))), 400, api.CodeEmptyText, "нет текста"},
		{"empty text file", upload(t, "", file(secret+".txt", nil)), 400, api.CodeEmptyText, "нет текста"},
		{"blank text file", upload(t, "", file(secret+".txt", []byte(" \n\t\n"))), 400, api.CodeEmptyText, "нет текста"},
		{"empty raw docx", call{ctype: api.TypeDOCX}, 400, api.CodeEmptyText, "пустое"},
		{"no file", upload(t, "", field("profile", "citizen")), 400, api.CodeNoFile, "нет файла"},
		{"two files", upload(t, "", file(name, docx), file(name, docx)), 400, api.CodeBadInput, "больше одного файла"},
		{"unknown field", upload(t, "", file(name, docx), field("text", secret)), 400, api.CodeUnknownParameter, "Неизвестное поле формы"},
		{"bad number", upload(t, "", file(name, docx), field("maxSentenceWords", "много")), 400, api.CodeBadOption, "maxSentenceWords"},
		{"unknown profile", upload(t, "", file(name, docx), field("profile", "boss")), 400, api.CodeUnknownProfile, "профиль"},
		{"unknown rule", upload(t, "", file(name, docx), field("enable", "nope")), 400, api.CodeUnknownRule, "nope"},
		{"unknown query", upload(t, "/api/v1/check?text=1", file(name, docx)), 400, api.CodeUnknownParameter, "Неизвестный параметр"},
		{"no boundary", call{ctype: "multipart/form-data", body: whole}, 400, api.CodeBadInput, "boundary"},
		{"cut form", call{ctype: ct, body: whole[:len(whole)/2]}, 400, api.CodeBadInput, "обрывается"},
		{"not a form", call{ctype: "multipart/form-data; boundary=xyz", body: secret}, 400, api.CodeBadInput, "форму"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.c.path == "" {
				tt.c.path = "/api/v1/check"
			}
			w := do(s, tt.c.request())
			require.Equal(t, tt.status, w.Code, w.Body.String())
			e := decodeError(t, w)
			assert.Equal(t, tt.code, e.Error.Code)
			assert.Contains(t, e.Error.Message, tt.msg)
			assert.NotContains(t, e.Error.Message, secret, "an error message quotes the file or its name")
			assert.NotContains(t, e.Error.Message, "Сергеевна")
			assert.Regexp(t, `^[А-ЯЁ]`, e.Error.Message, "a sentence in Russian")
			assert.True(t, strings.HasSuffix(e.Error.Message, "."), e.Error.Message)
		})
	}
	assert.NotContains(t, logs.String(), secret)
}

// TestUploadBodyLimit: the body cap counts the whole request, a form or a
// raw document: exactly at the cap passes, one byte more is 413, with a
// known length or chunked.
func TestUploadBodyLimit(t *testing.T) {
	docx := doc(t, "reply.docx")
	ct, body := form(t, file("reply.docx", docx))
	for _, tt := range []struct {
		name  string
		ctype string
		body  string
	}{
		{"form", ct, body},
		{"raw", api.TypeDOCX, string(docx)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, chunked := range []bool{false, true} {
				for _, limit := range []int{len(tt.body), len(tt.body) - 1} {
					s, _ := newServer(t, api.Options{MaxBody: int64(limit)})
					r := call{path: "/api/v1/check", ctype: tt.ctype, body: tt.body}.request()
					if chunked {
						r.Body = io.NopCloser(strings.NewReader(tt.body))
						r.ContentLength = -1
					}
					w := do(s, r)
					if limit == len(tt.body) {
						assert.Equal(t, http.StatusOK, w.Code, "chunked=%v %s", chunked, w.Body.String())
						continue
					}
					require.Equal(t, http.StatusRequestEntityTooLarge, w.Code, "chunked=%v", chunked)
					e := decodeError(t, w)
					assert.Equal(t, api.CodeTooLarge, e.Error.Code)
					assert.Contains(t, e.Error.Message, "Файл слишком большой")
				}
			}
		})
	}
}

func TestUploadFileNames(t *testing.T) {
	s, _ := newServer(t, api.Options{MaxBody: 64 << 10})
	html := doc(t, "reply.html")
	long := strings.Repeat("очень длинное имя ", 20) + ".html"
	for _, tt := range []struct{ sent, want string }{
		{"ответ.html", "ответ.html"},
		{`D:\Входящие\2024\ответ.html`, "ответ.html"},
		{"/home/anna/ответ.html", "ответ.html"},
		{"от\u0007в\u001bет\u202e.html", "ответ.html"}, // control and bidi characters
		{"ответ\xff.html", "ответ\uFFFD.html"},
		{"  ответ.html  ", "ответ.html"},
		{"..", api.RequestPath},
		{long, string([]rune(long)[:115]) + ".html"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			w := do(s, upload(t, "", file(tt.sent, html)).request())
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, tt.want, decodeAnswer(t, w.Body.Bytes()).Files[0].Path)
		})
	}
}

// BenchmarkUploadDOCX measures a whole upload: the form, extraction and
// the check of the reply fixture (7.8 KB of DOCX).
func BenchmarkUploadDOCX(b *testing.B) {
	s, _ := newServer(b, api.Options{MaxBody: 64 << 10})
	ct, body := form(b, file("reply.docx", doc(b, "reply.docx")))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		w := do(s, call{path: "/api/v1/check", ctype: ct, body: body}.request())
		if w.Code != http.StatusOK {
			b.Fatal(w.Body.String())
		}
	}
}
