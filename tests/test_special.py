"""Airport games and bankruptcy problems: closed forms against the generic solvers,
brute force and the Kohlberg criterion (an LP check independent of any nucleolus code)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words
from scipy.optimize import linprog

import gametheory as gt
from gametheory.coalitional.game import additive_values, members
from gametheory.coalitional.nucleolus import nucleolus


def is_balanced_collection(masks, n):
    """Kohlberg: the collection has strictly positive balancing weights, Σ λ_S 1_S = 1_N.

    Scale-free feasibility LP: λ_S >= 1 and Σ λ_S 1_S = μ·1 for some μ.
    """
    A = np.array([[m >> i & 1 for m in masks] for i in range(n)], float)
    A_eq = np.hstack([A, -np.ones((n, 1))])
    res = linprog(np.zeros(len(masks) + 1), A_eq=A_eq, b_eq=np.zeros(n),
                  bounds=[(1, None)] * len(masks) + [(None, None)], method="highs")
    return res.status == 0


def kohlberg_prenucleolus(game, x, tol=1e-7):
    """Kohlberg (1971, *SIAM J. Appl. Math.* 20:62): an efficient x is the prenucleolus iff
    for every level t the coalitions with excess >= t form a balanced collection.
    Excess: v(S) − x(S) for a worth game, x(S) − c(S) for a cost game."""
    n = game.n
    xs = additive_values(np.asarray(x, float))
    if abs(xs[-1] - game.grand) > tol:
        return False
    ex = (xs - game.v) if isinstance(game, gt.CostGame) else (game.v - xs)
    proper = np.arange(1, 2**n - 1)
    if proper.size == 0:
        return True
    levels = np.sort(np.unique(np.round(ex[proper] / tol) * tol))[::-1]
    for t in levels:
        coll = [int(m) for m in proper if ex[m] >= t - tol / 2]
        if not is_balanced_collection(coll, n):
            return False
    return True


def cost_core(x, c, tol=1e-9):
    xs = additive_values(np.asarray(x, float))
    return abs(xs[-1] - c.grand) <= tol and bool(np.all(xs <= c.v + tol))


costs = st.lists(st.integers(0, 30), min_size=1, max_size=6)

# ------------------------------------------------------------------ airport games


def test_airport_hand_example():
    """Runways of cost 6, 10, 16 (one plane type each): increments 6, 4, 6 shared by
    3, 2, 1 planes give φ = (2, 4, 10) (Littlechild & Owen 1973 rule)."""
    np.testing.assert_allclose(gt.airport_shapley([16, 6, 10]), [10, 2, 4])
    c = gt.airport_game([16, 6, 10], names=["jumbo", "small", "mid"])
    assert c[["small", "mid"]] == 10 and c.grand == 16 and isinstance(c, gt.CostGame)
    # nucleolus of costs 1, 2, 3 by hand: min-excess 1/2 fixes x_1, then x_2 = 3/4
    np.testing.assert_allclose(gt.airport_nucleolus([3, 1, 2]), [1.75, 0.5, 0.75])


@given(costs)
def test_T4_airport_shapley_formula(cs):
    """COOP-4 (Littlechild & Owen 1973): the closed form equals the Shapley value of the
    airport game, and lies in the cost core x(S) <= c(S) (the game is concave)."""
    c = gt.airport_game(cs)
    phi = gt.airport_shapley(cs)
    np.testing.assert_allclose(phi, gt.shapley_value(c), atol=1e-9)
    assert cost_core(phi, c) and phi.kind == "cost"


@given(costs)
def test_airport_nucleolus_kohlberg_and_lp(cs):
    """Littlechild (1974) closed form = the nucleolus: Kohlberg criterion, cost core, and
    the sequential-LP nucleolus of gametheory.coalitional.nucleolus."""
    c = gt.airport_game(cs)
    x = gt.airport_nucleolus(cs)
    assert cost_core(x, c)
    assert kohlberg_prenucleolus(c, x)
    np.testing.assert_allclose(x, nucleolus(c), atol=1e-6)


def test_airport_large_n_closed_forms_and_errors():
    rng = np.random.default_rng(3)
    cs = rng.uniform(0, 100, 5000)
    phi = gt.airport_shapley(cs)
    nu = gt.airport_nucleolus(cs)
    assert abs(phi.sum() - cs.max()) < 1e-8 and abs(nu.sum() - cs.max()) < 1e-8
    # order preserved: a costlier facility never pays less
    order = np.argsort(cs)
    assert np.all(np.diff(phi[order]) >= -1e-12) and np.all(np.diff(nu[order]) >= -1e-9)
    for bad in ([1, -2], [1, np.nan], [], [[1, 2]]):
        with pytest.raises(ValueError):
            gt.airport_shapley(bad)
        with pytest.raises(ValueError):
            gt.airport_nucleolus(bad)
    with pytest.raises(ValueError, match="2\\*\\*30"):
        gt.airport_game(np.ones(30))
    with pytest.raises(ValueError, match=r"\bnames\b"):
        gt.airport_shapley([1, 2], names=["a"])


# ------------------------------------------------------------------ bankruptcy


@pytest.mark.parametrize("estate, expected", [
    (100, [100 / 3] * 3), (200, [50, 75, 75]), (300, [50, 100, 150]),
])
def test_talmud_mishna_estates(estate, expected):
    """Mishna, Ketubot 93a, as resolved by Aumann & Maschler (1985), *JET* 36:195:
    claims 100, 200, 300 and estates 100, 200, 300."""
    claims = [100, 200, 300]
    x = gt.talmud_rule(estate, claims, names=["w1", "w2", "w3"])
    np.testing.assert_allclose(x, expected, rtol=1e-12)
    assert x.names == ("w1", "w2", "w3")
    g = gt.bankruptcy_game(estate, claims)
    np.testing.assert_allclose(nucleolus(g), expected, atol=1e-6)


@given(st.integers(0, 40), st.integers(0, 40), st.floats(0, 1))
def test_contested_garment(d1, d2, frac):
    """Two claimants (Baba Metzia 2a; Aumann & Maschler 1985): each concedes what it does
    not claim, the contested rest is split equally."""
    E = frac * (d1 + d2)
    c1, c2 = max(0.0, E - d2), max(0.0, E - d1)
    expect = np.array([c1, c2]) + (E - c1 - c2) / 2
    np.testing.assert_allclose(gt.talmud_rule(E, [d1, d2]), expect, atol=1e-9)


@given(st.lists(st.integers(0, 40), min_size=1, max_size=5), st.data())
def test_talmud_is_nucleolus_of_bankruptcy_game(claims, data):
    """Aumann & Maschler (1985), Theorem A: the Talmud rule is the nucleolus of the
    bankruptcy game (Kohlberg criterion and the LP nucleolus). Estates in halves of a
    unit, like the Mishna's."""
    E = data.draw(st.integers(0, 2 * sum(claims))) / 2
    g = gt.bankruptcy_game(E, claims)
    x = gt.talmud_rule(E, claims)
    assert kohlberg_prenucleolus(g, x)
    np.testing.assert_allclose(x, nucleolus(g), atol=1e-6)
    assert gt.is_convex(g)  # bankruptcy games are convex (Curiel, Maschler & Tijs 1987)


def bisect_rule(E, d, award):
    """Solve Σ award(d_i, λ) = E for λ by bisection (award increasing in λ)."""
    lo, hi = 0.0, float(max(d)) + 1
    for _ in range(200):
        mid = (lo + hi) / 2
        if sum(award(di, mid) for di in d) < E:
            lo = mid
        else:
            hi = mid
    return np.array([award(di, hi) for di in d])


@given(st.lists(st.integers(0, 40), min_size=1, max_size=7), st.floats(0, 1))
def test_rules_against_bisection(claims, frac):
    D = sum(claims)
    E = frac * D
    d = np.array(claims, float)
    cea = gt.constrained_equal_awards(E, claims)
    np.testing.assert_allclose(cea, bisect_rule(E, d, lambda di, lam: min(di, lam)), atol=1e-7)
    # CEL: x_i = max(0, d_i − μ), decreasing in μ: bisection on ν = max(d) − μ
    top = float(d.max()) if d.size else 0.0
    cel = gt.constrained_equal_losses(E, claims)
    np.testing.assert_allclose(
        cel, bisect_rule(E, d, lambda di, nu: max(0.0, di - (top - nu))), atol=1e-7)
    prop = gt.proportional_rule(E, claims)
    for x in (cea, cel, prop, gt.talmud_rule(E, claims)):
        assert abs(x.sum() - E) < 1e-8
        assert np.all(x >= -1e-12) and np.all(x <= d + 1e-9)
    if D > 0:
        np.testing.assert_allclose(prop, E * d / D)


@given(st.lists(st.integers(0, 30), min_size=1, max_size=5), st.floats(0, 1))
def test_bankruptcy_game_definition(claims, frac):
    E = frac * sum(claims)
    g = gt.bankruptcy_game(E, claims)
    n = len(claims)
    for m in range(2**n):
        outside = sum(claims[i] for i in range(n) if i not in members(m))
        assert abs(g.v[m] - max(0.0, E - outside)) < 1e-9


@pytest.mark.parametrize("estate, claims, msg", [
    (700, [100, 200, 300], "estate <= total claims"),
    (-1, [100, 200], "estate must be >= 0"),
    (100, [100, -200], "non-negative"),
    (np.inf, [100, 200], "finite"),
    (100, [np.nan, 200], "finite"),
    (100, [], "at least one"),
])
def test_bankruptcy_bad_input(estate, claims, msg):
    for f in (gt.bankruptcy_game, gt.talmud_rule, gt.constrained_equal_awards,
              gt.constrained_equal_losses, gt.proportional_rule):
        with pytest.raises(ValueError, match=whole_words(msg)):
            f(estate, claims)


def test_all_zero_claims():
    for f in (gt.talmud_rule, gt.constrained_equal_awards, gt.constrained_equal_losses,
              gt.proportional_rule):
        np.testing.assert_array_equal(f(0, [0, 0]), [0, 0])
