"""Paper figures and tables for mechanism M1, cost sharing (registered with the pipeline).

Default case: three firms enter a host market together — two SMEs and a lead firm.
The shareable search / negotiation / legal part of entry ``K`` is sized to the most
demanding member (airport form), set-up costs ``f`` are firm-specific, and no firm's
operating profit abroad ``R`` covers its standalone cost, while the three together
cover the joint cost (the cluster-only region).
"""

from __future__ import annotations

import numpy as np

from ..models.cost_sharing import EntryCostGame, EntryModeSorting
from . import case_section, figure, table

#: The M1 case (section [cost_sharing] of the case; built-in: K, f, R of two SMEs and a lead).
DEFAULT = case_section("cost_sharing")
#: HMY parameters (section [entry_modes]: demand level, trade cost, elasticity, fixed costs).
DEFAULT_HMY = case_section("entry_modes")


def default_model() -> EntryCostGame:
    return EntryCostGame(**DEFAULT)


@figure("m1_cost_core", "M1: core of the 3-firm entry-cost game on the simplex, "
        "Shapley value, nucleolus and SCRB marked")
def cost_core():
    import matplotlib.pyplot as plt

    from ..plotting.sharing import plot_cost_core
    from ..plotting.style import PAGE_WIDTH, paper_style

    sol = default_model().solve()
    with paper_style():
        fig, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.62, PAGE_WIDTH * 0.56))
        plot_cost_core(sol, ax=ax, methods=("Shapley", "nucleolus", "SCRB", "proportional"),
                       title=(f"Joint entry cost c(N) = {sol.joint_cost:g} "
                              f"(standalone total {sol.standalone.sum():g}): "
                              f"the core of cost shares"))
    return fig


@figure("m1_cost_shares", "M1: standalone entry cost and cost shares of each firm under "
        "the classic allocation rules")
def cost_shares():
    import matplotlib.pyplot as plt

    from ..plotting.sharing import plot_cost_shares
    from ..plotting.style import PAGE_WIDTH, paper_style

    sol = default_model().solve()
    with paper_style():
        fig, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.66, PAGE_WIDTH * 0.4))
        plot_cost_shares(sol, ax=ax, title="Entry cost alone and shared in the cluster")
    return fig


@figure("m1_fdi_cutoff", "M1: sharing the FDI fixed cost lowers the HMY FDI cut-off "
        "(SMEs switch from exporting / non-equity modes to FDI)")
def fdi_cutoff():
    import matplotlib.pyplot as plt

    from ..plotting.sharing import plot_mode_shift
    from ..plotting.style import PAGE_WIDTH, paper_style

    hmy = EntryModeSorting(**DEFAULT_HMY)
    with paper_style():
        fig, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.66, PAGE_WIDTH * 0.44))
        plot_mode_shift(hmy, np.linspace(0, 140, 281), [2, 3], ax=ax,
                        title="Helpman–Melitz–Yeaple cut-offs with a shared FDI fixed cost")
    return fig


@table("m1_cost_allocations", "M1: cost allocations of the default 3-firm entry-cost game")
def cost_allocations():
    return default_model().solve().table()


@table("m1_viability", "M1: viability alone and in the cluster, and internal financing, "
       "default case")
def viability():
    m = default_model()
    via = m.viability()
    fin = m.internal_financing()
    phi = m.shapley_closed_form()
    header = ["firm", "R_i", "standalone cost F_i", "enters alone", "Shapley share",
              "financed share (core)", "net margin R_i - x_i"]
    rows = []
    for i, name in enumerate(m.names):
        x = fin.allocation[i] if fin.feasible else float("nan")
        rows.append([name, float(m.R[i]), float(m.standalone_costs[i]), bool(via.enters_alone[i]),
                     round(float(phi[i]), 6), round(float(x), 6), round(float(m.R[i] - x), 6)])
    rows.append(["cluster", float(m.R.sum()), float(m.game().grand), bool(via.cluster_viable),
                 round(float(np.sum(phi)), 6),
                 round(float(np.sum(fin.allocation)), 6) if fin.feasible else float("nan"),
                 round(float(via.cluster_surplus), 6)])
    return header, rows
