"""The paper's mechanism models (M0–M8), built on the engines."""
from .agglomeration import AgglomerationEntry
from .cluster import ClusterComparison, ClusterVsScattered, RegimeMap
from .cost_sharing import EntryCostGame, EntryModeSorting
from .dissipation import (
    DissipationEntry,
    excess_entry,
    merger_outcome,
    synergy_frontier,
    tullock_contest,
)
from .information import InfoSharing, public_information
from .risk_sharing import OligopolisticReaction, RiskSyndicate

__all__: list[str] = []
__all__ += ["DissipationEntry", "excess_entry", "merger_outcome", "synergy_frontier",
            "tullock_contest"]
__all__ += ["InfoSharing", "public_information"]
__all__ += ["AgglomerationEntry", "EntryCostGame", "EntryModeSorting", "OligopolisticReaction",
            "RiskSyndicate"]
__all__ += ["ClusterComparison", "ClusterVsScattered", "RegimeMap"]
