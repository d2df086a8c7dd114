"""teller: UK-style elections, counted exactly to their rules and checkable by anyone.

The library API: build a :class:`Contest` and a :class:`Profile` (or read them with
:mod:`teller.io`), call :func:`count`, and read or render the :class:`CountRecord`.

These names are imported eagerly: the function :func:`count` shares its name with the
subpackage :mod:`teller.count`, and only an eager binding keeps ``from teller import count``
the function once the subpackage has been imported.
"""

from teller.arithmetic import Arithmetic, Rounding
from teller.count import count, get_rule_set, rule_sets
from teller.errors import CountError, InputError, LotRequired, TellerError
from teller.model import Candidate, Contest, ElectionId, GroupMinimum, Profile
from teller.record import CountRecord, Stage
from teller.recordjson import record_from_dict, record_to_dict

__version__ = "0.1.0"

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
