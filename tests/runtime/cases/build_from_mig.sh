# migc build turns a .mig history (a branch, a merge, a table rebuild on
# SQLite) into one executable that upgrades, checks and downgrades a real
# database, and carries SQLite itself.
project
run 0 "$MIGC" build project -o app-migrate
[ -x app-migrate ] || fail "no executable written"
run 0 ./app-migrate --version
[ "$(out | head -1)" = "app-migrate (migc 0.1.0)" ] || fail "the first line of --version is not: app-migrate (migc 0.1.0)"
run 0 ./app-migrate upgrade
expect_err "Running upgrade 004 -> 005, add tags ("
run 0 ./app-migrate check
expect_out "OK: the database is at 005 and its schema matches"
if sqlite_only; then
    expect_q "SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'name'" "0"
else
    expect_q "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'name'" "YES"
fi
expect_q "SELECT label FROM tags" "first"
run 0 ./app-migrate schema
expect_out "CREATE UNIQUE INDEX ix_users_email ON users (email);"
run 0 ./app-migrate downgrade 003
expect_versions "002,003"
run 3 ./app-migrate check
run 0 ./app-migrate downgrade base
[ "$(tables)" = "migc_version,migc_version_applied" ] || fail "tables left after downgrade base: $(tables)"
run 0 ./app-migrate upgrade heads
run 0 ./app-migrate check
ldd app-migrate > deps.txt 2>&1
grep -q "libsqlite3\\|libpq" deps.txt && fail "the migrator links SQLite or libpq dynamically: $(cat deps.txt)"
# options
reset_db
run 0 "$MIGC" build project -o m2 --name shop-migrate --default-url "$DATABASE_URL" \
    --url-env SHOP_DB --version-table alembic_version
run 0 ./m2 --version
[ "$(out | head -1)" = "shop-migrate (migc 0.1.0)" ] || fail "the first line of --version is not: shop-migrate (migc 0.1.0)"
other_db first
first=$OTHER_URL
(unset DATABASE_URL; SHOP_DB=$first run 0 ./m2 upgrade 001) || exit 1
run 0 ./m2 current --database-url "$first"
expect_out_is "001"
(unset DATABASE_URL; run 0 ./m2 upgrade 002) || exit 1
expect_q "SELECT version_num FROM alembic_version" "002"
expect_q "SELECT count(*) FROM alembic_version_applied" "2"
if sqlite_only; then
    # the default URL names a file after the migrator
    rm -f app-migrate.db
    (unset DATABASE_URL; run 0 ./app-migrate upgrade 001) || exit 1
    [ -f app-migrate.db ] || fail "the default URL is not sqlite:///app-migrate.db"
fi
true
