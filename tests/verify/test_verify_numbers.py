"""The verifier's own exact-number reading and truncation."""

from __future__ import annotations

from fractions import Fraction

import pytest

from teller.verify.numbers import Arith, exact_text, parse_exact, truncate


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("1448.00000", 1448), ("-0.5", Fraction(-1, 2)), ("7/3", Fraction(7, 3))],
)
def test_parse_exact(text: str, value: Fraction) -> None:
    assert parse_exact(text) == value


@pytest.mark.parametrize(
    "text", ["", "1e3", " 1", "1 ", "+1", "01", "1.", ".5", "1/0", "1/-2", "½"]
)
def test_parse_exact_rejects(text: str) -> None:
    assert parse_exact(text) is None


def test_truncate_ignores_the_remainder_towards_zero() -> None:
    assert truncate(Fraction(420, 1868), 5) == Fraction(22483, 100000)  # 0.224839...
    assert truncate(Fraction(-420, 1868), 5) == Fraction(-22483, 100000)
    assert truncate(Fraction(1, 3), 0) == 0


def test_arith() -> None:
    five = Arith.parse("fixed:5")
    assert five is not None and five.unit == Fraction(1, 100000)
    assert five.holds(Fraction(1, 4)) and not five.holds(Fraction(1, 3))
    assert five.show(Fraction(1, 4)) == "0.25000" and five.show(Fraction(1, 3)) == "1/3"
    assert Arith.parse("integer") == Arith("integer", 0)
    assert Arith.parse("rational") == Arith("rational", None)
    assert Arith.parse("fixed:x") is None and Arith.parse("float") is None


def test_exact_text() -> None:
    assert exact_text(Fraction(3615, 2)) == "1807.5"
    assert exact_text(Fraction(1, 40)) == "0.025"
    assert exact_text(Fraction(2, 3)) == "2/3"
    assert exact_text(Fraction(-7)) == "-7"
