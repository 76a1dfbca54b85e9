# repair records the checksums of applied migrations edited on purpose,
# naming each, after which check and upgrade accept them again.
project
run 0 "$MIGC" build project -o m1
run 0 ./m1 upgrade
run 0 ./m1 repair
expect_out_is ""
expect_err "Nothing to repair: the checksums of the 5 applied revisions match this migrator"
sed -i 's/varchar(100)/varchar(120)/' project/versions/003_email.mig
sed -i "s/'first'/'first!'/" project/versions/005_tags.mig
run 0 "$MIGC" build project -o m2
run 1 ./m2 upgrade
expect_err "error: checksum mismatch for revision 003"
expect_err "run 'repair'"
run 3 ./m2 check --json
expect_out '"checksum_mismatch": ["003", "005"]'
run 0 ./m2 repair --lock-timeout 5
expect_out "Repaired the checksum of revision 003 (versions/003_email.mig): recorded "
expect_out "Repaired the checksum of revision 005 (versions/005_tags.mig): recorded "
[ "$(out | wc -l)" = 2 ] || fail "repair named more than the two edited revisions"
expect_err "Repaired 2 checksums"
run 3 ./m2 check --json
expect_out '"checksum_mismatch": []'
run 0 ./m2 upgrade
run 1 ./m1 upgrade
expect_err "checksum mismatch for revision 003"
run 2 ./m2 repair 003
expect_err "unexpected argument"
run 0 ./m2 --help
expect_out "repair"
