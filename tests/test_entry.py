"""EntryGame: the count-structure solver against 2^n brute force, Topkis lattice (NONCOOP-1),
the coordination band, symmetric mixed equilibria (numeric vs sympy vs bimatrix),
free entry (Mankiw–Whinston), and bad input."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.noncooperative.entry import EntryGame, symmetric_duopoly_entry


def brute_force(game):
    """Pure NE by checking every unilateral deviation of each of the 2^n profiles."""
    n = game.n
    out = []
    for mask in range(2**n):
        prof = tuple((mask >> i) & 1 for i in range(n))
        E = {i for i in range(n) if prof[i]}
        ok = True
        for i in range(n):
            now = game.payoff(i, E)
            dev = game.payoff(i, E ^ {i})
            if dev > now:
                ok = False
                break
        if ok:
            out.append(prof)
    return sorted(out)


def payoff_utility(game, prof):
    E = {i for i in range(game.n) if prof[i]}
    return np.array([game.payoff(i, E) for i in range(game.n)])


@given(st.data())
def test_count_solver_matches_brute_force(data):
    n = data.draw(st.integers(1, 10))
    vals = data.draw(st.lists(st.integers(-2, 2), min_size=n * n, max_size=n * n))
    P = np.array(vals, float).reshape(n, n)  # small integers: many zero-profit ties
    g = EntryGame.from_count_payoffs(P)
    eqs = g.pure_nash_equilibria()
    assert eqs == brute_force(g)
    assert g.count_equilibria() == len(eqs)
    assert sum(g.equilibrium_structure().count) == len(eqs)
    # the general (callable) path on the 2^n table gives the same answer
    h = EntryGame(n, lambda i, E: P[i, len(E) - 1])
    assert h.pure_nash_equilibria() == eqs and h.count_equilibria() == len(eqs)


def test_normal_form_and_gambit_agree(rng):
    gbt = pytest.importorskip("pygambit")
    for n in (2, 3, 4):
        P = rng.integers(-2, 3, (n, n)).astype(float)
        g = EntryGame.from_count_payoffs(P)
        nf = g.to_normal_form()
        assert nf.action_names[0] == ("out", "in")
        assert nf.pure_nash_equilibria() == g.pure_nash_equilibria()
        G = gbt.Game.from_arrays(*[nf.payoff_array(p) for p in range(n)])
        res = gbt.nash.enumpure_solve(G)
        theirs = sorted(tuple(int(np.argmax([float(e[s]) for s in pl.strategies]))
                              for pl in G.players) for e in res.equilibria)
        assert theirs == g.pure_nash_equilibria()


def test_general_callable_with_firm_types():
    """Payoffs depending on the set (not only the count): a firm profits only if its
    partner (i xor 1) also enters — brute force agrees."""
    g = EntryGame(4, lambda i, E: 1.0 if (i ^ 1) in E else -1.0)
    assert g.pure_nash_equilibria() == brute_force(g)
    assert (1, 1, 1, 1) in g.pure_nash_equilibria() and (0, 0, 0, 0) in g.pure_nash_equilibria()
    assert g.is_supermodular()
    assert g.least_equilibrium() == (0, 0, 0, 0) and g.greatest_equilibrium() == (1, 1, 1, 1)


@given(st.data())
def test_T19_supermodular_lattice(data):
    """NONCOOP-1 (Topkis 1979; Milgrom & Roberts 1990): u_i = e_i(R_i + γ n_{-i} − F_i), γ >= 0,
    has a least and a greatest pure NE (the meet and join of all NE, reached by
    best-response iteration), and the greatest Pareto-dominates every NE."""
    n = data.draw(st.integers(1, 8))
    R = np.array(data.draw(st.lists(st.integers(-6, 6), min_size=n, max_size=n)), float)
    F = np.array(data.draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)), float)
    gamma = data.draw(st.sampled_from([0.0, 0.5, 1.0, 2.0]))
    g = EntryGame.supermodular(R, F, gamma)
    eqs = np.array(g.pure_nash_equilibria())
    assert len(eqs) >= 1
    least, greatest = g.least_equilibrium(), g.greatest_equilibrium()
    assert tuple(eqs.min(axis=0)) == least and tuple(eqs.max(axis=0)) == greatest
    assert least in map(tuple, eqs) and greatest in map(tuple, eqs)
    ug = payoff_utility(g, greatest)
    for e in eqs:
        assert np.all(ug >= payoff_utility(g, e) - 1e-12)


quarters = st.integers(-20, 20).map(lambda v: v / 4)  # dyadic: the band edges are exact


@given(st.integers(1, 12), quarters, quarters.map(abs), quarters.map(abs))
def test_coordination_band(n, R, F, gamma):
    """Coordination failure in the symmetric game: "nobody enters" and "all enter" are
    both NE iff F − γ(n−1) <= R <= F (Cooper & John 1988)."""
    g = EntryGame.supermodular(R, F, gamma, n=n)
    eqs = set(g.pure_nash_equilibria())
    both = (0,) * n in eqs and (1,) * n in eqs
    assert both == (F - gamma * (n - 1) <= R <= F)


@given(st.data())
def test_symmetric_mixed_equilibria(data):
    """Interior roots make a firm indifferent when the others enter with probability p
    (checked with the binomial pmf); numeric roots equal sympy's exact real roots."""
    from scipy.stats import binom

    n = data.draw(st.integers(2, 9))
    pi = np.array(data.draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n)), float)
    if np.all(pi == 0):
        return
    g = EntryGame.from_count_payoffs(pi)
    num = g.symmetric_mixed_equilibria(include_pure=False)
    exact = g.symmetric_mixed_equilibria(include_pure=False, exact=True)
    assert len(num) == len(exact) and np.allclose(num, exact, atol=1e-6)
    for p in num:
        assert 0 < p < 1
        assert abs(binom.pmf(np.arange(n), n - 1, p) @ pi) < 1e-8
    full = g.symmetric_mixed_equilibria()
    assert (0.0 in full) == (pi[0] <= 0) and (1.0 in full) == (pi[-1] >= 0)


def test_two_firm_mixed_entry_matches_bimatrix(rng):
    """n = 2: the symmetric mixed equilibrium p = π(1)/(π(1) − π(2)) is the one the
    bimatrix enumerator finds."""
    for _ in range(10):
        m1, m2 = rng.uniform(0.5, 3), rng.uniform(-3, -0.5)
        g = EntryGame.from_count_payoffs([m1, m2])
        (p,) = g.symmetric_mixed_equilibria(include_pure=False)
        assert np.isclose(p, m1 / (m1 - m2))
        es = g.nash_equilibria()
        assert not es.degenerate and len(es) == 3
        assert any(np.allclose(x, [1 - p, p]) and np.allclose(y, [1 - p, p]) for x, y in es)
        mp = symmetric_duopoly_entry(m1, m2)
        assert mp.region == "one" and mp.n_pure == 2 and np.isclose(mp.p_mixed, p)


def test_duopoly_map_counts_match_enumerator(rng):
    m1 = rng.uniform(-2, 2, 30)
    m2 = rng.uniform(-2, 2, 30)
    mp = symmetric_duopoly_entry(m1, m2)
    for a, b, npure, p in zip(m1, m2, mp.n_pure, mp.p_mixed, strict=True):
        es = EntryGame.from_count_payoffs([a, b]).nash_equilibria()
        assert len(es.pure()) == npure
        mixed = [x[1] for x, y in es if 0 < x[1] < 1 and np.allclose(x, y)]
        assert (len(mixed) == 1 and np.isclose(mixed[0], p)) if not np.isnan(p) else not mixed


def test_free_entry_mankiw_whinston():
    """DISS-1 (Mankiw & Whinston 1986, RAND 17:48): with Cournot profits A/(k+1)^2 − F the
    free-entry count is the largest k with k + 1 <= sqrt(A/F); every pure NE has exactly
    that many entrants, and there are C(n, n_e) of them."""
    for a, c, F, n in [(10, 2, 3.0, 24), (20, 4, 1.1, 25), (7, 1, 40.0, 5), (10, 2, 0.01, 20)]:
        g = EntryGame.cournot(a, 1.0, c, F, n=n)
        A = (a - c) ** 2
        ne = min(n, math.floor(math.sqrt(A / F) - 1 + 1e-12))
        ne = max(ne, 0)
        assert g.free_entry_count() == ne
        st_ = g.equilibrium_structure()
        assert st_.total == math.comb(n, ne) and st_.count[ne] == math.comb(n, ne)
    # knife edge: π(15) = 256/16² − 1 = 0, so 14 and 15 entrants are both equilibria
    st_ = EntryGame.cournot(20, 1.0, 4, 1.0, n=25).equilibrium_structure()
    assert st_.count[14] == math.comb(25, 14) and st_.count[15] == math.comb(25, 15)
    assert st_.total == math.comb(25, 14) + math.comb(25, 15)


def test_large_aggregative_game_without_table():
    """n = 25 asymmetric firms: answered from the count structure; the general path
    refuses with the memory the table would need."""
    rng = np.random.default_rng(7)
    F = rng.uniform(0.5, 5, 25)
    g = EntryGame.cournot(10, 1, 2, F)
    eqs = g.pure_nash_equilibria()
    assert eqs
    # every listed profile passes the NE conditions directly
    for e in eqs:
        k = sum(e)
        pi = g.count_payoffs
        for i in range(25):
            assert (pi[i, k - 1] >= 0) if e[i] else (k == 25 or pi[i, k] <= 0)
    h = EntryGame(25, lambda i, E: 1.0)
    with pytest.raises(ValueError, match=r"\bGiB\b"):
        h.pure_nash_equilibria()


def test_huge_equilibrium_sets_are_counted_not_listed():
    g = EntryGame.from_count_payoffs(np.zeros(40))  # all zero profits: every profile is NE
    assert g.count_equilibria() == 2**40
    with pytest.raises(ValueError, match=r"\bcount_equilibria\b"):
        g.pure_nash_equilibria()
    with pytest.raises(ValueError, match=r"\bdegenerate\b"):
        g.symmetric_mixed_equilibria()


def test_bad_input():
    with pytest.raises(ValueError, match=r"shape \(n, n\)"):
        EntryGame.from_count_payoffs(np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        EntryGame.from_count_payoffs([1.0, np.nan])
    with pytest.raises(ValueError, match="whole number >= 1"):
        EntryGame(0, lambda i, E: 1.0)
    with pytest.raises(ValueError, match=r"\bcallable\b"):
        EntryGame(3, payoff=[1, 2, 3])
    with pytest.raises(ValueError, match=r"\bgamma\b"):
        EntryGame.supermodular(1.0, 2.0, -0.5, n=3)
    with pytest.raises(ValueError, match=r"\blength\b"):
        EntryGame.supermodular([1.0, 2.0], [1.0, 2.0, 3.0], 0.5)
    sub = EntryGame.from_count_payoffs([[3, 1, -1]] * 3)  # π decreasing: substitutes
    with pytest.raises(ValueError, match=r"\bsupermodular\b"):
        sub.least_equilibrium()
    asym = EntryGame.from_count_payoffs([[1, 0], [2, 0]])
    with pytest.raises(ValueError, match=r"\bsymmetric\b"):
        asym.free_entry_count()
    with pytest.raises(ValueError, match="two firms"):
        EntryGame.from_count_payoffs(np.ones(3)).nash_equilibria()
    with pytest.raises(ValueError, match="a must exceed"):
        EntryGame.cournot(1, 1, 2, 0.1, n=3)
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        EntryGame(3, lambda i, E: float("nan")).pure_nash_equilibria()


def test_exported_and_html():
    assert gt.EntryGame is EntryGame
    g = EntryGame.supermodular(1.0, 2.0, 0.5, n=3)
    assert "π(k=3)" in g._repr_html_()
    assert g.is_symmetric and g.is_aggregative and g.is_supermodular()


def test_equilibrium_structure_tolerance_counts_near_ties():
    """A break-even entrant whose payoff rounds to -1e-13 is a tie (relative tolerance, the
    default), not with exact comparison (tol=0); the tie is reported."""
    pi = np.array([5.0, -1e-13, -3.0])  # symmetric: payoff when k = 1, 2, 3 enter
    game = gt.EntryGame.from_count_payoffs(pi)
    assert game.equilibrium_structure(tol=0).count == (0, 3, 0, 0)
    assert game.equilibrium_structure().count == (0, 3, 3, 0)
    assert game.equilibrium_structure().ties == (2,)
    assert game.free_entry_count() == 2
    # relative: the same game in other units has the same structure
    assert gt.EntryGame.from_count_payoffs(pi * 1e-12).equilibrium_structure().count == (
        0, 3, 3, 0)
    with pytest.raises(ValueError, match=r"\btol\b"):
        game.equilibrium_structure(tol=-1)


@pytest.mark.parametrize("pi, roots", [
    ([-4, 4, -4, 4], [0.5]),   # triple root at 1/2: once, not a blurred cluster
    ([1, 0, 2, 0], []),        # roots only at the corner p = 1: no interior root
    ([1, -2], [1 / 3]),        # duopoly: p = π(1)/(π(1) − π(2))
])
def test_symmetric_mixed_multiple_and_corner_roots(pi, roots):
    """Regressions found by hypothesis: multiple roots and corner roots of the indifference
    polynomial (numeric path agrees with sympy's exact real roots)."""
    g = EntryGame.from_count_payoffs(np.array(pi, float))
    for exact in (False, True):
        got = g.symmetric_mixed_equilibria(include_pure=False, exact=exact)
        np.testing.assert_allclose(got, roots, atol=1e-12)


@pytest.mark.parametrize("scale", [1e-9, 1.0, 1e9])
def test_duopoly_regions_name_the_equilibrium_set(rng, scale):
    """The region label is read off the pure equilibria the enumerator finds: {00} "none",
    {01, 10} "one", {11} "both", {00, 11} "coordination"; a zero profit (a tie) is
    "degenerate". Profits scaled by λ (money units) give the same labels: the thresholds
    are zero, not one unit of money."""
    names = {((0, 0),): "none", ((0, 1), (1, 0)): "one", ((1, 1),): "both",
             ((0, 0), (1, 1)): "coordination"}
    m1 = np.r_[rng.uniform(-2, 2, 40), 0.0, 0.5, -0.5]
    m2 = np.r_[rng.uniform(-2, 2, 40), 0.5, 0.0, 0.5]
    mp = symmetric_duopoly_entry(scale * m1, scale * m2)
    for a, b, region in zip(m1, m2, mp.region, strict=True):
        if a == 0 or b == 0:
            assert region == "degenerate"
            continue
        eqs = tuple(EntryGame.from_count_payoffs([a, b]).pure_nash_equilibria())
        assert region == names[eqs], (a, b, region, eqs)


def test_supermodularity_of_a_general_game():
    """Checked on the full table: "enter only if the partner enters" is supermodular, "enter
    only if the partner stays out" is not (payoff falls when the partner enters)."""
    assert EntryGame(4, lambda i, E: 1.0 if (i ^ 1) in E else -1.0).is_supermodular()
    assert not EntryGame(4, lambda i, E: -1.0 if (i ^ 1) in E else 1.0).is_supermodular()
