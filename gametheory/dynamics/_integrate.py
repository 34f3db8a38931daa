"""One adaptive Runge–Kutta integrator for many trajectories of an autonomous ODE at once.

The Dormand–Prince 5(4) pair with the standard step-size controller (Hairer, Nørsett &
Wanner 1993, sect. II.4–II.5), written for states stored as columns (``Y`` of shape
``(dim, B)``: B trajectories) so that every operation is a plain elementwise numpy
operation. One step size serves all trajectories; the error of a step is the largest,
over trajectories, of each trajectory's root-mean-square scaled error, so that every
trajectory — not only the average — meets the tolerance. Steps are shortened to land on
the requested output times exactly (no interpolation).

References
----------
Dormand, J. R. & Prince, P. J. (1980). A family of embedded Runge–Kutta formulae.
*Journal of Computational and Applied Mathematics* 6:19–26.
Hairer, E., Nørsett, S. P. & Wanner, G. (1993). *Solving Ordinary Differential Equations
I*, 2nd ed. Springer, sect. II.4 (step-size control) and II.5 (the Dormand–Prince pair).
"""

from __future__ import annotations

import numpy as np

_C = (0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0)
_A = (
    (),
    (1 / 5,),
    (3 / 40, 9 / 40),
    (44 / 45, -56 / 15, 32 / 9),
    (19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729),
    (9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656),
    (35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84),
)
#: Fifth-order weights minus the embedded fourth-order ones (the error estimate).
_E = (71 / 57600, 0.0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40)
MAX_STEPS = 1_000_000


def dopri5(f, Y0: np.ndarray, times: np.ndarray, rtol: float = 1e-7,
           atol: float = 1e-10, retire=None) -> tuple[np.ndarray, int]:
    """Integrate ``dY/dt = f(Y)`` from ``Y0`` (shape (dim, B)) to each of ``times`` (increasing,
    ``times[0]`` the start). Returns ``(Y at times, shape (T, dim, B), number of f calls)``.

    ``retire``: optional ``retire(k, Y, cols) -> bool mask`` called at each output time
    ``times[k]`` (``k >= 1``) with the states ``Y`` of the columns ``cols`` still being
    integrated; the columns it marks are frozen from then on (their state at ``times[k]``
    is repeated at the later output times) and no longer integrated. ``f`` must act on
    each column separately (as a vector field of a batch does)."""
    Y = np.array(Y0, dtype=float)
    out = np.empty((len(times),) + Y.shape)
    out[0] = Y
    cols = np.arange(Y.shape[-1]) if retire is not None else None
    t = float(times[0])
    K = [f(Y)] + [None] * 6
    nfev = 1
    span = float(times[-1] - times[0])
    scale = np.abs(Y).max() * rtol + atol
    speed = float(np.abs(K[0]).max())
    h = min(span, 0.01 * scale ** 0.2 / speed) if speed > 0 else span
    h = max(h, 1e-12 * max(span, 1.0))
    steps = 0
    for k in range(1, len(times)):
        target = float(times[k])
        while t < target:
            steps += 1
            if steps > MAX_STEPS:
                raise RuntimeError(f"integration needed more than {MAX_STEPS:,} steps")
            h_step = min(h, target - t)
            last = h_step >= target - t
            for s in range(1, 7):
                Z = Y.copy()
                for j, a in enumerate(_A[s]):
                    if a:
                        Z += (h_step * a) * K[j]
                K[s] = f(Z)
            nfev += 6
            Y_new = Z  # stage 7 is evaluated at the fifth-order solution (FSAL)
            err = np.zeros_like(Y)
            for j, e in enumerate(_E):
                if e:
                    err += (h_step * e) * K[j]
            tol = atol + rtol * np.maximum(np.abs(Y), np.abs(Y_new))
            ratio = float(np.sqrt(((err / tol) ** 2).mean(axis=0)).max()) if Y.size else 0.0
            if ratio <= 1.0:
                t = target if last else t + h_step
                Y = Y_new
                K[0] = K[6]
                factor = 10.0 if ratio == 0 else min(10.0, 0.9 * ratio ** -0.2)
                if not last or h_step >= h:
                    h = h_step * factor
            else:
                h = h_step * max(0.2, 0.9 * ratio ** -0.2)
        if retire is None:
            out[k] = Y
            continue
        out[k] = out[k - 1]
        out[k][..., cols] = Y
        keep = ~np.asarray(retire(k, Y, cols), dtype=bool)
        if not keep.all():
            Y, K[0], cols = Y[..., keep], K[0][..., keep], cols[keep]
            if cols.size == 0:
                out[k + 1:] = out[k]
                break
    return out, nfev
