"""All Nash equilibria of two-player (bimatrix) games, verified, with degeneracy reported.

The default method enumerates the vertices of the two best-response polytopes

    P = {x ∈ R^m : x >= 0, B'^T x <= 1},     Q = {y ∈ R^n : y >= 0, A' y <= 1},

(``A'``, ``B'`` are the payoffs mapped to [1, 2] by a positive affine transformation,
which changes no equilibrium) and returns every completely labelled vertex pair
``(x, y) ≠ (0, 0)``, normalised to probabilities. Every vertex is the solution of one
square system ``B'[S, J]^T x_S = 1`` with ``|S| = |J|`` (support ``S``, tight best
responses ``J``); all such systems of one size are solved in one batched
``numpy.linalg.solve``. The completely labelled vertex pairs are exactly the *extreme*
equilibria, for degenerate games too (Avis, Rosenberg, Savani & von Stengel 2010);
a game is nondegenerate iff no vertex of ``P`` or ``Q`` has more labels than its
dimension, i.e. no mixed strategy with support size ``k`` has more than ``k`` pure best
responses (von Stengel 2002, Thm 2.10) — this is checked and reported.

nashpy is used as the design card requires, but never trusted blind (its defects are in
PEERS.md): its results are verified one by one, and on small nondegenerate games its
``support_enumeration`` cross-checks ours (every equilibrium it finds must be in our set);
its Lemke–Howson pivots are driven here with an iteration cap so that no call can hang.

References
----------
Mangasarian, O. L. (1964). Equilibrium points of bimatrix games. *J. SIAM* 12:778–780.
von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of Game
Theory* vol. 3, ch. 45, 1723–1759.
Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42:9–37.
Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *J. SIAM*
12:413–423.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._display import fmt, html_table
from .._results import ResultMixin
from .._validation import finite_array

METHODS = ("enumeration", "support", "lemke_howson", "nashpy_support", "nashpy_vertex")

#: Largest number of square systems the enumeration methods agree to solve.
MAX_SYSTEMS = 20_000_000

_CHUNK = 2_000_000  # floats per batched solve


# ---------------------------------------------------------------------- result
@dataclass(frozen=True)
class EquilibriumSet(ResultMixin):
    """Mixed Nash equilibria of a two-player game.

    Attributes
    ----------
    equilibria : tuple of (x, y)
        Probability vectors of the row and column player. For a degenerate game these
        are the *extreme* equilibria: equilibria may form connected components
        (convex polytopes, or unions of them), whose vertices are listed.
    payoffs : tuple of (u_row, u_col)
        Expected payoffs ``x^T A y`` and ``x^T B y`` at each equilibrium.
    method : str
        The algorithm(s) that produced the set.
    degenerate : bool
        Whether some mixed strategy with support size ``k`` has more than ``k`` pure best
        responses (von Stengel 2002). Then equilibria need not be isolated.
    complete : bool
        Whether the set is certified to contain every (extreme) equilibrium.
    note : str
        What the flags mean for this set, and any warnings (e.g. capped pivoting paths).
    """

    equilibria: tuple
    payoffs: tuple
    method: str
    degenerate: bool
    complete: bool
    note: str = ""

    def __len__(self):
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, i):
        return self.equilibria[i]

    def pure(self) -> list[tuple[int, int]]:
        """The pure equilibria in the set, as ``(row action, column action)``."""
        out = []
        for x, y in self.equilibria:
            if np.isclose(x.max(), 1.0) and np.isclose(y.max(), 1.0):
                out.append((int(x.argmax()), int(y.argmax())))
        return out

    def unique(self):
        """The unique equilibrium ``(x, y)``, or ``ValueError`` if there is none or several.

        A degenerate game is refused even when only one extreme equilibrium was found,
        and so is an incomplete set: neither certifies uniqueness.
        """
        if self.degenerate:
            raise ValueError(
                "the game is degenerate: its equilibria may form a continuum (listed here by "
                f"their {len(self)} extreme point(s)); a unique answer is not defined. "
                "Use .equilibria to see all extreme equilibria"
            )
        if not self.complete:
            raise ValueError(f"the set from method {self.method!r} is not certified complete; "
                             "use method='enumeration' to decide uniqueness")
        if len(self) != 1:
            raise ValueError(f"the game has {len(self)} equilibria, not a unique one")
        return self.equilibria[0]

    def _repr_html_(self):
        rows = []
        for k, ((x, y), (u, v)) in enumerate(zip(self.equilibria, self.payoffs, strict=True)):
            rows.append([str(k), "(" + ", ".join(fmt(t, 4) for t in x) + ")",
                         "(" + ", ".join(fmt(t, 4) for t in y) + ")", float(u), float(v)])
        flags = (f"method: {self.method}; degenerate: {self.degenerate}; "
                 f"complete: {self.complete}. {self.note}")
        return html_table(["#", "x (row)", "y (column)", "u row", "u column"], rows,
                          caption=f"EquilibriumSet: {len(self)} equilibria", note=flags)


# ---------------------------------------------------------------------- helpers
def _check_bimatrix(A, B):
    A = finite_array(A, "row player's payoffs A", ndim=2)
    B = finite_array(B, "column player's payoffs B", ndim=2)
    if A.shape != B.shape:
        raise ValueError(f"A and B must have the same shape, got {A.shape} and {B.shape}")
    if 0 in A.shape:
        raise ValueError(f"each player needs at least one action, got shape {A.shape}")
    return A, B


def _to_unit(M):
    """Positive affine map of the entries onto [1, 2] (equilibria unchanged)."""
    lo, hi = M.min(), M.max()
    if hi - lo <= 0:
        return np.ones_like(M)
    return 1.0 + (M - lo) / (hi - lo)


def is_equilibrium(A, B, x, y, tol: float = 1e-8) -> bool:
    """Whether ``(x, y)`` is a Nash equilibrium of ``(A, B)`` within ``tol`` (relative).

    Checks that ``x`` and ``y`` are probability vectors and that no pure deviation gains
    more than ``tol · max(1, max|payoff|)``: ``x^T A y >= max_i (A y)_i − tol`` and
    ``x^T B y >= max_j (x^T B)_j − tol``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54:286–295.
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    if x.shape != (A.shape[0],) or y.shape != (A.shape[1],):
        return False
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return False
    if x.min() < -tol or y.min() < -tol or abs(x.sum() - 1) > tol or abs(y.sum() - 1) > tol:
        return False
    scale = max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))
    Ay = A @ y
    xB = x @ B
    return bool(x @ Ay >= Ay.max() - tol * scale and xB @ y >= xB.max() - tol * scale)


def _combos(n: int, k: int) -> np.ndarray:
    return np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)


def _batched_solve(M: np.ndarray, rhs: np.ndarray):
    """Solve the stack of square systems ``M z = rhs``; singular ones are marked, not raised."""
    k = M.shape[-1]
    with np.errstate(all="ignore"):
        det = np.linalg.det(M)
        hadamard = np.prod(np.linalg.norm(M, axis=-1), axis=-1)
        ok = np.abs(det) > 1e-11 * hadamard
    z = np.full(M.shape[:-1], np.nan)
    if ok.any():
        z[ok] = np.linalg.solve(M[ok], np.broadcast_to(rhs, (int(ok.sum()), k))[..., None])[..., 0]
    return z, ok


def _vertices(M: np.ndarray, tol: float):
    """Vertices ``z ≠ 0`` of ``{z >= 0, M^T z <= 1}`` (``M`` of shape (r, c), entries in [1, 2]).

    Returns the vertices (rows), the bitmask of their zero coordinates (bit i ⇔ z_i = 0)
    and the bitmask of their tight constraints (bit j ⇔ (M^T z)_j = 1).
    """
    r, c = M.shape
    verts = []
    for s in range(1, min(r, c) + 1):
        S, J = _combos(r, s), _combos(c, s)
        step = max(1, _CHUNK // max(1, len(J) * s * s))
        for a in range(0, len(S), step):
            Sc = S[a:a + step]
            # systems: M[S, J]^T z_S = 1, one per (S, J) pair
            sub = M[Sc[:, None, :, None], J[None, :, None, :]]  # (|Sc|, |J|, s, s)
            sub = np.swapaxes(sub, -1, -2).reshape(-1, s, s)
            zs, ok = _batched_solve(sub, np.ones(s))
            ok &= np.all(zs >= -tol, axis=1)
            if not ok.any():
                continue
            idx = np.flatnonzero(ok)
            srows = Sc[idx // len(J)]
            z = np.zeros((len(idx), r))
            np.put_along_axis(z, srows, np.clip(zs[idx], 0, None), axis=1)
            feasible = np.all(z @ M <= 1 + tol, axis=1)
            verts.append(z[feasible])
    if not verts:
        return np.zeros((0, r)), np.zeros(0, np.int64), np.zeros(0, np.int64)
    Z = np.concatenate(verts)
    Z = np.unique(np.round(Z, 10), axis=0)
    zero_bits = (np.abs(Z) <= tol).astype(np.int64) @ (np.int64(1) << np.arange(r, dtype=np.int64))
    tight_bits = (Z @ M >= 1 - tol).astype(np.int64) @ (np.int64(1) << np.arange(c, dtype=np.int64))
    Z[np.abs(Z) <= tol] = 0.0
    return Z, zero_bits, tight_bits


def _popcount(bits: np.ndarray) -> np.ndarray:
    bits = bits.copy()
    count = np.zeros_like(bits)
    while np.any(bits):
        count += bits & 1
        bits >>= 1
    return count


def _n_systems(m: int, n: int) -> int:
    return math.comb(m + n, m) - 1


def _polytope_data(A, B, tol):
    m, n = A.shape
    if _n_systems(m, n) > MAX_SYSTEMS:
        raise ValueError(
            f"enumerating a {m}×{n} game means solving C({m + n}, {m}) - 1 = "
            f"{_n_systems(m, n):,} linear systems per player; at most {MAX_SYSTEMS:,} are "
            "supported. Use method='lemke_howson' for some (not all) equilibria"
        )
    P = _vertices(_to_unit(B), tol)  # row player's x: zero labels i, tight labels m + j
    Q = _vertices(_to_unit(A).T, tol)  # column player's y: zero labels m + j, tight labels i
    degenerate = bool(np.any(_popcount(P[1]) + _popcount(P[2]) > m)
                      or np.any(_popcount(Q[1]) + _popcount(Q[2]) > n))
    return P, Q, degenerate


def _vertex_pairs(A, B, tol):
    m, n = A.shape
    (X, xz, xt), (Y, yz, yt), degenerate = _polytope_data(A, B, tol)
    lx = xz | (xt << m)
    ly = (yz << m) | yt
    full = (1 << (m + n)) - 1
    out = []
    for a, b in np.argwhere((lx[:, None] | ly[None, :]) == full):
        x, y = X[a] / X[a].sum(), Y[b] / Y[b].sum()
        out.append((x, y))
    return out, degenerate


def _support_enumeration(A, B, tol):
    """Equal-size support enumeration with tolerances (complete for nondegenerate games)."""
    m, n = A.shape
    found = []
    for k in range(1, min(m, n) + 1):
        S, J = _combos(m, k), _combos(n, k)
        pairs = np.array([(a, b) for a in range(len(S)) for b in range(len(J))], dtype=np.intp)
        for c0 in range(0, len(pairs), max(1, _CHUNK // ((k + 1) ** 2))):
            pr = pairs[c0:c0 + max(1, _CHUNK // ((k + 1) ** 2))]
            Si, Ji = S[pr[:, 0]], J[pr[:, 1]]
            # y on J makes the rows in S indifferent: A[S, J] y_J − v = 0, Σ y = 1
            My = np.zeros((len(pr), k + 1, k + 1))
            My[:, :k, :k] = A[Si[:, :, None], Ji[:, None, :]]
            My[:, :k, k] = -1.0
            My[:, k, :k] = 1.0
            Mx = np.zeros((len(pr), k + 1, k + 1))
            Mx[:, :k, :k] = np.swapaxes(B[Si[:, :, None], Ji[:, None, :]], 1, 2)
            Mx[:, :k, k] = -1.0
            Mx[:, k, :k] = 1.0
            rhs = np.zeros(k + 1)
            rhs[k] = 1.0
            zy, oky = _batched_solve(My, rhs)
            zx, okx = _batched_solve(Mx, rhs)
            ok = oky & okx
            ok[ok] &= np.all(zy[ok, :k] >= -tol, axis=1) & np.all(zx[ok, :k] >= -tol, axis=1)
            for t in np.flatnonzero(ok):
                x = np.zeros(m)
                y = np.zeros(n)
                x[Si[t]] = np.clip(zx[t, :k], 0, None)
                y[Ji[t]] = np.clip(zy[t, :k], 0, None)
                x /= x.sum()
                y /= y.sum()
                if is_equilibrium(A, B, x, y, tol):
                    found.append((x, y))
    return found


def _lemke_howson_capped(A, B, label: int, max_pivots: int):
    """nashpy's Lemke–Howson pivoting (lexicographic tableaux), stopped after ``max_pivots``.

    Returns ``(x, y)`` or ``None`` if the path was not finished within the cap.
    """
    from itertools import cycle

    from nashpy.linalg import create_col_tableau, create_row_tableau

    col = create_col_tableau(A, True)
    row = create_row_tableau(B, True)
    tableaux = cycle((row, col)) if label in row.non_basic_variables else cycle((col, row))
    full = col.labels
    entering = label
    for _ in range(max_pivots):
        tab = next(tableaux)
        entering = tab.pivot_and_drop_label(entering)
        if col.non_basic_variables.union(row.non_basic_variables) == full:
            x = row.to_strategy(col.non_basic_variables)
            y = col.to_strategy(row.non_basic_variables)
            return np.asarray(x, float), np.asarray(y, float)
    return None


def _polish(A, B, x, y, tol):
    """Re-solve an equilibrium's indifference conditions on its supports (square case).

    Vertices come out of the scaled polytopes with errors of ~1e-11; on equal-size
    supports the equilibrium is the unique solution of ``A[S, J] y_J = u·1``,
    ``B[S, J]^T x_S = w·1``, ``Σ x = Σ y = 1``, solved here directly. The polished pair is
    kept only if it is still an equilibrium; otherwise the original is returned.
    """
    S, J = np.flatnonzero(x > tol), np.flatnonzero(y > tol)
    k = len(S)
    if k != len(J) or k == 1:  # pure profiles are exact already
        return x, y
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    out = []
    for M in (A[np.ix_(S, J)], B[np.ix_(S, J)].T):
        sys_ = np.zeros((1, k + 1, k + 1))
        sys_[0, :k, :k] = M
        sys_[0, :k, k] = -1.0
        sys_[0, k, :k] = 1.0
        z, ok = _batched_solve(sys_, rhs)
        if not ok[0] or np.any(z[0, :k] < 0):
            return x, y
        out.append(z[0, :k])
    xp, yp = np.zeros_like(x), np.zeros_like(y)
    xp[S], yp[J] = out[1] / out[1].sum(), out[0] / out[0].sum()
    return (xp, yp) if is_equilibrium(A, B, xp, yp, tol) else (x, y)


def _dedupe(eqs, digits: int = 7):
    seen = {}
    for x, y in eqs:
        key = tuple(np.round(np.concatenate([x, y]), digits) + 0.0)
        seen.setdefault(key, (x, y))
    return [seen[k] for k in sorted(seen)]


def _member(eq, eqs, tol=1e-6):
    return any(np.allclose(eq[0], x, atol=tol) and np.allclose(eq[1], y, atol=tol) for x, y in eqs)


# ---------------------------------------------------------------------- entry point
def bimatrix_equilibria(A, B, method: str = "enumeration", tol: float = 1e-9,
                        max_pivots: int | None = None, crosscheck: bool = True) -> EquilibriumSet:
    """Nash equilibria of the bimatrix game ``(A, B)`` (row player gets ``A``).

    Parameters
    ----------
    A, B : array (m, n)
    method : str
        * ``"enumeration"`` (default): all extreme equilibria by vertex enumeration of
          the best-response polytopes (Mangasarian 1964; Avis et al. 2010); ``complete``
          is True and degenerate games are flagged. On small nondegenerate games
          nashpy's ``support_enumeration`` is run as a cross-check when ``crosscheck``.
        * ``"support"``: our equal-size support enumeration with tolerances; complete
          for nondegenerate games only (``complete = not degenerate``).
        * ``"lemke_howson"``: nashpy's Lemke–Howson pivoting from every one of the
          ``m + n`` starting labels, each path capped at ``max_pivots`` pivots (default
          ``50·(m + n)``); finds only equilibria reachable this way (``complete`` False).
        * ``"nashpy_support"``, ``"nashpy_vertex"``: nashpy's own enumerators, each
          returned pair verified (invalid ones dropped); ``complete`` False, because
          nashpy misses equilibria (PEERS.md).
    tol : float
        Feasibility / label tolerance on payoffs scaled to [1, 2].

    Returns
    -------
    EquilibriumSet
    """
    A, B = _check_bimatrix(A, B)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {METHODS}")
    tol = float(tol)
    m, n = A.shape
    verify_tol = max(1e-7, 100 * tol)
    note = ""
    if method == "enumeration":
        eqs, degenerate = _vertex_pairs(A, B, tol)
        complete = True
        used = "vertex enumeration of the best-response polytopes"
        if crosscheck and not degenerate and _n_systems(m, n) <= 300:
            import nashpy

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = list(nashpy.Game(A, B).support_enumeration())
            for x, y in theirs:
                if is_equilibrium(A, B, x, y, verify_tol) and not _member((x, y), eqs):
                    raise RuntimeError(
                        "internal inconsistency: nashpy found an equilibrium that the vertex "
                        f"enumeration missed (x={x}, y={y}); please report this game")
            used += " (cross-checked with nashpy support_enumeration)"
        note = ("extreme equilibria: the equilibria of this degenerate game can form components "
                "whose vertices are listed" if degenerate else "all equilibria (isolated)")
    elif method == "support":
        degenerate = _polytope_data(A, B, tol)[2]
        eqs = _support_enumeration(A, B, verify_tol)
        complete = not degenerate
        used = "support enumeration (equal support sizes, with tolerances)"
        note = ("degenerate game: support enumeration can miss equilibria with unequal "
                "supports; use method='enumeration'" if degenerate else "all equilibria")
    elif method == "lemke_howson":
        cap = int(max_pivots) if max_pivots is not None else 50 * (m + n)
        eqs, capped = [], []
        for label in range(m + n):
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                res = _lemke_howson_capped(A, B, label, cap)
            if res is None:
                capped.append(label)
            elif is_equilibrium(A, B, *res, verify_tol):
                eqs.append(res)
        degenerate = _polytope_data(A, B, tol)[2] if _n_systems(m, n) <= 200_000 else None
        complete = False
        used = "Lemke–Howson (nashpy pivoting) from every starting label"
        note = ("Lemke–Howson finds only the equilibria its paths reach"
                + (f"; paths from labels {capped} stopped after {cap} pivots" if capped else ""))
        if degenerate is None:
            degenerate = False
            note += "; degeneracy not checked (game too large)"
    else:
        import nashpy

        g = nashpy.Game(A, B)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = list(g.support_enumeration() if method == "nashpy_support"
                       else g.vertex_enumeration())
        eqs = [(np.asarray(x, float), np.asarray(y, float)) for x, y in raw
               if is_equilibrium(A, B, x, y, verify_tol)]
        degenerate = _polytope_data(A, B, tol)[2]
        complete = False
        used = f"nashpy {method.removeprefix('nashpy_')}_enumeration, each result verified"
        dropped = len(raw) - len(eqs)
        note = "nashpy's enumerators can miss equilibria (PEERS.md); completeness not certified"
        if dropped:
            note += f"; {dropped} invalid result(s) dropped"
    for x, y in eqs:
        if not is_equilibrium(A, B, x, y, verify_tol):
            raise RuntimeError(f"internal error: a returned profile is not an equilibrium "
                               f"(x={x}, y={y})")
    eqs = _dedupe([_polish(A, B, x, y, verify_tol) for x, y in eqs])
    payoffs = tuple((float(x @ A @ y), float(x @ B @ y)) for x, y in eqs)
    return EquilibriumSet(tuple(eqs), payoffs, used, degenerate, complete, note)
