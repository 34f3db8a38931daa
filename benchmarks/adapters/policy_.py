"""The government's bilevel problem (:class:`gametheory.PolicyDesign`), suite ``policy``.

Size = the number of instruments optimised together for the 20-firm heterogeneous cluster
of :func:`benchmarks.instances.policy_spec` (4 lead firms, 16 SMEs whose capital is below
the standalone entry cost). Three ways to find the optimal policy on the same model and
the same box of instruments:

* ``bilevel`` — ``PolicyDesign.optimise``: pieces of constant response on a grid,
  refinement inside the best pieces, a certified bracket (the reference);
* ``grid`` — brute force on a product grid of 7 levels per instrument (``7^d`` policies,
  evaluated in vectorised batches): what a fine grid costs as instruments are added;
* ``differential evolution`` — :func:`scipy.optimize.differential_evolution` on the same
  vectorised welfare (population 8 per instrument, 20 generations, seeded, no polishing):
  a global optimiser that ignores the pieces.

Each summary reports the welfare found and the number of policies evaluated; the report
checks that no method beats the bilevel search by more than the tie tolerance.
"""

from __future__ import annotations

import itertools

import numpy as np

from . import Method

LIBRARY = "policy"  #: run with --libs policy (or the default: every library)
DISTRIBUTION = "gametheory"
MODULE = "gametheory"
CAP = 60.0


class _Problem:
    def __init__(self, spec):
        import gametheory as gt

        econ = gt.ClusterVsScattered.with_firm_sizes(**spec["economy"])
        self.gov = gt.PolicyDesign(economy=econ)
        self.names = tuple(spec["instruments"])
        bounds = [self.gov.bounds(n_) for n_ in self.names]
        self.lo = np.array([b[0] for b in bounds])
        self.hi = np.array([b[1] for b in bounds])
        self.evaluations = 0

    def welfare(self, X):
        X = np.atleast_2d(X)
        self.evaluations += X.shape[0]
        acc = self.gov._accounts({n_: X[:, j] for j, n_ in enumerate(self.names)}, X.shape[0])
        return acc["welfare"]


def _prepare(spec):
    return spec


def _bilevel(spec):
    p = _Problem(spec)
    opt = p.gov.optimise(p.names)
    return {"welfare": opt.welfare, "policy": [opt.policy[n_] for n_ in p.names],
            "evaluations": opt.evaluations, "pieces": opt.pieces,
            "certified": opt.certified, "status": list(opt.status.values())}


def _grid(spec, levels=7):
    p = _Problem(spec)
    axes = [np.linspace(lo, hi, levels) for lo, hi in zip(p.lo, p.hi)]
    X = np.array(list(itertools.product(*axes)))
    W = p.welfare(X)
    j = int(np.argmax(W))
    return {"welfare": float(W[j]), "policy": X[j].tolist(), "evaluations": p.evaluations}


def _differential_evolution(spec):
    from scipy.optimize import differential_evolution

    p = _Problem(spec)
    d = len(p.names)
    res = differential_evolution(lambda X: -p.welfare(np.asarray(X).T),
                                 bounds=list(zip(p.lo, p.hi)), popsize=8, maxiter=20,
                                 tol=0.0, polish=False, seed=0, vectorized=True,
                                 updating="deferred", init="sobol" if d > 1 else "latinhypercube")
    return {"welfare": float(-res.fun), "policy": np.asarray(res.x).tolist(),
            "evaluations": p.evaluations}


def _summary(raw):
    return raw


METHODS = [
    Method("policy.bilevel", LIBRARY, "policy", "bilevel search (ours)", _bilevel, _summary,
           prepare=_prepare, reference=True, cap=CAP),
    Method("policy.grid", LIBRARY, "policy", "brute-force grid, 7 levels", _grid, _summary,
           prepare=_prepare, cap=CAP),
    Method("policy.differential_evolution", LIBRARY, "policy", "scipy differential evolution",
           _differential_evolution, _summary, prepare=_prepare, cap=CAP),
]
