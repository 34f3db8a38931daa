"""Real options: Dixit–Pindyck, the option game, and what cost and risk sharing do to thresholds.

Independent checks: a finite-difference solution of the free-boundary problem (a linear
complementarity problem on a log grid, solved by policy iteration), a finite-difference
solve of the leader's ODE, sympy derivations, and brute-force maximisation over
threshold policies. Theorems OPT-1 … OPT-7 (docs/theorems.md).
"""

import functools

import numpy as np
import pytest
import scipy.sparse as sps
import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.sparse.linalg import spsolve

from gametheory.models.cost_sharing import EntryCostGame
from gametheory.models.real_options import OptionGame, RealOption, pooled_premium

rates = st.floats(0.01, 0.12)
vols = st.floats(0.05, 0.6)
costs = st.floats(1.0, 1e4)


# ---------------------------------------------------------------- finite differences
def _generator(x, r, de, sigma):
    """Tridiagonal matrix of r·W − ½σ²W_xx − (r − δ_e − ½σ²)W_x on a uniform grid in x = ln Y."""
    h = x[1] - x[0]
    nu = r - de - 0.5 * sigma**2
    lo = -0.5 * sigma**2 / h**2 + nu / (2 * h)
    up = -0.5 * sigma**2 / h**2 - nu / (2 * h)
    di = sigma**2 / h**2 + r
    n = x.size
    return sps.diags([np.full(n - 1, lo), np.full(n, di), np.full(n - 1, up)], [-1, 0, 1],
                     format="lil")


def fd_optimal_stopping(payoff, x, r, de, sigma):
    """Solve min(A W, W − payoff) = 0 (perpetual American call-type option) on the grid.

    Brennan & Schwartz (1977, J. Finance 32:449): eliminate the tridiagonal system from
    the bottom, then back-substitute from the top projecting on W ≥ payoff at each node;
    exact for the discrete LCP when the stopping region lies above a single boundary.
    Boundary rows: W = 0 at the lowest node, W = payoff at the highest.
    """
    h = x[1] - x[0]
    nu = r - de - 0.5 * sigma**2
    lo = -0.5 * sigma**2 / h**2 + nu / (2 * h)
    up = -0.5 * sigma**2 / h**2 - nu / (2 * h)
    di = sigma**2 / h**2 + r
    g = payoff(np.exp(x))
    n = x.size
    d = np.empty(n)
    d[0] = 1.0
    for i in range(1, n - 1):
        d[i] = di - lo / d[i - 1] * (up if i > 1 else 0.0)
    W = np.empty(n)
    W[-1] = g[-1]
    for i in range(n - 2, 0, -1):
        W[i] = max(g[i], -up * W[i + 1] / d[i])
    W[0] = 0.0
    return W


def fd_threshold(W, payoff, x):
    """Lowest grid point from which stopping is optimal (W = payoff), refined linearly."""
    Y = np.exp(x)
    g = payoff(Y)
    gap = W - g
    k = int(np.flatnonzero((gap <= 1e-9 * np.abs(g).max()) & (g > 0))[0])
    return Y[k]


def fd_leader_value(game, i, x):
    """W solving ½σ²Y²W'' + (r − δ_e)YW' − rW + D1·Y = 0 on (0, Y_F,j), W(Y_F,j) = Y_F,j D2/δ_e;
    the leader's value is W − I."""
    de = float(game.effective_payouts[i])
    YFj = float(game.follower_thresholds[1 - i])
    A = _generator(x, game.r, de, game.sigma)
    Y = np.exp(x)
    rhs = game.D1 * Y
    A[0, :] = 0
    A[0, 0] = 1
    rhs[0] = Y[0] * game.D1 / de              # far below Y_F the follower's entry is remote
    A[-1, :] = 0
    A[-1, -1] = 1
    rhs[-1] = YFj * game.D2 / de
    assert abs(Y[-1] - YFj) < 1e-12 * YFj
    return spsolve(A.tocsr(), rhs) - game.I[i]


# ---------------------------------------------------------------- OPT-1
@functools.lru_cache(maxsize=1)
def _derived():
    """Value matching and smooth pasting for F = A V^b on the Dixit–Pindyck ODE (sympy)."""
    b, A, V, Vs, rr, dd, ss, II = sp.symbols("b A V V_s r d s I", positive=True)
    F = A * V**b
    ode = sp.expand(sp.simplify((ss**2 / 2 * V**2 * F.diff(V, 2) + (rr - dd) * V * F.diff(V)
                                 - rr * F) / F))
    fit = sp.solve([sp.Eq(A * Vs**b, Vs - II), sp.Eq(b * A * Vs ** (b - 1), 1)], [A, Vs],
                   dict=True)[0]
    args = (b, rr, dd, ss, II)
    return (sp.lambdify(args, ode), sp.lambdify(args, fit[Vs]), sp.lambdify(args, fit[A]))


@given(r=rates, d=rates, s=vols, I=costs)
def test_dixit_pindyck_matches_sympy_derivation(r, d, s, I):
    """OPT-1 (Dixit & Pindyck 1994, ch. 5; McDonald & Siegel 1986, QJE 101:707): sympy
    solves value matching and smooth pasting for F = A V^β on the ODE; the library's β,
    V*, X* and A equal the derived expressions, β > 1 is a root of the fundamental
    quadratic, and the library's own closed forms evaluate to the same numbers."""
    quad, V_star, A_star = _derived()
    o = RealOption(I=I, r=r, delta=d, sigma=s)
    sol = o.solve()
    args = (sol.beta, r, d, s, I)
    assert abs(quad(*args)) < 1e-9 * max(1.0, sol.beta**2)
    assert sol.beta > 1
    assert sol.value_threshold == pytest.approx(V_star(*args), rel=1e-10)
    assert sol.flow_threshold == pytest.approx(d * V_star(*args), rel=1e-10)
    assert sol.option_coefficient == pytest.approx(A_star(*args), rel=1e-8)


def test_closed_forms_evaluate_to_the_solution():
    """OPT-1: the library's ClosedForms (β substituted) evaluate, over a grid, to solve()."""
    forms = RealOption().closed_forms()
    r, d, s, I = np.meshgrid([0.02, 0.05, 0.1], [0.01, 0.04], [0.1, 0.3, 0.6], [1.0, 1e3])
    V = forms.evaluate("V_star", r=r, delta_e=d, sigma=s, I=I)
    X = forms.evaluate("X_star", r=r, delta_e=d, sigma=s, I=I)
    for idx in np.ndindex(r.shape):
        sol = RealOption(I=I[idx], r=r[idx], delta=d[idx], sigma=s[idx]).solve()
        assert V[idx] == pytest.approx(sol.value_threshold, rel=1e-10)
        assert X[idx] == pytest.approx(sol.flow_threshold, rel=1e-10)


@pytest.mark.parametrize("r,d,s", [(0.04, 0.04, 0.2), (0.05, 0.02, 0.35), (0.08, 0.05, 0.1)])
def test_dixit_pindyck_threshold_against_finite_differences(r, d, s):
    """OPT-1: the free-boundary problem solved on a grid (policy iteration for the LCP)
    gives the same trigger (to the grid's resolution) and option values."""
    o = RealOption(I=100.0, r=r, delta=d, sigma=s)
    sol = o.solve()
    x = np.linspace(np.log(1e-3 * sol.flow_threshold), np.log(6 * sol.flow_threshold), 6001)
    payoff = lambda X: X / d - 100.0  # noqa: E731
    W = fd_optimal_stopping(payoff, x, r, d, s)
    h = x[1] - x[0]
    assert fd_threshold(W, payoff, x) == pytest.approx(sol.flow_threshold, rel=3 * h)
    X = np.exp(x)
    mid = (X > 0.2 * sol.flow_threshold) & (X < 3 * sol.flow_threshold)
    err = np.abs(W[mid] - o.value(X[mid])).max()
    assert err < 1e-3 * (sol.value_threshold - 100.0)


# ---------------------------------------------------------------- OPT-2
@given(r=rates, d=rates, s=vols, I=costs, ds=st.floats(0.01, 0.3))
def test_volatility_raises_both_thresholds(r, d, s, I, ds):
    """OPT-2 (Dixit & Pindyck 1994, ch. 5.2): under risk neutrality a higher σ lowers β and
    raises V* and X* (the value of waiting)."""
    lo = RealOption(I=I, r=r, delta=d, sigma=s).solve()
    hi = RealOption(I=I, r=r, delta=d, sigma=s + ds).solve()
    assert hi.beta < lo.beta
    assert hi.value_threshold > lo.value_threshold
    assert hi.flow_threshold > lo.flow_threshold


# ---------------------------------------------------------------- OPT-3
def test_payout_rate_comparative_statics_derived_with_sympy():
    """OPT-3: with β(δ_e) defined by the quadratic, d/dδ_e[δ_e β/(β−1)] has the sign of
    ½σ²(β−1)² > 0 (profit trigger up) and d/dδ_e[β/(β−1)] < 0 (hurdle down); the library's
    derivatives (central differences in the premium) agree with the derived formula."""
    b, r, s, de = sp.symbols("beta r sigma delta_e", positive=True)
    quad = s**2 / 2 * b * (b - 1) + (r - de) * b - r
    db = -sp.diff(quad, de) / sp.diff(quad, b)               # implicit function theorem
    de_of_b = sp.solve(sp.Eq(quad, 0), de)[0]
    dX = sp.diff(de * b / (b - 1), de) + sp.diff(de * b / (b - 1), b) * db
    dX_b = sp.simplify(dX.subs(de, de_of_b))
    # the sign-determining factor, derived: dX/dδ_e = (σ²(β−1)²/2)·β/((β−1)²(σ²β − σ²/2 + r − δ_e))
    denom = sp.simplify((s**2 * b - s**2 / 2 + r - de).subs(de, de_of_b))
    assert sp.simplify(dX_b - (s**2 * (b - 1) ** 2 / 2) * b / ((b - 1) ** 2 * denom)) == 0
    assert sp.simplify(denom - (s**2 * b / 2 + r / b)) == 0    # > 0: the sign is positive
    dH = sp.simplify((sp.diff(b / (b - 1), b) * db).subs(de, de_of_b))
    for rv, sv, dv, prem in ((0.04, 0.2, 0.03, 0.02), (0.07, 0.45, 0.05, 0.1)):
        o = RealOption(I=50.0, r=rv, delta=dv, sigma=sv, premium=prem)
        beta = o.beta
        eps = 1e-6
        up = o.replace(premium=prem + eps).solve()
        dn = o.replace(premium=prem - eps).solve()
        num_dX = (up.flow_threshold - dn.flow_threshold) / (2 * eps) / 50.0
        num_dH = (up.hurdle - dn.hurdle) / (2 * eps)
        vals = {b: beta, r: rv, s: sv}
        assert num_dX == pytest.approx(float(dX_b.subs(vals)), rel=1e-5)
        assert num_dH == pytest.approx(float(dH.subs(vals)), rel=1e-5)
        assert num_dX > 0 > num_dH


@given(g=st.floats(0.1, 10), s=vols, w=st.floats(0, 1), n=st.integers(1, 40),
       r=rates, d=rates)
def test_pooling_lowers_the_premium_to_the_common_floor(g, s, w, n, r, d):
    """OPT-3 (Wilson 1968, Econometrica 36:119): ρ(s) = γσ²(ω + (1−ω)/s) falls in the size
    s towards γωσ² (common risk does not diversify); so a bigger syndicate has a lower
    profit trigger X* but a higher hurdle multiple β/(β−1)."""
    rho = pooled_premium(g, s, w, [1, n, n + 1, 10**6])
    assert rho[0] == pytest.approx(g * s**2)
    assert rho[1] >= rho[2] - 1e-15 and rho[2] >= g * w * s**2 * (1 - 1e-12)
    assert rho[3] == pytest.approx(g * w * s**2 + g * (1 - w) * s**2 / 1e6, rel=1e-9)
    assume(w < 1 and n > 1)
    alone = RealOption(I=10.0, r=r, delta=d, sigma=s, premium=float(rho[0])).solve()
    pooled = RealOption(I=10.0, r=r, delta=d, sigma=s, premium=float(rho[1])).solve()
    assert pooled.flow_threshold < alone.flow_threshold
    assert pooled.hurdle > alone.hurdle


# ---------------------------------------------------------------- OPT-4
def test_option_game_against_finite_differences():
    """OPT-4 (Huisman & Kort 1999; Dixit & Pindyck 1994, ch. 9): the follower trigger from
    the grid LCP, the leader's value from the grid ODE, and the preemption point as the
    first root of the grid's L − F agree with the closed forms and the library's root."""
    g = OptionGame.from_cournot(a=10, b=1, I=100, r=0.05, delta=0.03, sigma=0.25)
    sol = g.solve()
    YF = float(sol.follower_thresholds[1])
    x = np.linspace(np.log(1e-4 * YF), np.log(YF), 8001)
    de = float(g.effective_payouts[0])
    # follower: optimal stopping with payoff Y D2/δ − I (grid extended above Y_F)
    xf = np.linspace(np.log(1e-4 * YF), np.log(6 * YF), 8001)
    payoff = lambda Y: Y * g.D2 / de - 100.0  # noqa: E731
    Wf = fd_optimal_stopping(payoff, xf, g.r, de, g.sigma)
    assert fd_threshold(Wf, payoff, xf) == pytest.approx(YF, rel=3 * (xf[1] - xf[0]))
    # leader value on (0, Y_F)
    L = fd_leader_value(g, 0, x)
    Y = np.exp(x)
    mid = Y > 1e-2 * YF
    assert np.abs(L[mid] - g.leader_value(0, Y[mid])).max() < 1e-5 * 100.0
    Ff = np.interp(x, xf, Wf)
    gap = L - Ff
    k = int(np.flatnonzero(gap > 0)[0])
    root = np.exp(x[k - 1] - gap[k - 1] * (x[k] - x[k - 1]) / (gap[k] - gap[k - 1]))
    assert root == pytest.approx(sol.preemption_points[0], rel=1e-3)


def test_symmetric_preemption_equalises_rents():
    """OPT-4 (Fudenberg & Tirole 1985, RES 52:383): symmetric firms: Y_P < Y_L < Y_F,
    L(Y_P) = F(Y_P), L > F on (Y_P, Y_F), Y_F/Y_L = D1/D2; Cournot profit flows
    D1 = a²/4b, D2 = a²/9b."""
    g = OptionGame.from_cournot(a=12, b=2, I=80, r=0.04, delta=0.04, sigma=0.3)
    assert g.D1 == pytest.approx(144 / 8) and g.D2 == pytest.approx(144 / 18)
    s = g.solve()
    assert s.equilibrium == "preemption (rent equalisation)"
    YP, YL, YF = s.preemption_points[0], s.leader_thresholds[0], s.follower_thresholds[0]
    assert YP < YL < YF
    assert YF / YL == pytest.approx(g.D1 / g.D2)
    assert abs(s.leader_rent) < 1e-9 * 80
    Y = np.linspace(YP, YF, 200)[1:-1]
    assert np.all(g.leader_value(0, Y) > g.follower_value(0, Y))
    assert s.leader_trigger == YP


@st.composite
def asymmetric_games(draw):
    I1 = draw(st.floats(10, 1000))
    ratio = draw(st.floats(1.0, 4.0))
    p1 = draw(st.floats(0, 0.1))
    p2 = draw(st.floats(0, 0.1))
    a = draw(st.floats(1, 50))
    r = draw(rates)
    return OptionGame.from_cournot(a=a, b=1.0, I=[I1, I1 * ratio], r=r,
                                   delta=draw(rates), sigma=draw(vols), premium=[p1, p2])


@given(asymmetric_games())
def test_asymmetric_equilibrium_is_subgame_perfect(g):
    """OPT-5 (Pawlina & Kort 2006, JEMS 15:1; Kong & Kwok 2007, EJOR 181:967): the firm
    with the lower preemption point leads at min(Y_L, rival's Y_P). Checked on a grid:
    the leader prefers leading to following at its trigger, the rival never prefers to
    lead below it, and in the sequential case the leader's trigger maximises
    (Y0/Y)^β L(Y) over Y below the rival's preemption point."""
    s = g.solve()
    i, j, Yl = s.leader, s.follower, s.leader_trigger
    tol = 1e-9 * (float(g.I.max()) + Yl * g.D1 / float(g.effective_payouts.min()))
    assert g.leader_value(i, Yl) >= g.follower_value(i, Yl) - tol
    Y = np.linspace(Yl * 1e-3, Yl, 400)[:-1]
    assert np.all(g.leader_value(j, Y) <= g.follower_value(j, Y) + tol)
    assert Yl < s.follower_trigger
    if s.equilibrium == "sequential":
        cap = min(s.preemption_points[j], s.follower_thresholds[j])
        grid = np.linspace(Yl * 0.2, min(cap, 3 * Yl), 4001)
        grid = grid[grid <= cap]
        Y0 = grid[0] * 0.5
        val = (Y0 / grid) ** s.betas[i] * g.leader_value(i, grid)
        assert grid[np.argmax(val)] == pytest.approx(Yl, rel=2 * (grid[1] - grid[0]) / Yl)


def test_cost_asymmetry_switches_preemption_to_sequential():
    """OPT-5 (Pawlina & Kort 2006): with the low-cost firm's cost fixed, a small cost
    disadvantage of the rival gives preemption (the leader enters early, below its own
    trigger); a large one lets the leader wait for its monopoly trigger."""
    g = OptionGame.from_cournot(a=10, b=1, I=100, r=0.04, delta=0.04, sigma=0.2)
    small = g.replace(I=[100, 110]).solve()
    large = g.replace(I=[100, 300]).solve()
    assert small.equilibrium == "preemption" and small.leader == 0
    assert small.leader_trigger < small.leader_thresholds[0]
    assert large.equilibrium == "sequential" and large.leader == 0
    assert large.leader_trigger == large.leader_thresholds[0]


# ---------------------------------------------------------------- OPT-6
@st.composite
def cost_games(draw):
    n = draw(st.integers(2, 5))
    K = draw(st.lists(st.floats(1, 100), min_size=n, max_size=n))
    f = draw(st.lists(st.floats(0, 50), min_size=n, max_size=n))
    return EntryCostGame(K=K, f=f)


@given(cost_games(), st.data())
def test_cost_and_risk_sharing_lower_the_members_triggers(cg, data):
    """OPT-6 (Shapley 1971, IJGT 1:11 for the cost core; Wilson 1968): the member's Shapley
    share of the concave platform cost game is at most its standalone cost, and pooling
    lowers its premium, so its monopoly trigger (∝ δ_e β/(β−1) I) falls in each step;
    it leads the outside rival whenever it shares anything."""
    i = data.draw(st.integers(0, cg.n - 1))
    g = OptionGame.from_cournot(a=10, b=1, I=1.0, r=0.04, delta=0.03, sigma=0.25)
    sc = g.sharing_scenarios(cg, i, risk_aversion=2.0, common_share=0.3)
    trig = {k: v[2].leader_thresholds[0] for k, v in sc.scenarios.items()}
    assert sc.shared_cost <= sc.standalone_cost * (1 + 1e-12)
    assert trig["cost sharing"] <= trig["alone"] * (1 + 1e-12)
    assert trig["risk sharing"] < trig["alone"]
    both = trig["cost and risk sharing"]
    assert both <= min(trig["cost sharing"], trig["risk sharing"]) * (1 + 1e-12)
    ratio = sc.shared_cost / sc.standalone_cost
    assert trig["cost sharing"] / trig["alone"] == pytest.approx(ratio)
    for name in ("risk sharing", "cost and risk sharing"):
        assert sc.scenarios[name][2].leader == 0
    assert sc.scenarios["alone"][2].equilibrium == "preemption (rent equalisation)"


def test_coordinated_timing_against_brute_force():
    """OPT-7: a cluster owning both options enters first at the monopoly trigger (never
    earlier than the preemption equilibrium) and adds the second firm at
    β/(β−1)δ_e I/(2D2 − D1); brute-force maximisation of the joint value of threshold
    policies (Y0/Y1)^β(...) + (Y0/Y2)^β(...) over a grid finds the same thresholds.
    With Cournot flows 2D2 < D1, so the cluster never sends the second firm."""
    g = OptionGame(D1=1.0, D2=0.8, I=[10.0, 14.0], r=0.05, delta=0.04, sigma=0.2)
    c = g.coordinated()
    b, de = float(g.betas[0]), float(g.effective_payouts[0])
    Y0 = 0.01
    Y1 = np.geomspace(0.1, 3.0, 1500)
    Y2 = np.geomspace(0.1, 6.0, 1500)
    best = (-np.inf, None)
    for first in (0, 1):
        v1 = (Y0 / Y1) ** b * (Y1 * g.D1 / de - g.I[first])
        v2 = (Y0 / Y2) ** b * (Y2 * (2 * g.D2 - g.D1) / de - g.I[1 - first])
        k1, k2 = int(np.argmax(v1)), int(np.argmax(v2))
        if Y2[k2] >= Y1[k1] and v1[k1] + v2[k2] > best[0]:
            best = (v1[k1] + v2[k2], (first, Y1[k1], Y2[k2]))
    first, y1, y2 = best[1]
    assert c.order[0] == first and not c.joint
    assert c.first_trigger == pytest.approx(y1, rel=5e-3)
    assert c.second_trigger == pytest.approx(y2, rel=5e-3)
    assert c.first_trigger >= g.solve().leader_trigger
    cournot = OptionGame.from_cournot(a=10, b=1, I=100, r=0.04, delta=0.04, sigma=0.2)
    cc = cournot.coordinated()
    assert cc.second_trigger == np.inf and cc.first_trigger > cournot.solve().leader_trigger


# ---------------------------------------------------------------- units
@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Scaling money by λ: β, hurdles, Y-triggers, equilibrium labels and premia unchanged;
    V*, X*, sunk costs and values scale by λ."""
    o, oL = RealOption(I=100, premium=0.01), RealOption(I=100 * lam, premium=0.01)
    s, sL = o.solve(), oL.solve()
    assert sL.beta == s.beta and sL.hurdle == s.hurdle
    assert sL.value_threshold == pytest.approx(lam * s.value_threshold, rel=1e-12)
    assert sL.flow_threshold == pytest.approx(lam * s.flow_threshold, rel=1e-12)
    assert oL.value(lam * 3.0) == pytest.approx(lam * o.value(3.0), rel=1e-12)
    g = OptionGame.from_cournot(a=10, b=1, I=[100, 120], r=0.04, delta=0.04, sigma=0.2,
                                premium=[0.0, 0.01])
    gL = OptionGame(D1=g.D1 * lam, D2=g.D2 * lam, I=g.I * lam, r=0.04, delta=0.04, sigma=0.2,
                    premium=[0.0, 0.01])
    a, b = g.solve(), gL.solve()
    assert (a.equilibrium, a.leader) == (b.equilibrium, b.leader)
    assert b.leader_trigger == pytest.approx(a.leader_trigger, rel=1e-9)
    np.testing.assert_allclose(b.preemption_points, a.preemption_points, rtol=1e-9)
    np.testing.assert_allclose(gL.values(0.05), lam * g.values(0.05), rtol=1e-9)
    cg = EntryCostGame(K=[30, 45, 60], f=[10, 15, 20])
    cgL = EntryCostGame(K=np.array([30, 45, 60]) * lam, f=np.array([10, 15, 20]) * lam)
    s1 = g.sharing_scenarios(cg, 1).scenarios
    s2 = gL.sharing_scenarios(cgL, 1).scenarios
    for name, (c1, p1, sol1) in s1.items():
        c2, p2, sol2 = s2[name]
        assert c2 == pytest.approx(lam * c1, rel=1e-9) and p2 == p1
        assert (sol1.equilibrium, sol1.leader) == (sol2.equilibrium, sol2.leader)
        assert sol2.leader_trigger == pytest.approx(sol1.leader_trigger, rel=1e-9)
        assert sol2.follower_trigger == pytest.approx(sol1.follower_trigger, rel=1e-9)


def test_results_render_in_jupyter():
    """Results display as HTML tables, infinite triggers included ("inf", not an error)."""
    g = OptionGame.from_cournot(a=10, b=1, I=100, r=0.04, delta=0.04, sigma=0.2)
    html = g.coordinated()._repr_html_()
    assert "second_trigger" in html and "inf" in html
    assert "<table>" in g.solve()._repr_html_() and "<table>" in RealOption().solve()._repr_html_()
    assert r"\beta" in RealOption().closed_forms()._repr_latex_()


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match=r"\bsigma\b"):
        RealOption(sigma=0)
    with pytest.raises(ValueError, match=r"\bD2\b"):
        OptionGame(D1=1.0, D2=2.0)
    with pytest.raises(ValueError, match=r"\bY0\b"):
        OptionGame().values(10.0)
    with pytest.raises(ValueError, match=r"\bcost_game\b"):
        OptionGame().sharing_scenarios(None)
    with pytest.raises(ValueError, match=r"\bsize\b"):
        pooled_premium(1.0, 0.2, 0.3, 0)
    with pytest.raises(ValueError, match=r"\bpremium\b"):
        OptionGame(premium=[0.0, 0.01]).coordinated()
