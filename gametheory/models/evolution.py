"""The tripartite evolutionary game of cluster-style OFDI: firms, their association, the government.

A large literature on clustered outward FDI (much of it Chinese, on "抱团出海") models the
spread of cluster-style investment as an evolutionary game between three populations,
each with two strategies, and reads the outcome off the rest points of the replicator
dynamics and the signs of the Jacobian's eigenvalues. This module sets up one such game
with named parameters (in sympy), finds every rest point with its stability conditions
(:class:`~gametheory.dynamics.SymbolicReplicator`), and maps how the basins of attraction
move with a policy parameter. Users who prefer another payoff specification write their
own 2×2×2 table in sympy and pass it to :class:`~gametheory.dynamics.SymbolicReplicator`.

Populations and strategies (shares of the first strategy ``x``, ``y``, ``z``):

* home **firms** — ``cluster`` (invest as part of the cluster) or ``scattered`` (enter
  alone, "blind entry");
* the industry **association** — coordinate ``strict`` or ``loose``;
* the **government** — ``support`` the cluster or ``no support``.

Payoffs (each population's strategy against the others' pure strategies):

=============  ===============================================================
firm           cluster: ``R_c + g·[strict] + s·[support]``;
               scattered: ``R_s − L − p·[strict]``
association    strict: ``−c_a + r_a·[cluster] + p·[scattered] + h·[support]``;
               loose: ``−e_a·[scattered]``
government     support: ``(w − s)·[cluster] − c_g − h·[strict]``;
               no support: ``−d·[scattered]``
=============  ===============================================================

``R_c``, ``R_s``: a firm's return from cluster-style and from scattered OFDI; ``g``: the
cluster gain a strictly coordinating association delivers (shared information, services,
bargaining); ``L``: expected loss from blind entry (price wars abroad, failed ventures);
``s``: government subsidy conditioned on joining the cluster; ``p``: the association's
penalty on blind entry (collected by a strict association); ``c_a``: the association's
cost of strict coordination; ``r_a``: its revenue per clustering firm (fees, standing);
``e_a``: a loose association's loss of standing when its members enter blindly; ``h``:
the government's grant to a strict association; ``c_g``: the cost of running the support
programme; ``w``: the government's gain (taxes, jobs, credit) from supported cluster
OFDI; ``d``: its loss from disorderly scattered OFDI when it stays out.

The payoff gaps are ``ΔU_F = R_c − R_s + L + (g + p) y + s z``,
``ΔU_A = r_a x + (p + e_a)(1 − x) − c_a + h z`` and ``ΔU_G = (w − s) x + d (1 − x) − c_g − h y``;
e.g. the all-cluster outcome ``(cluster, strict, support)`` is asymptotically stable iff
``R_c − R_s + L + g + p + s > 0``, ``r_a + h > c_a`` and ``w > s + c_g + h``.

References
----------
Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics.
*Mathematical Biosciences* 40:145–156.
Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal
conflicts. *Journal of Theoretical Biology* 84:93–101.
Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games.
*Econometrica* 63:1371–1399.
Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59:637–666.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._validation import finite_scalar, nonempty_grid, positive, whole_number
from ..dynamics import ReplicatorDynamics, SymbolicReplicator
from .base import ClosedForms, Model

POPULATIONS = ("firms", "association", "government")
STRATEGIES = (("cluster", "scattered"), ("strict", "loose"), ("support", "no support"))
#: Parameter names and their sympy symbols (rendered in LaTeX).
PARAMETERS = ("R_c", "R_s", "g", "L", "s", "p", "c_a", "r_a", "e_a", "h", "c_g", "w", "d")


@functools.cache
def _symbols() -> dict:
    return {name: sp.Symbol(name, real=True) for name in PARAMETERS}


def tripartite_payoffs(symbols: dict | None = None) -> dict:
    """The 2×2×2 payoff table ``{(firm, association, government): (u_F, u_A, u_G)}`` in sympy
    (0 = cluster / strict / support, 1 = scattered / loose / no support).

    References
    ----------
    Friedman (1991); the specification is documented in the module docstring.
    """
    S = _symbols() if symbols is None else symbols
    R_c, R_s, g, L, s, p = (S[k] for k in ("R_c", "R_s", "g", "L", "s", "p"))
    c_a, r_a, e_a, h, c_g, w, d = (S[k] for k in ("c_a", "r_a", "e_a", "h", "c_g", "w", "d"))
    table = {}
    for f in (0, 1):
        for a in (0, 1):
            for gov in (0, 1):
                strict, support, cluster = int(a == 0), int(gov == 0), int(f == 0)
                u_f = (R_c + g * strict + s * support) if cluster else (R_s - L - p * strict)
                u_a = (-c_a + r_a * cluster + p * (1 - cluster) + h * support) if strict \
                    else (-e_a * (1 - cluster))
                u_g = ((w - s) * cluster - c_g - h * strict) if support else (-d * (1 - cluster))
                table[(f, a, gov)] = (sp.sympify(u_f), sp.sympify(u_a), sp.sympify(u_g))
    return table


@functools.cache
def _symbolic_game() -> SymbolicReplicator:
    return SymbolicReplicator(tripartite_payoffs(), POPULATIONS, STRATEGIES)


@dataclasses.dataclass(frozen=True)
class TripartiteResult(ResultMixin):
    """Rest points of the tripartite game at given parameters.

    Attributes
    ----------
    points : tuple of :class:`~gametheory.dynamics.RestPoint`
        Every isolated rest point (states: shares of both strategies of each population).
    sinks : tuple of str
        Labels of the asymptotically stable rest points.
    degenerate : bool
        Some edge or face carries a continuum of rest points (a boundary case).
    method : str

    References
    ----------
    Ritzberger & Weibull (1995).
    """

    points: tuple
    sinks: tuple
    degenerate: bool
    method: str = "replicator dynamics: rest points by face, eigenvalues of the Jacobian"


@dataclasses.dataclass(frozen=True)
class BasinMap(ResultMixin):
    """Shares of initial states that end at each sink, over a grid of one parameter.

    Attributes
    ----------
    parameter : str
    values : ndarray (V,)
    outcomes : tuple of str
        Sink labels (every sink seen at some value), plus ``"no rest"`` for starts that
        reach no sink within the horizon (cycles, slow drift).
    shares : ndarray (V, len(outcomes))
        Row ``v``: the share of starts ending at each outcome; rows sum to one.
    n_starts : int

    References
    ----------
    Hofbauer & Sigmund (1998), ch. 7.
    """

    parameter: str
    values: np.ndarray
    outcomes: tuple
    shares: np.ndarray
    n_starts: int

    def share(self, outcome: str) -> np.ndarray:
        """The share of starts ending at ``outcome`` for each parameter value."""
        if outcome not in self.outcomes:
            raise ValueError(f"unknown outcome {outcome!r}; outcomes are {list(self.outcomes)}")
        return self.shares[:, self.outcomes.index(outcome)]


@dataclasses.dataclass(frozen=True)
class TripartiteOFDI(Model):
    """Firms, their industry association and the government: the evolutionary game of
    cluster-style versus scattered OFDI (payoffs in the module docstring).

    The defaults (in millions, say) make scattered entry the better choice for a firm that
    clusters without a strict association (``R_c − R_s + L = −2``), strict coordination
    pay only when firms cluster, and the government support only a cluster: both the
    all-scattered outcome and the all-cluster outcome are stable, and the policy
    parameters ``s`` and ``p`` move the boundary between their basins (a penalty
    ``p > c_a − e_a`` on blind entry removes the all-scattered outcome; a subsidy
    ``s > w − c_g − h`` makes the government withdraw from a cluster that no longer
    needs it).

    Examples
    --------
    >>> import gametheory as gt
    >>> gt.TripartiteOFDI().solve().sinks
    ('cluster | strict | support', 'scattered | loose | no support')

    References
    ----------
    Friedman (1991); Ritzberger & Weibull (1995); Taylor & Jonker (1978).
    """

    R_c: float = 2.0
    R_s: float = 5.0
    g: float = 3.0
    L: float = 1.0
    s: float = 1.0
    p: float = 1.0
    c_a: float = 3.5
    r_a: float = 4.0
    e_a: float = 1.0
    h: float = 1.0
    c_g: float = 1.0
    w: float = 4.0
    d: float = 0.5

    def _validate(self):
        for k in PARAMETERS:
            object.__setattr__(self, k, finite_scalar(getattr(self, k), k))
        for k in ("g", "L", "s", "p", "c_a", "r_a", "e_a", "h", "c_g", "w", "d"):
            positive(getattr(self, k), k, strict=False)

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    def symbolic() -> SymbolicReplicator:
        """The game in sympy: payoff gaps, dynamics, Jacobian, rest points with conditions."""
        return _symbolic_game()

    @classmethod
    def closed_forms(cls) -> ClosedForms:
        """The payoff gaps and, for each vertex, the eigenvalues of the Jacobian (sympy)."""
        game = cls.symbolic()
        exprs = {}
        names = ("F", "A", "G")
        for name, gap in zip(names, game.gaps):
            exprs[f"gap_{name}"] = sp.Eq(sp.Symbol(f"Delta U_{name}"), sp.collect(gap,
                                                                                  game.state))
        for pt in game.rest_points().vertices():
            for p, ev in enumerate(pt.eigenvalues):
                key = f"lambda_{names[p]}({pt.label})"
                exprs[key] = sp.Eq(sp.Symbol(f"lambda_{names[p]}[{pt.label}]"), ev)
        symbols = {**_symbols(), **{s.name: s for s in game.state}}
        return ClosedForms(exprs, symbols, title="Tripartite cluster-OFDI game")

    def values(self) -> dict:
        """The parameters as ``{name: value}``."""
        return {k: getattr(self, k) for k in PARAMETERS}

    # ------------------------------------------------------------------ numbers
    def game(self):
        """The :class:`NormalFormGame` at these parameters (populations as players)."""
        return self.symbolic().normal_form(**self.values())

    def dynamics(self) -> ReplicatorDynamics:
        """The numerical replicator dynamics at these parameters."""
        return ReplicatorDynamics(self.game())

    def solve(self) -> TripartiteResult:
        """Every rest point with its eigenvalues and stability (numerically at these values).

        References
        ----------
        Ritzberger & Weibull (1995).
        """
        pts = self.dynamics().rest_points()
        return TripartiteResult(tuple(pts.points), tuple(p.label for p in pts.sinks()),
                                pts.degenerate)

    def stability_conditions(self) -> dict:
        """``{vertex label: sympy condition for asymptotic stability}`` for the 8 vertices."""
        return {pt.label: pt.stable_if for pt in self.symbolic().rest_points().vertices()}

    def trajectories(self, x0, t_max: float = 20.0, n_points: int = 201):
        """Paths from initial shares ``x0`` (shape (B, 3): firms clustering, association strict,
        government supporting)."""
        return self.dynamics().trajectories(x0, t_max, n_points)

    def basins(self, parameter: str, values, n_starts: int = 1000, seed: int = 0,
               horizon: float = 2000.0, radius: float = 1e-2) -> BasinMap:
        """Share of random initial states (uniform on the unit cube, the same for every
        value) that end within ``radius`` of each sink after ``horizon`` (in units of
        1/largest payoff), for each value of ``parameter``; "no rest" for the others (near
        a non-hyperbolic point convergence is too slow to finish).

        References
        ----------
        Hofbauer & Sigmund (1998), ch. 7.
        """
        if parameter not in PARAMETERS:
            raise ValueError(f"parameter must be one of {list(PARAMETERS)}, got {parameter!r}")
        grid = nonempty_grid(values, "values")
        n_starts = whole_number(n_starts, "n_starts", 1)
        starts = np.random.default_rng(seed).random((n_starts, 3))
        counts = []
        labels: list = []
        for v in grid:
            rd = self.replace(**{parameter: float(v)}).dynamics()
            pts = rd.rest_points()
            idx = rd.limits(starts, horizon=horizon, points=pts, radius=radius)
            row = {}
            for i in idx:
                lab = pts[i].label if i >= 0 else "no rest"
                row[lab] = row.get(lab, 0) + 1
                if lab not in labels:
                    labels.append(lab)
            counts.append(row)
        labels.sort(key=lambda s: (s == "no rest", s))
        shares = np.array([[row.get(lab, 0) / n_starts for lab in labels] for row in counts])
        return BasinMap(parameter, grid, tuple(labels), shares, n_starts)

    def cluster_surplus(self) -> float:
        raise NotImplementedError("TripartiteOFDI is a dynamic model; it has no surplus")

    scattered_surplus = cluster_surplus
