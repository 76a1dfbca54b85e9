# What sql blocks declare (`creates ...`, `drops ...`) is part of the
# expected schema by kind and name: check finds it by existence after every
# step, an undeclared function or trigger made by hand is drift naming it,
# and a table dropped takes the triggers declared on it.
mkdir -p decl
if postgres_only; then
    cat >decl/001_init.mig <<'MIG'
revision 001
revises base
message 'every kind, declared'

upgrade {
    create table post (id integer primary key, score integer not null, owner text);
    sql $$
        create function hot_rank(score integer) returns integer language sql immutable
            as 'select score * 2';
        create function touch() returns trigger language plpgsql
            as 'begin new.score = new.score + 1; return new; end';
        create trigger post_touch before update on post for each row execute function touch();
        create sequence ticket_seq;
        create type score_range as range (subtype = integer);
        create domain positive as integer check (value > 0);
        alter table post enable row level security;
        create policy own_rows on post using (owner = current_user);
        create table audit (id integer primary key, what text, at timestamptz default now());
        create view audit_recent as select id, what from audit;
        create materialized view top_posts as select id, what from audit;
        create extension if not exists pg_trgm;
    $$ creates function hot_rank, function touch, trigger post_touch on post,
       sequence ticket_seq, type score_range, type positive, policy own_rows on post,
       table audit, view audit_recent, materialized view top_posts, extension pg_trgm;
    create index audit_what on audit (what);
    create index top_posts_what on top_posts (what);
    sql $$ create index audit_at on audit (at) $$ creates index audit_at;
    create view hot_posts as $$ select id, hot_rank(score) as rank from post $$;
}

downgrade {
    drop view hot_posts;
    sql $$ drop index audit_at $$ drops index audit_at;
    drop index top_posts_what;
    drop index audit_what;
    sql $$
        drop extension pg_trgm;
        drop materialized view top_posts;
        drop view audit_recent;
        drop table audit;
        drop policy own_rows on post;
        drop domain positive;
        drop type score_range;
        drop sequence ticket_seq;
        drop trigger post_touch on post;
        drop function touch();
        drop function hot_rank(integer);
    $$ drops extension pg_trgm, materialized view top_posts, view audit_recent, table audit,
       policy own_rows on post, type positive, type score_range, sequence ticket_seq,
       trigger post_touch on post, function touch, function hot_rank;
    drop table post;
}
MIG
    cat >decl/002_drop.mig <<'MIG'
revision 002
revises 001
message 'a table takes its declared trigger and policy'

upgrade {
    drop view hot_posts;
    -- migc: allow drop-table: test
    drop table post;
}

downgrade {
    create table post (id integer primary key, score integer not null, owner text);
    sql $$
        create trigger post_touch before update on post for each row execute function touch();
        alter table post enable row level security;
        create policy own_rows on post using (owner = current_user);
    $$ creates trigger post_touch on post, policy own_rows on post;
    create view hot_posts as $$ select id, hot_rank(score) as rank from post $$;
}
MIG
    dialect=(--dialect postgres)
    trig="SELECT count(*) FROM pg_trigger WHERE tgname = 'post_touch'"
else
    cat >decl/001_init.mig <<'MIG'
revision 001
revises base
message 'what SQLite has, declared'

upgrade {
    create table post (id integer primary key, score integer not null);
    sql $$
        create table audit (id integer primary key, what text, at text);
        create trigger post_touch after update on post
        begin insert into audit (what) values ('touched'); end;
        create view audit_recent as select id, what from audit;
    $$ creates table audit, trigger post_touch on post, view audit_recent;
    create index audit_what on audit (what);
    sql $$ create index audit_at on audit (at) $$ creates index audit_at;
}

downgrade {
    sql $$ drop index audit_at $$ drops index audit_at;
    drop index audit_what;
    sql $$
        drop view audit_recent;
        drop trigger post_touch;
        drop table audit;
    $$ drops view audit_recent, trigger post_touch on post, table audit;
    drop table post;
}
MIG
    cat >decl/002_drop.mig <<'MIG'
revision 002
revises 001
message 'a table takes its declared trigger'

upgrade {
    -- migc: allow drop-table: test
    drop table post;
}

downgrade {
    create table post (id integer primary key, score integer not null);
    sql $$
        create trigger post_touch after update on post
        begin insert into audit (what) values ('touched'); end;
    $$ creates trigger post_touch on post;
}
MIG
    dialect=()
    trig="SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'post_touch'"
fi

# The first revision alone first, so that check has nothing pending.
mkdir -p first
cp decl/001_init.mig first/
run 0 "$MIGC" build first -o m "${dialect[@]}"

# Declared objects: no drift after each step.
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at 001 and its schema matches"
expect_q "$trig" 1

# A function and a trigger made by hand, undeclared, are drift naming them.
if postgres_only; then
    q "CREATE FUNCTION by_hand() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end'" >/dev/null
    q "CREATE TRIGGER post_by_hand BEFORE INSERT ON post FOR EACH ROW EXECUTE FUNCTION by_hand()" >/dev/null
    expect_drift 'function "by_hand" is in the database but not in the migrations' \
        '{"object": "function by_hand", "kind": "extra", "expected": "missing", "actual": "function"}'
    expect_err 'schema drift: table "post": trigger "post_by_hand" is in the database but not in the migrations'
    expect_err_count 2
    q "DROP TRIGGER post_by_hand ON post; DROP FUNCTION by_hand()" >/dev/null
    # A declared one gone is drift too (and the trigger that went with it).
    q "DROP FUNCTION touch() CASCADE" >/dev/null
    expect_drift 'function "touch" is in the migrations but missing from the database' \
        '{"object": "function touch", "kind": "missing", "expected": "function", "actual": "missing"}'
    expect_err 'schema drift: table "post": trigger "post_touch" is in the migrations but missing from the database'
    expect_err_count 2
    q "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'begin new.score = new.score + 1; return new; end'" >/dev/null
    q "CREATE TRIGGER post_touch BEFORE UPDATE ON post FOR EACH ROW EXECUTE FUNCTION touch()" >/dev/null
    # A declared table's columns are its own business.
    q "ALTER TABLE audit ADD COLUMN extra text" >/dev/null
    run 0 ./m check
else
    q "CREATE TRIGGER post_by_hand AFTER INSERT ON post BEGIN SELECT 1; END" >/dev/null
    expect_drift 'table "post": trigger "post_by_hand" is in the database but not in the migrations' \
        '{"object": "trigger post.post_by_hand", "kind": "extra", "expected": "missing", "actual": "trigger"}'
    expect_err_count 1
    q "DROP TRIGGER post_by_hand" >/dev/null
    q "DROP TRIGGER post_touch" >/dev/null
    expect_drift 'table "post": trigger "post_touch" is in the migrations but missing from the database' \
        '{"object": "trigger post.post_touch", "kind": "missing", "expected": "trigger", "actual": "missing"}'
    q "CREATE TRIGGER post_touch AFTER UPDATE ON post BEGIN INSERT INTO audit (what) VALUES ('touched'); END" >/dev/null
    q "ALTER TABLE audit ADD COLUMN extra text" >/dev/null
    run 0 ./m check
fi

# drop table takes its declared trigger: really gone, and check is clean.
run 0 "$MIGC" build decl -o m "${dialect[@]}"
run 0 ./m upgrade
expect_q "$trig" 0
run 0 ./m check
expect_out "OK: the database is at 002 and its schema matches"

# Back down: the downgrade recreates it, then the written downgrade of 001
# drops everything.
run 0 ./m downgrade 001
expect_q "$trig" 1
run 3 ./m check
expect_no_err "schema drift"
run 0 ./m downgrade base
expect_q "$trig" 0
run 3 ./m check
expect_no_err "schema drift"

# fmt keeps the declarations: the same SQL, and a migrator built from the
# formatted files has the same checksums (check finds no mismatch).
cp -r decl formatted
run 0 "$MIGC" fmt formatted
run 0 "$MIGC" fmt --check formatted
run 0 "$MIGC" sql decl --dialect "$DIALECT" head
sed 's/^-- decl\//-- /' "$work/.out" >before.sql
run 0 "$MIGC" sql formatted --dialect "$DIALECT" head
sed 's/^-- formatted\//-- /' "$work/.out" >after.sql
cmp -s before.sql after.sql || fail "fmt changed the SQL of the declarations"
grep -q "creates " formatted/001_init.mig || fail "fmt lost the declarations"
run 0 ./m upgrade
run 0 "$MIGC" build formatted -o m "${dialect[@]}"
run 0 ./m check

# migc schema lists what blocks declared as comments a model file keeps;
# autogenerate from that model leaves them (and an index on a declared
# table, and a view reading one) alone and writes only the change.
if sqlite_only; then
    mkdir -p auto
    cp decl/001_init.mig auto/
    run 0 "$MIGC" schema auto
    expect_out "-- table audit: created by a sql block (auto/001_init.mig:"
    expect_out "-- trigger post_touch on post: created by a sql block (auto/001_init.mig:"
    expect_out "create index audit_what on audit (what);"
    sed 's/score integer not null,/score integer not null,\n    title text,/' "$work/.out" >auto/models.schema
    run 0 "$MIGC" revision auto --autogenerate -m "add title"
    new=$(ls auto/*_add_title.mig)
    grep -q "alter table post add column title text;" "$new" || fail "autogenerate did not add the column"
    grep -qi "drop\|audit" "$new" && fail "autogenerate touched what a sql block declared: $(cat "$new")"
    run 0 "$MIGC" check auto
    run 0 "$MIGC" schema auto --dialect sqlite
    expect_out "-- table audit: created by a sql block"
    expect_out "-- index audit_what on audit: on a relation a sql block created"
    expect_no_out "CREATE INDEX audit_what"
fi

# The migrator's schema lists them too, after the SQL it can run.
run 0 ./m schema
expect_out "-- table audit: compared by existence only"
expect_out "-- index audit_at: compared by existence only"
expect_out "-- index audit_what on audit: compared by existence only"
expect_no_out "post_touch"
if postgres_only; then
    expect_out "-- function hot_rank: compared by existence only"
fi
