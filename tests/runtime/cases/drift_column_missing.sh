# A column dropped behind the migrator's back.
drift_project
q "ALTER TABLE users DROP COLUMN name" >/dev/null
expect_drift 'table "users": column "name" is in the migrations but missing from the database' \
    '{"object": "column users.name", "kind": "missing", "expected": "column", "actual": "missing"}'
expect_err_count 1
