"""Conversions to and from pygambit, quantecon, nashpy and coopgame-py round-trip, and the
other library computes the same answers on the converted game (INTEROP-3, INTEROP-4).

The other libraries are reference implementations used only here: Gambit's pure
equilibrium enumeration (``enumpure_solve``), quantecon's ``pure_nash_brute``, nashpy's
support enumeration, coopgame-py's Shapley value and its own lexicographic reader.
"""

import io
import sys
import warnings
from fractions import Fraction as Q

import numpy as np
import pytest
from game_strategies import EXACT, FLOATS, GAMBIT_LABEL, normal_form_games
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt

gbt = pytest.importorskip("pygambit")
qe = pytest.importorskip("quantecon.game_theory")
nashpy = pytest.importorskip("nashpy")
coopgame = pytest.importorskip("coopgame")

ASCII_TEXT = st.text("abc XYZ\"{},.\n")


def same_game(a, b, labels=True):
    assert a.shape == b.shape
    assert np.array_equal(a.exact_payoffs, b.exact_payoffs)
    if labels:
        assert a.player_names == b.player_names and a.action_names == b.action_names


# ---------------------------------------------------------------------------- pygambit
@given(normal_form_games(numbers=st.one_of(EXACT, FLOATS), labels=GAMBIT_LABEL,
                         max_players=3, text=ASCII_TEXT))
def test_pygambit_round_trip(g):
    """INTEROP-3. from_pygambit(to_pygambit(g)) has g's exact payoffs, title and comment;
    its labels are g's keys (the labels themselves when distinct and non-empty)."""
    G = gt.to_pygambit(g)
    back = gt.from_pygambit(G)
    same_game(back, g, labels=False)
    assert back.player_names == g.player_keys and back.action_names == g.action_keys
    assert back.title == g.title and back.comment == g.comment
    if g.player_keys == g.player_names and g.action_keys == g.action_names:
        assert back.player_names == g.player_names and back.action_names == g.action_names
    again = gt.from_pygambit(gt.to_pygambit(back))
    same_game(again, back)


@given(normal_form_games(numbers=st.integers(-3, 3), labels=st.just("s"), max_players=3,
                         text=st.just("")))
def test_pure_equilibria_agree_with_gambit(g):
    """INTEROP-3. Gambit's enumpure_solve on the converted game finds our pure equilibria."""
    G = g.to_pygambit()
    theirs = set()
    for eq in gbt.nash.enumpure_solve(G).equilibria:
        players = list(G.players)
        theirs.add(tuple(int(np.argmax([float(eq[s]) for s in p.strategies]))
                         for p in players))
    assert theirs == set(g.pure_nash_equilibria())


def test_from_pygambit_keeps_gambit_numbers_exact():
    """INTEROP-3. Gambit's rationals and decimals come over as exact fractions; a profile
    without an outcome (the null outcome) pays 0."""
    G = gbt.Game.new_table([2, 2], title="exact")
    players = list(G.players)
    G[0, 0][players[0]] = Q(1, 3)
    G[0, 0][players[1]] = "0.1"
    G[1, 1][players[0]] = -7
    g = gt.from_pygambit(G)
    assert g.exact_payoffs[0, 0].tolist() == [Q(1, 3), Q(1, 10)]
    assert g.exact_payoffs[1, 1, 0] == -7 and g.title == "exact"
    G2 = gbt.read_nfg(io.StringIO(
        'NFG 1 R "" { "a" "b" }\n{ { "x" } { "y" "z" } }\n""\n{ { "o" 1, 2 } }\n0 1'))
    assert gt.from_pygambit(G2).exact_payoffs.tolist() == [[[0, 0], [1, 2]]]


def test_pygambit_bad_input():
    """Not a table game or not a pygambit game: ValueError naming the argument."""
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.from_pygambit("x")
    tree = gbt.Game.new_tree(players=["A", "B"])
    with pytest.raises(ValueError, match="tree"):
        gt.from_pygambit(tree)
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.to_pygambit([[1, 2]])
    padded = gt.NormalFormGame(np.zeros((1, 1, 2)), ["  padded", "b"])
    with pytest.raises(ValueError, match="label"):
        gt.to_pygambit(padded)


# ---------------------------------------------------------------------------- quantecon
@given(normal_form_games(numbers=FLOATS, labels=st.just("")))
def test_quantecon_round_trip(g):
    """INTEROP-3. from_quantecon(to_quantecon(g)) has g's payoffs bit for bit; quantecon's
    player i holds u_i with its own action first, then players i+1, …, i−1."""
    q = gt.to_quantecon(g)
    back = gt.from_quantecon(q, g.player_names, g.action_names)
    assert np.array_equal(back.payoffs, g.payoffs) and back.shape == g.shape
    for i, player in enumerate(q.players):
        order = [(i + k) % g.n for k in range(g.n)]
        assert np.array_equal(np.asarray(player.payoff_array, dtype=float).reshape(
            [g.shape[j] for j in order]), np.transpose(g.payoffs[..., i], order))


@given(normal_form_games(numbers=st.integers(-3, 3), labels=st.just("")))
def test_pure_equilibria_agree_with_quantecon(g):
    """INTEROP-3. quantecon's pure_nash_brute on the converted game finds our pure equilibria."""
    assert set(qe.pure_nash_brute(g.to_quantecon())) == set(g.pure_nash_equilibria())


def test_from_quantecon_bad_input():
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.from_quantecon("x")
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.to_quantecon("x")


# ---------------------------------------------------------------------------- nashpy
@given(normal_form_games(numbers=FLOATS, labels=st.just("x"), max_players=2)
       .filter(lambda g: g.n == 2))
def test_nashpy_round_trip(g):
    """INTEROP-3. from_nashpy(to_nashpy(g)) has g's payoffs bit for bit; the method and
    the function are one implementation."""
    back = gt.from_nashpy(gt.to_nashpy(g), g.player_names, g.action_names)
    assert np.array_equal(back.payoffs, g.payoffs)
    assert gt.NormalFormGame.from_nashpy(g.to_nashpy()) == g


@given(normal_form_games(numbers=st.integers(-3, 3), labels=st.just("x"), max_players=2,
                         max_actions=3).filter(lambda g: g.n == 2))
def test_nashpy_equilibria_are_ours(g):
    """INTEROP-3. Every equilibrium nashpy's support enumeration finds on the converted
    game is a Nash equilibrium of ours (non-degenerate or not)."""
    with warnings.catch_warnings():  # nashpy warns on degenerate games
        warnings.simplefilter("ignore", RuntimeWarning)
        found = list(g.to_nashpy().support_enumeration())
    for x, y in found:
        assert g.is_nash([x, y], tol=1e-9)


# ---------------------------------------------------------------------------- coopgame-py
VALUES = st.floats(-1e6, 1e6, allow_nan=False)


@st.composite
def tu_games(draw, cls=gt.TUGame):
    n = draw(st.integers(1, 5))
    v = draw(st.lists(VALUES, min_size=2**n - 1, max_size=2**n - 1))
    names = draw(st.one_of(st.none(), st.just([f"firm {i}" for i in range(n)])))
    return cls([0.0, *v], names=names)


@given(tu_games(), st.sampled_from([gt.TUGame, gt.CostGame]))
def test_coopgame_round_trip(g, cls):
    """INTEROP-4. from_coopgame(to_coopgame(g)) is g (values bit for bit, names given
    back); a cost game comes back as a cost game."""
    g = cls(g.v, names=g.names)
    c = gt.to_coopgame(g)
    assert c.values() == g.to_binary().tolist()
    assert cls.from_coopgame(c, names=g.names) == g
    assert gt.from_coopgame(c, g.names, kind=g.kind) == g


@given(tu_games())
def test_lex_and_binary_orders_agree_with_coopgame(g):
    """INTEROP-4. Our lexicographic vector, read by coopgame-py as lexicographic, is our
    binary vector; both orders are bijections (from_x(to_x(g)) = g)."""
    assert coopgame.Game(g.to_lex().tolist(), order="lex").values() == g.to_binary().tolist()
    assert gt.TUGame.from_lex(g.to_lex(), names=g.names) == g
    assert gt.TUGame.from_binary(g.to_binary(), names=g.names) == g


@given(tu_games())
def test_shapley_value_agrees_with_coopgame(g):
    """INTEROP-4 (with COOP-6). coopgame-py's Shapley value of the converted game is ours."""
    np.testing.assert_allclose(coopgame.shapley(g.to_coopgame()), gt.shapley_value(g),
                               rtol=1e-9, atol=1e-9 * max(1.0, np.abs(g.v).max()))


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_coopgame_unit_invariance(lam):
    """INTEROP-4. Money scaled by λ: the converted values and the Shapley value scale by λ."""
    g = gt.CostGame.from_lex([30, 40, 50, 60, 70, 80, 100])
    scaled = gt.CostGame(g.v * lam)
    np.testing.assert_array_equal(scaled.to_coopgame().values(), (g.v * lam)[1:])
    np.testing.assert_allclose(coopgame.shapley(scaled.to_coopgame()),
                               lam * np.asarray(coopgame.shapley(g.to_coopgame())), rtol=1e-12)


def test_coopgame_bad_input():
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.from_coopgame("x")
    with pytest.raises(ValueError, match=r"\bkind\b"):
        gt.from_coopgame(gt.TUGame([0, 1]).to_coopgame(), kind="profit")
    with pytest.raises(ValueError, match=r"\bgame\b"):
        gt.to_coopgame([0, 1])
    with pytest.raises(ValueError, match="binary"):
        gt.TUGame.from_binary([1, 2])


# ---------------------------------------------------------------------------- absent packages
@pytest.mark.parametrize("call, module, package", [
    (lambda g, t: gt.to_pygambit(g), "pygambit", "pygambit"),
    (lambda g, t: gt.from_pygambit(object()), "pygambit", "pygambit"),
    (lambda g, t: gt.to_quantecon(g), "quantecon.game_theory", "quantecon"),
    (lambda g, t: gt.to_nashpy(g), "nashpy", "nashpy"),
    (lambda g, t: gt.to_coopgame(t), "coopgame", "coopgame-py"),
])
def test_absent_package_is_named(monkeypatch, call, module, package):
    """Without the optional package: ImportError saying what to pip install."""
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    g = gt.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    with pytest.raises(ImportError, match=rf"pip install {package}\b"):
        call(g, gt.TUGame([0, 1, 1, 3]))
