# An enum value added behind the migrator's back is drift: PostgreSQL
# reads the type's values in order, SQLite the column's named check.
rm -rf enums
cp -r "$RUNTIME_TESTS/enums" enums
run 0 "$MIGC" build enums -o m
run 0 ./m upgrade
run 0 ./m check
if sqlite_only; then
    sqlite_edit person "IN ('happy', 'ok', 'blue')" "IN ('happy', 'ok', 'blue', 'meh')"
    expect_drift "table \"person\": check constraint \"person_mood_enum\" is defined as (mood in ('happy', 'ok', 'blue')) in the migrations but as (mood in ('happy', 'ok', 'blue', 'meh')) in the database" \
        '"kind": "definition"'
else
    q "ALTER TYPE mood ADD VALUE 'meh'" >/dev/null
    expect_drift "enum type \"mood\" is defined as 'happy', 'ok', 'blue' in the migrations but as 'happy', 'ok', 'blue', 'meh' in the database" \
        '{"object": "type mood", "kind": "values", "expected": "'"'happy', 'ok', 'blue'"'", "actual": "'"'happy', 'ok', 'blue', 'meh'"'"}'
fi
expect_err_count 1
