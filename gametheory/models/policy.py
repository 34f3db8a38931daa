"""Government as a Stackelberg leader: which support makes clustered OFDI pay, and which
fuels a rush.

The home government moves first and commits to a vector of instruments (entry subsidies,
untargeted or conditioned on entering through the cluster; export subsidies or taxes; tax
relief on foreign profits; loan guarantees and seed funds; investment insurance; simpler
foreign-exchange approval; information services; an agency for the cluster; overseas R&D:
:data:`~gametheory.models.policy_instruments.INSTRUMENTS`). Firms and the cluster respond
as in the equilibrium cluster model :class:`~gametheory.models.ClusterVsScattered`: the
largest stable membership forms, the cluster chooses which members go abroad (a leader),
non-members enter on their own as followers. Every instrument is a *channel* — a change of
the model's primitives — and a *fiscal cost*.

Home welfare
------------
The host market is abroad, so no home consumer surplus enters. With ``Π`` the home
firms' private payoffs (certainty equivalents abroad, outside options, minus entry and
organising costs, plus every transfer received) and ``FC`` the government's net outlay
(subsidies, expected guarantee payouts, the state's risk charge, programme costs and lost
tax base, minus tax revenue),

    W = Π − (1 + λ) FC = NS − λ FC,     NS = Π − FC,

where ``λ ≥ 0`` is the shadow cost of public funds (Laffont & Tirole 1993) and ``NS`` the
national surplus with transfers netted out (the cluster model's ``national_surplus``:
subsidies are transfers). With every instrument at zero (and a neutral environment: no
profit tax, no approval burden) the followers' equilibrium *is* the cluster model's and
``NS = V_C``.

Channels (``x`` an instrument's level; ``θ = (1 − T + t) β^{(1 − x_FX) D}`` scales profits)
--------------------------------------------------------------------------------------
* ``entry_subsidy`` ``s`` and ``cluster_subsidy`` ``s_C``: the model's ``s`` and
  ``s_cluster``; cost: the subsidies paid.
* ``export_subsidy`` ``σ``: home entrants' marginal cost falls by ``σ`` (``c0`` and
  ``c_floor``); cost ``σ × home output`` (``σ < 0``: an export tax, Eaton & Grossman 1986).
  In the special case of one home and one foreign firm, no risk, entry assured, the
  optimum is Brander & Spencer's ``(a − 2c + c*)/4`` (POLICY-1).
* ``tax_relief`` ``t`` on the home tax ``T`` (``profit_tax``) on foreign operating profit:
  a firm's after-tax certainty equivalent ``(1 − T + t)Eπ − (1 − T + t)²Var π/(2τ)`` is
  obtained exactly by scaling ``a, b, c0, c_f, c_floor, γ`` by ``θ`` and ``σ²`` by ``θ²``
  (quantities unchanged); the tax revenue ``(T − t) Eπ`` is a negative fiscal cost.
* ``guarantee`` ``g`` (per firm): what a firm can pay for entry (``capital``: own funds
  plus the pledgeable income lenders accept, Holmström & Tirole 1997) rises by ``g``; a
  firm draws the loan ``ℓ`` it needs beyond its own capacity and repays it from its
  operating profit ``π ~ N(m, v)``; the guarantee pays the shortfall, expected cost
  ``E min(ℓ, (ℓ − π)⁺)`` (:func:`~gametheory.models.policy_instruments.guarantee_cost`).
  The payout is a transfer to the borrowers (their default option); firms decide entry on
  their certainty equivalent net of the full fee, without counting on it.
* ``seed_fund`` ``z`` (per member): the cluster's pooled capital rises by ``z`` per member
  (joint investment only); the cluster's loan is repaid from its entrants' pooled profit,
  with the same expected-payout cost.
* ``insurance`` ``ι``: the state takes the share ``ι`` of the common (political / FX) shock
  of every home entrant: the common variance in firms' risk falls by ``(1 − ι)²``; the
  state bears ``ι²`` of the home entrants' common exposure at its own risk tolerance
  ``τ_G`` (``state_tolerance``; Arrow & Lind 1970: large), cost ``(1 + loading) ι² Var/(2τ_G)``
  (Borch 1962); firms pay no premium (the cover is the subsidy).
* ``fx_approval`` ``x``: removes the share ``x`` of the approval cost (``approval_cost``
  per firm entering alone, ``cluster_approval_cost`` per cluster platform) and of the
  approval delay ``D`` (profits discounted by ``β^D``, time to build). Approval is a
  screen against capital flight dressed as OFDI: cluster projects are vetted by the
  association and pass cheaply, projects entering alone let ``x × flight_loss`` through
  each (counted as a fiscal loss).
* ``information`` ``x``: the association's public signal resolves ``r + x(1 − r)`` of the
  common risk (embassy information services channelled through the cluster); cost
  ``info_cost × x²``.
* ``agency`` ``x``: a government agency for the cluster cuts the platform's search and
  negotiation cost ``F0`` and the organising cost per member by the share
  ``x × agency_effect``; cost ``agency_cost × x`` (committed before firms move).
* ``rnd_subsidy`` ``δ``: a joint R&D centre abroad lowers the cluster's entrants' marginal
  cost by ``δ``; cost ``rnd_cost × δ²`` when the cluster sends entrants (quadratic R&D
  cost, d'Aspremont & Jacquemin 1988).

The bilevel search
------------------
For any set of instruments, :meth:`PolicyDesign.optimise` maximises ``W`` over a box of
levels. The followers' response (membership, the members sent, the firms entering on
their own) changes in steps, so welfare is piecewise smooth with jumps: the search
enumerates the pieces on a grid, refines inside the best pieces by a compass search that
never leaves its piece, and certifies the optimum by a bracket on every instrument and a
finer local grid (:mod:`gametheory.models._bilevel`).

References
----------
von Stackelberg, H. (1934). *Marktform und Gleichgewicht*. Springer.
Laffont, J.-J. & Tirole, J. (1993). *A Theory of Incentives in Procurement and
Regulation*. MIT Press.
Brander, J. A. & Spencer, B. J. (1985). Export subsidies and international market share
rivalry. *Journal of International Economics* 18:83–100.
Eaton, J. & Grossman, G. M. (1986). Optimal trade and industrial policy under oligopoly.
*Quarterly Journal of Economics* 101:383–406.
Holmström, B. & Tirole, J. (1997). Financial intermediation, loanable funds, and the real
sector. *Quarterly Journal of Economics* 112:663–691.
Borch, K. (1962). Equilibrium in a reinsurance market. *Econometrica* 30:424–444.
Arrow, K. J. & Lind, R. C. (1970). Uncertainty and the evaluation of public investment
decisions. *American Economic Review* 60:364–378.
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal
of Economics* 17:48–58.
Vives, X. (1984). Duopoly information equilibrium: Cournot and Bertrand. *Journal of
Economic Theory* 34:71–94.
d'Aspremont, C. & Jacquemin, A. (1988). Cooperative and noncooperative R&D in duopoly with
spillovers. *American Economic Review* 78:1133–1137.
Kydland, F. E. & Prescott, E. C. (1982). Time to build and aggregate fluctuations.
*Econometrica* 50:1345–1370.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import RTOL, data_scale
from .._validation import finite_array, in_interval, nonempty_grid, positive, whole_number
from . import _bilevel
from .base import Model
from .cluster import GRID_PARAMETERS, REGIMES, ClusterVsScattered
from .policy_instruments import INSTRUMENTS, guarantee_cost

__all__ = ["PolicyDesign", "PolicyOutcome", "PolicyOptimum", "InstrumentRanking",
           "WelfareCurve", "RecommendationMap", "PolicyMap", "RECOMMENDATION_REGIONS"]

_WORLDS = ("equilibrium", "scattered")
_RATES = ("entry_subsidy", "cluster_subsidy")
_SHARES = ("insurance", "fx_approval", "information", "agency")
_MONEY = ("guarantee", "seed_fund", "rnd_subsidy")

#: Regions of :meth:`PolicyDesign.recommendation_map` (codes 1…6): does an untargeted
#: entry subsidy fuel a rush (more firms entering on their own, lower home welfare) where
#: the same rate conditioned on entering through the cluster does not?
RECOMMENDATION_REGIONS = (
    "untargeted support fuels a rush, targeted does not",
    "both fuel a rush",
    "no rush; targeted support does better",
    "no rush; the two coincide",
    "no rush; untargeted support does better",
    "only targeted support fuels a rush",
)


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class PolicyOutcome(ResultMixin):
    """The followers' equilibrium and home welfare at one policy (:meth:`PolicyDesign.evaluate`).

    Attributes
    ----------
    policy : dict
        Instrument levels (instruments not named are 0).
    world : str
        "equilibrium" (the cluster forms if a membership of two or more is stable) or
        "scattered" (no cluster association).
    welfare : float
        ``W = Π − (1 + λ) FC``.
    private_surplus, national_surplus, fiscal_cost : float
        ``Π`` (firms' payoffs with every transfer), ``NS = Π − FC`` and the net outlay ``FC``.
    fiscal_breakdown : dict
        ``FC`` by item (negative: revenue).
    shadow_cost : float
        ``λ``.
    members, cluster_entrants, own_entrants, home_entrants : int
        Cluster members, members sent abroad, firms entering on their own, all home entrants.
    scattered_entrants : int
        Home entrants of the scattered world under the same policy (``m_U``).
    regime_code, regime : int, str
        The cluster model's regime under the policy (:data:`REGIMES`).
    dissipation : float
        Surplus the scattered world's free entry dissipates under the policy: its best
        surplus with at most ``m_U`` entrants minus its equilibrium surplus (Mankiw &
        Whinston 1986 excess entry; in the firms' accounts under the policy).
    home_output, price : float
        Expected home output abroad and the host market's expected price.
    home_share, cluster_share, lerner : float
        Home entrants' and the cluster's entrants' quantity shares of the host market and
        the home entrants' share-weighted Lerner index at true marginal cost.
    configuration : tuple
        ``(membership, members sent, own entrants)`` as counts by firm type.

    References
    ----------
    Mankiw & Whinston (1986).
    """

    policy: dict
    world: str
    welfare: float
    private_surplus: float
    national_surplus: float
    fiscal_cost: float
    fiscal_breakdown: dict
    shadow_cost: float
    members: int
    cluster_entrants: int
    own_entrants: int
    home_entrants: int
    scattered_entrants: int
    regime_code: int
    regime: str
    dissipation: float
    home_output: float
    price: float
    home_share: float
    cluster_share: float
    lerner: float
    configuration: tuple


@dataclasses.dataclass(frozen=True)
class PolicyOptimum(ResultMixin):
    """The government's optimal policy over some instruments (:meth:`PolicyDesign.optimise`).

    Attributes
    ----------
    instruments : tuple of str
    policy : dict
        Optimal levels.
    welfare, baseline_welfare, gain : float
        ``W`` at the optimum, at the zero policy, and their difference.
    fiscal_cost : float
        Change of the net outlay against the zero policy.
    gain_per_fiscal_cost : float
        ``gain / fiscal_cost`` (inf: the policy gains and costs nothing or raises revenue;
        nan: no gain and no cost).
    outcome, baseline : PolicyOutcome
    bounds, bracket : dict
        The box searched and, per instrument, the final bracket ``(lo, hi)`` around the
        optimum.
    status : dict
        Per instrument: "lower bound", "upper bound", "breakpoint" (the followers'
        response changes inside the bracket), "interior" or "fixed".
    certified : bool
        No point of the finer local grid around the optimum beats it.
    grid_best : float
        Best welfare on the initial grid of pieces.
    evaluations, pieces, pieces_refined : int
        Policies evaluated, distinct responses met, pieces refined.

    References
    ----------
    Hooke & Jeeves (1961); Torczon (1997) — in full in :mod:`gametheory.models._bilevel`.
    """

    instruments: tuple
    policy: dict
    welfare: float
    baseline_welfare: float
    gain: float
    fiscal_cost: float
    gain_per_fiscal_cost: float
    outcome: PolicyOutcome
    baseline: PolicyOutcome
    bounds: dict
    bracket: dict
    status: dict
    certified: bool
    grid_best: float
    evaluations: int
    pieces: int
    pieces_refined: int


@dataclasses.dataclass(frozen=True)
class WelfareCurve(ResultMixin):
    """Home welfare and the followers' response along one instrument (one row per level).

    ``level`` the instrument's grid; ``welfare``, ``national_surplus``, ``fiscal_cost``;
    ``home_entrants``, ``cluster_entrants``, ``own_entrants``, ``members``,
    ``scattered_entrants``; ``dissipation`` (see :class:`PolicyOutcome`).
    """

    instrument: str
    world: str
    level: np.ndarray
    welfare: np.ndarray
    national_surplus: np.ndarray
    fiscal_cost: np.ndarray
    home_entrants: np.ndarray
    cluster_entrants: np.ndarray
    own_entrants: np.ndarray
    members: np.ndarray
    scattered_entrants: np.ndarray
    dissipation: np.ndarray


@dataclasses.dataclass(frozen=True)
class InstrumentRanking(ResultMixin):
    """Each instrument alone at its optimum, and the optimal mix (one row each).

    ``instrument`` (names; the mix is "optimal mix: a + b"), ``levels`` (text),
    ``gain``, ``fiscal_cost``, ``gain_per_fiscal_cost``, ``welfare``, ``home_entrants``,
    ``members``, ``own_entrants``, ``dissipation``, ``home_share``, ``lerner``; rows in
    order of ``gain_per_fiscal_cost`` (the mix last). ``optima`` maps each row to its
    :class:`PolicyOptimum`.

    References
    ----------
    Laffont & Tirole (1993).
    """

    instrument: np.ndarray
    levels: np.ndarray
    gain: np.ndarray
    fiscal_cost: np.ndarray
    gain_per_fiscal_cost: np.ndarray
    welfare: np.ndarray
    home_entrants: np.ndarray
    members: np.ndarray
    own_entrants: np.ndarray
    dissipation: np.ndarray
    home_share: np.ndarray
    lerner: np.ndarray
    optima: dict = dataclasses.field(repr=False, default_factory=dict)


@dataclasses.dataclass(frozen=True)
class RecommendationMap(ResultMixin):
    """Untargeted against targeted entry support over two parameters of the environment.

    Arrays have shape ``(len(grid_y), len(grid_x))``. At every point the zero policy, an
    untargeted entry subsidy at ``rate`` and the same rate only for entry through the
    cluster are solved; suffixes ``_0``, ``_u``, ``_t``. A policy *fuels a rush* when more
    firms enter on their own than without it and home welfare falls. ``code`` numbers the
    regions of :data:`RECOMMENDATION_REGIONS` (from 1).
    """

    param_x: str
    grid_x: np.ndarray
    param_y: str
    grid_y: np.ndarray
    rate: float
    code: np.ndarray
    welfare_0: np.ndarray
    welfare_u: np.ndarray
    welfare_t: np.ndarray
    own_0: np.ndarray
    own_u: np.ndarray
    own_t: np.ndarray
    entrants_0: np.ndarray
    entrants_u: np.ndarray
    entrants_t: np.ndarray
    members_0: np.ndarray
    members_u: np.ndarray
    members_t: np.ndarray
    dissipation_0: np.ndarray
    dissipation_u: np.ndarray
    dissipation_t: np.ndarray
    labels: tuple = RECOMMENDATION_REGIONS
    first_code: int = 1


@dataclasses.dataclass(frozen=True)
class PolicyMap(ResultMixin):
    """The optimal policy over two parameters of the environment
    (:meth:`PolicyDesign.optimal_policy_map`).

    ``levels[j]`` (shape ``(len(grid_y), len(grid_x))``) is the optimal level of
    ``instruments[j]``; ``gain`` the welfare gain over the zero policy, ``fiscal_cost`` its
    change of outlay, ``home_entrants``, ``members`` and ``own_entrants`` at the optimum.
    """

    param_x: str
    grid_x: np.ndarray
    param_y: str
    grid_y: np.ndarray
    instruments: tuple
    levels: np.ndarray
    gain: np.ndarray
    fiscal_cost: np.ndarray
    home_entrants: np.ndarray
    members: np.ndarray
    own_entrants: np.ndarray

    def to_dataframe(self):
        """One row per grid point: the two parameters, every instrument's level, the rest."""
        from ..tables import result_frame

        frame = result_frame(self)
        for j, name in enumerate(self.instruments):
            frame.insert(2 + j, name, self.levels[j].ravel())
        return frame


# --------------------------------------------------------------------------- the model
@dataclasses.dataclass(frozen=True)
class PolicyDesign(Model):
    """The home government as a Stackelberg leader over the equilibrium cluster model.

    Parameters
    ----------
    economy : ClusterVsScattered
        The followers: firms, the host market, the cluster (default: the prototype case).
    shadow_cost : float
        ``λ ≥ 0``, the shadow cost of public funds (each unit raised costs ``1 + λ``).
    world : {"equilibrium", "scattered"}
        Whose response counts: the cluster equilibrium (the cluster forms if stable) or a
        world without a cluster association (every firm on its own).
    profit_tax : float
        Home tax rate ``T ∈ [0, 1)`` on foreign operating profit (``tax_relief ≤ T``).
    approval_cost, cluster_approval_cost : float
        FX-approval cost of a project entering alone (added to ``F``) and of the cluster's
        platform (added to ``F0``; lower: the association vets its members), ``≥ 0``.
    approval_delay : float
        Years ``D ≥ 0`` before an approved project starts; profits are discounted by ``β^D``.
    discount : float
        ``β ∈ (0, 1]`` per year.
    flight_loss : float
        Expected capital flight let through per project entering alone under a fully
        simplified screen, ``≥ 0``.
    state_tolerance : float or None
        The state's risk tolerance ``τ_G > 0`` as insurer (None: 10 × the largest firm's).
    insurance_loading : float
        Administrative loading ``≥ 0`` on the state's risk charge.
    info_cost : float
        Cost ``≥ 0`` of information services at full scale (``info_cost × x²``).
    agency_cost, agency_effect : float
        The cluster agency's budget at full scale (``≥ 0``) and the share ``∈ [0, 1]`` of
        search, negotiation and organising costs it removes at full scale.
    rnd_cost : float
        ``≥ 0``: a joint R&D centre cutting unit cost by ``δ`` costs ``rnd_cost × δ²``.

    Examples
    --------
    >>> import gametheory as gt
    >>> gov = gt.PolicyDesign(shadow_cost=0.3)
    >>> gov.evaluate().welfare == gov.economy.cluster_surplus()
    True

    References
    ----------
    von Stackelberg (1934); Laffont & Tirole (1993); Brander & Spencer (1985); Eaton &
    Grossman (1986); Holmström & Tirole (1997); Arrow & Lind (1970) — in full in the
    module docstring.
    """

    economy: ClusterVsScattered = dataclasses.field(default_factory=ClusterVsScattered)
    shadow_cost: float = 0.3
    world: str = "equilibrium"
    profit_tax: float = 0.0
    approval_cost: float = 0.0
    cluster_approval_cost: float = 0.0
    approval_delay: float = 0.0
    discount: float = 0.95
    flight_loss: float = 0.0
    state_tolerance: float | None = None
    insurance_loading: float = 0.0
    info_cost: float = 30.0
    agency_cost: float = 20.0
    agency_effect: float = 0.5
    rnd_cost: float = 5.0

    # ------------------------------------------------------------------ validation
    def _validate(self):
        if not isinstance(self.economy, ClusterVsScattered):
            raise ValueError(f"economy must be a ClusterVsScattered model (the followers), "
                             f"got {type(self.economy).__name__}")
        positive(self.shadow_cost, "shadow_cost (λ, shadow cost of public funds)", strict=False)
        if self.world not in _WORLDS:
            raise ValueError(f"world must be one of {_WORLDS}, got {self.world!r}")
        in_interval(self.profit_tax, "profit_tax (home tax on foreign profit)", 0.0, 1.0,
                    closed="left")
        for name, what in (("approval_cost", "approval cost of a project alone"),
                           ("cluster_approval_cost", "approval cost of the cluster"),
                           ("approval_delay", "approval delay in years"),
                           ("flight_loss", "capital flight per unscreened project"),
                           ("insurance_loading", "loading on the state's risk charge"),
                           ("info_cost", "cost of information services"),
                           ("agency_cost", "cost of the cluster agency"),
                           ("rnd_cost", "cost of R&D per squared unit cost cut")):
            positive(getattr(self, name), f"{name} ({what})", strict=False)
        in_interval(self.discount, "discount (β per year)", 0.0, 1.0, closed="right")
        in_interval(self.agency_effect, "agency_effect (share of costs the agency removes)",
                    0.0, 1.0)
        if self.state_tolerance is not None:
            positive(self.state_tolerance, "state_tolerance (τ_G, the state's risk tolerance)")
        for key in ("shadow_cost", "profit_tax", "approval_cost", "cluster_approval_cost",
                    "approval_delay", "discount", "flight_loss", "insurance_loading",
                    "info_cost", "agency_cost", "agency_effect", "rnd_cost"):
            object.__setattr__(self, key, float(getattr(self, key)))
        tau_g = (10.0 * float(np.max(self.economy._type_table[:, 1]))
                 if self.state_tolerance is None else float(self.state_tolerance))
        object.__setattr__(self, "_tau_g", tau_g)

    # ------------------------------------------------------------------ instruments
    def bounds(self, name: str) -> tuple:
        """The default box ``(lo, hi)`` of an instrument in :meth:`optimise` (in its unit).

        Rates ``[0, 0.45]`` (so two entry subsidies together stay below 1); shares
        ``[0, 1]``; ``tax_relief`` ``[0, T]``; the export subsidy from a tax of a quarter
        to a subsidy of half the home firms' margin ``a − c0``; the guarantee and the seed
        fund up to the largest entry cost; the R&D cut up to a quarter of the margin.
        """
        self._instrument(name)
        econ = self.economy
        margin = econ.a - float(np.max(econ._type_table[:, 0]))
        fee = float(np.max(econ._type_table[:, 2])) + self.approval_cost
        return {"entry_subsidy": (0.0, 0.45), "cluster_subsidy": (0.0, 0.45),
                "export_subsidy": (-margin / 4.0, margin / 2.0),
                "tax_relief": (0.0, self.profit_tax), "guarantee": (0.0, fee),
                "seed_fund": (0.0, fee), "rnd_subsidy": (0.0, margin / 4.0)}.get(
            name, (0.0, 1.0))

    @staticmethod
    def _instrument(name) -> str:
        if not isinstance(name, str) or name not in INSTRUMENTS:
            raise ValueError(f"unknown instrument {name!r}; known: {tuple(INSTRUMENTS)}")
        return name

    def _check_levels(self, name: str, x) -> np.ndarray:
        """Validate an instrument's levels (any shape); error messages name the instrument."""
        x = finite_array(x, f"{name} (instrument level)")
        econ = self.economy
        lo, hi, what = None, None, ""
        if name in _RATES:
            lo, hi, what = 0.0, 1.0 - econ.s - econ.s_cluster, "a rate"
            if np.any(x >= hi) or np.any(x < lo):
                raise ValueError(f"{name} must be a rate in [0, {hi:g}) (the economy's s + "
                                 f"s_cluster = {econ.s + econ.s_cluster:g} leaves that room), "
                                 f"got {x.min() if np.any(x < 0) else x.max()}")
            return x
        if name in _SHARES:
            lo, hi, what = 0.0, 1.0, "a share"
        elif name in _MONEY:
            lo, what = 0.0, "an amount >= 0"
        elif name == "tax_relief":
            lo, hi, what = 0.0, self.profit_tax, "a rate no larger than profit_tax"
        elif name == "export_subsidy":
            floor = float(np.max(econ._type_table[:, 0])) - econ.a
            if np.any(x <= floor):
                raise ValueError(f"export_subsidy must exceed {floor:g} (a tax of a − c0 or "
                                 f"more prices every home firm out), got {x.min()}")
            return x
        if np.any(x < lo) or (hi is not None and np.any(x > hi)):
            bad = x.min() if np.any(x < lo) else x.max()
            rng = f"[{lo:g}, {hi:g}]" if hi is not None else f">= {lo:g}"
            raise ValueError(f"{name} must be {what} in {rng}, got {bad}")
        return x

    def _policy(self, policy=None, **instruments) -> dict:
        pol = dict(policy or {})
        overlap = set(pol) & set(instruments)
        if overlap:
            raise ValueError(f"instrument(s) {sorted(overlap)} given twice")
        pol.update(instruments)
        out = {}
        for name, val in pol.items():
            self._instrument(name)
            out[name] = float(self._check_levels(name, val))
        if out.get("entry_subsidy", 0.0) + out.get("cluster_subsidy", 0.0) \
                >= 1.0 - self.economy.s - self.economy.s_cluster:
            raise ValueError("entry_subsidy + cluster_subsidy must stay below "
                             f"{1.0 - self.economy.s - self.economy.s_cluster:g} "
                             "(with the economy's own rates, the subsidy rate of the platform)")
        return out

    # ------------------------------------------------------------------ vectorised core
    def _chunk(self) -> int:
        triples = self.economy._st.choices["t_pair"].size
        return int(max(1, min(1024, 2_000_000 // max(triples, 1))))

    def _accounts(self, values: dict, G: int, env: dict | None = None) -> dict:
        """Welfare and the followers' response at ``G`` policies (chunked)."""
        step = self._chunk()
        if G <= step:
            return self._accounts_block(values, G, env)
        parts = []
        for a in range(0, G, step):
            b = min(G, a + step)
            sub = {k: v[a:b] for k, v in values.items()}
            se = None if env is None else {k: v[a:b] for k, v in env.items()}
            parts.append(self._accounts_block(sub, b - a, se))
        out = {}
        for key in parts[0]:
            if isinstance(parts[0][key], np.ndarray):
                out[key] = np.concatenate([p_[key] for p_ in parts])
            else:
                out[key] = parts[0][key]
        return out

    def _accounts_block(self, values: dict, G: int, env: dict | None) -> dict:
        econ = self.economy
        st = econ._st
        T = st.T
        x = {name: np.zeros(G) for name in INSTRUMENTS}
        for name, v in values.items():
            x[name] = np.broadcast_to(np.asarray(v, dtype=float), (G,))
        p = econ._params(env, G)
        a0, b0 = p["a"].copy(), p["b"].copy()
        K0 = p["K"].copy()
        # approval: cost and delay, the share fx removed
        keep = 1.0 - x["fx_approval"]
        p["F"] = p["F"] + (keep * self.approval_cost)[:, None]
        cut = x["agency"] * self.agency_effect
        p["F0"] = p["F0"] * (1.0 - cut) + keep * self.cluster_approval_cost
        p["governance"] = p["governance"] * (1.0 - cut)
        p["s"] = p["s"] + x["entry_subsidy"]
        p["s_cluster"] = p["s_cluster"] + x["cluster_subsidy"]
        sig = x["export_subsidy"]
        p["c"] = p["c"] - sig[:, None]
        p["c_floor"] = p["c_floor"] - sig
        p["K"] = p["K"] + x["guarantee"][:, None]
        p["member_capital"] = x["seed_fund"]
        p["insured"] = x["insurance"]
        p["r"] = p["r"] + x["information"] * (1.0 - p["r"])
        tax = self.profit_tax - x["tax_relief"]
        disc = self.discount ** (keep * self.approval_delay)
        theta = (1.0 - tax) * disc
        for key in ("a", "b", "c_f", "c_floor", "gamma"):
            p[key] = p[key] * theta
        p["c"] = p["c"] * theta[:, None]
        p["member_cost_cut"] = x["rnd_subsidy"] * theta
        p["sigma2"] = p["sigma2"] * theta**2
        res = econ._evaluate(p)
        eq = econ._equilibrium(p, res)
        reg = econ._regimes(p, res, eq)
        gi = np.arange(G)
        idx = eq["star"] if self.world == "equilibrium" else np.zeros(G, dtype=np.int64)
        mus = st.memberships[idx]
        msize = mus.sum(axis=1)
        e = res["e"][gi, idx].astype(float)
        o = res["o"][gi, idx].astype(float)
        pair = res["pair"][gi, idx]
        mkt = res["market"]
        q = mkt.quantities[gi, pair]
        qm, qo = q[:, :T], q[:, T:2 * T]
        N = mkt.n_active[gi, pair]
        Q_tot = mkt.total_quantity[gi, pair]
        w, s2, b, kap = p["common_share"], p["sigma2"], p["b"], p["colocation"]
        signal = msize >= 2
        r_on = np.where(signal, p["r"], 0.0)
        iv = r_on * w * s2 / (b**2 * (N + 1.0) ** 2)
        kept = (1.0 - x["insurance"]) ** 2
        common = (1.0 - r_on) * w * s2  # before insurance
        Eq2m, Eq2o = qm**2 + iv[:, None], qo**2 + iv[:, None]
        me, mo = e.sum(axis=1), o.sum(axis=1)
        Q_home = (e * qm).sum(axis=1) + (o * qo).sum(axis=1)
        op_profit = b0 * ((e * Eq2m).sum(axis=1) + (o * Eq2o).sum(axis=1))
        national_k = res["national"][gi, idx]
        entry_sub = res["subsidy"][gi, idx]
        C_sel = np.where(me > 0, p["F0"] + p["f"] * me, 0.0)
        targeted_sub = x["cluster_subsidy"] * C_sel
        # loans and their guaranteed payout
        var_alone = (common * kept + (1.0 - w) * s2)[:, None]
        with np.errstate(invalid="ignore"):
            need_o = np.where(np.isfinite(K0), np.maximum(
                (1.0 - p["s"])[:, None] * p["F"] - K0, 0.0), 0.0)
            cap0 = np.where(mus > 0, mus * K0, 0.0).sum(axis=1)
        pay_o = guarantee_cost(need_o * (o > 0), b[:, None] * Eq2o,
                               Eq2o * var_alone).expected_payout
        pay_own = (o * pay_o).sum(axis=1)
        fee_c = (1.0 - p["s"] - p["s_cluster"]) * C_sel
        need_c = np.where(np.isfinite(cap0) & (me > 0), np.maximum(fee_c - np.where(
            np.isfinite(cap0), cap0, 0.0), 0.0), 0.0)
        sum_q = (e * qm).sum(axis=1)
        var_S = (common * kept + kap * (1.0 - w) * s2) * (sum_q**2 + me**2 * iv) \
            + (1.0 - kap) * (1.0 - w) * s2 * (e * Eq2m).sum(axis=1)
        pay_c = guarantee_cost(need_c, b * (e * Eq2m).sum(axis=1), var_S).expected_payout
        gz = x["guarantee"] + x["seed_fund"]
        share_g = np.where(gz > 0, x["guarantee"] / np.where(gz > 0, gz, 1.0), 1.0)
        # the state's risk charge for the insured common exposure
        m_home = me + mo
        risk_charge = (1.0 + self.insurance_loading) * x["insurance"] ** 2 * common * (
            Q_home**2 + m_home**2 * iv) / (2.0 * self._tau_g)
        rnd = self.rnd_cost * x["rnd_subsidy"] ** 2 * ((me > 0) & signal)
        breakdown = {
            "entry subsidies (untargeted)": entry_sub - targeted_sub,
            "entry subsidies (through the cluster)": targeted_sub,
            "export subsidy": disc * sig * Q_home,
            "tax revenue": -tax * disc * op_profit,
            "guarantee payouts": pay_own + share_g * pay_c,
            "seed fund losses": (1.0 - share_g) * pay_c,
            "insurance risk charge": risk_charge,
            "FX screen: capital flight": self.flight_loss * x["fx_approval"] * mo,
            "information services": self.info_cost * x["information"] ** 2,
            "cluster agency": self.agency_cost * x["agency"],
            "overseas R&D": rnd,
        }
        fc = sum(breakdown.values())
        private = national_k + entry_sub + pay_own + pay_c
        lam = self.shadow_cost
        welfare = private - (1.0 + lam) * fc
        # market power at true cost; the scattered world's excess-entry loss
        price = a0 - b0 * Q_tot
        with np.errstate(invalid="ignore", divide="ignore"):
            marg = (e * qm * (b0[:, None] * qm - sig[:, None])).sum(axis=1) \
                + (o * qo * (b0[:, None] * qo - sig[:, None])).sum(axis=1)
            lerner = np.where(Q_home > 0, marg / np.where(Q_home > 0, Q_home, 1.0) / price,
                              np.nan)
            home_share = np.where(Q_tot > 0, Q_home / Q_tot, 0.0)
            cluster_share = np.where(Q_tot > 0, sum_q / Q_tot, 0.0)
        E, O = st.pairs
        scat = np.flatnonzero(E.sum(axis=1) == 0)
        Os = O[scat].astype(float)
        qs = mkt.quantities[:, scat, T:2 * T]
        var0 = (w * s2 * kept + (1.0 - w) * s2)[:, None, None]
        ce = b[:, None, None] * qs**2 - qs**2 * var0 / (2.0 * p["tau"][:, None, :])
        nat = (Os[None] * (ce - p["F"][:, None, :])).sum(-1) \
            + ((st.n[None] - Os)[None] * p["o"][:, None, :]).sum(-1)
        m_U = reg["m_U"]
        best = np.max(np.where(Os.sum(-1)[None] <= m_U[:, None], nat, -np.inf), axis=1)
        dissipation = np.maximum(best - res["national"][:, 0], 0.0)
        P = E.shape[0]
        return {"welfare": welfare, "private": private, "national": private - fc,
                "fiscal": fc, "breakdown": breakdown, "key": idx.astype(np.int64) * P + pair,
                "members": np.where(signal, msize, 0), "cluster_entrants": me,
                "own_entrants": mo, "home_entrants": me + mo, "scattered_entrants": m_U,
                "code": reg["code"], "dissipation": dissipation, "home_output": Q_home,
                "price": price, "home_share": home_share, "cluster_share": cluster_share,
                "lerner": lerner, "mus": mus, "e": e, "o": o}

    def _outcome(self, acc: dict, i: int, policy: dict) -> PolicyOutcome:
        code = int(acc["code"][i])
        return PolicyOutcome(
            policy=dict(policy), world=self.world, welfare=float(acc["welfare"][i]),
            private_surplus=float(acc["private"][i]),
            national_surplus=float(acc["national"][i]), fiscal_cost=float(acc["fiscal"][i]),
            fiscal_breakdown={k: float(v[i]) for k, v in acc["breakdown"].items()},
            shadow_cost=self.shadow_cost, members=int(acc["members"][i]),
            cluster_entrants=int(acc["cluster_entrants"][i]),
            own_entrants=int(acc["own_entrants"][i]),
            home_entrants=int(acc["home_entrants"][i]),
            scattered_entrants=int(acc["scattered_entrants"][i]), regime_code=code,
            regime=REGIMES[code - 1], dissipation=float(acc["dissipation"][i]),
            home_output=float(acc["home_output"][i]), price=float(acc["price"][i]),
            home_share=float(acc["home_share"][i]),
            cluster_share=float(acc["cluster_share"][i]), lerner=float(acc["lerner"][i]),
            configuration=(tuple(int(v) for v in acc["mus"][i]),
                           tuple(int(v) for v in acc["e"][i]),
                           tuple(int(v) for v in acc["o"][i])))

    # ------------------------------------------------------------------ public methods
    def evaluate(self, policy: dict | None = None, **instruments) -> PolicyOutcome:
        """The followers' equilibrium and home welfare at one policy.

        ``policy`` maps instrument names (:data:`INSTRUMENTS`) to levels; keywords do the
        same (``evaluate(entry_subsidy=0.3)``); instruments not named are 0.
        """
        pol = self._policy(policy, **instruments)
        acc = self._accounts({k: np.array([v]) for k, v in pol.items()}, 1)
        return self._outcome(acc, 0, pol)

    def welfare_curve(self, instrument: str, levels, policy: dict | None = None) -> WelfareCurve:
        """Welfare and the response along one instrument's ``levels``, others at ``policy``."""
        self._instrument(instrument)
        grid = nonempty_grid(levels, f"levels of {instrument}")
        grid = self._check_levels(instrument, grid)
        base = self._policy(policy)
        base.pop(instrument, None)
        self._policy({**base, instrument: float(grid.max())})
        vals = {k: np.full(grid.size, v) for k, v in base.items()}
        vals[instrument] = grid
        acc = self._accounts(vals, grid.size)
        ints = ("home_entrants", "cluster_entrants", "own_entrants", "members",
                "scattered_entrants")
        return WelfareCurve(
            instrument=instrument, world=self.world, level=grid, welfare=acc["welfare"],
            national_surplus=acc["national"], fiscal_cost=acc["fiscal"],
            dissipation=acc["dissipation"],
            **{k: np.asarray(acc[k]).astype(int) for k in ints})

    def _box(self, instruments, bounds) -> tuple:
        if isinstance(instruments, str):
            instruments = (instruments,)
        names = tuple(instruments)
        if not names:
            raise ValueError("instruments must name at least one instrument")
        if len(set(names)) != len(names):
            raise ValueError(f"instruments must be distinct, got {names}")
        for n_ in names:
            self._instrument(n_)
        given = dict(bounds or {})
        extra = set(given) - set(names)
        if extra:
            raise ValueError(f"bounds given for instruments not optimised: {sorted(extra)}")
        lo, hi = [], []
        for n_ in names:
            if n_ in given:
                pair = finite_array(given[n_], f"bounds of {n_}")
                if pair.shape != (2,) or pair[0] > pair[1]:
                    raise ValueError(f"bounds of {n_} must be (lo, hi) with lo <= hi, got "
                                     f"{given[n_]!r}")
                self._check_levels(n_, pair)
                l_, h_ = float(pair[0]), float(pair[1])
            else:
                l_, h_ = self.bounds(n_)
            lo.append(l_)
            hi.append(h_)
        if "entry_subsidy" in names and "cluster_subsidy" in names:
            top = hi[names.index("entry_subsidy")] + hi[names.index("cluster_subsidy")]
            if top >= 1.0 - self.economy.s - self.economy.s_cluster:
                raise ValueError("bounds: the upper bounds of entry_subsidy and "
                                 "cluster_subsidy must sum to less than "
                                 f"{1.0 - self.economy.s - self.economy.s_cluster:g}")
        return names, np.array(lo), np.array(hi)

    def optimise(self, instruments, bounds: dict | None = None, *, levels=None,
                 starts: int = 3, xtol: float = 1e-3, certify: bool = True) -> PolicyOptimum:
        """The welfare-maximising levels of ``instruments`` (the bilevel search).

        Parameters
        ----------
        instruments : str or sequence of str
            Names from :data:`INSTRUMENTS`; the others stay at 0.
        bounds : dict, optional
            ``{name: (lo, hi)}``; default :meth:`bounds`.
        levels : int or sequence of int, optional
            Grid points per instrument in the first stage (default 17, 9, 5, 4, 3, 3, 2 …
            for 1, 2, 3, 4, 5, 6, 7+ instruments).
        starts : int
            Pieces refined from the grid (more are refined when refinement meets a better
            piece).
        xtol : float
            Final bracket half-width per instrument, relative to its box (``(0, 0.5]``).
        certify : bool
            Also evaluate the finer local grid around the optimum.
        """
        names, lo, hi = self._box(instruments, bounds)
        d = len(names)
        if levels is None:
            levels = {1: 17, 2: 9, 3: 5, 4: 4, 5: 3, 6: 3}.get(d, 2)
        lv = np.broadcast_to(np.asarray(levels), (d,))
        for v in lv:
            whole_number(v, "levels (grid points per instrument)", 2)
        starts = whole_number(starts, "starts (pieces refined)", 1)
        xtol = in_interval(xtol, "xtol (relative bracket width)", 0.0, 0.5, closed="right")
        span = hi - lo

        def evaluate(X):
            acc = self._accounts({n_: X[:, j] for j, n_ in enumerate(names)}, X.shape[0])
            return acc["welfare"], acc["key"]

        sr = _bilevel.piecewise_maximise(evaluate, lo, hi, levels=lv, starts=starts,
                                         xtol=xtol * span, certify=certify)
        policy = {n_: float(v) for n_, v in zip(names, sr.x)}
        outcome = self.evaluate(policy)
        base = self.evaluate()
        gain = outcome.welfare - base.welfare
        dfc = outcome.fiscal_cost - base.fiscal_cost
        tol = RTOL * data_scale(outcome.private_surplus, base.private_surplus,
                                outcome.fiscal_cost, base.fiscal_cost)
        if dfc > tol:
            ratio = gain / dfc
        elif gain > tol:
            ratio = float("inf")
        else:
            ratio = float("nan")
        return PolicyOptimum(
            instruments=names, policy=policy, welfare=outcome.welfare,
            baseline_welfare=base.welfare, gain=gain, fiscal_cost=dfc,
            gain_per_fiscal_cost=ratio, outcome=outcome, baseline=base,
            bounds={n_: (float(l_), float(h_)) for n_, l_, h_ in zip(names, lo, hi)},
            bracket={n_: (float(max(v - h_, l_)), float(min(v + h_, u_)))
                     for n_, v, h_, l_, u_ in zip(names, sr.x, sr.step, lo, hi)},
            status=dict(zip(names, sr.status)), certified=sr.certified,
            grid_best=sr.grid_best, evaluations=sr.evaluations, pieces=sr.pieces,
            pieces_refined=sr.refined)

    def rank_instruments(self, instruments=None, mix=None, **search) -> InstrumentRanking:
        """Each instrument alone at its optimum, ranked by welfare gain per unit of fiscal
        cost, and the optimal mix.

        ``instruments``: names (default: every instrument with a non-empty box);
        ``mix``: the instruments optimised together (default: the four with the largest
        gains alone, among those that gain). ``search`` is passed to :meth:`optimise`.
        """
        names = tuple(instruments) if instruments is not None else tuple(
            n_ for n_ in INSTRUMENTS if self.bounds(n_)[1] > self.bounds(n_)[0])
        optima = {n_: self.optimise((n_,), **search) for n_ in names}
        if mix is None:
            gaining = sorted((n_ for n_ in names if optima[n_].gain > RTOL * data_scale(
                optima[n_].welfare, optima[n_].baseline_welfare)),
                key=lambda n_: -optima[n_].gain)
            mix = tuple(gaining[:4])
        else:
            mix = tuple(mix)
        if "entry_subsidy" in mix and "cluster_subsidy" in mix and "bounds" not in search:
            search = {**search, "bounds": {"entry_subsidy": (0.0, 0.45),
                                           "cluster_subsidy": (0.0, 0.45)}}
        order = sorted(names, key=lambda n_: (-np.nan_to_num(optima[n_].gain_per_fiscal_cost,
                                                             nan=-np.inf), n_))
        rows = [(n_, optima[n_]) for n_ in order]
        if len(mix) >= 2:
            rows.append((f"optimal mix: {' + '.join(mix)}", self.optimise(mix, **search)))
        elif len(mix) == 1:
            rows.append((f"optimal mix: {mix[0]}", optima[mix[0]]))

        def col(fn, dtype=float):
            return np.array([fn(o_) for _, o_ in rows], dtype=dtype)

        return InstrumentRanking(
            instrument=np.array([r_[0] for r_ in rows], dtype=object),
            levels=col(lambda o_: ", ".join(f"{k} = {v:.4g}" for k, v in o_.policy.items()),
                       object),
            gain=col(lambda o_: o_.gain), fiscal_cost=col(lambda o_: o_.fiscal_cost),
            gain_per_fiscal_cost=col(lambda o_: o_.gain_per_fiscal_cost),
            welfare=col(lambda o_: o_.welfare),
            home_entrants=col(lambda o_: o_.outcome.home_entrants, int),
            members=col(lambda o_: o_.outcome.members, int),
            own_entrants=col(lambda o_: o_.outcome.own_entrants, int),
            dissipation=col(lambda o_: o_.outcome.dissipation),
            home_share=col(lambda o_: o_.outcome.home_share),
            lerner=col(lambda o_: o_.outcome.lerner), optima=dict(rows))

    def _env_grid(self, param_x, grid_x, param_y, grid_y):
        floats = tuple(n_ for n_ in GRID_PARAMETERS if n_ not in ("n", "k"))
        for name in (param_x, param_y):
            if name not in floats:
                raise ValueError(f"cannot vary {name!r}; choose from {floats}")
        if param_x == param_y:
            raise ValueError(f"param_x and param_y must differ, both are {param_x!r}")
        gx = nonempty_grid(grid_x, f"grid_x ({param_x})")
        gy = nonempty_grid(grid_y, f"grid_y ({param_y})")
        if gx.ndim != 1 or gy.ndim != 1:
            raise ValueError("grid_x and grid_y must be 1-D")
        self.economy._check_grid({param_x: gx, param_y: gy})
        return gx, gy

    def recommendation_map(self, param_x: str, grid_x, param_y: str, grid_y,
                           rate: float = 0.3) -> RecommendationMap:
        """Where an untargeted entry subsidy fuels a rush that support through the cluster avoids.

        Over a grid of two of the economy's parameters (names from ``GRID_PARAMETERS``
        except ``n``, ``k``), compares the zero policy, ``entry_subsidy = rate`` and
        ``cluster_subsidy = rate``; see :class:`RecommendationMap` and
        :data:`RECOMMENDATION_REGIONS`. Vectorised over the whole grid.
        """
        rate = float(self._check_levels("entry_subsidy", rate))
        self._policy(cluster_subsidy=rate)
        gx, gy = self._env_grid(param_x, grid_x, param_y, grid_y)
        X, Y = np.meshgrid(gx, gy)
        n = X.size
        env = {param_x: np.tile(X.ravel(), 3), param_y: np.tile(Y.ravel(), 3)}
        vals = {"entry_subsidy": np.r_[np.zeros(n), np.full(n, rate), np.zeros(n)],
                "cluster_subsidy": np.r_[np.zeros(n), np.zeros(n), np.full(n, rate)]}
        acc = self._accounts(vals, 3 * n, env)

        def part(key, j, dtype=float):
            return np.asarray(acc[key][j * n:(j + 1) * n]).astype(dtype).reshape(X.shape)

        W = [part("welfare", j) for j in range(3)]
        own = [part("own_entrants", j, int) for j in range(3)]
        tol = RTOL * np.maximum.reduce([np.abs(w_) for w_ in W] + [
            np.abs(part("private", j)) for j in range(3)])
        rush_u = (own[1] > own[0]) & (W[1] < W[0] - tol)
        rush_t = (own[2] > own[0]) & (W[2] < W[0] - tol)
        code = np.select(
            [rush_u & ~rush_t, rush_u & rush_t, ~rush_u & rush_t, W[2] > W[1] + tol,
             np.abs(W[2] - W[1]) <= tol],
            [1, 2, 6, 3, 4], default=5)
        return RecommendationMap(
            param_x=param_x, grid_x=gx, param_y=param_y, grid_y=gy, rate=rate, code=code,
            welfare_0=W[0], welfare_u=W[1], welfare_t=W[2], own_0=own[0], own_u=own[1],
            own_t=own[2], **{f"entrants_{s_}": part("home_entrants", j, int)
                             for j, s_ in enumerate("0ut")},
            **{f"members_{s_}": part("members", j, int) for j, s_ in enumerate("0ut")},
            **{f"dissipation_{s_}": part("dissipation", j) for j, s_ in enumerate("0ut")})

    def optimal_policy_map(self, param_x: str, grid_x, param_y: str, grid_y, instruments,
                           **search) -> PolicyMap:
        """The optimal levels of ``instruments`` at every point of a grid of two of the
        economy's parameters (one :meth:`optimise` per point; ``search`` is passed on)."""
        gx, gy = self._env_grid(param_x, grid_x, param_y, grid_y)
        names, _, _ = self._box(instruments, search.get("bounds"))
        shape = (gy.size, gx.size)
        levels = np.zeros((len(names),) + shape)
        out = {k: np.zeros(shape) for k in ("gain", "fiscal_cost", "home_entrants", "members",
                                             "own_entrants")}
        for iy, yv in enumerate(gy):
            for ix, xv in enumerate(gx):
                econ = self.economy.replace(**{param_x: float(xv), param_y: float(yv)})
                opt = dataclasses.replace(self, economy=econ).optimise(names, **search)
                for j, n_ in enumerate(names):
                    levels[j, iy, ix] = opt.policy[n_]
                out["gain"][iy, ix] = opt.gain
                out["fiscal_cost"][iy, ix] = opt.fiscal_cost
                for k in ("home_entrants", "members", "own_entrants"):
                    out[k][iy, ix] = getattr(opt.outcome, k)
        ints = {k: out[k].astype(int) for k in ("home_entrants", "members", "own_entrants")}
        return PolicyMap(param_x=param_x, grid_x=gx, param_y=param_y, grid_y=gy,
                         instruments=names, levels=levels, gain=out["gain"],
                         fiscal_cost=out["fiscal_cost"], **ints)

    # ------------------------------------------------------------------ the model interface
    def solve(self) -> PolicyOutcome:
        """The zero policy's outcome (use :meth:`optimise` for the optimal policy)."""
        return self.evaluate()

    def cluster_surplus(self) -> float:
        """Home welfare at the zero policy in the cluster equilibrium."""
        return dataclasses.replace(self, world="equilibrium").evaluate().welfare

    def scattered_surplus(self) -> float:
        """Home welfare at the zero policy without a cluster association."""
        return dataclasses.replace(self, world="scattered").evaluate().welfare

    def closed_forms(self) -> ClosedForms:
        """Home welfare and the closed-form channels: the after-tax certainty equivalent, the
        guarantee's expected payout, the state's insurance charge."""
        lam, FC, Pi = sp.symbols("lambda FC Pi", real=True)
        T, t, Ep, V, tau = sp.symbols("T t E\\pi Var\\pi tau", positive=True)
        ell, m, s = sp.symbols("ell m s", positive=True)
        iota, VC, tg = sp.symbols("iota Var_C tau_G", positive=True)
        z = sp.Symbol("z")
        psi = sp.Lambda(z, z * sp.erfc(-z / sp.sqrt(2)) / 2
                        + sp.exp(-z**2 / 2) / sp.sqrt(2 * sp.pi))
        exprs = {
            "welfare": sp.Eq(sp.Symbol("W"), Pi - (1 + lam) * FC),
            "after_tax_ce": sp.Eq(sp.Symbol("CE"), (1 - T + t) * Ep - (1 - T + t)**2 * V
                                  / (2 * tau)),
            "guarantee_payout": sp.Eq(sp.Symbol(r"E\,min(\ell,(\ell-\pi)^+)"),
                                      s * (psi((ell - m) / s) - psi(-m / s))),
            "insurance_charge": sp.Eq(sp.Symbol("R_G"), iota**2 * VC / (2 * tg)),
        }
        syms = {"lambda": lam, "FC": FC, "Pi": Pi, "T": T, "t": t, "E_pi": Ep, "Var_pi": V,
                "tau": tau, "loan": ell, "mean": m, "sd": s, "iota": iota, "Var_C": VC,
                "tau_G": tg}
        return ClosedForms(exprs, syms, title="Government as leader: welfare and channels")
