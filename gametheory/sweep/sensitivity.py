"""Global sensitivity of a scalar output over a box of parameters: Morris and Sobol.

Local comparative statics answer "what if one parameter moves a little"; the regime
and the gain of clustering are answers over whole regions, so their robustness is a
global question: which parameters, varied together over plausible ranges, move the
answer at all (Morris screening), and how much of its variance each explains, alone
and with its interactions (Sobol indices).

* :func:`morris` — elementary effects on ``r`` one-at-a-time trajectories through a
  ``p``-level grid of the box (Morris 1991), ``r(D + 1)`` runs for ``D`` parameters:
  ``μ*`` (mean absolute effect: importance), ``σ`` (spread: non-linearity or
  interactions), screening design of Campolongo, Cariboni & Saltelli (2007);
* :func:`sobol` — first-order ``S1`` and total ``ST`` Sobol indices (Sobol 2001) from a
  Saltelli sample, ``N(D + 2)`` runs, estimators of Saltelli et al. (2010), bootstrap
  confidence intervals.

Sampling and the estimators are SALib's (Herman & Usher 2017); the model runs go through
:func:`gametheory.sweep.evaluate_points`, so they run in this process, on local
processes or on a Dask cluster, seeded and identical whatever the number of workers.
Parameters that are whole numbers in the model (``k``, ``n``) are rounded.

References
----------
Morris, M. D. (1991). Factorial sampling plans for preliminary computational experiments.
*Technometrics* 33:161–174.
Campolongo, F., Cariboni, J. & Saltelli, A. (2007). An effective screening design for
sensitivity analysis of large models. *Environmental Modelling & Software* 22:1509–1518.
Sobol, I. M. (2001). Global sensitivity indices for nonlinear mathematical models and
their Monte Carlo estimates. *Mathematics and Computers in Simulation* 55:271–280.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010).
Variance based sensitivity analysis of model output. *Computer Physics Communications*
181:259–270.
Herman, J. & Usher, W. (2017). SALib: an open-source Python library for sensitivity
analysis. *Journal of Open Source Software* 2(9):97.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from .._results import ResultMixin
from .._validation import finite_scalar, whole_number

__all__ = ["morris", "sobol", "MorrisResult", "SobolResult"]


@dataclasses.dataclass(frozen=True)
class MorrisResult(ResultMixin):
    """Morris screening of one output (:func:`morris`); one entry per parameter.

    Attributes
    ----------
    parameter : ndarray of str
        The parameters varied.
    mu_star : ndarray
        Mean absolute elementary effect (in the output's unit per unit of the box,
        i.e. the effect of moving a parameter across ``Δ`` of its range).
    mu : ndarray
        Mean elementary effect (signed).
    sigma : ndarray
        Standard deviation of the elementary effects (non-linearity, interactions).
    mu_star_conf : ndarray
        Bootstrap 95% half-width of ``mu_star``.
    output : str
        The output analysed.
    runs, failed : int
        Model runs, and how many failed (their trajectories are dropped).
    """

    parameter: np.ndarray
    mu_star: np.ndarray
    mu: np.ndarray
    sigma: np.ndarray
    mu_star_conf: np.ndarray
    output: str
    runs: int
    failed: int


@dataclasses.dataclass(frozen=True)
class SobolResult(ResultMixin):
    """Sobol indices of one output (:func:`sobol`); one entry per parameter.

    Attributes
    ----------
    parameter : ndarray of str
    S1, S1_conf : ndarray
        First-order index (share of the output's variance due to the parameter alone)
        and its bootstrap 95% half-width.
    ST, ST_conf : ndarray
        Total index (alone and in every interaction) and its half-width; ``ST − S1`` is
        the parameter's share through interactions.
    output : str
    variance : float
        Variance of the output over the box (``nan`` if it is constant).
    runs : int
    """

    parameter: np.ndarray
    S1: np.ndarray
    S1_conf: np.ndarray
    ST: np.ndarray
    ST_conf: np.ndarray
    output: str
    variance: float
    runs: int


def _problem(target, bounds: Mapping):
    if not isinstance(bounds, Mapping) or not bounds:
        raise ValueError("bounds must be a non-empty mapping {parameter: (low, high)}")
    names, rows = [], []
    for name, lohi in bounds.items():
        try:
            lo, hi = lohi
        except (TypeError, ValueError):
            raise ValueError(f"bounds[{name!r}] must be (low, high), got {lohi!r}") from None
        lo = finite_scalar(lo, f"low bound of {name}")
        hi = finite_scalar(hi, f"high bound of {name}")
        if not lo < hi:
            raise ValueError(f"bounds[{name!r}] needs low < high, got ({lo}, {hi})")
        names.append(str(name))
        rows.append([lo, hi])
    from . import _check_names

    known = _check_names(target, names, "bounds")
    ints = {n for n in names if known and isinstance(known.get(n), (int, np.integer))
            and not isinstance(known.get(n), (bool, np.bool_))}
    return {"num_vars": len(names), "names": names, "bounds": rows}, ints


def _points(problem, X, ints) -> list[dict]:
    pts = []
    for row in X:
        pt = {}
        for name, v in zip(problem["names"], row):
            pt[name] = int(round(float(v))) if name in ints else float(v)
        pts.append(pt)
    return pts


def _output_values(res, output) -> np.ndarray:
    if output not in res.frame:
        raise ValueError(f"output {output!r} is not among the computed columns "
                         f"{list(res.outputs)}")
    y = res.frame[output].to_numpy()
    try:
        return y.astype(float)
    except (TypeError, ValueError):
        raise ValueError(f"output {output!r} is not numeric (e.g. {y[0]!r}); choose a "
                         "numeric output") from None


def _run(target, points, output, method, **kw):
    from . import evaluate_points

    if callable(output):
        fn = output
        outputs = {"output": fn}
        name = getattr(fn, "__name__", "output")
        col = "output"
    else:
        outputs, name, col = None, str(output), str(output)
    res = evaluate_points(target, points, method=method, outputs=outputs, what="bounds", **kw)
    return _output_values(res, col), name, res


def morris(target, bounds: Mapping, output, *, method=None, trajectories: int = 20,
           levels: int = 4, seed: int = 0, n_jobs: int = 1, client=None,
           progress=None) -> MorrisResult:
    """Morris screening of ``output`` over the box ``bounds``.

    Parameters
    ----------
    target, method
        As in :func:`gametheory.sweep.grid` (a model and a method or ``f(model)``, or a
        function of the parameters).
    bounds : mapping
        ``{parameter: (low, high)}``.
    output : str or callable
        A numeric column of the evaluation (e.g. ``"gain"`` with
        ``method=gametheory.sweep.targets.headline``) or a function of the result.
    trajectories, levels : int
        ``r`` trajectories on a ``p``-level grid (``r(D + 1)`` runs).
    seed : int
        Seeds the sample and the bootstrap.

    Returns
    -------
    MorrisResult
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    problem, ints = _problem(target, bounds)
    trajectories = whole_number(trajectories, "trajectories", 2)
    levels = whole_number(levels, "levels", 2)
    X = morris_sample.sample(problem, trajectories, num_levels=levels, seed=seed)
    y, name, res = _run(target, _points(problem, X, ints), output, method, seed=seed,
                        n_jobs=n_jobs, client=client, progress=progress)
    D = problem["num_vars"]
    bad = ~np.isfinite(y)
    failed = int(bad.sum())
    if failed:
        traj_ok = ~bad.reshape(-1, D + 1).any(axis=1)
        if traj_ok.sum() < 2:
            raise ValueError(f"{failed} of {len(y)} runs failed (first: "
                             f"{res.errors['error'].iloc[0]}); narrow the bounds")
        keep = np.repeat(traj_ok, D + 1)
        X, y = X[keep], y[keep]
    Si = morris_analyze.analyze(problem, X, y, num_levels=levels, seed=seed,
                                print_to_console=False)
    return MorrisResult(parameter=np.asarray(problem["names"]),
                        mu_star=np.asarray(Si["mu_star"], dtype=float),
                        mu=np.asarray(Si["mu"], dtype=float),
                        sigma=np.asarray(Si["sigma"], dtype=float),
                        mu_star_conf=np.asarray(Si["mu_star_conf"], dtype=float),
                        output=name, runs=len(res.frame), failed=failed)


def sobol(target, bounds: Mapping, output, *, method=None, base_samples: int = 256,
          seed: int = 0, n_jobs: int = 1, client=None, progress=None) -> SobolResult:
    """First-order and total Sobol indices of ``output`` over the box ``bounds``.

    ``base_samples`` is the Saltelli base sample ``N`` (a power of two is best; the model
    runs ``N(D + 2)`` times). Other arguments as in :func:`morris`. Every run must
    succeed (a failed run raises ``ValueError`` naming it): narrow the box otherwise.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    problem, ints = _problem(target, bounds)
    base_samples = whole_number(base_samples, "base_samples", 2)
    X = sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
    y, name, res = _run(target, _points(problem, X, ints), output, method, seed=seed,
                        n_jobs=n_jobs, client=client, progress=progress)
    if not np.all(np.isfinite(y)):
        first = res.errors["error"].iloc[0] if res.n_failed else "a non-finite output"
        raise ValueError(f"{int((~np.isfinite(y)).sum())} of {len(y)} runs failed "
                         f"(first: {first}); narrow the bounds")
    var = float(np.var(y))
    D = problem["num_vars"]
    if var == 0.0:
        zeros = np.zeros(D)
        return SobolResult(parameter=np.asarray(problem["names"]), S1=zeros, S1_conf=zeros,
                           ST=zeros, ST_conf=zeros, output=name, variance=float("nan"),
                           runs=len(y))
    Si = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed,
                               print_to_console=False)
    return SobolResult(parameter=np.asarray(problem["names"]),
                       S1=np.asarray(Si["S1"], dtype=float),
                       S1_conf=np.asarray(Si["S1_conf"], dtype=float),
                       ST=np.asarray(Si["ST"], dtype=float),
                       ST_conf=np.asarray(Si["ST_conf"], dtype=float),
                       output=name, variance=var, runs=len(y))
