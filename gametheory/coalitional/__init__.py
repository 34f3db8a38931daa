"""Coalitional (TU) games: representations, properties, solutions, special forms."""

from .allocation import Allocation
from .assignment import AssignmentCorePoint, AssignmentGame, OptimalMatching
from .convert import from_coopgame, to_coopgame
from .core import (
    BalancingWeights,
    CoreProgram,
    LeastCore,
    balancing_weights,
    core_point,
    core_program,
    core_vertices,
    has_nonempty_core,
    in_core,
    is_balanced,
    is_totally_balanced,
    least_core,
)
from .formation import (
    PartitionFunctionGame,
    StableCartels,
    integer_partitions,
    set_partitions,
    stable_cartel_sizes,
)
from .game import MAX_PLAYERS, CostGame, TUGame
from .lp import LPError
from .nucleolus import nucleolus, per_capita_nucleolus, prenucleolus
from .properties import (
    is_additive,
    is_concave,
    is_convex,
    is_essential,
    is_monotonic,
    is_superadditive,
    is_zero_normalized,
)
from .special import (
    airport_game,
    airport_nucleolus,
    airport_shapley,
    bankruptcy_game,
    constrained_equal_awards,
    constrained_equal_losses,
    proportional_rule,
    talmud_rule,
)
from .values import (
    banzhaf_value,
    harsanyi_dividends,
    marginal_vector,
    proportional_allocation,
    scrb_allocation,
    shapley_value,
    tau_value,
    weber_set,
)

__all__ = ["Allocation", "CostGame", "MAX_PLAYERS", "TUGame", "from_coopgame", "to_coopgame"]
__all__ += ["AssignmentGame", "AssignmentCorePoint", "OptimalMatching"]
__all__ += [
    "is_additive", "is_concave", "is_convex", "is_essential", "is_monotonic",
    "is_superadditive", "is_zero_normalized",
    "airport_game", "airport_nucleolus", "airport_shapley", "bankruptcy_game",
    "constrained_equal_awards", "constrained_equal_losses", "proportional_rule", "talmud_rule",
    "banzhaf_value", "harsanyi_dividends", "marginal_vector", "proportional_allocation",
    "scrb_allocation",
    "shapley_value", "tau_value", "weber_set",
]
__all__ += [
    "BalancingWeights", "CoreProgram", "LeastCore", "LPError", "balancing_weights",
    "core_point", "core_program", "core_vertices", "has_nonempty_core", "in_core",
    "is_balanced", "is_totally_balanced", "least_core",
    "nucleolus", "per_capita_nucleolus", "prenucleolus",
]
__all__ += [
    "PartitionFunctionGame", "StableCartels", "integer_partitions", "set_partitions",
    "stable_cartel_sizes",
]
