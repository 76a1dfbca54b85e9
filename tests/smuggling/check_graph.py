#!/usr/bin/env python3
"""check_graph.py FORMAT PROJECT FILE

Checks that FILE, the revision graph history --graph drew in FORMAT
(mermaid or dot), holds exactly the graph of the .mig files in PROJECT,
re-read here on their own: one node per revision whose label gives back
the id and the message byte for byte, one arrow per revises or depends on
edge, drawn solid or dashed. A DOT file is read by Graphviz itself (dot
-Tjson); a Mermaid file line by line, each line one of the few forms the
renderer writes, every label quoted and free of characters that could end
it. Prints what differs and exits 1; exits 0 when all holds."""
import glob
import html
import json
import os
import re
import subprocess
import sys


def read_project(project):
    """{id: message} and {(from, to, depends)} from the .mig files."""
    revs, edges = {}, set()
    for path in glob.glob(os.path.join(project, "**", "*.mig"), recursive=True):
        text = open(path, "rb").read().decode("utf-8", "replace")
        rid = re.search(r"^revision (\w+)$", text, re.M).group(1)
        msg = re.search(r"^message '((?:[^']|'')*)'$", text, re.M).group(1).replace("''", "'")
        revs[rid] = msg
        for key, dep in (("revises", False), ("depends on", True)):
            m = re.search(r"^%s (.+)$" % key, text, re.M)
            for parent in re.split(r"[,\s]+", m.group(1).strip()) if m else []:
                if parent != "base":
                    edges.add((parent, rid, dep))
    return revs, edges


def check_label(label, revs, where, errors):
    """label decoded: 'ID (marks)...' then a newline and the message."""
    first, _, msg = label.partition("\n")
    m = re.fullmatch(r"(\w+)((?: \(\w+\))*)", first)
    if not m or m.group(1) not in revs:
        errors.append("%s: the label's first line is not a revision id with marks: %r" % (where, first))
        return None
    if msg != revs[m.group(1)]:
        errors.append("%s: message %r, expected %r" % (where, msg, revs[m.group(1)]))
    return m.group(1)


def unmermaid(raw):
    raw = raw.replace("<br/>", "\n")
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), raw)


def read_mermaid(path, revs, errors):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines[0] != "flowchart BT" or lines[-1] != "":
        errors.append("the first line is not 'flowchart BT' or the last is unterminated")
    names, edges = {}, set()
    for n, line in enumerate(lines[1:-1], 2):
        node = re.fullmatch(r'    (r\d+)\["([^"]*)"\]', line)
        edge = re.fullmatch(r"    (r\d+) (-->|-\. depends on \.->) (r\d+)", line)
        if node:
            raw = node.group(2)
            # The message: outside <br/> and the #NN; codes, nothing
            # Mermaid reads (the first line is checked by check_label).
            bare = re.sub(r"#\d+;", "", raw.partition("<br/>")[2].replace("<br/>", ""))
            bad = sorted(set(bare) & set('"[](){}<>`;#&|%\\'))
            if bad:
                errors.append("line %d: the label holds %s unescaped: %s" % (n, "".join(bad), line))
            rid = check_label(unmermaid(raw), revs, "line %d" % n, errors)
            if rid:
                names[node.group(1)] = rid
        elif edge:
            edges.add((edge.group(1), edge.group(3), edge.group(2) != "-->"))
        elif not re.fullmatch(r"    classDef \w+ [\w:#,-]+|    class r\d+(,r\d+)* \w+", line):
            errors.append("line %d is not a node, an arrow or a class: %r" % (n, line))
    return names, edges


def undot(raw):
    """A label as Graphviz gives it back: DOT's escapes, then entities."""
    out = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)
    return html.unescape(out)


def read_dot(path, revs, errors):
    res = subprocess.run(["dot", "-Tjson", path], capture_output=True)
    if res.returncode != 0 or res.stderr:
        errors.append("dot could not read the file cleanly: %s" % res.stderr.decode(errors="replace"))
        return {}, set()
    graph = json.loads(res.stdout)
    objs = graph.get("objects", [])
    names = {}
    for o in objs:
        rid = check_label(undot(o.get("label", "")), revs, "node %s" % o["name"], errors)
        if rid:
            names[o["name"]] = rid
    edges = {(objs[e["tail"]]["name"], objs[e["head"]]["name"], e.get("style") == "dashed")
             for e in graph.get("edges", [])}
    if len(edges) != len(graph.get("edges", [])):
        errors.append("dot drew an arrow twice")
    return names, edges


def main():
    fmt, project, path = sys.argv[1:4]
    revs, want = read_project(project)
    errors = []
    names, edges = (read_mermaid if fmt == "mermaid" else read_dot)(path, revs, errors)
    if sorted(names.values()) != sorted(revs):
        errors.append("nodes %s, expected one per revision %s" % (sorted(names.values()), sorted(revs)))
    got = {(names.get(a, a), names.get(b, b), d) for a, b, d in edges}
    if got != want:
        errors.append("arrows differ: extra %s, missing %s" % (sorted(got - want), sorted(want - got)))
    for e in errors:
        print("FAIL: %s: %s" % (path, e), file=sys.stderr)
    if not errors:
        print("ok: %s: %d revisions, %d arrows" % (path, len(revs), len(want)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
