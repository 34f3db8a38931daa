"""The paper's mechanism models, built on the engines.

M0 :class:`ClusterVsScattered` (the integrated comparison), M1 :class:`EntryCostGame`
and :class:`EntryModeSorting` (cost sharing), M2 :class:`RiskSyndicate` and
:class:`OligopolisticReaction` (risk sharing), M3 :class:`AgglomerationEntry`
(concentration of cluster advantages), M4 :class:`DissipationEntry` (internal
dissipation), M5 :class:`InfoSharing` (information sharing); entry modes by firm size
:class:`EntryModeChoice`; bargaining along the value chain :class:`NashBargaining` and
:class:`ValueChainBargaining`. Organisation inside the cluster:
:class:`CapitalCoInvestment`, :class:`SupplierMatching`, :class:`HoldUpOwnership`,
:class:`AssociationQuota`, :class:`TargetAuction`, :class:`CommonValueAuction`,
:class:`RnDCooperation`, and free riding on a voluntarily financed platform
(:class:`PlatformSubscription`). Dynamics: real options (:class:`RealOption`,
:class:`OptionGame`), pioneers and herding (:class:`InformationCascade`,
:class:`PioneerGame`) and capability building (:class:`LearningByDoing`). Policy: the
government as a Stackelberg leader over the equilibrium cluster model
(:class:`PolicyDesign`, its instruments :data:`INSTRUMENTS`).
"""

from .agglomeration import AgglomerationEntry
from .association import AssociationQuota, CommonValueAuction, TargetAuction
from .bargaining import NashBargaining
from .capability import LearningByDoing
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
from .entry_modes import EntryModeChoice
from .evolution import BasinMap, TripartiteOFDI, TripartiteResult, tripartite_payoffs
from .herding import InformationCascade, PioneerGame
from .information import InfoSharing, public_information
from .joint_ventures import HoldUpOwnership, SupplierMatching
from .policy import (
    RECOMMENDATION_REGIONS,
    InstrumentRanking,
    PolicyDesign,
    PolicyOptimum,
    PolicyOutcome,
)
from .policy_instruments import (
    INSTRUMENTS,
    brander_spencer,
    guarantee_cost,
    pledgeable_income,
    strategic_trade_policy,
)
from .real_options import OptionGame, RealOption, pooled_premium
from .risk_sharing import OligopolisticReaction, RiskSyndicate
from .rnd import RnDCooperation
from .sequential_entry import (
    DixitCapacity,
    DixitOutcome,
    FollowOutcome,
    FollowTheLeader,
    LeaderFollowerEntry,
    SequentialEntryResult,
    dixit_regions,
)
from .subscription import PlatformSubscription, SubscriptionOutcome
from .value_chain import ValueChainBargaining

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
    # entry modes by firm size; bargaining along the value chain
    "EntryModeChoice", "NashBargaining", "ValueChainBargaining",
    # organisation inside the cluster
    "CapitalCoInvestment", "SupplierMatching", "HoldUpOwnership", "AssociationQuota",
    "TargetAuction", "CommonValueAuction", "RnDCooperation",
    # free riding on a voluntarily financed platform
    "PlatformSubscription", "SubscriptionOutcome",
    # dynamics: real options, pioneers and herding, capability building
    "RealOption", "OptionGame", "pooled_premium",
    "InformationCascade", "PioneerGame",
    "LearningByDoing",
    # dynamics: the tripartite evolutionary game
    "TripartiteOFDI", "TripartiteResult", "BasinMap", "tripartite_payoffs",
    # sequential entry
    "DixitCapacity", "DixitOutcome", "dixit_regions", "LeaderFollowerEntry",
    "SequentialEntryResult", "FollowTheLeader", "FollowOutcome",
    # policy: the government as a Stackelberg leader
    "PolicyDesign", "PolicyOutcome", "PolicyOptimum", "InstrumentRanking",
    "RECOMMENDATION_REGIONS", "INSTRUMENTS", "brander_spencer", "strategic_trade_policy",
    "pledgeable_income", "guarantee_cost",
]
