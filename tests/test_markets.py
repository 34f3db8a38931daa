"""Homogeneous-good host-market stage: Cournot (with corners and incumbents), Bertrand,
market power, symmetric closed forms, and bad input."""

import dataclasses

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from matching import whole_words
from references import nnls_cournot

from gametheory.markets import (
    ClusterPower,
    bertrand,
    cluster_market_power,
    cournot,
    cournot_industry_profit,
    cournot_profit_symmetric,
    dissipation_ratio,
    hhi,
    lerner_index,
)
from gametheory.markets.symbolic import cournot_symbolic

pos = st.floats(0.5, 200.0)
slope = st.floats(0.05, 20.0)


# ---------------------------------------------------------------- MKT-1 symmetric

@given(a=pos, b=slope, frac=st.floats(0.0, 0.98), n=st.integers(1, 25))
def test_T5_symmetric_closed_forms(a, b, frac, n):
    """MKT-1: symmetric linear Cournot q*=(a-c)/(b(n+1)), p*=(a+nc)/(n+1),
    pi*=(a-c)^2/(b(n+1)^2), L=(a-c)/(a+nc)=1/(n eps)."""
    c = frac * a
    r = cournot(a, b, [c] * n)
    np.testing.assert_allclose(r.quantities, (a - c) / (b * (n + 1)), rtol=1e-10)
    np.testing.assert_allclose(r.price, (a + n * c) / (n + 1), rtol=1e-12)
    np.testing.assert_allclose(r.profits, (a - c) ** 2 / (b * (n + 1) ** 2), rtol=1e-9)
    np.testing.assert_allclose(r.profits, cournot_profit_symmetric(a, b, c, n), rtol=1e-9)
    np.testing.assert_allclose(r.industry_profit, cournot_industry_profit(a, b, c, n), rtol=1e-9)
    np.testing.assert_allclose(r.lerner, (a - c) / (a + n * c), rtol=1e-9)
    np.testing.assert_allclose(r.lerner, 1 / (n * r.elasticity), rtol=1e-9)
    np.testing.assert_allclose(r.hhi, 1 / n, rtol=1e-12)
    assert r.n_active == n


def test_T5_symbolic_derivation_matches_closed_forms():
    """MKT-1 proved: the FOC derivation gives exactly the textbook closed forms."""
    f = cournot_symbolic()
    a, b, c, n = (f.symbols[k] for k in "abcn")
    expected = {
        "q": (a - c) / (b * (n + 1)),
        "p": (a + n * c) / (n + 1),
        "profit": (a - c) ** 2 / (b * (n + 1) ** 2),
        "lerner": (a - c) / (a + n * c),
    }
    for key, val in expected.items():
        assert sp.simplify(f[key].rhs - val) == 0, key
    assert sp.simplify(f["lerner"].rhs - 1 / (n * f["elasticity"].rhs)) == 0


# ---------------------------------------------------------------- MKT-1 asymmetric

@given(a=pos, b=slope, fr=st.lists(st.floats(0.0, 0.95), min_size=1, max_size=12))
def test_T5_asymmetric_interior(a, b, fr):
    """MKT-1: interior q_i = (a-(n+1)c_i+sum c_j)/(b(n+1)), L_i = s_i/eps, sum s_i L_i = HHI/eps."""
    c = a * np.array(fr)
    n = len(c)
    q_formula = (a - (n + 1) * c + c.sum()) / (b * (n + 1))
    assume(np.all(q_formula > 1e-6 * a / b))
    r = cournot(a, b, c)
    np.testing.assert_allclose(r.quantities, q_formula, rtol=1e-8, atol=1e-12 * a / b)
    assert np.all(r.active)
    np.testing.assert_allclose(r.lerner, r.shares / r.elasticity, rtol=1e-8)
    np.testing.assert_allclose(r.industry_lerner, r.hhi / r.elasticity, rtol=1e-8)
    np.testing.assert_allclose(r.hhi, hhi(r.quantities), rtol=1e-12)
    np.testing.assert_allclose(r.lerner, lerner_index(r.price, c), rtol=1e-12)


def test_T5_asymmetric_symbolic_twin(rng):
    """The 3-firm symbolic FOC solution equals MKT-1's formula and the numeric solver."""
    f = cournot_symbolic(3)
    a, b = f.symbols["a"], f.symbols["b"]
    cs = [f.symbols[f"c_{i}"] for i in (1, 2, 3)]
    for i in range(3):
        t5 = (a - 4 * cs[i] + sum(cs)) / (4 * b)
        assert sp.simplify(f[f"q_{i + 1}"].rhs - t5) == 0
    A = rng.uniform(50, 100, 40)
    B = rng.uniform(0.5, 3, 40)
    C = rng.uniform(0, 20, (40, 3))
    r = cournot(A, B, C)  # every firm is active here (c < a/5)
    assert np.all(r.active)
    kw = dict(a=A, b=B, c_1=C[:, 0], c_2=C[:, 1], c_3=C[:, 2])
    for i in range(3):
        np.testing.assert_allclose(r.quantities[:, i], f.evaluate(f"q_{i + 1}", **kw), rtol=1e-10)
        np.testing.assert_allclose(r.profits[:, i], f.evaluate(f"profit_{i + 1}", **kw), rtol=1e-9)
    np.testing.assert_allclose(r.price, f.evaluate("p", **kw), rtol=1e-12)


# ---------------------------------------------------------------- MKT-2

@given(n=st.integers(1, 500), a=pos, b=slope, frac=st.floats(0, 0.9))
def test_T6_dissipation(n, a, b, frac):
    """MKT-2: Pi(n)/Pi(1) = 4n/(n+1)^2 and D(n) = ((n-1)/(n+1))^2 = 1 - Pi(n)/Pi(1)."""
    c = frac * a
    ratio = cournot_industry_profit(a, b, c, n) / cournot_industry_profit(a, b, c, 1)
    np.testing.assert_allclose(ratio, 4 * n / (n + 1) ** 2, rtol=1e-10)
    np.testing.assert_allclose(dissipation_ratio(n), 1 - ratio, atol=1e-12)
    if n <= 30:  # the solver agrees
        r = cournot(a, b, [c] * n)
        np.testing.assert_allclose(r.industry_profit / cournot(a, b, [c]).industry_profit,
                                   ratio, rtol=1e-9)


def test_T6_symbolic():
    """MKT-2 proved: Pi(n)/Pi(1) = 4n/(n+1)^2, D(n) = ((n-1)/(n+1))^2, D increasing, D -> 1."""
    f = cournot_symbolic()
    n = f.symbols["n"]
    assert sp.simplify(f["profit_ratio"].rhs - 4 * n / (n + 1) ** 2) == 0
    assert sp.simplify(f["dissipation"].rhs - ((n - 1) / (n + 1)) ** 2) == 0
    assert sp.limit(f["dissipation"].rhs, n, sp.oo) == 1
    assert sp.simplify(sp.diff(f["dissipation"].rhs, n) - 4 * (n - 1) / (n + 1) ** 3) == 0
    grid = np.arange(1, 2000)
    d = dissipation_ratio(grid)
    assert d[0] == 0 and np.all(np.diff(d) > 0) and d[-1] > 0.99


# ---------------------------------------------------------------- corners

def test_corners_against_nnls_and_kkt(rng):
    """Active-set corners vs an independent NNLS maximisation of the Cournot potential, and
    the KKT conditions of every firm, on random asymmetric markets with firms pushed out."""
    pushed_out = 0
    for _ in range(300):
        n = int(rng.integers(1, 9))
        a, b = rng.uniform(5, 100), rng.uniform(0.1, 5)
        c = rng.uniform(0, 1.2 * a, n)
        r = cournot(a, b, c)
        np.testing.assert_allclose(r.quantities, nnls_cournot(a, b, 1.0, c), atol=1e-8 * a / b)
        p = a - b * r.quantities.sum()
        act = r.quantities > 0
        np.testing.assert_allclose((p - c - b * r.quantities)[act], 0, atol=1e-9 * a)
        assert np.all(p - c[~act] <= 1e-9 * a)
        pushed_out += int((~act).sum() > 0 and act.sum() > 0)
    assert pushed_out > 50


def test_grid_equals_pointwise(rng):
    """A vectorised grid call equals one call per grid point."""
    A = rng.uniform(10, 100, (4, 1))
    B = rng.uniform(0.5, 2, (1, 3))
    C = rng.uniform(0, 60, (4, 3, 5))
    r = cournot(A, B, C)
    assert r.quantities.shape == (4, 3, 5) and r.price.shape == (4, 3)
    for i in range(4):
        for j in range(3):
            s = cournot(A[i, 0], B[0, j], C[i, j])
            np.testing.assert_allclose(r.quantities[i, j], s.quantities, rtol=1e-12)
            np.testing.assert_allclose(r.consumer_surplus[i, j], s.consumer_surplus, rtol=1e-12)
            assert r.n_active[i, j] == s.n_active


def test_example_values():
    """Three firms, a = 100, b = 1, costs 10, 40, 95: p = (100+50)/3 = 50 > 95 fails, so
    firm 3 is out; q = (40, 10, 0), CS = 50^2/2."""
    r = cournot(100, 1, [10, 40, 95])
    assert r.quantities.tolist() == [40.0, 10.0, 0.0] and float(r.price) == 50.0
    assert r.active.tolist() == [True, True, False] and r.n_active == 2
    assert r.consumer_surplus == 1250.0 and r.total_surplus == 1250 + 1600 + 100
    assert np.isnan(r.lerner[2]) and r.lerner[0] == pytest.approx(0.8)
    assert r.hhi == pytest.approx(0.68) and r.hhi_points == pytest.approx(6800)


def test_incumbents():
    """k foreign incumbents are the same as extra firms; per-incumbent and grid costs."""
    r = cournot(100, 1, [20, 30], incumbents=2, incumbent_cost=25)
    s = cournot(100, 1, [20, 30, 25, 25])
    np.testing.assert_allclose(r.quantities, s.quantities)
    assert r.names == ("0", "1", "f0", "f1") and r.n_home == 2
    r = cournot(100, 1, [20], incumbents=2, incumbent_cost=[10, 99])
    np.testing.assert_allclose(r.quantities, cournot(100, 1, [20, 10, 99]).quantities)
    cf = np.array([15.0, 40.0, 120.0])
    r = cournot(100, 1, [20, 30], incumbents=3, incumbent_cost=cf[:, None])
    assert r.quantities.shape == (3, 5)
    for i, c in enumerate(cf):
        np.testing.assert_allclose(r.quantities[i], cournot(100, 1, [20, 30] + [c] * 3).quantities)
    assert r.n_active.tolist() == [5, 5, 2]


def test_all_firms_inactive_is_a_closed_market():
    """Decision: costs >= a is not an error; the market does not open (n_active == 0)."""
    r = cournot(10, 1, [10, 30])
    assert r.n_active == 0 and not r.active.any()
    assert r.price == 10 and r.total_quantity == 0 and np.all(r.profits == 0)
    assert r.consumer_surplus == 0 and np.isnan(r.hhi) and np.isnan(r.elasticity)
    assert np.all(np.isnan(r.lerner))
    r = cournot([5, 60], 1, [[10, 30]])  # grid: one closed, one open market
    assert r.n_active.tolist() == [0, 2]


@given(a=pos, b=slope, fr=st.lists(st.floats(0, 1.2), min_size=1, max_size=8),
       k=st.integers(0, 2), fc=st.floats(0, 1.2))
def test_consumer_and_total_surplus(a, b, fr, k, fc):
    """Consumer surplus is the area under demand above the price,
    CS = ∫_0^Q (P(x) − p) dx = (a − p)Q/2, integrated here numerically (scipy quad) at the
    engine's Q and p; total surplus adds the profits (p − c_i)q_i recomputed from the
    outputs. Cournot and homogeneous Bertrand, corners and foreign incumbents included."""
    from scipy.integrate import quad

    c = a * np.array(fr)
    for solve in (cournot, bertrand):
        r = solve(a, b, c, incumbents=k, incumbent_cost=fc * a if k else None)
        Q, p = float(r.total_quantity), float(r.price)
        assert p == pytest.approx(a - b * Q, rel=1e-12, abs=1e-12 * a)
        area, _ = quad(lambda x, p=p: a - b * x - p, 0.0, Q, epsabs=0.0, epsrel=1e-12)
        assert r.consumer_surplus == pytest.approx(area, rel=1e-9, abs=1e-12 * a * a / b)
        assert r.consumer_surplus == pytest.approx((a - p) * Q / 2, rel=1e-12,
                                                   abs=1e-12 * a * a / b)
        costs = np.r_[c, [fc * a] * k]
        profits = (p - costs) * np.asarray(r.quantities)
        np.testing.assert_allclose(r.profits, profits, rtol=1e-9, atol=1e-9 * a * a / b)
        assert r.total_surplus == pytest.approx(area + profits.sum(), rel=1e-9,
                                                abs=1e-9 * a * a / b)


# ---------------------------------------------------------------- homogeneous Bertrand

@given(a=pos, b=slope, fr=st.lists(st.floats(0, 1.3), min_size=1, max_size=8))
def test_bertrand_limit_price(a, b, fr):
    """Homogeneous Bertrand: p = min(c_(2), (a + c_(1))/2); only lowest-cost firms sell."""
    c = a * np.array(fr)
    r = bertrand(a, b, c)
    cs = np.sort(c)
    if cs[0] >= a:
        assert r.n_active == 0 and np.all(r.profits == 0)
        return
    c2 = cs[1] if len(c) > 1 else np.inf
    p = min(c2, (a + cs[0]) / 2)
    assert r.price == pytest.approx(p, rel=1e-12)
    assert np.all(r.quantities[c > cs[0]] == 0)
    assert r.total_quantity == pytest.approx((a - p) / b, rel=1e-12)
    assert r.industry_profit == pytest.approx((p - cs[0]) * (a - p) / b, rel=1e-9, abs=1e-9)


def test_bertrand_paradox():
    """Two or more equally efficient firms: p = c and zero profits (Bertrand paradox: the whole
    monopoly rent is dissipated, D = 1)."""
    r = bertrand(100, 2, [30, 30, 50])
    assert r.price == 30 and np.all(r.profits == 0)
    np.testing.assert_allclose(r.quantities, [17.5, 17.5, 0])
    r = bertrand(100, 1, [10, 30, 30])
    assert r.profits.tolist() == [1400.0, 0.0, 0.0]
    assert bertrand(100, 1, [10]).price == 55  # monopoly


# ---------------------------------------------------------------- market power

@given(a=pos, b=slope, fr=st.lists(st.floats(0, 0.9), min_size=2, max_size=10),
       data=st.data())
def test_cluster_market_power(a, b, fr, data):
    """Cluster power: competing = sum_S s_i^2/(s_S eps); coordinated = s_S/eps
    (Cowling & Waterson 1976); the whole industry competing gives HHI/eps."""
    c = a * np.array(fr)
    r = cournot(a, b, c)
    n = len(c)
    S = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    cp = cluster_market_power(r, S)
    assert isinstance(cp, ClusterPower)
    s = r.shares[S]
    sS = s.sum()
    if sS == 0:
        assert np.isnan(cp.lerner_competing) and np.isnan(cp.lerner_coordinated)
        return
    np.testing.assert_allclose(cp.quantity_share, sS, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(cp.lerner_competing, (s**2).sum() / (sS * r.elasticity), rtol=1e-8,
                               atol=1e-12)
    np.testing.assert_allclose(cp.lerner_coordinated, sS / r.elasticity, rtol=1e-12, atol=1e-12)
    assert cp.lerner_competing <= cp.lerner_coordinated * (1 + 1e-12)
    np.testing.assert_allclose(cp.profit_share, r.profits[S].sum() / r.industry_profit, rtol=1e-9,
                               atol=1e-12)
    whole = cluster_market_power(r, range(n))
    np.testing.assert_allclose(whole.lerner_competing, r.hhi / r.elasticity, rtol=1e-8)


def test_cluster_market_power_names_grid_and_errors():
    r = cournot([80, 100], 1, [10, 20, 30], incumbents=2, incumbent_cost=15)
    cp = cluster_market_power(r, ["0", "1", "2"])
    assert cp.members == ("0", "1", "2") and cp.quantity_share.shape == (2,)
    np.testing.assert_allclose(cp.quantity_share, r.shares[:, :3].sum(-1))
    cp2 = cluster_market_power(r, [True, True, True, False, False])
    np.testing.assert_allclose(cp2.lerner_competing, cp.lerner_competing)
    for bad in (["zz"], [7], [], [0, 0], [1.5]):
        with pytest.raises(ValueError):
            cluster_market_power(r, bad)
    with pytest.raises(ValueError, match=r"\bCournot\b"):
        cluster_market_power(bertrand(100, 1, [10, 20]), [0])


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("args, kw, match", [
    ((0, 1, [1]), {}, "a .*> 0"),
    ((-5, 1, [1]), {}, "a .*> 0"),
    ((10, 0, [1]), {}, "b .*> 0"),
    ((10, [1, -1], [1]), {}, "b .*> 0"),
    ((10, 1, [1, -2]), {}, "costs must be >= 0"),
    ((np.nan, 1, [1]), {}, "finite"),
    ((10, 1, [1, np.inf]), {}, "finite"),
    ((10, 1, []), {}, "at least one firm"),
    (([], 1, [1]), {}, "empty"),
    ((10, 1, np.zeros((0, 2))), {}, "empty"),
    ((10, [1, 2, 3], np.ones((2, 2))), {}, "broadcast"),
    ((10, 1, [1]), {"incumbents": 2}, "incumbent_cost"),
    ((10, 1, [1]), {"incumbents": -1}, "incumbents"),
    ((10, 1, [1]), {"incumbents": 1.5}, "incumbents"),
    ((10, 1, [1]), {"incumbents": 2, "incumbent_cost": [1, 2, 3]}, "length 1 or 2"),
    ((10, 1, [1]), {"incumbents": 1, "incumbent_cost": -1}, ">= 0"),
    ((10, 1, [[1, 2]]), {"names": ["x"]}, "names"),
    ((10, 1, "abc"), {}, "costs"),
])
def test_bad_input(args, kw, match):
    for solver in (cournot, bertrand):
        with pytest.raises(ValueError, match=whole_words(match)):
            solver(*args, **kw)


def test_bad_symmetric_helpers():
    with pytest.raises(ValueError):
        dissipation_ratio(0)
    with pytest.raises(ValueError):
        cournot_profit_symmetric(10, 1, 2, 0)
    with pytest.raises(ValueError):
        cournot_profit_symmetric(10, -1, 2, 3)
    with pytest.raises(ValueError):
        cournot_industry_profit(10, 1, np.nan, 3)
    assert cournot_profit_symmetric(10, 1, 12, 3) == 0  # c >= a: nobody produces
    assert cournot_industry_profit(10, 1, 2, 0) == 0


def test_display():
    r = cournot(100, 1, [10, 20])
    assert "MarketEquilibrium" in r._repr_html_() and "quantities" in r.to_dict()
    assert r"\begin{aligned}" in cournot_symbolic()._repr_latex_()
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.price = 3


def test_closed_market_and_unprofitable_symmetric_markets():
    """No firm can cover its cost: shares are 0 (not 1), the demand slope is recorded, and
    the symmetric profit formulas give 0 when c >= a (no production), not a number from
    the interior formula; a ≤ 0 is named in the error."""
    r = cournot(10, 2.5, [10, 30])
    assert r.shares.tolist() == [0.0, 0.0] and r.b == 2.5 and r.a == 10
    assert cournot_profit_symmetric(10, 1, 10, 3) == 0.0
    assert cournot_industry_profit(10, 1, 12, 3) == 0.0
    with pytest.raises(ValueError, match=r"\ba\b must be > 0"):
        cournot_profit_symmetric(-1, 1, 0, 2)
