"""Market power: Lerner indices, the Herfindahl–Hirschman index, and a cluster's market power.

In Cournot with homogeneous goods, firm i's first-order condition gives

    L_i = (p - c_i) / p = s_i / eps,        sum_i s_i L_i = HHI / eps,

with s_i = q_i / Q the quantity share, HHI = sum_i s_i^2 and eps = -(dQ/dp) p / Q the
market elasticity of demand (Cowling & Waterson 1976, Economica 43:267).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .._results import ResultMixin
from ._common import scalar_or_array


def lerner_index(price, cost):
    """Lerner index ``L = (p - c) / p`` (broadcast); NaN where ``p <= 0``.

    Parameters
    ----------
    price, cost : array_like
        Prices and marginal costs (they broadcast against each other).

    References
    ----------
    Lerner, A. P. (1934), Review of Economic Studies 1:157.
    """
    # NaN passes through (a closed market has no price); None, text and negative costs do not
    for name, x in (("price", price), ("cost", cost)):
        if x is None or isinstance(x, (str, bytes)):
            raise ValueError(f"{name} must be a number or an array of numbers, got {x!r}")
    try:
        p = np.asarray(price, dtype=float)
        c = np.asarray(cost, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"price and cost must be arrays of numbers ({exc})") from None
    if np.any(c < 0):
        raise ValueError(f"cost (marginal cost) must be >= 0, found {c[c < 0].flat[0]}")
    try:
        np.broadcast_shapes(p.shape, c.shape)
    except ValueError:
        raise ValueError(f"price and cost must broadcast against each other, got shapes "
                         f"{p.shape} and {c.shape}") from None
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p > 0, (p - c) / np.where(p > 0, p, 1.0), np.nan)


def hhi(quantities, axis: int = -1):
    """Herfindahl–Hirschman index ``sum_i s_i^2`` with shares ``s_i = q_i / Q`` in [0, 1].

    The index lies in [1/n, 1] (multiply by 10^4 for the antitrust "points" scale).
    NaN where total output is zero (no market).

    Parameters
    ----------
    quantities : array_like
        Non-negative outputs, firms along ``axis``.

    References
    ----------
    Cowling & Waterson (1976).
    """
    # NaN passes through (no equilibrium at that grid point); None, text, negatives do not
    if quantities is None or isinstance(quantities, (str, bytes)):
        raise ValueError(f"quantities must be an array of outputs, got {quantities!r}")
    try:
        q = np.asarray(quantities, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"quantities must be a rectangular array of numbers ({exc})") from None
    if np.any(q < 0):
        raise ValueError(f"quantities must be >= 0, found {q[q < 0].flat[0]}")
    if q.ndim and not -q.ndim <= axis < q.ndim:
        raise ValueError(f"axis must lie in -{q.ndim}..{q.ndim - 1} for quantities of shape "
                         f"{q.shape}, got {axis}")
    if q.ndim == 0 or q.size == 0:
        raise ValueError(f"quantities must list the firms' outputs along axis {axis}, "
                         f"got shape {q.shape}")
    total = q.sum(axis=axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(total > 0, q / np.where(total > 0, total, 1.0), 0.0)
    out = (s**2).sum(axis=axis)
    return np.where(np.squeeze(total, axis=axis) > 0, out, np.nan)


@dataclasses.dataclass(frozen=True)
class ClusterPower(ResultMixin):
    """Market power of a coalition S ("the cluster") in a homogeneous-good Cournot market.

    Attributes
    ----------
    members : tuple of str
        Names of the firms in S.
    quantity_share : s_S = sum_{i in S} q_i / Q.
    profit_share : sum_{i in S} pi_i / sum_j pi_j.
    lerner_competing : sum_{i in S} s_i L_i / s_S = sum_{i in S} s_i^2 / (s_S eps), the
        share-weighted Lerner index when the members compete (the observed equilibrium).
    lerner_coordinated : s_S / eps, the Cowling–Waterson value were S to set its output
        jointly at the same shares (the first-order condition of a single firm with share s_S).

    References
    ----------
    Cowling & Waterson (1976).
    """

    members: tuple
    quantity_share: object
    profit_share: object
    lerner_competing: object
    lerner_coordinated: object


def cluster_market_power(result, members) -> ClusterPower:
    """Market power of the coalition ``members`` in a Cournot equilibrium.

    Parameters
    ----------
    result : MarketEquilibrium
        A homogeneous-good Cournot equilibrium from :func:`gametheory.markets.cournot`
        (any grid shape).
    members : iterable of int or str, or boolean mask
        Firm indices (in ``result.names`` order) or names.

    Returns
    -------
    ClusterPower
        ``quantity_share`` s_S, ``profit_share``, ``lerner_competing``
        = sum_{i in S} s_i L_i / s_S and ``lerner_coordinated`` = s_S / eps. Entries are
        NaN where S produces nothing (or the market is closed).

    References
    ----------
    Cowling, K. & Waterson, M. (1976), Economica 43:267.
    """
    if getattr(result, "conduct", None) != "cournot":
        raise ValueError("cluster_market_power needs a homogeneous-good Cournot result from "
                         f"markets.cournot, got {type(result).__name__} "
                         f"({getattr(result, 'conduct', 'no conduct')})")
    names = result.names
    n = len(names)
    if members is None or not (isinstance(members, (str, int, np.integer))
                               or hasattr(members, "__iter__")):
        raise ValueError(f"members must be firm indices or names (or a boolean mask), "
                         f"got {members!r}")
    mem = list(members) if not isinstance(members, (str, int)) else [members]
    if len(mem) == n and all(isinstance(x, (bool, np.bool_)) for x in mem):
        idx = [i for i, x in enumerate(mem) if x]
    else:
        idx = []
        for x in mem:
            if isinstance(x, str):
                if x not in names:
                    raise ValueError(f"unknown firm {x!r}; firms are {names}")
                idx.append(names.index(x))
            elif isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
                if not 0 <= x < n:
                    raise ValueError(f"firm index {x} out of range 0..{n - 1}")
                idx.append(int(x))
            else:
                raise ValueError(f"members must be firm indices or names, got {x!r}")
    if not idx:
        raise ValueError("the cluster must have at least one member")
    if len(set(idx)) != len(idx):
        raise ValueError(f"members repeat a firm: {[names[i] for i in idx]}")
    mask = np.zeros(n, dtype=bool)
    mask[idx] = True
    s = np.asarray(result.shares)
    prof = np.asarray(result.profits)
    lern = np.where(np.asarray(result.active), np.asarray(result.lerner), 0.0)
    s_S = (s * mask).sum(axis=-1)
    total_profit = prof.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = s_S > 0
        safe = np.where(ok, s_S, 1.0)
        competing = np.where(ok, (s * lern * mask).sum(axis=-1) / safe, np.nan)
        coordinated = np.where(ok, s_S / np.asarray(result.elasticity), np.nan)
        pshare = np.where(total_profit > 0,
                          (prof * mask).sum(axis=-1) / np.where(total_profit > 0, total_profit, 1),
                          np.nan)
    return ClusterPower(
        members=tuple(names[i] for i in sorted(idx)),
        quantity_share=scalar_or_array(np.where(np.isnan(result.hhi), np.nan, s_S)),
        profit_share=scalar_or_array(pshare),
        lerner_competing=scalar_or_array(competing),
        lerner_coordinated=scalar_or_array(coordinated),
    )
