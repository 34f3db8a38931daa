"""FREE-1 … FREE-3: voluntary contributions to a shared platform (free riding)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models.subscription import PlatformSubscription


def members(min_size=1, max_size=6):
    return st.lists(st.floats(0.5, 100.0), min_size=min_size, max_size=max_size)


def budgets_for(draw, n):
    return [draw(st.one_of(st.just(np.inf), st.floats(0.0, 60.0))) for _ in range(n)]


@st.composite
def models(draw):
    a = draw(members())
    w = budgets_for(draw, len(a)) if draw(st.booleans()) else None
    return PlatformSubscription(values=a, budgets=w, base=draw(st.floats(0.1, 20.0)))


@given(models())
def test_equilibrium_is_a_nash_equilibrium(m):
    """FREE-1: at the equilibrium profile every member's contribution is a best response
    (checked against the closed-form best response and a grid of deviations), and the
    capacity is the fixed point T_N."""
    g = m.nash_contributions()
    T = m.base + g.sum()
    assert T == pytest.approx(m.nash_capacity(), rel=1e-12)
    u = m.utility(g)
    w = m._w
    for i in range(g.size):
        others = g.sum() - g[i]
        assert g[i] == pytest.approx(m.best_response(i, others), rel=1e-9, abs=1e-9 * T)
        hi = min(w[i], 3 * (m.values[i] + T))
        for dev in np.linspace(0.0, hi, 41):
            h = g.copy()
            h[i] = dev
            assert m.utility(h)[i] <= u[i] + 1e-9 * max(1.0, abs(u[i]))


@given(models())
def test_best_response_dynamics_reach_the_same_capacity(m):
    """FREE-1 (uniqueness of the total, Bergstrom, Blume & Varian 1986): sequential best
    responses from nobody contributing converge to T_N."""
    g = np.zeros(m.values.size)
    for _ in range(100_000):  # converges in finitely many rounds, slowly near ties
        old = g.copy()
        for i in range(g.size):
            g[i] = m.best_response(i, g.sum() - g[i])
        if np.allclose(g, old, rtol=0, atol=1e-12 * (1 + g.sum())):
            break
    assert m.base + g.sum() == pytest.approx(m.nash_capacity(), rel=1e-9)


@given(members(min_size=1), st.floats(0.1, 20.0))
def test_unlimited_budgets_only_the_top_member_contributes(a, T_0):
    """FREE-1: with budgets that never bind, T_N = max(T_0, max a_i), only members with the
    largest valuation contribute, and T_N <= T* = max(T_0, Σ a_i)."""
    r = PlatformSubscription(values=a, base=T_0).solve()
    assert r.capacity_nash == pytest.approx(max(T_0, max(a)), rel=1e-12)
    assert r.capacity_efficient == pytest.approx(max(T_0, sum(a)), rel=1e-12)
    top = max(a)
    assert all(a[int(n)] == top for n in r.contributors)
    assert r.capacity_nash <= r.capacity_efficient * (1 + 1e-12)
    assert r.free_riding_loss >= 0.0


@given(models())
def test_efficient_capacity_maximises_the_joint_surplus(m):
    """The members' joint optimum T* beats every feasible capacity on a grid (and T_N)."""
    T_e = m.efficient_capacity()
    top = m.base + min(m._w.sum(), 4 * m.values.sum() + 10)
    grid = np.linspace(m.base, top, 401)
    best = m.surplus(grid).max()
    assert m.surplus(T_e) >= best - 1e-9 * max(1.0, abs(best))
    assert m.surplus(T_e) >= m.surplus(m.nash_capacity()) - 1e-9 * max(1.0, abs(best))


@given(st.floats(1.0, 50.0), st.integers(1, 12), st.floats(0.01, 0.99))
def test_identical_members_closed_forms(a, n, frac):
    """FREE-3: n identical members (a > T_0, no budget limit): T_N = a, T* = n a and the
    free-riding loss a(n ln n − n + 1), which grows with n (sympy closed forms and the
    model's numbers)."""
    T_0 = frac * a
    m = PlatformSubscription(values=[a] * n, base=T_0)
    r = m.solve()
    cf = PlatformSubscription.closed_forms()
    assert r.capacity_nash == pytest.approx(cf.evaluate("capacity_nash", a=a, base=T_0), rel=1e-12)
    assert r.capacity_efficient == pytest.approx(
        cf.evaluate("capacity_efficient", a=a, n=n), rel=1e-12)
    loss = cf.evaluate("free_riding_loss", a=a, n=n)
    assert r.free_riding_loss == pytest.approx(loss, rel=1e-9, abs=1e-9 * a)
    assert sp.simplify(cf["free_riding_loss"].rhs
                       - sp.Symbol("a", positive=True)
                       * (sp.Symbol("n", positive=True, integer=True)
                          * sp.log(sp.Symbol("n", positive=True, integer=True))
                          - sp.Symbol("n", positive=True, integer=True) + 1)) == 0
    bigger = PlatformSubscription(values=[a] * (n + 1), base=T_0).solve()
    assert bigger.free_riding_loss > r.free_riding_loss
    assert bigger.provision_ratio < r.provision_ratio


@given(st.floats(0.1, 5.0), st.floats(20.0, 60.0), st.floats(5.0, 15.0),
       st.floats(0.0, 1.0), members(min_size=0, max_size=3))
def test_neutrality_of_transfers_among_contributors(T_0, b, w_a, share, rest):
    """FREE-2 (Warr 1983): member A values the platform more than member B but can give only
    w_A, so it gives everything and B tops the capacity up to its ideal b. Moving budget δ
    from B to A (B still contributing) leaves the capacity and both members' net positions
    (budget left, platform value) unchanged; A's contribution rises by δ, B's falls by δ.
    Others valuing it less than b give nothing."""
    others = [min(x, 0.5 * b) for x in rest]
    vals = [b + 10.0, b] + others
    w_b = 100.0
    delta = share * (b - T_0 - w_a)  # B keeps contributing: w_A + δ < b − T_0
    budgets = [w_a, w_b] + [np.inf] * len(others)
    moved = [w_a + delta, w_b - delta] + [np.inf] * len(others)
    r1 = PlatformSubscription(values=vals, budgets=budgets, base=T_0).solve()
    r2 = PlatformSubscription(values=vals, budgets=moved, base=T_0).solve()
    assert r1.capacity_nash == pytest.approx(b, rel=1e-12)
    assert r2.capacity_nash == pytest.approx(r1.capacity_nash, rel=1e-12)
    np.testing.assert_allclose(r2.contributions[:2] - r1.contributions[:2], [delta, -delta],
                               rtol=0, atol=1e-9 * b)
    left1 = np.asarray(budgets[:2]) - r1.contributions[:2]
    left2 = np.asarray(moved[:2]) - r2.contributions[:2]
    np.testing.assert_allclose(left1, [0.0, w_b - (b - T_0 - w_a)], atol=1e-9 * b)
    np.testing.assert_allclose(left2, left1, atol=1e-9 * b)  # private consumption unchanged
    np.testing.assert_allclose(r1.utility_nash[2:], r2.utility_nash[2:], rtol=1e-12)
    assert not np.any(r1.contributions[2:])


def test_a_worked_example_and_the_cluster_comparison():
    """Three members valuing capacity at 30, 20, 10 (T_0 = 1): only the first contributes
    (29), T_N = 30 against T* = 60; the loss 60 ln 2 − 30 = 11.589; the cluster (enforced
    shares) against voluntary contributions is that loss."""
    m = gt.PlatformSubscription(values=[30.0, 20.0, 10.0])
    r = m.solve()
    assert r.capacity_nash == 30.0 and r.capacity_efficient == 60.0
    np.testing.assert_allclose(r.contributions, [29.0, 0.0, 0.0])
    assert r.free_riding_loss == pytest.approx(60 * np.log(2) - 30, rel=1e-12)
    assert m.cluster_surplus() - m.scattered_surplus() == pytest.approx(r.free_riding_loss)
    # a budget limit on the top member brings the second one in
    r2 = m.replace(budgets=[5.0, np.inf, np.inf]).solve()
    assert r2.capacity_nash == 20.0 and r2.contributors == ("0", "1")
    np.testing.assert_allclose(r2.contributions, [5.0, 14.0, 0.0])


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_unit_invariance(scale):
    """Valuations, budgets and the base capacity in any unit of money: capacities scale,
    contributors and the provision ratio do not."""
    base = PlatformSubscription(values=[30.0, 20.0, 10.0], budgets=[5.0, 40.0, 1.0]).solve()
    r = PlatformSubscription(values=np.array([30.0, 20.0, 10.0]) * scale,
                             budgets=np.array([5.0, 40.0, 1.0]) * scale, base=scale).solve()
    assert r.contributors == base.contributors
    assert r.capacity_nash == pytest.approx(base.capacity_nash * scale, rel=1e-12)
    assert r.provision_ratio == pytest.approx(base.provision_ratio, rel=1e-12)


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(values=[]), "values"),
    (dict(values=[1.0, -2.0]), "values"),
    (dict(values=[1.0, np.nan]), "values"),
    (dict(values=[1.0, 2.0], budgets=[1.0]), "budgets"),
    (dict(values=[1.0, 2.0], budgets=[1.0, -1.0]), "budgets"),
    (dict(values=[1.0, 2.0], budgets="ab"), "budgets"),
    (dict(values=[1.0], base=0.0), "base"),
    (dict(values=[1.0], base=np.inf), "base"),
])
def test_bad_input(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=rf"\b{match}\b"):
        PlatformSubscription(**kwargs)
