"""Case files: a scenario's parameters, with the source of each, in TOML.

A case file has one section per model (``[cluster]`` for the integrated model M0,
``[cost_sharing]``, ``[entry_modes]``, ``[risk_sharing]``,
``[risk_syndicate]``, ``[agglomeration]``), a ``[sensitivity]`` section (the box of the
global sensitivity analysis) and a ``[case]`` section (``name``, ``description``).
A parameter is written ``name = { value = ..., source = "where it comes from" }`` or,
without a source, ``name = value``::

    [case]
    name = "Jiangsu textiles, 2015"

    [cluster]
    F = { value = 80.0, source = "survey of entry costs, table 3" }
    k = 3

Sections and keys a file leaves out keep the values of the built-in default case
(``gametheory/cases/default.toml``, which gives a source for every parameter). A file is
validated when it is loaded: an unknown section or key, a value of the wrong kind, or a
value the model rejects raises ``ValueError`` naming the section and key and saying what
is allowed.

References
----------
TOML v1.0.0 specification, https://toml.io/en/v1.0.0 (read with :mod:`tomllib`).
"""

from __future__ import annotations

import copy
import dataclasses
import os
import tomllib
from importlib import resources
from pathlib import Path

__all__ = ["Case", "load_case", "default_case", "SECTIONS"]

#: Sections of a case file and what each holds.
SECTIONS = {
    "case": "name and description of the scenario",
    "cluster": "ClusterVsScattered (M0): the integrated model",
    "cost_sharing": "EntryCostGame (M1): the entry-cost game",
    "entry_modes": "EntryModeSorting (M1): Helpman-Melitz-Yeaple cut-offs",
    "risk_sharing": "exchangeable syndicates (M2): mu, F, sigma2, tau, n_max, common_shares",
    "risk_syndicate": "a heterogeneous syndicate (M2): mu, tau, idiosyncratic, common, names",
    "agglomeration": "AgglomerationEntry (M3): R, F, names",
    "sensitivity": "global sensitivity of M0: bounds, output, trajectories, base_samples, seed",
    "policy": "PolicyDesign: the government as leader over M0 (economy = changes to [cluster])",
}

_PLAIN_KEYS = {
    "case": ("name", "description"),
    "risk_sharing": ("mu", "F", "sigma2", "tau", "n_max", "common_shares"),
    "risk_syndicate": ("mu", "tau", "idiosyncratic", "common", "names"),
    "agglomeration": ("R", "F", "names"),
    "sensitivity": ("bounds", "output", "trajectories", "base_samples", "seed"),
    "policy": ("economy", "shadow_cost", "world", "profit_tax", "approval_cost",
               "cluster_approval_cost", "approval_delay", "discount", "flight_loss",
               "insurance_loading", "info_cost", "agency_cost", "agency_effect", "rnd_cost"),
}


def _model_class(section: str):
    from ..models import ClusterVsScattered, EntryCostGame, EntryModeSorting

    return {"cluster": ClusterVsScattered, "cost_sharing": EntryCostGame,
            "entry_modes": EntryModeSorting}.get(section)


def _allowed(section: str) -> tuple:
    cls = _model_class(section)
    if cls is not None:
        return tuple(f.name for f in dataclasses.fields(cls))
    return _PLAIN_KEYS[section]


def _split(raw: dict, where: str) -> tuple[dict, dict]:
    """``({section: {key: value}}, {section: {key: source}})`` of a parsed file."""
    values, sources = {}, {}
    for section, body in raw.items():
        if section not in SECTIONS:
            raise ValueError(f"{where}: unknown section [{section}]; allowed sections: "
                             + ", ".join(f"[{s}]" for s in SECTIONS))
        if not isinstance(body, dict):
            raise ValueError(f"{where}: [{section}] must be a table of parameters, got "
                             f"{body!r}")
        allowed = _allowed(section)
        vals, srcs = {}, {}
        for key, item in body.items():
            if key not in allowed:
                raise ValueError(f"{where}: unknown key {key!r} in [{section}]; allowed: "
                                 + ", ".join(allowed))
            if isinstance(item, dict) and "value" in item:
                extra = set(item) - {"value", "source"}
                if extra:
                    raise ValueError(f"{where}: [{section}] {key}: a parameter table holds "
                                     f"only 'value' and 'source', got {sorted(extra)}")
                if "source" in item and not isinstance(item["source"], str):
                    raise ValueError(f"{where}: [{section}] {key}: source must be text")
                vals[key] = item["value"]
                if "source" in item:
                    srcs[key] = item["source"]
            else:
                vals[key] = item
        values[section] = vals
        sources[section] = srcs
    return values, sources


def _number_list(x, where, min_len=1):
    if not isinstance(x, list) or len(x) < min_len or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in x):
        raise ValueError(f"{where} must be a list of at least {min_len} numbers, got {x!r}")
    return x


def _check_sensitivity(vals: dict, cluster: dict, where: str) -> None:
    from ..models import ClusterVsScattered
    from ..sweep.targets import HEADLINE_COLUMNS

    bounds = vals["bounds"]
    if not isinstance(bounds, dict) or not bounds:
        raise ValueError(f"{where}: [sensitivity] bounds must be a table "
                         "{parameter = [low, high], ...}")
    params = [f.name for f in dataclasses.fields(ClusterVsScattered)]
    for name, lohi in bounds.items():
        if name not in params:
            raise ValueError(f"{where}: [sensitivity] bounds: unknown parameter {name!r}; "
                             f"allowed: {', '.join(params)}")
        _number_list(lohi, f"{where}: [sensitivity] bounds.{name}", 2)
        if len(lohi) != 2 or not lohi[0] < lohi[1]:
            raise ValueError(f"{where}: [sensitivity] bounds.{name} must be [low, high] with "
                             f"low < high, got {lohi!r}")
        for v in lohi:  # both ends must be valid values of the model
            try:
                ClusterVsScattered(**{**cluster, name: v})
            except ValueError as exc:
                raise ValueError(f"{where}: [sensitivity] bounds.{name}: {exc}") from None
    numeric = [c for c in HEADLINE_COLUMNS if c not in ("regime", "interior")]
    if vals["output"] not in numeric:
        raise ValueError(f"{where}: [sensitivity] output must be one of {numeric}, "
                         f"got {vals['output']!r}")
    for key, lo in (("trajectories", 2), ("base_samples", 2)):
        v = vals[key]
        if not isinstance(v, int) or isinstance(v, bool) or v < lo:
            raise ValueError(f"{where}: [sensitivity] {key} must be a whole number >= {lo}, "
                             f"got {v!r}")
    if not isinstance(vals["seed"], int) or isinstance(vals["seed"], bool):
        raise ValueError(f"{where}: [sensitivity] seed must be a whole number, "
                         f"got {vals['seed']!r}")


def _validate(values: dict, where: str) -> None:
    """Build every model of the case once: its own validation names the parameter."""
    from ..models import AgglomerationEntry, RiskSyndicate

    for section in ("cluster", "cost_sharing", "entry_modes"):
        try:
            _model_class(section)(**values[section])
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{where}: [{section}] {exc}") from None
    rs = values["risk_sharing"]
    try:
        for w in _number_list(rs["common_shares"], "common_shares"):
            RiskSyndicate.exchangeable(rs["n_max"], rs["mu"], rs["tau"], rs["sigma2"], w)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: [risk_sharing] {exc}") from None
    sy = values["risk_syndicate"]
    try:
        RiskSyndicate.with_common_risk(sy["mu"], sy["tau"], sy["idiosyncratic"], sy["common"],
                                       names=sy["names"])
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: [risk_syndicate] {exc}") from None
    ag = values["agglomeration"]
    try:
        AgglomerationEntry(ag["R"], ag["F"], 0.0, names=ag["names"])
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: [agglomeration] {exc}") from None
    _check_sensitivity(values["sensitivity"], values["cluster"], where)
    try:
        policy_model(values["cluster"], values["policy"])
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: [policy] {exc}") from None
    for key in ("name", "description"):
        if not isinstance(values["case"].get(key, ""), str):
            raise ValueError(f"{where}: [case] {key} must be text")


def policy_model(cluster: dict, policy: dict):
    """The :class:`~gametheory.models.PolicyDesign` of a case's ``[cluster]`` and ``[policy]``
    sections: the economy is the cluster section with ``policy.economy``'s changes."""
    from ..models import ClusterVsScattered, PolicyDesign

    policy = dict(policy)
    changes = policy.pop("economy", {})
    if not isinstance(changes, dict):
        raise ValueError(f"economy must be a table of [cluster] parameters, got {changes!r}")
    return PolicyDesign(economy=ClusterVsScattered(**{**cluster, **changes}), **policy)


@dataclasses.dataclass(frozen=True)
class Case:
    """A validated scenario: parameters by section, the source of each, where it came from.

    Use :meth:`section` for a section's parameters (a fresh copy) and :meth:`sources`
    for their sources; :meth:`cluster` builds the integrated model.
    """

    values: dict
    source_notes: dict
    path: str

    @property
    def name(self) -> str:
        return self.values["case"].get("name", Path(self.path).stem)

    def section(self, name: str) -> dict:
        """The parameters of one section, ``{key: value}`` (lists stay lists)."""
        if name not in SECTIONS:
            raise ValueError(f"unknown section {name!r}; allowed: {', '.join(SECTIONS)}")
        return copy.deepcopy(self.values.get(name, {}))

    def sources(self, name: str) -> dict:
        """``{key: source}`` of one section (keys without a source are left out)."""
        return dict(self.source_notes.get(name, {}))

    def cluster(self):
        """The integrated model :class:`~gametheory.models.ClusterVsScattered` of this case."""
        from ..models import ClusterVsScattered

        return ClusterVsScattered(**self.section("cluster"))

    def __repr__(self):
        return f"Case({self.name!r} from {self.path})"


def _read(path) -> tuple[dict, str]:
    if not isinstance(path, (str, os.PathLike)):  # a package resource (the default case)
        text, where = path.read_text(encoding="utf-8"), str(path)
    else:
        p = Path(path)
        if not p.is_file():
            raise ValueError(f"case file {str(p)!r} does not exist")
        text, where = p.read_text(encoding="utf-8"), str(p)
    try:
        return tomllib.loads(text), where
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where} is not valid TOML: {exc}") from None


def _default_resource():
    return resources.files(__name__).joinpath("default.toml")


def default_case() -> Case:
    """The built-in default case (``gametheory/cases/default.toml``)."""
    raw, _ = _read(_default_resource())
    values, sources = _split(raw, "default case")
    _validate(values, "default case")
    return Case(values, sources, "gametheory/cases/default.toml")


def load_case(path=None) -> Case:
    """Read and validate a case file; sections and keys it omits keep the default case's.

    ``path=None`` gives the built-in default case. A :class:`Case` is returned as is.
    """
    if isinstance(path, Case):
        return path
    base = default_case()
    if path is None:
        return base
    raw, where = _read(path)
    values, sources = _split(raw, where)
    merged = {s: {**base.values.get(s, {}), **values.get(s, {})} for s in SECTIONS}
    srcs = {}
    for s in SECTIONS:
        given = set(values.get(s, {}))
        srcs[s] = {k: v for k, v in base.source_notes.get(s, {}).items() if k not in given}
        srcs[s].update(sources.get(s, {}))
    _validate(merged, where)
    return Case(merged, srcs, where)
