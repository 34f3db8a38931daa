"""Value-type solutions: Shapley, Banzhaf, marginal vectors / Weber set, τ-value, SCRB,
proportional. Published games, brute force in exact rationals, and theorems (Shapley
axioms, COOP-2 convex games) over generated games."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.coalitional.game import additive_values, members, popcounts

# ------------------------------------------------------------------ helpers (independent)


def brute_shapley(table, n):
    """Subset formula, exact Fractions, loops over coalitions (no bitmask tricks)."""
    phi = []
    for i in range(n):
        tot = Fraction(0)
        for mask in range(2**n):
            if mask >> i & 1:
                continue
            s = bin(mask).count("1")
            w = Fraction(math.factorial(s) * math.factorial(n - s - 1), math.factorial(n))
            tot += w * (Fraction(table[mask | 1 << i]) - Fraction(table[mask]))
        phi.append(tot)
    return phi


def brute_banzhaf(table, n):
    return [sum(Fraction(table[m | 1 << i]) - Fraction(table[m])
                for m in range(2**n) if not m >> i & 1) / 2 ** (n - 1) for i in range(n)]


def permutation_mean(table, n):
    """Mean of marginal vectors over all n! orders, exact (Shapley 1953 definition)."""
    tot = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            tot[i] += Fraction(table[mask | 1 << i]) - Fraction(table[mask])
            mask |= 1 << i
    return [t / math.factorial(n) for t in tot]


def in_core(x, table, n, tol=1e-9):
    """x(S) >= v(S) for every coalition and x(N) = v(N)."""
    xs = additive_values(x)
    return abs(xs[-1] - table[-1]) <= tol and bool(np.all(xs >= np.asarray(table) - tol))


@st.composite
def games(draw, min_n=1, max_n=5, lo=-20, hi=20):
    n = draw(st.integers(min_n, max_n))
    vals = draw(st.lists(st.integers(lo, hi), min_size=2**n - 1, max_size=2**n - 1))
    return gt.TUGame([0, *vals])


@st.composite
def convex_games(draw, min_n=1, max_n=5):
    """Σ_T λ_T u_T with λ_T >= 0 for |T| >= 2 plus an arbitrary additive part: convex."""
    n = draw(st.integers(min_n, max_n))
    lam = draw(st.lists(st.integers(0, 6), min_size=2**n, max_size=2**n))
    add = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    v = np.array(additive_values(add))
    for t in range(1, 2**n):
        if bin(t).count("1") >= 2 and lam[t]:
            v += lam[t] * ((np.arange(2**n) & t) == t)
    return gt.TUGame(v)


# ------------------------------------------------------------------ Shapley: published games


def test_shapley_shubik_un_security_council():
    """Shapley & Shubik (1954), *APSR* 48:787: UN Security Council as [39; 7×5, 1×10].

    Published indices: permanent 0.1963, non-permanent 0.001865; exactly 421/2145 and
    4/2145.
    """
    w = np.array([7] * 5 + [1] * 10)
    g = gt.TUGame((additive_values(w) >= 39).astype(float))
    phi = gt.shapley_value(g)
    np.testing.assert_allclose(phi[:5], 421 / 2145, rtol=1e-12)
    np.testing.assert_allclose(phi[5:], 4 / 2145, rtol=1e-12)
    assert round(float(phi[0]), 4) == 0.1963 and round(float(phi[5]), 6) == 0.001865
    # Banzhaf swings: 848 for a permanent, 84 for a non-permanent member (of 2**14)
    beta = gt.banzhaf_value(g)
    np.testing.assert_allclose(beta[:5], 848 / 2**14, rtol=1e-12)
    np.testing.assert_allclose(beta[5:], 84 / 2**14, rtol=1e-12)
    nb = gt.banzhaf_value(g, normalized=True)
    assert round(float(nb[0]), 4) == 0.1669 and abs(nb.sum() - 1) < 1e-12


def test_weighted_majority_and_glove_game():
    """[3; 2, 1, 1] and the glove game L={0}, R={1,2} both give (2/3, 1/6, 1/6)
    (e.g. Maschler, Solan & Zamir 2013, *Game Theory*, ch. 18)."""
    wm = gt.TUGame((additive_values([2, 1, 1]) >= 3).astype(float))
    glove = gt.TUGame(lambda S: min(len(S & {0}), len(S & {1, 2})), n=3)
    for g in (wm, glove):
        np.testing.assert_allclose(gt.shapley_value(g), [2 / 3, 1 / 6, 1 / 6], atol=1e-15)


def test_tva_shapley_and_scrb():
    """Tennessee Valley Authority cost game (navigation, flood control, power; $1000s),
    Straffin & Heaney (1981), *IJGT* 10:35, reproduced in Young ed. (1985) *Cost
    Allocation*: Shapley ≈ (117,829; 100,756.5; 193,998.5), SCRB ≈ (117,476; 99,157;
    195,951). The cost data and these figures are as commonly reproduced; the source text
    was not available to check them against, so the independent check here is the exact
    Fraction computation of SCRB from its definition."""
    c = gt.CostGame.from_lex([163520, 140826, 250096, 301607, 378821, 367370, 412584],
                             names=["navigation", "flood", "power"])
    phi = gt.shapley_value(c)
    np.testing.assert_allclose(phi, [117829, 100756.5, 193998.5], atol=1e-6)
    assert phi.kind == "cost" and phi.names == ("navigation", "flood", "power")
    scrb = gt.scrb_allocation(c)
    np.testing.assert_allclose(np.round(scrb), [117476, 99157, 195951])
    # exact SCRB from the definition in Fractions
    v = [Fraction(int(t)) for t in c.v]
    full = 7
    m = [v[full] - v[full ^ (1 << i)] for i in range(3)]
    r = [v[1 << i] - m[i] for i in range(3)]
    g = v[full] - sum(m)
    exact = [m[i] + r[i] * g / sum(r) for i in range(3)]
    np.testing.assert_allclose(scrb, [float(e) for e in exact], rtol=1e-14)
    # cost-core: x(S) <= c(S)
    assert np.all(additive_values(scrb) <= c.v + 1e-6)


# ------------------------------------------------------------------ Shapley: brute force & axioms


@given(games())
def test_shapley_equals_subset_formula_and_permutation_mean(g):
    exact = brute_shapley(g.v.astype(int), g.n)
    phi = gt.shapley_value(g)
    np.testing.assert_allclose(phi, [float(e) for e in exact], atol=1e-10)
    if g.n <= 4:
        assert permutation_mean(g.v.astype(int), g.n) == exact
    np.testing.assert_allclose(gt.weber_set(g).mean(axis=0), phi, atol=1e-10)


@given(games(min_n=2), games(min_n=2), st.data())
def test_shapley_axioms(g, h, data):
    """Shapley (1953): efficiency, symmetry, null player, additivity."""
    n = g.n
    phi = gt.shapley_value(g)
    assert abs(phi.sum() - g.grand) < 1e-9                                  # efficiency
    if h.n == n:                                                            # additivity
        both = gt.TUGame(g.v + h.v)
        np.testing.assert_allclose(gt.shapley_value(both), phi + gt.shapley_value(h), atol=1e-9)
    # symmetry: symmetrise g in players i, j
    i, j = sorted(data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2,
                                     unique=True)))
    masks = np.arange(2**n)
    bi, bj = (masks >> i) & 1, (masks >> j) & 1
    swapped = masks & ~((1 << i) | (1 << j)) | (bi << j) | (bj << i)
    sym = gt.TUGame(g.v + g.v[swapped])
    ps = gt.shapley_value(sym)
    assert abs(ps[i] - ps[j]) < 1e-9
    # null player k: v(S ∪ k) = v(S)
    k = data.draw(st.integers(0, n - 1))
    null = gt.TUGame(g.v[masks & ~(1 << k)])
    pn = gt.shapley_value(null)
    assert abs(pn[k]) < 1e-12
    np.testing.assert_allclose(np.delete(pn, k),
                               gt.shapley_value(g.subgame([p for p in range(n) if p != k])),
                               atol=1e-9)


@given(games(max_n=4))
def test_cost_game_shapley_matches_savings_route(g):
    """A cost game's Shapley shares equal c({i}) − φ_i(savings game)."""
    c = gt.CostGame(g.v)
    direct = gt.shapley_value(c)
    via = c.singletons - gt.shapley_value(c.savings_game())
    np.testing.assert_allclose(direct, via, atol=1e-9)
    assert abs(direct.sum() - c.grand) < 1e-9 and direct.kind == "cost"


def test_shapley_n22_symmetric_plus_additive():
    """n = 22 works: v(S) = |S|² + Σ_{i∈S} w_i has φ_i = n + w_i (symmetry, additivity)."""
    n = 22
    w = np.arange(n, dtype=float)
    v = popcounts(n).astype(float) ** 2 + additive_values(w)
    phi = gt.shapley_value(gt.TUGame(v))
    np.testing.assert_allclose(phi, n + w, rtol=1e-9)


def test_shapley_one_player():
    assert list(gt.shapley_value(gt.TUGame([0, 5]))) == [5.0]
    assert list(gt.banzhaf_value(gt.TUGame([0, 5]), normalized=True)) == [5.0]


# ------------------------------------------------------------------ Banzhaf


@given(games())
def test_banzhaf_brute_force(g):
    exact = brute_banzhaf(g.v.astype(int), g.n)
    beta = gt.banzhaf_value(g)
    np.testing.assert_allclose(beta, [float(e) for e in exact], atol=1e-10)
    if abs(beta.sum()) > 1e-6:
        nb = gt.banzhaf_value(g, normalized=True)
        np.testing.assert_allclose(nb, beta * g.grand / beta.sum(), atol=1e-9)
        assert abs(nb.sum() - g.grand) < 1e-9


def test_banzhaf_normalised_on_cost_game_is_direct():
    """Documented: the normalised Banzhaf cost shares split c(N) in proportion to the raw
    Banzhaf cost shares of c, which differs from the savings-game route."""
    c = gt.CostGame([0, 4, 6, 8, 10, 12, 14, 15])
    raw = gt.banzhaf_value(c)
    np.testing.assert_allclose(raw, c.singletons - gt.banzhaf_value(c.savings_game()))
    nb = gt.banzhaf_value(c, normalized=True)
    np.testing.assert_allclose(nb, raw * c.grand / raw.sum())
    s = c.savings_game()
    via = c.singletons - gt.banzhaf_value(s, normalized=True)
    assert not np.allclose(nb, via)


def test_banzhaf_normalised_zero_sum_error():
    g = gt.TUGame([0, 1, -1, 0])
    with pytest.raises(ValueError, match="sum to 0"):
        gt.banzhaf_value(g, normalized=True)


# ---------------------------------------------------------- marginal vectors, Weber set, COOP-2


def test_marginal_vector_by_names_and_errors():
    g = gt.TUGame([0, 1, 2, 4, 3, 5, 6, 9], names="abc")
    x = gt.marginal_vector(g, ["c", "a", "b"])
    # c first: 3; then a: v(ac)-v(c) = 5-3; then b: 9-5
    np.testing.assert_array_equal(x, [2, 4, 3])
    assert "c→a→b" in x.method
    np.testing.assert_array_equal(gt.weber_set(g)[0], gt.marginal_vector(g, [0, 1, 2]))
    for bad in ([0, 1], [0, 1, 1], ["a", "b", "z"], 5):
        with pytest.raises(ValueError):
            gt.marginal_vector(g, bad)


def test_weber_set_size_limit():
    g = gt.TUGame(popcounts(10).astype(float))
    with pytest.raises(ValueError, match="n <= 9"):
        gt.weber_set(g)


@given(convex_games())
def test_T2_convex_marginal_vectors_and_shapley_in_core(g):
    """COOP-2 (Shapley 1971): in a convex game every marginal vector, hence the Shapley
    value, lies in the core (x(S) >= v(S) for all S)."""
    assert gt.is_convex(g)
    for x in gt.weber_set(g):
        assert in_core(x, g.v, g.n)
    assert in_core(gt.shapley_value(g), g.v, g.n)


@given(games(min_n=2, max_n=4, lo=-3, hi=8))
def test_ichiishi_converse(g):
    """Ichiishi (1981, *JET* 25:283): all marginal vectors in the core ⇔ convex."""
    all_in = all(in_core(x, g.v, g.n) for x in gt.weber_set(g))
    assert all_in == gt.is_convex(g)


# ------------------------------------------------------------------ τ-value


def brute_tau(table, n):
    """τ from Tijs (1981) with explicit loops, exact Fractions."""
    v = [Fraction(int(t)) for t in table]
    full = 2**n - 1
    M = [v[full] - v[full ^ (1 << i)] for i in range(n)]
    m = []
    for i in range(n):
        m.append(max(v[S] - sum(M[j] for j in members(S) if j != i)
                     for S in range(2**n) if S >> i & 1))
    if any(a > b for a, b in zip(m, M, strict=True)) or not sum(m) <= v[full] <= sum(M):
        return None
    if sum(M) == sum(m):
        return m
    a = (v[full] - sum(m)) / (sum(M) - sum(m))
    return [m[i] + a * (M[i] - m[i]) for i in range(n)]


@given(games(max_n=4, lo=-5, hi=15))
def test_tau_brute_force(g):
    exact = brute_tau(g.v, g.n)
    if exact is None:
        with pytest.raises(ValueError, match="quasi-balanced"):
            gt.tau_value(g)
    else:
        np.testing.assert_allclose(gt.tau_value(g), [float(e) for e in exact], atol=1e-9)


@given(games(min_n=2, max_n=2))
def test_tau_equals_shapley_for_two_players(g):
    """For n = 2, m_i = v(i) and M_i = v(N) − v(j): quasi-balanced iff v(N) ≥ v(1) + v(2),
    and then τ = Shapley = the standard solution (Tijs 1981)."""
    if g.grand < g.singletons.sum():
        with pytest.raises(ValueError):
            gt.tau_value(g)
    else:
        np.testing.assert_allclose(gt.tau_value(g), gt.shapley_value(g), atol=1e-12)


def adjusted_proportional(E, d):
    """Curiel, Maschler & Tijs (1987), *Zeitschrift für OR* 31:A143: give the minimal
    rights m_i = max(0, E − Σ_{j≠i} d_j), truncate the reduced claims at the remaining
    estate, and divide it in proportion to them."""
    d = np.asarray(d, float)
    m = np.maximum(0.0, E - (d.sum() - d))
    rest = E - m.sum()
    dd = np.minimum(d - m, rest)
    return m if dd.sum() == 0 else m + rest * dd / dd.sum()


@given(st.lists(st.integers(0, 50), min_size=1, max_size=6), st.floats(0, 1))
def test_tau_of_bankruptcy_game_is_adjusted_proportional(claims, frac):
    """Curiel, Maschler & Tijs (1987): τ(v_{E,d}) = adjusted proportional rule."""
    E = frac * sum(claims)
    g = gt.bankruptcy_game(E, claims)
    np.testing.assert_allclose(gt.tau_value(g), adjusted_proportional(E, claims), atol=1e-8)


def test_tau_not_quasi_balanced_error_and_cost_game():
    g = gt.TUGame.from_lex([1, 1, 1, 0, 0, 0, 0])
    with pytest.raises(ValueError, match="quasi-balanced"):
        gt.tau_value(g)
    c = gt.CostGame.from_lex([6, 8, 10, 12, 14, 16, 18])
    np.testing.assert_allclose(gt.tau_value(c), c.singletons - gt.tau_value(c.savings_game()))


# ------------------------------------------------------------------ SCRB, proportional


@given(convex_games(min_n=2, max_n=5))
def test_scrb_efficient_and_equals_tau_on_concave_cost_games(g):
    """For a cost game whose savings game is convex, the minimal rights of the savings
    game are 0, and SCRB = τ-value (Tijs & Driessen 1986, *Management Science*
    32:1015, §5); efficiency x(N) = c(N) always."""
    c = gt.CostGame(additive_values(np.full(g.n, 50.0)) - g.v + additive_values(g.singletons))
    assert gt.is_convex(c)
    try:
        x = gt.scrb_allocation(c)
    except ValueError as exc:  # Σ r = 0 with g ≠ 0 cannot happen here; only r = 0, g = 0
        raise AssertionError(exc) from None
    assert abs(x.sum() - c.grand) < 1e-9
    np.testing.assert_allclose(x, gt.tau_value(c), atol=1e-8)
    # worth-game SCRB of the savings game maps back to the cost-game SCRB
    np.testing.assert_allclose(c.singletons - gt.scrb_allocation(c.savings_game()), x, atol=1e-8)


def test_scrb_edge_cases():
    additive = gt.CostGame(additive_values([1, 2, 3]))
    np.testing.assert_allclose(gt.scrb_allocation(additive), [1, 2, 3])  # Σr = 0, g = 0
    # r_i < 0: separable cost 10 − 1 = 9 above stand-alone 2
    bad = gt.CostGame.from_lex([2, 2, 2, 4, 4, 1, 10])
    with pytest.raises(ValueError, match="remaining benefits"):
        gt.scrb_allocation(bad)
    # Σr = 0 but g ≠ 0: c(i) = c(pairs) = 1, c(N) = 2 gives m_i = 1 = c(i), g = −1
    zero_r = gt.CostGame.from_lex([1, 1, 1, 1, 1, 1, 2])
    with pytest.raises(ValueError, match=r"\bundefined\b"):
        gt.scrb_allocation(zero_r)


def test_proportional_allocation():
    c = gt.CostGame.from_lex([10, 20, 30, 25, 35, 45, 48])
    x = gt.proportional_allocation(c)
    np.testing.assert_allclose(x, np.array([10, 20, 30]) / 60 * 48)
    y = gt.proportional_allocation(c, weights=[1, 1, 2])
    np.testing.assert_allclose(y, [12, 12, 24])
    assert "given weights" in y.method
    with pytest.raises(ValueError, match="non-negative"):
        gt.proportional_allocation(c, weights=[1, -1, 2])
    with pytest.raises(ValueError, match="one entry per player"):
        gt.proportional_allocation(c, weights=[1, 1])
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        gt.proportional_allocation(c, weights=[1, np.nan, 1])
    with pytest.raises(ValueError, match="explicit weights"):
        gt.proportional_allocation(gt.TUGame([0, 0, 0, 1]))


def test_not_a_game():
    with pytest.raises(TypeError):
        gt.shapley_value([0, 1, 1, 2])


def test_proportional_allocation_with_small_stand_alone_values():
    """Weights are the stand-alone values whatever their unit: v({i}) = 0.5 and 1.5 split
    v(N) = 4 as 1 : 3 (and the same game in cents gives the same shares)."""
    for scale in (1.0, 100.0, 1e-6):
        x = gt.proportional_allocation(gt.TUGame(scale * np.array([0, 0.5, 1.5, 4.0])))
        np.testing.assert_allclose(x, scale * np.array([1.0, 3.0]), rtol=1e-12)


def test_tau_value_when_minimal_rights_meet_utopia_within_the_tolerance():
    """Tijs (1981): when ``Σ(M − m)`` is within the tolerance the segment is a point and
    the τ-value is ``m`` plus an equal share of what efficiency still needs. Two
    symmetric players, ``v(1) = v(2) = 1``, ``v(12) = 2.05``: ``m = (1, 1)``,
    ``M = (1.05, 1.05)``; at a loose tolerance (``span = 0.1`` counts as a point) the
    answer must still be efficient and symmetric, ``(1.025, 1.025)`` — the value of the
    α-formula too."""
    g = gt.TUGame([0.0, 1.0, 1.0, 2.05])
    loose = gt.tau_value(g, tol=0.1)
    np.testing.assert_allclose(loose, [1.025, 1.025], rtol=1e-12)
    np.testing.assert_allclose(gt.tau_value(g), loose, rtol=1e-12)
