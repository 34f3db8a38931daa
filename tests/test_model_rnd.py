"""R&D cooperation with spillovers (ORG-7): d'Aspremont & Jacquemin (1988), n firms.

Cross-checks: closed-form R&D against the sympy derivation and against a numeric solve of
the two-stage game whose Cournot stage is the engine's ``cournot``.
"""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models.rnd import RND_REGIMES


@given(st.floats(0.0, 1.0), st.integers(2, 6), st.floats(6.0, 30.0))
def test_cooperation_raises_rnd_iff_spillover_above_half(beta, n, gamma):
    """ORG-7: the R&D cartel does more R&D than non-cooperating firms iff β > 1/2, for every
    n (d'Aspremont & Jacquemin 1988; Kamien, Muller & Zang 1992)."""
    assume(abs(beta - 0.5) > 1e-6)
    m = gt.RnDCooperation(a=100, b=1, c=60, gamma=gamma, beta=beta, n=n)
    assert m.cooperation_raises_rnd() == (beta > 0.5)
    # the cartel always earns at least as much as non-cooperating firms (it could copy them)
    assert m.cluster_surplus() >= m.scattered_surplus() - 1e-9 * abs(m.scattered_surplus())


@given(st.floats(0.0, 1.0), st.integers(2, 5), st.floats(6.0, 30.0))
def test_closed_forms_match_sympy(beta, n, gamma):
    """ORG-7: the model's R&D levels equal the sympy derivation from the FOCs; the threshold
    derived symbolically is 1/2."""
    m = gt.RnDCooperation(a=100, b=1, c=60, gamma=gamma, beta=beta, n=n)
    cf = gt.RnDCooperation.closed_forms()
    p = dict(a=100, b=1, c=60, gamma=gamma, beta=beta, n=n)
    assert float(cf.evaluate("x_noncooperative", **p)) == pytest.approx(m.rnd("noncooperative"),
                                                                        rel=1e-10)
    assert float(cf.evaluate("x_cartel", **p)) == pytest.approx(m.rnd("cartel"), rel=1e-10)
    assert float(cf.evaluate("x_rjv", **p)) == pytest.approx(m.rnd("rjv"), rel=1e-10)
    assert float(cf["threshold"].rhs) == 0.5


@pytest.mark.parametrize("beta, n", [(0.2, 2), (0.8, 2), (0.3, 3)])
def test_numeric_two_stage_solve_matches(beta, n):
    """ORG-7: best-response (resp. joint-profit) optimisation over R&D with the Cournot stage
    from gametheory.cournot reproduces the closed forms."""
    m = gt.RnDCooperation(a=100, b=1, c=60, gamma=8, beta=beta, n=n)
    for reg in RND_REGIMES:
        assert m.rnd_numeric(reg) == pytest.approx(m.rnd(reg), rel=1e-6)


def test_published_duopoly_formulas():
    """d'Aspremont & Jacquemin (1988, AER 78:1133), eqs. for n = 2:
    x_N = (a−c)(2−β)/(4.5bγ − (2−β)(1+β)), x_C = (a−c)(1+β)/(4.5bγ − (1+β)²)."""
    a, b, c, g = 100.0, 1.0, 60.0, 5.0
    for beta in (0.0, 0.25, 0.75, 1.0):
        m = gt.RnDCooperation(a=a, b=b, c=c, gamma=g, beta=beta)
        assert m.rnd("noncooperative") == pytest.approx(
            (a - c) * (2 - beta) / (4.5 * b * g - (2 - beta) * (1 + beta)))
        assert m.rnd("cartel") == pytest.approx(
            (a - c) * (1 + beta) / (4.5 * b * g - (1 + beta) ** 2))


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ (a, c, b; γ / λ): R&D (a cost reduction) and profits × λ, verdict unchanged."""
    m0 = gt.RnDCooperation(a=100, b=1, c=60, gamma=5, beta=0.7, n=3)
    m1 = gt.RnDCooperation(a=100 * lam, b=lam, c=60 * lam, gamma=5 / lam, beta=0.7, n=3)
    assert m0.cooperation_raises_rnd() == m1.cooperation_raises_rnd()
    for reg in RND_REGIMES:
        assert m1.rnd(reg) == pytest.approx(lam * m0.rnd(reg), rel=1e-12)
        assert m1.outcome(reg).profit == pytest.approx(lam * m0.outcome(reg).profit, rel=1e-9)


@pytest.mark.parametrize("kwargs, match", [
    (dict(beta=1.5), r"\bbeta\b"),
    (dict(c=120), r"\bc\b"),
    (dict(gamma=0.1), r"\bgamma\b"),
    (dict(n=1), r"\bn\b"),
    (dict(a=float("nan")), r"\ba\b"),
    (dict(c=5, gamma=1.0), r"\bgamma\b"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gt.RnDCooperation(**kwargs)
    with pytest.raises(ValueError, match=r"\bregime\b"):
        gt.RnDCooperation().rnd("merger")
