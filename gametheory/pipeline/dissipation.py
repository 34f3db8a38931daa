"""Paper figures and tables for this topic (registered with :mod:`gametheory.pipeline`).

Figure C (M4, internal dissipation) and figure D (M5, information sharing) on the
built-in default cases below, and tables of their key numbers.
"""

from __future__ import annotations

import numpy as np

from ..models import DissipationEntry, InfoSharing
from ..models.information import REGIONS
from . import case_section, figure, table

#: Default M4 case (section [dissipation] of the case, by default the prototype case of
#: docs/models.md: a=100, c0=c_f=40, k=2 foreign incumbents, F=60, risk-neutral, with
#: capped agglomeration economies γ=0.8 down to 36).
DEFAULT_DISSIPATION = DissipationEntry(**case_section("dissipation"))
SUBSIDIES = (0.0, 0.3, 0.6)
F_GRID = np.linspace(10.0, 200.0, 77)
S_GRID = np.linspace(0.0, 0.9, 46)

#: Default M5 grid (σ² = 1): γ × signal precision. An even number of γ points keeps γ = 0
#: (independent goods, where sharing is irrelevant) off the grid.
GAMMAS = np.linspace(-0.95, 0.95, 58)
PRECISIONS = np.geomspace(0.05, 20.0, 29)


@figure("fig_c_dissipation",
        "Where internal dissipation occurs (M4): free entry vs cluster optimum")
def fig_c_dissipation():
    from ..plotting.dissipation import plot_dissipation

    model = DEFAULT_DISSIPATION
    results = {s: model.solve(s) for s in SUBSIDIES}
    grid = model.dissipation_grid(F_GRID, S_GRID)
    return plot_dissipation(results, model.F, grid, mark=[(s, model.F) for s in SUBSIDIES])


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
    header = ["subsidy s", "m_U(s)", "equilibrium counts", "m_C", "W_H(m_C)", "W_H(m_U)",
              "dissipation", "subsidy cost"]
    rows = []
    for s in SUBSIDIES:
        r = model.solve(s)
        rows.append([s, r.m_free, " ".join(map(str, r.equilibrium_counts)), r.m_cluster,
                     float(r.national_surplus[r.m_cluster]), float(r.national_surplus[r.m_free]),
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
