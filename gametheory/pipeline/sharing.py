"""Paper figures and tables for mechanisms M2 (risk sharing) and M3 (cluster advantages).

Registered with :mod:`gametheory.pipeline`; each uses the built-in default case below.
"""

from __future__ import annotations

import numpy as np

from ..models.agglomeration import AgglomerationEntry
from ..models.risk_sharing import OligopolisticReaction, RiskSyndicate, minimal_size
from . import case_section, figure, table

#: M2 default: each member's host project has mean payoff MU, entry cost F, variance
#: SIGMA2, of which a share ω is common host-country (political / FX) risk; risk tolerance TAU.
M2_DEFAULT = case_section("risk_sharing")
#: M2 default three-firm syndicate (two SMEs and a lead firm, common FX risk).
M2_SYNDICATE = case_section("risk_syndicate")
#: M3 default: six firms, none profitable alone (R_i < F), synergy per other entrant γ.
M3_DEFAULT = case_section("agglomeration")


def ce_curves():
    """Per-member CE net of cost by syndicate size and common share, with k* (default case)."""
    p = M2_DEFAULT
    sizes = np.arange(1, p["n_max"] + 1)
    ce, kstar = {}, {}
    for w in p["common_shares"]:
        m = RiskSyndicate.exchangeable(p["n_max"], p["mu"], p["tau"], p["sigma2"], w)
        ce[w] = m.per_member_ce(sizes, cost=p["F"])
        k = minimal_size(p["mu"] - p["F"], p["sigma2"], p["tau"], w)
        kstar[w] = None if k < 0 else int(k)
    return sizes, ce, kstar


@figure("m2_ce_vs_size", "M2: certainty equivalent per member against syndicate size, "
        "minimal size k* marked, for several shares of common risk")
def ce_vs_size():
    import matplotlib.pyplot as plt

    from ..plotting.sharing import plot_ce_vs_size
    from ..plotting.style import PAGE_WIDTH, paper_style

    sizes, ce, kstar = ce_curves()
    p = M2_DEFAULT
    with paper_style():
        fig, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.66, PAGE_WIDTH * 0.44))
        plot_ce_vs_size(sizes, ce, kstar, ax=ax,
                        title=("Pooling spreads idiosyncratic risk, not common risk\n"
                               rf"($\mu - F = {p['mu'] - p['F']:g}$, "
                               rf"$\sigma^2 = {p['sigma2']:g}$, $\tau = {p['tau']:g}$)"))
        ax.set_ylim(max(ax.get_ylim()[0], -25), None)
    return fig


@figure("m2_follow_threshold", "M2: HMR-type follow-the-leader threshold ρ* against the "
        "variance of the common host cost shock")
def follow_threshold():
    import matplotlib.pyplot as plt

    from ..plotting.style import COLORS, PAGE_WIDTH, paper_style

    s2 = np.linspace(0.05, 4.0, 200)
    with paper_style():
        fig, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.62, PAGE_WIDTH * 0.4))
        for d, c, ls in zip((0.5, 1.0, 2.0), (COLORS["cluster"], COLORS["scrb"],
                                               COLORS["scattered"]), ("-", "--", ":")):
            rho = [OligopolisticReaction(a=10, w=2, t=1, w_star=3 - d, sigma2=v).threshold()
                   for v in s2]
            ax.plot(s2, rho, color=c, ls=ls, label=f"cost advantage of FDI $d = {d:g}$")
        ax.set_yscale("log")
        ax.set_xlabel(r"variance $\sigma^2$ of the common host cost shock")
        ax.set_ylabel(r"threshold $\rho^*$ (follow the leader iff $\rho > \rho^*$)")
        ax.set_title(r"Risk aversion above $\rho^*$ turns FDI decisions into complements ($u = 7$)")
        ax.legend()
    return fig


def m3_correspondence(gammas=None):
    p = M3_DEFAULT
    gammas = np.linspace(0.0, 2.0, 401) if gammas is None else gammas
    m = AgglomerationEntry(p["R"], p["F"], 0.0, names=p["names"])
    return m, m.correspondence(gammas)


@figure("m3_entry_correspondence", "M3: equilibrium correspondence of the agglomeration entry "
        "game against the synergy γ, with the coordination-failure band")
def entry_correspondence():
    import matplotlib.pyplot as plt

    from ..plotting.sharing import plot_coordination_band, plot_entry_correspondence
    from ..plotting.style import PAGE_WIDTH, paper_style

    m, corr = m3_correspondence()
    with paper_style():
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(PAGE_WIDTH, PAGE_WIDTH * 0.4))
        plot_entry_correspondence(corr, ax=ax1, n=m.n,
                                  title=(f"{m.n} firms, none profitable alone "
                                         f"(F = {M3_DEFAULT['F']:g})"))
        plot_coordination_band(M3_DEFAULT["F"], m.n, np.linspace(0, 2, 201), (0.0, 14.0), ax=ax2,
                               title=f"Symmetric firms: the Cooper–John band (n = {m.n})")
        fig.tight_layout()
    return fig


@table("m2_syndicate", "M2: Borch–Wilson shares, certainty equivalents and a core point of the "
       "default 3-firm syndicate")
def syndicate_table():
    p = M2_SYNDICATE
    m = RiskSyndicate.with_common_risk(p["mu"], p["tau"], p["idiosyncratic"], p["common"],
                                       names=p["names"])
    sol = m.solve()
    header = ["firm", "mean", "risk tolerance", "Borch-Wilson share", "CE alone",
              "core point (competitive)", "gain"]
    rows = [[name, float(m.mu[i]), float(m.tau[i]), round(float(sol.slopes[i]), 6),
             round(float(sol.ce_alone[i]), 6), round(float(sol.core_point[i]), 6),
             round(float(sol.core_point[i] - sol.ce_alone[i]), 6)]
            for i, name in enumerate(m.names)]
    rows.append(["syndicate", float(m.mu.sum()), float(m.tau.sum()), 1.0,
                 round(float(sol.ce_alone.sum()), 6), round(float(sol.ce_syndicate), 6),
                 round(float(sol.gain), 6)])
    return header, rows


@table("m2_minimal_size", "M2: minimal syndicate size k* by share of common risk (default case)")
def minimal_size_table():
    p = M2_DEFAULT
    header = ["common share", "common premium per member", "k*"]
    rows = []
    for w in p["common_shares"]:
        k = minimal_size(p["mu"] - p["F"], p["sigma2"], p["tau"], w)
        rows.append([w, w * p["sigma2"] / (2 * p["tau"]), int(k) if k > 0 else "none"])
    return header, rows


@table("m3_equilibria", "M3: least and greatest equilibria of the default entry game by synergy")
def equilibria_table():
    p = M3_DEFAULT
    header = ["gamma", "pure NE", "least NE entrants", "greatest NE entrants",
              "total payoff least", "total payoff greatest"]
    rows = []
    for gm in (0.0, 0.5, 1.0, 1.2, 1.5):
        m = AgglomerationEntry(p["R"], p["F"], gm, names=p["names"])
        sol = m.solve()
        rows.append([gm, len(sol.equilibria), sum(sol.least), sum(sol.greatest),
                     round(m.scattered_surplus(), 6), round(m.cluster_surplus(), 6)])
    return header, rows
