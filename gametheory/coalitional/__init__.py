"""Coalitional (TU) games: representations, properties, solutions, special forms."""

from .allocation import Allocation
from .game import MAX_PLAYERS, CostGame, TUGame

__all__ = ["Allocation", "CostGame", "MAX_PLAYERS", "TUGame"]
