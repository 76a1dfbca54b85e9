# gnuplot -e "dir='PLOTDIR'; out='FILE.png'" bench/compare/time_vs_n.gp
#
# The comparison's chart: upgrade head from an empty database, median
# seconds against the number of migrations, one panel per database, one
# line per tool (the .dat files bench/compare/report.py writes, and
# PLOTDIR/present.gp naming the tools with points in each panel: a tool
# or a panel without any, e.g. a run of --sizes 10000 alone, is left out
# rather than failing the plot).
load dir."/present.gp"
title_of(t) = t eq "limit" ? "limit (sqlite3 / psql)" : \
              t eq "limit-all" ? "limit, one transaction" : \
              t eq "migc" ? "migc" : \
              t eq "migc-all" ? "migc --transaction all" : \
              t eq "alembic" ? "Alembic" : "dbmate"
color_of(t) = t eq "limit" ? "#555555" : t eq "limit-all" ? "#999999" : \
              t eq "migc" ? "#1f77b4" : t eq "migc-all" ? "#17becf" : \
              t eq "alembic" ? "#d62728" : "#2ca02c"
point_of(t) = t eq "limit" ? 6 : t eq "limit-all" ? 4 : t eq "migc" ? 7 : \
              t eq "migc-all" ? 5 : t eq "alembic" ? 9 : 11
dash_of(t) = t[1:5] eq "limit" ? 2 : 1
width_of(t) = t eq "migc" ? 3 : 2

set terminal pngcairo size 1200,520 font ",11"
set output out
set multiplot layout 1,2 title "upgrade head from an empty database: median time against N (log-log)"
set logscale xy
set xlabel "migrations (N)"
set ylabel "seconds"
set grid
set key bottom right opaque box
set xrange [70:14000]
set xtics ("100" 100, "1,000" 1000, "10,000" 10000)
do for [db in "sqlite postgres"] {
    set title (db eq "sqlite" ? "SQLite (file on tmpfs)" : "PostgreSQL 15 (local, on tmpfs, fsync off)")
    present = db eq "sqlite" ? present_sqlite : present_postgres
    if (strlen(present) == 0) {
        set yrange [0.01:100]
        set label 1 "no upgrade measured at these sizes" at graph 0.5, 0.5 center
        unset key
        plot 1/0 notitle
        unset label 1
        set autoscale y
        set key bottom right opaque box
    } else {
        plot for [t in present] dir."/".db.".".t.".dat" using 1:2 with linespoints \
             lw width_of(t) dt dash_of(t) pt point_of(t) lc rgb color_of(t) title title_of(t)
    }
}
unset multiplot
