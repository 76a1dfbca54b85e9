# No part of a password ever shows: every command of the migrator, with
# the URL from each place it can come from (--database-url, the
# environment, .env, the build's default), in well-formed, malformed and
# keyword/value forms, with passwords holding / @ : ? # % and blanks,
# percent-encoded or not. PostgreSQL URLs point at a closed port of
# 127.0.0.1, so connecting fails at once; the PostgreSQL run adds the real
# server's refusals. All output is searched for every spelling of the
# password and each fragment of it between special characters.
passwords=(
    'Qw7rT/Yu8iO@Pl9kJ:Hg6fD'
    'Zx4cV?Bn5mA#Sd3fG%Kj2hL'
    'Ty6uI Op7aS Df8gH'
    'Qw7rT%2FYu8iO%40Pl9kJ%3AHg6fD'
    'Zx4cV%3FBn5mA%23Sd3fG%25Kj2hL%20Ty6uI'
)
# FORM: the URL, with PW where the password goes. Refused ones first.
refused_forms=(
    'postgresql:/app:PW@127.0.0.1:1/app'
    'host=127.0.0.1 port=1 user=app password=PW dbname=app'
    'mysql://app:PW@db/app'
    'app:PW@127.0.0.1:1/app'
    'sqlite://app:PW@x/y.db'
    'PW'
)
other_forms=(
    'postgresql://app:PW@127.0.0.1:1/app'
    'postgres://app:PW@127.0.0.1:1/app?sslmode=disable&connect_timeout=2'
    'postgresql://127.0.0.1:1/app?user=app&password=PW'
    'postgresql://127.0.0.1:1/app?password=PW&user=app'
)
commands=("upgrade" "upgrade head --sql" "downgrade base" "current" "history" "heads"
          "branches" "show 001" "stamp head" "check" "schema" "repair" "--help")
reads_url() { case $1 in heads | branches | show* | --help) return 1 ;; esac; }

# needles PW: the password as written, percent-decoded, and its pieces of
# four characters or more between the special characters.
needles() {
    local pw=$1 dec
    dec=$(printf '%b' "${pw//%/\\x}" 2>/dev/null)   # a bare % stays as it is
    printf '%s\n' "$pw" "$dec"
    printf '%s\n' "$pw" "$dec" | tr '/@:?#% ' '\n' | grep -E '^.{4,}$'
}

# leak_check WHAT FILE...: fails when a file holds a line of needles.txt
# (one grep: the sweep runs it a thousand times).
leak_check() {
    local what=$1 hit
    shift
    hit=$(grep -ohF -f needles.txt "$@" | head -n 1)
    [ -z "$hit" ] || fail "$what: the output shows \"$hit\" of the password"
}

# sweep MIGRATOR SOURCE URL REFUSED: runs each of $cmds.
sweep() {
    local m=$1 src=$2 url=$3 refused=$4 cmd
    for cmd in "${cmds[@]}"; do
        case $src in
        flag) run_any "$m" $cmd -v --database-url "$url" ;;
        flag=) run_any "$m" $cmd -v "--database-url=$url" ;;
        env) DATABASE_URL=$url run_any "$m" $cmd -v ;;
        dotenv) printf "DATABASE_URL='%s'\n" "$url" > .env; run_any "$m" $cmd -v; rm .env ;;
        default) run_any "$m" $cmd -v ;;
        esac
        leak_check "$m $cmd (URL from $src: $url)" "$work/.out" "$work/.err"
        if [ "$refused" = 1 ] && reads_url "$cmd"; then
            [ "$status" = 2 ] || fail "$cmd with the URL from $src: exit $status, expected 2"
            local from
            case $src in
            flag | flag=) from="--database-url" ;;
            env) from="the environment variable DATABASE_URL" ;;
            dotenv) from=".env:1" ;;
            default) from="the build's default" ;;
            esac
            grep -qF "error: could not use the database URL from $from: " "$work/.err" ||
                fail "$cmd with the URL from $src does not say where the URL came from"
        fi
        [ -s "$work/.out" ] || [ -s "$work/.err" ] || fail "$cmd said nothing"
        runs=$((runs + 1))
    done
}

# run_any CMD...: like run, whatever the exit status (kept in $status).
run_any() {
    last_cmd="$*"
    "$@" >"$work/.out" 2>"$work/.err"
    status=$?
}

saved=$DATABASE_URL
unset DATABASE_URL
project
runs=0
is_refused() {
    local r
    for r in "${refused_forms[@]}"; do [ "$r" = "$1" ] && return 0; done
    return 1
}
if sqlite_only; then
    # every command x every source x every form, the passwords taking turns
    cmds=("${commands[@]}")
    i=0
    for form in "${refused_forms[@]}" "${other_forms[@]}"; do
        pw=${passwords[i % ${#passwords[@]}]}
        i=$((i + 1))
        needles "$pw" > needles.txt
        refused=0
        is_refused "$form" && refused=1
        url=${form//PW/$pw}
        for src in flag env dotenv; do
            sweep "$DEMO" "$src" "$url" "$refused"
        done
        # A URL the migrator would refuse never becomes a build's default:
        # migc build refuses it, as unechoed as the migrator would.
        "$MIGC" build project -o m --default-url "$url" >build.txt 2>&1
        status=$?
        leak_check "migc build --default-url" build.txt
        # (Some forms are refused only for some passwords, blanks say.)
        if [ "$refused" = 1 ] || [ "$status" = 2 ]; then
            [ "$status" = 2 ] || { cat build.txt >&2; fail "migc build took the default $url"; }
            grep -qF "error: could not use the database URL from --default-url: " build.txt ||
                fail "migc build does not say the --default-url is refused: $(cat build.txt)"
            continue
        fi
        [ "$status" = 0 ] || { cat build.txt >&2; fail "could not build with the default $url"; }
        sweep ./m default "$url" "$refused"
    done
    # every password x every form x every source but the build's, one
    # command; and the URL (one that says it is one) given where a target
    # or an option's value goes
    cmds=("current")
    for pw in "${passwords[@]}"; do
        needles "$pw" > needles.txt
        for form in "${refused_forms[@]}" "${other_forms[@]}"; do
            refused=0
            is_refused "$form" && refused=1
            url=${form//PW/$pw}
            for src in flag env dotenv; do
                sweep "$DEMO" "$src" "$url" "$refused"
            done
            if [[ $url == *:/* || $url == host=* ]]; then
                for args in "upgrade" "history -r" "upgrade --dialect" ""; do
                    run 2 "$DEMO" $args "$url"
                    expect_err "error: a database URL is given where it is not expected"
                    leak_check "$args URL" "$work/.out" "$work/.err"
                    runs=$((runs + 1))
                done
            fi
        done
    done
    cmds=("${commands[@]}")
    needles "${passwords[0]}" > needles.txt
    sweep "$DEMO" flag= "postgresql://app:${passwords[0]}@127.0.0.1:1/app" 1
    needles "${passwords[3]}" > needles.txt
    sweep "$DEMO" flag= "postgresql://app:${passwords[3]}@127.0.0.1:1/app" 0
    # the redactor at work on a URL that is shown
    run 1 "$DEMO" current -v --database-url 'postgresql://app:Qw7rT%2FYu8iO@127.0.0.1:1/app?password=Zx4cV&sslmode=disable'
    expect_err "Using postgresql://app:***@127.0.0.1:1/app?password=***&sslmode=disable (from --database-url)"
else
    # the real server: a database that does not exist, a bad option, a
    # user that does not exist; trust authentication ignores the password
    for pw in "${passwords[@]}"; do
        needles "$pw" > needles.txt
        [[ $pw == *[/@\ ]* || $pw == *%K* ]] && continue
        for url in "postgresql://$PGUSER:$pw@$PGHOST:$PGPORT/no_such_db_$$" \
                   "postgresql://$PGHOST:$PGPORT/$PG_DB?user=no_such_user&password=$pw" \
                   "postgresql://$PGUSER:$pw@$PGHOST:$PGPORT/$PG_DB?options=-c%20no_such_setting%3Dx"; do
            for cmd in upgrade current check; do
                run_any "$DEMO" $cmd -v --database-url "$url"
                leak_check "$cmd on the server (URL $url)" "$work/.out" "$work/.err"
                [ "$status" = 1 ] || fail "$cmd with $url: exit $status, expected 1"
                runs=$((runs + 1))
            done
        done
    done
    expect_err "could not connect to PostgreSQL"
    # a role whose password the server checks (tests/pg_fixture.sh): the
    # right password, special characters percent-encoded, connects; a
    # wrong one is refused by the server without showing
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<'SQL' || fail "could not create the role"
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'migc_password_user') THEN
        CREATE ROLE migc_password_user LOGIN;
    END IF;
END $$;
SET password_encryption = 'scram-sha-256';
ALTER ROLE migc_password_user PASSWORD 'R1ght/Pa@ss:w0rd?#% x';
SQL
    "$PSQL" -X -q -d postgres -c "GRANT ALL ON DATABASE \"$PG_DB\" TO migc_password_user" >/dev/null
    "$PSQL" -X -q -d "$PG_DB" -c "GRANT ALL ON SCHEMA public TO migc_password_user" >/dev/null
    right='R1ght%2FPa%40ss%3Aw0rd%3F%23%25%20x'
    run 0 "$DEMO" current -v --database-url "postgresql://migc_password_user:$right@$PGHOST:$PGPORT/$PG_DB"
    expect_err "Using postgresql://migc_password_user:***@$PGHOST:$PGPORT/$PG_DB"
    needles "$right" > needles.txt
    leak_check "the right password" "$work/.out" "$work/.err"
    for pw in "${passwords[@]}"; do
        [[ $pw == *[/@\ ]* || $pw == *%K* ]] && continue
        needles "$pw" > needles.txt
        for url in "postgresql://migc_password_user:$pw@$PGHOST:$PGPORT/$PG_DB" \
                   "postgresql://$PGHOST:$PGPORT/$PG_DB?user=migc_password_user&password=$pw"; do
            run 1 "$DEMO" upgrade -v --database-url "$url"
            expect_err 'password authentication failed for user "migc_password_user"'
            leak_check "a wrong password" "$work/.out" "$work/.err"
            runs=$((runs + 1))
        done
    done
fi
export DATABASE_URL=$saved
echo "$runs runs, no password shown"
