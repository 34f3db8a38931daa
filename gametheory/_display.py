"""HTML tables for Jupyter (``_repr_html_``) shared by games and results."""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np


def fmt(x, digits: int = 6) -> str:
    """Compact number formatting: integers without a decimal point, booleans as words.

    ``True``/``False`` (Python or numpy) are shown as ``yes``/``no``, never as 1/0.
    """
    if isinstance(x, (bool, np.bool_)):
        return "yes" if x else "no"
    try:
        xf = float(x)
    except (TypeError, ValueError):
        return html.escape(str(x))
    if abs(xf) < 1e15 and xf == int(xf):  # inf and nan fail the first test
        return str(int(xf))
    return f"{xf:.{digits}g}"


def html_table(header: Sequence[str], rows: Sequence[Sequence], *, caption: str | None = None,
               note: str | None = None) -> str:
    """A small HTML table; cells are escaped, numbers formatted with :func:`fmt`."""
    out = ["<table>"]
    if caption:
        out.append(f"<caption style='text-align:left'>{html.escape(caption)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
               + "</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f"<td>{fmt(c) if not isinstance(c, str) else html.escape(c)}</td>" for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    if note:
        out.append(f"<p><small>{html.escape(note)}</small></p>")
    return "".join(out)
