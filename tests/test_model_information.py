"""M5 InfoSharing: linear Bayesian–Nash equilibria, the share/keep game, INFO-1, INFO-2, INFO-3."""

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words
from scipy.optimize import brentq, minimize

from gametheory._tolerance import tolerance
from gametheory.models import InfoSharing, public_information
from gametheory.models.information import ACTIONS, REGIONS

subst = st.floats(0.05, 0.95)
compl = st.floats(-0.95, -0.05)
variances = st.floats(0.05, 20.0)
CONFIGS = [(False, False), (False, True), (True, False), (True, True)]


def _vives_symmetric(model, shared: bool) -> float:
    """Vives (1984) closed forms, derived by hand, for the symmetric common-value configurations.

    Not sharing: x_i = k + w(s_i − ā), w = τ t/(2 − δ t), t = σ²/(σ² + σ_ε²); sharing: both act
    on E[α|s_1, s_2], Var = t₂σ², t₂ = 2σ²/(2σ² + σ_ε²); τ = 1 (Cournot) or 1 − γ (Bertrand).
    """
    g, s2, v, a, c = model.gamma, model.sigma2, model.noise, model.a, model.c
    cournot = model.competition == "cournot"
    delta = -g if cournot else g
    tau = 1.0 if cournot else 1 - g
    if shared:
        var = tau**2 * (2 * s2 / (2 * s2 + v)) * s2 / (2 - delta) ** 2
    else:
        t = s2 / (s2 + v)
        var = tau**2 * t * s2 / (2 - delta * t) ** 2
    if cournot:
        return ((a - c) / (2 + g)) ** 2 + var
    k = (a * (1 - g) + c) / (2 - g)
    return ((k - c) ** 2 + var) / (1 - g * g)


@given(g=st.floats(-0.95, 0.95), s2=variances, v=variances,
       comp=st.sampled_from(["cournot", "bertrand"]))
def test_symmetric_configurations_match_vives(g, s2, v, comp):
    """Numeric BNE = hand-derived Vives (1984) formulas in the two symmetric configurations."""
    model = InfoSharing(gamma=g, competition=comp, sigma2=s2, noise=v, a=10.0, c=1.0)
    for shared in (False, True):
        got = model.equilibrium(shared, shared).expected_profits
        assert np.allclose(got, _vives_symmetric(model, shared), rtol=1e-10)


@pytest.mark.parametrize("comp", ["cournot", "bertrand"])
def test_closed_forms_match_numeric(comp):
    """The sympy-derived E[π_1] (all four configurations) equal the numeric linear solve."""
    rng = np.random.default_rng(7)
    cf = InfoSharing(competition=comp).closed_forms()
    for _ in range(5):
        g, s2, v = rng.uniform(-0.9, 0.9), rng.uniform(0.1, 5), rng.uniform(0.1, 5)
        model = InfoSharing(gamma=g, competition=comp, sigma2=s2, noise=v, a=8.0, c=2.0)
        A = model.payoff_matrix()
        for i in (0, 1):
            for j in (0, 1):
                val = cf.evaluate(f"profit_{ACTIONS[i]}_{ACTIONS[j]}", gamma=g, sigma2=s2,
                                  noise=v, a=8.0, c=2.0)
                assert math.isclose(float(val), A[i, j], rel_tol=1e-10)


def _simulate(model, cfg, n=400_000, seed=1):
    """Monte Carlo from the primitives: draw the state, form signals, play the equilibrium
    strategies, and compute realised demand, profits and first-order-condition residuals."""
    rng = np.random.default_rng(seed)
    r = model.equilibrium(*cfg)
    g = model.gamma
    if model.uncertainty == "common":
        alpha = model.a + math.sqrt(model.sigma2) * rng.standard_normal(n)
        cost = np.full((2, n), model.c)
        base = alpha
    else:
        alpha = np.full(n, model.a)
        cost = model.c + math.sqrt(model.sigma2) * rng.standard_normal((2, n))
        base = cost
    eps = math.sqrt(model.noise) * rng.standard_normal((2, n))
    sig = np.stack([base + eps[0], base + eps[1]]) if model.uncertainty == "common" \
        else cost + eps
    mean_sig = model.a if model.uncertainty == "common" else model.c
    acts, infos = [], []
    for i in range(2):
        y = sig[list(r.signals_seen[i])]
        infos.append(y)
        acts.append(r.intercepts[i] + r.weights[i] @ (y - mean_sig))
    x = np.array(acts)
    if model.competition == "cournot":
        q = x
        p = np.stack([alpha - q[0] - g * q[1], alpha - q[1] - g * q[0]])
        foc = p - cost - q  # ∂π_i/∂q_i
    else:
        p = x
        q = np.stack([(alpha * (1 - g) - p[0] + g * p[1]), (alpha * (1 - g) - p[1] + g * p[0])])
        q = q / (1 - g * g)
        foc = q - (p - cost) / (1 - g * g)  # ∂π_i/∂p_i
    return r, (p - cost) * q, foc, infos


@pytest.mark.parametrize("comp", ["cournot", "bertrand"])
@pytest.mark.parametrize("unc", ["common", "private"])
def test_monte_carlo_and_best_response(comp, unc):
    """Cross-check of the analytic BNE by simulation (seeded): (i) mean realised profits match
    the exact E[π_i] within 0.5%; (ii) the first-order-condition residual is orthogonal to each
    firm's information (regression coefficients ≈ 0), i.e. every action is a best response."""
    model = InfoSharing(gamma=0.6, competition=comp, uncertainty=unc, a=10.0, c=2.0,
                        sigma2=2.0, noise=1.5)
    for k, cfg in enumerate(CONFIGS):
        r, prof, foc, infos = _simulate(model, cfg, seed=k)
        np.testing.assert_allclose(prof.mean(axis=1), r.expected_profits, rtol=5e-3)
        for i in range(2):
            X = np.column_stack([np.ones(prof.shape[1]), infos[i].T])
            coef = np.linalg.lstsq(X, foc[i], rcond=None)[0]
            assert np.all(np.abs(coef) < 0.03), (cfg, i, coef)


@pytest.mark.parametrize("comp", ["cournot", "bertrand"])
def test_numerical_best_response(comp):
    """Given the rival's equilibrium strategy, maximising the exact expected profit over all
    affine strategies (scipy) returns the equilibrium strategy and payoff."""
    model = InfoSharing(gamma=-0.4, competition=comp, uncertainty="common", sigma2=1.5, noise=0.7)
    for cfg in CONFIGS:
        r = model.equilibrium(*cfg)
        rival = (r.intercepts[1], r.weights[1])

        def neg(z, r=r, rival=rival, cfg=cfg):
            return -model.expected_profits_of([(z[0], z[1:]), rival], *cfg)[0]

        z0 = np.zeros(1 + len(r.weights[0]))
        z0[0] = 1.0
        best = minimize(neg, z0, method="BFGS", options={"gtol": 1e-10})
        np.testing.assert_allclose(best.x, np.r_[r.intercepts[0], r.weights[0]], atol=1e-5)
        assert math.isclose(-best.fun, r.expected_profits[0], rel_tol=1e-9)


@given(g=st.floats(-0.95, 0.95), s2=variances, v=variances,
       unc=st.sampled_from(["common", "private"]))
def test_profit_is_squared_action(g, s2, v, unc):
    """E[π_i] = E[q_i²] in Cournot; E[π_i] = E[(p_i − c)²]/(1 − γ²) in common-value Bertrand."""
    model = InfoSharing(gamma=g, uncertainty=unc, sigma2=s2, noise=v, a=10, c=1)
    for cfg in CONFIGS:
        r = model.equilibrium(*cfg)
        np.testing.assert_allclose(r.expected_profits, r.intercepts**2 + r.action_variance,
                                   rtol=1e-10)
    bm = model.replace(competition="bertrand", uncertainty="common")
    for cfg in CONFIGS:
        r = bm.equilibrium(*cfg)
        np.testing.assert_allclose(r.expected_profits,
                                   ((r.intercepts - 1) ** 2 + r.action_variance) / (1 - g * g),
                                   rtol=1e-10)


# ------------------------------------------------------------------ INFO-1, INFO-2
@given(g=subst, s2=variances, v=variances)
def test_T12_vives_substitutes(g, s2, v):
    """INFO-1 (Vives 1984, JET 34:71): common value, substitutes: keeping is strictly dominant in
    Cournot, sharing strictly dominant in Bertrand (the share/keep game solved via the engine)."""
    cour = InfoSharing(gamma=g, sigma2=s2, noise=v).solve()
    bert = InfoSharing(gamma=g, competition="bertrand", sigma2=s2, noise=v).solve()
    assert cour.dominant_action == "keep" and cour.pure_equilibria == [(0, 0)]
    assert bert.dominant_action == "share" and bert.pure_equilibria == [(1, 1)]
    assert len(cour.mixed_equilibria) == 1 and len(bert.mixed_equilibria) == 1


@given(g=compl, s2=variances, v=variances)
def test_T12_vives_complements(g, s2, v):
    """INFO-1, reversed for complements: sharing dominant in Cournot, keeping in Bertrand."""
    cour = InfoSharing(gamma=g, sigma2=s2, noise=v).solve()
    bert = InfoSharing(gamma=g, competition="bertrand", sigma2=s2, noise=v).solve()
    assert cour.dominant_action == "share" and cour.pure_equilibria == [(1, 1)]
    assert bert.dominant_action == "keep" and bert.pure_equilibria == [(0, 0)]


@given(g=st.one_of(subst, compl), s2=variances, v=variances)
def test_T13_private_values_cournot(g, s2, v):
    """INFO-2 (Gal-Or 1986, RES 53:85; Shapiro 1986, RES 53:433; Li 1985): in Cournot with private
    (own-cost) values, disclosing strictly raises own expected profit whatever the rival does."""
    A = InfoSharing(gamma=g, uncertainty="private", sigma2=s2, noise=v).payoff_matrix()
    assert A[1, 0] > A[0, 0] and A[1, 1] > A[0, 1]


def test_prisoners_dilemma_threshold():
    """INFO-1, our numerics: common-value Cournot, σ² = 1: mutual sharing beats
    mutual keeping iff γ < γ̄, with γ̄ ≈ 0.67 at σ_ε² = 0.05 and ≈ 0.82 at σ_ε² = 20; below γ̄
    the game is a prisoner's dilemma. At σ² = σ_ε² = 1 the sympy forms give γ̄ = √3 − 1."""
    def gap(g, v):
        A = InfoSharing(gamma=g, noise=v).payoff_matrix()
        return A[1, 1] - A[0, 0]
    lo = brentq(gap, 0.01, 0.99, args=(0.05,), xtol=1e-12)
    hi = brentq(gap, 0.01, 0.99, args=(20.0,), xtol=1e-12)
    assert 0.665 < lo < 0.68 and 0.81 < hi < 0.825
    mid = brentq(gap, 0.01, 0.99, args=(1.0,), xtol=1e-13)
    cf = InfoSharing().closed_forms()
    g = cf.symbols["gamma"]
    eq = (cf["profit_share_share"] - cf["profit_keep_keep"]).subs(
        {cf.symbols["sigma2"]: 1, cf.symbols["noise"]: 1})
    roots = [r for r in sp.solve(sp.together(eq).as_numer_denom()[0], g)
             if r.is_real and 0 < r < 1]
    assert any(sp.simplify(r - (sp.sqrt(3) - 1)) == 0 for r in roots)
    assert math.isclose(mid, math.sqrt(3) - 1, abs_tol=1e-10)
    assert InfoSharing(gamma=lo - 0.02, noise=0.05).solve().prisoners_dilemma
    r = InfoSharing(gamma=lo + 0.02, noise=0.05).solve()
    assert not r.prisoners_dilemma and r.dominant_action == "keep"


def test_regions_and_surpluses():
    model = InfoSharing()
    reg = model.sharing_regions([-0.5, 0.5, 0.9], [1.0])
    assert [REGIONS[k] for k in reg[:, 0]][:2] == [REGIONS[0], REGIONS[3]]
    assert reg[2, 0] == 2
    for g in (-0.6, 0.3, 0.9):
        for comp in ("cournot", "bertrand"):
            m = InfoSharing(gamma=g, competition=comp)
            res = m.solve()
            assert m.cluster_surplus() >= m.scattered_surplus() - 1e-12
            assert math.isclose(m.cluster_surplus() - m.scattered_surplus(),
                                2 * res.association_gain, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("comp", ["cournot", "bertrand"])
@pytest.mark.parametrize("unc", ["common", "private"])
def test_region_grid_matches_point_by_point(comp, unc):
    """INFO-1, INFO-2: the region map, computed for the whole grid at once, is the region of
    the share/keep game solved separately at each (γ, precision) (sympy closed form for the
    common-value payoffs, the numerical game for the others)."""
    gammas, precisions = np.array([-0.9, -0.3, 0.0, 0.4, 0.85]), np.array([0.1, 1.0, 7.0])
    model = InfoSharing(competition=comp, uncertainty=unc, a=7.0, c=1.0, sigma2=1.5)
    reg = model.sharing_regions(gammas, precisions)
    cf = model.closed_forms() if unc == "common" else None
    for i, g in enumerate(gammas):
        for j, r in enumerate(precisions):
            m = model.replace(gamma=float(g), noise=1.0 / float(r))
            assert reg[i, j] == m.solve().region, (g, r)
            if unc == "common":  # and the region of the closed-form payoffs
                A = np.array([[float(cf.evaluate(f"profit_{ACTIONS[a]}_{ACTIONS[b]}",
                                                 gamma=g, sigma2=1.5, noise=1.0 / r,
                                                 a=7.0, c=1.0)) for b in (0, 1)]
                              for a in (0, 1)])
                assert reg[i, j] == InfoSharing._classify(A, [(0, 0)], (), 0.0,
                                                          tolerance(A)).region, (g, r)


# ------------------------------------------------------------------ INFO-3 public information
@given(abar=st.floats(8, 30), c=st.floats(0, 5), s2=st.floats(0.2, 3.0), e2=st.floats(0.05, 10),
       n=st.integers(1, 8), b=st.floats(0.3, 3))
def test_T14_public_information_closed_form(abar, c, s2, e2, n, b):
    """INFO-3 closed form and its monotonicity in precision (a more precise signal pays more)."""
    r = public_information(abar, c, s2, e2, n=n, b=b)
    closed = ((abar - c) ** 2 + s2**2 / (s2 + e2)) / (b * (n + 1) ** 2)
    assert math.isclose(r.expected_profit, closed, rel_tol=1e-12)
    assert public_information(abar, c, s2, e2 / 2, n=n, b=b).expected_profit > r.expected_profit
    # producing max(E[a|s] − c, 0) removes the (meaningless) profit of negative outputs
    assert r.expected_profit_constrained <= r.expected_profit + 1e-12
    lost = r.expected_profit - r.expected_profit_constrained
    assert lost <= 10 * r.prob_corner * r.expected_profit


def test_T14_monte_carlo():
    """INFO-3: E[π_i] = ((ā−c)² + σ⁴/(σ²+σ_e²))/(b(n+1)²), Monte Carlo relative error < 0.5%
    (seeded; 400 000 draws; ā − c = 5σ so outputs are positive with probability ≈ 1)."""
    rng = np.random.default_rng(2024)
    abar, c, s2, e2, n, b = 20.0, 4.0, 9.0, 4.0, 3, 2.0
    r = public_information(abar, c, s2, e2, n=n, b=b)
    assert r.prob_corner < 1e-6
    N = 400_000
    a = abar + math.sqrt(s2) * rng.standard_normal(N)
    s = a + math.sqrt(e2) * rng.standard_normal(N)
    post = abar + s2 / (s2 + e2) * (s - abar)
    q = np.maximum(post - c, 0) / (b * (n + 1))
    price = a - b * n * q
    profit = (price - c) * q
    assert abs(profit.mean() / r.expected_profit - 1) < 5e-3


def test_value_of_information_for_entry():
    """E[max(E[π|s] − F, 0)] − max(π₀ − F, 0) ≥ 0 (Jensen); closed form vs Monte Carlo."""
    rng = np.random.default_rng(11)
    abar, c, s2, e2, n, b = 10.0, 4.0, 4.0, 1.0, 2, 1.0
    N = 400_000
    a = abar + math.sqrt(s2) * rng.standard_normal(N)
    s = a + math.sqrt(e2) * rng.standard_normal(N)
    post = abar + s2 / (s2 + e2) * (s - abar)
    pi_s = np.maximum(post - c, 0) ** 2 / (b * (n + 1) ** 2)
    for F in (0.0, 2.0, 4.0, 8.0):
        r = public_information(abar, c, s2, e2, n=n, b=b, F=F)
        mc = np.maximum(pi_s - F, 0).mean() - max((abar - c) ** 2 / (b * (n + 1) ** 2) - F, 0)
        assert r.value_for_entry >= 0
        assert math.isclose(r.value_for_entry, mc, rel_tol=0.02, abs_tol=2e-3)
    # InfoSharing delegates with its own demand (γ, unit slope)
    m = InfoSharing(gamma=1 - 1e-9, a=abar, c=c, sigma2=s2)
    assert math.isclose(m.public_information(e2).expected_profit,
                        public_information(abar, c, s2, e2).expected_profit, rel_tol=1e-6)


def test_corner_probability_reported():
    """Where the linear (interior) equilibrium prescribes negative outputs with noticeable
    probability, this is reported rather than hidden."""
    r = InfoSharing(a=1.0, c=0.0, sigma2=4.0, noise=0.5).solve()
    assert r.prob_negative_output > 0.2
    assert InfoSharing(a=50.0, sigma2=1.0).solve().prob_negative_output < 1e-12
    assert public_information(1.0, 0.5, 4.0, 0.1).prob_corner > 0.3


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kw, msg", [
    ({"gamma": 1.0}, r"\(-1, 1\)"),
    ({"gamma": -1.0}, r"\(-1, 1\)"),
    ({"sigma2": 0.0}, "sigma2"),
    ({"noise": -1.0}, "noise"),
    ({"noise": 0.0}, "noise"),
    ({"c": 12.0, "a": 10.0}, "below the mean demand intercept"),
    ({"competition": "stackelberg"}, "competition"),
    ({"uncertainty": "both"}, "uncertainty"),
])
def test_bad_input(kw, msg):
    with pytest.raises(ValueError, match=whole_words(msg)):
        InfoSharing(**kw)


def test_bad_input_methods():
    m = InfoSharing()
    with pytest.raises(ValueError, match="non-empty"):
        m.sharing_regions([], [1.0])
    with pytest.raises(ValueError, match=r"\bprecisions\b"):
        m.sharing_regions([0.5], [0.0])
    with pytest.raises(ValueError, match=r"\bgammas\b"):
        m.sharing_regions([1.5], [1.0])
    with pytest.raises(ValueError, match=r"\bnoise\b"):
        public_information(10, 0, 1, 0)
    with pytest.raises(ValueError, match=r"\bbelow\b"):
        public_information(1, 2, 1, 1)
    with pytest.raises(ValueError, match="common-value Cournot"):
        m.replace(competition="bertrand").public_information(1.0)
