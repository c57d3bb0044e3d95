"""Specification of quote extraction: quotation marks, speech cues and speaker resolution.

Unit tests build their Docs by hand (no trained model): words, spaces, heads, deps, POS tags and
entities are given explicitly, so each test states exactly the parse it relies on.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.extract.mentions import extract_mentions
from newsprism.extract.quotes import extract_quotes
from newsprism.extract.quotes.marks import find_quoted, titles, trailing_cue
from newsprism.extract.quotes.speakers import fullest_name
from newsprism.records import Mention, Quote, Span, content_id
from tests.docs import from_rows


def make_doc(rows: list[tuple[str, str, int, str, str]], ents: list[str] | None = None) -> Doc:
    """A Doc from (word, whitespace-after, head index, dep, tag) rows; POS derived from the tag."""
    pos_of = {"NNP": "PROPN", "NN": "NOUN", "NNS": "NOUN", "VBD": "VERB", "VBZ": "VERB", "PRP": "PRON"}
    doc = from_rows(
        rows,
        "word _ head dep tag",
        spaces=[r[1] == " " for r in rows],
        pos=[pos_of.get(r[4], "PUNCT" if r[3] == "punct" else "X") for r in rows],
        ents=ents or ["O"] * len(rows),
        sent_starts=[i == 0 for i in range(len(rows))],
    )
    for tok in doc:  # the blank pipeline has no lemmatizer: lemmas by hand
        tok.lemma_ = {"said": "say", "added": "add", "is": "be", "sounds": "sound"}.get(
            tok.lower_, tok.lower_
        )
    return doc


# "It is working," said Mira Kovac.  (tokens: “ It is working , ” said Mira Kovac .)
SAID_AFTER = [
    ("“", "", 2, "punct", "``"),
    ("It", " ", 2, "nsubj", "PRP"),
    ("is", " ", 6, "ccomp", "VBZ"),
    ("working", "", 2, "acomp", "JJ"),
    (",", "", 6, "punct", ","),
    ("”", " ", 6, "punct", "''"),
    ("said", " ", 6, "ROOT", "VBD"),
    ("Mira", " ", 8, "compound", "NNP"),
    ("Kovac", "", 6, "nsubj", "NNP"),
    (".", "", 6, "punct", "."),
]
SAID_AFTER_ENTS = ["O"] * 7 + ["B-PERSON", "I-PERSON", "O"]


def test_marks_pair_curly_and_straight_quotes_and_exclude_the_marks() -> None:
    text = 'He said “one thing” and "another thing" today.'
    found = [text[m.start : m.end] for m in find_quoted(text)]
    assert found == ["one thing", "another thing"]


def test_apostrophes_are_not_quotation_marks_but_nested_single_quotes_are() -> None:
    text = "“Xi’s plan has no ‘hidden’ parts,” she said."
    found = [(text[m.start : m.end], m.depth) for m in find_quoted(text)]
    assert found == [("Xi’s plan has no ‘hidden’ parts,", 0), ("hidden", 1)]


def test_a_quote_left_open_runs_to_the_paragraph_end_and_the_next_paragraph_continues_it() -> None:
    text = "“First part of the speech.\n\n“Second part,” she said."
    first, second = find_quoted(text)
    assert text[first.start : first.end] == "First part of the speech."
    assert first.close_lost
    assert second.continued
    assert text[second.start : second.end] == "Second part,"


def test_a_lost_opening_mark_starts_the_quote_at_the_paragraph_start() -> None:
    text = "Intro line.\nThe plan will work. We know it.”\nNext."
    (only,) = find_quoted(text)
    assert only.open_lost
    assert text[only.start : only.end] == "The plan will work. We know it."


@pytest.mark.parametrize(
    "text",
    [
        "Ferry strike ends, union confirms » The harbour reopened on Monday.",
        "Home » News » Harbour\nThe harbour reopened on Monday.",
        "The harbour reopened on Monday. Read more »",
    ],
)
def test_a_guillemet_with_nothing_open_is_a_separator_not_a_quote(text: str) -> None:
    assert find_quoted(text) == []


def test_marks_spaced_off_their_words_pair_and_never_make_the_paragraph_a_quote() -> None:
    text = 'Last year the paper ran an issue " guest-edited " by its founder, and sold out.'
    assert [text[m.start : m.end] for m in find_quoted(text)] == ["guest-edited"]


def test_guillemets_still_quote_when_they_pair() -> None:
    text = "Le maire a dit « nous reconstruirons » hier."
    assert [text[m.start : m.end] for m in find_quoted(text)] == ["nous reconstruirons"]


def test_an_unclosed_quote_stops_before_a_trailing_attribution() -> None:
    text = "“The border is long and hard to watch, she added."
    (only,) = find_quoted(text)
    assert text[only.start : only.end] == "The border is long and hard to watch"
    assert trailing_cue(", according to Sun.") == 0


def test_fullest_name_expands_a_surname_to_the_full_name_in_the_article() -> None:
    persons = [
        Mention(Span("a", 0, 14), "Vladimir Putin", "PERSON"),
        Mention(Span("a", 40, 45), "Putin", "PERSON"),
    ]
    assert fullest_name("Putin", persons) == "Vladimir Putin"
    assert fullest_name("Mr. Putin", persons) == "Vladimir Putin"
    assert fullest_name("Lavrov", persons) == "Lavrov"


def test_fullest_name_prefers_an_earlier_speaker_among_namesakes() -> None:
    persons = [
        Mention(Span("a", 0, 8), "Li Lifan", "PERSON"),
        Mention(Span("a", 50, 60), "Li Zhanshu", "PERSON"),
    ]
    assert fullest_name("Li", persons, prefer=["Li Lifan"], before=80) == "Li Lifan"


def test_direct_quote_with_the_cue_after_gets_the_named_speaker() -> None:
    doc = make_doc(SAID_AFTER, SAID_AFTER_ENTS)
    (quote,) = extract_quotes(doc, "art", extract_mentions(doc, "art"))
    assert quote.kind == "direct"
    assert quote.text == "It is working,"
    assert (quote.span.start, quote.span.end) == (1, 15)
    assert quote.id == content_id("art", "1", "15")
    assert quote.speaker_text == "Mira Kovac"
    assert quote.speaker_name == "Mira Kovac"
    assert quote.cue == "said"
    assert quote.unresolved is None
    assert quote.speaker is None  # filled by the linker


def test_a_pronoun_speaker_resolves_to_the_earlier_subject() -> None:
    rows = [
        ("Mira", " ", 1, "compound", "NNP"),
        ("Kovac", " ", 2, "nsubj", "NNP"),
        ("spoke", "", 2, "ROOT", "VBD"),
        (".", " ", 2, "punct", "."),
        ("“", "", 11, "punct", "``"),
        ("It", " ", 6, "nsubj", "PRP"),
        ("is", " ", 11, "ccomp", "VBZ"),
        ("working", "", 6, "acomp", "JJ"),
        (",", "", 11, "punct", ","),
        ("”", " ", 11, "punct", "''"),
        ("she", " ", 11, "nsubj", "PRP"),
        ("said", "", 11, "ROOT", "VBD"),
        (".", "", 11, "punct", "."),
    ]
    doc = make_doc(rows, ["B-PERSON", "I-PERSON"] + ["O"] * 11)
    (quote,) = extract_quotes(doc, "art", extract_mentions(doc, "art"))
    assert quote.speaker_text == "she"
    assert quote.speaker_name == "Mira Kovac"


def test_a_pronoun_with_no_antecedent_is_left_unresolved_with_a_reason() -> None:
    rows = [
        ("“", "", 6, "punct", "``"),
        ("It", " ", 2, "nsubj", "PRP"),
        ("is", " ", 6, "ccomp", "VBZ"),
        ("working", "", 2, "acomp", "JJ"),
        (",", "", 6, "punct", ","),
        ("”", " ", 6, "punct", "''"),
        ("she", " ", 7, "nsubj", "PRP"),
        ("said", "", 7, "ROOT", "VBD"),
        (".", "", 7, "punct", "."),
    ]
    rows[6] = ("she", " ", 7, "nsubj", "PRP")
    rows[2] = ("is", " ", 7, "ccomp", "VBZ")
    rows[0], rows[4], rows[5] = (
        ("“", "", 7, "punct", "``"),
        (",", "", 7, "punct", ","),
        ("”", " ", 7, "punct", "''"),
    )
    doc = make_doc(rows)
    (quote,) = extract_quotes(doc, "art", [])
    assert quote.speaker_name is None
    assert quote.unresolved is not None and "pronoun" in quote.unresolved


def test_a_short_quoted_phrase_without_a_cue_is_a_scare_quote_not_speech() -> None:
    rows = [
        ("The", " ", 4, "det", "DT"),
        ("“", "", 2, "punct", "``"),
        ("reform", "", 4, "compound", "NN"),
        ("”", " ", 2, "punct", "''"),
        ("plan", " ", 5, "nsubj", "NN"),
        ("failed", "", 5, "ROOT", "VBD"),
        (".", "", 5, "punct", "."),
    ]
    doc = make_doc(rows)
    assert extract_quotes(doc, "art", []) == []


# The firm sold the bonds as “green” debt, promising that funds would go to dams.
#   0    1    2    3   4   5  6    7    8   9     10       11   12    13    14  15 16  17  18
SPEECH_VERB_IN_ANOTHER_CLAUSE = [
    ("The", " ", 1, "det", "DT"),
    ("firm", " ", 2, "nsubj", "NN"),
    ("sold", " ", 2, "ROOT", "VBD"),
    ("the", " ", 4, "det", "DT"),
    ("bonds", " ", 2, "dobj", "NNS"),
    ("as", " ", 2, "prep", "IN"),
    ("“", "", 7, "punct", "``"),
    ("green", "", 9, "amod", "JJ"),
    ("”", " ", 7, "punct", "''"),
    ("debt", "", 5, "pobj", "NN"),
    (",", " ", 2, "punct", ","),
    ("promising", " ", 2, "advcl", "VBG"),
    ("that", " ", 16, "mark", "IN"),
    ("funds", " ", 16, "nsubj", "NNS"),
    ("would", " ", 16, "aux", "MD"),
    ("go", " ", 16, "aux", "VB"),
    ("to", " ", 11, "ccomp", "IN"),
    ("dams", "", 16, "pobj", "NNS"),
    (".", "", 2, "punct", "."),
]


def test_a_speech_verb_heading_another_clause_does_not_make_a_short_phrase_speech() -> None:
    doc = make_doc(SPEECH_VERB_IN_ANOTHER_CLAUSE)
    doc[11].pos_ = "VERB"
    doc[11].lemma_ = "promise"
    texts = [q.text for q in extract_quotes(doc, "art", [])]
    assert "green" not in texts
    assert texts == ["that funds would go to dams"]  # what "promising" does report


# Analysts warned that the so-called “flood tax” would hurt families.
SO_CALLED = [
    ("Analysts", " ", 1, "nsubj", "NNS"),
    ("warned", " ", 1, "ROOT", "VBD"),
    ("that", " ", 12, "mark", "IN"),
    ("the", " ", 9, "det", "DT"),
    ("so", "", 6, "advmod", "RB"),
    ("-", "", 6, "punct", "HYPH"),
    ("called", " ", 9, "amod", "VBN"),
    ("“", "", 9, "punct", "``"),
    ("flood", " ", 9, "compound", "NN"),
    ("tax", "", 12, "nsubj", "NN"),
    ("”", " ", 9, "punct", "''"),
    ("would", " ", 12, "aux", "MD"),
    ("hurt", " ", 1, "ccomp", "VB"),
    ("families", "", 12, "dobj", "NNS"),
    (".", "", 1, "punct", "."),
]


def test_a_so_called_label_in_quotation_marks_is_not_speech() -> None:
    doc = make_doc(SO_CALLED)
    doc[1].lemma_ = "warn"
    texts = [q.text for q in extract_quotes(doc, "art", [])]
    assert "flood tax" not in texts
    assert texts == ["that the so-called “flood tax” would hurt families"]  # what "warned" reports


def parsed_quotes(nlp: Language, text: str) -> list[Quote]:
    """The quotes of ``text`` parsed by the trained pipeline, with its mentions."""
    doc = nlp(text)
    return extract_quotes(doc, "art", extract_mentions(doc, "art"))


@pytest.mark.model
def test_reported_speech_and_documents_as_speakers_with_the_trained_model(nlp: Language) -> None:
    text = (
        "Anna Berg, a senior fellow at the Oslo Institute, said that the talks had stalled.\n"
        "“The countries stand together,” a Kremlin statement said.\n"
        "The Russian leader added that he “fully supports” the plan."
    )
    quotes = parsed_quotes(nlp, text)
    indirect = [q for q in quotes if q.kind == "indirect" and "talks" in q.text]
    assert indirect and indirect[0].speaker_name == "Anna Berg"
    assert indirect[0].role == "a senior fellow at the Oslo Institute"
    statement = next(q for q in quotes if q.text == "The countries stand together,")
    assert statement.speaker_name == "Kremlin"


def test_a_place_put_forward_as_subject_has_no_website_and_writes_no_reports(nlp: Language) -> None:
    """A country or city the article makes its subject is what "it" or "the statement" may refer
    to, never "the website" or "the reports": those are an organisation's or the press's."""
    text = (
        "Norway has struggled with smog every winter since the factories reopened.\n"
        "According to the website, the clinic sells ten-minute sessions of filtered air.\n"
        "Prices will double next year, according to the reports.\n"
        "Norway announced new limits on Monday. “We will close the worst plants,” the statement said."
    )
    quotes = parsed_quotes(nlp, text)
    website = next(q for q in quotes if "filtered air" in q.text)
    reports = next(q for q in quotes if "double" in q.text)
    assert (website.speaker_name, reports.speaker_name) == (None, None)
    statement = next(q for q in quotes if q.text.startswith("We will close"))
    assert statement.speaker_name == "Norway"


def _titles(text: str) -> list[str]:
    marked = find_quoted(text)
    return sorted(text[s:e] for s, e in titles(text, marked))


def test_quoted_titles_of_works_are_found_by_their_naming_word_or_their_list() -> None:
    assert _titles("It topped the charts with the single “Blinding Lights” in 2020.") == ["Blinding Lights"]
    assert _titles("She is starring in “Dune” this winter.") == ["Dune"]
    listed = "Expect the hits, including “Listen To The Music,” “Black Water,” “China Grove” and others."
    assert _titles(listed) == ["Black Water,", "China Grove", "Listen To The Music,"]


def test_capitalised_speech_is_not_a_title() -> None:
    assert _titles("“Unacceptable,” the minister said.") == []
    assert _titles("The show “is a disgrace to television,” she said.") == []
    assert _titles("“We will win,” “we will rebuild,” he said.") == []


@pytest.mark.model
def test_quoted_titles_are_not_quotes_with_the_trained_model(nlp: Language) -> None:
    text = (
        "According to Live Nation, fans can expect hits including “Listen To The Music,” "
        "“Black Water,” “China Grove” and others.\n"
        "The label said the single “Blinding Lights” sold ten million copies.\n"
        "“It is working,” said Mira Kovac."
    )
    quotes = parsed_quotes(nlp, text)
    assert [q.text for q in quotes if q.kind == "direct"] == ["It is working,"]


@pytest.mark.model
def test_a_pronoun_prefers_the_person_of_its_own_paragraph_to_an_earlier_speaker(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "Nora Lind said that the gauges were read only during office hours.\n\n"
        "Lawmakers have called on Karl Weber to resign. Last week he told a forum that the firm was "
        "“in the best shape of its history”.",
    )
    best = next(q for q in quotes if q.text == "in the best shape of its history")
    assert best.speaker_name == "Karl Weber"
    best = next(q for q in quotes if "“in the best shape of its history”" in q.text)
    assert (best.kind, best.speaker_name) == ("indirect", "Karl Weber")


@pytest.mark.model
def test_a_description_resolves_to_the_person_given_that_title(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "Tomas Marek, who is no relation to Interior Minister Ilona Marek, said he had lost 70 cows.\n\n"
        "The interior minister told volunteers that the state would pay for housing for “as long as it takes”.",
    )
    assert next(q for q in quotes if "“as long as it takes”" in q.text).speaker_name == "Ilona Marek"


def test_double_apostrophes_pair_as_quotation_marks() -> None:
    text = "''We will rebuild the pier,'' the mayor said. ''It is ours.''"
    found = [(text[m.start : m.end], m.depth) for m in find_quoted(text)]
    assert found == [("We will rebuild the pier,", 0), ("It is ours.", 0)]


def test_a_single_quote_nested_in_double_apostrophes_stays_nested() -> None:
    text = "''I told them, 'Hold the line,' and they did,'' she said."
    found = [(text[m.start : m.end], m.depth) for m in find_quoted(text)]
    assert found == [("I told them, 'Hold the line,' and they did,", 0), ("Hold the line,", 1)]


def test_inch_marks_after_a_number_are_not_quotation_marks() -> None:
    assert find_quoted("The new goalkeeper is 6'4\" tall and weighs 90 kilos.\nNext line.") == []


@pytest.mark.model
def test_double_apostrophe_quotes_get_their_speaker_with_the_trained_model(nlp: Language) -> None:
    quotes = parsed_quotes(nlp, "Maria Lopez runs the harbour office.\n\n''We will rebuild,'' Lopez said.")
    (q,) = [q for q in quotes if q.kind == "direct"]
    assert (q.text, q.speaker_name) == ("We will rebuild,", "Maria Lopez")


@pytest.mark.model
def test_a_quote_interrupted_by_its_cue_is_one_utterance_in_two_linked_parts(nlp: Language) -> None:
    text = "Omar Test, the harbour master, spoke on Monday.\n\n“The first boats leave at dawn,” he said, “and the last ones return at dusk.”"
    quotes = parsed_quotes(nlp, text)
    first, second = [q for q in quotes if q.kind == "direct"]
    assert second.continues == first.id and first.continues is None
    assert first.speaker_name == second.speaker_name == "Omar Test"
    for q in (first, second):
        assert text[q.span.start : q.span.end] == q.text


@pytest.mark.model
def test_a_quote_continued_after_its_attribution_links_to_the_first_part(nlp: Language) -> None:
    text = "“The first boats leave at dawn,” said Omar Test. “The last ones return at dusk.”\n\n“Nothing else changes for the town.”"
    quotes = parsed_quotes(nlp, text)
    first, second, third = [q for q in quotes if q.kind == "direct"]
    assert second.continues == first.id
    assert third.continues is None  # another paragraph, a new quote: same speaker, not one utterance
    assert third.speaker_name == "Omar Test"


@pytest.mark.model
def test_a_quoted_phrase_woven_into_a_paraphrase_belongs_to_the_reported_speech(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "Minister Petra Novak called the audit “a witch hunt” and promised to appeal.\n\n"
        "Governor Lena Holm said prices would rise at a “measured” rate this year.",
    )
    assert not [q for q in quotes if q.kind == "direct"]
    assert [(q.text, q.speaker_name) for q in quotes if q.kind == "partial"] == [
        ("a witch hunt", "Petra Novak"),
        ("measured", "Lena Holm"),
    ]
    hunt = next(q for q in quotes if "“a witch hunt”" in q.text)
    assert (hunt.kind, hunt.speaker_name) == ("indirect", "Petra Novak")
    assert "promised" not in hunt.text
    rate = next(q for q in quotes if "“measured”" in q.text)
    assert (rate.kind, rate.text, rate.speaker_name) == (
        "indirect",
        "prices would rise at a “measured” rate this year",
        "Lena Holm",
    )


@pytest.mark.model
def test_a_quoted_phrase_in_narration_without_a_cue_is_no_attribution(nlp: Language) -> None:
    quotes = parsed_quotes(nlp, "Ending “the long winter of the coalfields” is the plan's first goal.")
    assert quotes == []


@pytest.mark.model
def test_quotes_standing_as_the_whole_reported_content_stay_direct(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "Mira Kovac said: “The new plant will open in May.”\n\n"
        "Kovac told reporters “the workers will be hired locally.”\n\n"
        "“The town will be rebuilt,” Kovac said on Tuesday.",
    )
    assert [q.text for q in quotes if q.kind == "direct"] == [
        "The new plant will open in May.",
        "the workers will be hired locally.",
        "The town will be rebuilt,",
    ]


@pytest.mark.model
@pytest.mark.parametrize("verb", ["told", "urged", "asked", "warned"])
def test_the_object_of_an_addressing_verb_is_whom_it_addresses_not_what_is_said(
    nlp: Language, verb: str
) -> None:
    """One set of addressing verbs serves direct and reported speech (two copies had drifted)."""
    quotes = parsed_quotes(nlp, f"Mira Kovac {verb} the workers “the plant will reopen in May.”")
    direct = [q for q in quotes if q.kind == "direct"]
    assert [(q.text, q.speaker_name) for q in direct] == [("the plant will reopen in May.", "Mira Kovac")]


@pytest.mark.model
def test_a_speaker_after_a_quote_the_parser_took_for_the_subject_is_still_found(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "Tomas Berg spoke first.\n\n“The plant is in crisis mode. Full crisis mode,” said Ana Ruiz, "
        "a union organiser at the Delta Works in the north of the country.",
    )
    (q,) = [q for q in quotes if q.kind == "direct"]
    assert q.speaker_name == "Ana Ruiz"


def test_attribute_quotes_of_markup_left_in_the_text_are_not_quotation_marks() -> None:
    text = 'Fans cheered online.\n<post post-id="5512"><post/>.\nThe end.'
    assert find_quoted(text) == []


@pytest.mark.model
def test_a_long_attribution_between_two_parts_still_links_them(nlp: Language) -> None:
    text = (
        "“The harbour will reopen in spring,” said Ana Ruiz, a professor of maritime law at the "
        "northern university who has advised the port authority on three earlier reopenings. "
        "“Nobody expects any further delays this year.”"
    )
    first, second = [q for q in parsed_quotes(nlp, text) if q.kind == "direct"]
    assert second.continues == first.id


@pytest.mark.model
def test_the_reported_speech_around_a_long_woven_quote_holds_it_whole(nlp: Language) -> None:
    text = (
        "Mayor Ana Ruiz said that “the harbour will reopen in spring, I hope, before the first "
        "ferries of the season arrive from the islands.”"
    )
    quotes = parsed_quotes(nlp, text)
    (partial,) = [q for q in quotes if q.kind == "partial"]
    (around,) = [q for q in quotes if q.kind == "indirect"]
    assert around.span.start <= partial.span.start and partial.span.end < around.span.end
    assert around.text.endswith("islands.”")


@pytest.mark.model
def test_a_demanded_or_shouted_question_is_attributed_to_its_asker(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "The senators questioned the bank chief for hours.\n\n"
        "“Why is this not proof that the bank is too big to manage?” Ortega demanded.",
    )
    (q,) = [q for q in quotes if q.kind == "direct"]
    assert (q.speaker_text, q.cue) == ("Ortega", "demanded")


@pytest.mark.model
def test_the_person_shown_saying_something_in_footage_is_its_speaker_not_the_ad(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp, "The new ad opens with footage of Lena Park asking, “Who will pay for this bridge?”"
    )
    (q,) = [q for q in quotes if q.kind == "direct"]
    assert q.speaker_name == "Lena Park"


# “We will rebuild,” Harbor police Chief Dana Mills said Monday.  The parse real news gets: the
# town taken for a verb, the cue a conjunct of the quote's verb, no subject anywhere outside.
NAME_THEN_CUE = [
    ("“", "", 3, "punct", "``"),
    ("We", " ", 3, "nsubj", "PRP"),
    ("will", " ", 3, "aux", "MD"),
    ("rebuild", "", 3, "ROOT", "VB"),
    (",", "", 3, "punct", ","),
    ("”", " ", 3, "punct", "''"),
    ("Harbor", " ", 3, "dep", "VB"),
    ("police", " ", 8, "compound", "NN"),
    ("Chief", " ", 6, "dobj", "NNP"),
    ("Dana", " ", 10, "compound", "NNP"),
    ("Mills", " ", 8, "appos", "NNP"),
    ("said", " ", 3, "conj", "VBD"),
    ("Monday", "", 11, "npadvmod", "NNP"),
    (".", "", 3, "punct", "."),
]
NAME_THEN_CUE_ENTS = ["O"] * 9 + ["B-PERSON", "I-PERSON", "O", "B-DATE", "O"]

# Ivo Sand called for cuts. ''Nobody has read it,'' said Mr. Wexler.  Parsed as one sentence whose
# quotation hangs on "called", the cue after the quotation a conjunct of it.
CUE_THEN_NAME = [
    ("Ivo", " ", 1, "compound", "NNP"),
    ("Sand", " ", 2, "nsubj", "NNP"),
    ("called", " ", 2, "ROOT", "VBD"),
    ("for", " ", 2, "prep", "IN"),
    ("cuts", "", 3, "pobj", "NNS"),
    (".", " ", 2, "punct", "."),
    ("''", "", 9, "punct", "''"),
    ("Nobody", " ", 9, "nsubj", "NN"),
    ("has", " ", 9, "aux", "VBZ"),
    ("read", " ", 2, "ccomp", "VBN"),
    ("it", "", 9, "dobj", "PRP"),
    (",", "", 9, "punct", ","),
    ("''", " ", 9, "punct", "''"),
    ("said", " ", 2, "conj", "VBD"),
    ("Mr.", " ", 15, "compound", "NNP"),
    ("Wexler", "", 13, "nsubj", "NNP"),
    (".", "", 2, "punct", "."),
]
CUE_THEN_NAME_ENTS = ["B-PERSON", "I-PERSON"] + ["O"] * 13 + ["B-PERSON", "O"]


def test_the_name_between_a_quotation_and_its_cue_is_the_speaker_whatever_the_parse() -> None:
    doc = make_doc(NAME_THEN_CUE, NAME_THEN_CUE_ENTS)
    (quote,) = [q for q in extract_quotes(doc, "art", extract_mentions(doc, "art")) if q.kind == "direct"]
    assert (quote.speaker_name, quote.cue) == ("Dana Mills", "said")


def test_the_cue_right_after_a_quotation_attributes_it_not_a_verb_before_it() -> None:
    doc = make_doc(CUE_THEN_NAME, CUE_THEN_NAME_ENTS)
    (quote,) = [q for q in extract_quotes(doc, "art", extract_mentions(doc, "art")) if q.kind == "direct"]
    assert (quote.speaker_text, quote.cue) == ("Mr. Wexler", "said")


@pytest.mark.model
def test_a_participle_after_a_quoted_phrase_goes_on_with_the_sentence_not_its_attribution(
    nlp: Language,
) -> None:
    quotes = parsed_quotes(
        nlp,
        "The ministry described the talks as “frank and useful,” saying it “expects a deal within weeks.”",
    )
    assert {q.speaker_text for q in quotes} == {"The ministry"}


@pytest.mark.model
def test_a_clause_joined_after_a_quoted_phrase_does_not_attribute_it(nlp: Language) -> None:
    quotes = parsed_quotes(
        nlp,
        "The council rejected the charges as “plainly untrue,” and residents of the camp told "
        "reporters the claims were false.",
    )
    assert not [q for q in quotes if q.kind == "partial" and q.speaker_text == "residents"]


@pytest.mark.model
def test_a_named_speaker_is_never_resolved_to_a_pair_an_earlier_quote_spoke_as(nlp: Language) -> None:
    """ "They" may be "Ruiz and Berg"; "Mr. Berg" later is still Berg alone (the pair is no fuller
    form of his name)."""
    text = (
        "Mr. Ruiz and Mr. Berg met at the harbour in June. They said the talks would go on. "
        "Mr. Berg continues to insist his plan will work, saying the port will reopen in spring."
    )
    doc = nlp(text)
    quotes = extract_quotes(doc, "a", extract_mentions(doc, "a"))
    named = {q.speaker_name for q in quotes if q.speaker_text == "Mr. Berg"}
    assert named == {"Berg"}


def test_a_heading_on_the_line_above_is_no_part_of_the_speaker_phrase() -> None:
    """The parser hangs a paragraph's heading ("HARBOUR FERRIES") on its first subject as a
    compound; the speaker written there is "Veltmar", not "HARBOUR FERRIES Veltmar"."""
    from newsprism.extract.quotes.speakers import phrase
    from tests.docs import make_doc as parsed

    doc = parsed(
        [
            ("HARBOUR", "NN", "NOUN", 1, "compound", "O"),
            ("FERRIES", "NNS", "NOUN", 3, "compound", "O"),
            ("\n", "_SP", "SPACE", 1, "dep", "O"),
            ("Veltmar", "NNP", "PROPN", 5, "nsubj", "B-ORG"),
            ("is", "VBZ", "AUX", 5, "aux", "O"),
            ("hoping", "VBG", "VERB", 5, "ROOT", "O"),
            ("for", "IN", "ADP", 5, "prep", "O"),
            ("riders", "NNS", "NOUN", 6, "pobj", "O"),
            (".", ".", "PUNCT", 5, "punct", "O"),
        ]
    )
    assert phrase(doc[3]).text == "Veltmar"


def test_a_participle_describing_a_thing_takes_no_speaker_from_the_sentence_around_it() -> None:
    """ "We barred the skipper over photos posted on Sunday": the photos' poster is unsaid; the
    operator ("We") barred the skipper and posted nothing. With "by" the poster is named."""
    from newsprism.extract.quotes.speakers import subject_of
    from tests.docs import make_doc as parsed

    rows = [
        ("We", "PRP", "PRON", 1, "nsubj", "O"),
        ("barred", "VBD", "VERB", 1, "ROOT", "O"),
        ("the", "DT", "DET", 3, "det", "O"),
        ("skipper", "NN", "NOUN", 1, "dobj", "O"),
        ("over", "IN", "ADP", 1, "prep", "O"),
        ("photos", "NNS", "NOUN", 4, "pobj", "O"),
        ("posted", "VBN", "VERB", 5, "acl", "O"),
    ]
    assert subject_of(parsed([*rows, (".", ".", "PUNCT", 1, "punct", "O")])[6]) is None
    by = [("by", "IN", "ADP", 6, "agent", "O"), ("Ruiz", "NNP", "PROPN", 7, "pobj", "B-PERSON")]
    named = subject_of(parsed([*rows, *by, (".", ".", "PUNCT", 1, "punct", "O")])[6])
    assert named is not None and named.text == "Ruiz"


def test_an_organisation_speaks_by_its_whole_name_even_with_a_possessive_inside() -> None:
    """“The pier is safe,” the Harbour’s Gazette said: the paper is "Harbour’s Gazette", not
    "Harbour" (the run of proper nouns stops at the possessive)."""
    rows = [
        ("“", "", 11, "punct", "``"),
        ("The", " ", 2, "det", "DT"),
        ("pier", " ", 3, "nsubj", "NN"),
        ("is", " ", 11, "ccomp", "VBZ"),
        ("safe", "", 3, "acomp", "JJ"),
        (",", "", 11, "punct", ","),
        ("”", " ", 11, "punct", "''"),
        ("the", " ", 10, "det", "DT"),
        ("Harbour", "", 10, "poss", "NNP"),
        ("’s", " ", 8, "case", "POS"),
        ("Gazette", " ", 11, "nsubj", "NNP"),
        ("said", "", 11, "ROOT", "VBD"),
        (".", "", 11, "punct", "."),
    ]
    ents = ["O"] * 7 + ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"]
    doc = make_doc(rows, ents)
    (quote,) = extract_quotes(doc, "art", extract_mentions(doc, "art"))
    assert quote.speaker_name == "Harbour’s Gazette"


def test_it_after_a_statement_is_the_statement_so_its_author_speaks_or_nobody_known(nlp: Language) -> None:
    """ "It says" refers to the statement put forward after the last organisation: the author
    that put it out speaks, and a statement whose author is only "they" is marked unresolved,
    not read as the country named paragraphs before."""
    text = (
        "Canada was hit by a second wave of cancellations on Monday.\n"
        "The label denied blocking the concert. Now they have put out another statement.\n"
        "“We will license every performance of our artists,” it says.\n"
        "The Halden Group issued a statement on Tuesday. “We regret the delay,” it said."
    )
    quotes = parsed_quotes(nlp, text)
    license_ = next(q for q in quotes if q.text.startswith("We will license"))
    assert license_.speaker_name is None and license_.speaker_text == "it"
    regret = next(q for q in quotes if q.text.startswith("We regret"))
    assert regret.speaker_name == "Halden Group"


def test_it_after_a_statement_of_no_named_author_is_whoever_the_statement_is(nlp: Language) -> None:
    """ "The statement said" names no author: "it" later still refers to the organisation the
    statement is from, the last one put forward."""
    text = (
        "Two soldiers were killed in a crash, the Marsh Army said in a statement on Monday.\n"
        "“The cause is under investigation,” the statement said.\n"
        "It said it was withholding the names of the dead until their families were told."
    )
    quotes = parsed_quotes(nlp, text)
    withholding = next(q for q in quotes if q.text.startswith("it was withholding"))
    assert withholding.speaker_name == "Marsh Army"
