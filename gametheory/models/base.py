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

import numpy as np

from .._display import html_table
from .._symbolic import ClosedForms


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
