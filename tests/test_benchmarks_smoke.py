"""Smoke test of the benchmark harness (benchmarks/): it must keep running.

Runs the harness on the smallest sizes with our own library and the plain
baselines only, once in-process and one case through the capped subprocess path;
runs each installed peer adapter on a tiny instance (skipped when the peer is not
installed); and checks that the report's correctness checks do flag wrong answers.
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory as gt
from benchmarks import adapters, instances
from benchmarks.report import analyse
from benchmarks.run import main, run_subprocess, summarise_events
from benchmarks.worker import run_case

TINY = {"shapley": 5, "core": 5, "nucleolus": 5, "thin_core": 5, "thin_nucleolus": 5,
        "empty_core": 5, "talmud": 200, "bimatrix": 3, "entry": 5, "assignment": 50,
        "tripartite_sym": 13, "replicator_batch": 20, "fixation": 10}
COALITIONAL = ("shapley", "core", "nucleolus", "thin_core", "thin_nucleolus", "empty_core")


def test_quick_run_ours_and_baselines(tmp_path):
    readme = tmp_path / "README.md"
    res = main(["--quick", "--inline", "--libs", "ours,numpy,scipy",
                "--out", str(tmp_path), "--readme", str(readme)])
    recs = res["records"]
    assert {r["suite"] for r in recs} == set(TINY)
    for r in recs:
        assert r["status"] == "ok", r
        assert r["median"] > 0
        assert r["check"]["ok"], r
    text = readme.read_text()
    assert "## Targets" in text and "| 8 |" in text and "Correctness" in text
    assert (tmp_path / "results-quick.json").exists()


def test_subprocess_case_with_cap():
    events = run_subprocess({"method": "ours.shapley", "suite": "shapley", "size": 6}, cap=60)
    rec = summarise_events(events, 60)
    assert rec["status"] == "ok" and len(rec["times"]) >= 1
    assert np.allclose(rec["summary"]["x"],
                       adapters.load("baselines").shapley_numpy(instances.tu_values(6)))


# (sympy's solve on a whole replicator field is a baseline that takes minutes: not a peer)
PEER_METHODS = [k for k, m in adapters.all_methods().items()
                if m.library not in ("ours", "numpy", "scipy", "sympy", "sweep",
                                     "cluster", "policy")]  # sweep, cluster, policy: own tests


@pytest.mark.parametrize("key", PEER_METHODS)
def test_peer_adapter_tiny(key):
    mod = adapters.module_of(key)
    pytest.importorskip(mod.MODULE)
    m = adapters.all_methods()[key]
    events = []
    run_case({"method": key, "suite": m.suite, "size": TINY[m.suite], "max_calls": 1},
             events.append)
    rec = summarise_events(events, float("inf"))
    assert rec["status"] == "ok", rec.get("error")
    s = rec["summary"]
    if m.suite in COALITIONAL:
        assert len(s["x"]) == TINY[m.suite]
    elif m.suite == "talmud":
        assert len(s["x"]) == 3
    elif m.suite == "fixation":
        assert np.asarray(s["rho"]).shape == (3, 3)
    else:
        assert len(s["equilibria"]) >= 1


def test_checks_flag_wrong_answers():
    """The report must catch a wrong nucleolus, an invalid equilibrium, a spurious profile,
    a bankruptcy nucleolus other than the Talmud rule, a wrong empty-core ε."""
    a, _ = instances.bimatrix(3)
    worst = int(np.argmin(a[:, 0]))  # not a best reply to column 0: an invalid "equilibrium"
    assert a[worst, 0] < a[:, 0].max()
    pay = instances.entry_payoffs(5)
    assert np.all(pay[:, 1] > 0)  # a lone entrant profits, so "nobody enters" is no equilibrium
    x = [0.0, 0.0, 0.0]
    x[worst] = 1.0
    recs = [
        {"method": "x.talmud", "suite": "talmud", "size": 200, "label": "x",
         "status": "ok", "summary": {"x": [50.0, 50.0, 100.0]}},
        {"method": "x.talmud", "suite": "talmud", "size": 300, "label": "x",
         "status": "ok", "summary": {"x": [50.0, 100.0, 150.0]}},
        {"method": "x.bimatrix", "suite": "bimatrix", "size": 3, "label": "x", "status": "ok",
         "summary": {"equilibria": [[x, [1.0, 0, 0]]]}},
        {"method": "x.entry", "suite": "entry", "size": 5, "label": "x", "status": "ok",
         "summary": {"equilibria": [[0, 0, 0, 0, 0]]}},
    ]
    # bankruptcy game: a core point that is not the Talmud rule is no nucleolus
    estate, claims = instances.bankruptcy_claims(5)
    talmud = np.asarray(gt.talmud_rule(estate, claims))
    prop = estate * claims / claims.sum()  # proportional rule: in the core, not the nucleolus
    assert np.abs(prop - talmud).max() > 1e-3
    # empty core: the equal split with the exact ε passes, a wrong ε or point does not
    n = 5
    eps = instances.empty_core_excess(n)
    assert eps > 0  # the core is empty
    split = instances.empty_core_f(n)[n] / n
    tilted = [split + 0.5, split - 0.5] + [split] * (n - 2)
    recs += [
        {"method": "x.thin", "suite": "thin_nucleolus", "size": 5, "label": "x",
         "status": "ok", "summary": {"x": prop.tolist()}},
        {"method": "y.thin", "suite": "thin_nucleolus", "size": 5, "label": "y",
         "status": "ok", "summary": {"x": talmud.tolist()}},
        {"method": "x.empty", "suite": "empty_core", "size": n, "label": "x", "status": "ok",
         "summary": {"x": [split] * n, "eps": eps}},
        {"method": "y.empty", "suite": "empty_core", "size": n, "label": "y", "status": "ok",
         "summary": {"x": [split] * n, "eps": eps - 0.1}},
        {"method": "z.empty", "suite": "empty_core", "size": n, "label": "z", "status": "ok",
         "summary": {"x": tilted, "eps": eps}},
    ]
    analyse(recs)
    assert not recs[0]["check"]["ok"] and recs[1]["check"]["ok"]
    assert recs[4]["check"]["in_core"] and not recs[4]["check"]["ok"]
    assert "worse than Talmud" in recs[4]["check"]["text"]
    assert recs[5]["check"]["ok"]
    assert recs[6]["check"]["ok"]
    assert not recs[7]["check"]["ok"] and not recs[8]["check"]["ok"]
    assert not recs[2]["check"]["ok"] and "invalid" in recs[2]["check"]["text"]
    assert not recs[3]["check"]["ok"] and "invalid" in recs[3]["check"]["text"]


def test_assignment_check_flags_wrong_extremes():
    """The assignment suite's check rejects a point outside the core and a wrong v(N)."""
    from benchmarks.adapters import baselines, ours

    a = instances.assignment_surplus(30, 0)
    good = ours.assignment_core(a)
    ref = baselines.assignment_lsa(a)
    from benchmarks.adapters._common import assignment as summ

    bad = (good[0], good[1] * 0.5, good[2], good[3], good[4])
    wrong_v = (good[0] + 1.0, None, None, None, None)
    recs = [{"method": "scipy.assignment_lsa", "suite": "assignment", "size": 30, "label": "s",
             "status": "ok", "summary": summ(ref)}]
    for key, res in (("ours.assignment_core", good), ("x.bad", bad), ("y.wrong", wrong_v)):
        recs.append({"method": key, "suite": "assignment", "size": 30, "label": key,
                     "status": "ok", "summary": summ(res)})
    analyse(recs)
    checks = {r["method"]: r["check"] for r in recs}
    assert checks["ours.assignment_core"]["ok"]
    assert not checks["x.bad"]["ok"] and "NOT in core" in checks["x.bad"]["text"]
    assert not checks["y.wrong"]["ok"]
