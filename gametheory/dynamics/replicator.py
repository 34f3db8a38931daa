"""Replicator dynamics for one population and for several interacting populations.

**One population** playing a symmetric game with payoff matrix ``A`` (``A[i, j]``: a
player of strategy ``i`` meeting one of strategy ``j``), shares ``x`` in the simplex:

    ẋ_i = x_i ((A x)_i − xᵀ A x)                                   (Taylor & Jonker 1978)

**Several populations**, one per player role of a :class:`NormalFormGame` (firms and
host-market incumbents; firms, their association and the government), each with its
own simplex of shares ``x_p``:

    ẋ_{p,a} = x_{p,a} (u_p(a, x_{−p}) − Σ_b x_{p,b} u_p(b, x_{−p}))      (Taylor 1979)

where ``u_p(a, x_{−p})`` is the expected payoff of strategy ``a`` against the other
populations' shares. The Jacobian is computed in closed form,

    ∂ẋ_{p,a}/∂x_{p,b} = δ_ab (u_{p,a} − ū_p) − x_{p,a} u_{p,b},
    ∂ẋ_{p,a}/∂x_{q,c} = x_{p,a} (∂u_{p,a}/∂x_{q,c} − Σ_b x_{p,b} ∂u_{p,b}/∂x_{q,c}),

and its eigenvalues are taken on the tangent space of the (product of) simplices, which
the dynamics leave invariant. Rest points are found support by support: a state is a rest
point iff within each population every strategy in use earns the same payoff. For one
population and for two populations these are linear systems (solved with numpy); for
three or more populations they are polynomial and are solved exactly with sympy.

Many initial conditions are integrated at once as one vectorised system
(:meth:`ReplicatorDynamics.trajectories`).

References
----------
Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics.
*Mathematical Biosciences* 40:145–156.
Taylor, P. D. (1979). Evolutionarily stable strategies with two types of player.
*Journal of Applied Probability* 16:76–83.
Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
Cambridge University Press, ch. 7 and 10.
Weibull, J. W. (1995). *Evolutionary Game Theory*. MIT Press, ch. 3 and 5.
Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games.
*Econometrica* 63:1371–1399.
"""

from __future__ import annotations

import itertools
import math
import string
from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin, SequenceResult
from .._tolerance import tolerance
from .._validation import finite_array, names_for, positive
from ._integrate import dopri5
from .stability import RestPoint, classify

#: Relative band (times the payoff scale) within which a real part of an eigenvalue is zero.
EIG_RTOL = 1e-8
#: Shares may miss the simplex by this much (unit-free) before a state is rejected.
SHARE_TOL = 1e-9
#: Largest number of support profiles searched for rest points.
MAX_SUPPORTS = 100_000


@dataclass(frozen=True)
class Trajectories(ResultMixin):
    """Solutions of a population dynamic from many initial states.

    Attributes
    ----------
    times : ndarray, shape (T,)
    states : ndarray, shape (B, T, dim)
        ``states[b, t]`` is the state of trajectory ``b`` at ``times[t]``.
    method : str

    References
    ----------
    Hairer, E., Nørsett, S. P. & Wanner, G. (1993). *Solving Ordinary Differential
    Equations I*, 2nd ed. Springer (the Dormand–Prince pair used by ``solve_ivp``).
    """

    times: np.ndarray
    states: np.ndarray
    method: str

    @property
    def final(self) -> np.ndarray:
        """The last state of each trajectory, shape (B, dim)."""
        return self.states[:, -1]


@dataclass(frozen=True)
class RestPointSet(SequenceResult):
    """Every isolated rest point of a replicator dynamic, with its linear stability.

    Attributes
    ----------
    points : tuple of :class:`RestPoint`
    degenerate : bool
        Some support carries a continuum of rest points (a segment, a face); those are not
        listed (the game is not generic).
    note : str

    References
    ----------
    Hofbauer & Sigmund (1998), ch. 7 and 10.
    """

    _items = "points"

    points: tuple
    degenerate: bool
    note: str = ""

    def sinks(self) -> list[RestPoint]:
        """The asymptotically stable rest points."""
        return [p for p in self.points if p.stability == "sink"]


def _simplex_basis(k: int) -> np.ndarray:
    """An orthonormal basis (k × (k−1)) of the vectors summing to zero."""
    if k == 1:
        return np.zeros((1, 0))
    q, _ = np.linalg.qr(np.vstack([np.ones(k), np.eye(k)[: k - 1]]).T)
    return q[:, 1:]


class ReplicatorDynamics:
    """Replicator dynamics of a :class:`NormalFormGame` (one population per player) or of one
    population playing a symmetric matrix game (:meth:`single_population`).

    Parameters
    ----------
    game : NormalFormGame
        Player ``p`` of the game is population ``p``; its actions are the population's
        strategies.

    Examples
    --------
    Matching pennies between two populations: the mixed rest point is a centre
    (eigenvalues ±i), the four pure profiles are saddles.

    >>> import gametheory as gt
    >>> pennies = gt.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> rd = gt.ReplicatorDynamics(pennies)
    >>> [p.stability for p in rd.rest_points()]
    ['saddle', 'saddle', 'saddle', 'saddle', 'non-hyperbolic']

    References
    ----------
    Taylor & Jonker (1978); Taylor (1979); Hofbauer & Sigmund (1998), ch. 7 and 10.
    """

    def __init__(self, game, population_names=None):
        from ..noncooperative.normal_form import NormalFormGame

        if not isinstance(game, NormalFormGame):
            raise TypeError(f"game must be a NormalFormGame (or use "
                            f"ReplicatorDynamics.single_population(A)), got {type(game).__name__}")
        self._single = False
        self.game = game
        self._U = np.asarray(game.payoffs, dtype=float)
        self.sizes = tuple(game.shape)
        self.populations = names_for(game.n, population_names or game.player_names,
                                     "population")
        self.strategies = tuple(tuple(a) for a in game.action_names)
        self._setup()

    @classmethod
    def single_population(cls, A, strategies=None) -> ReplicatorDynamics:
        """One population playing the symmetric game with payoff matrix ``A`` (k × k).

        References
        ----------
        Taylor & Jonker (1978).
        """
        A = finite_array(A, "A (payoff matrix)", ndim=2)
        if A.shape[0] != A.shape[1] or A.shape[0] < 1:
            raise ValueError(f"A (payoff matrix) must be square k × k, got shape {A.shape}")
        self = object.__new__(cls)
        self._single = True
        self.game = None
        self._A = np.array(A, dtype=float)
        self._A.setflags(write=False)
        self.sizes = (A.shape[0],)
        self.populations = ("population",)
        self.strategies = (names_for(A.shape[0], strategies, "strategy"),)
        self._setup()
        return self

    def _setup(self):
        self.n_populations = len(self.sizes)
        self.dim = int(sum(self.sizes))
        self._offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)
        blocks = [_simplex_basis(k) for k in self.sizes]
        V = np.zeros((self.dim, self.dim - self.n_populations))
        col = 0
        for p, B in enumerate(blocks):
            V[self._offsets[p]:self._offsets[p + 1], col:col + B.shape[1]] = B
            col += B.shape[1]
        self._basis = V
        data = self._A if self._single else self._U
        self.scale = float(np.abs(data).max()) if data.size else 0.0
        self._eig_tol = tolerance(data, rtol=EIG_RTOL)
        if not self._single:
            n = len(self.sizes)
            L = string.ascii_lowercase[:n]
            # payoffs of population p as a matrix: own strategy × profiles of the others
            self._pay_mat = [np.moveaxis(self._U[..., p], p, 0).reshape(self.sizes[p], -1).T
                             for p in range(n)]
            if all(k == 2 for k in self.sizes):
                self._gap = [m[:, 0] - m[:, 1] for m in self._pay_mat]
                self._gap_poly = [self._multilinear(p) for p in range(n)]
            self._cross_subs = {}
            for p in range(n):
                for q in range(n):
                    if q != p:
                        ins = [L] + ["Z" + L[r] for r in range(n) if r not in (p, q)]
                        z = "Z" if n > 2 else ""
                        self._cross_subs[p, q] = ",".join(ins) + "->" + z + L[p] + L[q]

    def __repr__(self):
        kind = "one population" if self._single else f"{self.n_populations} populations"
        return f"ReplicatorDynamics({kind}, strategies {self.sizes})"

    # ------------------------------------------------------------------ states
    def split(self, x) -> list[np.ndarray]:
        """The shares of each population, ``x[..., block p]``."""
        x = np.asarray(x, dtype=float)
        return [x[..., self._offsets[p]:self._offsets[p + 1]] for p in range(self.n_populations)]

    def check_state(self, x, name: str = "x0") -> np.ndarray:
        """Validate states: shape ``(..., dim)`` of probability vectors per population.

        When every population has two strategies, shape ``(..., populations)`` is read as
        the share of each population's *first* strategy.
        """
        x = finite_array(x, name)
        if x.ndim == 0:
            raise ValueError(f"{name} must be a state vector of length {self.dim}, got a scalar")
        binary = all(k == 2 for k in self.sizes)
        if binary and x.shape[-1] == self.n_populations and self.dim != self.n_populations:
            if np.any((x < -SHARE_TOL) | (x > 1 + SHARE_TOL)):
                bad = x[(x < -SHARE_TOL) | (x > 1 + SHARE_TOL)].flat[0]
                raise ValueError(f"{name} gives the share of each population's first strategy; "
                                 f"shares must lie in [0, 1], found {bad}")
            x = np.clip(x, 0.0, 1.0)
            x = np.stack([x, 1 - x], axis=-1).reshape(x.shape[:-1] + (self.dim,))
            return x
        if x.shape[-1] != self.dim:
            raise ValueError(f"{name} must have last axis of length {self.dim} (the shares of "
                             f"strategies {self.sizes} of each population"
                             + (f", or {self.n_populations} first-strategy shares"
                                if binary else "")
                             + f"), got shape {x.shape}")
        for p, xp in enumerate(self.split(x)):
            if np.any(xp < -SHARE_TOL) or np.any(np.abs(xp.sum(axis=-1) - 1) > SHARE_TOL):
                raise ValueError(f"{name}: the shares of population {self.populations[p]!r} "
                                 "must be a probability vector (entries >= 0 summing to 1), got "
                                 f"{np.round(xp.reshape(-1, xp.shape[-1])[0], 6).tolist()}…")
        return np.clip(x, 0.0, None)

    # ------------------------------------------------------------------ the vector field
    def _payoffs_T(self, Y: np.ndarray) -> list[np.ndarray]:
        """Expected payoffs with states as columns: ``Y`` has shape (dim, B)."""
        o = self._offsets
        if self._single:
            return [np.einsum("ij,jb->ib", self._A, Y)]
        out = []
        B = Y.shape[1]
        for p in range(self.n_populations):
            # the others' profile distribution (outer product of their shares), then one matmul
            w = np.ones((1, B))
            for q in range(self.n_populations):
                if q != p:
                    w = (w[:, None, :] * Y[o[q]:o[q + 1]][None, :, :]).reshape(-1, B)
            out.append(np.einsum("ja,jb->ab", self._pay_mat[p], w))  # no BLAS threads
        return out

    def _velocity_T(self, Y: np.ndarray) -> np.ndarray:
        o = self._offsets
        out = np.empty_like(Y)
        for p, U in enumerate(self._payoffs_T(Y)):
            Yp = Y[o[p]:o[p + 1]]
            out[o[p]:o[p + 1]] = Yp * (U - (Yp * U).sum(axis=0))
        return out

    def _binary_velocity(self, Z: np.ndarray) -> np.ndarray:
        """Two strategies per population, ``Z`` (populations, B) the first strategies' shares:
        ``ż_p = z_p (1 − z_p) (u_p(first) − u_p(second))``."""
        out = np.empty_like(Z)
        for p in range(self.n_populations):
            out[p] = Z[p] * (1.0 - Z[p]) * self._binary_gap(p, Z)
        return out

    def _multilinear(self, p: int) -> list:
        """The gap of population ``p`` (two strategies each) as a polynomial in the others'
        first-strategy shares: ``[(populations q, coefficient of Π z_q), ...]``, nonzero
        terms only. Each share enters the profile weights as ``z`` (first) or ``1 − z``
        (second): per axis, the constant term is the value at the second strategy and
        the slope the first minus the second."""
        others = [q for q in range(self.n_populations) if q != p]
        T = self._gap[p].reshape((2,) * len(others))
        for ax in range(len(others)):
            first, second = np.take(T, 0, axis=ax), np.take(T, 1, axis=ax)
            T = np.stack([second, first - second], axis=ax)
        return [(tuple(q for q, b in zip(others, idx) if b), float(T[idx]))
                for idx in itertools.product((0, 1), repeat=len(others)) if T[idx] != 0]

    def _binary_gap(self, p: int, Z: np.ndarray) -> np.ndarray:
        """``u_p(first) − u_p(second)`` at first-strategy shares ``Z`` (populations, B); row
        ``p`` of ``Z`` is not used (the gap is multilinear in the other rows)."""
        out = np.zeros(Z.shape[1])
        for qs, c in self._gap_poly[p]:
            if not qs:
                out += c
                continue
            term = c * Z[qs[0]]
            for q in qs[1:]:
                term *= Z[q]
            out += term
        return out

    def _certified(self, Z: np.ndarray, vertex: np.ndarray, t_left: float,
                   radius: float) -> np.ndarray:
        """Which first-strategy shares ``Z`` (populations, B) are certain to be within
        ``radius`` (max norm) of the pure profile ``vertex`` (0/1 first-strategy shares)
        after time ``t_left`` and ever after.

        The box between ``z`` and the vertex is a trap when every population's payoff gap
        points toward the vertex, by at least ``m_p > 0``, on the whole box: each share
        then moves monotonically toward the vertex (so the path stays in the box) with
        ``d/dt ln(d_p / (1 − d_p)) ≤ −m_p`` for its distance ``d_p``. The gap of ``p`` is
        multilinear in the others' shares, so its minimum over the box is at a corner.
        """
        sign = np.where(vertex > 0.5, 1.0, -1.0)
        d = np.abs(Z - vertex[:, None])
        ok = np.ones(Z.shape[1], dtype=bool)
        others = range(self.n_populations - 1)
        for p in range(self.n_populations):
            qs = [q for q in range(self.n_populations) if q != p]
            rate = np.full(Z.shape[1], np.inf)
            for corner in itertools.product((False, True), repeat=len(qs)):
                C = Z.copy()
                for i in others:
                    if corner[i]:
                        C[qs[i]] = vertex[qs[i]]
                rate = np.minimum(rate, sign[p] * self._binary_gap(p, C))
            ok &= rate > self._eig_tol
            with np.errstate(divide="ignore", invalid="ignore"):
                # time after which d_p < radius at the slowest admissible rate
                t_need = (np.log(d[p] / (1.0 - d[p]))
                          - math.log(radius / (1.0 - radius))) / rate
            ok &= (d[p] < radius) | (t_need < t_left)
        return ok

    def payoffs(self, x) -> list[np.ndarray]:
        """Expected payoff of every strategy of every population at states ``x`` (batch)."""
        x = np.asarray(x, dtype=float)
        batch = x.shape[:-1]
        Y = x.reshape(-1, self.dim).T
        return [U.T.reshape(batch + (U.shape[0],)) for U in self._payoffs_T(Y)]

    def velocity(self, x) -> np.ndarray:
        """``ẋ`` at states ``x`` (shape ``(..., dim)``), vectorised over the leading axes."""
        x = np.asarray(x, dtype=float)
        Y = np.ascontiguousarray(x.reshape(-1, self.dim).T)
        return self._velocity_T(Y).T.reshape(x.shape)

    def jacobian(self, x) -> np.ndarray:
        """The Jacobian ``∂ẋ/∂x`` in closed form, shape ``(..., dim, dim)``."""
        x = np.asarray(x, dtype=float)
        batch = x.shape[:-1]
        flat = x.reshape(-1, self.dim)
        B = flat.shape[0]
        J = np.zeros((B, self.dim, self.dim))
        parts = self.split(flat)
        pays = self.payoffs(flat)
        o = self._offsets
        for p in range(self.n_populations):
            xp, up = parts[p], pays[p]
            mean = (xp * up).sum(axis=-1, keepdims=True)
            blk = -xp[:, :, None] * up[:, None, :]
            idx = np.arange(self.sizes[p])
            blk[:, idx, idx] += up - mean
            if self._single:
                # own shares also enter the payoffs: + x_a (A_ab − (xᵀA)_b)
                A = self._A
                blk += xp[:, :, None] * (A[None] - (xp @ A)[:, None, :])
            J[:, o[p]:o[p + 1], o[p]:o[p + 1]] = blk
            if self._single:
                continue
            for q in range(self.n_populations):
                if q == p:
                    continue
                others = [parts[r] for r in range(self.n_populations) if r not in (p, q)]
                M = np.einsum(self._cross_subs[p, q], self._U[..., p], *others)
                if M.ndim == 2:
                    M = np.broadcast_to(M, (B,) + M.shape)
                M = M - np.einsum("zb,zbc->zc", xp, M)[:, None, :]
                J[:, o[p]:o[p + 1], o[q]:o[q + 1]] = xp[:, :, None] * M
        return J.reshape(batch + (self.dim, self.dim))

    def eigenvalues(self, x) -> np.ndarray:
        """Eigenvalues of the Jacobian on the tangent space of the state space at ``x``."""
        J = self.jacobian(x)
        V = self._basis
        return np.linalg.eigvals(V.T @ J @ V)

    def rest_point(self, x, label: str = "") -> RestPoint:
        """Classify the state ``x`` (which must be a rest point) by its eigenvalues."""
        x = self.check_state(x, "x")
        if x.ndim != 1:
            raise ValueError(f"x must be one state of length {self.dim}, got shape {x.shape}")
        v = self.velocity(x)
        if np.abs(v).max() > tolerance(self._A if self._single else self._U, rtol=1e-7):
            raise ValueError(f"x is not a rest point: |ẋ| = {np.abs(v).max():.3g}")
        ev = self.eigenvalues(x)
        support = tuple(tuple(int(a) for a in np.flatnonzero(xp > SHARE_TOL))
                        for xp in self.split(x))
        return RestPoint(x, ev, classify(ev, self._eig_tol), support,
                         label or self._label(x, support))

    def _label(self, x, support) -> str:
        parts = []
        for p, (xp, sp_) in enumerate(zip(self.split(x), support)):
            if len(sp_) == 1:
                parts.append(self.strategies[p][sp_[0]])
            else:
                parts.append("(" + ", ".join(f"{self.strategies[p][a]} {xp[a]:.3g}"
                                             for a in sp_) + ")")
        return " | ".join(parts)

    # ------------------------------------------------------------------ rest points
    def rest_points(self) -> RestPointSet:
        """Every isolated rest point, support by support, with eigenvalues and stability.

        Within the support of each population all strategies in use must earn the same
        payoff (strategies outside the support are at share 0 and are not required to
        earn less: rest points need not be Nash equilibria). Supports carrying a continuum
        of rest points are flagged (``degenerate``) and skipped.

        References
        ----------
        Hofbauer & Sigmund (1998), ch. 7 and 10.
        """
        subsets = [[S for r in range(1, k + 1) for S in itertools.combinations(range(k), r)]
                   for k in self.sizes]
        total = math.prod(len(s) for s in subsets)
        if total > MAX_SUPPORTS:
            raise ValueError(f"{total:,} support profiles to search; at most {MAX_SUPPORTS:,}")
        if self._single:
            found, degenerate = self._rest_single(subsets[0])
        elif all(k == 2 for k in self.sizes) and self.n_populations <= 3:
            found, degenerate = self._rest_binary()
        elif self.n_populations == 2:
            found, degenerate = self._rest_two(subsets)
        else:
            found, degenerate = self._rest_poly(subsets)
        points = []
        for x in found:
            support = tuple(tuple(int(a) for a in np.flatnonzero(xp > SHARE_TOL))
                            for xp in self.split(x))
            ev = self.eigenvalues(x)
            points.append(RestPoint(x, ev, classify(ev, self._eig_tol), support,
                                    self._label(x, support)))
        note = ("some supports carry a continuum of rest points (a non-generic game); "
                "they are not listed") if degenerate else ""
        return RestPointSet(tuple(points), degenerate, note)

    def _consistent(self, M, rhs):
        """Least-squares solution of M z = rhs and whether it solves the system (relative)."""
        z, *_ = np.linalg.lstsq(M, rhs, rcond=None)
        res = np.abs(M @ z - rhs).max() if rhs.size else 0.0
        return z, res <= 1e-9 * max(1.0, np.abs(M).max(), np.abs(rhs).max())

    @staticmethod
    def _indifference(P, S, T):
        """``(M, rhs)`` of ``P[S, T] y = v·1, Σ y = 1``: shares ``y`` on the strategies ``T``
        of the other side that make every strategy in ``S`` earn the same ``v``."""
        s, t = len(S), len(T)
        M = np.zeros((s + 1, t + 1))
        M[:s, :t] = P[np.ix_(S, T)]
        M[:s, t] = -1.0
        M[s, :t] = 1.0
        rhs = np.zeros(s + 1)
        rhs[s] = 1.0
        return M, rhs

    def _rest_single(self, subsets):
        k = self.sizes[0]
        A = self._A / (self.scale or 1.0)
        found, degenerate = [], False
        for S in subsets:
            s = len(S)
            M, rhs = self._indifference(A, S, S)
            if np.linalg.matrix_rank(M) < s + 1:
                _, ok = self._consistent(M, rhs)
                degenerate |= bool(ok)
                continue
            z = np.linalg.solve(M, rhs)
            if np.all(z[:s] > SHARE_TOL):
                x = np.zeros(k)
                x[list(S)] = z[:s]
                found.append(x / x.sum())
        return found, degenerate

    def _rest_two(self, subsets):
        """Two populations: pop 0's indifference fixes pop 1's shares and vice versa (linear)."""
        A = self._U[..., 0] / (self.scale or 1.0)
        Bt = self._U[..., 1].T / (self.scale or 1.0)

        def side(P, S, T):
            s, t = len(S), len(T)
            M, rhs = self._indifference(P, S, T)
            if s == t and np.linalg.matrix_rank(M) == t + 1:
                return np.linalg.solve(M, rhs)[:t], "unique"
            z, ok = self._consistent(M, rhs)
            if not ok:
                return None, "none"
            return z[:t], ("continuum" if np.linalg.matrix_rank(M) < t + 1 else "unique")

        found, degenerate = [], False
        for S0 in subsets[0]:
            for S1 in subsets[1]:
                y, ky = side(A, S0, S1)
                x, kx = side(Bt, S1, S0)
                if ky == "none" or kx == "none":
                    continue
                if "continuum" in (kx, ky):
                    degenerate = True
                    continue
                if np.all(x > SHARE_TOL) and np.all(y > SHARE_TOL):
                    state = np.zeros(self.dim)
                    state[list(S0)] = x / x.sum()
                    state[self.sizes[0] + np.array(S1)] = y / y.sum()
                    found.append(state)
        return found, degenerate

    def _gap_at(self, z) -> np.ndarray:
        """Payoff gaps u_p(first) − u_p(second) of every population at first-strategy shares z."""
        x = np.stack([z, 1.0 - z], axis=-1).reshape(-1)
        return np.array([u[0] - u[1] for u in self.payoffs(x)])

    def _rest_binary(self):
        """Two strategies per population (up to three populations): faces by elimination.

        A population's payoff gap does not depend on its own share, so on a face where the
        populations in S mix and the others sit at a vertex, the rest points solve |S|
        multilinear equations, each free of its own variable: none is needed for |S| = 0,
        a constant must vanish for |S| = 1 (otherwise no rest point; if it does, a segment),
        two linear equations for |S| = 2 and, for |S| = 3, a quadratic after eliminating
        two variables.
        """
        P = self.n_populations
        tol = tolerance(self._U, rtol=1e-9)
        found, degenerate = [], False
        for S in itertools.chain.from_iterable(itertools.combinations(range(P), r)
                                               for r in range(P + 1)):
            rest = [q for q in range(P) if q not in S]
            for corner in itertools.product((1.0, 0.0), repeat=len(rest)):
                base = np.zeros(P)
                base[rest] = corner

                def gap(p, values, base=base, S=S):  # p's gap, mixing populations at values
                    z = base.copy()
                    z[list(S)] = values
                    return self._gap_at(z)[p]

                sols = []
                if len(S) == 0:
                    sols = [base.copy()]
                elif len(S) == 1:
                    if abs(gap(S[0], [0.5])) <= tol:
                        degenerate = True
                elif len(S) == 2:
                    p, q = S
                    # gap_p = α_p + β_p z_q (z_p free), gap_q = α_q + β_q z_p
                    ap, bp = gap(p, [0.0, 0.0]), gap(p, [0.0, 1.0]) - gap(p, [0.0, 0.0])
                    aq, bq = gap(q, [0.0, 0.0]), gap(q, [1.0, 0.0]) - gap(q, [0.0, 0.0])
                    if abs(bp) <= tol or abs(bq) <= tol:
                        degenerate |= (abs(bp) <= tol and abs(ap) <= tol) or \
                                      (abs(bq) <= tol and abs(aq) <= tol)
                    else:
                        z = base.copy()
                        z[p], z[q] = -aq / bq, -ap / bp
                        sols = [z]
                else:
                    sols, deg = self._interior_three(S, gap, base, tol)
                    degenerate |= deg
                for z in sols:
                    inside = (z > SHARE_TOL) & (z < 1 - SHARE_TOL)
                    if np.all(inside | np.isin(np.arange(P), rest)):
                        found.append(np.stack([z, 1.0 - z], axis=-1).reshape(-1))
        return found, degenerate

    @staticmethod
    def _interior_three(S, gap, base, tol):
        """Rest points with three mixing populations: eliminate two shares, solve a quadratic."""
        p, q, r = S

        def coeffs(who, i, j):  # gap_who = a + b v_i + c v_j + d v_i v_j over the two others
            def g(vi, vj):
                vals = [0.0, 0.0, 0.0]
                vals[i], vals[j] = vi, vj
                return gap(who, vals)
            g00, g10, g01, g11 = g(0, 0), g(1, 0), g(0, 1), g(1, 1)
            return g00, g10 - g00, g01 - g00, g11 - g10 - g01 + g00

        a1, b1, c1, d1 = coeffs(p, 1, 2)  # gap_p(y, z)
        a2, b2, c2, d2 = coeffs(q, 0, 2)  # gap_q(x, z)
        a3, b3, c3, d3 = coeffs(r, 0, 1)  # gap_r(x, y)
        P = np.polynomial.Polynomial
        Ny, Dy = P([-a1, -c1]), P([b1, d1])
        Nx, Dx = P([-a2, -c2]), P([b2, d2])
        quad = a3 * Dx * Dy + b3 * Nx * Dy + c3 * Ny * Dx + d3 * Nx * Ny
        scale = max(tol, np.abs([a3, b3, c3, d3]).max()) * max(
            tol, np.abs([a1, b1, c1, d1, a2, b2, c2, d2]).max()) ** 2
        coef = np.where(np.abs(quad.coef) <= 1e-9 * scale, 0.0, quad.coef)
        if not np.any(coef):
            return [], True
        out, degenerate = [], False
        for root in P(coef).roots() if np.any(coef[1:]) else []:
            if abs(root.imag) > 1e-9:
                continue
            zr = float(root.real)
            if not 0 < zr < 1:
                continue
            dy, dx = Dy(zr), Dx(zr)
            if abs(dx) <= tol or abs(dy) <= tol:
                degenerate = True
                continue
            z = base.copy()
            z[p], z[q], z[r] = Nx(zr) / dx, Ny(zr) / dy, zr
            out.append(z)
        return out, degenerate

    def _rest_poly(self, subsets):
        """Three or more populations: the indifference conditions are polynomial; solved
        exactly (sympy, the float payoffs read as exact binary rationals)."""
        import sympy as sp

        n = self.n_populations
        U = self._U / (self.scale or 1.0)
        found, degenerate = [], False
        for S in itertools.product(*subsets):
            unknowns, shares = [], []
            for p, Sp in enumerate(S):
                syms = [sp.Symbol(f"x_{p}_{a}") for a in Sp[1:]]
                unknowns += syms
                v = [sp.Integer(0)] * self.sizes[p]
                for a, s in zip(Sp[1:], syms):
                    v[a] = s
                v[Sp[0]] = sp.Integer(1) - sum(syms, sp.Integer(0))
                shares.append(v)
            eqs = []
            for p, Sp in enumerate(S):
                if len(Sp) < 2:
                    continue
                pay = []
                for a in Sp:
                    total = sp.Integer(0)
                    for prof in itertools.product(*[S[q] if q != p else (a,) for q in range(n)]):
                        w = sp.Rational(float(U[prof + (p,)]))
                        if w == 0:
                            continue
                        term = w
                        for q in range(n):
                            if q != p:
                                term *= shares[q][prof[q]]
                        total += term
                    pay.append(sp.expand(total))
                eqs += [pay[i] - pay[0] for i in range(1, len(pay))]
            if not unknowns:
                sols = [{}]
            else:
                eqs = [e for e in eqs if e != 0]
                if len(eqs) < len(unknowns):
                    degenerate = True
                    continue
                sols = sp.solve(eqs, unknowns, dict=True)
            for sol in sols:
                if len(sol) < len(unknowns) or any(
                        getattr(val, "free_symbols", set()) for val in sol.values()):
                    degenerate = True
                    continue
                state = np.zeros(self.dim)
                ok = True
                for p, Sp in enumerate(S):
                    for a in Sp:
                        val = complex(sp.N(shares[p][a].subs(sol), 30))
                        if abs(val.imag) > 1e-12 or val.real <= SHARE_TOL:
                            ok = False
                        state[self._offsets[p] + a] = val.real
                if ok:
                    found.append(state)
        return found, degenerate

    # ------------------------------------------------------------------ integration
    def trajectories(self, x0, t_max: float, n_points: int = 201, *, rtol: float = 1e-7,
                     atol: float = 1e-10) -> Trajectories:
        """Integrate from many initial states at once (one vectorised ODE system).

        Parameters
        ----------
        x0 : array, shape (dim,) or (B, dim)
            Initial states (probability vectors per population); with two strategies per
            population, shape (B, populations) gives first-strategy shares.
        t_max : float > 0
            Length of time. Payoffs set the speed: multiplying every payoff by ``λ`` runs
            the same paths ``λ`` times faster.
        n_points : int
            Number of output times (evenly spaced on ``[0, t_max]``).

        The Dormand–Prince 5(4) pair with one step size for all trajectories, each of which
        meets the tolerance (:func:`gametheory.dynamics._integrate.dopri5`); shares are
        clipped at 0 and renormalised at the output times (round-off only).

        References
        ----------
        Hairer, Nørsett & Wanner (1993), sect. II.5.
        """
        x0 = self.check_state(x0)
        single = x0.ndim == 1
        X0 = np.atleast_2d(x0).reshape(-1, self.dim)
        t_max = positive(t_max, "t_max")
        n_points = int(n_points)
        if n_points < 2:
            raise ValueError(f"n_points must be >= 2, got {n_points}")
        B = X0.shape[0]
        times = np.linspace(0.0, t_max, n_points)
        if not self._single and all(k == 2 for k in self.sizes):
            # two strategies each: integrate the first strategies' shares only
            Z, _ = dopri5(self._binary_velocity, np.ascontiguousarray(X0[:, ::2].T), times,
                          rtol, atol)
            states = np.stack([Z, 1.0 - Z], axis=2).reshape(n_points, self.dim, B)
            states = states.transpose(2, 0, 1)
        else:
            Y, _ = dopri5(self._velocity_T, np.ascontiguousarray(X0.T), times, rtol, atol)
            states = Y.transpose(2, 0, 1)  # (B, T, dim)
        states = np.clip(states, 0.0, None)
        for p in range(self.n_populations):
            blk = states[..., self._offsets[p]:self._offsets[p + 1]]
            blk /= blk.sum(axis=-1, keepdims=True)
        if single:
            states = states[:1]
        return Trajectories(times, states, "replicator dynamics, Dormand–Prince 5(4), "
                                           f"{B} trajectories in one system")

    def limits(self, x0, horizon: float = 200.0, points: RestPointSet | None = None,
               radius: float = 1e-3) -> np.ndarray:
        """Index (into ``points``, default :meth:`rest_points`) of the sink each initial state
        approaches, or −1 when it is not within ``radius`` of a sink at the end.

        ``horizon`` is measured in units of ``1 / scale`` (the largest payoff), so that the
        answer does not depend on the unit of money.

        References
        ----------
        Hofbauer & Sigmund (1998), ch. 7.
        """
        points = self.rest_points() if points is None else points
        horizon = positive(horizon, "horizon")
        t_max = horizon / (self.scale or 1.0)
        if not self._single and all(k == 2 for k in self.sizes) and 0 < radius < 0.5:
            return self._binary_limits(x0, t_max, points, radius)
        final = self.trajectories(x0, t_max, n_points=2).final
        out = np.full(final.shape[0], -1, dtype=np.int64)
        for i, pt in enumerate(points):
            if pt.stability != "sink":
                continue
            d = np.abs(final - pt.state).max(axis=-1)
            out[d < radius] = i
        return out

    def _binary_limits(self, x0, t_max: float, points: RestPointSet,
                       radius: float) -> np.ndarray:
        """:meth:`limits` with two strategies per population: paths are integrated to a
        series of check times, and a path stops as soon as it is certain to be within
        ``radius`` of a pure sink at ``t_max`` (:meth:`_certified`); the others run to
        ``t_max`` and are classified by their end state."""
        X0 = self.check_state(x0)
        X0 = np.atleast_2d(X0).reshape(-1, self.dim)[: 1 if X0.ndim == 1 else None]
        out = np.full(X0.shape[0], -1, dtype=np.int64)
        sinks = [(i, pt.state[::2]) for i, pt in enumerate(points)
                 if pt.stability == "sink" and pt.is_pure]
        times = t_max * np.concatenate([[0.0], 2.0 ** -np.arange(12.0, -1.0, -1.0)])

        def retire(k, Z, cols):
            done = np.zeros(Z.shape[1], dtype=bool)
            for i, v in sinks:
                hit = ~done & self._certified(Z, v, t_max - times[k], radius)
                out[cols[hit]] = i
                done |= hit
            return done

        Z, _ = dopri5(self._binary_velocity, np.ascontiguousarray(X0[:, ::2].T), times,
                      retire=retire)
        final = np.clip(Z[-1].T, 0.0, 1.0)  # (B, populations)
        open_ = out < 0
        for i, pt in enumerate(points):
            if pt.stability != "sink":
                continue
            d = np.abs(final - pt.state[::2]).max(axis=-1)
            out[open_ & (d < radius)] = i
        return out
