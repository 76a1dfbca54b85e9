# current, history (plain, verbose, ranges), heads, branches and show.
run 0 "$DEMO" upgrade 003
run 0 "$DEMO" current
expect_out_is "003"
run 0 "$DEMO" current --verbose
expect_out "Current revision(s) for $DATABASE_URL:"
expect_out "Rev: 003 (current)"
expect_err "Target database is not up to date: 3 revisions pending: 002, 004, 005"
expect_err "hint: Run 'upgrade head'"
run 0 "$DEMO" history
expect_out "004 -> 005 (head), add tags"
expect_out "002, 003 -> 004 (mergepoint), merge branches"
expect_out "001 -> 003 (current), add email"
expect_out "001 -> 002 (posts), add posts"
expect_out "<base> -> 001 (branchpoint), create users"
[ "$(out | head -1)" = "004 -> 005 (head), add tags" ] || fail "history is not newest first"
run 0 "$DEMO" history --verbose
expect_out "Rev: 005 (head)"
expect_out "Path: versions/005_tags.mig"
expect_out "State: pending"
expect_out "State: applied 20"
expect_out "Merges: 002, 003"
# As Alembic's history -r: what 004 needs that 002 lacks, 002 included,
# kept to 002's descendants (003, on the other side of the merge, is not).
run 0 "$DEMO" history -r 002:004
[ "$(out | wc -l)" = 2 ] || fail "history -r 002:004 shows $(out | wc -l) lines"
expect_no_out "add email"
expect_no_out "add tags"
expect_no_out "create users"
run 0 "$DEMO" history -r :001
expect_out_is "<base> -> 001 (branchpoint), create users"
run 0 "$DEMO" heads
expect_out_is "005 (head)"
run 0 "$DEMO" branches
expect_out "001 (branchpoint), create users"
expect_out "    -> 002 (posts), add posts"
expect_out "    -> 003, add email"
run 2 "$DEMO" show 0
expect_err "revision prefix '0' is ambiguous"
run 0 "$DEMO" show 004
expect_out "Rev: 004 (mergepoint)"
expect_out "Merges: 002, 003"
expect_out "    merge branches"
run 0 "$DEMO" show posts@head
expect_out "Rev: 005 (head)"
