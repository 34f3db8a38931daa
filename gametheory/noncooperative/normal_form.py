"""Finite games in normal (strategic) form with any number of players.

A game with players ``0 … n-1`` where player ``p`` has ``a_p`` actions is stored as
one float array ``payoffs`` of shape ``(a_1, …, a_n, n)``: ``payoffs[s][p]`` is
player ``p``'s payoff at the pure profile ``s``. Pure equilibria, best responses and
dominance are computed on that array with vectorised numpy operations; mixed
equilibria of two-player games are in :mod:`gametheory.noncooperative.bimatrix`.

References
----------
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*. MIT Press.
(Definitions of Nash equilibrium, dominance and iterated elimination, ch. 2 and 4.)
Fudenberg, D. & Tirole, J. (1991). *Game Theory*. MIT Press, sect. 2.1 (iterated
strict dominance; with mixed dominators the surviving set does not depend on the
order of elimination).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .._display import fmt, html_table
from .._exact import exact_table, fractions_of, may_hold_exact
from .._tolerance import RTOL
from .._validation import finite_array, labels_for, positive

#: Largest number of payoff entries (profiles × players) a game may hold (about 1 GiB).
MAX_ENTRIES = 2**27

_HTML_ROWS = 64


def _is_index(x) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, bool)


def _stack_payoffs(payoffs) -> tuple[np.ndarray, bool]:
    """Read the two accepted layouts into one ``(a_1, …, a_n, n)`` float array.

    Also says whether ``payoffs`` was the per-player layout (a list of ``n`` arrays).
    """
    if isinstance(payoffs, (list, tuple)) and len(payoffs) > 0:
        try:
            parts = [np.asarray(p, dtype=float) for p in payoffs]
        except (ValueError, TypeError):
            parts = None
        if parts is not None:
            n = len(parts)
            shapes = {p.shape for p in parts}
            if len(shapes) == 1 and parts[0].ndim == n:
                for p, part in enumerate(parts):
                    finite_array(part, f"payoffs of player {p}")
                return np.stack(parts, axis=-1), True
        # not n arrays of n dimensions: maybe one nested list in the stacked layout
        all_arrays = all(isinstance(p, np.ndarray) for p in payoffs)
        if parts is not None and not all_arrays and len({p.shape for p in parts}) == 1:
            arr = finite_array(payoffs, "payoffs")
            if arr.ndim >= 2 and arr.shape[-1] == arr.ndim - 1:
                return arr, False
        elif parts is None:
            finite_array(payoffs, "payoffs")  # raises: ragged
        raise ValueError(
            "payoffs given as a list must be n arrays (one per player), each of the same "
            f"shape (a_1, …, a_n) with n dimensions; got {len(payoffs)} arrays of shapes "
            f"{[np.shape(p) for p in payoffs]}. Alternatively pass one numpy array of shape "
            "(a_1, …, a_n, n)"
        )
    arr = finite_array(payoffs, "payoffs")
    if arr.ndim < 2 or arr.shape[-1] != arr.ndim - 1:
        raise ValueError(
            "payoffs as one array must have shape (a_1, …, a_n, n): one axis per player "
            f"and a last axis of length n = number of players; got shape {arr.shape} "
            f"({arr.ndim - 1} action axes but a last axis of length "
            f"{arr.shape[-1] if arr.ndim else 'none'})"
        )
    return arr, False


def _exact_payoffs(payoffs, per_player: bool, shape) -> np.ndarray | None:
    """The exact payoffs (object array of Fractions) if floats would round some of them."""
    if not may_hold_exact(payoffs):
        return None
    if per_player:
        obj = np.stack([np.asarray(p, dtype=object) for p in payoffs], axis=-1)
    else:
        obj = np.asarray(payoffs, dtype=object)
    if obj.shape != shape:  # e.g. nested objects numpy could not see through
        return None
    return exact_table(obj)


class NormalFormGame:
    """A finite n-player game in normal form.

    Parameters
    ----------
    payoffs : array or list of arrays
        Either one array of shape ``(a_1, …, a_n, n)`` with ``payoffs[s][p]`` player
        ``p``'s payoff at pure profile ``s``, or a list of ``n`` arrays each of shape
        ``(a_1, …, a_n)`` (one per player, e.g. ``[A, B]`` for a bimatrix game). A
        Python list or tuple of ``n`` equally-shaped ``n``-dimensional arrays is read
        as the per-player layout; a list of numpy arrays must be that layout; a
        nested list that is not may be the stacked layout.
    player_names : sequence of str, optional
        Labels of the players (default ``"0"``, ``"1"``, …).
    action_names : sequence of sequences of str, optional
        One list of action labels per player (default ``"0"``, ``"1"``, …).
    title, comment : str, optional
        The game's title and a free-text comment (kept by :func:`read_nfg` and
        :func:`write_nfg` and by the pygambit conversions).

    Notes
    -----
    Labels are kept as given, for display and for writing the game back out: they may
    be empty or repeated, as Gambit files allow. Where the API needs to name a player
    it uses :attr:`player_keys` (and :attr:`action_keys` for actions): a unique label
    is its own key, an empty or repeated one gets a suffix ``_1``, ``_2``, … (Gambit's
    rule, see :func:`gametheory._validation.label_keys`).

    Payoffs given as exact numbers (``fractions.Fraction``, ``decimal.Decimal``, large
    integers) are also kept exactly, in :attr:`exact_payoffs`; the solvers use the
    float array :attr:`payoffs`.

    Examples
    --------
    The prisoner's dilemma (Osborne & Rubinstein 1994, ex. 16.2):

    >>> import gametheory as gt
    >>> g = gt.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]])
    >>> g.pure_nash_equilibria()
    [(1, 1)]

    References
    ----------
    Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*. MIT Press.
    """

    def __init__(self, payoffs, player_names=None, action_names=None, *,
                 title: str = "", comment: str = ""):
        arr, per_player = _stack_payoffs(payoffs)
        n = arr.ndim - 1
        if any(a < 1 for a in arr.shape[:-1]):
            raise ValueError(f"every player needs at least one action; got shape {arr.shape}")
        if arr.size > MAX_ENTRIES:
            raise ValueError(
                f"the payoff table has {arr.size:,} entries ({arr.size * 8 / 2**30:.1f} GiB); "
                f"at most {MAX_ENTRIES:,} are supported"
            )
        for name, text in (("title", title), ("comment", comment)):
            if not isinstance(text, str):
                raise ValueError(f"{name} must be a string, got {text!r}")
        self._exact = _exact_payoffs(payoffs, per_player, arr.shape)
        arr = np.array(arr, dtype=float)
        arr.setflags(write=False)
        self.payoffs = arr
        self.n = n
        self.shape = tuple(int(a) for a in arr.shape[:-1])
        self.title = title
        self.comment = comment
        self.player_names, self.player_keys = labels_for(n, player_names, "player")
        if action_names is None:
            action_names = [None] * n
        elif isinstance(action_names, (str, bytes)) or not hasattr(action_names, "__iter__"):
            raise ValueError(f"action_names needs one list of names per player ({n}), "
                             f"got {action_names!r}")
        action_names = list(action_names)
        if len(action_names) != n:
            raise ValueError(
                f"action_names needs one list per player ({n}), got {len(action_names)}"
            )
        labelled = [labels_for(a, names, f"action (player {p})")
                    for p, (a, names) in enumerate(zip(self.shape, action_names, strict=True))]
        self.action_names = tuple(shown for shown, _ in labelled)
        self.action_keys = tuple(keys for _, keys in labelled)

    @property
    def exact_payoffs(self) -> np.ndarray:
        """The payoffs as exact numbers: an object array of ``fractions.Fraction``, shape
        ``(a_1, …, a_n, n)``.

        Exact when the game was given exact numbers (a ``.nfg`` file, pygambit,
        ``Fraction`` entries); otherwise each float stands for its shortest decimal
        (``0.1`` is ``1/10``), the value Gambit reads from the same text.
        """
        if self._exact is not None:
            return self._exact.copy()
        return fractions_of(self.payoffs)

    # ------------------------------------------------------------------ basics
    def __repr__(self):
        return f"NormalFormGame(n={self.n}, actions={self.shape})"

    def __eq__(self, other):
        return (isinstance(other, NormalFormGame) and self.shape == other.shape
                and np.array_equal(self.payoffs, other.payoffs))

    __hash__ = None

    def payoff_array(self, player) -> np.ndarray:
        """Player ``player``'s payoffs, shape ``(a_1, …, a_n)``."""
        return self.payoffs[..., self._player(player)]

    def _player(self, p) -> int:
        if isinstance(p, str):
            if p in self.player_keys:
                return self.player_keys.index(p)
            same = [q for q, name in enumerate(self.player_names) if name == p]
            if same:
                keys = [self.player_keys[q] for q in same]
                who = (f"player {same[0]} is labelled {p!r} but its key is {keys[0]!r}"
                       if len(same) == 1 else
                       f"players {same} share the label {p!r}; their keys are {keys}")
                raise ValueError(f"{who}: name a player by its index or its key "
                                 f"(one of {list(self.player_keys)})")
            raise ValueError(f"unknown player {p!r}; players are {list(self.player_keys)}")
        if _is_index(p) and 0 <= p < self.n:
            return int(p)
        raise ValueError(f"a player is an index 0..{self.n - 1} or a name, got {p!r}")

    # ------------------------------------------------------------------ equilibria
    def _payoff_tol(self, p: int, tol: float) -> float:
        """``tol`` (relative) times the range of player ``p``'s payoffs: the tie tolerance
        of the package's policy (:mod:`gametheory._tolerance`), invariant under positive
        affine changes of ``p``'s payoffs, as equilibria are."""
        return tol * float(np.ptp(self.payoffs[..., p]))

    def pure_nash_equilibria(self, tol: float = RTOL) -> list[tuple[int, ...]]:
        """All pure-strategy Nash equilibria, as action-index tuples in lexicographic order.

        A profile ``s`` is an equilibrium iff for every player ``p``
        ``u_p(s) >= max_{a} u_p(a, s_{-p}) − τ_p``: each own payoff is compared with the
        maximum along the player's own axis, for all profiles at once. ``tol`` is
        relative: ``τ_p = tol · (max u_p − min u_p)``, so a deviation gaining less than
        that is a tie (rounding), ties are weak best responses, and every profile in a
        tie is returned; ``tol = 0`` compares the stored floats exactly.
        """
        tol = positive(tol, "tol", strict=False)
        ok = np.ones(self.shape, dtype=bool)
        for p in range(self.n):
            u = self.payoffs[..., p]
            ok &= u >= u.max(axis=p, keepdims=True) - self._payoff_tol(p, tol)
        return [tuple(int(i) for i in row) for row in np.argwhere(ok)]

    def _mixed_profile(self, profile, skip: int) -> list[np.ndarray]:
        """Read a pure profile (ints) or mixed profile (probability vectors) of all players."""
        if isinstance(profile, (str, bytes)) or not hasattr(profile, "__len__"):
            raise ValueError(f"a profile lists one strategy per player ({self.n}): an action "
                             f"index or a probability vector each; got {profile!r}")
        if len(profile) != self.n:
            raise ValueError(f"a profile lists one strategy per player ({self.n}), "
                             f"got {len(profile)}")
        out = []
        for q, (s, a) in enumerate(zip(profile, self.shape, strict=True)):
            if q == skip:
                out.append(None)
                continue
            if _is_index(s):
                if not 0 <= s < a:
                    raise ValueError(f"action {s} of player {q} out of range 0..{a - 1}")
                v = np.zeros(a)
                v[int(s)] = 1.0
            else:
                v = finite_array(s, f"mixed strategy of player {q}", ndim=1, shape=(a,))
                if np.any(v < -1e-12) or abs(v.sum() - 1) > 1e-9:
                    raise ValueError(
                        f"mixed strategy of player {q} must be a probability vector "
                        f"(entries >= 0 summing to 1), got {v}"
                    )
            out.append(v)
        return out

    def expected_payoffs(self, player, profile) -> np.ndarray:
        """Expected payoff of each own action of ``player`` against the others' (mixed) strategies.

        ``profile`` lists one entry per player: an action index or a probability vector;
        the entry of ``player`` itself is ignored (may be ``None``).
        """
        p = self._player(player)
        strategies = self._mixed_profile(profile, p)
        u = self.payoffs[..., p]
        # contract the other players' axes from the last one backwards (lower axes keep their index)
        for q in range(self.n - 1, -1, -1):
            if q != p:
                u = np.tensordot(u, strategies[q], axes=([q], [0]))
        return np.asarray(u, dtype=float)

    def best_responses(self, player, profile, tol: float = RTOL) -> list[int]:
        """Indices of ``player``'s pure best responses to the others' strategies in ``profile``.

        ``profile``: one action index or probability vector per player (own entry ignored).
        An action is a best response if its expected payoff is within ``tol`` times the
        range of the player's payoffs of the maximum (a relative tolerance).
        """
        tol = positive(tol, "tol", strict=False)
        p = self._player(player)
        vals = self.expected_payoffs(p, profile)
        return [int(i) for i in np.flatnonzero(vals >= vals.max() - self._payoff_tol(p, tol))]

    def is_nash(self, profile, tol: float = RTOL) -> bool:
        """Whether a pure or mixed profile is a Nash equilibrium.

        No player gains more than ``tol`` times the range of its payoffs by a pure
        deviation (a relative tolerance: the verdict is the same in any unit of payoff).
        """
        tol = positive(tol, "tol", strict=False)
        strategies = self._mixed_profile(profile, -1)
        for p in range(self.n):
            vals = self.expected_payoffs(p, strategies)
            if strategies[p] @ vals < vals.max() - self._payoff_tol(p, tol):
                return False
        return True

    def nash_equilibria(self, method: str = "enumeration", **kwargs):
        """All (extreme) mixed Nash equilibria of a two-player game.

        See :func:`gametheory.noncooperative.bimatrix.bimatrix_equilibria` for the methods
        and the meaning of the ``degenerate`` and ``complete`` flags of the returned
        :class:`~gametheory.noncooperative.bimatrix.EquilibriumSet`. For ``n > 2`` players
        only pure equilibria are supported (:meth:`pure_nash_equilibria`).
        """
        if self.n != 2:
            raise ValueError(
                f"mixed equilibria are computed for two-player games only; this game has "
                f"{self.n} players. Use pure_nash_equilibria() for n-player games"
            )
        from .bimatrix import bimatrix_equilibria

        return bimatrix_equilibria(self.payoffs[..., 0], self.payoffs[..., 1],
                                   method=method, **kwargs)

    # ------------------------------------------------------------------ dominance
    def dominated_actions(self, player, strict: bool = True, mixed: bool = False,
                          tol: float = RTOL) -> list[int]:
        """Actions of ``player`` dominated by another pure (or, with ``mixed``, mixed) strategy.

        Action ``a`` is strictly dominated by ``b`` if ``u_p(b, s_{-p}) > u_p(a, s_{-p})``
        for every ``s_{-p}``; weakly dominated if ``>=`` everywhere and ``>`` somewhere.
        With ``mixed=True`` the dominator may be a mixed strategy over the other actions
        (a linear program per action, solved with scipy/HiGHS on payoffs scaled to unit
        range). Differences within ``tol`` times the range of the player's payoffs are
        ties (a relative tolerance).
        """
        p = self._player(player)
        tol = positive(tol, "tol", strict=False)
        rng = float(np.ptp(self.payoffs[..., p]))
        if rng == 0:  # constant payoffs: nothing dominates anything
            return []
        u = np.moveaxis(self.payoffs[..., p], p, 0).reshape(self.shape[p], -1)
        u = (u - u.min()) / rng  # unit range: tol is now absolute on these numbers
        out = []
        for a in range(self.shape[p]):
            others = [b for b in range(self.shape[p]) if b != a]
            if not others:
                continue
            if mixed:
                dom = _mixed_dominated(u[others], u[a], strict, tol)
            else:
                diff = u[others] - u[a]
                if strict:
                    dom = bool(np.any(np.all(diff > tol, axis=1)))
                else:
                    dom = bool(np.any(np.all(diff >= -tol, axis=1) & np.any(diff > tol, axis=1)))
            if dom:
                out.append(a)
        return out

    def restrict(self, actions: Sequence[Sequence[int]]) -> NormalFormGame:
        """The subgame in which player ``p`` keeps only ``actions[p]`` (names kept)."""
        if isinstance(actions, (str, bytes)) or not hasattr(actions, "__len__") \
                or len(actions) != self.n:
            raise ValueError(f"restrict needs one list of actions per player ({self.n}), "
                             f"got {actions!r}")
        idx = []
        for p, acts in enumerate(actions):
            acts = [int(a) for a in acts]
            if (not acts or len(set(acts)) != len(acts)
                    or any(not 0 <= a < self.shape[p] for a in acts)):
                raise ValueError(f"player {p} must keep a non-empty subset of distinct "
                                 f"actions among 0..{self.shape[p] - 1}, got {acts}")
            idx.append(acts)
        cells = np.ix_(*idx, range(self.n))
        sub = self.payoffs[cells] if self._exact is None else self._exact[cells]
        return NormalFormGame(sub, self.player_names,
                              [[self.action_names[p][a] for a in acts]
                               for p, acts in enumerate(idx)],
                              title=self.title, comment=self.comment)

    def iterated_elimination(self, strict: bool = True, mixed: bool = False, tol: float = RTOL):
        """Iterated elimination of dominated actions.

        Each round removes, for every player at once, all actions dominated in the current
        subgame (by a pure strategy, or a mixed one with ``mixed=True``), until none is.
        For strict dominance the result does not depend on the order; for weak dominance
        it may, and this simultaneous order is one choice among several.

        Returns
        -------
        (NormalFormGame, tuple of tuples)
            The reduced game and, per player, the surviving actions as indices of the
            original game.
        """
        surviving = [list(range(a)) for a in self.shape]
        game = self
        while True:
            removed = False
            new = []
            for p in range(self.n):
                dom = set(game.dominated_actions(p, strict=strict, mixed=mixed, tol=tol))
                if dom and len(dom) == len(surviving[p]):  # weak dominance cycles: keep one
                    dom.discard(min(dom))
                keep = [k for k in range(len(surviving[p])) if k not in dom]
                removed |= len(keep) < len(surviving[p])
                new.append(keep)
            if not removed:
                return game, tuple(tuple(s) for s in surviving)
            surviving = [[surviving[p][k] for k in new[p]] for p in range(self.n)]
            game = game.restrict(new)

    # ------------------------------------------------------------------ conversions
    # One implementation each, in gametheory.noncooperative.convert and .gambit_io;
    # these methods call them.
    def to_nashpy(self):
        """A ``nashpy.Game`` with the same payoff matrices (two players only); see
        :func:`gametheory.noncooperative.convert.to_nashpy`."""
        from .convert import to_nashpy

        return to_nashpy(self)

    @classmethod
    def from_nashpy(cls, game, player_names=None, action_names=None) -> NormalFormGame:
        """Build from a ``nashpy.Game`` (its ``payoff_matrices``); see
        :func:`gametheory.noncooperative.convert.from_nashpy`."""
        from .convert import from_nashpy

        return from_nashpy(game, player_names, action_names)

    def to_pygambit(self):
        """A ``pygambit.Game`` table with the same labels and exact payoffs; see
        :func:`gametheory.noncooperative.convert.to_pygambit`."""
        from .convert import to_pygambit

        return to_pygambit(self)

    @classmethod
    def from_pygambit(cls, game) -> NormalFormGame:
        """Build from a strategic-form ``pygambit.Game``; see
        :func:`gametheory.noncooperative.convert.from_pygambit`."""
        from .convert import from_pygambit

        return from_pygambit(game)

    def to_quantecon(self):
        """A ``quantecon.game_theory.NormalFormGame`` with the same payoffs; see
        :func:`gametheory.noncooperative.convert.to_quantecon`."""
        from .convert import to_quantecon

        return to_quantecon(self)

    @classmethod
    def from_quantecon(cls, game, player_names=None, action_names=None) -> NormalFormGame:
        """Build from a ``quantecon.game_theory.NormalFormGame``; see
        :func:`gametheory.noncooperative.convert.from_quantecon`."""
        from .convert import from_quantecon

        return from_quantecon(game, player_names, action_names)

    def to_nfg(self, title: str = "", path=None) -> str:
        """Gambit ``.nfg`` text (``NFG 1 R`` payoff format); also written to ``path`` if
        given. The title defaults to the game's :attr:`title`."""
        from .gambit_io import write_nfg

        return write_nfg(self, title=title, path=path)

    @classmethod
    def from_nfg(cls, source) -> NormalFormGame:
        """Read Gambit ``.nfg`` text (payoff or outcome format) or a path to a ``.nfg`` file."""
        from .gambit_io import read_nfg

        return read_nfg(source)

    # ------------------------------------------------------------------ display
    def _repr_html_(self):
        if self.n == 2:
            corner = f"{self.player_names[0]} \\ {self.player_names[1]}"
            header = [corner] + list(self.action_names[1])
            rows = []
            for i, name in enumerate(self.action_names[0][:_HTML_ROWS]):
                rows.append([name] + [f"{fmt(self.payoffs[i, j, 0])}, {fmt(self.payoffs[i, j, 1])}"
                                      for j in range(self.shape[1])])
            return html_table(header, rows,
                              caption=f"NormalFormGame {self.shape[0]}×{self.shape[1]}")
        header = list(self.player_names) + [f"u({p})" for p in self.player_names]
        rows = []
        total = math.prod(self.shape)
        for flat in range(min(total, _HTML_ROWS)):
            s = np.unravel_index(flat, self.shape)
            rows.append([self.action_names[p][int(s[p])] for p in range(self.n)]
                        + [float(v) for v in self.payoffs[s]])
        note = f"first {_HTML_ROWS} of {total:,} profiles" if total > _HTML_ROWS else None
        return html_table(header, rows, caption=f"NormalFormGame, {self.n} players, actions "
                          f"{'×'.join(map(str, self.shape))}", note=note)


def _mixed_dominated(others: np.ndarray, target: np.ndarray, strict: bool, tol: float) -> bool:
    """Is ``target`` (a row) dominated by a mixture of the rows of ``others``? (an LP)

    Payoffs arrive scaled to unit range, so the LP's fixed tolerances are unit-free.
    Strict: max ε s.t. σ·others − target ≥ ε for every column, σ in the simplex; ε > tol.
    Weak: max Σ_c (σ·others − target)_c s.t. every column ≥ −tol; optimum > tol.
    """
    from scipy.optimize import linprog

    k, m = others.shape
    if strict:
        # variables (σ_1..σ_k, ε); minimise −ε
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-others.T, np.ones((m, 1))])
        b_ub = -target
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, 1e6)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds,
                      method="highs")
        if res.status != 0:
            raise RuntimeError(f"dominance LP failed: {res.message}")
        return -res.fun > max(tol, 1e-12)
    c = -others.sum(axis=1)
    A_ub = -others.T
    b_ub = -target + tol
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=np.ones((1, k)), b_eq=[1.0],
                  bounds=[(0, None)] * k, method="highs")
    if res.status == 2:  # infeasible: nothing weakly dominates
        return False
    if res.status != 0:
        raise RuntimeError(f"dominance LP failed: {res.message}")
    return -res.fun - target.sum() > max(tol, 1e-9)
