# --help, --version and bad usage (exit 2).
run 0 "$DEMO" --help
expect_out "usage: demo-migrate COMMAND [ARGS] [OPTIONS]"
expect_out "upgrade [TARGET]"
expect_out "LABEL@head"
run 0 "$DEMO" upgrade --help
expect_out "usage:"
run 0 "$DEMO" --version
[ "$(out | head -1)" = "demo-migrate (migc 0.1.0)" ] || fail "the first line of --version is not: demo-migrate (migc 0.1.0)"
expect_out "built: dynamically linked for "
run 2 "$DEMO"
expect_err "usage:"
run 2 "$DEMO" frobnicate
expect_err "unrecognized command \"frobnicate\""
run 2 "$DEMO" upgrade --frob
expect_err "unrecognized option \"--frob\""
run 2 "$DEMO" current extra
expect_err "unexpected argument \"extra\""
run 2 "$DEMO" stamp
run 2 "$DEMO" show
run 2 "$DEMO" current --purge
run 2 "$DEMO" current --database-url
expect_err "option --database-url needs a value"
run 2 "$DEMO" upgrade --lock-timeout soon
[ -z "$(tables)" ] || fail "bad usage touched the database: $(tables)"
