//go:build unix

package dict

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used. Benchmarks report it per
// operation because wall time is meaningless on a shared, busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
