#!/usr/bin/env bash
# A real LanguageTool client against yasno: gramma (npm) checks a Russian
# draft through `yasno serve`'s /v2/check and must print yasno's findings.
#
#   clients/gramma.sh            # gramma from PATH, or GRAMMA=/path/to/gramma
#
# Builds yasno, starts `yasno serve` on a free 127.0.0.1 port, points gramma
# at it with a local .gramma.json (api_url), runs `gramma check -p -n` on
# examples/bad-reply.txt (the `text` parameter) and on a Markdown draft (the
# `data` parameter with markup). Checks that gramma prints exactly the
# findings yasno's own JSON API gives for the draft, and that every word
# gramma cuts out at our offsets is really in the checked file. Exits
# non-zero on any failure. Nothing leaves the machine: gramma's update
# check is pre-empted and HOME is a temporary folder.
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
	grep -qF "Checking via $base/v2/check" "$work/out.txt" || fail "gramma did not use our server"
	grep -qF "Language: Russian" "$work/out.txt" || fail "no language in gramma's output"
}

# words_in_source FILE: every «Word:» gramma cut out of our context, at our
# offset and length, must be a piece of the file it checked (line breaks
# read as spaces): the UTF-16 offsets point at the right characters.
words_in_source() {
	node - "$1" "$work/out.txt" <<'JS' || fail "a word gramma shows is not in $1"
const fs = require("fs");
const src = fs.readFileSync(process.argv[2], "utf8").replace(/[\r\n]/g, " ");
const words = fs.readFileSync(process.argv[3], "utf8").split("\n")
  .filter((l) => l.startsWith("Word: ")).map((l) => l.slice(6));
if (words.length === 0) { console.error("no words"); process.exit(1); }
for (const w of words) {
  if (w.trim() === "" || !src.includes(w)) { console.error("not in the source: " + JSON.stringify(w)); process.exit(1); }
}
console.log("gramma.sh: " + words.length + " words found in the source at their offsets");
JS
}

# The findings gramma prints must be yasno's: the same categories, as many
# times, as the JSON API gives for the same text (info-level hints aside:
# LanguageTool's default level shows warnings and errors).
expected_categories() {
	node - "$base/api/v1/check" "$1" <<'JS'
const fs = require("fs");
fetch(process.argv[2], { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" },
  body: fs.readFileSync(process.argv[3]) })
  .then((r) => r.json())
  .then((j) => {
    const cats = j.files[0].findings.filter((f) => f.severity !== "info").map((f) => f.category).sort();
    console.log(cats.join("\n"));
  })
  .catch((e) => { console.error(e); process.exit(1); });
JS
}

run_gramma draft.txt
want=$(expected_categories "$work/run/draft.txt" | LC_ALL=C sort) || fail "the JSON API did not answer"
got=$(sed -n 's/^Rule: //p' "$work/out.txt" | LC_ALL=C sort)
if [[ $want != "$got" ]]; then
	diff <(echo "$want") <(echo "$got") >&2 || true
	fail "gramma's findings differ from yasno's (<: /api/v1/check, >: gramma)"
fi
count=$(echo "$got" | grep -c .)
[[ $count -ge 5 ]] || fail "only $count findings on the bad reply"
words_in_source "$work/run/draft.txt"

# Markdown: gramma sends the `data` parameter with markup annotations; the
# offsets must point into the Markdown with its markup.
cat >"$work/run/draft.md" <<'MD'
# Ответ на обращение

Уважаемая **Татьяна Викторовна**!

Сообщаем, что в целях проверки *был направлен* запрос. Работы будут выполнены в ближайшее время, мониторинг продолжается.

- Исп. Белова К.Д.
MD
run_gramma draft.md
words_in_source "$work/run/draft.md"

echo "gramma.sh: OK ($count findings on the plain draft, as yasno finds them)"
