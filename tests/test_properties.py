"""Game properties: vectorised checks against their definitions by brute force."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.coalitional import properties
from gametheory.coalitional.game import additive_values, popcounts


def pairs(n):
    for s in range(2**n):
        for t in range(2**n):
            yield s, t


def brute(g_table, n):
    """Every property from its global definition, with explicit loops."""
    v = np.asarray(g_table, float)
    full = 2**n - 1
    single = v[1 << np.arange(n)]
    return {
        "superadditive": all(v[s | t] >= v[s] + v[t] for s, t in pairs(n) if not s & t),
        "convex": all(v[s | t] + v[s & t] >= v[s] + v[t] for s, t in pairs(n)),
        "concave": all(v[s | t] + v[s & t] <= v[s] + v[t] for s, t in pairs(n)),
        "monotonic": all(v[s] <= v[t] for s, t in pairs(n) if s & t == s),
        "essential": v[full] > single.sum(),
        "additive": all(v[s] == sum(single[i] for i in range(n) if s >> i & 1)
                        for s in range(2**n)),
        "zero_normalized": bool(np.all(single == 0)),
    }


def check(g, ref):
    assert gt.is_superadditive(g) == ref["superadditive"]
    assert gt.is_convex(g) == ref["convex"]
    assert gt.is_monotonic(g) == ref["monotonic"]
    assert gt.is_essential(g) == ref["essential"]
    assert gt.is_additive(g) == ref["additive"]
    assert gt.is_zero_normalized(g) == ref["zero_normalized"]


@st.composite
def games(draw, max_n=4, lo=-4, hi=12):
    n = draw(st.integers(1, max_n))
    vals = draw(st.lists(st.integers(lo, hi), min_size=2**n - 1, max_size=2**n - 1))
    base = draw(st.sampled_from(["raw", "sizes", "additive"]))
    v = np.array([0, *vals], float)
    if base == "sizes":  # push towards superadditive / convex instances
        v = v / 4 + 2.0 * popcounts(n) ** 2
    elif base == "additive":
        v = additive_values(vals[:n])
    return gt.TUGame(v)


@given(games())
def test_properties_match_definitions(g):
    ref = brute(g.v, g.n)
    check(g, ref)
    assert gt.is_concave(g) == ref["concave"]


@given(games(max_n=5))
def test_chunked_superadditivity_pass(g):
    """The exhaustive 3**n pass in chunks (forced small) agrees with the definition."""
    old = properties._CHUNK
    properties._CHUNK = 9  # two low players per block, the rest in the outer loop
    try:
        got = properties._disjoint_pairs_ok(g.v, g.n, 0.0)
    finally:
        properties._CHUNK = old
    assert got == brute(g.v, g.n)["superadditive"]
    assert properties._disjoint_pairs_ok(g.v, g.n, 0.0) == got


@given(games())
def test_cost_game_properties_read_on_savings_game(g):
    """Documented convention: for a CostGame, superadditive / convex / essential are the
    savings game's, monotonic / zero-normalised / additive are the cost function's."""
    c = gt.CostGame(g.v)
    s = c.savings_game()
    assert gt.is_superadditive(c) == gt.is_superadditive(s)
    assert gt.is_convex(c) == gt.is_convex(s) == gt.is_concave(c)
    assert gt.is_essential(c) == gt.is_essential(s)
    ref = brute(c.v, c.n)
    assert gt.is_convex(c) == ref["concave"]             # c submodular
    assert gt.is_monotonic(c) == ref["monotonic"]
    assert gt.is_zero_normalized(c) == ref["zero_normalized"]
    assert gt.is_additive(c) == ref["additive"]


def test_airport_game_is_concave_monotone_subadditive():
    c = gt.airport_game([3, 1, 4, 1, 5])
    assert gt.is_convex(c) and gt.is_concave(c) and gt.is_monotonic(c)
    assert gt.is_superadditive(c) and gt.is_essential(c) and not gt.is_additive(c)


def test_tolerance():
    eps = 1e-12
    g = gt.TUGame([0, 1, 1, 2 - eps])  # additive up to eps
    assert gt.is_additive(g) and gt.is_convex(g) and gt.is_superadditive(g)
    assert not gt.is_additive(g, tol=0) and not gt.is_convex(g, tol=0)
    assert not gt.is_superadditive(g, tol=0)
    for bad in (-1, np.nan, "x"):
        with pytest.raises(ValueError, match=r"\btol\b"):
            gt.is_convex(g, tol=bad)


def test_superadditive_non_convex_goes_through_exhaustive_pass():
    """|S| + 1[|S| >= 2] is not superadditive ({0,1} ∪ {2,3}: 5 < 3 + 3); |S| + 3·1[|S| >=
    n−1] is superadditive but not convex (second difference −3 at |S| = n−2), so neither
    fast certificate decides and the 3**n pass runs."""
    n = 8
    s = popcounts(n).astype(float)
    g = gt.TUGame(s + (s >= 2))
    assert not gt.is_superadditive(g)
    v2 = s + 3.0 * (s >= n - 1)
    g2 = gt.TUGame(v2)
    assert not gt.is_convex(g2)
    assert brute(g2.v, n)["superadditive"] and gt.is_superadditive(g2)


def test_one_player_and_type_errors():
    g = gt.TUGame([0, 3])
    assert gt.is_convex(g) and gt.is_superadditive(g) and gt.is_monotonic(g)
    assert not gt.is_essential(g) and gt.is_additive(g)
    with pytest.raises(TypeError):
        gt.is_convex(np.zeros(4))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_exact_boundaries_with_zero_tolerance(n):
    """Every property is a weak inequality (or an equality) that holds with equality on an
    additive game: with tol = 0 an additive game is convex, concave, superadditive,
    monotonic (with v(i) = 0: v(S) = v(T)), additive, zero-normalised when v(i) = 0, and
    not essential (v(N) = Σ v(i), not >). The tolerance is the caller's, relative to the
    largest |worth| of the game's own table: is_concave of a cost game passes it on."""
    for w in (np.zeros(n), np.arange(1.0, n + 1)):
        g = gt.TUGame(additive_values(w))
        assert gt.is_convex(g, tol=0) and gt.is_concave(g, tol=0)
        assert gt.is_superadditive(g, tol=0) and gt.is_additive(g, tol=0)
        assert gt.is_monotonic(g, tol=0)
        assert not gt.is_essential(g, tol=0)
        assert gt.is_zero_normalized(g, tol=0) == (not w.any())
    # essential exactly at the tolerance: v(N) − Σ v(i) = 1 = tol · max|v| (max|v| = n + 1)
    # is not "> tol"
    g = gt.TUGame(additive_values(np.ones(n)) + np.eye(1, 2**n, 2**n - 1)[0])
    scale = n + 1.0
    assert gt.is_essential(g, tol=0.5 / scale) and not gt.is_essential(g, tol=1.0 / scale)
    # a cost game whose savings game has second differences −1: concave only with tol >= 1
    c = gt.CostGame(popcounts(n).astype(float) + (popcounts(n) >= 2) * 1.0)
    s = c.savings_game()
    worst = min(s.v[a | b] + s.v[a & b] - s.v[a] - s.v[b]
                for a in range(2**n) for b in range(2**n))
    scale = np.abs(c.v).max()
    assert gt.is_concave(c, tol=-worst / scale) and not gt.is_concave(c, tol=-worst / scale / 2)


@pytest.mark.parametrize("n", [4, 5])
def test_chunked_pass_finds_every_single_violation(n, monkeypatch):
    """Start from v(S) = |S|² (every disjoint pair has slack 2|S||T| > 0, so superadditive)
    and lower one v(U), |U| >= 2, just enough to break the pairs whose union is U: the
    chunked exhaustive pass (blocks of two low players, the high players in the outer loop)
    must report each such game as not superadditive, and the untouched game as
    superadditive."""
    monkeypatch.setattr(properties, "_CHUNK", 9)
    base = popcounts(n).astype(float) ** 2
    assert properties._disjoint_pairs_ok(base, n, 0.0)
    for U in range(2**n):
        size = bin(U).count("1")
        if size < 2:
            continue
        v = base.copy()
        v[U] -= 2 * (size - 1) + 1  # the smallest slack among pairs with union U, plus 1
        assert not properties._disjoint_pairs_ok(v, n, 0.0), U
        assert not brute(v, n)["superadditive"]


@pytest.mark.parametrize("n", [4, 5])
def test_chunked_pass_finds_a_unique_violating_pair(n, monkeypatch):
    """One violating disjoint pair and no other: from v(S) = |S|², raise v(A) for a pair of
    players A by 5 = 2|A| + 1 (breaking (A, {x}) for every outsider x) and raise
    v(A ∪ {x}) by 5 for every x except p (repairing those pairs; parts of size 3 have
    slack >= 6). Only (A, {p}) is violated; the chunked pass must find it for every A and
    p, whichever of the two holds the highest player and however many high players
    each side has."""
    monkeypatch.setattr(properties, "_CHUNK", 9)
    base = popcounts(n).astype(float) ** 2
    for a in range(n):
        for b in range(a + 1, n):
            A = (1 << a) | (1 << b)
            for p in range(n):
                if A >> p & 1:
                    continue
                v = base.copy()
                v[A] += 5
                for x in range(n):
                    if x != p and not A >> x & 1:
                        v[A | 1 << x] += 5
                bad = [(s, t) for s, t in pairs(n)
                       if not s & t and v[s] + v[t] > v[s | t]]
                assert sorted(bad) == sorted([(A, 1 << p), (1 << p, A)])
                assert not properties._disjoint_pairs_ok(v, n, 0.0), (A, p)


def test_default_tolerance_is_tiny():
    """The default tol (1e-9) forgives rounding, not a violation of 0.5: a game that breaks
    each property by 0.5 fails it with the default tolerance."""
    nonconvex = gt.TUGame([0, 1, 1, 1.5])          # v(12) − v(1) − v(2) = −0.5
    assert not gt.is_convex(nonconvex) and not gt.is_superadditive(nonconvex)
    assert not gt.is_concave(gt.TUGame([0, 1, 1, 2.5]))
    assert not gt.is_essential(gt.TUGame([0, 1, 1, 2.5]), tol=0.5)
    assert gt.is_essential(gt.TUGame([0, 1, 1, 2.5]))
    assert not gt.is_additive(gt.TUGame([0, 1, 1, 2.5]))
    assert not gt.is_zero_normalized(gt.TUGame([0, 0.5, 0, 1]))
    assert not gt.is_monotonic(gt.TUGame([0, 1, 1, 0.5]))
