"""Games in extensive form: backward induction, all pure SPE, the reduced normal form, .efg files.

Cross-checks: (i) an independent brute force in this file — every pure behaviour profile,
kept iff it is a Nash equilibrium of every subgame, with each player's best deviation found
by a one-player dynamic programme; (ii) pygambit (test-only oracle) on the same tree read
from our ``.efg`` text: Gambit's node values confirm that the equilibrium is sequentially
rational at every node, Gambit's regret confirms it is a Nash equilibrium, Gambit's reduced
strategic form and its pure equilibria (``enumpure_solve``) equal ours.
"""

import io
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.noncooperative.extensive import Chance, Decision, ExtensiveGame, Terminal

gbt = pytest.importorskip("pygambit")


def chain_store(fight=-1.0, accommodate=1.0):
    """Selten (1978), Theory and Decision 9:127, the stage game of the chain store."""
    return ExtensiveGame(Decision("Entrant", {
        "out": Terminal([0, 2]),
        "in": Decision("Incumbent", {"fight": Terminal([-1, fight]),
                                     "accommodate": Terminal([1, accommodate])}),
    }), players=["Entrant", "Incumbent"], title="chain store")


# --------------------------------------------------------------------------- random trees
def random_tree(seed, n_players=2, max_depth=4, chance=True, integer=True, max_nodes=40):
    """A random tree of perfect information (a chance node now and then)."""
    rng = np.random.default_rng(seed)
    players = [f"P{i}" for i in range(n_players)]
    budget = [max_nodes]

    def payoff():
        if integer:
            return rng.integers(-3, 4, n_players).astype(float)
        return rng.normal(size=n_players)

    def node(depth):
        budget[0] -= 1
        if depth >= max_depth or budget[0] <= 0 or (depth > 0 and rng.random() < 0.25):
            return Terminal(payoff())
        k = int(rng.integers(1, 4))
        if chance and depth > 0 and rng.random() < 0.2:
            p = rng.dirichlet(np.ones(k))
            return Chance({f"e{j}": (float(p[j]), node(depth + 1)) for j in range(k)})
        who = players[int(rng.integers(n_players))]
        return Decision(who, {f"a{j}": node(depth + 1) for j in range(k)})

    return ExtensiveGame(node(0), players=players, title=f"random {seed}")


def brute_force_spe(game, tol=1e-9):
    """Every pure profile that is a Nash equilibrium of every subgame (independent of the library).

    A profile is a pick of one action at every decision node. In the subgame at node s,
    player i's best deviation value is a one-player optimisation over i's own nodes with
    the others' picks fixed.
    """
    dec = [v for v in range(game.num_nodes) if game._kind[v] == "p"]
    kids = game._children

    def value(v, pick, deviator=None):
        k = game._kind[v]
        if k == "t":
            return game._pay[v]
        if k == "c":
            return sum(p * value(c, pick, deviator) for p, c in zip(game._probs[v], kids[v]))
        if deviator is not None and game._mover[v] == deviator:
            vals = [value(c, pick, deviator) for c in kids[v]]
            return max(vals, key=lambda x: x[deviator])
        return value(kids[v][pick[v]], pick, deviator)

    out = []
    for combo in itertools.product(*(range(len(kids[v])) for v in dec)):
        pick = dict(zip(dec, combo))
        ok = all(value(s, pick, i)[i] <= value(s, pick)[i] + tol
                 for s in range(game.num_nodes) if game._kind[s] != "t"
                 for i in range(game.n))
        if ok:
            out.append(pick)
    return out


def picks_of(game, eq):
    """The equilibrium's strategies as {decision node: action index}."""
    out = {}
    for v in range(game.num_nodes):
        if game._kind[v] == "p":
            h = game.infosets[game._node_iset[v]]
            out[v] = game._actions[v].index(eq.strategies[game.players[h.player]][h.label])
    return out


def small_enough(game, cap=3000):
    sizes = [len(game._children[v]) for v in range(game.num_nodes) if game._kind[v] == "p"]
    return int(np.prod(sizes)) <= cap


# --------------------------------------------------------------------------- examples
def test_chain_store_stage_game():
    """SEQ-1: backward induction in Selten's chain-store stage game — enter, accommodate."""
    eq = chain_store().backward_induction()
    assert eq.path == ("in", "accommodate") and eq.unique
    assert eq.strategies == {"Entrant": {"root": "in"}, "Incumbent": {"in": "accommodate"}}
    assert np.array_equal(eq.payoffs, [1, 1])
    # the normal form has a second, non-credible Nash equilibrium: (out, fight)
    nf = chain_store().to_normal_form()
    assert nf.pure_nash_equilibria() == [(0, 0), (1, 1)]


def test_ties_are_reported_and_every_spe_listed():
    """SEQ-1: an indifferent incumbent gives two SPE (out/fight and in/accommodate); both are
    listed, and backward induction names the tie instead of hiding it."""
    g = chain_store(fight=1.0, accommodate=1.0)
    eq = g.backward_induction()
    assert not eq.unique and len(eq.ties) == 1
    tie = eq.ties[0]
    assert tie.path == ("in",) and tie.player == "Incumbent"
    assert tie.actions == ("fight", "accommodate") and tie.chosen == "fight"
    all_spe = g.subgame_perfect_equilibria()
    assert {(e.path, tuple(e.payoffs)) for e in all_spe} == {
        (("out",), (0.0, 2.0)), (("in", "accommodate"), (1.0, 1.0))}
    assert all(len(e.ties) == 1 for e in all_spe)


def test_chance_node_is_averaged():
    """SEQ-1: a chance move is worth the probability-weighted mean of its branches."""
    tree = Decision("Firm", {
        "export": Terminal([1.0]),
        "invest": Chance({"boom": (0.4, Terminal([5.0])), "bust": (0.6, Terminal([-1.0]))}),
    })
    eq = ExtensiveGame(tree).backward_induction()
    assert eq.strategies == {"Firm": {"root": "invest"}}
    assert eq.path is None and eq.payoffs[0] == pytest.approx(1.4)
    assert [(p, pr) for p, pr in eq.play] == [(("invest", "boom"), 0.4), (("invest", "bust"), 0.6)]


def test_simultaneous_moves_as_a_tree_equal_the_normal_form():
    """SEQ-2: a prisoner's dilemma written as a tree with one information set for the second
    mover has the same reduced normal form as the bimatrix game; backward induction refuses
    it and names the information set."""
    pd = {("C", "C"): (3, 3), ("C", "D"): (0, 4), ("D", "C"): (4, 0), ("D", "D"): (1, 1)}
    tree = Decision("Row", {
        a: Decision("Col", {b: Terminal(pd[a, b]) for b in ("C", "D")}, infoset="col")
        for a in ("C", "D")
    })
    g = ExtensiveGame(tree, ["Row", "Col"])
    assert not g.is_perfect_information
    nf = g.to_normal_form()
    assert nf == gt.NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]])
    assert nf.pure_nash_equilibria() == [(1, 1)]
    with pytest.raises(ValueError, match=r"\bcol\b"):
        g.backward_induction()


def test_reduced_strategies_drop_unreachable_choices():
    """SEQ-2: a player's later choice after its own 'stop' is not part of a reduced strategy
    (a two-stage centipede: 3 reduced strategies for the first mover, not 4)."""
    tree = Decision("A", {
        "stop": Terminal([1, 0]),
        "go": Decision("B", {
            "stop": Terminal([0, 2]),
            "go": Decision("A", {"stop": Terminal([3, 1]), "go": Terminal([2, 4])}),
        }),
    })
    g = ExtensiveGame(tree, ["A", "B"])
    assert g.reduced_strategies("A") == [{"root": "stop"}, {"root": "go", "go/go": "stop"},
                                         {"root": "go", "go/go": "go"}]
    nf = g.to_normal_form()
    assert nf.shape == (3, 2) and nf.action_names[0] == ("stop/*", "go/stop", "go/go")
    eq = g.backward_induction()
    assert eq.path == ("stop",)  # the centipede unravels
    assert eq.strategies["A"] == {"root": "stop", "go/go": "stop"}


# --------------------------------------------------------------------------- generated trees
@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_players=st.integers(1, 3), integer=st.booleans())
def test_backward_induction_matches_brute_force(seed, n_players, integer):
    """SEQ-1: the pure SPE listed by the library are exactly the profiles that are Nash
    equilibria of every subgame (brute force); backward induction returns one of them and
    reports ties iff there is more than one."""
    g = random_tree(seed, n_players, integer=integer, max_nodes=24)
    if not small_enough(g):
        return
    brute = brute_force_spe(g)
    listed = g.subgame_perfect_equilibria()
    assert sorted(map(sorted_items, brute)) == sorted(sorted_items(picks_of(g, e)) for e in listed)
    bi = g.backward_induction()
    assert picks_of(g, bi) in brute
    assert (len(brute) > 1) <= (not bi.unique)
    if bi.unique:
        assert len(brute) == 1
    for e in listed:  # the payoffs reported are the profile's expected payoffs
        assert np.allclose(e.payoffs, g.expected_payoffs(e.strategies))


def sorted_items(d):
    return tuple(sorted(d.items()))


def gambit_game(game):
    return gbt.read_efg(io.StringIO(game.to_efg()))


def gambit_profile(G, game, eq):
    prof = G.mixed_behavior_profile(rational=True)
    for h in G.infosets:
        if h.is_chance:
            continue
        act = eq.strategies[h.player.label][h.label]
        prof[h] = [gbt.Rational(int(a.label == act)) for a in h.actions]
    return prof


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_players=st.integers(2, 3), integer=st.booleans())
def test_backward_induction_against_pygambit(seed, n_players, integer):
    """SEQ-1: on the same tree read by Gambit from our .efg text, the equilibrium has zero
    regret (a Nash equilibrium, Gambit's max_regret) and at every decision node the chosen
    child is worth at least as much to the mover as any other (Gambit's node values):
    sequentially rational everywhere, hence subgame perfect."""
    g = random_tree(seed, n_players, integer=integer, max_nodes=30, max_depth=5)
    G = gambit_game(g)
    assert G.is_perfect_recall
    eq = g.backward_induction()
    prof = gambit_profile(G, g, eq)
    assert float(prof.max_regret()) <= 1e-9 * max(1.0, np.abs(g.terminal_payoffs).max())
    assert np.allclose([float(prof.payoff(p)) for p in G.players], eq.payoffs, atol=1e-9)
    for node in G.nodes:
        if node.is_terminal or node.player.is_chance:
            continue
        me = node.player
        chosen = eq.strategies[me.label][node.infoset.label]
        vals = {a.label: float(prof.node_value(me, c))
                for a, c in zip(node.infoset.actions, node.children)}
        assert vals[chosen] >= max(vals.values()) - 1e-9


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_players=st.integers(2, 3))
def test_reduced_normal_form_matches_pygambit(seed, n_players):
    """SEQ-2: our reduced strategic form equals Gambit's (strategies matched by the actions
    they prescribe), and so do the pure Nash equilibria (Gambit's enumpure_solve); every SPE
    is among them."""
    g = random_tree(seed, n_players, integer=True, max_nodes=18, max_depth=4)
    G = gambit_game(g)
    nf = g.to_normal_form()
    ours = [g.reduced_strategies(p) for p in g.players]
    gambit_strats = same_strategic_form(g, G)
    eqs = gbt.nash.enumpure_solve(G).equilibria
    gambit_pure = set()
    for e in eqs:
        prof = []
        for p, pl in enumerate(G.players):
            k = [float(e[s]) for s in pl.strategies].index(1.0)
            prof.append(gambit_strats[p][k])
        gambit_pure.add(tuple(prof))
    assert gambit_pure == set(nf.pure_nash_equilibria())
    for eq in g.subgame_perfect_equilibria():
        prof = tuple(ours[p].index(reduce(g, p, eq.strategies[name]))
                     for p, name in enumerate(g.players))
        assert prof in gambit_pure


def same_strategic_form(g, G):
    """Assert our reduced normal form equals Gambit's; return, per player, the index of each
    Gambit strategy among ours (matched by the actions they prescribe)."""
    nf = g.to_normal_form()
    ours = [g.reduced_strategies(p) for p in g.players]
    gambit_strats = []
    for p, pl in enumerate(G.players):
        row = []
        for s in pl.strategies:
            plan = {h.label: s.action(h).label for h in pl.infosets if s.action(h) is not None}
            row.append(ours[p].index(plan))
        assert sorted(row) == list(range(len(ours[p])))
        gambit_strats.append(row)
    arrays = [np.array(a, dtype=float) for a in G.to_arrays()]
    for p in range(g.n):
        mine = nf.payoffs[..., p][np.ix_(*gambit_strats)]
        assert np.allclose(mine, arrays[p], atol=1e-12)
    return gambit_strats


def reduce(game, p, plan):
    """The part of player p's plan at information sets its own choices do not rule out."""
    out, stack = {}, [0]
    while stack:
        v = stack.pop()
        if game._kind[v] == "p" and game._mover[v] == p:
            h = game.infosets[game._node_iset[v]].label
            out[h] = plan[h]
            stack.append(game._children[v][game._actions[v].index(plan[h])])
        else:
            stack.extend(game._children[v])
    return out


@pytest.mark.parametrize("lam", [1e-9, 1e9])
def test_unit_invariance(lam):
    """SEQ-1: money × λ changes no choice and no tie; payoffs scale by λ."""
    for seed in range(20):
        g = random_tree(seed, 3, integer=True, max_nodes=30)
        scaled = ExtensiveGame(_scale(g.to_tree(), lam), g.players)
        a, b = g.backward_induction(), scaled.backward_induction()
        assert a.strategies == b.strategies and a.ties == b.ties
        assert np.allclose(b.payoffs, lam * a.payoffs, rtol=1e-12, atol=0)


def _scale(node, lam):
    if isinstance(node, Terminal):
        return Terminal([lam * x for x in node.payoffs])
    if isinstance(node, Chance):
        return Chance({a: (p, _scale(c, lam)) for a, (p, c) in node.actions.items()})
    return Decision(node.player, {a: _scale(c, lam) for a, c in node.actions.items()},
                    node.infoset)


# --------------------------------------------------------------------------- .efg files
BAYES2A_HEAD = '''EFG 2 R "Outcomes at inner nodes" { "Player 1" "Player 2" }
""

c "" 1 "(0,1)" { "1G" 1/2 "1B" 1/2 } 0
p "" 1 1 "(1,1)" { "H" "L" } 1 "Outcome 1" { 10, 2 }
p "" 2 1 "(2,1)" { "h" "l" } 0
t "" 2 "Outcome 2" { 0, 10 }
t "" 3 "Outcome 3" { 2, 4 }
p "" 2 1 0
t "" 2
t "" 0
p "" 1 2 "(1,2)" { "H" "L" } 1
t "" 4 "Outcome 4" { 4, 0 }
t "" 3
'''


def test_reads_outcomes_at_inner_nodes_and_omitted_descriptions():
    """Gambit .efg files: outcomes at non-terminal nodes add up along the play; repeated information
    sets and outcomes may omit their descriptions; outcome 0 pays nothing (Gambit's rules).
    Checked against Gambit's own reading of the same text."""
    g = gt.read_efg(BAYES2A_HEAD)
    assert g.terminal_paths() == [("1G", "H", "h"), ("1G", "H", "l"), ("1G", "L", "h"),
                                  ("1G", "L", "l"), ("1B", "H"), ("1B", "L")]
    assert g.terminal_payoffs.tolist() == [[10, 12], [12, 6], [10, 12], [10, 2], [14, 2],
                                           [12, 6]]
    assert len(g.infosets_of("Player 2")[0].nodes) == 2
    G = gbt.read_efg(io.StringIO(BAYES2A_HEAD))
    same_strategic_form(g, G)


@settings(deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_efg_round_trip(seed):
    """Gambit .efg files: write → read gives the same tree; Gambit reads our text, and its
    own output reads back to the same game."""
    g = random_tree(seed, 3, integer=False, max_nodes=40)
    back = gt.read_efg(g.to_efg())
    assert back.terminal_paths() == g.terminal_paths()
    assert np.array_equal(back.terminal_payoffs, g.terminal_payoffs)
    G = gambit_game(g)
    assert [p.label for p in G.players] == list(g.players)
    again = gt.read_efg(G.to_efg())
    assert again.terminal_paths() == g.terminal_paths()
    assert np.allclose(again.terminal_payoffs, g.terminal_payoffs, rtol=1e-15, atol=0)
    probs = [p for v in range(g.num_nodes) for p in g._probs[v]]
    assert np.allclose([p for v in range(again.num_nodes) for p in again._probs[v]], probs)
    assert back.backward_induction().strategies == g.backward_induction().strategies


def test_efg_file_path(tmp_path):
    path = tmp_path / "chain.efg"
    text = chain_store().to_efg(path=path)
    assert path.read_text() == text
    assert gt.read_efg(path).backward_induction().path == ("in", "accommodate")
    assert gt.read_efg(str(path)).players == ("Entrant", "Incumbent")


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(("build", "match"), [
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1, 2]), "y": None}), ["A", "B"]),
     r"\by\b.*missing"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1])}), ["A", "B"]), r"\bpayoffs\b"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1, float("nan")])}), ["A", "B"]),
     r"\bpayoffs\b.*finite"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1, float("inf")])}), ["A", "B"]),
     r"\bpayoffs\b.*finite"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal(None)}), ["A"]), r"\bpayoffs\b"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal({"A": 1})}), ["A", "B"]),
     r"\bpayoffs\b.*'B'"),
    (lambda: ExtensiveGame(Decision("A", {}), ["A"]), r"no actions"),
    (lambda: ExtensiveGame(Decision("Z", {"x": Terminal([1])}), ["A"]), r"\bplayer\b.*'Z'"),
    (lambda: ExtensiveGame(Chance({"h": (0.5, Terminal([1])), "t": (0.6, Terminal([1]))}),
                           ["A"]), r"\bprobabilities\b.*sum to 1"),
    (lambda: ExtensiveGame(Chance({"h": (-0.5, Terminal([1])), "t": (1.5, Terminal([1]))}),
                           ["A"]), r"\bprobabilities\b"),
    (lambda: ExtensiveGame(Chance({"h": (float("nan"), Terminal([1]))}), ["A"]),
     r"\bprobability\b"),
    (lambda: ExtensiveGame(Decision("A", {
        "x": Decision("B", {"l": Terminal([0, 0])}, infoset="h"),
        "y": Decision("B", {"r": Terminal([0, 0])}, infoset="h")}), ["A", "B"]),
     r"\binfoset\b.*same actions"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1])}), ["A", "A"]), r"\bplayers\b"),
    (lambda: ExtensiveGame(Decision("A", {"x": Terminal([1])}), title=3), r"\btitle\b"),
    (lambda: ExtensiveGame(Decision("A", {"x": Decision("A", {"y": Terminal([1])},
                                                        infoset="root")})),
     r"\binfoset\b|information set"),
])
def test_bad_trees_are_rejected(build, match):
    with pytest.raises(ValueError, match=match):
        build()


@pytest.mark.parametrize(("text", "match"), [
    ("NFG 1 R", r"\bsource\b"),
    ('EFG 2 R "t" { "A" }\np "" 1 1 "h" { "x" "y" } 0\nt "" 1 "o" { 1 }\n', r"ends before"),
    ('EFG 2 R "t" { "A" }\np "" 1 1 "h" { "x" } 0\nt "" 1\n', r"outcome 1.*before its payoffs"),
    ('EFG 2 R "t" { "A" }\np "" 2 1 "h" { "x" } 0\nt "" 1 "o" { 1 }\n', r"player 2"),
    ('EFG 2 R "t" { "A" "B" }\np "" 1 1 "h" { "x" } 0\nt "" 1 "o" { 1 }\n', r"2 payoffs"),
    ('EFG 2 R "t" { "A" }\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 1 "o" { 1 }\nt "" 1\n',
     r"\bprobabilities\b"),
    ('EFG 2 R "t" { "A" }\nt "" 1 "o" { 1 }\nt "" 1\n', r"after the tree"),
    ('EFG 2 R "t" { "A" }\nt "" 1 "o" { x }\n', r"\bpayoffs\b"),
])
def test_bad_efg_is_rejected(text, match):
    with pytest.raises(ValueError, match=match):
        gt.read_efg(text)


def test_bad_profiles_and_calls():
    g = chain_store()
    with pytest.raises(ValueError, match=r"\bEntrant\b.*no action"):
        g.expected_payoffs({"Incumbent": {"in": "fight"}})
    with pytest.raises(ValueError, match=r"\bunknown player\b"):
        g.expected_payoffs({"Z": {"root": "in"}})
    with pytest.raises(ValueError, match=r"'jump' is not an action"):
        g.expected_payoffs({"Entrant": {"root": "jump"}})
    with pytest.raises(ValueError, match=r"\btol\b"):
        g.backward_induction(tol=-1)
    with pytest.raises(ValueError, match=r"\bmax_profiles\b"):
        g.to_normal_form(max_profiles=0)
    with pytest.raises(TypeError, match=r"ExtensiveGame"):
        gt.write_efg(g.to_normal_form())
