"""The ``gametheory`` command line and case files.

``solve`` prints what the library computes for the case; ``sweep`` writes the table a
direct ``gametheory.sweep.grid`` call gives; ``figures --case`` threads the case into the
pipeline (a changed parameter changes the table it feeds, and the default case file
reproduces the built-in defaults exactly); case files are validated with errors that
name the section and key.
"""

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gametheory as gt
from gametheory import cli, pipeline, sweep
from gametheory.cases import SECTIONS, default_case, load_case

ROOT = Path(__file__).resolve().parent.parent


def _write(tmp_path, text, name="case.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_default_case_reproduces_the_built_in_defaults():
    """The default case file holds the models' defaults and gives a source for every value."""
    case = default_case()
    assert case.cluster() == gt.ClusterVsScattered()
    for section in SECTIONS:
        vals, srcs = case.section(section), case.sources(section)
        if section != "case":
            assert vals and set(srcs) == set(vals), section
            assert all(isinstance(s, str) and len(s) > 3 for s in srcs.values())
    from gametheory.pipeline.dissipation import DEFAULT_DISSIPATION

    # figure C and its table live in the world of the cluster section (one world)
    assert DEFAULT_DISSIPATION == gt.ClusterVsScattered().dissipation_model()


def test_case_file_overrides_only_what_it_gives(tmp_path):
    path = _write(tmp_path, '[case]\nname = "test"\n\n[cluster]\n'
                  'F = { value = 80.0, source = "survey, table 3" }\nk = 3\n')
    case = load_case(path)
    assert case.name == "test"
    assert case.cluster() == gt.ClusterVsScattered(F=80.0, k=3)
    assert case.sources("cluster")["F"] == "survey, table 3"
    assert "k" not in case.sources("cluster")  # a bare value has no source
    assert case.sources("cluster")["a"] == default_case().sources("cluster")["a"]


@pytest.mark.parametrize("body, culprit", [
    ("[cluster]\nF = -3.0\n", r"\[cluster\] F\b"),
    ("[cluster]\nFx = 1.0\n", r"\bFx\b"),
    ("[clusters]\nF = 1.0\n", r"\[clusters\]"),
    ("[cluster]\nk = 2.5\n", r"\bk\b"),
    ('[cluster]\nF = { value = 1.0, unit = "USD" }\n', r"\bF\b"),
    ("[sensitivity]\nbounds = { zz = [1.0, 2.0] }\n", r"\bzz\b"),
    ("[sensitivity]\nbounds = { F = [2.0, 1.0] }\n", r"bounds\.F\b"),
    ('[sensitivity]\noutput = "regime"\n', r"\boutput\b"),
    ("[cost_sharing]\nK = [1.0, 2.0]\n", r"\[cost_sharing\]"),
    ("[cluster\nF = 1\n", r"not valid TOML"),
])
def test_bad_case_files_name_the_key(tmp_path, body, culprit):
    with pytest.raises(ValueError, match=culprit):
        load_case(_write(tmp_path, body))


def test_missing_case_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        load_case(tmp_path / "nope.toml")


def test_solve_prints_the_headline_answers(tmp_path, capsys):
    path = _write(tmp_path, "[cluster]\ns = 0.6\n")
    assert cli.main(["solve", "--case", str(path)]) == 0
    out = capsys.readouterr().out
    res = gt.ClusterVsScattered(s=0.6).solve()
    assert f"regime:               {res.regime}" in out
    assert f"scattered entry m_U:  {res.scattered.m} entrants" in out
    assert f"cluster entry m_C:    {res.cluster.m} entrants" in out
    assert f"equilibrium cluster:  {len(res.cluster.members)} members" in out
    assert f"{res.gain:,.2f}".replace("-", "−") in out
    for name, x in zip(gt.MECHANISMS, res.decomposition):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(name))
        assert f"{float(x):,.2f}".replace("-", "−") in line


def test_sweep_writes_the_grid_table(tmp_path):
    out = tmp_path / "grid.csv"
    rc = cli.main(["sweep", "--grid", "F=20:200:3", "--grid", "k=1:2:2", "--out", str(out),
                   "--quiet"])
    assert rc == 0
    got = pd.read_csv(out)
    want = sweep.grid(gt.ClusterVsScattered(), {"F": np.linspace(20, 200, 3), "k": [1, 2]},
                      method=sweep.targets.headline, progress=False).frame
    assert list(got["k"]) == [1, 2, 1, 2, 1, 2]
    np.testing.assert_allclose(got["gain"], want["gain"], rtol=1e-12)
    assert list(got["regime"]) == list(want["regime"])


@pytest.mark.parametrize("argv, culprit", [
    (["sweep", "--grid", "Fx=1:2:2", "--out", "x.csv"], "Fx"),
    (["sweep", "--grid", "F=1:2:0", "--out", "x.csv"], "F"),
    (["sweep", "--grid", "F=1:2:2", "--out", "x.txt"], "--out"),
    (["solve", "--case", "/no/such/case.toml"], "does not exist"),
])
def test_cli_errors_are_one_line(tmp_path, capsys, argv, culprit):
    argv = [a if a != "x.csv" and a != "x.txt" else str(tmp_path / a) for a in argv]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("gametheory: error:") and culprit in err
    assert "Traceback" not in err


def test_help_explains_each_option():
    for sub in ("figures", "solve", "sweep", "case"):
        proc = subprocess.run([sys.executable, "-m", "gametheory", sub, "--help"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "--case" in proc.stdout
    text = subprocess.run([sys.executable, "-m", "gametheory", "sweep", "--help"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120).stdout
    for opt in ("--grid", "--out", "--outputs", "--jobs", "--scheduler"):
        assert opt in text


def test_figures_uses_the_case(tmp_path):
    """``figures --case`` feeds the case to the producers; afterwards the default is back."""
    path = _write(tmp_path, "[cluster]\nF = 90.0\n")
    assert cli.main(["figures", "--case", str(path), "--out", str(tmp_path / "p"),
                     "--only", "tab_dissipation"]) == 0
    with open(tmp_path / "p" / "tables" / "tab_dissipation.csv") as fh:
        rows = list(csv.reader(fh))
    want = gt.ClusterVsScattered(F=90.0).dissipation_model().solve(0.0)
    assert int(rows[1][1]) == want.m_free and int(rows[1][3]) == want.m_cluster
    pipeline.run(tmp_path / "d", only=["tab_dissipation"], verbose=False)
    from gametheory.pipeline import dissipation

    assert dissipation.DEFAULT_DISSIPATION.F == 60.0  # the default case is back
    with open(tmp_path / "d" / "tables" / "tab_dissipation.csv") as fh:
        assert int(list(csv.reader(fh))[1][3]) == dissipation.DEFAULT_DISSIPATION.solve().m_cluster


def test_case_command_lists_sources(capsys):
    assert cli.main(["case"]) == 0
    out = capsys.readouterr().out
    assert "[cluster]" in out and "sigma2 = 200.0   # prototype case" in out
