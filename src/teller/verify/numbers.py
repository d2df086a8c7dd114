"""Exact numbers as the record writes them, and the arithmetic a count declares.

Every figure in a ``teller-count/1`` record is a string: a decimal (``"1448.00000"``) or, for a
rational that does not terminate, ``"p/q"``. They are read here into :class:`fractions.Fraction`
with a grammar stricter than ``Fraction()`` accepts (no exponents, spaces or underscores), so a
figure means exactly what it says. Nothing here is shared with the counter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_RATIO = re.compile(r"-?(?:0|[1-9][0-9]*)/[1-9][0-9]*")
_FIXED = re.compile(r"fixed:([0-9]{1,2})")


def parse_exact(text: str) -> Fraction | None:
    """The exact value of a decimal or ``p/q`` string, or None if it is neither."""
    if _DECIMAL.fullmatch(text) or _RATIO.fullmatch(text):
        return Fraction(text)
    return None


@dataclass(frozen=True, slots=True)
class Arith:
    """The arithmetic a record declares: which values it may hold."""

    name: str
    """As declared: ``integer``, ``fixed:P`` or ``rational``."""
    places: int | None
    """Decimal places every value must be a multiple of (0 for integer); None for rational."""

    @classmethod
    def parse(cls, text: str) -> Arith | None:
        if text == "integer":
            return cls(text, 0)
        if text == "rational":
            return cls(text, None)
        match = _FIXED.fullmatch(text)
        if match:
            return cls(text, int(match.group(1)))
        return None

    @property
    def unit(self) -> Fraction:
        """The smallest positive step the arithmetic holds (0 for rational)."""
        return Fraction(0) if self.places is None else Fraction(1, 10**self.places)

    def holds(self, x: Fraction) -> bool:
        """Whether ``x`` is representable."""
        return self.places is None or (x * 10**self.places).denominator == 1

    def show(self, x: Fraction) -> str:
        """``x`` written as the record would write it, for messages."""
        if self.places is not None and self.holds(x):
            return decimal_text(x, self.places)
        return exact_text(x)


def truncate(x: Fraction, places: int) -> Fraction:
    """``x`` cut to ``places`` decimals towards zero: 'any remainder being ignored'."""
    scale = 10**places
    scaled = x * scale
    whole = scaled.numerator // scaled.denominator
    if whole < 0 and whole * scaled.denominator != scaled.numerator:
        whole += 1  # floor division rounds negatives away from zero; truncation does not
    return Fraction(whole, scale)


def decimal_text(x: Fraction, places: int) -> str:
    """``x`` (a multiple of 10^-places) with exactly ``places`` decimals."""
    scaled = x * 10**places
    n = scaled.numerator
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def exact_text(x: Fraction) -> str:
    """The shortest exact decimal of ``x``, or ``p/q`` when it does not terminate."""
    d = x.denominator
    places = 0
    while d % 10 == 0:
        d //= 10
        places += 1
    while d % 2 == 0:
        d //= 2
        places += 1
    while d % 5 == 0:
        d //= 5
        places += 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    return decimal_text(x, places)
