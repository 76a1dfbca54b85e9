#!/bin/bash
# run.sh compile|postgres PROJECT
# run.sh record PROJECT --originals DIR
#
# A real application's PostgreSQL schema, ported to .mig (PROJECT/migrations)
# from its original SQL, checked against what that SQL builds on a real
# server. The original files are not kept here (PROJECT/README.md says where
# they come from); PROJECT/expected holds the catalogs they build, recorded:
#
# compile: `migc check --dialect postgres` must pass (the projects target
#   PostgreSQL only), with no error and no warning but those listed in
#   PROJECT/warnings (lint is off: a port keeps the original's steps).
#
# record, on the server of tests/pg_fixture.sh: DIR holds the original's
#   files; PROJECT/steps pairs them with the port's revisions
#   (`REVISION UP.sql [DOWN.sql]`, paths relative to DIR). psql runs the
#   UP.sql files one by one on a fresh database, and the catalog after each
#   goes to PROJECT/expected/up-REVISION.catalog (tables, columns with
#   format_type, nullability, defaults, identity and generation,
#   constraints, indexes, views, triggers, functions with their
#   definitions, types, enum labels in order, sequences and what owns them,
#   extensions, materialized views and whether they hold rows, row-level
#   security and policies, and each table's row count; nothing that names
#   the database, the server or the run). Then
#   the built migrator's `stamp head` and `check` on that database, which
#   must report no drift (only here: the test has no original database).
#   When every step names a DOWN.sql,
#   they run back, the catalog before each into
#   PROJECT/expected/down-REVISION.catalog, and must leave nothing.
#
# postgres, on the server of tests/pg_fixture.sh:
#   1. step by step, the built migrator runs `upgrade REVISION` on a fresh
#      database, and its catalog (the version tables left out) is compared
#      with PROJECT/expected/up-REVISION.catalog;
#   2. the migrator's `check` at head must report no drift: every object
#      of the port is native or declared by the `sql` block creating it
#      (PROJECT/drift says so in comments, and must list nothing);
#   3. downgrades: when every step names a DOWN.sql, step by step back,
#      `downgrade` to the previous revision, compared with
#      PROJECT/expected/down-REVISION.catalog; else `downgrade base`. At
#      base the database must be empty.
# The catalog differences of steps 1 and 3 must be exactly those listed in
# PROJECT/differences ("REV:" or "down REV:" then the diff line, < for the
# original, > for the port; lines starting with # explain the ones below
# them); an empty list is the goal.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"

usage() {
    echo "usage: $0 compile|postgres PROJECT" >&2
    echo "       $0 record PROJECT --originals DIR" >&2
    exit 2
}
[ $# -ge 2 ] || usage
mode=$1 dir=$2 originals=
if [ "$mode" = record ]; then
    [ $# -eq 4 ] && [ "$3" = --originals ] || usage
    originals=$4
    [ -d "$originals" ] || fail "no such directory: $originals"
else
    [ $# -eq 2 ] || usage
fi
[ -d "$dir/migrations" ] || fail "no such project: $dir/migrations"
export LC_ALL=C
make_scratch

# expected FILE OUT: FILE without comments and blank lines, sorted, into OUT
# (an absent FILE is an empty list).
expected() {
    if [ -f "$1" ]; then
        grep -v '^#' "$1" | grep -v '^$' | sort >"$2"
    else
        : >"$2"
    fi
}

compile() {
    "$MIGC" check "$dir/migrations" --dialect postgres --no-lint >"$SCRATCH/check.out" 2>"$SCRATCH/check.err"
    local rc=$?
    if [ $rc -ne 0 ] || grep -q 'error:' "$SCRATCH/check.err"; then
        show_file "migc check" "$SCRATCH/check.err"
        fail "migc check $dir/migrations --dialect postgres failed (exit $rc)"
    fi
    grep ': warning: ' "$SCRATCH/check.err" | sed "s|^$dir/||" | sort >"$SCRATCH/warnings.got"
    expected "$dir/warnings" "$SCRATCH/warnings.want"
    if ! diff -u --label "$dir/warnings (expected)" --label "migc check" \
            "$SCRATCH/warnings.want" "$SCRATCH/warnings.got" >&2; then
        fail "migc check warns otherwise than $dir/warnings lists"
    fi
    echo "ok: $dir compiles for PostgreSQL: $(ls "$dir"/migrations/*.mig | wc -l) revisions, $(wc -l <"$SCRATCH/warnings.want") expected warnings"
}

# ---- postgres ----------------------------------------------------------------

# The catalog beyond pg_dump_schema: enum labels in order, sequences with
# their type and owner (serial's, not identity's), extensions, row counts,
# and what makes the objects of `sql` blocks and materialized views exact:
# each function's definition (pg_dump_schema has its signature; an
# extension's functions left out, the extension line stands for them), its
# blanks squeezed, since a port indents the body it quotes; whether each
# materialized view holds rows (`with no data`); row-level security and
# policies.
pg_dump_more() {   # pg_dump_more DB
    "$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT 'enum ' || t.typname || ': ' || string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
  JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = 'public' GROUP BY t.typname;
SELECT 'sequence ' || c.relname || ' as ' || format_type(s.seqtypid, NULL)
       || ' start ' || s.seqstart || ' increment ' || s.seqincrement
       || coalesce(' owned by ' || (SELECT r.relname || '.' || a.attname FROM pg_depend d
                                      JOIN pg_class r ON r.oid = d.refobjid
                                      JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                       AND d.deptype = 'a'), '')
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i');
SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql';
SELECT 'function definition ' || p.oid::regprocedure::text || ': '
       || btrim(regexp_replace(pg_get_functiondef(p.oid), '\s+', ' ', 'g'))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p', 'w')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e');
SELECT 'materialized view ' || c.relname || CASE WHEN c.relispopulated THEN ' populated' ELSE ' with no data' END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'm';
SELECT 'row level security ' || c.relname || CASE WHEN c.relforcerowsecurity THEN ' forced' ELSE '' END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relrowsecurity;
SELECT 'policy ' || tablename || '.' || policyname || ' ' || permissive || ' for ' || cmd
       || ' to ' || array_to_string(roles, ', ')
       || coalesce(' using (' || qual || ')', '') || coalesce(' with check (' || with_check || ')', '')
  FROM pg_policies WHERE schemaname = 'public';
SELECT 'rows ' || c.relname || ' ' ||
       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', c.relname),
                                            false, true, '')))[1]::text
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'r';
SQL
}

dump() {   # dump DB OUT: the sorted catalog, the version tables left out
    { pg_dump_schema "$1" && pg_dump_more "$1"; } >"$SCRATCH/dump.raw" 2>"$SCRATCH/dump.err" ||
        { cat "$SCRATCH/dump.err" >&2; fail "could not read the catalog of $1"; }
    grep -v 'migc_version' "$SCRATCH/dump.raw" | sort >"$2"
}

original() {   # original DB FILE: psql runs the original SQL
    pg_apply "$1" "$originals/$2" ||
        { cat "$SCRATCH/apply.log" >&2; fail "psql -f $originals/$2 failed"; }
}

migrate() {   # migrate DB ARGS...: the migrator, which must succeed
    local db=$1
    shift
    "$SCRATCH/migrate" --database-url "postgresql://$PGUSER@$PGHOST:$PGPORT/$db" "$@" \
        >"$SCRATCH/migrate.out" 2>&1 ||
        { cat "$SCRATCH/migrate.out" >&2; fail "the migrator's $* failed on $db"; }
}

compare() {   # compare LABEL EXPECTED: the dump of B against a recorded one
    [ -f "$2" ] || fail "$2 is missing: record it (run.sh record $dir --originals DIR)"
    dump "$B" "$SCRATCH/b"
    diff "$2" "$SCRATCH/b" | grep '^[<>]' | sed "s/^/$1: /" >>"$SCRATCH/got"
}

# drift DB OUT: the migrator's check on DB, which must say only drift
# (exit 0 or 3); its report, one line per difference, sorted, into OUT.
drift() {
    local url="postgresql://$PGUSER@$PGHOST:$PGPORT/$1"
    "$SCRATCH/migrate" --database-url "$url" check >"$SCRATCH/check.out" 2>&1
    local rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 3 ] ||
        { cat "$SCRATCH/check.out" >&2; fail "the migrator's check failed on $1 (exit $rc)"; }
    grep -v '^OK: ' "$SCRATCH/check.out" | sort >"$2"
    if { [ $rc -eq 0 ] && [ -s "$2" ]; } || { [ $rc -eq 3 ] && [ ! -s "$2" ]; }; then
        cat "$SCRATCH/check.out" >&2
        fail "the migrator's check on $1 exits $rc but says otherwise"
    fi
}

# no_drift DB WHERE: the migrator's check on DB (WHERE says whose database
# it is) reports nothing; PROJECT/drift lists nothing either (its comments
# say why the port has none). Returns 1 after showing what differs.
no_drift() {
    expected "$dir/drift" "$SCRATCH/drift.want"
    drift "$1" "$SCRATCH/drift.got"
    if ! diff -u --label "$dir/drift (expected: nothing)" --label "check on $2" \
            "$SCRATCH/drift.want" "$SCRATCH/drift.got" >&2; then
        echo "the migrator's check on $2 reports drift, or $dir/drift lists some: every object of the port must be native or declared" >&2
        return 1
    fi
    [ ! -s "$SCRATCH/drift.want" ] || { echo "$dir/drift lists drift: it must hold comments only" >&2; return 1; }
}

# differences up|down: the catalog differences of one phase (upgrades:
# lines not starting with "down ") must be those PROJECT/differences lists.
differences() {
    local sel=-v
    [ "$1" = down ] && sel=
    expected "$dir/differences" "$SCRATCH/want.all"
    grep $sel '^down ' "$SCRATCH/want.all" >"$SCRATCH/want.$1"
    grep $sel '^down ' "$SCRATCH/got" | sort >"$SCRATCH/got.$1"
    if ! diff -u --label "$dir/differences (expected, comments left out)" \
            --label "recorded original (<) vs migc (>)" "$SCRATCH/want.$1" "$SCRATCH/got.$1" >&2; then
        fail "the catalogs differ otherwise than $dir/differences explains (${1}grades)"
    fi
}

# build_migrator: the port's migrator into $SCRATCH/migrate.
build_migrator() {
    "$MIGC" build "$dir/migrations" --dialect postgres -o "$SCRATCH/migrate" \
        >"$SCRATCH/build.out" 2>&1
}

# read_steps: PROJECT/steps into revs, ups, downs, n and all_down (1 when
# every step names a DOWN.sql), and the server's connection.
read_steps() {
    . "$here/pg_dump.sh"
    pg_setup
    revs=() ups=() downs=() n=0 all_down=1
    local rev up down
    while read -r rev up down; do
        case $rev in '' | '#'*) continue ;; esac
        revs+=("$rev") ups+=("$up") downs+=("${down:-}")
        [ -n "${down:-}" ] || all_down=0
        n=$((n + 1))
    done <"$dir/steps"
    [ $n -gt 0 ] || fail "$dir/steps lists no step"
}

run_record() {
    read_steps
    pg_new original
    A=$DB
    rm -rf "$dir/expected"
    mkdir -p "$dir/expected" || fail "could not create $dir/expected"
    local i
    for ((i = 0; i < n; i++)); do
        original "$A" "${ups[i]}"
        dump "$A" "$dir/expected/up-${revs[i]}.catalog"
    done

    # The migrator's check on the original's database, which must report
    # nothing, as the test checks on the port's database. A port that does
    # not build yet is recorded all the same.
    local same=1
    if build_migrator; then
        migrate "$A" stamp head
        if no_drift "$A" "the original's database after stamp head"; then
            echo "check on the original's database after stamp head: no drift"
        else
            same=0
        fi
        "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$A" -c 'DROP TABLE migc_version, migc_version_applied' >/dev/null ||
            fail "could not drop the version tables of $A"
    else
        cat "$SCRATCH/build.out" >&2
        echo "warning: migc build $dir/migrations failed: the check on the original's database is left out" >&2
    fi

    if [ $all_down -eq 1 ]; then
        for ((i = n - 1; i >= 0; i--)); do
            original "$A" "${downs[i]}"
            dump "$A" "$dir/expected/down-${revs[i]}.catalog"
        done
        [ -s "$dir/expected/down-${revs[0]}.catalog" ] &&
            { cat "$dir/expected/down-${revs[0]}.catalog" >&2; fail "the original's downgrades left objects"; }
    fi
    echo "recorded: $dir/expected, $n steps$([ $all_down -eq 1 ] && echo ' up and down')"
    [ $same -eq 1 ] || fail "the migrator's check on the original's database reports drift"
}

run_postgres() {
    read_steps
    build_migrator ||
        { cat "$SCRATCH/build.out" >&2; fail "migc build $dir/migrations failed"; }
    pg_new migc
    B=$DB
    : >"$SCRATCH/got"

    local i
    for ((i = 0; i < n; i++)); do
        migrate "$B" upgrade "${revs[i]}"
        compare "${revs[i]}" "$dir/expected/up-${revs[i]}.catalog"
    done
    differences up

    no_drift "$B" "the migrator's database at head" ||
        fail "the migrator's check on its own database at head reports drift"

    if [ $all_down -eq 1 ]; then
        for ((i = n - 1; i >= 0; i--)); do
            if [ $i -gt 0 ]; then
                migrate "$B" downgrade "${revs[i - 1]}"
            else
                migrate "$B" downgrade base
            fi
            compare "down ${revs[i]}" "$dir/expected/down-${revs[i]}.catalog"
        done
    else
        migrate "$B" downgrade base
    fi
    dump "$B" "$SCRATCH/b.base"
    [ -s "$SCRATCH/b.base" ] && { cat "$SCRATCH/b.base" >&2; fail "downgrade base left objects"; }

    differences down
    echo "ok: $dir on PostgreSQL: $n steps compared with the recorded catalogs, $(wc -l <"$SCRATCH/want.all") explained differences, no drift"
}

case $mode in
compile) compile ;;
postgres) run_postgres ;;
record) run_record ;;
*) echo "$0: mode must be compile, postgres or record, not \"$mode\"" >&2; exit 2 ;;
esac
