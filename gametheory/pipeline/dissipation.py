"""Paper figures and tables for this topic (registered with :mod:`gametheory.pipeline`).

Figure C (M4, internal dissipation) and figure D (M5, information sharing) on the
built-in default cases below, and tables of their key numbers.
"""

from __future__ import annotations

import numpy as np

from ..models import InfoSharing
from ..models.information import REGIONS
from . import figure, table
from .cluster import DEFAULT_CLUSTER

#: Default M4 case: the scattered side of the integrated model's default case, in the same
#: world (same host market, the scattered entrant's risk premium σ²/(2τ), agglomeration
#: reaching uncoordinated entrants in the same share ψ).
DEFAULT_DISSIPATION = DEFAULT_CLUSTER.dissipation_model()
SUBSIDIES = (0.0, 0.3, 0.6)
F_GRID = np.linspace(10.0, 200.0, 58)
S_GRID = np.linspace(0.0, 0.9, 46)

#: Default M5 grid (σ² = 1): γ × signal precision. An even number of γ points keeps γ = 0
#: (independent goods, where sharing is irrelevant) off the grid.
GAMMAS = np.linspace(-0.95, 0.95, 58)
PRECISIONS = np.geomspace(0.05, 20.0, 29)


@figure("fig_c_dissipation",
        "Where internal dissipation occurs: scattered free entry against the cluster "
        "equilibrium, in the world of figure A")
def fig_c_dissipation():
    from ..plotting.dissipation import plot_dissipation_world

    model = DEFAULT_CLUSTER
    counts = {}
    for s in SUBSIDIES:
        r = model.replace(s=s).solve()
        counts[s] = (r.scattered.m, r.cluster.m)
    rmap = model.regime_map("s", S_GRID, "F", F_GRID)
    return plot_dissipation_world(model.schedule(None), model.schedule("all"), counts, rmap)


@figure("fig_d_information_sharing",
        "Information-sharing regions over substitutability × precision (M5)")
def fig_d_information_sharing():
    from ..plotting.information import plot_sharing_regions

    panels = {}
    for unc, name in (("common", "common value (demand)"), ("private", "private values (costs)")):
        for comp in ("cournot", "bertrand"):
            model = InfoSharing(competition=comp, uncertainty=unc, sigma2=1.0)
            panels[f"{comp.capitalize()}, {name}"] = model.sharing_regions(GAMMAS, PRECISIONS)
    return plot_sharing_regions(panels, GAMMAS, PRECISIONS, REGIONS,
                                title="Share or keep private signals: equilibrium regions (σ² = 1)")


@table("tab_dissipation", "M4 key numbers: free entry, cluster optimum and dissipation by subsidy")
def tab_dissipation():
    model = DEFAULT_DISSIPATION
    header = ["subsidy s", "m_U(s)", "equilibrium counts", "m_C", "W_C(m_C)", "W_U(m_U)",
              "dissipation", "subsidy cost"]
    rows = []
    for s in SUBSIDIES:
        r = model.solve(s)
        rows.append([s, r.m_free, " ".join(map(str, r.equilibrium_counts)), r.m_cluster,
                     float(r.cluster_surplus[r.m_cluster]), float(r.national_surplus[r.m_free]),
                     r.dissipation, r.subsidy_cost])
    return header, rows


@table("tab_information_sharing", "M5 key numbers: share/keep payoffs and equilibria (σ²=σ_ε²=1)")
def tab_information_sharing():
    header = ["competition", "uncertainty", "gamma", "E[pi] keep,keep", "E[pi] share,share",
              "E[pi] share,keep", "E[pi] keep,share", "dominant", "prisoner's dilemma"]
    rows = []
    for comp in ("cournot", "bertrand"):
        for unc in ("common", "private"):
            for g in (-0.5, 0.5, 0.9):
                r = InfoSharing(gamma=g, competition=comp, uncertainty=unc).solve()
                A = r.payoffs
                rows.append([comp, unc, g, float(A[0, 0]), float(A[1, 1]), float(A[1, 0]),
                             float(A[0, 1]), str(r.dominant_action), r.prisoners_dilemma])
    return header, rows
