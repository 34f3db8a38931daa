"""Replicator dynamics: Jacobians, rest points, stability and integration (DYN-1 … DYN-4).

Cross-checks: the closed-form Jacobian against central finite differences; the rest points
of two-strategy populations found by elimination against the exact sympy solution of the
same polynomial systems (a second algorithm); the stability verdicts against the
Selten / Ritzberger–Weibull theorem and published single-population examples; the
vectorised Dormand–Prince integration against scipy's DOP853 at tight tolerance.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.dynamics import ReplicatorDynamics

SHAPES = [(2, 2), (2, 3), (3, 3), (2, 2, 2), (2, 3, 2)]


def random_game(seed, shape, integer=False):
    rng = np.random.default_rng(seed)
    n = len(shape)
    if integer:
        return gt.NormalFormGame(rng.integers(-4, 5, shape + (n,)).astype(float))
    return gt.NormalFormGame(rng.normal(size=shape + (n,)))


def numeric_jacobian(f, x, h=1e-6):
    J = np.zeros((x.size, x.size))
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h
        J[:, j] = (f(x + e) - f(x - e)) / (2 * h)
    return J


def strict_pure_equilibria(game):
    out = []
    for prof in itertools.product(*(range(k) for k in game.shape)):
        ok = True
        for p in range(game.n):
            vals = game.payoffs[prof[:p] + (slice(None),) + prof[p + 1:] + (p,)]
            if np.sum(vals >= vals[prof[p]]) != 1:
                ok = False
        if ok:
            out.append(prof)
    return out


def pure_profile(rd, point):
    return tuple(s[0] for s in point.support)


# --------------------------------------------------------------------------- Jacobian
@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES + [(3,), (4,)]))
def test_jacobian_matches_finite_differences(seed, shape):
    """DYN-1: the closed-form Jacobian of the replicator field equals central differences
    (one population for a 1-tuple shape, else one population per player)."""
    rng = np.random.default_rng(seed)
    if len(shape) == 1:
        rd = ReplicatorDynamics.single_population(rng.normal(size=shape * 2))
    else:
        rd = ReplicatorDynamics(random_game(seed, shape))
    x = np.concatenate([rng.dirichlet(np.ones(k)) for k in rd.sizes])
    J = rd.jacobian(x)
    assert np.allclose(J, numeric_jacobian(rd.velocity, x), atol=1e-7)
    X = np.stack([x, np.concatenate([rng.dirichlet(np.ones(k)) for k in rd.sizes])])
    assert np.allclose(rd.jacobian(X)[0], J) and rd.velocity(X).shape == X.shape


# --------------------------------------------------------------------------- rest points
@settings(deadline=None, max_examples=max(5, settings().max_examples // 4))
@given(seed=st.integers(0, 2**32 - 1), integer=st.booleans())
def test_binary_rest_points_match_exact_solution(seed, integer):
    """DYN-2: for three populations with two strategies, the rest points found by elimination
    (faces linear, interior a quadratic) equal those of the exact sympy solution of the
    indifference equations, support by support; each is a zero of the vector field."""
    rd = ReplicatorDynamics(random_game(seed, (2, 2, 2), integer))
    fast = rd.rest_points()
    subsets = [[S for r in (1, 2) for S in itertools.combinations(range(2), r)]] * 3
    exact, degenerate = rd._rest_poly(subsets)
    assert fast.degenerate == degenerate
    if degenerate:
        return
    key = sorted(tuple(np.round(p.state, 8)) for p in fast)
    assert key == sorted(tuple(np.round(x, 8)) for x in exact)
    for p in fast:
        assert np.abs(rd.velocity(p.state)).max() < 1e-9


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES[:4]))
def test_only_strict_pure_profiles_are_asymptotically_stable(seed, shape):
    """DYN-3 (Selten 1980; Ritzberger & Weibull 1995): in multi-population replicator
    dynamics a rest point is a sink iff it is a strict pure Nash equilibrium; no mixed rest
    point is asymptotically stable. Every rest point found is a zero of the field."""
    game = random_game(seed, shape)
    rd = ReplicatorDynamics(game)
    points = rd.rest_points()
    assert not points.degenerate
    sinks = {pure_profile(rd, p) for p in points if p.stability == "sink"}
    assert all(p.is_pure for p in points if p.stability == "sink")
    assert sinks == set(strict_pure_equilibria(game))
    for p in points:
        assert np.abs(rd.velocity(p.state)).max() < 1e-9 * max(1, rd.scale)
        if not p.is_pure:
            assert p.asymptotically_stable is not True


@pytest.mark.parametrize("seed", range(3))
def test_only_strict_pure_profiles_are_stable_three_strategies(seed):
    """DYN-3 with three populations and a three-strategy population (rest points solved
    exactly in sympy)."""
    game = random_game(seed, (2, 3, 2))
    points = ReplicatorDynamics(game).rest_points()
    sinks = {tuple(s[0] for s in p.support) for p in points if p.stability == "sink"}
    assert all(p.is_pure for p in points if p.stability == "sink")
    assert sinks == set(strict_pure_equilibria(game))


def test_matching_pennies_centre():
    """DYN-3: matching pennies between two populations — the mixed point is a centre
    (eigenvalues ±i for payoffs ±1), the four vertices saddles."""
    rd = ReplicatorDynamics(gt.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]]))
    pts = rd.rest_points()
    assert [p.stability for p in pts] == ["saddle"] * 4 + ["non-hyperbolic"]
    assert np.allclose(sorted(pts[4].eigenvalues, key=lambda z: z.imag), [-1j, 1j])
    assert np.allclose(pts[4].state, 0.5)


def test_hawk_dove_mixed_ess_is_stable():
    """DYN-4: Hawk–Dove with value V = 2 and cost C = 4 (Maynard Smith & Price 1973, Nature
    246:15): the mixed ESS, a share V/C = 1/2 of hawks, is a sink of the one-population
    dynamics; the pure states are unstable."""
    V, C = 2.0, 4.0
    rd = ReplicatorDynamics.single_population([[(V - C) / 2, V], [0, V / 2]],
                                              strategies=["hawk", "dove"])
    pts = {p.label: p for p in rd.rest_points()}
    mixed = [p for p in pts.values() if not p.is_pure]
    assert len(mixed) == 1 and np.allclose(mixed[0].state, [V / C, 1 - V / C])
    assert mixed[0].stability == "sink"
    assert pts["hawk"].stability != "sink" and pts["dove"].stability != "sink"


@pytest.mark.parametrize(("a", "b", "verdict"), [(2.0, 1.0, "sink"), (1.0, 2.0, "source"),
                                                 (1.0, 1.0, "non-hyperbolic")])
def test_rock_paper_scissors_interior(a, b, verdict):
    """DYN-4 (Zeeman 1980; Hofbauer & Sigmund 1998, sect. 7.7): in the rock–paper–scissors game
    with win a and loss b the interior point (1/3, 1/3, 1/3) is asymptotically stable iff
    a > b, repelling iff a < b, a centre (zero-sum) iff a = b."""
    A = np.array([[0, -b, a], [a, 0, -b], [-b, a, 0]])
    rd = ReplicatorDynamics.single_population(A)
    inner = [p for p in rd.rest_points() if not p.is_pure]
    assert len(inner) == 1 and np.allclose(inner[0].state, 1 / 3)
    assert inner[0].stability == verdict
    # eigenvalues on the simplex: (b − a)/6 ± i (a + b)/(2√3)
    ev = sorted(inner[0].eigenvalues, key=lambda z: z.imag)
    assert np.allclose(ev, [(b - a) / 6 - 1j * (a + b) / (2 * np.sqrt(3)),
                            (b - a) / 6 + 1j * (a + b) / (2 * np.sqrt(3))])


def test_degenerate_game_is_flagged():
    """DYN-2: a population indifferent at a vertex carries a segment of rest points: flagged."""
    U = np.zeros((2, 2, 2))
    U[..., 0] = [[1, 1], [0, 0]]
    U[..., 1] = [[2, 2], [2, 2]]  # population 1 is indifferent everywhere
    pts = ReplicatorDynamics(gt.NormalFormGame(U)).rest_points()
    assert pts.degenerate and "continuum" in pts.note


# --------------------------------------------------------------------------- integration
@settings(deadline=None, max_examples=max(5, settings().max_examples // 4))
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2, 2), (2, 3), (3, 3)]))
def test_vectorised_integration_matches_scipy(seed, shape):
    """DYN-4: the vectorised Dormand–Prince integration agrees with scipy's DOP853 at tight
    tolerance, trajectory by trajectory, and keeps every population on its simplex."""
    from scipy.integrate import solve_ivp

    rd = ReplicatorDynamics(random_game(seed, shape))
    rng = np.random.default_rng(seed)
    X0 = np.stack([np.concatenate([rng.dirichlet(np.ones(k)) for k in rd.sizes])
                   for _ in range(8)])
    T = 5.0 / rd.scale
    tr = rd.trajectories(X0, T, n_points=11)
    for b in range(8):
        ref = solve_ivp(lambda _, x: rd.velocity(x), (0, T), X0[b], method="DOP853",
                        rtol=1e-12, atol=1e-13, t_eval=tr.times).y.T
        assert np.abs(tr.states[b] - ref).max() < 1e-6
    for part in rd.split(tr.states):
        assert np.allclose(part.sum(axis=-1), 1.0) and part.min() >= 0


@settings(deadline=None, max_examples=max(5, settings().max_examples // 4))
@given(seed=st.integers(0, 2**32 - 1))
def test_trajectories_confirm_the_verdicts(seed):
    """DYN-4: started close to a rest point, trajectories close in on a sink and some move
    away from a saddle or source (a cross-check of the eigenvalue verdicts by integration)."""
    rd = ReplicatorDynamics(random_game(seed, (2, 2, 2)))
    rng = np.random.default_rng(seed)
    pts = [p for p in rd.rest_points() if p.stability != "non-hyperbolic" and p.is_pure
           and np.abs(np.real(p.eigenvalues)).min() > 0.1 * rd.scale]  # not nearly degenerate
    if not pts:
        return
    rates = [np.abs(np.real(p.eigenvalues)).min() for p in pts]
    T = 6.0 / min(rates)
    starts, owner = [], []
    for i, p in enumerate(pts):
        z = p.state[::2]  # first-strategy shares
        for _ in range(12):
            starts.append(np.clip(z + np.where(z > 0.5, -1, 1) * rng.uniform(0, 1e-3, 3), 0, 1))
            owner.append(i)
    starts, owner = np.array(starts), np.array(owner)
    final = rd.trajectories(starts, T, n_points=2).final[:, ::2]
    d0 = np.abs(starts - np.array([pts[i].state[::2] for i in owner])).max(axis=1)
    d1 = np.abs(final - np.array([pts[i].state[::2] for i in owner])).max(axis=1)
    for i, p in enumerate(pts):
        mine = owner == i
        if p.stability == "sink":
            assert np.all(d1[mine] < d0[mine] / 10), p
        else:
            assert np.any(d1[mine] > 10 * d0[mine]), p
    idx = rd.limits(rng.random((20, 3)), horizon=50.0)
    assert all(rd.rest_points()[i].stability == "sink" for i in idx if i >= 0)


@settings(deadline=None, max_examples=max(5, settings().max_examples // 4))
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (2, 2, 2)]))
def test_limits_trap_certificate_matches_full_integration(seed, shape):
    """DYN-13: the limits found with trapping boxes (paths stop once certain to end within
    the radius of a pure sink) are the limits read off paths integrated to the horizon."""
    rd = ReplicatorDynamics(random_game(seed, shape))
    pts = rd.rest_points()
    starts = np.random.default_rng(seed).random((300, len(shape)))
    for horizon, radius in ((200.0, 1e-3), (30.0, 1e-2)):
        fast = rd.limits(starts, horizon=horizon, points=pts, radius=radius)
        tr = rd.trajectories(starts, horizon / rd.scale, n_points=101)
        slow = np.full(len(starts), -1)
        for i, pt in enumerate(pts):
            if pt.stability == "sink":
                slow[np.abs(tr.final - pt.state).max(axis=-1) < radius] = i
        # paths that come within round-off of a face z_p = 1 and leave it again owe their
        # escape to round-off (1 − z_p is lost): either answer is within the error
        z = tr.states[..., ::2]
        roundoff = ((z.max(axis=1) > 1 - 1e-12) & (z[:, -1] < 0.5)).any(axis=-1)
        # a path may lie within the integration error of a separatrix: allow 1 in 300
        bad = (fast != slow) & ~roundoff
        assert bad.sum() <= 1, (horizon, fast[bad], slow[bad])
        assert all(pts[i].stability == "sink" for i in fast if i >= 0)
    assert rd.limits(starts[0], points=pts).shape == (1,)


def test_retired_columns_are_frozen():
    """DYN-13: the integrator stops the columns its ``retire`` callback marks and repeats
    their last state; the other columns are integrated as without retirement."""
    from gametheory.dynamics._integrate import dopri5

    times = np.linspace(0.0, 2.0, 5)
    Y0 = np.array([[1.0, 2.0, 3.0]])
    plain, _ = dopri5(lambda Y: -Y, Y0, times)
    frozen, _ = dopri5(lambda Y: -Y, Y0, times,
                       retire=lambda k, Y, cols: (cols == 1) if k == 2 else cols < 0)
    assert np.allclose(plain[:, 0, :], np.exp(-times)[:, None] * Y0[0], rtol=1e-6)
    assert np.array_equal(frozen[3:, 0, 1], [plain[2, 0, 1]] * 2)
    assert np.allclose(frozen[:, 0, [0, 2]], plain[:, 0, [0, 2]], rtol=1e-6)
    everything, _ = dopri5(lambda Y: -Y, Y0, times, retire=lambda k, Y, cols: cols >= 0)
    assert np.array_equal(everything[1:], np.repeat(everything[1:2], 4, axis=0))


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """DYN-2/3: payoffs × λ leave rest points and verdicts unchanged, scale eigenvalues by λ,
    and run the same paths λ times faster."""
    game = random_game(7, (2, 2, 2))
    base = ReplicatorDynamics(game)
    scaled = ReplicatorDynamics(gt.NormalFormGame(game.payoffs * lam))
    a, b = base.rest_points(), scaled.rest_points()
    assert [p.stability for p in a] == [p.stability for p in b]
    for p, q in zip(a, b):
        assert np.allclose(p.state, q.state)
        assert np.allclose(np.sort_complex(q.eigenvalues), np.sort_complex(p.eigenvalues) * lam,
                           rtol=1e-9, atol=0)
    x0 = np.array([[0.2, 0.6, 0.4]])
    ta = base.trajectories(x0, 3.0, n_points=5)
    tb = scaled.trajectories(x0, 3.0 / lam, n_points=5)
    assert np.allclose(ta.states, tb.states, atol=1e-7)
    A = np.array([[0, -1, 2], [2, 0, -1], [-1, 2, 0]])
    s1 = ReplicatorDynamics.single_population(A).rest_points()
    s2 = ReplicatorDynamics.single_population(A * lam).rest_points()
    assert [p.stability for p in s1] == [p.stability for p in s2]


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("call", "match"), [
    (lambda rd: rd.trajectories([0.5, 0.6, 0.1, 0.2], 1.0), r"\bx0\b.*probability vector"),
    (lambda rd: rd.trajectories([-0.1, 1.1, 0.5, 0.5], 1.0), r"\bx0\b"),
    (lambda rd: rd.trajectories([[0.5, 1.5]], 1.0), r"\bx0\b.*\[0, 1\]"),
    (lambda rd: rd.trajectories([0.5, np.nan], 1.0), r"\bx0\b.*finite"),
    (lambda rd: rd.trajectories([0.5, 0.5, 0.5], 1.0), r"\bx0\b.*length"),
    (lambda rd: rd.trajectories([0.5, 0.5], 0.0), r"\bt_max\b"),
    (lambda rd: rd.trajectories([0.5, 0.5], 1.0, n_points=1), r"\bn_points\b"),
    (lambda rd: rd.rest_point([0.3, 0.7, 0.5, 0.5]), r"not a rest point"),
    (lambda rd: rd.limits([0.5, 0.5], horizon=-1), r"\bhorizon\b"),
])
def test_bad_states_are_rejected(call, match):
    rd = ReplicatorDynamics(gt.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]]))
    with pytest.raises(ValueError, match=match):
        call(rd)


def test_bad_games_are_rejected():
    with pytest.raises(ValueError, match=r"\bA\b.*finite"):
        ReplicatorDynamics.single_population([[1, np.inf], [0, 1]])
    with pytest.raises(ValueError, match=r"\bA\b.*square"):
        ReplicatorDynamics.single_population([[1, 2, 3], [0, 1, 2]])
    with pytest.raises(TypeError, match=r"\bgame\b"):
        ReplicatorDynamics([[1, 0], [0, 1]])
    with pytest.raises(ValueError, match=r"\bpayoffs\b.*finite"):
        ReplicatorDynamics(gt.NormalFormGame([[[1, np.nan], [0, 1]], [[1, 0], [0, 1]]]))
