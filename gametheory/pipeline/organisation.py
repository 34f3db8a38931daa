"""Paper figures, tables and text for the organisation inside the cluster (issue 10).

Default cases: a capital-proportional venture of four firms, six core firms and suppliers
with complementary types, a hold-up problem with and without know-how leakage, an
association quota among six members, a target auction with four cluster bidders, and
R&D with spillovers.
"""

from __future__ import annotations

import numpy as np

from ..models import (
    AssociationQuota,
    CapitalCoInvestment,
    CommonValueAuction,
    HoldUpOwnership,
    RnDCooperation,
    SupplierMatching,
    TargetAuction,
)
from ..models.co_investment import CORE_REGIONS
from ..models.joint_ventures import STRUCTURES
from . import figure, table, text

#: Four firms with capital 1, 2, 3, 4; R(K) = K^0.9 above K_min = 7, 0.2 K below;
#: risk σ = 0.2 per unit of capital, risk tolerances 1, 1, 2, 2.
DEFAULT_COINVEST = CapitalCoInvestment([1.0, 2.0, 3.0, 4.0], A=1.0, alpha=0.9, min_scale=7.0,
                                       base_rate=0.2, sigma=0.2, tau=[1.0, 1.0, 2.0, 2.0],
                                       names=["A", "B", "C", "D"])
ALPHAS = np.linspace(0.6, 1.4, 41)
MIN_SCALE_FRACTIONS = np.linspace(0.0, 1.0, 41)

#: Four core firms and five suppliers with complementary types (γ = 1, venture cost 1).
DEFAULT_SUPPLIERS = SupplierMatching.from_complementarity(
    [1.0, 1.6, 2.2, 3.0], [0.8, 1.2, 1.9, 2.6, 1.0], gamma=1.0, cost=1.0,
    firms=["Core 1", "Core 2", "Core 3", "Core 4"],
    suppliers=["Sup a", "Sup b", "Sup c", "Sup d", "Sup e"])

#: Hold-up: canonical (no leakage) and with know-how leakage through owned assets.
HOLDUP_CASES = {
    "canonical (no leakage)": HoldUpOwnership(phi=(0.0, 0.3, 0.5)),
    "with know-how leakage": HoldUpOwnership(phi=(0.0, 0.1, 0.2), psi=(0.0, 0.4, 0.6)),
}

#: Six members with costs 30 … 50 abroad, one foreign incumbent at 40, entry cost 150,
#: supplier role worth 20.
DEFAULT_QUOTA = AssociationQuota(costs=[30, 34, 38, 42, 46, 50], a=100, b=1, F=150, k=1,
                                 c_f=40, supply_payoff=20)

#: Four cluster bidders, 0 … 6 outsiders, uniform values on [0, 1].
N_HOME = 4
N_OUT = np.arange(0, 7)

DEFAULT_RND = RnDCooperation(a=100, b=1, c=60, gamma=5, beta=0.5, n=2)
BETAS = (0.2, 0.5, 0.8)


@figure("org_assignment_core",
        "ORG-2: core firms × suppliers: each venture's surplus and the core range of the "
        "core firm's payoff between the two extreme core points")
def org_assignment_core():
    from ..plotting.organisation import plot_assignment_core

    m = DEFAULT_SUPPLIERS
    return plot_assignment_core(m.solve(), m.surplus, m.firms, m.suppliers)


@figure("org_proportional_core",
        "ORG-1: where returns in proportion to capital are in the core, over returns to "
        "scale × minimum efficient scale (risk neutral, capitals 1–4)")
def org_proportional_core():
    from ..plotting.organisation import plot_core_regions

    m = DEFAULT_COINVEST.replace(sigma=0.0, tau=None)
    K_N = float(m.capital.sum())
    codes = m.core_regions(ALPHAS, MIN_SCALE_FRACTIONS * K_N)
    return plot_core_regions(codes, ALPHAS, MIN_SCALE_FRACTIONS, CORE_REGIONS)


def ring_revenues():
    """Seller's revenue without and with the ring, by number of outsiders."""
    outs = [TargetAuction(n_home=N_HOME, n_out=int(o)).solve() for o in N_OUT]
    return (np.array([r.revenue for r in outs]), np.array([r.revenue_ring for r in outs]))


@figure("org_bidding_ring",
        "ORG-5: the surplus the association keeps by bidding as a ring (four cluster bidders, "
        "uniform values): the foreign seller's loss")
def org_bidding_ring():
    from ..plotting.organisation import plot_ring_surplus

    r0, r1 = ring_revenues()
    return plot_ring_surplus(N_OUT, r0, r1,
                             title=f"The surplus a ring of {N_HOME} cluster bidders keeps")


@table("org_co_investment", "ORG-1: the proportional rule against the core and Borch–Wilson")
def org_co_investment():
    r = DEFAULT_COINVEST.solve()
    header = ["firm", "capital", "risk tolerance", "proportional CE", "closest core point",
              "Borch–Wilson slope"]
    m = DEFAULT_COINVEST
    rows = [[nm, float(m.capital[i]), float(m.tau[i]), float(r.proportional[i]),
             float(r.core_constrained[i]) if r.core_constrained is not None else float("nan"),
             float(r.borch_wilson_slopes[i])] for i, nm in enumerate(m.names)]
    return header, rows


@table("org_holdup", "ORG-3: investments and welfare by ownership structure")
def org_holdup():
    header = ["case", "structure", "e_F", "e_S", "welfare", "best"]
    rows = []
    for case, m in HOLDUP_CASES.items():
        r = m.solve()
        for s, (eF, eS), W in zip(STRUCTURES, r.investment, r.welfare):
            rows.append([case, s, float(eF), float(eS), float(W), s in r.best])
    return header, rows


@table("org_quota", "ORG-4: the association's quota by size: cluster payoff, δ*, S*")
def org_quota():
    q = DEFAULT_QUOTA
    header = ["quota m", "cluster payoff", "critical discount δ*", "exclusion threshold S*"]
    rows = [[m, q.cluster_payoff(m), q.critical_discount(m), q.exclusion_threshold(m)]
            for m in range(1, q.n + 1)]
    return header, rows


@table("org_rnd", "ORG-7: R&D per firm, non-cooperative vs cartel vs RJV, by spillover")
def org_rnd():
    header = ["beta", "x noncooperative", "x cartel", "x RJV", "cartel raises R&D",
              "profit noncoop", "profit cartel"]
    rows = []
    for b in BETAS:
        m = DEFAULT_RND.replace(beta=b)
        r = m.solve()
        rows.append([b, r["noncooperative"].rnd, r["cartel"].rnd, r["rjv"].rnd,
                     m.cooperation_raises_rnd(), r["noncooperative"].profit, r["cartel"].profit])
    return header, rows


def _f(x, digits: int = 1) -> str:
    if not np.isfinite(x):
        return "none below 1" if x > 0 else "—"
    return f"{x:,.{digits}f}".replace("-", "−")


def organisation_section() -> list[str]:
    """The organisation part of the results text (every number computed)."""
    co = DEFAULT_COINVEST
    rc = co.solve()
    sm = DEFAULT_SUPPLIERS.solve()
    hc = {k: m.solve() for k, m in HOLDUP_CASES.items()}
    q = DEFAULT_QUOTA
    rq = q.solve()
    info = q.information_service_value(sigma2=200.0, noise=100.0)
    r0, r1 = ring_revenues()
    cv = CommonValueAuction(n=6, value=100.0, noise=10.0).solve()
    rnd = {b: DEFAULT_RND.replace(beta=b) for b in BETAS}
    lo, hi = sm.firms_share_range
    lines = [
        "## Organisation inside the cluster (ORG-1 … ORG-7; figures org_*)",
        "",
        f"**Returns and risks in proportion to capital (ORG-1; figure org_proportional_core).** "
        f"Four firms with capital {', '.join(_f(k, 0) for k in co.capital)} share a venture "
        f"with R(K) = K^{co.alpha:g} above a minimum scale of {_f(co.min_scale, 0)}. The "
        f"grand venture's average return is {rc.average_return_grand:.3f} but coalition "
        f"{{{', '.join(rc.best_coalition)}}} earns {rc.best_average_return:.3f} on its own, "
        f"so the proportional split is {'in' if rc.proportional_in_core else 'not in'} the "
        f"core: that coalition would gain {rc.max_violation:.3f} by leaving. The core is "
        f"{'non-empty' if rc.core_nonempty else 'empty'}; the closest core point lies "
        f"{rc.distance_to_core:.3f} away. With risk tolerances "
        f"{', '.join(_f(t, 0) for t in co.tau)} (not proportional to capital) proportional "
        f"risk shares are {'Pareto-optimal' if rc.wilson_optimal else 'not Pareto-optimal'} "
        f"and cost {rc.ce_loss:.4f} of certainty equivalent against Borch–Wilson shares.",
        "",
        f"**Core firms and suppliers (ORG-2, ORG-3; figure org_assignment_core).** The optimal "
        f"ventures are {', '.join(f'{a}–{b}' for a, b in sm.pairs)} (assortative: "
        f"{'yes' if sm.assortative else 'no'}), worth {_f(sm.value, 2)} in total; in the core "
        f"the core firms get between {lo:.0%} and {hi:.0%} of it. Under hold-up, "
        + "; ".join(f"{k}: the best ownership is {', '.join(r.best)} (joint ownership "
                    f"{'optimal' if r.joint_optimal else 'not optimal'})" for k, r in hc.items())
        + ". Joint ventures pay when owning an asset lets the partner take more of one's "
        "investment than it protects of one's own.",
        "",
        f"**Quotas (ORG-4; table org_quota).** Left alone, {len(rq.free_entry)} of "
        f"{q.n} members enter and the cluster earns {_f(rq.free_entry_payoff)}; the "
        f"association's quota of {rq.m} earns {_f(rq.cluster_payoff)}. With grim-trigger "
        f"reversion to free entry it holds for discount factors above "
        f"{_f(rq.critical_discount, 3)}; by exclusion it needs shared services worth "
        f"{_f(rq.exclusion_threshold)} — the association's demand signal alone is worth "
        f"{_f(info)} to an entrant.",
        "",
        f"**Bidding for a foreign target (ORG-5, ORG-6; figure org_bidding_ring).** Four "
        f"cluster bidders with uniform private values: with one outsider the seller expects "
        f"{r0[1]:.3f} v̄ when they bid against each other and {r1[1]:.3f} v̄ when the "
        f"association bids as a ring — the cluster keeps {r0[1] - r1[1]:.3f} v̄ "
        f"({(r0[1] - r1[1]) / r0[1]:.0%} of the price); with six outsiders it keeps only "
        f"{r0[-1] - r1[-1]:.3f} v̄. With a common value, six naive bidders pay "
        f"{_f(-cv.naive_winner_profit, 2)} above the value (winner's curse), equilibrium "
        f"bidders earn {_f(cv.equilibrium_winner_profit, 2)}.",
        "",
        "**R&D (ORG-7; table org_rnd).** "
        + "; ".join(f"β = {b:g}: cooperation "
                    f"{'raises' if m.cooperation_raises_rnd() else 'does not raise'}"
                    f" R&D ({m.rnd('noncooperative'):.2f} → {m.rnd('cartel'):.2f})"
                    for b, m in rnd.items())
        + ": pooling R&D in the cluster's large firms raises R&D only when spillovers exceed "
        "one half.",
        "",
    ]
    return lines


@text("results_organisation", "The organisation results in prose (ORG-1 … ORG-7)")
def results_organisation() -> str:
    lines = ["# Results: organisation inside the cluster", "",
             "<!-- Generated by `make figures` (gametheory.pipeline.organisation); "
             "do not edit. -->", ""]
    return "\n".join(lines + organisation_section())
