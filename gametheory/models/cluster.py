"""M0: when clustered OFDI beats uncoordinated entry — the cluster as an equilibrium that can lose.

``n`` home firms (possibly different: cost, risk tolerance, entry cost, capital, outside
option) may enter a host market held by ``k`` foreign incumbents (linear Cournot,
``P = a + θ − bQ``). Two worlds share every primitive:

* **scattered entry** — every firm decides alone: the greatest pure Nash equilibrium of
  the entry game (most entrants; firms of a type are identical, so it is a count vector
  by type, :func:`gametheory.noncooperative.typed_entry_equilibria`);
* **cluster entry** — firms choose to join the cluster (open membership); the cluster
  (association and government agency) decides which members go abroad, shares their
  costs and risks, and moves *first*; non-members see its choice and enter on their own
  if they gain by it (the greatest equilibrium among them). The equilibrium membership is
  the largest internally and externally stable cluster (d'Aspremont et al. 1983 for one
  coalition against a fringe; the Nash equilibria of Yi's 1997 open-membership game):
  no member gains by leaving, no outsider by joining, with payoffs inside given by the
  sharing rule (default: the Shapley value of the members' game).

Primitives (firm ``i`` of type ``t``; ``m_C`` cluster entrants, ``m_O`` outsiders entering)
-------------------------------------------------------------------------------------------
* Costs abroad. A member sent abroad: ``max(c_i − γ(m_C − 1) − ψγ m_O, c_floor)``; a
  firm entering on its own: ``max(c_i − ψγ(m_C + m_O − 1), c_floor)`` — the cluster's
  agglomeration economies (shared park, suppliers, labour pool) reach uncoordinated
  entrants only in the share ``ψ`` = ``spillover`` (0: none, as in the paper's claim that
  the advantages "only show when firms go together"; 1: fully, as in a market where
  co-location is free). The same ``ψ`` is read the same way by :class:`DissipationEntry`.
* Risk. Per-unit profit shock with a host-wide common part (variance ``ωσ²``) and a
  firm-specific part (``(1 − ω)σ²``); CARA firms evaluate certainty equivalents
  ``CE = E π − Var π/(2τ)`` (outputs are the risk-neutral Cournot outputs). On its own a
  firm bears all of it. The cluster's entrants pool their payoffs with the Borch–Wilson
  rule (syndicate premium ``Var(X_S)/(2τ_S)``); co-located members share a zone shock:
  the share ``κ`` = ``colocation`` of the firm-specific variance becomes common among
  members — a cost of clustering: pooling cannot diversify it.
* Information. The association's public signal resolves the share ``r`` of the
  host-wide common variance before outputs are set (Vives 1984): every active firm's
  expected profit rises by ``r ωσ²/(b(N + 1)²)``. It is public in the host market, so
  outsiders benefit too (free riding on the cluster's information).
* Entry costs. Alone: ``F_i``, with an entry subsidy at rate ``s`` (any entrant); a firm
  whose own capital ``K_i`` cannot pay ``(1 − s)F_i`` cannot enter alone. The cluster's
  platform costs ``F0 + f m_C`` (an airport cost game, Littlechild & Owen 1973), paid
  from the members' pooled capital, subsidised at ``s + s_cluster`` (``s_cluster``: the
  subsidy conditioned on entering through the cluster). Each member pays the
  organising cost ``governance`` (the association's coordination).
* Outside option ``o_i``: what a firm earns if it does not invest abroad (exporting or
  its home business; e.g. the HMY export profit of :class:`EntryModeSorting`). FDI
  replaces it: an entrant gives it up.

The cluster maximises its members' private surplus (subsidies received count; it does
not internalise the outsiders' profits or the taxpayer), so it responds to policy as
firms would. National surplus counts every home firm's certainty equivalent or outside
option, the entry and platform costs in full (subsidies are transfers) and the
organising cost.

Mechanisms and the decomposition
--------------------------------
At the equilibrium membership ``μ*`` the worth ``V(M)`` of a set ``M`` of switched-on
mechanisms is the national surplus (before the organising cost) with only those on:
**cost sharing** (the platform instead of standalone costs), **risk sharing** (the
Borch–Wilson pool), **agglomeration** (``γ`` among members), **entry coordination**
(the cluster chooses who goes, as a leader; without it members decide on their own,
simultaneously with the outsiders, paying their platform and risk shares) and
**information sharing** (the signal). ``V(∅) = V_U``. The gain
``V_C − V_U = Σ_M φ_M − organising cost``: the Shapley value ``φ`` of the five-player
mechanism game (order free, efficient, zero for a mechanism that changes nothing), next
to its Harsanyi dividends (the part of the gain that only a *combination* of mechanisms
produces), so interaction effects are not reported as one mechanism's. Entry
coordination is labelled by what it does: *restraining a rush* (fewer entrants than
without it: the paper's "avoiding internal dissipation") or *overcoming a coordination
failure* (more).

Regimes (:data:`REGIMES`, numbered 1…7 everywhere: code, tables, figures)
------------------------------------------------------------------------
1 no entry either way · 2 only the cluster enters · 3 the cluster restrains a rush
(scattered over-entry: more home entrants scattered than in the cluster equilibrium) ·
4 the cluster overcomes under-entry (fewer scattered) · 5 same entry, the cluster earns
more · 6 scattered entry is better (``V_U ≥ V_C``) · 7 no stable cluster (no membership of
two or more holds together; the outcome is scattered entry). Regimes 2–5 are the cluster
winning; 6 and 7 are the ways it loses.

Special case. With identical firms, ``membership="all"`` (the grand coalition imposed:
nobody outside), no organising cost, ``ψ = κ = 0`` and ``s = 0``, this is the planner
comparison of earlier versions: at the default primitives ``m_U = 3``, ``m_C = 4``,
``V_C = 237.03`` and the decomposition 28.8 / 26.5 / 12.2 / 128.4 / 21.2. With
``s > 0`` the cluster now responds to the subsidy (it maximises private surplus).

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J. & Weymark, J. A. (1983). On the stability
of collusive price leadership. *Canadian Journal of Economics* 16:17–25.
Yi, S.-S. (1997). Stable coalition structures with externalities. *Games and Economic
Behavior* 20:201–237.
Borch, K. (1962). Equilibrium in a reinsurance market. *Econometrica* 30:424–444.
Wilson, R. (1968). The theory of syndicates. *Econometrica* 36:119–132.
Littlechild, S. C. & Owen, G. (1973). A simple expression for the Shapley value in a
special case. *Management Science* 20:370–372.
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND
Journal of Economics* 17:48–58.
Vives, X. (1984). Duopoly information equilibrium: Cournot and Bertrand. *Journal of
Economic Theory* 34:71–94.
Shapley, L. S. (1953). A value for n-person games. *Contributions to the Theory of
Games II*, 307–317.
Harsanyi, J. C. (1959). A bargaining model for the cooperative n-person game.
*Contributions to the Theory of Games IV*, 325–355.
Cowling, K. & Waterson, M. (1976). Price-cost margins and market structure.
*Economica* 43:267–274.
Salant, S. W., Switzer, S. & Reynolds, R. J. (1983). Losses from horizontal merger.
*Quarterly Journal of Economics* 98:185–199.
Helpman, E., Melitz, M. J. & Yeaple, S. R. (2004). Export versus FDI with heterogeneous
firms. *American Economic Review* 94:300–316.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import RTOL, data_scale, tolerance
from .._validation import (
    finite_array,
    in_interval,
    names_for,
    nonempty_grid,
    positive,
    whole_number,
)
from . import _cluster_kernel as kern
from .base import Model
from .dissipation import validate_host_market

#: The five mechanisms, in the paper's order (names of the mechanism game's players).
MECHANISMS = ("cost sharing", "risk sharing", "agglomeration", "entry coordination",
              "information sharing")

#: Regime labels; the code of ``REGIMES[i]`` is ``i + 1`` (see the module docstring).
REGIMES = (
    "no entry either way",
    "only the cluster enters",
    "the cluster restrains a rush",
    "the cluster overcomes under-entry",
    "same entry, the cluster earns more",
    "scattered entry is better",
    "no stable cluster",
)

#: Parameters that :meth:`ClusterVsScattered.regime_map` may vary (scalars; ``n`` and
#: ``k`` are integers and are solved one value at a time).
GRID_PARAMETERS = ("a", "b", "c0", "c_f", "c_floor", "sigma2", "common_share", "tau", "F",
                   "F0", "f", "gamma", "r", "s", "s_cluster", "governance", "colocation",
                   "spillover", "capital", "outside", "n", "k")

_FIRM_FIELDS = ("c0", "tau", "F", "capital", "outside")
_SCALARS = ("a", "b", "c_f", "c_floor", "sigma2", "common_share", "F0", "f", "gamma", "r", "s",
            "s_cluster", "governance", "colocation", "spillover")
#: Largest number of (membership, choice, follower) configurations solved per point.
MAX_CONFIGURATIONS = 400_000


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


def _indices(mechs: frozenset) -> frozenset:
    return frozenset(MECHANISMS.index(m) for m in mechs)


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class EntryOutcome(ResultMixin):
    """Who enters in one world (scattered, or the cluster at its membership) and what it yields.

    Attributes
    ----------
    m : int
        Home entrants (cluster members sent abroad plus firms entering on their own).
    members, cluster_entrants, own_entrants : tuple of str
        Cluster members, the members sent abroad, and the firms that enter on their own.
    national_surplus : float
        Every home firm's CE abroad or outside option, minus entry and platform costs in
        full and the organising cost (subsidies are transfers).
    subsidy_cost : float
        What the home government pays for entry (and the platform).
    firm_payoff : ndarray
        Each firm's private payoff in this world (members: their share under the sharing
        rule; others: CE abroad net of its entry cost, or the outside option).
    equilibrium_counts : tuple
        Home entrants by type (members sent, own entrants) in this outcome.
    home_output : float
        Expected output of all home entrants in the host market.
    price : float
        Expected host-market price.
    """

    m: int
    members: tuple
    cluster_entrants: tuple
    own_entrants: tuple
    national_surplus: float
    subsidy_cost: float
    firm_payoff: np.ndarray
    equilibrium_counts: tuple
    home_output: float = 0.0
    price: float = float("nan")


@dataclasses.dataclass(frozen=True)
class Stability(ResultMixin):
    """Whether the equilibrium membership holds together, and whether its split is in the core.

    Attributes
    ----------
    internal, external : bool
        No member gains by leaving (and entering on its own); no outsider by joining.
    payoff_inside, payoff_outside : ndarray
        Per firm: its payoff as a member (nan for non-members) and what it would get
        outside (for members: after leaving; for non-members: where it is).
    participation : bool
        Every member gets at least its outside option ``o_i``.
    in_core : bool
        The sharing rule is in the core of the members' game (no sub-group of members
        would do better as a cluster of its own, others acting alone).
    least_core_epsilon : float
        Largest uniform surplus every sub-group can be guaranteed (``< 0``: core empty).
    blocking : tuple of str or None
        A sub-group that gains most by breaking away (None when none gains).
    stable_memberships : tuple of tuple
        Every internally and externally stable membership (as counts by type).
    """

    internal: bool
    external: bool
    payoff_inside: np.ndarray
    payoff_outside: np.ndarray
    participation: bool
    in_core: bool
    least_core_epsilon: float
    blocking: tuple | None
    stable_memberships: tuple


@dataclasses.dataclass(frozen=True)
class ClusterComparison(ResultMixin):
    """The integrated answer at one parameter point (:meth:`ClusterVsScattered.solve`).

    Attributes
    ----------
    scattered, cluster : EntryOutcome
    gain : float
        ``V_C − V_U``.
    decomposition : Allocation
        Shapley value of the mechanism game (players :data:`MECHANISMS`); sums to
        ``gain + organising_cost``.
    dividends : dict
        Harsanyi dividends of the mechanism game: ``{frozenset of mechanisms: value}``
        (non-zero ones); a singleton's dividend is a mechanism's own effect, a larger
        set's the interaction only that combination produces.
    organising_cost : float
        ``governance × members``: what holding the cluster together costs.
    coordination_role : str
        What entry coordination does here: "restraining a rush (avoiding internal
        dissipation)", "overcoming a coordination failure" or "no change in entry".
    mechanism_values : dict
        ``V(M)`` for every subset ``M`` (frozenset of mechanism names).
    stability : Stability
    power_cluster, power_scattered : ClusterPower or None
        Market power abroad of the cluster's members (quantity and profit shares, Lerner
        indices competing and coordinated) and of the scattered entrants.
    output_coordination_gain : float
        What the cluster's entrants would add by setting outputs as one player (merger
        computation, risk neutral; negative: the merger paradox). Not in the baseline.
    dissipation : float
        National surplus the scattered firms lose by entering beyond the cluster
        equilibrium's count: the best scattered surplus with at most ``m_C`` entrants
        minus ``V_U`` (0 when scattered entry is not larger).
    regime, regime_code : str, int
        Label from :data:`REGIMES` and its number (1…7).
    interior : bool
        False when a lone home entrant is priced out of the host market.
    """

    scattered: EntryOutcome
    cluster: EntryOutcome
    gain: float
    decomposition: object
    dividends: dict
    organising_cost: float
    coordination_role: str
    mechanism_values: dict
    stability: Stability
    power_cluster: object
    power_scattered: object
    output_coordination_gain: float
    dissipation: float
    regime: str
    regime_code: int
    interior: bool


@dataclasses.dataclass(frozen=True)
class RegimeMap(ResultMixin):
    """Regimes and key numbers over a two-parameter grid (:meth:`ClusterVsScattered.regime_map`).

    Arrays have shape ``(len(grid_y), len(grid_x))`` (rows follow ``y``, as in an image).
    ``code`` holds regime numbers 1…7 (``labels[code − 1]``); ``members`` is the
    equilibrium cluster's size.
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
    members: np.ndarray
    interior: np.ndarray
    labels: tuple = REGIMES
    first_code: int = 1


# --------------------------------------------------------------------------- the model
@dataclasses.dataclass(frozen=True)
class ClusterVsScattered(Model):
    """Clustered against scattered OFDI, with the cluster as an equilibrium (M0).

    Parameters
    ----------
    n : int
        Home firms (``≥ 1``).
    k : int
        Foreign incumbents (``≥ 0``), marginal cost ``c_f``.
    a, b : float
        Mean host inverse demand ``P = a − bQ`` (``a, b > 0``).
    c0 : float or array (n,)
        A firm's marginal cost abroad without agglomeration economies, ``0 ≤ c0 < a``.
    c_f : float
        Foreign marginal cost, ``0 ≤ c_f < a``.
    c_floor : float
        Lowest cost agglomeration can bring, ``≥ 0`` (a firm's cost never falls below
        ``min(c_floor, c0_i)``).
    sigma2 : float
        Variance ``σ² ≥ 0`` of a firm's per-unit profit shock.
    common_share : float
        ``ω ∈ [0, 1]``: the host-wide common share of ``σ²``.
    tau : float or array (n,)
        CARA risk tolerance ``τ > 0``.
    F : float or array (n,)
        Entry cost of a firm going alone (``> 0``).
    F0, f : float
        The cluster's shared platform cost and per-entrant cost (``≥ 0``, ``F0 + f > 0``).
    gamma : float
        Agglomeration cost saving per further member abroad (``≥ 0``).
    r : float
        Precision of the association's public signal (share of ``ωσ²`` resolved), ``[0, 1]``.
    s : float
        Entry subsidy rate ``[0, 1)`` for every entrant (untargeted).
    s_cluster : float
        Extra subsidy rate on entry through the cluster (targeted), ``s + s_cluster < 1``.
    capital : None, float or array (n,)
        What each firm can pay towards entry (None or ``inf``: unconstrained), ``≥ 0``.
    outside : float or array (n,)
        Outside option ``o_i ≥ 0`` (export or home profit given up by entering).
    governance : float
        Organising cost per member (``≥ 0``).
    colocation : float
        ``κ ∈ [0, 1]``: share of the firm-specific variance that becomes common among
        co-located members.
    spillover : float
        ``ψ ∈ [0, 1]``: share of the agglomeration economies uncoordinated entrants get.
    membership : {"stable", "all"}
        The equilibrium membership (largest stable cluster) or the grand coalition imposed.
    sharing : {"shapley", "equal", "capital"}
        How members split the cluster's surplus (capital: in proportion to ``capital``).
    risk_pool : {"entrants", "members"}
        Who pools the entrants' risk: the entrants only, or every member.
    names : sequence of str, optional
        Firm names.

    Examples
    --------
    >>> import gametheory as gt
    >>> r = gt.ClusterVsScattered(membership="all").solve()
    >>> r.scattered.m, r.cluster.m, round(r.cluster.national_surplus, 2)
    (3, 4, 237.03)
    """

    n: int = 12
    k: int = 2
    a: float = 100.0
    b: float = 1.0
    c0: object = 40.0
    c_f: float = 40.0
    c_floor: float = 36.0
    sigma2: float = 200.0
    common_share: float = 0.5
    tau: object = 300.0
    F: object = 60.0
    F0: float = 50.0
    f: float = 15.0
    gamma: float = 0.8
    r: float = 0.8
    s: float = 0.0
    s_cluster: float = 0.0
    capital: object = None
    outside: object = 0.0
    governance: float = 0.0
    colocation: float = 0.0
    spillover: float = 0.0
    membership: str = "stable"
    sharing: str = "shapley"
    risk_pool: str = "entrants"
    names: tuple | None = None

    # ------------------------------------------------------------------ validation
    def _validate(self):
        n = whole_number(self.n, "n (home firms)", 1, 64)
        k = whole_number(self.k, "k (foreign incumbents)", 0)
        a = positive(self.a, "a (demand intercept)")
        firm = {}
        for name, what, lo, strict in (("c0", "home marginal cost", 0.0, False),
                                       ("tau", "CARA risk tolerance", 0.0, True),
                                       ("F", "standalone entry cost", 0.0, True),
                                       ("outside", "outside option", 0.0, False)):
            arr = finite_array(getattr(self, name), f"{name} ({what})")
            if arr.ndim > 1 or (arr.ndim == 1 and arr.shape[0] != n):
                raise ValueError(f"{name} ({what}) must be a number or an array of n={n} "
                                 f"values (one per firm), got shape {arr.shape}")
            arr = np.broadcast_to(arr, (n,)).astype(float)
            bad = arr <= lo if strict else arr < lo
            if np.any(bad):
                raise ValueError(f"{name} ({what}) must be {'>' if strict else '>='} {lo}, "
                                 f"found {arr[bad][0]}")
            firm[name] = arr
        if np.any(firm["c0"] >= a):
            raise ValueError(f"c0 (home marginal cost) must be below the demand intercept "
                             f"a={a}, found {firm['c0'].max()}")
        if self.capital is None:
            firm["capital"] = np.full(n, np.inf)
        else:
            cap = np.asarray(self.capital, dtype=float) if not isinstance(
                self.capital, (str, bytes)) else self.capital
            # +inf marks an unconstrained firm; NaN, −inf and text are errors
            finite_array(np.where(np.isposinf(cap), 0.0, cap) if isinstance(cap, np.ndarray)
                         else cap, "capital (what each firm can pay for entry)")
            if cap.ndim > 1 or (cap.ndim == 1 and cap.shape[0] != n):
                raise ValueError(f"capital must be a number or an array of n={n} values, got "
                                 f"shape {cap.shape}")
            cap = np.broadcast_to(cap, (n,)).astype(float)
            if np.any(cap < 0):
                raise ValueError(f"capital must be >= 0, found {cap.min()}")
            firm["capital"] = cap
        validate_host_market(a, self.b, float(firm["c0"].min()), 0.0, k, self.c_f)
        positive(self.c_floor, "c_floor (lowest home cost)", strict=False)
        positive(self.sigma2, "sigma2 (variance of the profit shock)", strict=False)
        in_interval(self.common_share, "common_share (common part ω of the variance)", 0.0, 1.0)
        F0 = positive(self.F0, "F0 (shared platform cost)", strict=False)
        f = positive(self.f, "f (per-entrant platform cost)", strict=False)
        if F0 + f <= 0:
            raise ValueError("the platform cost F0 + f*m must be > 0: F0 and f cannot both be 0")
        positive(self.gamma, "gamma (agglomeration cost saving per entrant)", strict=False)
        in_interval(self.r, "r (signal precision: share of demand variance resolved)", 0.0, 1.0)
        s = in_interval(self.s, "s (entry subsidy rate)", 0.0, 1.0, closed="left")
        sc = in_interval(self.s_cluster, "s_cluster (targeted subsidy rate)", 0.0, 1.0,
                         closed="left")
        if s + sc >= 1:
            raise ValueError(f"s + s_cluster must stay below 1 (the platform's subsidy rate), "
                             f"got {s} + {sc}")
        positive(self.governance, "governance (organising cost per member)", strict=False)
        in_interval(self.colocation, "colocation (κ: firm risk made common by co-location)",
                    0.0, 1.0)
        in_interval(self.spillover, "spillover (ψ: agglomeration reaching uncoordinated "
                    "entrants)", 0.0, 1.0)
        for name, allowed in (("membership", ("stable", "all")),
                              ("sharing", ("shapley", "equal", "capital")),
                              ("risk_pool", ("entrants", "members"))):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, got {getattr(self, name)!r}")
        if self.sharing == "capital" and (self.capital is None or np.all(firm["capital"] == 0)):
            raise ValueError("sharing='capital' splits in proportion to capital: give capital "
                             "(positive for some firm)")
        names = names_for(n, self.names, "firm")
        for key in ("n", "k"):
            object.__setattr__(self, key, int(getattr(self, key)))
        for key in _SCALARS:
            object.__setattr__(self, key, float(getattr(self, key)))
        object.__setattr__(self, "a", float(a))
        object.__setattr__(self, "_names", names)  # the given names stay as given (replace)
        # firm types: identical rows of the primitives
        table = np.stack([firm[kf] for kf in _FIRM_FIELDS], axis=1)
        first: dict = {}
        type_of = np.array([first.setdefault(tuple(row), len(first)) for row in table])
        object.__setattr__(self, "_type_of", type_of)
        object.__setattr__(self, "_type_table", np.array(list(first)))
        sizes = tuple(int(x) for x in np.bincount(type_of))
        st = kern.structure(sizes)
        work = math.prod(math.comb(s_ + 3, 3) for s_ in sizes)
        if work > MAX_CONFIGURATIONS:
            raise ValueError(
                f"{len(sizes)} firm types of sizes {sizes} give {work:,} (membership, choice, "
                f"follower) configurations, more than {MAX_CONFIGURATIONS:,}: group firms "
                "into fewer types (e.g. leads and SMEs, ClusterVsScattered.with_firm_sizes)")
        object.__setattr__(self, "_st", st)

    # ------------------------------------------------------------------ construction
    @classmethod
    def with_firm_sizes(cls, n: int = 20, leads: int = 4, lead_cost: float = 34.0,
                        sme_cost: float = 40.0, lead_tau: float = 600.0, sme_tau: float = 200.0,
                        lead_F: float = 60.0, sme_F: float = 60.0, lead_capital=None,
                        sme_capital=None, lead_outside: float = 0.0, sme_outside: float = 0.0,
                        **params):
        """A cluster of ``leads`` lead firms and ``n − leads`` SMEs (two types).

        Lead firms are listed first. Everything not given here is a keyword of the model;
        ``F``, ``tau``, ``c0`` or ``outside`` given as keywords apply to both types.
        """
        for key, pair in (("F", ("lead_F", "sme_F")), ("tau", ("lead_tau", "sme_tau")),
                          ("c0", ("lead_cost", "sme_cost")),
                          ("outside", ("lead_outside", "sme_outside"))):
            if key in params:
                val = params.pop(key)
                if pair == ("lead_F", "sme_F"):
                    lead_F = sme_F = val
                elif pair == ("lead_tau", "sme_tau"):
                    lead_tau = sme_tau = val
                elif pair == ("lead_cost", "sme_cost"):
                    lead_cost = sme_cost = val
                else:
                    lead_outside = sme_outside = val
        n = whole_number(n, "n (home firms)", 1)
        leads = whole_number(leads, "leads (lead firms)", 0, n)
        two = lambda x, y: np.r_[np.full(leads, x), np.full(n - leads, y)]  # noqa: E731
        cap = None
        if lead_capital is not None or sme_capital is not None:
            cap = two(np.inf if lead_capital is None else lead_capital,
                      np.inf if sme_capital is None else sme_capital)
        names = ([f"lead {i + 1}" for i in range(leads)]
                 + [f"SME {i + 1}" for i in range(n - leads)])
        return cls(n=n, c0=two(lead_cost, sme_cost), tau=two(lead_tau, sme_tau),
                   F=two(lead_F, sme_F), capital=cap,
                   outside=two(lead_outside, sme_outside), names=tuple(names), **params)

    @classmethod
    def from_size_distribution(cls, n: int = 20, types: int = 2, shape: float = 1.5,
                               seed: int = 0, base_cost: float = 40.0, cost_elasticity=0.05,
                               base_tau: float = 300.0, tau_elasticity: float = 0.5,
                               F: float = 60.0, **params):
        """Firms drawn from a Pareto size distribution, grouped into ``types`` size classes.

        Sizes ``z ~ Pareto(shape)`` (seeded); firms are sorted by size and split into
        ``types`` classes of (nearly) equal numbers; each class has the median size ``z``
        of its firms, cost ``base_cost · z^(−cost_elasticity)`` (larger firms are more
        productive) and risk tolerance ``base_tau · z^tau_elasticity``.
        """
        n = whole_number(n, "n (home firms)", 1)
        types = whole_number(types, "types (size classes)", 1, n)
        shape = positive(shape, "shape (Pareto tail index)")
        rng = np.random.default_rng(whole_number(seed, "seed", 0))
        z = np.sort(1.0 + rng.pareto(shape, n))[::-1]
        cls_of = np.minimum(np.arange(n) * types // n, types - 1)
        zc = np.array([np.median(z[cls_of == c]) for c in range(types)])
        cost = positive(base_cost, "base_cost") * zc[cls_of] ** (-float(cost_elasticity))
        tau = positive(base_tau, "base_tau") * zc[cls_of] ** float(tau_elasticity)
        return cls(n=n, c0=np.round(cost, 9), tau=np.round(tau, 9), F=F, **params)

    # ------------------------------------------------------------------ kernel parameters
    @property
    def type_sizes(self) -> tuple:
        """Number of firms of each type (identical primitives)."""
        return self._st.sizes

    def _params(self, overrides: dict | None = None, G: int = 1) -> dict:
        """Kernel parameters for ``G`` points; ``overrides`` maps names to ``(G,)`` arrays."""
        overrides = overrides or {}
        p = {}
        for key in _SCALARS + ("a",):
            val = overrides.get(key, getattr(self, key))
            p[key] = np.broadcast_to(np.asarray(val, float), (G,)).astype(float)
        T = self._st.T
        tt = self._type_table  # (T, 5): c0, tau, F, capital, outside
        for j, (key, kk) in enumerate(zip(("c", "tau", "F", "K", "o"), _FIRM_FIELDS)):
            if kk in overrides:
                p[key] = np.broadcast_to(np.asarray(overrides[kk], float)[:, None], (G, T))
            else:
                p[key] = np.broadcast_to(tt[:, j], (G, T)).astype(float)
        p["k"] = self.k
        p["pool_members"] = self.risk_pool == "members"
        Kw = np.where(np.isfinite(p["K"]), p["K"], 0.0)
        p["K_share"] = Kw
        p["scale"] = np.maximum.reduce([
            (p["a"] - np.min(np.minimum(p["c"], p["c_f"][:, None]), axis=1)) ** 2 / p["b"],
            np.max(p["F"], axis=1), p["F0"], p["f"] * self.n,
            np.max(p["o"], axis=1), p["governance"]])
        return p

    def _evaluate(self, p, mechanisms=kern.ALL):
        res = kern.evaluate(self._st, p, mechanisms)
        x, v = kern.member_values(self._st, res, p, self.sharing)
        res["x"], res["v"] = x, v
        return res

    # ------------------------------------------------------------------ equilibrium
    def _equilibrium(self, p, res):
        """Stable memberships and the equilibrium one, vectorised over points."""
        st = self._st
        mus = st.memberships
        n_t = st.n
        G = res["L"].shape[0]
        x = res["x"]
        out = res["out_payoff"]
        tol = RTOL * p["scale"][:, None]
        M = len(mus)
        internal = np.ones((G, M), dtype=bool)
        external = np.ones((G, M), dtype=bool)
        for t in range(st.T):
            e_t = np.eye(st.T, dtype=np.int64)[t]
            has = mus[:, t] >= 1
            down = np.where(has, kern.count_index(np.maximum(mus - e_t, 0), n_t), 0)
            internal[:, has] &= x[:, has, t] >= out[:, down[has], t] - tol
            room = mus[:, t] < n_t[t]
            up = np.where(room, kern.count_index(np.minimum(mus + e_t, n_t), n_t), 0)
            external[:, room] &= out[:, room, t] >= x[:, up[room], t] - tol
        size = mus.sum(axis=1)
        stable = internal & external & (size >= 2)[None] & res["feasible_mu"]
        if self.membership == "all":
            star = np.full(G, M - 1)
        else:
            # the largest stable membership; among equal sizes the best for its members
            best_size = np.max(np.where(stable, size[None], -1), axis=1)
            cand = stable & (size[None] == best_size[:, None])
            Lc = np.where(cand, res["L"], -np.inf)
            star = np.where(best_size >= 2, np.argmax(Lc, axis=1), 0)
        return {"internal": internal, "external": external, "stable": stable, "star": star}

    def _regimes(self, p, res, eq):
        G = res["L"].shape[0]
        g = np.arange(G)
        star = eq["star"]
        V_U = res["national"][:, 0]
        V_C = res["national"][g, star]
        m_U = (res["e"][:, 0].sum(-1) + res["o"][:, 0].sum(-1))
        m_C = (res["e"][g, star].sum(-1) + res["o"][g, star].sum(-1))
        tol = RTOL * p["scale"]
        no_cluster = (star == 0) & (self.membership == "stable")
        code = np.zeros(G, dtype=int)
        loses = V_U >= V_C - tol
        code[loses] = np.where((m_U == 0) & (m_C == 0), 1, 6)[loses]
        wins = ~loses
        code[wins & (m_U == 0)] = 2
        code[wins & (m_U > 0) & (m_U > m_C)] = 3
        code[wins & (m_U > 0) & (m_U < m_C)] = 4
        code[wins & (m_U > 0) & (m_U == m_C)] = 5
        code[no_cluster & ~((m_U == 0) & (m_C == 0) & loses)] = 7
        return {"code": code, "V_U": V_U, "V_C": V_C, "m_U": m_U, "m_C": m_C}

    @functools.cached_property
    def _solution(self):
        p = self._params()
        res = self._evaluate(p)
        eq = self._equilibrium(p, res)
        reg = self._regimes(p, res, eq)
        return p, res, eq, reg

    # ------------------------------------------------------------------ firm-level outcome
    def _firms_of(self, counts) -> list:
        """First ``counts[t]`` firm indices of each type (in firm order)."""
        out = []
        for t, c in enumerate(counts):
            idx = np.flatnonzero(self._type_of == t)
            out.extend(idx[: int(c)].tolist())
        return sorted(out)

    def _outcome(self, res, mu_idx, x_row, national_key="national") -> EntryOutcome:
        st = self._st
        mu = st.memberships[mu_idx]
        e = res["e"][0, mu_idx]
        o = res["o"][0, mu_idx]
        members = self._firms_of(mu) if mu.sum() >= 2 else []
        sent = []
        for t in range(st.T):
            idx = [i for i in members if self._type_of[i] == t]
            sent += idx[: int(e[t])]
        own = []
        for t in range(st.T):
            idx = [i for i in np.flatnonzero(self._type_of == t) if i not in members]
            own += idx[: int(o[t])]
        pay = np.array([self._type_table[self._type_of[i], 4] for i in range(self.n)])
        U = res["U_out"][0, mu_idx]
        for i in own:
            pay[i] = U[self._type_of[i]] + self._type_table[self._type_of[i], 4]
        for i in members:
            pay[i] = x_row[self._type_of[i]]
        pair = int(res["pair"][0, mu_idx])
        q = res["market"].quantities[0, pair]
        home_q = float((e * q[:st.T]).sum() + (o * q[st.T:2 * st.T]).sum())
        return EntryOutcome(
            m=int(e.sum() + o.sum()), members=tuple(self._names[i] for i in members),
            cluster_entrants=tuple(self._names[i] for i in sorted(sent)),
            own_entrants=tuple(self._names[i] for i in sorted(own)),
            national_surplus=float(res[national_key][0, mu_idx]),
            subsidy_cost=float(res["subsidy"][0, mu_idx]), firm_payoff=pay,
            equilibrium_counts=(tuple(int(v) for v in e), tuple(int(v) for v in o)),
            home_output=home_q, price=float(res["market"].price[0, pair]))

    # ------------------------------------------------------------------ mechanisms
    @functools.cached_property
    def _mechanism_values(self) -> dict:
        p, res, eq, reg = self._solution
        star = int(eq["star"][0])
        out = {}
        for size in range(len(MECHANISMS) + 1):
            for M in itertools.combinations(MECHANISMS, size):
                key = frozenset(M)
                if not M:
                    out[key] = float(reg["V_U"][0])
                    continue
                r = kern.evaluate(self._st, p, _indices(key))
                out[key] = float(r["national_gross"][0, star]) if star else float(
                    reg["V_U"][0])
        return out

    def value(self, mechanisms="all") -> float:
        """``V(M)``: national surplus (before the organising cost) with the set ``M`` of
        mechanisms on, at the equilibrium membership (``V(∅) = V_U``)."""
        return self._mechanism_values[_mechanism_set(mechanisms)]

    def mechanism_game(self):
        """The 5-player TU game ``v(M) = V(M) − V(∅)`` of switched-on mechanisms."""
        from ..coalitional.game import TUGame

        vals = self._mechanism_values
        base = vals[frozenset()]

        def worth(S):
            return vals[frozenset(MECHANISMS[i] for i in S)] - base

        return TUGame(worth, names=MECHANISMS)

    def decomposition(self):
        """Shapley value of :meth:`mechanism_game` (sums to ``V_C − V_U`` + organising cost)."""
        from ..coalitional import shapley_value

        return shapley_value(self.mechanism_game())

    def dividends(self) -> dict:
        """Harsanyi dividends of the mechanism game: ``{frozenset of names: value}``.

        Non-zero ones only (beyond the tie tolerance); they sum to ``V(all) − V(∅)``.
        """
        from ..coalitional import harsanyi_dividends

        g = self.mechanism_game()
        d = harsanyi_dividends(g)
        tol = tolerance(g.v, self._params()["scale"])
        return {frozenset(MECHANISMS[i] for i in range(5) if m >> i & 1): float(d[m])
                for m in range(1, 32) if abs(d[m]) > tol}

    # ------------------------------------------------------------------ solve
    def _stability(self, p, res, eq) -> Stability:
        st = self._st
        star = int(eq["star"][0])
        mu = st.memberships[star]
        x = res["x"][0]
        v = res["v"][0]
        out = res["out_payoff"][0]
        n_t = st.n
        inside = np.full(self.n, np.nan)
        outside = np.zeros(self.n)
        members = self._firms_of(mu) if mu.sum() >= 2 else []
        for i in range(self.n):
            t = self._type_of[i]
            if i in members:
                inside[i] = x[star, t]
                down = kern.count_index(mu - np.eye(st.T, dtype=np.int64)[t], n_t)
                outside[i] = out[down, t]
            else:
                outside[i] = out[star, t]
        tol = RTOL * float(p["scale"][0])
        o_opt = self._type_table[self._type_of, 4]
        participation = bool(np.all(inside[members] >= o_opt[members] - tol)) if members else True
        # core of the members' game over sub-groups (count vectors σ ≤ μ)
        in_core, eps, blocking = True, np.inf, None
        if mu.sum() >= 2:
            subs = kern.count_lattice(mu)
            idx = kern.count_index(subs, n_t)
            xs = x[star]
            alloc = subs @ xs
            excess = v[idx] - alloc
            proper = (subs.sum(1) > 0) & (subs.sum(1) < mu.sum())
            worst = int(np.argmax(np.where(proper, excess, -np.inf)))
            if proper.any() and excess[worst] > tol:
                in_core = False
                blocking = tuple(self._names[i] for i in self._firms_of(subs[worst]))
            eps = self._least_core_epsilon(subs[proper], v[idx][proper], mu, v[star])
        stable = tuple(tuple(int(c) for c in st.memberships[j])
                       for j in np.flatnonzero(eq["stable"][0]))
        return Stability(internal=bool(eq["internal"][0, star]),
                         external=bool(eq["external"][0, star]), payoff_inside=inside,
                         payoff_outside=outside, participation=participation,
                         in_core=in_core, least_core_epsilon=float(eps), blocking=blocking,
                         stable_memberships=stable)

    @staticmethod
    def _least_core_epsilon(subs, worths, mu, grand) -> float:
        """``max ε`` s.t. ``σ·x ≥ v(σ) + ε`` for proper sub-groups, ``μ·x = v(μ)`` (types)."""
        from scipy.optimize import linprog

        from ..coalitional.lp import silence_highs_banner

        T = mu.size
        if subs.shape[0] == 0:
            return float("inf")
        c = np.zeros(T + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-subs.astype(float), np.ones((subs.shape[0], 1))])
        b_ub = -worths
        A_eq = np.r_[mu.astype(float), 0.0][None]
        scale = max(data_scale(worths, grand), 1e-300)
        silence_highs_banner()
        res = linprog(c, A_ub=A_ub, b_ub=b_ub / scale, A_eq=A_eq, b_eq=[grand / scale],
                      bounds=[(None, None)] * (T + 1), method="highs")
        if res.status != 0:
            raise RuntimeError(f"the least-core LP of the members' game failed: {res.message}")
        return float(-res.fun * scale)

    def solve(self) -> ClusterComparison:
        """Both worlds in equilibrium, the gain and its decomposition, stability, the regime."""
        p, res, eq, reg = self._solution
        star = int(eq["star"][0])
        scat = self._outcome(res, 0, np.zeros(self._st.T))
        clus = self._outcome(res, star, res["x"][0, star])
        dec = self.decomposition()
        org = float(p["governance"][0]) * (self._st.memberships[star].sum() if star else 0)
        code = int(reg["code"][0])
        role = self._coordination_role()
        return ClusterComparison(
            scattered=scat, cluster=clus, gain=clus.national_surplus - scat.national_surplus,
            decomposition=dec, dividends=self.dividends(), organising_cost=org,
            coordination_role=role,
            mechanism_values=dict(self._mechanism_values),
            stability=self._stability(p, res, eq),
            power_cluster=self._power(res, star, cluster=True),
            power_scattered=self._power(res, 0, cluster=False),
            output_coordination_gain=self.output_coordination_gain(),
            dissipation=self._dissipation(p, res, int(reg["m_C"][0])),
            regime=REGIMES[code - 1], regime_code=code, interior=self.interior())

    def _coordination_role(self) -> str:
        p, res, eq, reg = self._solution
        star = int(eq["star"][0])
        if star == 0:
            return "no cluster: nothing to coordinate"
        without = kern.evaluate(self._st, p, kern.ALL - {kern.COORD})
        m_free = int(without["e"][0, star].sum() + without["o"][0, star].sum())
        m_c = int(reg["m_C"][0])
        if m_c < m_free:
            return "restraining a rush (avoiding internal dissipation)"
        if m_c > m_free:
            return "overcoming a coordination failure"
        return "no change in entry"

    def _dissipation(self, p, res, m_c) -> float:
        """Best scattered national surplus with at most ``m_C`` entrants, minus ``V_U``
        (0 when free entry does not bring more entrants than the cluster equilibrium)."""
        st = self._st
        m_u = int(res["e"][0, 0].sum() + res["o"][0, 0].sum())
        if m_u <= m_c:
            return 0.0
        E, O = st.pairs
        scat = (E.sum(1) == 0) & (O.sum(1) <= m_c)
        if not scat.any():
            return 0.0
        mkt = res["market"]
        q = mkt.quantities[0][:, st.T:2 * st.T]
        tau = p["tau"][0]
        s2, b = p["sigma2"][0], p["b"][0]
        ce = b * q**2 - q**2 * s2 / (2.0 * tau)
        nat = (O * (ce - p["F"][0])).sum(1) + ((st.n - O) * p["o"][0]).sum(1)
        best = float(nat[scat].max())
        return max(best - float(res["national"][0, 0]), 0.0)

    def _power(self, res, mu_idx, cluster: bool):
        from ..markets import cluster_market_power, cournot

        st = self._st
        e = res["e"][0, mu_idx]
        o = res["o"][0, mu_idx]
        if e.sum() + o.sum() == 0 or (cluster and e.sum() == 0):
            return None
        pair = int(res["pair"][0, mu_idx])
        mkt = res["market"]
        q = mkt.quantities[0, pair]
        price = float(mkt.price[0, pair])
        # marginal costs from the equilibrium quantities: c = p − b q (active firms)
        b = self.b
        c_m = price - b * q[:st.T]
        c_o = price - b * q[st.T:2 * st.T]
        costs = np.r_[np.repeat(c_m, e), np.repeat(c_o, o)]
        eq = cournot(self.a, b, costs, incumbents=self.k,
                     incumbent_cost=self.c_f if self.k else None)
        who = list(range(int(e.sum()))) if cluster else list(range(costs.size))
        return cluster_market_power(eq, who)

    def output_coordination_gain(self) -> float:
        """Operating-profit gain if the cluster's entrants set outputs as one player.

        ``π_merged − Σ π_member`` from the Cournot engine, risk neutral, the merged firm
        producing at its members' lowest cost, everyone else unchanged. Negative: the merger
        paradox (Salant, Switzer & Reynolds 1983).
        """
        from ..markets import cournot

        p, res, eq, reg = self._solution
        star = int(eq["star"][0])
        e = res["e"][0, star]
        o = res["o"][0, star]
        if e.sum() <= 1:
            return 0.0
        st = self._st
        pair = int(res["pair"][0, star])
        mkt = res["market"]
        q = mkt.quantities[0, pair]
        price = float(mkt.price[0, pair])
        c_m = price - self.b * q[:st.T]
        c_o = price - self.b * q[st.T:2 * st.T]
        before = float((e * mkt.profits[0, pair][:st.T]).sum())
        others = np.repeat(c_o, o)
        merged_cost = float(np.min(c_m[e > 0]))
        after = cournot(self.a, self.b, np.r_[merged_cost, others], incumbents=self.k,
                        incumbent_cost=self.c_f if self.k else None)
        return float(np.asarray(after.profits)[0]) - before

    def interior(self) -> bool:
        """Whether a lone home entrant (the cheapest firm) produces in the host market."""
        from ..markets import grouped_cournot

        r = grouped_cournot(self.a, self.b, [1, self.k],
                            [float(self._type_table[:, 0].min()), self.c_f])
        return bool(r.quantities[0] > 0)

    def headline(self) -> dict:
        """The key numbers without the decomposition (one equilibrium solve).

        ``regime``, ``regime_code``, ``m_U`` and ``m_C`` (home entrants scattered and in the
        cluster equilibrium), ``members`` (the equilibrium cluster's size), ``V_U``, ``V_C``,
        ``gain`` and ``interior``.
        """
        p, res, eq, reg = self._solution
        code = int(reg["code"][0])
        star = int(eq["star"][0])
        v_u, v_c = float(reg["V_U"][0]), float(reg["V_C"][0])
        return {"regime": REGIMES[code - 1], "regime_code": code, "m_U": int(reg["m_U"][0]),
                "m_C": int(reg["m_C"][0]),
                "members": int(self._st.memberships[star].sum()) if star else 0,
                "V_U": v_u, "V_C": v_c, "gain": v_c - v_u, "interior": self.interior()}

    def regime(self) -> str:
        """The regime label (see :data:`REGIMES`)."""
        return REGIMES[int(self._solution[3]["code"][0]) - 1]

    def cluster_surplus(self) -> float:
        """``V_C``: national surplus in the cluster equilibrium."""
        return float(self._solution[3]["V_C"][0])

    def scattered_surplus(self) -> float:
        """``V_U``: national surplus of scattered entry (subsidies as transfers)."""
        return float(self._solution[3]["V_U"][0])

    def dissipation_model(self):
        """The scattered side as :class:`DissipationEntry` (same primitives, identical firms).

        Same host market, the scattered entrants' certainty-equivalent premium
        ``σ²/(2τ)``, the same ``spillover`` reading of agglomeration, standalone entry
        cost and subsidy. Needs identical firms.
        """
        from .dissipation import DissipationEntry

        if self._st.T != 1:
            raise ValueError("dissipation_model needs identical firms (one type)")
        c, tau, F, _, o = self._type_table[0]
        if o != 0:
            raise ValueError("dissipation_model has no outside option: needs outside = 0")
        return DissipationEntry(a=self.a, b=self.b, c0=float(c), gamma=self.gamma,
                                c_floor=float(min(self.c_floor, c)), k=self.k, c_f=self.c_f,
                                F=float(F), s=self.s, n_potential=self.n,
                                risk_premium=float(self.sigma2 / (2 * tau)),
                                spillover=self.spillover)

    # ------------------------------------------------------------------ symmetric schedules
    def schedule(self, mechanisms="all") -> dict:
        """Per-count numbers for ``m = 0 … n`` entrants with the given mechanisms (identical firms).

        ``mechanisms``: "all", None (scattered) or names from :data:`MECHANISMS`. With any
        mechanism on, the ``m`` entrants are cluster members (and nobody enters alone);
        with none, they are firms on their own. Returns arrays ``m``, ``cost``, ``quantity``,
        ``profit`` (expected operating profit), ``premium`` (risk premium), ``ce`` (per
        entrant), ``entry_cost`` (total, in full), ``national`` ``W(m)`` and
        ``entrant_payoff`` (what an entrant gains over its outside option, net of its
        private entry cost: the entry game's payoff), ``priced_out``.
        """
        if self._st.T != 1:
            raise ValueError("schedule needs identical firms (one type); use solve()")
        M = _indices(_mechanism_set(mechanisms))
        st = self._st
        n = self.n
        E, O = st.pairs
        p = self._params()
        res = kern.evaluate(st, p, M or frozenset())
        mkt = res["market"]
        ms = np.arange(n + 1)
        as_cluster = bool(M)
        pair = st.pair_index(ms[:, None] if as_cluster else np.zeros((n + 1, 1), int),
                             np.zeros((n + 1, 1), int) if as_cluster else ms[:, None])
        g = 0 if as_cluster else 1  # member group or outsider group
        q = mkt.quantities[0, pair, g]
        price = mkt.price[0, pair]
        cost = np.where(ms > 0, price - self.b * q, np.nan)
        N = mkt.n_active[0, pair]
        c0, tau, F, _, o = self._type_table[0]
        w, s2, b = self.common_share, self.sigma2, self.b
        info = kern.INFO in M
        r = self.r if info else 0.0
        iv = r * w * s2 / (b**2 * (N + 1.0) ** 2)
        prof = b * (q**2 + iv)
        if kern.RISK in M:
            var_S = ((1 - r) * w * s2 + self.colocation * (1 - w) * s2) * (ms * q) ** 2 \
                + ms**2 * iv * ((1 - r) * w * s2 + self.colocation * (1 - w) * s2) \
                + (1 - self.colocation) * (1 - w) * s2 * ms * (q**2 + iv)
            prem = np.where(ms > 0, var_S / (2 * tau * np.maximum(ms, 1)) / np.maximum(ms, 1),
                            0.0)
        else:
            prem = (q**2 + iv) * ((1 - r) * w * s2 + (1 - w) * s2) / (2 * tau)
        ce = np.where(ms > 0, prof - prem, 0.0)
        if kern.COST in M:
            C = np.where(ms > 0, self.F0 + self.f * ms, 0.0)
        else:
            C = F * ms.astype(float)
        s_rate = self.s + (self.s_cluster if as_cluster else 0.0)
        national = ms * (ce - o) - C + n * o
        payoff = np.zeros(n + 1)
        payoff[1:] = ce[1:] - (1 - s_rate) * C[1:] / ms[1:] - o
        return {"m": ms, "cost": cost, "quantity": q, "profit": prof, "premium": prem, "ce": ce,
                "entry_cost": C, "national": national, "entrant_payoff": payoff,
                "priced_out": (ms > 0) & (q <= 0)}

    def platform_game(self, m: int):
        """The platform cost game of ``m`` members: an airport :class:`EntryCostGame`."""
        from .cost_sharing import EntryCostGame

        m = whole_number(m, "m (cluster members)", 1)
        return EntryCostGame(K=np.full(m, self.F0), f=np.full(m, self.f), form="airport")

    # ------------------------------------------------------------------ grids
    def regime_map(self, param_x: str, grid_x, param_y: str, grid_y,
                   chunk: int = 4096) -> RegimeMap:
        """Regimes, gains, entry counts and the cluster's size over a grid of two parameters.

        ``param_x``/``param_y`` are names from :data:`GRID_PARAMETERS`. The whole grid is
        solved at once (vectorised in chunks of ``chunk`` points); the integer parameters
        ``n`` and ``k`` change the model's structure and are solved one value at a time.
        Every value is validated like the model's (a bad value raises ``ValueError``).
        """
        for name in (param_x, param_y):
            if name not in GRID_PARAMETERS:
                raise ValueError(f"cannot vary {name!r}; choose from {GRID_PARAMETERS}")
        if param_x == param_y:
            raise ValueError(f"param_x and param_y must differ, both are {param_x!r}")
        gx = nonempty_grid(grid_x, f"grid_x ({param_x})")
        gy = nonempty_grid(grid_y, f"grid_y ({param_y})")
        if gx.ndim != 1 or gy.ndim != 1:
            raise ValueError("grid_x and grid_y must be 1-D")
        chunk = whole_number(chunk, "chunk", 1)
        X, Y = np.meshgrid(gx, gy)
        pts = {param_x: X.ravel(), param_y: Y.ravel()}
        shape = X.shape
        keys = ("code", "gain", "V_U", "V_C", "m_U", "m_C", "members", "interior")
        out = {key: np.zeros(X.size) for key in keys}
        ints = [name for name in (param_x, param_y) if name in ("n", "k")]
        groups = {}
        for i in range(X.size):
            key = tuple(int(pts[name][i]) for name in ints)
            groups.setdefault(key, []).append(i)
        for key, idx in groups.items():
            idx = np.asarray(idx)
            model = self.replace(**dict(zip(ints, key))) if ints else self
            floats = {name: pts[name][idx] for name in (param_x, param_y) if name not in ints}
            model._check_grid(floats)
            for c0_ in range(0, idx.size, chunk):
                sl = idx[c0_:c0_ + chunk]
                sub = {name: vals[c0_:c0_ + chunk] for name, vals in floats.items()}
                part = model._grid_solve(sub, sl.size)
                for kk in keys:
                    out[kk][sl] = part[kk]
        cast = {"code": int, "m_U": int, "m_C": int, "members": int, "interior": bool}
        arrs = {kk: out[kk].reshape(shape).astype(cast.get(kk, float)) for kk in keys}
        return RegimeMap(param_x=param_x, grid_x=gx, param_y=param_y, grid_y=gy, **arrs)

    def _check_grid(self, floats: dict) -> None:
        """Validate grid values as the model would (one replace per distinct extreme)."""
        for name, vals in floats.items():
            for v in (float(np.min(vals)), float(np.max(vals))):
                try:
                    self.replace(**{name: v})
                except ValueError as exc:
                    raise ValueError(f"grid value {name}={v}: {exc}") from None

    def _grid_solve(self, floats: dict, G: int) -> dict:
        p = self._params(floats, G)
        res = self._evaluate(p)
        eq = self._equilibrium(p, res)
        reg = self._regimes(p, res, eq)
        from ..markets import grouped_cournot

        lone = grouped_cournot(p["a"], p["b"], np.array([1, self.k]),
                               np.stack([p["c"].min(axis=1), p["c_f"]], axis=1))
        return {"code": reg["code"], "gain": reg["V_C"] - reg["V_U"], "V_U": reg["V_U"],
                "V_C": reg["V_C"], "m_U": reg["m_U"], "m_C": reg["m_C"],
                "members": self._st.memberships[eq["star"]].sum(axis=1),
                "interior": lone.quantities[:, 0] > 0}

    def decomposition_by(self, param: str, values) -> dict:
        """Decomposition of the gain at several values of one parameter (e.g. the subsidy).

        Returns ``{value: Allocation}`` (each sums to that point's gain plus organising cost).
        """
        if param not in GRID_PARAMETERS:
            raise ValueError(f"cannot vary {param!r}; choose from {GRID_PARAMETERS}")
        vals = nonempty_grid(values, f"values of {param}")
        return {float(v): self.replace(**{param: float(v)}).decomposition() for v in vals}

    def stable_sizes(self, n_values, governance_values) -> dict:
        """Equilibrium cluster size over a grid of ``n`` × organising cost (identical firms).

        Returns arrays ``members`` and ``regime`` (codes) of shape
        ``(len(governance_values), len(n_values))``.
        """
        ns = nonempty_grid(n_values, "n_values")
        gs = nonempty_grid(governance_values, "governance_values")
        rm = self.regime_map("n", ns, "governance", gs)
        return {"n": rm.grid_x, "governance": rm.grid_y, "members": rm.members,
                "regime": rm.code, "gain": rm.gain}

    # ------------------------------------------------------------------ closed forms
    def closed_forms(self) -> ClosedForms:
        """Symmetric case (``c0 = c_f = c``, ``γ = 0``, all ``m + k`` firms active).

        ``q_m = (a − c)/(b(m + k + 1))``; scattered entrant CE ``q_m²(b − σ²/(2τ))``;
        scattered no-entry boundary ``F̄ = q_1²(b − σ²/(2τ))/(1 − s)`` (a lone home entrant
        breaks even net of the subsidy); cluster member CE with pooling and the public
        signal, and the cluster's surplus ``W_C(m) = m(CE_C(m) − f) − F0``.
        """
        a, b, c, s2, w, tau, F, F0, f, r, s = sp.symbols(
            "a b c sigma^2 omega tau F F_0 f r s", positive=True)
        m, k = sp.symbols("m k", positive=True, integer=True)
        q = (a - c) / (b * (m + k + 1))
        q1 = q.subs(m, 1)
        info = r * w * s2 / (b**2 * (m + k + 1) ** 2)
        ce_s = q**2 * (b - s2 / (2 * tau))
        ce_c = b * (q**2 + info) - (q**2 + info) * ((1 - r) * w * s2 + (1 - w) * s2 / m) / (2 * tau)
        exprs = {
            "quantity": sp.Eq(sp.Symbol("q(m)"), q),
            "ce_scattered": sp.Eq(sp.Function("CE_U")(m), ce_s),
            "no_entry_boundary": sp.Eq(sp.Symbol(r"\bar{F}"),
                                       q1**2 * (b - s2 / (2 * tau)) / (1 - s)),
            "ce_cluster": sp.Eq(sp.Function("CE_C")(m), ce_c),
            "cluster_surplus": sp.Eq(sp.Function("W_C")(m), m * (ce_c - f) - F0),
        }
        syms = {"a": a, "b": b, "c": c, "sigma2": s2, "omega": w, "tau": tau, "F": F, "F0": F0,
                "f": f, "r": r, "s": s, "m": m, "k": k}
        return ClosedForms(exprs, syms, title="M0 cluster vs scattered (symmetric case)")
