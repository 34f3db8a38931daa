"""The sweep benchmark suites run, and their correctness checks compare the executors.

``python -m benchmarks.run --suites sweep_map,sweep_mc`` measures gametheory.sweep in
this process, on 2 local processes and on a Dask LocalCluster; here the smallest sizes
run in-process (``--inline``) and every executor must return the in-process table.
"""

import pytest

from benchmarks import adapters
from benchmarks.report import analyse, sweep_lines, write_readme
from benchmarks.run import summarise_events
from benchmarks.worker import run_case


def test_quick_sweep_suites(tmp_path):
    pytest.importorskip("distributed")
    methods = {k: m for k, m in adapters.all_methods().items() if m.library == "sweep"}
    assert {m.suite for m in methods.values()} == {"sweep_map", "sweep_mc"}
    assert sum(k.endswith(".dask2") for k in methods) == 2
    # the Dask executors start a cluster of worker processes (tens of seconds on a loaded
    # machine): run by the benchmark itself; the Dask path is tested in tests/test_sweep.py
    methods = {k: m for k, m in methods.items() if not k.endswith(".dask2")}
    recs = []
    for key, m in methods.items():
        events = []
        run_case({"method": key, "suite": m.suite, "size": 4, "max_calls": 1}, events.append)
        rec = {"method": key, "library": m.library, "label": m.label, "suite": m.suite,
               "size": 4, **summarise_events(events, float("inf"))}
        assert rec["status"] == "ok", rec.get("error")
        recs.append(rec)
    analyse(recs)
    for r in recs:
        assert r["check"]["ok"], r
    assert len(sweep_lines(recs)) > 6  # header + processes rows + the regime_map loop
    write_readme({"meta": {"date": "", "elapsed_s": 0, "quick": True, "machine": {
        "nproc": 2, "cpu": "", "mem_gib": 0, "os": "", "python": "", "numpy": ""},
        "libraries": {}, "seed": 0, "cap_s": 1}, "records": recs,
        "analysis": {"targets": [], "findings": [], "slower": []}}, tmp_path / "R.md")
    text = (tmp_path / "R.md").read_text()
    assert "Sweep: regime map" in text and "overhead per task" in text


def test_sweep_check_flags_a_different_table():
    recs = [{"method": "sweep.sweep_mc.inprocess", "library": "sweep", "label": "in-process",
             "suite": "sweep_mc", "size": 4, "status": "ok", "median": 1.0,
             "summary": {"backend": "in-process", "workers": 1, "tasks": 2, "points": 4,
                         "failed": 0, "digest": "a"}},
            {"method": "sweep.sweep_mc.dask2", "library": "sweep", "label": "dask",
             "suite": "sweep_mc", "size": 4, "status": "ok", "median": 1.0,
             "summary": {"backend": "dask", "workers": 2, "tasks": 2, "points": 4,
                         "failed": 0, "digest": "b"}}]
    analyse(recs)
    assert recs[0]["check"]["ok"] and not recs[1]["check"]["ok"]
    assert "DIFFERS" in recs[1]["check"]["text"]
