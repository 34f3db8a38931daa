"""Mechanism 2 — sharing international (political, FX, cultural) risk (风险分担).

Cluster firms are CARA agents ``u_i(x) = −exp(−x/τ_i)`` with risk tolerances
``τ_i``; firm ``i``'s payoff abroad is ``X_i`` with mean ``μ_i``; the payoffs are
jointly normal with covariance ``Σ`` (idiosyncratic risk plus a common
host-country political / FX component). The published models behind it:

* syndicate theory (Borch 1962, *Econometrica* 30:424; Wilson 1968,
  *Econometrica* 36:119): every Pareto-optimal sharing rule of a CARA syndicate is
  linear, ``x_i = (τ_i/τ_S) X_S + k_i`` with ``Σ k_i = 0``, and the syndicate acts
  like one CARA agent with tolerance ``τ_S = Σ_{i∈S} τ_i``: for normal ``X_S``,
  ``CE_S = μ_S − Var(X_S)/(2τ_S)``;
* the risk-sharing TU game ``v(S) = Σ_{i∈S} μ_i − 1'Σ_S 1 / (2τ_S)`` is a market
  game, hence totally balanced (Shapley & Shubik 1969, *JET* 1:9; Baton & Lemaire
  1981, *ASTIN Bulletin* 12:57). A core point in closed form is the competitive
  (equilibrium-premium) allocation ``y_i = μ_i − Cov(X_i, X_N)/τ_N + τ_i Var(X_N)/(2τ_N²)``
  (Bühlmann 1980, *ASTIN Bulletin* 11:52): ``y(S) − v(S) = (τ_S/2) Var(X_S/τ_S − X_N/τ_N) ≥ 0``;
* the lumpy project: with ``s`` equal members each bringing a project
  ``X_i = μ + ε_i + η`` (``Var ε_i = (1−ω)σ²``, common ``Var η = ωσ²``), the
  per-member certainty equivalent net of the entry cost ``F`` is
  ``μ − F − (1−ω)σ²/(2sτ) − ωσ²/(2τ)``: pooling divides the idiosyncratic premium
  by ``s`` but leaves the common premium per member unchanged. The minimal
  syndicate size is ``k* = ⌈(1−ω)σ²/(2τ(μ−F) − ωσ²)⌉``, which for ``ω = 0`` is
  ``⌈σ²/(2τ(μ−F))⌉`` (RISK-3 in docs/theorems.md); there is no viable size when
  ``ωσ²/(2τ) ≥ μ − F``.

Oligopolistic reaction (Knickerbocker 1973; Head, Mayer & Ries 2002, *JEMS*
11:453) is :class:`OligopolisticReaction`.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import RTOL, data_scale, tolerance
from .._validation import (
    finite_array,
    finite_scalar,
    names_for,
    nonempty_grid,
    positive,
    whole_number,
)
from ..coalitional.allocation import Allocation, allocation
from ..coalitional.game import MAX_PLAYERS, TUGame, additive_values
from .base import ClosedForms, Model

__all__ = ["OligopolisticReaction", "RiskSyndicate"]

_PSD_TOL = 1e-10


def _pair_sum_table(cov: np.ndarray) -> np.ndarray:
    """``1'Σ_S 1 = Σ_{i,j∈S} Σ_ij`` for every bitmask ``S`` (O(2^n) layered pass)."""
    q = np.zeros(1)
    for i in range(cov.shape[0]):
        cross = additive_values(cov[i, :i]) if i else np.zeros(1)
        q = np.concatenate([q, q + cov[i, i] + 2.0 * cross])
    return q


def minimal_size(margin, variance, tau, common_share=0.0):
    """Minimal syndicate size ``k*`` (vectorised); ``-1`` where no size is viable.

    ``k*`` is the least integer ``k ≥ 1`` with
    ``margin − (1−ω) variance/(2kτ) − ω variance/(2τ) ≥ 0``, i.e.
    ``k* = ⌈(1−ω)σ²/(2τ·margin − ωσ²)⌉`` when ``2τ·margin > ωσ²`` (the classic
    lumpy-project condition for ``ω = 0``). ``margin = μ − F`` is the expected net payoff
    per member's project.
    """
    m = finite_array(margin, "margin")
    s2 = finite_array(variance, "variance")
    t = finite_array(tau, "tau (risk tolerance)")
    w = finite_array(common_share, "common_share")
    for name, arr, bad, allowed in (("variance", s2, s2 < 0, ">= 0"),
                                    ("tau (risk tolerance)", t, t <= 0, "> 0"),
                                    ("common_share", w, (w < 0) | (w > 1), "in [0, 1]")):
        if np.any(bad):
            raise ValueError(f"{name} must be {allowed}, found {arr[bad].flat[0]}")
    try:
        m, s2, t, w = np.broadcast_arrays(m, s2, t, w)
    except ValueError:
        raise ValueError(f"margin, variance, tau and common_share must broadcast together, got "
                         f"shapes {m.shape}, {s2.shape}, {t.shape}, {w.shape}") from None
    room = 2.0 * t * m - w * s2
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(room > 0, (1.0 - w) * s2 / np.where(room > 0, room, 1.0), 0.0)
    k = np.ceil(ratio * (1.0 - 1e-12))  # ratio is a count: a relative rounding guard
    k = np.where(room > 0, np.maximum(k, 1.0), -1.0)
    k = np.where((room > 0) & ((1.0 - w) * s2 <= 0), 1.0, k)
    return k.astype(int) if k.ndim else int(k)


# ============================================================================ results
@dataclasses.dataclass(frozen=True)
class SyndicateSolution(ResultMixin):
    """Borch–Wilson sharing in the grand syndicate and the risk-sharing game.

    ``slopes`` are ``τ_i/τ_N``; ``ce_alone`` each member's own certainty equivalent
    ``μ_i − Σ_ii/(2τ_i)``; ``ce_syndicate`` the syndicate's; ``gain`` their
    difference; ``core_point`` the competitive allocation (in the core, exactly);
    ``in_core`` the numeric check against every coalition; ``common_premium`` the
    per-member premium for common risk alone and in the syndicate (unchanged under
    equal τ: pooling does not diversify common risk).
    """

    slopes: np.ndarray
    ce_alone: np.ndarray
    ce_syndicate: float
    gain: float
    core_point: Allocation
    in_core: bool
    convex: bool
    risk_premium_alone: np.ndarray
    risk_premium_syndicate: float


# ============================================================================ M2
@dataclasses.dataclass(frozen=True)
class RiskSyndicate(Model):
    """A syndicate of CARA cluster firms sharing normally distributed payoffs abroad (M2).

    Parameters
    ----------
    mu : array_like (n,)
        Mean payoffs ``μ_i`` (net of entry cost if costs are to be counted).
    tau : array_like (n,), > 0
        Risk tolerances ``τ_i`` (``1/τ_i`` is absolute risk aversion).
    cov : array_like (n, n)
        Covariance matrix ``Σ`` of the payoffs: symmetric positive semi-definite.
        Use :meth:`with_common_risk` to build it from idiosyncratic variances and a
        common (political / FX) variance.
    names : sequence of str, optional

    Notes
    -----
    Certainty equivalent of coalition ``S``: ``v(S) = μ_S − 1'Σ_S 1/(2τ_S)`` (Wilson
    1968). Pareto-optimal rule: ``x_i = (τ_i/τ_S) X_S + k_i`` (Borch 1962). See the
    module docstring for the core point and the lumpy-project size ``k*``.
    """

    mu: object
    tau: object
    cov: object
    names: tuple | None = None

    def _validate(self):
        mu = finite_array(self.mu, "mu (mean payoffs)", ndim=1)
        n = mu.shape[0]
        if n < 1:
            raise ValueError("mu (mean payoffs) needs at least one firm")
        if n > MAX_PLAYERS:
            raise ValueError(f"at most {MAX_PLAYERS} firms are supported, got {n}")
        tau = finite_array(self.tau, "tau (risk tolerances)", shape=(n,))
        if np.any(tau <= 0):
            i = int(np.flatnonzero(tau <= 0)[0])
            raise ValueError(f"tau (risk tolerances) must be > 0 (CARA u = −exp(−x/τ)); "
                             f"tau[{i}] = {tau[i]}")
        cov = finite_array(self.cov, "cov (covariance matrix)", shape=(n, n))
        if np.any(np.diag(cov) < 0):
            i = int(np.flatnonzero(np.diag(cov) < 0)[0])
            raise ValueError(f"cov (covariance matrix) has a negative variance cov[{i},{i}] = "
                             f"{cov[i, i]}; variances must be >= 0")
        scale = data_scale(cov)
        if np.abs(cov - cov.T).max() > RTOL * scale:
            raise ValueError("cov (covariance matrix) must be symmetric")
        cov = (cov + cov.T) / 2.0
        lam = float(np.linalg.eigvalsh(cov).min()) if n else 0.0
        if lam < -_PSD_TOL * scale:
            raise ValueError(f"cov (covariance matrix) must be positive semi-definite; its "
                             f"smallest eigenvalue is {lam:.6g}")
        with np.errstate(over="ignore"):
            total = tau.sum()
        if not np.isfinite(total):
            raise ValueError(f"tau (risk tolerances) are too large: their sum overflows a float "
                             f"(max tau = {tau.max():.3g}); a tolerance this large is risk "
                             f"neutrality, express money in larger units")
        names = names_for(n, self.names, "firm")
        for key, val in (("mu", mu), ("tau", tau), ("cov", cov)):
            val = np.array(val, dtype=float)
            val.setflags(write=False)
            object.__setattr__(self, key, val)
        object.__setattr__(self, "names", names)

    @classmethod
    def with_common_risk(cls, mu, tau, idiosyncratic, common, exposure=None, names=None):
        """Build ``Σ = diag(σ_ε²) + σ_η² b b'``: idiosyncratic variances plus a common factor.

        ``idiosyncratic`` (n,) ≥ 0; ``common`` ≥ 0 is the variance ``σ_η²`` of the
        host-country political / FX shock ``η``; ``exposure`` ``b`` (default ones) the
        members' loadings on it.
        """
        mu = finite_array(mu, "mu (mean payoffs)", ndim=1)
        n = mu.shape[0]
        idio = finite_array(idiosyncratic, "idiosyncratic variances")
        if idio.ndim > 1 or (idio.ndim == 1 and idio.shape[0] != n):
            raise ValueError(f"idiosyncratic variances must be a scalar or have length n={n} "
                             f"(one per member), got shape {idio.shape}")
        idio = np.broadcast_to(idio, (n,))
        if np.any(idio < 0):
            raise ValueError(f"idiosyncratic variances must be >= 0, got {idio}")
        common = finite_scalar(common, "common (variance of the common shock)")
        if common < 0:
            raise ValueError(f"common (variance of the common shock) must be >= 0, got {common}")
        b = np.ones(n) if exposure is None else finite_array(exposure, "exposure", shape=(n,))
        tau = np.broadcast_to(np.asarray(tau, dtype=float), (n,))
        return cls(mu, tau, np.diag(idio) + common * np.outer(b, b), names=names)

    @classmethod
    def exchangeable(cls, n: int, mu: float, tau: float, variance: float, common_share: float):
        """``n`` identical members: variance ``σ²`` each, a share ``ω`` of it common."""
        n = whole_number(n, "n (members)", 1)
        variance = finite_scalar(variance, "variance")
        if variance < 0:
            raise ValueError(f"variance must be >= 0, got {variance}")
        w = finite_scalar(common_share, "common_share")
        if not 0 <= w <= 1:
            raise ValueError(f"common_share (ω, the common part of the variance) must lie in "
                             f"[0, 1], got {w}")
        return cls.with_common_risk(np.full(n, float(mu)), np.full(n, float(tau)),
                                    (1 - w) * variance, w * variance)

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        return int(self.mu.shape[0])

    @functools.cached_property
    def _game(self) -> TUGame:
        mu_S = additive_values(self.mu)
        tau_S = additive_values(self.tau)
        q = _pair_sum_table(self.cov)
        v = np.zeros_like(mu_S)
        v[1:] = mu_S[1:] - 0.5 * q[1:] / tau_S[1:]
        return TUGame(v, names=self.names)

    def game(self) -> TUGame:
        """The risk-sharing game ``v(S) = μ_S − 1'Σ_S 1/(2τ_S)`` (certainty equivalents)."""
        return self._game

    def _members(self, S):
        """Member indices of ``S`` in the caller's order (per-member data such as
        ``shares`` follow that order)."""
        if S is None:
            return np.arange(self.n)
        if isinstance(S, (str, bytes)) or not hasattr(S, "__iter__"):
            raise ValueError(f"the syndicate S must be an iterable of members, got {S!r}")
        S = list(S)
        idx = np.array([self.game()._player(p) for p in S], dtype=int)
        if np.unique(idx).size != idx.size:
            raise ValueError(f"the syndicate S lists a member twice: {S}")
        if idx.size == 0:
            raise ValueError("the syndicate S must have at least one member")
        return idx

    def sharing_rule(self, S=None) -> np.ndarray:
        """Borch–Wilson slopes ``τ_i/τ_S`` of the members of ``S`` (default: everyone), in the
        order ``S`` lists them."""
        idx = self._members(S)
        return self.tau[idx] / self.tau[idx].sum()

    def certainty_equivalent(self, S=None, shares=None) -> float:
        """CE of syndicate ``S``; with ``shares`` ``a`` (Σa = 1, in the order ``S`` lists the
        members), the sum of the members' CEs under the linear rule ``x_i = a_i X_S``
        (maximal at ``a = τ/τ_S``: Wilson 1968)::

            Σ_i CE_i = μ_S − Var(X_S) Σ_i a_i²/(2τ_i).
        """
        idx = self._members(S)
        mu_S = float(self.mu[idx].sum())
        var_S = float(self.cov[np.ix_(idx, idx)].sum())
        if shares is None:
            return mu_S - 0.5 * var_S / float(self.tau[idx].sum())
        a = finite_array(shares, "shares", shape=(idx.size,))
        if abs(a.sum() - 1.0) > 1e-9:
            raise ValueError(f"shares of a sharing rule must sum to 1, got {a.sum()}")
        return mu_S - var_S * float(np.sum(a**2 / self.tau[idx])) / 2.0

    def core_point(self) -> Allocation:
        """The competitive (equilibrium-premium) allocation, in the core of the risk game.

        ``y_i = μ_i − Cov(X_i, X_N)/τ_N + τ_i Var(X_N)/(2τ_N²)`` (Bühlmann 1980). For every
        coalition ``y(S) − v(S) = (τ_S/2) Var(X_S/τ_S − X_N/τ_N) ≥ 0``, so it is in the core
        exactly; restricted to any subgame it is a core point there, which proves the game
        totally balanced.
        """
        tN = self.tau.sum()
        # (τ_i/τ_N)·Var(X_N)/(2τ_N): grouped so that no intermediate overflows
        y = self.mu - self.cov.sum(axis=1) / tN + (self.tau / tN) * (0.5 * self.cov.sum() / tN)
        return allocation(self.game(), y, "competitive allocation (Bühlmann equilibrium premium)")

    def solve(self) -> SyndicateSolution:
        """Borch–Wilson rule, certainty equivalents, the core point and the premia."""
        g = self.game()
        y = self.core_point()
        excess = additive_values(np.asarray(y)) - g.v
        ok = bool(excess.min() >= -tolerance(g.v, self.mu, self.cov.sum(axis=1) / self.tau.sum()))
        from ..coalitional.properties import is_convex

        prem_alone = 0.5 * np.diag(self.cov) / self.tau
        return SyndicateSolution(
            slopes=self.sharing_rule(),
            ce_alone=self.mu - prem_alone,
            ce_syndicate=g.grand,
            gain=float(g.grand - (self.mu - prem_alone).sum()),
            core_point=y,
            in_core=ok,
            convex=bool(is_convex(g)),
            risk_premium_alone=prem_alone,
            risk_premium_syndicate=float(0.5 * self.cov.sum() / self.tau.sum()),
        )

    def cluster_surplus(self) -> float:
        """Certainty equivalent of the grand syndicate ``v(N)``."""
        return self.game().grand

    def scattered_surplus(self) -> float:
        """Sum of the members' own certainty equivalents ``Σ_i (μ_i − Σ_ii/(2τ_i))``."""
        return float((self.mu - 0.5 * np.diag(self.cov) / self.tau).sum())

    def per_member_ce(self, sizes=None, cost: float = 0.0) -> np.ndarray:
        """``v({0..s−1})/s − cost`` for syndicates of the first ``s`` members (vectorised)."""
        sizes = (np.arange(1, self.n + 1) if sizes is None
                 else nonempty_grid(sizes, "sizes"))
        if np.any(sizes != np.round(sizes)):
            raise ValueError(f"sizes must be whole numbers of members, got {sizes}")
        sizes = sizes.astype(int)
        if np.any((sizes < 1) | (sizes > self.n)):
            raise ValueError(f"sizes must lie in 1..{self.n}, got {sizes}")
        v = self.game().v[(1 << sizes) - 1]
        return v / sizes - finite_scalar(cost, "cost")

    def common_risk_premium(self, common: float, S=None) -> np.ndarray:
        """Per-member premium for a common shock of variance ``common`` under the Borch rule.

        Member ``i`` bears ``(τ_i/τ_S) η`` of the syndicate's exposure ``|S| η`` (unit
        loadings), a premium ``(τ_i/τ_S)² |S|² σ_η² /(2τ_i)``; under equal ``τ`` this is
        ``σ_η²/(2τ)``, exactly what it pays alone.
        """
        idx = self._members(S)
        common = positive(common, "common (variance of the common shock)", strict=False)
        a = self.tau[idx] / self.tau[idx].sum()
        return a**2 * idx.size**2 * (0.5 * common) / self.tau[idx]

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    def closed_forms() -> ClosedForms:
        """Exchangeable syndicate: CE per member, the premia, ``k*`` and the game ``v(s)``."""
        mu, F, tau, sig2, w = sp.symbols("mu F tau sigma^2 omega", real=True)
        s = sp.Symbol("s", positive=True)
        var_S = s * (1 - w) * sig2 + s**2 * w * sig2
        v_s = s * mu - var_S / (2 * s * tau)
        exprs = {
            "v": sp.Eq(sp.Symbol("v(s)"), sp.expand(v_s)),
            "ce_per_member": sp.Eq(sp.Symbol("CE(s)/s - F"), sp.expand(v_s / s - F)),
            "idiosyncratic_premium": sp.Eq(sp.Symbol(r"\pi_{\mathrm{idio}}(s)"),
                                           (1 - w) * sig2 / (2 * s * tau)),
            "common_premium": sp.Eq(sp.Symbol(r"\pi_{\mathrm{common}}"), w * sig2 / (2 * tau)),
            "k_star_real": sp.Eq(sp.Symbol("k^*"),
                                 (1 - w) * sig2 / (2 * tau * (mu - F) - w * sig2)),
        }
        syms = {"mu": mu, "F": F, "tau": tau, "sigma2": sig2, "omega": w, "s": s}
        return ClosedForms(exprs, syms, title="Exchangeable CARA syndicate")

    @staticmethod
    def minimal_size(margin, variance, tau, common_share=0.0):
        """Minimal syndicate size (vectorised; ``-1`` where none): see :func:`minimal_size`."""
        return minimal_size(margin, variance, tau, common_share)


# ============================================================================ HMR
@dataclasses.dataclass(frozen=True)
class GainsFromFDI(ResultMixin):
    """Mean–variance gains from FDI (over exporting) given the rival's mode."""

    gain_if_rival_exports: float
    gain_if_rival_invests: float
    relation: str          # "substitutes", "complements" or "independent"
    threshold: float       # ρ* (inf when σ² = 0: no common risk, always substitutes)
    follow_the_leader: bool


@dataclasses.dataclass(frozen=True)
class OligopolisticReaction(Model):
    """Follow-the-leader FDI under a common host-country cost shock (HMR-type; our derivation).

    Two home firms serve a host market with demand ``p = a − Q`` in Cournot. An
    exporter's unit cost is ``w + t``; an FDI plant's is ``w* + ε``, ``ε ~ N(0, σ²)``,
    the same shock for every plant in the host. Cournot profit
    ``π_i = (a − 2c_i + c_j)²/9`` (interior outputs assumed in every state); firms
    maximise ``E π − (ρ/2) Var π``. With ``u = a − w − t`` and ``d = w + t − w*``,
    the gain from FDI is larger when the rival also invests iff

        ρ > ρ* = 9(d² + σ²) / (2σ²(u² + 3ud + 4d² + 2σ²)),

    and risk-neutral decisions (ρ = 0) are strategic substitutes (the gain falls by
    ``4(d² + σ²)/9`` when the rival invests), as in Head, Mayer & Ries (2002, *JEMS*
    11:453); co-located rivals share the cost shock, which hedges relative position.
    The closed form is our derivation (RISK-4 in docs/theorems.md); it is derived
    here with sympy (:meth:`closed_forms`) and checked against quadrature in the tests.

    Parameters
    ----------
    a : float, host demand intercept
    w, t : float, home unit cost and trade cost (w + t is the exporter's cost)
    w_star : float, host unit cost of an FDI plant (before the shock)
    sigma2 : float ≥ 0, variance of the common host cost shock
    rho : float ≥ 0, mean–variance risk-aversion coefficient
    """

    a: float
    w: float
    t: float
    w_star: float
    sigma2: float
    rho: float = 0.0

    def _validate(self):
        for k in ("a", "w", "t", "w_star"):
            object.__setattr__(self, k, finite_scalar(getattr(self, k), k))
        s2 = finite_scalar(self.sigma2, "sigma2 (variance of the host cost shock)")
        if s2 < 0:
            raise ValueError(f"sigma2 (variance of the host cost shock) must be >= 0, got {s2}")
        rho = finite_scalar(self.rho, "rho (risk aversion)")
        if rho < 0:
            raise ValueError(f"rho (risk aversion) must be >= 0, got {rho}")
        object.__setattr__(self, "sigma2", s2)
        object.__setattr__(self, "rho", rho)
        u = self.a - self.w - self.t
        if u <= 0:
            raise ValueError(f"the exporter must sell: u = a − w − t must be > 0, got {u}")
        if self.a - 2 * (self.w + self.t) + self.w_star <= 0:
            raise ValueError("an exporter facing an FDI rival would produce nothing "
                             "(a − 2(w+t) + w* ≤ 0): outside the interior Cournot set-up")

    @staticmethod
    @functools.cache
    def _derivation():
        a, w, t, ws, sig2, rho = sp.symbols("a w t w^* sigma^2 rho", real=True)
        u, d = sp.symbols("u d", real=True)
        eps = sp.Symbol("epsilon", real=True)

        def mv(A, B):
            # mean − (ρ/2)·variance of (A + Bε)²/9 with ε ~ N(0, σ²)
            mean = (A**2 + B**2 * sig2) / 9
            var = (4 * A**2 * B**2 * sig2 + 2 * B**4 * sig2**2) / 81
            return mean - rho / 2 * var

        cX = w + t
        cI = ws + eps
        profit = lambda ci, cj: (a - 2 * ci + cj)  # noqa: E731  (π = profit²/9)

        def coeffs(expr):
            e = sp.expand(expr)
            return e.subs(eps, 0), sp.expand(e.diff(eps))

        UX_X = mv(*coeffs(profit(cX, cX)))       # both export
        UI_X = mv(*coeffs(profit(cI, cX)))       # i FDI, rival exports
        UX_I = mv(*coeffs(profit(cX, cI)))       # i exports, rival FDI
        UI_I = mv(*coeffs(profit(cI, cI)))       # both FDI
        sub = {a: u + w + t, ws: w + t - d}
        G_X = sp.simplify(sp.expand((UI_X - UX_X).subs(sub)))
        G_I = sp.simplify(sp.expand((UI_I - UX_I).subs(sub)))
        diff = sp.factor(sp.expand(G_I - G_X))
        rho_star = sp.solve(sp.Eq(G_I - G_X, 0), rho)[0]
        return dict(G_X=G_X, G_I=G_I, diff=diff, rho_star=sp.factor(rho_star),
                    symbols={"u": u, "d": d, "sigma2": sig2, "rho": rho})

    @classmethod
    def closed_forms(cls) -> ClosedForms:
        """Gains ``G_X``, ``G_I``, their difference and the threshold ``ρ*`` (sympy-derived)."""
        D = cls._derivation()
        exprs = {
            "G_X": sp.Eq(sp.Symbol("G_X"), D["G_X"]),
            "G_I": sp.Eq(sp.Symbol("G_I"), D["G_I"]),
            "G_I_minus_G_X": sp.Eq(sp.Symbol("G_{I} - G_{X}"), D["diff"]),
            "rho_star": sp.Eq(sp.Symbol("rho^*"), D["rho_star"]),
        }
        return ClosedForms(exprs, D["symbols"], title="HMR-type follow-the-leader threshold")

    @property
    def u(self) -> float:
        return self.a - self.w - self.t

    @property
    def d(self) -> float:
        return self.w + self.t - self.w_star

    def threshold(self) -> float:
        """``ρ*``; ``inf`` when ``σ² = 0``: with no common risk to hedge no finite risk
        aversion makes FDI decisions complements (``ρ* → ∞`` as ``σ² → 0``)."""
        u, d, s2 = self.u, self.d, self.sigma2
        if s2 == 0:
            return float("inf")
        return 9 * (d**2 + s2) / (2 * s2 * (u**2 + 3 * u * d + 4 * d**2 + 2 * s2))

    def gains(self) -> GainsFromFDI:
        """Mean–variance gains from FDI when the rival exports / invests (closed form)."""
        u, d, s2, rho = self.u, self.d, self.sigma2, self.rho
        G_X = ((u + 2 * d) ** 2 + 4 * s2 - u**2) / 9 - rho / 2 * (
            16 * (u + 2 * d) ** 2 * s2 + 32 * s2**2) / 81
        G_I = ((u + d) ** 2 - (u - d) ** 2) / 9 - rho / 2 * (
            4 * (u + d) ** 2 * s2 - 4 * (u - d) ** 2 * s2) / 81
        gap = G_I - G_X
        tol = tolerance(G_X, G_I, (u + 2 * d) ** 2 / 9, u**2 / 9, s2 / 9)
        rel = "complements" if gap > tol else ("substitutes" if gap < -tol else "independent")
        return GainsFromFDI(float(G_X), float(G_I), rel, self.threshold(), bool(gap > tol))

    def cluster_surplus(self) -> float:
        raise NotImplementedError("OligopolisticReaction is a building block of M2")

    scattered_surplus = cluster_surplus
