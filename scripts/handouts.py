#!/usr/bin/env python3
"""Executes the kubelab notebooks with the 'kubelab' kernel and writes handouts.

Run by `./kubelab handouts` with Debian's python3 (it has nbclient/nbconvert), and by the notebooks module's tests
(`./kubelab test`): one execution path serves both. For every selected notebook under notebooks/{ko,en}/:
  - execute it with nbclient (kernel 'kubelab', working directory = the notebook's directory,
    KUBELAB_LANG = the notebook's metadata.kubelab.lang, its own KUBELAB_HOME: a fresh cluster),
  - check what a learner would see (see problems()),
  - write the executed .ipynb and an HTML handout (nbconvert) to target/handouts/<lang>/,
  - print it to PDF with headless Chromium when /usr/bin/chromium exists,
then write target/handouts/index.html, print one row per notebook and, with --report, a JSON report the tests read.
Notebooks listed in notebooks/WAITING.md are not executed; their row gives the reason.
Exit status 1 when a notebook has a problem (an unexpected error, a raises-exception cell that did not fail, a %check
that did not pass, a cell not executed, a dead kernel or a timed-out cell).

Selectors: `[LANG/]GLOB ...` on file names, e.g. `04-*`, `en/08-*` (default: every notebook).
"""
import argparse
import atexit
import fnmatch
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

LANGS = ("ko", "en")
CHROMIUM = "/usr/bin/chromium"
CELL_TIMEOUT = int(os.environ.get("KUBELAB_CELL_TIMEOUT", "600"))


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CHECK_MAGIC = re.compile(r"(?m)^\s*%check\s+\S+")
CHECK_PASSED = ("All checks passed!", "모두 통과했습니다!")


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def cell_output(cell, limit=25):
    """What the cell printed, as a learner reads it: streams, results' text/plain and errors (ANSI colours removed),
    trimmed to the last `limit` lines (where the error is)."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(_text(out.get("text")))
        elif kind == "error":
            parts.append("%s: %s" % (out.get("ename"), out.get("evalue")))
            tb = [l for l in out.get("traceback", []) if l.strip() and l.strip() != (out.get("evalue") or "").strip()]
            parts.extend(t + "\n" for t in tb)
        else:
            parts.append(_text(out.get("data", {}).get("text/plain")))
    lines = ANSI.sub("", "\n".join(p.rstrip("\n") for p in parts if p)).strip().splitlines()
    return "\n".join((["…"] if len(lines) > limit else []) + lines[-limit:])


def problems(nb):
    """What would make a handout wrong, one dict per code cell at fault: a cell that was not executed, an error in a
    cell not tagged raises-exception, a raises-exception cell that did not fail (a stale tag hides a broken demo),
    a %check that did not pass. `cell` is the 1-based position in the notebook, `execution_count` Jupyter's In [n]."""
    found = []
    for i, cell in enumerate(nb.cells, start=1):
        source = _text(cell.get("source"))
        if cell.cell_type != "code" or not source.strip():
            continue
        expected = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        failed = any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        output = cell_output(cell)
        if cell.get("execution_count") is None:
            what = "not executed"
        elif failed and not expected:
            what = "unexpected error"
        elif expected and not failed:
            what = "tagged raises-exception but did not fail"
        elif CHECK_MAGIC.search(source) and not any(p in output for p in CHECK_PASSED):
            what = "%check did not pass"
        else:
            continue
        found.append({"cell": i, "execution_count": cell.get("execution_count"), "problem": what,
                      "source": source.strip().splitlines()[0][:120], "output": output})
    return found


def describe(name, p):
    """One problem in a failure message: the notebook, the cell, what is wrong and the cell's output."""
    where = "%s cell %d%s" % (name, p["cell"], " (In [%s])" % p["execution_count"] if p["execution_count"] else "")
    body = "\n".join("    | " + l for l in p["output"].splitlines()) or "    | (no output)"
    return "%s: %s — `%s`\n%s" % (where, p["problem"], p["source"], body)


def execute(path, lang):
    """Executes one notebook; returns (notebook, problem or None)."""
    nb = nbformat.read(str(path), as_version=4)
    os.environ["KUBELAB_LANG"] = nb.metadata.get("kubelab", {}).get("lang", lang)
    # each notebook gets a fresh cluster: its own KUBELAB_HOME, so no etcd data survives from the previous notebook
    home = tempfile.mkdtemp(prefix="kubelab-handout-home-")
    os.environ["KUBELAB_HOME"] = home
    # the scheduler's tie-breaking pinned, so that handouts can be diffed: pods land on the same nodes from run to run
    # (unless a pod is scheduled while others still are, as right after %cluster up: then the ties themselves differ)
    os.environ.setdefault("KUBELAB_SCHEDULER_SEED", "1")
    client = NotebookClient(nb, kernel_name="kubelab", timeout=CELL_TIMEOUT, allow_errors=True,
                            startup_timeout=120, resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
        return nb, None
    except CellTimeoutError as e:
        return nb, "cell timed out after %ss: %s" % (CELL_TIMEOUT, str(e).splitlines()[0] if str(e) else "")
    except DeadKernelError as e:
        return nb, "kernel died: %s" % (str(e).splitlines()[0] if str(e) else "no details")
    except Exception as e:  # kernel failed to start, …: one line per notebook, never a traceback
        return nb, "%s: %s" % (type(e).__name__, (str(e).splitlines() or [""])[0])
    finally:
        shutil.rmtree(home, ignore_errors=True)
        # execute() already stopped the kernel; nbclient's exit hook would only fail noisily after a failed start
        try:
            atexit.unregister(client._cleanup_kernel)
        except Exception:
            pass


def korean_font_missing():
    """True when fontconfig knows no font for Korean: Chromium would print Hangul as empty boxes."""
    try:
        out = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, timeout=10).stdout
        return not out.strip()
    except (OSError, subprocess.TimeoutExpired):
        return False


def to_pdf(html_file, pdf_file):
    if not os.path.exists(CHROMIUM):
        return None
    profile = tempfile.mkdtemp(prefix="kubelab-chromium-")
    try:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--user-data-dir=" + profile, "--print-to-pdf=" + str(pdf_file), "--no-pdf-header-footer",
               # let MathJax finish loading first: printed at the load event, every page-1 carried its
               # "Loading [MathJax]/extensions/Safe.js" box
               "--virtual-time-budget=10000",
               html_file.resolve().as_uri()]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
        return pdf_file if pdf_file.exists() and pdf_file.stat().st_size > 0 else None
    except subprocess.TimeoutExpired:
        return None
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def shown(path, root):
    """A path relative to the repository when inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_waiting(path):
    """notebooks/WAITING.md: `- NN-name.ipynb: reason` lines for notebooks that wait for a feature (not executed)."""
    waiting = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^- `?([\w.-]+\.ipynb)`?: (.+)$", line.strip())
            if m:
                waiting[m.group(1)] = m.group(2)
    return waiting


def selected(lang, name, selectors):
    for sel in selectors:
        want, _, glob = sel.rpartition("/")
        glob = glob if glob.endswith(".ipynb") else glob + "*.ipynb"
        if want in ("", lang) and fnmatch.fnmatch(name, glob):
            return True
    return False


def exit_with_parent():
    """No orphans: when whoever started us (a test JVM, a shell) is gone, even after SIGKILL, stop; the kernel,
    which exits with its parent, and its cluster follow."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        if os.environ.get("KUBELAB_HOME", "").startswith(tempfile.gettempdir() + "/kubelab-handout-home-"):
            shutil.rmtree(os.environ["KUBELAB_HOME"], ignore_errors=True)  # the running notebook's cluster data
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="repository root")
    ap.add_argument("--lang", choices=LANGS, help="only this language")
    ap.add_argument("--out", help="output directory (default: ROOT/target/handouts)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF step")
    ap.add_argument("--report", help="also write the rows, times and problems as JSON to this file")
    ap.add_argument("selectors", nargs="*", default=["*"], metavar="[LANG/]GLOB",
                    help="notebook file name globs, optionally for one language: 04-*, en/08-* (default: all)")
    args = ap.parse_args()
    exit_with_parent()

    root = Path(args.root).resolve()
    out_root = Path(args.out).resolve() if args.out else root / "target" / "handouts"
    notebooks = [(lang, p) for lang in LANGS if args.lang in (None, lang)
                 for p in sorted((root / "notebooks" / lang).glob("*.ipynb")) if selected(lang, p.name, args.selectors)]
    if not notebooks:
        print("handouts: no notebook matches %s" % " ".join(args.selectors), file=sys.stderr)
        return 2

    if not args.no_pdf and os.path.exists(CHROMIUM) and any(l == "ko" for l, _ in notebooks) and korean_font_missing():
        print("handouts: no Korean font for Chromium: Korean PDFs show boxes (install fonts-noto-cjk)", file=sys.stderr)
    exporter = HTMLExporter()
    rows, report, failed = [], [], False
    print("%-4s %-40s %6s %8s %8s  %s" % ("lang", "notebook", "cells", "seconds", "problems", "handout"), flush=True)
    waiting = read_waiting(root / "notebooks" / "WAITING.md")
    for lang, path in notebooks:
        if path.name in waiting:
            # not executed: it needs a feature the default provider lacks; said in the table and the index
            rows.append((lang, path.name, None, None, "waiting: " + waiting[path.name]))
            report.append({"lang": lang, "notebook": path.name, "status": "waiting", "reason": waiting[path.name]})
            print("%-4s %-40s %6s %8s %8s  %s" % (lang, path.name, "-", "-", "-", "waiting: " + waiting[path.name]), flush=True)
            continue
        start = time.monotonic()
        nb, problem = execute(path, lang)
        seconds = time.monotonic() - start
        found = problems(nb)
        for p in found:
            p["text"] = describe("%s/%s" % (lang, path.name), p)
        outdir = out_root / lang
        outdir.mkdir(parents=True, exist_ok=True)
        executed = outdir / path.name
        nbformat.write(nb, str(executed))
        body, _ = exporter.from_notebook_node(nb)
        html_file = executed.with_suffix(".html")
        html_file.write_text(body, encoding="utf-8")
        pdf = None if args.no_pdf else to_pdf(html_file, executed.with_suffix(".pdf"))
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        status = problem or ("; ".join("cell %d %s" % (p["cell"], p["problem"]) for p in found[:3]) if found else "ok")
        failed = failed or bool(problem) or bool(found)
        rows.append((lang, path.name, html_file, pdf, status))
        report.append({"lang": lang, "notebook": path.name, "status": "ok" if status == "ok" else "failed",
                       "seconds": round(seconds, 1), "code_cells": code_cells, "kernel_problem": problem,
                       "problems": found, "executed": str(executed), "html": str(html_file),
                       "pdf": str(pdf) if pdf else None})
        print("%-4s %-40s %6d %8.1f %8d  %s%s" % (lang, path.name, code_cells, seconds, len(found),
                                                  shown(html_file, root), "" if status == "ok" else "  " + status),
              flush=True)
        for p in found:
            print(p["text"], flush=True)

    items = "\n".join(
        "<li>[%s] %s%s — <i>%s</i></li>" % (lang, html.escape(name), "", html.escape(s)) if h is None else
        "<li>[%s] <a href=\"%s\">%s</a>%s%s</li>" % (
            lang, html.escape(str(h.relative_to(out_root))), html.escape(name),
            " · <a href=\"%s\">PDF</a>" % html.escape(str(p.relative_to(out_root))) if p else "",
            "" if s == "ok" else " — <b>%s</b>" % html.escape(s))
        for lang, name, h, p, s in rows)
    (out_root / "index.html").write_text(
        "<!doctype html><meta charset=\"utf-8\"><title>kubelab handouts</title>"
        "<h1>kubelab handouts</h1><ul>\n%s\n</ul>\n" % items, encoding="utf-8")
    print("handouts: %s" % (out_root / "index.html"), flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps({"notebooks": report}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
