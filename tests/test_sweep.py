"""gametheory.sweep: grids and Monte Carlo draws over any model or function, in-process, on
local processes and on a Dask cluster, with failures recorded and results seeded.

Cross-checks: a grid sweep of the integrated model against the model's own
``regime_map`` (an independent double loop), a vectorised target against the same
function point by point, Monte Carlo draws against a direct numpy computation with the
same seed, and the three executors against each other (identical tables).
"""

import numpy as np
import pandas as pd
import pytest

import gametheory as gt
from gametheory import sweep
from gametheory.sweep import targets

MODEL = gt.ClusterVsScattered()


def test_grid_matches_the_models_regime_map():
    """A grid sweep of ``targets.headline`` reproduces ``regime_map`` point by point."""
    F = np.linspace(20.0, 220.0, 4)
    s2 = np.array([100.0, 400.0, 1600.0])
    res = sweep.grid(MODEL, {"F": F, "sigma2": s2}, method=targets.headline, progress=False)
    rm = MODEL.regime_map("F", F, "sigma2", s2)
    assert list(res.frame.columns[:2]) == ["F", "sigma2"]
    assert res.n_failed == 0 and len(res) == F.size * s2.size
    back = targets.regime_map_from(res)
    np.testing.assert_array_equal(back.code, rm.code)
    np.testing.assert_array_equal(back.m_U, rm.m_U)
    np.testing.assert_array_equal(back.m_C, rm.m_C)
    np.testing.assert_allclose(back.gain, rm.gain, rtol=1e-12)
    np.testing.assert_array_equal(back.interior, rm.interior)
    # the tidy frame of the model's own map carries the same numbers
    tidy = rm.to_dataframe()
    merged = tidy.merge(res.frame, on=["F", "sigma2"], suffixes=("", "_sweep"))
    np.testing.assert_array_equal(merged["code"], merged["regime_code"])
    assert (merged["label"] == merged["regime"]).all()


def test_integer_parameters_can_be_swept():
    """``k`` (foreign incumbents) is a whole number: the grid passes ints, each point's
    numbers equal a direct solve."""
    res = sweep.grid(MODEL, {"k": "1:3:3", "s": [0.0, 0.3]}, method=targets.headline,
                     progress=False)
    assert res.frame["k"].tolist() == [1, 1, 2, 2, 3, 3]
    assert res.axes["k"] == [1, 2, 3]
    for row in res.frame.itertuples():
        direct = MODEL.replace(k=int(row.k), s=row.s).solve()
        assert (row.m_U, row.m_C, row.regime) == (direct.scattered.m, direct.cluster.m,
                                                 direct.regime)
        assert row.gain == pytest.approx(direct.gain, rel=1e-12)
    ds = res.to_xarray()
    assert ds["m_C"].dims == ("k", "s") and ds["m_C"].shape == (3, 2)


def test_failures_are_recorded_not_fatal():
    """A point the model rejects keeps its row with the error; the others are computed."""
    res = sweep.grid(MODEL, {"F": [-5.0, 60.0]}, method=targets.surplus, progress=False)
    assert res.n_failed == 1
    bad, good = res.frame.iloc[0], res.frame.iloc[1]
    assert "ValueError" in bad["error"] and "F" in bad["error"] and np.isnan(bad["gain"])
    assert good["error"] is None
    assert good["gain"] == pytest.approx(MODEL.cluster_surplus() - MODEL.scattered_surplus())


def test_default_outputs_flatten_the_result():
    """With no ``outputs`` every scalar of the result is a column (nested with dots,
    allocations by player)."""
    res = sweep.grid(MODEL, {"s": [0.0, 0.6]}, progress=False)  # method "solve"
    row = res.frame.iloc[1]
    direct = MODEL.replace(s=0.6).solve()
    assert row["scattered.m"] == direct.scattered.m
    assert row["decomposition[entry coordination]"] == pytest.approx(
        float(direct.decomposition[3]))
    picked = sweep.grid(MODEL, {"s": [0.0, 0.6]}, outputs={"m_U": "scattered.m",
                                                           "gain": lambda r: r.gain},
                        progress=False)
    assert list(picked.outputs) == ["m_U", "gain"]
    assert picked.frame["m_U"].tolist() == res.frame["scattered.m"].tolist()


def _profit(a, b, c):
    return {"q": (a - c) / (3 * b), "profit": (a - c) ** 2 / (9 * b)}


def test_vectorised_target_equals_pointwise():
    """A target that takes whole arrays gives the same table as point by point; a bad
    point inside a vectorised chunk is found and recorded alone."""
    axes = {"a": [80.0, 100.0], "b": [1.0, 2.0], "c": [10.0, 40.0]}
    vec = sweep.grid(_profit, axes, vectorized=True, progress=False)
    one = sweep.grid(_profit, axes, progress=False)
    pd.testing.assert_frame_equal(vec.frame, one.frame)

    def picky(a):
        if np.any(np.asarray(a) < 0):
            raise ValueError("a must be >= 0")
        return {"root": np.sqrt(a)}

    res = sweep.grid(picky, {"a": [4.0, -1.0, 9.0]}, vectorized=True, progress=False)
    assert res.frame["root"].tolist()[::2] == [2.0, 3.0]
    assert res.frame["error"].notna().tolist() == [False, True, False]


def test_monte_carlo_is_seeded_and_vector_draws_are_per_firm():
    """Draws come from ``default_rng(seed)`` in the order given: a direct numpy computation
    with the same seed gives the same inputs and outputs."""
    draws = {"R": sweep.Uniform(5.0, 12.0, size=4), "F": sweep.Normal(10.0, 1.0)}

    def total(R, F):
        return float(np.sum(np.maximum(np.asarray(R) - F, 0.0)))

    res = sweep.monte_carlo(total, draws, n_draws=6, seed=7, progress=False)
    rng = np.random.default_rng(7)
    R = rng.uniform(5.0, 12.0, (6, 4))
    F = rng.normal(10.0, 1.0, 6)
    np.testing.assert_allclose(res.frame[[f"R[{i}]" for i in range(4)]].to_numpy(), R)
    np.testing.assert_allclose(res.frame["total"], np.maximum(R - F[:, None], 0).sum(axis=1))
    with pytest.raises(ValueError, match="grid"):
        res.to_xarray()


def _heterogeneous_cluster(R, F, gamma=0.4):
    """A heterogeneous agglomeration entry game: its equilibrium set and the nucleolus of
    its convex coalition game."""
    m = gt.AgglomerationEntry(R, F, gamma)
    sol = m.solve()
    nu = gt.nucleolus(m.game())
    return {"equilibria": len(sol.equilibria), "greatest": int(sum(sol.greatest)),
            "nucleolus_min": float(np.min(nu)), "shapley_in_core": bool(sol.shapley_in_core)}


def test_executors_give_identical_tables():
    """In-process, two local processes, and a Dask LocalCluster (two workers, threads):
    the same table, row for row, whatever splits the work."""
    distributed = pytest.importorskip("distributed")
    draws = {"R": sweep.Uniform(4.0, 11.0, size=6)}
    kw = dict(n_draws=8, seed=3, fixed={"F": 10.0}, progress=False, chunksize=3)
    here = sweep.monte_carlo(_heterogeneous_cluster, draws, **kw)
    procs = sweep.monte_carlo(_heterogeneous_cluster, draws, n_jobs=2, **kw)
    pd.testing.assert_frame_equal(here.frame, procs.frame)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        dask = sweep.monte_carlo(_heterogeneous_cluster, draws, client=client, **kw)
        grid_dask = sweep.grid(MODEL, {"F": [40.0, 80.0], "k": [1, 2]},
                               method=targets.surplus, client=client, progress=False)
    pd.testing.assert_frame_equal(here.frame, dask.frame)
    assert dask.info["backend"].startswith("dask")
    grid_here = sweep.grid(MODEL, {"F": [40.0, 80.0], "k": [1, 2]}, method=targets.surplus,
                           progress=False)
    pd.testing.assert_frame_equal(grid_here.frame, grid_dask.frame)
    assert here.n_failed == 0 and (here.frame["shapley_in_core"]).all()


def test_closed_client_is_refused_before_work():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        client = distributed.Client(cluster)
        client.close()
        with pytest.raises(ValueError, match=r"\bclient\b"):
            sweep.grid(MODEL, {"F": [60.0]}, method=targets.surplus, client=client)


@pytest.mark.parametrize("call, culprit", [
    (lambda: sweep.grid(MODEL, {"Fx": [1.0]}), "Fx"),
    (lambda: sweep.grid(MODEL, {"F": []}), "F"),
    (lambda: sweep.grid(MODEL, {"F": "10:20:0"}), "F"),
    (lambda: sweep.grid(MODEL, {"k": [1.5]}), "k"),
    (lambda: sweep.grid(_profit, {"z": [1.0]}), "z"),
    (lambda: sweep.grid(MODEL, {}), "axes"),
    (lambda: sweep.grid(MODEL, {"F": [60.0]}, n_jobs=0), "n_jobs"),
    (lambda: sweep.monte_carlo(_profit, {"a": sweep.Uniform(2.0, 1.0)}, 3), "low"),
    (lambda: sweep.monte_carlo(_profit, {"a": sweep.Normal(0.0, -1.0)}, 3), "sd"),
    (lambda: sweep.monte_carlo(_profit, {"a": sweep.LogNormal(0.0, 0.0)}, 3), "sigma"),
    (lambda: sweep.monte_carlo(_profit, {"a": sweep.Choice([1, 2], p=[0.9, 0.3])}, 3), "p"),
    (lambda: sweep.monte_carlo(_profit, {"a": 3.0}, 3), "a"),
    (lambda: sweep.monte_carlo(_profit, {"a": sweep.Uniform(0, 1)}, 0), "n_draws"),
    (lambda: sweep.parse_range("F=1:2"), "F"),
    (lambda: sweep.parse_range("F:1:2:3"), "grid"),
])
def test_bad_input_names_the_culprit(call, culprit):
    with pytest.raises(ValueError, match=rf"\b{culprit}\b"):
        call()


def test_parse_range():
    assert sweep.parse_range("k=1:4:4")[1].tolist() == [1, 2, 3, 4]
    assert sweep.parse_range("k=1:4:4")[1].dtype.kind == "i"
    name, vals = sweep.parse_range("sigma2=5:4000:3")
    assert name == "sigma2" and vals.tolist() == [5.0, 2002.5, 4000.0]
    assert sweep.parse_range("s=0,0.3,0.6")[1].tolist() == [0.0, 0.3, 0.6]


def test_decomposition_map_sums_to_the_gain():
    """COOP-6 (efficiency) over a grid: the mechanisms' shares add up to the gain plus the
    organising cost at every point, and equal the model's decomposition there."""
    res = sweep.decomposition_map(MODEL, {"s": [0.0, 0.6], "r": [0.0, 0.8]}, progress=False)
    mech = [c for c in res.outputs if c not in ("gain", "organising cost")]
    assert mech == list(gt.MECHANISMS)
    total = res.frame["gain"] + res.frame["organising cost"]
    np.testing.assert_allclose(res.frame[mech].sum(axis=1), total, rtol=1e-9,
                               atol=1e-9 * res.frame["gain"].abs().max())
    row = res.frame.iloc[1]  # s = 0, r = 0.8
    np.testing.assert_allclose(row[mech].to_numpy(dtype=float),
                               np.asarray(MODEL.replace(s=0.0, r=0.8).decomposition()))
    # no information (r = 0): the information mechanism is a dummy and gets 0 (COOP-6)
    assert res.frame.loc[res.frame["r"] == 0.0, "information sharing"].abs().max() < 1e-9 * \
        res.frame["gain"].abs().max()


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_sweep_is_unit_invariant(lam):
    """Money × λ (prices, costs × λ; σ² × λ²; τ × λ): regimes and counts unchanged, the
    surpluses and the gain × λ."""
    base = MODEL
    scaled = base.replace(a=base.a * lam, b=base.b * lam, c0=base.c0 * lam, c_f=base.c_f * lam,
                          c_floor=base.c_floor * lam, sigma2=base.sigma2 * lam**2,
                          tau=base.tau * lam, F0=base.F0 * lam, f=base.f * lam,
                          gamma=base.gamma * lam)
    F = np.array([20.0, 60.0, 200.0])
    one = sweep.grid(base, {"F": F, "s": [0.0, 0.6]}, method=targets.headline, progress=False)
    two = sweep.grid(scaled, {"F": F * lam, "s": [0.0, 0.6]}, method=targets.headline,
                     progress=False)
    for col in ("regime_code", "m_U", "m_C", "cluster_wins"):
        assert one.frame[col].tolist() == two.frame[col].tolist()
    np.testing.assert_allclose(two.frame["gain"], one.frame["gain"] * lam, rtol=1e-9,
                               atol=1e-9 * lam * one.frame["gain"].abs().max())
