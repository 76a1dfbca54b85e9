# A migrator built on this machine runs on a host without libpq: SQLite
# work runs, and a PostgreSQL URL gets one line saying what to install.
# The host is simulated in a private mount namespace in which the
# directory holding libpq shows only the C libraries the migrator needs,
# with LD_LIBRARY_PATH pointed at an empty directory. Skipped (exit 77)
# where mount namespaces are not allowed.
project
run 0 "$MIGC" build project -o m
libpq=$(ldconfig -p 2>/dev/null | awk '$1 == "libpq.so.5" { print $NF; exit }')
[ -n "$libpq" ] || fail "libpq.so.5 is not installed here, so there is nothing to hide"
libdir=$(dirname "$(readlink -f "$libpq")")
mkdir libs empty
for lib in $(ldd ./m | awk '$2 == "=>" { print $3 } $1 ~ /^\// { print $1 }'); do
    cp "$(readlink -f "$lib")" "libs/$(basename "$lib")"
done
ls libs/libpq* >/dev/null 2>&1 && fail "the migrator needs libpq at start: $(ldd ./m)"
if ! unshare -m true 2>/dev/null; then
    echo "skipped: mount namespaces are not allowed here"
    exit 77
fi
pg_url=${DATABASE_URL/#sqlite*/postgresql://app:s3cret@127.0.0.1:5432/app}
# Inside, only bash builtins and the migrator run: nothing else finds its
# libraries there.
unshare -m bash -c '
    mount --bind "$1" "$2" || exit 90
    [ -e "$2/$(basename "$3")" ] && exit 91
    export LD_LIBRARY_PATH=$PWD/empty
    ./m upgrade --database-url sqlite:///nolibpq.db >up.out 2>up.err; echo $? >up.rc
    ./m check --database-url sqlite:///nolibpq.db >check.out 2>check.err; echo $? >check.rc
    ./m current --database-url "$4" >pg.out 2>pg.err; echo $? >pg.rc
    "$5" current --database-url "$4" >demo.out 2>demo.err; echo $? >demo.rc
' hide "$PWD/libs" "$libdir" "$libpq" "$pg_url" "$DEMO"
st=$?
[ $st = 90 ] && fail "could not mount over $libdir"
[ $st = 91 ] && fail "libpq is still visible in $libdir"
[ "$(cat up.rc)" = 0 ] || fail "SQLite upgrade failed without libpq: $(cat up.err)"
grep -q "Running upgrade 004 -> 005" up.err || fail "no progress: $(cat up.err)"
[ "$(cat check.rc)" = 0 ] || fail "SQLite check failed without libpq: $(cat check.err)"
for who in pg demo; do
    [ "$(cat $who.rc)" = 1 ] || fail "$who: exit $(cat $who.rc) for a PostgreSQL URL without libpq: $(cat $who.err)"
    [ "$(wc -l <$who.err)" = 1 ] || fail "$who: not one line: $(cat $who.err)"
    grep -q "^error: PostgreSQL support needs libpq (libpq.so.5), which is not installed on this host: install the package libpq5" $who.err ||
        fail "$who: unclear message: $(cat $who.err)"
    grep -q s3cret $who.err && fail "$who: the password shows: $(cat $who.err)"
done
# and outside, with libpq, the same URL gets past loading libpq
run 1 ./m current --database-url "postgresql://app:s3cret@127.0.0.1:1/app"
expect_err "could not connect to PostgreSQL"
