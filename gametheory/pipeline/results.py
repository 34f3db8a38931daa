"""The paper's results section as text: every number in it is computed here.

``paper/results.md`` restates, in prose, what the figures and tables of the other
registry modules show on the same built-in default cases; it reuses their default
models and table functions rather than defining its own.
"""

from __future__ import annotations

from ..models import InfoSharing
from . import text
from .cluster import DEFAULT_CLUSTER, SUBSIDIES
from .cost_sharing import default_model
from .dissipation import DEFAULT_DISSIPATION
from .organisation import organisation_section
from .sharing import M2_DEFAULT, M3_DEFAULT, minimal_size_table
from .value_chain import results_section as value_chain_section


def _f(x, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def _cluster_section() -> list[str]:
    m = DEFAULT_CLUSTER
    r = m.solve()
    p = m.params()
    by_s = {s: m.replace(s=s).solve() for s in SUBSIDIES}
    dec = r.decomposition.as_dict()
    top = max(dec, key=dec.get)
    lines = [
        "## When clustered OFDI beats uncoordinated entry (M0; figures A and B)",
        "",
        f"Default case: {p['n']} potential home entrants face {p['k']} foreign incumbents in a "
        f"linear Cournot host market (a = {_f(p['a'], 0)}, b = {_f(p['b'], 0)}, home and "
        f"foreign marginal cost {_f(p['c0'], 0)}); standalone entry costs F = {_f(p['F'], 0)}; "
        f"demand/political risk σ² = {_f(p['sigma2'], 0)} with common share "
        f"ω = {p['common_share']:g} and risk tolerance τ = {_f(p['tau'], 0)}; the cluster's "
        f"platform costs {_f(p['F0'], 0)} + {_f(p['f'], 0)} per member, agglomeration "
        f"γ = {p['gamma']:g} and the association's signal resolves r = {p['r']:g} of the "
        "common demand risk.",
        "",
        f"Left to themselves, {r.scattered.m} firms enter and the home country's "
        f"certainty-equivalent surplus is {_f(r.scattered.national_surplus)}; the scattered "
        f"firms' own best count would have been {r.scattered_optimum} "
        f"(surplus {_f(r.scattered.surplus_by_count[r.scattered_optimum])}), so free entry "
        f"dissipates {_f(r.dissipation)}. The cluster sends {r.cluster.m} members and earns "
        f"{_f(r.cluster.national_surplus)}: a gain of {_f(r.gain)}. Regime: *{r.regime}*.",
        "",
        "Shapley decomposition of the gain over the five mechanisms (it sums to the gain):",
        "",
        "| mechanism | share of the gain |",
        "|---|---|",
    ]
    lines += [f"| {k} | {_f(v)} |" for k, v in dec.items()]
    lines += [
        "",
        f"The largest part is *{top}*. With an entry subsidy the scattered rush deepens: "
        + "; ".join(f"s = {s:g}: {by_s[s].scattered.m} entrants, surplus "
                    f"{_f(by_s[s].scattered.national_surplus)}, gain of the cluster "
                    f"{_f(by_s[s].gain)}" for s in SUBSIDIES) + ".",
        "",
        f"Market power abroad: the cluster holds {r.power_cluster.quantity_share:.1%} of host "
        f"output and {r.power_cluster.profit_share:.1%} of host profit (scattered: "
        f"{r.power_scattered.quantity_share:.1%} and {r.power_scattered.profit_share:.1%}); "
        f"its share-weighted Lerner index is {r.power_cluster.lerner_competing:.3f} with "
        f"members competing and would be {r.power_cluster.lerner_coordinated:.3f} if they "
        f"set outputs jointly — but coordinating outputs would change members' operating "
        f"profit by {_f(r.output_coordination_gain)} (the merger paradox), so the baseline "
        "keeps post-entry competition non-cooperative.",
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
        f"**Internal dissipation (M4; figure fig_c_dissipation).** Risk-neutral home entrants "
        f"with capped agglomeration (γ = {d.gamma:g}, cost floor {_f(d.c_floor, 0)}) against "
        f"{d.k} incumbents, entry cost {_f(d.F, 0)}: the cluster optimum is "
        f"{res[0.0].m_cluster} entrants; free entry brings "
        + ", ".join(f"{res[s].m_free} (s = {s:g})" for s in SUBSIDIES)
        + "; the national surplus lost is "
        + ", ".join(f"{_f(res[s].dissipation)}" for s in SUBSIDIES) + ".",
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


@text("results", "The results section in prose, every number computed from the default cases")
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
    return "\n".join(lines)



