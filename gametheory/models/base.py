"""The interface every mechanism model shares.

A model is data, a solve is a call (as in cvxpy): parameters go in once, are
validated and frozen; methods return immutable results. Each model

* is a frozen dataclass subclassing :class:`Model` and validates in ``_validate``;
* returns results as frozen dataclasses (mix in :class:`gametheory._results.ResultMixin`);
* exposes its closed forms through :meth:`Model.closed_forms` as a :class:`ClosedForms`
  mapping of sympy expressions that displays as LaTeX in Jupyter and evaluates
  numerically (vectorised over numpy grids) with :meth:`ClosedForms.evaluate`;
* reports ``cluster_surplus()`` and ``scattered_surplus()`` so the integrated
  comparison can aggregate the mechanisms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
import sympy as sp

from .._display import html_table


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
            lhs = sp.latex(expr.lhs) if isinstance(expr, sp.Equality) else r"\text{" + key.replace("_", r"\_") + "}"
            lines.append(f"{lhs} &= {rhs}")
        return r"$\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}$"

    def __repr__(self):
        return f"ClosedForms({', '.join(f'{k} = {v}' for k, v in self._exprs.items())})"


@dataclasses.dataclass(frozen=True)
class Model:
    """Base class of the mechanism models (frozen dataclasses).

    Subclasses define their parameters as dataclass fields, validate them in
    ``_validate`` (raise ``ValueError`` with what was wrong and what is allowed),
    and implement ``solve``, ``cluster_surplus`` and ``scattered_surplus``.
    """

    def __post_init__(self):
        self._validate()

    def _validate(self) -> None:  # pragma: no cover - overridden
        pass

    def replace(self, **changes):
        """A copy with some parameters changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def params(self) -> dict:
        """The parameters as a dict."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def solve(self):
        raise NotImplementedError(f"{type(self).__name__} does not define solve()")

    def cluster_surplus(self) -> float:
        raise NotImplementedError(f"{type(self).__name__} does not define cluster_surplus()")

    def scattered_surplus(self) -> float:
        raise NotImplementedError(f"{type(self).__name__} does not define scattered_surplus()")

    def closed_forms(self) -> ClosedForms:
        raise NotImplementedError(f"{type(self).__name__} has no closed forms")

    def _repr_html_(self):
        rows = []
        for key, val in self.params().items():
            if isinstance(val, np.ndarray):
                val = np.array2string(val, precision=4, threshold=12)
            elif not isinstance(val, (int, float, np.integer, np.floating)):
                val = str(val)
            rows.append((key, val))
        return html_table(["parameter", "value"], rows, caption=type(self).__name__)
