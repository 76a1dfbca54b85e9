# A table SQLite must rebuild keeps every row, its index, the view on it,
# and the foreign key another table holds to it; a rebuild that would
# break a foreign key fails and leaves the database as it was.
rm -rf rebuild
cp -r "$RUNTIME_TESTS/rebuild" rebuild
run 0 "$MIGC" build rebuild -o lib-migrate
run 0 ./lib-migrate upgrade 002
expect_q "SELECT count(*) FROM authors" "2"
expect_q "SELECT count(*) FROM books" "3"
expect_q "SELECT title FROM books WHERE id = 12" "Solaris"
expect_q "SELECT count(*) FROM author_books" "3"
expect_q "SELECT name FROM author_books WHERE title = 'Earthsea'" "Le Guin"
if sqlite_only; then
    expect_q "SELECT \"table\" || '.' || \"to\" FROM pragma_foreign_key_list('books')" "authors.id"
    expect_q "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_books_title'" "1"
    expect_q "SELECT \"notnull\" FROM pragma_table_info('books') WHERE name = 'title'" "0"
else
    expect_q "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'books_author_id_fkey'" "authors"
    expect_q "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_books_title'" "1"
fi
# Not at head (exit 3), but no drift: the rebuilt tables are what the
# migrations say.
run 3 ./lib-migrate check
expect_err "Target database is not up to date"
expect_no_err "drift"
# The foreign key still holds after the rebuild: an orphan is refused.
if sqlite_only; then
    "$SQLITE3" test.db "PRAGMA foreign_keys = ON; INSERT INTO books (id, author_id, title) VALUES (13, 9, 'x')" 2>/dev/null &&
        fail "the rebuilt tables lost the foreign key"
fi
run 0 ./lib-migrate upgrade 003
before=$(dump)
run 1 ./lib-migrate upgrade 004
expect_err "upgrade of revision 004 failed"
expect_versions "003"
[ "$(dump)" = "$before" ] || fail "the failed rebuild changed the schema"
expect_q "SELECT count(*) FROM reviews" "2"
# Down again through the rebuilds: the rows are still there.
run 0 ./lib-migrate downgrade 001
expect_q "SELECT count(*) FROM books" "3"
expect_q "SELECT count(*) FROM author_books" "3"
run 3 ./lib-migrate check --json
expect_out '"drift": []'

# The failed foreign-key check names the key, the table and the row, and
# a failed downgrade says that nothing was reverted.
if sqlite_only; then
    run 1 ./lib-migrate upgrade 004
    expect_err "error: upgrade of revision 004 failed at 004_review_fk.mig:7: foreign key (book_id) REFERENCES books (id) of table \"reviews\" is violated: its row with rowid 2 holds book_id = 99, which no row of table \"books\" has"
    expect_err "detail: SQLite checks every foreign key when migc rebuilds a table. Delete or fix the rows that reference missing rows (PRAGMA foreign_key_check lists them all), then run again."
    expect_no_err "_migc_fk_check"
    expect_no_err "foreign_key_violation"
fi
rm -rf fkdown
mkdir -p fkdown/versions
cat > fkdown/versions/001_orders.mig <<'MIG'
revision 001
revises base
message 'orders of customers'

upgrade {
    create table customers (id integer primary key, name text not null);
    create table orders (
        id integer primary key,
        customer_id integer not null,
        constraint orders_customer_fk foreign key (customer_id) references customers (id)
    );
}
MIG
cat > fkdown/versions/002_loose.mig <<'MIG'
revision 002
revises 001
message 'orders may outlive customers'

upgrade {
    alter table orders drop constraint orders_customer_fk;
}
MIG
reset_db
run 0 "$MIGC" build fkdown -o fk-migrate
run 0 ./fk-migrate upgrade
q "INSERT INTO customers (id, name) VALUES (1, 'ada'); INSERT INTO orders (id, customer_id) VALUES (7, 1), (8, 5)" >/dev/null
run 1 ./fk-migrate downgrade 001
expect_err "error: downgrade of revision 002 failed at versions/002_loose.mig:6: "
if sqlite_only; then
    expect_err "foreign key (customer_id) REFERENCES customers (id) of table \"orders\" is violated: its row with rowid 8 holds customer_id = 5, which no row of table \"customers\" has"
fi
expect_err "hint: Nothing of revision 002 was reverted; the database is as it was before it."
expect_no_err "was applied"
expect_versions "002"
