"""The package's one tolerance policy: every verdict is decided relative to the scale of its data.

A verdict — a property of a game holds, an allocation is in the core, a profile is an
equilibrium, a count of entrants is an entry equilibrium, a regime label — compares
numbers that carry money units. An absolute epsilon (``x >= -1e-9``) or a floor
(``1e-9 * max(1.0, |x|)``) makes the verdict depend on the unit of money: in billions
every small difference becomes a "tie", in yuan rounding noise becomes a strict
inequality. Here every such comparison uses

    tol = RTOL · scale,    scale = max |x| over the numbers the comparison is made of

(payoffs, worths, costs, profits and fees together), so multiplying all money by any
``λ > 0`` multiplies ``scale`` and ``tol`` by ``λ`` and leaves every verdict unchanged.
When all the data are zero the tolerance is zero and comparisons are exact.

Functions that take a ``tol`` argument read it as a *relative* tolerance (a multiple of
the data's scale), never as an amount of money. Tolerances on unit-free quantities
(probabilities, shares, ranks of matrices scaled to unit size) are not money and keep
their fixed values.
"""

from __future__ import annotations

import numpy as np

#: Relative tolerance of every comparison that decides a verdict (see the module docstring).
RTOL = 1e-9


def data_scale(*values) -> float:
    """The largest absolute finite entry among ``values`` (scalars or arrays); 0.0 if none.

    Non-finite entries (``nan`` marks "not defined" in several results) are ignored.
    """
    out = 0.0
    for v in values:
        a = np.abs(np.asarray(v, dtype=float))
        if a.size:
            a = a[np.isfinite(a)]
            if a.size:
                out = max(out, float(a.max()))
    return out


def tolerance(*values, rtol: float = RTOL) -> float:
    """``rtol · data_scale(*values)``: the tie tolerance for a comparison among ``values``."""
    return rtol * data_scale(*values)


def argmax_first(values, *data, rtol: float = RTOL) -> int:
    """The smallest index whose value is within the tie tolerance of the maximum.

    ``np.argmax`` picks the first *exact* maximiser, so two options that are equally good
    in exact arithmetic (say two entry counts with the same surplus) are ranked by
    rounding noise. Here values within ``tolerance(values, *data)`` of the maximum are
    ties and the first of them wins; ``data`` are the primitives the values are made of
    (their scale sets the tolerance).
    """
    v = np.asarray(values, dtype=float)
    top = np.nanmax(v)
    return int(np.flatnonzero(v >= top - tolerance(v, *data, rtol=rtol))[0])
