"""Symbolic replicator dynamics of two-strategy populations; the tripartite OFDI game (DYN-5).

Cross-checks: rest points and eigenvalues derived in sympy, evaluated at generated
parameters, against (i) the numerical engine's rest points and its closed-form Jacobian
and (ii) a finite-difference Jacobian of the numerical vector field at the symbolic
coordinates; the symbolic stability conditions against strict Nash equilibrium; the
verdicts against trajectories integrated from nearby states.
"""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.dynamics import SymbolicReplicator
from gametheory.models.evolution import PARAMETERS

TRI = gt.TripartiteOFDI.symbolic()
POINTS = TRI.rest_points()


def fd_jacobian(rd, z, h=1e-6):
    """Finite-difference Jacobian of the first-strategy shares' dynamics at z."""
    def f(v):
        x = np.stack([v, 1 - v], axis=-1).reshape(-1)
        return rd.velocity(x)[::2]
    J = np.zeros((len(z), len(z)))
    for j in range(len(z)):
        e = np.zeros(len(z))
        e[j] = h
        J[:, j] = (f(z + e) - f(z - e)) / (2 * h)
    return J


# quarters: float payoffs are then exact, so ties in the float game are ties in sympy too
params = st.fixed_dictionaries({k: st.integers(0, 24).map(lambda q: q / 4) for k in PARAMETERS})


@settings(deadline=None)
@given(values=params)
def test_tripartite_rest_points_symbolic_vs_numeric(values):
    """DYN-5: every rest point and its eigenvalues from the sympy analysis equal those of the
    numerical engine at the same parameters, and the eigenvalues equal those of a
    finite-difference Jacobian at the symbolic coordinates."""
    model = gt.TripartiteOFDI(**values)
    rd = model.dynamics()
    num = rd.rest_points()
    if num.degenerate:
        return
    sym = TRI.evaluate(**values)
    key = lambda c: tuple(np.round(c, 6))  # noqa: E731
    num_by = {key(p.state[::2]): p for p in num}
    assert sorted(num_by) == sorted(key(e["coordinates"]) for e in sym)
    for e in sym:
        p = num_by[key(e["coordinates"])]
        assert np.allclose(np.sort_complex(e["eigenvalues"]), np.sort_complex(p.eigenvalues),
                           atol=1e-7)
        fd = np.linalg.eigvals(fd_jacobian(rd, e["coordinates"]))
        assert np.allclose(np.sort_complex(fd), np.sort_complex(e["eigenvalues"]), atol=1e-5)
        assert e["stability"] == p.stability or "non-hyperbolic" in (e["stability"],
                                                                     p.stability)


@settings(deadline=None)
@given(values=params)
def test_vertex_conditions_are_strict_nash(values):
    """DYN-3: the symbolic stability condition of each vertex holds iff the vertex is a strict
    Nash equilibrium of the game at those parameters; every mixed rest point has the
    condition False (never asymptotically stable)."""
    game = gt.TripartiteOFDI(**values).game()
    subs = {sp.Symbol(k, real=True): sp.Rational(v) for k, v in values.items()}
    for pt in POINTS:
        if pt.kind != "vertex":
            assert pt.stable_if is sp.false
            continue
        prof = tuple(0 if c == 1 else 1 for c in pt.coordinates)
        strict = all(
            np.sum(game.payoffs[prof[:p] + (slice(None),) + prof[p + 1:] + (p,)]
                   >= game.payoffs[prof + (p,)]) == 1 for p in range(3))
        assert bool(pt.stable_if.subs(subs)) == strict


def test_default_case_and_closed_forms():
    """DYN-5: the default tripartite game has two sinks, all-cluster (with support) and
    all-scattered; the stability condition of the all-cluster vertex is the one in the
    model's docstring."""
    m = gt.TripartiteOFDI()
    assert m.solve().sinks == ("cluster | strict | support", "scattered | loose | no support")
    S = {k: sp.Symbol(k, real=True) for k in PARAMETERS}
    cond = m.stability_conditions()["cluster | strict | support"]
    expected = sp.And(S["R_c"] - S["R_s"] + S["L"] + S["g"] + S["p"] + S["s"] > 0,
                      S["r_a"] + S["h"] > S["c_a"], S["w"] > S["s"] + S["c_g"] + S["h"])
    rng = np.random.default_rng(3)
    for _ in range(200):
        vals = {S[k]: sp.Rational(int(v)) for k, v in zip(PARAMETERS, rng.integers(0, 7, 13))}
        assert bool(cond.subs(vals)) == bool(expected.subs(vals))
    cf = gt.TripartiteOFDI.closed_forms()
    assert "gap_F" in cf and cf.evaluate("gap_F", **{**m.values(), "y": 1.0, "z": 0.0}) == \
        pytest.approx(m.R_c - m.R_s + m.L + m.g + m.p)


def test_policy_moves_the_basins():
    """DYN-5: a penalty on blind entry above c_a − e_a removes the all-scattered outcome; a
    larger penalty enlarges the all-cluster basin (shares computed from the same starts)."""
    m = gt.TripartiteOFDI()
    b = m.basins("p", [0.0, 1.0, 2.0, 3.0], n_starts=150)
    scattered = b.share("scattered | loose | no support")
    assert scattered[-1] == 0.0 and np.all(np.diff(scattered) <= 0)
    assert np.allclose(b.shares.sum(axis=1), 1.0)
    with pytest.raises(ValueError, match=r"\bparameter\b"):
        m.basins("zzz", [1.0])
    with pytest.raises(ValueError, match=r"\boutcome\b"):
        b.share("nowhere")


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """DYN-5: money × λ (every payoff parameter) leaves rest points and verdicts unchanged and
    scales eigenvalues by λ; basins are unchanged."""
    m = gt.TripartiteOFDI()
    s = m.replace(**{k: v * lam for k, v in m.values().items()})
    a, b = m.solve(), s.solve()
    assert a.sinks == b.sinks
    for p, q in zip(a.points, b.points):
        assert np.allclose(p.state, q.state)
        assert np.allclose(np.sort_complex(q.eigenvalues), lam * np.sort_complex(p.eigenvalues),
                           rtol=1e-8, atol=0)
    assert np.array_equal(m.basins("s", [1.0], n_starts=60).shares,
                          s.basins("s", [lam], n_starts=60).shares)


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_normal_form_is_the_exact_value_rounded_once(seed):
    """DYN-5: the numerical game at given parameters is the exact rational value of each
    payoff (sympy substitution of the parameters as rationals) rounded once to a float, for
    polynomial payoffs as for others (a square root, a quotient)."""
    rng = np.random.default_rng(seed)
    g, k, c = sp.symbols("g k c", real=True)
    game = SymbolicReplicator({(0, 0): (g * k - 3 * c / 7, sp.sqrt(k ** 2 + 1)),
                               (0, 1): (g - k, 1 / (1 + c ** 2)),
                               (1, 0): (sp.Rational(1, 3), 2 * g ** 2),
                               (1, 1): (-k, 2 - k)})
    tri = gt.TripartiteOFDI.symbolic()
    for sym in (game, tri):
        vals = {s.name: float(v) for s, v in
                zip(sym.parameters, rng.normal(size=len(sym.parameters))
                    * 10.0 ** rng.integers(-9, 10, len(sym.parameters)))}
        got = sym.normal_form(**vals).payoffs
        exact = {s: sp.Rational(vals[s.name]) for s in sym.parameters}
        for prof, u in sym.payoffs.items():
            for p, e in enumerate(u):
                want = float(sp.N(e.subs(exact), 40))
                assert got[prof + (p,)] == pytest.approx(want, rel=1e-15, abs=0), (e, vals)
                if e.is_polynomial(*sym.parameters):
                    assert got[prof + (p,)] == want, (e, vals)


# --------------------------------------------------------------------------- any 2x2(x2) game
def test_general_symbolic_two_population_game():
    """DYN-5: a general 2×2 asymmetric game with 8 symbolic payoffs: four vertices with
    eigenvalues (1 − 2x)ΔU, the interior point x* = −α_y/β_y, y* = −α_x/β_x with
    eigenvalues ±√(ab), checked against the numerical engine at random values."""
    u = sp.symbols("u0:8", real=True)
    G = SymbolicReplicator({(0, 0): (u[0], u[1]), (0, 1): (u[2], u[3]),
                            (1, 0): (u[4], u[5]), (1, 1): (u[6], u[7])})
    pts = G.rest_points()
    assert [p.kind for p in pts].count("vertex") == 4 and len(pts) == 5
    rng = np.random.default_rng(0)
    for _ in range(30):
        vals = {f"u{i}": float(v) for i, v in enumerate(rng.normal(size=8))}
        sym = G.evaluate(**vals)
        num = G.numeric(**vals).rest_points()
        assert sorted((tuple(np.round(e["coordinates"], 8)), e["stability"]) for e in sym) == \
            sorted((tuple(np.round(p.state[::2], 8)), p.stability) for p in num)


def test_bad_payoff_specifications():
    a = sp.Symbol("a")
    full = {prof: (a, 1, 2) for prof in itertools.product((0, 1), repeat=3)}
    with pytest.raises(ValueError, match=r"\bpayoffs\b.*lack"):
        SymbolicReplicator({k: v for k, v in list(full.items())[:-1]})
    with pytest.raises(ValueError, match=r"\bpayoffs\b.*finite"):
        SymbolicReplicator({**full, (0, 0, 0): (sp.oo, 1, 2)})
    with pytest.raises(ValueError, match=r"\bpayoffs\b.*3 payoffs"):
        SymbolicReplicator({**full, (0, 0, 0): (1, 2)})
    with pytest.raises(ValueError, match=r"\bpayoffs\b.*profile"):
        SymbolicReplicator({**full, (0, 2, 0): (1, 2, 3)})
    with pytest.raises(ValueError, match=r"\bx\b.*clash"):
        SymbolicReplicator({k: (sp.Symbol("x"), 1, 2) for k in full})
    with pytest.raises(ValueError, match=r"2 or 3 populations"):
        SymbolicReplicator({prof: (1,) * 4 for prof in itertools.product((0, 1), repeat=4)})
    g = SymbolicReplicator(full)
    with pytest.raises(ValueError, match=r"\bzz\b"):
        g.normal_form(a=1.0, zz=2.0)
    with pytest.raises(ValueError, match=r"\ba\b"):
        g.normal_form()
    with pytest.raises(ValueError, match=r"\ba\b.*finite"):
        g.normal_form(a=float("nan"))
    with pytest.raises(ValueError, match=r"\bc_a\b"):
        gt.TripartiteOFDI(c_a=-1)
    with pytest.raises(ValueError, match=r"\bR_c\b.*finite"):
        gt.TripartiteOFDI(R_c=float("inf"))
