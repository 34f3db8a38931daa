"""Core, least core, Bondareva–Shapley weights and core vertices: published games, exact
cross-checks, full-LP baselines and theorems COOP-1, COOP-2 and COOP-7."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples
from scipy.optimize import linprog

import gametheory as gt
from gametheory.coalitional import lp as lp_module
from gametheory.coalitional.game import popcounts
from gametheory.coalitional.lp import coalition_rows, subset_sums


def bankruptcy(estate, claims):
    claims = np.asarray(claims, dtype=float)
    cs = subset_sums(claims)
    return gt.TUGame(np.maximum(0.0, estate - (cs[-1] - cs)))


def majority3():
    return gt.TUGame(lambda S: 1.0 if len(S) >= 2 else 0.0, n=3)


def full_lp_min_sum(v, n):
    """min Σx s.t. x(S) >= v(S) for every non-empty S, all 2**n − 1 rows (scipy/HiGHS)."""
    masks = np.arange(1, 2**n)
    A = coalition_rows(masks, n)
    res = linprog(np.ones(n), A_ub=-A, b_ub=-v[masks], bounds=[(None, None)] * n,
                  method="highs")
    assert res.status == 0
    return res.fun


def full_lp_least_core(v, n):
    """max ε s.t. x(N) = v(N), x(S) >= v(S) + ε for every proper S (all rows)."""
    masks = np.arange(1, 2**n - 1)
    A = coalition_rows(masks, n)
    A_ub = np.hstack([-A, np.ones((len(masks), 1))])
    res = linprog(np.r_[np.zeros(n), -1.0], A_ub=A_ub, b_ub=-v[masks],
                  A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[v[-1]],
                  bounds=[(None, None)] * (n + 1), method="highs")
    assert res.status == 0
    return -res.fun


games = st.integers(2, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(-10, 30), min_size=2**n - 1,
                                                max_size=2**n - 1)))


def make(data):
    n, vals = data
    return gt.TUGame(np.array([0.0] + [float(a) for a in vals]))


# ------------------------------------------------------------------ published games
def test_talmud_200_least_core_and_core():
    """Aumann & Maschler (1985) J. Econ. Theory 36:195, estate 200, claims 100/200/300:
    v(23) = 100, v(123) = 200, other v(S) = 0. Core non-empty, least core ε = 50
    (x1 >= ε and x2 + x3 >= 100 + ε leave 50 − 2ε... ε = 50 by hand)."""
    g = bankruptcy(200, (100, 200, 300))
    lc = gt.least_core(g)
    assert lc.epsilon == pytest.approx(50.0, abs=1e-9)
    assert lc.guarantee == "certified"
    assert gt.has_nonempty_core(g)
    x = gt.core_point(g)
    assert gt.in_core(g, x) and x.guarantee == "certified"
    # the library's nucleolus is Aumann & Maschler's (50, 75, 75) and lies in the library's
    # least core: every proper coalition gets at least v(S) + ε, with equality somewhere
    nu = gt.nucleolus(g)
    np.testing.assert_allclose(nu, [50, 75, 75], atol=1e-7)
    surplus = subset_sums(np.asarray(nu))[1:-1] - g.v[1:-1]
    assert surplus.min() == pytest.approx(lc.epsilon, abs=1e-7)
    assert gt.in_core(g, nu)


def test_glove_game_core_is_one_point():
    """Glove game, one left and two right gloves (Maschler, Solan & Zamir 2013, Game Theory,
    ch. 17): core = {(1, 0, 0)}, least core ε = 0."""
    g = gt.TUGame(lambda S: 1.0 if 0 in S and len(S) >= 2 else 0.0, n=3)
    assert gt.least_core(g).epsilon == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(gt.core_point(g), [1, 0, 0], atol=1e-9)
    np.testing.assert_allclose(gt.core_vertices(g), [[1, 0, 0]], atol=1e-9)
    assert gt.in_core(g, [1, 0, 0]) and not gt.in_core(g, [0.9, 0.1, 0])


def test_majority_game_empty_core_certificate():
    """3-player majority game: core empty; the balanced collection {12, 13, 23} with weights
    1/2 gives Σ λ v = 3/2 > 1 = v(N) (Bondareva 1963; Shapley 1967)."""
    g = majority3()
    assert not gt.has_nonempty_core(g)
    assert not gt.is_balanced(g)
    lc = gt.least_core(g)
    assert lc.epsilon == pytest.approx(-1 / 3, abs=1e-9) and lc.core_is_empty
    bw = gt.balancing_weights(g)
    assert not bw.balanced
    assert bw.value == pytest.approx(1.5)
    assert bw.weights == pytest.approx({frozenset({0, 1}): 0.5, frozenset({0, 2}): 0.5,
                                        frozenset({1, 2}): 0.5})
    # the certificate, in exact arithmetic: Σ_{S∋i} λ_S = 1 and Σ λ_S v(S) > v(N)
    lam = {S: Fraction(w).limit_denominator(100) for S, w in bw.weights.items()}
    for i in range(3):
        assert sum(w for S, w in lam.items() if i in S) == 1
    assert sum(w * Fraction(g.value(S)) for S, w in lam.items()) > Fraction(g.grand)
    with pytest.raises(ValueError, match="core is empty.*Bondareva–Shapley"):
        gt.core_point(g)
    assert gt.core_vertices(g).shape == (0, 3)


def test_cost_game_core_orientation():
    """Cost allocation core x(S) <= c(S): the airport game c = max cost (Littlechild &
    Owen 1973) has the cost nucleolus in its core, and x(S) <= c(S) at the core point."""
    g = gt.airport_game([2, 5, 9, 10])
    x = gt.core_point(g)
    assert x.kind == "cost"
    assert np.all(subset_sums(x) <= g.v + 1e-9)
    assert gt.in_core(g, x)
    assert gt.in_core(g, [4, 1, 2, 3]) is False  # player 0 pays more than c({0}) = 2
    assert gt.in_core(g, [0, 0, 0, 10]) is True
    # Littlechild & Owen (1973) Management Sci. 20:370: the airport Shapley value splits each
    # runway segment equally among its users: (2/4, 2/4 + 3/3, …) = (0.5, 1.5, 3.5, 4.5);
    # it is in the core of this concave cost game
    assert gt.in_core(g, [0.5, 1.5, 3.5, 4.5])
    lc = gt.least_core(g)
    assert lc.epsilon >= 0 and lc.allocation.kind == "cost"
    assert np.all(subset_sums(lc.allocation)[1:-1] <= g.v[1:-1] - lc.epsilon + 1e-9)
    bw = gt.balancing_weights(g)
    assert bw.balanced and bw.value >= g.grand - 1e-9 and bw.kind == "cost"


def test_cost_core_equals_savings_core():
    """x in the cost core iff c({i}) − x_i is in the core of the savings game."""
    c = gt.CostGame([0, 10, 12, 16, 14, 20, 22, 26])
    s = c.savings_game()
    for x in [gt.core_point(c), [8, 8, 10], [10, 10, 6], [4, 10, 12]]:
        assert gt.in_core(c, x) == gt.in_core(s, c.singletons - np.asarray(x))
    np.testing.assert_allclose(gt.core_vertices(c),
                               sorted_rows(c.singletons - gt.core_vertices(s)), atol=1e-9)


def sorted_rows(a):
    a = np.asarray(a)
    return a[np.lexsort(np.round(a, 7).T[::-1])]


# ------------------------------------------------------------------ theorem COOP-1
@examples(0.67)
@given(games)
def test_T1_bondareva_shapley(data):
    """COOP-1 (Bondareva 1963; Shapley 1967): min{Σx : x(S) >= v(S)} = max{Σλv : λ balanced},
    and the core is non-empty iff that value is v(N). The min side is a full-table LP
    (independent of the row generation), the max side our certificate λ."""
    g = make(data)
    n = g.n
    bw = gt.balancing_weights(g)
    assert bw.value == pytest.approx(full_lp_min_sum(g.v, n), abs=1e-7)
    cover = np.zeros(n)
    for S, w in bw.weights.items():
        assert w > 0
        cover[list(S)] += w
    np.testing.assert_allclose(cover, 1.0, atol=1e-9)
    assert bw.balanced == (bw.value <= g.grand + 1e-7)
    assert gt.has_nonempty_core(g) == bw.balanced == gt.is_balanced(g)


@examples(0.67)
@given(games)
def test_least_core_sign_matches_core_and_full_lp(data):
    """COOP-7: least-core ε >= 0 ⇔ core ≠ ∅; ε equals the full 2**n-row LP; the point attains it."""
    g = make(data)
    lc = gt.least_core(g)
    assert lc.epsilon == pytest.approx(full_lp_least_core(g.v, g.n), abs=1e-7)
    assert (lc.epsilon >= -1e-9) == gt.is_balanced(g)
    x = np.asarray(lc.allocation)
    xs = subset_sums(x)
    assert np.all(xs[1:-1] >= g.v[1:-1] + lc.epsilon - 1e-7)
    if lc.epsilon >= 0:
        assert gt.in_core(g, gt.core_point(g))
    else:
        with pytest.raises(ValueError, match="core is empty"):
            gt.core_point(g)


@examples(0.25)
@given(games)
def test_cvxpy_and_highs_least_core_agree(data):
    """The cvxpy program (core_program) and the HiGHS row generation give the same ε."""
    g = make(data)
    a = gt.least_core(g)
    b = gt.least_core(g, method="cvxpy")
    assert b.epsilon == pytest.approx(a.epsilon, abs=1e-6)
    assert b.error < 1e-6


def test_core_program_is_extensible():
    """A user adds a constraint to the cvxpy program: cap player 2's payoff."""
    import cvxpy as cp

    g = bankruptcy(200, (100, 200, 300))
    prog = gt.core_program(g)
    assert prog.masks.shape == (6,)
    prob = cp.Problem(prog.problem.objective, prog.problem.constraints + [prog.x[2] <= 60])
    prob.solve()
    assert prog.x.value[2] <= 60 + 1e-6
    assert prog.epsilon.value <= 50 + 1e-6


@pytest.mark.parametrize("n, seed", [(8, 0), (9, 1), (10, 2)])
def test_row_generation_equals_full_lp(n, seed):
    """Row generation vs the full 2**n-row LP at n = 8–10 (core value and least core)."""
    r = np.random.default_rng(seed)
    v = np.round(popcounts(n) * r.uniform(0.5, 1.5, 2**n), 4)
    v[0] = 0
    v[-1] = 1.25 * n
    g = gt.TUGame(v)
    lc = gt.least_core(g)
    assert lc.epsilon == pytest.approx(full_lp_least_core(v, n), abs=1e-8)
    assert len(lc.method) and lc.guarantee == "certified"
    assert gt.balancing_weights(g).value == pytest.approx(full_lp_min_sum(v, n), abs=1e-8)


# ------------------------------------------------------------------ core vertices
def exact_core_vertices(v_int, n):
    """All basic feasible solutions of the core, by enumerating every choice of n − 1 proper
    coalitions (plus x(N) = v(N)) and solving in exact rationals."""
    full = 2**n - 1
    proper = list(range(1, full))
    verts = set()
    for combo in itertools.combinations(proper, n - 1):
        rows = [[Fraction((m >> i) & 1) for i in range(n)] for m in combo + (full,)]
        rhs = [Fraction(int(v_int[m])) for m in combo + (full,)]
        x = _solve_exact(rows, rhs)
        if x is None:
            continue
        ok = all(sum(x[i] for i in range(n) if (m >> i) & 1) >= v_int[m] for m in proper)
        if ok:
            verts.add(tuple(x))
    return sorted(verts)


def _solve_exact(A, b):
    n = len(A)
    M = [row[:] + [bb] for row, bb in zip(A, b, strict=True)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * bb for a, bb in zip(M[r], M[c], strict=True)]
    return [M[i][n] / M[i][i] for i in range(n)]


small_int_games = st.integers(3, 4).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(-3, 12), min_size=2**n - 1,
                                                max_size=2**n - 1)))


@examples(0.5)
@given(small_int_games, st.booleans())
def test_core_vertices_exact_cross_check(data, rich):
    """Double description vs exact basis enumeration in rationals (n = 3, 4)."""
    n, vals = data
    v = np.array([0] + vals)
    if rich:  # make the core non-empty more often
        v[-1] += 3 * n
    got = gt.core_vertices(gt.TUGame(v.astype(float)))
    exact = exact_core_vertices(v, n)
    assert got.shape == (len(exact), n)
    np.testing.assert_allclose(got, np.array([[float(a) for a in row] for row in exact])
                               .reshape(-1, n), atol=1e-8)


@examples(0.25)
@given(st.integers(3, 5).flatmap(lambda n: st.lists(st.integers(0, 12), min_size=2**n - 1,
                                                     max_size=2**n - 1)))
def test_T2_convex_core_vertices_are_marginal_vectors(vals):
    """COOP-2 (Shapley 1971; Ichiishi 1981): for a convex game the core is the Weber set; its
    vertices are exactly the (distinct) marginal vectors. Convex games built as
    v(S) = Σ_{T⊆S} d_T with d_T >= 0 (non-negative Harsanyi dividends)."""
    d = np.array([0.0] + list(vals)) / 4
    n = int(np.log2(d.size))
    v = d.copy()
    for i in range(n):  # zeta transform: v(S) = Σ_{T ⊆ S} d_T
        bit = 1 << i
        for m in range(2**n):
            if m & bit:
                v[m] += v[m ^ bit]
    g = gt.TUGame(v)
    assert gt.is_convex(g)
    verts = gt.core_vertices(g)
    marg = np.unique(np.round(gt.weber_set(g), 9), axis=0)
    assert verts.shape == marg.shape
    np.testing.assert_allclose(sorted_rows(verts), sorted_rows(marg), atol=1e-7)


def test_core_vertices_limit():
    g = gt.TUGame(np.r_[0.0, np.ones(2**9 - 1)])
    with pytest.raises(ValueError, match=r"\bmax_players\b"):
        gt.core_vertices(g)


# ------------------------------------------------------------------ total balancedness
def test_totally_balanced():
    """A convex game is totally balanced; a 4-player game whose 3-player subgame is the
    majority game is balanced (rich grand coalition) but not totally balanced."""
    assert gt.is_totally_balanced(gt.TUGame(popcounts(4).astype(float) ** 2))

    def f(S):
        if len(S) == 4:
            return 10.0
        return 1.0 if len(S & {0, 1, 2}) >= 2 else 0.0
    g = gt.TUGame(f, n=4)
    assert gt.is_balanced(g)
    assert not gt.is_totally_balanced(g)


# ------------------------------------------------------------------ reference implementation
@pytest.mark.parametrize("seed", range(3))
def test_least_core_against_coopgame_py(seed):
    """coopgame-py as an oracle. Its least core is taken over the imputations (x_i >= v(i))
    and uses the excess sign (its epsilon is minus ours); the two definitions agree when the
    core is non-empty (the least core then lies in the core), which v(N) = 2n guarantees
    here (x = 2·1 is in the core)."""
    coopgame = pytest.importorskip("coopgame")
    r = np.random.default_rng(seed)
    n = 6 + seed
    v = np.round(popcounts(n) * r.uniform(0.3, 1.7, 2**n), 2)
    v[0] = 0
    v[-1] = 2 * n
    ref = coopgame.least_core(coopgame.Game([float(a) for a in v[1:]]))
    assert gt.least_core(gt.TUGame(v)).epsilon == pytest.approx(-ref["epsilon"], abs=1e-7)


# ------------------------------------------------------------------ bad input
def test_in_core_bad_input():
    g = bankruptcy(200, (100, 200, 300))
    with pytest.raises(ValueError, match="one entry per player"):
        gt.in_core(g, [50, 75])
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        gt.in_core(g, [50, np.nan, 75])
    with pytest.raises(ValueError, match="1-dimensional"):
        gt.in_core(g, [[50, 75, 75]])
    with pytest.raises(ValueError, match=r"\btol\b"):
        gt.in_core(g, [50, 75, 75], tol=-1)
    assert gt.in_core(g, [50, 75, 75])
    assert not gt.in_core(g, [50, 75, 76])  # not efficient


def test_solver_failure_is_reported(monkeypatch):
    monkeypatch.setitem(lp_module.HIGHS_OPTIONS, "time_limit", 0.0)
    with pytest.raises(gt.LPError, match=r"\bHiGHS\b"):
        gt.core_point(bankruptcy(200, (100, 200, 300)))


def test_bad_method():
    with pytest.raises(ValueError, match=r"\bmethod\b"):
        gt.least_core(majority3(), method="glpk")
    with pytest.raises(TypeError):
        gt.least_core({(0,): 1.0})


def test_one_player_games():
    """One player: the core, the least core and the core's only vertex are v(N); the
    balancing weight is λ{0} = 1 with value v(N) (so the game is balanced)."""
    g = gt.TUGame([0, 4.0])
    lc = gt.least_core(g)
    assert lc.allocation.tolist() == [4.0] and lc.allocation.guarantee == "exact"
    x = gt.core_point(g)
    assert x.tolist() == [4.0] and x.guarantee == "exact"
    np.testing.assert_allclose(gt.core_vertices(g), [[4.0]])
    bw = gt.balancing_weights(g)
    assert bw.balanced and bw.value == pytest.approx(4.0)


@pytest.mark.parametrize("seed", range(3))
def test_cost_game_balancing_value_is_max_cost_allocation(seed):
    """Cost-game orientation of Bondareva–Shapley: the value is max{Σx : x(S) <= c(S)}
    (a full-table LP here), and the core is non-empty iff it reaches c(N)."""
    r = np.random.default_rng(40 + seed)
    n = 4
    c = np.r_[0.0, r.uniform(5, 20, 2**n - 1) * np.sqrt(popcounts(n)[1:])]
    g = gt.CostGame(c)
    masks = np.arange(1, 2**n)
    res = linprog(-np.ones(n), A_ub=coalition_rows(masks, n), b_ub=c[masks],
                  bounds=[(None, None)] * n, method="highs")
    bw = gt.balancing_weights(g)
    assert bw.value == pytest.approx(-res.fun, rel=1e-9)
    assert bw.balanced == (-res.fun >= c[-1] - 1e-9) == gt.has_nonempty_core(g)


def test_core_vertices_max_players_is_inclusive():
    g = gt.TUGame([0, 1, 1, 3, 1, 3, 3, 6])
    assert gt.core_vertices(g, max_players=3).shape[1] == 3
