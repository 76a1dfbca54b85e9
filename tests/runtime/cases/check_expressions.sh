# The live-schema check on expressions the database prints its own way
# (casts, case, extract, greatest/least; on PostgreSQL also any/all,
# arrays, intervals, subscripts, at time zone, similar to and the
# regular-expression and JSON operators; collate and is distinct from on
# both) in
# defaults, checks, index expressions and predicates: after the upgrade,
# check finds no drift, and a changed check is still told apart.
cp -r "$RUNTIME_TESTS/../golden/expressions" expressions
run 0 "$MIGC" build expressions -o m
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at 004 and its schema matches"
if postgres_only; then
    q "ALTER TABLE orders DROP CONSTRAINT orders_year_check; ALTER TABLE orders ADD CONSTRAINT orders_year_check CHECK (EXTRACT(year FROM placed_on) >= 2001)" >/dev/null
    run 3 ./m check
    expect_err 'check constraint "orders_year_check" is defined as'
    reset_db
    cp -r "$RUNTIME_TESTS/../golden/postgres_operators" operators
    run 1 "$MIGC" build operators -o p
    expect_err 'operator "~" is not supported on SQLite'
    expect_err 'hint: Target only PostgreSQL with --dialect postgres.'
    run 0 "$MIGC" build operators -o p --dialect postgres
    run 0 ./p upgrade
    run 0 ./p check
    expect_out "OK: the database is at 003 and its schema matches"
    # is [not] distinct from, at time zone, collate, similar to and
    # subscripts, as PostgreSQL prints them back.
    reset_db
    cp -r "$RUNTIME_TESTS/../golden/postgres_expressions" more
    run 0 "$MIGC" build more -o x --dialect postgres
    run 0 ./x upgrade
    run 0 ./x check
    expect_out "OK: the database is at 002 and its schema matches"
    q "ALTER TABLE events DROP CONSTRAINT events_name_check; ALTER TABLE events ADD CONSTRAINT events_name_check CHECK (name SIMILAR TO '[a-y]%')" >/dev/null
    run 3 ./x check
    expect_err 'check constraint "events_name_check" is defined as'
else
    sqlite_edit orders "CAST(strftime('%Y', placed_on) AS INTEGER) >= 2000" "CAST(strftime('%Y', placed_on) AS INTEGER) >= 2001"
    run 3 ./m check
    expect_err 'check constraint "orders_year_check" is defined as'
fi
