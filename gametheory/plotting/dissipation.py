"""Figure C: where internal dissipation occurs (M4, :class:`gametheory.models.DissipationEntry`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .style import COLORS, PAGE_WIDTH, paper_style

_SUBSIDY_STYLES = ("-", "--", ":")


def plot_dissipation(results: dict, F: float, grid: dict | None = None, mark=()):
    """Per-firm and total profit against the number of home entrants, and a dissipation heatmap.

    Parameters
    ----------
    results : dict
        Subsidy rate ``s`` → :class:`~gametheory.models.dissipation.DissipationResult` of the
        same model (same profits, different free-entry counts).
    F : float
        Entry cost, to draw the entry thresholds ``(1 − s)F`` in the first panel.
    grid : dict, optional
        Output of :meth:`DissipationEntry.dissipation_grid` (entry cost × subsidy); drawn
        as a third panel.
    mark : sequence of (s, F), optional
        Points to mark on the heatmap (e.g. the cases of the first two panels).

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not results:
        raise ValueError("results must hold at least one subsidy rate")
    subsidies = sorted(results)
    first = results[subsidies[0]]
    m = first.m
    with paper_style():
        # page width: (a) and (b) side by side, the heatmap (c) across the page below
        rows = 2 if grid is not None else 1
        fig = plt.figure(figsize=(PAGE_WIDTH, 3.1 * rows + 0.2))
        gs = fig.add_gridspec(rows, 2)
        ax0, ax1 = fig.add_subplot(gs[0, 0]), fig.add_subplot(gs[0, 1])
        mm = m[1:]
        ax0.plot(mm, first.profit[1:], "o-", color=COLORS["scattered"], ms=3.5,
                 label=r"profit per entrant $\pi(m)$")
        m_c = first.m_cluster
        for ax in (ax0, ax1):
            # one band per subsidy rate: overlaps darken, so the s = 0 region is darkest
            for k, s in enumerate(subsidies):
                if results[s].m_free > m_c:
                    ax.axvspan(m_c + 0.5, results[s].m_free + 0.5, color=COLORS["dissipation"],
                               alpha=0.35, lw=0,
                               label="dissipation region $(m_C, m_U(s)]$"
                               if (ax is ax1 and k == 0) else None)
            ax.axvline(m_c, color=COLORS["cluster"], lw=1.2)
        for s, ls in zip(subsidies, _SUBSIDY_STYLES * 3, strict=False):
            r = results[s]
            ax0.axhline((1 - s) * F, color=COLORS["neutral"], ls=ls, lw=1.0,
                        label=f"entry cost net of subsidy, s={s:g}")
            ax0.plot([r.m_free], [r.profit[r.m_free]], "v", color="k", ms=6)
            ax0.annotate(f"$m_U$={r.m_free}", (r.m_free, r.profit[r.m_free]),
                         textcoords="offset points", xytext=(4, 6), fontsize=8)
        ax0.set_xlabel("home entrants $m$")
        ax0.set_ylabel("profit per entrant")
        ax0.set_title("(a) per-firm profit and free entry")
        ax0.text(m_c, ax0.get_ylim()[1] * 0.97, f" $m_C$={m_c}", color=COLORS["cluster"],
                 va="top", fontsize=9)
        ax0.legend(fontsize=7.5, loc="upper right")

        ax1.plot(m, first.total_profit, "-", color=COLORS["neutral"],
                 label=r"total operating profit $m\,\pi(m)$")
        ax1.plot(m, first.national_surplus, "o-", color=COLORS["cluster"], ms=3.5,
                 label=r"national surplus $m(\pi(m)-F)$")
        ax1.axhline(0, color="k", lw=0.6)
        for s in subsidies:
            r = results[s]
            ax1.plot([r.m_free], [r.national_surplus[r.m_free]], "v", color="k", ms=6)
            ax1.annotate(f"$m_U$({s:g})", (r.m_free, r.national_surplus[r.m_free]),
                         textcoords="offset points", xytext=(4, -12), fontsize=8)
        ax1.plot([m_c], [first.national_surplus[m_c]], "*", color=COLORS["cluster"], ms=12,
                 label=f"cluster optimum $m_C$={m_c}")
        ax1.set_xlabel("home entrants $m$")
        ax1.set_ylabel("home profit (national view)")
        ax1.set_title("(b) total profit: cluster optimum vs free entry")
        ax1.legend(fontsize=7.5, loc="lower left")
        step = max(1, int(np.ceil((m.size - 1) / 8)))
        for ax in (ax0, ax1):
            ax.set_xlim(0.5, m[-1] + 0.5)
            ax.set_xticks(m[1::step])

        if grid is not None:
            ax2 = fig.add_subplot(gs[1, :])
            Fg, sg = grid["F"], grid["s"]
            mesh = ax2.pcolormesh(sg, Fg, grid["dissipation"], shading="nearest", cmap="Reds")
            fig.colorbar(mesh, ax=ax2, label=r"surplus lost $W_H(m_C)-W_H(m_U)$")
            levels = np.arange(0.5, float(np.nanmax(grid["m_free"])) + 1, 2.0)
            if levels.size:
                cs = ax2.contour(sg, Fg, grid["m_free"], levels=levels, colors="k",
                                 linewidths=0.6)
                ax2.clabel(cs, fmt=lambda v: f"$m_U>{v:.0f}$", fontsize=7)
            for s_pt, F_pt in mark:
                ax2.plot([s_pt], [F_pt], "v", color="k", ms=6)
            ax2.set_xlabel("entry subsidy rate $s$")
            ax2.set_ylabel("entry cost $F$")
            ax2.set_title("(c) dissipation over entry cost × subsidy")
        fig.tight_layout()
    return fig


def plot_dissipation_world(scattered: dict, cluster: dict, counts: dict, rmap=None):
    """Figure C in the integrated model's world: where internal dissipation occurs.

    Parameters
    ----------
    scattered, cluster : dict
        :meth:`ClusterVsScattered.schedule` for scattered entry (``None``) and for the
        cluster (``"all"``): per-count ``entrant_payoff`` and ``national`` surplus.
    counts : dict
        Subsidy rate ``s`` → ``(m_U, m_C)``: the free-entry count and the cluster
        equilibrium's count (from :meth:`ClusterVsScattered.solve` at that ``s``).
    rmap : RegimeMap, optional
        A map over entry cost × subsidy (``param_x = "s"``, ``param_y = "F"``); the third
        panel shows the rush ``m_U − m_C`` and outlines where the cluster restrains it.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not counts:
        raise ValueError("counts must hold at least one subsidy rate")
    subsidies = sorted(counts)
    m = np.asarray(scattered["m"])
    ncols = 3 if rmap is not None else 2
    with paper_style():
        fig, axes = plt.subplots(1, ncols, figsize=(5.0 * ncols, 4.2))
        ax0, ax1 = axes[0], axes[1]
        mm = m[1:]
        ax0.plot(mm, np.asarray(scattered["ce"])[1:], "o-", color=COLORS["scattered"],
                 ms=3.5, label=r"scattered entrant's CE $\pi_U(m)$")
        ax0.plot(mm, np.asarray(cluster["ce"])[1:], "s-", color=COLORS["cluster"], ms=3.5,
                 label=r"cluster member's CE $\pi_C(m)$")
        for s, ls in zip(subsidies, _SUBSIDY_STYLES * 3, strict=False):
            m_u, m_c = counts[s]
            fee = np.asarray(scattered["entry_cost"])[1] * (1 - s)
            ax0.axhline(fee, color=COLORS["neutral"], ls=ls, lw=1.0,
                        label=f"entry cost net of subsidy, s={s:g}")
            if m_u:
                ax0.plot([m_u], [np.asarray(scattered["ce"])[m_u]], "v", color="k", ms=6)
                ax0.annotate(f"$m_U$={m_u}", (m_u, np.asarray(scattered["ce"])[m_u]),
                             textcoords="offset points", xytext=(4, 6), fontsize=8)
        ax0.set_xlabel("home entrants $m$")
        ax0.set_ylabel("certainty equivalent per entrant")
        ax0.set_title("(a) per-firm payoff and free entry")
        ax0.legend(fontsize=7, loc="upper right")
        W_u = np.asarray(scattered["national"])
        W_c = np.asarray(cluster["national"])
        ax1.plot(m, W_u, "o-", color=COLORS["scattered"], ms=3.5,
                 label=r"scattered entrants $W_U(m)$")
        ax1.plot(m, W_c, "s-", color=COLORS["cluster"], ms=3.5,
                 label=r"cluster members $W_C(m)$")
        ax1.axhline(0, color="k", lw=0.6)
        for k, s in enumerate(subsidies):
            m_u, m_c = counts[s]
            if m_u > m_c:
                ax1.axvspan(m_c + 0.5, m_u + 0.5, color=COLORS["dissipation"], alpha=0.3, lw=0,
                            label="rush beyond the cluster's count" if k == 0 else None)
            ax1.plot([m_u], [W_u[m_u]], "v", color="k", ms=6)
            ax1.annotate(f"$m_U$({s:g})", (m_u, W_u[m_u]), textcoords="offset points",
                         xytext=(4, -12), fontsize=8)
            ax1.plot([m_c], [W_c[m_c]], "*", color=COLORS["cluster"], ms=11)
            ax1.annotate(f"$m_C$({s:g})", (m_c, W_c[m_c]), textcoords="offset points",
                         xytext=(4, 6), fontsize=8, color=COLORS["cluster"])
        ax1.set_xlabel("home entrants $m$")
        ax1.set_ylabel("national surplus")
        ax1.set_title("(b) national surplus by count")
        ax1.legend(fontsize=7, loc="lower left")
        for ax in (ax0, ax1):
            ax.set_xlim(0.5, m[-1] + 0.5)
            ax.set_xticks(m[1:])
        if rmap is not None:
            ax2 = axes[2]
            rush = np.asarray(rmap.m_U, float) - np.asarray(rmap.m_C, float)
            lim = max(float(np.abs(rush).max()), 1.0)
            mesh = ax2.pcolormesh(rmap.grid_x, rmap.grid_y, rush, shading="nearest",
                                  cmap="RdBu_r", vmin=-lim, vmax=lim, rasterized=True)
            fig.colorbar(mesh, ax=ax2, label=r"rush $m_U - m_C$ (scattered minus cluster)")
            restrained = (np.asarray(rmap.code) == 3).astype(float)
            if restrained.any() and not restrained.all():
                ax2.contour(rmap.grid_x, rmap.grid_y, restrained, levels=[0.5], colors="k",
                            linewidths=1.0)
            ax2.set_xlabel("entry subsidy rate $s$")
            ax2.set_ylabel("standalone entry cost $F$")
            ax2.set_title("(c) the rush over entry cost × subsidy\n"
                          "(black: the cluster restrains it and wins)")
        fig.tight_layout()
    return fig
