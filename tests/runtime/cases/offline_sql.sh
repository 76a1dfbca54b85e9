# --sql prints the SQL of a range without touching any database.
run 0 "$DEMO" upgrade --sql
[ -z "$(tables)" ] || fail "--sql touched the database"
if sqlite_only; then expect_out "PRAGMA foreign_keys = OFF;"; fi
expect_out 'CREATE TABLE IF NOT EXISTS "migc_version" (version_num VARCHAR(32) NOT NULL'
expect_out "-- Running upgrade 001 -> 003, add email"
expect_out "-- versions/003_email.mig:7"
expect_out "CREATE INDEX ix_users_email ON users (email);"
expect_out "DELETE FROM \"migc_version\" WHERE version_num IN ('002', '003');"
expect_out "INSERT INTO \"migc_version\" (version_num) VALUES ('004');"
[ "$(out | grep -c '^BEGIN;')" = 5 ] || fail "expected one transaction per migration"
run 0 "$DEMO" upgrade --sql 002:004
expect_no_out "create users"
expect_no_out "add posts"
expect_out "-- Running upgrade 001 -> 003, add email"
expect_no_out "add tags"
run 0 "$DEMO" upgrade --sql --transaction all
[ "$(out | grep -c '^BEGIN;')" = 1 ] || fail "--transaction all: expected one transaction"
run 2 "$DEMO" downgrade --sql base
expect_err "an offline downgrade needs a range FROM:TO"
run 0 "$DEMO" downgrade --sql head:001
expect_out "-- Running downgrade 005 -> 004, add tags"
expect_out "DROP TABLE posts;"
expect_no_out "DROP TABLE users;"
run 0 "$DEMO" upgrade --sql --dialect postgres
expect_no_out "PRAGMA"
expect_out "CREATE INDEX ix_users_email ON users (email);"
run 2 "$DEMO" upgrade --sql --dialect oracle
expect_err "unrecognized dialect \"oracle\""
[ -z "$(tables)" ] || fail "--sql created tables"
