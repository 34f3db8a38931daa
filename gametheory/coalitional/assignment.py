"""The assignment game: a two-sided market of buyers and sellers who trade in pairs.

Buyer ``i`` (``m`` of them) and seller ``j`` (``n`` of them) create the surplus
``a_ij >= 0`` when they trade with each other; nobody trades with two partners. The
worth of a coalition ``S`` of buyers and sellers is the largest total surplus of a
matching inside ``S``,

    v(S) = max { Σ_{(i,j)∈μ} a_ij : μ a matching of the buyers in S to the sellers in S }.

Shapley & Shubik (1971) showed that the core is the set of optimal solutions of the dual
of the assignment linear program

    max Σ a_ij x_ij   s.t.  Σ_j x_ij <= 1,  Σ_i x_ij <= 1,  x >= 0      (primal: v(N))
    min Σ u_i + Σ w_j  s.t.  u_i + w_j >= a_ij,  u, w >= 0                (dual: the core)

(the primal has an integral optimum, a matching; complementary slackness makes matched
pairs split their surplus, ``u_i + w_j = a_ij``, and unmatched agents get 0). The core
is never empty and is a lattice under the buyers' order: the componentwise maximum of
the buyers' payoffs of two core points, with the minimum of the sellers', is again a
core point (and vice versa). Its two extreme points are the **buyer-optimal** point
(every buyer gets its most, every seller its least) and the **seller-optimal** point;
in the buyer-optimal point each buyer's payoff is its marginal contribution
``v(N) − v(N∖{i})`` (Demange 1982; Leonard 1983), which is also the payoff of the
Vickrey–Clarke–Groves (minimum Walrasian price) mechanism.

Algorithms here:

* the optimal matching by :func:`scipy.optimize.linear_sum_assignment` (Jonker–Volgenant);
* the core read from the duals of the primal LP written in cvxpy
  (:meth:`AssignmentGame.core_lp`), and its extreme points by a second LP that
  maximises one side's total payoff over the core;
* the fast path for large markets (:meth:`AssignmentGame.buyer_optimal`,
  :meth:`AssignmentGame.seller_optimal`): with the matching fixed, the core is a system
  of difference constraints on the buyers' payoffs (``u_i − u_k >= a_ij − a_kj`` for the
  seller ``j`` of buyer ``k``), whose componentwise largest solution is the vector of
  shortest-path distances from a zero node (Bellman–Ford, one dense min-plus pass per
  round, ``O(r^3)`` at worst for ``r`` matched pairs);
* :meth:`AssignmentGame.tu_game` writes the characteristic function of a small market
  (``m + n <= 16``) as a :class:`~gametheory.coalitional.game.TUGame`, so every solver of
  the engine (core, nucleolus, Shapley value) applies.

References
----------
Shapley, L. S. & Shubik, M. (1971). The assignment game I: the core. *International
Journal of Game Theory* 1:111–130.
Demange, G. (1982). Strategyproofness in the assignment market game. Laboratoire
d'Économétrie de l'École Polytechnique, Paris, working paper.
Leonard, H. B. (1983). Elicitation of honest preferences for the assignment of
individuals to positions. *Journal of Political Economy* 91:461–479.
Demange, G., Gale, D. & Sotomayor, M. (1986). Multi-item auctions. *Journal of Political
Economy* 94:863–872.
Roth, A. E. & Sotomayor, M. (1990). *Two-Sided Matching*. Cambridge University Press, ch. 8.
Crouse, D. F. (2016). On implementing 2D rectangular assignment algorithms. *IEEE
Transactions on Aerospace and Electronic Systems* 52:1679–1696.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
from scipy.optimize import linear_sum_assignment

from .._display import html_table
from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, names_for, nonnegative_array
from .allocation import Allocation
from .game import TUGame, members
from .lp import LPError

__all__ = ["AssignmentGame", "AssignmentCorePoint", "OptimalMatching"]

#: Largest number of agents (buyers + sellers) for which :meth:`AssignmentGame.tu_game`
#: writes the ``2**(m+n)`` table.
MAX_TU_AGENTS = 16

SIDES = ("buyers", "sellers")


# ============================================================================ results
@dataclasses.dataclass(frozen=True)
class OptimalMatching(ResultMixin):
    """An optimal matching of an assignment game.

    Attributes
    ----------
    pairs : tuple of (int, int)
        Matched (buyer, seller) index pairs with positive surplus.
    value : float
        Total surplus of the matching, ``v(N)``.
    buyer_partner, seller_partner : ndarray of int
        Partner of each buyer (seller) in the assignment, ``-1`` when unmatched. Pairs of
        zero surplus that the assignment algorithm lists are kept here (they change no
        payoff) but not in ``pairs``.
    method : str

    References
    ----------
    Shapley & Shubik (1971).
    """

    pairs: tuple
    value: float
    buyer_partner: np.ndarray
    seller_partner: np.ndarray
    method: str


@dataclasses.dataclass(frozen=True)
class AssignmentCorePoint(ResultMixin):
    """A point of the core of an assignment game: payoffs of buyers and sellers.

    Attributes
    ----------
    buyers : ndarray (m,)
        Buyers' payoffs ``u_i``.
    sellers : ndarray (n,)
        Sellers' payoffs ``w_j``.
    allocation : Allocation
        ``(u, w)`` as one payoff vector over the ``m + n`` agents, buyers first, in the
        player order of :meth:`AssignmentGame.tu_game`.
    method : str
        Which point and how it was computed.
    error : float
        Largest violation of ``u_i + w_j >= a_ij``, ``u, w >= 0`` and
        ``Σu + Σw = v(N)`` at the returned point.

    References
    ----------
    Shapley & Shubik (1971).
    """

    buyers: np.ndarray
    sellers: np.ndarray
    allocation: Allocation
    method: str
    error: float

    @property
    def buyers_total(self) -> float:
        """``Σ_i u_i``."""
        return float(self.buyers.sum())

    @property
    def sellers_total(self) -> float:
        """``Σ_j w_j``."""
        return float(self.sellers.sum())


# ============================================================================ the game
class AssignmentGame:
    """The assignment game of Shapley & Shubik (1971) on a surplus matrix.

    Parameters
    ----------
    surplus : array_like (m, n), >= 0
        ``a_ij``: the surplus buyer ``i`` and seller ``j`` create together (0 for a pair
        with no gain from trade).
    buyers, sellers : sequence of str, optional
        Names of the two sides (default ``b0 …`` and ``s0 …``).

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.AssignmentGame([[5, 8], [7, 9]])
    >>> g.matching().pairs, g.value
    (((0, 1), (1, 0)), 15.0)
    >>> g.buyer_optimal().buyers.tolist(), g.seller_optimal().sellers.tolist()
    ([6.0, 7.0], [6.0, 8.0])

    References
    ----------
    Shapley & Shubik (1971).
    Leonard (1983).
    Roth & Sotomayor (1990), ch. 8.
    """

    def __init__(self, surplus, buyers=None, sellers=None):
        a = nonnegative_array(surplus, "surplus", ndim=2)
        if a.shape[0] < 1 or a.shape[1] < 1:
            raise ValueError(f"surplus must have at least one buyer (row) and one seller "
                             f"(column), got shape {a.shape}")
        a = a.copy()
        a.setflags(write=False)
        self.surplus = a
        self.m, self.n = a.shape
        self.buyers = names_for(self.m, buyers if buyers is not None
                                else [f"b{i}" for i in range(self.m)], "buyer")
        self.sellers = names_for(self.n, sellers if sellers is not None
                                 else [f"s{j}" for j in range(self.n)], "seller")
        if set(self.buyers) & set(self.sellers):
            raise ValueError(f"buyers and sellers need distinct names; both sides have "
                             f"{sorted(set(self.buyers) & set(self.sellers))}")

    # ------------------------------------------------------------------ basics
    @property
    def names(self) -> tuple:
        """All agents, buyers first: the player order of :meth:`tu_game`."""
        return self.buyers + self.sellers

    def __repr__(self):
        return f"AssignmentGame({self.m} buyers × {self.n} sellers, v(N) = {self.value:.6g})"

    def _repr_html_(self):
        rows = [(b, *map(float, self.surplus[i])) for i, b in enumerate(self.buyers[:20])]
        return html_table(["surplus a_ij", *self.sellers[:20]], [r[:21] for r in rows],
                          caption=f"AssignmentGame: {self.m} buyers × {self.n} sellers, "
                                  f"v(N) = {self.value:.6g}")

    @functools.cache  # noqa: B019 - the game is immutable; one matching per game
    def matching(self) -> OptimalMatching:
        """An optimal matching (Jonker–Volgenant via ``scipy.optimize.linear_sum_assignment``).

        References
        ----------
        Shapley & Shubik (1971).
        Crouse (2016).
        """
        rows, cols = linear_sum_assignment(self.surplus, maximize=True)
        bp = np.full(self.m, -1, dtype=int)
        sp_ = np.full(self.n, -1, dtype=int)
        bp[rows] = cols
        sp_[cols] = rows
        bp.setflags(write=False)
        sp_.setflags(write=False)
        vals = self.surplus[rows, cols]
        pairs = tuple((int(i), int(j)) for i, j, s in zip(rows, cols, vals) if s > 0)
        return OptimalMatching(pairs=pairs, value=float(vals.sum()), buyer_partner=bp,
                        seller_partner=sp_,
                        method="optimal matching (linear_sum_assignment, Jonker–Volgenant)")

    @property
    def value(self) -> float:
        """``v(N)``: the surplus of an optimal matching."""
        return self.matching().value

    def _split(self, coalition) -> tuple[np.ndarray, np.ndarray]:
        """Buyer and seller indices of a coalition given by names or agent indices."""
        if isinstance(coalition, (str, bytes)) or not hasattr(coalition, "__iter__"):
            raise ValueError(f"coalition must be an iterable of agents (names or indices "
                             f"0..{self.m + self.n - 1}), got {coalition!r}")
        index = {nm: k for k, nm in enumerate(self.names)}
        ks = set()
        for p in coalition:
            if isinstance(p, str):
                if p not in index:
                    raise ValueError(f"coalition has an unknown agent {p!r}; agents are "
                                     f"{self.names}")
                ks.add(index[p])
            else:
                try:
                    k = int(p)
                except (TypeError, ValueError):
                    raise ValueError(f"coalition has an agent {p!r} that is neither a "
                                     f"name nor an index") from None
                if isinstance(p, bool) or k != p or not 0 <= k < self.m + self.n:
                    raise ValueError(f"coalition has an agent index {p!r} outside "
                                     f"0..{self.m + self.n - 1}")
                ks.add(k)
        ks = np.array(sorted(ks), dtype=int)
        return ks[ks < self.m], ks[ks >= self.m] - self.m

    def worth(self, coalition) -> float:
        """``v(S)``: the best matching inside ``S`` (names or indices, buyers first)."""
        bi, sj = self._split(coalition)
        return _max_matching(self.surplus[np.ix_(bi, sj)])

    def marginal_contributions(self) -> tuple[np.ndarray, np.ndarray]:
        """``v(N) − v(N∖{i})`` for every buyer and every seller (one assignment per agent).

        By Leonard (1983) these are the buyer-optimal payoffs of the buyers and the
        seller-optimal payoffs of the sellers; used here as an independent check of the
        shortest-path route (``O((m + n) · assignment)``: meant for small and medium
        markets).
        """
        a, v = self.surplus, self.value
        mb = np.array([v - _max_matching(np.delete(a, i, axis=0)) for i in range(self.m)])
        ms = np.array([v - _max_matching(np.delete(a, j, axis=1)) for j in range(self.n)])
        return mb, ms

    def tu_game(self) -> TUGame:
        """The characteristic function ``v(S)`` as a :class:`TUGame` (``m + n <= 16``).

        Players are the buyers (``0 … m−1``) then the sellers (``m … m+n−1``).
        """
        k = self.m + self.n
        if k > MAX_TU_AGENTS:
            raise ValueError(f"tu_game writes all 2**(m+n) coalitions; m + n = {k} agents is "
                             f"too many (at most {MAX_TU_AGENTS}); the core of a large market "
                             f"is read from the assignment LP (core_lp, buyer_optimal)")
        v = np.zeros(1 << k)
        bmask = (1 << self.m) - 1
        for mask in range(1, 1 << k):
            b = mask & bmask
            s = mask >> self.m
            if b and s:
                v[mask] = _max_matching(self.surplus[np.ix_(members(b), members(s))])
        return TUGame(v, names=self.names)

    # ------------------------------------------------------------------ core checks
    def _point(self, u, w, method: str) -> AssignmentCorePoint:
        u = np.asarray(u, dtype=float).copy()
        w = np.asarray(w, dtype=float).copy()
        err = self.core_violation(u, w)
        alloc = Allocation(np.concatenate([u, w]), self.names, method,
                           guarantee="certified", error=err)
        u.setflags(write=False)
        w.setflags(write=False)
        return AssignmentCorePoint(buyers=u, sellers=w, allocation=alloc, method=method,
                                   error=err)

    def _uw(self, u, w=None) -> tuple[np.ndarray, np.ndarray]:
        if w is None:
            x = finite_array(u, "payoffs", ndim=1)
            if x.shape[0] != self.m + self.n:
                raise ValueError(f"payoffs must have one entry per agent (m + n = "
                                 f"{self.m + self.n}), got {x.shape[0]}")
            return x[: self.m], x[self.m:]
        u = finite_array(u, "u (buyers' payoffs)", shape=(self.m,))
        w = finite_array(w, "w (sellers' payoffs)", shape=(self.n,))
        return u, w

    def core_violation(self, u, w=None) -> float:
        """Largest violation of the core conditions at ``(u, w)`` (0 inside the core).

        ``max( a_ij − u_i − w_j, −u_i, −w_j, |Σu + Σw − v(N)| )``; pass the buyers' and
        the sellers' payoffs, or one vector over all ``m + n`` agents.
        """
        u, w = self._uw(u, w)
        pair = float((self.surplus - u[:, None] - w[None, :]).max())
        sign = float(max(-u.min(), -w.min()))
        eff = abs(float(u.sum() + w.sum()) - self.value)
        return max(pair, sign, eff, 0.0)

    def in_core(self, u, w=None, rtol: float = 1e-9) -> bool:
        """Whether ``(u, w)`` is in the core, to ``rtol`` times the scale of the surplus.

        The core of the assignment game is ``{u_i + w_j >= a_ij, u, w >= 0,
        Σu + Σw = v(N)}`` (Shapley & Shubik 1971): the pairwise constraints imply every
        coalition's, so this check is exact and takes ``O(mn)``.

        References
        ----------
        Shapley & Shubik (1971).
        """
        u, w = self._uw(u, w)
        return self.core_violation(u, w) <= tolerance(self.surplus, u, w, rtol=rtol)

    # ------------------------------------------------------------------ LP route
    def core_lp(self, side: str | None = None) -> AssignmentCorePoint:
        """A core point read from the assignment LP written in cvxpy.

        ``side=None``: the duals ``(u, w)`` of the row and column constraints of the primal
        ``max Σ a_ij x_ij`` s.t. ``Σ_j x_ij <= 1``, ``Σ_i x_ij <= 1``, ``x >= 0``; they
        are an optimal dual solution, hence a core point, and the primal value is
        ``v(N)`` (COOP-5). ``side="buyers"`` (``"sellers"``): the buyer-optimal
        (seller-optimal) core point, from the dual program with ``Σu + Σw = v(N)`` and
        the objective ``max Σu`` (``max Σw``) — the lattice's top for that side is the
        unique maximiser of its total.

        References
        ----------
        Shapley & Shubik (1971).
        """
        import cvxpy as cp

        if side is not None and side not in SIDES:
            raise ValueError(f"side must be None or one of {SIDES}, got {side!r}")
        a, m, n = self.surplus, self.m, self.n
        scale = float(a.max()) or 1.0
        A = a / scale
        rows_i = np.repeat(np.arange(m), n)
        cols_j = np.tile(np.arange(n), m)
        import scipy.sparse as sps

        R = sps.csr_matrix((np.ones(m * n), (rows_i, np.arange(m * n))), shape=(m, m * n))
        C = sps.csr_matrix((np.ones(m * n), (cols_j, np.arange(m * n))), shape=(n, m * n))
        if side is None:
            x = cp.Variable(m * n, nonneg=True)
            row_c = R @ x <= 1
            col_c = C @ x <= 1
            prob = cp.Problem(cp.Maximize(A.ravel() @ x), [row_c, col_c])
            _solve(prob)
            u = np.maximum(np.asarray(row_c.dual_value, dtype=float), 0.0) * scale
            w = np.maximum(np.asarray(col_c.dual_value, dtype=float), 0.0) * scale
            method = "core point: duals of the assignment LP (cvxpy)"
        else:
            u_ = cp.Variable(m, nonneg=True)
            w_ = cp.Variable(n, nonneg=True)
            cons = [R.T @ u_ + C.T @ w_ >= A.ravel(),
                    cp.sum(u_) + cp.sum(w_) == self.value / scale]
            obj = cp.sum(u_) if side == "buyers" else cp.sum(w_)
            prob = cp.Problem(cp.Maximize(obj), cons)
            _solve(prob)
            u = np.maximum(np.asarray(u_.value, dtype=float), 0.0) * scale
            w = np.maximum(np.asarray(w_.value, dtype=float), 0.0) * scale
            method = (f"{'buyer' if side == 'buyers' else 'seller'}-optimal core point "
                      f"(dual assignment LP, cvxpy)")
        return self._point(u, w, method)

    # ------------------------------------------------------------------ fast path
    def _max_side_payoffs(self, a: np.ndarray, row_partner: np.ndarray) -> np.ndarray:
        """Largest core payoffs of the row side of ``a`` given an optimal assignment.

        Node 0 is "payoff zero" (it stands for every unmatched row agent too); node
        ``p = 1 … r`` is the ``p``-th matched row agent ``i_p`` with partner ``j_p``.
        Constraint ``x_q − x_p <= c`` is the edge ``p → q`` of weight ``c``; the largest
        feasible ``x`` is the vector of shortest-path distances from node 0.
        """
        matched = np.flatnonzero(row_partner >= 0)
        rows = matched
        cols = row_partner[matched]
        r = rows.size
        free_rows = np.flatnonzero(row_partner < 0)
        col_taken = np.zeros(a.shape[1], dtype=bool)
        col_taken[cols] = True
        free_cols = np.flatnonzero(~col_taken)
        own = a[rows, cols]                                   # a_{k_q j_q}
        W = np.empty((r + 1, r + 1))
        # buyer i_p, seller j_q of buyer k_q:  u_kq − u_ip <= a_{kq jq} − a_{ip jq}
        W[1:, 1:] = own[None, :] - a[np.ix_(rows, cols)]
        np.fill_diagonal(W[1:, 1:], 0.0)
        # u_i >= 0 and u_i >= a_ij for unmatched sellers j:  u_0 − u_ip <= −max(0, a_ij)
        best_free = a[np.ix_(rows, free_cols)].max(axis=1) if free_cols.size else np.zeros(r)
        W[1:, 0] = -np.maximum(best_free, 0.0)
        # w_jq >= 0 and unmatched buyers i (u_i = 0): u_kq <= a_{kq jq} − max(0, a_{i jq})
        best_free_row = (a[np.ix_(free_rows, cols)].max(axis=0) if free_rows.size
                         else np.zeros(r))
        W[0, 1:] = own - np.maximum(best_free_row, 0.0)
        W[0, 0] = 0.0
        d = W[0].copy()
        tol = tolerance(a)
        for _ in range(r + 2):
            new = np.minimum(d, (d[:, None] + W).min(axis=0))
            if np.all(d - new <= tol):
                d = new
                break
            d = new
        else:  # pragma: no cover - impossible for an optimal assignment
            raise LPError("the core's difference constraints have a negative cycle: the "
                          "assignment was not optimal (numerical trouble)")
        out = np.zeros(a.shape[0])
        out[rows] = np.maximum(d[1:] - d[0], 0.0)
        return out

    @functools.cache  # noqa: B019 - the game is immutable
    def buyer_optimal(self) -> AssignmentCorePoint:
        """The buyer-optimal core point (top of the core lattice for the buyers).

        Every buyer gets its largest core payoff, ``u_i = v(N) − v(N∖{i})`` (Leonard
        1983), and every seller its smallest, ``w_j = a_{μ(j) j} − u_{μ(j)}`` (0 if
        unmatched). Computed by shortest paths on the difference constraints of the core
        given the optimal matching (see the module docstring); ``O(r^3)`` at worst.

        References
        ----------
        Shapley & Shubik (1971).
        Demange (1982).
        Leonard (1983).
        """
        bp = self.matching().buyer_partner
        u = self._max_side_payoffs(self.surplus, bp)
        w = _partner_payoffs(self.surplus, bp, u, self.n)
        return self._point(u, w, "buyer-optimal core point (shortest paths)")

    @functools.cache  # noqa: B019 - the game is immutable
    def seller_optimal(self) -> AssignmentCorePoint:
        """The seller-optimal core point (top of the core lattice for the sellers).

        ``w_j = v(N) − v(N∖{j})``; buyers get their smallest core payoffs. Same shortest-path
        route as :meth:`buyer_optimal` on the transposed market.

        References
        ----------
        Shapley & Shubik (1971).
        Demange (1982).
        Leonard (1983).
        """
        sp_ = self.matching().seller_partner
        w = self._max_side_payoffs(self.surplus.T, sp_)
        u = _partner_payoffs(self.surplus.T, sp_, w, self.m)
        return self._point(u, w, "seller-optimal core point (shortest paths)")

    def core_extremes(self) -> tuple[AssignmentCorePoint, AssignmentCorePoint]:
        """``(buyer_optimal, seller_optimal)``: the two ends of the core lattice."""
        return self.buyer_optimal(), self.seller_optimal()

    # ------------------------------------------------------------------ lattice
    def join(self, p: AssignmentCorePoint, q: AssignmentCorePoint, side: str = "buyers"):
        """The lattice join of two core points for ``side``: ``(max u, min w)`` for the
        buyers, ``(min u, max w)`` for the sellers; again a core point (Shapley & Shubik
        1971, via the fixed optimal matching).

        References
        ----------
        Shapley & Shubik (1971).
        """
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, got {side!r}")
        if side == "buyers":
            u, w = np.maximum(p.buyers, q.buyers), np.minimum(p.sellers, q.sellers)
        else:
            u, w = np.minimum(p.buyers, q.buyers), np.maximum(p.sellers, q.sellers)
        return self._point(u, w, f"join for the {side} of two core points")

    def meet(self, p: AssignmentCorePoint, q: AssignmentCorePoint, side: str = "buyers"):
        """The lattice meet for ``side`` (the join for the other side).

        References
        ----------
        Shapley & Shubik (1971).
        """
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, got {side!r}")
        return self.join(p, q, "sellers" if side == "buyers" else "buyers")


# ============================================================================ helpers
def _max_matching(a: np.ndarray) -> float:
    if a.size == 0:
        return 0.0
    r, c = linear_sum_assignment(a, maximize=True)
    return float(a[r, c].sum())


def _partner_payoffs(a, row_partner, x, n_cols) -> np.ndarray:
    """Column side's payoffs ``a_{i μ(i)} − x_i`` on the matched pairs, 0 elsewhere."""
    out = np.zeros(n_cols)
    rows = np.flatnonzero(row_partner >= 0)
    cols = row_partner[rows]
    out[cols] = np.maximum(a[rows, cols] - x[rows], 0.0)
    return out


def _solve(prob) -> None:
    import cvxpy as cp

    solver = cp.HIGHS if "HIGHS" in cp.installed_solvers() else cp.CLARABEL
    try:
        prob.solve(solver=solver)
    except Exception as exc:  # cvxpy raises SolverError and friends
        raise LPError(f"cvxpy could not solve the assignment LP: {exc}") from exc
    if prob.status != "optimal":
        raise LPError(f"cvxpy returned status '{prob.status}' for the assignment LP")
