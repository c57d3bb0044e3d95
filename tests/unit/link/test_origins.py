"""Copies and independent origins: verbatim, edited and spun copies are found, their likely
original named, and independent reports of one event left apart."""

from __future__ import annotations

import re

import pytest

from newsprism.link.origins import find_origins, origin_index, original_rank
from newsprism.records import Article, ArticleAnalysis, Published, Quality, content_id

WIRE = (
    "ORLINGEN, March 3 (NWA) - The Halvard Bridge over the Sorne River was closed on Monday "
    "after inspectors found corroded cables beneath its northern span.\n"
    "About 40,000 vehicles cross the bridge every day, according to the regional transport office.\n"
    "Traffic was diverted through the old harbour tunnel, where queues stretched for six kilometres "
    "by the evening rush hour.\n"
    "Mayor Ingrid Solberg called the closure painful but unavoidable.\n"
    '"We will not gamble with the safety of our citizens," Solberg told reporters at the town hall.\n'
    "Engineers expect repairs to take at least four months and to cost roughly 12 million euros.\n"
    "The bridge, opened in 1968, was last renovated in 2004 under a programme funded by the province.\n"
    "Ferry operators said they would add extra crossings from Tuesday to ease the pressure on commuters.\n"
    "A petition demanding a second bridge has gathered more than 9,000 signatures since January."
)

# The same story after an editor's pass: one word changed, a sentence cut, one added, two swapped.
EDITED = (
    "ORLINGEN, March 3 (NWA) - The Halvard Bridge over the Sorne River was closed on Monday "
    "after inspectors found rusted cables beneath its northern span.\n"
    "About 40,000 vehicles cross the bridge every day, according to the regional transport office.\n"
    "Mayor Ingrid Solberg called the closure painful but unavoidable.\n"
    "Traffic was diverted through the old harbour tunnel, where queues stretched for six kilometres "
    "by the evening rush hour.\n"
    '"We will not gamble with the safety of our citizens," Solberg told reporters at the town hall.\n'
    "Engineers expect repairs to take at least four months and to cost roughly 12 million euros.\n"
    "The bridge, opened in 1968, was last renovated in 2004 under a programme funded by the province.\n"
    "A petition demanding a second bridge has gathered more than 9,000 signatures since January.\n"
    "The Orlingen Gazette has asked the province for the latest inspection report."
)

# A synonym-swapping spinner's rewrite: nearly every sentence changed, names and numbers kept.
SPUN = (
    "ORLINGEN, March 3 (NWA) - The Halvard Bridge across the Sorne River was shut on Monday "
    "once examiners discovered rusted wires under its northern section.\n"
    "Roughly 40,000 cars travel over the bridge each day, based on the regional transport agency.\n"
    "Vehicles were rerouted via the ancient harbour tunnel, where lines extended for six kilometres "
    "by the night rush hour.\n"
    "Mayor Ingrid Solberg labelled the shutdown agonising yet inevitable.\n"
    '"We will not gamble with the safety of our citizens," Solberg informed journalists at the town hall.\n'
    "Technicians anticipate fixes to need no less than four months and to price approximately 12 million euros.\n"
    "The bridge, inaugurated in 1968, was previously refurbished in 2004 under a scheme financed by the province.\n"
    "Boat companies stated they might include additional trips from Tuesday to relieve the strain on travellers.\n"
    "A request seeking a second bridge has collected beyond 9,000 autographs since January."
)

# Another outlet's own report of the same event: same facts, its own words, one shared quote.
INDEPENDENT = (
    "Commuters in Orlingen faced long delays on Monday after the city shut the Halvard Bridge.\n"
    "Inspectors had discovered badly corroded cables under the northern span during a routine check.\n"
    '"We will not gamble with the safety of our citizens," Solberg told reporters at the town hall.\n'
    "Local businesses on the north bank fear that months without the bridge will cost them customers.\n"
    "The café owner Marta Lind said her takings had halved within hours of the closure.\n"
    "Opposition councillors accused the province of ignoring warnings about the bridge for a decade.\n"
    "The repair bill, put at about 12 million euros, will be shared by the city and the province.\n"
    "Schools on the south bank will open an hour later until the end of the month."
)

# A report quoting the same speech at length, with its own narrative around the quotes.
SPEECH_A = (
    "The mayor addressed the council on Tuesday evening.\n"
    '"The bridge carried this town for half a century and it deserves better than neglect," Solberg said.\n'
    '"We asked the province for money three times and three times we were refused," she said.\n'
    '"Today I am asking again, and this time the whole town is listening," she added.\n'
    "Council members from every party applauded at the end of her remarks.\n"
    "A vote on an emergency budget for ferries is expected next week."
)
SPEECH_B = (
    "Ingrid Solberg used a packed council meeting to turn the closure against the regional government.\n"
    '"The bridge carried this town for half a century and it deserves better than neglect," Solberg said.\n'
    '"We asked the province for money three times and three times we were refused," she said.\n'
    '"Today I am asking again, and this time the whole town is listening," she added.\n'
    "Provincial officials declined to comment on the mayor's account of the funding requests.\n"
    "Her opponents called the speech an attempt to shift blame for years of poor maintenance."
)

_SENTENCE = re.compile(r"[^\n]+")


def article(ident: str, text: str, published: str | None = None, outlet: str = "Outlet") -> Article:
    """An article whose id is ``ident`` (readable in failures); metadata date when given."""
    when = Published(published, "metadata") if published else Published()
    return Article(id=ident, source=f"{ident}.txt", title=ident, text=text, outlet=outlet, published=when)


def analysis(item: Article, *, inferred: str | None = None, quality: float = 0.0) -> ArticleAnalysis:
    """Sentences one per line (a stand-in for the parser's splitter)."""
    spans = tuple((m.start(), m.end()) for m in _SENTENCE.finditer(item.text))
    published = Published(inferred, "inferred", 0.8) if inferred else None
    return ArticleAnalysis(item.id, sentences=spans, quality=Quality(score=quality), published=published)


def test_verbatim_copy_names_the_earlier_article_as_original() -> None:
    wire = article("wire", WIRE, "2025-03-03")
    copy = article("copy", WIRE.replace("\n", "\n\n"), "2025-03-04", outlet="Copier")
    [origin] = find_origins([copy, wire], [analysis(copy), analysis(wire)])
    assert origin.original == "wire"
    assert origin.articles == ("wire", "copy")
    [relation] = origin.relations
    assert (relation.copy, relation.original, relation.kind) == ("copy", "wire", "verbatim")
    assert relation.similarity == 1.0


def test_evidence_cites_aligned_sentences_of_copy_and_original() -> None:
    wire, copy = article("wire", WIRE, "2025-03-03"), article("copy", EDITED, "2025-03-04")
    [origin] = find_origins([wire, copy], [analysis(wire), analysis(copy)])
    evidence = origin.relations[0].evidence
    assert 1 <= len(evidence) <= 3
    for cited_copy, cited_original in evidence:
        assert cited_copy.span.article == "copy" and cited_original.span.article == "wire"
        assert cited_copy.span.text_of(EDITED) == cited_copy.text
        assert cited_original.span.text_of(WIRE) == cited_original.text
        assert not cited_copy.text.startswith('"')  # narrative sentences, not the shared quote


def test_lightly_edited_copy_is_edited() -> None:
    wire, copy = article("wire", WIRE, "2025-03-03"), article("copy", EDITED, "2025-03-05")
    [origin] = find_origins([copy, wire], [analysis(copy), analysis(wire)])
    [relation] = origin.relations
    assert (relation.copy, relation.original, relation.kind) == ("copy", "wire", "edited")
    assert 0.8 <= relation.similarity < 1.0


def test_synonym_spun_copy_is_a_paraphrase() -> None:
    wire, spun = article("wire", WIRE, "2025-03-03"), article("spun", SPUN, "2025-03-04")
    [origin] = find_origins([wire, spun], [analysis(wire), analysis(spun)])
    [relation] = origin.relations
    assert (relation.copy, relation.original, relation.kind) == ("spun", "wire", "paraphrase")
    assert relation.similarity >= 0.7


def test_independent_report_sharing_a_quote_is_its_own_origin() -> None:
    wire, own = article("wire", WIRE, "2025-03-03"), article("own", INDEPENDENT, "2025-03-03")
    origins = find_origins([wire, own], [analysis(wire), analysis(own)])
    assert [o.articles for o in origins] == [("wire",), ("own",)]
    assert all(not o.relations for o in origins)


def test_same_speech_quoted_by_two_outlets_is_not_copying() -> None:
    a, b = article("a", SPEECH_A, "2025-03-04"), article("b", SPEECH_B, "2025-03-04")
    origins = find_origins([a, b], [analysis(a), analysis(b)])
    assert len(origins) == 2


def test_two_copies_of_one_wire_story_are_one_origin() -> None:
    wire = article("wire", WIRE, "2025-03-03")
    first = article("first", EDITED, "2025-03-04", outlet="Gazette")
    second = article("second", WIRE, "2025-03-05", outlet="Mirror")
    own = article("own", INDEPENDENT, "2025-03-03", outlet="Courier")
    items = [second, own, first, wire]
    origins = find_origins(items, [analysis(a) for a in items])
    index = origin_index(origins)
    assert index["wire"] == index["first"] == index["second"] != index["own"]
    merged = next(o for o in origins if o.original == "wire")
    assert merged.articles == ("wire", "first", "second")
    assert merged.id == content_id("first", "second", "wire")
    assert {(r.copy, r.original, r.kind) for r in merged.relations} == {
        ("first", "wire", "edited"),
        ("second", "wire", "verbatim"),
    }


def test_every_article_in_exactly_one_origin_whatever_the_input_order() -> None:
    items = [
        article("wire", WIRE, "2025-03-03"),
        article("edited", EDITED, "2025-03-04"),
        article("spun", SPUN, "2025-03-05"),
        article("own", INDEPENDENT, "2025-03-03"),
        article("speech-a", SPEECH_A, "2025-03-04"),
        article("speech-b", SPEECH_B, "2025-03-04"),
    ]
    forward = find_origins(items, [analysis(a) for a in items])
    members = [a for o in forward for a in o.articles]
    assert sorted(members) == sorted(a.id for a in items)
    backward = find_origins(items[::-1], [analysis(a) for a in items[::-1]])
    assert sorted(forward, key=lambda o: o.id) == sorted(backward, key=lambda o: o.id)
    assert [o.original for o in forward] == ["wire", "own", "speech-a", "speech-b"]


def test_article_without_analysis_is_split_into_sentences_by_punctuation() -> None:
    wire, copy = article("wire", WIRE, "2025-03-03"), article("copy", WIRE.replace("\n", " "), "2025-03-04")
    [origin] = find_origins([wire, copy], [])
    assert origin.articles == ("wire", "copy")
    assert origin.relations[0].kind == "verbatim"


@pytest.mark.parametrize(
    ("left", "right", "original"),
    [
        # earlier publication day wins, whatever else
        (({"published": "2025-03-04"}, {}), ({"published": "2025-03-03"}, {"quality": 0.9}), "right"),
        # same day: a metadata date beats a date inferred from the text
        (({}, {"inferred": "2025-03-03"}), ({"published": "2025-03-03"}, {}), "right"),
        # an inferred date beats none
        (({}, {}), ({}, {"inferred": "2025-03-09"}), "right"),
        # same day and certainty: the earlier time (in UTC) wins
        (
            ({"published": "2025-03-03T08:00:00+01:00"}, {}),
            ({"published": "2025-03-03T07:30:00+00:00"}, {}),
            "left",
        ),
        # same date: the cleaner text (lower quality score) wins
        (({"published": "2025-03-03"}, {"quality": 0.4}), ({"published": "2025-03-03"}, {}), "right"),
        # everything equal: the longer text wins
        (({"published": "2025-03-03"}, {}), ({"published": "2025-03-03", "longer": True}, {}), "right"),
    ],
)
def test_original_rank_prefers_earlier_then_surer_then_cleaner_then_longer(
    left: tuple[dict[str, str], dict[str, object]],
    right: tuple[dict[str, str], dict[str, object]],
    original: str,
) -> None:
    def build(name: str, spec: tuple[dict[str, str], dict[str, object]]) -> tuple[Article, ArticleAnalysis]:
        meta, extra = spec
        text = WIRE + ("\nOne more sentence about the ferries and the queues." if meta.get("longer") else "")
        item = article(name, text, meta.get("published"))
        quality = float(str(extra.get("quality", 0.0)))
        inferred = extra.get("inferred")
        return item, analysis(item, inferred=str(inferred) if inferred else None, quality=quality)

    a, b = build("left", left), build("right", right)
    best = min((a, b), key=lambda pair: original_rank(*pair))
    assert best[0].id == original


def test_undated_equal_articles_fall_back_to_id_order() -> None:
    a, b = article("b-second", WIRE), article("a-first", WIRE.replace("\n", "\n\n"))
    [origin] = find_origins([a, b], [analysis(a), analysis(b)])
    assert origin.original == "a-first"
