"""Cooperative versus non-cooperative R&D with spillovers (d'Aspremont & Jacquemin 1988).

``n`` firms (``n = 2`` in d'Aspremont & Jacquemin; ``n >= 2`` as in Kamien, Muller &
Zang 1992) first choose cost-reducing R&D ``x_i`` at cost ``γ x_i²/2``, then compete à la
Cournot in a homogeneous market ``P = a − bQ``. Firm ``i``'s marginal cost is

    c_i = c − x_i − β Σ_{j≠i} x_j,           β ∈ [0, 1] the spillover.

In the symmetric subgame-perfect equilibrium (``D = n + 1``)

    non-cooperative R&D:  x_N = 2(a−c)(n − (n−1)β) / (bγD² − 2(n − (n−1)β)(1 + (n−1)β)),
    R&D cartel (joint profit in the R&D stage, Cournot in output):
                          x_C = 2(a−c)(1 + (n−1)β) / (bγD² − 2(1 + (n−1)β)²),
    research joint venture (cartel with full sharing, β = 1): x_J = x_C at β = 1,

and output ``q = (a − c + x(1 + (n−1)β))/(bD)``. Cooperation raises R&D iff
``1 + (n−1)β > n − (n−1)β``, i.e. iff ``β > 1/2`` for every ``n`` (ORG-7): with large
spillovers a firm's R&D mostly helps its rivals, which it ignores alone and internalises
in the cartel. This is the prescription "large firms do the R&D for the cluster": pooling
R&D pays in R&D effort when knowledge spills over within the cluster (β > 1/2), and lowers
it when it does not.

Second-order conditions require ``bγD² > 2 max(n − (n−1)β, 1 + (n−1)β)²`` (checked), and
costs must stay non-negative (checked).

References
----------
d'Aspremont, C. & Jacquemin, A. (1988). Cooperative and noncooperative R&D in duopoly
with spillovers. *American Economic Review* 78:1133–1137.
Kamien, M. I., Muller, E. & Zang, I. (1992). Research joint ventures and R&D cartels.
*American Economic Review* 82:1293–1306.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._validation import in_interval, positive, whole_number
from ..markets import cournot
from .base import ClosedForms, Model

__all__ = ["RnDCooperation", "RnDOutcome", "RND_REGIMES"]

#: Regimes of :class:`RnDCooperation`.
RND_REGIMES = ("noncooperative", "cartel", "rjv")


@dataclasses.dataclass(frozen=True)
class RnDOutcome(ResultMixin):
    """The symmetric equilibrium of one R&D regime.

    Attributes
    ----------
    regime : str
        ``"noncooperative"``, ``"cartel"`` (R&D chosen for joint profit) or ``"rjv"``
        (cartel with full spillover, β = 1).
    rnd : float
        R&D per firm ``x``.
    output, price, unit_cost : float
        Per-firm Cournot output, market price and marginal cost after R&D.
    profit : float
        Per-firm profit net of R&D cost.
    consumer_surplus, welfare : float
        ``bQ²/2`` and consumer surplus plus total profit.
    """

    regime: str
    rnd: float
    output: float
    price: float
    unit_cost: float
    profit: float
    consumer_surplus: float
    welfare: float


@dataclasses.dataclass(frozen=True)
class RnDCooperation(Model):
    """Two-stage R&D-then-Cournot game with spillovers (ORG-7).

    Parameters
    ----------
    a, b : float, > 0
        Demand ``P = a − bQ``.
    c : float, > 0, < a
        Marginal cost before R&D.
    gamma : float, > 0
        R&D cost ``γ x²/2``.
    beta : float in [0, 1]
        Spillover.
    n : int, >= 2
        Firms.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.RnDCooperation(a=100, b=1, c=60, gamma=5, beta=0.8)
    >>> r = m.solve()
    >>> r["cartel"].rnd > r["noncooperative"].rnd, m.cooperation_raises_rnd()
    (True, True)

    References
    ----------
    d'Aspremont & Jacquemin (1988).
    Kamien, Muller & Zang (1992).
    """

    a: float = 100.0
    b: float = 1.0
    c: float = 60.0
    gamma: float = 5.0
    beta: float = 0.5
    n: int = 2

    def _validate(self):
        a = positive(self.a, "a (demand intercept)")
        b = positive(self.b, "b (demand slope)")
        c = positive(self.c, "c (marginal cost before R&D)")
        if c >= a:
            raise ValueError(f"c (marginal cost before R&D) must be below a = {a}, got {c}")
        g = positive(self.gamma, "gamma (R&D cost)")
        be = in_interval(self.beta, "beta (spillover)", 0.0, 1.0)
        n = whole_number(self.n, "n (firms)", 2)
        for key, val in (("a", a), ("b", b), ("c", c), ("gamma", g), ("beta", be), ("n", n)):
            object.__setattr__(self, key, val)
        D = n + 1
        worst = max(n - (n - 1) * be, 1 + (n - 1) * be, float(n)) ** 2
        if b * g * D * D <= 2 * worst:
            raise ValueError(f"gamma (R&D cost) too small: the second-order conditions need "
                             f"b·gamma·(n+1)² > {2 * worst:g}, got {b * g * D * D:g}")
        for reg in RND_REGIMES:
            x = self.rnd(reg)
            bb = 1.0 if reg == "rjv" else be
            if c - x * (1 + (n - 1) * bb) < 0:
                raise ValueError(f"gamma (R&D cost) too small for c: under '{reg}' R&D would "
                                 f"push the marginal cost below 0")

    def rnd(self, regime: str) -> float:
        """R&D per firm in ``regime`` (closed form)."""
        if regime not in RND_REGIMES:
            raise ValueError(f"regime must be one of {RND_REGIMES}, got {regime!r}")
        n, b, g, A = self.n, self.b, self.gamma, self.a - self.c
        be = 1.0 if regime == "rjv" else self.beta
        D2 = (n + 1) ** 2
        s = 1 + (n - 1) * be
        if regime == "noncooperative":
            own = n - (n - 1) * be
            return 2 * A * own / (b * g * D2 - 2 * own * s)
        return 2 * A * s / (b * g * D2 - 2 * s * s)

    def outcome(self, regime: str, x: float | None = None) -> RnDOutcome:
        """The symmetric equilibrium of ``regime`` (or at R&D ``x`` per firm)."""
        x = self.rnd(regime) if x is None else float(x)
        be = 1.0 if regime == "rjv" else self.beta
        n = self.n
        uc = self.c - x * (1 + (n - 1) * be)
        q = (self.a - uc) / (self.b * (n + 1))
        Q = n * q
        p = self.a - self.b * Q
        prof = (p - uc) * q - self.gamma * x * x / 2
        cs = self.b * Q * Q / 2
        return RnDOutcome(regime=regime, rnd=x, output=q, price=p, unit_cost=uc, profit=prof,
                          consumer_surplus=cs, welfare=cs + n * prof)

    def solve(self) -> dict:
        """``{regime: RnDOutcome}`` for the three regimes."""
        return {reg: self.outcome(reg) for reg in RND_REGIMES}

    def cooperation_raises_rnd(self) -> bool:
        """ORG-7: the cartel does more R&D than non-cooperating firms iff ``β > 1/2``."""
        return self.rnd("cartel") > self.rnd("noncooperative")

    def _profits_at(self, x: np.ndarray, beta: float) -> np.ndarray:
        """Second-stage Cournot profits (via :func:`gametheory.cournot`) net of R&D cost."""
        costs = self.c - x - beta * (x.sum() - x)
        r = cournot(self.a, self.b, np.maximum(costs, 0.0))
        return np.asarray(r.profits) - self.gamma * x * x / 2

    def rnd_numeric(self, regime: str) -> float:
        """R&D per firm by numeric optimisation of the two-stage game (Cournot stage solved
        by :func:`gametheory.cournot`): for the cartels, maximisation of joint profit over a
        common ``x``; for ``noncooperative``, the symmetric equilibrium as the fixed point
        of a firm's numerically optimised best reply."""
        from scipy.optimize import minimize_scalar

        if regime not in RND_REGIMES:
            raise ValueError(f"regime must be one of {RND_REGIMES}, got {regime!r}")
        be = 1.0 if regime == "rjv" else self.beta
        hi = self.c
        opts = {"xatol": 1e-12 * hi}
        if regime != "noncooperative":
            res = minimize_scalar(lambda x: -self._profits_at(np.full(self.n, x), be).sum(),
                                  bounds=(0.0, hi), method="bounded", options=opts)
            return float(res.x)
        from scipy.optimize import brentq

        def best_reply(x):
            """Firm 0's optimal R&D when every rival does ``x``."""
            def neg(y):
                z = np.full(self.n, x)
                z[0] = y
                return -self._profits_at(z, be)[0]
            return minimize_scalar(neg, bounds=(0.0, hi), method="bounded", options=opts).x

        # the symmetric equilibrium is the fixed point of the best reply (d'AJ's stability
        # condition makes it unique): a root of BR(x) − x on [0, c]
        return float(brentq(lambda x: best_reply(x) - x, 0.0, hi, xtol=1e-12 * hi))

    def cluster_surplus(self) -> float:
        """Total profit of the R&D cartel."""
        return self.n * self.outcome("cartel").profit

    def scattered_surplus(self) -> float:
        """Total profit with non-cooperative R&D."""
        return self.n * self.outcome("noncooperative").profit

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """Symmetric R&D levels derived from the first-order conditions (sympy, any ``n``).

        A representative firm sets ``y`` while the others set ``x``; its Cournot output is
        ``(a − n c_i + Σ_{j≠i} c_j)/(b(n+1))`` and its profit ``b q_i² − γy²/2``.
        """
        a, b, c, g, be, x, y = sp.symbols("a b c gamma beta x y", positive=True)
        n = sp.Symbol("n", positive=True, integer=True)
        ci = c - y - be * (n - 1) * x
        cj = c - x - be * (y + (n - 2) * x)
        qi = (a - n * ci + (n - 1) * cj) / (b * (n + 1))
        pi_i = b * qi**2 - g * y**2 / 2
        foc = sp.diff(pi_i, y).subs(y, x)
        xN = sp.solve(sp.Eq(foc, 0), x)[0]
        q_sym = qi.subs(y, x)
        pi_sym = b * q_sym**2 - g * x**2 / 2
        xC = sp.solve(sp.Eq(sp.diff(pi_sym, x), 0), x)[0]
        exprs = {
            "x_noncooperative": sp.Eq(sp.Symbol("x_N"), sp.factor(xN)),
            "x_cartel": sp.Eq(sp.Symbol("x_C"), sp.factor(xC)),
            "x_rjv": sp.Eq(sp.Symbol("x_J"), sp.factor(xC.subs(be, 1))),
            "output": sp.Eq(sp.Symbol("q"), sp.factor(sp.simplify(q_sym))),
            "threshold": sp.Eq(sp.Symbol("beta^*"),
                               sp.solve(sp.Eq(1 + (n - 1) * be, n - (n - 1) * be), be)[0]),
        }
        syms = {"a": a, "b": b, "c": c, "gamma": g, "beta": be, "n": n, "x": x}
        return ClosedForms(exprs, syms, title="R&D with spillovers (ORG-7)")
