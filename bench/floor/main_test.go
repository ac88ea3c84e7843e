package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHandlerAnswersTheSameBytes(t *testing.T) {
	answer := []byte(`{"files":[]}` + "\n")
	for _, steps := range []int{0, 1000} {
		w := httptest.NewRecorder()
		handler(answer, steps).ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/v1/check", strings.NewReader("Текст.")))
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, string(answer), w.Body.String())
		assert.Equal(t, "13", w.Header().Get("Content-Length"))
	}
}

// BenchmarkSpin tells what one step costs on this machine.
func BenchmarkSpin(b *testing.B) {
	for range b.N {
		spin(100_000)
	}
}

// TestHandlerConcurrent: requests run the handler at once, as under wrk;
// the race detector must find nothing.
func TestHandlerConcurrent(t *testing.T) {
	h := handler([]byte("{}\n"), 1000)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/v1/check", strings.NewReader("Текст.")))
			assert.Equal(t, http.StatusOK, w.Code)
		})
	}
	wg.Wait()
}
