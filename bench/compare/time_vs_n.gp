# gnuplot -e "dir='PLOTDIR'; out='FILE.png'" bench/compare/time_vs_n.gp
#
# The comparison's chart: upgrade head from an empty database, median
# seconds against the number of migrations, one panel per database, one
# line per tool (the .dat files bench/compare/report.py writes).
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
    set title (db eq "sqlite" ? "SQLite (file on tmpfs)" : "PostgreSQL 15 (local, fsync off)")
    plot dir."/".db.".limit.dat" using 1:2 with linespoints lw 2 dt 2 pt 6 lc rgb "#555555" title "limit (sqlite3 / psql)", \
         dir."/".db.".migc.dat" using 1:2 with linespoints lw 3 pt 7 lc rgb "#1f77b4" title "migc", \
         dir."/".db.".migc-all.dat" using 1:2 with linespoints lw 2 pt 5 lc rgb "#17becf" title "migc --transaction all", \
         dir."/".db.".alembic.dat" using 1:2 with linespoints lw 2 pt 9 lc rgb "#d62728" title "Alembic", \
         dir."/".db.".dbmate.dat" using 1:2 with linespoints lw 2 pt 11 lc rgb "#2ca02c" title "dbmate"
}
unset multiplot
