"""Recurring words and phrases in short reflections, English and Swedish: what the user
would see listed under "What you wrote most" and "written again and again"."""

from __future__ import annotations

from interview_journal.domain.phrases import (
    ENGLISH_STOP_WORDS,
    SWEDISH_STOP_WORDS,
    clauses,
    language_of,
    recurring,
    stem,
    words,
)


def found(texts: list[str], at_least: int = 3, limit: int = 8) -> list[tuple[str, int]]:
    """The phrases listed for these texts (the first the newest), with their counts."""
    numbered = list(zip(range(len(texts), 0, -1), texts, strict=True))
    return [(p.text, p.count) for p in recurring(numbered, at_least=at_least, limit=limit)]


# --- words and clauses --------------------------------------------------------------------


def test_words_are_case_folded_letters_and_digits_of_any_script() -> None:
    assert words("Didn’t ask about the FOLLOW-UP (at 3pm), Frågan om LÖN!") == [
        "didn't",
        "ask",
        "about",
        "the",
        "follow-up",
        "at",
        "3pm",
        "frågan",
        "om",
        "lön",
    ]


def test_apostrophes_and_hyphens_only_join_inside_a_word() -> None:
    assert words("'quoted' - dash -- end's") == ["quoted", "dash", "end's"]
    assert clauses("Calm - then nervous, well-prepared") == [
        ["calm"],
        ["then", "nervous", "well-prepared"],
    ]


def test_clauses_end_at_sentence_punctuation_semicolons_and_new_lines_not_commas() -> None:
    text = "Rambled on the first question; answer in two sentences, then expand.\nNext: salary"
    assert clauses(text) == [
        ["rambled", "on", "the", "first", "question"],
        ["answer", "in", "two", "sentences", "then", "expand"],
        ["next"],
        ["salary"],
    ]


def test_each_sentence_is_read_in_its_own_language() -> None:
    texts = ["Told the story well. Bra stämning med chefen från början."] * 3
    assert found(texts) == [("stämning med chefen från början", 3)]  # "told the story" too


# --- stop words and languages -------------------------------------------------------------


def test_each_language_has_its_own_stop_words_fillers_included() -> None:
    assert 150 <= len(ENGLISH_STOP_WORDS) <= 250
    assert 150 <= len(SWEDISH_STOP_WORDS) <= 250
    assert {"the", "was", "really", "bit", "i'm", "didn't"} <= ENGLISH_STOP_WORDS
    assert {"och", "att", "jag", "lite", "väldigt", "typ"} <= SWEDISH_STOP_WORDS
    assert "question" not in ENGLISH_STOP_WORDS and "frågan" not in SWEDISH_STOP_WORDS


def test_the_language_is_the_one_whose_stop_words_a_text_hits_more() -> None:
    assert language_of(words("Jag var lite nervös i början av intervjun")) == "swedish"
    assert language_of(words("I was a bit nervous at the start")) == "english"
    assert language_of(words("Kafka")) == "english"  # a tie: English
    assert language_of(words("Hit the ground running, man")) == "english"


def test_stop_words_are_never_listed_in_either_language() -> None:
    texts = [
        "It was really a bit too much, I think.",
        "It was really quite a lot, I think.",
        "Det var väldigt mycket, typ.",
        "Det var lite för mycket, liksom.",
        "It was, really, I think.",
        "Det var typ väldigt mycket.",
    ]
    assert found(texts) == []


def test_a_phrase_stops_at_punctuation() -> None:
    texts = ["Stayed calm. Questions came fast."] * 3 + ["Stayed calm", "Questions came fast"]
    assert found(texts) == [("questions came fast", 4), ("stayed calm", 4)]


# --- stems --------------------------------------------------------------------------------


def test_stemming_joins_questions_and_question() -> None:
    assert stem("questions", "english") == stem("question", "english")
    texts = ["Too many questions", "A question on salary", "The question about Kafka"]
    assert ("question", 3) in found(texts)


def test_stemming_joins_the_swedish_fragan_and_fragor() -> None:
    assert stem("frågan", "swedish") == stem("frågor", "swedish") == stem("frågorna", "swedish")
    assert stem("intervjun", "swedish") == stem("intervjuer", "swedish")
    assert stem("plan", "swedish") == stem("planen", "swedish")  # -n kept: not a definite form
    texts = [
        "Jag svarade för länge på frågan om lön",
        "Frågor om lön kom tidigt",
        "Fick inga frågor om lön alls",
    ]
    listed = found(texts)
    assert listed[0][1] == 3
    assert listed[0][0] in ("frågan om lön", "frågor om lön")


# --- counting -----------------------------------------------------------------------------


def test_a_phrase_counts_once_per_text_and_links_to_its_texts_newest_first() -> None:
    texts = [
        (9, "Nervous. Nervous again. So nervous."),
        (7, "nervous"),
        (4, "Calm"),
        (2, "Nervous"),
    ]
    (phrase,) = recurring(texts, at_least=3, limit=8)
    assert (phrase.text, phrase.count, phrase.interview_ids) == ("nervous", 3, (9, 7, 2))


def test_below_at_least_nothing_is_listed_and_limit_cuts_the_list() -> None:
    texts = ["salary", "salary", "kafka", "kafka", "kafka", "salary", "notice period"]
    assert found(texts, at_least=4) == []
    assert found(texts, at_least=3) == [("salary", 3), ("kafka", 3)]
    assert found(texts, at_least=3, limit=1) == [("salary", 3)]


def test_the_shown_form_is_what_the_user_wrote_most_with_stop_words_inside_kept() -> None:
    texts = [
        "Rambling on the first question again.",
        "I was rambling on the first question",
        "Rambled on the first question",
        "Too vague about the team project.",
        "Rambling on the first question, as usual",
    ]
    assert found(texts) == [("rambling on the first question", 4)]


# --- a longer phrase absorbs its parts ----------------------------------------------------


def test_a_longer_phrase_in_as_many_texts_absorbs_its_parts() -> None:
    texts = ["Rambled on the first question"] * 4 + ["Too vague about the project"] * 2
    assert found(texts) == [("rambled on the first question", 4)]


def test_a_part_is_listed_too_where_enough_texts_hold_it_alone() -> None:
    texts = ["Rambled on the first question"] * 4 + [
        "Hard question about salary",
        "A trick question",
        "The question on Kafka",
    ]
    assert found(texts) == [("question", 7), ("rambled on the first question", 4)]


def test_a_part_in_only_a_few_more_texts_stays_absorbed() -> None:
    texts = ["Rambled on the first question"] * 4 + ["Hard question about salary", "A question"]
    assert found(texts) == [("rambled on the first question", 4)]


def test_a_sentence_written_again_and_again_shows_whole() -> None:
    sentence = "Did not ask about next steps before we ran out of time."
    assert found([sentence] * 5) == [("ask about next steps before we ran out of time", 5)]


def test_on_a_tie_the_phrase_written_most_recently_comes_first() -> None:
    texts = ["Kafka", "salary", "Kafka", "salary", "Kafka", "salary"]
    assert found(texts) == [("kafka", 3), ("salary", 3)]


def test_a_word_inside_several_listed_phrases_is_listed_only_for_texts_they_miss() -> None:
    texts = ["Draw first; then talk"] * 3 + ["Rambled on the first question"] * 3
    assert found(texts) == [("rambled on the first question", 3), ("draw first", 3)]
    assert ("first", 9) in found([*texts, "First impressions", "First", "first things first"])


def test_of_phrases_in_exactly_the_same_texts_only_the_first_is_listed() -> None:
    texts = ["Slow down in system design: draw first, then talk."] * 4 + ["Calm"]
    assert found(texts) == [("slow down in system design", 4)]
    more = [*texts, "Talk slower", "Talk!", "Less talk"]
    assert found(more) == [("talk", 7), ("slow down in system design", 4)]


def test_the_shown_form_keeps_commas_and_the_capital_i_as_typed() -> None:
    texts = ["Draw first,  then talk", "I should draw first, then talk.", "draw first, then talk!"]
    assert found(texts) == [("draw first, then talk", 3)]
    assert found(["Ask when I will hear back"] * 3) == [("ask when I will hear back", 3)]
    assert found(["Frågade när jag får svar i dag"] * 3) == [("frågade när jag får svar i dag", 3)]


def test_a_full_stop_inside_a_word_does_not_end_the_sentence() -> None:
    texts = ["Weak on Node.js internals.", "Node.js internals again!", "node.js internals?"]
    assert found(texts) == [("node.js internals", 3)]
