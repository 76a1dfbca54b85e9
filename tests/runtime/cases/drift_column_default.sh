# A column whose default differs, and one whose default is gone.
drift_project
if sqlite_only; then
    sqlite_edit users "DEFAULT 'new'" "DEFAULT 'old'"
    sqlite_edit orders "total INTEGER NOT NULL DEFAULT 0" "total INTEGER NOT NULL"
    expect_drift "table \"users\": column \"status\" has default 'new' in the migrations but default 'old' in the database" \
        "{\"object\": \"column users.status\", \"kind\": \"default\", \"expected\": \"'new'\", \"actual\": \"'old'\"}"
else
    q "ALTER TABLE users ALTER COLUMN status SET DEFAULT 'old'; ALTER TABLE orders ALTER COLUMN total DROP DEFAULT" >/dev/null
    expect_drift "table \"users\": column \"status\" has default 'new'::character varying in the migrations but default 'old'::character varying in the database" \
        "{\"object\": \"column users.status\", \"kind\": \"default\", \"expected\": \"'new'::character varying\", \"actual\": \"'old'::character varying\"}"
fi
expect_err 'schema drift: table "orders": column "total" has default 0 in the migrations but no default in the database'
run 3 ./m check --json
expect_out '{"object": "column orders.total", "kind": "default", "expected": "0", "actual": "none"}'
