"""Input checks shared by every module: raise early, say what was wrong and what is allowed."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable

import numpy as np


def _is_text(x) -> bool:
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "USV"
    if isinstance(x, (list, tuple)):
        try:
            return np.asarray(x).dtype.kind in "USV"
        except (ValueError, TypeError):
            return False
    return False


def finite_array(x, name: str, *, ndim: int | None = None, shape=None, dtype=float) -> np.ndarray:
    """Return ``x`` as a finite numpy array, or raise ``ValueError`` naming ``name``.

    Ragged input, wrong dimension, wrong shape, NaN and infinities are rejected with
    a message that says what was received and what is allowed.
    """
    if isinstance(x, (str, bytes)) or _is_text(x):
        raise ValueError(f"{name} must be numbers, got text {x!r}")
    try:
        arr = np.asarray(x, dtype=dtype)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            f"{name} must be a rectangular array of numbers; could not convert it ({exc})"
        ) from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {arr.shape}")
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))
        where = tuple(int(i) for i in bad[0]) if bad.size else ()
        raise ValueError(
            f"{name} must be finite; found {arr[where] if where else arr} at index {where} "
            f"({len(bad)} non-finite entr{'y' if len(bad) == 1 else 'ies'})"
        )
    return arr


def finite_scalar(x, name: str) -> float:
    """Return ``x`` as a finite float or raise ``ValueError``.

    Text (``"60"``) and booleans are rejected, not converted: a number typed as a string
    is almost always a mistake in a case file or a data frame, and would otherwise fail
    later, far from where it was given.
    """
    if isinstance(x, (str, bytes, bool, np.bool_)) or (
            isinstance(x, np.ndarray) and x.dtype.kind in "USVb"):
        raise ValueError(f"{name} must be a real number, got {type(x).__name__} {x!r}")
    try:
        val = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number, got {x!r}") from None
    if not math.isfinite(val):
        raise ValueError(f"{name} must be finite, got {val}")
    return val


def flag(x, name: str) -> bool:
    """A boolean (Python or numpy ``bool``), or ``ValueError``: ``"yes"`` or ``2`` is not a flag."""
    if not isinstance(x, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {x!r}")
    return bool(x)


def whole_number(x, name: str, lo: int = 0, hi: int | None = None) -> int:
    """An integer (Python or numpy, not bool) in ``[lo, hi]``, or ``ValueError``."""
    try:
        if isinstance(x, bool):
            raise TypeError
        val = operator.index(x)
    except TypeError:
        raise ValueError(f"{name} must be a whole number >= {lo}, got {x!r}") from None
    if val < lo or (hi is not None and val > hi):
        allowed = f">= {lo}" if hi is None else f"in {lo}..{hi}"
        raise ValueError(f"{name} must be a whole number {allowed}, got {val}")
    return int(val)


def positive(x, name: str, *, strict: bool = True) -> float:
    """A finite scalar that is > 0 (``strict``) or >= 0."""
    val = finite_scalar(x, name)
    if strict and val <= 0:
        raise ValueError(f"{name} must be > 0, got {val}")
    if not strict and val < 0:
        raise ValueError(f"{name} must be >= 0, got {val}")
    return val


def in_interval(x, name: str, lo: float, hi: float, *, closed: str = "both") -> float:
    """A finite scalar in [lo, hi] / [lo, hi) / (lo, hi] / (lo, hi) per ``closed``."""
    val = finite_scalar(x, name)
    lo_ok = val >= lo if closed in ("both", "left") else val > lo
    hi_ok = val <= hi if closed in ("both", "right") else val < hi
    if not (lo_ok and hi_ok):
        lb = "[" if closed in ("both", "left") else "("
        rb = "]" if closed in ("both", "right") else ")"
        raise ValueError(f"{name} must lie in {lb}{lo}, {hi}{rb}, got {val}")
    return val


def nonnegative_array(x, name: str, **kw) -> np.ndarray:
    """A finite array whose entries are all >= 0."""
    arr = finite_array(x, name, **kw)
    if np.any(arr < 0):
        idx = tuple(int(i) for i in np.argwhere(arr < 0)[0])
        raise ValueError(f"{name} must be non-negative; found {arr[idx]} at index {idx}")
    return arr


def entrant_counts(m, name: str = "m (home entrants)", lo: float = 1) -> np.ndarray:
    """A finite number (or array) of entrants ``>= lo``; real values are allowed (a
    continuous count), NaN, booleans and counts below ``lo`` are not."""
    if isinstance(m, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number >= {lo}, got {m!r}")
    arr = finite_array(m, name)
    if np.any(arr < lo):
        raise ValueError(f"{name} must be >= {lo}, found {arr[arr < lo].flat[0]}")
    return arr


def nonempty_grid(x, name: str) -> np.ndarray:
    """A finite, non-empty 1-D grid of parameter values."""
    arr = finite_array(np.atleast_1d(x), name)
    if arr.size == 0:
        raise ValueError(f"{name} must be a non-empty grid of values")
    return arr


def names_for(n: int, names: Iterable | None, what: str = "player") -> tuple[str, ...]:
    """Default names ``0..n-1`` (as strings) or validated, distinct user names."""
    if names is None:
        return tuple(str(i) for i in range(n))
    names = tuple(str(s) for s in names)
    if len(names) != n:
        raise ValueError(f"expected {n} {what} names, got {len(names)}: {names}")
    if len(set(names)) != n:
        raise ValueError(f"{what} names must be distinct, got {names}")
    return names


def label_keys(labels: Iterable[str]) -> tuple[str, ...]:
    """Distinct, non-empty keys for display labels that may be empty or repeated.

    A non-empty label used once is its own key; an empty or repeated label gets the
    suffix ``_k`` with the smallest ``k`` (counted per label) that is not already
    taken: ``("", "") -> ("_1", "_2")``, ``("x", "x", "x_1") -> ("x_2", "x_3", "x_1")``.
    This is the rule Gambit (16.4 and later) applies when it reads a file, so the keys
    are the labels pygambit shows for the same file.
    """
    labels = tuple(labels)
    counts: dict[str, int] = {}
    for s in labels:
        counts[s] = counts.get(s, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    keys = []
    for s in labels:
        if counts[s] == 1 and s != "":
            keys.append(s)
            continue
        while True:
            visited[s] = visited.get(s, 0) + 1
            candidate = f"{s}_{visited[s]}"
            if candidate not in used:
                break
        used.add(candidate)
        keys.append(candidate)
    return tuple(keys)


def labels_for(n: int, labels: Iterable | None,
               what: str = "player") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Display labels as given (default ``0..n-1``; empty or repeated ones allowed) and
    their distinct keys (:func:`label_keys`), or ``ValueError`` if there are not ``n``."""
    if labels is None:
        shown = tuple(str(i) for i in range(n))
    else:
        if isinstance(labels, (int, float)) or not isinstance(labels, Iterable):
            raise ValueError(f"{what} names must be a sequence of {n} strings, got {labels!r}")
        shown = tuple(str(s) for s in labels)
    if len(shown) != n:
        raise ValueError(f"expected {n} {what} names, got {len(shown)}: {shown}")
    return shown, label_keys(shown)
