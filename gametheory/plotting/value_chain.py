"""Figures of entry modes by firm size and of bargaining along the value chain.

Each function draws results computed by the models (:class:`EntryModeOutcome`, the arrays
of :meth:`ValueChainBargaining.share_by_group_size`) and returns the matplotlib Figure.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from .style import COLORS, paper_style

__all__ = ["MODE_COLORS", "plot_chain_share", "plot_entry_modes"]

#: One colour per option of a firm (home, export, non-equity, greenfield, M&A).
MODE_COLORS = {"home": "#d5d8dc", "export": "#85c1e9", "non-equity": "#f0b27a",
               "greenfield": "#52be80", "M&A": "#8e44ad"}


def plot_entry_modes(outcome, *, Phi_range=None, title: str | None = None):
    """Entry mode by productivity alone and with the platform, and the shares of firms.

    Left: the mode chosen at each productivity index ``Φ`` (log scale), one band for
    standalone fixed costs and one with the cluster's platform, the SME cut-off ``Φ_S``
    dashed. Right: the share of SMEs and of large firms in each mode, alone and with the
    platform.

    Parameters
    ----------
    outcome : EntryModeOutcome
        ``EntryModeChoice.solve()``.
    Phi_range : (low, high), optional
        Range of ``Φ`` shown (default: around the cut-offs).
    """
    rows = (("alone", outcome.alone), ("with platform", outcome.cluster))
    cuts = np.concatenate([np.asarray(s.cutoffs, dtype=float) for _, s in rows])
    cuts = cuts[np.isfinite(cuts) & (cuts > 0)]
    if Phi_range is None:
        lo = min(cuts.min() / 3 if cuts.size else 1.0, outcome.sme_cutoff / 3)
        hi = max(cuts.max() * 3 if cuts.size else 10.0, outcome.sme_cutoff * 3)
    else:
        lo, hi = Phi_range
    with paper_style():
        fig, (ax, bx) = plt.subplots(1, 2, figsize=(10.5, 3.6),
                                     gridspec_kw={"width_ratios": [1.5, 1]})
        for y, (_, s) in enumerate(rows):
            edges = np.concatenate([[lo], np.clip(s.cutoffs, lo, hi), [hi]])
            for mode, a, b in zip(s.envelope, edges[:-1], edges[1:]):
                if b > a:
                    ax.barh(y, b - a, left=a, height=0.6, color=MODE_COLORS[mode],
                            edgecolor="white")
            for c in s.cutoffs:
                if lo < c < hi:
                    ax.text(c, y + 0.36, f"{c:.3g}", ha="center", va="bottom", fontsize=7)
        ax.axvline(outcome.sme_cutoff, color=COLORS["neutral"], ls="--", lw=1)
        ax.text(outcome.sme_cutoff, 1.62, r"$\Phi_S$ (SMEs below)", ha="center", fontsize=8,
                color=COLORS["neutral"])
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.5, 1.85)
        ax.set_yticks([0, 1])
        ax.set_yticklabels([r for r, _ in rows])
        ax.set_xlabel(r"productivity index $\Phi = \varphi^{\sigma-1}$")
        ax.set_title("mode chosen at each productivity")
        groups = [("SMEs alone", outcome.alone.sme_shares),
                  ("SMEs, platform", outcome.cluster.sme_shares),
                  ("large alone", outcome.alone.large_shares),
                  ("large, platform", outcome.cluster.large_shares)]
        for y, (_, shares) in enumerate(groups):
            left = 0.0
            for mode, color in MODE_COLORS.items():
                w = shares[mode]
                if w > 0:
                    bx.barh(y, w, left=left, height=0.6, color=color, edgecolor="white")
                    if w > 0.08:
                        bx.text(left + w / 2, y, f"{w:.0%}", ha="center", va="center",
                                fontsize=7)
                left += w
        bx.set_yticks(range(len(groups)))
        bx.set_yticklabels([g for g, _ in groups])
        bx.invert_yaxis()
        bx.set_xlim(0, 1)
        bx.set_xlabel("share of firms")
        bx.set_title("shares by mode")
        handles = [Patch(color=c, label=m) for m, c in MODE_COLORS.items()]
        fig.legend(handles=handles, loc="lower center", ncol=5, bbox_to_anchor=(0.5, -0.08))
        if title:
            fig.suptitle(title)
        fig.tight_layout()
    return fig


def plot_chain_share(curves: dict, *, title: str | None = None):
    """The cluster's share of chain rents and its Lerner index against the number of firms
    bargaining together.

    Parameters
    ----------
    curves : dict
        ``label -> (m, share, lerner)`` as returned by
        :meth:`ValueChainBargaining.share_by_group_size`, one per lead-firm surplus curve.
    """
    styles = ["-o", "--s", ":^", "-.d"]
    with paper_style():
        fig, (ax, bx) = plt.subplots(1, 2, figsize=(10.0, 3.8))
        for (label, (m, share, lern)), st in zip(curves.items(), styles * 4):
            ax.plot(m, share, st, ms=4, label=label)
            bx.plot(m, lern, st, ms=4, label=label)
        ax.set_xlabel("cluster firms bargaining together, $m$")
        ax.set_ylabel("cluster's share of chain rents")
        ax.set_title("share of chain rents")
        bx.set_xlabel("cluster firms bargaining together, $m$")
        bx.set_ylabel(r"Lerner index $(p - c)/p$")
        bx.set_title("Lerner index of the negotiated price")
        ax.legend()
        if title:
            fig.suptitle(title)
        fig.tight_layout()
    return fig
