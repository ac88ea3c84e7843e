package lt

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestGrammaRealClient runs clients/gramma.sh: the npm LanguageTool client
// gramma checks a draft through `yasno serve` and must print our findings.
// Without gramma it skips on a developer's machine and fails in CI
// (CI=true), where .ci/run installs it: npm install -g gramma@1.6.0.
func TestGrammaRealClient(t *testing.T) {
	if testing.Short() {
		t.Skip("builds yasno and runs a node client")
	}
	gramma := os.Getenv("GRAMMA")
	if gramma == "" {
		gramma, _ = exec.LookPath("gramma")
	}
	if gramma == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("gramma is not installed; CI must run: npm install -g gramma@1.6.0")
		}
		t.Skip("gramma not on PATH (npm install -g gramma@1.6.0)")
	}
	script, err := filepath.Abs("../clients/gramma.sh")
	require.NoError(t, err)
	// A bound, not a timing check: a hung client must not hang the suite.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", script)
	cmd.Env = append(os.Environ(), "GRAMMA="+gramma)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	t.Log(out.String())
	require.NoError(t, err, "clients/gramma.sh failed")
	require.Contains(t, out.String(), "gramma.sh: OK")
}
