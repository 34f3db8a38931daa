"""Run one benchmark case: ``python -m benchmarks.worker '<json spec>'``.

The spec names a method (``adapters.Method.key``), a suite, a size and a seed. The
worker prints one JSON object per line as it goes (``import``, ``warmup``, ``setup``,
one ``call`` per timed call, ``result`` after the first call, ``done``), so that the
parent can enforce a time cap on every single call and keep what finished.

Repeats: a call slower than 5 s is made once; slower than 1 s, three times; faster
calls are repeated until 15 calls or (at least 5 calls and 1.5 s in total).
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
import traceback
import warnings

from . import adapters, instances

MAX_CALLS = 15


def _calls_wanted(first: float, max_calls: int) -> int:
    if first > 5.0:
        return 1
    if first > 1.0:
        return min(3, max_calls)
    return max_calls


def run_case(spec: dict, emit) -> None:
    """Run the case described by ``spec``, reporting events through ``emit(dict)``."""
    key, suite, size = spec["method"], spec["suite"], int(spec["size"])
    seed = int(spec.get("seed", 0))
    max_calls = int(spec.get("max_calls", MAX_CALLS))
    try:
        method = adapters.all_methods()[key]
        mod = adapters.module_of(key)
        t0 = time.perf_counter()
        importlib.import_module(mod.MODULE)
        emit({"ev": "import", "t": time.perf_counter() - t0})
        if method.warmup_size is not None:
            tiny = instances.make(suite, method.warmup_size, seed)
            t0 = time.perf_counter()
            method.solve(method.prepare(tiny))
            emit({"ev": "warmup", "t": time.perf_counter() - t0})
        inst = instances.make(suite, size, seed)
        t0 = time.perf_counter()
        obj = method.prepare(inst)
        emit({"ev": "setup", "t": time.perf_counter() - t0})
        total, count, wanted = 0.0, 0, max_calls
        while count < wanted:
            t0 = time.perf_counter()
            raw = method.solve(obj)
            dt = time.perf_counter() - t0
            count += 1
            total += dt
            emit({"ev": "call", "t": dt})
            if count == 1:
                emit({"ev": "result", "summary": method.summarize(raw)})
                wanted = max(_calls_wanted(dt, max_calls), min(method.min_calls, max_calls))
            del raw
            if count >= max(5, method.min_calls) and total >= 1.5:
                break
    except Exception as exc:  # noqa: BLE001 - every failure is a result to report
        tb = traceback.format_exc(limit=3)
        emit({"ev": "error", "error": f"{type(exc).__name__}: {exc}"[:500], "traceback": tb})
    emit({"ev": "done",
          "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0})


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    spec = json.loads(argv[0])
    warnings.simplefilter("ignore")

    def emit(ev):
        sys.stdout.write(json.dumps(ev) + "\n")
        sys.stdout.flush()

    run_case(spec, emit)


if __name__ == "__main__":
    main()
