"""The equilibrium cluster model's vectorised kernel against the direct enumeration.

``gametheory.models._cluster_kernel.evaluate_pairs`` finds the followers' greatest entry
equilibrium of every pool by running maxima over the pairs ``(e, o)`` (no triples) and
reads the cluster's value at one pair per choice; ``evaluate_triples`` enumerates every
triple ``(μ, e, o)`` and checks the equilibrium conditions one by one. Both must give the
same choices, follower profiles, memberships and regimes, and the same values
(CLUSTER-5, docs/theorems.md); the map solved in blocks must equal point solves, in any
unit of money.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory._tolerance import RTOL
from gametheory.models import _cluster_kernel as kern
from gametheory.models.cluster import ClusterVsScattered

DISCRETE = ("e", "o", "pair", "feasible_mu")
VALUES = ("L", "L_gross", "national", "national_gross", "subsidy", "U_out", "out_payoff")


def _solution(model, p, kernel, mechanisms=kern.ALL):
    """The model's equilibrium and regimes computed from one kernel's results."""
    res = kernel(model._st, p, mechanisms)
    res["x"], res["v"] = kern.member_values(model._st, res, p, model.sharing)
    eq = model._equilibrium(p, res)
    return res, eq, model._regimes(p, res, eq)


def _assert_same(fast, ref):
    for key in DISCRETE:
        assert np.array_equal(fast[key], ref[key]), key
    for key in VALUES:
        np.testing.assert_allclose(fast[key], ref[key], rtol=1e-12, atol=0, err_msg=key)


def _model(draw_sizes, prm, capital, outside, risk_pool, twins=False):
    """Types drawn from ``prm``; ``twins``: types that differ only in a capital none needs
    and in outside options 1e-10 apart (so ties between types in the followers' choice, and
    near-ties within the tolerance in the cluster's, occur)."""
    sizes = np.asarray(draw_sizes)
    T = sizes.size
    prm = {k: np.asarray(v)[:T] if isinstance(v, list) else v for k, v in prm.items()}
    if twins:
        prm.update({k: np.repeat(prm[k][0], T) for k in ("cost", "tol", "fee", "out")})
    firm = {"c0": 30.0 + 15.0 * prm["cost"], "tau": 50.0 + 750.0 * prm["tol"],
            "F": 10.0 + 190.0 * prm["fee"]}
    if capital or twins:
        firm["capital"] = 1e4 * (1.0 + np.arange(T)) if twins else 5.0 + 195.0 * prm["cap"]
    if outside:
        firm["outside"] = 40.0 * prm["out"]
    if twins:  # outside options a hair apart: the cluster's choices tie within the tolerance
        firm["outside"] = firm.get("outside", 0.0) + 1e-10 * np.arange(T)
    kw = {k: np.repeat(v, sizes) for k, v in firm.items()}
    scalars = {k: prm[k] for k in ("gamma", "r", "common_share", "sigma2", "s", "spillover",
                                   "colocation", "governance", "F0", "f")}
    return ClusterVsScattered(n=int(sizes.sum()), k=prm["k"], risk_pool=risk_pool, **kw,
                              **scalars)


unit = st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3)
params = st.fixed_dictionaries(dict(
    cost=unit, tol=unit, fee=unit, cap=unit, out=unit, k=st.integers(0, 2),
    gamma=st.floats(0.0, 2.0), r=st.floats(0.0, 1.0), common_share=st.floats(0.0, 1.0),
    sigma2=st.floats(1.0, 600.0), s=st.floats(0.0, 0.6), spillover=st.floats(0.0, 1.0),
    colocation=st.floats(0.0, 1.0), governance=st.floats(0.0, 20.0), F0=st.floats(0.0, 150.0),
    f=st.floats(1.0, 60.0)))
structures = st.one_of(st.lists(st.integers(1, 4), min_size=2, max_size=2),
                       st.lists(st.integers(1, 2), min_size=3, max_size=3))
grids = st.fixed_dictionaries(dict(
    F=st.lists(st.floats(5.0, 300.0), min_size=3, max_size=3),
    sigma2=st.lists(st.floats(5.0, 4000.0), min_size=3, max_size=3),
    a=st.one_of(st.none(), st.lists(st.floats(90.0, 130.0), min_size=3, max_size=3))))
mechanism_sets = st.one_of(st.just(kern.ALL), st.sets(st.sampled_from(
    [kern.COST, kern.RISK, kern.AGGLO, kern.INFO])).map(lambda m: frozenset(m) | {kern.COORD}))


@given(structures, params, st.booleans(), st.booleans(), st.sampled_from(["entrants", "members"]),
       grids, mechanism_sets, st.booleans())
def test_kernel_equals_triple_enumeration(sizes, prm, capital, outside, risk_pool, grid, mechs,
                                          twins):
    """CLUSTER-5: the followers' greatest equilibrium by running maxima, the leader's choice
    read at one pair per choice, equal the enumeration of every triple; so do the stable
    memberships, the equilibrium membership and the regime (also when types tie)."""
    model = _model(sizes, prm, capital, outside, risk_pool, twins)
    over = {k: np.asarray(v) for k, v in grid.items() if v is not None}
    p = model._params(over, 3)
    fast, eq, reg = _solution(model, p, kern.evaluate_pairs, mechs)
    ref, eq_ref, reg_ref = _solution(model, p, kern.evaluate_triples, mechs)
    _assert_same(fast, ref)
    if mechs == kern.ALL:
        assert np.array_equal(eq["stable"], eq_ref["stable"])
        assert np.array_equal(eq["star"], eq_ref["star"])
        assert np.array_equal(reg["code"], reg_ref["code"])
        np.testing.assert_allclose(reg["V_C"], reg_ref["V_C"], rtol=1e-12, atol=0)


def test_kernel_on_the_twenty_firm_cluster():
    """CLUSTER-5 on the 20-firm cluster of 4 lead firms and 16 SMEs (33,915 triples)."""
    model = ClusterVsScattered.with_firm_sizes(n=20, leads=4)
    p = model._params({"F": np.array([20.0, 90.0, 250.0]),
                       "sigma2": np.array([30.0, 400.0, 3000.0])}, 3)
    _assert_same(kern.evaluate_pairs(model._st, p), kern.evaluate_triples(model._st, p))


@given(structures, params, st.floats(0.0, 30.0), st.floats(0.0, 0.9), st.floats(0.0, 200.0))
def test_policy_hooks_equal_triple_enumeration(sizes, prm, cut, insured, seed):
    """CLUSTER-5 with the kernel's optional policy keys (members' cost cut, insurance of
    the common shock, capital per member) set."""
    model = _model(sizes, prm, True, False, "entrants")
    p = model._params(None, 2)
    p.update(member_cost_cut=np.array([cut, 0.0]), insured=np.array([insured, 0.5]),
             member_capital=np.array([seed, 0.0]))
    _assert_same(kern.evaluate_pairs(model._st, p), kern.evaluate_triples(model._st, p))


def test_memberships_without_an_equilibrium():
    """A membership none of whose choices can be financed is worth
    −1e6 (scale + max |L| of the others) in both kernels: below every real value."""
    model = ClusterVsScattered.with_firm_sizes(n=5, leads=2)
    p = model._params({"F": np.array([30.0, 120.0])}, 2)
    p["K"] = np.full_like(p["K"], -1.0)  # no membership can pay anything (kernel input only)
    fast, ref = kern.evaluate_pairs(model._st, p), kern.evaluate_triples(model._st, p)
    _assert_same(fast, ref)
    size = model._st.memberships.sum(axis=1)
    none = ~fast["feasible_mu"]
    assert none[:, size >= 2].all() and not none[:, size < 2].any()
    real = np.where(none | (size == 1)[None], 0.0, np.abs(fast["L_gross"])).max(axis=1)
    np.testing.assert_allclose(fast["L_gross"][none], np.repeat(-1e6 * (p["scale"] + real),
                                                                none.sum(axis=1)))


@given(st.floats(0.0, 1e3), st.floats(0.0, 1e3), st.floats(1e-3, 1e4),
       st.sampled_from([1e-9, 1.0, 1e9]))
def test_entry_thresholds_decide_as_the_payoff(fee, outside, scale, lam):
    """CLUSTER-5: ``(ce − fee) − o ≥ −tol ⇔ ce ≥ lo`` and ``≤ tol ⇔ ce ≤ hi`` in floating
    point, at the thresholds and their neighbours, in any unit."""
    fee, outside, tol = fee * lam, outside * lam, RTOL * scale * lam
    lo, hi = kern._entry_thresholds(np.array([fee]), np.array([outside]), np.array([tol]))
    lo, hi = float(lo[0]), float(hi[0])
    for x in (lo, hi):
        for y in (np.nextafter(np.nextafter(x, -np.inf), -np.inf), np.nextafter(x, -np.inf), x,
                  np.nextafter(x, np.inf), np.nextafter(np.nextafter(x, np.inf), np.inf)):
            u = (y - fee) - outside
            assert (u >= -tol) == (y >= lo)
            assert (u <= tol) == (y <= hi)


def _heterogeneous():
    return ClusterVsScattered.with_firm_sizes(n=6, leads=2, sme_capital=45.0, sme_outside=3.0)


@pytest.mark.parametrize("px, gx, py, gy", [
    ("F", [20.0, 80.0, 160.0], "sigma2", [10.0, 300.0, 2500.0]),
    ("sigma2", [10.0, 300.0, 2500.0], "a", [95.0, 110.0]),  # market rows differ by point
    ("gamma", [0.0, 1.5], "governance", [0.0, 12.0, 30.0]),
])
def test_heterogeneous_regime_map_equals_point_solves(px, gx, py, gy):
    """The map solved in blocks (pair values shared across points) equals point solves."""
    model = _heterogeneous()
    rm = model.regime_map(px, gx, py, gy)
    for i, y in enumerate(gy):
        for j, x in enumerate(gx):
            h = model.replace(**{px: x, py: y}).headline()
            assert rm.code[i, j] == h["regime_code"]
            assert (rm.m_U[i, j], rm.m_C[i, j]) == (h["m_U"], h["m_C"])
            assert rm.members[i, j] == h["members"]
            assert rm.gain[i, j] == pytest.approx(h["gain"], rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("block", [1, 3000, 1 << 22])
def test_block_size_changes_nothing(monkeypatch, block):
    """Blocks of one point, of a few points with many rows, or one block: same map."""
    model = _heterogeneous()
    args = ("F", np.linspace(5.0, 300.0, 7), "sigma2", np.geomspace(5.0, 4000.0, 5))
    ref = model.regime_map(*args)
    monkeypatch.setattr(kern, "BLOCK", block)
    rm = model.regime_map(*args)
    for key in ("code", "m_U", "m_C", "members"):
        assert np.array_equal(getattr(rm, key), getattr(ref, key))
    np.testing.assert_array_equal(rm.gain, ref.gain)


MONEY = ("a", "b", "c0", "c_f", "c_floor", "F", "F0", "f", "gamma", "tau", "governance",
         "outside", "capital")


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_heterogeneous_regime_map_unit_free(lam):
    """Money × λ (variances × λ², risk tolerances × λ): same regimes, counts and sizes;
    gains × λ."""
    model = _heterogeneous()
    q = dict(model.params())
    for key in MONEY:
        q[key] = np.asarray(q[key]) * lam if q.get(key) is not None else None
    q["sigma2"] = q["sigma2"] * lam**2
    scaled = ClusterVsScattered(**q)
    Fs, s2 = np.linspace(10.0, 250.0, 6), np.geomspace(10.0, 3000.0, 5)
    rm = model.regime_map("F", Fs, "sigma2", s2)
    rs = scaled.regime_map("F", Fs * lam, "sigma2", s2 * lam**2)
    for key in ("code", "m_U", "m_C", "members"):
        assert np.array_equal(getattr(rm, key), getattr(rs, key))
    np.testing.assert_allclose(rs.gain, rm.gain * lam, rtol=1e-9, atol=1e-9 * lam)


def test_market_read_by_point():
    """The market stored once per distinct set of market primitives reads as one row per
    point, whatever the first index."""
    model = _heterogeneous()
    p = model._params({"a": np.array([100.0, 120.0, 100.0, 110.0])}, 4)
    fast, ref = kern.evaluate_pairs(model._st, p), kern.evaluate_triples(model._st, p)
    assert fast["market"].rows.price.shape[0] == 3
    gi = np.arange(4)
    for name in ("quantities", "profits", "price", "total_quantity", "n_active"):
        a, b = getattr(fast["market"], name), getattr(ref["market"], name)
        assert np.array_equal(np.asarray(a), b)
        assert np.array_equal(a[gi, ref["pair"][:, 5]], b[gi, ref["pair"][:, 5]])
        assert np.array_equal(a[2], b[2]) and np.array_equal(a[1:3], b[1:3])
    assert gt.ClusterVsScattered.with_firm_sizes(n=6, leads=2).solve().cluster.price > 0


def test_accounts_read_on_demand():
    """National accounts computed at the entries read equal the full arrays, however read."""
    model = _heterogeneous()
    p = model._params({"F": np.array([20.0, 60.0, 150.0, 260.0])}, 4)
    full = kern.evaluate_triples(model._st, p)
    star = np.array([3, 0, 7, 2])
    keys = [(slice(None), 0), (np.arange(4), star), (0, 3), (slice(1, 3), 2), (-1, -1),
            (np.array([0, 2]), slice(None)), (slice(None), np.array([1, 4])), (2,)]
    for name in ("national", "national_gross", "subsidy"):
        for key in keys:
            lazy = kern.evaluate_pairs(model._st, p)[name]
            np.testing.assert_allclose(lazy[key], full[name][key], rtol=1e-12, atol=0)


@pytest.mark.parametrize("seed", [0.0, 25.0])
@pytest.mark.parametrize("pooled", [True, False])
def test_seed_capital_where_it_binds(seed, pooled):
    """CLUSTER-5 with the seed-capital hook where capital binds: SMEs with capital 40 cannot
    pay the entry cost 60 on their own, and one lead firm is not all the cluster wants to
    send; 25 of seed capital per member lets them (members
    financing their own entry, cost sharing off) or enlarges the pooled capital (cost
    sharing on). Pairs and triples agree, and the seed changes the answer."""
    model = ClusterVsScattered.with_firm_sizes(n=5, leads=1, sme_capital=40.0,
                                               lead_capital=1000.0)
    mech = kern.ALL if pooled else kern.ALL - {kern.COST}
    p = model._params({"F": np.array([60.0, 90.0])}, 2)
    p.update(member_capital=np.array([seed, seed]))
    fast = kern.evaluate_pairs(model._st, p, mech)
    _assert_same(fast, kern.evaluate_triples(model._st, p, mech))
    if not pooled and seed:
        p0 = dict(p, member_capital=np.zeros(2))
        base = kern.evaluate_pairs(model._st, p0, mech)
        assert not np.array_equal(base["L_gross"], fast["L_gross"])
