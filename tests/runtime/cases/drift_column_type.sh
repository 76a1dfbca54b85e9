# A column whose type differs from the one the migrations give it.
drift_project
if sqlite_only; then
    sqlite_edit users "email VARCHAR(100)" "email TEXT"
    expect_drift 'table "users": column "email" is varchar(100) in the migrations but text in the database' \
        '{"object": "column users.email", "kind": "type", "expected": "varchar(100)", "actual": "text"}'
else
    q "ALTER TABLE users ALTER COLUMN email TYPE text" >/dev/null
    expect_drift 'table "users": column "email" is character varying(100) in the migrations but text in the database' \
        '{"object": "column users.email", "kind": "type", "expected": "character varying(100)", "actual": "text"}'
fi
expect_err_count 1
