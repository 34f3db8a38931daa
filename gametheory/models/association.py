"""The industry association as a coordinating body: entry quotas and bidding rings.

:class:`AssociationQuota` — the association assigns roles: the ``m`` most advantaged
(lowest-cost) members go abroad and compete à la Cournot with ``k`` foreign incumbents
(demand ``P = a − bQ``, entry cost ``F``); the others take the supplier role, worth
``w_j`` to them (their outside option / disagreement value, a parameter), plus a
transfer ``t_j`` from the entrants, who share the total ``T = Σ t_j`` equally. A quota
must survive two temptations: an outsider going abroad anyway (it earns
``π_j(Q∪{j}) − F``, a gain ``G_j = π_j(Q∪{j}) − F − w_j`` over its role) and an entrant
withholding its payment ``T/m``. It is enforced

* by **exclusion** from shared services worth ``S`` to a member (a one-shot incentive
  constraint): outsiders need ``t_j = (G_j − S)⁺`` and entrants ``T/m <= S``, so the quota
  holds iff ``S >= S*``, the root of ``Σ_j (G_j − S)⁺ = mS`` (ORG-4); with ``n − m``
  identical outsiders of gain ``D``, ``S* = (n−m)D/n``. The association's information
  service (:func:`gametheory.models.public_information`) is one such shared service:
  :meth:`AssociationQuota.information_service_value`.
* by **repeated interaction** with grim-trigger reversion to free entry (a pure Nash
  equilibrium of the entry game, found with :class:`gametheory.EntryGame`, payoffs
  ``pun_j``): member ``j`` keeps to its role iff ``dev_j − quota_j <= δ(dev_j − pun_j)``
  (Friedman 1971). Outsiders then need ``t_j(δ) = (G_j − δ(dev_j − pun_j)⁺)⁺``, which
  falls with ``δ``, and entrants' constraints tighten with ``T(δ)``; the critical
  discount factor ``δ*`` below which the quota breaks down is the least ``δ`` at which all
  hold (bisection; ``inf`` if none below 1).

:class:`TargetAuction` — home firms bidding against each other for the same foreign
target ("internal dissipation" in M&A). ``n_home`` cluster firms and ``n_out`` outsiders
with independent private values ``v ~ v̄·Beta(p, q)`` (uniform for ``p = q = 1``) in a
second-price (English) or first-price auction: revenue equivalence (Vickrey 1961;
Myerson 1981). The association as a **bidding ring** (Graham & Marshall 1987) sends only
its highest-value member; the price falls to the second-highest submitted bid, the
allocation is unchanged, and the seller's loss is exactly the ring's gain. For uniform
values with ``o`` bidders outside a ring of ``r``, revenue is
``v̄ [1 − 1/(o+1) − o/(o+r) + o/(o+r+1)]`` (``v̄ (N−1)/(N+1)`` without a ring, ORG-5).

:class:`CommonValueAuction` — the winner's curse: the target is worth ``V`` to every
bidder, who sees ``x_i = V + ε_i`` with ``ε_i ~ U[−ε, ε]``. Naive bidders (bid
``E[V|x_i] = x_i``) in a second-price auction pay on average ``V + ε(N−3)/(N+1)`` and
lose money when ``N > 3``; in the symmetric equilibrium ``b(x) = x − ε(N−2)/N``
(Milgrom & Weber 1982; for this uniform model, Kagel & Levin 1986) the winner earns
``2ε(N−1)/(N(N+1))`` (ORG-6). Valid when the prior of ``V`` is wide (signals at least
``ε`` inside its support).

References
----------
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of
Economic Studies* 38:1–12.
Vickrey, W. (1961). Counterspeculation, auctions, and competitive sealed tenders.
*Journal of Finance* 16:8–37.
Myerson, R. B. (1981). Optimal auction design. *Mathematics of Operations Research*
6:58–73.
Milgrom, P. R. & Weber, R. J. (1982). A theory of auctions and competitive bidding.
*Econometrica* 50:1089–1122.
Graham, D. A. & Marshall, R. C. (1987). Collusive bidder behavior at single-object
second-price and English auctions. *Journal of Political Economy* 95:1217–1239.
Kagel, J. H. & Levin, D. (1986). The winner's curse and public information in common
value auctions. *American Economic Review* 76:894–920.
Krishna, V. (2010). *Auction Theory*, 2nd ed. Academic Press, ch. 2–6.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, names_for, positive, whole_number
from ..markets import cournot
from ..noncooperative import EntryGame
from .base import ClosedForms, Model
from .information import public_information

__all__ = ["AssociationQuota", "AuctionOutcome", "CommonValueAuction", "QuotaResult",
           "TargetAuction", "WinnersCurse"]

#: largest number of members (the free-entry punishment enumerates 2**n entry profiles)
MAX_MEMBERS = 12


# ============================================================================ quotas
@dataclasses.dataclass(frozen=True)
class QuotaResult(ResultMixin):
    """A quota, its value to the cluster and what it takes to enforce it.

    Attributes
    ----------
    m : int
        Members sent abroad (the ``m`` lowest-cost ones).
    entrants : tuple of str
    cluster_payoff : float
        ``Σ_{i∈Q} (π_i(Q) − F) + Σ_{j∉Q} w_j`` (transfers net out).
    free_entry : tuple of str
        Entrants in the free-entry (punishment) equilibrium.
    free_entry_payoff : float
        The cluster's payoff there.
    transfers : ndarray (n,)
        Transfers ``t_j`` to the suppliers at ``δ*`` (0 for entrants).
    critical_discount : float
        ``δ*``: the quota is a subgame-perfect equilibrium of the repeated game with grim
        trigger iff ``δ >= δ*`` (``inf`` when no transfers make it one for ``δ < 1``).
    exclusion_threshold : float
        ``S*``: value of shared services whose loss deters every deviation.
    quota_payoffs, deviation_payoffs, punishment_payoffs : ndarray (n,)
        Per member, quota payoffs at the transfers ``transfers``.
    """

    m: int
    entrants: tuple
    cluster_payoff: float
    free_entry: tuple
    free_entry_payoff: float
    transfers: np.ndarray
    critical_discount: float
    exclusion_threshold: float
    quota_payoffs: np.ndarray
    deviation_payoffs: np.ndarray
    punishment_payoffs: np.ndarray


@dataclasses.dataclass(frozen=True)
class AssociationQuota(Model):
    """Entry quotas and role assignment by the association, and their enforcement (ORG-4).

    Parameters
    ----------
    costs : array_like (n,), >= 0
        Members' marginal costs abroad (lower = more advantaged); ``n <= 12``.
    a, b : float, > 0
        Host demand ``P = a − bQ``.
    F : float, >= 0
        Entry cost abroad.
    k : int, >= 0
        Foreign incumbents, marginal cost ``c_f``.
    c_f : float, >= 0
    supply_payoff : float or array_like (n,), >= 0
        ``w_j``: what the supplier role (staying home) is worth to each member — its
        outside option; taken as a parameter (from the cluster model).
    names : sequence of str, optional

    Examples
    --------
    >>> import gametheory as gt
    >>> q = gt.AssociationQuota(costs=[40, 40, 40, 40], a=100, b=1, F=150, k=1, c_f=40,
    ...                         supply_payoff=20)
    >>> r = q.solve()
    >>> r.m, r.free_entry, r.transfers.round(4).tolist(), round(r.critical_discount, 4)
    (1, ('0', '1'), [0.0, 55.0, 23.1579, 23.1579], 0.5789)

    References
    ----------
    Friedman (1971).
    """

    costs: object
    a: float = 100.0
    b: float = 1.0
    F: float = 0.0
    k: int = 0
    c_f: float = 0.0
    supply_payoff: object = 0.0
    names: tuple | None = None

    def _validate(self):
        c = finite_array(self.costs, "costs", ndim=1)
        n = c.shape[0]
        if n < 1 or n > MAX_MEMBERS:
            raise ValueError(f"costs: between 1 and {MAX_MEMBERS} members are supported, "
                             f"got {n}")
        if np.any(c < 0):
            raise ValueError(f"costs must be >= 0, found {c[c < 0][0]}")
        object.__setattr__(self, "a", positive(self.a, "a (demand intercept)"))
        object.__setattr__(self, "b", positive(self.b, "b (demand slope)"))
        object.__setattr__(self, "F", positive(self.F, "F (entry cost)", strict=False))
        object.__setattr__(self, "k", whole_number(self.k, "k (foreign incumbents)", 0))
        object.__setattr__(self, "c_f", positive(self.c_f, "c_f (incumbents' cost)",
                                                 strict=False))
        w = finite_array(self.supply_payoff, "supply_payoff")
        if w.ndim > 1 or (w.ndim == 1 and w.shape[0] != n):
            raise ValueError(f"supply_payoff must be a scalar or have one entry per member "
                             f"({n}), got shape {w.shape}")
        if np.any(w < 0):
            raise ValueError("supply_payoff must be >= 0")
        w = np.array(np.broadcast_to(w, (n,)), dtype=float)
        c = np.array(c, dtype=float)
        for arr in (c, w):
            arr.setflags(write=False)
        object.__setattr__(self, "costs", c)
        object.__setattr__(self, "supply_payoff", w)
        object.__setattr__(self, "names", names_for(n, self.names, "member"))

    @property
    def n(self) -> int:
        return int(self.costs.shape[0])

    @functools.cached_property
    def _order(self) -> np.ndarray:
        return np.argsort(self.costs, kind="stable")

    def profits(self, entrants) -> np.ndarray:
        """Cournot operating profits (before ``F``) of every member when ``entrants`` go
        abroad (0 for those who stay home)."""
        idx = np.array(sorted(set(int(i) for i in entrants)), dtype=int)
        out = np.zeros(self.n)
        if idx.size == 0:
            return out
        r = cournot(self.a, self.b, self.costs[idx], incumbents=self.k,
                    incumbent_cost=self.c_f if self.k else None)
        out[idx] = np.asarray(r.profits)[: idx.size]
        return out

    def quota_set(self, m: int) -> np.ndarray:
        """The ``m`` most advantaged members (lowest cost, ties by order)."""
        m = whole_number(m, "m (quota)", 0, self.n)
        return np.sort(self._order[:m])

    def cluster_payoff(self, m: int) -> float:
        """``Σ_{i∈Q} (π_i(Q) − F) + Σ_{j∉Q} w_j`` for the quota of ``m``."""
        Q = self.quota_set(m)
        pi = self.profits(Q)
        out = np.ones(self.n, dtype=bool)
        out[Q] = False
        return float(pi[Q].sum() - self.F * Q.size + self.supply_payoff[out].sum())

    def optimal_quota(self) -> int:
        """The quota ``m*`` that maximises the cluster's payoff (smallest on ties)."""
        vals = np.array([self.cluster_payoff(m) for m in range(self.n + 1)])
        return int(np.flatnonzero(vals >= vals.max() - tolerance(vals))[0])

    @functools.cached_property
    def _free_entry(self) -> np.ndarray:
        """Entrants of the free-entry equilibrium: the pure Nash equilibrium of the entry
        game with the most entrants (ties: the most advantaged)."""
        w = self.supply_payoff

        def pay(i, entrants):
            return float(self.profits(entrants)[i] - self.F - w[i])

        eqs = EntryGame(self.n, payoff=pay).pure_nash_equilibria()
        if not eqs:
            raise ValueError("the free-entry game has no pure Nash equilibrium for these "
                             "costs and supply_payoff; the grim-trigger punishment is undefined")
        rank = np.empty(self.n, dtype=int)
        rank[self._order] = np.arange(self.n)
        best = max(eqs, key=lambda e: (sum(e), -sum(rank[i] for i in range(self.n) if e[i])))
        return np.flatnonzero(np.array(best))

    @functools.cached_property
    def _fixed_cache(self) -> dict:
        return {}

    def _fixed_table(self, m: int):
        """Transfer-free parts of the payoffs under a quota of ``m``: who is in, operating
        profits, deviation payoffs (before transfers) and punishment payoffs."""
        if m in self._fixed_cache:
            return self._fixed_cache[m]
        Q = self.quota_set(m)
        n, w = self.n, self.supply_payoff
        inside = np.zeros(n, dtype=bool)
        inside[Q] = True
        pi = self.profits(Q)
        dev = np.empty(n)
        for j in range(n):
            if inside[j]:
                dev[j] = max(pi[j] - self.F, w[j])  # withhold the transfer, or go home
            else:
                dev[j] = self.profits(np.append(Q, j))[j] - self.F
        E = self._free_entry
        entered = np.zeros(n, dtype=bool)
        entered[E] = True
        pun = np.where(entered, self.profits(E) - self.F, w)
        self._fixed_cache[m] = (inside, pi, dev, pun)
        return inside, pi, dev, pun

    def quota_payoffs(self, m: int, transfers) -> np.ndarray:
        """Payoffs under the quota of ``m`` with transfers ``t_j`` to the suppliers (entrants
        share ``Σ t_j`` equally)."""
        inside, pi, _, _ = self._fixed_table(m)
        t = np.where(inside, 0.0, np.asarray(transfers, dtype=float))
        pay_each = t.sum() / m if m else 0.0
        return np.where(inside, pi - self.F - pay_each, self.supply_payoff + t)

    def required_transfers(self, m: int, delta: float) -> np.ndarray:
        """Smallest transfers keeping every supplier in its role at discount factor ``delta``:
        ``t_j = (G_j − δ (dev_j − pun_j)⁺)⁺``."""
        delta = positive(delta, "delta (discount factor)", strict=False)
        inside, _, dev, pun = self._fixed_table(m)
        gain = dev - self.supply_payoff
        t = np.maximum(gain - delta * np.maximum(dev - pun, 0.0), 0.0)
        return np.where(inside, 0.0, t)

    def _holds(self, m: int, delta: float) -> bool:
        inside, _, dev, pun = self._fixed_table(m)
        quota = self.quota_payoffs(m, self.required_transfers(m, delta))
        gain = (dev - quota)[inside]
        room = delta * np.maximum(dev - pun, 0.0)[inside]
        return bool(np.all(gain <= room + tolerance(dev, quota, pun)))

    def critical_discount(self, m: int) -> float:
        """``δ*``: the least discount factor at which the quota of ``m``, with the smallest
        transfers that keep the suppliers in their roles, is a subgame-perfect equilibrium
        under grim-trigger reversion to free entry (Friedman 1971); ``inf`` if none below 1.
        """
        m = whole_number(m, "m (quota)", 0, self.n)
        if self._holds(m, 0.0):
            return 0.0
        hi = 1.0 - 1e-12
        if not self._holds(m, hi):
            return float("inf")
        lo = 0.0
        for _ in range(60):          # the constraints are monotone in δ: bisection
            mid = (lo + hi) / 2
            lo, hi = (lo, mid) if self._holds(m, mid) else (mid, hi)
        return hi

    def exclusion_threshold(self, m: int) -> float:
        """``S*``: the least value of shared services whose withdrawal deters every deviation
        from the quota of ``m`` — the root of ``Σ_j (G_j − S)⁺ = m (S − h)`` with ``h`` an
        entrant's gain from leaving the market, ``max_i (dev_i − π_i + F)⁺``."""
        m = whole_number(m, "m (quota)", 0, self.n)
        inside, pi, dev, _ = self._fixed_table(m)
        tol = tolerance(dev, pi, self.supply_payoff, self.F)
        G = (dev - self.supply_payoff)[~inside]
        G = np.where(G > tol, G, 0.0)            # gains within rounding are no gains
        gmax = float(max(G.max(), 0.0)) if G.size else 0.0
        if m == 0:
            return gmax
        h = float(np.max(np.maximum(dev - pi + self.F, 0.0)[inside]))
        h = h if h > tol else 0.0
        lo, hi = h, h + gmax
        for _ in range(100):         # left side falls, right side rises in S: bisection
            mid = (lo + hi) / 2
            if np.maximum(G - mid, 0.0).sum() <= m * (mid - h):
                hi = mid
            else:
                lo = mid
        return hi

    def solve(self, m: int | None = None) -> QuotaResult:
        """The quota (default: the optimal one), its critical discount factor with the
        smallest sustaining transfers, and the exclusion threshold ``S*``."""
        m = self.optimal_quota() if m is None else whole_number(m, "m (quota)", 0, self.n)
        Q = self.quota_set(m)
        delta = self.critical_discount(m)
        t = self.required_transfers(m, min(delta, 1.0))
        _, _, dev, pun = self._fixed_table(m)
        quota = self.quota_payoffs(m, t)
        dev, pun = dev.copy(), pun.copy()
        for arr in (quota, dev, pun, t):
            arr.setflags(write=False)
        E = self._free_entry
        rest = np.setdiff1d(np.arange(self.n), E)
        return QuotaResult(
            m=m, entrants=tuple(self.names[i] for i in Q), cluster_payoff=self.cluster_payoff(m),
            free_entry=tuple(self.names[i] for i in E),
            free_entry_payoff=float(self.profits(E)[E].sum() - self.F * E.size
                                    + self.supply_payoff[rest].sum()),
            transfers=t, critical_discount=delta, exclusion_threshold=self.exclusion_threshold(m),
            quota_payoffs=quota, deviation_payoffs=dev, punishment_payoffs=pun)

    def information_service_value(self, sigma2: float, noise: float, m: int | None = None) -> float:
        """Value to an entrant of the association's public demand signal (M5 link).

        ``E[π | signal] − E[π | prior]`` for symmetric Cournot with the ``m`` entrants and
        ``k`` incumbents at the members' mean cost (:func:`public_information`); a shared
        service the association can withhold from a member who breaks the quota.
        """
        m = self.optimal_quota() if m is None else whole_number(m, "m (quota)", 1, self.n)
        if m == 0:
            return 0.0
        c = float(self.costs[self.quota_set(m)].mean())
        r = public_information(self.a, c, sigma2, noise, n=m + self.k, b=self.b)
        return float(r.expected_profit - r.expected_profit_no_info)

    def cluster_surplus(self) -> float:
        """The cluster's payoff under the optimal quota."""
        return self.cluster_payoff(self.optimal_quota())

    def scattered_surplus(self) -> float:
        """The cluster's payoff under free entry."""
        return self.solve().free_entry_payoff

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """Friedman's critical discount factor and the exclusion threshold (symmetric Cournot).

        ``n`` identical members and ``k`` incumbents at cost ``c``: ``π(j) = (a−c)²/(b(j+k+1)²)``
        with ``j`` home entrants; an outsider deviating from a quota of ``m`` earns
        ``π(m+1) − F`` (a gain ``D`` over its role ``w``); punishment payoff ``P``; ``S*``
        solves ``(n−m)(D − S) = mS``.
        """
        a, b, c, F, w, P = sp.symbols("a b c F w P", positive=True)
        m, n, k = sp.symbols("m n k", positive=True, integer=True)
        dev, coop, pun = sp.symbols("pi_dev pi_quota pi_pun")

        def pi(j):
            return (a - c) ** 2 / (b * (j + k + 1) ** 2)

        D = pi(m + 1) - F - w
        S, Dg = sp.symbols("S D", positive=True)
        S_star = sp.solve(sp.Eq((n - m) * (Dg - S), m * S), S)[0]
        exprs = {
            "delta_star": sp.Eq(sp.Symbol("delta^*"), (dev - coop) / (dev - pun)),
            "transfer_outsider": sp.Eq(sp.Symbol("t(delta)"), D - sp.Symbol("delta")
                                       * (pi(m + 1) - F - P)),
            "gain_outsider": sp.Eq(sp.Symbol("D"), D),
            "exclusion_threshold": sp.Eq(sp.Symbol("S^*"), S_star),
        }
        syms = {"a": a, "b": b, "c": c, "F": F, "w": w, "P": P, "m": m, "n": n,
                "delta": sp.Symbol("delta"), "D": Dg,
                "k": k, "pi_dev": dev, "pi_quota": coop, "pi_pun": pun}
        return ClosedForms(exprs, syms, title="Association quota: enforcement (ORG-4)")


# ============================================================================ auctions
@dataclasses.dataclass(frozen=True)
class AuctionOutcome(ResultMixin):
    """Expected outcomes of the target auction with and without a bidding ring.

    Attributes
    ----------
    revenue : float
        Seller's expected revenue without a ring (second-price = first-price).
    revenue_first_price : float
        First-price revenue from the equilibrium bid function (revenue equivalence check).
    revenue_ring : float
        Second-price revenue when the ring bids with one member.
    seller_loss : float
        ``revenue − revenue_ring`` = the ring's gain.
    home_surplus, home_surplus_ring : float
        Cluster bidders' total expected surplus without and with the ring.
    total_surplus : float
        ``E[max value]`` (the allocation is efficient in both cases).
    kept_share : float
        Share of the foreign seller's no-ring revenue that the ring keeps.
    per_member_gain : float
        The ring's gain per member under an equal split (Graham–Marshall knockout, ex ante).
    method : str
    """

    revenue: float
    revenue_first_price: float
    revenue_ring: float
    seller_loss: float
    home_surplus: float
    home_surplus_ring: float
    total_surplus: float
    kept_share: float
    per_member_gain: float
    method: str


@dataclasses.dataclass(frozen=True)
class TargetAuction(Model):
    """Cluster firms and outsiders bidding for one foreign target; the association as a ring.

    Parameters
    ----------
    n_home : int, >= 1
        Cluster bidders.
    n_out : int, >= 0
        Outside bidders.
    v_max : float, > 0
        Values are ``v_max · Beta(p, q)`` i.i.d. (independent private values).
    p, q : float, > 0
        Beta shape (``1, 1`` = uniform on ``[0, v_max]``).
    ring : int or None
        Cluster bidders in the ring (default all ``n_home``; ``1`` = no ring).

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.TargetAuction(n_home=3, n_out=1).solve()
    >>> round(r.revenue, 4), round(r.revenue_ring, 4), round(r.seller_loss, 4)
    (0.6, 0.45, 0.15)

    References
    ----------
    Vickrey (1961).
    Myerson (1981).
    Graham & Marshall (1987).
    Krishna (2010).
    """

    n_home: int = 3
    n_out: int = 1
    v_max: float = 1.0
    p: float = 1.0
    q: float = 1.0
    ring: int | None = None

    def _validate(self):
        object.__setattr__(self, "n_home", whole_number(self.n_home, "n_home", 1))
        object.__setattr__(self, "n_out", whole_number(self.n_out, "n_out", 0))
        if self.n_home + self.n_out < 2:
            raise ValueError("n_home + n_out must be at least 2 bidders for an auction")
        object.__setattr__(self, "v_max", positive(self.v_max, "v_max (value scale)"))
        object.__setattr__(self, "p", positive(self.p, "p (Beta shape)"))
        object.__setattr__(self, "q", positive(self.q, "q (Beta shape)"))
        r = self.n_home if self.ring is None else whole_number(self.ring, "ring", 1, self.n_home)
        object.__setattr__(self, "ring", r)

    @property
    def N(self) -> int:
        return self.n_home + self.n_out

    @property
    def uniform(self) -> bool:
        return self.p == 1.0 and self.q == 1.0

    def cdf(self, v):
        """``F(v)`` of one bidder's value."""
        from scipy.stats import beta

        return beta.cdf(np.asarray(v, dtype=float) / self.v_max, self.p, self.q)

    def _quad(self, f) -> float:
        from scipy.integrate import quad

        val, _ = quad(lambda x: f(float(self.cdf(x))), 0.0, self.v_max, limit=200,
                      epsabs=0.0, epsrel=1e-11)
        return float(val)

    def _revenue_ring_numeric(self, r: int) -> float:
        o = self.N - r
        return self._quad(lambda F: 1.0 - (F**o + o * (1 - F) * F ** (o - 1 + r) if o else 1.0))

    def _first_price_numeric(self) -> float:
        """First-price revenue ``E[b(v_(1))]`` with ``b(v) = v − ∫_0^v F^{N−1} / F^{N−1}(v)``."""
        from scipy.integrate import quad
        from scipy.stats import beta

        N, vm = self.N, self.v_max

        def bid(v):
            Fv = float(self.cdf(v))
            if Fv <= 0:
                return 0.0
            shade, _ = quad(lambda s: float(self.cdf(s)) ** (N - 1), 0.0, v, epsabs=0.0,
                            epsrel=1e-11, limit=200)
            return v - shade / Fv ** (N - 1)

        # density of the highest value: N F^{N-1} f
        def dens(v):
            return N * float(self.cdf(v)) ** (N - 1) * beta.pdf(v / vm, self.p, self.q) / vm

        val, _ = quad(lambda v: bid(v) * dens(v), 0.0, vm, epsabs=0.0, epsrel=1e-9, limit=200)
        return float(val)

    def solve(self) -> AuctionOutcome:
        """Exact expectations: closed forms for uniform values, numeric integration otherwise."""
        N, r, vm = self.N, self.ring, self.v_max
        o = N - r          # bidders outside the ring: outsiders and home firms left out
        if self.uniform:
            rev = vm * (N - 1) / (N + 1)
            rev_fp = rev
            rev_ring = vm * _ring_revenue_uniform(o, r) if r > 1 else rev
            emax = vm * N / (N + 1)
            method = "closed form (uniform values)"
        else:
            rev = self._revenue_ring_numeric(1)
            rev_fp = self._first_price_numeric()
            rev_ring = self._revenue_ring_numeric(r) if r > 1 else rev
            emax = self._quad(lambda F: 1.0 - F**N)
            method = "numeric integration (Beta values)"
        loss = rev - rev_ring
        home = self.n_home / N * (emax - rev)
        return AuctionOutcome(revenue=rev, revenue_first_price=rev_fp, revenue_ring=rev_ring,
                              seller_loss=loss, home_surplus=home, home_surplus_ring=home + loss,
                              total_surplus=emax, kept_share=loss / rev if rev > 0 else 0.0,
                              per_member_gain=loss / r, method=method)

    def monte_carlo(self, draws: int = 200_000, seed: int = 0) -> dict:
        """Sample means (and standard errors) of the revenues, seeded.

        Second-price: the second-highest value; first-price: the equilibrium bid of the
        highest value (``v(N−1)/N`` for uniform values, the integral formula otherwise,
        interpolated on a grid); ring: the second-highest of the ring's best and the
        others' values.
        """
        draws = whole_number(draws, "draws", 2)
        rng = np.random.default_rng(whole_number(seed, "seed", 0))
        N, r = self.N, self.ring
        v = self.v_max * rng.beta(self.p, self.q, size=(draws, N))
        srt = np.sort(v, axis=1)
        spa = srt[:, -2]
        if self.uniform:
            fpa = srt[:, -1] * (N - 1) / N
        else:
            grid = np.linspace(0.0, self.v_max, 401)
            from scipy.integrate import cumulative_trapezoid

            FN = self.cdf(grid) ** (N - 1)
            integ = cumulative_trapezoid(FN, grid, initial=0.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                b = np.where(FN > 0, grid - integ / np.where(FN > 0, FN, 1.0), 0.0)
            fpa = np.interp(srt[:, -1], grid, b)
        ring_best = v[:, :r].max(axis=1)
        subm = np.column_stack([ring_best, v[:, r:]])
        ring_rev = np.sort(subm, axis=1)[:, -2] if subm.shape[1] > 1 else np.zeros(draws)

        def stat(x):
            return float(x.mean()), float(x.std(ddof=1) / np.sqrt(draws))

        return {"revenue": stat(spa), "revenue_first_price": stat(fpa),
                "revenue_ring": stat(ring_rev), "seller_loss": stat(spa - ring_rev)}

    def cluster_surplus(self) -> float:
        """Cluster bidders' expected surplus with the ring."""
        return self.solve().home_surplus_ring

    def scattered_surplus(self) -> float:
        """Cluster bidders' expected surplus bidding against each other."""
        return self.solve().home_surplus

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """Uniform values: revenues with and without a ring, derived by integrating the
        distribution of the second-highest submitted bid (sympy)."""
        x = sp.Symbol("x", positive=True)
        o, r, N = sp.symbols("o r N", positive=True)
        vm = sp.Symbol("vbar", positive=True)
        # P(second-highest submitted bid <= x) with the ring's best (cdf x^r) and o others
        cdf2 = x**o + o * (1 - x) * x ** (o - 1 + r)
        rev_ring = sp.simplify(vm * sp.integrate(sp.expand(1 - cdf2), (x, 0, 1), conds="none"))
        rev = sp.simplify(rev_ring.subs(r, 1).subs(o, N - 1))
        exprs = {
            "revenue": sp.Eq(sp.Symbol("R_II"), sp.factor(rev)),
            "revenue_ring": sp.Eq(sp.Symbol("R_ring"), rev_ring),
            "first_price_bid": sp.Eq(sp.Symbol("b_I(v)"), (N - 1) / N * sp.Symbol("v")),
            "expected_max": sp.Eq(sp.Symbol("E[v_(1)]"), vm * N / (N + 1)),
        }
        syms = {"o": o, "r": r, "N": N, "vbar": vm, "v": sp.Symbol("v")}
        return ClosedForms(exprs, syms, title="Target auction, uniform values (ORG-5)")


def _ring_revenue_uniform(o: int, r: int) -> float:
    """``1 − 1/(o+1) − o/(o+r) + o/(o+r+1)`` (per unit of ``v̄``); 0 when ``o = 0``."""
    if o == 0:
        return 0.0
    return 1.0 - 1.0 / (o + 1) - o / (o + r) + o / (o + r + 1)


@dataclasses.dataclass(frozen=True)
class WinnersCurse(ResultMixin):
    """Expected price and winner's profit in the common-value second-price auction, given ``V``.

    Attributes
    ----------
    naive_price, naive_winner_profit : float
        Bidders bid ``E[V | x_i] = x_i`` (ignoring what winning reveals).
    equilibrium_price, equilibrium_winner_profit : float
        Symmetric equilibrium ``b(x) = x − ε(N−2)/N`` (Milgrom & Weber 1982).
    winners_curse : bool
        Naive bidding loses money on average (``N > 3``).
    """

    naive_price: float
    naive_winner_profit: float
    equilibrium_price: float
    equilibrium_winner_profit: float
    winners_curse: bool


@dataclasses.dataclass(frozen=True)
class CommonValueAuction(Model):
    """The winner's curse in a second-price auction with a common value (ORG-6).

    Parameters
    ----------
    n : int, >= 2
        Bidders.
    value : float
        The target's common value ``V`` (money).
    noise : float, > 0
        Half-width ``ε`` of the uniform signal noise (money).

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.CommonValueAuction(n=6, value=100.0, noise=10.0).solve()
    >>> round(r.naive_winner_profit, 4), round(r.equilibrium_winner_profit, 4)
    (-4.2857, 2.381)

    References
    ----------
    Milgrom & Weber (1982).
    Kagel & Levin (1986).
    """

    n: int = 4
    value: float = 100.0
    noise: float = 10.0

    def _validate(self):
        object.__setattr__(self, "n", whole_number(self.n, "n (bidders)", 2))
        v = finite_array(self.value, "value (common value)")
        if v.ndim:
            raise ValueError("value (common value) must be a scalar")
        object.__setattr__(self, "value", float(v))
        object.__setattr__(self, "noise", positive(self.noise, "noise (signal half-width)"))

    def equilibrium_bid(self, x):
        """``b(x) = x − ε(N−2)/N``: ``E[V | x_i = x, highest other signal = x]``."""
        return np.asarray(x, dtype=float) - self.noise * (self.n - 2) / self.n

    def solve(self) -> WinnersCurse:
        """Expected price and winner's profit, naive and in equilibrium, given ``V``."""
        N, e, V = self.n, self.noise, self.value
        naive_price = V + e * (N - 3) / (N + 1)
        eq_price = naive_price - e * (N - 2) / N
        return WinnersCurse(naive_price=naive_price, naive_winner_profit=V - naive_price,
                            equilibrium_price=eq_price, equilibrium_winner_profit=V - eq_price,
                            winners_curse=bool(V - naive_price < -tolerance(V, e)))

    def monte_carlo(self, draws: int = 200_000, seed: int = 0) -> dict:
        """Sample means of the price under naive and equilibrium bidding, seeded."""
        draws = whole_number(draws, "draws", 2)
        rng = np.random.default_rng(whole_number(seed, "seed", 0))
        x = self.value + rng.uniform(-self.noise, self.noise, size=(draws, self.n))
        second = np.sort(x, axis=1)[:, -2]
        return {"naive_price": float(second.mean()),
                "equilibrium_price": float(self.equilibrium_bid(second).mean()),
                "se": float(second.std(ddof=1) / np.sqrt(draws))}

    def cluster_surplus(self) -> float:
        """Winner's expected profit with equilibrium (coordinated, curse-aware) bidding."""
        return self.solve().equilibrium_winner_profit

    def scattered_surplus(self) -> float:
        """Winner's expected profit with naive bidding."""
        return self.solve().naive_winner_profit

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """Derivation: the posterior of ``V`` given ``x_i = Y_1 = x`` and ``N−2`` lower
        signals, and the mean of the second-highest of ``N`` uniform signals."""
        x, e, V, u = sp.symbols("x epsilon V u", positive=True)
        N = sp.Symbol("N", positive=True, integer=True)
        # V = x + ε − 2εu with u ~ Beta(N−1, 1): E[u] = ∫ u (N−1) u^{N−2} du
        Eu = sp.integrate(u * (N - 1) * u ** (N - 2), (u, 0, 1))
        bid = sp.simplify(x + e - 2 * e * Eu)
        # second-highest of N uniforms on [V−ε, V+ε]: V − ε + 2ε (N−1)/(N+1)
        t = sp.Symbol("t", positive=True)
        E2 = sp.integrate(t * N * (N - 1) * t ** (N - 2) * (1 - t), (t, 0, 1))
        naive = sp.simplify(V - e + 2 * e * E2)
        exprs = {
            "equilibrium_bid": sp.Eq(sp.Symbol("b(x)"), bid),
            "naive_price": sp.Eq(sp.Symbol("E[p_naive]"), naive),
            "equilibrium_winner_profit": sp.Eq(sp.Symbol("E[V - p]"),
                                               sp.simplify(V - (naive - (x - bid)))),
        }
        return ClosedForms(exprs, {"x": x, "epsilon": e, "V": V, "N": N},
                           title="Common-value second-price auction (ORG-6)")
