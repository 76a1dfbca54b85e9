# A transaction none migration killed half-way (SIGKILL in its second of
# three statements): its first statement stays applied, and every later
# run names it, the statement that ran and the one that was running.
# That statement is raw SQL, which the catalog cannot tell ran or not:
# upgrade stops, naming it and the ways on; once the user has looked,
# upgrade runs it and the rest once, and records the revision.
# stamp is the other way on: it records where the database is.
. "$FAULT_TESTS/lib.sh"
mkdir -p none/versions
cat > none/versions/001_items.mig <<'MIG'
revision 001
revises base
message 'items'

upgrade {
    create table items (id integer primary key, name text not null);
    insert into items (id, name) values (1, 'kept');
}
MIG
cat > none/versions/002_none.mig <<'MIG'
revision 002
revises 001
message 'outside a transaction'
transaction none

upgrade {
    create index ix_items_name on items (name);
    sql sqlite $$ insert into items select g + 1, 'n' || g from (with recursive n(g) as (select 1 union all select g + 1 from n where g < 1000000) select g from n) where (select count(*) from (with recursive b(x) as (select 1 union all select x + 1 from b where x < 15000000) select x from b)) > 0 $$;
    sql postgres $$ select pg_sleep(2) $$;
    create table after_it (id integer primary key);
}
downgrade {
    drop table after_it;
    drop index ix_items_name;
}
MIG
run 0 "$MIGC" build none -o m
run 0 ./m upgrade 001
start_migrator bg.out ./m upgrade
wait_in_long_migration
kill -KILL "$MIGRATOR"
wait "$MIGRATOR"
[ $? = 137 ] || fail "the migrator was not killed: $(cat bg.out)"
if sqlite_only; then line=8; else line=9; fi
run 0 ./m current
expect_out_is "001"
expect_err "warning: revision 002 is half-applied: its upgrade runs outside a transaction (transaction none) and the migrator stopped after 1 of its 3 statements"
expect_err "  ran:    versions/002_none.mig:7: CREATE INDEX ix_items_name ON items (name)"
expect_err "  running (may have run): versions/002_none.mig:$line:"
expect_err "  not run: versions/002_none.mig:10: CREATE TABLE after_it"
expect_err "hint: Fix the cause and run 'upgrade' again: revision 002 resumes at statement 2 (first looking in the database for whether it took effect), without running again the 1 that ran."
run 3 ./m check --json
expect_out '"failed": [{"revision": "002", "direction": "upgrade", "state": "running", "statements_run": 1, "statements": 3, "error": null}]'
run 1 ./m downgrade base
expect_err "cannot downgrade while revision 002 is half-applied"
expect_q "SELECT count(*) FROM items" "1"
# The statement that was running is raw SQL: whether it took effect
# cannot be read from the catalog, so the run stops and says how to go on
# rather than guess.
run 1 ./m upgrade --lock-timeout 30
expect_err "Resuming upgrade of revision 002 at statement 2 of 3 (the 1 before it ran in an earlier run that stopped)"
expect_err "error: cannot tell whether statement 2 of revision 002 took effect before the migrator stopped (versions/002_none.mig:$line)"
expect_err "detail: migc checks the statements that create or drop an index, table, view, column or constraint, and this is not one of them: running it again could apply it twice. The statement was: "
expect_err "hint: Look at the database. If the statement took effect, finish the rest of revision 002 by hand and record it with 'stamp 002'. If it did not, or once you have undone it by hand, run 'upgrade' again: it runs revision 002 from this statement on."
expect_versions "001"
run 0 ./m current
expect_err "  failed: versions/002_none.mig:$line:"
# It did not take effect (the kill rolled it back): upgrade runs it.
run 0 ./m upgrade --lock-timeout 30
expect_err "Resuming upgrade of revision 002 at statement 2 of 3 (the 1 before it ran in an earlier run that failed)"
expect_err "Running upgrade 001 -> 002, outside a transaction"
expect_versions "002"
if sqlite_only; then expect_q "SELECT count(*) FROM items" "1000001"; else expect_q "SELECT count(*) FROM items" "1"; fi
run 0 ./m check
# stamp: the way on when a person finished or undid it by hand
run 0 ./m downgrade 001
sed -i 's/after_it/after_it_fails/g; s/pg_sleep(2)/pg_sleep(0)/' none/versions/002_none.mig
q "CREATE TABLE after_it_fails (x INTEGER)" >/dev/null
run 0 "$MIGC" build none -o m2
run 1 ./m2 upgrade
expect_err "of its 3 statements had run and stay applied"
run 0 ./m2 stamp 002
expect_err "Forgot that revision 002 was half-applied"
expect_versions "002"
case ",$(tables)," in *,migc_version_failed,*) fail "stamp left the failed table: $(tables)" ;; esac
run 0 ./m2 current
[ -z "$(err)" ] || fail "current still warns after stamp: $(err)"
