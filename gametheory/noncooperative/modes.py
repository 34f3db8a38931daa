"""Entry games with several entry modes: stay out, export, non-equity, greenfield, M&A.

Each of ``n`` firms chooses an action ``a_i ∈ {0, 1, …, M}``: ``0`` = stay out (payoff 0)
or one of ``M`` entry modes (by default ``("export", "non-equity", "greenfield", "M&A")``).
The game is *aggregative*: firm ``i``'s payoff in mode ``j`` depends on its own type and
on the vector of counts ``k = (k_1, …, k_M)`` of firms in each mode (``k_j`` includes
``i`` itself), ``u_i(j, k)``. Pure equilibria are found on the ``C(n + M, M)`` count
vectors, never on the ``(M + 1)^n`` profile table.

**Who may sit where.** With ``k_0 = n − Σ_j k_j`` firms out and ``e_0 = 0``, a firm in
action ``a`` at counts ``k`` (``k_a >= 1``) is content iff

    u_i(a, k) >= u_i(a', k − e_a + e_{a'})     for every a' ≠ a,

(moving changes the counts). Write ``A_t(k) ⊆ {0 … M}`` for the actions a type-``t``
firm may hold at ``k``. A profile with counts ``k`` is a Nash equilibrium iff every firm
holds an action in its ``A_t(k)`` - so equilibria with counts ``k`` exist iff the
transportation problem "``n_t`` firms of type ``t``, ``k_a`` places in action ``a``, type
``t`` may go to ``a`` iff ``a ∈ A_t(k)``" is feasible. By the supply–demand theorem
(Gale 1957; Hall's theorem for b-matchings) it is feasible iff for every set ``U`` of
types ``Σ_{t∈U} n_t <= Σ_{a ∈ A(U)} k_a`` (``A(U) = ∪_{t∈U} A_t(k)``), equivalently for
every set ``S`` of actions ``Σ_{a∈S} k_a <= Σ_{t: A_t(k) ∩ S ≠ ∅} n_t``; the smaller of
the two families is checked, vectorised over all ``k`` at once (``scipy``'s maximum flow
is used instead when both have more than ``2^12`` sets).

**Counting.** The number of equilibria with counts ``k`` is the number of assignments of
the (distinguishable) firms to actions with exactly ``k_a`` in ``a`` and each firm in an
allowed action, the coefficient of ``z^k`` in ``Π_i Σ_{a ∈ A_{t(i)}(k)} z_a``; it is
computed exactly (Python integers when needed) by a dynamic programme over firms on the
``Π_a (k_a + 1)`` remaining-capacity states, and by the multinomial
``n! / Π_a k_a!`` when all firms are alike. Equilibria are listed by walking that
table, so listing costs time proportional to the output.

References
----------
Helpman, E., Melitz, M. J. & Yeaple, S. R. (2004). Export versus FDI with heterogeneous
firms. *American Economic Review* 94:300–316.
Horstmann, I. J. & Markusen, J. R. (1992). Endogenous market structures in international
trade (natura facit saltum). *Journal of International Economics* 32:109–129.
Nocke, V. & Yeaple, S. (2007). Cross-border mergers and acquisitions vs. greenfield
foreign direct investment: the role of firm heterogeneity. *Journal of International
Economics* 72:336–365.
Gale, D. (1957). A theorem on flows in networks. *Pacific J. Math.* 7:1073–1082.
Bresnahan, T. F. & Reiss, P. C. (1991). Entry and competition in concentrated markets.
*Journal of Political Economy* 99:977–1009.
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
    names_for,
    nonnegative_array,
    positive,
    whole_number,
)

#: Default names of the four entry modes (action 0 is "out").
DEFAULT_MODES = ("export", "non-equity", "greenfield", "M&A")
#: Largest number of count vectors C(n + M, M) the solver works on.
MAX_COUNT_VECTORS = 2_000_000
#: Largest number of subsets (of types or of actions) in the vectorised Hall check.
MAX_HALL_SUBSETS = 2**12
#: Default cap on the number of equilibria listed by ``pure_nash_equilibria``.
MAX_LISTED = 1_000_000


def _binomial_table(N: int, M: int) -> np.ndarray:
    B = np.zeros((N + 1, M + 1), dtype=np.int64)
    for x in range(N + 1):
        for m in range(min(x, M) + 1):
            B[x, m] = math.comb(x, m)
    return B


def count_vector_rank(counts, n: int) -> np.ndarray:
    """Index of count vectors ``k = (k_1, …, k_M)`` (``Σ k_j <= n``) in :func:`count_vectors`.

    Combinatorial number system: with bar positions ``p_m = k_1 + … + k_m + m − 1``
    (strictly increasing, ``p_M <= n + M − 1``) the rank is ``Σ_{m=1}^{M} C(p_m, m)``, a
    bijection onto ``0 … C(n + M, M) − 1`` (Knuth, TAOCP 4A, 7.2.1.3).
    """
    k = np.asarray(counts, dtype=np.int64)
    M = k.shape[-1]
    B = _binomial_table(n + M, M)
    p = np.cumsum(k, axis=-1) + np.arange(M)
    return B[p, np.arange(1, M + 1)].sum(axis=-1)


def count_vectors(n: int, M: int) -> np.ndarray:
    """All count vectors ``k ∈ ℕ^M`` with ``Σ_j k_j <= n``, shape ``(C(n+M, M), M)``.

    Row ``c`` is the vector of rank ``c`` (:func:`count_vector_rank`); this is the order
    of the last axis of :meth:`ModeEntryGame.from_arrays` payload arrays.
    """
    n = whole_number(n, "n (number of firms)", 1)
    M = whole_number(M, "M (number of entry modes)", 1)
    K = math.comb(n + M, M)
    if K > MAX_COUNT_VECTORS:
        raise ValueError(f"n={n} firms and M={M} modes give C(n+M, M) = {K:,} count vectors; "
                         f"at most {MAX_COUNT_VECTORS:,} are supported")
    bars = np.array(list(itertools.combinations(range(n + M), M)), dtype=np.int64)
    k = np.diff(np.concatenate([np.full((K, 1), -1), bars], axis=1), axis=1) - 1
    out = np.empty_like(k)
    out[count_vector_rank(k, n)] = k
    return out


@dataclass(frozen=True)
class ModeEntryStructure(ResultMixin):
    """Count vectors that carry pure equilibria, and how many equilibria each carries.

    Attributes
    ----------
    counts : tuple of tuples
        Each ``(k_1, …, k_M)``: number of firms in each entry mode.
    number : tuple of int
        Exact number of pure equilibria (profiles) with those counts.
    modes : tuple of str
        Mode names, for display.

    References
    ----------
    Helpman, Melitz & Yeaple (2004).
    """

    counts: tuple
    number: tuple
    modes: tuple

    @property
    def total(self) -> int:
        return int(sum(self.number))


class ModeEntryGame:
    """An n-firm entry game with ``M`` entry modes; payoffs depend on own type and mode counts.

    Action 0 is "stay out" (payoff 0); action ``j = 1 … M`` is mode ``j``, paying
    ``u_i(j, k)`` where ``k = (k_1, …, k_M)`` counts the firms in each mode (``i``
    included). See the module docstring for the equilibrium conditions.

    Parameters
    ----------
    n : int
        Number of firms.
    payoff : callable ``payoff(i, mode, counts) -> float``
        Firm ``i``'s payoff in ``mode`` (1 … M) when ``counts`` (a tuple of length ``M``,
        with ``counts[mode − 1] >= 1``) firms are in each mode. Evaluated once for every
        type, mode and count vector (``T · M · C(n+M, M)`` calls), on the first firm of
        each type.
    modes : int or sequence of str, default ``DEFAULT_MODES``
        The number of modes ``M`` (names "mode 1", …, except ``M = 4`` which gets the
        default names) or their names.
    types : sequence of hashables, optional
        Firms with equal labels are declared to have identical payoff functions; the
        solver works on types (e.g. ``["large"] * 5 + ["SME"] * 20``). Default: every
        firm its own type.
    names : sequence of str, optional
        Firm names.

    Examples
    --------
    Two identical firms; exporting pays 1, a greenfield plant pays 2 alone and −1 when
    the rival builds one too:

    >>> import gametheory as gt
    >>> u = lambda i, mode, k: {1: 1.0, 2: 2 - 3 * (k[1] - 1)}[mode]
    >>> g = gt.ModeEntryGame(2, u, modes=("export", "greenfield"), types=[0, 0])
    >>> g.pure_nash_equilibria()
    [(1, 2), (2, 1)]

    References
    ----------
    Helpman, Melitz & Yeaple (2004).
    Bresnahan & Reiss (1991).
    """

    def __init__(self, n, payoff: Callable | None = None, modes=None, types=None, names=None,
                 *, scale=None, _values=None):
        self.n = whole_number(n, "the number of firms n", 1)
        # money scale of the primitives behind the payoffs: ties are payoffs within
        # RTOL · max(scale, max|payoff|) of each other (the package's tie policy)
        self._scale = 0.0 if scale is None else positive(scale, "scale", strict=False)
        if modes is None:
            modes = DEFAULT_MODES
        if isinstance(modes, (int, np.integer)) and not isinstance(modes, bool):
            M = whole_number(modes, "the number of entry modes M", 1)
            modes = DEFAULT_MODES if M == 4 else tuple(f"mode {j}" for j in range(1, M + 1))
        modes = tuple(str(m) for m in modes)
        if len(modes) == 0:
            raise ValueError("an entry game needs at least one entry mode (M >= 1), got none")
        self.modes = names_for(len(modes), modes, "mode")
        self.M = len(self.modes)
        if "out" in self.modes:
            raise ValueError("'out' is action 0 and cannot be a mode name")
        self.names = names_for(self.n, names, "firm")
        self.K = math.comb(self.n + self.M, self.M)
        if self.K > MAX_COUNT_VECTORS:
            raise ValueError(f"n={self.n} firms and M={self.M} modes give C(n+M, M) = "
                             f"{self.K:,} count vectors; at most {MAX_COUNT_VECTORS:,} "
                             "are supported")
        if types is None:
            labels = list(range(self.n))
        else:
            labels = list(types)
            if len(labels) != self.n:
                raise ValueError(f"types must give one label per firm ({self.n}), "
                                 f"got {len(labels)}")
        first: dict = {}
        try:
            self.type_of = np.array([first.setdefault(lab, len(first)) for lab in labels],
                                    dtype=np.int64)
        except TypeError:
            raise ValueError("type labels must be hashable (str, int, …)") from None
        self.T = len(first)
        self.type_sizes = np.bincount(self.type_of, minlength=self.T)
        self._cv = count_vectors(self.n, self.M)
        if _values is not None:
            self._values = _values
        else:
            if not callable(payoff):
                raise ValueError("ModeEntryGame(n, payoff) needs a callable "
                                 "payoff(i, mode, counts); use ModeEntryGame.from_arrays "
                                 "for arrays")
            reps = [int(np.flatnonzero(self.type_of == t)[0]) for t in range(self.T)]
            V = np.zeros((self.T, self.M, self.K))
            rows = [tuple(int(x) for x in row) for row in self._cv]
            for t, i in enumerate(reps):
                for j in range(self.M):
                    for c, k in enumerate(rows):
                        if k[j] >= 1:
                            V[t, j, c] = payoff(i, j + 1, k)
            self._values = finite_array(V, "payoffs returned by the callable")
        self._values.setflags(write=False)
        self._allowed = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_arrays(cls, payoffs, types=None, modes=None, names=None,
                    scale=None) -> ModeEntryGame:
        """A mode-entry game from ``payoffs[i, j − 1, c]`` = firm i's payoff in mode j at counts c.

        Parameters
        ----------
        payoffs : array of shape (n, M, K), (T, M, K) with ``types``, or (M, K)
            The last axis runs over the ``K = C(n + M, M)`` count vectors in the order of
            :func:`count_vectors(n, M) <count_vectors>` (index ``c`` of ``k`` is
            :func:`count_vector_rank`). Entries with ``k_j = 0`` are never used (a firm in
            mode ``j`` makes ``k_j >= 1``) but must be finite. A 2-D array gives every
            firm the same payoffs (``n`` is read off ``K``).
        types : sequence of int in ``0 … T−1``, optional
            Row of ``payoffs`` used by each firm; then ``payoffs`` has one row per type.
            Without it, firms with identical rows are grouped into types automatically.
        """
        arr = finite_array(payoffs, "payoffs (mode payoffs)")
        if arr.ndim == 2:
            M, K = arr.shape
            if M < 1:
                raise ValueError("mode payoffs need at least one mode (M >= 1), got shape "
                                 f"{arr.shape}")
            n = 0
            while math.comb(n + M, M) < K:
                n += 1
            if n < 1 or math.comb(n + M, M) != K:
                raise ValueError(f"a 2-D payoff array (M, K) needs K = C(n+M, M) for some "
                                 f"n >= 1; got K = {K} with M = {M}")
            arr = arr[None]
            types = [0] * n
        if arr.ndim != 3 or arr.shape[1] < 1:
            raise ValueError("mode payoffs must have shape (n, M, K) (firm, mode, count "
                             "vector), (T, M, K) with types, or (M, K); "
                             f"got shape {arr.shape}")
        R, M, K = arr.shape
        if types is None:
            n = R
            uniq, labels = np.unique(arr.reshape(R, -1), axis=0, return_inverse=True)
            labels = [int(x) for x in np.ravel(labels)]
            arr = uniq.reshape((-1, M, K))  # row t of arr is type t
        else:
            labels = list(types)
            n = len(labels)
            if n < 1:
                raise ValueError("types must list at least one firm")
            if any(not isinstance(x, (int, np.integer)) or isinstance(x, bool)
                   or not 0 <= x < R for x in labels):
                raise ValueError(f"types must be row indices 0..{R - 1} of the payoff array")
        if math.comb(n + M, M) != K:
            raise ValueError(f"the last axis must run over the C(n+M, M) = "
                             f"{math.comb(n + M, M)} count vectors of n={n} firms and M={M} "
                             f"modes (see count_vectors(n, M)); got length {K}")
        game = cls.__new__(cls)
        # relabel the used rows as types 0..T-1 in order of first appearance
        used = list(dict.fromkeys(labels))
        V = np.array(arr[used], dtype=float)
        mode_arg = M if modes is None else modes
        game.__init__(n, modes=mode_arg, types=labels, names=names, scale=scale, _values=V)
        if game.M != M:
            raise ValueError(f"{game.M} mode names given for payoffs with M = {M} modes")
        return game

    @classmethod
    def independent(cls, values, modes=None, names=None, scale=None) -> ModeEntryGame:
        """A game without strategic interaction: ``u_i(j, k) = values[i, j − 1]`` for all ``k``.

        Each firm simply picks its best mode (or stays out if every mode pays < 0).
        """
        v = finite_array(values, "values (mode values)")
        if v.ndim != 2 or v.shape[0] < 1 or v.shape[1] < 1:
            raise ValueError(f"values (mode values) must have shape (n, M), got {v.shape}")
        n, M = v.shape
        K = math.comb(n + M, M)
        if K > MAX_COUNT_VECTORS:
            raise ValueError(f"n={n} firms and M={M} modes give {K:,} count vectors; at most "
                             f"{MAX_COUNT_VECTORS:,} are supported")
        uniq, labels = np.unique(v, axis=0, return_inverse=True)
        labels = [int(x) for x in np.ravel(labels)]
        arr = np.broadcast_to(uniq[:, :, None], uniq.shape + (K,))
        return cls.from_arrays(arr, types=labels, modes=modes, names=names, scale=scale)

    @classmethod
    def hmy(cls, Phi, B, tau, sigma, f_X, f_I, names=None) -> ModeEntryGame:
        """Helpman–Melitz–Yeaple (2004) export-versus-FDI choice of firms with productivity Φ_i.

        Modes ("export", "FDI"): ``π_X = τ^{1−σ} B Φ_i − f_X`` and ``π_I = B Φ_i − f_I``
        (``Φ = φ^{σ−1}``), staying out pays 0. ``B`` is the host demand level, taken as
        given by each (monopolistically competitive) firm, so payoffs do not depend on
        the counts and the unique equilibrium (when no firm is indifferent) sorts firms by
        the cut-offs ``Φ_X = f_X / (τ^{1−σ} B)`` and ``Φ_I = (f_I − f_X)/((1 − τ^{1−σ}) B)``
        (COST-1; :class:`gametheory.models.EntryModeSorting`).
        """
        Phi = finite_array(Phi, "Phi (productivity index)")
        if Phi.ndim != 1 or Phi.size == 0 or np.any(Phi < 0):
            raise ValueError("Phi (productivity index φ^{σ−1}) must be a non-empty 1-D array "
                             f"of values >= 0, got {Phi!r}")
        B = positive(B, "B (host demand level)")
        tau = finite_scalar(tau, "tau (iceberg trade cost)")
        sigma = finite_scalar(sigma, "sigma (elasticity of substitution)")
        if tau <= 1 or sigma <= 1:
            raise ValueError(f"tau and sigma must be > 1, got tau={tau}, sigma={sigma}")
        f_X = positive(f_X, "f_X (export fixed cost)", strict=False)
        f_I = positive(f_I, "f_I (FDI fixed cost)")
        free = tau ** (1.0 - sigma)
        values = np.stack([free * B * Phi - f_X, B * Phi - f_I], axis=1)
        return cls.independent(values, modes=("export", "FDI"), names=names,
                               scale=data_scale(B * Phi, f_X, f_I))

    @classmethod
    def cournot(cls, a, b, mode_costs, fixed_costs, *, n: int | None = None,
                incumbents: int = 0, incumbent_cost=None, modes=None,
                names=None) -> ModeEntryGame:
        """Mode choice followed by Cournot competition in the host market.

        Inverse demand ``P = a − bQ``. A firm in mode ``j`` produces for the host market
        at marginal cost ``c_j = mode_costs[j − 1]`` and pays the fixed cost
        ``F_{ij} = fixed_costs[i, j − 1]``; ``m`` local incumbents have cost
        ``incumbent_cost``. Given the counts, quantities are the Cournot–Nash equilibrium
        with corner solutions (:func:`gametheory.markets.cournot`): with the active set
        the lowest-cost firms, ``p = (a + Σ_active c)/(m_active + 1)``, a mode-``j``
        firm earns ``b q_j² − F_{ij}`` with ``q_j = max(p − c_j, 0)/b``.

        A standard parametrisation (Horstmann & Markusen 1992; Nocke & Yeaple 2007):
        export ``c_X = c + t`` (per-unit trade cost ``t``), non-equity (licensing /
        contract manufacturing) ``c_N = c + r`` (per-unit fee ``r < t``), greenfield
        ``c_G = c``, M&A ``c_M = c − δ`` (the acquired local firm's cost advantage),
        with fixed costs ``f_X < f_N < f_G`` and ``f_M`` (the acquisition price); large
        firms and SMEs differ in their fixed costs (SMEs face higher costs of equity
        modes). The acquisition does not remove an incumbent here.

        Parameters
        ----------
        a, b : float > 0
        mode_costs : array of shape (M,), entries in [0, a]
        fixed_costs : array of shape (M,) (all firms alike; give ``n``) or (n, M)
        n : int, optional
            Number of firms when ``fixed_costs`` has shape (M,).
        incumbents : int >= 0
        incumbent_cost : float, needed when ``incumbents > 0``
        """
        from ..markets import cournot as cournot_market

        a = positive(a, "a (demand intercept)")
        b = positive(b, "b (demand slope)")
        c = finite_array(mode_costs, "mode_costs")
        if c.ndim != 1 or c.size < 1:
            raise ValueError(f"mode_costs must be a 1-D array with one marginal cost per mode, "
                             f"got shape {c.shape}")
        if np.any(c < 0) or np.any(c > a):
            raise ValueError(f"mode_costs must lie in [0, a] = [0, {a}], got {c.tolist()}")
        M = c.size
        F = nonnegative_array(fixed_costs, "fixed_costs")
        if F.ndim not in (1, 2) or F.shape[-1] != M or F.shape[0] < 1:
            raise ValueError(f"fixed_costs must have shape (M,) = ({M},) or (n, {M}), "
                             f"got {np.shape(fixed_costs)}")
        if F.ndim == 1:
            if n is None:
                raise ValueError("give n (the number of firms) when fixed_costs has shape (M,)")
            n = whole_number(n, "the number of firms n", 1)
            F = np.broadcast_to(F, (n, M))
        elif n is not None and n != F.shape[0]:
            raise ValueError(f"fixed_costs has {F.shape[0]} rows but n = {n}")
        n = F.shape[0]
        kv = count_vectors(n, M)
        K = kv.shape[0]
        slot_cost = np.full((K, n), a)  # firms not in the market get cost a: priced out
        first = np.zeros((K, M), dtype=np.int64)
        start = np.zeros(K, dtype=np.int64)
        slots = np.arange(n)
        for j in range(M):
            first[:, j] = start
            stop = start + kv[:, j]
            inside = (slots[None, :] >= start[:, None]) & (slots[None, :] < stop[:, None])
            slot_cost = np.where(inside, c[j], slot_cost)
            start = start + kv[:, j]
        res = cournot_market(a, b, slot_cost, incumbents=incumbents,
                             incumbent_cost=incumbent_cost)
        q = np.take_along_axis(np.asarray(res.quantities)[:, :n], np.minimum(first, n - 1), axis=1)
        profit = b * q**2  # (K, M), valid where k_j >= 1
        uniq, labels = np.unique(F, axis=0, return_inverse=True)
        V = profit.T[None, :, :] - uniq[:, :, None]
        return cls.from_arrays(V, types=[int(x) for x in np.ravel(labels)],
                               modes=modes if modes is not None else M, names=names,
                               scale=data_scale(profit, F))

    # ------------------------------------------------------------------ basics
    def __repr__(self):
        return f"ModeEntryGame(n={self.n}, modes={self.modes}, types={self.T})"

    @property
    def actions(self) -> tuple[str, ...]:
        """Action names: ``("out",) + modes``."""
        return ("out",) + self.modes

    def mode_payoff(self, i: int, mode: int, counts) -> float:
        """``u_i(mode, counts)`` for ``mode`` in 1 … M (``counts[mode − 1] >= 1``)."""
        i = whole_number(i, "firm i", 0, self.n - 1)
        mode = whole_number(mode, "mode", 1, self.M)
        k = _integer_vector(counts, "counts")
        if k.shape != (self.M,) or np.any(k < 0) or k.sum() > self.n or k[mode - 1] < 1:
            raise ValueError(f"counts must be {self.M} non-negative integers with sum <= "
                             f"{self.n} and at least one firm in mode {mode}, got {counts}")
        return float(self._values[self.type_of[i], mode - 1, count_vector_rank(k, self.n)])

    def payoff(self, i: int, profile) -> float:
        """Firm ``i``'s payoff at a pure profile (actions 0 … M, one per firm)."""
        prof = self._profile(profile)
        i = whole_number(i, "firm i", 0, self.n - 1)
        if prof[i] == 0:
            return 0.0
        k = np.bincount(prof, minlength=self.M + 1)[1:]
        return self.mode_payoff(i, int(prof[i]), k)

    def _profile(self, profile) -> np.ndarray:
        prof = _integer_vector(profile, "profile")
        if prof.shape != (self.n,) or np.any(prof < 0) or np.any(prof > self.M):
            raise ValueError(f"a profile lists one action in 0..{self.M} per firm ({self.n}), "
                             f"got {profile}")
        return prof

    def is_equilibrium(self, profile) -> bool:
        """Whether a pure profile is a Nash equilibrium (weak best responses)."""
        prof = self._profile(profile)
        k = np.bincount(prof, minlength=self.M + 1)
        c = int(count_vector_rank(k[1:], self.n))
        A = self._allowed_table()
        return bool(np.all(A[self.type_of, prof, c]))

    # ------------------------------------------------------------------ solver
    def _allowed_table(self) -> np.ndarray:
        """``A[t, a, c]``: a type-t firm may hold action a at count vector c (Nash)."""
        if self._allowed is not None:
            return self._allowed
        n, M, K = self.n, self.M, self.K
        kv = self._cv
        full = np.concatenate([(n - kv.sum(axis=1))[:, None], kv], axis=1)  # (K, M+1), k_0 first
        E = np.eye(M + 1, dtype=np.int64)[:, 1:]  # e_a in count space, e_0 = 0
        V = self._values
        T = self.T
        # u[t, a, c]: payoff of holding a at counts c (0 for out; garbage where k_a = 0)
        U = np.concatenate([np.zeros((T, 1, K)), V], axis=1)
        tol = RTOL * max(self._scale, data_scale(V))  # the package's tie policy
        A = np.zeros((T, M + 1, K), dtype=bool)
        for src in range(M + 1):
            valid = full[:, src] >= 1
            best_dev = np.full((T, K), -np.inf)
            for dst in range(M + 1):
                if dst == src:
                    continue
                moved = kv - E[src] + E[dst]
                moved = np.where(valid[:, None], moved, 0)
                idx = count_vector_rank(moved, n)
                best_dev = np.maximum(best_dev, U[:, dst, idx])
            A[:, src, :] = valid[None, :] & (U[:, src, :] >= best_dev - tol)
        A.setflags(write=False)
        self._allowed = A
        self._full = full
        return A

    def _feasible(self) -> np.ndarray:
        """Indices ``c`` of count vectors that carry at least one pure equilibrium."""
        A = self._allowed_table()
        full = self._full
        nt = self.type_sizes
        # necessary: each type has an allowed action; each occupied action an allowed type
        cand = A.any(axis=1).all(axis=0) & np.all(A.any(axis=0) | (full.T == 0), axis=0)
        idx = np.flatnonzero(cand)
        if idx.size == 0:
            return idx
        As = A[:, :, idx]
        ks = full[idx].T  # (M+1, L)
        T, M1 = self.T, self.M + 1
        ok = np.ones(idx.size, dtype=bool)
        if min(2**T, 2**M1) <= MAX_HALL_SUBSETS:
            if 2**T <= 2**M1:  # sets of types U: Σ_U n_t <= Σ_{a ∈ A(U)} k_a
                for U in range(1, 2**T):
                    members = [t for t in range(T) if U >> t & 1]
                    nbr = As[members].any(axis=0)  # (M+1, L)
                    ok &= nt[members].sum() <= (nbr * ks).sum(axis=0)
            else:  # sets of actions S: Σ_S k_a <= Σ_{t: A_t ∩ S ≠ ∅} n_t
                for S in range(1, 2**M1):
                    acts = [a for a in range(M1) if S >> a & 1]
                    nbr = As[:, acts, :].any(axis=1)  # (T, L)
                    ok &= ks[acts].sum(axis=0) <= nt @ nbr
        else:
            ok = np.array([_max_flow_feasible(As[:, :, m], nt, ks[:, m])
                           for m in range(idx.size)], dtype=bool)
        return idx[ok]

    def _suffix_tables(self, c: int) -> list[np.ndarray]:
        """``D[f][r]`` = assignments of firms f … n−1 filling exactly ``r`` places per action."""
        A = self._allowed_table()
        k = self._full[c]
        shape = tuple(int(x) + 1 for x in k)
        dtype = np.int64 if (self.M + 1) ** self.n < 2**62 else object
        D = np.zeros(shape, dtype=dtype)
        D[(0,) * (self.M + 1)] = 1
        tables = [D]
        for f in range(self.n - 1, -1, -1):
            new = np.zeros(shape, dtype=dtype)
            for a in np.flatnonzero(A[self.type_of[f], :, c]):
                if k[a] == 0:
                    continue
                dst = [slice(None)] * len(shape)
                src = [slice(None)] * len(shape)
                dst[a] = slice(1, None)
                src[a] = slice(None, -1)
                new[tuple(dst)] += D[tuple(src)]
            D = new
            tables.append(D)
        tables.reverse()  # tables[f] for firms f..n-1
        return tables

    def _count_at(self, c: int) -> int:
        if self.T == 1:  # identical firms: all assignments with counts k, n! / Π k_a!
            k = self._full[c]
            return math.factorial(self.n) // math.prod(math.factorial(int(x)) for x in k)
        return int(self._suffix_tables(c)[0][tuple(int(x) for x in self._full[c])])

    def equilibrium_structure(self) -> ModeEntryStructure:
        """The count vectors with pure equilibria and the exact number at each."""
        feas = self._feasible()
        counts, number = [], []
        for c in feas:
            counts.append(tuple(int(x) for x in self._cv[c]))
            number.append(self._count_at(int(c)))
        return ModeEntryStructure(tuple(counts), tuple(number), self.modes)

    def count_equilibria(self) -> int:
        """Exact number of pure Nash equilibria (a Python int; nothing is listed)."""
        return self.equilibrium_structure().total

    def pure_nash_equilibria(self, max_listed: int = MAX_LISTED) -> list[tuple[int, ...]]:
        """All pure Nash equilibria as action tuples (0 = out, j = mode j), sorted.

        Works on the ``C(n + M, M)`` count vectors (no ``(M+1)^n`` table). Ties are weak
        best responses: an indifferent firm may be in either action. If there are more
        than ``max_listed`` equilibria a ``ValueError`` suggests :meth:`count_equilibria`.
        """
        st = self.equilibrium_structure()
        if st.total > max_listed:
            raise ValueError(f"the game has {st.total:,} pure equilibria, more than "
                             f"max_listed={max_listed:,}; use count_equilibria() or "
                             "equilibrium_structure()")
        A = self._allowed_table()
        out = []
        for c in self._feasible():
            c = int(c)
            tables = self._suffix_tables(c)
            allowed = [np.flatnonzero(A[self.type_of[f], :, c]) for f in range(self.n)]
            # depth-first walk of the suffix tables: only branches with completions
            stack = [((), tuple(int(x) for x in self._full[c]))]
            while stack:
                prefix, r = stack.pop()
                f = len(prefix)
                if f == self.n:
                    out.append(prefix)
                    continue
                for a in allowed[f]:
                    if r[a] == 0:
                        continue
                    r2 = r[:a] + (r[a] - 1,) + r[a + 1:]
                    if tables[f + 1][r2]:
                        stack.append((prefix + (int(a),), r2))
        return sorted(out)

    # ------------------------------------------------------------------ conversions
    def to_normal_form(self):
        """The game as a :class:`NormalFormGame` with actions ``("out",) + modes``.

        The table has ``(M + 1)^n`` profiles × ``n`` payoffs; it is refused (with the
        memory it would need) above ``NormalFormGame``'s limit of ``2^27`` entries.
        """
        from .normal_form import MAX_ENTRIES, NormalFormGame

        n, M1 = self.n, self.M + 1
        entries = M1**n * n
        if entries > MAX_ENTRIES:
            raise ValueError(f"the normal form of this game has (M+1)^n = {M1}^{n} profiles × "
                             f"{n} payoffs = {entries:,} entries ({entries * 8 / 2**30:,.1f} "
                             f"GiB); at most {MAX_ENTRIES:,} are supported. Use "
                             "pure_nash_equilibria(), which needs no table")
        prof = np.indices((M1,) * n).reshape(n, -1).T  # (P, n), firm 0 most significant
        k = np.stack([(prof == j).sum(axis=1) for j in range(1, M1)], axis=1)
        c = count_vector_rank(k, n)
        U = np.concatenate([np.zeros((self.T, 1, self.K)), self._values], axis=1)
        pay = U[self.type_of[None, :], prof, c[:, None]]
        return NormalFormGame(pay.reshape((M1,) * n + (n,)), self.names,
                              [self.actions] * n)

    def to_entry_game(self):
        """The binary :class:`EntryGame` with count payoffs ``π_i(k) = u_i(1, (k,))`` (M = 1)."""
        from .entry import EntryGame

        if self.M != 1:
            raise ValueError(f"only a game with one entry mode is a binary entry game; "
                             f"this one has M = {self.M}")
        # with M = 1 the rank of (k,) is k, so column k-1 of π is value index k
        counts = self._values[self.type_of, 0, 1:]
        return EntryGame.from_count_payoffs(counts, names=self.names)

    def _repr_html_(self):
        rows = []
        for t in range(min(self.T, 20)):
            firms = [self.names[i] for i in np.flatnonzero(self.type_of == t)]
            label = ", ".join(firms[:6]) + (" …" if len(firms) > 6 else "")
            for j in range(self.M):
                mono = np.zeros(self.M, dtype=np.int64)
                mono[j] = 1
                solo = self._values[t, j, count_vector_rank(mono, self.n)]
                rows.append([label, len(firms), self.modes[j], float(solo)])
        return html_table(["firms", "#", "mode", "payoff alone in the market"], rows,
                          caption=f"ModeEntryGame: {self.n} firms, {self.T} types, "
                                  f"modes {', '.join(self.modes)}")


def _integer_vector(x, name: str) -> np.ndarray:
    """An array of whole numbers (not booleans, not 1.5), or ``ValueError`` naming ``name``."""
    if x is None or np.asarray(x, dtype=object).dtype.kind == "b" or any(
            isinstance(v, (bool, np.bool_)) for v in np.ravel(np.asarray(x, dtype=object))):
        raise ValueError(f"{name} must list whole numbers, got {x!r}")
    arr = finite_array(x, name)
    if np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must list whole numbers, got {x!r}")
    return arr.astype(np.int64)


def _max_flow_feasible(allowed: np.ndarray, supply: np.ndarray, demand: np.ndarray) -> bool:
    """Transportation feasibility by maximum flow (scipy), for many types and actions."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    T, M1 = allowed.shape
    src, sink = 0, 1 + T + M1
    rows, cols, caps = [], [], []
    for t in range(T):
        rows.append(src), cols.append(1 + t), caps.append(int(supply[t]))
        for a in np.flatnonzero(allowed[t]):
            rows.append(1 + t), cols.append(1 + T + a), caps.append(int(supply[t]))
    for a in range(M1):
        rows.append(1 + T + a), cols.append(sink), caps.append(int(demand[a]))
    G = csr_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(sink + 1, sink + 1))
    return int(maximum_flow(G, src, sink).flow_value) == int(supply.sum())
