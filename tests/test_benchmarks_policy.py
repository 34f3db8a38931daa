"""The ``policy`` benchmark suite runs and its check compares the methods' welfare.

``python -m benchmarks.run --suites policy --libs policy`` times the government's bilevel
search against a brute-force grid and differential evolution; here the smallest size runs
in-process and the check must accept every method (none beats the bilevel search) and
flag one that would.
"""

from benchmarks import adapters
from benchmarks.report import analyse, write_readme
from benchmarks.run import summarise_events
from benchmarks.worker import run_case


def test_quick_policy_suite(tmp_path):
    methods = {k: m for k, m in adapters.all_methods().items() if m.library == "policy"}
    assert {m.suite for m in methods.values()} == {"policy"} and len(methods) == 3
    recs = []
    for key, m in methods.items():
        events = []
        run_case({"method": key, "suite": "policy", "size": 1, "max_calls": 1}, events.append)
        rec = {"method": key, "library": m.library, "label": m.label, "suite": "policy",
               "size": 1, **summarise_events(events, float("inf"))}
        assert rec["status"] == "ok", rec.get("error")
        recs.append(rec)
    analyse(recs)
    for r in recs:
        assert r["check"]["ok"], r
    write_readme({"meta": {"date": "", "elapsed_s": 0, "quick": True, "machine": {
        "nproc": 2, "cpu": "", "mem_gib": 0, "os": "", "python": "", "numpy": ""},
        "libraries": {}, "seed": 0, "cap_s": 1}, "records": recs,
        "analysis": {"targets": [], "findings": [], "slower": []}}, tmp_path / "R.md")
    assert "optimal policy over d instruments" in (tmp_path / "R.md").read_text()


def test_policy_check_flags_a_better_peer():
    ours = {"method": "policy.bilevel", "library": "policy", "label": "bilevel", "suite": "policy",
            "size": 2, "status": "ok", "median": 1.0,
            "summary": {"welfare": 100.0, "evaluations": 50, "certified": True}}
    peer = {"method": "policy.grid", "library": "policy", "label": "grid", "suite": "policy",
            "size": 2, "status": "ok", "median": 1.0,
            "summary": {"welfare": 101.0, "evaluations": 49}}
    analyse([ours, peer])
    assert ours["check"]["ok"] and not peer["check"]["ok"]
    assert "BEATS OURS" in peer["check"]["text"]
