"""The documentation stands alone: no pointer leads outside the repository.

Every file of the repository that a user reads — README, contributor notes, docs/, the
notebooks, the package's docstrings, the benchmarks — may point only at files that are
in the repository: a Markdown link, or a path such as ``docs/models.md`` or
``tests/test_core.py::test_name``, must resolve, and the names of the project's old
outside notes and paths out of the repository (the pattern ``FORBIDDEN``) must not appear
at all. docs/theorems.md must
name tests that exist.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = re.compile(r"\b(ECONOMICS|PEERS|MISSION|ARCHITECTURE)\.md\b|\.\./shared\b|/work/")
TOP = ("docs", "tests", "gametheory", "benchmarks", "notebooks", "paper", ".ci")
TOP_FILES = ("README.md", "CONTRIBUTING.md", "Makefile", "pyproject.toml")
PATH = re.compile(r"(?<![\w./-])((?:%s)/[\w./-]*[\w])(?:::(\w+))?" % "|".join(
    re.escape(t) for t in TOP))
LINK = re.compile(r"\]\(([^)\s]+)\)")

def _files():
    out = [ROOT / f for f in ("README.md", "CONTRIBUTING.md")]
    out += sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "docs").glob("*.py"))
    out += sorted((ROOT / "notebooks").glob("*"))
    out += sorted((ROOT / "gametheory").rglob("*.py")) + sorted((ROOT / "gametheory").rglob(
        "*.toml"))
    out += sorted((ROOT / "benchmarks").glob("*.py")) + [ROOT / "benchmarks" / "README.md"]
    out += sorted((ROOT / "benchmarks" / "adapters").glob("*.py"))
    return [p for p in out if p.is_file() and p.suffix in (".md", ".py", ".toml", ".ipynb")]


def _text(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"])
    return path.read_text(encoding="utf-8")


def _exists(target: str, base: Path) -> bool:
    target = target.split("#", 1)[0].rstrip(".,;:)")
    if not target:
        return True
    if any(ch in target for ch in "*{}<>") or target.endswith("/"):
        return True  # a pattern, not a file
    if (base / target).exists() or (ROOT / target).exists():
        return True
    parent = (ROOT / target).parent  # a templated name such as results-{stamp}.json
    return parent.is_dir() and any(parent.glob(Path(target).name + "?*"))


def broken_references(path: Path) -> list[str]:
    text = _text(path)
    bad = [f"names {m.group(0)!r}" for m in FORBIDDEN.finditer(text)]
    # the pipeline's sources write their Markdown into paper/: their links are relative to it
    base = ROOT / "paper" if path.parent == ROOT / "gametheory" / "pipeline" else path.parent
    for m in LINK.finditer(text):
        target = m.group(1)
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue  # a URL or an anchor
        if not _exists(target, base):
            bad.append(f"links to missing {target!r}")
    for m in PATH.finditer(text):
        target, node = m.group(1), m.group(2)
        if not _exists(target, ROOT):
            bad.append(f"points to missing {target!r}")
        elif node and target.endswith(".py"):
            src = (ROOT / target).read_text(encoding="utf-8")
            if not re.search(rf"def {node}\(", src):
                bad.append(f"names missing test {target}::{node}")
    return bad


FILES = _files()
IDS = [str(p.relative_to(ROOT)) for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_reference_leaves_the_repository(path):
    bad = broken_references(path)
    assert not bad, f"{path.relative_to(ROOT)}: " + "; ".join(bad[:10])


def test_the_check_catches_outside_pointers(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("See " + "ECONOMICS" + ".md §4, [x](missing.md), `docs/nope.md`, "
                    "`tests/test_core.py::test_no_such_test` and " + "../" + "shared/"
                    + "PEERS" + ".md; "
                    "[ok](https://example.org) and `docs/models.md` are fine.")
    bad = broken_references(page)
    assert len(bad) == 6, bad


def test_theorem_page_names_every_identifier_once():
    text = (ROOT / "docs" / "theorems.md").read_text(encoding="utf-8")
    ids = re.findall(r"^\*\*([A-Z]+-\d+) —", text, re.M)
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    for block in re.split(r"^\*\*(?=[A-Z]+-\d+ —)", text, flags=re.M)[1:]:
        assert "Source" in block and "tests/" in block, block[:80]
