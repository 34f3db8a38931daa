"""Noisy best responses: logit dynamics, logit (quantal response) equilibria, log-linear learning.

**Logit dynamics.** Each population revises towards the logit (smoothed) best response,

    ẋ_p = σ_p(x) − x_p,     σ_{p,a}(x) = exp(u_p(a, x_{−p})/η) / Σ_b exp(u_p(b, x_{−p})/η),

with noise ``η > 0`` in units of money (payoffs × λ and η × λ give the same dynamics).
Its rest points are the logit quantal response equilibria (McKelvey & Palfrey 1995); as
``η → 0`` they approach Nash equilibria. :meth:`LogitDynamics.equilibrium` integrates to a
rest point and polishes it with Newton's method.

**Entry games.** In a symmetric entry game every firm entering with probability ``p``
faces ``G(p) = Σ_k C(n−1, k) p^k (1−p)^{n−1−k} π(k+1)``; the symmetric logit equilibria
solve ``p = 1 / (1 + exp(−G(p)/η))`` (:func:`symmetric_entry_logit`), for any ``n``.

**Log-linear learning** (Blume 1993): each period one player, chosen at random, revises
with logit probabilities against the others' current pure strategies. The stationary
distribution over pure profiles is computed exactly from the Markov chain
(:func:`log_linear_stationary`); in an exact potential game it is the Gibbs distribution
``∝ exp(Φ/η)`` (:func:`gibbs_distribution`), which concentrates on the maximisers of the
potential as ``η → 0`` — the stochastically stable equilibria.

References
----------
McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form
games. *Games and Economic Behavior* 10:6–38.
Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*. MIT Press, ch. 4.
Hofbauer, J. & Sandholm, W. H. (2002). On the global convergence of stochastic fictitious
play. *Econometrica* 70:2265–2294.
Blume, L. E. (1993). The statistical mechanics of strategic interaction. *Games and
Economic Behavior* 5:387–424.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._validation import positive
from ._integrate import dopri5
from .fictitious_play import _normal_form
from .replicator import ReplicatorDynamics, Trajectories

#: Largest number of pure profiles for the exact log-linear learning chain.
MAX_PROFILES = 50_000


def _softmax(v: np.ndarray, axis: int = 0) -> np.ndarray:
    v = v - v.max(axis=axis, keepdims=True)
    e = np.exp(v)
    return e / e.sum(axis=axis, keepdims=True)


@dataclass(frozen=True)
class LogitEquilibrium(ResultMixin):
    """A logit quantal response equilibrium (a rest point of the logit dynamics).

    Attributes
    ----------
    strategies : tuple of ndarray
        Each player's mixed strategy.
    eta : float
        The noise (payoff units); ``1/η`` is Gambit's and McKelvey–Palfrey's ``λ``.
    residual : float
        ``max |σ(x) − x|`` at the point.
    method : str

    References
    ----------
    McKelvey & Palfrey (1995).
    """

    strategies: tuple
    eta: float
    residual: float
    method: str = "logit dynamics to rest, Newton polish"


class LogitDynamics:
    """Logit dynamics ``ẋ_p = σ_p(x) − x_p`` of a :class:`NormalFormGame` (or small
    :class:`EntryGame`) with noise ``eta``.

    References
    ----------
    Fudenberg & Levine (1998), ch. 4; Hofbauer & Sandholm (2002).
    """

    def __init__(self, game, eta: float):
        self.game = _normal_form(game)
        self.eta = positive(eta, "eta (noise)")
        self._rd = ReplicatorDynamics(self.game)
        self.dim = self._rd.dim

    def logit_response(self, x) -> np.ndarray:
        """``σ(x)``: the logit best response of every population, shape of ``x``."""
        x = np.asarray(x, dtype=float)
        Y = np.ascontiguousarray(x.reshape(-1, self.dim).T)
        return self._response_T(Y).T.reshape(x.shape)

    def _response_T(self, Y):
        o = self._rd._offsets
        out = np.empty_like(Y)
        for p, U in enumerate(self._rd._payoffs_T(Y)):
            out[o[p]:o[p + 1]] = _softmax(U / self.eta, axis=0)
        return out

    def velocity(self, x) -> np.ndarray:
        """``σ(x) − x``."""
        return self.logit_response(x) - np.asarray(x, dtype=float)

    def trajectories(self, x0, t_max: float = 20.0, n_points: int = 201) -> Trajectories:
        """Integrate from many initial states at once (Dormand–Prince 5(4)); time in units of
        the revision rate.

        References
        ----------
        Hofbauer & Sandholm (2002).
        """
        x0 = self._rd.check_state(x0)
        single = x0.ndim == 1
        X0 = np.atleast_2d(x0).reshape(-1, self.dim)
        t_max = positive(t_max, "t_max")
        times = np.linspace(0.0, t_max, max(int(n_points), 2))
        Y, _ = dopri5(lambda Y: self._response_T(Y) - Y, np.ascontiguousarray(X0.T), times)
        states = Y.transpose(2, 0, 1)
        if single:
            states = states[:1]
        return Trajectories(times, states, f"logit dynamics (η = {self.eta:g}), "
                                           "Dormand–Prince 5(4)")

    def equilibrium(self, x0=None, t_max: float = 50.0) -> LogitEquilibrium:
        """A logit equilibrium: integrate from ``x0`` (default: uniform mixing) and polish
        ``σ(x) = x`` with Newton's method (``scipy.optimize.root``). Several logit
        equilibria may exist when ``η`` is small; different starts may find different ones.

        References
        ----------
        McKelvey & Palfrey (1995).
        """
        from scipy.optimize import root

        if x0 is None:
            x0 = np.concatenate([np.full(k, 1.0 / k) for k in self._rd.sizes])
        x = self.trajectories(x0, t_max, n_points=2).final[0]
        res = float(np.abs(self.logit_response(x) - x).max())
        for method in ("hybr", "lm"):
            sol = root(lambda z: self.logit_response(z) - z, x, method=method, tol=1e-15)
            if np.all(np.isfinite(sol.x)) and np.all(sol.x >= 0):
                r = float(np.abs(self.logit_response(sol.x) - sol.x).max())
                if r < res:
                    x, res = sol.x, r
            if res < 1e-13:
                break
        parts = tuple(np.array(p) for p in self._rd.split(x))
        return LogitEquilibrium(parts, self.eta, res)


def symmetric_entry_logit(game, eta: float) -> list[float]:
    """Every symmetric logit equilibrium ``p`` of a symmetric :class:`EntryGame`.

    Roots of ``h(p) = p − 1/(1 + exp(−G(p)/η))`` on ``[0, 1]`` (``h(0) < 0 < h(1)``, so
    there is at least one), found on a fine grid of sign changes and polished by
    bisection (``brentq``).

    References
    ----------
    McKelvey & Palfrey (1995).
    """
    from scipy.optimize import brentq
    from scipy.special import expit

    eta = positive(eta, "eta (noise)")
    if not getattr(game, "is_symmetric", False):
        raise ValueError("game must be a symmetric EntryGame (the same count payoffs for "
                         "every firm)")
    pi = game.count_payoffs[0]
    n = game.n
    k = np.arange(n)
    logc = np.array([math.lgamma(n) - math.lgamma(j + 1) - math.lgamma(n - j) for j in k])

    def G(p):
        p = np.clip(np.asarray(p, dtype=float), 1e-300, 1 - 1e-16)
        w = np.exp(logc + k * np.log(p)[..., None] + (n - 1 - k) * np.log1p(-p)[..., None])
        return (w * pi).sum(axis=-1)

    def h(p):
        return p - expit(G(p) / eta)

    grid = np.linspace(0.0, 1.0, 2001)
    vals = h(grid)
    out = []
    for a, b, fa, fb in zip(grid[:-1], grid[1:], vals[:-1], vals[1:]):
        if fa == 0:
            out.append(float(a))
        elif fa * fb < 0:
            out.append(float(brentq(h, a, b, xtol=1e-15)))
    return out


def gibbs_distribution(potential, eta: float) -> np.ndarray:
    """``exp(Φ/η) / Σ exp(Φ/η)`` over pure profiles (the array shape of ``potential``).

    References
    ----------
    Blume (1993).
    """
    eta = positive(eta, "eta (noise)")
    phi = np.asarray(potential, dtype=float)
    w = np.exp((phi - phi.max()) / eta)
    return w / w.sum()


def _gth(P: np.ndarray) -> np.ndarray:
    """Stationary distribution of an irreducible stochastic matrix by state reduction
    (Grassmann, Taksar & Heyman 1985): no subtractions, so accurate even when some
    transition probabilities are astronomically small."""
    P = np.array(P, dtype=float)
    S = P.shape[0]
    for k in range(S - 1, 0, -1):
        out = P[k, :k].sum()
        if out <= 0:
            raise ValueError("the chain is reducible at this noise level (a state cannot be "
                             "left); use a larger eta")
        P[:k, k] /= out
        P[:k, :k] += np.outer(P[:k, k], P[k, :k])
    pi = np.zeros(S)
    pi[0] = 1.0
    for k in range(1, S):
        pi[k] = pi[:k] @ P[:k, k]
    return pi / pi.sum()


def log_linear_stationary(game, eta: float) -> np.ndarray:
    """Exact stationary distribution of log-linear learning over pure profiles.

    Builds the transition matrix (one random player revises with logit probabilities
    ``∝ exp(u/η)`` against the others' current actions) and solves ``π P = π``,
    ``Σ π = 1``: by state reduction (Grassmann, Taksar & Heyman 1985), which stays
    accurate at small noise, up to 2,000 profiles; by sparse LU beyond. Returns an array
    of the game's shape.

    References
    ----------
    Blume, L. E. (1993). The statistical mechanics of strategic interaction. *Games and
    Economic Behavior* 5:387–424.
    Grassmann, W. K., Taksar, M. I. & Heyman, D. P. (1985). Regenerative analysis and
    steady state distributions for Markov chains. *Operations Research* 33:1107–1116.
    """
    from scipy.sparse import csr_matrix, identity
    from scipy.sparse.linalg import spsolve

    game = _normal_form(game)
    eta = positive(eta, "eta (noise)")
    shape, n = game.shape, game.n
    S = int(np.prod(shape))
    if S > MAX_PROFILES:
        raise ValueError(f"log-linear learning over {S:,} profiles; at most {MAX_PROFILES:,}")
    U = game.payoffs
    idx = np.arange(S).reshape(shape)
    rows, cols, vals = [], [], []
    for p in range(n):
        choice = _softmax(U[..., p] / eta, axis=p)  # prob of each own action given others
        # from profile s, move to s with p's action replaced by a
        for a in range(shape[p]):
            target = np.take(idx, [a], axis=p)
            target = np.broadcast_to(target, shape)
            prob = np.take(choice, [a], axis=p)
            prob = np.broadcast_to(prob, shape)
            rows.append(idx.ravel())
            cols.append(target.ravel())
            vals.append(prob.ravel() / n)
    P = csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                   shape=(S, S))
    if S <= 2000:
        return _gth(P.toarray()).reshape(shape)
    M = (P.T - identity(S, format="csr")).tolil()
    M[0, :] = np.ones(S)
    rhs = np.zeros(S)
    rhs[0] = 1.0
    pi = spsolve(M.tocsc(), rhs)
    if not np.all(np.isfinite(pi)):
        raise ValueError(f"eta = {eta:g} is too small for the {S:,}-profile chain to be solved "
                         "accurately; use a larger eta (or gibbs_distribution for a potential "
                         "game)")
    pi = np.clip(pi, 0.0, None)
    return (pi / pi.sum()).reshape(shape)
