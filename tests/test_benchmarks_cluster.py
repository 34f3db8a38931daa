"""The cluster benchmark suites (issue 9) run, and their checks compare the two kernels.

``python -m benchmarks.run --suites cluster_map,cluster_map_sym,figures --libs cluster``
times the model's regime maps (20-firm cluster and 12 identical firms) with the pair kernel
and with the triple enumeration, and ``python -m gametheory figures``; here the smallest
maps run in this process and the report's checks and targets read them.
"""

from benchmarks import adapters
from benchmarks.report import analyse, write_readme
from benchmarks.run import summarise_events
from benchmarks.worker import run_case


def _records(size=3):
    recs = []
    for key, m in adapters.all_methods().items():
        if m.library != "cluster" or m.suite == "figures":
            continue
        events = []
        run_case({"method": key, "suite": m.suite, "size": size, "max_calls": 1},
                 events.append)
        recs.append({"method": key, "library": m.library, "label": m.label, "suite": m.suite,
                     "size": size, **summarise_events(events, float("inf"))})
    return recs


def test_cluster_map_suites_run_and_agree(tmp_path):
    recs = _records()
    assert {r["suite"] for r in recs} == {"cluster_map", "cluster_map_sym"} and len(recs) == 4
    analysis = analyse(recs)
    for r in recs:
        assert r["status"] == "ok", r.get("error")
        assert r["summary"]["spot_wrong"] == [] and r["summary"]["points"] == 9
        assert r["check"]["ok"] and "same regimes" in r["check"]["text"], r["check"]
    targets = {t["target"]: t for t in analysis["targets"]}
    assert any("20-firm" in name for name in targets)
    write_readme({"meta": {"date": "", "elapsed_s": 0, "quick": True, "machine": {
        "nproc": 2, "cpu": "", "mem_gib": 0, "os": "", "python": "", "numpy": ""},
        "libraries": {}, "seed": 0, "cap_s": 1}, "records": recs, "analysis": analysis},
        tmp_path / "R.md")
    text = (tmp_path / "R.md").read_text()
    assert "Regime map of the equilibrium cluster model" in text and "triple enumeration" in text


def test_cluster_check_flags_different_regimes():
    recs = _records()
    slow = next(r for r in recs if r["method"] == "cluster.cluster_map.triples")
    slow["summary"] = {**slow["summary"], "digest": "different"}
    analyse(recs)
    fast = next(r for r in recs if r["method"] == "cluster.cluster_map")
    assert not fast["check"]["ok"] and "DIFFER" in fast["check"]["text"]
