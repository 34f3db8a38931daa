"""Optional dependencies: import on first use, or say which package to install."""

from __future__ import annotations

import importlib


def optional_import(module: str, package: str | None = None, purpose: str = ""):
    """Import ``module``; if it is absent raise ``ImportError`` naming the pip package.

    ``package`` is the name to ``pip install`` (default: ``module``); ``purpose`` says
    what needed it, e.g. ``"to_quantecon"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        package = package or module
        need = f"{purpose} needs" if purpose else "this needs"
        raise ImportError(
            f"{need} the optional package {package!r}, which is not installed: "
            f"pip install {package}"
        ) from None
