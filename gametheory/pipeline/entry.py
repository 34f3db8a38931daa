"""Paper figures and tables for this topic (registered with :mod:`gametheory.pipeline`)."""

from __future__ import annotations

import numpy as np

from . import figure


@figure("entry_duopoly_regions",
        "two-firm entry game: no / one / two entrants over market size × fixed cost, "
        "mixed entry probability shaded")
def entry_duopoly_regions():
    """Linear Cournot after entry: ``π(k) = (a − c)²/(b (k + 1)²) − F`` with b = 1, c = 1."""
    from ..markets import cournot_profit_symmetric
    from ..noncooperative import symmetric_duopoly_entry
    from ..plotting.entry import plot_duopoly_entry

    a = np.linspace(2.0, 12.0, 241)  # demand intercept: market size (a − c)²/b
    F = np.linspace(0.05, 12.0, 240)
    A, FF = np.meshgrid(a, F)
    m1 = cournot_profit_symmetric(A, 1.0, 1.0, 1) - FF
    m2 = cournot_profit_symmetric(A, 1.0, 1.0, 2) - FF
    emap = symmetric_duopoly_entry(m1, m2)
    return plot_duopoly_entry(emap, a, F, xlabel="demand intercept a (market size, c = b = 1)")
