"""Reading and writing Gambit's ``.efg`` text format for games in extensive form.

The format (Gambit manual, "The extensive game (.efg) file format")::

    EFG 2 R "title" { "Player 1" "Player 2" }
    "optional comment"

    p "node" 1 1 "infoset" { "out" "in" } 0
    t "" 1 "outcome" { 0, 2 }
    p "" 2 1 "" { "fight" "accommodate" } 0
    t "" 2 "" { -1, -1 }
    t "" 3 "" { 1, 1 }

lists the nodes in preorder: ``p`` a player's node (player number, information-set
number unique within the player, then the set's name and actions), ``c`` a chance node
(event number, then its name and ``"action" probability`` pairs), ``t`` a terminal
node. Each node ends with an outcome number (0: none) and, the first time an outcome
appears, its name and payoffs. The description of an information set, event or outcome
may be omitted when it appears again. Outcomes may sit at non-terminal nodes: a play's
payoff is the sum of the outcomes along it (:func:`read_efg` adds them up to the
terminal nodes, which does not change the game). A terminal node with outcome 0 pays
every player 0, as in Gambit. Numbers may be integers, decimals or rationals ``p/q``.

:func:`write_efg` writes every description in full, terminal outcomes only, chance
probabilities as exact rationals that sum to one. Labels that Gambit requires to be
non-empty and unique (outcomes, information sets of a player) are filled in from the
node paths where the game has none.

References
----------
McKelvey, R. D., McLennan, A. M. & Turocy, T. L. (2016). Gambit: Software tools for game
theory, version 16. http://www.gambit-project.org (the .efg file format).
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import numpy as np

from .extensive import Chance, Decision, ExtensiveGame, Terminal
from .gambit_io import _LEX, _NUMBER, _float_text, _quote, _unquote


def _number(tok: str, where: str) -> float:
    """A number token of the file (integer, decimal, ``p/q``) as a float."""
    if not _NUMBER.fullmatch(tok):
        raise ValueError(f".efg: expected a number in {where} (integers, decimals and "
                         f"rationals p/q are allowed), got {tok!r}")
    try:
        return float(Fraction(tok))
    except ZeroDivisionError:
        raise ValueError(f".efg: zero denominator in {where}: {tok!r}") from None


# --------------------------------------------------------------------------- writing
def _probabilities_text(probs) -> list[str]:
    """Exact rationals summing to one: short fractions where the floats are close to them."""
    fr = []
    for p in probs:
        q = Fraction(p).limit_denominator(10**9)
        fr.append(q if abs(float(q) - p) <= 1e-15 else Fraction(p))
    last = 1 - sum(fr[:-1], Fraction(0))
    if last >= 0 and abs(float(last) - probs[-1]) <= 1e-9:
        fr[-1] = last
    return [str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
            for q in fr]


def write_efg(game, title: str | None = None, path=None) -> str:
    """The ``.efg`` text of an :class:`ExtensiveGame`; also written to ``path`` if given.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .efg format.
    """
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"write_efg expects an ExtensiveGame, got {type(game).__name__}")
    if title is None:
        title = game.title
    if not isinstance(title, str):
        raise ValueError(f"title must be a string, got {title!r}")
    lines = [f"EFG 2 R {_quote(title)} {{ " + " ".join(_quote(p) for p in game.players) + " }",
             '""', ""]
    iset_number: dict[int, int] = {}
    per_player = [0] * game.n
    events: dict = {}
    outcome = 0
    for v in range(game.num_nodes):
        kind = game._kind[v]
        name = _quote(game._labels[v])
        if kind == "t":
            outcome += 1
            label = game._labels[v] or "/".join(game._paths[v]) or "root"
            pay = ", ".join(_float_text(float(x)) for x in game._pay[v])
            lines.append(f"t {name} {outcome} {_quote(f'{outcome}: {label}')} {{ {pay} }}")
        elif kind == "c":
            probs = list(game._probs[v])
            key = (("node", v) if game._events[v] is None
                   else (game._events[v], game._actions[v], tuple(probs)))
            num = events.setdefault(key, len(events) + 1)
            acts = " ".join(f"{_quote(a)} {p}" for a, p in
                            zip(game._actions[v], _probabilities_text(probs)))
            lines.append(f"c {name} {num} {_quote(game._events[v] or '')} {{ {acts} }} 0")
        else:
            h = int(game._node_iset[v])
            info = game.infosets[h]
            if h not in iset_number:
                per_player[info.player] += 1
                iset_number[h] = per_player[info.player]
            acts = " ".join(_quote(a) for a in info.actions)
            lines.append(f"p {name} {info.player + 1} {iset_number[h]} {_quote(info.label)} "
                         f"{{ {acts} }} 0")
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text)
    return text


# --------------------------------------------------------------------------- reading
class _Tokens:
    def __init__(self, text: str):
        self.toks = _LEX.findall(text)
        self.pos = 0

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self, expected=None, what: str = "") -> str:
        if self.pos >= len(self.toks):
            raise ValueError(".efg: unexpected end of file"
                             + (f" (expected {what or expected!r})" if what or expected else ""))
        t = self.toks[self.pos]
        self.pos += 1
        if expected is not None and t != expected:
            raise ValueError(f".efg: expected {expected!r}, got {t!r} (token {self.pos})")
        return t

    def quoted(self, what: str) -> str:
        t = self.take(what=what)
        if not t.startswith('"'):
            raise ValueError(f".efg: expected a quoted {what}, got {t!r} (token {self.pos})")
        return _unquote(t)

    def integer(self, what: str, lo: int = 0) -> int:
        t = self.take(what=what)
        if not t.isdigit() or int(t) < lo:
            raise ValueError(f".efg: expected {what} (a whole number >= {lo}), got {t!r} "
                             f"(token {self.pos})")
        return int(t)

    def has_description(self) -> bool:
        t = self.peek()
        return t is not None and t.startswith('"')


def _payoff_list(tk: _Tokens, n: int, where: str) -> np.ndarray:
    tk.take("{")
    vals = []
    while tk.peek() != "}":
        t = tk.take(what=f"payoffs of {where}")
        if t != ",":
            vals.append(_number(t, f"payoffs of {where}"))
    tk.take("}")
    if len(vals) != n:
        raise ValueError(f".efg: {where} needs {n} payoffs (one per player), got {len(vals)}")
    return np.array(vals)


def read_efg(source) -> ExtensiveGame:
    """An :class:`ExtensiveGame` from ``.efg`` text or from a path to a ``.efg`` file.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), the Gambit .efg format.
    """
    if not isinstance(source, (str, os.PathLike)):
        raise ValueError(f"source must be .efg text or a path to a .efg file, got {source!r}")
    if isinstance(source, os.PathLike) or not source.lstrip().startswith("EFG"):
        p = Path(source)
        if not p.exists():
            raise ValueError(f"source {str(source)[:60]!r} is neither .efg text (starting with "
                             "'EFG') nor an existing file")
        source = p.read_text()
    tk = _Tokens(source)
    if tk.take() != "EFG" or tk.take() != "2" or tk.take() not in ("R", "D"):
        raise ValueError(".efg: the file must start with 'EFG 2 R' (or 'EFG 2 D')")
    title = tk.quoted("title")
    tk.take("{")
    players = []
    while tk.peek() != "}":
        players.append(tk.quoted("player name"))
    tk.take("}")
    n = len(players)
    if n == 0:
        raise ValueError(".efg: the game lists no players")
    if tk.has_description():
        tk.take()  # comment
    infosets: dict = {}   # (player, number) -> (label, actions)
    events: dict = {}     # number -> (label, actions, probs)
    outcomes: dict = {0: np.zeros(n)}

    def read_outcome(where: str) -> np.ndarray:
        num = tk.integer(f"the outcome number of {where}")
        if tk.has_description():
            name = tk.quoted("outcome name")
            pay = _payoff_list(tk, n, f"outcome {num} ({name!r}) at {where}")
            if num == 0:
                raise ValueError(f".efg: outcome 0 (no outcome) at {where} must not have payoffs")
            if num in outcomes and not np.array_equal(outcomes[num], pay):
                raise ValueError(f".efg: outcome {num} at {where} repeats with different payoffs")
            outcomes[num] = pay
        elif num not in outcomes:
            raise ValueError(f".efg: outcome {num} at {where} is used before its payoffs are "
                             "given (a terminal node without payoffs)")
        return outcomes[num]

    # node records in preorder: [kind, label, payoff so far, extra, children]
    records = []
    stack: list = []  # (record index, children still to read)
    while True:
        if tk.peek() is None:
            break
        where = f"node {len(records) + 1}"
        kind = tk.take()
        if kind not in ("p", "c", "t"):
            raise ValueError(f".efg: {where} must start with 'p', 'c' or 't', got {kind!r}")
        label = tk.quoted(f"name of {where}")
        parent_cum = records[stack[-1][0]][2] if stack else np.zeros(n)
        if kind == "t":
            pay = parent_cum + read_outcome(where)
            records.append(["t", label, pay, None, []])
            children = 0
        elif kind == "c":
            num = tk.integer(f"the event number of {where}", 1)
            if tk.has_description():
                ev_label = tk.quoted("event name")
                tk.take("{")
                acts, probs = [], []
                while tk.peek() != "}":
                    acts.append(tk.quoted(f"action name at {where}"))
                    probs.append(_number(tk.take(what="a probability"),
                                         f"the probabilities of {where}"))
                tk.take("}")
                if num in events and events[num][1:] != (tuple(acts), tuple(probs)):
                    raise ValueError(f".efg: event {num} at {where} repeats with different "
                                     "actions or probabilities")
                events[num] = (ev_label, tuple(acts), tuple(probs))
            elif num not in events:
                raise ValueError(f".efg: event {num} at {where} is used before its actions are "
                                 "given")
            pay = parent_cum + read_outcome(where)
            records.append(["c", label, pay, num, []])
            children = len(events[num][1])
        else:
            pl = tk.integer(f"the player number of {where}", 1)
            if pl > n:
                raise ValueError(f".efg: {where} names player {pl}, but there are {n} players")
            num = tk.integer(f"the information set number of {where}", 1)
            key = (pl - 1, num)
            if tk.has_description():
                iset_label = tk.quoted("information set name")
                tk.take("{")
                acts = []
                while tk.peek() != "}":
                    acts.append(tk.quoted(f"action name at {where}"))
                tk.take("}")
                if key in infosets and infosets[key][1] != tuple(acts):
                    raise ValueError(f".efg: information set {num} of player {pl} at {where} "
                                     "repeats with different actions")
                infosets[key] = (iset_label, tuple(acts))
            elif key not in infosets:
                raise ValueError(f".efg: information set {num} of player {pl} at {where} is used "
                                 "before its actions are given")
            pay = parent_cum + read_outcome(where)
            records.append(["p", label, pay, key, []])
            children = len(infosets[key][1])
            if children == 0:
                raise ValueError(f".efg: information set {num} of player {pl} has no actions")
        idx = len(records) - 1
        if stack:
            records[stack[-1][0]][4].append(idx)
            stack[-1][1] -= 1
            if stack[-1][1] == 0:
                stack.pop()
        elif idx > 0:
            raise ValueError(f".efg: unexpected content after the tree ends, at {where}")
        if children:
            stack.append([idx, children])
    if not records:
        raise ValueError(".efg: the file has no nodes")
    if stack:
        raise ValueError(".efg: the file ends before the tree is complete "
                         f"({stack[-1][1]} children of node {stack[-1][0] + 1} missing)")
    # labels of information sets: Gambit's own when non-empty and unique within the player
    label_of: dict = {}
    for p in range(n):
        keys = [k for k in infosets if k[0] == p]
        names = [infosets[k][0] for k in keys]
        for k, nm in zip(keys, names):
            ok = nm and names.count(nm) == 1
            label_of[k] = nm if ok else f"{players[p]}:{k[1]}"
    built: dict[int, object] = {}
    for i in range(len(records) - 1, -1, -1):
        kind, label, pay, extra, kids = records[i]
        if kind == "t":
            built[i] = Terminal(pay, label)
        elif kind == "c":
            ev_label, acts, probs = events[extra]
            built[i] = Chance({a: (pr, built.pop(c)) for a, pr, c in zip(acts, probs, kids)},
                              label, ev_label or None)
        else:
            built[i] = Decision(players[extra[0]],
                                {a: built.pop(c) for a, c in zip(infosets[extra][1], kids)},
                                label_of[extra], label)
    return ExtensiveGame(built[0], players, title)
