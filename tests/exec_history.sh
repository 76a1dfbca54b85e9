#!/bin/bash
# exec_history.sh sqlite|postgres DIR
#
# Runs the migrations of DIR on a real database and checks that the live
# schema is what migc says it is:
#   1. `migc sql DIR --dialect D head` on a fresh database A;
#   2. `migc schema DIR --dialect D` (the compiler's expected schema) on a
#      fresh database B; the schema dumps of A and B must be equal;
#   3. `migc sql DIR --dialect D head:base` on A: A must hold no object;
#   4. the upgrade again on A: its dump must equal the one of step 1.
# A dump is a sorted text form of the live catalog (tables, columns with
# types, nullability and defaults, constraints, indexes, foreign keys, views,
# triggers); column order is not part of it (LANGUAGE.md: a column added back
# comes last).
#
# SQLite: databases are temporary files run through the sqlite3 shell with
# -bail ($MIGC_SQLITE3, default sqlite3). PostgreSQL: fresh databases on the
# server that tests/pg_fixture.sh started, found through the state file
# $MIGC_PG_STATE; statements run with psql -v ON_ERROR_STOP=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

[ $# -eq 2 ] || { echo "usage: $0 sqlite|postgres DIR" >&2; exit 2; }
dialect=$1 dir=$2
[ -d "$dir" ] || fail "no such directory: $dir"
export LC_ALL=C
make_scratch

# ---- SQLite ----------------------------------------------------------------

SQLITE3=${MIGC_SQLITE3:-sqlite3}

sqlite_new() {   # sqlite_new NAME: sets DB to a fresh database (a file path)
    DB=$SCRATCH/$1.db
    rm -f "$DB"
}

sqlite_apply() {   # sqlite_apply DB FILE: exit status of the run, output in $SCRATCH/apply.log
    "$SQLITE3" -bail -batch "$1" <"$2" >"$SCRATCH/apply.log" 2>&1
}

sqlite_dump() {   # sqlite_dump DB
    "$SQLITE3" -bail -batch -noheader -list "$1" <<'SQL' | awk -f "$here/sqlite_dump.awk"
SELECT 'table ' || name FROM sqlite_schema
 WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT char(1) || 'norm' || char(9)
       || 'column ' || m.name || '.' || p.name || ' ' || upper(p.type)
       || CASE WHEN p."notnull" THEN ' not null' ELSE '' END
       || CASE WHEN p.pk > 0 THEN ' primary key #' || p.pk ELSE '' END
       || CASE WHEN p.dflt_value IS NOT NULL THEN ' default ' ELSE '' END
       || char(9) || coalesce(replace(p.dflt_value, char(10), ' '), '')
  FROM sqlite_schema m, pragma_table_info(m.name) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT CASE WHEN il.origin = 'c' THEN char(1) || 'index' || char(9) ELSE '' END
       || 'index ' || m.name || '.'
       || CASE WHEN il.origin = 'c' THEN il.name
               WHEN il.origin = 'pk' THEN '(primary key)' ELSE '(unique constraint)' END
       || CASE WHEN il."unique" THEN ' unique' ELSE '' END
       || ' (' || (SELECT group_concat(k, ', ') FROM (
              SELECT coalesce(x.name, '<expression>')
                     || CASE WHEN x."desc" THEN ' desc' ELSE '' END
                     || CASE WHEN x.coll <> 'BINARY' THEN ' collate ' || x.coll ELSE '' END AS k
                FROM pragma_index_xinfo(il.name) x WHERE x.key ORDER BY x.seqno)) || ')'
       || CASE WHEN il.partial THEN ' partial' ELSE '' END
       || CASE WHEN il.origin = 'c' THEN ': ' || char(9) || replace(
              (SELECT s.sql FROM sqlite_schema s WHERE s.type = 'index' AND s.name = il.name),
              char(10), ' ') ELSE '' END
  FROM sqlite_schema m, pragma_index_list(m.name) il
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT 'foreign key ' || t || ' (' || group_concat(c_from, ', ') || ') references ' || ref
       || ' (' || group_concat(c_to, ', ') || ') on update ' || lower(upd)
       || ' on delete ' || lower(del) || CASE WHEN mat <> 'NONE' THEN ' match ' || mat ELSE '' END
  FROM (SELECT m.name AS t, f.id AS id, f."from" AS c_from,
               coalesce(f."to", '<primary key>') AS c_to, f."table" AS ref,
               f.on_update AS upd, f.on_delete AS del, f."match" AS mat
          FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
         ORDER BY m.name, f.id, f.seq)
 GROUP BY t, id;
SELECT char(1) || 'table' || char(9) || name || char(9) || replace(sql, char(10), ' ')
  FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\';
SELECT char(1) || 'norm' || char(9) || type || ' ' || name
       || CASE WHEN type = 'trigger' THEN ' on ' || tbl_name ELSE '' END || ': '
       || char(9) || replace(sql, char(10), ' ')
  FROM sqlite_schema WHERE type IN ('view', 'trigger');
SELECT 'object ' || type || ' ' || name FROM sqlite_schema
 WHERE type NOT IN ('table', 'index', 'view', 'trigger');
SQL
    local st=("${PIPESTATUS[@]}")
    [ "${st[0]}" -eq 0 ] && [ "${st[1]}" -eq 0 ]
}

# ---- PostgreSQL ------------------------------------------------------------

pg_setup() {
    local state=${MIGC_PG_STATE:-build/tests/pg_fixture.env}
    [ -f "$state" ] || fail "no PostgreSQL server: $state is missing. Run the test through ctest (the fixture pg_start starts the server), or tests/pg_fixture.sh start first, with MIGC_PG_STATE=$state"
    PG_BIN= PGHOST= PGPORT= PGUSER=
    . "$state"
    export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT=10 PGOPTIONS='-c client_min_messages=warning'
    unset PGDATABASE PGPASSWORD PGSERVICE
    PSQL=$PG_BIN/psql
    [ -x "$PSQL" ] || PSQL=psql
    # A database name from the case, unique per run; at most 63 bytes.
    local base
    base=$(basename "$dir" | tr -c 'A-Za-z0-9_\n' '_' | cut -c1-40)
    PG_PREFIX=migc_${base}_$$
    PG_DBS=()
    on_exit pg_drop_all
}

psql_admin() {
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

pg_new() {   # pg_new NAME: creates a fresh database and sets DB to its name
    local db=${PG_PREFIX}_$1
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\" TEMPLATE template0" >"$SCRATCH/createdb.log" 2>&1 ||
        { cat "$SCRATCH/createdb.log" >&2; fail "could not create the database $db on $PGHOST:$PGPORT"; }
    PG_DBS+=("$db")
    DB=$db
}

pg_drop_all() {
    local db
    for db in "${PG_DBS[@]}"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
    done
}

pg_apply() {   # pg_apply DB FILE
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$1" -f "$2" >"$SCRATCH/apply.log" 2>&1
}

pg_dump_schema() {   # pg_dump_schema DB
    "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
-- Schemas other than public and the system's.
SELECT 'schema ' || nspname FROM pg_namespace
 WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\_%';
-- Every relation in public, by kind (r table, v view, S sequence, ...),
-- except the sequences behind identity columns: their names follow the
-- table's name at creation (a renamed table keeps old_id_seq) and the
-- identity itself is on the column line.
SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind NOT IN ('i', 'I', 't', 'c')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i');
SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || CASE a.attidentity WHEN 'a' THEN ' generated always as identity'
                             WHEN 'd' THEN ' generated by default as identity' ELSE '' END
       || coalesce(CASE WHEN a.attgenerated <> '' THEN ' generated as ' ELSE ' default ' END
                   || pg_get_expr(ad.adbin, ad.adrelid), '')
       || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
               THEN ' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND a.attnum > 0 AND NOT a.attisdropped;
SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid, true)
       || CASE WHEN con.condeferrable THEN ' deferrable' ELSE '' END
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public';
SELECT 'index ' || c.relname || '.' || i.relname || ': ' || pg_get_indexdef(i.oid)
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class c ON c.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public';
SELECT 'view ' || c.relname || ': ' || regexp_replace(pg_get_viewdef(c.oid, true), '\s+', ' ', 'g')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm');
SELECT 'trigger ' || c.relname || '.' || tg.tgname || ': ' || pg_get_triggerdef(tg.oid)
  FROM pg_trigger tg
  JOIN pg_class c ON c.oid = tg.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND NOT tg.tgisinternal;
SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public';
SELECT 'type ' || t.typname || ' kind ' || t.typtype::text FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm')
   AND t.typelem = 0;
SQL
}

# ---- the test --------------------------------------------------------------

case $dialect in
sqlite)
    new=sqlite_new apply=sqlite_apply dump=sqlite_dump
    command -v "$SQLITE3" >/dev/null || fail "the sqlite3 shell ($SQLITE3) is not installed"
    ;;
postgres)
    new=pg_new apply=pg_apply dump=pg_dump_schema
    pg_setup
    ;;
*) echo "$0: dialect must be sqlite or postgres, not \"$dialect\"" >&2; exit 2 ;;
esac

# run_migc OUT ARGS...: migc ARGS > OUT, failing the test when migc fails.
run_migc() {
    local out=$1
    shift
    if ! "$MIGC" "$@" >"$out" 2>"$SCRATCH/migc.err"; then
        show_file "stderr of: migc $*" "$SCRATCH/migc.err"
        fail "migc $* failed"
    fi
}

# apply DB FILE WHAT: run the SQL, failing with the database's message and
# the SQL around the line it names.
apply() {
    if ! $apply "$1" "$2"; then
        show_file "$dialect's output" "$SCRATCH/apply.log"
        echo "--- the SQL ($3), numbered ---" >&2
        cat -n "$2" | head -n 400 >&2
        fail "$dialect rejected the SQL of $3"
    fi
}

# same WHAT1 FILE1 WHAT2 FILE2 WHY
same() {
    if ! diff -u --label "$1" --label "$3" "$2" "$4" >"$SCRATCH/diff"; then
        cat "$SCRATCH/diff" >&2
        fail "$5"
    fi
}

dump_sorted() {
    if ! $dump "$1" >"$2.raw" 2>"$SCRATCH/dump.err"; then
        show_file "errors" "$SCRATCH/dump.err"
        fail "could not read the schema of the $dialect database $1"
    fi
    sort "$2.raw" >"$2"
}

up="migc sql $dir --dialect $dialect head"
down="migc sql $dir --dialect $dialect head:base"
schema="migc schema $dir --dialect $dialect"
run_migc "$SCRATCH/up.sql" sql "$dir" --dialect "$dialect" head
run_migc "$SCRATCH/down.sql" sql "$dir" --dialect "$dialect" head:base
run_migc "$SCRATCH/schema.sql" schema "$dir" --dialect "$dialect"

$new live
live=$DB
apply "$live" "$SCRATCH/up.sql" "$up"
dump_sorted "$live" "$SCRATCH/live.dump"

$new expected
expected=$DB
apply "$expected" "$SCRATCH/schema.sql" "$schema"
dump_sorted "$expected" "$SCRATCH/expected.dump"
same "schema built from: $schema" "$SCRATCH/expected.dump" \
     "live schema after: $up" "$SCRATCH/live.dump" \
     "the live $dialect schema after the upgrade differs from the schema migc expects (- expected, + live)"

apply "$live" "$SCRATCH/down.sql" "$down"
dump_sorted "$live" "$SCRATCH/down.dump"
if [ -s "$SCRATCH/down.dump" ]; then
    echo "--- left in the database after: $down ---" >&2
    cat "$SCRATCH/down.dump" >&2
    fail "the downgrade to base left objects in the $dialect database"
fi

apply "$live" "$SCRATCH/up.sql" "$up (after the downgrade)"
dump_sorted "$live" "$SCRATCH/again.dump"
same "live schema after the first upgrade" "$SCRATCH/live.dump" \
     "live schema after downgrade and upgrade" "$SCRATCH/again.dump" \
     "upgrading again after the downgrade to base gives a different $dialect schema"

# Every revision on the way down: downgrading from the heads to R must
# leave exactly the schema migc gives for R (what the derived and written
# downgrades restore, one revision at a time), and upgrading back to the
# heads must give the first schema again.
run_migc "$SCRATCH/history" history "$dir"
steps=0
for rev in $(sed -n 's/^.* -> \([A-Za-z0-9_]*\).*/\1/p' "$SCRATCH/history"); do
    grep -q "^\(.* -> \)\?$rev\( ([a-z, ]*)\)* (head)" "$SCRATCH/history" && continue
    steps=$((steps + 1))
    run_migc "$SCRATCH/to.sql" sql "$dir" --dialect "$dialect" "heads:$rev"
    run_migc "$SCRATCH/back.sql" sql "$dir" --dialect "$dialect" "$rev:heads"
    run_migc "$SCRATCH/at.sql" schema "$dir" --at "$rev" --dialect "$dialect"
    apply "$live" "$SCRATCH/to.sql" "migc sql $dir --dialect $dialect heads:$rev"
    dump_sorted "$live" "$SCRATCH/at_live.dump"
    $new "at_$rev"
    apply "$DB" "$SCRATCH/at.sql" "migc schema $dir --at $rev --dialect $dialect"
    dump_sorted "$DB" "$SCRATCH/at_expected.dump"
    same "schema built from: migc schema --at $rev" "$SCRATCH/at_expected.dump" \
         "live schema after downgrading to $rev" "$SCRATCH/at_live.dump" \
         "downgrading to revision $rev leaves a $dialect schema other than migc's for $rev (- expected, + live)"
    apply "$live" "$SCRATCH/back.sql" "migc sql $dir --dialect $dialect $rev:heads"
    dump_sorted "$live" "$SCRATCH/back.dump"
    same "live schema after the first upgrade" "$SCRATCH/live.dump" \
         "live schema after downgrading to $rev and upgrading back" "$SCRATCH/back.dump" \
         "upgrading back from $rev gives a different $dialect schema"
done

echo "ok: $dir on $dialect: upgrade matches migc schema ($(wc -l <"$SCRATCH/live.dump") catalog lines), downgrade to base leaves nothing, upgrade again matches, and so does each of $steps revisions on the way down"
