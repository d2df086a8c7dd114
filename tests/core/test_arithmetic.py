from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teller.arithmetic import Arithmetic, Rounding, exact_str, parse_number
from teller.errors import ModelError

FIVE = Arithmetic.fixed(5)


def test_truncation_ignores_the_remainder() -> None:
    # [48(3)] 'to five decimal places (any remainder being ignored)'
    assert FIVE.div(420, 1868, Rounding.DOWN) == Fraction(22483, 100000)
    assert FIVE.div(2, 3, Rounding.DOWN) == Fraction(66666, 100000)


def test_roundings_differ_where_they_should() -> None:
    assert FIVE.div(2, 3, Rounding.UP) == Fraction(66667, 100000)
    assert FIVE.div(2, 3, Rounding.HALF_UP) == Fraction(66667, 100000)
    half = Fraction(5, 10**6)  # exactly half a unit
    assert FIVE.quantize(half, Rounding.HALF_UP) == Fraction(1, 100000)
    assert FIVE.quantize(half, Rounding.HALF_EVEN) == 0
    assert FIVE.quantize(-Fraction(2, 3), Rounding.DOWN) == Fraction(-66666, 100000)


def test_formatting_is_exact() -> None:
    assert FIVE.format(Fraction(1448)) == "1448.00000"
    assert Arithmetic.integer().format(15529) == "15529"
    assert Arithmetic.rational().format(Fraction(1, 3)) == "1/3"
    assert exact_str(Fraction(129549, 10)) == "12954.9"


@given(st.fractions(max_denominator=10**6))
def test_text_round_trip(x: Fraction) -> None:
    assert parse_number(exact_str(x)) == x


@given(st.fractions(min_value=-1000, max_value=1000, max_denominator=10**4))
def test_truncation_is_within_one_unit_below(x: Fraction) -> None:
    q = FIVE.quantize(x, Rounding.DOWN)
    assert FIVE.representable(q)
    assert abs(q) <= abs(x) < abs(q) + FIVE.unit


def test_describe_and_parse() -> None:
    for a in (Arithmetic.integer(), Arithmetic.fixed(9), Arithmetic.rational()):
        assert Arithmetic.parse(a.describe()) == a
    with pytest.raises(ModelError):
        Arithmetic.parse("float")
