"""The assignment game (Shapley & Shubik 1971): matching, core from the LP dual, extremes.

Cross-checks: the optimal matching against brute force over all matchings; the LP dual
against the engine's core on the full characteristic function (``in_core`` on the
``TUGame``); the shortest-path extremes against the LP extremes and against Leonard's
marginal contributions ``v(N) − v(N∖i)``; the lattice operations against ``in_core``.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.coalitional import core_vertices, in_core


def brute_force_value(a: np.ndarray) -> float:
    """Best total surplus over every injective map of the smaller side into the larger."""
    m, n = a.shape
    if m <= n:
        return max(sum(a[i, p[i]] for i in range(m)) for p in itertools.permutations(range(n), m))
    return brute_force_value(a.T)


@st.composite
def markets(draw, max_side=4):
    m = draw(st.integers(1, max_side))
    n = draw(st.integers(1, max_side))
    vals = draw(st.lists(st.integers(0, 12), min_size=m * n, max_size=m * n))
    scale = draw(st.sampled_from([1.0, 0.37, 1e3]))
    return np.array(vals, dtype=float).reshape(m, n) * scale


@given(markets())
def test_lp_dual_is_in_core_and_value_is_vN(a):
    """COOP-5: the optimal dual of the assignment LP is in the core of the TU game, and the
    LP value (the optimal matching) equals v(N) computed by brute force over matchings."""
    g = gt.AssignmentGame(a)
    assert g.value == pytest.approx(brute_force_value(a), rel=1e-12, abs=0)
    G = g.tu_game()
    assert G.grand == pytest.approx(g.value, rel=1e-12, abs=0)
    p = g.core_lp()
    assert float(p.allocation.sum()) == pytest.approx(g.value, rel=1e-7, abs=1e-9 * a.max())
    assert in_core(G, p.allocation, tol=1e-7)
    assert g.in_core(p.buyers, p.sellers, rtol=1e-7)


@given(markets())
def test_extremes_shortest_paths_equal_lp_and_marginal_contributions(a):
    """COOP-5 (extremes): the buyer- (seller-) optimal core point from shortest paths equals
    the LP maximiser of the buyers' (sellers') total and gives every buyer (seller) its
    marginal contribution v(N) − v(N∖i) (Leonard 1983); both points are in the engine's core."""
    g = gt.AssignmentGame(a)
    G = g.tu_game()
    bo, so = g.core_extremes()
    mb, ms = g.marginal_contributions()
    tol = 1e-9 * max(a.max(), 1e-300)
    np.testing.assert_allclose(bo.buyers, mb, rtol=0, atol=tol)
    np.testing.assert_allclose(so.sellers, ms, rtol=0, atol=tol)
    assert in_core(G, bo.allocation) and in_core(G, so.allocation)
    lp_b, lp_s = g.core_lp("buyers"), g.core_lp("sellers")
    np.testing.assert_allclose(lp_b.allocation, bo.allocation, rtol=0, atol=1e-6 * a.max() + 1e-12)
    np.testing.assert_allclose(lp_s.allocation, so.allocation, rtol=0, atol=1e-6 * a.max() + 1e-12)
    # the sides' orders: every core point lies between the extremes
    p = g.core_lp()
    assert np.all(p.buyers <= bo.buyers + 1e-6 * a.max() + 1e-12)
    assert np.all(p.buyers >= so.buyers - 1e-6 * a.max() - 1e-12)


@given(markets(max_side=3), st.data())
def test_lattice_join_and_meet_are_core_points(a, data):
    """COOP-5 (lattice): for two core points (vertices of the engine's core), the join
    (max u, min w) and the meet (min u, max w) are again in the core."""
    g = gt.AssignmentGame(a)
    G = g.tu_game()
    V = core_vertices(G)
    i = data.draw(st.integers(0, len(V) - 1))
    j = data.draw(st.integers(0, len(V) - 1))
    p = g._point(V[i][: g.m], V[i][g.m:], "vertex")
    q = g._point(V[j][: g.m], V[j][g.m:], "vertex")
    for side in ("buyers", "sellers"):
        for x in (g.join(p, q, side), g.meet(p, q, side)):
            assert in_core(G, x.allocation, tol=1e-7)
            assert g.in_core(x.buyers, x.sellers, rtol=1e-7)


def test_small_example_by_hand():
    """COOP-5 on a 2×2 market checked by hand: v(N) = 8 + 7 = 15; v(N∖b0) = 9 and
    v(N∖b1) = 8, so the buyer-optimal payoffs are (6, 7) and the sellers get (0, 2)."""
    g = gt.AssignmentGame([[5, 8], [7, 9]], buyers=["F1", "F2"], sellers=["S1", "S2"])
    assert g.matching().pairs == ((0, 1), (1, 0))
    assert g.value == 15
    bo, so = g.core_extremes()
    assert bo.buyers.tolist() == [6, 7] and bo.sellers.tolist() == [0, 2]
    assert so.sellers.tolist() == [6, 8] and so.buyers.tolist() == [0, 1]
    assert g.worth(["F1", "S1"]) == 5 and g.worth([0, 1, 3]) == 9


def test_rectangular_and_zero_rows():
    """Unmatched agents get 0 in every core point; a buyer with no gain from trade is a null
    player (COOP-5)."""
    a = np.array([[4.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    g = gt.AssignmentGame(a)
    bo, so = g.core_extremes()
    assert bo.buyers[1] == 0 and so.buyers[1] == 0
    # buyer 0 can always turn to seller 1 (surplus 1): seller 0 gets at most 4 − 1 = 3
    assert bo.buyers[0] == 4 and so.buyers[0] == 1 and so.sellers.tolist() == [3, 0, 0]
    assert in_core(g.tu_game(), bo.allocation) and in_core(g.tu_game(), so.allocation)


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam, rng):
    """Scaling money by λ scales the extremes and the LP point by λ; the matching is unchanged."""
    a = rng.uniform(0, 10, (6, 5))
    g, h = gt.AssignmentGame(a), gt.AssignmentGame(a * lam)
    assert g.matching().pairs == h.matching().pairs
    for p, q in zip(g.core_extremes(), h.core_extremes()):
        np.testing.assert_allclose(q.allocation, lam * np.asarray(p.allocation), rtol=1e-9)
        assert h.in_core(q.buyers, q.sellers)
    assert h.in_core(h.core_lp().buyers, h.core_lp().sellers, rtol=1e-7)
    # a point just outside the core stays outside at every scale
    bo = h.buyer_optimal()
    assert not h.in_core(bo.buyers * 1.01, bo.sellers)


def test_large_market_fast_path_against_marginal_contributions(rng):
    """COOP-5 at scale: a 60 × 50 market's shortest-path extremes equal the marginal
    contributions computed by re-solving the assignment without each agent."""
    a = rng.uniform(0, 1, (60, 50))
    g = gt.AssignmentGame(a)
    mb, ms = g.marginal_contributions()
    np.testing.assert_allclose(g.buyer_optimal().buyers, mb, atol=1e-9)
    np.testing.assert_allclose(g.seller_optimal().sellers, ms, atol=1e-9)
    assert g.buyer_optimal().error <= 1e-9 and g.seller_optimal().error <= 1e-9


@pytest.mark.parametrize("bad, match", [
    ([[1, -2]], r"\bsurplus\b"),
    ([[1, float("nan")]], r"\bsurplus\b"),
    ([1, 2], r"\bsurplus\b"),
    (np.zeros((0, 2)), r"\bsurplus\b"),
])
def test_bad_surplus(bad, match):
    with pytest.raises(ValueError, match=match):
        gt.AssignmentGame(bad)


def test_bad_arguments():
    g = gt.AssignmentGame([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match=r"\bside\b"):
        g.core_lp("both")
    with pytest.raises(ValueError, match=r"\bcoalition\b"):
        g.worth(["nobody"])
    with pytest.raises(ValueError, match=r"\bcoalition\b"):
        g.worth([7])
    with pytest.raises(ValueError, match=r"\bpayoffs\b"):
        g.in_core([1, 2, 3])
    with pytest.raises(ValueError, match=r"\bbuyer\b"):
        gt.AssignmentGame([[1, 2]], buyers=["a", "b"])
    with pytest.raises(ValueError, match=r"\btu_game\b"):
        gt.AssignmentGame(np.ones((9, 9))).tu_game()
