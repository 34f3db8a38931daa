"""Replicator dynamics of two or three populations with two strategies each, in sympy.

The evolutionary games of the cluster-OFDI literature (firms choosing cluster-style or
scattered OFDI; firms against host-market incumbents; firms, their industry association
and the government) are asymmetric games between populations with two strategies each.
With ``x_p`` the share of population ``p`` playing its *first* strategy, the
multi-population replicator dynamics are

    ẋ_p = x_p (1 − x_p) ΔU_p(x_{−p}),    ΔU_p = U_p(first) − U_p(second),

and ``ΔU_p`` is multilinear in the *other* populations' shares (never in ``x_p``). Hence,
with ``S`` the populations that mix and the others at a vertex:

* ``S = ∅``: the ``2ⁿ`` vertices. The Jacobian is diagonal with eigenvalues
  ``λ_p = (1 − 2x_p) ΔU_p`` — linear in the payoff parameters; the vertex is
  asymptotically stable iff every ``λ_p < 0``, i.e. iff it is a strict Nash equilibrium;
* ``|S| = 1``: ``ΔU_p`` is a constant on the edge; rest points exist only where it is 0,
  and then the whole edge consists of rest points (a non-generic case);
* ``|S| = 2``: two linear equations, one point ``x_q* = −α_p/β_p``, ``x_p* = −α_q/β_q``;
  the mixing block of the Jacobian is ``[[0, a], [b, 0]]`` (eigenvalues ``±√(ab)``);
* ``|S| = 3``: eliminating two shares leaves a quadratic in the third.

On every face with ``S ≠ ∅`` the Jacobian's block for the mixing populations has a zero
diagonal (``ΔU_p = 0`` there and does not depend on ``x_p``): its eigenvalues sum to zero,
so such a rest point is never asymptotically stable — only strict pure profiles can be,
in line with Selten (1980) and Ritzberger & Weibull (1995). For vertices the verdicts are
conditions on the parameters (sympy relations); for mixed points, the conditions under
which they are unstable (some eigenvalue with positive real part). Every verdict can be
evaluated at numbers (:meth:`SymbolicRestPoint.evaluate`) and cross-checked against the
numerical engine (:meth:`SymbolicReplicator.numeric`).

References
----------
Taylor, P. D. (1979). Evolutionarily stable strategies with two types of player.
*Journal of Applied Probability* 16:76–83.
Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal
conflicts. *Journal of Theoretical Biology* 84:93–101.
Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games.
*Econometrica* 63:1371–1399.
Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59:637–666.
Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
Cambridge University Press, ch. 10.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from .._display import html_table
from .._results import ResultMixin, SequenceResult
from .._symbolic import ClosedForms
from .._tolerance import tolerance
from .._validation import finite_scalar, names_for
from .stability import classify

_STATE_NAMES = {1: ("x",), 2: ("x", "y"), 3: ("x", "y", "z")}
#: Relative band (times the payoff scale) for zero real parts when evaluating verdicts.
EIG_RTOL = 1e-8


@dataclass(frozen=True)
class SymbolicRestPoint(ResultMixin):
    """A rest point of :class:`SymbolicReplicator`, its eigenvalues and verdict in sympy.

    Attributes
    ----------
    kind : "vertex", "face" or "interior"
    label : str
        The strategies at the vertex populations and ``*`` for mixing ones.
    mixing : tuple of int
        The populations that mix.
    coordinates : tuple of sympy expressions
        The first-strategy share of each population.
    exists : sympy boolean
        When the point lies in the state space (always for vertices).
    eigenvalues : tuple of sympy expressions
        Eigenvalues of the Jacobian (for the interior point of three populations: the
        roots of ``char_poly``, not written out).
    char_poly : sympy expression in ``lambda``
        (for the interior point of three populations, in the state symbols too: to be
        read at the point's coordinates)
    stable_if : sympy boolean
        Condition for asymptotic stability (``False`` for every mixed point).
    unstable_if : sympy boolean
        Condition for some eigenvalue with positive real part.
    note : str

    References
    ----------
    Ritzberger & Weibull (1995); Hofbauer & Sigmund (1998), ch. 10.
    """

    kind: str
    label: str
    mixing: tuple
    coordinates: tuple
    exists: object
    eigenvalues: tuple
    char_poly: object
    stable_if: object
    unstable_if: object
    note: str = ""
    state_symbols: tuple = ()
    char_coeffs: tuple = ()

    def evaluate(self, values: Mapping, tol: float = 0.0) -> dict | None:
        """Numbers at ``values`` ({symbol or name: number}): coordinates, eigenvalues and the
        verdict (:func:`classify`, real parts within ``tol`` of 0 count as 0), or ``None``
        where the point does not exist there (outside the state space, complex, or a
        vanishing denominator: where a closed form breaks down, use the numerical engine,
        :meth:`SymbolicReplicator.numeric`)."""
        fn, names = self._numeric()
        args = []
        for sym in names:
            v = values.get(sym, values.get(sym.name)) if sym not in self.state_symbols else 0.0
            if v is None:
                raise ValueError(f"a value is needed for the parameter {sym.name!r}")
            args.append(np.complex128(finite_scalar(v, f"value of {sym.name}")))
        with np.errstate(all="ignore"):
            coords = np.array(fn[0](*args), dtype=complex).ravel()
            if not np.all(np.isfinite(coords)) or np.any(np.abs(coords.imag) > 1e-9):
                return None
            coords = coords.real
            if any(not 0 < c < 1 for p, c in enumerate(coords) if p in self.mixing):
                return None
            at = [np.complex128(coords[self.state_symbols.index(sym)])
                  if sym in self.state_symbols
                  else a for sym, a in zip(names, args)]
            if self.eigenvalues:
                ev = np.array(fn[1](*at), dtype=complex).ravel()
            else:
                ev = np.roots(np.array(fn[1](*at), dtype=complex).ravel())
        if not np.all(np.isfinite(ev)):
            return None
        ev = np.where(np.abs(ev.imag) <= 1e-12 * np.abs(ev).max(initial=0.0), ev.real, ev)
        return {"coordinates": coords, "eigenvalues": ev, "stability": classify(ev, tol)}

    def _numeric(self):
        """Compiled (lambdified) coordinates and eigenvalues (or characteristic polynomial
        coefficients), built on first use."""
        cached = self.__dict__.get("_compiled")
        if cached is not None:
            return cached
        target = self.eigenvalues if self.eigenvalues else self.char_coeffs
        free = set()
        for e in tuple(self.coordinates) + tuple(target):
            free |= sp.sympify(e).free_symbols
        names = sorted(free | set(self.state_symbols), key=lambda s: s.name)
        fn = (sp.lambdify(names, list(self.coordinates), modules="numpy"),
              sp.lambdify(names, list(target), modules="numpy"))
        object.__setattr__(self, "_compiled", (fn, names))
        return fn, names


def _gt(a, b):
    """``a > b`` as a sympy relation; decided at once only when both sides are numbers (deciding
    the sign of a large expression symbolically can take minutes)."""
    return (a > b) if getattr(a, "is_number", True) else sp.StrictGreaterThan(a, b, evaluate=False)


def _lt(a, b):
    return (a < b) if getattr(a, "is_number", True) else sp.StrictLessThan(a, b, evaluate=False)


@dataclass(frozen=True)
class SymbolicAnalysis(SequenceResult):
    """Every rest point of a :class:`SymbolicReplicator` with its stability conditions.

    ``degenerate`` lists the edges on which a payoff gap vanishes identically (a segment of
    rest points for every parameter value).

    References
    ----------
    Ritzberger & Weibull (1995); Hofbauer & Sigmund (1998), ch. 10.
    """

    _items = "points"

    points: tuple
    degenerate: tuple
    method: str = "rest points by face; eigenvalues of the Jacobian (sympy)"

    def vertices(self) -> list[SymbolicRestPoint]:
        return [p for p in self.points if p.kind == "vertex"]

    def _repr_html_(self):
        rows = [[p.label, p.kind, ", ".join(str(c) for c in p.coordinates), str(p.stable_if)]
                for p in self.points]
        return html_table(["rest point", "kind", "coordinates", "asymptotically stable iff"],
                          rows, caption="Rest points of the replicator dynamics")


class SymbolicReplicator:
    """Replicator dynamics of 2 or 3 populations with two strategies each, payoffs in sympy.

    Parameters
    ----------
    payoffs : mapping or array
        ``{(s_1, …, s_n): (u_1, …, u_n)}`` for each of the ``2ⁿ`` pure profiles, with
        ``s_p = 0`` for population ``p``'s first strategy and ``1`` for its second; payoffs
        are sympy expressions of named parameters (or numbers). An array-like of shape
        ``(2,)*n + (n,)`` is read the same way.
    populations : sequence of str, optional
    strategies : sequence of (str, str), optional
        The two strategy names of each population (first, second).
    state_symbols : sequence of str or Symbol, optional
        Names of the first-strategy shares; default ``x, y, z``.

    Examples
    --------
    Firms (cluster-style vs scattered OFDI) against host incumbents (accommodate vs
    fight), with a gain ``g`` from entering together and a fighting cost ``k``:

    >>> import sympy as sp, gametheory as gt
    >>> g, k = sp.symbols("g k", positive=True)
    >>> game = gt.SymbolicReplicator({
    ...     (0, 0): (1 + g, 1), (0, 1): (g - k, 1 - k),
    ...     (1, 0): (1, 2), (1, 1): (-k, 2 - k)},
    ...     populations=["firms", "incumbents"])
    >>> [p.label for p in game.rest_points() if p.kind == "vertex"]
    ['0 | 0', '0 | 1', '1 | 0', '1 | 1']

    References
    ----------
    Taylor (1979); Friedman (1991); Ritzberger & Weibull (1995).
    """

    def __init__(self, payoffs, populations=None, strategies=None, state_symbols=None):
        table = self._read_table(payoffs)
        self.n = len(next(iter(table)))
        if self.n not in (2, 3):
            raise ValueError(f"payoffs must describe 2 or 3 populations (profiles of length 2 "
                             f"or 3), got profiles of length {self.n}")
        self.payoffs = table
        self.populations = names_for(self.n, populations, "population")
        if strategies is None:
            strategies = [("0", "1")] * self.n
        strategies = [tuple(s) for s in strategies]
        if len(strategies) != self.n or any(len(s) != 2 for s in strategies):
            raise ValueError(f"strategies must give two names for each of the {self.n} "
                             f"populations, got {strategies}")
        self.strategies = tuple(tuple(str(a) for a in s) for s in strategies)
        params = set()
        for u in table.values():
            for e in u:
                params |= e.free_symbols
        if state_symbols is None:
            state_symbols = _STATE_NAMES[self.n]
        if len(state_symbols) != self.n:
            raise ValueError(f"state_symbols needs {self.n} names, got {list(state_symbols)}")
        self.state = tuple(s if isinstance(s, sp.Symbol) else sp.Symbol(str(s), real=True)
                           for s in state_symbols)
        clash = {s.name for s in self.state} & {s.name for s in params}
        if clash:
            raise ValueError(f"parameter symbol(s) {sorted(clash)} clash with the state "
                             "symbols (the population shares); rename them or pass "
                             "state_symbols=[...]")
        self.parameters = tuple(sorted(params, key=lambda s: s.name))
        self.gaps = tuple(self._gap(p) for p in range(self.n))
        self.velocity = sp.Matrix([self.state[p] * (1 - self.state[p]) * self.gaps[p]
                                   for p in range(self.n)])
        self.jacobian = self.velocity.jacobian(self.state)

    @staticmethod
    def _read_table(payoffs) -> dict:
        if isinstance(payoffs, Mapping):
            items = list(payoffs.items())
        else:
            try:
                arr = sp.Array(payoffs) if not isinstance(payoffs, sp.NDimArray) else payoffs
            except (TypeError, ValueError):
                raise ValueError("payoffs must map profiles (tuples of 0/1) to payoff tuples, "
                                 "or be an array of shape (2,)*n + (n,)") from None
            shape = arr.shape
            n = len(shape) - 1
            if n < 1 or shape[:-1] != (2,) * n or shape[-1] != n:
                raise ValueError(f"payoffs as an array must have shape (2,)*n + (n,), got {shape}")
            items = [(prof, [arr[prof + (p,)] for p in range(n)])
                     for prof in itertools.product((0, 1), repeat=n)]
        if not items:
            raise ValueError("payoffs is empty")
        n = len(items[0][0]) if hasattr(items[0][0], "__len__") else -1
        table = {}
        for prof, u in items:
            if not isinstance(prof, tuple) or len(prof) != n or any(s not in (0, 1) for s in prof):
                raise ValueError(f"payoffs: every profile must be a tuple of {max(n, 1)} "
                                 f"strategies 0 (first) or 1 (second), got {prof!r}")
            if isinstance(u, (str, bytes)) or not hasattr(u, "__len__") or len(u) != n:
                raise ValueError(f"payoffs at profile {prof} must list {n} payoffs (one per "
                                 f"population), got {u!r}")
            vals = []
            for p, e in enumerate(u):
                try:
                    e = sp.sympify(e)
                except (sp.SympifyError, TypeError):
                    raise ValueError(f"payoffs at profile {prof}, population {p}: not a number "
                                     f"or sympy expression: {e!r}") from None
                if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or (e.is_number and not e.is_finite):
                    raise ValueError(f"payoffs at profile {prof}, population {p} must be finite, "
                                     f"got {e}")
                if e.is_number and e.is_real is False:
                    raise ValueError(f"payoffs at profile {prof}, population {p} must be real, "
                                     f"got {e}")
                vals.append(e)
            table[prof] = tuple(vals)
        missing = [prof for prof in itertools.product((0, 1), repeat=n) if prof not in table]
        if missing:
            raise ValueError(f"payoffs lack the profile(s) {missing}: all 2**{n} pure profiles "
                             "need payoffs")
        return table

    def _gap(self, p: int):
        """ΔU_p: expected payoff of the first minus the second strategy, in the others' shares."""
        total = sp.Integer(0)
        for prof in itertools.product((0, 1), repeat=self.n):
            if prof[p] != 0:
                continue
            other = list(prof)
            other[p] = 1
            w = sp.Integer(1)
            for q in range(self.n):
                if q != p:
                    w *= self.state[q] if prof[q] == 0 else 1 - self.state[q]
            total += w * (self.payoffs[prof][p] - self.payoffs[tuple(other)][p])
        return sp.expand(total)

    def __repr__(self):
        return (f"SymbolicReplicator({', '.join(self.populations)}; parameters "
                f"{', '.join(s.name for s in self.parameters) or 'none'})")

    def closed_forms(self) -> ClosedForms:
        """The payoff gaps ``ΔU_p`` and the dynamics ``ẋ_p`` as LaTeX-displayed sympy."""
        exprs = {}
        for p in range(self.n):
            exprs[f"gap_{self.populations[p]}"] = sp.Eq(sp.Symbol(f"Delta U_{p + 1}"),
                                                        sp.factor(self.gaps[p]))
        for p, s in enumerate(self.state):
            exprs[f"d{s.name}/dt"] = sp.Eq(sp.Symbol(f"\\dot{{{s.name}}}"),
                                           sp.factor(self.velocity[p]))
        symbols = {s.name: s for s in self.parameters + self.state}
        return ClosedForms(exprs, symbols, title="Replicator dynamics")

    # ------------------------------------------------------------------ rest points
    def _label(self, point) -> str:
        return " | ".join("*" if v is None else self.strategies[p][0 if v == 1 else 1]
                          for p, v in enumerate(point))

    def rest_points(self) -> SymbolicAnalysis:
        """Every rest point with coordinates, eigenvalues and stability conditions (sympy).

        References
        ----------
        Ritzberger & Weibull (1995); Hofbauer & Sigmund (1998), ch. 10.
        """
        if getattr(self, "_analysis", None) is not None:
            return self._analysis
        lam = sp.Symbol("lambda")
        n = self.n
        X = self.state
        points, degenerate = [], []
        for S in itertools.chain.from_iterable(itertools.combinations(range(n), r)
                                               for r in range(n + 1)):
            rest = [q for q in range(n) if q not in S]
            for corner in itertools.product((1, 0), repeat=len(rest)):
                fixed = dict(zip([X[q] for q in rest], corner))
                pattern = [None] * n
                for q, v in zip(rest, corner):
                    pattern[q] = v
                label = self._label(pattern)
                gaps = [sp.expand(g.subs(fixed)) for g in self.gaps]
                vertex_eigs = [sp.factor((1 - 2 * pattern[q]) * gaps[q]) for q in rest]
                if len(S) == 0:
                    char = sp.Mul(*[lam - e for e in vertex_eigs])
                    points.append(SymbolicRestPoint(
                        "vertex", label, (), tuple(sp.Integer(v) for v in pattern), sp.true,
                        tuple(vertex_eigs), char,
                        sp.And(*[_lt(e, 0) for e in vertex_eigs]),
                        sp.Or(*[_gt(e, 0) for e in vertex_eigs]),
                        "asymptotically stable iff a strict Nash equilibrium", X))
                elif len(S) == 1:
                    if sp.expand(gaps[S[0]]) == 0:
                        degenerate.append(label)
                elif len(S) == 2:
                    pt = self._face(S, rest, pattern, gaps, vertex_eigs, label, lam)
                    if pt is not None:
                        points.append(pt)
                else:
                    points += self._interior(S, gaps, label, lam)
        self._analysis = SymbolicAnalysis(tuple(points), tuple(degenerate))
        return self._analysis

    def _face(self, S, rest, pattern, gaps, vertex_eigs, label, lam):
        X = self.state
        p, q = S
        # gap_p = α_p + β_p x_q ; gap_q = α_q + β_q x_p (others fixed)
        ap, bp = gaps[p].subs(X[q], 0), sp.diff(gaps[p], X[q])
        aq, bq = gaps[q].subs(X[p], 0), sp.diff(gaps[q], X[p])
        if sp.expand(bp) == 0 or sp.expand(bq) == 0:
            return None
        xq, xp = -ap / bp, -aq / bq
        coords = [sp.Integer(v) if v is not None else None for v in pattern]
        coords[p], coords[q] = xp, xq
        at = {X[p]: xp, X[q]: xq}
        a = xp * (1 - xp) * bp.subs(at)
        b = xq * (1 - xq) * bq.subs(at)
        ab = a * b
        eigs = [e.subs(at) for e in vertex_eigs] + [sp.sqrt(ab), -sp.sqrt(ab)]
        char = sp.Mul(*[lam - e for e in eigs[:-2]]) * (lam**2 - ab)
        exists = sp.And(_gt(xp, 0), _lt(xp, 1), _gt(xq, 0), _lt(xq, 1))
        unstable = sp.Or(_gt(ab, 0), *[_gt(e, 0) for e in eigs[:-2]])
        return SymbolicRestPoint(
            "face" if self.n == 3 else "interior", label, tuple(S), tuple(coords), exists,
            tuple(eigs), char, sp.false, unstable,
            "mixing block [[0, a], [b, 0]]: eigenvalues ±√(ab) sum to zero, so never "
            "asymptotically stable; a saddle when ab > 0, a centre of the linearisation "
            "when ab < 0", X)

    def _interior(self, S, gaps, label, lam):
        X = self.state
        x, y, z = (X[i] for i in S)
        g1, g2, g3 = (gaps[i] for i in S)  # g1(y, z), g2(x, z), g3(x, y)
        # g1 = 0 → y = Ny/Dy ; g2 = 0 → x = Nx/Dx  (as functions of z)
        Dy, Ny = sp.diff(g1, y), -g1.subs(y, 0)
        Dx, Nx = sp.diff(g2, x), -g2.subs(x, 0)
        quad = sp.expand(sp.numer(sp.together(g3.subs({x: Nx / Dx, y: Ny / Dy}))))
        poly = sp.Poly(quad, z)
        if poly.is_zero:
            return []
        coeffs = poly.all_coeffs()
        if poly.degree() == 2:
            A, B, C = coeffs
            disc = B**2 - 4 * A * C
            roots = [(-B + sp.sqrt(disc)) / (2 * A), (-B - sp.sqrt(disc)) / (2 * A)]
        elif poly.degree() == 1:
            B, C = coeffs
            disc = None
            roots = [-C / B]
        else:
            return []
        out = []
        for k, zr in enumerate(roots):
            xr = (Nx / Dx).subs(z, zr)
            yr = (Ny / Dy).subs(z, zr)
            coords = [None] * self.n
            coords[S[0]], coords[S[1]], coords[S[2]] = xr, yr, zr
            # the Jacobian in the state symbols, to be read at the point (substituting the
            # root expressions symbolically would take minutes for general payoffs)
            M = sp.zeros(3, 3)
            idx = list(S)
            for i, pi in enumerate(idx):
                for j, pj in enumerate(idx):
                    if i != j:
                        M[i, j] = X[pi] * (1 - X[pi]) * sp.diff(gaps[pi], X[pj])
            c1 = -(M[0, 1] * M[1, 0] + M[0, 2] * M[2, 0] + M[1, 2] * M[2, 1])
            c0 = -(M[0, 1] * M[1, 2] * M[2, 0] + M[0, 2] * M[2, 1] * M[1, 0])
            char = lam**3 + c1 * lam + c0
            coeffs3 = (sp.Integer(1), sp.Integer(0), c1, c0)
            exists = sp.And(*[_gt(c, 0) for c in (xr, yr, zr)],
                            *[_lt(c, 1) for c in (xr, yr, zr)])
            if disc is not None:
                exists = sp.And(sp.Ge(disc, 0, evaluate=False), exists)
            out.append(SymbolicRestPoint(
                "interior", label + ("" if len(roots) == 1 else f" ({'+' if k == 0 else '−'})"),
                tuple(S), tuple(coords), exists, (), char, sp.false,
                sp.Or(sp.Ne(c0, 0, evaluate=False), _lt(c1, 0)),
                "Jacobian with zero diagonal: the eigenvalues sum to zero, so never "
                "asymptotically stable; unstable unless det J = 0 and the sum of its "
                "principal 2×2 minors is > 0", X, coeffs3))
        return out

    # ------------------------------------------------------------------ numbers
    def normal_form(self, **values):
        """The :class:`NormalFormGame` at parameter ``values`` (populations as players)."""
        from ..noncooperative.normal_form import NormalFormGame

        subs = self._values(values)
        exact = {k: Fraction(v.p, v.q) for k, v in subs.items()}
        arr = np.zeros((2,) * self.n + (self.n,))
        for prof, u in self.payoffs.items():
            for p, e in enumerate(u):
                terms = self._polynomials().get((prof, p))
                if terms is not None:  # a polynomial: exact in rationals, rounded once
                    arr[prof + (p,)] = float(sum(
                        (c * math.prod(exact[x] ** k for x, k in mono) for mono, c in terms),
                        Fraction(0)))
                    continue
                val = complex(sp.N(e.subs(subs)))
                if abs(val.imag) > 0 or not np.isfinite(val.real):
                    raise ValueError(f"payoff at profile {prof}, population {p} is not a finite "
                                     f"real number at these values: {val}")
                arr[prof + (p,)] = val.real
        return NormalFormGame(arr, self.populations, self.strategies)

    def _polynomials(self) -> dict:
        """``{(profile, population): [(((symbol, power), ...), Fraction coefficient), ...]}``
        for the payoffs that are polynomials in the parameters with rational coefficients
        (the others are substituted in sympy)."""
        if getattr(self, "_poly_cache", None) is None:
            polys = {}
            for prof, u in self.payoffs.items():
                for p, e in enumerate(u):
                    gens = sorted(e.free_symbols, key=lambda x: x.name)
                    try:
                        poly = sp.Poly(e, *gens) if gens else None
                    except sp.PolynomialError:
                        continue
                    if poly is None:
                        if e.is_Rational:
                            polys[prof, p] = [((), Fraction(int(e.p), int(e.q)))]
                        continue
                    if not poly.domain.is_QQ and not poly.domain.is_ZZ:
                        continue
                    polys[prof, p] = [
                        (tuple((x, k) for x, k in zip(gens, mono) if k),
                         Fraction(int(sp.Rational(c).p), int(sp.Rational(c).q)))
                        for mono, c in poly.terms()]
            self._poly_cache = polys
        return self._poly_cache

    def numeric(self, **values):
        """The numerical :class:`ReplicatorDynamics` at parameter ``values``."""
        from .replicator import ReplicatorDynamics

        return ReplicatorDynamics(self.normal_form(**values))

    def _values(self, values: Mapping) -> dict:
        names = {s.name: s for s in self.parameters}
        unknown = [k for k in values if k not in names]
        if unknown:
            raise ValueError(f"unknown parameter(s) {unknown}; the parameters are "
                             f"{sorted(names)}")
        missing = [k for k in names if k not in values]
        if missing:
            raise ValueError(f"values needed for the parameter(s) {missing}")
        return {names[k]: sp.Rational(finite_scalar(v, k)) for k, v in values.items()}

    def evaluate(self, **values) -> list[dict]:
        """Every rest point that exists at ``values``, with numbers and verdicts.

        Each entry: ``label``, ``kind``, ``coordinates`` (first-strategy shares),
        ``eigenvalues``, ``stability`` (see :func:`gametheory.dynamics.classify`).
        """
        subs = self._values(values)
        scale = tolerance(self.normal_form(**values).payoffs, rtol=EIG_RTOL)
        out = []
        for pt in self.rest_points():
            r = pt.evaluate({k: float(v) for k, v in subs.items()}, tol=scale)
            if r is not None:
                out.append({"label": pt.label, "kind": pt.kind, **r})
        return out
