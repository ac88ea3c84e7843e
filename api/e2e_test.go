package api_test

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/extract"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium for one test. Without Chromium the test
// is skipped locally and fails in CI, where it must run.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("нет %s: в CI установите пакет chromium (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("нет %s (apt-get install -y chromium); пропускаю проверку страницы в браузере", chromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "ru-RU"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	// A guard against a hung browser, not a timing assertion.
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 90*time.Second)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc(); cancelTimeout() })
	return bctx
}

// shot saves a PNG of the whole page under the test's temp dir, and also
// under $YASNO_SCREENSHOTS when set, to look at.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(t.TempDir(), name), png, 0o644))
	if dir := os.Getenv("YASNO_SCREENSHOTS"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

// TestPageInChromium drives the page as a clerk would: paste a bad draft,
// press «Проверить», read the highlights, apply a fix, see the re-check;
// then the error states, opening a file and the rules page. One browser
// for all of it: starting Chromium is the slow part.
func TestPageInChromium(t *testing.T) {
	ctx := browser(t)
	s, _ := newServer(t, api.Options{})
	ts := httptest.NewServer(s) // 127.0.0.1:0
	defer ts.Close()
	draft := letter(t)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("draft")),
	))
	assert.Equal(t, "ru", eval[string](t, ctx, `document.documentElement.lang`))
	assert.True(t, eval[bool](t, ctx, `!document.getElementById('empty').hidden`), "the empty state shows first")
	shot(t, ctx, "page-empty.png")

	// Paste, pick the kind of reply, press the button.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("draft"), draft),
		chromedp.SetValue(chromedp.ID("profile"), "citizen"),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS(`#results[data-checks="1"]`)),
	))

	// The view shows the draft unchanged, with highlights by category.
	assert.Equal(t, draft, eval[string](t, ctx, `document.getElementById('view').textContent`))
	cats := eval[map[string]int](t, ctx, `(() => {
		const n = {};
		document.querySelectorAll('#view mark.hl[tabindex="0"]').forEach(m => {
			const c = [...m.classList].find(x => x.startsWith('cat-'));
			n[c] = (n[c] || 0) + 1;
		});
		return n;
	})()`)
	assert.Equal(t, map[string]int{"cat-jargon": 4, "cat-vague": 1, "cat-sentence-length": 1}, cats)
	assert.Equal(t, []string{"данном", "вышеуказанного", "осуществлен", "данной"},
		eval[[]string](t, ctx, `[...document.querySelectorAll('#view mark.cat-jargon[tabindex="0"]')].map(m => m.textContent)`))
	assert.Positive(t, eval[int](t, ctx, `document.querySelectorAll('#view mark.multi').length`), "overlaps are shown")
	assert.True(t, eval[bool](t, ctx, `[...document.querySelectorAll('#view mark.hl')].every(m =>
		m.getAttribute('aria-describedby').split(' ').every(id => document.getElementById(id)))`), "every highlight is described")
	assert.Equal(t, "Нет телефона исполнителя. Укажите его в конце письма: «тел. 8 (8512) 44-18-20».",
		eval[string](t, ctx, `document.querySelector('#groups .cat-executor-phone .msg').textContent`))

	// The side list groups by category with Russian names and counts.
	heads := eval[[]string](t, ctx, `[...document.querySelectorAll('#groups h4')].map(h => h.textContent)`)
	assert.Equal(t, []string{"Канцелярит4", "Размытые обещания1", "Телефон исполнителя1", "Длинные предложения1"}, heads)
	sum := eval[string](t, ctx, `document.getElementById('summary').textContent`)
	assert.Contains(t, sum, "Самое длинное предложение")
	assert.Contains(t, sum, "Канцелярит: 4")

	// Focus the first jargon highlight: the tip tells what, how and why.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`#view mark.cat-jargon[tabindex="0"]`)),
		chromedp.WaitVisible(chromedp.ID("tip")),
	))
	tip := eval[string](t, ctx, `document.getElementById('tip').textContent`)
	assert.Contains(t, tip, "Канцелярит: напишите проще.")
	assert.Contains(t, tip, "Заменить на «этом»")
	assert.Contains(t, tip, "п. 2.5")
	shot(t, ctx, "page-findings.png")

	// Apply the fix from the tip: the draft changes and is checked again.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#tip button.fix`)),
		chromedp.WaitVisible(chromedp.CSS(`#results[data-checks="2"]`)),
	))
	got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("draft")))
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(draft, "в данном помещении", "в этом помещении", 1), got)
	assert.Equal(t, 3, eval[int](t, ctx, `document.querySelectorAll('#view mark.cat-jargon[tabindex="0"]').length`))
	assert.Contains(t, eval[string](t, ctx, `document.getElementById('status').textContent`), "Проверено")

	// A fix from the side list works the same way.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#groups .cat-vague .quote`)),
		chromedp.Click(chromedp.CSS(`#groups .cat-jargon button.fix`)),
		chromedp.WaitVisible(chromedp.CSS(`#results[data-checks="3"]`)),
	))
	assert.Equal(t, 2, eval[int](t, ctx, `document.querySelectorAll('#view mark.cat-jargon[tabindex="0"]').length`))
	shot(t, ctx, "page-after-fix.png")

	// At 200 % zoom (half the CSS width, twice the pixels) nothing needs a
	// horizontal scroll.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(640, 900, chromedp.EmulateScale(2))))
	assert.True(t, eval[bool](t, ctx, `document.documentElement.scrollWidth <= document.documentElement.clientWidth`))
	shot(t, ctx, "page-zoom200.png")
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)))

	// Error states: an empty draft, and a server error shown in Russian.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("draft"), "   "),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.ID("error")),
	))
	assert.Contains(t, eval[string](t, ctx, `document.getElementById('error').textContent`), "Текст пустой")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("draft"), "ПАНИКА"),
		chromedp.Click(chromedp.ID("check")),
		chromedp.Poll[chromedp.Void](`document.getElementById('error').textContent.includes('Внутренняя ошибка')`),
	))
	assert.Equal(t, "alert", eval[string](t, ctx, `document.getElementById('error').getAttribute('role')`))
	shot(t, ctx, "page-error.png")

	// Opening a file puts it into the draft; .md switches to Markdown.
	md := filepath.Join(t.TempDir(), "ответ.md")
	require.NoError(t, os.WriteFile(md, []byte("# Ответ\n\nДанный вопрос решён.\n"), 0o644))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{md}),
		chromedp.Poll[chromedp.Void](`document.getElementById('draft').value.startsWith('# Ответ')`),
	))
	f, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("format")))
	require.NoError(t, err)
	assert.Equal(t, "markdown", f)
	assert.Equal(t, "ответ.md", eval[string](t, ctx, `document.getElementById('file-name').textContent`))

	// A document is read by the server: the page sends the file, checks at
	// once and shows the text read from it, read-only, with highlights and
	// the place of each finding in the document instead of fix buttons.
	docx, err := filepath.Abs(filepath.Join("..", "testdata", "docs", "reply.docx"))
	require.NoError(t, err)
	raw, err := os.ReadFile(docx)
	require.NoError(t, err)
	x, err := extract.DOCX(raw, extract.Limits{})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("profile"), "auto"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{docx}),
		chromedp.WaitVisible(chromedp.CSS(`#results[data-checks="4"]`)),
	))
	assert.Equal(t, x.Text, eval[string](t, ctx, `document.getElementById('view').textContent`))
	assert.Equal(t, x.Text, eval[string](t, ctx, `document.getElementById('draft').value`))
	assert.True(t, eval[bool](t, ctx, `document.getElementById('draft').readOnly`), "a document is not edited here")
	assert.True(t, eval[bool](t, ctx, `document.getElementById('format').disabled`))
	assert.Equal(t, "document", eval[string](t, ctx, `document.getElementById('format').value`))
	assert.Equal(t, "reply.docx", eval[string](t, ctx, `document.getElementById('file-name').textContent`))
	assert.False(t, eval[bool](t, ctx, `document.getElementById('doc-note').hidden`))
	assert.Equal(t, []string{"мониторинг", "целях"},
		eval[[]string](t, ctx, `[...document.querySelectorAll('#view mark.cat-jargon[tabindex="0"]')].map(m => m.textContent)`))
	assert.Equal(t, []string{"Абзац 5, знак 52", "Таблица, абзац 3, знак 29"},
		eval[[]string](t, ctx, `[...document.querySelectorAll('#groups .cat-jargon .place')].map(p => p.textContent)`))
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('#groups button.fix').length`), "no one-click fixes")
	assert.Equal(t, "Замена: «наблюдение».", eval[string](t, ctx, `document.querySelector('#groups .cat-jargon .fixes-text').textContent`))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`#view mark.cat-jargon[tabindex="0"]`)),
		chromedp.WaitVisible(chromedp.ID("tip")),
	))
	tip = eval[string](t, ctx, `document.getElementById('tip').textContent`)
	assert.Contains(t, tip, "Абзац 5, знак 52")
	assert.Contains(t, tip, "Замена: «наблюдение».")
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('#tip button.fix').length`))
	shot(t, ctx, "page-docx.png")

	// A document the server refuses: its message, and no stale results.
	locked := filepath.Join(t.TempDir(), "зашифрованный.docx")
	require.NoError(t, os.WriteFile(locked, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00"), 0o644))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{locked}),
		chromedp.Poll[chromedp.Void](`document.getElementById('error').textContent.includes('зашифрован')`),
	))
	assert.True(t, eval[bool](t, ctx, `document.getElementById('results').hidden`))
	assert.True(t, eval[bool](t, ctx, `document.getElementById('tip').hidden`))
	shot(t, ctx, "page-docx-error.png")

	// A file over the server's cap (1 MiB here): the clerk reads why, not
	// a network error.
	big := filepath.Join(t.TempDir(), "с-картинками.docx")
	require.NoError(t, os.WriteFile(big, append([]byte("PK\x03\x04"), make([]byte, 2<<20)...), 0o644))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{big}),
		chromedp.Poll[chromedp.Void](`document.getElementById('error').textContent.includes('Файл слишком большой')`),
	))

	// Closing the file gives the draft back for pasting.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("file-close"))))
	assert.False(t, eval[bool](t, ctx, `document.getElementById('draft').readOnly`))
	assert.Empty(t, eval[string](t, ctx, `document.getElementById('draft').value`))
	assert.True(t, eval[bool](t, ctx, `document.getElementById('file-close').hidden`))
	assert.Equal(t, "markdown", eval[string](t, ctx, `document.getElementById('format').value`), "the format of pasted text comes back")

	// The rules page for training: /rules#id lands on the rule.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/rules#test-vague"),
		chromedp.WaitVisible(chromedp.ID("test-vague")),
	))
	assert.Equal(t, "test-vague", eval[string](t, ctx, `document.querySelector(':target').id`))
	assert.Equal(t, 5, eval[int](t, ctx, `document.querySelectorAll('article.rule').length`))
	shot(t, ctx, "rules.png")
}
