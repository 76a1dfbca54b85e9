# URL precedence (--database-url, the environment, .env, the default),
# URL forms, .env syntax, and a password never printed.
if sqlite_only; then
    saved=$DATABASE_URL
    unset DATABASE_URL
    run 0 "$DEMO" upgrade 001
    [ "$("$SQLITE3" demo.db "SELECT version_num FROM migc_version")" = 001 ] || fail "the default URL was not used"
    cat > .env <<'ENV'
# a comment
OTHER=1
export DATABASE_URL="sqlite:///from_dotenv.db"  # trailing comment
ENV
    run 0 "$DEMO" upgrade 001
    [ -f from_dotenv.db ] || fail ".env was not used"
    DATABASE_URL=sqlite:///from_env.db run 0 "$DEMO" upgrade 001
    [ -f from_env.db ] || fail "the environment variable did not win over .env"
    DATABASE_URL=sqlite:///from_env.db run 0 "$DEMO" upgrade 001 --database-url sqlite:///from_option.db
    [ -f from_option.db ] || fail "--database-url did not win"
    printf "DATABASE_URL='sqlite:///single quoted.db'\n" > .env
    run 0 "$DEMO" upgrade 001
    [ -f "single quoted.db" ] || fail "single-quoted .env value"
    printf "DATABASE_URL = sqlite:///plain.db # comment\nDATABASE_URL_OTHER=x\n" > .env
    run 0 "$DEMO" upgrade 001
    [ -f plain.db ] || fail "unquoted .env value with a comment"
    rm .env
    mkdir sub
    run 0 "$DEMO" upgrade 001 --database-url "sqlite:///$PWD/sub/abs.db"
    [ -f sub/abs.db ] || fail "absolute sqlite:////path"
    run 0 "$DEMO" current --database-url sqlite:///:memory:
    expect_out_is ""
    export DATABASE_URL=$saved
else
    # libpq takes the URL as it is: both schemes, its parameters, and the
    # precedence of the option, the environment and .env.
    base=$DATABASE_URL
    other_db env
    envurl=$OTHER_URL
    (
        unset DATABASE_URL
        printf 'export DATABASE_URL="%s"  # from .env\n' "$base" > .env
        run 0 "$DEMO" upgrade 001
        DATABASE_URL=$envurl run 0 "$DEMO" upgrade 002
        DATABASE_URL=$envurl run 0 "$DEMO" current --database-url "$base"
        expect_out_is "001"
        rm .env
    ) || exit 1
    expect_versions "001"
    run 0 "$DEMO" current --database-url "$envurl"
    expect_out_is "002"
    run 0 "$DEMO" current --database-url "${base/postgresql:/postgres:}"
    expect_out_is "001"
    run 0 "$DEMO" current --database-url "$base?sslmode=disable&connect_timeout=5&application_name=probe&options=-c%20statement_timeout%3D5000"
    expect_out_is "001"
    run 0 "$DEMO" current --database-url "postgresql:///$PG_DB?host=$PGHOST&port=$PGPORT&user=$PGUSER"
    expect_out_is "001"
    # trust authentication ignores the password, which must not show
    run 0 "$DEMO" current -v --database-url "postgresql://$PGUSER:s3cret@$PGHOST:$PGPORT/$PG_DB"
    expect_err "Using postgresql://$PGUSER:***@$PGHOST:$PGPORT/$PG_DB"
    expect_no_err "s3cret"
fi
run 1 "$DEMO" upgrade -v --database-url postgresql://app:s3cret@127.0.0.1:1/app
expect_err "Using postgresql://app:***@127.0.0.1:1/app (from --database-url)"
expect_err "could not connect to PostgreSQL at 127.0.0.1:1"
expect_no_err "s3cret"
run 1 "$DEMO" current -v --database-url "postgres://127.0.0.1:1/app?sslmode=disable&password=s3cret&user=app"
expect_err "password=***"
expect_no_err "s3cret"
run 2 "$DEMO" current --database-url mysql://app:s3cret@db/app
expect_err "unrecognized scheme \"mysql\""
expect_no_err "s3cret"
run 2 "$DEMO" current --database-url sqlite://x.db
expect_err "error: could not use the database URL from --database-url: a SQLite URL has three slashes"
if sqlite_only; then
    (unset DATABASE_URL; run 0 "$DEMO" current -v) || exit 1
    expect_err "Using sqlite:///demo.db (from the build's default)"
fi
if sqlite_only; then run 0 "$DEMO" upgrade 001; fi
run 0 "$DEMO" current -v
expect_err "(from the environment variable DATABASE_URL)"
