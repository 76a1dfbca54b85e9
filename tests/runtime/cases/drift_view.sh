# A view redefined behind the migrator's back, then dropped.
drift_project
if sqlite_only; then
    q "DROP VIEW big_orders; CREATE VIEW big_orders AS select id, total from orders where total > 200" >/dev/null
    expect_drift 'view "big_orders" is defined as create view big_orders as select id, total from orders where total > 100 in the migrations but as create view big_orders as select id, total from orders where total > 200 in the database' \
        '{"object": "view big_orders", "kind": "definition", "expected": "create view big_orders as select id, total from orders where total > 100", "actual": "create view big_orders as select id, total from orders where total > 200"}'
else
    q "CREATE OR REPLACE VIEW big_orders AS select id, total from orders where total > 200" >/dev/null
    expect_drift 'view "big_orders" is defined as select orders.id, orders.total from orders where orders.total > 100; in the migrations but as select orders.id, orders.total from orders where orders.total > 200; in the database' \
        '{"object": "view big_orders", "kind": "definition", "expected": "select orders.id, orders.total from orders where orders.total > 100;", "actual": "select orders.id, orders.total from orders where orders.total > 200;"}'
fi
expect_err_count 1
q "DROP VIEW big_orders" >/dev/null
expect_drift 'view "big_orders" is in the migrations but missing from the database' \
    '{"object": "view big_orders", "kind": "missing", "expected": "view", "actual": "missing"}'
