"""Units never change an answer: the package's tolerance policy, tested.

Every verdict (a property, core membership, an equilibrium, an entry count, a regime)
must be the same whatever the unit of money. Each test draws an instance in ordinary
units, rescales money by ``λ = 10^k`` for ``k`` from −9 to 9 — prices and costs by
``λ``, variances by ``λ²``, risk tolerances by ``λ``, demand slopes by ``λ`` (quantities
unchanged); shares, rates and counts unchanged — and checks that every discrete answer
is identical and every continuous one is scaled by the right power of ``λ``. Instances
sitting on an exact tie (where the answer is decided by rounding in *any* unit) are
skipped with ``assume``.

The second half holds the regression tests of the unit and edge-case defects found
when the policy was introduced (each reproducer fails on the code before it).
"""

import fractions
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory._tolerance import RTOL, argmax_first, data_scale, tolerance

scales = st.integers(-9, 9).map(lambda k: 10.0**k)


def close(x, y, lam, power=1, rel=1e-7):
    """``y == λ^power · x`` to a relative tolerance (elementwise, NaN where NaN)."""
    x = np.asarray(x, float) * lam**power
    y = np.asarray(y, float)
    assert np.array_equal(np.isnan(x), np.isnan(y))
    ok = ~np.isnan(x)
    scale = max(float(np.abs(x[ok]).max()) if ok.any() else 0.0, 1e-300)
    np.testing.assert_allclose(y[ok], x[ok], rtol=rel, atol=rel * scale)


# ----------------------------------------------------------------------------- policy
def test_tolerance_helpers_are_relative():
    assert data_scale([1.0, -3.0], 2.0, [np.nan, np.inf]) == 3.0
    assert data_scale() == 0.0
    assert tolerance([0.0, 0.0]) == 0.0
    assert tolerance([5e9]) == pytest.approx(RTOL * 5e9)
    # a tie in exact arithmetic is broken by rounding; argmax_first keeps the first
    w = np.array([0.0, 0.1 + 0.2, 0.3])
    assert np.argmax(w) == 1 and argmax_first(w) == 1
    w = np.array([0.0, 0.3, 0.1 + 0.2])
    assert np.argmax(w) == 2 and argmax_first(w) == 1
    for lam in (1e-9, 1e9):
        assert argmax_first(w * lam) == 1


# ----------------------------------------------------------------------------- coalitional
games = st.integers(2, 5).flatmap(
    lambda n: st.lists(st.integers(-20, 60), min_size=2**n - 1, max_size=2**n - 1)
    .map(lambda v: np.array([0.0] + v)))


@given(games, scales)
def test_coalitional_verdicts_unit_free(v, lam):
    """Properties, balancedness, core membership: same verdicts at every scale; values scale."""
    g, h = gt.TUGame(v), gt.TUGame(v * lam)
    for prop in (gt.is_convex, gt.is_superadditive, gt.is_monotonic, gt.is_essential,
                 gt.is_additive, gt.is_zero_normalized, gt.is_concave):
        assert prop(g) == prop(h), prop.__name__
    lc_g, lc_h = gt.least_core(g), gt.least_core(h)
    assume(abs(lc_g.epsilon) > 1e-6 * data_scale(v))  # core on the edge of emptiness: a tie
    assert gt.has_nonempty_core(g) == gt.has_nonempty_core(h)
    assert gt.is_balanced(g) == gt.is_balanced(h)
    close(lc_g.epsilon, lc_h.epsilon, lam)
    phi_g, phi_h = gt.shapley_value(g), gt.shapley_value(h)
    close(phi_g, phi_h, lam)
    assert gt.in_core(g, phi_g) == gt.in_core(h, phi_h)
    if gt.has_nonempty_core(g):
        close(gt.nucleolus(g), gt.nucleolus(h), lam, rel=1e-6)
        assert gt.core_vertices(g).shape == gt.core_vertices(h).shape


@given(st.lists(st.integers(1, 90), min_size=2, max_size=5),
       st.lists(st.integers(0, 40), min_size=5, max_size=5), scales)
def test_cost_game_model_unit_free(K, f, lam):
    """M1: the airport cost game is concave in every unit; allocations scale with money."""
    f = f[: len(K)]
    m1 = gt.EntryCostGame(K=np.array(K, float), f=np.array(f, float))
    m2 = gt.EntryCostGame(K=np.array(K, float) * lam, f=np.array(f, float) * lam)
    s1, s2 = m1.solve(), m2.solve()
    assert s1.concave and s2.concave
    assert s1.core_nonempty == s2.core_nonempty
    for name in ("shapley", "nucleolus", "scrb", "proportional"):
        close(getattr(s1, name), getattr(s2, name), lam, rel=1e-6)


# ----------------------------------------------------------------------------- non-cooperative
bimatrices = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda mn: st.tuples(*(st.lists(st.integers(-9, 9), min_size=mn[0] * mn[1],
                                    max_size=mn[0] * mn[1])
                           .map(lambda x, mn=mn: np.array(x, float).reshape(mn))
                           for _ in range(2))))


@given(bimatrices, scales, st.floats(-1e3, 1e3))
def test_bimatrix_equilibria_unit_and_offset_free(AB, lam, shift):
    """Equilibria are invariant under positive affine maps of payoffs; payoffs scale."""
    A, B = AB
    g = gt.NormalFormGame([A, B])
    h = gt.NormalFormGame([A * lam + shift * lam, B * lam])
    e_g, e_h = g.nash_equilibria(), h.nash_equilibria()
    assert e_g.degenerate == e_h.degenerate
    assert len(e_g.equilibria) == len(e_h.equilibria)
    for (x1, y1), (x2, y2) in zip(e_g.equilibria, e_h.equilibria):
        np.testing.assert_allclose(x1, x2, atol=1e-9)
        np.testing.assert_allclose(y1, y2, atol=1e-9)
    assert g.pure_nash_equilibria() == h.pure_nash_equilibria()
    for p in (0, 1):
        assert g.dominated_actions(p) == h.dominated_actions(p)
        assert g.dominated_actions(p, mixed=True) == h.dominated_actions(p, mixed=True)
    for x, y in e_g.equilibria:
        assert h.is_nash((x, y))
    if not e_g.degenerate:
        s_g = g.nash_equilibria(method="support")
        s_h = h.nash_equilibria(method="support")
        assert len(s_g.equilibria) == len(s_h.equilibria) == len(e_g.equilibria)


@given(st.floats(50, 200), st.floats(0.2, 5), st.floats(0, 40), st.floats(1, 500),
       st.integers(2, 30), scales)
def test_entry_game_counts_unit_free(a, b, c, F, n, lam):
    """Entry counts, equilibrium counts and mixed entry probabilities do not see units."""
    g = gt.EntryGame.cournot(a=a, b=b, c=c, F=F, n=n)
    h = gt.EntryGame.cournot(a=a * lam, b=b * lam, c=c * lam, F=F * lam, n=n)
    st_g = g.equilibrium_structure()
    assume(not st_g.ties)
    assert h.equilibrium_structure().count == st_g.count
    assert g.free_entry_count() == h.free_entry_count()
    pg, ph = g.symmetric_mixed_equilibria(), h.symmetric_mixed_equilibria()
    assert len(pg) == len(ph)
    np.testing.assert_allclose(pg, ph, atol=1e-9)


@given(st.floats(50, 200), st.floats(0.2, 5), st.lists(st.floats(0, 45), min_size=1,
                                                        max_size=5), scales)
def test_cournot_market_scales(a, b, costs, lam):
    """Host-market stage: quantities unchanged, prices and profits scaled, same active set."""
    r = gt.cournot(a, b, costs)
    s = gt.cournot(a * lam, b * lam, np.array(costs) * lam)
    assert r.n_active == s.n_active
    close(r.quantities, s.quantities, lam, power=0)
    close(r.price, s.price, lam)
    close(r.profits, s.profits, lam)
    close(r.consumer_surplus, s.consumer_surplus, lam)


# ----------------------------------------------------------------------------- models
@given(st.floats(0.0, 1.5), st.floats(10, 200), st.floats(0, 0.9), st.floats(0, 5),
       st.integers(1, 16), scales)
def test_dissipation_unit_free(gamma, F, s, rho, n, lam):
    """M4: free entry, cluster optimum and the dissipation region do not see units."""
    base = dict(a=100.0, b=1.0, c0=40.0, c_f=40.0, c_floor=30.0, k=2)
    m1 = gt.DissipationEntry(**base, gamma=gamma, F=F, s=s, n_potential=n, risk_premium=rho)
    m2 = gt.DissipationEntry(**{k: v * lam if k != "k" else v for k, v in base.items()},
                             gamma=gamma * lam, F=F * lam, s=s, n_potential=n,
                             risk_premium=rho * lam)
    r1, r2 = m1.solve(), m2.solve()
    fee = (1 - s) * F
    assume(np.all(np.abs(r1.profit[1:] - fee) > 1e-7 * F))  # no break-even count
    W = r1.national_surplus
    assume(np.sum(W >= W.max() - 1e-7 * F) == 1)  # a unique cluster optimum
    assert r1.equilibrium_counts == r2.equilibrium_counts
    assert (r1.m_free, r1.m_cluster) == (r2.m_free, r2.m_cluster)
    assert r1.dissipation_region == r2.dissipation_region
    close(r1.national_surplus, r2.national_surplus, lam)


cluster_points = st.fixed_dictionaries(dict(
    F=st.floats(5.0, 250.0), F0=st.floats(0.0, 300.0), f=st.floats(1.0, 80.0),
    gamma=st.floats(0.0, 2.0), r=st.floats(0.0, 1.0), common_share=st.floats(0.0, 1.0),
    sigma2=st.floats(1.0, 900.0), s=st.floats(0.0, 0.9)))

MONEY = ("a", "b", "c0", "c_f", "c_floor", "F", "F0", "f", "gamma", "tau", "governance", "outside")


@given(cluster_points, scales)
def test_cluster_vs_scattered_unit_free(p, lam):
    """M0: counts and the regime are the same in any unit; surpluses scale with money."""
    m1 = gt.ClusterVsScattered(n=8, c_floor=30.0, **p)
    q = {**m1.params()}
    for k in MONEY:
        q[k] = q[k] * lam
    q["sigma2"] = q["sigma2"] * lam**2
    m2 = gt.ClusterVsScattered(**q)
    r1, r2 = m1.solve(), m2.solve()
    # skip exact ties: a break-even entrant or a near-equal surplus comparison
    u = m1.schedule(None)["entrant_payoff"][1:]
    assume(np.all(np.abs(u) > 1e-7 * p["F"]))
    assume(abs(r1.gain) > 1e-7 * p["F"])
    assert (r1.scattered.m, r1.cluster.m, r1.regime) == (r2.scattered.m, r2.cluster.m, r2.regime)
    assert r1.scattered.equilibrium_counts == r2.scattered.equilibrium_counts
    close(r1.gain, r2.gain, lam, rel=1e-6)
    close(np.asarray(r1.decomposition), np.asarray(r2.decomposition), lam, rel=1e-6)


@given(st.floats(-0.9, 0.9), st.floats(0.1, 10), st.floats(0.1, 10),
       st.sampled_from(["cournot", "bertrand"]), scales)
def test_information_sharing_unit_free(gamma, sigma2, noise, competition, lam):
    """M5: the share/keep game's region and equilibria do not see units (profits ∝ λ²)."""
    m1 = gt.InfoSharing(gamma=gamma, a=10.0, c=1.0, sigma2=sigma2, noise=noise,
                        competition=competition)
    m2 = gt.InfoSharing(gamma=gamma, a=10.0 * lam, c=1.0 * lam, sigma2=sigma2 * lam**2,
                        noise=noise * lam**2, competition=competition)
    r1, r2 = m1.solve(), m2.solve()
    A = r1.payoffs
    assume(np.min(np.abs((A[1] - A[0]))) > 1e-7 * np.abs(A).max())
    assume(abs(A[1, 1] - A[0, 0]) > 1e-7 * np.abs(A).max())
    assert (r1.region, r1.dominant_action, r1.pure_equilibria) == (
        r2.region, r2.dominant_action, r2.pure_equilibria)
    close(r1.payoffs, r2.payoffs, lam, power=2, rel=1e-6)


@given(st.integers(2, 5).flatmap(lambda n: st.tuples(
    st.lists(st.floats(-50, 50), min_size=n, max_size=n),
    st.lists(st.floats(1, 100), min_size=n, max_size=n),
    st.lists(st.floats(0, 30), min_size=n, max_size=n))), st.floats(0, 30), scales)
def test_risk_syndicate_unit_free(data, common, lam):
    """M2: Borch–Wilson slopes unchanged, certainty equivalents ∝ λ, core membership kept."""
    mu, tau, idio = (np.array(x) for x in data)
    m1 = gt.RiskSyndicate.with_common_risk(mu, tau, idio, common)
    m2 = gt.RiskSyndicate.with_common_risk(mu * lam, tau * lam, idio * lam**2, common * lam**2)
    r1, r2 = m1.solve(), m2.solve()
    np.testing.assert_allclose(r1.slopes, r2.slopes, rtol=1e-12)
    assert r1.in_core and r2.in_core
    assert r1.convex == r2.convex
    close(r1.ce_syndicate, r2.ce_syndicate, lam)
    close(r1.core_point, r2.core_point, lam)
    assert m1.minimal_size(10.0, 50.0, 3.0) == m2.minimal_size(10.0 * lam, 50.0 * lam**2,
                                                               3.0 * lam)


@given(st.floats(0.5, 20), st.floats(0.5, 20), st.floats(0.0, 5), st.integers(2, 6), scales)
def test_agglomeration_unit_free(R, F, gamma, n, lam):
    """M3: the equilibria of the supermodular entry game and the convexity verdict."""
    assume(abs(R - F) > 1e-6 and all(abs(R - F + gamma * k) > 1e-6 for k in range(n)))
    m1 = gt.AgglomerationEntry(R=R, F=F, gamma=gamma, n=n)
    m2 = gt.AgglomerationEntry(R=R * lam, F=F * lam, gamma=gamma * lam, n=n)
    r1, r2 = m1.solve(), m2.solve()
    assert (r1.equilibria, r1.least, r1.greatest, r1.convex, r1.shapley_in_core) == (
        r2.equilibria, r2.least, r2.greatest, r2.convex, r2.shapley_in_core)
    close(r1.shapley, r2.shapley, lam)


@given(st.floats(60, 120), st.floats(5, 20), st.floats(1, 10), st.floats(5, 20),
       st.floats(0.1, 40), st.floats(0, 0.1), scales)
def test_oligopolistic_reaction_unit_free(a, w, t, w_star, sigma2, rho, lam):
    """HMR threshold: ρ* ∝ λ^−2 (profits are money² here), the relation is unchanged."""
    m1 = gt.OligopolisticReaction(a=a, w=w, t=t, w_star=w_star, sigma2=sigma2, rho=rho)
    m2 = gt.OligopolisticReaction(a=a * lam, w=w * lam, t=t * lam, w_star=w_star * lam,
                                  sigma2=sigma2 * lam**2, rho=rho / lam**2)
    g1, g2 = m1.gains(), m2.gains()
    assume(abs(g1.gain_if_rival_invests - g1.gain_if_rival_exports)
           > 1e-6 * abs(g1.gain_if_rival_exports))
    assert (g1.relation, g1.follow_the_leader) == (g2.relation, g2.follow_the_leader)
    close(g1.threshold, g2.threshold, lam, power=-2)


@given(st.floats(0.5, 5), st.floats(1.1, 3), st.floats(1.5, 8), st.floats(0, 5),
       st.floats(1, 50), st.lists(st.floats(0, 40), min_size=1, max_size=8), scales)
def test_entry_mode_sorting_unit_free(B, tau, sigma, f_X, f_I, Phi, lam):
    """HMY sorting: the cut-offs Φ are unit-free and so are the chosen modes."""
    m1 = gt.EntryModeSorting(B=B, tau=tau, sigma=sigma, f_X=f_X, f_I=f_I)
    m2 = gt.EntryModeSorting(B=B * lam, tau=tau, sigma=sigma, f_X=f_X * lam, f_I=f_I * lam)
    c1, c2 = m1.cutoffs(), m2.cutoffs()
    assert c1.sorting == c2.sorting
    close(c1.fdi_cutoff, c2.fdi_cutoff, lam, power=0)
    Phi = np.array(Phi)
    assume(np.all(np.abs(Phi - c1.fdi_cutoff) > 1e-6))
    assume(not c1.sorting or np.all(np.abs(Phi - c1.export_cutoff) > 1e-6))
    np.testing.assert_array_equal(m1.mode(Phi), m2.mode(Phi))


# ----------------------------------------------------------------------------- regressions
def test_airport_game_in_yuan_is_concave():
    """Airport games are concave; in yuan (1e6) the test used to say no."""
    m = gt.EntryCostGame(K=[1.1e6, 2.3e6, 3.7e6, 5.3e6], f=[0.13e6, 0.7e6, 0.29e6, 0.41e6])
    assert m.solve().concave


def test_majority_game_in_billions():
    """A tiny non-convex game with an empty core stays so (tolerances were floored at 1)."""
    g = gt.TUGame(gt.TUGame.from_lex([0, 0, 0, 1, 1, 1, 1]).v * 1e-9)
    assert not gt.is_convex(g)
    assert not gt.has_nonempty_core(g)
    assert not gt.in_core(g, [1e-9 / 3] * 3)
    assert gt.least_core(g).core_is_empty


def test_dissipation_in_tiny_units():
    """Scaled market: 6 free entrants, as in ordinary units (was: all 16 counts)."""
    small = gt.DissipationEntry(a=1e-7, c0=4e-8, c_f=4e-8, c_floor=3.6e-8, gamma=8e-10,
                                F=6e-17, n_potential=16).solve()
    plain = gt.DissipationEntry(a=100, c0=40, c_f=40, c_floor=36, gamma=0.8, F=60,
                                n_potential=16).solve()
    assert small.m_free == plain.m_free == 6
    assert small.equilibrium_counts == plain.equilibrium_counts
    assert small.m_cluster == plain.m_cluster


def test_cluster_model_in_tiny_units():
    base = gt.ClusterVsScattered()
    lam = 1e-9
    q = dict(base.params())
    for k in MONEY:
        q[k] *= lam
    q["sigma2"] *= lam**2
    r0, r1 = base.solve(), gt.ClusterVsScattered(**q).solve()
    assert (r0.scattered.m, r0.cluster.m, r0.regime) == (r1.scattered.m, r1.cluster.m,
                                                         r1.regime)


def test_information_sharing_in_tiny_units():
    r_small = gt.InfoSharing(gamma=-0.5, a=1e-8, c=1e-9, sigma2=1e-18, noise=1e-18).solve()
    r_plain = gt.InfoSharing(gamma=-0.5, a=10, c=1, sigma2=1, noise=1).solve()
    assert r_small.region == r_plain.region == 0


@pytest.mark.parametrize("lam", [1e-9, 1.0, 1e12])
def test_prisoners_dilemma_at_any_scale(lam):
    """One equilibrium, (1, 1); (0, 0) is not one, and support enumeration is complete."""
    A = np.array([[3.0, 0], [4, 1]])
    g = gt.NormalFormGame([A * lam, A.T * lam])
    assert not g.is_nash((0, 0))
    assert g.is_nash((1, 1))
    for method in ("enumeration", "support"):
        eq = g.nash_equilibria(method=method)
        assert eq.complete and len(eq.equilibria) == 1
        x, y = eq.equilibria[0]
        assert x.tolist() == [0.0, 1.0] and y.tolist() == [0.0, 1.0]


def test_symmetric_mixed_entry_large_n_verified():
    """n = 64: only ≈0.1097 is an equilibrium (the power basis invented 15 false roots)."""
    g = gt.EntryGame.cournot(a=100, b=1, c=40, F=60, n=64)
    p = g.symmetric_mixed_equilibria()
    assert p == pytest.approx(g.symmetric_mixed_equilibria(exact=True))
    assert len(p) == 1 and p[0] == pytest.approx(0.1097, abs=1e-4)
    pi = g.count_payoffs[0]
    # indifference at p: the expected payoff of entering is zero
    k = np.arange(64)
    w = np.array([math.comb(63, j) for j in k], float) * p[0] ** k * (1 - p[0]) ** (63 - k)
    assert abs(w @ pi) <= 1e-9 * (w @ np.abs(pi))
    for n in (40, 54, 60):
        gn = gt.EntryGame.cournot(a=100, b=1, c=40, F=60, n=n)
        assert gn.symmetric_mixed_equilibria() == pytest.approx(
            gn.symmetric_mixed_equilibria(exact=True))


def test_lemke_howson_on_constant_payoffs_reports_failures():
    """nashpy's pivoting raised KeyError from inside; now each path's failure is reported."""
    res = gt.NormalFormGame([np.full((3, 1), -2.0)] * 2).nash_equilibria(method="lemke_howson")
    assert not res.complete
    assert "failed" in res.note or "stopped" in res.note
    for x, y in res.equilibria:
        assert gt.NormalFormGame([np.full((3, 1), -2.0)] * 2).is_nash((x, y))


def test_nashpy_vertex_failure_is_a_clear_error():
    g = gt.NormalFormGame([np.array([[2.0, 2, 1]]), np.array([[2.0, 0, 1]])])
    with pytest.raises(RuntimeError, match=r"nashpy's vertex_enumeration failed.*enumeration"):
        g.nash_equilibria(method="nashpy_vertex")
    assert len(g.nash_equilibria().equilibria) >= 1


def test_scrb_rounding_residue_in_large_costs():
    """SCRB's remaining benefit −2.4e-8 on costs of 1e9 is rounding, not a negative r_i."""
    sol = gt.EntryCostGame(K=[0.0, 13.0], f=[0.1, 1e9]).solve()
    assert np.sum(sol.scrb) == pytest.approx(13.0 + 0.1 + 1e9)


def test_break_even_entry_matches_exact_arithmetic(rng):
    """Cournot entry with F = π(k) exactly (in rationals): k firms is the free-entry count.

    Exact comparison of the floats π(k) − F gave k or k − 1 by rounding (about a third
    of cases); the tie policy counts a break-even entrant in, as exact arithmetic does.
    """
    for _ in range(200):
        a = int(rng.integers(20, 400))
        c = int(rng.integers(0, a - 1))
        b = int(rng.integers(1, 9))
        k = int(rng.integers(1, 12))
        F = (a - c) ** 2 / (b * (k + 1) ** 2)
        exact = fractions.Fraction(a - c) ** 2 / (b * (k + 1) ** 2) - fractions.Fraction(F)
        g = gt.EntryGame.cournot(a=a, b=b, c=c, F=F, n=15)
        assert abs(float(exact)) <= 1e-12 * F
        assert g.free_entry_count() == k
        assert k in g.equilibrium_structure().ties


def test_numeric_strings_are_rejected_at_construction():
    with pytest.raises(ValueError, match=r"\bF\b.*real number.*str"):
        gt.DissipationEntry(F="60")
    with pytest.raises(ValueError, match=r"\ba\b.*real number.*str"):
        gt.InfoSharing(a="10")
    with pytest.raises(ValueError, match=r"\btau\b"):
        gt.ClusterVsScattered(tau="300")
    with pytest.raises(ValueError, match=r"\bgamma\b"):
        gt.AgglomerationEntry(R=1.0, F=2.0, gamma=True, n=3)


def test_validation_catches_what_fails_later():
    with pytest.raises(ValueError, match=r"\bn_potential\b.*1\.\.64"):
        gt.DissipationEntry(n_potential=65)
    with pytest.raises(ValueError, match=r"\bb\b.*overflow"):
        gt.DissipationEntry(b=5e-324)
    with pytest.raises(ValueError, match=r"\ba\b.*overflow"):
        gt.DissipationEntry(a=1e300, risk_premium=1.0)
    with pytest.raises(ValueError, match=r"\bb\b.*overflow"):
        gt.cournot(1e200, 1e-200, [0.0])


def test_huge_risk_tolerance_gives_a_finite_core_point():
    m = gt.RiskSyndicate(mu=[51.6, 19.7], tau=[141.0, 1.7e308],
                         cov=[[727.3, -365.6], [-365.6, 185.0]])
    sol = m.solve()
    assert np.all(np.isfinite(sol.core_point)) and sol.in_core
    with pytest.raises(ValueError, match=r"\btau\b.*overflow"):
        gt.RiskSyndicate(mu=[1.0, 2.0], tau=[1e308, 1e308], cov=np.eye(2))


def test_no_common_risk_means_no_finite_threshold():
    m = gt.OligopolisticReaction(a=100, w=10, t=5, w_star=12, sigma2=0)
    assert m.threshold() == math.inf
    assert m.gains().relation == "substitutes" and not m.gains().follow_the_leader


def test_coalition_order_is_the_callers():
    """Shares given in the caller's order go to the caller's members (was: sorted)."""
    m = gt.RiskSyndicate([1, 2, 3], [1, 2, 4], np.diag([1, 4, 9]))
    ce = m.certainty_equivalent([2, 1, 0], shares=[0.7, 0.2, 0.1])
    ce_sorted = m.certainty_equivalent([0, 1, 2], shares=[0.1, 0.2, 0.7])
    assert ce == pytest.approx(ce_sorted)
    assert ce != pytest.approx(m.certainty_equivalent([0, 1, 2], shares=[0.7, 0.2, 0.1]))
    np.testing.assert_allclose(m.sharing_rule([2, 0]), [4 / 5, 1 / 5])


def test_highs_prints_nothing(capfd):
    """No HiGHS banner on standard output, from the first solve of a fresh process on."""
    import subprocess
    import sys

    code = ("import gametheory as gt\n"
            "m = gt.EntryCostGame(K=[5, 8, 13], f=[1, 2, 3], R=[10, 12, 20])\n"
            "m.internal_financing()\n"
            "gt.core_point(gt.airport_game([1, 2, 3]))\n"
            "gt.least_core(gt.airport_game([1, 2, 3]), method='cvxpy')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout == ""
