#!/bin/bash
# example_readme_commands: the example project's README teaches by
# commands, so every command in its ```sh blocks is run here, in order, in
# a scratch copy of the project with a scratch database: `migc` is the
# migc under test (put on PATH), `myapp-migrate` the migrator the README
# builds. A command must exit 0, or, after a `# fails: MESSAGE` line, fail
# with MESSAGE in its output. Then each troubleshooting message is made to
# appear in the situation the README describes, independently of the
# README's own walk-through, and models.schema is checked to match head.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/common.sh"
case $MIGC in /*) ;; *) MIGC=$root/$MIGC ;; esac
[ -x "$MIGC" ] || fail "migc not found at $MIGC"
make_scratch
unset DATABASE_URL
mkdir "$SCRATCH/bin"
ln -s "$MIGC" "$SCRATCH/bin/migc"
export PATH="$SCRATCH/bin:$PATH"
readme=$root/migrations/README.md

# fresh_project DIR: a copy of the example project (its migrations folder)
# in DIR, without the files a developer's runs may have left there.
fresh_project() {
    mkdir -p "$1"
    cp -r "$root/migrations" "$1/migrations"
    rm -f "$1"/migrations/*.db "$1/migrations/.env"
}

# 1. The README's commands, in order.
mkdir "$SCRATCH/cmds"
count=$(awk -v out="$SCRATCH/cmds" -f "$here/extract_commands.awk" "$readme") ||
    fail "could not split the sh blocks of migrations/README.md"
[ "$count" -ge 20 ] || fail "only $count commands found in the sh blocks of migrations/README.md"
fresh_project "$SCRATCH/project"
cd "$SCRATCH/project" || fail "no project copy"
for cmd_file in "$SCRATCH"/cmds/*.sh; do
    fails_file=${cmd_file%.sh}.fails
    # Sourced, so that the commands share one shell as in a terminal.
    . "$cmd_file" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
    rc=$?
    cd "$SCRATCH/project" || fail "a README command removed the project"
    if [ -f "$fails_file" ]; then
        want=$(cat "$fails_file")
        if [ "$rc" -eq 0 ] || ! cat "$SCRATCH/out" "$SCRATCH/err" | grep -qF -- "$want"; then
            show_file "stdout" "$SCRATCH/out"
            show_file "stderr" "$SCRATCH/err"
            fail "README command should fail (exit $rc) saying \"$want\": $(cat "$cmd_file")"
        fi
    elif [ "$rc" -ne 0 ]; then
        show_file "stdout" "$SCRATCH/out"
        show_file "stderr" "$SCRATCH/err"
        fail "README command exited $rc: $(cat "$cmd_file")"
    fi
done
echo "ran $count README commands"

# 2. Each troubleshooting message, in the situation its section describes,
#    and the section that explains it.
for msg in "Can't locate revision identified by '" "Target database is not up to date" \
    "Multiple heads detected"; do
    grep -qF -- "### \`$msg" "$readme" || fail "migrations/README.md has no troubleshooting section for: $msg"
done

# expect RC PATTERN CMD...: CMD exits RC and prints PATTERN (on stdout or stderr).
expect() {
    local want_rc=$1 pattern=$2
    shift 2
    "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" </dev/null
    local rc=$?
    if [ "$rc" -ne "$want_rc" ] || ! cat "$SCRATCH/out" "$SCRATCH/err" | grep -qF -- "$pattern"; then
        show_file "stdout" "$SCRATCH/out"
        show_file "stderr" "$SCRATCH/err"
        fail "$* exited $rc (expected $want_rc) or did not print: $pattern"
    fi
}

# A database stamped with a revision the migrator does not know: a newer
# migrator upgraded it.
fresh_project "$SCRATCH/unknown"
cd "$SCRATCH/unknown" || exit 1
url=sqlite:///$SCRATCH/unknown.db
expect 0 "" migc build -o old-migrate
expect 0 "migrations/versions/099_newer.mig" migc revision -m "newer" --rev-id 099
expect 0 "" migc build -o new-migrate
expect 0 "Running upgrade 010 -> 099, newer" ./new-migrate --database-url "$url" upgrade head
expect 1 "Can't locate revision identified by '099'" ./old-migrate --database-url "$url" upgrade head
expect 1 "Can't locate revision identified by '099'" ./old-migrate --database-url "$url" current

# Pending revisions and check.
url=sqlite:///$SCRATCH/pending.db
expect 0 "" ./old-migrate --database-url "$url" upgrade 008
expect 3 "Target database is not up to date" ./old-migrate --database-url "$url" check
expect 3 "009" ./old-migrate --database-url "$url" check
expect 0 "Target database is not up to date" ./old-migrate --database-url "$url" current --verbose
expect 0 "" ./old-migrate --database-url "$url" upgrade head
expect 0 "OK: the database is at 010" ./old-migrate --database-url "$url" check

# Two heads: upgrade head and migc revision without --head.
fresh_project "$SCRATCH/heads"
cd "$SCRATCH/heads" || exit 1
url=sqlite:///$SCRATCH/heads.db
cat >migrations/versions/011_sibling.mig <<'MIG'
revision 011
revises 009
message 'a second head beside 010'

upgrade {
    create table audit_log (id integer primary key, note text);
}
MIG
expect 2 "Multiple heads detected" migc revision -m "one more"
[ "$(ls migrations/versions | wc -l)" -eq 11 ] || fail "migc revision wrote a file despite two heads"
expect 0 "" migc build -o myapp-migrate
expect 2 "Multiple heads detected: 010, 011" ./myapp-migrate --database-url "$url" upgrade head
expect 0 "" ./myapp-migrate --database-url "$url" upgrade heads
expect 0 "migrations/versions/" migc merge heads -m "merge branches"
expect 0 "" migc build -o myapp-migrate
expect 0 "" ./myapp-migrate --database-url "$url" upgrade head
expect 0 "OK: the database is at" ./myapp-migrate --database-url "$url" check

# 3. models.schema declares the head schema: autogenerate has nothing to write.
fresh_project "$SCRATCH/model"
cd "$SCRATCH/model" || exit 1
expect 0 "No changes" migc revision --autogenerate -m "nothing"
[ "$(ls migrations/versions | wc -l)" -eq 10 ] || fail "migc revision --autogenerate wrote a file: models.schema differs from head"
echo ok
