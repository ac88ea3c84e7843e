#!/usr/bin/env bash
# The floor under bench/load.sh: the same wrk load against a bare net/http
# server (bench/floor) that answers every request with the bytes yasno
# answered to the letter, doing no check. What this server cannot reach
# on a machine, yasno cannot either; the difference between the two runs
# is what yasno itself costs.
#
#   bench/floor.sh                     # 64 connections for 30 s, no work
#   STEPS=100000 bench/floor.sh        # plus ~140 us of processor work per request
#   DURATION=10s CONNECTIONS=16 bench/floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
steps=${STEPS:-0}
letter=${LETTER:-examples/bad-reply.txt}

if ! command -v wrk >/dev/null 2>&1; then
	echo "floor.sh: wrk не найден. Установите его: sudo apt-get install -y wrk" >&2
	exit 2
fi
letter=$(cd "$(dirname "$letter")" && pwd)/$(basename "$letter")

tmp=$(mktemp -d)
pid=""
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# Wait for the URL in a server's output ($1) while it ($2) runs.
urlof() {
	for _ in $(seq 1 300); do
		url=$(grep -o 'http://[0-9.:]*/' "$1" 2>/dev/null | head -1 || true)
		[ -n "$url" ] && { echo "${url%/}"; return; }
		if ! kill -0 "$2" 2>/dev/null; then
			echo "floor.sh: сервер не запустился:" >&2
			cat "$1" >&2
			exit 2
		fi
		sleep 0.1
	done
	echo "floor.sh: сервер не сообщил адрес за 30 с" >&2
	exit 2
}

echo "== build"
go build -o "$tmp/yasno" ./cmd/yasno
go build -o "$tmp/floor" ./bench/floor

echo "== yasno's answer to $letter"
"$tmp/yasno" serve --addr 127.0.0.1:0 2>"$tmp/yasno.log" &
pid=$!
url=$(urlof "$tmp/yasno.log" "$pid")
curl -fsS -o "$tmp/answer.json" -H 'Content-Type: text/plain; charset=utf-8' --data-binary @"$letter" "$url/api/v1/check"
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
echo "answer:   $(wc -c <"$tmp/answer.json") bytes"

"$tmp/floor" -answer "$tmp/answer.json" -steps "$steps" >"$tmp/floor.log" 2>&1 &
pid=$!
url=$(urlof "$tmp/floor.log" "$pid")
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores before the run"
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$pid/stat"; }
cpu0=$(cpu)
echo "== wrk -t$threads -c$connections -d$duration against the floor server, $steps steps per request"
LETTER=$letter wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/check.lua "$url/api/v1/check" | tee "$tmp/wrk.txt"
cpu1=$(cpu)

result=$(grep '^RESULT ' "$tmp/wrk.txt" | head -1)
get() { echo "$result" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
cpus=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b-a}')
echo
echo "== summary (floor, $steps steps)"
echo "requests/s:   $(get rps)"
echo "p50 latency:  $(get p50_ms) ms"
echo "p99 latency:  $(get p99_ms) ms"
echo "server CPU:   ${cpus} s for $(get requests) requests = $(awk -v n="$(get requests)" -v c="$cpus" 'BEGIN {if (c > 0) printf "%.0f", n/c; else print "?"}') requests per CPU-second"
if [ "$(get non2xx)" != 0 ] || [ "$(get socket_errors)" != 0 ]; then
	echo "floor.sh: были ответы не 2xx или ошибки соединений" >&2
	exit 1
fi
