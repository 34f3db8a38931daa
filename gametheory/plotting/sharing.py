"""Figures of the sharing mechanisms M1–M3: cost sharing, risk sharing, cluster advantages.

Each function draws results computed by the models (one model method call at most)
on a given or new matplotlib Axes and returns the Axes.
"""

from __future__ import annotations

import numpy as np

from .simplex import plot_core_simplex
from .style import COLORS, HATCHES, MARKERS, PAGE_WIDTH, TOL_BRIGHT

PALETTE = list(TOL_BRIGHT.values())

__all__ = [
    "plot_ce_vs_size", "plot_coordination_band", "plot_cost_core", "plot_cost_shares",
    "plot_entry_correspondence", "plot_mode_shift",
]


def _axes(ax, figsize=(PAGE_WIDTH * 0.62, PAGE_WIDTH * 0.42)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


# ============================================================================ M1
def plot_cost_core(solution, ax=None, *, methods=("Shapley", "nucleolus", "SCRB"), title=None):
    """The core of a 3-firm entry-cost game on the simplex, with allocations marked.

    ``solution`` is an :class:`~gametheory.models.cost_sharing.EntryCostSolution`
    (``EntryCostGame.solve()``); ``methods`` are keys of ``solution.allocations()``.
    """
    allocs = solution.allocations()
    unknown = [m for m in methods if m not in allocs]
    if unknown:
        raise ValueError(f"unknown allocation(s) {unknown}; available: {list(allocs)}")
    points = {m: np.asarray(allocs[m]) for m in methods}
    ax = plot_core_simplex(solution.game, points, ax=ax, title=title)
    return ax


def plot_cost_shares(solution, ax=None, *, methods=("Shapley", "nucleolus", "SCRB", "proportional"),
                     title=None):
    """Grouped bars: each firm's standalone cost and its cost share under each rule."""
    ax = _axes(ax)
    allocs = solution.allocations()
    names = solution.game.names
    n = len(names)
    width = 0.8 / (len(methods) + 1)
    xs = np.arange(n)
    ax.bar(xs - 0.4 + width / 2, solution.standalone, width, color=COLORS["scattered"],
           alpha=0.35, label="standalone cost $F_i$", hatch="//")
    colors = [COLORS.get(m.lower(), c) for m, c in
              zip(methods, PALETTE)]
    for k, (m, c) in enumerate(zip(methods, colors)):
        ax.bar(xs - 0.4 + width * (k + 1.5), np.asarray(allocs[m]), width, color=c, label=m,
               hatch=HATCHES[(k + 2) % len(HATCHES)], edgecolor="white", linewidth=0.3)
    ax.set_xticks(xs)
    ax.set_xticklabels(names)
    ax.set_ylabel("entry cost")
    ax.legend(ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=7.5)
    if title:
        title = f"{title}\n\n"  # room for the legend between the title and the bars
        ax.set_title(title)
    return ax


def plot_mode_shift(sorting, Phi, k_values, ax=None, title=None):
    """HMY mode choice against productivity, alone and with the FDI fixed cost shared.

    ``sorting`` is an :class:`~gametheory.models.cost_sharing.EntryModeSorting`;
    ``Phi`` a grid of productivity indices; ``k_values`` the numbers of firms that
    share ``f_I`` equally (``f_I/k``). Draws the FDI cut-off for each ``k`` and shades
    the productivities that switch to FDI.
    """
    ax = _axes(ax)
    Phi = np.asarray(Phi, dtype=float)
    ks = np.asarray(k_values, dtype=float)
    shift = sorting.shift(sorting.f_I / ks)
    base = sorting.cutoffs()
    profit_I = sorting.B * Phi - sorting.f_I
    profit_X = sorting.freeness * sorting.B * Phi - sorting.f_X
    ax.plot(Phi, np.zeros_like(Phi), color="black", lw=0.8)
    ax.plot(Phi, profit_X, color=COLORS["neutral"], label=r"export / non-equity: $\pi_X$", ls="-.")
    ax.plot(Phi, profit_I, color=COLORS["scattered"], label=r"FDI alone: $\pi_I$")
    palette = [PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[3]]
    for j, k in enumerate(ks):
        ax.plot(Phi, sorting.B * Phi - sorting.f_I / k, color=palette[j % 4], ls="--",
                label=rf"FDI, cost shared by $k={k:g}$: "
                      rf"cut-off $\Phi_I={shift.cutoff_shared[j]:.3g}$")
    lo = float(np.min(shift.cutoff_shared))
    ax.axvspan(lo, base.fdi_cutoff, color=COLORS["core"], alpha=0.5,
               label="switch to FDI when clustered")
    ax.axvline(base.fdi_cutoff, color=COLORS["scattered"], lw=0.8, ls=":")
    if base.sorting:
        ax.axvline(base.export_cutoff, color=COLORS["neutral"], lw=0.8, ls=":")
    ax.set_xlabel(r"productivity index $\Phi = \varphi^{\sigma-1}$")
    ax.set_ylabel("profit")
    ymin = min(0.0, float(np.min(profit_X)))
    ax.set_ylim(ymin * 1.05 - 0.05, float(np.max(sorting.B * Phi)) * 0.9)
    ax.legend(fontsize=7.5, loc="upper left")
    if title:
        ax.set_title(title)
    return ax


# ============================================================================ M2
def plot_ce_vs_size(sizes, ce_by_share: dict, k_star: dict, ax=None, *, title=None,
                    ylabel="certainty equivalent per member, net of cost"):
    """Per-member certainty equivalent against syndicate size, one curve per common-risk share.

    ``ce_by_share`` maps a common-risk share ω to the CE values on ``sizes``;
    ``k_star`` maps ω to the minimal syndicate size (``None`` if no size suffices).
    """
    ax = _axes(ax)
    sizes = np.asarray(sizes)
    palette = [PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[5]]
    ax.axhline(0.0, color="black", lw=0.8)
    for j, (omega, ce) in enumerate(ce_by_share.items()):
        c = palette[j % len(palette)]
        k = k_star.get(omega)
        lab = rf"common share $\omega = {omega:g}$: " + (f"$k^* = {k}$" if k is not None
                                                          else "no $k^*$ (never viable)")
        ax.plot(sizes, ce, marker=MARKERS[j % len(MARKERS)], ms=3, color=c, label=lab)
        if k is not None and sizes.min() <= k <= sizes.max():
            yk = np.asarray(ce)[np.flatnonzero(sizes == k)[0]]
            ax.scatter([k], [yk], s=90, facecolor="none", edgecolor=c, lw=1.6, zorder=5)
            ax.annotate(f"$k^*={k}$", (k, yk), textcoords="offset points", xytext=(4, -13),
                        fontsize=8, color=c)
    ax.set_xlabel("syndicate size $k$ (members)")
    ax.set_ylabel(ylabel)
    ax.legend(loc="lower right", fontsize=8)
    if title:
        ax.set_title(title)
    return ax


# ============================================================================ M3
def plot_entry_correspondence(corr, ax=None, *, n=None, title=None):
    """Entrant counts in the pure equilibria of the entry game against the synergy γ.

    ``corr`` is an :class:`~gametheory.models.agglomeration.Correspondence`
    (``AgglomerationEntry.correspondence(gammas)``). Shades where the least and greatest
    equilibria differ (coordination failure), darker where "nobody enters" and "all
    enter" are both equilibria.
    """
    ax = _axes(ax)
    gammas = np.asarray(corr.gammas, dtype=float)
    step = np.diff(gammas).mean() if gammas.size > 1 else 0.0

    def shade(mask, label, **kw):
        mask = np.asarray(mask, dtype=bool)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
        for k, (a, b) in enumerate(zip(edges[::2], edges[1::2])):
            ax.axvspan(gammas[a] - step / 2, gammas[b - 1] + step / 2, lw=0,
                       label=label if k == 0 else None, **kw)

    shade(corr.least != corr.greatest, "least NE ≠ greatest NE (coordination failure)",
          color=COLORS["dissipation"], alpha=0.45)
    shade(corr.both_none_and_all, '"none" and "all" both NE', color=COLORS["scattered"],
          alpha=0.25)
    xs, ys = [], []
    for g, cs in zip(gammas, corr.counts):
        xs += [g] * len(cs)
        ys += list(cs)
    ax.scatter(xs, ys, s=5, color=COLORS["neutral"], label="entrants in a pure NE", zorder=2)
    ax.step(gammas, corr.greatest, where="mid", color=COLORS["cluster"], lw=1.8,
            label="greatest NE (selected by cluster organisation)")
    ax.step(gammas, corr.least, where="mid", color=COLORS["scattered"], lw=1.8, ls="--",
            label="least NE (uncoordinated)")
    ax.set_xlabel(r"synergy $\gamma$ (per other entrant)")
    ax.set_ylabel("number of entrants")
    if n is not None:
        ax.set_yticks(range(n + 1))
        ax.set_ylim(-0.3, n + 0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7.5, ncol=2)
    if title:
        ax.set_title(title)
    return ax


def plot_coordination_band(F, n, gammas, R_range, ax=None, *, title=None):
    """Symmetric entry game in the (γ, R) plane: only "none", both, only "all" (Cooper–John band).

    The band ``F − γ(n−1) ≤ R ≤ F`` is where "nobody enters" and "all enter" are both
    equilibria.
    """
    ax = _axes(ax)
    g = np.asarray(gammas, dtype=float)
    lo_R, hi_R = R_range
    lower = F - g * (n - 1)
    ax.fill_between(g, np.maximum(lower, lo_R), F, color=COLORS["dissipation"], alpha=0.8,
                    label='band: "none" and "all" both NE')
    ax.fill_between(g, lo_R, np.maximum(lower, lo_R), color=COLORS["neutral"], alpha=0.15,
                    label='only "none"')
    ax.fill_between(g, F, hi_R, color=COLORS["core"], alpha=0.6, label='only "all"')
    ax.plot(g, np.clip(lower, lo_R, None), color=COLORS["scattered"], lw=1.0)
    ax.axhline(F, color=COLORS["cluster"], lw=1.0)
    ax.set_xlim(g.min(), g.max())
    ax.set_ylim(lo_R, hi_R)
    ax.set_xlabel(r"synergy $\gamma$ (per other entrant)")
    ax.set_ylabel("stand-alone profit R (entry cost F = %g)" % F)
    ax.text(g.min() + 0.03 * np.ptp(g), F, "R = F", va="bottom", fontsize=8,
            color=COLORS["cluster"])
    ax.text(g.max() - 0.03 * np.ptp(g), max(F - g.max() * (n - 1), lo_R) + 0.02 * (hi_R - lo_R),
            f"R = F − γ(n−1), n={n}", ha="right", va="bottom", fontsize=8,
            color=COLORS["scattered"])
    ax.legend(loc="lower left", fontsize=7.5)
    if title:
        ax.set_title(title)
    return ax
