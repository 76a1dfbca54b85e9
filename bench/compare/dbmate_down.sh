#!/bin/bash
# bench/compare/dbmate_down.sh N DBMATE ARGS...
#
# dbmate's "downgrade base": dbmate rolls back one migration per call, so
# going back to an empty database takes N calls of `DBMATE ARGS... rollback`.
set -eu
n=$1 dbmate=$2
shift 2
for ((i = 0; i < n; i++)); do
    "$dbmate" "$@" rollback >/dev/null
done
