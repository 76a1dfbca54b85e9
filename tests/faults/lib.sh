# Sourced by the fault cases (which tests/runtime/run.sh runs, so its
# helpers are at hand): a project with a long migration, and ways to
# start, find and stop a migrator in the middle of it.

# fault_project DIR ROWS BUSY PG_SQL: three revisions. 001 creates
# accounts with three rows (the data that must never be lost). 002 is the
# long one: it changes every account, creates ledger and fills it with
# ROWS rows, so that a half-applied 002 would show, then takes its time:
# SQLite counts to BUSY in a recursive query (about 5 million a second),
# PostgreSQL runs PG_SQL (a pg_sleep, say). 003 adds a table.
fault_project() {
    mkdir -p "$1/versions"
    cat >"$1/versions/001_accounts.mig" <<'MIG'
revision 001
revises base
message 'accounts'

upgrade {
    create table accounts (
        id integer primary key,
        owner text not null
    );
    insert into accounts (id, owner) values (1, 'ada');
    insert into accounts (id, owner) values (2, 'brian');
    insert into accounts (id, owner) values (3, 'claude');
}
MIG
    cat >"$1/versions/002_ledger.mig" <<MIG
revision 002
revises 001
message 'long: fill the ledger'

upgrade {
    sql sqlite \$\$ update accounts set owner = owner || '!' \$\$;
    sql postgres \$\$ update accounts set owner = owner || '!' \$\$;
    create table ledger (
        id integer primary key,
        amount integer not null
    );
    sql sqlite \$\$ with recursive n(g) as (select 1 union all select g + 1 from n where g < $2) insert into ledger select g, g * 2 from n \$\$;
    sql postgres \$\$ insert into ledger select g, g * 2 from generate_series(1, $2) g \$\$;
    sql sqlite \$\$ with recursive n(g) as (select 1 union all select g + 1 from n where g < $3) select count(*) from n \$\$;
    sql postgres \$\$ $4 \$\$;
}
downgrade {
    drop table ledger;
    sql sqlite \$\$ update accounts set owner = rtrim(owner, '!') \$\$;
    sql postgres \$\$ update accounts set owner = rtrim(owner, '!') \$\$;
}
MIG
    cat >"$1/versions/003_audit.mig" <<'MIG'
revision 003
revises 002
message 'audit'

upgrade {
    create table audit (id integer primary key);
}
MIG
}

# The accounts as 001 leaves them, and as 002 leaves them.
ACCOUNTS_001="1|ada
2|brian
3|claude"
ACCOUNTS_002="1|ada!
2|brian!
3|claude!"
expect_accounts() { expect_q "SELECT id, owner FROM accounts ORDER BY id" "$1"; }

# start_migrator OUT CMD...: runs CMD in the background, its stdout and
# stderr in OUT; MIGRATOR is its pid.
start_migrator() {
    local out=$1
    shift
    "$@" >"$out" 2>&1 &
    MIGRATOR=$!
}

# wait_in_long_migration: returns once the background migrator is inside
# 002's long statement. PostgreSQL: its backend runs the pg_sleep (or the
# query given as $1). SQLite: it holds the run's lock (an flock on the
# file) and 001 is recorded, then a moment more for the long insert to be
# under way.
wait_in_long_migration() {
    local i pattern=${1:-pg_sleep}
    for i in $(seq 1 200); do
        kill -0 "$MIGRATOR" 2>/dev/null || fail "the migrator ended before it could be caught in its long migration: $(cat bg.out 2>/dev/null)"
        if [ "$DIALECT" = postgres ]; then
            [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%$pattern%'")" != 0 ] && return 0
        else
            if ! flock -n "${2:-test.db}" true 2>/dev/null; then
                sleep 0.5
                return 0
            fi
        fi
        sleep 0.05
    done
    fail "the migrator never reached its long migration"
}

# fault_mount ARGS...: mount(8) with ARGS, the last being the mount
# point, unmounted when the case ends (before its directory is removed).
FAULT_MOUNTS=()
fault_mount() {
    mount "$@" || fail "could not mount: mount $*"
    FAULT_MOUNTS=("${@: -1}" "${FAULT_MOUNTS[@]}")
    trap 'for m in "${FAULT_MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done; cleanup' EXIT
}

# need_mount: the case mounts, which it may in the namespace run.sh gave
# it; without one it is skipped, except as root, where one must be had.
need_mount() {
    if [ -n "${FAULT_NO_MOUNT:-}" ]; then
        [ "$(id -u)" = 0 ] && fail "running as root, yet no mount namespace could be had (unshare -m)"
        echo "skipped: no mount namespace here (unshare -m and unshare -rm both refused)"
        exit 77
    fi
}
