# A transaction none migration that fails says which statements had run
# and is recorded: later runs name it, check reports it, a downgrade is
# refused, and upgrade resumes it at the statement that failed; --transaction
# all refuses a range holding one; an irreversible downgrade is refused.
project
cat > project/versions/006_none.mig <<'MIG'
revision 006
revises 005
message 'outside a transaction'
transaction none

upgrade {
    create index ix_tags_label on tags (label);
    sql sqlite $$ insert into nosuch values (1) $$;
    sql postgres $$ insert into nosuch values (1) $$;
}
downgrade {
    drop index ix_tags_label;
}
MIG
cat > project/versions/007_final.mig <<'MIG'
revision 007
revises 006
message 'no way back'

upgrade {
    create table archive (id integer primary key);
}
downgrade irreversible;
MIG
run 0 "$MIGC" build project -o m
run 1 ./m upgrade --transaction all
expect_err "cannot run revision 006 inside one transaction"
expect_err "hint: Use --transaction per-migration for this range."
[ -z "$(tables)" ] || fail "a refused upgrade left tables: $(tables)"
run 1 ./m upgrade
if sqlite_only; then
    expect_err "upgrade of revision 006 failed at versions/006_none.mig:8: no such table: nosuch"
else
    expect_err "upgrade of revision 006 failed at versions/006_none.mig:9: relation \"nosuch\" does not exist (SQLSTATE 42P01)"
fi
expect_err "1 of its 2 statements had run"
expect_err "it resumes at statement 2"
expect_versions "005"
if sqlite_only; then line=8; else line=9; fi
run 0 ./m current
expect_out_is "005"
expect_err "warning: revision 006 is half-applied: its upgrade runs outside a transaction (transaction none) and failed after 1 of its 2 statements"
expect_err "  ran:    versions/006_none.mig:7: CREATE INDEX ix_tags_label ON tags (label)"
expect_err "  failed: versions/006_none.mig:$line: insert into nosuch values (1)"
expect_err "hint: Fix the cause and run 'upgrade' again: revision 006 resumes at statement 2"
expect_err "'stamp 006' (finished) or 'stamp 005' (undone)"
run 3 ./m check
expect_err "revision 006 is half-applied"
run 3 ./m check --json
expect_out '"failed": [{"revision": "006", "direction": "upgrade", "state": "failed", "statements_run": 1, "statements": 2, "error": "upgrade of revision 006 failed at versions/006_none.mig:'$line
run 1 ./m downgrade 004
expect_err "error: cannot downgrade while revision 006 is half-applied"
expect_versions "005"
# the index that ran is not created again: the run resumes at statement 2
run 1 ./m upgrade
expect_err "Resuming upgrade of revision 006 at statement 2 of 2"
expect_no_err "already exists"
q "CREATE TABLE nosuch (x INTEGER)" >/dev/null
run 0 ./m upgrade 006
expect_err "Resuming upgrade of revision 006 at statement 2 of 2 (the 1 before it ran in an earlier run that failed)"
expect_err "Running upgrade 005 -> 006"
expect_versions "006"
expect_q "SELECT count(*) FROM nosuch" "1"
case ",$(tables)," in *,migc_version_failed,*) fail "the failed table outlived the failure: $(tables)" ;; esac
run 0 ./m current
[ -z "$(err)" ] || fail "current still warns: $(err)"
run 0 ./m stamp 007
run 1 ./m downgrade 005
expect_err "cannot downgrade revision 007: its downgrade is irreversible"
expect_versions "007"
