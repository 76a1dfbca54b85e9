# history --graph after a partial upgrade: the picture marks the applied
# revisions and the current one, draws depends on dashed, and says the
# same in Mermaid and in DOT (which Graphviz must parse); the options'
# misuses are refused with their messages.
mkdir -p g
rev() { # rev ID REVISES [DEPENDS] [LABEL]
    { echo "revision $1"; echo "revises $2"; [ -n "${3:-}" ] && echo "depends on $3"
      [ -n "${4:-}" ] && echo "branch $4"
      echo "message 'create t_$1'"; echo; echo "upgrade { create table t_$1 (x int); }"; } >"g/$1.mig"
}
rev base1 base
rev left1 base1 "" left
rev left2 left1
rev right1 base1
rev right2 right1 left1
run 0 "$MIGC" build g -o m
run 0 ./m upgrade right1
run 0 ./m history --graph
expect_out_is 'flowchart BT
    r0["right2 (head)<br/>create t_right2"]
    r1["right1 (current)<br/>create t_right1"]
    r2["left2 (head)<br/>create t_left2"]
    r3["left1 (left)<br/>create t_left1"]
    r4["base1<br/>create t_base1"]
    r1 --> r0
    r3 -. depends on .-> r0
    r4 --> r1
    r3 --> r2
    r4 --> r3
    classDef head stroke-width:3px
    class r0,r2 head
    classDef applied fill:#d4edda,stroke:#2e7d32
    class r4 applied
    classDef current fill:#8fd19e,stroke:#1b5e20,stroke-width:3px
    class r1 current'
# DOT: the same marks; Graphviz draws every revision and every arrow.
run 0 ./m history --graph --format dot
expect_out '    r1 [label="right1 (current)\ncreate t_right1", style="rounded,filled,bold", fillcolor="#8fd19e"];'
expect_out '    r4 [label="base1\ncreate t_base1", style="rounded,filled", fillcolor="#d4edda"];'
expect_out '    r0 [label="right2 (head)\ncreate t_right2", peripheries=2];'
expect_out '    r3 -> r0 [style=dashed, label="depends on"];'
out >dot.gv
svg=$(dot -Tsvg dot.gv) || fail "dot could not read the DOT history --graph wrote"
[ "$(grep -c 'class="node"' <<<"$svg")" = 5 ] || fail "dot drew $(grep -c 'class="node"' <<<"$svg") nodes, not 5"
[ "$(grep -c 'class="edge"' <<<"$svg")" = 5 ] || fail "dot drew $(grep -c 'class="edge"' <<<"$svg") edges, not 5"
# At both heads: two current, the rest applied; -r cuts the picture as it
# cuts history (right2 and what it needs) and keeps only the arrows
# between revisions shown.
run 0 ./m upgrade heads
run 0 ./m history --graph
expect_out '    r0["right2 (head) (current)<br/>create t_right2"]'
expect_out '    r2["left2 (head) (current)<br/>create t_left2"]'
expect_out '    class r1,r3,r4 applied'
expect_out '    class r0,r2 current'
# -r cuts the picture as history -r cuts the list (Alembic's walk from
# START: left1, which right2 only depends on, is not on it).
run 0 ./m history --graph -r right1:right2
expect_out_is 'flowchart BT
    r0["right2 (head) (current)<br/>create t_right2"]
    r1["right1<br/>create t_right1"]
    r1 --> r0
    classDef head stroke-width:3px
    class r0 head
    classDef applied fill:#d4edda,stroke:#2e7d32
    class r1 applied
    classDef current fill:#8fd19e,stroke:#1b5e20,stroke-width:3px
    class r0 current'
# Misuses.
run 2 ./m history --format dot
expect_err "error: --format needs --graph"
run 2 ./m history --graph --format svg
expect_err 'error: --format takes mermaid or dot, not "svg"'
run 2 ./m history --graph --json
expect_err "error: --graph cannot be combined with --json"
run 2 ./m current --graph
expect_err "error: --graph and --format are not taken by current"
