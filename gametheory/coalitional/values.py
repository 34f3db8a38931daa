"""Value-type solutions: Shapley, Banzhaf, marginal vectors, τ-value, SCRB, proportional.

Every function takes a :class:`~gametheory.coalitional.game.TUGame` or
:class:`~gametheory.coalitional.game.CostGame` and returns an
:class:`~gametheory.coalitional.allocation.Allocation` in player order (payoffs for a
worth game, cost shares for a cost game).

Cost games
----------
Solutions that are covariant under strategic equivalence (Shapley, raw Banzhaf,
marginal vectors, τ-value, SCRB) give the same cost shares whether they are defined
directly on ``c`` or computed on the savings game ``v(S) = Σ_{i∈S} c({i}) − c(S)`` and
mapped back with ``x_i = c({i}) − y_i`` (:func:`~gametheory.coalitional.game.worth_view`).
The normalised Banzhaf value and the proportional allocation are *not* covariant: they
are defined directly on the cost game (``c(N)`` is split), as documented on each.

All bitmask passes are vectorised over the ``2**n`` table; nothing loops over ``n!``
orders except :func:`weber_set`, which lists them on purpose (small ``n`` only).
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .._tolerance import RTOL, data_scale, tolerance
from .._validation import finite_array, flag, positive
from .allocation import Allocation, allocation
from .game import CostGame, additive_values, as_game, popcounts, worth_view

__all__ = [
    "banzhaf_value",
    "harsanyi_dividends",
    "marginal_vector",
    "proportional_allocation",
    "scrb_allocation",
    "shapley_value",
    "tau_value",
    "weber_set",
]

#: Largest ``n`` for which :func:`weber_set` lists all ``n!`` marginal vectors.
MAX_WEBER_PLAYERS = 9


def _fold(d: np.ndarray, n: int, op) -> np.ndarray:
    """``op``-reduction of ``d(T)`` over the coalitions ``T ∋ i``, for every player ``i``.

    Players are peeled off from the highest bit: the upper half of the current table
    is exactly the coalitions containing player ``i`` (the higher players already
    folded in), then the two halves are combined with ``op`` (``np.add`` for sums,
    ``np.maximum`` for maxima). All passes are contiguous; total work ``2 · 2**n``.
    """
    out = np.empty(n)
    reduce = np.sum if op is np.add else np.max
    cur = d
    for i in range(n - 1, -1, -1):
        half = cur.shape[0] // 2
        out[i] = reduce(cur[half:])
        if i:
            cur = op(cur[:half], cur[half:])
    return out


def _weighted_marginals(v: np.ndarray, n: int, weights: np.ndarray) -> np.ndarray:
    """``Σ_{S∌i} w(|S|) [v(S∪i) − v(S)]`` for every player ``i``.

    Written per coalition ``T``: ``T`` enters as ``S ∪ i`` with weight ``w(|T|−1)`` for
    each ``i ∈ T`` and as ``S`` with weight ``−w(|T|)`` for each ``i ∉ T``, so

    ``φ_i = Σ_{T∋i} v(T) [w(|T|−1) + w(|T|)] − Σ_T v(T) w(|T|)``

    (``w(−1) = w(n) = 0``): one weighted copy of the table and one fold
    (:func:`_fold`) give every ``φ_i`` in ``O(2^n)`` contiguous work.
    """
    sizes = popcounts(n)
    w_in = np.zeros(n + 1)
    w_in[1:] = weights          # w(|T| − 1)
    w_out = np.zeros(n + 1)
    w_out[:n] = weights         # w(|T|)
    base = float(v @ w_out[sizes])
    d = v * (w_in + w_out)[sizes]
    del sizes
    return _fold(d, n, np.add) - base


def shapley_value(game) -> Allocation:
    r"""The Shapley value.

    .. math::
        φ_i(v) = \sum_{S ⊆ N∖\{i\}} \frac{|S|!\,(n−|S|−1)!}{n!}\,[v(S∪\{i\}) − v(S)]

    computed as ``φ_i = Σ_{T∋i} v(T)[w(|T|−1) + w(|T|)] − Σ_T v(T) w(|T|)`` with
    ``w(s) = s!(n−s−1)!/n!``: one weighted copy of the table and a fold that peels off
    one player per halving, ``O(2^n)`` contiguous work in all (two ``2**n`` buffers).
    For a cost game the formula is applied to ``c`` directly (the value is linear and
    covariant, so this equals the savings-game route): the result is a cost allocation
    with ``Σ x_i = c(N)``.

    Examples
    --------
    The glove game, one left glove (player 0) and two right gloves:

    >>> import gametheory as gt
    >>> g = gt.TUGame(lambda S: min(len(S & {0}), len(S & {1, 2})), n=3)
    >>> [round(float(x), 4) for x in gt.shapley_value(g)]
    [0.6667, 0.1667, 0.1667]

    References
    ----------
    Shapley, L. S. (1953). A value for n-person games. In *Contributions to the Theory
    of Games II*, Annals of Mathematics Studies 28, 307–317.
    Shubik, M. (1962). Incentives, decentralized control, the assignment of joint costs
    and internal pricing. *Management Science* 8:325–343.
    """
    game = as_game(game)
    n = game.n
    sizes = np.arange(n)
    # |S|!(n-|S|-1)!/n! = 1 / (n * C(n-1, |S|))
    weights = 1.0 / (n * np.array([math.comb(n - 1, int(s)) for s in sizes], dtype=float))
    phi = _weighted_marginals(game.v, n, weights)
    return allocation(game, phi, "Shapley value (bitmask pass)")


def banzhaf_value(game, normalized: bool = False) -> Allocation:
    r"""The Banzhaf value, raw or normalised.

    Raw (Banzhaf 1965; Owen 1975):

    .. math:: β_i(v) = \frac{1}{2^{n-1}} \sum_{S ⊆ N∖\{i\}} [v(S∪\{i\}) − v(S)].

    Normalised: ``β_i · v(N) / Σ_j β_j``, an efficient rescaling (for a simple game
    with ``v(N) = 1`` this is the normalised Banzhaf index ``β_i / Σ_j β_j``). It needs
    ``Σ_j β_j ≠ 0``.

    For a cost game both are defined **directly on** ``c``: the raw value is the same
    as via the savings game (it is linear and covariant), the normalised one splits
    ``c(N)`` in proportion to the raw Banzhaf cost shares (it is not covariant, so the
    savings-game route would give a different split).

    Parameters
    ----------
    game : TUGame or CostGame
    normalized : bool, default False

    References
    ----------
    Banzhaf, J. F. (1965). Weighted voting doesn't work. *Rutgers Law Review* 19:317–343.
    Owen, G. (1975). Multilinear extensions and the Banzhaf value. *Naval Research
    Logistics Quarterly* 22:741–750.
    """
    game = as_game(game)
    normalized = flag(normalized, "normalized")
    n = game.n
    weights = np.full(n, 0.5 ** (n - 1))
    beta = _weighted_marginals(game.v, n, weights)
    if not normalized:
        return allocation(game, beta, "Banzhaf value (raw, bitmask pass)")
    total = beta.sum()
    if abs(total) <= tolerance(beta, game.v):
        raise ValueError(
            f"the normalised Banzhaf value needs Σ_j β_j ≠ 0, but the raw Banzhaf values "
            f"{np.round(beta, 12).tolist()} sum to 0; use banzhaf_value(game) (raw) instead"
        )
    return allocation(game, beta * (game.grand / total), "Banzhaf value (normalised)")


def _order(game, order) -> list[int]:
    try:
        ids = [game._player(p) for p in order]
    except TypeError:
        raise ValueError(f"an order is a sequence of the players, got {order!r}") from None
    if sorted(ids) != list(range(game.n)):
        raise ValueError(
            f"an order must list every one of the {game.n} players exactly once "
            f"(indices 0..{game.n - 1} or names {list(game.names)}), got {list(order)}"
        )
    return ids


def marginal_vector(game, order) -> Allocation:
    r"""The marginal vector of an order of arrival.

    With players arriving in ``order = (π_1, …, π_n)`` and ``P_k = {π_1, …, π_{k−1}}``,
    player ``π_k`` gets ``v(P_k ∪ π_k) − v(P_k)`` (its cost increment for a cost game;
    marginal vectors are covariant, so this equals the savings-game route).

    Parameters
    ----------
    order : sequence of player indices or names, a permutation of all players.

    References
    ----------
    Weber, R. J. (1988). Probabilistic values for games. In A. E. Roth (ed.), *The
    Shapley Value*, Cambridge University Press, 101–119.
    """
    game = as_game(game)
    ids = _order(game, order)
    masks = np.cumsum([1 << i for i in ids])
    vals = game.v[masks]
    x = np.empty(game.n)
    x[ids] = np.diff(np.concatenate([[0.0], vals]))
    names = "→".join(game.names[i] for i in ids)
    return allocation(game, x, f"marginal vector ({names})")


def weber_set(game) -> np.ndarray:
    """All ``n!`` marginal vectors, one per row, for small ``n``.

    Row ``k`` is :func:`marginal_vector` of the ``k``-th order in
    ``itertools.permutations(range(n))``. Their convex hull is the Weber set, which
    contains the core and equals it exactly when the game is convex (Shapley 1971;
    Ichiishi 1981); the Shapley value is the row mean.

    Raises ``ValueError`` for ``n > 9`` (``9! = 362,880`` rows); use
    :func:`shapley_value` or :func:`marginal_vector` for larger games.

    References
    ----------
    Weber, R. J. (1988), in *The Shapley Value* (Roth, ed.), 101–119.
    Shapley, L. S. (1971). Cores of convex games. *IJGT* 1:11–26.
    Ichiishi, T. (1981). Super-modularity: applications to convex games and the greedy
    algorithm for LP. *JET* 25:283–286.
    """
    game = as_game(game)
    n = game.n
    if n > MAX_WEBER_PLAYERS:
        raise ValueError(
            f"the Weber set lists n! marginal vectors; n={n} would give {math.factorial(n):,} "
            f"rows, only n <= {MAX_WEBER_PLAYERS} is allowed. Use shapley_value(game) or "
            f"marginal_vector(game, order) for larger games"
        )
    perms = np.array(list(itertools.permutations(range(n))), dtype=np.int64).reshape(-1, n)
    masks = np.cumsum(np.left_shift(1, perms), axis=1)
    vals = game.v[masks]
    incr = np.diff(vals, axis=1, prepend=0.0)
    out = np.empty_like(incr)
    np.put_along_axis(out, perms, incr, axis=1)
    return out


def _tau_worth(v: np.ndarray, n: int):
    grand = v[-1]
    full = 2**n - 1
    bits = 1 << np.arange(n)
    utopia = grand - v[full ^ bits]
    # minimal right m_i = max_{S∋i} [v(S) − Σ_{j∈S∖i} M_j] = M_i + max_{S∋i} [v(S) − M(S)]
    rem = v - additive_values(utopia)
    minimal = utopia + _fold(rem, n, np.maximum)
    return utopia, minimal, grand


def tau_value(game, tol: float = RTOL) -> Allocation:
    r"""The τ-value (Tijs 1981).

    Utopia payoffs ``M_i = v(N) − v(N∖i)``, minimal rights
    ``m_i = max_{S∋i} [v(S) − Σ_{j∈S∖i} M_j]`` (vectorised over the table), and

    .. math:: τ(v) = m + α (M − m), \qquad α = \frac{v(N) − Σ_j m_j}{Σ_j (M_j − m_j)},

    the efficient point on the segment from ``m`` to ``M``. Defined for
    *quasi-balanced* games: ``m ≤ M`` and ``Σ m ≤ v(N) ≤ Σ M`` (every game with a
    non-empty core is quasi-balanced); otherwise ``ValueError``. If ``Σ M = Σ m`` the
    segment is a point and ``τ = m = M``.

    A cost game is solved on its savings game and mapped back (the τ-value is covariant
    under strategic equivalence): ``x_i = c({i}) − τ_i(savings)``.

    Parameters
    ----------
    tol : float
        Relative slack allowed in the quasi-balancedness inequalities (a multiple of
        ``max_S |v(S)|``, :mod:`gametheory._tolerance`).

    References
    ----------
    Tijs, S. H. (1981). Bounds for the core and the τ-value. In O. Moeschlin &
    D. Pallaschke (eds.), *Game Theory and Mathematical Economics*, North-Holland, 123–132.
    """
    game = as_game(game)
    tol = positive(tol, "tol", strict=False) * data_scale(game.v)
    worth, back = worth_view(game)
    utopia, minimal, grand = _tau_worth(worth.v, worth.n)
    gap = utopia - minimal
    problems = []
    if np.any(gap < -tol):
        bad = [worth.names[i] for i in np.flatnonzero(gap < -tol)]
        problems.append(f"minimal right exceeds utopia payoff (m_i > M_i) for {bad}")
    if minimal.sum() > grand + tol:
        problems.append(f"Σ m = {minimal.sum():.10g} > v(N) = {grand:.10g}")
    if utopia.sum() < grand - tol:
        problems.append(f"Σ M = {utopia.sum():.10g} < v(N) = {grand:.10g}")
    if problems:
        which = " (of the savings game)" if isinstance(game, CostGame) else ""
        raise ValueError(
            "the τ-value is defined only for quasi-balanced games (m ≤ M and "
            f"Σm ≤ v(N) ≤ ΣM){which}; here " + "; ".join(problems)
        )
    span = gap.sum()
    if span <= tol:
        tau = minimal + (grand - minimal.sum()) / worth.n  # m = M up to tol
    else:
        alpha = (grand - minimal.sum()) / span
        tau = minimal + alpha * gap
    return allocation(game, back(tau), "τ-value (Tijs 1981)")


def _scrb_cost(c: np.ndarray, n: int, names, tol: float, *, sign: str) -> np.ndarray:
    full = 2**n - 1
    bits = 1 << np.arange(n)
    grand = c[full]
    separable = grand - c[full ^ bits]
    remaining = c[bits] - separable
    nonsep = grand - separable.sum()
    if np.any(remaining < -tol):
        bad = {names[i]: float(remaining[i]) for i in np.flatnonzero(remaining < -tol)}
        what = ("separable cost exceeds stand-alone cost (c(N) − c(N∖i) > c({i}))"
                if sign == "cost" else "v(N) − v(N∖i) < v({i})")
        raise ValueError(
            f"SCRB needs non-negative remaining benefits r_i (Tijs & Driessen 1986); "
            f"r = {bad}: {what}. The weights r_i/Σr would not be a division of the "
            f"non-separable cost"
        )
    remaining = np.maximum(remaining, 0.0)
    total = remaining.sum()
    if total <= tol:
        if abs(nonsep) <= tol:
            return separable
        raise ValueError(
            f"SCRB is undefined: every remaining benefit r_i is 0 but the non-separable cost "
            f"g = {nonsep:.10g} is not, so there is no weight to divide it by"
        )
    return separable + remaining / total * nonsep


def scrb_allocation(game, tol: float = RTOL) -> Allocation:
    r"""Separable costs – remaining benefits (SCRB) allocation.

    Native to cost games (Tijs & Driessen 1986): separable costs
    ``m_i = c(N) − c(N∖i)``, remaining benefits ``r_i = c({i}) − m_i``, non-separable
    cost ``g = c(N) − Σ_j m_j``, and

    .. math:: x_i = m_i + \frac{r_i}{Σ_j r_j}\, g.

    ``tol`` is relative (a multiple of ``max_S |c(S)|``): remaining benefits within it of 0
    are rounding residues and count as 0. Edge cases: a negative ``r_i`` (separable cost
    above stand-alone cost) makes the weights meaningless and raises ``ValueError``. If
    ``Σ r = 0`` (every ``r_i = 0``) the allocation is ``x = m`` when ``g = 0`` and
    undefined (``ValueError``) otherwise.

    For a worth game ``v`` the same formula is applied to the cost game ``−v`` and
    negated, which is what the savings-game route gives for any cost game whose
    savings game is ``v``:
    ``y_i = v({i}) + (M_i − v({i})) (v(N) − Σ_j v({j})) / Σ_j (M_j − v({j}))`` with
    ``M_i = v(N) − v(N∖i)`` (the τ-value whenever the minimal rights are ``v({i})``).

    References
    ----------
    Tijs, S. H. & Driessen, T. S. H. (1986). Game theory and cost allocation problems.
    *Management Science* 32:1015–1028.
    Young, H. P. (ed.) (1985). *Cost Allocation: Methods, Principles, Applications*.
    North-Holland.
    """
    game = as_game(game)
    tol = positive(tol, "tol", strict=False) * data_scale(game.v)
    if isinstance(game, CostGame):
        x = _scrb_cost(game.v, game.n, game.names, tol, sign="cost")
    else:
        x = -_scrb_cost(-game.v, game.n, game.names, tol, sign="worth")
    return allocation(game, x, "SCRB (separable costs, remaining benefits)")


def proportional_allocation(game, weights=None) -> Allocation:
    r"""Split ``v(N)`` (or ``c(N)``) in proportion to ``weights``.

    .. math:: x_i = \frac{w_i}{Σ_j w_j}\, v(N)

    Defined **directly on the game** (also for cost games, where ``c(N)`` is split;
    the rule is not covariant under strategic equivalence). Default weights are the
    stand-alone values ``v({i})`` (stand-alone costs ``c({i})``), the
    "proportional-to-stand-alone" rule; pass e.g. capital stakes as ``weights`` for a
    capital-proportional split. Weights must be finite, non-negative, with a
    positive sum.

    References
    ----------
    Young, H. P. (1985). *Cost Allocation: Methods, Principles, Applications*,
    North-Holland, ch. 1 (proportional rules).
    """
    game = as_game(game)
    if weights is None:
        w = game.singletons.astype(float)
        what = ("stand-alone costs c({i})" if isinstance(game, CostGame)
                else "stand-alone values v({i})")
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError(
                f"the default weights are the {what} = {w.tolist()}, which must be "
                f"non-negative with a positive sum; pass explicit weights"
            )
        method = f"proportional to {what}"
    else:
        w = finite_array(weights, "weights", ndim=1)
        if w.shape[0] != game.n:
            raise ValueError(f"weights must have one entry per player ({game.n}), got {w.shape[0]}")
        if np.any(w < 0) or w.sum() <= 0:
            raise ValueError(
                f"weights must be non-negative with a positive sum, got {w.tolist()}"
            )
        method = "proportional to given weights"
    return allocation(game, w / w.sum() * game.grand, method)


def harsanyi_dividends(game) -> np.ndarray:
    r"""Harsanyi dividends ``d(S)`` of every coalition, as a bitmask-indexed array.

    The unique numbers with ``v(S) = Σ_{T ⊆ S} d(T)`` for every ``S`` (the Möbius
    transform of ``v``; Harsanyi 1959):

    .. math:: d(S) = \sum_{T \subseteq S} (-1)^{|S| - |T|} v(T).

    ``d({i}) = v({i})``; ``d(S)`` for ``|S| ≥ 2`` is the *interaction* of the members of
    ``S`` beyond what its sub-coalitions already produce. The Shapley value gives each
    member of ``S`` the share ``d(S)/|S|``, so the dividends show which combinations a
    Shapley decomposition is made of. Dividends of coalitions containing a null player
    vanish. Computed by ``n`` in-place passes over the ``2^n`` table (``O(n 2^n)``); for a
    cost game, of the cost function ``c``.

    References
    ----------
    Harsanyi, J. C. (1959). A bargaining model for the cooperative n-person game. In
    Tucker & Luce (eds.), *Contributions to the Theory of Games IV*, 325–355.
    Grabisch, M. (2016). *Set Functions, Games and Capacities in Decision Making*,
    Springer, ch. 2 (the Möbius transform).
    """
    game = as_game(game)
    n = game.n
    d = np.array(game.v, dtype=float)
    for i in range(n):
        t = d.reshape(-1, 2, 1 << i)
        t[:, 1, :] -= t[:, 0, :]
    return d
