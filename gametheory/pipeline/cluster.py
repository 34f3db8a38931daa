"""Paper figures A and B: when clustered OFDI beats uncoordinated entry (M0).

Registered with :mod:`gametheory.pipeline`.

Figure A: regime maps of :class:`~gametheory.models.ClusterVsScattered` over
(standalone entry cost × risk) and (standalone entry cost × shared platform cost).
Figure B: the cluster's gain ``V_C − V_U`` decomposed by mechanism (Shapley value of the
mechanism game) at the default case and at subsidy rates 0, 0.3, 0.6.
A table of the regime and key numbers at the default and the prototype cases.
"""

from __future__ import annotations

import numpy as np

from ..models import ClusterVsScattered
from ..models.cluster import MECHANISMS, REGIMES
from . import case_section, figure, table

#: Default M0 case: the ECONOMICS.md §4 prototype (a=100, b=1, c0=c_f=40, k=2, σ²=200,
#: τ=300, F=60; cluster F0=50, f=15, γ=0.8 capped at 36, r=0.8), half the risk common.
DEFAULT_CLUSTER = ClusterVsScattered(**case_section("cluster"))
SUBSIDIES = (0.0, 0.3, 0.6)
F_GRID = np.linspace(5.0, 300.0, 60)
SIGMA2_GRID = np.geomspace(5.0, 4000.0, 60)
F0_GRID = np.linspace(0.0, 600.0, 61)


@figure("fig_a_cluster_regimes", "When clustered OFDI beats uncoordinated entry (M0 regime map)")
def fig_a_cluster_regimes():
    from ..plotting.cluster import plot_regime_map

    model = DEFAULT_CLUSTER
    maps = {
        "entry cost × risk": model.regime_map("F", F_GRID, "sigma2", SIGMA2_GRID),
        "entry cost × platform cost": model.regime_map("F", F_GRID, "F0", F0_GRID),
    }
    marks = {"entry cost × risk": (model.F, model.sigma2),
             "entry cost × platform cost": (model.F, model.F0)}
    return plot_regime_map(maps, REGIMES, marks=marks, log_y=("entry cost × risk",),
                           title="When clustered OFDI beats uncoordinated entry "
                                 f"(k={model.k} foreign incumbents, s={model.s:g})")


@figure("fig_b_cluster_decomposition", "Decomposition of the cluster's gain by mechanism (M0)")
def fig_b_cluster_decomposition():
    from ..plotting.cluster import plot_decomposition

    model = DEFAULT_CLUSTER
    cases = {}
    for s in SUBSIDIES:
        m = model.replace(s=s)
        cases[f"s = {s:g}"] = (m.scattered_surplus(), m.decomposition())
    return plot_decomposition(cases, MECHANISMS,
                              title="Why the cluster wins: Shapley decomposition of "
                                    r"$V_C - V_U$ over the five mechanisms")


@table("tab_cluster_regimes",
       "M0 key numbers: regime, entry counts, surpluses and the decomposition")
def tab_cluster_regimes():
    header = (["case", "s", "regime", "m_U", "m_C", "V_U", "V_C", "gain"]
              + [f"share: {m}" for m in MECHANISMS]
              + ["cluster quantity share", "cluster profit share", "Lerner (compete)",
                 "Lerner (coordinated)", "output coordination gain"])
    cases = [("default (ω=0.5)", DEFAULT_CLUSTER),
             ("prototype, all risk idiosyncratic (ω=0)", DEFAULT_CLUSTER.replace(common_share=0.0)),
             ("prototype, all risk common (ω=1)", DEFAULT_CLUSTER.replace(common_share=1.0))]
    rows = []
    for name, base in cases:
        for s in SUBSIDIES:
            r = base.replace(s=s).solve()
            p = r.power_cluster
            power = ([float(p.quantity_share), float(p.profit_share), float(p.lerner_competing),
                      float(p.lerner_coordinated)] if p is not None else [np.nan] * 4)
            rows.append([name, s, r.regime, r.scattered.m, r.cluster.m,
                         r.scattered.national_surplus, r.cluster.national_surplus, r.gain]
                        + [round(float(x), 9) + 0.0 for x in r.decomposition] + power
                        + [r.output_coordination_gain])
    return header, rows
