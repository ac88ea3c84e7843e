// Command floor is the fastest server bench/load.sh could measure on a
// machine: plain net/http answering every POST with the same bytes yasno
// answered, after reading the body and optionally spinning the processor
// for a fixed number of steps. `FLOOR=1 bench/load.sh` runs it under the
// same wrk load as yasno, to tell what the machine and the load
// generator cost from what yasno costs.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	answer := flag.String("answer", "", "file whose bytes every request gets as a JSON answer")
	steps := flag.Int("steps", 0, "processor work per request, in steps of about 1.4 ns")
	flag.Parse()
	body, err := os.ReadFile(*answer)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	if err := http.Serve(ln, handler(body, *steps)); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// handler reads the request body, spins for steps and writes body.
func handler(body []byte, steps int) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		spin(steps)
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", length)
		_, _ = w.Write(body)
	})
}

// sink keeps spin's result, so the compiler cannot drop the loop. The
// handlers spin at once: it is added to atomically.
var sink atomic.Uint64

// spin does n dependent multiply-adds: work the scheduler cannot tell
// from a check.
func spin(n int) {
	x := uint64(1)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
	}
	sink.Add(x)
}
