"""Results as data and results that read well: ``to_dataframe``, concise reprs, HTML booleans.

Each table is checked against the result it came from (same numbers, one row per point);
the reprs stay short whatever the size of the arrays inside.
"""

import dataclasses

import numpy as np
import pandas as pd
import pytest

import gametheory as gt
from gametheory._display import fmt, html_table
from gametheory.tables import flatten_record, grid_frame

MODEL = gt.ClusterVsScattered()


def test_point_result_is_one_row_with_dotted_and_player_columns():
    res = MODEL.solve()
    df = res.to_dataframe()
    assert len(df) == 1
    row = df.iloc[0]
    assert row["scattered.m"] == res.scattered.m and row["cluster.m"] == res.cluster.m
    assert row["regime"] == res.regime and row["gain"] == res.gain
    for name, x in zip(gt.MECHANISMS, res.decomposition):
        assert row[f"decomposition[{name}]"] == float(x)
    assert row["power_cluster.quantity_share"] == pytest.approx(
        float(res.power_cluster.quantity_share))


def test_schedule_result_is_one_row_per_count():
    d = gt.DissipationEntry(gamma=0.8, c_floor=36.0, n_potential=16).solve(0.3)
    df = d.to_dataframe()
    assert len(df) == d.m.size
    np.testing.assert_array_equal(df["m"], d.m)
    np.testing.assert_array_equal(df["national_surplus"], d.national_surplus)
    assert (df["m_free"] == d.m_free).all() and (df["dissipation"] == d.dissipation).all()


def test_allocations_by_firm():
    sol = gt.EntryCostGame(K=[30.0, 45.0, 60.0], f=[10.0, 15.0, 20.0], R=[35.0, 50.0, 70.0],
                           names=("SME A", "SME B", "Lead")).solve()
    df = sol.to_dataframe()
    assert df["player"].tolist() == ["SME A", "SME B", "Lead"]
    np.testing.assert_allclose(df["shapley"], np.asarray(sol.shapley))
    np.testing.assert_allclose(df["nucleolus"], np.asarray(sol.nucleolus))
    assert (df["joint_cost"] == sol.joint_cost).all()


def test_map_is_one_row_per_grid_point():
    F, s2 = np.array([20.0, 120.0, 220.0]), np.array([100.0, 800.0])
    rm = MODEL.regime_map("F", F, "sigma2", s2)
    df = rm.to_dataframe()
    assert list(df.columns[:2]) == ["F", "sigma2"] and len(df) == F.size * s2.size
    for row in df.itertuples():
        i, j = list(s2).index(row.sigma2), list(F).index(row.F)
        assert row.code == rm.code[i, j] and row.gain == rm.gain[i, j]
        assert row.label == gt.REGIMES[row.code - 1]  # regime codes are 1 … 7


def test_grid_frame_of_a_dict_map():
    model = gt.DissipationEntry(gamma=0.8, c_floor=36.0, n_potential=16)
    g = model.dissipation_grid([40.0, 60.0], [0.0, 0.3, 0.6])
    df = grid_frame(g, "F", "s")
    assert len(df) == 6
    row = df[(df["F"] == 60.0) & (df["s"] == 0.3)].iloc[0]
    assert row["m_free"] == model.solve(0.3).m_free
    with pytest.raises(ValueError, match="Fx"):
        grid_frame(g, "Fx", "s")


def test_repr_is_concise_whatever_the_arrays():
    big = gt.DissipationEntry(n_potential=60).solve()
    text = repr(big)
    assert len(text) < 600 and "array(shape=(61,)" in text
    assert "19.99999999999997" not in repr(MODEL.solve())
    assert "national_surplus=20," in repr(MODEL.solve())


def test_html_shows_booleans_as_words():
    assert fmt(True) == "yes" and fmt(np.bool_(False)) == "no" and fmt(3.0) == "3"
    html = gt.EntryCostGame(K=[30.0, 45.0], f=[10.0, 15.0], R=[35.0, 50.0]).solve()._repr_html_()
    assert "<td>concave</td><td>yes</td>" in html
    assert "<td>1</td>" not in html.split("concave")[1][:40]
    assert html_table(["a"], [[True]]).count("yes") == 1


def test_every_result_class_has_a_frame():
    """Every result dataclass of the package gives a non-empty DataFrame."""
    from gametheory._results import ResultMixin

    results = [MODEL.solve(), MODEL.solve().stability, MODEL.solve().scattered,
               gt.DissipationEntry().solve(), gt.excess_entry(100, 1, 40, 60),
               gt.merger_outcome(100, 1, 40, 5, 2), gt.tullock_contest(4, 10.0),
               gt.InfoSharing().solve(), gt.public_information(10, 4, 4, 1.0, n=3),
               gt.RiskSyndicate.with_common_risk([12.0, 15.0], [4.0, 6.0], [16.0, 25.0],
                                                 9.0).solve(),
               gt.AgglomerationEntry([9.5, 9.0, 8.0], 10.0, 1.2).solve(),
               gt.cournot(100, 1, [40, 45]), gt.least_core(gt.airport_game([20, 50, 70]))]
    for res in results:
        assert isinstance(res, ResultMixin)
        df = res.to_dataframe()
        assert isinstance(df, pd.DataFrame) and len(df) >= 1 and df.shape[1] >= 2, \
            type(res).__name__
        rec = flatten_record(res)
        assert all(not isinstance(v, np.ndarray) for v in rec.values())
        assert dataclasses.is_dataclass(res)
