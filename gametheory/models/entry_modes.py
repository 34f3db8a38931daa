"""Entry modes by firm size: export, non-equity, greenfield and M&A, alone and with the cluster.

Firms differ in productivity ``φ`` (Pareto with shape ``k``, or a user-given sample); in
a CES host market with demand level ``B`` a firm's variable profit is proportional to its
productivity index ``Φ = φ^{σ−1}`` (Helpman, Melitz & Yeaple 2004). Each firm serves the
host market by the most profitable of five options (``MODES``)::

    home          0
    export        π_X = B τ^{1−σ} Φ − f_X
    non-equity    π_L = λ · B ℓ Φ − f_L        (licensing / contract manufacturing)
    greenfield    π_G = B γ Φ − f_G
    M&A           π_M = B ℓ Φ − f_M

when firms differ in **mobile** capabilities (technology, ``Φ`` travels with the
firm); when they differ in **non-mobile** capabilities (local know-how, which a foreign
affiliate cannot use fully) the modes that rely on a local firm's capability do not
scale with the firm's own ``Φ``: ``π_L = λ B ℓ − f_L`` and ``π_M = B ℓ − f_M``.

* ``λ ∈ (0, 1]`` (``licence_share``) is the share of the non-equity mode's rents the firm
  keeps: the licensee or contract manufacturer sets the price and keeps ``1 − λ`` —
  the rent it must be left so that it does not defect with the technology (Horstmann &
  Markusen 1987; Ethier & Markusen 1996). Equity modes keep all rents and the price.
* ``γ ∈ (0, 1]`` (``greenfield_efficiency``) is how well a new plant abroad uses the
  firm's own capabilities; ``ℓ > 0`` (``local_capability``) the host-market capability
  of the local partner or acquired target. ``f_M`` includes the price paid for the
  target (taken as given).

**Sorting (MODES-1).** Profits are affine in ``Φ``, so each firm's choice is the upper
envelope of five lines: modes are taken in order of their slopes, a mode is used iff it
is on the envelope, and the cut-off between adjacent modes ``j → k`` is

    Φ_jk = (f_k − f_j − B (b_k − b_j)) / (B (a_k − a_j))

(``a`` slopes and ``b`` intercepts per unit of ``B``). With only export and greenfield
(``γ = 1``) this is HMY's sorting (:class:`EntryModeSorting`, COST-1).

**M&A versus greenfield (MODES-2, our derivation after Nocke & Yeaple 2007).** With
heterogeneity in mobile capabilities M&A has the steeper profit line when ``ℓ > γ``
(the target's local capability beats the firm's own capability abroad), so the most
productive firms choose M&A above ``Φ_GM = (f_M − f_G)/((ℓ − γ) B)``; with
heterogeneity in non-mobile capabilities the M&A line is flat, and firms that use M&A
are the least productive of those abroad. "Cross-border mergers involve the most or
the least efficient active firms" (Nocke & Yeaple 2007, abstract).

**The cluster's platform (MODES-3).** A part ``K_j`` of each mode's fixed cost
(``platform``: partner search, an overseas zone, due diligence) is a shared platform in
the cluster; each of ``members`` identical members pays its Shapley share of it,
``K_j/n`` in the airport form and ``K_j n^{θ−1}`` in the scale form (the symmetric
Shapley value of :class:`EntryCostGame`, Littlechild & Owen 1973). The saving
``s_j = K_j − share_j`` moves the cut-off between adjacent modes by
``ΔΦ_jk = −(s_k − s_j)/(B (a_k − a_j))`` and the entry cut-off by ``−s_e/(B a_e)``.

**Control (MODES-4).** A non-equity firm keeps a share ``λ`` of the rents it creates;
the rent it leaves, ``(1 − λ) B ℓ Φ``, grows with its size while the extra fixed cost
of an equity mode does not, so only smaller firms keep non-equity modes: under
mobile heterogeneity, ``Φ_LG = (f_G − f_L)/(B (γ − λℓ))``, which rises with ``λ``.

Shares of firms in each mode, of SMEs (firms below the ``sme_quantile`` of the size
distribution; size ∝ ``Φ``) and of large firms come in closed form for the Pareto
distribution (``Pr(Φ ≥ x) = (Φ_min/x)^κ``, ``κ = k/(σ−1)``, ``Φ_min = φ_min^{σ−1}``)
and by counting for a sample.

References
----------
Helpman, E., Melitz, M. J. & Yeaple, S. R. (2004). Export versus FDI with heterogeneous
firms. *American Economic Review* 94:300–316.
Nocke, V. & Yeaple, S. (2007). Cross-border mergers and acquisitions vs. greenfield
foreign direct investment: the role of firm heterogeneity. *Journal of International
Economics* 72:336–365.
Horstmann, I. J. & Markusen, J. R. (1987). Licensing versus direct investment: a model of
internalization by the multinational enterprise. *Canadian Journal of Economics*
20:464–481.
Ethier, W. J. & Markusen, J. R. (1996). Multinational firms, technology diffusion and
trade. *Journal of International Economics* 41:1–28.
Littlechild, S. C. & Owen, G. (1973). A simple expression for the Shapley value in a
special case. *Management Science* 20:370–372.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp

from .._results import ResultMixin
from .._tolerance import RTOL, tolerance
from .._validation import (
    finite_array,
    in_interval,
    nonnegative_array,
    positive,
    whole_number,
)
from .base import ClosedForms, Model
from .cost_sharing import EntryCostGame

__all__ = ["EntryModeChoice"]

#: The options of a firm, in the order used by every array of this module (0 = home).
MODES = ("home", "export", "non-equity", "greenfield", "M&A")
#: Foreign entry modes (the ones a firm may be allowed to use).
FOREIGN_MODES = MODES[1:]
#: Equity modes: the firm owns the affiliate, sets the price and keeps the rents.
EQUITY_MODES = ("greenfield", "M&A")
_HETEROGENEITY = ("mobile", "non-mobile")
_FORMS = ("airport", "scale")


# ============================================================================ envelope
def _upper_envelope(slopes: np.ndarray, intercepts: np.ndarray, costs: np.ndarray):
    """The upper envelope of lines ``a_j Φ + c_j`` over ``Φ ≥ 0``.

    Returns the indices of the lines on the envelope from ``Φ = 0`` upwards and the
    cut-offs between consecutive ones. Walk: start from the best line at ``Φ = 0``; the
    next line is the steeper one that overtakes the current line first (ties: the
    steepest). Lines with equal slope and intercept: the one with the lower ``costs``.
    Everything is in units of ``Φ`` (profits divided by ``B``).
    """
    a = np.asarray(slopes, dtype=float)
    c = np.asarray(intercepts, dtype=float)
    tol_a = RTOL * float(np.max(np.abs(a), initial=0.0))
    tol_c = tolerance(c)
    # best at Φ = 0: highest intercept, then steepest, then cheapest
    top = c.max()
    near = np.flatnonzero(c >= top - tol_c)
    cur = int(near[np.lexsort((costs[near], -a[near]))[0]])
    seq, cuts = [cur], []
    x_cur = 0.0
    while True:
        steeper = np.flatnonzero(a > a[cur] + tol_a)
        if steeper.size == 0:
            break
        x = (c[cur] - c[steeper]) / (a[steeper] - a[cur])
        x = np.maximum(x, x_cur)
        first = x.min()
        tied = steeper[x <= first + RTOL * max(abs(first), 1e-300)]
        nxt = int(tied[np.lexsort((costs[tied], -a[tied]))[0]])
        if cuts and first <= cuts[-1]:
            # the previous line had an empty interval: replace it
            seq[-1] = nxt
        elif not cuts and first <= 0.0:
            seq[-1] = nxt
        else:
            cuts.append(float(first))
            seq.append(nxt)
        cur, x_cur = nxt, float(first)
    return seq, np.array(cuts)


# ============================================================================ results
@dataclasses.dataclass(frozen=True)
class ModeSorting(ResultMixin):
    """Which firms use which mode, for one set of fixed costs (alone or in the cluster).

    Attributes
    ----------
    envelope : tuple of str
        The modes on the upper envelope of the profit lines over ``Φ ≥ 0``, from the
        least to the most productive firms (a mode not listed is never chosen).
    cutoffs : ndarray
        Productivity-index thresholds ``Φ`` between consecutive envelope modes.
    fixed_costs : dict
        Fixed cost of each foreign mode paid by a firm (net of the platform saving).
    shares, sme_shares, large_shares : dict
        Share of all firms, of SMEs (``Φ < Φ_S``) and of large firms (``Φ ≥ Φ_S``) in
        each option (``"home"`` included).
    entry_cutoff : float
        Lowest ``Φ`` that serves the host market (0 when every firm does, ``inf`` when
        none does).
    share_abroad, sme_abroad : float
        Share of all firms and of SMEs that serve the host market.
    equity_cutoff : float
        ``Φ`` above which every firm uses an equity mode (``nan`` if the most productive
        firms do not).
    largest_firms_mode : str
        The mode of the most productive firms (the steepest envelope line).
    rent_control : float
        Share of the rents created abroad by the firms that they keep (non-equity firms
        leave ``1 − λ`` of theirs to the partner); ``nan`` when no firm goes abroad.
    expected_profit : float
        Expected foreign profit per firm, ``E[max_j π_j(Φ)]``.
    prescription_holds : bool
        Whether the firms that invest abroad sort as the paper prescribes: non-equity
        modes below a size threshold, equity modes (greenfield, M&A) above it.
    message : str
        Why the prescription holds or fails.
    solution : str
        What was computed.

    References
    ----------
    Helpman, Melitz & Yeaple (2004); Nocke & Yeaple (2007).
    """

    envelope: tuple
    cutoffs: np.ndarray
    fixed_costs: dict
    shares: dict
    sme_shares: dict
    large_shares: dict
    entry_cutoff: float
    share_abroad: float
    sme_abroad: float
    equity_cutoff: float
    largest_firms_mode: str
    rent_control: float
    expected_profit: float
    prescription_holds: bool
    message: str
    solution: str


@dataclasses.dataclass(frozen=True)
class EntryModeOutcome(ResultMixin):
    """Entry modes by firm size alone and with the cluster's shared platform.

    Attributes
    ----------
    alone, cluster : ModeSorting
        The sorting with standalone fixed costs and with the platform.
    platform_share : dict
        Each member's Shapley share of the platform cost of each foreign mode.
    saving : dict
        ``K_j − platform_share_j``: how much the platform lowers each mode's fixed cost.
    control : dict
        Share of a mode's rents the firm keeps (1 for export and equity modes, ``λ``
        for non-equity).
    price_control : dict
        Whether the firm sets the host-market price in the mode (not under non-equity).
    sme_cutoff : float
        ``Φ_S``: firms below it are SMEs.
    distribution : str
    message : str

    References
    ----------
    Horstmann & Markusen (1987); Littlechild & Owen (1973).
    """

    alone: ModeSorting
    cluster: ModeSorting
    platform_share: dict
    saving: dict
    control: dict
    price_control: dict
    sme_cutoff: float
    distribution: str
    message: str

    def table(self):
        """``(header, rows)``: one row per option; fixed costs and shares alone / cluster."""
        header = ["mode", "fixed cost alone", "fixed cost in cluster", "share alone",
                  "share in cluster", "SME share alone", "SME share in cluster",
                  "rent share kept", "price control"]
        rows = []
        for m in MODES:
            none = 0.0 if m == "home" else float("nan")  # home, or a mode not available
            rows.append([m,
                         round(self.alone.fixed_costs.get(m, none), 6),
                         round(self.cluster.fixed_costs.get(m, none), 6),
                         round(self.alone.shares[m], 6), round(self.cluster.shares[m], 6),
                         round(self.alone.sme_shares[m], 6),
                         round(self.cluster.sme_shares[m], 6),
                         self.control.get(m, float("nan")), self.price_control.get(m, "")])
        return header, rows


# ============================================================================ model
@dataclasses.dataclass(frozen=True)
class EntryModeChoice(Model):
    """Entry modes by firm size: export, non-equity, greenfield, M&A (see the module docstring).

    Parameters
    ----------
    B : float > 0
        Host demand level (money per unit of productivity index).
    tau : float > 1
        Iceberg trade cost of exporting.
    sigma : float > 1
        Elasticity of substitution.
    f_X, f_L, f_G, f_M : float ≥ 0
        Fixed costs of export, non-equity, greenfield and M&A (``f_M`` includes the
        price paid for the target).
    licence_share : float in (0, 1]
        ``λ``: the share of the non-equity mode's rents the firm keeps.
    greenfield_efficiency : float in (0, 1]
        ``γ``: how well a greenfield affiliate uses the firm's own capabilities.
    local_capability : float > 0
        ``ℓ``: the host-market capability of a local partner or acquired target.
    heterogeneity : {"mobile", "non-mobile"}
        Whether firms differ in mobile (``Φ`` travels with the firm into M&A and
        non-equity modes) or non-mobile capabilities (it does not).
    k : float > σ − 1
        Pareto shape of productivity ``φ`` (``k > σ − 1`` keeps mean sales finite).
    phi_min : float > 0
        Lowest productivity ``φ``.
    sample : array_like, optional
        Productivity indices ``Φ_i = φ_i^{σ−1}`` of a given population of firms; when
        given, shares are counted over it and ``k``, ``phi_min`` are not used.
    sme_quantile : float in (0, 1)
        SMEs are the firms below this quantile of the size (``Φ``) distribution.
    platform : array_like (4,)
        Shareable part ``K_j ≤ f_j`` of each foreign mode's fixed cost (export,
        non-equity, greenfield, M&A).
    members : int ≥ 1
        Number of identical members sharing each mode's platform.
    form : {"airport", "scale"}
        Cost form of the platform (:class:`EntryCostGame`); ``theta`` is the scale
        exponent of the scale form.
    modes : tuple of str
        The foreign modes available (default all four).

    Examples
    --------
    >>> m = EntryModeChoice()
    >>> r = m.solve()
    >>> r.alone.envelope
    ('home', 'export', 'non-equity', 'greenfield', 'M&A')
    >>> r.alone.prescription_holds
    True

    References
    ----------
    Helpman, E., Melitz, M. J. & Yeaple, S. R. (2004). *American Economic Review*
    94:300–316.
    Nocke, V. & Yeaple, S. (2007). *Journal of International Economics* 72:336–365.
    Horstmann, I. J. & Markusen, J. R. (1987). *Canadian Journal of Economics* 20:464–481.
    Ethier, W. J. & Markusen, J. R. (1996). *Journal of International Economics* 41:1–28.
    """

    B: float = 1.0
    tau: float = 1.5
    sigma: float = 4.0
    f_X: float = 4.0
    f_L: float = 10.0
    f_G: float = 22.0
    f_M: float = 30.0
    licence_share: float = 0.6
    greenfield_efficiency: float = 0.9
    local_capability: float = 1.0
    heterogeneity: str = "mobile"
    k: float = 3.6
    phi_min: float = 1.5
    sample: object = None
    sme_quantile: float = 0.95
    platform: object = (0.0, 5.0, 10.0, 10.0)
    members: int = 10
    form: str = "airport"
    theta: float = 0.5
    modes: tuple = FOREIGN_MODES

    def _validate(self):
        set_ = functools.partial(object.__setattr__, self)
        set_("B", positive(self.B, "B (host demand level)"))
        above_one = dict(lo=1.0, hi=np.inf, closed="neither")
        set_("tau", in_interval(self.tau, "tau (iceberg trade cost)", **above_one))
        sigma = in_interval(self.sigma, "sigma (elasticity of substitution)", **above_one)
        set_("sigma", sigma)
        for key, what in (("f_X", "export"), ("f_L", "non-equity"), ("f_G", "greenfield"),
                          ("f_M", "M&A")):
            set_(key, positive(getattr(self, key), f"{key} ({what} fixed cost)", strict=False))
        set_("licence_share", in_interval(self.licence_share, "licence_share (λ)", 0.0, 1.0,
                                          closed="right"))
        set_("greenfield_efficiency", in_interval(self.greenfield_efficiency,
                                                  "greenfield_efficiency (γ)", 0.0, 1.0,
                                                  closed="right"))
        set_("local_capability", positive(self.local_capability, "local_capability (ℓ)"))
        if self.heterogeneity not in _HETEROGENEITY:
            raise ValueError(f"heterogeneity must be one of {_HETEROGENEITY}, "
                             f"got {self.heterogeneity!r}")
        k = positive(self.k, "k (Pareto shape of productivity)")
        set_("k", k)
        set_("phi_min", positive(self.phi_min, "phi_min (lowest productivity)"))
        if self.sample is None:
            if k <= sigma - 1:
                raise ValueError(f"k (Pareto shape of productivity) must be > sigma − 1 = "
                                 f"{sigma - 1:g} so that mean sales are finite, got {k}")
        else:
            s = nonnegative_array(self.sample, "sample (productivity indices Φ)", ndim=1)
            if s.size == 0:
                raise ValueError("sample (productivity indices Φ) must list at least one firm")
            s = np.sort(s)
            s.setflags(write=False)
            set_("sample", s)
        set_("sme_quantile", in_interval(self.sme_quantile, "sme_quantile", 0.0, 1.0,
                                         closed="neither"))
        K = nonnegative_array(self.platform, "platform (shareable fixed costs)", shape=(4,))
        f = np.array([self.f_X, self.f_L, self.f_G, self.f_M])
        over = K > f + tolerance(K, f)
        if np.any(over):
            j = int(np.flatnonzero(over)[0])
            raise ValueError(f"platform (shareable fixed costs) cannot exceed the mode's fixed "
                             f"cost: platform[{j}] = {K[j]} > {f[j]} for {FOREIGN_MODES[j]}")
        K = np.minimum(K, f)
        K.setflags(write=False)
        set_("platform", K)
        set_("members", whole_number(self.members, "members (platform sharers)", 1))
        if self.form not in _FORMS:
            raise ValueError(f"form must be one of {_FORMS}, got {self.form!r}")
        set_("theta", in_interval(self.theta, "theta (scale exponent)", 0.0, 1.0,
                                  closed="right"))
        modes = self.modes
        if isinstance(modes, str) or not hasattr(modes, "__iter__"):
            raise ValueError(f"modes must be a sequence of mode names from {FOREIGN_MODES}, "
                             f"got {modes!r}")
        modes = tuple(modes)
        unknown = [m for m in modes if m not in FOREIGN_MODES]
        if unknown or not modes or len(set(modes)) != len(modes):
            raise ValueError(f"modes must be distinct names from {FOREIGN_MODES}, "
                             f"got {modes!r}")
        set_("modes", tuple(m for m in FOREIGN_MODES if m in modes))

    # ------------------------------------------------------------------ lines
    @property
    def freeness(self) -> float:
        """Trade freeness ``τ^{1−σ}``."""
        return self.tau ** (1.0 - self.sigma)

    def _lines(self):
        """Slopes ``a`` and intercepts ``b`` of the variable profits ``B (a Φ + b)``, the
        rents created in each mode per unit of ``B`` (slope, intercept), home first."""
        lam, g, ell = self.licence_share, self.greenfield_efficiency, self.local_capability
        if self.heterogeneity == "mobile":
            a = np.array([0.0, self.freeness, lam * ell, g, ell])
            b = np.zeros(5)
            ra, rb = np.array([0.0, self.freeness, ell, g, ell]), np.zeros(5)
        else:
            a = np.array([0.0, self.freeness, 0.0, g, 0.0])
            b = np.array([0.0, 0.0, lam * ell, 0.0, ell])
            ra, rb = a.copy(), np.array([0.0, 0.0, ell, 0.0, ell])
        return a, b, ra, rb

    @functools.cached_property
    def _platform_share(self) -> np.ndarray:
        out = np.asarray(_platform_share_fn(self.form)(self.platform, float(self.members),
                                                       self.theta), dtype=float)
        out = np.broadcast_to(out, (4,)).copy()
        out.setflags(write=False)
        return out

    def fixed_costs(self, cluster: bool = False) -> np.ndarray:
        """Fixed cost of each option (home first, 0): standalone, or net of the platform."""
        f = np.array([0.0, self.f_X, self.f_L, self.f_G, self.f_M])
        if cluster:
            f[1:] = f[1:] - self.platform + self._platform_share
        return f

    def _available(self) -> np.ndarray:
        return np.array([True] + [m in self.modes for m in FOREIGN_MODES])

    def profits(self, Phi, cluster: bool = False) -> np.ndarray:
        """Profit of every option for firms with productivity index ``Phi`` (shape ``(..., 5)``,
        order ``MODES``; ``-inf`` for modes that are not available)."""
        Phi = self._check_Phi(Phi)
        a, b, _, _ = self._lines()
        f = self.fixed_costs(cluster)
        P = self.B * (Phi[..., None] * a + b) - f
        return np.where(self._available(), P, -np.inf)

    @staticmethod
    def _check_Phi(Phi) -> np.ndarray:
        Phi = finite_array(Phi, "Phi (productivity index)")
        if np.any(Phi < 0):
            raise ValueError("Phi (productivity index φ^{σ−1}) must be >= 0")
        return Phi

    def mode(self, Phi, cluster: bool = False) -> np.ndarray:
        """Chosen option (index into ``MODES``: 0 home … 4 M&A) of firms with index ``Phi``.

        Each firm takes its most profitable option; within the tolerance of the package's
        policy (relative to the firm's own profits and costs) ties go to the cheaper
        option (lower fixed cost).
        """
        P = self.profits(Phi, cluster)
        f = self.fixed_costs(cluster)
        best = P.max(axis=-1, keepdims=True)
        a, b, _, _ = self._lines()
        Phi = np.asarray(Phi, dtype=float)
        scale = np.maximum(self.B * (np.abs(a).max() * Phi + np.abs(b).max()), np.abs(f).max())
        near = P >= best - RTOL * scale[..., None]
        rank = np.argsort(np.lexsort((np.arange(5), f)))  # position of each mode by cost
        return np.argmin(np.where(near, rank, 99), axis=-1)

    def cutoff(self, lower: str, upper: str, cluster: bool = False) -> float:
        """``Φ`` at which ``upper`` becomes as profitable as ``lower`` (any two options).

        ``Φ_jk = (f_k − f_j − B (b_k − b_j)) / (B (a_k − a_j))``; ``nan`` when the two lines
        are parallel.
        """
        for name, m in (("lower", lower), ("upper", upper)):
            if m not in MODES:
                raise ValueError(f"{name} must be one of {MODES}, got {m!r}")
        j, k = MODES.index(lower), MODES.index(upper)
        a, b, _, _ = self._lines()
        f = self.fixed_costs(cluster)
        da = a[k] - a[j]
        if abs(da) <= RTOL * max(abs(a[k]), abs(a[j])):
            return float("nan")
        return float((f[k] - f[j] - self.B * (b[k] - b[j])) / (self.B * da))

    # ------------------------------------------------------------------ distribution
    @property
    def kappa(self) -> float:
        """Pareto shape of ``Φ``: ``κ = k/(σ − 1)`` (``nan`` for a sample)."""
        return float("nan") if self.sample is not None else self.k / (self.sigma - 1.0)

    @property
    def Phi_min(self) -> float:
        """Lowest productivity index ``φ_min^{σ−1}`` (the sample's minimum for a sample)."""
        if self.sample is not None:
            return float(self.sample[0])
        return self.phi_min ** (self.sigma - 1.0)

    def survival(self, Phi) -> np.ndarray:
        """``Pr(Φ_i ≥ Phi)``: ``(Φ_min/Phi)^κ`` above ``Φ_min`` (Pareto), or the sample's
        share of firms at or above ``Phi``."""
        x = self._check_Phi(Phi)
        if self.sample is not None:
            n = self.sample.size
            return (n - np.searchsorted(self.sample, x, side="left")) / n
        with np.errstate(divide="ignore"):
            return np.where(x <= self.Phi_min, 1.0,
                            (self.Phi_min / np.maximum(x, self.Phi_min)) ** self.kappa)

    def _mass(self, lo, hi):
        """``Pr(lo ≤ Φ < hi)`` and ``E[Φ; lo ≤ Φ < hi]`` (``hi`` may be ``inf``)."""
        if self.sample is not None:
            s = self.sample
            inside = (s >= lo) & (s < hi)
            return inside.mean(), float(s[inside].sum()) / s.size
        k, m = self.kappa, self.Phi_min
        lo, hi = max(lo, m), max(hi, m)
        if hi <= lo:
            return 0.0, 0.0
        S = lambda x: 0.0 if np.isinf(x) else (m / x) ** k  # noqa: E731
        M1 = lambda x: 0.0 if np.isinf(x) else k * m**k / (k - 1.0) * x ** (1.0 - k)  # noqa: E731
        return S(lo) - S(hi), M1(lo) - M1(hi)

    def sme_cutoff(self) -> float:
        """``Φ_S``: the ``sme_quantile`` of the size distribution,
        ``Φ_min (1 − q)^{−1/κ}`` for Pareto."""
        q = self.sme_quantile
        if self.sample is not None:
            return float(np.quantile(self.sample, q))
        return self.Phi_min * (1.0 - q) ** (-1.0 / self.kappa)

    # ------------------------------------------------------------------ solve
    def sorting(self, cluster: bool = False) -> ModeSorting:
        """Who uses which mode (alone, or with the platform) — see :class:`ModeSorting`."""
        a, b, ra, rb = self._lines()
        f = self.fixed_costs(cluster)
        avail = np.flatnonzero(self._available())
        seq, cuts = _upper_envelope(a[avail], b[avail] - f[avail] / self.B, f[avail])
        env = [int(avail[i]) for i in seq]
        edges = np.concatenate([[0.0], cuts, [np.inf]])
        PhiS = self.sme_cutoff()
        q_sme = self.survival(0.0) - self.survival(PhiS)  # share of firms below Φ_S
        q_sme = float(q_sme)
        shares = dict.fromkeys(MODES, 0.0)
        sme = dict.fromkeys(MODES, 0.0)
        large = dict.fromkeys(MODES, 0.0)
        kept = created = profit = 0.0
        lam = self.licence_share
        for j, lo, hi in zip(env, edges[:-1], edges[1:]):
            w, w1 = self._mass(lo, hi)
            ws, _ = self._mass(lo, min(hi, PhiS))
            shares[MODES[j]] += float(w)
            sme[MODES[j]] += float(ws)
            large[MODES[j]] += float(w - ws)
            rent = self.B * (ra[j] * w1 + rb[j] * w)
            keep = lam if MODES[j] == "non-equity" else 1.0
            created += rent
            kept += keep * rent
            profit += self.B * (a[j] * w1 + b[j] * w) - f[j] * w
        sme = {m: (v / q_sme if q_sme > 0 else float("nan")) for m, v in sme.items()}
        q_large = 1.0 - q_sme
        large = {m: (v / q_large if q_large > 0 else float("nan")) for m, v in large.items()}
        names = tuple(MODES[j] for j in env)
        entry = (0.0 if names[0] != "home" else
                 float(cuts[0]) if cuts.size else float("inf"))
        # equity block at the top of the envelope
        top = len(names)
        while top > 0 and names[top - 1] in EQUITY_MODES:
            top -= 1
        equity_cut = (float("nan") if top == len(names) else
                      (0.0 if top == 0 else float(cuts[top - 1])))
        holds, msg = self._prescription(names, shares)
        if holds:
            msg += (f" (Φ ≥ {equity_cut:.4g}: the largest "
                    f"{float(self.survival(equity_cut)):.1%} of firms)")
        return ModeSorting(
            envelope=names, cutoffs=cuts,
            fixed_costs={m: float(f[i]) for i, m in enumerate(MODES) if i and m in self.modes},
            shares=shares, sme_shares=sme, large_shares=large,
            entry_cutoff=entry, share_abroad=1.0 - shares["home"],
            sme_abroad=1.0 - sme["home"] if q_sme > 0 else float("nan"),
            equity_cutoff=equity_cut, largest_firms_mode=names[-1],
            rent_control=kept / created if created > 0 else float("nan"),
            expected_profit=float(profit), prescription_holds=holds, message=msg,
            solution=("each firm's most profitable mode given the host demand level B "
                      "(monopolistic competition), the upper envelope of the profit lines; "
                      + ("shares counted over the sample" if self.sample is not None else
                         "shares in closed form for Pareto productivity")
                      + ("; fixed costs net of the platform" if cluster else "")))

    def _prescription(self, envelope, shares):
        """Whether the foreign modes in use sort as [export …] non-equity, then equity only."""
        used = [m for m in envelope if m != "home" and shares[m] > 0]
        note = ""
        if "M&A" in used and used[-1] != "M&A":
            note = (f"; M&A is chosen by less productive firms than "
                    f"{used[used.index('M&A') + 1]}")
        if not any(m in EQUITY_MODES for m in used):
            return False, "fails: no firm invests by an equity mode (greenfield or M&A)"
        first_equity = next(i for i, m in enumerate(used) if m in EQUITY_MODES)
        below = [m for m in used[first_equity:] if m not in EQUITY_MODES]
        if below:
            return False, (f"fails: {used[first_equity]} is chosen by less productive firms "
                           f"than {below[0]}" + note * (used[first_equity] != "M&A"))
        if "non-equity" not in used:
            why = ("dominated by the other modes" if "non-equity" in self.modes
                   else "not available")
            return False, f"fails: no firm uses a non-equity mode ({why})" + note
        if used[first_equity - 1] != "non-equity":
            return False, "fails: exporting sits between non-equity and equity modes" + note
        return True, ("holds: smaller firms that invest abroad use non-equity modes, firms "
                      f"above the equity cut-off use {' and '.join(used[first_equity:])}"
                      + note)

    def solve(self) -> EntryModeOutcome:
        """Sorting alone and with the platform, the platform shares and the control by mode."""
        alone, cluster = self.sorting(False), self.sorting(True)
        share = dict(zip(FOREIGN_MODES, (float(x) for x in self._platform_share)))
        saving = dict(zip(FOREIGN_MODES, (float(x) for x in self.platform
                                          - self._platform_share)))
        control = {m: (self.licence_share if m == "non-equity" else 1.0) for m in FOREIGN_MODES}
        price = {m: m != "non-equity" for m in FOREIGN_MODES}
        dist = (f"sample of {self.sample.size} firms" if self.sample is not None else
                f"Pareto productivity (k = {self.k:g}, φ_min = {self.phi_min:g})")
        msg = (f"share of SMEs serving the host market: {alone.sme_abroad:.1%} alone, "
               f"{cluster.sme_abroad:.1%} with the platform; prescription alone: "
               f"{alone.message}; with the platform: {cluster.message}")
        return EntryModeOutcome(alone, cluster, share, saving, control, price,
                                self.sme_cutoff(), dist, msg)

    def cluster_surplus(self) -> float:
        """Expected foreign profit per firm with the platform (members pay their shares)."""
        return self.sorting(True).expected_profit

    def scattered_surplus(self) -> float:
        """Expected foreign profit per firm with standalone fixed costs."""
        return self.sorting(False).expected_profit

    def entry_game(self, Phi, cluster: bool = False):
        """The mode choice of firms ``Phi`` as a :class:`~gametheory.ModeEntryGame`.

        Payoffs do not depend on the other firms' modes (monopolistic competition with a
        given ``B``), so the game has one pure equilibrium when no firm is indifferent:
        every firm in the mode of :meth:`mode`. Modes not available are left out.
        """
        from ..noncooperative.modes import ModeEntryGame

        P = self.profits(Phi, cluster)
        if P.ndim != 2:
            raise ValueError(f"Phi (productivity index) must list the firms (1-D), got shape "
                             f"{np.shape(Phi)}")
        cols = [MODES.index(m) for m in self.modes]
        return ModeEntryGame.independent(P[:, cols], modes=self.modes)

    # ------------------------------------------------------------------ symbolic
    def closed_forms(self) -> ClosedForms:
        """Profit lines, cut-offs, Pareto shares, platform shifts (MODES-1 … MODES-4).

        Cut-offs solve ``π_j = π_k`` for the pairs of the prescribed sorting; shares use
        ``Pr(Φ ≥ x) = (φ_min^{σ−1}/x)^{k/(σ−1)}``; the platform share is the symmetric
        Shapley value of :class:`EntryCostGame` (this model's ``form``). The expressions
        depend only on ``heterogeneity`` and ``form``.
        """
        return _closed_forms(self.heterogeneity, self.form)


# ============================================================================ symbolic
@functools.lru_cache(maxsize=None)
def _platform_expr(form: str):
    """Each member's Shapley share of a platform ``K`` shared by ``n`` identical members: the
    symmetric per-firm break-even of :class:`EntryCostGame`'s cluster at ``f = 0``."""
    forms = EntryCostGame(K=[1.0], f=[0.0], form=form).closed_forms()
    return forms["R_cluster"].rhs.subs(forms.symbols["f"], 0), forms.symbols


@functools.lru_cache(maxsize=None)
def _platform_share_fn(form: str):
    expr, syms = _platform_expr(form)
    return sp.lambdify((syms["K"], syms["n"], syms["theta"]), expr, modules="numpy")


@functools.lru_cache(maxsize=None)
def _pareto_forms() -> dict:
    """Pareto productivity: survival, the SME cut-off and ``E[Φ; Φ ≥ x]`` (derived once)."""
    k, phimin, sigma, q, x, Phi = sp.symbols("k phi_min sigma q x Phi", positive=True)
    # Φ = φ^{σ−1} has shape κ = k/(σ−1) and minimum Φ_min = φ_min^{σ−1}
    kap, Pmin = sp.symbols("kappa Phi_min", positive=True)
    exprs = {"kappa": sp.Eq(kap, k / (sigma - 1)),
             "Phi_min": sp.Eq(Pmin, phimin ** (sigma - 1)),
             "survival": sp.Eq(sp.Symbol(r"\Pr(\Phi \geq x)"), (Pmin / x) ** kap)}
    y = sp.Symbol("y", real=True)  # log Φ_S solves κ (log Φ_min − y) = log(1 − q)
    derived = sp.exp(sp.solve(sp.Eq(kap * (sp.log(Pmin) - y), sp.log(1 - q)), y)[0])
    shown = Pmin * (1 - q) ** (-1 / kap)
    if sp.simplify(sp.expand_log(sp.log(derived) - sp.log(shown), force=True)) != 0:
        raise RuntimeError(f"Φ_S derived as {derived}, not {shown}")  # pragma: no cover
    exprs["Phi_S"] = sp.Eq(sp.Symbol("Phi_S"), shown)
    # E[Φ; Φ ≥ x] (finite for κ > 1)
    exprs["mean_rent_above"] = sp.Eq(
        sp.Symbol(r"E[\Phi; \Phi \geq x]"),
        sp.simplify(sp.integrate(Phi * sp.diff(1 - (Pmin / Phi) ** kap, Phi),
                                 (Phi, x, sp.oo), conds="none")))
    syms = {"k": k, "phi_min": phimin, "sigma": sigma, "kappa": kap, "Phi_min": Pmin,
            "sme_quantile": q, "x": x, "Phi": Phi}
    return exprs, syms


@functools.lru_cache(maxsize=None)
def _closed_forms(heterogeneity: str, form: str) -> ClosedForms:
    B, tau, sigma, lam, g, ell = sp.symbols("B tau sigma lambda gamma ell", positive=True)
    fX, fL, fG, fM = sp.symbols("f_X f_L f_G f_M", nonnegative=True)
    Phi = sp.Symbol("Phi", positive=True)
    sL, sG = sp.symbols("s_L s_G", nonnegative=True)
    free = tau ** (1 - sigma)
    if heterogeneity == "mobile":
        pi = {"X": B * free * Phi - fX, "L": lam * B * ell * Phi - fL,
              "G": B * g * Phi - fG, "M": B * ell * Phi - fM}
    else:
        pi = {"X": B * free * Phi - fX, "L": lam * B * ell - fL,
              "G": B * g * Phi - fG, "M": B * ell - fM}
    exprs = {f"pi_{j}": sp.Eq(sp.Symbol(f"pi_{j}"), e) for j, e in pi.items()}
    # cut-offs: Φ solving π_k − π_j = 0 (none when the two lines are parallel)
    pairs = {"Phi_X": pi["X"], "Phi_L": pi["L"], "Phi_XL": pi["L"] - pi["X"],
             "Phi_LG": pi["G"] - pi["L"], "Phi_GM": pi["M"] - pi["G"],
             "Phi_XG": pi["G"] - pi["X"]}
    for name, e in pairs.items():
        sol = sp.solve(sp.Eq(e, 0), Phi)
        if sol:
            exprs[name] = sp.Eq(sp.Symbol(name), sp.factor(sol[0]))
    pareto, psyms = _pareto_forms()
    exprs.update(pareto)
    share, csyms = _platform_expr(form)
    K, n, theta = csyms["K"], csyms["n"], csyms["theta"]
    exprs["platform_share"] = sp.Eq(sp.Symbol("x_j"), share)
    exprs["saving"] = sp.Eq(sp.Symbol("s_j"), sp.factor(K - share))
    if "Phi_LG" in exprs:
        lg = exprs["Phi_LG"].rhs
        exprs["shift_LG"] = sp.Eq(sp.Symbol(r"\Delta \Phi_{LG}"),
                                  sp.factor(lg.subs({fL: fL - sL, fG: fG - sG}) - lg))
        exprs["dPhi_LG_dlambda"] = sp.Eq(sp.Symbol(r"\partial \Phi_{LG} / \partial \lambda"),
                                         sp.factor(sp.diff(lg, lam)))
    syms = dict(psyms)
    syms.update({"B": B, "tau": tau, "sigma": sigma, "licence_share": lam,
                 "greenfield_efficiency": g, "local_capability": ell, "f_X": fX, "f_L": fL,
                 "f_G": fG, "f_M": fM, "Phi": Phi, "K": K, "members": n, "theta": theta,
                 "s_L": sL, "s_G": sG})
    return ClosedForms(exprs, syms, title=f"Entry modes by firm size ({heterogeneity} "
                                          "heterogeneity)")
