# Changing the type of a column with a default: PostgreSQL would keep the
# default with the old type's cast ('x'::character varying in a text
# column), which a fresh create does not give, so check saw drift where
# there was none; and it cannot cast a text default to integer at all.
# The ALTER drops the default and sets it again around the new type.
mkdir -p tc
cat >tc/001_init.mig <<'MIG'
revision 001
revises base
message 'codes'

upgrade {
    create table codes (
        id    bigint primary key,
        code  varchar(10) not null default 'x',
        level text default '5'
    );
}
MIG
cat >tc/002_retype.mig <<'MIG'
revision 002
revises 001
message 'retype'

upgrade {
    alter table codes
        alter column code type text,
        alter column level type integer using (level::integer);
}
MIG
run 0 "$MIGC" build tc -o m
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at 002 and its schema matches"
if postgres_only; then
    expect_q "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'codes'::regclass ORDER BY adnum" "'x'::text
5"
fi
# Back and up again: the defaults follow each type.
run 0 ./m downgrade 001
if postgres_only; then
    expect_q "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'codes'::regclass ORDER BY adnum" "'x'::character varying
'5'::text"
fi
run 0 ./m upgrade
run 0 ./m check
expect_out "OK: the database is at 002 and its schema matches"
