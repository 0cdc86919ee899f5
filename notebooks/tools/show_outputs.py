#!/usr/bin/python3
"""Prints an executed notebook's code cells with their outputs (text only, trimmed): a quick look at a handout run.

    /usr/bin/python3 notebooks/tools/show_outputs.py target/handouts/en/04-kube-scheduler.ipynb [--errors]
"""
import sys
import nbformat

path = sys.argv[1]
errors_only = "--errors" in sys.argv
nb = nbformat.read(path, as_version=4)
for i, c in enumerate(nb.cells):
    if c.cell_type != "code":
        continue
    outs = []
    bad = False
    for o in c.outputs:
        if o.output_type == "stream":
            outs.append(o.text)
        elif o.output_type == "error":
            bad = True
            outs.append("ERROR %s: %s" % (o.ename, o.evalue))
        else:
            outs.append(str(o.get("data", {}).get("text/plain", "")))
    if errors_only and not bad:
        continue
    print("=== cell %d %s\n%s" % (i, c.source[:200].replace("\n", " | "), "\n".join(outs)[:1500]))
