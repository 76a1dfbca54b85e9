# A database that cannot be reached gets one clear line and exit 1, within
# the connect timeout: no hang, no crash, no password shown. PostgreSQL:
# server down, wrong port, wrong password, missing database, SSL required
# (by the client and by the server), a server that never answers.
# SQLite: a file that cannot be opened.
# one_line_error TEXT: the last run printed exactly one line, an error
# holding TEXT.
one_line_error() {
    [ "$(wc -l <"$work/.err")" = 1 ] || fail "not one line: $(err)"
    expect_err "$1"
    grep -q "^error: " "$work/.err" || fail "not an error line: $(err)"
    expect_no_err "s3cret"
}
# timed MAX RC CMD...: run, and fail when it took more than MAX seconds.
timed() {
    local max=$1 start end
    shift
    start=$(date +%s)
    run "$@"
    end=$(date +%s)
    [ $((end - start)) -le "$max" ] || fail "took $((end - start)) s, more than $max s"
}

if sqlite_only; then
    timed 5 1 "$DEMO" upgrade --database-url sqlite:///no/such/dir/x.db
    one_line_error "could not open SQLite database \"no/such/dir/x.db\""
    mkdir adir
    timed 5 1 "$DEMO" current --database-url sqlite:///adir
    one_line_error "could not open SQLite database \"adir\""
else

# A port nothing listens on: the server is down, or the port is wrong.
free_port() {
    local p
    for p in $(seq 41000 41100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
}
port=$(free_port)
timed 5 1 "$DEMO" upgrade --database-url "postgresql://app:s3cret@127.0.0.1:$port/app"
one_line_error "could not connect to PostgreSQL at 127.0.0.1:$port (database \"app\", user \"app\"): connection refused"
# a short password is hidden where it stands, not in every word
run 1 "$DEMO" current --database-url "postgresql://app:ab@127.0.0.1:$port/ab_db"
expect_err "(database \"ab_db\", user \"app\")"
timed 5 1 "$DEMO" current --database-url "postgresql://$PGUSER@$PGHOST:$port/$PG_DB"
one_line_error "could not connect to PostgreSQL at $PGHOST:$port"
expect_err "connection refused"

# Missing database, and SSL required by the client of a server without it.
timed 5 1 "$DEMO" upgrade --database-url "postgresql://$PGUSER@$PGHOST:$PGPORT/no_such_db"
one_line_error "could not connect to PostgreSQL at $PGHOST:$PGPORT (database \"no_such_db\", user \"$PGUSER\"): database \"no_such_db\" does not exist"
timed 5 1 "$DEMO" upgrade --database-url "$DATABASE_URL?sslmode=require"
one_line_error "server does not support SSL, but SSL was required"

# A server that accepts the connection and never answers: the connect
# timeout ends the wait.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
time.sleep(60)' >silent.port &
silent=$!
for _ in $(seq 50); do [ -s silent.port ] && break; sleep 0.1; done
timed 6 1 "$DEMO" current --database-url "postgresql://app:s3cret@127.0.0.1:$(cat silent.port)/app?connect_timeout=2"
kill "$silent"
one_line_error "could not connect to PostgreSQL"
expect_err "timeout"

# Passwords and SSL by the server: a private server of our own, whose
# pg_hba.conf asks user app for a password and user secure for SSL.
export MIGC_PG_STATE=$work/private.env
bash "$RUNTIME_TESTS/../pg_fixture.sh" start >private.log 2>&1 || { cat private.log; fail "could not start a private server"; }
trap 'MIGC_PG_STATE=$work/private.env bash "$RUNTIME_TESTS/../pg_fixture.sh" stop >/dev/null 2>&1; cleanup' EXIT
priv_port=$(sed -n 's/^PGPORT=//p' private.env)
priv_dir=$(sed -n 's/^PG_DIR=//p' private.env)
priv() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$priv_port" -d postgres "$@"; }
priv -c "CREATE ROLE app LOGIN PASSWORD 'right'" -c "CREATE ROLE secure LOGIN" -c "CREATE DATABASE appdb OWNER app" >/dev/null ||
    fail "could not set up the private server"
{
    echo "local all all trust"
    echo "host all $PGUSER 127.0.0.1/32 trust"
    echo "host all app 127.0.0.1/32 scram-sha-256"
    echo "hostssl all secure 127.0.0.1/32 trust"
} >"$priv_dir/data/pg_hba.conf"
priv -c "SELECT pg_reload_conf()" >/dev/null || fail "could not reload the private server"
sleep 0.5
timed 5 1 "$DEMO" upgrade --database-url "postgresql://app:s3cret@127.0.0.1:$priv_port/appdb"
one_line_error "could not connect to PostgreSQL at 127.0.0.1:$priv_port (database \"appdb\", user \"app\"): password authentication failed for user \"app\""
timed 5 1 "$DEMO" upgrade --database-url "postgresql://secure@127.0.0.1:$priv_port/appdb"
one_line_error "no pg_hba.conf entry for host \"127.0.0.1\", user \"secure\", database \"appdb\", no encryption"
# and the right password works, through the URL and through PGPASSWORD
run 0 "$DEMO" upgrade --database-url "postgresql://app:right@127.0.0.1:$priv_port/appdb"
expect_no_err "right@"
PGPASSWORD=right run 0 "$DEMO" current --database-url "postgresql://app@127.0.0.1:$priv_port/appdb"
expect_out_is "005 (head)"
fi
