"""The result of a sweep: a tidy table, and an ``xarray.Dataset`` when the points form a grid."""

from __future__ import annotations

import html

import numpy as np

__all__ = ["SweepResult"]


class SweepResult:
    """Outputs of a sweep, one row per point.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per point, in point order: the inputs (a vector-valued draw ``R`` of
        length ``n`` as ``R[0] … R[n−1]``), then the outputs, then ``error`` (``None``
        where the point was computed; otherwise the exception's type and message, with
        the outputs missing).
    inputs, outputs : tuple of str
        Column names of the inputs and of the outputs.
    axes : dict or None
        For a grid, ``{parameter: values}`` in grid order (``None`` for draws).
    info : dict
        How it ran: ``backend``, ``workers``, ``tasks``, ``points``, ``elapsed`` (s), and
        ``seed`` for draws.
    """

    def __init__(self, frame, inputs, outputs, axes=None, info=None):
        self.frame = frame
        self.inputs = tuple(inputs)
        self.outputs = tuple(outputs)
        self.axes = axes
        self.info = dict(info or {})

    # ---------------------------------------------------------------- data
    def to_dataframe(self):
        """The table (a copy): one row per point, inputs, outputs and ``error`` as columns."""
        return self.frame.copy()

    @property
    def errors(self):
        """The rows whose evaluation failed."""
        return self.frame[self.frame["error"].notna()]

    @property
    def n_failed(self) -> int:
        return int(self.frame["error"].notna().sum())

    def to_xarray(self):
        """The outputs as an :class:`xarray.Dataset` on the grid's axes (grids only).

        Each numeric output is a variable of shape ``(len(axis_0), len(axis_1), …)``;
        text outputs (e.g. the regime label) and ``error`` are kept as object arrays.
        """
        if self.axes is None:
            raise ValueError("to_xarray needs a grid sweep; Monte Carlo draws have no axes "
                             "(use to_dataframe)")
        import xarray as xr

        dims = list(self.axes)
        shape = tuple(len(v) for v in self.axes.values())
        data = {}
        for col in (*self.outputs, "error"):
            arr = self.frame[col].to_numpy()
            data[col] = (dims, arr.reshape(shape))
        coords = {k: np.asarray(v) for k, v in self.axes.items()}
        return xr.Dataset(data, coords=coords, attrs={k: str(v) for k, v in self.info.items()})

    def array(self, output: str) -> np.ndarray:
        """One output reshaped to the grid (``(len(axis_0), len(axis_1), …)``)."""
        if self.axes is None:
            raise ValueError("array needs a grid sweep")
        if output not in self.frame:
            raise ValueError(f"unknown output {output!r}; outputs: {list(self.outputs)}")
        shape = tuple(len(v) for v in self.axes.values())
        return self.frame[output].to_numpy().reshape(shape)

    # ---------------------------------------------------------------- display
    def __len__(self):
        return len(self.frame)

    def __repr__(self):
        kind = ("grid " + " × ".join(f"{k}[{len(v)}]" for k, v in self.axes.items())
                if self.axes else f"{len(self.frame)} draws")
        return (f"SweepResult({kind}, {len(self.outputs)} outputs, {self.n_failed} failed, "
                f"{self.info.get('backend', '')}, {self.info.get('elapsed', 0.0):.3g} s)")

    def _repr_html_(self):
        head = html.escape(repr(self))
        return f"<p><code>{head}</code></p>" + self.frame.head(10)._repr_html_()
