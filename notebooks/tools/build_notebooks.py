#!/usr/bin/python3
"""Builds notebooks/{ko,en}/NN-name.ipynb from one source per notebook (notebooks/tools/curriculum/nbNN.py).

Each source lists its cells once: code cells (shared by both languages, so ko and en can never drift apart) and
markdown cells with a Korean and an English text. Notebooks are written without outputs.

    /usr/bin/python3 notebooks/tools/build_notebooks.py          # (re)write every notebook
    /usr/bin/python3 notebooks/tools/build_notebooks.py --check  # exit 1 when a stored notebook differs from its source

Needs nbformat (Debian's python3 has it; the pyenv python3 first on PATH does not).
"""
import argparse
import importlib.util
import sys
import textwrap
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
LANGS = ("ko", "en")

METADATA = {
    "kernelspec": {"display_name": "Java · Kubernetes lab", "language": "java", "name": "kubelab"},
    "language_info": {"codemirror_mode": "text/x-java", "file_extension": ".jshell", "mimetype": "text/x-java",
                      "name": "java", "pygments_lexer": "java"},
}


class Md:
    def __init__(self, ko, en):
        self.ko = textwrap.dedent(ko).strip("\n")
        self.en = textwrap.dedent(en).strip("\n")


class Code:
    def __init__(self, source, tags=(), hidden=False):
        self.source = textwrap.dedent(source).strip("\n")
        self.tags = list(tags)
        self.hidden = hidden


def md(ko, en):
    """A markdown cell: Korean and English text, written separately (not translated line by line)."""
    return Md(ko, en)


def code(source, tags=()):
    """A code cell, identical in both languages."""
    return Code(source, tags)


def fails(source):
    """A code cell that is expected to fail (tagged raises-exception so the handout builder accepts the error)."""
    return Code(source, ("raises-exception",))


def solution(source):
    """An exercise's solution: its own cell, collapsed in Jupyter (source_hidden) and tagged 'solution'."""
    return Code(source, ("solution",), hidden=True)


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    module.__dict__.update(md=md, code=code, fails=fails, solution=solution)
    spec.loader.exec_module(module)
    return module


def build(module, lang):
    nb = nbformat.v4.new_notebook()
    nb.metadata = dict(METADATA, kubelab={"lang": lang})
    prefix = module.NAME.split("-")[0]
    for i, cell in enumerate(module.CELLS):
        cid = "nb%s-%02d" % (prefix, i)
        if isinstance(cell, Md):
            nb.cells.append(nbformat.v4.new_markdown_cell(getattr(cell, lang), id=cid))
        else:
            c = nbformat.v4.new_code_cell(cell.source, id=cid)
            if cell.tags:
                c.metadata["tags"] = cell.tags
            if cell.hidden:
                c.metadata["jupyter"] = {"source_hidden": True}
            nb.cells.append(c)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 when a notebook is out of date")
    args = ap.parse_args()
    stale = []
    for src in sorted((HERE / "curriculum").glob("nb*.py")):
        module = load(src)
        for lang in LANGS:
            target = NOTEBOOKS / lang / (module.NAME + ".ipynb")
            text = build(module, lang)
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current != text:
                stale.append(str(target.relative_to(NOTEBOOKS.parent)))
                if not args.check:
                    target.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("out of date (run notebooks/tools/build_notebooks.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    for s in stale:
        print("wrote " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
