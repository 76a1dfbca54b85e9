"""Offline ranges against Alembic: for random graphs and random ranges
FROM:TO, the revisions that Alembic's `upgrade --sql FROM:TO` and
`downgrade --sql FROM:TO` run, in their order, must be the ones a
migrator's `upgrade --sql` and `downgrade --sql` run, and `migc sql FROM:TO`
must print the one of the two that moves the database (the upgrade when it
applies something, else the downgrade). Where Alembic refuses or crashes,
the migrator refuses too. Compared through the `-- Running upgrade|downgrade`
lines each prints. The migrator's `history -r FROM:TO` must list the
revisions Alembic's `history -r FROM:TO` lists (its order is the
migrator's own: newest first).

Usage: offline.py --migc MIGC --work DIR [--seed S] [--graphs N] [--ranges N]
"""
import argparse
import contextlib
import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import graph_diff as gd  # noqa: E402  (exits with an install hint without Alembic)


def ran(text, verb):
    """The revisions a script runs, from its `-- Running VERB A -> B` lines:
    B for an upgrade, A for a downgrade (a migrator adds ", message")."""
    out = []
    for line in text.splitlines():
        if not line.startswith("-- Running %s " % verb):
            continue
        left, _, right = line[len("-- Running %s " % verb):].partition(" -> ")
        out.append((right.split(",")[0] if verb == "upgrade" else left).strip())
    return out


def run_alembic(side, verb, frm, to):
    script, buf = side.script, io.StringIO()
    if verb == "upgrade":
        def fn(rev, context):
            return script._upgrade_revs(to, rev)
    else:
        def fn(rev, context):
            return script._downgrade_revs(to, rev)
    try:
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            with gd.EnvironmentContext(side.cfg, script, fn=fn, as_sql=True,
                                       starting_rev=frm, destination_rev=to) as env:
                env.configure(url="sqlite://", output_buffer=buf, target_metadata=None)
                with env.begin_transaction():
                    env.run_migrations()
        return ("ok", ran(buf.getvalue(), verb))
    except gd.CommandError as e:
        return ("error", str(e))
    except Exception as e:  # Alembic's internal errors
        return ("crash", "%s: %s" % (type(e).__name__, e))


def alembic_history(side, frm, to):
    try:
        return ("ok", sorted(r.revision for r in side.script.walk_revisions(frm, to)))
    except gd.CommandError as e:
        return ("error", str(e))
    except Exception as e:  # Alembic's internal errors
        return ("crash", "%s: %s" % (type(e).__name__, e))


def migrator_history(binary, d, frm, to):
    db = os.path.join(d, "history.db")
    sqlite3.connect(db).close()  # an empty database: history marks nothing
    p = subprocess.run([binary, "--database-url", "sqlite:///" + db, "history", "-r",
                        "%s:%s" % (frm, to)],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode:
        return ("error", p.stderr.strip().replace("\n", " | "))
    return ("ok", sorted(line.split(" -> ", 1)[1].split(",")[0].split()[0]
                         for line in p.stdout.splitlines() if " -> " in line))


def run_tool(cmd, verb):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode:
        return ("error", p.stderr.strip().replace("\n", " | "))
    return ("ok", ran(p.stdout, verb))


def random_from(rng, g):
    ids = [r["id"] for r in g.revs]
    labels = [l for r in g.revs for l in r["labels"]]
    forms = ["base", "id", "id", "id", "prefix", "head", "heads"]
    if labels:
        forms += ["lhead", "lbase"]
    f = rng.choice(forms)
    if f == "id":
        return rng.choice(ids)
    if f == "prefix":
        rid = rng.choice(ids)
        return rid[:rng.randint(1, len(rid) - 1)]
    if f == "lhead":
        return rng.choice(labels) + "@head"
    if f == "lbase":
        return rng.choice(labels) + "@base"
    return f


def agree(a, m):
    """Alembic's outcome a and the migrator's m agree: the same revisions,
    or both refused (a crash of Alembic's is a refusal of migc's)."""
    return a == m if a[0] == "ok" else m[0] == "error"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--graphs", type=int, default=40)
    ap.add_argument("--ranges", type=int, default=8, help="ranges per graph")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    failures, nranges, nmoved, ncrash = [], 0, 0, 0
    for gi in range(1, a.graphs + 1):
        g = gd.random_graph(rng)
        d = os.path.join(a.work, "g%d" % gi)
        gd.write_alembic(g, os.path.join(d, "alembic"))
        mig = os.path.join(d, "mig")
        gd.write_mig(g, mig)
        binary = os.path.join(d, "migrate")
        p = subprocess.run([a.migc, "build", mig, "-o", binary],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode:
            failures.append("graph %d: migc build failed:\n%s" % (gi, p.stderr))
            continue
        cfg = gd.Config()
        cfg.set_main_option("script_location", os.path.join(d, "alembic"))
        side = gd.AlembicSide(cfg, "sqlite://")
        for _ in range(a.ranges):
            frm = random_from(rng, g)
            to = gd.random_target(rng, g, rng.random() < 0.5)
            rng_text = "%s:%s" % (frm, to)
            nranges += 1
            nfailed = len(failures)
            outs = {}
            for verb in ("upgrade", "downgrade"):
                al = run_alembic(side, verb, frm, to)
                ncrash += al[0] == "crash"
                mi = run_tool([binary, verb, "--sql", "--dialect", "sqlite", rng_text], verb)
                outs[verb] = mi
                if not agree(al, mi):
                    failures.append("graph %d: %s --sql %s: Alembic %s, migrator %s"
                                    % (gi, verb, rng_text, al, mi))
            al, mi = alembic_history(side, frm, to), migrator_history(binary, d, frm, to)
            ncrash += al[0] == "crash"
            if not agree(al, mi):
                failures.append("graph %d: history -r %s: Alembic %s, migrator %s"
                                % (gi, rng_text, al, mi))
            up, down = outs["upgrade"], outs["downgrade"]
            if up[0] == "ok" and up[1]:
                want = ("upgrade", up)
            elif down[0] == "ok" and down[1]:
                want = ("downgrade", down)
            else:
                want = ("upgrade", up)
            got = run_tool([a.migc, "sql", mig, "--dialect", "sqlite", rng_text], want[0])
            nmoved += got[0] == "ok" and bool(got[1])
            if not agree(want[1], got):
                failures.append("graph %d: migc sql %s: %s, the migrator's %s --sql: %s"
                                % (gi, rng_text, got, want[0], want[1]))
            if len(failures) > nfailed:
                failures[-1] += "\n  graph:\n    " + g.describe().replace("\n", "\n    ")
        side.close()
        shutil.rmtree(d, ignore_errors=True)
    for f in failures:
        print(f + "\n")
    print("offline ranges: seed %d: %d graphs, %d ranges (%d moving), %d Alembic crashes, "
          "%d failures" % (a.seed, a.graphs, nranges, nmoved, ncrash, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
