"""M2 RiskSyndicate and OligopolisticReaction: Borch–Wilson, the risk game, k*, HMR threshold."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

from gametheory.coalitional.core import is_totally_balanced
from gametheory.coalitional.properties import is_convex
from gametheory.models.risk_sharing import OligopolisticReaction, RiskSyndicate, minimal_size

GH_X, GH_W = np.polynomial.hermite_e.hermegauss(60)   # ∫ f(z) φ(z) dz ≈ Σ w f(x) / √(2π)
GH_W = GH_W / GH_W.sum()


@st.composite
def syndicates(draw, nmax=5):
    n = draw(st.integers(1, nmax))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n)) * rng.uniform(0.1, 5)
    common = rng.uniform(0, 10)
    cov = A @ A.T + common * np.ones((n, n))
    if draw(st.booleans()) and n > 1:          # a singular (rank-deficient) covariance
        v = rng.normal(size=n)
        cov = np.outer(v, v)
    mu = rng.uniform(-5, 20, size=n)
    tau = rng.uniform(0.5, 30, size=n)
    return RiskSyndicate(mu, tau, cov)


def coalitions(n):
    for k in range(1, n + 1):
        yield from itertools.combinations(range(n), k)


# ------------------------------------------------------------------ RISK-1
@pytest.mark.parametrize("seed", range(4))
def test_borch_wilson_slopes_solve_the_numerical_pareto_problem(seed):
    """RISK-1 (Borch 1962, Econometrica 30:424; Wilson 1968, Econometrica 36:119): the
    Pareto-optimal rule of a CARA syndicate, computed numerically state by state (max
    Σ λ_i u_i(x_i) s.t. Σ x_i = X by quasi-Newton minimisation, with no linearity imposed;
    with state-independent utilities the ex-ante problem separates by state), is linear
    in X with slopes τ_i/τ_S (|error| < 1e-5)."""
    from scipy.optimize import minimize

    rng = np.random.default_rng(seed)
    n = 3
    tau = rng.uniform(1, 10, size=n)
    lam = rng.uniform(0.5, 2, size=n)
    X = np.linspace(-6.0, 6.0, 9)              # states of the syndicate payoff

    def welfare(z, Xs):                        # minus Σ λ_i u_i, with x_n = X − Σ z
        x = np.append(z, Xs - z.sum())
        e = lam * np.exp(-x / tau)
        grad = -(e / tau)[:-1] + e[-1] / tau[-1]
        return e.sum(), grad

    alloc = np.empty((n, X.size))
    for k, Xs in enumerate(X):
        res = minimize(welfare, np.full(n - 1, Xs / n), args=(Xs,), jac=True, method="BFGS",
                       options={"gtol": 1e-13})
        alloc[:, k] = np.append(res.x, Xs - res.x.sum())
    coef = np.polyfit(X, alloc.T, 1)
    m = RiskSyndicate(np.zeros(n), tau, np.eye(n))
    assert np.max(np.abs(coef[0] - m.sharing_rule())) < 1e-5
    resid = alloc - (np.outer(coef[0], X) + coef[1][:, None])
    assert np.max(np.abs(resid)) < 1e-5       # linear: no curvature left


@given(syndicates(), st.data())
def test_syndicate_ce_is_maximal_over_linear_shares(m, data):
    """RISK-1: CE_S = μ − σ²/(2Στ) equals −τ_S ln E e^{−X/τ_S} (quadrature) and is the maximum
    of Σ_i CE_i over linear shares x_i = a_i X, Σ a = 1."""
    n = m.n
    mu, var = float(m.mu.sum()), float(m.cov.sum())
    tS = float(m.tau.sum())
    Xs = mu + np.sqrt(var) * GH_X
    ce_quad = -tS * np.log(np.sum(GH_W * np.exp(-(Xs - mu) / tS))) + mu
    assert m.certainty_equivalent() == pytest.approx(ce_quad, rel=1e-9, abs=1e-9)
    best = m.certainty_equivalent()
    assert m.certainty_equivalent(shares=m.sharing_rule()) == pytest.approx(best)
    a = np.array(data.draw(st.lists(st.floats(0.01, 1), min_size=n, max_size=n)))
    a = a / a.sum()
    assert m.certainty_equivalent(shares=a) <= m.certainty_equivalent() + 1e-9


# ------------------------------------------------------------------ RISK-2
@given(syndicates())
def test_risk_game_values_and_total_balancedness(m):
    """RISK-2 (Shapley & Shubik 1969, JET 1:9; Baton & Lemaire 1981): v(S) = μ_S − 1'Σ_S1/(2τ_S)
    (direct formula per coalition) is totally balanced: the engine's LP says every subgame
    has a non-empty core, and the closed-form competitive allocation restricted to each S is
    in that subgame's core."""
    g = m.game()
    for S in coalitions(m.n):
        idx = list(S)
        direct = m.mu[idx].sum() - m.cov[np.ix_(idx, idx)].sum() / (2 * m.tau[idx].sum())
        assert g[S] == pytest.approx(direct, abs=1e-9)
    assert is_totally_balanced(g)
    scale = 1e-9 * max(1.0, np.abs(g.v).max())
    for S in coalitions(m.n):
        sub = RiskSyndicate(m.mu[list(S)], m.tau[list(S)], m.cov[np.ix_(list(S), list(S))])
        y = np.asarray(sub.core_point())
        assert y.sum() == pytest.approx(sub.game().grand, abs=1e-8)
        for T in coalitions(len(S)):
            assert y[list(T)].sum() >= sub.game()[T] - scale
    assert m.solve().in_core


@given(n=st.integers(2, 7), mu=st.floats(-10, 10), tau=st.floats(0.1, 50),
       var=st.floats(0, 100), rho=st.floats(0, 1))
def test_exchangeable_risk_game_is_convex(n, mu, tau, var, rho):
    """RISK-2: with exchangeable risks v(S) = sμ − σ²(1+(s−1)ρ)/(2τ) (equal τ for the syndicate
    tolerance sτ) is convex: engine check and the second difference σ²ρ/τ·... ≥ 0."""
    m = RiskSyndicate.exchangeable(n, mu, tau, var, rho)
    s = np.arange(1, n + 1)
    v = s * mu - s * var * (1 + (s - 1) * rho) / (2 * s * tau)
    assert np.allclose(m.game().v[(1 << s) - 1], v)
    assert is_convex(m.game())


# ------------------------------------------------------------------ RISK-3 and common risk
@given(mu=st.integers(1, 60), F=st.integers(0, 59), var=st.integers(0, 500),
       tau=st.integers(1, 40))
def test_minimal_syndicate_size_exact(mu, F, var, tau):
    """RISK-3: the lumpy project is undertaken by k equal members iff k >= σ²/(2τ(μ−F)),
    checked in exact rationals; minimal_size returns the least such k."""
    if mu <= F:
        assert minimal_size(mu - F, var, tau) == -1
        return
    ce = lambda k: Fraction(mu - F) - Fraction(var, 2 * k * tau)  # noqa: E731
    ratio = Fraction(var, 2 * tau * (mu - F))
    for k in range(1, 40):
        assert (ce(k) >= 0) == (k >= ratio)
    k_star = next(k for k in range(1, 10**6) if ce(k) >= 0)
    assert minimal_size(mu - F, var, tau) == k_star


@given(n=st.integers(2, 12), tau=st.floats(0.5, 20), var=st.floats(0.1, 100),
       omega=st.floats(0, 1), margin=st.floats(0.01, 20))
def test_pooling_does_not_diversify_common_risk(n, tau, var, omega, margin):
    """RISK-3 with common risk: per-member CE = μ − F − (1−ω)σ²/(2sτ) − ωσ²/(2τ) (symbolic
    twin equals the numeric game); the common premium per member is unchanged by pooling;
    k* marks the first viable size, none when ωσ²/(2τ) >= μ − F."""
    m = RiskSyndicate.exchangeable(n, 100.0, tau, var, omega)
    sizes = np.arange(1, n + 1)
    numeric = m.per_member_ce(sizes, cost=100.0 - margin)
    symbolic = RiskSyndicate.closed_forms().evaluate(
        "ce_per_member", mu=100.0, F=100.0 - margin, tau=tau, sigma2=var, omega=omega, s=sizes)
    assert np.allclose(numeric, symbolic, atol=1e-9)
    common = omega * var
    prem = m.common_risk_premium(common)
    assert np.allclose(prem, common / (2 * tau))
    assert np.allclose(m.common_risk_premium(common, S=[0]), common / (2 * tau))
    k = minimal_size(margin, var, tau, omega)
    if omega * var / (2 * tau) >= margin * (1 + 1e-9):
        assert k == -1
        assert np.all(numeric < 0)
    elif k > 0 and omega * var / (2 * tau) < margin * (1 - 1e-9):
        tol = 1e-7 * max(1.0, var / tau)
        if k <= n:
            assert numeric[k - 1] >= -tol
        if 2 <= k <= n + 1:
            assert numeric[k - 2] < tol


# ------------------------------------------------------------------ RISK-4
def test_hmr_threshold_symbolic():
    """RISK-4 (our derivation; HMR 2002 JEMS 11:453 set-up): ρ* derived with sympy from the
    Cournot profits (a − 2c_i + c_j)²/9 and E π − (ρ/2) Var π equals
    9(d²+σ²)/(2σ²(u²+3ud+4d²+2σ²)); at ρ = 0 the gain difference is −4(d²+σ²)/9 < 0
    (strategic substitutes)."""
    cf = OligopolisticReaction.closed_forms()
    u, d, s2, rho = (cf.symbols[k] for k in ("u", "d", "sigma2", "rho"))
    stated = 9 * (d**2 + s2) / (2 * s2 * (u**2 + 3 * u * d + 4 * d**2 + 2 * s2))
    assert sp.simplify(cf["rho_star"].rhs - stated) == 0
    assert sp.simplify(cf["G_I_minus_G_X"].rhs.subs(rho, 0) + 4 * (d**2 + s2) / 9) == 0


@given(u=st.floats(1, 20), frac=st.floats(0.02, 0.9), s2=st.floats(0.05, 2))
def test_hmr_threshold_by_quadrature(u, frac, s2):
    """RISK-4 checked at ±1%: mean–variance gains computed by Gauss–Hermite quadrature of the
    four profit distributions (independent of the closed form) switch from substitutes to
    complements across ρ*."""
    d = frac * u                               # interior: the exporter sells against FDI (u > d)
    a, w, t = u + 3.0, 2.0, 1.0
    ws = w + t - d
    eps = np.sqrt(s2) * GH_X

    def mv(ci, cj, rho):
        pi = (a - 2 * ci + cj) ** 2 / 9
        mean = np.sum(GH_W * pi)
        return mean - rho / 2 * np.sum(GH_W * (pi - mean) ** 2)

    cX, cI = w + t, ws + eps
    model = OligopolisticReaction(a, w, t, ws, s2)
    rs = model.threshold()
    for factor, expect in ((0.99, "substitutes"), (1.01, "complements")):
        rho = factor * rs
        G_X = mv(cI, cX, rho) - mv(cX, cX, rho)
        G_I = mv(cI, cI, rho) - mv(cX, cI, rho)
        assert (G_I > G_X) == (expect == "complements")
        g = model.replace(rho=rho).gains()
        assert g.relation == expect
        assert g.gain_if_rival_exports == pytest.approx(G_X, rel=1e-7, abs=1e-9)
        assert g.gain_if_rival_invests == pytest.approx(G_I, rel=1e-7, abs=1e-9)
    neutral = model.gains()
    assert neutral.relation == "substitutes"


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("mu, tau, cov, match", [
    ([1, 2], [1, 1], [[-1, 0], [0, 1]], "negative variance"),
    ([1, 2], [1, 1], [[1, 2], [2, 1]], "positive semi-definite"),
    ([1, 2], [1, 1], [[1, 0.5], [0, 1]], "symmetric"),
    ([1, 2], [0, 1], np.eye(2), "tau"),
    ([1, 2], [-1, 1], np.eye(2), "tau"),
    ([1, 2], [1, 1], np.eye(3), "shape"),
    ([1, np.inf], [1, 1], np.eye(2), "finite"),
])
def test_risk_syndicate_bad_input(mu, tau, cov, match):
    with pytest.raises(ValueError, match=whole_words(match)):
        RiskSyndicate(mu, tau, cov)


def test_other_bad_input():
    with pytest.raises(ValueError, match=r"\bidiosyncratic\b"):
        RiskSyndicate.with_common_risk([1, 2], [1, 1], [-1, 1], 1)
    with pytest.raises(ValueError, match=r"\bcommon\b"):
        RiskSyndicate.with_common_risk([1, 2], [1, 1], [1, 1], -1)
    with pytest.raises(ValueError, match=r"\bcommon_share\b"):
        RiskSyndicate.exchangeable(3, 1, 1, 1, 1.5)
    m = RiskSyndicate.exchangeable(3, 1, 1, 1, 0.5)
    with pytest.raises(ValueError, match="non-empty"):
        m.per_member_ce([])
    with pytest.raises(ValueError, match=r"\bsizes\b"):
        m.per_member_ce([4])
    with pytest.raises(ValueError, match="sum to 1"):
        m.certainty_equivalent(shares=[0.5, 0.2, 0.2])
    with pytest.raises(ValueError, match=r"\bsigma2\b"):
        OligopolisticReaction(10, 2, 1, 2.5, -1)
    with pytest.raises(ValueError, match=r"\brho\b"):
        OligopolisticReaction(10, 2, 1, 2.5, 1, rho=-0.1)
    with pytest.raises(ValueError, match="u = a"):
        OligopolisticReaction(2, 2, 1, 2.5, 1)
    # no common risk: no finite risk aversion makes FDI decisions complements
    assert OligopolisticReaction(10, 2, 1, 2.5, 0.0).threshold() == np.inf


def test_surpluses_and_default_table_numbers():
    m = RiskSyndicate.with_common_risk([12, 15, 30], [4, 6, 20], [16, 25, 36], 9)
    sol = m.solve()
    assert m.cluster_surplus() >= m.scattered_surplus()
    assert sol.gain == pytest.approx(m.cluster_surplus() - m.scattered_surplus())
    assert np.sum(sol.core_point) == pytest.approx(sol.ce_syndicate)
