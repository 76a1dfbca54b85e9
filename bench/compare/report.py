"""bench/compare/report.py RESULTS SIZES MACHINE PLOTDIR

The comparison's report, from the tab-separated files bench/compare.sh
writes: RESULTS (tool, database, N, operation, runs, median seconds, peak
kB), SIZES (what, kB, detail), MACHINE (key, value). Prints the Markdown
(tables, targets beside the measured figures, the machine) on stdout and
writes PLOTDIR/<database>.<tool>.dat (N, seconds of upgrade head) for
bench/compare/time_vs_n.gp.
"""
import os
import shutil
import sys

TOOLS = ["limit", "limit-all", "migc", "migc-all", "alembic", "dbmate"]
NAMES = {
    "limit": "limit (sqlite3 / psql)",
    "limit-all": "limit, one transaction",
    "migc": "migc",
    "migc-all": "migc --transaction all",
    "alembic": "Alembic",
    "dbmate": "dbmate",
}
DBS = {"sqlite": "SQLite", "postgres": "PostgreSQL", "-": "-"}
OPS = ["upgrade", "downgrade", "status"]
OP_NAMES = {"upgrade": "upgrade head", "downgrade": "downgrade base",
            "status": "current / status"}


def load(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def keep(paths):
    """Keeps the raw data of the run in the benchmark's cache (outside the
    repository), so that bench/compare.sh --report-only redraws it."""
    cache = os.environ.get("MIGC_BENCH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "migc-bench")
    last = os.path.join(cache, "last-run")
    os.makedirs(last, exist_ok=True)
    for p in paths:
        if os.path.abspath(os.path.dirname(p)) != os.path.abspath(last):
            shutil.copy(p, last)


def main():
    results_path, sizes_path, machine_path, plot_dir = sys.argv[1:5]
    keep([results_path, sizes_path, machine_path])
    res = {}
    for tool, db, n, op, runs, med, kb in load(results_path):
        res[(tool, db, int(n), op)] = (int(runs), float(med), int(kb or 0))
    machine = dict(load(machine_path))
    sizes = load(sizes_path)
    ns = sorted({k[2] for k in res})
    out = []
    w = out.append

    def get(tool, db, n, op):
        return res.get((tool, db, n, op))

    def limit_of(tool, db, n, op):
        if tool == "migc-all" and get("limit-all", db, n, op):
            return get("limit-all", db, n, op)
        if tool in ("limit", "limit-all"):
            return None
        return get("limit", db, n, op)

    w("# migc beside Alembic and dbmate")
    w("")
    w("Measured side by side by `bench/compare.sh`%s on:" %
      (" --quick" if machine.get("quick") == "1" else ""))
    w("")
    machine_at = len(out)
    w("- %s, %s cores, %s RAM; %s" % (machine["cpu"], machine["cores"],
                                       machine["ram"], machine["os"]))
    for key in ("migc", "alembic", "dbmate", "sqlite3", "postgres", "hyperfine"):
        w("- %s" % machine[key])
    if "load" in machine:
        w("- %s: other work on the machine shares its cores, so medians of "
          "a few runs carry that noise" % machine["load"])
    machine_end = len(out)
    w("")
    w("![upgrade head: median seconds against the number of migrations, per tool](time_vs_n.png)")
    w("")
    w("Every tool runs the same history (N migrations: each creates a table "
      "with four columns, a primary key, a check and an index; every fifth "
      "also adds a column to an earlier table; each has its downgrade) as "
      "the very SQL statements migc renders, each migration in its own "
      "transaction with the tool's bookkeeping (Alembic with "
      "`transaction_per_migration=True`, raw SQL through `op.execute`). "
      "*The limit* is the sqlite3 shell or psql running the migrator's own "
      "`--sql` output (the same statements, transactions and bookkeeping) "
      "from one file. SQLite files are on tmpfs and the PostgreSQL server "
      "(local, TCP) keeps its cluster on tmpfs and runs with `fsync=off`, "
      "autovacuum off and checkpoints spaced out, so the figures are the "
      "tools' cost rather than this machine's disk or background writes; "
      "it also has 1,024 lock slots per transaction instead of 64, without "
      "which one transaction creating 10,000 tables fails (\"out of shared "
      "memory\") for psql and every tool alike. "
      "Each size runs in rounds, one run of every tool per round, so that "
      "a busy moment spreads over all tools. Times are hyperfine medians; "
      "peak MB is the largest resident set of any run (for dbmate's "
      "downgrade, of any of its processes: dbmate rolls back one migration "
      "per call, so `downgrade base` is N calls).")
    w("")
    table_at = len(out)
    w("| tool | database | command | N | median s | runs | x limit | x migc | peak MB |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for db in ("sqlite", "postgres"):
        for op in OPS:
            for n in ns:
                for tool in TOOLS:
                    r = get(tool, db, n, op)
                    if not r:
                        continue
                    runs, med, kb = r
                    lim = limit_of(tool, db, n, op)
                    mg = get("migc", db, n, op)
                    w("| %s | %s | %s | %s | %.3f | %d | %s | %s | %.1f |" % (
                        NAMES[tool], DBS[db], OP_NAMES[op], format(n, ","), med, runs,
                        "%.2f" % (med / lim[1]) if lim else "",
                        "%.2f" % (med / mg[1]) if mg and tool != "migc" else "",
                        kb / 1024.0))
    table_end = len(out)
    w("")
    skipped = []
    big = max(ns)
    if big >= 10000:
        if not get("migc", "sqlite", big, "upgrade"):
            skipped.append("SQLite upgrade and downgrade at %s migrations: SQLite's own "
                           "DDL cost grows with the schema (each of the 2,000 `ALTER TABLE`s "
                           "re-reads a schema of up to 10,000 tables), so one upgrade by the "
                           "migrator alone took 270 s here, and downgrades cost more: all "
                           "tools would add well over an hour. The status commands at that "
                           "size read stamped databases (their bookkeeping says up to date, "
                           "which is all they read)" % format(big, ","))
        if not get("dbmate", "postgres", big, "downgrade"):
            skipped.append("dbmate's downgrade at %s on PostgreSQL: %s processes, each "
                           "reading every migration file" % (format(big, ","), format(big, ",")))
        skipped.append("at %s migrations every upgrade and downgrade ran once (Alembic "
                       "takes minutes), and so does "
                       "Alembic's current from now on (40 s a run); the runs column "
                       "says how many runs each median has" % format(big, ","))
    if skipped:
        w("Not measured, or measured fewer times, to keep the run bounded:")
        w("")
        for s in skipped:
            w("- " + s + ".")
        w("")

    # ---- what must be installed
    w("## What must be installed to run it")
    w("")
    sizes_at = len(out)
    w("| what | size | |")
    w("|---|---:|---|")
    for what, kb, detail in sizes:
        sign = "+" if kb.startswith("+") else ""
        w("| %s | %s%.1f MB | %s |" % (what, sign, int(kb.lstrip("+")) / 1024.0, detail))
    sizes_end = len(out)
    w("")

    # ---- targets
    w("## Targets")
    w("")
    targets_at = len(out)
    w("| target | measured | |")
    w("|---|---|---|")

    def target(text, measured, ok):
        w("| %s | %s | %s |" % (text, measured, "met" if ok else "**missed**"))

    def ratio(a, b):
        return a[1] / b[1] if a and b else None

    K = 1000
    if K in ns:
        for op in ("upgrade", "downgrade"):
            r = ratio(get("migc", "sqlite", K, op), get("limit", "sqlite", K, op))
            if r is not None:
                target("SQLite %s, 1,000 migrations: within 1.1x of the limit" % OP_NAMES[op],
                       "%.2fx (Alembic %.2fx, dbmate %.2fx)" % (
                           r, ratio(get("alembic", "sqlite", K, op), get("limit", "sqlite", K, op)),
                           ratio(get("dbmate", "sqlite", K, op), get("limit", "sqlite", K, op))),
                       r <= 1.1)
        for op in ("upgrade", "downgrade"):
            r = ratio(get("alembic", "sqlite", K, op), get("migc-all", "sqlite", K, op))
            if r is not None:
                target("SQLite %s --transaction all, 1,000: at least 10x faster than Alembic" % OP_NAMES[op],
                       "%.1fx faster" % r, r >= 10)
        r = ratio(get("migc", "postgres", K, "upgrade"), get("limit", "postgres", K, "upgrade"))
        if r is not None:
            target("PostgreSQL upgrade head, 1,000: within 1.15x of the limit", "%.2fx" % r, r <= 1.15)
            r = ratio(get("migc", "postgres", K, "upgrade"), get("dbmate", "postgres", K, "upgrade"))
            target("PostgreSQL upgrade head, 1,000: faster than dbmate",
                   "%.2fx dbmate's time" % r, r < 1)
        mg, lim = get("migc", "sqlite", K, "status"), get("limit", "sqlite", K, "status")
        al, dm = get("alembic", "sqlite", K, "status"), get("dbmate", "sqlite", K, "status")
        if mg and lim:
            target("SQLite current, up to date, 1,000: within 1.0x of sqlite3 reading the version table",
                   "%.1f ms against %.1f ms: %.2fx" % (mg[1] * K, lim[1] * K, mg[1] / lim[1]),
                   mg[1] / lim[1] <= 1.0)
            target("... at least 50x faster than Alembic's current",
                   "Alembic %.3f s: %.0fx" % (al[1], al[1] / mg[1]), al[1] / mg[1] >= 50)
            target("... faster than dbmate's status",
                   "dbmate %.1f ms" % (dm[1] * K), mg[1] < dm[1])
        size = [s for s in sizes if s[0] == "migc migrator, N=1000"]
        if size:
            kb = int(size[0][1])
            needed = size[0][2]
            only_libc = all(x.strip().startswith(("libc.so", "libm.so", "ld-linux"))
                            for x in needed.split("needs", 1)[1].split(","))
            target("the migrator for 1,000 migrations: one file under 3 MB needing only the C library",
                   "%.1f MB; %s" % (kb / 1024.0, needed), kb < 3 * 1024 and only_libc)
    if 1000 in ns and 10000 in ns:
        for tool, db, op, text in (("migc-check", "-", "check", "migc check"),
                                   ("migc-build", "-", "build", "migc build"),
                                   ("migc", "sqlite", "upgrade", "migrator upgrade head, SQLite"),
                                   ("migc", "postgres", "upgrade", "migrator upgrade head, PostgreSQL"),
                                   ("migc", "postgres", "downgrade", "migrator downgrade base, PostgreSQL"),
                                   ("migc", "sqlite", "status", "migrator current, SQLite"),
                                   ("migc", "postgres", "status", "migrator current, PostgreSQL")):
            a, b = get(tool, db, 10000, op), get(tool, db, 1000, op)
            if a and b:
                lim = ""
                la, lb = get("limit", db, 10000, op), get("limit", db, 1000, op)
                if la and lb:
                    lim = " (the limit: %.1fx)" % (la[1] / lb[1])
                target("%s: 10,000 migrations within 12x of 1,000" % text,
                       "%.3f s / %.3f s = %.1fx%s" % (a[1], b[1], a[1] / b[1], lim), a[1] / b[1] <= 12)
    targets_end = len(out)
    w("")
    w("The whole run took %s minutes." % machine.get("minutes", "?"))
    if "runs_note" in machine:
        w("")
        w(machine["runs_note"])
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    missed = []
    if os.path.exists(notes):
        w("")
        with open(notes) as f:
            text = f.read().rstrip("\n")
        w(text)
        # docs/performance.md carries the why of the misses: the notes' first
        # section, without its heading and its note about itself.
        missed = text.split("\n## ")[0].rstrip("\n").split("\n\n")[2:]

    # ---- the chart's data
    os.makedirs(plot_dir, exist_ok=True)
    present = {}
    for db in ("sqlite", "postgres"):
        present[db] = []
        for tool in TOOLS:
            pts = [(n, get(tool, db, n, "upgrade")[1]) for n in ns if get(tool, db, n, "upgrade")]
            if not pts:
                continue
            present[db].append(tool)
            with open(os.path.join(plot_dir, "%s.%s.dat" % (db, tool)), "w") as f:
                for n, s in pts:
                    f.write("%d %.6f\n" % (n, s))
    with open(os.path.join(plot_dir, "present.gp"), "w") as f:
        for db in ("sqlite", "postgres"):
            f.write('present_%s = "%s"\n' % (db, " ".join(present[db])))
    # ---- docs/performance.md's section: the machine, the chart and the tables
    with open(os.path.join(plot_dir, "section.md"), "w") as f:
        f.write("\n".join(
            ["Measured side by side by `bench/compare.sh` on:", ""] + out[machine_at:machine_end] +
            ["", "![upgrade head: median seconds against the number of migrations, per tool]"
                 "(bench/time_vs_n.png)", ""] + out[table_at:table_end] +
            ["", "What must be installed to run each:", ""] + out[sizes_at:sizes_end] +
            ["", "Targets:", ""] + out[targets_at:targets_end] +
            ["", "Where a target is missed, and why:", ""] + "\n\n".join(missed).split("\n") +
            ["", "What the runs left out, and what profiling fixed on the way: "
                 "[bench/results.md](bench/results.md)."]) + "\n")
    print("\n".join(out))


main()
