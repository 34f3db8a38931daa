"""pygambit 16.7: ``enummixed_solve`` (exact rational vertex enumeration; the correctness
reference for bimatrix games), ``lcp_solve`` and ``enumpure_solve``.

For entry games Gambit needs the game built from the full ``2**n`` payoff tables
(``Game.from_arrays``), so that build is part of the timed call.
"""

from __future__ import annotations

import numpy as np

from ..instances import entry_table
from . import Method
from . import _common as c

LIBRARY = "pygambit"
DISTRIBUTION = "pygambit"
MODULE = "pygambit"


def prepare(ab):
    import pygambit as gbt

    a, b = ab
    return gbt.Game.from_arrays(a, b)


def _pairs(game, result):
    p0, p1 = game.players
    return [([float(eq[s]) for s in p0.strategies], [float(eq[s]) for s in p1.strategies])
            for eq in result.equilibria]


def enummixed(g):
    import pygambit as gbt

    return _pairs(g, gbt.nash.enummixed_solve(g))


def lcp(g):
    import pygambit as gbt

    return _pairs(g, gbt.nash.lcp_solve(g))


def player_arrays(pay: np.ndarray) -> list[np.ndarray]:
    """Per-player arrays of shape (2,)*n, axis j = firm j's action (0 out, 1 in)."""
    n = pay.shape[0]
    table = entry_table(pay)
    rev = tuple(range(n - 1, -1, -1))  # C order puts the highest bit on axis 0
    return [table[:, i].reshape((2,) * n).transpose(rev) for i in range(n)]


def enumpure(pay: np.ndarray):
    import pygambit as gbt

    g = gbt.Game.from_arrays(*player_arrays(pay))
    out = []
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        prof = []
        for p in g.players:
            probs = [float(eq[s]) for s in p.strategies]
            prof.append(int(np.argmax(probs)))
        out.append(prof)
    return out


METHODS = [
    Method("pygambit.enummixed", LIBRARY, "bimatrix", "pygambit enummixed_solve", enummixed,
           c.mixed_pairs, prepare=prepare, reference=True),
    Method("pygambit.lcp", LIBRARY, "bimatrix", "pygambit lcp_solve", lcp, c.mixed_pairs,
           prepare=prepare),
    Method("pygambit.enumpure", LIBRARY, "entry", "pygambit from_arrays + enumpure_solve",
           enumpure, c.profiles, max_size=18,
           size_note="builds the game from 2**n payoff tables (244 s, 4 GB at n=20)"),
]
