"""Capital-proportional co-investment: "returns and risks in proportion to capital".

Firms ``i = 1 … n`` put capital ``K_i`` into a joint venture abroad. A coalition ``S``
investing ``K_S = Σ_{i∈S} K_i`` on its own earns the expected return ``R(K_S)``; the
project's payoff is risky, ``X(K) = R(K) + σ K ε`` with ``ε ~ N(0, 1)`` (``σ`` the risk
per unit of capital), and the firms are CARA with risk tolerances ``τ_i``. The worth of
``S`` is its certainty equivalent when it shares its risk optimally (Wilson 1968):

    v(S) = R(K_S) − σ² K_S² / (2 τ_S),        τ_S = Σ_{i∈S} τ_i

(``σ = 0``: risk neutrality, ``v(S) = R(K_S)``). The return function is the family

    R(K) = A K^α      for K >= K_min   (the project, above its minimum efficient scale),
    R(K) = ρ K        for K <  K_min   (capital below that scale earns the fallback rate ρ),

or any user function ``returns(K)`` (vectorised over an array of capitals).

The proportional rule gives firm ``i`` the share ``a_i = K_i/K_N`` of the payoff ``X``:
its expected return is ``a_i R(K_N)`` and its certainty equivalent
``a_i R(K_N) − σ² K_i²/(2τ_i)``. The model says

* **ORG-1 (core).** Without risk the proportional split is in the core iff the grand
  coalition earns the highest average return, ``R(K_N)/K_N >= R(K_S)/K_S`` for every
  ``S`` (``x(S) = K_S R(K_N)/K_N >= R(K_S)``). With increasing or constant returns
  (``α >= 1``, no threshold) it always is; with decreasing returns above a minimum scale
  it fails as soon as a smaller coalition can reach the scale on its own.
* **ORG-1 (risk).** Proportional risk shares are Pareto-optimal (Wilson 1968: the
  optimal linear rule has slopes ``τ_i/τ_N``) iff ``τ_i ∝ K_i``; otherwise the members
  lose ``(σ² K_N²/2)(Σ a_i²/τ_i − 1/τ_N) >= 0`` of certainty equivalent (Cauchy–Schwarz),
  for two firms ``σ² (K_1 τ_2 − K_2 τ_1)² / (2 τ_1 τ_2 (τ_1 + τ_2))``.
* When the proportional rule is not in the core, what it costs: the largest amount
  any coalition could gain by breaking away (``max_S v(S) − x(S)``), the least-core
  value, and the distance to the closest core point (a quadratic program in cvxpy:
  the *core-constrained* proportional rule).

References
----------
Wilson, R. (1968). The theory of syndicates. *Econometrica* 36:119–132.
Borch, K. (1962). Equilibrium in a reinsurance market. *Econometrica* 30:424–444.
Shapley, L. S. (1971). Cores of convex games. *International Journal of Game Theory*
1:11–26.
Gillies, D. B. (1959). Solutions to general non-zero-sum games. *Contributions to the
Theory of Games IV*, 47–85.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, names_for, nonempty_grid, positive
from ..coalitional.allocation import Allocation, allocation
from ..coalitional.core import least_core
from ..coalitional.game import TUGame, additive_values
from ..coalitional.lp import LPError, coalition_rows, subset_sums
from .base import ClosedForms, Model
from .risk_sharing import RiskSyndicate

__all__ = ["CapitalCoInvestment", "CoInvestmentResult", "CORE_REGIONS"]

#: largest number of firms (the core checks run over all 2**n coalitions; the QP has one
#: row per coalition)
MAX_FIRMS = 14

#: Labels of :meth:`CapitalCoInvestment.core_regions` (codes are the indices).
CORE_REGIONS = ("proportional split in the core", "core non-empty, proportional split outside",
                "core empty")


@dataclasses.dataclass(frozen=True)
class CoInvestmentResult(ResultMixin):
    """The proportional rule against the core and against Borch–Wilson risk sharing.

    Attributes
    ----------
    proportional : Allocation
        Certainty equivalents under the proportional rule, ``a_i R(K_N) − σ²K_i²/(2τ_i)``.
    average_return_grand, best_average_return : float
        ``R(K_N)/K_N`` and ``max_S R(K_S)/K_S`` (the ORG-1 condition compares them).
    best_coalition : tuple of str
        A coalition earning the best average return (a smallest one).
    proportional_in_core : bool
        The verdict (ORG-1), relative tolerance.
    max_violation : float
        ``max_S v(S) − x(S)`` at the proportional rule (``<= 0`` inside the core): what the
        most aggrieved coalition gains by leaving.
    core_nonempty : bool
    least_core_epsilon : float
        Largest uniform surplus ``ε`` of the least core (``>= 0`` iff the core is non-empty).
    core_constrained : Allocation or None
        The core point closest to the proportional rule (QP in cvxpy); ``None`` when the
        core is empty.
    distance_to_core : float
        Euclidean distance from the proportional rule to the core (``nan`` if empty).
    wilson_optimal : bool
        ``τ_i ∝ K_i`` (or no risk): proportional risk shares are Pareto-optimal.
    borch_wilson_slopes : ndarray
        ``τ_i/τ_N``, the optimal shares of the risky payoff.
    ce_loss : float
        Certainty equivalent the members lose with proportional instead of Borch–Wilson
        shares, ``v(N) − Σ_i x_i`` (0 without risk).
    """

    proportional: Allocation
    average_return_grand: float
    best_average_return: float
    best_coalition: tuple
    proportional_in_core: bool
    max_violation: float
    core_nonempty: bool
    least_core_epsilon: float
    core_constrained: Allocation | None
    distance_to_core: float
    wilson_optimal: bool
    borch_wilson_slopes: np.ndarray
    ce_loss: float


@dataclasses.dataclass(frozen=True)
class CapitalCoInvestment(Model):
    """A joint investment abroad shared in proportion to capital (ORG-1).

    Parameters
    ----------
    capital : array_like (n,), > 0
        Capital ``K_i`` each firm brings (``n <= 14``).
    A : float, > 0
        Scale of the return ``R(K) = A K^α`` above the minimum efficient scale.
    alpha : float, > 0
        Returns to scale ``α`` (``α > 1`` increasing, ``α < 1`` decreasing).
    min_scale : float, >= 0
        Minimum efficient scale ``K_min``: below it capital earns only ``base_rate``.
    base_rate : float, >= 0
        Fallback return per unit of capital ``ρ`` below ``K_min`` (a rate: unit-free).
    sigma : float, >= 0
        Risk per unit of capital: ``sd(X(K)) = σ K`` (a rate: unit-free).
    tau : array_like (n,), > 0, optional
        CARA risk tolerances ``τ_i`` (money). Required when ``sigma > 0``.
    returns : callable, optional
        A user return function ``R(K)`` on arrays of capital (replaces ``A, alpha,
        min_scale, base_rate``); it must return finite values with ``R(0) = 0``.
    names : sequence of str, optional

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.CapitalCoInvestment([1.0, 2.0, 3.0], A=1.0, alpha=1.2)
    >>> r = m.solve()
    >>> r.proportional_in_core, round(r.max_violation, 4) <= 0
    (True, True)
    >>> small = gt.CapitalCoInvestment([1.0, 2.0, 3.0], alpha=0.8, min_scale=3.0)
    >>> small.solve().proportional_in_core
    False

    References
    ----------
    Wilson (1968).
    Borch (1962).
    Gillies (1959).
    """

    capital: object
    A: float = 1.0
    alpha: float = 1.0
    min_scale: float = 0.0
    base_rate: float = 0.0
    sigma: float = 0.0
    tau: object = None
    returns: Callable | None = None
    names: tuple | None = None

    def _validate(self):
        K = finite_array(self.capital, "capital", ndim=1)
        n = K.shape[0]
        if n < 1:
            raise ValueError("capital needs at least one firm")
        if n > MAX_FIRMS:
            raise ValueError(f"capital: at most {MAX_FIRMS} firms are supported (the core "
                             f"checks run over all 2**n coalitions), got {n}")
        if np.any(K <= 0):
            raise ValueError(f"capital must be > 0 for every firm, found {K[K <= 0][0]}")
        positive(self.A, "A (scale of returns)")
        positive(self.alpha, "alpha (returns to scale)")
        positive(self.min_scale, "min_scale (minimum efficient scale)", strict=False)
        positive(self.base_rate, "base_rate (fallback return per unit)", strict=False)
        sig = positive(self.sigma, "sigma (risk per unit of capital)", strict=False)
        if self.tau is None:
            if sig > 0:
                raise ValueError("tau (risk tolerances) is required when sigma > 0")
            tau = None
        else:
            tau = finite_array(self.tau, "tau (risk tolerances)", shape=(n,))
            if np.any(tau <= 0):
                raise ValueError(f"tau (risk tolerances) must be > 0, found {tau[tau <= 0][0]}")
        if self.returns is not None and not callable(self.returns):
            raise ValueError(f"returns must be a callable R(K) or None, got {self.returns!r}")
        names = names_for(n, self.names, "firm")
        for key, val in (("capital", K), ("tau", tau)):
            if val is None:
                continue
            val = np.array(val, dtype=float)
            val.setflags(write=False)
            object.__setattr__(self, key, val)
        object.__setattr__(self, "names", names)
        for key in ("A", "alpha", "min_scale", "base_rate", "sigma"):
            object.__setattr__(self, key, float(getattr(self, key)))
        if self.returns is not None:
            r0 = np.asarray(self.returns(np.array([0.0, float(K.sum())])), dtype=float)
            if r0.shape != (2,) or not np.all(np.isfinite(r0)):
                raise ValueError("returns must map an array of capitals to finite returns of "
                                 "the same shape")
            if abs(r0[0]) > tolerance(r0):
                raise ValueError(f"returns must give R(0) = 0, got {r0[0]}")

    # ------------------------------------------------------------------ primitives
    @property
    def n(self) -> int:
        return int(self.capital.shape[0])

    @property
    def risky(self) -> bool:
        return self.sigma > 0

    def return_of(self, K):
        """Expected return ``R(K)`` (vectorised)."""
        K = np.asarray(K, dtype=float)
        if self.returns is not None:
            return np.asarray(self.returns(K), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            above = self.A * np.power(np.maximum(K, 0.0), self.alpha)
        return np.where(K >= self.min_scale, above, self.base_rate * K)

    @functools.cached_property
    def _tables(self):
        K_S = additive_values(self.capital)
        R_S = self.return_of(K_S)
        R_S[0] = 0.0
        if self.risky:
            tau_S = additive_values(self.tau)
            prem = np.zeros_like(K_S)
            prem[1:] = self.sigma**2 * K_S[1:] ** 2 / (2.0 * tau_S[1:])
        else:
            prem = np.zeros_like(K_S)
        return K_S, R_S, prem

    def game(self) -> TUGame:
        """The co-investment game ``v(S) = R(K_S) − σ²K_S²/(2τ_S)``."""
        K_S, R_S, prem = self._tables
        return TUGame(R_S - prem, names=self.names)

    def shares(self) -> np.ndarray:
        """Proportional shares ``a_i = K_i/K_N``."""
        return self.capital / self.capital.sum()

    def proportional(self) -> Allocation:
        """Certainty equivalents under the proportional rule: ``a_i R(K_N) − σ²K_i²/(2τ_i)``.

        Risk neutral: ``x_i = K_i R(K_N)/K_N``.
        """
        a = self.shares()
        R_N = float(self._tables[1][-1])
        x = a * R_N
        if self.risky:
            x = x - self.sigma**2 * self.capital**2 / (2.0 * self.tau)
        g = self.game()
        return allocation(g, x, "proportional to capital (returns and risks)", "exact")

    # ------------------------------------------------------------------ risk sharing
    def syndicate(self) -> RiskSyndicate:
        """The grand venture as a :class:`RiskSyndicate`: member ``i`` holds ``a_i X(K_N)``.

        Its Borch–Wilson certainty equivalent is ``v(N)``; with ``shares=a`` it gives the
        proportional rule's total certainty equivalent.
        """
        if not self.risky:
            raise ValueError("syndicate() needs a risky venture (sigma > 0 and tau)")
        a = self.shares()
        R_N = float(self._tables[1][-1])
        sd = self.sigma * float(self.capital.sum())
        return RiskSyndicate(mu=a * R_N, tau=self.tau, cov=sd**2 * np.outer(a, a),
                             names=self.names)

    def ce_loss(self) -> float:
        """Certainty equivalent lost by proportional rather than Borch–Wilson risk shares.

        ``(σ²K_N²/2)(Σ a_i²/τ_i − 1/τ_N) >= 0``, zero iff ``τ ∝ K`` (ORG-1; Wilson 1968),
        computed through :class:`RiskSyndicate`.
        """
        if not self.risky:
            return 0.0
        s = self.syndicate()
        return float(s.certainty_equivalent() - s.certainty_equivalent(shares=self.shares()))

    def wilson_optimal(self) -> bool:
        """Whether proportional shares are Pareto-optimal risk sharing: ``τ_i/τ_N = K_i/K_N``."""
        if not self.risky:
            return True
        slopes = self.tau / self.tau.sum()
        return bool(np.max(np.abs(slopes - self.shares())) <= 1e-9)

    # ------------------------------------------------------------------ core
    def closest_core_point(self, x=None) -> tuple[Allocation | None, float]:
        """The core point closest to ``x`` (default: the proportional rule), by a QP in cvxpy.

        ``min ||y − x||²`` s.t. ``y(S) >= v(S)`` for every coalition and ``y(N) = v(N)``.
        Returns ``(y, distance)``; ``(None, nan)`` when the core is empty.
        """
        import cvxpy as cp

        g = self.game()
        x = np.asarray(self.proportional() if x is None else
                       finite_array(x, "x", shape=(self.n,)), dtype=float)
        if not self._core_nonempty():
            return None, float("nan")
        full = (1 << self.n) - 1
        scale = float(np.abs(g.v).max()) or 1.0
        y = cp.Variable(self.n)
        cons = [cp.sum(y) == g.v[full] / scale]
        if self.n > 1:
            masks = np.arange(1, full, dtype=np.int64)
            cons.append(coalition_rows(masks, self.n) @ y >= g.v[masks] / scale)
        prob = cp.Problem(cp.Minimize(cp.sum_squares(y - x / scale)), cons)
        try:
            prob.solve(solver=cp.CLARABEL)
        except Exception as exc:  # cvxpy raises SolverError and friends
            raise LPError(f"cvxpy could not solve the closest-core-point QP: {exc}") from exc
        if prob.status != "optimal":
            raise LPError(f"cvxpy returned status '{prob.status}' for the closest-core-point QP")
        yv = np.asarray(y.value, dtype=float) * scale
        err = max(float((g.v - subset_sums(yv)).max()), 0.0)
        pt = allocation(g, yv, "core point closest to the proportional rule (QP, cvxpy)",
                        "certified", err)
        return pt, float(np.linalg.norm(yv - x))

    @functools.cached_property
    def _least_core(self):
        return least_core(self.game())

    def _core_nonempty(self) -> bool:
        lc = self._least_core
        return lc.epsilon >= -max(lc.error, tolerance(self.game().v))

    def solve(self) -> CoInvestmentResult:
        """The proportional rule's core verdict, its distance to the core and its CE loss."""
        g = self.game()
        K_S, R_S, _ = self._tables
        x = self.proportional()
        avg = np.full_like(K_S, -np.inf)
        avg[1:] = R_S[1:] / K_S[1:]
        full = (1 << self.n) - 1
        best = float(avg.max())
        sizes = np.array([bin(s).count("1") for s in range(full + 1)])
        cands = np.flatnonzero(avg >= best - tolerance(avg[1:]))
        best_mask = int(cands[np.argmin(sizes[cands])])
        excess = g.v - subset_sums(np.asarray(x))
        excess[0] = 0.0
        viol = float(excess.max())
        tol = tolerance(g.v, x)
        in_core = bool(viol <= tol and abs(float(np.sum(x)) - g.grand) <= tol)
        lc = self._least_core
        nonempty = self._core_nonempty()
        closest, dist = self.closest_core_point() if nonempty else (None, float("nan"))
        return CoInvestmentResult(
            proportional=x, average_return_grand=float(avg[full]), best_average_return=best,
            best_coalition=tuple(self.names[i] for i in range(self.n) if best_mask >> i & 1),
            proportional_in_core=in_core, max_violation=viol, core_nonempty=nonempty,
            least_core_epsilon=float(lc.epsilon) if self.n > 1 else float("inf"),
            core_constrained=closest, distance_to_core=dist if not in_core else 0.0,
            wilson_optimal=self.wilson_optimal(),
            borch_wilson_slopes=(self.tau / self.tau.sum()) if self.risky else self.shares(),
            ce_loss=self.ce_loss())

    def cluster_surplus(self) -> float:
        """``v(N)``: the certainty equivalent of the joint venture."""
        return self.game().grand

    def scattered_surplus(self) -> float:
        """``Σ_i v({i})``: every firm investing alone."""
        return float(self.game().singletons().sum())

    # ------------------------------------------------------------------ regions
    def core_regions(self, alphas, min_scales) -> np.ndarray:
        """Codes of :data:`CORE_REGIONS` over a grid of ``α`` (rows) × ``K_min`` (columns).

        0: proportional split in the core (ORG-1); 1: the core is non-empty but the
        proportional split is outside it; 2: the core is empty. Uses this model's other
        parameters (risk neutral or not).
        """
        if self.returns is not None:
            raise ValueError("core_regions varies alpha and min_scale of the built-in return "
                             "family; this model has a user returns function")
        alphas = nonempty_grid(alphas, "alphas")
        ks = nonempty_grid(min_scales, "min_scales")
        if np.any(alphas <= 0):
            raise ValueError("alphas must be > 0")
        if np.any(ks < 0):
            raise ValueError("min_scales must be >= 0")
        out = np.empty((alphas.size, ks.size), dtype=int)
        for i, al in enumerate(alphas):
            for j, km in enumerate(ks):
                r = self.replace(alpha=float(al), min_scale=float(km))
                x = np.asarray(r.proportional())
                g = r.game()
                ex = g.v - subset_sums(x)
                if ex.max() <= tolerance(g.v, x):  # in the core: no LP needed
                    out[i, j] = 0
                else:
                    out[i, j] = 1 if r._core_nonempty() else 2
        return out

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """ORG-1 in closed form: the average return, the proportional share, the CE loss.

        ``loss_two_firms`` is the two-firm CE loss, zero iff ``K_1/τ_1 = K_2/τ_2``.
        """
        A, al, K, KN, Ki = sp.symbols("A alpha K K_N K_i", positive=True)
        K1, K2, t1, t2, sig = sp.symbols("K_1 K_2 tau_1 tau_2 sigma", positive=True)
        a1 = K1 / (K1 + K2)
        loss = sig**2 * (K1 + K2) ** 2 / 2 * (a1**2 / t1 + (1 - a1) ** 2 / t2 - 1 / (t1 + t2))
        exprs = {
            "average_return": sp.Eq(sp.Symbol("R(K)/K"), A * K ** (al - 1)),
            "proportional_share": sp.Eq(sp.Symbol("x_i"), Ki / KN * A * KN**al),
            "loss_two_firms": sp.Eq(sp.Symbol("L_CE"), sp.factor(sp.simplify(loss))),
        }
        syms = {"A": A, "alpha": al, "K": K, "K_N": KN, "K_i": Ki, "K_1": K1, "K_2": K2,
                "tau_1": t1, "tau_2": t2, "sigma": sig}
        return ClosedForms(exprs, syms, title="Capital-proportional co-investment (ORG-1)")
