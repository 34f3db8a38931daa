"""Learning in games: best-response dynamics, fictitious play, logit dynamics, log-linear
learning and exact potentials (DYN-8 … DYN-12).

Cross-checks: fictitious play against the equilibria of the bimatrix solver and against
Shapley's (1964) example; the potential found by the path construction against potentials
built into generated games; Rosenthal's potential of entry games against the normal form;
log-linear learning's stationary distribution (solved from its transition matrix) against
the Gibbs distribution of the potential; logit equilibria against pygambit's logit QRE.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt

SHAPLEY = gt.NormalFormGame([np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]]),
                             np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]])])


def potential_game(seed, shape):
    """u_p = Φ + (a term that does not depend on p's own action): an exact potential game."""
    rng = np.random.default_rng(seed)
    phi = rng.normal(size=shape)
    U = np.empty(shape + (len(shape),))
    for p in range(len(shape)):
        dummy = rng.normal(size=shape[:p] + (1,) + shape[p + 1:])
        U[..., p] = phi + dummy
    return gt.NormalFormGame(U), phi


# --------------------------------------------------------------------------- fictitious play
@settings(deadline=None, max_examples=max(5, settings().max_examples // 3))
@given(seed=st.integers(0, 2**32 - 1))
def test_fictitious_play_converges_in_2x2_with_unique_mixed_equilibrium(seed):
    """DYN-8 (Robinson 1951; Miyasawa 1961): in a 2×2 game whose only equilibrium is
    completely mixed, the empirical frequencies of fictitious play converge to it."""
    rng = np.random.default_rng(seed)
    # matching-pennies sign pattern: row wants to match, column to mismatch
    a = rng.uniform(0.5, 3, 4)
    b = rng.uniform(0.5, 3, 4)
    A = np.array([[a[0], -a[1]], [-a[2], a[3]]])
    B = np.array([[-b[0], b[1]], [b[2], -b[3]]])
    game = gt.NormalFormGame([A, B])
    eqs = game.nash_equilibria()
    assert len(eqs) == 1
    x, y = eqs[0]
    fp = gt.fictitious_play(game, rounds=20_000)
    assert fp.converged and not fp.cycling
    assert np.allclose(fp.frequencies[0], x, atol=0.02)
    assert np.allclose(fp.frequencies[1], y, atol=0.02)
    assert fp.gap_history[-1, 1] < fp.gap_history[len(fp.gap_history) // 4, 1]


def test_fictitious_play_cycles_in_shapley_game():
    """DYN-8 (Shapley 1964): play runs round a six-profile cycle with runs growing roughly
    geometrically; the frequencies do not converge (the Nash gap stays away from 0)."""
    fp = gt.fictitious_play(SHAPLEY, rounds=30_000, start=(0, 1))
    assert fp.cycling and not fp.converged and len(fp.cycle) == 6
    assert len(set(fp.cycle)) == 6 and all(a != b for a, b in fp.cycle)  # off the diagonal
    runs = np.array(fp.run_lengths[:-1], dtype=float)
    assert np.all(np.diff(runs) > 0) and np.all(runs[1:] / runs[:-1] > 1.2)
    late = fp.gap_history[fp.gap_history[:, 0] > 1000, 1]
    assert late.min() > 0.05


def test_fictitious_play_on_an_entry_game():
    """DYN-8 (Monderer & Shapley 1996): a two-firm entry game has a potential, so fictitious
    play converges."""
    e = gt.EntryGame.from_count_payoffs([[6.0, -2.0], [4.0, -3.0]])
    fp = gt.fictitious_play(e, rounds=5000)
    assert fp.converged and fp.nash_gap < 1e-2


# --------------------------------------------------------------------------- potentials
@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2),
                                                              (3, 2, 2)]))
def test_exact_potential_is_found(seed, shape):
    """DYN-9 (Monderer & Shapley 1996, thm 2.8): the path construction recovers the potential
    of a game built from one (up to a constant); a generic random game has none."""
    game, phi = potential_game(seed, shape)
    found = gt.exact_potential(game)
    assert found is not None
    assert np.allclose(found - found.flat[0], phi - phi.flat[0])
    rng = np.random.default_rng(seed)
    assert gt.exact_potential(gt.NormalFormGame(rng.normal(size=shape + (len(shape),)))) is None


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 6))
def test_rosenthal_potential_of_entry_games(seed, n):
    """DYN-9 (Rosenthal 1973): an entry game with π_i(k) = g(k) + c_i has the potential
    Σ_{k≤|E|} g(k) + Σ_{i∈E} c_i; it agrees with the normal-form potential and its maximisers
    are pure equilibria."""
    rng = np.random.default_rng(seed)
    F = rng.integers(20, 400, n).astype(float)
    e = gt.EntryGame.cournot(a=100, b=1, c=40, F=F)
    pot = gt.entry_potential(e)
    assert pot is not None
    phi = gt.exact_potential(e.to_normal_form())
    for prof in itertools.product((0, 1), repeat=n):
        assert pot(prof) == pytest.approx(phi[prof] + pot((0,) * n), abs=1e-9)
    eq = set(e.pure_nash_equilibria())
    assert set(pot.maximizers()) <= eq
    best = max(pot(p) for p in itertools.product((0, 1), repeat=n))
    assert {p for p in itertools.product((0, 1), repeat=n)
            if pot(p) >= best - 1e-9} == set(pot.maximizers())


# --------------------------------------------------------------------------- best responses
@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 3), (2, 2, 2),
                                                              (3, 2, 2)]))
def test_best_responses_converge_in_potential_games(seed, shape):
    """DYN-10 (Monderer & Shapley 1996, finite improvement property): sequential best-response
    dynamics in an exact potential game stop at a pure Nash equilibrium from every start,
    the potential rising strictly at every switch."""
    game, _ = potential_game(seed, shape)
    for start in itertools.product(*(range(k) for k in shape)):
        path = gt.best_response_dynamics(game, start=start)
        assert path.converged and path.equilibrium in game.pure_nash_equilibria()
        assert np.all(np.diff(path.potential) > 0)


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 40))
def test_best_responses_in_large_entry_games(seed, n):
    """DYN-10: in a Cournot entry game with firm-specific entry costs (a potential game) the
    sequential dynamics, run on counts, end at a pure equilibrium for any n."""
    rng = np.random.default_rng(seed)
    e = gt.EntryGame.cournot(a=100, b=1, c=40, F=rng.uniform(10, 600, n))
    start = tuple(int(v) for v in rng.integers(0, 2, n))
    path = gt.best_response_dynamics(e, start=start)
    assert path.converged and np.all(np.diff(path.potential) > 0)
    st_ = e.equilibrium_structure()
    k = sum(path.equilibrium)
    forced = set(st_.forced_in[k])
    assert st_.count[k] > 0 and forced <= {i for i, v in enumerate(path.equilibrium) if v}


def test_best_responses_cycle_without_potential():
    """DYN-10: matching pennies has no pure equilibrium: the dynamics run round a four-profile
    cycle; simultaneous best responses cycle even in a coordination game."""
    pennies = gt.NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    path = gt.best_response_dynamics(pennies)
    assert not path.converged and len(path.cycle) == 4 and path.potential is None
    coord = gt.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    sim = gt.best_response_dynamics(coord, start=(0, 1), order="simultaneous")
    assert not sim.converged and set(sim.cycle) == {(0, 1), (1, 0)}
    assert gt.best_response_dynamics(coord, start=(0, 1)).converged


# --------------------------------------------------------------------------- logit
@settings(deadline=None, max_examples=max(5, settings().max_examples // 4))
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (2, 3), (3, 3)]))
def test_logit_equilibrium_matches_gambit(seed, shape):
    """DYN-11 (McKelvey & Palfrey 1995): the rest point of the logit dynamics equals Gambit's
    logit QRE at λ = 1/η (noise small enough relative to the payoffs for a unique QRE)."""
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=shape), rng.normal(size=shape)
    eta = 1.5
    ours = gt.LogitDynamics(gt.NormalFormGame([A, B]), eta).equilibrium()
    assert ours.residual < 1e-10
    G = gbt.Game.from_arrays(A, B)
    ref = gbt.qre.logit_solve_lambda(G, lam=[1 / eta])[0].profile
    for p, pl in enumerate(G.players):
        assert np.allclose([float(ref[s]) for s in pl.strategies], ours.strategies[p],
                           atol=1e-6)


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2)]))
def test_log_linear_learning_is_gibbs_in_potential_games(seed, shape):
    """DYN-12 (Blume 1993): the stationary distribution of log-linear learning, solved from
    its transition matrix, is the Gibbs distribution exp(Φ/η)/Z of the potential; as η → 0
    it concentrates on the maximisers of Φ."""
    game, phi = potential_game(seed, shape)
    for eta in (0.3, 1.0):
        assert np.allclose(gt.log_linear_stationary(game, eta),
                           gt.gibbs_distribution(phi, eta), atol=1e-10)
    cold = gt.log_linear_stationary(game, 0.02)
    assert np.allclose(cold, gt.gibbs_distribution(phi, 0.02), atol=1e-10)
    gap = np.sort(phi.ravel())[-1] - np.sort(phi.ravel())[-2]
    if gap > 0.15:
        assert cold[np.unravel_index(np.argmax(phi), shape)] > 0.99


def test_log_linear_learning_without_potential_is_stationary():
    """DYN-12: for a game without potential the distribution returned is still stationary:
    π P = π for the transition matrix built here independently."""
    rng = np.random.default_rng(1)
    game = gt.NormalFormGame(rng.normal(size=(2, 3, 2)))
    eta = 0.7
    pi = gt.log_linear_stationary(game, eta)
    profiles = list(itertools.product(range(2), range(3)))
    P = np.zeros((6, 6))
    for i, s in enumerate(profiles):
        for p in range(2):
            vals = game.payoffs[s[:p] + (slice(None),) + s[p + 1:] + (p,)] / eta
            prob = np.exp(vals - vals.max())
            prob /= prob.sum()
            for a, q in enumerate(prob):
                t = s[:p] + (a,) + s[p + 1:]
                P[i, profiles.index(t)] += q / 2
    flat = pi.ravel()
    assert np.allclose(flat @ P, flat, atol=1e-12)


def test_symmetric_entry_logit_approaches_mixed_equilibrium():
    """DYN-11: the symmetric logit equilibria of a symmetric Cournot entry game satisfy the
    fixed-point condition and approach its symmetric mixed equilibria as η → 0."""
    e = gt.EntryGame.cournot(a=100, b=1, c=40, F=300, n=10)
    target = [p for p in e.symmetric_mixed_equilibria() if 0 < p < 1]
    errs = []
    for eta in (10.0, 1.0, 0.1, 0.01):
        ps = gt.symmetric_entry_logit(e, eta)
        errs.append(min(abs(p - t) for p in ps for t in target))
    assert errs == sorted(errs, reverse=True) and errs[-1] < 1e-3


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """DYN-8…12: payoffs × λ (and η × λ) give the same learning paths, frequencies, logit
    equilibria and stationary distributions."""
    game, phi = potential_game(3, (3, 2))
    scaled = gt.NormalFormGame(game.payoffs * lam)
    assert gt.best_response_dynamics(game).profiles == gt.best_response_dynamics(scaled).profiles
    a, b = gt.fictitious_play(game, 2000), gt.fictitious_play(scaled, 2000)
    assert all(np.allclose(x, y) for x, y in zip(a.frequencies, b.frequencies))
    assert a.nash_gap == pytest.approx(b.nash_gap, rel=1e-9, abs=1e-15)
    qa = gt.LogitDynamics(game, 0.8).equilibrium()
    qb = gt.LogitDynamics(scaled, 0.8 * lam).equilibrium()
    assert all(np.allclose(x, y, atol=1e-9) for x, y in zip(qa.strategies, qb.strategies))
    assert np.allclose(gt.log_linear_stationary(game, 0.5),
                       gt.log_linear_stationary(scaled, 0.5 * lam))
    assert (gt.exact_potential(scaled) is None) == (gt.exact_potential(game) is None)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: gt.best_response_dynamics(SHAPLEY, start=(0, 5)), r"\bstart\b"),
    (lambda: gt.best_response_dynamics(SHAPLEY, start=(0,)), r"\bstart\b"),
    (lambda: gt.best_response_dynamics(SHAPLEY, order="random"), r"\border\b"),
    (lambda: gt.best_response_dynamics(SHAPLEY, max_rounds=0), r"\bmax_rounds\b"),
    (lambda: gt.best_response_dynamics([[1, 2]]), r"\bgame\b"),
    (lambda: gt.fictitious_play(SHAPLEY, rounds=0), r"\brounds\b"),
    (lambda: gt.fictitious_play(SHAPLEY, tol=2.0), r"\btol\b"),
    (lambda: gt.fictitious_play(SHAPLEY, start=(3, 0)), r"\bstart\b"),
    (lambda: gt.LogitDynamics(SHAPLEY, 0.0), r"\beta\b"),
    (lambda: gt.LogitDynamics(SHAPLEY, float("nan")), r"\beta\b"),
    (lambda: gt.LogitDynamics(SHAPLEY, 1.0).trajectories([0.5, 0.5, 0.5, 1, 0, 0]),
     r"\bx0\b"),
    (lambda: gt.log_linear_stationary(SHAPLEY, -1.0), r"\beta\b"),
    (lambda: gt.log_linear_stationary(SHAPLEY, 1e-4), r"\beta\b"),
    (lambda: gt.symmetric_entry_logit(gt.EntryGame.from_count_payoffs([[1, 2], [3, 4]]), 1.0),
     r"\bsymmetric\b"),
    (lambda: gt.gibbs_distribution([0.0, 1.0], 0.0), r"\beta\b"),
])
def test_bad_input(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
