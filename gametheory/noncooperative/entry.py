"""Binary entry games: n firms each choose to enter (1) or stay out (0) of a market.

A firm that stays out earns 0; an entrant ``i`` earns ``π_i(E)`` where ``E`` is the set
of entrants (``i ∈ E``). When ``π_i`` depends on ``E`` only through the number of
entrants ``k = |E|`` (an *aggregative* game, e.g. Cournot competition after entry with
firm-specific fixed costs, Bresnahan & Reiss 1991) the pure equilibria follow from a
count structure, with no ``2^n`` table:

    a profile with entrant set ``E``, ``|E| = k``, is a Nash equilibrium iff
    ``π_i(k) >= 0`` for every ``i ∈ E`` and ``π_j(k + 1) <= 0`` for every ``j ∉ E``.

For each ``k`` a firm is *forced in* (it can only be an entrant), *forced out*,
*free* (either), or *excluded* (neither, so no equilibrium has ``k`` entrants); the
equilibria with ``k`` entrants are the forced-in firms plus any ``k − #forced-in``
free firms, ``C(#free, k − #forced-in)`` of them. This is ``O(n²)`` work for all ``k``.

Ties. A payoff within ``τ = RTOL · scale`` of zero is a tie (:mod:`gametheory._tolerance`):
the firm is indifferent, so it may be in or out, and the counts at which some firm is
indifferent are reported (``EntryStructure.ties``). ``scale`` is the largest absolute
payoff of the game, or a larger scale of the primitives given by the constructor (e.g.
the entry cost when payoffs are profits net of it), so that a break-even computed in
floating point (``π(k) − F`` equal to ``±1`` ulp) is a tie in every unit of money.

References
----------
Bresnahan, T. F. & Reiss, P. C. (1991). Entry and competition in concentrated markets.
*Journal of Political Economy* 99:977–1009.
Topkis, D. M. (1979). Equilibrium points in nonzero-sum n-person submodular games.
*SIAM J. Control Optim.* 17:773–787.
Milgrom, P. & Roberts, J. (1990). Rationalizability, learning, and equilibrium in games
with strategic complementarities. *Econometrica* 58:1255–1277.
Cooper, R. & John, A. (1988). Coordinating coordination failures in Keynesian models.
*QJE* 103:441–463.
Mankiw, N. G. & Whinston, M. D. (1986). Free entry and social inefficiency. *RAND J.
Econ.* 17:48–58.
Tirole, J. (1988). *The Theory of Industrial Organization*. MIT Press, ch. 5.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._display import html_table
from .._results import ResultMixin
from .._tolerance import RTOL, data_scale
from .._validation import (
    finite_array,
    finite_scalar,
    flag,
    names_for,
    nonempty_grid,
    nonnegative_array,
    positive,
    whole_number,
)

#: Largest n for which the general (callable) game is solved by enumerating 2^n profiles.
MAX_ENUMERATION_PLAYERS = 20
#: Largest n with a count-structure solver (aggregative games); beyond it lists are huge.
MAX_PLAYERS = 64
#: Default cap on the number of equilibria listed by ``pure_nash_equilibria``.
MAX_LISTED = 1_000_000


def _check_n(n) -> int:
    return whole_number(n, "n (the number of firms)", 1)


@dataclass(frozen=True)
class EntryStructure(ResultMixin):
    """The count structure of the pure equilibria of an aggregative entry game.

    For each number of entrants ``k = 0 … n``: ``forced_in[k]``, ``free[k]`` (firm
    indices) and ``count[k]`` = number of pure equilibria with ``k`` entrants;
    ``ties`` lists the counts ``k ≥ 1`` at which some firm's payoff ``π_i(k)`` is within
    the tie tolerance ``tol`` of zero (break-even: in or out is a matter of rounding).

    References
    ----------
    Bresnahan & Reiss (1991).
    Mankiw & Whinston (1986).
    """

    forced_in: tuple
    free: tuple
    count: tuple
    ties: tuple = ()
    tol: float = 0.0

    @property
    def total(self) -> int:
        return int(sum(self.count))


@dataclass(frozen=True)
class DuopolyEntryMap(ResultMixin):
    """Equilibria of a symmetric two-firm entry game over a parameter grid.

    Attributes
    ----------
    monopoly, duopoly : ndarray
        ``π(1)`` and ``π(2)``: an entrant's profit when alone and when both enter.
    region : ndarray of str
        ``"none"`` (nobody enters), ``"one"`` (exactly one enters: two asymmetric pure
        equilibria and a mixed one), ``"both"``, ``"coordination"`` (both "none" and "both"
        are equilibria, with a mixed one between; only when ``π(2) > π(1)``) or
        ``"degenerate"`` (a zero profit: a continuum of equilibria).
    n_pure : ndarray of int
        Number of pure equilibria.
    p_mixed : ndarray
        Entry probability of the symmetric completely mixed equilibrium
        ``p = π(1) / (π(1) − π(2))`` where it exists in (0, 1), else NaN.

    References
    ----------
    Bresnahan & Reiss (1991).
    Tirole (1988), ch. 5.
    """

    monopoly: np.ndarray
    duopoly: np.ndarray
    region: np.ndarray
    n_pure: np.ndarray
    p_mixed: np.ndarray


def symmetric_duopoly_entry(monopoly, duopoly) -> DuopolyEntryMap:
    """Classify the equilibria of a symmetric 2-firm entry game, vectorised over grids.

    With ``π(1)`` (``monopoly``) and ``π(2)`` (``duopoly``) an entrant's profit net of the
    entry cost: (0, 0) is an equilibrium iff ``π(1) <= 0``; (1, 1) iff ``π(2) >= 0``; (1, 0)
    and (0, 1) iff ``π(1) >= 0 >= π(2)``. A rival entering with probability ``p`` makes a
    firm indifferent iff ``p π(2) + (1 − p) π(1) = 0``.

    References
    ----------
    Bresnahan & Reiss (1991).
    Tirole (1988), ch. 5.
    """
    m1 = finite_array(monopoly, "monopoly profit")
    m2 = finite_array(duopoly, "duopoly profit")
    try:
        m1, m2 = np.broadcast_arrays(m1, m2)
    except ValueError:
        raise ValueError(f"monopoly and duopoly profits must broadcast against each other, "
                         f"got shapes {m1.shape} and {m2.shape}") from None
    # ties (zero profit) to a relative tolerance of the grid's scale; a tie is "degenerate"
    tol = RTOL * data_scale(m1, m2)
    m1 = np.where(np.abs(m1) <= tol, 0.0, m1)
    m2 = np.where(np.abs(m2) <= tol, 0.0, m2)
    none = m1 <= 0
    both = m2 >= 0
    one = (m1 >= 0) & (m2 <= 0)
    n_pure = none.astype(int) + both.astype(int) + 2 * one.astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = m1 / (m1 - m2)
    p = np.where((m1 != m2) & (p > 0) & (p < 1), p, np.nan)
    region = np.full(m1.shape, "degenerate", dtype=object)
    region[(m1 < 0) & (m2 < 0)] = "none"
    region[(m1 > 0) & (m2 < 0)] = "one"
    region[(m1 > 0) & (m2 > 0)] = "both"
    region[(m1 < 0) & (m2 > 0)] = "coordination"
    return DuopolyEntryMap(m1, m2, region.astype(str), n_pure, p)


class EntryGame:
    """An n-firm binary entry game (enter = 1, stay out = 0; staying out is worth 0).

    Parameters
    ----------
    n : int
        Number of firms.
    payoff : callable ``payoff(i, entrants) -> float``
        Entrant ``i``'s payoff when the set of entrants is the frozenset ``entrants``
        (which contains ``i``). Games given this way are solved by enumerating the
        ``2^n`` profiles (``n <= 20``). Use :meth:`from_count_payoffs` or
        :meth:`supermodular` when payoffs depend only on the number of entrants: those
        are solved for any ``n`` (up to 64) without the table.
    names : sequence of str, optional

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.EntryGame.from_count_payoffs([[5, -1], [5, -1]])  # 2 firms, room for one
    >>> g.pure_nash_equilibria()
    [(0, 1), (1, 0)]

    References
    ----------
    Bresnahan & Reiss (1991).
    Mankiw & Whinston (1986).
    """

    def __init__(self, n, payoff: Callable | None = None, names=None, *, scale=None,
                 _counts=None):
        self.n = _check_n(n)
        self.names = names_for(self.n, names, "firm")
        self._scale = 0.0 if scale is None else positive(scale, "scale", strict=False)
        if _counts is not None:
            self._counts = _counts
            self._payoff_fn = None
            if self.n > MAX_PLAYERS:
                raise ValueError(f"at most {MAX_PLAYERS} firms are supported, got {self.n}")
        else:
            if not callable(payoff):
                raise ValueError("EntryGame(n, payoff) needs a callable payoff(i, entrants); "
                                 "use EntryGame.from_count_payoffs for an array")
            self._counts = None
            self._payoff_fn = payoff
        self._table = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_count_payoffs(cls, payoffs, names=None, scale=None) -> EntryGame:
        """An aggregative entry game from ``payoffs[i, k-1]`` = firm i's payoff when k firms enter.

        Parameters
        ----------
        payoffs : array of shape (n, n), or (n,) for a symmetric game
            Column ``k − 1`` holds the entrant's payoff when ``k = 1 … n`` firms enter
            (the firm itself included). A 1-D array of length ``n`` gives every firm the
            same payoffs.
        scale : float, optional
            The money scale of the primitives behind the payoffs (e.g. the largest of the
            operating profits and the entry cost, when payoffs are their difference); ties
            are payoffs within ``RTOL · max(scale, max|payoffs|)`` of zero. Default: the
            payoffs' own scale.
        """
        arr = finite_array(payoffs, "count payoffs")
        if arr.ndim == 1:
            arr = np.broadcast_to(arr, (arr.shape[0], arr.shape[0]))
        if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
            raise ValueError(
                "count payoffs must have shape (n, n): row i is firm i, column k-1 its payoff "
                f"when k = 1..n firms enter (or shape (n,) for a symmetric game); got {arr.shape}"
            )
        arr = np.array(arr, dtype=float)
        arr.setflags(write=False)
        return cls(arr.shape[0], names=names, scale=scale, _counts=arr)

    @classmethod
    def supermodular(cls, R, F, gamma, n: int | None = None, names=None) -> EntryGame:
        """The entry game with complementarities ``u_i = e_i (R_i + γ Σ_{j≠i} e_j − F_i)``.

        ``R`` (stand-alone revenue) and ``F`` (fixed entry cost) are scalars or length-n
        arrays; ``γ >= 0`` is the spillover per other entrant, so ``π_i(k) = R_i − F_i +
        γ (k − 1)`` has increasing differences (Topkis 1979; Milgrom & Roberts 1990). In
        the symmetric case "nobody enters" and "all enter" are both equilibria iff
        ``F − γ (n − 1) <= R <= F`` (Cooper & John 1988: coordination failure).
        """
        g = finite_scalar(gamma, "gamma")
        if g < 0:
            raise ValueError(f"gamma must be >= 0 for a supermodular entry game, got {g}")
        R = finite_array(R, "R")
        F = finite_array(F, "F")
        sizes = {a.size for a in (R, F) if a.ndim == 1}
        if R.ndim > 1 or F.ndim > 1 or len(sizes) > 1:
            raise ValueError(f"R and F must be scalars or 1-D arrays of one length n, "
                             f"got shapes {R.shape} and {F.shape}")
        if n is None:
            if not sizes:
                raise ValueError("give n when R and F are both scalars")
            n = sizes.pop()
        n = _check_n(n)
        if sizes and sizes != {n}:
            raise ValueError(f"R and F have length {sizes.pop()} but n = {n}")
        base = np.broadcast_to(R - F, (n,))
        counts = base[:, None] + g * np.arange(n)[None, :]
        scale = data_scale(R, F, g * (n - 1))
        return cls.from_count_payoffs(counts, names=names, scale=scale)

    @classmethod
    def cournot(cls, a, b, c, F, n: int | None = None, names=None) -> EntryGame:
        """Entry followed by symmetric linear Cournot: ``π_i(k) = (a − c)² / (b (k + 1)²) − F_i``.

        Inverse demand ``P = a − bQ``, common marginal cost ``c < a``, firm-specific
        entry costs ``F`` (scalar or length n). Reference: Mankiw & Whinston (1986).
        """
        a = finite_scalar(a, "a")
        b = positive(b, "b")
        c = positive(c, "c (marginal cost)", strict=False)
        if a <= c:
            raise ValueError(f"demand intercept a must exceed marginal cost c, got a={a}, c={c}")
        F = nonnegative_array(F, "F (entry costs)")
        if F.ndim > 1:
            raise ValueError(f"F must be a scalar or a 1-D array, got shape {F.shape}")
        if n is None:
            if F.ndim == 0:
                raise ValueError("give n when F is a scalar")
            n = F.size
        n = _check_n(n)
        if F.ndim == 1 and F.size != n:
            raise ValueError(f"F has length {F.size} but n = {n}")
        k = np.arange(1, n + 1)
        profit = (a - c) ** 2 / (b * (k + 1.0) ** 2)
        counts = profit[None, :] - np.broadcast_to(F, (n,))[:, None]
        return cls.from_count_payoffs(counts, names=names, scale=data_scale(profit, F))

    # ------------------------------------------------------------------ basics
    @property
    def is_aggregative(self) -> bool:
        """Whether payoffs depend only on the number of entrants (count-structure solver)."""
        return self._counts is not None

    @property
    def is_symmetric(self) -> bool:
        """Aggregative with the same count payoffs for every firm."""
        return self.is_aggregative and bool(np.all(self._counts == self._counts[0]))

    @property
    def count_payoffs(self) -> np.ndarray:
        """``(n, n)`` array, column ``k − 1`` = payoff with ``k`` entrants (aggregative games)."""
        if not self.is_aggregative:
            raise ValueError("this entry game was given by a callable, not by count payoffs")
        return self._counts

    def tie_tolerance(self, tol: float = RTOL) -> float:
        """``tol · scale``: payoffs within it of zero are ties (indifference).

        ``scale`` is the larger of the constructor's ``scale`` and the largest absolute
        payoff (for a game given by a callable, of its ``2^n`` table).
        """
        tol = positive(tol, "tol", strict=False)
        table = self._counts if self.is_aggregative else self._entrant_table()
        return tol * max(self._scale, data_scale(table))

    def __repr__(self):
        kind = "aggregative" if self.is_aggregative else "general"
        return f"EntryGame(n={self.n}, {kind})"

    def payoff(self, i: int, entrants) -> float:
        """Payoff of firm ``i`` when ``entrants`` enter (0 if ``i`` is not among them)."""
        i = whole_number(i, "firm i", 0, self.n - 1)
        if isinstance(entrants, (str, bytes)) or not hasattr(entrants, "__iter__"):
            raise ValueError(f"entrants must be an iterable of firm indices, got {entrants!r}")
        entrants = frozenset(whole_number(j, "entrant firm", 0, self.n - 1) for j in entrants)
        if i not in entrants:
            return 0.0
        if self.is_aggregative:
            return float(self._counts[i, len(entrants) - 1])
        return float(self._payoff_fn(i, entrants))

    def _entrant_table(self) -> np.ndarray:
        """``T[mask, i]`` = payoff of firm i at the profile ``mask`` (0 if i is out)."""
        if self._table is not None:
            return self._table
        n = self.n
        if n > MAX_ENUMERATION_PLAYERS:
            need = 2**n * n * 8
            raise ValueError(
                f"a general entry game with n={n} firms is solved on its table of 2**{n} "
                f"profiles × {n} payoffs ({need / 2**30:,.1f} GiB); at most "
                f"n={MAX_ENUMERATION_PLAYERS} is supported. Give count payoffs "
                "(EntryGame.from_count_payoffs) if payoffs depend only on the number of entrants"
            )
        masks = np.arange(2**n, dtype=np.int64)
        bits = ((masks[:, None] >> np.arange(n)) & 1).astype(bool)
        if self.is_aggregative:
            k = bits.sum(axis=1)
            col = np.maximum(k, 1)[:, None] - 1
            T = np.where(bits, self._counts[np.arange(n)[None, :], col], 0.0)
        else:
            T = np.zeros((2**n, n))
            for mask in range(1, 2**n):
                members = frozenset(np.flatnonzero(bits[mask]).tolist())
                for i in members:
                    T[mask, i] = finite_scalar(self._payoff_fn(i, members),
                                               f"payoff({i}, {set(members)}) from the callable")
            T = finite_array(T, "payoffs returned by the callable")
        self._table = T
        return T

    # ------------------------------------------------------------------ pure equilibria
    def equilibrium_structure(self, tol: float = RTOL) -> EntryStructure:
        """Forced-in / free firms and equilibrium counts for each number of entrants ``k``.

        With ``τ = tol · scale`` (:meth:`tie_tolerance`; ``tol`` is relative): an entrant
        stays in when ``π_i(k) >= −τ``; an outsider stays out when ``π_j(k + 1) <= τ``, so
        payoffs within ``τ`` of zero are ties (indifference), and the counts where they
        occur are reported in ``ties``. ``tol = 0`` compares the stored floats exactly.
        """
        if not self.is_aggregative:
            raise ValueError("the count structure needs count payoffs "
                             "(EntryGame.from_count_payoffs)")
        tol = self.tie_tolerance(tol)
        n = self.n
        P = self._counts
        can_in = np.zeros((n, n + 1), dtype=bool)
        can_in[:, 1:] = P >= -tol  # entrant at k: π_i(k) >= 0
        can_out = np.zeros((n, n + 1), dtype=bool)
        can_out[:, :n] = P <= tol  # outsider at k: π_j(k + 1) <= 0
        forced, free, count = [], [], []
        for k in range(n + 1):
            fin = np.flatnonzero(can_in[:, k] & ~can_out[:, k])
            fr = np.flatnonzero(can_in[:, k] & can_out[:, k])
            excluded = np.any(~can_in[:, k] & ~can_out[:, k])
            need = k - len(fin)
            c = 0 if excluded or not 0 <= need <= len(fr) else math.comb(len(fr), need)
            forced.append(tuple(int(i) for i in fin))
            free.append(tuple(int(i) for i in fr))
            count.append(c)
        ties = tuple(int(k) + 1 for k in np.flatnonzero(np.any(np.abs(P) <= tol, axis=0)))
        return EntryStructure(tuple(forced), tuple(free), tuple(count), ties, tol)

    def count_equilibria(self) -> int:
        """Number of pure Nash equilibria (exact integer; no listing for aggregative games)."""
        if self.is_aggregative:
            return self.equilibrium_structure().total
        return int(self._pure_mask().sum())

    def _pure_mask(self) -> np.ndarray:
        T = self._entrant_table()
        tol = self.tie_tolerance()
        n = self.n
        masks = np.arange(2**n, dtype=np.int64)
        ok = np.ones(2**n, dtype=bool)
        for i in range(n):
            bit = np.int64(1) << i
            inside = (masks & bit) != 0
            # entrant: π_i(mask) >= 0 ; outsider: 0 >= π_i(mask | bit)
            ok &= np.where(inside, T[:, i] >= -tol, T[masks | bit, i] <= tol)
        return ok

    def pure_nash_equilibria(self, max_listed: int = MAX_LISTED) -> list[tuple[int, ...]]:
        """All pure Nash equilibria as 0/1 tuples (1 = enter), in lexicographic order.

        Aggregative games use the count structure (no ``2^n`` table, any ``n <= 64``);
        general games enumerate the ``2^n`` profiles (``n <= 20``). Ties are weak: a firm
        with zero profit may be in or out. If there are more than ``max_listed``
        equilibria a ``ValueError`` suggests :meth:`count_equilibria`.
        """
        if self.is_aggregative:
            st = self.equilibrium_structure()
            if st.total > max_listed:
                raise ValueError(f"the game has {st.total:,} pure equilibria, more than "
                                 f"max_listed={max_listed:,}; use count_equilibria() or "
                                 "equilibrium_structure()")
            out = []
            for k in range(self.n + 1):
                if not st.count[k]:
                    continue
                for pick in itertools.combinations(st.free[k], k - len(st.forced_in[k])):
                    prof = [0] * self.n
                    for i in st.forced_in[k] + pick:
                        prof[i] = 1
                    out.append(tuple(prof))
            return sorted(out)
        ok = self._pure_mask()
        masks = np.flatnonzero(ok)
        if len(masks) > max_listed:
            raise ValueError(f"the game has {len(masks):,} pure equilibria, more than "
                             f"max_listed={max_listed:,}; use count_equilibria()")
        return sorted(tuple(int(b) for b in (m >> np.arange(self.n)) & 1) for m in masks)

    # ------------------------------------------------------------------ lattice
    def _gain(self, profile: np.ndarray) -> np.ndarray:
        """Each firm's payoff from being in, given the others in ``profile``."""
        if self.is_aggregative:
            k_others = profile.sum() - profile
            return self._counts[np.arange(self.n), k_others]  # column k_others ⇔ k_others+1 in
        out = np.empty(self.n)
        entrants = set(np.flatnonzero(profile).tolist())
        for i in range(self.n):
            out[i] = self._payoff_fn(i, frozenset(entrants | {i}))
        return out

    def is_supermodular(self) -> bool:
        """Increasing differences: ``π_i`` is nondecreasing in the other entrants.

        Aggregative games: ``π_i(k)`` nondecreasing in ``k``. General games are checked on
        the full table (``n <= 20``).
        """
        tol = self.tie_tolerance()
        if self.is_aggregative:
            return bool(np.all(np.diff(self._counts, axis=1) >= -tol))
        T = self._entrant_table()
        masks = np.arange(2**self.n, dtype=np.int64)
        for i in range(self.n):
            inside = (masks >> i) & 1 == 1
            for j in range(self.n):
                if j != i:
                    up = masks | (np.int64(1) << j)
                    if np.any(T[up[inside], i] < T[masks[inside], i] - tol):
                        return False
        return True

    def _monotone_iteration(self, start_in: bool) -> tuple[int, ...]:
        if not self.is_supermodular():
            raise ValueError("least/greatest equilibria exist by Topkis' theorem for supermodular "
                             "games (payoffs nondecreasing in the other entrants); "
                             "this game is not")
        tol = self.tie_tolerance()
        e = np.full(self.n, int(start_in), dtype=np.int64)
        for _ in range(self.n + 1):
            g = self._gain(e)
            new = (g >= -tol if start_in else g > tol).astype(np.int64)
            if np.array_equal(new, e):
                return tuple(int(v) for v in e)
            e = new
        raise RuntimeError("best-response iteration did not converge in n+1 rounds")

    def least_equilibrium(self) -> tuple[int, ...]:
        """The least pure equilibrium of a supermodular entry game (Topkis 1979).

        Simultaneous best-response iteration from "nobody enters", choosing "out" on ties;
        the sequence increases and stops at the least equilibrium within ``n`` rounds.
        """
        return self._monotone_iteration(False)

    def greatest_equilibrium(self) -> tuple[int, ...]:
        """The greatest pure equilibrium of a supermodular entry game (Topkis 1979).

        Best-response iteration from "all enter", choosing "in" on ties. With payoffs
        nondecreasing in the others' entry it Pareto-dominates every other equilibrium
        (Milgrom & Roberts 1990).
        """
        return self._monotone_iteration(True)

    # ------------------------------------------------------------------ symmetric games
    def _symmetric_payoffs(self) -> np.ndarray:
        if not self.is_symmetric:
            raise ValueError("this needs a symmetric game: count payoffs equal for every firm")
        return self._counts[0]

    def symmetric_mixed_equilibria(self, include_pure: bool = True,
                                   exact: bool = False) -> list[float]:
        """Entry probabilities ``p`` of the symmetric equilibria of a symmetric entry game.

        Interior ``p ∈ (0, 1)`` solve the indifference condition

            Σ_{k=0}^{n−1} C(n−1, k) p^k (1 − p)^{n−1−k} π(k + 1) = 0,

        a polynomial of degree ``n − 1`` in Bernstein form (the float payoffs are taken
        as exact binary rationals). ``exact=False`` finds its roots numerically (the
        square-free part from the companion matrix, polished by bisection) and
        *verifies* them: each root must make the Bernstein-form sum vanish to ``1e-9`` of
        the sum of its absolute terms, and the roots found must account for every sign
        change of the Bernstein coefficients that Descartes' rule allows; if either check
        fails, the exact method is used instead. ``exact=True`` isolates the real roots
        exactly with sympy from the start.
        With ``include_pure``, ``p = 0`` is included iff ``π(1) <= 0`` and ``p = 1`` iff
        ``π(n) >= 0`` (zero within :meth:`tie_tolerance`). A game whose indifference
        polynomial vanishes identically (``π ≡ 0``) has a continuum and is refused.

        References
        ----------
        Farouki, R. T. & Rajan, V. T. (1987). On the numerical condition of polynomials in
        Bernstein form. *Computer Aided Geometric Design* 4:191–216.
        """
        pi = self._symmetric_payoffs()
        n = self.n
        exact = flag(exact, "exact")
        if np.all(pi == 0):
            raise ValueError("π(k) = 0 for every k: every p is an equilibrium (degenerate game)")
        coef = np.array([math.comb(n - 1, k) * pi[k] for k in range(n)])
        roots = None if exact else _bernstein_roots_verified(coef)
        if roots is None:
            roots = _bernstein_roots_exact(coef)
        tol = self.tie_tolerance()
        out = []
        if include_pure and pi[0] <= tol:
            out.append(0.0)
        out += [r for r in roots if 0 < r < 1]
        if include_pure and pi[-1] >= -tol:
            out.append(1.0)
        return out

    def free_entry_count(self) -> int:
        """The free-entry number of firms of a symmetric game.

        The largest ``k`` with ``π(k) >= 0`` (0 if ``π(1) < 0``; zero within
        :meth:`tie_tolerance`, so a break-even count is an entry count); when ``π`` is decreasing
        this is the unique ``k`` with ``π(k) >= 0 > π(k + 1)`` (or ``k = n``), the entry
        count of every pure equilibrium (Mankiw & Whinston 1986).
        """
        pi = self._symmetric_payoffs()
        ok = np.flatnonzero(pi >= -self.tie_tolerance())
        return int(ok[-1] + 1) if ok.size else 0

    # ------------------------------------------------------------------ conversions
    def to_normal_form(self):
        """The game as a :class:`NormalFormGame` with actions ("out", "in") (n <= 16)."""
        from .normal_form import NormalFormGame

        if self.n > 16:
            raise ValueError(f"the normal form of an n={self.n} entry game has 2**{self.n} "
                             f"profiles × {self.n} payoffs "
                             f"({2**self.n * self.n * 8 / 2**20:,.0f} MiB); "
                             "at most n=16 is supported")
        T = self._entrant_table()  # index: mask with bit i = firm i
        n = self.n
        # NormalFormGame axis i is firm i; C-order flat index has firm 0 most significant.
        masks = np.arange(2**n, dtype=np.int64)
        rev = np.zeros(2**n, dtype=np.int64)
        for i in range(n):
            rev |= ((masks >> i) & 1) << (n - 1 - i)
        payoffs = T[rev].reshape((2,) * n + (n,))
        return NormalFormGame(payoffs, self.names, [("out", "in")] * n)

    def nash_equilibria(self, **kwargs):
        """All (extreme) mixed equilibria of a two-firm entry game, via :class:`NormalFormGame`."""
        if self.n != 2:
            raise ValueError("mixed equilibria are computed for two firms; "
                             f"this game has {self.n}. "
                             "For symmetric games use symmetric_mixed_equilibria()")
        return self.to_normal_form().nash_equilibria(**kwargs)

    def _repr_html_(self):
        if self.is_aggregative:
            header = ["firm"] + [f"π(k={k})" for k in range(1, self.n + 1)]
            rows = [[self.names[i]] + [float(v) for v in self._counts[i]]
                    for i in range(min(self.n, 40))]
            return html_table(header, rows, caption=f"EntryGame: {self.n} firms, count payoffs")
        return html_table(["n", "payoff"], [[self.n, "callable payoff(i, entrants)"]],
                          caption="EntryGame")


def _bernstein_eval(coef: np.ndarray, p) -> np.ndarray:
    """Σ_k coef_k p^k (1−p)^{d−k}, d = len(coef) − 1 (coef already includes the binomials)."""
    p = np.asarray(p, float)
    d = len(coef) - 1
    k = np.arange(d + 1)
    return (coef * p[..., None] ** k * (1 - p[..., None]) ** (d - k)).sum(axis=-1)


def _bernstein_poly(coef: np.ndarray):
    """The Bernstein-form polynomial as an exact sympy ``Poly`` (floats are binary rationals)."""
    import sympy as sp

    p = sp.Symbol("p")
    d = len(coef) - 1
    expr = sum(sp.Rational(float(coef[k])) * p**k * (1 - p) ** (d - k) for k in range(d + 1))
    poly = sp.Poly(sp.expand(expr), p)
    if poly.is_zero:
        raise ValueError("the indifference polynomial vanishes identically (degenerate game)")
    return poly


def _bernstein_roots(coef: np.ndarray) -> list[float]:
    """Roots in (0, 1) of the Bernstein-form polynomial, numerically.

    A multiple root blurs into a cluster of ``eps**(1/m)``-wide numerical roots, so the
    polynomial is first reduced exactly to its square-free part (sympy), whose roots are
    all simple; those are found from the companion matrix and on sign changes of a grid,
    and polished by bisection (``brentq``).
    """
    from numpy.polynomial import Polynomial
    from scipy.optimize import brentq

    sqf = _bernstein_poly(coef).sqf_part()
    for corner in (0, 1):  # the corners are not interior roots: divide them out exactly
        if sqf.eval(corner) == 0:
            sqf = sqf.exquo(sqf.__class__([1, -corner], *sqf.gens))
    poly = Polynomial(np.array([float(c) for c in reversed(sqf.all_coeffs())]))
    scale = float(np.abs(poly.coef).max())
    poly = Polynomial(poly.coef / scale)
    d = poly.degree()
    if d < 1:
        return []
    cand = [float(r.real) for r in poly.roots() if abs(r.imag) < 1e-7 and 0 < r.real < 1]
    grid = np.linspace(0, 1, 4 * d + 65)
    vals = poly(grid)
    for a, b, fa, fb in zip(grid[:-1], grid[1:], vals[:-1], vals[1:], strict=True):
        if fa * fb < 0:
            cand.append(brentq(poly, a, b, xtol=1e-15))
        elif fb == 0 and 0 < b < 1:
            cand.append(float(b))
    out = []
    for r in sorted(cand):
        lo, hi = max(r - 1e-9, 0.0), min(r + 1e-9, 1.0)
        if poly(lo) * poly(hi) < 0:
            r = brentq(poly, lo, hi, xtol=1e-15)
        if abs(poly(r)) > 1e-9:
            continue
        if 0 < r < 1 and not any(abs(r - s) < 1e-9 for s in out):
            out.append(float(r))
    return out


def _sign_variations(coef: np.ndarray) -> int:
    """Sign changes in the sequence of non-zero coefficients."""
    sg = np.sign(coef[coef != 0])
    return int(np.count_nonzero(sg[1:] != sg[:-1]))


def _bernstein_roots_verified(coef: np.ndarray) -> list[float] | None:
    """Numeric roots in (0, 1), or ``None`` when they cannot be trusted.

    Each root must make the Bernstein sum vanish to ``1e-9`` of the sum of the absolute
    values of its terms (evaluated in the stable Bernstein form, not the power basis),
    and the number of roots must be at most the number ``V`` of sign variations of the
    Bernstein coefficients and of the same parity (Descartes' rule for the Bernstein
    basis counts roots in (0, 1) with multiplicity; ours are simple roots of the
    square-free part, so a parity mismatch means a root was lost or invented).
    """
    roots = _bernstein_roots(coef)
    if roots:
        r = np.asarray(roots)
        val = np.abs(_bernstein_eval(coef, r))
        mag = _bernstein_eval(np.abs(coef), r)
        if np.any(val > 1e-9 * mag):
            return None
    V = _sign_variations(np.asarray(coef, float))
    if len(roots) > V or (V - len(roots)) % 2:
        return None
    return roots


def _bernstein_roots_exact(coef: np.ndarray) -> list[float]:
    roots = [float(r.evalf(30)) for r in _bernstein_poly(coef).real_roots()]
    out = []
    for r in roots:
        if 0 < r < 1 and not any(abs(r - s) < 1e-12 for s in out):
            out.append(r)
    return sorted(out)


def duopoly_entry_grid(market_size, fixed_cost, monopoly_share: float = 0.25,
                       duopoly_share: float = 1 / 9) -> DuopolyEntryMap:
    """Two-firm entry over a grid of market size ``S`` and fixed cost ``F``.

    ``π(1) = S·monopoly_share − F`` and ``π(2) = S·duopoly_share − F``; the defaults are
    linear Cournot with ``S = (a − c)²/b``: monopoly profit ``S/4``, duopoly ``S/9``.
    Returns :func:`symmetric_duopoly_entry` on the ``(len(F), len(S))`` mesh.

    References
    ----------
    Bresnahan & Reiss (1991).
    Tirole (1988), ch. 5.
    """
    S = nonempty_grid(market_size, "market_size")
    F = nonempty_grid(fixed_cost, "fixed_cost")
    for name, grid in (("market_size", S), ("fixed_cost", F)):
        if np.any(grid < 0):
            raise ValueError(f"{name} must be >= 0 everywhere, found {grid[grid < 0][0]}")
    monopoly_share = positive(monopoly_share, "monopoly_share")
    duopoly_share = positive(duopoly_share, "duopoly_share", strict=False)
    SS, FF = np.meshgrid(S, F)
    return symmetric_duopoly_entry(SS * monopoly_share - FF, SS * duopoly_share - FF)


def count_lattice(sizes) -> np.ndarray:
    """All count vectors ``k`` with ``0 ≤ k_t ≤ sizes[t]``, one per row, in C order.

    Row ``r`` is the vector whose mixed-radix code (radices ``sizes + 1``, last type
    fastest) is ``r``: :func:`count_index` inverts it.
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    grids = np.meshgrid(*[np.arange(s + 1) for s in sizes], indexing="ij")
    return np.stack([g.ravel() for g in grids], axis=-1).reshape(-1, sizes.size)


def count_index(k, sizes) -> np.ndarray:
    """Row of :func:`count_lattice` holding the count vector(s) ``k`` (last axis: types)."""
    k = np.asarray(k, dtype=np.int64)
    radix = np.asarray(sizes, dtype=np.int64) + 1
    weights = np.concatenate([np.cumprod(radix[::-1])[::-1][1:], [1]])
    return (k * weights).sum(axis=-1)


def typed_entry_equilibria(sizes, payoffs, scale: float = 0.0, rtol: float = RTOL) -> np.ndarray:
    """Pure Nash equilibria of a binary entry game with types, as count vectors.

    ``sizes[t]`` identical firms of type ``t``; an entrant of type ``t`` earns
    ``payoffs[..., t, r]`` when the entrants by type are the count vector of row ``r``
    of :func:`count_lattice(sizes) <count_lattice>` (staying out earns 0). A count vector
    ``k`` is an equilibrium (every assignment of firms with these counts is) iff for every
    type ``t``

        k_t = 0  or  u_t(k) ≥ −τ       (entrants stay in),
        k_t = n_t  or  u_t(k + e_t) ≤ τ  (outsiders stay out),

    with the tie tolerance ``τ = rtol · max(scale, max|payoffs|)`` of the package's
    policy. With one type this is :meth:`EntryGame.equilibrium_structure` of a symmetric
    game; with every firm its own type, the ``2^n`` pure profiles. Vectorised over any
    leading grid axes; returns a boolean mask ``(..., K)`` over the count lattice.
    Payoffs at rows with ``k_t = 0`` are never read for type ``t`` (any finite value).

    References
    ----------
    Bresnahan, T. F. & Reiss, P. C. (1991). Entry and competition in concentrated
    markets. *JPE* 99:977–1009 (entry thresholds by firm type, Mazzeo 2002 *RAND*
    33:221 for several types).
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    U = np.asarray(payoffs, dtype=float)
    lattice = count_lattice(sizes)
    K, T = lattice.shape
    if U.shape[-2:] != (T, K):
        raise ValueError(f"payoffs must have shape (..., {T}, {K}) (types × count vectors), "
                         f"got {U.shape}")
    tol = rtol * max(float(scale), data_scale(U))
    ok = np.ones(U.shape[:-2] + (K,), dtype=bool)
    for t in range(T):
        k_t = lattice[:, t]
        stay = (k_t == 0) | (U[..., t, :] >= -tol)
        up = np.where(k_t < sizes[t], count_index(lattice + np.eye(T, dtype=np.int64)[t], sizes),
                      0)
        out = (k_t == sizes[t]) | (U[..., t, up] <= tol)
        ok &= stay & out
    return ok
