"""Information cascades and strategic delay (HERD-1 … HERD-7, docs/theorems.md).

Independent checks: exact enumeration of action histories in rational arithmetic (each
firm decides by Bayes' rule on exact posteriors; no Markov chain), Monte Carlo, BHW's
published formulas, sympy, numerical quadrature, and direct summation of the waiting
game's payoffs.
"""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.stats import norm

from gametheory.models.herding import InformationCascade, PioneerGame


# ---------------------------------------------------------------- exact enumeration
def exact_cascades(q, prior, cost, tie, n):
    """P(entry cascade after t firms | good/bad), t = 0..n, by enumerating action histories.

    Every firm computes its posterior exactly from the likelihood of the observed history
    under each state (Fractions), so indifference is exact.
    """
    q, prior, cost = Fraction(q), Fraction(prior), Fraction(cost)
    half = Fraction(1, 2)

    def rule(pH, pL):
        out = []
        for sig in ("h", "l"):
            lh = q if sig == "h" else 1 - q
            ll = 1 - q if sig == "h" else q
            post = prior * pH * lh / (prior * pH * lh + (1 - prior) * pL * ll)
            if post > cost:
                out.append(Fraction(1))
            elif post < cost:
                out.append(Fraction(0))
            elif tie == "own":
                out.append(Fraction(1) if sig == "h" else Fraction(0))
            else:
                out.append(half)
        return out

    res = {k: [Fraction(0)] * (n + 1) for k in ("adopt_good", "reject_good", "adopt_bad",
                                                "reject_bad")}
    frontier = [(Fraction(1), Fraction(1))]          # (P(history | H), P(history | L))
    for t in range(n + 1):
        nxt = []
        for pH, pL in frontier:
            a_h, a_l = rule(pH, pL)
            if a_h == a_l:
                key = "adopt" if a_h == 1 else "reject"
                res[f"{key}_good"][t] += pH
                res[f"{key}_bad"][t] += pL
            AH, AL = q * a_h + (1 - q) * a_l, (1 - q) * a_h + q * a_l
            for mH, mL in ((AH, AL), (1 - AH, 1 - AL)):
                if mH * pH + mL * pL > 0:
                    nxt.append((pH * mH, pL * mL))
        frontier = nxt
    return res


FRACS = [Fraction(p, d) for d in (3, 4, 5, 7, 10) for p in range(1, d)]


@given(q=st.sampled_from([f for f in FRACS if f > Fraction(1, 2)]),
       prior=st.sampled_from(FRACS), cost=st.sampled_from(FRACS),
       tie=st.sampled_from(["own", "coin"]))
def test_chain_matches_exact_enumeration(q, prior, cost, tie):
    """HERD-1 (Bikhchandani, Hirshleifer & Welch 1992, JPE 100:992): the cascade
    probabilities after t = 0..9 firms from the public-belief chain equal those from exact
    enumeration of all action histories in rational arithmetic (ties included)."""
    m = InformationCascade(accuracy=float(q), prior=float(prior), cost=float(cost), tie=tie)
    got = m.probabilities(9)
    want = exact_cascades(q, prior, cost, tie, 9)
    for key, vals in want.items():
        np.testing.assert_allclose(getattr(got, key), [float(v) for v in vals], atol=1e-12)


@pytest.mark.parametrize("tie", ["own", "coin"])
@pytest.mark.parametrize("q,prior,cost", [(0.7, 0.5, 0.5), (2 / 3, 0.2, 0.5), (0.6, 0.7, 0.4)])
def test_chain_matches_monte_carlo(q, prior, cost, tie):
    """HERD-1: Monte Carlo of firms deciding by Bayes' rule (floats, no chain) agrees with the
    chain within 5 standard errors after every t ≤ 10."""
    m = InformationCascade(accuracy=q, prior=prior, cost=cost, tie=tie)
    N = 40_000
    sim, exact = m.simulate(10, trials=N, seed=7), m.probabilities(10)
    for key in ("adopt_good", "reject_good", "adopt_bad", "reject_bad"):
        p = getattr(exact, key)
        n_state = N * (prior if key.endswith("good") else 1 - prior)
        se = np.sqrt(p * (1 - p) / n_state) + 1e-12
        assert np.all(np.abs(getattr(sim, key) - p) <= 5 * se + 1e-3 * (p == 0))


def test_bhw_published_formulas():
    """HERD-1 regression (BHW 1992, JPE 100:992, section on the basic model, with the coin
    tie rule and π = c = ½): after an even number n of firms the probability of no cascade
    is (q − q²)^(n/2), of each cascade [1 − (q − q²)^(n/2)]/2 unconditionally, and the
    probability of the correct cascade is q(1 + q)/(2(1 − q + q²)) (p. 1001). The library's
    sympy closed forms reduce to the same expressions."""
    for q in (0.55, 0.7, 0.9):
        m = InformationCascade(accuracy=q, tie="coin")
        pr = m.probabilities(12)
        for n in range(0, 13, 2):
            none = 0.5 * (pr.none_good[n] + pr.none_bad[n])
            up = 0.5 * (pr.adopt_good[n] + pr.adopt_bad[n])
            assert none == pytest.approx((q - q * q) ** (n / 2), rel=1e-12)
            assert up == pytest.approx((1 - (q - q * q) ** (n / 2)) / 2, rel=1e-12, abs=1e-15)
        assert m.eventual().correct == pytest.approx(q * (1 + q) / (2 * (1 - q + q * q)))
    qs = sp.Symbol("q", positive=True)
    forms = InformationCascade(tie="coin").closed_forms()
    assert sp.simplify(forms["adopt_good"].rhs.subs(sp.Symbol("q", positive=True), qs)
                       - qs * (1 + qs) / (2 * (1 - qs + qs**2))) == 0
    own = InformationCascade(tie="own").closed_forms()
    wrong = own["wrong"].rhs.subs(sp.Symbol("pi", positive=True), sp.Rational(1, 2))
    assert sp.simplify(wrong - (1 - qs) ** 2 / (qs**2 + (1 - qs) ** 2)) == 0


@given(q=st.floats(0.51, 0.99), prior=st.floats(0.05, 0.95), cost=st.floats(0.05, 0.95),
       tie=st.sampled_from(["own", "coin"]))
def test_closed_forms_evaluate_to_the_chain(q, prior, cost, tie):
    """HERD-1: the sympy absorption probabilities of this configuration evaluate to
    eventual()."""
    m = InformationCascade(accuracy=q, prior=prior, cost=cost, tie=tie)
    ev = m.eventual()
    cf = m.closed_forms()
    assert float(cf.evaluate("adopt_good", q=q)) == pytest.approx(ev.adopt_good, abs=1e-12)
    assert float(cf.evaluate("adopt_bad", q=q)) == pytest.approx(ev.adopt_bad, abs=1e-12)
    assert float(cf.evaluate("wrong", q=q, prior=prior)) == pytest.approx(ev.wrong, abs=1e-12)


# ---------------------------------------------------------------- HERD-2
@given(q=st.floats(0.51, 0.98), dq=st.floats(0.005, 0.1), tie=st.sampled_from(["own", "coin"]))
def test_wrong_cascades_are_certain_to_end_and_rarer_with_precision(q, dq, tie):
    """HERD-2 (BHW 1992): a cascade starts with probability one (no cascade after n firms
    vanishes geometrically), and in the symmetric case the probability of the wrong
    cascade falls as private signals get more precise, yet stays positive for q < 1."""
    lo = InformationCascade(accuracy=q, tie=tie)
    hi = InformationCascade(accuracy=min(q + dq, 0.99), tie=tie)
    assert 0 < hi.eventual().wrong < lo.eventual().wrong
    assert lo.probabilities(200).none_good[-1] < 1e-12


def test_pessimistic_prior_means_nobody_goes_first():
    """HERD-2: when even a firm with a good signal would not invest (λ₀ + ℓ < κ), the
    process starts in a non-entry cascade: the market is never tried, good or bad."""
    m = InformationCascade(accuracy=0.7, prior=0.2, cost=0.5)
    ev = m.eventual()
    assert ev.initial == "non-entry cascade" and ev.adopt_good == 0 and ev.wrong == 0.2
    assert m.probabilities(5).reject_good[0] == 1


# ---------------------------------------------------------------- HERD-3
@given(q=st.floats(0.55, 0.95), q0=st.floats(0.5, 0.999), tie=st.sampled_from(["own", "coin"]))
def test_public_signal_precise_enough_decides_alone(q, q0, tie):
    """HERD-3 (BHW 1992, public information): in the symmetric case a public signal more
    precise than a private one (q₀ > q) starts a cascade on the spot, so the wrong-cascade
    probability becomes 1 − q₀; it prevents wrong cascades only if 1 − q₀ is below the
    no-signal probability — a moderately precise signal makes them *more* likely."""
    m = InformationCascade(accuracy=q, tie=tie)
    e = m.public_signal(q0)
    if q0 > q * (1 + 1e-9):
        assert e.wrong_with == pytest.approx(1 - q0, rel=1e-9)
        assert (e.wrong_with < e.wrong_without) == (1 - q0 < m.eventual().wrong)


def test_moderate_public_signal_can_raise_wrong_cascades():
    """HERD-3: q = 0.7, follow-own-signal rule: without a public signal the wrong-cascade
    probability is (1−q)²/(q² + (1−q)²) ≈ 0.155; a public signal of precision 0.8 raises it
    to 0.2, one of 0.9 lowers it to 0.1."""
    m = InformationCascade(accuracy=0.7, tie="own")
    assert m.public_signal(0.8).wrong_with == pytest.approx(0.2)
    assert m.public_signal(0.9).wrong_with == pytest.approx(0.1)
    assert m.eventual().wrong == pytest.approx(0.09 / 0.58)


@pytest.mark.parametrize("after", [0, 3])
@pytest.mark.parametrize("tie", ["own", "coin"])
def test_public_signal_against_monte_carlo(after, tie):
    """HERD-3: the wrong-cascade probability with a public signal released after `after`
    firms, and the probability that it breaks a cascade under way, against simulation
    (40 firms: no cascade left undecided)."""
    m = InformationCascade(accuracy=0.65, prior=0.45, cost=0.5, tie=tie)
    e = m.public_signal(0.7, after=after)
    N = 60_000
    sim = m.simulate(40, trials=N, seed=3, public_precision=0.7, after=after)
    se = np.sqrt(e.wrong_with * (1 - e.wrong_with) / N)
    assert abs(sim.wrong[-1] - e.wrong_with) < 5 * se
    assert sim.none_good[-1] + sim.none_bad[-1] == 0
    if after:
        assert e.cascade_before == pytest.approx(
            m.prior * (1 - m.probabilities(after).none_good[after])
            + (1 - m.prior) * (1 - m.probabilities(after).none_bad[after]))
        assert 0 < e.broken <= e.cascade_before
        # a signal far more precise than a private one jumps over the learning band:
        # it replaces one cascade by another rather than restarting learning
        assert m.public_signal(0.95, after=after).broken == 0


@pytest.mark.parametrize("after", [0, 2])
@pytest.mark.parametrize("noise,sep", [(1.0, 1.0), (0.25, 1.5), (4.0, 0.5)])
def test_gaussian_public_signal_against_quadrature(after, noise, sep):
    """HERD-3: the exact finite sum for a Gaussian public signal s = a + e (the information
    model's signal technology) equals numerical quadrature over s of the cascade
    probabilities with the updated public belief."""
    m = InformationCascade(accuracy=0.7, prior=0.4, cost=0.45, tie="coin")
    e = m.gaussian_public_signal(noise, sep, after=after)
    k, ell = m._kappa, m._ell
    total = 0.0
    for lam, pH, pL, _ in m._distribution_at(after):
        for good, w in ((True, m.prior * pH), (False, (1 - m.prior) * pL)):
            if w == 0:
                continue
            mu = (1 if good else -1) * sep * sep / (2 * noise)
            sd = sep / math.sqrt(noise)

            def wrong(z, lam=lam, good=good):
                ag, ab, _ = m._absorption(lam + z)
                return (1 - ag) if good else ab

            pts = [k - ell - lam, k - lam, k + ell - lam]
            val = quad(lambda z, f=wrong, mu=mu, sd=sd: f(z) * norm.pdf(z, mu, sd),
                       mu - 12 * sd, mu + 12 * sd, points=pts, limit=200)[0]
            total += w * val
    assert e.wrong_with == pytest.approx(total, abs=1e-8)


# ---------------------------------------------------------------- HERD-4
@given(q=st.floats(0.55, 0.95), prior=st.floats(0.1, 0.9), cost=st.floats(0.1, 0.9),
       n=st.integers(1, 25), tie=st.sampled_from(["own", "coin"]))
def test_pooling_signals_beats_the_sequence(q, prior, cost, n, tie):
    """HERD-4 (Blackwell 1953; BHW 1992): a cluster that pools n members' signals decides at
    least as well as the n-th firm of the sequence (whose information is a garbling of
    them); pooled payoffs converge to the full-information payoff π(1 − c)."""
    m = InformationCascade(accuracy=q, prior=prior, cost=cost, tie=tie)
    agents = m.agent_payoffs(n)
    pooled = m.pooled_payoff(np.arange(1, n + 1))
    assert np.all(pooled >= agents - 1e-12)
    assert m.pooled_payoff(4000) == pytest.approx(prior * (1 - cost), abs=1e-6)


# ---------------------------------------------------------------- HERD-5 … HERD-7
@st.composite
def pioneer_games(draw):
    cost = draw(st.floats(10, 1000))
    vg = cost * draw(st.floats(1.05, 3.0))
    vb = cost * draw(st.floats(0.0, 0.99))
    return PioneerGame(n=draw(st.integers(2, 12)), prior=draw(st.floats(0.05, 0.95)),
                       value_good=vg, value_bad=vb, cost=cost,
                       discount=draw(st.floats(0.5, 0.999)))


@given(pioneer_games(), st.integers(0, 40))
def test_waiting_equilibrium_indifference(g, k):
    """HERD-5 (Chamley & Gale 1994, Econometrica 62:1065; Bolton & Farrell 1990, JPE
    98:803): in the delay regime every pure waiting strategy 'enter blind after k idle
    periods' earns exactly m against the others' mixing (direct summation), so the mixing
    is an equilibrium and each firm's value is m — the informational gain is dissipated;
    in the rush regime waiting does not pay; with m ≤ 0 nobody enters."""
    s = g.solve()
    m = g.blind_value
    scale = abs(m) + g.cost
    if s.regime == "strategic delay":
        assert 0 < s.entry_probability < 1
        assert g.deviation_payoff(k) == pytest.approx(m, abs=1e-9 * scale)
        never = s.other_entry_probability * g.discount * g.informed_value / (
            1 - (1 - s.other_entry_probability) * g.discount)
        assert never == pytest.approx(m, abs=1e-9 * scale)
    elif s.regime == "rush":
        assert g.deviation_payoff(1, 1.0) <= m + 1e-9 * scale
    else:
        assert m <= 1e-9 * scale and s.value_per_firm == 0
    assert s.cluster_value >= g.n * s.value_per_firm - 1e-9 * scale * g.n
    assert s.value_lost >= 0


def test_nobody_goes_first_but_the_cluster_sends_a_pioneer():
    """HERD-6: with m < 0 < m + (n−1)δg no firm enters alone, ever, but the cluster sends
    one pioneer, the others follow only into a good market, and a transfer to the
    pioneer equalises everyone's share."""
    g = PioneerGame(n=4, prior=0.5, value_good=160, value_bad=20, cost=100, discount=0.9)
    s = g.solve()
    assert s.regime == "nobody goes first" and s.value_per_firm == 0
    assert s.cluster_plan == "send one pioneer"
    assert s.cluster_value == pytest.approx(-10 + 3 * 0.9 * 30)
    assert g.blind_value + s.pioneer_transfer == pytest.approx(s.cluster_value / 4)


@pytest.mark.parametrize("n", [2, 3, 10])
def test_delay_does_not_vanish_with_short_periods(n):
    """HERD-7 (Chamley & Gale 1994): with δ = e^(−rΔ), the expected real waiting time
    Δ·E[idle periods] tends to (n − 1)(g − m)/(n r m) > 0 as Δ → 0, and it grows with n."""
    base = PioneerGame(n=n, prior=0.5, value_good=160, value_bad=60, cost=100)
    r = 0.05
    limit = base.delay_limit(r)
    for dt, tol in ((1e-2, 2e-2), (1e-4, 2e-4)):
        s = base.replace(discount=math.exp(-r * dt)).solve()
        assert s.regime == "strategic delay"
        assert dt * s.expected_idle_periods == pytest.approx(limit, rel=tol)
    assert base.replace(n=n + 1).delay_limit(r) > limit


# ---------------------------------------------------------------- units
@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ: the normalised cost, every probability, regime and plan unchanged; values
    and transfers × λ."""
    a = InformationCascade.from_payoffs(150, 40, 100, accuracy=0.7, prior=0.4)
    b = InformationCascade.from_payoffs(150 * lam, 40 * lam, 100 * lam, accuracy=0.7, prior=0.4)
    assert b.cost == pytest.approx(a.cost, rel=1e-12)
    assert b.eventual().wrong == pytest.approx(a.eventual().wrong, rel=1e-12)
    ga = InformationCascade(accuracy=0.7).gaussian_public_signal(2.0, 1.0)
    gb = InformationCascade(accuracy=0.7).gaussian_public_signal(2.0 * lam**2, lam)
    assert gb.wrong_with == pytest.approx(ga.wrong_with, rel=1e-9)
    for kw in (dict(value_bad=60), dict(value_bad=20), dict(value_bad=95)):
        p = PioneerGame(**kw).solve()
        q = PioneerGame(value_good=160 * lam, value_bad=kw["value_bad"] * lam,
                        cost=100 * lam).solve()
        assert (p.regime, p.cluster_plan) == (q.regime, q.cluster_plan)
        assert q.entry_probability == pytest.approx(p.entry_probability, rel=1e-9)
        assert q.cluster_value == pytest.approx(lam * p.cluster_value, rel=1e-9)
        assert q.value_lost == pytest.approx(lam * p.value_lost, rel=1e-9)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match=r"\baccuracy\b"):
        InformationCascade(accuracy=0.5)
    with pytest.raises(ValueError, match=r"\btie\b"):
        InformationCascade(tie="random")
    with pytest.raises(ValueError, match=r"\binvestment\b"):
        InformationCascade.from_payoffs(10, 5, 20)
    with pytest.raises(ValueError, match=r"\bprecision\b"):
        InformationCascade().public_signal(1.0)
    with pytest.raises(ValueError, match=r"\bnoise\b"):
        InformationCascade().gaussian_public_signal(0.0)
    with pytest.raises(ValueError, match=r"\bn\b"):
        InformationCascade().pooled_payoff(0)
    with pytest.raises(ValueError, match=r"\bdiscount\b"):
        PioneerGame(discount=1.0)
    with pytest.raises(ValueError, match=r"\bvalue_bad\b"):
        PioneerGame(value_bad=200)
