#!/usr/bin/env python3
"""Executes the kubelab notebooks with the 'kubelab' kernel and writes handouts.

Run by `./kubelab handouts` with Debian's python3 (it has nbclient/nbconvert). For every notebook under
notebooks/{ko,en}/ (optionally only one language, optionally filtered by a glob on the file name):
  - execute it with nbclient (kernel 'kubelab', working directory = the notebook's directory,
    KUBELAB_LANG = the notebook's metadata.kubelab.lang),
  - write the executed .ipynb and an HTML handout (nbconvert) to target/handouts/<lang>/,
  - print it to PDF with headless Chromium when /usr/bin/chromium exists,
then write target/handouts/index.html and print one row per notebook. Exit status 1 when a cell errored
(cells tagged 'raises-exception' are expected to), the kernel died or a cell timed out.
"""
import argparse
import atexit
import fnmatch
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

LANGS = ("ko", "en")
CHROMIUM = "/usr/bin/chromium"
CELL_TIMEOUT = int(os.environ.get("KUBELAB_CELL_TIMEOUT", "600"))


def unexpected_errors(nb):
    """Error outputs of cells that are not tagged raises-exception: (cell index, 'Name: value')."""
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append((i, "%s: %s" % (out.get("ename"), out.get("evalue"))))
    return found


def execute(path, lang):
    """Executes one notebook; returns (notebook, problem or None)."""
    nb = nbformat.read(str(path), as_version=4)
    os.environ["KUBELAB_LANG"] = nb.metadata.get("kubelab", {}).get("lang", lang)
    # each notebook gets a fresh cluster: its own KUBELAB_HOME, so no etcd data survives from the previous notebook
    home = tempfile.mkdtemp(prefix="kubelab-handout-home-")
    os.environ["KUBELAB_HOME"] = home
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="repository root")
    ap.add_argument("--lang", choices=LANGS, help="only this language")
    ap.add_argument("--out", help="output directory (default: ROOT/target/handouts)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF step")
    ap.add_argument("glob", nargs="?", default="*.ipynb", help="notebook file name glob (default: all)")
    args = ap.parse_args()

    root = Path(args.root).resolve()
    out_root = Path(args.out).resolve() if args.out else root / "target" / "handouts"
    pattern = args.glob if args.glob.endswith(".ipynb") else args.glob + "*.ipynb"
    notebooks = [(lang, p) for lang in LANGS if args.lang in (None, lang)
                 for p in sorted((root / "notebooks" / lang).glob("*.ipynb")) if fnmatch.fnmatch(p.name, pattern)]
    if not notebooks:
        print("handouts: no notebook matches %r" % args.glob, file=sys.stderr)
        return 2

    if not args.no_pdf and os.path.exists(CHROMIUM) and any(l == "ko" for l, _ in notebooks) and korean_font_missing():
        print("handouts: no Korean font for Chromium: Korean PDFs show boxes (install fonts-noto-cjk)", file=sys.stderr)
    exporter = HTMLExporter()
    rows, failed = [], False
    print("%-4s %-40s %6s %8s %7s  %s" % ("lang", "notebook", "cells", "seconds", "errors", "handout"), flush=True)
    waiting = read_waiting(root / "notebooks" / "WAITING.md")
    for lang, path in notebooks:
        if path.name in waiting:
            # not executed: it needs a feature the default provider lacks; said in the table and the index
            rows.append((lang, path.name, None, None, "waiting: " + waiting[path.name]))
            print("%-4s %-40s %6s %8s %7s  %s" % (lang, path.name, "-", "-", "-", "waiting: " + waiting[path.name]), flush=True)
            continue
        start = time.monotonic()
        nb, problem = execute(path, lang)
        seconds = time.monotonic() - start
        errors = unexpected_errors(nb)
        outdir = out_root / lang
        outdir.mkdir(parents=True, exist_ok=True)
        executed = outdir / path.name
        nbformat.write(nb, str(executed))
        body, _ = exporter.from_notebook_node(nb)
        html_file = executed.with_suffix(".html")
        html_file.write_text(body, encoding="utf-8")
        pdf = None if args.no_pdf else to_pdf(html_file, executed.with_suffix(".pdf"))
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        status = problem or ("; ".join("cell %d %s" % e for e in errors[:3]) if errors else "ok")
        failed = failed or bool(problem) or bool(errors)
        rows.append((lang, path.name, html_file, pdf, status))
        print("%-4s %-40s %6d %8.1f %7d  %s%s" % (lang, path.name, code_cells, seconds, len(errors),
                                                  shown(html_file, root), "" if status == "ok" else "  " + status),
              flush=True)

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
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
