package spelling

import "hash/maphash"

// bloom is a blocked Bloom filter over the stems. Most roots that the
// suffix check builds are not words; the filter, small enough to stay in
// the processor cache, turns them away before the big map is touched.
type bloom struct {
	seed maphash.Seed
	bits []uint64
	mask uint64
}

func newBloom(n int) *bloom {
	words := 64
	for words*64 < n*12 {
		words *= 2
	}
	return &bloom{seed: maphash.MakeSeed(), bits: make([]uint64, words), mask: uint64(words - 1)}
}

// pattern returns the word index and the three bits for hash h.
func (b *bloom) pattern(h uint64) (uint64, uint64) {
	return h & b.mask, 1<<(h>>40&63) | 1<<(h>>46&63) | 1<<(h>>52&63)
}

func (b *bloom) add(s string) {
	i, p := b.pattern(maphash.String(b.seed, s))
	b.bits[i] |= p
}

func (b *bloom) mayHave(s []byte) bool {
	i, p := b.pattern(maphash.Bytes(b.seed, s))
	return b.bits[i]&p == p
}

func (b *bloom) mayHaveString(s string) bool {
	i, p := b.pattern(maphash.String(b.seed, s))
	return b.bits[i]&p == p
}
