"""Words and phrases the user writes again and again, in English and Swedish.

Short reflections ("Rambled on the first question; answer in two sentences") are cut into
clauses at punctuation, stop words are dropped inside each clause, and the runs of words
left are counted by their stems, once per text: "questions" and "question", "frågan" and
"frågor" are one word. A longer phrase absorbs the shorter ones inside it unless they are
written clearly more often on their own. A phrase is shown in the words the user wrote
most often, with the stop words inside it kept ("rambling on the first question").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

from interview_journal.domain.insights import Phrase

__all__ = [
    "ENGLISH_STOP_WORDS",
    "LONGEST",
    "SWEDISH_STOP_WORDS",
    "clauses",
    "language_of",
    "recurring",
    "sentences",
    "stem",
    "words",
]

LONGEST = 8
"""The most words (stop words not counted) in a phrase. Runs of one to four words are what
people repeat; a longer run is counted only where its parts of one word less are found in
enough texts, so a sentence written again and again shows whole instead of as the runs of
four that overlap in it ("ask about next steps before we ran" and "next steps before we
ran out of time")."""

# a word list reads better as words than as a list of quoted strings
ENGLISH_STOP_WORDS = frozenset(
    """
    a about above after again against all already also am an and another any anything anyway
    are aren't as at be because been before being below between both but by can can't cannot
    could couldn't did didn't do does doesn't doing don't done down during each either else
    enough even ever every everything felt feel feels feeling few for from further get gets
    getting go goes going gone got had hadn't has hasn't have haven't having he he's her
    here herself him himself his how however i i'd i'll i'm i've if in into is isn't it it's
    its itself just kind less let let's like lot lots many may maybe me might more most much
    must mustn't my myself need needed needs never no nor not nothing now of off often on
    once one only or other others our ours out over own perhaps pretty probably quite rather
    really same seem seemed seems she she's should shouldn't since so some somehow something
    sometimes sort still such than that that's the their them themselves then there there's
    these they they're thing things think thinking thought this those though through to too
    tried tries try trying under until up us use used very want wanted was wasn't way we
    we're well went were weren't what when where which while who why will with without won't
    would wouldn't yes yet you you're your yourself bit little actually basically stuff
    """.split()  # noqa: SIM905
)
"""Pronouns, articles, auxiliaries, prepositions, conjunctions and the filler that carries
no lesson ("really", "a bit", "I think")."""

SWEDISH_STOP_WORDS = frozenset(  # as prose, like the English list
    """
    alla allt alltid alltså andra annan annars annat antingen att av
    bakom bara behöver behövde bland blev bli blir blivit borde bort bra både båda
    de dem den denna deras dess dessa det detta dig dej din dina ditt dock du där
    därför då efter eftersom ej eller en ens er era ert ett
    fick fler flera framför fram från fått få får för före förut försöka försöker
    försökte
    gick gjorde gjort gå går gått göra gör
    ha hade haft han hans har hela hellre henne hennes hit hon honom hos hur här
    i ibland icke igen ingen inget inga innan inte in iväg
    ja jag ju just
    kan kanske knappt kom komma kommer kommit kunde kunnat kändes känns kände
    lika liksom lite litet länge
    man med medan mej mellan men mer mest mig min mina mindre mitt mot mycket må måste
    nej ner ni nog nu när någon något några nåt nån nånting
    och också oftast om oss
    på
    redan rätt riktigt runt
    sa sade sagt samma samt sedan sen sig sej sin sina sitt själv själva skall ska skulle
    slags snarare som så sådan sådana sådant säga säger
    ta tar tog tagit till tills trots tycker tyckte typ tänker tänkte
    under upp ut utan
    vad var vara varandra varför varit varje vars vart verkade verkar verkligen vem vi vid
    vilka vilken vilket vill ville visst väl väldigt
    åt
    än ändå ännu även
    över
    """.split()  # noqa: SIM905
)
"""The same for Swedish ("lite", "väldigt", "typ", "liksom")."""

_WORDS = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
"""Letters and digits of any script; an apostrophe or a hyphen inside a word keeps it one
("didn't", "follow-up")."""

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
"""Where a sentence ends: a full stop, question or exclamation mark before a space (not
in "node.js" or "2.5"), or a new line."""

_BREAK = re.compile(r"[;:()\[\]{}\"“”«»…–—|/•*]|\s-+\s")
"""Where a clause ends inside a sentence (a dash typed as " - " too): a phrase never runs
across these. A comma does not end one ("draw first, then talk")."""

_VOWELS = frozenset("aeiouyäåö")


def _pieces(text: str) -> list[list[str]]:
    """The text case-folded and cut into sentences, each the list of its clauses' text."""
    folded = text.replace("’", "'").casefold()
    return [_BREAK.split(sentence) for sentence in _SENTENCE_END.split(folded)]


def sentences(text: str) -> list[list[list[str]]]:
    """The text's sentences, each a list of its clauses, each the list of its words,
    case-folded."""
    found = []
    for sentence in _pieces(text):
        parts = [words for part in sentence if (words := _WORDS.findall(part))]
        if parts:
            found.append(parts)
    return found


def clauses(text: str) -> list[list[str]]:
    """The text's clauses (cut at the end of a sentence, a semicolon, a colon, a bracket,
    a dash or a new line), each the list of its words, case-folded."""
    return [clause for sentence in sentences(text) for clause in sentence]


def words(text: str) -> list[str]:
    """Every word of the text, case-folded, in order."""
    return _WORDS.findall(text.replace("’", "'").casefold())


_ALSO_ENGLISH = frozenset({"bland", "den", "dock", "ens", "era", "hit", "man", "sin", "ta", "tar"})
"""Swedish stop words that are English words too ("hit", "man"): they do not make a text
Swedish."""

_SWEDISH_ONLY = SWEDISH_STOP_WORDS - ENGLISH_STOP_WORDS - _ALSO_ENGLISH
_ENGLISH_ONLY = ENGLISH_STOP_WORDS - SWEDISH_STOP_WORDS


def _hits(tokens: Sequence[str]) -> tuple[int, int]:
    """How many of the words are English stop words, and how many Swedish ones (the words
    of both lists, like "i" and "under", count for neither)."""
    return sum(map(_ENGLISH_ONLY.__contains__, tokens)), sum(
        map(_SWEDISH_ONLY.__contains__, tokens)
    )


def language_of(tokens: Sequence[str]) -> str:
    """ "swedish" when more of the words are Swedish stop words than English ones, else
    "english"."""
    english, swedish = _hits(tokens)
    return "swedish" if swedish > english else "english"


_STOP_WORDS = {"english": ENGLISH_STOP_WORDS, "swedish": SWEDISH_STOP_WORDS}
_STEMMERS: dict[str, Callable[[str], str]] = {
    language: snowballstemmer.stemmer(language).stemWord for language in _STOP_WORDS
}


def _swedish_r1(word: str) -> int:
    """Where Snowball's R1 region of a Swedish word begins: after the first consonant that
    follows a vowel, and never before the fourth letter."""
    for index in range(1, len(word)):
        if word[index] not in _VOWELS and word[index - 1] in _VOWELS:
            return max(index + 1, 3)
    return len(word)


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The word's stem (remembered: stemming is the slow part of reading texts).

    Snowball's Swedish stemmer leaves the definite form of words ending in a vowel as it
    is ("frågan", "intervjun"), so their -n is taken off first where it lies in R1
    (not in "plan")."""
    if (
        language == "swedish"
        and word[-2:] in ("an", "un")
        and len(word) > 4
        and len(word) - 2 >= _swedish_r1(word)
    ):
        word = word[:-1]
    return _STEMMERS[language](word)


@dataclass(frozen=True, slots=True)
class _Clause:
    """A clause's words, and the words left when stop words are dropped: where each
    stands in the clause, and its stem."""

    text: str
    """As written, case-folded."""
    words: list[str]
    at: list[int]
    stems: tuple[str, ...]
    english: bool


def _read(text: str) -> list[_Clause]:
    """The text cut into clauses, each with its stop words marked and its words stemmed,
    in the language of its sentence (a text may switch: "Told the story well. Bra
    stämning med chefen."), or of the whole text where the sentence does not say."""
    every = [
        [(part, found) for part in sentence if (found := _WORDS.findall(part))]
        for sentence in _pieces(text)
    ]
    language = language_of(
        [word for sentence in every for _, clause in sentence for word in clause]
    )
    read = []
    for sentence in every:
        english, swedish = _hits([word for _, clause in sentence for word in clause])
        own = language if english == swedish else "swedish" if swedish > english else "english"
        stop_words = _STOP_WORDS[own]
        for part, clause in sentence:
            at = [index for index, word in enumerate(clause) if word not in stop_words]
            if at:
                stems = tuple(stem(clause[index], own) for index in at)
                read.append(_Clause(part, clause, at, stems, own == "english"))
    return read


Key = tuple[str, ...]
"""A phrase by the stems of its words (stop words left out)."""


def _parts(key: Key) -> Iterator[Key]:
    """Every shorter run of words inside a phrase."""
    for size in range(1, len(key)):
        for start in range(len(key) - size + 1):
            yield key[start : start + size]


_Place = tuple[_Clause, int]
"""Where a phrase was written: its clause, and the index of its first kept word."""


def _count(
    read: list[tuple[int, list[_Clause]]], size: int, starts: list[list[list[int]]]
) -> tuple[dict[Key, list[int]], dict[Key, list[_Place]]]:
    """The phrases of `size` words starting at `starts` (per text, per clause): the texts
    holding each (their ids, once per text) and where each was written."""
    holding: dict[Key, list[int]] = {}
    places: dict[Key, list[_Place]] = {}
    for (interview_id, text), text_starts in zip(read, starts, strict=True):
        for clause, clause_starts in zip(text, text_starts, strict=True):
            stems = clause.stems
            for start in clause_starts:
                key = stems[start : start + size]
                ids = holding.get(key)
                if ids is None:
                    holding[key] = [interview_id]
                    places[key] = [(clause, start)]
                else:
                    if ids[-1] != interview_id:  # once per text: its phrases come together
                        ids.append(interview_id)
                    places[key].append((clause, start))
    return holding, places


def _next_starts(
    read: list[tuple[int, list[_Clause]]],
    size: int,
    starts: list[list[list[int]]],
    often: set[Key],
) -> list[list[list[int]]]:
    """Where a phrase of `size + 1` words may start: where both its parts of `size` words
    were found often enough (a phrase is never in more texts than its parts)."""
    following = []
    for (_, text), text_starts in zip(read, starts, strict=True):
        per_clause = []
        for clause, clause_starts in zip(text, text_starts, strict=True):
            stems = clause.stems
            ok = {start for start in clause_starts if stems[start : start + size] in often}
            per_clause.append([start for start in clause_starts if start in ok and start + 1 in ok])
        following.append(per_clause)
    return following


_PRONOUN = re.compile(r"\bi\b")


def _form(place: _Place, size: int, spans: dict[int, list[tuple[int, int]]]) -> str:
    """What was written for a phrase of `size` kept words at `place`: from its first word
    to its last as typed (stop words and commas inside it kept, spaces made single), the
    English "I" given back its capital. `spans` remembers where each clause's words are."""
    clause, start = place
    where = spans.get(id(clause))
    if where is None:
        where = spans[id(clause)] = [match.span() for match in _WORDS.finditer(clause.text)]
    text = " ".join(
        clause.text[where[clause.at[start]][0] : where[clause.at[start + size - 1]][1]].split()
    )
    return _PRONOUN.sub("I", text) if clause.english else text


def recurring(
    texts: Sequence[tuple[int, str]], *, at_least: int, limit: int, shortest: int = 1
) -> list[Phrase]:
    """The words and phrases found in at least `at_least` of the texts, the most found
    first (a longer phrase before its parts on a tie), at most `limit`.

    `texts` are (interview id, text), newest first; a phrase counts once per text (texts
    of one interview given one after the other count once). A longer phrase absorbs the
    shorter ones inside it: "question" is listed beside "first question" only when at
    least `at_least` texts hold it without a longer phrase listed. Of phrases found in
    exactly the same texts, only the first is listed. A phrase of fewer than `shortest`
    words (stop words aside) is not listed, though it still counts for the rules above."""
    at_least = max(at_least, 1)
    read = [(interview_id, _read(text)) for interview_id, text in texts]
    starts = [[list(range(len(clause.stems))) for clause in text] for _, text in read]
    found: list[tuple[Key, list[int]]] = []
    places: dict[Key, list[_Place]] = {}
    order: dict[Key, int] = {}
    for size in range(1, LONGEST + 1):
        holding, written = _count(read, size, starts)
        often = [(key, ids) for key, ids in holding.items() if len(ids) >= at_least]
        if not often:
            break
        found += often
        places |= written
        order |= {key: index for index, key in enumerate(holding)}  # first seen: newest
        starts = _next_starts(read, size, starts, {key for key, _ in often})
    found.sort(key=lambda item: -len(item[0]))  # the longest first: they absorb
    # per part of a phrase kept: the texts holding a phrase kept around it
    covered: dict[Key, set[int]] = {}
    kept: list[tuple[Key, list[int]]] = []
    for key, ids in found:
        around = covered.get(key)
        if around is not None and sum(i not in around for i in ids) < at_least:
            continue
        kept.append((key, ids))
        for part in _parts(key):
            covered.setdefault(part, set()).update(ids)
    kept.sort(key=lambda item: (-len(item[1]), -len(item[0]), order[item[0]]))
    # phrases in exactly the same texts (the parts of one sentence written again and
    # again) say nothing the first of them does not: opening either reads the same texts
    distinct: list[tuple[Key, list[int]]] = []
    sets: set[tuple[int, ...]] = set()
    for key, ids in kept:
        if len(key) >= shortest and tuple(ids) not in sets:
            sets.add(tuple(ids))
            distinct.append((key, ids))
    shown = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for key, ids in distinct[:limit]:
        # the words written most often; on a tie, the newest (places are newest first)
        forms = Counter(_form(place, len(key), spans) for place in places[key])
        shown.append(Phrase(forms.most_common(1)[0][0], len(ids), tuple(ids)))
    return shown
