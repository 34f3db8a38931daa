"""Every notebook in notebooks/ runs top to bottom in a fresh kernel and shows what it computes.

* no cell's output is an error, and nothing is written to stderr (warnings, progress
  bars left on) — a reader sees only what the cell means to show;
* every cell meant to draw (it calls a ``plot_…`` figure function or builds a figure with
  ``plt.subplots`` / ``plt.figure``) has an image among its outputs: a figure that is
  computed but never displayed is a failure (as happens when an inline backend first
  activated inside ``rc_context`` drops later figures).
"""

import os
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
DRAWS = re.compile(r"\bplot_\w+\(|plt\.(subplots|figure)\(")


def _draws(source: str) -> bool:
    code = "\n".join(line.split("#", 1)[0] for line in source.splitlines())
    return bool(DRAWS.search(code))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_shows_its_figures(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    # a fresh kernel as a user gets it: Jupyter's inline backend, not the Agg backend the
    # test run may set for itself through MPLBACKEND
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    client.execute(env=env)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outputs = cell.get("outputs", [])
        for out in outputs:
            assert out.output_type != "error", (
                f"{path.name} cell {i} raised {out.get('ename')}: {out.get('evalue')}")
            if out.output_type == "stream":
                assert out.name != "stderr", (
                    f"{path.name} cell {i} wrote to stderr (a warning?):\n{out.text[:500]}")
        if _draws(cell.source):
            images = [o for o in outputs if o.output_type in ("display_data", "execute_result")
                      and "image/png" in o.get("data", {})]
            assert images, (f"{path.name} cell {i} draws a figure but displays none:\n"
                            f"{cell.source[:300]}")


def test_draw_detection():
    assert _draws("fig = plot_sharing_regions(panels, g, p, REGIONS)")
    assert _draws("fig, ax = plt.subplots(1, 2)")
    assert not _draws("from gametheory.plotting.cluster import plot_regime_map")
    assert not _draws("# plt.subplots() in a comment")
