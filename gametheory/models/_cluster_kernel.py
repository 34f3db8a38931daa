"""The computational core of the equilibrium cluster model, vectorised over parameter grids.

Firms come in ``T`` types (``sizes[t]`` identical firms each). Every quantity of the model
is a function of three count vectors (one entry per type): the cluster's members ``μ``,
the members it sends abroad ``e ≤ μ`` and the outsiders who enter on their own
``o ≤ n − μ``. :class:`Structure` enumerates these once for a given ``sizes``;
:func:`evaluate` computes, for a batch of ``G`` parameter points at once,

1. the host-market Cournot stage for every pair ``(e, o)`` (grouped by type and status,
   :func:`gametheory.markets.grouped_cournot`), once per distinct set of market
   primitives in the batch (a map over entry costs and risk shares one market);
2. the outsiders' entry payoffs and the cluster's value at every pair;
3. the outsiders' entry equilibrium (the greatest pure Nash equilibrium among the
   non-members, :func:`gametheory.noncooperative.typed_entry_equilibria`'s conditions)
   after the cluster's choice, for every membership ``μ`` and every choice ``e``;
4. the cluster's choice ``e*(μ)`` (leader), its value ``L(μ)`` and every firm's payoff.

Step 3 without enumerating the triples ``(μ, e, o)`` (CLUSTER-5 in docs/theorems.md).
Given ``e``, a profile ``o`` is an equilibrium of the non-members' pool ``p = n − μ`` iff
``o ≤ p``, every type present stays in (``A(o)``: ``U_t(e, o) ≥ −tol`` for every ``t``
with ``o_t > 0``) and every type with room stays out (``B_t(o)``: ``U_t(e, o + 1_t) ≤
tol``, required only where ``o_t < p_t``). So ``o`` with ``A(o)`` and failing set
``S = {t : not B_t(o)}`` is an equilibrium exactly of the pools with ``p_t = o_t`` on
``S`` and ``p_t ≥ o_t`` off ``S``; the greatest equilibrium of every pool is the maximum
over the ``2^T`` sets ``S`` of running maxima (along the axes off ``S``) of the profiles'
ranks in the order of the selection (most entrants; among equally many, the profile
listed first, i.e. the earlier types entering). This costs ``O(2^T · #pairs)`` per point
instead of ``O(#triples)``; the leader's value is then read at one pair per choice.

How it is computed (:func:`evaluate_pairs`): pairs are laid out as one array axis per
type (the triangle ``e_t + o_t ≤ n_t``); ranks are small unsigned integers, running
maxima use doubling windows masked at the start of each ``e_t`` (Hillis & Steele 1986);
each entry decision compares the certainty equivalent with an exact threshold (the float
at which ``(ce − fee) − o`` crosses ``∓tol``, found by stepping through neighbouring
floats) through integer ranks of the sorted equivalents; values that depend only on the
pair and on primitives that do not vary across the batch are computed once per distinct
set of them (a map over entry costs computes the host market once); national accounts are
computed where they are read. Every decision and every value is the one the direct
enumeration :func:`evaluate_triples` computes with the same floating-point expressions;
:func:`evaluate` uses the enumeration for members deciding on their own (no leader) and
for a few points of a small structure.

The model class (:mod:`gametheory.models.cluster`) reads the results; nothing here
validates input.

Policy hooks (optional keys of ``p``, arrays of shape ``(G,)``; absent means 0, and the
model never sets them; :class:`gametheory.models.PolicyDesign` does):

* ``member_cost_cut`` — a cost reduction of the members sent abroad only (overseas R&D
  financed for the cluster's entrants), applied after the agglomeration floor;
* ``insured`` — the share ``ι`` of the host-wide common shock an insurer takes over: the
  common variance ``(1 − r)ωσ²`` in every home firm's risk is multiplied by ``(1 − ι)²``;
* ``member_capital`` — capital added per member to the cluster's pooled capital (and to
  what each member can pay towards its own entry), not to a firm entering on its own.

References
----------
Bresnahan, T. F. & Reiss, P. C. (1991). Empirical models of discrete games. *Journal of
Econometrics* 48:57–81.
Hillis, W. D. & Steele, G. L. (1986). Data parallel algorithms. *Communications of the
ACM* 29:1170–1183.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from types import SimpleNamespace

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
    def triples(self) -> int:
        """Number of (membership, choice, followers) triples, ``∏_t C(n_t + 3, 3)``."""
        return math.prod(math.comb(int(s) + 3, 3) for s in self.sizes)

    @functools.cached_property
    def layout(self) -> SimpleNamespace:
        """Index arrays of the leader–follower solution without triples (:func:`evaluate`).

        Pairs ``(e, o)`` are laid out as an array of shape ``tri`` (one axis per type;
        along axis ``t`` the triangle ``e_t + o_t ≤ n_t``, ``e_t`` major, ``o_t`` minor:
        a run of ``n_t − e_t + 1`` pairs per ``e_t``), which is the order of
        :attr:`pairs`. Each pair carries one plus the rank of its follower profile ``o``
        in the order of the selection (more entrants rank higher; among as many, the
        profile listed first, i.e. the earlier types entering); 0 stands for none.
        """
        T, n = self.T, self.n
        E, O = self.pairs
        P = E.shape[0]
        mus = self.memberships
        tri = tuple(int(x) for x in (n + 1) * (n + 2) // 2)
        tris, strides = self._pair_lookup
        lat = count_lattice(n)  # follower profiles (and choices e) in count_lattice order
        Mo = lat.shape[0]
        rank_of = np.empty(Mo, dtype=np.int64)
        rank_of[np.lexsort((np.arange(Mo), lat.sum(axis=1)))] = np.arange(Mo)
        vtype = np.uint8 if Mo < 2**8 - 1 else np.uint16 if Mo < 2**16 - 1 else np.uint32
        # along axis t: the pair with one more type-t outsider (the run's first pair at the
        # run's end), and for each doubling step s the pairs at least s into their run
        nxt_pair, steps = [], []
        for t in range(T):
            shape = [1] * (T + 1)
            shape[t] = -1
            et = np.concatenate([np.full(n[t] + 1 - e, e) for e in range(n[t] + 1)])
            ot = np.concatenate([np.arange(n[t] + 1 - e) for e in range(n[t] + 1)])
            k = np.arange(tri[t])
            step_t, s = [], 1
            while s <= n[t]:
                step_t.append((s, (ot[s:] >= s).astype(vtype).reshape(shape)))
                s *= 2
            steps.append(step_t)
            nxt_t = np.where(ot == n[t] - et, k - ot, k + 1)[tris[t][E[:, t], O[:, t]]]
            nxt_pair.append(np.arange(P) + (nxt_t - tris[t][E[:, t], O[:, t]]) * strides[t])
        code = lat @ strides  # pair(e, o) = pair(e, 0) + code(o)
        code_of_rank = np.empty(Mo, dtype=np.int64)
        code_of_rank[rank_of] = code
        weights = np.concatenate([np.cumprod((n + 1)[::-1])[::-1][1:], [1]])
        up0 = np.stack([np.where(lat[:, t] < n[t], np.arange(Mo) + weights[t], 0)
                        for t in range(T)])
        # leader choices (μ, e ≤ μ) of memberships with two or more members: each
        # membership's choices fewest entrants first (the order of :attr:`choices`),
        # padded with choices worth −∞ to a length of a short ladder, memberships of one
        # padded length together (their maxima are reductions over a (k, length) view)
        segs = []
        for m, mu in enumerate(mus):
            if mu.sum() < 2:
                continue
            es = count_lattice(mu)
            segs.append((m, es[np.lexsort(np.r_[es.T[::-1], es.sum(axis=1)[None]])]))
        ladder = np.unique(np.r_[np.ceil(1.25 ** np.arange(64)).astype(np.int64)])
        padded = {}
        for m, es in segs:
            padded.setdefault(int(ladder[np.searchsorted(ladder, len(es))]), []).append((m, es))
        ch_mu, ch_e, real, groups, seg_mu, at = [], [], [], [], [], 0
        for length in sorted(padded):
            for m, es in padded[length]:
                pad = length - len(es)
                ch_mu.append(np.full(length, m))
                ch_e.append(np.r_[es, np.zeros((pad, T), dtype=np.int64)])
                real.append(np.r_[np.ones(len(es), bool), np.zeros(pad, bool)])
                seg_mu.append(m)
            groups.append((at, len(padded[length]), length))
            at += length * len(padded[length])
        ch_mu = np.concatenate(ch_mu) if ch_mu else np.zeros(0, dtype=np.int64)
        ch_e = np.concatenate(ch_e) if ch_e else np.zeros((0, T), dtype=np.int64)
        real = np.concatenate(real) if real else np.zeros(0, dtype=bool)
        # the cluster's value of choice c is read at (e of c, 1 + rank of the followers'
        # profile) in a table of the pairs by (e, 1 + rank); column 0 (none) and the last
        # row (padding) read −∞
        by_rank = np.full((Mo + 1, Mo + 1), P, dtype=np.int64)
        room = np.all(lat[None, :, :] <= (n[None] - lat)[:, None, :], axis=-1)  # (Me, Mo)
        base = self.pair_index(lat, np.zeros_like(lat))
        by_rank[:Mo, 1:][:, rank_of] = np.where(room, base[:, None] + code[None], P)
        ch_ecode = count_index(ch_e, n)
        return SimpleNamespace(
            T=T, P=P, tri=tri, steps=steps, nxt_pair=nxt_pair, zero=O.T == 0,
            last=np.stack([O[:, t] == n[t] - E[:, t] for t in range(T)]),
            kv=(rank_of[count_index(O, n)] + 1).astype(vtype).reshape(tri + (1,)),
            order=np.argsort([len(s_) for s_ in steps], kind="stable")[::-1],
            lat=lat, lat_rank=rank_of, lat_of_rank=np.argsort(rank_of), up0=up0,
            code_of_rank=code_of_rank, pair0=code,
            pair_full=int(self.pair_index(np.zeros(T, dtype=np.int64), n)),
            e_of_pair=count_index(E, n), ch_mu=ch_mu, ch_ecode=ch_ecode, real=real,
            ch_base=self.pair_index(ch_e, np.zeros_like(ch_e)),
            ch_me=ch_e.sum(axis=1).astype(float),
            read=np.where(real, self.pair_index(ch_e, n[None] - mus[ch_mu]), 0),
            by_rank=by_rank, ch_row=(np.where(real, ch_ecode, Mo) * (Mo + 1))[:, None],
            Ef=np.ascontiguousarray(E.T, dtype=float), Of=np.ascontiguousarray(O.T, dtype=float),
            me=E.sum(axis=1).astype(float), groups=groups, seg_mu=np.array(seg_mu, dtype=int))

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


def _without_equilibrium(bestL, feasible, msize, scale) -> np.ndarray:
    """The value of memberships whose choices admit no equilibrium: ``−1e6 (scale + max |L|)``
    with the maximum over the point's other memberships (not singletons), far below any."""
    real = feasible & (msize != 1)[None]
    top = np.max(np.where(real, np.abs(np.where(real, bestL, 0.0)), 0.0), axis=1)
    return np.where(feasible, bestL, -1e6 * (scale + top)[:, None])


def _tsum(x) -> np.ndarray:
    """Sum over the last axis (types), left to right (the order of every type sum here)."""
    out = x[..., 0]
    for t in range(1, x.shape[-1]):
        out = out + x[..., t]
    return out


def _host_market(st: Structure, p: dict, agg: bool):
    """Host-market Cournot stage at every pair ``(e, o)`` for the points of ``p``."""
    G = p["a"].shape[0]
    E, O = st.pairs
    P = E.shape[0]
    me = E.sum(axis=1).astype(float)
    mo = O.sum(axis=1).astype(float)
    c = p["c"]  # (G, T)
    gam = p["gamma"][:, None, None]
    psi = p["spillover"][:, None, None]
    floor = p["c_floor"][:, None, None]
    # costs by group: members (e), outsiders (o), foreign
    if agg:
        c_mem = c[:, None, :] - gam * (np.maximum(me, 1) - 1)[None, :, None] \
            - psi * gam * mo[None, :, None]
    else:
        c_mem = c[:, None, :] - psi * gam * (np.maximum(me + mo, 1) - 1)[None, :, None]
    c_out = c[:, None, :] - psi * gam * (np.maximum(me + mo, 1) - 1)[None, :, None]
    c_mem = np.maximum(c_mem, np.minimum(floor, c[:, None, :]))
    if p.get("member_cost_cut") is not None:  # policy hook: a cut for the cluster's entrants
        c_mem = c_mem - p["member_cost_cut"][:, None, None]
    c_out = np.maximum(c_out, np.minimum(floor, c[:, None, :]))
    counts = np.concatenate([E, O, np.full((P, 1), p["k"])], axis=1)  # (P, 2T+1)
    costs = np.concatenate([c_mem, c_out, np.broadcast_to(p["c_f"][:, None, None],
                                                         (G, P, 1))], axis=2)
    return grouped_cournot(p["a"][:, None], p["b"][:, None], counts[None], costs)


def evaluate_triples(st: Structure, p: dict, mechanisms=ALL) -> dict:
    """:func:`evaluate` by enumerating every triple ``(μ, e, o)`` (members deciding on
    their own use it; with entry coordination it is the reference of the tests)."""
    G = p["a"].shape[0]
    T = st.T
    E, O = st.pairs
    P = E.shape[0]
    me = E.sum(axis=1).astype(float)  # (P,)
    mkt = _host_market(st, p, AGGLO in mechanisms)
    q_m, q_o = mkt.quantities[..., :T], mkt.quantities[..., T:2 * T]
    N = mkt.n_active  # (G, P)
    b = p["b"][:, None]
    s2 = p["sigma2"][:, None]
    w = p["common_share"][:, None]
    kappa = p["colocation"][:, None]
    iv_full = p["r"][:, None] * w * s2 / (b**2 * (N + 1.0) ** 2)  # Var of outputs' signal part
    kept = _kept(p, slice(None), (-1, 1))
    out = {}
    for signal in (False, True):
        on = signal and INFO in mechanisms
        iv = iv_full if on else np.zeros_like(iv_full)
        r = p["r"][:, None] if on else np.zeros_like(iv_full)
        var_alone = _var_alone(r, w, s2, kept)  # per unit², a firm on its own
        # outsiders (and members without pooling): CE on their own
        Eq2_o = q_o**2 + iv[..., None]
        ce_o = b[..., None] * Eq2_o - Eq2_o * var_alone[..., None] / (2.0 * p["tau"][:, None, :])
        # members who enter: gross profit and risk
        Eq2_m = q_m**2 + iv[..., None]
        gross_m = b[..., None] * Eq2_m  # per member of type t
        prem_alone_m = Eq2_m * var_alone[..., None] / (2.0 * p["tau"][:, None, :])
        sum_q = _tsum(E[None] * q_m)  # (G, P)
        E_sumq2 = sum_q**2 + me[None] ** 2 * iv
        E_q2sum = _tsum(E[None] * Eq2_m)
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
    gross2 = both("gross_m", lambda g_: _tsum(Ef[None] * g_))
    varS2 = np.concatenate([out[False]["var_S"], out[True]["var_S"]], axis=1)
    premalone2 = both("prem_alone_m", lambda pa: _tsum(Ef[None] * pa))
    cenat2 = both("ce_o", lambda ce: _tsum(Of[None] * (ce - p["F"][:, None, :])))
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
        C_pair = _tsum(Ef[None] * p["F"][:, None, :])
    s_c = (p["s"] + (p["s_cluster"] if any_mech else 0.0))[:, None]
    with np.errstate(invalid="ignore"):  # 0 members × unlimited capital
        cap_mu = _tsum(np.where(mus[None] > 0, mus[None] * p["K"][:, None, :], 0.0))
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
    tau_e = _tsum(Ef[None] * tau[:, None, :])  # (G, P) entrants' pooled tolerance
    tau_mu = _tsum(mus[None] * tau[:, None, :])  # (G, M) members' pooled tolerance
    if risk_on:
        tp = tau_mu[:, mu_of_trip] if pool_members else tau_e[:, t_pair]
        with np.errstate(invalid="ignore", divide="ignore"):
            prem = np.where(m_e_trip[None] > 0, varS2[:, key] / (2.0 * tp), 0.0)
    else:
        prem = premalone2[:, key]
    stay_mu = _tsum(mus[None] * p["o"][:, None, :])  # (G, M)
    stay_e = _tsum(Ef[None] * p["o"][:, None, :])  # (G, P)
    stay_home = stay_mu[:, mu_of_trip] - stay_e[:, t_pair]
    L_priv = gross2[:, key] - prem - (1.0 - s_c) * C_pair[:, t_pair] + stay_home
    nonmem_mu = _tsum((st.n[None] - mus)[None] * p["o"][:, None, :])  # (G, M)
    o_out = _tsum(Of[None] * p["o"][:, None, :])  # (G, P)
    sub_o = _tsum(Of[None] * (p["s"][:, None] * p["F"])[:, None, :])
    valid = ne & fin_ok if fin_ok is not True else ne
    n_o = o_trip.sum(axis=1).astype(float)
    gsel = np.arange(G)[:, None]
    if coord:
        # follower equilibrium per choice: the most outside entrants (ties: the first
        # profile listed, in which the earlier types enter)
        key1 = np.where(valid, n_o[None], -1.0)
        idx1, best1 = _segment_argbest(key1, ch["starts_choice"], lambda s_, b_: s_ >= b_)
        has_eq = best1 >= 0  # the choice admits a follower equilibrium (and is financed)
        trip_of_choice = np.where(has_eq, idx1, 0)  # (G, C)
        L_choice = np.take_along_axis(L_priv, trip_of_choice, axis=1)
        L_choice = np.where(has_eq, L_choice, -np.inf)
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
                    tpool = _tsum(e_vec[None] * tau[:, None, :])
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
        bestL = L_priv[gsel, trip_mu]
        idx_mu = ch["t_choice"][trip_mu]
    bestL = _without_equilibrium(bestL, feasible, msize, p["scale"])
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


#: Pair evaluations per block of points in :func:`evaluate` (arrays that stay in cache).
BLOCK = 1 << 18
#: Below this many (point, triple) configurations :func:`evaluate` enumerates the triples.
SMALL = 2_500
_MARKET_KEYS = ("a", "b", "c_f", "c_floor", "gamma", "spillover")


def evaluate(st: Structure, p: dict, mechanisms=ALL) -> dict:
    """The leader–follower outcome for every membership, at ``G`` parameter points.

    ``p`` holds arrays of shape ``(G,)`` (scalars of the model) or ``(G, T)`` (per-type
    primitives ``c``, ``tau``, ``F``, ``K``, ``o``); see the model for their meaning.
    ``mechanisms`` is the set of switched-on mechanisms (indices ``COST … INFO``).
    Returns arrays over memberships: the cluster's choice, the followers' equilibrium,
    its value, each type's payoff in and out, national surplus and more; ``market`` the
    host market of every pair at every point (``market.<field>[point, pair, …]``).

    With entry coordination :func:`evaluate_pairs`; without it (members decide on their
    own), or for a few points of a small structure (where its set-up costs more than the
    work it saves), :func:`evaluate_triples`.
    """
    if COORD not in mechanisms or p["a"].shape[0] * st.triples <= SMALL:
        return evaluate_triples(st, p, mechanisms)
    return evaluate_pairs(st, p, mechanisms)


def evaluate_pairs(st: Structure, p: dict, mechanisms=ALL) -> dict:
    """:func:`evaluate` with entry coordination, without enumerating the triples.

    Pair-level values (outsiders' certainty equivalents, the cluster's value of each pair)
    are computed once per distinct set of the primitives they depend on; the followers'
    equilibria and the cluster's choices per point, in blocks of points that share them;
    national accounts and subsidies where they are read.
    """
    lay = st.layout
    G = p["a"].shape[0]
    mkt, mrow, first = _market_rows(st, p, AGGLO in mechanisms)
    rl = _row_arrays(st, mkt, p["b"][first])
    keys = ["r", "common_share", "sigma2", "colocation", "s", "s_cluster", "F0", "f", "tau",
            "o"] + (["insured"] if p.get("insured") is not None else [])
    if COST not in mechanisms:
        keys.append("F")
    vrow = _rows(np.column_stack([mrow.astype(float)] + [p[k] for k in keys]))[0]
    order = np.argsort(vrow, kind="stable")
    S = lay.seg_mu.size
    best = np.empty((S, G))
    pair_s = np.empty((S, G), dtype=np.int64)
    U_s = np.empty((st.T, S, G))
    for a, b in _blocks(vrow[order], max(1, BLOCK // lay.P)):
        pts = order[a:b]
        best[:, pts], pair_s[:, pts], U_s[:, :, pts] = _leader_block(
            st, lay, p, rl, mrow, vrow, pts, mechanisms)
    res = _accounts(st, lay, p, rl, mrow, mechanisms, best, pair_s, U_s)
    E, O = st.pairs
    res.update(structure=st, market=MarketByPoint(mkt, mrow), E=E, O=O, coordination=True,
               signal_mu=st.memberships.sum(axis=1) >= 2)
    return res


class _ByPoint:
    """An array stored once per market row and read by point: ``view[g, …]`` is
    ``rows[row[g], …]`` (other first indices read the full per-point array)."""

    def __init__(self, rows: np.ndarray, row: np.ndarray):
        self.rows, self.row = rows, row
        self.shape = row.shape + rows.shape[1:]
        self.ndim = len(self.shape)

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key):
        key = key if isinstance(key, tuple) else (key,)
        head = key[0]
        if isinstance(head, (int, np.integer)) or (
                isinstance(head, np.ndarray) and head.dtype.kind in "iu"):
            return self.rows[(self.row[head],) + key[1:]]
        return np.asarray(self)[key]

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.rows[self.row], dtype=dtype)


class MarketByPoint:
    """The host market of every pair at every point (:class:`GroupedCournot`'s fields),
    computed once per distinct set of market primitives (``rows``, ``row``)."""

    def __init__(self, rows, row: np.ndarray):
        self.rows, self.row = rows, row
        for name in ("quantities", "profits", "price", "total_quantity", "n_active"):
            setattr(self, name, _ByPoint(getattr(rows, name), row))


def _blocks(rows, size) -> list[tuple[int, int]]:
    """Blocks of at most ``size`` consecutive points of the sorted ``rows``: a long run of
    one row is split on its own (its blocks share the pair-level values), short runs are
    packed together."""
    starts = np.r_[0, np.flatnonzero(rows[1:] != rows[:-1]) + 1]
    ends = np.r_[starts[1:], rows.size]
    out, a = [], 0
    for s, e in zip(starts.tolist(), ends.tolist()):
        if e - s >= size // 2:  # a long run: close the open block, split the run evenly
            if a < s:
                out.append((a, s))
            k = -(-(e - s) // size)
            cuts = np.linspace(s, e, k + 1).round().astype(int)
            out += list(zip(cuts[:-1].tolist(), cuts[1:].tolist()))
            a = e
        elif e - a > size:
            out.append((a, s))
            a = s
    if a < rows.size:
        out.append((a, rows.size))
    return out


def _rows(X) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``X`` equal bit for bit: (row id of each point, first point of each row)."""
    bits = np.ascontiguousarray(X, dtype=float).view(np.uint64)
    if (bits == bits[:1]).all():
        return np.zeros(X.shape[0], dtype=np.int64), np.zeros(1, dtype=np.int64)
    _, first, row = np.unique(bits, axis=0, return_index=True, return_inverse=True)
    return row.reshape(-1), first


def _market_rows(st: Structure, p: dict, agg: bool):
    """The host market once per distinct set of market primitives: the market, the row
    of each point and the first point of each row."""
    keys = _MARKET_KEYS + ("c",) + (("member_cost_cut",) if p.get("member_cost_cut")
                                    is not None else ())
    row, first = _rows(np.column_stack([p[key] for key in keys]))
    rows_p = {key: p[key][first] for key in keys}
    rows_p["k"] = p["k"]
    return _host_market(st, rows_p, agg), row, first


def _row_arrays(st: Structure, mkt, b_rows) -> dict:
    """Per market row (last axis): squared outputs of one member and one outsider of each
    type ``(T, P, rows)``, the signal's denominator ``b²(N + 1)²`` and the squared output
    of the members sent abroad ``(P, rows)``."""
    T = st.T
    E, _ = st.pairs
    q = mkt.quantities
    q_m, q_o = q[..., :T], q[..., T:2 * T]
    b = b_rows[:, None]
    return {"qm2": np.ascontiguousarray((q_m**2).transpose(2, 1, 0)),
            "qo2": np.ascontiguousarray((q_o**2).transpose(2, 1, 0)),
            "den": np.ascontiguousarray((b**2 * (mkt.n_active + 1.0) ** 2).T),
            "sq2": np.ascontiguousarray((_tsum(E[None] * q_m) ** 2).T)}


def _kept(p, pts, shape=(-1,)) -> np.ndarray | float:
    """The share of the common variance still borne after insurance (policy hook)."""
    return 1.0 if p.get("insured") is None else ((1.0 - p["insured"][pts]) ** 2).reshape(shape)


def _var_alone(r, w, s2, kept):
    """Variance per unit² a firm bears alone (the part ``r`` of the common risk resolved,
    the share ``kept`` of the rest not insured)."""
    return (1.0 - r) * w * s2 * kept + (1.0 - w) * s2


def _pair_values(st, lay, p, R, rep, mechanisms) -> dict:
    """Pair-level values, one column per representative point ``rep`` (signal on): the
    outsiders' certainty equivalents ``ce (T, P, u)`` and the cluster's private value of
    each pair before what its members forgo at home, ``gross − premium − cost share``."""
    T = st.T
    E, _ = st.pairs
    info = INFO in mechanisms
    risk_on = RISK in mechanisms
    row = {k: p[k][rep][None] for k in ("r", "common_share", "sigma2", "colocation", "b",
                                        "s", "F0", "f")}
    b, w, s2 = row["b"], row["common_share"], row["sigma2"]
    r = row["r"] if info else 0.0
    iv = r * w * s2 / R["den"] if info else 0.0
    kept = _kept(p, rep, (1, -1))
    va = _var_alone(r, w, s2, kept)
    tw = 2.0 * p["tau"][rep].T  # (T, u)
    ce = np.empty((T,) + R["qo2"].shape[1:])
    gross = q2sum = pam = None
    for t in range(T):
        Eq2 = R["qo2"][t] + iv
        ce[t] = b * Eq2 - Eq2 * va / tw[t]
        Eq2 = R["qm2"][t] + iv
        Et = E[:, t, None]
        gross = Et * (b * Eq2) if gross is None else gross + Et * (b * Eq2)
        if risk_on:
            q2sum = Et * Eq2 if q2sum is None else q2sum + Et * Eq2
        else:
            part = Et * (Eq2 * va / tw[t])
            pam = part if pam is None else pam + part
    me = E.sum(axis=1).astype(float)[:, None]
    s_c = row["s"] + (p["s_cluster"][rep][None] if mechanisms else 0.0)
    if COST in mechanisms:
        C = np.where(me > 0, row["F0"] + row["f"] * me, 0.0)
    else:
        C = _tsum(E[:, None, :] * p["F"][rep][None])
    # entry decisions read ce at o (type t present; +∞ where o_t = 0: nothing to check)
    # and at o + 1_t (−∞ where no type-t outsider is left: nobody can come in)
    ceA = np.where(lay.zero[:, :, None], np.inf, ce)
    ceB = np.stack([np.where(lay.last[t][:, None], -np.inf, ce[t][lay.nxt_pair[t]])
                    for t in range(T)])
    # the decisions compare ranks (small integers) instead of floats: a value's rank is
    # the position of its first occurrence in the sorted column, so ``x ≥ lo`` iff
    # rank(x) ≥ #(values < lo) and ``x ≤ hi`` iff rank(x) < #(values ≤ hi)
    out = {"ce": ce, "gross": gross, "cc": (1.0 - s_c) * C}
    rtype = np.int16 if lay.P < 2**15 else np.int32
    for name, vals in (("A", ceA), ("B", ceB)):
        srt = np.sort(vals, axis=1)
        out["s" + name] = srt
        out["r" + name] = np.stack([np.stack([np.searchsorted(srt[t, :, j], vals[t, :, j])
                                              for j in range(vals.shape[2])], axis=-1)
                                    for t in range(T)]).astype(rtype)
    if risk_on:
        kap = row["colocation"]
        out["varS"] = ((1.0 - r) * w * s2 * kept + kap * (1.0 - w) * s2) * (
            R["sq2"] + me**2 * iv) + (1.0 - kap) * (1.0 - w) * s2 * q2sum
        if not p["pool_members"]:
            tau_e = _tsum(E[:, None, :] * p["tau"][rep][None])
            with np.errstate(invalid="ignore", divide="ignore"):
                out["prem"] = np.where(me > 0, out["varS"] / (2.0 * tau_e), 0.0)
    else:
        out["prem"] = pam
    if "prem" in out:
        out["L"] = out["gross"] - out["prem"] - out["cc"]
    return out


def _entry_thresholds(fee, o, tol) -> tuple[np.ndarray, np.ndarray]:
    """Thresholds on an outsider's certainty equivalent ``ce`` that decide its entry
    exactly as its payoff ``U = (ce − fee) − o`` computed in floating point does:
    ``U ≥ −tol ⇔ ce ≥ lo`` and ``U ≤ tol ⇔ ce ≤ hi`` (``U`` rounds monotonically in
    ``ce``; the first guesses are within a few units in the last place)."""
    def U(x):
        return (x - fee) - o

    lo, hi = (fee + o) - tol, (fee + o) + tol
    down, up = -np.inf, np.inf
    for _ in range(256):
        lo_down = U(np.nextafter(lo, -np.inf)) >= -tol  # the one below qualifies too
        lo_up = U(lo) < -tol
        hi_up = U(np.nextafter(hi, np.inf)) <= tol
        hi_down = U(hi) > tol
        if not (lo_down.any() or lo_up.any() or hi_up.any() or hi_down.any()):
            return lo, hi
        lo = np.where(lo_down, np.nextafter(lo, down), np.where(lo_up, np.nextafter(lo, up), lo))
        hi = np.where(hi_up, np.nextafter(hi, up), np.where(hi_down, np.nextafter(hi, down), hi))
    raise RuntimeError("entry thresholds did not converge")  # pragma: no cover


def _greatest(lay, A, B) -> np.ndarray:
    """``best[pair(e, p), g]``: one plus the rank of the greatest follower equilibrium of
    the pool ``p`` after the choice ``e``, 0 if there is none.

    ``A[pair, g]``: every type present among the followers ``o`` stays in; ``B[t, pair,
    g]``: no type-``t`` outsider wants in (at ``o_t = n_t − e_t`` nobody is left: true).
    See the module docstring.
    """
    T, g = lay.T, A.shape[-1]
    shape = lay.tri + (g,)
    A = A.reshape(shape)
    B = [B[t].reshape(shape) for t in range(T)]
    nB = [~b for b in B]
    order = lay.order  # the longest runs once, at the top

    def best(cond, i):
        if i == T:
            return np.multiply(cond.view(np.uint8) if lay.kv.dtype == np.uint8 else cond, lay.kv)
        t = order[i]
        stays = best(cond & B[t], i + 1)  # no type-t outsider wants in: any pool p_t ≥ o_t
        _running_max(stays, t, lay.steps[t])
        full = best(cond & nB[t], i + 1)  # only the pool p_t = o_t
        return np.maximum(stays, full, out=stays)

    return best(A, 0).reshape(-1, g)


def _running_max(a, axis, steps) -> None:
    """In place along ``axis``: the maximum over the pair and those before it in its run
    (windows doubling in length, masked at the start of each run)."""
    hi = [slice(None)] * a.ndim
    lo = [slice(None)] * a.ndim
    for s, inside in steps:
        hi[axis], lo[axis] = slice(s, None), slice(None, -s)
        back = np.multiply(a[tuple(lo)], inside)
        np.maximum(a[tuple(hi)], back, out=a[tuple(hi)])


def _at(st, p, rl, mrow, gi, pair, on, risk_on) -> dict:
    """Payoffs at one pair per entry, with the expressions of :func:`evaluate_triples`:
    points ``gi``, pairs ``pair`` and the association's signal ``on`` (one shape);
    ``rl`` the market arrays by market row (last axis), ``mrow`` each point's row."""
    T = st.T
    lay = st.layout
    u = rl["den"].shape[-1]
    flat = pair if u == 1 else pair * u + mrow[gi]

    def gat(a):  # (P, rows) → one value per entry
        return a.ravel().take(flat)

    w, s2, b, rr = (p[k][gi] for k in ("common_share", "sigma2", "b", "r"))
    iv = np.where(on, rr * w * s2 / gat(rl["den"]), 0.0)
    r = np.where(on, rr, 0.0)
    kept = _kept(p, gi, gi.shape)
    va = _var_alone(r, w, s2, kept)
    tw, F, o = 2.0 * p["tau"][gi], p["F"][gi], p["o"][gi]
    fee = (1.0 - p["s"][gi])[..., None] * F
    can = fee <= p["K"][gi] * (1.0 + RTOL)
    out = {"U": np.empty(pair.shape + (T,))}
    cenat = None
    for t in range(T):
        Eq2 = gat(rl["qo2"][t]) + iv
        ce = b * Eq2 - Eq2 * va / tw[..., t]
        out["U"][..., t] = np.where(can[..., t], ce - fee[..., t] - o[..., t], -np.inf)
        term = lay.Of[t].take(pair) * (ce - F[..., t])
        cenat = term if cenat is None else cenat + term
    gross = extra = None
    for t in range(T):
        Et = lay.Ef[t].take(pair)
        Eq2 = gat(rl["qm2"][t]) + iv
        # the risk pool's variance needs Σ e_t E[q_t²]; standalone premia Σ e_t E[q_t²]va/2τ
        parts = (Et * (b * Eq2), Et * Eq2 if risk_on else Et * (Eq2 * va / tw[..., t]))
        gross, extra = parts if gross is None else (gross + parts[0], extra + parts[1])
    out.update(cenat=cenat, gross=gross, me=lay.me.take(pair))
    if risk_on:
        kap = p["colocation"][gi]
        out["varS"] = ((1.0 - r) * w * s2 * kept + kap * (1.0 - w) * s2) * (
            gat(rl["sq2"]) + out["me"] ** 2 * iv) + (1.0 - kap) * (1.0 - w) * s2 * extra
    else:
        out["premalone"] = extra
    return out


def _configurations(st, p, rl, mrow, mechanisms, gi, mi, pair, mu) -> dict:
    """The cluster's private value, national surplus (before the organising cost) and the
    subsidy bill at the configuration selected for membership ``mi`` at point ``gi``: its
    pair ``pair`` and the membership ``mu`` whose accounts apply (entries of one shape)."""
    lay = st.layout
    mus = st.memberships
    n = st.n
    sel = _at(st, p, rl, mrow, gi, pair, (mus[mu].sum(axis=-1) >= 2) & (INFO in mechanisms),
              RISK in mechanisms)
    if RISK in mechanisms:
        tp = (_entries(mus[mu], p["tau"][gi]) if p["pool_members"]
              else _entries(lay.lat[lay.e_of_pair[pair]], p["tau"][gi]))
        with np.errstate(invalid="ignore", divide="ignore"):
            prem = np.where(sel["me"] > 0, sel["varS"] / (2.0 * tp), 0.0)
    else:
        prem = sel["premalone"]
    e_counts = lay.lat[lay.e_of_pair[pair]]
    if COST in mechanisms:
        C = np.where(sel["me"] > 0, p["F0"][gi] + p["f"][gi] * sel["me"], 0.0)
    else:
        C = _entries(e_counts.astype(float), p["F"][gi])
    o = p["o"][gi]
    stay = _entries(mus[mu], o) - _entries(e_counts, o)
    s_c = p["s"][gi] + (p["s_cluster"][gi] if mechanisms else 0.0)
    O = st.pairs[1][pair]
    outs = sel["cenat"] + _entries(n - mus[mu], o) - _entries(O, o)
    L_nat = sel["gross"] - prem - C + stay
    return {"L": sel["gross"] - prem - (1.0 - s_c) * C + stay, "national_gross": L_nat + outs,
            "subsidy": s_c * C + _entries(O, (p["s"][gi])[..., None] * p["F"][gi])}


def _entries(counts, values) -> np.ndarray:
    """``Σ_t counts_t · values_t`` per entry, summed over types left to right."""
    out = counts[..., 0] * values[..., 0]
    for t in range(1, counts.shape[-1]):
        out = out + counts[..., t] * values[..., t]
    return out


class _OnDemand:
    """A (G, M) array computed at the entries read; ``np.asarray`` computes them all."""

    def __init__(self, fn, shape):
        self.fn, self.shape, self.ndim, self._all = fn, shape, len(shape), None

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key):
        if self._all is None and isinstance(key, tuple) and len(key) == 2:
            idx = []
            for k, size in zip(key, self.shape):
                if isinstance(k, slice):
                    idx.append((np.arange(size)[k], True))
                elif isinstance(k, (int, np.integer, list)) or (
                        isinstance(k, np.ndarray) and k.dtype.kind in "iu"):
                    idx.append((np.asarray(k, dtype=np.int64) % size, False))
                else:
                    break
            else:
                (g, g_outer), (m, m_outer) = idx
                if g_outer and m_outer:
                    g, m = np.ix_(g, m)
                elif g_outer:
                    g = g.reshape((-1,) + (1,) * m.ndim)
                elif m_outer:
                    g = g[..., None]
                g, m = np.broadcast_arrays(g, m)
                return self.fn(g, m)[()]
        return np.asarray(self)[key]

    def __array__(self, dtype=None, copy=None):
        if self._all is None:
            g, m = np.meshgrid(np.arange(self.shape[0]), np.arange(self.shape[1]),
                               indexing="ij")
            self._all = self.fn(g, m)
        return np.asarray(self._all, dtype=dtype)


def _leader_block(st, lay, p, rl, mrow, vrow, pts, mechanisms):
    """The followers' greatest equilibrium after every choice and the cluster's best choice
    of every membership of two or more, at the points ``pts`` (one block; pairs first,
    points last): the value ``(S, g)`` (−∞ where no choice admits an equilibrium) and the
    pair ``(e, o)`` of the choice."""
    T = st.T
    mus = st.memberships
    lat = lay.lat
    msize = mus.sum(axis=1)
    g = pts.size
    # ---- pair-level values once per distinct row of the block
    ids, rep_at, inv = np.unique(vrow[pts], return_index=True, return_inverse=True)
    rep = pts[rep_at]
    R = {key: v[..., mrow[rep]] for key, v in rl.items()}
    V = _pair_values(st, lay, p, R, rep, mechanisms)
    one = ids.size == 1
    inv = inv.reshape(-1)

    def per_point(a):  # (..., u) → (..., g) (a view when the block has one row)
        return a if one else a[..., inv]

    tol = RTOL * p["scale"][pts][None]
    fee = ((1.0 - p["s"][pts])[:, None] * p["F"][pts]).T  # (T, g)
    oo = p["o"][pts].T
    can = fee <= p["K"][pts].T * (1.0 + RTOL)
    s_c = (p["s"] + (p["s_cluster"] if mechanisms else 0.0))[pts]
    # ---- followers after every choice (the association's signal on)
    lo, hi = _entry_thresholds(fee, oo, tol)
    lo[~can] = np.inf  # cannot pay its entry alone: U = −∞
    hi[~can] = np.inf
    kA, kB = np.empty((T, g), dtype=V["rA"].dtype), np.empty((T, g), dtype=V["rA"].dtype)
    for t in range(T):
        for j in range(ids.size):
            at = slice(None) if one else inv == j
            kA[t, at] = np.searchsorted(V["sA"][t, :, j], lo[t, at], side="left")
            kB[t, at] = np.searchsorted(V["sB"][t, :, j], hi[t, at], side="right")
    A = np.empty((lay.P, g), dtype=bool)
    B = np.empty((T, lay.P, g), dtype=bool)
    for t in range(T):
        if t == 0:
            np.greater_equal(per_point(V["rA"][t]), kA[t], out=A)
        else:
            A &= per_point(V["rA"][t]) >= kA[t]
        np.less(per_point(V["rB"][t]), kB[t], out=B[t])
    kc = _greatest(lay, A, B).take(lay.read, axis=0)  # (C, g): 1 + rank, 0 if none
    del A, B
    # ---- the leader's value of each choice, best choice per membership
    ch_mu, ch_e = lay.ch_mu, lay.ch_ecode  # (padding: any e)
    o_rows = p["o"][rep]
    stay_mu = _tsum(mus[:, None, :] * o_rows[None])  # (M, u)
    stay_e = _tsum(lat[:, None, :] * o_rows[None])  # (Me, u)
    stay_home = per_point(stay_mu[ch_mu] - stay_e[ch_e])
    # adding 0.0 changes no comparison (only −0.0, restored on the maxima below)
    zero_home = not np.any(stay_home)
    u = ids.size
    # pair values in tables by (e, 1 + rank of the followers' profile), one per row of the
    # block: column 0 (no equilibrium) and the last row (padding) read −∞
    names = ("L",) if "L" in V else ("gross", "varS", "cc")
    tables = {name: np.moveaxis(np.concatenate([V[name], np.full((1, u), -np.inf)])[
        lay.by_rank], -1, 0).ravel() for name in names}
    shift = 0 if one else (inv * (tables[names[0]].size // u))[None]
    if "L" not in V:
        tau_mu = _tsum(mus[:, None, :] * p["tau"][pts][None])
    K = p["K"][pts]
    seed = p.get("member_capital")  # policy hook: capital added per member
    if not np.isfinite(p["K"]).any():  # unconstrained
        paid = None
    elif COST in mechanisms:  # members' pooled capital finances the platform
        with np.errstate(invalid="ignore"):  # 0 members × unlimited capital
            cap_mu = _tsum(np.where(mus[:, None, :] > 0, mus[:, None, :] * K[None], 0.0))
        if seed is not None:
            cap_mu = cap_mu + msize[:, None] * seed[pts][None]
        C_lat = _entry_costs(lat, p, pts, mechanisms)

        def paid(sl):
            return (1.0 - s_c) * C_lat[ch_e[sl]] <= cap_mu[ch_mu[sl]] * (1.0 + RTOL)
    else:  # each member finances its own entry
        own = np.all((lat[:, None, :] == 0) | ((1.0 - s_c)[:, None] * p["F"][pts] <= (
            K + (0.0 if seed is None else seed[pts][:, None])) * (1.0 + RTOL))[None], axis=-1)

        def paid(sl):
            return own[ch_e[sl]]

    # the best choice of each membership; ties: the first within the tolerance, i.e. the
    # fewest entrants (ragged memberships padded with −∞, in groups of one length, read
    # a group at a time so that the values stay in cache)
    S = lay.seg_mu.size
    best = np.empty((S, g))
    idx = np.empty((S, g), dtype=np.int64)
    s = 0
    for at, k, length in lay.groups:
        sl = slice(at, at + k * length)
        flat = lay.ch_row[sl] + kc[sl] + shift
        if "L" in V:
            L_c = tables["L"].take(flat)
            if not zero_home:
                L_c += stay_home[sl]
        else:  # the members' pooled risk tolerance: the premium depends on the membership
            with np.errstate(invalid="ignore", divide="ignore"):
                prem_c = np.where(lay.ch_me[sl, None] > 0, tables["varS"].take(flat) / (
                    2.0 * tau_mu[ch_mu[sl]]), 0.0)
                L_c = tables["gross"].take(flat) - prem_c - tables["cc"].take(flat) \
                    + stay_home[sl]
            L_c[(kc[sl] == 0) | ~lay.real[sl, None]] = -np.inf
        if paid is not None:  # (−∞: not financed, or no follower equilibrium)
            L_c[~paid(sl)] = -np.inf
        view = L_c.reshape(k, length, g)
        top = view.max(axis=1)
        best[s:s + k] = top
        first = np.argmax(view >= (top - tol)[:, None, :], axis=1)
        idx[s:s + k] = first + (at + length * np.arange(k))[:, None]
        s += k
    if zero_home:
        best += 0.0
    feas_s = best > -np.inf
    rank_s = np.take_along_axis(kc, idx, axis=0).astype(np.int64) - 1
    pair_s = lay.ch_base.take(idx) + lay.code_of_rank.take(np.maximum(rank_s, 0))
    pair_s = np.where(feas_s, pair_s, lay.pair_full)
    # the outsiders' payoffs there, U = (ce − fee) − o (−∞ if they cannot pay alone)
    U = np.empty((T,) + pair_s.shape)
    for t in range(T):
        ce = V["ce"][t].ravel().take(pair_s if one else pair_s * ids.size + inv[None])
        U[t] = np.where(can[t], ce - fee[t] - oo[t], -np.inf)
    return best, pair_s, U


def _entry_costs(lat, p, pts, mechanisms) -> np.ndarray:
    """``C(e)`` for every choice ``e`` of the lattice (rows) at the points ``pts``: the
    platform ``F0 + f m_C`` (0 if nobody goes), or the members' own entry costs."""
    latf = lat.astype(float)
    if COST in mechanisms:
        me_lat = latf.sum(axis=1)[:, None]
        return np.where(me_lat > 0, p["F0"][pts][None] + p["f"][pts][None] * me_lat, 0.0)
    return _tsum(latf[:, None, :] * p["F"][pts][None])


def _accounts(st, lay, p, rl, mrow, mechanisms, best, pair_s, U_s) -> dict:
    """Everything :func:`evaluate` returns, at all points, from the best choice of every
    membership of two or more (``best``, ``pair_s``: (S, G)) and the outsiders' payoffs
    there (``U_s``: (T, S, G)): the scattered world (μ = 0), the value of every
    membership, the outsiders' payoffs and the national accounts."""
    T, n = st.T, st.n
    E, O = st.pairs
    mus = st.memberships
    lat = lay.lat
    M = mus.shape[0]
    msize = mus.sum(axis=1)
    G = mrow.size
    pts = np.arange(G)
    tol = RTOL * p["scale"][None]
    fee = ((1.0 - p["s"])[:, None] * p["F"]).T  # (T, G)
    oo = p["o"].T
    can = fee <= p["K"].T * (1.0 + RTOL)
    one = rl["den"].shape[-1] == 1
    # ---- the scattered world (μ = 0, e = 0; no association, no signal)
    va0 = _var_alone(0.0, p["common_share"], p["sigma2"], _kept(p, pts))[None]
    b = p["b"][None]
    tw = 2.0 * p["tau"].T
    ok0 = np.ones((lat.shape[0], G), dtype=bool)
    out0, U0 = [], []
    for t in range(T):
        Eq2 = rl["qo2"][t][lay.pair0] + 0.0
        if not one:
            Eq2 = Eq2[:, mrow]
        U = b * Eq2 - Eq2 * va0 / tw[t] - fee[t] - oo[t]
        U0.append(U)
        ok0 &= (lat[:, t, None] == 0) | ((U >= -tol) & can[t])
        out0.append((U <= tol) | ~can[t])
    for t in range(T):
        ok0 &= (lat[:, t, None] == n[t]) | out0[t][lay.up0[t]]
    k0 = np.max(np.where(ok0, lay.lat_rank[:, None], -1), axis=0)
    feas0 = k0 >= 0
    # ---- per membership (points first from here): the selected pair and the membership
    # whose accounts apply (μ = 0 for memberships without an equilibrium)
    pair_sel = np.empty((G, M), dtype=np.int64)
    mu_sel = np.zeros((G, M), dtype=np.int64)
    feasible = np.empty((G, M), dtype=bool)
    bestL = np.empty((G, M))
    seg_mu = lay.seg_mu
    feas_s = best > -np.inf
    pair_sel[:, seg_mu] = pair_s.T
    mu_sel[:, seg_mu] = np.where(feas_s, seg_mu[:, None], 0).T
    feasible[:, seg_mu] = feas_s.T
    bestL[:, seg_mu] = best.T
    pair_sel[:, 0] = np.where(feas0, lay.code_of_rank.take(k0), lay.pair_full)
    feasible[:, 0] = feas0
    # a "cluster" of fewer than two members is no cluster: everyone acts alone (μ = 0)
    solo = np.flatnonzero(msize == 1)
    pair_sel[:, solo] = pair_sel[:, [0]]
    feasible[:, solo] = feasible[:, [0]]
    zero = np.zeros(G, dtype=np.int64)
    L0 = _configurations(st, p, rl, mrow, mechanisms, pts, zero, pair_sel[:, 0], zero)["L"]
    bestL[:, 0] = np.where(feas0, L0, -np.inf)
    bestL[:, solo] = bestL[:, [0]]
    bestL = _without_equilibrium(bestL, feasible, msize, p["scale"])
    g_eff = np.where(msize >= 2, 1.0, 0.0)[None] * (p["governance"][:, None] * msize[None])

    def accounts(key):
        def fn(gi, mi):
            conf = _configurations(st, p, rl, mrow, mechanisms, gi, mi, pair_sel[gi, mi],
                                   mu_sel[gi, mi])
            if key == "national":
                return conf["national_gross"] - g_eff[gi, mi]
            return conf[key]
        return _OnDemand(fn, (G, M))

    # outsiders' payoffs under the association's signal of the membership itself: read at
    # the leader's choice, or in the scattered world (o = n where nobody is in equilibrium)
    U_out = np.empty((G, M, T))
    at0 = np.where(feas0, lay.lat_of_rank.take(np.maximum(k0, 0)), lat.shape[0] - 1)
    for t in range(T):
        U_out[:, seg_mu, t] = U_s[t].T
        U_out[:, 0, t] = np.where(can[t], U0[t][at0, pts], -np.inf)
    U_out[:, solo] = U_out[:, [0]]
    oc = p["o"][:, None, :]
    o_sel = np.stack([O[:, t].take(pair_sel) for t in range(T)], axis=-1)
    e_out = np.stack([E[:, t].take(pair_sel) for t in range(T)], axis=-1)
    return dict(feasible_mu=feasible, L=bestL - g_eff, L_gross=bestL, e=e_out, o=o_sel,
                pair=pair_sel, national=accounts("national"),
                national_gross=accounts("national_gross"), subsidy=accounts("subsidy"),
                U_out=U_out, out_payoff=np.where(o_sel > 0, U_out + oc, oc))


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
