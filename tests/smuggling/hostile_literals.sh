#!/bin/bash
# hostile_literals.sh
#
# Strings written in a .mig file reach SQL only as quoted literals, in the
# statements this round added too: an enum type's values (created, renamed,
# and on SQLite written into the check of every column of the type), the
# default and check of such a column, and the rows inserted into it. One
# migration per hostile string (quotes, "--", "/*", "*/", "$$", ";" with a
# statement after it, backslashes, trigraphs, a tab, UTF-8), each against a
# database holding a table named precious:
#   - migc check passes without a word;
#   - migc sql's script runs in the sqlite3 shell and in psql (ON_ERROR_STOP)
#     and leaves precious in place;
#   - the values read back from both databases are the strings, byte for
#     byte;
#   - the built migrator upgrades a SQLite file to the same rows, and its
#     live-schema check finds no drift but precious.
set -u
. "$(dirname "$0")/../common.sh"
. "$(dirname "$0")/../pg_dump.sh"
SQLITE3=${MIGC_SQLITE3:-sqlite3}
make_scratch
dir=hostile_literals

strings=(
    "it's"
    'a "quoted" word'
    "'); DROP TABLE precious; --"
    'dash -- dash'
    '/* open'
    'close */'
    'dollar $$ quote'
    'semi ; colon'
    'back\slash\'
    '??/ trigraph ??='
    $'tab\there'
    'caf'$'\xc3\xa9'
)
n=${#strings[@]}
mig() { printf '%s' "${1//\'/\'\'}"; }   # the string as a .mig literal's body

proj=$SCRATCH/proj
mkdir -p "$proj/versions"
parent=base
for ((k = 0; k < n; k++)); do
    s=$(mig "${strings[$k]}")
    id=$(printf 'r%02d' "$k")
    cat >"$proj/versions/${id}.mig" <<MIG
revision $id
revises $parent
message 'hostile literal $k'

upgrade {
    create type e$k as enum ('$s', 'plain');
    create table t$k (
        id integer primary key,
        v  e$k not null default '$s',
        n  text default '$s' check (n <> '$s' || 'x')
    );
    insert into t$k (id, v, n) values (1, '$s', '$s');
    alter type e$k rename value '$s' to '$s!';
}
MIG
    parent=$id
done

"$MIGC" check "$proj" >"$SCRATCH/check.out" 2>&1 || { show_file "migc check" "$SCRATCH/check.out"; fail "migc check failed"; }
[ -s "$SCRATCH/check.out" ] && { show_file "migc check" "$SCRATCH/check.out"; fail "migc check printed diagnostics"; }
for d in sqlite postgres; do
    "$MIGC" sql "$proj" --dialect $d head >"$SCRATCH/$d.sql" 2>"$SCRATCH/$d.err" ||
        { show_file "migc sql --dialect $d" "$SCRATCH/$d.err"; fail "migc sql --dialect $d failed"; }
done

# want K: what row K must hold, v and n, tab-separated.
want() { printf '%s!\t%s' "${strings[$1]}" "${strings[$1]}"; }

# SQLite: the shell runs the script on a database holding precious.
db=$SCRATCH/shell.db
"$SQLITE3" "$db" 'CREATE TABLE precious (x INTEGER)' || fail "could not create $db"
"$SQLITE3" -bail "$db" <"$SCRATCH/sqlite.sql" >"$SCRATCH/shell.log" 2>&1 ||
    { show_file "sqlite3 shell" "$SCRATCH/shell.log"; fail "the sqlite3 shell failed on the script"; }
read_sqlite() {   # read_sqlite DB: checks precious and every row
    local k got
    "$SQLITE3" "$1" "SELECT 1 FROM precious" >/dev/null 2>&1 || fail "$1: the table precious is gone"
    for ((k = 0; k < n; k++)); do
        got=$("$SQLITE3" -separator $'\t' "$1" "SELECT v, n FROM t$k WHERE id = 1")
        [ "$got" = "$(want $k)" ] || fail "$1: t$k holds \"$got\", expected \"$(want $k)\""
    done
}
read_sqlite "$db"
echo "ok: the sqlite3 shell ran the script; precious kept, every string read back"

# PostgreSQL: psql runs the script on a fresh database holding precious.
pg_setup
pg_new shell
psql_admin -d "$DB" -c 'CREATE TABLE precious (x integer)' >/dev/null || fail "could not create precious"
pg_apply "$DB" "$SCRATCH/postgres.sql" || { show_file psql "$SCRATCH/apply.log"; fail "psql failed on the script"; }
"$PSQL" -X -q -d "$DB" -c 'SELECT 1 FROM precious' >/dev/null 2>&1 || fail "PostgreSQL: the table precious is gone"
for ((k = 0; k < n; k++)); do
    got=$("$PSQL" -X -q -A -t -F $'\t' -d "$DB" -c "SELECT v, n FROM t$k WHERE id = 1")
    [ "$got" = "$(want $k)" ] || fail "PostgreSQL: t$k holds \"$got\", expected \"$(want $k)\""
    labels=$("$PSQL" -X -q -A -t -d "$DB" -c "SELECT string_agg(enumlabel, '|' ORDER BY enumsortorder)
                                                FROM pg_enum WHERE enumtypid = 'e$k'::regtype")
    [ "$labels" = "${strings[$k]}!|plain" ] || fail "PostgreSQL: e$k has the values \"$labels\""
done
echo "ok: psql ran the script; precious kept, every string and enum value read back"

# The migrator: the same rows, and no drift.
"$MIGC" build "$proj" -o "$SCRATCH/migrate" >"$SCRATCH/build.log" 2>&1 ||
    { show_file "migc build" "$SCRATCH/build.log"; fail "migc build failed"; }
mdb=$SCRATCH/migrator.db
"$SQLITE3" "$mdb" 'CREATE TABLE precious (x INTEGER)' || fail "could not create $mdb"
"$SCRATCH/migrate" upgrade head --database-url "sqlite:///$mdb" >"$SCRATCH/up.log" 2>&1 ||
    { show_file "upgrade head" "$SCRATCH/up.log"; fail "the migrator's upgrade failed"; }
read_sqlite "$mdb"
# precious is the one object the migrations do not know: the only drift.
"$SCRATCH/migrate" check --database-url "sqlite:///$mdb" >"$SCRATCH/mcheck.log" 2>&1
rc=$?
[ $rc -eq 3 ] && [ "$(cat "$SCRATCH/mcheck.log")" = 'schema drift: table "precious" is in the database but not in the migrations' ] ||
    { show_file "check (exit $rc)" "$SCRATCH/mcheck.log"; fail "the migrator's check should report precious, and only it"; }
echo "ok: the migrator wrote the same rows and its check finds no drift but precious"
