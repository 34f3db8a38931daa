"""Asymmetric Nash bargaining with transferable utility: the cluster and one counterpart.

Two parties — the cluster (or one of its bargaining units) and a multinational lead firm
or a host government — split a surplus ``S`` (money). If they disagree, they get their
outside options ``d_1, d_2``. With bargaining power ``β`` of party 1, the (asymmetric)
Nash bargaining solution maximises ``(u_1 − d_1)^β (u_2 − d_2)^{1−β}`` on the frontier
``u_1 + u_2 = S``::

    u_1 = d_1 + β (S − d_1 − d_2),        u_2 = d_2 + (1 − β)(S − d_1 − d_2),

provided ``S ≥ d_1 + d_2`` (otherwise there is no agreement and each keeps its outside
option). With ``β = 1/2`` it is the Shapley value of the two-player TU game
``v({1}) = d_1, v({2}) = d_2, v({1, 2}) = S`` (CHAIN-2). ``β`` is the limit share of the
alternating-offers game with discount rates ``r_1, r_2``: ``β = r_2/(r_1 + r_2)``
(Binmore, Rubinstein & Wolinsky 1986).

**The disagreement point is the hook to the equilibrium cluster model**: the cluster's
outside option ``d_1`` is what its members earn without the deal (their equilibrium
payoff in the cluster model when they serve the market on their own); pass it as
``disagreement``. Each unit of outside option raises the cluster's payoff by ``1 − β``.

References
----------
Nash, J. F. (1950). The bargaining problem. *Econometrica* 18:155–162.
Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person bargaining.
*International Journal of Game Theory* 6:129–133.
Binmore, K., Rubinstein, A. & Wolinsky, A. (1986). The Nash bargaining solution in
economic modelling. *RAND Journal of Economics* 17:176–188.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import finite_array, finite_scalar, in_interval, names_for
from ..coalitional.game import TUGame
from .base import ClosedForms, Model

__all__ = ["NashBargaining"]


@dataclasses.dataclass(frozen=True)
class BargainingOutcome(ResultMixin):
    """The asymmetric Nash bargaining solution (TU) of a two-party problem.

    Attributes
    ----------
    names : tuple of str
    payoffs : ndarray (2,)
        ``u_1, u_2`` (the outside options when there is no agreement).
    gains : ndarray (2,)
        ``u − d``: what each gains from the agreement.
    shares : ndarray (2,)
        ``u / S``, the shares of the surplus (``nan`` when ``S ≤ 0``).
    agreement : bool
        ``S ≥ d_1 + d_2`` (within the package's tolerance).
    net_surplus : float
        ``S − d_1 − d_2``.
    solution : str
        What was computed.

    References
    ----------
    Nash (1950); Kalai (1977).
    """

    names: tuple
    payoffs: np.ndarray
    gains: np.ndarray
    shares: np.ndarray
    agreement: bool
    net_surplus: float
    solution: str


@dataclasses.dataclass(frozen=True)
class NashBargaining(Model):
    """Two parties split a surplus by the asymmetric Nash bargaining solution (CHAIN-2).

    Parameters
    ----------
    surplus : float
        ``S``, the money the two create together.
    disagreement : array_like (2,)
        Outside options ``(d_1, d_2)``: what each gets without an agreement. The
        cluster's outside option comes from the equilibrium cluster model.
    beta : float in [0, 1]
        Bargaining power of party 1.
    names : pair of str
        Default ``("cluster", "lead firm")``; use ``("cluster", "host government")`` for
        bargaining with a host government over an investment's surplus.

    Examples
    --------
    >>> NashBargaining(100.0, (20.0, 10.0), beta=0.4).solve().payoffs
    array([48., 52.])

    References
    ----------
    Nash, J. F. (1950). *Econometrica* 18:155–162.
    Kalai, E. (1977). *International Journal of Game Theory* 6:129–133.
    """

    surplus: float
    disagreement: object = (0.0, 0.0)
    beta: float = 0.5
    names: tuple = ("cluster", "lead firm")

    def _validate(self):
        object.__setattr__(self, "surplus", finite_scalar(self.surplus, "surplus (S)"))
        d = finite_array(self.disagreement, "disagreement (outside options d_1, d_2)",
                         shape=(2,))
        d.setflags(write=False)
        object.__setattr__(self, "disagreement", d)
        object.__setattr__(self, "beta", in_interval(self.beta, "beta (bargaining power)",
                                                     0.0, 1.0))
        object.__setattr__(self, "names", names_for(2, self.names, "party"))

    def solve(self) -> BargainingOutcome:
        """The asymmetric Nash bargaining solution ``u_1 = d_1 + β (S − d_1 − d_2)``."""
        S, d, b = self.surplus, self.disagreement, self.beta
        net = S - d.sum()
        agree = bool(net >= -tolerance(S, d))
        if agree:
            net_ = max(net, 0.0)
            u = np.array([d[0] + b * net_, d[1] + (1.0 - b) * net_])
            how = f"asymmetric Nash bargaining solution (TU, β = {b:g})"
        else:
            u = d.copy()
            how = "no agreement: S < d_1 + d_2, each keeps its outside option"
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = u / S if S > 0 else np.full(2, np.nan)
        return BargainingOutcome(self.names, u, u - d, shares, agree, float(net), how)

    def game(self) -> TUGame:
        """The two-player TU game ``v({1}) = d_1, v({2}) = d_2, v(N) = S``."""
        d = self.disagreement
        return TUGame([0.0, d[0], d[1], self.surplus], names=self.names)

    @staticmethod
    def closed_forms() -> ClosedForms:
        """``u_1``, ``u_2`` from maximising ``β log(u_1 − d_1) + (1−β) log(S − u_1 − d_2)``."""
        return _nash_forms()


@functools.lru_cache(maxsize=None)
def _nash_forms() -> ClosedForms:
    S, d1, d2, u1 = sp.symbols("S d_1 d_2 u_1", real=True)
    beta = sp.Symbol("beta", positive=True)
    log_nash = beta * sp.log(u1 - d1) + (1 - beta) * sp.log(S - u1 - d2)
    u1_star = sp.solve(sp.diff(log_nash, u1), u1)[0]
    # the derived solution, shown in the textbook arrangement (checked equal here)
    shown = {"u_1": d1 + beta * (S - d1 - d2), "u_2": d2 + (1 - beta) * (S - d1 - d2)}
    derived = {"u_1": u1_star, "u_2": S - u1_star}
    for key in shown:
        if sp.simplify(shown[key] - derived[key]) != 0:  # pragma: no cover - sympy bug
            raise RuntimeError(f"the derived Nash solution {derived[key]} differs from "
                               f"{shown[key]}")
    exprs = {
        "u_1": sp.Eq(sp.Symbol("u_1"), shown["u_1"]),
        "u_2": sp.Eq(sp.Symbol("u_2"), shown["u_2"]),
        "du_1_dd_1": sp.Eq(sp.Symbol(r"\partial u_1 / \partial d_1"),
                           sp.simplify(sp.diff(u1_star, d1))),
    }
    return ClosedForms(exprs, {"surplus": S, "d_1": d1, "d_2": d2, "beta": beta},
                       title="Asymmetric Nash bargaining solution (TU)")
