# --json shapes of current, heads, history and check.
run 0 "$DEMO" upgrade 002
run 0 "$DEMO" current --json
expect_out_is '{"current": ["002"], "heads": ["005"], "pending": ["003", "004", "005"]}'
run 0 "$DEMO" heads --json
expect_out_is '{"heads": ["005"]}'
run 0 "$DEMO" history --json
expect_out '{"revisions": ['
expect_out '{"revision": "002", "parents": ["001"], "depends_on": [], "branches": ["posts"], "message": "add posts", "created": "2026-01-12", "file": "versions/002_posts.mig", "state": "current", "applied_at": "20'
expect_out '{"revision": "005", "parents": ["004"], "depends_on": [], "branches": [], "message": "add tags", "created": "2026-01-15", "file": "versions/005_tags.mig", "state": "pending", "applied_at": null, "duration_ms": null}'
expect_out '"revision": "001", "parents": [], "depends_on": [], "branches": [], "message": "create users", "created": "2026-01-11", "file": "versions/001_users.mig", "state": "applied"'
run 3 "$DEMO" check --json
expect_out_is '{"ok": false, "pending": ["003", "004", "005"], "checksum_mismatch": [], "unknown": [], "drift": []}'
run 0 "$DEMO" upgrade
run 0 "$DEMO" check --json
expect_out_is '{"ok": true, "pending": [], "checksum_mismatch": [], "unknown": [], "drift": []}'
run 2 "$DEMO" upgrade --json
expect_err "--json needs --rehearse with upgrade"
run 0 "$DEMO" history --json
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["revisions"]) == 5' .out ||
        fail "history --json is not valid JSON with 5 revisions"
fi
