"""Mixed equilibria of two-player games: cross-checked against Gambit's exact
``enummixed_solve`` (pygambit, test-only) on seeded random games, degenerate ones
included; nashpy's defects are contained (verification, capped Lemke–Howson)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
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
        assert same_set(list(es), gambit_mixed(A, B))
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
        assert same_set(list(es), gambit_mixed(A, B))
    assert degenerate_seen >= 1


def test_continuum_of_equilibria_is_flagged():
    """A = B = all ones: every profile is an equilibrium; the extreme ones are the 4 pure
    profiles, the game is degenerate and has no unique answer."""
    A = np.ones((2, 2))
    es = bimatrix_equilibria(A, A)
    assert es.degenerate and es.complete
    assert sorted(es.pure()) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    with pytest.raises(ValueError, match="degenerate"):
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
    """nashpy's Lemke–Howson cycles on some random games ≥ 8×8 (PEERS.md); with the
    pivot cap every call returns, only verified equilibria are kept."""
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
    """ECONOMICS.md suggested test: nashpy's support enumeration on 2×2 entry games
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
])
def test_bad_input(A, B, method, match):
    with pytest.raises(ValueError, match=match):
        bimatrix_equilibria(A, B, method=method)


def test_too_large_for_enumeration():
    with pytest.raises(ValueError, match="linear systems"):
        bimatrix_equilibria(np.zeros((20, 20)), np.zeros((20, 20)))


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
