"""nashpy: support enumeration and vertex enumeration (library defaults)."""

from __future__ import annotations

from . import Method
from . import _common as c

LIBRARY = "nashpy"
DISTRIBUTION = "nashpy"
MODULE = "nashpy"


def prepare(ab):
    import nashpy

    a, b = ab
    return nashpy.Game(a, b)


def support(g):
    return list(g.support_enumeration())


def vertex(g):
    return list(g.vertex_enumeration())


METHODS = [
    Method("nashpy.support_enumeration", LIBRARY, "bimatrix", "nashpy support_enumeration",
           support, c.mixed_pairs, prepare=prepare),
    Method("nashpy.vertex_enumeration", LIBRARY, "bimatrix", "nashpy vertex_enumeration",
           vertex, c.mixed_pairs, prepare=prepare),
]
