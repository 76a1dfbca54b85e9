# A database the migrator cannot read as its own says which table or file
# is wrong and what to do: a file that is not a SQLite database, a
# bookkeeping table with other columns (another tool's), and a schema
# made without migc, which is adopted with stamp rather than built again.
mkdir -p bk/versions
cat > bk/versions/001_customers.mig <<'MIG'
revision 001
revises base
message 'customers'

upgrade {
    create table customers (id integer primary key, name text);
}
MIG
run 0 "$MIGC" build bk -o m

if sqlite_only; then
    echo "name,email" > notdb.db
    for cmd in current upgrade history; do
        run 1 ./m --database-url sqlite:///notdb.db $cmd
        expect_err "/notdb.db\" is not a SQLite database"
        expect_err "detail: SQLite says: file is not a database."
        expect_err "hint: Check the database URL: it should name this project's SQLite database file."
        expect_no_err "query failed"
    done
fi

# The version table of another tool.
q "CREATE TABLE migc_version (x TEXT)" >/dev/null
for cmd in current upgrade; do
    run 1 ./m $cmd
    expect_err "error: table \"migc_version\" is not a migc bookkeeping table: "
    expect_err "detail: migc keeps its bookkeeping in \"migc_version\" with the column version_num; this table has others."
    expect_err "hint: If another tool owns \"migc_version\", build the migrator with another --version-table"
done
reset_db
q "CREATE TABLE migc_version (version_num VARCHAR(32)); CREATE TABLE migc_version_applied (y TEXT)" >/dev/null
run 1 ./m history
expect_err "error: table \"migc_version_applied\" is not a migc bookkeeping table: "
expect_err "with the columns revision, checksum, applied_at, duration_ms, migrator; this table has others."

# Tables but no revision recorded: made by hand, to be adopted with stamp.
reset_db
q "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)" >/dev/null
run 1 ./m upgrade
expect_err "upgrade of revision 001 failed at versions/001_customers.mig:6"
expect_err "hint: Nothing of revision 001 was applied; the database is as it was before it. The database has no revision recorded but holds tables (\"customers\"): if they are this project's schema, made by hand or by another tool, adopt them with 'stamp REV' at the revision they match, then run 'upgrade'."
run 0 ./m current
expect_out_is ""
expect_err "hint: The database has no revision recorded but holds tables (\"customers\"): if they are this project's schema"
run 0 ./m stamp 001
run 0 ./m current
expect_out_is "001 (head)"
expect_no_err "hint"
# An empty database (which exists) gets no such hint.
reset_db
q "CREATE TABLE scratch (a INTEGER); DROP TABLE scratch" >/dev/null
run 0 ./m current
expect_no_err "hint"
