"""EntryModeChoice: entry modes by firm size, alone and with the cluster's platform.

Cross-checks: a brute-force argmax of the profit formulas written out here (not the
model's), sympy closed forms, HMY's two-mode model (EntryModeSorting), the mode-entry
game engine (ModeEntryGame), the coalitional engine's Shapley value of the platform cost
game, counting a large quantile sample, and numerical quadrature over the Pareto density.
"""

import functools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import integrate

from gametheory.coalitional.values import shapley_value
from gametheory.models.cost_sharing import EntryCostGame, EntryModeSorting
from gametheory.models.entry_modes import EQUITY_MODES, FOREIGN_MODES, MODES, EntryModeChoice


def brute_profits(m, Phi, cluster=False):
    """The five profit formulas of the module docstring, written out independently."""
    free = m.tau ** (1 - m.sigma)
    lam, g, ell, B = m.licence_share, m.greenfield_efficiency, m.local_capability, m.B
    f = np.array([m.f_X, m.f_L, m.f_G, m.f_M], dtype=float)
    if cluster:
        K = np.asarray(m.platform, dtype=float)
        share = K / m.members if m.form == "airport" else K * m.members ** (m.theta - 1)
        f = f - K + share
    Phi = np.asarray(Phi, dtype=float)
    if m.heterogeneity == "mobile":
        var = [B * free * Phi, lam * B * ell * Phi, B * g * Phi, B * ell * Phi]
    else:
        one = np.ones_like(Phi)
        var = [B * free * Phi, lam * B * ell * one, B * g * Phi, B * ell * one]
    P = np.stack([np.zeros_like(Phi)] + [v - fj for v, fj in zip(var, f)], axis=-1)
    avail = np.array([True] + [mm in m.modes for mm in FOREIGN_MODES])
    return np.where(avail, P, -np.inf)


@st.composite
def models(draw, heterogeneity=None, all_modes=False):
    het = heterogeneity or draw(st.sampled_from(["mobile", "non-mobile"]))
    f = sorted(draw(st.lists(st.floats(0.5, 60.0), min_size=4, max_size=4)))
    if draw(st.booleans()):
        f = draw(st.permutations(f))
    sigma = draw(st.floats(2.0, 6.0))
    k = (sigma - 1) * draw(st.floats(1.05, 4.0))
    modes = FOREIGN_MODES if all_modes else tuple(draw(
        st.lists(st.sampled_from(FOREIGN_MODES), min_size=1, max_size=4, unique=True)))
    K = [draw(st.floats(0.0, 1.0)) * fj for fj in f]
    return EntryModeChoice(
        B=draw(st.floats(0.2, 5.0)), tau=draw(st.floats(1.05, 2.5)), sigma=sigma,
        f_X=f[0], f_L=f[1], f_G=f[2], f_M=f[3],
        licence_share=draw(st.floats(0.05, 1.0)),
        greenfield_efficiency=draw(st.floats(0.05, 1.0)),
        local_capability=draw(st.floats(0.2, 2.0)), heterogeneity=het,
        k=k, phi_min=draw(st.floats(0.5, 3.0)), sme_quantile=draw(st.floats(0.5, 0.99)),
        platform=K, members=draw(st.integers(1, 30)),
        form=draw(st.sampled_from(["airport", "scale"])), theta=draw(st.floats(0.1, 1.0)),
        modes=modes)


def envelope_mode(sorting, Phi):
    """The mode of each Phi read off the envelope and cut-offs of a ModeSorting."""
    idx = np.searchsorted(sorting.cutoffs, Phi, side="right")
    return np.array([MODES.index(sorting.envelope[i]) for i in np.atleast_1d(idx)])


def probe_points(m, sorting):
    """Points inside every envelope interval (and far out), away from the cut-offs."""
    c = np.asarray(sorting.cutoffs)
    pts = [0.5 * c[0] if c.size else 1.0, 2.0 * c[-1] + 10.0 if c.size else 50.0, 1e6]
    pts += list((c[:-1] + c[1:]) / 2) if c.size > 1 else []
    return np.array([p for p in pts if p > 0])


# ------------------------------------------------------------------ MODES-1 sorting
@given(models(), st.booleans())
def test_envelope_matches_brute_force_argmax(m, cluster):
    """MODES-1: each firm's choice is the upper envelope of the affine profit lines; the
    envelope's modes and cut-offs give the same mode as a brute-force argmax of the profit
    formulas, on a grid and inside every interval."""
    s = m.sorting(cluster)
    grid = np.concatenate([probe_points(m, s), np.geomspace(1e-3, 1e4, 301)])
    P = brute_profits(m, grid, cluster)
    best = P.max(axis=1)
    # skip grid points within rounding of a tie (measure zero)
    second = np.sort(P, axis=1)[:, -2]
    clear = best - second > 1e-7 * (1 + np.abs(P[np.isfinite(P)]).max())
    brute = P.argmax(axis=1)
    assert np.array_equal(envelope_mode(s, grid)[clear], brute[clear])
    assert np.array_equal(m.mode(grid, cluster)[clear], brute[clear])
    # the cut-offs are increasing and each is a crossing of its two neighbours' lines
    assert np.all(np.diff(s.cutoffs) > 0)
    for lo, hi, c in zip(s.envelope[:-1], s.envelope[1:], s.cutoffs):
        assert m.cutoff(lo, hi, cluster) == pytest.approx(c, rel=1e-9, abs=1e-12)


@functools.lru_cache(maxsize=None)
def _lambdified(heterogeneity, form, name):
    """A closed form as a numpy function of its parameters (lambdified once)."""
    cf = EntryModeChoice(heterogeneity=heterogeneity, form=form).closed_forms()
    by_symbol = {v: k for k, v in cf.symbols.items()}
    free = sorted(cf[name].rhs.free_symbols, key=lambda s: s.name)
    return sp.lambdify(free, cf[name].rhs), [by_symbol[s] for s in free]


@given(models(all_modes=True))
def test_cutoffs_match_sympy(m):
    """MODES-1: the sympy cut-offs (solving π_j = π_k) equal the model's numbers."""
    p = dict(B=m.B, tau=m.tau, sigma=m.sigma, licence_share=m.licence_share,
             greenfield_efficiency=m.greenfield_efficiency, local_capability=m.local_capability,
             f_X=m.f_X, f_L=m.f_L, f_G=m.f_G, f_M=m.f_M)
    pairs = {"Phi_X": ("home", "export"), "Phi_L": ("home", "non-equity"),
             "Phi_XL": ("export", "non-equity"), "Phi_LG": ("non-equity", "greenfield"),
             "Phi_GM": ("greenfield", "M&A"), "Phi_XG": ("export", "greenfield")}
    checked = 0
    for name, (lo, hi) in pairs.items():
        num = m.cutoff(lo, hi)
        if name not in m.closed_forms() or not np.isfinite(num):
            continue
        fn, args = _lambdified(m.heterogeneity, m.form, name)
        assert float(fn(*[p[a] for a in args])) == pytest.approx(num, rel=1e-9, abs=1e-9)
        checked += 1
    assert checked >= 3


@given(st.floats(0.2, 5.0), st.floats(1.05, 2.5), st.floats(1.5, 6.0),
       st.one_of(st.just(0.0), st.floats(0.01, 30.0)), st.floats(0.5, 80.0))
def test_two_modes_reduce_to_hmy(B, tau, sigma, f_X, f_I):
    """MODES-1 with export and greenfield only (γ = 1) is HMY's sorting (COST-1):
    the same cut-offs as EntryModeSorting and the same mode of every firm."""
    hmy = EntryModeSorting(B, tau, sigma, f_X, f_I)
    m = EntryModeChoice(B=B, tau=tau, sigma=sigma, f_X=f_X, f_L=0.0, f_G=f_I, f_M=0.0,
                        greenfield_efficiency=1.0, modes=("export", "greenfield"),
                        platform=np.zeros(4), k=2 * sigma)
    s = m.sorting()
    cut = hmy.cutoffs()
    if cut.sorting:
        assert s.envelope[-2:] == ("export", "greenfield")
        assert s.cutoffs[-1] == pytest.approx(cut.fdi_cutoff, rel=1e-9)
        if f_X > 0:
            assert s.cutoffs[0] == pytest.approx(cut.export_cutoff, rel=1e-9)
    else:
        assert "export" not in s.envelope
        assert s.cutoffs[-1] == pytest.approx(cut.fdi_cutoff, rel=1e-9)
    Phi = np.geomspace(1e-2, 1e4, 200)
    code = {0: 0, 1: 1, 2: 3}
    away = np.abs(Phi[:, None] - np.atleast_1d(s.cutoffs)[None, :]).min(axis=1) > 1e-6 * Phi
    assert np.array_equal(m.mode(Phi)[away], np.vectorize(code.get)(hmy.mode(Phi))[away])


def test_entry_game_equilibrium_is_each_firms_best_mode():
    """MODES-1 through the engine: the mode-entry game of a small sample (payoffs not
    depending on counts) has exactly one pure equilibrium, each firm in its chosen mode."""
    m = EntryModeChoice()
    Phi = np.array([5.0, 15.0, 30.0, 60.0, 120.0])
    for cluster in (False, True):
        eqs = m.entry_game(Phi, cluster).pure_nash_equilibria()
        assert len(eqs) == 1
        chosen = m.mode(Phi, cluster)
        # the game's actions: 0 out, then the available modes in order
        assert [MODES.index(m.modes[a - 1]) if a else 0 for a in eqs[0]] == list(chosen)


# ------------------------------------------------------------------ distribution
def quantile_sample(m, N):
    """Deterministic sample: the Pareto quantiles at (i + 1/2)/N."""
    u = (np.arange(N) + 0.5) / N
    return m.Phi_min * (1.0 - u) ** (-1.0 / m.kappa)


@settings(max_examples=max(5, settings().max_examples // 4))
@given(models(), st.booleans())
def test_pareto_closed_forms_match_counting_a_sample(m, cluster):
    """MODES-1/MODES-3: the Pareto closed forms for shares (all firms, SMEs, large firms),
    the share of SMEs abroad, rents and expected profit agree with counting a large quantile
    sample of the same distribution."""
    assume(m.kappa >= 2.5)  # thin enough tail that a finite sample carries the mean
    N = 100_000
    sm = m.replace(sample=quantile_sample(m, N))
    a, b = m.sorting(cluster), sm.sorting(cluster)
    assert a.envelope == b.envelope
    for key in ("shares", "sme_shares", "large_shares"):
        for mode in MODES:
            assert getattr(a, key)[mode] == pytest.approx(getattr(b, key)[mode], abs=2e-3)
    assert a.sme_abroad == pytest.approx(b.sme_abroad, abs=2e-3)
    assert sm.sme_cutoff() == pytest.approx(m.sme_cutoff(), rel=1e-3)
    assert a.expected_profit == pytest.approx(b.expected_profit, rel=2e-3, abs=1e-3 * m.f_M)
    if a.share_abroad > 1e-3:
        assert a.rent_control == pytest.approx(b.rent_control, abs=2e-3)


@settings(max_examples=max(5, settings().max_examples // 4))
@given(models(), st.booleans())
def test_expected_profit_and_rent_control_match_quadrature(m, cluster):
    """The closed-form integrals over the Pareto density agree with numerical quadrature of
    the brute-force best profit and of the rents kept / created."""
    s = m.sorting(cluster)
    kap, Pm = m.kappa, m.Phi_min
    dens = lambda x: kap * Pm**kap * x ** (-kap - 1)  # noqa: E731
    best = lambda x: brute_profits(m, np.array([x]), cluster).max()  # noqa: E731
    pts = [c for c in s.cutoffs if c > Pm]
    val, _ = integrate.quad(lambda x: best(x) * dens(x), Pm, np.inf, points=None, limit=400) \
        if not pts else (sum(integrate.quad(lambda x: best(x) * dens(x), lo, hi, limit=400)[0]
                             for lo, hi in zip([Pm] + pts, pts + [np.inf])), 0)
    assert s.expected_profit == pytest.approx(val, rel=1e-5, abs=1e-7 * (1 + m.f_M))
    # each mode's share is the density's mass on its interval
    edges = np.concatenate([[0.0], s.cutoffs, [np.inf]])
    for mode, lo, hi in zip(s.envelope, edges[:-1], edges[1:]):
        lo, hi = max(lo, Pm), max(hi, Pm)
        mass = integrate.quad(dens, lo, hi)[0] if hi > lo else 0.0
        assert s.shares[mode] == pytest.approx(mass, abs=1e-7)


def test_survival_sme_cutoff_and_mean_rent_sympy():
    """The sympy survival function, SME cut-off and E[Φ; Φ ≥ x] agree with the model."""
    m = EntryModeChoice()
    cf = m.closed_forms()
    p = dict(kappa=m.kappa, Phi_min=m.Phi_min)
    assert cf.evaluate("kappa", k=m.k, sigma=m.sigma) == pytest.approx(m.kappa)
    assert cf.evaluate("Phi_min", phi_min=m.phi_min, sigma=m.sigma) == pytest.approx(m.Phi_min)
    for x in (m.Phi_min, 10.0, 123.0):
        assert cf.evaluate("survival", x=x, **p) == pytest.approx(float(m.survival(x)))
    assert cf.evaluate("Phi_S", sme_quantile=m.sme_quantile, **p) == pytest.approx(
        m.sme_cutoff())
    # E[Φ; Φ ≥ x] by quadrature
    kap, Pm = m.kappa, m.Phi_min
    quad = integrate.quad(lambda z: z * kap * Pm**kap * z ** (-kap - 1), 50.0, np.inf)[0]
    assert cf.evaluate("mean_rent_above", x=50.0, **p) == pytest.approx(quad, rel=1e-7)


# ------------------------------------------------------------------ MODES-2 M&A vs greenfield
@given(models(heterogeneity="mobile", all_modes=True))
def test_mobile_heterogeneity_largest_firms_choose_ma_iff_steepest(m):
    """MODES-2 (mobile capabilities, after Nocke & Yeaple 2007): the most productive firms
    choose M&A iff ℓ > max(γ, τ^{1−σ}) (with λ < 1, so that non-equity is flatter); when
    greenfield and M&A are neighbours on the envelope the cut-off is (f_M − f_G)/((ℓ − γ)B)."""
    ell, g, free = m.local_capability, m.greenfield_efficiency, m.tau ** (1 - m.sigma)
    assume(abs(ell - max(g, free)) > 1e-6 and m.licence_share < 1 - 1e-6)
    s = m.sorting()
    assert (s.largest_firms_mode == "M&A") == (ell > max(g, free))
    env = list(s.envelope)
    if "greenfield" in env and "M&A" in env and env.index("M&A") == env.index("greenfield") + 1:
        c = s.cutoffs[env.index("greenfield")]
        assert c == pytest.approx((m.f_M - m.f_G) / ((ell - g) * m.B), rel=1e-9)


@given(models(heterogeneity="non-mobile", all_modes=True))
def test_non_mobile_heterogeneity_ma_attracts_least_productive(m):
    """MODES-2 (non-mobile capabilities): the M&A line is flat, so the largest firms never
    choose M&A, and M&A, when used, is the first foreign mode on the envelope (its firms are
    the least productive ones abroad); the paper's prescription then fails."""
    s = m.sorting()
    assert s.largest_firms_mode != "M&A"
    foreign = [x for x in s.envelope if x != "home"]
    if "M&A" in foreign:
        assert foreign[0] == "M&A"
        if s.shares["M&A"] > 0 and s.shares["non-equity"] == 0:
            assert not s.prescription_holds


# ------------------------------------------------------------------ MODES-3 the platform
@given(models(), st.data())
def test_platform_moves_cutoffs_by_the_closed_form(m, data):
    """MODES-3: the platform lowers each mode's fixed cost by s_j = K_j − x_j; the cut-off
    between any two modes moves by −(s_k − s_j)/(B (a_k − a_j)); firms abroad (all and
    SMEs) and expected profit never fall; the entry cut-off never rises."""
    alone, clus = m.sorting(False), m.sorting(True)
    sav = np.asarray(m.platform) - np.asarray(m._platform_share)
    assert np.all(sav >= -1e-12)
    a, _, _, _ = m._lines()
    j, k = sorted(data.draw(st.lists(st.integers(0, 4), min_size=2, max_size=2, unique=True)))
    s_full = np.concatenate([[0.0], sav])
    c0, c1 = m.cutoff(MODES[j], MODES[k]), m.cutoff(MODES[j], MODES[k], cluster=True)
    if np.isfinite(c0):
        expected = -(s_full[k] - s_full[j]) / (m.B * (a[k] - a[j]))
        assert c1 - c0 == pytest.approx(expected, rel=1e-7, abs=1e-9 * (1 + abs(c0)))
    assert clus.entry_cutoff <= alone.entry_cutoff * (1 + 1e-12) + 1e-12
    assert clus.share_abroad >= alone.share_abroad - 1e-12
    if np.isfinite(alone.sme_abroad):
        assert clus.sme_abroad >= alone.sme_abroad - 1e-12
    assert clus.expected_profit >= alone.expected_profit - 1e-9 * (1 + abs(alone.expected_profit))


def test_shift_lg_sympy_matches_model():
    """MODES-3 in sympy: ΔΦ_LG = (s_G − s_L)/(B (λℓ − γ)) equals the model's shift."""
    m = EntryModeChoice()
    cf = m.closed_forms()
    sav = m.solve().saving
    d = cf.evaluate("shift_LG", B=m.B, licence_share=m.licence_share,
                    greenfield_efficiency=m.greenfield_efficiency,
                    local_capability=m.local_capability, s_L=sav["non-equity"],
                    s_G=sav["greenfield"])
    assert float(d) == pytest.approx(m.cutoff("non-equity", "greenfield", True)
                                     - m.cutoff("non-equity", "greenfield"))


@pytest.mark.parametrize("form", ["airport", "scale"])
@pytest.mark.parametrize("n", [1, 2, 5])
def test_platform_share_is_the_shapley_value_of_the_cost_game(form, n):
    """MODES-3: each member pays its Shapley share of the platform — the coalitional
    engine's Shapley value of EntryCostGame with n identical members."""
    K = (0.0, 5.0, 10.0, 7.0)
    m = EntryModeChoice(platform=K, members=n, form=form, theta=0.4)
    sh = m.solve().platform_share
    for j, mode in enumerate(FOREIGN_MODES):
        g = EntryCostGame(K=np.full(n, K[j]), f=np.zeros(n), form=form, theta=0.4).game()
        assert sh[mode] == pytest.approx(float(shapley_value(g)[0]), abs=1e-12)


def test_default_case_platform_brings_smes_abroad():
    """The default case: the prescription holds alone and with the platform; the platform
    turns exporters into non-equity investors and raises the share of SMEs abroad."""
    r = EntryModeChoice().solve()
    assert r.alone.prescription_holds and r.cluster.prescription_holds
    assert r.alone.envelope == MODES
    assert "export" not in r.cluster.envelope
    assert r.cluster.sme_abroad > r.alone.sme_abroad
    assert r.cluster.equity_cutoff < r.alone.equity_cutoff
    assert all(r.alone.large_shares[x] == 0 for x in ("home", "export", "non-equity"))


# ------------------------------------------------------------------ MODES-4 control
@given(models(heterogeneity="mobile", all_modes=True), st.floats(0.05, 0.95),
       st.floats(0.05, 0.99))
def test_licensing_greenfield_cutoff_rises_with_licence_share(m, lam2, u):
    """MODES-4 (Horstmann & Markusen 1987): the rent a non-equity firm leaves to its partner
    grows with its size, so only smaller firms keep non-equity; Φ_LG = (f_G − f_L)/(B(γ − λℓ))
    rises with λ when γ > λℓ and f_G > f_L (sympy derivative and the model's numbers). The
    drawn model is moved into that region (ℓ = u γ / max λ; the larger of f_L, f_G, with
    its shareable part, for greenfield) instead of filtering draws."""
    lam1 = m.licence_share
    assume(m.f_G != m.f_L)
    if m.f_L > m.f_G:  # swap the two modes' fixed costs with their shareable parts
        K = np.array(m.platform, dtype=float)
        m = m.replace(f_L=m.f_G, f_G=m.f_L, platform=K[[0, 2, 1, 3]])
    m = m.replace(local_capability=u * m.greenfield_efficiency / max(lam1, lam2))
    g, ell = m.greenfield_efficiency, m.local_capability
    assert g > max(lam1, lam2) * ell
    cf = m.closed_forms()
    deriv = cf.evaluate("dPhi_LG_dlambda", B=m.B, f_G=m.f_G, f_L=m.f_L, local_capability=ell,
                        licence_share=lam1, greenfield_efficiency=g)
    assert deriv > 0
    c1 = m.cutoff("non-equity", "greenfield")
    c2 = m.replace(licence_share=lam2).cutoff("non-equity", "greenfield")
    assert (c2 - c1) * (lam2 - lam1) >= 0


@given(models(), st.booleans())
def test_rent_control_accounts_for_the_partners_share(m, cluster):
    """MODES-4: the share of rents the firms keep is 1 minus the partners' share of the
    non-equity rents; it is 1 iff no firm uses a non-equity mode (or λ = 1)."""
    s = m.sorting(cluster)
    r = m.solve()
    assert r.control["non-equity"] == m.licence_share and not r.price_control["non-equity"]
    assert all(r.control[x] == 1.0 and r.price_control[x] for x in ("export",) + EQUITY_MODES)
    if s.share_abroad == 0:
        assert np.isnan(s.rent_control)
        return
    assert 0 < s.rent_control <= 1 + 1e-12
    if s.shares["non-equity"] == 0 or m.licence_share == 1.0:
        assert s.rent_control == pytest.approx(1.0)
    else:
        assert s.rent_control < 1.0


# ------------------------------------------------------------------ verdicts
def test_prescription_fails_with_reasons():
    """The prescription's verdict says why it fails."""
    base = EntryModeChoice()
    nonmob = base.replace(heterogeneity="non-mobile").sorting()
    assert not nonmob.prescription_holds
    weak = base.replace(licence_share=0.2).sorting()  # λℓ < τ^{1−σ} and f_L > f_X
    assert "non-equity" not in weak.envelope and not weak.prescription_holds
    assert "non-equity" in weak.message
    no_equity = base.replace(modes=("export", "non-equity")).sorting()
    assert not no_equity.prescription_holds and "equity" in no_equity.message


def test_sample_input():
    """A user-given sample: shares are counted, SMEs are below its quantile."""
    Phi = np.array([1.0, 5.0, 15.0, 30.0, 50.0, 100.0, 200.0, 2.0, 3.0, 14.0])
    m = EntryModeChoice(sample=Phi, sme_quantile=0.8)
    s = m.sorting()
    modes = m.mode(Phi)
    for j, name in enumerate(MODES):
        assert s.shares[name] == pytest.approx(np.mean(modes == j))
    small = Phi < np.quantile(Phi, 0.8)
    assert s.sme_abroad == pytest.approx(np.mean(modes[small] > 0))


# ------------------------------------------------------------------ units
@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """Money × λ (B, fixed costs, platform): modes, cut-offs and shares unchanged, expected
    profit × λ."""
    m = EntryModeChoice()
    s = m.replace(B=m.B * lam, f_X=m.f_X * lam, f_L=m.f_L * lam, f_G=m.f_G * lam,
                  f_M=m.f_M * lam, platform=np.asarray(m.platform) * lam)
    for cluster in (False, True):
        a, b = m.sorting(cluster), s.sorting(cluster)
        assert a.envelope == b.envelope and a.prescription_holds == b.prescription_holds
        assert np.allclose(a.cutoffs, b.cutoffs, rtol=1e-9)
        for mode in MODES:
            assert a.shares[mode] == pytest.approx(b.shares[mode], rel=1e-9)
        assert b.expected_profit == pytest.approx(lam * a.expected_profit, rel=1e-9)
    Phi = np.geomspace(1, 1e3, 50)
    assert np.array_equal(m.mode(Phi), s.mode(Phi))


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(B=0), r"\bB\b"), (dict(tau=1.0), r"\btau\b"), (dict(sigma=0.5), r"\bsigma\b"),
    (dict(f_G=-1), r"\bf_G\b"), (dict(f_X=float("nan")), r"\bf_X\b"),
    (dict(licence_share=0), r"\blicence_share\b"),
    (dict(greenfield_efficiency=1.5), r"\bgreenfield_efficiency\b"),
    (dict(local_capability=0), r"\blocal_capability\b"),
    (dict(heterogeneity="both"), r"\bheterogeneity\b"), (dict(k=2.5), r"\bk\b"),
    (dict(phi_min=0), r"\bphi_min\b"), (dict(sample=[]), r"\bsample\b"),
    (dict(sample=[1, -2]), r"\bsample\b"), (dict(sme_quantile=1.0), r"\bsme_quantile\b"),
    (dict(platform=[0, 1, 2]), r"\bplatform\b"), (dict(platform=[0, 20, 0, 0]), r"\bplatform\b"),
    (dict(members=0), r"\bmembers\b"), (dict(members=2.5), r"\bmembers\b"),
    (dict(form="ring"), r"\bform\b"), (dict(theta=0), r"\btheta\b"),
    (dict(modes=("export", "joint venture")), r"\bmodes\b"), (dict(modes=()), r"\bmodes\b"),
    (dict(modes="export"), r"\bmodes\b"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        EntryModeChoice(**kwargs)


def test_bad_method_input():
    m = EntryModeChoice()
    with pytest.raises(ValueError, match=r"\bPhi\b"):
        m.mode([-1.0])
    with pytest.raises(ValueError, match=r"\bPhi\b"):
        m.mode([float("nan")])
    with pytest.raises(ValueError, match=r"\blower\b"):
        m.cutoff("licensing", "greenfield")
    with pytest.raises(ValueError, match=r"\bPhi\b"):
        m.entry_game(5.0)
