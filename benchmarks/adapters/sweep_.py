"""gametheory.sweep (this project): one sweep run in-process, on 2 local processes, and on
a Dask LocalCluster with 2 worker processes — the same seeded points, the same table.

Suites:

* ``sweep_map`` (size = side of the grid): the regime map of the integrated model
  ``ClusterVsScattered`` over entry cost × risk (``targets.headline`` at every point),
  with the model's own ``regime_map`` (the whole grid in one vectorised solve) as the baseline;
* ``sweep_mc`` (size = number of draws): a Monte Carlo of heterogeneous 20-firm clusters,
  each draw needing a nucleolus (its entry-cost game) and an equilibrium set (its entry
  game), :func:`benchmarks.instances.mc_cluster`.

``prepare`` builds the executor (the Dask cluster's start-up is set-up, not in the
medians); ``summarize`` returns the run info (tasks, workers) and a digest of the table,
so the report can check that every executor returned the same table and compute the
overhead per task.
"""

from __future__ import annotations

import hashlib

import numpy as np

from . import Method

LIBRARY = "sweep"  #: run with --libs sweep (or the default: every library)
DISTRIBUTION = "gametheory"
MODULE = "gametheory.sweep"
#: Seconds allowed per call (a 200 × 200 map or 1,000 draws take minutes, not seconds).
CAP = 1800.0


def _digest(frame) -> str:
    cols = [c for c in frame.columns if c != "error"]
    data = frame[cols].round(9).to_csv(index=False).encode()
    return hashlib.sha256(data).hexdigest()[:16]


class _Run:
    def __init__(self, spec, n_jobs=1, dask_workers=0):
        self.spec = spec
        self.n_jobs = n_jobs
        self.client = None
        if dask_workers:
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=dask_workers, threads_per_worker=1,
                                   processes=True, dashboard_address=":0")
            self.client = Client(cluster)
            self.client.run(_warm)  # imports in the workers are set-up, not task time


def _warm():
    import gametheory.sweep  # noqa: F401

    from .. import instances  # noqa: F401


def _prepare(n_jobs=1, dask_workers=0):
    def prepare(spec):
        return _Run(spec, n_jobs, dask_workers)
    return prepare


def _sweep_map(run: _Run):
    import gametheory as gt
    from gametheory import sweep

    return sweep.grid(gt.ClusterVsScattered(), run.spec, method=sweep.targets.headline,
                      n_jobs=run.n_jobs, client=run.client, progress=False)


def _sweep_mc(run: _Run):
    from gametheory import sweep

    from ..instances import mc_cluster

    n = run.spec["firms"]
    draws = {"K": sweep.Uniform(10.0, 60.0, size=n), "f": sweep.Uniform(5.0, 20.0, size=n),
             "R": sweep.Uniform(2.0, 9.0, size=n)}
    return sweep.monte_carlo(mc_cluster, draws, run.spec["draws"], seed=run.spec["seed"],
                             n_jobs=run.n_jobs, client=run.client, progress=False)


def _regime_map_grid(axes):
    import gametheory as gt

    return gt.ClusterVsScattered().regime_map("F", axes["F"], "sigma2", axes["sigma2"])


def summarize_sweep(res) -> dict:
    info = {k: res.info[k] for k in ("backend", "workers", "tasks", "points")}
    out = {**info, "failed": int(res.n_failed), "digest": _digest(res.frame)}
    if "regime_code" in res.frame:  # to compare with the model's own regime_map
        out["digest_codes"] = _digest(res.frame[["regime_code", "m_U", "m_C"]])
    return out


def summarize_map(rm) -> dict:
    # the same numbers as the sweep's table, in the sweep's row order (F slowest)
    import pandas as pd

    frame = pd.DataFrame({"regime_code": rm.code.T.ravel(), "m_U": rm.m_U.T.ravel(),
                          "m_C": rm.m_C.T.ravel()})
    return {"points": int(rm.code.size), "codes": np.bincount(rm.code.ravel(),
                                                              minlength=5).tolist(),
            "digest_codes": _digest(frame)}


METHODS = []
for suite, fn in (("sweep_map", _sweep_map), ("sweep_mc", _sweep_mc)):
    METHODS += [
        Method(f"sweep.{suite}.inprocess", LIBRARY, suite, "in-process", fn, summarize_sweep,
               prepare=_prepare(), reference=True, cap=CAP),
        Method(f"sweep.{suite}.processes2", LIBRARY, suite, "2 processes", fn,
               summarize_sweep, prepare=_prepare(n_jobs=2), cap=CAP),
        Method(f"sweep.{suite}.dask2", LIBRARY, suite, "Dask LocalCluster, 2 workers", fn,
               summarize_sweep, prepare=_prepare(dask_workers=2), cap=CAP),
    ]
METHODS.append(Method("sweep.sweep_map.regime_map", LIBRARY, "sweep_map",
                      "model's regime_map (whole grid)", _regime_map_grid, summarize_map,
                      cap=CAP))
