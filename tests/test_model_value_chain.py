"""NashBargaining and ValueChainBargaining: the cluster's share of chain rents.

Cross-checks: numerical maximisation of the Nash product (scipy), the Shapley value of the
two-player game (coalitional engine), sympy's solution of the simultaneous first-order
conditions of all pairs, best-response iteration on the pairs' Nash products, exhaustive
enumeration of agreement sets, and the Chipty–Snyder curvature condition.
"""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from gametheory.coalitional.values import shapley_value
from gametheory.markets import lerner_index
from gametheory.models.bargaining import NashBargaining
from gametheory.models.value_chain import ValueChainBargaining

money = st.floats(-50.0, 200.0)
powers = st.floats(0.0, 1.0)


# ------------------------------------------------------------------ CHAIN-2 Nash bargaining
@given(st.floats(0.0, 300.0), money, money, powers)
def test_nash_solution_is_the_argmax_of_the_nash_product(S, d1, d2, beta):
    """CHAIN-2: u_1 = d_1 + β(S − d_1 − d_2) maximises (u_1 − d_1)^β (u_2 − d_2)^{1−β} on
    u_1 + u_2 = S (checked by scipy's bounded scalar maximisation of the log product)."""
    assume(S - d1 - d2 > 1e-3)
    out = NashBargaining(S, (d1, d2), beta).solve()
    assert out.agreement
    assert out.payoffs[0] == pytest.approx(d1 + beta * (S - d1 - d2))
    assert out.payoffs.sum() == pytest.approx(S)
    assume(0.01 < beta < 0.99)
    neg = lambda u: -(beta * np.log(u - d1) + (1 - beta) * np.log(S - u - d2))  # noqa: E731
    res = minimize_scalar(neg, bounds=(d1, S - d2), method="bounded",
                          options={"xatol": 1e-10 * (1 + abs(S))})
    assert out.payoffs[0] == pytest.approx(res.x, rel=1e-6, abs=1e-6 * (1 + abs(S - d1 - d2)))


@given(st.floats(0.0, 300.0), money, money)
def test_symmetric_nash_is_the_shapley_value(S, d1, d2):
    """CHAIN-2: with β = 1/2 the Nash solution is the Shapley value of the two-player game
    v({1}) = d_1, v({2}) = d_2, v(N) = S (coalitional engine)."""
    assume(S >= d1 + d2)
    nb = NashBargaining(S, (d1, d2), 0.5)
    phi = shapley_value(nb.game())
    assert np.allclose(nb.solve().payoffs, np.asarray(phi), atol=1e-9 * (1 + abs(S)))


def test_nash_closed_forms_match_the_model():
    """CHAIN-2 in sympy: the FOC of β log(u_1 − d_1) + (1−β) log(S − u_1 − d_2) gives the
    closed forms; ∂u_1/∂d_1 = 1 − β (the outside option feeds through at rate 1 − β)."""
    cf = NashBargaining.closed_forms()
    nb = NashBargaining(90.0, (15.0, 25.0), 0.3)
    p = dict(surplus=90.0, d_1=15.0, d_2=25.0, beta=0.3)
    assert cf.evaluate("u_1", **p) == pytest.approx(nb.solve().payoffs[0])
    assert cf.evaluate("u_2", **p) == pytest.approx(nb.solve().payoffs[1])
    assert cf["du_1_dd_1"].rhs == 1 - sp.Symbol("beta", positive=True)
    bumped = nb.replace(disagreement=(16.0, 25.0)).solve().payoffs[0]
    assert bumped - nb.solve().payoffs[0] == pytest.approx(0.7)


def test_split_the_dollar_and_no_agreement():
    """Nash (1950): symmetric parties split a dollar equally. Without gains from trade
    (S < d_1 + d_2) there is no agreement and each keeps its outside option."""
    assert np.allclose(NashBargaining(1.0).solve().payoffs, [0.5, 0.5])
    out = NashBargaining(10.0, (6.0, 5.0), 0.5).solve()
    assert not out.agreement and np.allclose(out.payoffs, [6.0, 5.0])
    gov = NashBargaining(100.0, (30.0, 20.0), 0.6, names=("cluster", "host government"))
    assert gov.solve().names == ("cluster", "host government")
    assert gov.solve().payoffs[0] == pytest.approx(60.0)


# ------------------------------------------------------------------ Nash-in-Nash
@st.composite
def chains(draw, n_max=5, with_outside=True, with_rivals=True):
    n = draw(st.integers(1, n_max))
    sizes = draw(st.lists(st.floats(0.2, 5.0), min_size=n, max_size=n))
    rivals = draw(st.lists(st.floats(0.2, 5.0), max_size=3)) if with_rivals else []
    outside = (draw(st.lists(st.floats(0.0, 5.0), min_size=n, max_size=n))
               if with_outside else 0.0)
    return ValueChainBargaining(sizes, A=draw(st.floats(0.5, 20.0)),
                                theta=draw(st.floats(0.2, 2.5)), beta=draw(powers),
                                cost=draw(st.floats(0.0, 1.0)), outside=outside, rivals=rivals)


def W(model, xs, ks, A):
    """Joint surplus of an agreement set A (tuple of bools), written out here."""
    X = sum(x for x, a in zip(xs, A) if a)
    return model.A * X ** model.theta - sum(k for k, a in zip(ks, A) if a)


def unit_data(model, groups):
    units = model._units(groups)
    xs = [float(model.sizes[u].sum()) for u in units] + list(model.rivals)
    ds = [float(model.outside[u].sum()) for u in units] + [0.0] * model.rivals.size
    return xs, ds


@settings(max_examples=max(10, settings().max_examples // 2))
@given(chains(), st.sampled_from(["alone", "together"]))
def test_agreement_set_is_pairwise_stable_and_efficient(model, groups):
    """CHAIN-5 (our derivation): the agreement set maximises the chain's joint surplus over
    all 2^m sets (exhaustive enumeration here) and is pairwise stable: every agreed pair
    gains from its deal, no absent pair would."""
    out = model.solve(groups)
    xs, ds = unit_data(model, groups)
    ks = [model.cost * x + d for x, d in zip(xs, ds)]
    A = tuple(bool(a) for a in out.agreements)
    best = max(W(model, xs, ks, S) for S in itertools.product([False, True], repeat=len(xs)))
    scale = 1 + model.A * sum(xs) ** model.theta + sum(ks)
    assert W(model, xs, ks, A) == pytest.approx(best, abs=1e-9 * scale)
    X = sum(x for x, a in zip(xs, A) if a)
    V = lambda z: model.A * max(z, 0.0) ** model.theta  # noqa: E731
    for x, k, a in zip(xs, ks, A):
        if a:
            assert V(X) - V(X - x) - k >= -1e-9 * scale
        else:
            assert V(X + x) - V(X) - k <= 1e-9 * scale


@settings(max_examples=max(5, settings().max_examples // 6))
@given(chains(n_max=3, with_rivals=False))
def test_nash_in_nash_payments_solve_the_simultaneous_first_order_conditions(model):
    """CHAIN-3 (Horn & Wolinsky 1988): sympy solves the n pairs' first-order conditions
    simultaneously, with every payment t_j in the lead firm's payoff and disagreement
    payoff; the solution equals the model's payments (the other payments cancel)."""
    out = model.solve("alone")
    assume(out.agreements.all())
    n = model.n
    t = sp.symbols(f"t0:{n}", real=True)
    beta = sp.Rational(model.beta).limit_denominator(10**6)
    assume(0 < beta < 1)
    m = model.replace(beta=float(beta))
    out = m.solve("alone")
    assume(out.agreements.all())
    X = float(m.sizes.sum())
    V = lambda z: sp.Float(m.A * z ** m.theta, 30)  # noqa: E731
    foc = []
    for i in range(n):
        lead = V(X) - sum(t)
        lead_out = V(X - m.sizes[i]) - (sum(t) - t[i])
        mine = t[i] - m.cost * m.sizes[i] - m.outside[i]
        nash = beta * sp.log(mine) + (1 - beta) * sp.log(lead - lead_out)
        foc.append(sp.diff(nash, t[i]))
    sol = sp.solve(foc, t, dict=True)
    assert len(sol) == 1
    for i in range(n):
        assert float(sol[0][t[i]]) == pytest.approx(out.payments[i], rel=1e-9, abs=1e-9)


@given(chains(n_max=4))
def test_nash_in_nash_is_a_fixed_point_of_best_responses(model):
    """CHAIN-3: starting from arbitrary payments, maximising each pair's Nash product given
    the others' payments (scipy) lands on the model's payments in one round — and stays."""
    out = model.solve("alone")
    A = out.agreements
    assume(A.any() and 0.01 < model.beta < 0.99)
    xs = out.unit_sizes
    ds = np.concatenate([model.outside, np.zeros(model.rivals.size)])
    X = xs[A].sum()
    V = lambda z: model.A * max(z, 0.0) ** model.theta  # noqa: E731
    rng = np.random.default_rng(0)
    t = rng.uniform(0, 1, xs.size) * A
    for _ in range(2):
        for i in np.flatnonzero(A):
            lo = model.cost * xs[i] + ds[i]
            others = t[A].sum() - t[i]
            hi = V(X) - others - (V(X - xs[i]) - others)  # lead firm's gain must stay >= 0
            if hi - lo < 1e-9 * (1 + hi):
                t[i] = lo
                continue
            def neg(ti, lo=lo, others=others, i=i):
                lead_gain = (V(X) - others - ti) - (V(X - xs[i]) - others)
                return -(model.beta * np.log(ti - lo) + (1 - model.beta) * np.log(lead_gain))

            t[i] = minimize_scalar(neg, bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12 * (1 + hi)}).x
    assert np.allclose(t[A], out.payments[A], rtol=1e-6, atol=1e-7 * (1 + out.payments.max()))


@given(chains())
def test_each_pair_is_a_nash_bargaining_problem(model):
    """CHAIN-3 reduces to CHAIN-2 pair by pair: unit g's payoff is the Nash solution of the
    pair's problem S = ΔV_g − c x_g with outside options (d_g, 0); the payment rises by
    1 − β per unit of outside option."""
    out = model.solve("alone")
    ds = np.concatenate([model.outside, np.zeros(model.rivals.size)])
    for g in np.flatnonzero(out.agreements):
        nb = NashBargaining(out.break_even_outside[g], (ds[g], 0.0), model.beta).solve()
        assert out.payoffs[g] == pytest.approx(nb.payoffs[0], abs=1e-9 * (1 + out.payments[g]))
    # the outside option feeds through at rate 1 − β while the deal holds
    i = 0
    if out.agreements[i]:
        eps = 1e-3 * (out.break_even_outside[i] - ds[i])
        assume(eps > 1e-9)
        bumped = model.replace(outside=model.outside + eps * (np.arange(model.n) == i))
        b = bumped.solve("alone")
        if b.agreements.tolist() == out.agreements.tolist():
            assert (b.payments[i] - out.payments[i]) == pytest.approx((1 - model.beta) * eps,
                                                                       rel=1e-5)


def test_one_unit_is_nash_bargaining_with_the_lead_firm():
    """CHAIN-3 with the whole cluster as one unit and no rivals is two-party Nash bargaining
    over S = V(X) − cX with outside options (Σ d_i, 0)."""
    m = ValueChainBargaining([1.0, 2.0, 3.0], A=10.0, theta=0.7, beta=0.35, cost=0.5,
                             outside=[0.2, 0.1, 0.4])
    out = m.solve("together")
    S = 10.0 * 6.0**0.7 - 0.5 * 6.0
    nb = NashBargaining(S, (0.7, 0.0), 0.35).solve()
    assert out.cluster_payoff == pytest.approx(nb.payoffs[0])
    assert out.lead_payoff == pytest.approx(nb.payoffs[1])


# ------------------------------------------------------------------ CHAIN-1 Chipty–Snyder
@given(st.lists(st.floats(0.2, 5.0), min_size=2, max_size=6), st.floats(0.5, 20.0),
       st.floats(0.1, 3.0), st.floats(0.05, 1.0), st.lists(st.floats(0.2, 5.0), max_size=2),
       st.data())
def test_bargaining_together_pays_iff_theta_below_one(sizes, A, theta, beta, rivals, data):
    """CHAIN-1 (Chipty & Snyder 1999): with V(X) = A X^θ, two or more units gain by
    bargaining as one iff V is concave, θ < 1 (no gain at θ = 1, a loss for θ > 1)."""
    assume(abs(theta - 1) > 1e-3)
    m = ValueChainBargaining(sizes, A=A, theta=theta, beta=beta, rivals=rivals)
    k = data.draw(st.integers(2, len(sizes)))
    members = data.draw(st.permutations(range(len(sizes))))[:k]
    gain = m.merger_gain(members)
    scale = 1e-9 * A * (sum(sizes) + sum(rivals)) ** theta
    if theta < 1:
        assert gain > -scale
    else:
        assert gain < scale
    assert m.replace(theta=1.0).merger_gain(members) == pytest.approx(0.0, abs=scale + 1e-12)


def test_chipty_snyder_in_sympy():
    """CHAIN-1 in sympy: the merger gain of two size-x units is −β A (X^θ + (X−2x)^θ −
    2(X−x)^θ), minus β times V's second difference; it vanishes at θ = 1, and V'' has the
    sign of θ − 1; the model's merger gain equals the formula."""
    cf = ValueChainBargaining.closed_forms()
    gain = cf["merger_gain"].rhs
    th = cf.symbols["theta"]
    assert sp.simplify(gain.subs(th, 1)) == 0
    curv = cf["curvature"].rhs
    A, X = cf.symbols["A"], cf.symbols["X"]
    assert sp.simplify(curv / (A * X ** (th - 2) * th) - (th - 1)) == 0
    m = ValueChainBargaining([1.5, 1.5, 2.0], A=3.0, theta=0.6, beta=0.4)
    val = cf.evaluate("merger_gain", A=3.0, X=5.0, x=1.5, theta=0.6, beta=0.4)
    assert m.merger_gain([0, 1]) == pytest.approx(float(val))


@given(st.integers(2, 12), st.floats(0.1, 3.0), st.floats(0.05, 1.0))
def test_share_with_m_together_matches_closed_form_and_moves_with_curvature(n, theta, beta):
    """CHAIN-4: with n equal firms, m of them together, the cluster's share of chain rents is
    β[1 − (1 − m/n)^θ + (n − m)(1 − (1 − 1/n)^θ)]; it rises with m iff θ < 1, is β at θ = 1
    and falls with m iff θ > 1."""
    m = ValueChainBargaining(np.ones(n), A=2.0, theta=theta, beta=beta)
    ms, share, lern = m.share_by_group_size()
    cf = ValueChainBargaining.closed_forms()
    closed = cf.evaluate("share_m", m=ms.astype(float), n=float(n), theta=theta, beta=beta)
    assert np.allclose(share, closed, rtol=1e-9)
    steps = np.diff(share)
    if theta < 1 - 1e-3:
        assert np.all(steps > 0)
    elif theta > 1 + 1e-3:
        assert np.all(steps < 0)
    assert np.allclose(m.replace(theta=1.0).share_by_group_size()[1], beta)
    assert np.allclose(lern[np.isfinite(lern)], 1.0)  # no cost: the price is pure margin


def test_lerner_index_of_the_negotiated_price():
    """The second measure of market power: the Lerner index of each unit's unit price
    t_g / x_g (gametheory.markets.lerner_index), next to the share of chain rents."""
    m = ValueChainBargaining([1.0, 2.0], A=10.0, theta=0.8, beta=0.5, cost=1.0, rivals=[1.0])
    out = m.solve("alone")
    price = out.payments / out.unit_sizes
    assert np.allclose(out.lerner, lerner_index(price, 1.0))
    cl = out.cluster_unit
    assert out.cluster_lerner == pytest.approx(
        float(lerner_index(out.payments[cl].sum() / out.unit_sizes[cl].sum(), 1.0)))
    assert out.cluster_share == pytest.approx(
        (out.payments[cl] - out.unit_sizes[cl]).sum() / (10.0 * 4.0**0.8 - 4.0))


def test_outside_options_break_deals():
    """A large outside option ends a pair's deal: the firm keeps its outside option, the
    lead firm loses that supply, and the remaining pairs renegotiate."""
    m = ValueChainBargaining([1.0, 1.0, 1.0], A=10.0, theta=0.5, outside=[0.0, 0.0, 5.0])
    out = m.solve("alone")
    assert out.agreements.tolist() == [True, True, False]
    assert out.payoffs[2] == 5.0
    assert out.incremental_surplus[0] == pytest.approx(10.0 * (2**0.5 - 1))
    # convex surplus with expensive suppliers: the lead firm would pay more than V in total,
    # the efficient stable set is no deal at all
    convex = ValueChainBargaining([1.0] * 3, A=1.0, theta=3.0, outside=12.0)
    assert not convex.solve().agreements.any()


def test_default_figure_case():
    """The figure's case: n = 10 equal firms, concave θ = 0.5 and convex θ = 1.5."""
    conc = ValueChainBargaining(np.ones(10), theta=0.5).share_by_group_size()[1]
    conv = ValueChainBargaining(np.ones(10), theta=1.5).share_by_group_size()[1]
    assert conc[0] == pytest.approx(5 * (1 - 0.9**0.5)) and conc[-1] == pytest.approx(0.5)
    assert conv[0] == pytest.approx(5 * (1 - 0.9**1.5)) and conv[-1] == pytest.approx(0.5)


# ------------------------------------------------------------------ units
@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ (A, cost, outside options, S, d): agreements identical; payments, payoffs ×
    λ; shares and Lerner indices unchanged."""
    m = ValueChainBargaining([1.0, 2.0, 0.5], A=10.0, theta=0.7, beta=0.4, cost=0.5,
                             outside=[0.1, 6.0, 0.2], rivals=[1.0])
    s = m.replace(A=10.0 * lam, cost=0.5 * lam, outside=np.asarray(m.outside) * lam)
    for groups in ("alone", "together", [[0, 2], [1]]):
        a, b = m.solve(groups), s.solve(groups)
        assert a.agreements.tolist() == b.agreements.tolist()
        assert np.allclose(b.payments, lam * a.payments, rtol=1e-9)
        assert b.cluster_share == pytest.approx(a.cluster_share, rel=1e-9)
        assert np.allclose(a.lerner, b.lerner, rtol=1e-9, equal_nan=True)
    nb = NashBargaining(100.0, (30.0, 80.0)).solve()
    nbs = NashBargaining(100.0 * lam, (30.0 * lam, 80.0 * lam)).solve()
    assert nb.agreement == nbs.agreement
    nb = NashBargaining(100.0, (30.0, 70.0)).solve()  # exactly no gains from trade
    nbs = NashBargaining(100.0 * lam, (30.0 * lam, 70.0 * lam)).solve()
    assert nb.agreement == nbs.agreement
    assert np.allclose(nbs.payoffs, lam * nb.payoffs)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(sizes=[]), r"\bsizes\b"), (dict(sizes=[1, -1]), r"\bsizes\b"),
    (dict(sizes=[[1, 2]]), r"\bsizes\b"), (dict(sizes="ab"), r"\bsizes\b"),
    (dict(sizes=[1], A=0), r"\bA\b"), (dict(sizes=[1], theta=0), r"\btheta\b"),
    (dict(sizes=[1], beta=1.5), r"\bbeta\b"), (dict(sizes=[1], cost=-1), r"\bcost\b"),
    (dict(sizes=[1, 2], outside=[1, 2, 3]), r"\boutside\b"),
    (dict(sizes=[1], outside=-1), r"\boutside\b"),
    (dict(sizes=[1], rivals=[0]), r"\brivals\b"), (dict(sizes=[1], rivals=[[1]]), r"\brivals\b"),
    (dict(sizes=[1, 2], names=["a"]), r"\bnames\b"),
])
def test_value_chain_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ValueChainBargaining(**kwargs)


def test_value_chain_bad_method_input():
    m = ValueChainBargaining([1.0, 1.0, 1.0], names=["a", "b", "c"])
    for groups in ("pairs", [[0, 1]], [[0, 1], [1, 2]], [[0, 5], [1, 2]], [[], [0, 1, 2]], 3):
        with pytest.raises(ValueError, match=r"\bgroups\b"):
            m.solve(groups)
    for members in ([0], [0, 0], "a", [0, "z"]):
        with pytest.raises(ValueError, match=r"\bmembers\b"):
            m.merger_gain(members)
    with pytest.raises(ValueError, match=r"\bm\b"):
        m.share_by_group_size([0])
    with pytest.raises(ValueError, match=r"\bX\b"):
        m.surplus(-1.0)


@pytest.mark.parametrize(("args", "match"), [
    ((float("nan"),), r"\bsurplus\b"), ((1.0, (1.0,)), r"\bdisagreement\b"),
    ((1.0, (0.0, float("inf"))), r"\bdisagreement\b"), ((1.0, (0, 0), 1.2), r"\bbeta\b"),
    ((1.0, (0, 0), 0.5, ("a", "a")), r"\bparty\b"),
])
def test_nash_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        NashBargaining(*args)
