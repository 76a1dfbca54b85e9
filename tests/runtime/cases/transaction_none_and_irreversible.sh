# A transaction none migration that fails says which statements had run;
# --transaction all refuses a range holding one; an irreversible downgrade
# is refused.
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
expect_versions "005"
run 0 ./m stamp 007
run 1 ./m downgrade 005
expect_err "cannot downgrade revision 007: its downgrade is irreversible"
expect_versions "007"
