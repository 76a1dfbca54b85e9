# PostgreSQL extensions are database-wide: check compares the database's
# (plpgsql aside) with the migrations' own. One created by hand is drift,
# and so is one of the migrations dropped by hand. SQLite has none.
mkdir -p ext
if postgres_only; then
    cat >ext/001_init.mig <<'MIG'
revision 001
revises base
message 'people'

upgrade {
    create extension citext;
    create extension if not exists pg_trgm;
    create table people (id bigint primary key, email native 'citext');
}
MIG
    run 0 "$MIGC" build ext -o m --dialect postgres
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
    q "CREATE EXTENSION hstore" >/dev/null
    expect_drift 'extension "hstore" is in the database but not in the migrations' \
        '{"object": "extension hstore", "kind": "extra", "expected": "missing", "actual": "extension"}'
    expect_err_count 1
    q "DROP EXTENSION hstore; DROP EXTENSION pg_trgm" >/dev/null
    expect_drift 'extension "pg_trgm" is in the migrations but missing from the database' \
        '{"object": "extension pg_trgm", "kind": "missing", "expected": "extension", "actual": "missing"}'
    expect_err_count 1
    q "CREATE EXTENSION pg_trgm" >/dev/null
    run 0 ./m check
    # Where the migrations name an extension's schema, check compares it
    # (pg_extension.extnamespace); where they name none, it is not compared.
    cat >ext/002_hstore.mig <<'MIG'
revision 002
revises 001
message 'hstore in its own schema'

upgrade {
    create extension hstore schema ext_schema;
}
downgrade {
    drop extension hstore;
}
MIG
    q "CREATE SCHEMA ext_schema; CREATE SCHEMA other" >/dev/null
    run 0 "$MIGC" build ext -o m --dialect postgres
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 002 and its schema matches"
    q "ALTER EXTENSION hstore SET SCHEMA other; ALTER EXTENSION pg_trgm SET SCHEMA other" >/dev/null
    expect_drift 'extension "hstore" is in schema ext_schema in the migrations but in schema other in the database' \
        '{"object": "extension hstore", "kind": "schema", "expected": "ext_schema", "actual": "other"}'
    expect_err_count 1
    q "ALTER EXTENSION hstore SET SCHEMA ext_schema" >/dev/null
    run 0 ./m check
    # The downgrade drops them.
    run 0 ./m downgrade base
    expect_q "SELECT count(*) FROM pg_extension WHERE extname IN ('citext', 'pg_trgm')" 0
else
    cat >ext/001_init.mig <<'MIG'
revision 001
revises base
message 'people'

upgrade {
    create table people (id bigint primary key);
}
MIG
    run 0 "$MIGC" build ext -o m
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
fi
