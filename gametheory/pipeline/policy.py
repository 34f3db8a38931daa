"""Paper figures, table and text of the government's problem
(:class:`~gametheory.models.PolicyDesign`).

Registered with :mod:`gametheory.pipeline`; the model is built from the case's
``[cluster]`` and ``[policy]`` sections (:func:`gametheory.cases.policy_model`).

* ``fig_policy_subsidy`` — home welfare against the subsidy rate, untargeted against
  through the cluster only, with who enters and the scattered world's dissipation;
* ``fig_policy_ranking`` — every instrument alone at its optimum and the optimal mix:
  welfare gain per unit of fiscal cost;
* ``fig_policy_map`` — the optimal policy over the common (political / FX) share of risk
  × the cluster's platform cost;
* ``tab_policy_instruments`` — the ranking as a table;
* ``results_policy`` (``paper/results_policy.md``) — the section in prose, also part of
  ``paper/results.md``.
"""

from __future__ import annotations

import functools

import numpy as np

from ..cases import policy_model
from ..models.policy import RECOMMENDATION_REGIONS
from ..models.policy_instruments import INSTRUMENTS
from . import case_section, figure, table, text

#: The government's problem of the default case (see ``[policy]`` in the case file).
DEFAULT_POLICY = policy_model(case_section("cluster"), case_section("policy"))
RATES = np.linspace(0.0, 0.6, 25)
MAP_INSTRUMENTS = ("cluster_subsidy", "insurance", "agency")
MAP_X = ("F0", np.linspace(10.0, 250.0, 8))
MAP_Y = ("common_share", np.linspace(0.0, 1.0, 8))
#: The recommendation map: standalone entry cost × organising cost, rate 0.3.
REC_X = ("F", np.linspace(10.0, 100.0, 19))
REC_Y = ("governance", np.linspace(0.0, 30.0, 13))
REC_RATE = 0.3


@functools.lru_cache(maxsize=1)
def _curves():
    gov = DEFAULT_POLICY
    return (gov.welfare_curve("entry_subsidy", RATES),
            gov.welfare_curve("cluster_subsidy", RATES))


@functools.lru_cache(maxsize=1)
def _ranking():
    return DEFAULT_POLICY.rank_instruments()


@functools.lru_cache(maxsize=1)
def _map():
    return DEFAULT_POLICY.optimal_policy_map(MAP_X[0], MAP_X[1], MAP_Y[0], MAP_Y[1],
                                             MAP_INSTRUMENTS, xtol=1e-2)


@functools.lru_cache(maxsize=1)
def _recommendation():
    return DEFAULT_POLICY.recommendation_map(REC_X[0], REC_X[1], REC_Y[0], REC_Y[1],
                                             rate=REC_RATE)


@figure("fig_policy_subsidy", "Home welfare against the entry subsidy rate: untargeted "
        "against through the cluster, with entrants and dissipation (PolicyDesign)",
        group="policy")
def fig_policy_subsidy():
    from ..plotting.policy import plot_policy_subsidy

    u, t = _curves()
    gov = DEFAULT_POLICY
    return plot_policy_subsidy(u, t, title="Policy push: an untargeted subsidy fuels a rush, "
                                            f"support through the cluster does not "
                                            f"(λ = {gov.shadow_cost:g})")


@figure("fig_policy_ranking", "The government's instruments ranked by welfare gain per unit "
        "of fiscal cost, and the optimal mix (PolicyDesign)",
        group="policy")
def fig_policy_ranking():
    from ..plotting.policy import plot_instrument_ranking

    return plot_instrument_ranking(_ranking(), title="Which support is worth its cost: each "
                                                     "instrument at its optimum")


@figure("fig_policy_map", "The optimal policy over the common share of risk × the cluster's "
        "platform cost (PolicyDesign)",
        group="policy")
def fig_policy_map():
    from ..plotting.policy import plot_policy_map

    econ = DEFAULT_POLICY.economy
    return plot_policy_map(_map(), labels={"F0": "platform cost $F_0$",
                                           "common_share": r"common share of risk $\omega$"},
                           marks=[(econ.F0, econ.common_share)],
                           title="The optimal policy: cluster subsidy, insurance and a "
                                 "cluster agency (contours in (d): home entrants)")


@table("tab_policy_instruments", "Each instrument alone at its optimum and the optimal mix: "
       "levels, welfare gain, fiscal cost, entrants, dissipation, market power (PolicyDesign)",
        group="policy")
def tab_policy_instruments():
    rk = _ranking()
    header = ["instrument", "levels", "welfare gain", "change of fiscal outlay",
              "gain per unit of fiscal cost", "home welfare", "home entrants", "members",
              "entering on their own", "scattered dissipation", "home market share",
              "Lerner index"]
    rows = [[str(rk.instrument[i]), str(rk.levels[i]), float(rk.gain[i]),
             float(rk.fiscal_cost[i]), float(rk.gain_per_fiscal_cost[i]), float(rk.welfare[i]),
             int(rk.home_entrants[i]), int(rk.members[i]), int(rk.own_entrants[i]),
             float(rk.dissipation[i]), float(rk.home_share[i]), float(rk.lerner[i])]
            for i in range(len(rk.instrument))]
    return header, rows


def _f(x, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace("-", "−")


def results_section() -> list[str]:
    """The policy section of the results, every number computed (shared with results.md)."""
    gov = DEFAULT_POLICY
    econ = gov.economy
    base = gov.evaluate()
    u, t = _curves()
    rk = _ranking()
    rec = _recommendation()
    pm = _map()

    def at(curve, rate):
        return int(np.argmin(np.abs(curve.level - rate)))

    i3 = at(u, REC_RATE)
    break_u = next((float(r) for r, own in zip(u.level, u.own_entrants) if own > 0), None)
    mix = rk.optima[str(rk.instrument[-1])]
    counts = {c: int(np.sum(rec.code == c)) for c in range(1, len(RECOMMENDATION_REGIONS) + 1)}
    cells = rec.code.size
    lines = [
        "## Government as a player: which support makes cluster-style OFDI pay "
        "(figures fig_policy_subsidy, fig_policy_ranking, fig_policy_map)",
        "",
        f"The home government moves first and commits to its instruments; the firms and the "
        f"cluster respond as in the equilibrium model, here with standalone entry cost "
        f"F = {_f(float(np.max(econ.F)), 0)}, agglomeration reaching firms entering alone in "
        f"the share ψ = {econ.spillover:g} and an organising cost of "
        f"{_f(econ.governance, 0)} per member. Home welfare is the firms' payoffs minus "
        f"(1 + λ) times the net fiscal outlay, λ = {gov.shadow_cost:g}; the environment has a "
        f"{gov.profit_tax:.0%} home tax on foreign profit, an approval cost of "
        f"{_f(gov.approval_cost, 0)} per project entering alone "
        f"({_f(gov.cluster_approval_cost, 0)} for the cluster's platform) and a delay of "
        f"{gov.approval_delay:g} year. Without any instrument {base.members} firms form the "
        f"cluster, it sends {base.cluster_entrants} abroad, {base.own_entrants} enter on "
        f"their own; home welfare is {_f(base.welfare)} (regime {base.regime_code}: "
        f"*{base.regime}*).",
        "",
        f"**Untargeted against targeted support (figure fig_policy_subsidy).** At a 30% rate "
        f"an untargeted entry subsidy leaves {u.members[i3]} members, {u.own_entrants[i3]} "
        f"firms entering on their own and home welfare {_f(u.welfare[i3])}; the same rate "
        f"paid only for entry through the cluster keeps {t.members[i3]} members, "
        f"{t.own_entrants[i3]} on their own and welfare {_f(t.welfare[i3])}. In the "
        f"scattered world the untargeted subsidy raises entry from {u.scattered_entrants[0]} "
        f"to {u.scattered_entrants[-1]} firms over the rates 0–{RATES[-1]:g} and the surplus "
        f"free entry dissipates from {_f(u.dissipation[0])} to {_f(u.dissipation[-1])}; the "
        "targeted subsidy leaves that world untouched (POLICY-7). "
        + (f"From a rate of {break_u:g} the untargeted subsidy makes going alone pay more "
           f"than membership: the cluster loses members to a rush (welfare "
           f"{_f(u.welfare[-1])} at {RATES[-1]:g}, against {_f(t.welfare[-1])} through the "
           "cluster)." if break_u is not None else
           "Over these rates no member leaves the cluster."),
        "",
        f"Over standalone entry cost × organising cost (rate {REC_RATE:g}), the untargeted "
        f"subsidy fuels a rush that the targeted one avoids in {counts[1]} of {cells} cells "
        f"(cheap standalone entry, costly organisation), both fuel one in {counts[2]}; "
        f"without a rush the targeted subsidy does better in {counts[3]}, the untargeted "
        f"one in {counts[5]}, and the two coincide in {counts[4]} (no firm finds going alone "
        "worth more than membership at either rate): the paper's recommendation holds where "
        "going alone is a live alternative to membership and is moot where it is not.",
        "",
        "**The instruments ranked (figure fig_policy_ranking, table "
        "tab_policy_instruments).** Each instrument alone at its optimum:",
        "",
        "| instrument | levels | welfare gain | change of outlay | gain per unit cost |",
        "|---|---|---|---|---|",
    ]
    for i in range(len(rk.instrument)):
        r = float(rk.gain_per_fiscal_cost[i])
        ratio = ("self-financing" if np.isinf(r) else "not used" if np.isnan(r)
                 else _f(r, 2))
        lines.append(f"| {rk.instrument[i]} | {rk.levels[i]} | {_f(float(rk.gain[i]))} | "
                     f"{_f(float(rk.fiscal_cost[i]))} | {ratio} |")
    lines += [
        "",
        f"The optimal mix ({', '.join(f'{k} = {v:.3g}' for k, v in mix.policy.items())}) "
        f"raises home welfare by {_f(mix.gain)}; at the optimum {mix.outcome.members} firms "
        f"are members, {mix.outcome.home_entrants} enter ({mix.outcome.own_entrants} on their "
        f"own), home firms hold {mix.outcome.home_share:.1%} of the host market with a "
        f"Lerner index of {mix.outcome.lerner:.3f}, and the scattered world's dissipation is "
        f"{_f(mix.outcome.dissipation)}. The optimum is certified by a bracket on every "
        f"instrument ({', '.join(f'{k}: {v}' for k, v in mix.status.items())}) and a finer "
        f"local grid ({'no' if mix.certified else 'a'} better point).",
        "",
        f"**The optimal policy over the environment (figure fig_policy_map).** Over the "
        f"cluster's platform cost × the common share of risk, insurance is used in "
        f"{int(np.sum(pm.levels[1] > 0))} of {pm.gain.size} cells (more cover where the "
        f"common, political / FX, share is larger: pooling cannot remove it), the cluster "
        f"agency in {int(np.sum(pm.levels[2] > 0))} (where a cluster forms) and a subsidy "
        f"for entry through the cluster in {int(np.sum(pm.levels[0] > 0))}.",
        "",
        "Instruments and their channels: "
        + "; ".join(f"*{n}* — {ins.channel}" for n, ins in INSTRUMENTS.items()) + ".",
        "",
    ]
    return lines


@text("results_policy", "Government as a player: the policy section in prose, every number "
      "computed (PolicyDesign)",
        group="policy")
def results_policy() -> str:
    head = ["# Results: government as a player", "",
            "<!-- Generated by `make figures` (gametheory.pipeline.policy); do not edit. -->",
            ""]
    return "\n".join(head + results_section())
