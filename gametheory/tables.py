"""Results as data: tidy :class:`pandas.DataFrame` views of result objects and maps.

Every result dataclass (anything with :class:`gametheory._results.ResultMixin`) has
``to_dataframe()`` and ``to_record()``, built here by three rules, in this order:

* **maps** — a result with 1-D ``grid_x``/``grid_y`` fields named by ``param_x``/``param_y``
  (e.g. :class:`~gametheory.models.cluster.RegimeMap`): one row per grid point, the two
  parameters as the first columns, then every 2-D field of shape
  ``(len(grid_y), len(grid_x))``; a ``code`` field with a ``labels`` tuple also gets a
  ``label`` column (the regime's name; codes count from the result's ``first_code``);
* **schedules** — a result with 1-D array fields of one common length (e.g. one entry per
  entrant count ``m`` or per firm): one row per entry, those arrays as columns, scalar
  fields repeated on every row; when a field is an
  :class:`~gametheory.coalitional.Allocation` its player names are the ``player`` column;
* **points** — anything else: one row, :func:`flatten_record` of the result.

Column names are the result's field names (documented in each result's docstring, with
their units: money in the unit of the model's inputs, shares and probabilities unit-free,
counts as integers). Nested results are flattened with a dot (``scattered.m``); an
allocation ``x`` over named players becomes one column per player, ``x[name]``.
"""

from __future__ import annotations

import dataclasses

import numpy as np

__all__ = ["flatten_record", "result_frame", "grid_frame"]

_SCALARS = (bool, int, float, str, np.bool_, np.integer, np.floating)


def _is_result(obj) -> bool:
    return dataclasses.is_dataclass(obj) and not isinstance(obj, type)


def _allocation_names(x):
    names = getattr(x, "names", None)
    if names is None:
        game = getattr(x, "game", None)
        names = getattr(game, "names", None)
    return tuple(str(n) for n in names) if names is not None else None


def flatten_record(obj, prefix: str = "") -> dict:
    """``{column: value}`` of every scalar in a result, nested results with dotted names.

    Numbers, booleans and strings are kept (numpy scalars become Python scalars);
    ``None`` stays ``None``; a 1-D array of named players (an allocation) becomes one
    column per player, ``field[player]``; other arrays, tuples and objects are left out.
    """
    out: dict = {}
    fields = dataclasses.fields(obj) if _is_result(obj) else ()
    for f in fields:
        val = getattr(obj, f.name)
        key = prefix + f.name
        if val is None:
            out[key] = None
        elif isinstance(val, _SCALARS):
            out[key] = val.item() if isinstance(val, np.generic) else val
        elif isinstance(val, np.ndarray) and val.ndim == 0:
            out[key] = val.item()
        elif isinstance(val, np.ndarray) and val.ndim == 1 and _allocation_names(val):
            names = _allocation_names(val)
            if len(names) == val.size:
                for name, v in zip(names, val.tolist()):
                    out[f"{key}[{name}]"] = v
        elif _is_result(val):
            out.update(flatten_record(val, key + "."))
    return out


def _map_frame(res):
    import pandas as pd

    gx = np.asarray(res.grid_x)
    gy = np.asarray(res.grid_y)
    X, Y = np.meshgrid(gx, gy)
    cols = {str(res.param_x): X.ravel(), str(res.param_y): Y.ravel()}
    for f in dataclasses.fields(res):
        val = getattr(res, f.name)
        if isinstance(val, np.ndarray) and val.shape == (gy.size, gx.size):
            cols[f.name] = val.ravel()
    labels = getattr(res, "labels", None)
    if "code" in cols and isinstance(labels, tuple) and labels:
        base = getattr(res, "first_code", 0)  # regime maps number their codes from 1
        cols["label"] = np.asarray(labels, dtype=object)[cols["code"].astype(int) - base]
    return pd.DataFrame(cols)


def _schedule_frame(res):
    import pandas as pd

    arrays = {}
    for f in dataclasses.fields(res):
        val = getattr(res, f.name)
        if isinstance(val, np.ndarray) and val.ndim == 1 and val.size >= 2:
            arrays[f.name] = val
    # only plain arrays make rows; allocations (named players) alone are a point's columns
    if all(_allocation_names(v) for v in arrays.values()):
        return None
    if not arrays:
        return None
    lengths = [a.size for a in arrays.values()]
    length = max(set(lengths), key=lambda n: (lengths.count(n), n))
    arrays = {k: v for k, v in arrays.items() if v.size == length}
    cols: dict = {}
    for val in arrays.values():
        names = _allocation_names(val)
        if names and len(names) == length:
            cols["player"] = list(names)
            break
    for key, val in arrays.items():
        cols[key] = np.asarray(val).tolist() if val.dtype == object else np.asarray(val)
    scalars = {k: v for k, v in flatten_record(res).items()
               if k.split("[")[0] not in arrays}
    frame = pd.DataFrame(cols)
    for key, val in scalars.items():
        frame[key] = val
    return frame


def result_frame(res):
    """The tidy :class:`pandas.DataFrame` of a result (rules in the module docstring)."""
    import pandas as pd

    if all(hasattr(res, k) for k in ("grid_x", "grid_y", "param_x", "param_y")):
        return _map_frame(res)
    frame = _schedule_frame(res)
    if frame is not None:
        return frame
    return pd.DataFrame([flatten_record(res)])


def grid_frame(arrays: dict, x: str, y: str):
    """A dict of 2-D arrays over a grid (``arrays[x]`` rows × ``arrays[y]`` columns) as a
    tidy frame: one row per grid point, ``x`` and ``y`` first.

    For the dict-valued grids of the models, e.g.
    ``grid_frame(model.dissipation_grid(F_grid, s_grid), "F", "s")``.
    """
    import pandas as pd

    for key in (x, y):
        if key not in arrays:
            raise ValueError(f"{key!r} is not a key of arrays; keys: {sorted(arrays)}")
    gx = np.asarray(arrays[x]).ravel()
    gy = np.asarray(arrays[y]).ravel()
    X, Y = np.meshgrid(gx, gy, indexing="ij")
    cols = {x: X.ravel(), y: Y.ravel()}
    for key, val in arrays.items():
        val = np.asarray(val)
        if val.shape == (gx.size, gy.size):
            cols[key] = val.ravel()
    return pd.DataFrame(cols)
