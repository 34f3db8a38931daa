"""PolicyDesign: the government as a Stackelberg leader over the equilibrium cluster model.

Theorems and cross-checks (identifiers in docs/theorems.md):

* POLICY-1 — Brander–Spencer: the sympy derivation gives ``σ* = (a − 2c + c*)/4`` and home
  welfare ``A/9 → A/8``; the model's bilevel optimum reproduces both in its special case
  (one home firm, one foreign firm, no risk, entry assured);
* POLICY-2 — strategic trade policy with differentiated goods: a subsidy under Cournot, a
  tax under Bertrand (Eaton–Grossman), against a brute-force grid on the market engine;
  with ``n`` home firms the model's optimal export policy equals Dixit's closed form;
* POLICY-3 — credit: the Holmström–Tirole financing threshold against a brute-force search
  over contracts; a guarantee's expected payout against Monte Carlo; a guarantee is a
  relaxation of ``capital`` in the cluster model;
* POLICY-4 — insurance: the firm's certainty equivalent and the state's charge equal the
  Borch–Wilson syndicate of firm and state (``RiskSyndicate``); the optimal cover is the
  Borch share ``τ_G/(τ_G + (1 + λ)(1 + loading)τ_S)``;
* POLICY-5 — accounts: with every instrument at zero the model is the cluster model;
  ``W = Π − (1 + λ)FC = NS − λFC``; each channel equals the cluster model on transformed
  primitives (profit tax: an exact rescaling); with ``λ → ∞`` no instrument is used;
* POLICY-6 — the bilevel optimum against brute force over a fine policy grid;
* POLICY-7 — the recommendation: targeted support leaves the scattered world unchanged;
  untargeted support raises scattered entry and, beyond the surplus-maximising count,
  lowers national surplus; the two coincide where nobody stays outside the cluster or
  where credit constraints bar going alone; the region where they differ.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models import _bilevel
from gametheory.models.policy import RECOMMENDATION_REGIONS, PolicyDesign
from gametheory.models.policy_instruments import (
    INSTRUMENTS,
    brander_spencer,
    guarantee_cost,
    pledgeable_income,
    strategic_trade_policy,
)


def _few(k: int) -> int:
    """A share of the profile's examples for the costlier properties."""
    return max(3, settings().max_examples // k)


#: The policy scenario of the paper's figures: standalone entry is cheap (F = 30), half of
#: the agglomeration economies reach firms entering alone, organising costs 10 per member.
RUSH = gt.ClusterVsScattered(spillover=0.5, governance=10.0, F=30.0)


def _duopoly(a, b, c, cs, F=None):
    """One home firm, one foreign firm, no risk: Brander–Spencer's world in the model."""
    A = (a - c) ** 2 / b
    econ = gt.ClusterVsScattered(n=1, k=1, a=a, b=b, c0=c, c_f=cs, c_floor=c, sigma2=0.0,
                                 F=F if F is not None else 1e-3 * A, r=0.0, gamma=0.0)
    return PolicyDesign(economy=econ, shadow_cost=0.0)


# ============================================================================ POLICY-1
def test_brander_spencer_closed_forms():
    """POLICY-1: the sympy derivation: σ* = (a − 2c + c*)/4, W(0) = A/9 and W(σ*) = A/8."""
    import sympy as sp

    cf = brander_spencer()
    a, c, cs = cf.symbols["a"], cf.symbols["c"], cf.symbols["c_star"]
    assert sp.simplify(cf["sigma_star"].rhs - (a - 2 * c + cs) / 4) == 0
    assert cf["ratio_free"].rhs == sp.Rational(1, 9)
    assert cf["ratio_opt"].rhs == sp.Rational(1, 8)
    assert cf.evaluate("sigma_star", a=100.0, c=40.0, c_star=40.0) == pytest.approx(15.0)


@settings(max_examples=_few(6))
@given(a=st.floats(50, 200), b=st.floats(0.5, 3), c=st.floats(10, 40), dc=st.floats(-8, 8))
def test_brander_spencer_in_the_model(a, b, c, dc):
    """POLICY-1: the model's bilevel optimum over the export subsidy is Brander–Spencer's
    σ* and its welfare (a − 2c + c*)²/(8b) (net of the tiny entry cost)."""
    cs = c + dc
    gov = _duopoly(a, b, c, cs)
    F = gov.economy.F
    opt = gov.optimise("export_subsidy", xtol=1e-9)
    star = (a - 2 * c + cs) / 4
    assert opt.policy["export_subsidy"] == pytest.approx(star, rel=1e-6, abs=1e-6 * a)
    assert opt.welfare + F == pytest.approx((a - 2 * c + cs) ** 2 / (8 * b), rel=1e-9)
    assert opt.status["export_subsidy"] == "interior"
    lo, hi = opt.bracket["export_subsidy"]
    assert lo <= star <= hi
    # the subsidy's fiscal cost is σ × home output
    o = opt.outcome
    assert o.fiscal_breakdown["export subsidy"] == pytest.approx(star * o.home_output)


def test_brander_spencer_symmetric_welfare_ratios():
    """POLICY-1: symmetric costs: home welfare A/9 without, A/8 with the optimal subsidy."""
    gov = _duopoly(100.0, 1.0, 40.0, 40.0)
    A, F = 3600.0, gov.economy.F
    opt = gov.optimise("export_subsidy", xtol=1e-9)
    assert opt.baseline_welfare + F == pytest.approx(A / 9)
    assert opt.welfare + F == pytest.approx(A / 8)
    assert opt.policy["export_subsidy"] == pytest.approx(15.0)


# ============================================================================ POLICY-2
@settings(max_examples=_few(10))
@given(gamma=st.floats(0.1, 0.9), c=st.floats(20, 40), dc=st.floats(-5, 5))
def test_eaton_grossman_tax_under_bertrand(gamma, c, dc):
    """POLICY-2: under differentiated Bertrand the optimal policy is an export tax, under
    Cournot a subsidy; both equal the closed form and the best point of a fine grid of σ
    on the market engine."""
    a, cs = 100.0, c + dc
    for conduct, solver in (("bertrand", gt.differentiated_bertrand),
                            ("cournot", gt.differentiated_cournot)):
        r = strategic_trade_policy(a, c, cs, gamma, conduct=conduct)
        assert r.subsidy == pytest.approx(r.closed_form, abs=1e-4)
        grid = np.linspace(-20, 20, 4001)
        eq = solver(a, gamma, np.stack([c - grid, np.full_like(grid, cs)], -1))
        W = (np.asarray(eq.prices)[:, 0] - c) * np.asarray(eq.quantities)[:, 0]
        assert r.subsidy == pytest.approx(grid[np.argmax(W)], abs=0.02)
        assert r.welfare >= r.welfare_free_trade
        assert (r.subsidy < 0) if conduct == "bertrand" else (r.subsidy > 0)


def test_cournot_trade_policy_tends_to_brander_spencer():
    """POLICY-2: as goods become homogeneous the Cournot subsidy tends to (a − 2c + c*)/4."""
    r = strategic_trade_policy(100.0, 40.0, 44.0, 0.99999, conduct="cournot")
    assert r.subsidy == pytest.approx(16.0, rel=1e-4)


@pytest.mark.parametrize("n,k", [(1, 2), (2, 1), (3, 1), (2, 3)])
def test_dixit_many_home_firms(n, k):
    """POLICY-2: n home firms against k foreign firms (all entering, no risk): the model's
    optimal export policy is the closed form of the n-firm Cournot game, derived here in
    sympy; it is a tax when home firms outnumber the foreign ones plus one."""
    import sympy as sp

    a, c, b = 100.0, 40.0, 1.0
    sig, qh, qf = sp.symbols("sigma q_h q_f")
    P = a - b * (n * qh + k * qf)
    sol = sp.solve([P - c + sig - b * qh, P - c - b * qf], [qh, qf], dict=True)[0]
    W = n * (P.subs(sol) - c) * sol[qh]
    star = float(sp.solve(sp.diff(W, sig), sig)[0])
    econ = gt.ClusterVsScattered(n=n, k=k, a=a, b=b, c0=c, c_f=c, c_floor=c, sigma2=0.0,
                                 F=0.01, r=0.0, gamma=0.0)
    gov = PolicyDesign(economy=econ, shadow_cost=0.0, world="scattered")
    opt = gov.optimise("export_subsidy", xtol=1e-8)
    assert opt.outcome.home_entrants == n
    assert opt.policy["export_subsidy"] == pytest.approx(star, abs=1e-5)
    assert (star < 0) == (n > k + 1)


# ============================================================================ POLICY-3
@settings(max_examples=_few(3))
@given(R=st.floats(10, 100), B=st.floats(0, 20), pH=st.floats(0.5, 0.99),
       gap=st.floats(0.05, 0.5), I=st.floats(5, 60))
def test_holmstrom_tirole_threshold_by_brute_force(R, B, pH, gap, I):
    """POLICY-3: a project of cost I is financed iff own funds A ≥ I − p_H(R − B/Δp): the
    threshold from a brute-force search over the borrower's stake R_b (incentive
    compatible: Δp R_b ≥ B; the lender breaks even: p_H(R − R_b) ≥ I − A)."""
    pL = max(pH - gap, 0.0)
    stakes = np.linspace(0.0, R, 20001)
    ic = (pH - pL) * stakes >= B
    if not ic.any():
        return
    best_pledge = np.max(pH * (R - stakes[ic]))
    threshold = I - best_pledge
    lib = I - pledgeable_income(R, B, pH, pL)
    assert lib == pytest.approx(threshold, abs=pH * R / 20000 + 1e-9)


@pytest.mark.parametrize("loan,mean,var,g", [(10.0, 12.0, 16.0, None), (30.0, 20.0, 100.0, 15.0),
                                             (5.0, 40.0, 400.0, None), (50.0, 40.0, 100.0, 20.0)])
def test_guarantee_cost_against_monte_carlo(loan, mean, var, g, rng):
    """POLICY-3: E min(g, (ℓ − π)⁺) and P(π < ℓ) in closed form against 400,000 draws."""
    r = guarantee_cost(loan, mean, var, guaranteed=g)
    pi = mean + np.sqrt(var) * rng.standard_normal(400_000)
    cap = loan if g is None else g
    pay = np.minimum(cap, np.maximum(loan - pi, 0.0))
    se = pay.std() / np.sqrt(pay.size)
    assert abs(r.expected_payout - pay.mean()) <= 4 * se + 1e-12
    assert r.default_probability == pytest.approx(np.mean(pi < loan), abs=4e-3)


def test_guarantee_cost_without_risk():
    """POLICY-3: with no variance the payout is the shortfall min(g, (ℓ − m)⁺)."""
    r = guarantee_cost([10.0, 10.0, 10.0], [4.0, 12.0, -5.0], 0.0)
    np.testing.assert_allclose(r.expected_payout, [6.0, 0.0, 10.0])
    np.testing.assert_allclose(r.default_probability, [1.0, 0.0, 1.0])


@settings(max_examples=_few(10))
@given(cap=st.floats(0, 25), g=st.floats(0, 40), which=st.sampled_from(["guarantee",
                                                                         "seed_fund"]))
def test_credit_channels_are_capital_in_the_cluster_model(cap, g, which):
    """POLICY-3: a guarantee g is the cluster model with capital K + g; a seed fund is the
    same for the cluster only (firms entering alone keep K): entrants, membership and
    national surplus agree, the payouts being transfers."""
    econ = RUSH.replace(capital=cap, F0=80.0)
    gov = PolicyDesign(economy=econ)
    o = gov.evaluate({which: g})
    ref = econ.replace(capital=cap + g).solve()
    if which == "guarantee" or not ref.cluster.own_entrants:
        assert o.home_entrants == ref.cluster.m
        assert o.national_surplus == pytest.approx(ref.cluster.national_surplus, rel=1e-9,
                                                   abs=1e-9 * abs(econ.F0))
        if which == "guarantee":
            assert o.scattered_entrants == ref.scattered.m
    if which == "seed_fund":  # the scattered world never sees the seed fund
        assert o.scattered_entrants == econ.solve().scattered.m
        assert o.own_entrants == 0 or cap >= econ.F


# ============================================================================ POLICY-4
@settings(max_examples=_few(6))
@given(iota=st.floats(0, 1), tau=st.floats(200, 800), tau_g=st.floats(200, 5000),
       w=st.floats(0.1, 0.9))
def test_insurance_against_the_risk_syndicate(iota, tau, tau_g, w):
    """POLICY-4: one firm insured: its certainty-equivalent gain and the state's risk charge
    are the Borch–Wilson syndicate of firm and state sharing the common shock in the
    proportions (1 − ι, ι)."""
    econ = gt.ClusterVsScattered(n=1, k=2, sigma2=100.0, common_share=w, tau=tau, F=5.0,
                                 r=0.0, gamma=0.0, c_floor=40.0)
    gov = PolicyDesign(economy=econ, shadow_cost=0.0, state_tolerance=tau_g,
                       insurance_loading=0.0)
    base, ins = gov.evaluate(), gov.evaluate(insurance=iota)
    assert ins.home_entrants == base.home_entrants == 1
    q = base.home_output
    Vc = w * 100.0 * q**2
    syn = gt.RiskSyndicate(mu=[0.0, 0.0], tau=[tau, tau_g], cov=[[Vc, 0.0], [0.0, 0.0]])
    # a syndicate whose total payoff is the firm's common shock, split (1 − ι, ι)
    gain_syn = syn.certainty_equivalent(shares=[1 - iota, iota]) - syn.certainty_equivalent(
        shares=[1.0, 0.0])
    assert ins.national_surplus - base.national_surplus == pytest.approx(gain_syn, abs=1e-9 * Vc)
    assert ins.fiscal_breakdown["insurance risk charge"] == pytest.approx(
        iota**2 * Vc / (2 * tau_g), abs=1e-12 * Vc)
    # the best cover is the Borch share of the state
    opt = gov.optimise("insurance", xtol=1e-9)
    assert opt.policy["insurance"] == pytest.approx(syn.sharing_rule()[1], abs=1e-6)


@pytest.mark.parametrize("lam,loading", [(0.0, 0.0), (0.3, 0.2), (1.0, 0.0)])
def test_insurance_cover_of_a_pooled_cluster(lam, loading):
    """POLICY-4: a cluster of lead firms pooling risk: the optimal cover is
    τ_G/(τ_G + (1 + λ)(1 + loading)τ_S) with τ_S the entrants' pooled tolerance — pooling
    leaves the common premium per member, insurance removes it at the state's charge."""
    econ = gt.ClusterVsScattered.with_firm_sizes(n=8, leads=3, sme_capital=10.0)
    gov = PolicyDesign(economy=econ, shadow_cost=lam, insurance_loading=loading)
    opt = gov.optimise("insurance", xtol=1e-9)
    base = gov.evaluate()
    assert opt.outcome.configuration == base.configuration
    sent = base.configuration[1]
    tau_S = sum(c * t for c, t in zip(sent, econ._type_table[:, 1]))
    star = gov._tau_g / (gov._tau_g + (1 + lam) * (1 + loading) * tau_S)
    assert opt.policy["insurance"] == pytest.approx(star, abs=1e-6)


# ============================================================================ POLICY-5
ECONOMIES = st.builds(
    dict, F=st.floats(10, 150), sigma2=st.floats(20, 1500), governance=st.floats(0, 25),
    spillover=st.floats(0, 1), colocation=st.floats(0, 0.6), s=st.floats(0, 0.3),
    F0=st.floats(10, 150), outside=st.floats(0, 20), n=st.integers(2, 10))


@settings(max_examples=_few(3))
@given(kw=ECONOMIES, lam=st.floats(0, 2))
def test_zero_policy_is_the_cluster_model(kw, lam):
    """POLICY-5: with every instrument at zero (neutral environment) the followers'
    equilibrium is the cluster model's and NS = V_C, W = V_C − λ × subsidies; in the
    scattered world the same holds for V_U."""
    econ = gt.ClusterVsScattered(**kw)
    r = econ.solve()
    for world, side in (("equilibrium", r.cluster), ("scattered", r.scattered)):
        o = PolicyDesign(economy=econ, shadow_cost=lam, world=world).evaluate()
        assert o.home_entrants == side.m
        assert o.own_entrants == len(side.own_entrants)
        assert o.cluster_entrants == len(side.cluster_entrants)
        assert o.members == (len(side.members) if len(side.members) >= 2 else 0)
        tol = 1e-9 * max(1.0, abs(side.national_surplus), side.subsidy_cost)
        assert o.national_surplus == pytest.approx(side.national_surplus, abs=tol)
        assert o.fiscal_cost == pytest.approx(side.subsidy_cost, abs=tol)
        assert o.welfare == pytest.approx(side.national_surplus - lam * side.subsidy_cost,
                                          abs=tol * (1 + lam))
        assert o.home_output == pytest.approx(side.home_output)
    assert o.regime_code == r.regime_code
    assert o.dissipation >= 0


def test_zero_policy_heterogeneous_cluster():
    """POLICY-5: the same for a cluster of lead firms and capital-constrained SMEs."""
    econ = gt.ClusterVsScattered.with_firm_sizes(n=12, leads=3, sme_capital=30.0,
                                                 governance=5.0)
    r = econ.solve()
    o = PolicyDesign(economy=econ).evaluate()
    assert (o.members, o.home_entrants) == (len(r.cluster.members), r.cluster.m)
    assert o.welfare == pytest.approx(r.cluster.national_surplus)
    assert o.home_share == pytest.approx(r.power_cluster.quantity_share)


POLICIES = st.fixed_dictionaries({
    "entry_subsidy": st.floats(0, 0.4), "cluster_subsidy": st.floats(0, 0.4),
    "export_subsidy": st.floats(-10, 20), "tax_relief": st.floats(0, 0.2),
    "guarantee": st.floats(0, 40), "seed_fund": st.floats(0, 40), "insurance": st.floats(0, 1),
    "fx_approval": st.floats(0, 1), "information": st.floats(0, 1), "agency": st.floats(0, 1),
    "rnd_subsidy": st.floats(0, 10)})

ENV = dict(profit_tax=0.2, approval_cost=8.0, cluster_approval_cost=2.0, approval_delay=1.0,
           discount=0.9, flight_loss=10.0, insurance_loading=0.1)


@settings(max_examples=_few(3))
@given(pol=POLICIES, lam=st.floats(0, 3), cap=st.floats(5, 60))
def test_welfare_identity(pol, lam, cap):
    """POLICY-5: W = Π − (1 + λ)FC = NS − λFC, FC is the sum of its items, and the
    subsidies paid are the cluster model's subsidy cost at the same rates."""
    gov = PolicyDesign(economy=RUSH.replace(capital=cap), shadow_cost=lam, **ENV)
    o = gov.evaluate(pol)
    tol = 1e-9 * max(abs(o.private_surplus), abs(o.fiscal_cost), 1.0) * (1 + lam)
    assert o.welfare == pytest.approx(o.private_surplus - (1 + lam) * o.fiscal_cost, abs=tol)
    assert o.welfare == pytest.approx(o.national_surplus - lam * o.fiscal_cost, abs=tol)
    assert o.fiscal_cost == pytest.approx(sum(o.fiscal_breakdown.values()), abs=tol)
    assert o.fiscal_breakdown["guarantee payouts"] >= 0
    assert o.fiscal_breakdown["insurance risk charge"] >= 0


@settings(max_examples=_few(4))
@given(s=st.floats(0, 0.4), sc=st.floats(0, 0.4), fx=st.floats(0, 1), ag=st.floats(0, 1),
       info=st.floats(0, 1), sig=st.floats(0, 20))
def test_channels_equal_the_cluster_model(s, sc, fx, ag, info, sig):
    """POLICY-5: each channel is the cluster model on transformed primitives: the entry
    subsidies are s and s_cluster, the FX approval cost and delay change F, F0 and (via
    the discount) the host market's money, the agency cuts F0 and the organising cost,
    information raises r, the export subsidy lowers c0 and c_floor."""
    beta = 0.9
    gov = PolicyDesign(economy=RUSH, approval_cost=8.0, cluster_approval_cost=2.0,
                       approval_delay=1.0, discount=beta, agency_effect=0.5)
    pol = dict(entry_subsidy=s, cluster_subsidy=sc, fx_approval=fx, agency=ag,
               information=info, export_subsidy=sig)
    o = gov.evaluate(pol)
    th = beta ** (1 - fx)
    cut = 0.5 * ag
    e = RUSH
    ref = e.replace(s=s, s_cluster=sc, F=e.F + 8.0 * (1 - fx),
                    F0=e.F0 * (1 - cut) + 2.0 * (1 - fx), governance=e.governance * (1 - cut),
                    r=e.r + info * (1 - e.r), a=e.a * th, b=e.b * th, c0=(e.c0 - sig) * th,
                    c_f=e.c_f * th, c_floor=(e.c_floor - sig) * th, gamma=e.gamma * th,
                    sigma2=e.sigma2 * th**2).solve()
    assert o.home_entrants == ref.cluster.m and o.scattered_entrants == ref.scattered.m
    assert o.members == (len(ref.cluster.members) if len(ref.cluster.members) >= 2 else 0)
    # firms' payoffs: the cluster model's (subsidies are transfers) plus what they received
    assert o.private_surplus == pytest.approx(
        ref.cluster.national_surplus + ref.cluster.subsidy_cost, rel=1e-9, abs=1e-9)


def test_profit_tax_is_an_exact_rescaling():
    """POLICY-5: after-tax certainty equivalents (1 − T)Eπ − (1 − T)²Var π/(2τ) are the
    cluster model's with a, b, c0, c_f, c_floor, γ scaled by 1 − T and σ² by (1 − T)²."""
    T = 0.3
    e = gt.ClusterVsScattered(membership="all")
    th = 1 - T
    scaled = e.replace(a=e.a * th, b=e.b * th, c0=e.c0 * th, c_f=e.c_f * th,
                       c_floor=e.c_floor * th, gamma=e.gamma * th, sigma2=e.sigma2 * th**2)
    for mech in (None, "all"):
        s0, s1 = e.schedule(mech), scaled.schedule(mech)
        np.testing.assert_allclose(s1["quantity"], s0["quantity"])
        np.testing.assert_allclose(s1["ce"][1:], (th * s0["profit"] - th**2 * s0["premium"])[1:])
    o = PolicyDesign(economy=e, profit_tax=T).evaluate()
    assert o.private_surplus == pytest.approx(scaled.cluster_surplus())
    assert -o.fiscal_breakdown["tax revenue"] == pytest.approx(
        T * o.home_output**2 / o.home_entrants * e.b
        + T * e.b * o.home_entrants * e.r * e.common_share * e.sigma2 / (
            e.b**2 * (o.home_entrants + e.k + 1) ** 2), rel=1e-6)


COSTLY = ("entry_subsidy", "cluster_subsidy", "export_subsidy", "insurance", "information",
          "agency", "rnd_subsidy", "seed_fund")


@pytest.mark.parametrize("name", COSTLY)
def test_no_instrument_at_an_infinite_shadow_cost(name):
    """POLICY-5: as λ → ∞ no instrument with a fiscal cost is used (the optimum is the
    zero policy within its final bracket)."""
    econ = RUSH.replace(capital=10.0, F0=80.0) if name == "seed_fund" else RUSH
    gov = PolicyDesign(economy=econ, shadow_cost=1e7)
    lo, hi = gov.bounds(name)
    bounds = {name: (0.0, hi)}
    opt = gov.optimise(name, bounds=bounds)
    assert opt.policy[name] <= 1e-3 * (hi - lo)
    assert opt.status[name] in ("lower bound", "interior")


def test_no_mix_at_an_infinite_shadow_cost():
    """POLICY-5: the same for several instruments at once."""
    gov = PolicyDesign(economy=RUSH, shadow_cost=1e7)
    opt = gov.optimise(("cluster_subsidy", "agency", "information"))
    assert all(v <= 1e-3 for v in opt.policy.values())
    assert opt.gain <= 1e-9 * abs(opt.baseline_welfare)


# ============================================================================ POLICY-6
@pytest.mark.parametrize("names", [("entry_subsidy", "cluster_subsidy"),
                                   ("cluster_subsidy", "insurance"),
                                   ("entry_subsidy", "agency")])
def test_bilevel_optimum_against_brute_force(names):
    """POLICY-6: the bilevel search beats (or matches) the best of a fine 101 × 101 grid of
    policies, and its optimum re-evaluates to the value it reports."""
    gov = PolicyDesign(economy=RUSH, shadow_cost=0.3, insurance_loading=0.2)
    opt = gov.optimise(names)
    (l0, h0), (l1, h1) = (gov.bounds(n_) for n_ in names)
    g0, g1 = np.linspace(l0, h0, 101), np.linspace(l1, h1, 101)
    X0, X1 = np.meshgrid(g0, g1)
    acc = gov._accounts({names[0]: X0.ravel(), names[1]: X1.ravel()}, X0.size)
    brute = float(acc["welfare"].max())
    assert opt.welfare >= brute - 1e-9 * abs(brute)
    assert opt.welfare - brute <= 0.02 * abs(opt.welfare - opt.baseline_welfare) + 1e-9 * abs(
        brute) + 2.0  # within what a grid step can miss
    assert gov.evaluate(opt.policy).welfare == pytest.approx(opt.welfare)
    assert opt.certified


def test_piecewise_search_finds_a_breakpoint():
    """POLICY-6: on a synthetic leader problem whose optimum sits at a jump of the
    followers' response, the bracket contains the breakpoint and brute force agrees."""
    def evaluate(X):
        x, y = X[:, 0], X[:, 1]
        key = (x > 0.55).astype(int) + 2 * (y > 0.7)
        return x + np.sin(3 * y) - 2.0 * (x > 0.55) - 0.3 * (y > 0.7), key

    r = _bilevel.piecewise_maximise(evaluate, [0, 0], [1, 1], levels=5, xtol=1e-7)
    assert r.status[0] == "breakpoint" and r.x[0] <= 0.55 <= r.x[0] + r.step[0]
    assert r.x[1] == pytest.approx(np.pi / 6, abs=1e-4)  # a value tie of RTOL: flat top
    g = np.linspace(0, 1, 2001)
    X = np.array(np.meshgrid(g, g)).reshape(2, -1).T
    assert r.value >= evaluate(X)[0].max() - 1e-6  # within the bracket (xtol × slope)


def test_heterogeneous_cluster_four_instruments():
    """POLICY-6: four instruments for a 20-firm cluster of leads and SMEs: the optimum is
    certified and no better than brute force on a coarse grid would miss."""
    econ = gt.ClusterVsScattered.with_firm_sizes(n=20, leads=4, sme_capital=40.0,
                                                 lead_capital=1000.0)
    gov = PolicyDesign(economy=econ)
    names = ("entry_subsidy", "cluster_subsidy", "guarantee", "insurance")
    opt = gov.optimise(names)
    assert opt.certified and opt.welfare >= opt.grid_best
    assert opt.policy["insurance"] > 0


# ============================================================================ POLICY-7
@settings(max_examples=_few(3))
@given(kw=ECONOMIES, rate=st.floats(0.05, 0.5))
def test_targeted_support_leaves_the_scattered_world_alone(kw, rate):
    """POLICY-7: a subsidy conditioned on entering through the cluster changes nothing for
    firms on their own: the scattered world's entry and surplus are those without it."""
    econ = gt.ClusterVsScattered(**kw)
    gov = PolicyDesign(economy=econ, world="scattered")
    a, b = gov.evaluate(), gov.evaluate(cluster_subsidy=min(rate, 0.99 - econ.s))
    assert (a.home_entrants, a.scattered_entrants) == (b.home_entrants, b.scattered_entrants)
    assert a.welfare == b.welfare and a.dissipation == b.dissipation


@settings(max_examples=_few(2))
@given(F=st.floats(5, 150), sigma2=st.floats(0, 1000), k=st.integers(0, 4),
       o=st.floats(0, 20), tau=st.floats(100, 1000))
def test_untargeted_support_fuels_a_rush(F, sigma2, k, o, tau):
    """POLICY-7: identical firms, equal costs at home and abroad, no spillover: the
    scattered entry count never falls as the untargeted rate rises, and once it is at or
    beyond the count that maximises national surplus (the cluster model's schedule),
    national surplus never rises — the rush dissipates rents."""
    econ = gt.ClusterVsScattered(n=10, k=k, F=F, sigma2=sigma2, outside=o, tau=tau,
                                 spillover=0.0)
    gov = PolicyDesign(economy=econ, world="scattered", shadow_cost=0.0)
    rates = np.linspace(0, 0.9, 31)
    c = gov.welfare_curve("entry_subsidy", rates)
    assert np.all(np.diff(c.home_entrants) >= 0)
    sched = econ.schedule(None)
    m_star = int(np.argmax(sched["national"]))
    past = c.home_entrants >= m_star
    ns = c.national_surplus[past]
    assert np.all(np.diff(ns) <= 1e-9 * np.abs(ns).max())
    assert np.all(np.diff(c.dissipation[past]) >= -1e-9 * max(np.abs(ns).max(), 1.0))


@settings(max_examples=_few(3))
@given(kw=ECONOMIES, rate=st.floats(0.05, 0.45))
def test_the_two_coincide_when_nobody_stays_outside(kw, rate):
    """POLICY-7: where every firm is in the cluster under both policies, the untargeted and
    the targeted rate are the same policy in the cluster equilibrium."""
    econ = gt.ClusterVsScattered(**kw)
    gov = PolicyDesign(economy=econ)
    u, t = gov.evaluate(entry_subsidy=rate), gov.evaluate(cluster_subsidy=rate)
    if u.members == t.members == econ.n:
        assert u.configuration == t.configuration
        assert u.welfare == pytest.approx(t.welfare, rel=1e-12, abs=1e-12)


@settings(max_examples=_few(3))
@given(kw=ECONOMIES, rate=st.floats(0.05, 0.45), cap=st.floats(0, 1))
def test_the_two_coincide_when_credit_bars_going_alone(kw, rate, cap):
    """POLICY-7: when no firm can pay its standalone fee even with the untargeted subsidy,
    that subsidy cannot fuel a rush: it is the targeted one, in both worlds."""
    kw = dict(kw, s=0.0)
    econ = gt.ClusterVsScattered(**kw, capital=cap * (1 - 0.45) * kw["F"] * 0.99)
    for world in ("equilibrium", "scattered"):
        gov = PolicyDesign(economy=econ, world=world)
        u, t = gov.evaluate(entry_subsidy=rate), gov.evaluate(cluster_subsidy=rate)
        assert u.own_entrants == t.own_entrants == 0
        assert u.configuration == t.configuration
        assert u.welfare == pytest.approx(t.welfare, rel=1e-12, abs=1e-12)


def test_recommendation_region():
    """POLICY-7: with cheap standalone entry, agglomeration that reaches firms entering alone
    and an organising cost, an untargeted 30% subsidy breaks the cluster into a rush that
    the same rate through the cluster avoids; with costlier standalone entry the two
    coincide."""
    gov = PolicyDesign(economy=RUSH)
    rm = gov.recommendation_map("F", [30.0, 60.0], "governance", [10.0], rate=0.3)
    assert rm.code[0].tolist() == [1, 4]
    assert RECOMMENDATION_REGIONS[0].startswith("untargeted support fuels a rush")
    assert rm.own_u[0, 0] > rm.own_0[0, 0] == rm.own_t[0, 0] == 0
    assert rm.welfare_u[0, 0] < rm.welfare_t[0, 0] < rm.welfare_0[0, 0]
    u = gov.evaluate(entry_subsidy=0.3)
    assert (u.members, u.own_entrants, u.home_entrants) == (11, 1, 6)
    assert u.dissipation > gov.evaluate(cluster_subsidy=0.3).dissipation
    df = rm.to_dataframe()
    assert set(df["label"]) <= set(RECOMMENDATION_REGIONS)


# ============================================================================ the rest
def test_results_as_data():
    """Rankings, curves and maps are data frames; every instrument has a channel."""
    gov = PolicyDesign(economy=RUSH)
    rk = gov.rank_instruments(("cluster_subsidy", "agency", "insurance"))
    df = rk.to_dataframe()
    assert list(df["instrument"])[-1].startswith("optimal mix")
    assert len(df) == 4 and np.isfinite(df["gain"]).all()
    assert rk.gain[-1] >= max(rk.gain[:-1]) - 1e-9 * abs(rk.welfare).max()
    curve = gov.welfare_curve("cluster_subsidy", [0.0, 0.2, 0.4]).to_dataframe()
    assert len(curve) == 3
    pm = gov.optimal_policy_map("F", [30.0, 60.0], "sigma2", [200.0], ("insurance",))
    assert pm.to_dataframe().shape[0] == 2 and "insurance" in pm.to_dataframe()
    for ins in INSTRUMENTS.values():
        assert ins.channel and ins.fiscal_cost and ins.source
    assert gov.cluster_surplus() == gov.evaluate().welfare
    assert len(gov.closed_forms()) == 4


@pytest.mark.parametrize("lam_u", [1e-9, 1e9])
def test_unit_invariance(lam_u):
    """Money × λ (prices, costs, outside options, capital, risk tolerances; variances × λ²;
    money-valued instruments and costs too; rnd_cost × 1/λ): every count, status and rate
    is unchanged and every amount of money scales by λ."""
    kw = dict(spillover=0.5, governance=10.0, F=30.0, capital=20.0)
    money = ("a", "c0", "c_f", "c_floor", "F", "F0", "f", "gamma", "governance", "capital",
             "tau", "b")
    e0 = gt.ClusterVsScattered(**kw)
    e1 = e0.replace(**{k: getattr(e0, k) * lam_u for k in money}, sigma2=e0.sigma2 * lam_u**2)
    env = dict(approval_cost=8.0, cluster_approval_cost=2.0, flight_loss=5.0, info_cost=30.0,
               agency_cost=20.0)
    g0 = PolicyDesign(economy=e0, profit_tax=0.2, **env)
    g1 = PolicyDesign(economy=e1, profit_tax=0.2, rnd_cost=g0.rnd_cost / lam_u,
                      **{k: v * lam_u for k, v in env.items()})
    pol = dict(entry_subsidy=0.2, guarantee=12.0, insurance=0.5, rnd_subsidy=2.0,
               export_subsidy=3.0, agency=0.5, tax_relief=0.1)
    pol1 = {k: v * lam_u if k in ("guarantee", "rnd_subsidy", "export_subsidy") else v
            for k, v in pol.items()}
    o0, o1 = g0.evaluate(pol), g1.evaluate(pol1)
    assert o0.configuration == o1.configuration and o0.regime_code == o1.regime_code
    assert o1.welfare == pytest.approx(lam_u * o0.welfare, rel=1e-9)
    assert o1.fiscal_cost == pytest.approx(lam_u * o0.fiscal_cost, rel=1e-9)
    assert o1.lerner == pytest.approx(o0.lerner, rel=1e-9)
    a0 = g0.optimise(("cluster_subsidy", "insurance"))
    a1 = g1.optimise(("cluster_subsidy", "insurance"))
    assert a0.status == a1.status
    for k in a0.policy:
        assert a1.policy[k] == pytest.approx(a0.policy[k], rel=1e-6, abs=1e-9)
    assert a1.gain == pytest.approx(lam_u * a0.gain, rel=1e-6)


@pytest.mark.parametrize("call,match", [
    (lambda: PolicyDesign(shadow_cost=-0.1), r"\bshadow_cost\b"),
    (lambda: PolicyDesign(world="planet"), r"\bworld\b"),
    (lambda: PolicyDesign(economy="cluster"), r"\beconomy\b"),
    (lambda: PolicyDesign(profit_tax=1.0), r"\bprofit_tax\b"),
    (lambda: PolicyDesign(discount=0.0), r"\bdiscount\b"),
    (lambda: PolicyDesign(agency_effect=1.5), r"\bagency_effect\b"),
    (lambda: PolicyDesign(state_tolerance=0.0), r"\bstate_tolerance\b"),
    (lambda: PolicyDesign(approval_cost=-1.0), r"\bapproval_cost\b"),
    (lambda: PolicyDesign().evaluate(entry_subsidy=-0.1), r"\bentry_subsidy\b"),
    (lambda: PolicyDesign().evaluate(cluster_subsidy=1.0), r"\bcluster_subsidy\b"),
    (lambda: PolicyDesign().evaluate(entry_subsidy=0.6, cluster_subsidy=0.6),
     r"\bentry_subsidy\b"),
    (lambda: PolicyDesign().evaluate(guarantee=-5.0), r"\bguarantee\b"),
    (lambda: PolicyDesign().evaluate(insurance=1.2), r"\binsurance\b"),
    (lambda: PolicyDesign().evaluate(tax_relief=0.1), r"\btax_relief\b"),
    (lambda: PolicyDesign().evaluate(export_subsidy=-70.0), r"\bexport_subsidy\b"),
    (lambda: PolicyDesign().evaluate(bailout=1.0), r"\bbailout\b"),
    (lambda: PolicyDesign().evaluate(information=float("nan")), r"\binformation\b"),
    (lambda: PolicyDesign().optimise(()), r"\binstruments\b"),
    (lambda: PolicyDesign().optimise("insurance", bounds={"insurance": (0.8, 0.2)}),
     r"\bbounds\b"),
    (lambda: PolicyDesign().optimise("insurance", bounds={"agency": (0.0, 1.0)}),
     r"\bbounds\b"),
    (lambda: PolicyDesign().optimise("insurance", levels=1), r"\blevels\b"),
    (lambda: PolicyDesign().optimise("insurance", xtol=0.0), r"\bxtol\b"),
    (lambda: PolicyDesign().optimise(("entry_subsidy", "cluster_subsidy"),
                                     bounds={"entry_subsidy": (0, 0.6),
                                             "cluster_subsidy": (0, 0.6)}), r"\bbounds\b"),
    (lambda: PolicyDesign().recommendation_map("n", [2], "F", [30]), r"\bvary\b"),
    (lambda: PolicyDesign().recommendation_map("F", [30], "F", [30]), r"\bparam_x\b"),
    (lambda: guarantee_cost(10.0, 5.0, 4.0, guaranteed=12.0), r"\bguaranteed\b"),
    (lambda: guarantee_cost(-1.0, 5.0, 4.0), r"\bloan\b"),
    (lambda: guarantee_cost(1.0, 5.0, -4.0), r"\bvariance\b"),
    (lambda: pledgeable_income(10.0, 1.0, 0.5, 0.6), r"\bp_high\b"),
    (lambda: pledgeable_income(10.0, -1.0, 0.8, 0.6), r"\bprivate_benefit\b"),
    (lambda: strategic_trade_policy(100, 40, 40, 1.0), r"\bgamma\b"),
    (lambda: strategic_trade_policy(100, 40, 40, 0.5, conduct="auction"), r"\bconduct\b"),
])
def test_bad_input(call, match):
    """Bad input is rejected early with an error naming the argument."""
    with pytest.raises(ValueError, match=match):
        call()


def test_rnd_subsidy_lowers_the_cluster_entrants_cost_only():
    """POLICY-5: the R&D hook: the cluster's entrants produce at their cost minus δ (the host
    market from the Cournot engine agrees), firms on their own and the scattered world do
    not."""
    econ = gt.ClusterVsScattered(membership="all")
    gov = PolicyDesign(economy=econ, shadow_cost=0.0)
    delta = 3.0
    o, base = gov.evaluate(rnd_subsidy=delta), gov.evaluate()
    m = o.cluster_entrants
    c_m = max(econ.c0 - econ.gamma * (m - 1), econ.c_floor) - delta
    eq = gt.cournot(econ.a, econ.b, [c_m] * m, incumbents=econ.k, incumbent_cost=econ.c_f)
    assert o.home_output == pytest.approx(float(np.sum(eq.quantities[:m])))
    assert o.scattered_entrants == base.scattered_entrants
    assert o.fiscal_breakdown["overseas R&D"] == pytest.approx(gov.rnd_cost * delta**2)
