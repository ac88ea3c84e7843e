package spelling

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestWordMap checks the pointer-free map against a Go map, while loading
// (keys in a growing buffer) and after freeze.
func TestWordMap(t *testing.T) {
	m := newWordMap(10) // grows several times
	want := map[string]uint32{}
	var order []string
	for i := range 5000 {
		k := fmt.Sprintf("слово%d", i%3700)
		if i%7 == 0 {
			k = k[:len(k)-1] // shorter keys, some of them prefixes
		}
		if _, ok := want[k]; !ok {
			order = append(order, k)
		}
		want[k] = uint32(i)
		m.set(k, uint32(i))
		v, ok := m.get(k)
		require.True(t, ok)
		require.EqualValues(t, i, v)
	}
	check := func() {
		require.Equal(t, len(want), m.len())
		for k, v := range want {
			got, ok := m.get(k)
			require.True(t, ok, k)
			require.Equal(t, v, got, k)
			got, ok = m.getBytes([]byte(k))
			require.True(t, ok, k)
			require.Equal(t, v, got, k)
		}
		for _, k := range []string{"", "слово", "слово99999", "word"} {
			_, ok := m.get(k)
			_, okb := m.getBytes([]byte(k))
			_, in := want[k]
			require.Equal(t, in, ok, k)
			require.Equal(t, in, okb, k)
		}
		for i, k := range order {
			require.Equal(t, k, m.key(i))
		}
	}
	check()
	m.freeze()
	check()
}
