"""Sequential entry: Dixit's capacity commitment, leader–follower entry, follow-the-leader
(SEQ-3 … SEQ-5).

Cross-checks: the closed-form regimes against the entry-cost thresholds derived in sympy
and against backward induction on the game tree; the sequential outcome against the pure
equilibria of the simultaneous entry game; the follow-the-leader band against the
threshold ρ* of OligopolisticReaction (its special case).
"""

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory as gt

DIXIT_SYMBOLS = gt.DixitCapacity.closed_forms().symbols


def thresholds(m):
    cf = gt.DixitCapacity.closed_forms()
    vals = dict(a=m.a, b=m.b, w=m.w, r=m.r)
    return {k: float(cf.evaluate(k, **vals)) for k in ("f_B", "f_V", "f_D")}


@settings(deadline=None)
@given(a=st.floats(5, 50), b=st.floats(0.2, 5), w=st.floats(0, 5), r=st.floats(0.5, 10),
       share=st.floats(0.0, 0.1))
def test_dixit_regions_in_closed_form(a, b, w, r, share):
    """SEQ-3 (Dixit 1980): when a − c ≤ 4r and 2r ≤ a − w, entry is blockaded iff
    f ≥ (a − c)²/(16b), deterred iff max(f_D, f_V) ≤ f < f_B with
    f_D = (3 − 2√2)(a − c)²/(32b), f_V = (a − c − r)²/(9b), accommodated otherwise — the
    library's regime equals the one read off the sympy thresholds."""
    c = w + r
    assume(a - c > 0.5 and a - c <= 4 * r and 2 * r <= a - w)
    f = share * (a - c) ** 2 / b
    m = gt.DixitCapacity(a=a, b=b, w=w, r=r, f=f)
    th = thresholds(m)
    assert th["f_B"] == pytest.approx((a - c) ** 2 / (16 * b))
    assert th["f_D"] == pytest.approx((3 - 2 * np.sqrt(2)) * (a - c) ** 2 / (32 * b))
    near = min(abs(f - t) for t in th.values()) <= 1e-9 * (a - c) ** 2 / b
    assume(not near)
    if f >= th["f_B"]:
        expected = "blockaded"
    elif f >= max(th["f_D"], th["f_V"]):
        expected = "deterred"
    else:
        expected = "accommodated"
    out = m.solve()
    assert out.regime == expected
    if expected == "deterred":
        assert out.capacity == pytest.approx(out.limit_output) and out.capacity > out.M
        assert out.entrant_output == 0
    if expected == "accommodated":
        assert out.capacity == pytest.approx(out.M) and out.entrant_output > 0


@settings(deadline=None, max_examples=max(5, settings().max_examples // 3))
@given(a=st.floats(5, 30), w=st.floats(0, 3), r=st.floats(0.5, 6), share=st.floats(0, 0.12))
def test_dixit_tree_agrees_with_closed_form(a, w, r, share):
    """SEQ-3: backward induction on the game tree (capacities on a grid that contains the
    closed-form optimum) gives the same incumbent profit and entry decision."""
    assume(a - w - r > 0.5)
    m = gt.DixitCapacity(a=a, b=1.0, w=w, r=r, f=share * (a - w - r) ** 2)
    out = m.solve()
    assume(not out.tie)
    spe = m.game_tree().backward_induction()
    assert spe.payoffs[0] == pytest.approx(out.incumbent_profit, rel=1e-9, abs=1e-9)
    assert (spe.path[1] == "in") == (out.regime == "accommodated")


def test_dixit_published_thresholds():
    """SEQ-3: with a = 10, b = 1, w = 1, r = 2 (c = 3): f_B = 49/16, f_V = 25/9, f_D =
    49(3 − 2√2)/32 — accommodation below 25/9, deterrence up to 49/16, blockade above."""
    m = gt.DixitCapacity(a=10, b=1, w=1, r=2, f=1.0)
    th = thresholds(m)
    assert th == pytest.approx({"f_B": 49 / 16, "f_V": 25 / 9,
                                "f_D": 49 * (3 - 2 * np.sqrt(2)) / 32})
    regimes = [m.replace(f=f).solve().regime for f in (2.7, 2.8, 3.0, 3.1)]
    assert regimes == ["accommodated", "deterred", "deterred", "blockaded"]
    grid = gt.dixit_regions(10, 1, 1, 2, np.array([1.0, 2.9, 4.0]))
    assert grid.tolist() == ["accommodated", "deterred", "blockaded"]


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_dixit_unit_invariance(lam):
    """SEQ-3: prices, costs and the entry cost × λ (b × λ: quantities unchanged) give the
    same regime and capacity, profits × λ."""
    for f in (0.5, 2.9, 3.5):
        a = gt.DixitCapacity(a=10, b=1, w=1, r=2, f=f).solve()
        b = gt.DixitCapacity(a=10 * lam, b=lam, w=lam, r=2 * lam, f=f * lam).solve()
        assert a.regime == b.regime and b.capacity == pytest.approx(a.capacity)
        assert b.incumbent_profit == pytest.approx(lam * a.incumbent_profit)


# --------------------------------------------------------------------------- leader–follower
@settings(deadline=None, max_examples=max(5, settings().max_examples // 2))
@given(F=st.lists(st.floats(0, 900), min_size=1, max_size=6), k=st.integers(0, 3),
       c_f=st.floats(20, 60))
def test_sequential_outcome_is_a_simultaneous_equilibrium(F, k, c_f):
    """SEQ-4: when profits fall with the number of entrants, the subgame-perfect outcome of
    sequential entry is a pure equilibrium of the simultaneous entry game."""
    m = gt.LeaderFollowerEntry(a=100, b=1, c=40, F=F, k=k, c_f=c_f)
    pi = m.operating_profits()
    assert np.all(np.diff(pi) <= 1e-9)
    res = m.solve()
    assume(res.spe.unique)
    assert res.is_simultaneous_equilibrium


def test_leader_takes_the_market_with_symmetric_firms():
    """SEQ-4: with equal entry costs the number of sequential entrants is the free-entry
    number (Mankiw & Whinston 1986), and the early movers are the ones that enter."""
    m = gt.LeaderFollowerEntry(a=100, b=1, c=40, F=(300.0,) * 6, k=1, c_f=40)
    res = m.solve()
    m_free = m.entry_game().free_entry_count()
    assert sum(res.entrants) == m_free
    assert res.entrants == tuple([1] * m_free + [0] * (6 - m_free))


# --------------------------------------------------------------------------- follow the leader
params = st.fixed_dictionaries({
    "a": st.floats(15, 40), "w": st.floats(1, 5), "t": st.floats(0.5, 4),
    "w_star": st.floats(1, 8), "sigma2": st.floats(0.1, 10), "rho": st.floats(0, 1)})


@settings(deadline=None)
@given(p=params, K=st.floats(-30, 30))
def test_follow_the_leader_band_is_the_oligopolistic_reaction_threshold(p, K):
    """SEQ-5 (Head, Mayer & Ries 2002): the follower imitates the leader for some fixed cost
    K iff ρ > ρ* of OligopolisticReaction, and then exactly for G_X < K ≤ G_I (the gains of
    OligopolisticReaction.gains); the game's utilities reproduce those gains."""
    try:
        base = gt.OligopolisticReaction(**p)
    except ValueError:
        assume(False)
    K = abs(K)
    m = gt.FollowTheLeader(**p, K=K)
    g = base.gains()
    gx, gi = g.gain_if_rival_exports, g.gain_if_rival_invests
    U = m.utilities()
    assert U["FDI", "export"][0] - U["export", "export"][0] + K == pytest.approx(gx, abs=1e-9)
    assert U["FDI", "FDI"][0] - U["export", "FDI"][0] + K == pytest.approx(gi, abs=1e-9)
    out = m.solve()
    rho_star = base.threshold()
    assume(abs(p["rho"] - rho_star) > 1e-9 and min(abs(K - gx), abs(K - gi)) > 1e-9)
    assert (out.band is not None) == (p["rho"] > rho_star)
    assert out.follows == (gx < K <= gi)


def test_follow_the_leader_risk_neutral_special_case():
    """SEQ-5: risk-neutral firms (ρ = 0) never imitate: FDI decisions are strategic
    substitutes, G_I < G_X, so there is no band of K."""
    m = gt.FollowTheLeader(a=20, w=4, t=2, w_star=5, sigma2=4, rho=0.0, K=3)
    assert m.solve().band is None and not m.solve().follows


@pytest.mark.parametrize(("call", "match"), [
    (lambda: gt.DixitCapacity(a=2, w=1, r=2), r"\ba\b"),
    (lambda: gt.DixitCapacity(b=0), r"\bb\b"),
    (lambda: gt.DixitCapacity(r=0), r"\br\b"),
    (lambda: gt.DixitCapacity(f=-1), r"\bf\b"),
    (lambda: gt.DixitCapacity(f=float("nan")), r"\bf\b"),
    (lambda: gt.DixitCapacity().payoffs(-1, True), r"\bk\b"),
    (lambda: gt.DixitCapacity().game_tree([]), r"\bcapacities\b"),
    (lambda: gt.LeaderFollowerEntry(F=()), r"\bF\b"),
    (lambda: gt.LeaderFollowerEntry(F=(1.0,) * 15), r"\bF\b"),
    (lambda: gt.LeaderFollowerEntry(F=(-1.0,)), r"\bF\b"),
    (lambda: gt.LeaderFollowerEntry(k=-1), r"\bk\b"),
    (lambda: gt.LeaderFollowerEntry(a=10, c=40), r"\ba\b"),
    (lambda: gt.FollowTheLeader(K=-1), r"\bK\b"),
    (lambda: gt.FollowTheLeader(sigma2=-1), r"\bsigma2\b"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_closed_forms_display():
    cf = gt.DixitCapacity.closed_forms()
    assert set(cf) >= {"T", "V", "M", "x_L", "f_B", "f_V", "f_D"}
    a, b, r, w = (DIXIT_SYMBOLS[k] for k in ("a", "b", "r", "w"))
    assert sp.simplify(cf["f_B"].rhs - (a - r - w) ** 2 / (16 * b)) == 0
    assert "f_{B}" in cf._repr_latex_() or "f_B" in cf._repr_latex_()


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_sequential_models_unit_invariance(lam):
    """SEQ-4/5: money × λ leaves every decision unchanged and scales payoffs by λ. In the
    follow-the-leader model the demand slope is fixed at 1, so prices × λ scale quantities
    by λ too and profits by λ²: the cost variance goes × λ², the fixed cost K × λ², the
    mean–variance coefficient ρ / λ² (the gains, and the band, × λ²)."""
    lf = gt.LeaderFollowerEntry()
    big = gt.LeaderFollowerEntry(a=lf.a * lam, b=lf.b * lam, c=lf.c * lam,
                                 F=tuple(f * lam for f in lf.F), k=lf.k, c_f=lf.c_f * lam)
    a, b = lf.solve(), big.solve()
    assert a.entrants == b.entrants and a.simultaneous_equilibria == b.simultaneous_equilibria
    assert np.allclose(b.payoffs, lam * a.payoffs, rtol=1e-9, atol=0)
    ftl = gt.FollowTheLeader()
    big = gt.FollowTheLeader(a=ftl.a * lam, w=ftl.w * lam, t=ftl.t * lam,
                             w_star=ftl.w_star * lam, sigma2=ftl.sigma2 * lam**2,
                             rho=ftl.rho / lam**2, K=ftl.K * lam**2)
    o, p = ftl.solve(), big.solve()
    assert (o.leader, o.follower_after_fdi, o.follower_after_export, o.follows) == \
        (p.leader, p.follower_after_fdi, p.follower_after_export, p.follows)
    assert np.allclose(np.array(p.band), lam**2 * np.array(o.band), rtol=1e-9)
