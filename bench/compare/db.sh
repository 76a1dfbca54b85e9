#!/bin/bash
# bench/compare/db.sh reset|save|restore sqlite FILE | postgres NAME
#
# The database states the comparison's hyperfine runs start from, kept out
# of the timed commands: reset empties the database (a SQLite file is
# removed, a PostgreSQL database dropped and created again), save keeps a
# copy of its current state (FILE.saved, or a database NAME_saved used as a
# template), restore puts that copy back. PostgreSQL is reached through
# PGHOST/PGPORT/PGUSER and $PG_BIN/psql. Exits non-zero when a step fails.
set -eu
op=$1 kind=$2 name=$3
if [ "$kind" = sqlite ]; then
    case $op in
    reset) rm -f "$name" "$name-journal" ;;
    save) cp "$name" "$name.saved" ;;
    restore) rm -f "$name-journal"; cp "$name.saved" "$name" ;;
    esac
    exit 0
fi
export PGOPTIONS="-c client_min_messages=warning"
psql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@" >/dev/null; }
# Each ends with a checkpoint: the dirty buffers and WAL of earlier runs
# would otherwise be written back during the next timed run, making a tool
# slower the later it runs (10-25% at 10,000 migrations).
case $op in
reset) psql -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" -c "CHECKPOINT" ;;
save) psql -c "DROP DATABASE IF EXISTS ${name}_saved" \
           -c "CREATE DATABASE ${name}_saved TEMPLATE $name STRATEGY FILE_COPY" ;;
restore) psql -c "DROP DATABASE IF EXISTS $name" \
              -c "CREATE DATABASE $name TEMPLATE ${name}_saved STRATEGY FILE_COPY" -c "CHECKPOINT" ;;
esac
