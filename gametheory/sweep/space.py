"""The points of a sweep: parameter grids and Monte Carlo draws.

A **grid** is a mapping ``{parameter: values}``; its points are the Cartesian product,
the first parameter varying slowest (C order), so a two-parameter grid reshapes to
``(len(values_0), len(values_1))``. Values given as Python or numpy integers stay
integers (``k``, ``n`` and other counts can be swept); a range ``"START:STOP:N"`` is
``N`` evenly spaced values from ``START`` to ``STOP`` inclusive (integers when ``START``
and ``STOP`` are integers and every value is whole).

**Draws** map parameters to distributions (:class:`Uniform`, :class:`Normal`,
:class:`LogNormal`, :class:`Choice`, or any frozen ``scipy.stats`` distribution). A
distribution with ``size=n`` draws a vector of ``n`` values per point — one per firm of
a heterogeneous cluster. All draws are made in the calling process from one seeded
generator (:func:`numpy.random.default_rng`), parameter by parameter in the order
given, so the points do not depend on how the work is later split among workers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping

import numpy as np

from .._validation import finite_scalar, positive, whole_number

__all__ = ["Uniform", "Normal", "LogNormal", "Choice", "parse_range", "grid_points",
           "draw_points"]

_RANGE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$")


# --------------------------------------------------------------------------- distributions
class _Distribution:
    size: int | None = None

    def _size(self, size):
        if size is None:
            return None
        return whole_number(size, f"size of {type(self).__name__}", 1)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws (shape ``(n,)``, or ``(n, size)`` for a vector distribution)."""
        shape = (n,) if self.size is None else (n, self.size)
        return self._draw(rng, shape)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if v is not None)
        return f"{type(self).__name__}({args})"


class Uniform(_Distribution):
    """Uniform on ``[low, high)`` (``low < high``); ``size=n`` for one value per firm."""

    def __init__(self, low: float, high: float, size: int | None = None):
        self.low = finite_scalar(low, "low (Uniform)")
        self.high = finite_scalar(high, "high (Uniform)")
        if not self.low < self.high:
            raise ValueError(f"Uniform needs low < high, got low={self.low}, high={self.high}")
        self.size = self._size(size)

    def _draw(self, rng, shape):
        return rng.uniform(self.low, self.high, shape)


class Normal(_Distribution):
    """Normal with mean ``mean`` and standard deviation ``sd > 0``."""

    def __init__(self, mean: float, sd: float, size: int | None = None):
        self.mean = finite_scalar(mean, "mean (Normal)")
        self.sd = positive(sd, "sd (Normal standard deviation)")
        self.size = self._size(size)

    def _draw(self, rng, shape):
        return rng.normal(self.mean, self.sd, shape)


class LogNormal(_Distribution):
    """``exp(X)`` with ``X ~ N(mu, sigma²)``, ``sigma > 0``: positive, right-skewed (firm sizes,
    productivities, costs)."""

    def __init__(self, mu: float, sigma: float, size: int | None = None):
        self.mu = finite_scalar(mu, "mu (LogNormal mean of the log)")
        self.sigma = positive(sigma, "sigma (LogNormal standard deviation of the log)")
        self.size = self._size(size)

    def _draw(self, rng, shape):
        return rng.lognormal(self.mu, self.sigma, shape)


class Choice(_Distribution):
    """One of ``values`` (numbers or strings), with probabilities ``p`` (default equal)."""

    def __init__(self, values, p=None, size: int | None = None):
        values = list(values)
        if not values:
            raise ValueError("values (Choice) must hold at least one value")
        self.values = values
        if p is not None:
            p = np.asarray(p, dtype=float)
            if p.shape != (len(values),) or np.any(~np.isfinite(p)) or np.any(p < 0) \
                    or not math.isclose(float(p.sum()), 1.0, rel_tol=1e-9):
                raise ValueError(f"p (Choice probabilities) must be {len(values)} non-negative "
                                 f"numbers summing to 1, got {p.tolist()}")
            p = p.tolist()
        self.p = p
        self.size = self._size(size)

    def _draw(self, rng, shape):
        idx = rng.choice(len(self.values), size=shape, p=self.p)
        arr = np.asarray(self.values)
        return arr[idx]


def _check_distribution(name: str, dist) -> None:
    if isinstance(dist, _Distribution):
        return
    if hasattr(dist, "rvs") and hasattr(dist, "dist"):  # a frozen scipy.stats distribution
        return
    raise ValueError(f"draws[{name!r}] must be a distribution (Uniform, Normal, LogNormal, "
                     f"Choice or a frozen scipy.stats distribution), got {dist!r}")


def _sample(dist, rng, n):
    if isinstance(dist, _Distribution):
        return dist.sample(rng, n)
    return np.asarray(dist.rvs(size=n, random_state=rng))


# --------------------------------------------------------------------------- grids
def _number(text: str, what: str):
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return finite_scalar(float(text), what)
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text!r}") from None


def parse_range(spec: str) -> tuple[str, np.ndarray]:
    """``"PARAM=START:STOP:N"`` (or ``"PARAM=v1,v2,..."``) → ``(PARAM, values)``.

    ``N ≥ 1`` evenly spaced values from ``START`` to ``STOP`` inclusive; integers when
    ``START`` and ``STOP`` are written as integers and every value is whole (``k=1:4:4``).
    """
    m = _RANGE.match(spec)
    if not m:
        raise ValueError(f"grid {spec!r} must read PARAM=START:STOP:N or PARAM=v1,v2,...")
    name, body = m.group(1), m.group(2)
    if ":" in body:
        parts = body.split(":")
        if len(parts) != 3:
            raise ValueError(f"grid {spec!r}: a range is START:STOP:N (three numbers), "
                             f"got {body!r}")
        start = _number(parts[0], f"START of the range of {name}")
        stop = _number(parts[1], f"STOP of the range of {name}")
        try:
            count = int(parts[2])
        except ValueError:
            raise ValueError(f"N of the range of {name} must be a whole number, "
                             f"got {parts[2]!r}") from None
        if count < 1:
            raise ValueError(f"the range of {name} has no points: N must be >= 1, got {count}")
        if count == 1 and start != stop:
            raise ValueError(f"the range of {name} has N=1 but START != STOP ({start} vs {stop})")
        vals = np.linspace(start, stop, count)
        if isinstance(start, int) and isinstance(stop, int) and np.all(vals == np.round(vals)):
            vals = np.round(vals).astype(int)
        return name, vals
    items = [s for s in body.split(",") if s.strip()]
    if not items:
        raise ValueError(f"grid {spec!r} lists no values for {name}")
    vals = [_number(s, f"value of {name}") for s in items]
    return name, np.asarray(vals) if all(isinstance(v, int) for v in vals) else \
        np.asarray(vals, dtype=float)


def _axis(name: str, values) -> list:
    if isinstance(values, str):
        if ":" in values or "," in values:
            return _axis(name, parse_range(f"{name}={values}")[1])
        values = [values]
    arr = np.atleast_1d(np.asarray(values))
    if arr.ndim != 1:
        raise ValueError(f"grid values of {name} must be 1-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"grid of {name} has no points: give at least one value")
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        raise ValueError(f"grid values of {name} must be finite, got {arr.tolist()}")
    return [v.item() if isinstance(v, np.generic) else v for v in arr.tolist()]


def grid_points(axes: Mapping) -> tuple[dict, list[dict]]:
    """``(axes as lists, points)``: the Cartesian product of the grid, first axis slowest."""
    if not isinstance(axes, Mapping) or not axes:
        raise ValueError("grid must be a non-empty mapping {parameter: values}")
    lists = {str(k): _axis(str(k), v) for k, v in axes.items()}
    names = list(lists)
    points = [dict(zip(names, combo)) for combo in itertools.product(*lists.values())]
    return lists, points


def draw_points(draws: Mapping, n_draws: int, seed) -> list[dict]:
    """``n_draws`` points, each ``{parameter: value or vector}``, from one seeded generator."""
    if not isinstance(draws, Mapping) or not draws:
        raise ValueError("draws must be a non-empty mapping {parameter: distribution}")
    n_draws = whole_number(n_draws, "n_draws", 1)
    for name, dist in draws.items():
        _check_distribution(str(name), dist)
    rng = np.random.default_rng(seed)
    samples = {str(k): _sample(d, rng, n_draws) for k, d in draws.items()}
    points = []
    for i in range(n_draws):
        pt = {}
        for k, arr in samples.items():
            v = arr[i]
            pt[k] = v.item() if isinstance(v, np.generic) else v
        points.append(pt)
    return points
