# A migration failing at its second statement leaves the database exactly
# as before it, and the error names the revision, file:line and the
# database's message (with PostgreSQL's SQLSTATE). With --transaction all the whole range rolls back.
run 0 "$DEMO" upgrade 002
q "CREATE TABLE other (x INTEGER); CREATE INDEX ix_users_email ON other (x)"
before=$(dump)
run 1 "$DEMO" upgrade
if sqlite_only; then
    expect_err "error: upgrade of revision 003 failed at versions/003_email.mig:7: index ix_users_email already exists"
else
    expect_err "error: upgrade of revision 003 failed at versions/003_email.mig:7: relation \"ix_users_email\" already exists (SQLSTATE 42P07)"
fi
expect_err "detail: The statement was: CREATE INDEX ix_users_email ON users (email)"
expect_err "hint: Nothing of revision 003 was applied"
[ "$(dump)" = "$before" ] || fail "the failed migration changed the schema"
expect_versions "002"
expect_q "SELECT count(*) FROM migc_version_applied" "2"
# --transaction all: nothing of the range stays
run 0 "$DEMO" downgrade base
before=$(dump)
run 1 "$DEMO" upgrade --transaction all
expect_err "Running upgrade <base> -> 001"
expect_err "upgrade of revision 003 failed"
expect_err "The whole range ran in one transaction and was rolled back"
[ "$(dump)" = "$before" ] || fail "--transaction all left changes behind"
expect_versions ""
q "DROP INDEX ix_users_email"
run 0 "$DEMO" upgrade --transaction all
expect_versions "005"
run 0 "$DEMO" downgrade base --transaction all
expect_versions ""
run 2 "$DEMO" upgrade --transaction some
expect_err "unrecognized transaction mode \"some\""
