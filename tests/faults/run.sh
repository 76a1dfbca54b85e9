#!/bin/bash
# run.sh CASE: runs one fault case with tests/runtime/run.sh, in a private
# mount namespace when one can be had (as root: unshare -m; otherwise a
# user namespace, unshare -rm), so that the case may mount a small tmpfs
# or remount a file read-only without touching the host's mounts; the
# namespace, and every mount in it, ends with the case. Without either,
# the case runs as it is and lib.sh's can_mount says so.
here=$(cd "$(dirname "$0")" && pwd)
runner=$here/../runtime/run.sh
if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
    exec unshare -m --propagation private bash "$runner" "$1"
elif unshare -rm --propagation private true 2>/dev/null; then
    exec unshare -rm --propagation private bash "$runner" "$1"
fi
FAULT_NO_MOUNT=1 exec bash "$runner" "$1"
