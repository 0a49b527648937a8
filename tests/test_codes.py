"""The ISO codes the validator accepts are exactly pycountry's current lists."""

from __future__ import annotations

import pycountry

from bilateral.schema.codes import COUNTRY_CODES, CURRENCY_CODES


def test_country_codes_are_iso_3166_1() -> None:
    assert {country.alpha_2 for country in pycountry.countries} == COUNTRY_CODES


def test_currency_codes_are_iso_4217_as_now() -> None:
    assert {currency.alpha_3 for currency in pycountry.currencies} == CURRENCY_CODES


def test_withdrawn_currencies_are_refused_and_new_ones_accepted() -> None:
    assert {"ANG", "BGN", "ZWL"}.isdisjoint(CURRENCY_CODES)
    assert {"XCG", "ZWG", "VED"} <= CURRENCY_CODES


def test_country_names_are_pycountrys_short_names() -> None:
    from bilateral.schema.codes import COUNTRY_NAMES

    expected = {
        country.alpha_2: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    assert expected == COUNTRY_NAMES
