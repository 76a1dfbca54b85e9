#!/bin/bash
# hostile_graph.sh
#
# The revision graph drawn by history --graph takes messages from .mig
# files into Mermaid and DOT labels: none may end its label, add a node or
# an arrow, or become HTML. A branched project with a depends on edge
# carries a hostile message on each revision (quotes, brackets, arrows,
# semicolons, <script>, backticks, entity codes, backslashes and DOT's
# escapes, braces, a Mermaid comment, UTF-8 and a byte that is not); then
# migc history --graph and a migrator's history --graph, on a database
# halfway up, in both formats, must each hold exactly that graph, with the
# messages given back byte for byte (check_graph.py: Graphviz parses the
# DOT; the Mermaid is read line by line).
set -u
. "$(dirname "$0")/../common.sh"
here=$(cd "$(dirname "$0")" && pwd)
command -v dot >/dev/null || fail "dot is not installed (scripts/setup-deps installs graphviz)"
make_scratch

messages=(
    'x"] --> r0["owned'
    'a"]; r1 --> r0; r0["b'
    'brackets [ ] ( ) { } < > | #'
    'arrows --> -.-> ==> -> -- <-- ---'
    '<script>alert(1)</script>'
    'backticks `code` and ```fence```'
    'entities #quot; #35; &amp; &#34; &lt; #'
    'back\slash \n \l \N \G \'
    '%% not a comment'
    '} digraph x { a -> b; } subgraph'
    "it's"
    'semi ; colon : pipe | amp & end'
    'caf'$'\xc3\xa9 \xe2\x9c\x93 and \xff'
)
n=${#messages[@]}
project=$SCRATCH/g
mkdir -p "$project"
# h00 the base; h01 and h02 fork from it (h02 labelled), h03 merges them,
# the rest a chain; h05 also depends on h02.
for ((k = 0; k < n; k++)); do
    id=$(printf 'h%02d' "$k")
    case $k in
    0) revises=base ;;
    1 | 2) revises=h00 ;;
    3) revises='h01, h02' ;;
    *) revises=$(printf 'h%02d' $((k - 1))) ;;
    esac
    msg=${messages[$k]}
    {
        printf 'revision %s\nrevises %s\n' "$id" "$revises"
        [ "$k" = 2 ] && printf 'branch side\n'
        [ "$k" = 5 ] && printf 'depends on h02\n'
        printf "message '%s'\n\nupgrade {\n    create table t%s (id int);\n}\n" "${msg//\'/\'\'}" "$id"
    } >"$project/$id.mig"
done

"$MIGC" check "$project" >"$SCRATCH/check.out" 2>&1 ||
    { show_file "migc check" "$SCRATCH/check.out"; fail "migc check refused the hostile project"; }
"$MIGC" build "$project" -o "$SCRATCH/g-migrate" >"$SCRATCH/build.out" 2>&1 ||
    { show_file "migc build" "$SCRATCH/build.out"; fail "migc build refused the hostile project"; }
url=sqlite:///$SCRATCH/g.db
"$SCRATCH/g-migrate" --database-url "$url" upgrade h05 >"$SCRATCH/up.out" 2>&1 ||
    { show_file "upgrade h05" "$SCRATCH/up.out"; fail "the migrator could not upgrade to h05"; }

status=0
for fmt in mermaid dot; do
    "$MIGC" history "$project" --graph --format "$fmt" >"$SCRATCH/migc.$fmt" ||
        fail "migc history --graph --format $fmt failed"
    "$SCRATCH/g-migrate" --database-url "$url" history --graph --format "$fmt" >"$SCRATCH/migrator.$fmt" ||
        fail "the migrator's history --graph --format $fmt failed"
    grep -q current "$SCRATCH/migrator.$fmt" || fail "the migrator's $fmt marks no current revision"
    for who in migc migrator; do
        python3 "$here/check_graph.py" "$fmt" "$project" "$SCRATCH/$who.$fmt" || status=1
    done
done
[ $status = 0 ] || fail "a hostile message changed the picture (above)"
# Graphviz draws it too: as many nodes and arrows as the graph has.
svg=$(dot -Tsvg "$SCRATCH/migc.dot") || fail "dot -Tsvg failed"
[ "$(grep -c 'class="node"' <<<"$svg")" = "$n" ] || fail "the SVG has not $n nodes"
[ "$(grep -c 'class="edge"' <<<"$svg")" = "$((n + 1))" ] || fail "the SVG has not $((n + 1)) arrows"
grep -q '<script' <<<"$svg" && fail "the SVG holds a script element"
echo "ok: hostile messages stay inside their labels in Mermaid and DOT"
