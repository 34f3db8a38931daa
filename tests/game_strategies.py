"""Hypothesis strategies for generated games, shared by the interoperability tests."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

import gametheory as gt

#: exact numbers of every kind a game file or a user may hold
EXACT = st.one_of(
    st.integers(-10**20, 10**20),
    st.builds(Fraction, st.integers(-10**12, 10**12), st.integers(1, 10**12)),
    st.builds(lambda m, e: Decimal(m).scaleb(-e), st.integers(-10**9, 10**9),
              st.integers(0, 8)),
)
#: finite floats over the whole range (subnormals and 1e300 included)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)
#: labels as a .nfg file may hold them: any text, empty, with quotes, backslashes, braces
ANY_LABEL = st.one_of(st.sampled_from(["", "a", "a", "x_1", '"', "\\", "{ }"]), st.text())
#: labels pygambit 16 accepts when they are distinct (printable ASCII, single spaces
#: inside), plus empty and repeated ones that must become keys
GAMBIT_LABEL = st.one_of(
    st.sampled_from(["", "in", "in", "in_1", 'say "x"', "a\\b", "{x}", "a, b"]),
    st.lists(st.from_regex(r"[!-\[\]-~]{1,6}", fullmatch=True), min_size=1,
             max_size=3).map(" ".join),
)


@st.composite
def shapes(draw, max_players=4, max_actions=3):
    n = draw(st.integers(1, max_players))
    return tuple(draw(st.lists(st.integers(1, max_actions), min_size=n, max_size=n)))


@st.composite
def normal_form_games(draw, numbers=EXACT, labels=ANY_LABEL, max_players=4, max_actions=3,
                      text=None):
    """A NormalFormGame of 1–4 players, 1–3 actions each, with payoffs drawn from
    ``numbers`` and labels from ``labels`` (repeats and empties included)."""
    shape = draw(shapes(max_players, max_actions))
    n = len(shape)
    size = int(np.prod(shape)) * n
    vals = draw(st.lists(numbers, min_size=size, max_size=size))
    table = np.empty(size, dtype=object)
    table[:] = vals
    players = draw(st.lists(labels, min_size=n, max_size=n))
    actions = [draw(st.lists(labels, min_size=a, max_size=a)) for a in shape]
    text = text if text is not None else st.text()
    return gt.NormalFormGame(table.reshape(shape + (n,)), players, actions,
                             title=draw(text), comment=draw(text))

