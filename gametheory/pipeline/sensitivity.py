"""Paper figure E and its table: global sensitivity of the integrated model (M0).

Registered with :mod:`gametheory.pipeline`. Morris screening and Sobol indices of one
scalar output of :class:`~gametheory.models.ClusterVsScattered` (by default the cluster's
gain ``V_C − V_U``) over the box of section ``[sensitivity]`` of the case, around the
case's ``[cluster]`` parameters (:mod:`gametheory.sweep.sensitivity`).
"""

from __future__ import annotations

from ..models import ClusterVsScattered
from ..sweep import sensitivity, targets
from . import case_section, figure, table

#: The box, output, sample sizes and seed (section [sensitivity] of the case).
SENSITIVITY = case_section("sensitivity")
#: The integrated model at the centre of the box (section [cluster] of the case).
MODEL = ClusterVsScattered(**case_section("cluster"))

_CACHE: dict = {}


def _method(output: str):
    """The cheapest evaluation that gives ``output`` (the gain needs no regime)."""
    return targets.surplus if output in ("gain", "V_U", "V_C") else targets.headline


def analyses():
    """``(MorrisResult, SobolResult)`` of the case (computed once per case)."""
    key = id(SENSITIVITY)
    if key not in _CACHE:
        p = SENSITIVITY
        bounds = {k: tuple(v) for k, v in p["bounds"].items()}
        method = _method(p["output"])
        mo = sensitivity.morris(MODEL, bounds, p["output"], method=method,
                                trajectories=p["trajectories"], seed=p["seed"], progress=False)
        so = sensitivity.sobol(MODEL, bounds, p["output"], method=method,
                               base_samples=p["base_samples"], seed=p["seed"], progress=False)
        _CACHE.clear()
        _CACHE[key] = (mo, so)
    return _CACHE[key]


@figure("fig_e_sensitivity", "Global sensitivity of the cluster's gain (M0): Morris "
        "screening and Sobol indices over the case's parameter box")
def fig_e_sensitivity():
    from ..plotting.sweep import plot_sensitivity

    mo, so = analyses()
    return plot_sensitivity(mo, so)


@table("tab_sensitivity", "M0 global sensitivity: Morris mu*, sigma and Sobol S1, ST by "
       "parameter, with the box")
def tab_sensitivity():
    mo, so = analyses()
    bounds = SENSITIVITY["bounds"]
    header = ["parameter", "low", "high", "default", "Morris mu*", "Morris sigma",
              "Morris mu* 95% +-", "Sobol S1", "S1 95% +-", "Sobol ST", "ST 95% +-"]
    rows = []
    params = MODEL.params()
    for i, name in enumerate(mo.parameter):
        name = str(name)
        j = list(so.parameter).index(name)
        rows.append([name, float(bounds[name][0]), float(bounds[name][1]), params[name],
                     float(mo.mu_star[i]), float(mo.sigma[i]), float(mo.mu_star_conf[i]),
                     float(so.S1[j]), float(so.S1_conf[j]), float(so.ST[j]),
                     float(so.ST_conf[j])])
    return header, rows
