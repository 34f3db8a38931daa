"""The government's instruments for clustered OFDI, and the closed forms behind their channels.

:data:`INSTRUMENTS` lists every instrument :class:`gametheory.models.PolicyDesign` can use:
what it changes in the equilibrium cluster model (its *channel*), what it costs the
treasury, and where the channel comes from. The building blocks with closed forms are
here as functions, each checked against an independent computation in the tests:

* :func:`brander_spencer` — the third-market Cournot duopoly with a specific export
  subsidy: the optimal subsidy ``σ* = (a − 2c + c*)/4`` and, with equal costs, home
  welfare rising from ``A/9`` to ``A/8`` (``A = (a − c)²/b``), derived with sympy
  (Brander & Spencer 1985);
* :func:`strategic_trade_policy` — the home government's optimal specific subsidy in a
  third-market duopoly with differentiated goods under Cournot or Bertrand competition,
  computed on the market engines and against its closed form: under Bertrand it is a
  *tax* (Eaton & Grossman 1986);
* :func:`pledgeable_income` — what outside investors lend against a project when the
  borrower's effort is unobservable (Holmström & Tirole 1997): a firm is financed iff its
  own funds reach ``I − p_H(R − B/Δp)``;
* :func:`guarantee_cost` — the expected payout of a loan guarantee when the project's
  profit is normal, in closed form.

References
----------
Brander, J. A. & Spencer, B. J. (1985). Export subsidies and international market share
rivalry. *Journal of International Economics* 18:83–100.
Eaton, J. & Grossman, G. M. (1986). Optimal trade and industrial policy under oligopoly.
*Quarterly Journal of Economics* 101:383–406.
Holmström, B. & Tirole, J. (1997). Financial intermediation, loanable funds, and the real
sector. *Quarterly Journal of Economics* 112:663–691.
Singh, N. & Vives, X. (1984). Price and quantity competition in a differentiated duopoly.
*RAND Journal of Economics* 15:546–554.
Borch, K. (1962). Equilibrium in a reinsurance market. *Econometrica* 30:424–444.
Arrow, K. J. & Lind, R. C. (1970). Uncertainty and the evaluation of public investment
decisions. *American Economic Review* 60:364–378.
d'Aspremont, C. & Jacquemin, A. (1988). Cooperative and noncooperative R&D in duopoly with
spillovers. *American Economic Review* 78:1133–1137.
Kydland, F. E. & Prescott, E. C. (1982). Time to build and aggregate fluctuations.
*Econometrica* 50:1345–1370.
Laffont, J.-J. & Tirole, J. (1993). *A Theory of Incentives in Procurement and
Regulation*. MIT Press.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import sympy as sp
from scipy.special import ndtr

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._validation import finite_array, in_interval, positive

__all__ = ["INSTRUMENTS", "Instrument", "brander_spencer", "strategic_trade_policy",
           "pledgeable_income", "guarantee_cost", "GuaranteeCost", "TradePolicy"]


@dataclasses.dataclass(frozen=True)
class Instrument:
    """One policy instrument: its symbol, unit, whether it is conditioned on entering
    through the cluster, its channel in the equilibrium cluster model, its fiscal cost
    and the source of the channel."""

    name: str
    symbol: str
    unit: str
    targeted: bool
    channel: str
    fiscal_cost: str
    source: str


#: Every instrument of :class:`gametheory.models.PolicyDesign`, by name (see each entry's
#: ``channel`` and ``fiscal_cost``; the model's docstring gives the formulas).
INSTRUMENTS = {ins.name: ins for ins in (
    Instrument("entry_subsidy", "s", "rate", False,
               "every entrant's entry cost falls: alone (1 − s)F, the cluster's platform "
               "(1 − s − s_C)(F0 + f m)",
               "s × the entry costs of every entrant", "untargeted support; excess entry: "
               "Mankiw & Whinston (1986)"),
    Instrument("cluster_subsidy", "s_C", "rate", True,
               "only the cluster's platform cost falls (entry conditioned on entering "
               "through the cluster)", "s_C × the platform cost",
               "targeted support (the paper's recommendation)"),
    Instrument("export_subsidy", "σ", "money per unit of output", False,
               "home entrants' marginal cost abroad falls by σ (σ < 0: an export tax)",
               "σ × home output abroad", "Brander & Spencer (1985); Eaton & Grossman (1986)"),
    Instrument("tax_relief", "t", "rate", False,
               "the home tax on foreign operating profit falls from T to T − t: "
               "CE = (1 − T + t)Eπ − (1 − T + t)²Var π/(2τ)",
               "revenue forgone (the tax is a negative fiscal cost)", "tax relief on foreign "
               "profits; exact as a rescaling of the host market's money"),
    Instrument("guarantee", "g", "money per firm", False,
               "what each firm can pay for entry rises by g (guaranteed credit beyond the "
               "pledgeable income that lenders accept unaided)",
               "expected payout E min(ℓ, (ℓ − π)⁺) on the loans ℓ drawn",
               "Holmström & Tirole (1997); policy-bank credit and loan guarantees"),
    Instrument("seed_fund", "z", "money per member", True,
               "the cluster's pooled capital rises by z per member (joint investment only; "
               "a firm entering alone gets nothing)",
               "expected loss on the cluster's loan, as for a guarantee",
               "seed funds for SMEs' joint investment"),
    Instrument("insurance", "ι", "share", False,
               "the state takes over the share ι of the common (political / FX) shock of "
               "every home entrant: the common variance falls to (1 − ι)²",
               "(1 + loading) × the state's risk charge ι² Var(common exposure)/(2τ_G)",
               "Borch (1962) risk sharing; Arrow & Lind (1970) public risk bearing"),
    Instrument("fx_approval", "x_FX", "share", False,
               "removes the share x of the approval cost (A_U alone, A_C per cluster "
               "platform) and of the approval delay D (profits discounted by β^D)",
               "capital flight let through the lighter screen: x × flight loss per firm "
               "entering on its own (cluster projects are vetted by the association)",
               "time to build: Kydland & Prescott (1982); approval as a screen (this "
               "project's model)"),
    Instrument("information", "x_I", "share", True,
               "the association's public signal becomes more precise: r → r + x(1 − r) "
               "(information services through embassies, channelled to the cluster)",
               "info_cost × x²", "value of public information: Vives (1984)"),
    Instrument("agency", "x_A", "share", True,
               "a government agency for the cluster cuts the platform's search and "
               "negotiation cost F0 and the organising cost by the share x × effect",
               "agency_cost × x", "a government agency for each cluster"),
    Instrument("rnd_subsidy", "δ", "money per unit of output", True,
               "a joint R&D centre abroad lowers the cluster's entrants' marginal cost by δ",
               "rnd_cost × δ², once, when the cluster sends entrants",
               "quadratic R&D cost: d'Aspremont & Jacquemin (1988)"),
)}


# ----------------------------------------------------------------- Brander–Spencer (POLICY-1)
@functools.lru_cache(maxsize=1)
def _brander_spencer_derivation():
    a, b, c, cs, sig = sp.symbols("a b c c^* sigma", positive=True)
    q1, q2 = sp.symbols("q_1 q_2", positive=True)
    P = a - b * (q1 + q2)
    foc = [sp.diff((P - c + sig) * q1, q1), sp.diff((P - cs) * q2, q2)]
    sol = sp.solve(foc, [q1, q2], dict=True)[0]
    qh, qf = sp.simplify(sol[q1]), sp.simplify(sol[q2])
    welfare = sp.simplify(((a - b * (qh + qf)) - c) * qh)  # profit net of the subsidy paid
    star = sp.solve(sp.diff(welfare, sig), sig)[0]
    w_star = sp.simplify(welfare.subs(sig, star))
    A = sp.Symbol("A", positive=True)
    sym_free = sp.simplify(welfare.subs({sig: 0, cs: c}))
    sym_opt = sp.simplify(w_star.subs(cs, c))
    return {"a": a, "b": b, "c": c, "c_star": cs, "sigma": sig, "A": A, "q_home": qh,
            "q_foreign": qf, "welfare": welfare, "sigma_star": sp.factor(star),
            "welfare_star": w_star, "ratio_free": sp.simplify(sym_free / ((a - c)**2 / b)),
            "ratio_opt": sp.simplify(sym_opt / ((a - c)**2 / b))}


def brander_spencer() -> ClosedForms:
    """The third-market Cournot duopoly with a specific export subsidy, solved in sympy.

    A home firm (cost ``c``) and a foreign firm (cost ``c*``) sell only in a third market
    with inverse demand ``P = a − bQ``; the home government pays ``σ`` per unit exported,
    then the firms compete in quantities. Home welfare is the home firm's profit net of
    the subsidy, ``W(σ) = (P − c) q_h``. The derivation returns
    ``q_h = (a − 2c + c* + 2σ)/(3b)``, the optimal subsidy ``σ* = (a − 2c + c*)/4`` (it
    moves the home firm to the Stackelberg leader's output) and, with ``c = c*``, welfare
    ``A/9`` without and ``A/8`` with the optimal subsidy, ``A = (a − c)²/b``
    (``ratio_free``, ``ratio_opt``).

    References
    ----------
    Brander, J. A. & Spencer, B. J. (1985). Export subsidies and international market share
    rivalry. *Journal of International Economics* 18:83–100.
    """
    d = _brander_spencer_derivation()
    exprs = {
        "q_home": sp.Eq(sp.Symbol("q_h(sigma)"), d["q_home"]),
        "q_foreign": sp.Eq(sp.Symbol("q_f(sigma)"), d["q_foreign"]),
        "welfare": sp.Eq(sp.Symbol("W(sigma)"), d["welfare"]),
        "sigma_star": sp.Eq(sp.Symbol("sigma^*"), d["sigma_star"]),
        "welfare_star": sp.Eq(sp.Symbol("W(sigma^*)"), d["welfare_star"]),
        "ratio_free": sp.Eq(sp.Symbol("W(0)/A"), d["ratio_free"]),
        "ratio_opt": sp.Eq(sp.Symbol("W(sigma^*)/A"), d["ratio_opt"]),
    }
    syms = {k: d[k] for k in ("a", "b", "c", "c_star", "sigma")}
    return ClosedForms(exprs, syms, title="Brander–Spencer: export subsidy in a "
                                          "third-market Cournot duopoly")


# ----------------------------------------------------------------- Eaton–Grossman
@dataclasses.dataclass(frozen=True)
class TradePolicy(ResultMixin):
    """The home government's optimal specific subsidy in a third-market duopoly.

    Attributes
    ----------
    conduct : "cournot" or "bertrand"
    subsidy : float
        The welfare-maximising subsidy per unit (negative: an export tax), found on the
        market engine by bounded golden-section search.
    closed_form : float
        The same from the first-order condition of the interior equilibrium (sympy).
    welfare, welfare_free_trade : float
        Home welfare (the home firm's profit net of the subsidy) at the optimum and at 0.
    """

    conduct: str
    subsidy: float
    closed_form: float
    welfare: float
    welfare_free_trade: float


@functools.lru_cache(maxsize=2)
def _trade_policy_derivation(conduct: str):
    a, b, g, c, cs, sig = sp.symbols("a b gamma c c^* sigma", real=True)
    if conduct == "cournot":
        q1, q2 = sp.symbols("q_1 q_2")
        p1 = a - b * (q1 + g * q2)
        p2 = a - b * (q2 + g * q1)
        sol = sp.solve([sp.diff((p1 - c + sig) * q1, q1), sp.diff((p2 - cs) * q2, q2)],
                       [q1, q2], dict=True)[0]
        qh = sol[q1]
        ph = p1.subs(sol)
    else:
        p1, p2 = sp.symbols("p_1 p_2")
        den = b * (1 - g**2)
        d1 = (a * (1 - g) - p1 + g * p2) / den
        d2 = (a * (1 - g) - p2 + g * p1) / den
        sol = sp.solve([sp.diff((p1 - c + sig) * d1, p1), sp.diff((p2 - cs) * d2, p2)],
                       [p1, p2], dict=True)[0]
        qh = d1.subs(sol)
        ph = sol[p1]
    welfare = sp.simplify((ph - c) * qh)
    star = sp.solve(sp.diff(welfare, sig), sig)[0]
    return sp.lambdify((a, b, g, c, cs), sp.simplify(star), "numpy")


def strategic_trade_policy(a: float, c: float, c_star: float, gamma: float, *, b: float = 1.0,
                           conduct: str = "bertrand") -> TradePolicy:
    """Optimal specific export subsidy (or tax) in a third-market duopoly with differentiated goods.

    Home firm (cost ``c``) and foreign firm (cost ``c*``) sell substitutes in a third
    market with the Singh–Vives demand ``p_i = a − b(q_i + γ q_j)``; the home government
    sets ``σ`` per unit, then the firms compete in quantities (``conduct="cournot"``) or
    prices (``"bertrand"``). Home welfare is ``(p_h − c) q_h`` (profit net of the subsidy).
    The optimum is found on the market engines
    (:func:`~gametheory.markets.differentiated_cournot`,
    :func:`~gametheory.markets.differentiated_bertrand`) by bounded golden-section search and
    compared with the closed form from the first-order condition: a subsidy under Cournot
    (strategic substitutes) and a *tax* under Bertrand (strategic complements: the tax
    commits the home firm to a higher price, which the rival follows). As ``γ → 1`` the
    Cournot subsidy tends to Brander–Spencer's ``(a − 2c + c*)/4``. The search keeps the
    subsidised cost ``c − σ`` non-negative (a larger subsidy is reported at ``σ = c``).

    References
    ----------
    Eaton, J. & Grossman, G. M. (1986). Optimal trade and industrial policy under oligopoly.
    *Quarterly Journal of Economics* 101:383–406.
    Brander, J. A. & Spencer, B. J. (1985). *Journal of International Economics* 18:83–100.
    """
    from scipy.optimize import minimize_scalar

    from ..markets import differentiated_bertrand, differentiated_cournot

    a = positive(a, "a (demand intercept)")
    b = positive(b, "b (demand slope)")
    c = positive(c, "c (home marginal cost)", strict=False)
    cs = positive(c_star, "c_star (foreign marginal cost)", strict=False)
    g = in_interval(gamma, "gamma (substitutability)", 0.0, 1.0, closed="neither")
    if conduct not in ("cournot", "bertrand"):
        raise ValueError(f"conduct must be 'cournot' or 'bertrand', got {conduct!r}")
    if max(c, cs) >= a:
        raise ValueError(f"costs c and c_star must lie below the demand intercept a={a}")
    solver = differentiated_cournot if conduct == "cournot" else differentiated_bertrand

    def welfare(sig):
        eq = solver(a, g, [c - sig, cs], b=b)
        q = float(np.asarray(eq.quantities)[0])
        return (float(np.asarray(eq.prices)[0]) - c) * q if q > 0 else 0.0

    span = a - min(c, cs)
    # a subsidy above c would be a negative marginal cost, which the engines reject
    res = minimize_scalar(lambda x: -welfare(x), bounds=(-span / 2, min(span / 2, c)),
                          method="bounded", options={"xatol": 1e-10 * span})
    closed = float(_trade_policy_derivation(conduct)(a, b, g, c, cs))
    return TradePolicy(conduct=conduct, subsidy=float(res.x), closed_form=closed,
                       welfare=welfare(float(res.x)), welfare_free_trade=welfare(0.0))


# ----------------------------------------------------------------- credit
def pledgeable_income(income, private_benefit, p_high, p_low):
    """What outside investors can be promised from a project: ``p_H (R − B/Δp)``.

    A project pays ``R`` on success, ``0`` on failure; success has probability ``p_H`` if
    the firm behaves and ``p_L < p_H`` if it shirks and enjoys the private benefit ``B``.
    Keeping the firm's stake ``R_b ≥ B/Δp`` (incentive compatibility) leaves at most
    ``p_H(R − B/Δp)`` for investors, so a project of cost ``I`` is financed iff the firm's
    own funds ``A ≥ Ā = I − p_H(R − B/Δp)`` (Holmström & Tirole 1997, the credit-constraint
    threshold); what a firm can pay towards entry is ``A + p_H(R − B/Δp)``
    (``capital`` of :class:`ClusterVsScattered`). Vectorised.

    References
    ----------
    Holmström, B. & Tirole, J. (1997). Financial intermediation, loanable funds, and the
    real sector. *Quarterly Journal of Economics* 112:663–691.
    """
    R = finite_array(income, "income (R, the project's return on success)")
    B = finite_array(private_benefit, "private_benefit (B, from shirking)")
    pH = finite_array(p_high, "p_high (success probability if the firm behaves)")
    pL = finite_array(p_low, "p_low (success probability if it shirks)")
    if np.any(B < 0):
        raise ValueError("private_benefit must be >= 0")
    for name, arr in (("p_high", pH), ("p_low", pL)):
        if np.any((arr < 0) | (arr > 1)):
            raise ValueError(f"{name} must lie in [0, 1]")
    if np.any(pH <= pL):
        raise ValueError("p_high must exceed p_low (behaving must raise the success "
                         "probability)")
    out = pH * (R - B / (pH - pL))
    return float(out) if out.ndim == 0 else out


@dataclasses.dataclass(frozen=True)
class GuaranteeCost(ResultMixin):
    """A loan guarantee's expected payout and the borrower's default probability.

    ``expected_payout`` ``E min(g, (ℓ − π)⁺)``; ``default_probability`` ``P(π < ℓ)``.
    """

    expected_payout: object
    default_probability: object


def _psi(z):
    """``E (Z − z)⁻``-type integral: ``z Φ(z) + φ(z)`` (vectorised, standard normal)."""
    return z * ndtr(z) + np.exp(-0.5 * z * z) / np.sqrt(2.0 * np.pi)


def guarantee_cost(loan, mean, variance, guaranteed=None) -> GuaranteeCost:
    """Expected payout of a guarantee on a loan repaid from a normally distributed profit.

    The borrower owes ``ℓ`` (``loan``) out of a profit ``π ~ N(m, v)``; it defaults when
    ``π < ℓ`` and the guarantor pays the lender's shortfall up to the amount guaranteed
    ``g ≤ ℓ`` (default: the whole loan). With ``s = √v`` and ``ψ(z) = zΦ(z) + φ(z)``,

        E min(g, (ℓ − π)⁺) = s [ψ((ℓ − m)/s) − ψ((ℓ − g − m)/s)],
        P(default) = Φ((ℓ − m)/s),

    and for ``v = 0`` the payout is ``min(g, (ℓ − m)⁺)``. Vectorised (arrays broadcast).

    References
    ----------
    Holmström, B. & Tirole, J. (1997). *Quarterly Journal of Economics* 112:663–691.
    """
    ell = finite_array(loan, "loan")
    m = finite_array(mean, "mean (of the profit repaying the loan)")
    v = finite_array(variance, "variance (of that profit)")
    if np.any(ell < 0):
        raise ValueError(f"loan must be >= 0, found {ell.min()}")
    if np.any(v < 0):
        raise ValueError(f"variance must be >= 0, found {v.min()}")
    if guaranteed is None:
        g = ell
    else:
        g = finite_array(guaranteed, "guaranteed (amount of the loan guaranteed)")
        if np.any(g < 0):
            raise ValueError(f"guaranteed must be >= 0, found {g.min()}")
        if np.any(g > ell):
            raise ValueError("guaranteed must not exceed the loan (a guarantee above the "
                             f"loan pays nothing more), got guaranteed {np.max(g)} > loan")
    ell, m, v, g = np.broadcast_arrays(ell, m, v, g)
    s = np.sqrt(v)
    with np.errstate(divide="ignore", invalid="ignore"):
        z1 = (ell - m) / s
        z2 = (ell - g - m) / s
        pay = np.where(s > 0, s * (_psi(z1) - _psi(z2)),
                       np.minimum(g, np.maximum(ell - m, 0.0)))
        prob = np.where(s > 0, ndtr(z1), (m < ell).astype(float))
    pay = np.where(ell > 0, np.maximum(pay, 0.0), 0.0)
    prob = np.where(ell > 0, prob, 0.0)
    scalar = pay.ndim == 0
    return GuaranteeCost(expected_payout=float(pay) if scalar else pay,
                         default_probability=float(prob) if scalar else prob)
