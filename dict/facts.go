package dict

import (
	"sync"
	"sync/atomic"
)

// Facts keeps a small fact about each word form by its linter.Token.NormID:
// what a rule learnt about a word once, read back with one array load in
// every later document. Facts hold no pointers, so the garbage collector
// never scans them, and they grow only with the number of distinct normal
// forms, which the linter's stem cache bounds. The zero value is empty and
// ready; Facts is safe for concurrent use.
//
// A fact of 0 means «not known yet»: callers keep a bit of their own set
// in every fact they store.
type Facts struct {
	mu sync.Mutex // serialises growth
	p  atomic.Pointer[[]uint64]
}

// Get returns the fact stored for id, or 0.
func (f *Facts) Get(id uint32) uint64 {
	if p := f.p.Load(); p != nil && int(id) < len(*p) {
		return atomic.LoadUint64(&(*p)[id])
	}
	return 0
}

// Set stores the fact for id. A fact set while the table grows may be
// lost; it is then computed again, as facts must be pure functions of the
// word.
func (f *Facts) Set(id uint32, v uint64) {
	p := f.p.Load()
	if p == nil || int(id) >= len(*p) {
		p = f.grow(id)
	}
	atomic.StoreUint64(&(*p)[id], v)
}

// grow makes room for id, doubling the table.
func (f *Facts) grow(id uint32) *[]uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.p.Load()
	if p != nil && int(id) < len(*p) {
		return p
	}
	n := 1 << 12
	if p != nil {
		n = len(*p)
	}
	for n <= int(id) {
		n *= 2
	}
	s := make([]uint64, n)
	if p != nil {
		for i := range *p {
			s[i] = atomic.LoadUint64(&(*p)[i])
		}
	}
	f.p.Store(&s)
	return &s
}
