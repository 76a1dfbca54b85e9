# gen_tools.awk -v n=N -v dir=DIR -v tool=alembic|dbmate -v dialect=sqlite|postgres
#
# Writes, for Alembic or dbmate, the same history of N migrations that
# bench/gen_history.awk writes as .mig files, with the SQL that migc renders
# for them (the compare script diffs the two): migration i creates table
# t<i> with four columns, a primary key, a check and an index; every fifth
# also adds a column to table t<i/2>. Each has its downgrade, in reverse.
# Alembic gets DIR/versions/r<i>.py (raw SQL through op.execute, so that
# both tools run the very statements migc runs, and the difference is the
# tool); dbmate gets DIR/<i>_create_t<i>.sql with its migrate:up/down marks.
BEGIN {
    if (n < 1 || dir == "" || (tool != "alembic" && tool != "dbmate") ||
        (dialect != "sqlite" && dialect != "postgres")) {
        print "usage: awk -v n=N -v dir=DIR -v tool=alembic|dbmate -v dialect=sqlite|postgres -f gen_tools.awk" > "/dev/stderr"
        exit 2
    }
    idtype = dialect == "sqlite" ? "INTEGER" : "BIGINT"
    for (i = 1; i <= n; i++) {
        t = sprintf("t%06d", i)
        nup = 0; ndown = 0
        up[++nup] = "CREATE TABLE " t " (\n" \
            "    id " idtype " NOT NULL,\n" \
            "    name VARCHAR(50) NOT NULL,\n" \
            "    score INTEGER DEFAULT 0,\n" \
            "    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n" \
            "    CONSTRAINT " t "_pkey PRIMARY KEY (id),\n" \
            "    CONSTRAINT " t "_score_check CHECK (score >= 0)\n" \
            ")"
        up[++nup] = "CREATE INDEX ix_" t "_name ON " t " (name)"
        if (i % 5 == 0) {
            other = sprintf("t%06d", int(i / 2))
            col = sprintf("extra_%06d", i)
            up[++nup] = "ALTER TABLE " other " ADD COLUMN " col " TEXT"
            down[++ndown] = "ALTER TABLE " other " DROP COLUMN " col
        }
        down[++ndown] = "DROP INDEX ix_" t "_name"
        down[++ndown] = "DROP TABLE " t
        if (tool == "alembic")
            write_alembic(i)
        else
            write_dbmate(i)
    }
}

function write_alembic(i,    file, k) {
    file = sprintf("%s/versions/r%06d.py", dir, i)
    print "\"\"\"create table " t "\"\"\"" > file
    print "from alembic import op" > file
    print "" > file
    printf "revision = 'r%06d'\n", i > file
    if (i == 1)
        print "down_revision = None" > file
    else
        printf "down_revision = 'r%06d'\n", i - 1 > file
    print "branch_labels = None" > file
    print "depends_on = None" > file
    print "" > file
    print "" > file
    print "def upgrade():" > file
    for (k = 1; k <= nup; k++)
        print "    op.execute(\"\"\"" up[k] "\"\"\")" > file
    print "" > file
    print "" > file
    print "def downgrade():" > file
    for (k = 1; k <= ndown; k++)
        print "    op.execute(\"\"\"" down[k] "\"\"\")" > file
    close(file)
}

function write_dbmate(i,    file, k) {
    file = sprintf("%s/%06d_create_%s.sql", dir, i, t)
    print "-- migrate:up" > file
    for (k = 1; k <= nup; k++)
        print up[k] ";" > file
    print "" > file
    print "-- migrate:down" > file
    for (k = 1; k <= ndown; k++)
        print down[k] ";" > file
    close(file)
}
