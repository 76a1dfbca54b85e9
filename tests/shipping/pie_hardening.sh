#!/bin/bash
# migrator_is_pie_with_full_relro: migc build makes a position-independent
# executable (readelf -h: DYN) with full RELRO (BIND_NOW, FLAGS_1 NOW and a
# GNU_RELRO segment) and a stack protector, whose relocations do not grow
# with the number of migrations: the project's data holds none (string
# offsets and indexes, not pointers), so migrators of 10 and of 200
# migrations have the same relocation count. The PIE runs: upgrade head,
# current. --static stays plainly static, with full RELRO too.
. "$(dirname "$0")/lib.sh"

cd "$SCRATCH" || fail "no scratch directory"
for n in 10 200; do
    mkdir "h$n"
    awk -v n=$n -v dir="h$n" -f "$root/bench/gen_history.awk" || fail "could not write $n migrations"
    run_logged "$MIGC" build "h$n" -o "m$n"
done

relocs() { readelf -rW "$1" | grep -c '^[0-9a-f]\{8,\} '; }
for n in 10 200; do
    readelf -hW "m$n" >"$SCRATCH/h" || fail "readelf -h could not read m$n"
    grep -qE 'Type: +DYN ' "$SCRATCH/h" || { show_file "readelf -h m$n" "$SCRATCH/h"; fail "m$n is not position-independent (not DYN)"; }
    readelf -dW "m$n" >"$SCRATCH/d" || fail "readelf -d could not read m$n"
    grep -qE '\(FLAGS\) +BIND_NOW' "$SCRATCH/d" || { show_file "readelf -d m$n" "$SCRATCH/d"; fail "m$n lacks BIND_NOW"; }
    grep -qE '\(FLAGS_1\) +Flags: NOW PIE' "$SCRATCH/d" || { show_file "readelf -d m$n" "$SCRATCH/d"; fail "m$n lacks FLAGS_1 NOW PIE"; }
    readelf -lW "m$n" >"$SCRATCH/l" || fail "readelf -l could not read m$n"
    grep -q GNU_RELRO "$SCRATCH/l" || { show_file "readelf -l m$n" "$SCRATCH/l"; fail "m$n has no GNU_RELRO segment"; }
done
r10=$(relocs m10) r200=$(relocs m200)
[ "$r10" -gt 0 ] || fail "readelf -r lists no relocation at all in m10 (did the format of readelf -r change?)"
[ "$r10" = "$r200" ] || fail "relocations grow with the migrations: $r10 for 10 migrations, $r200 for 200"
# Built with the stack protector (the runtime and SQLite check the canary).
readelf -sW --dyn-syms m10 | grep -q __stack_chk_fail || fail "m10 does not use the stack protector"

export DATABASE_URL=sqlite:///pie.db
run_logged ./m200 upgrade head
run_logged ./m200 current
expect_out "r000200 (head)"

run_logged "$MIGC" build h10 -o s10 --static
expect_static s10
readelf -hW s10 | grep -qE 'Type: +EXEC ' || fail "the --static migrator is not a plain static executable"
readelf -lW s10 | grep -q GNU_RELRO || fail "the --static migrator has no GNU_RELRO segment"
echo "ok: PIE with full RELRO, $r10 relocations at 10 and at 200 migrations"
