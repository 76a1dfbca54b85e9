#!/bin/bash
# example_readme_graph: the ```mermaid block of migrations/README.md is
# what `migc history migrations --graph` prints now: a new or edited
# migration must come with the picture drawn again.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/common.sh"
make_scratch
readme=$root/migrations/README.md
awk '/^```mermaid[ \t]*$/ { inblock = 1; next } inblock && /^```/ { exit } inblock' "$readme" >"$SCRATCH/readme"
[ -s "$SCRATCH/readme" ] || fail "migrations/README.md has no \`\`\`mermaid block"
"$MIGC" history "$root/migrations" --graph >"$SCRATCH/now" || fail "migc history --graph failed"
if ! diff -u --label "migrations/README.md" --label "migc history migrations --graph" \
        "$SCRATCH/readme" "$SCRATCH/now" >"$SCRATCH/diff"; then
    cat "$SCRATCH/diff" >&2
    fail "the graph in migrations/README.md is out of date: replace its mermaid block with the output of migc history migrations --graph"
fi
echo "ok: the graph in migrations/README.md is current"
