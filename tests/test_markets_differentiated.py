"""Differentiated Cournot and Bertrand (Singh & Vives 1984), numeric vs independent checks
and vs the symbolic twins."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from references import nnls_cournot

from gametheory.markets import bertrand, cournot, differentiated_bertrand, differentiated_cournot
from gametheory.markets.symbolic import bertrand_symbolic, cournot_symbolic


def _gamma(rng, n):
    lo = -1 / (n - 1) if n > 1 else -0.9
    return rng.uniform(lo + 1e-3, 0.999)


def consumer_demand(a, b, gamma, prices):
    """Exact demand at given prices: the consumer's strictly concave QP
    max a.q - q'Bq/2 - p.q, q >= 0, solved by enumerating supports (independent of the solver)."""
    n = len(prices)
    B = b * ((1 - gamma) * np.eye(n) + gamma * np.ones((n, n)))
    for k in range(n, -1, -1):
        for T in itertools.combinations(range(n), k):
            T = list(T)
            q = np.zeros(n)
            if T:
                q[T] = np.linalg.solve(B[np.ix_(T, T)], a - prices[T])
            if np.all(q >= -1e-12) and np.all(a - prices - B @ q <= 1e-10 * a):
                return np.maximum(q, 0)
    raise AssertionError("no demand found")


def gauss_seidel_cournot(a, b, gamma, c, sweeps=20000):
    """Best-response iteration q_i <- max(0, (a - c_i - b gamma sum_{j!=i} q_j)/(2b))."""
    q = np.zeros(len(c))
    for _ in range(sweeps):
        old = q.copy()
        for i in range(len(c)):
            q[i] = max(0.0, (a - c[i] - b * gamma * (q.sum() - q[i])) / (2 * b))
        if np.max(np.abs(q - old)) < 1e-13 * a:
            break
    return q


def test_differentiated_cournot_vs_fixed_point_and_nnls(rng):
    """Differentiated Cournot equals the best-response fixed point and the NNLS maximiser of
    the potential, on random markets with substitutes, complements and firms pushed out."""
    corners = 0
    for _ in range(150):
        n = int(rng.integers(1, 6))
        g = _gamma(rng, n)
        a, b = rng.uniform(1, 10), rng.uniform(0.3, 3)
        c = rng.uniform(0, 1.1 * a, n)
        r = differentiated_cournot(a, g, c, b=b)
        np.testing.assert_allclose(r.quantities, nnls_cournot(a, b, g, c), atol=1e-8 * a / b)
        np.testing.assert_allclose(r.quantities, gauss_seidel_cournot(a, b, g, c),
                                   atol=1e-7 * a / b)
        act = r.active
        p = a - b * ((1 - g) * r.quantities + g * r.quantities.sum())
        np.testing.assert_allclose(r.prices[act], p[act], rtol=1e-10)
        corners += int(not r.interior)
    assert corners > 20


def _check_bertrand_nash(a, b, g, c, r, grid=600):
    """No firm gains by any price on a fine grid, using the exact demand at every price;
    inactive firms post their marginal cost."""
    p = np.where(r.active, r.prices, c)
    q = consumer_demand(a, b, g, p)
    np.testing.assert_allclose(q, r.quantities, atol=1e-8 * a / b)
    for i in range(len(c)):
        eq_profit = r.profits[i]
        for pi in np.linspace(c[i], a, grid):
            dev = p.copy()
            dev[i] = pi
            assert (pi - c[i]) * consumer_demand(a, b, g, dev)[i] <= eq_profit + 1e-9 * a * a / b


def test_differentiated_bertrand_is_nash(rng):
    """Differentiated Bertrand (interior, corner and limit-pricing regimes) passes a
    deviation check against the exact demand system for duopolies and triopolies."""
    seen = {"interior": 0, "corner": 0, "limit": 0}
    for trial in range(36):
        n = 2 if trial < 24 else 3
        g = _gamma(rng, n) if trial % 3 else rng.uniform(0.5, 0.99)
        a, b = rng.uniform(1, 10), rng.uniform(0.3, 3)
        c = rng.uniform(0, 1.0 * a, n)
        r = differentiated_bertrand(a, g, c, b=b)
        if n == 2:
            assert r.solved
        if not r.solved:
            continue
        _check_bertrand_nash(a, b, g, c, r, grid=120)
        key = "interior" if r.interior else ("limit" if r.limit_pricing else "corner")
        seen[key] += 1
    assert min(seen.values()) > 0, seen


def test_bertrand_duopoly_always_solved(rng):
    """For two firms the three regimes (interior, monopoly corner, limit pricing;
    Zanchettin 2006, JEMS 15:999) cover the whole parameter space."""
    c = rng.uniform(0, 1.2, (20000, 2))
    g = rng.uniform(-0.999, 0.999, 20000)
    r = differentiated_bertrand(1, g, c)
    assert np.all(r.solved) and r.limit_pricing.any() and r.interior.any()
    assert np.all(r.profits >= 0)


def test_homogeneous_limits():
    """gamma -> 1: differentiated Cournot -> homogeneous Cournot; differentiated Bertrand ->
    homogeneous Bertrand (p -> c for equal costs; limit price p_1 -> c_(2) otherwise)."""
    g = 1 - 1e-9
    np.testing.assert_allclose(differentiated_cournot(10, g, [1, 2, 8], b=2).quantities,
                               cournot(10, 2, [1, 2, 8]).quantities, rtol=1e-6, atol=1e-8)
    r = differentiated_bertrand(10, 1 - 1e-7, [2, 2, 3])
    np.testing.assert_allclose(r.prices[:2], 2, atol=1e-5)
    r = differentiated_bertrand(10, 1 - 1e-7, [2, 3])
    assert r.limit_pricing
    assert r.prices[0] == pytest.approx(bertrand(10, 1, [2, 3]).price, abs=1e-5)
    # independent goods: every firm a monopolist
    r = differentiated_bertrand(10, 0.0, [2, 4])
    np.testing.assert_allclose(r.prices, [6, 7])
    np.testing.assert_allclose(differentiated_cournot(10, 0.0, [2, 4]).prices, [6, 7])


@given(g=st.floats(-0.24, 0.99), n=st.integers(2, 5), a=st.floats(1, 100), fr=st.floats(0, 0.9))
def test_singh_vives_symmetric(g, n, a, fr):
    """Singh & Vives (1984, RAND 15:546), Häckner (2000, JET 93:233): Cournot prices exceed
    Bertrand prices, Bertrand outputs and surpluses are larger; Cournot profits are larger
    for substitutes and smaller for complements."""
    assume(abs(g) > 1e-3 and g > -1 / (n - 1) + 1e-3)
    c = [fr * a] * n
    rc, rb = differentiated_cournot(a, g, c), differentiated_bertrand(a, g, c)
    assert rc.interior and rb.interior
    assert np.all(rc.prices > rb.prices)
    assert np.all(rb.quantities > rc.quantities)
    assert rb.consumer_surplus > rc.consumer_surplus and rb.total_surplus > rc.total_surplus
    if g > 0:
        assert np.all(rc.profits > rb.profits)
    else:
        assert np.all(rc.profits < rb.profits)


def test_singh_vives_asymmetric_duopoly(rng):
    """Asymmetric costs, both regimes interior: p^C_i >= p^B_i, Q^B >= Q^C, TS^B >= TS^C."""
    c = rng.uniform(0, 0.8, (5000, 2))
    g = rng.uniform(-0.99, 0.99, 5000)
    rc, rb = differentiated_cournot(1, g, c), differentiated_bertrand(1, g, c)
    both = rc.interior & rb.interior
    assert both.sum() > 2000
    assert np.all(rc.prices[both] >= rb.prices[both] - 1e-12)
    assert np.all(rc.total_quantity[both] <= rb.total_quantity[both] + 1e-12)
    assert np.all(rc.total_surplus[both] <= rb.total_surplus[both] + 1e-12)


def test_singh_vives_closed_form_symbolic():
    """The FOC derivations give p^C = 1/(2+gamma), p^B = (1-gamma)/(2-gamma) at n = 2, a = b = 1,
    c = 0, and Häckner's n-firm symmetric forms."""
    fc, fb = cournot_symbolic(differentiated=True), bertrand_symbolic()
    a, b, c, n, g = (fb.symbols[k] for k in ("a", "b", "c", "n", "gamma"))
    at = {n: 2, a: 1, b: 1, c: 0}
    assert sp.simplify(fc["p"].rhs.subs(at) - 1 / (2 + g)) == 0
    assert sp.simplify(fb["p"].rhs.subs(at) - (1 - g) / (2 - g)) == 0
    assert sp.simplify(fc["q"].rhs - (a - c) / (b * (2 + (n - 1) * g))) == 0
    hackner = c + (a - c) * (1 - g) / (2 + (n - 3) * g)
    assert sp.simplify(fb["p"].rhs - hackner) == 0
    # gamma = 1 in the differentiated Cournot form is homogeneous Cournot (MKT-1)
    assert sp.simplify(fc["p"].rhs.subs(g, 1) - cournot_symbolic()["p"].rhs) == 0


@pytest.mark.parametrize("maker, solver, n", [
    (lambda n: cournot_symbolic(n, differentiated=True), differentiated_cournot, 2),
    (lambda n: cournot_symbolic(n, differentiated=True), differentiated_cournot, 3),
    (bertrand_symbolic, differentiated_bertrand, 2),
    (bertrand_symbolic, differentiated_bertrand, 3),
])
def test_symbolic_numeric_twins(maker, solver, n, rng):
    """Symbolic FOC solutions and the numeric solver agree at random interior points."""
    f = maker(n)
    A = rng.uniform(5, 10, 300)
    G = rng.uniform(-0.45, 0.9, 300)
    C = rng.uniform(0, 3, (300, n))
    r = solver(A, G, C, b=1.5)
    keep = r.interior
    assert keep.sum() > 100
    kw = dict(a=A[keep], b=1.5, gamma=G[keep], **{f"c_{i + 1}": C[keep, i] for i in range(n)})
    for i in range(n):
        np.testing.assert_allclose(r.quantities[keep, i], f.evaluate(f"q_{i + 1}", **kw),
                                   rtol=1e-9)
        np.testing.assert_allclose(r.prices[keep, i], f.evaluate(f"p_{i + 1}", **kw), rtol=1e-9)
        np.testing.assert_allclose(r.profits[keep, i], f.evaluate(f"profit_{i + 1}", **kw),
                                   rtol=1e-8)


def test_symmetric_symbolic_twins(rng):
    A, G, C = rng.uniform(5, 10, 50), rng.uniform(-0.2, 0.9, 50), rng.uniform(0, 4, 50)
    for f, solver in ((cournot_symbolic(differentiated=True), differentiated_cournot),
                      (bertrand_symbolic(), differentiated_bertrand)):
        r = solver(A, G, np.repeat(C[:, None], 4, axis=1))
        kw = dict(a=A, b=1.0, c=C, n=4, gamma=G)
        np.testing.assert_allclose(r.prices[:, 0], f.evaluate("p", **kw), rtol=1e-10)
        np.testing.assert_allclose(r.consumer_surplus, f.evaluate("consumer_surplus", **kw),
                                   rtol=1e-9)
        np.testing.assert_allclose(r.industry_profit, f.evaluate("industry_profit", **kw),
                                   rtol=1e-9)


@pytest.mark.parametrize("gamma", [1.0, 1.5, -0.5, -1.0, np.nan, [0.2, 1.0]])
def test_gamma_outside_domain(gamma):
    """gamma must lie in (-1/(n-1), 1); here n = 3, so (-0.5, 1)."""
    for solver in (differentiated_cournot, differentiated_bertrand):
        with pytest.raises(ValueError, match=r"\bgamma\b"):
            solver(10, gamma, [1, 2, 3])


def test_differentiated_bad_input():
    for solver in (differentiated_cournot, differentiated_bertrand):
        with pytest.raises(ValueError, match="a "):
            solver(0, 0.5, [1, 2])
        with pytest.raises(ValueError, match="b "):
            solver(10, 0.5, [1, 2], b=-1)
        with pytest.raises(ValueError, match=r"\bcosts\b"):
            solver(10, 0.5, [1, -2])
        with pytest.raises(ValueError, match=r"\bempty\b"):
            solver(10, [], [1, 2])
        # incumbents count toward n in the gamma domain: n = 4 here, so (-1/3, 1)
        with pytest.raises(ValueError, match=r"\bgamma\b"):
            solver(10, -0.4, [1, 2], incumbents=2, incumbent_cost=1)
        r = solver(10, 0.5, [20, 30])  # nobody can sell: a closed market, not an error
        assert r.n_active == 0 and np.all(np.isnan(r.prices)) and r.consumer_surplus == 0
    with pytest.raises(ValueError, match="1..6"):
        bertrand_symbolic(9)
    with pytest.raises(ValueError):
        cournot_symbolic(2.5)
