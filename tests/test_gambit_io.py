"""Gambit .nfg files: our reader and writer round-trip with pygambit (test-only)."""

import numpy as np
import pytest
from matching import whole_words

from gametheory.noncooperative.normal_form import NormalFormGame

gbt = pytest.importorskip("pygambit")

# The payoff-format example of the Gambit documentation ("The .nfg file format"):
# Selten (1975), IJGT 4:25, figure 2, in normal form.
GAMBIT_DOC_EXAMPLE = '''NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
'''


def test_reads_gambit_documentation_example():
    g = NormalFormGame.from_nfg(GAMBIT_DOC_EXAMPLE)
    assert g.player_names == ("Player 1", "Player 2") and g.shape == (3, 2)
    # player 1 varies fastest: profiles (1,1), (2,1), (3,1), (1,2), (2,2), (3,2)
    assert np.array_equal(g.payoff_array(0), [[1, 1], [0, 0], [0, 2]])
    assert np.array_equal(g.payoff_array(1), [[1, 1], [2, 3], [2, 0]])


def gambit_arrays(text, tmp_path):
    path = tmp_path / "g.nfg"
    path.write_text(text)
    G = gbt.read_nfg(str(path))
    return G, [np.array(a, dtype=float) for a in G.to_arrays()]


@pytest.mark.parametrize("shape", [(2, 3), (3, 2, 4), (2, 2, 2, 2)])
def test_round_trip_with_pygambit(shape, rng, tmp_path):
    n = len(shape)
    P = rng.integers(-9, 10, shape + (n,)).astype(float)
    P.flat[0] = 0.25
    P.flat[1] = -1 / 3  # not a short decimal: written as an exact rational
    names = [f"P {p}" for p in range(n)]
    actions = [[f'a"{p}{k}' for k in range(a)] for p, a in enumerate(shape)]
    g = NormalFormGame(P, names, actions)
    text = g.to_nfg("round trip")
    G, arrs = gambit_arrays(text, tmp_path)
    for p in range(n):
        assert np.allclose(arrs[p], P[..., p], rtol=0, atol=1e-15)
    assert [pl.label for pl in G.players] == names
    assert [[s.label for s in pl.strategies] for pl in G.players] == actions
    # and back: Gambit writes the outcome format, which we read
    back = NormalFormGame.from_nfg(G.to_nfg())
    assert back.player_names == g.player_names and back.action_names == g.action_names
    assert np.allclose(back.payoffs, g.payoffs, rtol=0, atol=1e-15)
    assert NormalFormGame.from_nfg(text) == g


def test_from_arrays_game_and_equilibria_survive(rng, tmp_path):
    A = rng.integers(-5, 6, (3, 3, 2))
    B = rng.integers(-5, 6, (3, 3, 2))
    C = rng.integers(-5, 6, (3, 3, 2))
    G = gbt.Game.from_arrays(A, B, C)
    g = NormalFormGame.from_nfg(G.to_nfg())
    assert np.array_equal(g.payoffs, np.stack([A, B, C], axis=-1))
    path = tmp_path / "x.nfg"
    g.to_nfg(path=path)
    assert NormalFormGame.from_nfg(path) == g
    assert NormalFormGame.from_nfg(str(path)) == g


@pytest.mark.parametrize("text, match", [
    ("NFG 2 R \"t\"", "NFG 1 R"),
    ("EFG 2 R", "neither"),
    ('NFG 1 R "t" { "a" "b" } { 2 2 }\n""\n1 2 3', "needs 8 payoffs"),
    ('NFG 1 R "t" { "a" "b" } { 2 x }\n1 2 3', "number of strategies"),
    ('NFG 1 R "t" { "a" "b" } { 1 1 }\n""\n1 q', "expected a number"),
    ('NFG 1 R "t" { "a" "b" } { 1 1 }\n""\n{ { "" 1 } }\n1', "needs 2 payoffs"),
    ("no_such_file.nfg", "neither"),
    ('NFG 1 R "t" { "a" "b" }', "unexpected end"),
])
def test_bad_files(text, match):
    with pytest.raises(ValueError, match=whole_words(match)):
        NormalFormGame.from_nfg(text)
