"""Plain baselines: a vectorised numpy Shapley pass, the full 2**n-row least-core LP
(scipy / HiGHS), two numpy brute-force pure-equilibrium checks of an entry game
(on the dense 2**n payoff table, and block by block without a table), for the
assignment game scipy's ``linear_sum_assignment`` (the matching) and the core extremes by
``m + n + 1`` of its solves (marginal contributions, Leonard 1983); for the dynamics,
sympy's ``solve`` on the replicator field, scipy's ``solve_ivp`` one trajectory at a
time, and the birth–death chain's linear equations for fixation probabilities."""

from __future__ import annotations

import math

import numpy as np

from gametheory.coalitional.game import popcounts

from ..instances import entry_table
from . import Method
from . import _common as c

LIBRARY = "baseline"
DISTRIBUTION = None
MODULE = "scipy"
VERSION = "numpy / scipy"


def shapley_numpy(v: np.ndarray) -> np.ndarray:
    """φ_i = Σ_{S ∌ i} |S|!(n−|S|−1)!/n! · (v(S ∪ i) − v(S)), one vectorised pass per player."""
    n = c.n_players(v)
    weight = np.array([1.0 / (n * math.comb(n - 1, k)) for k in range(n)])
    sizes = popcounts(n)
    phi = np.empty(n)
    for i in range(n):
        vv = v.reshape(-1, 2, 1 << i)
        ss = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        phi[i] = np.sum(weight[ss] * (vv[:, 1, :] - vv[:, 0, :]))
    return phi


def least_core_full_lp(v: np.ndarray):
    """min ε s.t. x(S) + ε ≥ v(S) for every proper S ≠ ∅, x(N) = v(N): all 2**n − 2 rows."""
    import scipy.optimize
    import scipy.sparse as sp

    n = c.n_players(v)
    masks = np.arange(1, 2**n - 1, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    a_ub = sp.hstack([sp.csr_matrix(-bits), sp.csr_matrix(-np.ones((masks.size, 1)))],
                     format="csr")
    cost = np.zeros(n + 1)
    cost[-1] = 1.0
    res = scipy.optimize.linprog(
        cost, A_ub=a_ub, b_ub=-v[masks], A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[v[-1]], bounds=[(None, None)] * (n + 1), method="highs",
    )
    if res.status != 0:
        raise RuntimeError(f"HiGHS failed: {res.message}")
    return res.x[:n], res.x[-1]


def entry_dense(pay: np.ndarray):
    """All pure equilibria by checking every unilateral deviation on the dense table."""
    n = pay.shape[0]
    table = entry_table(pay)
    idx = np.arange(2**n, dtype=np.int64)
    ok = np.ones(2**n, dtype=bool)
    for i in range(n):
        ok &= table[:, i] >= table[idx ^ (1 << i), i]
    eq = np.flatnonzero(ok)
    return ((eq[:, None] >> np.arange(n)) & 1).tolist()


def entry_on_the_fly(pay: np.ndarray, block: int = 1 << 18):
    """All pure equilibria by brute force over the 2**n profiles, in blocks, no table.

    Profile ``s`` is an equilibrium iff every entrant earns ``P[i, k] >= 0`` and every
    outsider would earn ``P[j, k + 1] <= 0`` by entering (``k`` = entrants at ``s``).
    Memory is O(block · n) whatever ``n``: the correctness reference at every size.
    """
    n = pay.shape[0]
    shifts = np.arange(n, dtype=np.int64)
    payx = np.concatenate([pay, np.full((n, 1), -np.inf)], axis=1)  # k + 1 = n + 1 never
    found = []
    for start in range(0, 2**n, block):
        masks = np.arange(start, min(start + block, 2**n), dtype=np.int64)
        bits = ((masks[:, None] >> shifts) & 1).astype(bool)
        k = bits.sum(axis=1)
        enter_ok = payx[shifts, k[:, None]] >= 0
        stay_ok = payx[shifts, np.minimum(k + 1, n + 1)[:, None]] <= 0
        ok = np.where(bits, enter_ok, stay_ok).all(axis=1)
        found.extend(masks[ok].tolist())
    return [[(m >> i) & 1 for i in range(n)] for m in found]


def assignment_lsa(a: np.ndarray):
    """The optimal matching alone: ``scipy.optimize.linear_sum_assignment``."""
    from scipy.optimize import linear_sum_assignment

    r, cidx = linear_sum_assignment(a, maximize=True)
    return float(a[r, cidx].sum()), None, None, None, None


def assignment_marginals(a: np.ndarray):
    """Core extremes the direct way (Leonard 1983): every agent's marginal contribution
    ``v(N) − v(N∖{i})`` by re-solving the assignment without it (``m + n + 1`` solves)."""
    from scipy.optimize import linear_sum_assignment

    def val(b):
        r, cidx = linear_sum_assignment(b, maximize=True)
        return float(b[r, cidx].sum())

    r, cidx = linear_sum_assignment(a, maximize=True)
    v = float(a[r, cidx].sum())
    ub = np.array([v - val(np.delete(a, i, axis=0)) for i in range(a.shape[0])])
    ws = np.array([v - val(np.delete(a, j, axis=1)) for j in range(a.shape[1])])
    wb = np.zeros(a.shape[1])
    wb[cidx] = a[r, cidx] - ub[r]
    us = np.zeros(a.shape[0])
    us[r] = a[r, cidx] - ws[cidx]
    return v, ub, wb, us, ws


METHODS = [
    Method("numpy.shapley", "numpy", "shapley", "numpy pass", shapley_numpy, c.allocation,
           reference=True),
    Method("scipy.least_core", "scipy", "core", "full LP (HiGHS)", least_core_full_lp,
           lambda r: c.allocation_eps(*r), max_size=20,
           size_note="full LP: 2**n rows"),
    Method("scipy.thin_least_core", "scipy", "thin_core", "full LP (HiGHS)",
           least_core_full_lp, lambda r: c.allocation_eps(*r), max_size=20,
           size_note="full LP: 2**n rows"),
    Method("scipy.empty_least_core", "scipy", "empty_core", "full LP (HiGHS)",
           least_core_full_lp, lambda r: c.allocation_eps(*r), max_size=18,
           size_note="full LP: 2**n rows; ~18 s at n = 20 in the core suite, and the exact "
                     "ε is the reference here"),
    Method("scipy.assignment_lsa", "scipy", "assignment", "scipy linear_sum_assignment",
           assignment_lsa, c.assignment, reference=True),
    Method("scipy.assignment_marginals", "scipy", "assignment",
           "scipy: v(N) − v(N∖i) by m + n + 1 assignments", assignment_marginals, c.assignment),
    Method("numpy.entry_dense", "numpy", "entry", "numpy dense table", entry_dense, c.profiles,
           max_size=24),
    Method("numpy.entry_on_the_fly", "numpy", "entry", "numpy brute force, profiles on the fly",
           entry_on_the_fly, c.profiles, reference=True),
]


# --------------------------------------------------------------------------- dynamics
def sympy_solve_rest_points(table):
    """Every rest point as sympy.solve(ẋ = 0) on the whole replicator field at once."""
    import sympy as sp

    from gametheory import SymbolicReplicator

    g = SymbolicReplicator(table)
    return sp.solve(list(g.velocity), list(g.state), dict=True)


def summarize_solutions(sols) -> dict:
    return {"points": len(sols)}


def prepare_scipy_batch(starts):
    from gametheory import TripartiteOFDI

    return TripartiteOFDI().dynamics(), starts


def scipy_loop(obj):
    """scipy.integrate.solve_ivp (RK45, rtol 1e-7, atol 1e-10), one trajectory at a time."""
    from scipy.integrate import solve_ivp

    rd, starts = obj
    T = 40.0 / rd.scale
    out = np.empty_like(starts)
    for b, z0 in enumerate(starts):
        x0 = np.stack([z0, 1 - z0], axis=-1).reshape(-1)
        sol = solve_ivp(lambda _, x: rd.velocity(x), (0, T), x0, rtol=1e-7, atol=1e-10)
        out[b] = sol.y[::2, -1]
    return out


def scipy_stacked(obj):
    """scipy.integrate.solve_ivp (RK45, rtol 1e-7, atol 1e-10) on all trajectories stacked
    into one system (error norm averaged over all of them)."""
    from scipy.integrate import solve_ivp

    rd, starts = obj
    T = 40.0 / rd.scale
    X = np.stack([starts, 1 - starts], axis=-1).reshape(len(starts), -1)
    sol = solve_ivp(lambda _, y: rd.velocity(y.reshape(X.shape)).ravel(), (0, T), X.ravel(),
                    rtol=1e-7, atol=1e-10, t_eval=[T])
    return sol.y[:, -1].reshape(X.shape)[:, ::2]


def fixation_linear_solve(inst):
    """Every pairwise fixation probability from the absorbing chain's tridiagonal system."""
    from gametheory import fixation_markov

    A, N, beta = inst
    k = A.shape[0]
    rho = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(k):
            if a != b:
                rho[a, b] = fixation_markov(A, a, b, N, beta)[1]
    return rho


def _final(z):
    from .ours import final_states

    return final_states(z)


def _rho(r):
    from .ours import summarize_rho

    return summarize_rho(r)


METHODS += [
    Method("sympy.solve_rest_points", "sympy", "tripartite_sym", "sympy solve(ẋ = 0)",
           sympy_solve_rest_points, summarize_solutions),
    Method("scipy.replicator_loop", "scipy", "replicator_batch",
           "scipy solve_ivp, one trajectory at a time", scipy_loop, _final,
           prepare=prepare_scipy_batch),
    Method("scipy.replicator_stacked", "scipy", "replicator_batch",
           "scipy solve_ivp, all trajectories stacked", scipy_stacked, _final,
           prepare=prepare_scipy_batch),
    Method("scipy.fixation_linear", "scipy", "fixation",
           "birth–death chain, linear solve (ours fixation_markov)", fixation_linear_solve,
           _rho),
]
