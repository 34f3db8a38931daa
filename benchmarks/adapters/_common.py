"""Small helpers shared by the adapters (result summaries)."""

from __future__ import annotations

import numpy as np


def allocation(x) -> dict:
    return {"x": np.asarray(x, dtype=float).reshape(-1).tolist()}


def allocation_eps(x, eps) -> dict:
    return {"x": np.asarray(x, dtype=float).reshape(-1).tolist(),
            "eps": None if eps is None else float(eps)}


def mixed_pairs(pairs) -> dict:
    """Equilibria given as an iterable of (x, y) mixed strategies."""
    out = []
    for x, y in pairs:
        out.append([np.asarray(x, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()])
    return {"equilibria": out}


def profiles(profs) -> dict:
    """Pure profiles (0/1 actions per firm), sorted for comparison."""
    return {"equilibria": sorted([int(a) for a in p] for p in profs)}


def n_players(v: np.ndarray) -> int:
    return int(np.asarray(v).shape[0]).bit_length() - 1


def assignment(res) -> dict:
    """``(v(N), u_buyer_opt, w_buyer_opt, u_seller_opt, w_seller_opt)``; extremes may be None."""
    value, *pts = res

    def lst(x):
        return None if x is None else np.asarray(x, dtype=float).tolist()

    return {"value": float(value), "points": [lst(x) for x in pts]}
