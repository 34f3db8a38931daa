"""Paper figures, tables and text for the dynamics: the tripartite evolutionary game of
cluster-style OFDI, its basins against policy, and sequential entry (Dixit 1980).

Registered with :mod:`gametheory.pipeline`; each uses the built-in default cases below.
"""

from __future__ import annotations

import numpy as np

from ..models.evolution import TripartiteOFDI
from ..models.sequential_entry import DixitCapacity, FollowTheLeader, LeaderFollowerEntry
from . import figure, table, text

#: The default tripartite game (parameters in the model's docstring).
DEFAULT_TRIPARTITE = TripartiteOFDI()
#: Policy grids: the subsidy conditioned on joining the cluster, the penalty on blind entry.
SUBSIDY_GRID = np.linspace(0.0, 3.0, 31)
PENALTY_GRID = np.linspace(0.0, 3.0, 31)
#: Random initial states per grid point (the same starts at every value; seed 0).
N_STARTS = 600
#: Default capacity-commitment case.
DEFAULT_DIXIT = DixitCapacity(a=10.0, b=1.0, w=1.0, r=2.0, f=2.0)
AXES = ("firms clustering, x", "association strict, y", "government supporting, z")


def _phase_data(model=DEFAULT_TRIPARTITE, n=36, seed=1):
    rd = model.dynamics()
    pts = rd.rest_points()
    starts = np.random.default_rng(seed).random((n, 3))
    tr = rd.trajectories(starts, 40.0 / rd.scale, n_points=400)
    return rd, pts, tr, rd.limits(starts, points=pts)


@figure("dyn_tripartite_phase", "tripartite evolutionary game (firms, association, "
        "government): trajectories in the unit cube, stable and unstable rest points")
def tripartite_phase():
    from ..plotting.dynamics import plot_phase_portrait_3d

    _, pts, tr, sink_of = _phase_data()
    return plot_phase_portrait_3d(tr, pts.points, sink_of, AXES,
                                  title="Cluster-style OFDI: firms, association, government")


@figure("dyn_tripartite_faces", "tripartite game: streamlines on the faces where the "
        "government always / never supports, rest points marked by stability")
def tripartite_faces():
    from ..plotting.dynamics import plot_phase_faces

    rd = DEFAULT_TRIPARTITE.dynamics()
    return plot_phase_faces(rd, rd.rest_points().points, faces=((2, 1.0), (2, 0.0)),
                            axis_labels=AXES,
                            face_titles=("government supports (z = 1)",
                                         "government does not support (z = 0)"))


@figure("dyn_basins_subsidy", "tripartite game: share of initial states ending at each stable "
        "outcome against the subsidy conditioned on joining the cluster")
def basins_subsidy():
    return _basins_figure("s", SUBSIDY_GRID, "subsidy for joining the cluster, s",
                          "the cluster subsidy")


@figure("dyn_basins_penalty", "tripartite game: share of initial states ending at each stable "
        "outcome against the association's penalty on blind entry")
def basins_penalty():
    return _basins_figure("p", PENALTY_GRID, "association's penalty on blind entry, p",
                          "the penalty on blind entry")


def _basins_figure(param, grid, xlabel, what):
    from ..plotting.dynamics import plot_basins

    bm = DEFAULT_TRIPARTITE.basins(param, grid, n_starts=N_STARTS)
    return plot_basins(bm, xlabel=xlabel, title=f"Basins of attraction against {what}")


@figure("seq_dixit_regions", "capacity commitment (Dixit 1980): entry blockaded, deterred or "
        "accommodated over entry cost × capacity cost")
def dixit_regions_figure():
    from ..models.sequential_entry import dixit_regions
    from ..plotting.dynamics import plot_entry_regimes

    m = DEFAULT_DIXIT
    f = np.linspace(0.02, 8.0, 140)
    r = np.linspace(0.3, 6.0, 120)
    FF, RR = np.meshgrid(f, r)
    reg = dixit_regions(m.a, m.b, m.w, RR, FF)
    return plot_entry_regimes(reg, f, r, "entry cost f", "unit cost of capacity r",
                              title=f"Capacity as commitment (a = {m.a:g}, b = {m.b:g}, "
                                    f"w = {m.w:g})")


@table("dyn_tripartite_rest_points", "tripartite game: every rest point, eigenvalues of the "
       "Jacobian, stability, and the symbolic condition for stability of each vertex")
def tripartite_rest_points():
    res = DEFAULT_TRIPARTITE.solve()
    cond = DEFAULT_TRIPARTITE.stability_conditions()
    rows = []
    for p in res.points:
        ev = "; ".join(_num(z) for z in p.eigenvalues)
        shares = ", ".join(f"{v:.3g}" for v in p.state[::2])
        # "|" separates populations in labels; in a Markdown table it would split the cell
        rows.append([p.label.replace(" | ", " / "), shares, ev, p.stability,
                     str(cond.get(p.label, "never (mixed)")).replace("&", "and")])
    return ["rest point", "shares (x, y, z)", "eigenvalues", "stability",
            "asymptotically stable iff"], rows


@table("seq_entry_outcomes", "sequential entry: Dixit regimes by entry cost, leader–follower "
       "entry against foreign incumbents, and the follow-the-leader band")
def sequential_outcomes():
    rows = []
    for f in (0.5, 2.9, 4.0):
        o = DEFAULT_DIXIT.replace(f=f).solve()
        rows.append(["Dixit capacity", f"f = {f:g}", o.regime,
                     f"k = {o.capacity:.3f}, incumbent profit {o.incumbent_profit:.3f}"])
    lf = LeaderFollowerEntry()
    r = lf.solve()
    rows.append(["leader–follower entry", f"F = {list(lf.F)}, k = {lf.k}",
                 "entrants " + "".join(map(str, r.entrants)),
                 f"simultaneous equilibria {r.simultaneous_equilibria}"])
    ftl = FollowTheLeader()
    o = ftl.solve()
    band = "none" if o.band is None else f"({o.band[0]:.3f}, {o.band[1]:.3f}]"
    rows.append(["follow the leader", f"ρ = {ftl.rho:g}, K = {ftl.K:g}",
                 "follows" if o.follows else "does not follow",
                 f"band of K {band}; ρ* = {ftl.reaction().threshold():.4f}"])
    return ["model", "case", "outcome", "detail"], rows


def _num(z) -> str:
    z = complex(z)
    if abs(z.imag) < 1e-9:
        return f"{z.real:.3g}" if abs(z.real) > 1e-12 else "0"
    return f"{z.real:.3g}{'+' if z.imag >= 0 else '−'}{abs(z.imag):.3g}i"


@text("results_evolution", "Sequential entry and evolutionary dynamics in prose: who goes "
      "first, who follows, how cluster-style OFDI spreads; every number computed from the "
      "default cases")
def results_evolution() -> str:
    m = DEFAULT_TRIPARTITE
    res = m.solve()
    sub = m.basins("s", [0.0, 1.0, 1.9, 2.5], n_starts=N_STARTS)
    pen = m.basins("p", [0.0, 1.0, 2.0, 2.6], n_starts=N_STARTS)
    scattered = "scattered | loose | no support"

    def share(bm, i):
        return bm.share(scattered)[i] if scattered in bm.outcomes else 0.0

    d = {f: DEFAULT_DIXIT.replace(f=f).solve() for f in (0.5, 2.9, 4.0)}
    lfm = LeaderFollowerEntry()
    lf = lfm.solve()
    ftl = FollowTheLeader()
    fo = ftl.solve()
    lines = [
        "# Results: dynamics",
        "",
        "<!-- Generated by `make figures` (gametheory.pipeline.dynamics); do not edit. -->",
        "",
        "## How cluster-style OFDI spreads (figures dyn_tripartite_phase, dyn_tripartite_faces, "
        "dyn_basins_subsidy, dyn_basins_penalty; table dyn_tripartite_rest_points)",
        "",
        f"In the default tripartite game (firms, their association, the government) the "
        f"replicator dynamics have {len(res.points)} isolated rest points; "
        f"{len(res.sinks)} are asymptotically stable: " + "; ".join(f"*{s}*" for s in res.sinks)
        + ". Every other rest point has an eigenvalue with a positive real part or, for the "
        "mixed ones, eigenvalues that sum to zero, so no mixed state is stable — only strict "
        "pure profiles can be (Selten 1980; Ritzberger & Weibull 1995).",
        "",
        f"Which outcome a sector reaches depends on where it starts. Of {N_STARTS} random "
        "initial states, the share that ends with every firm scattered, a loose association "
        "and no support is "
        + ", ".join(f"{share(sub, i):.0%}" for i in range(len(sub.values)))
        + " at a subsidy for joining the cluster s = "
        + ", ".join(f"{v:g}" for v in sub.values)
        + "; against the association's penalty on blind entry it is "
        + ", ".join(f"{share(pen, i):.0%}" for i in range(len(pen.values)))
        + " at p = " + ", ".join(f"{v:g}" for v in pen.values)
        + f". A penalty above c_a − e_a = {m.c_a - m.e_a:g} removes the all-scattered "
        f"outcome; a subsidy above w − c_g − h = {m.w - m.c_g - m.h:g} makes the government "
        "withdraw from a cluster that no longer needs it (the cluster stays).",
        "",
        "## Who goes first (table seq_entry_outcomes; figure seq_dixit_regions)",
        "",
        f"Capacity as commitment (Dixit 1980; a = {DEFAULT_DIXIT.a:g}, b = {DEFAULT_DIXIT.b:g}, "
        f"w = {DEFAULT_DIXIT.w:g}, r = {DEFAULT_DIXIT.r:g}): with entry cost f = 0.5 entry is "
        f"{d[0.5].regime} (capacity {d[0.5].capacity:.3f}); at f = 2.9 it is {d[2.9].regime} "
        f"by over-investing to {d[2.9].capacity:.3f} above the monopoly output "
        f"{d[2.9].M:.3f}; at f = 4 it is {d[4.0].regime}.",
        "",
        f"Home firms with entry costs {', '.join(f'{x:g}' for x in lfm.F)} deciding one after "
        f"another whether to enter a Cournot market held by {lfm.k} foreign incumbent(s): the "
        f"simultaneous entry game has {len(lf.simultaneous_equilibria)} pure equilibria "
        f"({', '.join(''.join(map(str, e)) for e in lf.simultaneous_equilibria)}; 1 = enter); "
        f"moving in turn selects {''.join(map(str, lf.entrants))}"
        + (" — the first mover enters although a rival with a lower entry cost could have "
           "taken its place" if lf.entrants[0] == 1 and min(lfm.F[1:]) < lfm.F[0] else "")
        + ".",
        "",
        f"Follow the leader under a common host-country cost shock: with risk aversion "
        f"ρ = {ftl.rho:g} above ρ* = {ftl.reaction().threshold():.4f} the follower imitates "
        f"the leader for fixed costs of FDI in "
        + ("no interval" if fo.band is None else f"({fo.band[0]:.3f}, {fo.band[1]:.3f}]")
        + f"; at K = {ftl.K:g} it {'does' if fo.follows else 'does not'}.",
        "",
    ]
    return "\n".join(lines)
