"""Side-by-side benchmarks of gametheory against the peer libraries.

Run from the repository root with ``make bench`` (or ``python -m benchmarks.run``);
results go to ``benchmarks/README.md`` and ``benchmarks/results/``.

Layout
------
``instances``  seeded inputs shared by every library (one generator per suite);
``adapters/``  one module per library: how to build its game and call its solver;
``worker``     runs one (library, method, size) case in a subprocess and streams timings;
``run``        the orchestrator: per-call time cap, correctness checks, report.
"""
