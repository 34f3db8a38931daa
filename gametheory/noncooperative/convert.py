"""Moving normal-form games to and from pygambit, quantecon and nashpy.

Each pair is inverse: ``from_x(to_x(g))`` has the same payoffs and labels as ``g``,
within what the other library can hold:

* **pygambit** (``pygambit.Game``, strategic form): exact payoffs (Gambit stores
  rationals and decimals exactly), the title and the comment. Gambit 16.4+ requires
  distinct, non-empty labels, so a game with empty or repeated labels goes out under
  its keys (:attr:`NormalFormGame.player_keys`, :attr:`NormalFormGame.action_keys`),
  which are the labels Gambit itself gives such a game when it reads it from a file.
* **quantecon** (``quantecon.game_theory.NormalFormGame``): float payoffs, any number of
  players; quantecon keeps no labels, so ``from_quantecon`` takes them as arguments.
* **nashpy** (``nashpy.Game``): the two float payoff matrices of a bimatrix game; no
  labels.

The other libraries are optional: each function imports its library when called and
raises ``ImportError`` naming the package to install when it is absent.

References
----------
McKelvey, R. D., McLennan, A. M. & Turocy, T. L. (2016). Gambit: Software tools for game
theory, version 16. http://www.gambit-project.org.
Knight, V. & Campbell, J. (2018). Nashpy: A Python library for the computation of Nash
equilibria. *Journal of Open Source Software* 3(30):904.
Sargent, T. J. & Stachurski, J. (2024). QuantEcon.py. https://quantecon.org.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import numpy as np

from .._exact import as_fraction
from .._optional import optional_import
from .gambit_io import number_text
from .normal_form import NormalFormGame


def _game(game) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise ValueError(f"game must be a NormalFormGame, got {type(game).__name__}")
    return game


# ---------------------------------------------------------------------------- nashpy
def to_nashpy(game: NormalFormGame):
    """A ``nashpy.Game`` with the payoff matrices ``A`` (row player) and ``B`` of a
    two-player game (floats; nashpy keeps no labels).

    References
    ----------
    Knight & Campbell (2018), *Journal of Open Source Software* 3(30):904.
    """
    game = _game(game)
    if game.n != 2:
        raise ValueError(f"nashpy handles two-player games; this game has {game.n} players")
    nashpy = optional_import("nashpy", purpose="to_nashpy")
    return nashpy.Game(np.array(game.payoffs[..., 0]), np.array(game.payoffs[..., 1]))


def from_nashpy(game, player_names=None, action_names=None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``nashpy.Game`` (its ``payoff_matrices``), with
    optional labels (nashpy has none).

    References
    ----------
    Knight & Campbell (2018), *Journal of Open Source Software* 3(30):904.
    """
    try:
        A, B = game.payoff_matrices
    except (AttributeError, ValueError, TypeError):
        raise ValueError("from_nashpy expects a nashpy.Game with two payoff matrices as "
                         f"game, got {type(game).__name__}") from None
    return NormalFormGame([np.asarray(A), np.asarray(B)], player_names, action_names)


# ---------------------------------------------------------------------------- quantecon
def to_quantecon(game: NormalFormGame):
    """A ``quantecon.game_theory.NormalFormGame`` with the same (float) payoffs.

    quantecon stores the same ``(a_1, …, a_n, n)`` payoff profile array as this
    package (its ``payoff_profile_array``); it keeps no labels.

    References
    ----------
    Sargent & Stachurski (2024), QuantEcon.py, ``game_theory.NormalFormGame``.
    """
    game = _game(game)
    gt_qe = optional_import("quantecon.game_theory", "quantecon", purpose="to_quantecon")
    return gt_qe.NormalFormGame(np.array(game.payoffs))


def from_quantecon(game, player_names=None, action_names=None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``quantecon.game_theory.NormalFormGame`` (its
    ``payoff_profile_array``), with optional labels (quantecon has none).

    References
    ----------
    Sargent & Stachurski (2024), QuantEcon.py, ``game_theory.NormalFormGame``.
    """
    try:
        profile = np.asarray(game.payoff_profile_array)
        n = int(game.N)
    except (AttributeError, TypeError, ValueError):
        raise ValueError("from_quantecon expects a quantecon.game_theory.NormalFormGame "
                         f"as game, got {type(game).__name__}") from None
    if profile.ndim != n + 1 or profile.shape[-1] != n:
        raise ValueError(f"game's payoff_profile_array has shape {profile.shape}, not "
                         f"(a_1, …, a_{n}, {n})")
    return NormalFormGame(profile, player_names, action_names)


# ---------------------------------------------------------------------------- pygambit
def _gambit_number(q):
    """An exact payoff as pygambit takes it: int, Decimal (short decimals) or Fraction."""
    if q.denominator == 1:
        return int(q.numerator)
    text = number_text(q)
    return q if "/" in text else Decimal(text)


def to_pygambit(game: NormalFormGame):
    """A strategic-form ``pygambit.Game`` with the same exact payoffs, labels, title and
    comment (``description`` in pygambit).

    Gambit requires distinct, non-empty labels: players and strategies are labelled by
    their keys (equal to the labels when those are distinct and non-empty).

    References
    ----------
    McKelvey, McLennan & Turocy (2016), Gambit, version 16.
    """
    game = _game(game)
    gbt = optional_import("pygambit", purpose="to_pygambit")
    G = gbt.Game.new_table(list(game.shape), title=game.title)
    setattr(G, _DESCRIPTION if hasattr(G, _DESCRIPTION) else "comment", game.comment)
    players = list(G.players)
    try:
        _relabel(G, players, game.player_keys, game.action_keys)
    except ValueError as exc:
        raise ValueError(f"pygambit {gbt.__version__} rejects a label of this game "
                         f"({exc}); players {list(game.player_keys)}, actions "
                         f"{[list(k) for k in game.action_keys]}") from None
    exact = game.exact_payoffs
    for profile in itertools.product(*(range(a) for a in game.shape)):
        outcome = G[profile]
        for p, player in enumerate(players):
            outcome[player] = _gambit_number(exact[profile + (p,)])
    return G


_DESCRIPTION = "description"  # pygambit >= 16.6; "comment" before


def _relabel(G, players, player_keys, action_keys) -> None:
    """Label players and strategies: by assignment (pygambit 16) or with the
    simultaneous relabelling calls that replace it in pygambit 17."""
    if hasattr(G, "relabel_players"):
        G.relabel_players({pl.label: key for pl, key in zip(players, player_keys, strict=True)})
        for player, keys in zip(G.players, action_keys, strict=True):
            G.relabel_strategies(player, {s.label: key for s, key
                                          in zip(player.strategies, keys, strict=True)})
        return
    # one at a time: go through labels no key can equal, so that no step repeats a label
    pad = "#" * (1 + max(len(k) for k in (*player_keys, *sum(action_keys, ()))))
    for step in ("temporary", "final"):
        for i, (player, key, keys) in enumerate(zip(players, player_keys, action_keys,
                                                    strict=True)):
            player.label = f"{i}{pad}" if step == "temporary" else key
            for j, (strategy, skey) in enumerate(zip(player.strategies, keys, strict=True)):
                strategy.label = f"{j}{pad}" if step == "temporary" else skey


def from_pygambit(game) -> NormalFormGame:
    """A :class:`NormalFormGame` from a strategic-form ``pygambit.Game``: exact payoffs
    (Gambit's rationals and decimals become ``Fraction``), labels, title and comment.

    References
    ----------
    McKelvey, McLennan & Turocy (2016), Gambit, version 16.
    """
    gbt = optional_import("pygambit", purpose="from_pygambit")
    if not isinstance(game, gbt.Game):
        raise ValueError(f"from_pygambit expects a pygambit.Game as game, got "
                         f"{type(game).__name__}")
    if game.is_tree:
        raise ValueError("from_pygambit reads strategic-form (table) games; this game is "
                         "an extensive-form tree")
    players = list(game.players)
    shape = tuple(len(pl.strategies) for pl in players)
    exact = np.empty(shape + (len(players),), dtype=object)
    zero = [Fraction(0)] * len(players)
    for profile in itertools.product(*(range(a) for a in shape)):
        outcome = game[profile]  # None: the null outcome, all payoffs 0
        exact[profile] = zero if outcome is None else [as_fraction(outcome[pl])
                                                        for pl in players]
    players = list(game.players)
    return NormalFormGame(exact, [pl.label for pl in players],
                          [[s.label for s in pl.strategies] for pl in players],
                          title=game.title,
                          comment=getattr(game, _DESCRIPTION, getattr(game, "comment", "")))
