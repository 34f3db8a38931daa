"""Model-specific outputs of the sweeps: the integrated model (M0) ``ClusterVsScattered``.

# ---------------------------------------------------------------------------------------
# MODEL-SPECIFIC. Everything that knows the integrated model's API is in this file, so it
# can be adapted in one place when the model changes. It uses only the public API:
# ``solve()`` → ClusterComparison (``.regime``, ``.regime_code``, ``.scattered.m``,
# ``.cluster.m``, ``.cluster.members``, ``.gain``, ``.dissipation``, ``.interior``),
# ``scattered_surplus()``, ``cluster_surplus()``, ``decomposition()`` → Allocation over
# ``MECHANISMS`` and ``headline()`` (one equilibrium solve, no decomposition).
# ---------------------------------------------------------------------------------------

Each function takes a :class:`~gametheory.models.ClusterVsScattered` and returns a dict of
scalars (the columns of a sweep, see :func:`gametheory.sweep.grid`):

* :func:`headline` — regime, entrants both ways, the cluster's size, surpluses and the
  gain, without the decomposition (one equilibrium solve);
* :func:`surplus` — ``V_U``, ``V_C`` and the gain only (cheapest);
* :func:`decomposition` — the gain's Shapley decomposition by mechanism (32 solves);
* :func:`regime_map_from` — a grid sweep of :func:`headline` as the model's
  :class:`~gametheory.models.cluster.RegimeMap`, for
  :func:`gametheory.plotting.plot_regime_map`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["headline", "surplus", "decomposition", "full", "regime_map_from",
           "HEADLINE_COLUMNS"]

#: Columns of :func:`headline` (money in the model's unit; m_U, m_C are entrant counts).
HEADLINE_COLUMNS = ("regime", "regime_code", "m_U", "m_C", "members", "V_U", "V_C", "gain",
                    "cluster_wins", "interior")


def headline(model) -> dict:
    """Regime, entrants both ways, the cluster's size, national surpluses and the gain.

    ``cluster_wins`` is 1 where the equilibrium cluster earns strictly more than scattered
    entry (regimes 2–5), else 0 — a scalar version of the regime for sensitivity analysis;
    ``interior`` is False where home firms cannot produce in the host market at all.
    """
    out = dict(model.headline())
    out["cluster_wins"] = int(out["regime_code"] in (2, 3, 4, 5))
    return out


def surplus(model) -> dict:
    """``V_U``, ``V_C`` and the gain ``V_C − V_U`` only (the cheapest evaluation)."""
    v_u, v_c = float(model.scattered_surplus()), float(model.cluster_surplus())
    return {"V_U": v_u, "V_C": v_c, "gain": v_c - v_u}


def decomposition(model) -> dict:
    """Each mechanism's Shapley share, the gain ``V_C − V_U`` and the organising cost (the
    shares sum to the gain plus the organising cost)."""
    from ..models.cluster import MECHANISMS

    dec = np.asarray(model.decomposition(), dtype=float)
    out = {name: float(x) for name, x in zip(MECHANISMS, dec)}
    out["gain"] = float(model.cluster_surplus() - model.scattered_surplus())
    out["organising cost"] = float(dec.sum()) - out["gain"]  # the shares sum to gain + it
    return out


def full(model) -> dict:
    """:func:`headline` and :func:`decomposition` together (what ``gametheory solve`` prints)."""
    out = headline(model)
    out.update({f"share: {k}": v for k, v in decomposition(model).items() if k != "gain"})
    return out


def regime_map_from(result):
    """A two-parameter grid sweep of :func:`headline` as a ``RegimeMap``.

    The model's map has rows along the second parameter (``y``) and columns along the
    first (``x``), as an image.
    """
    from ..models.cluster import REGIMES, RegimeMap

    if result.axes is None or len(result.axes) != 2:
        raise ValueError("regime_map_from needs a sweep over a grid of exactly two parameters")
    missing = [c for c in ("regime_code", "V_U", "V_C", "m_U", "m_C") if c not in result.frame]
    if missing:
        raise ValueError(f"the sweep lacks the columns {missing}: sweep with "
                         "method=gametheory.sweep.targets.headline")
    (px, gx), (py, gy) = result.axes.items()

    def arr(col, dtype):
        return result.array(col).astype(dtype).T  # (x, y) → (y, x)

    V_U, V_C = arr("V_U", float), arr("V_C", float)
    # interior: a lone home entrant produces (regime 0 with no entry either way can be
    # either; the map marks non-interior points only when the sweep computed them)
    interior = (arr("interior", bool) if "interior" in result.frame
                else np.ones(V_U.shape, dtype=bool))
    members = (arr("members", int) if "members" in result.frame
               else np.zeros(V_U.shape, dtype=int))
    return RegimeMap(param_x=px, grid_x=np.asarray(gx, dtype=float), param_y=py,
                     grid_y=np.asarray(gy, dtype=float), code=arr("regime_code", int),
                     gain=V_C - V_U, V_U=V_U, V_C=V_C, m_U=arr("m_U", int),
                     m_C=arr("m_C", int), members=members, interior=interior, labels=REGIMES)
