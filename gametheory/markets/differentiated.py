"""Cournot and Bertrand competition with linearly differentiated goods (Singh & Vives 1984).

A representative consumer with quadratic utility
``U(q) = a sum_i q_i - (b/2) (sum_i q_i^2 + gamma sum_{i != j} q_i q_j)`` gives the inverse
demands

    p_i = a - b (q_i + gamma sum_{j != i} q_j),     gamma in (-1/(n-1), 1),

substitutes for gamma > 0, complements for gamma < 0, independent goods at gamma = 0
(gamma -> 1 is the homogeneous good). Consumer surplus is
``U(q) - p.q = (b/2) ((1 - gamma) sum_i q_i^2 + gamma Q^2)``.

Cournot (quantities) first-order conditions ``a - c_i = b (2 - gamma) q_i + b gamma Q``; with
m active firms ``Q = (m a - sum c_i) / (b (2 + (m-1) gamma))``, margin ``p_i - c_i = b q_i``.
Bertrand (prices) on the direct demand of the m supplied goods, whose own-price slope
is ``(1 + (m-2) gamma) / (b (1-gamma)(1+(m-1)gamma))``; the margin is
``p_i - c_i = mu_m q_i`` with ``mu_m = b (1-gamma)(1+(m-1)gamma) / (1+(m-2)gamma)``.
For n = 2, c = 0, a = b = 1: p^C = 1/(2+gamma) and p^B = (1-gamma)/(2-gamma)
(Singh & Vives 1984, RAND 15:546; n firms: Häckner 2000, JET 93:233).

Corner solutions: a firm whose interior quantity would be negative supplies nothing;
the active set is the lowest-cost firms, and every inactive firm's choke price
``a - b gamma sum_{active} q_j`` must not exceed its cost (it cannot sell profitably).
In Bertrand an inactive firm posts any price at or above its choke price (say its
marginal cost); the result reports its price as NaN.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .._results import ResultMixin
from ._common import linear_active_set, prepare, scalar_or_array
from .power import hhi as _hhi
from .power import lerner_index


@dataclasses.dataclass(frozen=True)
class DifferentiatedEquilibrium(ResultMixin):
    """Equilibrium of the linear differentiated-goods market, over a parameter grid.

    Per-firm fields have the grid shape plus a last axis of firms.

    Attributes
    ----------
    conduct : "cournot" or "bertrand".
    names, n_home : firm names (home firms first, then incumbents) and the home count.
    a, b, gamma, costs : the parameters used.
    quantities : q_i (0 for inactive firms).
    prices : p_i for supplied goods; NaN for goods not supplied.
    profits : (p_i - c_i) q_i.
    consumer_surplus : (b/2) ((1-gamma) sum q_i^2 + gamma Q^2);  total_surplus adds profits.
    shares : q_i / Q;  hhi : sum s_i^2 in [0, 1] (NaN if Q = 0).
    lerner : (p_i - c_i)/p_i for active firms, NaN otherwise.
    active, n_active : producing firms; ``interior`` : True where every firm is active
        (the interior formula applies).
    limit_pricing : Bertrand only: True where the lowest-cost firm sets the price that
        keeps the next firm's demand at zero (Zanchettin 2006, JEMS 15:999).
    solved : False where the Bertrand equilibrium is not determined by this solver
        (several firms would have to limit-price jointly); every field there is NaN.
    """

    conduct: str
    names: tuple
    n_home: int
    a: object
    b: object
    gamma: object
    costs: np.ndarray
    quantities: np.ndarray
    prices: np.ndarray
    profits: np.ndarray
    total_quantity: object
    consumer_surplus: object
    total_surplus: object
    shares: np.ndarray
    lerner: np.ndarray
    hhi: object
    active: np.ndarray
    n_active: object
    interior: object
    limit_pricing: object
    solved: object

    @property
    def industry_profit(self):
        """Sum of profits."""
        return scalar_or_array(np.asarray(self.profits).sum(axis=-1))


def _solve(conduct, a, gamma, costs, b, incumbents, incumbent_cost, names):
    a, b, g, c, names, n_home = prepare(a, b, costs, incumbents, incumbent_cost, names,
                                        gamma=gamma)
    q, Q, margin, m, limit, solved = linear_active_set(a, b, g, c, conduct)
    active = np.nan_to_num(q) > 0
    prices = np.where(active, c + margin, np.nan)
    profits = np.where(active, margin * q, np.where(solved[..., None], 0.0, np.nan))
    cs = 0.5 * b * ((1 - g) * (q**2).sum(axis=-1) + g * Q**2)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(Q[..., None] > 0, q / np.where(Q > 0, Q, 1.0)[..., None], 0.0)
    return DifferentiatedEquilibrium(
        conduct=conduct, names=names, n_home=n_home, a=scalar_or_array(a),
        b=scalar_or_array(b), gamma=scalar_or_array(g), costs=scalar_or_array(c),
        quantities=scalar_or_array(q), prices=scalar_or_array(prices),
        profits=scalar_or_array(profits), total_quantity=scalar_or_array(Q),
        consumer_surplus=scalar_or_array(cs),
        total_surplus=scalar_or_array(cs + profits.sum(axis=-1)),
        shares=scalar_or_array(shares),
        lerner=scalar_or_array(np.where(active, lerner_index(prices, c), np.nan)),
        hhi=scalar_or_array(_hhi(q)), active=scalar_or_array(active),
        n_active=scalar_or_array(m), interior=scalar_or_array(m == c.shape[-1]),
        limit_pricing=scalar_or_array(limit), solved=scalar_or_array(solved),
    )


def differentiated_cournot(a, gamma, costs, *, b=1.0, incumbents: int = 0,
                           incumbent_cost=None, names=None) -> DifferentiatedEquilibrium:
    """Cournot equilibrium with differentiated demand ``p_i = a - b(q_i + gamma sum_{j!=i} q_j)``.

    Parameters
    ----------
    a : array_like
        Demand intercept (> 0), a grid that broadcasts with ``gamma``, ``b`` and ``costs[..., 0]``.
    gamma : array_like
        Substitutability in (-1/(n-1), 1), n = all firms including incumbents.
    costs : array_like, shape (..., n)
        Marginal costs (>= 0), firms on the last axis.
    b : array_like, default 1
        Demand slope (> 0); Singh & Vives normalise b = 1.
    incumbents, incumbent_cost, names
        As in :func:`gametheory.markets.cournot`.

    Returns
    -------
    DifferentiatedEquilibrium
        Interior: ``q_i = (a - c_i - b gamma Q)/(b(2-gamma))``,
        ``Q = (n a - sum c)/(b(2+(n-1)gamma))``, ``p_i - c_i = b q_i``, ``pi_i = b q_i^2``;
        otherwise the active-set solution (``interior`` False).

    References
    ----------
    Singh, N. & Vives, X. (1984), RAND Journal of Economics 15:546;
    Häckner, J. (2000), Journal of Economic Theory 93:233.
    """
    return _solve("cournot", a, gamma, costs, b, incumbents, incumbent_cost, names)


def differentiated_bertrand(a, gamma, costs, *, b=1.0, incumbents: int = 0,
                            incumbent_cost=None, names=None) -> DifferentiatedEquilibrium:
    """Bertrand equilibrium with linear differentiated demand (prices as strategies).

    Same parameters as :func:`differentiated_cournot`. With m active firms the
    first-order conditions of ``max_{p_i} (p_i - c_i) q_i(p)`` on the direct demand of
    the m supplied goods give ``p_i - c_i = mu_m q_i`` with
    ``mu_m = b (1-gamma)(1+(m-1)gamma)/(1+(m-2)gamma)`` and
    ``q_i = (a - c_i - b gamma Q)/(mu_m + b(1-gamma))``,
    ``Q = (m a - sum c)/(mu_m + b(1+(m-1)gamma))``.

    Notes
    -----
    Three regimes (Zanchettin 2006, JEMS 15:999, for the duopoly): interior; the
    active-set corner (outsiders cannot sell even at cost); and limit pricing, where
    the lowest-cost firm sells ``q_1 = (a - c_(2))/(b gamma)`` so that the next firm,
    pricing at cost, sells nothing (``limit_pricing`` True; as gamma -> 1 this becomes
    homogeneous Bertrand, p_1 -> c_(2)). If several firms would have to limit-price
    jointly (n >= 3 only; a continuum of equilibria), the point is reported unsolved
    (``solved`` False, NaN fields) rather than guessed.
    At a corner the inactive firms price at (or above) their choke price and sell
    nothing; the check that they cannot sell profitably is exact, and for
    substitutes (gamma >= 0) the active firms' demand is concave in own price across
    the kink where an outsider would start selling, so the local first-order
    conditions are global best responses. For complements at a corner the
    check is local only.

    References
    ----------
    Singh, N. & Vives, X. (1984), RAND Journal of Economics 15:546;
    Häckner, J. (2000), Journal of Economic Theory 93:233.
    """
    return _solve("bertrand", a, gamma, costs, b, incumbents, incumbent_cost, names)
