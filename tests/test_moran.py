"""Finite populations: fixation probabilities (DYN-6, DYN-7).

Cross-checks: the closed form (summed in log space) against the absorption probabilities
of the birth–death chain solved as a linear system; against egttools (test-only) where the
models coincide (pairwise comparison with the Fermi rule); the weak-selection condition
of Nowak et al. (2004) as a theorem over generated games.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.dynamics.moran import transition_probabilities

games = st.lists(st.integers(-5, 5), min_size=4, max_size=4).map(
    lambda v: np.array(v, dtype=float).reshape(2, 2))


@settings(deadline=None)
@given(A=games, N=st.integers(2, 60), beta=st.floats(0.0, 2.0),
       process=st.sampled_from(["fermi", "moran"]),
       fitness=st.sampled_from(["linear", "exponential"]))
def test_closed_form_matches_markov_chain(A, N, beta, process, fitness):
    """DYN-6 (Karlin & Taylor 1975; Nowak et al. 2004; Traulsen et al. 2006): the closed-form
    fixation probability equals φ_1 of the absorbing birth–death chain solved as a linear
    system; both are probabilities; ρ_{a←b}/ρ_{b←a} = Π γ_j^{-1}."""
    if process == "moran" and fitness == "linear":
        beta = min(beta, 0.19)  # keep 1 + wπ > 0 for payoffs >= −5
    rho = gt.fixation_probability(A, 0, 1, N, beta, process, fitness)
    phi = gt.fixation_markov(A, 0, 1, N, beta, process, fitness)
    assert 0 <= rho <= 1 and np.all(np.diff(phi) >= -1e-12)
    assert rho == pytest.approx(phi[1], rel=1e-7, abs=1e-13)
    back = gt.fixation_probability(A, 1, 0, N, beta, process, fitness)
    Tp, Tm = transition_probabilities(A, 0, 1, N, beta, process, fitness)
    log_ratio = np.sum(np.log(Tp[1:N]) - np.log(Tm[1:N]))
    if rho > 1e-250 and back > 1e-250:
        assert np.log(rho) - np.log(back) == pytest.approx(log_ratio, abs=1e-8)


def test_neutral_drift():
    """DYN-6: without selection a single mutant fixes with probability 1/N."""
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    for N in (2, 10, 100):
        for proc in ("fermi", "moran"):
            assert gt.fixation_probability(A, 0, 1, N, 0.0, proc) == pytest.approx(1 / N)


@settings(deadline=None)
@given(A=games, N=st.integers(4, 200))
def test_weak_selection_condition(A, N):
    """DYN-7 (Nowak, Sasaki, Taylor & Fudenberg 2004, eq. 3): under weak selection in the
    Moran process, selection favours a replacing b (ρ > 1/N) iff
    (N − 2)a + (2N − 1)b > (N + 1)c + (2N − 4)d, with A = [[a, b], [c, d]]."""
    (a, b), (c, d) = A
    margin = (N - 2) * a + (2 * N - 1) * b - (N + 1) * c - (2 * N - 4) * d
    if margin == 0:
        return
    w = 1e-6
    rho = gt.fixation_probability(A, 0, 1, N, w, "moran", "linear")
    assert (rho > 1 / N) == (margin > 0)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_against_egttools():
    """DYN-6: pairwise comparison (Fermi rule): our fixation probabilities and stationary
    distribution equal egttools' (StochDynamics), which truncates to 0 once a sum exceeds
    1e7 — compared only where it does not."""
    egt = pytest.importorskip("egttools.analytical")
    rng = np.random.default_rng(5)
    for _ in range(10):
        k, N = int(rng.integers(2, 4)), int(rng.integers(5, 60))
        A = rng.integers(-3, 4, (k, k)).astype(float)
        beta = float(rng.uniform(0.01, 0.5))
        sd = egt.StochDynamics(k, A, N)
        ours = gt.fixation_matrix(A, N, beta)
        for a in range(k):
            for b in range(k):
                if a != b:
                    ref = sd.fixation_probability(a, b, beta)
                    if ref > 1e-6:
                        assert ours.rho[a, b] == pytest.approx(ref, rel=1e-9)
        if np.nanmin(ours.rho) > 1e-6:
            assert np.allclose(ours.stationary, sd.calculate_stationary_distribution(beta),
                               atol=1e-9)


def test_fixation_matrix_and_stationary_distribution():
    """DYN-6 (Fudenberg & Imhof 2006): with two strategies the rare-mutation chain spends the
    share ρ_{a←b} / (ρ_{a←b} + ρ_{b←a}) of time at all-a; cyclic games are uniform."""
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    fm = gt.fixation_matrix(A, 20, 0.3, strategies=["cooperate", "defect"])
    r01, r10 = fm.rho[0, 1], fm.rho[1, 0]
    assert fm.stationary[0] == pytest.approx(r01 / (r01 + r10))
    assert fm.neutral == pytest.approx(1 / 20) and fm.strategies == ("cooperate", "defect")
    rps = gt.fixation_matrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], 30, 0.5)
    assert np.allclose(rps.stationary, 1 / 3)


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """DYN-6: payoffs × λ with selection intensity / λ give the same fixation probabilities."""
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    for proc in ("fermi", "moran"):
        for fit in ("linear", "exponential"):
            a = gt.fixation_probability(A, 0, 1, 25, 0.05, proc, fit)
            b = gt.fixation_probability(A * lam, 0, 1, 25, 0.05 / lam, proc, fit)
            assert b == pytest.approx(a, rel=1e-9)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: gt.fixation_probability([[1, 2], [3, np.nan]], 0, 1, 10, 0.1), r"\bA\b.*finite"),
    (lambda: gt.fixation_probability([[1, 2, 3], [3, 4, 5]], 0, 1, 10, 0.1), r"\bA\b.*square"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 1, 1, 0.1), r"\bN\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 1, 10.5, 0.1), r"\bN\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 1, 10, -0.1), r"\bintensity\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 0, 10, 0.1), r"\ba\b.*\bb\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 2, 10, 0.1), r"\bb\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 1, 10, 0.1, "wright"), r"\bprocess\b"),
    (lambda: gt.fixation_probability([[1, 2], [3, 4]], 0, 1, 10, 0.1, "moran", "x"),
     r"\bfitness\b"),
    (lambda: gt.fixation_probability([[-10, 2], [3, 4]], 0, 1, 10, 0.5, "moran"),
     r"\bintensity\b|\bw\b"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
