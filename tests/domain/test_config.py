"""The config file: defaults when it is missing, and a broken file never stops the journal.

Each problem is one warning naming the file and the line; what could not be read falls back
to its default, and everything else in the file still applies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_journal.domain.suggestions import SuggestionSettings
from interview_journal.services.config import SAMPLE, Settings, load_settings

DEFAULTS = Settings()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_defaults() -> None:
    assert DEFAULTS.open_on == "auto"
    assert (
        DEFAULTS.suggestions.quiet_working_days,
        DEFAULTS.suggestions.thank_you,
        DEFAULTS.suggestions.horizon_days,
        DEFAULTS.suggestions.allowed_days,
    ) == (5, True, 30, 7)


def test_a_missing_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nowhere" / "config.toml") == (DEFAULTS, [])


def test_an_empty_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "")) == (DEFAULTS, [])


def test_the_documented_sample_is_the_defaults(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, SAMPLE)) == (DEFAULTS, [])


def test_every_setting_can_be_changed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SAMPLE.replace("quiet-working-days = 5", "quiet-working-days = 3")
        .replace("thank-you-suggestions = true", "thank-you-suggestions = false")
        .replace("suggest-within-days = 30", "suggest-within-days = 90")
        .replace("allowed-days = 7", "allowed-days = 0")
        .replace('open-on = "auto"', 'open-on = "interviews"')
        .replace("ghosted-after-days = 21", "ghosted-after-days = 45")
        .replace("labels = []", 'labels = ["third round", "case presentation"]')
        .replace('week-starts = "monday"', 'week-starts = "Sunday"'),
    )
    settings, warnings = load_settings(path)
    assert warnings == []
    assert settings == Settings(
        suggestions=SuggestionSettings(
            quiet_working_days=3,
            thank_you=False,
            horizon_days=90,
            allowed_days=0,
            ghosted_after_days=45,
        ),
        open_on="interviews",
        round_labels=("third round", "case presentation"),
        week_starts=6,
    )


def test_a_week_that_starts_on_no_day_is_named_and_monday_used(tmp_path: Path) -> None:
    path = write(tmp_path, '[dates]\nweek-starts = "someday"\n')
    settings, warnings = load_settings(path)
    assert settings.week_starts == 0
    assert warnings == [
        f'{path}, line 2: dates.week-starts must be a day of the week in quotes, e.g. "monday" '
        'or "sunday"; using the default.'
    ]


def test_round_labels_are_trimmed_and_each_kept_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[rounds]\nlabels = [\n  " case  presentation ",\n  "Third round",\n'
        '  "Case Presentation",\n]\n',
    )
    settings, warnings = load_settings(path)
    assert warnings == []
    assert settings.round_labels == ("case presentation", "Third round")


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        pytest.param('"case presentation"', "must be a list of names in quotes", id="not-a-list"),
        pytest.param('["case", 3]', "must be a list of names in quotes", id="a-number"),
        pytest.param('["case", "  "]', "must not hold an empty name", id="empty"),
        pytest.param(f'["{"x" * 61}"]', "at most 60 characters", id="too-long"),
        pytest.param('["case\\u001b[31m"]', "one-line names", id="control-character"),
        pytest.param(str([f"round {n}" for n in range(51)]), "at most 50 names", id="too-many"),
    ],
)
def test_bad_round_labels_warn_with_the_line_and_keep_the_rest(
    tmp_path: Path, value: str, problem: str
) -> None:
    path = write(tmp_path, f"[start]\nopen-on = 'review'\n\n[rounds]\nlabels = {value}\n")
    settings, warnings = load_settings(path)
    assert len(warnings) == 1
    assert f"{path}, line 5: rounds.labels " in warnings[0]
    assert problem in warnings[0]
    assert settings == Settings(open_on="review")


@pytest.mark.parametrize("value", ["0", "366", '"three weeks"'])
def test_ghosted_after_days_is_a_number_of_days(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"[applications]\nghosted-after-days = {value}\n")
    settings, warnings = load_settings(path)
    assert len(warnings) == 1
    assert f"{path}, line 2: applications.ghosted-after-days must" in warnings[0]
    assert "1 to 365" in warnings[0]
    assert settings == DEFAULTS


def test_a_syntax_error_gives_the_defaults_and_one_warning_with_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[follow-ups]\nquiet-working-days = 3\nallowed-days = = 3\n\n[start]\nopen-on = 'review'\n",
    )
    settings, warnings = load_settings(path)
    assert settings == DEFAULTS
    assert len(warnings) == 1
    assert str(path) in warnings[0]
    assert "line 3" in warnings[0]
    assert "using the defaults" in warnings[0]


def test_a_file_that_is_not_utf8_gives_the_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[start]\nopen-on = "\xff\xfe"\n')
    settings, warnings = load_settings(path)
    assert settings == DEFAULTS
    assert len(warnings) == 1
    assert str(path) in warnings[0]


GOOD_REST = """\
[follow-ups]
{line}
allowed-days = 3

[start]
open-on = "review"
"""


@pytest.mark.parametrize(
    ("line", "key", "problem"),
    [
        pytest.param(
            'quiet-working-days = "five"',
            "follow-ups.quiet-working-days",
            "must be a whole number from 1 to 60",
            id="text-for-a-number",
        ),
        pytest.param(
            "quiet-working-days = 2.5",
            "follow-ups.quiet-working-days",
            "whole number",
            id="fraction",
        ),
        pytest.param(
            "quiet-working-days = true",
            "follow-ups.quiet-working-days",
            "whole number",
            id="bool-for-a-number",
        ),
        pytest.param(
            "quiet-working-days = 0",
            "follow-ups.quiet-working-days",
            "must be from 1 to 60",
            id="below-range",
        ),
        pytest.param(
            "quiet-working-days = 61",
            "follow-ups.quiet-working-days",
            "must be from 1 to 60",
            id="above-range",
        ),
        pytest.param(
            "suggest-within-days = -1",
            "follow-ups.suggest-within-days",
            "must be from 1 to 3650",
            id="negative-horizon",
        ),
        pytest.param(
            'thank-you-suggestions = "yes"',
            "follow-ups.thank-you-suggestions",
            "must be true or false",
            id="text-for-a-bool",
        ),
        pytest.param(
            "thank-you-suggestions = 1",
            "follow-ups.thank-you-suggestions",
            "must be true or false",
            id="number-for-a-bool",
        ),
    ],
)
def test_a_bad_value_warns_with_line_and_key_and_keeps_the_rest(
    tmp_path: Path, line: str, key: str, problem: str
) -> None:
    path = write(tmp_path, GOOD_REST.format(line=line))
    settings, warnings = load_settings(path)
    assert len(warnings) == 1
    (warning,) = warnings
    assert f"{path}, line 2" in warning
    assert key in warning
    assert problem in warning
    assert "using the default" in warning
    # The bad value fell back to its default; the good ones still apply.
    assert settings == Settings(suggestions=SuggestionSettings(allowed_days=3), open_on="review")


@pytest.mark.parametrize("value", ['"timeline"', '"Review"', "1", '["auto"]'])
def test_open_on_must_be_one_of_the_views(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"[follow-ups]\nquiet-working-days = 4\n\n[start]\nopen-on = {value}\n")
    settings, warnings = load_settings(path)
    assert len(warnings) == 1
    assert f"{path}, line 5" in warnings[0]
    assert "start.open-on" in warnings[0]
    assert '"auto", "review", "interviews"' in warnings[0]
    assert settings.open_on == "auto"
    assert settings.suggestions.quiet_working_days == 4


def test_an_unknown_key_warns_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[follow-ups]\nquiet-working-days = 4\nquiet-days = 9\n\n[start]\nopen-on = 'review'\n",
    )
    settings, warnings = load_settings(path)
    assert len(warnings) == 1
    assert f"{path}, line 3" in warnings[0]
    assert "unknown setting follow-ups.quiet-days" in warnings[0]
    assert settings == Settings(
        suggestions=SuggestionSettings(quiet_working_days=4), open_on="review"
    )


def test_an_unknown_section_warns_for_each_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[colours]\ntheme = 'dark'\naccent = 'red'\n")
    settings, warnings = load_settings(path)
    assert settings == DEFAULTS
    assert len(warnings) == 2
    assert "line 2" in warnings[0]
    assert "colours.theme" in warnings[0]
    assert "line 3" in warnings[1]
    assert "colours.accent" in warnings[1]


def test_a_setting_under_the_wrong_section_is_unknown_there(tmp_path: Path) -> None:
    path = write(tmp_path, "[start]\nquiet-working-days = 3\n")
    settings, warnings = load_settings(path)
    assert settings == DEFAULTS
    assert len(warnings) == 1
    assert "line 2" in warnings[0]
    assert "unknown setting start.quiet-working-days" in warnings[0]


def test_each_problem_is_its_own_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[follow-ups]\n"
        "quiet-working-days = 0\n"
        "thank-you-suggestions = 'no'\n"
        "suggest-within-days = 45\n"
        "\n"
        "[start]\n"
        "open-on = 'somewhere'\n"
        "colour = 'blue'\n",
    )
    settings, warnings = load_settings(path)
    assert len(warnings) == 4
    lines = sorted(int(w.split(", line ")[1].split(":")[0]) for w in warnings)
    assert lines == [2, 3, 7, 8]
    assert settings == Settings(suggestions=SuggestionSettings(horizon_days=45))


def test_comments_do_not_confuse_the_line_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# [start]\n[follow-ups]\n# quiet-working-days = 3\nquiet-working-days = 99\n",
    )
    _, warnings = load_settings(path)
    assert len(warnings) == 1
    assert f"{path}, line 4" in warnings[0]


def test_a_setting_outside_any_section_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "quiet-working-days = 3\n\n[start]\nopen-on = 'review'\n")
    settings, warnings = load_settings(path)
    assert settings.open_on == "review"
    assert len(warnings) == 1
    assert f"{path}, line 1" in warnings[0]
