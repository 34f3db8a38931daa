"""Paper figures and tables for entry modes by firm size and bargaining along the value chain.

Registered with :mod:`gametheory.pipeline`; each uses the built-in default cases below.
:func:`results_section` is the part of ``paper/results.md`` on these two models.

Default cases:

* entry modes — :class:`EntryModeChoice` with its defaults: Pareto productivity, four
  modes, heterogeneity in mobile capabilities, a platform shared by ten members that
  covers half of the non-equity and greenfield fixed costs and a third of M&A's;
* value chain — ten equal cluster firms supply a lead firm whose gross surplus
  ``V(X) = A X^θ`` is normalised to ``V(10) = 100`` for every curvature θ, unit cost 2,
  equal bargaining power.
"""

from __future__ import annotations

import numpy as np

from ..models.bargaining import NashBargaining
from ..models.entry_modes import EntryModeChoice
from ..models.value_chain import ValueChainBargaining
from . import figure, table

#: The entry-mode default case (the model's own defaults).
DEFAULT_MODES = EntryModeChoice()
#: The non-mobile variant: firms differ in local know-how; targets' capability in units of Φ.
NON_MOBILE = dict(heterogeneity="non-mobile", local_capability=60.0)
#: The value-chain default case: n equal firms, V(n) = V_N, unit cost, bargaining power.
CHAIN = dict(n=10, V_N=100.0, cost=2.0, beta=0.5)
#: Curvatures of the lead firm's surplus: concave, linear, convex.
THETAS = (0.5, 1.0, 1.5)
#: The host-government case: project surplus, outside options (cluster, government), power.
HOST = dict(surplus=100.0, disagreement=(30.0, 20.0), beta=0.4)


def chain_model(theta: float) -> ValueChainBargaining:
    """The default value chain with curvature ``theta`` (``V(n) = V_N`` whatever θ)."""
    n = CHAIN["n"]
    return ValueChainBargaining(np.ones(n), A=CHAIN["V_N"] / n**theta, theta=theta,
                                beta=CHAIN["beta"], cost=CHAIN["cost"])


def chain_curves() -> dict:
    """``label -> (m, share, lerner)`` for each curvature of the default value chain."""
    out = {}
    for th in THETAS:
        kind = "concave" if th < 1 else "convex" if th > 1 else "linear"
        out[f"θ = {th:g} ({kind})"] = chain_model(th).share_by_group_size()
    return out


@figure("modes_by_productivity", "Entry modes by firm size: the mode chosen at each "
        "productivity and the shares of SMEs and large firms in each mode, alone and with "
        "the cluster's shared platform")
def modes_by_productivity():
    from ..plotting.value_chain import plot_entry_modes

    return plot_entry_modes(DEFAULT_MODES.solve(),
                            title="Export, non-equity, greenfield, M&A: who goes how")


@figure("value_chain_share", "Bargaining with a lead firm: the cluster's share of chain "
        "rents and Lerner index against the number of firms bargaining together, for "
        "concave, linear and convex lead-firm surplus")
def value_chain_share():
    from ..plotting.value_chain import plot_chain_share

    return plot_chain_share(chain_curves(), title="Joining forces pays iff the lead firm's "
                            "surplus is concave (Chipty–Snyder)")


@table("modes_shares", "Entry modes by firm size: fixed costs, shares of firms and of SMEs "
       "in each mode alone and with the platform, rent share kept and price control")
def modes_shares():
    return DEFAULT_MODES.solve().table()


@table("value_chain_bargaining", "Bargaining with a lead firm: the cluster's share of chain rents "
       "and Lerner index alone and together, by curvature of the lead firm's surplus")
def value_chain_bargaining():
    header = ["theta", "share alone", "share together", "Lerner alone", "Lerner together",
              "gain of two firms together", "lead firm payoff alone", "lead firm payoff together"]
    rows = []
    for th in THETAS:
        m = chain_model(th)
        a, t = m.solve("alone"), m.solve("together")
        rows.append([th, round(a.cluster_share, 6), round(t.cluster_share, 6),
                     round(a.cluster_lerner, 6), round(t.cluster_lerner, 6),
                     round(m.merger_gain([0, 1]), 6), round(a.lead_payoff, 6),
                     round(t.lead_payoff, 6)])
    return header, rows


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def results_section() -> list[str]:
    """The results text on entry modes and value-chain bargaining (every number computed)."""
    m = DEFAULT_MODES
    r = m.solve()
    a, c = r.alone, r.cluster
    lines = [
        "## Entry modes by firm size (figure modes_by_productivity)",
        "",
        f"Firms' productivity is Pareto (k = {m.k:g}, σ = {m.sigma:g}); firms differ in "
        f"mobile capabilities; a non-equity partner keeps {_pct(1 - m.licence_share)} of "
        f"the rents; greenfield uses {_pct(m.greenfield_efficiency)} of the firm's "
        "capabilities abroad. SMEs are the firms below the "
        f"{_pct(m.sme_quantile)} quantile of size (Φ < {r.sme_cutoff:.3g}).",
        "",
        "Alone, firms sort as " + " → ".join(a.envelope) + " with cut-offs "
        + ", ".join(f"{x:.3g}" for x in a.cutoffs) + f"; {_pct(a.sme_abroad)} of SMEs "
        f"serve the host market, and the largest firms choose {a.largest_firms_mode}. "
        f"The prescription (SMEs by non-equity modes, large firms by M&A or greenfield) "
        f"{a.message}.",
        "",
        f"With the cluster's platform ({m.members} members share it; each pays its Shapley "
        "share) the sorting becomes " + " → ".join(c.envelope) + " with cut-offs "
        + ", ".join(f"{x:.3g}" for x in c.cutoffs) + f": the share of SMEs abroad rises to "
        f"{_pct(c.sme_abroad)} and the equity cut-off falls from {a.equity_cutoff:.3g} to "
        f"{c.equity_cutoff:.3g}. The firms keep {_pct(a.rent_control)} of the rents they "
        f"create abroad alone and {_pct(c.rent_control)} with the platform — more SMEs "
        "abroad, but through modes that leave rents and the price to partners.",
        "",
    ]
    nm = m.replace(**NON_MOBILE).sorting()
    lines += [
        "When firms differ in non-mobile capabilities instead (a local target or partner "
        f"with capability {NON_MOBILE['local_capability']:g} in units of Φ), the order is "
        + " → ".join(nm.envelope) + f" and the prescription {nm.message}.",
        "",
        "## Bargaining along the value chain (figure value_chain_share)",
        "",
        f"{CHAIN['n']} equal cluster firms supply a lead firm whose gross surplus is "
        f"V(X) = A X^θ with V({CHAIN['n']}) = {CHAIN['V_N']:g}; unit cost "
        f"{CHAIN['cost']:g}; each pair splits its surplus with equal power (Nash-in-Nash). "
        "The cluster's share of chain rents and the Lerner index of its price:",
        "",
        "| θ | share alone | share together | Lerner alone | Lerner together |",
        "|---|---|---|---|---|",
    ]
    for th in THETAS:
        mod = chain_model(th)
        al, to = mod.solve("alone"), mod.solve("together")
        lines.append(f"| {th:g} | {_pct(al.cluster_share)} | {_pct(to.cluster_share)} | "
                     f"{al.cluster_lerner:.3f} | {to.cluster_lerner:.3f} |")
    nb = NashBargaining(HOST["surplus"], HOST["disagreement"], HOST["beta"],
                        names=("cluster", "host government")).solve()
    lines += [
        "",
        "Bargaining together raises the cluster's share when the lead firm's surplus is "
        "concave and lowers it when convex (Chipty & Snyder 1999): an association that "
        "negotiates for its members gains international market power only in the first "
        "case. Facing a host government over a project worth "
        f"{HOST['surplus']:g} with outside options {HOST['disagreement'][0]:g} (cluster) and "
        f"{HOST['disagreement'][1]:g} (government) and bargaining power {HOST['beta']:g}, "
        f"the cluster obtains {nb.payoffs[0]:g}; every unit of outside option the cluster "
        f"builds adds {1 - HOST['beta']:g} to it.",
        "",
    ]
    return lines
