"""Capital-proportional co-investment (ORG-1): core membership and Wilson optimality.

Cross-checks: the proportional rule's core verdict against a brute-force comparison of
average returns over every coalition and against the engine's ``in_core``; the CE loss
(computed through RiskSyndicate) against the formula and its sympy two-firm closed form;
the closest core point against the engine's core and the nucleolus.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.coalitional import in_core, nucleolus


def average_returns(model):
    """R(K_S)/K_S for every non-empty coalition, by brute force."""
    K = np.asarray(model.capital)
    out = []
    for r in range(1, len(K) + 1):
        for S in itertools.combinations(range(len(K)), r):
            KS = K[list(S)].sum()
            out.append(float(model.return_of(KS)) / KS)
    return np.array(out)


capitals = st.lists(st.floats(0.5, 5.0), min_size=2, max_size=5)


@given(capitals, st.floats(0.5, 1.6), st.floats(0.0, 1.0), st.floats(0.0, 1.5))
def test_proportional_in_core_iff_grand_average_return_is_highest(K, alpha, frac, rho):
    """ORG-1: the proportional split is in the core iff R(K_N)/K_N >= R(K_S)/K_S for all S,
    checked against brute force over coalitions and the engine's in_core."""
    K = np.array(K)
    m = gt.CapitalCoInvestment(K, A=1.0, alpha=alpha, min_scale=frac * K.sum(), base_rate=rho)
    r = m.solve()
    avg = average_returns(m)
    gap = avg[-1] - avg.max()            # the grand coalition is the last one
    if abs(gap) > 1e-7:                   # away from ties the three verdicts agree exactly
        assert r.proportional_in_core == (gap >= 0)
        assert in_core(m.game(), r.proportional, tol=1e-9) == (gap >= 0)
    assert r.best_average_return == pytest.approx(avg.max(), rel=1e-12)


@given(capitals, st.floats(1.0, 2.0))
def test_increasing_returns_always_in_core(K, alpha):
    """ORG-1 (corollary): with R = A K^α, α >= 1 and no minimum scale, the average return
    rises with scale, so the proportional split is always in the core."""
    r = gt.CapitalCoInvestment(K, A=2.0, alpha=alpha).solve()
    assert r.proportional_in_core and r.max_violation <= 1e-9 * max(K) ** alpha * 10


@given(capitals, st.lists(st.floats(0.2, 5.0), min_size=5, max_size=5), st.floats(0.05, 0.5))
def test_wilson_ce_loss_formula_and_sign(K, tau, sigma):
    """ORG-1 (risk): the CE lost by proportional risk shares is
    (σ²K_N²/2)(Σ a_i²/τ_i − 1/τ_N) >= 0, zero when τ ∝ K (Wilson 1968)."""
    K = np.array(K)
    tau = np.array(tau[: len(K)])
    m = gt.CapitalCoInvestment(K, alpha=1.0, sigma=sigma, tau=tau)
    a = K / K.sum()
    expected = sigma**2 * K.sum() ** 2 / 2 * (np.sum(a**2 / tau) - 1 / tau.sum())
    assert m.ce_loss() == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert m.ce_loss() >= -1e-12
    # the CE loss is v(N) minus the proportional rule's total
    assert m.game().grand - float(np.sum(m.proportional())) == pytest.approx(expected, rel=1e-9,
                                                                            abs=1e-12)
    prop = gt.CapitalCoInvestment(K, alpha=1.0, sigma=sigma, tau=3.0 * K)
    assert prop.wilson_optimal()
    assert abs(prop.ce_loss()) <= 1e-12 * K.sum()


def test_two_firm_closed_form_matches_model():
    """ORG-1: the sympy two-firm loss σ²(K1τ2 − K2τ1)²/(2τ1τ2(τ1+τ2)) equals the model's."""
    cf = gt.CapitalCoInvestment.closed_forms()
    for K1, K2, t1, t2, s in [(1, 2, 1, 1, 0.3), (3, 1, 2, 5, 0.1), (2, 4, 1, 2, 0.4)]:
        m = gt.CapitalCoInvestment([K1, K2], sigma=s, tau=[t1, t2])
        val = cf.evaluate("loss_two_firms", K_1=K1, K_2=K2, tau_1=t1, tau_2=t2, sigma=s)
        assert float(val) == pytest.approx(m.ce_loss(), rel=1e-10, abs=1e-14)
    # average return A K^(α−1)
    m = gt.CapitalCoInvestment([1.0, 2.0], A=1.5, alpha=0.7)
    assert float(cf.evaluate("average_return", A=1.5, alpha=0.7, K=3.0)) == pytest.approx(
        float(m.return_of(3.0)) / 3.0)


def test_closest_core_point_is_in_core_and_closest():
    """ORG-1 (cost of the rule): when the proportional split leaves the core, the
    core-constrained rule is a core point no farther than any other (e.g. the nucleolus)."""
    m = gt.CapitalCoInvestment([1.0, 2.0, 3.0, 4.0], alpha=0.8, min_scale=7.0, base_rate=0.2)
    r = m.solve()
    assert r.core_nonempty and not r.proportional_in_core
    assert r.max_violation > 0
    y = r.core_constrained
    assert in_core(m.game(), y, tol=1e-7)
    nu = nucleolus(m.game())
    x = np.asarray(r.proportional)
    assert r.distance_to_core <= np.linalg.norm(np.asarray(nu) - x) + 1e-9
    assert r.distance_to_core > 0
    assert r.least_core_epsilon >= 0


def test_core_regions_agree_with_solve():
    """ORG-1: each cell of the region map is the solve() verdict at that (α, K_min)."""
    m = gt.CapitalCoInvestment([1.0, 2.0, 3.0], base_rate=0.3)
    alphas, ks = np.array([0.7, 1.0, 1.3]), np.array([0.0, 2.5, 4.5])
    codes = m.core_regions(alphas, ks)
    for i, al in enumerate(alphas):
        for j, km in enumerate(ks):
            r = m.replace(alpha=al, min_scale=km).solve()
            want = 0 if r.proportional_in_core else (1 if r.core_nonempty else 2)
            assert codes[i, j] == want


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ (capital, K_min, τ; A × λ^{1−α}): verdicts identical, payoffs × λ."""
    base = dict(capital=np.array([1.0, 2.0, 3.0]), A=1.0, alpha=0.8, min_scale=3.0,
                base_rate=0.2, sigma=0.2, tau=np.array([1.0, 3.0, 2.0]))
    m0 = gt.CapitalCoInvestment(**base)
    m1 = gt.CapitalCoInvestment(capital=base["capital"] * lam, A=lam ** (1 - 0.8), alpha=0.8,
                                min_scale=3.0 * lam, base_rate=0.2, sigma=0.2,
                                tau=base["tau"] * lam)
    r0, r1 = m0.solve(), m1.solve()
    assert r0.proportional_in_core == r1.proportional_in_core
    assert r0.core_nonempty == r1.core_nonempty
    assert r0.wilson_optimal == r1.wilson_optimal
    assert r0.best_coalition == r1.best_coalition
    np.testing.assert_allclose(np.asarray(r1.proportional), lam * np.asarray(r0.proportional),
                               rtol=1e-9)
    assert r1.ce_loss == pytest.approx(lam * r0.ce_loss, rel=1e-9)
    assert r1.max_violation == pytest.approx(lam * r0.max_violation, rel=1e-7)


@pytest.mark.parametrize("kwargs, match", [
    (dict(capital=[1, -2]), r"\bcapital\b"),
    (dict(capital=[]), r"\bcapital\b"),
    (dict(capital=[[1, 2]]), r"\bcapital\b"),
    (dict(capital=[1, 2], alpha=0), r"\balpha\b"),
    (dict(capital=[1, 2], A=float("nan")), r"\bA\b"),
    (dict(capital=[1, 2], min_scale=-1), r"\bmin_scale\b"),
    (dict(capital=[1, 2], sigma=0.2), r"\btau\b"),
    (dict(capital=[1, 2], sigma=0.2, tau=[1, 0]), r"\btau\b"),
    (dict(capital=[1, 2], returns=3), r"\breturns\b"),
    (dict(capital=[1, 2], returns=lambda K: K + 1), r"\breturns\b"),
    (dict(capital=np.ones(15)), r"\bcapital\b"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gt.CapitalCoInvestment(**kwargs)


def test_bad_region_grids():
    m = gt.CapitalCoInvestment([1.0, 2.0])
    with pytest.raises(ValueError, match=r"\balphas\b"):
        m.core_regions([], [1.0])
    with pytest.raises(ValueError, match=r"\bmin_scales\b"):
        m.core_regions([1.0], [-1.0])


def test_user_return_function():
    """A user return function with a minimum scale: R(K) = max(0, 2(K − 2))."""
    m = gt.CapitalCoInvestment([1.0, 2.0, 3.0], returns=lambda K: np.maximum(0.0, 2 * (K - 2)))
    r = m.solve()
    # avg(N) = 8/6 beats every smaller coalition (best other: {1,2} with 6/5): in the core
    assert r.proportional_in_core and r.best_coalition == ("0", "1", "2")
