"""Figures of the government's problem (:class:`gametheory.models.PolicyDesign`): welfare
against the subsidy rate, targeted against untargeted; the instruments ranked by welfare
gain per unit of fiscal cost; the optimal policy over two parameters of the environment."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .style import COLORS, PAGE_WIDTH, TOL_BRIGHT, paper_style

_LABELS = {"untargeted": "untargeted entry subsidy $s$",
           "targeted": "through the cluster only $s_C$"}


def plot_policy_subsidy(untargeted, targeted, title: str | None = None):
    """Home welfare, entrants and dissipation against the subsidy rate, both ways of paying it.

    Parameters
    ----------
    untargeted, targeted : WelfareCurve
        :meth:`PolicyDesign.welfare_curve` of ``entry_subsidy`` and of ``cluster_subsidy``
        on the same grid of rates.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        (a) home welfare ``W = NS − λFC`` in the cluster equilibrium; (b) home entrants in
        the cluster equilibrium (solid), of them entering on their own (dotted), and in the
        scattered world (dashed); (c) the surplus the scattered world's free entry
        dissipates.
    """
    if not np.array_equal(untargeted.level, targeted.level):
        raise ValueError("untargeted and targeted must be computed on the same rates")
    s = untargeted.level
    cols = {"untargeted": COLORS["scattered"], "targeted": COLORS["cluster"]}
    curves = {"untargeted": untargeted, "targeted": targeted}
    with paper_style():
        fig, axes = plt.subplots(1, 3, figsize=(PAGE_WIDTH, 2.7))
        ax0, ax1, ax2 = axes
        for key, c in curves.items():
            ax0.plot(s, c.welfare, "-o", ms=2.5, color=cols[key], label=_LABELS[key])
            ax1.step(s, c.home_entrants, where="post", color=cols[key], lw=1.5,
                     label=f"home entrants, {key}")
            ax1.step(s, c.scattered_entrants, where="post", color=cols[key], ls="--", lw=1.0,
                     label=f"scattered world, {key}")
            ax2.step(s, c.dissipation, where="post", color=cols[key], lw=1.4,
                     label=_LABELS[key])
        ax1.step(s, untargeted.own_entrants, where="post", color=cols["untargeted"], ls=":",
                 lw=1.4, label="entering on their own, untargeted")
        ax0.set_title("(a) home welfare")
        ax0.set_ylabel(r"$W = NS - \lambda\,FC$")
        ax1.set_title("(b) who enters")
        ax1.set_ylabel("firms")
        ax2.set_title("(c) scattered dissipation")
        ax2.set_ylabel("surplus lost to over-entry")
        for ax in axes:
            ax.set_xlabel("subsidy rate")
        ax0.legend(fontsize=6.5, loc="lower left")
        ax1.legend(fontsize=6, loc="upper left")
        if title:
            fig.suptitle(title, fontsize=9)
        fig.tight_layout()
    return fig


def plot_instrument_ranking(ranking, title: str | None = None):
    """Each instrument alone at its optimum and the optimal mix: gain, cost, gain per unit cost.

    Parameters
    ----------
    ranking : InstrumentRanking
        :meth:`PolicyDesign.rank_instruments`.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        (a) welfare gain and change of fiscal outlay at each optimum (negative outlay:
        revenue); (b) gain per unit of fiscal cost, with instruments that gain and cost
        nothing or raise revenue marked "self-financing" and unused ones "not used".
    """
    names = [("optimal mix" if str(n).startswith("optimal mix") else str(n)).replace("_", " ")
             for n in ranking.instrument]
    y = np.arange(len(names))[::-1]
    with paper_style():
        fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(PAGE_WIDTH, 0.28 * len(names) + 1.2),
                                       sharey=True)
        ax0.barh(y + 0.2, ranking.gain, height=0.38, color=COLORS["cluster"],
                 label="welfare gain")
        ax0.barh(y - 0.2, ranking.fiscal_cost, height=0.38, color=TOL_BRIGHT["yellow"],
                 hatch="//", label="change of fiscal outlay")
        ax0.axvline(0, color="k", lw=0.6)
        ax0.set_yticks(y, names)
        ax0.set_title("(a) gain and outlay", fontsize=8.5)
        ax0.legend(fontsize=7, loc="center right")
        ratio = np.asarray(ranking.gain_per_fiscal_cost, dtype=float)
        finite = np.isfinite(ratio)
        ax1.barh(y[finite], ratio[finite], height=0.6, color=COLORS["cluster"])
        top = float(np.max(ratio[finite])) if finite.any() else 1.0
        for yi, r in zip(y, ratio):
            if np.isinf(r):
                ax1.text(0.02 * top, yi, "self-financing", va="center", fontsize=7)
            elif np.isnan(r):
                ax1.text(0.02 * top, yi, "not used", va="center", fontsize=7,
                         color=COLORS["neutral"])
        ax1.axvline(1.0, color=COLORS["neutral"], lw=0.8, ls="--")
        ax1.set_title("(b) gain per unit of fiscal cost", fontsize=8.5)
        ax1.set_xlabel("gain / cost (1: break-even)")
        ax0.set_xlabel("money")
        if title:
            fig.suptitle(title, fontsize=9)
        fig.tight_layout()
    return fig


def plot_policy_map(pmap, labels: dict | None = None, marks=(), title: str | None = None):
    """The optimal level of each instrument and the welfare gain over two parameters.

    Parameters
    ----------
    pmap : PolicyMap
        :meth:`PolicyDesign.optimal_policy_map`.
    labels : dict, optional
        Axis labels for ``param_x`` and ``param_y`` (mathtext), default the names.
    marks : sequence of (x, y)
        Points to mark (e.g. the default case).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        One panel per instrument (its optimal level) and one for the gain, with the number
        of home entrants at the optimum as contours on the last.
    """
    labels = labels or {}
    k = len(pmap.instruments)
    gx, gy = pmap.grid_x, pmap.grid_y
    with paper_style():
        fig, axes = plt.subplots(1, k + 1, figsize=(PAGE_WIDTH, 2.5), sharey=True)
        panels = [(pmap.levels[j], name) for j, name in enumerate(pmap.instruments)]
        panels.append((pmap.gain, "welfare gain"))
        for j, (ax, (Z, name)) in enumerate(zip(axes, panels)):
            im = ax.pcolormesh(gx, gy, Z, shading="nearest", cmap="Blues" if j < k else "Greens")
            fig.colorbar(im, ax=ax, fraction=0.05, pad=0.03)
            if j == k and np.ptp(pmap.home_entrants) > 0:
                cs = ax.contour(gx, gy, pmap.home_entrants, levels=np.arange(0.5, 30.5, 1.0),
                                colors="k", linewidths=0.5, alpha=0.6)
                ax.clabel(cs, fontsize=5.5, fmt=lambda v: f"{v + 0.5:.0f}")
            ax.set_title(f"({chr(97 + j)}) {name.replace('_', ' ')}", fontsize=8.5)
            ax.set_xlabel(labels.get(pmap.param_x, pmap.param_x))
            for x, yv in marks:
                ax.plot([x], [yv], "*", color=TOL_BRIGHT["red"], ms=7)
        axes[0].set_ylabel(labels.get(pmap.param_y, pmap.param_y))
        if title:
            fig.suptitle(title, fontsize=9)
        fig.tight_layout()
    return fig
