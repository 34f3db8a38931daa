"""M0: when clustered OFDI beats uncoordinated entry — the five mechanisms on one set of parameters.

``n`` home firms of one cluster can enter a host market held by ``k`` foreign
incumbents (linear Cournot, ``P = a + θ − bQ``). The same primitives are solved twice:

* **scattered (uncoordinated) entry** — every firm decides alone; this is exactly
  :class:`~gametheory.models.DissipationEntry` with the risk premium
  ``ρ = σ²/(2τ)``, no agglomeration and the entry subsidy ``s`` (the free-entry count
  ``m_U(s)`` is its greatest pure Nash entry count);
* **cluster entry** — the cluster (association + government agency) sends the number
  of members ``m_C`` that maximises its national certainty-equivalent surplus, with
  the five mechanisms of the paper switched on.

Primitives (per home entrant, ``m`` home entrants, ``N`` active firms in the host market)
-----------------------------------------------------------------------------------------
* Shocks. A home firm's operating profit is ``(P − c) q + q ε_i`` with the common
  demand / political shock ``θ ~ N(0, ωσ²)`` in the price and an idiosyncratic
  per-unit shock ``ε_i ~ N(0, (1 − ω)σ²)`` (firm-specific political, FX, cultural
  risk), independent; ``ω`` = ``common_share``. Outputs are chosen before the shocks
  (net of any signal), at the risk-neutral linear Cournot outputs ``q̄`` of the market
  engine (:func:`gametheory.markets.cournot`, active set included): risk aversion
  enters the *entry* decision through the mean–variance certainty equivalent
  ``CE = E π − Var π/(2τ)`` of a CARA firm with tolerance ``τ`` (normal payoffs),
  as in the prototype of ECONOMICS.md §4. For a scattered entrant
  ``CE = b q̄² − q̄² σ²/(2τ)``.
* Agglomeration: ``c(m) = max(c0 − γ(m − 1), c_floor)`` (capped; modelling caution 4).
* Entry costs: ``F`` per standalone entrant; the cluster's platform costs
  ``C(m) = F0 + f m`` — the airport cost game of :class:`~gametheory.models.EntryCostGame`
  with identical ``K_i = F0`` (Littlechild & Owen 1973), whose Shapley (and nucleolus)
  shares are ``F0/m + f``. Note that ``C(1) = F0 + f`` need not equal ``F``: the
  platform is a different technology, so a cluster of one can be worse than going alone.
* The subsidy ``s`` pays the share ``s`` of every entrant's entry cost. It drives
  decentralised entry; in national surplus it is a transfer and nets out (its cost is
  reported as ``subsidy_cost``).

What "switching a mechanism on" means
-------------------------------------
The worth ``V(M)`` of a set ``M`` of switched-on mechanisms is the national surplus
``W_M(m) = m CE_M(m) − C_M(m)`` at the entry count the set implies:

* **M1 cost sharing** — entry costs are the platform ``C(m) = F0 + f m`` (each entrant
  paying its Shapley share ``C(m)/m`` when entry is decentralised) instead of ``mF``.
* **M2 risk sharing** — members pool their payoffs in a syndicate with the
  Borch–Wilson linear rule (:class:`~gametheory.models.RiskSyndicate`): the syndicate's
  premium is ``Var(X_S)/(2mτ)``, so the per-member premium is
  ``E[q²] (ωσ²_θ,res + (1 − ω)σ²/m)/(2τ)``. Only the idiosyncratic part falls with
  ``m``; the common part per member is unchanged (M2 (d), a theorem; pooling does not
  remove common political risk).
* **M3 agglomeration** — home cost ``c(m)`` instead of ``c0``. Scattered entrants get
  ``c0``: the paper's cluster advantages "only show when firms go together" (shared
  park, suppliers that follow, labour pool), so uncoordinated, independently located
  entrants do not get them. Entry with ``M3`` on and ``M4`` off selects the greatest
  equilibrium (the coordination failure of M3 resolved, as in free entry).
* **M4 avoiding internal dissipation** — the entry count is the cluster's choice
  ``argmax_m W_M(m)`` (smallest maximiser) instead of the free-entry count (greatest pure
  Nash equilibrium of the symmetric entry game with entrant payoff
  ``CE_M(m) − (1 − s) C_M(m)/m``, solved by :class:`~gametheory.noncooperative.EntryGame`).
  Post-entry competition stays non-cooperative Cournot among members (modelling
  caution 1); what coordinating outputs would add is reported separately
  (``output_coordination_gain``: the merger-paradox computation of
  :func:`~gametheory.models.merger_outcome` with the cluster's costs) and kept out of
  the baseline.
* **M5 information sharing** — the association / government publishes a signal that
  resolves the share ``r`` of the common demand variance before outputs are chosen;
  the signal is public in the host market (every active firm conditions on it, the
  public-information Cournot of Vives 1984, :func:`~gametheory.models.public_information`),
  so each firm's expected profit rises by ``rωσ²/(b(N + 1)²)`` (T14), outputs vary with
  the signal (``E[q²] = q̄² + rωσ²/(b²(N + 1)²)``), and the residual common variance
  is ``(1 − r)ωσ²``. Firms evaluate the conditional certainty equivalent, averaged over
  the signal.

With nothing switched on, ``V(∅) = V_U`` (scattered entry); with everything,
``V(all) = V_C``. The **decomposition** of ``V_C − V_U`` is the Shapley value of the
five-player "mechanism game" ``v(M) = V(M) − V(∅)`` (Shapley 1953): order-independent,
it sums to the gain (efficiency) and gives 0 to a mechanism that changes nothing
(dummy), e.g. information with ``r = 0``, agglomeration with ``γ = 0``, risk sharing
with ``ω = 1``, cost sharing with ``F0 = 0, f = F``.

Regimes (:data:`REGIMES`), from the computed ``m_U, m_C, V_U, V_C`` and the scattered
joint optimum ``m*_U = argmax_m W_∅(m)``:

0. no entry either way: ``m_U = m_C = 0``;
1. only the cluster can enter: ``m_U = 0 < m_C``;
2. both enter, cluster earns more: ``m_U > 0``, ``V_C > V_U``, no dissipation;
3. scattered over-entry dissipates rents: ``W_∅(m*_U) > W_∅(m_U)`` (free entry loses surplus the
   scattered firms could have kept; a tie is not over-entry) and ``V_C > V_U``;
4. scattered entry is better (or as good): ``m_U > 0`` and ``V_U ≥ V_C``.

Prototype (ECONOMICS.md §4): ``a=100, b=1, c0=c_f=40, k=2, σ²=200, τ=300, F=60``
gives ``m_U = 3, 4, 7`` at ``s = 0, 0.3, 0.6`` with national CE ``20, −44, −252`` and the
scattered joint optimum ``m = 1`` (reproduced exactly). With the cluster parameters
``F0 = 50, f = 15, γ = 0.8, r = 0.8`` this model gives ``m_C = 4`` and ``V_C ≈ 237``
(``ω = 0.5``; 228 at ``m_C = 5`` for ``ω = 0``, 246 at ``m_C = 4`` for ``ω = 1``) against the
prototype's "≈ 260": the prototype's exact treatment of risk and information is not
recorded, ours is documented above.

References
----------
Borch, K. (1962). Equilibrium in a reinsurance market. *Econometrica* 30:424–444.
Wilson, R. (1968). The theory of syndicates. *Econometrica* 36:119–132.
Littlechild, S. C. & Owen, G. (1973). A simple expression for the Shapley value in a
special case. *Management Science* 20:370–372.
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND
Journal of Economics* 17:48–58.
Vives, X. (1984). Duopoly information equilibrium: Cournot and Bertrand. *Journal of
Economic Theory* 34:71–94.
Milgrom, P. & Roberts, J. (1990). Rationalizability, learning, and equilibrium in games
with strategic complementarities. *Econometrica* 58:1255–1277.
Shapley, L. S. (1953). A value for n-person games. *Contributions to the Theory of
Games II*, 307–317.
Cowling, K. & Waterson, M. (1976). Price-cost margins and market structure.
*Economica* 43:267–274.
Salant, S. W., Switzer, S. & Reynolds, R. J. (1983). Losses from horizontal merger.
*Quarterly Journal of Economics* 98:185–199.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import argmax_first, data_scale, tolerance
from .._validation import entrant_counts, in_interval, nonempty_grid, positive, whole_number
from .base import Model
from .dissipation import (
    DissipationEntry,
    free_entry_counts,
    host_cournot,
    validate_host_market,
)

#: The five mechanisms, in the paper's order (names of the mechanism game's players).
MECHANISMS = ("cost sharing", "risk sharing", "agglomeration", "avoiding dissipation",
              "information sharing")

#: Regime labels (codes are the indices), see the module docstring.
REGIMES = (
    "no entry either way",
    "only the cluster can enter",
    "both enter, cluster earns more",
    "scattered over-entry dissipates rents",
    "scattered entry is better",
)

#: Parameters that :meth:`ClusterVsScattered.regime_map` may vary.
GRID_PARAMETERS = ("a", "b", "c0", "c_f", "c_floor", "sigma2", "common_share", "tau", "F",
                   "F0", "f", "gamma", "r", "s")


def _mechanism_set(mechanisms) -> frozenset:
    if mechanisms == "all":
        return frozenset(MECHANISMS)
    if mechanisms is None:
        return frozenset()
    if isinstance(mechanisms, str):
        mechanisms = (mechanisms,)
    out = frozenset(mechanisms)
    bad = out - set(MECHANISMS)
    if bad:
        raise ValueError(f"unknown mechanism(s) {sorted(bad)}; known: {MECHANISMS}")
    return out


@functools.lru_cache(maxsize=4096)
def _host_market(a: float, b: float, m: int, c_home: float, k: int, c_f: float):
    """``(q̄_home, π̄_home, N_active, q̄_foreign, price)`` of the host Cournot market."""
    eq = host_cournot(a, b, m, c_home, k, c_f)
    q = np.asarray(eq.quantities, dtype=float)
    return (float(q[0]), float(eq.profits[0]), int(eq.n_active), float(q[m]) if k else 0.0,
            float(eq.price))


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class EntryOutcome(ResultMixin):
    """Entry count and surplus of one organisation of entry (scattered or cluster).

    Attributes
    ----------
    m : int
        Number of home entrants.
    equilibrium_counts : tuple of int
        All pure-Nash entry counts (scattered); ``(m,)`` for the cluster's choice.
    cost_home : float
        Home marginal cost of the entrants (``nan`` if ``m = 0``).
    quantity : float
        Expected output ``q̄`` per home entrant.
    ce_per_firm : float
        Certainty-equivalent operating profit per entrant (before entry costs).
    entry_cost : float
        Total entry cost (``mF`` or ``F0 + fm``; 0 if ``m = 0``).
    national_surplus : float
        ``m · ce_per_firm − entry_cost`` (the subsidy is a transfer and nets out).
    private_surplus : float
        What the entrants keep: national surplus plus the subsidy.
    subsidy_cost : float
        ``s · entry_cost`` paid by the home government.
    surplus_by_count : ndarray
        National surplus ``W(m)`` for ``m = 0 … n``.
    """

    m: int
    equilibrium_counts: tuple
    cost_home: float
    quantity: float
    ce_per_firm: float
    entry_cost: float
    national_surplus: float
    private_surplus: float
    subsidy_cost: float
    surplus_by_count: np.ndarray


@dataclasses.dataclass(frozen=True)
class ClusterComparison(ResultMixin):
    """The integrated answer at one parameter point (:meth:`ClusterVsScattered.solve`).

    Attributes
    ----------
    scattered, cluster : EntryOutcome
    scattered_optimum : int
        ``m*_U = argmax_m W_∅(m)``: the count scattered firms would jointly choose.
    dissipation : float
        ``W_∅(m*_U) − W_∅(m_U) ≥ 0``: national surplus scattered over-entry dissipates.
    gain : float
        ``V_C − V_U``.
    decomposition : Allocation
        Shapley value of the mechanism game (players :data:`MECHANISMS`); sums to ``gain``.
    mechanism_values : dict
        ``V(M)`` for every subset ``M`` (frozenset of mechanism names).
    power_cluster, power_scattered : ClusterPower or None
        Market power abroad of the home entrants (quantity and profit share, Lerner index
        when members compete and were they to coordinate), from
        :func:`gametheory.markets.cluster_market_power`; None when nobody enters.
    output_coordination_gain : float
        Expected operating profit the ``m_C`` members would add by setting outputs as one
        player (merger computation, risk-neutral, at the cluster's cost); negative values
        are the merger paradox. Not in the baseline (modelling caution 1).
    platform_shares : Allocation or None
        Shapley cost shares of the platform cost game among the ``m_C`` members.
    regime, regime_code : str, int
        Label from :data:`REGIMES` and its index.
    interior : bool
        False when home firms are priced out of the host market at one home entrant
        (no interior Cournot equilibrium with home output: home entry is impossible
        whatever the mechanisms), reported rather than hidden.
    """

    scattered: EntryOutcome
    cluster: EntryOutcome
    scattered_optimum: int
    dissipation: float
    gain: float
    decomposition: object
    mechanism_values: dict
    power_cluster: object
    power_scattered: object
    output_coordination_gain: float
    platform_shares: object
    regime: str
    regime_code: int
    interior: bool


@dataclasses.dataclass(frozen=True)
class RegimeMap(ResultMixin):
    """Regimes and key numbers over a two-parameter grid (:meth:`ClusterVsScattered.regime_map`).

    Arrays have shape ``(len(grid_y), len(grid_x))`` (rows follow ``y``, as in an image).
    ``code`` indexes :data:`REGIMES`; ``interior`` is False where home firms cannot produce
    in the host market at all.
    """

    param_x: str
    grid_x: np.ndarray
    param_y: str
    grid_y: np.ndarray
    code: np.ndarray
    gain: np.ndarray
    V_U: np.ndarray
    V_C: np.ndarray
    m_U: np.ndarray
    m_C: np.ndarray
    interior: np.ndarray
    labels: tuple = REGIMES


# --------------------------------------------------------------------------- the model
@dataclasses.dataclass(frozen=True)
class ClusterVsScattered(Model):
    """Clustered against scattered OFDI: entry, surplus, the five mechanisms and the regime (M0).

    Parameters
    ----------
    n : int
        Potential home entrants (``1 … 26``).
    k : int
        Foreign incumbents (``≥ 0``), marginal cost ``c_f``.
    a, b : float
        Mean host inverse demand ``P = a − bQ`` (``a, b > 0``).
    c0, c_f : float
        Home (lone entrant) and foreign marginal costs, ``0 ≤ c < a``.
    c_floor : float
        Cap of the agglomeration economies, ``0 ≤ c_floor ≤ c0``.
    sigma2 : float
        Variance ``σ² > 0`` of a home firm's per-unit profit shock (host demand and
        political risk).
    common_share : float
        ``ω ∈ [0, 1]``: the common (host-wide demand / political) share of ``σ²``.
    tau : float
        CARA risk tolerance ``τ > 0`` of each home firm.
    F : float
        Standalone entry cost per firm (``> 0``).
    F0, f : float
        The cluster's shared platform cost and per-entrant cost (``≥ 0``, ``F0 + f > 0``).
    gamma : float
        Agglomeration cost saving per further home entrant (``≥ 0``).
    r : float
        Precision of the association's public signal: the share ``r ∈ [0, 1]`` of the
        common demand variance resolved before outputs are chosen.
    s : float
        Entry-subsidy rate ``s ∈ [0, 1)`` on entry costs (the "policy push").

    Notes
    -----
    The modelling choices and references are in the module docstring.
    ``scattered_surplus()`` = ``V_U``, ``cluster_surplus()`` = ``V_C``.
    """

    n: int = 12
    k: int = 2
    a: float = 100.0
    b: float = 1.0
    c0: float = 40.0
    c_f: float = 40.0
    c_floor: float = 36.0
    sigma2: float = 200.0
    common_share: float = 0.5
    tau: float = 300.0
    F: float = 60.0
    F0: float = 50.0
    f: float = 15.0
    gamma: float = 0.8
    r: float = 0.8
    s: float = 0.0

    def _validate(self):
        from ..coalitional.game import MAX_PLAYERS

        n = whole_number(self.n, "n (potential home entrants)", 1)
        if n > MAX_PLAYERS:
            raise ValueError(f"n (potential home entrants) must be <= {MAX_PLAYERS}, got {n}")
        validate_host_market(self.a, self.b, self.c0, self.c_floor, self.k, self.c_f)
        positive(self.sigma2, "sigma2 (variance of the per-unit profit shock)")
        in_interval(self.common_share, "common_share (common part ω of the variance)", 0.0, 1.0)
        positive(self.tau, "tau (CARA risk tolerance)")
        positive(self.F, "F (standalone entry cost)")
        F0 = positive(self.F0, "F0 (shared platform cost)", strict=False)
        f = positive(self.f, "f (per-entrant platform cost)", strict=False)
        if F0 + f <= 0:
            raise ValueError("the platform cost F0 + f*m must be > 0: F0 and f cannot both be 0")
        positive(self.gamma, "gamma (agglomeration cost saving per entrant)", strict=False)
        in_interval(self.r, "r (signal precision: share of demand variance resolved)", 0.0, 1.0)
        in_interval(self.s, "s (entry subsidy rate)", 0.0, 1.0, closed="left")
        for name in ("n", "k"):
            object.__setattr__(self, name, int(getattr(self, name)))
        for name in GRID_PARAMETERS:
            object.__setattr__(self, name, float(getattr(self, name)))

    # ------------------------------------------------------------------ primitives
    def cost(self, m, agglomeration: bool = True):
        """Home marginal cost with ``m ≥ 1`` entrants: ``max(c0 − γ(m − 1), c_floor)`` or ``c0``."""
        m = entrant_counts(m)
        if not agglomeration:
            return np.full(m.shape, self.c0) if m.ndim else self.c0
        out = np.maximum(self.c0 - self.gamma * (m - 1), self.c_floor)
        return out if out.ndim else float(out)

    def platform_cost(self, m):
        """The cluster's entry cost ``C(m) = F0 + f m`` (``C(0) = 0``), vectorised."""
        m = entrant_counts(m, "m (cluster members)", 0)
        out = np.where(m > 0, self.F0 + self.f * m, 0.0)
        return out if out.ndim else float(out)

    def platform_game(self, m: int):
        """The platform cost game of ``m`` members: an airport :class:`EntryCostGame`."""
        from .cost_sharing import EntryCostGame

        m = whole_number(m, "m (cluster members)", 1)
        return EntryCostGame(K=np.full(m, self.F0), f=np.full(m, self.f), form="airport")

    def schedule(self, mechanisms="all") -> dict:
        """Per-entrant and total numbers for ``m = 0 … n`` with the given mechanisms on.

        ``mechanisms``: "all", None (scattered), or an iterable of names from
        :data:`MECHANISMS` (``"avoiding dissipation"`` does not change the schedule, only
        the choice of ``m``). Returns arrays ``m``, ``cost``, ``quantity``, ``profit``
        (expected operating profit), ``premium`` (risk premium), ``ce`` (per entrant),
        ``entry_cost`` (total), ``national`` ``W(m)`` and ``entrant_payoff``
        (``ce − (1 − s) entry_cost/m``, what a decentralised entrant weighs), and
        ``priced_out`` (home output 0 at the mean).
        """
        M = _mechanism_set(mechanisms)
        n = self.n
        ms = np.arange(n + 1)
        cost = np.full(n + 1, np.nan)
        q = np.zeros(n + 1)
        prof = np.zeros(n + 1)
        prem = np.zeros(n + 1)
        priced_out = np.zeros(n + 1, dtype=bool)
        var_c = self.common_share * self.sigma2
        var_i = (1.0 - self.common_share) * self.sigma2
        r = self.r if "information sharing" in M else 0.0
        for m in range(1, n + 1):
            c = float(self.cost(m, "agglomeration" in M))
            qh, pih, N, _, _ = _host_market(self.a, self.b, m, c, self.k, self.c_f)
            cost[m] = c
            if qh <= 0:
                priced_out[m] = True
                continue
            pool = m if "risk sharing" in M else 1
            info_var = r * var_c / (self.b**2 * (N + 1) ** 2)  # Var(q(s)) under the signal
            q[m] = qh
            prof[m] = pih + self.b * info_var  # T14: + rωσ²/(b(N+1)²)
            prem[m] = (qh**2 + info_var) * ((1.0 - r) * var_c + var_i / pool) / (2.0 * self.tau)
        ce = prof - prem
        if "cost sharing" in M:
            C = self.platform_cost(ms)
        else:
            C = self.F * ms.astype(float)
        national = ms * ce - C
        payoff = np.zeros(n + 1)
        payoff[1:] = ce[1:] - (1.0 - self.s) * C[1:] / ms[1:]
        return {"m": ms, "cost": cost, "quantity": q, "profit": prof, "premium": prem,
                "ce": ce, "entry_cost": C, "national": national, "entrant_payoff": payoff,
                "priced_out": priced_out}

    def _outcome(self, sched: dict, coordinated: bool) -> EntryOutcome:
        W = sched["national"]
        scale = data_scale(W, sched["profit"], sched["premium"], sched["entry_cost"])
        if coordinated:
            m = argmax_first(W, scale)
            if W[m] <= tolerance(scale):  # nothing to gain: stay out
                m = 0
            counts = (m,)
        else:
            counts = free_entry_counts(sched["entrant_payoff"][1:], scale)
            m = max(counts)
        C = float(sched["entry_cost"][m])
        return EntryOutcome(
            m=m, equilibrium_counts=counts, cost_home=float(sched["cost"][m]),
            quantity=float(sched["quantity"][m]), ce_per_firm=float(sched["ce"][m]),
            entry_cost=C, national_surplus=float(W[m]), private_surplus=float(W[m] + self.s * C),
            subsidy_cost=self.s * C, surplus_by_count=W.copy())

    def value(self, mechanisms="all") -> EntryOutcome:
        """Entry outcome ``V(M)`` with the set ``M`` of mechanisms switched on.

        The count is the cluster's choice if ``"avoiding dissipation"`` is in ``M``, else
        the free-entry count (greatest pure equilibrium).
        """
        M = _mechanism_set(mechanisms)
        return self._outcome(self.schedule(M), "avoiding dissipation" in M)

    @functools.cached_property
    def _values(self) -> dict:
        out = {}
        for size in range(len(MECHANISMS) + 1):
            for M in itertools.combinations(MECHANISMS, size):
                out[frozenset(M)] = self.value(M)
        return out

    def mechanism_game(self):
        """The 5-player TU game ``v(M) = V(M) − V(∅)`` of switched-on mechanisms."""
        from ..coalitional.game import TUGame

        base = self._values[frozenset()].national_surplus

        def worth(S):
            return self._values[frozenset(MECHANISMS[i] for i in S)].national_surplus - base

        return TUGame(worth, names=MECHANISMS)

    def decomposition(self):
        """Shapley value of :meth:`mechanism_game`: the cluster's gain by mechanism (sums to it)."""
        from ..coalitional import shapley_value

        return shapley_value(self.mechanism_game())

    def scattered_model(self):
        """The scattered side as :class:`DissipationEntry` (premium ``σ²/(2τ)``, ``γ = 0``)."""

        return DissipationEntry(a=self.a, b=self.b, c0=self.c0, gamma=0.0, c_floor=0.0, k=self.k,
                                c_f=self.c_f, F=self.F, s=self.s, n_potential=self.n,
                                risk_premium=self.sigma2 / (2.0 * self.tau))

    # ------------------------------------------------------------------ regimes
    @staticmethod
    def _classify(m_u, m_c, v_u, v_c, v_opt, scale=0.0) -> int:
        """Regime code; ``v_opt`` is the scattered firms' best joint surplus, so free entry
        over-enters (dissipates) exactly when ``v_opt > v_u`` (ties are not over-entry).
        Surpluses within ``RTOL`` of ``scale`` (the money scale of the schedules) tie."""
        tol = tolerance(v_u, v_c, v_opt, scale)
        if m_u == 0:
            return 1 if m_c > 0 else 0
        if v_u >= v_c - tol:
            return 4
        return 3 if v_opt > v_u + tol else 2

    def _money_scale(self) -> float:
        """The money scale of the model's numbers: the monopoly profit ``(a − c)²/b`` and
        the entry costs (ties in surpluses are judged relative to it)."""
        return data_scale((self.a - min(self.c0, self.c_f)) ** 2 / self.b, self.F, self.F0,
                          self.f * self.n)

    def interior(self) -> bool:
        """Whether a lone home entrant produces in the host market (otherwise nothing can enter)."""
        return _host_market(self.a, self.b, 1, self.c0, self.k, self.c_f)[0] > 0

    def _key_numbers(self):
        scat = self.value(None)
        clus = self.value("all")
        scale = self._money_scale()
        m_opt = argmax_first(scat.surplus_by_count, scale)
        code = self._classify(scat.m, clus.m, scat.national_surplus, clus.national_surplus,
                              float(scat.surplus_by_count[m_opt]), scale)
        return scat, clus, m_opt, code

    def regime(self) -> str:
        """The regime label (see :data:`REGIMES`)."""
        return REGIMES[self._key_numbers()[3]]

    # ------------------------------------------------------------------ solve
    def _power(self, m: int, agglomeration: bool):
        if m == 0:
            return None
        from ..markets import cluster_market_power, cournot

        c = float(self.cost(m, agglomeration))
        eq = cournot(self.a, self.b, [c] * m, incumbents=self.k,
                     incumbent_cost=self.c_f if self.k else None)
        return cluster_market_power(eq, list(range(m)))

    def output_coordination_gain(self, m: int | None = None) -> float:
        """Operating-profit gain if ``m`` members (default ``m_C``) set outputs as one player.

        ``π_merged − m π_member`` from the Cournot engine (risk-neutral expected profits;
        equal to :func:`merger_outcome`'s ``gain`` in the symmetric case). Negative: the
        merger paradox (Salant, Switzer & Reynolds 1983).
        """
        if m is None:
            m = self.value("all").m
        m = whole_number(m, "m (cluster members)", 0)
        if m <= 1:
            return 0.0
        c = float(self.cost(m, True))
        _, pi_member, _, _, _ = _host_market(self.a, self.b, m, c, self.k, self.c_f)
        _, pi_merged, _, _, _ = _host_market(self.a, self.b, 1, c, self.k, self.c_f)
        return pi_merged - m * pi_member

    def solve(self) -> ClusterComparison:
        """Scattered and cluster outcomes, the gain and its decomposition, market power, regime."""
        scat, clus, m_opt, code = self._key_numbers()
        dec = self.decomposition()
        shares = None
        if clus.m >= 1:
            shares = self.platform_game(clus.m).shapley_closed_form()
        return ClusterComparison(
            scattered=scat, cluster=clus, scattered_optimum=m_opt,
            dissipation=float(scat.surplus_by_count[m_opt] - scat.national_surplus),
            gain=clus.national_surplus - scat.national_surplus, decomposition=dec,
            mechanism_values={M: o.national_surplus for M, o in self._values.items()},
            power_cluster=self._power(clus.m, True), power_scattered=self._power(scat.m, False),
            output_coordination_gain=self.output_coordination_gain(clus.m),
            platform_shares=shares, regime=REGIMES[code], regime_code=code,
            interior=self.interior())

    def cluster_surplus(self) -> float:
        """``V_C``: national CE surplus of cluster entry (all five mechanisms)."""
        return self.value("all").national_surplus

    def scattered_surplus(self) -> float:
        """``V_U``: national CE surplus at scattered free entry (subsidy cost counted)."""
        return self.value(None).national_surplus

    # ------------------------------------------------------------------ grids
    def regime_map(self, param_x: str, grid_x, param_y: str, grid_y) -> RegimeMap:
        """Regimes, gains and entry counts over a grid of two parameters.

        ``param_x``/``param_y`` are names from :data:`GRID_PARAMETERS`; every grid point
        is validated like the model (a bad value raises ``ValueError`` naming it). The
        host-market solves are cached across points, so a 30 × 30 map takes a few seconds.
        """
        for p in (param_x, param_y):
            if p not in GRID_PARAMETERS:
                raise ValueError(f"cannot vary {p!r}; choose from {GRID_PARAMETERS}")
        if param_x == param_y:
            raise ValueError(f"param_x and param_y must differ, both are {param_x!r}")
        gx = nonempty_grid(grid_x, f"grid_x ({param_x})")
        gy = nonempty_grid(grid_y, f"grid_y ({param_y})")
        if gx.ndim != 1 or gy.ndim != 1:
            raise ValueError("grid_x and grid_y must be 1-D")
        shape = (gy.size, gx.size)
        code = np.zeros(shape, dtype=int)
        out = {key: np.zeros(shape) for key in ("gain", "V_U", "V_C")}
        m_u = np.zeros(shape, dtype=int)
        m_c = np.zeros(shape, dtype=int)
        inter = np.zeros(shape, dtype=bool)
        for i, y in enumerate(gy):
            for j, x in enumerate(gx):
                model = self.replace(**{param_x: float(x), param_y: float(y)})
                scat, clus, _, c = model._key_numbers()
                code[i, j] = c
                out["V_U"][i, j] = scat.national_surplus
                out["V_C"][i, j] = clus.national_surplus
                m_u[i, j] = scat.m
                m_c[i, j] = clus.m
                inter[i, j] = model.interior()
        out["gain"] = out["V_C"] - out["V_U"]
        return RegimeMap(param_x=param_x, grid_x=gx, param_y=param_y, grid_y=gy, code=code,
                         gain=out["gain"], V_U=out["V_U"], V_C=out["V_C"], m_U=m_u, m_C=m_c,
                         interior=inter)

    def decomposition_by(self, param: str, values) -> dict:
        """Decomposition of the gain at several values of one parameter (e.g. the subsidy).

        Returns ``{value: Allocation}`` (each sums to that point's ``V_C − V_U``).
        """
        if param not in GRID_PARAMETERS:
            raise ValueError(f"cannot vary {param!r}; choose from {GRID_PARAMETERS}")
        vals = nonempty_grid(values, f"values of {param}")
        return {float(v): self.replace(**{param: float(v)}).decomposition() for v in vals}

    # ------------------------------------------------------------------ closed forms
    def closed_forms(self) -> ClosedForms:
        """Symmetric case (``c0 = c_f = c``, ``γ = 0``, all ``m + k`` firms active).

        ``q_m = (a − c)/(b(m + k + 1))``; scattered entrant CE ``q_m²(b − σ²/(2τ))``;
        scattered no-entry boundary ``F̄ = q_1²(b − σ²/(2τ))/(1 − s)`` (a lone home entrant
        breaks even net of the subsidy); cluster member CE with pooling and the public
        signal, and the cluster viability boundary in ``F0``: the cluster enters iff
        ``F0 < max_m m(CE_C(m) − f)``.
        """
        a, b, c, s2, w, tau, F, F0, f, r, s = sp.symbols(
            "a b c sigma2 omega tau F F_0 f r s", positive=True)
        m, k = sp.symbols("m k", positive=True, integer=True)
        q = (a - c) / (b * (m + k + 1))
        q1 = q.subs(m, 1)
        info = r * w * s2 / (b**2 * (m + k + 1) ** 2)
        ce_s = q**2 * (b - s2 / (2 * tau))
        ce_c = b * (q**2 + info) - (q**2 + info) * ((1 - r) * w * s2 + (1 - w) * s2 / m) / (2 * tau)
        exprs = {
            "quantity": sp.Eq(sp.Symbol("q(m)"), q),
            "ce_scattered": sp.Eq(sp.Symbol("CE_U(m)"), ce_s),
            "no_entry_boundary": sp.Eq(sp.Symbol(r"\bar F"),
                                       q1**2 * (b - s2 / (2 * tau)) / (1 - s)),
            "ce_cluster": sp.Eq(sp.Symbol("CE_C(m)"), ce_c),
            "cluster_surplus": sp.Eq(sp.Symbol("W_C(m)"), m * (ce_c - f) - F0),
        }
        syms = {"a": a, "b": b, "c": c, "sigma2": s2, "omega": w, "tau": tau, "F": F, "F0": F0,
                "f": f, "r": r, "s": s, "m": m, "k": k}
        return ClosedForms(exprs, syms, title="M0 cluster vs scattered (symmetric case)")
