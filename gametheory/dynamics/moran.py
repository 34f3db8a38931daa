"""Finite populations: fixation probabilities under the Moran process and pairwise comparison.

A population of ``N`` firms plays a symmetric two-player game with payoff matrix ``A``
(``A[i, j]``: strategy ``i`` meeting ``j``). With ``j`` players of strategy ``a`` and
``N − j`` of strategy ``b``, each meets every other player once:

    π_a(j) = (A[a,a](j − 1) + A[a,b](N − j)) / (N − 1),
    π_b(j) = (A[b,a] j + A[b,b](N − j − 1)) / (N − 1).

The number ``j`` moves by one step at a time (a birth–death chain). With ``T⁺_j``, ``T⁻_j``
the probabilities that it rises or falls, the probability that a single ``a`` mutant
takes over a population of ``b`` is (Karlin & Taylor 1975; Nowak et al. 2004)

    ρ_{a←b} = 1 / (1 + Σ_{k=1}^{N−1} Π_{j=1}^{k} γ_j),      γ_j = T⁻_j / T⁺_j.

Two update rules:

* ``"moran"`` — frequency-dependent Moran process (Nowak, Sasaki, Taylor & Fudenberg
  2004): one player reproduces with probability proportional to fitness, its offspring
  replaces a random player. Fitness ``f = 1 + w π`` (``"linear"``) or ``f = exp(w π)``
  (``"exponential"``), so ``γ_j = f_b(j) / f_a(j)``. (Nowak et al.'s
  ``f = 1 − w' + w' π`` is the linear case with ``w = w'/(1 − w')``: fitnesses
  proportional to each other give the same process.)
* ``"fermi"`` — pairwise comparison (Traulsen, Nowak & Pacheco 2006): a random player
  imitates a random other with probability ``1 / (1 + exp(−β (π_other − π_self)))``,
  so ``γ_j = exp(−β (π_a(j) − π_b(j)))``.

The selection intensity (``w`` or ``β``) has the unit 1/money: payoffs × ``λ`` and
intensity / ``λ`` give the same process. With ``k`` strategies and rare mutations the
population sits at monomorphic states and moves between them at rates ``ρ_{a←b}/(k−1)``
(Fudenberg & Imhof 2006): :func:`stationary_distribution`.

The closed form is summed in log space (no overflow at strong selection); an independent
computation solves the absorbing chain's linear equations (:func:`fixation_markov`).

References
----------
Karlin, S. & Taylor, H. M. (1975). *A First Course in Stochastic Processes*, 2nd ed.
Academic Press, ch. 4 (absorption probabilities of birth–death chains).
Nowak, M. A., Sasaki, A., Taylor, C. & Fudenberg, D. (2004). Emergence of cooperation and
evolutionary stability in finite populations. *Nature* 428:646–650.
Taylor, C., Fudenberg, D., Sasaki, A. & Nowak, M. A. (2004). Evolutionary game dynamics in
finite populations. *Bulletin of Mathematical Biology* 66:1621–1644.
Traulsen, A., Nowak, M. A. & Pacheco, J. M. (2006). Stochastic dynamics of invasion and
fixation. *Physical Review E* 74:011909.
Fudenberg, D. & Imhof, L. A. (2006). Imitation processes with small mutations. *Journal
of Economic Theory* 131:251–262.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._results import ResultMixin
from .._validation import finite_array, names_for, positive, whole_number

PROCESSES = ("fermi", "moran")
FITNESS = ("linear", "exponential")


def _game(A) -> np.ndarray:
    A = finite_array(A, "A (payoff matrix)", ndim=2)
    if A.shape[0] != A.shape[1] or A.shape[0] < 2:
        raise ValueError(f"A (payoff matrix) must be square k × k with k >= 2, got {A.shape}")
    return A


def _check(N, intensity, process, fitness):
    N = whole_number(N, "N (population size)", 2)
    intensity = positive(intensity, "intensity (of selection)", strict=False)
    if process not in PROCESSES:
        raise ValueError(f"process must be one of {PROCESSES}, got {process!r}")
    if fitness not in FITNESS:
        raise ValueError(f"fitness must be one of {FITNESS}, got {fitness!r}")
    return N, intensity


def expected_payoffs(A, a: int, b: int, N: int) -> tuple[np.ndarray, np.ndarray]:
    """``π_a(j)``, ``π_b(j)`` for ``j = 1 … N−1`` players of ``a`` among ``N`` (no self-play).

    References
    ----------
    Nowak et al. (2004).
    """
    A = np.asarray(A, dtype=float)
    j = np.arange(1, N, dtype=float)
    pa = (A[a, a] * (j - 1) + A[a, b] * (N - j)) / (N - 1)
    pb = (A[b, a] * j + A[b, b] * (N - j - 1)) / (N - 1)
    return pa, pb


def _log_gamma(A, a, b, N, intensity, process, fitness) -> np.ndarray:
    """``log γ_j = log(T⁻_j / T⁺_j)`` for j = 1 … N−1."""
    pa, pb = expected_payoffs(A, a, b, N)
    if process == "fermi" or fitness == "exponential":
        return -intensity * (pa - pb)
    fa, fb = 1 + intensity * pa, 1 + intensity * pb
    if np.any(fa <= 0) or np.any(fb <= 0):
        raise ValueError("linear fitness 1 + w·π must be positive: lower the intensity w "
                         f"(got {intensity}) or use fitness='exponential'")
    return np.log(fb) - np.log(fa)


def fixation_probability(A, a: int, b: int, N: int, intensity: float,
                         process: str = "fermi", fitness: str = "linear") -> float:
    """Probability that one mutant of strategy ``a`` takes over a population of ``b`` (closed form).

    ``ρ = 1 / Σ_{k=0}^{N−1} exp(Σ_{j≤k} log γ_j)`` summed in log space. Neutral drift
    (``intensity = 0``) gives ``1/N``.

    References
    ----------
    Karlin & Taylor (1975), ch. 4; Nowak et al. (2004); Traulsen, Nowak & Pacheco (2006).
    """
    A = _game(A)
    N, intensity = _check(N, intensity, process, fitness)
    k = A.shape[0]
    a = whole_number(a, "a (invading strategy)", 0, k - 1)
    b = whole_number(b, "b (resident strategy)", 0, k - 1)
    if a == b:
        raise ValueError(f"a (invading strategy) and b (resident strategy) must differ, both {a}")
    lg = _log_gamma(A, a, b, N, intensity, process, fitness)
    partial = np.concatenate([[0.0], np.cumsum(lg)])  # k = 0 … N−1
    m = partial.max()
    return float(np.exp(-m) / np.exp(partial - m).sum())


def transition_probabilities(A, a: int, b: int, N: int, intensity: float,
                             process: str = "fermi", fitness: str = "linear"):
    """``T⁺_j``, ``T⁻_j`` (j = 0 … N) of the chain counting ``a`` players.

    References
    ----------
    Nowak et al. (2004); Traulsen, Nowak & Pacheco (2006).
    """
    A = _game(A)
    N, intensity = _check(N, intensity, process, fitness)
    pa, pb = expected_payoffs(A, a, b, N)
    j = np.arange(1, N, dtype=float)
    mix = j * (N - j) / N**2
    if process == "fermi":
        d = intensity * (pa - pb)
        up = mix / (1 + np.exp(np.clip(-d, -700, 700)))
        down = mix / (1 + np.exp(np.clip(d, -700, 700)))
    else:
        if fitness == "linear":
            fa, fb = 1 + intensity * pa, 1 + intensity * pb
            if np.any(fa <= 0) or np.any(fb <= 0):
                raise ValueError("linear fitness 1 + w·π must be positive: lower the intensity w "
                                 f"(got {intensity}) or use fitness='exponential'")
        else:
            c = np.maximum(intensity * pa, intensity * pb)
            fa, fb = np.exp(intensity * pa - c), np.exp(intensity * pb - c)
        total = j * fa + (N - j) * fb
        up = j * fa / total * (N - j) / N
        down = (N - j) * fb / total * j / N
    Tp = np.concatenate([[0.0], up, [0.0]])
    Tm = np.concatenate([[0.0], down, [0.0]])
    return Tp, Tm


def fixation_markov(A, a: int, b: int, N: int, intensity: float,
                    process: str = "fermi", fitness: str = "linear") -> np.ndarray:
    """Absorption probabilities ``φ_j`` (j = 0 … N) at "all ``a``" of the birth–death chain, by
    solving ``φ_j = T⁻_j φ_{j−1} + T⁺_j φ_{j+1} + (1 − T⁺_j − T⁻_j) φ_j`` with ``φ_0 = 0``,
    ``φ_N = 1`` (a tridiagonal linear system). ``φ_1`` is the fixation probability; this
    is the independent check of :func:`fixation_probability`. Its error is absolute
    (about machine precision): probabilities below about ``1e-13`` lose their relative
    accuracy (at ``N = 1000`` a probability of ``1e-40`` comes out as noise), which the
    closed form, summed in log space, keeps.

    References
    ----------
    Karlin & Taylor (1975), ch. 4.
    """
    from scipy.linalg import solve_banded

    Tp, Tm = transition_probabilities(A, a, b, N, intensity, process, fitness)
    n = N - 1
    # interior unknowns φ_1 … φ_{N−1}: −T⁻_j φ_{j−1} + (T⁺_j + T⁻_j) φ_j − T⁺_j φ_{j+1} = 0
    ab = np.zeros((3, n))
    ab[0, 1:] = -Tp[1:n]           # super-diagonal
    ab[1, :] = Tp[1:N] + Tm[1:N]   # diagonal
    ab[2, :-1] = -Tm[2:N]          # sub-diagonal
    rhs = np.zeros(n)
    rhs[-1] = Tp[N - 1]
    phi = solve_banded((1, 1), ab, rhs)
    return np.concatenate([[0.0], phi, [1.0]])


@dataclass(frozen=True)
class FixationMatrix(ResultMixin):
    """Fixation probabilities between all pairs of strategies and the small-mutation limit.

    Attributes
    ----------
    rho : ndarray (k, k)
        ``rho[a, b]``: one ``a`` mutant takes over a population of ``b`` (diagonal: NaN).
    stationary : ndarray (k,)
        Long-run share of time at each monomorphic state when mutations are rare.
    neutral : float
        ``1/N``: a strategy is favoured by selection over ``b`` when ``rho[a, b] > 1/N``.
    process, strategies

    References
    ----------
    Nowak et al. (2004); Fudenberg & Imhof (2006).
    """

    rho: np.ndarray
    stationary: np.ndarray
    neutral: float
    process: str
    strategies: tuple


def fixation_matrix(A, N: int, intensity: float, process: str = "fermi",
                    fitness: str = "linear", strategies=None) -> FixationMatrix:
    """All pairwise fixation probabilities and the stationary distribution for rare mutations.

    The embedded chain moves from monomorphic ``b`` to ``a`` with probability
    ``ρ_{a←b} / (k − 1)`` (a uniformly chosen mutant that fixes); its stationary
    distribution is the left eigenvector for eigenvalue 1 (Fudenberg & Imhof 2006).

    References
    ----------
    Fudenberg & Imhof (2006); Nowak et al. (2004).
    """
    A = _game(A)
    k = A.shape[0]
    names = names_for(k, strategies, "strategy")
    rho = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(k):
            if a != b:
                rho[a, b] = fixation_probability(A, a, b, N, intensity, process, fitness)
    return FixationMatrix(rho, stationary_distribution(rho), 1.0 / N, process, names)


def stationary_distribution(rho) -> np.ndarray:
    """Stationary distribution of the rare-mutation chain with fixation matrix ``rho``.

    References
    ----------
    Fudenberg & Imhof (2006).
    """
    rho = np.asarray(rho, dtype=float)
    k = rho.shape[0]
    M = np.nan_to_num(rho.T, nan=0.0) / (k - 1)  # M[b, a] = P(b → a)
    np.fill_diagonal(M, 0.0)
    np.fill_diagonal(M, 1.0 - M.sum(axis=1))
    # solve π (M − I) = 0, Σ π = 1
    lhs = np.vstack([(M - np.eye(k)).T, np.ones(k)])
    rhs = np.zeros(k + 1)
    rhs[-1] = 1.0
    pi, *_ = np.linalg.lstsq(lhs, rhs, rcond=None)
    return np.clip(pi, 0.0, None) / np.clip(pi, 0.0, None).sum()
