# URL precedence (--database-url, the environment, .env, the default),
# URL forms, .env syntax, and a password never printed.
run 0 "$DEMO" upgrade 001
expect_q demo.db "SELECT version_num FROM migc_version" "001"
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
run 1 "$DEMO" upgrade --database-url postgresql://app:s3cret@db.example/app
expect_err "PostgreSQL support is not built into this migrator yet"
expect_err "postgresql://app:***@db.example/app"
expect_no_err "s3cret"
run 1 "$DEMO" current --database-url "postgres://app:s3cret@db.example/app?sslmode=require"
expect_no_err "s3cret"
run 2 "$DEMO" current --database-url mysql://app:s3cret@db/app
expect_err "unrecognized scheme \"mysql\""
expect_no_err "s3cret"
run 2 "$DEMO" current --database-url sqlite://x.db
expect_err "a SQLite URL has three slashes"
run 0 "$DEMO" current -v
expect_err "Using sqlite:///demo.db (from the default)"
