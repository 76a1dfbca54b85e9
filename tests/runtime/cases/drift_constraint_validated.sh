# A constraint added not valid and validated by hand, before the
# migration that validates it: PostgreSQL's catalog says so, and check
# reports it. SQLite ignores not valid: each step checks clean there,
# and a key made deferrable by hand is reported instead.
mkdir -p nv
cat >nv/001_init.mig <<'MIG'
revision 001
revises base
message 'tables'

upgrade {
    create table customers (id bigint primary key);
    create table orders (
        id          bigint primary key,
        customer_id bigint,
        total       integer
    );
}
MIG
cat >nv/002_not_valid.mig <<'MIG'
revision 002
revises 001
message 'keys added without checking the rows'

upgrade {
    alter table orders add constraint orders_total_check check (total >= 0) not valid,
        add constraint orders_customer_fkey foreign key (customer_id) references customers
            not valid;
}
MIG
run 0 "$MIGC" build nv -o m2
run 0 ./m2 upgrade
run 0 ./m2 check
expect_out "OK: the database is at 002 and its schema matches"
if postgres_only; then
    q "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check" >/dev/null
    run 3 ./m2 check --json
    expect_out '{"object": "constraint orders.orders_total_check", "kind": "definition", "expected": "check (total >= 0) not valid", "actual": "check (total >= 0)"}'
    run 3 ./m2 check
    expect_err 'schema drift: table "orders": check constraint "orders_total_check" is defined as check (total >= 0) not valid in the migrations but as check (total >= 0) in the database'
    expect_err_count 1
    q "ALTER TABLE orders DROP CONSTRAINT orders_total_check, ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID" >/dev/null
    run 0 ./m2 check
fi
# SQLite tells a deferrable key only in the table's SQL, which check reads.
if sqlite_only; then
    sqlite_edit orders "REFERENCES customers (id)" "REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED"
    run 3 ./m2 check
    expect_err 'schema drift: table "orders": foreign key (customer_id) is defined as references customers (id) on update no action on delete no action in the migrations but as references customers (id) on update no action on delete no action deferrable initially deferred in the database'
    expect_err_count 1
    sqlite_edit orders "REFERENCES customers (id) DEFERRABLE INITIALLY DEFERRED" "REFERENCES customers (id)"
    run 0 ./m2 check
fi
# The migration that validates them, and its downgrade, which makes both
# not valid again: the two-revision migrator then finds its schema.
cat >nv/003_validate.mig <<'MIG'
revision 003
revises 002
message 'validate them'

upgrade {
    alter table orders validate constraint orders_total_check;
    alter table orders validate constraint orders_customer_fkey;
}
MIG
run 0 "$MIGC" build nv -o m3
run 0 ./m3 upgrade
run 0 ./m3 check
expect_out "OK: the database is at 003 and its schema matches"
run 0 ./m3 downgrade 002
run 0 ./m2 check
expect_out "OK: the database is at 002 and its schema matches"
if postgres_only; then
    expect_q "SELECT string_agg(conname || ' ' || convalidated, ', ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('c', 'f')" \
        "orders_customer_fkey false, orders_total_check false"
fi
