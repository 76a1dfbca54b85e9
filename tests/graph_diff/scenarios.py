"""Runs the graph scenarios of scenarios.txt on Alembic, on a migrator and
(for show) on migc: each outcome must be the table's, which is Alembic's.

Usage: scenarios.py --migc MIGC --work DIR [FILE]
"""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import graph_diff as gd  # noqa: E402  (exits with an install hint without Alembic)


def parse(path):
    graphs, cur = [], None
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            words = line.split()
            if words[0] == "graph":
                cur = {"name": words[1], "revs": [], "cases": []}
                graphs.append(cur)
            elif words[0] == "case":
                head, _, want = line.partition("=>")
                name, _, step = head[5:].partition(":")
                kind, _, text = want.strip().partition(" ")
                c = {"line": n, "name": name.strip(), "want": kind, "text": text.strip()}
                step = step.strip()
                if step.startswith("show "):
                    c["verb"], c["target"], c["from"] = "show", step[5:].strip(), None
                else:
                    frm, _, cmd = step.partition(":")
                    rows = frm.strip()[5:].strip()
                    c["from"] = () if rows == "-" else tuple(rows.split(","))
                    c["verb"], c["target"] = cmd.split()
                cur["cases"].append(c)
            else:
                r = {"id": words[0], "parents": [], "deps": [], "labels": []}
                i = 1
                while i < len(words):
                    key, val = words[i], words[i + 1].split(",")
                    if key == "revises":
                        r["parents"] = [] if val == ["base"] else val
                    elif key == "depends":
                        r["deps"] = val
                    elif key == "branch":
                        r["labels"] = val
                    i += 2
                cur["revs"].append(r)
    return graphs


def applied_tables(g, rows):
    applied = set(rows)
    for r in rows:
        applied |= g.ancestors(r)
    return tuple(sorted("t_" + r for r in applied))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--migc", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("file", nargs="?",
                    default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "scenarios.txt"))
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    failures, ncases = [], 0
    for spec in parse(a.file):
        g = gd.Graph(spec["revs"])
        d = os.path.join(a.work, spec["name"])
        gd.write_alembic(g, os.path.join(d, "alembic"))
        gd.write_mig(g, os.path.join(d, "mig"))
        binary = os.path.join(d, "migrate")
        p = subprocess.run([a.migc, "build", os.path.join(d, "mig"), "-o", binary],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode:
            failures.append("%s: migc build failed:\n%s" % (spec["name"], p.stderr))
            continue
        cfg = gd.Config()
        cfg.set_main_option("script_location", os.path.join(d, "alembic"))
        for c in spec["cases"]:
            ncases += 1
            where = "%s:%d: %s %s" % (os.path.basename(a.file), c["line"], spec["name"], c["name"])
            problems = check_case(a.migc, g, cfg, d, binary, c)
            failures += ["%s: %s" % (where, p) for p in problems]
    for f in failures:
        print(f)
    print("graph scenarios: %d cases, %d failures" % (ncases, len(failures)))
    return 1 if failures else 0


def check_case(migc, g, cfg, d, binary, c):
    problems = []
    if c["verb"] == "show":
        script = gd.ScriptDirectory.from_config(cfg)
        try:
            rev = script.get_revision(c["target"])
            a_out = ("rev", rev.revision if rev is not None else "base")
        except Exception as e:  # CommandError and Alembic's resolution errors
            a_out = ("error", str(e))
        outs = {"Alembic": a_out}
        for who, cmd in (("migc show", [migc, "show", os.path.join(d, "mig"), c["target"]]),
                         ("migrator show", [binary, "show", c["target"]])):
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if p.returncode == 0:
                first = p.stdout.split("\n", 1)[0].split()
                outs[who] = ("rev", first[1] if len(first) > 1 else "")
            else:
                outs[who] = ("error", p.stderr.strip().replace("\n", " | "))
        for who, (kind, text) in outs.items():
            if c["want"] == "rev" and (kind, text) != ("rev", c["text"]):
                problems.append("%s gives %s %s, expected rev %s" % (who, kind, text, c["text"]))
            if c["want"] == "error" and (kind != "error" or
                                         (who != "Alembic" and c["text"] not in text)):
                problems.append("%s gives %s %s, expected an error %s"
                                % (who, kind, text, c["text"]))
        return problems
    tables = applied_tables(g, c["from"])
    adb, mdb = os.path.join(d, "alembic.db"), os.path.join(d, "migc.db")
    for path in (adb, mdb):
        if os.path.exists(path):
            os.remove(path)
    gd.set_state(adb, "alembic_version", c["from"], tables)
    gd.set_state(mdb, "migc_version", c["from"], tables)
    side = gd.AlembicSide(cfg, "sqlite:///" + adb)
    a_out, a_text, _ = gd.run_alembic(side, c["verb"], c["target"])
    side.close()
    m_rc, m_text = gd.run_migc(binary, "sqlite:///" + mdb, c["verb"], c["target"])
    after_a, after_m = gd.db_state(adb), gd.db_state(mdb)
    want = c["want"]
    if want == "rows":
        rows = () if c["text"] == "-" else tuple(sorted(c["text"].split(",")))
        if a_out != "ok" or after_a[0] != rows:
            problems.append("Alembic: %s %s, rows %s; expected rows %s"
                            % (a_out, a_text, list(after_a[0]), list(rows)))
        if m_rc != 0 or after_m[0] != gd.heads_rows(g, rows):
            problems.append("migrator: exit %d %s, rows %s; expected rows %s"
                            % (m_rc, m_text, list(after_m[0]), list(gd.heads_rows(g, rows))))
        want_tables = tables if c["verb"] == "stamp" else applied_tables(g, rows)
        if after_m[1] != want_tables or after_a[1] != want_tables:
            problems.append("tables: Alembic %s, migrator %s, expected %s"
                            % (list(after_a[1]), list(after_m[1]), list(want_tables)))
    elif want == "error":
        if a_out == "ok" or c["text"] not in a_text:
            problems.append("Alembic: %s %s; expected an error %s" % (a_out, a_text, c["text"]))
        if m_rc == 0 or c["text"] not in m_text or after_m != (c["from"], tables):
            problems.append("migrator: exit %d %s; expected an error %s, nothing changed"
                            % (m_rc, m_text, c["text"]))
    elif want == "migc-error":
        if a_out != "ok":
            problems.append("Alembic: %s %s; expected success" % (a_out, a_text))
        if m_rc == 0 or c["text"] not in m_text or after_m != (c["from"], tables):
            problems.append("migrator: exit %d %s; expected an error %s, nothing changed"
                            % (m_rc, m_text, c["text"]))
    return problems


if __name__ == "__main__":
    sys.exit(main())
