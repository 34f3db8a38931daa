"""One shared paper style for every figure."""

from __future__ import annotations

import contextlib

import matplotlib as mpl

PAPER_RC = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "lines.linewidth": 1.6,
    "savefig.bbox": "tight",
}

#: Colours for recurring roles, so the same thing looks the same in every figure.
COLORS = {
    "cluster": "#1b6ca8",
    "scattered": "#c0392b",
    "shapley": "#1b6ca8",
    "nucleolus": "#c0392b",
    "scrb": "#27ae60",
    "core": "#aed6f1",
    "dissipation": "#f5b7b1",
    "neutral": "#7f8c8d",
}


@contextlib.contextmanager
def paper_style():
    """Context manager applying :data:`PAPER_RC`."""
    with mpl.rc_context(PAPER_RC):
        yield
