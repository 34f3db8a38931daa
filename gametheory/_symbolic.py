"""Closed forms: named sympy expressions shown as LaTeX in Jupyter and evaluated over numpy grids.

Engine-level (used by the engines, e.g. :mod:`gametheory.markets`, and re-exported by
:mod:`gametheory.models.base`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy as sp


class ClosedForms(Mapping):
    """Named sympy expressions, shown as LaTeX, evaluated numerically over grids.

    Parameters
    ----------
    exprs : mapping of str to sympy expression (or ``sympy.Eq``)
    symbols : mapping of parameter name to sympy Symbol used in the expressions
    title : str, optional
    """

    def __init__(self, exprs: Mapping, symbols: Mapping, title: str = ""):
        self._exprs = dict(exprs)
        self.symbols = dict(symbols)
        self.title = title

    def __getitem__(self, key):
        return self._exprs[key]

    def __iter__(self):
        return iter(self._exprs)

    def __len__(self):
        return len(self._exprs)

    def evaluate(self, name: str, **params):
        """Evaluate expression ``name`` numerically; parameters may be numpy arrays (broadcast)."""
        expr = self._exprs[name]
        if isinstance(expr, sp.Equality):
            expr = expr.rhs
        free = sorted(expr.free_symbols, key=lambda s: s.name)
        by_symbol = {sym: key for key, sym in self.symbols.items()}
        missing = [by_symbol.get(s, s.name) for s in free if by_symbol.get(s, s.name) not in params]
        if missing:
            raise ValueError(f"evaluating {name!r} needs values for {missing}")
        fn = sp.lambdify(free, expr, modules="numpy")
        args = [np.asarray(params[by_symbol.get(s, s.name)], dtype=float) for s in free]
        return fn(*args) if args else float(expr)

    def _repr_latex_(self):
        lines = []
        for key, expr in self._exprs.items():
            rhs = sp.latex(expr.rhs) if isinstance(expr, sp.Equality) else sp.latex(expr)
            if isinstance(expr, sp.Equality):
                lhs = sp.latex(expr.lhs)
            else:
                lhs = r"\text{" + key.replace("_", r"\_") + "}"
            lines.append(f"{lhs} &= {rhs}")
        return r"$\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}$"

    def __repr__(self):
        return f"ClosedForms({', '.join(f'{k} = {v}' for k, v in self._exprs.items())})"
