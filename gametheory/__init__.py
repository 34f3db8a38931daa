"""gametheory — game-theoretic models of clustered outward FDI.

Generic engines (coalitional and non-cooperative games, host-market competition)
sit apart from the economic models of the paper's mechanisms that use them, and
plotting sits apart from both::

    import gametheory as gt
    g = gt.CostGame([0, 10, 12, 16, 14, 20, 22, 26])
    gt.shapley_value(g)
"""

from . import cases, coalitional, dynamics, markets, models, noncooperative, sweep, tables  # noqa: F401  (gt.sweep, gt.cases, gt.tables)
from .coalitional import *  # noqa: F401,F403
from .dynamics import *  # noqa: F401,F403
from .markets import *  # noqa: F401,F403
from .models import *  # noqa: F401,F403
from .noncooperative import *  # noqa: F401,F403

__version__ = "0.1.0"

__all__ = (
    list(coalitional.__all__) + list(noncooperative.__all__)
    + list(markets.__all__) + list(models.__all__) + list(dynamics.__all__)
)
