"""The core, the least core, and Bondareva–Shapley balancedness of a TU game.

For a worth game ``v`` the core is ``{x : x(N) = v(N), x(S) >= v(S) for all S}``
(Gillies 1959); for a cost game ``c`` it is the set of cost allocations
``{x : x(N) = c(N), x(S) <= c(S) for all S}`` — no coalition pays more than its
stand-alone cost. Cost games are solved on their savings game
(:func:`~gametheory.coalitional.game.worth_view`) and mapped back.

Two routes to every program:

* ``method="highs"`` (default): row generation over the bitmask table with HiGHS
  (:mod:`.lp`), ending with an exact check of all ``2**n`` coalitions, so the result
  is ``certified`` with the largest violation as ``error``; fast up to ``n ≈ 22``.
* ``method="cvxpy"``: the full program written in cvxpy (:func:`core_program`), for
  users who want to inspect or extend it (add constraints, change the objective);
  one row per coalition, so meant for ``n`` up to about 14.

References
----------
Gillies, D. B. (1959). Solutions to general non-zero-sum games. *Contributions to the
Theory of Games IV*, 47–85.
Bondareva, O. N. (1963). Some applications of linear programming methods to the theory
of cooperative games. *Problemy Kibernetiki* 10:119–139.
Shapley, L. S. (1967). On balanced sets and cores. *Naval Research Logistics Quarterly*
14:453–460.
Maschler, M., Peleg, B. & Shapley, L. S. (1979). Geometric properties of the kernel,
nucleolus, and related solution concepts. *Mathematics of Operations Research* 4:303–338.
Peleg, B. & Sudhölter, P. (2007). *Introduction to the Theory of Cooperative Games*,
2nd ed., Springer, ch. 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._tolerance import RTOL, data_scale
from .._validation import finite_array, finite_scalar
from .allocation import Allocation, allocation
from .game import CostGame, TUGame, as_game, members, worth_view
from .lp import (
    LPError,
    RowGenerationLP,
    coalition_rows,
    default_tol,
    silence_highs_banner,
    subset_sums,
)

__all__ = [
    "LeastCore", "BalancingWeights", "CoreProgram",
    "least_core", "core_point", "has_nonempty_core", "in_core", "core_vertices",
    "core_program", "balancing_weights", "is_balanced", "is_totally_balanced",
]

#: largest n for which the full-table cvxpy programs are built (2**n rows)
MAX_CVXPY_PLAYERS = 16
#: largest n accepted by :func:`core_vertices` by default
MAX_VERTEX_PLAYERS = 8

METHODS = ("highs", "cvxpy")


def _method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    return method


# ============================================================================ results
@dataclass(frozen=True)
class LeastCore(ResultMixin):
    """The least core: its value ``epsilon`` and one of its points.

    Sign convention (worth games): ``epsilon`` is the **largest uniform surplus**

        epsilon = max { e : x(N) = v(N),  x(S) >= v(S) + e  for all S ≠ ∅, N },

    i.e. minus the least-core value ``min_x max_S (v(S) − x(S))`` of Maschler, Peleg
    & Shapley (1979). For a cost game it is the largest uniform saving,
    ``x(N) = c(N)``, ``x(S) <= c(S) − epsilon``. So ``epsilon >= 0`` exactly when
    the core is non-empty, and ``epsilon > 0`` when the core has interior points.

    Attributes
    ----------
    epsilon : float
    allocation : Allocation
        A point of the least core (the vertex returned by the LP), in the game's terms.
    method : str
    guarantee : {"certified", "approximate"}
    error : float
        Largest violation of ``x(S) >= v(S) + epsilon`` (resp. ``<= c(S) − epsilon``)
        over all coalitions, and of ``x(N) = v(N)``.
    """

    epsilon: float
    allocation: Allocation
    method: str
    guarantee: str
    error: float

    @property
    def core_is_empty(self) -> bool:
        """``epsilon < 0`` beyond the error bound (and ``RTOL`` relative to the allocation)."""
        return self.epsilon < -max(self.error, RTOL * data_scale(self.allocation))


@dataclass(frozen=True)
class BalancingWeights(ResultMixin):
    """The Bondareva–Shapley program and its optimal balancing weights.

    For a worth game: ``value = max { Σ_S λ_S v(S) : Σ_{S∋i} λ_S = 1 ∀i, λ >= 0 }``
    (over non-empty S, N included), which equals ``min { Σ_i x_i : x(S) >= v(S) }``
    (LP duality). The game is balanced — its core is non-empty — iff
    ``value <= v(N)`` (Bondareva 1963; Shapley 1967; COOP-1 in docs/theorems.md). For a cost
    game the weights minimise ``Σ λ_S c(S)`` and the game is balanced iff ``value >= c(N)``.

    When the core is empty, ``weights`` is the certificate: a balanced collection
    whose weighted worth beats the grand coalition (``Σ λ_S v(S) > v(N)``).

    Attributes
    ----------
    weights : dict
        ``frozenset of player indices -> λ_S`` for the coalitions with ``λ_S > 0``.
    value : float
        ``Σ λ_S v(S)`` (cost game: ``Σ λ_S c(S)``).
    grand : float
        ``v(N)`` (cost game: ``c(N)``).
    balanced : bool
    kind : {"worth", "cost"}
    error : float
        Largest residual ``|Σ_{S∋i} λ_S − 1|`` of the returned weights.
    """

    weights: dict
    value: float
    grand: float
    balanced: bool
    kind: str
    error: float

    @property
    def gap(self) -> float:
        """How much the best balanced collection beats (>0) or falls short of the grand
        coalition: ``value − v(N)`` (worth) or ``c(N) − value`` (cost)."""
        return self.value - self.grand if self.kind == "worth" else self.grand - self.value

    def summary(self, names=None, top: int = 6) -> str:
        """A one-line statement of the certificate."""
        items = sorted(self.weights.items(), key=lambda kv: -kv[1])

        def label(S):
            ids = sorted(S)
            return "{" + ",".join(names[i] if names else str(i) for i in ids) + "}"

        shown = ", ".join(f"λ{label(S)}={w:.4g}" for S, w in items[:top])
        more = f", … ({len(items)} coalitions)" if len(items) > top else ""
        word, sym = ("v", ">") if self.kind == "worth" else ("c", "<")
        return (f"balanced weights {shown}{more} give Σ λ_S {word}(S) = {self.value:.6g} "
                f"{sym} {word}(N) = {self.grand:.6g}")


@dataclass(frozen=True)
class CoreProgram:
    """The least-core LP written in cvxpy, in the game's own terms.

    ``problem`` maximises ``epsilon`` subject to ``efficiency`` (``x(N) = v(N)``) and
    ``coalitions`` (``A x >= v(S) + epsilon`` for worth games, ``A x <= c(S) − epsilon``
    for cost games, one row per coalition ``S ≠ ∅, N`` with bitmask ``masks[k]``).
    Add constraints or change the objective and re-solve; the core is the set of
    feasible ``x`` with ``epsilon`` fixed to 0.

    References
    ----------
    Gillies (1959).
    Bondareva (1963).
    Shapley (1967).
    """

    problem: object
    x: object
    epsilon: object
    efficiency: object
    coalitions: object
    masks: np.ndarray


# ============================================================================ helpers
def _least_core_highs(W: TUGame):
    """min t s.t. v(S) − x(S) <= t (S ≠ ∅, N), x(N) = v(N), by row generation."""
    n, v = W.n, W.v
    full = (1 << n) - 1
    lp = RowGenerationLP(v, n, with_t=True, equalities=[(full, float(v[full]))],
                         tol=default_tol(v))
    return lp.solve()


def _cvxpy_solver():
    import cvxpy as cp

    silence_highs_banner()
    return cp.HIGHS if "HIGHS" in cp.installed_solvers() else cp.CLARABEL


def core_program(game) -> CoreProgram:
    """The least-core program of ``game`` as a cvxpy ``Problem`` (see :class:`CoreProgram`).

    worth game:  max ε  s.t.  x(N) = v(N),  x(S) >= v(S) + ε   (S ≠ ∅, N)
    cost game:   max ε  s.t.  x(N) = c(N),  x(S) <= c(S) − ε   (S ≠ ∅, N)

    Built with one row per coalition, so ``n`` is limited to 16 (use
    ``least_core(game)`` — row generation — beyond that).

    References
    ----------
    Gillies (1959).
    Bondareva (1963).
    Shapley (1967).
    """
    import cvxpy as cp

    game = as_game(game)
    n = game.n
    if n > MAX_CVXPY_PLAYERS:
        raise ValueError(
            f"core_program writes all 2**n − 2 coalition rows; n={n} is too large "
            f"(at most {MAX_CVXPY_PLAYERS}); use least_core(game) or core_point(game), "
            f"which use row generation")
    full = (1 << n) - 1
    masks = np.arange(1, full, dtype=np.int64)
    A = coalition_rows(masks, n)
    x = cp.Variable(n, name="x")
    eps = cp.Variable(name="epsilon")
    vals = game.v[masks]
    eff = cp.sum(x) == game.grand
    if isinstance(game, CostGame):
        rows = A @ x <= vals - eps
    else:
        rows = A @ x >= vals + eps
    if n == 1:
        rows = eps <= 0  # no proper coalition: the least core is {v(N)}, ε unconstrained
    prob = cp.Problem(cp.Maximize(eps), [eff, rows])
    return CoreProgram(problem=prob, x=x, epsilon=eps, efficiency=eff, coalitions=rows,
                       masks=masks)


def _surplus_check(game, x, eps) -> float:
    """Largest violation of the least-core constraints at (x, ε) over every coalition."""
    n = game.n
    xs = subset_sums(np.asarray(x, dtype=float))
    full = (1 << n) - 1
    if isinstance(game, CostGame):
        viol = xs - game.v + eps
    else:
        viol = game.v - xs + eps
    viol[0] = -np.inf
    viol[full] = -np.inf
    worst = float(viol.max()) if n > 1 else 0.0
    return max(worst, abs(float(xs[full] - game.v[full])), 0.0)


# ============================================================================ least core
def least_core(game, method: str = "highs") -> LeastCore:
    """The least core of a TU or cost game: ``epsilon`` and a point.

    ``epsilon = max { e : x(N) = v(N), x(S) >= v(S) + e, S ≠ ∅, N }`` for a worth
    game; for a cost game ``x(N) = c(N), x(S) <= c(S) − e`` (cost terms). The core is
    non-empty iff ``epsilon >= 0``. Maschler, Peleg & Shapley (1979) *Math. Oper.
    Res.* 4:303 define the least core by the value ``−epsilon``.

    Parameters
    ----------
    game : TUGame or CostGame
    method : {"highs", "cvxpy"}
        ``"highs"``: row generation with HiGHS, exact final check of all coalitions.
        ``"cvxpy"``: the full program of :func:`core_program` (``n <= 16``).

    Returns
    -------
    LeastCore
        ``guarantee="certified"``: the point satisfies every constraint up to ``error``.

    References
    ----------
    Bondareva (1963).
    Shapley (1967).
    """
    game = as_game(game)
    method = _method(method)
    n = game.n
    if n == 1:
        x = allocation(game, [game.grand], "least core (one player)", "exact", 0.0)
        return LeastCore(epsilon=float("inf"), allocation=x, method=x.method,
                         guarantee="exact", error=0.0)
    if method == "highs":
        W, back = worth_view(game)
        sol = _least_core_highs(W)
        eps = -float(sol.t)
        x = back(sol.x)
        label = f"least core (row generation, HiGHS, {len(sol.rows)} of {2**n - 2} rows)"
    else:
        prog = core_program(game)
        try:
            prog.problem.solve(solver=_cvxpy_solver())
        except Exception as exc:  # cvxpy raises SolverError and friends
            raise LPError(f"cvxpy could not solve the least-core program: {exc}") from exc
        if prog.problem.status not in ("optimal",):
            raise LPError(f"cvxpy returned status '{prog.problem.status}' for the "
                          f"least-core program (expected 'optimal')")
        eps = float(prog.epsilon.value)
        x = np.asarray(prog.x.value, dtype=float)
        label = f"least core (cvxpy, {prog.problem.solver_stats.solver_name})"
    err = _surplus_check(game, x, eps)
    tol = default_tol(game.v)
    guarantee = "certified" if err <= 1e3 * tol else "approximate"
    alloc = allocation(game, x, label, guarantee, err)
    return LeastCore(epsilon=eps, allocation=alloc, method=label, guarantee=guarantee,
                     error=err)


def has_nonempty_core(game) -> bool:
    """Whether the core is non-empty: the least-core ``epsilon >= 0`` (to ``1e-9`` relative).

    References
    ----------
    Gillies (1959).
    Bondareva (1963).
    Shapley (1967).
    """
    lc = least_core(game)
    return lc.epsilon >= -max(lc.error, default_tol(game.v))


def core_point(game) -> Allocation:
    """A point of the core (the least-core point returned by the LP).

    Worth game: ``x(N) = v(N)``, ``x(S) >= v(S)``; cost game: ``x(N) = c(N)``,
    ``x(S) <= c(S)``. The point is in the least core, so it lies as deep inside the
    core as any point can (every coalition gets at least ``epsilon >= 0`` surplus).

    Raises
    ------
    ValueError
        ``"core is empty"`` with the Bondareva–Shapley certificate (balanced weights
        with ``Σ λ_S v(S) > v(N)``) when the game is not balanced.

    References
    ----------
    Gillies (1959).
    Bondareva (1963).
    Shapley (1967).
    """
    game = as_game(game)
    lc = least_core(game)
    tol = default_tol(game.v)
    if lc.epsilon < -max(lc.error, tol):
        bw = balancing_weights(game)
        raise ValueError(
            f"core is empty: the least core needs ε = {lc.epsilon:.6g} < 0 "
            f"(Bondareva–Shapley certificate: {bw.summary(game.names)})"
        )
    x = lc.allocation
    err = _surplus_check(game, x, 0.0) if game.n > 1 else 0.0
    return allocation(game, np.asarray(x), "core point (least-core LP, row generation, HiGHS)",
                      "certified" if game.n > 1 else "exact", err)


def in_core(game, x, tol: float = RTOL) -> bool:
    """Whether ``x`` is in the core of ``game``.

    Worth game: ``|x(N) − v(N)| <= τ`` and ``x(S) >= v(S) − τ`` for every coalition;
    cost game: ``|x(N) − c(N)| <= τ`` and ``x(S) <= c(S) + τ``; with the tolerance
    ``τ = tol · max(max_S |v(S)|, max_i |x_i|)`` relative to the data's scale
    (:mod:`gametheory._tolerance`). One vectorised pass over the ``2**n`` coalitions.

    References
    ----------
    Gillies (1959).
    """
    game = as_game(game)
    tol = finite_scalar(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    x = finite_array(x, "x", ndim=1)
    if x.shape[0] != game.n:
        raise ValueError(f"x must have one entry per player ({game.n}), got {x.shape[0]}")
    tau = tol * data_scale(game.v, x)
    xs = subset_sums(x)
    full = (1 << game.n) - 1
    if abs(xs[full] - game.v[full]) > tau:
        return False
    if isinstance(game, CostGame):
        return bool(np.all(xs <= game.v + tau))
    return bool(np.all(xs >= game.v - tau))


# ============================================================================ balancedness
def balancing_weights(game) -> BalancingWeights:
    """The Bondareva–Shapley program: optimal balancing weights ``λ_S``.

    Worth game: ``max Σ_S λ_S v(S)`` s.t. ``Σ_{S∋i} λ_S = 1`` for every player,
    ``λ >= 0`` (non-empty ``S``, ``N`` included); its dual is
    ``min Σ x_i`` s.t. ``x(S) >= v(S)``, solved here by row generation with HiGHS and
    an exact check of every coalition; ``λ`` are its dual values.
    Cost game: ``min Σ λ_S c(S)`` over the same balanced weights (dual of
    ``max Σ x_i`` s.t. ``x(S) <= c(S)``).

    The core is non-empty iff the optimum does not beat the grand coalition
    (Bondareva 1963; Shapley 1967; COOP-1 in docs/theorems.md).

    References
    ----------
    Bondareva (1963).
    Shapley (1967).
    """
    game = as_game(game)
    n = game.n
    cost = isinstance(game, CostGame)
    w = -game.v if cost else game.v  # max Σx s.t. x(S) <= c(S)  ==  −min Σy s.t. y(S) >= −c(S)
    allowed = np.ones(1 << n, dtype=bool)
    allowed[0] = False
    tol = default_tol(game.v)
    full = (1 << n) - 1
    sol = RowGenerationLP(w, n, with_t=False, allowed=allowed, initial=[full], tol=tol).solve()
    lam = {m: y for m, y in sol.duals.items() if y > 1e-12}
    cover = np.zeros(n)
    for m, y in lam.items():
        cover += y * coalition_rows([m], n)[0]
    err = float(np.max(np.abs(cover - 1.0)))
    weights = {frozenset(members(m)): float(y) for m, y in sorted(lam.items())}
    value = float(sum(y * game.v[m] for m, y in lam.items()))
    grand = game.grand
    slack = max(tol, err * float(np.max(np.abs(game.v))) * n)
    balanced = (value >= grand - slack) if cost else (value <= grand + slack)
    return BalancingWeights(weights=weights, value=value, grand=grand, balanced=bool(balanced),
                            kind=game.kind, error=err)


def is_balanced(game) -> bool:
    """Whether the game is balanced, i.e. has a non-empty core (Bondareva–Shapley, COOP-1).

    References
    ----------
    Bondareva (1963).
    Shapley (1967).
    """
    return balancing_weights(game).balanced


def is_totally_balanced(game) -> bool:
    """Whether every subgame (restriction to a coalition ``S``) is balanced.

    Checks all ``2**n − 1`` subgames with at least two players (one LP each), so it
    is meant for small ``n``; Shapley & Shubik (1969) *Naval Res. Logist. Q.* 16:2
    show these are exactly the market games.
    """
    game = as_game(game)
    n = game.n
    order = sorted(range(1, 1 << n), key=lambda m: -bin(m).count("1"))
    for m in order:
        ids = members(m)
        if len(ids) < 2:
            continue
        if not is_balanced(game.subgame(ids)):
            return False
    return True


# ============================================================================ vertices
def core_vertices(game, max_players: int = MAX_VERTEX_PLAYERS) -> np.ndarray:
    """The extreme points of the core, one per row (an empty ``(0, n)`` array if empty).

    Double description (Motzkin et al. 1953): start from the imputation simplex
    ``{x : x(N) = v(N), x_i >= v(i)}`` and cut it by ``x(S) >= v(S)`` one coalition at a
    time, keeping the vertices on the good side and adding the intersection of every
    edge that crosses the cut; two vertices span an edge iff the constraints tight at
    both have rank ``n − 1`` (the algebraic adjacency test). Exponential in ``n``:
    meant for ``n <= 8`` (a convex game has up to ``n!`` vertices). Cost games are
    solved on the savings game (an affine image) and mapped back.
    """
    game = as_game(game)
    n = game.n
    if n > max_players:
        raise ValueError(
            f"core_vertices enumerates extreme points (up to n! of them); n={n} exceeds "
            f"max_players={max_players}. Pass a larger max_players if you mean it, or use "
            f"core_point / least_core for large games")
    W, back = worth_view(game)
    verts = _dd_core_vertices(W)
    if verts.shape[0] == 0:
        return np.zeros((0, n))
    out = np.array([back(v) for v in verts])
    scale = 1e-7 * (data_scale(game.v) or 1.0)
    keys = np.round(out / scale)  # sort rows lexicographically, ignoring round-off
    return out[np.lexsort(keys.T[::-1])]


def _dd_core_vertices(W: TUGame) -> np.ndarray:
    n, v = W.n, W.v
    full = (1 << n) - 1
    tol = default_tol(v)
    sing = W.singletons
    slack = v[full] - sing.sum()
    if slack < -tol:
        return np.zeros((0, n))
    if n == 1:
        return np.array([[v[full]]])
    # constraints: index k -> mask; singletons first (their tightness at the start)
    cons = [1 << i for i in range(n)]
    rest = [m for m in range(1, full) if m & (m - 1)]
    rest.sort(key=lambda m: bin(m).count("1"))
    verts = sing[None, :] + max(slack, 0.0) * np.eye(n)
    verts = _dedup(verts, tol)
    all_cons = cons + rest

    def tight_sets(V, upto):
        masks = np.asarray(all_cons[:upto], dtype=np.int64)
        A = coalition_rows(masks, n)
        res = V @ A.T - v[masks][None, :]
        return np.abs(res) <= 1e3 * tol

    k_done = n
    for k in range(n, len(all_cons)):
        m = all_cons[k]
        A_m = coalition_rows([m], n)[0]
        val = verts @ A_m - v[m]
        out = val < -1e3 * tol
        if not out.any():
            k_done = k + 1
            continue
        keep = ~out
        T = tight_sets(verts, k_done)
        new = []
        ins = np.flatnonzero(val > 1e3 * tol)
        outs = np.flatnonzero(out)
        A_done = coalition_rows(np.asarray(all_cons[:k_done], dtype=np.int64), n)
        for a in outs:
            for b in ins:
                common = T[a] & T[b]
                if common.sum() < n - 2:
                    continue
                rows = np.vstack([A_done[common], np.ones(n)])
                if np.linalg.matrix_rank(rows, tol=1e-9) != n - 1:
                    continue
                lam = val[b] / (val[b] - val[a])
                new.append(verts[b] + lam * (verts[a] - verts[b]))
        parts = [verts[keep]] + ([np.array(new)] if new else [])
        verts = _dedup(np.vstack(parts), tol)
        k_done = k + 1
        if verts.shape[0] == 0:
            break
    return verts


def _dedup(V: np.ndarray, tol: float) -> np.ndarray:
    """Drop repeated points (max-norm distance <= 10·tol), keeping the first of each."""
    if V.shape[0] <= 1:
        return V
    eps = 10 * tol
    kept: list[int] = []
    for i in range(V.shape[0]):
        if kept and np.min(np.max(np.abs(V[kept] - V[i]), axis=1)) <= eps:
            continue
        kept.append(i)
    return V[kept]
