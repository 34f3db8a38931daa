"""M3 AgglomerationEntry: supermodular entry game, convex coalition game, Cournot γ-core."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

from gametheory.coalitional.core import in_core
from gametheory.coalitional.properties import is_convex
from gametheory.coalitional.values import shapley_value
from gametheory.models.agglomeration import AgglomerationEntry


@st.composite
def models(draw, nmax=6):
    n = draw(st.integers(1, nmax))
    R = draw(st.lists(st.integers(-5, 15), min_size=n, max_size=n))
    F = draw(st.lists(st.integers(0, 15), min_size=n, max_size=n))
    gamma = draw(st.sampled_from([0, 0.5, 1, 1.5, 2, 3]))
    return AgglomerationEntry(R, F, gamma)


def brute_equilibria(m):
    """All pure NE by checking every profile and every unilateral deviation (independent)."""
    out = []
    for prof in itertools.product((0, 1), repeat=m.n):
        ok = True
        for i in range(m.n):
            others = sum(prof) - prof[i]
            gain_in = m.R[i] - m.F[i] + m.gamma * others
            if (prof[i] == 1 and gain_in < 0) or (prof[i] == 0 and gain_in > 0):
                ok = False
                break
        if ok:
            out.append(prof)
    return sorted(out)


# ------------------------------------------------------------------ NONCOOP-1
@given(models())
def test_equilibrium_lattice(m):
    """NONCOOP-1 (Topkis 1979; Milgrom & Roberts 1990, Econometrica 58:1255): the pure NE (brute
    force) are those of the engine; the least and greatest are the componentwise min and max
    of all NE; the greatest Pareto-dominates every NE."""
    eqs = brute_equilibria(m)
    sol = m.solve()
    assert list(sol.equilibria) == eqs
    assert sol.least == tuple(int(v) for v in np.min(eqs, axis=0))
    assert sol.greatest == tuple(int(v) for v in np.max(eqs, axis=0))
    assert sol.least in eqs and sol.greatest in eqs
    for e in eqs:
        assert np.all(m.payoffs(sol.greatest) >= m.payoffs(e) - 1e-12)
    assert sol.greatest_pareto_dominates
    assert m.cluster_surplus() >= m.scattered_surplus() - 1e-12


@given(n=st.integers(2, 8), F=st.integers(0, 20), R=st.integers(-5, 25),
       gamma=st.fractions(0, 5, max_denominator=4))
def test_coordination_failure_band(n, F, R, gamma):
    """Coordination failure (Cooper & John 1988, QJE 103:441): symmetric firms; "none" and
    "all" are both NE iff F − γ(n−1) <= R <= F (exact rationals, boundaries included); the symbolic
    band and coordination_band() agree."""
    gamma = Fraction(gamma)
    m = AgglomerationEntry(R, F, float(gamma), n=n)
    eqs = brute_equilibria(m)
    both = (0,) * n in eqs and (1,) * n in eqs
    assert both == (F - gamma * (n - 1) <= R <= F)
    band = m.coordination_band()
    cf = AgglomerationEntry.closed_forms()
    lo = float(cf.evaluate("band_lower", F=F, gamma=float(gamma), n=n))
    assert lo == pytest.approx(F - float(gamma) * (n - 1))
    if R <= F:
        assert band[0] == pytest.approx(float(cf.evaluate("gamma_min", F=F, R=R, n=n)))
        assert both == (float(gamma) >= band[0] - 1e-12)
    else:
        assert band is None


# ------------------------------------------------------------------ AGG-1
@given(models(nmax=6))
def test_agglomeration_game_convex_with_shapley_in_core(m):
    """AGG-1 / COOP-2 (Shapley 1971, IJGT 1:11): v(S) = Σ(R_i − F_i) + γ s(s−1) is convex; the
    closed-form Shapley value R_i − F_i + γ(n−1) equals the engine's and is in the core."""
    g = m.game()
    for S in range(1, 2**m.n):
        idx = [i for i in range(m.n) if S >> i & 1]
        s = len(idx)
        assert g.v[S] == pytest.approx(sum(m.R[i] - m.F[i] for i in idx) + m.gamma * s * (s - 1))
    assert is_convex(g)
    phi = m.shapley_closed_form()
    assert np.allclose(phi, shapley_value(g))
    assert in_core(g, phi)
    assert m.solve().shapley_in_core


def test_gamma_core_inequality_symbolic():
    """AGG-1: s(n−s+2)² − 4n = (n−s)(s² − ns − 4s + 4); with s = 1 + p, n = s + q (p, q >= 0)
    it is q(pq + 4p + q) >= 0, so the equal split of monopoly profit is in the γ-core of
    linear Cournot for every 1 <= s <= n. Then the library: the core slack of the equal
    split in its γ-game, x(S) − v(S) = sA/(4n) − v(S), equals A·(that polynomial)/
    (4n(n−s+2)²) for every coalition, and its core test accepts the split."""
    s, n, p, q, A = sp.symbols("s n p q A", nonnegative=True)
    expr = s * (n - s + 2) ** 2 - 4 * n
    sub = sp.expand(expr.subs(n, s + q).subs(s, 1 + p))
    assert sp.expand(sub - q * (p * q + 4 * p + q)) == 0
    assert all(c >= 0 for c in sp.Poly(sp.expand(q * (p * q + 4 * p + q)), p, q).coeffs())
    slack = sp.lambdify((A, s, n), A * expr / (4 * n * (n - s + 2) ** 2))
    rng = np.random.default_rng(23)
    for nv in range(2, 11):
        Av = float(rng.uniform(0.1, 1e3))
        g = AgglomerationEntry.cournot_gamma_game(nv, Av)
        sizes = np.array([bin(S).count("1") for S in range(2**nv)])
        got = sizes[1:] * Av / (4 * nv) - g.v[1:]
        np.testing.assert_allclose(got, slack(Av, sizes[1:], nv), rtol=1e-9, atol=1e-12 * Av)
        assert np.all(got >= -1e-12 * Av)
        assert in_core(g, np.full(nv, Av / (4 * nv)))


@pytest.mark.parametrize("n", range(2, 11))
def test_equal_split_in_cournot_gamma_core(n):
    """AGG-1 numerically: the engine's core test accepts the equal split A/(4n) of the
    monopoly profit in the γ-game v(S) = A/(n−s+2)² (Chander & Tulkens 1997, IJGT 26:379),
    and rejects a split that leaves player 0 below its stand-alone worth A/(n+1)²."""
    A = 3.7
    g = AgglomerationEntry.cournot_gamma_game(n, A)
    assert g.grand == pytest.approx(A / 4)
    sizes = np.array([bin(S).count("1") for S in range(2**n)])
    np.testing.assert_allclose(g.v[1:], A / (n - sizes[1:] + 2) ** 2, rtol=1e-12)
    assert in_core(g, np.full(n, A / (4 * n)))
    x = np.full(n, A / (4 * n))
    x[0] -= A / (4 * n) - A / (n + 1) ** 2 + 1e-3 * A  # player 0 below its stand-alone worth
    x[1] += A / (4 * n) - A / (n + 1) ** 2 + 1e-3 * A
    assert not in_core(g, x)


def test_correspondence_consistent_with_solve():
    m = AgglomerationEntry([9.5, 9.0, 8.0, 7.0, 6.0, 4.0], 10.0, 0.0)
    gammas = np.array([0.0, 0.5, 1.0, 1.2, 1.5])
    corr = m.correspondence(gammas)
    for k, gm in enumerate(gammas):
        sol = m.replace(gamma=float(gm)).solve()
        assert corr.least[k] == sum(sol.least) and corr.greatest[k] == sum(sol.greatest)
        assert set(corr.counts[k]) == {sum(e) for e in sol.equilibria}
    assert corr.both_none_and_all.tolist() == [False, False, False, True, True]
    assert m.coordination_band()[0] == pytest.approx(1.2)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kwargs, match", [
    (dict(R=[1, 2], F=[1, 1], gamma=-0.1), "gamma"),
    (dict(R=[1, 2], F=[1, -1], gamma=0.1), "F"),
    (dict(R=[1, 2], F=[1, 1, 1], gamma=0.1), "same length"),
    (dict(R=1, F=1, gamma=0.1), "give n"),
    (dict(R=1, F=1, gamma=0.1, n=0), "positive integer"),
    (dict(R=[1, np.nan], F=1, gamma=0.1), "finite"),
    (dict(R=[[1, 2]], F=1, gamma=0.1), "1-D"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=whole_words(match)):
        AgglomerationEntry(**kwargs)


def test_bad_method_input():
    m = AgglomerationEntry([1, 2], 1, 0.5)
    with pytest.raises(ValueError, match="non-empty"):
        m.correspondence([])
    with pytest.raises(ValueError, match=">= 0"):
        m.correspondence([-1.0])
    with pytest.raises(ValueError, match=r"\bprofile\b"):
        m.payoffs([1, 2])
    with pytest.raises(ValueError, match="A ="):
        AgglomerationEntry.cournot_gamma_game(3, A=0)
