"""Figure D: information-sharing regions (M5, :class:`gametheory.models.InfoSharing`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from .style import PAGE_WIDTH, paper_style

#: One colour per region code of :data:`gametheory.models.information.REGIONS`.
REGION_COLORS = ("#4477AA", "#BBCCEE", "#FFCCCC", "#EE6677", "#DDDDDD")  # Paul Tol


def plot_sharing_regions(panels: dict, gammas, precisions, labels, title: str | None = None):
    """Which configuration is the equilibrium of the share/keep game, and where it is a PD.

    Parameters
    ----------
    panels : dict
        Panel title → int array of region codes, shape ``(len(gammas), len(precisions))``
        (from :meth:`InfoSharing.sharing_regions`).
    gammas, precisions : array_like
        The grid: product substitutability ``γ`` (x axis) and signal precision
        ``1/σ_ε²`` (y axis, log scale).
    labels : sequence of str
        Region names by code (:data:`gametheory.models.information.REGIONS`).
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not panels:
        raise ValueError("panels must hold at least one region map")
    gammas = np.asarray(gammas, dtype=float)
    precisions = np.asarray(precisions, dtype=float)
    cmap = ListedColormap(REGION_COLORS[: len(labels)])
    norm = BoundaryNorm(np.arange(-0.5, len(labels)), cmap.N)
    n = len(panels)
    ncols = 2 if n > 1 else 1
    nrows = int(np.ceil(n / ncols))
    with paper_style():
        height = PAGE_WIDTH / ncols * 0.72 * nrows + 0.7
        fig, axes = plt.subplots(nrows, ncols, figsize=(PAGE_WIDTH, height),
                                 squeeze=False, sharex=True, sharey=True)
        used = set()
        for ax, (name, reg) in zip(axes.flat, panels.items(), strict=False):
            reg = np.asarray(reg)
            used.update(np.unique(reg).tolist())
            ax.pcolormesh(gammas, precisions, reg.T, cmap=cmap, norm=norm, shading="nearest",
                          rasterized=True)
            ax.axvline(0, color="k", lw=0.6)
            ax.set_yscale("log")
            ax.set_title(name)
        for ax in axes[-1]:
            ax.set_xlabel(r"substitutability $\gamma$  (complements < 0 < substitutes)")
        for ax in axes[:, 0]:
            ax.set_ylabel(r"signal precision $1/\sigma_\varepsilon^2$  ($\sigma^2=1$)")
        for ax in axes.flat[n:]:
            ax.set_visible(False)
        handles = [Patch(color=REGION_COLORS[k], label=labels[k]) for k in sorted(used)]
        fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8.5,
                   bbox_to_anchor=(0.5, 0.0))
        if title:
            fig.suptitle(title)
        fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig


def plot_value_of_information(precisions, values, *, ax=None, label=None):
    """Value of a public signal (association or government) against its precision."""
    with paper_style():
        if ax is None:
            fig, ax = plt.subplots()
        else:
            fig = ax.figure
        ax.plot(precisions, values, label=label)
        ax.set_xscale("log")
        ax.set_xlabel(r"public signal precision $1/\sigma_e^2$")
        ax.set_ylabel("value of information")
        if label:
            ax.legend()
    return fig
