"""Core firms and their suppliers: who pairs with whom, how they split, who should own what.

Two models of the prescription "core firms form joint ventures with their suppliers".

:class:`SupplierMatching` — the assignment game (Shapley & Shubik 1971) between ``m``
core firms and ``n`` suppliers. A pair creates the surplus ``a_ij`` (from
complementarities: :meth:`SupplierMatching.from_complementarity` uses
``a_ij = max(0, γ x_i y_j − f)`` with capabilities ``x``, supplier qualities ``y`` and a
fixed cost ``f`` of the venture). The optimal matching, the core (every split the pairs
can agree on that no firm–supplier pair would block), its two extreme points (best for
the core firms, best for the suppliers) and the range of each side's share of the
surplus come from :class:`gametheory.coalitional.AssignmentGame`. With a supermodular
surplus (``γ x_i y_j``) the optimal matching is positive assortative (Becker 1973; ORG-2).

:class:`HoldUpOwnership` — why ownership matters when relationship-specific investment
meets hold-up (Grossman & Hart 1986; Hart & Moore 1990; Hart 1995). A core firm F and
a supplier S invest ``e_F, e_S`` at cost ``k e²/2``; trading inside the relationship
is worth ``V = m_F e_F + m_S e_S``; investments are not contractible, so the surplus is
split by Nash bargaining (F's power ``β``) over the outside options

    r_F = φ_F m_F e_F + ψ_F m_S e_S,      r_S = φ_S m_S e_S + ψ_S m_F e_F,

where ``φ`` is the share of a party's *own* investment it can realise without the
partner and ``ψ`` the share of the *partner's* investment it can take with it (know-how
leaking to rival buyers or suppliers); both grow with the assets the party controls:
none (``φ_0, ψ_0``), its own asset (``φ_1, ψ_1``), both assets (``φ_2, ψ_2``).
Ownership structures: separate (each owns its asset), integration by F, integration by
S, and joint ownership (the joint venture: each party can veto the use of both assets,
so neither controls any alone). Equilibrium investment is

    e_F = m_F [β + (1−β) φ_F − β ψ_S] / k,    e_S = m_S [(1−β) + β φ_S − (1−β) ψ_F] / k,

below the first best ``m_i/k``; welfare rises with each bracket.

* In the canonical model (no leakage, ``ψ ≡ 0``) joint ownership is weakly dominated by
  separate ownership — strictly when an asset is worth something on its own
  (``φ_1 > φ_0``) — as Hart (1995, ch. 4) shows: the prescription fails.
* It pays (raises both investments over separate ownership) iff
  ``β(ψ_1 − ψ_0) > (1−β)(φ_1 − φ_0)`` and ``(1−β)(ψ_1 − ψ_0) > β(φ_1 − φ_0)``: when
  owning an asset lets the partner appropriate more of one's investment than it protects
  of one's own (ORG-3). For ``β = 1/2``: ``ψ_1 − ψ_0 > φ_1 − φ_0``.

References
----------
Shapley, L. S. & Shubik, M. (1971). The assignment game I: the core. *International
Journal of Game Theory* 1:111–130.
Becker, G. S. (1973). A theory of marriage: part I. *Journal of Political Economy*
81:813–846.
Grossman, S. J. & Hart, O. D. (1986). The costs and benefits of ownership: a theory of
vertical and lateral integration. *Journal of Political Economy* 94:691–719.
Hart, O. & Moore, J. (1990). Property rights and the nature of the firm. *Journal of
Political Economy* 98:1119–1158.
Hart, O. (1995). *Firms, Contracts, and Financial Structure*. Oxford University Press,
ch. 2–4.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, in_interval, nonnegative_array, positive
from ..coalitional.assignment import AssignmentCorePoint, AssignmentGame
from .base import ClosedForms, Model

__all__ = ["HoldUpOwnership", "HoldUpResult", "STRUCTURES", "SupplierMatching",
           "SupplierMatchingResult"]

#: Ownership structures of :class:`HoldUpOwnership`, in the order of its results.
STRUCTURES = ("separate", "firm_integration", "supplier_integration", "joint")

#: Assets each party controls alone under each structure: 0 none, 1 its own, 2 both.
_HOLDINGS = {"separate": (1, 1), "firm_integration": (2, 0), "supplier_integration": (0, 2),
             "joint": (0, 0)}


# ============================================================================ matching
@dataclasses.dataclass(frozen=True)
class SupplierMatchingResult(ResultMixin):
    """The optimal pairing of core firms and suppliers and the core's range of splits.

    Attributes
    ----------
    pairs : tuple of (str, str)
        Core firm – supplier pairs of the optimal matching (positive surplus).
    value : float
        Total surplus ``v(N)``.
    firm_optimal, supplier_optimal : AssignmentCorePoint
        The extreme core points (buyers = core firms, sellers = suppliers).
    firms_share_range : tuple of float
        Smallest and largest share of ``v(N)`` the core firms get in the core.
    midpoint : ndarray
        The midpoint of the two extremes (payoffs of all agents, firms first): a core point.
    assortative : bool
        Whether the optimal matching pairs the i-th best firm with the i-th best supplier
        (only meaningful with :meth:`SupplierMatching.from_complementarity`).
    """

    pairs: tuple
    value: float
    firm_optimal: AssignmentCorePoint
    supplier_optimal: AssignmentCorePoint
    firms_share_range: tuple
    midpoint: np.ndarray
    assortative: bool


@dataclasses.dataclass(frozen=True)
class SupplierMatching(Model):
    """Core firms and suppliers pairing into joint ventures: the assignment game (ORG-2).

    Parameters
    ----------
    surplus : array_like (m, n), >= 0
        ``a_ij``: surplus of a venture of core firm ``i`` with supplier ``j``.
    firms, suppliers : sequence of str, optional
        Names.
    capability, quality : array_like, optional
        Types behind a complementarity surplus (set by :meth:`from_complementarity`);
        used to report whether the matching is assortative.

    Examples
    --------
    >>> import gametheory as gt
    >>> m = gt.SupplierMatching.from_complementarity([1, 2, 3], [1, 2, 3], gamma=1.0, cost=0.5)
    >>> r = m.solve()
    >>> r.pairs, r.value, r.assortative
    ((('F0', 'S0'), ('F1', 'S1'), ('F2', 'S2')), 12.5, True)

    References
    ----------
    Shapley & Shubik (1971).
    Becker (1973).
    """

    surplus: object
    firms: tuple | None = None
    suppliers: tuple | None = None
    capability: object = None
    quality: object = None

    def _validate(self):
        a = nonnegative_array(self.surplus, "surplus", ndim=2)
        if a.size == 0:
            raise ValueError(f"surplus needs at least one core firm and one supplier, got "
                             f"shape {a.shape}")
        m, n = a.shape
        firms = tuple(self.firms) if self.firms is not None else tuple(f"F{i}" for i in range(m))
        sups = (tuple(self.suppliers) if self.suppliers is not None
                else tuple(f"S{j}" for j in range(n)))
        game = AssignmentGame(a, buyers=firms, sellers=sups)  # validates the names
        a = a.copy()
        a.setflags(write=False)
        object.__setattr__(self, "surplus", a)
        object.__setattr__(self, "firms", game.buyers)
        object.__setattr__(self, "suppliers", game.sellers)
        for key, size in (("capability", m), ("quality", n)):
            val = getattr(self, key)
            if val is not None:
                val = np.array(finite_array(val, key, shape=(size,)))
                val.setflags(write=False)
                object.__setattr__(self, key, val)

    @classmethod
    def from_complementarity(cls, capability, quality, gamma: float = 1.0, cost: float = 0.0,
                             firms=None, suppliers=None):
        """Surplus from complementary types: ``a_ij = max(0, γ x_i y_j − f)``.

        ``capability`` ``x_i >= 0`` of the core firms, ``quality`` ``y_j >= 0`` of the
        suppliers, ``gamma`` the complementarity (> 0), ``cost`` the venture's fixed cost
        ``f >= 0``. The surplus is supermodular in the types, so the optimal matching is
        positive assortative (Becker 1973).
        """
        x = nonnegative_array(capability, "capability", ndim=1)
        y = nonnegative_array(quality, "quality", ndim=1)
        g = positive(gamma, "gamma (complementarity)")
        f = positive(cost, "cost (fixed cost of a venture)", strict=False)
        a = np.maximum(g * np.outer(x, y) - f, 0.0)
        return cls(a, firms=firms, suppliers=suppliers, capability=x, quality=y)

    @functools.cached_property
    def _game(self) -> AssignmentGame:
        return AssignmentGame(self.surplus, buyers=self.firms, sellers=self.suppliers)

    def game(self) -> AssignmentGame:
        """The assignment game (core firms are the buyers, suppliers the sellers)."""
        return self._game

    def _assortative(self) -> bool:
        if self.capability is None or self.quality is None:
            return False
        g = self._game
        bp = g.matching().buyer_partner
        r = min(g.m, g.n)
        top_f = np.argsort(-self.capability, kind="stable")[:r]
        top_s = np.argsort(-self.quality, kind="stable")[:r]
        # value of the assortative matching equals the optimum (ties in types allowed)
        val = float(self.surplus[top_f, top_s].sum())
        return bool(abs(val - g.value) <= tolerance(self.surplus)) and bool(np.all(bp >= -1))

    def solve(self) -> SupplierMatchingResult:
        """Optimal matching, the core's extremes and the range of the firms' share."""
        g = self._game
        bo, so = g.core_extremes()
        v = g.value
        lo, hi = (so.buyers_total / v, bo.buyers_total / v) if v > 0 else (0.0, 0.0)
        mid = (np.asarray(bo.allocation) + np.asarray(so.allocation)) / 2.0
        mid.setflags(write=False)
        pairs = tuple((self.firms[i], self.suppliers[j]) for i, j in g.matching().pairs)
        return SupplierMatchingResult(pairs=pairs, value=v, firm_optimal=bo,
                                      supplier_optimal=so, firms_share_range=(lo, hi),
                                      midpoint=mid, assortative=self._assortative())

    def cluster_surplus(self) -> float:
        """``v(N)``: the surplus of the optimal set of ventures."""
        return self._game.value

    def scattered_surplus(self) -> float:
        """No venture: every firm and supplier alone earns 0 (surplus is net of that)."""
        return 0.0


# ============================================================================ hold-up
@dataclasses.dataclass(frozen=True)
class HoldUpResult(ResultMixin):
    """Investments and welfare under each ownership structure (:data:`STRUCTURES`).

    Attributes
    ----------
    structures : tuple of str
    investment : ndarray (4, 2)
        ``(e_F, e_S)`` per structure (subgame-perfect equilibrium with Nash bargaining).
    welfare : ndarray (4,)
        ``V − k e_F²/2 − k e_S²/2`` per structure.
    first_best : tuple
        ``(e_F*, e_S*, W*)``.
    best : tuple of str
        The welfare-maximising structures (ties within tolerance).
    joint_optimal : bool
        Joint ownership is among the best.
    joint_beats_separate : bool
        Joint ownership gives strictly more welfare than separate ownership.
    """

    structures: tuple
    investment: np.ndarray
    welfare: np.ndarray
    first_best: tuple
    best: tuple
    joint_optimal: bool
    joint_beats_separate: bool


@dataclasses.dataclass(frozen=True)
class HoldUpOwnership(Model):
    """Relationship-specific investment, hold-up and the allocation of ownership (ORG-3).

    Parameters
    ----------
    m_F, m_S : float, > 0
        Marginal value of each party's investment inside the relationship (money per unit).
    k : float, > 0
        Investment cost ``k e²/2`` (money per unit²).
    beta : float in (0, 1)
        The core firm's bargaining power (Nash bargaining; 1/2 symmetric).
    phi : (φ_0, φ_1, φ_2)
        Share of a party's own investment it realises outside, controlling no asset, its
        own asset, both assets: ``0 <= φ_0 <= φ_1 <= φ_2 <= 1``.
    psi : (ψ_0, ψ_1, ψ_2)
        Share of the partner's investment a party can take outside with the same assets:
        ``0 <= ψ_0 <= ψ_1 <= ψ_2 <= 1``; ``ψ ≡ 0`` is the canonical Grossman–Hart model.
        Outside options never exceed the inside value: ``φ_a + ψ_b <= 1`` for the pairs
        of holdings that occur (1,1), (2,0), (0,2), (0,0).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.HoldUpOwnership(phi=(0.0, 0.3, 0.5)).solve().best       # canonical: no JV
    ('separate',)
    >>> gt.HoldUpOwnership(phi=(0.0, 0.1, 0.2), psi=(0.0, 0.4, 0.6)).solve().best
    ('joint',)

    References
    ----------
    Grossman & Hart (1986).
    Hart & Moore (1990).
    Hart (1995).
    """

    m_F: float = 1.0
    m_S: float = 1.0
    k: float = 1.0
    beta: float = 0.5
    phi: tuple = (0.0, 0.3, 0.5)
    psi: tuple = (0.0, 0.0, 0.0)

    def _validate(self):
        for key in ("m_F", "m_S", "k"):
            object.__setattr__(self, key, positive(getattr(self, key), key))
        object.__setattr__(self, "beta", in_interval(self.beta, "beta (bargaining power)",
                                                     0.0, 1.0, closed="neither"))
        for key in ("phi", "psi"):
            v = finite_array(getattr(self, key), key, shape=(3,))
            if np.any(v < 0) or np.any(v > 1):
                raise ValueError(f"{key} must lie in [0, 1], got {v.tolist()}")
            if np.any(np.diff(v) < 0):
                raise ValueError(f"{key} must be non-decreasing in the assets controlled "
                                 f"(none <= own <= both), got {v.tolist()}")
            object.__setattr__(self, key, tuple(float(t) for t in v))
        for a, b in ((1, 1), (2, 0), (0, 2), (0, 0)):
            if self.phi[a] + self.psi[b] > 1 + 1e-12:
                raise ValueError(f"phi and psi: outside options exceed the inside value "
                                 f"(phi[{a}] + psi[{b}] = {self.phi[a] + self.psi[b]:g} > 1)")

    def incentives(self, structure: str) -> tuple[float, float]:
        """The brackets ``(c_F, c_S)`` with ``e_i = m_i c_i / k`` under ``structure``."""
        if structure not in STRUCTURES:
            raise ValueError(f"structure must be one of {STRUCTURES}, got {structure!r}")
        hF, hS = _HOLDINGS[structure]
        b = self.beta
        cF = b + (1 - b) * self.phi[hF] - b * self.psi[hS]
        cS = (1 - b) + b * self.phi[hS] - (1 - b) * self.psi[hF]
        return cF, cS

    def investment(self, structure: str) -> tuple[float, float]:
        """Equilibrium investments ``(e_F, e_S)`` (closed form)."""
        cF, cS = self.incentives(structure)
        return self.m_F * cF / self.k, self.m_S * cS / self.k

    def payoffs(self, structure: str, e_F: float, e_S: float) -> tuple[float, float]:
        """Each party's payoff after Nash bargaining, net of its investment cost."""
        hF, hS = _HOLDINGS[structure]
        V = self.m_F * e_F + self.m_S * e_S
        rF = self.phi[hF] * self.m_F * e_F + self.psi[hF] * self.m_S * e_S
        rS = self.phi[hS] * self.m_S * e_S + self.psi[hS] * self.m_F * e_F
        gain = V - rF - rS
        return (rF + self.beta * gain - self.k * e_F**2 / 2,
                rS + (1 - self.beta) * gain - self.k * e_S**2 / 2)

    def welfare(self, structure: str) -> float:
        """``V − k e_F²/2 − k e_S²/2`` at the equilibrium investments."""
        eF, eS = self.investment(structure)
        return self.m_F * eF + self.m_S * eS - self.k * (eF**2 + eS**2) / 2

    def investment_numeric(self, structure: str, iterations: int = 200) -> tuple[float, float]:
        """Equilibrium investments by best-response iteration with a numeric optimiser
        (``scipy.optimize.minimize_scalar`` on each party's bargaining payoff): an
        independent check of :meth:`investment`."""
        from scipy.optimize import minimize_scalar

        if structure not in STRUCTURES:
            raise ValueError(f"structure must be one of {STRUCTURES}, got {structure!r}")
        hi = 2.0 * max(self.m_F, self.m_S) / self.k
        eF = eS = 0.0
        for _ in range(iterations):
            nF = minimize_scalar(lambda e, eS=eS: -self.payoffs(structure, e, eS)[0],
                                 bounds=(0, hi), method="bounded",
                                 options={"xatol": 1e-12 * hi}).x
            nS = minimize_scalar(lambda e, nF=nF: -self.payoffs(structure, nF, e)[1],
                                 bounds=(0, hi), method="bounded",
                                 options={"xatol": 1e-12 * hi}).x
            done = abs(nF - eF) + abs(nS - eS) <= 1e-11 * hi
            eF, eS = nF, nS
            if done:
                break
        return float(eF), float(eS)

    def solve(self) -> HoldUpResult:
        """Investments and welfare under the four structures; which is best."""
        inv = np.array([self.investment(s) for s in STRUCTURES])
        W = np.array([self.welfare(s) for s in STRUCTURES])
        tol = tolerance(W)
        best = tuple(s for s, w in zip(STRUCTURES, W) if w >= W.max() - tol)
        fb = (self.m_F / self.k, self.m_S / self.k, (self.m_F**2 + self.m_S**2) / (2 * self.k))
        inv.setflags(write=False)
        W.setflags(write=False)
        return HoldUpResult(structures=STRUCTURES, investment=inv, welfare=W, first_best=fb,
                            best=best, joint_optimal="joint" in best,
                            joint_beats_separate=bool(W[3] > W[0] + tol))

    def joint_pays(self) -> bool:
        """ORG-3: joint ownership raises both investments over separate ownership,
        ``β(ψ_1 − ψ_0) > (1−β)(φ_1 − φ_0)`` and ``(1−β)(ψ_1 − ψ_0) > β(φ_1 − φ_0)``."""
        b, dphi, dpsi = self.beta, self.phi[1] - self.phi[0], self.psi[1] - self.psi[0]
        return bool(b * dpsi > (1 - b) * dphi and (1 - b) * dpsi > b * dphi)

    def cluster_surplus(self) -> float:
        """Welfare under joint ownership (the joint venture)."""
        return self.welfare("joint")

    def scattered_surplus(self) -> float:
        """Welfare under separate ownership."""
        return self.welfare("separate")

    @staticmethod
    @functools.cache
    def closed_forms() -> ClosedForms:
        """Investments and welfare by structure, derived from the first-order conditions."""
        return ClosedForms(*_holdup_closed_forms(), title="Hold-up and ownership (ORG-3)")


def _holdup_closed_forms():
    mF, mS, k = sp.symbols("m_F m_S k", positive=True)
    b = sp.Symbol("beta", positive=True)
    eF, eS = sp.symbols("e_F e_S", nonnegative=True)
    p = sp.symbols("phi_0 phi_1 phi_2", nonnegative=True)
    q = sp.symbols("psi_0 psi_1 psi_2", nonnegative=True)
    exprs = {}
    for s in STRUCTURES:
        hF, hS = _HOLDINGS[s]
        V = mF * eF + mS * eS
        rF = p[hF] * mF * eF + q[hF] * mS * eS
        rS = p[hS] * mS * eS + q[hS] * mF * eF
        uF = rF + b * (V - rF - rS) - k * eF**2 / 2
        uS = rS + (1 - b) * (V - rF - rS) - k * eS**2 / 2
        sol = sp.solve([sp.diff(uF, eF), sp.diff(uS, eS)], [eF, eS], dict=True)[0]
        W = sp.simplify((V - k * eF**2 / 2 - k * eS**2 / 2).subs(sol))
        exprs[f"e_F_{s}"] = sp.Eq(sp.Symbol(f"e_F^{{{s.replace('_', ' ')}}}"),
                                  sp.simplify(sol[eF]))
        exprs[f"e_S_{s}"] = sp.Eq(sp.Symbol(f"e_S^{{{s.replace('_', ' ')}}}"),
                                  sp.simplify(sol[eS]))
        exprs[f"W_{s}"] = sp.Eq(sp.Symbol(f"W^{{{s.replace('_', ' ')}}}"), W)
    syms = {"m_F": mF, "m_S": mS, "k": k, "beta": b, "phi_0": p[0], "phi_1": p[1],
            "phi_2": p[2], "psi_0": q[0], "psi_1": q[1], "psi_2": q[2]}
    return exprs, syms
