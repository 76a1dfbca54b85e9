# Reserved words and mixed case as table, column, index and view names,
# and as the version table's name, are quoted right on the real database:
# upgrade, check, schema, downgrade and upgrade again. On PostgreSQL the
# same runs in a schema whose name needs quoting (--schema), apart from
# the default one.
cp -r "$RUNTIME_TESTS/reserved" res
run 0 "$MIGC" build res -o m --version-table select
run 0 ./m upgrade
expect_err "Running upgrade 001 -> 002, alter the reserved tables"
expect_q "SELECT \"select\" || ' ' || \"from\" FROM \"order\"" "it's 2"
expect_q "SELECT version_num FROM \"select\"" "002"
expect_q "SELECT count(*) FROM \"select_applied\"" "2"
run 0 ./m check
expect_out "OK: the database is at 002 and its schema matches"
run 0 ./m schema
expect_out 'CREATE INDEX "index" ON "user" ("order");'
run 0 ./m downgrade base
expect_q "SELECT count(*) FROM \"select_applied\"" "0"
[ "$(tables)" = "select,select_applied" ] || fail "left after downgrade base: $(tables)"
run 0 ./m upgrade
run 0 ./m check
if postgres_only; then
    run 0 ./m upgrade --schema "Order Schema"
    expect_q "SELECT count(*) FROM \"Order Schema\".\"order\"" "1"
    expect_q "SELECT version_num FROM \"Order Schema\".\"select\"" "002"
    run 0 ./m check --schema "Order Schema"
    run 0 ./m current --schema "Order Schema"
    expect_out_is "002 (head)"
    run 0 ./m downgrade base --schema "Order Schema"
    expect_q "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'Order Schema'" "select,select_applied"
    # the default schema was left alone
    expect_q "SELECT version_num FROM \"select\"" "002"
    run 0 ./m check
    # search_path in the URL does what --schema does
    run 0 ./m upgrade --database-url "$DATABASE_URL?options=-csearch_path%3D%22Order%5C%20Schema%22"
    expect_q "SELECT version_num FROM \"Order Schema\".\"select\"" "002"
else
    run 2 ./m upgrade --schema other
    expect_err "--schema is for PostgreSQL"
fi
