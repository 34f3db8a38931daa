"""Nucleolus, prenucleolus and per-capita nucleolus: published games, Kohlberg's criterion
in exact rational arithmetic, a brute-force second algorithm, and theorem COOP-3."""

import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples
from references import exact_lp_max
from scipy.optimize import linprog

import gametheory as gt
from gametheory.coalitional import lp as lp_module
from gametheory.coalitional.game import popcounts
from gametheory.coalitional.lp import coalition_rows, subset_sums

TALMUD_CLAIMS = (100, 200, 300)


def bankruptcy(estate, claims):
    """v(S) = max(0, E − Σ_{j∉S} d_j), written out here independently of special.py."""
    claims = np.asarray(claims, dtype=float)
    cs = subset_sums(claims)
    return gt.TUGame(np.maximum(0.0, estate - (cs[-1] - cs)))


# ------------------------------------------------------------------ published games
@pytest.mark.parametrize("estate, expected", [
    (100, (100 / 3, 100 / 3, 100 / 3)),
    (200, (50, 75, 75)),
    (300, (50, 100, 150)),
])
@pytest.mark.parametrize("method", ["highs", "cvxpy"])
def test_talmud_estates(estate, expected, method):
    """Aumann & Maschler (1985) J. Econ. Theory 36:195, Table 1: the Talmud's divisions of
    estates 100/200/300 among claims 100/200/300 are the nucleoli of the bankruptcy games.
    (Estate 200 is the case that vertex-based fixing gets wrong: (50, 50, 100).)"""
    g = bankruptcy(estate, TALMUD_CLAIMS)
    nu = gt.nucleolus(g, method=method)
    np.testing.assert_allclose(nu, expected, atol=1e-7)
    np.testing.assert_allclose(gt.prenucleolus(g, method=method), expected, atol=1e-7)
    if method == "highs":
        assert nu.guarantee == "certified" and nu.error < 1e-6
        np.testing.assert_allclose(nu, gt.talmud_rule(estate, TALMUD_CLAIMS), atol=1e-7)


def test_apex_game():
    """Apex game, 1 apex + 4 base players (v(S)=1 iff S holds the apex and someone else, or
    all four base players): nucleolus (3/7, 1/7, 1/7, 1/7, 1/7) (e.g. Peleg & Sudhölter
    2007, Introduction to the Theory of Cooperative Games, the apex games of ch. 5/6)."""
    def apex(S):
        return 1.0 if (0 in S and len(S) >= 2) or S >= {1, 2, 3, 4} else 0.0
    g = gt.TUGame(apex, n=5)
    np.testing.assert_allclose(gt.nucleolus(g), [3 / 7] + [1 / 7] * 4, atol=1e-8)
    np.testing.assert_allclose(gt.prenucleolus(g), [3 / 7] + [1 / 7] * 4, atol=1e-8)


def test_glove_game():
    """Glove game (Maschler, Solan & Zamir 2013, Game Theory, ch. 17): one left-glove owner,
    two right-glove owners; the core is the single point (1, 0, 0), hence so is the
    nucleolus (COOP-3)."""
    g = gt.TUGame(lambda S: 1.0 if 0 in S and len(S) >= 2 else 0.0, n=3)
    np.testing.assert_allclose(gt.nucleolus(g), [1, 0, 0], atol=1e-9)
    np.testing.assert_allclose(gt.prenucleolus(g), [1, 0, 0], atol=1e-9)


def test_three_player_majority():
    """Symmetric game with empty core: the (pre)nucleolus is the equal split by symmetry."""
    g = gt.TUGame(lambda S: 1.0 if len(S) >= 2 else 0.0, n=3)
    np.testing.assert_allclose(gt.nucleolus(g), [1 / 3] * 3, atol=1e-9)
    np.testing.assert_allclose(gt.prenucleolus(g), [1 / 3] * 3, atol=1e-9)


@pytest.mark.parametrize("costs", [(1, 2, 3), (4, 4, 9, 10, 12), (3, 5, 5, 8, 13, 14)])
def test_airport_cost_nucleolus_littlechild(costs):
    """Littlechild (1974) J. Econ. Theory 9:93: the airport game's nucleolus in closed form
    (special.airport_nucleolus); the cost nucleolus must match it and lie in the cost core."""
    g = gt.airport_game(costs)
    nu = gt.nucleolus(g)
    np.testing.assert_allclose(nu, gt.airport_nucleolus(costs), atol=1e-8)
    assert nu.kind == "cost"
    assert gt.in_core(g, nu, tol=1e-8)


@pytest.mark.parametrize("seed", range(4))
def test_bankruptcy_nucleolus_is_talmud_rule_random(seed):
    """Aumann & Maschler (1985), Theorem A: the nucleolus of a bankruptcy game is the Talmud
    rule; checked on random claims with 6–9 creditors (many degenerate rounds)."""
    r = np.random.default_rng(seed)
    n = 6 + seed
    claims = r.integers(1, 60, n).astype(float)
    estate = float(r.uniform(0.1, 0.9) * claims.sum())
    g = bankruptcy(estate, claims)
    np.testing.assert_allclose(gt.nucleolus(g), gt.talmud_rule(estate, claims), atol=1e-7)


# ------------------------------------------------------------------ cost games
def test_cost_nucleolus_is_standalone_minus_savings_nucleolus(rng):
    """Cost nucleolus = c({i}) − nucleolus of the savings game (strategic equivalence)."""
    n = 5
    c = np.zeros(2**n)
    c[1:] = rng.uniform(1, 10, 2**n - 1) * np.sqrt(popcounts(n)[1:])
    g = gt.CostGame(c)
    s = g.savings_game()
    for f in (gt.nucleolus, gt.prenucleolus, gt.per_capita_nucleolus):
        if f is not gt.prenucleolus and s.singletons.sum() > s.grand:
            continue
        np.testing.assert_allclose(f(g), g.singletons - np.asarray(f(s)), atol=1e-8)
    assert gt.prenucleolus(g).kind == "cost"


# ------------------------------------------------------------------ Kohlberg, exactly
def _balanced_exact(collection, n, optional=()):
    """Whether weights λ_S > 0 on ``collection`` (and λ >= 0 on ``optional``) with
    Σ λ_S 1_S = 1_N exist — decided by an exact rational LP (:func:`exact_lp_max`).

    Variables μ_S = λ_S − s >= 0 (S in the collection), λ_j >= 0 (optional), s >= 0 and a
    slack for s <= 1; maximise s. Balanced iff the LP is feasible with s* > 0. The LP's
    status is read explicitly: "infeasible" (1_N outside the cone) means not balanced;
    anything else unexpected fails the test instead of being read as an answer."""
    cols = list(collection) + list(optional)
    k = len(cols)
    A_eq = []
    for i in range(n):
        row = [(m >> i) & 1 for m in cols]
        A_eq.append(row + [sum((m >> i) & 1 for m in collection), 0])
    A_eq.append([0] * k + [1, 1])
    c = [0] * k + [1, 0]
    status, value, _ = exact_lp_max(c, A_eq, [1] * n + [1])
    if status == "infeasible":
        return False
    assert status == "optimal", status  # s <= 1 bounds the program
    return value > 0


def _exact(x, limit=10**5):
    fr = [Fraction(float(a)).limit_denominator(limit) for a in np.asarray(x)]
    assert np.allclose([float(f) for f in fr], x, atol=1e-8), "not a small-denominator point"
    return fr


def _kohlberg_holds(v_int, n, x, *, imputation, per_capita=False):
    """Kohlberg (1971) SIAM J. Appl. Math. 20:62 (Peleg & Sudhölter 2007, Thm 5.2.7 and
    6.1.?): x is the prenucleolus iff every D(α) = {S : e(S,x) >= α} ≠ ∅ is balanced; for
    the nucleolus, D(α) ∪ B' must be balanced for some B' ⊆ {{i} : x_i = v(i)}.
    Everything in exact rationals."""
    full = 2**n - 1
    exc = {}
    for m in range(1, full):
        xs = sum((x[i] for i in range(n) if (m >> i) & 1), Fraction(0))
        e = Fraction(int(v_int[m])) - xs
        exc[m] = e / bin(m).count("1") if per_capita else e
    if sum(x, Fraction(0)) != v_int[full]:
        return False
    optional = []
    if imputation:
        for i in range(n):
            if x[i] < v_int[1 << i]:
                return False
            if x[i] == v_int[1 << i]:
                optional.append(1 << i)
    for level in sorted(set(exc.values()), reverse=True):
        D = [m for m, e in exc.items() if e >= level]
        if not _balanced_exact(D, n, [m for m in optional if m not in D]):
            return False
    return True


int_games = st.integers(3, 4).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(-5, 20), min_size=2**n - 1,
                                                max_size=2**n - 1)))


@examples(0.2)
@given(int_games)
def test_kohlberg_criterion_exact_prenucleolus(data):
    """Kohlberg's balancedness criterion holds, in exact rationals, at the computed
    prenucleolus of small random integer games."""
    n, vals = data
    v = np.array([0] + vals)
    x = _exact(gt.prenucleolus(gt.TUGame(v.astype(float))))
    assert _kohlberg_holds(v, n, x, imputation=False)


@examples(0.2)
@given(int_games, st.booleans())
def test_kohlberg_criterion_exact_nucleolus(data, per_capita):
    """Kohlberg's criterion (imputation version) holds exactly at the computed nucleolus and
    per-capita nucleolus (excess per member: the criterion is invariant to positive
    rescaling of each coalition's excess)."""
    n, vals = data
    v = np.array([0] + vals)
    sing = sum(v[1 << i] for i in range(n))
    v[-1] = max(v[-1], sing)  # non-empty imputation set
    g = gt.TUGame(v.astype(float))
    f = gt.per_capita_nucleolus if per_capita else gt.nucleolus
    x = _exact(f(g))
    assert _kohlberg_holds(v, n, x, imputation=True, per_capita=per_capita)


def zero_normalized_games(nmax=4):
    """Integer games with v({i}) = 0 and 0 <= v(S) <= 4|S|: the coalitions of different
    sizes compete in the first rounds, so the per-capita weights 1/|S| decide the answer
    (on games with arbitrary signs the per-capita and the ordinary weighting often give
    the same point)."""
    def build(n, vals):
        v = [0] + vals
        for i in range(n):
            v[1 << i] = 0
        return n, v
    return st.integers(3, nmax).flatmap(lambda n: st.tuples(
        st.just(n), st.tuples(*[st.integers(0, 4 * bin(m).count("1"))
                                for m in range(1, 2**n)]).map(list)).map(lambda t: build(*t)))


@examples(1.0)
@given(zero_normalized_games())
def test_per_capita_nucleolus_kohlberg_exact(data):
    """The per-capita nucleolus satisfies Kohlberg's criterion for the per-capita excess
    (v(S) − x(S))/|S|, in exact rationals. The criterion characterises the point (it is
    unique), so any other weighting of the coalitions, e.g. by |S| + 1, fails it on a
    good share of these games."""
    n, v = data
    g = gt.TUGame(np.array(v, dtype=float))
    x = _exact(gt.per_capita_nucleolus(g))
    assert _kohlberg_holds(np.array(v), n, x, imputation=True, per_capita=True)


def test_per_capita_nucleolus_published_weights():
    """A 3-player game where the weights matter: v(01) = 4, v(02) = 2, v(12) = 1, v(N) = 6,
    singletons 0. At x = (19/6, 13/6, 2/3) the largest per-capita excess, −2/3, is shared
    by {0, 1} ((4 − x0 − x1)/2) and {2} (−x2), the next, −11/12, by {0, 2} and {1, 2}
    (checked by hand). Kohlberg's criterion accepts x exactly and rejects the point that
    weights by |S| + 1, (3.1, 2.1, 0.8). The ordinary nucleolus (excesses not per member)
    is a different point."""
    v = [0, 0, 0, 4, 0, 2, 1, 6]
    g = gt.TUGame(np.array(v, dtype=float))
    x = gt.per_capita_nucleolus(g)
    assert _exact(x) == [Fraction(19, 6), Fraction(13, 6), Fraction(2, 3)]
    assert _kohlberg_holds(np.array(v), 3, _exact(x), imputation=True, per_capita=True)
    assert not _kohlberg_holds(np.array(v), 3, _exact([3.1, 2.1, 0.8]), imputation=True,
                               per_capita=True)
    nu = gt.nucleolus(g)
    assert _kohlberg_holds(np.array(v), 3, _exact(nu), imputation=True)
    assert np.abs(np.asarray(nu) - np.asarray(x)).max() > 0.1


def test_balanced_exact_reads_the_lp_status():
    """The exact balancedness oracle: {01, 02, 12} is balanced (λ = 1/2 each); {01, 0} is
    not (player 1 cannot be covered without over-covering 0); {0} alone cannot reach 1_N
    for n = 2 (infeasible LP, read as "not balanced" from the status)."""
    assert _balanced_exact([0b011, 0b101, 0b110], 3)
    assert not _balanced_exact([0b011, 0b001], 2)
    assert not _balanced_exact([0b01], 2)
    assert _balanced_exact([0b01], 2, optional=[0b10])


def test_kohlberg_rejects_vertex_fixing_answer():
    """The checker can fail: tucoopy's (50, 50, 100) for the Talmud estate 200 violates it."""
    g = bankruptcy(200, TALMUD_CLAIMS)
    v = np.rint(g.v).astype(int)
    assert _kohlberg_holds(v, 3, _exact([50, 75, 75]), imputation=True)
    assert not _kohlberg_holds(v, 3, _exact([50, 50, 100]), imputation=True)


# ------------------------------------------------------------------ brute-force second algorithm
def brute_nucleolus(v, n, *, imputation, per_capita=False):
    """Maschler–Peleg–Shapley sequential LPs over ALL coalitions with scipy/HiGHS, fixing a
    coalition only if an extra LP shows its excess cannot drop below the level on the
    optimal face (no dual values used): an independent check of the fast algorithm."""
    full = 2**n - 1
    w = popcounts(n).astype(float) if per_capita else np.ones(2**n)
    free = list(range(1, full))
    fixed = [(full, v[full])]
    bounds = [(v[1 << i], None) if imputation else (None, None) for i in range(n)]
    x = None
    while True:
        Af = coalition_rows([m for m, _ in fixed], n)
        rank = np.linalg.matrix_rank(Af)
        if rank == n:
            return np.linalg.lstsq(Af, np.array([r for _, r in fixed]), rcond=None)[0]
        free = [m for m in free
                if np.linalg.matrix_rank(np.vstack([Af, coalition_rows([m], n)])) > rank]
        if not free:
            return x
        A = coalition_rows(free, n)
        # variables (x, t): min t s.t. -x(S) - w t <= -v(S); fixed: x(S) = r
        A_ub = np.hstack([-A, -w[free][:, None]])
        b_ub = -v[free]
        A_eq = np.hstack([Af, np.zeros((len(fixed), 1))])
        b_eq = np.array([r for _, r in fixed])
        res = linprog(np.r_[np.zeros(n), 1.0], A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                      bounds=bounds + [(None, None)], method="highs")
        assert res.status == 0
        t = res.x[n]
        x = res.x[:n]
        # optimal face: t fixed; which coalitions are tight everywhere on it?
        A_face = np.hstack([-A, np.zeros((len(free), 1))])
        b_face = -v[free] + w[free] * t + 1e-9
        for k, m in enumerate(free):
            # maximise x(S) (i.e. minimise the excess) over the face
            obj = np.r_[-A[k], 0.0]
            r2 = linprog(obj, A_ub=A_face, b_ub=b_face, A_eq=A_eq, b_eq=b_eq,
                         bounds=bounds + [(0, 0)], method="highs")
            assert r2.status == 0
            min_excess = (v[m] + r2.fun) / w[m]
            if min_excess >= t - 1e-7:
                Af2 = coalition_rows([mm for mm, _ in fixed], n)
                if np.linalg.matrix_rank(np.vstack([Af2, A[k]])) > np.linalg.matrix_rank(Af2):
                    fixed.append((m, v[m] - w[m] * t))


real_games = st.integers(3, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(0, 40), min_size=2**n - 1,
                                                max_size=2**n - 1)))


@examples(0.4)
@given(real_games, st.sampled_from(["pre", "imputation", "per_capita"]))
def test_fast_nucleolus_equals_brute_force(data, kind):
    """Row-generation + dual fixing agrees with the face-LP brute force (n = 3..6)."""
    n, vals = data
    v = np.array([0.0] + [float(a) for a in vals])
    v[1:] *= np.sqrt(popcounts(n)[1:])  # some scale spread, still rational-ish
    if kind != "pre":
        v[-1] = max(v[-1], v[[1 << i for i in range(n)]].sum())
    g = gt.TUGame(v)
    f = {"pre": gt.prenucleolus, "imputation": gt.nucleolus,
         "per_capita": gt.per_capita_nucleolus}[kind]
    fast = f(g)
    slow = brute_nucleolus(v, n, imputation=kind != "pre", per_capita=kind == "per_capita")
    np.testing.assert_allclose(fast, slow, atol=1e-6)


@pytest.mark.parametrize("n, seed", [(8, 0), (9, 1), (10, 2)])
def test_row_generation_equals_full_cvxpy_program(n, seed):
    """The HiGHS row-generation nucleolus equals the cvxpy sequence over all coalitions."""
    r = np.random.default_rng(seed)
    sizes = popcounts(n)
    v = np.round(sizes * r.uniform(0.5, 1.5, 2**n), 3)
    v[0] = 0
    v[-1] = 1.3 * n
    g = gt.TUGame(v)
    np.testing.assert_allclose(gt.prenucleolus(g), gt.prenucleolus(g, method="cvxpy"),
                               atol=1e-6)
    np.testing.assert_allclose(gt.nucleolus(g), gt.nucleolus(g, method="cvxpy"), atol=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_cvxpy_program_equals_highs_for_all_three(seed):
    """The cvxpy sequence over all coalitions (the second implementation) gives the same
    nucleolus, prenucleolus and per-capita nucleolus as the HiGHS row generation, in the
    same number of rounds, on generic random games with n = 3..6 (no ties, so both fix the
    same coalitions each round)."""
    r = np.random.default_rng(300 + seed)
    n = 3 + seed
    v = np.round(popcounts(n) * r.uniform(0.3, 1.7, 2**n), 2)
    v[0] = 0
    v[-1] = max(v[-1], v[[1 << i for i in range(n)]].sum())
    g = gt.TUGame(v)
    for f in (gt.nucleolus, gt.prenucleolus, gt.per_capita_nucleolus):
        a, b = f(g), f(g, method="cvxpy")
        np.testing.assert_allclose(a, b, atol=1e-6)
        rounds = [int(re.search(r", (-?\d+) rounds?\)$", x.method).group(1)) for x in (a, b)]
        assert rounds[0] == rounds[1] >= 1, (f.__name__, a.method, b.method)
        assert b.guarantee == "approximate" and a.guarantee == "certified"


def test_labels_name_the_solution_and_the_method():
    """Each result says what was computed and how (the label shown in Jupyter)."""
    g = bankruptcy(200, TALMUD_CLAIMS)
    for f, name in ((gt.nucleolus, "nucleolus"), (gt.prenucleolus, "prenucleolus"),
                    (gt.per_capita_nucleolus, "per-capita nucleolus")):
        assert f(g).method.startswith(f"{name} (sequential LPs, row generation, HiGHS, ")
        assert f(g, method="cvxpy").method.startswith(
            f"{name} (sequential LPs over all coalitions, cvxpy, ")
    # two players: one round fixes a coalition independent of N, so the point is found
    two = gt.TUGame([0, 1, 2, 5])
    for method in ("highs", "cvxpy"):
        x = gt.nucleolus(two, method=method)
        assert x.method.endswith(", 1 round)") and x.tolist() == pytest.approx([2, 3])


def test_one_player_game_both_methods():
    """One player: the nucleolus is v(N), found without any LP round by both methods."""
    for method in ("highs", "cvxpy"):
        for f in (gt.nucleolus, gt.prenucleolus, gt.per_capita_nucleolus):
            x = f(gt.TUGame([0, 4.0]), method=method)
            assert x.tolist() == [4.0] and x.method.endswith("0 rounds)")
            assert x.guarantee == "exact" and x.error == 0


# ------------------------------------------------------------------ theorem COOP-3
@examples(0.5)
@given(real_games)
def test_T3_nucleolus_in_core_when_core_nonempty(data):
    """COOP-3 (Schmeidler 1969): the nucleolus lies in the core whenever the core is non-empty;
    then nucleolus = prenucleolus. The grand coalition is made rich enough half the time."""
    n, vals = data
    v = np.array([0.0] + [float(a) for a in vals])
    g = gt.TUGame(v)
    if g.singletons.sum() > g.grand:
        v[-1] = g.singletons.sum() + vals[0]
        g = gt.TUGame(v)
    nu = gt.nucleolus(g)
    assert abs(nu.sum() - g.grand) < 1e-7
    assert np.all(np.asarray(nu) >= g.singletons - 1e-7)
    if gt.has_nonempty_core(g):
        assert gt.in_core(g, nu, tol=1e-8)
        np.testing.assert_allclose(nu, gt.prenucleolus(g), atol=1e-7)


def test_large_game_runs_and_is_certified():
    """n = 16 bankruptcy game: row generation, certified, equals the Talmud rule."""
    r = np.random.default_rng(7)
    claims = r.integers(1, 100, 16).astype(float)
    estate = 0.45 * claims.sum()
    g = bankruptcy(estate, claims)
    nu = gt.nucleolus(g)
    assert nu.guarantee == "certified"
    np.testing.assert_allclose(nu, gt.talmud_rule(estate, claims), atol=1e-6)


# ------------------------------------------------------------------ reference implementation
@pytest.mark.parametrize("seed", range(3))
def test_against_coopgame_py(seed):
    """coopgame-py (Rust, certified) as an oracle, used only in tests."""
    coopgame = pytest.importorskip("coopgame")
    r = np.random.default_rng(100 + seed)
    n = 5 + seed
    v = np.round(popcounts(n) * r.uniform(0.2, 1.8, 2**n), 2)
    v[0] = 0
    v[-1] = max(v[-1], v[[1 << i for i in range(n)]].sum())
    ref = coopgame.Game([float(a) for a in v[1:]])
    g = gt.TUGame(v)
    np.testing.assert_allclose(gt.nucleolus(g), coopgame.nucleolus(ref)["allocation"],
                               atol=1e-6)
    np.testing.assert_allclose(gt.prenucleolus(g), coopgame.prenucleolus(ref)["allocation"],
                               atol=1e-6)
    np.testing.assert_allclose(gt.per_capita_nucleolus(g),
                               coopgame.per_capita_nucleolus(ref)["allocation"], atol=1e-6)


# ------------------------------------------------------------------ bad input
def test_empty_imputation_set_is_a_clear_error():
    g = gt.TUGame([0, 2, 2, 3])
    with pytest.raises(ValueError, match="imputation set is empty"):
        gt.nucleolus(g)
    with pytest.raises(ValueError, match="imputation set is empty"):
        gt.per_capita_nucleolus(g)
    np.testing.assert_allclose(gt.prenucleolus(g), [1.5, 1.5])
    c = gt.CostGame([0, 1, 1, 3])  # c(N) > c(1) + c(2)
    with pytest.raises(ValueError, match="stand-alone cost"):
        gt.nucleolus(c)


def test_bad_method_and_type():
    g = gt.TUGame([0, 1, 1, 3])
    with pytest.raises(ValueError, match="method must be one of"):
        gt.nucleolus(g, method="simplex")
    with pytest.raises(TypeError, match=r"\bTUGame\b"):
        gt.nucleolus([0, 1, 1, 3])


def test_solver_failure_is_reported(monkeypatch):
    monkeypatch.setitem(lp_module.HIGHS_OPTIONS, "time_limit", 0.0)
    with pytest.raises(gt.LPError, match="did not find an optimum"):
        gt.nucleolus(bankruptcy(200, TALMUD_CLAIMS))


def test_one_player_game():
    g = gt.TUGame([0, 4.0])
    assert gt.nucleolus(g).tolist() == [4.0]
    assert gt.prenucleolus(g).guarantee == "exact"


@pytest.mark.parametrize("scale", [1e-12, 1e-9, 1.0, 1e9])
def test_scale_invariance_tiny_and_huge_games(scale):
    """Nucleolus and least core are homogeneous of degree 1 in v: solving must not depend on
    HiGHS's absolute tolerances (a 1e-9 bankruptcy game once failed with LPError)."""
    game = gt.bankruptcy_game(200 * scale, [100 * scale, 200 * scale, 300 * scale])
    np.testing.assert_allclose(gt.nucleolus(game), np.array([50, 75, 75]) * scale, rtol=1e-7)
    assert gt.least_core(game).epsilon == pytest.approx(
        gt.least_core(gt.bankruptcy_game(200, [100, 200, 300])).epsilon * scale, rel=1e-7)


@pytest.mark.parametrize("worst, shift", [(1e-4, 0.0), (0.0, 2e-4), (1e-4, 3e-4), (3e-4, 1e-4)])
def test_error_is_the_largest_certificate_residual(monkeypatch, worst, shift):
    """The ``error`` reported with a nucleolus is the largest of the LP sequence's own
    residual and the final point's efficiency (and, for the nucleolus, individual
    rationality) residuals — here a solver result moved off efficiency by ``shift`` and
    reporting ``worst`` must give ``max(worst, shift)``, and ``approximate`` once that
    exceeds the certified bound."""
    import importlib

    nu_mod = importlib.import_module("gametheory.coalitional.nucleolus")
    g = gt.TUGame([0, 0, 0, 0, 0, 0, 0, 1.0])
    real = nu_mod._lexicographic_highs

    def off(W, **kw):
        y, _, rounds = real(W, **kw)
        return y + np.array([shift, 0.0, 0.0]), worst, rounds

    monkeypatch.setattr(nu_mod, "_lexicographic_highs", off)
    x = gt.nucleolus(g)
    assert x.error == pytest.approx(max(worst, shift), rel=1e-9)
    assert x.guarantee == "approximate"
