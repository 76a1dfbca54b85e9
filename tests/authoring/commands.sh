#!/bin/bash
# commands.sh: migc init, revision, merge and fmt in a scratch directory:
# the files they write, and their errors (several heads, one head, an
# existing file or directory, a bad id, a model with other statements).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/common.sh"
make_scratch
cd "$SCRATCH" || fail "no scratch directory"

# expect_run WANT_EXIT ARGS...: runs migc, output in out/err.
expect_run() {
    local want=$1
    shift
    "$MIGC" "$@" >out 2>err
    local got=$?
    if [ "$got" -ne "$want" ]; then
        show_file stdout out
        show_file stderr err
        fail "migc $* exited with $got, expected $want"
    fi
}
has() {   # has FILE TEXT
    grep -qF -- "$2" "$1" || { show_file "$1" "$1"; fail "$1 lacks: $2"; }
}

# ---- init ----
expect_run 0 init
[ -d migrations/versions ] || fail "init made no migrations/versions"
[ -f migrations/models.schema ] && [ ! -s migrations/models.schema ] || fail "models.schema is not an empty file"
has migrations/.env.example "DATABASE_URL="
for t in "## Set-up" "## Creating a migration" "## Applying and reverting" "## Checking status" \
         "## Best practices" "## Example migration" "Can't locate revision identified by" \
         "Target database is not up to date" "Multiple heads detected"; do
    has migrations/README.md "$t"
done
has out "find_package(migc"
has out "migc_add_migrator(TARGET myapp-migrate DIR migrations)"
expect_run 1 init
has err 'directory "migrations" is not empty'
expect_run 0 init other/db
[ -d other/db/versions ] || fail "init other/db made no versions/"

# ---- revision ----
expect_run 0 revision -m "Create users table" --rev-id 001
[ "$(cat out)" = migrations/versions/001_create_users_table.mig ] || fail "revision printed $(cat out)"
f=migrations/versions/001_create_users_table.mig
cat >want <<'W'
revision 001
revises base
message 'Create users table'
W
head -n 3 "$f" | diff -u want - || fail "the header of $f differs"
grep -qE "^created '[0-9]{4}-[0-9]{2}-[0-9]{2}'$" "$f" || fail "$f has no created date"
has "$f" "upgrade { }"
has "$f" "downgrade { }"
expect_run 0 fmt --check migrations
expect_run 0 revision -m "it's second"
f2=$(cat out)
[[ $f2 =~ ^migrations/versions/[0-9a-f]{12}_it_s_second\.mig$ ]] || fail "unexpected path $f2"
id2=$(basename "$f2" | cut -c1-12)
has "$f2" "revises 001"
has "$f2" "message 'it''s second'"
expect_run 1 revision -m again --rev-id 001
has err 'revision "001" already exists'
expect_run 2 revision -m bad --rev-id "no-dashes"
has err 'invalid revision id "no-dashes"'
expect_run 2 revision -m nowhere --head nope
has err "Can't locate revision identified by 'nope'"
expect_run 0 revision -m "branch a" --rev-id a1 --head 001 --branch feature
has migrations/versions/a1_branch_a.mig "branch feature"
expect_run 2 revision -m "which head"
has err "Multiple heads detected: "
has err "$id2"
has err "a1"
has err 'migc merge heads -m "merge branches"'
has err "--head"
expect_run 0 revision -m "on a" --rev-id a2 --head feature@head
has migrations/versions/a2_on_a.mig "revises a1"
# An existing file is never replaced, even with a fresh id.
mkdir flat && expect_run 0 revision flat -m one --rev-id x1
[ -f flat/x1_one.mig ] || fail "without versions/ the file goes to DIR"
printf "revision other\nrevises x1\nmessage 'kept'\nupgrade { }\n" >flat/x3_one.mig
cp flat/x3_one.mig kept.orig
expect_run 1 revision flat -m one --rev-id x3
has err '"flat/x3_one.mig" already exists'
cmp -s flat/x3_one.mig kept.orig || fail "revision overwrote an existing file"

# ---- merge ----
expect_run 0 merge heads -m "merge branches" --rev-id m1
grep -qE "^revises ($id2, a2|a2, $id2)$" migrations/versions/m1_merge_branches.mig || fail "the merge does not revise both heads"
has migrations/versions/m1_merge_branches.mig "upgrade { }"
expect_run 1 merge heads -m again
has err 'nothing to merge: the project has one head, "m1"'
expect_run 1 merge migrations 001 m1 -m ancestors
has err 'nothing to merge: "001" is an ancestor of "m1"'
expect_run 0 check migrations
# Two heads where one only depends on the other: heads lists both and
# merge takes them, as Alembic's merge does.
mkdir dep
printf "revision d1\nrevises base\nmessage 'd1'\n\nupgrade { create table d1 (x int); }\n" >dep/d1.mig
printf "revision d2\nrevises base\ndepends on d1\nmessage 'd2'\n\nupgrade { create table d2 (x int); }\n" >dep/d2.mig
expect_run 0 heads dep
has out "d1 (head)"
has out "d2 (head) (depends on d1)"
expect_run 0 merge dep d1 d2 -m "merge d" --rev-id dm
has dep/dm_merge_d.mig "revises d1, d2"
expect_run 0 check dep

# ---- autogenerate ----
printf 'create table users (id bigint primary key, name text);\n' >migrations/models.schema
expect_run 0 revision -m users --rev-id g1 --autogenerate
has migrations/versions/g1_users.mig "create table users ("
expect_run 0 revision -m nothing --autogenerate
has out "No changes"
[ -z "$(ls migrations/versions | grep nothing)" ] || fail "a migration was written with nothing to do"
printf 'create table users (id bigint primary key);\ndrop table users;\n' >bad.schema
expect_run 1 revision -m bad --autogenerate --model bad.schema
has err "bad.schema:2:1: error: a model holds only create extension, create type, create table, create index, create view and comment on"
has err 'migc revision: error: the model "bad.schema" has errors; "migrations/versions/'
has err '_bad.mig" was not written'
expect_run 1 revision -m gone --autogenerate --model missing.schema
has err 'migc revision: error: could not read the model "missing.schema": No such file or directory; "migrations/versions/'
has err '_gone.mig" was not written'
printf 'create table users (id bigint primary key, name text, age int not null);\n' >notnull.schema
expect_run 1 revision -m notnull --autogenerate --model notnull.schema
has err 'cannot add not null column "age" without a default to existing table "users"'
has err 'migc revision: error: the generated migration does not pass migc check; "migrations/versions/'
has err '_notnull.mig" was not written'
[ -z "$(ls migrations/versions | grep notnull)" ] || fail "a failing generated migration was left behind"

# ---- fmt ----
mkdir -p f && cat >f/a.mig <<'M'
-- keep me
REVISION 001 REVISES BASE MESSAGE 'x'
UPGRADE { CREATE TABLE T(Id INT PRIMARY KEY, "Name" TEXT NOT NULL); -- trailing
}
M
cat >f/broken.mig <<'M'
revision 002 revises 001 message 'y' upgrade { create table ( }
M
cp f/broken.mig broken.orig
expect_run 1 fmt --check f
has out "f/a.mig"
expect_run 1 fmt f
has err "f/broken.mig:1"
cmp -s f/broken.mig broken.orig || fail "fmt changed a file that does not parse"
cat >want <<'M'
-- keep me
revision 001
revises base
message 'x'

upgrade {
    create table t (
        id     int  primary key,
        "Name" text not null
    ); -- trailing
}
M
diff -u want f/a.mig || fail "fmt's layout differs"
rm f/broken.mig
expect_run 0 fmt --check f
# The words of index and constraint options, in their canonical places.
cat >f/b.mig <<'M'
REVISION 002 REVISES 001 MESSAGE 'options'
UPGRADE { CREATE TABLE U(Id INT PRIMARY KEY DEFERRABLE INITIALLY DEFERRED, P INT REFERENCES U DEFERRABLE, Q INT GENERATED ALWAYS AS (P*2) STORED, CONSTRAINT U_P_KEY UNIQUE NULLS NOT DISTINCT(P) NOT DEFERRABLE);
CREATE INDEX I ON U USING GIN(Q DESC NULLS LAST) INCLUDE(P);
ALTER TABLE U ADD CONSTRAINT C CHECK(Q>0) NOT VALID;
ALTER TABLE U VALIDATE CONSTRAINT C; }
M
expect_run 0 fmt f
cat >want <<'M'
revision 002
revises 001
message 'options'

upgrade {
    create table u (
        id int primary key deferrable initially deferred,
        p  int references u deferrable,
        q  int generated always as (p * 2) stored,
        constraint u_p_key unique nulls not distinct (p) not deferrable
    );
    create index i on u using gin (q desc nulls last) include (p);
    alter table u add constraint c check (q > 0) not valid;
    alter table u validate constraint c;
}
M
diff -u want f/b.mig || fail "fmt's layout of index and constraint options differs"
expect_run 0 fmt --check f

# What a sql block declares goes on lines of its own; a name spelled like
# a keyword stays in its list.
cat >f/c.mig <<'M'
REVISION 003 REVISES 002 MESSAGE 'declared'
UPGRADE { SQL POSTGRES $$ select 1 $$ CREATES TABLE Drops, TRIGGER T ON U, MATERIALIZED VIEW M DROPS INDEX I;
SQL $$ select 2 $$; }
DOWNGRADE IRREVERSIBLE;
M
expect_run 0 fmt f
cat >want <<'M'
revision 003
revises 002
message 'declared'

upgrade {
    sql postgres $$ select 1 $$
        creates table drops, trigger t on u, materialized view m
        drops index i;
    sql $$ select 2 $$;
}

downgrade irreversible;
M
diff -u want f/c.mig || fail "fmt's layout of a sql block's declarations differs"
expect_run 0 fmt --check f
echo "ok: init, revision, merge, autogenerate and fmt"
