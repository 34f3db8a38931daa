"""The paper's mechanism models, built on the engines.

M0 :class:`ClusterVsScattered` (the integrated comparison), M1 :class:`EntryCostGame`
and :class:`EntryModeSorting` (cost sharing), M2 :class:`RiskSyndicate` and
:class:`OligopolisticReaction` (risk sharing), M3 :class:`AgglomerationEntry`
(concentration of cluster advantages), M4 :class:`DissipationEntry` (internal
dissipation), M5 :class:`InfoSharing` (information sharing).
"""

from .agglomeration import AgglomerationEntry
from .cluster import MECHANISMS, REGIMES, ClusterComparison, ClusterVsScattered, RegimeMap
from .cost_sharing import EntryCostGame, EntryModeSorting
from .dissipation import (
    DissipationEntry,
    excess_entry,
    merger_outcome,
    synergy_frontier,
    tullock_contest,
)
from .evolution import BasinMap, TripartiteOFDI, TripartiteResult, tripartite_payoffs
from .information import InfoSharing, public_information
from .risk_sharing import OligopolisticReaction, RiskSyndicate
from .sequential_entry import (
    DixitCapacity,
    DixitOutcome,
    FollowOutcome,
    FollowTheLeader,
    LeaderFollowerEntry,
    SequentialEntryResult,
    dixit_regions,
)

__all__ = [
    # M0
    "ClusterVsScattered", "ClusterComparison", "RegimeMap", "MECHANISMS", "REGIMES",
    # M1
    "EntryCostGame", "EntryModeSorting",
    # M2
    "RiskSyndicate", "OligopolisticReaction",
    # M3
    "AgglomerationEntry",
    # M4
    "DissipationEntry", "excess_entry", "merger_outcome", "synergy_frontier", "tullock_contest",
    # M5
    "InfoSharing", "public_information",
    # dynamics: the tripartite evolutionary game
    "TripartiteOFDI", "TripartiteResult", "BasinMap", "tripartite_payoffs",
    # sequential entry
    "DixitCapacity", "DixitOutcome", "dixit_regions", "LeaderFollowerEntry",
    "SequentialEntryResult", "FollowTheLeader", "FollowOutcome",
]
