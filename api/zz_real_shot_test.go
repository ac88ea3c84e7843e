package api_test

import (
	"net/http/httptest"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/yasno/yasno/api"
	"github.com/yasno/yasno/rules"
)

func TestZZRealShot(t *testing.T) {
	ctx := browser(t)
	reg, err := rules.Default()
	require.NoError(t, err)
	s, err := api.New(reg, api.Options{})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	defer ts.Close()
	text, _ := os.ReadFile(os.Getenv("ZZ_LETTER"))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.SetValue(chromedp.ID("draft"), string(text)),
		chromedp.Click(chromedp.ID("check")),
		chromedp.WaitVisible(chromedp.CSS(`#results[data-checks="1"]`)),
		chromedp.Focus(chromedp.CSS(`#view mark.hl[tabindex="0"]`)),
	))
	shot(t, ctx, "real.png")
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/rules#jargon")))
	shot(t, ctx, "real-rules.png")
}
