# gen_random.awk -v seed=N -v dir=DIR
#
# Writes a random history into DIR/versions (which must exist), for the
# randomized import round trip (random.sh): a first migration creating a
# few tables (random column types, nullability and defaults, single or
# composite primary keys, unique and check constraints, foreign keys to
# earlier tables with random actions, plain, unique, partial, descending
# and expression indexes, a view), then a few migrations that alter them
# (columns added, renamed and dropped, constraints and indexes added and
# dropped, a table renamed, a foreign key back to a table that references
# another: a cycle). Deterministic for a seed.
function pick(n) { return int(rand() * n) }
function col_type(   t) {
    split("integer bigint smallint boolean double numeric(8,2) VARCHAR char(4) text date timestamp timestamptz uuid jsonb", types, " ")
    t = types[1 + pick(14)]
    if (t == "VARCHAR") t = sprintf("varchar(%d)", 10 + pick(90))
    return t
}
function default_of(t) {
    if (t ~ /int/) return pick(100) - 20
    if (t == "boolean") return pick(2) ? "true" : "false"
    if (t == "double" || t ~ /numeric/) return "1.5"
    if (t ~ /char|text/) return pick(2) ? "'x'" : "''"
    if (t == "date") return "current_date"
    if (t ~ /timestamp/) return "current_timestamp"
    return ""
}
function is_text(t) { return t ~ /varchar|text/ }
function is_num(t) { return t ~ /int|double|numeric/ }
BEGIN {
    srand(seed)
    f = dir "/versions/001_tables.mig"
    print "revision r001\nrevises base\nmessage 'random tables'\n\nupgrade {" > f
    nt = 2 + pick(5)
    for (i = 1; i <= nt; i++) {
        tn[i] = "t" i
        nc[i] = 1 + pick(6)
        print "    create table " tn[i] " (" > f
        pkn = 1 + (pick(4) == 0)
        for (c = 1; c <= pkn; c++) {
            ct[i, c] = c == 1 && pick(2) ? "bigint" : "integer"
            cn[i, c] = "k" c
            printf "        %s %s not null,\n", cn[i, c], ct[i, c] > f
        }
        pk[i] = pkn
        for (c = pkn + 1; c <= pkn + nc[i]; c++) {
            ct[i, c] = col_type()
            cn[i, c] = "c" c
            line = "        " cn[i, c] " " ct[i, c]
            if (pick(2)) line = line " not null"
            d = default_of(ct[i, c])
            if (d != "" && pick(2)) line = line " default " d
            if (is_num(ct[i, c]) && pick(4) == 0) line = line " check (" cn[i, c] " >= -20)"
            print line "," > f
        }
        ncol[i] = pkn + nc[i]
        # a foreign key to an earlier table's primary key
        if (i > 1 && pick(3)) {
            j = 1 + pick(i - 1)
            fkto[i] = j
            refs = ""; own = ""
            for (c = 1; c <= pk[j]; c++) {
                ct[i, ncol[i] + 1] = ct[j, c]
                cn[i, ncol[i] + 1] = "r" j "_" c
                printf "        %s %s%s,\n", cn[i, ncol[i] + 1], ct[j, c], pick(2) ? " not null" : "" > f
                ncol[i]++
                own = own (c > 1 ? ", " : "") cn[i, ncol[i]]
                refs = refs (c > 1 ? ", " : "") cn[j, c]
            }
            act[0] = "cascade"; act[1] = "restrict"; act[2] = "no action"; act[3] = "set null"
            printf "        constraint %s_fk foreign key (%s) references %s (%s) on delete %s,\n", tn[i], own, tn[j], refs, act[pick(4)] > f
        }
        pkc = ""
        for (c = 1; c <= pkn; c++) pkc = pkc (c > 1 ? ", " : "") cn[i, c]
        if (ncol[i] > pkn && pick(3) == 0)
            printf "        constraint %s_u unique (%s),\n", tn[i], cn[i, ncol[i]] > f
        if (pick(3) == 0)
            printf "        constraint %s_ck check (%s > 0 or %s is null),\n", tn[i], cn[i, 1], cn[i, 1] > f
        printf "        primary key (%s)\n    );\n", pkc > f
        for (c = pkn + 1; c <= ncol[i]; c++) {
            r = pick(8)
            if (r == 0) printf "    create index ix_%s_%s on %s (%s);\n", tn[i], cn[i, c], tn[i], cn[i, c] > f
            else if (r == 1) printf "    create unique index ux_%s_%s on %s (%s desc) where (%s is not null);\n", tn[i], cn[i, c], tn[i], cn[i, c], cn[i, c] > f
            else if (r == 2 && is_text(ct[i, c])) printf "    create index ex_%s_%s on %s ((lower(%s)));\n", tn[i], cn[i, c], tn[i], cn[i, c] > f
        }
    }
    if (pick(2))
        printf "    create view v1 as $$ select %s from %s $$;\n", cn[1, 1], tn[1] > f
    print "}" > f
    close(f)
    nm = pick(4)
    for (m = 1; m <= nm; m++) {
        f = sprintf("%s/versions/%03d_change.mig", dir, m + 1)
        printf "revision r%03d\nrevises r%03d\nmessage 'random change'\n\nupgrade {\n", m + 1, m > f
        i = 2 + pick(nt - 1)
        r = pick(5)
        if (r == 0) {
            t = col_type(); d = default_of(t)
            printf "    alter table %s add column n%d %s%s;\n", tn[i], m, t, d != "" && pick(2) ? " default " d : "" > f
        } else if (r == 1) {
            printf "    alter table %s add column m%d integer not null default 7;\n", tn[i], m > f
            printf "    create index ix_m%d on %s (m%d, %s);\n", m, tn[i], m, cn[i, 1] > f
        } else if (r == 2) {
            printf "    alter table %s add column s%d varchar(30) check (s%d <> 'bad');\n", tn[i], m, m > f
        } else if (r == 4 && fkto[i]) {
            # a foreign key back from the table i references: a cycle
            j = fkto[i]; own = ""; refs = ""
            for (c = 1; c <= pk[i]; c++) {
                printf "    alter table %s add column b%d_%d %s;\n", tn[j], m, c, ct[i, c] > f
                own = own (c > 1 ? ", " : "") "b" m "_" c
                refs = refs (c > 1 ? ", " : "") cn[i, c]
            }
            printf "    alter table %s add constraint cyc%d_fk foreign key (%s) references %s (%s) on delete set null;\n", tn[j], m, own, tn[i], refs > f
        } else {
            printf "    create table extra%d (id integer primary key identity, note text default 'n');\n", m > f
        }
        print "}" > f
        close(f)
    }
}
