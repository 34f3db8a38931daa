"""The documentation under docs/ runs and says what the code does.

* every ```python example of every docs page is a doctest, run here (ELLIPSIS |
  NORMALIZE_WHITESPACE): the numbers in the docs are the code's output;
* docs/reference.md is what docs/_make_reference.py generates from the current
  docstrings and signatures (regenerate with ``.venv/bin/python docs/_make_reference.py``).
"""

import doctest
import importlib.util
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(p.name for p in DOCS.glob("*.md"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_pages_exist():
    for name in ("index.md", "tutorials.md", "howto.md", "reference.md", "discussion.md"):
        assert (DOCS / name).is_file(), name


@pytest.mark.parametrize("page", PAGES)
def test_page_examples(page):
    path = DOCS / page
    text = path.read_text(encoding="utf-8")
    result = doctest.testfile(str(path), module_relative=False, optionflags=FLAGS,
                              verbose=False)
    assert result.failed == 0, f"{page}: {result.failed} of {result.attempted} examples failed"
    if "```python" in text:
        assert result.attempted > 0, f"{page} has code blocks but no doctest examples"


@pytest.mark.parametrize("page", PAGES)
def test_code_blocks_are_doctests(page):
    """Every ```python block has `>>>` prompts and ends with a blank line (so doctest
    does not read the closing fence as expected output)."""
    text = (DOCS / page).read_text(encoding="utf-8")
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        assert block.lstrip().startswith(">>>"), f"{page}: python block without >>>:\n{block}"
        assert block.endswith("\n\n"), f"{page}: python block needs a blank line before ```"


def _generator():
    spec = importlib.util.spec_from_file_location("_make_reference",
                                                  DOCS / "_make_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_reference_is_up_to_date():
    expected = _generator().build()
    committed = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/reference.md is out of date: run .venv/bin/python docs/_make_reference.py")


def test_reference_lists_every_public_name():
    import gametheory as gt

    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- `([A-Za-z_][A-Za-z0-9_]*)", text, re.M)
    assert sorted(listed) == sorted(gt.__all__)


def test_reference_citation_parser():
    """The generator reads both numpy References entries and running-text citations."""
    gen = _generator()
    entries = gen._entries("Littlechild, S. C. & Owen, G. (1973). A simple expression. "
                           "*Management Science* 20:370–372. Schmeidler, D. (1969). The "
                           "nucleolus. *SIAM J. Appl. Math.* 17:1163–1170.")
    assert entries == ["Littlechild & Owen (1973, *Management Science* 20:370)",
                       "Schmeidler (1969, *SIAM J. Appl. Math.* 17:1163)"]
    assert gen._cites("as in Mankiw & Whinston (1986, RAND 17:48) and von Stengel 2002") == [
        "Mankiw & Whinston (1986, *RAND* 17:48)", "von Stengel (2002)"]
