"""The computational core of the equilibrium cluster model, vectorised over parameter grids.

Firms come in ``T`` types (``sizes[t]`` identical firms each). Every quantity of the model
is a function of three count vectors (one entry per type): the cluster's members ``μ``,
the members it sends abroad ``e ≤ μ`` and the outsiders who enter on their own
``o ≤ n − μ``. :class:`Structure` enumerates these once for a given ``sizes``;
:func:`evaluate` computes, for a batch of ``G`` parameter points at once,

1. the host-market Cournot stage for every pair ``(e, o)`` (grouped by type and status,
   :func:`gametheory.markets.grouped_cournot`);
2. the outsiders' entry payoffs and the cluster's value at every pair;
3. the outsiders' entry equilibrium (the greatest pure Nash equilibrium among the
   non-members, :func:`gametheory.noncooperative.typed_entry_equilibria`'s conditions)
   after the cluster's choice, for every membership ``μ`` and every choice ``e``;
4. the cluster's choice ``e*(μ)`` (leader), its value ``L(μ)`` and every firm's payoff.

The model class (:mod:`gametheory.models.cluster`) reads the results; nothing here
validates input.

Policy hooks (optional keys of ``p``, arrays of shape ``(G,)``; absent means 0, and the
model never sets them; :class:`gametheory.models.PolicyDesign` does):

* ``member_cost_cut`` — a cost reduction of the members sent abroad only (overseas R&D
  financed for the cluster's entrants), applied after the agglomeration floor;
* ``insured`` — the share ``ι`` of the host-wide common shock an insurer takes over: the
  common variance ``(1 − r)ωσ²`` in every home firm's risk is multiplied by ``(1 − ι)²``;
* ``member_capital`` — capital added per member to the cluster's pooled capital (a seed
  fund for joint investment), not to what a firm entering on its own can pay.
"""

from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from .._tolerance import RTOL
from ..markets import grouped_cournot
from ..noncooperative.entry import count_index, count_lattice

#: mechanisms (same order as :data:`gametheory.models.cluster.MECHANISMS`)
COST, RISK, AGGLO, COORD, INFO = range(5)
ALL = frozenset(range(5))


@dataclasses.dataclass(frozen=True)
class Structure:
    """Index arrays for firm types of the given sizes (parameter independent)."""

    sizes: tuple

    @functools.cached_property
    def T(self) -> int:
        return len(self.sizes)

    @functools.cached_property
    def n(self) -> np.ndarray:
        return np.asarray(self.sizes, dtype=np.int64)

    @functools.cached_property
    def memberships(self) -> np.ndarray:
        """All membership vectors μ (rows), in the order of :func:`count_lattice`."""
        return count_lattice(self.n)

    @functools.cached_property
    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """All ``(e, o)`` with ``e_t + o_t ≤ n_t``: arrays ``E (P, T)``, ``O (P, T)``."""
        per_type = []
        for nt in self.sizes:
            tri = [(e, o) for e in range(nt + 1) for o in range(nt + 1 - e)]
            per_type.append(np.array(tri, dtype=np.int64))
        grids = np.meshgrid(*[np.arange(len(p)) for p in per_type], indexing="ij")
        idx = [g.ravel() for g in grids]
        E = np.stack([per_type[t][idx[t], 0] for t in range(self.T)], axis=-1)
        O = np.stack([per_type[t][idx[t], 1] for t in range(self.T)], axis=-1)
        return E, O

    @functools.cached_property
    def _pair_lookup(self):
        """``tri[t][e, o]`` = triangle index; strides to combine the types."""
        tris, radix = [], []
        for nt in self.sizes:
            table = np.full((nt + 1, nt + 1), -1, dtype=np.int64)
            k = 0
            for e in range(nt + 1):
                for o in range(nt + 1 - e):
                    table[e, o] = k
                    k += 1
            tris.append(table)
            radix.append(k)
        radix = np.asarray(radix, dtype=np.int64)
        strides = np.concatenate([np.cumprod(radix[::-1])[::-1][1:], [1]])
        return tris, strides

    def pair_index(self, E, O) -> np.ndarray:
        tris, strides = self._pair_lookup
        E = np.asarray(E, dtype=np.int64)
        O = np.asarray(O, dtype=np.int64)
        out = np.zeros(E.shape[:-1], dtype=np.int64)
        for t in range(self.T):
            out = out + tris[t][E[..., t], O[..., t]] * strides[t]
        return out

    @functools.cached_property
    def choices(self) -> dict:
        """Leader choices ``(μ, e)`` with ``e ≤ μ``, grouped by ``μ`` (contiguous), fewest
        entrants first inside each group; and the follower profiles ``o ≤ n − μ`` of each
        choice (contiguous), with the index arrays the equilibrium conditions need."""
        mus = self.memberships
        ch_mu, ch_e = [], []
        for m, mu in enumerate(mus):
            es = count_lattice(mu)
            es = es[np.lexsort(np.r_[es.T[::-1], es.sum(axis=1)[None]])]  # Σe first
            ch_mu.append(np.full(len(es), m))
            ch_e.append(es)
        ch_mu = np.concatenate(ch_mu)
        ch_e = np.concatenate(ch_e)
        # follower profiles per choice
        tr_ch, tr_o = [], []
        for c in range(len(ch_mu)):
            pool = self.n - mus[ch_mu[c]]
            os_ = count_lattice(pool)[::-1]  # ties: earlier (cheaper) types enter first
            tr_ch.append(np.full(len(os_), c))
            tr_o.append(os_)
        tr_ch = np.concatenate(tr_ch)
        tr_o = np.concatenate(tr_o)
        tr_e = ch_e[tr_ch]
        pool = self.n[None, :] - mus[ch_mu[tr_ch]]
        pair = self.pair_index(tr_e, tr_o)
        up = np.full((len(tr_ch), self.T), -1, dtype=np.int64)
        for t in range(self.T):
            room = tr_o[:, t] < pool[:, t]
            o_up = tr_o.copy()
            o_up[:, t] += 1
            up[room, t] = self.pair_index(tr_e[room], o_up[room])
        # (e + e_t, o): a member of type t who stays home deviates to entering
        mu_t = mus[ch_mu[tr_ch]]
        upe = np.full((len(tr_ch), self.T), -1, dtype=np.int64)
        for t in range(self.T):
            room = tr_e[:, t] < mu_t[:, t]
            e_up = tr_e.copy()
            e_up[:, t] += 1
            upe[room, t] = self.pair_index(e_up[room], tr_o[room])
        starts_ch = np.flatnonzero(np.r_[True, tr_ch[1:] != tr_ch[:-1]])
        starts_mu = np.flatnonzero(np.r_[True, ch_mu[1:] != ch_mu[:-1]])
        t_mu = ch_mu[tr_ch]
        starts_mu_trip = np.flatnonzero(np.r_[True, t_mu[1:] != t_mu[:-1]])
        return {"mu": ch_mu, "e": ch_e, "t_choice": tr_ch, "t_o": tr_o, "t_pair": pair,
                "t_up": up, "t_upe": upe, "t_zero": tr_o == 0, "t_full": tr_o == pool,
                "t_ezero": tr_e == 0, "t_efull": tr_e == mu_t,
                "starts_choice": starts_ch, "starts_mu": starts_mu,
                "starts_mu_trip": starts_mu_trip}

    @functools.cached_property
    def shapley_weights(self) -> np.ndarray:
        """``W[t, μ, σ]``: the type-``t`` member's Shapley value at membership ``μ`` is
        ``Σ_σ W[t, μ, σ] v(σ)`` (σ over memberships), for the game ``v(σ)`` on the members
        of ``μ`` whose worth depends only on type counts."""
        mus = self.memberships
        M = len(mus)
        W = np.zeros((self.T, M, M))
        for m, mu in enumerate(mus):
            tot = int(mu.sum())
            for t in range(self.T):
                if mu[t] == 0:
                    continue
                rest = mu.copy()
                rest[t] -= 1
                for sig in count_lattice(rest):
                    s = int(sig.sum())
                    w = math.factorial(s) * math.factorial(tot - s - 1) / math.factorial(tot)
                    w *= math.prod(math.comb(int(rest[u]), int(sig[u])) for u in range(self.T))
                    plus = sig.copy()
                    plus[t] += 1
                    W[t, m, count_index(plus, self.n)] += w
                    W[t, m, count_index(sig, self.n)] -= w
        return W


@functools.lru_cache(maxsize=32)
def structure(sizes: tuple) -> Structure:
    return Structure(tuple(int(s) for s in sizes))


def _segment_argbest(score, starts, first_better):
    """Index (global, along the last axis) of the best entry in each contiguous segment.

    ``score`` (G, R); segments start at ``starts``. The best is the maximum; among ties
    (``first_better`` decides) the first. Returns (G, S) indices and the (G, S) maxima.
    """
    best = np.maximum.reduceat(score, starts, axis=-1)
    seg = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, score.shape[-1]]))
    is_best = first_better(score, best[..., seg])
    R = score.shape[-1]
    pos = np.where(is_best, np.arange(R), R)
    idx = np.minimum.reduceat(pos, starts, axis=-1)
    return idx, best


def evaluate(st: Structure, p: dict, mechanisms=ALL) -> dict:
    """The leader–follower outcome for every membership, at ``G`` parameter points.

    ``p`` holds arrays of shape ``(G,)`` (scalars of the model) or ``(G, T)`` (per-type
    primitives ``c``, ``tau``, ``F``, ``K``, ``o``); see the model for their meaning.
    ``mechanisms`` is the set of switched-on mechanisms (indices ``COST … INFO``).
    Returns arrays over memberships: the cluster's choice, the followers' equilibrium,
    its value, each type's payoff in and out, national surplus and more.
    """
    G = p["a"].shape[0]
    T = st.T
    E, O = st.pairs
    P = E.shape[0]
    me = E.sum(axis=1).astype(float)  # (P,)
    mo = O.sum(axis=1).astype(float)
    c = p["c"]  # (G, T)
    gam = p["gamma"][:, None, None]
    psi = p["spillover"][:, None, None]
    floor = p["c_floor"][:, None, None]
    agg = AGGLO in mechanisms
    # -------- host-market costs by group: members (e), outsiders (o), foreign
    if agg:
        c_mem = c[:, None, :] - gam * (np.maximum(me, 1) - 1)[None, :, None] \
            - psi * gam * mo[None, :, None]
    else:
        c_mem = c[:, None, :] - psi * gam * (np.maximum(me + mo, 1) - 1)[None, :, None]
    c_out = c[:, None, :] - psi * gam * (np.maximum(me + mo, 1) - 1)[None, :, None]
    c_mem = np.maximum(c_mem, np.minimum(floor, c[:, None, :]))
    if p.get("member_cost_cut") is not None:  # policy hook: R&D for the cluster's entrants
        c_mem = c_mem - p["member_cost_cut"][:, None, None]
    c_out = np.maximum(c_out, np.minimum(floor, c[:, None, :]))
    k = p["k"]
    counts = np.concatenate([E, O, np.full((P, 1), k)], axis=1)  # (P, 2T+1)
    costs = np.concatenate([c_mem, c_out, np.broadcast_to(p["c_f"][:, None, None],
                                                         (G, P, 1))], axis=2)
    mkt = grouped_cournot(p["a"][:, None], p["b"][:, None], counts[None], costs)
    q_m, q_o = mkt.quantities[..., :T], mkt.quantities[..., T:2 * T]
    N = mkt.n_active  # (G, P)
    b = p["b"][:, None]
    s2 = p["sigma2"][:, None]
    w = p["common_share"][:, None]
    kappa = p["colocation"][:, None]
    iv_full = p["r"][:, None] * w * s2 / (b**2 * (N + 1.0) ** 2)  # Var of outputs' signal part
    # policy hook: the share of the common variance still borne after insurance
    kept = 1.0 if p.get("insured") is None else (1.0 - p["insured"][:, None]) ** 2
    out = {}
    for signal in (False, True):
        on = signal and INFO in mechanisms
        iv = iv_full if on else np.zeros_like(iv_full)
        r = p["r"][:, None] if on else np.zeros_like(iv_full)
        var_alone = (1.0 - r) * w * s2 * kept + (1.0 - w) * s2  # per unit², a firm alone
        # outsiders (and members without pooling): CE on their own
        Eq2_o = q_o**2 + iv[..., None]
        ce_o = b[..., None] * Eq2_o - Eq2_o * var_alone[..., None] / (2.0 * p["tau"][:, None, :])
        # members who enter: gross profit and risk
        Eq2_m = q_m**2 + iv[..., None]
        gross_m = b[..., None] * Eq2_m  # per member of type t
        prem_alone_m = Eq2_m * var_alone[..., None] / (2.0 * p["tau"][:, None, :])
        sum_q = (E[None] * q_m).sum(axis=-1)  # (G, P)
        E_sumq2 = sum_q**2 + me[None] ** 2 * iv
        E_q2sum = (E[None] * Eq2_m).sum(axis=-1)
        var_S = ((1.0 - r) * w * s2 * kept + kappa * (1.0 - w) * s2) * E_sumq2 \
            + (1.0 - kappa) * (1.0 - w) * s2 * E_q2sum
        out[signal] = dict(ce_o=ce_o, gross_m=gross_m, prem_alone_m=prem_alone_m, var_S=var_S)
    # -------- per-pair quantities, for the signal off (index p) and on (index p + P)
    fee_o = (1.0 - p["s"])[:, None] * p["F"]  # (G, T) private entry cost alone
    can_alone = fee_o <= p["K"] * (1.0 + RTOL)  # credit constraint
    tau = p["tau"]
    Ef = E.astype(float)
    Of = O.astype(float)

    def both(key, fn):
        return np.concatenate([fn(out[False][key]), fn(out[True][key])], axis=1)

    U2 = both("ce_o", lambda ce: np.where(can_alone[:, None, :],
                                         ce - fee_o[:, None, :] - p["o"][:, None, :], -np.inf))
    gross2 = both("gross_m", lambda g_: (Ef[None] * g_).sum(-1))
    varS2 = np.concatenate([out[False]["var_S"], out[True]["var_S"]], axis=1)
    premalone2 = both("prem_alone_m", lambda pa: (Ef[None] * pa).sum(-1))
    cenat2 = both("ce_o", lambda ce: (Of[None] * (ce - p["F"][:, None, :])).sum(-1))
    gm2 = np.concatenate([out[False]["gross_m"], out[True]["gross_m"]], axis=1)
    pam2 = np.concatenate([out[False]["prem_alone_m"], out[True]["prem_alone_m"]], axis=1)
    res = dict(structure=st, market=mkt, E=E, O=O)
    ch = st.choices
    mus = st.memberships
    msize = mus.sum(axis=1)
    g_cost = p["governance"][:, None] * msize[None]  # (G, M)
    pool_members = p["pool_members"]
    tol = RTOL * p["scale"]
    t_pair, t_up = ch["t_pair"], ch["t_up"]
    cluster_exists_mu = msize >= 2  # the association (and its signal) exists
    mu_of_trip = ch["mu"][ch["t_choice"]]
    sig = cluster_exists_mu[mu_of_trip].astype(np.int64) * P
    key = t_pair + sig  # (R,) index into the doubled pair arrays
    # -------- the followers' equilibrium conditions at every triple
    ne = np.ones((G, t_pair.size), dtype=bool)
    for t in range(T):
        Ut = np.ascontiguousarray(U2[..., t])
        enter_ok = Ut >= -tol[:, None]  # (G, 2P): an entrant of type t stays in
        out_ok = Ut <= tol[:, None]  # a type-t outsider does not come in
        ne &= ch["t_zero"][:, t][None] | enter_ok[:, key]
        upk = np.where(t_up[:, t] >= 0, t_up[:, t], 0) + sig
        ne &= ch["t_full"][:, t][None] | out_ok[:, upk]
    # -------- the cluster's value at every triple
    coord = COORD in mechanisms
    cost_on = COST in mechanisms
    risk_on = RISK in mechanisms
    any_mech = bool(mechanisms)
    e_trip = ch["e"][ch["t_choice"]]  # (R, T)
    o_trip = ch["t_o"]
    m_e_trip = e_trip.sum(axis=1).astype(float)
    F0 = p["F0"][:, None]
    f = p["f"][:, None]
    if cost_on:  # the platform
        C_pair = np.where(me[None] > 0, F0 + f * me[None], 0.0)
    else:  # standalone entry costs
        C_pair = (Ef[None] * p["F"][:, None, :]).sum(-1)
    s_c = (p["s"] + (p["s_cluster"] if any_mech else 0.0))[:, None]
    with np.errstate(invalid="ignore"):  # 0 members × unlimited capital
        cap_mu = np.where(mus[None] > 0, mus[None] * p["K"][:, None, :], 0.0).sum(-1)
    seed = p.get("member_capital")  # policy hook: capital added per member
    if seed is not None:
        cap_mu = cap_mu + msize[None] * seed[:, None]
    if not np.isfinite(p["K"]).any():  # unconstrained
        fin_ok = True
    elif cost_on:  # members' pooled capital finances the platform
        fin_ok = (1.0 - s_c) * C_pair[:, t_pair] <= cap_mu[:, mu_of_trip] * (1.0 + RTOL)
    else:  # each member finances its own entry
        own = (1.0 - s_c) * p["F"] <= (p["K"] + (0.0 if seed is None else seed[:, None])) \
            * (1.0 + RTOL)  # (G, T)
        fin_pair = np.all((E[None] == 0) | own[:, None, :], axis=-1)
        fin_ok = fin_pair[:, t_pair]
    tau_e = (Ef[None] * tau[:, None, :]).sum(-1)  # (G, P) entrants' pooled tolerance
    tau_mu = (mus[None] * tau[:, None, :]).sum(-1)  # (G, M) members' pooled tolerance
    if risk_on:
        tp = tau_mu[:, mu_of_trip] if pool_members else tau_e[:, t_pair]
        with np.errstate(invalid="ignore", divide="ignore"):
            prem = np.where(m_e_trip[None] > 0, varS2[:, key] / (2.0 * tp), 0.0)
    else:
        prem = premalone2[:, key]
    stay_mu = (mus[None] * p["o"][:, None, :]).sum(-1)  # (G, M)
    stay_e = (Ef[None] * p["o"][:, None, :]).sum(-1)  # (G, P)
    stay_home = stay_mu[:, mu_of_trip] - stay_e[:, t_pair]
    L_priv = gross2[:, key] - prem - (1.0 - s_c) * C_pair[:, t_pair] + stay_home
    nonmem_mu = ((st.n[None] - mus)[None] * p["o"][:, None, :]).sum(-1)  # (G, M)
    o_out = (Of[None] * p["o"][:, None, :]).sum(-1)  # (G, P)
    sub_o = (Of[None] * (p["s"][:, None] * p["F"])[:, None, :]).sum(-1)
    valid = ne & fin_ok if fin_ok is not True else ne
    n_o = o_trip.sum(axis=1).astype(float)
    big = 1e6 * (np.abs(L_priv).max() + 1.0)
    gsel = np.arange(G)[:, None]
    if coord:
        # follower equilibrium per choice: the most outside entrants (ties: the first
        # profile listed, in which the earlier types enter)
        key1 = np.where(valid, n_o[None], -1.0)
        idx1, best1 = _segment_argbest(key1, ch["starts_choice"], lambda s_, b_: s_ >= b_)
        has_eq = best1 >= 0  # the choice admits a follower equilibrium (and is financed)
        trip_of_choice = np.where(has_eq, idx1, 0)  # (G, C)
        L_choice = np.take_along_axis(L_priv, trip_of_choice, axis=1)
        L_choice = np.where(has_eq, L_choice, -big)
        # leader: best choice per membership (ties: the first, i.e. fewest entrants)
        idx_mu, bestL = _segment_argbest(L_choice, ch["starts_mu"],
                                         lambda s_, b_: s_ >= b_ - tol[:, None])
        trip_mu = np.take_along_axis(trip_of_choice, idx_mu, axis=1)  # (G, M)
        feasible = np.take_along_axis(has_eq, idx_mu, axis=1)
    else:
        # members decide entry on their own (with the cluster's cost and risk sharing):
        # the simultaneous entry game of members and outsiders; its greatest equilibrium
        m_e_safe = np.maximum(m_e_trip, 1.0)[None]
        if cost_on:
            fee_m = (1.0 - s_c) * (F0 + f * m_e_safe) / m_e_safe  # (G, R) per entrant
            fee_m = np.broadcast_to(fee_m[..., None], fee_m.shape + (T,))
        else:
            fee_m = (1.0 - s_c)[..., None] * p["F"][:, None, :]
        def member_gain(pair_idx, e_vec):
            k2 = pair_idx + sig
            gm = gm2[:, k2]
            if risk_on:
                if pool_members:
                    tpool = tau_mu[:, mu_of_trip]
                else:
                    tpool = (e_vec[None] * tau[:, None, :]).sum(-1)
                with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                    # read only where the type has an entrant (then τ_pool > 0)
                    prem_t = tau[:, None, :] * varS2[:, k2][..., None] / (
                        2.0 * tpool[..., None] ** 2)
            else:
                prem_t = pam2[:, k2]
            return gm - prem_t - p["o"][:, None, :]
        u_in = member_gain(t_pair, e_trip) - fee_m
        ok = valid.copy()
        for t in range(T):
            ok &= ch["t_ezero"][:, t][None] | (u_in[..., t] >= -tol[:, None])
            upi = np.where(ch["t_upe"][:, t] >= 0, ch["t_upe"][:, t], 0)
            e_up = e_trip.copy()
            e_up[:, t] += 1
            m_up = e_up.sum(axis=1).astype(float)[None]
            if cost_on:
                fee_up = (1.0 - s_c) * (F0 + f * m_up) / m_up
            else:
                fee_up = (1.0 - s_c) * p["F"][:, None, t]
            u_up = member_gain(upi, e_up)[..., t] - fee_up
            ok &= ch["t_efull"][:, t][None] | (u_up <= tol[:, None])
        n_all = n_o + m_e_trip
        key1 = np.where(ok, n_all[None], -1.0)
        idx1, best1 = _segment_argbest(key1, ch["starts_mu_trip"], lambda s_, b_: s_ >= b_)
        feasible = best1 >= 0
        trip_mu = np.where(feasible, idx1, 0)
        bestL = np.where(feasible, L_priv[gsel, trip_mu], -big)
        idx_mu = ch["t_choice"][trip_mu]
    # a "cluster" of fewer than two members is no cluster: everyone acts alone (μ = 0)
    solo = np.flatnonzero(msize == 1)
    trip_mu[:, solo] = trip_mu[:, [0]]
    bestL[:, solo] = bestL[:, [0]]
    feasible[:, solo] = feasible[:, [0]]
    idx_mu[:, solo] = idx_mu[:, [0]]
    g_eff = np.where(msize >= 2, 1.0, 0.0)[None] * g_cost
    # national accounts at the selected configurations only
    k_sel = key[trip_mu]
    p_sel = t_pair[trip_mu]
    mu_sel = mu_of_trip[trip_mu]
    C_sel = C_pair[gsel, p_sel]
    prem_sel = prem[gsel, trip_mu]
    L_nat_sel = gross2[gsel, k_sel] - prem_sel - C_sel + (stay_mu[gsel, mu_sel]
                                                          - stay_e[gsel, p_sel])
    outs_sel = cenat2[gsel, k_sel] + nonmem_mu[gsel, mu_sel] - o_out[gsel, p_sel]
    res.update(
        choice_of_mu=idx_mu, triple_of_mu=trip_mu, feasible_mu=feasible,
        L=bestL - g_eff, L_gross=bestL,
        e=e_trip[trip_mu], o=o_trip[trip_mu], pair=t_pair[trip_mu],
        national=L_nat_sel + outs_sel - g_eff,
        national_gross=L_nat_sel + outs_sel,
        subsidy=s_c * C_sel + sub_o[gsel, p_sel],
        U_out=U2[gsel, t_pair[trip_mu] + P * cluster_exists_mu[None].astype(np.int64)],
        coordination=coord, signal_mu=cluster_exists_mu)
    # payoff of an outsider of type t at membership μ: enters (if any of its type does) or o
    o_sel = res["o"]
    res["out_payoff"] = np.where(o_sel > 0, res["U_out"] + p["o"][:, None, :],
                                 p["o"][:, None, :])
    return res


def member_values(st: Structure, res: dict, p: dict, sharing: str) -> np.ndarray:
    """Each type's payoff as a member, ``x[G, μ, t]`` (nan where ``μ_t = 0``).

    The members' game at membership ``μ`` is ``v(σ) = L(σ)`` for ``σ ≤ μ`` with ``|σ| ≥ 2``
    (the cluster of ``σ`` against everyone else acting alone) and ``v({i})`` = firm
    ``i``'s payoff when everybody acts alone.
    """
    mus = st.memberships
    G = res["L"].shape[0]
    msize = mus.sum(axis=1)
    # singletons: payoff on one's own in the all-outsider world (μ = 0)
    v = res["L"].copy()
    zero = 0
    for t in range(st.T):
        one = np.zeros(st.T, dtype=np.int64)
        one[t] = 1
        if one[t] <= st.n[t]:
            v[:, count_index(one, st.n)] = res["out_payoff"][:, zero, t]
    v[:, zero] = 0.0
    x = np.full((G, len(mus), st.T), np.nan)
    has = mus > 0
    if sharing == "shapley":
        W = st.shapley_weights  # (T, M, M)
        x = np.einsum("tms,gs->gmt", W, v)
    elif sharing == "equal":
        x = np.where(msize[None, :, None] > 0,
                     v[:, :, None] / np.maximum(msize, 1)[None, :, None], np.nan)
        x = np.broadcast_to(x, (G, len(mus), st.T)).copy()
    elif sharing == "capital":
        K = p["K_share"]  # (G, T) capital used as weights
        tot = (mus[None] * K[:, None, :]).sum(-1)
        x = v[:, :, None] * K[:, None, :] / np.where(tot > 0, tot, 1.0)[..., None]
    x = np.where(has[None], x, np.nan)
    # a membership of one is no cluster: the firm keeps what it earns alone
    solo = msize == 1
    x[:, solo, :] = np.where(has[solo][None], v[:, solo, None], np.nan)
    return x, v
