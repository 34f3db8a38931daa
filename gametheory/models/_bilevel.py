"""A leader's optimum when the followers' response is piecewise constant (bilevel search).

The leader chooses ``x`` in a box ``[lo, hi] ⊂ R^d``; the followers answer with a discrete
response (a *key*: who enters, who joins), constant on *pieces* of the box; the leader's
value is continuous within a piece and jumps between pieces. A smooth optimiser alone
stops at the first jump; a grid alone is as precise as its spacing. The search here
combines both:

1. **pieces** — the value and the key at every point of a product grid (``levels`` points
   per coordinate); grid points with the same key belong to the same piece;
2. **starts** — the best grid point of each of the ``starts`` best pieces;
3. **refinement within a piece** — a compass (pattern) search restricted to the piece: from
   the incumbent try ``x ± h e_i`` for every coordinate, move to the best point that stays
   in the piece and improves, otherwise halve the steps, until every step is below
   ``xtol``; where both neighbours along a coordinate lie in the piece, a parabola through
   the three values gives one more trial point (exact for a quadratic value). Points of
   another piece that beat the incumbent open that piece as a further start;
4. **certificate** — for every coordinate the final bracket ``[x − h, x + h]`` (``h <
   xtol``) and what bounds the optimum there: ``"lower bound"`` / ``"upper bound"`` (the box),
   ``"breakpoint"`` (a neighbour within ``h`` is in another piece: the response changes
   inside the bracket) or ``"interior"`` (both neighbours in the piece and no better); and,
   optionally, a finer local grid around the optimum (``3^d`` points at half the grid
   spacing) none of whose points beats it.

A piece narrower than the grid spacing and never met during refinement can be missed: the
optimum is certified against the grid and its refinement, not globally. Improvements and
ties are decided with the package's relative tolerance; on ties the earlier grid point
(the smaller instrument values) wins, and the search moves only on strict improvement.

References
----------
Hooke, R. & Jeeves, T. A. (1961). "Direct search" solution of numerical and statistical
problems. *Journal of the ACM* 8:212–229.
Torczon, V. (1997). On the convergence of pattern search algorithms. *SIAM Journal on
Optimization* 7:1–25.
Dempe, S. (2002). *Foundations of Bilevel Programming*. Kluwer.
"""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np

from .._tolerance import RTOL, argmax_first, data_scale


@dataclasses.dataclass(frozen=True)
class SearchResult:
    """What :func:`piecewise_maximise` found (see the module docstring)."""

    x: np.ndarray
    value: float
    key: int
    step: np.ndarray
    status: tuple
    evaluations: int
    pieces: int
    refined: int
    grid_best: float
    grid_x: np.ndarray
    refinement_best: float
    certified: bool


class _Counter:
    def __init__(self, evaluate, d):
        self.evaluate = evaluate
        self.d = d
        self.n = 0
        self.keys = set()
        self.scale = 0.0

    def __call__(self, X):
        X = np.asarray(X, dtype=float).reshape(-1, self.d)
        vals, keys = self.evaluate(X)
        vals = np.asarray(vals, dtype=float)
        keys = np.asarray(keys, dtype=np.int64)
        self.n += X.shape[0]
        self.keys.update(int(k) for k in np.unique(keys))
        self.scale = max(self.scale, data_scale(vals))
        return vals, keys

    def tol(self) -> float:
        return RTOL * self.scale


def _grid(lo, hi, levels):
    axes = [np.linspace(l_, h_, int(n)) if h_ > l_ else np.array([l_])
            for l_, h_, n in zip(lo, hi, levels)]
    return np.array(list(itertools.product(*axes)), dtype=float).reshape(-1, len(lo)), axes


def _refine(ev, x, f, key, lo, hi, h, xtol, incumbent, found, max_iter=400):
    """Compass search inside the piece ``key`` from ``(x, f)``; returns the final point,
    its value, the last steps tried and each coordinate's status. ``found`` collects
    better points of other pieces: ``{key: (value, x)}``."""
    d = x.size
    h = h.copy()
    free = hi > lo
    status = ["fixed" if not free[i] else "interior" for i in range(d)]
    for _ in range(max_iter):
        active = np.flatnonzero(free & (h >= xtol))
        final = active.size == 0
        if final:  # every step is below xtol: one last check of every free coordinate
            active = np.flatnonzero(free)
        cand, meta = [], []
        for i in active:
            for sgn in (1.0, -1.0):
                y = x.copy()
                y[i] = min(max(x[i] + sgn * h[i], lo[i]), hi[i])
                if y[i] != x[i]:
                    cand.append(y)
                    meta.append((int(i), sgn))
        if not cand:
            break
        vals, keys = ev(np.array(cand))
        tol = ev.tol()
        for v, k, y in zip(vals, keys, cand):
            if k != key and v > max(incumbent, f) + tol and (k not in found
                                                            or v > found[k][0]):
                found[int(k)] = (float(v), y.copy())
        inside = keys == key
        # a parabola through the three values where both neighbours are in the piece
        para, near = [], {}
        for i in active:
            js = [j for j, (ii, _) in enumerate(meta) if ii == i]
            if len(js) != 2 or not inside[js].all():
                continue
            jp, jm = (js[0], js[1]) if meta[js[0]][1] > 0 else (js[1], js[0])
            if cand[jp][i] - x[i] != x[i] - cand[jm][i]:
                continue  # clipped at a bound: not symmetric
            fp, fm = vals[jp], vals[jm]
            if 2.0 * f - fp - fm <= tol:
                continue  # not concave here
            t = float(np.clip(h[i] * (fp - fm) / (2.0 * (2.0 * f - fp - fm)),
                              -4.0 * h[i], 4.0 * h[i]))
            near[int(i)] = abs(t)
            y = x.copy()
            y[i] = min(max(x[i] + t, lo[i]), hi[i])
            if y[i] != x[i]:
                para.append(y)
        n_compass = len(cand)
        if para:
            pv, pk = ev(np.array(para))
            vals, keys, cand = np.r_[vals, pv], np.r_[keys, pk], cand + para
            inside = keys == key
            tol = ev.tol()
        better = inside & (vals > f + tol)
        if better.any():
            j = int(np.flatnonzero(better)[np.argmax(vals[better])])
            x, f = cand[j].copy(), float(vals[j])
            continue
        # no improvement at these steps: what bounds each coordinate here
        for i in active:
            out = [j for j in range(n_compass) if meta[j][0] == i and not inside[j]]
            if out:
                status[i] = "breakpoint"
            elif x[i] <= lo[i]:
                status[i] = "lower bound"
            elif x[i] >= hi[i]:
                status[i] = "upper bound"
            else:
                status[i] = "interior"
        if final:
            break
        h[active] /= 2.0
        for i, dist in near.items():  # the parabola puts the optimum within ~dist of x
            h[i] = max(min(h[i], 4.0 * dist), 0.5 * xtol[i])
    return x, f, h, tuple(status)


def piecewise_maximise(evaluate, lo, hi, *, levels, starts: int = 3, xtol, certify=True,
                       max_pieces: int = 12) -> SearchResult:
    """Maximise ``value(x)`` over the box ``[lo, hi]`` where ``evaluate(X) -> (values, keys)``
    (``X`` of shape ``(G, d)``) gives the value and the followers' response (an integer
    key) at ``G`` points at once. See the module docstring for the method and what the
    result certifies."""
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    d = lo.size
    levels = np.broadcast_to(np.asarray(levels, dtype=int), (d,))
    xtol = np.broadcast_to(np.asarray(xtol, dtype=float), (d,))
    ev = _Counter(evaluate, d)
    X, axes = _grid(lo, hi, levels)
    vals, keys = ev(X)
    g = argmax_first(vals)
    grid_best, grid_x = float(vals[g]), X[g].copy()
    # the best grid point of each piece, pieces in order of their best value
    firsts = {}
    for j in np.lexsort((np.arange(vals.size), -vals)):
        firsts.setdefault(int(keys[j]), j)
    order = list(firsts.values())[:max(1, starts)]
    spacing = np.array([(ax[1] - ax[0]) if ax.size > 1 else 0.0 for ax in axes])
    h0 = np.where(spacing > 0, spacing / 2.0, 0.0)
    best = (grid_best, grid_x, int(keys[g]), h0.copy(), ("interior",) * d)
    queue = [(float(vals[j]), X[j].copy(), int(keys[j])) for j in order]
    done = set()
    found: dict = {}
    while queue and len(done) < max_pieces:
        queue.sort(key=lambda t: -t[0])
        v0, x0, k0 = queue.pop(0)
        if k0 in done:
            continue
        done.add(k0)
        x, f, h, status = _refine(ev, x0, v0, k0, lo, hi, h0, xtol, best[0], found)
        if f > best[0] + ev.tol() or (k0 == best[2] and f >= best[0]):
            best = (f, x, k0, h, status)
        for k, (v, y) in list(found.items()):
            if k not in done and v > best[0] + ev.tol():
                queue.append((v, y, k))
        found.clear()
    f, x, k, h, status = best
    ref_best = f
    certified = True
    if certify and np.any(h0 > 0):
        offsets = [np.array([-1.0, 0.0, 1.0]) * hh if hh > 0 else np.zeros(1) for hh in h0]
        Y = x + np.array(list(itertools.product(*offsets)))
        Y = np.clip(Y, lo, hi)
        Y = Y[np.any(Y != x, axis=1)]
        if Y.size:
            rv, _ = ev(Y)
            ref_best = float(rv.max())
            certified = bool(ref_best <= f + ev.tol())
    return SearchResult(x=x, value=float(f), key=int(k), step=h, status=status,
                        evaluations=ev.n, pieces=len(ev.keys), refined=len(done),
                        grid_best=grid_best, grid_x=grid_x, refinement_best=ref_best,
                        certified=certified)
