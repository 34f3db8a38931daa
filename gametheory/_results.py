"""Display and conversion shared by the immutable (frozen dataclass) results of models."""

from __future__ import annotations

import dataclasses
import reprlib

import numpy as np

from ._display import fmt, html_table


def _short(val) -> str:
    """One field's value in a few characters: arrays and long containers are summarised."""
    if isinstance(val, np.ndarray) and type(val).__repr__ is not np.ndarray.__repr__:
        return repr(val)  # e.g. an Allocation, which says how it was computed
    if isinstance(val, np.ndarray):
        if val.size <= 6:
            return np.array2string(val, precision=6, separator=", ", suppress_small=True)
        return f"array(shape={val.shape}, dtype={val.dtype})"
    if isinstance(val, (bool, np.bool_)):
        return str(bool(val))
    if isinstance(val, (float, np.floating)):
        return fmt(val, 6) if np.isfinite(val) else str(float(val))
    if isinstance(val, (int, np.integer)):
        return str(int(val))
    if isinstance(val, dict):
        items = [f"{_key(k)}: {_short(v)}" for k, v in list(val.items())[:6]]
        return "{" + ", ".join(items) + (", ..." if len(val) > 6 else "") + "}"
    if isinstance(val, (tuple, list, frozenset, set)):
        r = reprlib.Repr()
        r.maxlist = r.maxtuple = r.maxset = r.maxfrozenset = 6
        r.maxstring = r.maxother = 40
        return r.repr(val)
    if isinstance(val, ResultMixin):
        return repr(val)
    text = repr(val)
    return text if len(text) <= 100 else text[:97] + "..."


def _key(k) -> str:
    if isinstance(k, (frozenset, set)):
        return "{" + ", ".join(sorted(map(str, k))) + "}"
    return repr(k)


def _concise_repr(self) -> str:
    """``Name(field=value, ...)``: numbers rounded to 6 significant digits, arrays by shape."""
    parts = [f"{f.name}={_short(getattr(self, f.name))}"
             for f in dataclasses.fields(self) if f.repr]
    return f"{type(self).__name__}({', '.join(parts)})"


class ResultMixin:
    """Mixin for frozen dataclasses: an HTML table of fields in Jupyter, a concise repr,
    ``to_dict`` and ``to_dataframe``.

    The repr shows every field with numbers rounded to six significant digits and arrays
    summarised by their shape (``to_dict`` keeps the full values).
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # ``@dataclass`` writes its own __repr__ unless the class body defines one; a
        # concise repr set here first is kept (dataclasses never overwrite an attribute
        # already in the class dict).
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = _concise_repr

    def to_dict(self) -> dict:
        """Fields as a plain dict (numpy arrays kept as arrays)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def to_record(self, prefix: str = "") -> dict:
        """Scalar fields flattened into one ``{column: value}`` row.

        Nested results contribute ``"outer.inner"`` columns; numbers, booleans and
        strings are kept; arrays, tuples and other objects are left out (see
        :meth:`to_dataframe` for array fields).
        """
        from .tables import flatten_record

        return flatten_record(self, prefix)

    def to_dataframe(self):
        """The result as a tidy :class:`pandas.DataFrame` (see :mod:`gametheory.tables`).

        Fields that are arrays of one common length become columns with one row per
        entry (e.g. one row per entrant count); scalar fields are repeated on every row.
        A result without array fields is one row.
        """
        from .tables import result_frame

        return result_frame(self)

    def _repr_html_(self):
        rows = []
        for f in dataclasses.fields(self):
            val = getattr(self, f.name)
            if isinstance(val, np.ndarray):
                val = np.array2string(val, precision=4, threshold=12)
            elif isinstance(val, (bool, np.bool_)):
                val = bool(val)
            elif hasattr(val, "_repr_latex_") and not isinstance(val, (int, float)):
                val = str(val)
            elif not isinstance(val, (int, float, np.floating, np.integer)):
                val = _short(val)
            rows.append((f.name, val))
        return html_table(["field", "value"], rows, caption=type(self).__name__)


class SequenceResult(ResultMixin):
    """A result that is a sequence of items (equilibria, rest points): ``len``, iteration
    and indexing read the tuple field named by the class attribute ``_items``."""

    _items = "items"

    def __len__(self):
        return len(getattr(self, self._items))

    def __iter__(self):
        return iter(getattr(self, self._items))

    def __getitem__(self, i):
        return getattr(self, self._items)[i]
