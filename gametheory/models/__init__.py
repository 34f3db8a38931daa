"""The paper's mechanism models, built on the engines.

M0 :class:`ClusterVsScattered` (the integrated comparison), M1 :class:`EntryCostGame`
and :class:`EntryModeSorting` (cost sharing), M2 :class:`RiskSyndicate` and
:class:`OligopolisticReaction` (risk sharing), M3 :class:`AgglomerationEntry`
(concentration of cluster advantages), M4 :class:`DissipationEntry` (internal
dissipation), M5 :class:`InfoSharing` (information sharing). Dynamics: real options
(:class:`RealOption`, :class:`OptionGame`), pioneers and herding
(:class:`InformationCascade`, :class:`PioneerGame`) and capability building
(:class:`LearningByDoing`).
"""

from .agglomeration import AgglomerationEntry
from .capability import LearningByDoing
from .cluster import MECHANISMS, REGIMES, ClusterComparison, ClusterVsScattered, RegimeMap
from .cost_sharing import EntryCostGame, EntryModeSorting
from .dissipation import (
    DissipationEntry,
    excess_entry,
    merger_outcome,
    synergy_frontier,
    tullock_contest,
)
from .herding import InformationCascade, PioneerGame
from .information import InfoSharing, public_information
from .real_options import OptionGame, RealOption, pooled_premium
from .risk_sharing import OligopolisticReaction, RiskSyndicate

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
    # dynamics: real options, pioneers and herding, capability building
    "RealOption", "OptionGame", "pooled_premium",
    "InformationCascade", "PioneerGame",
    "LearningByDoing",
]
