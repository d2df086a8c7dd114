"""Arithmetic as an object passed into each count.

Every value in the reference counting path is an exact :class:`fractions.Fraction`. An
:class:`Arithmetic` says which values a count may hold (integers, multiples of 10^-p, or any
rational) and every lossy operation names its rounding, so the rules text is visible at the call:
``arith.div(surplus * value, total, Rounding.DOWN)  # [48(3)] any remainder being ignored``.
Addition and subtraction of representable values are exact in every arithmetic and need no
object. Nothing here is global: there is no context, no class-level precision.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from teller.errors import ModelError

Number = Fraction | int


class Rounding(StrEnum):
    """How a lossy operation drops what its arithmetic cannot hold."""

    DOWN = "down"
    """Towards zero: truncate, 'any remainder being ignored'."""
    UP = "up"
    """Away from zero: the next representable value up for positive numbers."""
    HALF_UP = "half-up"
    """To nearest, halves away from zero."""
    HALF_EVEN = "half-even"
    """To nearest, halves to the even neighbour."""


def _round_integer(x: Fraction, rounding: Rounding) -> int:
    """Round a rational to an integer."""
    n, d = x.numerator, x.denominator
    q, r = divmod(abs(n), d)
    if r == 0:
        return n // d
    sign = -1 if n < 0 else 1
    if rounding is Rounding.DOWN:
        return sign * q
    if rounding is Rounding.UP:
        return sign * (q + 1)
    twice = 2 * r
    if twice > d or (twice == d and (rounding is Rounding.HALF_UP or q % 2 == 1)):
        return sign * (q + 1)
    return sign * q


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """Which numbers a count may hold, and how lossy operations round.

    ``kind`` is ``integer``, ``fixed`` (multiples of 10^-places) or ``rational`` (exact).
    """

    kind: str
    """``integer``, ``fixed`` or ``rational``."""
    places: int | None = None
    """Decimal places kept by ``fixed`` arithmetic (0 for ``integer``; None for ``rational``)."""

    def __post_init__(self) -> None:
        if self.kind == "integer" and self.places not in (None, 0):
            raise ModelError("integer arithmetic keeps no decimal places")
        if self.kind == "integer":
            object.__setattr__(self, "places", 0)
        elif self.kind == "fixed":
            if self.places is None or not 0 <= self.places <= 30:
                raise ModelError("fixed-point arithmetic needs 0..30 decimal places")
        elif self.kind == "rational":
            if self.places is not None:
                raise ModelError("rational arithmetic is exact and keeps no places")
        else:
            raise ModelError(f"unknown arithmetic {self.kind!r}")

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def integer(cls) -> Arithmetic:
        return cls("integer", 0)

    @classmethod
    def fixed(cls, places: int) -> Arithmetic:
        return cls("fixed", places)

    @classmethod
    def rational(cls) -> Arithmetic:
        return cls("rational", None)

    @classmethod
    def parse(cls, text: str) -> Arithmetic:
        """``integer``, ``rational`` or ``fixed:P`` (as written by :meth:`describe`)."""
        if text in ("integer", "rational"):
            return cls(text)
        kind, _, places = text.partition(":")
        if kind == "fixed" and places.isdigit():
            return cls.fixed(int(places))
        raise ModelError(f"unknown arithmetic {text!r}: use integer, rational or fixed:P")

    def describe(self) -> str:
        return f"fixed:{self.places}" if self.kind == "fixed" else self.kind

    # -- operations -----------------------------------------------------------------------------
    @property
    def unit(self) -> Fraction:
        """The smallest positive representable step (0 for rational)."""
        if self.places is None:
            return Fraction(0)
        return Fraction(1, 10**self.places)

    def quantize(self, x: Number, rounding: Rounding) -> Fraction:
        """``x`` rounded to a representable value as ``rounding`` says."""
        x = Fraction(x)
        if self.places is None:
            return x
        scale = 10**self.places
        return Fraction(_round_integer(x * scale, rounding), scale)

    def div(self, a: Number, b: Number, rounding: Rounding) -> Fraction:
        """``a / b`` rounded to a representable value."""
        if b == 0:
            raise ZeroDivisionError("division by zero in a count")
        return self.quantize(Fraction(a) / Fraction(b), rounding)

    def mul(self, a: Number, b: Number, rounding: Rounding) -> Fraction:
        """``a * b`` rounded to a representable value."""
        return self.quantize(Fraction(a) * Fraction(b), rounding)

    def representable(self, x: Number) -> bool:
        x = Fraction(x)
        return self.places is None or (x * 10**self.places).denominator == 1

    def format(self, x: Number) -> str:
        """Exact text of ``x``: ``places`` decimals for fixed, else :func:`exact_str`."""
        x = Fraction(x)
        if self.places is None:
            return exact_str(x)
        if not self.representable(x):
            return exact_str(x)
        return decimal_str(x, self.places)


def decimal_str(x: Fraction, places: int) -> str:
    """``x`` (a multiple of 10^-places) written with exactly ``places`` decimals."""
    scaled = x * 10**places
    if scaled.denominator != 1:
        raise ValueError(f"{x} is not a multiple of 10^-{places}")
    n = scaled.numerator
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def exact_str(x: Fraction) -> str:
    """The shortest exact decimal for ``x``, or ``p/q`` when its decimal does not terminate."""
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    return decimal_str(x, max(twos, fives))


def parse_number(text: str) -> Fraction:
    """Inverse of :func:`exact_str` / :meth:`Arithmetic.format`: decimal or ``p/q`` text."""
    text = text.strip()
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError) as exc:
        raise ModelError(f"not an exact number: {text!r}") from exc
    return value
