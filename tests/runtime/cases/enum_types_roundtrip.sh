# An enum type's values change under a table with rows: the rows keep
# their values (renamed with the value), a value outside the type is
# refused, check finds no drift at any step, and the downgrade of an
# added value fails while a row holds it and leaves the database as it
# was.
rm -rf enums
cp -r "$RUNTIME_TESTS/enums" enums
run 0 "$MIGC" build enums -o e-migrate
# Not at head, check exits 3, but finds no drift at any step, nor after
# each step's downgrade and upgrade again.
for rev in 001 002 003; do
    run 0 ./e-migrate upgrade $rev
    run 0 ./e-migrate downgrade -1
    run 0 ./e-migrate upgrade $rev
    if [ $rev = 003 ]; then
        run 0 ./e-migrate check
        expect_out "OK: the database is at 003 and its schema matches"
    else
        run 3 ./e-migrate check
        expect_no_err "drift"
    fi
done
expect_q "SELECT count(*) FROM person" "2"
expect_q "SELECT mood FROM person WHERE id = 1" "blue"
expect_q "SELECT mood FROM person WHERE id = 2" "happy"
q "INSERT INTO person (id, name, mood) VALUES (3, 'cy', 'ok')" >/dev/null ||
    fail "the added value was refused"
q "INSERT INTO person (id, name, mood) VALUES (4, 'di', 'sad')" >/dev/null 2>&1 &&
    fail "a value no longer in the type was accepted"
q "INSERT INTO person (id, name) VALUES (5, 'ed')" >/dev/null || fail "the default was refused"
expect_q "SELECT mood FROM person WHERE id = 5" "happy"
# Down: the renamed value is renamed back in the rows; the added value
# cannot go while a row holds it.
run 0 ./e-migrate downgrade 002
expect_q "SELECT mood FROM person WHERE id = 1" "sad"
before=$(dump)
run 1 ./e-migrate downgrade 001
expect_err "downgrade of revision 002 failed"
if sqlite_only; then
    expect_err "CHECK constraint failed: person_mood_enum"
else
    expect_err 'invalid input value for enum _migc_new_mood: "ok"'
fi
expect_versions "002"
[ "$(dump)" = "$before" ] || fail "the failed downgrade changed the schema"
q "DELETE FROM person WHERE id = 3" >/dev/null
run 0 ./e-migrate downgrade 001
run 3 ./e-migrate check
expect_no_err "drift"
expect_q "SELECT count(*) FROM person" "3"
run 0 ./e-migrate downgrade base
expect_versions ""
