package spelling

import "hash/maphash"

// wordMap maps the folded stems to their flag sets: a map[string]uint32
// without a pointer per key. The keys lie end to end in one string and
// the table holds numbers only. A dictionary lives as long as the process
// and has some 150,000 stems; in a Go map the garbage collector would
// visit every key on every cycle, here it visits two objects.
//
// Entries keep the order in which keys were first set, so the stems of
// the .dic file are entries 0…n-1 (see Dict.stem).
type wordMap struct {
	seed  maphash.Seed
	buf   []byte    // the keys while loading; nil after freeze
	keys  string    // the keys after freeze
	ents  []wordEnt // by first insertion
	slots []uint64  // by hash (see slot); 0 is free
}

type wordEnt struct{ off, n, val uint32 }

func newWordMap(n int) *wordMap {
	m := &wordMap{seed: maphash.MakeSeed(), ents: make([]wordEnt, 0, n), buf: make([]byte, 0, n*12)}
	size := 1 << 10
	for 3*size < 4*n {
		size *= 2
	}
	m.slots = make([]uint64, size)
	return m
}

// len returns the number of keys.
func (m *wordMap) len() int { return len(m.ents) }

// key returns key i. While loading it copies the key; after freeze it
// does not.
func (m *wordMap) key(i int) string {
	e := m.ents[i]
	if m.buf != nil {
		return string(m.buf[e.off : e.off+e.n])
	}
	return m.keys[e.off : e.off+e.n]
}

// is reports whether entry e holds key k.
func (m *wordMap) is(e wordEnt, k string) bool {
	if int(e.n) != len(k) {
		return false
	}
	if m.buf != nil {
		return string(m.buf[e.off:e.off+e.n]) == k
	}
	return m.keys[e.off:e.off+e.n] == k
}

// A slot holds 1 + an index into ents in its low half and the high half
// of the key's hash in its high half: a probe compares hashes first and
// reads an entry and its key only when they agree.
func slot(h uint64, i int) uint64 { return h&^(1<<32-1) | uint64(i+1) }

// find returns the slot of k, with hash h: the one holding it or the free
// one where it would go.
func (m *wordMap) find(k string, h uint64) int {
	mask := len(m.slots) - 1
	tag := h &^ (1<<32 - 1)
	for s := int(h) & mask; ; s = (s + 1) & mask {
		x := m.slots[s]
		if x == 0 || x&^(1<<32-1) == tag && m.is(m.ents[uint32(x)-1], k) {
			return s
		}
	}
}

func (m *wordMap) get(k string) (uint32, bool) {
	if x := m.slots[m.find(k, maphash.String(m.seed, k))]; x != 0 {
		return m.ents[uint32(x)-1].val, true
	}
	return 0, false
}

// getBytes is get without converting b to a string on the heap.
func (m *wordMap) getBytes(b []byte) (uint32, bool) {
	h := maphash.Bytes(m.seed, b) // the same hash as maphash.String
	mask := len(m.slots) - 1
	tag := h &^ (1<<32 - 1)
	for s := int(h) & mask; ; s = (s + 1) & mask {
		x := m.slots[s]
		if x == 0 {
			return 0, false
		}
		if x&^(1<<32-1) != tag {
			continue
		}
		e := m.ents[uint32(x)-1]
		if int(e.n) != len(b) {
			continue
		}
		if m.buf != nil && string(m.buf[e.off:e.off+e.n]) == string(b) ||
			m.buf == nil && m.keys[e.off:e.off+e.n] == string(b) {
			return e.val, true
		}
	}
}

// set sets the value of k; only while loading.
func (m *wordMap) set(k string, v uint32) {
	h := maphash.String(m.seed, k)
	s := m.find(k, h)
	if x := m.slots[s]; x != 0 {
		m.ents[uint32(x)-1].val = v
		return
	}
	m.ents = append(m.ents, wordEnt{off: uint32(len(m.buf)), n: uint32(len(k)), val: v})
	m.buf = append(m.buf, k...)
	m.slots[s] = slot(h, len(m.ents)-1)
	if 4*len(m.ents) > 3*len(m.slots) {
		m.grow()
	}
}

// grow doubles the table.
func (m *wordMap) grow() {
	m.slots = make([]uint64, 2*len(m.slots))
	mask := len(m.slots) - 1
	for i, e := range m.ents {
		h := maphash.Bytes(m.seed, m.buf[e.off:e.off+e.n])
		s := int(h) & mask
		for m.slots[s] != 0 {
			s = (s + 1) & mask
		}
		m.slots[s] = slot(h, i)
	}
}

// freeze ends loading: the keys become one string that key returns
// slices of.
func (m *wordMap) freeze() {
	m.keys = string(m.buf)
	m.buf = nil
}

// stem returns stem i of the .dic file, folded.
func (d *Dict) stem(i int) string { return d.words.key(i) }
