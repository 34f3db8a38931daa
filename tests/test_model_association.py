"""The association: quota enforcement (ORG-4) and bidding for a foreign target (ORG-5, ORG-6).

Cross-checks: the critical discount factor against a direct computation from the payoff
table and Friedman's formula; the free-entry punishment against the entry-game engine;
the exclusion threshold against a brute-force search over transfers; auction revenues
among closed forms (sympy), numeric integration, the first-price equilibrium (revenue
equivalence) and seeded Monte Carlo.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models.association import _ring_revenue_uniform

SYM = dict(costs=[40, 40, 40, 40], a=100, b=1, F=150, k=1, c_f=40, supply_payoff=20)


def test_symmetric_quota_by_hand():
    """ORG-4: 4 identical members, 1 incumbent, π(j) = 3600/(j+2)²: the optimal quota is 1
    (400 − 150 + 3·20 = 310 > 2·(225 − 150) + 2·20 = 190); free entry brings 2. An outsider
    who enters earns 225 − 150 = 75, a gain D = 55 over its role, so S* = (n−m)D/n = 41.25.
    Repeated game: member 1 enters under free entry (no punishment) and needs t = 55; members
    2, 3 need 55(1 − δ); the entrant pays 165 − 110δ <= δ(250 − 75): δ* = 165/285."""
    q = gt.AssociationQuota(**SYM)
    r = q.solve()
    assert r.m == 1 and r.cluster_payoff == pytest.approx(310) and len(r.free_entry) == 2
    assert r.free_entry_payoff == pytest.approx(190)
    assert r.exclusion_threshold == pytest.approx(3 * 55 / 4)
    assert r.critical_discount == pytest.approx(165 / 285, rel=1e-7)
    cf = gt.AssociationQuota.closed_forms()
    D = float(cf.evaluate("gain_outsider", a=100, b=1, c=40, F=150, w=20, k=1, m=1))
    assert D == pytest.approx(55)
    assert float(cf.evaluate("exclusion_threshold", D=D, m=1, n=4)) == pytest.approx(
        r.exclusion_threshold)


def test_punishment_is_an_entry_equilibrium_and_delta_is_friedman():
    """ORG-4: the grim-trigger punishment is a pure Nash equilibrium of the entry game
    (engine); at δ* every member's Friedman ratio (dev − quota)/(dev − pun) is at most δ*,
    with equality for some member, and just below δ* no transfers keep the quota."""
    q = gt.AssociationQuota(costs=[20, 25, 30, 35, 40], a=100, b=1, F=150, k=1, c_f=40,
                            supply_payoff=[10, 10, 20, 20, 30])
    r = q.solve()
    w = q.supply_payoff
    game = gt.EntryGame(q.n, payoff=lambda i, E: float(q.profits(E)[i] - q.F - w[i]))
    prof = tuple(int(nm in r.free_entry) for nm in q.names)
    assert prof in game.pure_nash_equilibria()
    d = r.critical_discount
    assert 0 < d < 1
    gain = r.deviation_payoffs - r.quota_payoffs
    loss = r.deviation_payoffs - r.punishment_payoffs
    ratio = np.where(gain > 1e-9, gain / np.where(loss > 0, loss, np.nan), 0.0)
    assert np.nanmax(ratio) == pytest.approx(d, rel=1e-6)
    assert not q._holds(r.m, d * (1 - 1e-6)) and q._holds(r.m, d)


@given(st.lists(st.integers(0, 60), min_size=2, max_size=5), st.integers(0, 3),
       st.floats(0.0, 200.0), st.floats(0.0, 40.0))
def test_exclusion_threshold_is_the_least_deterring_service(costs, k, F, w):
    """ORG-4: S* is the least service value at which transfers (G_j − S)⁺ to the suppliers,
    paid equally by the entrants, deter every deviation (brute force over a grid of S)."""
    q = gt.AssociationQuota(costs=costs, a=100, b=1, F=F, k=k, c_f=40, supply_payoff=w)
    m = q.optimal_quota()
    if m in (0, q.n):
        return
    inside, pi, dev, _ = q._fixed_table(m)

    def deters(S):
        t = np.where(inside, 0.0, np.maximum(dev - q.supply_payoff - S, 0.0))
        quota = q.quota_payoffs(m, t)
        return bool(np.all(dev - S <= quota + 1e-9 * max(1.0, np.abs(dev).max())))

    S_star = q.exclusion_threshold(m)
    assert deters(S_star * (1 + 1e-9) + 1e-12)
    grid = np.linspace(0, S_star, 50)[:-1]
    assert not any(deters(S) for S in grid if S < S_star * (1 - 1e-6))


def test_information_service_links_the_information_model():
    """The association's signal as a shared service: its value is the public-information
    gain of the information model (INFO-3), positive."""
    q = gt.AssociationQuota(**SYM)
    v = q.information_service_value(sigma2=200.0, noise=100.0)
    pi = gt.public_information(100, 40, 200.0, 100.0, n=2, b=1)
    assert v == pytest.approx(pi.expected_profit - pi.expected_profit_no_info) and v > 0


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_quota_unit_invariance(lam):
    """Money × λ (a, costs, F, w; b × λ with quantities fixed): m, entrants and the free
    entry set identical; δ* identical; transfers and S* × λ."""
    base = gt.AssociationQuota(costs=[20, 25, 30, 35, 40], a=100, b=1, F=150, k=1, c_f=40,
                               supply_payoff=[10, 10, 20, 20, 30])
    sc = gt.AssociationQuota(costs=np.array([20, 25, 30, 35, 40]) * lam, a=100 * lam, b=lam,
                             F=150 * lam, k=1, c_f=40 * lam,
                             supply_payoff=np.array([10, 10, 20, 20, 30]) * lam)
    r0, r1 = base.solve(), sc.solve()
    assert (r0.m, r0.entrants, r0.free_entry) == (r1.m, r1.entrants, r1.free_entry)
    assert r1.critical_discount == pytest.approx(r0.critical_discount, rel=1e-6)
    assert r1.exclusion_threshold == pytest.approx(lam * r0.exclusion_threshold, rel=1e-9)


# --------------------------------------------------------------------------- auctions
@given(st.integers(1, 6), st.integers(0, 5), st.data())
def test_ring_revenue_closed_form_numeric_and_sympy(n_home, n_out, data):
    """ORG-5: for uniform values the ring's revenue v̄[1 − 1/(o+1) − o/(o+r) + o/(o+r+1)]
    equals the numeric integral of the second-highest submitted bid and the sympy
    derivation; without a ring it is v̄(N−1)/(N+1); the seller's loss is the ring's gain."""
    if n_home + n_out < 2:
        return
    r = data.draw(st.integers(1, n_home))
    a = gt.TargetAuction(n_home=n_home, n_out=n_out, v_max=3.0, ring=r)
    out = a.solve()
    N = n_home + n_out
    assert out.revenue == pytest.approx(3.0 * (N - 1) / (N + 1), rel=1e-12)
    assert out.revenue_ring == pytest.approx(a._revenue_ring_numeric(r), rel=1e-9, abs=1e-12)
    assert out.seller_loss >= -1e-12
    assert out.home_surplus_ring - out.home_surplus == pytest.approx(out.seller_loss)
    if n_out == 0 and r == n_home:
        assert out.revenue_ring == 0.0
    assert _ring_revenue_uniform(N - 1, 1) == pytest.approx((N - 1) / (N + 1) if N > 1 else 0)


@pytest.mark.parametrize("o, r", [(1, 2), (1, 3), (3, 2), (2, 5)])
def test_ring_revenue_sympy_derivation(o, r):
    """ORG-5: the sympy integral of the second-highest submitted bid equals the model."""
    cf = gt.TargetAuction.closed_forms()
    a = gt.TargetAuction(n_home=r, n_out=o, v_max=3.0)
    assert float(cf.evaluate("revenue_ring", o=o, r=r, vbar=3.0)) == pytest.approx(
        a.solve().revenue_ring, rel=1e-12)
    assert float(cf.evaluate("revenue", N=o + r, vbar=3.0)) == pytest.approx(a.solve().revenue)


@pytest.mark.parametrize("p, q", [(1.0, 1.0), (2.0, 3.0)])
def test_revenue_equivalence_and_monte_carlo(p, q):
    """ORG-5 (revenue equivalence, Myerson 1981): the first-price equilibrium revenue
    (computed from its bid function) equals the second-price revenue; both, and the ring's,
    agree with a seeded Monte Carlo within 4 standard errors."""
    a = gt.TargetAuction(n_home=3, n_out=2, v_max=10.0, p=p, q=q)
    out = a.solve()
    assert out.revenue_first_price == pytest.approx(out.revenue, rel=1e-6)
    mc = a.monte_carlo(draws=100_000, seed=7)
    for key in ("revenue", "revenue_first_price", "revenue_ring", "seller_loss"):
        mean, se = mc[key]
        # (first price with Beta values: the MC bid function is interpolated on a grid)
        grid_err = 2e-3 * a.v_max if key == "revenue_first_price" and not a.uniform else 0.0
        assert abs(mean - getattr(out, key)) <= 4 * se + grid_err


def test_common_value_winners_curse_closed_form_and_monte_carlo():
    """ORG-6: naive second-price bidders pay V + ε(N−3)/(N+1) (a loss when N > 3, the
    winner's curse); equilibrium bidders b(x) = x − ε(N−2)/N earn 2ε(N−1)/(N(N+1))
    (Milgrom & Weber 1982); sympy derivation and Monte Carlo agree."""
    cf = gt.CommonValueAuction.closed_forms()
    for N in (2, 3, 4, 8):
        m = gt.CommonValueAuction(n=N, value=50.0, noise=5.0)
        s = m.solve()
        assert s.naive_price == pytest.approx(float(cf.evaluate("naive_price", N=N, V=50.0,
                                                                   epsilon=5.0)))
        assert s.equilibrium_winner_profit == pytest.approx(
            float(cf.evaluate("equilibrium_winner_profit", N=N, epsilon=5.0)))
        assert s.winners_curse == (N > 3)
        assert s.equilibrium_winner_profit > 0
        mc = m.monte_carlo(draws=100_000, seed=N)
        assert abs(mc["naive_price"] - s.naive_price) <= 4 * mc["se"]
        assert abs(mc["equilibrium_price"] - s.equilibrium_price) <= 4 * mc["se"]


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_auction_unit_invariance(lam):
    """Values × λ: revenues and surpluses × λ, shares unchanged."""
    a, b = gt.TargetAuction(n_home=3, n_out=1, v_max=1.0), gt.TargetAuction(3, 1, v_max=lam)
    ra, rb = a.solve(), b.solve()
    assert rb.revenue_ring == pytest.approx(lam * ra.revenue_ring)
    assert rb.kept_share == pytest.approx(ra.kept_share)
    c, d = gt.CommonValueAuction(5, 100.0, 10.0), gt.CommonValueAuction(5, 100.0 * lam, 10.0 * lam)
    assert d.solve().winners_curse == c.solve().winners_curse
    assert d.solve().equilibrium_price == pytest.approx(lam * c.solve().equilibrium_price)


@pytest.mark.parametrize("fn, match", [
    (lambda: gt.AssociationQuota(costs=[-1, 2]), r"\bcosts\b"),
    (lambda: gt.AssociationQuota(costs=np.ones(13)), r"\bcosts\b"),
    (lambda: gt.AssociationQuota(costs=[1, 2], supply_payoff=[1, 2, 3]), r"\bsupply_payoff\b"),
    (lambda: gt.AssociationQuota(costs=[1, 2], k=1.5), r"\bk\b"),
    (lambda: gt.AssociationQuota(costs=[1, 2], F=-1), r"\bF\b"),
    (lambda: gt.AssociationQuota(costs=[1, 2]).solve(m=3), r"\bm\b"),
    (lambda: gt.AssociationQuota(costs=[1, 2]).required_transfers(1, delta=-1), r"\bdelta\b"),
    (lambda: gt.TargetAuction(n_home=0), r"\bn_home\b"),
    (lambda: gt.TargetAuction(n_home=1, n_out=0), r"\bn_home\b"),
    (lambda: gt.TargetAuction(n_home=2, ring=3), r"\bring\b"),
    (lambda: gt.TargetAuction(v_max=0), r"\bv_max\b"),
    (lambda: gt.TargetAuction(p=-1), r"\bp\b"),
    (lambda: gt.TargetAuction().monte_carlo(draws=1), r"\bdraws\b"),
    (lambda: gt.CommonValueAuction(n=1), r"\bn\b"),
    (lambda: gt.CommonValueAuction(noise=0), r"\bnoise\b"),
    (lambda: gt.CommonValueAuction(value=float("inf")), r"\bvalue\b"),
])
def test_bad_input(fn, match):
    with pytest.raises(ValueError, match=match):
        fn()
