"""M4 DissipationEntry: free entry vs the cluster optimum, and theorems MKT-2, DISS-1, DISS-2,
DISS-3, DISS-4."""

import itertools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from matching import whole_words
from scipy.optimize import minimize_scalar

from gametheory.markets import cournot, dissipation_ratio
from gametheory.models import (
    DissipationEntry,
    excess_entry,
    merger_outcome,
    synergy_frontier,
    tullock_contest,
)

costs = st.floats(0.0, 60.0)
intercepts = st.floats(80.0, 200.0)
slopes = st.floats(0.2, 5.0)


# ------------------------------------------------------------------ MKT-2 at model level
@given(a=intercepts, b=slopes, c=costs)
def test_T6_dissipation_ratio_from_engine(a, b, c):
    """MKT-2: Π(n)/Π(1) = 4n/(n+1)² and D(n) = ((n−1)/(n+1))², via the Cournot engine and
    the model."""
    model = DissipationEntry(a=a, b=b, c0=c, k=0, c_f=0.0, F=1.0, n_potential=15)
    total = model.solve().total_profit
    n = np.arange(1, 16)
    ratio = total[1:] / total[1]
    np.testing.assert_allclose(ratio, 4 * n / (n + 1) ** 2, rtol=1e-10)
    np.testing.assert_allclose(1 - ratio, dissipation_ratio(n), rtol=1e-9, atol=1e-12)
    assert dissipation_ratio(400) > 0.99


# ------------------------------------------------------------------ DISS-1 Mankiw–Whinston
def test_T7_continuous_counts_symbolic():
    """DISS-1 (Mankiw & Whinston 1986, RAND 17:48): n_e+1 = √(z/(1−s)) > n_W+1 = z^{1/3}
    when z > 1, and W'(n_e) < 0 — derived with sympy from W(n) = (A/2)n(n+2)/(n+1)² − nF
    and π(n) = A/(n+1)². Then the library: its closed forms are these expressions, and
    excess_entry's continuous counts, welfare slope and welfare schedule equal the derived
    ones over generated (a, b, c, F, s)."""
    A, F, n, z = sp.symbols("A F n z", positive=True)
    W = A / 2 * n * (n + 2) / (n + 1) ** 2 - n * F
    dW = sp.simplify(sp.diff(W, n))
    assert sp.simplify(dW - (A / (n + 1) ** 3 - F)) == 0
    nw = [r for r in sp.solve(sp.Eq(dW, 0), n) if r.is_real is not False]
    nw = next(r for r in nw if sp.simplify(r - (sp.cbrt(A / F) - 1)) == 0)
    u = sp.Symbol("u", positive=True)  # u = 1 − s > 0, the entrant's share of F
    ne = sp.solve(sp.Eq(A / (n + 1) ** 2, u * F), n)
    ne = next(r for r in ne if sp.simplify(r - (sp.sqrt(A / (u * F)) - 1)) == 0)
    # at n_e (s = 0): W' = F(z^{-1/2} − 1) < 0 for z > 1
    slope = sp.simplify(dW.subs(n, sp.sqrt(z) - 1).subs(A, z * F))
    assert sp.simplify(slope - F * (1 / sp.sqrt(z) - 1)) == 0

    # the library's symbolic objects
    cf = DissipationEntry().closed_forms()
    a_, b_, c_ = (cf.symbols[k] for k in ("a", "b", "c"))
    F_, s_, n_ = cf.symbols["F"], cf.symbols["s"], cf.symbols["n"]
    to_lib = {A: (a_ - c_) ** 2 / b_, F: F_, u: 1 - s_, n: n_}
    assert sp.simplify(cf["welfare"].rhs - W.subs(to_lib)) == 0
    assert sp.simplify(cf["n_free"].rhs.subs(s_, 1 - u) - ne.subs(to_lib).subs(s_, 1 - u)) == 0
    assert sp.simplify(cf["n_welfare"].rhs - nw.subs(to_lib)) == 0

    # the library's numbers
    f_ne = sp.lambdify((A, F, u), ne)
    f_nw = sp.lambdify((A, F), nw)
    f_slope = sp.lambdify((A, F, u), dW.subs(n, ne))
    f_W = sp.lambdify((A, F, n), W)
    rng = np.random.default_rng(7)
    for _ in range(40):
        a, b = rng.uniform(80, 200), rng.uniform(0.2, 5)
        c, sv = rng.uniform(0, 60), rng.uniform(0, 0.9)
        Av = (a - c) ** 2 / b
        Fv = Av / rng.uniform(1.05, 400)
        r = excess_entry(a, b, c, Fv, s=sv)
        assert r.n_free_continuous == pytest.approx(f_ne(Av, Fv, 1 - sv), rel=1e-9)
        assert r.n_welfare_continuous == pytest.approx(f_nw(Av, Fv), rel=1e-9)
        assert r.welfare_slope_at_free == pytest.approx(f_slope(Av, Fv, 1 - sv), rel=1e-9,
                                                        abs=1e-12 * Fv)
        ns = np.arange(1, r.n.size)
        np.testing.assert_allclose(r.welfare[1:], f_W(Av, Fv, ns), rtol=1e-9, atol=1e-9 * Av)
        assert r.n_free_continuous > r.n_welfare_continuous
    r = excess_entry(100, 1, 40, 60, s=0.0)
    assert r.welfare_slope_at_free == pytest.approx(f_slope(3600, 60, 1.0), rel=1e-12)
    assert r.welfare_slope_at_free < 0


@given(a=intercepts, b=slopes, c=costs, zF=st.floats(1.05, 400.0), s=st.floats(0.0, 0.9))
def test_T7_integer_excess_entry(a, b, c, zF, s):
    """DISS-1 integer version: n_e ≥ n_W − 1 (Mankiw & Whinston 1986, Proposition 3), with welfare
    computed by the Cournot engine (consumer surplus + profits − entry costs) and checked
    against W(n) = (A/2)n(n+2)/(n+1)² − nF; the subsidy raises n_e (Dixit & Kyle 1985)."""
    A = (a - c) ** 2 / b
    F = A / zF
    r = excess_entry(a, b, c, F, s=s)
    n = r.n
    W_closed = A / 2 * n * (n + 2) / (n + 1) ** 2 - n * F
    np.testing.assert_allclose(r.welfare, W_closed, rtol=1e-9, atol=1e-9 * A)
    assert r.n_free >= r.n_welfare - 1
    assert r.welfare_slope_at_free < 0
    assert math.isclose(r.n_free_continuous + 1, math.sqrt(zF / (1 - s)), rel_tol=1e-9)
    assert math.isclose(r.n_welfare_continuous + 1, zF ** (1 / 3), rel_tol=1e-9)
    assert r.n_free_continuous > r.n_welfare_continuous
    # the integer free-entry count is the last n with π(n) ≥ (1−s)F
    assert r.n_free == math.floor(r.n_free_continuous + 1e-9)
    assert r.n_free >= excess_entry(a, b, c, F, s=0.0).n_free


# ------------------------------------------------------------------ free entry vs brute force
def _brute_force_equilibria(pi, fee):
    """Pure NE counts by enumerating all 2^N entry profiles (independent of the model's code)."""
    N = len(pi) - 1
    counts = set()
    for prof in itertools.product((0, 1), repeat=N):
        m = sum(prof)
        ok = True
        for e in prof:
            if e and pi[m] - fee < -1e-9 * max(fee, 1):
                ok = False
            if not e and m < N and pi[m + 1] - fee > 1e-9 * max(fee, 1):
                ok = False
        if ok:
            counts.add(m)
    return tuple(sorted(counts))


@given(gamma=st.floats(0.0, 12.0), F=st.floats(5.0, 900.0), s=st.floats(0.0, 0.95),
       k=st.integers(0, 3), c_f=st.floats(10.0, 70.0))
def test_free_entry_matches_brute_force(gamma, F, s, k, c_f):
    """Free entry m_U(s) = greatest pure-NE count, checked against enumeration of all 2^7
    profiles; with agglomeration (hump-shaped π) several counts can be equilibria."""
    model = DissipationEntry(a=100, c0=50, gamma=gamma, c_floor=5.0, k=k, c_f=c_f, F=F, s=s,
                             n_potential=7)
    r = model.solve()
    expected = _brute_force_equilibria(r.profit, (1 - s) * F)
    assert r.equilibrium_counts == expected
    assert r.m_free == max(expected)
    # cluster optimum is the brute-force argmax of m(π(m) − F)
    W = [m * (r.profit[m] - F) for m in range(8)]
    assert math.isclose(W[r.m_cluster], max(W), rel_tol=1e-12, abs_tol=1e-9)
    assert r.dissipation >= -1e-9
    assert r.dissipation_region == tuple(range(r.m_cluster + 1, r.m_free + 1))
    assert math.isclose(model.cluster_surplus() - model.scattered_surplus(), r.dissipation,
                        abs_tol=1e-9)
    # policy push: more subsidy never lowers free entry
    assert model.solve(min(s + 0.04, 0.99)).m_free >= r.m_free


def test_free_entry_with_entry_game_engine():
    """The count structure agrees with the engine's EntryGame (when it is available)."""
    nc = pytest.importorskip("gametheory.noncooperative")
    if not hasattr(nc, "EntryGame"):
        pytest.skip("EntryGame not in the engine yet")
    model = DissipationEntry(a=100, c0=50, gamma=6.0, c_floor=5.0, F=200.0, n_potential=8)
    game = model.entry_game()
    assert game.free_entry_count() == model.free_entry()
    counts = sorted({sum(p) for p in game.pure_nash_equilibria()})
    assert tuple(counts) == model.solve().equilibrium_counts


def test_hump_gives_multiple_equilibria():
    """With strong capped agglomeration π(m) first rises then falls: no entry and a large
    count are both equilibria; free entry is the greatest one."""
    model = DissipationEntry(a=100, c0=60, gamma=12.0, c_floor=5.0, k=2, c_f=40, F=100.0,
                             n_potential=10)
    r = model.solve()
    assert r.profit[1] < 100 < r.profit[3]
    assert r.equilibrium_counts[0] == 0 and len(r.equilibrium_counts) >= 2
    assert r.m_free == max(r.equilibrium_counts) > 0


def test_foreign_incumbents_priced_out_is_a_corner():
    """Low home costs price the foreign incumbents out: the engine's active set, not a formula."""
    model = DissipationEntry(a=100, c0=40, gamma=10.0, c_floor=0.0, k=2, c_f=70, F=10.0)
    mk = model.market(5)
    assert mk["q_foreign"] == 0.0 and mk["price"] <= 70 + 1e-9
    # interior symmetric formula among the 5 home firms only
    assert math.isclose(mk["price"], (100 + 5 * 0.0) / 6, rel_tol=1e-12)


def test_prototype_numbers():
    """The prototype case (a=100, c=c_f=40, k=2, F=60): risk-neutral free entry is
    m_U = 4, 6, 9 at subsidies 0, 0.3, 0.6. The prototype's 3, 4, 7 and scattered totals
    20, −44, −252 (joint optimum m=1) are reproduced exactly when a mean–variance premium
    σ²q²/(2τ) with σ²=200, τ=300 is deducted at the risk-neutral outputs."""
    base = DissipationEntry(a=100, b=1, c0=40, k=2, c_f=40, F=60)
    assert [base.free_entry(s) for s in (0, 0.3, 0.6)] == [4, 6, 9]
    risky = base.replace(risk_premium=200 / (2 * 300))
    counts = [risky.free_entry(s) for s in (0, 0.3, 0.6)]
    assert counts == [3, 4, 7]
    totals = [risky.solve(s).national_surplus[m]
              for s, m in zip((0, 0.3, 0.6), counts, strict=True)]
    np.testing.assert_allclose(totals, [20, -44.0816, -252], atol=1e-3)
    assert risky.cluster_optimum() == 1


# ------------------------------------------------------------------ DISS-2 merger paradox
@given(n=st.integers(2, 14), data=st.data(), a=intercepts, b=slopes, c=costs)
def test_T8_merger_paradox(n, data, a, b, c):
    """DISS-2 (Salant, Switzer & Reynolds 1983, QJE 98:185): the engine's merger gain has the sign
    of (n+1)² − m(n−m+2)²; never profitable for m < 0.8n; two-firm mergers unprofitable
    for n ≥ 3."""
    m = data.draw(st.integers(2, n))
    r = merger_outcome(a, b, c, n, m)
    key = (n + 1) ** 2 - m * (n - m + 2) ** 2
    A = (a - c) ** 2 / b
    assert math.isclose(r.gain, A * key / ((n + 1) ** 2 * (n - m + 2) ** 2), rel_tol=1e-8,
                        abs_tol=1e-9 * A)
    if key != 0:
        assert r.profitable == (key > 0)
    if m < 0.8 * n:
        assert not r.profitable
    if m == 2 and n >= 3:
        assert not r.profitable


def test_T8_break_even_n5_m4():
    """n=5, m=4 is exactly break-even: (5+1)² = 36 = 4·(5−4+2)²."""
    r = merger_outcome(100, 1, 40, 5, 4)
    assert abs(r.gain) < 1e-9 and not r.profitable


# ------------------------------------------------------------------ DISS-4 synergy frontier
def test_T27_frontier_derived_with_sympy():
    """DISS-4 (our derivation). Checked: the merged firm's interior Cournot profit with cost
    c − D among n−m+1 firms, derived here from the first-order conditions with sympy, equals
    m times the pre-merger profit exactly at D = D*(m); and ∂π_M/∂D > 0 there (so D ≥ D* is
    the profitable set). Interior outputs only: outsiders produce (a−c−D)/(b(n−m+2)) > 0."""
    a, b, c, D = sp.symbols("a b c D", positive=True)
    n, m = sp.symbols("n m", positive=True)
    N = n - m + 1  # players after the merger
    qM, qo, x = sp.symbols("q_M q_o x")
    P = a - b * (qM + (N - 1) * qo)
    own = a - b * (qM + (N - 2) * qo + x)  # price seen by one outsider producing x
    foc = [sp.diff((P - (c - D)) * qM, qM), sp.diff((own - c) * x, x).subs(x, qo)]
    sol = sp.solve(foc, [qM, qo], dict=True)[0]
    assert sp.simplify(sol[qo] - (a - c - D) / (b * (n - m + 2))) == 0
    piM = sp.simplify(b * sol[qM] ** 2)
    Dstar = (a - c) * (sp.sqrt(m) * (n - m + 2) / (n + 1) - 1) / (n - m + 1)
    pre = m * (a - c) ** 2 / (b * (n + 1) ** 2)
    assert sp.simplify(piM.subs(D, Dstar) - pre) == 0
    for nv in range(2, 9):
        for mv in range(2, nv + 1):
            assert sp.diff(piM, D).subs({D: Dstar, n: nv, m: mv, a: 100, c: 40, b: 1}) > 0
    # the library's symbolic frontier is this D*(m)
    cf = DissipationEntry().closed_forms()
    lib = cf["synergy_frontier"].rhs.subs({cf.symbols[k]: v for k, v in
                                           dict(a=a, c=c, n=n, m=m).items()})
    assert sp.simplify(lib - Dstar) == 0
    # the library's numbers: synergy_frontier is D*(m); merger_outcome's merged profit is
    # π_M(D) and its pre-merger total is m·(a − c)²/(b(n + 1)²), over generated markets
    f_D = sp.lambdify((a, c, n, m), Dstar)
    f_piM = sp.lambdify((a, b, c, D, n, m), piM)
    f_pre = sp.lambdify((a, b, c, n, m), pre)
    rng = np.random.default_rng(27)
    for _ in range(40):
        nv = int(rng.integers(2, 13))
        mv = int(rng.integers(2, nv + 1))
        av, bv = rng.uniform(80, 200), rng.uniform(0.2, 5)
        cv = rng.uniform(0.3, 0.95) * av
        assert float(synergy_frontier(av, cv, nv, mv)) == pytest.approx(f_D(av, cv, nv, mv),
                                                                         rel=1e-12)
        Dv = rng.uniform(0, 0.9) * (av - cv) / (nv - mv + 1)  # outsiders stay active
        Dv = min(Dv, cv)
        r = merger_outcome(av, bv, cv, nv, mv, synergy=Dv)
        assert r.interior
        assert r.profit_after == pytest.approx(f_piM(av, bv, cv, Dv, nv, mv), rel=1e-9)
        assert r.profit_before == pytest.approx(f_pre(av, bv, cv, nv, mv), rel=1e-9)


@given(n=st.integers(3, 12), data=st.data(), a=intercepts, b=slopes)
def test_T27_frontier_against_engine(n, data, a, b):
    """At D*(m) ± ε the engine's merger flips from unprofitable to profitable (interior D*)."""
    m = data.draw(st.integers(2, n))
    c = 0.9 * a
    Ds = float(synergy_frontier(a, c, n, m))
    assume(0.01 < Ds < c - 0.01)
    eps = 1e-4 * (a - c)
    assert not merger_outcome(a, b, c, n, m, synergy=Ds - eps).profitable
    hi = merger_outcome(a, b, c, n, m, synergy=Ds + eps)
    assert hi.profitable and hi.interior


# ------------------------------------------------------------------ DISS-3 Tullock
@given(n=st.integers(1, 30), V=st.floats(0.5, 1e4))
def test_T9_tullock_best_response(n, V):
    """DISS-3 (Tullock 1980): x* = (n−1)V/n² is a best response to n−1 rivals at x*
    (numerical maximisation of V x/(x + (n−1)x*) − x); total (n−1)V/n → V."""
    r = tullock_contest(n, V)
    assert math.isclose(r.outlay, (n - 1) * V / n**2, rel_tol=1e-12)
    assert math.isclose(r.total_outlay, (n - 1) * V / n, rel_tol=1e-12)
    if n >= 2:
        others = (n - 1) * r.outlay
        best = minimize_scalar(lambda x: -(V * x / (x + others) - x), bounds=(0, V),
                               method="bounded", options={"xatol": 1e-10 * V})
        assert math.isclose(best.x, r.outlay, rel_tol=1e-4, abs_tol=1e-8 * V)
    assert tullock_contest(10_000, V).dissipated_share > 0.999
    assert tullock_contest(1, V).total_outlay == 0


def test_contest_cluster_vs_scattered():
    model = DissipationEntry()
    out = model.contest(100.0)
    assert out["cluster"].total_outlay == 0
    assert out["scattered"].n == model.free_entry()
    assert out["scattered"].total_outlay > 0


# ------------------------------------------------------------------ closed forms, grid
def test_closed_forms_match_engine():
    cf = DissipationEntry().closed_forms()
    n = np.arange(1, 8)
    pi = cf.evaluate("profit", a=100, b=2, c=40, n=n)
    eng = [float(cournot(100, 2, [40] * int(k)).profits[0]) for k in n]
    np.testing.assert_allclose(pi, eng, rtol=1e-12)
    np.testing.assert_allclose(cf.evaluate("dissipation_ratio", n=n), dissipation_ratio(n))
    assert math.isclose(float(cf.evaluate("synergy_frontier", a=100, c=40, n=8, m=3)),
                        float(synergy_frontier(100, 40, 8, 3)), rel_tol=1e-12)


def test_dissipation_grid():
    model = DissipationEntry()
    g = model.dissipation_grid([20, 60, 200], [0.0, 0.3, 0.6])
    assert g["m_free"].shape == (3, 3)
    # free entry rises with the subsidy and falls with the entry cost
    assert np.all(np.diff(g["m_free"], axis=1) >= 0)
    assert np.all(np.diff(g["m_free"], axis=0) <= 0)
    assert np.all(g["dissipation"] >= -1e-9)
    r = model.replace(F=60, s=0.3).solve()
    assert g["dissipation"][1, 1] == pytest.approx(r.dissipation)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kw, msg", [
    ({"c0": 120.0}, "below the demand intercept"),
    ({"c_f": 100.0}, "below the demand intercept"),
    ({"s": 1.0}, r"\[0.0, 1.0\)"),
    ({"s": -0.1}, r"\[0.0, 1.0\)"),
    ({"F": 0.0}, "F"),
    ({"c_floor": 50.0}, "c_floor"),
    ({"k": -1}, "k"),
    ({"k": 1.5}, "whole number"),
    ({"gamma": -1.0}, "gamma"),
    ({"b": 0.0}, "b"),
    ({"a": float("nan")}, "finite"),
])
def test_bad_input(kw, msg):
    with pytest.raises(ValueError, match=whole_words(msg)):
        DissipationEntry(**kw)


def test_bad_input_functions():
    model = DissipationEntry()
    with pytest.raises(ValueError, match="non-empty"):
        model.dissipation_grid([], [0.1])
    with pytest.raises(ValueError, match=r"\bsubsidy\b"):
        model.dissipation_grid([10], [1.2])
    with pytest.raises(ValueError, match=r"\bsubsidy\b"):
        model.solve(s=1.0)
    with pytest.raises(ValueError, match="below the demand intercept"):
        excess_entry(10, 1, 12, 1)
    with pytest.raises(ValueError, match="cannot merge"):
        merger_outcome(100, 1, 40, 3, 4)
    with pytest.raises(ValueError, match="2..n"):
        synergy_frontier(100, 40, 5, 6)
    with pytest.raises(ValueError, match=r"\bprize\b"):
        tullock_contest(3, 0)
