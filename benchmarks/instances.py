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
* Thin-core bankruptcy games (``bankruptcy_values``, suites ``thin_core`` and
  ``thin_nucleolus``): claims ``d_i ~ U(1, 100)`` (seeded), estate ``E = 0.4 Σ d``,
  ``v(S) = max(0, E − Σ_{j∉S} d_j)`` (O'Neill 1982; Aumann & Maschler 1985). The core is
  ``{x : Σ x = E, max(0, E − Σ_{j≠i} d_j) ≤ x_i ≤ d_i}``, so its width along player
  ``i`` is at most ``d_i``: relative to the worths it is thin, the least-core surplus is
  at most ``min(E, min_i d_i) / 2``, and most coalitions are worth 0 (ties everywhere). The
  nucleolus is the Talmud rule (Aumann & Maschler 1985, Theorem A), the exact
  reference. (At ``E = Σ d / 2`` the Talmud rule is exactly ``d / 2``; 0.4 exercises its
  constrained-equal-awards branch, where some claimants are capped at ``d_i / 2``.)
* Empty-core games (``empty_core_values``, suite ``empty_core``): symmetric
  ``v(S) = f(|S|)`` with the S-shaped ``f(s) = n (1 − cos(π s / n)) / 2`` (convex up to
  ``n / 2``, concave after). ``f(s) / s > f(n) / n = 1`` for ``s`` a little above
  ``n / 2``, so the core is empty (Bondareva–Shapley for symmetric games). By symmetry
  and convexity the equal split is in the least core, so its value is exact:
  ``max_S (v(S) − x(S)) = max_{1 ≤ s < n} (f(s) − s)`` (> 0).
* Bimatrix games (``bimatrix``): integer payoffs uniform on 0 … 99 for both players.
* Assignment games (``assignment_surplus``, suite ``assignment``): an ``n × n`` surplus
  matrix of core firms × suppliers, ``a_ij = max(0, x_i y_j + 10 e_ij − 20)`` with types
  ``x, y ~ U(0, 10)`` and noise ``e_ij ~ U(0, 1)``: complementary types plus idiosyncratic
  match quality, about a fifth of the pairs worthless.
* Dynamics (``tripartite_table``, ``replicator_starts``, ``fixation_game``): the
  firm–association–government payoff table in sympy (13 named parameters, as in
  ``gt.TripartiteOFDI``) or the fully general 2×2×2 table (24 free symbols); ``B``
  initial states uniform on the unit cube for the default tripartite game; a seeded
  3×3 game with integer payoffs 0 … 9 played by ``N`` firms.
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


#: Estate as a share of the total claims in the thin-core bankruptcy games.
ESTATE_SHARE = 0.4


def bankruptcy_claims(n: int, seed: int = 0) -> tuple[float, np.ndarray]:
    """``(estate, claims)`` of the seeded ``n``-claimant bankruptcy problem."""
    d = _rng(4, seed, n).uniform(1.0, 100.0, n)
    return ESTATE_SHARE * float(d.sum()), d


def bankruptcy_values(n: int, seed: int = 0) -> np.ndarray:
    """Bitmask-indexed bankruptcy game ``v(S) = max(0, E − Σ_{j∉S} d_j)``."""
    estate, d = bankruptcy_claims(n, seed)
    inside = additive_values(d)
    v = np.maximum(0.0, estate - (inside[-1] - inside))
    v[0] = 0.0
    return v


def empty_core_f(n: int) -> np.ndarray:
    """``f(s) = n (1 − cos(π s / n)) / 2`` for ``s = 0 … n`` (S-shaped, ``f(n) = n``)."""
    s = np.arange(n + 1, dtype=float)
    return n * (1.0 - np.cos(np.pi * s / n)) / 2.0


def empty_core_values(n: int) -> np.ndarray:
    """Bitmask-indexed symmetric game ``v(S) = f(|S|)`` with an empty core."""
    return empty_core_f(n)[popcounts(n)]


def empty_core_excess(n: int) -> float:
    """Exact least-core value as the largest excess ``max_{1 ≤ s < n} (f(s) − s f(n)/n)``."""
    f = empty_core_f(n)
    s = np.arange(1, n)
    return float(np.max(f[1:n] - s * f[n] / n))


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


def assignment_surplus(n: int, seed: int = 0) -> np.ndarray:
    """The ``n × n`` surplus matrix of the assignment suite (see the module docstring)."""
    rng = np.random.default_rng([seed, n, 7])
    x, y = rng.uniform(0, 10, n), rng.uniform(0, 10, n)
    return np.maximum(np.outer(x, y) + 10 * rng.uniform(0, 1, (n, n)) - 20, 0.0)
def tripartite_table(n_params: int):
    """The 2×2×2 payoff table in sympy: the tripartite model (13 parameters) or a fully
    general one (24 free symbols, ``u0 … u23``)."""
    import itertools

    import sympy as sp

    if n_params == 13:
        from gametheory.models.evolution import tripartite_payoffs

        return tripartite_payoffs()
    if n_params == 24:
        u = sp.symbols("u0:24", real=True)
        return {prof: tuple(u[3 * i + p] for p in range(3))
                for i, prof in enumerate(itertools.product((0, 1), repeat=3))}
    raise ValueError(f"tripartite_sym sizes are 13 or 24 parameters, got {n_params}")


def replicator_starts(b: int, seed: int = 0) -> np.ndarray:
    """``b`` initial first-strategy shares (firms, association, government), uniform."""
    return _rng(5, seed, b).random((b, 3))


#: Selection intensity of the fixation suite (1/payoff units).
FIXATION_BETA = 0.05


def fixation_game(N: int, seed: int = 0) -> tuple[np.ndarray, int, float]:
    """``(A, N, β)``: a seeded 3×3 game with integer payoffs 0 … 9, population size ``N``."""
    return _rng(6, seed).integers(0, 10, (3, 3)).astype(float), N, FIXATION_BETA


def make(suite: str, size: int, seed: int = 0):
    """The input of ``suite`` at ``size`` (players, actions per player, or estate)."""
    if suite == "shapley" or suite == "core" or suite == "nucleolus":
        return tu_values(size, seed)
    if suite in ("thin_core", "thin_nucleolus"):
        return bankruptcy_values(size, seed)
    if suite == "empty_core":
        return empty_core_values(size)
    if suite == "talmud":
        return talmud_values(float(size))
    if suite == "bimatrix":
        return bimatrix(size, seed)
    if suite == "entry":
        return entry_payoffs(size, seed)
    if suite == "assignment":
        return assignment_surplus(size, seed)
    if suite in ("sweep_map", "cluster_map", "cluster_map_sym"):
        return sweep_map_axes(size)
    if suite == "figures":
        return None
    if suite == "sweep_mc":
        return sweep_mc_spec(size, seed)
    if suite == "tripartite_sym":
        return tripartite_table(size)
    if suite == "replicator_batch":
        return replicator_starts(size, seed)
    if suite == "fixation":
        return fixation_game(size, seed)
    if suite == "policy":
        return policy_spec(size)
    raise ValueError(f"unknown suite {suite!r}")


# --------------------------------------------------------------------------- sweeps
#: Firms per Monte Carlo cluster in the ``sweep_mc`` suite.
MC_FIRMS = 20


def sweep_map_axes(side: int) -> dict:
    """``side × side`` grid of the integrated model's regime map (entry cost × risk), the
    grid of paper figure A: ``F`` linear on [5, 300], ``σ²`` geometric on [5, 4000]."""
    return {"F": np.linspace(5.0, 300.0, side), "sigma2": np.geomspace(5.0, 4000.0, side)}


def sweep_mc_spec(draws: int, seed: int = 0) -> dict:
    """``draws`` heterogeneous clusters of :data:`MC_FIRMS` firms (see :func:`mc_cluster`):
    shareable entry costs ``K_i ~ U(10, 60)``, own set-up costs ``f_i ~ U(5, 20)``,
    stand-alone profits ``R_i ~ U(2, 9)`` against an entry cost 10, synergy 0.4."""
    return {"draws": draws, "seed": int(SEED + seed), "firms": MC_FIRMS}


def mc_cluster(K, f, R, F=10.0, gamma=0.4) -> dict:
    """One heterogeneous cluster: the nucleolus of its airport entry-cost game (sequential
    LPs over 2**n coalitions) and the equilibrium set of its entry game with complementarities
    (firm i earns R_i + γ(k − 1) − F with k entrants; all pure equilibria by count structure)."""
    import gametheory as gt

    nu = gt.nucleolus(gt.EntryCostGame(K=K, f=f, form="airport").game())
    R = np.asarray(R, dtype=float)
    k = np.arange(1, R.size + 1)
    eqs = gt.EntryGame.from_count_payoffs(R[:, None] + gamma * (k[None, :] - 1) - F)
    st = eqs.equilibrium_structure()
    counts = [m for m, c in enumerate(st.count) if c > 0]
    return {"nucleolus_max_share": float(np.max(nu)), "nucleolus_min_share": float(np.min(nu)),
            "equilibria": int(sum(st.count)), "least": int(min(counts)),
            "greatest": int(max(counts))}


# --------------------------------------------------------------------------- policy
#: Instruments of the ``policy`` suite, in the order they are added (the first four: the
#: untargeted and targeted entry subsidies, the loan guarantee and insurance).
POLICY_INSTRUMENTS = ("entry_subsidy", "cluster_subsidy", "guarantee", "insurance", "agency",
                      "seed_fund")


def policy_spec(instruments: int) -> dict:
    """The government's problem over the first ``instruments`` of :data:`POLICY_INSTRUMENTS`
    for a 20-firm cluster of 4 lead firms and 16 SMEs (lead cost 34, τ = 600, capital
    1000; SME cost 40, τ = 200, capital 40 below the entry cost 60), λ = 0.3."""
    if not 1 <= instruments <= len(POLICY_INSTRUMENTS):
        raise ValueError(f"instruments must be 1..{len(POLICY_INSTRUMENTS)}, got {instruments}")
    return {"economy": {"n": 20, "leads": 4, "sme_capital": 40.0, "lead_capital": 1000.0},
            "instruments": list(POLICY_INSTRUMENTS[:instruments])}
