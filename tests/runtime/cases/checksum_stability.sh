# A checksum covers what runs: comments, layout, line endings, the message,
# the file name and the downgrade never change it; a changed upgrade does.
project
run 0 "$MIGC" build project -o m1
run 0 ./m1 upgrade
cd project/versions
{
    printf -- '-- a comment the first build did not have\n'
    sed -e "s/'add email'/'add the email column'/" -e 's/    /\t/' 003_email.mig
    printf 'downgrade {\n    drop index ix_users_email;\n    alter table users drop column email;\n}\n'
} | sed 's/$/\r/' > 003_renamed.mig
rm 003_email.mig
cd ../..
run 0 "$MIGC" build project -o m2
run 0 ./m2 check
expect_out "OK:"
sed -i 's/varchar(100)/varchar(120)/' project/versions/003_renamed.mig
run 0 "$MIGC" build project -o m3
run 3 ./m3 check --json
expect_out '"checksum_mismatch": ["003"]'
run 1 ./m3 downgrade base
expect_err "checksum mismatch for revision 003"
