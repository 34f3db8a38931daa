"""Cournot competition with linear demand, asymmetric costs and foreign incumbents.

Inverse demand ``P(Q) = a - bQ``; firm i has constant marginal cost ``c_i`` and
maximises ``(P(Q) - c_i) q_i`` over ``q_i >= 0``. With the m lowest-cost firms active,

    Q = (m a - sum_{i<=m} c_i) / (b (m+1)),    p = (a + sum_{i<=m} c_i) / (m+1),
    q_i = (p - c_i) / b = (a - (m+1) c_i + sum_{j<=m} c_j) / (b (m+1)),

and firm j stays out iff ``p <= c_j`` (its marginal profit at q_j = 0 is p - c_j).
The equilibrium is unique (the game has the strictly concave potential
``sum_i (a - c_i) q_i - b (sum_i q_i^2 + Q^2) / 2``; Monderer & Shapley 1996, GEB 14:124).

References
----------
Cowling, K. & Waterson, M. (1976). Price-cost margins and market structure. *Economica* 43:267–274.
Tirole, J. (1988). *The Theory of Industrial Organization*. MIT Press, ch. 5.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .._results import ResultMixin
from .._validation import finite_array
from ._common import linear_active_set, prepare, scalar_or_array
from .power import hhi as _hhi
from .power import lerner_index


@dataclasses.dataclass(frozen=True)
class MarketEquilibrium(ResultMixin):
    """Equilibrium of a homogeneous-good market (Cournot or Bertrand), over a parameter grid.

    Per-firm fields have the grid shape plus a last axis of firms (home firms first,
    then foreign incumbents, as in ``names``); market fields have the grid shape (numpy
    scalars for a single market).

    Attributes
    ----------
    conduct : "cournot" or "bertrand".
    names : firm names; ``n_home`` home firms come first.
    a, b, costs : the demand parameters and the marginal costs used.
    quantities, profits : q_i and pi_i = (p - c_i) q_i (0 for inactive firms).
    price : the market price p = a - bQ (p = a, no sale, when no firm is active).
    total_quantity : Q.
    consumer_surplus : b Q^2 / 2;  total_surplus : consumer surplus + sum of profits.
    shares : s_i = q_i / Q in [0, 1] (0 when Q = 0).
    lerner : L_i = (p - c_i)/p for active firms, NaN for inactive ones.
    hhi : sum_i s_i^2 in [1/n, 1] (shares, not the x10^4 "points" scale; see ``hhi_points``);
        NaN when no firm is active.
    elasticity : eps = p / (bQ), the market demand elasticity at the equilibrium
        (NaN when Q = 0).
    active : boolean mask of producing firms; n_active : their number. ``n_active == 0``
        (every cost >= a) is not an error: the market does not open.

    References
    ----------
    Tirole (1988), ch. 5.
    Cowling & Waterson (1976).
    """

    conduct: str
    names: tuple
    n_home: int
    a: object
    b: object
    costs: np.ndarray
    quantities: np.ndarray
    price: object
    profits: np.ndarray
    total_quantity: object
    consumer_surplus: object
    total_surplus: object
    shares: np.ndarray
    lerner: np.ndarray
    hhi: object
    elasticity: object
    active: np.ndarray
    n_active: object

    @property
    def industry_profit(self):
        """Sum of profits."""
        return scalar_or_array(np.asarray(self.profits).sum(axis=-1))

    @property
    def hhi_points(self):
        """HHI on the antitrust scale 0..10 000."""
        return scalar_or_array(1e4 * np.asarray(self.hhi))

    @property
    def industry_lerner(self):
        """Share-weighted Lerner index sum_i s_i L_i (= HHI / eps in Cournot)."""
        lern = np.where(self.active, self.lerner, 0.0)
        out = (np.asarray(self.shares) * lern).sum(axis=-1)
        return scalar_or_array(np.where(np.isnan(self.hhi), np.nan, out))


def homogeneous_equilibrium(conduct, a, b, costs, q, names, n_home) -> MarketEquilibrium:
    """Assemble the result from outputs ``q`` (grid + firms) of a homogeneous-good market."""
    Q = q.sum(axis=-1)
    p = a - b * Q
    active = q > 0
    profits = np.where(active, (p[..., None] - costs) * q, 0.0)
    cs = 0.5 * b * Q**2
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(Q[..., None] > 0, q / np.where(Q > 0, Q, 1.0)[..., None], 0.0)
        elasticity = np.where(Q > 0, p / (b * np.where(Q > 0, Q, 1.0)), np.nan)
    lerner = np.where(active, lerner_index(p[..., None], costs), np.nan)
    return MarketEquilibrium(
        conduct=conduct, names=names, n_home=n_home,
        a=scalar_or_array(a), b=scalar_or_array(b), costs=scalar_or_array(costs),
        quantities=scalar_or_array(q), price=scalar_or_array(p),
        profits=scalar_or_array(profits), total_quantity=scalar_or_array(Q),
        consumer_surplus=scalar_or_array(cs),
        total_surplus=scalar_or_array(cs + profits.sum(axis=-1)),
        shares=scalar_or_array(shares), lerner=scalar_or_array(lerner),
        hhi=scalar_or_array(_hhi(q)), elasticity=scalar_or_array(elasticity),
        active=scalar_or_array(active), n_active=scalar_or_array(active.sum(axis=-1)),
    )


def cournot(a, b, costs, *, incumbents: int = 0, incumbent_cost=None,
            names=None) -> MarketEquilibrium:
    """Cournot–Nash equilibrium with demand ``p = a - bQ`` and constant marginal costs.

    Firms that would produce a negative quantity at the interior solution produce
    zero: the solve finds the active set (the m lowest-cost firms with
    ``p_m = (a + sum_{i<=m} c_i)/(m+1) > c_(m)``) and checks that every inactive firm's
    marginal profit at zero output, ``p - c_j``, is <= 0 (KKT), rather than clipping
    the interior formula.

    Parameters
    ----------
    a, b : array_like
        Demand intercept and slope, > 0; may be grids that broadcast against each
        other and against ``costs[..., 0]``.
    costs : array_like, shape (..., n)
        Home firms' marginal costs (>= 0), firms on the last axis.
    incumbents : int, default 0
        Number k of foreign incumbents, appended after the home firms (names "f0", ...).
    incumbent_cost : array_like, optional
        Their marginal cost c_f: a scalar (all k alike), shape (k,) (one each), or a grid
        whose last axis has length 1 or k (e.g. ``cf_grid[:, None]``).
    names : sequence of str, optional
        Names of all n + k firms.

    Returns
    -------
    MarketEquilibrium

    Examples
    --------
    >>> r = cournot(100, 1, [10, 40, 95])      # the third firm is priced out
    >>> r.quantities.tolist(), float(r.price)
    ([40.0, 10.0, 0.0], 50.0)

    References
    ----------
    Cournot, A. (1838), Recherches sur les principes mathématiques de la théorie des
    richesses, ch. 7; Vives, X. (1999), Oligopoly Pricing, MIT Press, ch. 4.
    """
    a, b, _, c, names, n_home = prepare(a, b, costs, incumbents, incumbent_cost, names)
    q, *_ = linear_active_set(a, b, np.ones_like(a), c, "cournot")
    return homogeneous_equilibrium("cournot", a, b, c, q, names, n_home)


def _count_array(n) -> np.ndarray:
    """A finite (real) number of firms, not a boolean."""
    try:
        is_bool = np.asarray(n).dtype.kind == "b"
    except (ValueError, TypeError):
        is_bool = False  # ragged: finite_array says so
    if is_bool:
        raise ValueError(f"n (number of firms) must be a number, got {n!r}")
    return finite_array(n, "n")


def _symmetric_args(a, b, c, n, n_min):
    a = finite_array(a, "a")
    b = finite_array(b, "b")
    c = finite_array(c, "c")
    n = _count_array(n)
    for name, x in (("a", a), ("b", b)):
        if np.any(x <= 0):
            raise ValueError(f"{name} must be > 0, found {x[x <= 0].flat[0]}")
    if np.any(c < 0):
        raise ValueError(f"c must be >= 0, found {c[c < 0].flat[0]}")
    if np.any(n < n_min):
        raise ValueError(f"n must be >= {n_min}, found {n[n < n_min].flat[0]}")
    return a, b, c, n


def cournot_profit_symmetric(a, b, c, n):
    """Per-firm profit in symmetric linear Cournot, ``(a - c)^2 / (b (n+1)^2)`` (0 if c >= a).

    Vectorised over broadcasting ``a, b, c, n``; ``n`` >= 1 may be real (a continuous
    number of firms, as in free-entry approximations).

    References
    ----------
    MKT-1 in docs/theorems.md; Mankiw & Whinston (1986), RAND 17:48.
    """
    a, b, c, n = _symmetric_args(a, b, c, n, 1)
    return scalar_or_array(np.where(a > c, (a - c) ** 2 / (b * (n + 1) ** 2), 0.0))


def cournot_industry_profit(a, b, c, n):
    """Industry profit in symmetric linear Cournot, ``n (a - c)^2 / (b (n+1)^2)``; 0 for n = 0.

    References
    ----------
    Tirole (1988), ch. 5.
    Salant, S. W., Switzer, S. & Reynolds, R. J. (1983). Losses from horizontal merger. *Quarterly
    Journal of Economics* 98:185–199.
    """
    a, b, c, n = _symmetric_args(a, b, c, n, 0)
    return scalar_or_array(np.where(a > c, n * (a - c) ** 2 / (b * (n + 1) ** 2), 0.0))


def dissipation_ratio(n):
    """Share of monopoly profit dissipated by n symmetric Cournot firms.

    ``D(n) = 1 - Pi(n)/Pi(1) = ((n-1)/(n+1))^2`` with ``Pi(n)/Pi(1) = 4n/(n+1)^2``;
    D(1) = 0 and D(n) -> 1. ``n >= 1`` (real allowed), vectorised.

    References
    ----------
    Tirole (1988), ch. 5.
    Salant, S. W., Switzer, S. & Reynolds, R. J. (1983). Losses from horizontal merger.
    *Quarterly Journal of Economics* 98:185–199.
    """
    n = _count_array(n)
    if np.any(n < 1):
        raise ValueError(f"n must be >= 1, found {n[n < 1].flat[0]}")
    return scalar_or_array(((n - 1) / (n + 1)) ** 2)


@dataclasses.dataclass(frozen=True)
class GroupedCournot(ResultMixin):
    """Cournot equilibrium of firms in groups of identical cost (see :func:`grouped_cournot`).

    Per-group fields have the grid shape plus a last axis of groups and hold the values
    of *one firm* of the group (0 for inactive or empty groups).

    Attributes
    ----------
    quantities, profits : q_g and π_g = b q_g² of one firm of group g.
    price : p = a − bQ.
    total_quantity : Q = Σ_g n_g q_g.
    n_active : number of producing firms.

    References
    ----------
    Tirole (1988), ch. 5.
    """

    quantities: np.ndarray
    profits: np.ndarray
    price: np.ndarray
    total_quantity: np.ndarray
    n_active: np.ndarray


def grouped_cournot(a, b, counts, costs) -> GroupedCournot:
    """Linear Cournot with firms in groups of equal cost, vectorised over any grid.

    ``P = a − bQ``; group ``g`` has ``n_g ≥ 0`` firms of marginal cost ``c_g``. With the
    groups sorted by cost and the cheapest ones active,

        p = (a + Σ_{active} n_g c_g) / (1 + Σ_{active} n_g),    q_g = (p − c_g)/b,

    and the active set is the largest prefix whose costliest non-empty group has
    ``c_g < p`` while every later non-empty group has ``c_g ≥ p`` (the same equilibrium
    as :func:`cournot` with every firm listed, computed on ``G`` groups instead of
    ``Σ n_g`` firms: the host-market stage of models that evaluate thousands of entry
    configurations at once). Inputs are trusted (no validation): the models call it
    with validated primitives.

    Parameters
    ----------
    a, b : array, grid shape (broadcast)
    counts : array (..., G) of whole numbers ≥ 0
    costs : array (..., G)

    References
    ----------
    Tirole (1988), ch. 5.
    """
    a = np.asarray(a, float)[..., None]
    b = np.asarray(b, float)[..., None]
    counts = np.asarray(counts, float)
    costs = np.asarray(costs, float)
    shape = np.broadcast_shapes(a.shape, b.shape, counts.shape, costs.shape)
    counts = np.broadcast_to(counts, shape)
    costs = np.broadcast_to(costs, shape)
    order = np.argsort(costs, axis=-1, kind="stable")
    cs = np.take_along_axis(costs, order, axis=-1)
    ns = np.take_along_axis(counts, order, axis=-1)
    ncum = np.cumsum(ns, axis=-1)
    scum = np.cumsum(ns * cs, axis=-1)
    a_b = np.broadcast_to(a, shape)
    p = (a_b + scum) / (1.0 + ncum)  # price if the groups up to j are active
    # the costliest non-empty group of the prefix must produce ...
    last_cost = np.where(ns > 0, cs, -np.inf)
    last_cost = np.maximum.accumulate(last_cost, axis=-1)
    inside = last_cost < p
    # ... and every later non-empty group must not
    later = np.where(ns > 0, cs, np.inf)
    nxt = np.minimum.accumulate(later[..., ::-1], axis=-1)[..., ::-1]
    nxt = np.concatenate([nxt[..., 1:], np.full(shape[:-1] + (1,), np.inf)], axis=-1)
    outside = nxt >= p
    valid = inside & outside & (ncum > 0)
    any_valid = valid.any(axis=-1)
    G = shape[-1]
    j = np.where(any_valid, G - 1 - np.argmax(valid[..., ::-1], axis=-1), 0)
    price = np.where(any_valid, np.take_along_axis(p, j[..., None], axis=-1)[..., 0],
                     a_b[..., 0])
    rank = np.arange(G)
    active_sorted = (rank <= j[..., None]) & any_valid[..., None] & (ns > 0)
    q_sorted = np.where(active_sorted, (price[..., None] - cs) / np.broadcast_to(b, shape), 0.0)
    q_sorted = np.maximum(q_sorted, 0.0)
    inv = np.argsort(order, axis=-1)
    q = np.take_along_axis(q_sorted, inv, axis=-1)
    bq = np.broadcast_to(b, shape)
    Q = (q * counts).sum(axis=-1)
    n_active = np.where(q > 0, counts, 0.0).sum(axis=-1)
    return GroupedCournot(quantities=q, profits=bq * q**2, price=price, total_quantity=Q,
                          n_active=n_active)
