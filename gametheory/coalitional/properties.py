"""Properties of TU games, each a vectorised pass over the ``2**n`` bitmask table.

Cost games
----------
The properties that describe *gains from cooperation* are answered for a
:class:`~gametheory.coalitional.game.CostGame` on its savings game
``v(S) = Σ_{i∈S} c({i}) − c(S)``, which is the same as the usual cost-side property:

* ``is_superadditive``: ``v(S∪T) ≥ v(S) + v(T)`` for disjoint ``S, T``;
  cost game: ``c`` subadditive, ``c(S∪T) ≤ c(S) + c(T)``.
* ``is_convex``: ``v`` supermodular; cost game: ``c`` submodular (a "concave" cost game).
* ``is_concave``: ``v`` submodular; cost game: ``c`` submodular (same as ``is_convex``).
* ``is_essential``: ``v(N) > Σ v({i})``; cost game: ``c(N) < Σ c({i})``.
* ``is_zero_normalized``: ``v({i}) = 0``; cost game: ``c({i}) = 0`` (on ``c`` itself).
* ``is_additive``: ``v(S) = Σ_{i∈S} v({i})``; the same for ``c``.
* ``is_monotonic``: ``S ⊆ T ⇒ v(S) ≤ v(T)``; cost game: ``c(S) ≤ c(T)`` (on ``c`` itself).

So ``is_convex(cost_game)`` is True exactly for the concave (submodular) cost games
whose core equals the Weber set (Shapley 1971) — the cost games of the airport and
shared-platform type. ``is_monotonic`` and ``is_zero_normalized`` are read on the
cost function itself (on the savings game the latter would always hold).

``tol`` is a *relative* tolerance: each inequality (and equality) is checked to within
``tol · max_S |v(S)|`` of the table it is read on (:mod:`gametheory._tolerance`), so the
answers do not depend on the unit of money.

References
----------
Peleg, B. & Sudhölter, P. (2007). *Introduction to the Theory of Cooperative Games*,
2nd ed., Springer, ch. 1.
Shapley, L. S. (1971). Cores of convex games. *IJGT* 1:11–26.
"""

from __future__ import annotations

import numpy as np

from .._tolerance import RTOL, data_scale
from .._validation import positive
from .game import CostGame, additive_values, as_game

__all__ = [
    "is_additive",
    "is_concave",
    "is_convex",
    "is_essential",
    "is_monotonic",
    "is_superadditive",
    "is_zero_normalized",
]

#: Pairs ``(S, T)`` checked per chunk in the ``3**n`` superadditivity pass.
_CHUNK = 1 << 21


def _tol(tol, *tables) -> float:
    """The absolute tolerance ``tol · max|tables|`` for a relative ``tol``."""
    return positive(tol, "tol", strict=False) * data_scale(*tables)


def _worth_table(game) -> tuple[np.ndarray, np.ndarray]:
    """``(v, raw)``: the worth table (savings game for a cost game) and the game's own
    table, whose scale sets the tolerance (rounding in ``v`` is relative to the costs)."""
    game = as_game(game)
    if isinstance(game, CostGame):
        return game.savings_game().v, game.v
    return game.v, game.v


def _min_second_difference(v: np.ndarray, n: int) -> float:
    """``min v(S∪i∪j) − v(S∪i) − v(S∪j) + v(S)`` over ``i < j``, ``S ⊆ N∖{i,j}``.

    For each ``j`` the marginal table ``D_j(S) = v(S∪j) − v(S)`` (``S ∌ j``, an
    ``(n−1)``-player table) is formed once; the second differences are its increments
    ``D_j(S∪i) − D_j(S)`` for the players ``i < j``, read through strided views.
    """
    if n < 2:
        return np.inf
    best = np.inf
    for j in range(1, n):
        t = v.reshape(2 ** (n - 1 - j), 2, 2**j)
        d = t[:, 1, :] - t[:, 0, :]  # shape (2**(n-1-j), 2**j): low axis = players < j
        for i in range(j):
            u = d.reshape(2 ** (n - 1 - j), 2 ** (j - 1 - i), 2, 2**i)
            best = min(best, float((u[:, :, 1, :] - u[:, :, 0, :]).min()))
    return best


def is_convex(game, tol: float = RTOL) -> bool:
    r"""Convex (supermodular) game: ``v(S∪T) + v(S∩T) ≥ v(S) + v(T)`` for all ``S, T``.

    Checked by the equivalent local condition (e.g. Shapley 1971)

    .. math:: v(S∪\{i,j\}) − v(S∪\{i\}) − v(S∪\{j\}) + v(S) ≥ 0,
              \quad i ≠ j,\ S ⊆ N∖\{i,j\},

    in ``n(n−1)/2`` strided passes over the table. For a cost game: its savings game is
    convex, i.e. ``c`` is submodular (a concave cost game).
    """
    v, raw = _worth_table(game)
    return _min_second_difference(v, game.n) >= -_tol(tol, v, raw)


def is_concave(game, tol: float = RTOL) -> bool:
    r"""Concave (submodular) characteristic function: ``c(S∪T) + c(S∩T) ≤ c(S) + c(T)``.

    For a :class:`CostGame` this is the natural property of a cost function with
    economies of scope (airport games, shared platforms) and is the same test as
    :func:`is_convex` (its savings game is convex). For a worth game it tests that
    ``v`` is submodular, i.e. ``−v`` is convex.

    References
    ----------
    Shapley, L. S. (1971). Cores of convex games. *International Journal of Game Theory* 1:11–26.
    Peleg & Sudhölter (2007).
    """
    game = as_game(game)
    if isinstance(game, CostGame):
        return is_convex(game, tol)
    return _min_second_difference(-game.v, game.n) >= -_tol(tol, game.v)


def is_monotonic(game, tol: float = RTOL) -> bool:
    """``S ⊆ T ⇒ v(S) ≤ v(T)``, checked as ``v(S∪i) ≥ v(S)`` for every ``i ∉ S``.

    Read on the game's own table (for a cost game: costs never fall when a coalition
    grows).

    References
    ----------
    Peleg & Sudhölter (2007).
    """
    game = as_game(game)
    v, n = game.v, game.n
    t = _tol(tol, v)
    for i in range(n):
        u = v.reshape(2 ** (n - 1 - i), 2, 2**i)
        if (u[:, 1, :] - u[:, 0, :]).min() < -t:
            return False
    return True


def is_essential(game, tol: float = RTOL) -> bool:
    """``v(N) > Σ_i v({i})`` (by more than ``tol``); for a cost game ``c(N) < Σ_i c({i})``.

    References
    ----------
    Peleg & Sudhölter (2007).
    """
    v, raw = _worth_table(game)
    n = as_game(game).n
    return bool(v[-1] - v[1 << np.arange(n)].sum() > _tol(tol, v, raw))


def is_additive(game, tol: float = RTOL) -> bool:
    """``v(S) = Σ_{i∈S} v({i})`` for every ``S`` (within ``tol``).

    References
    ----------
    Peleg & Sudhölter (2007).
    """
    game = as_game(game)
    return bool(np.abs(game.v - additive_values(game.singletons)).max() <= _tol(tol, game.v))


def is_zero_normalized(game, tol: float = RTOL) -> bool:
    """``v({i}) = 0`` for every player (on the game's own table, also for cost games).

    References
    ----------
    Peleg & Sudhölter (2007).
    """
    game = as_game(game)
    return bool(np.abs(game.singletons).max() <= _tol(tol, game.v))


def _disjoint_pairs_ok(v: np.ndarray, n: int, t: float) -> bool:
    """Exhaustive check of ``v(S) + v(T) ≤ v(S∪T) + t`` over unordered disjoint pairs.

    The ``3**n`` pairs are built as ternary vectors: a block of low players is
    enumerated once as arrays ``(S_lo, T_lo)`` and the high players are stepped through
    in a Python loop over their own ternary assignments. Only pairs whose highest
    player sits in ``T`` are kept (``(S, T)`` and ``(T, S)`` are the same condition).
    """
    # ternary enumeration of (S, T) for the first k players, k chosen so the block fits
    k = n
    while 3**k > _CHUNK and k > 1:
        k -= 1
    s_lo = np.zeros(1, dtype=np.int64)
    t_lo = np.zeros(1, dtype=np.int64)
    for p in range(k):
        b = 1 << p
        s_lo = np.concatenate([s_lo, s_lo | b, s_lo])
        t_lo = np.concatenate([t_lo, t_lo, t_lo | b])
    u_lo = s_lo | t_lo
    if k == n:
        return bool((v[s_lo] + v[t_lo] - v[u_lo]).max() <= t)
    high = n - k
    for code in range(3**high):
        s_hi = t_hi = 0
        c, top = code, None
        for p in range(high):
            c, r = divmod(c, 3)
            if r == 1:
                s_hi |= 1 << (k + p)
                top = "s"
            elif r == 2:
                t_hi |= 1 << (k + p)
                top = "t"
        if top == "s":  # mirror of a pair already checked (highest player in S)
            continue
        base_s, base_t = v[s_lo | s_hi], v[t_lo | t_hi]
        if (base_s + base_t - v[u_lo | s_hi | t_hi]).max() > t:
            return False
    return True


def is_superadditive(game, tol: float = RTOL) -> bool:
    r"""Superadditive: ``v(S∪T) ≥ v(S) + v(T)`` for all disjoint ``S, T``.

    For a cost game: ``c`` is subadditive (``c(S∪T) ≤ c(S) + c(T)``), i.e. its savings
    game is superadditive.

    Cost: fast certificates first — a convex game (``v(∅) = 0``) is superadditive, and
    most violations show up among the ``n 2^{n−1}`` pairs ``(S, {i})`` or the
    complementary pairs ``(S, N∖S)``. Only when neither decides is the exhaustive
    ``O(3^n)`` pass run (about ``3^n/2`` pairs in chunks; fine up to ``n ≈ 16``, slow
    beyond — superadditivity has no local characterisation).

    References
    ----------
    Peleg & Sudhölter (2007).
    """
    v, raw = _worth_table(game)
    t = _tol(tol, v, raw)
    n = as_game(game).n
    if n == 1:
        return True
    full = 2**n - 1
    masks = np.arange(2**n)
    # complementary pairs (S, N∖S)
    if (v + v[full ^ masks] - v[full]).max() > t:
        return False
    # adding one player: v(S) + v({i}) ≤ v(S∪i)
    for i in range(n):
        u = v.reshape(2 ** (n - 1 - i), 2, 2**i)
        if (u[:, 0, :] + v[1 << i] - u[:, 1, :]).max() > t:
            return False
    if _min_second_difference(v, n) >= 0:
        return True  # exactly convex (no tolerance used) ⇒ superadditive
    return _disjoint_pairs_ok(v, n, t)

