"""The figure and table registry behind ``make figures``.

Each module in :data:`MODULES` registers producers with :func:`figure`,
:func:`table` or :func:`text`; ``python -m gametheory.pipeline`` runs them all on the
built-in default case and writes ``paper/figures/*.pdf|png``, ``paper/tables/*.csv|md``
and ``paper/*.md`` (the results text, every number computed).
Nothing in the package imports this module.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Registry modules, one per topic; each owns its figures.
MODULES = ("cost_sharing", "entry", "sharing", "cluster", "dissipation", "value_chain",
           "organisation", "policy", "results", "sensitivity", "pioneers", "dynamics")


@dataclass(frozen=True)
class Product:
    name: str
    kind: str  # "figure", "table" or "text"
    func: Callable
    description: str
    group: str | None = None  # products of a group share cached helpers: one worker makes them


REGISTRY: dict[str, Product] = {}


def figure(name: str, description: str, group: str | None = None):
    """Register ``func() -> matplotlib.figure.Figure`` as paper figure ``name``.

    ``group``: products naming the same group reuse cached helpers (computed once per
    process), so a parallel :func:`run` makes them one after another in one worker."""
    def deco(func):
        REGISTRY[name] = Product(name, "figure", func, description, group)
        return func
    return deco


def table(name: str, description: str, group: str | None = None):
    """Register ``func() -> (header, rows)`` as paper table ``name`` (CSV and Markdown);
    ``group`` as in :func:`figure`."""
    def deco(func):
        REGISTRY[name] = Product(name, "table", func, description, group)
        return func
    return deco


def text(name: str, description: str, group: str | None = None):
    """Register ``func() -> str`` (Markdown) as paper text ``name`` (written as ``name.md``);
    ``group`` as in :func:`figure`."""
    def deco(func):
        REGISTRY[name] = Product(name, "text", func, description, group)
        return func
    return deco


# --------------------------------------------------------------------------- the case
_CASE = None          # the case set with use_case (None: the built-in default case)
_DEFAULT_CASE = None  # the built-in default case, read once
_BUILT_WITH = None    # the case the registry modules read when they were imported


def use_case(case=None):
    """Make ``case`` (a path to a TOML case file, a :class:`gametheory.cases.Case`, or
    None for the built-in default) the case the producers use; returns the case.

    Registry modules read their parameters when imported (:func:`case_section`);
    :func:`load` re-imports them when the case has changed since.
    """
    global _CASE
    from ..cases import load_case

    _CASE = None if case is None else load_case(case)
    return current_case()


def current_case():
    """The case the producers use (see :func:`use_case`)."""
    global _DEFAULT_CASE
    if _CASE is not None:
        return _CASE
    if _DEFAULT_CASE is None:
        from ..cases import default_case

        _DEFAULT_CASE = default_case()
    return _DEFAULT_CASE


def case_section(name: str) -> dict:
    """The parameters of section ``name`` of the current case: what registry modules read."""
    global _BUILT_WITH
    case = current_case()
    _BUILT_WITH = case
    return case.section(name)


def load() -> dict[str, Product]:
    """Import every registry module (again, if the case changed) and return the registry."""
    stale = _BUILT_WITH is not None and _BUILT_WITH is not current_case()
    for mod in MODULES:
        name = f"{__name__}.{mod}"
        if stale and name in sys.modules:
            importlib.reload(sys.modules[name])
        else:
            importlib.import_module(name)
    # in the order of MODULES (then of definition), whatever order they were imported in
    # (a test or notebook may import one module before the others): the manifest and the
    # run order do not depend on it
    rank = {f"{__name__}.{mod}": i for i, mod in enumerate(MODULES)}
    order = sorted(REGISTRY.values(), key=lambda p: rank.get(p.func.__module__, len(rank)))
    ordered = {p.name: p for p in order}  # sorted() is stable: definition order kept
    REGISTRY.clear()
    REGISTRY.update(ordered)
    return REGISTRY


#: Significant digits of the numbers in the CSV tables: enough for every figure the paper
#: quotes, few enough that float noise (19.99999999999997) never reaches a file.
CSV_DIGITS = 12


def _csv_cell(x):
    """A table cell for CSV: floats rounded to :data:`CSV_DIGITS` significant digits."""
    if isinstance(x, (bool, str)) or x is None:
        return x
    try:
        import numpy as np

        if isinstance(x, np.generic):
            x = x.item()
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            return x
        text = f"{x:.{CSV_DIGITS}g}"
        return "0" if text == "-0" else text
    return x


def _write_table(header, rows, stem: Path) -> list[Path]:
    import csv

    with open(stem.with_suffix(".csv"), "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([_csv_cell(c) for c in row] for row in rows)
    def cell(x):
        return f"{x:.6g}" if isinstance(x, float) else str(x)
    md = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    md += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    stem.with_suffix(".md").write_text("\n".join(md) + "\n")
    return [stem.with_suffix(".csv"), stem.with_suffix(".md")]


#: Worker processes of :func:`run` by default (at most the machine's CPU count).
DEFAULT_JOBS = 2


def run(out: str | Path = "paper", only: list[str] | None = None,
        verbose: bool = True, case=None, jobs: int | None = None) -> list[Path]:
    """Produce every registered figure and table (or those named in ``only``) under ``out``.

    ``case``: a case file (path or :class:`gametheory.cases.Case`) to use for this run
    instead of the current case (by default the built-in one); the current case is
    restored afterwards.

    ``jobs``: worker processes that make products side by side (default
    :data:`DEFAULT_JOBS`, at most the number of CPUs; 1: one after another in this
    process). Products are independent and written without timestamps, so the files
    are the same either way; the listing and ``MANIFEST.md`` keep the registry's order.
    The products of a ``group`` go to one worker together (groups first: they are the
    longest tasks), the others one by one.
    """
    global _CASE
    if case is None:
        return _run(out, only, verbose, jobs)
    previous = _CASE
    use_case(case)
    try:
        return _run(out, only, verbose, jobs)
    finally:
        _CASE = previous


def _jobs(jobs, n_products: int) -> int:
    import os

    from .._validation import whole_number

    if jobs is None:
        jobs = min(DEFAULT_JOBS, os.cpu_count() or 1)
    jobs = whole_number(jobs, "jobs", 1)
    return max(1, min(jobs, n_products))


def _run(out, only, verbose, jobs=None) -> list[Path]:
    out = Path(out)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    registry = load()
    unknown = set(only or ()) - set(registry)
    if unknown:
        raise ValueError(f"unknown products {sorted(unknown)}; known: {sorted(registry)}")
    names = [name for name in registry if not only or name in only]
    jobs = _jobs(jobs, len(names))
    if jobs == 1:
        written = _finish(names, (_make(name, out) for name in names), registry, verbose)
    else:
        from concurrent.futures import ProcessPoolExecutor

        from ..sweep.run import _mp_context

        tasks: dict = {}  # ("group", g) or ("product", name) -> product names, in order
        for name in names:
            g = registry[name].group
            tasks.setdefault(("group", g) if g else ("product", name), []).append(name)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context(),
                                 initializer=_init_worker, initargs=(_CASE,)) as pool:
            # groups first (the longest tasks), then single products in registry order
            futures = {key: pool.submit(_make_all, tasks[key], out)
                       for key in sorted(tasks, key=lambda key: key[0] != "group")}
            where = {name: (key, i) for key, group in tasks.items()
                     for i, name in enumerate(group)}
            results = (futures[where[name][0]].result()[where[name][1]] for name in names)
            written = _finish(names, results, registry, verbose)
    if not only:
        written.append(_write_manifest(registry, out))
    return written


def _finish(names, results, registry, verbose) -> list[Path]:
    """The files of ``results`` (``(paths, seconds)`` of each product, in the order of
    ``names``), printing a line for each product as it comes."""
    written = []
    for name, (paths, secs) in zip(names, results, strict=True):
        written += paths
        if verbose:
            prod = registry[name]
            print(f"{prod.kind:6s} {name:40s} {secs:6.2f} s  {prod.description}", flush=True)
    return written


def _init_worker(case):
    """In a worker process: the parent's case, the registry built with it, Agg backend."""
    global _CASE
    import matplotlib

    matplotlib.use("Agg")
    _CASE = case
    load()


def _make_all(names: list[str], out: Path) -> list[tuple[list[Path], float]]:
    return [_make(name, out) for name in names]


def _make(name: str, out: Path) -> tuple[list[Path], float]:
    """Make product ``name`` of the registry under ``out``: its files and the seconds taken."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    prod = load()[name]
    t0 = time.perf_counter()
    written = []
    if prod.kind == "figure":
        from ..plotting.style import lean_font_subsets, paper_style

        fig = prod.func()
        for ext in ("pdf", "png"):
            path = out / "figures" / f"{name}.{ext}"
            # no timestamps: regenerating unchanged figures leaves the files unchanged;
            # saved in the paper style, so PDFs embed TrueType (Type 42) fonts (subsets
            # without layout tables, which PDF viewers do not read)
            meta = {"CreationDate": None} if ext == "pdf" else {}
            with paper_style(), lean_font_subsets():
                fig.savefig(path, dpi=150, bbox_inches="tight", metadata=meta)
            written.append(path)
        plt.close(fig)
    elif prod.kind == "text":
        path = out / f"{name}.md"
        path.write_text(prod.func())
        written.append(path)
    else:
        header, rows = prod.func()
        written += _write_table(header, rows, out / "tables" / name)
    return written, time.perf_counter() - t0


def _write_manifest(registry: dict[str, Product], out: Path) -> Path:
    """``MANIFEST.md``: every product, what it shows, and the function that makes it."""
    lines = ["# Generated figures and tables", "",
             "Written by `make figures` (`python -m gametheory.pipeline`); do not edit.", "",
             "| product | file | made by | what it shows |", "|---|---|---|---|"]
    for name, prod in registry.items():
        path = {"figure": f"figures/{name}.pdf", "table": f"tables/{name}.csv",
                "text": f"{name}.md"}[prod.kind]
        func = f"`{prod.func.__module__}.{prod.func.__name__}`"
        lines.append(f"| {name} | [{path}]({path}) | {func} | {prod.description} |")
    path = out / "MANIFEST.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Regenerate the paper's figures and tables.")
    parser.add_argument("--out", default="paper", help="output folder (default: paper)")
    parser.add_argument("--only", nargs="*", help="names of products to make")
    parser.add_argument("--list", action="store_true", help="list the products and exit")
    parser.add_argument("--case", metavar="FILE",
                        help="TOML case file (default: the built-in default case)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help=f"worker processes (default: {DEFAULT_JOBS}, at most the CPU "
                             "count; 1: serial, in this process)")
    args = parser.parse_args(argv)
    if args.list:
        for name, prod in load().items():
            print(f"{prod.kind:6s} {name:40s} {prod.description}")
        return 0
    paths = run(args.out, args.only, case=args.case, jobs=args.jobs)
    print(f"wrote {len(paths)} files under {args.out}/")
    return 0
