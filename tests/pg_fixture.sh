#!/bin/bash
# pg_fixture.sh start|stop
#
# The PostgreSQL server the exec_*_postgres tests run against (a ctest
# fixture: pg_start before them, pg_stop after them, pass or fail).
#
# start: installs the postgresql package when no initdb is found (through
#   scripts/setup-deps), creates a temporary directory with a fresh cluster
#   (trust authentication: it listens on 127.0.0.1 only and lives for one
#   test run), starts the server on a free port with its unix socket in that
#   directory, and writes PGHOST/PGPORT/PGUSER/PG_PID/PG_BIN/PG_DIR to the
#   state file $MIGC_PG_STATE, which tests/exec_history.sh reads.
#   $MIGC_PG_SERVER_OPTIONS adds server options (-c name=value ...), e.g.
#   the benchmark's; TMPDIR picks where the cluster lives.
#   initdb refuses to run as root, so as root the cluster belongs to the
#   postgres user; a user who cannot switch users runs it as themself.
# stop: kills the server by the pid in its postmaster.pid and removes the
#   directory and the state file. Stopping with nothing started is not an
#   error.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/tests/common.sh"

state=${MIGC_PG_STATE:-$root/build/tests/pg_fixture.env}

bindir() {
    local d
    # The newest version: /usr/lib/postgresql/<version>/bin, numerically.
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && echo "$d"
    done | sort -t/ -k5,5n | tail -n1
}

# as_owner CMD...: run CMD as the user owning the cluster.
as_owner() {
    if [ "$owner" = "$(id -un)" ]; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u "$owner" -- "$@"
    else
        su "$owner" -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_server() {
    [ -f "$state" ] || { echo "pg_fixture: no server recorded in $state; nothing to stop"; return 0; }
    local PG_DIR= PG_PID=
    . "$state"
    local pid=$PG_PID
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
        pid=$(head -n1 "$PG_DIR/data/postmaster.pid")
    fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        # SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, which
        # is fine for a cluster deleted right after.
        kill -QUIT "$pid"
        local i
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "pg_fixture: server $pid ignored SIGQUIT for 10 s; killing it"
            kill -KILL "$pid"
        fi
        echo "pg_fixture: stopped server $pid"
    else
        echo "pg_fixture: server ${pid:-?} was not running"
    fi
    case $PG_DIR in
    */migc-pg.*) rm -rf "$PG_DIR" ;;
    esac
    rm -f "$state"
}

start_server() {
    # A server left over from an interrupted run would hold the state file.
    stop_server >/dev/null

    local bin
    bin=$(bindir)
    if [ -z "$bin" ]; then
        echo "pg_fixture: no PostgreSQL server installed; installing it"
        "$root/scripts/setup-deps" postgresql || fail "could not install the postgresql package"
        bin=$(bindir)
        [ -n "$bin" ] || fail "the postgresql package is installed but no initdb was found"
    fi

    if [ "$(id -u)" -eq 0 ]; then
        owner=postgres
        id -u "$owner" >/dev/null 2>&1 || fail "running as root, but there is no \"postgres\" user to own the cluster (initdb refuses root)"
    else
        owner=$(id -un)
    fi

    local dir
    dir=$(mktemp -d -t migc-pg.XXXXXX) || fail "could not create a temporary directory"
    chmod 755 "$dir"
    [ "$owner" = "$(id -un)" ] || chown "$owner" "$dir"
    mkdir -p "$(dirname "$state")"

    if ! as_owner "$bin/initdb" -D "$dir/data" -U "$owner" --auth=trust -E UTF8 --locale=C \
            --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        fail "initdb failed"
    fi
    # One role checks its password, for the tests of a wrong password (a
    # case creates the role): every other connection is trusted.
    as_owner sed -i '1i host all migc_password_user 127.0.0.1/32 scram-sha-256' \
        "$dir/data/pg_hba.conf" || fail "could not edit pg_hba.conf"

    # Probe for a free port; another process may take it between the probe
    # and the bind, so a failed start moves on to another port.
    local port= try started=0
    for try in $(seq 1 20); do
        port=$((20000 + (RANDOM * 32768 + RANDOM + $$) % 40000))
        port_in_use "$port" && continue
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50 ${MIGC_PG_SERVER_OPTIONS:-}" \
                start >"$dir/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
    done
    if [ $started -ne 1 ]; then
        show_file "server log" "$dir/server.log"
        show_file "pg_ctl output" "$dir/pg_ctl.log"
        rm -rf "$dir"
        fail "could not start the PostgreSQL server (20 ports tried)"
    fi

    local pid
    pid=$(head -n1 "$dir/data/postmaster.pid")
    {
        echo "PG_BIN=$bin"
        echo "PG_DIR=$dir"
        echo "PG_PID=$pid"
        echo "PGHOST=127.0.0.1"
        echo "PGPORT=$port"
        echo "PGUSER=$owner"
    } >"$state.new" && mv "$state.new" "$state"

    if ! "$bin/psql" -X -q -A -t -h 127.0.0.1 -p "$port" -U "$owner" -d postgres \
            -c 'select version()' >"$dir/version" 2>&1; then
        cat "$dir/version" >&2
        stop_server
        fail "the server started but does not accept connections"
    fi
    echo "pg_fixture: $(cat "$dir/version")"
    echo "pg_fixture: server $pid on 127.0.0.1:$port (user $owner); state in $state"
}

case ${1:-} in
start) start_server ;;
stop) stop_server ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
