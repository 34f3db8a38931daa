"""Figures of sweeps: any output over a two-parameter grid, decomposition maps, and
global sensitivity (Morris and Sobol).

They draw :class:`gametheory.sweep.SweepResult` and the results of
:mod:`gametheory.sweep.sensitivity`; they compute nothing beyond what a figure needs.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .style import COLORS, MARKERS, PAGE_WIDTH, TOL_BRIGHT, paper_style

__all__ = ["plot_grid", "plot_decomposition_map", "plot_sensitivity", "PARAM_LABELS"]

#: Mathtext labels of the integrated model's parameters (used on axes and bars).
PARAM_LABELS = {
    "F": "$F$", "sigma2": r"$\sigma^2$", "common_share": r"$\omega$", "tau": r"$\tau$",
    "F0": "$F_0$", "f": "$f$", "gamma": r"$\gamma$", "r": "$r$", "s": "$s$", "k": "$k$",
    "n": "$n$", "a": "$a$", "b": "$b$", "c0": "$c_0$", "c_f": "$c_f$",
    "c_floor": r"$c_{\mathrm{floor}}$",
}


def _label(name: str) -> str:
    return PARAM_LABELS.get(name, name)


def _grid_axes(result):
    if result.axes is None or len(result.axes) != 2:
        raise ValueError("the figure needs a sweep over a grid of exactly two parameters")
    (px, gx), (py, gy) = result.axes.items()
    return px, np.asarray(gx, dtype=float), py, np.asarray(gy, dtype=float)


def plot_grid(result, output: str, *, ax=None, levels=8, cmap="viridis", title=None,
              label=None):
    """One numeric output of a two-parameter grid sweep: filled map, labelled contours.

    The first grid parameter is on the x axis.
    """
    px, gx, py, gy = _grid_axes(result)
    z = result.array(output).astype(float).T
    with paper_style():
        if ax is None:
            _, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.55, PAGE_WIDTH * 0.42))
        mesh = ax.pcolormesh(gx, gy, z, shading="nearest", cmap=cmap, rasterized=True)
        ax.figure.colorbar(mesh, ax=ax, label=label or output)
        if np.isfinite(z).any() and np.nanmax(z) > np.nanmin(z) and min(z.shape) > 1:
            cs = ax.contour(gx, gy, z, levels=levels, colors="k", linewidths=0.5)
            ax.clabel(cs, fontsize=6.5, fmt="%.3g")
        ax.set_xlabel(_label(px))
        ax.set_ylabel(_label(py))
        if title:
            ax.set_title(title)
    return ax.figure


def plot_decomposition_map(result, mechanisms=None, *, title=None):
    """Each mechanism's share of the cluster's gain over a two-parameter grid.

    ``result``: a :func:`gametheory.sweep.decomposition_map` sweep (one column per
    mechanism). One panel per mechanism, on one diverging colour scale centred at 0 (a
    mechanism can lower the gain), with labelled contours.
    """
    px, gx, py, gy = _grid_axes(result)
    if mechanisms is None:
        mechanisms = [c for c in result.outputs if c != "gain"]
    zs = [result.array(m).astype(float).T for m in mechanisms]
    vmax = max(float(np.nanmax(np.abs(z))) for z in zs) or 1.0
    ncols = min(3, len(zs))
    nrows = int(np.ceil(len(zs) / ncols))
    with paper_style():
        fig, axes = plt.subplots(nrows, ncols, figsize=(PAGE_WIDTH, 2.2 * nrows + 0.5),
                                 squeeze=False, sharex=True, sharey=True)
        mesh = None
        for ax, name, z in zip(axes.flat, mechanisms, zs):
            mesh = ax.pcolormesh(gx, gy, z, shading="nearest", cmap="RdBu_r", vmin=-vmax,
                                 vmax=vmax, rasterized=True)
            if np.nanmax(z) > np.nanmin(z) and min(z.shape) > 1:
                cs = ax.contour(gx, gy, z, levels=6, colors="k", linewidths=0.4)
                ax.clabel(cs, fontsize=6, fmt="%.0f")
            ax.set_title(name, fontsize=8.5)
        for ax in axes.flat[len(zs):]:
            ax.set_visible(False)
        for ax in axes[-1]:
            ax.set_xlabel(_label(px))
        for ax in axes[:, 0]:
            ax.set_ylabel(_label(py))
        fig.colorbar(mesh, ax=axes, shrink=0.85, label=r"share of the gain $V_C - V_U$")
        if title:
            fig.suptitle(title)
    return fig


def plot_sensitivity(morris=None, sobol=None, *, title=None):
    """Global sensitivity of one output: Morris ``μ*`` against ``σ`` and Sobol ``S1``/``ST``.

    Either result may be omitted. Morris: each parameter a labelled point (far right:
    important; high: non-linear or interacting). Sobol: first-order (solid) and total
    (hatched) indices with bootstrap 95% intervals.
    """
    panels = [p for p in (morris, sobol) if p is not None]
    if not panels:
        raise ValueError("give a Morris result, a Sobol result, or both")
    with paper_style():
        fig, axes = plt.subplots(1, len(panels), figsize=(PAGE_WIDTH, PAGE_WIDTH * 0.4),
                                 squeeze=False)
        axes = list(axes[0])
        if morris is not None:
            ax = axes.pop(0)
            names = [str(p) for p in morris.parameter]
            for i, name in enumerate(names):
                ax.errorbar(morris.mu_star[i], morris.sigma[i], xerr=morris.mu_star_conf[i],
                            marker=MARKERS[i % len(MARKERS)], color=COLORS["cluster"],
                            ms=5, lw=0.8, capsize=2)
                ax.annotate(_label(name), (morris.mu_star[i], morris.sigma[i]),
                            textcoords="offset points", xytext=(4, 3), fontsize=8)
            top = max(float(np.max(morris.mu_star)), float(np.max(morris.sigma))) * 1.1
            ax.plot([0, top], [0, top], color=COLORS["neutral"], lw=0.6, ls="--",
                    label=r"$\sigma = \mu^*$")
            ax.set_xlim(0, None)
            ax.set_ylim(0, None)
            ax.set_xlabel(r"$\mu^*$ (mean absolute elementary effect)")
            ax.set_ylabel(r"$\sigma$ (spread of the effects)")
            ax.set_title(f"(a) Morris screening of {morris.output} "
                         f"({morris.runs} runs)")
            ax.legend(loc="upper left")
        if sobol is not None:
            ax = axes.pop(0)
            names = [str(p) for p in sobol.parameter]
            x = np.arange(len(names))
            w = 0.38
            ax.bar(x - w / 2, sobol.S1, w, yerr=sobol.S1_conf, color=TOL_BRIGHT["blue"],
                   capsize=2, error_kw={"lw": 0.7}, label="first order $S_1$")
            ax.bar(x + w / 2, sobol.ST, w, yerr=sobol.ST_conf, color=TOL_BRIGHT["cyan"],
                   hatch="//", edgecolor="white", linewidth=0.3, capsize=2,
                   error_kw={"lw": 0.7}, label="total $S_T$")
            ax.axhline(0, color="k", lw=0.6)
            ax.set_xticks(x)
            ax.set_xticklabels([_label(n) for n in names])
            ax.set_ylabel("share of the output's variance")
            ax.set_title(f"(b) Sobol indices of {sobol.output} ({sobol.runs} runs)")
            ax.legend(loc="upper right")
        if title:
            fig.suptitle(title)
        fig.tight_layout()
    return fig
