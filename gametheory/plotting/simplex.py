"""The core of a three-player game drawn on the imputation simplex (a ternary plot).

Generic: takes any 3-player :class:`~gametheory.TUGame` or
:class:`~gametheory.CostGame` and any allocations to mark. A cost game is drawn
through its savings game ``v(S) = Σ_{i∈S} c({i}) − c(S)`` — the imputation
triangle is ``{x : x_i ≤ c({i}), x(N) = c(N)}`` — and the axes are labelled in
cost shares. The core polygon is the triangle clipped by the three two-player
constraints ``x_i + x_j ≥ v({i,j})`` (cost: ``≤ c({i,j})``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .._tolerance import tolerance
from .._validation import finite_array
from ..coalitional.game import CostGame, TUGame
from .style import COLORS, PAGE_WIDTH

__all__ = ["core_polygon", "plot_core_simplex", "to_simplex"]

_VERTS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3.0) / 2.0]])
_MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]


def _check3(game) -> TUGame:
    if not isinstance(game, TUGame):
        raise TypeError(f"expected a TUGame or CostGame, got {type(game).__name__}")
    if game.n != 3:
        raise ValueError(f"the simplex plot draws 3-player games; this game has n={game.n}")
    return game


def _frame(game: TUGame):
    """Singleton worths ``a``, the surplus to share ``v(N) − Σ a``, and the worth game."""
    worth = game.savings_game() if isinstance(game, CostGame) else game
    a = worth.singletons
    total = worth.grand - a.sum()
    if not total > tolerance(worth.v, game.v):
        word = "savings " if isinstance(game, CostGame) else ""
        raise ValueError(
            f"the {word}game is inessential (v(N) − Σ v(i) = {total:.6g} ≤ 0): the imputation "
            f"set is a single point or empty, so there is no simplex to draw"
        )
    return worth, a, total


def to_simplex(game, x) -> np.ndarray:
    """Barycentric coordinates (shares of the surplus) of allocations ``x`` (shape (..., 3)).

    Worth game: ``t_i = (x_i − v(i)) / (v(N) − Σ v(j))``; cost game: ``t_i = (c(i) − x_i) /
    (Σ c(j) − c(N))`` (the share of the joint savings that ``i`` gets).
    """
    game = _check3(game)
    _, a, total = _frame(game)
    x = finite_array(x, "allocation")
    if x.shape[-1] != 3:
        raise ValueError(f"allocations of a 3-player game have 3 entries, got shape {x.shape}")
    y = game.singletons - x if isinstance(game, CostGame) else x
    return (y - a) / total


def _xy(t) -> np.ndarray:
    return np.asarray(t) @ _VERTS


def core_polygon(game) -> np.ndarray:
    """Vertices (barycentric, shape (k, 3)) of the core, in order around its boundary.

    The vertices are the engine's :func:`gametheory.core_vertices`; an empty array
    (shape (0, 3)) when the core is empty.
    """
    from ..coalitional import core_vertices

    game = _check3(game)
    verts = core_vertices(game)
    if len(verts) == 0:
        return np.zeros((0, 3))
    t = to_simplex(game, verts)
    if len(t) > 2:
        xy = _xy(t)
        d = xy - xy.mean(axis=0)
        t = t[np.argsort(np.arctan2(d[:, 1], d[:, 0]))]
    return t


def plot_core_simplex(game, points: Mapping | None = None, ax=None, *, grid: int = 4,
                      title: str | None = None, value_fmt: str = "{:.3g}"):
    """Draw the imputation triangle, the core and the allocations ``points`` of a 3-player game.

    Parameters
    ----------
    game : TUGame or CostGame with n = 3
    points : mapping label -> allocation (3 numbers), optional
        e.g. ``{"Shapley": phi, "nucleolus": nu}``. Labels matching a key of
        :data:`gametheory.plotting.style.COLORS` (case-insensitive) take that colour.
    ax : matplotlib Axes, optional
    grid : int
        Number of grid intervals along each player's share (0 for none).
    title : str, optional

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon

    game = _check3(game)
    worth, a, total = _frame(game)
    is_cost = isinstance(game, CostGame)
    if ax is None:
        _, ax = plt.subplots(figsize=(PAGE_WIDTH * 0.6, PAGE_WIDTH * 0.54))
    ax.set_aspect("equal")
    ax.axis("off")

    # triangle and grid lines (iso-share lines of each player)
    tri = np.vstack([_VERTS, _VERTS[:1]])
    ax.plot(tri[:, 0], tri[:, 1], color="black", lw=1.0, zorder=2)
    for k in range(3):
        for g in range(1, grid):
            s = g / grid
            ends = []
            for other in range(3):
                if other == k:
                    continue
                t = np.zeros(3)
                t[k] = s
                t[other] = 1 - s
                ends.append(_xy(t))
            ends = np.array(ends)
            ax.plot(ends[:, 0], ends[:, 1], color=COLORS["neutral"], lw=0.4, alpha=0.5, zorder=1)

    # vertex labels: the player who gets all the savings / surplus there
    offsets = np.array([[-0.06, -0.06], [0.06, -0.06], [0.0, 0.06]])
    ha = ["right", "left", "center"]
    for k in range(3):
        ax.text(*(_VERTS[k] + offsets[k]), game.names[k], ha=ha[k], va="center", fontsize=10,
                fontweight="bold")
    if is_cost:
        note = (f"A vertex gives that firm all joint savings ({value_fmt.format(total)}); on the "
                f"opposite edge it pays its standalone cost.\nCore: x_i + x_j ≤ c(ij) (lines), "
                f"x(N) = c(N) = {value_fmt.format(game.grand)}.")
    else:
        note = (f"A vertex gives that player all the surplus ({value_fmt.format(total)}); on the "
                f"opposite edge it gets v(i).\nCore: x_i + x_j ≥ v(ij) (lines), "
                f"x(N) = v(N) = {value_fmt.format(game.grand)}.")
    ax.text(0.5, -0.16, note, ha="center", va="top", fontsize=8, color="#333333")

    # core constraints as dashed lines, and the core polygon
    for k in range(3):
        i, j = [p for p in range(3) if p != k]
        bound = 1.0 - (worth.v[(1 << i) | (1 << j)] - a[i] - a[j]) / total
        if 0 < bound < 1:
            p1 = np.zeros(3)
            p1[k], p1[i], p1[j] = bound, 1 - bound, 0
            p2 = np.zeros(3)
            p2[k], p2[j], p2[i] = bound, 1 - bound, 0
            seg = _xy(np.array([p1, p2]))
            ax.plot(seg[:, 0], seg[:, 1], ls="--", lw=0.8, color=COLORS["neutral"], zorder=2)
    poly = core_polygon(game)
    if len(poly) >= 3:
        ax.add_patch(Polygon(_xy(poly), closed=True, facecolor=COLORS["core"],
                             edgecolor=COLORS["cluster"], lw=1.2, alpha=0.85, zorder=3,
                             label="core"))
    elif len(poly) in (1, 2):
        seg = _xy(poly)
        ax.plot(seg[:, 0], seg[:, 1], color=COLORS["cluster"], lw=2.5, zorder=3, label="core")
    else:
        ax.text(0.5, 0.3, "core is empty", ha="center", color=COLORS["scattered"], fontsize=10)

    # allocations
    palette = iter(["#AA3377", "#CCBB44", "#66CCEE", "#222255", "#228833"])
    for m, (label, x) in enumerate((points or {}).items()):
        t = to_simplex(game, np.asarray(x, dtype=float))
        xy = _xy(t)
        color = COLORS.get(str(label).lower()) or next(palette, "black")
        vals = ", ".join(value_fmt.format(v) for v in np.asarray(x, dtype=float))
        ax.scatter(*xy, s=70 - 12 * m, marker=_MARKERS[m % len(_MARKERS)], color=color,
                   edgecolor="white", linewidth=0.6, zorder=5 + m, label=f"{label} ({vals})")
    ax.set_xlim(-0.2, 1.2)
    ax.set_ylim(-0.3, np.sqrt(3) / 2 + 0.15)
    ax.legend(loc="upper left", bbox_to_anchor=(-0.05, 1.02), fontsize=8)
    if title:
        ax.set_title(title)
    return ax
