"""The result of a solution concept: a payoff (or cost) vector in player order.

References
----------
Peleg, B. & Sudhölter, P. (2007). *Introduction to the Theory of Cooperative Games*, 2nd ed.
Springer.
"""

from __future__ import annotations

import numpy as np

from .._display import html_table

GUARANTEES = ("exact", "certified", "approximate")


class Allocation(np.ndarray):
    """A 1-D float array of payoffs (worth games) or cost shares (cost games).

    It is a plain ``numpy.ndarray`` for computation (arithmetic returns ordinary
    arrays) that also carries what a reader needs to trust it.

    Attributes
    ----------
    names : tuple of str
        Player names, in order.
    method : str
        The solution concept and algorithm, e.g. ``"nucleolus (sequential LP, HiGHS)"``.
    kind : {"worth", "cost"}
        Payoffs of a worth game or cost shares of a cost game.
    guarantee : {"exact", "certified", "approximate"}
        ``exact``: closed form or exact arithmetic; ``certified``: a numerical solution
        verified against every coalition to ``error``; ``approximate``: no such check.
    error : float
        Bound on the error behind ``guarantee`` (0 for exact).

    References
    ----------
    Peleg & Sudhölter (2007).
    """

    def __new__(cls, values, names, method, kind="worth", guarantee="exact", error=0.0):
        obj = np.asarray(values, dtype=float).reshape(-1).copy().view(cls)
        if len(names) != obj.shape[0]:
            raise ValueError(f"{len(names)} names for an allocation of {obj.shape[0]} players")
        if guarantee not in GUARANTEES:
            raise ValueError(f"guarantee must be one of {GUARANTEES}, got {guarantee!r}")
        obj.names = tuple(names)
        obj.method = str(method)
        obj.kind = kind
        obj.guarantee = guarantee
        obj.error = float(error)
        obj.setflags(write=False)
        return obj

    def __array_finalize__(self, obj):
        self.names = getattr(obj, "names", ())
        self.method = getattr(obj, "method", "")
        self.kind = getattr(obj, "kind", "worth")
        self.guarantee = getattr(obj, "guarantee", "approximate")
        self.error = getattr(obj, "error", 0.0)

    def __array_wrap__(self, out_arr, context=None, return_scalar=False):
        # arithmetic on an allocation is no longer that allocation: return plain numpy
        arr = np.asarray(out_arr).view(np.ndarray)
        return arr[()] if return_scalar else arr

    def __reduce__(self):
        state = super().__reduce__()
        return (state[0], state[1], state[2] + (self.names, self.method, self.kind,
                                                self.guarantee, self.error))

    def __setstate__(self, state):
        *base, self.names, self.method, self.kind, self.guarantee, self.error = state
        super().__setstate__(tuple(base))

    def as_dict(self) -> dict:
        """``{name: value}`` in player order."""
        return {n: float(x) for n, x in zip(self.names, self)}

    def __repr__(self):
        vals = ", ".join(f"{n}: {x:.6g}" for n, x in zip(self.names, np.asarray(self)))
        return f"Allocation({self.method}; {vals})"

    def _repr_html_(self):
        word = "cost share" if self.kind == "cost" else "payoff"
        note = f"{self.guarantee}" + (f", error ≤ {self.error:.1e}" if self.error else "")
        return html_table(["player", word], [(n, float(x)) for n, x in zip(self.names, self)],
                          caption=self.method, note=note)


def allocation(game, values, method: str, guarantee: str = "exact", error: float = 0.0):
    """An :class:`Allocation` for ``game`` (names and kind taken from the game)."""
    return Allocation(values, game.names, method, kind=game.kind, guarantee=guarantee, error=error)
