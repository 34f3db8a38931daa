"""Generate docs/reference.md from the package's docstrings and signatures.

Run from the repository root::

    .venv/bin/python docs/_make_reference.py          # rewrite docs/reference.md
    .venv/bin/python docs/_make_reference.py --check  # exit 1 if it is out of date

Every name in ``gametheory.__all__`` gets one line: its signature, the first line of its
docstring, and the reference it rests on — the docstring's ``References`` section if it
has one, else the author–year citations in the docstring, else those of its module.
``tests/test_docs.py`` regenerates the page into a string and compares.
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "reference.md"

#: Layers, in the order of the page: (title, subpackage, one-line description).
LAYERS = (
    ("Coalitional games", "coalitional",
     "TU and cost games, their properties and solutions (engine)."),
    ("Non-cooperative games", "noncooperative",
     "Normal-form games, two-player mixed equilibria, entry games, Gambit I/O and "
     "conversions (engine)."),
    ("Host markets", "markets",
     "Cournot and Bertrand stages, homogeneous and differentiated, market power (engine)."),
    ("Dynamics and learning", "dynamics",
     "Replicator dynamics, their rest points and stability (numeric and sympy), finite "
     "populations, learning in games (engine)."),
    ("Models of the paper", "models",
     "The mechanisms M1–M5, the integrated comparison M0, entry modes by firm size and "
     "bargaining along the value chain (built on the engines)."),
)

#: Which module of a layer a name comes from -> sub-heading.
SECTIONS = {
    "allocation": "Results", "game": "Games", "properties": "Properties",
    "special": "Special games with closed forms", "values": "Values and allocation rules",
    "core": "Core, least core, balancedness", "lp": "Core, least core, balancedness",
    "nucleolus": "Nucleolus family",
    "normal_form": "Normal-form games", "bimatrix": "Two-player mixed equilibria",
    "entry": "Entry games", "modes": "Entry games with several modes",
    "gambit_io": "Gambit files", "convert": "Moving games to other libraries",
    "extensive": "Games in extensive form",
    "replicator": "Replicator dynamics", "stability": "Replicator dynamics",
    "moran": "Finite populations", "best_response": "Learning", "fictitious_play": "Learning",
    "logit": "Learning", "potential": "Potential games",
    "evolution": "Dynamics: the tripartite evolutionary game",
    "sequential_entry": "Dynamics: sequential entry",
    "cournot": "Homogeneous goods", "bertrand": "Homogeneous goods",
    "differentiated": "Differentiated goods", "power": "Market power",
    "symbolic": "Closed forms (sympy)",
    "cost_sharing": "M1 cost sharing", "risk_sharing": "M2 risk sharing",
    "agglomeration": "M3 agglomeration", "dissipation": "M4 dissipation",
    "information": "M5 information sharing", "cluster": "M0 cluster vs scattered",
    "entry_modes": "Entry modes by firm size", "bargaining": "Bargaining along the value chain",
    "value_chain": "Bargaining along the value chain",
    "assignment": "Assignment games",
    "co_investment": "Organisation: co-investment",
    "joint_ventures": "Organisation: joint ventures",
    "association": "Organisation: the association", "rnd": "Organisation: R&D",
    "subscription": "Organisation: voluntary contributions (free riding)",
    "real_options": "Dynamics: real options", "herding": "Dynamics: pioneers and herding",
    "capability": "Dynamics: capability building",
}

_NAME = r"(?:(?:von|van|de|d') )?[A-Z][A-Za-zÀ-ÿ'’\-]+"
_AUTHORS = rf"{_NAME}(?:(?:, | & | and ){_NAME})*(?: et al\.)?"
# In running text: "Schmeidler 1969", "Shapley (1953)", "Mankiw & Whinston (1986, RAND 17:48)",
# "Maschler, Peleg & Shapley (1979) *Math. Oper. Res.* 4:303".
_CITE = re.compile(
    rf"(?<![\w*])({_AUTHORS}),? \(?(1[89]\d\d|20\d\d)[a-z]?"
    r"(?:(?:, |\) )(?P<venue>\*?[A-Z][A-Za-z.&' ]*\*? ?\d+:\d+))?"
)
# In a numpy References section:
# "Littlechild, S. C. & Owen, G. (1973). Title. *Journal* 20:370–372."
_PERSON = rf"{_NAME}, (?:[A-Z]\. ?(?:-?[A-Z]\. ?)*)"
_ENTRY_HEAD = rf"(?:{_PERSON}(?:,? (?:&|and) |, )?)+(?:\(eds?\.\) )?\(\d{{4}}[a-z]?\)"
_ENTRY = re.compile(
    rf"(?P<auth>(?:{_PERSON}(?:,? (?:&|and) |, )?)+)(?:\(eds?\.\) )?\((?P<year>\d{{4}})[a-z]?\)"
    rf"(?P<rest>.*?)(?={_ENTRY_HEAD}|$)"
)
_VENUE = re.compile(r"\*([^*]+)\*,? (\d+):(\d+)|, ([A-Z][A-Za-z.&' ]+) (\d+):(\d+)")
_REFS = re.compile(r"^References\n-+\n(.*?)(?=\n\S[^\n]*\n-{3,}\n|\Z)", re.S | re.M)
_NOT_AUTHORS = {"ECONOMICS", "PEERS", "See", "Theorem", "Proposition", "Table", "Figure",
                "Section", "Example", "Examples", "Notes", "The", "In", "For", "With"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _join_names(names: list[str]) -> str:
    if len(names) > 3:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " & " + names[-1]


def _entries(text: str) -> list[str]:
    """Short citations of the entries of a References section."""
    out = []
    for m in _ENTRY.finditer(_one_line(text)):
        names = re.findall(rf"({_NAME}), [A-Z]\.", m.group("auth"))
        if not names:
            continue
        v = _VENUE.search(m.group("rest"))
        venue = ""
        if v:
            journal, vol, page = (v.group(1), v.group(2), v.group(3)) if v.group(1) else \
                (v.group(4), v.group(5), v.group(6))
            venue = f", *{journal.strip()}* {vol}:{page}"
        out.append(f"{_join_names(names)} ({m.group('year')}{venue})")
    return out


def _cites(text: str) -> list[str]:
    """Author–year citations in running ``text``, in order, without duplicates."""
    out, seen = [], set()
    for m in _CITE.finditer(_one_line(text)):
        authors, year = m.group(1), m.group(2)
        if authors.split()[0].rstrip(",") in _NOT_AUTHORS:
            continue
        venue = m.group("venue")
        if venue:
            venue = re.sub(r"^\*?([^*]*?)\*? ?(\d+:\d+)$", r"*\1* \2", venue.strip())
        cite = f"{authors} ({year}{', ' + venue if venue else ''})"
        if (authors, year) not in seen:
            seen.add((authors, year))
            out.append(cite)
    return out


def references(obj) -> str:
    """The reference(s) ``obj`` rests on, as one short line ("" if none is given).

    The docstring's References section, else the citations in its text; for the models
    (whose module docstring documents the model) the module's references as a fallback.
    """
    doc = inspect.getdoc(obj) or ""
    sec = _REFS.search(doc)
    found = (_entries(sec.group(1)) or _cites(sec.group(1))) if sec else []
    if not found:
        found = _cites(doc)
    suffix = ""
    module = sys.modules.get(getattr(obj, "__module__", "") or "")
    if not found and module is not None and module.__name__.startswith("gametheory.models"):
        mdoc = inspect.cleandoc(module.__doc__ or "")
        sec = _REFS.search(mdoc)
        found = (_entries(sec.group(1)) or _cites(sec.group(1))) if sec else _cites(mdoc)
        suffix = " (module docstring)"
    if not found:
        return ""
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return "; ".join(found[:3]) + more + suffix


def _param(p: inspect.Parameter) -> str:
    text = p.name
    if p.kind is p.VAR_POSITIONAL:
        text = "*" + text
    elif p.kind is p.VAR_KEYWORD:
        text = "**" + text
    if p.annotation is not p.empty:
        ann = p.annotation if isinstance(p.annotation, str) else inspect.formatannotation(
            p.annotation)
        text += f": {ann}"
    if p.default is not p.empty:
        default = p.default
        rep = repr(default)
        if isinstance(default, float):
            rep = f"{default:.6g}"
        elif isinstance(default, tuple) and len(rep) > 40:
            rep = "(…)"
        text += f" = {rep}" if p.annotation is not p.empty else f"={rep}"
    return text


def signature(obj) -> str:
    if not callable(obj):
        return f" = {obj!r}"
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return ""
    parts, star_done = [], False
    for p in sig.parameters.values():
        if p.name.startswith("_"):
            continue
        if p.kind is p.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if p.kind is p.VAR_POSITIONAL:
            star_done = True
        parts.append(_param(p))
    return "(" + ", ".join(parts) + ")"


#: Constants have no docstring of their own.
CONSTANT_DOCS = {
    "MAX_PLAYERS": "The largest number of players for which a game's 2^n table is built.",
}


def summary(obj, name: str = "") -> str:
    if not callable(obj):
        return CONSTANT_DOCS.get(name, "")
    doc = inspect.getdoc(obj)
    if not doc:
        return ""
    return _one_line(doc.split("\n\n")[0])


def kind(obj) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, Exception) else "class"
    return "function" if callable(obj) else "constant"


def build() -> str:
    import gametheory as gt

    lines = [
        "# Reference",
        "",
        "<!-- Generated by docs/_make_reference.py from the docstrings; do not edit by hand. -->",
        "",
        "Every public name of `gametheory` (`gt.__all__`, "
        f"{len(gt.__all__)} names), grouped by layer and module, one line each: the "
        "signature, the first line of the docstring, and the reference it rests on "
        "(“module” when the citation is in the module's docstring rather than the "
        "object's). The full docstring — formula, parameters, examples — is one "
        "`help(gt.NAME)` away.",
        "",
        "| layer | subpackage | what |",
        "|---|---|---|",
    ]
    for title, sub, what in LAYERS:
        lines.append(f"| [{title}](#{title.lower().replace(' ', '-')}) | `gametheory.{sub}` | "
                     f"{what} |")
    listed = set()
    for title, sub, what in LAYERS:
        pkg = getattr(gt, sub)
        lines += ["", f"## {title}", "", f"`gametheory.{sub}`: {what}"]
        groups: dict[str, list[str]] = {}
        for name in pkg.__all__:
            obj = getattr(gt, name)
            mod = getattr(obj, "__module__", None) or ""
            if not callable(obj):  # constants carry no module: file them with the games
                mod = f"gametheory.{sub}.game"
            section = SECTIONS.get(mod.rsplit(".", 1)[-1], "Other")
            groups.setdefault(section, []).append(name)
        for section, names in groups.items():
            lines += ["", f"### {section}", ""]
            for name in names:
                obj = getattr(gt, name)
                ref = references(obj)
                entry = f"- `{name}{signature(obj)}` ({kind(obj)}): {summary(obj, name)}"
                if ref:
                    entry += f" *Rests on:* {ref}."
                elif callable(obj):
                    entry += " *Rests on:* —"
                lines.append(entry)
                listed.add(name)
    missing = [n for n in gt.__all__ if n not in listed]
    if missing:
        raise RuntimeError(f"names of gametheory.__all__ not placed in a layer: {missing}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        if PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is out of date: run .venv/bin/python docs/_make_reference.py")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
