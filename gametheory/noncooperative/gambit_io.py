"""Reading and writing Gambit's ``.nfg`` text format for normal-form games.

The format (Gambit manual, "Game representation formats") in the project's words:

* a prologue ``NFG 1 R "title" { "P1" "P2" … }`` (``D`` instead of ``R`` is an old
  synonym), then the strategies: either one list of labels per player
  ``{ { "a" "b" "c" } { "L" "R" } }`` or the number of strategies of each player
  ``{ 3 2 }`` (labelled ``"1"``, ``"2"``, …), then an optional quoted comment;
* a body in one of two forms. **Payoff form**: the payoffs of all players at each
  pure profile, the profiles listed with **player 1's strategy varying fastest**,
  then player 2's, and so on (the first profile is (1, 1), the second (2, 1), …).
  **Outcome form**: a brace-enclosed list of outcomes ``{ "name" u_1, u_2, … }``
  (commas optional), then one outcome number per profile in the same order
  (1-based; 0 is the null outcome, all payoffs 0).

Whitespace separates tokens and is otherwise not significant. Labels are quoted;
``\\"`` inside a label is a quote. Labels may be empty and may repeat: they are kept as
given, and the game derives distinct keys where it needs them
(:attr:`NormalFormGame.player_keys`). Numbers are exact: integers, decimals (``0.1``,
``-.5``, ``2.5e-3``) and rationals ``p/q``; ``0.1`` and ``1/10`` are the same number.

:func:`read_nfg` reads both forms; :func:`write_nfg` writes the payoff form with
strategy labels (the layout Gambit writes and reads back). Writing after reading
keeps labels, title, comment and payoffs exactly: payoffs read as ``1/3`` are written
as ``1/3`` (the outcome form's outcome names are not kept; the payoffs they carry are).

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

from .._exact import float_fraction

# A token: a quoted label, a lone quote (a label left open), a brace or comma, or a word
# (anything else up to whitespace, a brace, a comma or a quote). Whitespace separates.
_LEX = re.compile(r'"(?:[^"\\]|\\.)*"|"|[{},]|[^\s{},"]+', re.S)
_NUMBER = re.compile(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+/\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_ESCAPE = re.compile(r'\\(["\\])')
_BACKSLASH = re.compile(r'\\(?=["\\]|\Z)')
_MAX_PLAIN = 24  # longest number written without an exponent
_END = ""  # the text of the token after the last one


def _is_label(tok: str) -> bool:
    return len(tok) >= 2 and tok[0] == '"'


def _unquote(tok: str) -> str:
    r"""The label inside a quoted token: ``\"`` is a quote, ``\\`` a backslash; any other
    backslash stays as it is (as Gambit reads it)."""
    return _ESCAPE.sub(r"\1", tok[1:-1])


def _quote(s: str) -> str:
    r"""``s`` as a quoted label: ``"`` becomes ``\"``; a backslash is doubled only where
    it precedes a quote or a backslash or ends the label, so that Gambit, which keeps
    other backslashes as they are, reads the same label."""
    return '"' + _BACKSLASH.sub(r"\\\\", str(s)).replace('"', '\\"') + '"'


def number_text(q: Fraction) -> str:
    """An exact number as ``.nfg`` text Gambit reads: an integer, a decimal when the
    number has a short one (``0.25``, ``1.5e-20``), otherwise a rational ``p/q``."""
    p, d = q.numerator, q.denominator
    if d == 1:
        return str(p)
    twos = (d & -d).bit_length() - 1
    rest, fives = d >> twos, 0
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return f"{p}/{d}"
    k = max(twos, fives)                    # q = m / 10**k with m an integer
    m = p * 10**k // d
    sign, digits = ("-" if m < 0 else ""), str(abs(m))
    if k < len(digits):
        plain = digits[:-k] + "." + digits[-k:]
    else:
        plain = "0." + "0" * (k - len(digits)) + digits
    if len(plain) <= _MAX_PLAIN:
        return sign + plain
    if len(digits) <= _MAX_PLAIN - 6:       # 1.5e-20: no '+' (Gambit rejects it)
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{mantissa}e{len(digits) - 1 - k}"
    return f"{p}/{d}"


def _float_text(x: float) -> str:
    if x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return number_text(float_fraction(x))


def write_nfg(game, title: str = "", path=None) -> str:
    """The ``.nfg`` text (payoff format) of a :class:`NormalFormGame`; also written to ``path``.

    Labels are written as given (empty and repeated ones included), with the game's
    comment. ``title`` defaults to the game's own ``title``. Payoffs are written
    exactly: integers, short decimals, else rationals ``p/q``; one profile per line.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .nfg format.
    """
    from .normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise TypeError(f"write_nfg expects a NormalFormGame, got {type(game).__name__}")
    if not isinstance(title, str):
        raise ValueError(f"title must be a string, got {title!r}")
    title = title or game.title
    lines = [
        f"NFG 1 R {_quote(title)} {{ " + " ".join(_quote(p) for p in game.player_names) + " }",
        "",
        "{ " + "\n".join("{ " + " ".join(_quote(a) for a in acts) + " }"
                         for acts in game.action_names),
        "}",
        _quote(game.comment),
        "",
    ]
    # player 1 fastest = Fortran order over the action axes
    if game._exact is None:
        table, fmt = game.payoffs, _float_text
    else:
        table, fmt = game._exact, number_text
    flat = np.moveaxis(table, -1, 0).reshape(game.n, -1, order="F").T
    lines.extend(" ".join(fmt(v) for v in row) for row in flat.tolist())
    text = "\n".join(lines) + "\n"
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return text


def _source_text(source) -> str:
    if not isinstance(source, (str, os.PathLike)):
        raise ValueError(f"source must be .nfg text or a path to a .nfg file, got {source!r}")
    if isinstance(source, str):
        head = source.lstrip("\ufeff \t\r\n")
        if head.startswith("NFG") or "\n" in head or "{" in head:
            return source.lstrip("\ufeff")
    p = Path(source)
    if not p.is_file():
        raise ValueError(f"{str(source)!r} is neither .nfg text (starting with 'NFG') "
                         "nor an existing file")
    try:
        with open(p, encoding="utf-8-sig", newline="") as f:
            return f.read()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{str(source)!r}: .nfg files are UTF-8 text, but byte "
                         f"{exc.object[exc.start]:#04x} at offset {exc.start} is not "
                         "UTF-8") from None


class _Parser:
    """Recursive descent over the tokens; every error names the line and column."""

    def __init__(self, text: str):
        self.text = text
        self.toks = _LEX.findall(text)
        self._offs = None  # token offsets, found when an error needs a line and column
        if '"' in self.toks:
            raise ValueError(f".nfg: unterminated string starting at "
                             f"{self.where(self.toks.index(chr(34)))} (a label needs a "
                             "closing quote)")
        self.toks.append(_END)
        self.pos = 0

    def where(self, i: int | None = None) -> str:
        if self._offs is None:
            self._offs = [m.start() for m in _LEX.finditer(self.text)] + [len(self.text)]
        off = self._offs[self.pos if i is None else i]
        line = self.text.count("\n", 0, off) + 1
        return f"line {line}:{off - self.text.rfind(chr(10), 0, off)}"

    def shown(self, i: int | None = None) -> str:
        tok = self.toks[self.pos if i is None else i]
        return "end of file" if tok == _END else repr(tok)

    @property
    def cur(self) -> str:
        return self.toks[self.pos]

    def take(self) -> str:
        tok = self.toks[self.pos]
        if tok == _END:
            raise ValueError(f".nfg: unexpected end of file at {self.where()}")
        self.pos += 1
        return tok

    def fail(self, message: str, i: int | None = None):
        raise ValueError(f".nfg: {message} at {self.where(i)}, got {self.shown(i)}")

    def expect(self, char: str, what: str) -> None:
        if self.cur != char:
            if self.cur == _END:
                raise ValueError(f".nfg: unexpected end of file at {self.where()} "
                                 f"(expected {char!r} {what})")
            self.fail(f"expected {char!r} {what}")
        self.pos += 1

    def number(self, what: str, cache: dict) -> int | Fraction:
        """The number at the cursor: an int for an integer, else an exact Fraction."""
        tok = self.cur
        value = cache.get(tok)
        if value is None:
            if _INTEGER.fullmatch(tok):
                value = int(tok)
            elif _NUMBER.fullmatch(tok):
                try:
                    value = Fraction(tok)
                except ZeroDivisionError:
                    raise ValueError(f".nfg: division by zero in the number {tok!r} in "
                                     f"{what} at {self.where()}") from None
            else:
                self.fail(f"expected a number in {what} (integers, decimals and rationals "
                          "p/q are allowed)")
            cache[tok] = value
        self.pos += 1
        return value

    def labels(self, what: str) -> list[str]:
        self.expect("{", f"to open the {what}")
        out = []
        while _is_label(self.cur):
            out.append(_unquote(self.take()))
        if self.cur != "}":
            if self.cur == _END:
                raise ValueError(f".nfg: unexpected end of file in the {what} at "
                                 f"{self.where()}")
            self.fail(f"{what} must be quoted strings")
        self.pos += 1
        return out

    def header(self):
        if self.cur != "NFG":
            self.fail("the file must start with 'NFG 1 R'")
        self.pos += 1
        if self.take() != "1":
            self.fail("only version 1 of the format exists: the file must start with "
                      "'NFG 1 R'", self.pos - 1)
        if self.take() not in ("R", "D"):
            self.fail("the file must start with 'NFG 1 R' (or the old 'NFG 1 D')",
                      self.pos - 1)
        if not _is_label(self.cur):
            self.fail("expected the quoted title of the game")
        title = _unquote(self.take())
        players = self.labels("player names")
        if not players:
            raise ValueError(f".nfg: the game lists no players ({self.where(self.pos - 1)})")
        self.expect("{", "to open the strategy list")
        actions = []
        if self.cur == "{":
            for p in range(len(players)):
                if self.cur != "{":
                    self.fail(f"expected one strategy list per player ({len(players)}), "
                              f"found {p}")
                actions.append(self.labels(f"strategy names of player {p + 1}"))
        else:
            for p in range(len(players)):
                if not self.cur.isdigit():
                    self.fail(f"expected the number of strategies of player {p + 1}")
                actions.append([str(k + 1) for k in range(int(self.take()))])
        self.expect("}", f"to close the strategy list of {len(players)} players")
        for p, acts in enumerate(actions):
            if not acts:
                raise ValueError(f".nfg: player {p + 1} ({players[p]!r}) has no strategies; "
                                 "every player needs at least one")
        comment = _unquote(self.take()) if _is_label(self.cur) else ""
        return title, players, actions, comment

    def outcome_body(self, n: int, size: int) -> list[list]:
        self.expect("{", "to open the outcome list")
        outcomes, cache = [[0] * n], {}
        while self.cur == "{":
            start = self.pos
            self.pos += 1
            if _is_label(self.cur):
                self.pos += 1  # the outcome's name
            vals = []
            while self.cur != "}":
                if self.cur == ",":
                    self.pos += 1
                elif self.cur == _END:
                    raise ValueError(f".nfg: unexpected end of file in outcome "
                                     f"{len(outcomes)} (opened at {self.where(start)})")
                else:
                    vals.append(self.number(f"outcome {len(outcomes)}", cache))
            self.pos += 1
            if len(vals) != n:
                raise ValueError(f".nfg: outcome {len(outcomes)} (at {self.where(start)}) "
                                 f"needs {n} payoffs, one per player, got {len(vals)}")
            outcomes.append(vals)
        self.expect("}", "to close the outcome list")
        rows = []
        while self.cur != _END:
            tok = self.cur
            if not tok.isdigit() or int(tok) >= len(outcomes):
                self.fail(f"expected an outcome number in 0..{len(outcomes) - 1}")
            rows.append(outcomes[int(tok)])
            self.pos += 1
        if len(rows) != size:
            raise ValueError(f".nfg: the outcome form needs one outcome number per profile "
                             f"({size}), found {len(rows)}")
        return rows

    def payoff_body(self, n: int, size: int, shape) -> list[list]:
        vals, cache, toks = [], {}, self.toks
        for i in range(self.pos, len(toks) - 1):
            tok = toks[i]
            if tok != ",":
                value = cache.get(tok)
                if value is None:
                    self.pos = i
                    value = self.number("the payoff list", cache)
                vals.append(value)
        self.pos = len(toks) - 1
        if len(vals) != size * n:
            raise ValueError(f".nfg: a game of shape {shape} with {n} players needs "
                             f"{size * n} payoffs, found {len(vals)}")
        return [vals[k * n:(k + 1) * n] for k in range(size)]


def read_nfg(source):
    """A :class:`NormalFormGame` from ``.nfg`` text or from a path to a ``.nfg`` file.

    Reads the payoff and the outcome forms, count or label strategy lists, an optional
    comment, and labels that are empty or repeated (kept as given; the game's
    ``player_keys``/``action_keys`` are distinct). Payoffs are exact (``1/3`` stays
    ``1/3`` in :attr:`NormalFormGame.exact_payoffs` and when written back). Malformed
    files raise ``ValueError`` naming the line and column.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .nfg format.
    """
    from .normal_form import NormalFormGame

    parser = _Parser(_source_text(source))
    title, players, actions, comment = parser.header()
    n = len(players)
    shape = tuple(len(a) for a in actions)
    size = math.prod(shape)
    if parser.cur == "{":
        rows = parser.outcome_body(n, size)
    elif parser.cur == _END:
        raise ValueError(f".nfg: the file ends before the payoffs ({parser.where()})")
    elif _is_label(parser.cur):
        parser.fail("expected the payoffs or the outcome list")
    else:
        rows = parser.payoff_body(n, size, shape)
    flat = np.empty((size, n), dtype=object)
    for k, row in enumerate(rows):
        flat[k, :] = row
    payoffs = np.stack([flat[:, p].reshape(shape, order="F") for p in range(n)], axis=-1)
    return NormalFormGame(payoffs, players, actions, title=title, comment=comment)
