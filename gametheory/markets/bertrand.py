"""Homogeneous-good Bertrand competition: the limit case of price competition.

With demand ``Q = (a - p)/b`` and constant marginal costs, the lowest-cost firm
serves the market at the limit price ``p = min(c_(2), p^m(c_(1)))``, the second-lowest
cost capped by its monopoly price ``(a + c_(1))/2``; with two or more equally efficient
lowest-cost firms ``p = c_(1)`` and profits are zero (the Bertrand paradox). Ties are
split equally. Bertrand, J. (1883), Journal des Savants 67:499; Tirole (1988),
The Theory of Industrial Organization, ch. 5.
"""

from __future__ import annotations

import numpy as np

from ._common import prepare
from .cournot import MarketEquilibrium, homogeneous_equilibrium


def bertrand(a, b, costs, *, incumbents: int = 0, incumbent_cost=None,
             names=None) -> MarketEquilibrium:
    """Homogeneous Bertrand equilibrium (undercutting to the second-lowest cost).

    Parameters are those of :func:`gametheory.markets.cournot` (grids broadcast, firms on
    the last axis of ``costs``, optional foreign incumbents).

    Returns
    -------
    MarketEquilibrium
        ``conduct == "bertrand"``. The price is ``min(c_(2), (a + c_(1))/2)`` (weakly
        undominated limit price; the usual convention for the continuous-price game);
        the ``w`` firms tied at the lowest cost share ``Q = (a - p)/b`` equally. If every
        cost is >= a, nobody sells and ``n_active == 0``.

    Examples
    --------
    >>> r = bertrand(100, 1, [10, 30, 30])
    >>> float(r.price), r.profits.tolist()
    (30.0, [1400.0, 0.0, 0.0])

    References
    ----------
    Bertrand, J. (1883). Review of Cournot's *Recherches*. *Journal des Savants* 67:499–508.
    Tirole (1988), ch. 5.
    """
    a, b, _, c, names, n_home = prepare(a, b, costs, incumbents, incumbent_cost, names)
    cs = np.sort(c, axis=-1)
    c1 = cs[..., 0]
    c2 = cs[..., 1] if c.shape[-1] > 1 else np.full_like(c1, np.inf)
    p = np.minimum(c2, 0.5 * (a + c1))
    winners = (c == c1[..., None]) & (c1 < a)[..., None]
    w = np.maximum(winners.sum(axis=-1), 1)
    Q = np.where(c1 < a, (a - p) / b, 0.0)
    q = np.where(winners, (Q / w)[..., None], 0.0)
    return homogeneous_equilibrium("bertrand", a, b, c, q, names, n_home)
