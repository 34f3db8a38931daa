"""Figures A and B: when clustered OFDI beats uncoordinated entry (M0).

They draw results of :class:`gametheory.models.ClusterVsScattered`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from .style import COLORS, paper_style

#: One colour per regime, for codes 1…7 (same order as ``gametheory.models.cluster.REGIMES``).
REGIME_COLORS = ("#e5e7e9", "#85c1e9", COLORS["dissipation"], "#82e0aa", "#d2b4de", "#f8c471",
                 "#5d6d7e")

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
    "governance": "organising cost per member",
    "n": "home firms $n$",
    "spillover": r"agglomeration reaching outsiders $\psi$",
    "colocation": r"firm risk made common by co-location $\kappa$",
    "s_cluster": "subsidy for entry through the cluster",
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
    norm = BoundaryNorm(np.arange(len(labels) + 1) + 0.5, cmap.N)  # codes 1 … len(labels)
    with paper_style():
        fig, axes = plt.subplots(1, len(maps), figsize=(5.2 * len(maps), 4.6), squeeze=False)
        present = set()
        for ax, (name, rm) in zip(axes[0], maps.items(), strict=True):
            ax.pcolormesh(rm.grid_x, rm.grid_y, rm.code, cmap=cmap, norm=norm, shading="nearest",
                          rasterized=True)
            present |= set(np.unique(rm.code).tolist())
            # region boundaries, and where home firms cannot produce at all
            ax.contour(rm.grid_x, rm.grid_y, rm.code, levels=np.arange(1, len(labels)) + 0.5,
                       colors="white", linewidths=0.8)
            # the size of the gain V_C − V_U, labelled
            gain = np.asarray(rm.gain, dtype=float)
            # (the zero level is a regime boundary already drawn: not repeated)
            lv = _nice_levels(gain) if np.ptp(gain[np.isfinite(gain)]) > 0 else np.array([])
            lv = lv[np.abs(lv) > 1e-9 * np.abs(lv).max()] if lv.size else lv
            if lv.size:
                cs = ax.contour(rm.grid_x, rm.grid_y, gain, levels=lv, colors="#34495e",
                                linewidths=0.6, linestyles="dashed")
                ax.clabel(cs, fmt=lambda v: f"{v:+.0f}", fontsize=7)
            if not rm.interior.all():
                ax.contourf(rm.grid_x, rm.grid_y, (~rm.interior).astype(float), levels=[0.5, 1.5],
                            hatches=["//"], colors="none")
            # label each region at its centre of mass (if it is there)
            X, Y = np.meshgrid(rm.grid_x, rm.grid_y)
            for c in np.unique(rm.code):
                sel = rm.code == c
                if sel.sum() < 0.03 * sel.size:
                    continue
                ax.text(np.median(X[sel]), np.median(Y[sel]), str(c), ha="center",
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
        handles = [Patch(facecolor=REGIME_COLORS[c - 1], edgecolor="#999999",
                         label=f"{c}: {labels[c - 1]}") for c in sorted(present)]
        handles.append(plt.Line2D([], [], color="#34495e", lw=0.6, ls="--",
                                  label=r"gain $V_C - V_U$ (contours)"))
        fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        if title:
            fig.suptitle(title, y=1.0)
        rows = -(-len(handles) // 3)  # legend rows under the panels
        fig.tight_layout(rect=(0, 0.045 * rows + 0.01, 1, 1))
    return fig


def _nice_levels(values, count: int = 6) -> np.ndarray:
    """About ``count`` round contour levels spanning the finite values (0 included)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    lo, hi = float(v.min()), float(v.max())
    step = 10 ** np.floor(np.log10(max(hi - lo, 1e-300) / count))
    for mult in (1, 2, 5, 10):
        if (hi - lo) / (step * mult) <= count:
            step *= mult
            break
    return np.arange(np.ceil(lo / step) * step, hi + step / 2, step)


def plot_decomposition(cases: dict, mechanisms, title: str | None = None, dividends=None,
                       organising_cost: float = 0.0):
    """Waterfall of the cluster's gain by mechanism (first case) and stacked bars for all cases.

    Parameters
    ----------
    cases : dict
        Case label → ``(V_U, decomposition)`` where ``decomposition`` are the mechanism
        shares (Shapley value of the mechanism game; they sum to ``V_C − V_U`` plus the
        organising cost).
    mechanisms : sequence of str
        Mechanism names, in the order of the decomposition.
    dividends : dict, optional
        Harsanyi dividends of the first case (``{frozenset of names: value}``): drawn as a
        third panel, each mechanism's own effect next to the interactions.
    organising_cost : float
        The first case's organising cost, drawn as the last (negative) step.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not cases:
        raise ValueError("cases must hold at least one case")
    labels = list(cases)
    with paper_style():
        ncols = 3 if dividends else 2
        fig, axes = plt.subplots(1, ncols, figsize=(5.6 * ncols, 4.8),
                                 gridspec_kw={"width_ratios": [1.3, 0.9, 1.0][:ncols]})
        ax0, ax1 = axes[0], axes[1]
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
        names = ["scattered $V_U$"] + list(mechanisms)
        if organising_cost:
            j = len(mechanisms) + 1
            ax0.bar(j, -organising_cost, bottom=level, color=COLORS["neutral"], width=0.6,
                    hatch="//")
            ax0.text(j, level - organising_cost, f"{-organising_cost:+.0f}", ha="center",
                     va="top", fontsize=8)
            level -= organising_cost
            names.append("organising cost")
            xs = np.arange(len(mechanisms) + 3)
        ax0.bar(xs[-1], level, color="#2c3e50", width=0.6)
        ax0.text(xs[-1], level, f"{level:.0f}", ha="center",
                 va="bottom" if level >= 0 else "top", fontsize=8)
        ax0.axhline(0, color="k", lw=0.6)
        ax0.set_xticks(xs)
        ax0.set_xticklabels(names + ["cluster $V_C$"], fontsize=8, rotation=35, ha="right",
                            rotation_mode="anchor")
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
        ax1.set_ylabel("Shapley share of the gain (before organising cost)")
        ax1.set_title("Gain by mechanism")
        if dividends:
            ax2 = axes[2]
            items = sorted(dividends.items(), key=lambda kv: (len(kv[0]), -abs(kv[1])))
            own = [(k, v) for k, v in items if len(k) == 1]
            inter = sorted(((k, v) for k, v in items if len(k) > 1), key=lambda kv: -abs(kv[1]))
            shown = own + inter[:8]
            rest = sum(v for _, v in inter[8:])
            order = list(mechanisms).index  # interactions named by the mechanisms' first words
            ylab = [next(iter(k)) if len(k) == 1 else
                    " × ".join(m.split()[0] for m in sorted(k, key=order)) for k, _ in shown]
            vals = [v for _, v in shown]
            if inter[8:]:
                ylab.append(f"{len(inter) - 8} other combinations")
                vals.append(rest)
            colors = [MECHANISM_COLORS[list(mechanisms).index(next(iter(k)))] if len(k) == 1
                      else COLORS["neutral"] for k, _ in shown] + (["#d5d8dc"] if inter[8:] else [])
            y = np.arange(len(vals))[::-1]
            ax2.barh(y, vals, color=colors)
            ax2.set_yticks(y)
            ax2.set_yticklabels(ylab, fontsize=7)
            ax2.axvline(0, color="k", lw=0.6)
            ax2.set_xlabel("Harsanyi dividend")
            ax2.set_title("Own effects (colour) and interactions (grey)")
        handles = [Patch(facecolor=MECHANISM_COLORS[i], label=m)
                   for i, m in enumerate(mechanisms)]
        h, lab = ax1.get_legend_handles_labels()
        ax1.legend(handles=handles + h, loc="upper left", fontsize=8)
        if title:
            fig.suptitle(title, y=1.02)
        fig.tight_layout()
    return fig


def plot_stable_sizes(data: dict, labels, title: str | None = None):
    """Equilibrium cluster size over the number of firms × the organising cost.

    Parameters
    ----------
    data : dict
        Output of :meth:`ClusterVsScattered.stable_sizes`: ``n``, ``governance``,
        ``members`` and ``regime`` (codes) arrays.
    labels : sequence of str
        Regime labels (``REGIMES``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    n, g = np.asarray(data["n"]), np.asarray(data["governance"])
    members = np.asarray(data["members"], dtype=float)
    with paper_style():
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10.5, 4.2))
        mesh = ax0.pcolormesh(n, g, members, shading="nearest", cmap="Blues",
                              vmin=0, vmax=max(float(members.max()), 1.0), rasterized=True)
        fig.colorbar(mesh, ax=ax0, label="members of the equilibrium cluster")
        cs = ax0.contour(n, g, members / np.maximum(n[None, :], 1), levels=[0.5, 0.999],
                         colors=["#34495e", "k"], linewidths=0.8, linestyles=["--", "-"])
        ax0.clabel(cs, fmt={0.5: "half the firms", 0.999: "all firms"}, fontsize=7)
        ax0.set_xlabel(_label("n"))
        ax0.set_ylabel(_label("governance"))
        ax0.set_title("(a) how many firms the cluster holds")
        codes = np.asarray(data["regime"])
        cmap = ListedColormap(REGIME_COLORS[: len(labels)])
        norm = BoundaryNorm(np.arange(len(labels) + 1) + 0.5, cmap.N)
        ax1.pcolormesh(n, g, codes, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
        ax1.set_xlabel(_label("n"))
        ax1.set_ylabel(_label("governance"))
        ax1.set_title("(b) regime")
        present = sorted(set(np.unique(codes).tolist()))
        handles = [Patch(facecolor=REGIME_COLORS[c - 1], edgecolor="#999999",
                         label=f"{c}: {labels[c - 1]}") for c in present]
        ax1.legend(handles=handles, loc="upper left", fontsize=7, frameon=True)
        if title:
            fig.suptitle(title, y=1.02)
        fig.tight_layout()
    return fig
