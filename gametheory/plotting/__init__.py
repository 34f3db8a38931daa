"""Figure functions: draw results computed elsewhere; compute no more than a figure needs."""

from .style import COLORS, paper_style

__all__ = ["COLORS", "paper_style"]
