"""The paper's mechanism models, built on the engines.

M0 :class:`ClusterVsScattered` (the integrated comparison), M1 :class:`EntryCostGame`
and :class:`EntryModeSorting` (cost sharing), M2 :class:`RiskSyndicate` and
:class:`OligopolisticReaction` (risk sharing), M3 :class:`AgglomerationEntry`
(concentration of cluster advantages), M4 :class:`DissipationEntry` (internal
dissipation), M5 :class:`InfoSharing` (information sharing). Organisation inside the
cluster: :class:`CapitalCoInvestment`, :class:`SupplierMatching`,
:class:`HoldUpOwnership`, :class:`AssociationQuota`, :class:`TargetAuction`,
:class:`CommonValueAuction`, :class:`RnDCooperation`.
"""

from .agglomeration import AgglomerationEntry
from .association import AssociationQuota, CommonValueAuction, TargetAuction
from .cluster import MECHANISMS, REGIMES, ClusterComparison, ClusterVsScattered, RegimeMap
from .co_investment import CapitalCoInvestment
from .cost_sharing import EntryCostGame, EntryModeSorting
from .dissipation import (
    DissipationEntry,
    excess_entry,
    merger_outcome,
    synergy_frontier,
    tullock_contest,
)
from .information import InfoSharing, public_information
from .joint_ventures import HoldUpOwnership, SupplierMatching
from .risk_sharing import OligopolisticReaction, RiskSyndicate
from .rnd import RnDCooperation

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
    # organisation inside the cluster (issue 10)
    "CapitalCoInvestment", "SupplierMatching", "HoldUpOwnership", "AssociationQuota",
    "TargetAuction", "CommonValueAuction", "RnDCooperation",
]
