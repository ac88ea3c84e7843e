#!/bin/sh
# Instructions per check, counted by valgrind: a measure of work that does
# not drift with the machine's speed or with other processes, so two builds
# can be compared on a busy machine (wall time there varies 1.5-2x).
#
#   bench/icount.sh                      this tree, BenchmarkCheck1MB
#   bench/icount.sh old.test 'CheckLetter$'
#                                        a bench binary built elsewhere
#                                        (go test -c -o old.test ./bench)
#
# It runs the benchmark for 2 and for N iterations (N=12, or ICOUNT_N) and
# prints the difference divided by N-2, so the setup (dictionaries, the
# warm-up check) cancels out. GOGC=off keeps the collector out of the count:
# watch B/op and allocs/op (bench/run.sh) for it. Repeatable to ~0.2% for
# Check1MB; for the 2 KB letter use ICOUNT_N=1000. Needs valgrind
# (apt-get install valgrind); nothing else in yasno does.
set -eu
command -v valgrind >/dev/null || { echo "icount.sh: valgrind is not installed" >&2; exit 1; }
bin=${1:-}
case $bin in '' | /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")"
bench=${2:-'Check1MB$'}
n=${ICOUNT_N:-12}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/bench.test
	go test -c -o "$bin" .
fi
count() {
	GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "$bench" -test.cpu 1 -test.benchtime "${1}x" 2>&1 |
		awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
}
a=$(count 2)
b=$(count "$n")
[ -n "$a" ] && [ -n "$b" ] || { echo "icount.sh: valgrind gave no count" >&2; exit 1; }
echo "$bench: $(( (b - a) / (n - 2) )) instructions per op"
