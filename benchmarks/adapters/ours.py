"""gametheory (this project).

Coalitional solvers take a :class:`gametheory.TUGame` built from the bitmask array;
the assignment game is ``AssignmentGame(a).core_extremes()`` (matching, buyer- and
seller-optimal core points by shortest paths);
the bimatrix solver is ``NormalFormGame([A, B]).nash_equilibria()``; the entry-game
solver is ``EntryGame.from_count_payoffs(P).pure_nash_equilibria()`` (the count
structure: no ``2**n`` table); for comparison also ``EntryGame(n, payoff=callable)``
(a general payoff function, solved on the ``2**n`` table) and the generic n-player
``NormalFormGame.pure_nash_equilibria()`` on the dense table.
"""

from __future__ import annotations

import numpy as np

from ..instances import entry_table
from . import Method
from . import _common as c

LIBRARY = "ours"
DISTRIBUTION = "gametheory"
MODULE = "gametheory"


def prepare_tu(v: np.ndarray):
    from gametheory import TUGame

    return TUGame(v)


def shapley(g):
    from gametheory import shapley_value

    return shapley_value(g)


def core_point(g):
    from gametheory import core_point as cp

    return cp(g), None


def least_core(g):
    from gametheory import least_core as lc

    r = lc(g)
    # ours: epsilon = largest uniform surplus; peers report the max excess = −epsilon
    return r.allocation, -float(r.epsilon)


def nucleolus(g):
    from gametheory import nucleolus as nu

    return nu(g)


def prepare_bimatrix(ab):
    from gametheory import NormalFormGame

    a, b = ab
    return NormalFormGame([a, b])


def all_equilibria(g):
    return g.nash_equilibria()


def summarize_equilibria(res) -> dict:
    out = c.mixed_pairs(list(res))
    for flag in ("degenerate", "complete"):
        if hasattr(res, flag):
            out[flag] = bool(getattr(res, flag))
    return out


def entry_count(pay: np.ndarray):
    from gametheory import EntryGame

    # ours: column k − 1 holds the payoff when k firms enter (k = 1 … n)
    return EntryGame.from_count_payoffs(pay[:, 1:]).pure_nash_equilibria()


def entry_callable(pay: np.ndarray):
    from gametheory import EntryGame

    n = pay.shape[0]
    return EntryGame(n, payoff=lambda i, entrants: pay[i, len(entrants)]).pure_nash_equilibria()


def entry_normal_form(pay: np.ndarray):
    from gametheory import NormalFormGame

    n = pay.shape[0]
    table = entry_table(pay)
    rev = tuple(range(n - 1, -1, -1)) + (n,)
    return NormalFormGame(table.reshape((2,) * n + (n,)).transpose(rev)).pure_nash_equilibria()


def assignment_core(a: np.ndarray):
    """Optimal matching and both extreme core points (the game is built inside the call:
    it caches its matching)."""
    from gametheory import AssignmentGame

    g = AssignmentGame(a)
    bo, so = g.core_extremes()
    return g.value, bo.buyers, bo.sellers, so.buyers, so.sellers


def assignment_matching(a: np.ndarray):
    from gametheory import AssignmentGame

    g = AssignmentGame(a)
    return g.value, None, None, None, None
def tripartite_rest_points(table):
    from gametheory import SymbolicReplicator

    # a fresh game each call: nothing cached between calls
    return SymbolicReplicator(table).rest_points()


def summarize_rest_points(res) -> dict:
    return {"points": len(res), "vertices": len(res.vertices()),
            "conditions": sum(1 for p in res if p.stable_if is not None)}


def prepare_tripartite_dynamics(starts):
    from gametheory import TripartiteOFDI

    return TripartiteOFDI().dynamics(), starts


#: Time span of the trajectories: 40 units of 1/(largest payoff).
HORIZON = 40.0


def replicator_batch(obj):
    rd, starts = obj
    return rd.trajectories(starts, HORIZON / rd.scale, n_points=2).final[:, ::2]


def final_states(z) -> dict:
    z = np.asarray(z, dtype=float)
    return {"final": z[:: max(1, len(z) // 50)][:50].tolist(), "stride": max(1, len(z) // 50)}


def fixation(inst):
    from gametheory import fixation_matrix

    A, N, beta = inst
    return fixation_matrix(A, N, beta).rho


def summarize_rho(rho) -> dict:
    rho = np.asarray(rho, dtype=float)
    return {"rho": np.where(np.isnan(rho), -1.0, rho).tolist()}


METHODS = [
    Method("ours.shapley", LIBRARY, "shapley", "ours", shapley, c.allocation,
           prepare=prepare_tu),
    Method("ours.core_point", LIBRARY, "core", "ours core_point", core_point,
           lambda r: c.allocation_eps(*r), prepare=prepare_tu),
    Method("ours.least_core", LIBRARY, "core", "ours least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare_tu),
    Method("ours.nucleolus", LIBRARY, "nucleolus", "ours", nucleolus, c.allocation,
           prepare=prepare_tu, reference=True),
    Method("ours.thin_core_point", LIBRARY, "thin_core", "ours core_point", core_point,
           lambda r: c.allocation_eps(*r), prepare=prepare_tu),
    Method("ours.thin_least_core", LIBRARY, "thin_core", "ours least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare_tu),
    Method("ours.thin_nucleolus", LIBRARY, "thin_nucleolus", "ours", nucleolus,
           c.allocation, prepare=prepare_tu),
    Method("ours.empty_least_core", LIBRARY, "empty_core", "ours least_core", least_core,
           lambda r: c.allocation_eps(*r), prepare=prepare_tu),
    Method("ours.talmud", LIBRARY, "talmud", "ours", nucleolus, c.allocation,
           prepare=prepare_tu),
    Method("ours.nash_equilibria", LIBRARY, "bimatrix", "ours nash_equilibria",
           all_equilibria, summarize_equilibria, prepare=prepare_bimatrix),
    Method("ours.entry_count", LIBRARY, "entry", "ours EntryGame (count structure)",
           entry_count, c.profiles),
    Method("ours.entry_callable", LIBRARY, "entry", "ours EntryGame (callable payoff)",
           entry_callable, c.profiles, max_size=20,
           size_note="a general callable is solved on the 2**n table (n <= 20)"),
    Method("ours.assignment_core", LIBRARY, "assignment", "ours matching + core extremes",
           assignment_core, c.assignment),
    Method("ours.assignment_matching", LIBRARY, "assignment", "ours matching only",
           assignment_matching, c.assignment),
    Method("ours.entry_normal_form", LIBRARY, "entry", "ours NormalFormGame (dense table)",
           entry_normal_form, c.profiles, max_size=22,
           size_note="NormalFormGame holds at most 2**27 payoff entries"),
    Method("ours.tripartite_sym", LIBRARY, "tripartite_sym",
           "ours SymbolicReplicator.rest_points", tripartite_rest_points,
           summarize_rest_points),
    Method("ours.replicator_batch", LIBRARY, "replicator_batch",
           "ours ReplicatorDynamics.trajectories (vectorised)", replicator_batch, final_states,
           prepare=prepare_tripartite_dynamics),
    Method("ours.fixation", LIBRARY, "fixation", "ours fixation_matrix (closed form)", fixation,
           summarize_rho),
]
