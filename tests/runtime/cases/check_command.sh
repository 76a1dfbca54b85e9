# check: exit 0 at head with matching checksums and schema; exit 3 for
# pending revisions, a checksum mismatch, an unknown revision or drift.
# (check never creates a database: on SQLite, an empty file is one.)
if sqlite_only; then : > test.db; fi
run 3 "$DEMO" check
expect_err "Target database is not up to date: 5 revisions pending: 001, 002, 003, 004, 005"
expect_err "hint: Run 'upgrade head'"
run 0 "$DEMO" upgrade
run 0 "$DEMO" check
expect_out "OK: the database is at 005 and its schema matches"
# drift: a column the migrations do not know, a missing index, a table
q "ALTER TABLE users ADD COLUMN nickname TEXT; DROP INDEX ix_users_email; CREATE TABLE stray (x INTEGER)"
run 3 "$DEMO" check
expect_err 'schema drift: table "users": column "nickname" is in the database but not in the migrations'
expect_err 'schema drift: table "users": index "ix_users_email" is in the migrations but missing from the database'
expect_err 'schema drift: table "stray" is in the database but not in the migrations'
run 3 "$DEMO" check --json
expect_out '{"object": "column users.nickname", "kind": "extra", "expected": "missing", "actual": "column"}'
expect_out '{"object": "index users.ix_users_email", "kind": "missing", "expected": "index", "actual": "missing"}'
expect_out '{"object": "table stray", "kind": "extra", "expected": "missing", "actual": "table"}'
expect_no_out 'column stray.x'
