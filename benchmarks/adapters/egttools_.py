"""egttools (Fernández Domingos et al.): fixation probabilities of the pairwise-comparison
(Fermi) process, analytically in Python (``StochDynamics``) and in C++
(``PairwiseComparison`` with a ``Matrix2PlayerGameHolder``)."""

from __future__ import annotations

import numpy as np

from . import Method

LIBRARY = "egttools"
DISTRIBUTION = "egttools"
MODULE = "egttools"


def prepare_stoch(inst):
    from egttools.analytical import StochDynamics

    A, N, beta = inst
    return StochDynamics(A.shape[0], A, N), A.shape[0], beta


def _pairwise(k, rho_ab):
    """The k × k matrix of fixation probabilities ``rho_ab(a, b)`` (NaN on the diagonal)."""
    rho = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(k):
            if a != b:
                rho[a, b] = rho_ab(a, b)
    return rho


def stoch(obj):
    sd, k, beta = obj
    return _pairwise(k, lambda a, b: sd.fixation_probability(a, b, beta))


def prepare_pairwise(inst):
    from egttools.analytical import PairwiseComparison
    from egttools.games import Matrix2PlayerGameHolder

    A, N, beta = inst
    game = Matrix2PlayerGameHolder(A.shape[0], A)
    # keep the game alive: the C++ model holds a reference to it (freeing it crashes)
    return PairwiseComparison(N, game), A.shape[0], beta, game


def pairwise(obj):
    pc, k, beta, _ = obj
    return _pairwise(k, lambda a, b: pc.calculate_fixation_probability(a, b, beta))


def _rho(r):
    from .ours import summarize_rho

    return summarize_rho(r)


METHODS = [
    Method("egttools.stoch_dynamics", LIBRARY, "fixation",
           "egttools StochDynamics (Python)", stoch, _rho, prepare=prepare_stoch),
    Method("egttools.pairwise_comparison", LIBRARY, "fixation",
           "egttools PairwiseComparison (C++)", pairwise, _rho, prepare=prepare_pairwise),
]
