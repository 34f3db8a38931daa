"""Paper figures, tables and text for the dynamic models: real options, herding, capability.

Registered with :mod:`gametheory.pipeline`; each product uses the built-in default cases
below. The member of the option game is the first SME of the M1 default cost game
(:data:`gametheory.pipeline.cost_sharing.DEFAULT`), so cost sharing there is the same
platform as in figure m1_cost_core.
"""

from __future__ import annotations

import functools

import numpy as np

from ..models.capability import VERDICTS, LearningByDoing
from ..models.herding import InformationCascade, PioneerGame
from ..models.real_options import OptionGame
from . import figure, table, text
from .cost_sharing import default_model as m1_model

#: Option game: host demand p = Y(a − bQ) (Cournot profit flows), interest rate r, payout
#: rate δ, volatility σ; members have relative risk aversion γ, a share ω of the host
#: risk is common to the cluster (political / FX).
OPTION_DEFAULT = dict(a=10.0, b=1.0, r=0.04, delta=0.03, sigma=0.25, risk_aversion=2.0,
                      common_share=0.3, member=0)
#: Cascades: private accuracies, prior, normalised cost, tie rule; the public signal's
#: later release comes after AFTER firms.
CASCADE_DEFAULT = dict(accuracies=(0.6, 0.7, 0.8), prior=0.5, cost=0.5, tie="own", after=5)
#: Waiting game: four firms, a 50/50 host market worth 160 or 60 (or less) at cost 100.
PIONEER_DEFAULT = dict(n=4, prior=0.5, value_good=160.0, cost=100.0, discount=0.9,
                       value_bads=(20.0, 60.0, 95.0))
#: Learning by doing: the model's defaults, and the grids of the verdict map.
CAPABILITY_DEFAULT = LearningByDoing()
SPILLOVERS = np.linspace(0.0, 1.0, 11)
ENTRY_COSTS = np.linspace(0.0, 12000.0, 13)
#: The point shown with cost paths (both scattered firms and members learn there).
PATH_POINT = dict(spillover=0.5, F=2000.0)


def option_game() -> OptionGame:
    p = OPTION_DEFAULT
    return OptionGame.from_cournot(a=p["a"], b=p["b"], I=1.0, r=p["r"], delta=p["delta"],
                                   sigma=p["sigma"])


def sharing_scenarios(sigma=None):
    p = OPTION_DEFAULT
    g = option_game() if sigma is None else option_game().replace(sigma=float(sigma))
    return g.sharing_scenarios(m1_model(), p["member"], risk_aversion=p["risk_aversion"],
                               common_share=p["common_share"])


@figure("opt_entry_thresholds", "Option game: entry triggers of a cluster member and an "
        "outside rival, with and without cost sharing (Shapley share) and risk pooling")
def entry_thresholds():
    import matplotlib.pyplot as plt

    from ..plotting.pioneers import plot_option_thresholds, plot_threshold_bars
    from ..plotting.style import paper_style

    sigmas = np.linspace(0.08, 0.5, 15)
    leader, follower = {}, {}
    for s in sigmas:
        for name, (_, _, sol) in sharing_scenarios(s).scenarios.items():
            leader.setdefault(name, []).append(sol.leader_trigger)
            follower.setdefault(name, []).append(sol.follower_trigger)
    sc = sharing_scenarios()
    with paper_style():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12.0, 4.6))
        plot_option_thresholds(sigmas, leader, follower, ax=ax1,
                               title="Triggers rise with volatility (rival follows: dashed)")
        plot_threshold_bars(sc.scenarios, ax=ax2,
                            title=(f"{sc.member} vs an outside rival (σ = "
                                   f"{OPTION_DEFAULT['sigma']:g}; sunk cost "
                                   f"{sc.standalone_cost:g} → {sc.shared_cost:g})"))
        fig.tight_layout()
    return fig


@table("opt_sharing_scenarios", "Option game: who leads, the equilibrium type and the entry "
       "triggers, with and without cost and risk sharing (default case)")
def sharing_table():
    return sharing_scenarios().table()


def _cascade(q):
    p = CASCADE_DEFAULT
    return InformationCascade(accuracy=q, prior=p["prior"], cost=p["cost"], tie=p["tie"])


@figure("herd_wrong_cascade", "Cascades: probability of ending in the wrong cascade against "
        "the precision of a public signal, released before the first firm or after five")
def wrong_cascade():
    import matplotlib.pyplot as plt

    from ..plotting.pioneers import plot_wrong_cascade
    from ..plotting.style import paper_style

    p = CASCADE_DEFAULT
    # midpoints of a fine grid: no precision hits a knife-edge tie (q₀ = q exactly)
    edges = np.linspace(0.5, 0.99, 99)
    q0 = 0.5 * (edges[1:] + edges[:-1])
    panels = []
    for after in (0, p["after"]):
        curves, base = {}, {}
        for q in p["accuracies"]:
            m = _cascade(q)
            key = f"private accuracy q = {q:g}"
            curves[key] = [m.public_signal(x, after=after).wrong_with for x in q0]
            base[key] = m.eventual().wrong
        panels.append((curves, base))
    mid = _cascade(p["accuracies"][1])
    xs = np.array([0.55, 0.65, 0.75, 0.85, 0.95])
    mc = [mid.simulate(30, trials=10_000, seed=11, public_precision=x).wrong[-1] for x in xs]
    with paper_style():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12.0, 4.4), sharey=True)
        plot_wrong_cascade(q0, panels[0][0], baselines=panels[0][1], ax=ax1,
                           dots=(xs, mc, f"Monte Carlo, q = {p['accuracies'][1]:g}"),
                           title="Public signal before the first firm (prevention)")
        plot_wrong_cascade(q0, panels[1][0], baselines=panels[1][1], ax=ax2,
                           title=f"Public signal after {p['after']} firms (breaking a cascade)")
        fig.tight_layout()
    return fig


@table("herd_public_signal", "Cascades: wrong-cascade probability with and without a public "
       "signal, and how often it breaks a cascade under way (q = 0.7)")
def public_signal_table():
    m = _cascade(CASCADE_DEFAULT["accuracies"][1])
    header = ["public precision", "released after", "wrong without", "wrong with",
              "cascade already under way", "cascade broken"]
    rows = []
    for after in (0, CASCADE_DEFAULT["after"]):
        for q0 in (0.6, 0.75, 0.8, 0.9, 0.95):
            e = m.public_signal(q0, after=after)
            rows.append([q0, after, e.wrong_without, e.wrong_with, e.cascade_before, e.broken])
    return header, rows


def pioneer_games():
    p = PIONEER_DEFAULT
    return {vb: PioneerGame(n=p["n"], prior=p["prior"], value_good=p["value_good"],
                            value_bad=vb, cost=p["cost"], discount=p["discount"])
            for vb in p["value_bads"]}


@table("herd_pioneer", "Waiting game: who goes first without and with the cluster, "
       "by the value of the project in a bad market")
def pioneer_table():
    header = ["value if bad", "enter blind m", "enter informed g", "regime",
              "entry probability per period", "expected idle periods", "cluster plan",
              "value lost without coordination", "transfer to the pioneer"]
    rows = []
    for vb, g in pioneer_games().items():
        s = g.solve()
        rows.append([vb, s.blind_value, s.informed_value, s.regime, s.entry_probability,
                     s.expected_idle_periods, s.cluster_plan, s.value_lost, s.pioneer_transfer])
    return header, rows


@functools.lru_cache(maxsize=1)
def verdict_map():
    """Verdict codes of the default case over SPILLOVERS × ENTRY_COSTS (computed once)."""
    return CAPABILITY_DEFAULT.verdict_map(SPILLOVERS, ENTRY_COSTS)


@figure("learning_verdict_map", "Capability: where 'scattered firms accumulate no dynamic "
        "advantage' is confirmed, qualified or refuted; unit-cost paths at one point",
        group="capability")
def capability_regions():
    import matplotlib.pyplot as plt

    from ..plotting.pioneers import plot_cost_paths, plot_verdict_map
    from ..plotting.style import paper_style

    codes = verdict_map()
    m = CAPABILITY_DEFAULT.replace(**PATH_POINT)
    r = m.solve()
    scattered = m.path(np.array(r.scattered_equilibria[0]), cluster=False)
    cluster = m.path(np.array(r.cluster_dates))
    with paper_style():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12.0, 5.2))
        plot_verdict_map(SPILLOVERS, ENTRY_COSTS, codes, VERDICTS, ax=ax1,
                         title=(f"{m.n} firms, {m.T} periods, members pay "
                                f"{m.cost_share:.0%} of F"))
        plot_cost_paths(scattered, cluster, m.c_foreign, ax=ax2,
                        title=(f"Unit costs at s = {PATH_POINT['spillover']:g}, "
                               f"F = {PATH_POINT['F']:g}"))
        fig.tight_layout()
    return fig


def _f(x, digits=3):
    return f"{x:,.{digits}g}".replace("-", "−")


@text("results_dynamics", "The dynamic models in prose: option-game triggers, cascades, "
      "waiting and capability, every number computed from the default cases",
        group="capability")
def results_dynamics() -> str:
    sc = sharing_scenarios()
    rows = {k: v[2] for k, v in sc.scenarios.items()}
    p = OPTION_DEFAULT
    m = _cascade(CASCADE_DEFAULT["accuracies"][1])
    ev = m.eventual()
    weak, strong = m.public_signal(0.8), m.public_signal(0.95)
    late = m.public_signal(0.75, after=CASCADE_DEFAULT["after"])
    games = pioneer_games()
    sol = {vb: g.solve() for vb, g in games.items()}
    cap = CAPABILITY_DEFAULT.replace(**PATH_POINT).solve()
    base = CAPABILITY_DEFAULT.solve()
    codes = verdict_map()
    share = {VERDICTS[c]: float(np.mean(codes == c)) for c in np.unique(codes)}
    lines = [
        "# Results: pioneers, waiting and capability",
        "",
        "<!-- Generated by `make figures` (gametheory.pipeline.pioneers); do not edit. -->",
        "",
        "## Entry as an option (figure opt_entry_thresholds, table opt_sharing_scenarios)",
        "",
        f"A firm that can enter a Cournot host market (demand p = Y(a − bQ), a = {p['a']:g}) "
        f"waits until the demand shock Y reaches a trigger; with r = {p['r']:g}, "
        f"δ = {p['delta']:g} and σ = {p['sigma']:g}, and the standalone sunk cost "
        f"{sc.standalone_cost:g} of {sc.member} in the M1 default case, an undiversified "
        f"owner (risk aversion γ = {p['risk_aversion']:g}, premium {sc.premium_alone:.4f}) "
        f"would enter alone at Y = {_f(rows['alone'].leader_thresholds[0])}. Against an "
        f"identical outside rival the race to lead (*{rows['alone'].equilibrium}*) brings "
        f"the leader in at Y = {_f(rows['alone'].leader_trigger)}, the follower at "
        f"{_f(rows['alone'].follower_trigger)}.",
        "",
        f"Sharing the platform cost (Shapley share {sc.shared_cost:g}) lowers the member's "
        f"triggers in proportion to its sunk cost; pooling idiosyncratic risk in the "
        f"{sc.syndicate_size}-member syndicate lowers its premium to {sc.premium_pooled:.4f} "
        f"(common risk, ω = {p['common_share']:g}, stays). With "
        + "; ".join(f"{k}: the {'member' if v.leader == 0 else 'rival'} leads at "
                    f"{_f(v.leader_trigger)} (*{v.equilibrium}*)"
                    for k, v in rows.items() if k != "alone")
        + ". Volatility itself raises every trigger (the value of waiting); pooling does "
        "not reduce the project's volatility, it reduces the price the owner charges for "
        "bearing it, which lowers the profit trigger even though it raises the hurdle "
        "multiple β/(β − 1).",
        "",
        "## Herding and public signals (figure herd_wrong_cascade, table herd_public_signal)",
        "",
        f"Firms deciding in turn on private signals of accuracy q = {m.accuracy:g}, each "
        f"seeing its predecessors' choices, end in the wrong cascade with probability "
        f"{ev.wrong:.3f}. A public signal from the association or the government that is "
        f"more precise than a private one starts a cascade at once, so the wrong-cascade "
        f"probability becomes one minus its precision: {weak.wrong_with:.3f} at 0.8 — "
        f"*higher* than without it — and {strong.wrong_with:.3f} at 0.95. Released after "
        f"{CASCADE_DEFAULT['after']} firms, when a cascade is under way with probability "
        f"{late.cascade_before:.3f}, a signal of precision 0.75 breaks it with probability "
        f"{late.broken:.3f} and brings the wrong-cascade probability to "
        f"{late.wrong_with:.3f}. Pooling the members' signals instead (an association that "
        f"collects them) makes the decision of ten members worth "
        f"{m.pooled_payoff(10):.3f} per unit of V_H − V_L, against {m.agent_payoffs(10)[-1]:.3f} "
        "for the tenth firm of the sequence.",
        "",
        "## Who goes first (table herd_pioneer)",
        "",
    ]
    for vb, s in sol.items():
        lines.append(
            f"- Project worth {vb:g} in a bad market: *{s.regime}*"
            + (f" (each firm enters with probability {s.entry_probability:.3f} a period; "
               f"{s.expected_idle_periods:.1f} idle periods expected)"
               if s.regime == "strategic delay" else "")
            + f"; the cluster would *{s.cluster_plan}*, gaining {_f(s.value_lost)} over "
              f"uncoordinated firms" + (f" and paying the pioneer {_f(s.pioneer_transfer)}"
                                        if s.pioneer_transfer else "") + ".")
    lines += [
        "",
        "## Capability (figure learning_verdict_map)",
        "",
        f"Default case ({CAPABILITY_DEFAULT.n} firms, {CAPABILITY_DEFAULT.T} periods, "
        f"entry cost {CAPABILITY_DEFAULT.F:g}, members pay "
        f"{CAPABILITY_DEFAULT.cost_share:.0%} of it, spillover "
        f"{CAPABILITY_DEFAULT.spillover:g}): scattered equilibrium dates "
        f"{base.scattered_equilibria}, cluster dates {base.cluster_dates}; verdict: "
        f"*{base.verdict}*. At s = {PATH_POINT['spillover']:g}, F = {PATH_POINT['F']:g}: "
        f"scattered entrants cut their unit cost by {_f(cap.scattered_advantage.max())}, "
        f"cluster members by {_f(cap.cluster_advantage)} (*{cap.verdict}*). Over the map "
        "of spillovers and entry costs: "
        + "; ".join(f"{k}: {v:.0%}" for k, v in share.items())
        + " of the grid. The claim holds where the entry cost deters every lone firm but "
        "not the cluster's shared platform; it holds in a weaker form (scattered firms "
        "learn, but less) where spillovers among members are strong; it fails where "
        "spillovers are weak and lone firms enter as early as the cluster's members.",
        "",
    ]
    return "\n".join(lines)
