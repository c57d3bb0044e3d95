"""Page furniture in a summary's candidate pool: captions, credits and gallery counters, the site
speaking to its reader about itself, and text about the page's machinery that the rest of the story
never mentions. None of it is news, and none of it may cost a real news sentence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsprism.records import Article, ArticleAnalysis, Quality, Span
from newsprism.summarize import news_spans
from newsprism.summarize.candidates import candidates
from newsprism.summarize.furniture import caption, news_start, site_address


@pytest.mark.parametrize(
    "text",
    [
        "Flood water rises near the old mill on Monday. (Photo: Ana Ruiz/Valley Courier)",
        "( ap photo/jo marsh ) ( associated press ) Riverton ( ap ) — the levee broke overnight.",
        "In this March 3, 2019, file photo, the mayor arrives for a council meeting in Riverton.",
        "In this image released by the county, crews stack sandbags along the river bank.",
        "7/42 12 May 2019 Crews stack sandbags along the river bank in Riverton.",
        "Image caption The levee near Riverton broke on Tuesday night after days of rain.",
        "Volunteers fill sandbags outside the town hall. (Courtesy of the county fire service)",
    ],
)
def test_captions_credits_and_gallery_counters_are_furniture(text: str) -> None:
    assert caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "The 9/11 commission held its first hearing in New York on Monday.",
        "The photographer was detained by police for six hours on Sunday.",
        "Prices rose 3/4 of a point in the last quarter, the bank said.",
        "Police released a photo of the suspect and asked the public for help.",
        "The mayor posted a video of the flooded square on social media.",
        "The phone lagged only once (when sending a picture message to a friend) in a week of use.",
        "The plan costs $4.99 a month (or $3.99/mo for members) from June.",
    ],
)
def test_news_about_photos_or_with_slashes_is_not_a_caption(text: str) -> None:
    assert not caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "You can always remove the location from your posts in your account settings.",
        "We use cookies to improve your experience on our site and to show you relevant ads.",
        "Add the river flood as an interest to get the latest updates in our app.",
        "We never share your email address with advertisers.",
        "Jo Marsh may be reached at jmarsh@courier.example or 555-201-4477.",
        "Email Ada Brenner at abrenner@riverton.example.",
        "For non-personal use or to order multiple copies, please contact Courier Reprints at 555-201-4478.",
        "This copy is for your personal, non-commercial use only.",
    ],
)
def test_the_site_addressing_its_reader_about_itself_is_furniture(text: str) -> None:
    assert site_address(text)


@pytest.mark.parametrize(
    "text",
    [
        '"You will get your homes back," the mayor told residents on Tuesday.',
        "Residents were told by email to leave their homes before noon, the county said.",
        "We counted 40 flooded homes on the east bank, the fire chief said.",
        "The company said hackers stole the email addresses of 3 million users.",
        "Download speeds fell across the county after the flood cut a fibre cable.",
        "If you already have a streaming account, open your account page to upgrade the plan.",
        "The label owns the copyright to her recordings and refused permission for the concert.",
        "Contact Detective Jo Marsh at 555-201-4479 with any information about the break-in.",
        "The harbour master can be reached at the lock most afternoons, the council said.",
        "Ada Brenner may be reached for the council at the next public hearing.",
    ],
)
def test_reported_speech_and_news_about_the_web_are_not_site_address(text: str) -> None:
    assert not site_address(text)


def _story(texts: list[str]) -> tuple[list[Article], list[ArticleAnalysis]]:
    articles = [
        Article(id=f"a{k}", source="x", title="", text=t, outlet=f"o{k}") for k, t in enumerate(texts)
    ]
    analyses = [ArticleAnalysis(article=a.id, sentences=((0, len(a.text)),)) for a in articles]
    return articles, analyses


def test_machinery_text_the_rest_of_the_story_never_mentions_is_furniture() -> None:
    archive = "Since 2004 the archive has added crawl data from partner web hosts to its collection of pages."
    news = "The levee near Riverton broke on Tuesday night after three days of heavy rain."
    other = "Riverton residents left their homes after the levee broke on Tuesday night."
    got = candidates(*_story([archive, news, other]), {})
    assert [c.skip for c in got] == ["furniture", None, None]


def test_machinery_words_the_story_itself_is_about_are_news() -> None:
    leak = "The archive said hackers copied crawl data and pages from its web hosts in March."
    other = "Hackers broke into the web archive and copied crawl data from its hosts, it said."
    got = candidates(*_story([leak, other]), {})
    assert [c.skip for c in got] == [None, None]


@pytest.mark.parametrize(
    ("text", "news"),
    [
        (
            "( Photo: Jo Marsh, AP ) Riverton — The levee broke overnight.",
            "Riverton — The levee broke overnight.",
        ),
        ("Advertisement The council voted to rebuild the levee.", "The council voted to rebuild the levee."),
        ('Advertisement "We will rebuild," the mayor said.', '"We will rebuild," the mayor said.'),
        (
            "Advertisement Sales of river boats doubled after the flood.",
            "Sales of river boats doubled after the flood.",
        ),
        # a corpus re-cased with its names in lower case: the label is followed by any word
        ("Advertisement police said the levee broke overnight.", "police said the levee broke overnight."),
        (
            "Photo Advertisement Continue reading the main story Crews worked all night.",
            "Crews worked all night.",
        ),
        ("Please enable JavaScript to watch this video Riverton — Water rose.", "Riverton — Water rose."),
        (
            "By Jo Marsh Ed Lane/Getty Images In his first interview, the mayor spoke.",
            "In his first interview, the mayor spoke.",
        ),
        (
            "Crews stack sandbags near the mill ( Jo Marsh/Valley Courier ) Riverton — The river crested.",
            "Riverton — The river crested.",
        ),
        (
            "( Photo: Ana Ruiz/Courier ) Buy Photo Story Highlights The dam held, engineers said.",
            "The dam held, engineers said.",
        ),
        (
            "( ap photo/jo marsh ) ( associated press ) Riverton ( ap ) — The levee broke.",
            "Riverton ( ap ) — The levee broke.",
        ),
    ],
)
def test_the_news_after_a_credit_or_notice_glued_to_its_start_is_found(text: str, news: str) -> None:
    assert text[news_start(text) :] == news


@pytest.mark.parametrize(
    "text",
    [
        "The mayor (a former teacher) said the levee would hold.",
        "Police released a photo of the suspect (pictured) on Monday.",
        "Image caption Mourners gathered at the college after the attack on Friday.",
        "Advertisement",
        "Advertisement revenue fell 12 percent in the quarter, the broadcaster said.",
        "Advertisement spending by the county tourism board rose by a third.",
        "( Photo: Jo Marsh/Courier ) ( click next to see more pictures )",
        "The levee broke on Tuesday night after three days of heavy rain.",
    ],
)
def test_a_sentence_without_a_cleanly_ended_furniture_prefix_is_not_cut(text: str) -> None:
    assert news_start(text) == 0


def test_a_lede_glued_behind_a_credit_is_a_candidate_from_where_its_news_starts() -> None:
    lede = "( Photo: Jo Marsh/Valley Courier ) Riverton — The levee near the old mill broke on Tuesday night."
    other = "Riverton residents left their homes after the levee broke on Tuesday night."
    articles, analyses = _story([lede, other])
    first = candidates(articles, analyses, {})[0]
    assert (first.skip, first.text) == (
        None,
        "Riverton — The levee near the old mill broke on Tuesday night.",
    )
    assert lede[first.start : first.end] == first.text
    assert news_spans(articles, analyses, {}) == {("a0", 0): Span("a0", first.start, first.end)}


def test_a_caption_behind_its_credit_stays_furniture() -> None:
    caption_only = "( Jo Marsh/Valley Courier ) In this March 3 file photo, crews stack sandbags by the mill."
    articles, analyses = _story([caption_only])
    assert candidates(articles, analyses, {})[0].skip == "furniture"
    assert news_spans(articles, analyses, {}) == {("a0", 0): None}


def test_a_lede_recovered_from_furniture_in_a_spun_article_is_still_spun() -> None:
    spun = "Advertisement The chamber cast a ballot to reconstruct the levee close to the old factory."
    clean = "The council voted to rebuild the levee near the old mill on Tuesday night."
    articles, analyses = _story([spun, clean])
    analyses[0] = replace(analyses[0], quality=Quality(score=0.8, spun=True))
    assert [c.skip for c in candidates(articles, analyses, {})] == ["spun", None]


@pytest.mark.parametrize(
    ("text", "news"),
    [
        (
            "Listen to article 4:12 The county board voted to rebuild the river bridge on Monday.",
            "The county board voted to rebuild the river bridge on Monday.",
        ),
        (
            "By | | Text size | | Shares of the regional grocer fell 6% after it cut its forecast.",
            "Shares of the regional grocer fell 6% after it cut its forecast.",
        ),
        (
            "By\n\n   Text size\n\nShares of the regional grocer fell 6% after it cut its forecast.",
            "Shares of the regional grocer fell 6% after it cut its forecast.",
        ),
    ],
)
def test_a_news_sentence_opening_with_the_pages_own_controls_is_cut_where_its_news_starts(
    text: str, news: str
) -> None:
    """Whole, the sentence reads as news (no credit, no notice to the reader), so only the
    page's own labels mark it: the audio player's length, the type-size control, an empty byline."""
    articles, analyses = _story([text])
    first = candidates(articles, analyses, {})[0]
    assert (first.skip, first.text) == (None, news)
    assert news_spans(articles, analyses, {}) == {("a0", 0): Span("a0", first.start, first.end)}


@pytest.mark.parametrize(
    "text",
    [
        "By the time rescuers reached the farm, the river had covered the road.",
        "By\nnightfall the river had covered the road to the farm and the mill.",
        "Listen to the recording the council released and you hear the vote change.",
    ],
)
def test_news_opening_with_a_word_a_label_also_uses_is_not_cut(text: str) -> None:
    articles, analyses = _story([text])
    assert candidates(articles, analyses, {})[0].text == text


def test_advertisement_the_noun_is_never_cut_from_its_sentence() -> None:
    """The noun in "Advertisement revenue fell ..." is news about advertisements: the summary
    cites the sentence whole or not at all, never from "revenue fell ...". The word stays a site
    word (boilerplate in a story that mentions it once, news in one that comes back to it)."""
    noun = "Advertisement revenue fell 12 percent in the quarter, the broadcaster said."
    again = "The broadcaster blamed the fall on advertisement budgets cut by its largest clients."
    alone = candidates(*_story([noun]), {})[0]
    assert (alone.skip, alone.text, alone.cut) == ("boilerplate", noun, 0)
    first = candidates(*_story([noun, again]), {})[0]
    assert (first.skip, first.text, first.cut) == (None, noun, 0)
