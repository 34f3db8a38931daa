"""The suite keeps its own rules: property tests scale with the hypothesis profile, and
tests name theorems by the project's identifiers, not by outside documents."""

import re
from pathlib import Path

from hypothesis import settings

TESTS = Path(__file__).resolve().parent
SOURCES = sorted(p for p in TESTS.glob("*.py") if p.name != "test_suite_hygiene.py")


def test_slow_profile_runs_ten_times_the_examples():
    default = settings.get_profile("default").max_examples
    assert settings.get_profile("slow").max_examples == 10 * default


def test_no_fixed_example_counts():
    """A fixed ``max_examples`` ignores ``make test-slow``; use hypothesis_profiles.examples."""
    fixed = [f"{p.name}:{i}" for p in SOURCES if p.name != "hypothesis_profiles.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"max_examples\s*=\s*\d", line)]
    assert not fixed, fixed


def test_no_pointers_outside_the_repository():
    """No outside theorem numbers ("T12") in docstrings or comments, no pointers to files
    outside this repository."""
    bad = []
    for p in SOURCES:
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            code = line.lstrip()
            if code.startswith("def "):
                continue  # test names are referenced from docs/theorems.md; kept as they are
            if re.search(r"\bT\d{1,2}\b|ECONOMICS\.md|PEERS\.md|\.\./shared|modelling caution",
                         line):
                bad.append(f"{p.name}:{i}: {code[:80]}")
    assert not bad, bad
