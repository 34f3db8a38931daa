"""Figure: the equilibria of a two-firm entry game over (host-market size × fixed entry cost)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .style import COLORS, paper_style


def plot_duopoly_entry(emap, market_size, fixed_cost, xlabel="host-market size",
                       ylabel="fixed entry cost F"):
    """Regions of a symmetric two-firm entry game, with the mixed entry probability shaded.

    Parameters
    ----------
    emap : :class:`gametheory.noncooperative.DuopolyEntryMap`
        Computed on the ``(len(fixed_cost), len(market_size))`` mesh, e.g. by
        :func:`gametheory.noncooperative.symmetric_duopoly_entry`.
    market_size, fixed_cost : 1-D arrays
        The grid axes.

    Returns
    -------
    matplotlib.figure.Figure
    """
    S = np.asarray(market_size, float)
    F = np.asarray(fixed_cost, float)
    codes = {"none": 0, "one": 1, "both": 2, "coordination": 3, "degenerate": 4}
    region = np.vectorize(codes.get)(emap.region).astype(float)
    with paper_style():
        fig, ax = plt.subplots()
        base = ListedColormap(["#f4f4f4", "#ffffff", COLORS["core"], "#fdebd0", "#dddddd"])
        ax.pcolormesh(S, F, region, cmap=base, vmin=-0.5, vmax=4.5, shading="auto",
                      rasterized=True)
        p = np.ma.masked_invalid(np.where(emap.region == "one", emap.p_mixed, np.nan))
        mesh = ax.pcolormesh(S, F, p, cmap="Reds", vmin=0, vmax=1, shading="auto", alpha=0.8,
                             rasterized=True)
        cbar = fig.colorbar(mesh, ax=ax)
        cbar.set_label("entry probability in the mixed equilibrium")
        ax.contour(S, F, region, levels=[0.5, 1.5, 2.5], colors=COLORS["neutral"],
                   linewidths=0.8)
        # each label at the cell deepest inside its region; the narrow "one entrant" band
        # is labelled from the (wide) no-entrant region with an arrow
        anchors = {name: _deepest_cell(emap.region == name) for name in codes}
        for name, label in (("none", "no entrant"), ("both", "two entrants")):
            if anchors[name] is not None:
                iy, ix = anchors[name]
                ax.text(S[ix], F[iy], label, ha="center", va="center", fontsize=9)
        if anchors["one"] is not None:
            iy, ix = anchors["one"]
            if anchors["none"] is not None:
                ty, tx = anchors["none"]
                where = (S[tx], F[ty] - 0.3 * (F.max() - F.min()))
            else:
                where = (S[ix], F[iy])
            ax.annotate("one entrant\n(2 pure + 1 mixed)", xy=(S[ix], F[iy]), xytext=where,
                        ha="center", va="center", fontsize=9,
                        arrowprops={"arrowstyle": "->", "color": "#333333", "lw": 0.8})
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title("Equilibria of a two-firm entry game")
    return fig


def _deepest_cell(mask: np.ndarray):
    """Index ``(row, col)`` of the cell of ``mask`` farthest from the region's edge."""
    if not mask.any():
        return None
    from scipy.ndimage import distance_transform_edt

    depth = distance_transform_edt(np.pad(mask, 1))[1:-1, 1:-1]
    return np.unravel_index(int(np.argmax(depth)), mask.shape)
