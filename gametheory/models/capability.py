"""Capability building abroad: learning by doing, early cluster entry and late scattered entry.

A host market lasts ``T`` periods and then stays as it is in period ``T + 1`` for ever.
Inverse demand is ``p_t = a(1 + g)^(t−1) − bQ_t``; ``k`` foreign incumbents produce at the
mature cost ``c_f``. ``n`` home firms may each enter once, at a date ``t_i ∈ {1, …, T}``
(or never), paying the sunk cost ``F``. A home firm's unit cost falls with its
experience ``E`` (cumulative effective output; Spence 1981):

    c(E) = max(c_floor, c₀ − λE),

and in a cluster a member also learns from its fellow members' output abroad:
``E_i ← E_i + q_i + s Σ_{j member, j≠i} q_j`` (``s ∈ [0, 1]`` is the learning spillover),
also before it has entered itself — the association passes the pioneers' experience on
to the members that follow.
Each period the firms present play Cournot with their current costs
(:func:`gametheory.markets.cournot`: outputs are chosen period by period; firms do not
over-produce to move down the learning curve, which Spence's open-loop firms do).

*Scattered* entry: the entry dates are a Nash equilibrium of the entry-date game (each
firm commits to a date at the start; no spillovers, each pays ``F``). *Cluster* entry:
the association picks the members' dates to maximise their joint value, members share
learning, and each pays a share ``cost_share`` of ``F`` (a shared platform).
Both are found by brute force over all ``(T + 1)^n`` date profiles (vectorised: one
Cournot solve per period for all profiles).

The paper claims that scattered firms accumulate no dynamic advantage. Here a firm's
*dynamic advantage* is the cost reduction its experience has bought by the end of the
horizon, ``c₀ − c(E_{T+1})`` (averaged over the firms that entered; 0 if none did). The
model returns a verdict on the claim, and :meth:`LearningByDoing.verdict_map` maps where
it is confirmed (scattered firms never enter, the cluster does and learns), qualified
(scattered firms learn, but less than cluster members) or refuted (they learn as much).

References
----------
Spence, A. M. (1981). The learning curve and competition. *Bell Journal of Economics*
12:49–70.
Fudenberg, D. & Tirole, J. (1983). Learning-by-doing and market performance. *Bell
Journal of Economics* 14:522–530.
Arrow, K. J. (1962). The economic implications of learning by doing. *Review of
Economic Studies* 29:155–173.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools

import numpy as np

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import in_interval, nonempty_grid, positive, whole_number
from .base import Model

__all__ = ["LearningByDoing", "VERDICTS"]

#: Verdicts on "scattered firms accumulate no dynamic advantage" (codes are the indices).
VERDICTS = (
    "nobody enters",
    "confirmed: scattered firms accumulate no advantage",
    "qualified: scattered firms learn, but less than cluster members",
    "refuted: scattered firms learn as much as cluster members",
    "depends on the equilibrium",
    "no pure equilibrium of the entry-date game",
)

#: Largest number of date profiles enumerated, ``(T + 1)^n``.
MAX_PROFILES = 200_000


@dataclasses.dataclass(frozen=True)
class EntryPath(ResultMixin):
    """The market over time for one profile of entry dates.

    Arrays are indexed ``[t, i]`` for periods ``t = 1..T+1`` (row 0 is period 1; the last
    row is the stationary period that continues for ever) and home firms ``i``.
    ``costs`` are ``nan`` before a firm enters. ``values`` are each firm's present
    value (profits discounted to period 1, continuation included, net of the entry cost).
    ``advantage`` is each firm's cost reduction ``c₀ − c(E_{T+1})`` (0 if it never entered).
    """

    dates: tuple
    spillover: float
    costs: np.ndarray
    outputs: np.ndarray
    profits: np.ndarray
    prices: np.ndarray
    experience: np.ndarray
    values: np.ndarray
    advantage: np.ndarray


@dataclasses.dataclass(frozen=True)
class CapabilityResult(ResultMixin):
    """Scattered entry equilibria, the cluster's plan, and the verdict on the paper's claim.

    Attributes
    ----------
    scattered_equilibria : tuple of tuples
        Pure Nash equilibria of the entry-date game without spillovers, as sorted date
        profiles (``T + 1`` = never); firms are identical, so permutations are omitted.
    scattered_advantage : ndarray
        Mean dynamic advantage of the entrants in each equilibrium (0 if nobody entered).
    scattered_values : ndarray
        Joint value of the home firms in each equilibrium.
    cluster_dates : tuple
        The association's choice of entry dates (with spillover ``s``).
    cluster_advantage : float
        Mean dynamic advantage of the members that entered.
    cluster_value : float
        Joint value of the members under the plan.
    verdicts : tuple of str
        One verdict (:data:`VERDICTS`) per scattered equilibrium.
    verdict : str
        The common verdict, or "depends on the equilibrium".
    code : int
        Index of ``verdict`` in :data:`VERDICTS`.
    """

    scattered_equilibria: tuple
    scattered_advantage: np.ndarray
    scattered_values: np.ndarray
    cluster_dates: tuple
    cluster_advantage: float
    cluster_value: float
    verdicts: tuple
    verdict: str
    code: int


@dataclasses.dataclass(frozen=True)
class LearningByDoing(Model):
    """Entry timing and learning by doing abroad, scattered vs clustered (Spence 1981 costs).

    Parameters
    ----------
    n : int in 1..6
        Potential home entrants (cluster members).
    T : int ≥ 1
        Periods before the market becomes stationary.
    a, b : float > 0
        Period-1 demand intercept and slope.
    growth : float > −1
        Per-period growth rate of the intercept.
    c0 : float ≥ 0
        Unit cost of a home firm without experience.
    c_floor : float in [0, c0]
        Lowest unit cost experience can bring.
    learning : float ≥ 0
        ``λ``: cost reduction per unit of effective experience.
    F : float ≥ 0
        Sunk entry cost.
    spillover : float in [0, 1]
        ``s``: share of a fellow member's output that counts as one's own experience
        (cluster only).
    cost_share : float in (0, 1]
        Share of ``F`` a member pays when it enters through the cluster (a shared
        platform; e.g. its Shapley share of an
        :class:`~gametheory.models.cost_sharing.EntryCostGame` over its standalone cost).
        1 means no cost sharing.
    k : int ≥ 0
        Foreign incumbents.
    c_foreign : float ≥ 0
        Their unit cost.
    discount : float in (0, 1)
        Discount factor per period.

    Notes
    -----
    Money (``a, b, c0, c_floor, learning, c_foreign, F``) may be in any unit: scaling all
    by ``λ`` leaves every date, equilibrium and verdict unchanged and scales values and
    costs by ``λ``. Requires ``(T + 1)^n ≤`` :data:`MAX_PROFILES`.

    References
    ----------
    Spence (1981); Fudenberg & Tirole (1983).

    Examples
    --------
    >>> m = LearningByDoing()
    >>> r = m.solve()
    >>> r.cluster_dates, r.verdict
    ((1, 5, 5), 'confirmed: scattered firms accumulate no advantage')
    """

    n: int = 3
    T: int = 4
    a: float = 100.0
    b: float = 1.0
    growth: float = 0.0
    c0: float = 56.0
    c_floor: float = 20.0
    learning: float = 1.0
    F: float = 6000.0
    spillover: float = 0.5
    cost_share: float = 0.5
    k: int = 2
    c_foreign: float = 40.0
    discount: float = 0.9

    def _validate(self):
        n = whole_number(self.n, "n (home firms)", 1, 6)
        T = whole_number(self.T, "T (periods)", 1, 60)
        if (T + 1) ** n > MAX_PROFILES:
            raise ValueError(f"n and T are too large for brute force: (T + 1)^n = {(T + 1) ** n} "
                             f"date profiles (at most {MAX_PROFILES})")
        vals = dict(
            n=n, T=T,
            a=positive(self.a, "a (demand intercept)"),
            b=positive(self.b, "b (demand slope)"),
            growth=in_interval(self.growth, "growth (per-period demand growth)", -1.0, 10.0,
                               closed="right"),
            c0=positive(self.c0, "c0 (unit cost without experience)", strict=False),
            learning=positive(self.learning, "learning (cost reduction per unit of experience)",
                              strict=False),
            F=positive(self.F, "F (sunk entry cost)", strict=False),
            spillover=in_interval(self.spillover, "spillover", 0.0, 1.0),
            cost_share=in_interval(self.cost_share, "cost_share", 0.0, 1.0, closed="right"),
            k=whole_number(self.k, "k (foreign incumbents)", 0, 1000),
            c_foreign=positive(self.c_foreign, "c_foreign (incumbents' unit cost)", strict=False),
            discount=in_interval(self.discount, "discount", 0.0, 1.0, closed="neither"),
        )
        vals["c_floor"] = in_interval(self.c_floor, "c_floor (lowest unit cost)", 0.0, vals["c0"])
        for key, v in vals.items():
            object.__setattr__(self, key, v)

    # ------------------------------------------------------------------ simulation
    def _simulate(self, dates: np.ndarray, spillover: float, entry_cost: float | None = None):
        """Vectorised over profiles: ``dates`` (P, n) in 1..T+1 (T+1 = never)."""
        from ..markets import cournot

        P, n, T = dates.shape[0], self.n, self.T
        E = np.zeros((P, n))
        costs = np.full((T + 1, P, n), np.nan)
        outputs = np.zeros((T + 1, P, n))
        profits = np.zeros((T + 1, P, n))
        prices = np.zeros((T + 1, P))
        entered = dates <= T
        for t in range(1, T + 2):
            a_t = self.a * (1.0 + self.growth) ** (t - 1 if t <= T else T)
            present = dates <= min(t, T)
            c = np.maximum(self.c_floor, self.c0 - self.learning * E)
            c_mkt = np.where(present, c, max(a_t, self.c0))     # absent firms are priced out
            eq = cournot(a_t, self.b, c_mkt, incumbents=self.k,
                         incumbent_cost=self.c_foreign if self.k else None)
            q = np.where(present, np.asarray(eq.quantities)[..., :n], 0.0)
            costs[t - 1] = np.where(present, c, np.nan)
            outputs[t - 1] = q
            profits[t - 1] = np.where(present, np.asarray(eq.profits)[..., :n], 0.0)
            prices[t - 1] = eq.price
            if t <= T:
                E = E + q + spillover * (q.sum(axis=1, keepdims=True) - q)
        d = self.discount
        disc = d ** np.arange(T + 1)
        disc[T] = d**T / (1.0 - d)                                 # stationary continuation
        values = np.einsum("t,tpi->pi", disc, profits) - np.where(
            entered, (self.F if entry_cost is None else entry_cost) * d ** (dates - 1.0), 0.0)
        adv = np.where(entered, self.c0 - np.maximum(self.c_floor, self.c0 - self.learning * E),
                       0.0)
        return costs, outputs, profits, prices, E, values, adv

    def path(self, dates, spillover: float | None = None, cluster: bool = True) -> EntryPath:
        """The market over time for entry dates ``dates`` (one per firm; ``T + 1`` = never).

        With ``cluster=True`` the members learn from each other (``spillover``, default the
        model's) and pay ``cost_share · F``; with ``cluster=False`` they are scattered: no
        spillover, full entry cost.
        """
        d = np.asarray(dates)
        if d.shape != (self.n,) or d.dtype.kind not in "iu":
            raise ValueError(f"dates must be {self.n} whole numbers (one entry date per firm), "
                             f"got {dates!r}")
        if np.any((d < 1) | (d > self.T + 1)):
            raise ValueError(f"dates must lie in 1..{self.T + 1} ({self.T + 1} = never), got {d}")
        if cluster:
            s = self.spillover if spillover is None else in_interval(spillover, "spillover",
                                                                     0.0, 1.0)
            fee = self.cost_share * self.F
        else:
            s, fee = 0.0, self.F
        costs, q, pi, p, E, values, adv = self._simulate(d[None, :].astype(int), s, fee)
        return EntryPath(dates=tuple(int(x) for x in d), spillover=s, costs=costs[:, 0],
                         outputs=q[:, 0], profits=pi[:, 0], prices=p[:, 0], experience=E[0],
                         values=values[0], advantage=adv[0])

    @functools.cached_property
    def _profiles(self) -> np.ndarray:
        grid = itertools.product(range(1, self.T + 2), repeat=self.n)
        return np.array(list(grid), dtype=int)

    def payoff_table(self, cluster: bool = False) -> np.ndarray:
        """Every firm's value for every date profile: shape ``(T + 1,)*n + (n,)``.

        Scattered (default: no spillover, full entry cost) or as cluster members.
        """
        s, fee = (self.spillover, self.cost_share * self.F) if cluster else (0.0, self.F)
        values = self._simulate(self._profiles, s, fee)[5]
        return values.reshape((self.T + 1,) * self.n + (self.n,))

    # ------------------------------------------------------------------ equilibria
    def scattered_equilibria(self) -> list[tuple]:
        """Pure Nash equilibria of the entry-date game without spillovers (sorted profiles)."""
        return self._equilibria(self._simulate(self._profiles, 0.0)[5])

    def _equilibria(self, values):
        n, T = self.n, self.T
        table = values.reshape((T + 1,) * n + (n,))
        tol = tolerance(table, self.F)
        ok = np.ones((T + 1,) * n, dtype=bool)
        for i in range(n):
            own = table[..., i]
            ok &= own >= own.max(axis=i, keepdims=True) - tol
        found = {tuple(sorted(int(x) + 1 for x in idx)) for idx in zip(*np.nonzero(ok),
                                                                        strict=True)}
        return sorted(found)

    def cluster_plan(self) -> tuple:
        """Entry dates maximising the members' joint value with spillovers (earliest on ties)."""
        values = self._simulate(self._profiles, self.spillover,
                                self.cost_share * self.F)[5].sum(axis=1)
        tol = tolerance(values, self.F)
        best = values.max()
        cands = [tuple(sorted(int(x) for x in self._profiles[i]))
                 for i in np.flatnonzero(values >= best - tol)]
        return min(cands)

    def _scattered(self):
        """Scattered equilibria with each one's mean advantage and joint value."""
        eqs = self._equilibria(self._simulate(self._profiles, 0.0)[5])
        adv, val = [], []
        for eq in eqs:
            p = self.path(np.array(eq), cluster=False)
            ent = np.array(eq) <= self.T
            adv.append(float(p.advantage[ent].mean()) if ent.any() else 0.0)
            val.append(float(p.values.sum()))
        return eqs, np.array(adv), np.array(val)

    def _verdict(self, eqs, adv_s, val_s):
        plan = self.cluster_plan()
        cp = self.path(np.array(plan))
        entered = np.array(plan) <= self.T
        adv_c = float(cp.advantage[entered].mean()) if entered.any() else 0.0
        tol = tolerance(self.c0, self.c_floor, adv_c, adv_s)
        verdicts = tuple(VERDICTS[self._code(a, adv_c, tol)] for a in adv_s)
        if not eqs:
            verdict = VERDICTS[5]
        elif len(set(verdicts)) == 1:
            verdict = verdicts[0]
        else:
            verdict = VERDICTS[4]
        return plan, cp, (verdicts, verdict, VERDICTS.index(verdict)), adv_c

    def solve(self) -> CapabilityResult:
        """Scattered equilibria, the cluster's plan and the verdict on the paper's claim."""
        eqs, adv_s, val_s = self._scattered()
        plan, cp, (verdicts, verdict, code), adv_c = self._verdict(eqs, adv_s, val_s)
        return CapabilityResult(
            scattered_equilibria=tuple(eqs), scattered_advantage=adv_s,
            scattered_values=val_s, cluster_dates=plan, cluster_advantage=adv_c,
            cluster_value=float(cp.values.sum()), verdicts=verdicts, verdict=verdict,
            code=code)

    @staticmethod
    def _code(adv_s: float, adv_c: float, tol: float) -> int:
        if adv_s <= tol:
            return 0 if adv_c <= tol else 1
        return 3 if adv_s >= adv_c - tol else 2

    def verdict_map(self, spillovers, entry_costs) -> np.ndarray:
        """Verdict codes (indices into :data:`VERDICTS`) over ``spillovers × entry_costs``.

        The scattered equilibria do not depend on the spillover, so they are solved once
        per entry cost.
        """
        ss = nonempty_grid(spillovers, "spillovers")
        Fs = nonempty_grid(entry_costs, "entry_costs")
        if np.any((ss < 0) | (ss > 1)):
            raise ValueError(f"spillovers must lie in [0, 1], got range [{ss.min()}, {ss.max()}]")
        if np.any(Fs < 0):
            raise ValueError(f"entry_costs must be >= 0, got min {Fs.min()}")
        out = np.empty((ss.size, Fs.size), dtype=int)
        for j, F in enumerate(Fs):
            base = self.replace(F=float(F))
            scattered = base._scattered()
            for i, s in enumerate(ss):
                out[i, j] = base.replace(spillover=float(s))._verdict(*scattered)[2][2]
        return out

    def cluster_surplus(self) -> float:
        """Joint value of the members under the association's plan (with spillovers)."""
        return self.solve().cluster_value

    def scattered_surplus(self) -> float:
        """Joint value of the home firms in the worst scattered equilibrium."""
        vals = self.solve().scattered_values
        return float(vals.min()) if vals.size else float("nan")
