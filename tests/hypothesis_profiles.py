"""Hypothesis profiles of the suite, and per-test example counts scaled from them.

``make test`` loads ``default`` (reproducible: derandomized examples); ``make test-slow``
sets ``HYPOTHESIS_PROFILE=slow``: random examples, ten times as many; ``make mutate``
uses ``mutate`` (a third of the default, since every mutant reruns the tests). A test that needs
fewer (or more) examples than the profile gives uses :func:`examples`, never a fixed
``max_examples``, so that the slow profile scales it too.
"""

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("default", max_examples=60, derandomize=True, **_COMMON)
settings.register_profile("slow", max_examples=600, **_COMMON)
# mutation testing (tools/mutate.py) reruns a module's tests once per mutant: fewer examples
settings.register_profile("mutate", max_examples=20, derandomize=True, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(share: float, floor: int = 10) -> settings:
    """Settings that run ``share`` times the active profile's examples, at least ``floor``.

    ``@examples(0.5)`` runs 30 examples under ``make test`` and 300 under
    ``make test-slow``.
    """
    return settings(max_examples=max(floor, round(share * settings.default.max_examples)))
