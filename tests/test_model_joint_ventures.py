"""Core firms and suppliers: assortative matching (ORG-2) and ownership under hold-up (ORG-3).

Cross-checks: the matching value against the assortative matching; the extremes against
the assignment game's core; equilibrium investments (closed form) against a numeric
best-response optimiser and against the sympy derivation.
"""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models.joint_ventures import STRUCTURES

types = st.lists(st.floats(0.0, 10.0), min_size=1, max_size=6)


@given(types, types, st.floats(0.1, 3.0), st.floats(0.0, 20.0))
def test_supermodular_surplus_gives_assortative_matching(x, y, gamma, cost):
    """ORG-2: with a_ij = max(0, γ x_i y_j − f) the positive assortative matching is optimal
    (Becker 1973); its extremes are core points and bound every side's share."""
    m = gt.SupplierMatching.from_complementarity(x, y, gamma=gamma, cost=cost)
    r = m.solve()
    assert r.assortative
    g = m.game()
    assert g.in_core(r.firm_optimal.buyers, r.firm_optimal.sellers)
    assert g.in_core(r.supplier_optimal.buyers, r.supplier_optimal.sellers)
    assert g.in_core(r.midpoint)
    lo, hi = r.firms_share_range
    assert -1e-12 <= lo <= hi + 1e-12 and hi <= 1 + 1e-12


def test_matching_example_by_hand():
    """ORG-2: types (1, 2, 3) × (1, 2, 3), γ = 1, f = 0.5: surpluses 0.5, 3.5, 8.5 on the
    diagonal; the best firm can threaten to pair with supplier 2 (surplus 5.5)."""
    m = gt.SupplierMatching.from_complementarity([1, 2, 3], [1, 2, 3], gamma=1.0, cost=0.5)
    r = m.solve()
    assert r.value == pytest.approx(12.5)
    assert r.pairs == (("F0", "S0"), ("F1", "S1"), ("F2", "S2"))
    # marginal contribution of F2: v(N) − v(N∖F2) = 12.5 − max matching of F0,F1 with S0..S2
    assert r.firm_optimal.buyers[2] == pytest.approx(12.5 - (1.5 + 5.5))


@given(st.floats(0.05, 0.95), st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3),
       st.floats(0.2, 3.0), st.floats(0.2, 3.0))
def test_canonical_joint_ownership_is_dominated(beta, phi, mF, mS):
    """ORG-3 (Hart 1995): without leakage (ψ ≡ 0) joint ownership never beats separate
    ownership; strictly worse when an asset is worth something alone (φ_1 > φ_0)."""
    phi = tuple(sorted(phi))
    r = gt.HoldUpOwnership(m_F=mF, m_S=mS, beta=beta, phi=phi).solve()
    assert not r.joint_beats_separate
    if phi[1] - phi[0] > 1e-6:
        assert r.welfare[3] < r.welfare[0]


@given(st.floats(0.05, 0.95), st.lists(st.floats(0.0, 0.5), min_size=3, max_size=3),
       st.lists(st.floats(0.0, 0.5), min_size=3, max_size=3))
def test_joint_ownership_pays_iff_leakage_exceeds_protection(beta, phi, psi):
    """ORG-3: joint ownership raises both investments over separate ownership iff
    β(ψ1−ψ0) > (1−β)(φ1−φ0) and (1−β)(ψ1−ψ0) > β(φ1−φ0)."""
    phi, psi = tuple(sorted(phi)), tuple(sorted(psi))
    m = gt.HoldUpOwnership(beta=beta, phi=phi, psi=psi)
    eJ, eS = np.array(m.investment("joint")), np.array(m.investment("separate"))
    margins = np.abs(eJ - eS)
    assume(margins.min() > 1e-9)
    assert m.joint_pays() == bool(np.all(eJ > eS))


@pytest.mark.parametrize("params", [
    dict(phi=(0.0, 0.3, 0.5)),
    dict(phi=(0.0, 0.1, 0.2), psi=(0.0, 0.4, 0.6), beta=0.4, m_F=2.0, m_S=0.5, k=1.5),
    dict(phi=(0.1, 0.2, 0.6), psi=(0.0, 0.1, 0.3), beta=0.7),
])
def test_investments_closed_form_numeric_and_sympy(params):
    """ORG-3: closed-form investments equal the numeric best-response optimum and the sympy
    derivation from the first-order conditions; welfare likewise."""
    m = gt.HoldUpOwnership(**params)
    cf = gt.HoldUpOwnership.closed_forms()
    vals = dict(m_F=m.m_F, m_S=m.m_S, k=m.k, beta=m.beta, phi_0=m.phi[0], phi_1=m.phi[1],
                phi_2=m.phi[2], psi_0=m.psi[0], psi_1=m.psi[1], psi_2=m.psi[2])
    for s in STRUCTURES:
        eF, eS = m.investment(s)
        nF, nS = m.investment_numeric(s)
        assert (nF, nS) == pytest.approx((eF, eS), abs=1e-6 * max(m.m_F, m.m_S) / m.k)
        assert float(cf.evaluate(f"e_F_{s}", **vals)) == pytest.approx(eF, rel=1e-12)
        assert float(cf.evaluate(f"e_S_{s}", **vals)) == pytest.approx(eS, rel=1e-12)
        assert float(cf.evaluate(f"W_{s}", **vals)) == pytest.approx(m.welfare(s), rel=1e-12)
        fb = m.solve().first_best
        assert eF <= fb[0] + 1e-12 and eS <= fb[1] + 1e-12   # hold-up: under-investment


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ (m_F, m_S, k; surplus): investments (real units) unchanged, welfare × λ,
    the best structure and the matching unchanged."""
    p = dict(phi=(0.0, 0.1, 0.2), psi=(0.0, 0.4, 0.6), beta=0.4)
    a, b = gt.HoldUpOwnership(m_F=2.0, m_S=1.0, k=1.5, **p), gt.HoldUpOwnership(
        m_F=2.0 * lam, m_S=lam, k=1.5 * lam, **p)
    ra, rb = a.solve(), b.solve()
    assert ra.best == rb.best
    np.testing.assert_allclose(rb.investment, ra.investment, rtol=1e-12)
    np.testing.assert_allclose(rb.welfare, lam * ra.welfare, rtol=1e-12)
    sm = gt.SupplierMatching.from_complementarity([1, 2, 3], [2, 1, 3], cost=0.5)
    sl = gt.SupplierMatching(sm.surplus * lam)
    assert sm.solve().pairs == sl.solve().pairs
    np.testing.assert_allclose(sl.solve().firm_optimal.buyers,
                               lam * sm.solve().firm_optimal.buyers, rtol=1e-9)


@pytest.mark.parametrize("kwargs, match", [
    (dict(phi=(0.5, 0.3, 0.6)), r"\bphi\b"),
    (dict(phi=(0.0, 0.3, 1.5)), r"\bphi\b"),
    (dict(psi=(0.0, 0.9, 0.9), phi=(0.0, 0.3, 0.5)), r"\bphi\b"),
    (dict(beta=1.0), r"\bbeta\b"),
    (dict(k=0.0), r"\bk\b"),
    (dict(m_F=-1.0), r"\bm_F\b"),
    (dict(psi=(0.1, 0.2)), r"\bpsi\b"),
])
def test_bad_holdup_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        gt.HoldUpOwnership(**kwargs)


def test_bad_matching_input():
    with pytest.raises(ValueError, match=r"\bsurplus\b"):
        gt.SupplierMatching([[1, -1]])
    with pytest.raises(ValueError, match=r"\bcapability\b"):
        gt.SupplierMatching.from_complementarity([-1, 2], [1, 2])
    with pytest.raises(ValueError, match=r"\bgamma\b"):
        gt.SupplierMatching.from_complementarity([1, 2], [1, 2], gamma=0)
    with pytest.raises(ValueError, match=r"\bstructure\b"):
        gt.HoldUpOwnership().investment("merger")
