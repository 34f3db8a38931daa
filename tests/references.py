"""Independent reference computations shared by several test modules."""

import numpy as np
from scipy.optimize import nnls


def nnls_cournot(a, b, gamma, costs):
    """Cournot equilibrium (homogeneous: gamma = 1; differentiated: gamma in (-1/(n-1), 1)).

    Independent of the active-set solver: the equilibrium maximises the strictly concave
    potential (a − c)·q − q'Hq/2 with H = b((2 − γ) I + γ 11') over q ≥ 0, solved as a
    non-negative least-squares problem (Lawson–Hanson)."""
    n = len(costs)
    H = b * ((2 - gamma) * np.eye(n) + gamma * np.ones((n, n)))
    L = np.linalg.cholesky(H)
    q, _ = nnls(L.T, np.linalg.solve(L, a - np.asarray(costs)))
    return q
