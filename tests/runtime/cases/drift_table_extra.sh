# A table no migration creates: one line for it, none for its columns.
drift_project
q "CREATE TABLE stray (x INTEGER, y TEXT)" >/dev/null
expect_drift 'table "stray" is in the database but not in the migrations' \
    '{"object": "table stray", "kind": "extra", "expected": "missing", "actual": "table"}'
expect_no_out 'stray.x'
expect_err_count 1
