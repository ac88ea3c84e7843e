#!/bin/sh
# Speed of a whole check on one core: MB/s and allocations per check.
#
#   bench/run.sh              all benchmarks (a letter, 1 MB, parsing, each rule)
#   bench/run.sh Check1MB     only those whose name matches
#   PROFILE=1 bench/run.sh    also write cpu.prof and show the hottest functions
#
# The target is at least 50 MB/s for BenchmarkCheck1MB. Figures are only
# comparable on an idle machine: check the load average printed below.
set -eu
cd "$(dirname "$0")/.."
pattern=${1:-.}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
if [ "${PROFILE:-}" = 1 ]; then
	go test -run '^$' -bench "$pattern" -benchmem -cpu 1 -cpuprofile cpu.prof -o bench.test ./bench/
	go tool pprof -top -nodecount 25 bench.test cpu.prof
	rm -f bench.test
else
	go test -run '^$' -bench "$pattern" -benchmem -cpu 1 ./bench/
fi
