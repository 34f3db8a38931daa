"""Bargaining along the value chain: the cluster's firms and a multinational lead firm.

International market power measured as a share of chain rents. ``n`` cluster firms
(and, optionally, rival suppliers from outside the cluster) supply a lead firm; supplier
``i`` brings ``x_i`` units at unit cost ``c``. The lead firm's gross surplus from total
supply ``X`` is ``V(X) = A X^θ`` (Chipty & Snyder 1999): concave for ``θ < 1``, convex
for ``θ > 1``. Suppliers bargain in *units* — alone, or several cluster firms together
(through their association) — each unit ``g`` with the lead firm, pair by pair
(**Nash-in-Nash**, Horn & Wolinsky 1988): every pair splits the surplus of its own
agreement by the asymmetric Nash solution (supplier's power ``β``), taking the other
agreements as given. With transferable utility the payments of the other pairs cancel
from each pair's surplus, and unit ``g`` is paid

    t_g = c x_g + d_g + β (ΔV_g − c x_g − d_g),     ΔV_g = V(X_A) − V(X_A − x_g),

its cost, its outside option ``d_g`` (the sum of its members' ``d_i``) and a share
``β`` of the pair's net surplus (CHAIN-3). ``A`` is the set of agreements: the
pairwise-stable set (no agreed pair gains by breaking up, no absent pair by agreeing)
that maximises the chain's joint surplus ``V(X_A) − c X_A + Σ_{g∉A} d_g``; the maximiser
is always pairwise stable, so the solution exists (CHAIN-5, our derivation). With small
outside options every pair agrees.

**Bargaining together (CHAIN-1, Chipty & Snyder 1999).** Two units merging into one
gain ``β [V(X) − V(X − x_1 − x_2) − ΔV_1 − ΔV_2] = β [V(X − x_1) + V(X − x_2) − V(X) −
V(X − x_1 − x_2)]``, positive iff ``V`` is concave: with ``V = A X^θ`` joining forces
pays iff ``θ < 1``. With ``m`` of ``n`` equal firms together (no rivals, ``c = d = 0``)
the cluster's share of chain rents is
``β [1 − (1 − m/n)^θ + (n − m)(1 − (1 − 1/n)^θ)]``, rising in ``m`` iff ``θ < 1``
(CHAIN-4).

**Two measures of market power.** The cluster's share of chain rents
``Σ_g (t_g − c x_g) / (V(X_A) − c X_A)`` and the Lerner index of its negotiated unit
price ``p_g = t_g/x_g``, ``L = (p − c)/p`` (Lerner 1934).

**Hook for the equilibrium cluster model.** ``outside`` holds each member's outside
option ``d_i`` — its payoff if its deal with the lead firm fails (its equilibrium payoff
serving the market without the lead firm, from the cluster model). Each unit of it raises
the member's payment by ``1 − β`` until it reaches the pair's net surplus
``ΔV_g − c x_g`` (``break_even_outside``), beyond which the pair does not agree.

References
----------
Horn, H. & Wolinsky, A. (1988). Bilateral monopolies and incentives for merger. *RAND
Journal of Economics* 19:408–419.
Chipty, T. & Snyder, C. M. (1999). The role of firm size in bilateral bargaining: a
study of the cable television industry. *Review of Economics and Statistics*
81:326–340.
Collard-Wexler, A., Gowrisankaran, G. & Lee, R. S. (2019). "Nash-in-Nash" bargaining: a
microfoundation for applied work. *Journal of Political Economy* 127:163–195.
Lerner, A. P. (1934). The concept of monopoly and the measurement of monopoly power.
*Review of Economic Studies* 1:157–175.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import tolerance
from .._validation import (
    finite_array,
    in_interval,
    names_for,
    nonempty_grid,
    nonnegative_array,
    positive,
)
from ..coalitional.game import additive_values
from ..markets.power import lerner_index
from .base import ClosedForms, Model

__all__ = ["ValueChainBargaining"]

#: Largest number of bargaining units whose agreement sets are searched exhaustively.
MAX_UNITS = 20


@dataclasses.dataclass(frozen=True)
class ChainBargainingOutcome(ResultMixin):
    """Nash-in-Nash bargaining of the cluster's units (and rivals) with the lead firm.

    Attributes
    ----------
    units : tuple of tuple of str
        Bargaining units, cluster units first, then one per rival supplier.
    unit_sizes : ndarray
        ``x_g``.
    cluster_unit : ndarray of bool
        Which units are the cluster's.
    agreements : ndarray of bool
        The agreement set ``A`` (pairwise stable, maximal joint surplus).
    payments : ndarray
        ``t_g`` paid by the lead firm (0 without agreement).
    payoffs : ndarray
        Each unit's payoff: ``t_g − c x_g`` with agreement, ``d_g`` without.
    incremental_surplus : ndarray
        ``ΔV_g = V(X_A) − V(X_A − x_g)`` for agreed units, ``V(X_A + x_g) − V(X_A)`` for
        the others.
    break_even_outside : ndarray
        The pair's net surplus ``ΔV_g − c x_g``: given the other agreements, unit ``g``
        agrees iff its outside option is below it.
    lerner : ndarray
        Lerner index of each agreed unit's unit price ``t_g/x_g`` (``nan`` otherwise).
    lead_payoff : float
        ``V(X_A) − Σ t_g``.
    chain_rents : float
        ``V(X_A) − c X_A``.
    cluster_claim : float
        ``Σ_{cluster units in A} (t_g − c x_g)``.
    cluster_share : float
        ``cluster_claim / chain_rents`` (``nan`` when the chain creates no rent).
    cluster_lerner : float
        Lerner index of the cluster's average unit price.
    cluster_payoff : float
        The cluster's total payoff (claims plus the outside options of units without a deal).
    lead_participates : bool
        Whether the lead firm is at least as well off as with no supplier at all
        (``lead_payoff ≥ 0``); Nash-in-Nash does not guarantee it when ``V`` is convex.
    solution : str

    References
    ----------
    Horn & Wolinsky (1988); Chipty & Snyder (1999).
    """

    units: tuple
    unit_sizes: np.ndarray
    cluster_unit: np.ndarray
    agreements: np.ndarray
    payments: np.ndarray
    payoffs: np.ndarray
    incremental_surplus: np.ndarray
    break_even_outside: np.ndarray
    lerner: np.ndarray
    lead_payoff: float
    chain_rents: float
    cluster_claim: float
    cluster_share: float
    cluster_lerner: float
    cluster_payoff: float
    lead_participates: bool
    solution: str


@dataclasses.dataclass(frozen=True)
class ValueChainBargaining(Model):
    """Cluster firms bargaining with a multinational lead firm, alone or together.

    Parameters
    ----------
    sizes : array_like (n,), > 0
        Quantities ``x_i`` the cluster firms supply to the lead firm.
    A : float > 0
        Scale of the lead firm's gross surplus ``V(X) = A X^θ`` (money).
    theta : float > 0
        Curvature: ``θ < 1`` concave (bargaining together pays), ``θ > 1`` convex.
    beta : float in [0, 1]
        The suppliers' bargaining power in each pair.
    cost : float ≥ 0
        Suppliers' unit cost ``c``.
    outside : float or array_like (n,), ≥ 0
        Outside options ``d_i`` of the cluster firms (the hook for the equilibrium
        cluster model; see the module docstring).
    rivals : array_like, > 0
        Quantities of suppliers outside the cluster; each bargains alone with outside
        option 0.
    names : sequence of str, optional
        Names of the cluster firms.

    Examples
    --------
    >>> m = ValueChainBargaining([1.0] * 4, theta=0.5)
    >>> round(m.solve("alone").cluster_share, 4), round(m.solve("together").cluster_share, 4)
    (0.2679, 0.5)

    References
    ----------
    Horn, H. & Wolinsky, A. (1988). *RAND Journal of Economics* 19:408–419.
    Chipty, T. & Snyder, C. M. (1999). *Review of Economics and Statistics* 81:326–340.
    """

    sizes: object
    A: float = 1.0
    theta: float = 0.5
    beta: float = 0.5
    cost: float = 0.0
    outside: object = 0.0
    rivals: object = ()
    names: tuple | None = None

    def _validate(self):
        x = finite_array(self.sizes, "sizes (quantities supplied)", ndim=1)
        if x.size == 0 or np.any(x <= 0):
            raise ValueError("sizes (quantities supplied) must list at least one firm, each "
                             f"supplying > 0, got {x.tolist()}")
        n = x.size
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731
        set_("A", positive(self.A, "A (scale of the lead firm's surplus)"))
        set_("theta", positive(self.theta, "theta (curvature of V)"))
        set_("beta", in_interval(self.beta, "beta (suppliers' bargaining power)", 0.0, 1.0))
        set_("cost", positive(self.cost, "cost (unit cost of supply)", strict=False))
        d = nonnegative_array(self.outside, "outside (outside options)")
        if d.ndim > 1 or (d.ndim == 1 and d.size != n):
            raise ValueError(f"outside (outside options) must be a number or one value per "
                             f"cluster firm ({n}), got shape {d.shape}")
        d = np.array(np.broadcast_to(d, (n,)), dtype=float)
        r = finite_array(self.rivals, "rivals (quantities of other suppliers)")
        if r.ndim > 1 or np.any(r <= 0):
            raise ValueError("rivals (quantities of other suppliers) must be a list of "
                             f"quantities > 0, got {self.rivals!r}")
        r = np.array(np.atleast_1d(r) if r.size else np.zeros(0), dtype=float)
        for key, val in (("sizes", x), ("outside", d), ("rivals", r)):
            val = np.array(val, dtype=float)
            val.setflags(write=False)
            set_(key, val)
        set_("names", names_for(n, self.names, "cluster firm"))

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        return int(self.sizes.size)

    def surplus(self, X) -> np.ndarray:
        """The lead firm's gross surplus ``V(X) = A X^θ`` (vectorised, ``X ≥ 0``)."""
        X = finite_array(X, "X (total supply)")
        if np.any(X < 0):
            raise ValueError("X (total supply) must be >= 0")
        return self.A * X ** self.theta

    def _units(self, groups):
        """Bargaining units of the cluster as lists of firm indices."""
        n = self.n
        if groups is None or (isinstance(groups, str) and groups == "alone"):
            return [[i] for i in range(n)]
        if isinstance(groups, str):
            if groups == "together":
                return [list(range(n))]
            raise ValueError(f"groups must be 'alone', 'together' or a partition of the "
                             f"cluster firms, got {groups!r}")
        if not hasattr(groups, "__iter__"):
            raise ValueError(f"groups must be 'alone', 'together' or a partition of the "
                             f"cluster firms, got {groups!r}")
        units, seen = [], []
        for g in groups:
            if isinstance(g, (str, int, np.integer)):
                g = [g]
            if not hasattr(g, "__iter__"):
                raise ValueError(f"groups: a bargaining unit must list firms, got {g!r}")
            idx = [self._firm_index(i, "groups") for i in g]
            if not idx:
                raise ValueError("groups: a bargaining unit must have at least one firm")
            units.append(idx)
            seen += idx
        if sorted(seen) != list(range(n)):
            raise ValueError(f"groups must be a partition of the {n} cluster firms (each in "
                             f"exactly one unit), got {groups!r}")
        return units

    # ------------------------------------------------------------------ solve
    def solve(self, groups=None) -> ChainBargainingOutcome:
        """Nash-in-Nash payments, the agreement set and the cluster's share of chain rents.

        Parameters
        ----------
        groups : "alone" (default), "together", or a partition of the cluster firms
            (lists of indices or names): the cluster's bargaining units.
        """
        units = self._units(groups)
        xs = np.array([self.sizes[u].sum() for u in units] + list(self.rivals))
        ds = np.array([self.outside[u].sum() for u in units] + [0.0] * self.rivals.size)
        is_cluster = np.arange(xs.size) < len(units)
        A = self._agreements(xs, ds)
        X = float(xs[A].sum())
        V = self.A * X ** self.theta
        c = self.cost
        inc = np.where(A, V - self.A * np.maximum(X - xs, 0.0) ** self.theta,
                       self.A * (X + xs) ** self.theta - V)
        net = inc - c * xs
        pay = np.where(A, c * xs + ds + self.beta * (net - ds), 0.0)
        payoff = np.where(A, pay - c * xs, ds)
        with np.errstate(divide="ignore", invalid="ignore"):
            price = np.where(A, pay / xs, np.nan)
        lern = np.where(A, lerner_index(np.where(A, price, 1.0), c), np.nan)
        rents = V - c * X
        claim = float(np.sum(np.where(A & is_cluster, payoff, 0.0)))
        tol = tolerance(V, c * X, ds)
        share = claim / rents if rents > tol else float("nan")
        cl_pay = float(pay[A & is_cluster].sum())
        cl_x = float(xs[A & is_cluster].sum())
        cl_lerner = (float(lerner_index(cl_pay / cl_x, c)) if cl_x > 0 else float("nan"))
        lead = float(V - pay.sum())
        names = tuple(tuple(self.names[i] for i in u) for u in units)
        names += tuple((f"rival {j}",) for j in range(self.rivals.size))
        how = (f"Nash-in-Nash bargaining (pairwise asymmetric Nash, β = {self.beta:g}) with "
               f"the pairwise-stable agreement set of maximal joint surplus: "
               f"{int(A.sum())} of {A.size} pairs agree")
        return ChainBargainingOutcome(
            units=names, unit_sizes=xs, cluster_unit=is_cluster, agreements=A,
            payments=pay, payoffs=payoff, incremental_surplus=inc, break_even_outside=net,
            lerner=lern, lead_payoff=lead, chain_rents=float(rents), cluster_claim=claim,
            cluster_share=share, cluster_lerner=cl_lerner,
            cluster_payoff=float(payoff[is_cluster].sum()),
            lead_participates=bool(lead >= -tol), solution=how)

    def _agreements(self, xs: np.ndarray, ds: np.ndarray) -> np.ndarray:
        """The agreement set maximising ``W(A) = V(X_A) − Σ_{g∈A} (c x_g + d_g)``.

        The maximiser is pairwise stable: removing an agreed unit or adding an absent
        one cannot raise ``W``, which is exactly each pair's participation condition.
        Ties go to the set with more agreements. Every pair agrees when that is stable and
        ``V`` is concave (then it is the maximiser); otherwise all ``2^m`` sets are compared.
        """
        m = xs.size
        k = self.cost * xs + ds
        full = np.ones(m, dtype=bool)
        X = xs.sum()
        V = self.A * X ** self.theta
        tol = tolerance(V, k)
        gains = V - self.A * np.maximum(X - xs, 0.0) ** self.theta - k
        if self.theta <= 1.0 and np.all(gains >= -tol):
            return full
        if m > MAX_UNITS:
            raise ValueError(f"with {m} bargaining units (sizes and rivals) some pair does not "
                             f"agree and the agreement set would need a search over 2^{m} "
                             f"sets; at most {MAX_UNITS} units are supported")
        XA = additive_values(xs)
        W = self.A * XA ** self.theta - additive_values(k)
        sizes = additive_values(np.ones(m))
        best = W.max()
        cand = np.flatnonzero(W >= best - tolerance(W))
        mask = int(cand[np.argmax(sizes[cand])])
        return (mask >> np.arange(m)) & 1 == 1

    def share_by_group_size(self, m=None):
        """The cluster's share of chain rents and Lerner index when its first ``m`` firms
        bargain together and the others alone (``m = 1`` is everyone alone).

        Returns ``(m, share, lerner)`` arrays; ``m`` defaults to ``1 … n``.
        """
        m = np.arange(1, self.n + 1) if m is None else nonempty_grid(m, "m (firms together)")
        if np.any(m != np.round(m)) or np.any((m < 1) | (m > self.n)):
            raise ValueError(f"m (firms together) must be whole numbers in 1..{self.n}, got "
                             f"{np.asarray(m).tolist()}")
        m = m.astype(int)
        share, lern = np.empty(m.size), np.empty(m.size)
        for j, mm in enumerate(m):
            out = self.solve([list(range(mm))] + [[i] for i in range(mm, self.n)])
            share[j], lern[j] = out.cluster_share, out.cluster_lerner
        return m, share, lern

    def merger_gain(self, members) -> float:
        """How much ``members`` gain together by bargaining as one unit instead of alone
        (every other cluster firm alone): the Chipty–Snyder comparison (CHAIN-1).

        ``members``: two or more cluster firms (indices or names).
        """
        if isinstance(members, (str, bytes)) or not hasattr(members, "__iter__"):
            raise ValueError(f"members must list two or more cluster firms, got {members!r}")
        idx = [self._firm_index(i, "members") for i in members]
        if len(set(idx)) != len(idx) or len(idx) < 2:
            raise ValueError(f"members must list two or more distinct cluster firms, "
                             f"got {members!r}")
        rest = [[i] for i in range(self.n) if i not in idx]
        together = self.solve([idx] + rest)
        alone = self.solve("alone")
        return float(together.payoffs[0] - alone.payoffs[idx].sum())

    def _firm_index(self, i, what: str) -> int:
        if isinstance(i, str):
            if i not in self.names:
                raise ValueError(f"{what}: unknown firm {i!r}; firms are {self.names}")
            return self.names.index(i)
        if (isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer))
                or not 0 <= i < self.n):
            raise ValueError(f"{what}: firm {i!r} is not a name or an index 0..{self.n - 1}")
        return int(i)

    def cluster_surplus(self) -> float:
        """The cluster's payoff when all its firms bargain as one unit."""
        return self.solve("together").cluster_payoff

    def scattered_surplus(self) -> float:
        """The cluster's payoff when each firm bargains alone."""
        return self.solve("alone").cluster_payoff

    # ------------------------------------------------------------------ symbolic
    @staticmethod
    def closed_forms() -> ClosedForms:
        """Pair payment, Chipty–Snyder merger gain, and the share with ``m`` of ``n`` together.

        ``merger_gain`` is for two units of size ``x`` in total supply ``X``;
        ``share_m`` for ``n`` equal firms, ``m`` of them together, no rivals, ``c = d = 0``.
        """
        return _chain_forms()


@functools.lru_cache(maxsize=None)
def _chain_forms() -> ClosedForms:
    A, X, x, theta, beta, c, d = sp.symbols("A X x theta beta c d", positive=True)
    n, m = sp.symbols("n m", positive=True)
    V = lambda z: A * z**theta  # noqa: E731
    dV = V(X) - V(X - x)
    t = sp.Symbol("t")
    nash = beta * sp.log(t - c * x - d) + (1 - beta) * sp.log(dV - t)
    t_star = sp.solve(sp.diff(nash, t), t)[0]
    gain = beta * ((V(X) - V(X - 2 * x)) - 2 * dV)
    share = beta * (1 - (1 - m / n) ** theta + (n - m) * (1 - (1 - 1 / n) ** theta))
    exprs = {
        "t_g": sp.Eq(sp.Symbol("t_g"), sp.collect(sp.expand(t_star), beta)),
        "merger_gain": sp.Eq(sp.Symbol(r"\Delta_{merge}"), sp.factor(gain)),
        "curvature": sp.Eq(sp.Symbol("V''(X)"), sp.factor(sp.diff(V(X), X, 2))),
        "share_m": sp.Eq(sp.Symbol("s(m)"), share),
        "share_step": sp.Eq(sp.Symbol("s(m+1) - s(m)"),
                            sp.simplify(share.subs(m, m + 1) - share)),
    }
    syms = {"A": A, "X": X, "x": x, "theta": theta, "beta": beta, "cost": c, "d": d,
            "n": n, "m": m}
    return ClosedForms(exprs, syms, title="Nash-in-Nash bargaining with a lead firm")
