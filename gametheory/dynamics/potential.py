"""Exact potential games: finding the potential of a normal-form game or of an entry game.

A game has an exact potential ``Φ`` when every unilateral change of strategy changes the
mover's payoff and ``Φ`` by the same amount (Monderer & Shapley 1996):

    u_p(a, s_{−p}) − u_p(b, s_{−p}) = Φ(a, s_{−p}) − Φ(b, s_{−p}).

Then every improvement path is finite (best-response dynamics stop at a pure Nash
equilibrium), the maximisers of ``Φ`` are pure equilibria, and log-linear learning has the
Gibbs distribution ``∝ exp(Φ/η)`` as its stationary distribution (Blume 1993).

*Normal form.* ``Φ`` is built along a path from the profile ``(0, …, 0)`` that changes one
player's strategy at a time, ``Φ(s) = Σ_p [u_p(s_1..s_p, 0, …) − u_p(s_1..s_{p−1}, 0, 0, …)]``,
and then verified on every unilateral deviation at once: ``u_p − Φ`` must not depend on
``s_p``. If the check fails the game has no exact potential.

*Entry games.* When entrant ``i`` earns ``π_i(k) = g(k) + c_i`` with ``k`` entrants — a
common count effect plus a firm-specific constant (Cournot after entry with firm-specific
entry costs) — the game is a congestion game with Rosenthal's potential

    Φ(E) = Σ_{k=1}^{|E|} g(k) + Σ_{i ∈ E} c_i,

evaluated without the ``2ⁿ`` table; its maximisers follow from sorting the ``c_i``.

References
----------
Rosenthal, R. W. (1973). A class of games possessing pure-strategy Nash equilibria.
*International Journal of Game Theory* 2:65–67.
Monderer, D. & Shapley, L. S. (1996). Potential games. *Games and Economic Behavior*
14:124–143.
Blume, L. E. (1993). The statistical mechanics of strategic interaction. *Games and
Economic Behavior* 5:387–424.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._tolerance import RTOL, tolerance
from .._validation import positive


@dataclass(frozen=True)
class EntryPotential(ResultMixin):
    """Rosenthal's potential of an entry game with ``π_i(k) = g(k) + c_i``.

    Attributes
    ----------
    g : ndarray (n,)
        The common count effect ``g(k)``, ``k = 1 … n`` (firm 0's payoffs).
    c : ndarray (n,)
        Firm-specific constants (``c_0 = 0``).

    References
    ----------
    Rosenthal (1973); Monderer & Shapley (1996).
    """

    g: np.ndarray
    c: np.ndarray

    def __call__(self, profile) -> float:
        """``Φ`` at a 0/1 entry profile."""
        e = np.asarray(profile, dtype=bool)
        k = int(e.sum())
        return float(self.g[:k].sum() + self.c[e].sum())

    def maximizers(self, tol: float = RTOL) -> list[tuple[int, ...]]:
        """Every profile maximising ``Φ`` (pure equilibria; the stochastically stable states of
        log-linear learning). For each ``k`` the best entrants are the ``k`` largest ``c_i``;
        ties among firms with equal ``c_i`` give several maximisers."""
        n = len(self.g)
        order = np.argsort(-self.c, kind="stable")
        csum = np.concatenate([[0.0], np.cumsum(self.c[order])])
        best_k = np.concatenate([[0.0], np.cumsum(self.g)]) + csum
        eps = tolerance(self.g, self.c, rtol=tol)
        top = best_k.max()
        out = set()
        for k in np.flatnonzero(best_k >= top - eps):
            k = int(k)
            if k == 0:
                out.add((0,) * n)
                continue
            cut = self.c[order[k - 1]]
            sure = [i for i in range(n) if self.c[i] > cut + eps]
            tied = [i for i in range(n) if abs(self.c[i] - cut) <= eps]
            for pick in itertools.combinations(tied, k - len(sure)):
                prof = [0] * n
                for i in sure + list(pick):
                    prof[i] = 1
                out.add(tuple(prof))
        return sorted(out)


def exact_potential(game, tol: float = RTOL) -> np.ndarray | None:
    """The exact potential of a :class:`NormalFormGame` (an array over pure profiles with
    ``Φ(0,…,0) = 0``), or ``None`` if the game has none. ``tol`` is relative to the largest payoff.

    References
    ----------
    Monderer & Shapley (1996), theorem 2.8 (the path construction and its test).
    """
    from ..noncooperative.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise TypeError(f"game must be a NormalFormGame, got {type(game).__name__}")
    tol = positive(tol, "tol", strict=False)
    U = game.payoffs
    n = game.n
    phi = np.zeros(game.shape)
    for p in range(n):
        # u_p at (s_1..s_p, 0, …, 0) minus at (s_1..s_{p-1}, 0, 0, …, 0)
        idx_here = tuple(slice(None) if q <= p else slice(0, 1) for q in range(n)) + (p,)
        idx_prev = tuple(slice(None) if q < p else slice(0, 1) for q in range(n)) + (p,)
        phi = phi + (U[idx_here] - U[idx_prev])
    eps = tolerance(U, rtol=tol)
    for p in range(n):
        rest = U[..., p] - phi
        if np.any(rest.max(axis=p) - rest.min(axis=p) > eps):
            return None
    return phi


def entry_potential(game, tol: float = RTOL) -> EntryPotential | None:
    """Rosenthal's potential of an aggregative :class:`EntryGame` whose count payoffs differ
    across firms by constants only, or ``None``.

    References
    ----------
    Rosenthal (1973); Monderer & Shapley (1996).
    """
    if not getattr(game, "is_aggregative", False):
        return None
    P = game.count_payoffs
    tol = positive(tol, "tol", strict=False)
    diff = P - P[0]
    if np.any(diff.max(axis=1) - diff.min(axis=1) > tolerance(P, rtol=tol)):
        return None
    return EntryPotential(np.array(P[0], dtype=float), diff[:, 0].astype(float))


def potential_of(game, tol: float = RTOL):
    """The potential of ``game`` (:func:`entry_potential` for entry games, else
    :func:`exact_potential`) or ``None``.

    References
    ----------
    Monderer & Shapley (1996).
    """
    from ..noncooperative.entry import EntryGame

    if isinstance(game, EntryGame):
        return entry_potential(game, tol)
    return exact_potential(game, tol)
