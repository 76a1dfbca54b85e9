# Every target form, Alembic's rules on a branched graph, and the errors
# for unknown, ambiguous and out-of-range targets (exit 2).
run 0 "$DEMO" upgrade +1
expect_versions "001"
run 2 "$DEMO" upgrade +1
expect_err "Relative revision +1 is ambiguous"
expect_err "002, 003"
run 0 "$DEMO" upgrade 002
expect_versions "002"
run 0 "$DEMO" upgrade 003
expect_versions "002,003"
run 2 "$DEMO" downgrade -1
expect_err "Relative revision -1 is ambiguous: the database has several heads"
expect_err "hint: Use REV-1 or LABEL@-1"
run 0 "$DEMO" downgrade posts@-1
expect_versions "003"
run 0 "$DEMO" upgrade posts@+1
expect_versions "002,003"
run 2 "$DEMO" upgrade 0
expect_err "revision prefix '0' is ambiguous"
expect_err "001, 002, 003, 004, 005"
run 2 "$DEMO" upgrade nosuch
expect_err "error: Can't locate revision identified by 'nosuch'"
run 0 "$DEMO" upgrade heads
expect_versions "005"
run 2 "$DEMO" upgrade +1
expect_err "Relative revision +1 didn't produce 1 migrations"
run 0 "$DEMO" downgrade 005-1
expect_versions "004"
run 2 "$DEMO" downgrade -1
expect_err "Relative revision -1 is ambiguous"
run 0 "$DEMO" downgrade 002
expect_versions "002,003"
# As in Alembic, LABEL@base on a graph with one root is base: the label
# narrows the revisions reverted only when there are several roots.
run 0 "$DEMO" downgrade posts@base
expect_versions ""
run 0 "$DEMO" upgrade posts@head
expect_versions "005"
run 0 "$DEMO" downgrade 001
expect_versions "001"
run 2 "$DEMO" upgrade 001+3
expect_err "Relative revision 001+3 is ambiguous"
run 0 "$DEMO" upgrade 002+2
expect_err "Running upgrade 004 -> 005"
run 2 "$DEMO" upgrade 002+5
expect_err "Relative revision 002+5 didn't produce 5 migrations"
run 0 "$DEMO" downgrade 003-1
expect_versions "001"
run 2 "$DEMO" downgrade -2
expect_err "Relative revision -2 didn't produce 2 migrations"
run 0 "$DEMO" downgrade -1
expect_versions ""
run 2 "$DEMO" downgrade -1
expect_err "didn't produce 1 migrations"
run 0 "$DEMO" upgrade +1
expect_versions "001"
run 2 "$DEMO" downgrade
expect_err "downgrade needs a target"
