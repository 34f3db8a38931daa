"""Figures of the dynamic models: option-game thresholds, wrong cascades, capability regions.

Each function draws results computed by the models
(:mod:`gametheory.models.real_options`, :mod:`gametheory.models.herding`,
:mod:`gametheory.models.capability`) on a given or new Axes and returns the Axes.
"""

from __future__ import annotations

import numpy as np

from .style import COLORS

__all__ = ["plot_cost_paths", "plot_option_thresholds", "plot_threshold_bars",
           "plot_verdict_map", "plot_wrong_cascade"]

#: One colour per sharing scenario of ``OptionGame.sharing_scenarios``.
SCENARIO_COLORS = {"alone": COLORS["scattered"], "cost sharing": "#e67e22",
                   "risk sharing": COLORS["scrb"], "cost and risk sharing": COLORS["cluster"]}
#: One colour per verdict code of :data:`gametheory.models.capability.VERDICTS`.
VERDICT_COLORS = ("#d5d8dc", "#1b6ca8", "#aed6f1", "#c0392b", "#f5b7b1", "#7f8c8d")


def _axes(ax, figsize=(6.0, 4.0)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_option_thresholds(sigmas, leader, follower, ax=None, *, title=None):
    """Leader and follower entry triggers against volatility, one colour per scenario.

    Parameters
    ----------
    sigmas : array (m,)
        Volatilities ``σ``.
    leader, follower : dict of str to array (m,)
        Scenario name → the equilibrium leader trigger / the follower's trigger (``Y``).
    """
    ax = _axes(ax)
    for name, y in leader.items():
        c = SCENARIO_COLORS.get(name, COLORS["neutral"])
        ax.plot(sigmas, y, color=c, label=f"leader enters: {name}")
        if name in follower:
            ax.plot(sigmas, follower[name], color=c, ls="--", lw=1.1)
    ax.plot([], [], color=COLORS["neutral"], ls="--", lw=1.1, label="follower enters (dashed)")
    ax.set_xlim(float(np.min(sigmas)), float(np.max(sigmas)))
    ax.set_xlabel(r"volatility $\sigma$ of host demand")
    ax.set_ylabel(r"entry trigger $Y$ (demand shock)")
    ax.set_yscale("log")
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_threshold_bars(scenarios, ax=None, *, title=None):
    """Grouped bars per scenario: the member's monopoly trigger, the equilibrium leader trigger
    and the follower trigger, labelled with the equilibrium type and who leads.

    ``scenarios`` is :attr:`SharingScenarios.scenarios`.
    """
    ax = _axes(ax)
    names = list(scenarios)
    xs = np.arange(len(names))
    w = 0.26
    mono = [s[2].leader_thresholds[0] for s in scenarios.values()]
    lead = [s[2].leader_trigger for s in scenarios.values()]
    foll = [s[2].follower_trigger for s in scenarios.values()]
    ax.bar(xs - w, mono, w, color=COLORS["neutral"], alpha=0.5, label="member's monopoly trigger")
    ax.bar(xs, lead, w, color=[SCENARIO_COLORS.get(n, COLORS["neutral"]) for n in names],
           label="equilibrium leader trigger")
    ax.bar(xs + w, foll, w, color=COLORS["core"], label="follower trigger")
    for x, s in zip(xs, scenarios.values(), strict=True):
        who = "member leads" if s[2].leader == 0 else "rival leads"
        kind = s[2].equilibrium.split(" (")[0]
        ax.text(x, max(mono[x], lead[x], foll[x]) * 1.03, f"{kind}\n{who}",
                ha="center", va="bottom", fontsize=7.5)
    ax.set_xticks(xs)
    ax.set_xticklabels([n.replace(" and ", "\n+ ") for n in names], fontsize=8.5)
    ax.set_ylabel(r"entry trigger $Y$")
    ax.set_ylim(0, max(max(mono), max(foll)) * 1.45)
    ax.legend(fontsize=8, loc="upper center", ncol=3, bbox_to_anchor=(0.5, 1.0))
    if title:
        ax.set_title(title)
    return ax


def plot_wrong_cascade(precisions, curves, ax=None, *, baselines=None, dots=None, title=None,
                       ylabel="probability of a wrong cascade"):
    """Probability of ending in the wrong cascade against the public signal's precision.

    Parameters
    ----------
    precisions : array (m,)
        Public signal precisions ``q₀``.
    curves : dict of str to array (m,)
        Label → probability with the public signal.
    baselines : dict of str to float, optional
        Label (same keys) → probability without a public signal (dotted lines).
    dots : tuple (x, y, label), optional
        Monte Carlo points.
    """
    ax = _axes(ax)
    palette = [COLORS["scattered"], COLORS["scrb"], COLORS["cluster"], "#8e44ad", "#d35400"]
    for (label, y), c in zip(curves.items(), palette, strict=False):
        ax.plot(precisions, y, color=c, label=label)
        if baselines and label in baselines:
            ax.axhline(baselines[label], color=c, ls=":", lw=1.0)
    if dots is not None:
        ax.plot(dots[0], dots[1], "o", ms=3.5, color="k", label=dots[2])
    ax.plot([], [], color=COLORS["neutral"], ls=":", lw=1.0, label="no public signal")
    ax.set_xlabel(r"precision $q_0$ of the public signal")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_verdict_map(spillovers, entry_costs, codes, labels, ax=None, *, title=None):
    """Regions where "scattered firms accumulate no dynamic advantage" holds or fails.

    ``codes`` (len(spillovers), len(entry_costs)) from :meth:`LearningByDoing.verdict_map`;
    ``labels`` are the verdicts by code.
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    ax = _axes(ax)
    codes = np.asarray(codes)
    cmap = ListedColormap(VERDICT_COLORS[: len(labels)])
    norm = BoundaryNorm(np.arange(-0.5, len(labels)), cmap.N)
    ax.pcolormesh(np.asarray(spillovers), np.asarray(entry_costs), codes.T, cmap=cmap, norm=norm,
                  shading="nearest")
    ax.set_xlabel(r"learning spillover $s$ among cluster members")
    ax.set_ylabel(r"sunk entry cost $F$")
    used = sorted(set(np.unique(codes).tolist()))
    ax.legend(handles=[Patch(color=VERDICT_COLORS[k], label=labels[k]) for k in used],
              fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1)
    if title:
        ax.set_title(title)
    return ax


def plot_cost_paths(scattered, cluster, c_foreign, ax=None, *, title=None):
    """Unit-cost paths of scattered entrants and cluster members
    (:class:`~gametheory.models.capability.EntryPath` results), foreign cost dotted."""
    ax = _axes(ax)
    T1 = cluster.costs.shape[0]
    t = np.arange(1, T1 + 1)
    for path, color, label in ((scattered, COLORS["scattered"], "scattered entrant"),
                               (cluster, COLORS["cluster"], "cluster member")):
        if path is None:
            continue
        first = True
        for i in range(path.costs.shape[1]):
            if np.all(np.isnan(path.costs[:, i])):
                continue
            ax.plot(t, path.costs[:, i], "o-", color=color, ms=3.5,
                    label=f"{label} (enters at {path.dates[i]})" if first else None)
            first = False
    ax.axhline(c_foreign, color=COLORS["neutral"], ls=":", label="foreign incumbents' cost")
    ax.set_xlabel("period (last: stationary thereafter)")
    ax.set_ylabel("unit cost")
    ax.set_xticks(t)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax
