"""NormalFormGame: pure equilibria, best responses, dominance, conversions, validation.

Pure equilibria are cross-checked against brute force (a deviation loop over every
profile) and against Gambit's ``enumpure_solve`` (pygambit, test-only reference).
"""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

import gametheory as gt
from gametheory.noncooperative.normal_form import NormalFormGame


def brute_pure(P):
    """Pure NE by checking every unilateral deviation of every profile."""
    shape = P.shape[:-1]
    out = []
    for s in itertools.product(*(range(a) for a in shape)):
        ok = True
        for p in range(len(shape)):
            for a in range(shape[p]):
                t = list(s)
                t[p] = a
                if P[tuple(t)][p] > P[s][p]:
                    ok = False
        if ok:
            out.append(s)
    return out


def gambit_pure(P):
    gbt = pytest.importorskip("pygambit")
    n = P.ndim - 1
    g = gbt.Game.from_arrays(*[P[..., p].astype(int) for p in range(n)])
    res = gbt.nash.enumpure_solve(g)
    out = []
    for eq in res.equilibria:
        out.append(tuple(int(np.argmax([float(eq[s]) for s in pl.strategies])) for pl in g.players))
    return sorted(out)


# ------------------------------------------------------------------ textbook games
def test_prisoners_dilemma():
    """Osborne & Rubinstein (1994), ex. 16.2: (Fink, Fink) is the unique NE; Quiet is
    strictly dominated."""
    g = NormalFormGame([np.array([[3, 0], [4, 1]]), np.array([[3, 4], [0, 1]])],
                       ["row", "col"], [["Quiet", "Fink"], ["Quiet", "Fink"]])
    assert g.pure_nash_equilibria() == [(1, 1)]
    assert g.dominated_actions(0) == [0] and g.dominated_actions(1) == [0]
    reduced, surv = g.iterated_elimination()
    assert surv == ((1,), (1,)) and reduced.shape == (1, 1)


def test_battle_of_the_sexes_and_matching_pennies():
    """Osborne & Rubinstein (1994) ex. 15.3 and 17.1: BoS has two pure NE, matching
    pennies none."""
    bos = NormalFormGame([np.array([[2, 0], [0, 1]]), np.array([[1, 0], [0, 2]])])
    assert bos.pure_nash_equilibria() == [(0, 0), (1, 1)]
    mp = NormalFormGame([np.array([[1, -1], [-1, 1]]), np.array([[-1, 1], [1, -1]])])
    assert mp.pure_nash_equilibria() == []


def test_gibbons_iterated_strict_dominance():
    """Gibbons (1992), *A Primer in Game Theory*, fig. 1.1.1: IESDS leaves (Up, Middle)."""
    A = np.array([[1, 1, 0], [0, 0, 2]])
    B = np.array([[0, 2, 1], [3, 1, 0]])
    g = NormalFormGame([A, B], action_names=[["Up", "Down"], ["Left", "Middle", "Right"]])
    reduced, surv = g.iterated_elimination(strict=True)
    assert surv == ((0,), (1,))
    assert reduced.action_names == (("Up",), ("Middle",))


def test_mixed_dominance():
    """B is dominated by ½T + ½M but by no pure strategy (Fudenberg & Tirole 1991, fig. 2.1)."""
    A = np.array([[3, 0], [0, 3], [1, 1]])
    g = NormalFormGame([A, np.zeros_like(A)])
    assert g.dominated_actions(0, mixed=False) == []
    assert g.dominated_actions(0, mixed=True) == [2]
    # with payoff 1.5 the mixture only ties: weakly but not strictly dominated
    A2 = np.array([[3, 0], [0, 3], [1.5, 1.5]])
    g2 = NormalFormGame([A2, np.zeros_like(A2)])
    assert g2.dominated_actions(0, strict=True, mixed=True) == []
    A3 = np.array([[3, 0], [0, 3], [1.5, 1.0]])
    g3 = NormalFormGame([A3, np.zeros_like(A3)])
    assert g3.dominated_actions(0, strict=False, mixed=True) == [2]


def test_weak_dominance():
    A = np.array([[1, 1], [1, 0]])
    g = NormalFormGame([A, np.zeros_like(A)])
    assert g.dominated_actions(0, strict=True) == []
    assert g.dominated_actions(0, strict=False) == [1]


# ------------------------------------------------------------------ cross-checks
@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 3, 4), (2, 2, 2, 2), (3, 2, 2, 3)])
def test_pure_nash_vs_gambit_and_brute_force(shape, rng):
    for _ in range(4):
        n = len(shape)
        P = rng.integers(-2, 3, size=shape + (n,)).astype(float)  # small range: many ties
        g = NormalFormGame(P)
        ours = g.pure_nash_equilibria()
        assert ours == brute_pure(P)
        assert ours == gambit_pure(P)


@given(st.data())
def test_pure_nash_brute_force_property(data):
    n = data.draw(st.integers(1, 4))
    shape = tuple(data.draw(st.integers(1, 3)) for _ in range(n))
    vals = data.draw(st.lists(st.integers(-2, 2), min_size=int(np.prod(shape)) * n,
                              max_size=int(np.prod(shape)) * n))
    P = np.array(vals, float).reshape(shape + (n,))
    g = NormalFormGame(P)
    assert g.pure_nash_equilibria() == brute_pure(P)
    for s in g.pure_nash_equilibria():
        assert g.is_nash(s)
        for p in range(n):
            assert s[p] in g.best_responses(p, s)


@given(st.data())
def test_iterated_strict_dominance_keeps_every_nash_equilibrium(data):
    """Iterated elimination of strictly dominated strategies never removes a Nash
    equilibrium, and the pure NE of the reduced game are those of the original
    (Osborne & Rubinstein 1994, Prop. 61.2)."""
    n = data.draw(st.integers(2, 3))
    shape = tuple(data.draw(st.integers(1, 3)) for _ in range(n))
    size = int(np.prod(shape)) * n
    P = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size)),
                 float).reshape(shape + (n,))
    g = NormalFormGame(P)
    mixed = data.draw(st.booleans())
    reduced, surv = g.iterated_elimination(strict=True, mixed=mixed)
    mapped = sorted(tuple(surv[p][s[p]] for p in range(n)) for s in reduced.pure_nash_equilibria())
    assert mapped == g.pure_nash_equilibria()


def test_best_responses_to_mixed(rng):
    P = rng.normal(size=(3, 4, 2, 3))
    g = NormalFormGame(P)
    x = np.array([0.2, 0.5, 0.3])
    z = np.array([0.6, 0.4])
    vals = g.expected_payoffs(1, [x, None, z])
    brute = np.array([sum(x[i] * z[k] * P[i, j, k, 1] for i in range(3) for k in range(2))
                      for j in range(4)])
    assert np.allclose(vals, brute)
    assert g.best_responses(1, [x, None, z]) == [int(np.argmax(brute))]
    # pure profile: own entry ignored
    assert g.best_responses(0, (None, 2, 1)) == [int(np.argmax(P[:, 2, 1, 0]))]


def test_nashpy_round_trip():
    nashpy = pytest.importorskip("nashpy")
    A = np.array([[3, 0], [5, 1]])
    B = np.array([[3, 5], [0, 1]])
    g = NormalFormGame([A, B])
    ng = g.to_nashpy()
    assert isinstance(ng, nashpy.Game)
    assert NormalFormGame.from_nashpy(ng) == g


def test_html():
    g = NormalFormGame([np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])])
    html = g._repr_html_()
    assert "3, 3" in html and "5, 0" in html
    g3 = NormalFormGame(np.zeros((2, 2, 2, 3)))
    assert "u(2)" in g3._repr_html_()


def test_layouts_agree():
    A = np.array([[1, 2], [3, 4]])
    B = np.array([[5, 6], [7, 8]])
    g1 = NormalFormGame([A, B])
    g2 = NormalFormGame(np.stack([A, B], axis=-1))
    assert g1 == g2
    assert np.array_equal(g1.payoff_array(1), B)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("payoffs, match", [
    ([[[1, 2], [3]], [[1, 2], [3, 4]]], "rectangular|list must be"),
    ([np.array([[1, np.nan], [1, 1]]), np.ones((2, 2))], "finite"),
    ([np.ones((2, 2)), np.ones((2, 3))], "list must be"),
    (np.ones((2, 2, 3)), r"shape \(a_1"),
    ([np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2))], "list must be"),
    (np.ones(3), r"shape \(a_1"),
])
def test_bad_payoffs(payoffs, match):
    with pytest.raises(ValueError, match=whole_words(match)):
        NormalFormGame(payoffs)


def test_bad_names_and_players():
    with pytest.raises(ValueError, match=r"action \(player 0\) names"):
        NormalFormGame([np.ones((2, 2)), np.ones((2, 2))], action_names=[["a"], ["b", "c"]])
    with pytest.raises(ValueError, match="player names"):
        NormalFormGame([np.ones((2, 2)), np.ones((2, 2))], player_names=["x"])
    g = NormalFormGame(np.zeros((2, 2, 2, 3)))
    with pytest.raises(ValueError, match="two-player"):
        g.nash_equilibria()
    with pytest.raises(ValueError, match="two-player"):
        g.to_nashpy()
    with pytest.raises(ValueError, match="probability vector"):
        g.best_responses(0, [None, [0.5, 0.6], [1, 0]])
    with pytest.raises(ValueError, match=r"\bplayer\b"):
        g.best_responses(5, (0, 0, 0))


def test_exported():
    assert gt.NormalFormGame is NormalFormGame
