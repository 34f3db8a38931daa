"""Paper figures A, B and E: when clustered OFDI beats uncoordinated entry (M0).

Registered with :mod:`gametheory.pipeline`.

Figure A: regime maps of the equilibrium model :class:`~gametheory.models.ClusterVsScattered`
over (standalone entry cost × risk) and (standalone entry cost × organising cost), with
the size of the gain as labelled contours and the default case marked.
Figure B: the gain decomposed by mechanism (Shapley value of the mechanism game), the
organising cost, and the Harsanyi dividends (own effects and interactions).
Figure F: the equilibrium cluster's size over the number of firms × the organising cost.
A table of the regime and key numbers for the default case, subsidies (untargeted and
through the cluster), the grand coalition imposed (the planner special case) and a
heterogeneous cluster of lead firms and SMEs.
"""

from __future__ import annotations

import numpy as np

from ..models import ClusterVsScattered
from ..models.cluster import MECHANISMS, REGIMES
from . import case_section, figure, table

#: Default M0 case: a = 100, b = 1, c0 = c_f = 40, k = 2 foreign incumbents, σ² = 200 (half
#: common), τ = 300, F = 60; the cluster's platform 50 + 15 per member, agglomeration
#: γ = 0.8 down to 36, signal precision r = 0.8; 12 firms choose whether to join.
DEFAULT_CLUSTER = ClusterVsScattered(**case_section("cluster"))
#: A heterogeneous cluster: 4 lead firms (cost 34, τ = 600) and 16 SMEs (cost 40, τ = 200,
#: and capital of 40 each, below the standalone entry cost of 60).
HETERO_CLUSTER = ClusterVsScattered.with_firm_sizes(n=20, leads=4, sme_capital=40.0,
                                                    lead_capital=1000.0)
SUBSIDIES = (0.0, 0.3, 0.6)
F_GRID = np.linspace(5.0, 300.0, 60)
SIGMA2_GRID = np.geomspace(5.0, 4000.0, 60)
GOV_GRID = np.linspace(0.0, 40.0, 61)
N_GRID = np.arange(2, 21)
GOV_SIZES = np.linspace(0.0, 30.0, 31)


@figure("fig_a_cluster_regimes", "When clustered OFDI beats uncoordinated entry: equilibrium "
        "regimes of M0 with the gain as contours")
def fig_a_cluster_regimes():
    from ..plotting.cluster import plot_regime_map

    model = DEFAULT_CLUSTER
    maps = {
        "entry cost × risk": model.regime_map("F", F_GRID, "sigma2", SIGMA2_GRID),
        "entry cost × organising cost": model.regime_map("F", F_GRID, "governance", GOV_GRID),
    }
    marks = {"entry cost × risk": (model.F, model.sigma2),
             "entry cost × organising cost": (model.F, model.governance)}
    return plot_regime_map(maps, REGIMES, marks=marks, log_y=("entry cost × risk",),
                           title="When clustered OFDI beats uncoordinated entry — equilibrium "
                                 f"membership, outsiders free to enter (n={model.n}, "
                                 f"k={model.k}, s={model.s:g})")


@figure("fig_b_cluster_decomposition",
        "Decomposition of the cluster's gain by mechanism, with interaction terms (M0)")
def fig_b_cluster_decomposition():
    from ..plotting.cluster import plot_decomposition

    model = DEFAULT_CLUSTER
    cases = {}
    for s in SUBSIDIES:
        m = model.replace(s=s)
        cases[f"s = {s:g}"] = (m.scattered_surplus(), m.decomposition())
    r = model.solve()
    return plot_decomposition(cases, MECHANISMS, dividends=r.dividends,
                              organising_cost=r.organising_cost,
                              title="Why the cluster wins: Shapley decomposition of "
                                    r"$V_C - V_U$ and the interactions behind it")


@figure("fig_f_stable_cluster", "Equilibrium cluster size against the number of firms and the "
        "organising cost (M0)")
def fig_f_stable_cluster():
    from ..plotting.cluster import plot_stable_sizes

    data = DEFAULT_CLUSTER.stable_sizes(N_GRID, GOV_SIZES)
    return plot_stable_sizes(data, REGIMES,
                             title="Which clusters hold together (open membership, "
                                   "Shapley split)")


def _row(name, model):
    r = model.solve()
    p = r.power_cluster
    power = ([float(p.quantity_share), float(p.profit_share), float(p.lerner_competing),
              float(p.lerner_coordinated)] if p is not None else [np.nan] * 4)
    return ([name, model.s, model.s_cluster, r.regime_code, r.regime, len(r.cluster.members),
             r.scattered.m, r.cluster.m, len(r.cluster.own_entrants),
             r.scattered.national_surplus, r.cluster.national_surplus, r.gain,
             r.organising_cost, r.coordination_role]
            + [float(x) for x in r.decomposition] + power + [r.output_coordination_gain,
                                                              r.stability.in_core])


@table("tab_cluster_regimes",
       "M0 key numbers: regime, membership, entry counts, surpluses and the decomposition")
def tab_cluster_regimes():
    header = (["case", "s", "s_cluster", "regime code", "regime", "members", "m_U", "m_C",
               "own entrants (cluster world)", "V_U", "V_C", "gain", "organising cost",
               "entry coordination"]
              + [f"share: {m}" for m in MECHANISMS]
              + ["cluster quantity share", "cluster profit share", "Lerner (compete)",
                 "Lerner (coordinated)", "output coordination gain", "split in core"])
    rows = [_row("default", DEFAULT_CLUSTER.replace(s=s)) for s in SUBSIDIES]
    rows += [_row("default, subsidy only through the cluster",
                  DEFAULT_CLUSTER.replace(s_cluster=0.3))]
    rows += [_row("grand coalition imposed (planner case)", DEFAULT_CLUSTER.replace(
        membership="all"))]
    rows += [_row("organising cost 15 per member", DEFAULT_CLUSTER.replace(governance=15.0))]
    rows += [_row("co-location: half of firm risk common", DEFAULT_CLUSTER.replace(
        colocation=0.5))]
    rows += [_row("4 lead firms + 16 SMEs (capital-constrained)", HETERO_CLUSTER)]
    return header, rows
