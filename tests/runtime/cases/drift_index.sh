# Indexes: one dropped, one added, one whose definition changed.
drift_project
q "DROP INDEX ix_orders_user; CREATE INDEX ix_orders_user ON orders (total); CREATE INDEX ix_users_name ON users (name)" >/dev/null
run 3 ./m check
if sqlite_only; then
    expect_err 'schema drift: table "orders": index "ix_orders_user" is defined as create index ix_orders_user on orders (user_id) in the migrations but as create index ix_orders_user on orders (total) in the database'
else
    expect_err 'schema drift: table "orders": index "ix_orders_user" is defined as create index ix_orders_user on orders using btree (user_id) in the migrations but as create index ix_orders_user on orders using btree (total) in the database'
fi
expect_err 'schema drift: table "users": index "ix_users_name" is in the database but not in the migrations'
run 3 ./m check --json
expect_out '{"object": "index orders.ix_orders_user", "kind": "definition", "expected": "create index ix_orders_user on orders'
expect_out '{"object": "index users.ix_users_name", "kind": "extra", "expected": "missing", "actual": "index"}'
q "DROP INDEX ix_orders_user" >/dev/null
expect_drift 'table "orders": index "ix_orders_user" is in the migrations but missing from the database' \
    '{"object": "index orders.ix_orders_user", "kind": "missing", "expected": "index", "actual": "missing"}'
