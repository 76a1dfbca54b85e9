# The more types on a real database: check finds no drift after the
# migrator's upgrade, nor on a database written by hand the way a user
# would (serial, an extension's type, arrays, precisions), and finds a
# type or a serial's default changed by hand.
mkdir -p p
if postgres_only; then
    cat >p/001_accounts.mig <<'EOF'
revision 001
revises base
message 'accounts with the more types'
upgrade {
    create extension if not exists citext;
    create table accounts (
        id      serial primary key,
        email   native 'citext' not null,
        seen    timestamp(3) with time zone,
        tags    text[] not null default '{}',
        addr    inet,
        ticket  bigserial
    );
}
downgrade {
    drop table accounts;
    drop extension citext;
}
EOF
    run 0 "$MIGC" build p -o m --dialect postgres
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
    run 0 ./m downgrade base
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"

    # The same table written by hand, then stamped.
    other_db hand
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "${PG_DB}_hand" -c "CREATE EXTENSION citext;
        CREATE TABLE accounts (id serial PRIMARY KEY, email citext NOT NULL,
            seen timestamptz(3), tags text[] NOT NULL DEFAULT '{}', addr inet,
            ticket bigserial)" >/dev/null || fail "could not write the table by hand"
    DATABASE_URL=$OTHER_URL run 0 ./m stamp head
    DATABASE_URL=$OTHER_URL run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"

    q "ALTER TABLE accounts ALTER COLUMN seen TYPE timestamptz(6)" >/dev/null
    expect_drift 'table "accounts": column "seen" is timestamp(3) with time zone in the migrations but timestamp(6) with time zone in the database' \
        '{"object": "column accounts.seen", "kind": "type", "expected": "timestamp(3) with time zone", "actual": "timestamp(6) with time zone"}'
    expect_err_count 1
    q "ALTER TABLE accounts ALTER COLUMN seen TYPE timestamptz(3); ALTER TABLE accounts ALTER COLUMN ticket DROP DEFAULT" >/dev/null
    run 3 ./m check
    expect_err "column \"ticket\""
    expect_err_count 1
    q "ALTER TABLE accounts ALTER COLUMN ticket SET DEFAULT nextval('accounts_ticket_seq'::regclass); ALTER TABLE accounts ALTER COLUMN email TYPE text" >/dev/null
    expect_drift 'table "accounts": column "email" is citext in the migrations but text in the database' \
        '"expected": "citext", "actual": "text"'
    expect_err_count 1
else
    cat >p/001_events.mig <<'EOF'
revision 001
revises base
message 'events with the more types'
upgrade {
    create table events (
        id       serial primary key,
        at_      timestamp(3) with time zone not null,
        created  datetime,
        payload  native 'JSON',
        title    character varying(20)
    );
}
EOF
    run 0 "$MIGC" build p -o m
    run 0 ./m upgrade
    run 0 ./m check
    expect_out "OK: the database is at 001 and its schema matches"
    expect_q "SELECT type FROM pragma_table_info('events') ORDER BY cid" "$(printf 'INTEGER\nTIMESTAMP(3)\nDATETIME\nJSON\nVARCHAR(20)')"
    run 0 "$SQLITE3" test.db "INSERT INTO events (at_) VALUES ('2026-01-01'); INSERT INTO events (at_) VALUES ('2026-01-02')"
    expect_q "SELECT group_concat(id) FROM events" "1,2"
    sqlite_edit events "created DATETIME" "created TIMESTAMP"
    expect_drift 'table "events": column "created" is datetime in the migrations but timestamp in the database' \
        '{"object": "column events.created", "kind": "type", "expected": "datetime", "actual": "timestamp"}'
    expect_err_count 1
    sqlite_edit events "created TIMESTAMP" "created DATETIME"
    sqlite_edit events "payload JSON" "payload TEXT"
    expect_drift 'table "events": column "payload" is json in the migrations but text in the database' \
        '"expected": "json", "actual": "text"'
fi
