"""quantecon.game_theory (numba): support / vertex enumeration and ``pure_nash_brute``.

quantecon's payoff array of a player puts that player's own action on axis 0, so the
column player of a bimatrix game is ``Player(B.T)``. Its numba functions compile on
the first call in each process: the worker first solves a tiny instance (the
``warmup`` time in the report, compile included) and then times steady-state calls.
"""

from __future__ import annotations

import numpy as np

from ..instances import entry_table
from . import Method
from . import _common as c

LIBRARY = "quantecon"
DISTRIBUTION = "quantecon"
MODULE = "quantecon.game_theory"


def prepare(ab):
    from quantecon.game_theory import NormalFormGame, Player

    a, b = ab
    return NormalFormGame((Player(np.asarray(a, dtype=float)),
                           Player(np.asarray(b, dtype=float).T)))


def support(g):
    from quantecon.game_theory import support_enumeration

    return support_enumeration(g)


def vertex(g):
    from quantecon.game_theory import vertex_enumeration

    return vertex_enumeration(g)


def brute(pay: np.ndarray):
    from quantecon.game_theory import NormalFormGame, pure_nash_brute

    n = pay.shape[0]
    table = entry_table(pay)
    rev = tuple(range(n - 1, -1, -1)) + (n,)
    profile = table.reshape((2,) * n + (n,)).transpose(rev)
    return pure_nash_brute(NormalFormGame(profile))


METHODS = [
    Method("quantecon.support_enumeration", LIBRARY, "bimatrix",
           "quantecon support_enumeration", support, c.mixed_pairs, prepare=prepare,
           warmup_size=3),
    Method("quantecon.vertex_enumeration", LIBRARY, "bimatrix",
           "quantecon vertex_enumeration", vertex, c.mixed_pairs, prepare=prepare,
           warmup_size=3),
    Method("quantecon.pure_nash_brute", LIBRARY, "entry", "quantecon pure_nash_brute",
           brute, c.profiles, warmup_size=3, max_size=18,
           size_note="O(n·4**n): 165 s at n=18 in a trial run"),
]
