"""Reading and writing Gambit's ``.nfg`` text format for normal-form games.

Two variants exist (Gambit manual, "Game representation formats: the .nfg format"):

* payoff format::

      NFG 1 R "title" { "P1" "P2" } { 3 2 }
      "optional comment"

      1 1 0 2 0 2 1 1 0 3 2 0

  the header lists the player names and either the number of strategies of each
  player or their names (``{ { "a" "b" "c" } { "L" "R" } }``); then the payoffs of
  all players at each pure profile, the profiles listed with **player 1's strategy
  varying fastest**, then player 2's, and so on (the first profile is (1, 1), the
  second (2, 1), …);
* outcome format: after the header a brace-enclosed list of outcomes
  ``{ "name" u_1, u_2, … }``, then one outcome index per profile (same order;
  1-based, 0 is the null outcome with all payoffs 0).

:func:`write_nfg` writes the payoff format with strategy names, the layout Gambit's
``Game.to_nfg`` (pygambit 16) reads back; :func:`read_nfg` reads both. Numbers may be
integers, decimals or rationals ``p/q``; non-integer floats that would need an
exponent are written as exact rationals.

Reference: The Gambit Project, *Gambit: Software Tools for Game Theory*, version 16,
https://www.gambit-project.org (file formats section of the documentation).

References
----------
McKelvey, R. D., McLennan, A. M. & Turocy, T. L. (2016). Gambit: Software tools for game theory,
version 16. http://www.gambit-project.org (the .nfg file format).
"""

from __future__ import annotations

import math
import os
import re
from fractions import Fraction
from pathlib import Path

import numpy as np

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}]|,|[^\s{},"]+')


def _quote(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(tok: str) -> str:
    return re.sub(r"\\(.)", r"\1", tok[1:-1])


def _number_text(x: float) -> str:
    x = float(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    r = repr(x)
    if "e" not in r and "inf" not in r and "nan" not in r:
        return r
    f = Fraction(x)
    return f"{f.numerator}/{f.denominator}"


def _number(tok: str, where: str) -> float:
    try:
        if "/" in tok:
            return float(Fraction(tok))
        return float(tok)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f".nfg: expected a number in {where}, got {tok!r}") from None


def write_nfg(game, title: str = "", path=None) -> str:
    """The ``.nfg`` text (payoff format) of a :class:`NormalFormGame`; also written to ``path``.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .nfg format.
    """
    from .normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise TypeError(f"write_nfg expects a NormalFormGame, got {type(game).__name__}")
    if not isinstance(title, str):
        raise ValueError(f"title must be a string, got {title!r}")
    lines = [
        f"NFG 1 R {_quote(title)} {{ " + " ".join(_quote(p) for p in game.player_names) + " }",
        "{ " + " ".join("{ " + " ".join(_quote(a) for a in acts) + " }"
                        for acts in game.action_names) + " }",
        '""',
        "",
    ]
    # player 1 fastest = Fortran order over the action axes
    flat = np.moveaxis(game.payoffs, -1, 0).reshape(game.n, -1, order="F").T
    lines.append(" ".join(_number_text(v) for v in flat.ravel()))
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text)
    return text


def read_nfg(source):
    """A :class:`NormalFormGame` from ``.nfg`` text or from a path to a ``.nfg`` file.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .nfg format.
    """
    from .normal_form import NormalFormGame

    if not isinstance(source, (str, os.PathLike)):
        raise ValueError(f"source must be .nfg text or a path to a .nfg file, got {source!r}")
    if isinstance(source, os.PathLike) or (isinstance(source, str)
                                           and not source.lstrip().startswith("NFG")):
        p = Path(source)
        if not p.exists():
            raise ValueError(f"{source!r} is neither .nfg text (starting with 'NFG') "
                             "nor an existing file")
        source = p.read_text()
    toks = _TOKEN.findall(source)
    pos = 0

    def take(expected=None):
        nonlocal pos
        if pos >= len(toks):
            raise ValueError(".nfg: unexpected end of file"
                             + (f" (expected {expected!r})" if expected else ""))
        t = toks[pos]
        pos += 1
        if expected is not None and t != expected:
            raise ValueError(f".nfg: expected {expected!r}, got {t!r} (token {pos})")
        return t

    if take() != "NFG" or take() != "1" or take() not in ("R", "D"):
        raise ValueError(".nfg: the file must start with 'NFG 1 R' (or 'NFG 1 D')")
    title = take()
    if not title.startswith('"'):
        raise ValueError(f".nfg: expected a quoted title, got {title!r}")
    take("{")
    players = []
    while toks[pos] != "}":
        t = take()
        if not t.startswith('"'):
            raise ValueError(f".nfg: player names must be quoted strings, got {t!r}")
        players.append(_unquote(t))
    take("}")
    n = len(players)
    if n == 0:
        raise ValueError(".nfg: the game lists no players")
    take("{")
    actions = []
    if toks[pos] == "{":
        for _ in range(n):
            take("{")
            acts = []
            while toks[pos] != "}":
                acts.append(_unquote(take()))
            take("}")
            actions.append(acts)
    else:
        for _ in range(n):
            k = take()
            if not k.isdigit() or int(k) < 1:
                raise ValueError(f".nfg: expected a number of strategies, got {k!r}")
            actions.append([str(i + 1) for i in range(int(k))])
    take("}")
    if pos < len(toks) and toks[pos].startswith('"'):
        take()  # comment
    shape = tuple(len(a) for a in actions)
    size = math.prod(shape)
    if pos < len(toks) and toks[pos] == "{":  # outcome format
        take("{")
        outcomes = [np.zeros(n)]
        while toks[pos] != "}":
            take("{")
            if toks[pos].startswith('"'):
                take()
            vals = []
            while toks[pos] != "}":
                t = take()
                if t != ",":
                    vals.append(_number(t, "an outcome"))
            take("}")
            if len(vals) != n:
                raise ValueError(f".nfg: an outcome needs {n} payoffs, got {len(vals)}")
            outcomes.append(np.array(vals))
        take("}")
        idx = [int(t) for t in toks[pos:pos + size]]
        if len(idx) != size or any(not 0 <= i < len(outcomes) for i in idx):
            raise ValueError(f".nfg: expected {size} outcome indices in 0..{len(outcomes) - 1}")
        pos += size
        flat = np.array([outcomes[i] for i in idx])
    else:
        vals = [_number(t, "the payoff list") for t in toks[pos:] if t != ","]
        if len(vals) != size * n:
            raise ValueError(f".nfg: a game of shape {shape} with {n} players needs "
                             f"{size * n} payoffs, found {len(vals)}")
        pos = len(toks)
        flat = np.array(vals).reshape(size, n)
    if pos != len(toks):
        raise ValueError(f".nfg: unexpected trailing content starting at {toks[pos]!r}")
    payoffs = np.stack([flat[:, p].reshape(shape, order="F") for p in range(n)], axis=-1)
    return NormalFormGame(payoffs, players, actions)
