# migc build turns a .mig history (a branch, a merge, a table rebuild on
# SQLite) into one executable that upgrades, checks and downgrades a real
# database, and carries SQLite itself.
project
run 0 "$MIGC" build project -o app-migrate
[ -x app-migrate ] || fail "no executable written"
run 0 ./app-migrate --version
expect_out_is "app-migrate (migc 0.1.0)"
run 0 ./app-migrate upgrade
expect_err "Running upgrade 004 -> 005, add tags ("
[ -f app-migrate.db ] || fail "the default URL is not sqlite:///app-migrate.db"
run 0 ./app-migrate check
expect_out "OK: the database is at 005 and its schema matches"
expect_q app-migrate.db "SELECT \"notnull\" FROM pragma_table_info('users') WHERE name = 'name'" "0"
expect_q app-migrate.db "SELECT label FROM tags" "first"
run 0 ./app-migrate schema
expect_out "CREATE UNIQUE INDEX ix_users_email ON users (email);"
run 0 ./app-migrate downgrade 003
expect_q app-migrate.db "SELECT group_concat(version_num) FROM (SELECT version_num FROM migc_version ORDER BY 1)" "002,003"
run 3 ./app-migrate check
run 0 ./app-migrate downgrade base
expect_q app-migrate.db "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' ORDER BY name" "migc_version,migc_version_applied"
run 0 ./app-migrate upgrade heads
run 0 ./app-migrate check
ldd app-migrate > deps.txt 2>&1
grep -q "libsqlite3\\|libpq" deps.txt && fail "the migrator links SQLite or libpq dynamically: $(cat deps.txt)"
# options
run 0 "$MIGC" build project -o m2 --name shop-migrate --default-url sqlite:///shop.db \
    --url-env SHOP_DB --version-table alembic_version
run 0 ./m2 --version
expect_out_is "shop-migrate (migc 0.1.0)"
run 0 ./m2 upgrade 001
[ -f shop.db ] || fail "--default-url was not used"
expect_q shop.db "SELECT version_num FROM alembic_version" "001"
expect_q shop.db "SELECT count(*) FROM alembic_version_applied" "1"
SHOP_DB=sqlite:///other.db run 0 ./m2 upgrade 001
[ -f other.db ] || fail "--url-env was not used"
