"""The ``>>>`` examples in the package's docstrings run and print what they say (doctest).

Every module of ``gametheory`` is collected (``__main__`` modules excepted: importing them
runs a program), and its examples are run with ELLIPSIS | NORMALIZE_WHITESPACE, the
flags of the README and docs tests.
"""

import doctest
import importlib
import pkgutil

import matplotlib
import pytest

import gametheory

matplotlib.use("Agg")

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
MODULES = sorted(info.name for info in pkgutil.walk_packages(gametheory.__path__, "gametheory.")
                 if not info.name.endswith("__main__"))


def _examples(name):
    mod = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(mod) if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name):
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in _examples(name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_examples_are_collected():
    """The collection finds the package's examples (27 when this test was written)."""
    total = sum(len(t.examples) for name in MODULES for t in _examples(name))
    assert total >= 27
    assert "gametheory.coalitional.nucleolus" in MODULES
