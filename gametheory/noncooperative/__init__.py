"""Non-cooperative games: n-player normal form, two-player mixed equilibria, entry games,
games in extensive form (game trees)."""

from .bimatrix import EquilibriumSet, bimatrix_equilibria, is_equilibrium
from .convert import (
    from_nashpy,
    from_pygambit,
    from_quantecon,
    to_nashpy,
    to_pygambit,
    to_quantecon,
)
from .efg_io import read_efg, write_efg
from .entry import (
    DuopolyEntryMap,
    EntryGame,
    EntryStructure,
    count_lattice,
    duopoly_entry_grid,
    symmetric_duopoly_entry,
    typed_entry_equilibria,
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
    "count_lattice",
    "duopoly_entry_grid",
    "from_nashpy",
    "from_pygambit",
    "from_quantecon",
    "is_equilibrium",
    "read_nfg",
    "symmetric_duopoly_entry",
    "typed_entry_equilibria",
    "to_nashpy",
    "to_pygambit",
    "to_quantecon",
    "write_nfg",
]
