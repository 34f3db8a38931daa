"""tucoopy (pure Python; LPs through scipy / HiGHS).

``tucoopy.Game(n_players, v)`` takes a dict ``{bitmask: worth}``.
"""

from __future__ import annotations

import numpy as np

from . import Method
from . import _common as c

LIBRARY = "tucoopy"
DISTRIBUTION = "tucoopy"
MODULE = "tucoopy"


def prepare(v: np.ndarray):
    import tucoopy

    v = np.asarray(v, dtype=float)
    return tucoopy.Game(n_players=c.n_players(v), v=dict(enumerate(v.tolist())))


def shapley(g):
    from tucoopy.solutions import shapley_value

    return shapley_value(g)


def shapley_fast(g):
    from tucoopy.solutions.shapley import shapley_value_fast

    return shapley_value_fast(g)


def least_core(g):
    from tucoopy.solutions import least_core as lc

    r = lc(g)
    return r.x, r.epsilon


def nucleolus(g):
    from tucoopy.solutions import nucleolus as nu

    return nu(g).x


METHODS = [
    Method("tucoopy.shapley", LIBRARY, "shapley", "tucoopy shapley_value", shapley,
           c.allocation, prepare=prepare),
    Method("tucoopy.shapley_fast", LIBRARY, "shapley", "tucoopy shapley_value_fast",
           shapley_fast, c.allocation, prepare=prepare),
    Method("tucoopy.least_core", LIBRARY, "core", "tucoopy least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare),
    Method("tucoopy.nucleolus", LIBRARY, "nucleolus", "tucoopy", nucleolus, c.allocation,
           prepare=prepare),
    Method("tucoopy.thin_least_core", LIBRARY, "thin_core", "tucoopy least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare),
    Method("tucoopy.thin_nucleolus", LIBRARY, "thin_nucleolus", "tucoopy", nucleolus,
           c.allocation, prepare=prepare),
    Method("tucoopy.talmud", LIBRARY, "talmud", "tucoopy", nucleolus, c.allocation,
           prepare=prepare),
]
