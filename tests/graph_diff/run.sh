#!/bin/bash
# tests/graph_diff/run.sh [--seconds N] [--graphs N] [--seed S] [--verbose]
# tests/graph_diff/run.sh --scenarios
# tests/graph_diff/run.sh --offline [--graphs N] [--ranges N] [--seed S]
#
# The differential test of revision graphs against Alembic (see
# graph_diff.py): random graphs and commands, run on a migrator and on
# Alembic, compared after every step. With --scenarios, the table of
# scenarios.txt (ported from Alembic's tests) instead, on Alembic, a
# migrator and migc. With --offline, random ranges FROM:TO of offline
# SQL (offline.py), on Alembic, a migrator and migc sql. Needs a Python 3 that imports
# alembic (Debian's python3-alembic); MIGC names the migc to test
# (default build/compiler/migc).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
migc=${MIGC:-$root/build/compiler/migc}
[ -x "$migc" ] || { echo "error: no migc at $migc; build first (scripts/build)" >&2; exit 2; }

# The Python that has Alembic: Debian installs it for /usr/bin/python3,
# which may not be the python3 first on PATH.
py=
for cand in "${MIGC_PYTHON:-}" /usr/bin/python3 python3; do
    [ -n "$cand" ] || continue
    if "$cand" -c 'import alembic, sqlalchemy' 2>/dev/null; then
        py=$cand
        break
    fi
done
if [ -z "$py" ]; then
    echo "error: no Python 3 with Alembic found (the reference this test compares with)" >&2
    echo "hint: Install it with scripts/setup-deps python3-alembic." >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/migc-graph-diff.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
if [ "${1:-}" = --scenarios ]; then
    shift
    "$py" "$root/tests/graph_diff/scenarios.py" --migc "$migc" --work "$work/run" "$@"
elif [ "${1:-}" = --offline ]; then
    shift
    "$py" "$root/tests/graph_diff/offline.py" --migc "$migc" --work "$work/run" "$@"
else
    "$py" "$root/tests/graph_diff/graph_diff.py" --migc "$migc" --work "$work/run" "$@"
fi
