# An index rebuilt by hand with another method (PostgreSQL), and on both
# databases a generated column made a plain one.
mkdir -p ix
if postgres_only; then
    method='using gin (doc)' dialect=postgres
else
    method='(doc)' dialect=sqlite
fi
cat >ix/001_init.mig <<MIG
revision 001
revises base
message 'documents'

upgrade {
    create table docs (
        id    bigint primary key,
        doc   jsonb,
        price integer,
        cents integer generated always as (price * 100) stored
    );
    create index docs_doc_ix on docs $method;
}
MIG
# PostgreSQL: an operator class an extension brings; check builds the
# expected schema where the live schema's extensions resolve.
at=001
if postgres_only; then
    at=002
    cat >ix/002_trgm.mig <<'MIG'
revision 002
revises 001
message 'trigram search'

upgrade {
    create extension if not exists pg_trgm;
    create table titles (id bigint primary key, title text not null);
    create index titles_trgm_ix on titles using gin (title gin_trgm_ops);
}

downgrade {
    drop index titles_trgm_ix;
    drop table titles;
    drop extension pg_trgm;
}
MIG
fi
run 0 "$MIGC" build ix -o m --dialect "$dialect"
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at $at and its schema matches"
if postgres_only; then
    q "DROP INDEX docs_doc_ix; CREATE INDEX docs_doc_ix ON docs USING btree (doc)" >/dev/null
    expect_drift 'table "docs": index "docs_doc_ix" is defined as create index docs_doc_ix on docs using gin (doc) in the migrations but as create index docs_doc_ix on docs using btree (doc) in the database' \
        '{"object": "index docs.docs_doc_ix", "kind": "definition", "expected": "create index docs_doc_ix on docs using gin (doc)", "actual": "create index docs_doc_ix on docs using btree (doc)"}'
    expect_err_count 1
    q "DROP INDEX docs_doc_ix; CREATE INDEX docs_doc_ix ON docs USING gin (doc)" >/dev/null
    run 0 ./m check
    q "ALTER TABLE docs DROP COLUMN cents; ALTER TABLE docs ADD COLUMN cents integer" >/dev/null
else
    sqlite_edit docs "cents INTEGER GENERATED ALWAYS AS (price * 100) STORED" "cents INTEGER"
fi
run 3 ./m check
if postgres_only; then
    expect_err 'schema drift: table "docs": column "cents" is generated as (price * 100) in the migrations but not generated in the database'
else
    expect_err 'schema drift: table "docs": column "cents" is generated (stored) in the migrations but not generated in the database'
fi
expect_err_count 1
