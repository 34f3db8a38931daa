"""All Nash equilibria of two-player (bimatrix) games, verified, with degeneracy reported.

The default method enumerates the vertices of the two best-response polytopes

    P = {x ∈ R^m : x >= 0, B'^T x <= 1},     Q = {y ∈ R^n : y >= 0, A' y <= 1},

(``A'``, ``B'`` are the payoffs mapped to [1, 2] by a positive affine transformation,
which changes no equilibrium) and returns every completely labelled vertex pair
``(x, y) ≠ (0, 0)``, normalised to probabilities. The vertices are computed by qhull's
halfspace intersection (``scipy.spatial.HalfspaceIntersection``, i.e. the convex hull of
the polar; Barber, Dobkin & Huhdanpaa 1996) and labelled by the constraints tight within
``tol`` — a vertex may carry more labels than its dimension, which is how degeneracy
shows. Complementary pairs are matched on bitmasks of labels (a sort-merge join when both
vertices are simple). Where qhull cannot be used (dimension 1, a qhull error, a point
that fails the vertex checks) or is the costlier choice (few facets beyond the
dimension), every vertex is found instead as the solution of one square system
``B'[S, J]^T x_S = 1`` with ``|S| = |J|`` (support ``S``, tight best responses ``J``),
all ``C(m+n, m) − 1`` of them solved in batches; ``method`` says which was used.
The completely labelled vertex pairs are exactly the *extreme*
equilibria, for degenerate games too (Avis, Rosenberg, Savani & von Stengel 2010);
a game is nondegenerate iff no vertex of ``P`` or ``Q`` has more labels than its
dimension, i.e. no mixed strategy with support size ``k`` has more than ``k`` pure best
responses (von Stengel 2002, Thm 2.10) — this is checked and reported.

nashpy is used as the design card requires, but never trusted blind (its defects are
measured in benchmarks/README.md and described in docs/discussion.md): its results are
verified one by one, and on small nondegenerate games its ``support_enumeration``
cross-checks ours (every equilibrium it finds must be in our set); its Lemke–Howson
pivots are driven here with an iteration cap so that no call can hang.

References
----------
Mangasarian, O. L. (1964). Equilibrium points of bimatrix games. *J. SIAM* 12:778–780.
von Stengel, B. (2002). Computing equilibria for two-person games. In *Handbook of Game
Theory* vol. 3, ch. 45, 1723–1759.
Avis, D., Rosenberg, G. D., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42:9–37.
Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *J. SIAM*
12:413–423.
Barber, C. B., Dobkin, D. P. & Huhdanpaa, H. (1996). The Quickhull algorithm for convex
hulls. *ACM Trans. Math. Software* 22:469–483.
McMullen, P. (1970). The maximum numbers of faces of a convex polytope. *Mathematika*
17:179–184.
von Stengel, B. (2007). Equilibrium computation for two-player games in strategic and
extensive form. In Nisan et al. (eds.), *Algorithmic Game Theory*, ch. 3, 53–78.
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54:286–295.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._display import fmt, html_table
from .._results import SequenceResult
from .._validation import finite_array, finite_scalar, in_interval, whole_number

METHODS = ("enumeration", "support", "lemke_howson", "nashpy_support", "nashpy_vertex")

#: Largest number of square systems the all-bases vertex enumeration agrees to solve.
MAX_SYSTEMS = 20_000_000

#: Largest upper-bound-theorem vertex count of a best-response polytope given to qhull.
MAX_VERTICES = 3_000_000

_CHUNK = 2_000_000  # floats per batched solve


# ---------------------------------------------------------------------- result
@dataclass(frozen=True)
class EquilibriumSet(SequenceResult):
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

    _items = "equilibria"

    equilibria: tuple
    payoffs: tuple
    method: str
    degenerate: bool
    complete: bool
    note: str = ""

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

    ``x`` and ``y`` must be probability vectors (within ``tol``) of the right lengths;
    anything else is a ``ValueError``. The pair is an equilibrium iff no pure deviation
    gains more than ``tol`` times the range of the deviating player's payoffs:
    ``x^T A y >= max_i (A y)_i − tol·(max A − min A)`` and likewise for ``B``. The
    test is invariant under positive affine changes of either player's payoffs (units,
    currency, a constant added), as the equilibria are.

    References
    ----------
    Nash (1951).
    """
    A = finite_array(A, "row player's payoffs A", ndim=2)
    B = finite_array(B, "column player's payoffs B", shape=A.shape)
    tol = finite_scalar(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be >= 0, got {tol}")
    for name, v, size in (("x (row strategy)", x, A.shape[0]),
                          ("y (column strategy)", y, A.shape[1])):
        v = finite_array(v, name, shape=(size,))
        if v.min() < -tol or abs(v.sum() - 1) > tol:
            raise ValueError(f"{name} must be a probability vector (entries >= 0 summing to 1), "
                             f"got {v}")
    return _is_equilibrium(A, B, x, y, tol)


def _is_equilibrium(A, B, x, y, tol: float = 1e-8) -> bool:
    """:func:`is_equilibrium` without input checks: invalid vectors give ``False``
    (used to screen candidates, e.g. nashpy's NaN results)."""
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
    Ay = A @ y
    xB = x @ B
    # a player with constant payoffs is indifferent among everything (range 0)
    row_ok = np.ptp(A) == 0 or x @ Ay >= Ay.max() - tol * np.ptp(A)
    col_ok = np.ptp(B) == 0 or xB @ y >= xB.max() - tol * np.ptp(B)
    return bool(row_ok and col_ok)


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


def _vertices_all_bases(M: np.ndarray, tol: float):
    """Vertices ``z ≠ 0`` of ``{z >= 0, M^T z <= 1}`` by solving every square basis.

    Every vertex solves ``M[S, J]^T z_S = 1`` for some ``|S| = |J|`` (support ``S``,
    tight constraints ``J``): all ``C(r + c, r) − 1`` such systems are solved in batches
    and the feasible solutions kept. Exponential, but needs no hull code: this is the
    fallback when qhull cannot be used and the independent check of the qhull path.
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
        return np.zeros((0, r))
    return np.concatenate(verts)


class _HullFailure(Exception):
    """qhull could not be used or gave an inconsistent vertex set."""


def _vertices_qhull(M: np.ndarray, tol: float):
    """Vertices of ``{z >= 0, M^T z <= 1}`` by qhull's halfspace intersection.

    The polytope is full-dimensional and bounded (``M`` has entries in [1, 2]); the point
    ``z_0 = 1 / (2 max_j Σ_i M_ij) · 1`` is strictly inside (``M^T z_0 <= 1/2``). qhull
    (Barber, Dobkin & Huhdanpaa 1996) computes the convex hull of the polar and returns
    one intersection point per dual facet; points are checked (feasible, at least ``r``
    tight constraints) and anything else is reported as a failure, never used.
    """
    from scipy.spatial import HalfspaceIntersection, QhullError

    r, c = M.shape
    if r < 2:
        raise _HullFailure("qhull needs dimension >= 2")
    halfspaces = np.zeros((r + c, r + 1))  # rows [a, b] meaning a·z + b <= 0
    halfspaces[:r, :r] = -np.eye(r)
    halfspaces[r:, :r] = M.T
    halfspaces[r:, r] = -1.0
    inner = np.full(r, 0.5 / M.sum(axis=0).max())
    try:
        with np.errstate(all="ignore"):
            Z = HalfspaceIntersection(halfspaces, inner).intersections
    except (QhullError, ValueError) as exc:
        raise _HullFailure(f"qhull failed: {str(exc).strip().splitlines()[0]}") from None
    if len(Z) == 0 or not np.all(np.isfinite(Z)):
        raise _HullFailure("qhull returned no or non-finite vertices")
    slack = np.concatenate([Z, 1.0 - Z @ M], axis=1)
    if slack.min() < -max(tol, 1e-12) or np.any((slack <= tol).sum(axis=1) < r):
        raise _HullFailure("qhull returned a point that is not a vertex of the polytope")
    return Z


def _pack(L: np.ndarray) -> np.ndarray:
    """Boolean label rows → rows of little-endian uint64 words (label k is bit k % 64 of
    word k // 64)."""
    V, k = L.shape
    W = -(-k // 64)
    bytes_ = np.zeros((V, 8 * W), np.uint8)
    bytes_[:, :-(-k // 8)] = np.packbits(L, axis=1, bitorder="little")
    return bytes_.view("<u8")


def _first_of_each(P: np.ndarray) -> np.ndarray:
    """Sorted indices of the first occurrence of each distinct row of ``P``."""
    if P.shape[1] == 1:
        _, first = np.unique(P[:, 0], return_index=True)
    else:
        _, first = np.unique(P, axis=0, return_index=True)
    return np.sort(first)


def _labelled(Z: np.ndarray, M: np.ndarray, tol: float):
    """Distinct nonzero vertices and their labels: bit i for ``z_i = 0``, bit r + j for
    ``(M^T z)_j = 1`` (within ``tol``). A vertex is determined by its set of tight
    constraints, so vertices are deduplicated by label set."""
    r = M.shape[0]
    Z = np.clip(Z, 0.0, None)
    L = np.concatenate([Z <= tol, Z @ M >= 1.0 - tol], axis=1)
    keep = ~L[:, :r].all(axis=1)  # the vertex 0 pairs only with 0: not an equilibrium
    Z, L = Z[keep], L[keep]
    first = _first_of_each(_pack(L))
    Z, L = Z[first], L[first]
    Z[L[:, :r]] = 0.0
    return Z, L


def _ubt_vertices(d: int, N: int) -> int:
    """Upper bound theorem: most vertices of a d-polytope with N facets (McMullen 1970),
    the facet count of the cyclic polytope C(N, d)."""
    if N <= d:
        return 1
    h, k = d // 2, (d + 1) // 2
    return math.comb(N - k, h) + math.comb(N - h - 1, k - 1)


def _n_systems(m: int, n: int) -> int:
    return math.comb(m + n, m) - 1


def _plan(m: int, n: int) -> tuple[str, str]:
    """Vertex algorithm per polytope (``P`` of dimension m, ``Q`` of dimension n): qhull,
    unless the all-bases enumeration is cheaper — dimension 1, or few facets beyond the
    dimension — judged by its ``C(m+n, m) − 1`` systems against ``d ·`` (the upper-bound
    vertex count). ``ValueError`` if neither fits its limit."""
    bases = _n_systems(m, n)
    out = []
    for d in (m, n):
        ubt = _ubt_vertices(d, m + n)
        if bases <= MAX_SYSTEMS and (d == 1 or bases <= d * ubt):
            out.append("all bases")
        elif ubt <= MAX_VERTICES:
            out.append("qhull")
        else:
            raise ValueError(
                f"a {m}×{n} game is too large to enumerate all equilibria: a best-response "
                f"polytope can have up to {ubt:,} vertices (at most {MAX_VERTICES:,} "
                f"supported) and the all-bases enumeration needs C({m + n}, {m}) - 1 = "
                f"{bases:,} linear systems (at most {MAX_SYSTEMS:,}). "
                "Use method='lemke_howson' for some (not all) equilibria")
    return out[0], out[1]


def _polytope(M: np.ndarray, tol: float, algorithm: str):
    """Labelled vertices of ``{z >= 0, M^T z <= 1}`` by ``algorithm`` ("qhull", falling
    back to all bases if qhull fails, or "all bases"); returns ``(Z, L, how)``."""
    how = algorithm
    if algorithm == "qhull":
        try:
            Z = _vertices_qhull(M, tol)
        except _HullFailure as exc:
            if _n_systems(*M.shape) > MAX_SYSTEMS:
                raise RuntimeError(f"{exc}, and the game is too large for the all-bases "
                                   "enumeration that would replace it") from None
            Z, how = _vertices_all_bases(M, tol), f"all bases, because {exc}"
    else:
        Z = _vertices_all_bases(M, tol)
    Z, L = _labelled(Z, M, tol)
    return Z, L, how


def _polytope_data(A, B, tol, algorithm: str = "auto"):  # or "qhull", "all bases"
    """Vertices of ``P`` (row player) and ``Q`` (column player) with labels in the game's
    numbering (``0 … m−1`` row actions, ``m … m+n−1`` column actions), the degeneracy
    flag and how each polytope was enumerated.

    Nondegenerate iff no vertex of ``P`` has more than ``m`` labels and no vertex of
    ``Q`` more than ``n`` (von Stengel 2007, *Algorithmic Game Theory* ch. 3, Def. 3.5
    and Thm 3.6); a point with more labels lies on a face whose vertices have them too,
    so checking vertices suffices.
    """
    m, n = A.shape
    plan = _plan(m, n) if algorithm == "auto" else (algorithm, algorithm)
    X, LX, how_p = _polytope(_to_unit(B), tol, plan[0])  # zero labels i, tight labels m + j
    Y, LY, how_q = _polytope(_to_unit(A).T, tol, plan[1])  # zero labels m + j, tight i
    LY = np.concatenate([LY[:, n:], LY[:, :n]], axis=1)
    degenerate = bool((LX.sum(axis=1) > m).any() or (LY.sum(axis=1) > n).any())
    how = f"P: {how_p}, Q: {how_q}" if how_p != how_q else how_p
    return (X, LX), (Y, LY), degenerate, how


def _complementary_pairs(LX: np.ndarray, LY: np.ndarray, m: int, n: int) -> np.ndarray:
    """Index pairs ``(a, b)`` with every one of the ``m + n`` labels in ``LX[a] ∪ LY[b]``.

    A vertex of ``P`` has at least ``m`` labels and one of ``Q`` at least ``n``. If both
    have exactly that many (always, in a nondegenerate game), the two label sets must be
    exact complements: these pairs are found by a sort-merge join in O(V log V). Pairs
    with a vertex of more labels (degenerate games only) are checked exhaustively.
    """
    px, py = _pack(LX), _pack(LY)
    full = _pack(np.ones((1, m + n), bool))[0]
    sx, sy = LX.sum(axis=1) == m, LY.sum(axis=1) == n
    ix, iy = np.flatnonzero(sx), np.flatnonzero(sy)
    out = [np.zeros((0, 2), np.intp)]
    if len(ix) and len(iy):
        both = np.concatenate([full ^ px[ix], py[iy]])
        if both.shape[1] == 1:
            _, inv = np.unique(both[:, 0], return_inverse=True)
        else:
            _, inv = np.unique(both, axis=0, return_inverse=True)
        inv = inv.reshape(-1)
        want, have = inv[:len(ix)], inv[len(ix):]  # label sets are distinct within iy
        order = np.argsort(have)
        pos = np.clip(np.searchsorted(have[order], want), 0, len(iy) - 1)
        hit = have[order][pos] == want
        out.append(np.column_stack([ix[hit], iy[order[pos[hit]]]]))

    def exhaustive(xi, yi):
        step = max(1, 2 ** 22 // max(1, len(yi) * px.shape[1]))
        for a in range(0, len(xi), step):
            xa = xi[a:a + step]
            a_, b_ = np.nonzero(((px[xa][:, None, :] | py[yi][None, :, :]) == full).all(axis=2))
            out.append(np.column_stack([xa[a_], yi[b_]]))

    exhaustive(np.flatnonzero(~sx), np.arange(len(LY)))
    exhaustive(ix, np.flatnonzero(~sy))
    return np.concatenate(out)


def _vertex_pairs(A, B, tol, algorithm: str = "auto"):
    """Completely labelled vertex pairs ``(x, y) ≠ (0, 0)`` of ``P × Q``, normalised."""
    m, n = A.shape
    (X, LX), (Y, LY), degenerate, how = _polytope_data(A, B, tol, algorithm)
    out = []
    for a, b in _complementary_pairs(LX, LY, m, n):
        out.append((X[a] / X[a].sum(), Y[b] / Y[b].sum()))
    return out, degenerate, how


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
                if _is_equilibrium(A, B, x, y, tol):
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


def _lemke_howson_path(A, B, label: int, max_pivots: int):
    """One capped Lemke–Howson path: ``("ok", (x, y))``, ``("capped", None)`` or
    ``("failed", message)`` when nashpy's pivoting raises (it does on some degenerate
    games, e.g. a player with constant payoffs)."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            res = _lemke_howson_capped(A, B, label, max_pivots)
    except Exception as exc:  # noqa: BLE001 - nashpy internals (KeyError, ValueError, ...)
        return "failed", f"{type(exc).__name__}: {exc}"
    return ("capped", None) if res is None else ("ok", res)


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
    return (xp, yp) if _is_equilibrium(A, B, xp, yp, tol) else (x, y)


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
          the best-response polytopes (Mangasarian 1964; Avis et al. 2010) with qhull,
          or by solving all square bases where that is cheaper or qhull fails (the
          ``method`` string says which); ``complete`` is True and degenerate games are
          flagged. Refused (``ValueError``) when a polytope may have more than
          ``MAX_VERTICES`` vertices by the upper bound theorem (McMullen 1970) and the
          bases are more than ``MAX_SYSTEMS`` — about 17 × 17 for square games. On
          small nondegenerate games nashpy's ``support_enumeration`` is run as a
          cross-check when ``crosscheck``.
        * ``"support"``: our equal-size support enumeration with tolerances; complete
          for nondegenerate games only (``complete = not degenerate``).
        * ``"lemke_howson"``: nashpy's Lemke–Howson pivoting from every one of the
          ``m + n`` starting labels, each path capped at ``max_pivots`` pivots (default
          ``50·(m + n)``); finds only equilibria reachable this way (``complete`` False).
        * ``"nashpy_support"``, ``"nashpy_vertex"``: nashpy's own enumerators, each
          returned pair verified (invalid ones dropped); ``complete`` False, because
          nashpy misses equilibria (docs/discussion.md).
    tol : float
        Feasibility / label tolerance on payoffs scaled to [1, 2]; in (0, 1e-3].
    max_pivots : int, optional
        Pivot cap per Lemke–Howson path (a whole number >= 1).

    Returns
    -------
    EquilibriumSet
    """
    A_raw, B_raw = _check_bimatrix(A, B)
    # Equilibria do not change under positive affine maps of either player's payoffs:
    # every method works on payoffs mapped to [1, 2] (no unit, currency or constant can
    # change a tolerance decision); payoffs are reported in the given units.
    A, B = _to_unit(A_raw), _to_unit(B_raw)
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {METHODS}")
    # labels are read off coordinates in [0, 1] of the scaled polytopes
    tol = in_interval(tol, "tol (label tolerance on payoffs scaled to [1, 2])", 0.0, 1e-3,
                      closed="right")
    if max_pivots is not None:
        max_pivots = whole_number(max_pivots, "max_pivots", lo=1)
    m, n = A.shape
    verify_tol = max(1e-7, 100 * tol)
    note = ""
    if method == "enumeration":
        eqs, degenerate, how = _vertex_pairs(A, B, tol)
        if not degenerate and len(eqs) % 2 == 0 and "qhull" in how:
            # a nondegenerate game has an odd number of equilibria (von Stengel 2002,
            # Cor. 2.11): an even count means qhull lost a vertex; redo without it
            if _n_systems(m, n) > MAX_SYSTEMS:
                raise RuntimeError(
                    f"qhull's vertices give an even number ({len(eqs)}) of equilibria for a "
                    "nondegenerate game, which is impossible, and the game is too large "
                    "for the all-bases enumeration; please report this game")
            lost = len(eqs)
            eqs, degenerate, how = _vertex_pairs(A, B, tol, "all bases")
            how += f", because qhull gave an even number ({lost}) of equilibria"
        complete = True
        used = f"vertex enumeration of the best-response polytopes ({how})"
        if crosscheck and not degenerate and _n_systems(m, n) <= 300:
            import nashpy

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = list(nashpy.Game(A, B).support_enumeration())
            for x, y in theirs:
                if _is_equilibrium(A, B, x, y, verify_tol) and not _member((x, y), eqs):
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
        cap = max_pivots if max_pivots is not None else 50 * (m + n)
        eqs, capped, failed = [], [], []
        for label in range(m + n):
            status, res = _lemke_howson_path(A, B, label, cap)
            if status == "capped":
                capped.append(label)
            elif status == "failed":
                failed.append((label, res))
            elif _is_equilibrium(A, B, *res, verify_tol):
                eqs.append(res)
        try:
            degenerate = _polytope_data(A, B, tol)[2]
        except ValueError:
            degenerate = None
        complete = False
        used = "Lemke–Howson (nashpy pivoting) from every starting label"
        note = ("Lemke–Howson finds only the equilibria its paths reach"
                + (f"; paths from labels {capped} stopped after {cap} pivots" if capped else "")
                + (f"; nashpy's pivoting failed from labels {[lab for lab, _ in failed]} "
                   f"({failed[0][1]})" if failed else ""))
        if degenerate is None:
            degenerate = False
            note += "; degeneracy not checked (game too large)"
    else:
        import nashpy

        g = nashpy.Game(A, B)
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                raw = list(g.support_enumeration() if method == "nashpy_support"
                           else g.vertex_enumeration())
        except Exception as exc:  # noqa: BLE001 - nashpy / qhull internals
            raise RuntimeError(
                f"nashpy's {method.removeprefix('nashpy_')}_enumeration failed on this "
                f"{m}×{n} game ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); "
                "method='enumeration' handles every game") from None
        eqs = [(np.asarray(x, float), np.asarray(y, float)) for x, y in raw
               if _is_equilibrium(A, B, x, y, verify_tol)]
        degenerate = _polytope_data(A, B, tol)[2]
        complete = False
        used = f"nashpy {method.removeprefix('nashpy_')}_enumeration, each result verified"
        dropped = len(raw) - len(eqs)
        note = ("nashpy's enumerators can miss equilibria (docs/discussion.md); "
                "completeness not certified")
        if dropped:
            note += f"; {dropped} invalid result(s) dropped"
    for x, y in eqs:
        if not _is_equilibrium(A, B, x, y, verify_tol):
            raise RuntimeError(f"internal error: a returned profile is not an equilibrium "
                               f"(x={x}, y={y})")
    eqs = _dedupe([_polish(A, B, x, y, verify_tol) for x, y in eqs])
    payoffs = tuple((float(x @ A_raw @ y), float(x @ B_raw @ y)) for x, y in eqs)
    return EquilibriumSet(tuple(eqs), payoffs, used, degenerate, complete, note)
