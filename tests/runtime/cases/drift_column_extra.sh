# A column added behind the migrator's back.
drift_project
q "ALTER TABLE users ADD COLUMN nickname TEXT" >/dev/null
expect_drift 'table "users": column "nickname" is in the database but not in the migrations' \
    '{"object": "column users.nickname", "kind": "extra", "expected": "missing", "actual": "column"}'
expect_err_count 1
