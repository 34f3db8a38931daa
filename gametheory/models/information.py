"""M5: information sharing among cluster firms, and public information from an association.

Duopoly with linear differentiated demand (Vives 1984)

    p_i = α − q_i − γ q_j,        γ ∈ (−1, 1)  (γ > 0 substitutes, γ < 0 complements),

direct demand ``q_i = (α(1 − γ) − p_i + γ p_j)/(1 − γ²)``, constant marginal costs,
Cournot (quantities) or Bertrand (prices). Two kinds of Gaussian uncertainty:

* ``uncertainty="common"``: the demand intercept ``α ~ N(a, σ²)`` is common; firm ``i``
  observes ``s_i = α + ε_i``, ``ε_i ~ N(0, σ_ε²)`` i.i.d.; costs are ``c``.
* ``uncertainty="private"``: each firm's cost ``c_i ~ N(c, σ²)`` (independent) is its
  private value; firm ``i`` observes ``s_i = c_i + ε_i``; the intercept is ``a``.

Each firm first commits to share its signal with its rival or not (four
configurations); then the linear Bayesian–Nash equilibrium is played. With firm ``i``'s
information ``y_i`` its action ``x_i`` (``q_i`` or ``p_i``) satisfies the first-order
condition

    x_i = ( E[T_i | y_i] + δ E[x_j | y_i] ) / 2,

with ``T_i = α − c_i``, ``δ = −γ`` (Cournot) and ``T_i = α(1 − γ) + c_i``, ``δ = γ``
(Bertrand). Writing ``x_i = k_i + w_i'(y_i − E y_i)`` this is a linear system in the
weights (``k`` from the means, ``w`` from the covariances); it has a unique solution
because the best-reply map contracts with modulus ``|γ|/2 < 1``. Expected profits are
computed exactly as expectations of products of affine functions of the Gaussian state;
in Cournot ``E[π_i] = E[q_i²]`` and with common values in Bertrand
``E[π_i] = E[(p_i − c)²]/(1 − γ²)`` (Vives 1984).

The share/don't-share stage is a symmetric 2×2 game solved with
:class:`gametheory.noncooperative.NormalFormGame` (mixed equilibria included).

References
----------
Vives, X. (1984). Duopoly information equilibrium: Cournot and Bertrand. *Journal of
Economic Theory* 34:71–94.
Gal-Or, E. (1985). Information sharing in oligopoly. *Econometrica* 53:329–343.
Gal-Or, E. (1986). Information transmission — Cournot and Bertrand equilibria. *Review
of Economic Studies* 53:85–92.
Li, L. (1985). Cournot oligopoly with information sharing. *RAND Journal of Economics*
16:521–536.
Shapiro, C. (1986). Exchange of cost information in oligopoly. *Review of Economic
Studies* 53:433–446.
Raith, M. (1996). A general model of information sharing in oligopoly. *Journal of
Economic Theory* 71:260–288.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp
from scipy.special import ndtr

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import tolerance
from .._validation import finite_array, finite_scalar, flag, nonempty_grid, positive, whole_number
from .base import Model

#: Action index of the sharing stage: 0 = keep the signal private, 1 = share it.
ACTIONS = ("keep", "share")

#: Region labels of :meth:`InfoSharing.sharing_regions` (codes are the indices).
REGIONS = (
    "sharing dominant, efficient",
    "sharing dominant, mutual non-sharing better",
    "not sharing dominant, efficient",
    "not sharing dominant, prisoner's dilemma (association resolves)",
    "no dominant action",
)


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class BayesNashResult(ResultMixin):
    """Linear Bayesian–Nash equilibrium for one sharing configuration.

    Attributes
    ----------
    shares : (bool, bool)
        Whether firm 1 and firm 2 share their signal.
    signals_seen : tuple of tuples
        Indices of the signals each firm observes (0 = ``s_1``, 1 = ``s_2``).
    intercepts : ndarray (2,)
        ``k_i = E[x_i]``.
    weights : tuple of ndarray
        ``w_i``: response of ``x_i`` to each observed signal (deviation from its mean).
    expected_profits : ndarray (2,)
        ``E[π_i]`` (exact).
    action_variance : ndarray (2,)
        ``Var(x_i)``.
    prob_negative_output : float
        Largest probability, over the two firms, that a firm's planned output
        ``E[q_i | y_i]`` is negative: the linear equilibrium ignores the constraint
        ``q ≥ 0``, so it is an equilibrium of the constrained game only to this
        approximation (small when ``a − c`` is large relative to the standard deviations).
    """

    shares: tuple
    signals_seen: tuple
    intercepts: np.ndarray
    weights: tuple
    expected_profits: np.ndarray
    action_variance: np.ndarray
    prob_negative_output: float


@dataclasses.dataclass(frozen=True)
class SharingGameResult(ResultMixin):
    """The 2×2 share/keep game and its equilibria.

    Attributes
    ----------
    payoffs : ndarray (2, 2)
        Row firm's expected profit ``A[i, j]`` (actions 0 = keep, 1 = share); the column
        firm's is ``A.T`` (symmetry).
    pure_equilibria : list of (int, int)
    mixed_equilibria : tuple of (x, y)
        All extreme Nash equilibria (through nashpy via the engine).
    dominant_action : str or None
        ``"share"``, ``"keep"`` or None (no strictly dominant action).
    mutual_sharing_better : bool
        ``A[1, 1] > A[0, 0]``.
    prisoners_dilemma : bool
        Keeping is strictly dominant but mutual sharing pays both more: the region where
        an association that pools the signals raises every member's profit.
    region : int
        Index into :data:`REGIONS`.
    association_gain : float
        Per-firm gain of the best symmetric configuration over the equilibrium
        (``max(A[0,0], A[1,1]) − A[s*, s*]``); 0 when the equilibrium is already best.
    prob_negative_output : float
        Largest probability of a negative planned output over the four configurations.
    """

    payoffs: np.ndarray
    pure_equilibria: list
    mixed_equilibria: tuple
    dominant_action: object
    mutual_sharing_better: bool
    prisoners_dilemma: bool
    region: int
    association_gain: float
    prob_negative_output: float


@dataclasses.dataclass(frozen=True)
class PublicInfoResult(ResultMixin):
    """Value of a public demand signal in symmetric linear Cournot (see :func:`public_information`).

    Attributes
    ----------
    posterior_mean_variance : float
        ``Var(E[a | s]) = σ⁴/(σ² + σ_e²)``.
    expected_profit : float
        Linear-equilibrium profit per firm ``((ā − c)² + Var(E[a|s]))/(b D²)``,
        ``D = 2 + γ(n − 1)`` (= ``n + 1`` for homogeneous goods; INFO-3 in docs/theorems.md).
    expected_profit_no_info : float
        ``(ā − c)²/(b D²)``.
    expected_profit_constrained : float
        Exact profit when firms produce ``max(E[a|s] − c, 0)/(bD)``.
    prob_corner : float
        ``P(E[a|s] < c)``: the probability that the linear formula would prescribe a
        negative output (where it is outside its domain).
    entry_cost : float
    value_for_entry : float
        ``E[max(E[π | s] − F, 0)] − max(π_0 − F, 0) ≥ 0``: the value of deciding on entry
        after seeing the signal (Jensen), with ``π_0`` the no-information profit.
    entry_probability : float
        Probability that entry pays after the signal.
    """

    posterior_mean_variance: float
    expected_profit: float
    expected_profit_no_info: float
    expected_profit_constrained: float
    prob_corner: float
    entry_cost: float
    value_for_entry: float
    entry_probability: float


# --------------------------------------------------------------------------- helpers
def _affine_mean(f, mu):
    return f[0] + f[1] @ mu


def _quadratic_form(u, Sigma, v):
    """``u' Sigma v`` over the last axes (batches broadcast)."""
    return np.einsum("...i,...ij,...j->...", u, Sigma, v)


def _affine_product_mean(u, v, mu, Sigma):
    """``E[u(Z) v(Z)]`` for affine ``u = u0 + u'Z``, ``v = v0 + v'Z``, ``Z ~ N(mu, Sigma)``
    (batches broadcast)."""
    return _affine_mean(u, mu) * _affine_mean(v, mu) + _quadratic_form(u[1], Sigma, v[1])


def _trunc_second_moment(mu: float, sd: float, h: float) -> float:
    """``E[X² 1{X > h}]`` for ``X ~ N(mu, sd²)``."""
    z = (h - mu) / sd
    phi = np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)
    return float((mu * mu + sd * sd) * (1 - ndtr(z)) + sd * (mu + h) * phi)


def public_information(a: float, c: float, sigma2: float, noise: float, *, n: int = 2,
                       b: float = 1.0, gamma: float = 1.0, F: float = 0.0) -> PublicInfoResult:
    """A public signal ``s = a + e`` seen by all ``n`` firms (association or government).

    Demand ``p_i = a − b(q_i + γ Σ_{j≠i} q_j)`` with random intercept ``a ~ N(ā, σ²)``,
    ``e ~ N(0, σ_e²)``; ``γ = 1`` is the homogeneous market ``P = a − bQ``. Firms
    produce ``q = (E[a|s] − c)/(bD)``, ``D = 2 + γ(n − 1)``, and

        E[π_i] = ((ā − c)² + σ⁴/(σ² + σ_e²)) / (b D²)          (INFO-3 for γ = 1),

    increasing in the precision ``1/σ_e²``. For entry at cost ``F`` decided after the
    signal, the value of information is ``E[max(E[π|s] − F, 0)] − max(π_0 − F, 0) ≥ 0``
    with ``E[π|s] = max(E[a|s] − c, 0)²/(bD²)`` (computed in closed form with the normal
    distribution).

    Parameters
    ----------
    a : float
        Prior mean ``ā`` of the intercept (``> c``).
    c : float
        Marginal cost (``≥ 0``).
    sigma2, noise : float
        Prior variance ``σ²`` and signal noise variance ``σ_e²`` (both ``> 0``).
    n : int
        Number of firms (``≥ 1``).
    b, gamma : float
        Demand slope (``> 0``) and substitutability (``γ ∈ (−1/(n−1), 1]``).
    F : float
        Entry cost (``≥ 0``).

    References: Vives (1984, JET 34:71); docs/models.md, M5.
    """
    a = finite_scalar(a, "a (prior mean of the demand intercept)")
    c = positive(c, "c (marginal cost)", strict=False)
    if c >= a:
        raise ValueError(f"marginal cost c={c} must be below the mean demand intercept a={a}")
    s2 = positive(sigma2, "sigma2 (prior variance)")
    e2 = positive(noise, "noise (signal noise variance; precision 1/noise must be finite)")
    n = whole_number(n, "n", 1)
    b = positive(b, "b (demand slope)")
    g = finite_scalar(gamma, "gamma (substitutability)")
    lo = -1.0 / (n - 1) if n > 1 else -np.inf
    if not (lo < g <= 1):
        raise ValueError(f"gamma must lie in ({lo}, 1] for n={n} firms, got {g}")
    F = positive(F, "F (entry cost)", strict=False)
    D = 2 + g * (n - 1)
    K = b * D * D
    v = s2 * s2 / (s2 + e2)
    sd = np.sqrt(v)
    mu = a - c
    pi_lin = (mu * mu + v) / K
    pi0 = mu * mu / K
    pi_con = _trunc_second_moment(mu, sd, 0.0) / K
    prob_corner = float(ndtr(-mu / sd))
    h = np.sqrt(K * F)
    with_info = _trunc_second_moment(mu, sd, h) / K - F * float(1 - ndtr((h - mu) / sd))
    value = with_info - max(pi0 - F, 0.0)
    return PublicInfoResult(
        posterior_mean_variance=v, expected_profit=pi_lin, expected_profit_no_info=pi0,
        expected_profit_constrained=pi_con, prob_corner=prob_corner, entry_cost=F,
        value_for_entry=float(value), entry_probability=float(1 - ndtr((h - mu) / sd)))


# --------------------------------------------------------------------------- the model
@dataclasses.dataclass(frozen=True)
class InfoSharing(Model):
    """Information sharing in a Gaussian linear duopoly (M5; Vives 1984, Gal-Or 1986).

    Parameters
    ----------
    gamma : float
        Product substitutability ``γ ∈ (−1, 1)`` (``> 0`` substitutes, ``< 0`` complements).
    competition : {"cournot", "bertrand"}
    uncertainty : {"common", "private"}
        Common value (demand intercept) or private values (own costs).
    a : float
        Mean demand intercept ``ā`` (``> c``).
    c : float
        Mean marginal cost (``≥ 0``).
    sigma2 : float
        Prior variance ``σ²`` of the uncertain parameter (``> 0``).
    noise : float
        Variance ``σ_ε²`` of each firm's signal noise (``> 0``); precision is ``1/noise``.

    Notes
    -----
    ``cluster_surplus()`` is the joint expected profit when an association chooses the
    sharing configuration that maximises it (it can mandate or forbid pooling);
    ``scattered_surplus()`` is the joint expected profit at the equilibrium of the
    share/keep game (the worst one if there are several pure equilibria). Their
    difference is twice :attr:`SharingGameResult.association_gain` when the best
    configuration is symmetric.
    """

    gamma: float = 0.5
    competition: str = "cournot"
    uncertainty: str = "common"
    a: float = 10.0
    c: float = 0.0
    sigma2: float = 1.0
    noise: float = 1.0

    def _validate(self):
        g = finite_scalar(self.gamma, "gamma (substitutability)")
        if not -1 < g < 1:
            raise ValueError(f"gamma must lie in the open interval (-1, 1), got {g}")
        if self.competition not in ("cournot", "bertrand"):
            raise ValueError("competition must be 'cournot' or 'bertrand', "
                             f"got {self.competition!r}")
        if self.uncertainty not in ("common", "private"):
            raise ValueError(f"uncertainty must be 'common' or 'private', got {self.uncertainty!r}")
        a = finite_scalar(self.a, "a (mean demand intercept)")
        c = positive(self.c, "c (mean marginal cost)", strict=False)
        if c >= a:
            raise ValueError(f"mean marginal cost c={c} must be below the mean demand "
                             f"intercept a={a}")
        positive(self.sigma2, "sigma2 (prior variance)")
        positive(self.noise, "noise (signal noise variance; precision = 1/noise)")

    # ------------------------------------------------------------------ state space
    # Every method below takes optional arrays ``gamma`` and ``noise`` of one shape (B,):
    # the same equilibrium computed at B parameter values at once (``sharing_regions``).
    def _state(self, noise=None):
        """``(mu, Sigma, G)``: Gaussian state and the signal rows ``G[i]`` (``s_i = G[i] Z``);
        ``Sigma`` has shape (d, d), or (B, d, d) for ``noise`` of shape (B,)."""
        s2 = float(self.sigma2)
        v = float(self.noise) if noise is None else np.asarray(noise, dtype=float)
        if self.uncertainty == "common":  # Z = (α, ε1, ε2)
            mu = np.array([self.a, 0.0, 0.0])
            var = [np.full_like(v, s2), v, v]
            G = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])
        else:  # Z = (c1, c2, ε1, ε2)
            mu = np.array([self.c, self.c, 0.0, 0.0])
            var = [np.full_like(v, s2), np.full_like(v, s2), v, v]
            G = np.array([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0]])
        d = mu.size
        Sigma = np.zeros(np.shape(v) + (d, d))
        for j in range(d):
            Sigma[..., j, j] = var[j]
        return mu, Sigma, G

    def _primitives(self, i: int, d: int):
        """Affine forms of the intercept ``α`` and of firm ``i``'s cost ``c_i`` in ``Z``."""
        alpha = (float(self.a), np.zeros(d))
        cost = (float(self.c), np.zeros(d))
        if self.uncertainty == "common":
            alpha = (0.0, np.eye(d)[0])
        else:
            cost = (0.0, np.eye(d)[i])
        return alpha, cost

    def _gamma(self, gamma=None):
        return float(self.gamma) if gamma is None else np.asarray(gamma, dtype=float)

    def _target(self, i: int, d: int, gamma=None):
        """``T_i`` of the first-order condition and the strategic coefficient ``δ``."""
        alpha, cost = self._primitives(i, d)
        g = self._gamma(gamma)
        if self.competition == "cournot":
            return (alpha[0] - cost[0], alpha[1] - cost[1]), -g
        gv = np.asarray(g)[..., None]
        return ((1 - g) * alpha[0] + cost[0], (1 - gv) * alpha[1] + cost[1]), g

    # ------------------------------------------------------------------ equilibrium
    def equilibrium(self, share1: bool, share2: bool) -> BayesNashResult:
        """Linear Bayesian–Nash equilibrium when firm ``i`` shares iff ``share_i``."""
        share1, share2 = flag(share1, "share1"), flag(share2, "share2")
        r = self._equilibria(share1, share2, np.array([self.gamma]), np.array([self.noise]),
                             full=True)
        return BayesNashResult(shares=(bool(share1), bool(share2)), signals_seen=r["seen"],
                               intercepts=r["k"][0], weights=tuple(w[0] for w in r["w"]),
                               expected_profits=r["profits"][0],
                               action_variance=r["var"][0],
                               prob_negative_output=float(r["prob"][0]))

    def _equilibria(self, share1: bool, share2: bool, gamma, noise, full: bool = False):
        """The linear equilibrium at ``gamma``, ``noise`` of shape (B,): intercepts ``k``
        (B, 2), weights ``w`` (two arrays (B, n_i)), expected ``profits`` (B, 2) and, when
        ``full``, the action variances ``var`` and the probability ``prob`` of a negative
        planned output (B,)."""
        mu, Sigma, G = self._state(noise)
        B, d = len(gamma), mu.size
        seen = ((0, 1) if share2 else (0,), (1, 0) if share1 else (1,))
        Gi = [G[list(seen[0])], G[list(seen[1])]]
        P = [np.linalg.inv(g @ Sigma @ g.T) for g in Gi]  # full rank: noise > 0
        T = []
        for i in range(2):
            t, delta = self._target(i, d, gamma)
            T.append((np.broadcast_to(t[0], (B,)), np.broadcast_to(t[1], (B, d))))
        delta = np.broadcast_to(delta, (B,))
        # means: k_i = (E T_i + δ k_j)/2
        ET = np.stack([_affine_mean(t, mu) for t in T], axis=-1)
        Mk = np.empty((B, 2, 2))
        Mk[:, 0, 0] = Mk[:, 1, 1] = 2.0
        Mk[:, 0, 1] = Mk[:, 1, 0] = -delta
        k = np.linalg.solve(Mk, ET[..., None])[..., 0]
        # fluctuations: w_i − (δ/2) P_i G_i Σ G_j' w_j = ½ P_i G_i Σ t_i
        n1, n2 = len(seen[0]), len(seen[1])
        M = np.broadcast_to(np.eye(n1 + n2), (B, n1 + n2, n1 + n2)).copy()
        rhs = np.zeros((B, n1 + n2))
        blocks = [slice(0, n1), slice(n1, n1 + n2)]
        for i, j in ((0, 1), (1, 0)):
            M[:, blocks[i], blocks[j]] = (-0.5 * delta[:, None, None]
                                          * (P[i] @ Gi[i] @ Sigma @ Gi[j].T))
            rhs[:, blocks[i]] = 0.5 * (P[i] @ Gi[i] @ Sigma @ T[i][1][..., None])[..., 0]
        w_all = np.linalg.solve(M, rhs[..., None])[..., 0]
        w = (w_all[:, blocks[0]], w_all[:, blocks[1]])
        x = [(k[:, i] - w[i] @ Gi[i] @ mu, w[i] @ Gi[i]) for i in range(2)]
        out = {"seen": seen, "k": k, "w": w,
               "profits": self._expected_profits(x, mu, Sigma, gamma)}
        if not full:
            return out
        out["var"] = np.stack([_quadratic_form(x[i][1], Sigma, x[i][1]) for i in range(2)],
                              axis=-1)
        # planned output E[q_i | y_i] and its probability of being negative
        prob = np.zeros(B)
        for i in range(2):
            q = self._quantity(i, x, d, gamma)
            q1 = np.broadcast_to(q[1], (B, d))
            GSq = (Gi[i] @ Sigma @ q1[..., None])[..., 0]  # (B, n_i)
            PGmu = P[i] @ (Gi[i] @ mu)                       # (B, n_i)
            pc = (q[0] + q1 @ mu - np.einsum("bi,bi->b", GSq, PGmu),
                  (Gi[i].T @ P[i] @ GSq[..., None])[..., 0])
            m = _affine_mean(pc, mu)
            sd = np.sqrt(np.maximum(_quadratic_form(pc[1], Sigma, pc[1]), 0.0))
            with np.errstate(divide="ignore", invalid="ignore"):
                pi = np.where(sd > 0, ndtr(-m / sd), (m < 0).astype(float))
            prob = np.maximum(prob, pi)
        out["prob"] = prob
        return out

    def _quantity(self, i, x, d, gamma=None):
        """Affine form of ``q_i`` given both firms' actions ``x``."""
        g = self._gamma(gamma)
        if self.competition == "cournot":
            return x[i]
        alpha, _ = self._primitives(i, d)
        j = 1 - i
        gv = np.asarray(g)[..., None]
        return (((1 - g) * alpha[0] - x[i][0] + g * x[j][0]) / (1 - g * g),
                ((1 - gv) * alpha[1] - x[i][1] + gv * x[j][1]) / (1 - gv * gv))

    def _expected_profits(self, x, mu, Sigma, gamma=None) -> np.ndarray:
        """Exact ``E[π_i] = E[(p_i − c_i) q_i]`` for affine actions ``x = (const, vec)``;
        shape (2,), or (B, 2) for a batch."""
        d = mu.size
        g = self._gamma(gamma)
        gv = np.asarray(g)[..., None]
        out = []
        for i in range(2):
            j = 1 - i
            alpha, cost = self._primitives(i, d)
            if self.competition == "cournot":
                q = x[i]
                p = (alpha[0] - x[i][0] - g * x[j][0], alpha[1] - x[i][1] - gv * x[j][1])
            else:
                p = x[i]
                q = self._quantity(i, x, d, gamma)
            margin = (p[0] - cost[0], p[1] - cost[1])
            out.append(_affine_product_mean(margin, q, mu, Sigma))
        return np.stack(out, axis=-1)

    def expected_profits_of(self, strategies, share1: bool, share2: bool) -> np.ndarray:
        """Exact expected profits of arbitrary affine strategies (for best-response checks).

        ``strategies[i] = (k_i, w_i)`` with ``x_i = k_i + w_i'(y_i − E y_i)`` on the signals
        firm ``i`` sees in configuration ``(share1, share2)`` (own signal first).
        """
        share1, share2 = flag(share1, "share1"), flag(share2, "share2")
        mu, Sigma, G = self._state()
        seen = ((0, 1) if share2 else (0,), (1, 0) if share1 else (1,))
        if isinstance(strategies, (str, bytes)) or not hasattr(strategies, "__len__") \
                or len(strategies) != 2:
            raise ValueError(f"strategies must be two pairs (k_i, w_i), one per firm, "
                             f"got {strategies!r}")
        x = []
        for i in range(2):
            try:
                k_i, w_i = strategies[i]
            except (TypeError, ValueError):
                raise ValueError(f"strategies[{i}] must be a pair (k_i, w_i), "
                                 f"got {strategies[i]!r}") from None
            Gi = G[list(seen[i])]
            k_i = finite_scalar(k_i, f"strategies[{i}] intercept k_{i}")
            w_i = finite_array(np.ravel(w_i), f"strategies[{i}] weights w_{i}",
                               shape=(len(seen[i]),))
            x.append((float(k_i) - w_i @ Gi @ mu, Gi.T @ w_i))
        return self._expected_profits(x, mu, Sigma)

    def payoff_matrix(self) -> np.ndarray:
        """``A[i, j]``: row firm's expected profit when it plays ``i`` and the rival ``j``
        (0 = keep, 1 = share). The rival's payoff matrix is ``A.T``."""
        A = np.zeros((2, 2))
        for i in (0, 1):
            for j in (0, 1):
                A[i, j] = self.equilibrium(bool(i), bool(j)).expected_profits[0]
        return A

    def solve(self) -> SharingGameResult:
        """The share/keep game: equilibria (NormalFormGame / nashpy), dominance, region."""
        from ..noncooperative import NormalFormGame

        A = self.payoff_matrix()
        prob = max(self.equilibrium(bool(i), bool(j)).prob_negative_output
                   for i in (0, 1) for j in (0, 1))
        game = NormalFormGame([A, A.T], action_names=[ACTIONS, ACTIONS])
        tol = tolerance(A)
        pure = game.pure_nash_equilibria()
        mixed = tuple(game.nash_equilibria().equilibria)
        return self._classify(A, pure, mixed, prob, tol)

    @staticmethod
    def _classify(A, pure, mixed, prob, tol) -> SharingGameResult:
        diff = A[1] - A[0]  # gain from sharing against each rival action
        if np.all(diff > tol):
            dom = "share"
        elif np.all(diff < -tol):
            dom = "keep"
        else:
            dom = None
        better = bool(A[1, 1] > A[0, 0] + tol)
        worse = bool(A[0, 0] > A[1, 1] + tol)
        if dom == "share":
            region = 1 if worse else 0
        elif dom == "keep":
            region = 3 if better else 2
        else:
            region = 4
        if pure:
            eq_val = min(A[i, j] + A[j, i] for i, j in pure) / 2
        else:  # pragma: no cover - a 2x2 symmetric game always has a pure equilibrium here
            eq_val = np.nan
        gain = max(float(max(A[0, 0], A[1, 1]) - eq_val), 0.0)
        return SharingGameResult(payoffs=A, pure_equilibria=pure, mixed_equilibria=mixed,
                                 dominant_action=dom, mutual_sharing_better=better,
                                 prisoners_dilemma=region == 3, region=region,
                                 association_gain=gain, prob_negative_output=prob)

    def cluster_surplus(self) -> float:
        """Joint expected profit in the configuration an association would choose (best of 4)."""
        best = -np.inf
        for i in (0, 1):
            for j in (0, 1):
                best = max(best, float(self.equilibrium(bool(i), bool(j)).expected_profits.sum()))
        return best

    def scattered_surplus(self) -> float:
        """Joint expected profit at the (worst pure) equilibrium of the share/keep game."""
        r = self.solve()
        return float(min(r.payoffs[i, j] + r.payoffs[j, i] for i, j in r.pure_equilibria))

    def sharing_regions(self, gammas, precisions) -> np.ndarray:
        """Region code (index into :data:`REGIONS`) over ``gammas × precisions``.

        ``precisions`` are signal precisions ``1/σ_ε²`` (``> 0``); ``gammas`` lie in
        ``(−1, 1)``. Returns an int array of shape ``(len(gammas), len(precisions))``.
        """
        gammas = nonempty_grid(gammas, "gammas")
        precisions = nonempty_grid(precisions, "precisions")
        if np.any(precisions <= 0):
            raise ValueError(f"precisions must be > 0, got min {precisions.min()}")
        if np.any(np.abs(gammas) >= 1):
            raise ValueError("gammas must lie in (-1, 1), got range "
                             f"[{gammas.min()}, {gammas.max()}]")
        G, R = np.meshgrid(gammas, 1.0 / precisions, indexing="ij")
        A = np.empty(G.shape + (2, 2))
        for i in (0, 1):
            for j in (0, 1):
                A[..., i, j] = self._equilibria(bool(i), bool(j), G.ravel(), R.ravel()
                                                )["profits"][:, 0].reshape(G.shape)
        out = np.zeros(G.shape, dtype=int)
        for idx in np.ndindex(G.shape):
            out[idx] = self._classify(A[idx], [(0, 0)], (), 0.0, tolerance(A[idx])).region
        return out

    def public_information(self, noise: float, *, n: int = 2, F: float = 0.0) -> PublicInfoResult:
        """Value of a public signal of noise variance ``noise`` (common-value Cournot only).

        Uses this model's ``a, c, sigma2, gamma`` (unit own slope); see
        :func:`public_information`.
        """
        if self.uncertainty != "common" or self.competition != "cournot":
            raise ValueError("public_information is implemented for common-value Cournot "
                             f"(got uncertainty={self.uncertainty!r}, "
                             f"competition={self.competition!r})")
        return public_information(self.a, self.c, self.sigma2, noise, n=n, b=1.0,
                                  gamma=self.gamma, F=F)

    def closed_forms(self) -> ClosedForms:
        """Expected profits ``E[π_1]`` in the four configurations (common value; sympy)."""
        if self.uncertainty != "common":
            raise ValueError("closed forms are derived for common-value uncertainty only")
        exprs, syms = _common_value_closed_forms(self.competition)
        return ClosedForms(exprs, syms, title=f"M5 common-value {self.competition}")


@functools.lru_cache(maxsize=4)
def _common_value_closed_forms(competition: str):
    """Derive ``E[π_1]`` for the four sharing configurations with sympy (common value).

    Unknown weights of each firm on the signals it sees are solved from the
    coefficient-matching form of the first-order conditions, with conditional
    expectations from the Gaussian covariance formula ``E[X|y] = Cov(X,y)Var(y)⁻¹ y``.
    """
    g = sp.Symbol("gamma", real=True)
    s2, v = sp.symbols("sigma^2 sigma_epsilon^2", positive=True)
    a, c = sp.symbols("a c", real=True)
    Sigma = sp.diag(s2, v, v)
    Gfull = sp.Matrix([[1, 1, 0], [1, 0, 1]])
    cournot = competition == "cournot"
    delta = -g if cournot else g
    t = sp.Matrix([1, 0, 0]) * (1 if cournot else (1 - g))
    T0 = -c if cournot else c
    ET = a * (1 if cournot else (1 - g)) + T0
    k = ET / (2 - delta)
    exprs = {}
    for s1 in (0, 1):
        for s2_ in (0, 1):
            seen = [[0, 1] if s2_ else [0], [1, 0] if s1 else [1]]
            Gi = [Gfull.extract(sd, [0, 1, 2]) for sd in seen]
            w = [sp.Matrix(sp.symbols(f"w{i}_0:{len(seen[i])}")) for i in range(2)]
            eqs = []
            for i, j in ((0, 1), (1, 0)):
                Vi = Gi[i] * Sigma * Gi[i].T
                lhs = Vi * w[i]  # Var(y_i) w_i = ½ (Cov(y_i, T_i) + δ Cov(y_i, x_j))
                rhs = (Gi[i] * Sigma * t + delta * Gi[i] * Sigma * Gi[j].T * w[j]) / 2
                eqs += list(lhs - rhs)
            sol = sp.solve(eqs, list(w[0]) + list(w[1]), dict=True)[0]
            w0 = w[0].subs(sol)
            var0 = sp.simplify((w0.T * Gi[0] * Sigma * Gi[0].T * w0)[0])
            if cournot:
                pi = k**2 + var0
            else:
                pi = (((k - c) ** 2) + var0) / (1 - g**2)
            exprs[f"profit_{ACTIONS[s1]}_{ACTIONS[s2_]}"] = sp.simplify(pi)
    syms = {"gamma": g, "sigma2": s2, "noise": v, "a": a, "c": c}
    return exprs, syms
