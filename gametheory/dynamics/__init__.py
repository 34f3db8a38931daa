"""Population dynamics and learning: replicator dynamics (one and several populations), their
rest points and stability (numeric and symbolic), finite populations, learning in games."""

from .replicator import ReplicatorDynamics, RestPointSet, Trajectories
from .stability import STABILITY, RestPoint, classify
from .symbolic import SymbolicAnalysis, SymbolicReplicator, SymbolicRestPoint

__all__ = [
    "ReplicatorDynamics",
    "RestPoint",
    "RestPointSet",
    "STABILITY",
    "SymbolicAnalysis",
    "SymbolicReplicator",
    "SymbolicRestPoint",
    "Trajectories",
    "classify",
]
