#!/bin/bash
# debian_package_builds_migrators: cpack -G DEB writes
# migc_<version>_<arch>.deb, declaring a C compiler and the C library's
# development files as dependencies; unpacked into a temporary root (as
# dpkg would install it under /usr), its migc builds the example's
# migrator, dynamic and --static, and its CMake package builds one with
# migc_add_migrator(), while the source and build trees are hidden (a
# private mount namespace with an empty directory over them).
. "$(dirname "$0")/lib.sh"
: "${MIGC_BUILD_DIR:?set MIGC_BUILD_DIR to the build directory to package}"
: "${CMAKE:=cmake}"
cpack=$(dirname "$CMAKE")/cpack
[ -x "$cpack" ] || cpack=cpack

run_logged "$cpack" -G DEB --config "$MIGC_BUILD_DIR/CPackConfig.cmake" -B "$SCRATCH/pkg"
version=$("$MIGC" --version | awk '{print $NF}')
deb=$SCRATCH/pkg/migc_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || { ls "$SCRATCH/pkg" >&2; fail "cpack did not write $(basename "$deb")"; }

depends=$(dpkg-deb -f "$deb" Depends)
for want in "gcc | c-compiler" libc6-dev "libc6 (>=" libsqlite3-0; do
    case $depends in *"$want"*) ;; *) fail "the package does not depend on $want: Depends: $depends" ;; esac
done
dpkg-deb -c "$deb" | awk '{print $NF}' >"$SCRATCH/contents"
for f in ./usr/bin/migc ./usr/lib/libmigc_runtime.a ./usr/lib/libmigc_runtime_static.a \
    ./usr/lib/libmigc_sqlite3.a ./usr/include/migc/migc_migrator.h \
    ./usr/lib/cmake/migc/migcConfig.cmake ./usr/lib/cmake/migc/migcTargets.cmake \
    ./usr/share/migc/runtime/migrator_cli.c; do
    grep -qxF "$f" "$SCRATCH/contents" || { show_file contents "$SCRATCH/contents"; fail "the package lacks $f"; }
done

target=$SCRATCH/root
run_logged dpkg-deb -x "$deb" "$target"
mkdir "$SCRATCH/app"
cp -r "$root/migrations" "$SCRATCH/app/migrations"
cp "$tests/install/consumer/CMakeLists.txt" "$SCRATCH/app/"
# the consumer's migrations directory is the example's too
cat >"$SCRATCH/use_package.sh" <<'USE'
set -eu
cd "$1/app"
usr=$2
env -i PATH=/usr/bin:/bin HOME="$1" "$usr/bin/migc" build migrations -o app-migrate >build.out 2>build.err
./app-migrate --database-url sqlite:///app.db upgrade head -q
./app-migrate --database-url sqlite:///app.db current >current.out
env -i PATH=/usr/bin:/bin HOME="$1" "$usr/bin/migc" build migrations -o static-migrate --static >static.out 2>static.err
./static-migrate --database-url sqlite:///static.db upgrade head -q
./static-migrate --database-url sqlite:///static.db check >check.out
cmake -S . -B build -DCMAKE_PREFIX_PATH="$usr" >cmake.out 2>&1
cmake --build build >>cmake.out 2>&1
cd build
./demo-migrate upgrade head -q
./demo-migrate current >../demo.out
echo done >../done
USE
hide=()
for tree in "$root" "$MIGC_BUILD_DIR"; do
    case $SCRATCH/ in "$tree"/*) fail "the scratch directory is inside $tree, which the test hides" ;; esac
    hide+=("$tree")
done
ns=(unshare -m)
[ "$(id -u)" -eq 0 ] || ns=(unshare -r -m)
"${ns[@]}" true 2>/dev/null || fail "mount namespaces are not allowed here (run as root, or allow user namespaces)"
"${ns[@]}" bash -c '
    scratch=$1 usr=$2
    shift 2
    # a tree inside one already hidden is gone already
    for tree in "$@"; do [ -d "$tree" ] || continue; mount -t tmpfs empty "$tree" || exit 90; done
    bash "$scratch/use_package.sh" "$scratch" "$usr"
' hide "$SCRATCH" "$target/usr" "${hide[@]}" >"$SCRATCH/out" 2>"$SCRATCH/err"
rc=$?
[ $rc = 90 ] && fail "could not hide the source tree"
if [ ! -f "$SCRATCH/app/done" ]; then
    for f in out err app/build.out app/build.err app/static.err app/cmake.out; do
        [ -f "$SCRATCH/$f" ] && show_file "$f" "$SCRATCH/$f"
    done
    fail "building with the unpacked package failed (exit status $rc)"
fi
[ "$(cat "$SCRATCH/app/current.out")" = "010 (head)" ] || fail "the packaged migc's migrator is not at 010: $(cat "$SCRATCH/app/current.out")"
grep -q "needs glibc >= " "$SCRATCH/app/build.out" || fail "migc build did not say what glibc the migrator needs: $(cat "$SCRATCH/app/build.out")"
grep -q "statically linked" "$SCRATCH/app/static.out" || fail "migc build --static did not say statically linked: $(cat "$SCRATCH/app/static.out")"
grep -q "OK: the database is at 010" "$SCRATCH/app/check.out" || fail "the static migrator's check: $(cat "$SCRATCH/app/check.out")"
[ "$(cat "$SCRATCH/app/demo.out")" = "010 (head)" ] || fail "the CMake package's migrator is not at 010: $(cat "$SCRATCH/app/demo.out")"
echo ok
