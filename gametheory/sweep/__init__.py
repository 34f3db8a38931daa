"""Sweeps: evaluate any model method or function over a parameter grid or Monte Carlo draws.

The answers of this toolkit are regions of parameter space and how robust they are. A
sweep evaluates a target at many points and returns a tidy table (one row per point),
plus an ``xarray.Dataset`` for grids, ready for pandas, for the figure functions and for
:mod:`gametheory.sweep.sensitivity`::

    import numpy as np
    import gametheory as gt
    from gametheory import sweep

    res = sweep.grid(gt.ClusterVsScattered(), {"F": np.linspace(5, 300, 60), "k": [1, 2, 3]},
                     method=sweep.targets.headline)
    res.frame                     # pandas: F, k, regime, m_U, m_C, V_U, V_C, gain, …, error
    res.to_xarray()               # dims (F, k)

    draws = {"R": sweep.Uniform(5, 12, size=20)}      # one profit per firm, 20 firms
    mc = sweep.monte_carlo(my_function, draws, n_draws=1000, seed=1, n_jobs=2)

One code path runs in this process (``n_jobs=1``), on local processes (``n_jobs=k``) or
on a Dask cluster (``client=dask.distributed.Client(...)``); the points (and each
point's random generator) are fixed before any work is split, so the table is identical
whatever the number of workers. A point that fails is recorded in its row (``error``),
never lost and never fatal. Integer parameters (``k``, ``n``) can be swept.

Bad input — an unknown parameter, a range with no points, a distribution with invalid
parameters, a closed Dask client — raises ``ValueError`` naming it before any work.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Mapping

import numpy as np

from . import targets
from .result import SweepResult
from .run import Evaluator, check_client, execute
from .space import Choice, LogNormal, Normal, Uniform, draw_points, grid_points, parse_range

__all__ = ["grid", "monte_carlo", "decomposition_map", "evaluate_points", "SweepResult",
           "Uniform", "Normal", "LogNormal", "Choice", "parse_range", "targets"]


# --------------------------------------------------------------------------- checks
def _parameters(target) -> tuple[dict | None, bool]:
    """``(known parameters with their base values or None, accepts anything)``."""
    if hasattr(target, "replace") and hasattr(target, "params"):
        return dict(target.params()), False
    if not callable(target):
        raise ValueError(f"target must be a model or a function, got {type(target).__name__}")
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return None, True
    if any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values()):
        return None, True
    return {k: (None if p.default is p.empty else p.default)
            for k, p in sig.parameters.items()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}, False


def _check_names(target, names, what: str) -> dict | None:
    known, anything = _parameters(target)
    if anything:
        return None
    bad = [n for n in names if n not in known or n == "rng"]
    if bad:
        raise ValueError(f"unknown parameter {bad[0]!r} in {what}; "
                         f"{type(target).__name__ if known is not None else 'target'} "
                         f"takes: {', '.join(k for k in known if k != 'rng')}")
    return known


def _integer_axes(lists: dict, known: dict | None) -> dict:
    """Cast whole-number values of integer parameters (``k``, ``n`` …) to ``int``."""
    if not known:
        return lists
    out = {}
    for name, vals in lists.items():
        base = known.get(name)
        if isinstance(base, (int, np.integer)) and not isinstance(base, (bool, np.bool_)):
            cast = []
            for v in vals:
                try:
                    iv = operator.index(v) if not isinstance(v, float) else int(v)
                except TypeError:
                    raise ValueError(f"{name} is a whole number; its grid holds {v!r}") from None
                if isinstance(v, float) and v != iv:
                    raise ValueError(f"{name} is a whole number; its grid holds {v!r}")
                cast.append(iv)
            out[name] = cast
        else:
            out[name] = vals
    return out


# --------------------------------------------------------------------------- building
def _frame(points: list[dict], records: list[dict]):
    import pandas as pd

    rows, vector_inputs = [], {}
    for pt in points:
        row = {}
        for k, v in pt.items():
            if isinstance(v, np.ndarray):
                vector_inputs[k] = v.size
                for i, x in enumerate(v.tolist()):
                    row[f"{k}[{i}]"] = x
            else:
                row[k] = v
        rows.append(row)
    inputs = list(rows[0]) if rows else []
    out_cols: list[str] = []
    seen = set(inputs)
    for rec in records:
        for k in rec:
            if k not in seen and k != "error":
                seen.add(k)
                out_cols.append(k)
    data = []
    for row, rec in zip(rows, records):
        full = dict(row)
        for k in out_cols:
            full[k] = rec.get(k, None)
        full["error"] = rec.get("error")
        data.append(full)
    frame = pd.DataFrame(data, columns=[*inputs, *out_cols, "error"])
    frame["error"] = frame["error"].astype(object).where(frame["error"].notna(), None)
    for col in out_cols:  # a column with failed points: numbers stay numbers (NaN)
        if frame[col].dtype == object and frame[col].map(
                lambda x: x is None or isinstance(x, (int, float, np.number))
                and not isinstance(x, bool)).all():
            frame[col] = pd.to_numeric(frame[col])
    return frame, inputs, out_cols


def evaluate_points(target, points: list[dict], *, method=None, outputs=None,
                    vectorized: bool = False, seed=0, n_jobs: int = 1, client=None,
                    chunksize: int | None = None, progress=None, axes=None,
                    what: str = "points") -> SweepResult:
    """Evaluate ``target`` at the given points (dicts of parameter values); the engine
    behind :func:`grid`, :func:`monte_carlo` and :mod:`gametheory.sweep.sensitivity`."""
    if client is not None:
        check_client(client)
    names = list(points[0]) if points else []
    _check_names(target, names, what)
    if vectorized and (hasattr(target, "replace") and hasattr(target, "params")):
        raise ValueError("vectorized=True needs a function target that takes arrays, "
                         "not a model")
    if isinstance(method, str):
        name = method
    elif method is not None:
        name = getattr(method, "__name__", "value")
    else:
        name = "solve" if hasattr(target, "replace") else getattr(target, "__name__", "value")
    ev = Evaluator(target, method=method, outputs=outputs, vectorized=vectorized,
                   name=name if name != "<lambda>" else "value")
    records, info = execute(ev, points, seed=seed, n_jobs=n_jobs, client=client,
                            chunksize=chunksize, progress=progress)
    frame, inputs, outs = _frame(points, records)
    return SweepResult(frame, inputs, outs, axes=axes, info={**info, "seed": seed})


def grid(target, axes: Mapping, *, method=None, outputs=None, vectorized: bool = False,
         n_jobs: int = 1, client=None, chunksize: int | None = None, progress=None,
         seed=0) -> SweepResult:
    """Evaluate ``target`` at every point of a parameter grid.

    Parameters
    ----------
    target : Model or callable
        A model: at each point ``target.replace(**point)`` (validated like the model) and
        then ``method``. A function: called as ``target(**point)`` (with ``rng=`` a seeded
        generator if it takes an ``rng`` argument).
    axes : mapping
        ``{parameter: values}``; values are a sequence, an array, or a range string
        ``"START:STOP:N"``. Integer parameters of a model (``k``, ``n``) take whole numbers.
    method : str or callable, optional
        Model targets: a method name (default ``"solve"``) or ``f(model)``, e.g.
        :func:`gametheory.sweep.targets.headline`.
    outputs : None, str, sequence or mapping, optional
        Columns to keep (attribute paths such as ``"scattered.m"`` or
        ``{column: function(result)}``); default every scalar of the result.
    vectorized : bool
        The function takes arrays (one entry per point) and returns ``{column: array}``.
    n_jobs : int
        Local worker processes (1 = this process).
    client : dask.distributed.Client, optional
        Run the tasks on this Dask cluster instead.
    chunksize : int, optional
        Points per task (default: about eight tasks per worker, at most 500 points each).
    progress : bool, optional
        A tqdm progress bar; default on from :data:`~gametheory.sweep.run.PROGRESS_FROM`
        points (off under pytest).
    seed : int
        Seed of the per-point generators (function targets with an ``rng`` argument).

    Returns
    -------
    SweepResult
        ``.frame`` (pandas, one row per point, first axis slowest), ``.to_xarray()``.
    """
    if not isinstance(axes, Mapping) or not axes:
        raise ValueError("axes must be a non-empty mapping {parameter: values}")
    known = _check_names(target, [str(k) for k in axes], "axes")
    lists, _ = grid_points(axes)
    lists = _integer_axes(lists, known)
    _, points = grid_points(lists)
    return evaluate_points(target, points, method=method, outputs=outputs,
                           vectorized=vectorized, seed=seed, n_jobs=n_jobs, client=client,
                           chunksize=chunksize, progress=progress, axes=lists, what="axes")


def monte_carlo(target, draws: Mapping, n_draws: int, *, seed=0, fixed: Mapping | None = None,
                method=None, outputs=None, n_jobs: int = 1, client=None,
                chunksize: int | None = None, progress=None) -> SweepResult:
    """Evaluate ``target`` at ``n_draws`` random points (e.g. heterogeneous firms).

    ``draws`` maps parameters to distributions (:class:`Uniform`, :class:`Normal`,
    :class:`LogNormal`, :class:`Choice` or frozen ``scipy.stats`` distributions; with
    ``size=n`` a parameter is a vector of ``n`` values per draw, one per firm). ``fixed``
    adds parameters held at one value. All draws come from
    ``numpy.random.default_rng(seed)`` in the calling process, so the result does not
    depend on ``n_jobs`` or the cluster. Other arguments as in :func:`grid`; the table
    has one row per draw, vector inputs as ``R[0] … R[n−1]``.
    """
    if not isinstance(draws, Mapping) or not draws:
        raise ValueError("draws must be a non-empty mapping {parameter: distribution}")
    fixed = dict(fixed or {})
    _check_names(target, [str(k) for k in (*draws, *fixed)], "draws")
    if client is not None:
        check_client(client)
    points = draw_points(draws, n_draws, seed)
    if fixed:
        points = [{**fixed, **p} for p in points]
    return evaluate_points(target, points, method=method, outputs=outputs, seed=seed,
                           n_jobs=n_jobs, client=client, chunksize=chunksize,
                           progress=progress, what="draws")


def decomposition_map(model, axes: Mapping, **kwargs) -> SweepResult:
    """Each mechanism's Shapley share of the cluster's gain over a grid (integrated model).

    A :func:`grid` sweep of :func:`gametheory.sweep.targets.decomposition`: one column per
    mechanism and ``gain``; draw it with :func:`gametheory.plotting.plot_decomposition_map`.
    """
    return grid(model, axes, method=targets.decomposition, **kwargs)
