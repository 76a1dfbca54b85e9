# upgrade --rehearse and downgrade --rehearse run the range for real in one
# transaction and roll it back: schema, data and version tables are left
# byte-identical; each migration is reported (time, rows written, on
# PostgreSQL the locks it took), as text and as --json; a failing migration
# is reported with its file:line and the database's message, the ones
# that build on it are not run, those on another branch still are, and
# the exit status is 1; a range holding a transaction none migration is
# refused unless --skip-nontransactional, which lists what it left out.
here=$RUNTIME_TESTS/..
. "$here/sqlite_dump.sh"
. "$here/pg_dump.sh"
# Everything a rehearsal must leave as it was: the catalog, the version
# tables and the rows.
snapshot() {
    if postgres_only; then
        pg_dump_schema "$PG_DB" | sort
    else
        sqlite_dump test.db
    fi
    q "SELECT version_num FROM migc_version ORDER BY 1"
    q "SELECT revision, checksum, applied_at, duration_ms FROM migc_version_applied ORDER BY 1"
    q "SELECT id, name FROM users ORDER BY id"
}
# On SQLite the rollback puts back every page: the file itself is
# byte-identical.
expect_unchanged() {
    snapshot >after.txt || fail "could not dump the database"
    diff before.txt after.txt >&2 || fail "the rehearsal changed the database ($1)"
    if sqlite_only; then
        cmp before.db test.db >&2 || fail "the rehearsal changed the bytes of the database file ($1)"
    fi
}
take_snapshot() {
    snapshot >before.txt || fail "could not dump the database"
    if sqlite_only; then cp test.db before.db; fi
}
json() {   # json PYTHON-EXPR: evaluates EXPR over the last stdout, parsed as j
    python3 -c "import json, sys; j = json.load(open(sys.argv[1])); print($1)" "$work/.out" ||
        fail "stdout is not JSON: $(out)"
}

project
run 0 "$MIGC" build project -o m

if sqlite_only; then
    # a rehearsal on a database that does not exist yet leaves no file
    run 0 ./m upgrade --rehearse
    expect_out "Rehearsing the upgrade of 5 revisions from <base>"
    [ ! -e test.db ] || fail "the rehearsal left a database file"
fi

run 0 ./m upgrade 001 -q
q "INSERT INTO users (id, name) VALUES (1, 'ada')" >/dev/null
take_snapshot

run 0 ./m upgrade --rehearse
expect_out "Rehearsing the upgrade of 4 revisions from 001, in one transaction rolled back at the end"
expect_out "  003 add email: ran in "
expect_out "  005 add tags: ran in "
expect_out "Rehearsal: 4 of 4 revisions ran, 0 failed, 0 not run, 0 skipped;"
expect_out "rolled back, nothing was committed"
expect_out "  003          ran "
if postgres_only; then
    expect_out "    locks: ACCESS EXCLUSIVE on users"
    expect_out "ACCESS EXCLUSIVE on posts (new)"
else
    expect_no_out "locks:"
fi
expect_unchanged "upgrade --rehearse"
expect_versions "001"

run 0 ./m upgrade heads --rehearse --json
[ "$(json 'j["ok"], j["command"], j["ran"], j["failed"], [m["revision"] + " " + m["status"] for m in j["migrations"]]')" = \
  "True upgrade 4 0 ['003 ran', '002 ran', '004 ran', '005 ran']" ] || fail "unexpected JSON: $(out)"
[ "$(json '[m["rows_written"] for m in j["migrations"] if m["revision"] == "005"][0]')" -ge 1 ] ||
    fail "005 inserts a row, yet no row written: $(out)"
if postgres_only; then
    [ "$(json '{"relation": "users", "mode": "ACCESS EXCLUSIVE", "new": False} in j["migrations"][0]["locks"]')" = True ] ||
        fail "the JSON lacks 003's lock on users: $(out)"
else
    [ "$(json 'j["migrations"][0]["locks"]')" = None ] || fail "SQLite reports locks: $(out)"
fi
expect_unchanged "upgrade --rehearse --json"

# downgrade --rehearse, from head
run 0 ./m upgrade -q
take_snapshot
run 0 ./m downgrade 001 --rehearse
expect_out "Rehearsing the downgrade of 4 revisions from 005"
expect_out "Rehearsal: 4 of 4 revisions ran, 0 failed"
expect_unchanged "downgrade --rehearse"
expect_versions "005"

# a failing migration: the one that builds on it is not run, the one on
# another branch is, and the status is 1
cat > project/versions/006_bad.mig <<'MIG'
revision 006
revises 005
message 'bad'

upgrade {
    create table bad (id integer primary key);
    sql sqlite $$ insert into nosuch values (1) $$;
    sql postgres $$ insert into nosuch values (1) $$;
}
downgrade {
    drop table bad;
}
MIG
cat > project/versions/007_after.mig <<'MIG'
revision 007
revises 006
message 'after bad'

upgrade {
    create table after_bad (id integer primary key);
}
MIG
cat > project/versions/008_side.mig <<'MIG'
revision 008
revises 005
message 'side branch'

upgrade {
    alter table tags add column color text;
}
MIG
run 0 "$MIGC" build project -o m
run 1 ./m upgrade heads --rehearse
if sqlite_only; then
    line=7 msg="no such table: nosuch"
else
    line=8 msg='relation "nosuch" does not exist (SQLSTATE 42P01)'
fi
expect_out "  006 bad: failed after "
expect_out "at versions/006_bad.mig:$line: $msg"
expect_out "  007 after bad: not run: it builds on 006, which failed"
expect_out "  008 side branch: ran in "
expect_out "Rehearsal: 1 of 3 revisions ran, 1 failed, 1 not run, 0 skipped;"
expect_err "versions/006_bad.mig:$line: error: the rehearsed upgrade of revision 006 failed: $msg"
postgres_only && expect_out "    locks: ACCESS EXCLUSIVE on tags"
run 1 ./m upgrade heads --rehearse --json
[ "$(json 'j["ok"], sorted((m["revision"], m["status"]) for m in j["migrations"]), [(m["error"]["line"], m["error"]["message"]) for m in j["migrations"] if m["status"] == "failed"]')" = \
  "False [('006', 'failed'), ('007', 'not run'), ('008', 'ran')] [($line, '$msg')]" ] || fail "unexpected JSON: $(out)"
expect_unchanged "a failing rehearsal"
expect_versions "005"

# transaction none: refused, or left out with --skip-nontransactional
rm project/versions/00[678]_*.mig
cat > project/versions/006_none.mig <<'MIG'
revision 006
revises 005
message 'outside a transaction'
transaction none

upgrade {
    create index ix_tags_label on tags (label);
}
MIG
cat > project/versions/007_after.mig <<'MIG'
revision 007
revises 006
message 'after'

upgrade {
    create table later (id integer primary key);
}
MIG
run 0 "$MIGC" build project -o m
run 1 ./m upgrade --rehearse
expect_err "error: cannot rehearse the upgrade: revision 006 is declared transaction none"
expect_err "hint: Add --skip-nontransactional to rehearse the rest of the range without it."
expect_no_out "Rehearsing"
run 0 ./m upgrade --rehearse --skip-nontransactional
expect_out "  006 outside a transaction: skipped: it is declared transaction none"
expect_out "  007 after: ran in "
expect_out "Rehearsal: 1 of 2 revisions ran, 0 failed, 0 not run, 1 skipped;"
expect_unchanged "--skip-nontransactional"

# what a rehearsal cannot be combined with
run 2 ./m upgrade --rehearse --sql
expect_err "error: --rehearse cannot be combined with --sql"
run 2 ./m upgrade --skip-nontransactional
expect_err "error: --skip-nontransactional needs --rehearse"
run 2 ./m upgrade --json
expect_err "error: --json needs --rehearse with upgrade"
run 2 ./m stamp head --rehearse
expect_err "error: --rehearse and --skip-nontransactional are not taken by stamp"
run 0 ./m --help
expect_out "--rehearse"
expect_out "--skip-nontransactional"
