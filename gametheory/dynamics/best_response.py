"""Best-response dynamics on normal-form and entry games, with convergence or the cycle reported.

Players revise pure strategies to best responses against the others' current play:

* ``order="sequential"`` — one player at a time, in turn (0, 1, …, n−1, 0, …); a player
  switches only if its current strategy is not a best response (ties kept), and then to
  the first best response. A full round without a switch is a pure Nash equilibrium.
* ``order="simultaneous"`` — every player switches at once (a deterministic map on pure
  profiles): it can cycle even in coordination games.

Both are deterministic, so a repeated state means a cycle, which is reported with the
profiles on it. In an exact potential game every sequential switch raises the potential
strictly (finite improvement property, Monderer & Shapley 1996): the dynamics stop at a
pure equilibrium; the potential along the path is reported when the game has one.

Entry games given by count payoffs are run on counts (no ``2ⁿ`` table, any ``n``).

References
----------
Monderer, D. & Shapley, L. S. (1996). Potential games. *Games and Economic Behavior*
14:124–143.
Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*. MIT Press, ch. 1–2.
Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*, sect. 8.4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._tolerance import RTOL, tolerance
from .._validation import positive, whole_number

ORDERS = ("sequential", "simultaneous")


@dataclass(frozen=True)
class LearningPath(ResultMixin):
    """The path of a deterministic pure-strategy learning dynamic.

    Attributes
    ----------
    method : str
    profiles : tuple of tuples
        Every pure profile visited, in order (the start first).
    converged : bool
        The dynamic stopped at a pure Nash equilibrium.
    equilibrium : tuple or None
    cycle : tuple of tuples
        The profiles on the cycle (empty when converged).
    potential : ndarray or None
        The exact potential at each visited profile, when the game has one.
    rounds : int

    References
    ----------
    Monderer & Shapley (1996); Fudenberg & Levine (1998).
    """

    method: str
    profiles: tuple
    converged: bool
    equilibrium: tuple | None
    cycle: tuple
    potential: np.ndarray | None
    rounds: int

    def __repr__(self):
        what = (f"converged to {self.equilibrium}" if self.converged
                else f"cycle of {len(self.cycle)} profiles")
        return f"LearningPath({self.method}: {what} after {self.rounds} rounds)"


class _Oracle:
    """Values of each own action given the others' pure actions, for both kinds of game."""

    def __init__(self, game):
        from ..noncooperative.entry import EntryGame
        from ..noncooperative.normal_form import NormalFormGame

        self.entry = isinstance(game, EntryGame)
        if self.entry:
            self.game = game
            self.n = game.n
            self.shape = (2,) * game.n
            self.agg = game.is_aggregative
            self.P = game.count_payoffs if self.agg else None
        elif isinstance(game, NormalFormGame):
            self.game = game
            self.n = game.n
            self.shape = game.shape
            self.U = game.payoffs
        else:
            raise TypeError(f"game must be a NormalFormGame or an EntryGame, got "
                            f"{type(game).__name__}")

    def values(self, profile, p: int) -> np.ndarray:
        if self.entry:
            if self.agg:
                k_others = sum(profile) - profile[p]
                return np.array([0.0, self.P[p, k_others]])
            others = {i for i in range(self.n) if profile[i] and i != p}
            return np.array([0.0, self.game.payoff(p, others | {p})])
        idx = tuple(profile[:p]) + (slice(None),) + tuple(profile[p + 1:]) + (p,)
        return self.U[idx]

    def start(self, start):
        if start is None:
            return tuple([0] * self.n)
        if isinstance(start, (str, bytes)) or not hasattr(start, "__len__") or \
                len(start) != self.n:
            raise ValueError(f"start must list one action per player ({self.n}), got {start!r}")
        out = []
        for p, (a, k) in enumerate(zip(start, self.shape)):
            a = whole_number(a, f"start (action of player {p})", 0, k - 1)
            out.append(a)
        return tuple(out)

    def potential(self):
        from .potential import entry_potential, exact_potential

        if self.entry:
            pot = entry_potential(self.game)
            return None if pot is None else pot
        if int(np.prod(self.shape)) > 2**20:
            return None
        phi = exact_potential(self.game)
        return None if phi is None else (lambda s: float(phi[tuple(s)]))


def _switch(values: np.ndarray, current: int, tol: float) -> int:
    eps = tolerance(values, rtol=tol)
    if values[current] >= values.max() - eps:
        return current
    return int(np.flatnonzero(values >= values.max() - eps)[0])


def best_response_dynamics(game, start=None, order: str = "sequential",
                           max_rounds: int = 10_000, tol: float = RTOL) -> LearningPath:
    """Run best-response dynamics from the pure profile ``start`` (default: all first actions).

    Parameters
    ----------
    game : NormalFormGame or EntryGame
    start : sequence of int, optional
    order : "sequential" or "simultaneous"
    max_rounds : int
        Stop (reporting neither convergence nor a cycle) after this many rounds.
    tol : float
        A strategy within ``tol`` (relative to the values compared) of the best is a best
        response.

    Returns
    -------
    LearningPath

    References
    ----------
    Monderer & Shapley (1996); Fudenberg & Levine (1998), ch. 1–2.
    """
    oracle = _Oracle(game)
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, got {order!r}")
    max_rounds = whole_number(max_rounds, "max_rounds", 1)
    tol = positive(tol, "tol", strict=False)
    state = oracle.start(start)
    visited = [state]
    seen = {state: 0}  # profile at the start of a round -> index in `visited`
    converged, cycle, rounds = False, (), 0
    for _ in range(max_rounds):
        rounds += 1
        if order == "sequential":
            moved = False
            for p in range(oracle.n):
                vals = oracle.values(state, p)
                a = _switch(vals, state[p], tol)
                if a != state[p]:
                    state = state[:p] + (a,) + state[p + 1:]
                    visited.append(state)
                    moved = True
        else:
            new = tuple(_switch(oracle.values(state, p), state[p], tol) for p in range(oracle.n))
            moved = new != state
            if moved:
                state = new
                visited.append(state)
        if not moved:
            converged = True
            break
        if state in seen:
            cycle = tuple(visited[seen[state]:-1]) if len(visited) - 1 > seen[state] else (state,)
            break
        seen[state] = len(visited) - 1
    pot = oracle.potential()
    phi = np.array([pot(s) for s in visited]) if pot is not None else None
    return LearningPath(f"best-response dynamics ({order})", tuple(visited), converged,
                        state if converged else None, cycle, phi, rounds)
