"""Voluntary contributions to a shared platform: free riding inside the cluster.

The cost-sharing mechanism assumes that the members pay their shares of the platform
abroad (an industrial park, a service centre, a joint marketing office). Here they
contribute voluntarily instead. Member ``i`` values the platform's capacity ``T`` (what
exists already, ``T_0 > 0``, plus the contributions ``G = Σ g_j``) at ``a_i ln T`` and
pays its own contribution ``g_i ∈ [0, w_i]`` (``w_i`` the most it can put in):

    u_i = a_i ln(T_0 + Σ_j g_j) − g_i.

**Nash equilibrium** (Bergstrom, Blume & Varian 1986). Member ``i``'s best response is
``g_i = min(w_i, max(0, a_i − T_0 − G_{−i}))``: it tops the platform up to its own ideal
``a_i`` if it can. In equilibrium the capacity ``T_N`` is the unique fixed point of

    T = T_0 + Σ_{a_i > T} w_i + Σ_{a_i = T} g_i,          g_i ∈ [0, w_i],

so members valuing the platform more than ``T_N`` give all they can, those valuing it
less give nothing, and with budgets that do not bind ``T_N = max(T_0, max_i a_i)``: only
the member(s) who value it most contribute (FREE-1).

**Efficient provision** (Samuelson 1954). The members' joint surplus
``Σ a_i ln T − (T − T_0)`` is largest at ``T* = min(max(T_0, Σ_i a_i), T_0 + Σ_i w_i)``;
``T_N ≤ T*``, strictly when two or more members value the platform and budgets allow.
With ``n`` identical members ``T_N = a`` against ``T* = n a``: free riding worsens with
the size of the cluster (Olson 1965) — the claim that a cluster shares costs holds only
where its organisation can enforce the shares (FREE-3).

**Neutrality** (Warr 1983; BBV 1986). Moving budget among members who contribute, so
that each still contributes, leaves ``T_N`` and everyone's utility unchanged: who pays
within the group of contributors does not matter, and a subsidy paid to a contributor
crowds out its own contribution one for one (FREE-2).

References
----------
Samuelson, P. A. (1954). The pure theory of public expenditure. *Review of Economics and
Statistics* 36:387–389.
Olson, M. (1965). *The Logic of Collective Action*. Harvard University Press.
Warr, P. G. (1983). The private provision of a public good is independent of the
distribution of income. *Economics Letters* 13:207–211.
Bergstrom, T., Blume, L. & Varian, H. (1986). On the private provision of public goods.
*Journal of Public Economics* 29:25–49.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, names_for, positive
from .base import ClosedForms, Model

__all__ = ["PlatformSubscription", "SubscriptionOutcome"]


@dataclasses.dataclass(frozen=True)
class SubscriptionOutcome(ResultMixin):
    """Voluntary against efficient provision of the shared platform.

    Attributes
    ----------
    capacity_nash, capacity_efficient : float
        ``T_N`` (Nash equilibrium of voluntary contributions) and ``T*`` (the members'
        joint optimum, what enforced cost shares can reach).
    contributions : numpy.ndarray
        Each member's equilibrium contribution ``g_i`` (where several members value the
        platform exactly at ``T_N`` the split among them is not determined; the one
        returned fills their budgets in member order).
    contributors : tuple of str
        Members who contribute in equilibrium.
    utility_nash : numpy.ndarray
        ``u_i`` at the equilibrium.
    surplus_nash, surplus_efficient : float
        ``Σ a_i ln T − (T − T_0)`` at ``T_N`` and at ``T*``.
    free_riding_loss : float
        ``surplus_efficient − surplus_nash ≥ 0``.
    provision_ratio : float
        ``(T_N − T_0)/(T* − T_0)``: the share of the efficient addition that voluntary
        contributions deliver (1 when nothing should be added).
    """

    capacity_nash: float
    capacity_efficient: float
    contributions: np.ndarray
    contributors: tuple
    utility_nash: np.ndarray
    surplus_nash: float
    surplus_efficient: float
    free_riding_loss: float
    provision_ratio: float


@dataclasses.dataclass(frozen=True)
class PlatformSubscription(Model):
    """Voluntary contributions to the cluster's shared platform (FREE-1 … FREE-3).

    Parameters
    ----------
    values : array_like, > 0
        ``a_i``: member ``i``'s valuation of capacity (``a_i ln T``); the capacity it would
        choose if it paid alone without a budget limit.
    budgets : array_like, >= 0, optional
        ``w_i``: the most member ``i`` can contribute (default: no limit).
    base : float, > 0
        ``T_0``: capacity that exists without contributions.
    names : sequence of str, optional

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.PlatformSubscription(values=[30.0, 20.0, 10.0]).solve()
    >>> r.capacity_nash, r.capacity_efficient, r.contributors
    (30.0, 60.0, ('0',))
    >>> round(r.free_riding_loss, 3)
    11.589

    References
    ----------
    Bergstrom, Blume & Varian (1986); Warr (1983); Samuelson (1954); Olson (1965).
    """

    values: np.ndarray = dataclasses.field(
        default_factory=lambda: np.array([30.0, 20.0, 10.0]))
    budgets: np.ndarray | None = None
    base: float = 1.0
    names: tuple | None = None

    def _validate(self):
        a = finite_array(self.values, "values (each member's valuation a_i)", ndim=1)
        if a.size == 0:
            raise ValueError("values (each member's valuation a_i) must name at least one "
                             "member")
        if np.any(a <= 0):
            raise ValueError(f"values (each member's valuation a_i) must be > 0, got "
                             f"{a.tolist()}")
        if self.budgets is None:
            w = np.full(a.size, np.inf)
        else:
            what = "budgets (the most each member can contribute; inf: no limit)"
            if isinstance(self.budgets, (str, bytes)):
                raise TypeError(f"{what} must be numbers, got {self.budgets!r}")
            try:
                w = np.array(self.budgets, dtype=float)
            except (TypeError, ValueError):
                raise TypeError(f"{what} must be numbers, got {self.budgets!r}") from None
            if w.shape != a.shape:
                raise ValueError(f"{what} needs one entry per member ({a.size}), got shape "
                                 f"{w.shape}")
            if np.isnan(w).any() or np.any(w < 0):
                raise ValueError(f"{what} must be >= 0, got {w.tolist()}")
        T_0 = positive(self.base, "base (capacity without contributions, T_0)")
        object.__setattr__(self, "values", a)
        object.__setattr__(self, "budgets", None if self.budgets is None else w)
        object.__setattr__(self, "base", T_0)
        object.__setattr__(self, "names", names_for(a.size, self.names, "member"))

    # ------------------------------------------------------------------ primitives
    @property
    def _w(self) -> np.ndarray:
        return np.full(self.values.size, np.inf) if self.budgets is None else self.budgets

    def utility(self, contributions) -> np.ndarray:
        """``u_i = a_i ln(T_0 + Σ g) − g_i`` for a contribution profile."""
        g = finite_array(contributions, "contributions", shape=self.values.shape)
        if np.any(g < 0) or np.any(g > self._w):
            raise ValueError("contributions must lie in [0, budgets]")
        return self.values * np.log(self.base + g.sum()) - g

    def best_response(self, i: int, others: float) -> float:
        """``g_i = min(w_i, max(0, a_i − T_0 − G_{−i}))``: member ``i``'s best contribution
        when the others give ``G_{−i}`` in total."""
        return float(min(self._w[i], max(0.0, self.values[i] - self.base - others)))

    def surplus(self, capacity) -> np.ndarray:
        """The members' joint surplus ``Σ a_i ln T − (T − T_0)`` at capacity ``T``."""
        T = np.asarray(capacity, dtype=float)
        return self.values.sum() * np.log(T) - (T - self.base)

    # ------------------------------------------------------------------ equilibria
    def nash_capacity(self) -> float:
        """``T_N``: the fixed point of ``T = T_0 + Σ_{a_i > T} w_i + Σ_{a_i = T} g_i``.

        Members in decreasing order of ``a``: with the first ``k`` giving all they can,
        ``T_k = T_0 + Σ_{j<k} w_j``; the equilibrium is at the first ``k`` where member
        ``k`` would not exceed its own ideal, ``T = min(a_k, T_k + w_k)`` if ``a_k > T_k``,
        else ``T_k``.
        """
        a, w = self.values, self._w
        order = np.argsort(-a, kind="stable")
        T = self.base
        for i in order:
            if a[i] <= T:
                break
            if a[i] <= T + w[i]:
                return float(a[i])
            T += w[i]
        return float(T)

    def efficient_capacity(self) -> float:
        """``T* = min(max(T_0, Σ a_i), T_0 + Σ w_i)`` (Samuelson: ``Σ a_i/T = 1``)."""
        return float(min(max(self.base, self.values.sum()), self.base + self._w.sum()))

    def nash_contributions(self) -> np.ndarray:
        """An equilibrium profile: members with ``a_i > T_N`` give their budgets, those
        with ``a_i = T_N`` fill what is left in member order, the others give 0."""
        a, w = self.values, self._w
        T = self.nash_capacity()
        tol = tolerance(a, self.base, T)
        g = np.zeros(a.size)
        above = a > T + tol
        g[above] = w[above]
        rest = T - self.base - g.sum()
        for i in np.flatnonzero(np.abs(a - T) <= tol):
            g[i] = min(w[i], max(rest, 0.0))
            rest -= g[i]
        return g

    def solve(self) -> SubscriptionOutcome:
        T_n, T_e = self.nash_capacity(), self.efficient_capacity()
        g = self.nash_contributions()
        s_n, s_e = float(self.surplus(T_n)), float(self.surplus(T_e))
        add = T_e - self.base
        return SubscriptionOutcome(
            capacity_nash=T_n, capacity_efficient=T_e, contributions=g,
            contributors=tuple(n for n, x in zip(self.names, g, strict=True) if x > 0),
            utility_nash=self.values * np.log(T_n) - g,
            surplus_nash=s_n, surplus_efficient=s_e,
            free_riding_loss=max(s_e - s_n, 0.0),
            provision_ratio=1.0 if add <= tolerance(T_e, self.base) else (T_n - self.base) / add)

    def cluster_surplus(self) -> float:
        """The members' joint surplus when the cluster enforces cost shares (``T*``)."""
        return float(self.surplus(self.efficient_capacity()))

    def scattered_surplus(self) -> float:
        """The members' joint surplus under voluntary contributions (``T_N``)."""
        return float(self.surplus(self.nash_capacity()))

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """``n`` identical members (valuation ``a``, no budget limit, ``a > T_0``): Nash and
        efficient capacity and the free-riding loss, from the first-order conditions."""
        a, T_0, T, G = sp.symbols("a T_0 T G", positive=True)
        n = sp.Symbol("n", positive=True, integer=True)
        # a contributor's first-order condition a/T = 1 and the members' joint a n/T = 1
        T_nash = sp.solve(sp.Eq(sp.diff(a * sp.log(T_0 + G) - G, G), 0), G)[0] + T_0
        T_eff = sp.solve(sp.Eq(sp.diff(n * a * sp.log(T) - (T - T_0), T), 0), T)[0]
        loss = (n * a * sp.log(T_eff) - (T_eff - T_0)) - (n * a * sp.log(T_nash) - (T_nash - T_0))
        exprs = {
            "capacity_nash": sp.Eq(sp.Symbol("T_N"), sp.simplify(T_nash)),
            "capacity_efficient": sp.Eq(sp.Symbol("T^*"), T_eff),
            "free_riding_loss": sp.Eq(sp.Symbol("L"), sp.simplify(sp.expand_log(loss,
                                                                             force=True))),
        }
        return ClosedForms(exprs, {"a": a, "base": T_0, "n": n},
                           title="Voluntary contributions to a shared platform (FREE-1, FREE-3)")
