# A check constraint whose condition changed behind the migrator's back.
drift_project
if sqlite_only; then
    sqlite_edit orders "CHECK (total >= 0)" "CHECK (total > 0)"
    expect_drift 'table "orders": check constraint "orders_total_check" is defined as (total >= 0) in the migrations but as (total > 0) in the database' \
        '{"object": "constraint orders.orders_total_check", "kind": "definition", "expected": "(total >= 0)", "actual": "(total > 0)"}'
else
    q "ALTER TABLE orders DROP CONSTRAINT orders_total_check; ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total > 0)" >/dev/null
    expect_drift 'table "orders": check constraint "orders_total_check" is defined as check (total >= 0) in the migrations but as check (total > 0) in the database' \
        '{"object": "constraint orders.orders_total_check", "kind": "definition", "expected": "check (total >= 0)", "actual": "check (total > 0)"}'
fi
expect_err_count 1
# and dropped altogether
if sqlite_only; then
    sqlite_edit orders ",
    CONSTRAINT orders_total_check CHECK (total > 0)" ""
else
    q "ALTER TABLE orders DROP CONSTRAINT orders_total_check" >/dev/null
fi
expect_drift 'table "orders": check constraint "orders_total_check" is in the migrations but missing from the database' \
    '{"object": "constraint orders.orders_total_check", "kind": "missing", "expected": "check constraint", "actual": "missing"}'
