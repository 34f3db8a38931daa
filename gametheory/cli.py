"""The ``gametheory`` command: paper figures, headline answers and sweeps from a case file.

::

    gametheory figures [--case FILE] [--out DIR] [--only NAME ...] [--list]
    gametheory solve [--case FILE]
    gametheory sweep [--case FILE] --grid PARAM=START:STOP:N [...] --out FILE.csv
    gametheory case [--case FILE]            # print the case with the source of each value

``make figures`` runs ``gametheory figures``. A case file is TOML (see
:mod:`gametheory.cases`; the built-in default is ``gametheory/cases/default.toml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]

_CASE_HELP = ("TOML case file with the scenario's parameters (default: the built-in default "
              "case, gametheory/cases/default.toml); sections and keys it leaves out keep "
              "the default values")


def _fail(msg: str) -> int:
    print(f"gametheory: error: {msg}", file=sys.stderr)
    return 2


# --------------------------------------------------------------------------- figures
def _figures(args) -> int:
    from . import pipeline

    if args.list:
        for name, prod in pipeline.load().items():
            print(f"{prod.kind:6s} {name:40s} {prod.description}")
        return 0
    paths = pipeline.run(args.out, args.only, case=args.case, jobs=args.jobs)
    print(f"wrote {len(paths)} files under {args.out}/")
    return 0


# --------------------------------------------------------------------------- solve
def _fmt(x) -> str:
    return f"{x:,.2f}".replace("-", "−")


def _solve(args) -> int:
    from .cases import load_case
    from .models.cluster import MECHANISMS

    case = load_case(args.case)
    model = case.cluster()
    r = model.solve()
    p = model.params()

    def show(v):
        return f"{v:g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    print(f"case: {case.name} ({case.path})")
    print("model: ClusterVsScattered (M0) — " + ", ".join(
        f"{k}={show(v)}" for k, v in p.items() if v is not None))
    print()
    st = r.stability
    print(f"regime:               {r.regime} (code {r.regime_code})")
    print(f"scattered entry m_U:  {r.scattered.m} entrants (free entry), national surplus "
          f"V_U = {_fmt(r.scattered.national_surplus)}")
    print(f"cluster entry m_C:    {r.cluster.m} entrants ({len(r.cluster.cluster_entrants)} "
          f"members sent, {len(r.cluster.own_entrants)} on their own), national surplus "
          f"V_C = {_fmt(r.cluster.national_surplus)}")
    print(f"equilibrium cluster:  {len(r.cluster.members)} members of {model.n} "
          f"(internally {'stable' if st.internal else 'unstable'}, externally "
          f"{'stable' if st.external else 'unstable'}; split "
          f"{'in' if st.in_core else 'not in'} the core, least-core ε = "
          f"{_fmt(st.least_core_epsilon)})")
    print(f"gain V_C − V_U:       {_fmt(r.gain)} (organising cost {_fmt(r.organising_cost)})")
    print(f"coordination role:    {r.coordination_role}")
    print()
    print("decomposition (Shapley value of the mechanism game; sums to the gain plus the "
          "organising cost):")
    width = max(len(k) for k in MECHANISMS)
    for k, v in zip(MECHANISMS, r.decomposition):
        own = r.dividends.get(frozenset([k]), 0.0)
        print(f"  {k:<{width}}  {_fmt(float(v)):>10}   (own effect {_fmt(own)})")
    print(f"  {'sum':<{width}}  {_fmt(float(sum(r.decomposition))):>10}")
    return 0


# --------------------------------------------------------------------------- sweep
def _sweep(args) -> int:
    from . import sweep
    from .cases import load_case
    from .sweep.space import parse_range

    case = load_case(args.case)
    model = case.cluster()
    axes = {}
    for spec in args.grid:
        name, values = parse_range(spec)
        if name in axes:
            return _fail(f"--grid names {name!r} twice")
        axes[name] = values
    out = Path(args.out)
    if out.suffix not in (".csv", ".parquet"):
        return _fail(f"--out must end in .csv or .parquet, got {str(out)!r}")
    method = {"headline": sweep.targets.headline, "decomposition": sweep.targets.decomposition,
              "full": sweep.targets.full}[args.outputs]
    client = None
    if args.scheduler:
        from distributed import Client

        client = Client(args.scheduler)
    try:
        res = sweep.grid(model, axes, method=method, n_jobs=args.jobs, client=client,
                         progress=not args.quiet)
    finally:
        if client is not None:
            client.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        res.frame.to_csv(out, index=False)
    else:
        try:
            res.frame.to_parquet(out, index=False)
        except ImportError:
            return _fail("writing Parquet needs pyarrow: pip install 'gametheory[parquet]' "
                         "(or write --out FILE.csv)")
    print(f"{res!r}\nwrote {len(res.frame)} rows to {out}")
    return 0 if res.n_failed == 0 else 1


# --------------------------------------------------------------------------- case
def _case(args) -> int:
    from .cases import SECTIONS, load_case

    case = load_case(args.case)
    print(f"# case {case.name!r} from {case.path}")
    for section in SECTIONS:
        vals, srcs = case.section(section), case.sources(section)
        if not vals:
            continue
        print(f"\n[{section}]")
        for k, v in vals.items():
            note = f"   # {srcs[k]}" if k in srcs else ""
            print(f"{k} = {v!r}{note}")
    return 0


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="gametheory",
        description="Game-theoretic models of clustered outward FDI: regenerate the paper's "
                    "figures, print the headline answers of a case, sweep a grid of "
                    "parameters. Parameters come from a TOML case file (--case).")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    f = sub.add_parser("figures", help="regenerate the paper's figures, tables and results text",
                       description="Write every figure (PDF and PNG), table (CSV and Markdown) "
                                   "and the results text of the paper for a case "
                                   "(what `make figures` runs).")
    f.add_argument("--case", metavar="FILE", help=_CASE_HELP)
    f.add_argument("--out", default="paper", metavar="DIR",
                   help="output folder; figures/ and tables/ are written inside (default: paper)")
    f.add_argument("--only", nargs="+", metavar="NAME",
                   help="make only these products (names from --list)")
    f.add_argument("--list", action="store_true", help="list the products and exit")
    f.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes making products side by side (default: 2, at most "
                        "the CPU count; 1: one after another in this process)")
    f.set_defaults(func=_figures)

    s = sub.add_parser("solve", help="print the headline answers of a case (integrated model)",
                       description="Solve the integrated model (ClusterVsScattered) of a case "
                                   "and print its regime, the entrants both ways (free entry "
                                   "m_U and the cluster's choice m_C), the cluster's gain "
                                   "V_C - V_U and its decomposition by mechanism.")
    s.add_argument("--case", metavar="FILE", help=_CASE_HELP)
    s.set_defaults(func=_solve)

    w = sub.add_parser("sweep", help="evaluate the integrated model over a grid of parameters",
                       description="Evaluate the integrated model of a case at every point of a "
                                   "grid and write one row per point (inputs, outputs, error) "
                                   "to CSV or Parquet.")
    w.add_argument("--case", metavar="FILE", help=_CASE_HELP)
    w.add_argument("--grid", action="append", required=True, metavar="PARAM=START:STOP:N",
                   help="a parameter and its values: N evenly spaced values from START to "
                        "STOP (integers when START and STOP are; e.g. k=1:4:4), or a list "
                        "PARAM=v1,v2,...; repeat --grid for more parameters (the first varies "
                        "slowest)")
    w.add_argument("--out", required=True, metavar="FILE",
                   help="output table, FILE.csv or FILE.parquet")
    w.add_argument("--outputs", choices=("headline", "decomposition", "full"),
                   default="headline",
                   help="headline: regime, m_U, m_C, V_U, V_C, gain, dissipation (fast); "
                        "decomposition: each mechanism's share of the gain; full: both "
                        "(default: headline)")
    w.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="local worker processes (default: 1, this process)")
    w.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster: the scheduler's address (tcp://host:8786)")
    w.add_argument("--quiet", action="store_true", help="no progress bar")
    w.set_defaults(func=_sweep)

    c = sub.add_parser("case", help="print a case with the source of each value",
                       description="Validate a case file and print every parameter (the "
                                   "default case's where the file is silent) with its source.")
    c.add_argument("--case", metavar="FILE", help=_CASE_HELP)
    c.set_defaults(func=_case)
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        return _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
