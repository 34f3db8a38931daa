"""Who goes first and who follows: sequential entry as games in extensive form.

Three models, each solved in closed form and, as a cross-check, as a game tree by
backward induction (:class:`~gametheory.noncooperative.ExtensiveGame`):

* :class:`DixitCapacity` — an incumbent commits to capacity before a potential entrant
  decides (Dixit 1980): entry is *blockaded*, *deterred* (by strategic over-investment) or
  *accommodated* (Stackelberg leadership), with the regions in closed form;
* :class:`LeaderFollowerEntry` — home firms decide one after another whether to enter a
  host market held by foreign incumbents (Cournot after entry, via
  :func:`gametheory.markets.cournot`); the leader's choice selects one equilibrium of the
  simultaneous entry game;
* :class:`FollowTheLeader` — a leader invests abroad or exports, a follower observes and
  decides; with a common host-country cost shock and mean–variance preferences the follower
  imitates the leader for a band of fixed costs exactly when risk aversion exceeds the
  threshold ``ρ*`` of :class:`~gametheory.models.OligopolisticReaction` (Knickerbocker 1973;
  Head, Mayer & Ries 2002), which is the special case of this game.

References
----------
Dixit, A. (1980). The role of investment in entry-deterrence. *Economic Journal*
90:95–106.
Spence, A. M. (1977). Entry, capacity, investment and oligopolistic pricing. *Bell Journal
of Economics* 8:534–544.
Tirole, J. (1988). *The Theory of Industrial Organization*. MIT Press, sect. 8.2.
Knickerbocker, F. T. (1973). *Oligopolistic Reaction and Multinational Enterprise*.
Harvard University Press.
Head, K., Mayer, T. & Ries, J. (2002). Revisiting oligopolistic reaction: are decisions on
foreign direct investment strategic complements? *Journal of Economics & Management
Strategy* 11:453–472.
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND Journal
of Economics* 17:48–58.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, finite_scalar, names_for, positive, whole_number
from ..markets import cournot
from ..noncooperative import Decision, EntryGame, ExtensiveGame, Terminal
from .base import ClosedForms, Model
from .risk_sharing import OligopolisticReaction

REGIMES = ("blockaded", "deterred", "accommodated")


# =========================================================================== Dixit (1980)
@dataclasses.dataclass(frozen=True)
class DixitOutcome(ResultMixin):
    """The subgame-perfect outcome of the capacity-commitment game.

    Attributes
    ----------
    regime : "blockaded", "deterred" or "accommodated"
    capacity : float
        The incumbent's capacity ``k``.
    incumbent_output, entrant_output : float
        Outputs after the entry decision (entrant 0 when it stays out).
    incumbent_profit, entrant_profit : float
        Net of capacity cost and of the entry cost.
    T, V, M, limit_output : float
        The incumbent's credible post-entry outputs lie in ``[T, V]``; ``M`` is the
        monopoly (and Stackelberg) output at full cost; ``limit_output`` deters entry.
    tie : bool
        The incumbent is indifferent between deterring and accommodating (deterrence taken).
    method : str

    References
    ----------
    Dixit (1980); Tirole (1988), sect. 8.2.
    """

    regime: str
    capacity: float
    incumbent_output: float
    entrant_output: float
    incumbent_profit: float
    entrant_profit: float
    T: float
    V: float
    M: float
    limit_output: float
    tie: bool = False
    method: str = "subgame-perfect equilibrium, closed form"


@dataclasses.dataclass(frozen=True)
class DixitCapacity(Model):
    """Capacity as commitment (Dixit 1980): an incumbent installs capacity ``k`` at unit cost
    ``r``; a potential entrant then decides whether to enter at fixed cost ``f``; then both
    choose outputs (Cournot), the incumbent producing up to ``k`` at unit cost ``w`` and
    beyond it at ``w + r``, the entrant at ``w + r``. Inverse demand ``p = a − b(x₁ + x₂)``.

    With ``c = w + r``, the incumbent's post-entry output is ``clip(k, T, V)`` with
    ``T = (a − c)/(3b)`` and ``V = (a − w + r)/(3b)``; the entrant stays out iff the
    incumbent produces at least the limit output ``x_L = (a − c − 2√(bf))/b``. Entry is

    * **blockaded** if ``x_L ≤ min(M, V)``, ``M = (a − c)/(2b)``: the monopoly capacity
      already keeps the entrant out;
    * **deterred** if deterrence is feasible (``x_L ≤ V``) and the incumbent prefers the
      capacity ``x_L > M`` (strategic over-investment) to accommodating;
    * **accommodated** otherwise: capacity ``min(M, V)`` (Stackelberg leadership, the
      leader's output equals ``M`` with linear demand) and the entrant comes in.

    When ``a − c ≤ 4r`` (so ``M ≤ V``) and ``2r ≤ a − w``, in terms of the entry cost:
    blockaded iff ``f ≥ (a − c)²/(16b)``, deterred iff
    ``max((3 − 2√2)(a − c)²/(32b), (a − c − r)²/(9b)) ≤ f < (a − c)²/(16b)``
    (:meth:`closed_forms`, derived in sympy). The entrant stays out when indifferent.

    Examples
    --------
    >>> import gametheory as gt
    >>> [gt.DixitCapacity(a=10, b=1, w=1, r=2, f=f).solve().regime for f in (0.1, 3, 4)]
    ['accommodated', 'deterred', 'blockaded']

    References
    ----------
    Dixit (1980); Spence (1977); Tirole (1988), sect. 8.2.
    """

    a: float = 10.0
    b: float = 1.0
    w: float = 1.0
    r: float = 2.0
    f: float = 2.0

    def _validate(self):
        for k in ("a", "w", "r", "f"):
            object.__setattr__(self, k, finite_scalar(getattr(self, k), k))
        object.__setattr__(self, "b", positive(self.b, "b (demand slope)"))
        positive(self.r, "r (unit cost of capacity)")
        positive(self.w, "w (unit variable cost)", strict=False)
        positive(self.f, "f (entry cost)", strict=False)
        if self.a <= self.w + self.r:
            raise ValueError(f"a (demand intercept) must exceed the full unit cost w + r = "
                             f"{self.w + self.r}, got a = {self.a}")

    # ------------------------------------------------------------------ building blocks
    @property
    def c(self) -> float:
        return self.w + self.r

    def key_outputs(self) -> dict:
        """``T``, ``V``, ``M``, the monopoly output at marginal cost ``w`` (``M_w``) and ``x_L``."""
        a, b, w, r, f, c = self.a, self.b, self.w, self.r, self.f, self.c
        return {"T": (a - c) / (3 * b), "V": (a - w + r) / (3 * b), "M": (a - c) / (2 * b),
                "M_w": (a - w) / (2 * b), "x_L": (a - c - 2 * np.sqrt(b * f)) / b}

    def post_entry(self, k: float) -> tuple[float, float]:
        """Outputs ``(x₁, x₂)`` of the Cournot subgame after entry, given capacity ``k``."""
        o = self.key_outputs()
        x1 = float(np.clip(k, o["T"], o["V"]))
        return x1, max((self.a - self.c - self.b * x1) / (2 * self.b), 0.0)

    def payoffs(self, k: float, enter: bool) -> tuple[float, float]:
        """Incumbent's and entrant's profits for capacity ``k`` and the entry decision."""
        a, b, w, r = self.a, self.b, self.w, self.r
        k = positive(k, "k (capacity)", strict=False)
        if enter:
            x1, x2 = self.post_entry(k)
            price = a - b * (x1 + x2)
            return (price - w) * x1 - r * max(k, x1), (price - self.c) * x2 - self.f
        o = self.key_outputs()
        q = float(np.clip(k, o["M"], o["M_w"]))  # monopolist: use capacity up to M_w
        return (a - b * q - w) * q - r * max(k, q), 0.0

    # ------------------------------------------------------------------ solution
    def solve(self) -> DixitOutcome:
        """The subgame-perfect outcome (closed form; see the class docstring).

        References
        ----------
        Dixit (1980); Tirole (1988), sect. 8.2.
        """
        o = self.key_outputs()
        T, V, M, xL = o["T"], o["V"], o["M"], o["x_L"]
        scale = tolerance([T, V, M, xL])
        tie = False
        if xL <= min(M, V) + scale:
            regime, k = "blockaded", M
        else:
            k_acc = min(M, V)
            pi_acc = self.payoffs(k_acc, True)[0]
            if xL <= V + scale:
                pi_det = self.payoffs(xL, False)[0]
                eps = tolerance(pi_acc, pi_det, self.a * M)
                tie = abs(pi_det - pi_acc) <= eps
                regime, k = ("deterred", xL) if pi_det >= pi_acc - eps else ("accommodated", k_acc)
            else:
                regime, k = "accommodated", k_acc
        enter = regime == "accommodated"
        x1, x2 = self.post_entry(k) if enter else (float(np.clip(k, M, o["M_w"])), 0.0)
        pi1, pi2 = self.payoffs(k, enter)
        return DixitOutcome(regime, float(k), x1, x2, pi1, pi2, T, V, M, xL, bool(tie))

    def game_tree(self, capacities=None) -> ExtensiveGame:
        """The game as a tree: the incumbent picks a capacity from ``capacities`` (default: a
        grid from 0 to ``M_w`` with the critical points ``T, M, V, x_L`` added), the entrant
        stays out or enters; payoffs from the Cournot subgame. "out" is listed first, so the
        entrant stays out when indifferent (as in the closed form).

        References
        ----------
        Dixit (1980).
        """
        o = self.key_outputs()
        if capacities is None:
            grid = np.linspace(0.0, max(o["M_w"], o["V"]) * 1.2, 61)
            extra = [o[k] for k in ("T", "M", "V", "x_L") if o[k] >= 0]
            capacities = np.unique(np.concatenate([grid, extra]))
        caps = finite_array(capacities, "capacities", ndim=1)
        if caps.size == 0 or np.any(caps < 0):
            raise ValueError("capacities must be a non-empty list of capacities >= 0")
        branches = {}
        for k in caps:
            out = self.payoffs(k, False)
            inn = self.payoffs(k, True)
            branches[f"k={k:.10g}"] = Decision("entrant", {"out": Terminal(out),
                                                           "in": Terminal(inn)})
        return ExtensiveGame(Decision("incumbent", branches), ["incumbent", "entrant"],
                             title="Dixit (1980) capacity commitment")

    @staticmethod
    @functools.cache
    def _derivation() -> dict:
        a, b, w, r, f = sp.symbols("a b w r f", positive=True)
        x1, x2, k = sp.symbols("x_1 x_2 k", positive=True)
        c = w + r
        price = a - b * (x1 + x2)
        # entrant's reaction to x1 (cost c); incumbent's reaction at marginal cost w or c
        x2_of = sp.solve(sp.diff((price - c) * x2, x2), x2)[0]
        r1 = {m: sp.solve(sp.diff((price - m) * x1, x1), x1)[0] for m in (w, c)}
        T = sp.simplify(sp.solve(sp.Eq(x1, r1[c].subs(x2, x2_of)), x1)[0])
        V = sp.simplify(sp.solve(sp.Eq(x1, r1[w].subs(x2, x2_of)), x1)[0])
        leader = sp.expand((price - c).subs(x2, x2_of) * x1)
        M = sp.solve(sp.diff(leader, x1), x1)[0]
        entrant = sp.expand(((price - c) * x2).subs(x2, x2_of))
        x_L = min(sp.solve(sp.Eq(entrant, f), x1), key=lambda e: e.subs(
            {a: 10, b: 1, w: 1, r: 1, f: 1}))
        # profits: deterring at x_L (producing it) against accommodating at M
        pi_D = sp.expand((a - b * x1 - c) * x1)
        pi_A = leader.subs(x1, M)
        x_star = max(sp.solve(sp.Eq(pi_D, pi_A), x1),
                     key=lambda e: e.subs({a: 10, b: 1, w: 1, r: 1}))
        f_of = sp.solve(sp.Eq(x_L, k), f)[0]  # entry cost with limit output k
        return {"T": T, "V": V, "M": M, "x_L": x_L,
                "f_B": sp.factor(f_of.subs(k, M)), "f_V": sp.factor(f_of.subs(k, V)),
                "f_D": sp.factor(sp.simplify(f_of.subs(k, x_star))),
                "pi_A": sp.factor(pi_A), "symbols": {"a": a, "b": b, "w": w, "r": r, "f": f}}

    @classmethod
    def closed_forms(cls) -> ClosedForms:
        """``T, V, M, x_L`` and the entry-cost thresholds ``f_B`` (blockade), ``f_V``
        (deterrence feasible) and ``f_D`` (deterrence preferred), derived in sympy for
        ``M ≤ V``."""
        D = cls._derivation()
        exprs = {k: sp.Eq(sp.Symbol(name), D[k]) for k, name in (
            ("T", "T"), ("V", "V"), ("M", "M"), ("x_L", "x_L"), ("f_B", "f_B"),
            ("f_V", "f_V"), ("f_D", "f_D"), ("pi_A", "Pi_A"))}
        return ClosedForms(exprs, D["symbols"], title="Dixit (1980) entry deterrence")

    def cluster_surplus(self) -> float:
        raise NotImplementedError("DixitCapacity is a building block of the sequential models")

    scattered_surplus = cluster_surplus


def dixit_regions(a, b, w, r, f) -> np.ndarray:
    """The regime ("blockaded", "deterred", "accommodated") over broadcast parameter grids.

    References
    ----------
    Dixit (1980).
    """
    arrays = np.broadcast_arrays(*(finite_array(x, name) for x, name in
                                   ((a, "a"), (b, "b"), (w, "w"), (r, "r"), (f, "f"))))
    out = np.empty(arrays[0].shape, dtype=object)
    for idx in np.ndindex(out.shape):
        out[idx] = DixitCapacity(*(float(x[idx]) for x in arrays)).solve().regime
    return out.astype(str)


# =========================================================================== leader–follower
@dataclasses.dataclass(frozen=True)
class SequentialEntryResult(ResultMixin):
    """Sequential entry of home firms: the subgame-perfect outcome and the simultaneous game.

    Attributes
    ----------
    entrants : tuple of int
        0/1 per home firm (in the order of moves) on the equilibrium path.
    payoffs : ndarray
        Each firm's profit net of its entry cost.
    spe : SubgamePerfectEquilibrium
    simultaneous_equilibria : list of tuples
        Pure equilibria of the game in which all decide at once.
    is_simultaneous_equilibrium : bool
        The sequential outcome is one of them.

    References
    ----------
    Mankiw & Whinston (1986); Selten (1965).
    """

    entrants: tuple
    payoffs: np.ndarray
    spe: object
    simultaneous_equilibria: list
    is_simultaneous_equilibrium: bool


@dataclasses.dataclass(frozen=True)
class LeaderFollowerEntry(Model):
    """Home firms decide in turn whether to enter a host market held by ``k`` foreign
    incumbents; each sees the earlier decisions. After entry all play Cournot with inverse
    demand ``p = a − bQ``, home marginal cost ``c``, incumbents' cost ``c_f``
    (:func:`gametheory.markets.cournot`); firm ``i`` pays entry cost ``F[i]``.

    Solved by backward induction on the game tree (``2ⁿ`` plays, ``n ≤ 14``). With profits
    falling in the number of entrants the sequential outcome is a pure equilibrium of the
    simultaneous entry game — the one the early movers prefer.

    References
    ----------
    Mankiw & Whinston (1986); Selten (1965); Tirole (1988), ch. 8.
    """

    a: float = 100.0
    b: float = 1.0
    c: float = 40.0
    F: tuple = (200.0, 150.0, 150.0, 300.0)
    k: int = 1
    c_f: float = 40.0
    names: tuple | None = None

    def _validate(self):
        object.__setattr__(self, "a", positive(self.a, "a (demand intercept)"))
        object.__setattr__(self, "b", positive(self.b, "b (demand slope)"))
        object.__setattr__(self, "c", positive(self.c, "c (home marginal cost)", strict=False))
        object.__setattr__(self, "c_f", positive(self.c_f, "c_f (incumbents' cost)",
                                                 strict=False))
        F = finite_array(self.F, "F (entry costs)", ndim=1)
        if F.size == 0 or F.size > 14 or np.any(F < 0):
            raise ValueError(f"F (entry costs) must list 1 to 14 costs >= 0, got {F.tolist()}")
        object.__setattr__(self, "F", tuple(float(x) for x in F))
        object.__setattr__(self, "k", whole_number(self.k, "k (foreign incumbents)", 0))
        if self.a <= self.c:
            raise ValueError(f"a (demand intercept) must exceed c, got a={self.a}, c={self.c}")
        object.__setattr__(self, "names", names_for(len(F), self.names, "firm"))

    @property
    def n(self) -> int:
        return len(self.F)

    def operating_profits(self) -> np.ndarray:
        """Each home entrant's Cournot profit when ``m = 1 … n`` home firms have entered."""
        out = []
        for m in range(1, self.n + 1):
            res = cournot(self.a, self.b, [self.c] * m, incumbents=self.k,
                          incumbent_cost=self.c_f)
            out.append(float(np.asarray(res.profits)[0]))
        return np.array(out)

    def entry_game(self) -> EntryGame:
        """The simultaneous entry game (count payoffs ``π(m) − F_i``)."""
        P = self.operating_profits()[None, :] - np.array(self.F)[:, None]
        return EntryGame.from_count_payoffs(P, names=self.names)

    def game_tree(self) -> ExtensiveGame:
        """Firms move in order, each observing the earlier decisions (perfect information)."""
        P = self.operating_profits()

        def node(i, entered):
            if i == self.n:
                m = sum(entered)
                return Terminal([P[m - 1] - self.F[j] if e else 0.0
                                 for j, e in enumerate(entered)])
            return Decision(self.names[i], {"out": node(i + 1, entered + (0,)),
                                            "in": node(i + 1, entered + (1,))})

        return ExtensiveGame(node(0, ()), self.names, title="sequential entry")

    def solve(self) -> SequentialEntryResult:
        """Backward induction on :meth:`game_tree`, compared with the simultaneous game.

        References
        ----------
        Selten (1965); Mankiw & Whinston (1986).
        """
        spe = self.game_tree().backward_induction()
        entrants = tuple(int(a == "in") for a in spe.path)
        sim = self.entry_game().pure_nash_equilibria()
        return SequentialEntryResult(entrants, spe.payoffs, spe, sim, entrants in sim)

    def cluster_surplus(self) -> float:
        raise NotImplementedError("LeaderFollowerEntry is a building block")

    scattered_surplus = cluster_surplus


# =========================================================================== follow the leader
@dataclasses.dataclass(frozen=True)
class FollowOutcome(ResultMixin):
    """The subgame-perfect outcome of the follow-the-leader game.

    Attributes
    ----------
    leader : "FDI" or "export"
    follower_after_fdi, follower_after_export : "FDI" or "export"
        The follower's plan after each of the leader's choices.
    follows : bool
        The follower imitates the leader whatever it does (invests after FDI, exports after
        export).
    band : tuple or None
        ``(G_X, G_I)``: the fixed costs ``K`` with ``G_X < K ≤ G_I`` make the follower
        imitate; ``None`` when ``G_I ≤ G_X`` (no such ``K``).
    utilities : ndarray
        Leader's and follower's mean–variance utilities on the path.
    spe : SubgamePerfectEquilibrium

    References
    ----------
    Knickerbocker (1973); Head, Mayer & Ries (2002).
    """

    leader: str
    follower_after_fdi: str
    follower_after_export: str
    follows: bool
    band: tuple | None
    utilities: np.ndarray
    spe: object


@dataclasses.dataclass(frozen=True)
class FollowTheLeader(Model):
    """A leader decides to invest in the host market (FDI) or export; a follower observes it
    and decides too. Parameters as in :class:`OligopolisticReaction` (host demand
    ``p = a − Q``; exporters' cost ``w + t``; plants' cost ``w* + ε``, the shock ``ε ~ N(0,
    σ²)`` common to all plants; mean–variance utility ``E π − (ρ/2) Var π``), plus a fixed
    cost ``K`` of FDI.

    With the Cournot profits ``π_i = (a − 2c_i + c_j)²/9`` the utilities of the four
    outcomes are computed here from ``E[(A + Bε)²] = A² + B²σ²`` and
    ``Var[(A + Bε)²] = 4A²B²σ² + 2B⁴σ⁴``. The follower invests after FDI iff ``G_I ≥ K``
    and after export iff ``G_X ≥ K``, where ``G_I``, ``G_X`` are the gains from FDI of
    :meth:`OligopolisticReaction.gains`: it imitates the leader iff ``G_X < K ≤ G_I``, a
    non-empty band iff ``ρ > ρ*`` (:meth:`OligopolisticReaction.threshold`). The risk-
    neutral model (no band, decisions are strategic substitutes) and the threshold are the
    special case.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.FollowTheLeader(a=20, w=4, t=2, w_star=5, sigma2=4, rho=0.2, K=5)
    >>> m.solve().follows
    True

    References
    ----------
    Knickerbocker (1973); Head, Mayer & Ries (2002).
    """

    a: float = 20.0
    w: float = 4.0
    t: float = 2.0
    w_star: float = 5.0
    sigma2: float = 4.0
    rho: float = 0.2
    K: float = 5.0

    def _validate(self):
        self.reaction()  # validates the shared parameters
        object.__setattr__(self, "K", positive(self.K, "K (fixed cost of FDI)", strict=False))

    def reaction(self) -> OligopolisticReaction:
        """The simultaneous-move building block with the same parameters."""
        return OligopolisticReaction(self.a, self.w, self.t, self.w_star, self.sigma2, self.rho)

    def utilities(self) -> dict:
        """``{(leader, follower): (U_leader, U_follower)}`` net of ``K``, actions "FDI"/"export"."""
        a, s2, rho = self.a, self.sigma2, self.rho
        cx, cs = self.w + self.t, self.w_star

        def mv(A, B):  # mean − (ρ/2) variance of (A + Bε)²/9
            return (A**2 + B**2 * s2) / 9 - rho / 2 * (4 * A**2 * B**2 * s2 + 2 * B**4 * s2**2) / 81

        # own profit margin A + Bε = a − 2c_i + c_j with c = cx (export) or cs + ε (FDI)
        def u(mine, other):
            A = a - 2 * (cs if mine == "FDI" else cx) + (cs if other == "FDI" else cx)
            B = (-2 if mine == "FDI" else 0) + (1 if other == "FDI" else 0)
            return mv(A, B) - (self.K if mine == "FDI" else 0.0)

        acts = ("FDI", "export")
        return {(i, j): (u(i, j), u(j, i)) for i in acts for j in acts}

    def game_tree(self) -> ExtensiveGame:
        U = self.utilities()
        tree = Decision("leader", {
            i: Decision("follower", {j: Terminal(U[i, j]) for j in ("export", "FDI")})
            for i in ("export", "FDI")
        })
        return ExtensiveGame(tree, ["leader", "follower"], title="follow the leader")

    def solve(self) -> FollowOutcome:
        """Backward induction on :meth:`game_tree` (the follower exports when indifferent).

        References
        ----------
        Knickerbocker (1973); Head, Mayer & Ries (2002).
        """
        spe = self.game_tree().backward_induction()
        plan = spe.strategies["follower"]
        after_fdi, after_x = plan["FDI"], plan["export"]
        g = self.reaction().gains()
        gx, gi = g.gain_if_rival_exports, g.gain_if_rival_invests
        band = (gx, gi) if gi > gx + tolerance(gx, gi) else None
        return FollowOutcome(spe.strategies["leader"]["root"], after_fdi, after_x,
                             after_fdi == "FDI" and after_x == "export", band, spe.payoffs, spe)

    def cluster_surplus(self) -> float:
        raise NotImplementedError("FollowTheLeader is a building block")

    scattered_surplus = cluster_surplus
