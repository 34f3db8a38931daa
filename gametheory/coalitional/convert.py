"""Moving coalition games to and from coopgame-py.

``coopgame.Game`` (coopgame-py) holds the ``2**n - 1`` worths of the non-empty
coalitions in binary order (coalition ``S`` at position ``mask(S) - 1``), as floats and
without player names; :meth:`TUGame.to_binary` is that vector. Whether the numbers
are worths or costs is the caller's reading: ``from_coopgame(g, kind="cost")`` builds a
:class:`CostGame`. The vectors of R's CoopGame and TUGLab (lexicographic order) and of
Matlab's MatTuGames (binary order) need no library: :meth:`TUGame.from_lex`,
:meth:`TUGame.to_lex`, :meth:`TUGame.from_binary`, :meth:`TUGame.to_binary`.

coopgame-py is optional: the functions import it when called and raise
``ImportError`` naming the package when it is absent.

References
----------
Peleg, B. & Sudhölter, P. (2007). *Introduction to the Theory of Cooperative Games*,
2nd ed. Springer. (Characteristic functions.)
"""

from __future__ import annotations

from collections.abc import Iterable

from .._optional import optional_import
from .game import CostGame, TUGame

_KINDS = {"worth": TUGame, "cost": CostGame}


def to_coopgame(game: TUGame):
    """A ``coopgame.Game`` (coopgame-py) with the same values (worths, or costs for a
    :class:`CostGame`), in its binary order; coopgame-py keeps no names.

    References
    ----------
    Peleg & Sudhölter (2007), ch. 2 (characteristic functions).
    """
    if not isinstance(game, TUGame):
        raise ValueError(f"game must be a TUGame or CostGame, got {type(game).__name__}")
    coopgame = optional_import("coopgame", "coopgame-py", purpose="to_coopgame")
    return coopgame.Game(game.to_binary().tolist())


def from_coopgame(game, names: Iterable | None = None, kind: str = "worth") -> TUGame:
    """A :class:`TUGame` (``kind="worth"``) or :class:`CostGame` (``kind="cost"``) from a
    ``coopgame.Game`` (coopgame-py), with optional player names.

    References
    ----------
    Peleg & Sudhölter (2007), ch. 2 (characteristic functions).
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be 'worth' or 'cost', got {kind!r}")
    try:
        values = game.values()
    except (AttributeError, TypeError):
        raise ValueError("from_coopgame expects a coopgame.Game (coopgame-py) as game, got "
                         f"{type(game).__name__}") from None
    return _KINDS[kind].from_binary(values, names=names)
