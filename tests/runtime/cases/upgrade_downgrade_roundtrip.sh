# upgrade to head applies every migration in order with progress lines;
# downgrade base reverts them all and leaves no table but the bookkeeping.
run 0 "$DEMO" upgrade
expect_err "Running upgrade <base> -> 001, create users ("
expect_err "Running upgrade 002, 003 -> 004, merge branches ("
expect_err "Running upgrade 004 -> 005, add tags ("
expect_versions "005"
expect_q "SELECT count(*) FROM migc_version_applied" "5"
expect_q "SELECT label FROM tags" "first"
run 0 "$DEMO" current
expect_out_is "005 (head)"
run 0 "$DEMO" upgrade head
[ "$(err)" = "Nothing to upgrade: the database is already at or above head" ] ||
    fail "a second upgrade did more than say it had nothing to do: $(err)"
run 0 "$DEMO" downgrade base
expect_err "Running downgrade 005 -> 004, add tags ("
expect_err "Running downgrade 001 -> <base>, create users ("
expect_versions ""
expect_q "SELECT count(*) FROM migc_version_applied" "0"
[ "$(tables)" = "migc_version,migc_version_applied" ] || fail "tables: $(tables), expected migc_version,migc_version_applied"
run 0 "$DEMO" current
expect_out_is ""
run 0 "$DEMO" upgrade -q
[ -z "$(err)" ] || fail "-q still printed progress"
expect_q "SELECT revision || ' ' || length(checksum) || ' ' || CASE WHEN duration_ms >= 0 THEN 1 ELSE 0 END || ' ' || migrator FROM migc_version_applied WHERE revision = '001'" "001 64 1 demo-migrate (migc 0.1.0)"
