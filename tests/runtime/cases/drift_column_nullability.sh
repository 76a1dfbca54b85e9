# A not null column that accepts nulls in the database, and the reverse.
drift_project
if sqlite_only; then
    sqlite_edit users "email VARCHAR(100) NOT NULL" "email VARCHAR(100)"
    sqlite_edit users "name TEXT" "name TEXT NOT NULL"
else
    q "ALTER TABLE users ALTER COLUMN email DROP NOT NULL; ALTER TABLE users ALTER COLUMN name SET NOT NULL" >/dev/null
fi
expect_drift 'table "users": column "email" is not null in the migrations but nullable in the database' \
    '{"object": "column users.email", "kind": "nullability", "expected": "not null", "actual": "null"}'
expect_err 'schema drift: table "users": column "name" is nullable in the migrations but not null in the database'
