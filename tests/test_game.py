"""TUGame / CostGame representations: every input form, conversions, bad input."""

import numpy as np
import pytest
from matching import whole_words

import gametheory as gt
from gametheory.coalitional.game import lex_masks


def test_bitmask_mapping_lex_callable_agree():
    arr = [0, 1, 2, 4, 3, 5, 6, 9]
    g = gt.TUGame(arr, names=["a", "b", "c"])
    by_map = gt.TUGame({(0,): 1, (1,): 2, (0, 1): 4, (2,): 3, (0, 2): 5, (1, 2): 6,
                        (0, 1, 2): 9}, n=3, names="abc")
    by_name = gt.TUGame({frozenset(k): v for k, v in g.to_dict(by_name=True).items()},
                        names="abc")
    by_fun = gt.TUGame(lambda S: arr[sum(1 << i for i in S)], n=3, names="abc")
    by_lex = gt.TUGame.from_lex([1, 2, 3, 4, 5, 6, 9], names="abc")
    for other in (by_map, by_name, by_fun, by_lex):
        assert other == g
    assert g[{"a", "c"}] == 5 and g.value((1, 2)) == 6 and g.grand == 9
    np.testing.assert_array_equal(g.to_lex(), [1, 2, 3, 4, 5, 6, 9])
    np.testing.assert_array_equal(gt.TUGame.from_lex(g.to_lex()).v, g.v)
    f = g.as_function()
    assert f([0, 1]) == 4


def test_lex_order_matches_coopgame_convention():
    # R CoopGame / TUGlab: {1},{2},{3},{1,2},{1,3},{2,3},{1,2,3}
    np.testing.assert_array_equal(lex_masks(3), [1, 2, 4, 3, 5, 6, 7])


def test_subgame_and_savings():
    c = gt.CostGame([0, 10, 12, 16, 14, 20, 22, 26], names=["x", "y", "z"])
    sub = c.subgame(["z", "x"])
    assert sub.names == ("z", "x") and sub[{"z", "x"}] == 20 and sub[["z"]] == 14
    s = c.savings_game()
    assert isinstance(s, gt.TUGame) and not isinstance(s, gt.CostGame)
    assert s.grand == 10 + 12 + 14 - 26 and s[[0]] == 0


@pytest.mark.parametrize("bad, msg", [
    ([0, 1, 2], "2\\*\\*n values"),
    ([1, 1], "empty coalition must be worth 0"),
    ([0, np.nan], "finite"),
    ([0, np.inf, 1, 2], "finite"),
    ([[0, 1], [1, 2]], "1-dimensional"),
])
def test_bad_arrays(bad, msg):
    with pytest.raises(ValueError, match=whole_words(msg)):
        gt.TUGame(bad)


def test_bad_mappings_and_names():
    with pytest.raises(ValueError, match="no value for 1 coalition"):
        gt.TUGame({(0,): 1, (1,): 1}, n=2)
    with pytest.raises(ValueError, match="unknown player 'q'"):
        gt.TUGame({("q",): 1}, names="ab")
    with pytest.raises(ValueError, match="a coalition is an iterable"):
        gt.TUGame([0, 1, 1, 2])[1]
    with pytest.raises(ValueError, match=r"\bGiB\b"):
        gt.TUGame(lambda S: 0.0, n=40)
    with pytest.raises(ValueError, match=r"\bdistinct\b"):
        gt.TUGame([0, 1, 1, 2], names=["a", "a"])


def test_display():
    g = gt.CostGame([0, 10, 12, 16], names=["big", "sme"])
    html = g._repr_html_()
    assert "{big, sme}" in html and "c(S)" in html
    assert "CostGame(n=2" in repr(g)


def test_mapping_infers_n_from_integer_keys():
    g = gt.TUGame({(0,): 1, (1,): 2, (0, 1): 4})
    assert g.n == 2 and g[[0, 1]] == 4
    with pytest.raises(ValueError, match="names="):
        gt.TUGame({("a",): 1, ("b",): 2, ("a", "b"): 4})
    with pytest.raises(ValueError, match="no value for 1 coalition"):
        gt.TUGame({(0,): 1, (2,): 1, (0, 1, 2): 3, (0, 1): 1, (0, 2): 1, (1, 2): 1})
