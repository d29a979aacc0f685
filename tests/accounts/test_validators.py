"""Business (사업자등록번호) and corporate (법인등록번호) registration number checksums."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from accounts.validators import (
    business_number_is_valid,
    corporate_number_is_valid,
    normalise_number,
    validate_business_number,
    validate_corporate_number,
)
from tests.factories import InstitutionFactory, valid_business_no


@pytest.mark.parametrize(
    "number",
    ["1248100998", "124-81-00998", "2208162517", "220-81-62517"],
)
def test_valid_business_numbers(number):
    assert business_number_is_valid(number)
    validate_business_number(number)


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("1248100997", "wrong check digit"),
        ("1248100999", "wrong check digit"),
        ("124810099", "nine digits"),
        ("12481009980", "eleven digits"),
        ("124-81-0099", "nine digits with hyphens"),
        ("12481OO998", "letters"),
        ("", "empty"),
    ],
)
def test_invalid_business_numbers(number, why):
    assert not business_number_is_valid(number), why
    with pytest.raises(ValidationError) as exc:
        validate_business_number(number)
    assert exc.value.code == "invalid_business_no"


def test_check_digit_uses_the_carry_of_the_ninth_digit():
    """9th digit x 5: its tens digit is added too (9 * 5 = 45 adds 4 + 5)."""
    body = "123456789"
    weights = (1, 3, 7, 1, 3, 7, 1, 3, 5)
    weighted = sum(int(c) * w for c, w in zip(body, weights, strict=True))
    with_carry = body + str((10 - (weighted + 4) % 10) % 10)
    without_carry = body + str((10 - weighted % 10) % 10)
    assert with_carry != without_carry
    assert business_number_is_valid(with_carry)
    assert not business_number_is_valid(without_carry)


@given(st.integers(min_value=1, max_value=10**9))
def test_factory_numbers_are_valid_and_one_digit_change_breaks_them(n):
    number = valid_business_no(n)
    assert len(number) == 10 and business_number_is_valid(number)
    wrong_check = number[:9] + str((int(number[9]) + 1) % 10)
    assert not business_number_is_valid(wrong_check)


@pytest.mark.django_db
def test_institution_factory_numbers_pass_model_validation():
    for institution in InstitutionFactory.create_batch(5):
        assert business_number_is_valid(institution.business_no)
        institution.full_clean()


@pytest.mark.parametrize("number", ["1301110006246", "130111-0006246", ""])
def test_valid_corporate_numbers(number):
    validate_corporate_number(number)  # blank allowed: not every institution is a corporation
    if number:
        assert corporate_number_is_valid(number)


@pytest.mark.parametrize(
    "number", ["1301110006247", "130111000624", "13011100062460", "130111-000624A"]
)
def test_invalid_corporate_numbers(number):
    assert not corporate_number_is_valid(number)
    with pytest.raises(ValidationError) as exc:
        validate_corporate_number(number)
    assert exc.value.code == "invalid_corporate_no"


def test_normalise_number():
    assert normalise_number(" 124-81-00998 ") == "1248100998"
    assert normalise_number("") == ""
