package source_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/extract"
	"github.com/yasno/yasno/linter"
	"github.com/yasno/yasno/rules"
	"github.com/yasno/yasno/source"
)

// The fixtures are the reply of testdata/README: the same letter as .docx
// and .odt (made by LibreOffice from reply.fodt) and as a portal's .html.

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "docs", name))
	require.NoError(t, err)
	return b
}

// probe flags every word whose Norm is in its set. It stands in for real
// rules so that the positions are tested in every part, header and
// footnote included, whatever the rules of the day find there.
type probe map[string]bool

var probeMeta = &linter.Meta{ID: "probe", Category: linter.CatReadability, Severity: linter.Info,
	Description: "Проба", Explanation: "Только для тестов.", Clause: "п. 2.5"}

func (probe) Meta() *linter.Meta { return probeMeta }

func (p probe) Check(c *linter.Context) {
	for _, t := range c.Doc.Tokens {
		if t.Kind == linter.Word && p[c.Doc.Norm(&t)] {
			c.Report(int(t.Start), int(t.End), "проба")
		}
	}
}

// place is where a finding lands: its text and the paragraph a clerk is
// sent to. Columns were counted by hand in the paragraphs of
// extract/extract_test.go (replyOffice, replyHTML).
type place struct {
	text   string
	part   string
	index  int
	column int
}

func places(fs []linter.Finding) []place {
	out := []place{}
	for _, f := range fs {
		p := place{text: f.Text}
		if f.Paragraph != nil {
			p.part, p.index, p.column = f.Paragraph.Part, f.Paragraph.Index, f.Paragraph.Column
		}
		out = append(out, p)
	}
	return out
}

func TestOfficePositions(t *testing.T) {
	reg, err := linter.NewRegistry(probe{"инспекция": true, "мониторинг": true, "устранено": true,
		"целях": true, "правительства": true, "петрова": true})
	require.NoError(t, err)
	office := []place{
		{"инспекция", "header", 1, 26},       // Государственная жилищная инспекция …
		{"инспекция", "body", 4, 26},         // the same words opening the body
		{"мониторинг", "body", 5, 52},        // … организация проводит мониторинг …
		{"устранено", "body", 7, 47},         // a tracked insertion, accepted
		{"целях", "table", 3, 29},            // Повторный осмотр квартиры в целях …
		{"Правительства", "footnote", 1, 15}, // Постановление Правительства РФ …
		{"Петрова", "footer", 1, 14},         // Исполнитель: Петрова …
	}
	web := []place{
		{"инспекция", "body", 1, 26},
		{"инспекция", "body", 4, 26},
		{"мониторинг", "body", 5, 52},
		{"целях", "table", 3, 29},
		{"Петрова", "body", 8, 14}, // a page has no footer: the mark is body text
	}
	cases := []struct {
		file   string
		format linter.Format
		want   []place
	}{
		{"reply.docx", linter.DOCX, office},
		{"reply.odt", linter.ODT, office},
		{"reply.html", linter.HTML, web},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			doc, err := source.Load(c.file, fixture(t, c.file), "")
			require.NoError(t, err)
			assert.Equal(t, c.format, doc.Format)
			res, err := reg.Check(doc, linter.Settings{})
			require.NoError(t, err)
			assert.Equal(t, c.want, places(res.Findings))
		})
	}
}

// TestOfficeFindingsAgreeWithExtract checks every finding of the real rules
// against the paragraphs extract gives: the paragraph, its part and index,
// the column counted in characters from its start, and the offsets into the
// extracted text (bytes and UTF-16 units).
func TestOfficeFindingsAgreeWithExtract(t *testing.T) {
	reg := realRules(t)
	cases := []struct {
		file string
		fn   func([]byte, extract.Limits) (*extract.Document, error)
	}{
		{"reply.docx", extract.DOCX},
		{"reply.odt", extract.ODT},
		{"reply.html", extract.HTML},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw := fixture(t, c.file)
			x, err := c.fn(raw, extract.Limits{})
			require.NoError(t, err)
			doc, err := source.Load(c.file, raw, "")
			require.NoError(t, err)
			require.Equal(t, x.Text, doc.Text, "the checked text is the extracted text")
			res, err := reg.Check(doc, linter.Settings{})
			require.NoError(t, err)
			require.NotEmpty(t, res.Findings)
			for _, f := range res.Findings {
				require.NotNil(t, f.Paragraph, "%s %q has no paragraph", f.Rule, f.Text)
				assert.Equal(t, f.Text, doc.Text[f.Start.Offset:f.End.Offset])
				assert.Equal(t, linter.UTF16Len(doc.Text[:f.Start.Offset]), f.StartChar)
				assert.Equal(t, linter.UTF16Len(doc.Text[:f.End.Offset]), f.EndChar)
				var p *extract.Paragraph
				for i := range x.Paragraphs {
					if q := &x.Paragraphs[i]; f.Start.Offset >= q.Start && f.Start.Offset <= q.End {
						p = q
						break
					}
				}
				require.NotNil(t, p, "%s %q lies outside every paragraph", f.Rule, f.Text)
				assert.Equal(t, p.Part, f.Paragraph.Part, f.Text)
				assert.Equal(t, p.Index, f.Paragraph.Index, f.Text)
				assert.Equal(t, utf8.RuneCountInString(doc.Text[p.Start:f.Start.Offset])+1, f.Paragraph.Column, f.Text)
			}
		})
	}
}

var (
	realOnce sync.Once
	realReg  *linter.Registry
	realErr  error
)

func realRules(t testing.TB) *linter.Registry {
	t.Helper()
	realOnce.Do(func() { realReg, realErr = rules.Default() })
	require.NoError(t, realErr)
	return realReg
}

// TestOfficeRealRules: what the clerk's rules must and must not say about
// the reply, in every format.
func TestOfficeRealRules(t *testing.T) {
	reg := realRules(t)
	type hit struct {
		category linter.Category
		place
	}
	for _, file := range []string{"reply.docx", "reply.odt", "reply.html"} {
		t.Run(file, func(t *testing.T) {
			doc, err := source.Load(file, fixture(t, file), "")
			require.NoError(t, err)
			res, err := reg.Check(doc, linter.Settings{})
			require.NoError(t, err)
			var got []hit
			cats := map[linter.Category]int{}
			for _, f := range res.Findings {
				got = append(got, hit{f.Category, places([]linter.Finding{f})[0]})
				cats[f.Category]++
			}
			// Must fire: jargon in a table cell, a foreign word in the body.
			assert.Contains(t, got, hit{linter.CatJargon, place{"в целях", "table", 3, 27}})
			assert.Contains(t, got, hit{linter.CatForeign, place{"мониторинг", "body", 5, 52}})
			// Must stay silent: the executor mark (in the footer of the
			// office files) names the executor and the phone.
			assert.Zero(t, cats[linter.CatExecutorName], "executor-name")
			assert.Zero(t, cats[linter.CatExecutorPhone], "executor-phone")
			assert.Equal(t, linter.Citizen, res.Profile)
		})
	}
}

// TestTrackedChanges: the checked text is the document as it reads with
// every change accepted.
func TestTrackedChanges(t *testing.T) {
	for _, file := range []string{"reply.docx", "reply.odt"} {
		t.Run(file, func(t *testing.T) {
			doc, err := source.Load(file, fixture(t, file), "")
			require.NoError(t, err)
			assert.Contains(t, doc.Text, "устранено", "an insertion is kept")
			assert.NotContains(t, doc.Text, "удалённый текст", "a deletion is dropped")
			assert.NotContains(t, doc.Text, "удалённый", "a deletion is dropped")
		})
	}
}

// zipOf builds an archive in memory.
func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// emptyDOCX is a valid package whose body has no text: a scan saved as
// .docx looks like this.
func emptyDOCX(t testing.TB) []byte {
	return zipOf(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p></w:body></w:document>`,
	})
}

var (
	cfb = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00\x00\x00\x00\x00\x3E\x00\x03\x00\xFE\xFF")
	png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06")
	pdf = []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	rtf = []byte(`{\rtf1\ansi\ansicpg1251\deff0 {\fonttbl{\f0 Times New Roman;}} Уважаемая Анна Сергеевна!\par}`)
)

// TestLoadRefusals: inputs that must not be checked, each with the
// sentinel fronts map (CLI exit 2, API 4xx), the extract code and a
// plain message that names what to do and never quotes the document.
func TestLoadRefusals(t *testing.T) {
	docx, odt, html := fixture(t, "reply.docx"), fixture(t, "reply.odt"), fixture(t, "reply.html")
	otherZip := zipOf(t, map[string]string{"photo.jpg": "не картинка", "notes.txt": "заметки"})
	cases := []struct {
		name   string
		raw    []byte
		format linter.Format
		is     error  // errors.Is
		code   string // extract.CodeOf
		msg    string // a part of the message
	}{
		{"ответ.docx", html, "", extract.ErrNotDOCX, "not_docx", "у файла расширение .docx, а внутри страница HTML: переименуйте файл в .html"},
		{"ответ.DOCX", odt, "", extract.ErrNotDOCX, "not_docx", "у файла расширение .docx, а внутри документ OpenDocument (ODT): переименуйте файл в .odt"},
		{"ответ.odt", docx, "", extract.ErrNotODT, "not_odt", "переименуйте файл в .docx"},
		{"ответ.html", docx, "", extract.ErrNotHTML, "not_html", "у файла расширение .html, а внутри документ Word (DOCX)"},
		{"ответ.htm", odt, "", extract.ErrNotHTML, "not_html", "переименуйте файл в .odt"},
		{"ответ.html", png, "", extract.ErrNotHTML, "not_html", "файл неизвестного вида: проверьте, тот ли файл выбран"},
		{"ответ.docx", png, "", extract.ErrNotDOCX, "not_docx", "файл неизвестного вида: проверьте, тот ли файл выбран, или сохраните ответ заново как документ Word (.docx)"},
		{"ответ.docx", []byte("Уважаемая Анна Сергеевна! Просто текст."), "", extract.ErrNotDOCX, "not_docx", "у файла расширение .docx"},
		{"ответ.odt", []byte{}, "", extract.ErrNotODT, "not_odt", "у файла расширение .odt"},
		{"ответ.docx", otherZip, "", extract.ErrNotDOCX, "not_docx", "это не документ DOCX"},
		{"ответ.docx", docx[:len(docx)/2], "", extract.ErrCorrupt, "corrupt", "повреждённый документ"},
		{"ответ.odt", odt[:len(odt)-200], "", extract.ErrCorrupt, "corrupt", "повреждённый документ"},
		{"ответ.docx", emptyDOCX(t), "", source.ErrNoText, "", "в документе нет текста"},
		// Encrypted OOXML and old .doc share the CFB container, whatever
		// the name says.
		{"ответ.docx", cfb, "", extract.ErrEncrypted, "encrypted", "документ зашифрован"},
		{"ответ.doc", cfb, "", extract.ErrEncrypted, "encrypted", "сохраните как .docx"},
		{"ответ.txt", cfb, "", extract.ErrEncrypted, "encrypted", "документ зашифрован"},
		{"", cfb, "", extract.ErrEncrypted, "encrypted", "документ зашифрован"},
		// A document named as text is binary to the text decoder; when it
		// is one yasno reads, renaming is the advice.
		{"ответ.txt", docx, "", linter.ErrBinary, "", "у файла расширение .txt, а внутри документ Word (DOCX): переименуйте файл в .docx"},
		{"ответ.md", odt, "", linter.ErrBinary, "", "переименуйте файл в .odt"},
		{"ответ.txt", otherZip, "", linter.ErrBinary, "", linter.ErrBinary.Error()},
		{"ответ.txt", png, "", linter.ErrBinary, "", linter.ErrBinary.Error()},
		// Formats yasno does not read, whatever the extension.
		{"ответ.pdf", pdf, "", source.ErrUnsupported, "", "это файл PDF"},
		{"ответ.docx", pdf, "", source.ErrUnsupported, "", "это файл PDF"},
		{"ответ.rtf", rtf, "", source.ErrUnsupported, "", "это файл RTF"},
		{"", rtf, "", source.ErrUnsupported, "", "сохраните как .docx"},
		// A format chosen by hand (--input-format) is checked the same way.
		{"", html, linter.DOCX, extract.ErrNotDOCX, "not_docx", "выбран формат DOCX, а внутри страница HTML"},
		{"ответ.txt", docx, linter.ODT, extract.ErrNotODT, "not_odt", "у файла расширение .txt, а внутри документ Word (DOCX)"},
		{"ответ.docx", docx, "rtf", nil, "", "неизвестный формат"},
	}
	for _, c := range cases {
		t.Run(c.name+"/"+c.msg, func(t *testing.T) {
			doc, err := source.Load(c.name, c.raw, c.format)
			require.Error(t, err)
			assert.Nil(t, doc)
			var ie *linter.InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, c.name, ie.Name)
			if c.is != nil {
				assert.ErrorIs(t, err, c.is)
			}
			assert.Equal(t, c.code, extract.CodeOf(err))
			assert.Contains(t, err.Error(), c.msg)
			for _, w := range []string{"Сергеевна", "Петрова", "мониторинг"} {
				assert.NotContains(t, err.Error(), w, "the message quotes the document")
			}
		})
	}
}

// TestLoadByContent: a nameless input (stdin) and names that do not tell
// the format are read by content; a right name is read as named.
func TestLoadByContent(t *testing.T) {
	docx, odt, html := fixture(t, "reply.docx"), fixture(t, "reply.odt"), fixture(t, "reply.html")
	cases := []struct {
		name   string
		raw    []byte
		format linter.Format
	}{
		{"", docx, linter.DOCX},
		{"-", docx, linter.DOCX},
		{"", odt, linter.ODT},
		{"", html, linter.HTML},
		{"ответ", docx, linter.DOCX},     // no extension
		{"ответ.doc", docx, linter.DOCX}, // an extension yasno does not read
		{"ответ.HTM", html, linter.HTML}, // any case
		{"ответ.odt", odt, linter.ODT},   // as named
		{"", []byte("Уважаемая Анна Сергеевна!\n\nМы проверили дом."), linter.Text},
		{"ответ.html", []byte("Мы <b>проверили</b> дом."), linter.HTML}, // a fragment
		{"ответ.txt", []byte("<p>Мы проверили дом.</p>"), linter.Text},  // text that looks like markup stays text
	}
	for _, c := range cases {
		t.Run(c.name+"/"+string(c.format), func(t *testing.T) {
			doc, err := source.Load(c.name, c.raw, "")
			require.NoError(t, err)
			assert.Equal(t, c.format, doc.Format)
			assert.NotEmpty(t, doc.Blocks)
			if c.format == linter.DOCX || c.format == linter.ODT {
				assert.Equal(t, "header", doc.Blocks[0].Part)
				assert.True(t, strings.HasPrefix(doc.Text, "Государственная жилищная инспекция"))
			}
		})
	}
}

func TestDetect(t *testing.T) {
	docx := fixture(t, "reply.docx")
	cases := []struct {
		name string
		raw  []byte
		want linter.Format
	}{
		{"a.docx", []byte("что угодно"), linter.DOCX}, // the extension wins; Load checks the content
		{"a.odt", nil, linter.ODT},
		{"a.html", nil, linter.HTML},
		{"a.md", []byte("просто текст"), linter.Markdown},
		{"ответ.mkd", []byte("просто текст"), linter.Markdown}, // go-enry's extensions
		{"ответ.mdown", nil, linter.Markdown},
		{"ответ.xhtml", nil, linter.HTML},
		{"ответ.json", []byte("# Ответ\n\nМы **проверили** дом."), linter.Markdown}, // not sure: the content decides
		{"ответ.log", []byte("Мы проверили дом."), linter.Text},
		{"a.txt", docx, linter.Text},
		{"", docx, linter.DOCX},
		{"", cfb, linter.DOCX}, // Load then says «encrypted»
		{"", []byte("# Ответ\n\nМы **проверили** дом."), linter.Markdown},
		{"", []byte("Мы проверили дом."), linter.Text},
	}
	for _, c := range cases {
		t.Run(c.name+"/"+string(c.want), func(t *testing.T) {
			assert.Equal(t, c.want, source.Detect(c.name, c.raw))
		})
	}
}

func TestLoadTooLarge(t *testing.T) {
	_, err := source.Load("ответ.docx", make([]byte, source.MaxSize+1), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "файл слишком большой")
}

// FuzzLoad: no input, under any name, panics or yields findings outside the
// text.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"reply.docx", "reply.odt", "reply.html"} {
		f.Add(name, fixture(f, name))
	}
	f.Add("a.txt", []byte("Мы проверили дом."))
	f.Add("", cfb)
	reg, err := linter.NewRegistry(probe{"мониторинг": true})
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, name string, raw []byte) {
		doc, err := source.Load(name, raw, "")
		if err != nil {
			return
		}
		res, err := reg.Check(doc, linter.Settings{})
		require.NoError(t, err)
		for _, fd := range res.Findings {
			require.LessOrEqual(t, fd.End.Offset, len(doc.Text))
		}
	})
}
