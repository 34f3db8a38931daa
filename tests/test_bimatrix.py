"""Mixed equilibria of two-player games: cross-checked against Gambit's exact
``enummixed_solve`` (pygambit, test-only) on seeded random games, degenerate ones
included; the qhull vertex enumeration against the independent all-bases enumeration
(every square system solved); nashpy's defects are contained (verification, capped
Lemke–Howson)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

import gametheory as gt
from gametheory.noncooperative import bimatrix as bm
from gametheory.noncooperative.bimatrix import bimatrix_equilibria, is_equilibrium

gbt = pytest.importorskip("pygambit")


def gambit_mixed(A, B):
    g = gbt.Game.from_arrays(A.astype(int), B.astype(int))
    res = gbt.nash.enummixed_solve(g, rational=True)
    out = []
    for eq in res.equilibria:
        x = np.array([float(eq[s]) for s in list(g.players)[0].strategies])
        y = np.array([float(eq[s]) for s in list(g.players)[1].strategies])
        # Gambit can list the same extreme equilibrium twice in degenerate games
        if not any(np.allclose(x, u) and np.allclose(y, v) for u, v in out):
            out.append((x, y))
    return out


def same_set(ours, theirs, tol=1e-7):
    if len(ours) != len(theirs):
        return False
    return all(any(np.allclose(x, u, atol=tol) and np.allclose(y, v, atol=tol)
                   for u, v in theirs) for x, y in ours)


def by_path(A, B, algorithm, tol=1e-9):
    """Extreme equilibria by one vertex algorithm ("qhull" or "all bases"), verified,
    polished and deduplicated as the public entry point does."""
    A, B = np.asarray(A, float), np.asarray(B, float)
    eqs, degenerate, how = bm._vertex_pairs(A, B, tol, algorithm)
    assert all(is_equilibrium(A, B, x, y) for x, y in eqs)
    return bm._dedupe([bm._polish(A, B, x, y, 1e-7) for x, y in eqs]), degenerate, how


@pytest.mark.parametrize("m,n", [(3, 3), (3, 5), (4, 4), (5, 5), (6, 6), (4, 6)])
def test_nondegenerate_random_games_match_gambit(m, n, rng):
    """Integer payoffs in a wide range are nondegenerate with high probability; the
    flag must say so, and the set must equal Gambit's."""
    checked = 0
    for _ in range(6):
        A = rng.integers(-1000, 1001, (m, n)).astype(float)
        B = rng.integers(-1000, 1001, (m, n)).astype(float)
        es = bimatrix_equilibria(A, B)
        if es.degenerate:  # astronomically rare; skip rather than mis-test
            continue
        checked += 1
        assert es.complete
        assert len(es) % 2 == 1  # nondegenerate games have an odd number of equilibria
        ref = gambit_mixed(A, B)
        assert same_set(list(es), ref)
        qh, deg, how = by_path(A, B, "qhull")
        assert how == "qhull" and not deg and same_set(qh, ref)
        sup = bimatrix_equilibria(A, B, method="support")
        assert sup.complete and same_set(list(sup), list(es))
    assert checked >= 4


@pytest.mark.parametrize("m,n", [(2, 2), (3, 3), (3, 4), (4, 4), (5, 5)])
def test_degenerate_random_games_match_gambit_extreme_equilibria(m, n, rng):
    """Payoffs in {-1, 0, 1} give many ties: the extreme equilibria equal Gambit's."""
    degenerate_seen = 0
    for _ in range(8):
        A = rng.integers(-1, 2, (m, n)).astype(float)
        B = rng.integers(-1, 2, (m, n)).astype(float)
        es = bimatrix_equilibria(A, B)
        degenerate_seen += es.degenerate
        assert len(es) >= 1
        ref = gambit_mixed(A, B)
        assert same_set(list(es), ref)
        qh, deg, how = by_path(A, B, "qhull")
        assert deg == es.degenerate and same_set(qh, ref)
    assert degenerate_seen >= 1


def test_continuum_of_equilibria_is_flagged():
    """A = B = all ones: every profile is an equilibrium; the extreme ones are the 4 pure
    profiles, the game is degenerate and has no unique answer."""
    A = np.ones((2, 2))
    es = bimatrix_equilibria(A, A)
    assert es.degenerate and es.complete
    assert sorted(es.pure()) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    with pytest.raises(ValueError, match=r"\bdegenerate\b"):
        es.unique()


def test_von_stengel_degenerate_example():
    """von Stengel (2007), *Algorithmic Game Theory* ch. 3, fig. 3.7 (degenerate 3×2 game,
    a pure best response tie): the equilibria form a segment; Gambit lists its
    extreme points and so must we."""
    A = np.array([[3, 3], [2, 5], [0, 6]], float)
    B = np.array([[3, 3], [2, 6], [3, 1]], float)
    es = bimatrix_equilibria(A, B)
    assert es.degenerate
    assert same_set(list(es), gambit_mixed(A, B))
    for algorithm in ("qhull", "all bases"):
        eqs, deg, _ = by_path(A, B, algorithm)
        assert deg and same_set(eqs, gambit_mixed(A, B))


def test_textbook_games():
    """Matching pennies: unique (½, ½); battle of the sexes: two pure and
    ((2/3, 1/3), (1/3, 2/3)) (Osborne & Rubinstein 1994, ex. 34.1)."""
    mp = bimatrix_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    x, y = mp.unique()
    assert np.allclose(x, [0.5, 0.5]) and np.allclose(y, [0.5, 0.5])
    bos = bimatrix_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert not bos.degenerate and len(bos) == 3
    assert sorted(bos.pure()) == [(0, 0), (1, 1)]
    assert any(np.allclose(x, [2 / 3, 1 / 3]) and np.allclose(y, [1 / 3, 2 / 3]) for x, y in bos)
    with pytest.raises(ValueError, match="3 equilibria"):
        bos.unique()


@given(st.data())
def test_every_pure_equilibrium_is_listed_and_every_listed_one_verifies(data):
    m, n = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    vals = data.draw(st.lists(st.integers(-3, 3), min_size=2 * m * n, max_size=2 * m * n))
    A = np.array(vals[:m * n], float).reshape(m, n)
    B = np.array(vals[m * n:], float).reshape(m, n)
    es = bimatrix_equilibria(A, B, crosscheck=False)
    assert len(es) >= 1  # Nash's theorem
    for x, y in es:
        assert is_equilibrium(A, B, x, y)
    pure = gt.NormalFormGame([A, B]).pure_nash_equilibria()
    assert set(pure) <= set(es.pure())


def test_lemke_howson_never_hangs_and_is_not_called_complete(rng):
    """nashpy's Lemke–Howson can cycle on some random games ≥ 8×8 (degenerate pivots);
    with the pivot cap every call returns, only verified equilibria are kept."""
    for _ in range(2):
        A = rng.integers(0, 10, (8, 8)).astype(float)
        B = rng.integers(0, 10, (8, 8)).astype(float)
        lh = bimatrix_equilibria(A, B, method="lemke_howson", max_pivots=200)
        assert not lh.complete
        full = bimatrix_equilibria(A, B)
        for x, y in lh:
            assert is_equilibrium(A, B, x, y)
            if not full.degenerate:
                assert any(np.allclose(x, u) and np.allclose(y, v) for u, v in full)


def test_nashpy_methods_are_verified_and_flagged_incomplete(rng):
    A = rng.integers(-1, 2, (3, 3)).astype(float)
    B = rng.integers(-1, 2, (3, 3)).astype(float)
    for method in ("nashpy_support", "nashpy_vertex"):
        es = bimatrix_equilibria(A, B, method=method)
        assert not es.complete
        assert all(is_equilibrium(A, B, x, y) for x, y in es)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_entry_games_nashpy_reproduces_pure_equilibria(rng):
    """nashpy's support enumeration (an external reference) on 2×2 entry games
    reproduces the pure equilibria of the n-player enumerator at n = 2."""

    for _ in range(20):
        P = rng.integers(-3, 4, (2, 2)).astype(float)
        game = gt.EntryGame.from_count_payoffs(P)
        pure = game.pure_nash_equilibria()
        nf = game.to_normal_form()
        theirs = []
        for x, y in nf.to_nashpy().support_enumeration():
            if np.isclose(x.max(), 1) and np.isclose(y.max(), 1) and is_equilibrium(
                    nf.payoff_array(0), nf.payoff_array(1), x, y):
                theirs.append((int(x.argmax()), int(y.argmax())))
        ours_nf = nf.pure_nash_equilibria()
        assert ours_nf == pure
        if not bimatrix_equilibria(nf.payoff_array(0), nf.payoff_array(1)).degenerate:
            assert sorted(set(theirs)) == pure


def test_html_and_dict():
    es = bimatrix_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    html = es._repr_html_()
    assert "EquilibriumSet" in html and "complete: True" in html
    assert es.to_dict()["degenerate"] is False


@pytest.mark.parametrize("A,B,method,match", [
    (np.ones((2, 2)), np.ones((2, 3)), "enumeration", "same shape"),
    ([[1, np.inf], [0, 0]], np.ones((2, 2)), "enumeration", "finite"),
    ([[1, 2], [3]], np.ones((2, 2)), "enumeration", "rectangular"),
    (np.ones((2, 2)), np.ones((2, 2)), "magic", "unknown method"),
    (np.ones(2), np.ones(2), "enumeration", "2-dimensional"),
    (np.ones((2, 2)), np.ones((2, 2)), {"tol": 0.0}, "tol"),
    (np.ones((2, 2)), np.ones((2, 2)), {"tol": float("nan")}, "tol"),
    (np.ones((2, 2)), np.ones((2, 2)), {"tol": 0.1}, "tol"),
    (np.ones((2, 2)), np.ones((2, 2)), {"method": "lemke_howson", "max_pivots": 2.5},
     "max_pivots"),
    (np.ones((2, 2)), np.ones((2, 2)), {"method": "lemke_howson", "max_pivots": 0},
     "max_pivots"),
])
def test_bad_input(A, B, method, match):
    kwargs = method if isinstance(method, dict) else {"method": method}
    with pytest.raises(ValueError, match=whole_words(match)):
        bimatrix_equilibria(A, B, **kwargs)


def test_too_large_for_enumeration():
    """20 × 20: up to 4·10⁷ vertices per polytope (upper bound theorem) and C(40, 20)
    bases — refused up front, not attempted."""
    with pytest.raises(ValueError, match="vertices .* linear systems"):
        bimatrix_equilibria(np.zeros((20, 20)), np.zeros((20, 20)))


def test_upper_bound_theorem_counts():
    """The vertex bound used to refuse games is the facet count of the cyclic polytope:
    2-polytopes with N edges have N vertices, simple 3-polytopes 2N − 4 (Euler), and a
    d-simplex (N = d + 1) has d + 1; checked against qhull on the dual cyclic polytope
    (points on the moment curve; McMullen 1970)."""
    from scipy.spatial import ConvexHull

    for N in range(3, 12):
        assert bm._ubt_vertices(2, N) == N
        assert bm._ubt_vertices(3, N + 1) == 2 * (N + 1) - 4
    for d in range(2, 7):
        assert bm._ubt_vertices(d, d + 1) == d + 1
        for N in range(d + 1, d + 6):
            t = np.arange(1, N + 1, dtype=float)
            cyclic = np.vander(t, d + 1, increasing=True)[:, 1:]
            hull = ConvexHull(cyclic, qhull_options="Qt")
            assert bm._ubt_vertices(d, N) == len(hull.simplices)


# ------------------------------------------------- qhull path against all bases
def assert_paths_agree(A, B):
    qh, deg_q, how = by_path(A, B, "qhull")
    ab, deg_b, _ = by_path(A, B, "all bases")
    assert deg_q == deg_b
    assert same_set(qh, ab), (A, B, qh, ab)
    return deg_q, how


@pytest.mark.parametrize("m,n", [(3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (3, 7), (7, 4)])
def test_qhull_equals_all_bases_on_random_nondegenerate_games(m, n, rng):
    """Continuous random payoffs: nondegenerate with probability one; an odd number of
    equilibria (von Stengel 2002, Cor. 2.11), the same set by both vertex algorithms."""
    for _ in range(3):
        A, B = rng.normal(size=(m, n)), rng.normal(size=(m, n))
        deg, how = assert_paths_agree(A, B)
        assert not deg and how == "qhull"
        assert len(by_path(A, B, "qhull")[0]) % 2 == 1


@pytest.mark.parametrize("low,high", [(-1, 1), (0, 9)])
@pytest.mark.parametrize("m,n", [(2, 3), (3, 3), (4, 4), (5, 5), (6, 6), (4, 7)])
def test_qhull_equals_all_bases_on_degenerate_integer_games(m, n, low, high, rng):
    """Integer payoffs tie: degenerate games, the extreme equilibria of the components
    and the degeneracy flag must agree between the two algorithms."""
    degenerate = 0
    for _ in range(6):
        A = rng.integers(low, high + 1, (m, n)).astype(float)
        B = rng.integers(low, high + 1, (m, n)).astype(float)
        degenerate += assert_paths_agree(A, B)[0]
    if high == 1:
        assert degenerate >= 1


@given(st.data())
def test_qhull_equals_all_bases_property(data):
    """Any small integer game, any shape from 2 × 2 to 5 × 5: both vertex algorithms
    give the same extreme equilibria and the same degeneracy flag."""
    m, n = data.draw(st.integers(2, 5)), data.draw(st.integers(2, 5))
    vals = data.draw(st.lists(st.integers(-4, 4), min_size=2 * m * n, max_size=2 * m * n))
    A = np.array(vals[:m * n], float).reshape(m, n)
    B = np.array(vals[m * n:], float).reshape(m, n)
    assert_paths_agree(A, B)


def test_qhull_on_larger_games_equals_all_bases(rng):
    """9 × 9 (48 619 bases per polytope): payoffs 0…99 as in the benchmark."""
    for _ in range(2):
        A = rng.integers(0, 100, (9, 9)).astype(float)
        B = rng.integers(0, 100, (9, 9)).astype(float)
        assert_paths_agree(A, B)


@pytest.mark.slow
@pytest.mark.parametrize("m", [10, 11])
def test_qhull_equals_all_bases_slow(m, rng):
    for _ in range(2):
        A = rng.integers(0, 100, (m, m)).astype(float)
        B = rng.integers(0, 100, (m, m)).astype(float)
        assert_paths_agree(A, B)


@pytest.mark.parametrize("m,n", [(1, 1), (1, 4), (4, 1)])
def test_dimension_one_falls_back_to_all_bases(m, n, rng):
    """qhull needs dimension >= 2: forced on a 1 × n or n × 1 game it hands over to the
    all-bases enumeration and says so. The equilibria are the one player's pure action
    against each pure best response of the other (extreme points), as Gambit finds."""
    for _ in range(4):
        A = rng.integers(0, 3, (m, n)).astype(float)
        B = rng.integers(0, 3, (m, n)).astype(float)
        eqs, deg, how = by_path(A, B, "qhull")
        assert "all bases, because qhull needs dimension >= 2" in how
        assert same_set(eqs, gambit_mixed(A, B))
        es = bimatrix_equilibria(A, B)
        assert "qhull" not in es.method and same_set(list(es), eqs)
        if m == 1:
            best = np.flatnonzero(B[0] == B[0].max())
            assert sorted(es.pure()) == [(0, int(j)) for j in best]
            assert es.degenerate == (len(best) > 1)


def test_qhull_error_falls_back_to_all_bases(monkeypatch, rng):
    """If qhull raises, the all-bases enumeration takes over, the method says so and
    the answer is unchanged (Gambit's)."""
    import scipy.spatial
    from scipy.spatial import QhullError

    A = rng.integers(-50, 51, (5, 5)).astype(float)
    B = rng.integers(-50, 51, (5, 5)).astype(float)
    want = bimatrix_equilibria(A, B)
    assert "(qhull)" in want.method

    def broken(*args, **kwargs):
        raise QhullError("QH6154 Qhull precision error: initial simplex is flat")

    monkeypatch.setattr(scipy.spatial, "HalfspaceIntersection", broken)
    got = bimatrix_equilibria(A, B)
    assert "all bases, because qhull failed: QH6154" in got.method
    assert got.degenerate == want.degenerate
    assert same_set(list(got), list(want)) and same_set(list(got), gambit_mixed(A, B))


def test_qhull_points_that_are_not_vertices_are_refused(monkeypatch, rng):
    """A qhull result that fails the vertex checks (infeasible point) is not used."""
    import scipy.spatial

    real = scipy.spatial.HalfspaceIntersection

    class Shifted:
        def __init__(self, *args, **kwargs):
            self.intersections = real(*args, **kwargs).intersections + 0.01

    monkeypatch.setattr(scipy.spatial, "HalfspaceIntersection", Shifted)
    A = rng.integers(-50, 51, (5, 5)).astype(float)
    B = rng.integers(-50, 51, (5, 5)).astype(float)
    got = bimatrix_equilibria(A, B)
    assert "not a vertex" in got.method
    assert same_set(list(got), gambit_mixed(A, B))


def test_lost_vertex_is_caught_by_parity(monkeypatch, rng):
    """A nondegenerate game has an odd number of equilibria (von Stengel 2002,
    Cor. 2.11). If qhull lost the vertex of a pure equilibrium, the count is even: the
    all-bases enumeration is used instead and the method says why."""
    while True:
        A, B = rng.normal(size=(5, 5)), rng.normal(size=(5, 5))
        es = bimatrix_equilibria(A, B)
        if es.pure():
            break
    i0 = es.pure()[0][0]
    real = bm._vertices_qhull

    def lossy(M, tol):
        Z = real(M, tol)
        if np.array_equal(M, bm._to_unit(B)):  # P: drop the vertex on the axis of row i0
            Z = Z[~((Z[:, i0] > tol) & ((Z > tol).sum(axis=1) == 1))]
        return Z

    monkeypatch.setattr(bm, "_vertices_qhull", lossy)
    assert len(bm._vertex_pairs(A, B, 1e-9, "qhull")[0]) == len(es) - 1
    got = bimatrix_equilibria(A, B)
    assert "because qhull gave an even number" in got.method
    assert same_set(list(got), list(es))


@pytest.mark.parametrize("case", ["identical rows", "identical columns", "constant"])
def test_repeated_strategies_qhull_agrees(case, rng):
    """Duplicate actions give duplicate halfspaces (and constant payoffs a simplex with
    every constraint repeated): still the same answer by both algorithms and Gambit."""
    A = rng.integers(0, 5, (4, 4)).astype(float)
    B = rng.integers(0, 5, (4, 4)).astype(float)
    if case == "identical rows":
        A[1], B[1] = A[0], B[0]
    elif case == "identical columns":
        A[:, 2], B[:, 2] = A[:, 3], B[:, 3]
    else:
        A[:], B[:] = 3.0, -1.0
    deg, _ = assert_paths_agree(A, B)
    assert deg
    assert same_set(by_path(A, B, "qhull")[0], gambit_mixed(A, B))


def test_more_than_64_labels(rng):
    """3 × 66: 69 labels need two 64-bit words per label set; P (dimension 3) goes to
    qhull, Q (dimension 66, 69 facets) to the all-bases enumeration, and both agree
    with all bases throughout."""
    A, B = rng.normal(size=(3, 66)), rng.normal(size=(3, 66))
    es = bimatrix_equilibria(A, B)
    assert "P: qhull, Q: all bases" in es.method
    ab, deg, _ = by_path(A, B, "all bases")
    assert not deg and not es.degenerate and same_set(list(es), ab)
    assert len(es) % 2 == 1


def test_mixed_equilibria_are_polished_to_machine_precision():
    """Battle of the sexes: the mixed equilibrium ((3/5, 2/5), (2/5, 3/5)) pays 6/5 to both
    (Osborne & Rubinstein 1994, ex. 34.1); the vertex found in the scaled polytope is
    re-solved on its supports, so the payoff is 6/5 to ~1e-15, not ~1e-11."""
    A = np.array([[3, 0], [0, 2]])
    B = np.array([[2, 0], [0, 3]])
    res = gt.NormalFormGame([A, B]).nash_equilibria()
    mixed = [(x, y) for x, y in res.equilibria if 0 < x[0] < 1]
    assert len(mixed) == 1
    x, y = mixed[0]
    np.testing.assert_allclose(x, [0.6, 0.4], atol=1e-15)
    np.testing.assert_allclose(y, [0.4, 0.6], atol=1e-15)
    assert abs(x @ A @ y - 1.2) < 1e-14 and abs(x @ B @ y - 1.2) < 1e-14


# ------------------------------------------------- flags and dispatch of every method
BOS = (np.array([[2, 0], [0, 1]], float), np.array([[1, 0], [0, 2]], float))
#: von Stengel (2007), *Algorithmic Game Theory* ch. 3, fig. 3.7: degenerate (row 0 is a
#: best response to both columns' mixtures on a segment)
VS_DEGENERATE = (np.array([[3, 3], [2, 5], [0, 6]], float),
                 np.array([[3, 3], [2, 6], [3, 1]], float))
#: how each method's ``method`` string starts, and whether its set is certified complete
#: on a nondegenerate game
METHOD_NAMES = {"enumeration": ("vertex enumeration", True),
                "support": ("support enumeration", True),
                "lemke_howson": ("Lemke–Howson", False),
                "nashpy_support": ("nashpy support_enumeration", False),
                "nashpy_vertex": ("nashpy vertex_enumeration", False)}


@pytest.mark.parametrize("method", bm.METHODS)
@pytest.mark.parametrize("game,degenerate", [(BOS, False), (VS_DEGENERATE, True)])
def test_every_method_reports_degeneracy_completeness_and_its_name(method, game, degenerate):
    """Each method runs its own algorithm (its name in ``method``), reads the degeneracy
    flag off the best-response polytopes (von Stengel 2002, Thm 2.10: a vertex with more
    labels than its dimension), and certifies completeness only where it holds: vertex
    enumeration always, support enumeration on nondegenerate games only, the pivoting
    and nashpy methods never. Flags are real booleans. Every listed profile is one of
    the extreme equilibria found by vertex enumeration (Gambit's set)."""
    A, B = game
    es = bimatrix_equilibria(A, B, method=method)
    name, complete_if_nondegenerate = METHOD_NAMES[method]
    assert es.method.startswith(name)  # the five names start differently
    assert es.degenerate is degenerate
    assert es.complete is (complete_if_nondegenerate and (method == "enumeration"
                                                          or not degenerate))
    assert len(es) >= 1  # every method finds at least one equilibrium of these games
    ref = gambit_mixed(A, B)
    assert all(any(np.allclose(x, u) and np.allclose(y, v) for u, v in ref) for x, y in es)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("method", ["support", "nashpy_support", "nashpy_vertex"])
def test_enumerators_find_every_equilibrium_of_nondegenerate_games(method, rng):
    """Support and vertex enumeration are complete on nondegenerate games (von Stengel
    2002, §2.4–2.5): each method, its results verified one by one, returns the whole set
    of the vertex enumeration (and Gambit's)."""
    for _ in range(3):
        A = rng.integers(-1000, 1001, (3, 3)).astype(float)
        B = rng.integers(-1000, 1001, (3, 3)).astype(float)
        full = bimatrix_equilibria(A, B)
        assert not full.degenerate
        es = bimatrix_equilibria(A, B, method=method)
        assert es.degenerate is False
        assert same_set(list(es), list(full)) and same_set(list(es), gambit_mixed(A, B))


def test_lemke_howson_reaches_an_equilibrium_from_every_label(rng):
    """In a nondegenerate game every Lemke–Howson path ends at an equilibrium (Lemke &
    Howson 1964; von Stengel 2002, Thm 2.14): the method returns at least one verified
    equilibrium of the complete set, and the pure equilibria of the battle of the sexes
    (the paths from its four labels end there)."""
    lh = bimatrix_equilibria(*BOS, method="lemke_howson")
    assert sorted(lh.pure()) == [(0, 0), (1, 1)]
    for _ in range(3):
        A, B = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
        full = bimatrix_equilibria(A, B)
        lh = bimatrix_equilibria(A, B, method="lemke_howson")
        assert len(lh) >= 1 and lh.degenerate is False and lh.complete is False
        assert all(bm._member(eq, list(full)) for eq in lh)


def test_lemke_howson_on_a_game_too_large_for_the_degeneracy_check(monkeypatch):
    """When the polytopes are too large to check degeneracy, Lemke–Howson still answers
    and says the check was skipped (the flag is then False, not None)."""

    def too_large(*args, **kwargs):
        raise ValueError("too large")

    monkeypatch.setattr(bm, "_polytope_data", too_large)
    lh = bimatrix_equilibria(*BOS, method="lemke_howson")
    assert lh.degenerate is False and lh.complete is False
    assert "degeneracy not checked" in lh.note
    assert sorted(lh.pure()) == [(0, 0), (1, 1)]


def test_crosscheck_catches_an_equilibrium_the_enumeration_missed(monkeypatch):
    """nashpy's support enumeration cross-checks the vertex enumeration on small
    nondegenerate games: if the enumeration loses an equilibrium (simulated here by
    dropping the mixed one of the battle of the sexes), the call fails loudly instead
    of returning an incomplete set marked complete; without the cross-check the loss
    goes through."""
    real = bm._vertex_pairs

    def lossy(A, B, tol, algorithm="auto"):
        eqs, degenerate, how = real(A, B, tol, algorithm)
        return [(x, y) for x, y in eqs if x.max() > 0.99], degenerate, how

    monkeypatch.setattr(bm, "_vertex_pairs", lossy)
    with pytest.raises(RuntimeError, match="nashpy found an equilibrium"):
        bimatrix_equilibria(*BOS)
    es = bimatrix_equilibria(*BOS, crosscheck=False)
    assert len(es) == 2 and "cross-checked" not in es.method


def test_nashpy_results_that_are_not_equilibria_are_dropped(monkeypatch):
    """nashpy's results are verified one by one: a pair that is not an equilibrium (or
    contains NaN) is dropped and counted in the note; valid ones are kept."""
    import nashpy

    good = (np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    bad = (np.array([1.0, 0.0]), np.array([0.0, 1.0]))  # row 0 vs column 1: not a NE
    nan = (np.array([np.nan, 1.0]), np.array([1.0, 0.0]))
    monkeypatch.setattr(nashpy.Game, "support_enumeration",
                        lambda self: iter([good, bad, nan]))
    es = bimatrix_equilibria(*BOS, method="nashpy_support")
    assert es.pure() == [(0, 0)] and len(es) == 1
    assert "2 invalid result(s) dropped" in es.note


def test_is_equilibrium_uses_the_given_tolerance():
    """Matching pennies at x = (0.52, 0.48) against y = (½, ½): the column player loses
    0.04 of a payoff range of 2 by not deviating (2 %), so the pair is a 5 %-equilibrium
    but not a 1 %-equilibrium nor one at the default tolerance (Nash 1951)."""
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    x, y = np.array([0.52, 0.48]), np.array([0.5, 0.5])
    assert is_equilibrium(A, -A, x, y, tol=0.05)
    assert not is_equilibrium(A, -A, x, y, tol=0.01)
    assert not is_equilibrium(A, -A, x, y)


def test_chunk_size_does_not_change_the_answer(monkeypatch, rng):
    """The batched solves (all-bases vertices, support enumeration, the exhaustive
    label matching) split their work in chunks; with chunks of a few systems the
    answers are those of one chunk, on nondegenerate and degenerate games."""
    games = [(rng.normal(size=(4, 4)), rng.normal(size=(4, 4))),
             (rng.integers(-1, 2, (4, 4)).astype(float), rng.integers(-1, 2, (4, 4)).astype(float))]
    want = [(by_path(A, B, "all bases"), bimatrix_equilibria(A, B, method="support"))
            for A, B in games]
    monkeypatch.setattr(bm, "_CHUNK", 7)
    for (A, B), ((ab, deg, _), sup) in zip(games, want, strict=True):
        ab2, deg2, _ = by_path(A, B, "all bases")
        assert deg2 == deg and same_set(ab2, ab)
        assert same_set(list(bimatrix_equilibria(A, B, method="support")), list(sup))


def test_support_enumeration_keeps_zero_weights_in_a_support():
    """A degenerate 2 × 2 game whose mixed extreme equilibrium ((1/3, 2/3), column 0) is
    reached by equal supports only with a zero weight on column 1: support enumeration
    must accept that weight (within the tolerance) and find both extreme equilibria of
    the vertex enumeration (Gambit's)."""
    A = np.array([[2.0, 2.0], [2.0, 1.0]])
    B = np.array([[2.0, 0.0], [1.0, 2.0]])
    full = bimatrix_equilibria(A, B)
    sup = bimatrix_equilibria(A, B, method="support")
    assert full.degenerate and len(full) == 2 and same_set(list(full), gambit_mixed(A, B))
    assert same_set(list(sup), list(full))


def test_notes_and_table_headers():
    """The note says what the flags mean: isolated equilibria for a nondegenerate game,
    nothing beyond the reach of the paths for a Lemke–Howson run without capped or failed
    paths; the HTML table names both players' payoff columns."""
    assert bimatrix_equilibria(*BOS).note == "all equilibria (isolated)"
    lh = bimatrix_equilibria(*BOS, method="lemke_howson")
    assert lh.note == "Lemke–Howson finds only the equilibria its paths reach"
    html = bimatrix_equilibria(*BOS)._repr_html_()
    assert "u row" in html and "u column" in html
