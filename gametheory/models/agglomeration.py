"""Mechanism 3 — concentrating cluster advantages (集群优势集中).

Chinese firms' advantage abroad is cluster-specific (labour pool, shared suppliers,
external economies of scale): it shows only when firms go together. Two published
models carry it (docs/models.md, M3):

* an **entry game with strategic complementarities** — each firm chooses
  ``e_i ∈ {0, 1}`` with payoff ``u_i = e_i (R_i + γ Σ_{j≠i} e_j − F_i)``, ``γ ≥ 0``
  the synergy per other entrant. Increasing differences make the pure equilibria a
  complete lattice with a least and a greatest element (Topkis 1979, *SIAM J.
  Control Optim.* 17:773; Milgrom & Roberts 1990, *Econometrica* 58:1255; Vives
  1990, *JME* 19:305); the greatest Pareto-dominates every other equilibrium. In
  the symmetric case "nobody enters" and "all enter" are both equilibria iff
  ``F − γ(n−1) ≤ R ≤ F`` (coordination failure: Cooper & John 1988, *QJE*
  103:441). Cluster organisation (association, government agency) is the device
  that selects the greatest equilibrium;
* a **convex coalition game** ``v(S) = Σ_{i∈S}(R_i − F_i) + γ s(s−1)`` (the total
  payoff of ``S`` entering together), supermodular for ``γ ≥ 0``: its core is the
  Weber set and contains the Shapley value ``φ_i = R_i − F_i + γ(n−1)`` (Shapley
  1971, *IJGT* 1:11).

The γ-core of linear Cournot (:meth:`AgglomerationEntry.cournot_gamma_game`) shows
the same with outsiders' reactions: the equal split of monopoly profit is in the
γ-core because ``s(n−s+2)² ≥ 4n`` (AGG-1 in docs/theorems.md; Chander & Tulkens 1997,
*IJGT* 26:379 for the γ-characteristic function).
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, finite_scalar, names_for, nonempty_grid
from ..coalitional.allocation import Allocation, allocation
from ..coalitional.game import MAX_PLAYERS, TUGame, additive_values, popcounts
from .base import ClosedForms, Model

__all__ = ["AgglomerationEntry"]


@dataclasses.dataclass(frozen=True)
class AgglomerationSolution(ResultMixin):
    """Equilibria of the entry game and the convex coalition game.

    ``coordination_failure`` is true when the least and greatest equilibria differ;
    ``payoff_least`` / ``payoff_greatest`` are each firm's payoff there.
    """

    equilibria: tuple
    least: tuple
    greatest: tuple
    coordination_failure: bool
    payoff_least: np.ndarray
    payoff_greatest: np.ndarray
    greatest_pareto_dominates: bool
    convex: bool
    shapley: Allocation
    shapley_in_core: bool


@dataclasses.dataclass(frozen=True)
class Correspondence(ResultMixin):
    """The equilibrium correspondence over a grid of synergies ``γ``."""

    gammas: np.ndarray
    counts: tuple            # per γ: sorted entrant counts of all pure NE (with repeats removed)
    least: np.ndarray        # entrants in the least NE
    greatest: np.ndarray     # entrants in the greatest NE
    both_none_and_all: np.ndarray   # bool: "none" and "all" are both NE


@dataclasses.dataclass(frozen=True)
class AgglomerationEntry(Model):
    """Entry of cluster firms with complementarities (M3).

    Parameters
    ----------
    R : array_like (n,) or float
        Stand-alone operating profit abroad (before the entry cost).
    F : array_like (n,) or float, ≥ 0
        Fixed entry cost.
    gamma : float ≥ 0
        Synergy per other entrant (labour pooling, shared suppliers, external economies).
    n : int, optional
        Number of firms when ``R`` and ``F`` are both scalars.
    names : sequence of str, optional
    """

    R: object
    F: object
    gamma: float
    n: int | None = None
    names: tuple | None = None

    def _validate(self):
        R = finite_array(self.R, "R (stand-alone operating profits)")
        F = finite_array(self.F, "F (entry costs)")
        if R.ndim > 1 or F.ndim > 1:
            raise ValueError(f"R and F must be scalars or 1-D arrays, got shapes {R.shape}, "
                             f"{F.shape}")
        sizes = {a.size for a in (R, F) if a.ndim == 1}
        if len(sizes) > 1:
            raise ValueError(f"R and F must have the same length, got {R.size} and {F.size}")
        n = self.n if self.n is not None else (sizes.pop() if sizes else None)
        if n is None:
            raise ValueError("give n when R and F are both scalars")
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        if sizes and sizes != {n}:
            raise ValueError(f"R and F have length {sizes.pop()} but n = {n}")
        if n > MAX_PLAYERS:
            raise ValueError(f"at most {MAX_PLAYERS} firms are supported, got {n}")
        if np.any(F < 0):
            raise ValueError(f"F (entry costs) must be >= 0, got {F}")
        gamma = finite_scalar(self.gamma, "gamma (synergy)")
        if gamma < 0:
            raise ValueError(f"gamma (synergy) must be >= 0 for complementarities, got {gamma}")
        R = np.array(np.broadcast_to(R, (n,)), dtype=float)
        F = np.array(np.broadcast_to(F, (n,)), dtype=float)
        for arr in (R, F):
            arr.setflags(write=False)
        object.__setattr__(self, "R", R)
        object.__setattr__(self, "F", F)
        object.__setattr__(self, "gamma", gamma)
        object.__setattr__(self, "n", int(n))
        object.__setattr__(self, "names", names_for(int(n), self.names, "firm"))

    # ------------------------------------------------------------------ games
    @functools.cached_property
    def _entry(self):
        from ..noncooperative.entry import EntryGame

        return EntryGame.supermodular(self.R, self.F, self.gamma, names=self.names)

    def entry_game(self):
        """The binary entry game (:class:`gametheory.noncooperative.entry.EntryGame`)."""
        return self._entry

    def payoffs(self, profile) -> np.ndarray:
        """Each firm's payoff ``e_i (R_i − F_i + γ Σ_{j≠i} e_j)`` at a 0/1 profile."""
        e = np.asarray(profile, dtype=float)
        if e.shape != (self.n,) or not np.all((e == 0) | (e == 1)):
            raise ValueError(f"a profile is a 0/1 vector of length {self.n}, got {profile!r}")
        return e * (self.R - self.F + self.gamma * (e.sum() - e)) + 0.0

    @functools.cached_property
    def _game(self) -> TUGame:
        s = popcounts(self.n).astype(float)
        return TUGame(additive_values(self.R - self.F) + self.gamma * s * (s - 1), names=self.names)

    def game(self) -> TUGame:
        """The coalition game ``v(S) = Σ_{i∈S}(R_i − F_i) + γ s(s−1)``."""
        return self._game

    def shapley_closed_form(self) -> Allocation:
        """``φ_i = R_i − F_i + γ(n−1)``: the synergy ``γ n(n−1)`` split equally."""
        return allocation(self.game(), self.R - self.F + self.gamma * (self.n - 1),
                          "Shapley (closed form)")

    # ------------------------------------------------------------------ solve
    def solve(self) -> AgglomerationSolution:
        """All pure equilibria, the least and greatest, and the convex game's Shapley value."""
        from ..coalitional.core import in_core
        from ..coalitional.properties import is_convex
        from ..coalitional.values import shapley_value

        g = self._entry
        eqs = tuple(g.pure_nash_equilibria())
        lo, hi = g.least_equilibrium(), g.greatest_equilibrium()
        p_lo, p_hi = self.payoffs(lo), self.payoffs(hi)
        tol = tolerance(self.R, self.F, self.gamma * self.n)
        dominates = all(bool(np.all(p_hi >= self.payoffs(e) - tol)) for e in eqs)
        phi = shapley_value(self.game())
        return AgglomerationSolution(
            equilibria=eqs, least=lo, greatest=hi, coordination_failure=lo != hi,
            payoff_least=p_lo, payoff_greatest=p_hi, greatest_pareto_dominates=dominates,
            convex=bool(is_convex(self.game())), shapley=phi,
            shapley_in_core=bool(in_core(self.game(), phi)),
        )

    def cluster_surplus(self) -> float:
        """Total payoff in the greatest equilibrium (what cluster organisation selects)."""
        return float(self.payoffs(self._entry.greatest_equilibrium()).sum())

    def scattered_surplus(self) -> float:
        """Total payoff in the least equilibrium (uncoordinated firms stuck in the worst NE)."""
        return float(self.payoffs(self._entry.least_equilibrium()).sum())

    def coordination_band(self) -> tuple[float, float] | None:
        """The synergy interval where "nobody enters" and "all enter" are both equilibria.

        "None" is an equilibrium iff ``R_i ≤ F_i`` for all ``i``; "all" iff
        ``γ ≥ max_i (F_i − R_i)/(n−1)``. Returns ``(γ_min, inf)``, or ``None`` when some
        firm enters alone (then "none" is never an equilibrium) or ``n = 1``.
        """
        if np.any(self.R > self.F) or self.n < 2:
            return None
        return float(np.max(self.F - self.R) / (self.n - 1)), float("inf")

    def correspondence(self, gammas) -> Correspondence:
        """Entrant counts of all pure NE, and of the least / greatest NE, for each ``γ``."""
        gammas = nonempty_grid(gammas, "gammas")
        if np.any(gammas < 0):
            raise ValueError("gammas must be >= 0 (complementarities)")
        counts, lo, hi, both = [], [], [], []
        for gm in gammas:
            g = self.replace(gamma=float(gm))._entry
            eqs = g.pure_nash_equilibria()
            counts.append(tuple(sorted({sum(e) for e in eqs})))
            lo.append(sum(g.least_equilibrium()))
            hi.append(sum(g.greatest_equilibrium()))
            both.append((0,) * self.n in eqs and (1,) * self.n in eqs)
        return Correspondence(gammas, tuple(counts), np.array(lo), np.array(hi), np.array(both))

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    def closed_forms() -> ClosedForms:
        """Symmetric case: the coordination-failure band, the game, its Shapley value."""
        R, F, gamma = sp.symbols("R F gamma", real=True)
        n, s = sp.symbols("n s", positive=True, integer=True)
        exprs = {
            "none_is_NE": sp.Le(R - F, 0),
            "all_is_NE": sp.Ge(R + gamma * (n - 1) - F, 0),
            "band_lower": sp.Eq(sp.Symbol(r"R_{\mathrm{low}}"), F - gamma * (n - 1)),
            "band_upper": sp.Eq(sp.Symbol(r"R_{\mathrm{high}}"), F),
            "gamma_min": sp.Eq(sp.Symbol(r"\gamma_{\min}"), (F - R) / (n - 1)),
            "v": sp.Eq(sp.Symbol("v(s)"), s * (R - F) + gamma * s * (s - 1)),
            "second_difference": sp.Eq(sp.Symbol("v(s+1) - 2v(s) + v(s-1)"), 2 * gamma),
            "shapley": sp.Eq(sp.Symbol("phi"), R - F + gamma * (n - 1)),
        }
        syms = {"R": R, "F": F, "gamma": gamma, "n": n, "s": s}
        return ClosedForms(exprs, syms, title="Agglomeration entry (symmetric case)")

    @staticmethod
    def cournot_gamma_game(n: int, A: float = 1.0) -> TUGame:
        """The γ-characteristic function of ``n`` symmetric linear Cournot firms.

        A coalition of ``s`` acts as one firm against ``n − s`` singletons that best
        respond: ``v(S) = A/(n − s + 2)²`` with ``A = (a − c)²/b`` (Chander & Tulkens
        1997). The equal split ``A/(4n)`` of the monopoly profit is in its core iff
        ``s(n − s + 2)² ≥ 4n`` for all ``s`` — always true (AGG-1 in docs/theorems.md).
        """
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= MAX_PLAYERS:
            raise ValueError(f"n must be an integer in 1..{MAX_PLAYERS}, got {n!r}")
        A = finite_scalar(A, "A = (a − c)²/b")
        if A <= 0:
            raise ValueError(f"A = (a − c)²/b must be > 0, got {A}")
        s = popcounts(int(n)).astype(float)
        v = A / (n - s + 2.0) ** 2
        v[0] = 0.0
        return TUGame(v)
