"""Coalition formation with externalities: partition function games and their stable structures.

When what a coalition earns depends on how the *other* players are organised — a cluster
abroad facing rivals that may merge or stay apart — a characteristic function ``v(S)``
is not enough: a **partition function** gives the worth ``v(S; P)`` of every coalition
``S`` in every partition ``P`` of the players (Thrall & Lucas 1963). This module holds
the partition function game and four answers to "which coalitions form":

* **cartel stability** (d'Aspremont, Jacquemin, Gabszewicz & Weymark 1983): one
  coalition against a fringe of singletons is *internally stable* when no member gains
  by leaving and *externally stable* when no outsider gains by joining;
  :func:`stable_cartel_sizes` for symmetric payoffs ``π_C(k)``, ``π_F(k)``;
* **open membership** (Yi 1997): the Nash equilibria of the game in which every player
  announces a coalition and anyone may join any coalition: no player gains by moving to
  another coalition of the structure or by standing alone
  (:meth:`PartitionFunctionGame.open_membership_equilibria`);
* **sequential formation** (Bloch 1996): players in a fixed order propose coalitions; with
  a fixed (equal) sharing rule and symmetric players the equilibrium structure follows
  from a recursion over the sizes left to form
  (:meth:`PartitionFunctionGame.sequential_structure`);
* **the γ-core** (Chander & Tulkens 1997): the core of the γ-characteristic function
  ``v_γ(S) = v(S; {S} ∪ singletons)``, in which the players outside a deviating
  coalition respond as individuals (:meth:`PartitionFunctionGame.gamma_game`, then the
  engine's ``core_point`` / ``in_core`` / ``least_core``).

A game is given either by a callable on set partitions (any players; exact enumeration of
the Bell(n) partitions, ``n ≤ 10``) or, for symmetric players, by a callable on coalition
*sizes* ``worth(s, sizes)`` (integer partitions of ``n``; open membership and cartel
stability up to ``n = 80``; Bloch's recursion over the sizes formed so far grows with the
partitions of ``n`` — seconds at ``n = 30``, tens of seconds at ``n = 40``).
Payoffs inside a coalition follow the equal-sharing rule ``v(S; P)/|S|`` of Bloch (1996)
and Yi (1997).

References
----------
Thrall, R. M. & Lucas, W. F. (1963). N-person games in partition function form. *Naval
Research Logistics Quarterly* 10:281–298.
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J. & Weymark, J. A. (1983). On the stability
of collusive price leadership. *Canadian Journal of Economics* 16:17–25.
Bloch, F. (1996). Sequential formation of coalitions in games with externalities and fixed
payoff division. *Games and Economic Behavior* 14:90–123.
Yi, S.-S. (1997). Stable coalition structures with externalities. *Games and Economic
Behavior* 20:201–237.
Chander, P. & Tulkens, H. (1997). The core of an economy with multilateral environmental
externalities. *International Journal of Game Theory* 26:379–401.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._tolerance import RTOL, data_scale
from .._validation import finite_array, finite_scalar, names_for, whole_number
from .game import TUGame

__all__ = [
    "PartitionFunctionGame",
    "StableCartels",
    "set_partitions",
    "integer_partitions",
    "stable_cartel_sizes",
]

#: Largest number of players for which set partitions are enumerated (Bell(10) = 115,975).
MAX_SET_PARTITION_PLAYERS = 10
#: Largest number of players for symmetric (size-based) games.
MAX_SYMMETRIC_PLAYERS = 80


def set_partitions(n: int):
    """All partitions of ``{0 … n−1}`` as tuples of frozensets (restricted growth strings).

    There are Bell(n) of them: 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975 for
    ``n = 1 … 10``.
    """
    n = whole_number(n, "n (players)", 1, MAX_SET_PARTITION_PLAYERS)

    def grow(i, labels, top):
        if i == n:
            blocks = {}
            for p, lab in enumerate(labels):
                blocks.setdefault(lab, []).append(p)
            yield tuple(frozenset(b) for b in blocks.values())
            return
        for lab in range(top + 2):
            yield from grow(i + 1, labels + [lab], max(top, lab))

    yield from grow(1, [0], 0)


def integer_partitions(n: int):
    """All partitions of the integer ``n`` as non-increasing tuples of sizes."""
    n = whole_number(n, "n (players)", 1, MAX_SYMMETRIC_PLAYERS)

    def parts(m, cap):
        if m == 0:
            yield ()
            return
        for s in range(min(m, cap), 0, -1):
            for rest in parts(m - s, s):
                yield (s,) + rest

    yield from parts(n, n)


@dataclass(frozen=True)
class StableCartels(ResultMixin):
    """Cartel (single coalition) stability for sizes ``k = 0 … n`` (d'Aspremont et al. 1983).

    Attributes
    ----------
    internal, external : ndarray of bool (``n + 1``)
        ``π_C(k) ≥ π_F(k − 1)`` (no member gains by leaving; true at ``k ≤ 1``) and
        ``π_F(k) ≥ π_C(k + 1)`` (no outsider gains by joining; true at ``k = n``).
    stable : tuple of int
        Sizes that are both.

    References
    ----------
    d'Aspremont et al. (1983).
    """

    internal: np.ndarray
    external: np.ndarray
    stable: tuple


def stable_cartel_sizes(member_payoff, fringe_payoff, rtol: float = RTOL) -> StableCartels:
    """Internally and externally stable cartel sizes (d'Aspremont et al. 1983).

    Parameters
    ----------
    member_payoff : array (n + 1,)
        ``π_C(k)``: a member's payoff when the cartel has ``k`` members (index 0 unused).
    fringe_payoff : array (n + 1,)
        ``π_F(k)``: an outsider's payoff when the cartel has ``k`` members (index ``n``
        unused).

    A stable size always exists (start from ``k = 1``, which is internally stable, and
    move up while external stability fails: the first size where it holds is internally
    stable by construction). Ties within the package's relative tolerance count as
    "no gain" (nobody moves for nothing).

    References
    ----------
    d'Aspremont, Jacquemin, Gabszewicz & Weymark (1983), *CJE* 16:17–25.
    """
    pc = finite_array(member_payoff, "member_payoff", ndim=1)
    pf = finite_array(fringe_payoff, "fringe_payoff", ndim=1)
    if pc.shape != pf.shape or pc.size < 2:
        raise ValueError(f"member_payoff and fringe_payoff must both have length n + 1 ≥ 2, "
                         f"got {pc.shape} and {pf.shape}")
    n = pc.size - 1
    tol = rtol * data_scale(pc[1:], pf[:-1])
    internal = np.ones(n + 1, dtype=bool)
    internal[2:] = pc[2:] >= pf[1:-1] - tol
    external = np.ones(n + 1, dtype=bool)
    external[:-1] = pf[:-1] >= pc[1:] - tol
    return StableCartels(internal, external, tuple(int(k) for k in
                                                   np.flatnonzero(internal & external)))


class PartitionFunctionGame:
    """A game in partition function form: the worth ``v(S; P)`` of ``S`` in partition ``P``.

    Parameters
    ----------
    n : int
        Number of players.
    worth : callable
        ``worth(S, P) -> float`` with ``S`` a frozenset of player indices and ``P`` the
        partition (a tuple of frozensets containing ``S``); enumerated over all set
        partitions (``n ≤ 10``). With ``symmetric=True`` instead ``worth(s, sizes) ->
        float``: the worth of a coalition of size ``s`` when the coalition sizes are the
        non-increasing tuple ``sizes`` (``n`` up to 80).
    symmetric : bool
    names : sequence of str, optional

    Examples
    --------
    Linear Cournot in which every coalition acts as one firm (Bloch 1996): with ``|P|``
    coalitions each earns ``1/(|P| + 1)²``.

    >>> import gametheory as gt
    >>> g = gt.PartitionFunctionGame(6, lambda s, sizes: 1 / (len(sizes) + 1) ** 2,
    ...                              symmetric=True)
    >>> g.sequential_structure()   # the first player stays alone, the other five merge
    (1, 5)

    References
    ----------
    Thrall & Lucas (1963); Bloch (1996); Yi (1997); Chander & Tulkens (1997).
    """

    def __init__(self, n, worth: Callable, symmetric: bool = False, names=None):
        if not callable(worth):
            raise ValueError("worth must be a callable: worth(S, P) (or worth(s, sizes) "
                             "with symmetric=True)")
        self.symmetric = bool(symmetric)
        cap = MAX_SYMMETRIC_PLAYERS if self.symmetric else MAX_SET_PARTITION_PLAYERS
        self.n = whole_number(n, "n (players)", 1, cap)
        self.names = names_for(self.n, names, "player")
        self._worth = worth

    def __repr__(self):
        kind = "symmetric" if self.symmetric else "general"
        return f"PartitionFunctionGame(n={self.n}, {kind})"

    # ------------------------------------------------------------------ worths
    @functools.cached_property
    def _cache(self) -> dict:
        return {}

    def worth(self, coalition, partition) -> float:
        """``v(S; P)``: for a symmetric game ``coalition`` is a size and ``partition`` sizes."""
        if self.symmetric:
            key = (int(coalition), tuple(sorted((int(s) for s in partition), reverse=True)))
        else:
            key = (frozenset(coalition), tuple(sorted((tuple(sorted(b)) for b in partition))))
        if key not in self._cache:
            if self.symmetric:
                if key[0] not in key[1] or sum(key[1]) != self.n:
                    raise ValueError(f"sizes {key[1]} must sum to n={self.n} and contain the "
                                     f"coalition size {key[0]}")
                val = self._worth(key[0], key[1])
            else:
                val = self._worth(key[0], tuple(frozenset(b) for b in key[1]))
            self._cache[key] = finite_scalar(val, f"worth{key}")
        return self._cache[key]

    def _payoffs(self, P) -> dict:
        """Equal-sharing payoff of each coalition's members in partition/structure ``P``."""
        if self.symmetric:
            return {s: self.worth(s, P) / s for s in set(P)}
        return {S: self.worth(S, P) / len(S) for S in P}

    def _structures(self):
        return integer_partitions(self.n) if self.symmetric else set_partitions(self.n)

    # ------------------------------------------------------------------ γ-game
    def gamma_game(self) -> TUGame:
        """The γ-characteristic function ``v_γ(S) = v(S; {S} ∪ singletons)`` as a :class:`TUGame`.

        The players outside ``S`` respond as individuals (Chander & Tulkens 1997); its
        core is the γ-core (use ``core_point``, ``in_core``, ``least_core`` on it).
        For a symmetric game ``v_γ`` depends only on ``|S|``.
        """
        n = self.n
        if n > 20:
            raise ValueError(f"the γ-game is a table of 2**{n} coalitions; at most n=20 here")
        v = np.zeros(1 << n)
        for mask in range(1, 1 << n):
            members = frozenset(i for i in range(n) if mask >> i & 1)
            s = len(members)
            if self.symmetric:
                v[mask] = self.worth(s, (s,) + (1,) * (n - s))
            else:
                P = (members,) + tuple(frozenset([j]) for j in range(n) if j not in members)
                v[mask] = self.worth(members, P)
        return TUGame(v, names=self.names)

    # ------------------------------------------------------------------ single cartel
    def cartel_stability(self) -> StableCartels:
        """d'Aspremont stability of one coalition of size ``k`` against singletons (symmetric)."""
        if not self.symmetric:
            raise ValueError("cartel_stability needs a symmetric game (worth by sizes)")
        n = self.n
        pc = np.zeros(n + 1)
        pf = np.zeros(n + 1)
        for k in range(n + 1):
            sizes = ((k,) if k else ()) + (1,) * (n - k)
            if k >= 1:
                pc[k] = self.worth(k, sizes) / k
            if k < n:
                pf[k] = self.worth(1, sizes)
        return stable_cartel_sizes(pc, pf)

    # ------------------------------------------------------------------ open membership
    def open_membership_equilibria(self, rtol: float = RTOL) -> list:
        """Structures that are Nash equilibria of the open-membership game (Yi 1997).

        No player gains (beyond the tie tolerance) by leaving its coalition to join another
        coalition of the structure or to stand alone; payoffs are equal shares. For a
        symmetric game the structures are tuples of sizes, else tuples of frozensets.
        """
        out = []
        for P in self._structures():
            if self._open_stable(P, rtol):
                out.append(P)
        return out

    def _open_stable(self, P, rtol) -> bool:
        pay = self._payoffs(P)
        if self.symmetric:
            sizes = list(P)
            for i, s in enumerate(sizes):
                if i and sizes[i - 1] == s:
                    continue  # same size: same deviations
                here = pay[s]
                targets = [None] + [j for j in range(len(sizes)) if j != i]
                for j in targets:
                    new = sizes.copy()
                    new[i] -= 1
                    if j is None:
                        new.append(1)
                        mine = 1
                    else:
                        new[j] += 1
                        mine = new[j]
                    new = tuple(sorted((x for x in new if x), reverse=True))
                    if j is None and s == 1:
                        continue  # already alone
                    gain = self.worth(mine, new) / mine
                    if gain > here + rtol * data_scale(gain, here):
                        return False
            return True
        for S in P:
            for i in S:
                here = pay[S]
                for T in [None] + [B for B in P if B is not S]:
                    if T is None and len(S) == 1:
                        continue
                    rest = S - {i}
                    new_block = frozenset([i]) if T is None else T | {i}
                    newP = tuple(B for B in P if B is not S and B is not T)
                    newP += ((rest,) if rest else ()) + (new_block,)
                    gain = self.worth(new_block, newP) / len(new_block)
                    if gain > here + rtol * data_scale(gain, here):
                        return False
        return True

    # ------------------------------------------------------------------ Bloch
    def sequential_structure(self) -> tuple:
        """Equilibrium structure of Bloch's (1996) sequential game (symmetric games).

        Players move in a fixed order; the first proposes the size of its coalition,
        those players leave, and the rest continue (in linear Cournot the first
        ``n − k*`` players stay alone and the last ``k*`` merge). With equal sharing and symmetric
        players the proposer's choice is a size ``k`` that maximises its per-capita worth
        in the final structure, given how the remaining players will organise (a
        recursion over the sizes formed so far; ties go to the smallest size). Returns
        the sizes in the order they form.

        References
        ----------
        Bloch (1996), *GEB* 14:90–123, section 4 (the size-announcement game).
        """
        if not self.symmetric:
            raise ValueError("sequential_structure needs a symmetric game (worth by sizes)")

        @functools.cache
        def rest(m: int, formed: tuple) -> tuple:
            if m == 0:
                return ()
            best, best_val = None, None
            for k in range(1, m + 1):
                tail = rest(m - k, tuple(sorted(formed + (k,))))
                final = tuple(sorted(formed + (k,) + tail, reverse=True))
                val = self.worth(k, final) / k
                if best_val is None or val > best_val + RTOL * data_scale(val, best_val):
                    best, best_val = (k,) + tail, val
            return best

        return rest(self.n, ())
