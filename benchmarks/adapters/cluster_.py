"""The equilibrium cluster model's regime maps and the paper's figures (issue 9).

Suites:

* ``cluster_map`` (size = side of the grid): ``ClusterVsScattered.regime_map`` of the
  20-firm cluster of 4 lead firms and 16 SMEs (``with_firm_sizes(n=20, leads=4)``) over
  entry cost × risk (the grid of figure A, :func:`benchmarks.instances.sweep_map_axes`);
  baseline: the same map with the kernel that enumerates every (membership, choice,
  follower) triple (``_cluster_kernel.evaluate_triples``, the kernel before issue 9),
  run on the small grids only;
* ``cluster_map_sym``: the same for the default model (12 identical firms);
* ``figures``: the wall time of ``python -m gametheory figures`` (what ``make figures``
  runs, without make's check of the virtual environment) in a fresh process, writing to a
  temporary folder.

``summarize`` digests the map's regimes, counts and cluster sizes (the report compares the
two kernels' digests) and re-solves a few grid points one by one (not timed): every one
must match the map.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from . import Method

LIBRARY = "cluster"  #: run with --libs cluster
DISTRIBUTION = "gametheory"
MODULE = "gametheory"
#: Seconds allowed per call: the triple enumeration takes minutes on the larger grids,
#: and the figures run does much more than the cluster model.
CAP = 900.0
ROOT = Path(__file__).resolve().parents[2]


def _heterogeneous():
    import gametheory as gt

    return gt.ClusterVsScattered.with_firm_sizes(n=20, leads=4)


def _symmetric():
    import gametheory as gt

    return gt.ClusterVsScattered()


def _prepare(build):
    def prepare(axes):
        return build(), axes
    return prepare


def regime_map(job):
    model, axes = job
    return model, model.regime_map("F", axes["F"], "sigma2", axes["sigma2"])


def regime_map_triples(job):
    """The map with the kernel that enumerates every triple (chunks of 256 points keep its
    (points × triples) arrays near 70 MB for the 20-firm cluster)."""
    from gametheory.models import _cluster_kernel as kern

    model, axes = job
    fast = kern.evaluate
    kern.evaluate = kern.evaluate_triples
    try:
        return model, model.regime_map("F", axes["F"], "sigma2", axes["sigma2"], chunk=256)
    finally:
        kern.evaluate = fast


def summarize_map(res) -> dict:
    model, rm = res
    table = np.stack([rm.code, rm.m_U, rm.m_C, rm.members]).astype(np.int64)
    # a few grid points solved one by one: corners, centre, a seeded sample
    ny, nx = rm.code.shape
    rng = np.random.default_rng(0)
    pts = {(0, 0), (ny - 1, nx - 1), (ny // 2, nx // 2)}
    pts |= {(int(i), int(j)) for i, j in zip(rng.integers(0, ny, 3), rng.integers(0, nx, 3))}
    wrong = []
    for i, j in sorted(pts):
        h = model.replace(F=float(rm.grid_x[j]), sigma2=float(rm.grid_y[i])).headline()
        got = (int(rm.code[i, j]), int(rm.m_U[i, j]), int(rm.m_C[i, j]), int(rm.members[i, j]))
        if got != (h["regime_code"], h["m_U"], h["m_C"], h["members"]) or not np.isclose(
                rm.gain[i, j], h["gain"], rtol=1e-9, atol=1e-9 * abs(h["V_U"])):
            wrong.append([i, j])
    return {"points": int(rm.code.size), "types": list(model.type_sizes),
            "codes": np.bincount(rm.code.ravel(), minlength=8).tolist(),
            "digest": hashlib.sha256(table.tobytes()).hexdigest()[:16],
            "spot_checked": len(pts), "spot_wrong": wrong, "load": os.getloadavg()[0]}


def figures(_):
    """``python -m gametheory figures`` in a fresh process (the command of ``make figures``)."""
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "MPLBACKEND": "Agg"}
        proc = subprocess.run([sys.executable, "-m", "gametheory", "figures", "--out", out],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        files = sum(len(f) for _, _, f in os.walk(out))
    return {"returncode": proc.returncode, "files": files, "tail": proc.stderr[-300:],
            "load": os.getloadavg()[0]}


def summarize_figures(res) -> dict:
    return res


METHODS = []
for suite, build, label in (("cluster_map", _heterogeneous, "20 firms (4 leads + 16 SMEs)"),
                            ("cluster_map_sym", _symmetric, "12 identical firms")):
    METHODS += [
        Method(f"cluster.{suite}", LIBRARY, suite, f"regime_map, {label}", regime_map,
               summarize_map, prepare=_prepare(build), warmup_size=2, reference=True,
               cap=CAP, min_calls=3),
        Method(f"cluster.{suite}.triples", LIBRARY, suite, "triple enumeration (before)",
               regime_map_triples, summarize_map, prepare=_prepare(build), warmup_size=2,
               max_size=20 if suite == "cluster_map" else 50,
               size_note="minutes per grid; the small grids give the ratio", cap=CAP),
    ]
METHODS.append(Method("cluster.figures", LIBRARY, "figures", "python -m gametheory figures",
                      figures, summarize_figures, cap=CAP, min_calls=2))
