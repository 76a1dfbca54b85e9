# A table the migrations create, dropped behind the migrator's back.
drift_project
q "DROP TABLE notes" >/dev/null
expect_drift 'table "notes" is in the migrations but missing from the database' \
    '{"object": "table notes", "kind": "missing", "expected": "table", "actual": "missing"}'
expect_err_count 1
