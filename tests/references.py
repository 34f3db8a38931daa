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


def exact_lp_max(c, A_eq, b_eq):
    """``max c·x`` s.t. ``A_eq x = b_eq``, ``x >= 0``, in exact rational arithmetic.

    A dense two-phase simplex on :class:`fractions.Fraction` with Bland's rule (smallest
    index enters and leaves), which cannot cycle, so it always terminates. Returns
    ``("optimal", value, x)``, ``("infeasible", None, None)`` or
    ``("unbounded", None, None)``: the status is part of the answer, never an exception.
    Used by the tests as an exact oracle (no floating point, no external solver)."""
    from fractions import Fraction

    m, k = len(A_eq), len(c)
    A = [[Fraction(a) for a in row] for row in A_eq]
    b = [Fraction(v) for v in b_eq]
    for i in range(m):
        if b[i] < 0:
            A[i], b[i] = [-a for a in A[i]], -b[i]
    # tableau rows: original columns 0..k-1, artificial columns k..k+m-1, right-hand side
    T = [A[i] + [Fraction(int(i == j)) for j in range(m)] + [b[i]] for i in range(m)]
    basis = [k + i for i in range(m)]

    def pivot(r, col):
        p = T[r][col]
        T[r] = [a / p for a in T[r]]
        for i in range(m):
            if i != r and T[i][col] != 0:
                f = T[i][col]
                T[i] = [a - f * bb for a, bb in zip(T[i], T[r], strict=True)]
        basis[r] = col

    def simplex(obj, columns):
        while True:
            enter = None
            for j in columns:  # Bland: the first improving column enters
                if j in basis:
                    continue
                if obj[j] - sum(obj[basis[i]] * T[i][j] for i in range(m)) > 0:
                    enter = j
                    break
            if enter is None:
                return "optimal"
            leave = None
            for i in range(m):  # ratio test; ties go to the smallest basic index
                if T[i][enter] > 0:
                    ratio = T[i][-1] / T[i][enter]
                    if (leave is None or ratio < leave[0]
                            or (ratio == leave[0] and basis[i] < basis[leave[1]])):
                        leave = (ratio, i)
            if leave is None:
                return "unbounded"
            pivot(leave[1], enter)

    # phase 1: drive the artificial variables to zero
    phase1 = [Fraction(0)] * k + [Fraction(-1)] * m
    simplex(phase1, range(k + m))
    if any(basis[i] >= k and T[i][-1] != 0 for i in range(m)):
        return "infeasible", None, None
    for i in range(m):  # an artificial left basic at 0: swap in any original column
        if basis[i] >= k:
            col = next((j for j in range(k) if T[i][j] != 0 and j not in basis), None)
            if col is not None:
                pivot(i, col)
    # phase 2 over the original columns (artificials still basic sit on redundant rows)
    obj = [Fraction(a) for a in c] + [Fraction(0)] * m
    if simplex(obj, range(k)) == "unbounded":
        return "unbounded", None, None
    x = [Fraction(0)] * k
    for i in range(m):
        if basis[i] < k:
            x[basis[i]] = T[i][-1]
    return "optimal", sum((obj[j] * x[j] for j in range(k)), Fraction(0)), x
