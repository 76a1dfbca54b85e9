# A cycle of foreign keys (tests/histories/fk_cycle_by_alter: two tables, then the
# key that closes the cycle, then that key dropped): check builds the
# expected schema and finds no drift after every step, both ways, and
# schema prints SQL that applies. PostgreSQL checks a referenced table at
# CREATE TABLE, so there keys to other tables come as ALTER TABLE. Then
# the cycle closed on one unmerged head while the other head changes a
# table of it: check at both heads.
rm -rf fk_cycle
cp -r "$RUNTIME_TESTS/../histories/fk_cycle_by_alter" fk_cycle
run 0 "$MIGC" build fk_cycle -o m
# check_at REV PENDING: below head, check exits 3 for the pending
# revisions (a JSON list) alone, having found no drift at REV.
check_at() {
    if [ "$1" = 003 ]; then
        run 0 ./m check
        expect_out "OK: the database is at 003 and its schema matches"
    else
        run 3 ./m check --json
        expect_out_is "{\"ok\": false, \"pending\": $2, \"checksum_mismatch\": [], \"unknown\": [], \"drift\": []}"
    fi
}
run 0 ./m upgrade 001
check_at 001 '["002", "003"]'
run 0 ./m upgrade 002
check_at 002 '["003"]'
run 0 ./m schema
if postgres_only; then
    expect_out_is "CREATE TABLE players (
    id INTEGER NOT NULL,
    team_id INTEGER NOT NULL,
    CONSTRAINT players_pkey PRIMARY KEY (id)
);

CREATE TABLE teams (
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    captain INTEGER,
    CONSTRAINT teams_pkey PRIMARY KEY (id)
);

ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE;

ALTER TABLE teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain) REFERENCES players (id) ON DELETE SET NULL;"
else
    expect_no_out "ALTER TABLE"
    expect_out "REFERENCES teams (id) ON DELETE CASCADE"
    expect_out "REFERENCES players (id) ON DELETE SET NULL"
fi
# The printed schema builds the same database.
out >schema.sql
reset_db
if postgres_only; then
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$PG_DB" -f schema.sql >/dev/null || fail "the printed schema does not apply"
else
    "$SQLITE3" -bail test.db <schema.sql || fail "the printed schema does not apply"
fi
run 0 ./m stamp 002
check_at 002 '["003"]'
run 0 ./m upgrade 003
check_at 003
run 0 ./m downgrade 002
check_at 002 '["003"]'
run 0 ./m downgrade 001
check_at 001 '["002", "003"]'
# A key dropped by hand from the cycle is still found missing.
run 0 ./m upgrade 002
if postgres_only; then
    q "ALTER TABLE players DROP CONSTRAINT players_team_id_fkey" >/dev/null
    run 3 ./m check
    expect_err "Target database is not up to date: 1 revision pending: 003"
    expect_err 'schema drift: table "players": foreign key "players_team_id_fkey" is in the migrations but missing from the database'
fi
run 0 ./m downgrade base
[ "$(tables)" = "migc_version,migc_version_applied" ] || fail "tables left after downgrade base: $(tables)"

# Two heads: one closes the cycle, the other changes the other table.
rm -f fk_cycle/002_*.mig fk_cycle/003_*.mig
cat >fk_cycle/002_captain.mig <<'EOF'
revision 002
revises 001
message 'captain'

upgrade {
    alter table teams add column captain integer;
    -- migc: allow foreign-key-validation: a new, empty column
    alter table teams add constraint teams_captain_fkey foreign key (captain)
        references players (id);
}
EOF
cat >fk_cycle/003_nick.mig <<'EOF'
revision 003
revises 001
message 'nick'

upgrade {
    alter table players add column nick text;
}
EOF
run 0 "$MIGC" build fk_cycle -o m2
run 0 ./m2 upgrade heads
run 0 ./m2 check
expect_out "OK: the database is at 002, 003 and its schema matches"
run 0 ./m2 downgrade base
