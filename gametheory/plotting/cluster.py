"""Figures A and B: when clustered OFDI beats uncoordinated entry (M0).

They draw results of :class:`gametheory.models.ClusterVsScattered`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from .style import COLORS, paper_style

#: One colour per regime (same order as ``gametheory.models.cluster.REGIMES``).
REGIME_COLORS = ("#e5e7e9", "#85c1e9", "#82e0aa", COLORS["dissipation"], "#f8c471")

#: One colour per mechanism (same order as ``gametheory.models.cluster.MECHANISMS``).
MECHANISM_COLORS = ("#1b6ca8", "#8e44ad", "#27ae60", "#c0392b", "#d68910")

_AXIS_LABELS = {
    "F": "standalone entry cost $F$",
    "sigma2": r"risk: variance $\sigma^2$ of the profit shock",
    "F0": "shared platform cost $F_0$ of the cluster",
    "gamma": r"agglomeration synergy $\gamma$",
    "f": "per-entrant platform cost $f$",
    "tau": r"risk tolerance $\tau$",
    "r": "signal precision $r$",
    "s": "entry subsidy rate $s$",
    "common_share": r"common share $\omega$ of risk",
}


def _label(param: str) -> str:
    return _AXIS_LABELS.get(param, param)


def plot_regime_map(maps: dict, labels, marks=None, title: str | None = None, log_y=()):
    """Regime maps over two parameters, one panel per map.

    Parameters
    ----------
    maps : dict
        Panel title → :class:`~gametheory.models.cluster.RegimeMap`.
    labels : sequence of str
        The regime labels (``REGIMES``), indexed by ``RegimeMap.code``.
    marks : dict, optional
        Panel title → ``(x, y)`` point to mark (e.g. the default case).
    title : str, optional
        Figure title.
    log_y : sequence of str
        Panel titles whose y axis is drawn on a log scale (e.g. a geometric risk grid).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not maps:
        raise ValueError("maps must hold at least one RegimeMap")
    marks = marks or {}
    cmap = ListedColormap(REGIME_COLORS[: len(labels)])
    norm = BoundaryNorm(np.arange(len(labels) + 1) - 0.5, cmap.N)
    with paper_style():
        fig, axes = plt.subplots(1, len(maps), figsize=(5.2 * len(maps), 4.6), squeeze=False)
        present = set()
        for ax, (name, rm) in zip(axes[0], maps.items(), strict=True):
            ax.pcolormesh(rm.grid_x, rm.grid_y, rm.code, cmap=cmap, norm=norm, shading="nearest",
                          rasterized=True)
            present |= set(np.unique(rm.code).tolist())
            # region boundaries, and where home firms cannot produce at all
            ax.contour(rm.grid_x, rm.grid_y, rm.code, levels=np.arange(len(labels)) + 0.5,
                       colors="white", linewidths=0.8)
            if not rm.interior.all():
                ax.contourf(rm.grid_x, rm.grid_y, (~rm.interior).astype(float), levels=[0.5, 1.5],
                            hatches=["//"], colors="none")
            # label each region at its centre of mass (if it is there)
            X, Y = np.meshgrid(rm.grid_x, rm.grid_y)
            for c in np.unique(rm.code):
                sel = rm.code == c
                if sel.sum() < 0.03 * sel.size:
                    continue
                ax.text(np.median(X[sel]), np.median(Y[sel]), str(c + 1), ha="center",
                        va="center", fontsize=11, weight="bold", color="#333333")
            if name in marks:
                x, y = marks[name]
                ax.plot([x], [y], marker="*", color="k", ms=12, ls="none",
                        label="default case")
                ax.legend(loc="upper right", fontsize=8, frameon=True)
            if name in log_y:
                ax.set_yscale("log")
            ax.set_xlabel(_label(rm.param_x))
            ax.set_ylabel(_label(rm.param_y))
            ax.set_title(name)
        handles = [Patch(facecolor=REGIME_COLORS[c], edgecolor="#999999",
                         label=f"{c + 1}: {labels[c]}") for c in range(len(labels))]
        fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False,
                   bbox_to_anchor=(0.5, -0.08))
        if title:
            fig.suptitle(title, y=1.0)
        fig.tight_layout()
    return fig


def plot_decomposition(cases: dict, mechanisms, title: str | None = None):
    """Waterfall of the cluster's gain by mechanism (first case) and stacked bars for all cases.

    Parameters
    ----------
    cases : dict
        Case label → ``(V_U, decomposition)`` where ``decomposition`` are the mechanism
        shares (Shapley value of the mechanism game; they sum to ``V_C − V_U``).
    mechanisms : sequence of str
        Mechanism names, in the order of the decomposition.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not cases:
        raise ValueError("cases must hold at least one case")
    labels = list(cases)
    with paper_style():
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(11.5, 4.6),
                                       gridspec_kw={"width_ratios": [1.35, 1]})
        # waterfall for the first case
        V_U, dec = cases[labels[0]]
        dec = np.asarray(dec, dtype=float)
        level = V_U
        xs = np.arange(len(mechanisms) + 2)
        ax0.bar(0, V_U, color=COLORS["neutral"], width=0.6)
        ax0.text(0, V_U, f"{V_U:.0f}", ha="center", va="bottom" if V_U >= 0 else "top",
                 fontsize=8)
        for i, d in enumerate(dec):
            ax0.bar(i + 1, d, bottom=level, color=MECHANISM_COLORS[i], width=0.6)
            ax0.plot([i + 0.7, i + 1.3], [level, level], color="k", lw=0.6)
            ax0.text(i + 1, level + d, f"{d:+.0f}", ha="center",
                     va="bottom" if d >= 0 else "top", fontsize=8)
            level += d
        ax0.bar(len(mechanisms) + 1, level, color="#2c3e50", width=0.6)
        ax0.text(len(mechanisms) + 1, level, f"{level:.0f}", ha="center",
                 va="bottom" if level >= 0 else "top", fontsize=8)
        ax0.axhline(0, color="k", lw=0.6)
        ax0.set_xticks(xs)
        ax0.set_xticklabels(["scattered\n$V_U$"] + [m.replace(" ", "\n") for m in mechanisms]
                            + ["cluster\n$V_C$"], fontsize=8)
        ax0.set_ylabel("national certainty-equivalent surplus")
        ax0.set_title(f"From scattered to cluster entry ({labels[0]})")
        # stacked bars for every case
        for j, lab in enumerate(labels):
            _, d = cases[lab]
            d = np.asarray(d, dtype=float)
            pos, neg = 0.0, 0.0
            for i, v in enumerate(d):
                if v >= 0:
                    ax1.bar(j, v, bottom=pos, color=MECHANISM_COLORS[i], width=0.55)
                    pos += v
                else:
                    ax1.bar(j, v, bottom=neg, color=MECHANISM_COLORS[i], width=0.55)
                    neg += v
            ax1.plot([j], [d.sum()], marker="D", color="k", ms=5, ls="none",
                     label=r"gain $V_C - V_U$" if j == 0 else None)
        ax1.axhline(0, color="k", lw=0.6)
        ax1.set_xticks(np.arange(len(labels)))
        ax1.set_xticklabels(labels)
        ax1.set_ylabel(r"share of the gain $V_C - V_U$ (Shapley value)")
        ax1.set_title("Gain by mechanism")
        handles = [Patch(facecolor=MECHANISM_COLORS[i], label=m)
                   for i, m in enumerate(mechanisms)]
        h, lab = ax1.get_legend_handles_labels()
        ax1.legend(handles=handles + h, loc="upper left", fontsize=8)
        if title:
            fig.suptitle(title, y=1.02)
        fig.tight_layout()
    return fig
