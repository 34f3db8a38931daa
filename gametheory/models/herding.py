"""Pioneers and herding: information cascades in sequential entry, and strategic delay.

**Cascades** (Banerjee 1992; Bikhchandani, Hirshleifer & Welch 1992). Firms decide one
after another whether to invest in a host market whose quality is good (``H``) or bad
(``L``), prior ``P(H) = π``. Investing pays ``V_H − I > 0`` or ``V_L − I < 0``, so a firm
invests iff its belief that the market is good exceeds the normalised cost
``c = (I − V_L)/(V_H − V_L)``. Each firm sees a private binary signal that is right with
probability ``q ∈ (½, 1)`` and the actions (not the signals or payoffs) of the firms
before it. With public log-likelihood ratio ``λ`` (prior and the actions so far), a firm
with signal ``h`` (``l``) has posterior log-odds ``λ + ℓ`` (``λ − ℓ``), ``ℓ = ln(q/(1−q))``,
and invests iff it exceeds ``κ = ln(c/(1−c))``. When both signals lead to the same action
the action reveals nothing, the public belief stops moving and every later firm does
the same: a *cascade* — of entry (herding into the host) or of non-entry (nobody goes).
Before a cascade every action reveals the signal, so the public belief walks on the
lattice ``λ₀ + dℓ``; it has at most three non-cascade states and is absorbed with
probability one. An indifferent firm follows its own signal (``tie="own"``; Bikhchandani,
Hirshleifer & Welch 1998) or tosses a coin (``tie="coin"``, as in BHW 1992).

The probabilities come from the absorbing Markov chain on the public belief, built
from the firms' decision rule (:meth:`InformationCascade.probabilities`,
:meth:`InformationCascade.eventual`); :meth:`InformationCascade.closed_forms` gives
the eventual probabilities as sympy expressions in ``q`` (in the symmetric case they
reduce to BHW's formulas). A **public signal** of precision ``q₀`` released by the
association or the government (:meth:`InformationCascade.public_signal`) or a Gaussian
signal ``s = a + e`` of the kind in :func:`gametheory.models.information.public_information`
(:meth:`InformationCascade.gaussian_public_signal`) shifts ``λ`` for everyone: before
the first firm it can prevent a wrong cascade, later it can break one.

**Strategic delay** (:class:`PioneerGame`; Chamley & Gale 1994). When the pioneer's
outcome reveals the market's quality to everyone, each firm would rather be second:
without coordination the symmetric equilibrium is a waiting game in which firms enter
at random and the informational gain is dissipated by delay; the cluster can send one
pioneer and compensate it.

References
----------
Banerjee, A. V. (1992). A simple model of herd behavior. *Quarterly Journal of
Economics* 107:797–817.
Bikhchandani, S., Hirshleifer, D. & Welch, I. (1992). A theory of fads, fashion, custom,
and cultural change as informational cascades. *Journal of Political Economy*
100:992–1026.
Bikhchandani, S., Hirshleifer, D. & Welch, I. (1998). Learning from the behavior of
others: conformity, fads, and informational cascades. *Journal of Economic Perspectives*
12:151–170.
Chamley, C. & Gale, D. (1994). Information revelation and strategic delay in a model of
investment. *Econometrica* 62:1065–1085.
Chamley, C. (2004). *Rational Herds*. Cambridge University Press, ch. 4 and 6.
"""

from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np
import sympy as sp
from scipy.special import ndtr

from .._results import ResultMixin
from .._symbolic import ClosedForms
from .._tolerance import tolerance
from .._validation import finite_scalar, in_interval, positive, whole_number
from .base import Model

__all__ = ["InformationCascade", "PioneerGame"]

_TIES = ("own", "coin")
#: Tolerance on log-odds (unit-free) below which a firm counts as indifferent.
_LOGODDS_TOL = 1e-9


# --------------------------------------------------------------------------- results
@dataclasses.dataclass(frozen=True)
class CascadeProbabilities(ResultMixin):
    """Cascade probabilities after ``t = 0, 1, …, n`` firms have moved.

    Index ``[t]`` of each array: the probability that after ``t`` firms the public belief
    is in an entry cascade (``adopt``), a non-entry cascade (``reject``) or neither,
    given the market is good (``_good``) or bad (``_bad``). ``wrong`` is the
    unconditional probability of being in the wrong cascade (non-entry when good,
    entry when bad): ``π·reject_good + (1 − π)·adopt_bad``.
    """

    n: int
    adopt_good: np.ndarray
    reject_good: np.ndarray
    none_good: np.ndarray
    adopt_bad: np.ndarray
    reject_bad: np.ndarray
    none_bad: np.ndarray
    wrong: np.ndarray


@dataclasses.dataclass(frozen=True)
class EventualCascade(ResultMixin):
    """Probabilities that the entry process ends in each cascade (it ends with probability 1).

    ``initial`` names the state of the first firm: ``"learning"``, or ``"entry cascade"``
    / ``"non-entry cascade"`` when the prior alone decides (nobody's action reveals
    anything: with a pessimistic prior nobody ever goes first).
    """

    adopt_good: float
    reject_good: float
    adopt_bad: float
    reject_bad: float
    wrong: float
    correct: float
    initial: str


@dataclasses.dataclass(frozen=True)
class PublicSignalEffect(ResultMixin):
    """A public signal released after ``after`` firms have moved.

    ``wrong_without`` / ``wrong_with``: probability that the process ends in the wrong
    cascade without / with the signal. ``cascade_before``: probability that a cascade is
    already under way when the signal comes; ``broken``: probability that it is and the
    signal restarts learning (the new public belief lets private signals matter again).
    """

    signal: str
    after: int
    wrong_without: float
    wrong_with: float
    cascade_before: float
    broken: float


@dataclasses.dataclass(frozen=True)
class DelayEquilibrium(ResultMixin):
    """Symmetric stationary equilibrium of the waiting game and the cluster's plan.

    Attributes
    ----------
    regime : str
        ``"nobody goes first"`` (``m ≤ 0``: no firm invests blind), ``"strategic delay"``
        (``0 < m < δg``: mixed strategies, a war of attrition) or ``"rush"`` (``m ≥ δg``:
        every firm enters at once).
    blind_value : float
        ``m = πV_H + (1−π)V_L − I``: value of entering without information.
    informed_value : float
        ``g = π(V_H − I)⁺ + (1−π)(V_L − I)⁺``: value of entering after the market is known.
    entry_probability : float
        ``z``: probability that a firm that has not entered enters in a given period.
    other_entry_probability : float
        ``p = 1 − (1 − z)^(n−1) = (1 − δ)m/(δ(g − m))``: probability that some other firm
        pioneers in a period.
    value_per_firm : float
        Equilibrium value of each firm: ``max(m, 0)`` (the informational gain is
        dissipated by waiting).
    expected_idle_periods : float
        Expected number of periods before the first entry: ``Q/(1 − Q)``, ``Q = (1 − z)^n``.
    duplication : float
        Probability that two or more firms pioneer in the same period (wasted
        experiments), given that someone enters in it.
    cluster_plan : str
        ``"send one pioneer"``, ``"all enter at once"`` or ``"nobody enters"``.
    cluster_value : float
        Joint value of the cluster's plan: ``max(0, nm, m + (n−1)δg)``.
    value_lost : float
        ``cluster_value − n·value_per_firm ≥ 0``: what uncoordinated waiting (or not going)
        costs the firms together.
    pioneer_transfer : float
        What the followers pay the pioneer so that all get ``cluster_value/n``.
    """

    regime: str
    blind_value: float
    informed_value: float
    entry_probability: float
    other_entry_probability: float
    value_per_firm: float
    expected_idle_periods: float
    duplication: float
    cluster_plan: str
    cluster_value: float
    value_lost: float
    pioneer_transfer: float


# --------------------------------------------------------------------------- cascades
@dataclasses.dataclass(frozen=True)
class InformationCascade(Model):
    """Sequential entry with private binary signals and observed actions (BHW 1992).

    Parameters
    ----------
    accuracy : float in (½, 1)
        ``q``: probability that a firm's private signal is right.
    prior : float in (0, 1)
        ``π``: prior probability that the host market is good.
    cost : float in (0, 1)
        Normalised investment cost ``c = (I − V_L)/(V_H − V_L)``: a firm invests iff its
        posterior probability of a good market exceeds ``c``
        (:meth:`from_payoffs` builds it from money payoffs).
    tie : {"own", "coin"}
        An indifferent firm follows its own signal (``"own"``) or invests with probability
        ½ (``"coin"``, the rule of BHW 1992).

    References
    ----------
    Bikhchandani, S., Hirshleifer, D. & Welch, I. (1992). A theory of fads, fashion,
    custom, and cultural change as informational cascades. *Journal of Political Economy*
    100:992–1026.
    Banerjee, A. V. (1992). A simple model of herd behavior. *Quarterly Journal of
    Economics* 107:797–817.

    Examples
    --------
    >>> m = InformationCascade(accuracy=0.7, tie="coin")
    >>> round(m.eventual().wrong, 6)     # BHW: (1−q)(2−q)/(2(1−q+q²))
    0.246835
    """

    accuracy: float = 0.7
    prior: float = 0.5
    cost: float = 0.5
    tie: str = "own"

    def _validate(self):
        q = in_interval(self.accuracy, "accuracy (private signal precision)", 0.5, 1.0,
                        closed="neither")
        p = in_interval(self.prior, "prior (probability of a good market)", 0.0, 1.0,
                        closed="neither")
        c = in_interval(self.cost, "cost (normalised investment cost)", 0.0, 1.0,
                        closed="neither")
        if self.tie not in _TIES:
            raise ValueError(f"tie must be one of {_TIES}, got {self.tie!r}")
        for k, v in (("accuracy", q), ("prior", p), ("cost", c)):
            object.__setattr__(self, k, v)

    @classmethod
    def from_payoffs(cls, value_good: float, value_bad: float, investment: float,
                     accuracy: float = 0.7, prior: float = 0.5, tie: str = "own"):
        """Build the model from money payoffs: ``c = (I − V_L)/(V_H − V_L)``.

        Needs ``V_L < I < V_H`` (otherwise the decision does not depend on the market).
        Scaling all three by the same factor gives the same model (units do not matter).
        """
        vg = finite_scalar(value_good, "value_good")
        vb = finite_scalar(value_bad, "value_bad")
        inv = finite_scalar(investment, "investment")
        if not vb < inv < vg:
            raise ValueError(f"investment must lie strictly between value_bad = {vb} and "
                             f"value_good = {vg} (else the decision does not depend on the "
                             f"market), got {inv}")
        return cls(accuracy=accuracy, prior=prior, cost=(inv - vb) / (vg - vb), tie=tie)

    # ------------------------------------------------------------------ the chain
    @property
    def _ell(self) -> float:
        return math.log(self.accuracy / (1.0 - self.accuracy))

    @property
    def _kappa(self) -> float:
        return math.log(self.cost / (1.0 - self.cost))

    @property
    def _lam0(self) -> float:
        return math.log(self.prior / (1.0 - self.prior))

    def _rule(self, lam):
        """``(a_h, a_l)``: investment probabilities of a firm with signal h / l at public ``λ``.

        Vectorised over ``λ``; a firm is indifferent when its posterior log-odds are within
        ``1e-9`` (relative) of ``κ`` and then follows its own signal or tosses a coin.
        """
        lam = np.asarray(lam, dtype=float)
        k, ell = self._kappa, self._ell
        out = []
        for post, own in ((lam + ell, 1.0), (lam - ell, 0.0)):
            tie = np.abs(post - k) <= _LOGODDS_TOL * np.maximum(1.0, np.maximum(abs(k),
                                                                                np.abs(post)))
            a = np.where(tie, own if self.tie == "own" else 0.5, (post > k).astype(float))
            out.append(float(a) if a.ndim == 0 else a)
        return out[0], out[1]

    def _chain(self, lam0: float):
        """The Markov chain of the public belief started at ``λ₀`` (first-principles rule).

        States are keys ``(d, e)``: ``λ = λ₀ + dℓ + e·ln((1+q)/(2−q))`` (``e ≠ 0`` only after
        a coin-tossing firm). Returns ``(keys, kinds, rules, moves, PH, PL)``: ``kinds[k]`` in
        {"learning", "adopt", "reject"}, ``rules[k] = (a_h, a_l)`` the investment
        probabilities with signal h / l, ``moves[k]`` the states after investment / no
        investment, and row-stochastic transition matrices given the market is good / bad.
        """
        q, ell = self.accuracy, self._ell
        coin = math.log((1.0 + q) / (2.0 - q))
        keys, kinds, rules, moves = [(0, 0)], [], [], []
        index = {(0, 0): 0}
        k = 0
        while k < len(keys):
            d, e = keys[k]
            a_h, a_l = self._rule(lam0 + d * ell + e * coin)
            rules.append((a_h, a_l))
            if a_h == a_l:
                kinds.append("adopt" if a_h == 1.0 else "reject")
                moves.append((k, k))
            else:
                kinds.append("learning")
                if (a_h, a_l) == (1.0, 0.0):
                    up, down = (d + 1, e), (d - 1, e)
                elif (a_h, a_l) == (1.0, 0.5):
                    up, down = (d, e + 1), (d - 1, e)
                else:  # (0.5, 0.0)
                    up, down = (d + 1, e), (d, e - 1)
                for nxt in (up, down):
                    if nxt not in index:
                        index[nxt] = len(keys)
                        keys.append(nxt)
                moves.append((index[up], index[down]))
            k += 1
        m = len(keys)
        PH, PL = np.zeros((m, m)), np.zeros((m, m))
        for k, ((up, down), (a_h, a_l)) in enumerate(zip(moves, rules, strict=True)):
            for P, hq in ((PH, q), (PL, 1 - q)):
                pA = hq * a_h + (1 - hq) * a_l
                P[k, up] += pA
                P[k, down] += 1 - pA
        return keys, kinds, rules, moves, PH, PL

    def _absorption(self, lam0: float):
        """``(P(adopt | H), P(adopt | L), initial kind)`` eventually, from public ``λ₀``."""
        keys, kinds, _, _, PH, PL = self._chain(lam0)
        out = []
        learn = [i for i, k in enumerate(kinds) if k == "learning"]
        adopt = np.array([k == "adopt" for k in kinds], dtype=float)
        for P in (PH, PL):
            if not learn:
                out.append(float(adopt[0]))
                continue
            Q = P[np.ix_(learn, learn)]
            R = P[learn] @ adopt                  # adopt is 0 on learning states
            x = np.linalg.solve(np.eye(len(learn)) - Q, R)
            out.append(float(x[learn.index(0)]) if kinds[0] == "learning" else float(adopt[0]))
        return out[0], out[1], kinds[0]

    # ------------------------------------------------------------------ public API
    def probabilities(self, n: int) -> CascadeProbabilities:
        """Cascade probabilities after ``0..n`` firms have moved (propagating the chain)."""
        n = whole_number(n, "n (number of firms)", 0, 100_000)
        keys, kinds, _, _, PH, PL = self._chain(self._lam0)
        adopt = np.array([k == "adopt" for k in kinds], dtype=float)
        reject = np.array([k == "reject" for k in kinds], dtype=float)
        res = {}
        for tag, P in (("good", PH), ("bad", PL)):
            x = np.zeros(len(keys))
            x[0] = 1.0
            a, r = np.empty(n + 1), np.empty(n + 1)
            for t in range(n + 1):
                a[t], r[t] = x @ adopt, x @ reject
                x = x @ P
            res[f"adopt_{tag}"], res[f"reject_{tag}"] = a, r
            res[f"none_{tag}"] = np.clip(1.0 - a - r, 0.0, 1.0)
        wrong = self.prior * res["reject_good"] + (1 - self.prior) * res["adopt_bad"]
        return CascadeProbabilities(n=n, wrong=wrong, **res)

    def eventual(self) -> EventualCascade:
        """Probabilities that the process ends in each cascade (absorbing-chain solve)."""
        ag, ab, kind = self._absorption(self._lam0)
        return self._eventual(ag, ab, kind)

    def _eventual(self, ag, ab, kind="learning") -> EventualCascade:
        wrong = self.prior * (1 - ag) + (1 - self.prior) * ab
        initial = {"learning": "learning", "adopt": "entry cascade",
                   "reject": "non-entry cascade"}[kind]
        return EventualCascade(adopt_good=ag, reject_good=1 - ag, adopt_bad=ab, reject_bad=1 - ab,
                               wrong=wrong, correct=1 - wrong, initial=initial)

    def simulate(self, n: int, trials: int = 10_000, seed: int | None = 0,
                 public_precision: float | None = None, after: int = 0) -> CascadeProbabilities:
        """Monte Carlo: draw markets and signals, let each firm decide by Bayes' rule.

        Each firm's public log-likelihood ratio is updated from the observed action with
        the likelihoods implied by the decision rule (no Markov chain). With
        ``public_precision`` a public binary signal of that precision is seen by all firms
        from firm ``after + 1`` on. Returns the empirical frequencies in the layout of
        :meth:`probabilities`.
        """
        n = whole_number(n, "n (number of firms)", 0, 100_000)
        trials = whole_number(trials, "trials", 1, 10_000_000)
        after = whole_number(after, "after", 0, n)
        rng = np.random.default_rng(seed)
        q = self.accuracy
        good = rng.random(trials) < self.prior
        lam = np.full(trials, self._lam0)
        if public_precision is not None:
            q0 = in_interval(public_precision, "public_precision", 0.5, 1.0, closed="left")
            right = rng.random(trials) < q0
            shift = math.log(q0 / (1 - q0)) * np.where(right == good, 1.0, -1.0)
        out = {f"{a}_{t}": np.zeros(n + 1) for a in ("adopt", "reject", "none")
               for t in ("good", "bad")}
        for t in range(n + 1):
            if public_precision is not None and t == after:
                lam = lam + shift
            a_h, a_l = self._rule(lam)
            casc = a_h == a_l
            for tag, mask in (("good", good), ("bad", ~good)):
                tot = max(int(mask.sum()), 1)
                out[f"adopt_{tag}"][t] = np.sum(mask & casc & (a_h == 1)) / tot
                out[f"reject_{tag}"][t] = np.sum(mask & casc & (a_h == 0)) / tot
                out[f"none_{tag}"][t] = np.sum(mask & ~casc) / tot
            if t == n:
                break
            sig_h = np.where(good, rng.random(trials) < q, rng.random(trials) >= q)
            p_inv = np.where(sig_h, a_h, a_l)
            act = rng.random(trials) < p_inv
            pAH = q * a_h + (1 - q) * a_l
            pAL = (1 - q) * a_h + q * a_l
            with np.errstate(divide="ignore", invalid="ignore"):
                lr = np.where(act, np.log(pAH / pAL), np.log((1 - pAH) / (1 - pAL)))
            lam = np.where(casc, lam, lam + lr)
        wrong = self.prior * out["reject_good"] + (1 - self.prior) * out["adopt_bad"]
        return CascadeProbabilities(n=n, wrong=wrong, **out)

    def _distribution_at(self, after: int):
        """``[(λ, P(state | H), P(state | L), kind)]``: the public belief after ``after`` firms."""
        q = self.accuracy
        keys, kinds, _, _, PH, PL = self._chain(self._lam0)
        coin = math.log((1.0 + q) / (2.0 - q))
        xH = np.zeros(len(keys))
        xH[0] = 1.0
        xL = xH.copy()
        for _ in range(after):
            xH, xL = xH @ PH, xL @ PL
        return [(self._lam0 + d * self._ell + e * coin, float(xH[k]), float(xL[k]), kinds[k])
                for k, (d, e) in enumerate(keys) if xH[k] > 0 or xL[k] > 0]

    def _with_shifts(self, after, shifts):
        """Wrong-cascade probability when the public LLR shifts by a random ``s`` after ``after``
        firms. ``shifts(lam, good)`` returns ``[(probability, λ + s representative)]``."""
        wrong = casc = broken = 0.0
        for lam, pH, pL, kind in self._distribution_at(after):
            for good, w in ((True, self.prior * pH), (False, (1 - self.prior) * pL)):
                if w == 0:
                    continue
                if kind != "learning":
                    casc += w
                for prob, lam2 in shifts(lam, good):
                    ag, ab, kind2 = self._absorption(lam2)
                    wrong += w * prob * ((1 - ag) if good else ab)
                    if kind != "learning" and kind2 == "learning":
                        broken += w * prob
        return wrong, casc, broken

    def public_signal(self, precision: float, after: int = 0) -> PublicSignalEffect:
        """A public binary signal of precision ``q₀`` seen by every firm from firm ``after + 1``.

        It shifts the public log-likelihood ratio by ``±ln(q₀/(1−q₀))``. Released before
        the first firm (``after = 0``) it can prevent a wrong cascade; released later it can
        break a cascade under way (BHW 1992, section on public information).
        """
        q0 = in_interval(precision, "precision (public signal)", 0.5, 1.0, closed="left")
        after = whole_number(after, "after", 0, 100_000)
        s = math.log(q0 / (1.0 - q0))

        def shifts(lam, good):
            right = q0 if good else 1 - q0  # probability the signal says "good"
            return [(right, lam + s), (1 - right, lam - s)]

        wrong, casc, broken = self._with_shifts(after, shifts)
        return PublicSignalEffect(signal=f"binary, precision {q0:g}", after=after,
                                  wrong_without=self.eventual().wrong, wrong_with=wrong,
                                  cascade_before=casc, broken=broken)

    def gaussian_public_signal(self, noise: float, separation: float = 1.0,
                               after: int = 0) -> PublicSignalEffect:
        """A public Gaussian signal ``s = a + e``, ``e ~ N(0, noise)``, about the demand level.

        The host demand intercept is ``a_H`` in a good and ``a_L = a_H − Δ`` in a bad market
        (``Δ = separation``, in the units of ``a``); the signal has the form of
        :func:`gametheory.models.information.public_information` (``noise`` is the same
        variance ``σ_e²``). It shifts the public log-likelihood ratio by
        ``Δ(s − (a_H + a_L)/2)/σ_e²``, normal with mean ``±Δ²/(2σ_e²)`` and variance
        ``Δ²/σ_e²``. The eventual cascade probabilities are piecewise constant in the public
        belief (they change only where a firm becomes indifferent), so the expectation is
        a finite sum of normal probabilities — exact, no quadrature.
        Scaling ``a`` by ``λ`` (``separation`` × λ, ``noise`` × λ²) changes nothing.
        """
        v = positive(noise, "noise (variance of the public signal's error)")
        sep = positive(separation, "separation (a_H − a_L)")
        after = whole_number(after, "after", 0, 100_000)
        mean, sd = sep * sep / (2.0 * v), sep / math.sqrt(v)
        k, ell = self._kappa, self._ell
        cuts = np.array([k - ell, k, k + ell])                      # where λ' changes regime
        reps = np.array([k - 1.5 * ell, k - 0.5 * ell, k + 0.5 * ell, k + 1.5 * ell])

        def shifts(lam, good):
            m = mean if good else -mean
            cdf = ndtr((cuts - lam - m) / sd)
            probs = np.diff(np.concatenate([[0.0], cdf, [1.0]]))
            return list(zip(probs.tolist(), reps.tolist(), strict=True))

        wrong, casc, broken = self._with_shifts(after, shifts)
        return PublicSignalEffect(signal=f"Gaussian, noise {v:g}, separation {sep:g}",
                                  after=after, wrong_without=self.eventual().wrong,
                                  wrong_with=wrong, cascade_before=casc, broken=broken)

    def agent_payoffs(self, n: int) -> np.ndarray:
        """Expected payoff of firms ``1..n`` in the sequence, per unit of ``V_H − V_L``.

        Investing pays ``1 − c`` in a good and ``−c`` in a bad market; not investing 0.
        """
        n = whole_number(n, "n (number of firms)", 1, 100_000)
        keys, kinds, _, _, PH, PL = self._chain(self._lam0)
        q = self.accuracy
        coin = math.log((1.0 + q) / (2.0 - q))
        aH = np.empty(len(keys))
        aL = np.empty(len(keys))
        for k, (d, e) in enumerate(keys):
            a_h, a_l = self._rule(self._lam0 + d * self._ell + e * coin)
            aH[k] = q * a_h + (1 - q) * a_l
            aL[k] = (1 - q) * a_h + q * a_l
        xH = np.zeros(len(keys))
        xH[0] = 1.0
        xL = xH.copy()
        out = np.empty(n)
        for t in range(n):
            out[t] = (self.prior * (1 - self.cost) * (xH @ aH)
                      - (1 - self.prior) * self.cost * (xL @ aL))
            xH, xL = xH @ PH, xL @ PL
        return out

    def pooled_payoff(self, n) -> np.ndarray:
        """Expected payoff (per unit of ``V_H − V_L``) of a decision on ``n`` pooled signals.

        What a cluster that pools its members' private information (an association that
        collects them) achieves: invest iff ``λ₀ + (2k − n)ℓ > κ`` with ``k`` good signals.
        By Blackwell's theorem it is at least the payoff of the ``n``-th firm of the
        sequence, whose information is a garbling of the same ``n`` signals.
        Vectorised over ``n``.
        """
        from scipy.stats import binom

        ns = np.atleast_1d(np.asarray(n))
        if ns.dtype.kind not in "iu" or np.any(ns < 1):
            raise ValueError(f"n (number of pooled signals) must be whole numbers >= 1, got {n}")
        q, ell, k0 = self.accuracy, self._ell, self._kappa - self._lam0
        out = np.empty(ns.shape, dtype=float)
        for idx, m in np.ndenumerate(ns):
            k = np.arange(m + 1)
            invest = (2 * k - m) * ell > k0 + _LOGODDS_TOL * max(1.0, abs(k0))
            out[idx] = (self.prior * (1 - self.cost) * binom.pmf(k, m, q)[invest].sum()
                        - (1 - self.prior) * self.cost * binom.pmf(k, m, 1 - q)[invest].sum())
        return out if np.ndim(n) else float(out[0])

    def closed_forms(self) -> ClosedForms:
        """Eventual cascade probabilities as functions of ``q`` (and the prior ``π``).

        The chain's states and which actions reveal signals are those of the current
        parameters (they stay the same while no firm's indifference point is crossed);
        the transition probabilities ``q·a_h + (1 − q)·a_l`` are polynomials in ``q`` and
        the absorption probabilities ``(I − Q)⁻¹R`` are solved with sympy (cached by
        structure). ``wrong`` is ``π·P(non-entry | good) + (1 − π)·P(entry | bad)``. In the
        symmetric case (``π = c = ½``) they are BHW's formulas, e.g. with ``tie="coin"``
        ``P(entry cascade | good) = q(1 + q)/(2(1 − q + q²))``.
        """
        _, kinds, rules, moves, _, _ = self._chain(self._lam0)
        good, bad, wrong = _symbolic_forms(tuple(kinds), tuple(rules), tuple(moves))
        q, pi = sp.Symbol("q", positive=True), sp.Symbol("pi", positive=True)
        exprs = {
            "adopt_good": sp.Eq(sp.Symbol(r"P(\mathrm{entry\ cascade} \mid \mathrm{good})"), good),
            "adopt_bad": sp.Eq(sp.Symbol(r"P(\mathrm{entry\ cascade} \mid \mathrm{bad})"), bad),
            "wrong": sp.Eq(sp.Symbol(r"P(\mathrm{wrong\ cascade})"), wrong),
        }
        return ClosedForms(exprs, {"q": q, "prior": pi},
                           title=f"Cascade probabilities (tie = {self.tie})")

    def cluster_surplus(self) -> float:
        """Payoff per firm (per unit of ``V_H − V_L``) when the first 10 firms pool signals."""
        return float(self.pooled_payoff(10))

    def scattered_surplus(self) -> float:
        """Average payoff of the first 10 firms of the sequence (per unit of ``V_H − V_L``)."""
        return float(self.agent_payoffs(10).mean())


@functools.lru_cache(maxsize=64)
def _symbolic_forms(kinds, rules, moves):
    """``(P(entry | good), P(entry | bad), P(wrong))`` as functions of ``q`` and ``π`` (sympy)."""
    pi = sp.Symbol("pi", positive=True)
    good = _symbolic_absorption(kinds, rules, moves, True)
    bad = _symbolic_absorption(kinds, rules, moves, False)
    return good, bad, sp.simplify(pi * (1 - good) + (1 - pi) * bad)


def _symbolic_absorption(kinds, rules, moves, good):
    """``P(entry cascade)`` from state 0 as a rational function of ``q`` (sympy), for a chain
    structure ``(kinds, rules, moves)`` of :meth:`InformationCascade._chain`."""
    q = sp.Symbol("q", positive=True)
    if kinds[0] != "learning":
        return sp.Integer(int(kinds[0] == "adopt"))
    hq = q if good else 1 - q
    m = len(kinds)
    S = sp.zeros(m, m)
    for k, ((up, down), (a_h, a_l)) in enumerate(zip(moves, rules, strict=True)):
        pA = hq * sp.nsimplify(a_h) + (1 - hq) * sp.nsimplify(a_l)
        S[k, up] += pA
        S[k, down] += 1 - pA
    learn = [i for i, k in enumerate(kinds) if k == "learning"]
    adopt = sp.Matrix([1 if k == "adopt" else 0 for k in kinds])
    Q = S.extract(learn, learn)
    R = S.extract(learn, list(range(m))) * adopt
    x = (sp.eye(len(learn)) - Q).LUsolve(R)
    return sp.factor(sp.simplify(x[learn.index(0)]))


# --------------------------------------------------------------------------- delay
@dataclasses.dataclass(frozen=True)
class PioneerGame(Model):
    """Who goes first when the pioneer's outcome informs everyone (strategic delay).

    ``n`` firms may each enter a host market once; the market is good with probability
    ``π``; an installed project is worth ``V_H`` or ``V_L`` at sunk cost ``I``. The first
    entrant's outcome reveals the market's quality to all one period later (the
    informational externality of the pioneer); payoffs are discounted by ``δ`` per
    period. Let ``m = πV_H + (1−π)V_L − I`` (enter blind) and
    ``g = π(V_H − I)⁺ + (1−π)(V_L − I)⁺`` (enter informed).

    The symmetric stationary equilibrium (Chamley & Gale 1994, in the version where
    outcomes rather than timing reveal information; Chamley 2004, ch. 6):

    * ``m ≤ 0``: nobody enters blind, so nobody goes first — the market is never tried;
    * ``0 < m < δg``: each firm enters with probability ``z`` per period, where the
      probability that some other firm pioneers, ``p = 1 − (1−z)^(n−1)``, makes it
      indifferent: ``m = δ[pg + (1 − p)m]``, i.e. ``p = (1 − δ)m/(δ(g − m))``. Every
      firm's value is ``m``: the gain from waiting for information is dissipated in delay
      (and in duplicated experiments);
    * ``m ≥ δg``: everyone enters at once.

    A cluster that coordinates sends one pioneer (and compensates it) when
    ``m + (n−1)δg`` beats ``nm`` and 0 — including where ``m < 0`` and nobody would go
    alone.

    Parameters
    ----------
    n : int ≥ 2
    prior : float in (0, 1)
    value_good, value_bad : float
        Present values of the installed project in a good / bad market (money).
    cost : float > 0
        Sunk entry cost ``I`` (money).
    discount : float in (0, 1)
        ``δ`` per period.

    References
    ----------
    Chamley, C. & Gale, D. (1994). Information revelation and strategic delay in a model
    of investment. *Econometrica* 62:1065–1085.
    Bolton, P. & Farrell, J. (1990). Decentralization, duplication, and delay. *Journal
    of Political Economy* 98:803–826.
    Hendricks, K. & Kovenock, D. (1989). Asymmetric information, information
    externalities, and efficiency: the case of oil exploration. *RAND Journal of
    Economics* 20:164–182.
    """

    n: int = 3
    prior: float = 0.5
    value_good: float = 160.0
    value_bad: float = 60.0
    cost: float = 100.0
    discount: float = 0.9

    def _validate(self):
        object.__setattr__(self, "n", whole_number(self.n, "n (firms)", 2, 10_000))
        object.__setattr__(self, "prior", in_interval(self.prior, "prior", 0.0, 1.0,
                                                      closed="neither"))
        vg = finite_scalar(self.value_good, "value_good")
        vb = finite_scalar(self.value_bad, "value_bad")
        if vb > vg:
            raise ValueError(f"value_bad must not exceed value_good = {vg}, got {vb}")
        object.__setattr__(self, "value_good", vg)
        object.__setattr__(self, "value_bad", vb)
        object.__setattr__(self, "cost", positive(self.cost, "cost (sunk entry cost)"))
        object.__setattr__(self, "discount", in_interval(self.discount, "discount", 0.0, 1.0,
                                                         closed="neither"))

    @property
    def blind_value(self) -> float:
        """``m = πV_H + (1−π)V_L − I``."""
        return self.prior * self.value_good + (1 - self.prior) * self.value_bad - self.cost

    @property
    def informed_value(self) -> float:
        """``g = π(V_H − I)⁺ + (1−π)(V_L − I)⁺``."""
        return (self.prior * max(self.value_good - self.cost, 0.0)
                + (1 - self.prior) * max(self.value_bad - self.cost, 0.0))

    def solve(self) -> DelayEquilibrium:
        """The symmetric stationary equilibrium and the cluster's plan (see the class notes)."""
        m, g, d, n = self.blind_value, self.informed_value, self.discount, self.n
        tol = tolerance(m, g, self.cost, self.value_good, self.value_bad)
        if m <= tol:
            regime, z, p = "nobody goes first", 0.0, 0.0
        elif m >= d * g - tol:
            regime, z, p = "rush", 1.0, 1.0
        else:
            regime = "strategic delay"
            p = (1 - d) * m / (d * (g - m))
            z = 1.0 - (1.0 - p) ** (1.0 / (n - 1))
        Q = (1.0 - z) ** n
        idle = float("inf") if Q >= 1.0 else Q / (1.0 - Q)
        one = n * z * (1.0 - z) ** (n - 1)
        dup = 0.0 if Q >= 1.0 else max(1.0 - Q - one, 0.0) / (1.0 - Q)
        value = max(m, 0.0)
        plans = {"nobody enters": 0.0, "all enter at once": n * m,
                 "send one pioneer": m + (n - 1) * d * g}
        plan = max(plans, key=plans.get)
        best = plans[plan]
        transfer = best / n - m if plan == "send one pioneer" else 0.0
        return DelayEquilibrium(
            regime=regime, blind_value=m, informed_value=g, entry_probability=float(z),
            other_entry_probability=float(p), value_per_firm=value,
            expected_idle_periods=float(idle), duplication=float(dup), cluster_plan=plan,
            cluster_value=float(best), value_lost=float(max(best - n * value, 0.0)),
            pioneer_transfer=float(transfer))

    def deviation_payoff(self, wait: int, entry_probability: float | None = None,
                         horizon: int = 10_000) -> float:
        """Payoff of waiting ``wait`` periods (entering then unless someone pioneered first)
        when every other firm enters with probability ``z`` per period.

        The sum over the first period in which another firm enters is computed directly
        (no stationarity argument): a check of the equilibrium's indifference condition.
        """
        wait = whole_number(wait, "wait", 0, horizon)
        z = self.solve().entry_probability if entry_probability is None else in_interval(
            entry_probability, "entry_probability", 0.0, 1.0)
        m, g, d = self.blind_value, self.informed_value, self.discount
        p = 1.0 - (1.0 - z) ** (self.n - 1)
        t = np.arange(wait)
        informed = float(np.sum((1 - p) ** t * p * d ** (t + 1)) * g)
        return informed + (1 - p) ** wait * d**wait * m

    def delay_limit(self, rate: float) -> float:
        """Expected real time before the first entry as periods shrink to zero.

        With ``δ = e^(−rΔ)`` and ``Δ → 0`` in the delay regime, the expected waiting time
        tends to ``(n − 1)(g − m)/(n r m)`` > 0: shorter periods do not remove the delay,
        and more firms lengthen it.
        """
        r = positive(rate, "rate (interest rate per unit time)")
        m, g, n = self.blind_value, self.informed_value, self.n
        if m <= tolerance(m, g, self.cost):
            return float("inf")
        return (n - 1) * (g - m) / (n * r * m)

    def cluster_surplus(self) -> float:
        """Joint value of the cluster's plan."""
        return self.solve().cluster_value

    def scattered_surplus(self) -> float:
        """Joint value in the symmetric equilibrium without coordination."""
        return self.n * self.solve().value_per_firm
