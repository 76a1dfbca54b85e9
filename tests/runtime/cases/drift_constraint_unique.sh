# A unique constraint gone from the database (SQLite knows a unique
# constraint by its columns, PostgreSQL by its name).
drift_project
if sqlite_only; then
    sqlite_edit users "UNIQUE (email)" "UNIQUE (name)"
    expect_drift 'table "users": unique constraint (email) is in the migrations but missing from the database' \
        '{"object": "constraint users.(email)", "kind": "missing", "expected": "unique constraint", "actual": "missing"}'
    expect_err 'schema drift: table "users": unique constraint (name) is in the database but not in the migrations'
else
    q "ALTER TABLE users DROP CONSTRAINT users_email_key" >/dev/null
    expect_drift 'table "users": unique constraint "users_email_key" is in the migrations but missing from the database' \
        '{"object": "constraint users.users_email_key", "kind": "missing", "expected": "unique constraint", "actual": "missing"}'
    expect_err_count 1
fi
