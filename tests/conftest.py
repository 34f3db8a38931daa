import hypothesis_profiles  # noqa: F401  (registers and loads the hypothesis profile)
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")


@pytest.fixture
def rng():
    return np.random.default_rng(20261127)
