"""Differential test of revision-graph semantics: migc against Alembic.

Generates random revision graphs (branches, merge points, several roots,
`depends on` across branches, branch labels), writes each both as an
Alembic project and as .mig files (every revision creates one table), builds
one migrator per graph and runs the same random commands on both, each
against its own SQLite file. After every step it compares: whether the
command succeeded, the version table's rows and the set of tables.

Where Alembic crashes (an internal error rather than a CommandError), migc
must refuse and change nothing. Where the README lists a deliberate
difference, the step is counted as such. Anything else is a divergence: it
is printed with the graph and the steps that led to it, and the run fails.

Usage: graph_diff.py --migc MIGC --work DIR [--seed S] [--seconds N]
       [--graphs N] [--verbose]
"""
import argparse
import contextlib
import io
import logging
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import warnings

try:
    from alembic import util as alembic_util
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory
    from alembic.script import base as alembic_script_base
    from sqlalchemy import create_engine
    from alembic.util import CommandError
    from sqlalchemy.exc import DBAPIError
except ImportError:
    sys.stderr.write(
        "error: this test needs Alembic for Python 3 (the reference it compares with)\n"
        "hint: Install it with scripts/setup-deps python3-alembic "
        "(apt-get install python3-alembic).\n")
    sys.exit(2)

logging.disable(logging.CRITICAL)

ENV_PY = '''\
from alembic import context
from sqlalchemy import create_engine

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url)
with engine.connect() as conn:
    context.configure(connection=conn, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
'''


# ---- graphs -------------------------------------------------------------

class Graph:
    def __init__(self, revs):
        # revs: list of dicts id, parents, deps, labels; parents before children
        self.revs = revs
        self.by_id = {r["id"]: r for r in revs}

    def ancestors(self, rid, deps=True):
        out, todo = set(), [rid]
        while todo:
            x = todo.pop()
            r = self.by_id[x]
            for p in r["parents"] + (r["deps"] if deps else []):
                if p not in out:
                    out.add(p)
                    todo.append(p)
        return out

    def describe(self):
        lines = []
        for r in self.revs:
            s = "%s revises %s" % (r["id"], ", ".join(r["parents"]) or "base")
            if r["deps"]:
                s += " depends on " + ", ".join(r["deps"])
            if r["labels"]:
                s += " branch " + ", ".join(r["labels"])
            lines.append(s)
        return "\n".join(lines)


def random_id(rng, taken):
    # A small alphabet so that ids share prefixes; never all digits
    # (Alembic would read those as relative steps).
    while True:
        rid = rng.choice("abc") + "".join(rng.choice("abc0123") for _ in range(5))
        if rid not in taken:
            return rid


def random_graph(rng):
    n = rng.randint(2, 14)
    revs, ids, nlabels = [], set(), 0
    g = Graph(revs)
    for i in range(n):
        rid = random_id(rng, ids)
        ids.add(rid)
        parents, deps = [], []
        if i == 0 or (i < n - 1 and rng.random() < 0.12):
            pass  # a root
        else:
            cand = [r["id"] for r in revs]
            parents = [rng.choice(cand[-4:] if rng.random() < 0.6 else cand)]
            if rng.random() < 0.18:
                others = [c for c in cand if c != parents[0]
                          and c not in g.ancestors(parents[0], deps=False)
                          and parents[0] not in g.ancestors(c, deps=False)]
                if others:
                    parents.append(rng.choice(others))
        if revs and rng.random() < 0.3:
            anc = set()
            for p in parents:
                anc |= g.ancestors(p, deps=False) | {p}
            cand = [r["id"] for r in revs if r["id"] not in parents]
            # mostly across branches; now and then on an ancestor
            across = [c for c in cand if c not in anc]
            pool = across if across and rng.random() < 0.8 else cand
            if pool:
                deps = [rng.choice(pool)]
        labels = []
        if rng.random() < 0.2:
            labels = ["lbl%d" % nlabels]
            nlabels += 1
        r = {"id": rid, "parents": parents, "deps": deps, "labels": labels}
        revs.append(r)
        g.by_id[rid] = r
    return g


def heads_of(g):
    children = {r["id"]: 0 for r in g.revs}
    for r in g.revs:
        for p in r["parents"]:
            children[p] += 1
    return [r for r in children if children[r] == 0]


def random_target(rng, g, upgrade):
    ids = [r["id"] for r in g.revs]
    labels = [l for r in g.revs for l in r["labels"]]
    n = rng.randint(1, 3)
    forms = ["head", "heads", "base", "id", "id", "prefix", "rel", "revrel"]
    if labels:
        forms += ["lhead", "lbase", "lrel", "lrel"]
    f = rng.choice(forms)
    if f == "id":
        return rng.choice(ids)
    if f == "prefix":
        rid = rng.choice(ids)
        cut = rng.randint(1, len(rid) - 1)
        return rid[:cut]
    if f == "rel":
        sign = "+" if (upgrade if rng.random() < 0.8 else not upgrade) else "-"
        return "%s%d" % (sign, n)
    if f == "revrel":
        sign = rng.choice("+-")
        return "%s%s%d" % (rng.choice(ids), sign, n)
    if f == "lhead":
        return rng.choice(labels) + "@head"
    if f == "lbase":
        return rng.choice(labels) + "@base"
    if f == "lrel":
        sign = "+" if (upgrade if rng.random() < 0.8 else not upgrade) else "-"
        return "%s@%s%d" % (rng.choice(labels), sign, n)
    return f


def random_step(rng, g):
    r = rng.random()
    if r < 0.5:
        return ("upgrade", random_target(rng, g, True))
    if r < 0.9:
        return ("downgrade", random_target(rng, g, False))
    return ("stamp", random_target(rng, g, True))


# ---- the two sides ------------------------------------------------------

def write_alembic(g, d):
    os.makedirs(os.path.join(d, "versions"))
    with open(os.path.join(d, "env.py"), "w") as f:
        f.write(ENV_PY)
    for r in g.revs:
        down = repr(None if not r["parents"] else
                    r["parents"][0] if len(r["parents"]) == 1 else tuple(r["parents"]))
        deps = repr(None if not r["deps"] else tuple(r["deps"]))
        labels = repr(None if not r["labels"] else tuple(r["labels"]))
        # Named by id: Alembic orders revisions by file name where the
        # graph leaves a choice, and migc by id.
        with open(os.path.join(d, "versions", r["id"] + ".py"), "w") as f:
            f.write("from alembic import op\n"
                    "revision = %r\ndown_revision = %s\ndepends_on = %s\n"
                    "branch_labels = %s\n\n"
                    "def upgrade():\n    op.execute('CREATE TABLE t_%s (x int)')\n\n"
                    "def downgrade():\n    op.execute('DROP TABLE t_%s')\n"
                    % (r["id"], down, deps, labels, r["id"], r["id"]))


def write_mig(g, d):
    os.makedirs(d)
    for i, r in enumerate(g.revs):
        with open(os.path.join(d, "%02d_%s.mig" % (i, r["id"])), "w") as f:
            f.write("revision %s\nrevises %s\n" % (r["id"], ", ".join(r["parents"]) or "base"))
            if r["deps"]:
                f.write("depends on %s\n" % ", ".join(r["deps"]))
            if r["labels"]:
                f.write("branch %s\n" % ", ".join(r["labels"]))
            f.write("message 'revision %s'\n\nupgrade {\n    create table t_%s (x int);\n}\n"
                    % (r["id"], r["id"]))


def db_state(path):
    if not os.path.exists(path):
        return (), ()
    con = sqlite3.connect(path)
    try:
        names = [row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = ()
        for vt in ("alembic_version", "migc_version"):
            if vt in names:
                rows = tuple(sorted(r[0] for r in con.execute("SELECT version_num FROM " + vt)))
        tables = tuple(sorted(n for n in names if n.startswith("t_")))
        return rows, tables
    finally:
        con.close()


def set_state(path, vt, rows, tables):
    """Puts an SQLite file in a given state: version rows and tables."""
    con = sqlite3.connect(path)
    try:
        have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for t in have:
            if t.startswith("t_") and t not in tables:
                con.execute("DROP TABLE " + t)
        for t in tables:
            if t not in have:
                con.execute("CREATE TABLE %s (x int)" % t)
        con.execute("CREATE TABLE IF NOT EXISTS %s (version_num VARCHAR(32) NOT NULL "
                    "PRIMARY KEY)" % vt)
        con.execute("DELETE FROM " + vt)
        for r in rows:
            con.execute("INSERT INTO %s VALUES (?)" % vt, (r,))
        con.commit()
    finally:
        con.close()


class AlembicSide:
    """Alembic's commands as alembic.command runs them, with the script
    directory and the engine kept for all the steps of one graph (reading
    the scripts and running env.py again at every step costs most of the
    time of a run)."""

    def __init__(self, cfg, url):
        self.cfg = cfg
        self.script = ScriptDirectory.from_config(cfg)
        # Alembic breaks ties between independent revisions (which of
        # several heads it walks first) in the order os.listdir gives its
        # files: on ext4 a hash order. Read them in name order (the files
        # are named by id) so that the reference is one Alembic run, the
        # same on every file system; migc breaks those ties by id.
        real_listdir = alembic_script_base.os.listdir
        alembic_script_base.os.listdir = lambda path: sorted(real_listdir(path))
        try:
            self.script.revision_map.heads
        finally:
            alembic_script_base.os.listdir = real_listdir
        self.engine = create_engine(url)

    def close(self):
        self.engine.dispose()

    def run(self, verb, target):
        script = self.script
        if verb == "upgrade":
            def fn(rev, context):
                return script._upgrade_revs(target, rev)
        elif verb == "downgrade":
            def fn(rev, context):
                return script._downgrade_revs(target, rev)
        else:
            def fn(rev, context):
                return script._stamp_revs(alembic_util.to_tuple([target]), rev)
        dest = alembic_util.to_tuple([target]) if verb == "stamp" else target
        with EnvironmentContext(self.cfg, script, fn=fn, destination_rev=dest) as env:
            with self.engine.connect() as conn:
                env.configure(connection=conn, target_metadata=None)
                with env.begin_transaction():
                    env.run_migrations()


def run_alembic(side, verb, target):
    """Returns (outcome, text): outcome "ok", "error" or "crash"."""
    out = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        warnings.simplefilter("always")
        try:
            side.run(verb, target)
            outcome, text = "ok", ""
        except CommandError as e:
            outcome, text = "error", str(e)
        except DBAPIError as e:  # a statement failed: the state says how far it got
            outcome, text = "error", str(e).split("\n")[0]
        except Exception as e:  # Alembic's internal errors
            outcome, text = "crash", "%s: %s" % (type(e).__name__, e)
    notes = [str(w.message) for w in caught]
    return outcome, text, notes


def run_migc(binary, url, verb, target):
    p = subprocess.run([binary, "--database-url", url, "-q", verb, target],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stderr.strip()


# ---- deliberate differences (listed in the README) ------------------------

def heads_rows(g, rows):
    """The heads of what rows make applied: one row per head."""
    applied = set(rows)
    for r in rows:
        applied |= g.ancestors(r)
    reached = set()
    for r in applied:
        reached |= set(g.by_id[r]["parents"]) | set(g.by_id[r]["deps"])
    return tuple(sorted(applied - reached))


def deliberate(g, verb, target, before_rows, a_out, a_text, after_a, m_rc, m_text, after_m):
    """The README's deliberate differences. 1. A bare -N (or +N) from
    several current heads is refused as ambiguous, where Alembic warns and
    picks one head. 2. The version table holds one row per head of what is
    applied, where Alembic sometimes keeps a row for a revision that another
    row's revision reaches (a dependency that is also an ancestor). 3. See
    below."""
    if (m_rc == 2 and len(before_rows) > 1 and target[:1] in "+-"
            and target[1:].isdigit()):
        return "relative step from several heads"
    if ((a_out == "ok") == (m_rc == 0) and after_a[1] == after_m[1]
            and after_a[0] != after_m[0] and heads_rows(g, after_a[0]) == after_m[0]):
        return "one row per head"
    # 3. A plan on which Alembic stops with an internal error is refused
    # before anything runs; Alembic itself may first run some revisions
    # and stop at a failing statement (a database stamp left inconsistent).
    if (m_rc == 2 and "Alembic stops with an internal error" in m_text
            and a_out == "error" and a_text.startswith("(sqlite3.")):
        return "refused before running what Alembic stops on"
    return None


# ---- the run --------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=0)
    ap.add_argument("--graphs", type=int, default=0)
    ap.add_argument("--steps", type=int, default=12, help="steps per graph")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--max-divergences", type=int, default=20)
    a = ap.parse_args()
    if not a.seconds and not a.graphs:
        a.graphs = 100
    rng = random.Random(a.seed)
    start = time.time()
    ngraphs = nsteps = ncrash = ndeliberate = 0
    kinds = {}
    divergences = []
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    gi = 0
    while True:
        if a.graphs and gi >= a.graphs:
            break
        if a.seconds and time.time() - start >= a.seconds:
            break
        if len(divergences) >= a.max_divergences:
            break
        gi += 1
        g = random_graph(rng)
        d = os.path.join(a.work, "g%d" % gi)
        write_alembic(g, os.path.join(d, "alembic"))
        write_mig(g, os.path.join(d, "mig"))
        binary = os.path.join(d, "migrate")
        p = subprocess.run([a.migc, "build", os.path.join(d, "mig"), "-o", binary],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            divergences.append("graph %d: migc build failed:\n%s\n%s"
                               % (gi, p.stderr, g.describe()))
            continue
        ngraphs += 1
        adb = os.path.join(d, "alembic.db")
        mdb = os.path.join(d, "migc.db")
        cfg = Config()
        cfg.set_main_option("script_location", os.path.join(d, "alembic"))
        cfg.set_main_option("sqlalchemy.url", "sqlite:///" + adb)
        murl = "sqlite:///" + mdb
        side = AlembicSide(cfg, "sqlite:///" + adb)
        history = []
        for _ in range(a.steps):
            verb, target = random_step(rng, g)
            # A failed first upgrade leaves no file (the migrator removes
            # a database it created and left empty), and only upgrade and
            # stamp create one; Alembic's side always has its file. Both
            # start each step from an existing file, so that the step
            # compares the graphs' rules, not which commands create a file.
            if not os.path.exists(mdb):
                sqlite3.connect(mdb).close()
            before = db_state(mdb)
            a_out, a_text, a_notes = run_alembic(side, verb, target)
            m_rc, m_text = run_migc(binary, murl, verb, target)
            nsteps += 1
            after_a, after_m = db_state(adb), db_state(mdb)
            history.append("%s %s" % (verb, target))
            why = None
            if a_out == "crash":
                ncrash += 1
                if m_rc == 0 or after_m != before:
                    why = "Alembic crashed (%s); migc must refuse and change nothing" % a_text
            elif (a_out == "ok") != (m_rc == 0):
                why = "outcomes differ"
            elif after_a != after_m:
                why = "the databases differ"
            kind = why and deliberate(g, verb, target, before[0], a_out, a_text, after_a, m_rc,
                                      m_text, after_m)
            if kind:
                ndeliberate += 1
                kinds[kind] = kinds.get(kind, 0) + 1
                why = None
            if why:
                divergences.append(
                    "graph %d (seed %d), step %d: %s %s: %s\n"
                    "  alembic: %s %s -> rows %s tables %s\n"
                    "  migc:    exit %d %s -> rows %s tables %s\n"
                    "  before:  rows %s tables %s\n  steps: %s\n  graph:\n    %s"
                    % (gi, a.seed, len(history), verb, target, why, a_out, a_text,
                       list(after_a[0]), list(after_a[1]), m_rc, m_text.replace("\n", " | "),
                       list(after_m[0]), list(after_m[1]), list(before[0]),
                       list(before[1]), "; ".join(history),
                       g.describe().replace("\n", "\n    ")))
                if a.verbose:
                    print(divergences[-1], flush=True)
            # Carry on from one state: migc's (Alembic's after a plain
            # agreement is the same).
            if after_a != after_m:
                set_state(adb, "alembic_version", *after_m)
        side.close()
        shutil.rmtree(d, ignore_errors=True)
    for dv in divergences:
        print(dv + "\n")
    print("graph_diff: seed %d: %d graphs, %d steps, %d Alembic crashes (migc refused), "
          "%d deliberate differences, %d divergences (%.0f s)"
          % (a.seed, ngraphs, nsteps, ncrash, ndeliberate, len(divergences), time.time() - start))
    for kind in sorted(kinds):
        print("  deliberate: %s: %d" % (kind, kinds[kind]))
    return 1 if divergences else 0


if __name__ == "__main__":
    sys.exit(main())
