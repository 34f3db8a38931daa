"""The main job: every registered figure and table is produced from the default case, and
the committed files under paper/ are what ``make figures`` produces today.

The pipeline runs once per test session (module fixture) into a temporary folder; the
tests read that output.
"""

import csv
import hashlib
import re
from pathlib import Path

import matplotlib
import pytest

from gametheory import pipeline

PAPER = Path(__file__).resolve().parent.parent / "paper"
STALE = "run `make figures` and commit paper/"


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    out = tmp_path_factory.mktemp("paper")
    written = pipeline.run(out, verbose=False)
    return out, written


def _files(reg, name):
    """Paths (relative to paper/) that product ``name`` writes."""
    kind = reg[name].kind
    if kind == "figure":
        return [f"figures/{name}.pdf", f"figures/{name}.png"]
    if kind == "table":
        return [f"tables/{name}.csv", f"tables/{name}.md"]
    return [f"{name}.md"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _matplotlib_version_of(path: Path):
    """The matplotlib version recorded in a committed PDF (Creator) or PNG (tEXt Software)."""
    m = re.search(rb"Matplotlib (?:v|version)(\d[\w.]*)", path.read_bytes())
    return m.group(1).decode() if m else None


def test_registry_is_populated_and_products_are_named_uniquely():
    reg = pipeline.load()
    kinds = {p.kind for p in reg.values()}
    assert kinds == {"figure", "table", "text"}
    assert all(p.description for p in reg.values())


def test_registry_order_follows_modules_not_imports():
    """The registry (hence MANIFEST.md and the run order) is in the order of
    ``pipeline.MODULES`` even when a later module was imported first (a test or a notebook
    importing ``gametheory.pipeline.dynamics`` directly), so the manifest does not depend
    on what ran before."""
    reg = pipeline.load()
    modules = [p.func.__module__.rsplit(".", 1)[1] for p in reg.values()]
    ranks = [pipeline.MODULES.index(m) for m in modules]
    assert ranks == sorted(ranks)
    before = list(reg)
    for name in [n for n, m in zip(before, modules, strict=True) if m == modules[0]]:
        reg[name] = reg.pop(name)  # as if the first module had been imported last
    assert list(reg) != before and list(pipeline.load()) == before


def test_run_writes_every_product(produced):
    out, written = produced
    reg = pipeline.load()
    for name, prod in reg.items():
        if prod.kind == "figure":
            for ext in ("pdf", "png"):
                path = out / "figures" / f"{name}.{ext}"
                assert path.stat().st_size > 1000, path
        elif prod.kind == "text":
            body = (out / f"{name}.md").read_text()
            assert body.startswith("# ") and len(body) > 500, name
        else:
            with open(out / "tables" / f"{name}.csv") as fh:
                rows = list(csv.reader(fh))
            assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), name
    manifest = (out / "MANIFEST.md").read_text()
    assert all(name in manifest for name in reg)
    per_kind = {"figure": 2, "table": 2, "text": 1}
    assert len(written) == sum(per_kind[p.kind] for p in reg.values()) + 1


def test_committed_tables_and_text_are_current(produced):
    """Every table (CSV and Markdown), text and the manifest under paper/ equals, byte for
    byte, what the pipeline writes today; no table in paper/tables lacks a producer."""
    out, _ = produced
    reg = pipeline.load()
    wanted = ["MANIFEST.md"] + [f for name, p in reg.items() if p.kind != "figure"
                                for f in _files(reg, name)]
    stale = [f for f in wanted
             if not (PAPER / f).is_file() or (PAPER / f).read_bytes() != (out / f).read_bytes()]
    orphans = sorted(str(p.relative_to(PAPER)) for p in (PAPER / "tables").glob("*")
                     if str(p.relative_to(PAPER)) not in wanted)
    assert not stale and not orphans, (
        f"{STALE}: stale or missing {stale}; no longer produced {orphans}")


def test_committed_figures_are_current(produced):
    """Every figure (PDF and PNG) under paper/figures has the content hash of what the
    pipeline draws today. The files are byte-reproducible (no timestamps) for a given
    matplotlib version, so the comparison is made only when the committed files were drawn
    by the installed version (recorded in the files); otherwise it is skipped, saying so."""
    out, _ = produced
    reg = pipeline.load()
    wanted = [f for name, p in reg.items() if p.kind == "figure" for f in _files(reg, name)]
    missing = [f for f in wanted if not (PAPER / f).is_file()]
    orphans = sorted(str(p.relative_to(PAPER)) for p in (PAPER / "figures").glob("*")
                     if str(p.relative_to(PAPER)) not in wanted)
    assert not missing and not orphans, (
        f"{STALE}: missing {missing}; no longer produced {orphans}")
    versions = {_matplotlib_version_of(PAPER / f) for f in wanted}
    if versions != {matplotlib.__version__}:
        pytest.skip(f"paper/figures drawn by matplotlib {sorted(map(str, versions))}, "
                    f"installed {matplotlib.__version__}: byte comparison not meaningful")
    stale = [f for f in wanted if _sha256(PAPER / f) != _sha256(out / f)]
    assert not stale, f"{STALE}: figures differ from today's pipeline: {stale}"


def test_unknown_product_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown products"):
        pipeline.run(tmp_path, only=["no_such_figure"], verbose=False)


def test_parallel_run_matches_serial_run_byte_for_byte(produced, tmp_path):
    """Products made by worker processes (the default run, ``jobs=2``) are the files a serial
    run writes, for a figure, a table, a text and a group sharing cached helpers."""
    out, _ = produced
    names = ["m1_cost_shares", "tab_dissipation", "results_organisation", "fig_policy_subsidy"]
    written = pipeline.run(tmp_path, only=names, verbose=False, jobs=1)
    assert written
    for path in written:
        rel = path.relative_to(tmp_path)
        assert _sha256(path) == _sha256(out / rel), rel


def test_workers_use_the_run_case(tmp_path):
    """With a case file, worker processes make the products of that case (not the default)
    and write what a serial run writes."""
    import csv as _csv

    import gametheory as gt

    case = tmp_path / "case.toml"
    case.write_text("[cluster]\nF = 90.0\n")
    names = ["tab_dissipation", "tab_cluster_regimes"]
    par = pipeline.run(tmp_path / "par", only=names, verbose=False, case=case, jobs=2)
    ser = pipeline.run(tmp_path / "ser", only=names, verbose=False, case=case, jobs=1)
    assert [_sha256(p) for p in par] == [_sha256(p) for p in ser]
    with open(tmp_path / "par" / "tables" / "tab_dissipation.csv") as fh:
        rows = list(_csv.reader(fh))
    want = gt.ClusterVsScattered(F=90.0).dissipation_model().solve(0.0)
    assert int(rows[1][1]) == want.m_free and int(rows[1][3]) == want.m_cluster


@pytest.mark.parametrize("jobs", [0, -2, 1.5, "two"])
def test_bad_jobs_is_a_clear_error(tmp_path, jobs):
    with pytest.raises(ValueError, match=r"\bjobs\b"):
        pipeline.run(tmp_path, only=["tab_dissipation"], verbose=False, jobs=jobs)


def test_lean_font_subsets_keep_the_glyphs_and_restore_fonttools(tmp_path):
    """PDFs saved inside ``lean_font_subsets`` embed TrueType subsets without layout tables,
    with the same text as a default save; fontTools' defaults are restored afterwards (also
    after an error inside the block)."""
    import matplotlib.pyplot as plt
    from fontTools import subset

    from gametheory.plotting.style import LAYOUT_TABLES, lean_font_subsets, paper_style

    init = subset.Options.__init__
    fig, ax = plt.subplots()
    ax.set_title(r"gain $V_C - V_U$ of the cluster")
    with paper_style():
        fig.savefig(tmp_path / "default.pdf", metadata={"CreationDate": None})
        with lean_font_subsets():
            assert set(LAYOUT_TABLES) <= set(subset.Options().drop_tables)
            fig.savefig(tmp_path / "lean.pdf", metadata={"CreationDate": None})
    plt.close(fig)
    assert subset.Options.__init__ is init
    assert "GSUB" not in subset.Options().drop_tables
    with pytest.raises(RuntimeError), lean_font_subsets():
        raise RuntimeError("inside")
    assert subset.Options.__init__ is init
    lean, default = (tmp_path / "lean.pdf").read_bytes(), (tmp_path / "default.pdf").read_bytes()
    assert b"/FontFile2" in lean and b"/Type3" not in lean  # TrueType, never Type 3
    assert len(lean) < len(default)
