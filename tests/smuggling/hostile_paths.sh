#!/bin/bash
# hostile_paths.sh
#
# Text from a .mig file or its path reaches SQL and C only as escaped
# literal text. One project holds a migration under each hostile directory
# and file name (a newline followed by a statement, "*/" and "/*" across
# path components, "--", quotes, backslashes, "??/", a carriage return, a
# tab, an escape, bytes that are not UTF-8, "$$" and ";"), each with a
# hostile but legal message; a twin project holds the same migrations under
# plain names. Then:
#   - migc check passes without a word;
#   - migc sql (both dialects, up and down) and the built migrator's
#     upgrade --sql and downgrade --sql print exactly the twin's script
#     once comment lines ("-- ...") are set aside, and as many comment
#     lines: nothing became a statement (nor a line of upgrade -v);
#   - the sqlite3 shell runs the script and leaves a table named precious
#     in place (the migrator's name, "it's app", is quoted too);
#   - migc build compiles the generated C, and the C, compiled with
#     -Wall -Wextra -Werror around a reader (read_back.c), gives back
#     every id, message and file name byte for byte.
set -u
. "$(dirname "$0")/../common.sh"
SQLITE3=${MIGC_SQLITE3:-sqlite3}
CC=${CC:-cc}
runtime=$(cd "$(dirname "$0")/../../runtime" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
make_scratch

# Directory names (each holds one migration file named after it too), and
# the messages, one per migration. "*/" and "/*" arise across components.
names=(
    $'nl\nDROP TABLE precious; --'
    'star*/*slash'
    'dash -- dash'
    "quote ' and \" quote"
    'back\slash\'
    'tri??/graph??='
    $'cr\rlf'
    $'tab\there'
    $'esc\e[31mred'
    $'bytes\xff\xfe\xc0'
    'dollar $$ semi ;'
    'caf'$'\xc3\xa9'
)
messages=(
    'a */ comment end'
    '/* a comment start'
    'dash -- dash'
    "it''s \"quoted\""
    'back\slash\'
    '??/ trigraph ??='
    'dollar $$ semi ; --'
    $'not utf-8 \xff'
    'caf'$'\xc3\xa9'
    'plain'
    'plain'
    'plain'
)
n=${#names[@]}

# write_project DIR HOSTILE(0|1): one migration per name, a chain.
write_project() {
    local dir=$1 hostile=$2 k sub file msg parent=base
    mkdir -p "$dir"
    for ((k = 0; k < n; k++)); do
        if [ "$hostile" = 1 ]; then
            sub="$k ${names[$k]}" file="$(printf '%02d' "$k")_${names[$k]//\//_}.mig" msg=${messages[$k]}
        else
            sub="$k plain" file="$(printf '%02d' "$k")_plain.mig" msg=plain
        fi
        mkdir -p "$dir/$sub"
        printf "revision r%02d\nrevises %s\nmessage '%s'\n\nupgrade {\n    create table t%02d (id int primary key);\n}\n" \
            "$k" "$parent" "$msg" "$k" >"$dir/$sub/$file"
        parent=r$(printf '%02d' "$k")
    done
}
write_project "$SCRATCH/hostile" 1
write_project "$SCRATCH/plain" 0

# run NAME CMD...: CMD's stdout in $SCRATCH/NAME.out, stderr in NAME.err;
# a non-zero exit fails the test.
run() {
    local name=$1
    shift
    "$@" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        show_file "stderr of $*" "$SCRATCH/$name.err"
        fail "$name: exit status $rc from $*"
    fi
}

# same_script NAME: the hostile script NAME equals the plain one once
# comment lines are set aside, with as many comment lines.
same_script() {
    local h=$SCRATCH/hostile-$1.out p=$SCRATCH/plain-$1.out
    if ! diff <(grep -av '^-- ' "$p") <(grep -av '^-- ' "$h") >"$SCRATCH/diff"; then
        cat -A "$SCRATCH/diff" >&2
        fail "$1: a name or message changed the statements of the script (lines above: < plain, > hostile)"
    fi
    local hc pc
    hc=$(grep -ac '^-- ' "$h") pc=$(grep -ac '^-- ' "$p")
    [ "$hc" = "$pc" ] || fail "$1: $hc comment lines with hostile names, $pc with plain ones"
    grep -aqF -- '-- 0 nl\nDROP TABLE precious; --/00_nl\nDROP TABLE precious; --.mig' "$h" ||
        grep -aqF -- 'nl\nDROP TABLE precious; --/00_nl\nDROP TABLE precious; --.mig' "$h" ||
        { show_file "$1" "$h"; fail "$1: the newline of a file name is not written as \\n"; }
}

for kind in hostile plain; do
    run "$kind-check" "$MIGC" check "$SCRATCH/$kind"
    [ -s "$SCRATCH/$kind-check.err" ] && { show_file "migc check" "$SCRATCH/$kind-check.err"; fail "migc check $kind printed diagnostics"; }
    for d in sqlite postgres; do
        run "$kind-sql-$d" "$MIGC" sql "$SCRATCH/$kind" --dialect "$d"
        run "$kind-sqldown-$d" "$MIGC" sql "$SCRATCH/$kind" --dialect "$d" head:base
    done
    run "$kind-build" "$MIGC" build "$SCRATCH/$kind" -o "$SCRATCH/$kind-migrate" --name "it's app" --keep-c "$SCRATCH/$kind.c"
    for d in sqlite postgres; do
        run "$kind-offline-$d" "$SCRATCH/$kind-migrate" upgrade --sql --dialect "$d"
        run "$kind-offdown-$d" "$SCRATCH/$kind-migrate" downgrade --sql --dialect "$d" head:base
    done
done
for s in sql-sqlite sql-postgres sqldown-sqlite sqldown-postgres offline-sqlite offline-postgres \
         offdown-sqlite offdown-postgres; do
    same_script "$s"
done
echo "ok: migc sql and upgrade --sql hold the same statements under hostile names"

# The scripts in the sqlite3 shell, on a database holding a precious table.
for s in sql-sqlite offline-sqlite; do
    db=$SCRATCH/$s.db
    "$SQLITE3" "$db" 'CREATE TABLE precious (x INTEGER)' || fail "could not create $db"
    "$SQLITE3" -bail "$db" <"$SCRATCH/hostile-$s.out" >"$SCRATCH/shell.log" 2>&1 ||
        { show_file "sqlite3 shell" "$SCRATCH/shell.log"; fail "$s: the sqlite3 shell failed on the script"; }
    got=$("$SQLITE3" "$db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema
                              WHERE type = 'table' AND name NOT LIKE 'migc%' ORDER BY name)")
    want="precious $(for ((k = 0; k < n; k++)); do printf 't%02d ' "$k"; done)"
    [ "$got" = "${want% }" ] || fail "$s: the script left the tables \"$got\", expected \"${want% }\""
done
echo "ok: the sqlite3 shell ran both scripts and kept the table precious"

# upgrade -v shows each statement under a comment naming its file: one line.
run verbose "$SCRATCH/hostile-migrate" upgrade -v --database-url "sqlite:///$SCRATCH/verbose.db"
grep -a '^DROP TABLE precious' "$SCRATCH/verbose.err" &&
    { show_file "stderr of upgrade -v" "$SCRATCH/verbose.err"; fail "upgrade -v printed a file name's second line as a line of its own"; }
grep -aqF 'nl\nDROP TABLE precious; --.mig:6' "$SCRATCH/verbose.err" ||
    { show_file "stderr of upgrade -v" "$SCRATCH/verbose.err"; fail "upgrade -v does not name the file with its newline escaped"; }
echo "ok: upgrade -v names hostile files on one comment line"

# The generated C, compiled with every warning an error, gives the names back.
for kind in hostile plain; do
    "$CC" -std=c11 -Wall -Wextra -Werror -Wtrigraphs -I"$runtime" -DGENERATED="\"$SCRATCH/$kind.c\"" \
        -o "$SCRATCH/read-$kind" "$here/read_back.c" >"$SCRATCH/cc.log" 2>&1 ||
        { show_file "$CC" "$SCRATCH/cc.log"; fail "the C generated for $kind names does not compile cleanly"; }
    "$SCRATCH/read-$kind" >"$SCRATCH/read-$kind.out" || fail "the reader of $kind names failed"
done
hex() { printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n'; }
{
    for ((k = 0; k < n; k++)); do
        file="$k ${names[$k]}/$(printf '%02d' "$k")_${names[$k]//\//_}.mig"
        msg=${messages[$k]//\'\'/\'}
        echo "id $(hex "$(printf 'r%02d' "$k")")"
        echo "message $(hex "$msg")"
        echo "file $(hex "$file")"
        echo "stmt $(hex "$file")"
        echo "stmt $(hex "$file")"
    done
} >"$SCRATCH/want"
if ! diff "$SCRATCH/want" "$SCRATCH/read-hostile.out" >"$SCRATCH/diff"; then
    cat "$SCRATCH/diff" >&2
    fail "the generated C does not give back the ids, messages and file names it was given (< given, > read back)"
fi
echo "ok: the generated C compiles with -Werror and gives back every name byte for byte"

# migc revision and merge refuse a message that check would refuse, before
# writing anything.
mkdir -p "$SCRATCH/new"
"$MIGC" revision "$SCRATCH/new" -m $'add users\nDROP TABLE precious; --' >"$SCRATCH/rev.out" 2>"$SCRATCH/rev.err"
rc=$?
[ $rc -eq 2 ] || fail "migc revision -m with a newline exited with $rc, expected 2"
grep -qF 'migc revision: error: the message contains a line break' "$SCRATCH/rev.err" ||
    { show_file "stderr of migc revision" "$SCRATCH/rev.err"; fail "migc revision did not name the line break"; }
[ -z "$(ls -A "$SCRATCH/new")" ] || fail "migc revision wrote a file for a refused message"
"$MIGC" merge "$SCRATCH/hostile" heads -m $'join\e[2J' >"$SCRATCH/rev.out" 2>"$SCRATCH/rev.err"
rc=$?
[ $rc -eq 2 ] || fail "migc merge -m with an escape exited with $rc, expected 2"
grep -qF 'migc merge: error: the message contains control character U+001B' "$SCRATCH/rev.err" ||
    { show_file "stderr of migc merge" "$SCRATCH/rev.err"; fail "migc merge did not name the control character"; }
echo "ok: migc revision and merge refuse a message with control characters"
