#!/usr/bin/env python3
"""Diffs the outputs of two handout runs, leaving out what legitimately changes from run to run.

    /usr/bin/python3 scripts/handout_diff.py OLD NEW      # directories written by ./kubelab handouts, or two .ipynb

Each executed notebook is reduced to its code cells' outputs as text (streams, text/plain, errors, the labels of SVG
diagrams), with the parts that differ in every run masked: timestamps and durations, ages in kubectl tables, ports,
generated names (pod and event name suffixes, container and etcd member ids), uids, etcd revisions and
resourceVersions, randomly allocated Service IPs and the host part of pod IPs (allocation order). Because names
are masked, the rows of a kubectl table are compared in sorted order; `kubectl rollout status` progress lines (how
many replicas it happened to see on its way) are left out; a %%trace is compared as the set of its distinct steps
(FROM, TO, WHAT), as concurrent watch deliveries arrive in any order. What is left differs only when the notebook's
behaviour did — or where the cluster's own timing shows: etcd revision counts (leases and heartbeats write in the
background), load-balancing counts, conflicts (409) and retries in a trace, and now and then which node a pod created
right after `%cluster up` lands on (handouts.py pins the scheduler's tie-breaking; the ties then depend on what else
is being scheduled).
Prints a unified diff per notebook; exit status 1 when anything differs.
"""
import difflib
import re
import sys
from pathlib import Path

import nbformat

# (pattern, replacement), applied in order. Generated-name alphabets are Kubernetes' (util/rand: no vowels, no 0/1/3).
SAFE = "bcdfghjklmnpqrstvwxz2456789"
MASKS = [
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?"), "<time>"),
    (re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}"), "<time>"),  # describe
    (re.compile(r"(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])"), "<uid>"),
    (re.compile(r"\b(127\.0\.0\.1|localhost|0\.0\.0\.0):\d+"), r"\1:<port>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<id>"),                               # container and image ids
    (re.compile(r"\.[0-9a-f]{16}\b|\.[0-9a-f]{1,15}…"), ".<event>"),           # Event names: <object>.<hex time>
    (re.compile(r"\b[0-9a-f]{16}\b"), "<id>"),                               # etcd member ids
    (re.compile(r"(\"?(ClusterID|MemberID|cluster_id|member_id)\"?\s*[:=]\s*)\d+"), r"\1<id>"),
    (re.compile(r"(?<=[a-z0-9])-[%s]{5}\b" % SAFE), "-<id>"),                # generateName suffixes
    (re.compile(r"(resourceVersion) \d+ -> \d+"), r"\1 <n> -> <n>"),
    (re.compile(r"\brev(ision)?( past)?[ =:]+\d+", re.I), r"rev\1\2 <n>"),
    (re.compile(r"(\"?(resourceVersion|Revision|CreateRevision|ModRevision|raft_term|RaftIndex)\"?[ :=]+\"?)\d+"), r"\1<n>"),
    (re.compile(r"\b10\.(9[6-9]|10\d|11[01])\.(?!0\.1\b|0\.10\b)\d+\.\d+\b"), "<cluster-ip>"),  # Service IPs (random)
    (re.compile(r"\b10\.244\.(\d+)\.\d+\b"), r"10.244.\1.<n>"),             # pod IPs: the node's range stays
    (re.compile(r":3\d{4}/(TCP|UDP)"), r":<node-port>/\1"),                  # NodePorts (random)
    (re.compile(r"(\"(ts|took)\":\"?)[\d.]+(m?s)?"), r"\1<time>"),               # etcd's JSON log lines
    (re.compile(r"\b1\d{9}(\d{3})?\b"), "<epoch>"),                          # Unix times in names (s or ms)
    (re.compile(r"\b\d+(\.\d+)? (kB|MB)\b"), "<size>"),                       # etcd db sizes
    (re.compile(r"[+]?\d+(\.\d+)? ?(ms|µs|ns)\b"), "<duration>"),
    (re.compile(r"\b\d+(\.\d+)?s\b"), "<duration>"),                       # 0.5s, 12s (ages, timings)
    (re.compile(r"\b\d+[dhm](\d+[hms])?\b"), "<age>"),                     # 5m10s, 3h, 2d (kubectl AGE)
    (re.compile(r"\x1b\[[0-9;]*[A-Za-z]"), ""),                             # ANSI colours
]
SVG_LABEL = re.compile(r"<text[^>]*>([^<]*)<")
TABLE_HEADER = re.compile(r"^(NAME|NAMESPACE|LAST SEEN)\s")
PROGRESS = re.compile(r"^Waiting for (deployment|daemon set|rollout|deployment spec)")
TRACE = re.compile(r"^cell ran ")


def normalise(body):
    """Masked lines of one output, in an order that does not depend on generated names or thread scheduling."""
    lines = [mask(l) for l in body.splitlines() if not PROGRESS.match(l)]
    if lines and TRACE.match(lines[0]):
        # a %%trace: "cell ran N ms, M steps", a header, then one row per step; keep the distinct steps
        steps = sorted({" ".join(l.split()[1:]) for l in lines[2:] if l.strip()})
        return [" ".join(lines[1].split())] + steps
    out, table = [], []
    for l in lines + [""]:
        if TABLE_HEADER.match(l) or (table and l.strip()):
            table.append(l)
            continue
        if table:
            out.extend(table[:1] + sorted(table[1:]))
            table = []
        out.append(l)
    return out[:-1]


def mask(line):
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return " ".join(line.split())  # column widths follow the masked values


def text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def comparable(nb):
    """The notebook's outputs as masked lines, each prefixed with the cell's position."""
    lines = []
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                body = text(out.get("text"))
            elif kind == "error":
                body = "%s: %s" % (out.get("ename"), out.get("evalue"))
            else:
                data = out.get("data", {})
                body = text(data.get("text/plain"))
                if "image/svg+xml" in data:
                    labels = {mask(l) for l in SVG_LABEL.findall(text(data["image/svg+xml"]))}
                    lines.append("cell %d diagram: %s" % (i, " | ".join(sorted(labels))))
            lines.extend("cell %d %s: %s" % (i, kind, l) for l in normalise(body))
    return lines


def pairs(old, new):
    """(name, old .ipynb, new .ipynb) for the notebooks both runs executed."""
    if old.is_file():
        return [(new.name, old, new)]
    found = []
    for path in sorted(new.glob("*/*.ipynb")):
        rel = path.relative_to(new)
        if (old / rel).exists():
            found.append((str(rel), old / rel, path))
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    old, new = Path(sys.argv[1]), Path(sys.argv[2])
    compared, differing = pairs(old, new), 0
    for name, a, b in compared:
        diff = list(difflib.unified_diff(comparable(nbformat.read(str(a), 4)), comparable(nbformat.read(str(b), 4)),
                                         fromfile=str(a), tofile=str(b), lineterm="", n=1))
        if diff:
            differing += 1
            print("\n".join(diff))
    print("handout_diff: %d notebook(s) compared, %d differ" % (len(compared), differing), file=sys.stderr)
    return 1 if differing or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
