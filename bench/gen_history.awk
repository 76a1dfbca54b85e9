# gen_history.awk -v n=N -v dir=DIR
#
# Writes a linear history of N migrations into DIR (which must exist), for
# the compiler benchmark: migration i creates table t<i> with a few columns
# and an index; every fifth also adds a column to an earlier table. No
# downgrade is written, so the compiler derives (and checks) every one.
BEGIN {
    if (n < 1 || dir == "") {
        print "usage: awk -v n=N -v dir=DIR -f gen_history.awk" > "/dev/stderr"
        exit 2
    }
    for (i = 1; i <= n; i++) {
        id = sprintf("r%06d", i)
        t = sprintf("t%06d", i)
        file = sprintf("%s/%06d_create_%s.mig", dir, i, t)
        print "revision " id > file
        print "revises " (i == 1 ? "base" : sprintf("r%06d", i - 1)) > file
        print "message 'create table " t "'" > file
        print "created '2026-01-11'" > file
        print "" > file
        print "upgrade {" > file
        print "    create table " t " (" > file
        print "        id         bigint       primary key," > file
        print "        name       varchar(50)  not null," > file
        print "        score      integer      default 0 check (score >= 0)," > file
        print "        created_at timestamp    not null default current_timestamp" > file
        print "    );" > file
        print "    create index ix_" t "_name on " t " (name);" > file
        if (i % 5 == 0)
            printf "    alter table t%06d add column extra_%06d text;\n", int(i / 2), i > file
        print "}" > file
        close(file)
    }
}
