"""coopgt (pure Python): Shapley value by averaging over all n! orders, core point by
one scipy LP over every coalition. Its characteristic function is a dict keyed by
sorted tuples of 1-based players (``()`` for the empty coalition)."""

from __future__ import annotations

import numpy as np

from . import Method
from . import _common as c

LIBRARY = "coopgt"
DISTRIBUTION = "coopgt"
MODULE = "coopgt"


def prepare(v: np.ndarray):
    v = np.asarray(v, dtype=float)
    n = c.n_players(v)
    cf = {}
    for mask, val in enumerate(v.tolist()):
        cf[tuple(i + 1 for i in range(n) if mask >> i & 1)] = val
    return cf, n


def shapley(g):
    from coopgt import shapley_value

    cf, n = g
    return shapley_value.calculate(cf, n)


def core_point(g):
    from coopgt import core

    cf, n = g
    x = core.find_core_point(cf, n)
    if x is None:
        raise RuntimeError("coopgt reports an empty core")
    return x, None


METHODS = [
    Method("coopgt.shapley", LIBRARY, "shapley", "coopgt (n! orders)", shapley, c.allocation,
           prepare=prepare, max_size=8, size_note="n! permutations: about a minute at n=10"),
    Method("coopgt.core_point", LIBRARY, "core", "coopgt find_core_point", core_point,
           lambda r: c.allocation_eps(*r), prepare=prepare),
]
