# An applied migration whose checksum differs is refused before anything
# runs; a database at a revision the migrator does not know is refused
# with the message users search for, the hint and the table's rows.
run 0 "$DEMO" upgrade 003
q "UPDATE migc_version_applied SET checksum = 'abc' WHERE revision = '001'"
run 1 "$DEMO" upgrade
expect_err "error: checksum mismatch for revision 001"
expect_err "versions/001_users.mig"
expect_versions "003"
run 3 "$DEMO" check
expect_err "checksum mismatch for revision 001"
run 3 "$DEMO" check --json
expect_out '"checksum_mismatch": ["001"]'
q "UPDATE migc_version_applied SET checksum = (SELECT '1111111111111111111111111111111111111111111111111111111111111111') WHERE revision = '001'"
run 3 "$DEMO" check --json -q
expect_out '"checksum_mismatch": [], "unknown": []'
q "UPDATE migc_version SET version_num = 'f00ba4'"
for cmd in upgrade current "downgrade base" "stamp 001" schema; do
    run 1 "$DEMO" $cmd
    expect_err "error: Can't locate revision identified by 'f00ba4'"
    expect_err "detail: The version table \"migc_version\" holds 'f00ba4'."
    expect_err "a newer migrator was run against this database"
done
run 3 "$DEMO" check
expect_err "Can't locate revision identified by 'f00ba4'"
run 3 "$DEMO" check --json
expect_out_is '{"ok": false, "pending": [], "checksum_mismatch": [], "unknown": ["f00ba4"], "drift": []}'
