"""Summary selection: concept weights across origins, coverage instead of repetition, the lead
prior, and the lazy greedy choosing what the plain greedy chooses."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.records import Article, ArticleAnalysis
from newsprism.summarize.candidates import Candidate, candidates
from newsprism.summarize.select import (
    CONCEPT_WEIGHTS,
    SENTENCE_WEIGHTS,
    Params,
    _follower,
    _repeats,
    _unit,
    bonuses,
    concept_features,
    concept_weights,
    concepts,
    lead_prior,
    quotation,
    select,
    sentence_features,
    similar,
    vectorise,
)
from newsprism.summarize.text import terms, tokens


def story(*articles: Sequence[str], origins: Sequence[str] | None = None) -> list[Candidate]:
    """Candidates of articles ``a0, a1, ...`` (each a list of sentences), with their origins."""
    arts: list[Article] = []
    ans: list[ArticleAnalysis] = []
    for k, sentences in enumerate(articles):
        spans, pos = [], 0
        for s in sentences:
            spans.append((pos, pos + len(s)))
            pos += len(s) + 1
        arts.append(Article(id=f"a{k}", source=f"a{k}.txt", title="", text=" ".join(sentences)))
        ans.append(ArticleAnalysis(f"a{k}", tuple(spans)))
    origin_of = {a.id: (origins[k] if origins else a.id) for k, a in enumerate(arts)}
    return candidates(arts, ans, origin_of)


def weights_of(cands: Sequence[Candidate]) -> dict[tuple[str, ...], float]:
    held = [concepts(c.text) for c in cands]
    return concept_weights(concept_features(cands, held), Params().concept_weights)


def test_tokens_keep_stop_words_unstemmed_and_terms_are_the_rest() -> None:
    text = "The news of the floods was in all the papers."
    assert [t for t, stop in tokens(text) if not stop] == terms(text)
    assert ("the", True) in tokens(text)
    assert ("flood", False) in tokens(text)
    assert concepts("Floods cut roads.") == {
        ("flood",),
        ("cut",),
        ("road",),
        ("flood", "cut"),
        ("cut", "road"),
    }


def test_a_word_two_origins_use_outweighs_one_a_single_origin_uses() -> None:
    cands = story(
        ["The levee broke near the mill on Sunday night."],
        ["Water poured through the broken levee into the lower town."],
    )
    w = weights_of(cands)
    assert w[("levee",)] > w[("mill",)]
    assert all(0.0 < v < 1.0 for v in w.values())


def test_copies_of_one_origin_count_once() -> None:
    wire = ["The levee broke near the mill on Sunday night."]
    other = ["Water poured into the lower town on Monday."]
    copies = weights_of(story(wire, wire, other, origins=["w", "w", "x"]))
    sources = weights_of(story(wire, wire, other))
    assert copies[("mill",)] < sources[("mill",)]


def test_a_sentence_of_terms_other_origins_share_gets_the_larger_bonus() -> None:
    cands = story(
        ["The levee broke near the mill on Sunday night.", "A bakery gave away free bread to volunteers."],
        ["Officials said the levee near the mill broke on Sunday night."],
    )
    rows = sentence_features(cands, similar(cands, vectorise(cands), Params()))
    assert len(rows[0]) == len(SENTENCE_WEIGHTS)
    assert rows[0][0] == 1.0 and rows[1][0] == 0.0  # share of terms another origin uses
    assert rows[0][1] == 1.0 and rows[1][1] == 0.0  # the other origin states it too
    assert len(CONCEPT_WEIGHTS) == len(
        next(iter(concept_features(cands, [concepts(c.text) for c in cands]).values()))
    )


def test_a_second_wording_of_a_chosen_fact_loses_to_a_new_fact() -> None:
    cands = story(
        [
            "The levee broke near the old mill on Sunday night, flooding the lower town.",
            "Schools across the county will stay closed until Wednesday.",
        ],
        ["The levee near the old mill broke on Sunday night and flooded the lower town."],
        ["Near the old mill, the levee broke late on Sunday, and the lower town flooded."],
    )
    vecs = vectorise(cands)
    chosen = select(cands, vecs, similar(cands, vecs, Params()), 26, Params())
    texts = [cands[i].text for i in chosen]
    assert "Schools across the county will stay closed until Wednesday." in texts
    assert sum("levee" in t for t in texts) == 1


def test_the_lead_prior_is_flat_over_the_first_paragraph_then_falls() -> None:
    assert [lead_prior(p, 5) for p in range(5)] == [1.0] * 5
    assert lead_prior(19, 5) == 0.5
    assert lead_prior(5, 5) > lead_prior(40, 5) > 0.0


def eager(cands: Sequence[Candidate], max_words: int, params: Params) -> list[int]:
    """The plain greedy :func:`select` accelerates, with no state carried between rounds: every
    round recomputes what is covered, what is left and every gain."""
    vecs = vectorise(cands)
    held = [concepts(c.text) for c in cands]
    weight = concept_weights(concept_features(cands, held), params.concept_weights)
    bonus = bonuses(cands, similar(cands, vecs, params), params)
    units = {i: _unit(cands, i) for i, c in enumerate(cands) if c.eligible}
    taken: set[int] = set()
    chosen: list[int] = []
    while True:
        covered = set().union(*(held[k] for k in chosen))
        room = max_words - sum(cands[k].words for k in chosen)
        quoting = params.quotation_share * max_words - sum(
            cands[k].words for k in chosen if quotation(cands[k])
        )
        fits = [
            i
            for i, unit in units.items()
            if unit
            and i not in taken
            and sum(cands[k].words for k in unit) <= room
            and sum(cands[k].words for k in unit if quotation(cands[k])) <= quoting
            and not _repeats(vecs, i, chosen, params.duplicate)
        ]
        if not fits:
            return chosen

        def value(i: int, covered: set[tuple[str, ...]] = covered) -> float:
            new = set().union(*(held[k] for k in units[i])) - covered
            return (
                sum(weight.get(x, 0.0) for x in new) / max(1, sum(cands[k].words for k in units[i]))
                + bonus[i]
            )

        best = min(fits, key=lambda i: (-value(i), i))
        taken.add(best)
        chosen += units[best]
        opened = _follower(cands, best)
        if opened is not None and not units.get(opened):
            units[opened] = (opened,)


WORDS = [
    "levee",
    "mill",
    "river",
    "town",
    "school",
    "bridge",
    "mayor",
    "crews",
    "water",
    "road",
    "council",
    "farmers",
    "rain",
    "night",
]
PRONOUNS = ["", "", "", "He ", "They "]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from(PRONOUNS), st.lists(st.sampled_from(WORDS), min_size=5, max_size=12)),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=5, max_value=80),
)
def test_the_lazy_greedy_chooses_what_the_plain_greedy_chooses(
    articles: list[list[tuple[str, list[str]]]], budget: int
) -> None:
    texts = [
        [f"{lead}{' '.join(words)}.".capitalize() for lead, words in sentences] for sentences in articles
    ]
    cands = story(*texts)
    vecs = vectorise(cands)
    got = select(cands, vecs, similar(cands, vecs, Params()), budget, Params())
    assert got == eager(cands, budget, Params())
    assert sum(cands[i].words for i in got) <= budget


def test_a_quotation_torn_at_the_split_is_taken_whole() -> None:
    opening = '"We have lost the lower town.'
    closing = 'The bridge, the school and the clinic are all under water," Mayor Jana Drobna said.'
    other = "Schools across the county will stay closed until Wednesday at the earliest."
    cands = story([opening, closing, other])
    assert [c.skip for c in cands] == ["torn quote", None, None]
    vecs = vectorise(cands)
    for budget in (30, 16):
        texts = [cands[i].text for i in select(cands, vecs, similar(cands, vecs, Params()), budget, Params())]
        assert (opening in texts) == (closing in texts)


def test_quotations_take_at_most_their_share_of_the_budget() -> None:
    quotes = [
        '"We watched the water climb the church steps for six hours," the warden said.',
        '"Nobody answered our letters about the cracks," a farmer told reporters.',
        '"The siren on the pumping station never sounded," a neighbour said.',
        '"Our insurance will not pay for a flood like this," the baker said.',
        '"I carried my mother out through the kitchen window," one resident said.',
    ]
    narrative = [
        "The levee broke near the old mill on Sunday night and flooded the lower town.",
        "Schools across the county will stay closed until Wednesday at the earliest.",
        "Crews evacuated two hundred residents from homes along the river road.",
    ]
    cands = story(quotes + narrative)
    vecs = vectorise(cands)
    neighbours = similar(cands, vecs, Params())
    got = select(cands, vecs, neighbours, 120, Params())
    assert sum(cands[i].words for i in got if quotation(cands[i])) <= 40
    assert {cands[i].text for i in got} >= set(narrative)
    free = select(cands, vecs, neighbours, 120, Params(quotation_share=1.0))
    assert sum(cands[i].words for i in free if quotation(cands[i])) > 40
