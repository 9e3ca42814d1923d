"""How an input value is shown in a message: cut when long, with invisible characters escaped."""

from __future__ import annotations

from zairyu.model.shown import cut, escaped, shown, shown_json


def test_a_short_value_is_shown_quoted_as_it_is():
    assert shown("h-1") == "'h-1'"


def test_japanese_letters_are_shown_as_they_are():
    assert shown("山田家") == "'山田家'"


def test_a_long_value_is_cut_to_sixty_characters_and_its_length_said():
    text = shown("x" * 100_000)
    assert text == "'" + "x" * 60 + "…' (100,000 characters)"


def test_a_value_of_exactly_the_limit_is_not_cut():
    assert shown("y" * 60) == "'" + "y" * 60 + "'"


def test_a_bidirectional_override_is_shown_escaped():
    assert shown("ab\u202ecd") == "'ab\\u202ecd'"
    assert "\u202e" not in shown("ab\u202ecd")


def test_control_characters_are_shown_escaped():
    assert escaped("a\nb\tc\rd\x00e\x1b[31m") == "a\\nb\\tc\\rd\\u0000e\\u001b[31m"


def test_a_backslash_is_doubled_so_that_an_escape_always_means_a_character():
    assert escaped("a\\u202e") == "a\\\\u202e"


def test_a_character_beyond_the_first_plane_that_is_invisible_is_escaped_in_long_form():
    assert escaped("\U000e0001") == "\\U000e0001"  # LANGUAGE TAG, a format character


def test_a_json_number_or_list_is_shown_as_json():
    assert shown_json(1) == "1"
    assert shown_json(True) == "true"
    assert shown_json(["a"] * 50).endswith("characters)")


def test_an_error_file_cell_is_escaped_and_cut_without_quotes():
    assert cut("a\u202eb") == "a\\u202eb"
    assert cut("z" * 61) == "z" * 60 + "… (61 characters)"
