# A primary key gone from the database.
drift_project
if sqlite_only; then
    sqlite_edit notes ",
    CONSTRAINT notes_pkey PRIMARY KEY (id)" ""
    expect_drift 'table "notes": primary key (id) is in the migrations but missing from the database' \
        '{"object": "constraint notes.(id)", "kind": "missing", "expected": "primary key", "actual": "missing"}'
else
    q "ALTER TABLE notes DROP CONSTRAINT notes_pkey" >/dev/null
    expect_drift 'table "notes": primary key "notes_pkey" is in the migrations but missing from the database' \
        '{"object": "constraint notes.notes_pkey", "kind": "missing", "expected": "primary key", "actual": "missing"}'
fi
expect_err_count 1
