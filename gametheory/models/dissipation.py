"""M4: internal dissipation — uncoordinated (policy-pushed) entry against the cluster optimum.

Home entrants from one cluster enter a host market held by ``k`` foreign incumbents.
Post-entry competition is non-cooperative Cournot with linear demand ``P = a − bQ``
(output cartels are illegal
abroad and rarely pay, see :func:`merger_outcome`). With ``m`` home entrants each
home firm has marginal cost

    c(m) = max(c_0 − γ (m − 1), c_floor)            (capped agglomeration economies)

and every foreign incumbent has cost ``c_f``. Entry costs ``F`` per home entrant; an
entry subsidy (the "policy push") pays the share ``s ∈ [0, 1)`` of ``F``.

* Free (scattered, uncoordinated) entry ``m_U(s)``: the greatest pure Nash equilibrium
  count of the symmetric entry game among ``n_potential`` home firms, in which an
  entrant earns ``u(m) = π(m) − (1 − s)F`` when ``m`` firms enter and an outsider earns
  0. With agglomeration ``π(m)`` may rise then fall (hump), so several equilibrium
  counts can coexist (all are reported); the greatest one is the largest ``m`` with
  ``π(m) ≥ (1 − s)F`` and is the free-entry count.
* Cluster optimum ``m_C``: the count that maximises the home country's (national)
  surplus ``W_H(m) = m (π(m) − F)`` — the subsidy ``sF`` per entrant is a transfer
  from the home taxpayer and nets out. The private view ``m (π(m) − (1 − s)F)``
  is reported too.
* Internal dissipation occurs for ``m ∈ (m_C, m_U(s)]``; its size is
  ``W_H(m_C) − W_H(m_U(s))``.

Also here: Cournot rent dissipation ``D(n) = ((n − 1)/(n + 1))²``; Mankiw–Whinston
excess entry; the merger paradox and the cost-synergy frontier; the Tullock contest.

References
----------
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND
Journal of Economics* 17:48–58.
Suzumura, K. & Kiyono, K. (1987). Entry barriers and economic welfare. *Review of
Economic Studies* 54:157–167.
Salant, S. W., Switzer, S. & Reynolds, R. J. (1983). Losses from horizontal merger.
*Quarterly Journal of Economics* 98:185–199.
Tullock, G. (1980). Efficient rent seeking. In Buchanan, Tollison & Tullock (eds.),
*Toward a Theory of the Rent-Seeking Society*, 97–112.
Dixit, A. & Kyle, A. (1985). The use of protection and subsidies for entry promotion
and deterrence. *American Economic Review* 75:139–152.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import RTOL, argmax_first, data_scale, tolerance
from .._validation import entrant_counts, in_interval, nonempty_grid, positive, whole_number
from .base import Model


# --------------------------------------------------------------------------- host market
def validate_host_market(a, b, c0, c_floor, k, c_f) -> None:
    """Checks shared by the models built on this host market (M4 and M0).

    ``a, b > 0`` with ``a²/b`` a finite float; home cost ``0 ≤ c_floor ≤ c0 < a``;
    ``k ≥ 0`` whole foreign incumbents with cost ``0 ≤ c_f < a``.
    """
    from ..markets._common import check_scale

    a = positive(a, "a (demand intercept)")
    b = positive(b, "b (demand slope)")
    check_scale(a, b)
    c0 = positive(c0, "c0 (home marginal cost)", strict=False)
    if c0 >= a:
        raise ValueError(f"home marginal cost c0={c0} must be below the demand intercept a={a}")
    fl = positive(c_floor, "c_floor (lowest home cost)", strict=False)
    if fl > c0:
        raise ValueError(f"c_floor={fl} must not exceed c0={c0}")
    whole_number(k, "k (foreign incumbents)", 0)
    cf = positive(c_f, "c_f (foreign marginal cost)", strict=False)
    if cf >= a:
        raise ValueError(f"foreign marginal cost c_f={cf} must be below the demand "
                         f"intercept a={a}")


def host_cournot(a: float, b: float, m: int, c_home: float, k: int, c_foreign: float):
    """The host-market Cournot equilibrium (:func:`gametheory.markets.cournot`) with ``m``
    home firms of cost ``c_home`` (listed first) and ``k`` foreign incumbents of cost
    ``c_foreign``; ``m + k ≥ 1``. The engine finds the active set (priced-out groups
    produce 0). Shared by the M4 and M0 models."""
    from ..markets import cournot

    return cournot(a, b, [c_home] * m, incumbents=k, incumbent_cost=c_foreign if k else None)


def free_entry_counts(payoffs, scale: float = 0.0, rtol: float = RTOL) -> tuple:
    """Pure-Nash entry counts of the symmetric entry game with entrant payoff ``payoffs[m−1]``.

    Solved by the engine's count structure (:meth:`EntryGame.equilibrium_structure`);
    payoffs within ``rtol · max(scale, max|payoff|)`` of zero are ties (the engine's tie
    policy; ``scale`` is the size of the profits and fees the payoffs are differences
    of), so exact break-even counts survive rounding in any unit. The free-entry count is
    the greatest of them.
    """
    from ..noncooperative import EntryGame

    u = np.asarray(payoffs, dtype=float)
    st = EntryGame.from_count_payoffs(u, scale=scale).equilibrium_structure(tol=rtol)
    return tuple(m for m, c in enumerate(st.count) if c > 0)


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class DissipationResult(ResultMixin):
    """Entry outcome of :class:`DissipationEntry` (counts ``m = 0 … n_potential``).

    Attributes
    ----------
    m : ndarray of int
        Home entrant counts ``0 … n_potential``.
    cost : ndarray
        Home marginal cost ``c(m)`` (``nan`` at ``m = 0``).
    profit : ndarray
        Operating profit per home firm ``π(m)`` (net of the risk premium if any).
    total_profit : ndarray
        ``m π(m)`` (gross of entry costs).
    national_surplus : ndarray
        ``W_H(m) = m (π(m) − F)``: home profits net of entry costs, the subsidy being
        a transfer (national-welfare view).
    private_surplus : ndarray
        ``m (π(m) − (1 − s)F)``: what the entrants keep (private view).
    equilibrium_counts : tuple of int
        All pure-Nash entry counts of the entry game (free entry).
    m_free : int
        Free-entry count ``m_U(s)`` (the greatest equilibrium count).
    m_cluster : int
        Cluster optimum ``m_C = argmax W_H(m)`` (smallest maximiser).
    m_cluster_private : int
        ``argmax`` of the private surplus.
    dissipation : float
        ``max_{m ≤ m_C} W_H(m) − W_H(m_U(s)) ≥ 0`` when ``m_U > m_C`` (else 0): national
        surplus the uncoordinated entrants lose by entering beyond the cluster's count.
    dissipation_region : tuple of int
        Counts ``m`` with ``m_C < m ≤ m_U(s)`` (empty when there is no over-entry).
    subsidy_cost : float
        ``s F m_U(s)`` paid by the home government at free entry.
    cluster_surplus : ndarray
        ``W_C(m) = m (π_C(m) − F)``: national surplus when the cluster sends ``m`` (its
        agglomeration economies in full); equal to ``national_surplus`` when ``ψ = 1``.
    """

    m: np.ndarray
    cost: np.ndarray
    profit: np.ndarray
    total_profit: np.ndarray
    national_surplus: np.ndarray
    private_surplus: np.ndarray
    equilibrium_counts: tuple
    m_free: int
    m_cluster: int
    m_cluster_private: int
    dissipation: float
    dissipation_region: tuple
    subsidy_cost: float
    cluster_surplus: np.ndarray


@dataclasses.dataclass(frozen=True)
class ExcessEntryResult(ResultMixin):
    """Mankiw–Whinston excess entry in symmetric linear Cournot (see :func:`excess_entry`)."""

    z: float
    n_free_continuous: float
    n_welfare_continuous: float
    n_free: int
    n_welfare: int
    welfare_slope_at_free: float
    welfare: np.ndarray
    n: np.ndarray


@dataclasses.dataclass(frozen=True)
class MergerResult(ResultMixin):
    """Merger of ``m`` of ``n`` symmetric Cournot firms (see :func:`merger_outcome`)."""

    n: int
    m: int
    synergy: float
    profit_before: float
    profit_after: float
    gain: float
    profitable: bool
    interior: bool


@dataclasses.dataclass(frozen=True)
class ContestResult(ResultMixin):
    """Symmetric Tullock lottery contest (see :func:`tullock_contest`)."""

    n: int
    prize: float
    outlay: float
    total_outlay: float
    dissipated_share: float
    payoff: float


# --------------------------------------------------------------------------- free functions
def excess_entry(a: float, b: float, c: float, F: float, s: float = 0.0,
                 n_max: int | None = None) -> ExcessEntryResult:
    """Free entry against the welfare optimum in symmetric linear Cournot (DISS-1).

    Total surplus ``W(n) = CS(n) + n π(n) − nF = (A/2) n(n + 2)/(n + 1)² − nF`` with
    ``A = (a − c)²/b``. With ``z = A/F``: the free-entry count solves
    ``π(n) = (1 − s)F``, so ``n_e + 1 = (z/(1 − s))^{1/2}``; the welfare optimum solves
    ``W'(n) = A/(n + 1)³ − F = 0``, so ``n_W + 1 = z^{1/3}``. In integers ``n_e`` is the
    largest ``n`` with ``π(n) ≥ (1 − s)F`` and ``n_W`` maximises ``W`` (computed with the
    market engine, consumer surplus included); ``n_e ≥ n_W − 1``.

    References: Mankiw & Whinston (1986, RAND 17:48), Suzumura & Kiyono (1987, RES 54:157).
    """
    a = positive(a, "a (demand intercept)")
    b = positive(b, "b (demand slope)")
    c = positive(c, "c (marginal cost)", strict=False)
    if c >= a:
        raise ValueError(f"marginal cost c={c} must be below the demand intercept a={a}")
    F = positive(F, "F (entry cost)")
    s = in_interval(s, "s (entry subsidy rate)", 0.0, 1.0, closed="left")
    A = (a - c) ** 2 / b
    z = A / F
    ne_c = math.sqrt(z / (1 - s)) - 1
    nw_c = z ** (1 / 3) - 1
    if n_max is None:
        n_max = max(int(math.ceil(ne_c)) + 2, int(math.ceil(nw_c)) + 2, 2)
    n_max = whole_number(n_max, "n_max", 1)
    ns = np.arange(0, n_max + 1)
    W = np.zeros(ns.size)
    pi = np.zeros(ns.size)
    for i, n in enumerate(ns):
        if n == 0:
            continue
        eq = host_cournot(a, b, int(n), c, 0, 0.0)
        pi[i] = float(eq.profits[0])
        W[i] = float(eq.consumer_surplus) + n * pi[i] - n * F
    ok = pi[1:] >= (1 - s) * F - tolerance(pi, F)
    n_e = int(ns[1:][ok].max()) if ok.any() else 0
    n_w = int(ns[argmax_first(W, F, pi)])
    slope = A / (ne_c + 1) ** 3 - F
    return ExcessEntryResult(z=z, n_free_continuous=ne_c, n_welfare_continuous=nw_c,
                             n_free=n_e, n_welfare=n_w, welfare_slope_at_free=slope,
                             welfare=W, n=ns)


def merger_outcome(a: float, b: float, c: float, n: int, m: int,
                   synergy: float = 0.0) -> MergerResult:
    """Merger of ``m`` of ``n`` symmetric Cournot firms into one player with cost ``c − synergy``.

    Computed from the Cournot engine: before, ``n`` firms at cost ``c``; after, the
    merged firm (cost ``c − D``) and ``n − m`` outsiders (cost ``c``). Without synergy
    the merger is profitable iff ``(n + 1)² > m (n − m + 2)²`` (Salant, Switzer &
    Reynolds 1983, QJE 98:185). ``interior`` is False when an outsider is priced out
    (then the closed forms do not apply).
    """
    a = positive(a, "a (demand intercept)")
    b = positive(b, "b (demand slope)")
    c = positive(c, "c (marginal cost)", strict=False)
    if c >= a:
        raise ValueError(f"marginal cost c={c} must be below the demand intercept a={a}")
    n = whole_number(n, "n (number of firms)", 2)
    m = whole_number(m, "m (number of merging firms)", 2)
    if m > n:
        raise ValueError(f"cannot merge m={m} of only n={n} firms")
    D = positive(synergy, "synergy (marginal-cost reduction)", strict=False)
    if D > c:
        raise ValueError(f"synergy={D} exceeds the marginal cost c={c} (costs must stay >= 0)")
    from ..markets import cournot

    before = cournot(a, b, [c] * n)
    pi_before = m * float(before.profits[0])
    after = cournot(a, b, [c - D] + [c] * (n - m))
    pi_after = float(after.profits[0])
    q_after = np.asarray(after.quantities, dtype=float)
    interior = bool(np.all(q_after > 0))
    gain = pi_after - pi_before
    return MergerResult(n=n, m=m, synergy=D, profit_before=pi_before, profit_after=pi_after,
                        gain=gain, profitable=bool(gain > tolerance(pi_before, pi_after)),
                        interior=interior)


def synergy_frontier(a: float, c: float, n: int, m):
    """Smallest marginal-cost cut ``D*(m)`` that makes a merger of ``m`` of ``n`` profitable.

    ``D*(m) = (a − c)(√m (n − m + 2)/(n + 1) − 1)/(n − m + 1)`` (our derivation, DISS-4):
    the merged firm's interior profit ``b((a − c + (n − m + 1)D)/(b(n − m + 2)))²``
    must reach ``m`` times the pre-merger profit ``(a − c)²/(b(n + 1)²)``. Valid for
    interior outputs, i.e. ``D < a − c`` (always true of ``D*``); negative values mean
    the merger pays even without synergy. Vectorised over ``m`` in ``2 … n``.
    """
    a = positive(a, "a (demand intercept)")
    c = positive(c, "c (marginal cost)", strict=False)
    if c >= a:
        raise ValueError(f"marginal cost c={c} must be below the demand intercept a={a}")
    n = whole_number(n, "n (number of firms)", 2)
    m = np.asarray(m)
    if m.dtype.kind not in "iu" or np.any(m < 2) or np.any(m > n):
        raise ValueError(f"m must be whole numbers in 2..n={n}, got {m}")
    m = m.astype(float)
    return (a - c) * (np.sqrt(m) * (n - m + 2) / (n + 1) - 1) / (n - m + 1)


def tullock_contest(n: int, prize: float) -> ContestResult:
    """Symmetric Tullock (lottery) contest for a host-country project worth ``prize``.

    Win probability ``x_i/Σx``; equilibrium outlay ``x* = (n − 1)V/n²``, total
    ``(n − 1)V/n → V`` (full rent dissipation as ``n → ∞``); a single bidder (the
    coordinated cluster) pays nothing. Tullock (1980).
    """
    n = whole_number(n, "n (number of bidders)", 1)
    V = positive(prize, "prize (value of the contested project)")
    x = (n - 1) * V / n**2
    total = n * x
    return ContestResult(n=n, prize=V, outlay=x, total_outlay=total,
                         dissipated_share=total / V, payoff=V / n - x)


# --------------------------------------------------------------------------- the model
@dataclasses.dataclass(frozen=True)
class DissipationEntry(Model):
    """Uncoordinated (policy-pushed) entry of home-cluster firms into a host oligopoly (M4).

    Parameters
    ----------
    a, b : float
        Host inverse demand ``P = a − bQ`` (``a, b > 0``).
    c0 : float
        Marginal cost of a lone home entrant, ``0 ≤ c0 < a``.
    gamma : float
        Agglomeration economies: each further home entrant cuts every home firm's cost by
        ``gamma`` (``≥ 0``), down to ``c_floor``.
    c_floor : float
        Lower cap of the home cost, ``0 ≤ c_floor ≤ c0``.
    k : int
        Foreign incumbents (``≥ 0``), each with cost ``c_f`` (``0 ≤ c_f < a``).
    F : float
        Entry cost per home entrant (``> 0``).
    s : float
        Entry-subsidy rate on ``F`` (``0 ≤ s < 1``), the "policy push".
    n_potential : int
        Home firms that could enter (``≥ 1``).
    risk_premium : float
        Optional ``ρ = σ²/(2τ) ≥ 0``: a home firm's certainty-equivalent profit is
        ``π − ρ q²``, the mean–variance cost of bearing demand-intercept risk of variance
        ``σ²`` with risk tolerance ``τ`` on its (risk-neutral) Cournot output ``q``. The
        default 0 is the risk-neutral baseline; risk itself is modelled in M2.
    spillover : float
        ``ψ ∈ [0, 1]``: the share of the agglomeration economies that *uncoordinated*
        entrants get — their cost is ``max(c0 − ψγ(m − 1), c_floor)`` while the
        coordinated cluster's is ``max(c0 − γ(m − 1), c_floor)``. Read the same way by
        :class:`ClusterVsScattered`. The default 1 gives scattered entrants the same
        economies (a market where co-location needs no coordination).

    Notes
    -----
    ``cluster_surplus()`` = ``max_m W_C(m)`` (the cluster coordinates entry at ``m_C``,
    with its costs); ``scattered_surplus()`` = ``W_U(m_U(s))`` (free entry, subsidy cost
    counted against national welfare). The dissipation is what the scattered firms lose
    by entering beyond ``m_C``: ``max_{m ≤ m_C} W_U(m) − W_U(m_U)`` (with ``ψ = 1`` the
    two schedules coincide and it is ``W(m_C) − W(m_U)``).
    """

    a: float = 100.0
    b: float = 1.0
    c0: float = 40.0
    gamma: float = 0.0
    c_floor: float = 0.0
    k: int = 2
    c_f: float = 40.0
    F: float = 60.0
    s: float = 0.0
    n_potential: int = 12
    risk_premium: float = 0.0
    spillover: float = 1.0

    def _validate(self):
        validate_host_market(self.a, self.b, self.c0, self.c_floor, self.k, self.c_f)
        positive(self.gamma, "gamma (agglomeration cost saving per entrant)", strict=False)
        positive(self.F, "F (entry cost)")
        in_interval(self.s, "s (entry subsidy rate)", 0.0, 1.0, closed="left")
        from ..noncooperative.entry import MAX_PLAYERS

        whole_number(self.n_potential, "n_potential (potential home entrants)", 1, MAX_PLAYERS)
        positive(self.risk_premium, "risk_premium", strict=False)
        in_interval(self.spillover, "spillover (ψ: agglomeration reaching uncoordinated "
                    "entrants)", 0.0, 1.0)

    # ------------------------------------------------------------------ primitives
    def cost(self, m, coordinated: bool = False):
        """Home marginal cost with ``m ≥ 1`` entrants: ``max(c0 − ψγ(m − 1), c_floor)``
        for uncoordinated entrants, ``max(c0 − γ(m − 1), c_floor)`` for the cluster's."""
        m = entrant_counts(m)
        g = self.gamma if coordinated else self.spillover * self.gamma
        return np.maximum(self.c0 - g * (m - 1), self.c_floor)

    def market(self, m: int, coordinated: bool = False) -> dict:
        """Host-market Cournot outcome with ``m`` home entrants (market engine)."""
        m = whole_number(m, "m (home entrants)", 0)
        ch = float(self.cost(max(m, 1), coordinated))
        if m == 0 and self.k == 0:
            price, qh, qf, cs = self.a, 0.0, 0.0, 0.0
        else:
            eq = host_cournot(self.a, self.b, m, ch, self.k, self.c_f)
            q = np.asarray(eq.quantities, dtype=float)
            price, cs = float(eq.price), float(eq.consumer_surplus)
            qh, qf = (float(q[0]) if m else 0.0), (float(q[m]) if self.k else 0.0)
        return {"price": price, "q_home": qh, "q_foreign": qf, "cost_home": ch,
                "profit_home": (price - ch) * qh - self.risk_premium * qh**2,
                "profit_foreign": (price - self.c_f) * qf, "consumer_surplus": cs}

    def profit(self, m: int, coordinated: bool = False) -> float:
        """Operating (certainty-equivalent) profit per home firm ``π(m)``, ``m ≥ 1``."""
        return self.market(whole_number(m, "m (home entrants)", 1), coordinated)["profit_home"]

    def _profits(self, coordinated: bool = False) -> np.ndarray:
        return np.array([0.0] + [self.profit(m, coordinated)
                                 for m in range(1, self.n_potential + 1)])

    def _cluster_profits(self, pi: np.ndarray) -> np.ndarray:
        """The cluster's schedule (full agglomeration); the scattered one when ``ψ = 1``."""
        return pi if self.spillover == 1.0 or self.gamma == 0 else self._profits(True)

    @staticmethod
    def _equilibrium_counts(pi: np.ndarray, fee: float) -> tuple:
        """Pure-Nash counts of the symmetric entry game with entrant payoff ``pi[m] − fee``."""
        return free_entry_counts(np.asarray(pi[1:], dtype=float) - fee, data_scale(pi, fee))

    def entry_game(self, s: float | None = None):
        """The ``n_potential``-player binary entry game (an ``EntryGame`` of the engine).

        Entrant payoff ``π(m) − (1 − s)F`` when ``m`` enter; outsiders get 0.
        """
        from ..noncooperative import EntryGame

        s = self.s if s is None else in_interval(s, "s (entry subsidy rate)", 0, 1, closed="left")
        pi = self._profits()
        fee = (1 - s) * self.F
        return EntryGame.from_count_payoffs(pi[1:] - fee, scale=data_scale(pi, fee))

    # ------------------------------------------------------------------ solve
    def solve(self, s: float | None = None) -> DissipationResult:
        """Free entry ``m_U(s)``, cluster optimum ``m_C`` and the dissipation between them."""
        s = self.s if s is None else in_interval(s, "s (entry subsidy rate)", 0, 1, closed="left")
        pi = self._profits()
        return self._solve_from_profits(pi, self.F, s, self._cluster_profits(pi))

    def _solve_from_profits(self, pi, F, s, pi_c=None) -> DissipationResult:
        pi_c = pi if pi_c is None else pi_c
        ms = np.arange(pi.size)
        national = ms * (pi - F)
        national_c = ms * (pi_c - F)
        private = ms * (pi_c - (1 - s) * F)
        counts = self._equilibrium_counts(pi, (1 - s) * F)
        m_u = max(counts)
        m_c = argmax_first(national_c, pi_c, F)
        m_cp = argmax_first(private, pi_c, F)
        costs = np.array([np.nan] + [float(self.cost(m)) for m in ms[1:]])
        lost = float(national[: m_c + 1].max() - national[m_u]) if m_u > m_c else 0.0
        return DissipationResult(
            m=ms, cost=costs, profit=pi, total_profit=ms * pi, national_surplus=national,
            private_surplus=private, equilibrium_counts=counts, m_free=m_u, m_cluster=m_c,
            m_cluster_private=m_cp, dissipation=lost,
            dissipation_region=tuple(range(m_c + 1, m_u + 1)), subsidy_cost=s * F * m_u,
            cluster_surplus=national_c)

    def free_entry(self, s: float | None = None) -> int:
        """Free-entry count ``m_U(s)`` (the greatest equilibrium count)."""
        return self.solve(s).m_free

    def cluster_optimum(self) -> int:
        """Cluster-optimal count ``m_C = argmax_m m(π(m) − F)``."""
        return self.solve().m_cluster

    def cluster_surplus(self) -> float:
        """National surplus when the cluster coordinates entry: ``max_m W_C(m)``."""
        r = self.solve()
        return float(r.cluster_surplus[r.m_cluster])

    def scattered_surplus(self) -> float:
        """National surplus at free entry: ``m_U(π(m_U) − F)`` (subsidy cost counted)."""
        r = self.solve()
        return float(r.national_surplus[r.m_free])

    def dissipation_grid(self, F_grid, s_grid) -> dict:
        """Free entry, cluster optimum and dissipation over a grid of entry costs × subsidies.

        Returns a dict of arrays of shape ``(len(F_grid), len(s_grid))``: ``m_free``,
        ``m_cluster``, ``dissipation`` (national surplus lost), and
        ``relative_dissipation`` = dissipation / ``W_H(m_C)`` (``nan`` where the cluster
        optimum earns nothing, i.e. ``m_C = 0``).
        """
        F_grid = nonempty_grid(F_grid, "F_grid")
        s_grid = nonempty_grid(s_grid, "s_grid")
        if np.any(F_grid <= 0):
            raise ValueError(f"F_grid must be > 0 everywhere, got min {F_grid.min()}")
        for s in s_grid:
            in_interval(s, "s_grid entries (entry subsidy rates)", 0.0, 1.0, closed="left")
        pi = self._profits()
        pi_c = self._cluster_profits(pi)
        shape = (F_grid.size, s_grid.size)
        out = {key: np.zeros(shape) for key in ("m_free", "m_cluster", "dissipation",
                                                 "relative_dissipation")}
        for i, F in enumerate(F_grid):
            for j, s in enumerate(s_grid):
                r = self._solve_from_profits(pi, float(F), float(s), pi_c)
                best = r.cluster_surplus[r.m_cluster]
                out["m_free"][i, j] = r.m_free
                out["m_cluster"][i, j] = r.m_cluster
                out["dissipation"][i, j] = r.dissipation
                out["relative_dissipation"][i, j] = (r.dissipation / best
                                                     if best > tolerance(pi, F) else np.nan)
        out["F"] = F_grid
        out["s"] = s_grid
        return out

    # ------------------------------------------------------------------ textbook pieces
    def excess_entry(self, s: float | None = None) -> ExcessEntryResult:
        """Mankiw–Whinston excess entry in the closed symmetric market (``a, b, c0, F``)."""
        return excess_entry(self.a, self.b, self.c0, self.F, self.s if s is None else s)

    def contest(self, prize: float, s: float | None = None) -> dict:
        """Tullock contest for a host project: ``m_U(s)`` scattered bidders vs one cluster bid."""
        m_u = max(self.free_entry(s), 1)
        return {"scattered": tullock_contest(m_u, prize), "cluster": tullock_contest(1, prize)}

    def closed_forms(self) -> ClosedForms:
        """Symmetric-case closed forms (no incumbents, no agglomeration): MKT-2, DISS-1 … DISS-4."""
        a, b, c, F, s, V = sp.symbols("a b c F s V", positive=True)
        n, m = sp.symbols("n m", positive=True)
        A = (a - c) ** 2 / b
        z = A / F
        exprs = {
            "profit": sp.Eq(sp.Symbol(r"\pi(n)"), A / (n + 1) ** 2),
            "industry_profit": sp.Eq(sp.Symbol(r"\Pi(n)"), n * A / (n + 1) ** 2),
            "dissipation_ratio": sp.Eq(sp.Symbol("D(n)"), ((n - 1) / (n + 1)) ** 2),
            "welfare": sp.Eq(sp.Symbol("W(n)"), A / 2 * n * (n + 2) / (n + 1) ** 2 - n * F),
            "n_free": sp.Eq(sp.Symbol("n_e"), sp.sqrt(z / (1 - s)) - 1),
            "n_welfare": sp.Eq(sp.Symbol("n_W"), sp.cbrt(z) - 1),
            "merger_gain": sp.Eq(sp.Symbol(r"\Delta\pi_{\mathrm{merger}}"),
                                 A / (n - m + 2) ** 2 - m * A / (n + 1) ** 2),
            "synergy_frontier": sp.Eq(sp.Function("D^{*}")(m),
                                      (a - c) * (sp.sqrt(m) * (n - m + 2) / (n + 1) - 1)
                                      / (n - m + 1)),
            "tullock_outlay": sp.Eq(sp.Symbol("x^*"), (n - 1) * V / n**2),
        }
        syms = {"a": a, "b": b, "c": c, "F": F, "s": s, "V": V, "n": n, "m": m}
        return ClosedForms(exprs, syms, title="M4 dissipation (symmetric linear Cournot)")

