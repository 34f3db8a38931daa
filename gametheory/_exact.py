"""Exact numbers beside float arrays: payoffs given as fractions keep their exact value.

Engines compute on float64 arrays. When a game is given with exact numbers that a
float would round (``1/3`` from a Gambit file, a ``fractions.Fraction``, an integer
beyond 2**53), the engine also keeps them as an object array of ``Fraction`` so that
writing the game back out (to a file or another library) loses nothing.

A float ``x`` stands for the shortest decimal that reads back as ``x`` (``repr``):
the float 0.1 means 1/10, the number the user typed, which is also what Gambit reads
from the text ``0.1``.
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from fractions import Fraction

import numpy as np

_FLOAT_TYPES = (float, np.floating, bool, np.bool_)
_INT_TYPES = (int, np.integer)
_FLOAT_INT_LIMIT = 2**53
_PLAIN = {float, int, bool, np.float64, np.float32, np.bool_}


def float_fraction(x: float) -> Fraction:
    """The exact value a float stands for: its shortest round-tripping decimal."""
    return Fraction(repr(float(x)))


def as_fraction(x) -> Fraction:
    """``x`` (int, Fraction, Decimal, float, numpy or sympy number) as an exact ``Fraction``."""
    if type(x) is Fraction:
        return x
    if type(x) is int:
        return Fraction(x)
    if isinstance(x, (bool, np.bool_)):
        return Fraction(int(x))
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, Decimal):
        return Fraction(x)
    return float_fraction(x)


def _float_faithful(x) -> bool:
    """Whether the float of ``x`` says all there is to know about ``x``."""
    if isinstance(x, _FLOAT_TYPES):
        return True
    return isinstance(x, _INT_TYPES) and abs(int(x)) <= _FLOAT_INT_LIMIT


def may_hold_exact(values) -> bool:
    """Cheap test: could ``values`` (an array or nested sequences) hold exact numbers?"""
    if isinstance(values, np.ndarray):
        return values.dtype == object
    if isinstance(values, (list, tuple)):
        return not all(isinstance(v, np.ndarray) and v.dtype != object for v in values)
    return False


def exact_table(obj: np.ndarray) -> np.ndarray | None:
    """An object array of ``Fraction`` for ``obj``, or ``None`` if floats lose nothing.

    ``obj`` is an object array of numbers already checked to be finite. ``None`` means
    every entry equals the number its float stands for (:func:`float_fraction`).
    """
    flat = obj.ravel().tolist()
    kinds = set(map(type, flat))
    if kinds <= _PLAIN and (int not in kinds or max(
            abs(x) for x in flat if type(x) is int) <= _FLOAT_INT_LIMIT):
        return None
    if all(_float_faithful(x) for x in flat):
        return None
    exact, faithful = [], {}  # files repeat their numbers: decide each value once
    for x in flat:
        q = as_fraction(x)
        exact.append(q)
        if q not in faithful:
            faithful[q] = q.denominator == 1 and abs(q) <= _FLOAT_INT_LIMIT or \
                float_fraction(float(q)) == q
    if all(faithful.values()):
        return None
    out = np.empty(len(exact), dtype=object)
    out[:] = exact
    out = out.reshape(obj.shape)
    out.setflags(write=False)
    return out


def fractions_of(floats: np.ndarray) -> np.ndarray:
    """The exact values (object array of ``Fraction``) a float array stands for."""
    out = np.empty(floats.size, dtype=object)
    out[:] = [float_fraction(x) for x in floats.ravel().tolist()]
    return out.reshape(floats.shape)
