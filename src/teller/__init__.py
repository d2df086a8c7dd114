"""teller: UK-style elections, counted exactly to their rules and checkable by anyone.

The library API: build a :class:`Contest` and a :class:`Profile` (or read them with
:mod:`teller.io`), call :func:`count`, and read or render the :class:`CountRecord`.

Names are imported lazily (PEP 562) so that ``import teller`` and the CLI start fast: NumPy and
the counting core load only when first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Arithmetic": "teller.arithmetic",
    "Rounding": "teller.arithmetic",
    "count": "teller.count",
    "get_rule_set": "teller.count",
    "rule_sets": "teller.count",
    "CountError": "teller.errors",
    "InputError": "teller.errors",
    "LotRequired": "teller.errors",
    "TellerError": "teller.errors",
    "Candidate": "teller.model",
    "Contest": "teller.model",
    "ElectionId": "teller.model",
    "GroupMinimum": "teller.model",
    "Profile": "teller.model",
    "CountRecord": "teller.record",
    "Stage": "teller.record",
    "record_from_dict": "teller.recordjson",
    "record_to_dict": "teller.recordjson",
}

__all__ = [
    "Arithmetic",
    "Candidate",
    "Contest",
    "CountError",
    "CountRecord",
    "ElectionId",
    "GroupMinimum",
    "InputError",
    "LotRequired",
    "Profile",
    "Rounding",
    "Stage",
    "TellerError",
    "count",
    "get_rule_set",
    "record_from_dict",
    "record_to_dict",
    "rule_sets",
]

if TYPE_CHECKING:
    from teller.arithmetic import Arithmetic, Rounding
    from teller.count import count, get_rule_set, rule_sets
    from teller.errors import CountError, InputError, LotRequired, TellerError
    from teller.model import Candidate, Contest, ElectionId, GroupMinimum, Profile
    from teller.record import CountRecord, Stage
    from teller.recordjson import record_from_dict, record_to_dict


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'teller' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
