#!/usr/bin/env bash
# Load test of `yasno serve`: builds yasno, starts the server on a free
# port of 127.0.0.1, posts a ~2 KB letter with wrk (bench/check.lua) and
# samples the server's RSS every second to show memory stays flat.
#
#   bench/load.sh                      # 64 connections for 30 s
#   DURATION=10s CONNECTIONS=128 bench/load.sh
#   LETTER=path/to/reply.txt bench/load.sh
#   FLOOR=1 bench/load.sh              # the same load on bench/floor instead
#   FLOOR=1 STEPS=100000 bench/load.sh # ... plus ~140 us of work per request
#
# FLOOR=1 takes yasno's answer to the letter, stops yasno and puts the
# load on bench/floor: a bare net/http server that sends those bytes to
# every request and checks nothing. What it cannot reach on a machine,
# yasno cannot either; the difference between the two runs is what yasno
# itself costs.
#
# Exits 1 when any answer is not 2xx (or a socket error happens), 2 when
# something is missing. The machine may be shared: the load average before
# and after is printed so that a slow run can be explained.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
floor=${FLOOR:-}
steps=${STEPS:-0}

if ! command -v wrk >/dev/null 2>&1; then
	echo "load.sh: wrk не найден. Установите его: sudo apt-get install -y wrk (Debian/Ubuntu) или brew install wrk (macOS)." >&2
	exit 2
fi

letter=${LETTER:-}
if [ -z "$letter" ]; then
	for f in examples/bad-reply.txt ../shared/corpus/dev/01.txt api/testdata/letter.txt; do
		if [ -f "$f" ]; then letter=$f; break; fi
	done
fi
if [ -z "$letter" ] || [ ! -f "$letter" ]; then
	echo "load.sh: нет письма для нагрузки; задайте LETTER=путь" >&2
	exit 2
fi
letter=$(cd "$(dirname "$letter")" && pwd)/$(basename "$letter")

tmp=$(mktemp -d)
pid=""
sampler=""
cleanup() {
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
	if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build"
go build -o "$tmp/yasno" ./cmd/yasno

# waitURL LOG PATTERN NAME waits up to 30 s for the server started as $pid
# to write its address to LOG, and sets url to it.
waitURL() {
	url=""
	for _ in $(seq 1 300); do
		url=$(grep -o "$2" "$1" 2>/dev/null | head -1 || true)
		[ -n "$url" ] && return
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "load.sh: $3 не запустился:" >&2
			cat "$1" >&2
			exit 2
		fi
		sleep 0.1
	done
	echo "load.sh: $3 не сообщил адрес за 30 с" >&2
	exit 2
}

echo "== start yasno serve"
"$tmp/yasno" serve --addr 127.0.0.1:0 2>"$tmp/server.log" &
pid=$!
waitURL "$tmp/server.log" '"url":"http://[^"]*"' сервер
url=$(echo "$url" | cut -d'"' -f4)
url=${url%/}

rules=$(curl -fsS "$url/api/v1/rules" | grep -o '"id":"[^"]*","category"' | cut -d'"' -f4 | tr '\n' ' ')
status=$(curl -sS -o "$tmp/answer.json" -w '%{http_code}' -H 'Content-Type: text/plain; charset=utf-8' \
	--data-binary @"$letter" "$url/api/v1/check")
findings=$(grep -o '"rule":' "$tmp/answer.json" | wc -l)
echo "server:   $url (pid $pid)"
echo "letter:   $letter ($(wc -c <"$letter") bytes), first answer $status with $findings findings"
echo "rules:    $(echo "$rules" | wc -w) — $rules"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) cores before the run"
if [ "$status" != 200 ]; then
	echo "load.sh: первый запрос вернул $status" >&2
	cat "$tmp/answer.json" >&2
	exit 1
fi

if [ -n "$floor" ]; then
	go build -o "$tmp/floor" ./bench/floor
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	"$tmp/floor" -answer "$tmp/answer.json" -steps "$steps" >"$tmp/floor.log" 2>&1 &
	pid=$!
	waitURL "$tmp/floor.log" 'http://[0-9.:]*' bench/floor
	echo "floor:    $url (pid $pid) answers the same $(wc -c <"$tmp/answer.json") bytes, $steps steps of work per request"
fi

# RSS once a second, from the kernel's own account of the process.
(
	while kill -0 "$pid" 2>/dev/null; do
		awk '/^VmRSS:/ {printf "%d\n", $2/1024}' "/proc/$pid/status" 2>/dev/null || true
		sleep 1
	done
) >"$tmp/rss.txt" &
sampler=$!

# CPU seconds the server used, from /proc: requests per CPU-second do not
# depend on how busy the rest of the machine is.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/hz}' "/proc/$pid/stat"; }
cpu0=$(cpu)

echo "== wrk -t$threads -c$connections -d$duration"
LETTER=$letter wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/check.lua "$url/api/v1/check" | tee "$tmp/wrk.txt"

cpu1=$(cpu)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""

result=$(grep '^RESULT ' "$tmp/wrk.txt" | head -1)
get() { echo "$result" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
rss=$(tr '\n' ' ' <"$tmp/rss.txt")
echo
if [ -n "$floor" ]; then echo "== summary (bench/floor, $steps steps)"; else echo "== summary"; fi
echo "requests/s:   $(get rps)"
echo "p50 latency:  $(get p50_ms) ms"
echo "p99 latency:  $(get p99_ms) ms"
echo "non-2xx:      $(get non2xx)"
echo "socket errors: $(get socket_errors) (connect/read/write/timeout, see the wrk output above)"
cpus=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b-a}')
echo "server CPU:   ${cpus} s for $(get requests) requests = $(awk -v n="$(get requests)" -v c="$cpus" 'BEGIN {if (c > 0) printf "%.0f", n/c; else print "?"}') requests per CPU-second"
echo "RSS, MiB/s:   $rss"
echo "RSS min/max:  $(sort -n "$tmp/rss.txt" | head -1) / $(sort -n "$tmp/rss.txt" | tail -1) MiB"
echo "load after:   $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "$floor" ]; then
	echo "server log:   $(grep -c '"msg":"request"' "$tmp/server.log") access-log lines"
	# The access log's durations run from the handler's start to its last
	# write: the server's own time. What wrk sees on top of them is the wait
	# for a turn (connections queued in the kernel and the Go scheduler) and
	# wrk's own share of the cores.
	# No line (grep finds none) must not end the script under pipefail: the
	# verdict on the answers below still has to be given.
	{ grep '"path":"/api/v1/check"' "$tmp/server.log" || true; } | { grep -o '"duration":[0-9]*' || true; } |
		cut -d: -f2 | sort -n >"$tmp/durations.txt"
	n=$(wc -l <"$tmp/durations.txt")
	if [ "$n" -gt 0 ]; then
		pct() { sed -n "$(( (n * $1 + 99) / 100 ))p" "$tmp/durations.txt" | awk '{printf "%.2f", $1/1e6}'; }
		echo "in handler:   p50 $(pct 50) ms, p99 $(pct 99) ms (access log, $n checks)"
	fi
fi

if [ "$(get non2xx)" != 0 ] || [ "$(get socket_errors)" != 0 ]; then
	echo "load.sh: были ответы не 2xx или ошибки соединений" >&2
	exit 1
fi
