"""Symbolic twins of the market stages: equilibria derived from the first-order conditions.

Each function sets up the firms' profits in sympy, differentiates, and solves the
first-order conditions (the interior equilibrium, where every firm is active); the
result is a :class:`gametheory._symbolic.ClosedForms` that shows as LaTeX in Jupyter and
evaluates over numpy grids (``forms.evaluate("p", a=..., b=..., c=...)``). The numeric
solvers in :mod:`gametheory.markets` agree with these wherever the solution is interior.

* ``n=None``: symmetric firms (cost ``c``) and a symbolic number of firms ``n``; the
  symmetric equilibrium is found by imposing ``q_j = q`` (or ``p_j = p``) on the rivals
  of one firm, differentiating its profit in its own strategy, then setting it equal.
* ``n`` an integer: firm-specific costs ``c_1 .. c_n`` and the full n x n FOC system.
"""

from __future__ import annotations

import sympy as sp

from .._symbolic import ClosedForms
from .._validation import whole_number

_a, _b, _n = sp.symbols("a b n", positive=True)
_c = sp.Symbol("c", nonnegative=True)
_g = sp.Symbol("gamma", real=True)


def _check_n(n):
    if n is None:
        return None
    return whole_number(n, "n (None for a symbolic n; firms of the asymmetric solve)", 1, 6)


def _simplify(e):
    return sp.factor(sp.simplify(e))


def _eq(lhs: str, rhs):
    return sp.Eq(sp.Symbol(lhs), _simplify(rhs), evaluate=False)


def cournot_symbolic(n=None, *, differentiated: bool = False) -> ClosedForms:
    """Cournot equilibrium derived from the first-order conditions.

    Homogeneous goods: ``p = a - bQ``; differentiated (Singh & Vives 1984, RAND 15:546):
    ``p_i = a - b (q_i + gamma sum_{j != i} q_j)``.

    Parameters
    ----------
    n : int or None
        ``None``: n symmetric firms with cost ``c`` (``n`` a symbol). An integer 1..6:
        firm-specific costs ``c_1 .. c_n``.
    differentiated : bool
        Use the differentiated demand with parameter ``gamma``.

    Returns
    -------
    ClosedForms
        Symmetric: ``q, Q, p, profit, industry_profit, consumer_surplus, lerner`` and,
        homogeneous only, ``elasticity``, ``profit_ratio`` Pi(n)/Pi(1), ``dissipation``
        D(n) = 1 - Pi(n)/Pi(1). Asymmetric: ``q_i``, ``p`` (or ``p_i``), ``profit_i``,
        ``Q``. MKT-1 (docs/theorems.md): q* = (a-c)/(b(n+1)), p* = (a+nc)/(n+1),
        pi* = (a-c)^2/(b(n+1)^2), L = (a-c)/(a+nc).
    """
    n = _check_n(n)
    g = _g if differentiated else sp.Integer(1)
    symbols = {"a": _a, "b": _b}
    if differentiated:
        symbols["gamma"] = _g
    title = ("differentiated " if differentiated else "") + "Cournot"
    if n is None:
        symbols.update(c=_c, n=_n)
        qi, q = sp.symbols("q_i q", real=True)
        price_i = _a - _b * (qi + g * (_n - 1) * q)
        foc = sp.diff((price_i - _c) * qi, qi).subs(qi, q)
        (qs,) = sp.solve(foc, q)
        p = price_i.subs({qi: qs, q: qs})
        profit = (p - _c) * qs
        Q = _n * qs
        cs = _b / 2 * ((1 - g) * _n * qs**2 + g * Q**2)
        exprs = {
            "q": _eq("q^{*}", qs), "Q": _eq("Q^{*}", Q), "p": _eq("p^{*}", p),
            "profit": _eq(r"\pi^{*}", profit),
            "industry_profit": _eq(r"\Pi(n)", _n * profit),
            "consumer_surplus": _eq("CS", cs), "lerner": _eq("L", (p - _c) / p),
        }
        if not differentiated:
            ratio = _n * profit / (_n * profit).subs(_n, 1)
            exprs["elasticity"] = _eq(r"\varepsilon", p / (_b * Q))
            exprs["profit_ratio"] = _eq(r"\Pi(n)/\Pi(1)", ratio)
            exprs["dissipation"] = _eq("D(n)", 1 - ratio)
        return ClosedForms(exprs, symbols, title=f"symmetric {title}, n firms")
    cs_ = sp.symbols(f"c_1:{n + 1}", nonnegative=True)
    qs_ = sp.symbols(f"q_1:{n + 1}", real=True)
    symbols.update({f"c_{i + 1}": cs_[i] for i in range(n)})
    total = sum(qs_)
    prices = [_a - _b * (qs_[i] + g * (total - qs_[i])) for i in range(n)]
    focs = [sp.diff((prices[i] - cs_[i]) * qs_[i], qs_[i]) for i in range(n)]
    sol = sp.solve(focs, qs_, dict=True)[0]
    exprs = {f"q_{i + 1}": _eq(f"q_{{{i + 1}}}^{{*}}", sol[qs_[i]]) for i in range(n)}
    exprs["Q"] = _eq("Q^{*}", total.subs(sol))
    if differentiated:
        exprs.update({f"p_{i + 1}": _eq(f"p_{{{i + 1}}}^{{*}}", prices[i].subs(sol))
                      for i in range(n)})
    else:
        exprs["p"] = _eq("p^{*}", prices[0].subs(sol))
    exprs.update({f"profit_{i + 1}": _eq(f"\\pi_{{{i + 1}}}^{{*}}",
                                         ((prices[i] - cs_[i]) * qs_[i]).subs(sol))
                  for i in range(n)})
    return ClosedForms(exprs, symbols, title=f"{title}, {n} firms, asymmetric costs")


def bertrand_symbolic(n=None) -> ClosedForms:
    """Differentiated Bertrand equilibrium derived from the first-order conditions.

    The direct demand is obtained by inverting ``p_i = a - b (q_i + gamma sum_{j!=i} q_j)``
    (symbolically), then each firm's ``(p_i - c_i) q_i(p)`` is differentiated in ``p_i``.
    Homogeneous Bertrand has no first-order conditions (see :func:`bertrand`).

    Parameters
    ----------
    n : int or None
        ``None``: symmetric firms (cost ``c``, ``n`` a symbol); an integer 1..6:
        costs ``c_1 .. c_n``.

    Returns
    -------
    ClosedForms
        Symmetric: ``p, q, Q, profit, industry_profit, consumer_surplus, lerner``;
        for n = 2, c = 0, a = b = 1, p = (1-gamma)/(2-gamma) (Singh & Vives 1984,
        RAND 15:546). Asymmetric: ``p_i, q_i, profit_i, Q``.
    """
    n = _check_n(n)
    symbols = {"a": _a, "b": _b, "gamma": _g}
    if n is None:
        symbols.update(c=_c, n=_n)
        pi_, p, qi, qo = sp.symbols("p_i p q_i q_o", real=True)
        # one firm (q_i, p_i) against n-1 symmetric rivals (q_o, p)
        demand = sp.solve([sp.Eq(pi_, _a - _b * (qi + _g * (_n - 1) * qo)),
                           sp.Eq(p, _a - _b * (qo + _g * (qi + (_n - 2) * qo)))],
                          [qi, qo], dict=True)[0]
        foc = sp.diff((pi_ - _c) * demand[qi], pi_).subs(pi_, p)
        (ps,) = sp.solve(foc, p)
        qs = demand[qi].subs({pi_: ps, p: ps})
        Q = _n * qs
        profit = (ps - _c) * qs
        exprs = {
            "p": _eq("p^{*}", ps), "q": _eq("q^{*}", qs), "Q": _eq("Q^{*}", Q),
            "profit": _eq(r"\pi^{*}", profit), "industry_profit": _eq(r"\Pi(n)", _n * profit),
            "consumer_surplus": _eq("CS", _b / 2 * ((1 - _g) * _n * qs**2 + _g * Q**2)),
            "lerner": _eq("L", (ps - _c) / ps),
        }
        return ClosedForms(exprs, symbols, title="symmetric differentiated Bertrand, n firms")
    cs_ = sp.symbols(f"c_1:{n + 1}", nonnegative=True)
    ps_ = sp.symbols(f"p_1:{n + 1}", real=True)
    symbols.update({f"c_{i + 1}": cs_[i] for i in range(n)})
    B = _b * sp.Matrix(n, n, lambda i, j: 1 if i == j else _g)
    q_of_p = B.LUsolve(sp.Matrix([_a - ps_[i] for i in range(n)]))
    q_of_p = [sp.cancel(e) for e in q_of_p]
    focs = [sp.diff((ps_[i] - cs_[i]) * q_of_p[i], ps_[i]) for i in range(n)]
    focs = [sp.numer(sp.together(f)) for f in focs]
    sol = sp.solve(focs, ps_, dict=True)[0]
    exprs = {f"p_{i + 1}": _eq(f"p_{{{i + 1}}}^{{*}}", sol[ps_[i]]) for i in range(n)}
    qsol = [e.subs(sol) for e in q_of_p]
    exprs.update({f"q_{i + 1}": _eq(f"q_{{{i + 1}}}^{{*}}", qsol[i]) for i in range(n)})
    exprs["Q"] = _eq("Q^{*}", sum(qsol))
    exprs.update({f"profit_{i + 1}": _eq(f"\\pi_{{{i + 1}}}^{{*}}",
                                         (sol[ps_[i]] - cs_[i]) * qsol[i]) for i in range(n)})
    title = f"differentiated Bertrand, {n} firms, asymmetric costs"
    return ClosedForms(exprs, symbols, title=title)
