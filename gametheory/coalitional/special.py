"""Special games with closed-form solutions: airport games and bankruptcy problems.

Airport games (Littlechild & Owen 1973): player ``i`` needs a facility of cost
``c_i`` (a runway long enough for its aircraft); a coalition builds the largest one
it needs, ``c(S) = max_{i∈S} c_i``. The Shapley value splits each cost increment
equally among the players who need it; the nucleolus has a sequential closed form
(Littlechild 1974).

Bankruptcy problems (O'Neill 1982; Aumann & Maschler 1985): an estate ``E`` is
divided among claims ``d`` with ``Σ d ≥ E``. The coalitional form is
``v(S) = max(0, E − Σ_{j∉S} d_j)``; the Talmud rule is its nucleolus (Aumann &
Maschler 1985) and the adjusted proportional rule its τ-value (Curiel, Maschler &
Tijs 1987). The rules here are the closed forms, computed in ``O(n log n)``.

These functions accept any number of players (the closed forms never build the
``2**n`` table); only :func:`airport_game` and :func:`bankruptcy_game` build a game.
"""

from __future__ import annotations

import numpy as np

from .._validation import finite_scalar, names_for, nonnegative_array
from .allocation import Allocation
from .game import CostGame, TUGame, _check_n, additive_values

__all__ = [
    "airport_game",
    "airport_nucleolus",
    "airport_shapley",
    "bankruptcy_game",
    "constrained_equal_awards",
    "constrained_equal_losses",
    "proportional_rule",
    "talmud_rule",
]


# ---------------------------------------------------------------------- airport games
def _costs(costs) -> np.ndarray:
    c = nonnegative_array(costs, "costs", ndim=1)
    if c.shape[0] < 1:
        raise ValueError("costs must list at least one player's cost")
    return c


def airport_game(costs, names=None) -> CostGame:
    r"""The airport cost game ``c(S) = max_{i∈S} c_i`` (``c(∅) = 0``).

    Parameters
    ----------
    costs : 1-D array of finite, non-negative numbers
        ``c_i``: the cost of the facility player ``i`` needs (any order).
    names : sequence of str, optional

    The game is concave (submodular), so its savings game is convex and the core
    equals the Weber set.

    References
    ----------
    Littlechild, S. C. & Owen, G. (1973). A simple expression for the Shapley value in
    a special case. *Management Science* 20:370–372.
    """
    c = _costs(costs)
    _check_n(c.shape[0])
    table = np.zeros(1)
    for ci in c:
        table = np.concatenate([table, np.maximum(table, ci)])
    return CostGame(table, names=names)


def airport_shapley(costs, names=None) -> Allocation:
    r"""Shapley value of the airport game in closed form (Littlechild & Owen 1973).

    With costs sorted ``c_(1) ≤ … ≤ c_(n)`` and ``c_(0) = 0``,

    .. math:: φ_{(i)} = \sum_{j=1}^{i} \frac{c_{(j)} − c_{(j−1)}}{n − j + 1},

    each increment shared equally by the ``n − j + 1`` players who need it. Returned in
    the input order (ties get equal shares). ``O(n log n)``, any ``n``.

    References
    ----------
    Littlechild, S. C. & Owen, G. (1973). *Management Science* 20:370–372.
    """
    c = _costs(costs)
    n = c.shape[0]
    order = np.argsort(c, kind="stable")
    cs = c[order]
    incr = np.diff(cs, prepend=0.0)
    phi_sorted = np.cumsum(incr / (n - np.arange(n)))
    phi = np.empty(n)
    phi[order] = phi_sorted
    return Allocation(phi, names_for(n, names), "Shapley value (airport closed form, "
                      "Littlechild & Owen 1973)", kind="cost")


def airport_nucleolus(costs, names=None) -> Allocation:
    r"""Nucleolus of the airport game in closed form (Littlechild 1974).

    With costs sorted ``c_(1) ≤ … ≤ c_(n)``, the players are cut into consecutive
    groups. Starting with ``k_0 = 0`` and ``X_0 = 0`` (what groups so far pay),

    .. math::
        r_m = \min_{k_{m−1} < k < n} \frac{c_{(k)} − X_{m−1}}{k − k_{m−1} + 1},

    ``k_m`` the largest minimiser; players ``k_{m−1}+1 … k_m`` each pay ``r_m`` and
    ``X_m = X_{m−1} + (k_m − k_{m−1}) r_m``. When the groups reach player ``n − 1``,
    the last (most demanding) player pays the rest, ``c_(n) − X``. The ``+1`` in the
    denominator is the most demanding player, whose excess
    ``c(N) − x(N∖\{j\})`` balances each group's excess ``c_{(k)} − x(\{1..k\})``.
    Returned in the input order; ``O(n^2)`` worst case, any ``n``.

    References
    ----------
    Littlechild, S. C. (1974). A simple expression for the nucleolus in a special
    case. *International Journal of Game Theory* 3:21–29.
    """
    c = _costs(costs)
    n = c.shape[0]
    order = np.argsort(c, kind="stable")
    cs = c[order]
    x = np.empty(n)
    start, paid = 0, 0.0
    while start < n - 1:
        ks = np.arange(start, n - 1)  # 0-based positions k (players start..k form a group)
        rates = (cs[ks] - paid) / (ks - start + 2)
        r = rates.min()
        k = int(ks[np.flatnonzero(rates <= r)[-1]])
        x[start:k + 1] = r
        paid += (k - start + 1) * r
        start = k + 1
    x[n - 1] = cs[n - 1] - paid
    out = np.empty(n)
    out[order] = x
    return Allocation(out, names_for(n, names), "nucleolus (airport closed form, "
                      "Littlechild 1974)", kind="cost")


# ---------------------------------------------------------------------- bankruptcy
def _problem(estate, claims):
    e = finite_scalar(estate, "estate")
    d = nonnegative_array(claims, "claims", ndim=1)
    if d.shape[0] < 1:
        raise ValueError("claims must list at least one claimant")
    if e < 0:
        raise ValueError(f"the estate must be >= 0, got {e}")
    total = d.sum()
    if e > total * (1 + 1e-12) + 1e-12:
        raise ValueError(
            f"a bankruptcy problem needs estate <= total claims; got estate {e:.10g} > "
            f"Σ claims = {total:.10g} (there is nothing to ration)"
        )
    return min(e, total), d


def bankruptcy_game(estate, claims, names=None) -> TUGame:
    r"""The (pessimistic) bankruptcy game ``v(S) = max(0, E − Σ_{j∉S} d_j)``.

    What coalition ``S`` is sure to get after every outsider's claim is paid in full.

    Parameters
    ----------
    estate : float, ``0 ≤ E ≤ Σ d``
    claims : 1-D array of non-negative numbers ``d``
    names : sequence of str, optional

    References
    ----------
    O'Neill, B. (1982). A problem of rights arbitration from the Talmud. *Mathematical
    Social Sciences* 2:345–371.
    Aumann & Maschler (1985).
    """
    e, d = _problem(estate, claims)
    _check_n(d.shape[0])
    inside = additive_values(d)
    return TUGame(np.maximum(0.0, e - (d.sum() - inside)), names=names)


def _cea(e: float, d: np.ndarray) -> np.ndarray:
    """Constrained equal awards ``min(d_i, λ)`` with ``Σ = e`` (``0 ≤ e ≤ Σ d``)."""
    n = d.shape[0]
    if e >= d.sum():
        return d.copy()
    ds = np.sort(d)
    before = np.concatenate([[0.0], np.cumsum(ds)[:-1]])
    # if λ ∈ [ds[k-1], ds[k]]: Σ = before[k] + (n-k) λ; first k with that reaching e
    reach = before + (n - np.arange(n)) * ds
    k = int(np.searchsorted(reach, e, side="left"))
    lam = (e - before[k]) / (n - k)
    return np.minimum(d, lam)


def _names(d, names):
    return names_for(d.shape[0], names, "claimant")


def constrained_equal_awards(estate, claims, names=None) -> Allocation:
    r"""Constrained equal awards (CEA): ``x_i = min(d_i, λ)`` with ``Σ_i x_i = E``.

    Maimonides' rule; everyone gets the same unless that would exceed the claim.

    References
    ----------
    Thomson, W. (2003). Axiomatic and game-theoretic analysis of bankruptcy and
    taxation problems: a survey. *Mathematical Social Sciences* 45:249–297.
    """
    e, d = _problem(estate, claims)
    return Allocation(_cea(e, d), _names(d, names), "constrained equal awards")


def constrained_equal_losses(estate, claims, names=None) -> Allocation:
    r"""Constrained equal losses (CEL): ``x_i = max(0, d_i − μ)`` with ``Σ_i x_i = E``.

    The dual of CEA: losses ``d − x`` are CEA of the deficit ``Σ d − E``.

    References
    ----------
    Thomson, W. (2003). *Mathematical Social Sciences* 45:249–297.
    """
    e, d = _problem(estate, claims)
    x = d - _cea(d.sum() - e, d)
    return Allocation(np.maximum(x, 0.0), _names(d, names), "constrained equal losses")


def proportional_rule(estate, claims, names=None) -> Allocation:
    r"""Proportional rule ``x_i = E d_i / Σ_j d_j`` (all zeros when every claim is 0).

    References
    ----------
    Aumann & Maschler (1985).
    Thomson, W. (2003). Axiomatic and game-theoretic analysis of bankruptcy and taxation problems: a
    survey. *Mathematical Social Sciences* 45:249–297.
    """
    e, d = _problem(estate, claims)
    total = d.sum()
    x = np.zeros_like(d) if total == 0 else e * d / total
    return Allocation(x, _names(d, names), "proportional rule")


def talmud_rule(estate, claims, names=None) -> Allocation:
    r"""The Talmud rule (Aumann & Maschler 1985).

    .. math::
        x = \begin{cases} \mathrm{CEA}(E, d/2) & E ≤ Σd/2, \\
                          d/2 + \mathrm{CEL}(E − Σd/2,\ d/2) & E ≥ Σd/2. \end{cases}

    It is the nucleolus of :func:`bankruptcy_game` (Aumann & Maschler 1985, Theorem A)
    and reproduces the Mishna's division of estates 100, 200, 300 among claims 100,
    200, 300.

    Examples
    --------
    >>> import gametheory as gt
    >>> [gt.talmud_rule(e, [100, 200, 300]).tolist() for e in (200, 300)]
    [[50.0, 75.0, 75.0], [50.0, 100.0, 150.0]]

    References
    ----------
    Aumann & Maschler (1985).
    """
    e, d = _problem(estate, claims)
    half = d / 2
    if e <= half.sum():
        x = _cea(e, half)
    else:
        x = d - _cea(d.sum() - e, half)  # = d/2 + CEL(E − Σd/2, d/2)
    return Allocation(x, _names(d, names), "Talmud rule (Aumann & Maschler 1985)")
