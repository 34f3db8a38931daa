"""Figure functions: they draw results computed elsewhere; no computation beyond what a figure needs."""

from .style import COLORS, paper_style

__all__ = ["COLORS", "paper_style"]
