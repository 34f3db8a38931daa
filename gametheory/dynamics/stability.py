"""Rest points and their local stability, read from the eigenvalues of the Jacobian.

A rest point ``x*`` of ``ẋ = f(x)`` is classified by the eigenvalues ``λ`` of the
Jacobian ``Df(x*)`` restricted to the state space (for population shares: the tangent
space of the simplex or product of simplices; Hartman–Grobman):

* every ``Re λ < 0``: a **sink**, asymptotically stable;
* every ``Re λ > 0``: a **source**; some positive and some negative: a **saddle** — both
  unstable;
* some ``Re λ > 0`` and the others ``= 0``: **unstable** (not hyperbolic, but an
  eigenvalue with positive real part already makes it unstable);
* no ``Re λ > 0`` and some ``= 0``: **non-hyperbolic** — the linearisation does not
  decide (a centre, or a continuum of rest points).

A real part counts as zero when it is within the tolerance (relative to the scale of
the payoffs that drive the dynamics, see :mod:`gametheory._tolerance`).

References
----------
Hirsch, M. W., Smale, S. & Devaney, R. L. (2013). *Differential Equations, Dynamical
Systems, and an Introduction to Chaos*, 3rd ed. Academic Press, ch. 8 (linearisation,
Hartman–Grobman).
Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
Cambridge University Press, ch. 7 and 10.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._display import fmt
from .._results import ResultMixin

#: The verdicts, and whether each one means asymptotically stable (None: undecided).
STABILITY = {
    "sink": True,
    "source": False,
    "saddle": False,
    "unstable": False,
    "non-hyperbolic": None,
}


def classify(eigenvalues, tol: float) -> str:
    """The local verdict (a key of :data:`STABILITY`) from the eigenvalues and a zero band ``tol``.

    References
    ----------
    Hirsch, Smale & Devaney (2013), ch. 8.
    """
    re = np.real(np.asarray(eigenvalues, dtype=complex))
    if re.size == 0:
        return "non-hyperbolic"
    pos, neg = re > tol, re < -tol
    if neg.all():
        return "sink"
    if pos.all():
        return "source"
    if pos.any() and neg.any():
        return "saddle"
    if pos.any():
        return "unstable"
    return "non-hyperbolic"


@dataclass(frozen=True)
class RestPoint(ResultMixin):
    """A rest point of a population dynamic and its linear stability.

    Attributes
    ----------
    state : ndarray
        The population shares (all populations' strategies, concatenated).
    eigenvalues : ndarray
        Eigenvalues of the Jacobian restricted to the state space.
    stability : str
        ``"sink"``, ``"source"``, ``"saddle"``, ``"unstable"`` or ``"non-hyperbolic"``
        (see :func:`classify`).
    support : tuple of tuples
        The strategies used by each population (indices).
    label : str
        A short name: the strategies played where the point is pure, shares otherwise.

    References
    ----------
    Hofbauer & Sigmund (1998), ch. 7.
    """

    state: np.ndarray
    eigenvalues: np.ndarray
    stability: str
    support: tuple
    label: str = ""

    @property
    def asymptotically_stable(self) -> bool | None:
        """True for a sink, False when unstable, None when the linearisation does not decide."""
        return STABILITY[self.stability]

    @property
    def is_pure(self) -> bool:
        """Every population plays one strategy (a vertex of the state space)."""
        return all(len(s) == 1 for s in self.support)

    def __repr__(self):
        ev = ", ".join(_fmt_complex(z) for z in self.eigenvalues)
        where = self.label or np.round(self.state, 4).tolist()
        return f"RestPoint({where}: {self.stability}; λ = {ev})"


def _fmt_complex(z) -> str:
    z = complex(z)
    if abs(z.imag) <= 1e-12 * max(1.0, abs(z.real)):
        return fmt(z.real, 4)
    return f"{fmt(z.real, 4)}{'+' if z.imag >= 0 else '−'}{fmt(abs(z.imag), 4)}i"
