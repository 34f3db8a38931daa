"""M1 EntryCostGame and EntryModeSorting: cost games of joint entry, viability, HMY, financing."""

import itertools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from matching import whole_words

from gametheory.coalitional.core import in_core
from gametheory.coalitional.special import airport_game, airport_shapley
from gametheory.models.cost_sharing import EntryCostGame, EntryModeSorting

costs = st.floats(0.0, 100.0, allow_nan=False)


def _models(draw, n):
    K = draw(st.lists(costs, min_size=n, max_size=n))
    f = draw(st.lists(costs, min_size=n, max_size=n))
    return K, f


@st.composite
def airport_models(draw, nmax=5):
    n = draw(st.integers(1, nmax))
    K, f = _models(draw, n)
    return EntryCostGame(K=K, f=f, form="airport")


@st.composite
def scale_models(draw, nmax=5):
    n = draw(st.integers(1, nmax))
    f = draw(st.lists(costs, min_size=n, max_size=n))
    K = draw(st.floats(0.0, 100.0))
    theta = draw(st.floats(0.05, 1.0))
    return EntryCostGame(K=K, f=f, form="scale", theta=theta)


def brute_cost(model, S):
    """c(S) straight from the definition (independent of the bitmask tables)."""
    if not S:
        return 0.0
    if model.form == "airport":
        return max(model.K[i] for i in S) + sum(model.f[i] for i in S)
    return model.K[0] * len(S) ** model.theta + sum(model.f[i] for i in S)


def brute_shapley(model):
    """Average marginal cost over all n! orders (independent of the engine)."""
    n = model.n
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        S = []
        for i in order:
            phi[i] += brute_cost(model, S + [i]) - brute_cost(model, S)
            S.append(i)
    return phi / math.factorial(n)


def coalitions(n):
    for k in range(1, n + 1):
        yield from itertools.combinations(range(n), k)


def in_cost_core(model, x, tol=1e-7):
    total = brute_cost(model, list(range(model.n)))
    if abs(sum(x) - total) > tol * max(1, total):
        return False
    return all(sum(x[i] for i in S) <= brute_cost(model, list(S)) + tol * max(1, total)
               for S in coalitions(model.n))


# ------------------------------------------------------------------ the cost game
@given(st.one_of(airport_models(), scale_models()))
def test_cost_table_matches_definition(model):
    g = model.game()
    for S in coalitions(model.n):
        assert g[S] == pytest.approx(brute_cost(model, list(S)), abs=1e-9)
    assert np.allclose(g.singletons, model.standalone_costs)


@given(st.one_of(airport_models(), scale_models()))
def test_concave_and_shapley_closed_form_in_core(model):
    """COOP-4 (Littlechild & Owen 1973, Management Science 20:370) and COOP-2 (Shapley 1971):
    both forms are submodular; the closed-form Shapley value equals the n!-order average
    and lies in the cost core x(S) <= c(S)."""
    n = model.n
    for S in coalitions(n):
        for i, j in itertools.combinations([k for k in range(n) if k not in S], 2):
            S_ = list(S)
            second = (brute_cost(model, S_ + [i, j]) - brute_cost(model, S_ + [i])
                      - brute_cost(model, S_ + [j]) + brute_cost(model, S_))
            assert second <= 1e-9
    phi = model.shapley_closed_form()
    assert np.allclose(phi, brute_shapley(model), atol=1e-8)
    assert in_cost_core(model, phi)


def test_airport_form_with_no_setup_costs_is_the_airport_game():
    """With f = 0 the airport form is Littlechild & Owen's airport game (engine's special form)."""
    K = [8.0, 11.0, 13.0, 13.0, 20.0]
    m = EntryCostGame(K=K, f=np.zeros(5))
    assert np.allclose(m.game().v, airport_game(K).v)
    assert np.allclose(m.shapley_closed_form(), airport_shapley(K))
    # Littlechild–Owen by hand: increments 8, 3, 2, 0, 7 shared by 5, 4, 3, 2, 1 users
    by_hand = np.cumsum([8 / 5, 3 / 4, 2 / 3, 0 / 2, 7 / 1])
    assert np.allclose(m.shapley_closed_form(), by_hand)


def test_solve_default_case_allocations():
    """The default case: every rule efficient, Shapley / nucleolus / SCRB in the core;
    SCRB by the Tijs & Driessen (1986) definition; nucleolus = least-core point here."""
    m = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20], R=[35, 50, 70])
    sol = m.solve()
    assert sol.concave and sol.core_nonempty and sol.least_core_epsilon >= 0
    c = lambda S: brute_cost(m, list(S))  # noqa: E731
    N = (0, 1, 2)
    sep = np.array([c(N) - c(tuple(j for j in N if j != i)) for i in N])
    rem = np.array([c((i,)) for i in N]) - sep
    scrb = sep + rem / rem.sum() * (c(N) - sep.sum())
    assert np.allclose(sol.scrb, scrb)
    assert np.allclose(sol.shapley, brute_shapley(m))
    for name, x in sol.allocations().items():
        assert np.sum(x) == pytest.approx(105.0), name
    for x in (sol.shapley, sol.nucleolus, sol.scrb):
        assert in_cost_core(m, np.asarray(x))
        assert in_core(sol.game, x)
    assert np.allclose(sol.proportional, 105.0 * m.standalone_costs / m.standalone_costs.sum())
    header, rows = sol.table()
    assert rows[-1][2:] == pytest.approx([105.0] * 5)


# ------------------------------------------------------------------ viability
@given(K=st.floats(1.0, 100.0), f=st.floats(0.0, 50.0), n=st.integers(2, 6),
       theta=st.floats(0.1, 1.0), form=st.sampled_from(["airport", "scale"]))
def test_cluster_only_region_matches_closed_form(K, f, n, theta, form):
    """Symmetric firms: alone iff R >= K + f; cluster iff R >= K/n + f (airport) or
    K n^(θ-1) + f (scale): symbolic thresholds vs the vectorised numeric viability."""
    m = EntryCostGame(K=np.full(n, K), f=np.full(n, f), form=form, theta=theta)
    cf = m.closed_forms()
    r_alone = float(cf.evaluate("R_alone", K=K, f=f))
    r_cluster = float(cf.evaluate("R_cluster", K=K, f=f, n=n, theta=theta))
    assert r_cluster <= r_alone + 1e-12
    R = np.linspace(0.0, 2 * (K + f), 97)
    grid = np.repeat(R[:, None], n, axis=1)
    via = m.viability(grid)
    assert via.cluster_only.shape == R.shape
    away = (np.abs(R - r_alone) > 1e-6) & (np.abs(R - r_cluster) > 1e-6)
    expect_only = (R >= r_cluster) & (R < r_alone)
    assert np.array_equal(via.cluster_only[away], expect_only[away])
    assert np.array_equal(via.enters_alone[away, 0], (R >= r_alone)[away])


def test_scattered_and_cluster_surplus():
    m = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20], R=[35, 50, 90])
    assert m.scattered_surplus() == pytest.approx(10.0)   # only the lead firm, 90 − 80
    S, w = m.best_entrants()
    best = max((sum(m.R[i] for i in T) - brute_cost(m, list(T)), T) for T in coalitions(3))
    assert w == pytest.approx(best[0]) and S == frozenset(best[1])
    assert m.cluster_surplus() >= m.scattered_surplus()


# ------------------------------------------------------------------ internal financing
@given(model=st.one_of(airport_models(nmax=4), scale_models(nmax=4)),
       data=st.data())
def test_internal_financing_matches_polymatroid_condition(model, data):
    """LP answer vs the independent condition for concave cost games (Fujishige 2005, §3.1):
    a core allocation with x_i <= R_i exists iff R(N∖T) >= c(N) − c(T) for every T."""
    n = model.n
    R = np.array(data.draw(st.lists(st.floats(0.0, 150.0), min_size=n, max_size=n)))
    plan = model.internal_financing(R)
    N = list(range(n))
    gaps = [sum(R[i] for i in N if i not in T) - (brute_cost(model, N) - brute_cost(model, list(T)))
            for k in range(n + 1) for T in itertools.combinations(N, k)]
    worst = min(gaps)
    if abs(worst) < 1e-6 * max(1.0, R.sum()):
        return  # on the boundary: either answer is within tolerance
    assert plan.feasible == (worst > 0)
    if plan.feasible:
        x = np.asarray(plan.allocation)
        assert in_cost_core(model, x, tol=1e-6)
        assert np.all(x <= R + 1e-6)
        assert plan.min_margin == pytest.approx(np.min(R - x), abs=1e-6)
    else:
        assert plan.shortfall > 0 and plan.blocking is not None


def test_internal_financing_reports_weak_members_and_failure():
    m = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20], R=[12, 50, 90])
    plan = m.internal_financing()
    assert plan.weak_members == ("0",)         # Shapley share 20 > R_0 = 12
    assert plan.feasible                       # the lead firm carries more
    assert plan.allocation[0] <= 12 + 1e-7
    assert np.allclose(plan.transfers, np.asarray(plan.reference) - np.asarray(plan.allocation))
    poor = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20], R=[10, 20, 30]).internal_financing()
    assert not poor.feasible and poor.blocking == ()
    assert "total profit" in poor.message


# ------------------------------------------------------------------ HMY (COST-1)
def test_hmy_cutoffs_symbolic():
    """COST-1 (Helpman, Melitz & Yeaple 2004, AER 94:300): the cut-offs solve π_X = 0 and
    π_I = π_X; Φ_I − Φ_X = (f_I − f_X τ^{σ−1})/((1 − τ^{1−σ})B), so sorting ⇔ f_I > f_X τ^{σ−1};
    ∂Φ_I/∂f_I = 1/((1 − τ^{1−σ})B) > 0: sharing f_I lowers Φ_I."""
    cf = EntryModeSorting.closed_forms()
    B, tau, sigma, f_X, f_I = (cf.symbols[k] for k in ("B", "tau", "sigma", "f_X", "f_I"))
    Phi_X, Phi_I = cf["Phi_X"].rhs, cf["Phi_I"].rhs
    assert sp.simplify(Phi_X - f_X / (tau ** (1 - sigma) * B)) == 0
    assert sp.simplify(Phi_I - (f_I - f_X) / ((1 - tau ** (1 - sigma)) * B)) == 0
    gap = sp.simplify(Phi_I - Phi_X - (f_I - f_X * tau ** (sigma - 1))
                      / ((1 - tau ** (1 - sigma)) * B))
    assert gap == 0
    assert sp.simplify(cf["dPhi_I_df_I"].rhs - 1 / ((1 - tau ** (1 - sigma)) * B)) == 0
    # the denominator (1 − τ^{1−σ})B is positive for τ > 1, σ > 1, B > 0 (τ^{1−σ} < 1)
    a, b = sp.symbols("a b", positive=True)
    den = ((1 - tau ** (1 - sigma)) * B).subs({tau: 1 + a, sigma: 1 + b})
    assert sp.simplify(den - B * (1 - sp.exp(-b * sp.log(1 + a)))) == 0
    # the library's numbers against the derivation, over generated parameters
    gap_f = sp.lambdify((B, tau, sigma, f_X, f_I), Phi_I - Phi_X)
    slope_f = sp.lambdify((B, tau, sigma), cf["dPhi_I_df_I"].rhs)
    rng = np.random.default_rng(26)
    for _ in range(40):
        Bv, tv, sv = rng.uniform(0.1, 10), rng.uniform(1.01, 3), rng.uniform(1.1, 8)
        fx, fi = rng.uniform(0, 50), rng.uniform(0.1, 200)
        cut = EntryModeSorting(Bv, tv, sv, fx, fi).cutoffs()
        assert cut.sorting == (fi > fx * tv ** (sv - 1))
        if cut.sorting:
            assert cut.fdi_cutoff - cut.export_cutoff == pytest.approx(gap_f(Bv, tv, sv, fx, fi))
            # sharing f_I lowers Φ_I at the derived rate 1/((1 − τ^{1−σ})B) > 0
            d = 0.01 * (fi - fx * tv ** (sv - 1))
            lower = EntryModeSorting(Bv, tv, sv, fx, fi - d).cutoffs().fdi_cutoff
            assert slope_f(Bv, tv, sv) > 0
            assert (cut.fdi_cutoff - lower) / d == pytest.approx(slope_f(Bv, tv, sv), rel=1e-6)


@given(B=st.floats(0.1, 10), tau=st.floats(1.01, 3), sigma=st.floats(1.1, 8),
       f_X=st.floats(0, 50), f_I=st.floats(0.1, 200), k=st.integers(2, 6))
def test_hmy_modes_match_cutoffs_and_sharing_moves_firms_to_fdi(B, tau, sigma, f_X, f_I, k):
    """Numeric twin: the argmax mode agrees with the cut-offs; sharing f_I/k never raises
    the FDI cut-off, and the switchers are the firms between the two cut-offs."""
    h = EntryModeSorting(B, tau, sigma, f_X, f_I)
    cut = h.cutoffs()
    cf = h.closed_forms()
    if cut.sorting:
        phi_x = float(cf.evaluate("Phi_X", B=B, tau=tau, sigma=sigma, f_X=f_X))
        assert cut.export_cutoff == pytest.approx(phi_x)
        assert cut.fdi_cutoff == pytest.approx(float(cf.evaluate("Phi_I", B=B, tau=tau, sigma=sigma,
                                                                  f_X=f_X, f_I=f_I)))
    else:
        assert math.isnan(cut.export_cutoff) and cut.fdi_cutoff == pytest.approx(f_I / B)
    top = 3 * max(cut.fdi_cutoff, 1.0)
    Phi = np.linspace(0, top, 301)
    mode = h.mode(Phi)
    far = np.abs(Phi - cut.fdi_cutoff) > 1e-6 * top
    assert np.array_equal((mode == 2)[far], (Phi >= cut.fdi_cutoff)[far])
    shift = h.shift(np.full(Phi.shape, f_I / k), Phi)
    assert np.all(shift.cutoff_shared <= shift.cutoff_alone + 1e-12)
    lo = shift.cutoff_shared[0]
    inside = (Phi >= lo) & (Phi < cut.fdi_cutoff)
    clear = far & (np.abs(Phi - lo) > 1e-6 * top)
    assert np.array_equal(shift.switch_to_fdi[clear], inside[clear])


def test_entry_modes_per_member():
    m = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20])
    out = m.entry_modes(B=1.0, tau=1.3, sigma=4.0, f_X=10.0, Phi=[40, 60, 90])
    assert np.allclose(out.fdi_cost_shared, m.shapley_closed_form())
    assert np.all(out.cutoff_shared < out.cutoff_alone)
    assert out.switch_to_fdi.tolist() == [True, True, True]
    eq = m.entry_modes(B=1.0, tau=1.3, sigma=4.0, f_X=10.0, rule="equal")
    assert np.allclose(eq.fdi_cost_shared, 35.0)
    with pytest.raises(ValueError, match=r"\brule\b"):
        m.entry_modes(B=1.0, tau=1.3, sigma=4.0, f_X=10.0, rule="bogus")


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kwargs, match", [
    (dict(K=[-1, 2], f=[1, 1]), "non-negative"),
    (dict(K=[1, 2], f=[1, -1]), "non-negative"),
    (dict(K=[1, 2, 3], f=[1, 1]), "shape"),
    (dict(K=[1, 2], f=[1, 1], form="star"), "form"),
    (dict(K=[1, 2], f=[1, 1], form="scale"), "common K"),
    (dict(K=1, f=[1, 1], form="scale", theta=0), "theta"),
    (dict(K=1, f=[1, 1], form="scale", theta=1.5), "theta"),
    (dict(K=[1, 2], f=[1, 1], R=[1, 2, 3]), "shape"),
    (dict(K=[1, np.nan], f=[1, 1]), "finite"),
    (dict(K=[], f=[]), "at least one"),
])
def test_entry_cost_game_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=whole_words(match)):
        EntryCostGame(**kwargs)


def test_missing_profits_and_bad_hmy():
    m = EntryCostGame(K=[1, 2], f=[1, 1])
    with pytest.raises(ValueError, match="operating profits"):
        m.viability()
    for bad, match in [(dict(tau=1.0), "tau"), (dict(sigma=0.5), "sigma"), (dict(B=0), "B"),
                       (dict(f_I=0), "f_I"), (dict(f_X=-1), "f_X")]:
        args = dict(B=1, tau=1.3, sigma=4, f_X=1, f_I=5) | bad
        with pytest.raises(ValueError, match=whole_words(match)):
            EntryModeSorting(**args)
    with pytest.raises(ValueError, match=r"\bPhi\b"):
        EntryModeSorting(1, 1.3, 4, 1, 5).mode([-1.0])


def test_frozen_and_read_only():
    m = EntryCostGame(K=[1, 2], f=[1, 1])
    with pytest.raises(AttributeError):
        m.K = np.zeros(2)
    with pytest.raises(ValueError):
        m.K[0] = 5.0
