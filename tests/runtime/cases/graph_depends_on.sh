# Two branches where right2 depends on left1: downgrading left1's branch
# keeps right2 and the table it created, the version rows stay one per
# head, and the refusals say what Alembic says, changing nothing.
mkdir -p g
rev() { # rev ID REVISES [DEPENDS]
    { echo "revision $1"; echo "revises $2"; [ -n "${3:-}" ] && echo "depends on $3"
      echo "message 'create t_$1'"; echo; echo "upgrade { create table t_$1 (x int); }"; } >"g/$1.mig"
}
rev base1 base
rev left1 base1
rev left2 left1
rev right1 base1
rev right2 right1 left1
run 0 "$MIGC" build g -o m
run 0 ./m upgrade heads
expect_versions "left2,right2"
run 0 ./m downgrade left1
expect_err "Running downgrade left2 -> left1"
expect_no_err "right2"
expect_versions "right2"
[ "$(tables)" = "migc_version,migc_version_applied,t_base1,t_left1,t_right1,t_right2" ] ||
    fail "tables after downgrade left1: $(tables)"
# left1 is applied only as right2's dependency: nothing above it is.
run 2 ./m downgrade left1
expect_err "error: Destination left1 is not a valid downgrade target from current head(s)"
run 2 ./m downgrade left2
expect_err "error: Destination left2 is not a valid downgrade target from current head(s)"
run 2 ./m upgrade -1
expect_err "error: Relative revision -1 didn't produce 1 migrations"
run 2 ./m downgrade +1
expect_err "error: Relative revision +1 didn't produce 1 migrations"
expect_versions "right2"
run 0 ./m upgrade right2
expect_err "Nothing to upgrade: the database is already at or above right2"
# What keeps left1: the graph commands show the dependency.
run 0 ./m history
expect_out "right1 (left1) -> right2 (head) (current), create t_right2"
run 0 ./m heads
expect_out "right2 (head) (depends on left1)"
run 0 ./m current
expect_out_is "right2 (head) (depends on left1)"
run 0 ./m history --json
expect_out '"revision": "right2", "parents": ["right1"], "depends_on": ["left1"]'
run 0 ./m downgrade base
expect_versions ""
[ "$(tables)" = "migc_version,migc_version_applied" ] || fail "tables after downgrade base: $(tables)"
