"""Seeded inputs shared by every library in one run.

Every adapter receives exactly the same numbers: the generators below depend only on
``(suite, size, seed)``.

* Coalitional games (``tu_values``): ``v(S) = w(S) · |S|^θ · (1 − 0.1 u_S)`` for
  ``S ≠ N`` and ``v(N) = w(N) · n^θ``, with weights ``w_i ~ U(1, 10)``, ``θ = 1/2`` and
  noise ``u_S ~ U(0, 1)`` independent across coalitions. The allocation
  ``x_i = w_i n^θ`` satisfies ``x(S) = w(S) n^θ ≥ v(S)``, so the core is non-empty
  (core point, least core and nucleolus are all meaningful), and the noise makes the
  game generic (the nucleolus needs several LP rounds).
* Bankruptcy games (``talmud_values``): Aumann & Maschler (1985) *J. Econ. Theory*
  36:195, claims (100, 200, 300) and estates 100, 200, 300; the nucleolus is the
  Talmud rule: (33⅓, 33⅓, 33⅓), (50, 75, 75), (50, 100, 150).
* Bimatrix games (``bimatrix``): integer payoffs uniform on 0 … 99 for both players.
* Entry games (``entry_payoffs``): ``n`` firms, symmetric Cournot competition with
  linear demand after entry and firm-specific fixed costs, so firm ``i`` entering
  with ``k - 1`` others earns ``π(k) − F_i``, ``π(k) = M / (k + 1)²`` (Cournot profit
  with ``a − c = 1`` and market size ``M``); staying out is worth 0. The fixed costs
  are ``F_i = π(k_i)`` with ``k_i ~ U(n/4, 3n/4)``, so about half the firms enter.
"""

from __future__ import annotations

import numpy as np

from gametheory.coalitional.game import additive_values, popcounts

SEED = 20261127

THETA = 0.5
NOISE = 0.1


def _rng(*keys: int) -> np.random.Generator:
    return np.random.default_rng([SEED, *keys])


def tu_values(n: int, seed: int = 0) -> np.ndarray:
    """Bitmask-indexed worths ``v[S]`` (length ``2**n``) of the seeded coalitional game."""
    rng = _rng(1, seed, n)
    w = rng.uniform(1.0, 10.0, n)
    base = additive_values(w) * popcounts(n).astype(float) ** THETA
    v = base * (1.0 - NOISE * rng.random(2**n))
    v[0] = 0.0
    v[-1] = base[-1]
    return v


def talmud_values(estate: float, claims=(100.0, 200.0, 300.0)) -> np.ndarray:
    """Bankruptcy game ``v(S) = max(0, E − Σ_{j∉S} d_j)`` (bitmask-indexed)."""
    d = np.asarray(claims, dtype=float)
    total = additive_values(d)
    return np.maximum(0.0, estate - (total[-1] - total))


#: Nucleolus of the Talmud estates (Aumann & Maschler 1985, Table 1).
TALMUD_NUCLEOLUS = {
    100: (100 / 3, 100 / 3, 100 / 3),
    200: (50.0, 75.0, 75.0),
    300: (50.0, 100.0, 150.0),
}


def bimatrix(m: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Integer payoff matrices ``A`` (row player), ``B`` (column player), ``m × m``."""
    rng = _rng(2, seed, m)
    return rng.integers(0, 100, (m, m)), rng.integers(0, 100, (m, m))


def entry_payoffs(n: int, seed: int = 0) -> np.ndarray:
    """Aggregative entry payoffs ``P[i, k]`` for ``k = 0 … n`` entrants (``P[:, 0]`` unused, 0).

    ``P[i, k] = π(k) − F_i`` is firm ``i``'s payoff when it enters and ``k`` firms enter
    in total (itself included); staying out is worth 0.
    """
    rng = _rng(3, seed, n)
    market = 100.0 * n
    k_i = rng.uniform(n / 4, 3 * n / 4, n)
    fixed = market / (k_i + 1.0) ** 2
    k = np.arange(n + 1, dtype=float)
    pay = market / (k + 1.0) ** 2 - fixed[:, None]
    pay[:, 0] = 0.0
    return pay


def entry_table(pay: np.ndarray) -> np.ndarray:
    """The dense ``(2**n, n)`` payoff table of the entry game: row = profile bitmask.

    ``U[s, i]`` is firm ``i``'s payoff at profile ``s`` (bit ``i`` set = firm ``i`` enters).
    This is what every library without structure needs: ``n · 2**n`` numbers.
    """
    n = pay.shape[0]
    counts = popcounts(n)
    bits = (np.arange(2**n, dtype=np.int64)[:, None] >> np.arange(n)) & 1
    return np.where(bits.astype(bool), pay[np.arange(n), counts[:, None]], 0.0)


def make(suite: str, size: int, seed: int = 0):
    """The input of ``suite`` at ``size`` (players, actions per player, or estate)."""
    if suite == "shapley" or suite == "core" or suite == "nucleolus":
        return tu_values(size, seed)
    if suite == "talmud":
        return talmud_values(float(size))
    if suite == "bimatrix":
        return bimatrix(size, seed)
    if suite == "entry":
        return entry_payoffs(size, seed)
    raise ValueError(f"unknown suite {suite!r}")
