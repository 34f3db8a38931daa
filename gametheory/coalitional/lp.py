"""The linear-programming layer of the coalitional engine: coalition LPs by row generation.

Every LP-based solution of a TU game (core point, least core, Bondareva–Shapley
weights, the nucleolus family) is a program with one constraint per coalition,

    x(S) + w_S · t >= v(S)          for S in a family of coalitions,

so it has ``2**n`` rows. Written out in full that is 2.7 s for one core LP at
``n = 18`` with HiGHS (measured in ``benchmarks/README.md``). Here a restricted master
LP over a few hundred rows is solved with HiGHS (``highspy``, warm-started dual
simplex), and the most violated coalitions are added until none is violated
(Dantzig–Wolfe style constraint generation; e.g. Hallefjord, Helming & Jørnsten
1995, *Int. J. Game Theory* 24:1). The separation oracle is one vectorised pass over
the bitmask table: ``x(S)`` for all ``2**n`` masks by doubling (``O(2**n)`` additions,
no ``2**n × n`` matrix is ever built), so the final pass is an exact check of every
coalition and the reported violation is a certificate, not an estimate.

The module is internal: the public solutions live in :mod:`.core` and
:mod:`.nucleolus`.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass

import numpy as np

from .._tolerance import RTOL, tolerance

__all__ = ["LPError", "subset_sums", "RowGenerationLP", "LPSolution", "coalition_rows"]

#: extra HiGHS options applied to every model (tests use this to force a solver failure)
HIGHS_OPTIONS: dict = {}

_BANNER_DONE = False


class LPError(RuntimeError):
    """The LP solver did not return an optimal solution (status given in the message).

    References
    ----------
    Huangfu, Q. & Hall, J. A. J. (2018). Parallelizing the dual revised simplex method.
    *Mathematical Programming Computation* 10:119–142 (HiGHS).
    """


def silence_highs_banner() -> None:
    """Keep HiGHS's one-off start-up banner off standard output.

    HiGHS prints its banner from C++ the first time a solver object is created in a
    process, whoever creates it (this module, cvxpy's HiGHS interface, scipy). The first
    call creates one with file descriptor 1 pointed at ``/dev/null``; later calls do
    nothing. Call it before any solve that may be the process's first HiGHS solve.
    """
    global _BANNER_DONE
    if _BANNER_DONE:
        return
    _BANNER_DONE = True
    import sys

    import highspy

    try:
        fd = os.dup(1)
    except OSError:  # pragma: no cover - no real stdout
        highspy.Highs()
        return
    try:
        with open(os.devnull, "w") as null:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(fd, 1)
        os.close(fd)


def _new_highs():
    """A silent ``highspy.Highs`` model (the one-off HiGHS banner is kept off stdout)."""
    import highspy

    silence_highs_banner()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # The separation oracle checks every coalition to 1e-9 (relative to max |v|); HiGHS's
    # default feasibility tolerances (1e-7) are looser, so a restricted master could
    # return a point that the oracle rejects with the violated row already present.
    h.setOptionValue("primal_feasibility_tolerance", 1e-10)
    h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    for key, val in HIGHS_OPTIONS.items():
        h.setOptionValue(key, val)
    return h


def subset_sums(x, out: np.ndarray | None = None) -> np.ndarray:
    """``x(S) = Σ_{i∈S} x_i`` for every bitmask ``S`` in ``0 … 2**n - 1``.

    Doubling: the sums over masks with highest bit ``i`` are the sums over the
    masks below ``2**i`` plus ``x_i``; ``2**n`` additions in total, in place.
    """
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    if out is None:
        out = np.empty(1 << n)
    out[0] = 0.0
    for i in range(n):
        np.add(out[: 1 << i], x[i], out=out[1 << i: 2 << i])
    return out


def coalition_rows(masks, n: int) -> np.ndarray:
    """The 0/1 indicator matrix (``len(masks) × n``) of a few coalitions."""
    masks = np.asarray(masks, dtype=np.int64).reshape(-1)
    return ((masks[:, None] >> np.arange(n)) & 1).astype(float)


@dataclass
class LPSolution:
    """What one coalition LP returns.

    ``x`` the payoff vector, ``t`` the value of the scalar variable (``None`` when the
    program has none), ``objective`` the optimal value, ``duals`` the dual value of
    every active coalition row (``{mask: y_S}``, ``y_S >= 0``), ``max_violation`` the
    largest ``v(S) − x(S) − w_S t`` over every allowed coalition (the exact final
    check), ``rows`` the active coalitions, ``iterations`` the row-generation rounds.
    """

    x: np.ndarray
    t: float | None
    objective: float
    duals: dict
    max_violation: float
    rows: list
    iterations: int


class RowGenerationLP:
    """``min c·x + d·t`` s.t. ``x(S) + w_S t >= v(S)`` (all allowed ``S``), equalities, bounds.

    Parameters
    ----------
    v : ndarray, shape (2**n,)
        Bitmask table of the worths.
    n : int
    with_t : bool
        Whether the program has the scalar variable ``t`` (objective ``min t``);
        otherwise the objective is ``min Σ x_i`` (the Bondareva–Shapley program).
    weights : ndarray of shape (2**n,), optional
        ``w_S`` (default 1 for every coalition); e.g. ``|S|`` for the per-capita excess.
    allowed : bool ndarray of shape (2**n,), optional
        Coalitions whose constraint belongs to the program (default: all but ∅ and N).
    equalities : list of (mask, rhs)
        Rows ``x(S) = rhs`` (always including the grand coalition for solutions).
    lower : ndarray of shape (n,), optional
        Lower bounds on ``x`` (individual rationality); ``x`` is free otherwise.
    initial : iterable of int
        Coalitions to start the restricted master with (singletons and their
        complements are always added when allowed).
    tol : float
        Absolute feasibility tolerance of the separation oracle.
    batch : int, optional
        How many of the most violated coalitions to add per round (default ``2n``).
    """

    def __init__(self, v, n, *, with_t=True, weights=None, allowed=None, equalities=(),
                 lower=None, initial=(), tol=1e-9, batch=None, max_rounds=10_000):
        # Solve on v / scale: HiGHS's feasibility tolerances are absolute (~1e-7), so a
        # game with tiny (or huge) values would otherwise be solved to the wrong precision.
        # Core, least core and nucleolus are homogeneous of degree 1 in v; duals are unchanged.
        self.scale = float(np.max(np.abs(v))) or 1.0
        self.v = v / self.scale
        self.n = n
        self.with_t = with_t
        self.weights = weights
        full = (1 << n) - 1
        if allowed is None:
            allowed = np.ones(1 << n, dtype=bool)
            allowed[0] = False
            allowed[full] = False
        self.allowed = allowed
        self.equalities = [(m, r / self.scale) for m, r in equalities]
        self.lower = None if lower is None else np.asarray(lower, dtype=float) / self.scale
        self.tol = float(tol) / self.scale
        self.batch = int(batch or 2 * n)
        self.max_rounds = max_rounds
        start = [1 << i for i in range(n)] + [full ^ (1 << i) for i in range(n)] + list(initial)
        seen, self._initial = set(), []
        for m in start:
            m = int(m)
            if 0 < m <= full and allowed[m] and m not in seen:
                seen.add(m)
                self._initial.append(m)

    # ------------------------------------------------------------------ HiGHS model
    def _build(self):
        import highspy

        inf = highspy.kHighsInf
        n = self.n
        ncol = n + (1 if self.with_t else 0)
        h = _new_highs()
        lo = np.full(ncol, -inf)
        if self.lower is not None:
            lo[:n] = self.lower
        if self.with_t:
            # e(S) + e(N∖S) = v(S) + v(N∖S) − v(N) >= −3M and S, N∖S are free together,
            # so t >= −3M/|N| in every round: the bound keeps restricted masters bounded
            lo[n] = -4.0  # values are scaled to max |v(S)| = 1
        h.addVars(ncol, lo, np.full(ncol, inf))
        if self.with_t:
            h.changeColsCost(1, np.array([n], dtype=np.int32), np.array([1.0]))
        else:
            h.changeColsCost(n, np.arange(n, dtype=np.int32), np.ones(n))
        self._h = h
        self._inf = inf
        self._row_masks: list[int] = []
        self._n_eq = 0
        if self.equalities:
            masks = [m for m, _ in self.equalities]
            rhs = np.array([r for _, r in self.equalities], dtype=float)
            self._add(masks, rhs, rhs, t_coef=None)
            self._n_eq = len(masks)
            self._row_masks = [-1] * self._n_eq  # equality rows carry no coalition dual
        self._add_coalitions(self._initial)

    def _add(self, masks, lo, hi, t_coef):
        n = self.n
        rows = coalition_rows(masks, n)
        if t_coef is not None:
            rows = np.hstack([rows, np.asarray(t_coef, dtype=float)[:, None]])
        nz = rows != 0
        starts = np.concatenate([[0], np.cumsum(nz.sum(axis=1))[:-1]]).astype(np.int32)
        idx = np.nonzero(nz)[1].astype(np.int32)
        vals = rows[nz]
        self._h.addRows(len(masks), np.asarray(lo, float), np.asarray(hi, float),
                        int(vals.size), starts, idx, vals)

    def _add_coalitions(self, masks):
        if not len(masks):
            return
        masks = [int(m) for m in masks]
        lo = self.v[masks]
        hi = np.full(len(masks), self._inf)
        t_coef = None
        if self.with_t:
            t_coef = (np.ones(len(masks)) if self.weights is None else self.weights[masks])
        self._add(masks, lo, hi, t_coef)
        self._row_masks.extend(masks)

    def _run(self):
        import highspy

        h = self._h
        h.run()
        status = h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise LPError(
                f"the LP solver (HiGHS) did not find an optimum: status "
                f"'{h.modelStatusToString(status)}' with {len(self._row_masks) - self._n_eq} "
                f"coalition rows. A coalition LP of a valid game is always feasible and "
                f"bounded, so this is a solver limit (see lp.HIGHS_OPTIONS: "
                f"{HIGHS_OPTIONS or 'none set'}) or numerical trouble — rescale the game's "
                f"values, or report it"
            )

    # ------------------------------------------------------------------ oracle
    def violations(self, x, t, buf=None):
        """``v(S) − x(S) − w_S t`` for every mask, ``-inf`` where not allowed."""
        xs = subset_sums(x, buf)
        viol = np.subtract(self.v, xs, out=xs)
        if t is not None:
            if self.weights is None:
                viol -= t
            else:
                viol -= self.weights * t
        viol[~self.allowed] = -np.inf
        return viol

    def solve(self) -> LPSolution:
        """Row generation until every allowed coalition is satisfied to ``tol``."""
        self._build()
        n = self.n
        buf = np.empty(1 << n)
        in_model = set(self._row_masks)
        it = 0
        for it in range(1, self.max_rounds + 1):  # noqa: B007 (it is reported)
            self._run()
            sol = self._h.getSolution()
            col = np.asarray(sol.col_value)
            x = col[:n].copy()
            t = float(col[n]) if self.with_t else None
            viol = self.violations(x, t, buf)
            worst = float(viol.max()) if viol.size else -np.inf
            if worst <= self.tol:
                break
            k = min(self.batch, viol.size - 1)
            cand = np.argpartition(viol, -k)[-k:]
            cand = cand[viol[cand] > self.tol]
            new = [int(m) for m in cand if int(m) not in in_model]
            if not new:  # violated rows already present: numerical trouble in the LP
                raise LPError(
                    f"the LP solver (HiGHS) returned a point violating its own constraints "
                    f"by {worst * self.scale:.3g} (> tolerance {self.tol * self.scale:.3g})"
                )
            in_model.update(new)
            self._add_coalitions(new)
        else:  # pragma: no cover - row generation always terminates (finitely many rows)
            raise LPError(f"row generation did not converge in {self.max_rounds} rounds")
        row_dual = np.asarray(sol.row_dual)
        duals = {}
        for r, m in enumerate(self._row_masks):
            if m >= 0:
                duals[m] = float(row_dual[r])
        info = self._h.getInfo()
        sc = self.scale
        return LPSolution(x=x * sc, t=None if t is None else t * sc,
                          objective=float(info.objective_function_value) * sc,
                          duals=duals, max_violation=max(worst, 0.0) * sc,
                          rows=[m for m in self._row_masks if m >= 0], iterations=it)


def default_tol(v) -> float:
    """Tolerance ``RTOL · max |v(S)|`` (:mod:`gametheory._tolerance`) for a bitmask table.

    The zero game has no scale; it gets ``RTOL`` (any unit gives the same zero game).
    """
    return tolerance(v) or RTOL
