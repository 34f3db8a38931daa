"""Fictitious play: every player best-responds to the empirical frequencies of the others' play.

In round ``t`` each player ``p`` holds as beliefs the frequencies ``σ_q^t`` with which
every other player ``q`` has played each action so far (plus a prior), plays a best
response to their product (ties: keep the previous action, else the first), and all
frequencies are updated at once (Brown 1951). The frequencies converge to a Nash
equilibrium in two-player zero-sum games (Robinson 1951), in 2×2 games (Miyasawa 1961)
and in potential games (Monderer & Shapley 1996); they need not in general: in Shapley's
(1964) 3×3 game play runs round a six-profile cycle with runs that grow geometrically and
the frequencies never settle.

Reported: the final frequencies; the Nash gap of the frequency profile, ``max_p [max_a
u_p(a, σ_{−p}) − u_p(σ_p, σ_{−p})]`` divided by the payoff range (0 exactly at a Nash
equilibrium), along the way and at the end; ``converged`` when the final gap is within
``tol``; the cycle of profiles that play runs round at the end (if any) and the
lengths of the last runs; ``cycling`` when play cycles and the frequencies have not
converged.

References
----------
Brown, G. W. (1951). Iterative solution of games by fictitious play. In Koopmans (ed.),
*Activity Analysis of Production and Allocation*, Wiley, 374–376.
Robinson, J. (1951). An iterative method of solving a game. *Annals of Mathematics*
54:296–301.
Miyasawa, K. (1961). On the convergence of the learning process in a 2×2 non-zero-sum
two-person game. Research Memorandum 33, Econometric Research Program, Princeton.
Shapley, L. S. (1964). Some topics in two-person games. In Dresher, Shapley & Tucker
(eds.), *Advances in Game Theory*, Annals of Mathematics Studies 52, 1–28.
Monderer, D. & Shapley, L. S. (1996). Fictitious play property for games with identical
interests. *Journal of Economic Theory* 68:258–265.
Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*. MIT Press, ch. 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._validation import in_interval, whole_number


@dataclass(frozen=True)
class FictitiousPlay(ResultMixin):
    """The outcome of fictitious play.

    Attributes
    ----------
    frequencies : tuple of ndarray
        Each player's empirical mixed strategy at the end (prior included).
    nash_gap : float
        Nash gap of ``frequencies`` relative to the payoff range (0 at an equilibrium).
    gap_history : ndarray, shape (K, 2)
        ``(round, relative Nash gap)`` at log-spaced checkpoints.
    converged : bool
        ``nash_gap <= tol``.
    cycle : tuple of tuples
        The profiles that play runs round at the end, in order, repeated at least twice
        (empty if none).
    run_lengths : tuple of int
        Lengths of the last runs of one profile (growing runs are the mark of Shapley's
        example).
    cycling : bool
        Play cycles and the frequencies have not converged.
    rounds : int
    method : str

    References
    ----------
    Brown (1951); Robinson (1951); Shapley (1964).
    """

    frequencies: tuple
    nash_gap: float
    gap_history: np.ndarray
    converged: bool
    cycle: tuple
    run_lengths: tuple
    cycling: bool
    rounds: int
    method: str = "fictitious play (simultaneous updating, Brown 1951)"


def _normal_form(game):
    from ..noncooperative.entry import EntryGame
    from ..noncooperative.normal_form import NormalFormGame

    if isinstance(game, EntryGame):
        return game.to_normal_form()
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"game must be a NormalFormGame or an EntryGame, got "
                        f"{type(game).__name__}")
    return game


def nash_gap(game, strategies) -> float:
    """``max_p [max_a u_p(a, σ_{−p}) − u_p(σ_p, σ_{−p})]`` (payoff units) at mixed ``strategies``.

    References
    ----------
    Fudenberg & Levine (1998), ch. 2.
    """
    game = _normal_form(game)
    worst = 0.0
    for p in range(game.n):
        vals = game.expected_payoffs(p, list(strategies))
        worst = max(worst, float(vals.max() - strategies[p] @ vals))
    return worst


def _tail_cycle(seq: list) -> tuple:
    """The shortest cycle (period >= 2) that the end of ``seq`` repeats at least twice."""
    n = len(seq)
    for p in range(2, n // 2 + 1):
        if all(seq[n - 1 - i] == seq[n - 1 - i - p] for i in range(p)):
            return tuple(seq[n - p:])
    return ()


def fictitious_play(game, rounds: int = 10_000, start=None, tol: float = 1e-2) -> FictitiousPlay:
    """Run ``rounds`` rounds of fictitious play on a :class:`NormalFormGame` or :class:`EntryGame`.

    Parameters
    ----------
    rounds : int
    start : sequence of int, optional
        The profile played in round 1 (default: every player's first action); it is the
        prior of the frequencies.
    tol : float in [0, 1]
        ``converged`` when the final relative Nash gap is at most ``tol``.

    References
    ----------
    Brown (1951); Robinson (1951); Miyasawa (1961); Shapley (1964).
    """
    game = _normal_form(game)
    rounds = whole_number(rounds, "rounds", 1)
    tol = in_interval(tol, "tol", 0.0, 1.0)
    n, shape = game.n, game.shape
    if start is None:
        start = (0,) * n
    if isinstance(start, (str, bytes)) or not hasattr(start, "__len__") or len(start) != n:
        raise ValueError(f"start must list one action per player ({n}), got {start!r}")
    prof = tuple(whole_number(a, f"start (action of player {p})", 0, shape[p] - 1)
                 for p, a in enumerate(start))
    counts = [np.zeros(k) for k in shape]
    for p, a in enumerate(prof):
        counts[p][a] += 1
    U = game.payoffs
    span = float(U.max() - U.min()) or 1.0
    two = n == 2
    if two:  # running expected payoffs, updated by one column/row per round
        A, B = U[..., 0], U[..., 1]
        pay0 = A[:, prof[1]].astype(float).copy()
        pay1 = B[prof[0], :].astype(float).copy()
    checkpoints = set(np.unique(np.geomspace(1, rounds, 60).astype(int)).tolist()) | {rounds}
    history = []
    runs: list = [[prof, 1]]
    for t in range(1, rounds + 1):
        if t in checkpoints:
            freqs = [c / c.sum() for c in counts]
            history.append((t, nash_gap(game, freqs) / span))
        if t == rounds:
            break
        new = []
        for p in range(n):
            if two:
                vals = pay0 if p == 0 else pay1
            else:
                others = [counts[q] / counts[q].sum() if q != p else None for q in range(n)]
                vals = game.expected_payoffs(p, others)
            best = vals.max()
            eps = 1e-12 * span * (t if two else 1)
            a = prof[p] if vals[prof[p]] >= best - eps else int(np.argmax(vals >= best - eps))
            new.append(a)
        prof = tuple(new)
        for p, a in enumerate(prof):
            counts[p][a] += 1
        if two:
            pay0 += A[:, prof[1]]
            pay1 += B[prof[0], :]
        if runs[-1][0] == prof:
            runs[-1][1] += 1
        else:
            runs.append([prof, 1])
    freqs = tuple(c / c.sum() for c in counts)
    gap = nash_gap(game, freqs) / span
    # the cycle that play runs round at the end (the last run may be unfinished)
    seq = [r[0] for r in runs[:-1]]
    cycle = _tail_cycle(seq)
    converged = gap <= tol
    return FictitiousPlay(freqs, gap, np.array(history), converged, cycle,
                          tuple(r[1] for r in runs[-8:]), (not converged) and bool(cycle),
                          rounds)
