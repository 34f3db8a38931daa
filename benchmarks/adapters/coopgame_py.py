"""coopgame-py (import name ``coopgame``; Rust core, PyO3 bindings).

``coopgame.Game(values)`` takes the ``2**n − 1`` worths of the non-empty coalitions
in bitmask order (``values[mask − 1]``, the default ``order="binary"``).
"""

from __future__ import annotations

import numpy as np

from . import Method
from . import _common as c

LIBRARY = "coopgame-py"
DISTRIBUTION = "coopgame-py"
MODULE = "coopgame"


def prepare(v: np.ndarray):
    import coopgame

    return coopgame.Game(np.asarray(v, dtype=float)[1:].tolist())


def shapley(g):
    import coopgame

    return coopgame.shapley(g)


def least_core(g):
    import coopgame

    r = coopgame.least_core(g)
    return r["allocation"], r["epsilon"]


def nucleolus(g):
    import coopgame

    return coopgame.nucleolus(g)["allocation"]


METHODS = [
    Method("coopgame-py.shapley", LIBRARY, "shapley", "coopgame-py", shapley, c.allocation,
           prepare=prepare),
    Method("coopgame-py.least_core", LIBRARY, "core", "coopgame-py least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare),
    Method("coopgame-py.nucleolus", LIBRARY, "nucleolus", "coopgame-py", nucleolus,
           c.allocation, prepare=prepare),
    Method("coopgame-py.thin_least_core", LIBRARY, "thin_core", "coopgame-py least_core",
           least_core, lambda r: c.allocation_eps(*r), prepare=prepare),
    Method("coopgame-py.thin_nucleolus", LIBRARY, "thin_nucleolus", "coopgame-py", nucleolus,
           c.allocation, prepare=prepare),
    Method("coopgame-py.empty_least_core", LIBRARY, "empty_core",
           "coopgame-py least_core (over imputations)", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare),
    Method("coopgame-py.talmud", LIBRARY, "talmud", "coopgame-py", nucleolus,
           c.allocation, prepare=prepare),
]
