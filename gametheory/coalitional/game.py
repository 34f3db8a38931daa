"""Transferable-utility games: worth (savings) games and cost games.

A game on players ``N = {0, …, n-1}`` is stored as one float array ``v`` of length
``2**n`` indexed by **bitmask**: bit ``i`` of the index is player ``i``, index 0 is
the empty coalition (worth 0). Everything else — coalitions as frozensets of
indices or names, the lexicographic vector of R's CoopGame and TUGLab, the binary-order
vector of Matlab's MatTuGames and coopgame-py, a callable on frozensets — converts to
and from that array.

References
----------
Peleg, B. & Sudhölter, P. (2007). *Introduction to the Theory of Cooperative Games*,
2nd ed. Springer. (Notation and definitions.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from .._display import fmt, html_table
from .._validation import finite_array, finite_scalar, names_for, whole_number

#: Largest number of players whose 2**n table we agree to build (2**26 floats = 512 MiB).
MAX_PLAYERS = 26

_HTML_ROWS = 40


def _check_n(n: int) -> int:
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n (the number of players) must be a positive integer, got {n!r}")
    n = int(n)
    if n > MAX_PLAYERS:
        need = 2**n * 8
        raise ValueError(
            f"a game with n={n} players needs a table of 2**{n} = {2**n:,} values "
            f"({need / 2**30:,.1f} GiB); at most n={MAX_PLAYERS} players "
            f"({2**MAX_PLAYERS * 8 / 2**20:,.0f} MiB) are supported"
        )
    return n


def popcounts(n: int) -> np.ndarray:
    """Coalition sizes ``|S|`` for every bitmask ``S`` in ``0 … 2**n - 1`` (int64)."""
    sizes = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    return sizes


def members(mask: int) -> tuple[int, ...]:
    """Indices of the players in bitmask ``mask``, ascending."""
    out, i = [], 0
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return tuple(out)


def _coalition_vector(values, order: str) -> tuple[np.ndarray, int]:
    """The ``2**n - 1`` values of the non-empty coalitions listed in ``order``, and ``n``."""
    vals = finite_array(values, f"{order}-order values", ndim=1)
    size = vals.shape[0] + 1
    if size < 2 or size & (size - 1):
        raise ValueError(
            f"the {order} order lists 2**n - 1 non-empty coalitions; got {vals.shape[0]} "
            f"values (1, 3, 7, 15, … are allowed)"
        )
    return vals, _check_n(size.bit_length() - 1)


def lex_masks(n: int) -> np.ndarray:
    """Bitmasks of the non-empty coalitions in lexicographic (size, then members) order.

    This is the order of R's ``CoopGame`` and Matlab's ``TUGlab``: for ``n = 3``,
    {1}, {2}, {3}, {1,2}, {1,3}, {2,3}, {1,2,3} (1-based), i.e. masks 1, 2, 4, 3, 5, 6, 7.
    """
    out = []
    for k in range(1, n + 1):
        for combo in itertools.combinations(range(n), k):
            out.append(sum(1 << i for i in combo))
    return np.asarray(out, dtype=np.int64)


class TUGame:
    """A transferable-utility game in characteristic-function (worth) form.

    Parameters
    ----------
    values : sequence, mapping or callable
        * a sequence of length ``2**n`` indexed by bitmask (bit ``i`` is player ``i``;
          entry 0 is the empty coalition and must be 0);
        * a mapping from coalitions (tuples, sets or frozensets of player indices or
          names) to worths; every non-empty coalition must be present, the empty one
          may be (with worth 0); with integer keys ``n`` is inferred, with names give
          ``names`` (their order is the player order);
        * a callable ``f(frozenset_of_indices) -> float`` evaluated on every non-empty
          coalition (``n`` or ``names`` is then required). The empty coalition is
          worth 0 by definition and is not passed to ``f``.
    n : int, optional
        Number of players (inferred from a sequence, or from ``names``).
    names : sequence of str, optional
        Player names, used for display and accepted wherever a coalition is given.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.TUGame([0, 1, 1, 3], names=["A", "B"])
    >>> g[{"A", "B"}]
    3.0

    References
    ----------
    Peleg & Sudhölter (2007).
    """

    kind = "worth"
    _value_word = "v"

    def __init__(self, values, n: int | None = None, names: Iterable | None = None):
        if names is not None:
            names = tuple(str(s) for s in names)
            if n is None:
                n = len(names)
        if callable(values) and not isinstance(values, (np.ndarray, Mapping)):
            if n is None:
                raise ValueError("a game given as a callable needs n or names")
            n = _check_n(n)
            self.names = names_for(n, names)
            arr = np.zeros(2**n)
            for mask in range(1, 2**n):
                arr[mask] = finite_scalar(values(frozenset(members(mask))),
                                          f"{self._value_word}(S) from the callable")
            arr = finite_array(arr, f"{self._value_word}(S) from the callable")
        elif isinstance(values, Mapping):
            if n is None:
                players = {p for key in values for p in key}
                if not players or not all(isinstance(p, (int, np.integer))
                                          and not isinstance(p, bool) for p in players):
                    raise ValueError("a game given as a mapping with player names needs "
                                     "names=[...] (the order of the players)")
                n = int(max(players)) + 1
            n = _check_n(n)
            self._set_players(n, names)
            arr = np.full(2**n, np.nan)
            arr[0] = 0.0
            for key, val in values.items():
                mask = self._mask(key)
                arr[mask] = finite_scalar(val, f"{self._value_word}({set(key)!r})")
            missing = np.flatnonzero(np.isnan(arr))
            if missing.size:
                shown = ", ".join(self._label(int(m)) for m in missing[:5])
                more = f" and {missing.size - 5} more" if missing.size > 5 else ""
                raise ValueError(
                    f"the mapping has no value for {missing.size} coalition(s): {shown}{more}; "
                    f"every non-empty coalition of the {n} players must be given"
                )
            arr = finite_array(arr, f"{self._value_word}(S)")
        else:
            arr = finite_array(values, f"{self._value_word}(S)", ndim=1)
            size = arr.shape[0]
            if size < 2 or size & (size - 1):
                raise ValueError(
                    f"a bitmask-indexed game needs 2**n values (entry 0 the empty coalition); "
                    f"got {size}. Use {type(self).__name__}.from_lex for the 2**n - 1 "
                    f"values of the lexicographic order"
                )
            n_arr = size.bit_length() - 1
            if names is not None and len(names) != n_arr:
                raise ValueError(f"expected {n_arr} player names for 2**{n_arr} = {size} "
                                 f"values, got {len(names)}: {names}")
            if n is not None and n != n_arr:
                raise ValueError(f"n={n} players need 2**{n} = {2**n} values, got {size}")
            n = _check_n(n_arr)
            self.names = names_for(n, names)
        if arr[0] != 0:
            raise ValueError(
                f"the empty coalition must be worth 0, got {self._value_word}(∅) = {arr[0]}"
            )
        arr = np.array(arr, dtype=float)
        arr.setflags(write=False)
        self._set_players(n, self.names)
        self.v = arr

    def _set_players(self, n: int, names) -> None:
        self.n = n
        self.names = names_for(n, names)
        self._index = {name: i for i, name in enumerate(self.names)}

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_lex(cls, values, names: Iterable | None = None):
        """Build from the ``2**n - 1`` values in lexicographic order (R ``CoopGame``, ``TUGlab``).

        The order is by coalition size, then lexicographically by members: for three
        players {1}, {2}, {3}, {1,2}, {1,3}, {2,3}, {1,2,3}.
        """
        vals, n = _coalition_vector(values, "lexicographic")
        arr = np.zeros(2**n)
        arr[lex_masks(n)] = vals
        return cls(arr, names=names)

    @classmethod
    def from_binary(cls, values, names: Iterable | None = None):
        """Build from the ``2**n - 1`` values in binary order (Matlab ``MatTuGames``,
        R ``TUGLab`` with ``binary=TRUE``, coopgame-py).

        Coalition ``S`` is at position ``Σ_{i∈S} 2^(i-1)`` (1-based players), so for
        three players {1}, {2}, {1,2}, {3}, {1,3}, {2,3}, {1,2,3}: the bitmask order
        without the empty coalition.

        References
        ----------
        Meinhardt, H. I. (2013). *The Matlab Game Theory Toolbox MatTuGames*, version 0.4
        (the game vector in unique-integer order).
        """
        vals, _ = _coalition_vector(values, "binary")
        return cls(np.concatenate([[0.0], vals]), names=names)

    # ----------------------------------------------------------------- coalitions
    def _player(self, p) -> int:
        if isinstance(p, str):
            if p not in self._index:
                raise ValueError(f"unknown player {p!r}; players are {list(self.names)}")
            return self._index[p]
        if isinstance(p, (int, np.integer)) and not isinstance(p, bool):
            if not 0 <= p < self.n:
                raise ValueError(f"player index {p} out of range 0..{self.n - 1}")
            return int(p)
        raise ValueError(f"a player is an index 0..{self.n - 1} or a name, got {p!r}")

    def _mask(self, coalition) -> int:
        if isinstance(coalition, (int, np.integer, str)):
            raise ValueError(
                f"a coalition is an iterable of players (indices or names), got {coalition!r}; "
                f"for bitmask access use game.v[mask], for one player use game[[{coalition!r}]]"
            )
        try:
            coalition = list(coalition)
        except TypeError:
            raise ValueError(f"a coalition is an iterable of players (indices or names), "
                             f"got {coalition!r}") from None
        mask = 0
        for p in coalition:
            mask |= 1 << self._player(p)
        return mask

    def mask(self, coalition) -> int:
        """Bitmask of a coalition given as an iterable of player indices or names."""
        return self._mask(coalition)

    def coalition(self, mask: int) -> frozenset:
        """The frozenset of player indices in bitmask ``mask``."""
        mask = whole_number(mask, "bitmask", 0, 2**self.n - 1)
        return frozenset(members(mask))

    def _label(self, mask: int) -> str:
        return "{" + ", ".join(self.names[i] for i in members(mask)) + "}"

    def value(self, coalition) -> float:
        """Worth of a coalition (iterable of indices or names)."""
        return float(self.v[self._mask(coalition)])

    __getitem__ = value

    @property
    def grand(self) -> float:
        """Worth of the grand coalition."""
        return float(self.v[-1])

    @property
    def singletons(self) -> np.ndarray:
        """Worths of the one-player coalitions, in player order."""
        return self.v[1 << np.arange(self.n)]

    @property
    def sizes(self) -> np.ndarray:
        """``|S|`` for every bitmask ``S``."""
        return popcounts(self.n)

    # ----------------------------------------------------------------- conversions
    def to_array(self) -> np.ndarray:
        """The bitmask-indexed array (a writable copy)."""
        return self.v.copy()

    def to_lex(self) -> np.ndarray:
        """Values of the non-empty coalitions in lexicographic order (see :meth:`from_lex`)."""
        return self.v[lex_masks(self.n)].copy()

    def to_binary(self) -> np.ndarray:
        """Values of the non-empty coalitions in binary order (see :meth:`from_binary`)."""
        return self.v[1:].copy()

    def to_coopgame(self):
        """A ``coopgame.Game`` (coopgame-py) with the same values; see
        :func:`gametheory.coalitional.convert.to_coopgame`."""
        from .convert import to_coopgame

        return to_coopgame(self)

    @classmethod
    def from_coopgame(cls, game, names: Iterable | None = None):
        """Build from a ``coopgame.Game`` (coopgame-py); see
        :func:`gametheory.coalitional.convert.from_coopgame`."""
        from .convert import from_coopgame

        return from_coopgame(game, names, kind=cls.kind)

    def to_dict(self, *, by_name: bool = False) -> dict:
        """Mapping ``frozenset -> worth`` over the non-empty coalitions (indices or names)."""
        out = {}
        for mask in range(1, 2**self.n):
            ids = members(mask)
            key = frozenset(self.names[i] for i in ids) if by_name else frozenset(ids)
            out[key] = float(self.v[mask])
        return out

    def as_function(self) -> Callable[[Iterable], float]:
        """A callable ``f(coalition) -> worth`` (the inverse of the callable constructor)."""
        return self.value

    def subgame(self, players) -> TUGame:
        """The game restricted to ``players`` (indices or names), in the order given."""
        ids = [self._player(p) for p in players]
        if len(set(ids)) != len(ids) or not ids:
            raise ValueError(f"a subgame needs distinct, non-empty players, got {list(players)}")
        k = len(ids)
        sub_masks = np.zeros(2**k, dtype=np.int64)
        for j, i in enumerate(ids):
            sub_masks[1 << j: 2 << j] = sub_masks[: 1 << j] | (1 << i)
        return type(self)(self.v[sub_masks], names=[self.names[i] for i in ids])

    def _with_values(self, arr) -> TUGame:
        return type(self)(arr, names=self.names)

    # ----------------------------------------------------------------- algebra & display
    def __eq__(self, other):
        if not isinstance(other, TUGame):
            return NotImplemented
        return (type(self) is type(other) and self.names == other.names
                and np.array_equal(self.v, other.v))

    def __hash__(self):
        return hash((type(self).__name__, self.names, self.v.tobytes()))

    def __repr__(self):
        head = ", ".join(f"{self._label(m)}: {fmt(self.v[m])}" for m in range(1, min(2**self.n, 8)))
        more = ", …" if 2**self.n > 8 else ""
        return f"{type(self).__name__}(n={self.n}, {head}{more})"

    def _repr_html_(self):
        total = 2**self.n - 1
        masks = lex_masks(self.n)[:_HTML_ROWS] if self.n <= 12 else np.arange(1, _HTML_ROWS + 1)
        rows = [(self._label(int(m)), self.v[m]) for m in masks]
        note = f"showing {len(rows)} of {total} coalitions" if total > len(rows) else None
        return html_table(
            ["coalition S", f"{self._value_word}(S)"], rows,
            caption=f"{type(self).__name__} with {self.n} players", note=note,
        )


class CostGame(TUGame):
    """A cost game ``c(S)``: what coalition ``S`` pays to serve (enter) together.

    Same constructors and accessors as :class:`TUGame`. Solutions computed on a cost
    game are cost allocations: ``x(N) = c(N)`` and, for the core, ``x(S) <= c(S)``.

    The associated savings game is ``v(S) = sum_{i in S} c({i}) - c(S)``
    (:meth:`savings_game`); Tijs & Driessen (1986) *Management Science* 32:1015.
    """

    kind = "cost"
    _value_word = "c"

    def savings_game(self) -> TUGame:
        """The savings game ``v(S) = Σ_{i∈S} c({i}) − c(S)``."""
        return TUGame(additive_values(self.singletons) - self.v, names=self.names)


def additive_values(weights) -> np.ndarray:
    """The bitmask table of the additive game ``a(S) = Σ_{i∈S} w_i``."""
    w = np.asarray(weights, dtype=float)
    out = np.zeros(1)
    for wi in w:
        out = np.concatenate([out, out + wi])
    return out


def as_game(game) -> TUGame:
    """Accept a :class:`TUGame` / :class:`CostGame`, or raise a clear ``TypeError``."""
    if not isinstance(game, TUGame):
        raise TypeError(
            f"expected a gametheory TUGame or CostGame, got {type(game).__name__}; "
            f"build one with gt.TUGame(values) or gt.CostGame(values)"
        )
    return game


def worth_view(game: TUGame):
    """The worth game a solution is computed on, and the map back to ``game``'s terms.

    For a :class:`TUGame` that is the game itself and the identity. For a
    :class:`CostGame` it is the savings game ``v(S) = Σ_{i∈S} c({i}) − c(S)`` and the
    cost shares ``x_i = c({i}) − y_i`` (the standard route, Tijs & Driessen 1986;
    for solutions covariant under strategic equivalence — Shapley, nucleolus, core,
    least core, τ — this equals the direct cost-game definition, with ``x(S) <= c(S)``).

    Returns
    -------
    worth : TUGame
    back : callable mapping a payoff vector of ``worth`` to one of ``game``.
    """
    as_game(game)
    if isinstance(game, CostGame):
        stand = game.singletons.copy()
        return game.savings_game(), lambda y: stand - np.asarray(y, dtype=float)
    return game, lambda y: np.asarray(y, dtype=float)
