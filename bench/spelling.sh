#!/usr/bin/env bash
# Measures the spelling package on the system ru_RU dictionary:
#   load time and allocations (BenchmarkLoad), live heap and peak RSS of a
#   process that loads it once (BenchmarkLoadMemory), Check throughput on the
#   dev corpus with and without the memo (BenchmarkCheck*), Suggest latency.
# The machine may be shared: MB/cpu-s (MB per second of this process's CPU
# time) is steadier than MB/s of wall time. COUNT and BENCHTIME tune the run.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${COUNT:-3}
benchtime=${BENCHTIME:-2s}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -c -o "$tmp/spelling.test" ./spelling/

echo "== speed (one core, best of $count)"
"$tmp/spelling.test" -test.run '^$' -test.cpu 1 -test.count "$count" -test.benchtime "$benchtime" \
	-test.bench '^(BenchmarkLoad|BenchmarkCheck|BenchmarkCheckNoMemo|BenchmarkSuggest)$' | tee "$tmp/bench.txt"

echo
echo "== summary"
awk '
/^Benchmark/ {
	name = $1; ns = $3
	for (i = 4; i < NF; i++) {
		if ($(i+1) == "MB/s") mbs[name] = (mbs[name] > $i ? mbs[name] : $i)
		if ($(i+1) == "MB/cpu-s") cpu[name] = (cpu[name] > $i ? cpu[name] : $i)
		if ($(i+1) == "cpu-ms/op" && (!(name in cms) || $i + 0 < cms[name] + 0)) cms[name] = $i
		if ($(i+1) == "allocs/op") allocs[name] = $i
		if ($(i+1) == "B/op") bytes[name] = $i
	}
	if (!(name in best) || ns < best[name]) best[name] = ns
}
END {
	for (n in best) {
		line = sprintf("%-22s %10.2f ms/op", n, best[n] / 1e6)
		if (n in mbs) line = line sprintf("  %8.2f MB/s", mbs[n])
		if (n in cpu) line = line sprintf("  %8.2f MB/cpu-s", cpu[n])
		if (n in cms) line = line sprintf("  %8.2f cpu-ms/op", cms[n])
		line = line sprintf("  %10s B/op  %8s allocs/op", bytes[n], allocs[n])
		print line
	}
}' "$tmp/bench.txt" | sort

echo
echo "== memory of a process that loads ru_RU once"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v "$tmp/spelling.test" -test.run '^$' -test.bench '^BenchmarkLoadMemory$' \
		-test.benchtime 1x 2>"$tmp/time.txt" | grep '^BenchmarkLoadMemory' || true
	grep 'Maximum resident' "$tmp/time.txt"
else
	"$tmp/spelling.test" -test.run '^$' -test.bench '^BenchmarkLoadMemory$' -test.benchtime 1x |
		grep '^BenchmarkLoadMemory' || true
fi
