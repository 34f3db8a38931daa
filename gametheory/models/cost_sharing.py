"""Mechanism 1 — sharing the entry cost of outward FDI (成本分担).

A firm that goes abroad alone pays a standalone entry cost ``F_i = K_i + f_i``: ``K_i``
is search, negotiation and legal cost (information, host-government approval,
contract enforcement), ``f_i`` is its own plant set-up cost. Firms that go together
share the ``K`` part. Two joint-cost forms (docs/models.md, M1):

* shared platform (airport) form ``c(S) = max_{i∈S} K_i + Σ_{i∈S} f_i`` — one
  negotiation / one overseas zone, sized to the most demanding member
  (Littlechild & Owen 1973, *Management Science* 20:370);
* scale form ``c(S) = K |S|^θ + Σ_{i∈S} f_i``, ``0 < θ ≤ 1``.

Both are concave (submodular) cost games, so the core is non-empty and contains the
Shapley value (Shapley 1971, *IJGT* 1:11). The cost game and its classic allocations
(core, least core, Shapley value, nucleolus, SCRB of Tijs & Driessen 1986,
*Management Science* 32:1015; proportional split) come from the coalitional engine
(:mod:`gametheory.coalitional`).

Beyond the published model the class answers the paper's questions:

* **viability** — firm ``i`` enters alone iff ``R_i ≥ F_i``; the cluster enters iff
  ``Σ R_i ≥ c(N)``; the *cluster-only* region is where no firm can enter alone but
  the cluster can;
* **entry modes** — with :class:`EntryModeSorting` (Helpman, Melitz & Yeaple 2004,
  *AER* 94:300), sharing the FDI fixed cost lowers the FDI productivity cut-off and
  moves SMEs from exporting / non-equity modes to FDI;
* **internal financing** (内源式融资) — a core cost allocation under which every
  member can pay its share out of its own operating profit (``x_i ≤ R_i``), found
  by linear programming, or a certificate that none exists.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .. import coalitional as co
from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, finite_scalar, in_interval, names_for, nonnegative_array
from ..coalitional.allocation import Allocation, allocation
from ..coalitional.game import MAX_PLAYERS, CostGame, additive_values, popcounts
from ..coalitional.lp import silence_highs_banner
from .base import ClosedForms, Model

__all__ = ["EntryCostGame", "EntryModeSorting"]

_FORMS = ("airport", "scale")


def _running_max_table(K: np.ndarray) -> np.ndarray:
    """``max_{i∈S} K_i`` for every bitmask ``S`` (0 for the empty coalition)."""
    out = np.zeros(1)
    for k in K:
        out = np.concatenate([out, np.maximum(out, k)])
    return out


# ============================================================================ results
@dataclasses.dataclass(frozen=True)
class Viability(ResultMixin):
    """Who can enter: alone (``R_i ≥ F_i``) and as a cluster (``Σ R_i ≥ c(N)``).

    Arrays broadcast over leading grid axes when ``R`` was given as a grid of
    profit vectors (last axis = firms).
    """

    enters_alone: np.ndarray       # bool, (..., n)
    cluster_viable: np.ndarray     # bool, (...)
    cluster_only: np.ndarray       # bool, (...): nobody alone, the cluster can
    scattered_surplus: np.ndarray  # Σ_i max(R_i − F_i, 0)
    cluster_surplus: np.ndarray    # Σ_i R_i − c(N)


@dataclasses.dataclass(frozen=True)
class EntryCostSolution(ResultMixin):
    """The cost game of joint entry and its classic cost allocations.

    All allocations are cost shares (``x(N) = c(N)``; core: ``x(S) ≤ c(S)``).
    """

    game: CostGame
    standalone: np.ndarray
    joint_cost: float
    savings: float
    concave: bool
    core_nonempty: bool
    least_core_epsilon: float
    least_core: Allocation
    shapley: Allocation
    nucleolus: Allocation
    scrb: Allocation
    proportional: Allocation
    viability: Viability | None

    def allocations(self) -> dict:
        """``{method: Allocation}`` of the point solutions."""
        return {"Shapley": self.shapley, "nucleolus": self.nucleolus, "SCRB": self.scrb,
                "proportional": self.proportional, "least core": self.least_core}

    def table(self):
        """``(header, rows)``: one row per firm, standalone cost and each cost share."""
        allocs = self.allocations()
        header = ["firm", "standalone cost"] + list(allocs)
        rows = []
        for i, name in enumerate(self.game.names):
            rows.append([name, float(self.standalone[i])]
                        + [round(float(a[i]), 6) for a in allocs.values()])
        rows.append(["total", float(self.standalone.sum())]
                    + [round(float(np.sum(a)), 6) for a in allocs.values()])
        return header, rows


@dataclasses.dataclass(frozen=True)
class FinancingPlan(ResultMixin):
    """Internal financing of weaker members (内源式融资).

    ``feasible`` says whether some core cost allocation ``x`` has ``x_i ≤ R_i`` for
    every member (each pays its share out of its operating profit abroad). If so,
    ``allocation`` is the one maximising the smallest net margin ``min_i (R_i − x_i)``
    and ``transfers = reference − allocation`` is what each member is relieved of
    (> 0) or pays for others (< 0) relative to the reference rule. If not,
    ``shortfall`` (> 0) is how much the worst-off member would still lack and
    ``blocking`` names a coalition ``T`` whose outsiders cannot cover the
    incremental cost: ``R(N∖T) < c(N) − c(T)`` (the certificate for concave games).
    """

    feasible: bool
    core_nonempty: bool
    min_margin: float
    shortfall: float
    allocation: Allocation | None
    reference: Allocation
    transfers: np.ndarray | None
    weak_members: tuple
    blocking: tuple | None
    message: str


@dataclasses.dataclass(frozen=True)
class ModeCutoffs(ResultMixin):
    """HMY productivity cut-offs (productivity index ``Φ = φ^{σ−1}``).

    With sorting (``f_I > f_X τ^{σ−1}``) firms with ``Φ < Φ_X`` serve only home (or
    use non-equity modes), ``Φ_X ≤ Φ < Φ_I`` export, ``Φ ≥ Φ_I`` do FDI. Without
    sorting, exporting is never strictly better than FDI: ``export_cutoff`` is
    ``nan`` and ``fdi_cutoff = f_I / B``.
    """

    sorting: bool
    export_cutoff: float
    fdi_cutoff: float
    message: str


@dataclasses.dataclass(frozen=True)
class ModeShift(ResultMixin):
    """How sharing the FDI fixed cost moves the FDI cut-off (per firm when arrays)."""

    fdi_cost_alone: np.ndarray
    fdi_cost_shared: np.ndarray
    cutoff_alone: np.ndarray
    cutoff_shared: np.ndarray
    sorting_alone: np.ndarray
    sorting_shared: np.ndarray
    mode_alone: np.ndarray | None   # modes of the given productivities (0 home, 1 export, 2 FDI)
    mode_shared: np.ndarray | None
    switch_to_fdi: np.ndarray | None


# ============================================================================ HMY
@dataclasses.dataclass(frozen=True)
class EntryModeSorting(Model):
    """Entry-mode sorting by productivity (Helpman, Melitz & Yeaple 2004, *AER* 94:300).

    Export profit ``π_X = τ^{1−σ} B Φ − f_X``, FDI profit ``π_I = B Φ − f_I``, home
    only ``0`` (a non-equity mode earns no FDI or export fixed cost return), with
    ``Φ = φ^{σ−1}`` the productivity index. Cut-offs::

        Φ_X = f_X / (τ^{1−σ} B),       Φ_I = (f_I − f_X) / ((1 − τ^{1−σ}) B),

    and the HMY sorting ``Φ_I > Φ_X`` holds iff ``f_I > f_X τ^{σ−1}``. When the
    cluster divides the FDI fixed cost (``f_I → f_I/k`` or a Shapley share),
    ``∂Φ_I/∂f_I = 1/((1 − τ^{1−σ})B) > 0`` so ``Φ_I`` falls, and firms with
    ``Φ ∈ [Φ_I^cluster, Φ_I)`` switch to FDI.

    Parameters
    ----------
    B : float > 0
        Demand level of the host market (the mark-up-adjusted demand shifter).
    tau : float > 1
        Iceberg trade cost.
    sigma : float > 1
        Elasticity of substitution.
    f_X : float ≥ 0
        Fixed cost of exporting.
    f_I : float > 0
        Fixed cost of FDI (for a cluster member: its share of the joint entry cost).
    """

    B: float
    tau: float
    sigma: float
    f_X: float
    f_I: float

    def _validate(self):
        B = finite_scalar(self.B, "B (host demand level)")
        if B <= 0:
            raise ValueError(f"B (host demand level) must be > 0, got {B}")
        tau = finite_scalar(self.tau, "tau (iceberg trade cost)")
        if tau <= 1:
            raise ValueError(f"tau (iceberg trade cost) must be > 1, got {tau}")
        sigma = finite_scalar(self.sigma, "sigma (elasticity of substitution)")
        if sigma <= 1:
            raise ValueError(f"sigma (elasticity of substitution) must be > 1, got {sigma}")
        f_X = finite_scalar(self.f_X, "f_X (export fixed cost)")
        if f_X < 0:
            raise ValueError(f"f_X (export fixed cost) must be >= 0, got {f_X}")
        f_I = finite_scalar(self.f_I, "f_I (FDI fixed cost)")
        if f_I <= 0:
            raise ValueError(f"f_I (FDI fixed cost) must be > 0, got {f_I}")
        for k, v in (("B", B), ("tau", tau), ("sigma", sigma), ("f_X", f_X), ("f_I", f_I)):
            object.__setattr__(self, k, v)

    # ------------------------------------------------------------------ numeric
    @property
    def freeness(self) -> float:
        """Trade freeness ``τ^{1−σ}`` in (0, 1)."""
        return self.tau ** (1.0 - self.sigma)

    def _cutoffs(self, f_I):
        """Vectorised cut-offs for FDI fixed costs ``f_I`` (array)."""
        f_I = np.asarray(f_I, dtype=float)
        phi = self.freeness
        sorting = f_I > self.f_X / phi
        export = np.where(sorting, self.f_X / (phi * self.B), np.nan)
        fdi = np.where(sorting, (f_I - self.f_X) / ((1.0 - phi) * self.B), f_I / self.B)
        return sorting, export, fdi

    def cutoffs(self) -> ModeCutoffs:
        """The export and FDI productivity cut-offs (and whether HMY sorting holds)."""
        sorting, export, fdi = self._cutoffs(self.f_I)
        sorting = bool(sorting)
        msg = ("HMY sorting holds: f_I > f_X τ^{σ−1}" if sorting else
               "no HMY sorting (f_I ≤ f_X τ^{σ−1}): exporting is never strictly better than "
               "FDI, so there is one cut-off Φ = f_I/B between home/non-equity and FDI")
        return ModeCutoffs(sorting, float(export), float(fdi), msg)

    def mode(self, Phi, f_I=None) -> np.ndarray:
        """Chosen mode of firms with productivity index ``Phi`` (array): 0 home / non-equity,
        1 export, 2 FDI; ties go to the less costly mode. ``f_I`` overrides the FDI cost
        (broadcast with ``Phi``)."""
        Phi = finite_array(Phi, "Phi (productivity index)")
        if np.any(Phi < 0):
            raise ValueError("Phi (productivity index φ^{σ−1}) must be >= 0")
        f_I = self.f_I if f_I is None else nonnegative_array(f_I, "f_I (FDI fixed cost)")
        pi_X = self.freeness * self.B * Phi - self.f_X
        pi_I = self.B * Phi - f_I
        best = np.maximum(0.0, np.maximum(pi_X, pi_I))
        tol = tolerance(self.B * Phi, self.f_X, f_I)
        return np.where(pi_I >= best - tol, 2, np.where(pi_X >= best - tol, 1, 0)) * (best > tol)

    def shift(self, shared_f_I, Phi=None) -> ModeShift:
        """Compare FDI cut-offs at ``f_I`` (alone) and at ``shared_f_I`` (in the cluster).

        ``shared_f_I`` may be an array (e.g. ``f_I / k`` for several ``k``, or each
        member's cost share); ``Phi`` (same shape, optional) are the firms' productivity
        indices, for which the modes alone and in the cluster are reported.
        """
        shared = nonnegative_array(shared_f_I, "shared_f_I (FDI fixed cost in the cluster)")
        alone = np.full(shared.shape, self.f_I)
        s_a, _, c_a = self._cutoffs(alone)
        s_s, _, c_s = self._cutoffs(shared)
        m_a = m_s = sw = None
        if Phi is not None:
            Phi = finite_array(Phi, "Phi (productivity index)")
            try:
                Phi = np.broadcast_to(Phi, shared.shape)
            except ValueError:
                raise ValueError(f"Phi (productivity index) must have the shape of shared_f_I "
                                 f"{shared.shape}, got {Phi.shape}") from None
            m_a = self.mode(Phi)
            m_s = self.mode(Phi, shared)
            sw = (m_a < 2) & (m_s == 2)
        return ModeShift(alone, shared, c_a, c_s, s_a, s_s, m_a, m_s, sw)

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    def closed_forms() -> ClosedForms:
        """HMY cut-offs, the sorting condition and ``∂Φ_I/∂f_I`` (COST-1 in docs/theorems.md)."""
        B, tau, sigma, f_X, f_I = sp.symbols("B tau sigma f_X f_I", positive=True)
        Phi = sp.Symbol("Phi", positive=True)
        phi = tau ** (1 - sigma)
        pi_X = phi * B * Phi - f_X
        pi_I = B * Phi - f_I
        Phi_X = sp.solve(sp.Eq(pi_X, 0), Phi)[0]
        Phi_I = sp.simplify(sp.solve(sp.Eq(pi_I, pi_X), Phi)[0])
        exprs = {
            "Phi_X": sp.Eq(sp.Symbol("Phi_X"), Phi_X),
            "Phi_I": sp.Eq(sp.Symbol("Phi_I"), Phi_I),
            "sorting_gap": sp.Eq(sp.Symbol(r"f_{I} - f_{X} \tau^{\sigma-1}"),
                                 f_I - f_X * tau ** (sigma - 1)),
            "dPhi_I_df_I": sp.Eq(sp.Symbol(r"\frac{\partial \Phi_{I}}{\partial f_{I}}"),
                                 sp.diff(Phi_I, f_I)),
        }
        syms = {"B": B, "tau": tau, "sigma": sigma, "f_X": f_X, "f_I": f_I}
        return ClosedForms(exprs, syms, title="Helpman–Melitz–Yeaple entry-mode cut-offs")

    def cluster_surplus(self) -> float:
        raise NotImplementedError("EntryModeSorting is a building block; use EntryCostGame")

    scattered_surplus = cluster_surplus


# ============================================================================ M1
@dataclasses.dataclass(frozen=True)
class EntryCostGame(Model):
    """Joint entry of cluster firms into a host market as a cost game (mechanism M1).

    Parameters
    ----------
    K : array_like (n,) or float, ≥ 0
        Search, negotiation and legal (shareable) part of each firm's standalone entry
        cost. The scale form needs one common ``K`` (a scalar, or equal entries).
    f : array_like (n,), ≥ 0
        Plant-specific set-up cost (not shareable).
    R : array_like (n,), optional
        Expected operating profit abroad of each firm (for viability and financing).
    form : {"airport", "scale"}
        ``"airport"``: ``c(S) = max_{i∈S} K_i + Σ_{i∈S} f_i`` (Littlechild & Owen 1973);
        ``"scale"``: ``c(S) = K |S|^θ + Σ_{i∈S} f_i``.
    theta : float in (0, 1]
        Scale exponent of the scale form (ignored by the airport form).
    names : sequence of str, optional

    Notes
    -----
    Standalone cost ``F_i = c({i}) = K_i + f_i``. Both forms are submodular
    (``c(S∪i) − c(S)`` falls as ``S`` grows), so the savings game is convex: the core
    is non-empty, equals the Weber set and contains the Shapley value. In the airport
    form the Shapley value has the Littlechild–Owen closed form
    ``φ_i = f_i + Σ_{j ≤ i} (K_(j) − K_(j−1)) / (n − j + 1)`` over ``K`` sorted
    ascending (each increment of the platform is split equally among those who
    need it). References: Shubik (1962, *Management Science* 8:325); Young (1985,
    *IJGT* 14:65); Tijs & Driessen (1986, *Management Science* 32:1015).

    Examples
    --------
    >>> m = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20], R=[35, 50, 70])
    >>> m.game().grand   # max K + Σ f
    105.0
    """

    K: object
    f: object
    R: object = None
    form: str = "airport"
    theta: float = 0.5
    names: tuple | None = None

    def _validate(self):
        f = nonnegative_array(self.f, "f (set-up costs)", ndim=1)
        n = f.shape[0]
        if n < 1:
            raise ValueError("f (set-up costs) needs at least one firm")
        if n > MAX_PLAYERS:
            raise ValueError(f"at most {MAX_PLAYERS} firms are supported, got {n}")
        K = np.asarray(self.K, dtype=float) if np.ndim(self.K) == 0 else self.K
        K = nonnegative_array(np.broadcast_to(K, (n,)) if np.ndim(K) == 0 else K,
                              "K (search/negotiation/legal costs)", shape=(n,))
        if self.form not in _FORMS:
            raise ValueError(f"form must be one of {_FORMS}, got {self.form!r}")
        theta = in_interval(self.theta, "theta (scale exponent)", 0.0, 1.0, closed="right")
        if self.form == "scale" and np.ptp(K) > tolerance(K):
            raise ValueError(
                f"the scale form c(S) = K|S|^θ + Σf_i has one common K; got K = {K}. "
                f"Give a scalar K, or use form='airport' for firm-specific K_i"
            )
        R = None
        if self.R is not None:
            R = finite_array(self.R, "R (operating profits abroad)", shape=(n,))
        names = names_for(n, self.names, "firm")
        for key, val in (("K", K), ("f", f), ("R", R)):
            if val is not None:
                val = np.array(val, dtype=float)
                val.setflags(write=False)
            object.__setattr__(self, key, val)
        object.__setattr__(self, "theta", theta)
        object.__setattr__(self, "names", names)

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        return int(self.f.shape[0])

    @property
    def standalone_costs(self) -> np.ndarray:
        """``F_i = K_i + f_i``."""
        return self.K + self.f

    def _cost_table(self) -> np.ndarray:
        fixed = additive_values(self.f)
        if self.form == "airport":
            return _running_max_table(self.K) + fixed
        sizes = popcounts(self.n).astype(float)
        return self.K[0] * sizes ** self.theta + fixed

    @functools.cached_property
    def _game(self) -> CostGame:
        return CostGame(self._cost_table(), names=self.names)

    def game(self) -> CostGame:
        """The joint entry cost game ``c(S)``."""
        return self._game

    def _need_R(self, R=None) -> np.ndarray:
        if R is not None:
            return finite_array(R, "R (operating profits abroad)")
        if self.R is None:
            raise ValueError("this needs the firms' operating profits abroad: give R=... to "
                             "EntryCostGame or to this method")
        return self.R

    # ------------------------------------------------------------------ solve
    def solve(self) -> EntryCostSolution:
        """Core non-emptiness, least core, Shapley, nucleolus, SCRB and proportional split.

        The proportional split divides ``c(N)`` in proportion to standalone costs
        (the paper's "in proportion to capital", with capital = what each would sink
        alone).
        """
        g = self.game()
        lc = co.least_core(g)
        return EntryCostSolution(
            game=g,
            standalone=self.standalone_costs,
            joint_cost=g.grand,
            savings=float(self.standalone_costs.sum() - g.grand),
            concave=bool(co.is_convex(g.savings_game())),
            core_nonempty=bool(co.has_nonempty_core(g)),
            least_core_epsilon=float(lc.epsilon),
            least_core=lc.allocation,
            shapley=co.shapley_value(g),
            nucleolus=co.nucleolus(g),
            scrb=co.scrb_allocation(g),
            proportional=co.proportional_allocation(g, weights=self.standalone_costs),
            viability=self.viability() if self.R is not None else None,
        )

    def shapley_closed_form(self) -> Allocation:
        """The Shapley cost shares in closed form (airport: Littlechild–Owen; scale: symmetric).

        Airport: ``φ_i = f_i + Σ_{j ≤ rank(i)} (K_(j) − K_(j−1)) / (n − j + 1)``.
        Scale: ``φ_i = f_i + K n^{θ−1}`` (the shared part is symmetric).
        """
        n = self.n
        if self.form == "scale":
            share = self.K[0] * n ** (self.theta - 1.0) + self.f
        else:
            order = np.argsort(self.K, kind="stable")
            Ks = self.K[order]
            inc = np.diff(np.concatenate([[0.0], Ks])) / (n - np.arange(n))
            part = np.empty(n)
            part[order] = np.cumsum(inc)
            share = part + self.f
        method = ("Shapley (Littlechild–Owen airport formula)" if self.form == "airport"
                  else "Shapley (symmetric closed form)")
        return allocation(self.game(), share, method)

    # ------------------------------------------------------------------ viability
    def viability(self, R=None) -> Viability:
        """Who enters alone and whether the cluster can enter (vectorised over grids of ``R``).

        ``R`` (default: the model's) may have shape ``(..., n)``; firm ``i`` enters
        alone iff ``R_i ≥ F_i``; the cluster enters iff ``Σ R_i ≥ c(N)``; cluster-only
        means no firm alone but the cluster.
        """
        R = self._need_R(R)
        if R.shape[-1:] != (self.n,):
            raise ValueError(f"R must have last axis of length n={self.n}, got shape {R.shape}")
        F = self.standalone_costs
        tol = tolerance(R, F)
        alone = R >= F - tol
        total = R.sum(axis=-1) - self.game().grand
        cluster = total >= -tol
        only = cluster & ~alone.any(axis=-1)
        scattered = np.clip(R - F, 0.0, None).sum(axis=-1)
        return Viability(alone, cluster, only, scattered, total)

    def best_entrants(self, R=None) -> tuple[frozenset, float]:
        """The coalition ``S`` maximising ``R(S) − c(S)`` and that surplus."""
        R = self._need_R(R)
        if R.shape != (self.n,):
            raise ValueError(f"R must have shape (n,) = ({self.n},), got {R.shape}")
        w = additive_values(R) - self.game().v
        mask = int(np.argmax(w))
        return self.game().coalition(mask), float(w[mask])

    def cluster_surplus(self) -> float:
        """``max_S [R(S) − c(S)]``: the cluster sends its best group of members (≥ 0)."""
        return self.best_entrants()[1]

    def scattered_surplus(self) -> float:
        """``Σ_i max(R_i − F_i, 0)``: each firm enters alone if that pays."""
        return float(np.clip(self._need_R() - self.standalone_costs, 0.0, None).sum())

    # ------------------------------------------------------------------ HMY
    def entry_modes(self, B: float, tau: float, sigma: float, f_X: float,
                    Phi=None, rule: str = "shapley") -> ModeShift:
        """Each member's FDI cut-off alone (``f_I = F_i``) and in the cluster (``f_I = x_i``).

        ``rule`` picks the cost share ``x`` ("shapley", "nucleolus", "scrb",
        "proportional", or "equal" for ``c(N)/n``); ``Phi`` are the members'
        productivity indices, for which modes alone / in the cluster are reported.
        The HMY model is :class:`EntryModeSorting`; each member's own standalone
        cost plays the role of its FDI fixed cost.
        """
        if Phi is not None:
            Phi = finite_array(Phi, "Phi (productivity indices)", shape=(self.n,))
        if rule == "equal":
            x = np.full(self.n, self.game().grand / self.n)
        elif rule == "shapley" and self.form in _FORMS:
            x = np.asarray(self.shapley_closed_form())
        else:
            sol = self.solve()
            allocs = {"nucleolus": sol.nucleolus, "scrb": sol.scrb,
                      "proportional": sol.proportional}
            if rule not in allocs:
                raise ValueError(f"rule must be one of 'shapley', 'equal', {sorted(allocs)}, "
                                 f"got {rule!r}")
            x = np.asarray(allocs[rule])
        F = self.standalone_costs
        out = []
        for i in range(self.n):
            hmy = EntryModeSorting(B, tau, sigma, f_X, max(F[i], tolerance(F, f_X)))
            out.append(hmy.shift(x[i], None if Phi is None else Phi[i]))
        stack = {f.name: (np.array([getattr(o, f.name) for o in out])
                          if getattr(out[0], f.name) is not None else None)
                 for f in dataclasses.fields(ModeShift)}
        return ModeShift(**stack)

    # ------------------------------------------------------------------ financing
    def internal_financing(self, R=None, reference: str = "shapley") -> FinancingPlan:
        """A core cost allocation every member can pay from its profit abroad, if one exists.

        Solves the LP ``max t`` s.t. ``x(S) ≤ c(S)`` for every coalition,
        ``x(N) = c(N)`` and ``x_i ≤ R_i − t`` (HiGHS through cvxpy). ``t ≥ 0`` means
        internal financing works. For concave cost games (both forms here) this is
        equivalent to ``R(N∖T) ≥ c(N) − c(T)`` for every ``T`` (the members outside
        any group can cover what it costs to add them; Fujishige 2005, *Submodular
        Functions and Optimization*, §3.1 on reductions of polymatroids): ``blocking``
        reports the worst ``T``.

        ``reference`` ("shapley" or "equal") is the rule that transfers are measured
        against; members whose reference share exceeds their ``R_i`` are "weak".
        """
        import cvxpy as cp

        R = self._need_R(R)
        if R.shape != (self.n,):
            raise ValueError(f"R must have shape ({self.n},), got {R.shape}")
        g = self.game()
        n = self.n
        if reference == "shapley":
            ref = self.shapley_closed_form()
        elif reference == "equal":
            ref = allocation(g, np.full(n, g.grand / n), "equal split")
        else:
            raise ValueError(f"reference must be 'shapley' or 'equal', got {reference!r}")
        weak = tuple(self.names[i] for i in range(n) if ref[i] > R[i] + tolerance(R, ref))
        masks = np.arange(1, 2**n - 1)
        A = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
        x = cp.Variable(n)
        t = cp.Variable()
        cons = [cp.sum(x) == g.grand, x <= R - t]
        if masks.size:
            cons.append(A @ x <= g.v[masks])
        prob = cp.Problem(cp.Maximize(t), cons)
        silence_highs_banner()
        try:
            prob.solve(solver=cp.HIGHS)
        except cp.error.SolverError as exc:  # pragma: no cover - solver failure
            raise RuntimeError(f"the internal-financing LP failed in HiGHS: {exc}") from None
        # blocking coalition for the concave forms: min_T [c(T) + R(N∖T)] − c(N)
        slack = g.v + (R.sum() - additive_values(R)) - g.grand
        worst = int(np.argmin(slack))
        blocking = (tuple(self.names[i] for i in g.coalition(worst))
                    if slack[worst] < -tolerance(R, g.v) else None)
        if prob.status in ("infeasible", "infeasible_inaccurate"):
            return FinancingPlan(False, False, float("nan"), float("nan"), None, ref, None, weak,
                                 blocking, "the core is empty: no stable cost allocation exists")
        if prob.status != "optimal":  # pragma: no cover - solver failure
            raise RuntimeError(f"the internal-financing LP ended with status {prob.status!r}")
        tval = float(t.value)
        tol = tolerance(R, g.v)
        xs = allocation(g, np.asarray(x.value, dtype=float),
                        "core allocation maximising the smallest net margin (LP, HiGHS)",
                        guarantee="approximate")
        if tval >= -tol:
            msg = (f"internal financing works: every member keeps at least {tval:.6g} after "
                   f"paying its share")
            return FinancingPlan(True, True, tval, 0.0, xs, ref, np.asarray(ref) - np.asarray(xs),
                                 weak, None, msg)
        msg = (f"no core allocation lets every member pay from its own profit: the worst-off "
               f"member lacks {-tval:.6g}")
        if blocking == ():
            msg += "; the members' total profit does not cover the joint cost c(N)"
        elif blocking is not None:
            msg += (f"; the members outside {{{', '.join(blocking)}}} earn less than the cost "
                    f"of adding them, c(N) − c({{{', '.join(blocking)}}})")
        return FinancingPlan(False, True, tval, -tval, None, ref, None, weak, blocking, msg)

    # ------------------------------------------------------------------ symbolic
    def closed_forms(self) -> ClosedForms:
        """Symmetric viability thresholds on ``R`` and this model's Shapley formula.

        ``R_alone = K + f`` (enter alone), ``R_cluster`` = per-firm profit at which the
        cluster of ``n`` breaks even (airport: ``K/n + f``; scale: ``K n^{θ−1} + f``);
        ``R_cluster ≤ R < R_alone`` is the cluster-only band. ``phi_i``: the Shapley
        cost shares of this model's firms as functions of the symbols ``K_i``, ``f_i``.
        """
        K, f, n, theta = sp.symbols("K f n theta", positive=True)
        per_firm = K / n + f if self.form == "airport" else K * n ** (theta - 1) + f
        exprs = {
            "R_alone": sp.Eq(sp.Symbol(r"R_{\mathrm{alone}}"), K + f),
            "R_cluster": sp.Eq(sp.Symbol(r"R_{\mathrm{cluster}}"), per_firm),
            "cluster_only_width": sp.Eq(sp.Symbol(r"R_{\mathrm{alone}} - R_{\mathrm{cluster}}"),
                                        sp.simplify(K + f - per_firm)),
        }
        syms = {"K": K, "f": f, "n": n, "theta": theta}
        Ks = sp.symbols(f"K_0:{self.n}", nonnegative=True)
        fs = sp.symbols(f"f_0:{self.n}", nonnegative=True)
        nn = self.n
        if self.form == "airport":
            order = list(np.argsort(self.K, kind="stable"))
            for rank, i in enumerate(order):
                prev = 0
                share = fs[i]
                for j in range(rank + 1):
                    Kj = Ks[order[j]]
                    share += (Kj - prev) / (nn - j)
                    prev = Kj
                exprs[f"phi_{i}"] = sp.Eq(sp.Symbol(f"phi_{i}"), sp.simplify(share))
        else:
            for i in range(nn):
                exprs[f"phi_{i}"] = sp.Eq(sp.Symbol(f"phi_{i}"), K * nn ** (theta - 1) + fs[i])
        syms.update({f"K_{i}": Ks[i] for i in range(nn)})
        syms.update({f"f_{i}": fs[i] for i in range(nn)})
        return ClosedForms(exprs, syms, title=f"EntryCostGame ({self.form} form)")
