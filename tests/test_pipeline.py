"""The main job: every registered figure and table is produced from the default case."""

import csv

import pytest

from gametheory import pipeline


def test_registry_is_populated_and_products_are_named_uniquely():
    reg = pipeline.load()
    kinds = {p.kind for p in reg.values()}
    assert kinds == {"figure", "table", "text"}
    assert all(p.description for p in reg.values())


def test_run_writes_every_product(tmp_path):
    written = pipeline.run(tmp_path, verbose=False)
    reg = pipeline.load()
    for name, prod in reg.items():
        if prod.kind == "figure":
            for ext in ("pdf", "png"):
                path = tmp_path / "figures" / f"{name}.{ext}"
                assert path.stat().st_size > 1000, path
        elif prod.kind == "text":
            body = (tmp_path / f"{name}.md").read_text()
            assert body.startswith("# ") and len(body) > 500, name
        else:
            with open(tmp_path / "tables" / f"{name}.csv") as fh:
                rows = list(csv.reader(fh))
            assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), name
    manifest = (tmp_path / "MANIFEST.md").read_text()
    assert all(name in manifest for name in reg)
    per_kind = {"figure": 2, "table": 2, "text": 1}
    assert len(written) == sum(per_kind[p.kind] for p in reg.values()) + 1


def test_unknown_product_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown products"):
        pipeline.run(tmp_path, only=["no_such_figure"], verbose=False)
