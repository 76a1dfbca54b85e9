# stamp sets the recorded revision without running anything; it replaces
# the rows on the target's lineage and keeps other branches' heads.
run 0 "$DEMO" stamp 003
expect_err "Stamped <base> -> 003"
expect_versions "003"
[ "$(tables)" = "migc_version,migc_version_applied" ] || fail "stamp ran migrations: $(tables)"
run 0 "$DEMO" stamp 002
expect_versions "002,003"
run 0 "$DEMO" stamp 001
expect_versions "001"
run 0 "$DEMO" stamp heads
expect_versions "005"
run 0 "$DEMO" stamp base
expect_versions ""
# stamped revisions have no applied row: unverified, not a mismatch
run 0 "$DEMO" stamp 002
run 0 "$DEMO" history --verbose
expect_out "State: applied (unverified"
# --purge empties the table first, even when it names an unknown revision
q "INSERT INTO migc_version VALUES ('zzz')"
run 1 "$DEMO" stamp 001
expect_err "Can't locate revision identified by 'zzz'"
run 0 "$DEMO" stamp --purge 001
expect_err "Stamped 002, zzz -> 001 (purged the version table first)"
expect_versions "001"
run 0 "$DEMO" stamp --purge base
expect_err "Stamped 001 -> <base> (purged the version table first)"
expect_versions ""
run 0 "$DEMO" stamp --purge base
expect_err "Stamped <base> -> <base> (purged the version table first)"
run 0 "$DEMO" stamp 001
# stamping down forgets applied rows that no longer hold
run 0 "$DEMO" stamp base
run 0 "$DEMO" upgrade 003
expect_q "SELECT count(*) FROM migc_version_applied WHERE revision = '003'" "1"
run 0 "$DEMO" stamp 001
expect_q "SELECT count(*) FROM migc_version_applied WHERE revision = '003'" "0"
