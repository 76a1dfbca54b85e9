# A migrator carries SQLite: ldd lists neither libsqlite3 nor libpq.
command -v ldd >/dev/null || fail "ldd is not installed"
ldd "$DEMO" > deps.txt 2>&1
grep -q "libsqlite3" deps.txt && fail "the migrator links libsqlite3 dynamically: $(cat deps.txt)"
grep -q "libpq" deps.txt && fail "the migrator links libpq: $(cat deps.txt)"
true
