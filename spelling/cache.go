package spelling

import (
	"hash/maphash"
	"strings"
	"sync"
)

const (
	memoSize   = 1 << 16 // results kept, about; a reply has a few hundred distinct words
	memoShards = 32
	maxMemoKey = 64 // longer strings are checked without the memo
)

// memo remembers Check results. Each shard holds two generations: when the
// current one is full it becomes the old one and the previous old one is
// dropped, so frequent words stay while memory is bounded.
type memo struct {
	seed   maphash.Seed
	limit  int // per shard and generation
	shards [memoShards]memoShard
}

type memoShard struct {
	mu       sync.Mutex
	cur, old map[string]bool
	_        [40]byte // keep shards on separate cache lines
}

func newMemo(size int) *memo {
	m := &memo{seed: maphash.MakeSeed(), limit: max(size/memoShards/2, 16)}
	for i := range m.shards {
		m.shards[i].cur = make(map[string]bool)
	}
	return m
}

func (m *memo) shard(k string) *memoShard {
	return &m.shards[maphash.String(m.seed, k)%memoShards]
}

func (m *memo) get(k string) (v, ok bool) {
	s := m.shard(k)
	s.mu.Lock()
	v, ok = s.cur[k]
	if !ok {
		if v, ok = s.old[k]; ok {
			s.add(strings.Clone(k), v, m.limit)
		}
	}
	s.mu.Unlock()
	return v, ok
}

func (m *memo) put(k string, v bool) {
	s := m.shard(k)
	k = strings.Clone(k) // k may be a slice of a whole document
	s.mu.Lock()
	s.add(k, v, m.limit)
	s.mu.Unlock()
}

func (s *memoShard) add(k string, v bool, limit int) {
	if len(s.cur) >= limit {
		s.old, s.cur = s.cur, make(map[string]bool, limit)
	}
	s.cur[k] = v
}
