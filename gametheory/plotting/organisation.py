"""Figures of the organisation models: the assignment core, the proportional rule's region,
the bidding ring (:mod:`gametheory.models.joint_ventures`, :mod:`.co_investment`,
:mod:`.association`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch

from .style import COLORS, paper_style

__all__ = ["plot_assignment_core", "plot_core_regions", "plot_ring_surplus"]

#: Colours of the codes of :data:`gametheory.models.co_investment.CORE_REGIONS`.
CORE_REGION_COLORS = ("#1b6ca8", "#aed6f1", "#f5b7b1")


def plot_assignment_core(result, surplus, firms, suppliers, title: str | None = None):
    """Each venture's surplus and the range of the core firm's share in the core.

    Parameters
    ----------
    result : SupplierMatchingResult
        From :meth:`gametheory.SupplierMatching.solve`.
    surplus : array_like (m, n)
        The surplus matrix (for the pair totals).
    firms, suppliers : sequence of str
        Names (to label the pairs).

    Returns
    -------
    matplotlib.figure.Figure
    """
    a = np.asarray(surplus, dtype=float)
    fi = {nm: i for i, nm in enumerate(firms)}
    si = {nm: j for j, nm in enumerate(suppliers)}
    pairs = list(result.pairs)
    if not pairs:
        raise ValueError("result has no matched pair to draw")
    fo, so = result.firm_optimal, result.supplier_optimal
    with paper_style():
        fig, ax = plt.subplots(figsize=(6.0, 0.55 * len(pairs) + 1.6))
        for row, (f, s) in enumerate(pairs):
            i, j = fi[f], si[s]
            y = len(pairs) - 1 - row
            ax.barh(y, a[i, j], height=0.5, color="#eaeded", edgecolor=COLORS["neutral"],
                    linewidth=0.6)
            lo, hi = so.buyers[i], fo.buyers[i]
            ax.barh(y, hi - lo, left=lo, height=0.5, color=COLORS["core"])
            ax.plot([hi], [y], marker="D", color=COLORS["cluster"], ms=6,
                    label="best for core firms" if row == 0 else None)
            ax.plot([lo], [y], marker="o", color=COLORS["scattered"], ms=6,
                    label="best for suppliers" if row == 0 else None)
            ax.plot([(lo + hi) / 2], [y], marker="|", color="k", ms=12,
                    label="midpoint" if row == 0 else None)
        ax.set_yticks(range(len(pairs)))
        ax.set_yticklabels([f"{f} – {s}" for f, s in reversed(pairs)])
        ax.set_xlabel("venture surplus $a_{ij}$; core firm's payoff $u_i$ (shaded: its core range)")
        ax.set_title(title or f"Assignment core: total {result.value:.4g}, core firms' share "
                              f"{result.firms_share_range[0]:.0%}–{result.firms_share_range[1]:.0%}")
        ax.legend(loc="lower right")
        fig.tight_layout()
    return fig


def plot_core_regions(codes, alphas, min_scales, labels, title: str | None = None,
                      xlabel: str = r"minimum efficient scale $K_{min}/K_N$"):
    """Where the capital-proportional split is in the core, over ``α`` × ``K_min``.

    ``codes`` from :meth:`gametheory.CapitalCoInvestment.core_regions` (rows ``alphas``,
    columns ``min_scales``), ``labels`` the region names
    (:data:`gametheory.models.co_investment.CORE_REGIONS`).
    """
    codes = np.asarray(codes)
    alphas = np.asarray(alphas, dtype=float)
    ks = np.asarray(min_scales, dtype=float)
    if codes.shape != (alphas.size, ks.size):
        raise ValueError(f"codes must have shape (len(alphas), len(min_scales)) = "
                         f"{(alphas.size, ks.size)}, got {codes.shape}")
    cmap = ListedColormap(CORE_REGION_COLORS[: len(labels)])
    norm = BoundaryNorm(np.arange(-0.5, len(labels)), cmap.N)
    with paper_style():
        fig, ax = plt.subplots(figsize=(6.0, 4.2))
        ax.pcolormesh(ks, alphas, codes, cmap=cmap, norm=norm, shading="nearest")
        ax.axhline(1.0, color="k", lw=0.6, ls=":")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(r"returns to scale $\alpha$ in $R(K) = A K^{\alpha}$")
        ax.set_title(title or "Returns and risks in proportion to capital: core membership")
        handles = [Patch(color=CORE_REGION_COLORS[c], label=labels[c])
                   for c in sorted(set(codes.ravel().tolist()))]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=1)
        fig.tight_layout()
    return fig


def plot_ring_surplus(n_out, revenue, revenue_ring, title: str | None = None):
    """The seller's revenue with and without the ring, and the surplus the ring keeps.

    ``n_out`` the numbers of outside bidders (x axis); ``revenue`` and ``revenue_ring``
    the seller's expected revenue without and with the ring (one per ``n_out``).
    """
    x = np.asarray(n_out, dtype=float)
    r0 = np.asarray(revenue, dtype=float)
    r1 = np.asarray(revenue_ring, dtype=float)
    if not (x.shape == r0.shape == r1.shape):
        raise ValueError("n_out, revenue and revenue_ring must have the same length")
    with paper_style():
        fig, ax = plt.subplots()
        ax.plot(x, r0, "o-", color=COLORS["scattered"], label="home firms bid against each other")
        ax.plot(x, r1, "s-", color=COLORS["cluster"], label="association as a bidding ring")
        ax.fill_between(x, r1, r0, color=COLORS["core"], alpha=0.7,
                        label="kept by the cluster = lost by the foreign seller")
        ax.set_xlabel("outside bidders")
        ax.set_ylabel(r"seller's expected revenue (units of $\bar v$)")
        ax.set_title(title or "The surplus a bidding ring keeps (second-price, uniform values)")
        ax.legend()
        fig.tight_layout()
    return fig
