"""Display and conversion shared by the immutable (frozen dataclass) results of models."""

from __future__ import annotations

import dataclasses

import numpy as np

from ._display import html_table


class ResultMixin:
    """Mixin for frozen dataclasses: an HTML table of fields in Jupyter, and ``to_dict``."""

    def to_dict(self) -> dict:
        """Fields as a plain dict (numpy arrays kept as arrays)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def _repr_html_(self):
        rows = []
        for f in dataclasses.fields(self):
            val = getattr(self, f.name)
            if isinstance(val, np.ndarray):
                val = np.array2string(val, precision=4, threshold=12)
            elif hasattr(val, "_repr_latex_") and not isinstance(val, (int, float)):
                val = str(val)
            elif not isinstance(val, (int, float, np.floating, np.integer)):
                val = str(val)
            rows.append((f.name, val))
        return html_table(["field", "value"], rows, caption=type(self).__name__)
