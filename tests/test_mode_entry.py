"""ModeEntryGame (entry with several modes): the count-vector / transportation solver
against brute force over all (M+1)^n profiles, against the binary EntryGame (M = 1),
Hall's condition against scipy's maximum flow, the multinomial count of identical
firms against the dynamic programme, HMY sorting (COST-1), Cournot payoffs against the
closed form, and bad input."""

import contextlib
import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory as gt
from gametheory.models import EntryModeSorting
from gametheory.noncooperative import modes as modes_module
from gametheory.noncooperative.entry import EntryGame
from gametheory.noncooperative.modes import (
    ModeEntryGame,
    count_vector_rank,
    count_vectors,
)


def brute_force(n, M, u):
    """Pure NE by checking every unilateral deviation of every (M+1)^n profile, with the
    payoff callable u(i, mode, counts) evaluated directly (no table of the solver)."""

    def pay(i, prof):
        if prof[i] == 0:
            return 0.0
        k = tuple(sum(1 for a in prof if a == j) for j in range(1, M + 1))
        return u(i, prof[i], k)

    out = []
    for prof in itertools.product(range(M + 1), repeat=n):
        ok = True
        for i in range(n):
            now = pay(i, prof)
            for a in range(M + 1):
                if a != prof[i]:
                    dev = prof[:i] + (a,) + prof[i + 1:]
                    if pay(i, dev) > now:
                        ok = False
                        break
            if not ok:
                break
        if ok:
            out.append(prof)
    return out


@st.composite
def small_games(draw, max_n=6, max_m=3):
    n = draw(st.integers(1, max_n))
    M = draw(st.integers(1, max_m))
    if (M + 1) ** n > 1100:  # keep the brute force cheap
        n = max(1, int(math.log(1100) / math.log(M + 1)))
    T = draw(st.integers(1, n))
    types = draw(st.lists(st.integers(0, T - 1), min_size=n, max_size=n))
    used = sorted(set(types))
    types = [used.index(t) for t in types]
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    K = math.comb(n + M, M)
    V = rng.integers(-3, 4, size=(len(used), M, K)).astype(float)  # small ints: many ties
    return n, M, types, V


@given(small_games())
def test_equilibria_match_normal_form_brute_force(game):
    """Count-vector solver = NormalFormGame.pure_nash_equilibria on the (M+1)^n table."""
    n, M, types, V = game
    g = ModeEntryGame.from_arrays(V, types=types)
    eq = g.pure_nash_equilibria()
    assert eq == g.to_normal_form().pure_nash_equilibria()
    assert g.count_equilibria() == len(eq)
    assert all(g.is_equilibrium(p) for p in eq)


@given(small_games(max_n=4, max_m=3))
def test_callable_game_matches_direct_brute_force(game):
    """Game given by a callable: solver = a direct loop over profiles and deviations."""
    n, M, types, V = game

    def u(i, mode, k):
        return float(V[types[i], mode - 1, int(count_vector_rank(k, n))])

    g = ModeEntryGame(n, u, modes=M, types=types)
    assert g.pure_nash_equilibria() == brute_force(n, M, u)
    # and with every firm its own type (callable evaluated per firm)
    assert ModeEntryGame(n, u, modes=M).pure_nash_equilibria() == brute_force(n, M, u)


@contextlib.contextmanager
def force_max_flow():
    """Make the solver use scipy's maximum flow instead of the Hall subsets."""
    old = modes_module.MAX_HALL_SUBSETS
    modes_module.MAX_HALL_SUBSETS = 0
    try:
        yield
    finally:
        modes_module.MAX_HALL_SUBSETS = old


@given(small_games(max_n=5, max_m=3))
def test_hall_condition_equals_max_flow(game):
    """Hall / supply–demand condition (Gale 1957) = scipy maximum flow, on the same game."""
    n, M, types, V = game
    hall = ModeEntryGame.from_arrays(V, types=types)._feasible()
    with force_max_flow():
        flow = ModeEntryGame.from_arrays(V, types=types)._feasible()
    assert np.array_equal(hall, flow)


@given(st.integers(1, 7), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_identical_firms_multinomial_equals_dp(n, M, seed):
    """Identical firms: the closed-form count n!/Π k_a! (one type) equals the DP count on
    the same game with the firms declared as different types."""
    rng = np.random.default_rng(seed)
    K = math.comb(n + M, M)
    V = rng.integers(-2, 3, size=(M, K)).astype(float)
    one = ModeEntryGame.from_arrays(V)
    assert one.T == 1
    many = ModeEntryGame.from_arrays(np.broadcast_to(V, (n, M, K)), types=list(range(n)))
    assert many.T == n
    assert one.equilibrium_structure() == many.equilibrium_structure()
    # a zero game: every profile is an equilibrium
    zero = ModeEntryGame.from_arrays(np.zeros((2, M, K)), types=[i % 2 for i in range(n)])
    assert zero.count_equilibria() == (M + 1) ** n


def test_zero_game_n25_exact_count():
    """All (M+1)^n = 5^25 profiles are equilibria; counted exactly without listing."""
    K = math.comb(29, 4)
    g = ModeEntryGame.from_arrays(np.zeros((4, K)))
    assert g.n == 25 and g.count_equilibria() == 5**25
    with pytest.raises(ValueError, match=r"\bmax_listed\b"):
        g.pure_nash_equilibria()


@given(st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_one_mode_equals_binary_entry_game(n, seed):
    """M = 1: the mode-entry solver reproduces EntryGame (count-structure) results."""
    rng = np.random.default_rng(seed)
    P = rng.integers(-3, 4, size=(n, n)).astype(float)  # P[i, k-1]
    binary = EntryGame.from_count_payoffs(P)
    V = np.concatenate([np.zeros((n, 1)), P], axis=1)[:, None, :]  # value index k = rank
    g = ModeEntryGame.from_arrays(V, modes=("enter",))
    assert g.pure_nash_equilibria() == binary.pure_nash_equilibria()
    assert g.count_equilibria() == binary.count_equilibria()
    assert np.array_equal(g.to_entry_game().count_payoffs, binary.count_payoffs)


def test_count_vectors_rank_bijection():
    for n, M in [(1, 1), (3, 2), (5, 3), (6, 4)]:
        kv = count_vectors(n, M)
        assert kv.shape == (math.comb(n + M, M), M)
        assert np.array_equal(count_vector_rank(kv, n), np.arange(len(kv)))
        assert {tuple(r) for r in kv} == {k for k in itertools.product(range(n + 1), repeat=M)
                                          if sum(k) <= n}
    assert count_vectors(25, 4).shape[0] == 23_751


@given(st.lists(st.floats(0.05, 20), min_size=1, max_size=12),
       st.floats(0.5, 5), st.floats(1.05, 3), st.floats(1.5, 8), st.floats(0.0, 3),
       st.floats(0.1, 30))
def test_hmy_sorting_T26(Phi, B, tau, sigma, f_X, f_I):
    """COST-1 (Helpman, Melitz & Yeaple 2004, AER 94:300): without strategic interaction the
    unique equilibrium gives each firm its best mode, as EntryModeSorting; with sorting,
    firms below Φ_X stay out, between Φ_X and Φ_I export, above Φ_I do FDI."""
    Phi = np.array(Phi)
    model = EntryModeSorting(B=B, tau=tau, sigma=sigma, f_X=f_X, f_I=f_I)
    free = tau ** (1 - sigma)
    pays = np.stack([np.zeros_like(Phi), free * B * Phi - f_X, B * Phi - f_I], axis=1)
    top = np.sort(pays, axis=1)
    if np.any(top[:, -1] - top[:, -2] < 1e-9 * (1 + np.abs(pays).max())):
        return  # a firm indifferent between two modes: equilibria are not unique
    g = ModeEntryGame.hmy(Phi, B, tau, sigma, f_X, f_I)
    eq = g.pure_nash_equilibria()
    assert len(eq) == 1
    assert list(eq[0]) == model.mode(Phi).tolist()
    cut = model.cutoffs()
    if cut.sorting:
        expect = np.where(Phi > cut.fdi_cutoff, 2, np.where(Phi > cut.export_cutoff, 1, 0))
        assert list(eq[0]) == expect.tolist()


def test_cournot_payoffs_closed_form():
    """All firms in one mode with cost c_j: π = (a − c_j)²/(b (k+1)²) − F (Mankiw &
    Whinston 1986); with M = 1 the game equals EntryGame.cournot."""
    a, b, n = 100.0, 2.0, 6
    c = np.array([40.0, 25.0, 10.0])
    F = np.array([50.0, 120.0, 300.0])
    g = ModeEntryGame.cournot(a, b, c, F, n=n, modes=("export", "non-equity", "greenfield"))
    for j in range(3):
        for k in range(1, n + 1):
            counts = [0, 0, 0]
            counts[j] = k
            assert g.mode_payoff(0, j + 1, counts) == pytest.approx(
                (a - c[j]) ** 2 / (b * (k + 1) ** 2) - F[j])
    # mixed market: an exporter (cost 40) facing 1 greenfield firm (cost 10): interior
    p = (a + 40 + 10) / 3
    assert g.mode_payoff(0, 1, [1, 0, 1]) == pytest.approx((p - 40) ** 2 / b - F[0])
    # corner: 5 greenfield firms price the exporter out: p = (100 + 50)/6 = 25 < 40
    assert g.mode_payoff(0, 1, [1, 0, 5]) == pytest.approx(-F[0])
    one = ModeEntryGame.cournot(a, b, [30.0], [[70.0]] * n).to_entry_game()
    ref = EntryGame.cournot(a - 30.0, b, 0.0, 70.0, n=n)
    assert np.allclose(one.count_payoffs, ref.count_payoffs)


def test_cournot_large_and_sme_cluster_n25():
    """25 firms (5 large, 20 SMEs), 4 modes, 2 local incumbents: every listed equilibrium
    survives every unilateral deviation, and listing agrees with counting."""
    F = np.array([[1.0, 3, 8, 12]] * 5 + [[1.0, 4, 30, 45]] * 20)
    g = ModeEntryGame.cournot(100, 1, [40, 30, 20, 15], F, incumbents=2, incumbent_cost=20)
    assert g.T == 2 and g.modes == ("export", "non-equity", "greenfield", "M&A")
    st_ = g.equilibrium_structure()
    eq = g.pure_nash_equilibria()
    assert len(eq) == st_.total == g.count_equilibria() > 0
    rng = np.random.default_rng(0)
    for idx in rng.choice(len(eq), size=min(20, len(eq)), replace=False):
        prof = list(eq[idx])
        for i in range(g.n):
            now = g.payoff(i, prof)
            for a in range(5):
                dev = prof[:i] + [a] + prof[i + 1:]
                assert g.payoff(i, dev) <= now
    assert "ModeEntryGame" in g._repr_html_()


def test_docstring_example():
    def u(i, mode, k):
        return {1: 1.0, 2: 2 - 3 * (k[1] - 1)}[mode]

    g = gt.ModeEntryGame(2, u, modes=("export", "greenfield"), types=[0, 0])
    assert g.pure_nash_equilibria() == [(1, 2), (2, 1)] == brute_force(2, 2, u)
    assert g.to_normal_form().action_names[0] == ("out", "export", "greenfield")


def test_bad_input():
    K = math.comb(3 + 2, 2)
    with pytest.raises(ValueError, match="at least one entry mode"):
        ModeEntryGame(3, lambda i, m, k: 0.0, modes=())
    with pytest.raises(ValueError, match="M must be"):
        ModeEntryGame(3, lambda i, m, k: 0.0, modes=0)
    with pytest.raises(ValueError, match=r"\bcallable\b"):
        ModeEntryGame(3, None)
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        ModeEntryGame(2, lambda i, m, k: float("nan"), modes=1)
    with pytest.raises(ValueError, match=r"\bfinite\b"):
        ModeEntryGame.from_arrays(np.full((3, 2, K), np.inf))
    with pytest.raises(ValueError, match="C\\(n\\+M, M\\)"):
        ModeEntryGame.from_arrays(np.zeros((3, 2, K + 1)))
    with pytest.raises(ValueError, match="K = C"):
        ModeEntryGame.from_arrays(np.zeros((3, 2)))  # K = 2 is not C(n+3, 3)
    with pytest.raises(ValueError, match=r"\bshape\b"):
        ModeEntryGame.from_arrays(np.zeros(5))
    with pytest.raises(ValueError, match="row indices"):
        ModeEntryGame.from_arrays(np.zeros((2, 2, K)), types=[0, 1, 2])
    with pytest.raises(ValueError, match="one label per firm"):
        ModeEntryGame(3, lambda i, m, k: 0.0, modes=2, types=[0, 0])
    with pytest.raises(ValueError, match="mode names"):
        ModeEntryGame.from_arrays(np.zeros((3, 2, K)), modes=("a", "b", "c"))
    with pytest.raises(ValueError, match=r"\bGiB\b"):
        ModeEntryGame.from_arrays(np.zeros((4, math.comb(29, 4)))).to_normal_form()
    with pytest.raises(ValueError, match="count vectors"):
        ModeEntryGame(200, lambda i, m, k: 0.0, modes=6)
    with pytest.raises(ValueError, match="one entry mode"):
        ModeEntryGame.from_arrays(np.zeros((3, 2, K))).to_entry_game()
    with pytest.raises(ValueError, match=r"\bmode_costs\b"):
        ModeEntryGame.cournot(10, 1, [5, 12], [1, 1], n=2)
    with pytest.raises(ValueError, match=r"\bfixed_costs\b"):
        ModeEntryGame.cournot(10, 1, [5, 6], [1, 1, 1], n=2)
    with pytest.raises(ValueError, match="give n"):
        ModeEntryGame.cournot(10, 1, [5, 6], [1, 1])
    with pytest.raises(ValueError, match="tau and sigma"):
        ModeEntryGame.hmy([1.0], 1.0, 0.9, 2.0, 1.0, 2.0)
    g = ModeEntryGame.from_arrays(np.zeros((3, 2, K)))
    with pytest.raises(ValueError, match=r"\bprofile\b"):
        g.payoff(0, [0, 3, 0])
    with pytest.raises(ValueError, match=r"\bcounts\b"):
        g.mode_payoff(0, 1, [0, 2])
