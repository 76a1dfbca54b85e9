# A half-run transaction none migration resumes at the statement that
# was running when the migrator stopped: for each kind of statement migc
# can check (create and drop of an index, table, view and materialized
# view; add and drop of a column and a constraint), the resume looks in
# the catalog, does not run it again when its effect is there, runs it
# when it is not, and says which it found. Only part of a statement's effect there is not guessed
# at. The migrator is "stopped" here by marking the recorded failure as
# running, which is what a kill at that statement leaves.
project_for() {
    rm -rf rp
    mkdir -p rp/versions
    cat > rp/versions/001_base.mig <<'MIG'
revision 001
revises base
message 'base'

upgrade {
    create table t (id integer primary key, a integer, z integer, constraint t_a_pos check (a > 0));
    create table w (id integer primary key);
    create index ix_old on t (a);
    create view v_old as $$ select id from t $$;
}
MIG
    cat > rp/versions/002_none.mig <<MIG
revision 002
revises 001
message 'resumed'
transaction none

upgrade {
    $1;
    sql sqlite \$\$ insert into nosuch values (1) \$\$;
    sql postgres \$\$ insert into nosuch values (1) \$\$;
}
downgrade irreversible;
MIG
    run 0 "$MIGC" build rp -o m --dialect "$DIALECT"
}

# stopped_at_first: the recorded failure becomes "stopped while running
# statement 1".
stopped_at_first() {
    q "UPDATE migc_version_failed SET state = 'running', ran = 0" >/dev/null
}

# kind DIALECTS STATEMENT UNDO THERE MISSING: STATEMENT as 002's first, its
# effect undone by UNDO; THERE and MISSING are what the resume says it
# found with the effect done and not done.
if sqlite_only; then tail=8 valid=; else tail=9 valid=" and is valid"; fi
kind() {
    case " $1 " in *" $DIALECT "*) ;; *) return 0 ;; esac
    reset_db
    project_for "$2"
    run 0 ./m upgrade 001
    run 1 ./m upgrade
    expect_err "upgrade of revision 002 failed at versions/002_none.mig:$tail"
    expect_err "detail: Revision 002 runs outside a transaction: 1 of its 2 statements had run and stay applied. The statement was: insert into nosuch values (1)"
    stopped_at_first
    run 1 ./m upgrade
    expect_err "  statement 1 (versions/002_none.mig:7) took effect: $4; not running it again"
    expect_err "upgrade of revision 002 failed at versions/002_none.mig:$tail"
    q "$3" >/dev/null
    stopped_at_first
    run 1 ./m upgrade
    expect_err "  statement 1 (versions/002_none.mig:7) did not take effect: $5; running it"
    expect_err "upgrade of revision 002 failed at versions/002_none.mig:$tail"
    # It ran this time: its effect is back.
    stopped_at_first
    run 1 ./m upgrade
    expect_err "  statement 1 (versions/002_none.mig:7) took effect: $4; not running it again"
}

kind "sqlite postgres" "create index ix_new on t (z)" "DROP INDEX ix_new" \
    "index \"ix_new\" exists$valid" 'index "ix_new" does not exist'
kind "sqlite postgres" "drop index ix_old" "CREATE INDEX ix_old ON t (a)" \
    'index "ix_old" does not exist' "index \"ix_old\" exists$valid"
kind "sqlite postgres" "create table u (id integer primary key)" "DROP TABLE u" \
    'table "u" exists' 'table "u" does not exist'
kind "sqlite postgres" "drop table w" "CREATE TABLE w (id integer primary key)" \
    'table "w" does not exist' 'table "w" exists'
kind "sqlite postgres" 'create view v_new as $$ select a from t $$' "DROP VIEW v_new" \
    'view "v_new" exists' 'view "v_new" does not exist'
kind "sqlite postgres" "drop view v_old" "CREATE VIEW v_old AS SELECT id FROM t" \
    'view "v_old" does not exist' 'view "v_old" exists'
kind "sqlite postgres" "alter table t add column b integer" "ALTER TABLE t DROP COLUMN b" \
    'column "b" of table "t" exists' 'column "b" of table "t" does not exist'
kind "sqlite postgres" "alter table t drop column z" "ALTER TABLE t ADD COLUMN z integer" \
    'column "z" of table "t" does not exist' 'column "z" of table "t" exists'
kind "postgres" "alter table t add column b integer, add column c text" \
    "ALTER TABLE t DROP COLUMN b, DROP COLUMN c" \
    'column "b" of table "t" exists and column "c" of table "t" exists' \
    'column "b" of table "t" does not exist and column "c" of table "t" does not exist'
# Half of a two-column statement there: something else made it so, and
# the resume stops rather than guess, naming the statement and the ways on.
if postgres_only; then
    q "ALTER TABLE t DROP COLUMN c" >/dev/null
    stopped_at_first
    run 1 ./m upgrade
    expect_err "error: cannot tell whether statement 1 of revision 002 took effect before the migrator stopped (versions/002_none.mig:7)"
    expect_err "detail: In the database, column \"b\" of table \"t\" exists and column \"c\" of table \"t\" does not exist: only part of what the statement does is there. The statement was: ALTER TABLE t"
    expect_err "hint: Look at the database. If the statement took effect, finish the rest of revision 002 by hand and record it with 'stamp 002'."
    expect_no_err "Running upgrade"
    # Still stopped, for any later run, until the user decides.
    run 1 ./m upgrade
    expect_err "error: cannot tell whether statement 1 of revision 002 took effect (versions/002_none.mig:7)"
fi

kind "postgres" "alter table t add constraint t_a_small check (a < 100)" \
    "ALTER TABLE t DROP CONSTRAINT t_a_small" \
    'constraint "t_a_small" of table "t" exists' 'constraint "t_a_small" of table "t" does not exist'
kind "postgres" "alter table t drop constraint t_a_pos" \
    "ALTER TABLE t ADD CONSTRAINT t_a_pos CHECK (a > 0)" \
    'constraint "t_a_pos" of table "t" does not exist' 'constraint "t_a_pos" of table "t" exists'

kind "postgres" 'create materialized view mv_new as $$ select a from t $$' \
    "DROP MATERIALIZED VIEW mv_new" \
    'materialized view "mv_new" exists' 'materialized view "mv_new" does not exist'
