#!/usr/bin/env bash
# Checks that a change kept behaviour: runs two yasno binaries over every
# sample text (the dev corpus when it is beside the repository, the blind
# holdouts, the examples, the office fixtures and all of them in one file)
# in every profile and compares their JSON byte for byte.
#
#   git stash && go build -o /tmp/yasno-old ./cmd/yasno && git stash pop
#   go build -o /tmp/yasno-new ./cmd/yasno
#   bench/same.sh /tmp/yasno-old /tmp/yasno-new
#
# Speed work must print "identical"; a change meant to alter findings
# shows here which files and profiles it touched.
set -uo pipefail
if [ $# -ne 2 ]; then
	echo "usage: bench/same.sh OLD_BINARY NEW_BINARY" >&2
	exit 2
fi
old=$1 new=$2
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
texts=(../shared/corpus/dev/*.txt testdata/holdout/*.txt testdata/holdout2/*.txt)
cat "${texts[@]}" 2>/dev/null >"$tmp/all.txt"
rc=0 n=0
for f in "${texts[@]}" examples/* testdata/docs/* "$tmp/all.txt"; do
	[ -f "$f" ] || continue
	for p in auto citizen official public; do
		"$old" check --format json --profile "$p" "$f" >"$tmp/a.json" 2>"$tmp/a.err"
		ra=$?
		"$new" check --format json --profile "$p" "$f" >"$tmp/b.json" 2>"$tmp/b.err"
		rb=$?
		n=$((n + 1))
		if [ "$ra" != "$rb" ] || ! cmp -s "$tmp/a.json" "$tmp/b.json"; then
			echo "differs: $f (--profile $p)"
			rc=1
		fi
	done
done
[ "$rc" = 0 ] && echo "identical ($n runs)"
exit "$rc"
