# The offline SQL (migc sql, upgrade --sql) piped into the standard client
# run without options stops at the first failing statement: its first line
# is psql's \set ON_ERROR_STOP on or the sqlite3 shell's .bail on. Here
# 002 adds a foreign key that a row breaks (on SQLite: a table rebuild
# whose foreign-key check fails) and 003 creates a table: after the
# failure neither 002 commits nor 003 runs, and the version stays 001.
# With --no-client-settings the line is left out, and the clients go on.
mkdir -p mig
cat >mig/001_tables.mig <<'MIG'
revision 001
revises base
message 'parent and child'
upgrade {
    create table parent (id int primary key);
    create table child (id int primary key, parent_id int);
    insert into child (id, parent_id) values (1, 99);
}
MIG
cat >mig/002_fk.mig <<'MIG'
revision 002
revises 001
message 'child references parent'
upgrade {
    alter table child add constraint child_parent_fkey foreign key (parent_id) references parent (id);
}
MIG
cat >mig/003_more.mig <<'MIG'
revision 003
revises 002
message 'after the failure'
upgrade {
    create table after_failure (id int primary key);
}
MIG
run 0 "$MIGC" build mig -o app
if sqlite_only; then settings=".bail on" other="\\set ON_ERROR_STOP on"; else settings="\\set ON_ERROR_STOP on" other=".bail on"; fi

# client FILE: the script piped into the standard client, run without options.
client() {
    if postgres_only; then
        "$PSQL" -X -d "$PG_DB" <"$1" >client.log 2>&1
    else
        "$SQLITE3" test.db <"$1" >client.log 2>&1
    fi
}
# The child table's foreign keys, as the database has them.
child_fks() {
    if postgres_only; then
        q "SELECT count(*) FROM pg_constraint WHERE conrelid = 'child'::regclass AND contype = 'f'"
    else
        q "SELECT count(*) FROM pragma_foreign_key_list('child')"
    fi
}

for how in migc migrator; do
    reset_db
    if [ $how = migc ]; then
        run 0 "$MIGC" sql mig --dialect "$DIALECT" 001
        out >up1.sql
        run 0 "$MIGC" sql mig --dialect "$DIALECT" 001:head
    else
        run 0 ./app upgrade --sql 001
        out >up1.sql
        run 0 ./app upgrade --sql 001:head
    fi
    [ "$(out | head -n 1)" = "$settings" ] || fail "$how: the script does not begin with \"$settings\""
    expect_no_out "$other"
    out >up.sql
    client up1.sql || { cat client.log >&2; fail "$how: the script up to 001 failed"; }
    client up.sql && { cat client.log >&2; fail "$how: the client ran a failing script to the end with exit status 0"; }
    grep -q "child_parent_fkey\|FOREIGN KEY\|foreign_key" client.log ||
        { cat client.log >&2; fail "$how: the client did not report the foreign-key failure"; }
    [ "$(tables | tr , '\n' | grep -c after_failure)" = 0 ] ||
        fail "$how: the migration after the failing one ran (table after_failure exists)"
    [ "$(child_fks)" = 0 ] || fail "$how: the failed migration committed (child has a foreign key)"
    [ $how = migrator ] && expect_versions 001
done

# Without the settings the client goes on: 003 runs after 002 failed.
reset_db
run 0 ./app upgrade --sql 001
out >up1.sql
run 0 ./app upgrade --sql --no-client-settings 001:head
expect_no_out "$settings"
[ "$(out | head -n 1)" != "$settings" ] || fail "--no-client-settings left the settings in"
out >bare.sql
client up1.sql || { cat client.log >&2; fail "the script up to 001 failed"; }
client bare.sql
[ "$(tables | tr , '\n' | grep -c after_failure)" = 1 ] ||
    fail "without client settings the client was expected to go on past the failure"
# ... and on SQLite the rebuild whose foreign-key check failed commits.
if sqlite_only; then [ "$(child_fks)" = 1 ] || fail "without .bail the failed rebuild was expected to commit"; fi
run 0 "$MIGC" sql mig --dialect "$DIALECT" --no-client-settings
expect_no_out "$settings"
run 2 ./app upgrade --no-client-settings
expect_err "--no-client-settings needs --sql"
run 2 ./app current --no-client-settings
expect_err "--no-client-settings and --transaction are not taken by current"
