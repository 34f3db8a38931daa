"""M0 ClusterVsScattered: the cluster as an equilibrium that can lose.

Theorems and cross-checks (identifiers in docs/theorems.md):

* CLUSTER-1 — the leader–follower equilibrium and the scattered equilibrium, against brute
  force over every entry profile of every firm (firm-by-firm Cournot from the market
  engine, payoffs written out independently here) on small heterogeneous clusters;
* CLUSTER-2 — membership stability is d'Aspremont et al.'s (checked against the formation
  engine's ``stable_cartel_sizes`` for identical firms) and the core verdict and least-core
  ε of the members' game agree with the coalitional engine on the firm-level game;
* CLUSTER-3 — the decomposition: Shapley shares sum to the gain plus the organising cost;
  Harsanyi dividends sum to the same and vanish for a mechanism that changes nothing;
* CLUSTER-4 — the special case: identical firms, the grand coalition imposed, no
  organising cost, ψ = κ = 0, s = 0 reproduces the planner comparison (m_U = 3, m_C = 4,
  V_C = 237.03 and the decomposition 28.8 / 26.5 / 12.2 / 128.4 / 21.2); scattered counts
  3, 4, 7 and surpluses 20, −44.08, −252 at s = 0, 0.3, 0.6 from the closed form;
* the cluster can lose (regimes 6 and 7 occur), responds to policy, sends all n firms
  where that is best; the regime map equals point solves.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models.cluster import MECHANISMS, REGIMES, ClusterVsScattered

PROTO = dict(a=100.0, b=1.0, c0=40.0, c_f=40.0, k=2, sigma2=200.0, tau=300.0, F=60.0)


# ============================================================================ brute force
def _firm_params(model):
    """Per-firm primitives of a model (c0, tau, F, K, o) as arrays."""
    tt = model._type_table
    return {key: tt[model._type_of, j] for j, key in enumerate(("c", "tau", "F", "K", "o"))}


def _market(model, members_in, outsiders_in, signal):
    """Firm-by-firm host market: payoffs of every entrant, written from the model's docstring."""
    fp = _firm_params(model)
    gam, psi = model.gamma, model.spillover
    mC, mO = len(members_in), len(outsiders_in)
    floor = np.minimum(model.c_floor, fp["c"])
    costs = []
    for i in members_in:
        costs.append(max(fp["c"][i] - gam * (mC - 1) - psi * gam * mO, floor[i]))
    for j in outsiders_in:
        costs.append(max(fp["c"][j] - psi * gam * (mC + mO - 1), floor[j]))
    if not costs:
        return {}
    eq = gt.cournot(model.a, model.b, costs, incumbents=model.k,
                    incumbent_cost=model.c_f if model.k else None)
    q = np.asarray(eq.quantities, float)[: mC + mO]
    N = int(eq.n_active)
    w, s2, b = model.common_share, model.sigma2, model.b
    r = model.r if signal else 0.0
    iv = r * w * s2 / (b**2 * (N + 1) ** 2)
    out = {"q": dict(zip(list(members_in) + list(outsiders_in), q)), "iv": iv, "r": r}
    return out


def _brute_scattered(model):
    """All pure equilibria of the scattered entry game over the 2^n profiles; payoffs
    CE − (1 − s)F − o, credit-constrained firms cannot enter."""
    fp = _firm_params(model)
    n = model.n
    s2, b = model.sigma2, model.b
    tol = 1e-9 * model._params()["scale"][0]

    def gain(i, E):
        if (1 - model.s) * fp["F"][i] > fp["K"][i]:
            return -np.inf
        mk = _market(model, [], sorted(E), False)
        q = mk["q"][i]
        ce = b * q**2 - q**2 * s2 / (2 * fp["tau"][i])
        return ce - (1 - model.s) * fp["F"][i] - fp["o"][i]

    eqs = []
    for bits in itertools.product((0, 1), repeat=n):
        E = {i for i in range(n) if bits[i]}
        if all(gain(i, E) >= -tol for i in E) and all(gain(j, E | {j}) <= tol
                                                        for j in range(n) if j not in E):
            eqs.append(E)
    return eqs


def _brute_cluster_value(model, S):
    """The cluster S as a leader: its best choice of entrants given the outsiders' greatest
    entry equilibrium; members' private value (after the organising cost)."""
    fp = _firm_params(model)
    n = model.n
    S = sorted(S)
    outs = [j for j in range(n) if j not in S]
    s2, w, b, kap = model.sigma2, model.common_share, model.b, model.colocation
    s_c = model.s + model.s_cluster
    tol = 1e-9 * model._params()["scale"][0]

    def outsider_gain(j, EC, O):
        if (1 - model.s) * fp["F"][j] > fp["K"][j]:
            return -np.inf
        mk = _market(model, EC, sorted(O), True)
        q, iv, r = mk["q"][j], mk["iv"], mk["r"]
        ce = b * (q**2 + iv) - (q**2 + iv) * ((1 - r) * w * s2 + (1 - w) * s2) / (2 * fp["tau"][j])
        return ce - (1 - model.s) * fp["F"][j] - fp["o"][j]

    best_val, best = -np.inf, None
    for size in range(len(S) + 1):
        for EC in itertools.combinations(S, size):
            EC = list(EC)
            # the outsiders' pure equilibria given EC; the greatest (most entrants)
            eqs = []
            for bits in itertools.product((0, 1), repeat=len(outs)):
                O = {outs[t] for t in range(len(outs)) if bits[t]}
                if all(outsider_gain(j, EC, O) >= -tol for j in O) and all(
                        outsider_gain(j, EC, O | {j}) <= tol for j in outs if j not in O):
                    eqs.append(O)
            if not eqs:
                continue
            top = max(len(O) for O in eqs)
            vals = []
            for O in [O for O in eqs if len(O) == top]:
                m = len(EC)
                if m:
                    mk = _market(model, EC, sorted(O), True)
                    q = np.array([mk["q"][i] for i in EC])
                    iv, r = mk["iv"], mk["r"]
                    gross = float(np.sum(b * (q**2 + iv)))
                    var = (((1 - r) * w * s2 + kap * (1 - w) * s2) * (q.sum() ** 2 + m**2 * iv)
                           + (1 - kap) * (1 - w) * s2 * np.sum(q**2 + iv))
                    prem = var / (2 * sum(fp["tau"][i] for i in EC))
                    cost = (1 - s_c) * (model.F0 + model.f * m)
                else:
                    gross = prem = cost = 0.0
                stay = sum(fp["o"][i] for i in S if i not in EC)
                vals.append(gross - prem - cost + stay)
            val = min(vals)  # any of the greatest equilibria; take the worst for the check
            if val > best_val + tol:
                best_val, best = val, (EC, vals)
    return best_val - model.governance * len(S), best


small = st.fixed_dictionaries(dict(
    F=st.floats(20.0, 200.0), F0=st.floats(0.0, 150.0), f=st.floats(1.0, 60.0),
    gamma=st.floats(0.0, 2.0), r=st.floats(0.0, 1.0), common_share=st.floats(0.0, 1.0),
    sigma2=st.floats(1.0, 600.0), s=st.floats(0.0, 0.7), spillover=st.floats(0.0, 1.0),
    colocation=st.floats(0.0, 1.0), governance=st.floats(0.0, 20.0)))


@given(small, st.sampled_from([(3, 0), (2, 2), (1, 3), (2, 1)]), st.floats(30.0, 45.0))
def test_equilibria_against_brute_force(p, split, lead_cost):
    """CLUSTER-1: scattered equilibrium and the leader–follower cluster value, firm by firm."""
    leads, smes = split
    model = ClusterVsScattered.with_firm_sizes(n=leads + smes, leads=leads, lead_cost=lead_cost,
                                               lead_tau=500.0, sme_tau=200.0, **p)
    prm, res, eq, reg = model._solution
    # scattered: the model's count vector is a greatest equilibrium of the brute force
    eqs = _brute_scattered(model)
    assert eqs, "the entry game has a pure equilibrium"
    top = max(len(E) for E in eqs)
    assert int(reg["m_U"][0]) == top
    # the cluster value of every membership with ≥ 2 members
    st_ = model._st
    for mu_idx, mu in enumerate(st_.memberships):
        if mu.sum() < 2:
            continue
        S = model._firms_of(mu)
        val, _ = _brute_cluster_value(model, S)
        tol = 1e-7 * prm["scale"][0]
        assert res["L"][0, mu_idx] == pytest.approx(val, abs=tol), (mu, S)


# ============================================================================ special case
@pytest.mark.parametrize("s, m_u, total", [(0.0, 3, 20.0), (0.3, 4, -44.0816), (0.6, 7, -252.0)])
def test_scattered_prototype(s, m_u, total):
    """CLUSTER-4: m_U = 3, 4, 7; CE(m) = (1 − σ²/(2τ))·3600/(m + 3)² = (2/3)·3600/(m + 3)²."""
    model = ClusterVsScattered(**PROTO, s=s)
    r = model.solve()
    assert r.scattered.m == m_u
    assert r.scattered.national_surplus == pytest.approx(total, abs=1e-3)
    ce = [(2 / 3) * 3600 / (m + 3) ** 2 for m in range(1, 13)]
    closed = max(m for m in range(1, 13) if ce[m - 1] >= (1 - s) * 60 - 1e-9)
    assert closed == m_u
    assert m_u * (ce[m_u - 1] - 60) == pytest.approx(total, abs=1e-3)
    d = model.dissipation_model().solve()
    assert d.m_free == m_u
    assert float(d.national_surplus[m_u]) == pytest.approx(r.scattered.national_surplus)


def test_planner_special_case_reproduces_earlier_numbers():
    """CLUSTER-4: grand coalition imposed, s = 0: m_C = 4, V_C = 237.03 and the decomposition."""
    model = ClusterVsScattered(membership="all")
    r = model.solve()
    assert (r.scattered.m, r.cluster.m) == (3, 4)
    assert r.cluster.national_surplus == pytest.approx(237.0328, abs=1e-3)
    np.testing.assert_allclose(np.asarray(r.decomposition),
                               [28.7612, 26.4910, 12.2035, 128.3600, 21.2167], atol=1e-3)
    # by hand at m = 4: c = 37.6, N = 6, pooled premium of 4 members, the public signal
    m, k, ch, cf, a, b = 4, 2, 37.6, 40.0, 100.0, 1.0
    p = (a + m * ch + k * cf) / (m + k + 1)
    qh = p - ch
    info = 0.8 * 100.0 / (b**2 * (m + k + 1) ** 2)
    ce = b * (qh**2 + info) - (qh**2 + info) * (0.2 * 100.0 + 100.0 / m) / 600.0
    assert r.cluster.national_surplus == pytest.approx(m * ce - 50 - 15 * m, rel=1e-10)


def test_cluster_sends_every_firm_when_that_is_best():
    """A case where the best count is n (the cluster's choice may be all members)."""
    model = ClusterVsScattered(n=4, k=2, gamma=2.0, c_floor=5.0, F0=10.0, f=1.0, sigma2=10.0,
                               membership="all")
    r = model.solve()
    assert r.cluster.m == 4
    sched = model.schedule("all")
    assert int(np.argmax(sched["national"])) == 4
    assert np.all(np.diff(sched["national"]) > 0)


def test_cluster_sends_every_member_when_surplus_rises_to_n():
    """The cluster's count can be all n firms: with strong agglomeration (γ = 8, down to
    c_floor = 10) and a cheap platform (F0 = 40, f = 1), W(m) rises up to m = n = 4.

    W(m) is recomputed here from the primitives, independently of the model: home cost
    c(m) = max(40 − 8(m − 1), 10); host Cournot with m home firms and one foreign firm of
    cost 50, which is priced out once p ≤ 50 (then p is recomputed without it); outputs
    q = (p − c)/b; the public signal adds Var = rωσ²/(b²(N + 1)²); the syndicate premium is
    (q² + Var)((1 − r)ωσ² + (1 − ω)σ²/m)/(2τ); W(m) = m(bq² + bVar − premium) − (F0 + f m).
    """
    a, b, c0, cf, k, gamma, floor = 100.0, 1.0, 40.0, 50.0, 1, 8.0, 10.0
    sigma2, omega, tau, r, F0, f, n = 200.0, 0.5, 300.0, 0.8, 40.0, 1.0, 4
    model = ClusterVsScattered(n=n, k=k, a=a, b=b, c0=c0, c_f=cf, c_floor=floor,
                               gamma=gamma, sigma2=sigma2, common_share=omega, tau=tau,
                               r=r, F0=F0, f=f, F=250.0)
    W = [0.0]
    for m in range(1, n + 1):
        c = max(c0 - gamma * (m - 1), floor)
        N = m + k
        p = (a + m * c + k * cf) / (N + 1)
        if p <= cf:  # the foreign firm is priced out
            N = m
            p = (a + m * c) / (N + 1)
        q = (p - c) / b
        var = r * omega * sigma2 / (b**2 * (N + 1) ** 2)
        prem = (q**2 + var) * ((1 - r) * omega * sigma2 + (1 - omega) * sigma2 / m) / (2 * tau)
        W.append(m * (b * q**2 + b * var - prem) - (F0 + f * m))
    assert int(np.argmax(W)) == n and np.all(np.diff(W) > 0)
    np.testing.assert_allclose(model.schedule("all")["national"], W, rtol=1e-10)
    res = model.solve()
    assert res.cluster.m == n
    assert res.cluster.national_surplus == pytest.approx(W[n], rel=1e-10)
    assert res.scattered.m < n  # standalone entry at F = 250 sends fewer


# ============================================================================ stability
@pytest.mark.parametrize("change", [{}, {"governance": 20.0}, {"governance": 40.0},
                                    {"s": 0.6}, {"spillover": 1.0}, {"F": 150.0}])
def test_stability_is_d_aspremont_for_identical_firms(change):
    """CLUSTER-2: the stable memberships are the sizes stable_cartel_sizes finds from the
    members' payoffs π_C(k) and the outsiders' π_F(k)."""
    model = ClusterVsScattered(n=8, **change)
    prm, res, eq, reg = model._solution
    x = res["x"][0, :, 0]
    out = res["out_payoff"][0, :, 0]
    pc = np.where(np.isnan(x), 0.0, x)
    stab = gt.stable_cartel_sizes(pc, out)
    ours = {int(mu[0]) for mu, ok in zip(model._st.memberships, eq["stable"][0]) if ok}
    assert ours == {k for k in stab.stable if k >= 2}


def _member_game(model, mu_idx):
    """The members' TU game at membership μ over firm masks (from the model's worths)."""
    prm, res, eq, reg = model._solution
    st_ = model._st
    mu = st_.memberships[mu_idx]
    members = model._firms_of(mu)
    v = res["v"][0]
    m = len(members)
    table = np.zeros(1 << m)
    for mask in range(1, 1 << m):
        counts = np.zeros(st_.T, dtype=int)
        for bit, i in enumerate(members):
            if mask >> bit & 1:
                counts[model._type_of[i]] += 1
        table[mask] = v[gt.noncooperative.entry.count_index(counts, st_.n)]
    return gt.TUGame(table), members


@given(small.map(lambda p: {**p, "governance": 0.0}), st.sampled_from([(2, 3), (1, 4), (3, 2)]))
def test_core_verdict_and_least_core_agree_with_the_engine(p, split):
    """CLUSTER-2: the split is in the core of the members' game iff the engine says so; the
    type-symmetric least-core LP gives the engine's least-core ε."""
    model = ClusterVsScattered.with_firm_sizes(n=sum(split), leads=split[0], **p)
    r = model.solve()
    prm, res, eq, reg = model._solution
    star = int(eq["star"][0])
    if len(r.cluster.members) < 3:
        return
    game, members = _member_game(model, star)
    x = [r.stability.payoff_inside[i] for i in members]
    assert gt.in_core(game, x, tol=1e-7) == r.stability.in_core
    assert r.stability.least_core_epsilon == pytest.approx(
        gt.least_core(game).epsilon, abs=1e-6 * prm["scale"][0])
    if r.stability.blocking:
        B = [members.index(model._names.index(nm)) for nm in r.stability.blocking]
        mask = sum(1 << b_ for b_ in B)
        assert game.v[mask] > sum(x[b_] for b_ in B)


@given(small, st.sampled_from([(2, 3), (1, 4), (4, 0)]))
def test_reported_outcome_satisfies_its_constraints(p, split):
    """Participation and stability flags are what the payoffs say; national accounts add up."""
    model = ClusterVsScattered.with_firm_sizes(n=sum(split), leads=split[0], **p)
    r = model.solve()
    tol = 1e-7 * model._params()["scale"][0]
    st_ = r.stability
    members = [model._names.index(nm) for nm in r.cluster.members]
    if members:
        assert st_.internal and st_.external
        for i in members:
            assert st_.payoff_inside[i] >= st_.payoff_outside[i] - tol
        o = _firm_params(model)["o"]
        assert st_.participation == bool(np.all(st_.payoff_inside[members] >= o[members] - tol))
        # members' payoffs add up to the members' value
        prm, res, eq, reg = model._solution
        star = int(eq["star"][0])
        assert np.nansum(st_.payoff_inside) == pytest.approx(res["L"][0, star], abs=10 * tol)
    else:
        assert r.regime in (REGIMES[6], REGIMES[0])
    assert r.gain == pytest.approx(r.cluster.national_surplus - r.scattered.national_surplus)


# ============================================================================ decomposition
@given(small, st.sampled_from(["stable", "all"]))
def test_decomposition_and_dividends_add_up(p, membership):
    """CLUSTER-3: Σ Shapley = Σ dividends = V(all) − V(∅) = gain + organising cost."""
    model = ClusterVsScattered(n=6, membership=membership, **p)
    r = model.solve()
    tol = 1e-7 * model._params()["scale"][0]
    total = r.gain + r.organising_cost
    assert float(np.sum(r.decomposition)) == pytest.approx(total, abs=tol)
    assert sum(r.dividends.values()) == pytest.approx(total, abs=32 * tol)
    assert r.mechanism_values[frozenset()] == pytest.approx(r.scattered.national_surplus)
    if r.cluster.members:
        assert r.mechanism_values[frozenset(MECHANISMS)] == pytest.approx(
            r.cluster.national_surplus + r.organising_cost, abs=tol)
    assert tuple(r.decomposition.names) == MECHANISMS


@pytest.mark.parametrize("change, mechanism", [
    (dict(r=0.0), "information sharing"),
    (dict(gamma=0.0), "agglomeration"),
    (dict(common_share=1.0, colocation=0.0), "risk sharing"),
    (dict(F0=0.0, f=60.0), "cost sharing"),
])
@pytest.mark.parametrize("s", [0.0, 0.3])
def test_dummy_mechanism_gets_zero(change, mechanism, s):
    """CLUSTER-3: a mechanism that changes nothing gets no Shapley share and no dividend."""
    model = ClusterVsScattered(s=s, n=8, **change)
    game = model.mechanism_game()
    i = MECHANISMS.index(mechanism)
    tol = 1e-9 * model._params()["scale"][0]
    for mask in range(32):
        if not mask >> i & 1:
            assert game.v[mask | 1 << i] == pytest.approx(game.v[mask], abs=tol)
    assert model.decomposition()[i] == pytest.approx(0.0, abs=tol)
    assert not any(mechanism in k for k in model.dividends())


def test_coordination_labelled_by_what_it_does():
    r = ClusterVsScattered(s=0.6).solve()
    assert r.coordination_role.startswith("restraining a rush")
    under = ClusterVsScattered(n=8, F=120.0, F0=0.0, f=10.0, gamma=1.5, c_floor=20.0).solve()
    assert under.coordination_role in ("overcoming a coordination failure", "no change in entry",
                                       "restraining a rush (avoiding internal dissipation)")


# ============================================================================ losing, policy
def test_the_cluster_can_lose():
    """With an organising cost the cluster either does not hold together or earns less."""
    codes = set()
    for g in (0.0, 10.0, 20.0, 30.0, 45.0, 60.0):
        r = ClusterVsScattered(governance=g).solve()
        codes.add(r.regime_code)
        if r.regime_code in (6, 7):
            assert r.gain <= 1e-9
    assert codes & {6, 7}
    assert codes & {2, 3, 4, 5}


def test_policy_acts_on_the_cluster_too():
    """The cluster maximises its members' private surplus, so subsidies change its choice."""
    base = ClusterVsScattered()
    counts = [base.replace(s=s).solve().cluster.m for s in (0.0, 0.3, 0.6)]
    assert counts == sorted(counts) and counts[-1] > counts[0]
    targeted = base.replace(s_cluster=0.3).solve()
    untargeted = base.replace(s=0.3).solve()
    assert targeted.scattered.m == base.solve().scattered.m  # outsiders get nothing
    assert untargeted.scattered.m > base.solve().scattered.m
    assert targeted.cluster.subsidy_cost > 0


def test_outsiders_may_enter_alongside_the_cluster():
    """When the cluster's value is highest with few members abroad, outsiders enter too."""
    model = ClusterVsScattered(n=8, F=30.0, membership="all", spillover=1.0, F0=200.0)
    found = False
    for n_mem in (3, 4, 5):
        prm, res, eq, reg = model._solution
        mu_idx = n_mem
        if res["o"][0, mu_idx].sum() > 0:
            found = True
    assert found


# ============================================================================ maps
def test_regime_map_equals_point_solves():
    model = ClusterVsScattered(n=6)
    Fs = np.array([20.0, 80.0, 160.0])
    gs = np.array([0.0, 15.0, 40.0])
    rm = model.regime_map("F", Fs, "governance", gs)
    for i, g in enumerate(gs):
        for j, F in enumerate(Fs):
            pt = model.replace(F=float(F), governance=float(g)).solve()
            assert rm.code[i, j] == pt.regime_code
            assert rm.m_U[i, j] == pt.scattered.m and rm.m_C[i, j] == pt.cluster.m
            assert rm.members[i, j] == len(pt.cluster.members)
            assert rm.gain[i, j] == pytest.approx(pt.gain, abs=1e-8)
            assert REGIMES[rm.code[i, j] - 1] == pt.regime


def test_regime_map_over_integer_parameters():
    model = ClusterVsScattered()
    rm = model.regime_map("n", [2, 4, 6], "k", [0, 2])
    for i, k in enumerate((0, 2)):
        for j, n in enumerate((2, 4, 6)):
            pt = ClusterVsScattered(n=n, k=k).solve()
            assert rm.code[i, j] == pt.regime_code
    sizes = model.stable_sizes([2, 5, 8], [0.0, 25.0])
    assert sizes["members"].shape == (2, 3)
    assert np.all(sizes["members"] <= np.array([2, 5, 8])[None])


def test_heterogeneous_outcome_names_firms():
    model = ClusterVsScattered.with_firm_sizes(n=6, leads=2, sme_capital=30.0)
    r = model.solve()
    names = set(model._names)
    assert set(r.cluster.members) <= names and set(r.scattered.own_entrants) <= names
    # SMEs cannot pay (1 − s)F = 60 > 30 alone: only leads enter scattered
    assert all(nm.startswith("lead") for nm in r.scattered.own_entrants)
    assert r.cluster.firm_payoff.shape == (6,)
    assert model.type_sizes == (2, 4)


def test_size_distribution_generator_is_seeded():
    a = ClusterVsScattered.from_size_distribution(n=12, types=3, seed=3)
    b = ClusterVsScattered.from_size_distribution(n=12, types=3, seed=3)
    assert np.array_equal(np.asarray(a.c0), np.asarray(b.c0))
    assert len(a.type_sizes) == 3 and sum(a.type_sizes) == 12


# ============================================================================ symmetric pieces
@given(m=st.integers(1, 8), w=st.floats(0.0, 1.0), s2=st.floats(1.0, 600.0),
       tau=st.floats(50.0, 1000.0))
def test_pooling_matches_risk_syndicate(m, w, s2, tau):
    """RISK-1 inside M0: the pooled premium per member is RiskSyndicate's; only the
    idiosyncratic part falls with m."""
    model = ClusterVsScattered(sigma2=s2, common_share=w, tau=tau, r=0.0, n=8)
    pooled = model.schedule(["risk sharing"])
    alone = model.schedule(None)
    q = pooled["quantity"][m]
    syn = gt.RiskSyndicate.exchangeable(m, 0.0, tau, q**2 * s2, w)
    assert pooled["premium"][m] == pytest.approx(-syn.certainty_equivalent() / m, rel=1e-9,
                                                 abs=1e-12)
    common = w * s2 * q**2 / (2 * tau)
    idio = (1 - w) * s2 * q**2 / (2 * tau)
    assert pooled["premium"][m] == pytest.approx(common + idio / m, rel=1e-9, abs=1e-12)
    q_alone = alone["quantity"][m]
    assert alone["premium"][m] == pytest.approx(s2 * q_alone**2 / (2 * tau), rel=1e-9)


@given(m=st.integers(1, 8), r=st.floats(0.05, 0.95), w=st.floats(0.05, 1.0),
       s2=st.floats(1.0, 600.0))
def test_information_term_matches_public_information(m, r, w, s2):
    """INFO-3 inside M0: the signal adds Var(E[θ|s])/(b(N + 1)²) with Var(E[θ|s]) = rωσ²."""
    model = ClusterVsScattered(gamma=0.0, sigma2=s2, common_share=w, r=r, n=8, b=1.5)
    gain = (model.schedule(["information sharing"])["profit"][m]
            - model.schedule(["cost sharing"])["profit"][m])
    var_c = w * s2
    ref = gt.public_information(a=model.a, c=40.0, sigma2=var_c, noise=var_c * (1 - r) / r,
                                n=m + model.k, b=model.b)
    assert gain == pytest.approx(ref.expected_profit - ref.expected_profit_no_info, rel=1e-9)


@pytest.mark.parametrize("s", [0.0, 0.3, 0.6])
@pytest.mark.parametrize("s2", [50.0, 200.0, 450.0])
def test_scattered_no_entry_boundary_closed_form(s, s2):
    """Nobody enters alone iff F > F̄ = q_1²(b − σ²/(2τ))/(1 − s), q_1 = (a − c)/(b(k + 2))."""
    base = ClusterVsScattered(**{**PROTO, "sigma2": s2}, s=s)
    Fbar = float(base.closed_forms().evaluate("no_entry_boundary", a=100.0, b=1.0, c=40.0, k=2,
                                                sigma2=s2, tau=300.0, s=s))
    assert Fbar == pytest.approx(15.0**2 * (1 - s2 / 600.0) / (1 - s))
    assert base.replace(F=Fbar * (1 - 1e-6)).solve().scattered.m >= 1
    assert base.replace(F=Fbar * (1 + 1e-6)).solve().scattered.m == 0


def test_one_world_with_dissipation_model():
    """The scattered side and DissipationEntry read ψ the same way (same counts, same W)."""
    for psi in (0.0, 0.5, 1.0):
        model = ClusterVsScattered(spillover=psi, n=10)
        d = model.dissipation_model().solve()
        sched = model.schedule(None)
        assert d.m_free == model.solve().scattered.m
        np.testing.assert_allclose(d.national_surplus, sched["national"], atol=1e-9)


# ============================================================================ bad input
@pytest.mark.parametrize("bad, name", [
    (dict(c0=[40.0, 41.0]), "c0"), (dict(tau=[300.0] * 3), "tau"), (dict(F=-1.0), "F"),
    (dict(s=0.6, s_cluster=0.5), "s_cluster"), (dict(membership="some"), "membership"),
    (dict(sharing="capital"), "capital"), (dict(risk_pool="all"), "risk_pool"),
    (dict(governance=-1.0), "governance"), (dict(colocation=1.5), "colocation"),
    (dict(spillover=-0.1), "spillover"), (dict(capital=-1.0), "capital"),
    (dict(outside=[1.0, 2.0]), "outside"), (dict(n=0), "n"), (dict(c0=120.0), "c0"),
])
def test_bad_parameters(bad, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        ClusterVsScattered(**bad)


def test_bad_grids_and_too_many_types():
    model = ClusterVsScattered(n=4)
    with pytest.raises(ValueError, match=r"cannot vary"):
        model.regime_map("zeta", [1.0], "F", [1.0])
    with pytest.raises(ValueError, match=r"\bgovernance\b"):
        model.regime_map("F", [10.0], "governance", [-5.0])
    with pytest.raises(ValueError, match=r"\bmechanism"):
        model.value(["luck"])
    with pytest.raises(ValueError, match=r"types"):
        ClusterVsScattered(n=12, c0=np.linspace(30, 41, 12))
    with pytest.raises(ValueError, match=r"identical firms"):
        ClusterVsScattered.with_firm_sizes(n=4, leads=1).schedule()
    assert math.isfinite(model.solve().gain)


# ============================================================================ edges and accessors
def _greatest_symmetric_equilibrium(payoff):
    """Largest m with payoff(m) >= 0 (entrants stay) and payoff(m + 1) <= 0 (nobody else
    enters), over m = 0 … n of a symmetric entry game (payoff[0] unused)."""
    n = len(payoff) - 1
    eqs = [m for m in range(n + 1)
           if (m == 0 or payoff[m] >= 0) and (m == n or payoff[m + 1] <= 0)]
    return max(eqs)


@pytest.mark.parametrize("s", [0.0, 0.3, 0.6])
def test_entrant_payoff_schedule_gives_the_scattered_equilibrium(s):
    """CLUSTER-1 (a) for identical firms from the per-count schedule: the entry game's
    payoff ``CE(m) − (1 − s)F − o`` of the schedule, read as a symmetric entry game (m
    entrants stay iff payoff(m) ≥ 0, nobody else enters iff payoff(m + 1) ≤ 0), has its
    greatest pure equilibrium at the scattered count of the solved model (3, 4, 7 in the
    prototype, CLUSTER-4)."""
    model = ClusterVsScattered(**PROTO, n=8, s=s)
    pay = model.schedule(None)["entrant_payoff"]
    ce = model.schedule(None)["ce"]
    np.testing.assert_allclose(pay[1:], ce[1:] - (1 - s) * 60.0, rtol=1e-12)
    assert _greatest_symmetric_equilibrium(pay) == model.headline()["m_U"] == {
        0.0: 3, 0.3: 4, 0.6: 7}[s]


def test_no_entry_either_way_every_membership_is_weakly_stable():
    """CLUSTER-2 with weak inequalities (d'Aspremont et al. 1983: a member stays when
    leaving does not pay strictly more): when entry is too dear for anyone, members and
    non-members all earn 0, every membership of two or more is internally and externally
    stable, and the largest (everybody) is the equilibrium one — regime 1, not 7."""
    model = ClusterVsScattered(n=4, F=1e4, F0=1e4)
    h = model.headline()
    assert (h["regime_code"], h["m_U"], h["m_C"], h["members"]) == (1, 0, 0, 4)
    stab = model.solve().stability
    assert stab.internal and stab.external
    assert stab.stable_memberships == ((2,), (3,), (4,))


def _regime_by_definition(V_U, V_C, m_U, m_C, members, tol):
    """The regime number from its definition in the module docstring (REGIMES)."""
    loses = V_U >= V_C - tol
    if loses:
        code = 1 if m_U == 0 and m_C == 0 else 6
    elif m_U == 0:
        code = 2
    else:
        code = 3 if m_U > m_C else 4 if m_U < m_C else 5
    if members == 0 and not (m_U == 0 and m_C == 0 and loses):
        code = 7
    return code


def test_regime_codes_follow_their_definitions():
    """Every cell of a regime map carries the regime its own numbers define, on a grid
    (organising cost × entry cost) where the cluster loses in several ways — including
    regime 6 with more entrants in the cluster than scattered (0 < m_U < m_C)."""
    rm = ClusterVsScattered(n=6).regime_map("governance", np.linspace(20.0, 40.0, 5), "F",
                                            np.linspace(20.0, 200.0, 7))
    scale = np.abs(np.r_[rm.V_U.ravel(), rm.V_C.ravel()]).max()
    for idx in np.ndindex(rm.code.shape):
        want = _regime_by_definition(rm.V_U[idx], rm.V_C[idx], rm.m_U[idx], rm.m_C[idx],
                                     rm.members[idx], 1e-9 * scale)
        assert rm.code[idx] == want, idx
    assert ((rm.code == 6) & (rm.m_U > 0) & (rm.m_U < rm.m_C)).any()
    assert len(set(np.unique(rm.code))) >= 3


@pytest.mark.parametrize("k, c_f, c0", [(2, 20.0, 40.0), (2, 20.0, 46.0), (2, 20.0, 47.0),
                                        (2, 20.0, 50.0), (0, 40.0, 90.0), (1, 10.0, 56.0)])
def test_interior_is_the_cournot_participation_condition(k, c_f, c0):
    """MKT-1: a lone home entrant at cost c against k incumbents at c_f produces iff
    ``q = (a − (k + 1)c + k c_f)/(b(k + 2)) > 0`` (all incumbents active, c_f < c)."""
    model = ClusterVsScattered(n=3, k=k, c_f=c_f, c0=c0)
    a = model.a
    assert model.interior() == (a - (k + 1) * c0 + k * c_f > 0)


def test_symmetric_closed_forms_equal_the_schedule():
    """CLUSTER-4's symmetric case (c0 = c_f, γ = 0, all firms active): the closed forms of
    a member's certainty equivalent with pooling and the signal, ``CE_C(m)``, and the
    cluster's surplus ``W_C(m) = m(CE_C(m) − f) − F0`` equal the model's numeric schedule
    with every mechanism on, for k = 0, 1, 3 incumbents."""
    for k in (0, 1, 3):
        prm = dict(a=100.0, b=1.0, c=40.0, sigma2=300.0, omega=0.4, tau=250.0, r=0.6, k=k)
        model = ClusterVsScattered(n=6, k=k, gamma=0.0, c0=40.0, c_f=40.0, r=0.6,
                                   common_share=0.4, sigma2=300.0, tau=250.0, F0=30.0, f=12.0)
        sched = model.schedule("all")
        cf = model.closed_forms()
        ms = np.arange(1, 7)
        np.testing.assert_allclose(cf.evaluate("ce_cluster", m=ms, **prm), sched["ce"][1:],
                                   rtol=1e-12)
        np.testing.assert_allclose(cf.evaluate("cluster_surplus", m=ms, F0=30.0, f=12.0, **prm),
                                   sched["national"][1:], rtol=1e-12)
        np.testing.assert_allclose(cf.evaluate("quantity", m=ms, a=100.0, b=1.0, c=40.0, k=k),
                                   sched["quantity"][1:], rtol=1e-12)


@given(m=st.integers(1, 6), w=st.floats(0.0, 1.0), kappa=st.floats(0.0, 1.0),
       s2=st.floats(1.0, 600.0))
def test_colocated_pool_premium(m, w, kappa, s2):
    """RISK-1 with co-location: the share κ of the firm-specific variance becomes common
    among members, so m members with outputs q pool ``Var = (ω + κ(1 − ω))σ²(mq)² +
    (1 − κ)(1 − ω)σ² m q²`` and each pays ``Var/(2 m τ)/m`` — RiskSyndicate's premium
    with common share ``ω + κ(1 − ω)``."""
    tau = 300.0
    model = ClusterVsScattered(sigma2=s2, common_share=w, colocation=kappa, tau=tau, r=0.0,
                               n=6)
    pooled = model.schedule(["risk sharing"])
    q = pooled["quantity"][m]
    w_eff = w + kappa * (1 - w)
    syn = gt.RiskSyndicate.exchangeable(m, 0.0, tau, q**2 * s2, w_eff)
    assert pooled["premium"][m] == pytest.approx(-syn.certainty_equivalent() / m, rel=1e-9,
                                                 abs=1e-12)


def test_accessors_agree_with_solve():
    """The one-number accessors read the same equilibrium as ``solve``; the platform game
    of m members is the airport game whose Shapley value is ``F0/m + f`` each
    (Littlechild & Owen 1973, COOP-4)."""
    model = ClusterVsScattered(n=5, F0=30.0, f=12.0)
    res = model.solve()
    assert model.cluster_surplus() == res.cluster.national_surplus
    assert model.scattered_surplus() == res.scattered.national_surplus
    assert model.regime() == res.regime
    for m in (1, 3):
        pg = model.platform_game(m)
        np.testing.assert_allclose(gt.shapley_value(pg.game()), np.full(m, 30.0 / m + 12.0))
    with pytest.raises(ValueError, match=r"\bm\b"):
        model.platform_game(0)


def test_generators_pass_their_parameters_and_weak_bounds_are_allowed():
    """``from_size_distribution`` hands its entry cost to the model; the weak bounds of
    the parameters (zero cost floor, no variance, no common risk, no incumbents) are
    valid inputs, and the stable-size grid names a bad argument."""
    model = ClusterVsScattered.from_size_distribution(n=6, types=2, F=80.0)
    assert np.all(np.asarray(model.F) == 80.0)
    for edge in (dict(c_floor=0.0), dict(sigma2=0.0), dict(common_share=0.0), dict(k=0),
                 dict(gamma=0.0, r=0.0, F0=0.0)):
        assert math.isfinite(ClusterVsScattered(n=3, **edge).headline()["gain"])
    for bad in (([], [0.0], "n_values"), ([3], [], "governance_values")):
        with pytest.raises(ValueError, match=rf"\b{bad[2]}\b"):
            ClusterVsScattered(n=3).stable_sizes(bad[0], bad[1])


def test_equal_sharing_splits_the_same_surplus_equally():
    """COOP-6 inside M0: with the grand coalition imposed, the equal split and the Shapley
    value divide the same members' surplus (efficiency); the equal split gives every
    member the same payoff; with identical firms the two coincide (symmetry)."""
    kw = dict(n=4, leads=1, membership="all", F0=40.0, f=10.0)
    eq = ClusterVsScattered.with_firm_sizes(sharing="equal", **kw).solve().stability
    sh = ClusterVsScattered.with_firm_sizes(sharing="shapley", **kw).solve().stability
    assert np.ptp(eq.payoff_inside) == pytest.approx(0.0, abs=1e-9)
    assert eq.payoff_inside.sum() == pytest.approx(sh.payoff_inside.sum(), rel=1e-12)
    same = [ClusterVsScattered(n=4, membership="all", sharing=rule).solve().stability
            for rule in ("equal", "shapley")]
    np.testing.assert_allclose(same[0].payoff_inside, same[1].payoff_inside, rtol=1e-12)


def test_firm_size_constructors_keep_what_they_are_given():
    """``with_firm_sizes`` applies a common entry cost to both types (and nothing else),
    leaves a type without a capital limit unconstrained; ``from_size_distribution``
    derives cost and risk tolerance from the same size, so
    ``(τ/τ_0)^(−ε_c/ε_τ) = c/c_0`` firm by firm; the schedule names its priced-out flag."""
    m = ClusterVsScattered.with_firm_sizes(n=4, leads=1, F=80.0)
    assert np.all(np.asarray(m.F) == 80.0) and np.all(np.asarray(m.outside) == 0.0)
    m = ClusterVsScattered.with_firm_sizes(n=4, leads=1, lead_capital=10.0)
    assert np.array_equal(np.asarray(m.capital), [10.0, np.inf, np.inf, np.inf])
    m = ClusterVsScattered.with_firm_sizes(n=4, leads=1, sme_capital=10.0)
    assert np.array_equal(np.asarray(m.capital), [np.inf, 10.0, 10.0, 10.0])
    d = ClusterVsScattered.from_size_distribution(n=8, types=3, seed=5, base_cost=40.0,
                                                  cost_elasticity=0.05, base_tau=300.0,
                                                  tau_elasticity=0.5)
    np.testing.assert_allclose((np.asarray(d.tau) / 300.0) ** (-0.1), np.asarray(d.c0) / 40.0,
                               rtol=1e-8)
    assert not ClusterVsScattered(n=4).schedule()["priced_out"].any()


@pytest.mark.parametrize("outside", [0.0, 3.0, 8.0])
def test_dissipation_by_hand_with_an_outside_option(outside):
    """Dissipation (the best scattered national surplus with at most m_C entrants, minus the
    free-entry surplus V_U) by hand for identical firms: W(m) = m (q(m)²(b − σ²/(2τ)) − F)
    + (n − m) o with q(m) = (a − c)/(b(m + k + 1)) — entry costs counted in full (a subsidy
    is a transfer), firms that stay home keep their outside option o."""
    m = gt.ClusterVsScattered(s=0.6, outside=outside)
    r = m.solve()
    m_u = r.scattered.m
    m_c = len(r.cluster.cluster_entrants) + len(r.cluster.own_entrants)
    assert m_u > m_c  # the subsidy brings a rush: dissipation is defined and positive

    def W(k):
        q = (m.a - m.c0) / (m.b * (k + m.k + 1))
        return k * (q**2 * (m.b - m.sigma2 / (2 * m.tau)) - m.F) + (m.n - k) * outside

    assert W(m_u) == pytest.approx(r.scattered.national_surplus, rel=1e-12)
    expected = max(W(k) for k in range(m_c + 1)) - W(m_u)
    assert r.dissipation == pytest.approx(expected, rel=1e-12)


def test_market_power_counts_members_only_next_to_outsiders():
    """With spillovers reaching firms on their own (ψ = 1) and cheap entry, five firms enter
    alone next to the cluster's four; every home entrant then produces at the cost floor,
    so the members' quantity share is 4/9 of home output over total output, by hand:
    q = p − c_floor per home firm, p − c_f per foreign incumbent (b = 1)."""
    m = gt.ClusterVsScattered(F=20, spillover=1.0)
    r = m.solve()
    n_c, n_o = len(r.cluster.cluster_entrants), len(r.cluster.own_entrants)
    assert n_c > 0 and n_o > 0
    p = r.cluster.price
    q_home = (p - m.c_floor) / m.b
    assert r.cluster.home_output == pytest.approx((n_c + n_o) * q_home, rel=1e-12)
    total = (n_c + n_o) * q_home + m.k * (p - m.c_f) / m.b
    assert r.power_cluster.quantity_share == pytest.approx(n_c * q_home / total, rel=1e-9)
    assert r.power_cluster.members == tuple(r.cluster.cluster_entrants)


def test_output_coordination_gain_by_hand():
    """The merger computation (Salant, Switzer & Reynolds 1983) at the default case, by
    hand: the four members sent abroad produce at c0 − γ(m − 1) = 37.6 against two foreign
    incumbents at 40; linear Cournot q_i = (a − (N + 1)c_i + Σc)/(b(N + 1)), profit b q_i².
    Merged into one firm the four earn less than apart (−86.4: the merger paradox)."""
    m = gt.ClusterVsScattered()
    r = m.solve()
    n_c = len(r.cluster.cluster_entrants)
    assert n_c == 4 and not r.cluster.own_entrants
    c_m = max(m.c0 - m.gamma * (n_c - 1), m.c_floor)

    def profits(costs):
        costs = np.asarray(costs, dtype=float)
        N = costs.size
        q = (m.a - (N + 1) * costs + costs.sum()) / (m.b * (N + 1))
        assert np.all(q > 0)
        return m.b * q**2

    before = profits([c_m] * n_c + [m.c_f] * m.k)[:n_c].sum()
    after = profits([c_m] + [m.c_f] * m.k)[0]
    assert r.output_coordination_gain == pytest.approx(after - before, rel=1e-12)
    assert r.output_coordination_gain == pytest.approx(-86.4, rel=1e-12)


def test_decomposition_by_a_parameter():
    """``decomposition_by`` gives, for each value, the decomposition of the model with that
    value (each summing to its gain plus the organising cost); a parameter outside
    GRID_PARAMETERS is refused by name."""
    m = gt.ClusterVsScattered()
    d = m.decomposition_by("s", [0.0, 0.3])
    assert list(d) == [0.0, 0.3]
    for s, dec in d.items():
        r = m.replace(s=s).solve()
        np.testing.assert_allclose(np.asarray(dec), np.asarray(r.decomposition), rtol=1e-12)
        assert float(np.sum(dec)) == pytest.approx(r.gain + r.organising_cost, rel=1e-9)
    with pytest.raises(ValueError, match="names"):
        m.decomposition_by("names", [1.0])
