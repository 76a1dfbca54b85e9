# Two unmerged heads: upgrade head is refused with the message users meet;
# upgrade heads applies both; LABEL@head picks one.
project
rm project/versions/004_merge.mig project/versions/005_tags.mig
run 0 "$MIGC" build project -o m
run 2 ./m upgrade
expect_err "error: Multiple heads detected: 002, 003"
expect_err "migc merge heads"
expect_err "heads"
[ -z "$(tables)" ] || fail "a refused upgrade left tables: $(tables)"
run 0 ./m upgrade posts@head
expect_versions "002"
run 0 ./m upgrade heads
expect_versions "002,003"
run 0 ./m current
expect_out "002 (head)"
expect_out "003 (head)"
run 0 ./m heads --json
expect_out_is '{"heads": ["002", "003"]}'
run 0 ./m check
run 0 ./m schema
expect_out "CREATE TABLE posts"
expect_out "email VARCHAR(100)"
