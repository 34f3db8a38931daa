"""Figure functions: draw results computed elsewhere; compute no more than a figure needs."""

from .cluster import plot_decomposition, plot_regime_map, plot_stable_sizes
from .dissipation import plot_dissipation, plot_dissipation_world
from .dynamics import (
    plot_basins,
    plot_entry_regimes,
    plot_phase_faces,
    plot_phase_portrait_3d,
)
from .entry import plot_duopoly_entry
from .information import plot_sharing_regions, plot_value_of_information
from .pioneers import (
    plot_cost_paths,
    plot_option_thresholds,
    plot_threshold_bars,
    plot_verdict_map,
    plot_wrong_cascade,
)
from .policy import plot_instrument_ranking, plot_policy_map, plot_policy_subsidy
from .sharing import (
    plot_ce_vs_size,
    plot_coordination_band,
    plot_cost_core,
    plot_cost_shares,
    plot_entry_correspondence,
    plot_mode_shift,
)
from .simplex import core_polygon, plot_core_simplex, to_simplex
from .style import COLORS, paper_style
from .sweep import plot_decomposition_map, plot_grid, plot_sensitivity
from .value_chain import MODE_COLORS, plot_chain_share, plot_entry_modes

__all__ = [
    "COLORS", "paper_style", "core_polygon", "plot_core_simplex", "to_simplex",
    "plot_cost_core", "plot_cost_shares", "plot_mode_shift", "plot_ce_vs_size",
    "plot_entry_correspondence", "plot_coordination_band", "plot_duopoly_entry",
    "plot_dissipation", "plot_dissipation_world", "plot_sharing_regions",
    "plot_value_of_information",
    "plot_regime_map", "plot_decomposition", "plot_stable_sizes", "MODE_COLORS",
    "plot_chain_share", "plot_entry_modes", "plot_grid", "plot_decomposition_map",
    "plot_sensitivity",
    "plot_option_thresholds", "plot_threshold_bars", "plot_wrong_cascade", "plot_verdict_map",
    "plot_cost_paths",
    "plot_phase_portrait_3d", "plot_phase_faces", "plot_basins", "plot_entry_regimes",
    "plot_policy_subsidy", "plot_instrument_ranking", "plot_policy_map",
]
