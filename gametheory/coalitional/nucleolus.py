"""The nucleolus, the prenucleolus and the per-capita nucleolus: exact lexicographic centres.

The (pre)nucleolus lexicographically minimises the non-increasingly ordered vector of
excesses ``e(S, x) = v(S) − x(S)`` over the proper coalitions, among the imputations
(nucleolus, Schmeidler 1969, *SIAM J. Appl. Math.* 17:1163) or among all efficient
vectors (prenucleolus, Sobolev 1975). The per-capita nucleolus uses the excess per
member ``(v(S) − x(S)) / |S|`` (Grotte 1970; Young, Okada & Hashimoto 1982, *Water
Resources Research* 18:463), over the imputations.

Algorithm: the sequence of LPs of Maschler, Peleg & Shapley (1979, *Math. Oper. Res.*
4:303). Round k solves

    min t  s.t.  e(S, x) <= w_S t      for every free coalition S,
                 e(S, x)  = w_S t_j    for the coalitions fixed in round j < k,
                 x(N) = v(N)  (and x_i >= v(i) for the nucleolus),

with ``w_S = 1`` (``|S|`` per capita). A coalition is fixed only when it is tight on
the **whole** optimal face, not merely at the vertex the solver returns: a strictly
positive dual value proves this by complementary slackness (the restricted master's
dual, padded with zeros, is optimal for the full LP). Fixing only such coalitions is
what several public libraries get wrong (fixing every coalition tight at the returned
vertex gives (50, 50, 100) instead of Aumann & Maschler's (50, 75, 75) for the Talmud
estate 200). Coalitions whose indicator vector lies in the span of the fixed ones have
a constant excess and are dropped (tested with two random directions of the remaining
feasible subspace: ``1_S ⊥ null(fixed)``). Each round raises the rank of the fixed
rows, so there are at most ``n − 1`` rounds. Every round is solved by row generation
(:mod:`.lp`) with an exact check of all ``2**n`` coalitions at its end, hence the
``certified`` guarantee.

For a cost game these are the cost-allocation versions, computed on the savings game
(covariance under strategic equivalence; Tijs & Driessen 1986) — e.g. the cost
nucleolus is ``c({i}) − `` the savings nucleolus.
"""

from __future__ import annotations

import numpy as np

from .allocation import Allocation, allocation
from .core import MAX_CVXPY_PLAYERS, _cvxpy_solver, _method
from .game import TUGame, as_game, popcounts, worth_view
from .lp import LPError, RowGenerationLP, coalition_rows, default_tol, subset_sums

__all__ = ["nucleolus", "prenucleolus", "per_capita_nucleolus"]


def _imputation_check(W: TUGame, game) -> None:
    sing = W.singletons
    tol = default_tol(W.v)
    if sing.sum() > W.grand + tol:
        if game.kind == "cost":
            what = (f"Σ c({{i}}) = {game.singletons.sum():.6g} < c(N) = {game.grand:.6g}: "
                    f"no cost allocation charges every player at most its stand-alone cost")
        else:
            what = (f"Σ v({{i}}) = {sing.sum():.6g} > v(N) = {W.grand:.6g}: "
                    f"no efficient payoff gives every player its stand-alone worth")
        raise ValueError(
            f"the imputation set is empty ({what}); the nucleolus needs an essential game "
            f"(imputation set non-empty). The prenucleolus exists for every game: use "
            f"prenucleolus(game)")


def _null_directions(basis_masks, n, rng, k=2):
    """``k`` random vectors of ``null(fixed rows)`` (orthonormal basis times Gaussians)."""
    A = coalition_rows(basis_masks, n)
    _, s, vt = np.linalg.svd(A)
    rank = int(np.sum(s > 1e-9 * s[0])) if s.size else 0
    B = vt[rank:].T  # n × d
    return B @ rng.standard_normal((B.shape[1], k)), n - rank


def _lexicographic_highs(W: TUGame, *, individually_rational: bool, per_capita: bool):
    """Sequential LPs with row generation on worth game ``W``; returns (x, error, rounds)."""
    n, v = W.n, W.v
    full = (1 << n) - 1
    tol = default_tol(v)
    weights = popcounts(n).astype(float) if per_capita else None
    lower = W.singletons.copy() if individually_rational else None
    allowed = np.ones(1 << n, dtype=bool)
    allowed[0] = allowed[full] = False
    basis = [full]                      # independent fixed rows (grand coalition first)
    eq = [(full, float(v[full]))]
    rng = np.random.default_rng(0x6e75636c)
    prev_rows: list[int] = []
    worst = 0.0
    x = None
    rounds = 0
    buf = np.empty(1 << n)
    while len(basis) < n:
        G, d = _null_directions(basis, n, rng)
        if len(basis) > 1:  # drop coalitions whose excess is now constant
            in_span = None
            for j in range(G.shape[1]):
                g = G[:, j]
                scale = 1e-8 * float(np.abs(g).sum())  # g is a unit-free direction
                ws = np.abs(subset_sums(g, buf)) <= scale
                in_span = ws if in_span is None else (in_span & ws)
            allowed &= ~in_span
        if not allowed.any():
            break
        lp = RowGenerationLP(v, n, with_t=True, weights=weights, allowed=allowed,
                             equalities=eq, lower=lower, tol=tol,
                             initial=[m for m in prev_rows if allowed[m]])
        sol = lp.solve()
        rounds += 1
        worst = max(worst, sol.max_violation)
        x, t = sol.x, float(sol.t)
        prev_rows = sol.rows
        # coalitions tight on the whole optimal face: strictly positive dual value
        cands = sorted(((y, m) for m, y in sol.duals.items() if y > 1e-9), reverse=True)
        fixed_any = False
        A_basis = coalition_rows(basis, n)
        rank = np.linalg.matrix_rank(A_basis)
        for _, m in cands:
            w = 1.0 if weights is None else weights[m]
            slack = v[m] - (x @ coalition_rows([m], n)[0]) - w * t
            if slack < -1e3 * tol:  # not tight: a dual of that size would be a solver bug
                continue
            allowed[m] = False
            trial = np.vstack([A_basis, coalition_rows([m], n)])
            r = np.linalg.matrix_rank(trial)
            if r > rank:
                A_basis, rank = trial, r
                basis.append(m)
                eq.append((m, float(v[m] - w * t)))
                fixed_any = True
        if not fixed_any:
            raise LPError(
                "the nucleolus LP gave no coalition with a positive dual value outside the "
                "span of the fixed ones (numerical trouble); rescale the game's values")
    if len(basis) == n:
        A = coalition_rows(basis, n)
        b = np.array([r for _, r in eq])
        x = np.linalg.solve(A, b)
    if x is None:  # n == 1
        x = np.array([v[full]])
    return x, worst, rounds


def _lexicographic_cvxpy(W: TUGame, *, individually_rational: bool, per_capita: bool):
    """The same sequential programme written in cvxpy over all coalitions (``n <= 16``).

    Fixing rule: dual value > 1e-7 of the round's coalition constraint; a coalition
    is dropped when its indicator is in the span of the fixed rows (rank test).
    """
    import cvxpy as cp

    n, v = W.n, W.v
    if n > MAX_CVXPY_PLAYERS:
        raise ValueError(f"the cvxpy nucleolus writes all 2**n coalition rows; n={n} is too "
                         f"large (at most {MAX_CVXPY_PLAYERS}); use method='highs'")
    full = (1 << n) - 1
    sizes = popcounts(n).astype(float)
    free = list(range(1, full))
    fixed: list[tuple[int, float]] = [(full, float(v[full]))]
    x_val = np.array([v[full]]) if n == 1 else None
    rounds = 0
    solver = _cvxpy_solver()
    while free:
        A_fixed = coalition_rows([m for m, _ in fixed], n)
        rank = np.linalg.matrix_rank(A_fixed)
        if rank == n:
            break
        free = [m for m in free
                if np.linalg.matrix_rank(np.vstack([A_fixed, coalition_rows([m], n)])) > rank]
        if not free:
            break
        x = cp.Variable(n)
        t = cp.Variable()
        Af = coalition_rows(free, n)
        w = sizes[free] if per_capita else np.ones(len(free))
        rows = Af @ x + cp.multiply(w, t) >= v[free]
        cons = [rows, A_fixed @ x == np.array([r for _, r in fixed])]
        if individually_rational:
            cons.append(x >= W.singletons)
        prob = cp.Problem(cp.Minimize(t), cons)
        try:
            prob.solve(solver=solver)
        except Exception as exc:
            raise LPError(f"cvxpy could not solve nucleolus round {rounds + 1}: {exc}") from exc
        if prob.status != "optimal":
            raise LPError(f"cvxpy returned status '{prob.status}' in nucleolus round "
                          f"{rounds + 1} (expected 'optimal')")
        rounds += 1
        x_val, t_val = np.asarray(x.value), float(t.value)
        duals = np.asarray(rows.dual_value).reshape(-1)
        tight = [k for k in np.argsort(-duals) if duals[k] > 1e-7]
        new = False
        for k in tight:
            m = free[k]
            trial = np.vstack([coalition_rows([mm for mm, _ in fixed], n),
                               coalition_rows([m], n)])
            if np.linalg.matrix_rank(trial) > np.linalg.matrix_rank(trial[:-1]):
                fixed.append((m, float(v[m] - w[k] * t_val)))
                new = True
        if not new:
            raise LPError("cvxpy nucleolus round fixed no new coalition (numerical trouble)")
    A = coalition_rows([m for m, _ in fixed], n)
    if np.linalg.matrix_rank(A) == n:
        x_val = np.linalg.lstsq(A, np.array([r for _, r in fixed]), rcond=None)[0]
    return x_val, 0.0, rounds


def _solve(game, *, individually_rational, per_capita, method, name) -> Allocation:
    game = as_game(game)
    method = _method(method)
    W, back = worth_view(game)
    if individually_rational:
        _imputation_check(W, game)
    runner = _lexicographic_highs if method == "highs" else _lexicographic_cvxpy
    y, worst, rounds = runner(W, individually_rational=individually_rational,
                              per_capita=per_capita)
    # certificate: efficiency (and individual rationality) residuals at the final point
    n = W.n
    resid = abs(float(np.sum(y)) - W.grand)
    if individually_rational:
        resid = max(resid, float(np.max(W.singletons - y)))
    err = max(worst, resid, 0.0)
    tol = default_tol(W.v)
    guarantee = "certified" if (method == "highs" and err <= 1e3 * tol) else "approximate"
    how = ("sequential LPs, row generation, HiGHS" if method == "highs"
           else "sequential LPs over all coalitions, cvxpy")
    label = f"{name} ({how}, {rounds} round{'s' if rounds != 1 else ''})"
    if n == 1:
        guarantee, err = "exact", 0.0
    out = back(y) + 0.0  # no signed zeros in the display
    return allocation(game, out, label, guarantee, err)


def nucleolus(game, method: str = "highs") -> Allocation:
    """The nucleolus (Schmeidler 1969): the lexicographic centre of the imputation set.

    Lexicographically minimises the decreasingly ordered excesses
    ``e(S, x) = v(S) − x(S)`` (cost game: ``x(S) − c(S)``) over the imputations
    ``x(N) = v(N), x_i >= v({i})`` (cost game: ``x(N) = c(N), x_i <= c({i})``).
    It is unique, and lies in the core whenever the core is non-empty (COOP-3 in docs/theorems.md).

    Parameters
    ----------
    game : TUGame or CostGame
    method : {"highs", "cvxpy"}
        ``"highs"``: sequential LPs with row generation (fast, ``n`` up to ~22);
        ``"cvxpy"``: the same sequence written in cvxpy over all coalitions (``n <= 16``).

    Raises
    ------
    ValueError
        If the imputation set is empty (``Σ v({i}) > v(N)``); use :func:`prenucleolus`.

    Examples
    --------
    Aumann & Maschler (1985) *J. Econ. Theory* 36:195, Talmud estate 200, claims
    100/200/300:

    >>> import numpy as np, gametheory as gt
    >>> v = lambda S: max(0, 200 - sum(c for i, c in enumerate((100, 200, 300)) if i not in S))
    >>> np.round(gt.nucleolus(gt.TUGame(v, n=3)), 6).tolist()
    [50.0, 75.0, 75.0]
    """
    return _solve(game, individually_rational=True, per_capita=False, method=method,
                  name="nucleolus")


def prenucleolus(game, method: str = "highs") -> Allocation:
    """The prenucleolus (Sobolev 1975): the nucleolus without individual rationality.

    Lexicographic minimisation of the ordered excesses over all efficient vectors
    ``x(N) = v(N)``; defined for every game. Equals the nucleolus when the core is
    non-empty (both then lie in the core). See :func:`nucleolus` for ``method``.
    """
    return _solve(game, individually_rational=False, per_capita=False, method=method,
                  name="prenucleolus")


def per_capita_nucleolus(game, method: str = "highs") -> Allocation:
    """The per-capita nucleolus: excess per member ``(v(S) − x(S)) / |S|``, over imputations.

    Grotte (1970), used for cost allocation by Young, Okada & Hashimoto (1982) *Water
    Resources Research* 18:463 (cost game: ``(x(S) − c(S)) / |S|``). Raises
    ``ValueError`` if the imputation set is empty. See :func:`nucleolus` for ``method``.
    """
    return _solve(game, individually_rational=True, per_capita=True, method=method,
                  name="per-capita nucleolus")
