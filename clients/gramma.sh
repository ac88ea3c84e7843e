#!/usr/bin/env bash
# A real LanguageTool client against yasno: gramma (npm) checks a Russian
# draft through `yasno serve`'s /v2/check and must print yasno's findings.
#
#   clients/gramma.sh            # gramma from PATH, or GRAMMA=/path/to/gramma
#
# Builds yasno, starts `yasno serve` on a free 127.0.0.1 port, points gramma
# at it with a local .gramma.json (api_url), runs `gramma check -p -n` on
# examples/bad-reply.txt (plain text: the `text` parameter) and on a
# Markdown draft (the `data` parameter with markup), and checks the
# output. Exits non-zero on any failure. Nothing leaves the machine: gramma's
# update check is pre-empted and HOME is a temporary folder.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
gramma=${GRAMMA:-$(command -v gramma || true)}
if [[ -z $gramma ]]; then
	echo "gramma.sh: gramma not found; install it: npm install -g gramma@1.6.0" >&2
	exit 2
fi

work=$(mktemp -d)
server_pid=
cleanup() {
	if [[ -n $server_pid ]]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

fail() {
	echo "gramma.sh: FAIL: $*" >&2
	exit 1
}

echo "gramma.sh: building yasno"
(cd "$root" && go build -o "$work/yasno" ./cmd/yasno)

# Port 0: the kernel picks a free port; the server logs the URL it got.
(cd "$work" && exec "$work/yasno" serve --addr 127.0.0.1:0) 2>"$work/serve.log" &
server_pid=$!
base=
for _ in $(seq 1 200); do
	base=$(grep -o '"url":"http://127\.0\.0\.1:[0-9]*/"' "$work/serve.log" 2>/dev/null | head -n1 | sed 's/"url":"\(.*\)\/"/\1/' || true)
	[[ -n $base ]] && break
	kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "yasno serve exited"; }
	sleep 0.1
done
[[ -n $base ]] || { cat "$work/serve.log" >&2; fail "yasno serve did not report its address"; }
echo "gramma.sh: yasno serve at $base"

# gramma reads .gramma.json from the working folder up; the global config
# and the update-check stamp live under HOME.
export HOME="$work/home"
mkdir -p "$HOME/.config/gramma" "$work/run"
printf '%s' "$(($(date +%s) * 1000))" >"$HOME/.config/gramma/.update"
cat >"$work/run/.gramma.json" <<EOF
{
  "api_url": "$base/v2/check",
  "api_key": "",
  "language": "ru-RU",
  "dictionary": []
}
EOF

draft="$root/examples/bad-reply.txt"
[[ -f $draft ]] || fail "no draft at $draft"
cp "$draft" "$work/run/draft.txt"

run_gramma() { # file → output in $work/out.txt; exit 1 means «mistakes found»
	local code=0
	(cd "$work/run" && "$gramma" check -p -n "$1") >"$work/out.txt" 2>&1 || code=$?
	echo "----- gramma check -p -n $1 (exit $code) -----"
	cat "$work/out.txt"
	[[ $code == 1 ]] || fail "gramma exited $code on $1, want 1 (mistakes found)"
}

expect() { # pattern, what
	grep -qF -- "$1" "$work/out.txt" || fail "gramma output lacks $2: $1"
}

run_gramma draft.txt
expect "Checking via $base/v2/check" "our server URL"
expect "Language: Russian" "the language"
expect "Rule: jargon" "a jargon finding"
expect "Rule: foreign" "a foreign-word finding"
expect "Rule: mixed-script" "the mixed-script finding"
expect "Rule: executor-phone" "the missing executor phone"
expect "Канцелярит:" "a yasno message"
expect "Suggested fix: 1) Службы" "the fix for «Cлужбы»"
count=$(sed -n 's/^Found \([0-9]*\) potential mistakes$/\1/p' "$work/out.txt")
[[ ${count:-0} -ge 10 ]] || fail "gramma found ${count:-0} mistakes, want at least 10"

# Markdown: gramma sends the `data` parameter with markup annotations.
cat >"$work/run/draft.md" <<'EOF'
# Ответ на обращение

Уважаемая **Татьяна Викторовна**!

Сообщаем, что в целях проверки *был направлен* запрос. Работы будут выполнены в ближайшее время.

Исп. Белова К.Д.
EOF
run_gramma draft.md
expect "Rule: jargon" "a jargon finding in Markdown"
expect "Rule: vague" "a vague-promise finding in Markdown"
# The context must show the word itself: the offsets point into the
# Markdown with its markup, as gramma cuts the word out of it.
grep -q "Context: .*в целях проверки" "$work/out.txt" || fail "Markdown context does not show the finding"

echo "gramma.sh: OK ($count findings on the plain draft)"
