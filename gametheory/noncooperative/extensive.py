"""Finite games in extensive form: game trees, subgame-perfect equilibria, the reduced normal form.

A game tree is written with three node types::

    Decision(player, {action: child, ...}, infoset=None)   # a move of a player
    Chance({outcome: (probability, child), ...})            # a move of nature
    Terminal(payoffs)                                       # one payoff per player

and wrapped in :class:`ExtensiveGame`, which validates the whole tree at once (every leaf
a :class:`Terminal` with one finite payoff per player, probabilities that sum to one,
consistent information sets) and stores it flat, in preorder. Nodes of one player that
carry the same ``infoset`` label form an information set (the player cannot tell them
apart); a game is of *perfect information* when every information set has one node.

**Backward induction** (Zermelo 1913; Kuhn 1953; Selten 1965). In a finite game of
perfect information, solve the last movers first: at each decision node the mover takes
an action with the highest value, given the values already computed for its children
(a chance node is worth the probability-weighted mean of its children). The actions
chosen at *every* node, reached or not, form a pure-strategy subgame-perfect equilibrium
(SPE); if no mover is ever indifferent it is the unique SPE. Ties are reported, never
hidden: :meth:`ExtensiveGame.backward_induction` picks the first best action and lists
every tie, and :meth:`ExtensiveGame.subgame_perfect_equilibria` enumerates every pure SPE.

**Reduced normal form** (Kuhn 1953; von Stengel 2002). A pure strategy assigns an action
to each of the player's information sets; two strategies that differ only at information
sets their own earlier actions rule out are the same *reduced* strategy. The reduced
strategic form is the :class:`~gametheory.noncooperative.normal_form.NormalFormGame` of
reduced strategies with expected payoffs (chance moves averaged), as Gambit builds it.

References
----------
Zermelo, E. (1913). Über eine Anwendung der Mengenlehre auf die Theorie des Schachspiels.
*Proc. Fifth Int. Congress of Mathematicians* 2:501–504.
Kuhn, H. W. (1953). Extensive games and the problem of information. In *Contributions
to the Theory of Games II* (Annals of Mathematics Studies 28), 193–216.
Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121:301–324.
von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of Game
Theory* vol. 3, ch. 45, 1723–1759.
Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*. MIT Press, ch. 6
(extensive games with perfect information) and ch. 11 (imperfect information).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._display import fmt, html_table
from .._results import ResultMixin
from .._tolerance import RTOL, tolerance
from .._validation import finite_scalar, positive, whole_number

#: Largest tree (number of nodes) an :class:`ExtensiveGame` holds.
MAX_NODES = 2_000_000
#: Largest number of reduced-strategy profiles :meth:`ExtensiveGame.to_normal_form` builds.
MAX_PROFILES = 2_000_000
#: Default cap on the number of pure SPE :meth:`ExtensiveGame.subgame_perfect_equilibria` lists.
MAX_LISTED = 10_000
#: Probabilities of a chance node must sum to one within this (unit-free) tolerance.
PROB_TOL = 1e-9
_HTML_ROWS = 64


# --------------------------------------------------------------------------- node types
@dataclass(frozen=True, eq=False)
class Terminal:
    """An end of play: ``payoffs`` lists one payoff per player (or maps player name → payoff).

    References
    ----------
    Osborne & Rubinstein (1994), ch. 6.
    """

    payoffs: object
    label: str = ""


@dataclass(frozen=True, eq=False)
class Decision:
    """A move of ``player``: ``actions`` maps each action label to the node it leads to.

    Nodes of one player with the same ``infoset`` label form one information set (they
    must offer the same action labels); without a label the node is its own information
    set, labelled by its path from the root (``"root"``, ``"in"``, ``"in/fight"``, …).

    References
    ----------
    Kuhn (1953).
    """

    player: object
    actions: object
    infoset: str | None = None
    label: str = ""


@dataclass(frozen=True, eq=False)
class Chance:
    """A move of nature: ``actions`` maps each outcome label to ``(probability, child)``.

    ``event`` labels chance nodes that share one distribution (Gambit's chance
    "information sets"); it is kept for writing ``.efg`` files and changes nothing else.

    References
    ----------
    Kuhn (1953).
    """

    actions: object
    label: str = ""
    event: str | None = None


_NODE_TYPES = (Terminal, Decision, Chance)


@dataclass(frozen=True)
class Infoset:
    """An information set: its ``player`` (index), ``label``, ``actions`` and member ``nodes``.

    References
    ----------
    Kuhn (1953).
    """

    player: int
    label: str
    actions: tuple
    nodes: tuple


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Tie(ResultMixin):
    """A decision node where the mover is indifferent among several best actions.

    References
    ----------
    Osborne & Rubinstein (1994), ch. 6.
    """

    path: tuple
    player: str
    actions: tuple
    chosen: str


@dataclass(frozen=True)
class SubgamePerfectEquilibrium(ResultMixin):
    """A pure-strategy subgame-perfect equilibrium of a game of perfect information.

    Attributes
    ----------
    strategies : dict
        ``{player: {information set: action}}`` at *every* decision node, reached or not
        (a strategy says what a player would do off the equilibrium path too).
    payoffs : ndarray
        Expected payoff of each player (chance moves averaged).
    path : tuple or None
        The actions played from the root to the end, when no chance move lies on the
        path; ``None`` otherwise (see ``play``).
    play : tuple of (path, probability)
        Every terminal node reached with positive probability.
    ties : tuple of :class:`Tie`
        Every decision node (on or off the path) where the mover had several best
        actions; the first was taken. Empty iff this is the game's only pure SPE.
    method : str
        What was computed, under which equilibrium notion.

    References
    ----------
    Selten (1965); Kuhn (1953).
    """

    strategies: dict
    payoffs: np.ndarray
    path: tuple | None
    play: tuple
    ties: tuple = ()
    method: str = "subgame-perfect equilibrium (backward induction, perfect information)"

    @property
    def unique(self) -> bool:
        """No mover is indifferent anywhere: the game has exactly this one pure SPE."""
        return not self.ties

    def action(self, player, infoset: str) -> str:
        """The action ``player`` takes at ``infoset``."""
        return self.strategies[player][infoset]

    def __repr__(self):
        path = " → ".join(self.path) if self.path is not None else f"{len(self.play)} plays"
        pay = ", ".join(fmt(v) for v in self.payoffs)
        tie = f", {len(self.ties)} tie(s)" if self.ties else ""
        return f"SubgamePerfectEquilibrium(path: {path}; payoffs ({pay}){tie})"


# --------------------------------------------------------------------------- the game
def _text(x, what: str) -> str:
    if not isinstance(x, str):
        raise ValueError(f"{what} must be a string, got {x!r}")
    return x


def _path_text(path) -> str:
    return "/".join(path) if path else "root"


class ExtensiveGame:
    """A finite game in extensive form (a tree with decision, chance and terminal nodes).

    Parameters
    ----------
    root : Decision, Chance or Terminal
        The root of the tree.
    players : sequence of str, optional
        Player names in payoff order. Default: the players in order of first appearance
        in the tree (preorder); give them explicitly when terminal payoffs are lists.
    title : str

    Examples
    --------
    Selten's (1978) chain-store stage game: the entrant stays out or enters; the
    incumbent fights or accommodates. Backward induction: accommodate, so enter.

    >>> import gametheory as gt
    >>> tree = gt.Decision("Entrant", {
    ...     "out": gt.Terminal([0, 2]),
    ...     "in": gt.Decision("Incumbent", {"fight": gt.Terminal([-1, -1]),
    ...                                     "accommodate": gt.Terminal([1, 1])}),
    ... })
    >>> game = gt.ExtensiveGame(tree, players=["Entrant", "Incumbent"])
    >>> game.backward_induction()
    SubgamePerfectEquilibrium(path: in → accommodate; payoffs (1, 1))

    References
    ----------
    Kuhn (1953); Selten (1965); Osborne & Rubinstein (1994), ch. 6 and 11.
    Selten, R. (1978). The chain store paradox. *Theory and Decision* 9:127–159.
    """

    def __init__(self, root, players=None, title: str = ""):
        self.title = _text(title, "title")
        if players is not None:
            if isinstance(players, (str, bytes)) or not hasattr(players, "__iter__"):
                raise ValueError(f"players must be a sequence of player names, got {players!r}")
            players = tuple(_text(p, "a player name") for p in players)
            if not players or len(set(players)) != len(players):
                raise ValueError(f"players must be distinct names, at least one; got {players}")
        self._build(root, players)

    # ------------------------------------------------------------------ construction
    def _build(self, root, players):
        kind, mover, parent, children, actions, probs, paths, labels = ([] for _ in range(8))
        terminal_payoffs: list = []
        iset_key: list = []  # (player, label, given) per decision node; None otherwise
        events: list = []
        seen_players: list = list(players) if players is not None else []
        stack = [(root, -1, ())]
        while stack:
            node, par, path = stack.pop()
            i = len(kind)
            if i >= MAX_NODES:
                raise ValueError(f"the tree has more than {MAX_NODES:,} nodes")
            if not isinstance(node, _NODE_TYPES):
                where = f"the node at path {_path_text(path)!r}"
                what = "missing (None)" if node is None else f"a {type(node).__name__}"
                raise ValueError(f"{where} is {what}: every child must be a Terminal (with its "
                                 "payoffs), a Decision or a Chance node")
            parent.append(par)
            paths.append(path)
            labels.append(_text(node.label, f"label of the node at {_path_text(path)!r}"))
            if isinstance(node, Terminal):
                kind.append("t")
                mover.append(-2)
                children.append(())
                actions.append(())
                probs.append(())
                iset_key.append(None)
                events.append(None)
                terminal_payoffs.append((i, node.payoffs, path))
                continue
            acts = node.actions
            if isinstance(acts, Mapping):
                items = list(acts.items())
            else:
                try:
                    items = [tuple(x) for x in acts]
                except TypeError:
                    items = None
                if items is None or any(len(x) != 2 for x in items):
                    raise ValueError(f"actions of the node at {_path_text(path)!r} must map action "
                                     f"labels to children, got {acts!r}")
            if not items:
                raise ValueError(f"the node at {_path_text(path)!r} has no actions; a node "
                                 "without moves is a Terminal")
            labs = tuple(_text(a, f"an action label at {_path_text(path)!r}") for a, _ in items)
            if len(set(labs)) != len(labs):
                raise ValueError(f"action labels at {_path_text(path)!r} must be distinct, "
                                 f"got {labs}")
            if isinstance(node, Decision):
                who = node.player
                if not isinstance(who, str):
                    raise ValueError(f"player of the node at {_path_text(path)!r} must be a name "
                                     f"(string), got {who!r}")
                if who not in seen_players:
                    if players is not None:
                        raise ValueError(f"player {who!r} at {_path_text(path)!r} is not among "
                                         f"players {list(players)}")
                    seen_players.append(who)
                kind.append("p")
                mover.append(seen_players.index(who))
                kids = [c for _, c in items]
                probs.append(())
                given = node.infoset is not None
                lab = (_text(node.infoset, f"infoset at {_path_text(path)!r}") if given
                       else _path_text(path))
                iset_key.append((who, lab, given))
                events.append(None)
            else:
                kind.append("c")
                mover.append(-1)
                kids, ps = [], []
                for a, pc in items:
                    if not (isinstance(pc, tuple) and len(pc) == 2):
                        raise ValueError(f"each outcome of the chance node at {_path_text(path)!r} "
                                         f"maps to (probability, child); {a!r} maps to {pc!r}")
                    ps.append(finite_scalar(pc[0], f"probability of {a!r} at chance node "
                                                   f"{_path_text(path)!r}"))
                    kids.append(pc[1])
                ps = np.array(ps)
                if np.any(ps < 0) or abs(ps.sum() - 1) > PROB_TOL:
                    raise ValueError(f"probabilities of the chance node at {_path_text(path)!r} "
                                     f"must be >= 0 and sum to 1, got {ps.tolist()}")
                probs.append(tuple(float(p) for p in ps))
                iset_key.append(None)
                events.append(node.event)
            actions.append(labs)
            children.append(None)  # filled below
            for a, c in reversed(list(zip(labs, kids))):
                stack.append((c, i, path + (a,)))
        # children: preorder ids; a node's children are the nodes whose parent is it
        kids_of: list[list[int]] = [[] for _ in kind]
        for i, p in enumerate(parent):
            if p >= 0:
                kids_of[p].append(i)
        self._kind = tuple(kind)
        self._mover = np.array(mover, dtype=np.int64)
        self._parent = np.array(parent, dtype=np.int64)
        self._children = tuple(tuple(k) for k in kids_of)
        self._actions = tuple(actions)
        self._probs = tuple(probs)
        self._paths = tuple(paths)
        self._labels = tuple(labels)
        self._events = tuple(events)
        self.players = tuple(seen_players)
        self.n = len(self.players)
        if self.n == 0:
            raise ValueError("the tree has no decision node and no players were given; "
                             "pass players=[...]")
        # terminal payoffs, validated now that the players are known
        pay = np.full((len(kind), self.n), np.nan)
        for i, raw, path in terminal_payoffs:
            pay[i] = self._read_payoffs(raw, path)
        pay.setflags(write=False)
        self._pay = pay
        self._terminals = tuple(i for i, k in enumerate(kind) if k == "t")
        # information sets
        isets: dict = {}
        isets_nodes: list = []
        iset_given: list = []
        node_iset = np.full(len(kind), -1, dtype=np.int64)
        for i, key in enumerate(iset_key):
            if key is None:
                continue
            who, lab, given = key
            k = (who, lab)
            if k in isets:
                j = isets[k]
                first = isets_nodes[j][0]
                if not (given and iset_given[j]):
                    raise ValueError(f"information set label {lab!r} of player {who!r} names "
                                     f"both the node at {_path_text(self._paths[i])!r} and the "
                                     f"node at {_path_text(self._paths[first])!r}; label "
                                     "information sets explicitly and distinctly")
                if self._actions[i] != self._actions[first]:
                    raise ValueError(f"nodes of infoset {lab!r} of player {who!r} must offer the "
                                     f"same actions: {self._actions[first]} at "
                                     f"{_path_text(self._paths[first])!r} but {self._actions[i]} "
                                     f"at {_path_text(self._paths[i])!r}")
                isets_nodes[j].append(i)
            else:
                isets[k] = len(isets)
                isets_nodes.append([i])
                iset_given.append(given)
            node_iset[i] = isets[k]
        self._node_iset = node_iset
        self.infosets = tuple(
            Infoset(self.players.index(who), lab, self._actions[isets_nodes[j][0]],
                    tuple(isets_nodes[j]))
            for (who, lab), j in isets.items()
        )
        for h in self.infosets:  # absent-mindedness: a path crossing one infoset twice
            members = set(h.nodes)
            for v in h.nodes:
                u = self._parent[v]
                while u >= 0:
                    if u in members:
                        raise ValueError(
                            f"infoset {h.label!r} of player {self.players[h.player]!r} contains "
                            f"the node at {_path_text(self._paths[v])!r} and its ancestor at "
                            f"{_path_text(self._paths[u])!r} (absent-minded); not supported")
                    u = self._parent[u]
        self.is_perfect_information = all(len(h.nodes) == 1 for h in self.infosets)

    def _read_payoffs(self, raw, path) -> np.ndarray:
        what = f"payoffs of the terminal node at {_path_text(path)!r}"
        if isinstance(raw, Mapping):
            unknown = set(raw) - set(self.players)
            if unknown:
                raise ValueError(f"{what} name unknown players {sorted(map(str, unknown))}; "
                                 f"players are {list(self.players)}")
            missing = [p for p in self.players if p not in raw]
            if missing:
                raise ValueError(f"{what} lack a payoff for {missing}")
            raw = [raw[p] for p in self.players]
        if raw is None or isinstance(raw, (str, bytes)) or not hasattr(raw, "__len__"):
            raise ValueError(f"{what} must list one number per player ({self.n}), got {raw!r}")
        if len(raw) != self.n:
            raise ValueError(f"{what} must list one number per player ({self.n}: "
                             f"{list(self.players)}), got {len(raw)}")
        return np.array([finite_scalar(v, f"{what} (player {self.players[p]!r})")
                         for p, v in enumerate(raw)])

    # ------------------------------------------------------------------ basics
    @property
    def num_nodes(self) -> int:
        return len(self._kind)

    @property
    def terminal_payoffs(self) -> np.ndarray:
        """``(number of terminal nodes, n)`` payoffs, terminals in preorder."""
        return self._pay[list(self._terminals)]

    def terminal_paths(self) -> list[tuple]:
        """The action paths from the root to each terminal node, in preorder."""
        return [self._paths[i] for i in self._terminals]

    def __repr__(self):
        info = "perfect information" if self.is_perfect_information else "imperfect information"
        return (f"ExtensiveGame({self.n} players, {self.num_nodes} nodes, "
                f"{len(self._terminals)} terminal, {info})")

    def _player(self, p) -> int:
        if isinstance(p, str):
            if p not in self.players:
                raise ValueError(f"unknown player {p!r}; players are {list(self.players)}")
            return self.players.index(p)
        if isinstance(p, (int, np.integer)) and not isinstance(p, bool) and 0 <= p < self.n:
            return int(p)
        raise ValueError(f"a player is an index 0..{self.n - 1} or a name, got {p!r}")

    def infosets_of(self, player) -> tuple[Infoset, ...]:
        """The information sets of ``player`` in order of first appearance."""
        p = self._player(player)
        return tuple(h for h in self.infosets if h.player == p)

    def _tol(self, tol) -> float:
        tol = positive(tol, "tol", strict=False)
        return tolerance(self._pay[list(self._terminals)], rtol=tol)

    # ------------------------------------------------------------------ values of profiles
    def _strategy_index(self, profile) -> np.ndarray:
        """Action index chosen at each infoset by a pure behaviour profile {player: {h: a}}."""
        if not isinstance(profile, Mapping):
            raise ValueError("profile must map each player to {information set: action}, "
                             f"got {profile!r}")
        choice = np.full(len(self.infosets), -1, dtype=np.int64)
        index = {(h.player, h.label): j for j, h in enumerate(self.infosets)}
        for who, plan in profile.items():
            p = self._player(who)
            if not isinstance(plan, Mapping):
                raise ValueError(f"the strategy of {self.players[p]!r} must map information sets "
                                 f"to actions, got {plan!r}")
            for lab, act in plan.items():
                j = index.get((p, lab))
                if j is None:
                    raise ValueError(f"player {self.players[p]!r} has no information set "
                                     f"{lab!r}; it has {[h.label for h in self.infosets_of(p)]}")
                acts = self.infosets[j].actions
                if act not in acts:
                    raise ValueError(f"{act!r} is not an action at infoset {lab!r}; "
                                     f"actions are {list(acts)}")
                choice[j] = acts.index(act)
        return choice

    def expected_payoffs(self, profile) -> np.ndarray:
        """Expected payoffs of a pure behaviour profile ``{player: {infoset: action}}``.

        Only the information sets reached need an action; reaching one without an
        action is an error naming it.
        """
        choice = self._strategy_index(profile)
        total = np.zeros(self.n)
        stack = [(0, 1.0)]
        while stack:
            v, w = stack.pop()
            k = self._kind[v]
            if k == "t":
                total += w * self._pay[v]
            elif k == "c":
                for c, p in zip(self._children[v], self._probs[v]):
                    if p > 0:
                        stack.append((c, w * p))
            else:
                j = self._node_iset[v]
                if choice[j] < 0:
                    h = self.infosets[j]
                    raise ValueError(f"the profile reaches infoset {h.label!r} of "
                                     f"{self.players[h.player]!r} but gives no action there")
                stack.append((self._children[v][choice[j]], w))
        return total

    # ------------------------------------------------------------------ backward induction
    def _require_perfect_information(self, what: str):
        if not self.is_perfect_information:
            h = next(h for h in self.infosets if len(h.nodes) > 1)
            raise ValueError(
                f"{what} needs a game of perfect information; infoset {h.label!r} of "
                f"{self.players[h.player]!r} has {len(h.nodes)} nodes. Use to_normal_form() "
                "for games with imperfect information")

    def _postorder(self):
        return range(self.num_nodes - 1, -1, -1)  # preorder reversed: children before parents

    def backward_induction(self, tol: float = RTOL) -> SubgamePerfectEquilibrium:
        """The subgame-perfect equilibrium found by backward induction (perfect information).

        At each decision node, from the last to the first, the mover takes the action
        whose subtree is worth most to it; a chance node is worth the probability-weighted
        mean of its children. Actions within ``tol`` (relative to the largest payoff in
        the game) of the best are ties: the first is taken and the node is listed in
        ``ties``. Without ties the equilibrium is the game's unique pure SPE.

        Returns
        -------
        SubgamePerfectEquilibrium

        References
        ----------
        Zermelo (1913); Kuhn (1953); Selten (1965).
        """
        self._require_perfect_information("backward induction")
        eps = self._tol(tol)
        value = np.zeros((self.num_nodes, self.n))
        pick = np.full(self.num_nodes, -1, dtype=np.int64)
        ties = []
        for v in self._postorder():
            k = self._kind[v]
            if k == "t":
                value[v] = self._pay[v]
                continue
            kids = list(self._children[v])
            if k == "c":
                value[v] = np.asarray(self._probs[v]) @ value[kids]
                continue
            p = self._mover[v]
            own = value[kids, p]
            best = np.flatnonzero(own >= own.max() - eps)
            pick[v] = best[0]
            value[v] = value[kids[best[0]]]
            if len(best) > 1:
                ties.append(Tie(self._paths[v], self.players[p],
                                tuple(self._actions[v][b] for b in best),
                                self._actions[v][best[0]]))
        return self._equilibrium(pick, value[0], tuple(reversed(ties)))

    def _equilibrium(self, pick, payoffs, ties) -> SubgamePerfectEquilibrium:
        strategies = {p: {} for p in self.players}
        for v in range(self.num_nodes):
            if self._kind[v] == "p":
                h = self.infosets[self._node_iset[v]]
                strategies[self.players[h.player]][h.label] = self._actions[v][pick[v]]
        play = []
        stack = [(0, 1.0)]
        while stack:
            v, w = stack.pop()
            k = self._kind[v]
            if k == "t":
                play.append((self._paths[v], w))
            elif k == "c":
                for c, p in reversed(list(zip(self._children[v], self._probs[v]))):
                    if p > 0:
                        stack.append((c, w * p))
            else:
                stack.append((self._children[v][pick[v]], w))
        path = play[0][0] if len(play) == 1 else None
        return SubgamePerfectEquilibrium(strategies, np.array(payoffs, dtype=float), path,
                                         tuple(play), ties)

    def subgame_perfect_equilibria(self, tol: float = RTOL,
                                   max_listed: int = MAX_LISTED) -> list[SubgamePerfectEquilibrium]:
        """Every pure-strategy subgame-perfect equilibrium of a game of perfect information.

        Where a mover is indifferent, each best action starts its own branch of
        equilibria, and the values of the earlier movers may then differ between
        branches; the enumeration follows all of them. A game without ties has exactly
        one (the result of :meth:`backward_induction`). More than ``max_listed``
        equilibria is an error.

        References
        ----------
        Kuhn (1953); Selten (1965); Osborne & Rubinstein (1994), prop. 99.2.
        """
        self._require_perfect_information("enumerating subgame-perfect equilibria")
        eps = self._tol(tol)
        max_listed = whole_number(max_listed, "max_listed", 1)
        # options[v]: list of (picks {node: action index}, value vector, ties) in the subtree
        options: dict[int, list] = {}
        for v in self._postorder():
            k = self._kind[v]
            if k == "t":
                options[v] = [({}, self._pay[v], ())]
                continue
            kids = self._children[v]
            sizes = [len(options[c]) for c in kids]
            if math.prod(sizes) > max_listed:
                raise ValueError(f"more than max_listed={max_listed:,} subgame-perfect "
                                 f"equilibria in the subgame at {_path_text(self._paths[v])!r}")
            out = []
            for combo in itertools.product(*(options[c] for c in kids)):
                merged: dict = {}
                ties: tuple = ()
                for picks, _, t in combo:
                    merged.update(picks)
                    ties += t
                vals = np.array([val for _, val, _ in combo])
                if k == "c":
                    out.append((merged, np.asarray(self._probs[v]) @ vals, ties))
                    continue
                p = self._mover[v]
                own = vals[:, p]
                best = np.flatnonzero(own >= own.max() - eps)
                for b in best:
                    here = ties
                    if len(best) > 1:
                        here = (Tie(self._paths[v], self.players[p],
                                    tuple(self._actions[v][i] for i in best),
                                    self._actions[v][b]),) + ties
                    out.append(({**merged, v: int(b)}, vals[b], here))
            if len(out) > max_listed:
                raise ValueError(f"more than max_listed={max_listed:,} subgame-perfect "
                                 f"equilibria in the subgame at {_path_text(self._paths[v])!r}")
            for c in kids:
                del options[c]
            options[v] = out
        where = {path: v for v, path in enumerate(self._paths)}
        result = []
        for picks, val, ties in options[0]:
            pick = np.full(self.num_nodes, -1, dtype=np.int64)
            for v, b in picks.items():
                pick[v] = b
            order = sorted(ties, key=lambda t: where[t.path])
            result.append(self._equilibrium(pick, val, tuple(order)))
        return result

    # ------------------------------------------------------------------ normal form
    def reduced_strategies(self, player) -> list[dict]:
        """The reduced pure strategies of ``player``: ``{infoset: action}`` for the information
        sets its own actions do not rule out (in the order Gambit lists them).

        References
        ----------
        Kuhn (1953); von Stengel (2002), sect. 3.
        """
        p = self._player(player)
        return [{self.infosets[h].label: self.infosets[h].actions[b] for h, b in s}
                for s in self._reduced(p)]

    def _reduced(self, p: int) -> list[tuple]:
        """Reduced strategies of player p as tuples of (infoset index, action index), sorted."""
        memo: dict[int, list] = {}
        for v in self._postorder():
            k = self._kind[v]
            if k == "t":
                memo[v] = [()]
                continue
            kids = self._children[v]
            if k == "p" and self._mover[v] == p:
                h = int(self._node_iset[v])
                out: dict = {}
                for b, c in enumerate(kids):
                    for r in memo[c]:
                        d = dict(r)
                        if d.get(h, b) != b:
                            continue
                        d[h] = b
                        out[tuple(sorted(d.items()))] = None
                res = list(out)
            else:
                res = [()]
                for c in kids:
                    new: dict = {}
                    for a in res:
                        da = dict(a)
                        for r in memo[c]:
                            if all(da.get(h, b) == b for h, b in r):
                                new[tuple(sorted({**da, **dict(r)}.items()))] = None
                    res = list(new)
                    if len(res) > MAX_PROFILES:
                        raise ValueError(f"player {self.players[p]!r} has more than "
                                         f"{MAX_PROFILES:,} reduced strategies")
            for c in kids:
                del memo[c]
            memo[v] = res
        own = [j for j, h in enumerate(self.infosets) if h.player == p]
        order = {j: r for r, j in enumerate(own)}
        # Gambit's order: the first infoset's action varies slowest
        return sorted(memo[0], key=lambda s: [(order[h], b) for h, b in s])

    def _strategy_name(self, p: int, s: tuple) -> str:
        own = [j for j, h in enumerate(self.infosets) if h.player == p]
        d = dict(s)
        if len(own) == 1:
            return self.infosets[own[0]].actions[d[own[0]]] if own[0] in d else "*"
        return "/".join(self.infosets[j].actions[d[j]] if j in d else "*" for j in own)

    def to_normal_form(self, max_profiles: int = MAX_PROFILES):
        """The reduced strategic form as a :class:`NormalFormGame` (expected payoffs).

        Strategy names list the action at each of the player's information sets in order,
        joined by ``/``, with ``*`` where the player's own earlier actions make the set
        unreachable (a player with one information set has the action names).

        References
        ----------
        Kuhn (1953); von Stengel (2002), sect. 3.
        """
        from .normal_form import NormalFormGame

        max_profiles = whole_number(max_profiles, "max_profiles", 1)
        strats = [self._reduced(p) for p in range(self.n)]
        shape = tuple(max(len(s), 1) for s in strats)
        if math.prod(shape) * self.n > max_profiles * max(self.n, 1):
            raise ValueError(f"the reduced normal form has {math.prod(shape):,} profiles "
                             f"(strategies per player {shape}), more than "
                             f"max_profiles={max_profiles:,}; use backward_induction()")
        # choice[p][h] = action index per reduced strategy (-1: unspecified)
        choice = []
        for S in strats:
            idx = np.full((len(self.infosets), len(S)), 0, dtype=np.int64)
            for k, s in enumerate(S):
                for h, b in s:
                    idx[h, k] = b
            choice.append(idx)
        val: dict[int, np.ndarray] = {}
        for v in self._postorder():
            kd = self._kind[v]
            kids = self._children[v]
            if kd == "t":
                val[v] = np.broadcast_to(self._pay[v], shape + (self.n,))
            elif kd == "c":
                val[v] = sum(pr * val[c] for pr, c in zip(self._probs[v], kids))
            else:
                p = self._mover[v]
                h = self._node_iset[v]
                stacked = np.stack([val[c] for c in kids])  # (k, *shape, n)
                sel = choice[p][h]  # per reduced strategy of p
                ix = sel.reshape((1,) + tuple(-1 if q == p else 1 for q in range(self.n)) + (1,))
                ix = np.broadcast_to(ix, (1,) + shape + (self.n,))
                val[v] = np.take_along_axis(stacked, ix, axis=0)[0]
            for c in kids:
                del val[c]
        names = [[self._strategy_name(p, s) for s in strats[p]] for p in range(self.n)]
        return NormalFormGame(np.array(val[0], dtype=float), self.players, names)

    # ------------------------------------------------------------------ Gambit .efg
    def to_efg(self, title: str | None = None, path=None) -> str:
        """Gambit ``.efg`` text of the game; also written to ``path`` if given."""
        from .efg_io import write_efg

        return write_efg(self, title=title, path=path)

    @classmethod
    def from_efg(cls, source) -> ExtensiveGame:
        """Read Gambit ``.efg`` text or a path to a ``.efg`` file."""
        from .efg_io import read_efg

        return read_efg(source)

    def to_tree(self):
        """The root node (rebuilt :class:`Decision` / :class:`Chance` / :class:`Terminal`)."""
        built: dict[int, object] = {}
        for v in self._postorder():
            k = self._kind[v]
            kids = self._children[v]
            if k == "t":
                built[v] = Terminal(tuple(float(x) for x in self._pay[v]), self._labels[v])
            elif k == "c":
                built[v] = Chance({a: (pr, built.pop(c)) for a, pr, c in
                                   zip(self._actions[v], self._probs[v], kids)},
                                  self._labels[v], self._events[v])
            else:
                h = self.infosets[self._node_iset[v]]
                default = _path_text(self._paths[v])
                built[v] = Decision(self.players[self._mover[v]],
                                    {a: built.pop(c) for a, c in zip(self._actions[v], kids)},
                                    None if h.label == default and len(h.nodes) == 1 else h.label,
                                    self._labels[v])
        return built[0]

    # ------------------------------------------------------------------ display
    def _repr_html_(self):
        rows = []
        for v in range(min(self.num_nodes, _HTML_ROWS)):
            k = self._kind[v]
            depth = len(self._paths[v])
            where = ("· " * depth) + (self._paths[v][-1] if depth else "root")
            if k == "t":
                what = "(" + ", ".join(fmt(x) for x in self._pay[v]) + ")"
                who = "end"
            elif k == "c":
                who = "chance"
                what = ", ".join(f"{a}: {fmt(p)}" for a, p in zip(self._actions[v],
                                                                  self._probs[v]))
            else:
                h = self.infosets[self._node_iset[v]]
                who = self.players[h.player]
                what = f"{', '.join(self._actions[v])} (infoset {h.label})"
            rows.append([where, who, what])
        note = (f"first {_HTML_ROWS} of {self.num_nodes:,} nodes"
                if self.num_nodes > _HTML_ROWS else None)
        return html_table(["node", "mover", "actions / payoffs"], rows,
                          caption=f"ExtensiveGame {self.title!r}: players "
                                  f"{', '.join(self.players)}", note=note)


__all__ = ["Chance", "Decision", "ExtensiveGame", "Infoset", "SubgamePerfectEquilibrium",
           "Terminal", "Tie"]
