"""Coalition formation with externalities, Harsanyi dividends, grouped Cournot, typed entry.

Theorems: FORM-1 (Bloch 1996: the sequential equilibrium structure in linear Cournot is
{k*, 1, …, 1}), FORM-2 (d'Aspremont et al. 1983: a stable cartel size exists; none of size
≥ 2 in linear Cournot with the cartel as one player, n ≥ 3), FORM-3 (Yi 1997: open
membership = pure Nash equilibria of the announcement game), FORM-4 (Chander & Tulkens
1997: the γ-core of Cournot), COOP-8 (Harsanyi dividends:
``v(S) = Σ_{T⊆S} d(T)``, Shapley = Σ d(S)/|S|, null players carry none). Cross-checks:
open membership against brute force over the players' announcement profiles (Nash
equilibria of the normal form, n ≤ 4); partitions against Bell and partition numbers;
grouped Cournot against the firm-by-firm Cournot engine; typed entry equilibria against
the 2^n enumeration of the entry engine.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import gametheory as gt
from gametheory._tolerance import tolerance
from gametheory.noncooperative.entry import count_index, count_lattice

BELL = [1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147]
PARTITIONS = [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42, 56, 77]


def cournot_pfg(n, symmetric=True):
    """Linear Cournot with each coalition acting as one firm: worth 1/(|P| + 1)²."""
    if symmetric:
        return gt.PartitionFunctionGame(n, lambda s, sizes: 1.0 / (len(sizes) + 1) ** 2,
                                        symmetric=True)
    return gt.PartitionFunctionGame(n, lambda S, P: 1.0 / (len(P) + 1) ** 2)


def test_partition_counts():
    for n in range(1, 9):
        assert sum(1 for _ in gt.set_partitions(n)) == BELL[n]
    for n in range(1, 13):
        parts = list(gt.integer_partitions(n))
        assert len(parts) == PARTITIONS[n]
        assert all(sum(p) == n and list(p) == sorted(p, reverse=True) for p in parts)


# sequential_structure's recursion grows exponentially with n (about 2 s at n = 25, 20 s at
# n = 40 on one core): the larger cases run with `make test-slow`.
@pytest.mark.parametrize("n", [*range(2, 26), *(pytest.param(n, marks=pytest.mark.slow)
                                               for n in (30, 35, 40))])
def test_bloch_sequential_structure_in_cournot(n):
    """FORM-1: Bloch (1996) — {k*, 1, …, 1}, k* = ⌊(2n + 3 − √(4n + 5))/2⌋ + 1: the first
    n − k* players stay alone, the last k* form one coalition."""
    structure = cournot_pfg(n).sequential_structure()
    k_star = math.floor((2 * n + 3 - math.sqrt(4 * n + 5)) / 2) + 1
    assert sorted(structure, reverse=True) == [k_star] + [1] * (n - k_star)
    assert structure == (1,) * (n - k_star) + (k_star,)  # in the order they form
    if n <= 5:
        assert structure == (n,)  # the grand coalition forms for n ≤ 5


@pytest.mark.parametrize("n", range(3, 25))
def test_no_stable_cartel_in_linear_cournot(n):
    """FORM-2: with the cartel as one player no size k ≥ 2 is stable (n ≥ 3)."""
    res = cournot_pfg(n).cartel_stability()
    assert res.stable and all(k <= 1 for k in res.stable)
    # by hand: member payoff 1/(k (n − k + 2)²), fringe 1/(n − k + 2)²
    k = np.arange(2, n + 1)
    assert np.all(1 / (k * (n - k + 2) ** 2) < 1 / (n - k + 3) ** 2)


@given(st.lists(st.floats(-10, 10), min_size=3, max_size=12).flatmap(
    lambda pc: st.tuples(st.just(pc), st.lists(st.floats(-10, 10), min_size=len(pc),
                                               max_size=len(pc)))))
@example(([0.0, 0.0, 1e-10], [1.0, 0.0, 0.0]))  # a gain of 1e-10 on a scale of 1 is a tie
def test_a_stable_cartel_size_always_exists(payoffs):
    """FORM-2: for arbitrary π_C, π_F some size is internally and externally stable."""
    pc, pf = (np.array(x) for x in payoffs)
    res = gt.stable_cartel_sizes(pc, pf)
    assert res.stable
    tol = tolerance(pc[1:], pf[:-1])  # the package's tie rule: no move for a gain within it
    for k in res.stable:  # each reported size satisfies both conditions
        assert k <= 1 or pc[k] >= pf[k - 1] - tol
        assert k == len(pc) - 1 or pf[k] >= pc[k + 1] - tol


def _address_game_equilibria(g: gt.PartitionFunctionGame):
    """Brute force: the announcement game (each player names a label; same label = same
    coalition; equal shares) as a NormalFormGame; its pure equilibria as partitions."""
    n = g.n
    shape = (n,) * n + (n,)
    pay = np.zeros(shape)
    for prof in itertools.product(range(n), repeat=n):
        blocks = {}
        for i, lab in enumerate(prof):
            blocks.setdefault(lab, set()).add(i)
        P = tuple(frozenset(b) for b in blocks.values())
        for i, lab in enumerate(prof):
            S = frozenset(blocks[lab])
            pay[prof + (i,)] = g.worth(S, P) / len(S)
    nfg = gt.NormalFormGame(pay)
    out = set()
    for prof in nfg.pure_nash_equilibria():
        blocks = {}
        for i, lab in enumerate(prof):
            blocks.setdefault(lab, set()).add(i)
        out.add(frozenset(frozenset(b) for b in blocks.values()))
    return out


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("kind", ["cournot", "synergy", "random"])
def test_open_membership_against_brute_force(n, kind):
    """FORM-3: Yi (1997) open membership = pure Nash equilibria of the announcement game."""
    rng = np.random.default_rng(n * 7 + len(kind))
    if kind == "cournot":
        g = cournot_pfg(n, symmetric=False)
    elif kind == "synergy":  # negative externalities: cost-reducing associations
        g = gt.PartitionFunctionGame(n, lambda S, P: len(S) ** 1.5 / (len(P) + 1))
    else:
        table = {}

        def worth(S, P):
            key = (S, frozenset(P))
            if key not in table:
                table[key] = float(rng.integers(0, 20))
            return table[key]

        g = gt.PartitionFunctionGame(n, worth)
    ours = {frozenset(P) for P in g.open_membership_equilibria()}
    assert ours == _address_game_equilibria(g)


def test_symmetric_and_general_open_membership_agree():
    """FORM-3: the size-based (symmetric) and the general enumeration find the same structures."""
    for n in (3, 4, 5):
        for worth in (lambda s, sizes: 1.0 / (len(sizes) + 1) ** 2,
                      lambda s, sizes: s**1.5 / (len(sizes) + 1)):
            sym = gt.PartitionFunctionGame(n, worth, symmetric=True)
            gen = gt.PartitionFunctionGame(
                n, lambda S, P, w=worth: w(len(S), tuple(sorted((len(b) for b in P),
                                                                reverse=True))))
            a = sorted(sym.open_membership_equilibria())
            b = sorted({tuple(sorted((len(B) for B in P), reverse=True))
                        for P in gen.open_membership_equilibria()})
            assert a == b


@pytest.mark.parametrize("n", range(2, 11))
def test_gamma_core_of_cournot(n):
    """FORM-4: γ-characteristic of linear Cournot: v_γ(S) = A/(n − s + 2)²; equal split in
    the γ-core (Chander & Tulkens 1997)."""
    g = cournot_pfg(n).gamma_game()
    s = np.array([bin(m).count("1") for m in range(1 << n)])
    np.testing.assert_allclose(g.v[1:], 1 / (n - s[1:] + 2) ** 2)
    assert gt.in_core(g, np.full(n, g.grand / n))


def test_formation_bad_input():
    with pytest.raises(ValueError, match=r"\bworth\b"):
        gt.PartitionFunctionGame(3, 5)
    with pytest.raises(ValueError, match=r"\bn\b"):
        gt.PartitionFunctionGame(11, lambda S, P: 1.0)
    with pytest.raises(ValueError, match=r"\bmember_payoff\b"):
        gt.stable_cartel_sizes([1.0], [1.0])
    with pytest.raises(ValueError, match=r"symmetric"):
        cournot_pfg(3, symmetric=False).sequential_structure()
    with pytest.raises(ValueError, match=r"\bworth\b.*finite"):
        gt.PartitionFunctionGame(2, lambda S, P: float("nan")).open_membership_equilibria()


# ----------------------------------------------------------------------------- dividends
tu = st.integers(1, 6).flatmap(lambda n: st.lists(st.integers(-30, 30), min_size=2**n - 1,
                                                   max_size=2**n - 1)
                               .map(lambda v: gt.TUGame([0] + v)))


@given(tu)
def test_harsanyi_dividends(g):
    """COOP-8: v(S) = Σ_{T⊆S} d(T); Shapley value = Σ_{S∋i} d(S)/|S| (exact integers)."""
    d = gt.harsanyi_dividends(g)
    n = g.n
    for S in range(1 << n):
        T = S
        total = 0.0
        while True:  # subsets of S
            total += d[T]
            if T == 0:
                break
            T = (T - 1) & S
        assert total == pytest.approx(g.v[S], abs=1e-9)
    size = np.array([bin(m).count("1") for m in range(1 << n)])
    phi = [sum(d[m] / size[m] for m in range(1, 1 << n) if m >> i & 1) for i in range(n)]
    np.testing.assert_allclose(phi, gt.shapley_value(g), atol=1e-9)


def test_dividends_of_a_null_player_vanish():
    """COOP-8: every coalition containing a null player has dividend zero."""
    v = np.array([0, 3, 5, 11, 0, 3, 5, 11], float)  # player 2 (bit 4) adds nothing
    d = gt.harsanyi_dividends(gt.TUGame(v))
    assert np.all(d[[4, 5, 6, 7]] == 0)
    assert d[3] == 3  # the interaction of players 0 and 1


# ----------------------------------------------------------------------------- grouped Cournot
@given(st.lists(st.tuples(st.integers(0, 4), st.floats(0, 120)), min_size=1, max_size=5),
       st.floats(1, 150), st.floats(0.05, 5))
def test_grouped_cournot_equals_firm_by_firm(groups, a, b):
    counts = np.array([c for c, _ in groups])
    costs = np.array([c for _, c in groups])
    r = gt.grouped_cournot(a, b, counts, costs)
    firms = np.repeat(costs, counts)
    if firms.size == 0:
        assert r.total_quantity == 0 and r.price == a
        return
    e = gt.cournot(a, b, firms)
    np.testing.assert_allclose(np.repeat(r.quantities, counts), e.quantities, atol=1e-9 * a / b)
    assert r.price == pytest.approx(e.price, abs=1e-9 * a)
    assert r.n_active == e.n_active
    np.testing.assert_allclose(np.repeat(r.profits, counts), e.profits, atol=1e-9 * a * a / b)


def test_grouped_cournot_vectorised_over_grids():
    a = np.linspace(50, 150, 7)[:, None]
    counts = np.array([[2, 0, 3], [1, 1, 1]])
    costs = np.array([10.0, 30.0, 45.0])
    r = gt.grouped_cournot(a, 1.0, counts, costs)
    assert r.quantities.shape == (7, 2, 3)
    for i in range(7):
        for j in range(2):
            one = gt.grouped_cournot(a[i, 0], 1.0, counts[j], costs)
            np.testing.assert_allclose(r.quantities[i, j], one.quantities)


# ----------------------------------------------------------------------------- typed entry
@given(st.lists(st.integers(1, 2), min_size=1, max_size=3), st.data())
def test_typed_entry_equilibria_against_enumeration(sizes, data):
    """Count-vector equilibria = the 2^n pure profiles of the entry engine, grouped by type."""
    sizes = np.array(sizes)
    T = sizes.size
    lat = count_lattice(sizes)
    U = np.array(data.draw(st.lists(st.integers(-3, 3), min_size=T * len(lat),
                                    max_size=T * len(lat))), float).reshape(T, len(lat))
    ne = gt.typed_entry_equilibria(sizes, U)
    typ = np.repeat(np.arange(T), sizes)

    def payoff(i, E):
        k = np.bincount(typ[list(E)], minlength=T)
        return U[typ[i], count_index(k, sizes)]

    game = gt.EntryGame(int(sizes.sum()), payoff)
    brute = {int(count_index(np.bincount(typ[np.flatnonzero(p)], minlength=T), sizes))
             for p in game.pure_nash_equilibria()}
    assert brute == set(np.flatnonzero(ne).tolist())


def test_typed_entry_with_one_type_is_the_symmetric_game():
    pi = np.array([9.0, 4.0, 0.0, -2.0, -5.0])
    ne = gt.typed_entry_equilibria([5], np.r_[0.0, pi][None])  # column k: k entrants
    st_ = gt.EntryGame.from_count_payoffs(pi).equilibrium_structure()
    assert np.flatnonzero(ne).tolist() == [k for k, c in enumerate(st_.count) if c]
