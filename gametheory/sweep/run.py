"""Evaluate a target at many points: in this process, on local processes, or on Dask.

The points are cut into chunks (tasks); each task evaluates its points one after the
other (or all at once for a vectorised target) and returns one record per point. The
same function runs the task whichever executor runs it:

* ``n_jobs=1`` (default) — in this process;
* ``n_jobs=k > 1`` — ``k`` local worker processes (:class:`concurrent.futures.ProcessPoolExecutor`;
  the target is sent with ``cloudpickle``, so lambdas and notebook functions work);
* ``client=`` a :class:`dask.distributed.Client` — tasks go to its cluster
  (``client.submit``), results come back in point order.

A point whose evaluation raises is recorded with the error's type and message in the
``error`` column (outputs missing); the sweep goes on. Inputs that would fail before any
work (an unknown parameter, an empty range, a closed client) raise ``ValueError`` first.
"""

from __future__ import annotations

import inspect
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Mapping

import numpy as np

from .._validation import whole_number

__all__ = ["Evaluator", "execute", "check_client"]

#: Sweeps with at least this many points show a progress bar unless ``progress=False``.
PROGRESS_FROM = 2000

_SCALAR = (bool, int, float, str, np.bool_, np.integer, np.floating)


def _attr_path(obj, path: str):
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, Mapping) else getattr(obj, part)
    return obj


def _as_columns(value, name: str) -> dict:
    """One evaluation's output as ``{column: scalar}``."""
    from .._results import ResultMixin
    from ..tables import flatten_record

    if isinstance(value, ResultMixin) or (hasattr(value, "__dataclass_fields__")
                                          and not isinstance(value, type)):
        return flatten_record(value)
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if isinstance(v, _SCALAR) or v is None:
                out[str(k)] = v.item() if isinstance(v, np.generic) else v
            elif isinstance(v, np.ndarray) and v.ndim == 0:
                out[str(k)] = v.item()
            elif hasattr(v, "__dataclass_fields__"):
                out.update(flatten_record(v, f"{k}."))
            elif isinstance(v, (np.ndarray, list, tuple)) and np.ndim(v) == 1:
                out.update(_as_columns(v, str(k)))
        return out
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, _SCALAR) or value is None:
        return {name: value.item() if isinstance(value, np.generic) else value}
    if isinstance(value, (tuple, list, np.ndarray)) and np.ndim(value) == 1:
        names = getattr(value, "names", None)
        if names is not None and len(names) == len(value):
            return {f"{name}[{n}]": float(v) for n, v in zip(names, value)}
        return {f"{name}[{i}]": (v.item() if isinstance(v, np.generic) else v)
                for i, v in enumerate(value)}
    raise TypeError(f"cannot turn a {type(value).__name__} into columns; pass outputs= "
                    "(names or functions of the result)")


class Evaluator:
    """What to compute at one point; pickled once and sent to the workers.

    Parameters
    ----------
    target : Model or callable
        A model (``target.replace(**point)`` then ``method``), or a function called as
        ``target(**point)``.
    method : str or callable, optional
        For a model: the name of the method to call (default ``"solve"``) or a function
        ``f(model)``. Ignored for a function target.
    outputs : None, str, sequence or mapping
        Columns to keep from each result: ``None`` (every scalar of the result, nested
        results flattened ``a.b``), attribute paths (``"scattered.m"``), or
        ``{column: path or function(result)}``.
    vectorized : bool
        The function target takes arrays (one per parameter, one entry per point) and
        returns ``{column: array}``; evaluated a chunk at a time.
    """

    def __init__(self, target, method=None, outputs=None, vectorized: bool = False,
                 name: str = "value"):
        self.target = target
        self.method = method
        self.outputs = outputs
        self.vectorized = bool(vectorized)
        self.name = name
        self.is_model = hasattr(target, "replace") and hasattr(target, "params")
        self.wants_rng = False
        if not self.is_model:
            try:
                self.wants_rng = "rng" in inspect.signature(target).parameters
            except (TypeError, ValueError):
                self.wants_rng = False

    # -------------------------------------------------------------- one point
    def _call(self, point: dict, seed):
        if self.is_model:
            model = self.target.replace(**point)
            method = self.method or "solve"
            if callable(method):
                return method(model)
            return getattr(model, method)()
        kw = dict(point)
        if self.wants_rng:
            kw["rng"] = np.random.default_rng(seed)
        return self.target(**kw)

    def _select(self, result) -> dict:
        out = self.outputs
        if out is None:
            return _as_columns(result, self.name)
        if isinstance(out, str):
            out = [out]
        if isinstance(out, Mapping):
            items = out.items()
        else:
            items = [(p, p) for p in out]
        cols = {}
        for col, how in items:
            val = how(result) if callable(how) else _attr_path(result, how)
            cols.update(_as_columns(val, str(col)))
        return cols

    def point(self, point: dict, seed) -> dict:
        try:
            return self._select(self._call(point, seed))
        except Exception as exc:  # noqa: BLE001 - a failing point is a result, not a crash
            return {"error": f"{type(exc).__name__}: {exc}"}

    # -------------------------------------------------------------- one task
    def chunk(self, points: list, seeds: list) -> list[dict]:
        if self.vectorized and points:
            try:
                arrays = {k: np.asarray([p[k] for p in points]) for k in points[0]}
                res = self.target(**arrays)
                if hasattr(res, "to_dict") and hasattr(res, "columns"):  # a DataFrame
                    res = {c: res[c].to_numpy() for c in res.columns}
                cols = {k: np.broadcast_to(np.asarray(v), (len(points),)) for k, v in
                        res.items()}
                return [{k: (v[i].item() if isinstance(v[i], np.generic) else v[i])
                         for k, v in cols.items()} for i in range(len(points))]
            except Exception:  # noqa: BLE001 - fall back point by point to find the culprit
                pass
            return [self._vector_point(p) for p in points]
        return [self.point(p, s) for p, s in zip(points, seeds)]

    def _vector_point(self, point: dict) -> dict:
        try:
            res = self.target(**{k: np.asarray([v]) for k, v in point.items()})
            return {k: np.asarray(v).ravel()[0].item() for k, v in res.items()}
        except Exception as exc:  # noqa: BLE001
            return {"error": f"{type(exc).__name__}: {exc}"}


def _run_task(evaluator: Evaluator, points: list, seeds: list) -> list[dict]:
    return evaluator.chunk(points, seeds)


def _run_pickled(payload: bytes) -> list[dict]:
    import cloudpickle

    evaluator, points, seeds = cloudpickle.loads(payload)
    return evaluator.chunk(points, seeds)


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods \
            and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["gametheory"])
        return ctx
    return multiprocessing.get_context("spawn")


def check_client(client) -> None:
    """``ValueError`` unless ``client`` is a running :class:`dask.distributed.Client`."""
    if not (hasattr(client, "submit") and hasattr(client, "gather")):
        raise ValueError(f"client must be a dask.distributed.Client, got {type(client).__name__}")
    status = getattr(client, "status", "running")
    if status != "running":
        raise ValueError(f"client is not running (status {status!r}): it was closed or never "
                         "connected; create a new dask.distributed.Client")


def _chunks(n: int, workers: int, chunksize: int | None) -> list[range]:
    if chunksize is None:
        chunksize = max(1, math.ceil(n / (8 * max(workers, 1))))
        chunksize = min(chunksize, 500)
    chunksize = whole_number(chunksize, "chunksize", 1)
    return [range(i, min(i + chunksize, n)) for i in range(0, n, chunksize)]


def _progress(total: int, progress):
    if progress is None:
        progress = total >= PROGRESS_FROM and "PYTEST_CURRENT_TEST" not in os.environ
    if not progress:
        return None
    from tqdm.std import tqdm

    return tqdm(total=total, unit="pt", desc="sweep", mininterval=0.5)


def execute(evaluator: Evaluator, points: list[dict], *, seed=0, n_jobs: int = 1,
            client=None, chunksize: int | None = None, progress=None) -> tuple[list, dict]:
    """Evaluate every point; return ``(records in point order, run info)``.

    ``seed`` makes the per-point generators (``rng`` argument of a function target): point
    ``i`` gets the child ``i`` of ``numpy.random.SeedSequence(seed)``, whoever runs it.
    """
    n_jobs = whole_number(n_jobs, "n_jobs", 1)
    if client is not None:
        check_client(client)
    n = len(points)
    seeds = np.random.SeedSequence(seed).spawn(n) if evaluator.wants_rng else [None] * n
    if client is not None:
        workers = max(1, len(getattr(client, "scheduler_info", lambda: {})().get("workers", {})))
        backend = f"dask ({workers} workers)"
    elif n_jobs > 1:
        workers, backend = n_jobs, f"{n_jobs} processes"
    else:
        workers, backend = 1, "in-process"
    tasks = _chunks(n, workers, chunksize)
    bar = _progress(n, progress)
    results: list = [None] * len(tasks)
    t0 = time.perf_counter()
    try:
        if client is not None:
            from distributed import as_completed

            ev = client.scatter(evaluator, broadcast=True) if len(tasks) > 1 else evaluator
            futures = [client.submit(_run_task, ev, [points[i] for i in r],
                                     [seeds[i] for i in r], pure=False) for r in tasks]
            index = {f.key: j for j, f in enumerate(futures)}
            for fut in as_completed(futures):
                results[index[fut.key]] = fut.result()
                if bar is not None:
                    bar.update(len(tasks[index[fut.key]]))
        elif n_jobs > 1:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            import cloudpickle

            with ProcessPoolExecutor(max_workers=n_jobs, mp_context=_mp_context()) as pool:
                futs = {pool.submit(_run_pickled, cloudpickle.dumps(
                    (evaluator, [points[i] for i in r], [seeds[i] for i in r]))): j
                    for j, r in enumerate(tasks)}
                for fut in as_completed(futs):
                    j = futs[fut]
                    results[j] = fut.result()
                    if bar is not None:
                        bar.update(len(tasks[j]))
        else:
            for j, r in enumerate(tasks):
                results[j] = _run_task(evaluator, [points[i] for i in r], [seeds[i] for i in r])
                if bar is not None:
                    bar.update(len(r))
    finally:
        if bar is not None:
            bar.close()
    elapsed = time.perf_counter() - t0
    records = [rec for chunk in results for rec in chunk]
    info = {"backend": backend, "workers": workers, "tasks": len(tasks), "points": n,
            "elapsed": elapsed}
    return records, info

