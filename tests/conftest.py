import matplotlib
import numpy as np
import pytest

import hypothesis_profiles  # noqa: F401  (registers and loads the hypothesis profile)

matplotlib.use("Agg")


@pytest.fixture
def rng():
    return np.random.default_rng(20261127)
