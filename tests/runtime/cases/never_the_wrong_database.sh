# A URL or .env that is wrong in any way stops the migrator before it
# touches a database: no in-memory stand-in for an empty SQLite path, no
# .env line skipped, no database created by a command that only reads,
# and no empty file left by an upgrade that failed.
saved=$DATABASE_URL
unset DATABASE_URL

# an empty SQLite path is an error, never an in-memory database
for url in "sqlite://" "sqlite:///" "sqlite:///?mode=ro"; do
    run 2 "$DEMO" upgrade --database-url "$url"
    expect_err "error: could not use the database URL from --database-url: it names no database file"
    expect_err "sqlite:///:memory:"
done
run 0 "$DEMO" upgrade 001 --database-url sqlite:///:memory:
expect_err "Running upgrade <base> -> 001"

# .env: a byte-order mark is read; a bad line is an error naming it
printf '\xef\xbb\xbfDATABASE_URL=sqlite:///bom.db\n' > .env
run 0 "$DEMO" upgrade 001
[ -f bom.db ] || fail "a .env starting with a byte-order mark was not read"
printf '# ok\n\nOTHER=1\nexport DATABASE_URL=sqlite:///x.db\nthis is not a setting\n' > .env
run 2 "$DEMO" upgrade
expect_err ".env:5: error: line is not KEY=VALUE"
[ -f x.db ] && fail "a .env with a bad line was used"
printf 'DATABASE_URL="sqlite:///x.db\n' > .env
run 2 "$DEMO" current
expect_err ".env:1: error: unclosed double quote"
printf "A=1\nDATABASE_URL='sqlite:///x.db\n" > .env
run 2 "$DEMO" history
expect_err ".env:2: error: unclosed single quote"
printf 'DATABASE_URL="sqlite:///x.db" junk\n' > .env
run 2 "$DEMO" upgrade
expect_err ".env:1: error: text after the closing quote"
printf 'A=1\r\nB=2\r\nDATABASE_URL=sqlite:///x.db\0.other\n' > .env
run 2 "$DEMO" upgrade
expect_err ".env:3: error: line holds a NUL byte"
expect_no_err "sqlite:///x.db"
[ -f x.db ] && fail "a .env with a NUL byte was used"
printf 'DATABASE_URL=mysql://app:Hunter2pass@db/app\n' > .env
run 2 "$DEMO" current
expect_err "error: could not use the database URL from .env:1: unrecognized scheme \"mysql\""
expect_no_err "Hunter2pass"
rm .env

if sqlite_only; then
    # commands that only read never create the database
    for cmd in current history check schema "downgrade base" repair; do
        run 1 "$DEMO" $cmd --database-url sqlite:///missing.db
        expect_err "error: SQLite database file \"missing.db\" does not exist"
        [ -e missing.db ] && fail "$cmd created the database"
    done
    for cmd in heads branches "show 001"; do
        run 0 "$DEMO" $cmd --database-url sqlite:///missing.db
        [ -e missing.db ] && fail "$cmd created the database"
    done
    # an upgrade that fails before anything committed leaves no file
    run 2 "$DEMO" upgrade nosuchrev --database-url sqlite:///typo.db
    expect_err "Can't locate revision identified by 'nosuchrev'"
    [ -e typo.db ] && fail "a failed upgrade left an empty database file"
    run 0 "$DEMO" upgrade 001 --database-url sqlite:///typo.db
    run 2 "$DEMO" upgrade nosuchrev --database-url sqlite:///typo.db
    [ -s typo.db ] || fail "a failed upgrade removed a database that holds migrations"
    cat > .env <<'ENV'
DATABASE_URL=sqlite:///fresh.db
ENV
    run 0 "$DEMO" upgrade 001 --sql
    [ -e fresh.db ] && fail "upgrade --sql created the database"
    rm .env
fi

# options that contradict each other are usage errors
run 2 "$DEMO" current --database-url sqlite:///a.db --database-url sqlite:///b.db
expect_err "error: --database-url is given twice"
run 2 "$DEMO" current -v -q
expect_err "error: -q cannot be combined with -v (--verbose)"
run 2 "$DEMO" current --quiet --verbose
expect_err "error: --verbose cannot be combined with -q (--quiet)"
export DATABASE_URL=$saved
