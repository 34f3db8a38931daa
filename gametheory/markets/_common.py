"""Shared machinery of the host-market stage: input checks, firm lists, the linear active-set solve.

Every market here has linear (inverse) demand

    p_i = a - b ((1 - gamma) q_i + gamma Q),        Q = sum_j q_j,

with gamma = 1 the homogeneous good (p = a - bQ) and gamma in (-1/(n-1), 1) the
symmetric differentiated goods of Singh & Vives (1984, RAND 15:546) and Häckner
(2000, JET 93:233). Firms have constant marginal costs c_i >= 0.
"""

from __future__ import annotations

import numpy as np

from .._validation import finite_array, names_for, whole_number

# relative tolerance (of the price scale max(a, c)) of the "inactive firm does not want
# to produce" check
_KKT_TOL = 1e-10


def check_scale(a, b, what: str = "a (demand intercept) and b (demand slope)") -> None:
    """Reject markets whose quantities ``a/b`` or profits ``a²/b`` overflow a float.

    Equilibrium quantities are of the order of ``a/b`` and profits and surplus of
    ``a²/b``; when either is not a finite float no answer can be computed in these units.
    """
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        q = np.asarray(a, float) / np.asarray(b, float)
        big = np.abs(q) * np.abs(np.asarray(a, float))
    if not (np.all(np.isfinite(q)) and np.all(np.isfinite(big))):
        idx = np.argwhere(~(np.isfinite(q) & np.isfinite(big)))
        where = f" at grid point {tuple(int(i) for i in idx[0])}" if np.ndim(q) else ""
        raise ValueError(
            f"{what}: quantities (about a/b) and profits (about a²/b) overflow a float"
            f"{where} (a={np.ravel(a)[0] if np.ndim(a) else a}, "
            f"b={np.ravel(b)[0] if np.ndim(b) else b}); express money and quantities in "
            f"units that keep a²/b below 1e308")


def _positive_grid(x, name: str) -> np.ndarray:
    arr = finite_array(x, name)
    if arr.size == 0:
        raise ValueError(f"{name} must be a non-empty grid of values, got an empty array")
    if np.any(arr <= 0):
        bad = arr[arr <= 0].flat[0]
        raise ValueError(f"{name} must be > 0 everywhere (demand needs a positive intercept "
                         f"and slope); found {bad}")
    return arr


def _cost_array(x, name: str) -> np.ndarray:
    arr = np.atleast_1d(finite_array(x, name))
    if arr.size == 0 and arr.shape[-1] != 0:
        raise ValueError(f"{name} must be a non-empty grid of values, got shape {arr.shape}")
    if np.any(arr < 0):
        bad = arr[arr < 0].flat[0]
        raise ValueError(f"{name} must be >= 0 (constant marginal costs), found {bad}")
    return arr


def prepare(a, b, costs, incumbents=0, incumbent_cost=None, names=None, gamma=None):
    """Validate and broadcast market inputs.

    Returns ``(a, b, gamma, costs, names, n_home)`` with ``a, b, gamma`` of the grid
    shape ``G`` and ``costs`` of shape ``G + (N,)``, ``N = n_home + incumbents``
    (home firms first, then the foreign incumbents).
    """
    a = _positive_grid(a, "a (demand intercept)")
    b = _positive_grid(b, "b (demand slope)")
    check_scale(a, b)
    costs = _cost_array(costs, "costs")
    k = whole_number(incumbents, "incumbents", 0)
    if k > 0:
        if incumbent_cost is None:
            raise ValueError(f"{k} incumbents need incumbent_cost (a scalar, or an array "
                             f"whose last axis has length 1 or {k})")
        cf = _cost_array(incumbent_cost, "incumbent_cost")
        if cf.shape[-1] not in (1, k):
            raise ValueError(f"incumbent_cost's last axis must have length 1 or {k} "
                             f"(one cost per incumbent), got shape {cf.shape}")
    else:
        if incumbent_cost is not None and np.asarray(incumbent_cost).size > 1:
            raise ValueError("incumbent_cost was given per incumbent but incumbents=0")
        cf = np.zeros((0,))
    if gamma is None:
        g = np.ones(())
    else:
        g = finite_array(gamma, "gamma")
        if g.size == 0:
            raise ValueError("gamma must be a non-empty grid of values, got an empty array")
    n_home = costs.shape[-1]
    try:
        grid = np.broadcast_shapes(a.shape, b.shape, g.shape, costs.shape[:-1], cf.shape[:-1])
    except ValueError:
        raise ValueError(
            f"parameter grids do not broadcast: a {a.shape}, b {b.shape}, gamma {g.shape}, "
            f"costs {costs.shape} (firms on the last axis), incumbent_cost {cf.shape}"
        ) from None
    if int(np.prod(grid, dtype=np.int64)) == 0:
        raise ValueError(f"the parameter grid is empty (shape {grid})")
    all_costs = np.concatenate(
        [np.broadcast_to(costs, grid + (n_home,)), np.broadcast_to(cf, grid + (k,))], axis=-1)
    n = all_costs.shape[-1]
    if n == 0:
        raise ValueError("the market needs at least one firm (costs is empty and incumbents=0)")
    if gamma is not None:
        lo = -1.0 / (n - 1) if n > 1 else -np.inf
        bad = ~((g > lo) & (g < 1))
        if np.any(bad):
            raise ValueError(f"gamma must lie in (-1/(n-1), 1) = ({lo:.6g}, 1) for n = {n} "
                             f"differentiated goods (substitutes > 0, complements < 0; "
                             f"gamma = 1 is the homogeneous good); found {g[bad].flat[0]}")
    if names is None:
        names = tuple(str(i) for i in range(n_home)) + tuple(f"f{j}" for j in range(k))
    else:
        names = names_for(n, names, "firm")
    return (np.broadcast_to(a, grid).astype(float), np.broadcast_to(b, grid).astype(float),
            np.broadcast_to(g, grid).astype(float), np.ascontiguousarray(all_costs), names, n_home)


def linear_active_set(a, b, gamma, costs, conduct: str):
    """Equilibrium of the linear market by an active-set solve (vectorised over the grid).

    Firms are sorted by cost. For ``m`` active lowest-cost firms the first-order
    conditions give, for active i,

        a - c_i = theta_m q_i + b gamma Q,   Q = (m a - sum_{j<=m} c_j) / (theta_m + m b gamma),

    with price-cost margin ``p_i - c_i = mu_m q_i``; Cournot: ``mu = b``,
    ``theta = b (2 - gamma)``; Bertrand (demand of the m supplied goods):
    ``mu_m = b (1-gamma)(1+(m-1)gamma)/(1+(m-2)gamma)``, ``theta_m = mu_m + b (1-gamma)``.
    The candidate ``m`` is an equilibrium when every active firm's quantity is
    positive (the costliest active firm's suffices, quantities fall with cost) and
    every inactive firm's marginal profit at zero output is <= 0, i.e. its choke price
    ``a - b gamma Q`` is at most its cost (KKT). The largest such ``m`` is returned.

    Bertrand only: where no active set qualifies, the lowest-cost firm may limit-price
    (see the code; Zanchettin 2006, JEMS 15:999); where that fails too (several firms
    would have to limit-price jointly, a continuum of equilibria) the point is NaN.

    Returns ``q, Q, margins, m_active, limit_pricing, solved`` (``q``/``margins`` in the
    caller's firm order).
    """
    n = costs.shape[-1]
    order = np.argsort(costs, axis=-1, kind="stable")
    cs = np.take_along_axis(costs, order, axis=-1)
    ax = a[..., None]
    bx = b[..., None]
    gx = gamma[..., None]
    m = np.arange(n + 1, dtype=float)
    S = np.concatenate([np.zeros(cs.shape[:-1] + (1,)), np.cumsum(cs, axis=-1)], axis=-1)
    if conduct == "cournot":
        mu = np.broadcast_to(bx, S.shape)
    else:  # bertrand; m = 0 is a dummy 1 (no firm is active there)
        mm = np.maximum(m, 1.0)
        mu = bx * (1 - gx) * (1 + (mm - 1) * gx) / (1 + (mm - 2) * gx)
    theta = mu + bx * (1 - gx)
    Q = (m * ax - S) / (theta + m * bx * gx)
    Q[..., 0] = 0.0
    choke = ax - bx * gx * Q  # a - c_i - b gamma Q is a firm's marginal profit at q_i = 0
    scale = np.maximum(np.abs(ax), cs.max(axis=-1, keepdims=True))  # the price scale
    inside = np.ones(S.shape, dtype=bool)
    inside[..., 1:] = choke[..., 1:] - cs > 0
    outside = np.ones(S.shape, dtype=bool)
    outside[..., :-1] = choke[..., :-1] - cs <= _KKT_TOL * scale
    valid = inside & outside
    solved = valid.any(axis=-1)
    limit = np.zeros(solved.shape, dtype=bool)
    if conduct == "cournot" and not np.all(solved):
        bad = np.argwhere(~solved)[0]
        idx = tuple(int(i) for i in bad)
        raise RuntimeError(
            f"cournot: no active set satisfies the equilibrium conditions at grid point {idx} "
            f"(a={a[idx]}, b={b[idx]}, costs={costs[idx]}); please report")
    if conduct == "bertrand" and n > 1:
        # limit pricing (Zanchettin 2006, JEMS 15:999): the lowest-cost firm sells
        # q1 = (a - c_(2)) / (b gamma), which holds the next firm's choke price at its cost.
        # Optimal iff raising p1 in the 1-good region pays (p1 <= (a + c_1)/2) and raising
        # it past the kink, into the 2-good demand with p2 = c_(2), does not.
        with np.errstate(divide="ignore", invalid="ignore"):
            q1 = (a - cs[..., 1]) / (b * gamma)
            p1 = a - b * q1
            slope2 = 1.0 / (b * (1 - gamma**2))
            limit = (~solved & (gamma > 0) & (q1 > 0) & (p1 > cs[..., 0])
                     & (p1 <= 0.5 * (a + cs[..., 0]) + _KKT_TOL * scale[..., 0])
                     & (q1 - (p1 - cs[..., 0]) * slope2 <= _KKT_TOL * scale[..., 0]))
    m_star = np.where(solved, n - np.argmax(valid[..., ::-1], axis=-1), 1)  # largest valid m
    pick = m_star[..., None]
    Q_star = np.take_along_axis(Q, pick, axis=-1)
    theta_star = np.take_along_axis(theta, pick, axis=-1)
    mu_star = np.take_along_axis(mu, pick, axis=-1)
    rank = np.arange(n)
    q_sorted = np.where(rank < pick, (ax - cs - bx * gx * Q_star) / theta_star, 0.0)
    margin_sorted = mu_star * q_sorted
    if np.any(limit):
        lim = limit[..., None]
        first = rank == 0
        q_lim = np.where(first, ((a - cs[..., 1]) / (b * np.where(limit, gamma, 1)))[..., None], 0)
        q_sorted = np.where(lim, q_lim, q_sorted)
        margin_sorted = np.where(lim, np.where(first, ax - bx * q_sorted - cs, 0.0), margin_sorted)
        Q_star = np.where(lim, q_sorted.sum(axis=-1, keepdims=True), Q_star)
    failed = ~(solved | limit)
    if np.any(failed):  # Bertrand with several firms limit-pricing: not determined here
        q_sorted = np.where(failed[..., None], np.nan, q_sorted)
        margin_sorted = np.where(failed[..., None], np.nan, margin_sorted)
        Q_star = np.where(failed[..., None], np.nan, Q_star)
        m_star = np.where(failed, 0, m_star)
    inv = np.argsort(order, axis=-1)
    q = np.take_along_axis(q_sorted, inv, axis=-1)
    margin = np.take_along_axis(margin_sorted, inv, axis=-1)
    return q, Q_star[..., 0], margin, m_star, limit, ~failed


def scalar_or_array(x):
    """0-d arrays become numpy scalars; others are returned read-only."""
    x = np.asarray(x)
    if x.ndim == 0:
        return x[()]
    x = np.array(x)
    x.flags.writeable = False
    return x
