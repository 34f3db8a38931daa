"""Non-cooperative games: n-player normal form, two-player mixed equilibria, entry games,
games in extensive form (game trees)."""

from .bimatrix import EquilibriumSet, bimatrix_equilibria, is_equilibrium
from .efg_io import read_efg, write_efg
from .entry import (
    DuopolyEntryMap,
    EntryGame,
    EntryStructure,
    duopoly_entry_grid,
    symmetric_duopoly_entry,
)
from .extensive import (
    Chance,
    Decision,
    ExtensiveGame,
    Infoset,
    SubgamePerfectEquilibrium,
    Terminal,
    Tie,
)
from .gambit_io import read_nfg, write_nfg
from .modes import ModeEntryGame, ModeEntryStructure
from .normal_form import NormalFormGame

__all__ = [
    "Chance",
    "Decision",
    "ExtensiveGame",
    "Infoset",
    "SubgamePerfectEquilibrium",
    "Terminal",
    "Tie",
    "read_efg",
    "write_efg",
    "DuopolyEntryMap",
    "EntryGame",
    "EntryStructure",
    "EquilibriumSet",
    "ModeEntryGame",
    "ModeEntryStructure",
    "NormalFormGame",
    "bimatrix_equilibria",
    "duopoly_entry_grid",
    "is_equilibrium",
    "read_nfg",
    "symmetric_duopoly_entry",
    "write_nfg",
]
