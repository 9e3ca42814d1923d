from datetime import date

import pytest

from zairyu.i18n import as_lang, format_day, japanese_era_year


def test_dates_are_written_as_each_language_writes_them():
    assert format_day(date(2024, 6, 10), "ja") == "2024年6月10日"
    assert format_day(date(2024, 6, 10), "en") == "10 June 2024"


def test_japanese_forms_can_use_the_era():
    assert format_day(date(2024, 6, 10), "ja", era=True) == "令和6年6月10日"
    assert format_day(date(2019, 5, 1), "ja", era=True) == "令和元年5月1日"
    assert format_day(date(2019, 4, 30), "ja", era=True) == "平成31年4月30日"
    assert japanese_era_year(date(1989, 1, 7)) == "昭和64年"
    assert japanese_era_year(date(1989, 1, 8)) == "平成元年"


def test_an_unsupported_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose ja or en"):
        as_lang("fr")
