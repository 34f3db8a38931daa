"""Host-market competition: Cournot and Bertrand stages with linear demand.

Homogeneous goods (:func:`cournot`, :func:`bertrand`) and linearly differentiated goods
(:func:`differentiated_cournot`, :func:`differentiated_bertrand`), numeric and vectorised
over parameter grids, with symbolic twins derived from the first-order conditions
(:func:`cournot_symbolic`, :func:`bertrand_symbolic`), and market-power measures
(Lerner, HHI, :func:`cluster_market_power`).
"""

from .bertrand import bertrand
from .cournot import (
    GroupedCournot,
    MarketEquilibrium,
    cournot,
    cournot_industry_profit,
    cournot_profit_symmetric,
    dissipation_ratio,
    grouped_cournot,
)
from .differentiated import (
    DifferentiatedEquilibrium,
    differentiated_bertrand,
    differentiated_cournot,
)
from .power import ClusterPower, cluster_market_power, hhi, lerner_index
from .symbolic import bertrand_symbolic, cournot_symbolic

__all__ = [
    "ClusterPower",
    "DifferentiatedEquilibrium",
    "GroupedCournot",
    "MarketEquilibrium",
    "bertrand",
    "bertrand_symbolic",
    "cluster_market_power",
    "cournot",
    "cournot_industry_profit",
    "cournot_symbolic",
    "cournot_profit_symmetric",
    "grouped_cournot",
    "differentiated_bertrand",
    "differentiated_cournot",
    "dissipation_ratio",
    "hhi",
    "lerner_index",
]
