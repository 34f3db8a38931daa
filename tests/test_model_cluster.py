"""M0 ClusterVsScattered: the integrated comparison of cluster and scattered entry.

Cross-checks: the scattered side against DissipationEntry (M4), risk pooling against
RiskSyndicate (M2), the information term against public_information (M5), the output
coordination gain against merger_outcome (M4), market power against hand-computed
Cournot shares; regime boundaries against closed forms; the decomposition against the
Shapley axioms (efficiency, dummy).
"""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

from gametheory.models import (
    RiskSyndicate,
    merger_outcome,
    public_information,
)
from gametheory.models.cluster import MECHANISMS, REGIMES, ClusterVsScattered

PROTO = dict(a=100.0, b=1.0, c0=40.0, c_f=40.0, k=2, sigma2=200.0, tau=300.0, F=60.0)


params = st.builds(
    ClusterVsScattered, n=st.just(8), F=st.floats(5.0, 250.0), F0=st.floats(0.0, 300.0),
    f=st.floats(1.0, 80.0), gamma=st.floats(0.0, 2.0), r=st.floats(0.0, 1.0),
    common_share=st.floats(0.0, 1.0), sigma2=st.floats(1.0, 900.0), s=st.floats(0.0, 0.9))


# ------------------------------------------------------------------ prototype regression
@pytest.mark.parametrize("s, m_u, total", [(0.0, 3, 20.0), (0.3, 4, -44.0816), (0.6, 7, -252.0)])
def test_prototype_scattered_entry(s, m_u, total):
    """The prototype case (a=100, b=1, c0=c_f=40, k=2, σ²=200, τ=300, F=60, subsidies 0,
    0.3, 0.6): scattered entry m_U = 3, 4, 7 with total national CE 20, −44, −252.

    The numbers follow from CE_i = π(m) − q²σ²/(2τ) − F with q = 60/(m + 3): checked here
    against that closed form, the model, and DissipationEntry.
    """
    model = ClusterVsScattered(**PROTO, s=s)
    out = model.value(None)
    assert out.m == m_u
    assert out.national_surplus == pytest.approx(total, abs=1e-3)
    # independent closed form: CE(m) = (1 − σ²/(2τ)) 3600/(m+3)² = (2/3) 3600/(m+3)²
    ce = [(2 / 3) * 3600 / (m + 3) ** 2 for m in range(1, 13)]
    closed = max(m for m in range(1, 13) if ce[m - 1] >= (1 - s) * 60 - 1e-9)
    assert closed == m_u
    assert m_u * (ce[m_u - 1] - 60) == pytest.approx(total, abs=1e-3)
    d = model.scattered_model().solve()
    assert d.m_free == m_u
    assert d.national_surplus[d.m_free] == pytest.approx(out.national_surplus, abs=1e-9)
    assert out.subsidy_cost == pytest.approx(s * 60 * m_u)
    # scattered joint optimum m = 1
    assert model.solve().scattered_optimum == 1


def test_prototype_cluster_close_to_prototype():
    """Prototype cluster (F0=50, f=15, γ=0.8, r=0.8): m_C = 4; V_C ≈ 237.

    Checked against a hand computation of the asymmetric Cournot market at m = 4 (the
    treatment of risk and information is the one documented in the module).
    """
    model = ClusterVsScattered(**PROTO, F0=50.0, f=15.0, gamma=0.8, r=0.8, common_share=0.5)
    res = model.solve()
    assert res.cluster.m == 4
    # by hand: c(4) = 37.6; N = 6 firms; q_h = (a − (k+1) c_h + k c_f)/(b(N + 1)) … general:
    m, k, ch, cf, a, b = 4, 2, 37.6, 40.0, 100.0, 1.0
    N = m + k
    p = (a + m * ch + k * cf) / (N + 1)
    qh = (p - ch) / b
    info = 0.8 * 100.0 / (b**2 * (N + 1) ** 2)
    prof = b * qh**2 + b * info
    prem = (qh**2 + info) * (0.2 * 100.0 + 100.0 / m) / 600.0
    V = m * (prof - prem) - 50.0 - 15.0 * m
    assert res.cluster.national_surplus == pytest.approx(V, rel=1e-10)
    assert 200 < V < 300
    assert res.regime == "scattered over-entry dissipates rents"


def test_cluster_sends_every_member_when_surplus_rises_to_n():
    """The cluster's count can be all n firms: with strong agglomeration (γ = 8, down to
    c_floor = 10) and a cheap platform (F0 = 40, f = 1), W(m) rises up to m = n = 4.

    W(m) is recomputed here from the primitives, independently of the model: home cost
    c(m) = max(40 − 8(m − 1), 10); host Cournot with m home firms and one foreign firm of
    cost 50, which is priced out once p ≤ 50 (then p is recomputed without it); outputs
    q = (p − c)/b; the public signal adds Var = rωσ²/(b²(N + 1)²); the syndicate premium is
    (q² + Var)((1 − r)ωσ² + (1 − ω)σ²/m)/(2τ); W(m) = m(bq² + bVar − premium) − (F0 + f m).
    """
    a, b, c0, cf, k, gamma, floor = 100.0, 1.0, 40.0, 50.0, 1, 8.0, 10.0
    sigma2, omega, tau, r, F0, f, n = 200.0, 0.5, 300.0, 0.8, 40.0, 1.0, 4
    model = ClusterVsScattered(n=n, k=k, a=a, b=b, c0=c0, c_f=cf, c_floor=floor,
                               gamma=gamma, sigma2=sigma2, common_share=omega, tau=tau,
                               r=r, F0=F0, f=f, F=250.0)
    W = [0.0]
    for m in range(1, n + 1):
        c = max(c0 - gamma * (m - 1), floor)
        N = m + k
        p = (a + m * c + k * cf) / (N + 1)
        if p <= cf:  # the foreign firm is priced out
            N = m
            p = (a + m * c) / (N + 1)
        q = (p - c) / b
        var = r * omega * sigma2 / (b**2 * (N + 1) ** 2)
        prem = (q**2 + var) * ((1 - r) * omega * sigma2 + (1 - omega) * sigma2 / m) / (2 * tau)
        W.append(m * (b * q**2 + b * var - prem) - (F0 + f * m))
    assert int(np.argmax(W)) == n and np.all(np.diff(W) > 0)
    np.testing.assert_allclose(model.schedule("all")["national"], W, rtol=1e-10)
    res = model.solve()
    assert res.cluster.m == n
    assert res.cluster.national_surplus == pytest.approx(W[n], rel=1e-10)
    assert res.scattered.m < n  # standalone entry at F = 250 sends fewer


# ------------------------------------------------------------------ decomposition
@given(model=params)
def test_decomposition_efficiency(model):
    """Shapley efficiency: the five mechanism shares sum exactly to V_C − V_U."""
    res = model.solve()
    tol = 1e-7 * max(1, abs(res.gain))
    assert float(np.sum(res.decomposition)) == pytest.approx(res.gain, abs=tol)
    assert res.mechanism_values[frozenset()] == pytest.approx(res.scattered.national_surplus)
    V_C = res.cluster.national_surplus
    assert res.mechanism_values[frozenset(MECHANISMS)] == pytest.approx(V_C)
    assert tuple(res.decomposition.names) == MECHANISMS


@pytest.mark.parametrize("change, mechanism", [
    (dict(r=0.0), "information sharing"),
    (dict(gamma=0.0), "agglomeration"),
    (dict(common_share=1.0), "risk sharing"),
    (dict(F0=0.0, f=60.0), "cost sharing"),
])
@pytest.mark.parametrize("s", [0.0, 0.3, 0.6])
def test_dummy_mechanism_gets_zero(change, mechanism, s):
    """A mechanism that changes nothing is a dummy player of the mechanism game: share 0."""
    model = ClusterVsScattered(s=s, **change)
    game = model.mechanism_game()
    i = MECHANISMS.index(mechanism)
    v = game.v
    # dummy in the game itself (v(M ∪ i) = v(M) for all M) …
    for mask in range(2 ** 5):
        if not mask >> i & 1:
            assert v[mask | 1 << i] == pytest.approx(v[mask], abs=1e-9)
    # … hence zero Shapley share
    assert model.decomposition()[i] == pytest.approx(0.0, abs=1e-9)


# ------------------------------------------------------------------ M2: common risk
@given(m=st.integers(1, 8), w=st.floats(0.0, 1.0), s2=st.floats(1.0, 600.0),
       tau=st.floats(50.0, 1000.0))
def test_pooling_matches_risk_syndicate_and_keeps_common_risk(m, w, s2, tau):
    """Per-member premium under pooling = RiskSyndicate's (Wilson 1968), and only the
    idiosyncratic part falls with m: the common part per member is unchanged (M2 (d))."""
    model = ClusterVsScattered(sigma2=s2, common_share=w, tau=tau, r=0.0, n=8)
    pooled = model.schedule(["risk sharing"])
    alone = model.schedule(None)
    q = pooled["quantity"][m]
    syn = RiskSyndicate.exchangeable(m, 0.0, tau, q**2 * s2, w)
    ref = -syn.certainty_equivalent() / m
    assert pooled["premium"][m] == pytest.approx(ref, rel=1e-9, abs=1e-12)
    common = w * s2 * q**2 / (2 * tau)
    idio = (1 - w) * s2 * q**2 / (2 * tau)
    assert pooled["premium"][m] == pytest.approx(common + idio / m, rel=1e-9, abs=1e-12)
    assert alone["premium"][m] == pytest.approx(common + idio, rel=1e-9, abs=1e-12)
    # RiskSyndicate's own statement: the common premium per member is what it pays alone
    np.testing.assert_allclose(syn.common_risk_premium(w * q**2 * s2), common, rtol=1e-9,
                               atol=1e-12)


def test_common_risk_not_diversified():
    """With all risk common (ω = 1), pooling changes no member's premium, for every m."""
    model = ClusterVsScattered(common_share=1.0, r=0.0)
    np.testing.assert_allclose(model.schedule(["risk sharing"])["premium"],
                               model.schedule(None)["premium"], rtol=1e-12)
    half = ClusterVsScattered(common_share=0.5, r=0.0).schedule(["risk sharing"])
    per_unit = half["premium"][1:] / half["quantity"][1:] ** 2  # (ωσ² + (1−ω)σ²/m)/(2τ)
    assert np.all(np.diff(per_unit) < 0)
    assert per_unit[-1] > 0.5 * 200 / 600 - 1e-12  # never below the common part


# ------------------------------------------------------------------ M5: information
@given(m=st.integers(1, 8), r=st.floats(0.05, 0.95), w=st.floats(0.05, 1.0),
       s2=st.floats(1.0, 600.0))
def test_information_term_matches_public_information(m, r, w, s2):
    """INFO-3 via M5: the signal adds Var(E[θ|s])/(b(N+1)²) with Var(E[θ|s]) = rωσ²."""
    model = ClusterVsScattered(gamma=0.0, sigma2=s2, common_share=w, r=r, n=8, b=1.5)
    gain = model.schedule(["information sharing"])["profit"][m] - model.schedule(None)["profit"][m]
    var_c = w * s2
    ref = public_information(a=model.a, c=model.c0, sigma2=var_c, noise=var_c * (1 - r) / r,
                             n=m + model.k, b=model.b)
    assert ref.posterior_mean_variance == pytest.approx(r * var_c)
    assert gain == pytest.approx(ref.expected_profit - ref.expected_profit_no_info, rel=1e-9)


# ------------------------------------------------------------------ all off = scattered
@given(model=params)
def test_nothing_switched_on_is_scattered_entry(model):
    """V(∅) is DissipationEntry's free-entry outcome (premium σ²/(2τ), no agglomeration)."""
    out = model.value(None)
    d = model.scattered_model().solve()
    assert out.m == d.m_free
    assert out.equilibrium_counts == d.equilibrium_counts
    assert out.national_surplus == pytest.approx(float(d.national_surplus[d.m_free]), abs=1e-8)
    assert model.scattered_surplus() == pytest.approx(model.scattered_model().scattered_surplus(),
                                                      abs=1e-8)


@given(F=st.floats(5.0, 250.0), s=st.floats(0.0, 0.9), s2=st.floats(1.0, 900.0))
def test_cluster_with_only_coordination_is_scattered_optimum(F, s, s2):
    """With M1, M2, M3, M5 made dummies (F0=0, f=F, γ=0, r=0, ω=1) the cluster can only do what
    scattered firms do, but chooses the count: V_C = max_m W_U(m) = DissipationEntry's m_C."""
    model = ClusterVsScattered(F=F, F0=0.0, f=F, gamma=0.0, r=0.0, common_share=1.0, sigma2=s2,
                               s=s, n=8)
    d = model.scattered_model()
    assert model.cluster_surplus() == pytest.approx(d.cluster_surplus(), abs=1e-8)
    assert model.cluster_surplus() >= model.scattered_surplus() - 1e-9
    res = model.solve()
    # the whole gain is avoided dissipation
    assert res.decomposition[MECHANISMS.index("avoiding dissipation")] == pytest.approx(
        res.gain, abs=1e-8)
    assert res.gain == pytest.approx(res.dissipation, abs=1e-8)


# ------------------------------------------------------------------ comparative statics
@given(model=params, ds=st.floats(0.0, 0.5), dF=st.floats(0.0, 100.0))
def test_free_entry_monotone_in_subsidy_and_cost(model, ds, dF):
    """m_U(s) weakly rises with the subsidy and weakly falls with F (the entry fee (1−s)F
    rises; the greatest equilibrium count of the entry game is monotone in the fee)."""
    m0 = model.value(None).m
    s1 = min(model.s + ds, 0.95)
    assert model.replace(s=s1).value(None).m >= m0
    assert model.replace(F=model.F + dF).value(None).m <= m0
    # the subsidy is a transfer: the cluster's national surplus does not depend on it
    assert model.replace(s=s1).cluster_surplus() == pytest.approx(model.cluster_surplus())


@given(model=params, df=st.floats(0.0, 50.0))
def test_cluster_count_monotone_in_per_entrant_cost(model, df):
    """m_C, the smallest maximiser of m(CE(m) − f) − F0, weakly falls with f (Topkis)."""
    assert model.replace(f=model.f + df).value("all").m <= model.value("all").m


# ------------------------------------------------------------------ regime boundaries
@pytest.mark.parametrize("s", [0.0, 0.3, 0.6])
@pytest.mark.parametrize("s2", [50.0, 200.0, 450.0])
def test_scattered_no_entry_boundary_closed_form(s, s2):
    """Symmetric case: nobody enters alone iff F > F̄ = q_1²(b − σ²/(2τ))/(1 − s),
    with q_1 = (a − c)/(b(k + 2))."""
    base = ClusterVsScattered(**{**PROTO, "sigma2": s2}, s=s)
    Fbar = float(base.closed_forms().evaluate("no_entry_boundary", a=100.0, b=1.0, c=40.0, k=2,
                                                sigma2=s2, tau=300.0, s=s))
    q1 = 60.0 / 4.0
    assert Fbar == pytest.approx(q1**2 * (1 - s2 / 600.0) / (1 - s))
    assert base.replace(F=Fbar * (1 - 1e-6)).value(None).m >= 1
    assert base.replace(F=Fbar * (1 + 1e-6)).value(None).m == 0


@pytest.mark.parametrize("r, w", [(0.0, 0.5), (0.8, 0.5), (0.5, 1.0), (0.9, 0.0)])
def test_cluster_viability_boundary_closed_form(r, w):
    """Symmetric case (γ = 0): the cluster enters iff F0 < max_m m(CE_C(m) − f); at that
    boundary the regime switches from "only the cluster can enter" to "no entry either way"."""
    base = ClusterVsScattered(**{**PROTO, "F": 500.0}, gamma=0.0, r=r, common_share=w, f=15.0,
                              n=10)
    cf = base.closed_forms()
    m = np.arange(1, 11)
    ce = cf.evaluate("ce_cluster", a=100.0, b=1.0, c=40.0, k=2, sigma2=200.0, omega=w, tau=300.0,
                     r=r, m=m)
    F0bar = float(np.max(m * (ce - 15.0)))
    assert base.replace(F0=F0bar * (1 - 1e-6)).regime() == "only the cluster can enter"
    assert base.replace(F0=F0bar * (1 + 1e-6)).regime() == "no entry either way"
    assert base.replace(F0=F0bar * (1 - 1e-6)).value("all").m == int(m[np.argmax(m * (ce - 15.0))])


def test_regimes_partition_and_map_consistent_with_points():
    """regime_map agrees with point solves, and every label comes from the computed numbers."""
    model = ClusterVsScattered()
    gx = np.array([5.0, 60.0, 150.0, 300.0])
    gy = np.array([0.0, 50.0, 300.0, 600.0])
    rm = model.regime_map("F", gx, "F0", gy)
    assert rm.code.shape == (4, 4)
    for i, y in enumerate(gy):
        for j, x in enumerate(gx):
            pt = model.replace(F=x, F0=y).solve()
            assert REGIMES[rm.code[i, j]] == pt.regime
            assert rm.gain[i, j] == pytest.approx(pt.gain)
            assert rm.m_U[i, j] == pt.scattered.m and rm.m_C[i, j] == pt.cluster.m
            # the label follows from the numbers
            if pt.scattered.m == 0:
                assert pt.regime in REGIMES[:2]
                assert (pt.regime == REGIMES[1]) == (pt.cluster.m > 0)
            elif pt.gain <= 1e-9:
                assert pt.regime == REGIMES[4]
            else:
                assert (pt.regime == REGIMES[3]) == (pt.dissipation > 1e-9)
                assert pt.dissipation >= -1e-9
    assert set(np.unique(rm.code)) == {0, 1, 2, 3, 4}


def test_scattered_better_when_platform_is_costly():
    """A costly platform (F0 large) with cheap standalone entry: scattered entry is better."""
    model = ClusterVsScattered(F=100.0, F0=400.0)
    res = model.solve()
    assert res.scattered.m >= 1 and res.gain < 0
    assert res.regime == "scattered entry is better"


# ------------------------------------------------------------------ market power, merger
def test_market_power_by_hand():
    """Cluster's quantity share and Lerner index (members compete / coordinated) by hand."""
    res = ClusterVsScattered().solve()
    m, ch = res.cluster.m, res.cluster.cost_home
    p = (100.0 + m * ch + 2 * 40.0) / (m + 3)
    qh, qf = p - ch, p - 40.0
    Q = m * qh + 2 * qf
    pw = res.power_cluster
    assert float(pw.quantity_share) == pytest.approx(m * qh / Q)
    assert float(pw.profit_share) == pytest.approx(m * qh**2 / (m * qh**2 + 2 * qf**2))
    eps = p / Q
    assert float(pw.lerner_competing) == pytest.approx((p - ch) / p)
    assert float(pw.lerner_coordinated) == pytest.approx((m * qh / Q) / eps)
    assert res.power_scattered is not None


@pytest.mark.parametrize("F0", [0.0, 20.0])
def test_output_coordination_gain_is_merger_outcome(F0):
    """Symmetric case: coordinating the members' outputs gains merger_outcome(...).gain
    (negative: the merger paradox, Salant–Switzer–Reynolds 1983), kept out of the baseline."""
    model = ClusterVsScattered(gamma=0.0, F0=F0, F=200.0)
    m = model.value("all").m
    assert m >= 2
    ref = merger_outcome(100.0, 1.0, 40.0, n=m + 2, m=m).gain
    assert model.output_coordination_gain(m) == pytest.approx(ref, rel=1e-9)
    assert model.solve().output_coordination_gain < 0


def test_platform_shares_are_shapley_of_airport_game():
    res = ClusterVsScattered().solve()
    m = res.cluster.m
    np.testing.assert_allclose(np.asarray(res.platform_shares), 50.0 / m + 15.0)
    assert float(np.sum(res.platform_shares)) == pytest.approx(res.cluster.entry_cost)


# ------------------------------------------------------------------ no interior equilibrium
def test_priced_out_home_firms_reported():
    """Home cost so high that a lone home entrant produces nothing: reported as non-interior."""
    model = ClusterVsScattered(c0=95.0, c_floor=90.0, c_f=10.0, gamma=0.5)
    res = model.solve()
    assert not res.interior
    assert res.scattered.m == 0 and res.cluster.m == 0
    assert res.regime == "no entry either way"
    rm = model.replace(c_floor=0.0).regime_map("F", [10.0, 50.0], "c0", [20.0, 95.0])
    assert rm.interior[0].all() and not rm.interior[1].any()
    assert ClusterVsScattered().solve().interior


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("bad, msg", [
    (dict(c0=100.0), "below the demand intercept"),
    (dict(c_f=120.0), "below the demand intercept"),
    (dict(s=1.0), "subsidy"),
    (dict(s=-0.1), "subsidy"),
    (dict(r=1.5), "precision"),
    (dict(r=-0.1), "precision"),
    (dict(sigma2=0.0), "sigma2"),
    (dict(tau=0.0), "tau"),
    (dict(tau=-3.0), "tau"),
    (dict(F=0.0), "F "),
    (dict(F0=0.0, f=0.0), "platform cost"),
    (dict(common_share=1.2), "common_share"),
    (dict(c_floor=50.0), "c_floor"),
    (dict(n=0), "n "),
    (dict(n=2.5), "whole number"),
    (dict(k=-1), "k "),
    (dict(gamma=float("nan")), "gamma"),
])
def test_bad_parameters(bad, msg):
    with pytest.raises(ValueError, match=whole_words(msg)):
        ClusterVsScattered(**bad)


def test_bad_grids_and_names():
    model = ClusterVsScattered()
    with pytest.raises(ValueError, match="non-empty"):
        model.regime_map("F", [], "sigma2", [100.0])
    with pytest.raises(ValueError, match="cannot vary"):
        model.regime_map("n", [1, 2], "sigma2", [100.0])
    with pytest.raises(ValueError, match="must differ"):
        model.regime_map("F", [1.0], "F", [2.0])
    with pytest.raises(ValueError, match=r"\bsubsidy\b"):
        model.regime_map("F", [10.0], "s", [0.5, 1.0])
    with pytest.raises(ValueError, match="unknown mechanism"):
        model.value(["cost sharing", "magic"])
    with pytest.raises(ValueError, match="non-empty"):
        model.decomposition_by("s", [])


def test_decomposition_by_subsidy_sums():
    model = ClusterVsScattered()
    out = model.decomposition_by("s", [0.0, 0.3, 0.6])
    for s, dec in out.items():
        assert float(np.sum(dec)) == pytest.approx(model.replace(s=s).solve().gain)
    # policy push without coordination deepens dissipation: the M4 share grows with s
    m4 = [out[s][MECHANISMS.index("avoiding dissipation")] for s in (0.0, 0.3, 0.6)]
    assert m4[0] < m4[1] < m4[2]
    assert not math.isnan(m4[0])


def test_tie_in_scattered_surplus_is_not_over_entry():
    """At F = 150 one scattered entrant just breaks even, W(0) = W(1) = 0: free entry (m_U = 1)
    dissipates nothing, so the regime is not "over-entry" (a regression: the smallest
    maximiser m*_U = 0 < m_U used to label it so)."""
    r = ClusterVsScattered(F=150).solve()
    assert r.scattered.m == 1 and r.dissipation == pytest.approx(0.0, abs=1e-9)
    assert r.regime != "scattered over-entry dissipates rents"
