"""The paper's results section as text: every number in it is computed here.

``paper/results.md`` restates, in prose, what the figures and tables of the other
registry modules show on the same built-in default cases; it reuses their default
models and table functions rather than defining its own.
"""

from __future__ import annotations

import numpy as np

from .._tolerance import tolerance
from ..models import InfoSharing
from ..models.cluster import MECHANISMS
from . import text
from .cluster import DEFAULT_CLUSTER, SUBSIDIES
from .cost_sharing import default_model
from .dissipation import DEFAULT_DISSIPATION
from .organisation import organisation_section
from .policy import results_section as policy_section
from .sharing import M2_DEFAULT, M3_DEFAULT, minimal_size_table
from .value_chain import results_section as value_chain_section


def _f(x, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _names(names) -> str:
    return ", ".join(names) if names else "none"


def _cluster_section() -> list[str]:
    m = DEFAULT_CLUSTER
    r = m.solve()
    p = m.params()
    by_s = {s: m.replace(s=s).solve() for s in SUBSIDIES}
    dec = r.decomposition.as_dict()
    st = r.stability
    planner = m.replace(membership="all").solve()
    targeted = m.replace(s_cluster=0.3).solve()
    from .cluster import HETERO_CLUSTER

    h = HETERO_CLUSTER.solve()
    gap = planner.cluster.national_surplus - r.cluster.national_surplus
    same_or_not = ("the same as" if abs(gap) <= tolerance(planner.cluster.national_surplus,
                                                          r.cluster.national_surplus)
                   else "against")
    own = {k: v for k, v in r.dividends.items() if len(k) == 1}
    inter = sorted(((k, v) for k, v in r.dividends.items() if len(k) > 1),
                   key=lambda kv: -abs(kv[1]))
    lines = [
        "## When clustered OFDI beats uncoordinated entry (M0; figures A, B, C, F)",
        "",
        f"Default case: {p['n']} home firms may enter a host market held by {p['k']} foreign "
        f"incumbents (linear Cournot, a = {_f(p['a'], 0)}, b = {_f(p['b'], 0)}, home and "
        f"foreign marginal cost {_f(float(np.max(p['c0'])), 0)}); standalone entry cost "
        f"F = {_f(float(np.max(p['F'])), 0)}; risk σ² = {_f(p['sigma2'], 0)} with common share "
        f"ω = {p['common_share']:g}, risk tolerance τ = {_f(float(np.max(p['tau'])), 0)}; the "
        f"cluster's platform costs {_f(p['F0'], 0)} + {_f(p['f'], 0)} per member sent, "
        f"agglomeration γ = {p['gamma']:g}, the association's public signal resolves "
        f"r = {p['r']:g} of the common risk. Uncoordinated entrants get a share "
        f"ψ = {p['spillover']:g} of the agglomeration economies (the same ψ in figure C). "
        "Firms choose whether to join (open membership); the cluster decides who goes "
        "abroad, moving first; non-members enter on their own whenever it pays.",
        "",
        f"Scattered: {r.scattered.m} firms enter; national certainty-equivalent surplus "
        f"{_f(r.scattered.national_surplus)}. Equilibrium cluster: "
        f"{len(r.cluster.members)} members (stable memberships: "
        f"{', '.join(str(sum(x)) for x in st.stable_memberships) or 'none'}); it sends "
        f"{len(r.cluster.cluster_entrants)} abroad and {len(r.cluster.own_entrants)} "
        f"non-members enter on their own; surplus {_f(r.cluster.national_surplus)}, a gain "
        f"of {_f(r.gain)}. Regime {r.regime_code}: *{r.regime}*. Entry coordination is "
        f"*{r.coordination_role}* here (measured against the members deciding on their own "
        f"with the other four mechanisms still on, while the regime compares with scattered "
        f"entry). Members get {_f(float(np.nanmax(st.payoff_inside)))} "
        f"each under the Shapley split against {_f(float(np.max(st.payoff_outside)))} "
        f"outside; the split is {'in' if st.in_core else 'not in'} the core of the members' "
        f"game (least-core ε = {_f(st.least_core_epsilon)}"
        + (f"; the group {{{_names(st.blocking)}}} would do better on its own" if st.blocking
           else "") + ").",
        "",
        "Shapley decomposition of the gain over the five mechanisms (it sums to the gain "
        f"plus the organising cost {_f(r.organising_cost)}):",
        "",
        "| mechanism | Shapley share | own dividend |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {_f(v)} | {_f(own.get(frozenset([k]), 0.0))} |" for k, v in dec.items()]
    lines += [
        "",
        "The rest is interaction: the largest Harsanyi dividends of combinations are "
        + "; ".join(f"{' + '.join(sorted(k, key=MECHANISMS.index))}: {_f(v)}"
                    for k, v in inter[:3]) + ".",
        "",
        "With an untargeted entry subsidy both sides respond: "
        + "; ".join(f"s = {s:g}: {by_s[s].scattered.m} scattered entrants (surplus "
                    f"{_f(by_s[s].scattered.national_surplus)}) against {by_s[s].cluster.m} in "
                    f"the cluster equilibrium (surplus {_f(by_s[s].cluster.national_surplus)}), "
                    f"regime {by_s[s].regime_code}" for s in SUBSIDIES)
        + f". A subsidy of 30% only for entry through the cluster gives regime "
        f"{targeted.regime_code} with {targeted.cluster.m} entrants and a gain of "
        f"{_f(targeted.gain)}.",
        "",
        f"Imposing the grand coalition with nobody outside (the planner comparison of "
        f"earlier versions) gives {planner.cluster.m} entrants and surplus "
        f"{_f(planner.cluster.national_surplus)} — {same_or_not} the equilibrium's "
        f"{_f(r.cluster.national_surplus)}.",
        "",
        f"A heterogeneous cluster of 4 lead firms and 16 SMEs whose capital (40) cannot pay "
        f"the standalone entry cost (60): scattered, {h.scattered.m} firms enter "
        f"({_names(h.scattered.own_entrants)}); in the cluster equilibrium "
        f"{len(h.cluster.members)} members, {_names(h.cluster.cluster_entrants)} sent abroad, "
        f"gain {_f(h.gain)}, regime {h.regime_code}: *{h.regime}*.",
        "",
    ]
    if r.power_cluster is not None and r.power_scattered is not None:
        lines += [
            f"Market power abroad: the cluster's members hold "
            f"{r.power_cluster.quantity_share:.1%} of host output and "
            f"{r.power_cluster.profit_share:.1%} of host profit (scattered entrants: "
            f"{r.power_scattered.quantity_share:.1%} and "
            f"{r.power_scattered.profit_share:.1%}); the members' share-weighted Lerner "
            f"index is {r.power_cluster.lerner_competing:.3f} competing and would be "
            f"{r.power_cluster.lerner_coordinated:.3f} if they set outputs jointly — but "
            f"that would change their operating profit by {_f(r.output_coordination_gain)} "
            "(the merger paradox), so the baseline keeps competition non-cooperative.",
            "",
        ]
    lines += [
        "Where the cluster loses (figure A, right; figure F): with an organising cost per "
        "member large clusters stop holding together; the largest stable cluster shrinks, "
        "and past a point no cluster of two or more is stable, or the one that holds "
        "together earns less than scattered entry.",
        "",
    ]
    return lines


def _mechanism_sections() -> list[str]:
    m1 = default_model()
    sol = m1.solve()
    via = m1.viability()
    alloc = {"Shapley": sol.shapley, "nucleolus": sol.nucleolus, "SCRB": sol.scrb}
    lines = [
        "## The mechanisms one by one",
        "",
        f"**Cost sharing (M1; figure m1_cost_core).** {len(m1.names)} firms "
        f"({', '.join(m1.names)}) with standalone entry costs "
        f"{', '.join(_f(c, 0) for c in m1.standalone_costs)} pay {_f(sol.joint_cost, 0)} "
        f"together. {'No' if not via.enters_alone.any() else 'Some'} firm can enter alone; "
        f"the cluster {'can' if via.cluster_viable else 'cannot'}. The core is "
        f"{'non-empty' if sol.core_nonempty else 'empty'} (least-core ε = "
        f"{_f(sol.least_core_epsilon)}); cost shares: "
        + "; ".join(f"{k} ({', '.join(_f(v) for v in x)})" for k, x in alloc.items()) + ".",
        "",
    ]
    header, rows = minimal_size_table()
    ks = ", ".join(f"ω = {r[0]:g}: k* = {r[2]}" for r in rows)
    lines += [
        "**Risk sharing (M2; figure m2_ce_vs_size).** A project with mean "
        f"{_f(M2_DEFAULT['mu'], 0)}, cost {_f(M2_DEFAULT['F'], 0)} and variance "
        f"{_f(M2_DEFAULT['sigma2'], 0)} is rejected "
        f"by a single firm of risk tolerance {_f(M2_DEFAULT['tau'], 0)}; the smallest syndicate "
        f"that takes it grows with the common (political, FX) share of the risk, which pooling "
        f"does not diversify: {ks}.",
        "",
    ]
    from ..models import AgglomerationEntry

    m3 = AgglomerationEntry(M3_DEFAULT["R"], M3_DEFAULT["F"], 1.2, names=M3_DEFAULT["names"])
    s3 = m3.solve()
    lines += [
        f"**Concentration of cluster advantages (M3; figure m3_entry_correspondence).** "
        f"{m3.n} firms, none profitable alone (R ≤ F = {_f(M3_DEFAULT['F'], 0)}); with synergy "
        f"γ = 1.2 per other entrant the entry game has {len(s3.equilibria)} pure equilibria, "
        f"from {sum(s3.least)} entrants (least) to {sum(s3.greatest)} (greatest): total payoff "
        f"{_f(m3.scattered_surplus())} without coordination and {_f(m3.cluster_surplus())} when "
        "the cluster organisation selects the greatest equilibrium.",
        "",
    ]
    d = DEFAULT_DISSIPATION
    res = {s: d.solve(s) for s in SUBSIDIES}
    lines += [
        f"**Internal dissipation (M4; table tab_dissipation, figure fig_c_dissipation).** "
        f"The scattered side of the default case (same world as figure A: entrants bear the "
        f"premium σ²/(2τ), agglomeration reaches uncoordinated entrants in the share "
        f"ψ = {d.spillover:g}): free entry brings "
        + ", ".join(f"{res[s].m_free} (s = {s:g})" for s in SUBSIDIES)
        + f"; coordinating the count alone (with the cluster's agglomeration, no other "
        f"mechanism) would send {res[0.0].m_cluster}; the national surplus the scattered "
        "firms lose by entering beyond that count is "
        + ", ".join(f"{_f(res[s].dissipation)}" for s in SUBSIDIES)
        + ". Figure C draws both schedules of the integrated model and the cluster "
        "equilibrium's count at each subsidy.",
        "",
    ]
    info = {comp: InfoSharing(gamma=0.5, competition=comp).solve() for comp in ("cournot",
                                                                              "bertrand")}
    lines += [
        "**Information sharing (M5; figure fig_d_information_sharing).** Duopoly with "
        "common-value demand uncertainty, substitutes (γ = 0.5), σ² = σ_ε² = 1: "
        + "; ".join(f"{comp.capitalize()}: dominant action *{r.dominant_action}*, "
                    f"{'a' if r.prisoners_dilemma else 'no'} prisoner's dilemma"
                    for comp, r in info.items())
        + ". Where it is a prisoner's dilemma, an association that pools members' "
        "information (or a public signal) does what the firms cannot do alone.",
        "",
    ]
    return lines


@text("results", "The results section in prose, every number computed from the default cases",
        group="policy")
def results() -> str:
    lines = [
        "# Results",
        "",
        "<!-- Generated by `make figures` (gametheory.pipeline.results); do not edit. -->",
        "",
        "Every number below is computed by the toolkit on the built-in default cases; the "
        "figures and tables named are in `figures/` and `tables/` (see `MANIFEST.md`).",
        "",
    ]
    lines += _cluster_section()
    lines += _mechanism_sections()
    lines += value_chain_section()
    lines += [""] + organisation_section()
    lines += [""] + policy_section()
    lines += [
        "",
        "## Dynamics: who goes first, who follows, how cluster-style OFDI spreads",
        "",
        "The dynamic models have their own results pages, generated with this one: "
        "[results_dynamics.md](results_dynamics.md) (entry as an option and the race to "
        "lead, information cascades and a public signal, who goes first without and with "
        "the cluster, learning by doing) and [results_evolution.md](results_evolution.md) "
        "(capacity as commitment, leaders and followers abroad, the evolutionary game of "
        "firms, their association and the government, with its basins against a subsidy "
        "and a penalty).",
    ]
    return "\n".join(lines)



