"""Real options: the value of waiting to invest abroad, alone and against a rival.

**One firm** (Dixit & Pindyck 1994, ch. 5). A project abroad, once installed at sunk cost
``I``, earns a profit flow ``X_t`` that follows a geometric Brownian motion with
volatility ``σ``. Valued by a diversified owner it is worth ``V = X/δ``, where ``δ`` is
the payout rate (the required return minus the expected growth of ``X``). The option to
invest is worth ``F(V) = A V^β`` below the trigger and ``V − I`` above; value matching
and smooth pasting give

    V* = β/(β − 1) · I,        X* = δ V*,

where ``β > 1`` is the positive root of the fundamental quadratic

    ½σ²β(β − 1) + (r − δ)β − r = 0.

**Risk the owner cannot diversify.** An owner who bears idiosyncratic risk asks a risk
premium ``ρ`` (a rate) on top of the diversified required return: it values every claim
on ``X`` as if ``X`` grew ``ρ`` more slowly (a certainty-equivalent drift), so the
effective payout rate is ``δ_e = δ + ρ``; ``β`` solves the quadratic with ``δ_e`` and the
owner values the project at ``X/δ_e``. Pooling idiosyncratic risk in a syndicate of ``s``
members lowers ``ρ`` (:func:`pooled_premium`): with relative risk aversion ``γ`` and a
share ``ω`` of the project's variance common to all members (host-country political and
exchange-rate risk), ``ρ(s) = γσ²(ω + (1 − ω)/s)``, the per-member premium of
:class:`~gametheory.models.risk_sharing.RiskSyndicate`. The channels are distinct and
move the thresholds in definite directions (theorems OPT-2 and OPT-3 in
docs/theorems.md):

* **volatility** ``σ`` (the value of waiting): a higher ``σ`` lowers ``β`` and *raises*
  both ``V*`` and ``X*`` — the classic result under risk neutrality. Pooling does not
  change the project's volatility, so it does not act through this channel;
* **risk premium** ``ρ`` (the discount an undiversified owner applies): a higher ``ρ``
  raises ``δ_e``, which *raises* the profit trigger ``X* = δ_e β/(β − 1) I`` (the
  project is worth less to the owner, so it needs a larger profit flow) although it
  *lowers* the hurdle multiple ``β/(β − 1)`` (the owner also discounts the option to
  wait). Pooling lowers ``ρ``, so it *lowers* ``X*``: the syndicate member invests earlier.
  Only the idiosyncratic part diversifies: ``ρ(s) → γωσ²``, not to zero.
* **cost sharing** lowers the sunk cost ``I`` to the member's share of the platform cost
  (the Shapley value of :class:`~gametheory.models.cost_sharing.EntryCostGame`); every
  threshold is proportional to ``I``.

**A rival** (Smets 1991; Dixit & Pindyck 1994, ch. 9; Huisman & Kort 1999; asymmetric
firms: Pawlina & Kort 2006, Kong & Kwok 2007). :class:`OptionGame`: two firms may each
enter a new host market once; the profit flow is ``D₁Y`` for a firm alone and ``D₂Y``
each when both are in (``D₁ > D₂ > 0``, e.g. from linear Cournot), ``Y`` a unit-free
GBM demand shock. The follower enters at ``Y_F = β/(β−1) δ_e I/D₂``; the value of
leading at ``Y < Y_F`` is ``L(Y) = YD₁/δ_e − I − (Y/Y_F)^β Y_F(D₁ − D₂)/δ_e``. Each firm
would rather lead than follow above its *preemption point* ``Y_P`` (``L = F``); in the
symmetric game the leader enters at ``Y_P`` and the rents of leader and follower are
equal (Fudenberg & Tirole 1985); a firm whose rival never wants to lead before the
firm's own leader trigger ``Y_L = β/(β−1) δ_e I/D₁`` enters at ``Y_L`` (the sequential
equilibrium of Pawlina & Kort 2006).

References
----------
Dixit, A. K. & Pindyck, R. S. (1994). *Investment under Uncertainty*. Princeton
University Press, ch. 5 and 9.
McDonald, R. & Siegel, D. (1986). The value of waiting to invest. *Quarterly Journal of
Economics* 101:707–727.
Smets, F. (1991). Exporting versus FDI: the effect of uncertainty, irreversibilities
and strategic interactions. Working paper, Yale University.
Fudenberg, D. & Tirole, J. (1985). Preemption and rent equalization in the adoption of
new technology. *Review of Economic Studies* 52:383–401.
Huisman, K. J. M. & Kort, P. M. (1999). Effects of strategic interactions on the option
value of waiting. CentER Discussion Paper 1999-92, Tilburg University.
Grenadier, S. R. (2002). Option exercise games: an application to the equilibrium
investment strategies of firms. *Review of Financial Studies* 15:691–721.
Pawlina, G. & Kort, P. M. (2006). Real options in an asymmetric duopoly: who benefits
from your competitive disadvantage? *Journal of Economics & Management Strategy*
15:1–35.
Kong, J. J. & Kwok, Y. K. (2007). Real options in strategic investment games between
two asymmetric firms. *European Journal of Operational Research* 181:967–985.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp
from scipy.optimize import brentq, minimize_scalar

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import tolerance
from .._validation import finite_array, in_interval, positive, whole_number
from .base import Model

__all__ = ["OptionGame", "RealOption", "pooled_premium"]


# --------------------------------------------------------------------------- helpers
def _beta(r, delta_e, sigma):
    """Positive root ``β > 1`` of ``½σ²β(β−1) + (r − δ_e)β − r = 0`` (vectorised)."""
    s2 = np.asarray(sigma, dtype=float) ** 2
    k = (r - delta_e) / s2
    return 0.5 - k + np.sqrt((k - 0.5) ** 2 + 2.0 * r / s2)


def _pair(x, name):
    arr = finite_array(np.broadcast_to(np.asarray(x, dtype=float), (2,))
                       if np.ndim(x) == 0 else x, name, shape=(2,))
    return arr


def pooled_premium(risk_aversion, sigma, common_share=0.0, size=1):
    """Risk premium ``ρ(s) = γσ²(ω + (1 − ω)/s)`` of a member of a syndicate of ``s`` (a rate).

    A member with relative risk aversion ``γ`` who holds a unit stake in a project whose
    return has variance rate ``σ²``, a share ``ω`` of it common to every member (host
    political and exchange-rate risk) and the rest idiosyncratic, asks the mean–variance
    premium ``γ × (variance it bears)``. Alone (``s = 1``) it bears ``σ²``; in a syndicate
    of ``s`` members that pools ``s`` such projects with equal shares it bears
    ``ωσ² + (1 − ω)σ²/s``: only the idiosyncratic part is diversified, ``ρ(s) → γωσ²``.
    The formula is the per-member premium of the exchangeable CARA syndicate of
    :class:`~gametheory.models.risk_sharing.RiskSyndicate` with tolerance ``τ = 1/(2γ)``
    (evaluated from its closed forms, not re-derived). Vectorised over broadcasting
    arguments; ``γ = 0`` (risk neutrality) gives 0.

    Parameters
    ----------
    risk_aversion : float or array, ``γ ≥ 0``
    sigma : float or array, ``σ > 0`` (volatility of the project's value, per unit time)
    common_share : float or array in [0, 1], ``ω``
    size : whole number or array, ``s ≥ 1`` (members pooling their projects)

    References
    ----------
    Wilson, R. (1968). The theory of syndicates. *Econometrica* 36:119–132.
    Dixit, A. K. & Pindyck, R. S. (1994). *Investment under Uncertainty*, ch. 4.
    """
    g = finite_array(risk_aversion, "risk_aversion")
    s = finite_array(sigma, "sigma")
    w = finite_array(common_share, "common_share")
    n = finite_array(size, "size")
    if np.any(g < 0):
        raise ValueError(f"risk_aversion must be >= 0, found {g[g < 0].flat[0]}")
    if np.any(s <= 0):
        raise ValueError(f"sigma must be > 0, found {s[s <= 0].flat[0]}")
    if np.any((w < 0) | (w > 1)):
        raise ValueError(f"common_share must lie in [0, 1], found {w[(w < 0) | (w > 1)].flat[0]}")
    if np.any((n < 1) | (n != np.round(n))):
        raise ValueError(f"size must be a whole number of members >= 1, got {n}")
    try:
        g, s, w, n = np.broadcast_arrays(g, s, w, n)
    except ValueError:
        raise ValueError("risk_aversion, sigma, common_share and size must broadcast together, "
                         f"got shapes {g.shape}, {s.shape}, {w.shape}, {n.shape}") from None
    ce = _per_member_ce()(0.0, 0.0, 1.0 / (2.0 * np.where(g > 0, g, 1.0)), s**2, w, n)
    out = np.where(g > 0, -np.asarray(ce, dtype=float), 0.0)
    return float(out) if out.ndim == 0 else out


@functools.lru_cache(maxsize=1)
def _per_member_ce():
    """``CE(s)/s − F`` of the exchangeable syndicate, from RiskSyndicate's closed forms,
    compiled once: a function of ``(μ, F, τ, σ², ω, s)``."""
    from .risk_sharing import RiskSyndicate

    forms = RiskSyndicate.closed_forms()
    sym = forms.symbols
    args = [sym[k] for k in ("mu", "F", "tau", "sigma2", "omega", "s")]
    return sp.lambdify(args, forms["ce_per_member"].rhs, modules="numpy")


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class OptionSolution(ResultMixin):
    """The Dixit–Pindyck investment rule (optimal stopping; risk-neutral in the owner's
    certainty-equivalent measure).

    Attributes
    ----------
    beta : float
        Positive root ``β > 1`` of the fundamental quadratic (with ``δ_e``).
    effective_payout : float
        ``δ_e = δ + ρ``.
    hurdle : float
        ``β/(β − 1) > 1``: invest when the project is worth this multiple of ``I``.
    value_threshold : float
        ``V* = β/(β−1) I`` (project value in the owner's valuation ``X/δ_e``).
    flow_threshold : float
        ``X* = δ_e V*``: the profit flow that triggers investment.
    marshallian_flow_threshold : float
        ``δ_e I``: the flow at which the net present value turns positive; the wedge
        ``X*/(δ_e I) = β/(β−1)`` is the value of waiting.
    option_coefficient : float
        ``A = (V* − I)/V*^β`` in ``F(V) = A V^β`` below the trigger.
    """

    beta: float
    effective_payout: float
    hurdle: float
    value_threshold: float
    flow_threshold: float
    marshallian_flow_threshold: float
    option_coefficient: float


@dataclasses.dataclass(frozen=True)
class OptionGameSolution(ResultMixin):
    """Subgame-perfect equilibrium of the entry-timing game (threshold strategies in ``Y``).

    Attributes
    ----------
    equilibrium : str
        ``"preemption (rent equalisation)"`` for symmetric firms (Fudenberg–Tirole: the
        leader enters at the preemption point, its identity decided by a coin);
        ``"preemption"`` when the stronger firm leads at the weaker firm's preemption
        point; ``"sequential"`` when the leader is not threatened and enters at its own
        leader trigger (Pawlina–Kort).
    leader, follower : int
        Indices of the firms (``leader = 0`` in the symmetric case; either firm may lead).
    leader_trigger, follower_trigger : float
        ``Y`` at which the leader and the follower enter.
    leader_thresholds : ndarray (2,)
        Each firm's stand-alone leader trigger ``Y_L,i = β_i/(β_i−1) δ_e,i I_i / D₁``.
    follower_thresholds : ndarray (2,)
        Each firm's follower trigger ``Y_F,i = β_i/(β_i−1) δ_e,i I_i / D₂``.
    preemption_points : ndarray (2,)
        ``Y_P,i``: the lowest ``Y`` at which firm ``i`` would rather lead than follow
        (``inf`` if never before its rival's follower trigger).
    betas, effective_payouts : ndarray (2,)
    leader_rent : float
        Leader's value ``L(Y)`` at its trigger, minus the follower value ``F(Y)`` it
        would get by waiting instead (0 under rent equalisation).
    """

    equilibrium: str
    leader: int
    follower: int
    leader_trigger: float
    follower_trigger: float
    leader_thresholds: np.ndarray
    follower_thresholds: np.ndarray
    preemption_points: np.ndarray
    betas: np.ndarray
    effective_payouts: np.ndarray
    leader_rent: float


@dataclasses.dataclass(frozen=True)
class CoordinatedEntry(ResultMixin):
    """Entry timing chosen jointly by a cluster that owns both options (no preemption race).

    ``order`` gives which firm enters first; ``first_trigger`` is its monopoly trigger
    ``β/(β−1) δ_e I/D₁``; ``second_trigger`` is where adding the second firm pays for the
    pair, ``β/(β−1) δ_e I/(2D₂ − D₁)`` (``inf`` if ``2D₂ ≤ D₁``: a second entrant would
    lower the pair's joint profit flow, so the cluster sends one firm); ``joint`` is True
    when both enter together at ``β/(β−1) δ_e (I₁ + I₂)/(2D₂)`` because the second
    entry would otherwise come first.
    """

    order: tuple
    first_trigger: float
    second_trigger: float
    joint: bool
    value_coefficient: float


@dataclasses.dataclass(frozen=True)
class SharingScenarios(ResultMixin):
    """A cluster member against an outside rival, with and without cost and risk sharing.

    ``scenarios`` maps each of ``"alone"``, ``"cost sharing"``, ``"risk sharing"`` and
    ``"cost and risk sharing"`` to ``(sunk cost, premium, OptionGameSolution)`` for the
    member (firm 0); the rival (firm 1) keeps the standalone cost and the undiversified
    premium throughout. The member's monopoly trigger (its Dixit–Pindyck trigger with
    flow ``D₁Y``) is ``solution.leader_thresholds[0]``.
    """

    member: str
    standalone_cost: float
    shared_cost: float
    premium_alone: float
    premium_pooled: float
    syndicate_size: int
    scenarios: dict

    def table(self):
        """``(header, rows)``: one row per scenario."""
        header = ["scenario", "member sunk cost", "member premium", "monopoly trigger (member)",
                  "leader", "equilibrium", "leader trigger", "follower trigger"]
        rows = []
        for name, (cost, prem, game) in self.scenarios.items():
            rows.append([name, float(cost), float(prem), float(game.leader_thresholds[0]),
                         "member" if game.leader == 0 else "rival", game.equilibrium,
                         float(game.leader_trigger), float(game.follower_trigger)])
        return header, rows


# --------------------------------------------------------------------------- one firm
@dataclasses.dataclass(frozen=True)
class RealOption(Model):
    """The option to invest abroad at sunk cost ``I`` (Dixit & Pindyck 1994, ch. 5).

    Parameters
    ----------
    I : float > 0
        Sunk cost of entry (money).
    r : float > 0
        Riskless interest rate (per unit time).
    delta : float > 0
        Payout rate ``δ`` of the installed project (required return minus expected growth
        of its profit flow); a diversified owner values the project at ``X/δ``.
    sigma : float > 0
        Volatility of the profit flow (and of the project value).
    premium : float ≥ 0
        Risk premium ``ρ`` (a rate) an undiversified owner adds; see :func:`pooled_premium`.

    Notes
    -----
    ``β`` solves ``½σ²β(β − 1) + (r − δ_e)β − r = 0`` with ``δ_e = δ + ρ``; the owner invests
    when the project value ``X/δ_e`` reaches ``V* = β/(β − 1)·I`` (McDonald & Siegel 1986).
    Money (``I``, the flow ``X``, values) may be in any unit: thresholds scale with it.

    References
    ----------
    McDonald, R. & Siegel, D. (1986). The value of waiting to invest. *Quarterly Journal
    of Economics* 101:707–727.
    Dixit, A. K. & Pindyck, R. S. (1994). *Investment under Uncertainty*, ch. 5.

    Examples
    --------
    >>> o = RealOption(I=100, r=0.04, delta=0.04, sigma=0.2)
    >>> round(o.solve().hurdle, 4), round(o.solve().value_threshold, 2)
    (2.0, 200.0)
    """

    I: float = 100.0
    r: float = 0.04
    delta: float = 0.04
    sigma: float = 0.2
    premium: float = 0.0

    def _validate(self):
        object.__setattr__(self, "I", positive(self.I, "I (sunk cost)"))
        object.__setattr__(self, "r", positive(self.r, "r (interest rate)"))
        object.__setattr__(self, "delta", positive(self.delta, "delta (payout rate)"))
        object.__setattr__(self, "sigma", positive(self.sigma, "sigma (volatility)"))
        object.__setattr__(self, "premium",
                           positive(self.premium, "premium (risk premium rate)", strict=False))

    @property
    def effective_payout(self) -> float:
        """``δ_e = δ + ρ``."""
        return self.delta + self.premium

    @property
    def beta(self) -> float:
        """Positive root of the fundamental quadratic (``β > 1``)."""
        return float(_beta(self.r, self.effective_payout, self.sigma))

    def solve(self) -> OptionSolution:
        """Trigger, hurdle multiple and option coefficient (value matching, smooth pasting)."""
        b = self.beta
        de = self.effective_payout
        hurdle = b / (b - 1.0)
        V = hurdle * self.I
        return OptionSolution(beta=b, effective_payout=de, hurdle=hurdle, value_threshold=V,
                              flow_threshold=de * V, marshallian_flow_threshold=de * self.I,
                              option_coefficient=(V - self.I) / V**b)

    def value(self, X):
        """Value of the option to invest at profit flow ``X ≥ 0`` (vectorised).

        ``F = (V/V*)^β (V* − I)`` for ``V = X/δ_e < V*``, and ``V − I`` (invest now) above.
        """
        X = finite_array(X, "X (profit flow)")
        if np.any(X < 0):
            raise ValueError(f"X (profit flow) must be >= 0, found {X[X < 0].flat[0]}")
        sol = self.solve()
        V = X / sol.effective_payout
        out = np.where(V < sol.value_threshold,
                       (V / sol.value_threshold) ** sol.beta * (sol.value_threshold - self.I),
                       V - self.I)
        return float(out) if out.ndim == 0 else out

    def closed_forms(self) -> ClosedForms:
        """``β``, ``V*``, ``X*`` and ``F(V)`` derived with sympy from the ODE (value matching
        and smooth pasting), as functions of ``r, δ_e, σ, I`` (and ``V``)."""
        D = _dixit_pindyck_derivation()
        b = D["symbols"]["beta"]
        exprs = {
            "beta": sp.Eq(b, D["beta"]),
            "V_star": sp.Eq(sp.Symbol("V^*"), D["V_star"].subs(b, D["beta"])),
            "X_star": sp.Eq(sp.Symbol("X^*"), D["X_star"].subs(b, D["beta"])),
            "option_value": sp.Eq(sp.Symbol("F(V)"), D["F"].subs(b, D["beta"])),
        }
        return ClosedForms(exprs, D["symbols"], title="Dixit–Pindyck option to invest")

    def cluster_surplus(self) -> float:
        raise NotImplementedError("RealOption is a building block: see "
                                  "OptionGame.sharing_scenarios")

    scattered_surplus = cluster_surplus


@functools.lru_cache(maxsize=1)
def _dixit_pindyck_derivation():
    """Derive the Dixit–Pindyck rule with sympy.

    ``F(V) = A V^b`` solves ``½σ²V²F'' + (r − δ_e)VF' − rF = 0`` iff ``b`` is a root of the
    fundamental quadratic; the positive root above 1 is taken. Value matching
    ``A V*^β = V* − I`` and smooth pasting ``βA V*^(β−1) = 1`` are solved for ``(A, V*)``.
    """
    r, de, sig, I, V, b, A, Vs = sp.symbols("r delta_e sigma I V beta A V_s", positive=True)
    F = A * V**b
    ode = (sp.Rational(1, 2) * sig**2 * V**2 * sp.diff(F, V, 2) + (r - de) * V * sp.diff(F, V)
           - r * F)
    quad = sp.expand(sp.simplify(ode / F))
    roots = sp.solve(sp.Eq(quad, 0), b)
    # the root with +sqrt is the one above 1 (the other is negative since -r/(σ²/2) < 0)
    beta = max(roots, key=lambda e: float(e.subs({r: 0.05, de: 0.03, sig: 0.2})))
    sol = sp.solve([sp.Eq(A * Vs**b, Vs - I), sp.Eq(b * A * Vs ** (b - 1), 1)], [A, Vs],
                   dict=True)[0]
    V_star = sp.simplify(sol[Vs])
    A_star = sp.simplify(sol[A])
    return dict(quadratic=quad, beta=beta, V_star=V_star, X_star=de * V_star,
                F=A_star * V**b, A=A_star,
                symbols={"r": r, "delta_e": de, "sigma": sig, "I": I, "V": V, "beta": b})


# --------------------------------------------------------------------------- the game
@dataclasses.dataclass(frozen=True)
class OptionGame(Model):
    """Entry timing of two firms into a new host market under uncertainty (an option game).

    Parameters
    ----------
    D1 : float > 0
        Profit flow per unit of the demand shock ``Y`` of a firm alone in the market.
    D2 : float, 0 < D2 < D1
        Profit flow per unit of ``Y`` of each firm when both are in.
    I : float or array (2,), > 0
        Sunk entry costs of the two firms (money).
    r, delta, sigma : float > 0
        Interest rate, payout rate and volatility of the shock ``Y`` (a unit-free GBM).
    premium : float or array (2,), ≥ 0
        Each firm's risk premium ``ρ_i`` (see :func:`pooled_premium`).
    names : pair of str

    Notes
    -----
    Firm ``i`` values claims with ``δ_e,i = δ + ρ_i`` and ``β_i``. Follower trigger
    ``Y_F,i = β_i/(β_i−1) δ_e,i I_i/D₂`` and value ``F_i(Y) = (Y/Y_F,i)^β_i (Y_F,i D₂/δ_e,i −
    I_i)``; leader value with the rival following at ``Y_F,j``:
    ``L_i(Y) = Y D₁/δ_e,i − I_i − (Y/Y_F,j)^β_i Y_F,j (D₁ − D₂)/δ_e,i``. The preemption point
    ``Y_P,i`` is the lowest ``Y`` with ``L_i > F_i``. The firm with the lower preemption
    point leads, at ``min(Y_L,i, Y_P,j)``: preemption if the rival's threat binds,
    sequential otherwise; symmetric firms enter at ``Y_P`` with equal rents (Fudenberg
    & Tirole 1985; Huisman & Kort 1999; Pawlina & Kort 2006; Kong & Kwok 2007).
    The equilibrium notion is subgame-perfect equilibrium in Markov timing strategies
    for a process started below every trigger.

    References
    ----------
    Fudenberg, D. & Tirole, J. (1985). Preemption and rent equalization in the adoption
    of new technology. *Review of Economic Studies* 52:383–401.
    Dixit, A. K. & Pindyck, R. S. (1994). *Investment under Uncertainty*, ch. 9.
    Pawlina, G. & Kort, P. M. (2006). Real options in an asymmetric duopoly.
    *Journal of Economics & Management Strategy* 15:1–35.
    Kong, J. J. & Kwok, Y. K. (2007). Real options in strategic investment games between
    two asymmetric firms. *European Journal of Operational Research* 181:967–985.

    Examples
    --------
    >>> g = OptionGame.from_cournot(a=10, b=1, I=100, r=0.04, delta=0.04, sigma=0.2)
    >>> s = g.solve()
    >>> s.equilibrium, bool(s.preemption_points[0] < s.leader_thresholds[0] < s.follower_trigger)
    ('preemption (rent equalisation)', True)
    """

    D1: float = 25.0
    D2: float = 100.0 / 9.0
    I: object = 100.0
    r: float = 0.04
    delta: float = 0.04
    sigma: float = 0.2
    premium: object = 0.0
    names: tuple = ("firm 1", "firm 2")

    def _validate(self):
        D1 = positive(self.D1, "D1 (profit flow alone)")
        D2 = positive(self.D2, "D2 (profit flow in duopoly)")
        if D2 >= D1:
            raise ValueError(f"D2 (profit flow in duopoly) must be below D1 (profit flow alone) "
                             f"= {D1}, got {D2}: entry must take business from the rival")
        I = _pair(self.I, "I (sunk costs)")
        if np.any(I <= 0):
            raise ValueError(f"I (sunk costs) must be > 0, got {I}")
        prem = _pair(self.premium, "premium (risk premium rates)")
        if np.any(prem < 0):
            raise ValueError(f"premium (risk premium rates) must be >= 0, got {prem}")
        if isinstance(self.names, str) or len(tuple(self.names)) != 2:
            raise ValueError(f"names must be a pair of firm names, got {self.names!r}")
        names = tuple(str(n) for n in self.names)
        if names[0] == names[1]:
            raise ValueError(f"names must be distinct, got {names}")
        for key, val in (("D1", D1), ("D2", D2), ("names", names),
                         ("r", positive(self.r, "r (interest rate)")),
                         ("delta", positive(self.delta, "delta (payout rate)")),
                         ("sigma", positive(self.sigma, "sigma (volatility)"))):
            object.__setattr__(self, key, val)
        for key, val in (("I", I), ("premium", prem)):
            val = np.array(val, dtype=float)
            val.setflags(write=False)
            object.__setattr__(self, key, val)

    @classmethod
    def from_cournot(cls, a: float, b: float, I, r: float, delta: float, sigma: float,
                     premium=0.0, names=("firm 1", "firm 2")) -> OptionGame:
        """Profit flows from linear Cournot with a multiplicative demand shock.

        Demand ``p = Y(a − bQ)`` and zero marginal cost give the Cournot quantities of
        :func:`gametheory.markets.cournot_profit_symmetric` at every ``Y`` and profit flows
        ``D₁Y = Y a²/(4b)``, ``D₂Y = Y a²/(9b)``.
        """
        from ..markets import cournot_profit_symmetric

        a = positive(a, "a (demand intercept)")
        b = positive(b, "b (demand slope)")
        D1 = float(cournot_profit_symmetric(a, b, 0.0, 1))
        D2 = float(cournot_profit_symmetric(a, b, 0.0, 2))
        return cls(D1=D1, D2=D2, I=I, r=r, delta=delta, sigma=sigma, premium=premium,
                   names=names)

    # ------------------------------------------------------------------ per firm
    @property
    def effective_payouts(self) -> np.ndarray:
        return self.delta + self.premium

    @property
    def betas(self) -> np.ndarray:
        return _beta(self.r, self.effective_payouts, self.sigma)

    def _hurdle(self):
        b = self.betas
        return b / (b - 1.0)

    @property
    def leader_thresholds(self) -> np.ndarray:
        """``Y_L,i = β_i/(β_i−1) δ_e,i I_i / D₁`` (the monopoly trigger)."""
        return self._hurdle() * self.effective_payouts * self.I / self.D1

    @property
    def follower_thresholds(self) -> np.ndarray:
        """``Y_F,i = β_i/(β_i−1) δ_e,i I_i / D₂``."""
        return self._hurdle() * self.effective_payouts * self.I / self.D2

    def _check_firm(self, i):
        return whole_number(i, "i (firm index)", 0, 1)

    def follower_value(self, i: int, Y):
        """``F_i(Y)``: value of firm ``i`` when its rival has entered (vectorised in ``Y``)."""
        i = self._check_firm(i)
        Y = self._grid(Y)
        de, b = self.effective_payouts[i], self.betas[i]
        YF = self.follower_thresholds[i]
        out = np.where(Y < YF, (Y / YF) ** b * (YF * self.D2 / de - self.I[i]),
                       Y * self.D2 / de - self.I[i])
        return float(out) if out.ndim == 0 else out

    def leader_value(self, i: int, Y):
        """``L_i(Y)``: value of entering first at ``Y`` with the rival following at ``Y_F,j``
        (entry together, ``Y D₂/δ_e,i − I_i``, once ``Y ≥ Y_F,j``)."""
        i = self._check_firm(i)
        Y = self._grid(Y)
        j = 1 - i
        de, b = self.effective_payouts[i], self.betas[i]
        YFj = self.follower_thresholds[j]
        lead = Y * self.D1 / de - self.I[i] - (Y / YFj) ** b * YFj * (self.D1 - self.D2) / de
        out = np.where(Y < YFj, lead, Y * self.D2 / de - self.I[i])
        return float(out) if out.ndim == 0 else out

    @staticmethod
    def _grid(Y):
        Y = finite_array(Y, "Y (demand shock)")
        if np.any(Y < 0):
            raise ValueError(f"Y (demand shock) must be >= 0, found {Y[Y < 0].flat[0]}")
        return Y

    def preemption_point(self, i: int) -> float:
        """Lowest ``Y`` in ``(0, Y_F,j)`` at which firm ``i`` prefers leading to following.

        ``inf`` when ``L_i ≤ F_i`` throughout (the firm never wants to lead before its rival
        would follow). Found by a geometric grid scan, a local maximisation of
        ``L_i − F_i`` and Brent's method on the first sign change.
        """
        i = self._check_firm(i)
        YFj = float(self.follower_thresholds[1 - i])
        tol = tolerance(self.I[i], YFj * self.D1 / self.effective_payouts[i])

        def gap(y):
            return self.leader_value(i, y) - self.follower_value(i, y)

        grid = YFj * np.geomspace(1e-6, 1.0, 4001)[:-1]
        h = gap(grid)
        pos = np.flatnonzero(h > tol)
        if pos.size == 0:  # refine around the largest gap before concluding
            k = int(np.argmax(h))
            lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
            res = minimize_scalar(lambda y: -gap(y), bounds=(lo, hi), method="bounded",
                                  options={"xatol": 1e-12 * hi})
            if -res.fun <= tol:
                return float("inf")
            hi = float(res.x)
            lo = float(grid[max(k - 1, 0)])
            if gap(lo) > 0:
                lo = float(grid[0])
        else:
            k = int(pos[0])
            if k == 0:
                return float(grid[0])
            lo, hi = float(grid[k - 1]), float(grid[k])
        return float(brentq(gap, lo, hi, xtol=1e-14 * hi, rtol=1e-14))

    # ------------------------------------------------------------------ equilibrium
    def solve(self) -> OptionGameSolution:
        """Who leads, at which ``Y``, and when the follower enters (see the class notes)."""
        YL, YF = self.leader_thresholds, self.follower_thresholds
        YP = np.array([self.preemption_point(0), self.preemption_point(1)])
        symmetric = (abs(YP[0] - YP[1]) <= 1e-9 * max(YP[0], YP[1])
                     if np.all(np.isfinite(YP)) else False)
        if symmetric:
            leader = 0
            trigger = float(min(YP[0], YL[0]))
            kind = ("preemption (rent equalisation)" if YP[0] < YL[0]
                    else "sequential")
        else:
            leader = int(np.argmin(YP))
            threat = YP[1 - leader]
            if threat < YL[leader]:
                trigger, kind = float(threat), "preemption"
            else:
                trigger, kind = float(YL[leader]), "sequential"
        follower = 1 - leader
        rent = float(self.leader_value(leader, trigger) - self.follower_value(leader, trigger))
        return OptionGameSolution(
            equilibrium=kind, leader=leader, follower=follower, leader_trigger=trigger,
            follower_trigger=float(YF[follower]), leader_thresholds=YL, follower_thresholds=YF,
            preemption_points=YP, betas=self.betas, effective_payouts=self.effective_payouts,
            leader_rent=rent)

    def values(self, Y0: float) -> np.ndarray:
        """Each firm's equilibrium value at a starting shock ``Y0`` below the leader trigger.

        Leader: ``(Y0/Y_lead)^β_i L_i(Y_lead)``; follower: ``(Y0/Y_lead)^β_j F_j(Y_lead)``
        (each discounts the hitting time of the leader trigger with its own ``β``).
        """
        sol = self.solve()
        Y0 = positive(Y0, "Y0 (initial demand shock)")
        if Y0 >= sol.leader_trigger:
            raise ValueError(f"Y0 (initial demand shock) must lie below the leader trigger "
                             f"{sol.leader_trigger:.6g}, got {Y0}")
        i, j, Yl = sol.leader, sol.follower, sol.leader_trigger
        out = np.empty(2)
        out[i] = (Y0 / Yl) ** sol.betas[i] * self.leader_value(i, Yl)
        out[j] = (Y0 / Yl) ** sol.betas[j] * self.follower_value(j, Yl)
        return out

    def coordinated(self) -> CoordinatedEntry:
        """Entry timing chosen by a cluster that owns both options (equal premia only).

        The cluster maximises the pair's joint value: the first entry is a monopoly
        option (trigger ``β/(β−1) δ_e I_first/D₁``), the second adds ``(2D₂ − D₁)Y`` to the
        pair's flow at cost ``I_second``. The order with the larger value coefficient is
        chosen; preemption disappears, so the first entry comes no earlier than in the
        non-cooperative game.
        """
        if abs(self.premium[0] - self.premium[1]) > 1e-12 * max(1.0, float(self.premium.max())):
            raise ValueError("coordinated() needs equal premium for both firms (one valuation "
                             f"for the pair), got premium = {self.premium}")
        b = float(self.betas[0])
        de = float(self.effective_payouts[0])
        h = b / (b - 1.0)
        extra = 2.0 * self.D2 - self.D1
        best = None
        for first in (0, 1):
            second = 1 - first
            Y1 = h * de * self.I[first] / self.D1
            coef1 = (Y1 * self.D1 / de - self.I[first]) / Y1**b
            if extra > 0:
                Y2 = h * de * self.I[second] / extra
                if Y2 >= Y1:
                    coef = coef1 + (Y2 * extra / de - self.I[second]) / Y2**b
                    cand = ((first, second), float(Y1), float(Y2), False, float(coef))
                else:
                    YJ = h * de * self.I.sum() / (2.0 * self.D2)
                    coef = (YJ * 2.0 * self.D2 / de - self.I.sum()) / YJ**b
                    cand = ((first, second), float(YJ), float(YJ), True, float(coef))
            else:
                cand = ((first, second), float(Y1), float("inf"), False, float(coef1))
            if best is None or cand[4] > best[4] * (1 + 1e-12):
                best = cand
        return CoordinatedEntry(*best)

    def closed_forms(self) -> ClosedForms:
        """Symmetric-firm thresholds and value functions (sympy)."""
        b, de, I, D1, D2, Y = sp.symbols("beta delta_e I D_1 D_2 Y", positive=True)
        YF = b / (b - 1) * de * I / D2
        YL = b / (b - 1) * de * I / D1
        exprs = {
            "Y_F": sp.Eq(sp.Symbol("Y_F"), YF),
            "Y_L": sp.Eq(sp.Symbol("Y_L"), YL),
            "F": sp.Eq(sp.Symbol("F(Y)"), (Y / YF) ** b * (YF * D2 / de - I)),
            "L": sp.Eq(sp.Symbol("L(Y)"),
                       Y * D1 / de - I - (Y / YF) ** b * YF * (D1 - D2) / de),
        }
        syms = {"beta": b, "delta_e": de, "I": I, "D1": D1, "D2": D2, "Y": Y}
        return ClosedForms(exprs, syms, title="Option game (symmetric firms)")

    # ------------------------------------------------------------------ cluster
    def sharing_scenarios(self, cost_game, member: int = 0, *, risk_aversion: float = 2.0,
                          common_share: float = 0.3, rule: str = "shapley") -> SharingScenarios:
        """A cluster member against an outside rival, with and without cost and risk sharing.

        The member (firm 0 of the returned games) and the rival (firm 1) both start from the
        member's standalone entry cost ``c({i})`` of ``cost_game`` (an
        :class:`~gametheory.models.cost_sharing.EntryCostGame`) and the premium of an
        undiversified owner ``ρ(1)``. *Cost sharing* replaces the member's sunk cost by its
        Shapley share of the platform cost game (``rule="shapley"``) or an equal split
        (``"equal"``); *risk sharing* replaces its premium by ``ρ(n)``, ``n`` the cluster's
        size (:func:`pooled_premium`). This game's ``D1, D2, r, delta, sigma`` are used; its
        ``I`` and ``premium`` are replaced.
        """
        from .cost_sharing import EntryCostGame

        if not isinstance(cost_game, EntryCostGame):
            raise ValueError(f"cost_game must be an EntryCostGame, got {type(cost_game).__name__}")
        i = whole_number(member, "member", 0, cost_game.n - 1)
        gamma = positive(risk_aversion, "risk_aversion", strict=False)
        w = in_interval(common_share, "common_share", 0.0, 1.0)
        if rule == "shapley":
            share = float(cost_game.shapley_closed_form()[i])
        elif rule == "equal":
            share = float(cost_game.game().grand / cost_game.n)
        else:
            raise ValueError(f"rule must be 'shapley' or 'equal', got {rule!r}")
        F = float(cost_game.standalone_costs[i])
        rho1 = pooled_premium(gamma, self.sigma, w, 1)
        rhon = pooled_premium(gamma, self.sigma, w, cost_game.n)
        out = {}
        for name, cost, prem in (("alone", F, rho1), ("cost sharing", share, rho1),
                                 ("risk sharing", F, rhon),
                                 ("cost and risk sharing", share, rhon)):
            game = self.replace(I=[cost, F], premium=[prem, rho1],
                                names=(cost_game.names[i], "outside rival"))
            out[name] = (cost, float(prem), game.solve())
        return SharingScenarios(member=cost_game.names[i], standalone_cost=F, shared_cost=share,
                                premium_alone=float(rho1), premium_pooled=float(rhon),
                                syndicate_size=cost_game.n, scenarios=out)

    def cluster_surplus(self) -> float:
        raise NotImplementedError("OptionGame compares entry timing: see solve() and coordinated()")

    scattered_surplus = cluster_surplus
