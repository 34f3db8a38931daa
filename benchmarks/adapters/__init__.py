"""One module per library: how to build its game from the shared input and call it.

Each module defines ``LIBRARY`` (display name), ``DISTRIBUTION`` (for the version
shown in the report, ``None`` for baselines), ``MODULE`` (imported to test that the
library is installed) and ``METHODS``, a list of :class:`Method`.

A method is timed as ``solve(prepare(instance))``: ``prepare`` converts the shared
input into the library's own game object (timed separately, reported as set-up in
the raw JSON) and ``solve`` is the call being compared. When a library has to build
something large from the common input to answer at all (the ``2**n`` payoff table of
an entry game), that work is inside ``solve``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ADAPTERS = (
    "ours", "baselines", "coopgame_py", "tucoopy_", "coopgt_",
    "nashpy_", "pygambit_", "quantecon_", "sweep_", "egttools_", "cluster_", "policy_",
)


@dataclass(frozen=True)
class Method:
    """One solver of one library on one suite."""

    key: str                      #: unique id, e.g. ``"coopgame-py.nucleolus"``
    library: str                  #: display name of the library
    suite: str                    #: shapley, core, nucleolus, talmud, bimatrix, entry
    label: str                    #: column heading in the report
    solve: Callable[[Any], Any]
    summarize: Callable[[Any], Any]
    prepare: Callable[[Any], Any] = field(default=lambda inst: inst)
    max_size: int | None = None   #: sizes above this are not attempted (with reason)
    size_note: str = ""
    warmup_size: int | None = None  #: tiny instance solved first (JIT, caches) if set
    reference: bool = False       #: the suite's correctness reference
    cap: float | None = None      #: seconds per call if longer than the run's --cap
    min_calls: int = 1            #: calls made however long the first one takes


def load(name: str):
    return importlib.import_module(f"{__name__}.{name}")


def available(module) -> tuple[bool, str]:
    """(installed?, reason) for an adapter module."""
    try:
        importlib.import_module(module.MODULE)
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
        return False, f"{type(exc).__name__}: {exc}"
    return True, ""


def version(module) -> str:
    dist = getattr(module, "DISTRIBUTION", None)
    if dist is None:
        return getattr(module, "VERSION", "")
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def all_methods(names=ADAPTERS) -> dict[str, Method]:
    out = {}
    for name in names:
        mod = load(name)
        for m in mod.METHODS:
            out[m.key] = m
    return out


def module_of(method_key: str):
    for name in ADAPTERS:
        mod = load(name)
        if any(m.key == method_key for m in mod.METHODS):
            return mod
    raise KeyError(method_key)
