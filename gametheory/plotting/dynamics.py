"""Figures of dynamics: phase portraits with rest points marked, basins against a policy
parameter, regions of the sequential entry game."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from .entry import _deepest_cell
from .style import COLORS, paper_style

_MARK = {"sink": dict(marker="o", s=46, facecolor="black", edgecolor="black", zorder=5),
         "source": dict(marker="o", s=46, facecolor="white", edgecolor="black", zorder=5),
         "saddle": dict(marker="o", s=46, facecolor="white", edgecolor="black", zorder=5),
         "unstable": dict(marker="o", s=46, facecolor="white", edgecolor="black", zorder=5),
         "non-hyperbolic": dict(marker="D", s=34, facecolor="#bbbbbb", edgecolor="black",
                                zorder=5)}
_LEGEND = [Line2D([], [], marker="o", ls="", mfc="black", mec="black",
                  label="asymptotically stable"),
           Line2D([], [], marker="o", ls="", mfc="white", mec="black", label="unstable"),
           Line2D([], [], marker="D", ls="", mfc="#bbbbbb", mec="black",
                  label="not decided by the eigenvalues")]


def outcome_color(label: str) -> str:
    """Blue for outcomes where firms cluster, red where they scatter, grey otherwise."""
    if label.startswith("cluster"):
        return COLORS["cluster"]
    if label.startswith("scattered"):
        return COLORS["scattered"]
    return COLORS["neutral"]


def plot_phase_portrait_3d(trajectories, points, sink_of=None, axis_labels=("x", "y", "z"),
                           title=""):
    """Trajectories in the unit cube of first-strategy shares, rest points marked by stability.

    Parameters
    ----------
    trajectories : :class:`gametheory.dynamics.Trajectories` of a game of three populations
        with two strategies each.
    points : sequence of :class:`gametheory.dynamics.RestPoint`
    sink_of : array of int, optional
        For each trajectory, the index in ``points`` of the sink it reaches (−1: none);
        trajectories are coloured by it.

    Returns
    -------
    matplotlib.figure.Figure
    """
    Z = trajectories.states[..., ::2]
    with paper_style():
        fig = plt.figure(figsize=(6.2, 5.4))
        ax = fig.add_subplot(projection="3d")
        for b in range(Z.shape[0]):
            i = -1 if sink_of is None else int(sink_of[b])
            col = outcome_color(points[i].label) if i >= 0 else COLORS["neutral"]
            ax.plot(Z[b, :, 0], Z[b, :, 1], Z[b, :, 2], color=col, lw=0.8, alpha=0.75)
            ax.scatter(*Z[b, 0], color=col, s=6, alpha=0.6)
        for p in points:
            z = p.state[::2]
            ax.scatter(*z, **_MARK[p.stability], depthshade=False)
            if p.stability == "sink":
                ax.text(z[0], z[1], z[2] + 0.06, p.label.replace(" | ", "\n"), fontsize=7,
                        ha="center")
        for e in _cube_edges():
            ax.plot(*e, color="#999999", lw=0.5)
        ax.set_xlabel(axis_labels[0])
        ax.set_ylabel(axis_labels[1])
        ax.set_zlabel(axis_labels[2])
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_zlim(0, 1)
        ax.view_init(elev=22, azim=-58)
        ax.legend(handles=_LEGEND, loc="upper left", fontsize=8)
        if title:
            ax.set_title(title)
    return fig


def _cube_edges():
    out = []
    for a in (0, 1):
        for b in (0, 1):
            out.append(([0, 1], [a, a], [b, b]))
            out.append(([a, a], [0, 1], [b, b]))
            out.append(([a, a], [b, b], [0, 1]))
    return out


def plot_phase_faces(dynamics, points, faces=((2, 1.0), (2, 0.0)), axis_labels=("x", "y", "z"),
                     face_titles=None, density=1.1):
    """Streamlines on faces of the unit cube (one population held at a vertex), rest points on
    each face marked by their stability in the full system.

    Parameters
    ----------
    dynamics : :class:`gametheory.dynamics.ReplicatorDynamics` (three two-strategy populations)
    points : sequence of :class:`gametheory.dynamics.RestPoint`
    faces : sequence of (population index, share held fixed)

    Returns
    -------
    matplotlib.figure.Figure
    """
    g = np.linspace(0.0, 1.0, 41)
    with paper_style():
        fig, axes = plt.subplots(1, len(faces), figsize=(5.6 * len(faces) / 1.6, 4.0),
                                 squeeze=False)
        for k, (ax, (fixed, val)) in enumerate(zip(axes[0], faces)):
            free = [q for q in range(3) if q != fixed]
            U, V = np.meshgrid(g, g)
            z = np.zeros(U.shape + (3,))
            z[..., free[0]], z[..., free[1]], z[..., fixed] = U, V, val
            x = np.stack([z, 1 - z], axis=-1).reshape(U.shape + (6,))
            vel = dynamics.velocity(x)[..., ::2]
            speed = np.hypot(vel[..., free[0]], vel[..., free[1]])
            ax.streamplot(g, g, vel[..., free[0]], vel[..., free[1]], color=speed,
                          cmap="Greys", density=density, linewidth=0.7, arrowsize=0.8)
            for p in points:
                s = p.state[::2]
                if abs(s[fixed] - val) < 1e-9:
                    ax.scatter(s[free[0]], s[free[1]], clip_on=False, **_MARK[p.stability])
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
            ax.set_aspect("equal")
            ax.set_xlabel(axis_labels[free[0]])
            ax.set_ylabel(axis_labels[free[1]])
            title = face_titles[k] if face_titles else f"{axis_labels[fixed]} = {val:g}"
            ax.set_title(title, fontsize=10)
        axes[0, -1].legend(handles=_LEGEND, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                           fontsize=8)
    return fig


def plot_basins(basin_map, xlabel=None, title=""):
    """Stacked shares of initial states ending at each sink against a policy parameter.

    Parameters
    ----------
    basin_map : :class:`gametheory.models.BasinMap`

    Returns
    -------
    matplotlib.figure.Figure
    """
    with paper_style():
        fig, ax = plt.subplots(figsize=(6.4, 4.0))
        colors = []
        shades = {}
        for lab in basin_map.outcomes:
            base = outcome_color(lab) if lab != "no rest" else "#dddddd"
            shades[base] = shades.get(base, 0) + 1
            alpha = 1.0 if shades[base] == 1 else 0.55
            colors.append((base, alpha))
        bottom = np.zeros(len(basin_map.values))
        for j, lab in enumerate(basin_map.outcomes):
            top = bottom + basin_map.shares[:, j]
            col, alpha = colors[j]
            ax.fill_between(basin_map.values, bottom, top, color=col, alpha=alpha, lw=0,
                            step="mid", label=lab)
            bottom = top
        ax.set_xlim(basin_map.values.min(), basin_map.values.max())
        ax.set_ylim(0, 1)
        ax.set_xlabel(xlabel or basin_map.parameter)
        ax.set_ylabel("share of initial states")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                  title="end state", title_fontsize=8)
        if title:
            ax.set_title(title)
    return fig


def plot_entry_regimes(regimes, x, y, xlabel, ylabel, title=""):
    """Regions of the capacity-commitment game (blockaded / deterred / accommodated).

    Parameters
    ----------
    regimes : 2-D array of str, shape (len(y), len(x))
        E.g. from :func:`gametheory.models.dixit_regions` on a mesh.

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = ("accommodated", "deterred", "blockaded")
    code = np.vectorize(names.index)(np.asarray(regimes)).astype(float)
    cmap = ListedColormap([COLORS["scattered"], "#f5cba7", COLORS["core"]])
    with paper_style():
        fig, ax = plt.subplots(figsize=(6.0, 4.2))
        ax.pcolormesh(x, y, code, cmap=cmap, vmin=-0.5, vmax=2.5, shading="auto", alpha=0.85,
                      rasterized=True)
        ax.contour(x, y, code, levels=[0.5, 1.5], colors="#444444", linewidths=0.8)
        for k, name in enumerate(names):
            cell = _deepest_cell(code == k)
            if cell is not None:
                iy, ix = cell
                ax.text(x[ix], y[iy], f"entry\n{name}", ha="center", va="center", fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
    return fig
