"""Gambit .nfg files (INTEROP-1, INTEROP-2): the project's own files for every feature of the
format, generated games written and read back exactly, and pygambit (test-only) reading the
same files and ours."""

import io
from fractions import Fraction as Q
from pathlib import Path

import numpy as np
import pytest
from game_strategies import ANY_LABEL, EXACT, FLOATS, GAMBIT_LABEL, normal_form_games
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

import gametheory as gt
from gametheory._validation import label_keys
from gametheory.noncooperative.gambit_io import _NUMBER, number_text
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


# --------------------------------------------------------------------------------------
# The project's own .nfg files (tests/data), one per feature of the format, with the
# values each must give, derived by hand from the file (player 1's strategy varies
# fastest, then player 2's, …), and the same files read by pygambit.
# --------------------------------------------------------------------------------------
DATA = Path(__file__).parent / "data"
FILES = sorted(p.name for p in DATA.glob("*.nfg"))
#: pygambit 16 rejects labels that are not printable ASCII or have leading, trailing or
#: double spaces (Gambit 17 reads UTF-8 labels); the format itself allows any text
NOT_FOR_PYGAMBIT_16 = {"utf8_labels.nfg"}


def read(name):
    return gt.read_nfg(DATA / name)


def exact(game, p):
    return game.exact_payoffs[..., p].tolist()


def test_empty_player_labels_count_form_old_data_type():
    """INTEROP-1. Empty player labels are kept for display; keys are _1, _2 (Gambit's rule)."""
    g = read("empty_labels.nfg")
    assert g.player_names == ("", "") and g.player_keys == ("_1", "_2")
    assert g.action_names == (("1", "2"), ("1", "2", "3")) == g.action_keys
    assert exact(g, 0) == [[3, Q(3, 2), 2], [0, -1, Q(1, 4)]]
    assert exact(g, 1) == [[1, 2, 2], [0, 4, -3]]
    assert g.comment == "" and g.title.startswith("Empty player labels")
    np.testing.assert_array_equal(g.payoff_array("_2"), g.payoff_array(1))
    with pytest.raises(ValueError, match=r"players \[0, 1\] share the label ''"):
        g.payoff_array("")


def test_repeated_labels_outcome_form():
    """INTEROP-1. Repeated player and action labels (one clashing with a suffix), outcome
    form with named outcomes, commas, an outcome used twice and the null outcome 0."""
    g = read("repeated_labels.nfg")
    assert g.player_names == ("Firm", "Firm") and g.player_keys == ("Firm_1", "Firm_2")
    assert g.action_names == (("enter", "enter", "enter_1"), ("", "wait", ""))
    assert g.action_keys == (("enter_2", "enter_3", "enter_1"), ("_1", "wait", "_2"))
    h = Q(1, 2)
    assert exact(g, 0) == [[-1, 0, -1], [-1, 0, 3], [3, h, -1]]
    assert exact(g, 1) == [[-1, 3, -1], [-1, 0, 0], [0, h, -1]]
    assert g.comment.startswith("Two firms with the same name")
    with pytest.raises(ValueError, match=r"players \[0, 1\] share the label 'Firm'"):
        g.payoff_array("Firm")
    np.testing.assert_array_equal(g.payoff_array("Firm_2"), g.payoff_array(1))


def test_three_players_outcome_form_multiline_comment():
    """INTEROP-1. Three players (2×2×3), outcomes with and without commas, null outcomes,
    a comment over two lines with escaped quotes."""
    g = read("three_players_outcomes.nfg")
    outcomes = {0: (0, 0, 0), 1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9)}
    listed = [1, 2, 3, 0, 0, 1, 2, 3, 3, 2, 1, 0]
    for k, o in enumerate(listed):
        profile = (k % 2, (k // 2) % 2, k // 4)
        assert tuple(g.exact_payoffs[profile]) == outcomes[o], profile
    assert g.comment == 'A comment over\ntwo lines, with "quoted" words.'
    assert g.action_names[2] == ("Export", "Greenfield", "Stay")


def test_rationals_decimals_exponents_exact():
    """INTEROP-1. Rationals, decimals (.5, 1., trailing zeros), exponents (e-3, E2, 7e-1),
    an unreduced 15/10 and 0/5 are read as the exact numbers they denote."""
    g = read("rationals_decimals.nfg")
    assert exact(g, 0) == [[Q(1, 3), Q(1, 400)], [Q(1, 10), Q(7, 10)], [Q(-1, 2), 0]]
    assert exact(g, 1) == [[Q(-2, 7), 100], [Q(22, 7), Q(3, 2)], [1, 4]]
    assert g.payoffs[0, 0, 0] == 1 / 3 and g.payoffs[1, 0, 0] == 0.1
    text = g.to_nfg()
    assert "1/3 -2/7" in text and "0.1 22/7" in text and "0.0025 100" in text


def test_four_players_one_line_tabs_and_tight_braces():
    """INTEROP-1. Four players (2×3×2×2), all payoffs on one line separated by tabs,
    braces without spaces, labels with spaces, commas and braces inside quotes."""
    g = read("four_players.nfg")
    assert g.player_names == ("P1", "P 2", "P,3", "P{4}")
    assert g.action_names == (("in", "out"), ("low", "mid", "high"), ("a", "b"), ("x", "y"))
    for a in np.ndindex(*g.shape):
        k = a[0] + 2 * a[1] + 6 * a[2] + 12 * a[3]  # the file's order
        assert [int(v) for v in g.exact_payoffs[a]] == [(k * (p + 1)) % 7 - 3 for p in range(4)]


def test_quoting():
    """INTEROP-1. Escaped quotes in title, labels and comment; braces and commas inside
    quotes; a backslash before an ordinary character is kept (as Gambit keeps it)."""
    g = read("quoting.nfg")
    assert g.title == 'A "quoted" title, {braces} and commas'
    assert g.player_names == ('say "yes"', "back\\slash")
    assert g.action_names == (("{", "}"), (",", ""))
    assert g.comment == 'comment with a } brace, a { brace and "quotes"'
    assert exact(g, 0) == [[1, 3], [3, 1]] and exact(g, 1) == [[2, 4], [4, 2]]


def test_utf8_labels():
    """INTEROP-1. Labels are UTF-8 text; spaces and tabs inside quotes are significant."""
    g = read("utf8_labels.nfg")
    assert g.player_names == ("Café Ltd", "  padded  ")
    assert g.action_names == (("出口", "greenfield\ttab"), ("naïve", "x"))
    assert g.title == "Cluster in 浙江 — UTF-8 labels" and g.comment == "ünïcödé comment"


@pytest.mark.parametrize("name", FILES)
def test_files_round_trip(name, tmp_path):
    """INTEROP-1. write_nfg(read_nfg(f)) keeps labels, title, comment and exact payoffs,
    through text and through a file; writing is idempotent."""
    g = read(name)
    text = gt.write_nfg(g)
    path = tmp_path / name
    gt.write_nfg(g, path=path)
    for back in (gt.read_nfg(text), gt.read_nfg(path)):
        assert back.player_names == g.player_names and back.action_names == g.action_names
        assert back.title == g.title and back.comment == g.comment
        assert np.array_equal(back.exact_payoffs, g.exact_payoffs)
        assert gt.write_nfg(back) == text


@pytest.mark.parametrize("name", sorted(set(FILES) - NOT_FOR_PYGAMBIT_16))
def test_files_agree_with_pygambit(name):
    """INTEROP-2. Gambit's own reader gives the same exact payoffs, title and comment; its
    labels are our keys (Gambit makes empty and repeated labels unique the same way);
    and Gambit reads what we write back as the same game."""
    g = read(name)
    assert_same_in_gambit(gbt.read_nfg(str(DATA / name)), g)
    assert_same_in_gambit(gbt.read_nfg(io.StringIO(g.to_nfg())), g)


def assert_same_in_gambit(G, g):
    """pygambit's game G holds g: labels = g's keys, same title, comment, exact payoffs."""
    players = list(G.players)
    assert [p.label for p in players] == list(g.player_keys)
    assert [[s.label for s in p.strategies] for p in players] == [list(k) for k in
                                                                 g.action_keys]
    assert G.title == g.title and G.description == g.comment
    for profile in np.ndindex(*g.shape):
        outcome = G[profile]
        got = [Q(0)] * g.n if outcome is None else [Q(outcome[p]) for p in players]
        assert got == list(g.exact_payoffs[profile]), profile


@given(normal_form_games(numbers=st.one_of(EXACT, FLOATS), labels=ANY_LABEL))
def test_generated_games_round_trip(g):
    """INTEROP-1. For generated games (1–4 players; integers, fractions, decimals, floats
    of any magnitude; any labels, empty and repeated included; any title and comment)
    reading what write_nfg wrote gives back the same labels and exact payoffs."""
    back = gt.read_nfg(gt.write_nfg(g))
    assert back.player_names == g.player_names and back.action_names == g.action_names
    assert back.player_keys == g.player_keys and back.action_keys == g.action_keys
    assert back.title == g.title and back.comment == g.comment
    assert np.array_equal(back.exact_payoffs, g.exact_payoffs)
    assert np.array_equal(back.payoffs, g.payoffs)  # floats too, bit for bit


@given(normal_form_games(numbers=st.one_of(EXACT, FLOATS), labels=GAMBIT_LABEL,
                         max_players=3, text=st.text("abc \"{},\n")))
def test_generated_games_read_by_pygambit(g):
    """INTEROP-2. Gambit reads the files we write as the same game: exact payoffs (our
    decimals, exponents and rationals are Gambit numbers), labels equal to our keys."""
    assert_same_in_gambit(gbt.read_nfg(io.StringIO(g.to_nfg())), g)


@given(st.one_of(EXACT.map(Q), FLOATS.map(lambda x: Q(repr(x)))))
def test_number_text_is_exact_and_gambit_shaped(q):
    """INTEROP-1. Every exact number is written as text that denotes it exactly, in the
    grammar Gambit reads (no '+' signs, which Gambit 16 rejects)."""
    text = number_text(q)
    assert Q(text) == q
    assert _NUMBER.fullmatch(text) and "+" not in text


@pytest.mark.parametrize("text, value", [
    ("+3", 3), ("1.5e+3", 1500), ("-.5", Q(-1, 2)), ("1.", 1), ("1E2", 100), ("7e-1", Q(7, 10)),
    ("-22/7", Q(-22, 7)), ("0.000", 0), (".25", Q(1, 4)), ("10/4", Q(5, 2)),
])
def test_number_forms(text, value):
    """INTEROP-1. The number forms of the format, each read exactly ('+3' and 'e+3' are
    read as their value although pygambit 16 rejects them)."""
    g = gt.read_nfg(f'NFG 1 R "" {{ "a" }} {{ 1 }}\n{text}')
    assert g.exact_payoffs[0, 0] == value and isinstance(g.exact_payoffs[0, 0], Q)


def test_line_endings_and_byte_order_mark(tmp_path):
    """INTEROP-1. A file saved on Windows (CRLF, UTF-8 BOM) reads like the plain one, and a
    CR LF inside a quoted comment is kept."""
    plain = (DATA / "rationals_decimals.nfg").read_text(encoding="utf-8")
    path = tmp_path / "crlf.nfg"
    path.write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    a, b = gt.read_nfg(path), read("rationals_decimals.nfg")
    assert np.array_equal(a.exact_payoffs, b.exact_payoffs) and a.action_names == b.action_names
    g = gt.read_nfg('NFG 1 R "t" { "a" } { 1 }\r\n"two\r\nlines"\r\n5\r\n')
    assert g.comment == "two\r\nlines" and gt.read_nfg(g.to_nfg()).comment == "two\r\nlines"


def test_not_utf8_file_is_named(tmp_path):
    """A file in another encoding: ValueError naming the file and the byte."""
    path = tmp_path / "latin1.nfg"
    path.write_bytes('NFG 1 R "Caf\u00e9" { "a" } { 1 }\n1\n'.encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1\.nfg.*UTF-8.*0xe9"):
        gt.read_nfg(path)
    assert gt.read_nfg('\ufeffNFG 1 R "t" { "a" } { 1 }\n1').exact_payoffs[0, 0] == 1


@pytest.mark.parametrize("lam", [Q(1, 10**9), Q(10**9)])
def test_unit_invariance(lam):
    """INTEROP-1. Money scaled by λ: the file carries λ·u exactly; equilibria unchanged."""
    g = read("repeated_labels.nfg")
    scaled = gt.NormalFormGame(g.exact_payoffs * lam, g.player_names, g.action_names)
    back = gt.read_nfg(scaled.to_nfg())
    assert np.array_equal(back.exact_payoffs, g.exact_payoffs * lam)
    assert back.pure_nash_equilibria() == g.pure_nash_equilibria()


BAD_FILES = [
    ('NFG 1 R "t" { "a" "b" } { 2 2 }\n""\n1 2 3 4 5 6 7', r"needs 8 payoffs, found 7"),
    ('NFG 1 R "t" { "a" "b } { 2 2 }\n1 2', r"unterminated string starting at line 1:19"),
    ('EFG 2 R "t" { "a" "b" }\n"" 1', r"must start with 'NFG 1 R' at line 1:1, got 'EFG'"),
    ('NFG 3 R "t" { "a" } { 1 }\n1', r"only version 1 .* at line 1:5, got '3'"),
    ('NFG 1 X "t" { "a" } { 1 }\n1', r"'NFG 1 D'\) at line 1:7, got 'X'"),
    ('NFG 1 R { "a" } { 1 }\n1', r"quoted title of the game at line 1:9"),
    ('NFG 1 R "t" { a "b" } { 1 1 }\n1 2', r"player names must be quoted strings at "
                                           r"line 1:15, got 'a'"),
    ('NFG 1 R "t" { "a" "b" }\n{ { "x" }\n}\n1 2', r"one strategy list per player \(2\), "
                                                     r"found 1 at line 3:1"),
    ('NFG 1 R "t" { "a" "b" } { 2 0 }\n', r"player 2 \('b'\) has no strategies"),
    ('NFG 1 R "t" { "a" "b" } { 2 x }\n1 2', r"number of strategies of player 2 at line 1:29"),
    ('NFG 1 R "t" { "a" } { 2 }\n""\n{ { "" 1 } }\n1 2', r"outcome number in 0\.\.1 at "
                                                        r"line 4:3, got '2'"),
    ('NFG 1 R "t" { "a" } { 2 }\n""\n{ { "" 1 } }\n1', r"one outcome number per profile "
                                                     r"\(2\), found 1"),
    ('NFG 1 R "t" { "a" "b" } { 1 1 }\n""\n{ { "" 1 } }\n1', r"outcome 1 \(at line 3:3\) "
                                                           r"needs 2 payoffs"),
    ('NFG 1 R "t" { "a" } { 1 }\n""\n{ { "" 1 }\n', r"unexpected end of file"),
    ('NFG 1 R "t" { "a" } { 1 }\n1/0', r"division by zero in the number '1/0'"),
    ('NFG 1 R "t" { "a" } { 1 }\n0x10', r"expected a number in the payoff list .* at "
                                         r"line 2:1, got '0x10'"),
    ('NFG 1 R "t" { "a" } { 1 }\n""\n"another comment" 1', r"expected the payoffs or the "
                                                         r"outcome list at line 3:1"),
    ('NFG 1 R "t" { "a" } { 1 }\n""\n', r"ends before the payoffs"),
    ('NFG 1 R "t" { } { }\n', r"lists no players"),
]


@pytest.mark.parametrize("text, match", BAD_FILES)
def test_malformed_files_say_what_and_where(text, match):
    """A malformed file raises ValueError naming what is wrong and where (line:column)."""
    with pytest.raises(ValueError, match=match):
        gt.read_nfg(text)


@given(st.lists(st.sampled_from(["", "a", "a_1", "a_2", "b", "_1"]) | st.text(max_size=3),
                max_size=8))
def test_label_keys_are_distinct_and_keep_unique_labels(labels):
    """INTEROP-2. Keys are distinct and non-empty; a non-empty label used once is its own
    key; any other label gets a suffix '_k' to its own text."""
    keys = label_keys(labels)
    assert len(set(keys)) == len(keys) == len(labels) and all(keys)
    for label, key in zip(labels, keys):
        if label and labels.count(label) == 1:
            assert key == label
        else:
            assert key.startswith(label + "_") and key[len(label) + 1:].isdigit()
