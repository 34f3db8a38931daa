"""Population dynamics and learning in games.

Replicator dynamics for one population and for several interacting populations, with
every rest point and its stability (numerically, and in sympy for two or three
populations with two strategies each); finite populations (Moran process, pairwise
comparison) with fixation probabilities; learning in normal-form and entry games
(best-response dynamics, fictitious play, logit dynamics and log-linear learning), using
the potential of a game where it has one.
"""

from .best_response import LearningPath, best_response_dynamics
from .fictitious_play import FictitiousPlay, fictitious_play, nash_gap
from .logit import (
    LogitDynamics,
    LogitEquilibrium,
    gibbs_distribution,
    log_linear_stationary,
    symmetric_entry_logit,
)
from .moran import (
    FixationMatrix,
    fixation_markov,
    fixation_matrix,
    fixation_probability,
    stationary_distribution,
)
from .potential import EntryPotential, entry_potential, exact_potential, potential_of
from .replicator import ReplicatorDynamics, RestPointSet, Trajectories
from .stability import STABILITY, RestPoint, classify
from .symbolic import SymbolicAnalysis, SymbolicReplicator, SymbolicRestPoint

__all__ = [
    "EntryPotential",
    "FictitiousPlay",
    "FixationMatrix",
    "LearningPath",
    "LogitDynamics",
    "LogitEquilibrium",
    "ReplicatorDynamics",
    "RestPoint",
    "RestPointSet",
    "STABILITY",
    "SymbolicAnalysis",
    "SymbolicReplicator",
    "SymbolicRestPoint",
    "Trajectories",
    "best_response_dynamics",
    "classify",
    "entry_potential",
    "exact_potential",
    "fictitious_play",
    "fixation_markov",
    "fixation_matrix",
    "fixation_probability",
    "gibbs_distribution",
    "log_linear_stationary",
    "nash_gap",
    "potential_of",
    "stationary_distribution",
    "symmetric_entry_logit",
]
