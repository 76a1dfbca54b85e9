# A foreign key gone from the database, and one added.
drift_project
if sqlite_only; then
    sqlite_edit orders ",
    CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)" ""
    sqlite_edit notes "body TEXT" "body TEXT REFERENCES users (id) ON DELETE CASCADE"
    expect_drift 'table "orders": foreign key (user_id) is in the migrations but missing from the database' \
        '{"object": "constraint orders.(user_id)", "kind": "missing", "expected": "foreign key", "actual": "missing"}'
    expect_err 'schema drift: table "notes": foreign key (body) is in the database but not in the migrations'
else
    q "ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey; ALTER TABLE notes ADD CONSTRAINT notes_body_fkey FOREIGN KEY (id) REFERENCES users (id) ON DELETE CASCADE" >/dev/null
    expect_drift 'table "orders": foreign key "orders_user_id_fkey" is in the migrations but missing from the database' \
        '{"object": "constraint orders.orders_user_id_fkey", "kind": "missing", "expected": "foreign key", "actual": "missing"}'
    expect_err 'schema drift: table "notes": foreign key "notes_body_fkey" is in the database but not in the migrations'
fi
expect_err_count 2
