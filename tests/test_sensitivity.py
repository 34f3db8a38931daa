"""Global sensitivity (Morris, Sobol) checked on functions whose indices are known exactly.

* Additive linear function ``y = Σ a_i x_i`` on the unit box: the first-order and total
  Sobol indices are both ``a_i² / Σ a_j²`` (no interactions), and every elementary effect
  of ``x_i`` equals ``a_i`` (Morris ``μ* = |a_i|``, ``σ = 0``).
* A parameter the output does not depend on gets zero indices.
* The model path: integer parameters are rounded, failures are counted, the result is
  the same in-process and on two processes.
"""

import numpy as np
import pytest

import gametheory as gt
from gametheory.sweep import sensitivity, targets

A = {"x1": 3.0, "x2": 1.0, "x3": 0.0}


def linear(x1, x2, x3):
    return 3.0 * x1 + 1.0 * x2 + 0.0 * x3


BOX = {k: (0.0, 1.0) for k in A}


def test_morris_elementary_effects_of_a_linear_function():
    mo = sensitivity.morris(linear, BOX, "linear", trajectories=6, seed=2, progress=False)
    np.testing.assert_allclose(mo.mu_star, [3.0, 1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(mo.sigma, 0.0, atol=1e-12)
    assert mo.runs == 6 * 4 and mo.failed == 0
    df = mo.to_dataframe()
    assert df["parameter"].tolist() == ["x1", "x2", "x3"]


def test_sobol_indices_of_a_linear_function():
    so = sensitivity.sobol(linear, BOX, "linear", base_samples=512, seed=3, progress=False)
    want = np.array([9.0, 1.0, 0.0]) / 10.0
    np.testing.assert_allclose(so.S1, want, atol=0.05)
    np.testing.assert_allclose(so.ST, want, atol=0.05)
    assert so.runs == 512 * (3 + 2)
    assert so.variance == pytest.approx(10.0 / 12.0, rel=0.1)  # Var = Σ a² / 12


def test_model_sensitivity_rounds_integers_and_is_worker_independent():
    box = {"k": (1, 3), "F": (20.0, 200.0)}
    one = sensitivity.morris(gt.ClusterVsScattered(), box, "gain", method=targets.surplus,
                             trajectories=3, seed=5, progress=False)
    two = sensitivity.morris(gt.ClusterVsScattered(), box, "gain", method=targets.surplus,
                             trajectories=3, seed=5, n_jobs=2, progress=False)
    np.testing.assert_array_equal(one.mu_star, two.mu_star)
    assert one.failed == 0 and np.all(np.isfinite(one.mu_star))


def test_constant_output_has_zero_indices():
    so = sensitivity.sobol(lambda x1, x2: 1.0, {"x1": (0, 1), "x2": (0, 1)}, "value",
                           base_samples=8, seed=0, progress=False)
    np.testing.assert_array_equal(so.ST, 0.0)
    assert np.isnan(so.variance)


@pytest.mark.parametrize("call, culprit", [
    (lambda: sensitivity.morris(linear, {}, "linear"), "bounds"),
    (lambda: sensitivity.morris(linear, {"x1": (1.0, 0.0)}, "linear"), "x1"),
    (lambda: sensitivity.morris(linear, {"zz": (0.0, 1.0)}, "linear"), "zz"),
    (lambda: sensitivity.morris(linear, BOX, "linear", trajectories=1), "trajectories"),
    (lambda: sensitivity.sobol(linear, BOX, "nope", base_samples=4), "nope"),
    (lambda: sensitivity.sobol(gt.ClusterVsScattered(), {"F": (-50.0, 10.0)}, "gain",
                               method=targets.surplus, base_samples=4), "F"),
])
def test_bad_input(call, culprit):
    with pytest.raises(ValueError, match=rf"\b{culprit}\b"):
        call()
