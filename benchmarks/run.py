"""Side-by-side benchmarks: ``python -m benchmarks.run`` (``make bench``).

Every (library, method, size) case runs in its own subprocess (``benchmarks.worker``)
on the same seeded input (``benchmarks.instances``); the parent enforces a time cap on
every single call (a call that takes longer is killed and reported as ``> cap``) and
skips the larger sizes of a method that hit the cap. Cases run one after another,
sizes interleaved across libraries, so all libraries see the same machine load.

Outputs: raw JSON in ``benchmarks/results/`` and the Markdown report
``benchmarks/README.md`` (medians, ratios peer/ours, correctness, the machine,
library versions, the targets of issues 2 and 3 with a plain verdict).

Options: ``--quick`` (smallest sizes only), ``--max-size N``, ``--libs ours,numpy,...`` (restrict to
libraries), ``--suites shapley,core,...``, ``--cap SECONDS``, ``--inline`` (run in
this process, no cap: for the smoke test), ``--out DIR``, ``--readme PATH``,
``--merge JSON`` (replace only the suites run now in an earlier raw result, e.g.
``benchmarks/results/results-full.json``, and report on the merged records).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from . import adapters
from .report import analyse, write_readme

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

SUITES = ("shapley", "core", "nucleolus", "thin_core", "thin_nucleolus", "empty_core",
          "talmud", "bimatrix", "entry", "assignment", "sweep_map", "sweep_mc",
          "tripartite_sym", "replicator_batch", "fixation", "cluster_map", "cluster_map_sym",
          "figures", "policy")

SIZES = {
    "shapley": [8, 12, 16, 18, 20, 22],
    "core": [8, 12, 16, 18, 20, 22],
    "nucleolus": [8, 12, 16, 18, 20, 22],
    "thin_core": [8, 12, 16, 18, 20, 22],
    "thin_nucleolus": [8, 12, 16, 18, 20, 22],
    "empty_core": [8, 12, 16, 18, 20, 22],
    "talmud": [100, 200, 300],
    "bimatrix": [4, 6, 8, 10, 12],
    "entry": [8, 12, 16, 18, 20, 24],
    "assignment": [50, 100, 200, 500],
    "sweep_map": [50, 200],      # side of the grid: 50 × 50 and 200 × 200 points
    "sweep_mc": [100, 1000],     # Monte Carlo draws of 20-firm clusters
    "tripartite_sym": [13, 24],
    "replicator_batch": [100, 1000, 10000],
    "fixation": [10, 100, 1000],
    "cluster_map": [20, 50, 200],      # side of the grid of the model's own regime_map
    "cluster_map_sym": [20, 50, 200],
    "figures": [1],                    # one run of `python -m gametheory figures`
    "policy": [1, 2, 3, 4, 5, 6],  # instruments optimised together (20-firm cluster)
}
QUICK_SIZES = {"shapley": [8], "core": [8], "nucleolus": [8], "thin_core": [8],
               "thin_nucleolus": [8], "empty_core": [8], "talmud": [200],
               "bimatrix": [4], "entry": [8], "assignment": [50], "sweep_map": [6],
               "sweep_mc": [6], "tripartite_sym": [13], "replicator_batch": [20],
               "fixation": [10], "cluster_map": [4], "cluster_map_sym": [4], "figures": [1],
               "policy": [1]}

#: Above these sizes only our own methods run (plus the Shapley peers, which are fast).
OURS_ONLY_ABOVE = {"core": 20, "nucleolus": 20, "thin_core": 20, "thin_nucleolus": 20,
                   "empty_core": 20}

#: Suites whose size is a number of players / actions (``--max-size`` applies to these).
_BY_PLAYERS = {"shapley", "core", "nucleolus", "thin_core", "thin_nucleolus", "empty_core",
               "bimatrix", "entry"}

DEFAULT_CAP = 20.0
#: Extra allowance for a worker's start (imports, numba compilation, game set-up).
STARTUP_ALLOWANCE = 60.0

#: Methods whose worker builds the dense 2**n payoff table of an entry game.
_DENSE_ENTRY = {"numpy.entry_dense", "quantecon.pure_nash_brute", "pygambit.enumpure",
                "ours.entry_normal_form"}


# --------------------------------------------------------------------------- machine
def machine_info() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gib": round(_meminfo("MemTotal") / 2**30, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
    }


def _meminfo(field: str) -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1]) * 1024
    except OSError:
        pass
    return float("inf")


def _dense_bytes(n: int) -> float:
    """Rough peak memory of building and checking the dense entry table."""
    return 3.0 * 8 * n * 2.0**n


# --------------------------------------------------------------------------- running
def run_subprocess(spec: dict, cap: float) -> list[dict]:
    """Run one case in a worker; kill it when one call exceeds ``cap`` seconds."""
    err = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.worker", json.dumps(spec)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()

    def reader():
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    events: list[dict] = []
    started = False
    while True:
        wait = cap if started else STARTUP_ALLOWANCE + cap
        try:
            line = lines.get(timeout=wait)
        except queue.Empty:
            _kill(proc)
            events.append({"ev": "timeout", "after": wait,
                           "phase": "call" if started else "start-up"})
            break
        if line is None:
            break
        try:
            ev = json.loads(line)
        except json.JSONDecodeError:
            continue
        events.append(ev)
        if ev["ev"] in ("setup", "call", "result"):
            started = True
    rc = proc.wait()
    if rc != 0 and not any(e["ev"] in ("timeout", "error") for e in events):
        err.seek(0)
        tail = err.read()[-400:]
        events.append({"ev": "error", "error": f"worker exited with code {rc}: {tail}"})
    err.close()
    return events


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker's own process group
    except ProcessLookupError:
        pass


def run_inline(spec: dict) -> list[dict]:
    from .worker import run_case

    events: list[dict] = []
    run_case(spec, events.append)
    return events


def summarise_events(events: list[dict], cap: float) -> dict:
    times = [e["t"] for e in events if e["ev"] == "call"]
    rec: dict = {"times": times}
    for e in events:
        if e["ev"] in ("import", "warmup", "setup"):
            rec[e["ev"]] = e["t"]
        elif e["ev"] == "result":
            rec["summary"] = e["summary"]
        elif e["ev"] == "done":
            rec["maxrss_mb"] = e["maxrss_mb"]
        elif e["ev"] == "error":
            rec["error"] = e["error"]
    timeout = next((e for e in events if e["ev"] == "timeout"), None)
    if times:
        rec["median"] = float(np.median(times))
        rec["first"] = times[0]
    if "error" in rec:
        rec["status"] = "error"
    elif timeout is not None and not times:
        rec["status"] = "timeout"
        rec["phase"] = timeout["phase"]
    else:
        rec["status"] = "ok" if times else "error"
        if timeout is not None:  # a repeat hit the cap after a first call finished
            rec["note"] = "a repeated call exceeded the cap"
    rec["cap"] = cap
    return rec


def plan(suites, libs, quick: bool, methods: dict, max_size=None) -> list[tuple[str, int, str]]:
    sizes = QUICK_SIZES if quick else SIZES
    out = []
    for suite in suites:
        for size in sizes[suite]:
            if max_size is not None and suite in _BY_PLAYERS and size > max_size:
                continue
            for key, m in methods.items():
                if m.suite != suite:
                    continue
                if libs is not None and m.library not in libs:
                    continue
                out.append((suite, size, key))
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smallest sizes only")
    ap.add_argument("--suites", default=",".join(SUITES))
    ap.add_argument("--libs", default=None,
                    help="comma-separated libraries (ours, numpy, scipy, coopgame-py, "
                         "tucoopy, coopgt, nashpy, pygambit, quantecon, sweep, cluster, policy); "
                         "default all")
    ap.add_argument("--cap", type=float, default=DEFAULT_CAP, help="seconds per call")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-size", type=int, default=None,
                    help="skip sizes above this (players / actions); for trial runs")
    ap.add_argument("--inline", action="store_true",
                    help="run every case in this process (no time cap)")
    ap.add_argument("--out", default=str(HERE / "results"))
    ap.add_argument("--readme", default=str(HERE / "README.md"),
                    help="Markdown report to write ('' for none)")
    ap.add_argument("--merge", metavar="JSON", default=None,
                    help="merge the suites run now into this earlier raw result and report "
                         "on the merged records")
    ap.add_argument("--report-only", metavar="JSON", default=None,
                    help="rewrite the report from saved raw results, without running")
    args = ap.parse_args(argv)
    if args.report_only:
        result = json.loads(Path(args.report_only).read_text())
        result["analysis"] = analyse(result["records"], seed=result["meta"]["seed"])
        Path(args.report_only).write_text(json.dumps(result, indent=1, default=float))
        if args.readme:
            write_readme(result, Path(args.readme))
        return result

    suites = [s for s in args.suites.split(",") if s]
    for s in suites:
        if s not in SUITES:
            ap.error(f"unknown suite {s!r}; choose from {', '.join(SUITES)}")
    libs = None if args.libs is None else set(args.libs.split(","))
    methods = adapters.all_methods()
    mods = {name: adapters.load(name) for name in adapters.ADAPTERS}
    lib_status = {}
    for mod in mods.values():
        ok, why = adapters.available(mod)
        lib_status[mod.LIBRARY] = {"available": ok, "reason": why,
                                   "version": adapters.version(mod) if ok else ""}
    avail = {}
    for key in methods:
        mod = adapters.module_of(key)
        avail[key] = adapters.available(mod)

    started = time.time()
    records: list[dict] = []
    failed_at: dict[str, tuple[int, str]] = {}
    cases = plan(suites, libs, args.quick, methods, args.max_size)
    for i, (suite, size, key) in enumerate(cases, 1):
        m = methods[key]
        rec = {"method": key, "library": m.library, "label": m.label, "suite": suite,
               "size": size}
        ok, why = avail[key]
        if not ok:
            rec.update(status="unavailable", reason=f"not installed ({why})")
        elif m.max_size is not None and size > m.max_size:
            rec.update(status="skipped", reason=m.size_note or f"not run above {m.max_size}")
        elif (suite in OURS_ONLY_ABOVE and size > OURS_ONLY_ABOVE[suite]
              and m.library != "ours"):
            rec.update(status="skipped", reason="peers not run at this size")
        elif key in failed_at:
            at, what = failed_at[key]
            rec.update(status="skipped", reason=f"{what} at size {at}")
        elif (suite == "entry" and key in _DENSE_ENTRY
              and _dense_bytes(size) > 0.5 * _meminfo("MemAvailable")):
            rec.update(status="skipped",
                       reason=f"dense table needs ~{_dense_bytes(size) / 2**30:.1f} GiB")
        else:
            spec = {"method": key, "suite": suite, "size": size, "seed": args.seed}
            cap = max(args.cap, m.cap or 0.0)
            events = run_inline(spec) if args.inline else run_subprocess(spec, cap)
            if not args.inline and not any(e["ev"] == "import" for e in events):
                # the worker died before importing anything (e.g. a source file being
                # edited at that moment): one retry, recorded in the raw results
                time.sleep(2)
                events = run_subprocess(spec, cap)
                rec["note"] = "worker restarted once after failing at start-up"
            rec.update(summarise_events(events, cap))
            if rec["status"] == "timeout":
                failed_at[key] = (size, f"> {args.cap:g} s cap")
        records.append(rec)
        shown = (f"{rec['median']:.4g} s" if "median" in rec
                 else rec["status"] + (f" ({rec.get('error', rec.get('reason', ''))})"
                                       if rec["status"] != "timeout" else ""))
        print(f"[{i}/{len(cases)}] {suite:9s} {size:>4} {key:32s} {shown[:120]}",
              flush=True)

    elapsed = time.time() - started
    meta = {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "libraries": lib_status,
        "cap_s": args.cap,
        "seed": args.seed,
        "quick": args.quick or args.max_size is not None,
        "inline": args.inline,
        "elapsed_s": elapsed,
        "command": "python -m benchmarks.run " + " ".join(argv if argv is not None
                                                          else sys.argv[1:]),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = "quick" if args.quick or args.max_size else "full"
    target = out / f"results-{stamp}.json"
    if args.merge:
        old = json.loads(Path(args.merge).read_text())
        ran = set(suites)
        records = [r for r in old["records"] if r["suite"] not in ran] + records
        updates = old["meta"].get("updates", []) + [
            {"date": meta["date"], "suites": sorted(ran), "elapsed_s": elapsed,
             "command": meta["command"]}]
        meta = {**old["meta"], "updates": updates,
                "libraries": {**old["meta"]["libraries"], **lib_status}}
        target = Path(args.merge)
    analysis = analyse(records, seed=args.seed)
    result = {"meta": meta, "records": records, "analysis": analysis}
    target.write_text(json.dumps(result, indent=1, default=float))
    if args.readme:
        write_readme(result, Path(args.readme))
    print(f"done in {elapsed:.0f} s; raw results in {out}", flush=True)
    return result


if __name__ == "__main__":
    main()
