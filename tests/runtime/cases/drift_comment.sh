# A comment changed by hand is drift on PostgreSQL (obj_description and
# col_description against the migrations' comments); SQLite keeps none,
# so the same project checks clean there.
mkdir -p cm
cat >cm/001_init.mig <<'MIG'
revision 001
revises base
message 'notes'

upgrade {
    create table notes (id bigint primary key, body text);
    comment on table notes is 'Things to remember';
    comment on column notes.body is 'What was typed';
}
MIG
run 0 "$MIGC" build cm -o m
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at 001 and its schema matches"
if postgres_only; then
    expect_q "SELECT obj_description('notes'::regclass, 'pg_class')" "Things to remember"
    q "COMMENT ON COLUMN notes.body IS 'Edited by hand'" >/dev/null
    expect_drift "table \"notes\": column \"body\" has comment 'What was typed' in the migrations but 'Edited by hand' in the database" \
        '{"object": "column notes.body", "kind": "comment", "expected": "'"'What was typed'"'", "actual": "'"'Edited by hand'"'"}'
    expect_err_count 1
    q "COMMENT ON COLUMN notes.body IS 'What was typed'; COMMENT ON TABLE notes IS NULL" >/dev/null
    expect_drift "table \"notes\" has comment 'Things to remember' in the migrations but none in the database" \
        '"kind": "comment"'
    expect_err_count 1
    # A comment is text: its case alone is a difference.
    q "COMMENT ON TABLE notes IS 'things to remember'" >/dev/null
    expect_drift "table \"notes\" has comment 'Things to remember' in the migrations but 'things to remember' in the database" \
        '"kind": "comment"'
    expect_err_count 1
fi
